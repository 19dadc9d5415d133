//! Machine formats checked against their schemas and documented shapes, on the real output of
//! the binary: SARIF against the official SARIF 2.1.0 schema (draft-04, formats enforced),
//! `--format json` against docs/json-schema.json, JUnit parsed as XML with the expected
//! numbers of tests and failures, GitLab Code Quality against its documented fields.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

/// Every example and the mixed formats fixture, relative to the package root.
fn organisations() -> Vec<String> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(common::root("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut out: Vec<String> =
        dirs.iter().map(|d| format!("examples/{}", d.file_name().unwrap().to_str().unwrap())).collect();
    out.push("tests/fixtures/formats/mixed".to_owned());
    out
}

/// Input-error fixtures: the formats must hold for runs that stopped early too.
fn input_error_fixtures() -> Vec<String> {
    ["SG001-unclosed-brace", "SG003-duplicate-across-files", "SG006-no-organisation"]
        .iter()
        .map(|d| format!("tests/fixtures/input/{d}"))
        .collect()
}

fn check(dir: &str, format: &str) -> String {
    let out = Command::cargo_bin("scaleguard")
        .unwrap()
        .current_dir(common::root(""))
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", dir, "--today", "2026-06-01", "--format", format])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0..=2)), "{dir}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn json_file(rel: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(common::root(rel)).unwrap()).unwrap()
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator.iter_errors(value).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

#[test]
fn sarif_of_every_example_validates_against_the_official_schema() {
    let schema = json_file("tests/schemas/sarif-2.1.0.json");
    let validator = jsonschema::draft4::options().should_validate_formats(true).build(&schema).unwrap();
    for dir in organisations().into_iter().chain(input_error_fixtures()) {
        let log: Value = serde_json::from_str(&check(&dir, "sarif")).unwrap();
        let errors = errors(&validator, &log);
        assert!(errors.is_empty(), "{dir}: {errors:#?}");
        let results = log["runs"][0]["results"].as_array().unwrap();
        for result in results {
            for location in result["locations"].as_array().cloned().unwrap_or_default() {
                let uri = location["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
                assert!(uri.starts_with(&format!("{dir}/")), "{dir}: {uri}");
            }
        }
        let prints: BTreeSet<&str> =
            results.iter().map(|r| r["partialFingerprints"]["scaleguard/v1"].as_str().unwrap()).collect();
        assert_eq!(prints.len(), results.len(), "{dir}: fingerprints are unique");
    }
}

/// Runs whose findings propose fixes: a replaced name (in a run stopped by input errors), a
/// replaced timebox and cadence, an insertion on a line and a new agenda block.
const WITH_FIXES: [&str; 4] = [
    "tests/fixtures/input/SG002-unknown-with-suggestion",
    "tests/fixtures/rules/SG210/fail-weekly-and-long.scale",
    "tests/fixtures/rules/SG201/fail-status-agenda.scale",
    "tests/fixtures/rules/SG201/fail-no-agenda.scale",
];

#[test]
fn sarif_fixes_and_json_suggestions_validate_against_their_schemas() {
    let schema = json_file("tests/schemas/sarif-2.1.0.json");
    let sarif = jsonschema::draft4::options().should_validate_formats(true).build(&schema).unwrap();
    let schema = json_file("docs/json-schema.json");
    let json = jsonschema::draft202012::options().should_validate_formats(true).build(&schema).unwrap();
    for run in WITH_FIXES {
        let log: Value = serde_json::from_str(&check(run, "sarif")).unwrap();
        let problems = errors(&sarif, &log);
        assert!(problems.is_empty(), "{run}: {problems:#?}");
        let fixes: Vec<&Value> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["fixes"].as_array().into_iter().flatten())
            .collect();
        assert!(!fixes.is_empty(), "{run}: a result carries fixes");
        let report: Value = serde_json::from_str(&check(run, "json")).unwrap();
        let problems = errors(&json, &report);
        assert!(problems.is_empty(), "{run}: {problems:#?}");
        let suggestions: usize = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["suggestions"].as_array().map_or(0, Vec::len))
            .sum();
        assert_eq!(suggestions, fixes.len(), "{run}: one SARIF fix per suggestion");
    }
    // The shape of one, exactly: SG002's name written over the misspelt one.
    let log: Value = serde_json::from_str(&check(WITH_FIXES[0], "sarif")).unwrap();
    let fix = &log["runs"][0]["results"][0]["fixes"];
    let expected = serde_json::json!([{
        "description": { "text": "replace with the existing name" },
        "artifactChanges": [{
            "artifactLocation": { "uri": "tests/fixtures/input/SG002-unknown-with-suggestion/org.scale" },
            "replacements": [{
                "deletedRegion": { "startLine": 11, "startColumn": 17, "endLine": 11, "endColumn": 22 },
                "insertedContent": { "text": "alice" }
            }]
        }],
        "properties": { "applicability": "safe" }
    }]);
    assert_eq!(*fix, expected);
    // An insertion deletes nothing: an empty region where the text goes.
    let log: Value = serde_json::from_str(&check(WITH_FIXES[2], "sarif")).unwrap();
    let replacement = &log["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["startColumn"], replacement["deletedRegion"]["endColumn"]);
    assert_eq!(replacement["insertedContent"]["text"], ", impediments");
}

#[test]
fn sarif_validation_catches_a_broken_log() {
    // The validator really enforces the schema: a relative `helpUri` is no URI.
    let schema = json_file("tests/schemas/sarif-2.1.0.json");
    let validator = jsonschema::draft4::options().should_validate_formats(true).build(&schema).unwrap();
    let mut log: Value = serde_json::from_str(&check("examples/status-only-sos", "sarif")).unwrap();
    log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = Value::from("docs/rules.md#sg001");
    assert_eq!(errors(&validator, &log).len(), 1);
}

#[test]
fn json_of_every_example_validates_against_the_published_schema() {
    let schema = json_file("docs/json-schema.json");
    let validator = jsonschema::draft202012::options().should_validate_formats(true).build(&schema).unwrap();
    for dir in organisations().into_iter().chain(input_error_fixtures()) {
        let report: Value = serde_json::from_str(&check(&dir, "json")).unwrap();
        let errors = errors(&validator, &report);
        assert!(errors.is_empty(), "{dir}: {errors:#?}");
    }
    // And the schema is strict enough to catch drift.
    let mut report: Value = serde_json::from_str(&check("tests/fixtures/formats/mixed", "json")).unwrap();
    report["findings"][0]["colour"] = Value::from("red");
    report["summary"].as_object_mut().unwrap().remove("infos");
    assert_eq!(errors(&validator, &report).len(), 2);
}

/// `(tests, failures, skipped)` from the root element, and counted from the elements.
fn junit_counts(xml: &str) -> ((usize, usize, usize), (usize, usize, usize)) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut declared = None;
    let mut counted = (0, 0, 0);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| -> usize {
                    e.try_get_attribute(name)
                        .unwrap()
                        .unwrap()
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .parse()
                        .unwrap()
                };
                match e.name().as_ref() {
                    "testsuites" => declared = Some((attr("tests"), attr("failures"), attr("skipped"))),
                    "testcase" => counted.0 += 1,
                    "failure" => counted.1 += 1,
                    "skipped" => counted.2 += 1,
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (declared.unwrap(), counted)
}

#[test]
fn junit_parses_with_one_test_case_per_check() {
    for dir in organisations() {
        let xml = check(&dir, "junit");
        let (declared, counted) = junit_counts(&xml);
        assert_eq!(declared, counted, "{dir}");
        let a = common::analyse_paths(&[common::root(&dir)]);
        let evaluation = a.evaluation.as_ref().unwrap();
        let checks: usize = evaluation.outcomes.iter().map(|o| o.passed.len() + o.failed.len()).sum();
        let waived = a.diagnostics.iter().filter(|d| d.waived.is_some()).count();
        assert_eq!(counted, (checks, a.diagnostics.len() - waived, waived), "{dir}");
    }
    // 71 checks on the mixed fixture (6 of them SG509, one per person, and 1 SG611): 4
    // findings fail, 1 is waived.
    let (_, counted) = junit_counts(&check("tests/fixtures/formats/mixed", "junit"));
    assert_eq!(counted, (71, 4, 1));
    // With input errors, each one is a failing test case.
    let (_, counted) = junit_counts(&check("tests/fixtures/input/SG003-duplicate-across-files", "junit"));
    assert_eq!(counted, (1, 1, 0));
}

#[test]
fn gitlab_issues_have_exactly_the_documented_fields() {
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    for dir in organisations().into_iter().chain(input_error_fixtures()) {
        let issues: Value = serde_json::from_str(&check(&dir, "gitlab")).unwrap();
        let mut prints = BTreeSet::new();
        for issue in issues.as_array().unwrap() {
            assert_eq!(keys(issue), ["check_name", "description", "fingerprint", "location", "severity"]);
            assert_eq!(keys(&issue["location"]), ["lines", "path"]);
            assert_eq!(keys(&issue["location"]["lines"]), ["begin"]);
            assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
            assert!(issue["location"]["path"].as_str().unwrap().starts_with(&format!("{dir}/")), "{issue}");
            assert!(["info", "minor", "major"].contains(&issue["severity"].as_str().unwrap()));
            assert!(!issue["description"].as_str().unwrap().is_empty());
            assert!(prints.insert(issue["fingerprint"].as_str().unwrap().to_owned()), "{dir}: unique");
        }
    }
}

/// The anchors GitHub gives the headings of a Markdown file: lowercase, spaces as `-`, every
/// other character but letters, digits, `-` and `_` dropped.
fn github_anchors(markdown: &str) -> BTreeSet<String> {
    markdown
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(|h| {
            h.to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

#[test]
fn every_rule_link_in_sarif_lands_on_a_heading_of_docs_rules_md() {
    let docs = std::fs::read_to_string(common::root("docs/rules.md")).unwrap();
    let anchors = github_anchors(&docs);
    let log: Value = serde_json::from_str(&check("examples/acme-retail", "sarif")).unwrap();
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["informationUri"], "https://github.com/scaleguard/scaleguard");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), scaleguard::catalogue::rules().len());
    for rule in rules {
        let uri = rule["helpUri"].as_str().unwrap();
        let (page, anchor) = uri.split_once('#').unwrap();
        assert_eq!(page, "https://github.com/scaleguard/scaleguard/blob/main/docs/rules.md");
        assert!(anchors.contains(anchor), "{uri}: no heading `{anchor}` in docs/rules.md");
        let code = rule["id"].as_str().unwrap().to_lowercase();
        assert_eq!(anchor, format!("{code}-{}", rule["name"].as_str().unwrap()));
    }
    // The table at the top links to the same anchors.
    for anchor in &anchors {
        if anchor.starts_with("sg") {
            assert!(docs.contains(&format!("](#{anchor})")), "the table does not link #{anchor}");
        }
    }
}
