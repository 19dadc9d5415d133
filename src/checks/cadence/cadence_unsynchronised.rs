//! SG301 `cadence-unsynchronised`; prose and examples in rules/SG301-cadence-unsynchronised.toml.
//!
//! The groups of a team are the teams below each Scrum of Scrums above it (all levels, each
//! once) and, unless `cadence_scope scrum_of_scrums`, all teams of the organisation. Each
//! group's reference cadence is computed once ([`Context::reference`],
//! [`Context::org_reference`]); each team walks its ancestors once, so the rule is linear in
//! teams times depth.
//!
//! The label on the reference cadence names a team of the failing group that follows it,
//! preferably one listed by the same Scrum of Scrums as the failing team, so that the reader
//! is pointed at a team they work with, not at one in another part of the organisation
//! ([`Shown::near`]).

use std::cmp::Ordering;

use rustc_hash::{FxHashMap, FxHashSet};

use super::describe;
use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::plural;
use crate::model::cadence::Reference;
use crate::model::{CadenceScope, Model, SosId, TeamId, Unit};

/// At most this many tied classes get a label (a tie of many one-team classes would otherwise
/// give every team a label per team).
const MAX_TIE_LABELS: usize = 5;

/// A group of teams (LANGUAGE.md §4 "Reference cadence").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Group {
    Organisation,
    Sos(SosId),
}

/// What a finding shows of a failing group's reference, worked out once per group.
enum Shown {
    /// The reference cadence in words, the teams of its class, and the one with the smallest
    /// identifier (named when no team near the failing one follows the reference).
    Cadence { text: String, class: FxHashSet<TeamId>, holder: TeamId },
    /// The size of each tied class, and per tied class its two teams with the smallest
    /// identifiers, ordered by the first.
    Tie { size: usize, classes: Vec<(TeamId, Option<TeamId>)> },
    /// No team of the group has a cadence (a group never fails then).
    Empty,
}

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let org_scope = m.policy.cadence_scope.value == CadenceScope::Organisation;
    let n_sos = m.scrums_of_scrums.len();
    // Teams below each Scrum of Scrums, for "the largest group".
    let sizes: Vec<usize> = (0..n_sos).map(|s| cx.teams_below(SosId(s as u32)).count()).collect();
    let mut shown_org: Option<Shown> = None;
    let mut shown_sos: Vec<Option<Shown>> = (0..n_sos).map(|_| None).collect();
    // Per failing group and Scrum of Scrums: the team it lists that follows the group's
    // reference cadence, with the smallest identifier.
    let mut near: FxHashMap<(Group, SosId), Option<TeamId>> = FxHashMap::default();
    // Ancestor walk: `mark[s] == team index` once `s` is queued for that team.
    let mut mark = vec![u32::MAX; n_sos];
    let mut stack: Vec<SosId> = Vec::new();

    for (id, team) in m.team_ids() {
        if team.cadence.is_none() {
            continue;
        }
        let subject = Subject::Team(id);
        let worst = if org_scope && !cx.org_reference().synchronised(m, id) {
            Some(Group::Organisation)
        } else {
            let mut best: Option<SosId> = None;
            stack.clear();
            for &p in &team.parents {
                if mark[p.index()] != id.0 {
                    mark[p.index()] = id.0;
                    stack.push(p);
                }
            }
            while let Some(s) = stack.pop() {
                if !cx.reference(s).synchronised(m, id) && best.is_none_or(|b| larger(m, &sizes, s, b)) {
                    best = Some(s);
                }
                for &p in &m.sos(s).parents {
                    if mark[p.index()] != id.0 {
                        mark[p.index()] = id.0;
                        stack.push(p);
                    }
                }
            }
            best.map(Group::Sos)
        };
        let Some(group) = worst else {
            out.pass(subject);
            continue;
        };
        let shown = match group {
            Group::Organisation => shown_org.get_or_insert_with(|| shown_of(m, cx.org_reference())),
            Group::Sos(s) => match shown_sos.get_mut(s.index()) {
                Some(slot) => slot.get_or_insert_with(|| shown_of(m, cx.reference(s))),
                None => {
                    out.pass(subject);
                    continue;
                }
            },
        };
        let holder = shown.holder(m, id, group, &mut near);
        match finding(m, id, group, shown, holder) {
            Some(f) => out.fail(subject, f),
            None => out.pass(subject),
        }
    }
}

/// Whether Scrum of Scrums `a` is a larger group than `b`: more teams below, then the smaller
/// identifier.
fn larger(m: &Model, sizes: &[usize], a: SosId, b: SosId) -> bool {
    let size = |s: SosId| sizes.get(s.index()).copied().unwrap_or(0);
    match size(a).cmp(&size(b)) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => m.name(m.sos(a).header.ident) < m.name(m.sos(b).header.ident),
    }
}

/// The teams of a list with the two smallest identifiers.
fn two_smallest(m: &Model, teams: &[TeamId]) -> Option<(TeamId, Option<TeamId>)> {
    let ident = |t: TeamId| m.name(m.team(t).header.ident);
    let mut first: Option<TeamId> = None;
    let mut second: Option<TeamId> = None;
    for &t in teams {
        match first {
            None => first = Some(t),
            Some(f) if ident(t) < ident(f) => {
                second = first;
                first = Some(t);
            }
            Some(_) => {
                if second.is_none_or(|s| ident(t) < ident(s)) {
                    second = Some(t);
                }
            }
        }
    }
    first.map(|f| (f, second))
}

