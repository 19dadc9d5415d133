//! Calendar arithmetic for cadences (LANGUAGE.md §4): synchronisation and cadence classes.

use jiff::civil::Date;

/// Days since 0001-01-01 (any fixed epoch works: only differences and residues matter).
pub fn day_number(date: Date) -> i64 {
    let epoch = Date::constant(1, 1, 1);
    // `since` in days between two valid civil dates cannot fail; 0 is a safe fallback.
    date.since((jiff::Unit::Day, epoch)).map_or(0, |span| i64::from(span.get_days()))
}

/// The class of a dated cadence: its length and its start day modulo the length. Two dated
/// cadences are synchronised exactly when their classes are equal.
pub fn class(days: u32, start: Date) -> (u32, u32) {
    let len = i64::from(days.max(1));
    (days, day_number(start).rem_euclid(len) as u32)
}

/// Whether two cadences are synchronised: equal lengths and, where both have a start date,
/// start dates a whole number of sprints apart.
pub fn synchronised(a: (u32, Option<Date>), b: (u32, Option<Date>)) -> bool {
    if a.0 != b.0 {
        return false;
    }
    match (a.1, b.1) {
        (Some(x), Some(y)) => (day_number(x) - day_number(y)).rem_euclid(i64::from(a.0.max(1))) == 0,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::constant(y, m, day)
    }

    #[test]
    fn starts_fourteen_days_apart_with_two_week_sprints_are_synchronised() {
        assert!(synchronised((14, Some(d(2026, 1, 5))), (14, Some(d(2026, 1, 19)))));
        assert!(synchronised((14, Some(d(2026, 1, 5))), (14, Some(d(2025, 12, 22)))));
    }

    #[test]
    fn starts_three_days_apart_are_not_synchronised() {
        assert!(!synchronised((14, Some(d(2026, 1, 5))), (14, Some(d(2026, 1, 8)))));
    }

    #[test]
    fn harmonic_lengths_are_not_synchronised() {
        assert!(!synchronised((7, None), (14, None)));
    }

    #[test]
    fn a_missing_start_date_synchronises_with_any_of_the_same_length() {
        assert!(synchronised((14, None), (14, Some(d(2026, 1, 8)))));
    }

    #[test]
    fn classes_cross_leap_years_and_month_ends() {
        // 2024-02-28 and 2024-03-13 are 14 days apart across a leap day.
        assert_eq!(class(14, d(2024, 2, 28)), class(14, d(2024, 3, 13)));
        assert_ne!(class(14, d(2024, 2, 28)), class(14, d(2024, 3, 12)));
    }
}
