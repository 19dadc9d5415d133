//! `scaleguard assess`: the coaching report (HTML, Markdown or JSON) to stdout or, atomically,
//! to a file. A report, not a gate: findings do not change the exit code; input errors do
//! (they are printed like `check` prints them, on stderr, and no report is written).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use jiff::civil::Date;

use super::{Exit, tool_error};
use scaleguard::assess::{self, Report};
use scaleguard::report::{self, Summary};
use scaleguard::score::Score;
use scaleguard::source;

/// Who the report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Audience {
    /// The coach's report: every finding with its source, fix and score arithmetic.
    Coach,
    /// The executive report: the level and what holds it, root causes with who can act, what
    /// is good; no file paths or source excerpts.
    Executive,
}

/// Output formats of `assess`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One self-contained HTML page (inline CSS and SVG).
    Html,
    /// Markdown for GitHub or GitLab.
    Markdown,
    /// The report's data as JSON.
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct AssessArgs {
    /// Files or directories to assess (every `*.scale` below a directory, in sorted order);
    /// default: `paths` of `scaleguard.toml`, else `.`.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
    /// Who the report is for.
    #[arg(long, value_enum, default_value_t = Audience::Coach)]
    audience: Audience,
    /// Write the report to this file (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// The date of the assessment, which waivers are judged against (default: today in UTC),
    /// as YYYY-MM-DD.
    #[arg(long, value_parser = super::check::parse_date)]
    today: Option<Date>,
}

/// The report could not be rendered (a defect of scaleguard's templates).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("cannot render the report: {reason}")]
#[diagnostic(code(scaleguard::assess::render), help("this is a bug in scaleguard; please report it"))]
struct RenderFailed {
    reason: String,
}

/// The report could not be written.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("cannot write `{}`: {reason}", path.display())]
#[diagnostic(
    code(scaleguard::output::unwritable),
    help("check that the directory exists and is writable; no partial report was left behind")
)]
struct Unwritable {
    path: PathBuf,
    reason: String,
}

/// Runs `assess`.
pub(crate) fn run(args: &AssessArgs, color: bool) -> Exit {
    let paths = match super::gate::input_paths(&args.paths, color) {
        Ok(paths) => paths,
        Err(exit) => return exit,
    };
    let (sources, load_errors) = match source::load(&paths) {
        Ok(loaded) => loaded,
        Err(e) => return tool_error(e, color),
    };
    let files = sources.len();
    let today = args.today.unwrap_or_else(scaleguard::today_utc);
    let analysis = scaleguard::analyse(sources, load_errors, today);
    let Some(evaluation) = analysis.evaluation.as_ref().filter(|_| !analysis.input_errors) else {
        let summary = Summary::of(&analysis.diagnostics, files);
        let mut err = std::io::stderr().lock();
        let _ = report::human::write(
            &mut err,
            &analysis.diagnostics,
            &analysis.sources,
            &summary,
            "; no report written",
            report::human::Style::new(color),
        );
        return Exit::Error;
    };
    let score = Score::of(evaluation, &analysis.model);
    let report = Report::build(&analysis, &score, today);
    let text = match (args.audience, args.format) {
        (Audience::Coach, Format::Html) => assess::html::render(&report),
        (Audience::Coach, Format::Markdown) => assess::markdown::render(&report),
        (Audience::Coach, Format::Json) => Ok(report.json()),
        (Audience::Executive, format) => {
            let executive = assess::executive::build(&report, &analysis.model);
            match format {
                Format::Html => assess::executive::html(&executive),
                Format::Markdown => assess::executive::markdown(&executive),
                Format::Json => Ok(serde_json::to_string_pretty(&executive).unwrap_or_default() + "\n"),
            }
        }
    };
    let text = match text {
        Ok(text) => text,
        Err(e) => return tool_error(RenderFailed { reason: e.to_string() }, color),
    };
    match &args.output {
        None => super::print(&text),
        Some(path) => match write_atomic(path, text.as_bytes()) {
            Ok(()) => Exit::Clean,
            Err(e) => tool_error(Unwritable { path: path.clone(), reason: e.to_string() }, color),
        },
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`: readers
/// see the old file or the whole new one, and a failure leaves no partial report.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".scaleguard-report");
    // A report is an ordinary file: readable as the umask allows, not tempfile's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
