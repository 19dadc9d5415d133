//! Test helpers for scaleguard, kept out of the tool it tests (STYLE.md §10: "test helpers
//! are not the product"): the synthetic-organisation generator behind the benchmarks, the
//! property tests and the fuzz corpus. Run it from the command line with
//! `cargo xtask generate` (xtask/).
//!
//! Not published; the released `scaleguard` binary contains none of it.

pub mod generate;
