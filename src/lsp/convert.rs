//! Diagnostics in the protocol's shape: one [`crate::Diagnostic`] becomes one LSP diagnostic
//! at its primary label, with the rule's code, a `codeDescription` link to the rule's
//! documentation (`<docs_url>#sg501`, as SARIF's `helpUri`), the `help` line after the
//! message, and every other label as `relatedInformation` (in whatever file it stands).
//!
//! Severity: error, warning and info map to the protocol's Error, Warning and Information; a
//! waived finding is a Hint, its message saying so (it counts nowhere, but the editor may
//! still show it, as the human report does).

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position,
    Range, Url,
};

use super::position::Encoding;
use super::server::Doc;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Span;

/// The `source` of every diagnostic.
pub const SOURCE: &str = "scaleguard";

/// The LSP range of a span, in the document it points into.
pub fn range(docs: &[Doc<'_>], span: Span, encoding: Encoding) -> Range {
    match docs.get(span.file.0 as usize) {
        Some(doc) => doc.lines.range(doc.text, span, encoding),
        None => Range::new(Position::new(0, 0), Position::new(0, 0)),
    }
}

/// One diagnostic in the protocol's shape.
pub fn diagnostic(
    d: &Diagnostic,
    docs: &[Doc<'_>],
    encoding: Encoding,
    docs_url: &str,
) -> lsp_types::Diagnostic {
    let primary =
        d.labels.iter().position(|l| l.primary).or(if d.labels.is_empty() { None } else { Some(0) });
    let range = primary
        .and_then(|i| d.labels.get(i))
        .map_or(Range::new(Position::new(0, 0), Position::new(0, 0)), |l| range(docs, l.span, encoding));
    let mut message = d.message.clone();
    if let Some(w) = &d.waived {
        message = format!("{message} (waived: {})", w.reason);
    }
    if let Some(help) = &d.help {
        message = format!("{message}\nhelp: {help}");
    }
    let severity = match (d.waived.is_some(), d.severity) {
        (true, _) => DiagnosticSeverity::HINT,
        (false, Severity::Error) => DiagnosticSeverity::ERROR,
        (false, Severity::Warning) => DiagnosticSeverity::WARNING,
        (false, Severity::Info) => DiagnosticSeverity::INFORMATION,
    };
    let code_description = Url::parse(&crate::report::sarif::help_uri(d.code.meta(), docs_url))
        .ok()
        .map(|href| CodeDescription { href });
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .enumerate()
        .filter(|&(i, _)| Some(i) != primary)
        .filter_map(|(_, label)| {
            let doc = docs.get(label.span.file.0 as usize)?;
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: doc.uri.clone(),
                    range: doc.lines.range(doc.text, label.span, encoding),
                },
                message: label.message.clone(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.code.to_owned())),
        code_description,
        source: Some(SOURCE.to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}
