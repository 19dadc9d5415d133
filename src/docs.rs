//! Rule documentation rendered from the catalogue: `scaleguard explain`, `scaleguard rules`,
//! and `docs/rules.md` (generated, and kept in sync by a test).

use std::fmt::Write as _;

use crate::catalogue::{Component, RuleMeta, SubjectKind, rules};

/// The subject of a rule in words (GUARDRAILS.md "subject" column).
pub fn subject_words(kind: SubjectKind) -> &'static str {
    match kind {
        SubjectKind::Organisation => "the organisation",
        SubjectKind::Team => "each team",
        SubjectKind::ScrumOfScrums => "each Scrum of Scrums",
        SubjectKind::Unit => "each team and Scrum of Scrums",
        SubjectKind::ExecutiveActionTeam => "each Executive Action Team",
        SubjectKind::ExecutiveMetascrum => "each Executive MetaScrum",
        SubjectKind::Person => "each person",
        SubjectKind::Backlog => "each backlog",
        SubjectKind::Cycle => "each cycle",
        SubjectKind::Waiver => "each waiver",
        SubjectKind::Input => "the input text",
    }
}

fn component_words(c: Option<Component>) -> &'static str {
    c.map_or("—", Component::name)
}

/// Wraps `text` at `width` columns, each line prefixed by `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.len() > width {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

fn indent_block(text: &str, indent: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| if l.is_empty() { format!("{}\n", indent.trim_end()) } else { format!("{indent}{l}\n") })
        .collect()
}

/// A rule's documentation for the terminal (`scaleguard explain`).
pub fn explain(rule: &RuleMeta) -> String {
    let mut out = String::new();
    let scaled = if rule.scaled { ", scaled organisations only" } else { "" };
    let _ = writeln!(out, "{} {}", rule.code, rule.name);
    let _ = writeln!(
        out,
        "{} · {} · checked for {}{scaled}",
        rule.severity,
        component_words(rule.component),
        subject_words(rule.subject)
    );
    let _ = writeln!(out);
    out.push_str(&wrap(rule.summary, 80, ""));
    let _ = writeln!(out, "\nWhy it matters");
    out.push_str(&wrap(rule.rationale, 80, "  "));
    let _ = writeln!(out, "\nHow to fix");
    out.push_str(&wrap(rule.fix, 80, "  "));
    let _ = writeln!(out, "\nExample that fails");
    out.push_str(&indent_block(rule.fail, "  | "));
    let _ = writeln!(out, "\nExample that passes");
    out.push_str(&indent_block(rule.pass, "  | "));
    if !rule.is_input_error() {
        let _ = writeln!(
            out,
            "\nTune it in `policy`: `severity {} error|warning|info|off`{}",
            rule.name,
            if rule.is_waiver_rule() { "" } else { "; `waive ... \"<reason>\"`" }
        );
    }
    out
}

/// The catalogue as a plain table (`scaleguard rules`).
pub fn table() -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{:<6} {:<30} {:<8} component", "code", "name", "severity");
    for r in rules() {
        let _ = writeln!(
            out,
            "{:<6} {:<30} {:<8} {}",
            r.code,
            r.name,
            r.severity.as_str(),
            component_words(r.component)
        );
    }
    out
}

/// `docs/rules.md`: every rule's documentation in Markdown.
pub fn markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from rules/*.toml by `scaleguard rules --format markdown`; do not edit. -->\n\
         # Rules\n\n\
         Every rule scaleguard checks, with why it matters in Scrum@Scale, how to fix it, and an\n\
         example that fails and one that passes. `scaleguard explain <code-or-name>` prints the same\n\
         in a terminal. The policy block can change a rule's severity or turn it off\n\
         (`severity <rule> error|warning|info|off`) and waive it with a reason\n\
         (`waive <rule> [for <id>] [until <date>] \"<reason>\"`); see [policy.md](policy.md).\n\n\
         | code | name | severity | component | checked for |\n|---|---|---|---|---|\n",
    );
    for r in rules() {
        let scaled = if r.scaled { " (scaled)" } else { "" };
        let _ = writeln!(
            out,
            "| [{}](#{}) | `{}` | {} | {} | {}{scaled} |",
            r.code,
            r.anchor(),
            r.name,
            r.severity,
            component_words(r.component),
            subject_words(r.subject)
        );
    }
    for r in rules() {
        let _ = writeln!(
            out,
            "\n## {} {}\n\n`{}` · {} · {} · checked for {}{}\n",
            r.code,
            r.name,
            r.name,
            r.severity,
            component_words(r.component),
            subject_words(r.subject),
            if r.scaled { " in a scaled organisation" } else { "" }
        );
        let _ = writeln!(out, "**{}**\n", r.summary);
        let _ = writeln!(out, "{}\n", r.rationale.split_whitespace().collect::<Vec<_>>().join(" "));
        let _ = writeln!(out, "**Fix:** {}\n", r.fix);
        let _ = writeln!(
            out,
            "<details><summary>Example that fails</summary>\n\n```scale\n{}\n```\n\n</details>\n",
            r.fail.trim_end()
        );
        let _ = writeln!(
            out,
            "<details><summary>Example that passes</summary>\n\n```scale\n{}\n```\n\n</details>",
            r.pass.trim_end()
        );
    }
    out
}
