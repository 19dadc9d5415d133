//! `scaleguard.toml`: found by walking up, or named with `--config`; flags win over it; its
//! problems are coded diagnostics pointing into the TOML file.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use assert_cmd::Command;

/// A temporary project: the mixed fixture in `org/`, a `sub/` folder, and `scaleguard.toml`.
fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org");
    std::fs::create_dir_all(&org).unwrap();
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    for name in ["org.scale", "teams.scale"] {
        std::fs::copy(common::root("tests/fixtures/formats/mixed").join(name), org.join(name)).unwrap();
    }
    std::fs::write(dir.path().join("scaleguard.toml"), config).unwrap();
    dir
}

fn scaleguard(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("scaleguard")
        .unwrap()
        .current_dir(cwd)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args)
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap(), text(out.stdout), text(out.stderr))
}

#[test]
fn found_by_walking_up_with_paths_relative_to_it() {
    let dir = project("paths = [\"org\"]\n");
    let (code, stdout, _) = scaleguard(&dir.path().join("sub"), &["check", "--today", "2026-06-01"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("╭─[../org/teams.scale:13:1]"), "{stdout}");
    assert!(stdout.contains("1 error, 2 warnings, 1 info (1 waived) in 2 files"), "{stdout}");
}

#[test]
fn baseline_from_the_file_and_replaced_by_the_flag() {
    let base = project("paths = [\"org\"]\nbaseline = \"b.json\"\n");
    assert_eq!(scaleguard(base.path(), &["baseline", "--today", "2026-06-01"]).0, 0);
    assert!(base.path().join("b.json").is_file(), "`baseline` writes to the configured file");
    assert_eq!(
        scaleguard(base.path(), &["check", "--today", "2026-06-01"]).0,
        0,
        "configured baseline applies"
    );
    assert_eq!(
        scaleguard(base.path(), &["check", "--today", "2026-06-01", "--min-score", "5"]).0,
        1,
        "a flag adds to the file"
    );
    std::fs::write(base.path().join("other.json"), "{\"version\": 1, \"findings\": []}").unwrap();
    assert_eq!(
        scaleguard(base.path(), &["check", "--today", "2026-06-01", "--baseline", "other.json"]).0,
        1,
        "`--baseline` replaces the configured one"
    );
}

#[test]
fn fail_on_and_min_score_from_the_file_and_overridden() {
    let examples = common::root("examples/command-and-control");
    let examples = examples.to_str().unwrap();
    // Warnings only, score 3.9.
    let dir = tempfile::tempdir().unwrap();
    let config = format!("paths = [\"{examples}\"]\nfail-on = \"warning\"\n");
    std::fs::write(dir.path().join("scaleguard.toml"), config).unwrap();
    assert_eq!(scaleguard(dir.path(), &["check"]).0, 1);
    assert_eq!(scaleguard(dir.path(), &["check", "--fail-on", "error"]).0, 0);
    let config = format!("paths = [\"{examples}\"]\nmin-score = 5.0\n");
    std::fs::write(dir.path().join("scaleguard.toml"), config).unwrap();
    assert_eq!(scaleguard(dir.path(), &["check"]).0, 1);
    assert_eq!(scaleguard(dir.path(), &["check", "--min-score", "3.9"]).0, 0);
}

#[test]
fn output_files_from_the_file_or_replaced_by_flags() {
    let dir = project(
        "paths = [\"org\"]\n[output]\nsarif = \"reports/scaleguard.sarif\"\njunit = \"reports/junit.xml\"\n",
    );
    let (code, stdout, _) = scaleguard(&dir.path().join("sub"), &["check", "--today", "2026-06-01"]);
    assert_eq!(code, 1);
    assert!(
        stdout.ends_with("score 2.8 (Defined: 1 error remains — SG502 team-no-product-owner)\n"),
        "the human report is printed: {stdout}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("reports/scaleguard.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 5);
    assert!(std::fs::read_to_string(dir.path().join("reports/junit.xml")).unwrap().contains("<testsuites"));
    let other = project("paths = [\"org\"]\n[output]\nsarif = \"s.sarif\"\n");
    let (code, _, _) =
        scaleguard(other.path(), &["check", "--today", "2026-06-01", "--output", "gitlab=cq.json"]);
    assert_eq!(code, 1);
    assert!(other.path().join("cq.json").is_file());
    assert!(!other.path().join("s.sarif").exists(), "`--output` replaces `[output]`");
}

#[test]
fn explicit_config_file() {
    let dir = project("paths = [\"org\"]\nfail-on = \"info\"\n");
    std::fs::rename(dir.path().join("scaleguard.toml"), dir.path().join("ci.toml")).unwrap();
    let (code, _, _) = scaleguard(dir.path(), &["check", "--config", "ci.toml", "--today", "2026-06-01"]);
    assert_eq!(code, 1);
    let (code, _, stderr) = scaleguard(dir.path(), &["check", "--config", "nope.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("scaleguard::config::unreadable"), "{stderr}");
}

#[test]
fn problems_point_into_the_toml_file() {
    let dir = project(
        "paths = [\"org\"]\nfail_on = \"warning\"\nmin-score = \"high\"\nbaseilne = \"b.json\"\n\
         [output]\nsarf = \"x.sarif\"\njunit = 3\n",
    );
    let (code, stdout, stderr) = scaleguard(&dir.path().join("sub"), &["check"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    insta::assert_snapshot!(stderr);
}

#[test]
fn syntax_errors_are_coded_not_dumped() {
    let dir = project("paths = [\"org\"\nfail-on = \"error\"\n");
    let (code, _, stderr) = scaleguard(dir.path(), &["check"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(stderr);
}

#[test]
fn no_paths_anywhere_is_a_usage_error() {
    let dir = project("fail-on = \"error\"\n");
    let (code, _, stderr) = scaleguard(dir.path(), &["check"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("scaleguard::input::no_paths"), "{stderr}");
}
