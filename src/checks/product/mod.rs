//! SG6xx: the Product Owner cycle (EMS, backlogs, vision, release planning).

pub(super) mod backlog_no_owner;
pub(super) mod cpo_not_in_ems;
pub(super) mod ems_backlog_unbounded;
pub(super) mod ems_missing;
pub(super) mod ems_no_chief_product_owner;
pub(super) mod ems_no_metascrum;
pub(super) mod sos_no_backlog;
pub(super) mod sos_no_chief_product_owner;
pub(super) mod sos_no_refinement;
pub(super) mod sos_no_release_planning;
pub(super) mod vision_missing;

use crate::checks::{Checks, Context, Finding, Subject};
use crate::model::{EmsId, EventKind, ExecutiveMetascrum};

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
