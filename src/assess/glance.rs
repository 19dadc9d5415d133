//! The organisation at a glance, for the coaching report: counts, the membership forest, the
//! escalation forest and the paths that never reach an Executive Action Team.
//!
//! Every structure here is built without recursion and bounded by the size of the model, so
//! that no shape of organisation makes the report grow faster than its input: trees are flat
//! rows with a depth (the templates never recurse), a Scrum of Scrums listed by several others
//! shows its members under the first only, and a path that never reaches an EAT is written
//! with its first [`PATH_HOPS`] hops and how it ends.

use serde::Serialize;

use crate::model::graph::{self, PathEnd};
use crate::model::{Header, Model, SosId, Target, TeamId, Unit};

/// How many hops of a path that never reaches an EAT are written out.
pub const PATH_HOPS: usize = 6;

/// How deep a tree row is indented at most; deeper rows say their level instead.
pub const MAX_INDENT: usize = 12;

/// The organisation at a glance.
#[derive(Debug, Clone, Serialize)]
pub struct Glance {
    /// People declared.
    pub people: usize,
    /// Of them, executives.
    pub executives: usize,
    /// Scrum teams.
    pub teams: usize,
    /// Developers over all teams (head counts and named developers).
    pub developers: usize,
    /// Scrums of Scrums per level (1: of teams; 2: of Scrums of Scrums; ...).
    pub sos_levels: Vec<LevelCount>,
    /// Executive Action Teams.
    pub eats: usize,
    /// Executive MetaScrums.
    pub emss: usize,
    /// Backlogs.
    pub backlogs: usize,
    /// Whether the organisation is scaled (docs/language.md, "Derived facts").
    pub scaled: bool,
    /// The membership forest as rows in pre-order: units that are members of nothing, then
    /// what they contain.
    pub membership: Vec<TreeRow>,
    /// The escalation forest as rows in pre-order: each EAT, then the units whose impediments
    /// reach it (a unit under the one it escalates to).
    pub escalation: Vec<TreeRow>,
    /// Units whose escalation never reaches an EAT.
    pub escalation_gaps: Vec<EscalationGap>,
}

/// How many Scrums of Scrums sit at one level.
#[derive(Debug, Clone, Serialize)]
pub struct LevelCount {
    /// 1 for a Scrum of Scrums of teams, 2 for a Scrum of Scrums of Scrums, ...
    pub level: usize,
    /// `Scrum of Scrums`, `Scrum of Scrums of Scrums`, or `level-3 Scrum of Scrums`.
    pub name: String,
    /// How many.
    pub count: usize,
}

/// One row of a tree of units, in pre-order.
#[derive(Debug, Clone, Serialize)]
pub struct TreeRow {
    /// 0 for a root, 1 for what it contains, ...
    pub depth: usize,
    /// The depth shown as indentation: at most [`MAX_INDENT`].
    pub indent: usize,
    /// The identifier.
    pub ident: String,
    /// The display name, or empty.
    pub display: String,
    /// `team`, `Scrum of Scrums` or `Executive Action Team`.
    pub kind: &'static str,
    /// A remark (`member of a, b`, `contains itself`, `declared with escalates_to`), or empty.
    pub note: String,
}

/// A unit whose escalation path never reaches an Executive Action Team.
#[derive(Debug, Clone, Serialize)]
pub struct EscalationGap {
    /// The path from the unit on, at most [`PATH_HOPS`] hops.
    pub path: Vec<String>,
    /// How many more hops the path has before it ends or repeats (0 when all are shown).
    pub more: usize,
    /// How it ends.
    pub ending: String,
}

fn display(header: &Header) -> String {
    header.display.clone().unwrap_or_default()
}

fn unit_kind(unit: Unit) -> &'static str {
    match unit {
        Unit::Team(_) => "team",
        Unit::Sos(_) => "Scrum of Scrums",
    }
}

fn level_name(level: usize) -> String {
    match level {
        1 => "Scrum of Scrums".to_owned(),
        2 => "Scrum of Scrums of Scrums".to_owned(),
        n => format!("level-{n} Scrum of Scrums"),
    }
}

/// Units sorted for display: Scrums of Scrums first, then teams, each by identifier.
fn sorted_units(model: &Model, units: impl IntoIterator<Item = Unit>) -> Vec<Unit> {
    let mut v: Vec<Unit> = units.into_iter().collect();
    v.sort_by(|a, b| {
        let rank = |u: &Unit| matches!(u, Unit::Team(_));
        (rank(a), model.unit_ident(*a)).cmp(&(rank(b), model.unit_ident(*b)))
    });
    v.dedup();
    v
}

fn row(model: &Model, unit: Unit, depth: usize, note: String) -> TreeRow {
    TreeRow {
        depth,
        indent: depth.min(MAX_INDENT),
        ident: model.unit_ident(unit).to_owned(),
        display: display(model.unit_header(unit)),
        kind: unit_kind(unit),
        note,
    }
}

