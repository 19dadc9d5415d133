//! The human report: each diagnostic in miette's graphical form, waived findings listed
//! compactly, then the summary line.

use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme};

use super::Summary;
use crate::diagnostic::{Diagnostic, Rendered};
use crate::source::SourceMap;

/// How the human report is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Whether to use ANSI colours.
    pub color: bool,
    /// Line width for wrapping.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style { color: false, width: 80 }
    }
}

/// A miette handler for `style` (unicode, with or without colour; links as text).
pub fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    GraphicalReportHandler::new_themed(theme).with_width(style.width).with_links(false)
}

/// Renders one diagnostic.
pub fn render_one(handler: &GraphicalReportHandler, diagnostic: &Diagnostic, sources: &SourceMap) -> String {
    let mut out = String::new();
    let rendered = Rendered::new(diagnostic, sources);
    if handler.render_report(&mut out, &rendered).is_err() {
        out = format!("{}: {}\n", diagnostic.code.code, diagnostic.message);
    }
    out
}

/// Writes the human report of `diagnostics` (sorted) and the summary line.
pub fn write(
    w: &mut dyn Write,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    summary: &Summary,
    extra_summary: &str,
    style: Style,
) -> io::Result<()> {
    let handler = handler(style);
    for d in diagnostics.iter().filter(|d| d.waived.is_none()) {
        w.write_all(render_one(&handler, d, sources).as_bytes())?;
        writeln!(w)?;
    }
    let waived: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.waived.is_some()).collect();
    if !waived.is_empty() {
        writeln!(w, "waived findings:")?;
        for d in waived {
            let place = d
                .primary_span()
                .map(|s| {
                    let f = sources.file(s.file);
                    let p = f.position(s.start);
                    format!("{}:{}:{}", f.name, p.line, p.column)
                })
                .unwrap_or_default();
            let (reason, until) =
                d.waived.as_ref().map_or(("", None), |w| (w.reason.as_str(), w.until.as_deref()));
            let until = until.map_or_else(String::new, |u| format!(", until {u}"));
            writeln!(
                w,
                "  {place} {} {} `{}`: {} (waived: {reason}{until})",
                d.code.code,
                d.code.name,
                d.subject.as_deref().unwrap_or("-"),
                d.message
            )?;
        }
        writeln!(w)?;
    }
    writeln!(w, "{}{extra_summary}", summary.line())?;
    Ok(())
}
