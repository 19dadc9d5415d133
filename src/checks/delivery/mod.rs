//! SG7xx: delivery (Definition of Done, releases).

mod dod_not_shared;
mod release_slower_than_sprint;
mod sos_no_release_cadence;

use super::registry::RuleFn;

/// The rules of this area, in code order.
pub(super) const RULES: &[(&str, RuleFn)] = &[
    ("SG701", dod_not_shared::run),
    ("SG702", release_slower_than_sprint::run),
    ("SG703", sos_no_release_cadence::run),
];
