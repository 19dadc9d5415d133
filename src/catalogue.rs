//! The rule catalogue: every rule's metadata from `rules/*.toml` (compiled in by `build.rs`),
//! the twelve Scrum@Scale components, and lookup by code or name.

use serde::Serialize;

use crate::diagnostic::{Code, Severity};

include!(concat!(env!("OUT_DIR"), "/rules.rs"));

/// One rule's documentation and defaults (GUARDRAILS.md; STYLE.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
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
    /// The code and name as a diagnostic code.
    pub fn code(&self) -> Code {
        Code { code: self.code, name: self.name }
    }

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
    RULES
}

/// The index of a rule in [`rules`], by code (`SG501`) or name (`team-size`).
pub fn index_of(code_or_name: &str) -> Option<usize> {
    RULES.iter().position(|r| r.code == code_or_name || r.name == code_or_name)
}

/// A rule by code or name.
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    index_of(code_or_name).map(|i| &RULES[i])
}

/// A rule by index (indices come from [`index_of`]).
pub fn rule(index: usize) -> &'static RuleMeta {
    &RULES[index]
}
