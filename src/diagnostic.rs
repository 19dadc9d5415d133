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

/// Whether a suggestion may be applied without a person looking at it (ruff's
/// `Applicability`): `check --fix` applies safe ones, `--unsafe-fixes` the others too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// The edit keeps what the author meant and removes the finding (a misspelt name written
    /// as the one that exists, a timebox brought back to the Guide's).
    Safe,
    /// The edit is what the Guide asks for, but it changes the organisation in a way a person
    /// must judge (an agenda item added to a meeting).
    Unsafe,
}

impl Applicability {
    /// `safe` or `unsafe`, as JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// One change to a file: the text of `span` replaced by `replacement` (an empty span inserts,
/// an empty replacement deletes). Offsets are bytes of the text as read, after any byte-order
/// mark.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edit {
    /// What is replaced.
    pub span: Span,
    /// What it is replaced with.
    pub replacement: String,
}

impl Edit {
    /// Replaces `span` with `replacement`.
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Edit { span, replacement: replacement.into() }
    }

    /// Inserts `text` at byte `offset` of `span.file`'s text.
    pub fn insert(at: Span, text: impl Into<String>) -> Self {
        Edit { span: Span::new(at.file, at.start, at.start), replacement: text.into() }
    }
}

/// A fix a diagnostic proposes, as data (rustc's `span_suggestion`, ruff's `Fix`): what it
/// does in words, the edits that do it, and whether it may be applied unseen. The command
/// line (`check --fix`), SARIF's `fixes` and the language server's quick fixes all read these
/// edits; nobody parses help text. A diagnostic's suggestions are independent of one another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// What the fix does, as an order: ``replace with the existing name``.
    pub message: String,
    /// The edits, applied together or not at all; never overlapping.
    pub edits: Vec<Edit>,
    /// Whether it may be applied without a person looking at it.
    pub applicability: Applicability,
}

impl Suggestion {
    /// A suggestion of `edits`, described by `message`.
    pub fn new(message: impl Into<String>, edits: Vec<Edit>, applicability: Applicability) -> Self {
        Suggestion { message: message.into(), edits, applicability }
    }

    /// The suggestion's one edit, when it has exactly one.
    pub fn single_edit(&self) -> Option<&Edit> {
        match self.edits.as_slice() {
            [edit] => Some(edit),
            _ => None,
        }
    }
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
    /// The fixes it proposes as edits (empty when the right edit is not certain).
    pub suggestions: Vec<Suggestion>,
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
            suggestions: Vec::new(),
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

    /// Adds a suggestion (a fix as edits).
    #[must_use]
    pub fn suggest(mut self, suggestion: Suggestion) -> Self {
        self.suggestions.push(suggestion);
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
