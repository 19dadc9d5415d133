//! SG2xx: Scrums of Scrums and cross-team coordination.

mod cycle;
mod dependency_cycle;
mod dependency_overload;
mod dependency_uncoordinated;
mod membership_cycle;
mod multiple_parents;
mod scaled_daily_scrum_cadence;
mod sos_no_integrated_review;
mod sos_no_master;
mod sos_no_retrospective;
mod sos_no_scaled_daily;
mod sos_size;
mod sos_status_only;
mod team_outside_sos;

use super::registry::RuleFn;
use crate::model::{Model, Unit};
use crate::source::Span;

/// The rules of this area, in code order.
pub(super) const RULES: &[(&str, RuleFn)] = &[
    ("SG201", sos_status_only::run),
    ("SG202", sos_no_scaled_daily::run),
    ("SG203", sos_no_master::run),
    ("SG204", sos_size::run),
    ("SG205", team_outside_sos::run),
    ("SG206", multiple_parents::run),
    ("SG207", membership_cycle::run),
    ("SG208", sos_no_retrospective::run),
    ("SG209", sos_no_integrated_review::run),
    ("SG210", scaled_daily_scrum_cadence::run),
    ("SG211", dependency_uncoordinated::run),
    ("SG212", dependency_cycle::run),
    ("SG213", dependency_overload::run),
];

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
