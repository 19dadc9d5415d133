//! `scaleguard check --fix`, `--unsafe-fixes` and `--diff` on copies of the rule fixtures:
//! each fixable finding is fixed, the file checks clean for that rule afterwards, and a second
//! `--fix` changes nothing; `--diff` writes nothing; unsafe fixes wait for `--unsafe-fixes`; a
//! file changed on disk between reading and writing is left alone.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// `(exit code, stdout, stderr)` of `scaleguard check --today 2026-06-01 <args>` in `dir`.
fn check(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("scaleguard")
        .unwrap()
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args([&["check", "--today", "2026-06-01", "--color", "never"], args].concat())
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The codes of the findings `check --format json` reports in `dir` for `org.scale`.
fn codes(dir: &Path) -> Vec<String> {
    let (_, json, _) = check(dir, &["org.scale", "--format", "json"]);
    let report: Value = serde_json::from_str(&json).unwrap();
    report["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_owned()).collect()
}

/// A folder holding `text` as `org.scale`.
fn folder(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("org.scale"), text).unwrap();
    dir
}

/// The text of `org.scale` in `dir`.
fn read(dir: &tempfile::TempDir) -> String {
    std::fs::read_to_string(dir.path().join("org.scale")).unwrap()
}

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(common::root(rel)).unwrap()
}

/// The SG009 case: acme-retail's policy in one file with a rule code mistyped (`SG5O6`, a
/// letter O for the zero), which only `SG506` is close to.
fn mistyped_rule() -> String {
    let dir = common::root("examples/acme-retail");
    let mut text = String::new();
    for file in common::files_below(&dir) {
        text.push_str(&std::fs::read_to_string(file).unwrap());
        text.push('\n');
    }
    text.replace("severity team-no-refinement warning", "severity SG5O6 warning")
}

#[test]
fn each_fixable_fixture_is_fixed_checks_clean_for_its_rule_and_a_second_fix_changes_nothing() {
    // (case, text, code, --unsafe-fixes needed, a line the fixed file holds)
    let cases: Vec<(&str, String, &str, bool, &str)> = vec![
        (
            "SG002 misspelt person",
            fixture("tests/fixtures/input/SG002-unknown-with-suggestion/org.scale"),
            "SG002",
            false,
            "  product_owner alice\n",
        ),
        ("SG009 misspelt rule code", mistyped_rule(), "SG009", false, "  severity SG506 warning\n"),
        (
            "SG210 too long",
            fixture("tests/fixtures/rules/SG210/fail-too-long.scale"),
            "SG210",
            false,
            "  event scaled_daily_scrum every day lasting 15min {\n",
        ),
        (
            "SG210 weekly and long",
            fixture("tests/fixtures/rules/SG210/fail-weekly-and-long.scale"),
            "SG210",
            true,
            "  event scaled_daily_scrum every day lasting 15min {\n",
        ),
        (
            "SG210 weekly",
            fixture("tests/fixtures/rules/SG210/fail-weekly.scale"),
            "SG210",
            true,
            "  event scaled_daily_scrum every day",
        ),
        (
            "SG210 every sprint of two weeks",
            fixture("tests/fixtures/rules/SG210/fail-every-sprint.scale"),
            "SG210",
            true,
            "  event scaled_daily_scrum every day",
        ),
        (
            "SG201 status agenda",
            fixture("tests/fixtures/rules/SG201/fail-status-agenda.scale"),
            "SG201",
            true,
            "    agenda status, impediments",
        ),
        (
            "SG201 no agenda",
            fixture("tests/fixtures/rules/SG201/fail-no-agenda.scale"),
            "SG201",
            true,
            "  event scaled_daily_scrum every day lasting 15min {\n    agenda impediments\n  }\n",
        ),
        (
            "SG201 an empty agenda block",
            fixture("tests/fixtures/rules/SG201/fail-no-agenda.scale").replace(
                "  event scaled_daily_scrum every day lasting 15min\n",
                "  event scaled_daily_scrum every day lasting 15min {\n    # to be agreed\n  }\n",
            ),
            "SG201",
            true,
            "    # to be agreed\n    agenda impediments\n  }\n",
        ),
        (
            "SG201 two Scaled Daily Scrums",
            fixture("tests/fixtures/rules/SG201/fail-two-daily-none-actionable.scale"),
            "SG201",
            true,
            ", impediments\n",
        ),
    ];
    for (case, text, code, unsafe_fixes, expected) in cases {
        let dir = folder(&text);
        assert!(codes(dir.path()).iter().any(|c| c == code), "{case}: the fixture gives {code}");
        let args: &[&str] =
            if unsafe_fixes { &["org.scale", "--fix", "--unsafe-fixes"] } else { &["org.scale", "--fix"] };
        let (exit, out, err) = check(dir.path(), args);
        assert_ne!(exit, 2, "{case}: {out}{err}");
        assert!(out.contains("scaleguard: fixed 1 finding in 1 file; "), "{case}: {out}");
        let fixed = read(&dir);
        assert!(fixed.contains(expected), "{case}: {fixed}");
        assert!(!codes(dir.path()).iter().any(|c| c == code), "{case}: {code} is fixed:\n{fixed}");
        let (again, out, _) = check(dir.path(), args);
        assert_eq!(again, exit, "{case}");
        assert!(out.contains("scaleguard: nothing fixed; "), "{case}: {out}");
        assert_eq!(read(&dir), fixed, "{case}: idempotent");
    }
}

