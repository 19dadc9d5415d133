#![allow(clippy::unwrap_used)]
//! `cargo xtask generate`: writes into a new folder or over an earlier run, refuses a folder
//! holding anything else (exit 2, nothing touched), and writes the expected findings.

use assert_cmd::Command;

fn xtask() -> Command {
    Command::cargo_bin("xtask").unwrap()
}

#[test]
fn generate_writes_a_new_folder_and_the_expected_findings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("org");
    let expected = dir.path().join("expected.json");
    let assert = xtask()
        .args(["generate", "--teams", "12", "--seed", "3", "--inject", "oversize,eat-budget", "--chunk", "5"])
        .arg("--out")
        .arg(&out)
        .arg("--expected")
        .arg(&expected)
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.starts_with("generate: "), "{stderr}");
    assert!(out.join("teams-001.scale").is_file() && out.join("teams-003.scale").is_file());
    let list: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&expected).unwrap()).unwrap();
    let codes: Vec<&str> = list.as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["SG102", "SG501"]);
}

#[test]
fn generate_refuses_a_folder_with_other_files_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("checkout.scale"), "team checkout {}\n").unwrap();
    let assert = xtask().args(["generate", "--teams", "4", "--out"]).arg(dir.path()).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(
        stderr,
        format!(
            "error: refusing to write into `{}`: it holds `checkout.scale`, which the generator did not \
             write; give a new or empty folder, or one that holds only an earlier run's files\n",
            dir.path().display()
        )
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    assert_eq!(std::fs::read_to_string(dir.path().join("checkout.scale")).unwrap(), "team checkout {}\n");
}

#[test]
fn generate_replaces_its_own_earlier_run() {
    let dir = tempfile::tempdir().unwrap();
    xtask().args(["generate", "--teams", "30", "--chunk", "5", "--out"]).arg(dir.path()).assert().success();
    assert!(dir.path().join("teams-006.scale").is_file());
    xtask().args(["generate", "--teams", "30", "--chunk", "30", "--out"]).arg(dir.path()).assert().success();
    assert!(dir.path().join("teams-001.scale").is_file());
    assert!(!dir.path().join("teams-002.scale").exists() && !dir.path().join("teams-006.scale").exists());
}

#[test]
fn generate_refuses_expected_findings_inside_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("org");
    xtask()
        .args(["generate", "--teams", "4", "--out"])
        .arg(&out)
        .arg("--expected")
        .arg(out.join("expected.json"))
        .assert()
        .code(2);
    assert!(!out.exists());
}

#[test]
fn generate_names_the_problems_it_knows() {
    let assert = xtask().args(["generate", "--inject", "nope", "--out", "x"]).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("unknown problem `nope`; choose from cycle, status-only,"), "{stderr}");
}
