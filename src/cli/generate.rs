//! `scaleguard generate` (hidden): writes a synthetic organisation for benchmarks, tests and the
//! fuzz corpus, optionally with planted problems and the list of findings they must give.

use std::path::PathBuf;

use super::{Exit, tool_error};
use scaleguard::generate::{self, Inject, Options};

/// Arguments of `generate`.
#[derive(Debug, clap::Args)]
pub(crate) struct GenerateArgs {
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
    /// Directory to write the `.scale` files into (stale `.scale` files there are removed).
    #[arg(long)]
    out: PathBuf,
    /// Also write the findings the planted problems must give, as JSON.
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

/// A file could not be written.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("cannot write `{}`: {reason}", path.display())]
#[diagnostic(code(scaleguard::output::unwritable), help("check that the directory exists and is writable"))]
struct Unwritable {
    path: PathBuf,
    reason: String,
}

/// Runs `generate`.
pub(crate) fn run(args: &GenerateArgs, color: bool) -> Exit {
    let options = Options {
        teams: args.teams,
        seed: args.seed,
        inject: args.inject.iter().flatten().copied().collect(),
        chunk: args.chunk,
    };
    let generated = generate::generate(&options);
    if let Err(e) = generate::write(&generated, &args.out) {
        return tool_error(Unwritable { path: args.out.clone(), reason: e.to_string() }, color);
    }
    if let Some(path) = &args.expected {
        let list: Vec<serde_json::Value> = generated
            .expected
            .iter()
            .map(|e| serde_json::json!({ "code": e.code, "subject": e.subject }))
            .collect();
        let text = serde_json::to_string_pretty(&list).unwrap_or_default() + "\n";
        if let Err(e) = std::fs::write(path, text) {
            return tool_error(Unwritable { path: path.clone(), reason: e.to_string() }, color);
        }
    }
    eprintln!(
        "generate: {} teams, {} files, {} bytes, {} planted findings in {}",
        options.effective_teams(),
        generated.files.len(),
        generated.total_bytes(),
        generated.expected.len(),
        args.out.display()
    );
    Exit::Clean
}
