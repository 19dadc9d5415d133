//! SG212 `dependency-cycle`; prose and examples in rules/SG212-dependency-cycle.toml.

use super::cycle;
use crate::checks::{Checks, Context, Finding, Subject};
use crate::model::TeamId;
use crate::source::Span;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let mut edges: Vec<(usize, usize)> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    for (t, team) in m.team_ids() {
        for entry in &team.depends_on.entries {
            edges.push((t.index(), entry.value.index()));
            spans.push(entry.span);
        }
    }
    let name = |x: usize| m.name(m.team(TeamId(x as u32)).header.ident);
    for found in cycle::find(m.teams.len(), &edges, name) {
        let Some(&first) = found.path.first() else {
            continue;
        };
        let written = cycle::written(&found.path, name);
        let mut message = if found.path.len() == 1 {
            format!("team `{}` depends on itself: `{written}`", name(first))
        } else {
            format!("teams depend on each other in a cycle: `{written}`")
        };
        message.push_str(&cycle::others_aside(&found.others, name));
        let finding = cycle::label_edges(Finding::new(message), &found, &edges, &spans, |a, b| {
            if a == b {
                format!("`{}` depends on itself", name(a))
            } else {
                format!("`{}` depends on `{}`", name(a), name(b))
            }
        });
        out.fail(Subject::Cycle(name(first).to_owned()), finding);
    }
}
