//! SG503 `team-no-scrum-master`; prose and examples in rules/SG503-team-no-scrum-master.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, team) in m.team_ids() {
        let finding = team.scrum_master.is_none().then(|| {
            Finding::new(format!("team `{}` has no Scrum Master", m.name(team.header.ident)))
                .primary(team.header.span, "no `scrum_master` here")
        });
        out.record(Subject::Team(id), finding);
    }
}