/// The organisation at a glance.
pub(super) fn glance(model: &Model) -> Glance {
    let levels = sos_levels(model);
    let mut counts = vec![0usize; levels.iter().copied().max().unwrap_or(0) + 1];
    for &level in &levels {
        counts[level] += 1;
    }
    let sos_levels = counts
        .iter()
        .enumerate()
        .filter(|(level, count)| *level > 0 && **count > 0)
        .map(|(level, &count)| LevelCount { level, name: level_name(level), count })
        .collect();
    let (escalation, escalation_gaps) = escalation(model);
    Glance {
        people: model.people.len(),
        executives: model.people.iter().filter(|p| p.executive.is_some()).count(),
        teams: model.teams.len(),
        developers: model.teams.iter().filter_map(|t| t.developers.as_ref()).map(|d| d.count()).sum(),
        sos_levels,
        eats: model.eats.len(),
        emss: model.emss.len(),
        backlogs: model.backlogs.len(),
        scaled: model.is_scaled(),
        membership: membership(model),
        escalation,
        escalation_gaps,
    }
}

/// The level of every Scrum of Scrums: 1 above teams only, else one more than its highest
/// member Scrum of Scrums (a Scrum of Scrums on a membership cycle counts its cycle as level 1).
/// Iterative, each Scrum of Scrums finished once: linear in members.
fn sos_levels(model: &Model) -> Vec<usize> {
    let n = model.scrums_of_scrums.len();
    let mut memo = vec![0usize; n];
    let mut visiting = vec![false; n];
    let members = |s: usize| -> Vec<usize> {
        model.scrums_of_scrums[s]
            .members
            .values()
            .filter_map(|m| match m {
                Unit::Sos(x) => Some(x.index()),
                Unit::Team(_) => None,
            })
            .collect()
    };
    for start in 0..n {
        if memo[start] > 0 {
            continue;
        }
        // (Scrum of Scrums, its member Scrums of Scrums, how many of them are done)
        let mut stack: Vec<(usize, Vec<usize>, usize)> = vec![(start, members(start), 0)];
        visiting[start] = true;
        while let Some((s, subs, next)) = stack.last_mut() {
            if let Some(&x) = subs.get(*next) {
                *next += 1;
                if memo[x] == 0 && !visiting[x] {
                    visiting[x] = true;
                    let m = members(x);
                    stack.push((x, m, 0));
                }
                continue;
            }
            let s = *s;
            // Members on the path (a cycle) count as level 0, as in the recursive definition.
            let highest = subs.iter().map(|&x| if visiting[x] && memo[x] == 0 { 0 } else { memo[x] }).max();
            memo[s] = highest.unwrap_or(0) + 1;
            visiting[s] = false;
            stack.pop();
        }
    }
    memo
}

/// The membership forest, as rows: roots are units that are members of nothing; a unit listed
/// by several Scrums of Scrums appears under each (with a note) but shows its members under the
/// first only; a Scrum of Scrums met again on its own path is shown once more, marked, without
/// its members. Iterative, so nesting depth costs no stack.
fn membership(model: &Model) -> Vec<TreeRow> {
    let all = (0..model.scrums_of_scrums.len())
        .map(|i| Unit::Sos(SosId(i as u32)))
        .chain((0..model.teams.len()).map(|i| Unit::Team(TeamId(i as u32))));
    let units = sorted_units(model, all);
    let nodes = model.teams.len() + model.scrums_of_scrums.len();
    let mut seen = vec![false; nodes];
    let mut expanded = vec![false; model.scrums_of_scrums.len()];
    let mut on_path = vec![false; model.scrums_of_scrums.len()];
    let mut out = Vec::new();
    let roots: Vec<Unit> = units.iter().copied().filter(|u| model.parents(*u).is_empty()).collect();
    // Units only reachable through a membership cycle have no root: they start trees too.
    let mut starts = roots.into_iter().map(Some).collect::<Vec<_>>();
    starts.extend(units.iter().map(|_| None));
    let mut rest = units.iter();
    for start in starts {
        let start = match start {
            Some(u) => u,
            None => match rest.by_ref().find(|u| !seen[graph::unit_node(model, **u)]) {
                Some(u) => *u,
                None => break,
            },
        };
        // Stack entries: a unit to show at a depth, or the end of a Scrum of Scrums' members.
        enum Step {
            Show(Unit, usize),
            Leave(usize),
        }
        let mut stack = vec![Step::Show(start, 0)];
        while let Some(step) = stack.pop() {
            let (unit, depth) = match step {
                Step::Leave(s) => {
                    on_path[s] = false;
                    continue;
                }
                Step::Show(unit, depth) => (unit, depth),
            };
            seen[graph::unit_node(model, unit)] = true;
            let parents = model.parents(unit);
            let mut note = String::new();
            if parents.len() > 1 {
                let mut names: Vec<&str> =
                    parents.iter().map(|p| model.name(model.sos(*p).header.ident)).collect();
                names.sort_unstable();
                names.dedup();
                note = format!("member of {}", names.join(", "));
            }
            let Unit::Sos(s) = unit else {
                out.push(row(model, unit, depth, note));
                continue;
            };
            let i = s.index();
            if on_path[i] {
                out.push(row(model, unit, depth, "contains itself (membership cycle)".to_owned()));
                continue;
            }
            if expanded[i] {
                let note = if note.is_empty() {
                    "its members are listed above".to_owned()
                } else {
                    format!("{note}; its members are listed above")
                };
                out.push(row(model, unit, depth, note));
                continue;
            }
            out.push(row(model, unit, depth, note));
            expanded[i] = true;
            on_path[i] = true;
            stack.push(Step::Leave(i));
            let members = sorted_units(model, model.sos(s).members.values().copied());
            for member in members.into_iter().rev() {
                stack.push(Step::Show(member, depth + 1));
            }
        }
    }
    out
}

