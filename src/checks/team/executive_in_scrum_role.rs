//! SG507 `executive-in-scrum-role`; prose and examples in rules/SG507-executive-in-scrum-role.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::and_list;
use crate::model::ItemRef;
use crate::model::roles::{Role, RoleKind};

/// Whether a role counts for SG507: Product Owner or Scrum Master of a team, or Scrum of Scrums
/// Master. An EAT's Product Owner or Scrum Master does not count.
fn counts(role: &Role) -> bool {
    matches!(
        (role.kind, role.item),
        (RoleKind::ProductOwner | RoleKind::ScrumMaster, ItemRef::Team(_))
            | (RoleKind::ScrumOfScrumsMaster, ItemRef::Sos(_))
    )
}

/// The role and its unit's kind, before the unit's identifier; and the label at the statement
/// naming the executive.
fn words(kind: RoleKind) -> (&'static str, &'static str) {
    match kind {
        RoleKind::ScrumMaster => ("Scrum Master of team", "executive as Scrum Master"),
        RoleKind::ScrumOfScrumsMaster => ("Scrum of Scrums Master of", "executive as Scrum of Scrums Master"),
        _ => ("Product Owner of team", "executive as Product Owner"),
    }
}

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (pid, person) in m.person_ids() {
        let Some(executive) = person.executive else {
            continue;
        };
        let subject = Subject::Person(pid);
        let mut held: Vec<&Role> = cx.roles(pid).iter().filter(|r| counts(r)).collect();
        if held.is_empty() {
            out.pass(subject);
            continue;
        }
        held.sort_by(|a, b| m.ident(a.item).cmp(m.ident(b.item)).then(a.kind.cmp(&b.kind)));
        let roles: Vec<String> =
            held.iter().map(|r| format!("{} `{}`", words(r.kind).0, m.ident(r.item))).collect();
        let mut f =
            Finding::new(format!("executive `{}` is {}", m.name(person.header.ident), and_list(&roles)));
        for (i, r) in held.iter().enumerate() {
            let label = words(r.kind).1;
            f = if i == 0 { f.primary(r.span, label) } else { f.secondary(r.span, label) };
        }
        out.fail(subject, f.secondary(executive, "an executive here"));
    }
}
