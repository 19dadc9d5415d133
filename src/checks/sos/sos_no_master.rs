//! SG203 `sos-no-master`; prose and examples in rules/SG203-sos-no-master.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, sos) in m.sos_ids() {
        let finding = sos.master.is_none().then(|| {
            Finding::new(format!(
                "Scrum of Scrums `{}` has no Scrum of Scrums Master",
                m.name(sos.header.ident)
            ))
            .primary(sos.header.span, "no `scrum_of_scrums_master` here")
        });
        out.record(Subject::Sos(id), finding);
    }
}
