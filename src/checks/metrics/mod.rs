//! SG8xx: metrics and transparency.

mod metrics_families_missing;
mod metrics_missing;

use super::registry::RuleFn;

/// The rules of this area, in code order.
pub(super) const RULES: &[(&str, RuleFn)] =
    &[("SG801", metrics_missing::run), ("SG802", metrics_families_missing::run)];
