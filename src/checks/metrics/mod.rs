//! SG8xx: metrics and transparency.

pub(super) mod metrics_families_missing;
pub(super) mod metrics_missing;
