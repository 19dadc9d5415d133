//! SG7xx: delivery (Definition of Done, releases).

use super::registry::RuleFn;

/// The rules of this area, in code order.
pub(super) const RULES: &[(&str, RuleFn)] = &[];
