//! `scaleguard lsp`: runs the language server on stdin and stdout (docs/editors.md).

use jiff::civil::Date;

use super::Exit;
use scaleguard::lsp::{self, Ended, Options};

/// Arguments of `lsp`.
#[derive(Debug, clap::Args)]
pub(crate) struct LspArgs {
    /// Talk over stdin and stdout (the only transport; accepted because editors pass it).
    #[arg(long)]
    stdio: bool,
    /// The date waivers are judged against (default: today in UTC), as YYYY-MM-DD.
    #[arg(long, value_parser = super::check::parse_date)]
    today: Option<Date>,
}

/// Runs `lsp` until the client exits: 0 after `shutdown` and `exit`, 1 when the client exits
/// without `shutdown` or closes the input (as the protocol asks).
pub(crate) fn run(args: &LspArgs, _color: bool) -> Exit {
    let _ = args.stdio;
    let options = Options { today: args.today, compact_bytes: None };
    let input = std::io::BufReader::new(std::io::stdin());
    match lsp::serve(input, std::io::stdout(), options) {
        Ended::Clean => Exit::Clean,
        Ended::WithoutShutdown => Exit::Findings,
    }
}
