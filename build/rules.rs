//! The rule compiler of `build.rs`: `rules/*.toml` (one file per rule, STYLE.md §3) to the
//! Rust source of `RULES`, the catalogue, and `enum Rule`, one variant a rule (its name in
//! UpperCamelCase, `sos-status-only` to `SosStatusOnly`), both in code order, which
//! `src/catalogue.rs` includes.
//!
//! A separate file so that `tests/build_script.rs` can include it too and call [`compile`] on
//! broken folders: a missing, unreadable or empty `rules/`, or a malformed, misnamed or
//! duplicate rule, must fail the build with a message naming the file and the problem, never
//! give a binary with fewer rules.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// One `rules/CODE-name.toml` file.
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

/// `severity` values and their `Severity` variants.
const SEVERITIES: &[(&str, &str)] = &[("error", "Error"), ("warning", "Warning"), ("info", "Info")];

/// `component` values (GUARDRAILS.md "Components") and their `Component` variants; an empty
/// `component` means none.
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

/// `subject` values (GUARDRAILS.md "Subjects") and their `SubjectKind` variants.
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

/// Compiles every `*.toml` file directly in `dir` into the source of `RULES` and `enum Rule`,
/// in code order.
///
/// The error lists every problem found, one line each, each naming its file: the folder is
/// missing, unreadable or holds no `*.toml` file; a file cannot be read or is not a valid rule;
/// its name is not `CODE-name.toml` or not kebab-case; its code, name or variant is another
/// file's too; its `severity`, `component` or `subject` is not one scaleguard knows. Other
/// files in `dir` are ignored.
pub(crate) fn compile(dir: &Path) -> Result<String, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!(
                "the rule folder `{}` does not exist; the catalogue is built from its `*.toml` files",
                dir.display()
            ));
        }
        Err(e) => return Err(format!("cannot read the rule folder `{}`: {e}", dir.display())),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot read the rule folder `{}`: {e}", dir.display()))?.path();
        if path.extension().is_some_and(|x| x == "toml") {
            paths.push(path);
        }
    }
    if paths.is_empty() {
        return Err(format!("the rule folder `{}` holds no `*.toml` rule file", dir.display()));
    }
    paths.sort();

    let mut problems = Vec::new();
    let mut rules = Vec::new();
    // The first file of each code, name and variant, to name both files of a duplicate.
    let mut codes: BTreeMap<String, String> = BTreeMap::new();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut idents: BTreeMap<String, (String, String)> = BTreeMap::new();
    for path in &paths {
        let file = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                problems.push(format!("cannot read `{file}`: {e}"));
                continue;
            }
        };
        let rule: Rule = match toml::from_str(&text) {
            Ok(rule) => rule,
            Err(e) => {
                // One line per problem: toml's own rendering spans several.
                let at = e.span().map_or(String::new(), |span| {
                    let before = text.get(..span.start).unwrap_or_default();
                    let line = before.matches('\n').count() + 1;
                    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
                    format!(" (line {line}, column {column})")
                });
                let message = e.message().trim().replace('\n', "; ");
                problems.push(format!("`{file}` is not a valid rule{at}: {message}"));
                continue;
            }
        };
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let want = format!("{}-{}", rule.code, rule.name);
        if stem != want {
            problems.push(format!(
                "`{file}`: the file name must be `{want}.toml`, its `code` and `name` joined by `-`"
            ));
        }
        if let Some(first) = codes.get(&rule.code) {
            problems.push(format!("`{file}`: code `{}` is also the code of `{first}`", rule.code));
        } else {
            codes.insert(rule.code.clone(), file.clone());
        }
        if let Some(first) = names.get(&rule.name) {
            problems.push(format!("`{file}`: name `{}` is also the name of `{first}`", rule.name));
        } else {
            names.insert(rule.name.clone(), file.clone());
        }
        let ident = match ident_of(&rule.name) {
            None => {
                problems.push(format!(
                    "`{file}`: name `{}` is not kebab-case: lowercase words of letters and digits \
                     joined by `-`, the first starting with a letter",
                    rule.name
                ));
                String::new()
            }
            Some(ident) => {
                match idents.get(&ident) {
                    // The same name is a duplicate name, reported above.
                    Some((name, _)) if *name == rule.name => {}
                    Some((name, first)) => problems.push(format!(
                        "`{file}`: name `{}` gives the variant `Rule::{ident}`, as name `{name}` of \
                         `{first}` does",
                        rule.name
                    )),
                    None => {
                        idents.insert(ident.clone(), (rule.name.clone(), file.clone()));
                    }
                }
                ident
            }
        };
        match line(&rule, &ident) {
            Ok(line) => rules.push((rule.code, rule.name, ident, line)),
            Err(problem) => problems.push(format!("`{file}`: {problem}")),
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }

    rules.sort();
    let n = rules.len();
    let table: String = rules.iter().map(|(_, _, _, line)| line.as_str()).collect();
    let variants: String = rules
        .iter()
        .map(|(code, name, ident, _)| format!("    /// {code} `{name}`.\n    {ident},\n"))
        .collect();
    let all: String = rules.iter().map(|(_, _, ident, _)| format!("        Rule::{ident},\n")).collect();
    Ok(format!(
        "/// The rule catalogue, compiled from `rules/*.toml` by `build.rs`, in code order:\n\
         /// `RULES[rule as usize]` is `rule`'s.\n\
         pub static RULES: [RuleMeta; {n}] = [\n{table}];\n\
         \n\
         /// A rule of `rules/*.toml`, named by its name in UpperCamelCase; in code order.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]\n\
         pub enum Rule {{\n{variants}}}\n\
         \n\
         impl Rule {{\n    \
             /// Every rule, in code order: `Rule::ALL[rule as usize]` is `rule`.\n    \
             pub const ALL: [Rule; {n}] = [\n{all}    ];\n\
         }}\n"
    ))
}

