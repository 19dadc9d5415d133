//! `scaleguard graph`: pictures of the organisation's structure with its findings drawn on
//! them, as Graphviz DOT or Mermaid (docs/graph.md).
//!
//! Three views: **membership** (the team-of-teams hierarchy: each unit points to the Scrum of
//! Scrums that lists it, and units that name an Executive Action Team point to it),
//! **escalation** (each team and Scrum of Scrums points to its escalation target, LANGUAGE.md
//! §4; an explicit `escalates_to` is a solid, labelled edge, one by membership a dotted one)
//! and **dependencies** (each team points to the teams it `depends_on`, teams grouped in
//! the Scrum of Scrums that lists them). Both formats draw the same graph: Executive Action
//! Teams are distinct (a gold double octagon, a gold hexagon in Mermaid); an edge or a node
//! that a finding is about is red (cycle edges, dead ends, a team outside any Scrum of
//! Scrums, ...); one whose findings are all waived is grey and dashed. The membership view
//! marks every unit and Executive Action Team that a finding of any rule is about
//! ([`unit_marks`], which the HTML report's picture uses too); the other two views draw the
//! findings of their own rules (see [`View::rules`]). A rule that is `off` draws nothing.
//!
//! Output is deterministic: nodes sorted by kind and identifier, edges by their ends.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::catalogue::Rule;
use crate::checks::{Evaluation, Subject};
use crate::model::graph::{cycles, escalation};
use crate::model::{Model, SosId, Target, TeamId, Unit};
use crate::source::Span;

/// What the picture shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The team-of-teams hierarchy.
    Membership,
    /// The escalation paths.
    Escalation,
    /// The dependencies between teams, grouped by Scrum of Scrums.
    Dependencies,
}

impl View {
    /// The rules whose findings the view draws, besides (membership view) every unit and
    /// Executive Action Team that any finding is about ([`unit_marks`]): `(code, what is
    /// drawn)`.
    pub fn rules(self) -> &'static [(Rule, &'static str)] {
        match self {
            View::Membership => &[
                (Rule::MultipleParents, "the listings of a unit listed by several Scrums of Scrums"),
                (Rule::MembershipCycle, "the edges of a membership cycle"),
                (Rule::EscalationBypass, "the edge of a team that escalates straight to an EAT"),
            ],
            View::Escalation => &[
                (Rule::EscalationCycle, "the edges of an escalation cycle"),
                (Rule::EscalationDeadEnd, "a unit whose escalation path never reaches an EAT (a dead end)"),
                (Rule::EscalationBypass, "a team that escalates straight to an EAT"),
                (Rule::EscalationSideways, "an escalation sideways"),
            ],
            View::Dependencies => &[
                (Rule::DependencyUncoordinated, "a dependency no Scrum of Scrums coordinates"),
                (Rule::DependencyCycle, "the edges of a dependency cycle"),
                (Rule::DependencyOverload, "a team with too many dependencies"),
            ],
        }
    }

    /// The view's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            View::Membership => "membership",
            View::Escalation => "escalation",
            View::Dependencies => "dependencies",
        }
    }
}

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Graphviz DOT (render with `dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart, for a ```` ```mermaid ```` block in GitHub Markdown.
    Mermaid,
}

/// How a finding marks an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Mark {
    /// No finding.
    #[default]
    None,
    /// Only waived findings.
    Waived,
    /// An unwaived finding.
    Finding,
}

/// The kind of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKind {
    /// An Executive Action Team.
    Eat,
    /// A Scrum of Scrums.
    Sos,
    /// A Scrum team.
    Team,
}

/// A node of the picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Its identifier.
    pub id: String,
    /// Its label (display name and identifier).
    pub label: String,
    /// What it is.
    pub kind: NodeKind,
    /// How findings mark it.
    pub mark: Mark,
    /// The group it is drawn in (an index into [`Graph::groups`]).
    pub group: Option<usize>,
}

/// An edge of the picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Identifier of the source node.
    pub from: String,
    /// Identifier of the target node.
    pub to: String,
    /// A label, if any.
    pub label: Option<&'static str>,
    /// Drawn dotted (an implicit edge).
    pub dotted: bool,
    /// How findings mark it.
    pub mark: Mark,
}

/// A group of nodes (a Scrum of Scrums in the dependencies view).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The Scrum of Scrums' identifier.
    pub id: String,
    /// Its label.
    pub label: String,
}

