//! SG701 `dod-not-shared`; prose and examples in rules/SG701-dod-not-shared.toml.

use rustc_hash::FxHashMap;

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::plural;
use crate::model::{DodId, ItemRef, Model, Team, TeamId};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let team_name = |t: TeamId| m.name(m.team(t).header.ident);
    let dod_name = |d: DodId| m.ident(ItemRef::Dod(d));
    for (id, sos) in m.sos_ids() {
        let teams: Vec<TeamId> = cx.teams_below(id).collect();
        if teams.is_empty() {
            continue;
        }
        let sos_ident = m.name(sos.header.ident);
        let mut counts: FxHashMap<DodId, usize> = FxHashMap::default();
        for &t in &teams {
            if let Some(d) = m.team(t).definition_of_done {
                *counts.entry(d.value).or_insert(0) += 1;
            }
        }
        // The reference: the Definition of Done most teams name; on a tie, the one the Scrum
        // of Scrums names, else the smallest identifier.
        let own = sos.definition_of_done.map(|d| d.value);
        let reference = counts
            .iter()
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then_with(|| (Some(*a.0) == own).cmp(&(Some(*b.0) == own)))
                    .then_with(|| dod_name(*b.0).cmp(dod_name(*a.0)))
            })
            .map(|(&d, _)| d);
        let Some(reference) = reference else {
            // No team below names one.
            let Some(&first) = teams.iter().min_by(|&&a, &&b| team_name(a).cmp(team_name(b))) else {
                continue;
            };
            let message = match teams.len() {
                1 => format!("the team below Scrum of Scrums `{sos_ident}` names no Definition of Done"),
                n => format!(
                    "none of the {n} teams below Scrum of Scrums `{sos_ident}` names a Definition of Done"
                ),
            };
            let mut finding =
                Finding::new(message).primary(m.team(first).header.span, "no `definition_of_done` here");
            if let Some(d) = sos.definition_of_done {
                finding = finding.secondary(d.span, format!("`{sos_ident}` names `{}`", dod_name(d.value)));
            }
            out.fail(Subject::Sos(id), finding);
            continue;
        };
        let names = |t: TeamId| m.team(t).definition_of_done.map(|d| d.value);
        let dissenters: Vec<TeamId> =
            teams.iter().copied().filter(|&t| names(t) != Some(reference)).collect();
        let peer = teams
            .iter()
            .copied()
            .filter(|&t| names(t) == Some(reference))
            .min_by(|&a, &b| team_name(a).cmp(team_name(b)));
        let Some(peer) = peer else { continue };
        let peer_label = |finding: Finding| match m.team(peer).definition_of_done {
            Some(d) => {
                finding.secondary(d.span, format!("`{}` names `{}`", team_name(peer), dod_name(d.value)))
            }
            None => finding,
        };
        if let Some(dissenter) = dissenters.iter().copied().min_by(|&a, &b| team_name(a).cmp(team_name(b))) {
            let team = m.team(dissenter);
            let says = match team.definition_of_done {
                Some(d) => format!("names `{}`", dod_name(d.value)),
                None => "names none".to_owned(),
            };
            let mut message = format!(
                "the teams below Scrum of Scrums `{sos_ident}` do not share one Definition of Done: `{}` {says} where `{}` names `{}`",
                team_name(dissenter),
                team_name(peer),
                dod_name(reference),
            );
            if dissenters.len() > 1 {
                let others = dissenters.len() - 1;
                let verb = if others == 1 { "differs" } else { "differ" };
                message.push_str(&format!(" ({} {verb} too)", plural(others, "other team", "other teams")));
            }
            let (span, label) = dissenter_span(m, team);
            let finding = Finding::new(message).primary(span, label);
            out.fail(Subject::Sos(id), peer_label(finding));
            continue;
        }
        // Every team names the reference; the Scrum of Scrums may name another.
        match sos.definition_of_done {
            Some(d) if d.value != reference => {
                let finding = Finding::new(format!(
                    "Scrum of Scrums `{sos_ident}` names the Definition of Done `{}`, but the teams below it name `{}`",
                    dod_name(d.value),
                    dod_name(reference),
                ))
                .primary(d.span, "differs from the teams' Definition of Done");
                out.fail(Subject::Sos(id), peer_label(finding));
            }
            _ => out.pass(Subject::Sos(id)),
        }
    }
}

/// Where a dissenting team shows its Definition of Done (or its header, without one).
fn dissenter_span(model: &Model, team: &Team) -> (crate::source::Span, String) {
    match team.definition_of_done {
        Some(d) => (
            d.span,
            format!("`{}` names `{}`", model.name(team.header.ident), model.ident(ItemRef::Dod(d.value))),
        ),
        None => (team.header.span, "no `definition_of_done` here".to_owned()),
    }
}
