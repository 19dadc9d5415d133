//! SG604 `sos-no-backlog`; prose and examples in rules/SG604-sos-no-backlog.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, sos) in m.sos_ids() {
        let finding = sos.backlog.is_none().then(|| {
            Finding::new(format!("Scrum of Scrums `{}` has no shared backlog", m.name(sos.header.ident)))
                .primary(sos.header.span, "no `backlog` here")
        });
        out.record(Subject::Sos(id), finding);
    }
}
