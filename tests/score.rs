//! The maturity model v2 (docs/maturity.md): scores pinned exactly on small fixtures (each sum
//! worked out by hand in the comments), the band table at every boundary, `check`'s score
//! line, JSON and `--min-score`, and the model's properties.
#![allow(clippy::unwrap_used)]

mod common;

use assert_cmd::Command;
use proptest::prelude::*;

use scaleguard::catalogue::{self, Component};
use scaleguard::diagnostic::Severity;
use scaleguard::score::{NotAssessed, Score, ScoredCheck, Tenths, Verdict};

/// The score of in-memory files, which must have no input errors.
fn score_of(files: &[(&str, &str)]) -> Score {
    let a = common::analyse_texts(files);
    assert!(!a.input_errors, "input errors: {:#?}", a.diagnostics);
    Score::of(a.evaluation.as_ref().unwrap(), &a.model)
}

/// The score of a directory below the package root.
fn score_of_dir(rel: &str) -> Score {
    let a = common::analyse_paths(&[common::root(rel)]);
    assert!(!a.input_errors, "input errors: {:#?}", a.diagnostics);
    Score::of(a.evaluation.as_ref().unwrap(), &a.model)
}

/// One line per component, `name: r = passed / total, band = exact → rounded (level)`, or
/// `name: not assessed: why`, then `overall: x.x (level)`.
fn lines(score: &Score) -> Vec<String> {
    let mut out: Vec<String> = score
        .components
        .iter()
        .map(|c| match c.level {
            Some(level) => format!("{}: {} ({})", c.name, c.explanation(), level.name()),
            None => format!("{}: {}", c.name, c.explanation()),
        })
        .collect();
    out.push(match (score.overall, score.level) {
        (Some(t), Some(level)) => format!("overall: {t} ({})", level.name()),
        _ => "overall: not assessed".to_owned(),
    });
    out
}

const SOLO: &str = r#"
organisation "Solo" {
  sprint 2w
  metrics velocity, value, defects, happiness
}
person alice
team payments {
  product_owner alice
  developers 12
}
"#;

#[test]
fn solo_team_with_problems_scores_each_component_from_its_checks() {
    // One team, not scaled: scaled-only rules (SG101, SG205, SG301, SG402, SG601) are not
    // evaluated, and rules about Scrums of Scrums, EATs, EMSs and backlogs have no subject.
    // Team Process: SG302 pass w3 + SG303 pass w3 + SG501 fail w2 (12 developers, outside
    //   3..9) + SG502 pass w3 + SG503 fail w3 (no Scrum Master) + SG508 `alice` pass w2
    //   + SG509 `alice` pass w2 (SG504 needs a Scrum Master; SG505 and SG507 have no subject)
    //   r = (3+3+3+2+2) / (3+3+2+3+3+2+2) = 13/18; worst error (SG503)
    //   = 2.9 × 13/18 = 2.0944 → 2.1 (Defined)
    // Backlog Decomposition & Refinement: SG506 fail w1, r = 0, worst info = 4.0 (Optimising):
    //   one missing detail does not sink a component to Ad hoc
    // Strategic Vision: SG606 fail w1 (no vision), r = 0, worst info = 4.0 (Optimising)
    // Metrics & Transparency: SG802 pass w1 = 5.0 (Optimising)
    // Overall: r = (13/18 + 0 + 0 + 1) / 4 = 31/72; worst error = 2.9 × 31/72 = 899/720
    //   = 1.2486 → 1.2 (Emerging)
    let score = score_of(&[("org.scale", SOLO)]);
    assert_eq!(
        lines(&score),
        [
            "Team Process: r = 13 / 18, worst error: 2.9 × r = 2.094 → 2.1 (Defined)",
            "Executive Action Team: not assessed: no checks",
            "Continuous Improvement & Impediment Removal: not assessed: no checks",
            "Cross-Team Coordination: not assessed: no checks",
            "Delivery: not assessed: no checks",
            "Executive MetaScrum: not assessed: no checks",
            "Strategic Vision: r = 0 / 1, worst info: 4.0 + 0.9 × r = 4.000 → 4.0 (Optimising)",
            "Backlog Prioritization: not assessed: no checks",
            "Backlog Decomposition & Refinement: r = 0 / 1, worst info: 4.0 + 0.9 × r = 4.000 → 4.0 (Optimising)",
            "Release Planning: not assessed: no checks",
            "Product & Release Feedback: not assessed: no checks",
            "Metrics & Transparency: r = 1 / 1, nothing fails: 5.0 = 5.000 → 5.0 (Optimising)",
            "overall: 1.2 (Emerging)",
        ]
    );
    assert_eq!(score.exact, Some(899.0 / 720.0));
    assert_eq!(score.ratio, Some(31.0 / 72.0));
    assert_eq!((score.worst, score.held_by.as_slice()), (Some(Severity::Error), &["SG503"][..]));
    assert_eq!(score.level_with_reason(), "Emerging: 1 error remains — SG503 team-no-scrum-master");
    let tp = score.component(Component::TeamProcess).unwrap();
    assert_eq!((tp.passed, tp.failed, tp.waived), (5, 2, 0));
    assert_eq!(tp.held_by, ["SG503"]);
}

