//! The registry: every rule's code and the function that evaluates it, in code order.
//!
//! Each area module (`eat` for SG1xx, `sos` for SG2xx, ... as in STYLE.md §2) lists its own
//! rules in a `RULES` table; adding a rule is one file in the area and one line in its table.
//! SG901 and SG902 judge waivers and live in the engine.

use super::{Checks, Context};

/// A rule's evaluation: records a pass or a failure for every subject it covers.
pub type RuleFn = fn(&Context<'_>, &mut Checks);

/// Every rule with logic, by area, in code order.
pub static RULES: std::sync::LazyLock<Vec<(&'static str, RuleFn)>> = std::sync::LazyLock::new(|| {
    let mut all: Vec<(&'static str, RuleFn)> = Vec::new();
    for area in [
        super::eat::RULES,
        super::sos::RULES,
        super::cadence::RULES,
        super::escalation::RULES,
        super::team::RULES,
        super::product::RULES,
        super::delivery::RULES,
        super::metrics::RULES,
        super::waiver::RULES,
    ] {
        all.extend_from_slice(area);
    }
    all.sort_by_key(|(code, _)| *code);
    all
});
