//! The coaching report as Markdown, for a pull-request comment or a wiki page on GitHub or
//! GitLab. Every input string is escaped by the template's Markdown mode ([`super::escape`]);
//! source excerpts sit in fenced code blocks that no input can close. GitHub does not show
//! inline SVG, so the radar becomes a table of scores with bars, grouped by cycle.

use super::Report;

/// Renders the report as Markdown.
pub fn render(report: &Report) -> Result<String, minijinja::Error> {
    super::render("report.md", report)
}
