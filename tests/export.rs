//! `scaleguard export --format json`: the resolved model validates against
//! docs/export-schema.json, carries the derived facts, and does not depend on how the
//! organisation is split over files.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use scaleguard::export::model::{to_json, without_spans};

fn organisations() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(common::root("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn export_of(a: &scaleguard::Analysis) -> serde_json::Value {
    serde_json::from_str(&to_json(&a.model, &a.sources)).unwrap()
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(common::root("docs/export-schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft202012::options().should_validate_formats(true).build(&schema).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, value: &serde_json::Value, what: &str) {
    let errors: Vec<String> =
        validator.iter_errors(value).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn every_example_validates_against_the_schema() {
    let v = validator();
    for dir in organisations() {
        let a = common::analyse_paths(std::slice::from_ref(&dir));
        assert_valid(&v, &export_of(&a), &dir.display().to_string());
    }
}

#[test]
fn generated_organisations_with_problems_validate_against_the_schema() {
    let v = validator();
    let inject = scaleguard_testkit::generate::Inject::ALL.to_vec();
    let g = scaleguard_testkit::generate::generate(&scaleguard_testkit::generate::Options {
        teams: 40,
        seed: 7,
        inject,
        chunk: 2000,
    });
    let files: Vec<(&str, &str)> = g.files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let a = common::analyse_texts(&files);
    assert_valid(&v, &export_of(&a), "generated");
}

#[test]
fn the_export_of_a_small_organisation() {
    let a = common::analyse_paths(&[common::root("examples/escalation-cycle")]);
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r#""file": "[^"]*examples/"#, "\"file\": \"examples/");
    settings.bind(|| insta::assert_json_snapshot!(export_of(&a)));
}

#[test]
fn moving_items_between_files_changes_nothing_but_spans() {
    let one = common::analyse_texts(&[(
        "all.scale",
        "organisation \"O\" {\n  sprint 2w\n}\nperson p\nteam b {\n  product_owner p\n}\nteam a {\n  depends_on b\n}\n",
    )]);
    let two = common::analyse_texts(&[
        ("x.scale", "team a {\n  depends_on b\n}\nperson p\n"),
        ("y.scale", "team b {\n  product_owner p\n}\norganisation \"O\" {\n  sprint 2w\n}\n"),
    ]);
    assert_eq!(without_spans(export_of(&one)), without_spans(export_of(&two)));
    assert_ne!(export_of(&one), export_of(&two));
}

fn scaleguard() -> Command {
    let mut cmd = Command::cargo_bin("scaleguard").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("CI");
    cmd
}

#[test]
fn export_prints_json_and_exits_zero_even_with_findings() {
    let out = scaleguard().args(["export", "examples/status-only-sos", "--format", "json"]).assert().code(0);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["scrums_of_scrums"][0]["id"], "mobile");
}

#[test]
fn the_command_streams_exactly_what_to_json_builds() {
    // `export` writes as it serialises (the JSON is about 750 MB at 100,000 teams); the
    // bytes must be those of the library's `to_json`, final newline included.
    let dir = common::root("examples/acme-retail");
    let out = scaleguard().arg("export").arg(&dir).assert().code(0);
    let (sources, errors) = scaleguard::source::load(&[dir]).unwrap();
    let a = scaleguard::analyse(sources, errors, scaleguard::today_utc());
    assert_eq!(String::from_utf8(out.get_output().stdout.clone()).unwrap(), to_json(&a.model, &a.sources));
}

#[test]
fn export_refuses_an_organisation_with_input_errors() {
    let out =
        scaleguard().args(["export", "tests/fixtures/input/SG002-unknown-with-suggestion"]).assert().code(2);
    assert!(out.get_output().stdout.is_empty());
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("SG002"), "{stderr}");
}

#[test]
fn the_schema_rejects_what_it_does_not_describe() {
    let v = validator();
    let a = common::analyse_paths(&[common::root("examples/status-only-sos")]);
    let good = export_of(&a);
    let mut unknown_key = good.clone();
    unknown_key["teams"][0]["colour"] = serde_json::json!("blue");
    let mut bad_kind = good.clone();
    bad_kind["teams"][0]["events"][0]["kind"] = serde_json::json!("standup");
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("policy");
    for (what, value) in [("unknown key", unknown_key), ("bad event kind", bad_kind), ("no policy", missing)]
    {
        assert!(!v.is_valid(&value), "{what} validated");
    }
}
