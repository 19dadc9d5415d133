//! SG509 `role-overload`; prose and examples in rules/SG509-role-overload.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::{and_list, plural};
use crate::model::roles::{Role, RoleKind};
use crate::model::{ItemRef, Model};

/// One check per person. Only accountabilities count (`RoleKind::is_accountability`), each
/// unit once per role.
pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let limit = m.policy.max_roles_per_person;
    for (pid, person) in m.person_ids() {
        let subject = Subject::Person(pid);
        let roles = cx.roles(pid);
        if roles.iter().filter(|r| r.kind.is_accountability()).count() <= limit.value as usize {
            out.pass(subject);
            continue;
        }
        let mut held: Vec<&Role> = roles.iter().filter(|r| r.kind.is_accountability()).collect();
        held.sort_by(|a, b| a.order_key(m).cmp(&b.order_key(m)));
        held.dedup_by_key(|r| (r.item, r.kind));
        let n = plural(held.len(), "accountability", "accountabilities");
        let phrases: Vec<String> = held.iter().map(|r| phrase(m, r)).collect();
        let mut f = Finding::new(format!(
            "`{}` holds {n}, more than the policy's {}: {}",
            m.name(person.header.ident),
            limit.value,
            and_list(&phrases),
        ))
        .primary(person.header.span, n);
        for (role, text) in held.iter().zip(phrases) {
            f = f.secondary(role.span, text);
        }
        if let Some(span) = limit.span {
            f = f.secondary(span, "`max_roles_per_person` set here");
        }
        out.fail(subject, f);
    }
}

/// An accountability in words: ``Product Owner of team `payments` ``, ``Scrum of Scrums
/// Master of `checkout` `` (the unit's kind is in the title already).
fn phrase(m: &Model, role: &Role) -> String {
    let unit = match (role.kind, role.item) {
        (RoleKind::ScrumOfScrumsMaster, _) => "",
        (_, ItemRef::Team(_)) => "team ",
        (_, ItemRef::Sos(_)) => "Scrum of Scrums ",
        (_, ItemRef::Eat(_)) => "Executive Action Team ",
        (_, ItemRef::Ems(_)) => "Executive MetaScrum ",
        _ => "",
    };
    format!("{} of {unit}`{}`", role.kind.title(), m.ident(role.item))
}
