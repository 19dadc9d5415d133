//! Baselines: `scaleguard baseline` records today's findings; `check --baseline` fails only on
//! new ones, whatever file or layout the old ones moved to, and says how many are fixed;
//! `--prune` shrinks the file.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use assert_cmd::Command;

/// The mixed fixture (SG105, SG208, SG502, SG902 unwaived; SG501 waived) in a temp folder.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("org")).unwrap();
    for name in ["org.scale", "teams.scale"] {
        std::fs::copy(
            common::root("tests/fixtures/formats/mixed").join(name),
            dir.path().join("org").join(name),
        )
        .unwrap();
    }
    dir
}

fn scaleguard(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("scaleguard")
        .unwrap()
        .current_dir(cwd)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args)
        .args(["--today", "2026-06-01"])
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap(), text(out.stdout), text(out.stderr))
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join("org").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn record(dir: &Path) {
    let (code, stdout, _) = scaleguard(dir, &["baseline", "org", "-o", ".scaleguard-baseline.json"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "scaleguard: recorded 4 findings in `.scaleguard-baseline.json`\n");
}

fn check(dir: &Path) -> (i32, String) {
    let (code, stdout, _) = scaleguard(dir, &["check", "org", "--baseline", ".scaleguard-baseline.json"]);
    (code, stdout)
}

#[test]
fn the_file_is_sorted_json_keyed_by_meaning() {
    let dir = project();
    record(dir.path());
    let text = std::fs::read_to_string(dir.path().join(".scaleguard-baseline.json")).unwrap();
    insta::assert_snapshot!(text);
}

#[test]
fn baselined_findings_pass() {
    let dir = project();
    record(dir.path());
    let (code, stdout) = check(dir.path());
    assert_eq!(code, 0);
    assert!(stdout.ends_with(
        "scaleguard: no findings (1 waived) in 2 files · score 2.8 (Defined: 1 error remains — SG502 \
         team-no-product-owner)\n\
         baseline `.scaleguard-baseline.json`: 4 findings accepted\n"
    ));
}

#[test]
fn a_new_finding_fails() {
    let dir = project();
    record(dir.path());
    edit(dir.path(), "teams.scale", "  scrum_master bob\n", "");
    let (code, stdout) = check(dir.path());
    assert_eq!(code, 1);
    assert!(stdout.contains("team `payments` has no Scrum Master"), "{stdout}");
    assert!(
        !stdout.contains("team `cart` has no Product Owner"),
        "baselined findings are not shown: {stdout}"
    );
    assert!(stdout.contains("scaleguard: 1 error (1 waived) in 2 files"), "{stdout}");
}

#[test]
fn a_new_problem_on_a_baselined_subject_fails() {
    // `eat` already has a baselined SG105 finding; a second approval gate changes what the
    // finding says, so it is new (and the old wording is fixed).
    let dir = project();
    record(dir.path());
    edit(dir.path(), "org.scale", "approves releases", "approves releases, sprint_scope");
    let (code, stdout, _) = scaleguard(
        dir.path(),
        &["check", "org", "--baseline", ".scaleguard-baseline.json", "--fail-on", "warning"],
    );
    assert_eq!(code, 1);
    assert!(stdout.contains("SG105 eat-approval-gate"), "{stdout}");
    assert!(stdout.contains("3 findings accepted, 1 baselined finding fixed"), "{stdout}");
}

#[test]
fn moving_items_between_files_and_reformatting_changes_nothing() {
    let dir = project();
    record(dir.path());
    // Move team `cart` (SG502) into a file of its own, reformatted and commented, and the
    // Scrum of Scrums (SG208) to the top of its file.
    let teams = std::fs::read_to_string(dir.path().join("org/teams.scale")).unwrap();
    let start = teams.find("team cart").unwrap();
    let end = start + teams[start..].find("}\n").unwrap() + 2;
    let cart = &teams[start..end];
    let sos_start = teams.find("scrum_of_scrums checkout").unwrap();
    let sos_end = sos_start + teams[sos_start..].find("\n}\n").unwrap() + 3;
    let sos = &teams[sos_start..sos_end];
    let rest = teams.replace(cart, "").replace(sos, "");
    std::fs::write(dir.path().join("org/teams.scale"), format!("{sos}\n\n\n{rest}")).unwrap();
    let moved = format!("# the cart team, moved here\n\n\n{}", cart.replace("\n  ", "\n    "));
    std::fs::write(dir.path().join("org/a-cart.scale"), moved).unwrap();
    let (code, stdout) = check(dir.path());
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.ends_with("baseline `.scaleguard-baseline.json`: 4 findings accepted\n"), "{stdout}");
}

