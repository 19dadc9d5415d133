//! Root causes (docs/maturity.md "Root causes"): a finding that cannot pass while another fails
//! names it (`caused_by`), the human report lists it under its cause, JSON, SARIF and JUnit
//! carry the link, and `assess`'s next steps rank causes, each once.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_scaleguard"))
        .arg(args[0])
        .arg(dir)
        .args(&args[1..])
        .args(["--today", "2026-06-01"])
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

/// The nine teams of `checkout` and `catalogue`, in output order, whose escalation runs into
/// the loop between them.
const INTO_THE_LOOP: [&str; 9] = [
    "search",
    "product_pages",
    "pricing",
    "recommendations",
    "reviews",
    "payments",
    "cart",
    "fraud",
    "promotions",
];

#[test]
fn the_human_report_lists_consequences_under_their_cause() {
    let dir = common::acme_with_a_loop_and_a_status_meeting();
    let (code, text) = run(dir.path(), &["check", "--color", "never"]);
    assert_eq!(code, 1);
    assert_eq!(text.matches("SG401 escalation-cycle (scaleguard explain SG401)").count(), 1, "{text}");
    assert_eq!(text.matches("SG402 escalation-dead-end (scaleguard explain SG402)").count(), 0, "{text}");
    assert!(
        text.contains(
            "  = and 9 units whose escalation runs into this cycle (SG402\n    escalation-dead-end, fixed with it): \
             `search`, `product_pages`, `pricing`,\n    `recommendations`, `reviews`, `payments`, `cart`, `fraud`, \
             `promotions`\n"
        ),
        "{text}"
    );
    // Counts stay honest: every finding is counted.
    assert!(text.contains("scaleguard: 11 errors, 2 warnings in 9 files"), "{text}");
    // --no-group shows each consequence on its own.
    let (_, flat) = run(dir.path(), &["check", "--color", "never", "--no-group"]);
    assert_eq!(flat.matches("SG402 escalation-dead-end (scaleguard explain SG402)").count(), 9, "{flat}");
    assert!(!flat.contains("fixed with it"), "{flat}");
}

