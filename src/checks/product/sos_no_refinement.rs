//! SG610 `sos-no-refinement`; prose and examples in rules/SG610-sos-no-refinement.toml.

use crate::checks::{Checks, Context};
use crate::model::EventKind;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    super::sos_without_event(cx, out, EventKind::Refinement);
}
