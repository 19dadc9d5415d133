//! SG106 `eat-no-backlog`; prose and examples in rules/SG106-eat-no-backlog.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, eat) in m.eat_ids() {
        let finding = eat.backlog.is_none().then(|| {
            Finding::new(format!(
                "Executive Action Team `{}` has no transformation backlog",
                m.name(eat.header.ident)
            ))
            .primary(eat.header.span, "no `backlog` here")
        });
        out.record(Subject::Eat(id), finding);
    }
}