#[test]
fn severity_overrides_change_weights_and_off_removes_checks() {
    // As `SOLO`, with SG503 lowered to info (weight 1), SG501 and SG606 off.
    // Team Process: SG302 w3 + SG303 w3 + SG502 w3 + SG508 w2 + SG509 w2 pass = 13; SG503
    //   fail w1: r = 13/14, worst info = 4 + 0.9 × 13/14 = 4.8357 → 4.8 (Optimising)
    // Strategic Vision: SG606 off, no checks → not assessed
    // Backlog Decomposition & Refinement: SG506 fail w1, worst info = 4.0
    // Metrics & Transparency: SG802 pass w1 = 5.0
    // Overall: r = (13/14 + 0 + 1) / 3 = 9/14, worst info = 4 + 0.9 × 9/14 = 4.5786 → 4.6
    let policy = r#"
policy {
  severity team-no-scrum-master info
  severity SG501 off
  severity vision-missing off
}
"#;
    let score = score_of(&[("org.scale", SOLO), ("policy.scale", policy)]);
    let l = lines(&score);
    assert_eq!(l[0], "Team Process: r = 13 / 14, worst info: 4.0 + 0.9 × r = 4.836 → 4.8 (Optimising)");
    assert_eq!(l[6], "Strategic Vision: not assessed: no checks");
    assert_eq!(
        l[8],
        "Backlog Decomposition & Refinement: r = 0 / 1, worst info: 4.0 + 0.9 × r = 4.000 → 4.0 (Optimising)"
    );
    assert_eq!(l[11], "Metrics & Transparency: r = 1 / 1, nothing fails: 5.0 = 5.000 → 5.0 (Optimising)");
    assert_eq!(l[12], "overall: 4.6 (Optimising)");
    assert_eq!(score.exact, Some(4.0 + 0.9 * 9.0 / 14.0));
    let tp = score.component(Component::TeamProcess).unwrap();
    assert_eq!((tp.passed, tp.failed, tp.waived), (5, 1, 0));
    assert!(tp.checks.iter().all(|c| c.code() != "SG501"), "an `off` rule has no checks");
    let sg503 = tp.checks.iter().find(|c| c.code() == "SG503").unwrap();
    assert_eq!((sg503.severity, sg503.weight()), (Severity::Info, 1));
}

#[test]
fn waived_checks_are_left_out_and_all_waived_is_not_assessed() {
    // As `SOLO`, with SG503 waived for `payments` (in force until 2027), SG506 waived for
    // every team, and an expired waiver of SG606 (which covers nothing: SG901 fails, but SG9xx
    // belong to no component).
    // Team Process: passes 3+3+3+2+2 = 13; SG501 fail w2; SG503 waived (left out)
    //   r = 13/15, worst warning = 3 + 0.9 × 13/15 = 3.78 → 3.8 (Scaling)
    // Backlog Decomposition & Refinement: SG506 waived, its only check → not assessed
    //   ("all checks waived")
    // Strategic Vision: SG606 fail w1 (the expired waiver covers nothing), worst info = 4.0
    // Metrics & Transparency: SG802 pass = 5.0
    // Overall: r = (13/15 + 0 + 1) / 3 = 28/45, worst warning = 3 + 0.9 × 28/45 = 3.56 → 3.6
    let policy = r#"
policy {
  waive team-no-scrum-master for payments until 2027-01-01 "the Scrum Master joins in July"
  waive SG506 "refinement happens in the product guild"
  waive vision-missing until 2026-01-01 "the vision is being rewritten"
}
"#;
    let score = score_of(&[("org.scale", SOLO), ("policy.scale", policy)]);
    let l = lines(&score);
    assert_eq!(l[0], "Team Process: r = 13 / 15, worst warning: 3.0 + 0.9 × r = 3.780 → 3.8 (Scaling)");
    assert_eq!(l[6], "Strategic Vision: r = 0 / 1, worst info: 4.0 + 0.9 × r = 4.000 → 4.0 (Optimising)");
    assert_eq!(l[8], "Backlog Decomposition & Refinement: not assessed: all checks waived");
    assert_eq!(l[12], "overall: 3.6 (Scaling)");
    assert_eq!(score.level_with_reason(), "Scaling: 1 warning remains — SG501 team-size");
    let tp = score.component(Component::TeamProcess).unwrap();
    assert_eq!((tp.passed, tp.failed, tp.waived), (5, 1, 1));
    let br = score.component(Component::BacklogRefinement).unwrap();
    assert_eq!(br.not_assessed, Some(NotAssessed::AllChecksWaived));
    assert_eq!((br.score, br.exact, br.level), (None, None, None));
    assert_eq!((br.ratio, br.worst, br.held_by.len()), (None, None, 0));
    assert_eq!((br.passed, br.failed, br.waived), (0, 0, 1));
    // SG901 (the expired waiver) is nowhere in the score.
    assert!(score.components.iter().flat_map(|c| &c.checks).all(|c| !c.code().starts_with("SG9")));
}

