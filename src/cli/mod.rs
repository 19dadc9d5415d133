//! The command line: clap definitions, the subcommands, printing, and the one exit-code enum.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use scaleguard::report::{self, Summary};
use scaleguard::source;

/// How a run ends (README "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Nothing at or above the failure level.
    Clean = 0,
    /// Findings at or above the failure level (or the score below `--min-score`).
    Findings = 1,
    /// Input errors (SG0xx), a tool error, or bad usage.
    Error = 2,
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e as u8)
    }
}

const EXIT_CODES: &str = "\
Exit codes:
  0  nothing at or above the failure level
  1  an unwaived finding at or above the failure level (--fail-on, default error)
  2  input errors (SG001-SG010), a path that cannot be read, or bad usage";

/// scaleguard checks an organisation written as code (`.scale` files) against the
/// guardrails of Scrum@Scale.
#[derive(Debug, Parser)]
#[command(name = "scaleguard", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    /// When to colour output.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
    #[command(subcommand)]
    command: Command,
}

/// When to use colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    /// When printing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check `.scale` files (or directories of them) against every guardrail.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Print a rule's documentation: why it matters, how to fix it, examples.
    Explain {
        /// A rule's code (`SG501`) or name (`team-size`).
        rule: String,
    },
    /// List every rule: code, name, default severity, component.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
    },
}

/// Output formats of `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    /// A table.
    Human,
    /// JSON: an array of rule objects.
    Json,
    /// The Markdown of docs/rules.md.
    Markdown,
}

/// `explain` was given something that is no rule.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("`{name}` is not a rule")]
#[diagnostic(code(scaleguard::usage::unknown_rule))]
struct UnknownRule {
    name: String,
    #[help]
    help: String,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Diagnostics for people, with source excerpts.
    Human,
    /// The versioned JSON report (docs/json.md).
    Json,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
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

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>().map_err(|_| format!("`{text}` is not a date; write it as YYYY-MM-DD"))
}

/// Parses the command line and runs it.
pub fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    };
    let exit = match cli.command {
        Command::Check(args) => check(&args, color),
        Command::Explain { rule } => explain(&rule, color),
        Command::Rules { format } => rules(format),
    };
    exit.into()
}

fn tool_error(error: impl miette::Diagnostic + Send + Sync + 'static, color: bool) -> Exit {
    let handler = report::human::handler(report::human::Style { color, width: 80 });
    let mut out = String::new();
    let _ = handler.render_report(&mut out, &error);
    let _ = std::io::stderr().write_all(out.as_bytes());
    Exit::Error
}

fn check(args: &CheckArgs, color: bool) -> Exit {
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

fn explain(name: &str, color: bool) -> Exit {
    match scaleguard::catalogue::find(name)
        .or_else(|| scaleguard::catalogue::find(&name.to_ascii_uppercase()))
    {
        Some(rule) => print(&scaleguard::docs::explain(rule)),
        None => {
            let names = scaleguard::catalogue::rules().iter().flat_map(|r| [r.code, r.name]);
            let help = match scaleguard::syntax::lower::suggest(name, names) {
                Some(s) => format!("a rule with a similar name exists: `{s}`"),
                None => "`scaleguard rules` lists every rule by code and name".to_owned(),
            };
            tool_error(UnknownRule { name: name.to_owned(), help }, color)
        }
    }
}

fn rules(format: RulesFormat) -> Exit {
    let text = match format {
        RulesFormat::Human => scaleguard::docs::table(),
        RulesFormat::Markdown => scaleguard::docs::markdown(),
        RulesFormat::Json => match serde_json::to_string_pretty(scaleguard::catalogue::rules()) {
            Ok(json) => json + "\n",
            Err(_) => return Exit::Error,
        },
    };
    print(&text)
}

fn print(text: &str) -> Exit {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Exit::Clean,
        Err(_) => Exit::Error,
    }
}
