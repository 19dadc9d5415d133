//! `scaleguard init`: the scaffold passes `check` with no finding, is in the canonical
//! layout, and a second `init` in the same place refuses and writes nothing.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;

fn scaleguard() -> Command {
    let mut cmd = Command::cargo_bin("scaleguard").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("CI");
    cmd
}

#[test]
fn init_output_passes_check_with_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("org");
    scaleguard().arg("init").arg(&target).assert().code(0);
    let out = scaleguard().arg("check").arg(&target).args(["--fail-on", "info"]).assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.starts_with("scaleguard: no findings in 5 files"), "{stdout}");
}

#[test]
fn init_output_is_formatted() {
    let dir = tempfile::tempdir().unwrap();
    scaleguard().arg("init").arg(dir.path()).assert().code(0);
    scaleguard().args(["fmt", "--check"]).arg(dir.path()).assert().code(0);
}

#[test]
fn init_into_the_current_directory_lists_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let out = scaleguard().current_dir(dir.path()).arg("init").assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(
        stdout,
        "created ./org.scale\ncreated ./people.scale\ncreated ./teams.scale\ncreated ./leadership.scale\n\
         created ./policy.scale\ncreated ./scaleguard.toml\nscaleguard: a starting organisation is in `.`; check it with `scaleguard check .`\n"
    );
}

#[test]
fn a_second_init_refuses_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    scaleguard().arg("init").arg(dir.path()).assert().code(0);
    let teams = dir.path().join("teams.scale");
    std::fs::write(&teams, "# mine now\n").unwrap();
    let out = scaleguard().arg("init").arg(dir.path()).args(["--color", "never"]).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("scaleguard::init::exists"), "{stderr}");
    assert!(stderr.contains("already exist"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&teams).unwrap(), "# mine now\n");
}

#[test]
fn init_refuses_when_any_one_file_exists() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy.scale"), "policy {\n}\n").unwrap();
    let out = scaleguard().arg("init").arg(dir.path()).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("policy.scale` already exists"), "{stderr}");
    assert!(!dir.path().join("org.scale").exists());
}

#[test]
fn the_configuration_written_beside_it_is_valid() {
    let (name, text) = scaleguard::init::CONFIG;
    let config = scaleguard::config::parse(std::path::Path::new(name), text).unwrap();
    assert_eq!(config.paths, [std::path::PathBuf::from(".")]);
}
