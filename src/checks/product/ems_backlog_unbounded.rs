//! SG609 `ems-backlog-unbounded`; prose and examples in rules/SG609-ems-backlog-unbounded.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, ems) in super::ems_ids(cx) {
        let name = m.name(ems.header.ident);
        let finding = match ems.backlog {
            None => Some(
                Finding::new(format!("Executive MetaScrum `{name}` has no backlog"))
                    .primary(ems.header.span, "no `backlog` here"),
            ),
            Some(at) => {
                let backlog = m.backlog(at.value);
                backlog.wip_limit.is_none().then(|| {
                    Finding::new(format!(
                        "backlog `{}` of Executive MetaScrum `{name}` has no work-in-progress limit",
                        m.name(backlog.header.ident)
                    ))
                    .primary(backlog.header.span, "no `wip_limit` here")
                    .secondary(at.span, format!("the backlog of `{name}`"))
                })
            }
        };
        out.record(Subject::Ems(id), finding);
    }
}
