//! `scaleguard check`: the CI gate. Reads, checks, prints findings, decides the exit code.
//! With `--fix` it first applies the findings' safe suggestions ([`scaleguard::fix`]), writes
//! each changed file atomically, then checks what is on disk and reports what remains, as
//! `ruff check --fix` does; `--unsafe-fixes` applies unsafe ones too, `--diff` only shows them.

use std::io::Write;
use std::path::PathBuf;

use scaleguard::baseline::{Baseline, Split};
use scaleguard::config::Format as ReportFormat;
use scaleguard::diagnostic::{Applicability, Diagnostic, Severity, plural};
use scaleguard::fix;

use clap::ValueEnum;
use jiff::civil::Date;

use super::{Exit, gate, tool_error};
use scaleguard::report::{self, Summary};
use scaleguard::score::Score;
use scaleguard::source;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Diagnostics for people, with source excerpts.
    Human,
    /// The versioned JSON report (docs/json-schema.json).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// JUnit XML: one test case per check.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
}

impl Format {
    fn report(self) -> ReportFormat {
        match self {
            Format::Human => ReportFormat::Human,
            Format::Json => ReportFormat::Json,
            Format::Sarif => ReportFormat::Sarif,
            Format::Junit => ReportFormat::Junit,
            Format::Github => ReportFormat::Github,
            Format::Gitlab => ReportFormat::Gitlab,
        }
    }
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Files or directories to check (every `*.scale` below a directory, in sorted order);
    /// default: `paths` of `scaleguard.toml`.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The lowest severity that fails the run (exit 1) [default: `fail-on` of
    /// `scaleguard.toml`, else error].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Also write the report in FORMAT to FILE (atomically); repeatable, e.g.
    /// `--output sarif=scaleguard.sarif --output junit=scaleguard.xml`. Replaces `[output]` of
    /// `scaleguard.toml`.
    #[arg(long, value_name = "FORMAT=FILE", value_parser = gate::parse_output)]
    output: Vec<(ReportFormat, PathBuf)>,
    /// Write a Markdown job summary (findings and score table) to FILE. With `--format github`
    /// and no `--summary`, it is appended to `$GITHUB_STEP_SUMMARY` when that is set.
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
    /// The configuration file (default: the nearest `scaleguard.toml` at or above the working
    /// directory).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Fail only on findings not recorded in this baseline file (`scaleguard baseline`)
    /// [default: `baseline` of `scaleguard.toml`].
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// The date waivers are judged against (default: today in UTC), as YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
    /// Fail the run (exit 1) when the overall maturity score is below this (0.0 to 5.0)
    /// [default: `min-score` of `scaleguard.toml`].
    #[arg(long, value_name = "SCORE", value_parser = parse_min_score)]
    min_score: Option<f64>,
    /// Show every finding on its own: by default a finding that is the consequence of another
    /// (a dead end into an escalation cycle) is listed under its cause.
    #[arg(long)]
    no_group: bool,
    /// Apply every safe fix the findings suggest (a misspelt name, a softened timebox), write
    /// each changed file atomically (never one that changed on disk meanwhile: exit 2), then
    /// check again and report what was fixed and what remains.
    #[arg(long)]
    fix: bool,
    /// Also apply unsafe fixes, those a person should review (an agenda item added to a
    /// meeting); implies `--fix`.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Write nothing: print the fixes `--fix` would make as a unified diff (the exit code is
    /// that of the fixed organisation).
    #[arg(long)]
    diff: bool,
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

/// Parses `--min-score`: a number from 0.0 to 5.0.
fn parse_min_score(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if (0.0..=5.0).contains(&x) => Ok(x),
        _ => Err(format!("`{text}` is not a score; write a number from 0.0 to 5.0")),
    }
}

