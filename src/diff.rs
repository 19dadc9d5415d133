//! `scaleguard diff`: what changed between two versions of an organisation, in the model's
//! terms (docs/audit.md).
//!
//! Both sides are analysed in full; then each item is rendered into named fields (its
//! statements, and the facts of LANGUAGE.md §4 derived from them: effective cadence,
//! escalation target, the Scrums of Scrums that list it) with references written as
//! identifiers, and the fields of the two sides are compared item by item. Nothing depends on
//! files or positions, so moving an item to another file, reordering items or reformatting
//! them changes nothing. A **rename** is an item of one kind removed and one added whose
//! statements are the same (and not empty): it is reported once, as a rename, and references
//! to the old identifier on the old side are read as the new one, so that the rename does not
//! show as a change of every item that names it.
//!
//! Findings (input errors included) are matched by code, subject and message, never by line:
//! a finding of the new side that the old side lacks is **introduced**, the reverse is
//! **resolved**, and one on both sides whose waiver changed is **waived** or **unwaived**. The
//! maturity score is compared per component ([`crate::score`]).
//!
//! Three renderings: [`human`] (with `similar` text diffs of changed items), [`markdown`]
//! (for a pull-request comment) and [`json`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::Analysis;
use crate::checks::Context;
use crate::diagnostic::{Diagnostic, Severity, plural};
use crate::model::{At, Cadence, Developers, Event, List, Model, Name, Period, PersonId, Target, Unit};
use crate::score::{Score, Tenths};
use crate::syntax::ast::{CadenceScope, DAY_MINUTES};

/// The schema version of `diff --format json`.
pub const VERSION: u32 = 1;

/// What a field is about, for grouping and for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The Scrums of Scrums a unit is in, or a Scrum of Scrums' members.
    Membership,
    /// Who holds a role (Product Owner, Scrum Master, ...).
    Role,
    /// Sprint cadences.
    Cadence,
    /// Escalation: `escalates_to` and the effective target.
    Escalation,
    /// An Executive Action Team's authority and approval gates.
    EatAuthority,
    /// An Executive Action Team's members.
    EatMembership,
    /// Dependencies between teams.
    Dependencies,
    /// Events.
    Events,
    /// Policy settings, severities and waivers.
    Policy,
    /// Anything else.
    Other,
}

/// A field's value: one value, or a list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    One(String),
    List(Vec<String>),
}

impl Value {
    fn is_empty(&self) -> bool {
        match self {
            Value::One(s) => s.is_empty(),
            Value::List(l) => l.is_empty(),
        }
    }

    fn text(&self) -> String {
        match self {
            Value::One(s) => s.clone(),
            Value::List(l) => l.join(", "),
        }
    }
}

/// One named fact of an item.
#[derive(Debug, Clone)]
struct Field {
    /// The statement keyword, or a derived fact's name (`effective_cadence`).
    key: &'static str,
    /// How it reads in a sentence (`Scrum Master`).
    label: &'static str,
    category: Category,
    value: Value,
    /// Derived (LANGUAGE.md §4) rather than written.
    derived: bool,
    /// A list written one entry per line in the item's text (events).
    lines: bool,
}

/// An item rendered for comparison.
#[derive(Debug, Clone)]
struct Snapshot {
    kind: &'static str,
    ident: String,
    display: Option<String>,
    fields: Vec<Field>,
}

impl Snapshot {
    /// What must be equal for two items of one kind to be the same item renamed.
    fn signature(&self) -> Option<String> {
        let mut out = String::new();
        if let Some(d) = &self.display {
            let _ = writeln!(out, "display {d:?}");
        }
        for f in self.fields.iter().filter(|f| !f.derived && !f.value.is_empty()) {
            let _ = writeln!(out, "{} {}", f.key, f.value.text());
        }
        (!out.is_empty()).then_some(out)
    }

    /// The item as text: its statements in canonical order, derived facts as comments.
    fn text(&self) -> String {
        let mut out = String::new();
        let header = match (self.kind, &self.display) {
            ("organisation", Some(name)) => format!("organisation {name:?}"),
            ("policy", _) => "policy".to_owned(),
            (kind, Some(d)) => format!("{kind} {} {d:?}", self.ident),
            (kind, None) => format!("{kind} {}", self.ident),
        };
        let _ = writeln!(out, "{header} {{");
        for f in self.fields.iter().filter(|f| !f.derived && !f.value.is_empty()) {
            match (&f.value, f.lines) {
                (Value::List(items), true) => {
                    for item in items {
                        let _ = writeln!(out, "  {} {item}", f.key);
                    }
                }
                (v, _) => {
                    let _ = writeln!(out, "  {} {}", f.key, v.text());
                }
            }
        }
        for f in self.fields.iter().filter(|f| f.derived && !f.value.is_empty()) {
            let _ = writeln!(out, "  # {}: {}", f.label, f.value.text());
        }
        out.push_str("}\n");
        out
    }
}

/// How an item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Only on the new side.
    Added,
    /// Only on the old side.
    Removed,
    /// On both sides, under the same identifier, with different facts.
    Changed,
    /// Under a new identifier (and perhaps with different derived facts).
    Renamed,
}

/// One changed fact of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// What it is about.
    pub category: Category,
    /// The statement keyword or derived fact (`scrum_master`, `effective_cadence`).
    pub field: &'static str,
    /// The old value (`null`: not given).
    pub old: Option<String>,
    /// The new value (`null`: not given).
    pub new: Option<String>,
    /// For lists: entries only on the new side.
    pub added: Vec<String>,
    /// For lists: entries only on the old side.
    pub removed: Vec<String>,
    /// The change in words.
    pub summary: String,
}

