//! Cycles of the membership and dependency graphs, written out for SG207 and SG212
//! (GUARDRAILS.md "Subjects"): one per strongly connected component that holds a cycle.

use crate::checks::Finding;
use crate::diagnostic::and_list;
use crate::model::graph::cycles;

/// One cycle: a strongly connected component of the graph that holds a cycle.
pub(super) struct Cycle {
    /// A shortest cycle through the node with the smallest name, starting at it (the closing
    /// node is not repeated: a self-loop is `[a]`).
    pub path: Vec<usize>,
    /// The component's nodes that are not on `path`, by name.
    pub others: Vec<usize>,
    /// Indices into the input edges of every edge inside the component: first the edges of
    /// `path` in path order, then the rest by the names of their ends.
    pub edges: Vec<usize>,
}

/// The cycles of a graph on `n` nodes, named by `name` (ties and output follow names, never
/// node numbers). Linear in nodes plus edges, apart from sorting.
pub(super) fn find<'a>(n: usize, edges: &[(usize, usize)], name: impl Fn(usize) -> &'a str) -> Vec<Cycle> {
    let components = cycles(n, edges.iter().copied());
    if components.is_empty() {
        return Vec::new();
    }
    // The component of each node, and each node's index within it.
    let mut component = vec![u32::MAX; n];
    let mut local = vec![0usize; n];
    for (c, nodes) in components.iter().enumerate() {
        for (i, &x) in nodes.iter().enumerate() {
            if let Some(slot) = component.get_mut(x) {
                *slot = c as u32;
            }
            if let Some(slot) = local.get_mut(x) {
                *slot = i;
            }
        }
    }
    let mut inner: Vec<Vec<usize>> = vec![Vec::new(); components.len()];
    for (e, &(a, b)) in edges.iter().enumerate() {
        match (component.get(a), component.get(b)) {
            (Some(&ca), Some(&cb)) if ca == cb && ca != u32::MAX => {
                if let Some(list) = inner.get_mut(ca as usize) {
                    list.push(e);
                }
            }
            _ => {}
        }
    }
    let mut path_edge = vec![false; edges.len()];
    let mut out = Vec::with_capacity(components.len());
    for (nodes, mut inside) in components.into_iter().zip(inner) {
        let Some(&start) = nodes.iter().min_by(|&&a, &&b| name(a).cmp(name(b))) else {
            continue;
        };
        // Adjacency within the component, neighbours by name, so the search is deterministic.
        let mut adjacent: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nodes.len()];
        for &e in &inside {
            let Some(&(a, b)) = edges.get(e) else {
                continue;
            };
            if let Some(list) = local.get(a).and_then(|&i| adjacent.get_mut(i)) {
                list.push((b, e));
            }
        }
        for list in &mut adjacent {
            list.sort_by(|x, y| name(x.0).cmp(name(y.0)));
        }
        let (path, path_edges) = shortest_ring(start, &adjacent, &local);
        let mut on_path = vec![false; nodes.len()];
        for &x in &path {
            if let Some(slot) = local.get(x).and_then(|&i| on_path.get_mut(i)) {
                *slot = true;
            }
        }
        let mut others: Vec<usize> = nodes
            .iter()
            .copied()
            .filter(|x| !local.get(*x).and_then(|&i| on_path.get(i)).copied().unwrap_or(false))
            .collect();
        others.sort_by(|&a, &b| name(a).cmp(name(b)));
        for &e in &path_edges {
            if let Some(slot) = path_edge.get_mut(e) {
                *slot = true;
            }
        }
        inside.retain(|&e| !path_edge.get(e).copied().unwrap_or(false));
        inside.sort_by(|&x, &y| {
            let key = |e: usize| edges.get(e).map(|&(a, b)| (name(a), name(b)));
            key(x).cmp(&key(y))
        });
        let mut all = path_edges;
        all.extend(inside);
        out.push(Cycle { path, others, edges: all });
    }
    out
}

/// A shortest cycle from `start` back to it (breadth-first, neighbours in the given order):
/// its nodes and the edges taken.
fn shortest_ring(
    start: usize,
    adjacent: &[Vec<(usize, usize)>],
    local: &[usize],
) -> (Vec<usize>, Vec<usize>) {
    let at = |x: usize| local.get(x).copied().unwrap_or(0);
    // `via[i]`: the node and edge by which local node `i` was first reached.
    let mut via: Vec<Option<(usize, usize)>> = vec![None; adjacent.len()];
    let mut queue = std::collections::VecDeque::from([start]);
    let mut closing = None;
    'search: while let Some(x) = queue.pop_front() {
        for &(y, e) in adjacent.get(at(x)).map_or(&[][..], Vec::as_slice) {
            if y == start {
                closing = Some((x, e));
                break 'search;
            }
            if let Some(slot) = via.get_mut(at(y))
                && slot.is_none()
            {
                *slot = Some((x, e));
                queue.push_back(y);
            }
        }
    }
    let Some((last, closing_edge)) = closing else {
        return (vec![start], Vec::new());
    };
    let mut path = vec![last];
    let mut taken = vec![closing_edge];
    let mut node = last;
    while node != start {
        let Some((prev, e)) = via.get(at(node)).copied().flatten() else {
            break;
        };
        path.push(prev);
        taken.push(e);
        node = prev;
    }
    path.reverse();
    taken.reverse();
    (path, taken)
}

/// The cycle written out from its first node: `a -> b -> a`.
pub(super) fn written<'a>(path: &[usize], name: impl Fn(usize) -> &'a str) -> String {
    let mut parts: Vec<&str> = path.iter().map(|&x| name(x)).collect();
    if let Some(&first) = path.first() {
        parts.push(name(first));
    }
    parts.join(" -> ")
}

/// The units of a component that are not on the written cycle, as a message's aside:
/// `` (`c` is on it too)``, naming at most five and counting the rest.
pub(super) fn others_aside<'a>(others: &[usize], name: impl Fn(usize) -> &'a str) -> String {
    const SHOWN: usize = 5;
    if others.is_empty() {
        return String::new();
    }
    let mut words: Vec<String> = others.iter().take(SHOWN).map(|&x| format!("`{}`", name(x))).collect();
    if others.len() > SHOWN {
        words.push(format!("{} more", others.len() - SHOWN));
    }
    let verb = if others.len() == 1 { "is" } else { "are" };
    format!(" ({} {verb} on it too)", and_list(&words))
}

/// Labels every edge of a found cycle (the first primary, the rest secondary); `label` words
/// one edge `(from, to)`, which may be a self-loop.
pub(super) fn label_edges(
    mut finding: Finding,
    cycle: &Cycle,
    edges: &[(usize, usize)],
    spans: &[crate::source::Span],
    label: impl Fn(usize, usize) -> String,
) -> Finding {
    for (i, &e) in cycle.edges.iter().enumerate() {
        let (Some(&(a, b)), Some(&span)) = (edges.get(e), spans.get(e)) else {
            continue;
        };
        finding =
            if i == 0 { finding.primary(span, label(a, b)) } else { finding.secondary(span, label(a, b)) };
    }
    finding
}
