//! The executive report (`assess --audience executive`): the level and what holds it, each
//! cycle and component with its Guide section, root causes with who can act on each (from the
//! model), what is already good; no file path and no source excerpt.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

fn executive(dir: &Path, format: &str) -> String {
    let out = assert_cmd::Command::cargo_bin("scaleguard")
        .unwrap()
        .arg("assess")
        .arg(dir)
        .args(["--audience", "executive", "--format", format, "--today", "2026-06-01"])
        .assert()
        .code(0);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn the_coachs_case_reads_for_an_executive() {
    let org = common::acme_with_a_loop_and_a_status_meeting();
    let text = executive(org.path(), "markdown");
    insta::assert_snapshot!(text);
}

#[test]
fn a_clean_organisation_has_nothing_to_act_on_and_everything_good() {
    let text = executive(&common::root("examples/acme-retail"), "markdown");
    assert!(text.contains("**5.0 / 5 — Optimising**"), "{text}");
    assert!(text.contains("## Where to act first\n\nNothing: every guardrail holds.\n"), "{text}");
    assert!(text.contains("- Team Process: every check holds ("), "{text}");
}

#[test]
fn no_path_or_source_excerpt_reaches_the_executive_report() {
    let org = common::acme_with_a_loop_and_a_status_meeting();
    for format in ["markdown", "html", "json"] {
        let text = executive(org.path(), format);
        assert!(!text.contains(".scale\""), "{format}: {text}");
        assert!(!text.contains("teams/checkout.scale"), "{format}");
        assert!(!text.contains(&org.path().display().to_string()), "{format}");
        assert!(!text.contains("```") && !text.contains("<pre"), "{format}: a source excerpt");
        assert!(!text.contains(" │ "), "{format}: a source excerpt");
    }
    // The coach's report keeps them.
    let out = assert_cmd::Command::cargo_bin("scaleguard")
        .unwrap()
        .arg("assess")
        .arg(org.path())
        .args(["--today", "2026-06-01"])
        .assert()
        .code(0);
    let coach = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(coach.contains("checkout.scale"));
}

#[test]
fn who_can_act_comes_from_the_model() {
    let a = common::analyse_paths(&[common::root("examples/acme-retail")]);
    let m = &a.model;
    use scaleguard::assess::executive::owners;
    use scaleguard::catalogue::Cycle;
    let sm = owners(m, "checkout", Some(Cycle::ScrumMaster));
    assert!(sm.starts_with("the Scrum of Scrums Master of `checkout`, "), "{sm}");
    assert!(sm.ends_with("(`gina`)"), "{sm}");
    let po = owners(m, "checkout", Some(Cycle::ProductOwner));
    assert!(po.starts_with("the Chief Product Owner of `checkout`, ") && po.ends_with("(`lena`)"), "{po}");
    let both = owners(m, "payments", Some(Cycle::Shared));
    assert!(
        both.contains("the Scrum Master of team `payments`")
            && both.contains("; the Product Owner of team `payments`"),
        "{both}"
    );
    assert_eq!(owners(m, "organisation", Some(Cycle::ScrumMaster)), "the Executive Action Team `eat`");
}

#[test]
fn the_executive_json_carries_the_same_level_as_check() {
    let org = common::acme_with_a_loop_and_a_status_meeting();
    let json: serde_json::Value = serde_json::from_str(&executive(org.path(), "json")).unwrap();
    assert_eq!(json["overall_text"], "2.8");
    assert!(json["overall_level"].as_str().unwrap().starts_with("Defined: 11 errors remain — SG201"));
    assert_eq!(json["cycles"].as_array().unwrap().len(), 3);
    assert_eq!(json["causes"][0]["rule"], "SG401 escalation-cycle");
    assert!(json["scope"].as_str().unwrap().contains("declared structure"));
}
