//! The `scaleguard` binary: a thin clap front over the library (see `src/cli/`).

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    cli::main()
}
