//! SG702 `release-slower-than-sprint`; prose and examples in rules/SG702-release-slower-than-sprint.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::plural;
use crate::model::cadence::Reference;
use crate::model::{At, Model, Period, Unit};
use crate::source::Span;
use crate::syntax::ast::DAY_MINUTES;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, team) in m.team_ids() {
        let (Some(releases), Some(cadence)) = (team.releases, team.cadence) else {
            continue;
        };
        let sprint = if cadence.inherited {
            (cadence.span, format!("{}-day sprint of the organisation", cadence.days))
        } else {
            (cadence.span, format!("{}-day sprint", cadence.days))
        };
        let finding = judge(m, Unit::Team(id), releases, cadence.days, Some(sprint));
        out.record(Subject::Team(id), finding);
    }
    for (id, sos) in m.sos_ids() {
        let (Some(releases), Some(days)) = (sos.releases, cx.sos_sprint_days(id)) else {
            continue;
        };
        // Where the sprint length comes from: a team holding the reference cadence of the
        // teams below (the one with the smallest identifier), else the organisation's sprint.
        let sprint = match cx.reference(id) {
            Reference::Cadence(class) => class
                .teams
                .iter()
                .min_by(|&&a, &&b| m.name(m.team(a).header.ident).cmp(m.name(m.team(b).header.ident)))
                .and_then(|&t| m.team(t).cadence.map(|c| (t, c)))
                .map(|(t, c)| {
                    let label = if c.inherited {
                        format!("the teams below run the organisation's {days}-day sprint")
                    } else {
                        format!(
                            "the teams below run {days}-day sprints, as `{}` here",
                            m.name(m.team(t).header.ident)
                        )
                    };
                    (c.span, label)
                }),
            _ => m.organisation.sprint.map(|c| (c.span, format!("{days}-day sprint of the organisation"))),
        };
        let finding = judge(m, Unit::Sos(id), releases, days, sprint);
        out.record(Subject::Sos(id), finding);
    }
}

/// The finding, if `releases` is less often than once per sprint of `days` days.
fn judge(
    model: &Model,
    unit: Unit,
    releases: At<Period>,
    days: u32,
    sprint: Option<(Span, String)>,
) -> Option<Finding> {
    let Period::Minutes(minutes) = releases.value else {
        return None;
    };
    if minutes <= u64::from(days) * DAY_MINUTES {
        return None;
    }
    let kind = match unit {
        Unit::Team(_) => "team",
        Unit::Sos(_) => "Scrum of Scrums",
    };
    let mut finding = Finding::new(format!(
        "{kind} `{}` releases {}, less often than once per {days}-day sprint",
        model.unit_ident(unit),
        every(minutes),
    ))
    .primary(releases.span, "less often than once per sprint");
    if let Some((span, label)) = sprint {
        finding = finding.secondary(span, label);
    }
    Some(finding)
}

/// A period in words: `every week`, `every 12 weeks`, `every 3 days`, `every 36 hours`.
fn every(minutes: u64) -> String {
    const WEEK: u64 = 7 * DAY_MINUTES;
    let (n, one, many) = if minutes.is_multiple_of(WEEK) {
        (minutes / WEEK, "week", "weeks")
    } else if minutes.is_multiple_of(DAY_MINUTES) {
        (minutes / DAY_MINUTES, "day", "days")
    } else if minutes.is_multiple_of(60) {
        (minutes / 60, "hour", "hours")
    } else {
        (minutes, "minute", "minutes")
    };
    if n == 1 { format!("every {one}") } else { format!("every {}", plural(n as usize, one, many)) }
}