const DUO: &str = r#"
organisation "Duo" {
  vision "Every shopper pays in one tap"
  sprint 2w starting 2026-01-05
  metrics velocity, value, defects, happiness
}
person alice
person bob
team payments {
  product_owner alice
  scrum_master bob
  developers 5
  event refinement every week
}
team cart {
  product_owner alice
  scrum_master bob
  developers 5
  event refinement every week
}
"#;

#[test]
fn two_teams_without_scaffolding_score_low_on_the_scaled_components() {
    // Two teams make the organisation scaled, with no Scrum of Scrums, EAT or EMS.
    // Team Process: per team SG302 w3 + SG303 w3 + SG501 w2 + SG502 w3 + SG503 w3 + SG504 w2
    //   = 16, twice = 32; SG505 `bob` (2 teams, limit 2) w2 + SG508 `alice` w2 + SG509 `alice`
    //   and `bob` (2 accountabilities each, limit 3) w2 ×2 = 8; all pass: r = 1 = 5.0
    // Executive Action Team: SG101 fail w3: r = 0, worst error = 0.0 (Ad hoc)
    // Continuous Improvement: SG402 fail w3 for each team (no escalation target) = 0.0
    // Cross-Team Coordination: SG205 fail w2 ×2 (no Scrum of Scrums), SG301 pass w3 ×2 (one
    //   cadence): r = 6/10, worst warning = 3 + 0.9 × 0.6 = 3.54 → 3.5 (Scaling)
    // Executive MetaScrum: SG601 fail w2: r = 0, worst warning = 3.0 (Scaling)
    // Strategic Vision: SG606 pass = 5.0; Backlog Refinement: SG506 pass w1 ×2 = 5.0;
    // Metrics & Transparency: SG802 pass = 5.0
    // Overall: r = (1 + 0 + 0 + 0.6 + 0 + 1 + 1 + 1) / 8 = 23/40, worst error
    //   = 2.9 × 23/40 = 1.6675 → 1.7 (Emerging)
    let score = score_of(&[("org.scale", DUO)]);
    assert_eq!(
        lines(&score),
        [
            "Team Process: r = 40 / 40, nothing fails: 5.0 = 5.000 → 5.0 (Optimising)",
            "Executive Action Team: r = 0 / 3, worst error: 2.9 × r = 0.000 → 0.0 (Ad hoc)",
            "Continuous Improvement & Impediment Removal: r = 0 / 6, worst error: 2.9 × r = 0.000 → 0.0 (Ad hoc)",
            "Cross-Team Coordination: r = 6 / 10, worst warning: 3.0 + 0.9 × r = 3.540 → 3.5 (Scaling)",
            "Delivery: not assessed: no checks",
            "Executive MetaScrum: r = 0 / 2, worst warning: 3.0 + 0.9 × r = 3.000 → 3.0 (Scaling)",
            "Strategic Vision: r = 1 / 1, nothing fails: 5.0 = 5.000 → 5.0 (Optimising)",
            "Backlog Prioritization: not assessed: no checks",
            "Backlog Decomposition & Refinement: r = 2 / 2, nothing fails: 5.0 = 5.000 → 5.0 (Optimising)",
            "Release Planning: not assessed: no checks",
            "Product & Release Feedback: not assessed: no checks",
            "Metrics & Transparency: r = 1 / 1, nothing fails: 5.0 = 5.000 → 5.0 (Optimising)",
            "overall: 1.7 (Emerging)",
        ]
    );
    assert_eq!(score.exact, Some(667.0 / 400.0));
    assert_eq!(score.held_by, ["SG101", "SG402"]);
    assert_eq!(
        score.level_with_reason(),
        "Emerging: 3 errors remain — SG101 eat-missing, SG402 escalation-dead-end"
    );
}

