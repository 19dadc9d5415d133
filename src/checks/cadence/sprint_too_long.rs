//! SG303 `sprint-too-long`; prose and examples in rules/SG303-sprint-too-long.toml.

use super::{length_adjective, length_noun};
use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let max = m.policy.max_sprint;
    for (id, team) in m.team_ids() {
        let Some(cadence) = team.cadence else {
            continue;
        };
        let finding = (cadence.days > max.value).then(|| {
            let name = m.name(team.header.ident);
            let whose = if cadence.inherited { "the organisation's " } else { "" };
            let limit =
                if max.span.is_some() { "the policy's `max_sprint`" } else { "the default `max_sprint`" };
            let label = if cadence.inherited {
                format!("inherited by `{name}`: longer than {}", length_noun(max.value))
            } else {
                format!("longer than {}", length_noun(max.value))
            };
            let finding = Finding::new(format!(
                "team `{name}` runs {whose}{} sprints, longer than {limit} of {}",
                length_adjective(cadence.days),
                length_noun(max.value),
            ))
            .primary(cadence.span, label);
            match max.span {
                Some(span) => finding.secondary(span, format!("`max_sprint` is {}", length_noun(max.value))),
                None => finding,
            }
        });
        out.record(Subject::Team(id), finding);
    }
}
