//! SG501 `team-size`; prose and examples in rules/SG501-team-size.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::plural;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let size = m.policy.team_size;
    let (lo, hi) = (size.value.lo as usize, size.value.hi as usize);
    let whose = if size.span.is_some() { "policy" } else { "default" };
    for (id, team) in m.team_ids() {
        // A team that declares no `developers` has 0 (GUARDRAILS.md SG501).
        let n = team.developers.as_ref().map_or(0, |d| d.count());
        let finding = (n < lo || n > hi).then(|| {
            let count = plural(n, "developer", "developers");
            let mut f = Finding::new(format!(
                "team `{}` has {count}, outside the {whose} range {lo}..{hi}",
                m.name(team.header.ident)
            ));
            f = match team.developers.as_ref().and_then(|d| d.span()) {
                Some(span) => f.primary(span, count),
                None => f.primary(team.header.span, "no `developers` here"),
            };
            if let Some(span) = size.span {
                f = f.secondary(span, "`team_size` set here");
            }
            f
        });
        out.record(Subject::Team(id), finding);
    }
}
