//! SG9xx: waivers (judged by the engine, see engine.rs).

use super::registry::RuleFn;

/// The rules of this area, in code order.
pub(super) const RULES: &[(&str, RuleFn)] = &[];