/// An item that changed.
#[derive(Debug, Clone, Serialize)]
pub struct ItemChange {
    /// The item keyword (`team`).
    pub kind: &'static str,
    /// Its identifier (the new one when renamed; `organisation`, `policy` for those).
    pub id: String,
    /// How it changed.
    pub status: Status,
    /// The old identifier of a renamed item.
    pub renamed_from: Option<String>,
    /// What changed, for a changed or renamed item.
    pub facts: Vec<Fact>,
    /// The item's text on the old side.
    #[serde(skip)]
    pub old_text: Option<String>,
    /// The item's text on the new side.
    #[serde(skip)]
    pub new_text: Option<String>,
}

impl ItemChange {
    /// `team `payments``.
    pub fn title(&self) -> String {
        match self.kind {
            "organisation" | "policy" => format!("the {}", self.kind),
            kind => format!("{} `{}`", kind.replace('_', " "), self.id),
        }
    }

    /// A unified diff of the item's text, old to new.
    pub fn text_diff(&self) -> String {
        let old = self.old_text.as_deref().unwrap_or("");
        let new = self.new_text.as_deref().unwrap_or("");
        if old == new {
            return String::new();
        }
        similar::TextDiff::from_lines(old, new)
            .unified_diff()
            .context_radius(2)
            .header(&format!("old {}", self.title()), &format!("new {}", self.title()))
            .to_string()
    }
}

/// How a finding changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingStatus {
    /// Only on the new side.
    Introduced,
    /// Only on the old side.
    Resolved,
    /// On both sides; a waiver covers it now and did not before.
    Waived,
    /// On both sides; a waiver covered it before and does not now.
    Unwaived,
}

/// A finding (or input error) that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingChange {
    /// How.
    pub status: FindingStatus,
    /// `SG501`.
    pub code: &'static str,
    /// `team-size`.
    pub name: &'static str,
    /// Its severity on the side it is on (the new side, when on both).
    pub severity: Severity,
    /// Its subject.
    pub subject: Option<String>,
    /// Its message.
    pub message: String,
    /// Whether a waiver covers it (on the side it is on).
    pub waived: bool,
}

/// One component's score on both sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChange {
    /// The component's name (`Team Process`).
    pub name: &'static str,
    /// The old score, rounded (`null`: not assessed or not evaluated).
    pub old: Option<f64>,
    /// The new score, rounded.
    pub new: Option<f64>,
    /// New minus old, in tenths, when both are assessed.
    #[serde(skip)]
    pub delta_tenths: Option<i64>,
    /// Whether the score dropped (both assessed, new below old).
    pub dropped: bool,
}

/// The scores on both sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreDiff {
    /// The overall score, old.
    pub old: Option<f64>,
    /// The overall score, new.
    pub new: Option<f64>,
    /// The old level and what held it there (`Defined: 3 errors remain — SG401 ...`).
    pub old_level: String,
    /// The new level and what holds it there.
    pub new_level: String,
    /// Every component, in the order of GUARDRAILS.md.
    pub components: Vec<ScoreChange>,
}

/// Everything that differs between two analyses.
#[derive(Debug, Clone)]
pub struct Diff {
    /// Changed items, organisation first, then by kind and identifier.
    pub changes: Vec<ItemChange>,
    /// Changed findings, by status, code, subject and message.
    pub findings: Vec<FindingChange>,
    /// The scores (`None` when either side has input errors, so no score).
    pub scores: Option<ScoreDiff>,
    /// Whether the old side has input errors (its model may be partial).
    pub old_input_errors: bool,
    /// Whether the new side has input errors.
    pub new_input_errors: bool,
}

impl Diff {
    /// Whether nothing changed: no item, no finding, no score.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
            && self.findings.is_empty()
            && self.scores.as_ref().is_none_or(|s| s.components.iter().all(|c| c.old == c.new))
    }

    /// Whether any component's score dropped.
    pub fn regressed(&self) -> bool {
        self.scores.as_ref().is_some_and(|s| s.components.iter().any(|c| c.dropped))
    }

    fn count(&self, status: FindingStatus) -> usize {
        self.findings.iter().filter(|f| f.status == status).count()
    }

    /// The one-line summary: `3 items changed, 1 finding introduced, 2 resolved; score 4.6 -> 4.8`.
    pub fn summary(&self) -> String {
        let mut parts = vec![match self.changes.len() {
            0 => "no change to the organisation".to_owned(),
            n => format!("{} changed", plural(n, "item", "items")),
        }];
        let introduced = self.count(FindingStatus::Introduced);
        let resolved = self.count(FindingStatus::Resolved);
        parts.push(format!("{} introduced", plural(introduced, "finding", "findings")));
        parts.push(format!("{resolved} resolved"));
        let mut line = parts.join(", ");
        if let Some(s) = &self.scores {
            let _ = write!(line, "; score {} -> {}", score_text(s.old), score_text(s.new));
        }
        line
    }
}

fn score_text(s: Option<f64>) -> String {
    s.map_or_else(|| "not assessed".to_owned(), |v| format!("{v:.1}"))
}

