//! `scaleguard diff`: each kind of change, findings matched by code, subject and message
//! (never by line), scores per component, and the three output formats. The organisation
//! changed is the one `scaleguard init` writes (clean, five files).
#![allow(clippy::unwrap_used)]

mod common;

use assert_cmd::Command;
use scaleguard::diff::{Category, Diff, FindingStatus, Sides, Status, diff, human, json, markdown};

type Files = Vec<(String, String)>;

fn base() -> Files {
    scaleguard::init::FILES.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect()
}

/// `files` with `from` replaced by `to` in the file `name` (which must hold `from`).
fn edit(mut files: Files, name: &str, from: &str, to: &str) -> Files {
    let file = files.iter_mut().find(|(n, _)| n == name).unwrap();
    assert!(file.1.contains(from), "{name} does not hold {from:?}");
    file.1 = file.1.replacen(from, to, 1);
    files
}

fn analyse(files: &Files) -> scaleguard::Analysis {
    let texts: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    common::analyse_texts(&texts)
}

fn run(old: &Files, new: &Files) -> Diff {
    diff(&analyse(old), &analyse(new))
}

/// Each change as `kind id status` and its facts as `  category field: summary`.
fn outline(d: &Diff) -> Vec<String> {
    let mut out = Vec::new();
    for c in &d.changes {
        let from = c.renamed_from.as_deref().map_or_else(String::new, |f| format!(" from {f}"));
        out.push(format!("{} {} {:?}{from}", c.kind, c.id, c.status));
        for f in &c.facts {
            out.push(format!("  {:?} {}: {}", f.category, f.field, f.summary));
        }
    }
    out
}

fn findings(d: &Diff, status: FindingStatus) -> Vec<String> {
    d.findings
        .iter()
        .filter(|f| f.status == status)
        .map(|f| format!("{} {}", f.code, f.subject.as_deref().unwrap_or("")))
        .collect()
}

#[test]
fn a_tree_diffed_against_itself_reports_nothing() {
    let d = run(&base(), &base());
    assert!(d.is_empty(), "{:?}", outline(&d));
    assert!(!d.regressed());
    let text = human(&d, Sides { old: "a", new: "b" }, false);
    assert_eq!(
        text,
        "scaleguard diff a -> b\n\nscaleguard: no change to the organisation, 0 findings introduced, 0 resolved; score 5.0 -> 5.0\n"
    );
}

#[test]
fn moving_an_item_between_files_is_not_a_change() {
    let portfolio = "backlog portfolio \"Portfolio backlog\" {\n  owner pat\n  wip_limit 8\n}\n";
    let moved = edit(base(), "leadership.scale", portfolio, "");
    let mut moved = edit(
        moved,
        "org.scale",
        "# One Definition of Done",
        &format!("{portfolio}\n# One Definition of Done"),
    );
    // And a new file for one more item, taken from another.
    moved = edit(moved, "people.scale", "person rosa \"Rosa Reyes\"\n", "");
    moved.push(("more/rosa.scale".to_owned(), "\n\n   person   rosa  \"Rosa Reyes\"   # moved\n".to_owned()));
    let d = run(&base(), &moved);
    assert!(d.is_empty(), "{:?}", outline(&d));
}

#[test]
fn findings_are_matched_by_code_subject_and_message_not_by_line() {
    let with_finding = edit(
        base(),
        "teams.scale",
        "  depends_on web\n",
        "  depends_on web\n  depends_on product_owner_typo\n",
    );
    let old = edit(
        with_finding.clone(),
        "teams.scale",
        "  backlog product_backlog\n",
        "  backlog product_backlog\n",
    );
    // The same finding, many lines further down.
    let new = edit(with_finding, "teams.scale", "# Scrum teams", "#\n#\n#\n#\n#\n# Scrum teams");
    let d = run(&old, &new);
    assert!(d.findings.is_empty(), "{:?}", d.findings);
}

#[test]
fn teams_added_and_removed() {
    let added = edit(
        base(),
        "teams.scale",
        "# The Scrum of Scrums:",
        "team data \"Data\" {\n  product_owner rosa\n  scrum_master quinn\n  developers 5\n}\n\n# The Scrum of Scrums:",
    );
    let d = run(&base(), &added);
    assert_eq!(outline(&d), ["team data Added"]);
    assert!(findings(&d, FindingStatus::Introduced).contains(&"SG205 data".to_owned()));
    let d = run(&added, &base());
    assert_eq!(outline(&d), ["team data Removed"]);
    assert!(findings(&d, FindingStatus::Resolved).contains(&"SG205 data".to_owned()));
}

