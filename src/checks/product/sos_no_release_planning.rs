//! SG607 `sos-no-release-planning`; prose and examples in rules/SG607-sos-no-release-planning.toml.

use crate::checks::{Checks, Context};
use crate::model::EventKind;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    super::sos_without_event(cx, out, EventKind::ReleasePlanning);
}
