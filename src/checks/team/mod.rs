//! SG5xx: Scrum teams and their roles.

pub(super) mod executive_in_scrum_role;
pub(super) mod po_is_scrum_master;
pub(super) mod product_owner_overloaded;
pub(super) mod role_overload;
pub(super) mod scrum_master_overloaded;
pub(super) mod team_no_product_owner;
pub(super) mod team_no_refinement;
pub(super) mod team_no_scrum_master;
pub(super) mod team_size;

use rustc_hash::FxHashMap;

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::{and_list, plural};
use crate::model::policy::Setting;
use crate::model::{At, PersonId, Team, TeamId};

/// A team role one person may hold in several teams (SG505, SG508).
struct Role {
    /// The role in words: `Scrum Master`.
    title: &'static str,
    /// The policy statement that limits it: `max_teams_per_scrum_master`.
    setting: &'static str,
    /// Who holds it in a team.
    holder: fn(&Team) -> Option<At<PersonId>>,
}

/// SG505 and SG508: one check per person who holds `role` in at least one team; it fails when
/// they hold it in more teams than `limit`. Counts in one pass over teams; a second pass
/// collects the teams of the overloaded people only.
fn overloaded(cx: &Context<'_>, out: &mut Checks, role: &Role, limit: Setting<u32>) {
    let m = cx.model;
    let mut counts = vec![0u32; m.people.len()];
    for team in &m.teams {
        if let Some(c) = (role.holder)(team).and_then(|p| counts.get_mut(p.value.index())) {
            *c += 1;
        }
    }
    let mut teams: FxHashMap<PersonId, Vec<TeamId>> = FxHashMap::default();
    for (id, team) in m.team_ids() {
        let Some(p) = (role.holder)(team) else {
            continue;
        };
        if counts.get(p.value.index()).is_some_and(|&n| n > limit.value) {
            teams.entry(p.value).or_default().push(id);
        }
    }
    for (pid, person) in m.person_ids() {
        let n = counts.get(pid.index()).copied().unwrap_or(0);
        if n == 0 {
            continue;
        }
        let subject = Subject::Person(pid);
        if n <= limit.value {
            out.pass(subject);
            continue;
        }
        let mut held = teams.remove(&pid).unwrap_or_default();
        held.sort_by(|a, b| m.name(m.team(*a).header.ident).cmp(m.name(m.team(*b).header.ident)));
        let names: Vec<String> =
            held.iter().map(|t| format!("`{}`", m.name(m.team(*t).header.ident))).collect();
        let mut f = Finding::new(format!(
            "`{}` is {} of {} ({}), more than the {} the policy allows",
            m.name(person.header.ident),
            role.title,
            plural(n as usize, "team", "teams"),
            and_list(&names),
            limit.value,
        ));
        for (i, t) in held.iter().enumerate() {
            let team = m.team(*t);
            let Some(at) = (role.holder)(team) else {
                continue;
            };
            let label = format!("{} of `{}`", role.title, m.name(team.header.ident));
            f = if i == 0 { f.primary(at.span, label) } else { f.secondary(at.span, label) };
        }
        if let Some(span) = limit.span {
            f = f.secondary(span, format!("`{}` set here", role.setting));
        }
        out.fail(subject, f);
    }
}
