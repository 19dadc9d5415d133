//! `scaleguard init`: the scaffold passes `check` with no finding, is in the canonical
//! layout, and a second `init` in the same place refuses and writes nothing.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;

fn scaleguard() -> Command {
    let mut cmd = Command::cargo_bin("scaleguard").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("CI");
    cmd
}

/// Every file below `dir`, relative, sorted.
fn tree(dir: &std::path::Path) -> Vec<String> {
    let mut out: Vec<String> = walk(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
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
         created ./policy.scale\ncreated ./scaleguard.toml\nscaleguard: a starting organisation is in `.`; check it with \
         `scaleguard check` (paths come from `scaleguard.toml`)\n"
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
fn the_configuration_written_is_valid() {
    let text = scaleguard::init::config_text("org");
    let config = scaleguard::config::parse(std::path::Path::new("scaleguard.toml"), &text).unwrap();
    assert_eq!(config.paths, [std::path::PathBuf::from("org")]);
    let odd = scaleguard::init::config_text("my \"org\"\\x");
    let config = scaleguard::config::parse(std::path::Path::new("scaleguard.toml"), &odd).unwrap();
    assert_eq!(config.paths, [std::path::PathBuf::from("my \"org\"\\x")]);
}

#[test]
fn init_into_a_subfolder_puts_the_configuration_where_ci_runs_and_a_bare_check_works() {
    // The CI recipes run a bare `scaleguard check` at the repository root.
    let repo = tempfile::tempdir().unwrap();
    let out = scaleguard().current_dir(repo.path()).args(["init", "org"]).assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(
        stdout,
        "created org/org.scale\ncreated org/people.scale\ncreated org/teams.scale\ncreated org/leadership.scale\n\
         created org/policy.scale\ncreated ./scaleguard.toml\nscaleguard: a starting organisation is in `org`; check \
         it with `scaleguard check` (paths come from `scaleguard.toml`)\n"
    );
    assert_eq!(
        tree(repo.path()),
        [
            "org/leadership.scale",
            "org/org.scale",
            "org/people.scale",
            "org/policy.scale",
            "org/teams.scale",
            "scaleguard.toml"
        ]
    );
    let toml = std::fs::read_to_string(repo.path().join("scaleguard.toml")).unwrap();
    assert!(toml.contains("paths = [\"org\"]\n"), "{toml}");
    for command in [&["check"][..], &["assess", "--format", "json"], &["graph"], &["fmt", "--check"]] {
        let out = scaleguard().current_dir(repo.path()).args(command).assert().code(0);
        assert!(!out.get_output().stdout.is_empty(), "{command:?}");
    }
    // And from a folder below, as cargo and ruff find their configuration.
    std::fs::create_dir(repo.path().join("docs")).unwrap();
    let out = scaleguard().current_dir(repo.path().join("docs")).arg("check").assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.starts_with("scaleguard: no findings in 5 files"), "{stdout}");
}

#[test]
fn init_refuses_when_the_working_directory_has_a_configuration_and_writes_nothing() {
    let repo = tempfile::tempdir().unwrap();
    std::fs::write(repo.path().join("scaleguard.toml"), "paths = [\"x\"]\n").unwrap();
    let out =
        scaleguard().current_dir(repo.path()).args(["init", "org", "--color", "never"]).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("scaleguard.toml` already exists"), "{stderr}");
    assert_eq!(tree(repo.path()), ["scaleguard.toml"]);
}

#[test]
fn init_outside_the_working_directory_keeps_the_configuration_beside_the_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let here = tempfile::tempdir().unwrap();
    scaleguard().current_dir(here.path()).arg("init").arg(dir.path()).assert().code(0);
    assert!(tree(here.path()).is_empty());
    let toml = std::fs::read_to_string(dir.path().join("scaleguard.toml")).unwrap();
    assert!(toml.contains("paths = [\".\"]\n"), "{toml}");
}
