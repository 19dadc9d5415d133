//! SG302 `cadence-missing`; prose and examples in rules/SG302-cadence-missing.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, team) in m.team_ids() {
        let finding = team.cadence.is_none().then(|| {
            Finding::new(format!(
                "team `{}` has no sprint cadence: it declares no `sprint` and the organisation has no default",
                m.name(team.header.ident),
            ))
            .primary(team.header.span, "no `sprint` here")
            .secondary(m.organisation.span, "no default `sprint` here")
        });
        out.record(Subject::Team(id), finding);
    }
}
