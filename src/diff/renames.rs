//! Rename matching: an item of one kind removed and one added with the same statements is a
//! rename, and references to the old identifier are read as the new one.

use super::*;

// ---------------------------------------------------------------------------------------------
// Renames.

/// Renamed items: `(kind, old identifier) -> new identifier`.
#[derive(Debug, Default)]
pub(super) struct Renames {
    pub(super) map: BTreeMap<(&'static str, String), String>,
    /// Old identifier -> new, for references of any kind (identifiers share one namespace).
    pub(super) any: BTreeMap<String, String>,
}

impl Renames {
    pub(super) fn name(&self, old: &str) -> String {
        self.any.get(old).cloned().unwrap_or_else(|| old.to_owned())
    }

    pub(super) fn old_name_of(&self, kind: &'static str, new: &str) -> Option<String> {
        self.map.iter().find(|((k, _), n)| *k == kind && n.as_str() == new).map(|((_, o), _)| o.clone())
    }

    pub(super) fn add(&mut self, kind: &'static str, old: String, new: String) {
        self.any.insert(old.clone(), new.clone());
        self.map.insert((kind, old), new);
    }
}

/// The kinds in the order renames are found (an item's references point to kinds before it,
/// mostly) and the order output lists them.
pub(super) const KINDS: [&str; 9] = [
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
pub(super) const RENAME_ORDER: [&str; 7] = [
    "person",
    "backlog",
    "definition_of_done",
    "team",
    "scrum_of_scrums",
    "executive_action_team",
    "executive_metascrum",
];

pub(super) fn kind_order(kind: &str) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(KINDS.len())
}

/// Finds renames kind by kind, and returns the old side's snapshots read with them.
pub(super) fn renamed_snapshots(old: &Model, new: &Model) -> (Renames, BTreeMap<(usize, String), Snapshot>) {
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
