//! The catalogue: rules/, the registry, the specification (GUARDRAILS.md) and docs/rules.md
//! agree, and every rule's own examples behave as documented, so the docs cannot rot.
//!
//! The specification is not part of this repository. The one test that reads it,
//! `every_rule_of_the_specification_has_metadata_that_matches`, takes its folder from
//! `SCALEGUARD_SPEC` (`.ci/run` sets it to `../shared`): unset, the test says on stderr that it
//! did not run and passes, so a fresh clone or a fork's CI stays green; set to a folder without
//! `GUARDRAILS.md`, it fails.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::PathBuf;

use scaleguard::catalogue::{self, Component, Rule};

/// The environment variable naming the folder that holds the specification's GUARDRAILS.md.
const SPEC_VAR: &str = "SCALEGUARD_SPEC";

/// Where GUARDRAILS.md is, from `SCALEGUARD_SPEC`: `None` when the variable is unset or empty.
fn spec_path(var: Option<std::ffi::OsString>) -> Option<PathBuf> {
    var.filter(|v| !v.is_empty()).map(|dir| PathBuf::from(dir).join("GUARDRAILS.md"))
}

/// The text of GUARDRAILS.md, or `None` (after saying so) when `SCALEGUARD_SPEC` is unset.
/// Panics when the variable names a folder without a readable GUARDRAILS.md.
fn guardrails_text() -> Option<String> {
    let Some(path) = spec_path(std::env::var_os(SPEC_VAR)) else {
        // Written to stderr directly: libtest captures `eprintln!`, not this.
        let _ = writeln!(
            std::io::stderr(),
            "note: the specification conformance check did NOT run: set {SPEC_VAR} to the folder \
             holding GUARDRAILS.md (.ci/run sets it to ../shared)"
        );
        return None;
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => panic!("{SPEC_VAR} is set, but the specification {} cannot be read: {e}", path.display()),
    }
}

/// The rows of the GUARDRAILS.md tables: (code, name, severity, component).
fn guardrails_md(text: &str) -> Vec<(String, String, String, String)> {
    let mut rows = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || !cells[1].starts_with("SG") {
            continue;
        }
        let code = cells[1].to_owned();
        let name = cells[2].to_owned();
        if code.starts_with("SG0") {
            rows.push((code, name, "error".to_owned(), String::new()));
        } else {
            let component = cells[6].to_owned();
            let component = if component == "—" { String::new() } else { component };
            rows.push((code, name, cells[3].to_owned(), component));
        }
    }
    rows
}

#[test]
fn the_specification_is_found_only_where_scaleguard_spec_points() {
    assert_eq!(spec_path(None), None);
    assert_eq!(spec_path(Some("".into())), None);
    assert_eq!(spec_path(Some("../shared".into())), Some(PathBuf::from("../shared/GUARDRAILS.md")));
}

#[test]
fn a_spec_folder_without_guardrails_md_fails_the_conformance_test() {
    // Runs this very test binary's conformance test with the variable pointing at an empty
    // folder: it must fail, not skip.
    let empty = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "every_rule_of_the_specification_has_metadata_that_matches", "--test-threads=1"])
        .env(SPEC_VAR, empty.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(stdout.contains("the specification") && stdout.contains("cannot be read"), "{stdout}");
}

#[test]
fn codes_and_names_are_unique() {
    let rules = catalogue::rules();
    let codes: BTreeSet<_> = rules.iter().map(|r| r.code).collect();
    let names: BTreeSet<_> = rules.iter().map(|r| r.name).collect();
    assert_eq!(codes.len(), rules.len());
    assert_eq!(names.len(), rules.len());
}

#[test]
fn every_rule_of_the_specification_has_metadata_that_matches() {
    let Some(text) = guardrails_text() else { return };
    let rows = guardrails_md(&text);
    assert_eq!(rows.len(), 64, "GUARDRAILS.md lists 10 input errors and 54 guardrails");
    for (code, name, severity, component) in &rows {
        let rule = catalogue::find(code).unwrap_or_else(|| panic!("{code} has no rules/*.toml"));
        assert_eq!(rule.name, name, "{code}");
        assert_eq!(rule.severity.as_str(), severity, "{code}");
        assert_eq!(rule.component.map_or("", Component::name), component, "{code}");
        let scaled = text_says_scaled(&text, code);
        assert_eq!(rule.scaled, scaled, "{code}: scaled");
    }
    assert_eq!(catalogue::rules().len(), rows.len(), "rules/ holds a rule GUARDRAILS.md does not list");
}

