//! SG606 `vision-missing`; prose and examples in rules/SG606-vision-missing.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let org = &cx.model.organisation;
    let finding = org
        .vision
        .is_none()
        .then(|| Finding::new("the organisation states no vision").primary(org.span, "no `vision` here"));
    out.record(Subject::Organisation, finding);
}
