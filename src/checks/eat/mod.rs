//! SG1xx: the Executive Action Team.

use super::registry::RuleFn;

/// The rules of this area, in code order.
pub(super) const RULES: &[(&str, RuleFn)] = &[];
