//! The membership picture of the HTML report: the team of teams as a layered tree, drawn by
//! scaleguard itself as an inline SVG (no Graphviz, no script).
//!
//! Executive Action Teams sit at the top, joined by dashed escalation lines to the top Scrums
//! of Scrums that escalate to them; below each Scrum of Scrums hang its members, down to the
//! teams. A Scrum of Scrums whose members are all leaves stacks them in a column under
//! itself, which keeps wide organisations narrow. A unit listed by several Scrums of Scrums
//! (or met again round a membership cycle) is drawn once, under the first; the other
//! memberships are extra dashed lines. Units and Executive Action Teams that a finding is
//! about are outlined in the error colour (muted when waived), as `graph --view membership`
//! marks them ([`unit_marks`]). Above [`MAX_TEAMS`] teams only the
//! Scrums of Scrums are drawn, each with the number of teams below it. Every number is
//! computed here; the template escapes every text.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalogue::{self, Rule, SubjectKind};
use crate::checks::Subject;
use crate::diagnostic::{Diagnostic, plural};
use crate::export::graph::{Mark, Marked, unit_marks};
use crate::model::graph;
use crate::model::{EatId, Model, SosId, Target, TeamId, Unit};

/// Above this many teams the picture shows Scrums of Scrums only.
pub const MAX_TEAMS: usize = 60;

/// Above this many Scrums of Scrums there is no picture at all (only the list).
pub const MAX_SOS: usize = 300;

/// A drawing at most this wide shrinks to the page; a wider one scrolls sideways.
const FIT_WIDTH: f64 = 1200.0;

/// Membership deeper than this is not drawn (it only guards the recursion).
const MAX_DEPTH: usize = 64;
const MARGIN: f64 = 12.0;
const H_GAP: f64 = 18.0;
const V_GAP: f64 = 34.0;
const STACK_GAP: f64 = 8.0;
const INDENT: f64 = 22.0;
const TRUNK: f64 = 12.0;
const CHAR_WIDTH: f64 = 7.3;
const PADDING: f64 = 20.0;
const MIN_WIDTH: f64 = 80.0;
const MAX_WIDTH: f64 = 200.0;
const HEIGHT: f64 = 30.0;
const HEIGHT_COUNTED: f64 = 44.0;

/// The picture, every number preformatted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Picture {
    /// `0 0 w h`.
    pub view_box: String,
    /// The drawing's width in pixels.
    pub width: String,
    /// The drawing's height in pixels.
    pub height: String,
    /// Whether teams are left out (a large organisation).
    pub sos_only: bool,
    /// Whether the drawing shrinks to the page width (else it scrolls sideways).
    pub fit: bool,
    /// What the picture shows, for the caption.
    pub caption: String,
    /// One per drawn unit and EAT.
    pub nodes: Vec<Node>,
    /// Membership and escalation lines.
    pub edges: Vec<Edge>,
}

/// One box.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// `team`, `sos` or `eat`.
    pub kind: &'static str,
    /// `finding`, `waived` or empty.
    pub state: &'static str,
    /// The identifier, shortened with `…` when too long for the box.
    pub label: String,
    /// `Scrum of Scrums checkout: Checkout` and the findings, for the tooltip.
    pub title: String,
    /// `12 teams` (Scrums of Scrums only, large organisations), or empty.
    pub count: String,
    /// Left.
    pub x: String,
    /// Top.
    pub y: String,
    /// Width.
    pub w: String,
    /// Height.
    pub h: String,
    /// Centre x, for the text.
    pub text_x: String,
    /// Baseline of the label.
    pub text_y: String,
    /// Baseline of the count.
    pub count_y: String,
}

/// One line between boxes.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    /// `member` (drawn as the tree), `also` (another membership) or `escalation`.
    pub kind: &'static str,
    /// The SVG path.
    pub d: String,
}

fn f(x: f64) -> String {
    let v = (x * 10.0).round() / 10.0;
    if v == 0.0 { "0.0".to_owned() } else { format!("{v:.1}") }
}

/// A box being laid out: the unit or EAT, its tree children, and its place.
struct Place {
    unit: Option<Unit>,
    kind: &'static str,
    ident: String,
    display: Option<String>,
    count: Option<usize>,
    state: &'static str,
    findings: Vec<String>,
    children: Vec<usize>,
    x: f64,
    y: f64,
    /// Whether its children hang in a column below it.
    stacked: bool,
    /// Whether it hangs in its parent's column.
    in_column: bool,
}

