//! How long `scaleguard lsp` takes from `didChange` to `publishDiagnostics`, on
//! examples/acme-retail and on a generated 10,000-team workspace. A benchmark, not a test (it
//! generates 7 MB of `.scale` text and wants an optimised server); the figures in
//! docs/performance.md ("Language server latency") come from:
//!
//! ```text
//! cargo bench --bench lsp_latency
//! ```
#![allow(clippy::unwrap_used, missing_docs)]

#[path = "../tests/lsp_client/mod.rs"]
mod lsp_client;

use std::path::Path;
use std::time::{Duration, Instant};

use lsp_client::{Client, uri};
use serde_json::json;

/// Edits per kind measured.
const EDITS: usize = 30;

struct Figures {
    first: Duration,
    valid: Vec<Duration>,
    typo: Vec<Duration>,
}

fn quantile(sorted: &[Duration], q: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn summary(list: &mut [Duration]) -> String {
    list.sort();
    format!(
        "median {:.0} ms, p90 {:.0} ms, max {:.0} ms",
        quantile(list, 0.5),
        quantile(list, 0.9),
        quantile(list, 1.0)
    )
}

/// Opens `file` of the workspace `root`, then edits one line of it `EDITS` times each way:
/// a comment added and removed (the file stays valid: resolve and every guardrail run), and a
/// person's name misspelt and restored (an input error: no guardrail runs).
fn measure(root: &Path, file: &str, needle: &str) -> Figures {
    let mut client = Client::binary(&["--today", "2026-06-01"]);
    let started = Instant::now();
    client.initialize(Some(root), false);
    let path = root.join(file);
    let doc = uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    client.open(&doc, &text);
    client.diagnostics(&doc, Some(1));
    let first = started.elapsed();
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count();
    let end = needle.len() + at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut version = 1;
    let mut edit = |client: &mut Client, start: usize, end: usize, with: &str| -> Duration {
        version += 1;
        let sent = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": doc, "version": version }, "contentChanges": [{
                "range": { "start": { "line": line, "character": start }, "end": { "line": line, "character": end } },
                "text": with
            }] }),
        );
        client.diagnostics(&doc, Some(version));
        let took = sent.elapsed();
        // Let the server go idle, as between keystrokes.
        std::thread::sleep(Duration::from_millis(30));
        took
    };
    let mut valid = Vec::new();
    let mut typo = Vec::new();
    for _ in 0..EDITS {
        valid.push(edit(&mut client, end, end, " # x"));
        valid.push(edit(&mut client, end, end + 4, ""));
        typo.push(edit(&mut client, end - 1, end, "Q"));
        typo.push(edit(&mut client, end - 1, end, &needle[needle.len() - 1..]));
    }
    client.result("shutdown", serde_json::Value::Null);
    client.notify("exit", serde_json::Value::Null);
    client.finish();
    Figures { first, valid, typo }
}

fn report(name: &str, mut f: Figures) {
    println!(
        "| {name} | {:.0} ms | {} | {} |",
        f.first.as_secs_f64() * 1000.0,
        summary(&mut f.valid),
        summary(&mut f.typo)
    );
}

fn main() {
    println!(
        "| workspace | open to first diagnostics | edit, file stays valid | edit giving an input error |"
    );
    println!("|---|---|---|---|");
    let acme = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme-retail");
    report(
        "examples/acme-retail (13 teams, 9 files)",
        measure(&acme, "teams/checkout.scale", "product_owner alice"),
    );
    let dir = tempfile::tempdir().unwrap();
    let options = scaleguard_testkit::generate::Options { teams: 10_000, ..Default::default() };
    let generated = scaleguard_testkit::generate::generate(&options);
    scaleguard_testkit::generate::write(&generated, dir.path()).unwrap();
    let name = format!(
        "generated, 10,000 teams ({} files, {:.1} MB)",
        generated.files.len(),
        generated.total_bytes() as f64 / 1e6
    );
    report(&name, measure(dir.path(), "teams-001.scale", "product_owner p0000001"));
}
