//! SG6xx: the Product Owner cycle (EMS, backlogs, vision, release planning).

mod backlog_no_owner;
mod cpo_not_in_ems;
mod ems_backlog_unbounded;
mod ems_missing;
mod ems_no_chief_product_owner;
mod ems_no_metascrum;
mod sos_no_backlog;
mod sos_no_chief_product_owner;
mod sos_no_refinement;
mod sos_no_release_planning;
mod vision_missing;

use super::registry::RuleFn;
use crate::checks::{Checks, Context, Finding, Subject};
use crate::model::{EmsId, EventKind, ExecutiveMetascrum};

/// The rules of this area, in code order.
pub(super) const RULES: &[(&str, RuleFn)] = &[
    ("SG601", ems_missing::run),
    ("SG602", ems_no_chief_product_owner::run),
    ("SG603", sos_no_chief_product_owner::run),
    ("SG604", sos_no_backlog::run),
    ("SG605", backlog_no_owner::run),
    ("SG606", vision_missing::run),
    ("SG607", sos_no_release_planning::run),
    ("SG608", ems_no_metascrum::run),
    ("SG609", ems_backlog_unbounded::run),
    ("SG610", sos_no_refinement::run),
    ("SG611", cpo_not_in_ems::run),
];

/// Executive MetaScrums with their ids.
fn ems_ids<'m>(cx: &Context<'m>) -> impl Iterator<Item = (EmsId, &'m ExecutiveMetascrum)> {
    cx.model.emss.iter().enumerate().map(|(i, e)| (EmsId(i as u32), e))
}

/// SG607 and SG610: one check per Scrum of Scrums; it fails without an event of `kind`.
fn sos_without_event(cx: &Context<'_>, out: &mut Checks, kind: EventKind) {
    let m = cx.model;
    let word = kind.keyword();
    for (id, sos) in m.sos_ids() {
        let holds = sos.events.iter().any(|e| e.syntax.kind == kind);
        let finding = (!holds).then(|| {
            Finding::new(format!("Scrum of Scrums `{}` has no `{word}` event", m.name(sos.header.ident)))
                .primary(sos.header.span, format!("no `event {word}` here"))
        });
        out.record(Subject::Sos(id), finding);
    }
}
