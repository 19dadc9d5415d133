//! Baselines: today's findings recorded in a file (`scaleguard baseline`), so that `check
//! --baseline FILE` fails only on findings that are not in it (docs/ci.md).
//!
//! An entry is keyed by the finding's **meaning** — rule, subject and message — with a count,
//! never by file, line or column ([`crate::report::fingerprint`]): moving items between files
//! or reformatting changes nothing, while a new problem fails even on a subject that already
//! has baselined findings (another rule, or the same rule saying something else: SG211 naming
//! one more team, SG501 counting other developers). Only unwaived findings are recorded: a
//! waived one already passes, and when its waiver expires it should fail.
//!
//! The file is JSON, sorted, one entry per meaning, so that it reads well in review and a
//! fixed finding shows as a removed entry. `--prune` shrinks it to the findings that remain.

use std::collections::BTreeMap;

use miette::{NamedSource, SourceSpan};
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::report::fingerprint::Meaning;

/// The version of the baseline file format.
pub const VERSION: u32 = 1;

/// The default baseline file name.
pub const DEFAULT_FILE: &str = ".scaleguard-baseline.json";

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The file format version ([`VERSION`]).
    pub version: u32,
    /// The findings, sorted by code, subject and message.
    pub findings: Vec<Entry>,
}

/// The findings of one meaning.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The rule's code (`SG501`).
    pub code: String,
    /// The rule's name (`team-size`), for people; not part of the key.
    pub name: String,
    /// The subject (`payments`).
    pub subject: String,
    /// The message.
    pub message: String,
    /// How many findings of this meaning there were.
    pub count: usize,
}

impl Entry {
    fn meaning(&self) -> Meaning<'_> {
        Meaning { code: &self.code, subject: &self.subject, message: &self.message }
    }
}

/// A baseline file that cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BaselineError {
    /// The file cannot be read.
    #[error("cannot read the baseline `{file}`: {reason}")]
    #[diagnostic(
        code(scaleguard::baseline::unreadable),
        help("record one with `scaleguard baseline -o {file}`, or correct the file name")
    )]
    Unreadable {
        /// The file.
        file: String,
        /// What the operating system said.
        reason: String,
    },
    /// The file is not a baseline.
    #[error("`{file}` is not a scaleguard baseline: {problem}")]
    #[diagnostic(
        code(scaleguard::baseline::invalid),
        help("record it again with `scaleguard baseline -o {file}`")
    )]
    Invalid {
        /// The file.
        file: String,
        /// What is wrong.
        problem: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where.
        #[label("here")]
        span: SourceSpan,
    },
    /// The file was written by another version of the format.
    #[error("the baseline `{file}` has format version {found}; this scaleguard reads version {VERSION}")]
    #[diagnostic(
        code(scaleguard::baseline::version),
        help("record it again with `scaleguard baseline -o {file}`")
    )]
    Version {
        /// The file.
        file: String,
        /// The version found.
        found: u32,
    },
}

/// A run's findings split by a baseline.
#[derive(Debug, Clone, Default)]
pub struct Split {
    /// Findings not in the baseline (and waived findings, which a baseline never holds): what
    /// the run reports and judges.
    pub reported: Vec<Diagnostic>,
    /// Findings the baseline accepted.
    pub baselined: Vec<Diagnostic>,
    /// Baselined findings that no longer occur: the file can shrink by this many.
    pub fixed: usize,
}

impl Baseline {
    /// Records the unwaived findings of a run.
    pub fn record(diagnostics: &[Diagnostic]) -> Baseline {
        let mut counts: BTreeMap<Meaning<'_>, (&str, usize)> = BTreeMap::new();
        for d in diagnostics.iter().filter(|d| d.waived.is_none()) {
            counts.entry(Meaning::of(d)).or_insert((d.code.name, 0)).1 += 1;
        }
        let findings = counts
            .into_iter()
            .map(|(m, (name, count))| Entry {
                code: m.code.to_owned(),
                name: name.to_owned(),
                subject: m.subject.to_owned(),
                message: m.message.to_owned(),
                count,
            })
            .collect();
        Baseline { version: VERSION, findings }
    }

    /// Reads a baseline from the text of `file`.
    pub fn parse(file: &str, text: &str) -> Result<Baseline, Box<BaselineError>> {
        #[derive(Deserialize)]
        struct Versioned {
            version: u32,
        }
        let invalid = |e: serde_json::Error| {
            Box::new(BaselineError::Invalid {
                file: file.to_owned(),
                problem: e.to_string().split(" at line ").next().unwrap_or_default().to_owned(),
                src: NamedSource::new(file, text.to_owned()).with_language("JSON"),
                span: offset_of(text, e.line(), e.column()).into(),
            })
        };
        let versioned: Versioned = serde_json::from_str(text).map_err(invalid)?;
        if versioned.version != VERSION {
            return Err(Box::new(BaselineError::Version { file: file.to_owned(), found: versioned.version }));
        }
        let mut baseline: Baseline = serde_json::from_str(text).map_err(invalid)?;
        baseline.findings.sort();
        Ok(baseline)
    }

