//! `scaleguard diff`: what changed between two versions of an organisation (docs/audit.md).

use std::path::PathBuf;

use clap::ValueEnum;
use jiff::civil::Date;

use super::{Exit, tool_error};
use scaleguard::diff::{self, Sides};
use scaleguard::report::Summary;
use scaleguard::source;

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    /// For people, with text diffs of the changed items.
    Human,
    /// Markdown, for a pull-request comment.
    Markdown,
    /// JSON (docs/audit.md).
    Json,
}

/// The failure level of `diff --fail-on`, as for `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Errors fail the run.
    Error,
    /// Warnings and errors fail the run.
    Warning,
    /// Any finding fails the run.
    Info,
}

#[derive(Debug, clap::Args)]
pub(crate) struct DiffArgs {
    /// The old version: a `.scale` file or a directory.
    old: PathBuf,
    /// The new version: a `.scale` file or a directory.
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
    /// The lowest severity of a finding on the new side that fails the run (exit 1), as for
    /// `check`.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Also fail (exit 1) when any component's score drops.
    #[arg(long)]
    fail_on_regression: bool,
    /// The date waivers are judged against (default: today in UTC), as YYYY-MM-DD.
    #[arg(long, value_parser = super::check::parse_date)]
    today: Option<Date>,
}

/// Runs `diff`.
pub(crate) fn run(args: &DiffArgs, color: bool) -> Exit {
    let today = args.today.unwrap_or_else(scaleguard::today_utc);
    let mut sides = Vec::with_capacity(2);
    for path in [&args.old, &args.new] {
        let (sources, load_errors) = match source::load(std::slice::from_ref(path)) {
            Ok(loaded) => loaded,
            Err(e) => return tool_error(e, color),
        };
        sides.push(scaleguard::analyse(sources, load_errors, today));
    }
    let (Some(old), Some(new)) = (sides.first(), sides.get(1)) else { return Exit::Error };
    let d = diff::diff(old, new);
    let names = (source::display_path(&args.old), source::display_path(&args.new));
    let names = Sides { old: &names.0, new: &names.1 };
    let text = match args.format {
        DiffFormat::Human => diff::human(&d, names, color),
        DiffFormat::Markdown => diff::markdown(&d, names),
        DiffFormat::Json => diff::json(&d, names),
    };
    if super::print(&text) == Exit::Error {
        return Exit::Error;
    }
    let summary = Summary::of(&new.diagnostics, new.sources.len());
    let failing = match args.fail_on {
        FailOn::Error => summary.errors > 0,
        FailOn::Warning => summary.errors + summary.warnings > 0,
        FailOn::Info => summary.errors + summary.warnings + summary.infos > 0,
    };
    if new.input_errors {
        Exit::Error
    } else if failing || (args.fail_on_regression && d.regressed()) {
        Exit::Findings
    } else {
        Exit::Clean
    }
}