#[test]
fn fixing_a_finding_reports_it_fixed_and_prune_shrinks_the_file() {
    let dir = project();
    record(dir.path());
    edit(
        dir.path(),
        "teams.scale",
        "team cart \"Cart\" {\n",
        "team cart \"Cart\" {\n  product_owner alice\n",
    );
    // A new finding too: prune must not add it.
    edit(dir.path(), "teams.scale", "  scrum_master bob\n", "");
    let (code, stdout) = check(dir.path());
    assert_eq!(code, 1);
    assert!(
        stdout.contains(
            "3 findings accepted, 1 baselined finding fixed (`scaleguard baseline --prune` drops it from the file)"
        ),
        "{stdout}"
    );
    let (code, stdout, _) =
        scaleguard(dir.path(), &["baseline", "org", "-o", ".scaleguard-baseline.json", "--prune"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "scaleguard: pruned `.scaleguard-baseline.json` from 4 findings to 3 (1 fixed)\n");
    let text = std::fs::read_to_string(dir.path().join(".scaleguard-baseline.json")).unwrap();
    assert!(!text.contains("SG502") && !text.contains("SG503"), "{text}");
    let (_, stdout) = check(dir.path());
    assert!(stdout.ends_with("baseline `.scaleguard-baseline.json`: 3 findings accepted\n"), "{stdout}");
}

#[test]
fn machine_formats_carry_baselined_findings_as_suppressed_or_skipped() {
    let dir = project();
    record(dir.path());
    let (code, stdout, stderr) = scaleguard(
        dir.path(),
        &["check", "org", "--baseline", ".scaleguard-baseline.json", "--format", "sarif"],
    );
    assert_eq!(code, 0);
    assert_eq!(stderr, "baseline `.scaleguard-baseline.json`: 4 findings accepted\n");
    let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    let justifications: Vec<&str> =
        results.iter().map(|r| r["suppressions"][0]["justification"].as_str().unwrap()).collect();
    assert_eq!(
        justifications
            .iter()
            .filter(|j| **j == "recorded in the baseline `.scaleguard-baseline.json`")
            .count(),
        4
    );
    let (_, stdout, _) = scaleguard(
        dir.path(),
        &["check", "org", "--baseline", ".scaleguard-baseline.json", "--format", "junit"],
    );
    assert!(
        stdout.contains(
            "<testsuites name=\"scaleguard\" tests=\"71\" failures=\"0\" errors=\"0\" skipped=\"5\">"
        )
    );
    let (_, stdout, _) = scaleguard(
        dir.path(),
        &["check", "org", "--baseline", ".scaleguard-baseline.json", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["findings"].as_array().unwrap().len(), 1, "only the waived finding");
}

#[test]
fn unusable_baselines_are_coded_errors() {
    let dir = project();
    let (code, _, stderr) = scaleguard(dir.path(), &["check", "org", "--baseline", "missing.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("scaleguard::baseline::unreadable"), "{stderr}");
    std::fs::write(dir.path().join("bad.json"), "{\"version\": 1,\n \"findings\": [{\"code\": 5}]}\n")
        .unwrap();
    let (code, _, stderr) = scaleguard(dir.path(), &["check", "org", "--baseline", "bad.json"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(stderr);
    let (code, _, stderr) = scaleguard(dir.path(), &["baseline", "org", "-o", "missing.json", "--prune"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("scaleguard::baseline::unreadable"), "{stderr}");
}

#[test]
fn no_baseline_is_recorded_over_input_errors() {
    let dir = project();
    edit(dir.path(), "teams.scale", "scrum_master gina", "scrum_master ginaa");
    let (code, _, stderr) = scaleguard(dir.path(), &["baseline", "org"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("SG002 unknown-reference"), "{stderr}");
    assert!(stderr.contains("scaleguard::baseline::input_errors"), "{stderr}");
    assert!(!dir.path().join(".scaleguard-baseline.json").exists());
}
