//! SG2xx: Scrums of Scrums and cross-team coordination.

use super::registry::RuleFn;

/// The rules of this area, in code order.
pub(super) const RULES: &[(&str, RuleFn)] = &[];