/// A picture, before it is written in a format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graph {
    /// The title: the organisation and the view.
    pub title: String,
    /// Nodes, sorted by kind and identifier.
    pub nodes: Vec<Node>,
    /// Edges, sorted by source and target.
    pub edges: Vec<Edge>,
    /// Groups, sorted by identifier.
    pub groups: Vec<Group>,
}

/// Draws `view` of the model with the findings of `evaluation` in `format`.
pub fn render(model: &Model, evaluation: Option<&Evaluation>, view: View, format: Format) -> String {
    let graph = build(model, evaluation, view);
    match format {
        Format::Dot => dot(&graph, view),
        Format::Mermaid => mermaid(&graph, view),
    }
}

/// How findings mark one unit or Executive Action Team of the membership picture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marked {
    /// Unwaived wins over waived.
    pub mark: Mark,
    /// The codes of the findings that mark it, each once, in code order, each with whether
    /// all its findings here are waived.
    pub codes: BTreeMap<&'static str, bool>,
}

/// The units and Executive Action Teams that findings mark on the membership picture, from
/// `(code, subject, waived)` of each failed check: the subject when it is a team, a Scrum of
/// Scrums or an Executive Action Team, whatever the rule (SG201 status-only, SG303 sprint too
/// long, SG501 team size, SG104 ...), and every unit on a cycle (SG207 membership, SG401
/// escalation, SG212 dependency). A finding about a person, a backlog, an Executive
/// MetaScrum, the organisation or a waiver marks nothing: the picture has no element for it.
/// Elements no finding is about are absent. `graph --view membership` and the HTML report's
/// picture (assess/membership.rs) both draw this, so they always agree.
pub fn unit_marks<'s>(
    model: &Model,
    findings: impl IntoIterator<Item = (Rule, &'s Subject, bool)>,
) -> BTreeMap<Target, Marked> {
    marks_on(&Rings::new(model), findings)
}

/// [`unit_marks`] with the cycles of `rings`.
fn marks_on<'s>(
    rings: &Rings<'_>,
    findings: impl IntoIterator<Item = (Rule, &'s Subject, bool)>,
) -> BTreeMap<Target, Marked> {
    let mut out: BTreeMap<Target, Marked> = BTreeMap::new();
    for (code, subject, waived) in findings {
        let targets: Vec<Target> = match subject {
            Subject::Team(t) => vec![Target::Unit(Unit::Team(*t))],
            Subject::Sos(s) => vec![Target::Unit(Unit::Sos(*s))],
            Subject::Eat(e) => vec![Target::Eat(*e)],
            Subject::Cycle(name) => rings.units(code, name),
            Subject::Organisation
            | Subject::Ems(_)
            | Subject::Person(_)
            | Subject::Backlog(_)
            | Subject::Waiver(_) => Vec::new(),
        };
        let mark = if waived { Mark::Waived } else { Mark::Finding };
        for target in targets {
            let at = out.entry(target).or_default();
            at.mark = at.mark.max(mark);
            let all_waived = at.codes.entry(code.code()).or_insert(true);
            *all_waived &= waived;
        }
    }
    out
}

/// The cycles of the three graphs with the subject their rule gives each (the smallest
/// identifier on it), each found on first use, for [`unit_marks`] and the membership view.
struct Rings<'m> {
    model: &'m Model,
    membership: OnceCell<Vec<(Vec<SosId>, String)>>,
    escalation: OnceCell<Vec<Vec<Unit>>>,
    dependency: OnceCell<Vec<(Vec<usize>, String)>>,
}

impl<'m> Rings<'m> {
    fn new(model: &'m Model) -> Self {
        Rings { model, membership: OnceCell::new(), escalation: OnceCell::new(), dependency: OnceCell::new() }
    }

    fn membership(&self) -> &[(Vec<SosId>, String)] {
        self.membership.get_or_init(|| membership_cycles(self.model))
    }

