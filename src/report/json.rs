//! The JSON report (`--format json`), schema version 1: `{"version", "findings", "summary"}`.
//! Documented in docs/json.md; keys are snake_case; findings are sorted by file, line, column,
//! code; lines and columns are 1-based, columns in Unicode code points.

use std::io::{self, Write};

use serde::Serialize;

use super::Summary;
use crate::diagnostic::{Diagnostic, Label, Suggestion};
use crate::source::{SourceMap, Span};

/// The schema version of the JSON report.
pub const VERSION: u32 = 1;

/// A place in a file, 1-based.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Location {
    /// The file, as given.
    pub file: String,
    /// Start line.
    pub line: u32,
    /// Start column (code points).
    pub column: u32,
    /// End line.
    pub end_line: u32,
    /// End column (code points), exclusive.
    pub end_column: u32,
}

impl Location {
    /// The location of a span.
    pub fn of(span: Span, sources: &SourceMap) -> Self {
        let file = sources.file(span.file);
        let start = file.position(span.start);
        let end = file.position(span.end);
        Location {
            file: file.name.clone(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

/// A secondary label in JSON.
#[derive(Debug, Clone, Serialize)]
pub struct JsonLabel {
    /// Where.
    #[serde(flatten)]
    pub location: Location,
    /// What it says.
    pub message: String,
}

/// The waiver covering a finding.
#[derive(Debug, Clone, Serialize)]
pub struct JsonWaiver {
    /// The file of the `waive` statement.
    pub file: String,
    /// Its line.
    pub line: u32,
    /// Its reason.
    pub reason: String,
    /// Its `until` date, if any.
    pub until: Option<String>,
}

/// One finding in JSON.
#[derive(Debug, Clone, Serialize)]
pub struct JsonFinding {
    /// `SG501`.
    pub code: &'static str,
    /// `team-size`.
    pub name: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The subject, or null.
    pub subject: Option<String>,
    /// File of the primary label, or null.
    pub file: Option<String>,
    /// 1-based line, or null.
    pub line: Option<u32>,
    /// 1-based column, or null.
    pub column: Option<u32>,
    /// End line, or null.
    pub end_line: Option<u32>,
    /// End column, or null.
    pub end_column: Option<u32>,
    /// The message.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Whether a waiver in force covers it.
    pub waived: bool,
    /// The waiver, when waived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<JsonWaiver>,
    /// Secondary labels.
    pub labels: Vec<JsonLabel>,
    /// The finding this one is a consequence of (docs/maturity.md "Root causes"), when any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caused_by: Option<JsonCause>,
    /// The fixes it proposes as edits (`check --fix`), when any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<JsonSuggestion>,
}

/// A fix as edits (docs/json.md "Suggestions").
#[derive(Debug, Clone, Serialize)]
pub struct JsonSuggestion {
    /// What it does.
    pub message: String,
    /// `safe` (applied by `check --fix`) or `unsafe` (only with `--unsafe-fixes`).
    pub applicability: &'static str,
    /// The edits, applied together.
    pub edits: Vec<JsonEdit>,
}

/// One edit: the text between the location's start and end replaced.
#[derive(Debug, Clone, Serialize)]
pub struct JsonEdit {
    /// What is replaced (an empty range inserts).
    #[serde(flatten)]
    pub location: Location,
    /// The new text.
    pub replacement: String,
}

impl JsonSuggestion {
    /// Converts one suggestion.
    pub fn of(s: &Suggestion, sources: &SourceMap) -> Self {
        JsonSuggestion {
            message: s.message.clone(),
            applicability: s.applicability.as_str(),
            edits: s
                .edits
                .iter()
                .map(|e| JsonEdit {
                    location: Location::of(e.span, sources),
                    replacement: e.replacement.clone(),
                })
                .collect(),
        }
    }
}

/// The cause of a consequence: its rule, subject and fingerprint (SARIF's
/// `partialFingerprints."scaleguard/v1"` of the cause).
#[derive(Debug, Clone, Serialize)]
pub struct JsonCause {
    /// The cause's rule code.
    pub code: &'static str,
    /// The cause's rule name.
    pub name: &'static str,
    /// The cause's subject.
    pub subject: String,
    /// The cause's fingerprint.
    pub fingerprint: String,
}

impl JsonFinding {
    /// Converts one diagnostic.
    pub fn of(d: &Diagnostic, sources: &SourceMap) -> Self {
        let location = d.primary_span().map(|s| Location::of(s, sources));
        let labels = d
            .labels
            .iter()
            .filter(|l: &&Label| !l.primary)
            .map(|l| JsonLabel { location: Location::of(l.span, sources), message: l.message.clone() })
            .collect();
        let waiver = d.waived.as_ref().map(|w| JsonWaiver {
            file: sources.file(w.span.file).name.clone(),
            line: sources.file(w.span.file).position(w.span.start).line,
            reason: w.reason.clone(),
            until: w.until.clone(),
        });
        JsonFinding {
            code: d.code.code,
            name: d.code.name,
            severity: d.severity.as_str(),
            subject: d.subject.clone(),
            file: location.as_ref().map(|l| l.file.clone()),
            line: location.as_ref().map(|l| l.line),
            column: location.as_ref().map(|l| l.column),
            end_line: location.as_ref().map(|l| l.end_line),
            end_column: location.as_ref().map(|l| l.end_column),
            message: d.message.clone(),
            help: d.help.clone(),
            waived: d.waived.is_some(),
            waiver,
            labels,
            caused_by: d.caused_by.as_ref().map(|c| JsonCause {
                code: c.code.code,
                name: c.code.name,
                subject: c.subject.clone(),
                fingerprint: super::fingerprint::of_cause(c),
            }),
            suggestions: d.suggestions.iter().map(|s| JsonSuggestion::of(s, sources)).collect(),
        }
    }
}

/// The whole JSON report.
#[derive(Debug, Serialize)]
pub struct Report<'a, S: Serialize> {
    /// Schema version.
    pub version: u32,
    /// Findings, sorted.
    pub findings: Vec<JsonFinding>,
    /// Counts.
    pub summary: &'a Summary,
    /// The maturity score, when computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<S>,
}

/// Writes the JSON report.
pub fn write<S: Serialize>(
    w: &mut dyn Write,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    summary: &Summary,
    score: Option<S>,
) -> io::Result<()> {
    let findings = diagnostics.iter().map(|d| JsonFinding::of(d, sources)).collect();
    let report = Report { version: VERSION, findings, summary, score };
    serde_json::to_writer_pretty(&mut *w, &report).map_err(io::Error::other)?;
    writeln!(w)
}
