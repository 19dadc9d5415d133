//! The Markdown rendering of a diff, for a pull-request comment.

use super::*;

/// Escapes text for a Markdown table cell.
pub(super) fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// The Markdown report, for a pull-request comment.
pub fn markdown(d: &Diff, sides: Sides<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## scaleguard diff\n");
    let _ = writeln!(out, "`{}` → `{}`: **{}**\n", cell(sides.old), cell(sides.new), cell(&d.summary()));
    if d.old_input_errors || d.new_input_errors {
        let _ =
            writeln!(out, "> [!WARNING]\n> A side has input errors; its organisation may be incomplete.\n");
    }
    if !d.changes.is_empty() {
        let _ = writeln!(out, "### Organisation\n");
        let _ = writeln!(out, "| item | change |\n|---|---|");
        for c in &d.changes {
            let mut what = vec![status_phrase(c)];
            what.extend(c.facts.iter().map(|f| f.summary.clone()));
            let _ = writeln!(out, "| {} | {} |", cell(&c.title()), cell(&what.join("<br>")));
        }
        let diffs: Vec<String> =
            d.changes.iter().map(ItemChange::text_diff).filter(|t| !t.is_empty()).collect();
        if !diffs.is_empty() {
            let _ = writeln!(out, "\n<details><summary>Changed items</summary>\n\n```diff");
            for t in diffs {
                out.push_str(&t.replace("```", "'''"));
            }
            let _ = writeln!(out, "```\n\n</details>");
        }
        out.push('\n');
    }
    for (status, title) in [
        (FindingStatus::Introduced, "Findings introduced"),
        (FindingStatus::Resolved, "Findings resolved"),
        (FindingStatus::Waived, "Findings now waived"),
        (FindingStatus::Unwaived, "Findings no longer waived"),
    ] {
        let list: Vec<&FindingChange> = d.findings.iter().filter(|f| f.status == status).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {title} ({})\n", list.len());
        let _ = writeln!(out, "| code | rule | severity | subject | message |\n|---|---|---|---|---|");
        for f in list {
            let subject = f.subject.as_deref().map_or_else(String::new, |s| format!("`{s}`"));
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                f.code,
                f.name,
                f.severity,
                cell(&subject),
                cell(&f.message)
            );
        }
        out.push('\n');
    }
    if let Some(s) = &d.scores {
        let _ = writeln!(out, "### Score\n");
        let _ = writeln!(out, "| component | before | after | change |\n|---|---|---|---|");
        for c in &s.components {
            let change = match c.delta_tenths {
                Some(0) | None => String::new(),
                Some(t) if t < 0 => format!("**{}**", signed_tenths(t)),
                Some(t) => signed_tenths(t),
            };
            let _ =
                writeln!(out, "| {} | {} | {} | {change} |", c.name, score_text(c.old), score_text(c.new));
        }
        let _ = writeln!(out, "| **overall** | {} | {} | |", score_text(s.old), score_text(s.new));
        if !s.new_level.is_empty() {
            let _ = writeln!(out, "\nNow: {}.", s.new_level);
        }
    }
    out
}
