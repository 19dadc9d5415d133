//! The coaching report as one self-contained HTML file: inline CSS and an inline SVG radar
//! chart; no script, no web font, no network fetch. It reads on screen, follows the reader's
//! dark mode (`prefers-color-scheme`), and prints to PDF with a page break before each
//! component. minijinja's HTML auto-escape covers every input string, in the SVG too.

use super::Report;

/// Renders the report as HTML.
pub fn render(report: &Report) -> Result<String, minijinja::Error> {
    super::render("report.html", report)
}
