//! SG206 `multiple-parents`; prose and examples in rules/SG206-multiple-parents.toml.

use rustc_hash::FxHashMap;

use super::unit_phrase;
use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::and_list;
use crate::model::{SosId, Unit};
use crate::source::Span;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let units = || {
        let teams = m.team_ids().map(|(t, team)| (Unit::Team(t), &team.parents));
        teams.chain(m.sos_ids().map(|(s, sos)| (Unit::Sos(s), &sos.parents)))
    };
    // The `members` entries that list each unit with several parents, found in one pass.
    let mut listings: FxHashMap<Unit, Vec<(SosId, Span)>> = FxHashMap::default();
    for (unit, parents) in units() {
        if parents.len() > 1 {
            listings.insert(unit, Vec::new());
        }
    }
    if !listings.is_empty() {
        for (s, sos) in m.sos_ids() {
            for entry in &sos.members.entries {
                if let Some(list) = listings.get_mut(&entry.value) {
                    list.push((s, entry.span));
                }
            }
        }
    }
    for (unit, parents) in units() {
        if parents.is_empty() {
            continue;
        }
        let Some(list) = listings.get_mut(&unit) else {
            out.pass(Subject::unit(unit));
            continue;
        };
        let name = |s: SosId| m.name(m.sos(s).header.ident);
        list.sort_by(|a, b| name(a.0).cmp(name(b.0)).then(a.1.start.cmp(&b.1.start)));
        let mut names: Vec<String> = parents.iter().map(|&s| format!("`{}`", name(s))).collect();
        names.sort_unstable();
        let mut finding = Finding::new(format!(
            "{} is a member of {} Scrums of Scrums: {}",
            unit_phrase(m, unit),
            parents.len(),
            and_list(&names),
        ));
        for (i, &(s, span)) in list.iter().enumerate() {
            finding = if i == 0 {
                finding.primary(span, format!("listed by `{}`", name(s)))
            } else {
                finding.secondary(span, format!("also listed by `{}`", name(s)))
            };
        }
        out.fail(Subject::unit(unit), finding);
    }
}
