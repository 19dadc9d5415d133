//! SG105 `eat-approval-gate`; prose and examples in rules/SG105-eat-approval-gate.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::and_list;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, eat) in m.eat_ids() {
        let finding = eat.approves.span.map(|span| {
            let gates: Vec<String> = eat.approves.values().map(|g| format!("`{}`", m.name(*g))).collect();
            let (noun, label) = if gates.len() == 1 {
                ("an approval gate", "approval gate")
            } else {
                ("approval gates", "approval gates")
            };
            Finding::new(format!(
                "Executive Action Team `{}` runs {noun} on {}",
                m.name(eat.header.ident),
                and_list(&gates),
            ))
            .primary(span, label)
        });
        out.record(Subject::Eat(id), finding);
    }
}
