//! The policy block: severity overrides, `off`, waivers (in force, expired, unused, `for`,
//! several on one check) and the exit code, exactly as GUARDRAILS.md "Severity, waivers and
//! the exit code" says. Today is 2026-06-01 (tests/common).
#![allow(clippy::unwrap_used)]

mod common;

use assert_cmd::Command;

/// One clean team plus a second one with 12 developers (SG501) and no refinement (SG506).
fn org(policy: &str) -> String {
    format!(
        r#"organisation "Policy" {{
  vision "Tune, do not hide"
  sprint 2w starting 2026-01-05
  metrics velocity, business_value, defects, happiness
}}

person alice "Alice"
person bob "Bob"
person carol "Carol"
person dave "Dave"

team payments {{
  product_owner alice
  scrum_master bob
  developers 5
  event refinement every week
}}

team cart {{
  product_owner carol
  scrum_master dave
  developers 12
}}

policy {{
{policy}
}}
"#
    )
}

/// `(code, subject, waived)` of every finding, sorted.
fn findings(policy: &str) -> Vec<(String, String, bool)> {
    let text = org(policy);
    let a = common::analyse_texts(&[("org.scale", text.as_str())]);
    assert!(!a.input_errors, "{}", common::human(&a));
    let mut out: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| !matches!(d.code.code, "SG205" | "SG101" | "SG601" | "SG402"))
        .map(|d| (d.code.code.to_owned(), d.subject.clone().unwrap_or_default(), d.waived.is_some()))
        .collect();
    out.sort();
    out
}

fn f(code: &str, subject: &str, waived: bool) -> (String, String, bool) {
    (code.to_owned(), subject.to_owned(), waived)
}

#[test]
fn without_policy_both_findings_are_reported() {
    assert_eq!(findings(""), vec![f("SG501", "cart", false), f("SG506", "cart", false)]);
}

#[test]
fn severity_off_removes_the_rule_by_code_or_by_name() {
    assert_eq!(findings("  severity SG506 off"), vec![f("SG501", "cart", false)]);
    assert_eq!(findings("  severity team-no-refinement off"), vec![f("SG501", "cart", false)]);
}

#[test]
fn severity_override_changes_the_reported_level() {
    let text = org("  severity team-size error");
    let a = common::analyse_texts(&[("org.scale", text.as_str())]);
    let d = a.diagnostics.iter().find(|d| d.code.code == "SG501").unwrap();
    assert_eq!(d.severity, scaleguard::Severity::Error);
}

#[test]
fn a_waiver_in_force_marks_the_finding_waived() {
    assert_eq!(
        findings("  waive SG501 for cart until 2026-12-31 \"splitting in Q3\""),
        vec![f("SG501", "cart", true), f("SG506", "cart", false)]
    );
    // Without `for` it covers every subject; by name as well as by code.
    assert_eq!(
        findings("  waive team-size \"all of them\""),
        vec![f("SG501", "cart", true), f("SG506", "cart", false)]
    );
}

#[test]
fn a_waiver_for_another_subject_covers_nothing_and_is_unused() {
    assert_eq!(
        findings("  waive SG501 for payments \"not this one\""),
        vec![f("SG501", "cart", false), f("SG506", "cart", false), f("SG902", "waive:SG501:payments", false)]
    );
}

#[test]
fn an_expired_waiver_of_a_failing_check_gives_sg901_only_and_the_finding_is_back() {
    assert_eq!(
        findings("  waive SG501 for cart until 2026-05-31 \"was splitting in Q1\""),
        vec![f("SG501", "cart", false), f("SG506", "cart", false), f("SG901", "waive:SG501:cart", false)]
    );
}

#[test]
fn a_waiver_until_today_is_still_in_force() {
    assert_eq!(
        findings("  waive SG501 for cart until 2026-06-01 \"last day\""),
        vec![f("SG501", "cart", true), f("SG506", "cart", false)]
    );
}

#[test]
fn an_expired_waiver_that_covers_nothing_gives_both() {
    assert_eq!(
        findings("  waive SG501 for payments until 2026-01-31 \"old\""),
        vec![
            f("SG501", "cart", false),
            f("SG506", "cart", false),
            f("SG901", "waive:SG501:payments", false),
            f("SG902", "waive:SG501:payments", false),
        ]
    );
}

#[test]
fn a_waiver_of_a_rule_that_is_off_is_unused() {
    assert_eq!(
        findings("  severity SG506 off\n  waive SG506 \"we refine in the hallway\""),
        vec![f("SG501", "cart", false), f("SG902", "waive:SG506", false)]
    );
}

#[test]
fn several_waivers_on_one_check_are_all_used_and_the_first_is_shown() {
    let text = org("  waive SG501 \"first\"\n  waive team-size for cart \"second\"");
    let a = common::analyse_texts(&[("org.scale", text.as_str())]);
    let d = a.diagnostics.iter().find(|d| d.code.code == "SG501").unwrap();
    assert_eq!(d.waived.as_ref().unwrap().reason, "first");
    assert!(a.diagnostics.iter().all(|d| d.code.code != "SG902"), "{}", common::human(&a));
}

#[test]
fn sg9xx_can_be_turned_off_but_not_waived() {
    assert_eq!(
        findings("  severity waiver-unused off\n  waive SG501 for payments \"nothing\""),
        vec![f("SG501", "cart", false), f("SG506", "cart", false)]
    );
}

#[test]
fn a_non_scaled_organisation_of_one_team_has_no_scaled_checks() {
    let text = r#"organisation "Solo" {
  vision "One team"
  sprint 2w
  metrics velocity, business_value, defects, happiness
}
person alice "Alice"
person bob "Bob"
team payments {
  product_owner alice
  scrum_master bob
  developers 5
  event refinement every week
}
"#;
    let a = common::analyse_texts(&[("org.scale", text)]);
    assert!(a.diagnostics.is_empty(), "{}", common::human(&a));
    let evaluation = a.evaluation.unwrap();
    for outcome in &evaluation.outcomes {
        assert!(!outcome.meta().scaled, "{} evaluated in a non-scaled organisation", outcome.meta().code);
    }
}

/// The exit code with `--today` and `--fail-on`: a waived warning never fails the run; an
/// expired waiver is an error (SG901).
#[test]
fn today_and_fail_on_decide_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.scale");
    // One team only: not scaled, so the only findings are the ones under test.
    let text = org("  waive SG501 for cart until 2026-12-31 \"splitting\"\n  severity SG506 off");
    let start = text.find("team payments").unwrap();
    let end = text.find("team cart").unwrap();
    let single = format!("{}{}", &text[..start], &text[end..]);
    std::fs::write(&path, single).unwrap();
    let run = |args: &[&str]| {
        Command::cargo_bin("scaleguard")
            .unwrap()
            .arg("check")
            .arg(&path)
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(run(&["--today", "2026-06-01", "--fail-on", "warning"]), Some(0));
    assert_eq!(run(&["--today", "2027-01-01"]), Some(1), "expired: SG901 is an error");
    assert_eq!(run(&["--today", "2027-01-01", "--fail-on", "info"]), Some(1));
}
