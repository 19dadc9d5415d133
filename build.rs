//! Compiles `rules/*.toml` (the rule catalogue, GUARDRAILS.md) into static Rust data, so the
//! binary carries the docs and a malformed rule file fails the build, not a user's run.

use std::fmt::Write as _;
use std::path::Path;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    code: String,
    name: String,
    severity: String,
    component: String,
    scaled: bool,
    subject: String,
    summary: String,
    rationale: String,
    fix: String,
    fail: String,
    pass: String,
}

const COMPONENTS: &[(&str, &str)] = &[
    ("Team Process", "TeamProcess"),
    ("Executive Action Team", "ExecutiveActionTeam"),
    ("Continuous Improvement & Impediment Removal", "ContinuousImprovement"),
    ("Cross-Team Coordination", "CrossTeamCoordination"),
    ("Delivery", "Delivery"),
    ("Executive MetaScrum", "ExecutiveMetascrum"),
    ("Strategic Vision", "StrategicVision"),
    ("Backlog Prioritization", "BacklogPrioritization"),
    ("Backlog Decomposition & Refinement", "BacklogRefinement"),
    ("Release Planning", "ReleasePlanning"),
    ("Product & Release Feedback", "ProductFeedback"),
    ("Metrics & Transparency", "MetricsTransparency"),
];

const SUBJECTS: &[(&str, &str)] = &[
    ("organisation", "Organisation"),
    ("team", "Team"),
    ("scrum_of_scrums", "ScrumOfScrums"),
    ("unit", "Unit"),
    ("executive_action_team", "ExecutiveActionTeam"),
    ("executive_metascrum", "ExecutiveMetascrum"),
    ("person", "Person"),
    ("backlog", "Backlog"),
    ("cycle", "Cycle"),
    ("waiver", "Waiver"),
    ("input", "Input"),
];

fn main() {
    println!("cargo::rerun-if-changed=rules");
    let dir = Path::new("rules");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "toml"));
    paths.sort();
    let mut rules = Vec::new();
    for path in &paths {
        println!("cargo::rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let rule: Rule = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        assert_eq!(
            stem,
            format!("{}-{}", rule.code, rule.name),
            "{}: file name must be CODE-name",
            path.display()
        );
        rules.push(rule);
    }
    rules.sort_by(|a, b| a.code.cmp(&b.code));
    let mut out = String::from(
        "/// The rule catalogue, compiled from `rules/*.toml` by `build.rs`, in code order.\npub static RULES: &[RuleMeta] = &[\n",
    );
    for r in &rules {
        let severity = match r.severity.as_str() {
            "error" => "Error",
            "warning" => "Warning",
            "info" => "Info",
            other => panic!("{}: unknown severity {other}", r.code),
        };
        let component = if r.component.is_empty() {
            "None".to_owned()
        } else {
            let v = COMPONENTS
                .iter()
                .find(|(n, _)| *n == r.component)
                .unwrap_or_else(|| panic!("{}: unknown component {}", r.code, r.component))
                .1;
            format!("Some(Component::{v})")
        };
        let subject = SUBJECTS
            .iter()
            .find(|(n, _)| *n == r.subject)
            .unwrap_or_else(|| panic!("{}: unknown subject {}", r.code, r.subject))
            .1;
        writeln!(
            out,
            "    RuleMeta {{ code: {:?}, name: {:?}, severity: Severity::{severity}, component: {component}, scaled: {}, subject: SubjectKind::{subject}, summary: {:?}, rationale: {:?}, fix: {:?}, fail: {:?}, pass: {:?} }},",
            r.code, r.name, r.scaled, r.summary, r.rationale.trim(), r.fix, r.fail, r.pass
        )
        .ok();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("rules.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", dest.display()));
}
