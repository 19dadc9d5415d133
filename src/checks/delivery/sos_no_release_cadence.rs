//! SG703 `sos-no-release-cadence`; prose and examples in rules/SG703-sos-no-release-cadence.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, sos) in m.sos_ids() {
        let finding = sos.releases.is_none().then(|| {
            Finding::new(format!("Scrum of Scrums `{}` has no release cadence", m.name(sos.header.ident)))
                .primary(sos.header.span, "no `releases` here")
        });
        out.record(Subject::Sos(id), finding);
    }
}