/// The `Rule` variant of a kebab-case name, `sos-status-only` to `SosStatusOnly`; `None` when
/// the name is not kebab-case: words of lowercase ASCII letters and digits joined by `-`, the
/// first starting with a letter.
fn ident_of(name: &str) -> Option<String> {
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let mut out = String::new();
    for word in name.split('-') {
        if word.is_empty() || !word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) {
            return None;
        }
        let mut chars = word.chars();
        out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        out.extend(chars);
    }
    // `self` would give `Self`, which is not a variant name.
    (out != "Self").then_some(out)
}

/// The `RuleMeta` literal of one rule, or what in it is unknown.
fn line(r: &Rule, ident: &str) -> Result<String, String> {
    let severity = variant(SEVERITIES, "severity", &r.severity)?;
    let component = if r.component.is_empty() {
        "None".to_owned()
    } else {
        format!("Some(Component::{})", variant(COMPONENTS, "component", &r.component)?)
    };
    let subject = variant(SUBJECTS, "subject", &r.subject)?;
    let mut out = String::new();
    writeln!(
        out,
        "    RuleMeta {{ rule: Rule::{ident}, code: {:?}, name: {:?}, severity: Severity::{severity}, component: {component}, \
         scaled: {}, subject: SubjectKind::{subject}, summary: {:?}, rationale: {:?}, fix: {:?}, \
         fail: {:?}, pass: {:?} }},",
        r.code,
        r.name,
        r.scaled,
        r.summary,
        r.rationale.trim(),
        r.fix,
        r.fail,
        r.pass
    )
    .map_err(|e| e.to_string())?;
    Ok(out)
}

/// The variant `table` gives `value`, or a message listing the values it knows.
fn variant(table: &[(&str, &'static str)], key: &str, value: &str) -> Result<&'static str, String> {
    table.iter().find(|(known, _)| *known == value).map(|(_, variant)| *variant).ok_or_else(|| {
        let known: Vec<String> = table.iter().map(|(known, _)| format!("`{known}`")).collect();
        format!("unknown {key} `{value}`; expected one of {}", known.join(", "))
    })
}
