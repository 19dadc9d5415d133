//! The JSON rendering of a diff (schema version [`VERSION`]).

use super::*;

#[derive(Serialize)]
pub(super) struct JsonDiff<'a> {
    pub(super) version: u32,
    pub(super) old: &'a str,
    pub(super) new: &'a str,
    pub(super) old_input_errors: bool,
    pub(super) new_input_errors: bool,
    pub(super) changes: &'a [ItemChange],
    pub(super) findings: &'a [FindingChange],
    pub(super) scores: Option<&'a ScoreDiff>,
    pub(super) regressed: bool,
    pub(super) summary: String,
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