#[test]
fn command_and_control_loses_only_on_the_executive_action_team() {
    // examples/command-and-control: SG104 and SG105 (warnings, w2 each) fail for `eat`.
    // Executive Action Team: SG101 pass w3 + SG102 pass w3 + SG103 pass w3 + SG104 fail w2
    //   + SG105 fail w2 + SG107 pass w2: r = 11/15, worst warning = 3 + 0.9 × 11/15 = 3.66
    //   → 3.7 (Scaling)
    // The eleven other components all have checks, and all pass: 5.0 each.
    // Overall: r = (11 + 11/15) / 12 = 44/45, worst warning = 3 + 0.9 × 44/45 = 3.88 → 3.9
    //   (Scaling): two warnings keep the organisation out of Optimising
    let score = score_of_dir("examples/command-and-control");
    let eat = score.component(Component::ExecutiveActionTeam).unwrap();
    assert_eq!(eat.explanation(), "r = 11 / 15, worst warning: 3.0 + 0.9 × r = 3.660 → 3.7");
    assert_eq!((eat.passed, eat.failed, eat.waived), (4, 2, 0));
    for c in &score.components {
        assert!(c.assessed(), "{}", c.name);
        if c.component != Component::ExecutiveActionTeam {
            assert_eq!(c.score, Some(Tenths(50)), "{}", c.name);
        }
    }
    assert!((score.exact.unwrap() - 3.88).abs() < 1e-12);
    assert_eq!(lines(&score).last().unwrap(), "overall: 3.9 (Scaling)");
    assert_eq!(
        score.level_with_reason(),
        "Scaling: 2 warnings remain — SG104 eat-unbacked-authority, SG105 eat-approval-gate"
    );
}

#[test]
fn acme_retail_scores_five_in_every_assessed_component() {
    let score = score_of_dir("examples/acme-retail");
    assert!(score.components.iter().any(|c| c.assessed()));
    for c in &score.components {
        match c.not_assessed {
            None => {
                assert_eq!(c.score, Some(Tenths(50)), "{}", c.name);
                assert_eq!(c.exact, Some(5.0), "{}", c.name);
                assert_eq!(c.failed + c.waived, 0, "{}", c.name);
            }
            Some(why) => assert_eq!(why, NotAssessed::NoChecks, "{}", c.name),
        }
    }
    assert_eq!(lines(&score).last().unwrap(), "overall: 5.0 (Optimising)");
}

#[test]
fn the_explanation_lists_every_check_behind_a_score() {
    let score = score_of(&[("org.scale", SOLO)]);
    let text = score.explain();
    assert!(text.starts_with(
        "Team Process: r = 13 / 18, worst error: 2.9 × r = 2.094 → 2.1\n\
         \x20 SG302 payments pass w3\n\
         \x20 SG303 payments pass w3\n\
         \x20 SG501 payments fail w2\n\
         \x20 SG502 payments pass w3\n\
         \x20 SG503 payments fail w3\n\
         \x20 SG508 alice pass w2\n\
         \x20 SG509 alice pass w2\n\
         Executive Action Team: not assessed: no checks\n"
    ));
    assert!(
        text.ends_with("overall: r = mean of 4 assessed components = 0.431, worst error = 1.249 → 1.2\n"),
        "{text}"
    );
}

#[test]
fn no_component_assessed_means_no_overall_score() {
    let score = Score::from_checks(Vec::new());
    assert_eq!((score.overall, score.exact, score.level), (None, None, None));
    assert!(score.components.iter().all(|c| c.not_assessed == Some(NotAssessed::NoChecks)));
    let json = serde_json::to_value(&score).unwrap();
    assert_eq!(json["overall"], serde_json::Value::Null);
    assert_eq!(json["level"], serde_json::Value::Null);
}

