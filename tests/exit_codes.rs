//! The exit-code matrix of `check` (GUARDRAILS.md "Severity, waivers and the exit code"):
//! 0 clean, 1 an unwaived finding at or above `--fail-on` or the score below `--min-score`,
//! 2 input errors or bad usage — across failure levels, minimum scores, baselines, project
//! configuration and input errors.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use assert_cmd::Command;

const CLEAN: &str = "examples/acme-retail"; // no findings, score 5.0
const WARNINGS: &str = "examples/command-and-control"; // 2 warnings, score 3.9
const ERROR: &str = "examples/status-only-sos"; // 1 error, score 2.9
const INFO: &str = "tests/fixtures/rules/SG208/fail-no-retrospective.scale"; // 1 info, score 4.9
const MIXED: &str = "tests/fixtures/formats/mixed"; // error, warnings, info, waived; score 2.8
const INPUT: &str = "tests/fixtures/input/SG001-unclosed-brace"; // an input error

fn code(cwd: &Path, args: &[&str]) -> i32 {
    Command::cargo_bin("scaleguard")
        .unwrap()
        .current_dir(cwd)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args)
        .output()
        .unwrap()
        .status
        .code()
        .unwrap()
}

fn check(args: &[&str]) -> i32 {
    let root = common::root("");
    code(&root, &[&["check", "--today", "2026-06-01"], args].concat())
}

#[test]
fn fail_on_levels() {
    let matrix: [(&str, [i32; 4]); 5] = [
        // fixture: default, --fail-on error, warning, info
        (CLEAN, [0, 0, 0, 0]),
        (INFO, [0, 0, 0, 1]),
        (WARNINGS, [0, 0, 1, 1]),
        (ERROR, [1, 1, 1, 1]),
        (MIXED, [1, 1, 1, 1]),
    ];
    for (fixture, expected) in matrix {
        let got = [
            check(&[fixture]),
            check(&[fixture, "--fail-on", "error"]),
            check(&[fixture, "--fail-on", "warning"]),
            check(&[fixture, "--fail-on", "info"]),
        ];
        assert_eq!(got, expected, "{fixture}");
    }
}

#[test]
fn min_score() {
    // (fixture, --min-score, expected): the rounded overall score is compared.
    let matrix = [
        (CLEAN, "5", 0),
        (CLEAN, "0", 0),
        (WARNINGS, "3.9", 0),
        (WARNINGS, "3.95", 1),
        (WARNINGS, "4.0", 1),
        (INFO, "4.9", 0),
        (INFO, "5", 1),  // one info keeps it below 5.0
        (ERROR, "5", 1), // its error fails it whatever the score
        (MIXED, "0", 1),
        (INPUT, "0", 2), // no score, and input errors win
    ];
    for (fixture, min, expected) in matrix {
        assert_eq!(check(&[fixture, "--min-score", min]), expected, "{fixture} --min-score {min}");
    }
    assert_eq!(check(&[WARNINGS, "--min-score", "5", "--fail-on", "info"]), 1);
}

#[test]
fn baselines() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.json");
    let file = file.to_str().unwrap();
    let root = common::root("");
    assert_eq!(code(&root, &["baseline", MIXED, "-o", file, "--today", "2026-06-01"]), 0);
    assert_eq!(check(&[MIXED, "--baseline", file]), 0);
    assert_eq!(check(&[MIXED, "--baseline", file, "--fail-on", "info"]), 0);
    // The baseline does not change the score: 2.8 is still below 5.
    assert_eq!(check(&[MIXED, "--baseline", file, "--min-score", "5"]), 1);
    // A baseline of another organisation accepts nothing here.
    assert_eq!(check(&[ERROR, "--baseline", file]), 1);
    assert_eq!(check(&[INPUT, "--baseline", file]), 2);
    assert_eq!(check(&[MIXED, "--baseline", "no/such/baseline.json"]), 2);
    std::fs::write(dir.path().join("empty.json"), "{\"version\": 1, \"findings\": []}").unwrap();
    assert_eq!(check(&[MIXED, "--baseline", dir.path().join("empty.json").to_str().unwrap()]), 1);
}

#[test]
fn configuration() {
    let dir = tempfile::tempdir().unwrap();
    let examples = common::root(WARNINGS);
    let write = |text: &str| std::fs::write(dir.path().join("scaleguard.toml"), text).unwrap();
    let paths = format!("paths = [\"{}\"]\n", examples.display());
    write(&paths);
    assert_eq!(code(dir.path(), &["check"]), 0);
    write(&format!("{paths}fail-on = \"warning\"\n"));
    assert_eq!(code(dir.path(), &["check"]), 1);
    assert_eq!(code(dir.path(), &["check", "--fail-on", "error"]), 0);
    write(&format!("{paths}min-score = 5\n"));
    assert_eq!(code(dir.path(), &["check"]), 1);
    assert_eq!(code(dir.path(), &["check", "--min-score", "3.5"]), 0);
    write(&format!("{paths}fail-on = \"warnings\"\n"));
    assert_eq!(code(dir.path(), &["check"]), 2);
    write(&format!("{paths}colour = true\n"));
    assert_eq!(code(dir.path(), &["check"]), 2);
    write("paths = [\n");
    assert_eq!(code(dir.path(), &["check"]), 2);
    assert_eq!(code(dir.path(), &["check", "--config", "missing.toml"]), 2);
}

#[test]
fn input_errors_and_usage() {
    assert_eq!(check(&[INPUT]), 2);
    assert_eq!(check(&[INPUT, "--fail-on", "info"]), 2);
    assert_eq!(check(&[INPUT, "--format", "sarif"]), 2);
    assert_eq!(check(&["no/such/dir"]), 2);
    assert_eq!(check(&[CLEAN, "--format", "yaml"]), 2);
    assert_eq!(check(&[CLEAN, "--output", "yaml=out.yaml"]), 2);
    assert_eq!(check(&[CLEAN, "--output", "sarif"]), 2);
    assert_eq!(check(&[CLEAN, "--min-score", "7"]), 2);
    assert_eq!(check(&[CLEAN, "--fail-on", "never"]), 2);
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(code(empty.path(), &["check"]), 2, "no paths and no configuration");
    // An output file that cannot be written: its folder is a file.
    let blocker = empty.path().join("file");
    std::fs::write(&blocker, "").unwrap();
    let target = format!("sarif={}", blocker.join("out.sarif").display());
    assert_eq!(check(&[CLEAN, "--output", &target]), 2);
}