struct Layout {
    places: Vec<Place>,
    /// Extra membership lines (parent, child), both indices into `places`.
    also: Vec<(usize, usize)>,
    w: f64,
    h: f64,
}

impl Layout {
    /// Lays out the subtree of `i` from `x0` with its top at `y`; returns its width.
    fn place(&mut self, i: usize, x0: f64, y: f64) -> f64 {
        self.places[i].y = y;
        let children = self.places[i].children.clone();
        if children.is_empty() {
            self.places[i].x = x0;
            return self.w;
        }
        if children.iter().all(|&c| self.places[c].children.is_empty()) {
            self.places[i].stacked = true;
            self.places[i].x = x0;
            for (k, &c) in children.iter().enumerate() {
                self.places[c].x = x0 + INDENT;
                self.places[c].in_column = true;
                self.places[c].y = y + (k + 1) as f64 * (self.h + STACK_GAP);
            }
            return self.w + INDENT;
        }
        let mut cx = x0;
        for &c in &children {
            cx += self.place(c, cx, y + self.h + V_GAP) + H_GAP;
        }
        let total = cx - H_GAP - x0;
        if total < self.w {
            let dx = (self.w - total) / 2.0;
            for &c in &children {
                self.shift(c, dx);
            }
        }
        let first = children.first().map_or(x0, |&c| self.places[c].x);
        let last = children.last().map_or(x0, |&c| self.places[c].x);
        self.places[i].x = (first + last) / 2.0;
        total.max(self.w)
    }

    fn shift(&mut self, i: usize, dx: f64) {
        let mut todo = vec![i];
        while let Some(j) = todo.pop() {
            self.places[j].x += dx;
            todo.extend(self.places[j].children.iter().copied());
        }
    }

    fn top_centre(&self, i: usize) -> (f64, f64) {
        (self.places[i].x + self.w / 2.0, self.places[i].y)
    }

    fn bottom_centre(&self, i: usize) -> (f64, f64) {
        (self.places[i].x + self.w / 2.0, self.places[i].y + self.h)
    }
}

/// The subject of a finding of the run as the model's typed subject, from its rule's kind of
/// subject and the identifier the diagnostic names (`None` for a subject the picture has no
/// element for, and for input errors).
fn typed_subject(idents: &BTreeMap<&str, Target>, d: &Diagnostic) -> Option<Subject> {
    let kind = catalogue::find(d.code.code)?.subject;
    let name = d.subject.as_deref()?;
    let target = idents.get(name).copied();
    match (kind, target) {
        (SubjectKind::Cycle, _) => Some(Subject::Cycle(name.to_owned())),
        (SubjectKind::Team | SubjectKind::Unit, Some(Target::Unit(Unit::Team(t)))) => Some(Subject::Team(t)),
        (SubjectKind::ScrumOfScrums | SubjectKind::Unit, Some(Target::Unit(Unit::Sos(s)))) => {
            Some(Subject::Sos(s))
        }
        (SubjectKind::ExecutiveActionTeam, Some(Target::Eat(e))) => Some(Subject::Eat(e)),
        _ => None,
    }
}

/// What the run's findings mark ([`unit_marks`]), and the tooltip text of each marked element:
/// its codes, `SG205 (waived)` when all of a code's findings there are waived.
fn marks(model: &Model, diagnostics: &[Diagnostic]) -> BTreeMap<Target, (&'static str, Vec<String>)> {
    let mut idents: BTreeMap<&str, Target> = BTreeMap::new();
    for (t, team) in model.team_ids() {
        idents.insert(model.name(team.header.ident), Target::Unit(Unit::Team(t)));
    }
    for (s, sos) in model.sos_ids() {
        idents.insert(model.name(sos.header.ident), Target::Unit(Unit::Sos(s)));
    }
    for (e, eat) in model.eat_ids() {
        idents.insert(model.name(eat.header.ident), Target::Eat(e));
    }
    let typed: Vec<(Rule, Subject, bool)> = diagnostics
        .iter()
        .filter_map(|d| Some((d.code, typed_subject(&idents, d)?, d.waived.is_some())))
        .collect();
    unit_marks(model, typed.iter().map(|(code, subject, waived)| (*code, subject, *waived)))
        .into_iter()
        .map(|(target, Marked { mark, codes })| {
            let state = match mark {
                Mark::Finding => "finding",
                Mark::Waived => "waived",
                Mark::None => "",
            };
            let codes = codes
                .into_iter()
                .map(|(code, waived)| if waived { format!("{code} (waived)") } else { code.to_owned() })
                .collect();
            (target, (state, codes))
        })
        .collect()
}

