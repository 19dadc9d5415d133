//! One [`Diagnostic`] type for every finding and input error.
//!
//! Every output format renders the same `Diagnostic` values: the human report through miette's
//! graphical handler (`report::graphical`), machine formats from the fields directly. This
//! module knows spans, not source files, so it sits below `source` in the pipeline.

use crate::catalogue::Rule;
use crate::span::Span;

pub use crate::catalogue::Severity;

/// A labelled span. The primary label shows where the problem is; secondary labels explain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What to say there (may be empty).
    pub message: String,
    /// Whether this is the primary label.
    pub primary: bool,
}

/// The waiver that covers a finding (GUARDRAILS.md "Severity, waivers and the exit code").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waived {
    /// The `waive` statement.
    pub span: Span,
    /// Its reason.
    pub reason: String,
    /// Its `until` date, `YYYY-MM-DD`.
    pub until: Option<String>,
}

/// The finding a consequence cannot pass without (docs/maturity.md "Root causes"): SG402 on a
/// unit whose escalation runs into a cycle is caused by that cycle's SG401; SG402 in an
/// organisation without an EAT by SG101. Renderers group consequences under their cause and
/// name the cause's fingerprint (its code, subject and message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    /// The cause's rule.
    pub code: Rule,
    /// The cause's subject.
    pub subject: String,
    /// The cause's message (with code and subject, its meaning and fingerprint).
    pub message: String,
    /// The cause's primary place, if it has one.
    pub span: Option<Span>,
}

/// One finding or input error, ready for any output format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule (`code.code` and `code.name` read its code and name).
    pub code: Rule,
    /// The effective severity.
    pub severity: Severity,
    /// The subject (GUARDRAILS.md "Subjects"); `None` for SG001 and SG006.
    pub subject: Option<String>,
    /// What is wrong, about whom; makes sense alone.
    pub message: String,
    /// The labels; the primary one first.
    pub labels: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// The waiver in force that covers it, if any.
    pub waived: Option<Waived>,
    /// The finding it is a consequence of, if any.
    pub caused_by: Option<Cause>,
}

impl Diagnostic {
    /// A diagnostic of `code` at `severity` with a message and nothing else yet.
    pub fn new(code: Rule, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            subject: None,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            waived: None,
            caused_by: None,
        }
    }

    /// An input error (always severity error).
    pub fn input(code: Rule, message: impl Into<String>) -> Self {
        Diagnostic::new(code, Severity::Error, message)
    }

    /// Adds the primary label (kept first).
    #[must_use]
    pub fn primary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.insert(0, Label { span, message: message.into(), primary: true });
        self
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { span, message: message.into(), primary: false });
        self
    }

    /// Sets the help line.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the subject.
    #[must_use]
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// The primary label's span, if any.
    pub fn primary_span(&self) -> Option<Span> {
        self.labels.iter().find(|l| l.primary).or(self.labels.first()).map(|l| l.span)
    }

    /// Whether this is an input error (SG0xx).
    pub fn is_input_error(&self) -> bool {
        self.code.is_input_error()
    }

    /// The sort key of GUARDRAILS/issue order: file, line, column, code (then message, so
    /// that the order is total and output never depends on how findings were produced).
    pub fn sort_key(&self) -> (u32, u32, u32, &'static str, &str, &str) {
        let span = self.primary_span().unwrap_or_default();
        (
            span.file.0,
            span.start,
            span.end,
            self.code.code,
            self.subject.as_deref().unwrap_or(""),
            self.message.as_str(),
        )
    }
}

/// Sorts diagnostics into output order: by file, position, code.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Joins words as `a`, `a or b`, `a, b, or c` (Oxford comma, STYLE.md §4).
pub fn or_list<S: AsRef<str>>(items: &[S]) -> String {
    join_list(items, "or")
}

/// Joins words as `a`, `a and b`, `a, b, and c` (Oxford comma, STYLE.md §4).
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    join_list(items, "and")
}

fn join_list<S: AsRef<str>>(items: &[S], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [a, b] => format!("{} {word} {}", a.as_ref(), b.as_ref()),
        [init @ .., last] => {
            let mut out = String::new();
            for item in init {
                out.push_str(item.as_ref());
                out.push_str(", ");
            }
            out.push_str(word);
            out.push(' ');
            out.push_str(last.as_ref());
            out
        }
    }
}

/// `1 member`, `3 members`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("{n} {one}") } else { format!("{n} {many}") }
}