/// Compares two analyses (old, new).
pub fn diff(old: &Analysis, new: &Analysis) -> Diff {
    let (renames, old_snaps) = renamed_snapshots(&old.model, &new.model);
    let new_snaps = snapshots(&new.model, &Renames::default());
    let mut changes = Vec::new();
    let keys: BTreeSet<(usize, &str)> =
        old_snaps.keys().chain(new_snaps.keys()).map(|(k, i)| (*k, i.as_str())).collect();
    for (order, ident) in keys {
        let key = (order, ident.to_owned());
        match (old_snaps.get(&key), new_snaps.get(&key)) {
            (Some(o), Some(n)) => {
                let renamed_from = renames.old_name_of(o.kind, ident);
                let facts = compare(o, n);
                if facts.is_empty() && renamed_from.is_none() {
                    continue;
                }
                changes.push(ItemChange {
                    kind: n.kind,
                    id: n.ident.clone(),
                    status: if renamed_from.is_some() { Status::Renamed } else { Status::Changed },
                    renamed_from,
                    facts,
                    old_text: Some(o.text()),
                    new_text: Some(n.text()),
                });
            }
            (Some(o), None) => changes.push(ItemChange {
                kind: o.kind,
                id: o.ident.clone(),
                status: Status::Removed,
                renamed_from: None,
                facts: Vec::new(),
                old_text: Some(o.text()),
                new_text: None,
            }),
            (None, Some(n)) => changes.push(ItemChange {
                kind: n.kind,
                id: n.ident.clone(),
                status: Status::Added,
                renamed_from: None,
                facts: Vec::new(),
                old_text: None,
                new_text: Some(n.text()),
            }),
            (None, None) => {}
        }
    }
    let scores = match (&old.evaluation, &new.evaluation) {
        (Some(a), Some(b)) => Some(score_diff(&Score::summary(a), &Score::summary(b))),
        _ => None,
    };
    Diff {
        changes,
        findings: finding_changes(&old.diagnostics, &new.diagnostics),
        scores,
        old_input_errors: old.input_errors,
        new_input_errors: new.input_errors,
    }
}

fn score_diff(old: &Score, new: &Score) -> ScoreDiff {
    let components = old
        .components
        .iter()
        .zip(&new.components)
        .map(|(a, b)| {
            let delta = match (a.score, b.score) {
                (Some(x), Some(y)) => Some(y.0 as i64 - x.0 as i64),
                _ => None,
            };
            ScoreChange {
                name: b.name,
                old: a.score.map(Tenths::value),
                new: b.score.map(Tenths::value),
                delta_tenths: delta,
                dropped: delta.is_some_and(|d| d < 0),
            }
        })
        .collect();
    ScoreDiff {
        old: old.overall.map(Tenths::value),
        new: new.overall.map(Tenths::value),
        old_level: old.level_with_reason(),
        new_level: new.level_with_reason(),
        components,
    }
}

