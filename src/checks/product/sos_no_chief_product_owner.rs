//! SG603 `sos-no-chief-product-owner`; prose and examples in rules/SG603-sos-no-chief-product-owner.toml.

use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, sos) in m.sos_ids() {
        let finding = sos.chief_product_owner.is_none().then(|| {
            Finding::new(format!("Scrum of Scrums `{}` has no Chief Product Owner", m.name(sos.header.ident)))
                .primary(sos.header.span, "no `chief_product_owner` here")
        });
        out.record(Subject::Sos(id), finding);
    }
}
