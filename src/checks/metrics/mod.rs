//! SG8xx: metrics and transparency.

use super::registry::RuleFn;

/// The rules of this area, in code order.
pub(super) const RULES: &[(&str, RuleFn)] = &[];