/// Runs `check`.
pub(crate) fn run(args: &CheckArgs, color: bool) -> Exit {
    let started = std::time::Instant::now();
    // Flags win over `scaleguard.toml` (docs/config.md).
    let config = match gate::load_config(args.config.as_deref(), color) {
        Ok(c) => c.unwrap_or_default(),
        Err(exit) => return exit,
    };
    let paths = if args.paths.is_empty() { &config.paths } else { &args.paths };
    let fail_on = args.fail_on.or(config.fail_on.map(FailOn::from)).unwrap_or(FailOn::Error);
    let min_score = args.min_score.or(config.min_score);
    let outputs = if args.output.is_empty() { &config.outputs } else { &args.output };
    let baseline_file = args.baseline.as_ref().or(config.baseline.as_ref());
    let baseline = match baseline_file.map(|f| Baseline::load(f)).transpose() {
        Ok(b) => b,
        Err(e) => return tool_error(*e, color),
    };
    if paths.is_empty() {
        return tool_error(source::SourceError::NoPaths, color);
    }
    let (sources, load_errors) = match source::load(paths) {
        Ok(loaded) => loaded,
        Err(e) => return tool_error(e, color),
    };
    let today = args.today.unwrap_or_else(scaleguard::today_utc);
    let fixing = args.fix || args.unsafe_fixes || args.diff;
    let select = fix::Select { unsafe_fixes: args.unsafe_fixes };
    let (sources, load_errors, fixes) = if fixing {
        let fixed = fix::fix(sources, today, select);
        if args.diff {
            let judge = Judge { baseline: baseline.as_ref(), select, fail_on, min_score };
            return show_diff(&fixed, &judge, color);
        }
        let written = write_fixes(&fixed, color);
        drop(fixed);
        // What is on disk now is what the report is about.
        match source::load(paths) {
            Ok((sources, load_errors)) => (sources, load_errors, Some(written)),
            Err(e) => return tool_error(e, color),
        }
    } else {
        (sources, load_errors, None)
    };
    let files = sources.len();
    let loaded = started.elapsed();
    let mut analysis = scaleguard::analyse(sources, load_errors, today);
    let diagnostics = std::mem::take(&mut analysis.diagnostics);
    // A baseline only judges guardrail findings: with input errors the run fails anyway.
    let baseline = baseline.filter(|_| !analysis.input_errors);
    let split = match &baseline {
        Some(b) => b.split(diagnostics),
        None => Split { reported: diagnostics, ..Split::default() },
    };
    let baseline_name = baseline_file.filter(|_| baseline.is_some()).map(|f| source::display_path(f));
    let notes: Vec<String> = baseline_name.iter().map(|name| gate::baseline_note(name, &split)).collect();
    let summary = Summary::of(&split.reported, files);
    // With input errors nothing was evaluated, so there is no score.
    let score = analysis.evaluation.as_ref().map(Score::summary);
    let scored = started.elapsed();
    let docs_url = config.docs_url.clone().unwrap_or_else(report::sarif::default_docs_url);
    let ci_paths = gate::ci_paths(&analysis.sources);
    let run = gate::Run {
        analysis: &analysis,
        reported: &split.reported,
        baselined: baseline_name.as_deref().map(|name| (split.baselined.as_slice(), name)),
        summary: &summary,
        score: score.as_ref(),
        notes: &notes,
        paths: &ci_paths,
        docs_url: &docs_url,
        group: !args.no_group,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut written = run.render(args.format.report(), color, &mut out);
    if let Some(fixes) = &fixes {
        let line = fixes.line(&summary, &split.reported, select);
        written = written.and_then(|()| match args.format {
            // Machine output stays parseable: the line goes to stderr.
            Format::Human => writeln!(out, "{line}"),
            _ => {
                eprintln!("{line}");
                Ok(())
            }
        });
    }
    if written.and_then(|()| out.flush()).is_err() {
        return Exit::Error;
    }
    drop(out);
    let rendered = started.elapsed();
    if args.format != Format::Human {
        // Machine output stays parseable; what the baseline did goes to stderr.
        for note in &notes {
            eprintln!("{note}");
        }
    }
    if let Err(exit) = run.write_outputs(outputs, color) {
        return exit;
    }
    let step_summary = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|v| !v.is_empty());
    let summary_written = match (&args.summary, step_summary) {
        (Some(file), _) => job_summary(&run).and_then(|text| gate::write_file(file, &text, color)),
        (None, Some(file)) if args.format == Format::Github => {
            job_summary(&run).and_then(|text| gate::append_file(std::path::Path::new(&file), &text, color))
        }
        _ => Ok(()),
    };
    if let Err(exit) = summary_written {
        return exit;
    }
    if std::env::var_os("SCALEGUARD_TIMINGS").is_some() {
        let mut line = format!("timings: total {:?}, load {loaded:?}", started.elapsed());
        for (stage, took) in &analysis.timings {
            line.push_str(&format!(", {stage} {took:?}"));
        }
        let analysed = loaded + analysis.timings.iter().map(|(_, t)| *t).sum::<std::time::Duration>();
        line.push_str(&format!(
            ", score {:?}, output {:?}",
            scored.saturating_sub(analysed),
            rendered - scored
        ));
        if let Some(peak) = peak_memory() {
            line.push_str(&format!(", peak memory {peak}"));
        }
        eprintln!("{line}");
    }
    let exit = if fixes.as_ref().is_some_and(|f| f.failed) {
        Exit::Error
    } else {
        exit_of(analysis.input_errors, &summary, score.as_ref(), fail_on, min_score)
    };
    // The process ends right after this: leave the organisation's memory to the operating
    // system instead of freeing a large model piece by piece (as rustc does).
    std::mem::forget(analysis);
    exit
}

/// The exit code of a checked organisation: 2 with input errors, 1 with findings at or above
/// the failure level or a score below the minimum, else 0.
fn exit_of(
    input_errors: bool,
    summary: &Summary,
    score: Option<&Score>,
    fail_on: FailOn,
    min: Option<f64>,
) -> Exit {
    if input_errors {
        Exit::Error
    } else if failing(summary, fail_on) || below(score, min) {
        Exit::Findings
    } else {
        Exit::Clean
    }
}

/// What decides the exit code, for `--diff` (which judges the fixed text without writing it).
struct Judge<'a> {
    baseline: Option<&'a Baseline>,
    select: fix::Select,
    fail_on: FailOn,
    min_score: Option<f64>,
}

