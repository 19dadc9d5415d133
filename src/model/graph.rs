//! Graph walks over the model (LANGUAGE.md §4): the units below a Scrum of Scrums, cycles of
//! the membership, dependency and escalation graphs (petgraph's Tarjan), and where each
//! unit's escalation path ends.
//!
//! Everything here is linear in units plus edges, except [`units_below`], which is linear in
//! the sum of the sizes of the sets it returns (each unit once per Scrum of Scrums above it).

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::{Model, SosId, Target, TeamId, Unit};

/// For each Scrum of Scrums (by index), the units below it: its members, their members, and
/// so on, each once, in depth-first order; a Scrum of Scrums that contains itself is not
/// listed below itself.
pub fn units_below(model: &Model) -> Vec<Vec<Unit>> {
    let n = model.scrums_of_scrums.len();
    let mut out = Vec::with_capacity(n);
    let mut seen_team = vec![u32::MAX; model.teams.len()];
    let mut seen_sos = vec![u32::MAX; n];
    let mut stack = Vec::new();
    for s in 0..n {
        let mark = s as u32;
        let mut below = Vec::new();
        seen_sos[s] = mark;
        stack.push(SosId(s as u32));
        while let Some(sos) = stack.pop() {
            for member in model.sos(sos).members.values() {
                match *member {
                    Unit::Team(t) => {
                        if seen_team[t.index()] != mark {
                            seen_team[t.index()] = mark;
                            below.push(*member);
                        }
                    }
                    Unit::Sos(x) => {
                        if seen_sos[x.index()] != mark {
                            seen_sos[x.index()] = mark;
                            below.push(*member);
                            stack.push(x);
                        }
                    }
                }
            }
        }
        out.push(below);
    }
    out
}

/// The strongly connected components of a graph on `n` nodes that contain a cycle (more than
/// one node, or one node with an edge to itself), each sorted by node index.
pub fn cycles(n: usize, edges: impl IntoIterator<Item = (usize, usize)>) -> Vec<Vec<usize>> {
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(n, 0);
    for _ in 0..n {
        graph.add_node(());
    }
    for (a, b) in edges {
        graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
    }
    let mut out = Vec::new();
    for scc in tarjan_scc(&graph) {
        let cyclic = scc.len() > 1 || scc.first().is_some_and(|&x| graph.contains_edge(x, x));
        if cyclic {
            let mut nodes: Vec<usize> = scc.into_iter().map(NodeIndex::index).collect();
            nodes.sort_unstable();
            out.push(nodes);
        }
    }
    out
}

/// Node numbering for unit graphs: teams first, then Scrums of Scrums.
pub fn unit_node(model: &Model, unit: Unit) -> usize {
    match unit {
        Unit::Team(t) => t.index(),
        Unit::Sos(s) => model.teams.len() + s.index(),
    }
}

/// The unit of a node numbered by [`unit_node`].
pub fn node_unit(model: &Model, node: usize) -> Unit {
    if node < model.teams.len() {
        Unit::Team(TeamId(node as u32))
    } else {
        Unit::Sos(SosId((node - model.teams.len()) as u32))
    }
}

/// Where a unit's escalation path ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathEnd {
    /// At an Executive Action Team.
    Eat,
    /// At a unit with no target (possibly the unit itself).
    DeadEnd(Unit),
    /// In the escalation cycle with this index in [`Escalation::cycles`], which the unit is on.
    OnCycle(usize),
    /// Into the escalation cycle with this index, which the unit is not on.
    IntoCycle(usize),
}

/// The escalation graph's cycles and the end of every unit's path.
#[derive(Debug, Clone)]
pub struct Escalation {
    /// Each cycle's units, in path order starting from the unit with the smallest identifier.
    pub cycles: Vec<Vec<Unit>>,
    /// Per node ([`unit_node`]), where its path ends.
    pub ends: Vec<PathEnd>,
}

