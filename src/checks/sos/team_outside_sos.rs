//! SG205 `team-outside-sos`; prose and examples in rules/SG205-team-outside-sos.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, team) in m.team_ids() {
        let finding = team.parents.is_empty().then(|| {
            Finding::new(format!("team `{}` is a member of no Scrum of Scrums", m.name(team.header.ident)))
                .primary(team.header.span, "listed in no Scrum of Scrums' `members`")
        });
        out.record(Subject::Team(id), finding);
    }
}
