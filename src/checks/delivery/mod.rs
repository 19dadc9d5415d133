//! SG7xx: delivery (Definition of Done, releases).

pub(super) mod dod_not_shared;
pub(super) mod release_slower_than_sprint;
pub(super) mod sos_no_release_cadence;