    /// The units on the cycle of rule `code` named `name`.
    fn units(&self, code: Rule, name: &str) -> Vec<Target> {
        let m = self.model;
        let unit = |u: Unit| Target::Unit(u);
        match code {
            Rule::MembershipCycle => self
                .membership()
                .iter()
                .filter(|(_, n)| n == name)
                .flat_map(|(ring, _)| ring.iter().map(|s| unit(Unit::Sos(*s))))
                .collect(),
            // A ring starts at its smallest identifier (model/graph.rs), the rule's subject.
            Rule::EscalationCycle => self
                .escalation
                .get_or_init(|| escalation(m).cycles)
                .iter()
                .filter(|ring| ring.first().is_some_and(|u| m.unit_ident(*u) == name))
                .flat_map(|ring| ring.iter().map(|u| unit(*u)))
                .collect(),
            Rule::DependencyCycle => self
                .dependency
                .get_or_init(|| dependency_cycles(m))
                .iter()
                .filter(|(_, n)| n == name)
                .flat_map(|(ring, _)| ring.iter().map(|t| unit(Unit::Team(TeamId(*t as u32)))))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The failing checks of an evaluation, by subject and by labelled span, for the rules a view
/// draws.
struct Findings {
    subjects: BTreeMap<(Rule, Subject), Mark>,
    spans: BTreeMap<(Rule, Span), Mark>,
}

impl Findings {
    fn of(evaluation: Option<&Evaluation>, view: View) -> Self {
        let mut subjects = BTreeMap::new();
        let mut spans = BTreeMap::new();
        let rules = view.rules();
        for outcome in evaluation.map_or(&[][..], |e| e.outcomes.as_slice()) {
            let code = outcome.meta().rule;
            if !rules.iter().any(|(c, _)| *c == code) {
                continue;
            }
            for check in &outcome.failed {
                let mark = if check.waived_by.is_some() { Mark::Waived } else { Mark::Finding };
                let at = subjects.entry((code, check.subject.clone())).or_insert(Mark::None);
                *at = (*at).max(mark);
                for label in &check.finding.labels {
                    let at = spans.entry((code, label.span)).or_insert(Mark::None);
                    *at = (*at).max(mark);
                }
            }
        }
        Findings { subjects, spans }
    }

    fn subject(&self, code: Rule, subject: Subject) -> Mark {
        self.subjects.get(&(code, subject)).copied().unwrap_or_default()
    }

    fn span(&self, code: Rule, span: Span) -> Mark {
        self.spans.get(&(code, span)).copied().unwrap_or_default()
    }
}

/// The neutral graph of a view.
pub fn build(model: &Model, evaluation: Option<&Evaluation>, view: View) -> Graph {
    let m = model;
    let f = Findings::of(evaluation, view);
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let mut groups = Vec::new();
    let label = |ident: &str, display: Option<&String>| match display {
        Some(d) if d != ident => format!("{d}\n{ident}"),
        _ => ident.to_owned(),
    };
    let unit_node = |unit: Unit, mark: Mark| {
        let header = m.unit_header(unit);
        let id = m.name(header.ident).to_owned();
        let kind = match unit {
            Unit::Team(_) => NodeKind::Team,
            Unit::Sos(_) => NodeKind::Sos,
        };
        Node { label: label(&id, header.display.as_ref()), id, kind, mark, group: None }
    };
    let eat_nodes = |nodes: &mut Vec<Node>, marks: &BTreeMap<Target, Marked>| {
        for (i, e) in m.eat_ids() {
            let id = m.name(e.header.ident).to_owned();
            nodes.push(Node {
                label: label(&id, e.header.display.as_ref()),
                id,
                kind: NodeKind::Eat,
                mark: marks.get(&Target::Eat(i)).map_or(Mark::None, |x| x.mark),
                group: None,
            });
        }
    };
    let target_id = |t: Target| m.target_ident(t).to_owned();
    match view {
        View::Membership => {
            let rings = Rings::new(m);
            let checks = evaluation.map_or(&[][..], |e| e.outcomes.as_slice()).iter().flat_map(|o| {
                let code = o.meta().rule;
                o.failed.iter().map(move |c| (code, &c.subject, c.waived_by.is_some()))
            });
            let marks = marks_on(&rings, checks);
            let mcycles = rings.membership();
            for unit in units(m) {
                let mark = marks.get(&Target::Unit(unit)).map_or(Mark::None, |x| x.mark);
                nodes.push(unit_node(unit, mark));
            }
            eat_nodes(&mut nodes, &marks);
            for (s, sos) in m.sos_ids() {
                for entry in &sos.members.entries {
                    let mut mark = f.span(Rule::MultipleParents, entry.span);
                    if let Unit::Sos(inner) = entry.value
                        && let Some(name) =
                            mcycles.iter().find(|(ring, _)| ring.contains(&s) && ring.contains(&inner))
                    {
                        mark = mark.max(f.subject(Rule::MembershipCycle, Subject::Cycle(name.1.clone())));
                    }
                    edges.push(Edge {
                        from: m.unit_ident(entry.value).to_owned(),
                        to: m.name(sos.header.ident).to_owned(),
                        label: None,
                        dotted: false,
                        mark,
                    });
                }
            }
            for unit in units(m) {
                if let Some(at) = m.escalates_to(unit)
                    && let Target::Eat(_) = at.value
                {
                    edges.push(Edge {
                        from: m.unit_ident(unit).to_owned(),
                        to: target_id(at.value),
                        label: Some("escalates to"),
                        dotted: true,
                        mark: f.span(Rule::EscalationBypass, at.span),
                    });
                }
            }
        }
        View::Escalation => {
            let esc = escalation(m);
            for unit in units(m) {
                nodes.push(unit_node(unit, f.subject(Rule::EscalationDeadEnd, Subject::unit(unit))));
            }
            eat_nodes(&mut nodes, &BTreeMap::new());
            for unit in units(m) {
                let Some(target) = m.target(unit) else { continue };
                let declared = m.escalates_to(unit);
                let mut mark = Mark::None;
                if let Some(at) = declared {
                    mark = mark
                        .max(f.span(Rule::EscalationBypass, at.span))
                        .max(f.span(Rule::EscalationSideways, at.span));
                }
                if let Target::Unit(next) = target
                    && let Some(ring) = esc.cycles.iter().find(|r| r.contains(&unit) && r.contains(&next))
                    && let Some(first) = ring.first()
                {
                    mark = mark.max(
                        f.subject(Rule::EscalationCycle, Subject::Cycle(m.unit_ident(*first).to_owned())),
                    );
                }
                edges.push(Edge {
                    from: m.unit_ident(unit).to_owned(),
                    to: target_id(target),
                    label: declared.map(|_| "escalates_to"),
                    dotted: declared.is_none(),
                    mark,
                });
            }
        }
        View::Dependencies => {
            let mut sos_ids: Vec<(String, SosId)> =
                m.sos_ids().map(|(s, sos)| (m.name(sos.header.ident).to_owned(), s)).collect();
            sos_ids.sort();
            for (id, s) in &sos_ids {
                let sos = m.sos(*s);
                groups.push(Group { id: id.clone(), label: label(id, sos.header.display.as_ref()) });
            }
            let dcycles = dependency_cycles(m);
            for (t, team) in m.team_ids() {
                let mut node =
                    unit_node(Unit::Team(t), f.subject(Rule::DependencyOverload, Subject::Team(t)));
                // A team listed by several Scrums of Scrums is drawn in the first by identifier.
                node.group = team
                    .parents
                    .iter()
                    .map(|p| m.name(m.sos(*p).header.ident))
                    .min()
                    .and_then(|first| groups.iter().position(|g| g.id == first));
                nodes.push(node);
                for entry in &team.depends_on.entries {
                    let mut mark = f.span(Rule::DependencyUncoordinated, entry.span);
                    if let Some((_, name)) = dcycles
                        .iter()
                        .find(|(ring, _)| ring.contains(&t.index()) && ring.contains(&entry.value.index()))
                    {
                        mark = mark.max(f.subject(Rule::DependencyCycle, Subject::Cycle(name.clone())));
                    }
                    edges.push(Edge {
                        from: m.name(team.header.ident).to_owned(),
                        to: m.name(m.team(entry.value).header.ident).to_owned(),
                        label: None,
                        dotted: false,
                        mark,
                    });
                }
            }
        }
    }
    nodes.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
    edges.sort_by(|a, b| (&a.from, &a.to, a.label).cmp(&(&b.from, &b.to, b.label)));
    edges.dedup();
    let organisation = if m.organisation.name.is_empty() { "organisation" } else { &m.organisation.name };
    Graph { title: format!("{organisation}: {}", view.name()), nodes, edges, groups }
}

fn units(m: &Model) -> impl Iterator<Item = Unit> + '_ {
    m.team_ids().map(|(t, _)| Unit::Team(t)).chain(m.sos_ids().map(|(s, _)| Unit::Sos(s)))
}

/// The membership cycles between Scrums of Scrums, each with its subject (the smallest
/// identifier on it, GUARDRAILS.md).
fn membership_cycles(m: &Model) -> Vec<(Vec<SosId>, String)> {
    let edges = m.sos_ids().flat_map(|(s, sos)| {
        sos.members.values().filter_map(move |u| match u {
            Unit::Sos(x) => Some((s.index(), x.index())),
            Unit::Team(_) => None,
        })
    });
    cycles(m.scrums_of_scrums.len(), edges.collect::<Vec<_>>())
        .into_iter()
        .map(|ring| {
            let ring: Vec<SosId> = ring.into_iter().map(|i| SosId(i as u32)).collect();
            let name = ring.iter().map(|s| m.name(m.sos(*s).header.ident)).min().unwrap_or("").to_owned();
            (ring, name)
        })
        .collect()
}

/// The dependency cycles between teams (team indices), each with its subject.
fn dependency_cycles(m: &Model) -> Vec<(Vec<usize>, String)> {
    let edges: Vec<(usize, usize)> = m
        .team_ids()
        .flat_map(|(t, team)| team.depends_on.values().map(move |d| (t.index(), d.index())))
        .collect();
    cycles(m.teams.len(), edges)
        .into_iter()
        .map(|ring| {
            let name = ring.iter().map(|t| m.name(m.teams[*t].header.ident)).min().unwrap_or("").to_owned();
            (ring, name)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// DOT.

const RED: &str = "#d73a49";
const GREY: &str = "#9a9a9a";
const GOLD: &str = "#f6d365";
const BLUE: &str = "#dbe9f6";

/// A DOT double-quoted string: `\` and `"` escaped, line breaks as `\n`.
pub fn dot_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn dot(g: &Graph, view: View) -> String {
    let mut out = String::new();
    let rankdir = match view {
        View::Dependencies => "LR",
        View::Membership | View::Escalation => "BT",
    };
    let _ = writeln!(out, "digraph scaleguard {{");
    let _ = writeln!(
        out,
        "  graph [rankdir={rankdir}, label={}, labelloc=t, fontname=\"Helvetica\", compound=true];",
        dot_quote(&g.title)
    );
    let _ = writeln!(out, "  node [fontname=\"Helvetica\", shape=box];");
    let _ = writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];");
    let node_line = |n: &Node, indent: &str| {
        let mut attrs = vec![format!("label={}", dot_quote(&n.label))];
        match n.kind {
            NodeKind::Eat => {
                attrs.push("shape=doubleoctagon".to_owned());
                attrs.push(format!("style=filled, fillcolor=\"{GOLD}\""));
            }
            NodeKind::Sos => {
                attrs.push(format!("style=\"rounded,filled\", fillcolor=\"{BLUE}\""));
            }
            NodeKind::Team => {}
        }
        match n.mark {
            Mark::Finding => attrs.push(format!("color=\"{RED}\", fontcolor=\"{RED}\", penwidth=2.5")),
            Mark::Waived => attrs.push(format!("color=\"{GREY}\", fontcolor=\"{GREY}\", peripheries=2")),
            Mark::None => {}
        }
        format!("{indent}{} [{}];\n", dot_quote(&n.id), attrs.join(", "))
    };
    for (i, group) in g.groups.iter().enumerate() {
        let members: Vec<&Node> = g.nodes.iter().filter(|n| n.group == Some(i)).collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  subgraph {} {{", dot_quote(&format!("cluster_{}", group.id)));
        let _ = writeln!(
            out,
            "    graph [label={}, style=\"rounded,filled\", fillcolor=\"{BLUE}\", color=\"#4a6fa5\"];",
            dot_quote(&group.label)
        );
        for n in members {
            out.push_str(&node_line(n, "    "));
        }
        let _ = writeln!(out, "  }}");
    }
    for n in g.nodes.iter().filter(|n| n.group.is_none()) {
        out.push_str(&node_line(n, "  "));
    }
    for e in &g.edges {
        let mut attrs = Vec::new();
        if let Some(l) = e.label {
            attrs.push(format!("label={}", dot_quote(l)));
        }
        match (e.mark, e.dotted) {
            (Mark::Waived, _) => attrs.push(format!("color=\"{GREY}\", fontcolor=\"{GREY}\", style=dashed")),
            (Mark::Finding, dotted) => {
                attrs.push(format!("color=\"{RED}\", fontcolor=\"{RED}\", penwidth=2.5"));
                if dotted {
                    attrs.push("style=dotted".to_owned());
                }
            }
            (Mark::None, true) => attrs.push("style=dotted".to_owned()),
            (Mark::None, false) => {}
        }
        let attrs = if attrs.is_empty() { String::new() } else { format!(" [{}]", attrs.join(", ")) };
        let _ = writeln!(out, "  {} -> {}{attrs};", dot_quote(&e.from), dot_quote(&e.to));
    }
    out.push_str("}\n");
    out
}

// ---------------------------------------------------------------------------------------------
// Mermaid.

/// Text for a double-quoted Mermaid label: the characters Mermaid or HTML would read as syntax
/// written as Mermaid entity codes (`#quot;`, `#35;`, ...), line breaks as `<br/>`.
pub fn mermaid_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '\n' => out.push_str("<br/>"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn mermaid(g: &Graph, view: View) -> String {
    let mut out = String::new();
    let direction = match view {
        View::Dependencies => "LR",
        View::Membership | View::Escalation => "BT",
    };
    let _ = writeln!(out, "flowchart {direction}");
    // A comment line; `%`, `{` and `}` could open a directive (`%%{init: ...}%%`).
    let _ = writeln!(out, "  %% {}", g.title.replace(['\n', '\r', '%', '{', '}'], " "));
    // Identifiers may hold `-` and words Mermaid reserves (`end`): nodes get plain ids.
    let ids: BTreeMap<&str, String> =
        g.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), format!("n{i}"))).collect();
    let id_of = |ident: &str| ids.get(ident).cloned().unwrap_or_else(|| "missing".to_owned());
    let node_line = |n: &Node| {
        let label = mermaid_quote(&n.label);
        let shape = match n.kind {
            NodeKind::Eat => format!("{{{{{label}}}}}"),
            NodeKind::Sos => format!("({label})"),
            NodeKind::Team => format!("[{label}]"),
        };
        format!("{}{shape}", id_of(&n.id))
    };
    for (i, group) in g.groups.iter().enumerate() {
        let members: Vec<&Node> = g.nodes.iter().filter(|n| n.group == Some(i)).collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  subgraph g{i} [{}]", mermaid_quote(&group.label));
        for n in members {
            let _ = writeln!(out, "    {}", node_line(n));
        }
        let _ = writeln!(out, "  end");
    }
    for n in g.nodes.iter().filter(|n| n.group.is_none()) {
        let _ = writeln!(out, "  {}", node_line(n));
    }
    let mut red_links = Vec::new();
    let mut grey_links = Vec::new();
    for (i, e) in g.edges.iter().enumerate() {
        let arrow = if e.dotted { "-.->" } else { "-->" };
        let label = e.label.map_or_else(String::new, |l| format!("|{}|", mermaid_quote(l)));
        let _ = writeln!(out, "  {} {arrow}{label} {}", id_of(&e.from), id_of(&e.to));
        match e.mark {
            Mark::Finding => red_links.push(i.to_string()),
            Mark::Waived => grey_links.push(i.to_string()),
            Mark::None => {}
        }
    }
    let _ = writeln!(out, "  classDef sos fill:{BLUE},stroke:#4a6fa5");
    let _ = writeln!(out, "  classDef eat fill:{GOLD},stroke:#b8860b,stroke-width:2px");
    let _ = writeln!(out, "  classDef finding stroke:{RED},stroke-width:3px,color:{RED}");
    let _ = writeln!(out, "  classDef waived stroke:{GREY},stroke-dasharray:4 3,color:{GREY}");
    let class_of = |pick: &dyn Fn(&Node) -> bool| -> Vec<String> {
        g.nodes.iter().filter(|n| pick(n)).map(|n| id_of(&n.id)).collect()
    };
    for (class, members) in [
        ("sos", class_of(&|n| n.kind == NodeKind::Sos)),
        ("eat", class_of(&|n| n.kind == NodeKind::Eat)),
        ("finding", class_of(&|n| n.mark == Mark::Finding)),
        ("waived", class_of(&|n| n.mark == Mark::Waived)),
    ] {
        if !members.is_empty() {
            let _ = writeln!(out, "  class {} {class}", members.join(","));
        }
    }
    if !red_links.is_empty() {
        let _ = writeln!(out, "  linkStyle {} stroke:{RED},stroke-width:3px", red_links.join(","));
    }
    if !grey_links.is_empty() {
        let _ = writeln!(out, "  linkStyle {} stroke:{GREY},stroke-dasharray:4 3", grey_links.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_for_each_format() {
        assert_eq!(dot_quote("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
        assert_eq!(
            mermaid_quote("Team #1 <\"A&B\">\nx`y`"),
            "\"Team #35;1 #lt;#quot;A#amp;B#quot;#gt;<br/>x#96;y#96;\""
        );
    }
}
