//! The rule catalogue: every rule's metadata from `rules/*.toml` and the [`Rule`] enum (both
//! compiled in by `build.rs`), severities, the twelve Scrum@Scale components, and lookup by
//! code or name.
//!
//! The bottom of the pipeline: it imports nothing of scaleguard, and code names a rule as
//! `Rule::SosStatusOnly`, never by its code `"SG201"`.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

include!(concat!(env!("OUT_DIR"), "/rules.rs"));

/// One rule's documentation and defaults (GUARDRAILS.md; STYLE.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
    /// The rule itself.
    #[serde(skip)]
    pub rule: Rule,
    /// Stable code, `SG504`.
    pub code: &'static str,
    /// Kebab-case name, `po-is-scrum-master`.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// The Scrum@Scale component it scores (none for SG0xx and SG9xx).
    pub component: Option<Component>,
    /// Whether it applies only to a scaled organisation (LANGUAGE.md §4).
    pub scaled: bool,
    /// What it is evaluated for.
    pub subject: SubjectKind,
    /// One line: the problem.
    pub summary: &'static str,
    /// Why it matters in Scrum@Scale.
    pub rationale: &'static str,
    /// How to fix it (the diagnostics' `help`).
    pub fix: &'static str,
    /// A whole organisation that gives exactly this rule's finding.
    pub fail: &'static str,
    /// The same organisation, fixed.
    pub pass: &'static str,
}

impl RuleMeta {
    /// Whether this is an input error (SG0xx), which policy may not name.
    pub fn is_input_error(&self) -> bool {
        self.code.starts_with("SG0")
    }

    /// Whether this is a waiver rule (SG9xx), which may not be waived.
    pub fn is_waiver_rule(&self) -> bool {
        self.code.starts_with("SG9")
    }

    /// The rule's anchor in docs/rules.md, `sg201-sos-status-only`: the one GitHub and other
    /// Markdown renderers derive from its heading `## SG201 sos-status-only`.
    pub fn anchor(&self) -> String {
        format!("{}-{}", self.code.to_ascii_lowercase(), self.name)
    }
}

impl Rule {
    /// The rule's metadata. A `Rule` also dereferences to it: `rule.fix`, `rule.severity`.
    pub fn meta(self) -> &'static RuleMeta {
        &RULES[self as usize]
    }

    /// Its stable code, `SG201`.
    pub fn code(self) -> &'static str {
        self.meta().code
    }

    /// Its kebab-case name, `sos-status-only`.
    pub fn name(self) -> &'static str {
        self.meta().name
    }

    /// Its index in [`rules`], the catalogue's code order.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The rule at an index of [`rules`].
    pub fn from_index(index: usize) -> Option<Rule> {
        Rule::ALL.get(index).copied()
    }

    /// The rule a user named, by code (`SG501`) or name (`team-size`).
    pub fn from_code_or_name(code_or_name: &str) -> Option<Rule> {
        RULES.iter().find(|r| r.code == code_or_name || r.name == code_or_name).map(|r| r.rule)
    }
}

impl std::ops::Deref for Rule {
    type Target = RuleMeta;

    fn deref(&self) -> &RuleMeta {
        self.meta()
    }
}

/// Prints the code, `SG201`.
impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A code or name that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a rule", self.0)
    }
}

impl std::error::Error for UnknownRule {}

/// Parses a code (`SG501`) or a name (`team-size`).
impl FromStr for Rule {
    type Err = UnknownRule;

    fn from_str(code_or_name: &str) -> Result<Rule, UnknownRule> {
        Rule::from_code_or_name(code_or_name).ok_or_else(|| UnknownRule(code_or_name.to_owned()))
    }
}

/// How serious a finding is. Input errors are always [`Severity::Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; weight 1 in the maturity score.
    Info,
    /// Should be fixed; weight 2.
    Warning,
    /// Must be fixed; weight 3.
    Error,
}

