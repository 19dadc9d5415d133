//! The command line: clap definitions, the subcommands, printing, and the one exit-code enum.

mod assess;
mod baseline;
mod check;
mod diff;
mod export;
mod fmt;
mod gate;
mod graph;
mod init;
mod lsp;
mod rules;

use std::io::{IsTerminal, Write};

use clap::{Parser, Subcommand, ValueEnum};

use scaleguard::report;

/// How a run ends (README "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
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

pub(crate) const EXIT_CODES: &str = "\
Exit codes:
  0  nothing at or above the failure level
  1  an unwaived finding at or above the failure level (--fail-on, default error),
     or the overall score below --min-score
  2  input errors (SG001-SG010), a path that cannot be read, a bad scaleguard.toml or
     baseline, an output file that cannot be written, or bad usage";

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
    Check(check::CheckArgs),
    /// Write the coaching report: maturity per component, findings, next steps (HTML,
    /// Markdown or JSON).
    Assess(assess::AssessArgs),
    /// Rewrite `.scale` files in the one canonical layout, keeping every comment.
    #[command(after_help = fmt::EXIT_CODES)]
    Fmt(fmt::FmtArgs),
    /// Write a small, commented organisation to start from (refuses to overwrite files).
    Init(init::InitArgs),
    /// Draw the membership, escalation or dependency picture, with the findings on it.
    Graph(graph::GraphArgs),
    /// Write the resolved model as JSON (docs/export-schema.json).
    Export(export::ExportArgs),
    /// Show what changed between two versions: items, findings, and scores.
    #[command(after_help = EXIT_CODES)]
    Diff(diff::DiffArgs),
    /// Record today's findings in a baseline file, so that `check --baseline` fails only on
    /// new ones (or, with `--prune`, drop the fixed ones from it).
    Baseline(baseline::BaselineArgs),
    /// Run the language server on stdin and stdout, for editors (docs/editors.md).
    Lsp(lsp::LspArgs),
    /// Print a rule's documentation: why it matters, how to fix it, examples.
    Explain {
        /// A rule's code (`SG501`) or name (`team-size`).
        rule: String,
    },
    /// List every rule: code, name, default severity, component.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = rules::RulesFormat::Human)]
        format: rules::RulesFormat,
    },
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
        Command::Check(args) => check::run(&args, color),
        Command::Assess(args) => assess::run(&args, color),
        Command::Fmt(args) => fmt::run(&args, color),
        Command::Init(args) => init::run(&args, color),
        Command::Graph(args) => graph::run(&args, color),
        Command::Export(args) => export::run(&args, color),
        Command::Diff(args) => diff::run(&args, color),
        Command::Baseline(args) => baseline::run(&args, color),
        Command::Lsp(args) => lsp::run(&args, color),
        Command::Explain { rule } => rules::explain(&rule, color),
        Command::Rules { format } => rules::list(format),
    };
    exit.into()
}

/// Prints a tool error (a failure that is not a finding) to stderr; exit 2.
pub(crate) fn tool_error(error: impl miette::Diagnostic + Send + Sync + 'static, color: bool) -> Exit {
    let handler = report::human::handler(report::human::Style::new(color));
    let mut out = String::new();
    let _ = handler.render_report(&mut out, &error);
    let _ = std::io::stderr().write_all(out.as_bytes());
    Exit::Error
}

/// Prints text to stdout; exit 0, or 2 when stdout is closed.
pub(crate) fn print(text: &str) -> Exit {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Exit::Clean,
        Err(_) => Exit::Error,
    }
}