/// Follows every unit's escalation targets (each unit has at most one, so the graph is a
/// functional graph and this is linear).
pub fn escalation(model: &Model) -> Escalation {
    let n = model.teams.len() + model.scrums_of_scrums.len();
    const UNKNOWN: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![UNKNOWN; n];
    let mut ends = vec![PathEnd::Eat; n];
    let mut cycles: Vec<Vec<Unit>> = Vec::new();
    let mut path: Vec<usize> = Vec::new();
    for start in 0..n {
        if state[start] != UNKNOWN {
            continue;
        }
        path.clear();
        let mut node = start;
        let end = loop {
            if state[node] == DONE {
                break match ends[node] {
                    PathEnd::OnCycle(c) => PathEnd::IntoCycle(c),
                    other => other,
                };
            }
            if state[node] == ON_PATH {
                // A new cycle: the part of the path from `node` on.
                let from = path.iter().position(|&x| x == node).unwrap_or(0);
                let mut ring: Vec<Unit> = path[from..].iter().map(|&x| node_unit(model, x)).collect();
                let smallest = (0..ring.len())
                    .min_by(|&a, &b| model.unit_ident(ring[a]).cmp(model.unit_ident(ring[b])))
                    .unwrap_or(0);
                ring.rotate_left(smallest);
                let index = cycles.len();
                cycles.push(ring);
                for &x in &path[from..] {
                    state[x] = DONE;
                    ends[x] = PathEnd::OnCycle(index);
                }
                path.truncate(from);
                break PathEnd::IntoCycle(index);
            }
            state[node] = ON_PATH;
            path.push(node);
            let unit = node_unit(model, node);
            match model.target(unit) {
                None => break PathEnd::DeadEnd(unit),
                Some(Target::Eat(_)) => break PathEnd::Eat,
                Some(Target::Unit(next)) => node = unit_node(model, next),
            }
        };
        for &x in &path {
            state[x] = DONE;
            ends[x] = end;
        }
    }
    Escalation { cycles, ends }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, SourceMap};

    fn model(items: &str) -> Model {
        let text = format!(
            "organisation \"O\" {{\n}}\nperson p\nexecutive_action_team eat {{\n  members p\n}}\n{items}"
        );
        let map = SourceMap::from_files(vec![SourceFile::new("o.scale", text)]);
        let (files, errors) = crate::syntax::parse_all(&map);
        assert!(errors.is_empty(), "{errors:?}");
        let (model, errors) = crate::model::resolve(&files);
        assert!(errors.is_empty(), "{errors:?}");
        model
    }

    fn end_of(m: &Model, e: &Escalation, ident: &str) -> PathEnd {
        let node = (0..e.ends.len()).find(|&n| m.unit_ident(node_unit(m, n)) == ident).unwrap_or(usize::MAX);
        e.ends.get(node).copied().unwrap_or(PathEnd::Eat)
    }

    fn ring(m: &Model, e: &Escalation, i: usize) -> Vec<String> {
        e.cycles.get(i).map(|c| c.iter().map(|u| m.unit_ident(*u).to_owned()).collect()).unwrap_or_default()
    }

    #[test]
    fn cycles_start_at_the_smallest_identifier_in_path_order() {
        let m = model(
            "team z {\n  escalates_to y\n}\nteam y {\n  escalates_to b\n}\nteam b {\n  escalates_to z\n}\n\
             team tail {\n  escalates_to z\n}\n",
        );
        let e = escalation(&m);
        assert_eq!(e.cycles.len(), 1);
        assert_eq!(ring(&m, &e, 0), ["b", "z", "y"]);
        assert_eq!(end_of(&m, &e, "z"), PathEnd::OnCycle(0));
        assert_eq!(end_of(&m, &e, "tail"), PathEnd::IntoCycle(0));
    }

    #[test]
    fn implicit_edges_go_to_the_one_parent() {
        let m = model(
            "team a {\n}\nteam b {\n}\nscrum_of_scrums s {\n  members a, b\n  escalates_to a\n}\n\
             scrum_of_scrums top {\n  members s\n  escalates_to eat\n}\nteam c {\n}\n\
             scrum_of_scrums u {\n  members c\n}\nscrum_of_scrums v {\n  members c\n  escalates_to eat\n}\n",
        );
        let e = escalation(&m);
        assert_eq!(e.cycles.len(), 1);
        assert_eq!(ring(&m, &e, 0), ["a", "s"]);
        assert_eq!(end_of(&m, &e, "b"), PathEnd::IntoCycle(0));
        assert_eq!(end_of(&m, &e, "top"), PathEnd::Eat);
        // `c` is listed by two Scrums of Scrums: no target.
        let c = end_of(&m, &e, "c");
        assert!(matches!(c, PathEnd::DeadEnd(u) if m.unit_ident(u) == "c"), "{c:?}");
        let u = end_of(&m, &e, "u");
        assert!(matches!(u, PathEnd::DeadEnd(x) if m.unit_ident(x) == "u"), "{u:?}");
    }

    #[test]
    fn a_self_escalation_is_a_cycle_of_one() {
        let m = model("team a {\n  escalates_to a\n}\nscrum_of_scrums s {\n  members s\n}\n");
        let e = escalation(&m);
        let mut rings: Vec<Vec<String>> = (0..e.cycles.len()).map(|i| ring(&m, &e, i)).collect();
        rings.sort();
        assert_eq!(rings, [vec!["a".to_owned()], vec!["s".to_owned()]]);
    }

    #[test]
    fn units_below_walk_every_level_once_and_skip_the_unit_itself() {
        let m = model(
            "team a {\n}\nteam b {\n}\nscrum_of_scrums s {\n  members a, t\n}\nscrum_of_scrums t {\n  members b, s\n}\n",
        );
        let below = units_below(&m);
        let idents = |s: usize| {
            let mut v: Vec<&str> = below[s].iter().map(|u| m.unit_ident(*u)).collect();
            v.sort_unstable();
            v
        };
        assert_eq!(idents(0), ["a", "b", "t"]);
        assert_eq!(idents(1), ["a", "b", "s"]);
    }
}
