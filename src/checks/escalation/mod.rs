//! SG4xx: escalation paths.

pub(super) mod escalation_bypass;
pub(super) mod escalation_cycle;
pub(super) mod escalation_dead_end;
pub(super) mod escalation_sideways;

use std::cell::OnceCell;

use rustc_hash::FxHashMap;

use crate::model::{Model, SosId, Target, Unit};
use crate::source::Span;

/// A unit in words: ``team `payments` ``, ``Scrum of Scrums `checkout` ``.
fn unit_phrase(m: &Model, unit: Unit) -> String {
    match unit {
        Unit::Team(_) => format!("team `{}`", m.unit_ident(unit)),
        Unit::Sos(_) => format!("Scrum of Scrums `{}`", m.unit_ident(unit)),
    }
}

/// An escalation target in words, as [`unit_phrase`], or ``Executive Action Team `eat` ``.
fn target_phrase(m: &Model, target: Target) -> String {
    match target {
        Target::Unit(u) => unit_phrase(m, u),
        Target::Eat(_) => format!("Executive Action Team `{}`", m.target_ident(target)),
    }
}

/// An escalation cycle written out from its first unit: `a -> b -> a`.
fn chain(m: &Model, ring: &[Unit]) -> String {
    let mut out = String::new();
    for unit in ring.iter().chain(ring.first()) {
        if !out.is_empty() {
            out.push_str(" -> ");
        }
        out.push_str(m.unit_ident(*unit));
    }
    out
}

/// Longest cycle [`short_chain`] writes out whole.
const SHORT_CHAIN: usize = 6;

/// A cycle named in another unit's message: written out whole when short, else its first
/// units and its length (`a -> b -> c -> ... -> a`, 40 units), so that many units running into one
/// long cycle do not each repeat it.
fn short_chain(m: &Model, ring: &[Unit]) -> String {
    if ring.len() <= SHORT_CHAIN {
        return format!("`{}`", chain(m, ring));
    }
    let mut out = String::from("`");
    for unit in ring.iter().take(3) {
        out.push_str(m.unit_ident(*unit));
        out.push_str(" -> ");
    }
    out.push_str("... -> ");
    out.push_str(ring.first().map_or("", |u| m.unit_ident(*u)));
    out.push_str(&format!("` ({} units)", ring.len()));
    out
}

/// The Scrums of Scrums that list a unit, by identifier.
fn sorted_parents(m: &Model, unit: Unit) -> Vec<SosId> {
    let mut parents = m.parents(unit).to_vec();
    parents.sort_by(|a, b| m.name(m.sos(*a).header.ident).cmp(m.name(m.sos(*b).header.ident)));
    parents
}

/// The span of the `members` entry by which a Scrum of Scrums lists a unit (the first, if
/// listed twice), built on first use in one pass over every `members` list.
struct MemberEntries<'m> {
    model: &'m Model,
    map: OnceCell<FxHashMap<(SosId, Unit), Span>>,
}

impl<'m> MemberEntries<'m> {
    fn new(model: &'m Model) -> Self {
        MemberEntries { model, map: OnceCell::new() }
    }

    fn get(&self, sos: SosId, unit: Unit) -> Option<Span> {
        self.map
            .get_or_init(|| {
                let mut map = FxHashMap::default();
                for (id, s) in self.model.sos_ids() {
                    for entry in &s.members.entries {
                        map.entry((id, entry.value)).or_insert(entry.span);
                    }
                }
                map
            })
            .get(&(sos, unit))
            .copied()
    }

    /// Where a unit's escalation edge comes from, with a label: its `escalates_to`, else its
    /// entry in the `members` of the one Scrum of Scrums it belongs to (LANGUAGE.md §4).
    fn edge(&self, unit: Unit) -> Option<(Span, String)> {
        let m = self.model;
        let name = m.unit_ident(unit);
        if let Some(at) = m.escalates_to(unit) {
            return Some((at.span, format!("`{name}` escalates to `{}`", m.target_ident(at.value))));
        }
        match m.target(unit)? {
            Target::Unit(Unit::Sos(parent)) => {
                let span = self.get(parent, unit)?;
                Some((
                    span,
                    format!("`{name}` escalates to `{}` as a member", m.name(m.sos(parent).header.ident)),
                ))
            }
            _ => None,
        }
    }
}
