//! The `scaleguard` binary: a thin clap front over the library (see `src/cli/`).

use std::process::ExitCode;

mod cli;

/// mimalloc instead of the system allocator: parsing and resolving a large organisation makes
/// millions of small allocations, and mimalloc serves them markedly faster than glibc's malloc
/// (docs/performance.md has the side-by-side figures).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
