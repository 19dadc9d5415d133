//! The executive report (`assess --audience executive`): what an Executive Action Team reads
//! in five minutes. The level and what holds it there, each cycle and component with the
//! Scrum@Scale Guide section it comes from, the root causes ranked by what fixing them gains
//! with the people who can act on each (from the model), and what is already good. No file
//! paths and no source excerpts: those stay in the coach's report (`--audience coach`). Both
//! say that they judge the declared structure, not observed practice.

use serde::Serialize;

use super::{NextStep, Report};
use crate::catalogue::{Component, Cycle, SubjectKind};
use crate::model::{Model, PersonId};

/// The sentence both reports carry about what they can and cannot see.
pub const SCOPE: &str = "This report judges the organisation's declared structure — its teams, \
Scrums of Scrums, roles, events and escalation paths as written down as code — not how the \
organisation actually works day to day.";

/// The executive report, ready for the Markdown and HTML templates.
#[derive(Debug, Clone, Serialize)]
pub struct Executive {
    /// The organisation's name.
    pub organisation: String,
    /// The date of the assessment.
    pub date: String,
    /// The overall score, `2.8`, or `not assessed`.
    pub overall_text: String,
    /// The level and what holds it: `Defined: 3 errors remain — SG401 escalation-cycle, ...`.
    pub overall_level: String,
    /// [`SCOPE`].
    pub scope: &'static str,
    /// The Scrum Master cycle, the Product Owner cycle, and the shared components.
    pub cycles: Vec<CycleSection>,
    /// The root causes, ranked: errors first, then by what fixing them (with their
    /// consequences) adds to the overall score.
    pub causes: Vec<CauseEntry>,
    /// How many more causes the coach's report lists.
    pub more_causes: usize,
    /// What already holds: the components with no finding.
    pub good: Vec<String>,
    /// `12 teams, 4 Scrums of Scrums, 1 Executive Action Team, 1 Executive MetaScrum`.
    pub structure: String,
}

/// One cycle and its components.
#[derive(Debug, Clone, Serialize)]
pub struct CycleSection {
    /// `Scrum Master cycle`.
    pub name: &'static str,
    /// An anchor for the page.
    pub anchor: &'static str,
    /// What the cycle is for, in one sentence.
    pub purpose: &'static str,
    /// Its components, in the Guide's order.
    pub components: Vec<ComponentLine>,
}

/// One component as an executive reads it.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentLine {
    /// The Guide's name.
    pub name: &'static str,
    /// `3.4` or `not assessed`.
    pub score_text: String,
    /// The level and what holds it, or why it is not assessed.
    pub level: String,
    /// The rounded score in tenths, for bars (0 when not assessed).
    pub tenths: u64,
    /// Whether it has a score.
    pub assessed: bool,
    /// The Scrum@Scale Guide section it comes from.
    pub guide: &'static str,
    /// What the component means, in the report's words.
    pub meaning: &'static str,
}

/// One root cause, with who can act on it.
#[derive(Debug, Clone, Serialize)]
pub struct CauseEntry {
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// What is wrong, in the finding's words.
    pub what: String,
    /// How to fix it.
    pub fix: String,
    /// The component it holds back.
    pub component: &'static str,
    /// What fixing it (with its consequences) adds to the overall score: `+0.08`.
    pub overall_gain_text: String,
    /// What it adds to its component's score: `+2.10`.
    pub component_gain_text: String,
    /// What else it fixes, or empty.
    pub consequences_text: String,
    /// Who can act: `the Scrum of Scrums Master of \`checkout\` (Gina Ruiz)`, the EAT, ...
    pub owners: String,
    /// `SG401 escalation-cycle`, for the coach who follows up.
    pub rule: String,
}

/// The Guide (v2.1) section each component comes from (`components.toml`).
pub fn guide_section(component: Component) -> &'static str {
    super::texts::of(component).map_or("", |t| t.guide.as_str())
}

/// Builds the executive report from the coach's report and the model.
pub fn build(report: &Report, model: &Model) -> Executive {
    let cycles = [
        (
            Cycle::ScrumMaster,
            "Scrum Master cycle",
            "scrum-master-cycle",
            "How the teams coordinate, deliver and get impediments removed: the \"how\".",
        ),
        (
            Cycle::ProductOwner,
            "Product Owner cycle",
            "product-owner-cycle",
            "How vision becomes ordered backlogs and releases: the \"what\".",
        ),
        (
            Cycle::Shared,
            "Both cycles",
            "both-cycles",
            "Where the two cycles meet: feedback and transparency.",
        ),
    ]
    .into_iter()
    .map(|(cycle, name, anchor, purpose)| CycleSection {
        name,
        anchor,
        purpose,
        components: report
            .score
            .components
            .iter()
            .zip(&report.components)
            .filter(|(c, _)| c.cycle == cycle)
            .map(|(c, section)| ComponentLine {
                name: c.name,
                score_text: section.score_text.clone(),
                level: if c.assessed() {
                    c.level_with_reason()
                } else {
                    format!("not assessed: {}", section.not_assessed)
                },
                tenths: section.tenths,
                assessed: c.assessed(),
                guide: guide_section(c.component),
                meaning: section.description,
            })
            .collect(),
    })
    .collect();
    let causes = report.next_steps.iter().map(|s| cause(s, model)).collect();
    let good = report
        .score
        .components
        .iter()
        .filter(|c| c.assessed() && c.worst.is_none())
        .map(|c| {
            format!(
                "{}: every check holds ({})",
                c.name,
                crate::diagnostic::plural(c.passed, "check", "checks")
            )
        })
        .collect();
    let g = &report.glance;
    Executive {
        organisation: report.organisation.clone(),
        date: report.date.clone(),
        overall_text: report.overall_text.clone(),
        overall_level: report.overall_level.clone(),
        scope: SCOPE,
        cycles,
        causes,
        more_causes: report.more_steps,
        good,
        structure: format!(
            "{}, {}, {}, {}",
            crate::diagnostic::plural(g.teams, "team", "teams"),
            crate::diagnostic::plural(
                g.sos_levels.iter().map(|l| l.count).sum(),
                "Scrum of Scrums",
                "Scrums of Scrums"
            ),
            crate::diagnostic::plural(g.eats, "Executive Action Team", "Executive Action Teams"),
            crate::diagnostic::plural(g.emss, "Executive MetaScrum", "Executive MetaScrums"),
        ),
    }
}

