#![allow(clippy::unwrap_used)]
//! The build script's rule compiler (build/rules.rs), run on broken rule folders: each problem
//! fails with a message naming the file and the problem, never with fewer rules.

#[path = "../build/rules.rs"]
mod rules;

use std::path::Path;

/// A valid rule file's text for `code` and `name`, with `key = value` lines replaced.
fn rule(code: &str, name: &str, replace: &[(&str, &str)]) -> String {
    let mut fields = vec![
        ("code", format!("{code:?}")),
        ("name", format!("{name:?}")),
        ("severity", "\"warning\"".to_owned()),
        ("component", "\"Team Process\"".to_owned()),
        ("scaled", "false".to_owned()),
        ("subject", "\"team\"".to_owned()),
        ("summary", "\"a summary\"".to_owned()),
        ("rationale", "\"why\"".to_owned()),
        ("fix", "\"how\"".to_owned()),
        ("fail", "\"\"".to_owned()),
        ("pass", "\"\"".to_owned()),
    ];
    for (key, value) in replace {
        fields.iter_mut().filter(|(k, _)| k == key).for_each(|(_, v)| *v = (*value).to_owned());
    }
    fields.iter().map(|(k, v)| format!("{k} = {v}\n")).collect()
}

/// A temporary rule folder holding `files` (name, text).
fn folder(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn error(dir: &Path) -> String {
    rules::compile(dir).unwrap_err().replace(&dir.display().to_string(), "RULES")
}

#[test]
fn the_real_rules_compile_in_code_order() {
    let code = rules::compile(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))).unwrap();
    let codes: Vec<&str> =
        code.lines().filter(|l| l.contains("RuleMeta {")).filter_map(|l| l.split('"').nth(1)).collect();
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules")).unwrap().count();
    assert_eq!(codes.len(), files);
    assert!(codes.is_sorted(), "{codes:?}");
    assert!(code.contains(&format!("pub static RULES: [RuleMeta; {files}] = [\n")));
    assert!(code.contains(&format!("pub const ALL: [Rule; {files}] = [\n")));
    assert!(code.contains(r#"RuleMeta { rule: Rule::TeamSize, code: "SG501", name: "team-size", severity: Severity::Warning, component: Some(Component::TeamProcess), scaled: false, subject: SubjectKind::Team,"#));
    assert!(code.contains("    /// SG201 `sos-status-only`.\n    SosStatusOnly,\n"));
    // The enum's variants and `ALL` follow the table's order.
    let variants: Vec<&str> = code
        .lines()
        .filter_map(|l| l.trim().strip_prefix("RuleMeta { rule: Rule::")?.split(',').next())
        .collect();
    let all: Vec<&str> =
        code.lines().filter_map(|l| l.trim().strip_prefix("Rule::")?.strip_suffix(',')).collect();
    assert_eq!(all, variants);
}

#[test]
fn valid_rules_give_one_line_each() {
    let dir = folder(&[
        ("SG502-bee-two.toml", rule("SG502", "bee-two", &[("component", "\"\"")])),
        ("SG501-a.toml", rule("SG501", "a", &[])),
        ("README.md", "not a rule".to_owned()),
    ]);
    assert_eq!(
        rules::compile(dir.path()).unwrap(),
        "/// The rule catalogue, compiled from `rules/*.toml` by `build.rs`, in code order:\n\
         /// `RULES[rule as usize]` is `rule`'s.\n\
         pub static RULES: [RuleMeta; 2] = [\n    \
         RuleMeta { rule: Rule::A, code: \"SG501\", name: \"a\", severity: Severity::Warning, component: Some(Component::TeamProcess), scaled: false, subject: SubjectKind::Team, summary: \"a summary\", rationale: \"why\", fix: \"how\", fail: \"\", pass: \"\" },\n    \
         RuleMeta { rule: Rule::BeeTwo, code: \"SG502\", name: \"bee-two\", severity: Severity::Warning, component: None, scaled: false, subject: SubjectKind::Team, summary: \"a summary\", rationale: \"why\", fix: \"how\", fail: \"\", pass: \"\" },\n\
         ];\n\
         \n\
         /// A rule of `rules/*.toml`, named by its name in UpperCamelCase; in code order.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]\n\
         pub enum Rule {\n    \
             /// SG501 `a`.\n    \
             A,\n    \
             /// SG502 `bee-two`.\n    \
             BeeTwo,\n\
         }\n\
         \n\
         impl Rule {\n    \
             /// Every rule, in code order: `Rule::ALL[rule as usize]` is `rule`.\n    \
             pub const ALL: [Rule; 2] = [\n        \
                 Rule::A,\n        \
                 Rule::BeeTwo,\n    \
             ];\n\
         }\n"
    );
}

#[test]
fn a_missing_folder_fails() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    assert_eq!(
        rules::compile(&rules).unwrap_err(),
        format!(
            "the rule folder `{}` does not exist; the catalogue is built from its `*.toml` files",
            rules.display()
        )
    );
}

/// The OS words the message quotes are Unix's.
#[cfg(unix)]
#[test]
fn a_folder_that_is_a_file_fails() {
    let dir = folder(&[("rules", String::new())]);
    let rules = dir.path().join("rules");
    assert_eq!(
        rules::compile(&rules).unwrap_err(),
        format!("cannot read the rule folder `{}`: Not a directory (os error 20)", rules.display())
    );
}

#[test]
fn an_empty_folder_fails() {
    let dir = folder(&[("README.md", "no rules here".to_owned())]);
    assert_eq!(error(dir.path()), "the rule folder `RULES` holds no `*.toml` rule file");
}