/// Renames `web` to `website` everywhere: in its header and in every reference.
fn renamed() -> Files {
    base()
        .into_iter()
        .map(|(n, t)| {
            let t = t
                .replace("team web ", "team website ")
                .replace("members web,", "members website,")
                .replace("depends_on web", "depends_on website");
            (n, t)
        })
        .collect()
}

#[test]
fn a_rename_is_one_change_and_does_not_ripple() {
    let d = run(&base(), &renamed());
    assert_eq!(outline(&d), ["team website Renamed from web"]);
    assert!(d.findings.is_empty(), "{:?}", d.findings);
}

#[test]
fn a_team_moved_between_scrums_of_scrums() {
    let new = edit(base(), "teams.scale", "  members web, mobile, platform\n", "  members web, mobile\n");
    let new = edit(
        new,
        "teams.scale",
        "backlog product_backlog \"Product backlog\"",
        "scrum_of_scrums infra {\n  members platform\n  escalates_to product\n}\n\nbacklog product_backlog \"Product backlog\"",
    );
    let d = run(&base(), &new);
    let o = outline(&d);
    assert!(o.contains(&"team platform Changed".to_owned()), "{o:#?}");
    assert!(
        o.contains(
            &"  Membership scrums_of_scrums: moved from Scrum of Scrums `product` to Scrum of Scrums `infra`"
                .to_owned()
        ),
        "{o:#?}"
    );
    assert!(
        o.contains(&"  Escalation escalation_target: escalation target `product` -> `infra`".to_owned()),
        "{o:#?}"
    );
    assert!(o.contains(&"scrum_of_scrums infra Added".to_owned()), "{o:#?}");
    assert!(o.contains(&"  Membership members: members: removed `platform`".to_owned()), "{o:#?}");
}

#[test]
fn role_holders_changed() {
    let new = edit(base(), "teams.scale", "  scrum_master ben\n", "  scrum_master chris\n");
    let new = edit(new, "teams.scale", "  scrum_of_scrums_master sam\n", "  scrum_of_scrums_master ben\n");
    let d = run(&base(), &new);
    assert_eq!(
        outline(&d),
        [
            "team web Changed",
            "  Role scrum_master: Scrum Master `ben` -> `chris`",
            "scrum_of_scrums product Changed",
            "  Role scrum_of_scrums_master: Scrum of Scrums Master `sam` -> `ben`",
        ]
    );
}

#[test]
fn cadence_changes_show_the_declared_and_the_effective_cadence() {
    let new = edit(
        base(),
        "teams.scale",
        "  backlog product_backlog\n  definition_of_done shared_dod\n  depends_on web\n",
        "  sprint 3w\n  backlog product_backlog\n  definition_of_done shared_dod\n  depends_on web\n",
    );
    let d = run(&base(), &new);
    assert_eq!(
        outline(&d),
        [
            "team mobile Changed",
            "  Cadence sprint: sprint `3w` given",
            "  Cadence effective_cadence: effective cadence `2w starting 2026-01-05 (the organisation's)` -> `3w`",
        ]
    );
    assert_eq!(findings(&d, FindingStatus::Introduced), ["SG301 mobile"]);
    let s = d.scores.as_ref().unwrap();
    let coordination = s.components.iter().find(|c| c.name == "Cross-Team Coordination").unwrap();
    assert!(coordination.dropped, "{coordination:?}");
    assert!(d.regressed());
}

#[test]
fn eat_authority_and_membership_changes() {
    let new = edit(
        base(),
        "leadership.scale",
        "  members erin\n  product_owner erin\n",
        "  members erin, chris\n  product_owner erin\n",
    );
    let new = edit(
        new,
        "leadership.scale",
        "  authority budget, structure, policy\n",
        "  authority budget, structure, policy, staffing\n",
    );
    let d = run(&base(), &new);
    assert_eq!(
        outline(&d),
        [
            "executive_action_team eat Changed",
            "  EatMembership members: members: added `chris`",
            "  EatAuthority authority: authority: added `staffing`",
        ]
    );
    assert_eq!(findings(&d, FindingStatus::Introduced), ["SG104 eat"]);
}