/// A next step as an executive reads it, with who can act on it.
fn cause(step: &NextStep, model: &Model) -> CauseEntry {
    let component = Component::ALL.iter().copied().find(|c| c.name() == step.component);
    let cycle = component.map(Component::cycle);
    CauseEntry {
        severity: step.severity,
        what: step.message.clone(),
        fix: step.fix.clone(),
        component: step.component,
        overall_gain_text: step.overall_gain_text.clone(),
        component_gain_text: step.component_gain_text.clone(),
        consequences_text: step.consequences_text.clone(),
        owners: if crate::catalogue::find(step.code).is_some_and(|r| r.subject == SubjectKind::Cycle) {
            // A cycle spans units: the structure is the leadership's to change.
            format!("{}, with the Scrum Masters of the units on it", eat_phrase(model))
        } else {
            owners(model, &step.subject, cycle)
        },
        rule: format!("{} {}", step.code, step.name),
    }
}

/// Who can act on a finding about `subject`: the unit's Scrum Master (or Scrum of Scrums
/// Master) for the Scrum Master cycle, its Product Owner (or Chief Product Owner) for the
/// Product Owner cycle, both for shared components; the Executive Action Team for the
/// organisation, cycles, people and the EAT itself; the Chief Product Owner of an EMS.
pub fn owners(model: &Model, subject: &str, cycle: Option<Cycle>) -> String {
    let person = |id: PersonId| {
        let p = model.person(id);
        let ident = model.name(p.header.ident);
        match &p.header.display {
            Some(display) => format!("{display} (`{ident}`)"),
            None => format!("`{ident}`"),
        }
    };
    let pick = |sm: Option<String>, po: Option<String>| -> Vec<String> {
        match cycle {
            Some(Cycle::ScrumMaster) => sm.into_iter().collect(),
            Some(Cycle::ProductOwner) => po.into_iter().collect(),
            _ => sm.into_iter().chain(po).collect(),
        }
    };

    let found = if let Some((_, t)) = model.team_ids().find(|(_, t)| model.name(t.header.ident) == subject) {
        pick(
            t.scrum_master.map(|p| format!("the Scrum Master of team `{subject}`, {}", person(p.value))),
            t.product_owner.map(|p| format!("the Product Owner of team `{subject}`, {}", person(p.value))),
        )
    } else if let Some((_, s)) = model.sos_ids().find(|(_, s)| model.name(s.header.ident) == subject) {
        pick(
            s.master.map(|p| format!("the Scrum of Scrums Master of `{subject}`, {}", person(p.value))),
            s.chief_product_owner
                .map(|p| format!("the Chief Product Owner of `{subject}`, {}", person(p.value))),
        )
    } else if let Some(m) = model.emss.iter().find(|m| model.name(m.header.ident) == subject) {
        m.chief_product_owner
            .map(|p| {
                format!("the Chief Product Owner of the Executive MetaScrum `{subject}`, {}", person(p.value))
            })
            .into_iter()
            .collect()
    } else {
        Vec::new()
    };
    if found.is_empty() { eat_phrase(model) } else { found.join("; ") }
}

/// `the Executive Action Team \`eat\``, or who would form one.
fn eat_phrase(model: &Model) -> String {
    let names: Vec<String> = model.eats.iter().map(|e| format!("`{}`", model.name(e.header.ident))).collect();
    match names.as_slice() {
        [] => "the leadership that would form an Executive Action Team".to_owned(),
        [one] => format!("the Executive Action Team {one}"),
        _ => format!("the Executive Action Teams {}", crate::diagnostic::and_list(&names)),
    }
}

/// Renders the executive report as Markdown.
pub fn markdown(report: &Executive) -> Result<String, minijinja::Error> {
    super::render_executive("executive.md", report)
}

/// Renders the executive report as one self-contained HTML page.
pub fn html(report: &Executive) -> Result<String, minijinja::Error> {
    super::render_executive("executive.html", report)
}
