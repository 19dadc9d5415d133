//! SG2xx: Scrums of Scrums and cross-team coordination.

mod cycle;
pub(super) mod dependency_cycle;
pub(super) mod dependency_overload;
pub(super) mod dependency_uncoordinated;
pub(super) mod membership_cycle;
pub(super) mod multiple_parents;
pub(super) mod scaled_daily_scrum_cadence;
pub(super) mod sos_no_integrated_review;
pub(super) mod sos_no_master;
pub(super) mod sos_no_retrospective;
pub(super) mod sos_no_scaled_daily;
pub(super) mod sos_size;
pub(super) mod sos_status_only;
pub(super) mod team_outside_sos;

use crate::model::{Model, Unit};
use crate::source::Span;

/// A unit as a message names it: ``team `payments` `` or ``Scrum of Scrums `checkout` ``.
fn unit_phrase(model: &Model, unit: Unit) -> String {
    let kind = match unit {
        Unit::Team(_) => "team",
        Unit::Sos(_) => "Scrum of Scrums",
    };
    format!("{kind} `{}`", model.unit_ident(unit))
}

/// The first line of an event statement, `event <kind> every <period> [lasting <duration>]`,
/// without its agenda block.
fn event_head(event: &crate::model::Event) -> Span {
    let end = event.syntax.lasting_span.unwrap_or(event.syntax.every_span).end;
    Span::new(event.span.file, event.span.start, end.max(event.span.start))
}