    /// Reads a baseline file.
    pub fn load(path: &std::path::Path) -> Result<Baseline, Box<BaselineError>> {
        let file = crate::source::display_path(path);
        let text = std::fs::read_to_string(path)
            .map_err(|e| Box::new(BaselineError::Unreadable { file: file.clone(), reason: e.to_string() }))?;
        Baseline::parse(&file, &text)
    }

    /// The file's text: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The number of findings recorded.
    pub fn len(&self) -> usize {
        self.findings.iter().map(|e| e.count).sum()
    }

    /// Whether no finding is recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Splits a run's findings (sorted, in output order) into those the baseline accepts and
    /// the rest. Each entry accepts up to `count` findings of its meaning, the first ones in
    /// output order; waived findings pass through untouched.
    pub fn split(&self, diagnostics: Vec<Diagnostic>) -> Split {
        let mut left: BTreeMap<Meaning<'_>, usize> =
            self.findings.iter().map(|e| (e.meaning(), e.count)).collect();
        let accepted: Vec<bool> = diagnostics
            .iter()
            .map(|d| {
                d.waived.is_none()
                    && left.get_mut(&Meaning::of(d)).is_some_and(|n| {
                        let some = *n > 0;
                        *n = n.saturating_sub(1);
                        some
                    })
            })
            .collect();
        let mut split = Split { fixed: left.values().sum(), ..Split::default() };
        for (d, accepted) in diagnostics.into_iter().zip(accepted) {
            if accepted { split.baselined.push(d) } else { split.reported.push(d) }
        }
        split
    }

    /// The baseline shrunk to the findings that still occur: each entry's count becomes at most
    /// the number of unwaived findings of its meaning in `diagnostics`; no entry is added.
    pub fn prune(&self, diagnostics: &[Diagnostic]) -> Baseline {
        let now = Baseline::record(diagnostics);
        let current: BTreeMap<Meaning<'_>, usize> =
            now.findings.iter().map(|e| (e.meaning(), e.count)).collect();
        let findings = self
            .findings
            .iter()
            .filter_map(|e| {
                let count = e.count.min(current.get(&e.meaning()).copied().unwrap_or(0));
                (count > 0).then(|| Entry { count, ..e.clone() })
            })
            .collect();
        Baseline { version: VERSION, findings }
    }
}

/// The byte offset of a 1-based line and column (serde_json's error position).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (start + column.saturating_sub(1)).min(text.len())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::catalogue::{Rule, Severity};

    fn d(rule: Rule, subject: &str, message: &str) -> Diagnostic {
        Diagnostic::new(rule, Severity::Error, message).subject(subject)
    }

    #[test]
    fn counts_meanings_and_splits_by_them() {
        let base = Baseline::record(&[
            d(Rule::TeamSize, "a", "m"),
            d(Rule::TeamSize, "a", "m"),
            d(Rule::TeamNoProductOwner, "b", "n"),
        ]);
        assert_eq!(base.len(), 3);
        assert_eq!(base.findings.len(), 2);
        let split = base.split(vec![
            d(Rule::TeamSize, "a", "m"),
            d(Rule::TeamSize, "a", "m"),
            d(Rule::TeamSize, "a", "m"),
        ]);
        assert_eq!(split.baselined.len(), 2);
        assert_eq!(split.reported.len(), 1);
        assert_eq!(split.fixed, 1);
    }

    #[test]
    fn prune_never_adds() {
        let base = Baseline::record(&[d(Rule::TeamSize, "a", "m"), d(Rule::TeamSize, "a", "m")]);
        let pruned = base.prune(&[d(Rule::TeamSize, "a", "m"), d(Rule::TeamNoScrumMaster, "z", "new")]);
        assert_eq!(pruned.len(), 1);
        assert_eq!(pruned.findings[0].code, Rule::TeamSize.code());
    }

    #[test]
    fn round_trips_and_rejects_other_versions() {
        let base = Baseline::record(&[d(Rule::TeamSize, "a", "m")]);
        assert_eq!(Baseline::parse("b.json", &base.to_json()).unwrap(), base);
        let other = base.to_json().replace("\"version\": 1", "\"version\": 2");
        assert!(
            matches!(Baseline::parse("b.json", &other), Err(e) if matches!(*e, BaselineError::Version { found: 2, .. }))
        );
        let bad = Baseline::parse("b.json", "{\"version\": 1, \"x\": 2}");
        assert!(matches!(bad, Err(e) if matches!(*e, BaselineError::Invalid { .. })));
    }
}
