//! SG404 `escalation-sideways`; prose and examples in rules/SG404-escalation-sideways.toml.

use super::{MemberEntries, sorted_parents, target_phrase, unit_phrase};
use crate::checks::{Checks, Context, Finding, Subject};
use crate::model::graph::unit_node;
use crate::model::{Model, SosId, Target, Unit};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let entries = MemberEntries::new(m);
    // Ancestor walk: `mark[s] == node` once `s` is queued for that unit.
    let mut mark = vec![usize::MAX; m.scrums_of_scrums.len()];
    let mut stack: Vec<SosId> = Vec::new();
    let units = m.team_ids().map(|(t, _)| Unit::Team(t)).chain(m.sos_ids().map(|(s, _)| Unit::Sos(s)));
    for unit in units {
        let Some(at) = m.escalates_to(unit) else {
            continue;
        };
        let subject = Subject::unit(unit);
        let upwards = match at.value {
            Target::Eat(_) => true,
            Target::Unit(Unit::Sos(s)) => Unit::Sos(s) != unit && is_above(m, unit, s, &mut mark, &mut stack),
            Target::Unit(Unit::Team(_)) => false,
        };
        if upwards {
            out.pass(subject);
            continue;
        }
        let name = m.unit_ident(unit);
        let (message, label) = if at.value == Target::Unit(unit) {
            (
                format!(
                    "{} escalates to itself, not to an Executive Action Team or a Scrum of Scrums it is below",
                    unit_phrase(m, unit)
                ),
                "escalates to itself".to_owned(),
            )
        } else {
            (
                format!(
                    "{} escalates sideways to {}, which is neither an Executive Action Team nor a Scrum of Scrums that `{name}` is below",
                    unit_phrase(m, unit),
                    target_phrase(m, at.value),
                ),
                format!("`{}` is not above `{name}`", m.target_ident(at.value)),
            )
        };
        let mut finding = Finding::new(message).primary(at.span, label);
        for p in sorted_parents(m, unit) {
            if let Some(span) = entries.get(p, unit) {
                finding = finding
                    .secondary(span, format!("`{name}` is a member of `{}`", m.name(m.sos(p).header.ident)));
            }
        }
        out.fail(subject, finding);
    }
}

/// Whether `unit` is below Scrum of Scrums `sos` (at any level): `sos` is among the Scrums of
/// Scrums reached by following `parents` up from `unit`, each visited once.
fn is_above(m: &Model, unit: Unit, sos: SosId, mark: &mut [usize], stack: &mut Vec<SosId>) -> bool {
    let me = unit_node(m, unit);
    stack.clear();
    let mut push = |s: SosId, stack: &mut Vec<SosId>| {
        if let Some(slot) = mark.get_mut(s.index())
            && *slot != me
        {
            *slot = me;
            stack.push(s);
        }
    };
    for &p in m.parents(unit) {
        push(p, stack);
    }
    while let Some(s) = stack.pop() {
        if s == sos {
            return true;
        }
        for &p in &m.sos(s).parents {
            push(p, stack);
        }
    }
    false
}
