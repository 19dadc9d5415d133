//! The adapter from a [`Diagnostic`] to miette's graphical renderer, for the human report.
//!
//! miette takes one source per diagnostic (zkat/miette#193), so labels in another file than
//! the primary label become `related` sub-diagnostics with their own source. Source windows are
//! cut with each file's line index, so rendering costs the same per diagnostic whatever the
//! size of the file.

use std::fmt;

use crate::diagnostic::{Applicability, Diagnostic, Label, Severity, Suggestion};
use crate::source::{FileId, SourceFile, SourceMap};

/// A diagnostic paired with its sources, for miette's graphical renderer.
pub struct Rendered<'a> {
    diagnostic: &'a Diagnostic,
    file: Option<&'a SourceFile>,
    labels: Vec<miette::LabeledSpan>,
    related: Vec<Rendered<'a>>,
    header: String,
    docs: Option<String>,
    help: Option<String>,
    related_severity: Option<miette::Severity>,
}

impl<'a> Rendered<'a> {
    /// Pairs `diagnostic` with the files its labels point into.
    pub fn new(diagnostic: &'a Diagnostic, sources: &'a SourceMap) -> Self {
        let primary_file = diagnostic.primary_span().map(|s| s.file);
        let mut labels = Vec::new();
        let mut others: Vec<(FileId, Vec<&Label>)> = Vec::new();
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
                help: None,
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
            help: help_text(diagnostic, sources),
            related_severity: None,
        }
    }
}

/// The help line, then each suggestion under it as rustc shows one: its message, with the new
/// text when that is one line (``replace with the existing name: `alice` ``), and, when its
/// edits stay on one line, that line as it reads once fixed.
fn help_text(diagnostic: &Diagnostic, sources: &SourceMap) -> Option<String> {
    let mut lines: Vec<String> = diagnostic.help.iter().cloned().collect();
    for s in &diagnostic.suggestions {
        let mut line = match s.single_edit() {
            Some(e) if !e.span.is_empty() && !e.replacement.is_empty() && !e.replacement.contains('\n') => {
                format!("{}: `{}`", s.message, e.replacement)
            }
            _ => s.message.clone(),
        };
        if s.applicability == Applicability::Unsafe {
            line.push_str(" (unsafe fix)");
        }
        lines.push(line);
        if let Some((number, fixed)) = fixed_line(s, sources) {
            lines.push(format!("{number} │ {fixed}"));
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The one line a suggestion changes, as it reads once fixed, with its 1-based number; `None`
/// when the edits touch several lines or files, or the new text has a line break.
fn fixed_line(suggestion: &Suggestion, sources: &SourceMap) -> Option<(u32, String)> {
    let first = suggestion.edits.first()?;
    let file = sources.file(first.span.file);
    let index = file.line_index();
    let line = file.position(first.span.start).line;
    let start = index.line_start(line)? as usize;
    let end = index.line_start(line + 1).map_or(file.text.len(), |e| e as usize);
    let mut edits: Vec<_> = suggestion.edits.iter().collect();
    edits.sort();
    let mut out = String::new();
    let mut at = start;
    for e in edits {
        let (from, to) = (e.span.start as usize, e.span.end as usize);
        if e.span.file != first.span.file || from < at || to > end || e.replacement.contains('\n') {
            return None;
        }
        out.push_str(file.text.get(at..from)?);
        out.push_str(&e.replacement);
        at = to;
    }
    out.push_str(file.text.get(at..end)?);
    Some((line, out.trim_end().to_owned()))
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
        self.help.as_deref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
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