#[test]
fn unsafe_fixes_wait_for_the_flag() {
    let original = fixture("tests/fixtures/rules/SG201/fail-status-agenda.scale");
    let dir = folder(&original);
    let (exit, out, _) = check(dir.path(), &["org.scale", "--fix"]);
    assert_eq!(exit, 1, "SG201 is an error and remains");
    assert!(
        out.ends_with("scaleguard: nothing fixed; 1 remains; 1 more fixable with `--unsafe-fixes`\n"),
        "{out}"
    );
    assert_eq!(read(&dir), original);
    // The human report shows the unsafe fix under the help line.
    assert!(out.contains("        add `impediments` to the agenda (unsafe fix)\n        49 │     agenda status, impediments"), "{out}");

    let (exit, out, _) = check(dir.path(), &["org.scale", "--fix", "--unsafe-fixes"]);
    assert_eq!(exit, 0, "{out}");
    assert!(out.ends_with("scaleguard: fixed 1 finding in 1 file; none remain\n"), "{out}");
    let fixed = read(&dir);
    assert_eq!(fixed, original.replace("    agenda status\n", "    agenda status, impediments\n"));
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let original = fixture("tests/fixtures/input/SG002-unknown-with-suggestion/org.scale");
    let dir = folder(&original);
    let (exit, out, err) = check(dir.path(), &["org.scale", "--diff"]);
    // The exit code is the fixed organisation's: clean once the name is right.
    assert_eq!(exit, 0, "{err}");
    let expected = "\
--- a/org.scale
+++ b/org.scale
@@ -8,7 +8,7 @@
 person bob \"Bob Stone\"
 
 team payments \"Payments\" {
-  product_owner alise
+  product_owner alice
   scrum_master bob
   developers 5
   event refinement every week
";
    assert_eq!(out, expected);
    assert_eq!(err, "scaleguard: would fix 1 finding in 1 file; none would remain\n");
    assert_eq!(read(&dir), original, "nothing written");
    assert_eq!(check(dir.path(), &["org.scale"]).0, 2, "still an input error on disk");
}

#[test]
fn one_run_fixes_what_the_first_fix_reveals_in_every_file() {
    // A misspelt name stops the guardrails (an input error); once it is fixed they run, and the
    // softened timebox they find is fixed too, in another file.
    let dir = tempfile::tempdir().unwrap();
    let source = common::root("examples/acme-retail");
    for entry in common::files_below(&source) {
        let rel = entry.strip_prefix(&source).unwrap();
        let mut text = std::fs::read_to_string(&entry).unwrap();
        if rel.ends_with("checkout.scale") {
            text = text.replace("  product_owner alice\n", "  product_owner Alice\n");
        }
        if rel.ends_with("retail.scale") {
            text = text.replace("every day lasting 15min", "every day lasting 45min");
        }
        let target = dir.path().join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
    let (exit, out, err) = check(dir.path(), &[".", "--fix"]);
    assert_eq!(exit, 0, "{out}{err}");
    assert!(out.ends_with("scaleguard: fixed 3 findings in 2 files; none remain\n"), "{out}");
    for entry in common::files_below(dir.path()) {
        let rel = entry.strip_prefix(dir.path()).unwrap();
        let expected = std::fs::read_to_string(source.join(rel)).unwrap();
        assert_eq!(std::fs::read_to_string(&entry).unwrap(), expected, "{}", rel.display());
    }
}

#[test]
fn machine_formats_stay_parseable_and_a_byte_order_mark_is_kept() {
    let text = format!("\u{feff}{}", fixture("tests/fixtures/input/SG002-unknown-with-suggestion/org.scale"));
    let dir = folder(&text);
    let (exit, out, err) = check(dir.path(), &["org.scale", "--fix", "--format", "json"]);
    assert_eq!(exit, 0);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["findings"], serde_json::json!([]));
    assert_eq!(err, "scaleguard: fixed 1 finding in 1 file; none remain\n");
    let fixed = std::fs::read(dir.path().join("org.scale")).unwrap();
    assert_eq!(fixed, text.replace("product_owner alise", "product_owner alice").into_bytes());
}

#[test]
fn a_file_changed_between_read_and_write_is_not_overwritten() {
    let dir = folder(&fixture("tests/fixtures/rules/SG210/fail-too-long.scale"));
    let path = dir.path().join("org.scale");
    let (sources, _) = scaleguard::source::load(std::slice::from_ref(&path)).unwrap();
    let fixed = scaleguard::fix::fix(sources, common::today(), scaleguard::fix::Select::default());
    assert_eq!((fixed.fixed, fixed.files.len()), (1, 1));
    // An editor saves the file after it was read, before the fix is written.
    let saved = format!("{}\n# saved meanwhile\n", std::fs::read_to_string(&path).unwrap());
    std::fs::write(&path, &saved).unwrap();
    let err = scaleguard::fix::write_back(&fixed.files[0]).unwrap_err();
    assert!(matches!(err, scaleguard::fix::WriteError::ChangedOnDisk { .. }));
    let code = miette::Diagnostic::code(&err).unwrap().to_string();
    assert_eq!(code, "scaleguard::fix::changed_on_disk");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved, "the saved text stays");
}
