//! The three renderings of a diff: people (`human`), a pull-request comment (`markdown`) and
//! tools (`json`).

use super::*;

mod human;
mod json;
mod markdown;

pub use human::human;
pub use json::json;
pub use markdown::markdown;

pub(super) fn score_text(s: Option<f64>) -> String {
    s.map_or_else(|| "not assessed".to_owned(), |v| format!("{v:.1}"))
}

/// The names of the two sides, as the user gave them.
#[derive(Debug, Clone, Copy)]
pub struct Sides<'a> {
    /// The old side.
    pub old: &'a str,
    /// The new side.
    pub new: &'a str,
}

pub(super) fn status_phrase(c: &ItemChange) -> String {
    match c.status {
        Status::Added => "added".to_owned(),
        Status::Removed => "removed".to_owned(),
        Status::Changed => "changed".to_owned(),
        Status::Renamed => format!("renamed from `{}`", c.renamed_from.as_deref().unwrap_or("")),
    }
}

pub(super) fn finding_line(f: &FindingChange) -> String {
    let subject = f.subject.as_deref().map_or_else(String::new, |s| format!(" `{s}`"));
    let waived = if f.waived { " (waived)" } else { "" };
    format!("{} {}{subject}: {}{waived}", f.code, f.name, f.message)
}

pub(super) fn signed_tenths(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "+" };
    let a = t.unsigned_abs();
    format!("{sign}{}.{}", a / 10, a % 10)
}

/// ` (Defined: 3 errors remain — ...)` after the new overall score; empty when not assessed.
pub(super) fn level_note(level: &str) -> String {
    if level.is_empty() { String::new() } else { format!(" ({level})") }
}
