//! SG208 `sos-no-retrospective`; prose and examples in rules/SG208-sos-no-retrospective.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::model::EventKind;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, sos) in m.sos_ids() {
        let held = sos.events.iter().any(|e| e.syntax.kind == EventKind::ScaledRetrospective);
        let finding = (!held).then(|| {
            Finding::new(format!(
                "Scrum of Scrums `{}` holds no scaled retrospective",
                m.name(sos.header.ident)
            ))
            .primary(sos.header.span, "no `scaled_retrospective` event here")
        });
        out.record(Subject::Sos(id), finding);
    }
}