fn shown_of(m: &Model, reference: &Reference) -> Shown {
    match reference {
        Reference::Empty => Shown::Empty,
        Reference::Cadence(c) => match two_smallest(m, &c.teams) {
            Some((holder, _)) => Shown::Cadence {
                text: describe(c.days, c.earliest),
                class: c.teams.iter().copied().collect(),
                holder,
            },
            None => Shown::Empty,
        },
        Reference::Tie(classes) => {
            let mut reps: Vec<(TeamId, Option<TeamId>)> =
                classes.iter().filter_map(|c| two_smallest(m, &c.teams)).collect();
            reps.sort_by(|a, b| m.name(m.team(a.0).header.ident).cmp(m.name(m.team(b.0).header.ident)));
            let size = classes.first().map_or(0, |c| c.teams.len());
            Shown::Tie { size, classes: reps }
        }
    }
}

impl Shown {
    /// The team to name as holding the reference cadence for failing team `id`: of the teams
    /// listed by the Scrums of Scrums that list `id`, one that follows the reference (the
    /// smallest identifier); else the group's team with the smallest identifier. Either way a
    /// team of the failing group, so in the same scope (LANGUAGE.md §4 `cadence_scope`).
    fn holder(
        &self,
        m: &Model,
        id: TeamId,
        group: Group,
        near: &mut FxHashMap<(Group, SosId), Option<TeamId>>,
    ) -> Option<TeamId> {
        let Shown::Cadence { class, holder, .. } = self else { return None };
        let ident = |t: TeamId| m.name(m.team(t).header.ident);
        let mut best: Option<TeamId> = None;
        for &p in &m.team(id).parents {
            let found = *near.entry((group, p)).or_insert_with(|| Shown::near(m, class, p));
            if let Some(t) = found
                && best.is_none_or(|b| ident(t) < ident(b))
            {
                best = Some(t);
            }
        }
        Some(best.unwrap_or(*holder))
    }

    /// The team listed by Scrum of Scrums `sos` that is in `class`, with the smallest
    /// identifier. A failing team is never in its group's class, so it is never its own holder.
    fn near(m: &Model, class: &FxHashSet<TeamId>, sos: SosId) -> Option<TeamId> {
        m.sos(sos)
            .members
            .values()
            .filter_map(|u| match u {
                Unit::Team(t) if class.contains(t) => Some(*t),
                _ => None,
            })
            .min_by(|a, b| m.name(m.team(*a).header.ident).cmp(m.name(m.team(*b).header.ident)))
    }
}

fn finding(m: &Model, id: TeamId, group: Group, shown: &Shown, holder: Option<TeamId>) -> Option<Finding> {
    let team = m.team(id);
    let cadence = team.cadence?;
    let name = m.name(team.header.ident);
    let runs = format!(
        "team `{name}` runs {}{}",
        if cadence.inherited { "the organisation's " } else { "" },
        describe(cadence.days, cadence.start),
    );
    let inherited = if cadence.inherited { format!("inherited by `{name}`: ") } else { String::new() };
    let run_by = |t: TeamId| {
        let tc = m.team(t);
        let how = if tc.cadence.is_some_and(|c| c.inherited) { "inherited by" } else { "run by" };
        (tc.cadence.map(|c| c.span), format!("{how} `{}`", m.name(tc.header.ident)))
    };
    match shown {
        Shown::Empty => None,
        Shown::Cadence { text, .. } => {
            let whose = match group {
                Group::Organisation => "the organisation's reference cadence".to_owned(),
                Group::Sos(s) => format!(
                    "the reference cadence of the teams below Scrum of Scrums `{}`",
                    m.name(m.sos(s).header.ident)
                ),
            };
            let mut f = Finding::new(format!("{runs}, not synchronised with {whose}: {text}"))
                .primary(cadence.span, format!("{inherited}not synchronised with the reference cadence"));
            if let Some((Some(span), label)) = holder.map(run_by) {
                f = f.secondary(span, format!("the reference cadence, {label}"));
            }
            Some(f)
        }
        Shown::Tie { size, classes } => {
            let who = match group {
                Group::Organisation => "the teams of the organisation".to_owned(),
                Group::Sos(s) => {
                    format!("the teams below Scrum of Scrums `{}`", m.name(m.sos(s).header.ident))
                }
            };
            let mut f = Finding::new(format!(
                "{runs}, but {who} have no reference cadence to synchronise with: {} cadence classes tie at {} each",
                classes.len(),
                plural(*size, "team", "teams"),
            ))
            .primary(cadence.span, format!("{inherited}no reference cadence to synchronise with"));
            // One team of each tied class, other than this team, and not where the primary
            // label already is (two teams inheriting the organisation's sprint).
            let mut reps: Vec<TeamId> = classes
                .iter()
                .filter_map(|&(first, second)| if first == id { second } else { Some(first) })
                .filter(|&t| m.team(t).cadence.is_some_and(|c| c.span != cadence.span))
                .take(MAX_TIE_LABELS)
                .collect();
            reps.sort_by(|a, b| m.name(m.team(*a).header.ident).cmp(m.name(m.team(*b).header.ident)));
            for t in reps {
                if let (Some(span), label) = run_by(t) {
                    f = f.secondary(span, format!("a tied cadence, {label}"));
                }
            }
            Some(f)
        }
    }
}
