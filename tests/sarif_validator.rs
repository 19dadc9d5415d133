//! The SARIF of every example passes Microsoft's SARIF validator with GitHub's ingestion rules
//! (`sarif-multitool validate --rule-kind "Sarif;Gh"`) with no error and no warning, whether the
//! organisation is named by a relative path, by an absolute path inside the repository, or by
//! an absolute path outside it (which needs `file://` URIs).
//!
//! The validator comes from npm (`@microsoft/sarif-multitool`); `.ci/run` installs it and sets
//! `SARIF_MULTITOOL` to its executable. Without it this test says on stderr that it did not
//! run, and with `CI=true` it fails.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The validator's executable: `SARIF_MULTITOOL`, else `sarif-multitool` on PATH.
fn validator() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SARIF_MULTITOOL").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let on_path = Command::new("sarif-multitool").arg("--version").output().is_ok_and(|o| o.status.success());
    on_path.then(|| PathBuf::from("sarif-multitool"))
}

/// The validator's errors and warnings about SARIF logs, as `level RULE: message (file)` lines.
/// One run of the validator for all of them: it takes seconds to start.
fn problems(validator: &Path, logs: &[PathBuf]) -> Vec<String> {
    let out_dir = tempfile::tempdir().unwrap();
    let report = out_dir.path().join("validation.sarif");
    let out = Command::new(validator)
        .args(["validate", "--rule-kind", "Sarif;Gh", "-o"])
        .arg(&report)
        .args(logs)
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .unwrap();
    assert!(
        report.is_file(),
        "the validator wrote no report: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let mut found = Vec::new();
    for run in report["runs"].as_array().unwrap() {
        for result in run["results"].as_array().cloned().unwrap_or_default() {
            // SARIF's default level is `warning`.
            let level = result["level"].as_str().unwrap_or("warning");
            if level == "error" || level == "warning" {
                let message = match result["message"]["text"].as_str() {
                    Some(text) => text.to_owned(),
                    None => result["message"]["arguments"].to_string(),
                };
                let file = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap_or_default()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                found.push(format!(
                    "{level} {}: {message} ({file})",
                    result["ruleId"].as_str().unwrap_or("?")
                ));
            }
        }
        // A rule the validator could not run is a notification, not a result.
        for note in
            run["invocations"][0]["toolExecutionNotifications"].as_array().cloned().unwrap_or_default()
        {
            if note["level"] == "error" {
                found.push(format!("validator failure: {}", note["message"]["text"]));
            }
        }
    }
    found
}

/// Runs `check --format sarif` on `arg` from `cwd` and writes the log to a file.
fn sarif(cwd: &Path, arg: &Path, into: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_scaleguard"))
        .current_dir(cwd)
        .args(["check", "--today", "2026-06-01", "--format", "sarif"])
        .arg(arg)
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0..=2)), "{out:?}");
    std::fs::write(into, &out.stdout).unwrap();
}

#[test]
fn sarif_passes_the_sarif_validator_with_githubs_rules() {
    let Some(validator) = validator() else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            !ci,
            "the SARIF validator is not installed (CI=true): .ci/run installs @microsoft/sarif-multitool"
        );
        let _ = writeln!(
            std::io::stderr(),
            "note: the SARIF validator test did NOT run: install @microsoft/sarif-multitool with npm and set \
             SARIF_MULTITOOL to its executable"
        );
        return;
    };
    let root = common::root("");
    let outside = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.push(root.join("tests/fixtures/input/SG001-unclosed-brace"));
    let mut all = Vec::new();
    for dir in &dirs {
        let relative = dir.strip_prefix(&root).unwrap();
        let name = relative.to_string_lossy().replace('/', "_");
        // Relative, from the repository root; absolute, from the root; absolute, from a folder
        // outside the repository (the files are then outside the root: file:// URIs).
        for (how, cwd, arg) in [
            ("relative", root.as_path(), relative.to_path_buf()),
            ("absolute", root.as_path(), dir.clone()),
            ("absolute-outside", outside.path(), dir.clone()),
        ] {
            let log = logs.path().join(format!("{name}-{how}.sarif"));
            sarif(cwd, &arg, &log);
            all.push(log);
        }
    }
    // The logs name what they hold: some are file:// URIs, some relative.
    let absolute =
        std::fs::read_to_string(logs.path().join("examples_escalation-cycle-absolute-outside.sarif"))
            .unwrap();
    assert!(absolute.contains("\"uri\": \"file:///"), "{absolute}");
    let relative =
        std::fs::read_to_string(logs.path().join("examples_escalation-cycle-absolute.sarif")).unwrap();
    assert!(relative.contains("\"uri\": \"examples/escalation-cycle/"), "{relative}");
    let failures = problems(&validator, &all);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_validator_catches_what_it_must() {
    // The harness is not blind: a log whose driver has no informationUri and whose location is
    // a rooted relative reference gives the two problems the validator reported before.
    let Some(validator) = validator() else { return };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("broken.sarif");
    sarif(&common::root(""), Path::new("examples/status-only-sos"), &log);
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    value["runs"][0]["tool"]["driver"].as_object_mut().unwrap().remove("informationUri");
    value["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        Value::from("/abs/org.scale");
    std::fs::write(&log, serde_json::to_string(&value).unwrap()).unwrap();
    let found = problems(&validator, &[log]);
    assert!(found.iter().any(|p| p.contains("SARIF2005")), "{found:#?}");
    assert!(found.iter().any(|p| p.contains("SARIF1004")), "{found:#?}");
}
