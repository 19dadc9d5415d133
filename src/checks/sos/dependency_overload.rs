//! SG213 `dependency-overload`; prose and examples in rules/SG213-dependency-overload.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::plural;
use crate::model::TeamId;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let setting = m.policy.max_dependencies_per_team;
    let max = setting.value as usize;
    for (id, team) in m.team_ids() {
        let Some(first) = team.depends_on.span else {
            continue;
        };
        // From the first `depends_on` statement to the last entry (one item, so one file).
        let statement = team.depends_on.entries.last().map_or(first, |e| first.to(e.span));
        let mut deps: Vec<TeamId> = team.depends_on.values().copied().collect();
        deps.sort_unstable();
        deps.dedup();
        let n = deps.len();
        if n <= max {
            out.pass(Subject::Team(id));
            continue;
        }
        let teams = plural(n, "team", "teams");
        let mut finding = Finding::new(format!(
            "team `{}` depends on {teams}, more than the policy limit of {max}",
            m.name(team.header.ident),
        ))
        .primary(statement, format!("depends on {teams}"));
        if let Some(span) = setting.span {
            finding = finding.secondary(span, "limit set here");
        }
        out.fail(Subject::Team(id), finding);
    }
}
