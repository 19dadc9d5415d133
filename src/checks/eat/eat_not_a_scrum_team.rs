//! SG107 `eat-not-a-scrum-team`; prose and examples in rules/SG107-eat-not-a-scrum-team.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::{and_list, or_list};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, eat) in m.eat_ids() {
        let mut lacks = Vec::new();
        let mut keywords = Vec::new();
        if eat.product_owner.is_none() {
            lacks.push("no Product Owner");
            keywords.push("`product_owner`");
        }
        if eat.scrum_master.is_none() {
            lacks.push("no Scrum Master");
            keywords.push("`scrum_master`");
        }
        if eat.events.is_empty() {
            lacks.push("no event");
            keywords.push("`event`");
        }
        let finding = (!lacks.is_empty()).then(|| {
            Finding::new(format!(
                "Executive Action Team `{}` does not work as a Scrum team: it has {}",
                m.name(eat.header.ident),
                and_list(&lacks),
            ))
            .primary(eat.header.span, format!("no {} here", or_list(&keywords)))
        });
        out.record(Subject::Eat(id), finding);
    }
}
