//! SG5xx: Scrum teams and their roles.

mod po_is_scrum_master;

use super::registry::RuleFn;

/// The rules of this area, in code order.
pub(super) const RULES: &[(&str, RuleFn)] = &[("SG504", po_is_scrum_master::run)];
