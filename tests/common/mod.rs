//! Helpers shared by the integration tests: run the pipeline on files or text and render it.
#![allow(clippy::unwrap_used, dead_code)]

use std::path::{Path, PathBuf};

use scaleguard::report::{self, Summary};
use scaleguard::source::{self, SourceFile, SourceMap};

/// The date every test judges waivers against.
pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 6, 1)
}

/// Runs the pipeline on paths and returns the analysis.
pub fn analyse_paths(paths: &[PathBuf]) -> scaleguard::Analysis {
    let (sources, errors) = source::load(paths).unwrap();
    scaleguard::analyse(sources, errors, today())
}

/// Runs the pipeline on in-memory files `(name, text)`.
pub fn analyse_texts(files: &[(&str, &str)]) -> scaleguard::Analysis {
    let map =
        SourceMap::from_files(files.iter().map(|(n, t)| SourceFile::new(*n, (*t).to_owned())).collect());
    let errors = map.load_diagnostics();
    scaleguard::analyse(map, errors, today())
}

/// The human report (no colour, width 80).
pub fn human(a: &scaleguard::Analysis) -> String {
    let summary = Summary::of(&a.diagnostics, a.sources.len());
    let mut out = Vec::new();
    report::human::write(&mut out, &a.diagnostics, &a.sources, &summary, "", report::human::Style::default())
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// The JSON report as a value.
pub fn json(a: &scaleguard::Analysis) -> serde_json::Value {
    let summary = Summary::of(&a.diagnostics, a.sources.len());
    let mut out = Vec::new();
    report::json::write::<()>(&mut out, &a.diagnostics, &a.sources, &summary, None).unwrap();
    serde_json::from_slice(&out).unwrap()
}

/// `(code, subject)` of every diagnostic, in output order.
pub fn codes(a: &scaleguard::Analysis) -> Vec<(String, String)> {
    a.diagnostics.iter().map(|d| (d.code.code.to_owned(), d.subject.clone().unwrap_or_default())).collect()
}

/// A path relative to the package root.
pub fn root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Every file below `dir`, sorted.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() { stack.push(path) } else { out.push(path) }
        }
    }
    out.sort();
    out
}

/// examples/acme-retail (clean) with an escalation loop between the `checkout` and `catalogue`
/// Scrums of Scrums and a status-only Scaled Daily Scrum in `checkout`: the coach's case of
/// issue 15 (one SG401 whose cycle nine teams' escalation runs into, and an SG201).
pub fn acme_with_a_loop_and_a_status_meeting() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = root("examples/acme-retail");
    for entry in files_below(&source) {
        let rel = entry.strip_prefix(&source).unwrap();
        let mut text = std::fs::read_to_string(&entry).unwrap();
        if rel.ends_with("checkout.scale") {
            text = text.replace(
                "  chief_product_owner lena\n",
                "  chief_product_owner lena\n  escalates_to catalogue\n",
            );
            text = text.replace("    agenda impediments, dependencies, risks\n", "    agenda status\n");
        }
        if rel.ends_with("catalogue.scale") {
            text = text.replace(
                "  chief_product_owner tomas\n",
                "  chief_product_owner tomas\n  escalates_to checkout\n",
            );
        }
        let target = dir.path().join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
    dir
}
