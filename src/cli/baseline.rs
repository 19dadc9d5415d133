//! `scaleguard baseline`: records today's unwaived findings in a baseline file, or with
//! `--prune` shrinks an existing one to the findings that remain (docs/ci.md).

use std::path::PathBuf;

use jiff::civil::Date;

use super::check::parse_date;
use super::gate;
use super::{Exit, print, tool_error};
use scaleguard::baseline::{self, Baseline};
use scaleguard::diagnostic::plural;
use scaleguard::report::{self, Summary};
use scaleguard::source::{self, SourceError};

#[derive(Debug, clap::Args)]
pub(crate) struct BaselineArgs {
    /// Files or directories to check (default: `paths` of `scaleguard.toml`).
    paths: Vec<PathBuf>,
    /// The baseline file to write (default: `baseline` of `scaleguard.toml`, else
    /// `.scaleguard-baseline.json`).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Only shrink the existing file: drop the findings that are fixed, add none.
    #[arg(long)]
    prune: bool,
    /// The configuration file (default: the nearest `scaleguard.toml` at or above the working
    /// directory).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The date waivers are judged against (default: today in UTC), as YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
}

/// Runs `baseline`.
pub(crate) fn run(args: &BaselineArgs, color: bool) -> Exit {
    let config = match gate::load_config(args.config.as_deref(), color) {
        Ok(c) => c.unwrap_or_default(),
        Err(exit) => return exit,
    };
    let paths = if args.paths.is_empty() { config.paths.clone() } else { args.paths.clone() };
    if paths.is_empty() {
        return tool_error(SourceError::NoPaths, color);
    }
    let file = args
        .output
        .clone()
        .or(config.baseline.clone())
        .unwrap_or_else(|| PathBuf::from(baseline::DEFAULT_FILE));
    let name = source::display_path(&file);
    let (sources, load_errors) = match source::load(&paths) {
        Ok(loaded) => loaded,
        Err(e) => return tool_error(e, color),
    };
    let files = sources.len();
    let analysis =
        scaleguard::analyse(sources, load_errors, args.today.unwrap_or_else(scaleguard::today_utc));
    if analysis.input_errors {
        // Nothing was checked, so there is nothing to record: show why, as `check` would.
        let summary = Summary::of(&analysis.diagnostics, files);
        let mut text = Vec::new();
        let style = report::human::Style::new(color);
        let _ =
            report::human::write(&mut text, &analysis.diagnostics, &analysis.sources, &summary, "", style);
        let _ = std::io::Write::write_all(&mut std::io::stderr(), &text);
        return tool_error(NotRecorded { file: name }, color);
    }
    let (baseline, message) = if args.prune {
        let old = match Baseline::load(&file) {
            Ok(b) => b,
            Err(e) => return tool_error(*e, color),
        };
        let pruned = old.prune(&analysis.diagnostics);
        let message = format!(
            "scaleguard: pruned `{name}` from {} to {} ({} fixed)\n",
            plural(old.len(), "finding", "findings"),
            pruned.len(),
            old.len() - pruned.len()
        );
        (pruned, message)
    } else {
        let recorded = Baseline::record(&analysis.diagnostics);
        let message =
            format!("scaleguard: recorded {} in `{name}`\n", plural(recorded.len(), "finding", "findings"));
        (recorded, message)
    };
    if let Err(exit) = gate::write_file(&file, baseline.to_json().as_bytes(), color) {
        return exit;
    }
    print(&message)
}

/// `baseline` met input errors.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("no baseline written to `{file}`: the organisation has input errors")]
#[diagnostic(
    code(scaleguard::baseline::input_errors),
    help("fix the input errors above; a baseline records guardrail findings, which need a model that reads")
)]
struct NotRecorded {
    file: String,
}
