//! SG102 `eat-authority-missing`; prose and examples in rules/SG102-eat-authority-missing.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::{and_list, or_list};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let required = &m.policy.required_authority;
    for (id, eat) in m.eat_ids() {
        let mut missing: Vec<String> = Vec::new();
        for (i, domain) in required.value.iter().enumerate() {
            // Policy lists are short; the `required.value[..i]` check keeps a repeated domain once.
            let repeated = required.value.get(..i).is_some_and(|before| before.contains(domain));
            if !repeated && !eat.authority.values().any(|d| d == domain) {
                missing.push(format!("`{}`", m.name(*domain)));
            }
        }
        let finding = (!missing.is_empty()).then(|| {
            let mut f = Finding::new(format!(
                "Executive Action Team `{}` lacks the required authority over {}",
                m.name(eat.header.ident),
                and_list(&missing),
            ));
            f = match eat.authority.span {
                Some(span) => f.primary(span, format!("no {} here", or_list(&missing))),
                None => f.primary(eat.header.span, "no `authority` here"),
            };
            if let Some(span) = required.span {
                f = f.secondary(span, "`required_authority` set here");
            }
            f
        });
        out.record(Subject::Eat(id), finding);
    }
}
