//! SG209 `sos-no-integrated-review`; prose and examples in rules/SG209-sos-no-integrated-review.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::model::EventKind;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, sos) in m.sos_ids() {
        let held = sos.events.iter().any(|e| e.syntax.kind == EventKind::SprintReview);
        let finding = (!held).then(|| {
            Finding::new(format!(
                "Scrum of Scrums `{}` holds no integrated sprint review",
                m.name(sos.header.ident)
            ))
            .primary(sos.header.span, "no `sprint_review` event here")
        });
        out.record(Subject::Sos(id), finding);
    }
}
