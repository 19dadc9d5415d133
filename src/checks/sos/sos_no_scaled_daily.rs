//! SG202 `sos-no-scaled-daily`; prose and examples in rules/SG202-sos-no-scaled-daily.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::model::EventKind;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, sos) in m.sos_ids() {
        let held = sos.events.iter().any(|e| e.syntax.kind == EventKind::ScaledDailyScrum);
        let finding = (!held).then(|| {
            Finding::new(format!(
                "Scrum of Scrums `{}` holds no Scaled Daily Scrum",
                m.name(sos.header.ident)
            ))
            .primary(sos.header.span, "no `scaled_daily_scrum` event here")
        });
        out.record(Subject::Sos(id), finding);
    }
}
