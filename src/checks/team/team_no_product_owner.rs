//! SG502 `team-no-product-owner`; prose and examples in rules/SG502-team-no-product-owner.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, team) in m.team_ids() {
        let finding = team.product_owner.is_none().then(|| {
            Finding::new(format!("team `{}` has no Product Owner", m.name(team.header.ident)))
                .primary(team.header.span, "no `product_owner` here")
        });
        out.record(Subject::Team(id), finding);
    }
}
