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

mod findings;
mod renames;
mod render;
mod snapshot;

use findings::{finding_changes, score_diff};
use renames::{Renames, kind_order, renamed_snapshots};
use render::score_text;
pub use render::{Sides, human, json, markdown};
pub use snapshot::minutes_text;
use snapshot::{Snapshot, compare, snapshots};

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