impl Severity {
    /// The lowercase word used in the language, the CLI and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn parse(word: &str) -> Option<Severity> {
        match word {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    /// The weight of a check of this severity in the maturity score (GUARDRAILS.md).
    pub fn weight(self) -> u32 {
        match self {
            Severity::Error => 3,
            Severity::Warning => 2,
            Severity::Info => 1,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of subject a rule is evaluated for (GUARDRAILS.md "Subjects").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// The organisation as a whole.
    Organisation,
    /// Each team.
    Team,
    /// Each Scrum of Scrums.
    ScrumOfScrums,
    /// Each team and Scrum of Scrums.
    Unit,
    /// Each Executive Action Team.
    ExecutiveActionTeam,
    /// Each Executive MetaScrum.
    ExecutiveMetascrum,
    /// Each person.
    Person,
    /// Each backlog.
    Backlog,
    /// Each cycle of a graph.
    Cycle,
    /// Each waiver.
    Waiver,
    /// Input errors.
    Input,
}

/// The twelve components of the Scrum@Scale Guide (version 2.1 names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[allow(missing_docs)]
pub enum Component {
    TeamProcess,
    ExecutiveActionTeam,
    ContinuousImprovement,
    CrossTeamCoordination,
    Delivery,
    ExecutiveMetascrum,
    StrategicVision,
    BacklogPrioritization,
    BacklogRefinement,
    ReleasePlanning,
    ProductFeedback,
    MetricsTransparency,
}

/// The two cycles of Scrum@Scale, and the components they share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cycle {
    /// The Scrum Master cycle ("how").
    ScrumMaster,
    /// The Product Owner cycle ("what").
    ProductOwner,
    /// Shared by both cycles.
    Shared,
}

impl Component {
    /// All twelve, in the order of GUARDRAILS.md.
    pub const ALL: [Component; 12] = [
        Component::TeamProcess,
        Component::ExecutiveActionTeam,
        Component::ContinuousImprovement,
        Component::CrossTeamCoordination,
        Component::Delivery,
        Component::ExecutiveMetascrum,
        Component::StrategicVision,
        Component::BacklogPrioritization,
        Component::BacklogRefinement,
        Component::ReleasePlanning,
        Component::ProductFeedback,
        Component::MetricsTransparency,
    ];

    /// The Guide's (v2.1) name.
    pub fn name(self) -> &'static str {
        match self {
            Component::TeamProcess => "Team Process",
            Component::ExecutiveActionTeam => "Executive Action Team",
            Component::ContinuousImprovement => "Continuous Improvement & Impediment Removal",
            Component::CrossTeamCoordination => "Cross-Team Coordination",
            Component::Delivery => "Delivery",
            Component::ExecutiveMetascrum => "Executive MetaScrum",
            Component::StrategicVision => "Strategic Vision",
            Component::BacklogPrioritization => "Backlog Prioritization",
            Component::BacklogRefinement => "Backlog Decomposition & Refinement",
            Component::ReleasePlanning => "Release Planning",
            Component::ProductFeedback => "Product & Release Feedback",
            Component::MetricsTransparency => "Metrics & Transparency",
        }
    }

    /// The cycle the component belongs to.
    pub fn cycle(self) -> Cycle {
        match self {
            Component::TeamProcess
            | Component::ExecutiveActionTeam
            | Component::ContinuousImprovement
            | Component::CrossTeamCoordination
            | Component::Delivery => Cycle::ScrumMaster,
            Component::ExecutiveMetascrum
            | Component::StrategicVision
            | Component::BacklogPrioritization
            | Component::BacklogRefinement
            | Component::ReleasePlanning => Cycle::ProductOwner,
            Component::ProductFeedback | Component::MetricsTransparency => Cycle::Shared,
        }
    }

    /// The component a user typed, by v2.1 name, v1 name ("Team-Level Process",
    /// "Deployment") or the kebab-case of either; case-insensitive.
    pub fn parse(text: &str) -> Option<Component> {
        let norm = |s: &str| s.to_ascii_lowercase().replace(['-', ' ', '_'], "").replace('&', "and");
        let want = norm(text);
        match want.as_str() {
            "teamlevelprocess" => return Some(Component::TeamProcess),
            "deployment" => return Some(Component::Delivery),
            _ => {}
        }
        Component::ALL.into_iter().find(|c| norm(c.name()) == want)
    }
}

/// Every rule, in code order.
pub fn rules() -> &'static [RuleMeta] {
    &RULES
}

/// The index of a rule in [`rules`], by code (`SG501`) or name (`team-size`).
pub fn index_of(code_or_name: &str) -> Option<usize> {
    Rule::from_code_or_name(code_or_name).map(Rule::index)
}

/// A rule by code or name.
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    Rule::from_code_or_name(code_or_name).map(Rule::meta)
}

/// A rule by index (indices come from [`index_of`] and [`Rule::index`]).
pub fn rule(index: usize) -> &'static RuleMeta {
    &RULES[index]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_is_its_own_entry_of_the_catalogue() {
        assert_eq!(Rule::ALL.len(), RULES.len());
        for (i, rule) in Rule::ALL.into_iter().enumerate() {
            assert_eq!(rule.index(), i);
            assert_eq!(RULES[i].rule, rule);
            assert_eq!(Rule::from_index(i), Some(rule));
            assert_eq!(rule.code().parse(), Ok(rule));
            assert_eq!(rule.name().parse(), Ok(rule));
            assert_eq!(rule.to_string(), rule.code());
        }
        assert_eq!(Rule::from_index(RULES.len()), None);
        assert_eq!("no-such-rule".parse::<Rule>(), Err(UnknownRule("no-such-rule".to_owned())));
    }

    #[test]
    fn a_variant_is_its_name_in_upper_camel_case() {
        for rule in Rule::ALL {
            let camel: String =
                rule.name().split('-').map(|w| w[..1].to_ascii_uppercase() + &w[1..]).collect();
            assert_eq!(format!("{rule:?}"), camel);
        }
    }
}
