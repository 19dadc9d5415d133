//! SG6xx: the Product Owner cycle (EMS, backlogs, vision, release planning).

use super::registry::RuleFn;

/// The rules of this area, in code order.
pub(super) const RULES: &[(&str, RuleFn)] = &[];
