//! SG103 `eat-no-executive`; prose and examples in rules/SG103-eat-no-executive.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, eat) in m.eat_ids() {
        // Members in the sense of LANGUAGE.md §4: `members`, `product_owner`, `scrum_master`.
        let has_executive = eat.all_members().any(|p| m.person(p).executive.is_some());
        let finding = (!has_executive).then(|| {
            let f = Finding::new(format!(
                "no member of Executive Action Team `{}` is an executive",
                m.name(eat.header.ident)
            ));
            match eat.members.span {
                Some(span) => f.primary(span, "no `executive` among these"),
                None => f.primary(eat.header.span, "no `executive` member here"),
            }
        });
        out.record(Subject::Eat(id), finding);
    }
}
