//! `scaleguard lsp`: a Language Server over stdio, so that editors show findings as people
//! type and can navigate an organisation, from the same engine as `check`.
//!
//! The server keeps every open document and every other `.scale` file of the workspace (below
//! the folders the client names, or the `paths` of their `scaleguard.toml`) in memory, as one
//! organisation, as `check` reads a directory. An edit re-parses only the file it changed,
//! then re-resolves the model and re-evaluates the guardrails (`server.rs`); no process is
//! started. It offers:
//!
//! - diagnostics: input errors and guardrail findings, with the rule's code linking to its
//!   documentation, secondary labels as related information (`convert.rs`);
//! - go to definition, find references, rename and document symbols for every identifier
//!   (`navigate.rs`, on `symbols.rs`);
//! - hover: an item's resolved facts, a rule's summary and rationale (`hover.rs`);
//! - completion of item and statement keywords, identifiers of the kind a statement takes,
//!   event kinds, periods, agenda items and rules (`completion.rs`);
//! - formatting through [`crate::fmt`], and quick fixes from each diagnostic's suggestions,
//!   the edits `check --fix` applies (`actions.rs`).
//!
//! Positions are counted in UTF-8 when the client offers it, else in UTF-16 ([`position`]).
//! Nothing a client sends ends the server: garbage is answered with a JSON-RPC error
//! ([`transport`]), a request with bad parameters with `InvalidParams`, and a failure inside
//! a request with `InternalError`; the session goes on.

mod actions;
mod completion;
mod convert;
mod hover;
mod navigate;
pub mod position;
mod server;
mod symbols;
pub mod transport;

use std::io::{BufRead, Write};

use jiff::civil::Date;

pub use server::COMPACT_BYTES;

/// How the server runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The date waivers are judged against (default: today in UTC).
    pub today: Option<Date>,
    /// Garbage (replaced texts) allowed in the arena before it is compacted, in bytes
    /// (default [`COMPACT_BYTES`]); small values are for tests.
    pub compact_bytes: Option<usize>,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// `shutdown`, then `exit`: the process exits 0.
    Clean,
    /// `exit` without `shutdown`, or the input closed: the process exits 1 (as the protocol
    /// asks).
    WithoutShutdown,
}

/// Serves one client: reads messages from `input` and writes answers and notifications to
/// `output` until the client exits or the input ends.
pub fn serve<R, W>(input: R, output: W, options: Options) -> Ended
where
    R: BufRead + Send + 'static,
    W: Write,
{
    let rx = transport::spawn_reader(input);
    let mut session = server::Session::new(Box::new(output), options);
    let mut carried = server::Carry::default();
    loop {
        let arena = bumpalo::Bump::new();
        let mut server = server::Server::new(&arena, &mut session, carried);
        match server.run(&rx) {
            server::Flow::Exit(ended) => return ended,
            server::Flow::Compact => carried = server.carry(),
        }
    }
}