#[test]
fn json_shape_matches_the_spec() {
    let policy = "policy {\n  waive SG506 \"refinement happens in the product guild\"\n}\n";
    let score = score_of(&[("org.scale", SOLO), ("policy.scale", policy)]);
    let json = serde_json::to_value(&score).unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["components", "exact", "held_by", "level", "overall", "ratio", "worst"]);
    let tp = &json["components"][0];
    assert_eq!(
        tp,
        &serde_json::json!({
            "name": "Team Process", "cycle": "scrum_master", "score": 2.1, "exact": 377.0 / 180.0,
            "ratio": 13.0 / 18.0, "worst": "error", "held_by": ["SG503"],
            "level": "Defined", "not_assessed": null, "passed": 5, "failed": 2, "waived": 0
        })
    );
    assert_eq!(json["components"][5]["cycle"], "product_owner");
    assert_eq!(json["components"][11]["cycle"], "shared");
    assert_eq!(
        json["components"][8],
        serde_json::json!({
            "name": "Backlog Decomposition & Refinement", "cycle": "product_owner", "score": null,
            "exact": null, "ratio": null, "worst": null, "held_by": [], "level": null,
            "not_assessed": "all checks waived", "passed": 0, "failed": 0, "waived": 1
        })
    );
    assert_eq!(json["components"][4]["not_assessed"], "no checks");
    // r = (13/18 + 0 + 1) / 3 = 31/54 (the waived component is not assessed), worst error
    //   = 2.9 × 31/54 = 899/540 = 1.6648 → 1.7
    assert_eq!(json["overall"], 1.7);
    assert_eq!(json["exact"], 899.0 / 540.0);
    assert_eq!(json["ratio"], 31.0 / 54.0);
    assert_eq!(json["worst"], "error");
    assert_eq!(json["held_by"], serde_json::json!(["SG503"]));
    assert_eq!(json["level"], "Emerging");
}

// ---- the command line ----

fn scaleguard() -> Command {
    let mut cmd = Command::cargo_bin("scaleguard").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("CI");
    cmd
}

#[test]
fn check_prints_the_score_in_its_summary_line() {
    let out = scaleguard().args(["check", "examples/command-and-control"]).assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.ends_with(
            "scaleguard: 2 warnings in 1 file · score 3.9 (Scaling: 2 warnings remain — SG104 \
             eat-unbacked-authority, SG105 eat-approval-gate)\n"
        ),
        "{stdout}"
    );
    let out = scaleguard().args(["check", "examples/acme-retail"]).assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.ends_with("scaleguard: no findings in 9 files · score 5.0 (Optimising)\n"), "{stdout}");
}

#[test]
fn check_prints_no_score_with_input_errors() {
    let out =
        scaleguard().args(["check", "tests/fixtures/input/SG003-duplicate-across-files"]).assert().code(2);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.ends_with("scaleguard: 1 error in 2 files\n"), "{stdout}");
    let out = scaleguard()
        .args(["check", "tests/fixtures/input/SG003-duplicate-across-files", "--format", "json"])
        .assert()
        .code(2);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(v.get("score").is_none());
}

#[test]
fn check_json_carries_the_full_score() {
    let out =
        scaleguard().args(["check", "examples/command-and-control", "--format", "json"]).assert().code(0);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let expected = serde_json::to_value(score_of_dir("examples/command-and-control")).unwrap();
    assert_eq!(v["score"], expected);
    assert_eq!(v["score"]["overall"], 3.9);
    assert_eq!(v["score"]["worst"], "warning");
    assert_eq!(v["score"]["held_by"], serde_json::json!(["SG104", "SG105"]));
    assert_eq!(v["score"]["components"].as_array().unwrap().len(), 12);
}

#[test]
fn min_score_fails_the_run_below_it() {
    // command-and-control scores 3.9 with warnings only (exit 0 by --fail-on error).
    let run =
        |min: &str| scaleguard().args(["check", "examples/command-and-control", "--min-score", min]).assert();
    run("3.9").code(0);
    run("0").code(0);
    run("3.95").code(1);
    run("4.0").code(1);
    scaleguard().args(["check", "examples/acme-retail", "--min-score", "5"]).assert().code(0);
}

#[test]
fn min_score_is_validated() {
    for bad in ["5.1", "-1", "nan", "high", "inf"] {
        let out = scaleguard()
            .args(["check", "examples/acme-retail", &format!("--min-score={bad}")])
            .assert()
            .code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(stderr.contains("write a number from 0.0 to 5.0"), "{bad}: {stderr}");
    }
}

// ---- properties ----

/// Rules that score a component (not input errors, not SG9xx).
fn scored_rules() -> Vec<usize> {
    catalogue::rules().iter().enumerate().filter(|(_, r)| r.component.is_some()).map(|(i, _)| i).collect()
}