fn finding_changes(old: &[Diagnostic], new: &[Diagnostic]) -> Vec<FindingChange> {
    let key = |d: &'_ Diagnostic| -> (&'static str, String, String) {
        (d.code.code, d.subject.clone().unwrap_or_default(), d.message.clone())
    };
    let mut old_by: BTreeMap<(&'static str, String, String), Vec<&Diagnostic>> = BTreeMap::new();
    for d in old {
        old_by.entry(key(d)).or_default().push(d);
    }
    let mut new_by: BTreeMap<(&'static str, String, String), Vec<&Diagnostic>> = BTreeMap::new();
    for d in new {
        new_by.entry(key(d)).or_default().push(d);
    }
    let change = |status, d: &Diagnostic| FindingChange {
        status,
        code: d.code.code,
        name: d.code.name,
        severity: d.severity,
        subject: d.subject.clone(),
        message: d.message.clone(),
        waived: d.waived.is_some(),
    };
    let mut out = Vec::new();
    let keys: BTreeSet<&(&'static str, String, String)> = old_by.keys().chain(new_by.keys()).collect();
    for k in keys {
        let a = old_by.get(k).map_or(&[][..], Vec::as_slice);
        let b = new_by.get(k).map_or(&[][..], Vec::as_slice);
        let common = a.len().min(b.len());
        for (x, y) in a.iter().zip(b.iter()).take(common) {
            match (x.waived.is_some(), y.waived.is_some()) {
                (false, true) => out.push(change(FindingStatus::Waived, y)),
                (true, false) => out.push(change(FindingStatus::Unwaived, y)),
                _ => {}
            }
        }
        for d in a.iter().skip(common) {
            out.push(change(FindingStatus::Resolved, d));
        }
        for d in b.iter().skip(common) {
            out.push(change(FindingStatus::Introduced, d));
        }
    }
    out.sort_by(|a, b| {
        (a.status, a.code, &a.subject, &a.message).cmp(&(b.status, b.code, &b.subject, &b.message))
    });
    out
}

// ---------------------------------------------------------------------------------------------
// Renames.

/// Renamed items: `(kind, old identifier) -> new identifier`.
#[derive(Debug, Default)]
struct Renames {
    map: BTreeMap<(&'static str, String), String>,
    /// Old identifier -> new, for references of any kind (identifiers share one namespace).
    any: BTreeMap<String, String>,
}

impl Renames {
    fn name(&self, old: &str) -> String {
        self.any.get(old).cloned().unwrap_or_else(|| old.to_owned())
    }

    fn old_name_of(&self, kind: &'static str, new: &str) -> Option<String> {
        self.map.iter().find(|((k, _), n)| *k == kind && n.as_str() == new).map(|((_, o), _)| o.clone())
    }

    fn add(&mut self, kind: &'static str, old: String, new: String) {
        self.any.insert(old.clone(), new.clone());
        self.map.insert((kind, old), new);
    }
}

/// The kinds in the order renames are found (an item's references point to kinds before it,
/// mostly) and the order output lists them.
const KINDS: [&str; 9] = [
    "organisation",
    "team",
    "scrum_of_scrums",
    "executive_action_team",
    "executive_metascrum",
    "person",
    "backlog",
    "definition_of_done",
    "policy",
];
const RENAME_ORDER: [&str; 7] = [
    "person",
    "backlog",
    "definition_of_done",
    "team",
    "scrum_of_scrums",
    "executive_action_team",
    "executive_metascrum",
];

fn kind_order(kind: &str) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(KINDS.len())
}

/// Finds renames kind by kind, and returns the old side's snapshots read with them.
fn renamed_snapshots(old: &Model, new: &Model) -> (Renames, BTreeMap<(usize, String), Snapshot>) {
    let mut renames = Renames::default();
    let new_snaps = snapshots(new, &Renames::default());
    // The old side is rendered again only when a kind's renames change how it reads (most
    // diffs have none: then it is rendered once, not once per kind).
    let mut old_snaps = snapshots(old, &renames);
    for kind in RENAME_ORDER {
        let known = renames.map.len();
        let mut removed: BTreeMap<String, Vec<&Snapshot>> = BTreeMap::new();
        let mut added: BTreeMap<String, Vec<&Snapshot>> = BTreeMap::new();
        for s in old_snaps.values().filter(|s| s.kind == kind) {
            if !new_snaps.contains_key(&(kind_order(kind), s.ident.clone()))
                && let Some(sig) = s.signature()
            {
                removed.entry(sig).or_default().push(s);
            }
        }
        for s in new_snaps.values().filter(|s| s.kind == kind) {
            if !old_snaps.contains_key(&(kind_order(kind), s.ident.clone()))
                && let Some(sig) = s.signature()
            {
                added.entry(sig).or_default().push(s);
            }
        }
        for (sig, olds) in &removed {
            if let ([o], Some([n])) = (olds.as_slice(), added.get(sig).map(Vec::as_slice)) {
                renames.add(kind, o.ident.clone(), n.ident.clone());
            }
        }
        if renames.map.len() != known {
            old_snaps = snapshots(old, &renames);
        }
    }
    // Re-key renamed items under their new identifier.
    let mut out = BTreeMap::new();
    for (_, s) in old_snaps {
        let ident = renames.map.get(&(s.kind, s.ident.clone())).cloned().unwrap_or_else(|| s.ident.clone());
        out.insert((kind_order(s.kind), ident), s);
    }
    (renames, out)
}

// ---------------------------------------------------------------------------------------------
// Snapshots: each item as named fields.

fn snapshots(m: &Model, renames: &Renames) -> BTreeMap<(usize, String), Snapshot> {
    let r = Render { m, renames, cx: Context::new(m, crate::today_utc()) };
    let mut out = BTreeMap::new();
    let mut put = |s: Snapshot| {
        out.insert((kind_order(s.kind), s.ident.clone()), s);
    };
    put(r.organisation());
    put(r.policy());
    for (id, _) in m.person_ids() {
        put(r.person(id));
    }
    for (id, _) in m.team_ids() {
        put(r.team(id));
    }
    for (id, _) in m.sos_ids() {
        put(r.sos(id));
    }
    for (id, _) in m.eat_ids() {
        put(r.eat(id));
    }
    for i in 0..m.emss.len() {
        put(r.ems(i));
    }
    for i in 0..m.backlogs.len() {
        put(r.backlog(i));
    }
    for i in 0..m.dods.len() {
        put(r.dod(i));
    }
    out
}

struct Render<'m> {
    m: &'m Model,
    renames: &'m Renames,
    cx: Context<'m>,
}

fn field(key: &'static str, label: &'static str, category: Category, value: Value) -> Field {
    Field { key, label, category, value, derived: false, lines: false }
}

fn derived(key: &'static str, label: &'static str, category: Category, value: Value) -> Field {
    Field { key, label, category, value, derived: true, lines: false }
}

/// A duration in minutes in the language's words (`2w`, `15min`, `day`).
pub fn minutes_text(minutes: u64) -> String {
    const WEEK: u64 = 7 * DAY_MINUTES;
    match minutes {
        DAY_MINUTES => "day".to_owned(),
        WEEK => "week".to_owned(),
        m if m.is_multiple_of(WEEK) => format!("{}w", m / WEEK),
        m if m.is_multiple_of(DAY_MINUTES) => format!("{}d", m / DAY_MINUTES),
        m if m.is_multiple_of(60) => format!("{}h", m / 60),
        m => format!("{m}min"),
    }
}

fn days_text(days: u32) -> String {
    if days.is_multiple_of(7) { format!("{}w", days / 7) } else { format!("{days}d") }
}

fn cadence_text(c: Cadence) -> String {
    match c.start {
        Some(start) => format!("{} starting {start}", days_text(c.days)),
        None => days_text(c.days),
    }
}

fn period_text(p: Period) -> String {
    match p {
        Period::Sprint => "sprint".to_owned(),
        Period::Minutes(m) => minutes_text(m),
    }
}

impl Render<'_> {
    fn name(&self, n: Name) -> String {
        self.m.name(n).to_owned()
    }

    fn words(&self, list: &List<Name>) -> Value {
        Value::List(list.values().map(|n| self.name(*n)).collect())
    }

    fn person_ref(&self, p: PersonId) -> String {
        self.renames.name(self.m.name(self.m.person(p).header.ident))
    }

    fn people(&self, list: &List<PersonId>) -> Value {
        Value::List(list.values().map(|p| self.person_ref(*p)).collect())
    }

    fn holder(&self, at: Option<At<PersonId>>) -> Value {
        Value::One(at.map(|p| self.person_ref(p.value)).unwrap_or_default())
    }

    fn reference(&self, ident: &str) -> String {
        self.renames.name(ident)
    }

    fn target(&self, t: Option<Target>) -> Value {
        Value::One(t.map(|t| self.reference(self.m.target_ident(t))).unwrap_or_default())
    }

    fn parents(&self, unit: Unit) -> Value {
        let mut names: Vec<String> = self
            .m
            .parents(unit)
            .iter()
            .map(|s| self.reference(self.m.name(self.m.sos(*s).header.ident)))
            .collect();
        names.sort();
        Value::List(names)
    }

    fn events(&self, events: &[Event]) -> Field {
        let list = events
            .iter()
            .map(|e| {
                let mut s = format!("{} every {}", e.syntax.kind.keyword(), period_text(e.syntax.every));
                if let Some(l) = e.syntax.lasting {
                    let _ = write!(s, " lasting {}", minutes_text(l));
                }
                if let Some(agenda) = &e.syntax.agenda {
                    let items: Vec<&str> = agenda.iter().map(|(a, _)| a.keyword()).collect();
                    let _ = write!(s, " {{ agenda {} }}", items.join(", "));
                }
                s
            })
            .collect();
        Field { lines: true, ..field("event", "events", Category::Events, Value::List(list)) }
    }

    fn one(&self, text: Option<String>) -> Value {
        Value::One(text.unwrap_or_default())
    }

    fn snapshot(&self, kind: &'static str, header: &crate::model::Header, fields: Vec<Field>) -> Snapshot {
        Snapshot { kind, ident: self.name(header.ident), display: header.display.clone(), fields }
    }

    fn organisation(&self) -> Snapshot {
        let o = &self.m.organisation;
        Snapshot {
            kind: "organisation",
            ident: "organisation".to_owned(),
            display: Some(o.name.clone()),
            fields: vec![
                field(
                    "vision",
                    "vision",
                    Category::Other,
                    self.one(o.vision.as_ref().map(|v| format!("{:?}", v.value))),
                ),
                field("sprint", "sprint", Category::Cadence, self.one(o.sprint.map(cadence_text))),
                field("metrics", "metrics", Category::Other, self.words(&o.metrics)),
            ],
        }
    }

    fn policy(&self) -> Snapshot {
        let p = &self.m.policy;
        let range = |r: crate::model::Range| format!("{}..{}", r.lo, r.hi);
        let severities = p
            .severities
            .iter()
            .map(|s| {
                let meta = crate::catalogue::rule(s.rule);
                format!("{} {}", meta.code, s.level.map_or("off", |l| l.as_str()))
            })
            .collect();
        let waivers = p
            .waivers
            .iter()
            .map(|w| {
                let meta = crate::catalogue::rule(w.rule);
                let mut s = meta.code.to_owned();
                if let Some((_, id)) = &w.target {
                    let _ = write!(s, " for {}", self.reference(id));
                }
                if let Some(u) = w.until {
                    let _ = write!(s, " until {u}");
                }
                let _ = write!(s, " {:?}", w.reason);
                s
            })
            .collect();
        Snapshot {
            kind: "policy",
            ident: "policy".to_owned(),
            display: None,
            fields: vec![
                field("team_size", "team size", Category::Policy, Value::One(range(p.team_size.value))),
                field(
                    "scrum_of_scrums_size",
                    "Scrum of Scrums size",
                    Category::Policy,
                    Value::One(range(p.scrum_of_scrums_size.value)),
                ),
                field(
                    "max_sprint",
                    "longest sprint",
                    Category::Policy,
                    Value::One(days_text(p.max_sprint.value)),
                ),
                field(
                    "required_authority",
                    "required authority",
                    Category::Policy,
                    Value::List(p.required_authority.value.iter().map(|n| self.name(*n)).collect()),
                ),
                field(
                    "max_teams_per_scrum_master",
                    "teams per Scrum Master",
                    Category::Policy,
                    Value::One(p.max_teams_per_scrum_master.value.to_string()),
                ),
                field(
                    "max_teams_per_product_owner",
                    "teams per Product Owner",
                    Category::Policy,
                    Value::One(p.max_teams_per_product_owner.value.to_string()),
                ),
                field(
                    "max_dependencies_per_team",
                    "dependencies per team",
                    Category::Policy,
                    Value::One(p.max_dependencies_per_team.value.to_string()),
                ),
                field(
                    "max_roles_per_person",
                    "accountabilities per person",
                    Category::Policy,
                    Value::One(p.max_roles_per_person.value.to_string()),
                ),
                field(
                    "cadence_scope",
                    "cadence scope",
                    Category::Policy,
                    Value::One(
                        match p.cadence_scope.value {
                            CadenceScope::Organisation => "organisation",
                            CadenceScope::ScrumOfScrums => "scrum_of_scrums",
                        }
                        .to_owned(),
                    ),
                ),
                Field {
                    lines: true,
                    ..field("severity", "severities", Category::Policy, Value::List(severities))
                },
                Field { lines: true, ..field("waive", "waivers", Category::Policy, Value::List(waivers)) },
            ],
        }
    }

    fn person(&self, id: PersonId) -> Snapshot {
        let p = self.m.person(id);
        let fields = vec![
            field(
                "title",
                "title",
                Category::Other,
                self.one(p.title.as_ref().map(|t| format!("{:?}", t.value))),
            ),
            field(
                "executive",
                "executive",
                Category::Role,
                Value::One(if p.executive.is_some() { "yes".to_owned() } else { String::new() }),
            ),
            field("authority", "authority", Category::Other, self.words(&p.authority)),
        ];
        self.snapshot("person", &p.header, fields)
    }

    fn team(&self, id: crate::model::TeamId) -> Snapshot {
        let m = self.m;
        let t = m.team(id);
        let unit = Unit::Team(id);
        let developers = match &t.developers {
            None => Value::One(String::new()),
            Some(Developers::Count(n)) => Value::One(n.value.to_string()),
            Some(Developers::Named(list)) => self.people(list),
        };
        let effective = t.cadence.map(|c| {
            let mut s = cadence_text(c);
            if c.inherited {
                s.push_str(" (the organisation's)");
            }
            s
        });
        let fields = vec![
            field("product_owner", "Product Owner", Category::Role, self.holder(t.product_owner)),
            field("scrum_master", "Scrum Master", Category::Role, self.holder(t.scrum_master)),
            field("developers", "developers", Category::Other, developers),
            field("sprint", "sprint", Category::Cadence, self.one(t.sprint.map(cadence_text))),
            field(
                "backlog",
                "backlog",
                Category::Other,
                self.one(t.backlog.map(|b| self.reference(m.name(m.backlog(b.value).header.ident)))),
            ),
            field(
                "definition_of_done",
                "Definition of Done",
                Category::Other,
                self.one(
                    t.definition_of_done
                        .map(|d| self.reference(m.name(m.dods[d.value.index()].header.ident))),
                ),
            ),
            field(
                "escalates_to",
                "escalates_to",
                Category::Escalation,
                self.target(t.escalates_to.map(|a| a.value)),
            ),
            field(
                "depends_on",
                "dependencies",
                Category::Dependencies,
                Value::List(
                    t.depends_on.values().map(|d| self.reference(m.name(m.team(*d).header.ident))).collect(),
                ),
            ),
            field(
                "releases",
                "releases",
                Category::Other,
                self.one(t.releases.map(|r| format!("every {}", period_text(r.value)))),
            ),
            field("metrics", "metrics", Category::Other, self.words(&t.metrics)),
            self.events(&t.events),
            derived("scrums_of_scrums", "member of", Category::Membership, self.parents(unit)),
            derived("effective_cadence", "effective cadence", Category::Cadence, self.one(effective)),
            derived("escalation_target", "escalation target", Category::Escalation, self.target(t.target)),
        ];
        self.snapshot("team", &t.header, fields)
    }

    fn sos(&self, id: crate::model::SosId) -> Snapshot {
        let m = self.m;
        let s = m.sos(id);
        let unit = Unit::Sos(id);
        let fields = vec![
            field(
                "members",
                "members",
                Category::Membership,
                Value::List(s.members.values().map(|u| self.reference(m.unit_ident(*u))).collect()),
            ),
            field("scrum_of_scrums_master", "Scrum of Scrums Master", Category::Role, self.holder(s.master)),
            field(
                "chief_product_owner",
                "Chief Product Owner",
                Category::Role,
                self.holder(s.chief_product_owner),
            ),
            field(
                "backlog",
                "backlog",
                Category::Other,
                self.one(s.backlog.map(|b| self.reference(m.name(m.backlog(b.value).header.ident)))),
            ),
            field(
                "definition_of_done",
                "Definition of Done",
                Category::Other,
                self.one(
                    s.definition_of_done
                        .map(|d| self.reference(m.name(m.dods[d.value.index()].header.ident))),
                ),
            ),
            field(
                "escalates_to",
                "escalates_to",
                Category::Escalation,
                self.target(s.escalates_to.map(|a| a.value)),
            ),
            field(
                "releases",
                "releases",
                Category::Other,
                self.one(s.releases.map(|r| format!("every {}", period_text(r.value)))),
            ),
            field("metrics", "metrics", Category::Other, self.words(&s.metrics)),
            self.events(&s.events),
            derived("scrums_of_scrums", "member of", Category::Membership, self.parents(unit)),
            derived(
                "effective_sprint",
                "effective sprint length",
                Category::Cadence,
                self.one(self.cx.sos_sprint_days(id).map(days_text)),
            ),
            derived("escalation_target", "escalation target", Category::Escalation, self.target(s.target)),
        ];
        self.snapshot("scrum_of_scrums", &s.header, fields)
    }

    fn eat(&self, id: crate::model::EatId) -> Snapshot {
        let m = self.m;
        let e = m.eat(id);
        let mut all: Vec<String> = e.all_members().map(|p| self.person_ref(p)).collect();
        all.sort();
        all.dedup();
        let fields = vec![
            field("members", "members", Category::EatMembership, self.people(&e.members)),
            field("product_owner", "Product Owner", Category::EatMembership, self.holder(e.product_owner)),
            field("scrum_master", "Scrum Master", Category::EatMembership, self.holder(e.scrum_master)),
            field("authority", "authority", Category::EatAuthority, self.words(&e.authority)),
            field("approves", "approval gates", Category::EatAuthority, self.words(&e.approves)),
            field(
                "backlog",
                "backlog",
                Category::Other,
                self.one(e.backlog.map(|b| self.reference(m.name(m.backlog(b.value).header.ident)))),
            ),
            self.events(&e.events),
            derived("all_members", "all members", Category::EatMembership, Value::List(all)),
        ];
        self.snapshot("executive_action_team", &e.header, fields)
    }

    fn ems(&self, i: usize) -> Snapshot {
        let m = self.m;
        let Some(e) = m.emss.get(i) else {
            return Snapshot {
                kind: "executive_metascrum",
                ident: String::new(),
                display: None,
                fields: Vec::new(),
            };
        };
        let fields = vec![
            field(
                "chief_product_owner",
                "Chief Product Owner",
                Category::Role,
                self.holder(e.chief_product_owner),
            ),
            field("members", "members", Category::Membership, self.people(&e.members)),
            field(
                "backlog",
                "backlog",
                Category::Other,
                self.one(e.backlog.map(|b| self.reference(m.name(m.backlog(b.value).header.ident)))),
            ),
            self.events(&e.events),
        ];
        self.snapshot("executive_metascrum", &e.header, fields)
    }

    fn backlog(&self, i: usize) -> Snapshot {
        let Some(b) = self.m.backlogs.get(i) else {
            return Snapshot { kind: "backlog", ident: String::new(), display: None, fields: Vec::new() };
        };
        let fields = vec![
            field("owner", "owner", Category::Role, self.holder(b.owner)),
            field(
                "wip_limit",
                "WIP limit",
                Category::Other,
                self.one(b.wip_limit.map(|w| w.value.to_string())),
            ),
        ];
        self.snapshot("backlog", &b.header, fields)
    }

    fn dod(&self, i: usize) -> Snapshot {
        let Some(d) = self.m.dods.get(i) else {
            return Snapshot {
                kind: "definition_of_done",
                ident: String::new(),
                display: None,
                fields: Vec::new(),
            };
        };
        let fields = vec![Field {
            lines: false,
            ..field(
                "criteria",
                "criteria",
                Category::Other,
                Value::List(d.criteria.values().map(|c| format!("{c:?}")).collect()),
            )
        }];
        self.snapshot("definition_of_done", &d.header, fields)
    }
}