#[test]
fn an_unreadable_file_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("SG501-a.toml"), b"code = \"\xff\"\n").unwrap();
    assert_eq!(error(dir.path()), "cannot read `RULES/SG501-a.toml`: stream did not contain valid UTF-8");
}

#[test]
fn a_malformed_file_fails() {
    let dir = folder(&[
        ("SG501-a.toml", "code = \"SG501\"\nname = \n".to_owned()),
        ("SG502-b.toml", rule("SG502", "b", &[])),
    ]);
    assert_eq!(
        error(dir.path()),
        "`RULES/SG501-a.toml` is not a valid rule (line 2, column 8): string values must be quoted, \
         expected literal string"
    );
}

#[test]
fn a_file_missing_a_key_or_with_an_unknown_key_fails() {
    let dir = folder(&[
        ("SG501-a.toml", rule("SG501", "a", &[]).replace("pass = \"\"\n", "")),
        ("SG502-b.toml", rule("SG502", "b", &[]) + "colour = \"red\"\n"),
    ]);
    assert_eq!(
        error(dir.path()),
        "`RULES/SG501-a.toml` is not a valid rule (line 1, column 1): missing field `pass`\n\
         `RULES/SG502-b.toml` is not a valid rule (line 12, column 1): unknown field `colour`, expected \
         one of `code`, `name`, `severity`, `component`, `scaled`, `subject`, `summary`, `rationale`, \
         `fix`, `fail`, `pass`"
    );
}

#[test]
fn a_file_not_named_code_name_fails() {
    let dir = folder(&[("SG501-team-size.toml", rule("SG501", "team-sizes", &[]))]);
    assert_eq!(
        error(dir.path()),
        "`RULES/SG501-team-size.toml`: the file name must be `SG501-team-sizes.toml`, its `code` and `name` joined by `-`"
    );
}

#[test]
fn duplicate_codes_and_names_fail_naming_both_files() {
    let dir = folder(&[
        ("SG501-a.toml", rule("SG501", "a", &[])),
        ("SG501-b.toml", rule("SG501", "b", &[])),
        ("SG502-a.toml", rule("SG502", "a", &[])),
    ]);
    assert_eq!(
        error(dir.path()),
        "`RULES/SG501-b.toml`: code `SG501` is also the code of `RULES/SG501-a.toml`\n\
         `RULES/SG502-a.toml`: name `a` is also the name of `RULES/SG501-a.toml`"
    );
}

#[test]
fn unknown_severity_component_and_subject_fail() {
    let dir = folder(&[
        ("SG501-a.toml", rule("SG501", "a", &[("severity", "\"fatal\"")])),
        ("SG502-b.toml", rule("SG502", "b", &[("component", "\"Team Spirit\"")])),
        ("SG503-c.toml", rule("SG503", "c", &[("subject", "\"tribe\"")])),
    ]);
    assert_eq!(
        error(dir.path()),
        "`RULES/SG501-a.toml`: unknown severity `fatal`; expected one of `error`, `warning`, `info`\n\
         `RULES/SG502-b.toml`: unknown component `Team Spirit`; expected one of `Team Process`, \
         `Executive Action Team`, `Continuous Improvement & Impediment Removal`, \
         `Cross-Team Coordination`, `Delivery`, `Executive MetaScrum`, `Strategic Vision`, \
         `Backlog Prioritization`, `Backlog Decomposition & Refinement`, `Release Planning`, \
         `Product & Release Feedback`, `Metrics & Transparency`\n\
         `RULES/SG503-c.toml`: unknown subject `tribe`; expected one of `organisation`, `team`, \
         `scrum_of_scrums`, `unit`, `executive_action_team`, `executive_metascrum`, `person`, \
         `backlog`, `cycle`, `waiver`, `input`"
    );
}

#[test]
fn a_name_that_is_not_kebab_case_fails() {
    let dir = folder(&[
        ("SG501-Team-size.toml", rule("SG501", "Team-size", &[])),
        ("SG502-team--size.toml", rule("SG502", "team--size", &[])),
        ("SG503-2-teams.toml", rule("SG503", "2-teams", &[])),
        ("SG504-team_size.toml", rule("SG504", "team_size", &[])),
        ("SG505-self.toml", rule("SG505", "self", &[])),
    ]);
    let why = "is not kebab-case: lowercase words of letters and digits joined by `-`, the first starting \
               with a letter";
    assert_eq!(
        error(dir.path()),
        format!(
            "`RULES/SG501-Team-size.toml`: name `Team-size` {why}\n\
             `RULES/SG502-team--size.toml`: name `team--size` {why}\n\
             `RULES/SG503-2-teams.toml`: name `2-teams` {why}\n\
             `RULES/SG504-team_size.toml`: name `team_size` {why}\n\
             `RULES/SG505-self.toml`: name `self` {why}"
        )
    );
}

#[test]
fn names_that_give_the_same_variant_fail_naming_both_files() {
    let dir = folder(&[
        ("SG501-team-size2.toml", rule("SG501", "team-size2", &[])),
        ("SG502-team-size-2.toml", rule("SG502", "team-size-2", &[])),
    ]);
    assert_eq!(
        error(dir.path()),
        "`RULES/SG502-team-size-2.toml`: name `team-size-2` gives the variant `Rule::TeamSize2`, as name \
         `team-size2` of `RULES/SG501-team-size2.toml` does"
    );
}
