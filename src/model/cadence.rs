//! Reference cadences (LANGUAGE.md §4): the cadence a group of teams synchronises on.

use jiff::civil::Date;
use rustc_hash::FxHashMap;

use super::time::class;
use super::{Model, TeamId};

/// One cadence class of a group: teams of one length and (for dated teams) one start residue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    /// Sprint length in days.
    pub days: u32,
    /// Start day modulo the length; `None` for a class of undated teams only.
    pub residue: Option<u32>,
    /// The earliest start date in the class, if any.
    pub earliest: Option<Date>,
    /// The teams in the class, in the group's order.
    pub teams: Vec<TeamId>,
}

/// The reference cadence of a group of teams, or the classes that tie for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// No team of the group has an effective cadence.
    Empty,
    /// One class is strictly larger than every other: the group's reference cadence.
    Cadence(Class),
    /// The largest classes tie: the group has no reference cadence.
    Tie(Vec<Class>),
}

impl Reference {
    /// Whether a team's effective cadence is synchronised with this reference (false on a
    /// tie; true for a group without cadences).
    pub fn synchronised(&self, model: &Model, team: TeamId) -> bool {
        let Some(cadence) = model.team(team).cadence else { return true };
        match self {
            Reference::Empty => true,
            Reference::Tie(_) => false,
            Reference::Cadence(c) => {
                cadence.days == c.days
                    && match (cadence.start, c.residue) {
                        (Some(start), Some(r)) => class(cadence.days, start).1 == r,
                        _ => true,
                    }
            }
        }
    }
}

/// Groups `teams` into cadence classes and finds the reference cadence (LANGUAGE.md §4).
pub fn reference(model: &Model, teams: impl IntoIterator<Item = TeamId>) -> Reference {
    let mut classes: Vec<Class> = Vec::new();
    let mut dated: FxHashMap<(u32, u32), usize> = FxHashMap::default();
    let mut undated: Vec<TeamId> = Vec::new();
    for team in teams {
        let Some(cadence) = model.team(team).cadence else { continue };
        match cadence.start {
            Some(start) => {
                let key = class(cadence.days, start);
                let i = *dated.entry(key).or_insert_with(|| {
                    classes.push(Class { days: key.0, residue: Some(key.1), earliest: None, teams: Vec::new() });
                    classes.len() - 1
                });
                let c = &mut classes[i];
                c.teams.push(team);
                c.earliest = Some(c.earliest.map_or(start, |e| e.min(start)));
            }
            None => undated.push(team),
        }
    }
    // A team without a start date joins the largest dated class of its length (on a tie, the
    // one holding the earliest start date); lengths no dated team has form a class of their own.
    let mut best_of_length: FxHashMap<u32, usize> = FxHashMap::default();
    for (i, c) in classes.iter().enumerate() {
        best_of_length
            .entry(c.days)
            .and_modify(|b| {
                let cur = &classes[*b];
                if (c.teams.len(), std::cmp::Reverse(c.earliest)) > (cur.teams.len(), std::cmp::Reverse(cur.earliest)) {
                    *b = i;
                }
            })
            .or_insert(i);
    }
    let mut own: FxHashMap<u32, usize> = FxHashMap::default();
    for team in undated {
        let days = model.team(team).cadence.map_or(0, |c| c.days);
        let i = match best_of_length.get(&days) {
            Some(&i) => i,
            None => *own.entry(days).or_insert_with(|| {
                classes.push(Class { days, residue: None, earliest: None, teams: Vec::new() });
                classes.len() - 1
            }),
        };
        classes[i].teams.push(team);
    }
    let Some(max) = classes.iter().map(|c| c.teams.len()).max() else { return Reference::Empty };
    let mut top: Vec<Class> = classes.into_iter().filter(|c| c.teams.len() == max).collect();
    if top.len() == 1 {
        top.pop().map_or(Reference::Empty, Reference::Cadence)
    } else {
        Reference::Tie(top)
    }
}