// ---------------------------------------------------------------------------------------------
// Comparing two snapshots of one item.

fn compare(old: &Snapshot, new: &Snapshot) -> Vec<Fact> {
    let mut facts = Vec::new();
    if old.display != new.display {
        let o = old.display.clone().filter(|d| !d.is_empty());
        let n = new.display.clone().filter(|d| !d.is_empty());
        let summary = match (&o, &n) {
            (Some(a), Some(b)) => format!("display name {a:?} -> {b:?}"),
            (None, Some(b)) => format!("display name {b:?} given"),
            (Some(a), None) => format!("display name {a:?} removed"),
            (None, None) => String::new(),
        };
        facts.push(Fact {
            category: Category::Other,
            field: "display",
            old: o,
            new: n,
            added: Vec::new(),
            removed: Vec::new(),
            summary,
        });
    }
    for nf in &new.fields {
        let Some(of) = old.fields.iter().find(|f| f.key == nf.key) else { continue };
        if of.value == nf.value {
            continue;
        }
        facts.push(fact(of, nf));
    }
    facts
}

fn fact(of: &Field, nf: &Field) -> Fact {
    let text = |v: &Value| (!v.is_empty()).then(|| v.text());
    let (old, new) = (text(&of.value), text(&nf.value));
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    if let (Value::List(a), Value::List(b)) = (&of.value, &nf.value) {
        added = b.iter().filter(|x| !a.contains(x)).cloned().collect();
        removed = a.iter().filter(|x| !b.contains(x)).cloned().collect();
    }
    let quote = |items: &[String]| -> String {
        let q: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
        crate::diagnostic::and_list(&q)
    };
    let label = nf.label;
    let summary = match (nf.key, &of.value, &nf.value) {
        ("scrums_of_scrums", Value::List(a), Value::List(b)) => match (a.is_empty(), b.is_empty()) {
            (true, false) => format!("joined {}", sos_list(b)),
            (false, true) => format!("left {}", sos_list(a)),
            _ => format!("moved from {} to {}", sos_list(a), sos_list(b)),
        },
        (_, Value::List(_), Value::List(_)) if nf.lines || !added.is_empty() || !removed.is_empty() => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("added {}", quote(&added)));
            }
            if !removed.is_empty() {
                parts.push(format!("removed {}", quote(&removed)));
            }
            if parts.is_empty() {
                parts.push("reordered".to_owned());
            }
            format!("{label}: {}", parts.join("; "))
        }
        (_, Value::List(_), Value::List(_)) => format!("{label}: reordered"),
        _ => match (&old, &new) {
            (Some(a), Some(b)) => format!("{label} `{a}` -> `{b}`"),
            (None, Some(b)) => format!("{label} `{b}` given"),
            (Some(a), None) => format!("{label} `{a}` removed"),
            (None, None) => String::new(),
        },
    };
    Fact { category: nf.category, field: nf.key, old, new, added, removed, summary }
}