#[test]
fn escalation_changes() {
    let new = edit(base(), "teams.scale", "  depends_on web\n", "  depends_on web\n  escalates_to eat\n");
    let d = run(&base(), &new);
    assert_eq!(
        outline(&d),
        [
            "team mobile Changed",
            "  Escalation escalates_to: escalates_to `eat` given",
            "  Escalation escalation_target: escalation target `product` -> `eat`",
        ]
    );
    assert_eq!(findings(&d, FindingStatus::Introduced), ["SG403 mobile"]);
}

#[test]
fn waiving_a_finding_is_reported_as_waived_not_resolved() {
    let old = edit(base(), "teams.scale", "  depends_on web\n", "  depends_on web\n  escalates_to eat\n");
    let new = edit(
        old.clone(),
        "policy.scale",
        "  max_sprint 4w\n",
        "  max_sprint 4w\n  waive escalation-bypass for mobile \"mobile reports to the EAT until the re-org\"\n",
    );
    let d = run(&old, &new);
    assert_eq!(findings(&d, FindingStatus::Waived), ["SG403 mobile"]);
    assert!(findings(&d, FindingStatus::Resolved).is_empty());
    assert_eq!(outline(&d)[0], "policy policy Changed");
    assert!(d.changes[0].facts.iter().all(|f| f.category == Category::Policy));
}

#[test]
fn the_three_formats_of_one_diff() {
    let new =
        edit(renamed(), "teams.scale", "  scrum_of_scrums_master sam\n", "  scrum_of_scrums_master ben\n");
    let new =
        edit(new, "teams.scale", "  depends_on website\n", "  depends_on website\n  escalates_to eat\n");
    let d = run(&base(), &new);
    assert_eq!(
        d.changes.iter().map(|c| c.status).collect::<Vec<_>>(),
        [Status::Changed, Status::Renamed, Status::Changed]
    );
    let sides = Sides { old: "before", new: "after" };
    insta::assert_snapshot!("human", human(&d, sides, false));
    insta::assert_snapshot!("markdown", markdown(&d, sides));
    let value: serde_json::Value = serde_json::from_str(&json(&d, sides)).unwrap();
    insta::assert_json_snapshot!("json", value);
}

// ---------------------------------------------------------------------------------------------
// The command.

fn scaleguard() -> Command {
    let mut cmd = Command::cargo_bin("scaleguard").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("CI");
    cmd
}

fn write(dir: &std::path::Path, files: &Files) {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn exit_codes_follow_check_on_the_new_side() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new, broken) = (dir.path().join("old"), dir.path().join("new"), dir.path().join("broken"));
    write(&old, &base());
    let worse = edit(base(), "teams.scale", "  depends_on web\n", "  depends_on web\n  sprint 3w\n");
    write(&new, &worse);
    write(&broken, &edit(base(), "teams.scale", "  depends_on web\n", "  depends_on nobody\n"));
    scaleguard().arg("diff").arg(&old).arg(&old).assert().code(0);
    // SG301 is an error: the new side fails as `check` would.
    scaleguard().arg("diff").arg(&old).arg(&new).assert().code(1);
    // The old side's findings do not count.
    scaleguard().arg("diff").arg(&new).arg(&old).assert().code(0);
    scaleguard().arg("diff").arg(&old).arg(&broken).assert().code(2);
    scaleguard().arg("diff").arg(&broken).arg(&old).assert().code(0);
    scaleguard().arg("diff").arg(&old).arg(dir.path().join("missing")).assert().code(2);
}

#[test]
fn fail_on_regression_fails_when_a_component_score_drops() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    write(&old, &base());
    // A warning only (SG403): `check` passes, the Continuous Improvement score drops.
    write(&new, &edit(base(), "teams.scale", "  depends_on web\n", "  depends_on web\n  escalates_to eat\n"));
    scaleguard().arg("diff").arg(&old).arg(&new).assert().code(0);
    scaleguard().arg("diff").arg(&old).arg(&new).arg("--fail-on-regression").assert().code(1);
    scaleguard().arg("diff").arg(&new).arg(&old).arg("--fail-on-regression").assert().code(0);
    let out = scaleguard().arg("diff").arg(&old).arg(&new).args(["--format", "json"]).assert().code(0);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["regressed"], true);
    let out = scaleguard().arg("diff").arg(&old).arg(&new).args(["--color", "always"]).assert().code(0);
    assert!(out.get_output().stdout.contains(&0x1b));
}