fn arb_check() -> impl Strategy<Value = ScoredCheck> {
    let rules = scored_rules();
    (
        prop::sample::select(rules),
        prop::sample::select(vec![Severity::Error, Severity::Warning, Severity::Info]),
        prop::sample::select(vec![Verdict::Passed, Verdict::Failed, Verdict::Waived]),
        0u8..4,
    )
        .prop_map(|(rule, severity, verdict, s)| ScoredCheck {
            rule,
            subject: format!("s{s}"),
            severity,
            verdict,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn fixing_one_failed_check_never_lowers_a_score(
        checks in prop::collection::vec(arb_check(), 1..40),
        pick in any::<prop::sample::Index>(),
    ) {
        let failed: Vec<usize> =
            checks.iter().enumerate().filter(|(_, c)| c.verdict == Verdict::Failed).map(|(i, _)| i).collect();
        prop_assume!(!failed.is_empty());
        let i = failed[pick.index(failed.len())];
        let mut fixed = checks.clone();
        fixed[i].verdict = Verdict::Passed;
        let before = Score::from_checks(checks);
        let after = Score::from_checks(fixed);
        for (b, a) in before.components.iter().zip(&after.components) {
            prop_assert_eq!(b.not_assessed, a.not_assessed);
            prop_assert!(a.score >= b.score, "{}: {:?} -> {:?}", b.name, b.score, a.score);
            prop_assert!(a.exact >= b.exact, "{}: {:?} -> {:?}", b.name, b.exact, a.exact);
        }
        prop_assert!(after.overall >= before.overall);
        prop_assert!(after.exact >= before.exact);
    }

    #[test]
    fn checks_without_failures_score_five_wherever_assessed(
        checks in prop::collection::vec(arb_check(), 0..40),
    ) {
        let clean: Vec<ScoredCheck> =
            checks.into_iter().map(|mut c| { if c.verdict == Verdict::Failed { c.verdict = Verdict::Passed } c }).collect();
        let score = Score::from_checks(clean);
        for c in &score.components {
            if c.assessed() {
                prop_assert_eq!(c.score, Some(Tenths(50)));
                prop_assert_eq!(c.exact, Some(5.0));
            }
        }
        if score.overall.is_some() {
            prop_assert_eq!(score.overall, Some(Tenths(50)));
        }
    }

    #[test]
    fn check_order_changes_nothing(
        checks in prop::collection::vec(arb_check(), 0..40).prop_shuffle(),
    ) {
        let mut sorted = checks.clone();
        sorted.sort();
        prop_assert_eq!(Score::from_checks(checks), Score::from_checks(sorted));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn a_generated_organisation_without_findings_scores_five(teams in 2usize..24, seed in 0u64..1000) {
        let g = scaleguard_testkit::generate::generate(&scaleguard_testkit::generate::Options {
            teams, seed, inject: Vec::new(), chunk: 5,
        });
        let files: Vec<(&str, &str)> = g.files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        let a = common::analyse_texts(&files);
        prop_assert!(a.diagnostics.is_empty());
        let score = Score::of(a.evaluation.as_ref().unwrap(), &a.model);
        for c in &score.components {
            if c.assessed() {
                prop_assert_eq!(c.score, Some(Tenths(50)), "{}", c.name);
            }
        }
        prop_assert_eq!(score.overall, Some(Tenths(50)));
    }

    #[test]
    fn file_and_item_order_change_nothing(
        example in prop::sample::select(vec![
            "examples/acme-retail",
            "examples/command-and-control",
            "examples/escalation-cycle",
            "examples/cadence-drift",
        ]),
        files in 1usize..5,
        seed in any::<u64>(),
    ) {
        let original = score_of_dir(example);
        let items = items_of(example);
        let shuffled = shuffle(items, seed);
        let mut texts = vec![String::new(); files];
        for (i, item) in shuffled.iter().enumerate() {
            texts[i % files].push_str(item);
            texts[i % files].push('\n');
        }
        let names: Vec<String> = (0..files).map(|i| format!("part-{i}.scale")).collect();
        let pairs: Vec<(&str, &str)> = names.iter().map(String::as_str).zip(texts.iter().map(String::as_str)).collect();
        prop_assert_eq!(score_of(&pairs), original);
    }
}

/// The top-level items of every `.scale` file below `rel`: an item starts at a line that
/// begins in column 0 with a word (not `}`, `#` or a blank).
fn items_of(rel: &str) -> Vec<String> {
    let mut items = Vec::new();
    for entry in walk(&common::root(rel)) {
        let text = std::fs::read_to_string(entry).unwrap();
        let mut current = String::new();
        for line in text.lines() {
            let starts_item = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if starts_item && !current.trim().is_empty() {
                items.push(std::mem::take(&mut current));
            }
            current.push_str(line);
            current.push('\n');
        }
        if !current.trim().is_empty() {
            items.push(current);
        }
    }
    items
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "scale") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// A deterministic Fisher–Yates shuffle driven by a 64-bit LCG.
fn shuffle<T>(mut items: Vec<T>, mut seed: u64) -> Vec<T> {
    for i in (1..items.len()).rev() {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let j = ((seed >> 33) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
    items
}

/// `Score::summary` (what `check` prints) gives exactly the numbers of `Score::of` (what
/// `assess` explains), only without the list of checks.
#[test]
fn summary_and_full_score_agree() {
    for dir in [
        "examples/acme-retail",
        "examples/escalation-cycle",
        "examples/cadence-drift",
        "tests/fixtures/formats/mixed",
    ] {
        let a = common::analyse_paths(&[std::path::PathBuf::from(dir)]);
        let e = a.evaluation.as_ref().unwrap();
        let mut full = Score::of(e, &a.model);
        for c in &mut full.components {
            c.checks.clear();
        }
        assert_eq!(Score::summary(e), full, "{dir}");
    }
}

// ---- maturity model v2: bands ----

/// Checks of one component (Team Process, via SG501's rule index) with the given verdicts.
fn team_process(checks: &[(Severity, Verdict, usize)]) -> Vec<ScoredCheck> {
    let rule = catalogue::index_of("SG501").unwrap();
    let mut out = Vec::new();
    for (i, (severity, verdict, count)) in checks.iter().enumerate() {
        for n in 0..*count {
            out.push(ScoredCheck {
                rule,
                subject: format!("s{i}-{n}"),
                severity: *severity,
                verdict: *verdict,
            });
        }
    }
    out
}

/// `(rounded, exact, level)` of the Team Process component and the overall score of `checks`
/// (one component, so both must agree).
fn banded(checks: &[(Severity, Verdict, usize)]) -> (String, f64, &'static str) {
    let score = Score::from_checks(team_process(checks));
    let tp = score.component(Component::TeamProcess).unwrap();
    assert_eq!((tp.score, tp.exact, tp.level), (score.overall, score.exact, score.level));
    (tp.score.unwrap().to_string(), tp.exact.unwrap(), tp.level.unwrap().name())
}

#[test]
fn the_band_table_holds_at_every_boundary() {
    use Severity::{Error, Info, Warning};
    use Verdict::{Failed, Passed};
    // None fails: 5.0 whatever the weights.
    assert_eq!(banded(&[(Error, Passed, 3), (Info, Passed, 1)]), ("5.0".into(), 5.0, "Optimising"));
    // Info: 4.0 + 0.9 r, from 4.0 (r = 0) to just below 4.9.
    assert_eq!(banded(&[(Info, Failed, 1)]), ("4.0".into(), 4.0, "Optimising"));
    assert_eq!(banded(&[(Info, Failed, 1), (Info, Passed, 99)]), ("4.9".into(), 4.891, "Optimising"));
    // Warning: 3.0 + 0.9 r, from 3.0 to just below 3.9.
    assert_eq!(banded(&[(Warning, Failed, 1)]), ("3.0".into(), 3.0, "Scaling"));
    assert_eq!(banded(&[(Warning, Failed, 1), (Info, Passed, 198)]), ("3.9".into(), 3.891, "Scaling"));
    // Error: 2.9 r, from 0.0 to just below 2.9.
    assert_eq!(banded(&[(Error, Failed, 1)]), ("0.0".into(), 0.0, "Ad hoc"));
    assert_eq!(
        banded(&[(Error, Failed, 1), (Info, Passed, 297)]),
        ("2.9".into(), 2.9 * 297.0 / 300.0, "Defined")
    );
    // Exact rationals round half away from zero where a float would not: 2.9 × 1/2 = 1.45
    // (1.4499999… as a double) is 1.5; 3 + 0.9 × 1/2 = 3.45 is 3.5; 4 + 0.9 × 1/2 = 4.45 is 4.5.
    assert_eq!(banded(&[(Error, Failed, 1), (Error, Passed, 1)]).0, "1.5");
    assert_eq!(banded(&[(Warning, Failed, 1), (Warning, Passed, 1)]).0, "3.5");
    assert_eq!(banded(&[(Info, Failed, 1), (Info, Passed, 1)]).0, "4.5");
    // The worst severity picks the band, whatever the ratio: one warning among many infos.
    assert_eq!(banded(&[(Warning, Failed, 1), (Info, Failed, 50), (Error, Passed, 1)]).2, "Scaling");
    // Levels at the rounded edges: 0.95 → 1.0 Emerging, 1.95 → 2.0 Defined.
    let r = |passed: usize, failed: usize| banded(&[(Error, Failed, failed), (Error, Passed, passed)]);
    assert_eq!(r(19, 39).0, "1.0"); // 2.9 × 19/58 = 0.95
    assert_eq!(r(19, 39).2, "Emerging");
    assert_eq!(r(39, 19).0, "2.0"); // 2.9 × 39/58 = 1.95
    assert_eq!(r(39, 19).2, "Defined");
}

#[test]
fn a_single_info_finding_in_a_one_check_component_scores_at_least_four() {
    // SOLO's Strategic Vision has one check, SG606 (info), and it fails.
    let score = score_of(&[("org.scale", SOLO)]);
    let sv = score.component(Component::StrategicVision).unwrap();
    assert_eq!((sv.passed, sv.failed), (0, 1));
    assert_eq!(sv.score, Some(Tenths(40)));
    assert_eq!(sv.level_with_reason(), "Optimising: 1 info finding remains — SG606 vision-missing");
}

#[test]
fn an_escalation_loop_and_a_status_meeting_keep_an_otherwise_clean_organisation_at_defined() {
    let dir = common::acme_with_a_loop_and_a_status_meeting();
    let a = common::analyse_paths(&[dir.path().to_path_buf()]);
    assert!(!a.input_errors, "{:#?}", a.diagnostics);
    let codes: std::collections::BTreeSet<&str> = a.diagnostics.iter().map(|d| d.code.code).collect();
    assert!(codes.contains("SG401") && codes.contains("SG201"), "{codes:?}");
    let score = Score::of(a.evaluation.as_ref().unwrap(), &a.model);
    let overall = score.overall.unwrap();
    assert!(overall <= Tenths(29), "{overall}");
    assert_eq!(score.level.unwrap().name(), "Defined");
    assert_eq!(score.worst, Some(Severity::Error));
    assert!(score.held_by.contains(&"SG401") && score.held_by.contains(&"SG201"), "{:?}", score.held_by);
    let ctc = score.component(Component::CrossTeamCoordination).unwrap();
    assert!(ctc.score.unwrap() <= Tenths(29), "Cross-Team Coordination {:?}", ctc.score);
    assert!(score.level_with_reason().starts_with("Defined: "), "{}", score.level_with_reason());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The bands are ordered: a component whose worst finding is an error never reaches a
    /// warning's band, a warning never an info's, an info never 5.0.
    #[test]
    fn the_worst_severity_bounds_the_score(checks in prop::collection::vec(arb_check(), 1..40)) {
        let score = Score::from_checks(checks);
        for c in score.components.iter().filter(|c| c.assessed()) {
            let t = c.score.unwrap();
            match c.worst {
                None => prop_assert_eq!(t, Tenths(50)),
                Some(Severity::Info) => prop_assert!(Tenths(40) <= t && t <= Tenths(49)),
                Some(Severity::Warning) => prop_assert!(Tenths(30) <= t && t <= Tenths(39)),
                Some(Severity::Error) => prop_assert!(t <= Tenths(29)),
            }
            let worst_failing = c.checks.iter().filter(|x| x.verdict == Verdict::Failed).map(|x| x.severity).max();
            prop_assert_eq!(c.worst, worst_failing);
        }
    }
}

#[test]
fn every_example_scores_as_its_snapshot_says() {
    // Every component and the overall score of every bundled example, with what holds each.
    let mut out = String::new();
    for example in
        ["acme-retail", "cadence-drift", "command-and-control", "escalation-cycle", "status-only-sos"]
    {
        let score = score_of_dir(&format!("examples/{example}"));
        out.push_str(&format!("## {example}\n"));
        for c in &score.components {
            let level = if c.assessed() { c.level_with_reason() } else { String::new() };
            out.push_str(&format!("{}: {} {level}\n", c.name, c.explanation()));
        }
        out.push_str(&format!(
            "overall: {} {}\n\n",
            score.overall.map_or("not assessed".to_owned(), |t| t.to_string()),
            score.level_with_reason()
        ));
    }
    insta::assert_snapshot!(out);
}