fn sos_list(items: &[String]) -> String {
    let q: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    let what = if items.len() == 1 { "Scrum of Scrums" } else { "Scrums of Scrums" };
    format!("{what} {}", crate::diagnostic::and_list(&q))
}

// ---------------------------------------------------------------------------------------------
// Rendering.

/// The names of the two sides, as the user gave them.
#[derive(Debug, Clone, Copy)]
pub struct Sides<'a> {
    /// The old side.
    pub old: &'a str,
    /// The new side.
    pub new: &'a str,
}

fn status_phrase(c: &ItemChange) -> String {
    match c.status {
        Status::Added => "added".to_owned(),
        Status::Removed => "removed".to_owned(),
        Status::Changed => "changed".to_owned(),
        Status::Renamed => format!("renamed from `{}`", c.renamed_from.as_deref().unwrap_or("")),
    }
}

fn finding_line(f: &FindingChange) -> String {
    let subject = f.subject.as_deref().map_or_else(String::new, |s| format!(" `{s}`"));
    let waived = if f.waived { " (waived)" } else { "" };
    format!("{} {}{subject}: {}{waived}", f.code, f.name, f.message)
}

/// The human report; `color` paints the text diffs and the findings.
pub fn human(d: &Diff, sides: Sides<'_>, color: bool) -> String {
    let paint =
        |code: &str, text: &str| if color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() };
    let mut out = String::new();
    let _ = writeln!(out, "{}", paint("1", &format!("scaleguard diff {} -> {}", sides.old, sides.new)));
    if d.old_input_errors {
        let _ = writeln!(out, "note: the old side has input errors; its organisation may be incomplete");
    }
    if d.new_input_errors {
        let _ = writeln!(out, "note: the new side has input errors; its organisation may be incomplete");
    }
    if !d.changes.is_empty() {
        let _ = writeln!(out, "\n{}", paint("1", "Organisation"));
        for c in &d.changes {
            let _ = writeln!(out, "  {} {}", c.title(), status_phrase(c));
            for f in &c.facts {
                let _ = writeln!(out, "    {}", f.summary);
            }
        }
        let diffs: Vec<String> =
            d.changes.iter().map(ItemChange::text_diff).filter(|t| !t.is_empty()).collect();
        if !diffs.is_empty() {
            let _ = writeln!(out, "\n{}", paint("1", "Changed items"));
            for t in diffs {
                out.push_str(&crate::fmt::paint_diff(&t, color));
            }
        }
    }
    for (status, title, code) in [
        (FindingStatus::Introduced, "Findings introduced", "31"),
        (FindingStatus::Resolved, "Findings resolved", "32"),
        (FindingStatus::Waived, "Findings now waived", "33"),
        (FindingStatus::Unwaived, "Findings no longer waived", "31"),
    ] {
        let list: Vec<&FindingChange> = d.findings.iter().filter(|f| f.status == status).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", paint("1", &format!("{title} ({})", list.len())));
        let mark = match status {
            FindingStatus::Introduced | FindingStatus::Unwaived => "+",
            FindingStatus::Resolved | FindingStatus::Waived => "-",
        };
        for f in list {
            let _ = writeln!(out, "  {}", paint(code, &format!("{mark} {}", finding_line(f))));
        }
    }
    if let Some(s) = &d.scores {
        let changed: Vec<&ScoreChange> = s.components.iter().filter(|c| c.old != c.new).collect();
        if !changed.is_empty() || s.old != s.new {
            let _ = writeln!(out, "\n{}", paint("1", "Score"));
            for c in changed {
                let delta = c.delta_tenths.map_or_else(String::new, |t| format!(" ({})", signed_tenths(t)));
                let line = format!("  {}: {} -> {}{delta}", c.name, score_text(c.old), score_text(c.new));
                let _ = writeln!(out, "{}", if c.dropped { paint("31", &line) } else { line });
            }
            let _ = writeln!(
                out,
                "  overall: {} -> {}{}",
                score_text(s.old),
                score_text(s.new),
                level_note(&s.new_level)
            );
        }
    }
    let _ = writeln!(out, "\nscaleguard: {}", d.summary());
    out
}