/// Units sorted for display: Scrums of Scrums first, then teams, each by identifier.
fn sorted(model: &Model, units: impl IntoIterator<Item = Unit>) -> Vec<Unit> {
    let mut v: Vec<Unit> = units.into_iter().collect();
    v.sort_by(|a, b| {
        let rank = |u: &Unit| matches!(u, Unit::Team(_));
        (rank(a), model.unit_ident(*a)).cmp(&(rank(b), model.unit_ident(*b)))
    });
    v.dedup();
    v
}

/// The teams below each Scrum of Scrums (distinct, through any depth).
fn teams_below(model: &Model) -> Vec<usize> {
    let below = graph::units_below(model);
    (0..model.scrums_of_scrums.len())
        .map(|s| {
            let mut teams: Vec<Unit> = below
                .get(s)
                .map(|v| v.iter().copied().filter(|u| matches!(u, Unit::Team(_))).collect())
                .unwrap_or_default();
            teams.sort_unstable();
            teams.dedup();
            teams.len()
        })
        .collect()
}

impl Picture {
    /// The picture of a model with the run's findings.
    pub fn of(model: &Model, diagnostics: &[Diagnostic]) -> Picture {
        let sos_only = model.teams.len() > MAX_TEAMS;
        if model.scrums_of_scrums.len() > MAX_SOS {
            return Picture {
                caption: format!(
                    "With {} the organisation is too large to draw; the list below shows its membership.",
                    plural(model.scrums_of_scrums.len(), "Scrum of Scrums", "Scrums of Scrums")
                ),
                ..Picture::default()
            };
        }
        let drawn = |u: &Unit| !(sos_only && matches!(u, Unit::Team(_)));
        let n = model.teams.len() + model.scrums_of_scrums.len();
        let marks = marks(model, diagnostics);
        let counts = if sos_only { teams_below(model) } else { Vec::new() };
        let units = sorted(
            model,
            (0..model.scrums_of_scrums.len())
                .map(|i| Unit::Sos(SosId(i as u32)))
                .chain((0..model.teams.len()).map(|i| Unit::Team(TeamId(i as u32))))
                .filter(drawn),
        );
        if units.is_empty() {
            return Picture::default();
        }
        let longest = units
            .iter()
            .map(|u| model.unit_ident(*u).chars().count())
            .chain(model.eats.iter().map(|e| model.name(e.header.ident).chars().count()))
            .max()
            .unwrap_or(0);
        let w = (longest as f64 * CHAR_WIDTH + PADDING).clamp(MIN_WIDTH, MAX_WIDTH);
        let h = if sos_only { HEIGHT_COUNTED } else { HEIGHT };
        let mut layout = Layout { places: Vec::new(), also: Vec::new(), w, h };

        // The tree: roots are the drawn units that are members of nothing, then units only
        // reachable round a membership cycle. Each unit is placed once, under its first parent.
        let mut index: Vec<Option<usize>> = vec![None; n];
        let mut extra: Vec<(usize, Unit)> = Vec::new();
        let mut roots: Vec<usize> = Vec::new();
        let new_place = |model: &Model, unit: Unit, places: &mut Vec<Place>| -> usize {
            let header = model.unit_header(unit);
            places.push(Place {
                unit: Some(unit),
                kind: match unit {
                    Unit::Team(_) => "team",
                    Unit::Sos(_) => "sos",
                },
                ident: model.name(header.ident).to_owned(),
                display: header.display.clone(),
                count: match unit {
                    Unit::Sos(s) if sos_only => counts.get(s.index()).copied(),
                    _ => None,
                },
                state: marks.get(&Target::Unit(unit)).map_or("", |m| m.0),
                findings: marks.get(&Target::Unit(unit)).map(|m| m.1.clone()).unwrap_or_default(),
                children: Vec::new(),
                x: 0.0,
                y: 0.0,
                stacked: false,
                in_column: false,
            });
            places.len() - 1
        };
        let parentless: Vec<Unit> = units.iter().copied().filter(|u| model.parents(*u).is_empty()).collect();
        for start in parentless.into_iter().chain(units.iter().copied()) {
            if index[graph::unit_node(model, start)].is_some() {
                continue;
            }
            let root = new_place(model, start, &mut layout.places);
            index[graph::unit_node(model, start)] = Some(root);
            roots.push(root);
            // Depth-first, iteratively: (unit, its place, depth).
            let mut stack = vec![(start, root, 0usize)];
            while let Some((unit, at, depth)) = stack.pop() {
                let Unit::Sos(s) = unit else { continue };
                let members = sorted(model, model.sos(s).members.values().copied().filter(drawn));
                let mut fresh = Vec::new();
                for m in members {
                    let node = graph::unit_node(model, m);
                    if index[node].is_some() || depth + 1 >= MAX_DEPTH {
                        extra.push((at, m));
                        continue;
                    }
                    let child = new_place(model, m, &mut layout.places);
                    index[node] = Some(child);
                    layout.places[at].children.push(child);
                    fresh.push((m, child, depth + 1));
                }
                stack.extend(fresh.into_iter().rev());
            }
        }
        layout.also = extra
            .into_iter()
            .filter_map(|(p, m)| index[graph::unit_node(model, m)].map(|c| (p, c)))
            .collect();

        // Which roots escalate to which EAT; roots are grouped under their EAT.
        let mut eats: Vec<(String, Vec<usize>, EatId)> = model
            .eat_ids()
            .map(|(id, eat)| {
                let below: Vec<usize> = roots
                    .iter()
                    .copied()
                    .filter(|&r| {
                        layout.places[r].unit.is_some_and(|u| model.target(u) == Some(Target::Eat(id)))
                    })
                    .collect();
                (model.name(eat.header.ident).to_owned(), below, id)
            })
            .collect();
        eats.sort_by(|a, b| a.0.cmp(&b.0));
        let mut ordered: Vec<usize> = Vec::new();
        for (_, below, _) in &eats {
            for &r in below {
                if !ordered.contains(&r) {
                    ordered.push(r);
                }
            }
        }
        for &r in &roots {
            if !ordered.contains(&r) {
                ordered.push(r);
            }
        }
        let top = if eats.is_empty() { MARGIN } else { MARGIN + h + V_GAP };
        let mut x = MARGIN;
        for &r in &ordered {
            x += layout.place(r, x, top) + H_GAP;
        }
        let mut right = x - H_GAP;

        // The EATs: centred over their roots, left to right without overlap.
        let mut eat_places: Vec<(f64, EatId, Vec<usize>)> = Vec::new();
        for (_, below, id) in &eats {
            let centre = if below.is_empty() {
                f64::INFINITY
            } else {
                below.iter().map(|&r| layout.places[r].x).sum::<f64>() / below.len() as f64
            };
            eat_places.push((centre, *id, below.clone()));
        }
        eat_places.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut next = MARGIN;
        let mut escalations: Vec<(usize, usize)> = Vec::new();
        for (centre, id, below) in eat_places {
            let Some(eat) = model.eats.get(id.index()) else { continue };
            let marked = marks.get(&Target::Eat(id));
            let at = if centre.is_finite() { centre.max(next) } else { next.max(MARGIN) };
            layout.places.push(Place {
                unit: None,
                kind: "eat",
                ident: model.name(eat.header.ident).to_owned(),
                display: eat.header.display.clone(),
                count: None,
                state: marked.map_or("", |m| m.0),
                findings: marked.map(|m| m.1.clone()).unwrap_or_default(),
                children: Vec::new(),
                x: at,
                y: MARGIN,
                stacked: false,
                in_column: false,
            });
            let e = layout.places.len() - 1;
            escalations.extend(below.into_iter().map(|r| (e, r)));
            next = at + w + H_GAP;
            right = right.max(at + w);
        }

        // Lines.
        let mut edges = Vec::new();
        for (i, p) in layout.places.iter().enumerate() {
            for &c in &p.children {
                let d = if p.stacked {
                    let x = p.x + TRUNK;
                    let cy = layout.places[c].y + h / 2.0;
                    format!("M {} {} V {} H {}", f(x), f(p.y + h), f(cy), f(layout.places[c].x))
                } else {
                    let (x1, y1) = layout.bottom_centre(i);
                    let (x2, y2) = layout.top_centre(c);
                    let mid = y1 + V_GAP / 2.0;
                    format!("M {} {} V {} H {} V {}", f(x1), f(y1), f(mid), f(x2), f(y2))
                };
                edges.push(Edge { kind: "member", d });
            }
        }
        for &(e, r) in &escalations {
            let (x1, y1) = layout.bottom_centre(e);
            let (x2, y2) = layout.top_centre(r);
            let mid = y1 + V_GAP / 2.0;
            let d = format!("M {} {} V {} H {} V {}", f(x1), f(y1), f(mid), f(x2), f(y2));
            edges.push(Edge { kind: "escalation", d });
        }
        for &(p, c) in &layout.also {
            let (from, to) = (&layout.places[p], &layout.places[c]);
            let d = if to.y <= from.y {
                // Back up a membership cycle: a curve on the right, clear of the tree's lines.
                let (x1, y1) = (from.x + w, from.y + h / 2.0);
                let (x2, y2) = (to.x + w, to.y + h / 2.0);
                let bulge = x1.max(x2) + 2.0 * H_GAP;
                format!(
                    "M {} {} C {} {} {} {} {} {}",
                    f(x1),
                    f(y1),
                    f(bulge),
                    f(y1),
                    f(bulge),
                    f(y2),
                    f(x2),
                    f(y2)
                )
            } else if to.in_column {
                // Into the side of a box in a column, not across the box above it.
                let (x1, y1) = layout.bottom_centre(p);
                let x2 = if from.x > to.x { to.x + w } else { to.x };
                let y2 = to.y + h / 2.0;
                format!("M {} {} L {} {}", f(x1), f(y1), f(x2), f(y2))
            } else {
                let (x1, y1) = layout.bottom_centre(p);
                let (x2, y2) = layout.top_centre(c);
                format!("M {} {} L {} {}", f(x1), f(y1), f(x2), f(y2))
            };
            edges.push(Edge { kind: "also", d });
        }
        // Escalation lines first (under everything), then membership.
        edges.sort_by_key(|e| match e.kind {
            "escalation" => 0,
            "member" => 1,
            _ => 2,
        });

        let bottom = layout.places.iter().map(|p| p.y + h).fold(0.0, f64::max);
        let max_chars = ((w - PADDING) / CHAR_WIDTH).floor().max(1.0) as usize;
        let nodes = layout
            .places
            .iter()
            .map(|p| {
                let kind_name = match p.kind {
                    "team" => "team",
                    "sos" => "Scrum of Scrums",
                    _ => "Executive Action Team",
                };
                let mut title = format!("{kind_name} {}", p.ident);
                if let Some(display) = &p.display {
                    title.push_str(": ");
                    title.push_str(display);
                }
                if !p.findings.is_empty() {
                    title.push_str(" · ");
                    title.push_str(&p.findings.join(", "));
                }
                let label = if p.ident.chars().count() > max_chars {
                    let mut s: String = p.ident.chars().take(max_chars.saturating_sub(1)).collect();
                    s.push('…');
                    s
                } else {
                    p.ident.clone()
                };
                let counted = p.count.is_some();
                Node {
                    kind: p.kind,
                    state: p.state,
                    label,
                    title,
                    count: p.count.map(|c| plural(c, "team", "teams")).unwrap_or_default(),
                    x: f(p.x),
                    y: f(p.y),
                    w: f(w),
                    h: f(h),
                    text_x: f(p.x + w / 2.0),
                    text_y: f(p.y + if counted { 19.0 } else { h / 2.0 + 4.5 }),
                    count_y: f(p.y + 35.0),
                }
            })
            .collect();
        let width = right + MARGIN;
        let height = bottom + MARGIN;
        let caption = if sos_only {
            format!(
                "With {} the picture shows the Scrums of Scrums only, each with the number of teams \
                 below it; the list below names every team.",
                plural(model.teams.len(), "team", "teams")
            )
        } else {
            "Each Scrum of Scrums above its members, with the Executive Action Team its impediments \
             go to at the top (dashed)."
                .to_owned()
        };
        Picture {
            view_box: format!("0 0 {} {}", f(width), f(height)),
            width: f(width),
            height: f(height),
            sos_only,
            fit: width <= FIT_WIDTH,
            caption: format!(
                "{caption} Units and Executive Action Teams with a finding are outlined in red; those \
                 whose findings are all waived are dashed."
            ),
            nodes,
            edges,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_never_print_negative_zero() {
        assert_eq!(f(-0.01), "0.0");
        assert_eq!(f(7.25), "7.3");
    }
}
