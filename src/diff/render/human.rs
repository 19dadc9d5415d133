//! The human rendering of a diff, with `similar` text diffs of changed items.

use super::*;

/// The human report; `color` paints the text diffs and the findings.
pub fn human(d: &Diff, sides: Sides<'_>, color: bool) -> String {
    let paint =
        |code: &str, text: &str| if color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() };
    let mut out = String::new();
    let _ = writeln!(out, "{}", paint("1", &format!("scaleguard diff {} -> {}", sides.old, sides.new)));
    if d.old_input_errors {
        let _ = writeln!(out, "note: the old side has input errors; its organisation may be incomplete");
    }
    if d.new_input_errors {
        let _ = writeln!(out, "note: the new side has input errors; its organisation may be incomplete");
    }
    if !d.changes.is_empty() {
        let _ = writeln!(out, "\n{}", paint("1", "Organisation"));
        for c in &d.changes {
            let _ = writeln!(out, "  {} {}", c.title(), status_phrase(c));
            for f in &c.facts {
                let _ = writeln!(out, "    {}", f.summary);
            }
        }
        let diffs: Vec<String> =
            d.changes.iter().map(ItemChange::text_diff).filter(|t| !t.is_empty()).collect();
        if !diffs.is_empty() {
            let _ = writeln!(out, "\n{}", paint("1", "Changed items"));
            for t in diffs {
                out.push_str(&crate::fmt::paint_diff(&t, color));
            }
        }
    }
    for (status, title, code) in [
        (FindingStatus::Introduced, "Findings introduced", "31"),
        (FindingStatus::Resolved, "Findings resolved", "32"),
        (FindingStatus::Waived, "Findings now waived", "33"),
        (FindingStatus::Unwaived, "Findings no longer waived", "31"),
    ] {
        let list: Vec<&FindingChange> = d.findings.iter().filter(|f| f.status == status).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", paint("1", &format!("{title} ({})", list.len())));
        let mark = match status {
            FindingStatus::Introduced | FindingStatus::Unwaived => "+",
            FindingStatus::Resolved | FindingStatus::Waived => "-",
        };
        for f in list {
            let _ = writeln!(out, "  {}", paint(code, &format!("{mark} {}", finding_line(f))));
        }
    }
    if let Some(s) = &d.scores {
        let changed: Vec<&ScoreChange> = s.components.iter().filter(|c| c.old != c.new).collect();
        if !changed.is_empty() || s.old != s.new {
            let _ = writeln!(out, "\n{}", paint("1", "Score"));
            for c in changed {
                let delta = c.delta_tenths.map_or_else(String::new, |t| format!(" ({})", signed_tenths(t)));
                let line = format!("  {}: {} -> {}{delta}", c.name, score_text(c.old), score_text(c.new));
                let _ = writeln!(out, "{}", if c.dropped { paint("31", &line) } else { line });
            }
            let _ = writeln!(
                out,
                "  overall: {} -> {}{}",
                score_text(s.old),
                score_text(s.new),
                level_note(&s.new_level)
            );
        }
    }
    let _ = writeln!(out, "\nscaleguard: {}", d.summary());
    out
}
