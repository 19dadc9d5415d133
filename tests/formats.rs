//! Every output format of `check` on one fixture with an error, warnings, an info and a waived
//! finding (tests/fixtures/formats/mixed, judged on 2026-06-01), snapshotted from the binary.
#![allow(clippy::unwrap_used)]

mod common;

use assert_cmd::Command;
use serde_json::Value;

const MIXED: &str = "tests/fixtures/formats/mixed";

fn check(args: &[&str]) -> (String, i32) {
    let out = Command::cargo_bin("scaleguard")
        .unwrap()
        .current_dir(common::root(""))
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("NO_COLOR")
        .args(["check", MIXED, "--today", "2026-06-01"])
        .args(args)
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.code().unwrap())
}

#[test]
fn human() {
    let (out, code) = check(&["--format", "human"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn json() {
    let (out, code) = check(&["--format", "json"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn sarif_results() {
    let (out, code) = check(&["--format", "sarif"]);
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).unwrap();
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    insta::assert_json_snapshot!(run["results"]);
}

#[test]
fn sarif_rules() {
    let (out, _) = check(&["--format", "sarif"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let driver = &log["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().unwrap();
    // Every rule of the catalogue, in code order, and each result's ruleIndex points at its rule.
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let codes: Vec<&str> = scaleguard::catalogue::rules().iter().map(|r| r.code).collect();
    assert_eq!(ids, codes);
    for result in log["runs"][0]["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    let sg502 = rules.iter().find(|r| r["id"] == "SG502").unwrap();
    insta::assert_json_snapshot!(sg502);
    insta::assert_json_snapshot!(
        "sarif_driver",
        serde_json::json!({
            "name": driver["name"],
            "rules": rules.len(),
        })
    );
}

#[test]
fn junit() {
    let (out, code) = check(&["--format", "junit"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn github() {
    let (out, code) = check(&["--format", "github"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn github_job_summary() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("summary.md");
    let (_, code) = check(&["--format", "github", "--summary", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(std::fs::read_to_string(&file).unwrap());
}

#[test]
fn gitlab() {
    let (out, code) = check(&["--format", "gitlab"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn awkward_file_names_are_escaped_in_every_ci_format() {
    let dir = tempfile::tempdir().unwrap();
    let name = "org, team: 50%.scale";
    std::fs::copy(
        common::root("tests/fixtures/rules/SG208/fail-no-retrospective.scale"),
        dir.path().join(name),
    )
    .unwrap();
    let run = |format: &str| {
        let out = Command::cargo_bin("scaleguard")
            .unwrap()
            .current_dir(dir.path())
            .env_remove("GITHUB_STEP_SUMMARY")
            .args(["check", name, "--today", "2026-06-01", "--format", format])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let github = run("github");
    assert!(github.starts_with("::notice file=org%2C team%3A 50%25.scale,line="), "{github}");
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "org,%20team%3A%2050%25.scale");
    let gitlab: Value = serde_json::from_str(&run("gitlab")).unwrap();
    assert_eq!(gitlab[0]["location"]["path"], name);
    let junit = run("junit");
    assert!(junit.contains(&format!("file=\"{name}\"")), "{junit}");
}

#[test]
fn the_job_summary_lists_errors_before_infos_of_earlier_files() {
    // status-only-sos with its vision removed: an info (SG606) in `org.scale`, the first file,
    // and the error (SG201) in `teams.scale`, the second.
    let dir = tempfile::tempdir().unwrap();
    let example = common::root("examples/status-only-sos");
    let org = std::fs::read_to_string(example.join("org.scale")).unwrap();
    let without_vision: String =
        org.lines().filter(|l| !l.trim_start().starts_with("vision ")).map(|l| l.to_owned() + "\n").collect();
    assert_ne!(org.len(), without_vision.len());
    std::fs::write(dir.path().join("org.scale"), without_vision).unwrap();
    std::fs::copy(example.join("teams.scale"), dir.path().join("teams.scale")).unwrap();
    let summary = dir.path().join("summary.md");
    let out = Command::cargo_bin("scaleguard")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", ".", "--today", "2026-06-01", "--format", "github", "--summary"])
        .arg(&summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&summary).unwrap();
    let rows: Vec<&str> =
        text.lines().filter(|l| l.starts_with("| error |") || l.starts_with("| info |")).collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert!(
        rows[0].starts_with("| error | SG201 `sos-status-only` |") && rows[0].contains("`teams.scale:"),
        "{text}"
    );
    assert!(
        rows[1].starts_with("| info | SG606 `vision-missing` |") && rows[1].contains("`org.scale:"),
        "{text}"
    );
}
