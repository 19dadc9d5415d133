//! SG601 `ems-missing`; prose and examples in rules/SG601-ems-missing.toml.

use crate::checks::{Checks, Context, Finding, Subject};

/// The engine runs this rule only for a scaled organisation.
pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let finding = m.emss.is_empty().then(|| {
        Finding::new(format!(
            "the organisation has {} but no Executive MetaScrum",
            crate::checks::eat::scale_phrase(m)
        ))
        .primary(m.organisation.span, "no `executive_metascrum` in this organisation")
    });
    out.record(Subject::Organisation, finding);
}
