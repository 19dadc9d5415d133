//! Findings introduced, resolved, waived or unwaived between the sides, and the score deltas.

use super::*;

pub(super) fn score_diff(old: &Score, new: &Score) -> ScoreDiff {
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

pub(super) fn finding_changes(old: &[Diagnostic], new: &[Diagnostic]) -> Vec<FindingChange> {
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
