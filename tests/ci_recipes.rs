//! The CI recipes of docs/ci.md are real files (docs/ci/*.yml, .pre-commit-hooks.yaml): each
//! parses as YAML, names the files its `scaleguard check` command writes, and that command,
//! run as written, writes them.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn yaml(rel: &str) -> Value {
    let text = std::fs::read_to_string(common::root(rel)).unwrap();
    serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `--output FORMAT=FILE` pairs of a `scaleguard check ...` command line.
fn outputs(command: &str) -> Vec<(String, String)> {
    let words: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(&words[..2], ["scaleguard", "check"], "{command}");
    words
        .windows(2)
        .filter(|w| w[0] == "--output")
        .map(|w| {
            let (format, file) = w[1].split_once('=').unwrap();
            (format.to_owned(), file.to_owned())
        })
        .collect()
}

/// Runs a recipe's command line in a project whose scaleguard.toml points at an example with
/// an error; returns the project folder.
fn run_recipe(command: &str, env: &[(&str, &Path)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let example = common::root("examples/status-only-sos");
    std::fs::write(dir.path().join("scaleguard.toml"), format!("paths = [\"{}\"]\n", example.display()))
        .unwrap();
    let words: Vec<&str> = command.split_whitespace().collect();
    let mut cmd = Command::cargo_bin("scaleguard").unwrap();
    cmd.current_dir(dir.path()).env_remove("GITHUB_STEP_SUMMARY").args(&words[1..]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{command}: {out:?}");
    dir
}

#[test]
fn github_actions_workflow_uploads_the_sarif_the_action_writes() {
    // The action itself is run step by step in tests/distribution.rs.
    let workflow = yaml("docs/ci/github-actions.yml");
    assert_eq!(workflow["permissions"]["security-events"], "write");
    let steps = workflow["jobs"]["scaleguard"]["steps"].as_array().unwrap();
    let check = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("scaleguard/scaleguard@")))
        .unwrap();
    let upload = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@")))
        .unwrap();
    assert_eq!(upload["if"], "${{ !cancelled() }}", "uploads even when the check fails");
    assert_eq!(upload["with"]["sarif_file"], check["with"]["sarif-file"]);
    assert!(steps.iter().all(|s| !s["run"].as_str().unwrap_or_default().contains("cargo install")));
}

#[test]
fn the_github_job_summary_is_appended_not_overwritten() {
    let summary_dir = tempfile::tempdir().unwrap();
    let summary = summary_dir.path().join("step-summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let dir = run_recipe(
        "scaleguard check --format github --output sarif=scaleguard.sarif",
        &[("GITHUB_STEP_SUMMARY", &summary)],
    );
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("scaleguard.sarif")).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "SG201");
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("earlier step\n## scaleguard\n"), "appended: {text}");
    assert!(text.contains("### Maturity score"), "{text}");
}

#[test]
fn gitlab_job_reports_the_files_it_writes() {
    let job = yaml("docs/ci/gitlab-ci.yml");
    let job = &job["scaleguard"];
    let check = job["script"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .find(|s| s.starts_with("scaleguard check"))
        .unwrap();
    let outputs = outputs(check);
    let reports = &job["artifacts"]["reports"];
    assert_eq!(job["artifacts"]["when"], "always");
    let file = |format: &str| outputs.iter().find(|(f, _)| f == format).unwrap().1.clone();
    assert_eq!(reports["codequality"].as_str().unwrap(), file("gitlab"));
    assert_eq!(reports["junit"].as_str().unwrap(), file("junit"));
    let dir = run_recipe(check, &[]);
    let issues: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(file("gitlab"))).unwrap()).unwrap();
    assert_eq!(issues[0]["check_name"], "SG201 sos-status-only");
    let xml = std::fs::read_to_string(dir.path().join(file("junit"))).unwrap();
    assert!(xml.contains("failures=\"1\""), "{xml}");
}

#[test]
fn pre_commit_hooks_are_well_formed() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["scaleguard", "scaleguard-fmt"]);
    for hook in hooks {
        for key in ["name", "description", "entry", "language", "files"] {
            assert!(hook[key].is_string(), "{key} in {hook}");
        }
        assert_eq!(hook["language"], "rust");
        assert!(hook["entry"].as_str().unwrap().starts_with("scaleguard "));
    }
    // An organisation is checked whole: the check hook takes no file names.
    assert_eq!(hooks[0]["pass_filenames"], false);
}

#[test]
fn docs_show_the_recipes_as_they_are() {
    let doc = std::fs::read_to_string(common::root("docs/ci.md")).unwrap();
    for (file, lang) in [
        ("docs/ci/github-actions.yml", "yaml"),
        ("docs/ci/gitlab-ci.yml", "yaml"),
        (".pre-commit-hooks.yaml", "yaml"),
        ("docs/ci/Jenkinsfile", "groovy"),
    ] {
        let text = std::fs::read_to_string(common::root(file)).unwrap();
        assert!(doc.contains(&format!("```{lang}\n{text}```\n")), "docs/ci.md shows {file} verbatim");
    }
}

#[test]
fn jenkins_stage_records_the_junit_report_it_writes() {
    let text = std::fs::read_to_string(common::root("docs/ci/Jenkinsfile")).unwrap();
    let check =
        text.lines().find_map(|l| l.trim().strip_prefix("sh '").and_then(|l| l.strip_suffix('\''))).unwrap();
    let outputs = outputs(check);
    assert_eq!(outputs, [("junit".to_owned(), "scaleguard-junit.xml".to_owned())]);
    assert!(text.contains("junit 'scaleguard-junit.xml'"), "{text}");
    let dir = run_recipe(check, &[]);
    let xml = std::fs::read_to_string(dir.path().join("scaleguard-junit.xml")).unwrap();
    assert!(xml.contains("failures=\"1\""), "{xml}");
}
