//! SG1xx: the Executive Action Team.

mod eat_approval_gate;
mod eat_authority_missing;
mod eat_missing;
mod eat_no_backlog;
mod eat_no_executive;
mod eat_not_a_scrum_team;
mod eat_unbacked_authority;

use super::registry::RuleFn;
use crate::diagnostic::{and_list, plural};
use crate::model::Model;

/// The rules of this area, in code order.
pub(super) const RULES: &[(&str, RuleFn)] = &[
    ("SG101", eat_missing::run),
    ("SG102", eat_authority_missing::run),
    ("SG103", eat_no_executive::run),
    ("SG104", eat_unbacked_authority::run),
    ("SG105", eat_approval_gate::run),
    ("SG106", eat_no_backlog::run),
    ("SG107", eat_not_a_scrum_team::run),
];

/// What makes the organisation scaled, for messages: `2 teams and 1 Scrum of Scrums`
/// (LANGUAGE.md §4). Shared with SG601.
pub(in crate::checks) fn scale_phrase(model: &Model) -> String {
    let mut parts = Vec::new();
    if !model.teams.is_empty() {
        parts.push(plural(model.teams.len(), "team", "teams"));
    }
    if !model.scrums_of_scrums.is_empty() {
        parts.push(plural(model.scrums_of_scrums.len(), "Scrum of Scrums", "Scrums of Scrums"));
    }
    and_list(&parts)
}
