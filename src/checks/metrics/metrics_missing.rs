//! SG801 `metrics-missing`; prose and examples in rules/SG801-metrics-missing.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let org = &m.organisation;
    for (id, sos) in m.sos_ids() {
        let finding = (!sos.metrics.is_declared() && !org.metrics.is_declared()).then(|| {
            Finding::new(format!(
                "neither Scrum of Scrums `{}` nor the organisation declares `metrics`",
                m.name(sos.header.ident)
            ))
            .primary(sos.header.span, "no `metrics` here")
            .secondary(org.span, "no `metrics` here either")
        });
        out.record(Subject::Sos(id), finding);
    }
}
