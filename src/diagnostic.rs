//! One [`Diagnostic`] type for every finding and input error, and its adapter to miette.
//!
//! Every output format renders the same `Diagnostic` values: the human report through miette's
//! graphical handler ([`Rendered`]), machine formats from the fields directly. miette takes one
//! source per diagnostic (zkat/miette#193), so labels in another file than the primary label
//! become `related` sub-diagnostics with their own source.

use std::fmt;

use crate::catalogue::Rule;
use crate::source::{SourceFile, SourceMap, Span};

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

/// A diagnostic paired with its sources, for miette's graphical renderer.
pub struct Rendered<'a> {
    diagnostic: &'a Diagnostic,
    file: Option<&'a SourceFile>,
    labels: Vec<miette::LabeledSpan>,
    related: Vec<Rendered<'a>>,
    header: String,
    docs: Option<String>,
    related_severity: Option<miette::Severity>,
}

impl<'a> Rendered<'a> {
    /// Pairs `diagnostic` with the files its labels point into.
    pub fn new(diagnostic: &'a Diagnostic, sources: &'a SourceMap) -> Self {
        let primary_file = diagnostic.primary_span().map(|s| s.file);
        let mut labels = Vec::new();
        let mut others: Vec<(crate::source::FileId, Vec<&Label>)> = Vec::new();
        for label in &diagnostic.labels {
            if Some(label.span.file) == primary_file {
                labels.push(to_miette(label));
            } else if let Some((_, group)) = others.iter_mut().find(|(f, _)| *f == label.span.file) {
                group.push(label);
            } else {
                others.push((label.span.file, vec![label]));
            }
        }
        let related = others
            .into_iter()
            .map(|(file, group)| Rendered {
                diagnostic,
                file: Some(sources.file(file)),
                labels: group.into_iter().map(to_miette).collect(),
                related: Vec::new(),
                header: format!("see also `{}`", sources.file(file).name),
                docs: None,
                related_severity: Some(miette::Severity::Advice),
            })
            .collect();
        let docs = Some(format!("scaleguard explain {}", diagnostic.code.code));
        let mut header = diagnostic.message.clone();
        if let Some(w) = &diagnostic.waived {
            header = format!("{header} (waived: {})", w.reason);
        }
        Rendered {
            diagnostic,
            file: primary_file.map(|f| sources.file(f)),
            labels,
            related,
            header,
            docs,
            related_severity: None,
        }
    }
}

fn to_miette(label: &Label) -> miette::LabeledSpan {
    let span = miette::SourceSpan::new((label.span.start as usize).into(), label.span.len() as usize);
    let text = (!label.message.is_empty()).then(|| label.message.clone());
    if label.primary {
        miette::LabeledSpan::new_primary_with_span(text, span)
    } else {
        miette::LabeledSpan::new_with_span(text, span)
    }
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rendered").field("diagnostic", self.diagnostic).finish()
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.related_severity.is_some() {
            return None;
        }
        let d = self.diagnostic;
        Some(Box::new(format!("{} {}", d.code.code, d.code.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        if let Some(s) = self.related_severity {
            return Some(s);
        }
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.related_severity.is_some() {
            return None;
        }
        self.diagnostic.help.as_deref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.docs.as_deref().map(|d| Box::new(d) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.file.map(|f| f as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)))
    }
}

/// miette reads source context through this: it cuts a window of whole lines around the span
/// with the file's line index, so rendering costs the same per diagnostic whatever the size
/// of the file (miette's own `str` reader scans from the start of the text every time).
impl miette::SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text = self.text.as_str();
        let index = self.line_index();
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).min(text.len());
        let first = index.position(text, start as u32).line as usize;
        let last =
            index.position(text, end.saturating_sub(usize::from(!span.is_empty())) as u32).line as usize;
        let window_line = first.saturating_sub(context_lines_before).max(1);
        let window_start = index.line_start(window_line as u32).unwrap_or(0) as usize;
        let after = last + context_lines_after + 1;
        let window_end = index.line_start(after as u32).map_or(text.len(), |s| s as usize).min(text.len());
        let window = text.get(window_start..window_end).unwrap_or("");
        let local = miette::SourceSpan::new((start - window_start).into(), end - start);
        let inner = window.as_bytes().read_span(&local, context_lines_before, context_lines_after)?;
        let outer =
            miette::SourceSpan::new((inner.span().offset() + window_start).into(), inner.span().len());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            outer,
            inner.line() + window_line - 1,
            inner.column(),
            inner.line_count(),
        )))
    }
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
