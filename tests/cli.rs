//! The command line: exit codes, tool errors, `--version`, formats, colour.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;

fn scaleguard() -> Command {
    let mut cmd = Command::cargo_bin("scaleguard").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("CI");
    cmd
}

#[test]
fn acme_retail_is_clean_and_exits_zero() {
    let out = scaleguard().args(["check", "examples/acme-retail"]).assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.ends_with("scaleguard: no findings in 9 files · score 5.0 (Optimising)\n"), "{stdout}");
}

#[test]
fn version_prints_the_package_version() {
    scaleguard()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("scaleguard {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn missing_path_is_a_coded_tool_error() {
    let out = scaleguard().args(["check", "no/such/dir"]).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("scaleguard::input::not_found"), "{stderr}");
    assert!(stderr.contains("`no/such/dir` does not exist"), "{stderr}");
}

#[test]
fn directory_without_scale_files_is_a_coded_tool_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    let out = scaleguard().arg("check").arg(dir.path()).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("scaleguard::input::no_scale_files"), "{stderr}");
}

#[test]
fn unreadable_file_is_a_coded_tool_error() {
    // Reading /proc/self/mem at offset 0 fails with EIO for every user, root included.
    let out = scaleguard().args(["check", "/proc/self/mem"]).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("scaleguard::input::unreadable"), "{stderr}");
}

#[test]
fn symlink_loop_is_reported_not_followed_forever() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("org.scale"), "organisation \"x\" {\n}\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let out = scaleguard().arg("check").arg(dir.path()).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("scaleguard::input::symlink_loop"), "{stderr}");
}

#[test]
fn bad_usage_exits_two() {
    scaleguard().args(["check"]).assert().code(2);
    scaleguard().args(["check", "examples/acme-retail", "--format", "yaml"]).assert().code(2);
    scaleguard().args(["check", "examples/acme-retail", "--today", "2026-02-30"]).assert().code(2);
    scaleguard().args(["frobnicate"]).assert().code(2);
}

#[test]
fn input_errors_exit_two_with_a_summary() {
    let out =
        scaleguard().args(["check", "tests/fixtures/input/SG003-duplicate-across-files"]).assert().code(2);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.ends_with("scaleguard: 1 error in 2 files\n"), "{stdout}");
}

#[test]
fn json_output_is_versioned_and_sorted() {
    let out = scaleguard()
        .args(["check", "tests/fixtures/input/SG005-invalid-values", "--format", "json"])
        .assert()
        .code(2);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["version"], 1);
    let findings = v["findings"].as_array().unwrap();
    let keys: Vec<(String, u64, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(v["summary"]["errors"], findings.len());
    for key in [
        "code",
        "name",
        "severity",
        "subject",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "help",
        "waived",
    ] {
        assert!(findings[0].get(key).is_some(), "missing {key}");
    }
}

#[test]
fn color_always_uses_ansi_and_never_does_not() {
    let dir = "tests/fixtures/input/SG002-unknown-with-suggestion";
    let out = scaleguard().args(["check", dir, "--color", "always"]).assert().code(2);
    assert!(out.get_output().stdout.contains(&0x1b));
    let out = scaleguard().args(["check", dir, "--color", "never"]).assert().code(2);
    assert!(!out.get_output().stdout.contains(&0x1b));
    let out = scaleguard().args(["check", dir]).env("NO_COLOR", "1").assert().code(2);
    assert!(!out.get_output().stdout.contains(&0x1b));
}

#[test]
fn file_order_on_the_command_line_does_not_matter() {
    let a = "tests/fixtures/input/SG003-duplicate-across-files/a.scale";
    let b = "tests/fixtures/input/SG003-duplicate-across-files/b.scale";
    let one = scaleguard().args(["check", a, b, "--format", "json"]).output().unwrap();
    let two = scaleguard().args(["check", b, a, "--format", "json"]).output().unwrap();
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn the_shipped_binary_has_no_generator() {
    // The synthetic-organisation generator is a contributors' tool (`cargo xtask generate`).
    let out = scaleguard().arg("--help").assert().code(0);
    let help = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(help.contains("check") && !help.contains("generate"), "{help}");
    let out = scaleguard().args(["generate", "--out", "x"]).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("unrecognized subcommand 'generate'"), "{stderr}");
}
