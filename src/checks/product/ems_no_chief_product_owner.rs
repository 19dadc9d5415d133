//! SG602 `ems-no-chief-product-owner`; prose and examples in rules/SG602-ems-no-chief-product-owner.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, ems) in super::ems_ids(cx) {
        let finding = ems.chief_product_owner.is_none().then(|| {
            Finding::new(format!(
                "Executive MetaScrum `{}` has no Chief Product Owner",
                m.name(ems.header.ident)
            ))
            .primary(ems.header.span, "no `chief_product_owner` here")
        });
        out.record(Subject::Ems(id), finding);
    }
}
