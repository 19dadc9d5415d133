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
