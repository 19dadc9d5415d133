//! Fingerprints of findings that survive unrelated edits: SARIF's `partialFingerprints`,
//! GitLab's `fingerprint`, and the key of a baseline entry.
//!
//! A finding is identified by its **meaning**: the rule's code, the subject (GUARDRAILS.md
//! "Subjects") and the message, numbers included (`has 11 developers` and `has 12 developers`
//! are different findings). Never by file, line or column: moving an item to another file or
//! reformatting keeps every fingerprint, while a new problem on the same subject gets a new
//! one. Two findings with the same meaning in one run (rare: an input error repeated word for
//! word) are told apart by their occurrence number in output order.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::diagnostic::{Cause, Diagnostic};

/// The name of scaleguard's entry in SARIF `partialFingerprints`; the version changes if the
/// recipe ever does, so that old and new fingerprints are never compared.
pub const SARIF_KEY: &str = "scaleguard/v1";

/// What a finding means: `(code, subject, message)`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Meaning<'a> {
    /// The rule's code.
    pub code: &'a str,
    /// The subject, empty when the finding has none.
    pub subject: &'a str,
    /// The message.
    pub message: &'a str,
}

impl<'a> Meaning<'a> {
    /// The meaning of a diagnostic.
    pub fn of(d: &'a Diagnostic) -> Meaning<'a> {
        Meaning { code: d.code.code, subject: d.subject.as_deref().unwrap_or(""), message: &d.message }
    }
}

/// The fingerprint of a consequence's cause: the cause's own fingerprint (a cause's meaning
/// occurs once in a run).
pub fn of_cause(cause: &Cause) -> String {
    fingerprint(&Meaning { code: cause.code.code, subject: &cause.subject, message: &cause.message }, 0)
}

/// The fingerprint of one meaning and its occurrence number (0 for the first): the first 128
/// bits of the SHA-256 of the fields, separated by newlines, as 32 lowercase hex digits.
pub fn fingerprint(meaning: &Meaning<'_>, occurrence: usize) -> String {
    let mut hash = Sha256::new();
    hash.update(b"scaleguard-fingerprint-v1\n");
    for field in [meaning.code, meaning.subject, meaning.message] {
        hash.update(field.as_bytes());
        hash.update(b"\n");
    }
    if occurrence > 0 {
        hash.update(occurrence.to_string().as_bytes());
    }
    let digest = hash.finalize();
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The fingerprint of every diagnostic, in the same order (give them in output order, so
/// that repeated meanings are numbered the same way in every run).
pub fn fingerprints<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Vec<String> {
    let mut seen: BTreeMap<Meaning<'a>, usize> = BTreeMap::new();
    diagnostics
        .into_iter()
        .map(|d| {
            let meaning = Meaning::of(d);
            let n = seen.entry(meaning.clone()).or_insert(0);
            let print = fingerprint(&meaning, *n);
            *n += 1;
            print
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Rule, Severity};
    use crate::source::{FileId, Span};

    fn finding(message: &str, at: u32) -> Diagnostic {
        Diagnostic::new(Rule::TeamSize, Severity::Warning, message)
            .subject("payments")
            .primary(Span::new(FileId(at), at, at + 1), "")
    }

    #[test]
    fn position_does_not_change_the_fingerprint() {
        let a = fingerprints(&[finding("team `payments` has 2 developers", 0)]);
        let b = fingerprints(&[finding("team `payments` has 2 developers", 7)]);
        assert_eq!(a, b);
        assert_eq!(a[0].len(), 32);
    }

    #[test]
    fn meaning_changes_the_fingerprint() {
        let a = fingerprints(&[finding("team `payments` has 2 developers", 0)]);
        let b = fingerprints(&[finding("team `payments` has 12 developers", 0)]);
        assert_ne!(a, b);
    }

    #[test]
    fn repeated_meanings_get_distinct_fingerprints() {
        let d = finding("same", 0);
        let prints = fingerprints(&[d.clone(), d]);
        assert_ne!(prints[0], prints[1]);
    }
}
