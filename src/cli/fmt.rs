//! `scaleguard fmt`: rewrites `.scale` files in the canonical layout (docs/authoring.md), or
//! with `--check` shows what it would change.

use std::io::Write;
use std::path::PathBuf;

use super::{Exit, tool_error};
use scaleguard::fmt::{self, Outcome};
use scaleguard::report;
use scaleguard::source;

#[derive(Debug, clap::Args)]
pub(crate) struct FmtArgs {
    /// Files or directories to format (every `*.scale` below a directory); default: `paths` of
    /// `scaleguard.toml`, else `.`.
    paths: Vec<PathBuf>,
    /// Change nothing: print a unified diff of what would change and exit 1 if anything would.
    #[arg(long)]
    check: bool,
}

/// A file that could not be written back.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("cannot write `{path}`: {reason}")]
#[diagnostic(
    code(scaleguard::fmt::write_failed),
    help("check that the file and its directory are writable; the file was left as it was")
)]
struct WriteFailed {
    path: String,
    reason: String,
}

/// Runs `fmt`.
pub(crate) fn run(args: &FmtArgs, color: bool) -> Exit {
    let paths = match super::gate::input_paths(&args.paths, color) {
        Ok(paths) => paths,
        Err(exit) => return exit,
    };
    let (sources, _) = match source::load(&paths) {
        Ok(loaded) => loaded,
        Err(e) => return tool_error(e, color),
    };
    let outcomes = fmt::format_sources(&sources);
    let handler = report::human::handler(report::human::Style::new(color));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut changed = 0usize;
    let mut written = Ok(());
    for (id, outcome) in &outcomes {
        let file = sources.file(*id);
        match outcome {
            Outcome::Unchanged => {}
            Outcome::NotFormatted(diagnostics) => {
                failed = true;
                for d in diagnostics {
                    written = written.and_then(|()| {
                        out.write_all(report::human::render_one(&handler, d, &sources).as_bytes())?;
                        writeln!(out)
                    });
                }
            }
            Outcome::Changed(text) if args.check => {
                changed += 1;
                let diff = fmt::unified_diff(&file.name, &file.text, text);
                written = written.and_then(|()| out.write_all(fmt::paint_diff(&diff, color).as_bytes()));
            }
            // A byte-order mark the file began with is written back.
            Outcome::Changed(text) => match fmt::write_atomic(
                &file.path,
                if file.bom { format!("{}{text}", source::UTF8_BOM) } else { text.clone() }.as_bytes(),
            ) {
                Ok(()) => changed += 1,
                Err(e) => {
                    failed = true;
                    let _ = out.flush();
                    tool_error(WriteFailed { path: file.name.clone(), reason: e.to_string() }, color);
                }
            },
        }
    }
    let total = sources.len();
    let files = scaleguard::diagnostic::plural(total, "file", "files");
    let line = match (args.check, changed) {
        (_, 0) => format!("scaleguard: {files} already formatted"),
        (true, n) => format!("scaleguard: {n} of {files} would be reformatted"),
        (false, n) => format!("scaleguard: {n} of {files} reformatted"),
    };
    let unformatted = outcomes.iter().filter(|(_, o)| matches!(o, Outcome::NotFormatted(_))).count();
    let line = if unformatted > 0 {
        format!(
            "{line}; {} not formatted (syntax errors)",
            scaleguard::diagnostic::plural(unformatted, "file", "files")
        )
    } else {
        line
    };
    written = written.and_then(|()| writeln!(out, "{line}")).and_then(|()| out.flush());
    if written.is_err() || failed {
        Exit::Error
    } else if args.check && changed > 0 {
        Exit::Findings
    } else {
        Exit::Clean
    }
}

/// The exit codes of `fmt`.
pub(crate) const EXIT_CODES: &str = "\
Exit codes:
  0  every file is formatted (with --check: nothing would change)
  1  with --check: a file would change
  2  a file does not parse (it is left as it is), a path cannot be read or written, or bad usage";