/// What `--fix` wrote.
struct Written {
    /// Findings fixed in the files written.
    fixed: usize,
    /// Files written.
    files: usize,
    /// Whether a file could not be written (exit 2).
    failed: bool,
}

impl Written {
    /// `scaleguard: fixed 3 findings in 2 files; 5 remain`, and how many more unsafe fixes
    /// would fix.
    fn line(&self, summary: &Summary, reported: &[Diagnostic], select: fix::Select) -> String {
        let remain = remaining(summary);
        let mut line = if self.fixed == 0 {
            format!("scaleguard: nothing fixed; {remain}")
        } else {
            format!(
                "scaleguard: fixed {} in {}; {remain}",
                plural(self.fixed, "finding", "findings"),
                plural(self.files, "file", "files")
            )
        };
        line.push_str(&unsafe_hint(reported, select));
        line
    }
}

/// `5 remain`, `1 remains`, `none remain`.
fn remaining(summary: &Summary) -> String {
    match summary.errors + summary.warnings + summary.infos {
        0 => "none remain".to_owned(),
        1 => "1 remains".to_owned(),
        n => format!("{n} remain"),
    }
}

/// `; 1 more fixable with --unsafe-fixes` when unsafe fixes were not asked for and some remain.
fn unsafe_hint(reported: &[Diagnostic], select: fix::Select) -> String {
    if select.unsafe_fixes {
        return String::new();
    }
    let fixable = reported
        .iter()
        .filter(|d| {
            d.waived.is_none() && d.suggestions.iter().any(|s| s.applicability == Applicability::Unsafe)
        })
        .count();
    if fixable == 0 { String::new() } else { format!("; {fixable} more fixable with `--unsafe-fixes`") }
}

/// Writes every fixed file that is still as it was read; a file changed meanwhile, or one that
/// cannot be written, is reported as a tool error and left as it is.
fn write_fixes(fixed: &fix::Fixed, color: bool) -> Written {
    let mut written = Written { fixed: 0, files: 0, failed: false };
    for file in &fixed.files {
        match fix::write_back(file) {
            Ok(()) => {
                written.fixed += file.fixed;
                written.files += 1;
            }
            Err(e) => {
                written.failed = true;
                tool_error(e, color);
            }
        }
    }
    written
}

/// `--diff`: the fixes as a unified diff on stdout, the count on stderr; the exit code is that
/// of the fixed organisation.
fn show_diff(fixed: &fix::Fixed, judge: &Judge<'_>, color: bool) -> Exit {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut written = Ok(());
    for file in &fixed.files {
        let diff = scaleguard::fmt::unified_diff(&file.name, &file.before, &file.after);
        written = written.and_then(|()| out.write_all(scaleguard::fmt::paint_diff(&diff, color).as_bytes()));
    }
    if written.and_then(|()| out.flush()).is_err() {
        return Exit::Error;
    }
    let analysis = &fixed.analysis;
    let diagnostics = analysis.diagnostics.clone();
    let baseline = judge.baseline.filter(|_| !analysis.input_errors);
    let split = match baseline {
        Some(b) => b.split(diagnostics),
        None => Split { reported: diagnostics, ..Split::default() },
    };
    let summary = Summary::of(&split.reported, analysis.sources.len());
    let count: usize = fixed.files.iter().map(|f| f.fixed).sum();
    let remain = match summary.errors + summary.warnings + summary.infos {
        0 => "none would remain".to_owned(),
        n => format!("{n} would remain"),
    };
    let line = if count == 0 {
        format!("scaleguard: nothing to fix; {remain}")
    } else {
        format!(
            "scaleguard: would fix {} in {}; {remain}",
            plural(count, "finding", "findings"),
            plural(fixed.files.len(), "file", "files")
        )
    };
    eprintln!("{line}{}", unsafe_hint(&split.reported, judge.select));
    let score = analysis.evaluation.as_ref().map(Score::summary);
    exit_of(analysis.input_errors, &summary, score.as_ref(), judge.fail_on, judge.min_score)
}

/// The Markdown job summary of a run.
fn job_summary(run: &gate::Run<'_>) -> Result<Vec<u8>, Exit> {
    let mut text = Vec::new();
    run.job_summary(&mut text).map_err(|_| Exit::Error)?;
    Ok(text)
}

impl From<Severity> for FailOn {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Error => FailOn::Error,
            Severity::Warning => FailOn::Warning,
            Severity::Info => FailOn::Info,
        }
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

/// Whether the overall score is below `--min-score`. The overall score is the rounded value
/// (GUARDRAILS.md "Maturity model"); an organisation with no assessed component has none and
/// is not below any minimum.
fn below(score: Option<&Score>, min: Option<f64>) -> bool {
    match (score.and_then(|s| s.overall), min) {
        (Some(overall), Some(min)) => overall.value() < min,
        _ => false,
    }
}

/// The process's peak resident memory so far, as Linux reports it (`VmHWM` in
/// `/proc/self/status`), for `SCALEGUARD_TIMINGS=1`; `None` elsewhere.
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.trim_start_matches("VmHWM:").trim().to_string())
}
