//! Stage 5, **report**: pure functions from the run's diagnostics (and, later, scores) to
//! text written into any `impl Write`. One module per format; every format renders the same
//! sorted [`crate::Diagnostic`]s.

pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod graphical;
pub mod human;
pub mod json;
pub mod junit;
pub mod location;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Severity};

/// Counts of a run's findings, as printed in the summary line and the JSON `summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// Unwaived errors (input errors included).
    pub errors: usize,
    /// Unwaived warnings.
    pub warnings: usize,
    /// Unwaived infos.
    pub infos: usize,
    /// Waived findings.
    pub waived: usize,
    /// Input errors (SG0xx) among the errors.
    pub input_errors: usize,
}

impl Summary {
    /// Counts `diagnostics` of a run over `files` files.
    pub fn of(diagnostics: &[Diagnostic], files: usize) -> Self {
        let mut s = Summary { files, ..Summary::default() };
        for d in diagnostics {
            if d.waived.is_some() {
                s.waived += 1;
                continue;
            }
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
            if d.is_input_error() {
                s.input_errors += 1;
            }
        }
        s
    }

    /// The summary line: `scaleguard: 2 errors, 1 warning in 14 files`.
    pub fn line(&self) -> String {
        use crate::diagnostic::plural;
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error", "errors"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning", "warnings"));
        }
        if self.infos > 0 {
            parts.push(plural(self.infos, "info", "infos"));
        }
        let mut found = if parts.is_empty() { "no findings".to_owned() } else { parts.join(", ") };
        if self.waived > 0 {
            found.push_str(&format!(" ({} waived)", self.waived));
        }
        format!("scaleguard: {found} in {}", plural(self.files, "file", "files"))
    }
}

/// Which findings of a list are consequences shown under their cause (docs/maturity.md "Root
/// causes"): a consequence is grouped when its cause is in the same list.
#[derive(Debug, Default)]
pub struct Groups {
    /// For each finding, the index of its cause in the list, when grouped under it.
    cause_of: Vec<Option<usize>>,
}

impl Groups {
    /// Whether the finding at `i` is shown under its cause.
    pub fn is_consequence(&self, i: usize) -> bool {
        self.cause_of.get(i).copied().flatten().is_some()
    }

    /// The consequences grouped under the finding at `i`, in list order.
    pub fn consequences_of<'d>(&self, i: usize, list: &[&'d Diagnostic]) -> Vec<&'d Diagnostic> {
        self.cause_of.iter().zip(list).filter(|(cause, _)| **cause == Some(i)).map(|(_, d)| *d).collect()
    }
}

/// Groups the consequences of `list` under causes that are in it.
pub fn group_by_cause(list: &[&Diagnostic]) -> Groups {
    if list.iter().all(|d| d.caused_by.is_none()) {
        return Groups::default();
    }
    let mut index: std::collections::HashMap<(&str, &str, &str), usize> = std::collections::HashMap::new();
    for (i, d) in list.iter().enumerate() {
        index.entry((d.code.code, d.subject.as_deref().unwrap_or(""), d.message.as_str())).or_insert(i);
    }
    let cause_of = list
        .iter()
        .map(|d| {
            let cause = d.caused_by.as_ref()?;
            index.get(&(cause.code.code, cause.subject.as_str(), cause.message.as_str())).copied()
        })
        .collect();
    Groups { cause_of }
}
