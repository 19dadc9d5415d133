//! SG611 `cpo-not-in-ems`; prose and examples in rules/SG611-cpo-not-in-ems.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::model::ItemRef;
use crate::model::roles::RoleKind;

/// One check per top-level Scrum of Scrums (a member of none) that has a Chief Product Owner,
/// in an organisation with an EMS: its Chief Product Owner must sit on an EMS, as a member or
/// as its Chief Product Owner.
pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    if m.emss.is_empty() {
        return;
    }
    for (id, sos) in m.sos_ids() {
        let Some(cpo) = sos.chief_product_owner.filter(|_| sos.parents.is_empty()) else {
            continue;
        };
        let on_ems = cx.roles(cpo.value).iter().any(|r| {
            matches!(r.item, ItemRef::Ems(_))
                && matches!(r.kind, RoleKind::Member | RoleKind::ChiefProductOwner)
        });
        let finding = (!on_ems).then(|| {
            let who = m.name(m.person(cpo.value).header.ident);
            let mut emss: Vec<_> = m.emss.iter().collect();
            emss.sort_by_key(|e| m.name(e.header.ident));
            let which = match emss.as_slice() {
                [one] => format!("Executive MetaScrum `{}`", m.name(one.header.ident)),
                _ => "any Executive MetaScrum".to_owned(),
            };
            let mut f = Finding::new(format!(
                "`{who}`, Chief Product Owner of Scrum of Scrums `{}`, is neither a member nor the \
                 Chief Product Owner of {which}",
                m.name(sos.header.ident),
            ))
            .primary(cpo.span, "on no Executive MetaScrum");
            for ems in emss {
                f = f.secondary(ems.header.span, format!("`{who}` is not among its members"));
            }
            f
        });
        out.record(Subject::Sos(id), finding);
    }
}
