//! SG508 `product-owner-overloaded`; prose and examples in rules/SG508-product-owner-overloaded.toml.

use crate::checks::{Checks, Context};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let role = super::Role {
        title: "Product Owner",
        setting: "max_teams_per_product_owner",
        holder: |team| team.product_owner,
    };
    super::overloaded(cx, out, &role, cx.model.policy.max_teams_per_product_owner);
}