fn signed_tenths(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "+" };
    let a = t.unsigned_abs();
    format!("{sign}{}.{}", a / 10, a % 10)
}

/// Escapes text for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// The Markdown report, for a pull-request comment.
pub fn markdown(d: &Diff, sides: Sides<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## scaleguard diff\n");
    let _ = writeln!(out, "`{}` → `{}`: **{}**\n", cell(sides.old), cell(sides.new), cell(&d.summary()));
    if d.old_input_errors || d.new_input_errors {
        let _ =
            writeln!(out, "> [!WARNING]\n> A side has input errors; its organisation may be incomplete.\n");
    }
    if !d.changes.is_empty() {
        let _ = writeln!(out, "### Organisation\n");
        let _ = writeln!(out, "| item | change |\n|---|---|");
        for c in &d.changes {
            let mut what = vec![status_phrase(c)];
            what.extend(c.facts.iter().map(|f| f.summary.clone()));
            let _ = writeln!(out, "| {} | {} |", cell(&c.title()), cell(&what.join("<br>")));
        }
        let diffs: Vec<String> =
            d.changes.iter().map(ItemChange::text_diff).filter(|t| !t.is_empty()).collect();
        if !diffs.is_empty() {
            let _ = writeln!(out, "\n<details><summary>Changed items</summary>\n\n```diff");
            for t in diffs {
                out.push_str(&t.replace("```", "'''"));
            }
            let _ = writeln!(out, "```\n\n</details>");
        }
        out.push('\n');
    }
    for (status, title) in [
        (FindingStatus::Introduced, "Findings introduced"),
        (FindingStatus::Resolved, "Findings resolved"),
        (FindingStatus::Waived, "Findings now waived"),
        (FindingStatus::Unwaived, "Findings no longer waived"),
    ] {
        let list: Vec<&FindingChange> = d.findings.iter().filter(|f| f.status == status).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {title} ({})\n", list.len());
        let _ = writeln!(out, "| code | rule | severity | subject | message |\n|---|---|---|---|---|");
        for f in list {
            let subject = f.subject.as_deref().map_or_else(String::new, |s| format!("`{s}`"));
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                f.code,
                f.name,
                f.severity,
                cell(&subject),
                cell(&f.message)
            );
        }
        out.push('\n');
    }
    if let Some(s) = &d.scores {
        let _ = writeln!(out, "### Score\n");
        let _ = writeln!(out, "| component | before | after | change |\n|---|---|---|---|");
        for c in &s.components {
            let change = match c.delta_tenths {
                Some(0) | None => String::new(),
                Some(t) if t < 0 => format!("**{}**", signed_tenths(t)),
                Some(t) => signed_tenths(t),
            };
            let _ =
                writeln!(out, "| {} | {} | {} | {change} |", c.name, score_text(c.old), score_text(c.new));
        }
        let _ = writeln!(out, "| **overall** | {} | {} | |", score_text(s.old), score_text(s.new));
        if !s.new_level.is_empty() {
            let _ = writeln!(out, "\nNow: {}.", s.new_level);
        }
    }
    out
}

/// ` (Defined: 3 errors remain — ...)` after the new overall score; empty when not assessed.
fn level_note(level: &str) -> String {
    if level.is_empty() { String::new() } else { format!(" ({level})") }
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    version: u32,
    old: &'a str,
    new: &'a str,
    old_input_errors: bool,
    new_input_errors: bool,
    changes: &'a [ItemChange],
    findings: &'a [FindingChange],
    scores: Option<&'a ScoreDiff>,
    regressed: bool,
    summary: String,
}

/// The JSON report (schema version [`VERSION`]).
pub fn json(d: &Diff, sides: Sides<'_>) -> String {
    let report = JsonDiff {
        version: VERSION,
        old: sides.old,
        new: sides.new,
        old_input_errors: d.old_input_errors,
        new_input_errors: d.new_input_errors,
        changes: &d.changes,
        findings: &d.findings,
        scores: d.scores.as_ref(),
        regressed: d.regressed(),
        summary: d.summary(),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
