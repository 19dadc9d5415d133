//! `scaleguard export`: the resolved model as JSON (docs/export.md), for dashboards and other
//! tools.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Exit, tool_error};
use scaleguard::report;
use scaleguard::source;

/// Output formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// The model as JSON, described by docs/export-schema.json.
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    /// Files or directories to read (every `*.scale` below a directory); default: `paths` of
    /// `scaleguard.toml`, else `.`.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    format: ExportFormat,
}

/// Runs `export`.
pub(crate) fn run(args: &ExportArgs, color: bool) -> Exit {
    let analysis = match analyse_or_report(&args.paths, color) {
        Ok(analysis) => analysis,
        Err(exit) => return exit,
    };
    match args.format {
        ExportFormat::Json => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let written = scaleguard::export::model::write_json(&mut out, &analysis.model, &analysis.sources)
                .and_then(|()| out.flush());
            // Like `print`: a closed pipe or a full disk ends the command with the error exit.
            match written {
                Ok(()) => Exit::Clean,
                Err(_) => Exit::Error,
            }
        }
    }
}

/// Reads and checks `paths` (when none are given, `paths` of `scaleguard.toml`, else `.`). On input errors (or a path that cannot
/// be read) prints them to stderr, like `check` prints them, and returns the exit code 2:
/// commands that draw or export the model need one that resolved.
pub(crate) fn analyse_or_report(paths: &[PathBuf], color: bool) -> Result<scaleguard::Analysis, Exit> {
    let paths = super::gate::input_paths(paths, color)?;
    let (sources, load_errors) = match source::load(&paths) {
        Ok(loaded) => loaded,
        Err(e) => return Err(tool_error(e, color)),
    };
    let files = sources.len();
    let analysis = scaleguard::analyse(sources, load_errors, scaleguard::today_utc());
    if !analysis.input_errors {
        return Ok(analysis);
    }
    let inputs: Vec<scaleguard::Diagnostic> =
        analysis.diagnostics.iter().filter(|d| d.is_input_error()).cloned().collect();
    let summary = report::Summary::of(&inputs, files);
    let mut err = std::io::stderr().lock();
    let _ = report::human::write(
        &mut err,
        &inputs,
        &analysis.sources,
        &summary,
        "",
        report::human::Style::new(color),
    );
    let _ = err.flush();
    Err(Exit::Error)
}
