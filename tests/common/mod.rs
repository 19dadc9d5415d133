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
