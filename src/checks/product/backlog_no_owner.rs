//! SG605 `backlog-no-owner`; prose and examples in rules/SG605-backlog-no-owner.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::model::BacklogId;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (i, backlog) in m.backlogs.iter().enumerate() {
        let finding = backlog.owner.is_none().then(|| {
            Finding::new(format!("backlog `{}` has no owner", m.name(backlog.header.ident)))
                .primary(backlog.header.span, "no `owner` here")
        });
        out.record(Subject::Backlog(BacklogId(i as u32)), finding);
    }
}
