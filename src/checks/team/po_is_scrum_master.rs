//! SG504 `po-is-scrum-master`; prose and examples in rules/SG504-po-is-scrum-master.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, team) in m.team_ids() {
        let (Some(po), Some(sm)) = (team.product_owner, team.scrum_master) else {
            continue;
        };
        let finding = (po.value == sm.value).then(|| {
            Finding::new(format!(
                "`{}` is both Product Owner and Scrum Master of team `{}`",
                m.name(m.person(po.value).header.ident),
                m.name(team.header.ident),
            ))
            .primary(sm.span, "also the Scrum Master")
            .secondary(po.span, "Product Owner here")
        });
        out.record(Subject::Team(id), finding);
    }
}