#[test]
fn json_and_sarif_carry_the_cause_by_its_fingerprint_and_validate() {
    let dir = common::acme_with_a_loop_and_a_status_meeting();
    let (_, json) = run(dir.path(), &["check", "--format", "json"]);
    let json: Value = serde_json::from_str(&json).unwrap();
    let (_, sarif) = run(dir.path(), &["check", "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let cycle = results.iter().find(|r| r["ruleId"] == "SG401").unwrap();
    let print = cycle["partialFingerprints"]["scaleguard/v1"].as_str().unwrap();

    let dead: Vec<&Value> =
        json["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "SG402").collect();
    let subjects: Vec<&str> = dead.iter().map(|f| f["subject"].as_str().unwrap()).collect();
    assert_eq!(subjects, INTO_THE_LOOP);
    for f in &dead {
        assert_eq!(
            f["caused_by"],
            serde_json::json!({"code": "SG401", "name": "escalation-cycle", "subject": "catalogue", "fingerprint": print})
        );
    }
    // Only consequences carry the field.
    let others = json["findings"].as_array().unwrap().iter().filter(|f| f["code"] != "SG402");
    assert!(others.clone().all(|f| f.get("caused_by").is_none()));

    for r in results.iter().filter(|r| r["ruleId"] == "SG402") {
        assert_eq!(r["properties"]["caused_by"], print);
        let last = r["relatedLocations"].as_array().unwrap().last().unwrap();
        assert_eq!(
            last["message"]["text"],
            "caused by SG401 escalation-cycle `catalogue`: fixing it fixes this"
        );
        assert_eq!(last["physicalLocation"], cycle["locations"][0]["physicalLocation"]);
    }

    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(common::root("tests/schemas/sarif-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft4::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(common::root("docs/json-schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::draft202012::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&json).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn junit_names_the_cause_in_the_failure() {
    let dir = common::acme_with_a_loop_and_a_status_meeting();
    let (_, xml) = run(dir.path(), &["check", "--format", "junit"]);
    let caused = xml.matches("caused by: SG401 escalation-cycle `catalogue` (fingerprint ").count();
    assert_eq!(caused, 9, "{xml}");
}

#[test]
fn next_steps_rank_each_cause_once_with_what_fixing_it_and_its_consequences_gains() {
    let dir = common::acme_with_a_loop_and_a_status_meeting();
    let (code, json) = run(dir.path(), &["assess", "--format", "json"]);
    assert_eq!(code, 0);
    let report: Value = serde_json::from_str(&json).unwrap();
    let steps = report["next_steps"].as_array().unwrap();
    let codes: Vec<&str> = steps.iter().map(|s| s["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["SG401", "SG201", "SG404", "SG404"]);
    assert_eq!(steps[0]["consequences"], 9);
    assert_eq!(
        steps[0]["consequences_text"],
        "9 findings are consequences and are fixed with it: SG402 escalation-dead-end on `search`, \
         `product_pages`, `pricing`, `recommendations`, `reviews`, `payments`, `cart`, `fraud`, `promotions`"
    );
    // Continuous Improvement: the cycle (w3) and nine dead ends (w3 each) are all its errors;
    // with them fixed only the two sideways warnings (w2 each) remain, in the warning band.
    let ci = report["score"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Continuous Improvement & Impediment Removal")
        .unwrap();
    assert_eq!(ci["worst"], "error");
    let gain = steps[0]["component_gain"].as_f64().unwrap();
    let after = ci["exact"].as_f64().unwrap() + gain;
    assert!(
        (3.0..4.0).contains(&after),
        "fixed with its consequences the component reaches the warning band: {after}"
    );
    assert!(report.to_string().matches("\"code\":\"SG402\"").count() >= 9, "the findings stay listed");
}

#[test]
fn without_an_eat_every_dead_end_is_caused_by_the_missing_eat() {
    let text = "organisation \"Duo\" {\n  sprint 2w\n}\nperson alice\nperson bob\n\
                team payments {\n  product_owner alice\n  scrum_master bob\n  developers 5\n}\n\
                team cart {\n  product_owner alice\n  scrum_master bob\n  developers 5\n}\n";
    let a = common::analyse_texts(&[("org.scale", text)]);
    let dead: Vec<_> = a.diagnostics.iter().filter(|d| d.code.code == "SG402").collect();
    assert_eq!(dead.len(), 2);
    for d in dead {
        let cause = d.caused_by.as_ref().unwrap();
        assert_eq!((cause.code.code, cause.subject.as_str()), ("SG101", "organisation"));
    }
    let human = common::human(&a);
    assert!(
        human.contains("  = and 2 units whose escalation can reach no Executive Action Team (SG402"),
        "{human}"
    );
}

#[test]
fn a_waived_or_absent_cause_links_nothing() {
    let dir = common::acme_with_a_loop_and_a_status_meeting();
    let policy = dir.path().join("policy.scale");
    let mut text = std::fs::read_to_string(&policy).unwrap();
    text = text.replacen(
        "policy {\n",
        "policy {\n  waive escalation-cycle for catalogue \"the loop is being broken up\"\n",
        1,
    );
    std::fs::write(&policy, &text).unwrap();
    let a = common::analyse_paths(&[dir.path().to_path_buf()]);
    let dead: Vec<_> = a.diagnostics.iter().filter(|d| d.code.code == "SG402").collect();
    assert_eq!(dead.len(), 9);
    assert!(dead.iter().all(|d| d.caused_by.is_none()), "a waived cause groups nothing");
    let human = common::human(&a);
    assert_eq!(human.matches("SG402 escalation-dead-end (scaleguard explain SG402)").count(), 9);
    // The rule off: SG401 is not reported, so nothing is grouped under it.
    let text = text.replacen(
        "  waive escalation-cycle",
        "  severity escalation-cycle off\n  waive escalation-cycle",
        1,
    );
    std::fs::write(&policy, text).unwrap();
    let a = common::analyse_paths(&[dir.path().to_path_buf()]);
    assert!(a.diagnostics.iter().filter(|d| d.code.code == "SG402").all(|d| d.caused_by.is_none()));
}
