//! SG101 `eat-missing`; prose and examples in rules/SG101-eat-missing.toml.

use crate::checks::{Checks, Context, Finding, Subject};

/// The engine runs this rule only for a scaled organisation.
pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let finding = m.eats.is_empty().then(|| {
        Finding::new(format!("the organisation has {} but no Executive Action Team", super::scale_phrase(m)))
            .primary(m.organisation.span, "no `executive_action_team` in this organisation")
    });
    out.record(Subject::Organisation, finding);
}
