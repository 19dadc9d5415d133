//! `cargo xtask`: helper commands for scaleguard's contributors, run from the workspace
//! (`.cargo/config.toml` aliases `cargo xtask` to `cargo run --package xtask --`, as in
//! rust-analyzer). None of this is in the released `scaleguard` binary.
//!
//! `cargo xtask generate --teams N --seed S --inject KIND,... --chunk C --out DIR
//! [--expected FILE]` writes a synthetic organisation (crates/testkit) for benchmarks,
//! docs/performance.md and fuzz seeds. `--out` is written only when it is new, empty, or holds
//! only the `.scale` files of an earlier run, which are then replaced; a folder holding
//! anything else is refused (exit 2) and left untouched.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use scaleguard_testkit::generate::{self, Inject, Options};

/// Helper commands for scaleguard's contributors.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a synthetic organisation (for benchmarks, performance measurements and fuzz seeds).
    Generate(GenerateArgs),
}

/// Arguments of `generate`.
#[derive(Debug, clap::Args)]
struct GenerateArgs {
    /// Number of Scrum teams.
    #[arg(long, default_value_t = generate::DEFAULT_TEAMS)]
    teams: usize,
    /// Seed: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Problems to plant (repeatable, or comma-separated); `all` plants every kind.
    #[arg(long, value_delimiter = ',', value_parser = parse_inject)]
    inject: Vec<Vec<Inject>>,
    /// Teams per `teams-NNN.scale` file.
    #[arg(long, default_value_t = generate::DEFAULT_CHUNK)]
    chunk: usize,
    /// Folder to write the `.scale` files into: new, empty, or holding only an earlier run's
    /// files (which are replaced); anything else there is refused.
    #[arg(long)]
    out: PathBuf,
    /// Also write the findings the planted problems must give, as JSON (outside `--out`).
    #[arg(long)]
    expected: Option<PathBuf>,
}

fn parse_inject(text: &str) -> Result<Vec<Inject>, String> {
    if text == "all" {
        return Ok(Inject::ALL.to_vec());
    }
    Inject::parse(text).map(|i| vec![i]).ok_or_else(|| {
        let names: Vec<&str> = Inject::ALL.iter().map(|i| i.name()).collect();
        format!("unknown problem `{text}`; choose from {}, or all", names.join(", "))
    })
}

fn main() -> ExitCode {
    let Command::Generate(args) = Cli::parse().command;
    match run_generate(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs `generate`; the error is the message to print.
fn run_generate(args: &GenerateArgs) -> Result<(), String> {
    if let Some(expected) = &args.expected
        && inside(expected, &args.out)
    {
        return Err(format!(
            "`--expected {}` is inside `--out {}`, which holds only generated `.scale` files; \
             write it elsewhere",
            expected.display(),
            args.out.display()
        ));
    }
    let options = Options {
        teams: args.teams,
        seed: args.seed,
        inject: args.inject.iter().flatten().copied().collect(),
        chunk: args.chunk,
    };
    let generated = generate::generate(&options);
    generate::write(&generated, &args.out).map_err(|e| e.to_string())?;
    if let Some(path) = &args.expected {
        let list: Vec<serde_json::Value> = generated
            .expected
            .iter()
            .map(|e| serde_json::json!({ "code": e.code, "subject": e.subject }))
            .collect();
        let text = serde_json::to_string_pretty(&list).map_err(|e| e.to_string())? + "\n";
        std::fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    eprintln!(
        "generate: {} teams, {} files, {} bytes, {} planted findings in {}",
        options.effective_teams(),
        generated.files.len(),
        generated.total_bytes(),
        generated.expected.len(),
        args.out.display()
    );
    Ok(())
}

/// Whether `file` would be written directly into `folder` (compared as absolute paths).
fn inside(file: &Path, folder: &Path) -> bool {
    match (std::path::absolute(file), std::path::absolute(folder)) {
        (Ok(file), Ok(folder)) => file.parent() == Some(folder.as_path()),
        _ => false,
    }
}
