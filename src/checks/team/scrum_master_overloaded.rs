//! SG505 `scrum-master-overloaded`; prose and examples in rules/SG505-scrum-master-overloaded.toml.

use crate::checks::{Checks, Context};

/// `scrum_of_scrums_master` roles are not counted: only teams' `scrum_master`.
pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let role = super::Role {
        title: "Scrum Master",
        setting: "max_teams_per_scrum_master",
        holder: |team| team.scrum_master,
    };
    super::overloaded(cx, out, &role, cx.model.policy.max_teams_per_scrum_master);
}
