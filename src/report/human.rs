//! The human report: each diagnostic in miette's graphical form, consequences listed under
//! their cause (docs/maturity.md "Root causes") instead of one diagnostic each, waived
//! findings listed compactly, then the summary line.

use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme};

use super::Summary;
use super::graphical::Rendered;
use crate::catalogue::Rule;
use crate::diagnostic::Diagnostic;
use crate::source::SourceMap;

/// How the human report is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Whether to use ANSI colours.
    pub color: bool,
    /// Line width for wrapping.
    pub width: usize,
    /// Whether consequences are listed under their cause (`check --no-group` shows each).
    pub group: bool,
}

impl Style {
    /// Grouped output in `color` at the usual width.
    pub fn new(color: bool) -> Style {
        Style { color, ..Style::default() }
    }
}

impl Default for Style {
    fn default() -> Self {
        Style { color: false, width: 80, group: true }
    }
}

/// How many consequences a cause names before it counts the rest.
const NAMED_CONSEQUENCES: usize = 10;

/// What a cause's consequences are, in words: `units whose escalation runs into this cycle`.
fn consequences_phrase(cause: Rule, consequence: Rule) -> &'static str {
    match (cause, consequence) {
        (Rule::EscalationCycle, Rule::EscalationDeadEnd) => "whose escalation runs into this cycle",
        (Rule::EatMissing, Rule::EscalationDeadEnd) => "whose escalation can reach no Executive Action Team",
        _ => "that cannot pass while this fails",
    }
}

/// The lines that list a cause's consequences under it, wrapped at `width`.
fn consequence_lines(cause: &Diagnostic, consequences: &[&Diagnostic], width: usize) -> Vec<String> {
    let mut by_rule: Vec<(Rule, Vec<&str>)> = Vec::new();
    for d in consequences {
        let subject = d.subject.as_deref().unwrap_or("-");
        match by_rule.iter_mut().find(|(rule, _)| *rule == d.code) {
            Some((_, subjects)) => subjects.push(subject),
            None => by_rule.push((d.code, vec![subject])),
        }
    }
    let mut lines = Vec::new();
    for (rule, subjects) in by_rule {
        let mut named: Vec<String> =
            subjects.iter().take(NAMED_CONSEQUENCES).map(|s| format!("`{s}`")).collect();
        if subjects.len() > NAMED_CONSEQUENCES {
            named.push(format!("and {} more", subjects.len() - NAMED_CONSEQUENCES));
        }
        let units =
            if subjects.len() == 1 { "1 unit".to_owned() } else { format!("{} units", subjects.len()) };
        let text = format!(
            "and {units} {} ({} {}, fixed with it): {}",
            consequences_phrase(cause.code, rule),
            rule.code,
            rule.name,
            named.join(", ")
        );
        lines.extend(wrap(&text, "  = ", "    ", width));
    }
    lines
}

/// Greedy word wrap with a first-line and a continuation indent.
fn wrap(text: &str, first: &str, rest: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_owned();
    let mut empty = true;
    for word in text.split(' ') {
        if !empty && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::replace(&mut line, rest.to_owned()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    lines.push(line);
    lines
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
    let unwaived: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.waived.is_none()).collect();
    let grouped = if style.group { super::group_by_cause(&unwaived) } else { super::Groups::default() };
    for (i, d) in unwaived.iter().enumerate() {
        if grouped.is_consequence(i) {
            continue;
        }
        w.write_all(render_one(&handler, d, sources).as_bytes())?;
        let consequences = grouped.consequences_of(i, &unwaived);
        if !consequences.is_empty() {
            for line in consequence_lines(d, &consequences, style.width) {
                writeln!(w, "{line}")?;
            }
        }
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
