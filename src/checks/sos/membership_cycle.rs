//! SG207 `membership-cycle`; prose and examples in rules/SG207-membership-cycle.toml.

use super::cycle;
use crate::checks::{Checks, Context, Finding, Subject};
use crate::model::{SosId, Unit};
use crate::source::Span;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    // Membership edges between Scrums of Scrums (teams have no members), with the entry's span.
    let mut edges: Vec<(usize, usize)> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    for (s, sos) in m.sos_ids() {
        for entry in &sos.members.entries {
            if let Unit::Sos(x) = entry.value {
                edges.push((s.index(), x.index()));
                spans.push(entry.span);
            }
        }
    }
    let name = |x: usize| m.name(m.sos(SosId(x as u32)).header.ident);
    for found in cycle::find(m.scrums_of_scrums.len(), &edges, name) {
        let Some(&first) = found.path.first() else {
            continue;
        };
        let mut message = format!(
            "Scrum of Scrums `{}` contains itself: `{}`",
            name(first),
            cycle::written(&found.path, name)
        );
        message.push_str(&cycle::others_aside(&found.others, name));
        let finding = cycle::label_edges(Finding::new(message), &found, &edges, &spans, |a, b| {
            if a == b {
                format!("`{}` contains itself", name(a))
            } else {
                format!("`{}` contains `{}`", name(a), name(b))
            }
        });
        out.fail(Subject::Cycle(name(first).to_owned()), finding);
    }
}
