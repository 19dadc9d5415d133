//! SG3xx: sprint cadences.

pub(super) mod cadence_missing;
pub(super) mod cadence_unsynchronised;
pub(super) mod sprint_too_long;

use jiff::civil::Date;

/// A sprint length as an adjective: `2-week`, `10-day`.
fn length_adjective(days: u32) -> String {
    if days.is_multiple_of(7) { format!("{}-week", days / 7) } else { format!("{days}-day") }
}

/// A sprint length as a noun: `1 week`, `4 weeks`, `10 days`.
fn length_noun(days: u32) -> String {
    if days.is_multiple_of(7) {
        crate::diagnostic::plural((days / 7) as usize, "week", "weeks")
    } else {
        crate::diagnostic::plural(days as usize, "day", "days")
    }
}

/// A cadence in words: `2-week sprints starting 2026-01-05`, `2-week sprints without a start
/// date`.
fn describe(days: u32, start: Option<Date>) -> String {
    match start {
        Some(d) => format!("{} sprints starting {d}", length_adjective(days)),
        None => format!("{} sprints without a start date", length_adjective(days)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_read_in_weeks_when_whole() {
        assert_eq!(length_adjective(14), "2-week");
        assert_eq!(length_adjective(10), "10-day");
        assert_eq!(length_noun(7), "1 week");
        assert_eq!(length_noun(28), "4 weeks");
        assert_eq!(length_noun(1), "1 day");
        assert_eq!(describe(14, Some(Date::constant(2026, 1, 5))), "2-week sprints starting 2026-01-05");
        assert_eq!(describe(21, None), "3-week sprints without a start date");
    }
}
