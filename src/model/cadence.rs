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
                    classes.push(Class {
                        days: key.0,
                        residue: Some(key.1),
                        earliest: None,
                        teams: Vec::new(),
                    });
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
                if (c.teams.len(), std::cmp::Reverse(c.earliest))
                    > (cur.teams.len(), std::cmp::Reverse(cur.earliest))
                {
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
    if top.len() == 1 { top.pop().map_or(Reference::Empty, Reference::Cadence) } else { Reference::Tie(top) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, SourceMap};

    /// A model of an organisation (sprint 2w from 2026-01-05) whose teams declare `sprints`
    /// (`None`: inherit the organisation's).
    fn model(sprints: &[(&str, Option<&str>)]) -> Model {
        let mut text = String::from("organisation \"O\" {\n  sprint 2w starting 2026-01-05\n}\n");
        for (name, sprint) in sprints {
            text.push_str(&format!("team {name} {{\n"));
            if let Some(s) = sprint {
                text.push_str(&format!("  sprint {s}\n"));
            }
            text.push_str("}\n");
        }
        let map = SourceMap::from_files(vec![SourceFile::new("o.scale", text)]);
        let (files, errors) = crate::syntax::parse_all(&map);
        assert!(errors.is_empty(), "{errors:?}");
        let (model, errors) = crate::model::resolve(&files);
        assert!(errors.is_empty(), "{errors:?}");
        model
    }

    fn all(m: &Model) -> Reference {
        reference(m, (0..m.teams.len()).map(|t| TeamId(t as u32)))
    }

    fn names(m: &Model, teams: &[TeamId]) -> Vec<String> {
        let mut out: Vec<String> = teams.iter().map(|t| m.name(m.team(*t).header.ident).to_owned()).collect();
        out.sort();
        out
    }

    #[test]
    fn the_strictly_largest_class_is_the_reference() {
        let m = model(&[
            ("a", None),
            ("b", Some("2w starting 2026-01-19")),
            ("c", Some("2w starting 2026-01-08")),
        ]);
        let Reference::Cadence(c) = all(&m) else { panic!("no reference") };
        assert_eq!(names(&m, &c.teams), ["a", "b"]);
        assert_eq!(c.earliest, Some(Date::constant(2026, 1, 5)));
        let r = all(&m);
        assert!(r.synchronised(&m, TeamId(0)));
        assert!(r.synchronised(&m, TeamId(1)));
        assert!(!r.synchronised(&m, TeamId(2)));
    }

    #[test]
    fn equal_classes_tie_and_nobody_is_synchronised() {
        let m = model(&[
            ("a", None),
            ("b", None),
            ("c", Some("2w starting 2026-01-12")),
            ("d", Some("2w starting 2026-01-26")),
        ]);
        let r = all(&m);
        let Reference::Tie(classes) = &r else { panic!("no tie") };
        assert_eq!(classes.len(), 2);
        assert!((0..4).all(|t| !r.synchronised(&m, TeamId(t))));
    }

    #[test]
    fn harmonic_lengths_form_separate_classes() {
        let m = model(&[("a", None), ("b", None), ("c", Some("1w starting 2026-01-05"))]);
        let r = all(&m);
        assert!(!r.synchronised(&m, TeamId(2)));
    }

    #[test]
    fn an_undated_team_joins_the_largest_class_of_its_length() {
        // a, b on 01-12; c on the organisation's 01-05; d undated: d joins {a, b}.
        let m = model(&[
            ("a", Some("2w starting 2026-01-12")),
            ("b", Some("2w starting 2026-01-12")),
            ("c", None),
            ("d", Some("2w")),
        ]);
        assert_eq!(
            m.team(TeamId(3)).cadence.and_then(|c| c.start),
            None,
            "own sprint replaces the organisation's whole"
        );
        let Reference::Cadence(c) = all(&m) else { panic!("no reference") };
        assert_eq!(names(&m, &c.teams), ["a", "b", "d"]);
    }

    #[test]
    fn an_undated_team_breaks_a_tie_towards_the_earliest_start() {
        let m = model(&[("a", Some("2w starting 2026-01-12")), ("b", None), ("c", Some("2w"))]);
        let Reference::Cadence(c) = all(&m) else { panic!("no reference") };
        assert_eq!(names(&m, &c.teams), ["b", "c"]);
        assert!(!all(&m).synchronised(&m, TeamId(0)));
    }

    #[test]
    fn undated_teams_of_a_length_nobody_dates_form_their_own_class() {
        let m = model(&[("a", Some("3w")), ("b", Some("3w")), ("c", None)]);
        let Reference::Cadence(c) = all(&m) else { panic!("no reference") };
        assert_eq!((c.days, c.residue), (21, None));
        assert_eq!(names(&m, &c.teams), ["a", "b"]);
        assert!(!all(&m).synchronised(&m, TeamId(2)));
    }

    #[test]
    fn a_group_without_cadences_is_empty() {
        assert_eq!(reference(&model(&[("a", None)]), std::iter::empty()), Reference::Empty);
    }
}
