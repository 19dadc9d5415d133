//! `scaleguard check`: the CI gate. Reads, checks, prints findings, decides the exit code.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use jiff::civil::Date;

use super::{Exit, tool_error};
use scaleguard::report::{self, Summary};
use scaleguard::source;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Diagnostics for people, with source excerpts.
    Human,
    /// The versioned JSON report (docs/json.md).
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Files or directories to check (every `*.scale` below a directory, in sorted order).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The lowest severity that fails the run (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// The date waivers are judged against (default: today in UTC), as YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
}

/// The failure level of `check --fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Errors fail the run.
    Error,
    /// Warnings and errors fail the run.
    Warning,
    /// Any finding fails the run.
    Info,
}

/// Parses `--today`.
pub(crate) fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>().map_err(|_| format!("`{text}` is not a date; write it as YYYY-MM-DD"))
}

/// Runs `check`.
pub(crate) fn run(args: &CheckArgs, color: bool) -> Exit {
    let started = std::time::Instant::now();
    let (sources, load_errors) = match source::load(&args.paths) {
        Ok(loaded) => loaded,
        Err(e) => return tool_error(e, color),
    };
    let files = sources.len();
    let today = args.today.unwrap_or_else(scaleguard::today_utc);
    let analysis = scaleguard::analyse(sources, load_errors, today);
    let summary = Summary::of(&analysis.diagnostics, files);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        Format::Human => report::human::write(
            &mut out,
            &analysis.diagnostics,
            &analysis.sources,
            &summary,
            "",
            report::human::Style { color, width: 80 },
        ),
        Format::Json => {
            report::json::write::<()>(&mut out, &analysis.diagnostics, &analysis.sources, &summary, None)
        }
    };
    if written.and_then(|()| out.flush()).is_err() {
        return Exit::Error;
    }
    if std::env::var_os("SCALEGUARD_TIMINGS").is_some() {
        let mut line = format!("timings: total {:?}", started.elapsed());
        for (stage, took) in &analysis.timings {
            line.push_str(&format!(", {stage} {took:?}"));
        }
        eprintln!("{line}");
    }
    if analysis.input_errors {
        Exit::Error
    } else if failing(&summary, args.fail_on) {
        Exit::Findings
    } else {
        Exit::Clean
    }
}

/// Whether unwaived findings at or above the failure level exist.
fn failing(summary: &Summary, fail_on: FailOn) -> bool {
    match fail_on {
        FailOn::Error => summary.errors > 0,
        FailOn::Warning => summary.errors + summary.warnings > 0,
        FailOn::Info => summary.errors + summary.warnings + summary.infos > 0,
    }
}
