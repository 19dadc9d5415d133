//! `scaleguard graph`: the DOT of every example and view renders with Graphviz, findings are
//! drawn (red, or grey when waived), the EAT is distinct, and labels are escaped.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use scaleguard::export::graph::{Format, Mark, NodeKind, View, build, render};

const VIEWS: [View; 3] = [View::Membership, View::Escalation, View::Dependencies];

fn examples() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(common::root("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Whether Graphviz's `dot` can be run. Without it the render test is skipped with a
/// message, except under `CI=true`, where `.ci/run` installs it and its absence fails.
fn have_dot() -> bool {
    let found = Process::new("dot").arg("-V").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok();
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Graphviz `dot` is missing under CI=true; .ci/run installs the Debian package `graphviz`"
        );
        eprintln!("skipped: Graphviz `dot` is not installed (apt-get install graphviz)");
    }
    found
}

fn dot_renders(source: &str) -> Result<(), String> {
    let mut child = Process::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    child.stdin.take().unwrap().write_all(source.as_bytes()).map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let svg = String::from_utf8_lossy(&out.stdout);
    if out.status.success() && out.stderr.is_empty() && svg.contains("<svg") {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn the_dot_of_every_example_and_view_renders_with_graphviz() {
    if !have_dot() {
        return;
    }
    for dir in examples() {
        let a = common::analyse_paths(std::slice::from_ref(&dir));
        for view in VIEWS {
            let dot = render(&a.model, a.evaluation.as_ref(), view, Format::Dot);
            if let Err(e) = dot_renders(&dot) {
                panic!("{} {}: dot failed: {e}\n{dot}", dir.display(), view.name());
            }
        }
    }
}

const HOSTILE: &str = r#"organisation "Hostile \"names\" & #1 %%{init}%%" {
  sprint 2w
}
person p "P"
team end "The \"end\" team #1 <script>x</script> `code` [x] (y) {z} | pipe\nnewline \\ slash" {
  product_owner p
  depends_on graph
}
team graph "subgraph end --> x" {
  depends_on end
}
scrum_of_scrums style "classDef %% comment" {
  members end, graph
  escalates_to eat
}
executive_action_team eat "EAT" {
  members p
}
"#;

#[test]
fn hostile_names_render_in_both_formats() {
    let a = common::analyse_texts(&[("org.scale", HOSTILE)]);
    assert!(!a.input_errors, "{:?}", a.diagnostics);
    let mermaid = render(&a.model, a.evaluation.as_ref(), View::Dependencies, Format::Mermaid);
    insta::assert_snapshot!(mermaid);
    if have_dot() {
        for view in VIEWS {
            let dot = render(&a.model, a.evaluation.as_ref(), view, Format::Dot);
            dot_renders(&dot).unwrap();
        }
    }
}

#[test]
fn an_escalation_cycle_is_drawn_in_red_in_both_formats() {
    let a = common::analyse_paths(&[common::root("examples/escalation-cycle")]);
    insta::assert_snapshot!(
        "escalation_dot",
        render(&a.model, a.evaluation.as_ref(), View::Escalation, Format::Dot)
    );
    insta::assert_snapshot!(
        "escalation_mermaid",
        render(&a.model, a.evaluation.as_ref(), View::Escalation, Format::Mermaid)
    );
    let g = build(&a.model, a.evaluation.as_ref(), View::Escalation);
    let red: Vec<(&str, &str)> = g
        .edges
        .iter()
        .filter(|e| e.mark == Mark::Finding)
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect();
    assert_eq!(red, [("kiosk", "web"), ("web", "kiosk")]);
    let dead: Vec<&str> = g.nodes.iter().filter(|n| n.mark == Mark::Finding).map(|n| n.id.as_str()).collect();
    assert_eq!(dead, ["basket", "search"]);
    assert!(g.nodes.iter().any(|n| n.id == "eat" && n.kind == NodeKind::Eat));
}

/// Snapshots the membership view of `examples/<example>` in both formats (`<name>_dot`,
/// `<name>_mermaid`) and returns its red nodes and whether any edge is marked.
fn membership_of(example: &str, name: &str) -> (Vec<String>, bool) {
    let a = common::analyse_paths(&[common::root(&format!("examples/{example}"))]);
    for (format, suffix) in [(Format::Dot, "dot"), (Format::Mermaid, "mermaid")] {
        insta::assert_snapshot!(
            format!("{name}_{suffix}"),
            render(&a.model, a.evaluation.as_ref(), View::Membership, format)
        );
    }
    let g = build(&a.model, a.evaluation.as_ref(), View::Membership);
    let red = g.nodes.iter().filter(|n| n.mark == Mark::Finding).map(|n| n.id.clone()).collect();
    (red, g.edges.iter().any(|e| e.mark != Mark::None))
}

#[test]
fn a_status_only_scrum_of_scrums_is_drawn_in_red_in_both_formats() {
    // SG201 is not a membership rule, but it is about `mobile`, a unit on the picture.
    assert_eq!(
        membership_of("status-only-sos", "status_only_membership"),
        (vec!["mobile".to_owned()], false)
    );
}

#[test]
fn a_three_week_team_is_drawn_in_red_in_both_formats() {
    // cadence-drift: `kiosk` runs 3-week sprints and `pricing` starts three days late (SG301).
    let red = vec!["kiosk".to_owned(), "pricing".to_owned()];
    assert_eq!(membership_of("cadence-drift", "cadence_drift_membership"), (red, false));
}

/// status-only-sos with an actionable agenda, a 3-week `transfers` over `max_sprint 2w`
/// (SG303; SG301 `off`), and an `onboarding` of 2 developers whose SG501 is waived.
fn sprint_too_long() -> scaleguard::Analysis {
    let dir = common::root("examples/status-only-sos");
    let org = std::fs::read_to_string(dir.join("org.scale")).unwrap()
        + "policy {\n  max_sprint 2w\n  severity cadence-unsynchronised off\n  \
           waive team-size for onboarding \"two developers join next sprint\"\n}\n";
    let teams = std::fs::read_to_string(dir.join("teams.scale"))
        .unwrap()
        .replace("agenda status", "agenda impediments, dependencies")
        .replace("developers 5", "developers 2")
        .replace("developers 6", "developers 6\n  sprint 3w starting 2026-01-05");
    common::analyse_texts(&[("org.scale", &org), ("teams.scale", &teams)])
}

#[test]
fn membership_marks_any_finding_about_a_unit_and_mutes_waived_ones() {
    let a = sprint_too_long();
    assert!(!a.input_errors, "{:?}", a.diagnostics);
    let found: Vec<(&str, Option<&str>, bool)> =
        a.diagnostics.iter().map(|d| (d.code.code, d.subject.as_deref(), d.waived.is_some())).collect();
    assert_eq!(found, [("SG501", Some("onboarding"), true), ("SG303", Some("transfers"), false)]);
    let g = build(&a.model, a.evaluation.as_ref(), View::Membership);
    let marks: Vec<(&str, Mark)> = g.nodes.iter().map(|n| (n.id.as_str(), n.mark)).collect();
    assert_eq!(
        marks,
        [
            ("eat", Mark::None),
            ("mobile", Mark::None),
            ("onboarding", Mark::Waived),
            ("transfers", Mark::Finding)
        ]
    );
    let dot = render(&a.model, a.evaluation.as_ref(), View::Membership, Format::Dot);
    assert!(
        dot.contains(r##""transfers" [label="Transfers\ntransfers", color="#d73a49", fontcolor="#d73a49", penwidth=2.5];"##),
        "{dot}"
    );
    let mermaid = render(&a.model, a.evaluation.as_ref(), View::Membership, Format::Mermaid);
    assert!(mermaid.contains("  class n3 finding\n") && mermaid.contains("  class n2 waived\n"), "{mermaid}");
}

const WAIVED: &str = r#"organisation "O" {
  sprint 2w
}
person p
executive_action_team eat {
  members p
}
team a {
}
team b {
}
scrum_of_scrums s {
  members a, b
}
policy {
  waive escalation-dead-end for a "s gets its escalation path next sprint"
}
"#;

#[test]
fn waived_findings_are_muted() {
    let a = common::analyse_texts(&[("org.scale", WAIVED)]);
    let g = build(&a.model, a.evaluation.as_ref(), View::Escalation);
    let marks: Vec<(&str, Mark)> = g.nodes.iter().map(|n| (n.id.as_str(), n.mark)).collect();
    assert_eq!(marks, [("eat", Mark::None), ("s", Mark::Finding), ("a", Mark::Waived), ("b", Mark::Finding)]);
    let dot = render(&a.model, a.evaluation.as_ref(), View::Escalation, Format::Dot);
    assert!(
        dot.contains(r##""a" [label="a", color="#9a9a9a", fontcolor="#9a9a9a", peripheries=2];"##),
        "{dot}"
    );
    let mermaid = render(&a.model, a.evaluation.as_ref(), View::Escalation, Format::Mermaid);
    assert!(mermaid.contains("  class n2 waived\n"), "{mermaid}");
}

#[test]
fn dependencies_are_grouped_by_scrum_of_scrums() {
    let a = common::analyse_paths(&[common::root("examples/acme-retail")]);
    let g = build(&a.model, a.evaluation.as_ref(), View::Dependencies);
    let groups: Vec<&str> = g.groups.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(groups, ["catalogue", "checkout", "fulfilment", "retail"]);
    let cart = g.nodes.iter().find(|n| n.id == "cart").unwrap();
    assert_eq!(cart.group.map(|i| g.groups[i].id.as_str()), Some("checkout"));
    assert!(g.edges.iter().all(|e| e.mark == Mark::None));
}

fn scaleguard() -> Command {
    let mut cmd = Command::cargo_bin("scaleguard").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("CI");
    cmd
}

#[test]
fn the_command_prints_the_picture_and_refuses_bad_input() {
    let out = scaleguard()
        .args(["graph", "examples/status-only-sos", "--view", "membership", "--format", "mermaid"])
        .assert()
        .code(0);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).starts_with("flowchart BT\n"));
    scaleguard().args(["graph", "examples/status-only-sos", "--view", "org-chart"]).assert().code(2);
    scaleguard().args(["graph", "tests/fixtures/input/SG003-duplicate-across-files"]).assert().code(2);
}
