//! SG403 `escalation-bypass`; prose and examples in rules/SG403-escalation-bypass.toml.

use super::{MemberEntries, sorted_parents};
use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::and_list;
use crate::model::{Target, Unit};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let entries = MemberEntries::new(m);
    for (id, team) in m.team_ids() {
        if team.parents.is_empty() {
            continue;
        }
        let subject = Subject::Team(id);
        let Some(at) = team.escalates_to.filter(|at| matches!(at.value, Target::Eat(_))) else {
            out.pass(subject);
            continue;
        };
        let unit = Unit::Team(id);
        let name = m.name(team.header.ident);
        let parents = sorted_parents(m, unit);
        let idents: Vec<String> =
            parents.iter().map(|p| format!("`{}`", m.name(m.sos(*p).header.ident))).collect();
        let which = if parents.len() == 1 { "its Scrum of Scrums" } else { "its Scrums of Scrums" };
        let mut finding = Finding::new(format!(
            "team `{name}` escalates straight to Executive Action Team `{}`, bypassing {which} {}",
            m.target_ident(at.value),
            and_list(&idents),
        ))
        .primary(at.span, format!("bypasses {}", and_list(&idents)));
        for p in parents {
            if let Some(span) = entries.get(p, unit) {
                finding = finding
                    .secondary(span, format!("`{name}` is a member of `{}`", m.name(m.sos(p).header.ident)));
            }
        }
        out.fail(subject, finding);
    }
}
