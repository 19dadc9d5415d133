//! SG507 `executive-in-scrum-role`; prose and examples in rules/SG507-executive-in-scrum-role.toml.

use rustc_hash::FxHashMap;

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::and_list;
use crate::model::{At, Name, PersonId};
use crate::source::Span;

/// A Scrum role that counts for SG507, in the order roles of one unit are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    ProductOwner,
    ScrumMaster,
    ScrumOfScrumsMaster,
}

impl Role {
    /// The role and its unit's kind, before the unit's identifier.
    fn of(self) -> &'static str {
        match self {
            Role::ProductOwner => "Product Owner of team",
            Role::ScrumMaster => "Scrum Master of team",
            Role::ScrumOfScrumsMaster => "Scrum of Scrums Master of",
        }
    }

    /// The label at the statement naming the executive.
    fn label(self) -> &'static str {
        match self {
            Role::ProductOwner => "executive as Product Owner",
            Role::ScrumMaster => "executive as Scrum Master",
            Role::ScrumOfScrumsMaster => "executive as Scrum of Scrums Master",
        }
    }
}

/// One role an executive holds: the unit's identifier, the role, and where it is named.
struct Held {
    unit: Name,
    role: Role,
    span: Span,
}

/// An EAT's Product Owner or Scrum Master does not count: only teams and Scrums of Scrums.
pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    // Roles of executives only, in one pass over teams and Scrums of Scrums.
    let mut held: FxHashMap<PersonId, Vec<Held>> = FxHashMap::default();
    let mut note = |who: Option<At<PersonId>>, unit: Name, role: Role| {
        let Some(at) = who else { return };
        if m.person(at.value).executive.is_some() {
            held.entry(at.value).or_default().push(Held { unit, role, span: at.span });
        }
    };
    for team in &m.teams {
        note(team.product_owner, team.header.ident, Role::ProductOwner);
        note(team.scrum_master, team.header.ident, Role::ScrumMaster);
    }
    for sos in &m.scrums_of_scrums {
        note(sos.master, sos.header.ident, Role::ScrumOfScrumsMaster);
    }
    for (pid, person) in m.person_ids() {
        let Some(executive) = person.executive else {
            continue;
        };
        let subject = Subject::Person(pid);
        let Some(list) = held.get_mut(&pid) else {
            out.pass(subject);
            continue;
        };
        list.sort_by(|a, b| m.name(a.unit).cmp(m.name(b.unit)).then(a.role.cmp(&b.role)));
        let roles: Vec<String> =
            list.iter().map(|h| format!("{} `{}`", h.role.of(), m.name(h.unit))).collect();
        let mut f =
            Finding::new(format!("executive `{}` is {}", m.name(person.header.ident), and_list(&roles)));
        for (i, h) in list.iter().enumerate() {
            f = if i == 0 { f.primary(h.span, h.role.label()) } else { f.secondary(h.span, h.role.label()) };
        }
        out.fail(subject, f.secondary(executive, "an executive here"));
    }
}
