//! The GitLab Code Quality report (`--format gitlab`): a JSON array with one issue per unwaived
//! finding, in the fields GitLab documents: `description` (the message), `check_name` (the
//! rule, `SG503 team-no-scrum-master`), `fingerprint` (from the finding's meaning, see
//! [`super::fingerprint`]), `severity` and `location.path` + `location.lines.begin`.
//!
//! Severities map onto GitLab's scale (`info`, `minor`, `major`, `critical`, `blocker`) as
//! info → `info`, warning → `minor`, error → `major`: `critical` and `blocker` are left for
//! security and breakage, which a governance finding is not. GitLab has no notion of a
//! waived finding, so waived findings are left out. A finding with no place in a file (SG006
//! when no file declares an organisation) points at line 1 of the first file read.

use std::io::{self, Write};

use serde::Serialize;

use super::fingerprint;
use super::location::{Paths, Region};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, SourceMap};

/// One Code Quality issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// What is wrong (the finding's message).
    pub description: String,
    /// The rule: `SG503 team-no-scrum-master`.
    pub check_name: String,
    /// Stable across unrelated edits: rule, subject and message, never the line.
    pub fingerprint: String,
    /// `info`, `minor` or `major`.
    pub severity: &'static str,
    /// Where.
    pub location: IssueLocation,
}

/// Where an issue is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueLocation {
    /// Repository-relative path, forward slashes.
    pub path: String,
    /// The lines.
    pub lines: Lines,
}

/// The first line of an issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lines {
    /// 1-based.
    pub begin: u32,
}

/// GitLab's severity of a finding's severity.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "minor",
        Severity::Error => "major",
    }
}

/// The issues of a run: one per unwaived finding, in output order.
pub fn issues(diagnostics: &[Diagnostic], sources: &SourceMap, paths: &Paths) -> Vec<Issue> {
    let prints = fingerprint::fingerprints(diagnostics);
    diagnostics
        .iter()
        .zip(prints)
        .filter(|(d, _)| d.waived.is_none())
        .map(|(d, print)| {
            let (path, begin) = match d.primary_span() {
                Some(span) => {
                    let r = Region::of(span, sources, paths);
                    (r.path.to_owned(), r.line)
                }
                None if !sources.is_empty() => (paths.get(FileId(0)).to_owned(), 1),
                None => (".".to_owned(), 1),
            };
            Issue {
                description: d.message.clone(),
                check_name: format!("{} {}", d.code.code, d.code.name),
                fingerprint: print,
                severity: severity(d.severity),
                location: IssueLocation { path, lines: Lines { begin } },
            }
        })
        .collect()
}

/// Writes the Code Quality report.
pub fn write(
    w: &mut dyn Write,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    paths: &Paths,
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &issues(diagnostics, sources, paths)).map_err(io::Error::other)?;
    writeln!(w)
}