/// Each EAT with the units whose escalation reaches it (a unit under the one it escalates to),
/// as rows, and every unit whose escalation never reaches one.
fn escalation(model: &Model) -> (Vec<TreeRow>, Vec<EscalationGap>) {
    let n = model.teams.len() + model.scrums_of_scrums.len();
    let mut into_unit: Vec<Vec<Unit>> = vec![Vec::new(); n];
    let mut into_eat: Vec<Vec<Unit>> = vec![Vec::new(); model.eats.len()];
    for node in 0..n {
        let unit = graph::node_unit(model, node);
        match model.target(unit) {
            Some(Target::Unit(t)) => into_unit[graph::unit_node(model, t)].push(unit),
            Some(Target::Eat(e)) => {
                if let Some(v) = into_eat.get_mut(e.index()) {
                    v.push(unit);
                }
            }
            None => {}
        }
    }
    let mut eats: Vec<(String, usize)> =
        model.eat_ids().map(|(id, eat)| (model.name(eat.header.ident).to_owned(), id.index())).collect();
    eats.sort();
    let mut rows = Vec::new();
    // Units that reach an EAT form a forest (no cycles); `shown` guards against a model that
    // breaks that promise, so every unit is shown once at most.
    let mut shown = vec![false; n];
    for (ident, e) in eats {
        let eat = &model.eats[e];
        rows.push(TreeRow {
            depth: 0,
            indent: 0,
            ident,
            display: display(&eat.header),
            kind: "Executive Action Team",
            note: String::new(),
        });
        let mut stack: Vec<(Unit, usize)> =
            sorted_units(model, into_eat[e].iter().copied()).into_iter().rev().map(|u| (u, 1)).collect();
        while let Some((unit, depth)) = stack.pop() {
            let node = graph::unit_node(model, unit);
            if shown[node] {
                continue;
            }
            shown[node] = true;
            let note = if model.escalates_to(unit).is_some() {
                "declared with `escalates_to`".to_owned()
            } else {
                "via membership".to_owned()
            };
            rows.push(row(model, unit, depth, note));
            for u in sorted_units(model, into_unit[node].iter().copied()).into_iter().rev() {
                stack.push((u, depth + 1));
            }
        }
    }

    let mut gaps = Vec::new();
    if model.is_scaled() {
        let esc = graph::escalation(model);
        let units = sorted_units(model, (0..n).map(|i| graph::node_unit(model, i)));
        for unit in units {
            let end = esc.ends.get(graph::unit_node(model, unit)).copied().unwrap_or(PathEnd::Eat);
            if end == PathEnd::Eat {
                continue;
            }
            gaps.push(gap(model, unit, end));
        }
    }
    (rows, gaps)
}

/// The path of a unit whose escalation never reaches an EAT: its first [`PATH_HOPS`] hops, how
/// many more there are before the path stops or repeats, and how it ends.
fn gap(model: &Model, unit: Unit, end: PathEnd) -> EscalationGap {
    let mut path = vec![model.unit_ident(unit).to_owned()];
    let mut visited = vec![unit];
    let mut at = unit;
    let mut more = 0usize;
    let mut seen: Option<Vec<bool>> = None;
    while let Some(Target::Unit(next)) = model.target(at) {
        if path.len() <= PATH_HOPS {
            path.push(model.unit_ident(next).to_owned());
            if visited.contains(&next) {
                break;
            }
            visited.push(next);
        } else {
            // Count the rest without keeping it: a bit per unit, set once.
            let seen = seen.get_or_insert_with(|| {
                let mut v = vec![false; model.teams.len() + model.scrums_of_scrums.len()];
                for u in &visited {
                    v[graph::unit_node(model, *u)] = true;
                }
                v
            });
            more += 1;
            let node = graph::unit_node(model, next);
            if seen[node] {
                break;
            }
            seen[node] = true;
        }
        at = next;
    }
    let ending = match end {
        PathEnd::DeadEnd(u) => format!("stops at `{}`, which has no escalation target", model.unit_ident(u)),
        PathEnd::OnCycle(_) => "goes round an escalation cycle".to_owned(),
        PathEnd::IntoCycle(_) => "runs into an escalation cycle".to_owned(),
        PathEnd::Eat => String::new(),
    };
    EscalationGap { path, more, ending }
}
