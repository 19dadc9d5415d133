//! SG104 `eat-unbacked-authority`; prose and examples in rules/SG104-eat-unbacked-authority.toml.

use rustc_hash::FxHashSet;

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::and_list;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let mut held = FxHashSet::default();
    for (id, eat) in m.eat_ids() {
        held.clear();
        // Members in the sense of LANGUAGE.md §4: `members`, `product_owner`, `scrum_master`.
        for p in eat.all_members() {
            held.extend(m.person(p).authority.values().copied());
        }
        let unbacked: Vec<_> = eat.authority.entries.iter().filter(|d| !held.contains(&d.value)).collect();
        let finding = match unbacked.split_first() {
            None => None,
            Some((first, rest)) => {
                let names: Vec<String> = unbacked.iter().map(|d| format!("`{}`", m.name(d.value))).collect();
                let mut f = Finding::new(format!(
                    "Executive Action Team `{}` claims authority over {}, which no member holds",
                    m.name(eat.header.ident),
                    and_list(&names),
                ))
                .primary(first.span, "no member holds this");
                for d in rest {
                    f = f.secondary(d.span, "no member holds this");
                }
                Some(f)
            }
        };
        out.record(Subject::Eat(id), finding);
    }
}
