//! SG1xx: the Executive Action Team.

pub(super) mod eat_approval_gate;
pub(super) mod eat_authority_missing;
pub(super) mod eat_missing;
pub(super) mod eat_no_backlog;
pub(super) mod eat_no_executive;
pub(super) mod eat_not_a_scrum_team;
pub(super) mod eat_unbacked_authority;

use crate::diagnostic::{and_list, plural};
use crate::model::Model;

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