fn text_says_scaled(text: &str, code: &str) -> bool {
    text.lines().any(|l| l.starts_with(&format!("| {code} ")) && l.contains("(scaled)"))
}

#[test]
fn every_guardrail_has_logic() {
    // The registry's `match` is exhaustive, so every rule has an arm; this checks the arm.
    for rule in Rule::ALL {
        let evaluated = scaleguard::checks::registry::run(rule).is_some();
        let judged_elsewhere = rule.is_input_error() || rule.is_waiver_rule();
        assert_eq!(evaluated, !judged_elsewhere, "{rule}: logic in src/checks/ is {evaluated}");
    }
}

/// Every `"SG123"` string literal in `src/` outside comments, as `path:line`. The codes live
/// in `rules/*.toml` and the `Rule` enum generated from them; code names `Rule::TeamSize`.
fn code_literals_in(dir: &std::path::Path, found: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            code_literals_in(&path, found);
            continue;
        }
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            // Comments and doc comments may name codes; a comment after code is not looked at.
            let code = line.split("//").next().unwrap_or_default();
            let literal = code.as_bytes().windows(7).any(|w| {
                w[0] == b'"' && w[1..3] == *b"SG" && w[3..6].iter().all(u8::is_ascii_digit) && w[6] == b'"'
            });
            if literal {
                found.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    }
}

#[test]
fn no_rule_code_string_literal_in_src() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    code_literals_in(&root.join("src"), &mut found);
    let prefix = format!("{}/", root.display());
    let found: Vec<String> = found.into_iter().map(|f| f.trim_start_matches(&prefix).to_owned()).collect();
    assert!(
        found.is_empty(),
        "rule codes as string literals; name the `Rule` instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_code_literal_search_finds_literals_and_skips_comments() {
    let dir = tempfile::tempdir().unwrap();
    let text = "//! `\"SG201\"` in a doc comment\nlet a = d.code == \"SG402\"; // \"SG403\"\n/// \"SG404\"\n\
                let b = \"SG40\"; let c = \"an SG405 finding\";\nlet d = (\"SG501\", run);\n";
    std::fs::create_dir(dir.path().join("area")).unwrap();
    std::fs::write(dir.path().join("area/rule.rs"), text).unwrap();
    std::fs::write(dir.path().join("notes.md"), "\"SG201\"").unwrap();
    let mut found = Vec::new();
    code_literals_in(dir.path(), &mut found);
    let lines: Vec<&str> = found.iter().map(|f| f.rsplit(".rs:").next().unwrap()).collect();
    assert_eq!(lines, ["2: let a = d.code == \"SG402\"; // \"SG403\"", "5: let d = (\"SG501\", run);"]);
}

#[test]
fn each_rules_failing_example_gives_exactly_its_finding_and_the_passing_one_none() {
    let mut problems = Vec::new();
    for rule in catalogue::rules() {
        let fail = common::analyse_texts(&[("fail.scale", rule.fail)]);
        let got: Vec<&str> = fail.diagnostics.iter().map(|d| d.code.code).collect();
        let of_rule = got.iter().filter(|c| **c == rule.code).count();
        // SG901: an expired waiver is not in force, so the finding it named is reported too.
        let others = got.iter().filter(|c| **c != rule.code).count();
        let allowed_others = usize::from(rule.code == "SG901");
        if of_rule != 1 || others != allowed_others {
            problems.push(format!("{} fail example gives {got:?}\n{}", rule.code, common::human(&fail)));
        }
        let pass = common::analyse_texts(&[("pass.scale", rule.pass)]);
        if !pass.diagnostics.is_empty() {
            problems.push(format!("{} pass example gives findings\n{}", rule.code, common::human(&pass)));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn docs_rules_md_is_generated_from_rules() {
    let on_disk = std::fs::read_to_string(common::root("docs/rules.md")).unwrap_or_default();
    assert!(
        on_disk == scaleguard::docs::markdown(),
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}

#[test]
fn explain_works_for_every_rule() {
    for rule in catalogue::rules() {
        let text = scaleguard::docs::explain(rule);
        assert!(text.starts_with(&format!("{} {}\n", rule.code, rule.name)));
        assert!(text.contains("Why it matters") && text.contains("How to fix"));
    }
}

#[test]
fn the_code_list_is_stable() {
    let list: String =
        catalogue::rules().iter().map(|r| format!("{} {} {}\n", r.code, r.name, r.severity)).collect();
    insta::assert_snapshot!(list);
}
