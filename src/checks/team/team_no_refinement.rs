//! SG506 `team-no-refinement`; prose and examples in rules/SG506-team-no-refinement.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::model::EventKind;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, team) in m.team_ids() {
        let refines = team.events.iter().any(|e| e.syntax.kind == EventKind::Refinement);
        let finding = (!refines).then(|| {
            Finding::new(format!("team `{}` has no `refinement` event", m.name(team.header.ident)))
                .primary(team.header.span, "no `event refinement` here")
        });
        out.record(Subject::Team(id), finding);
    }
}
