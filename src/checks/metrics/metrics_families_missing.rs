//! SG802 `metrics-families-missing`; prose and examples in rules/SG802-metrics-families-missing.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::{and_list, or_list};
use crate::model::Name;

/// The guide's four metric families and the metric identifiers that count for each
/// (GUARDRAILS.md, "Metric families (SG802)").
const FAMILIES: [(&str, &[&str]); 4] = [
    (
        "productivity",
        &[
            "velocity",
            "throughput",
            "productivity",
            "cycle_time",
            "lead_time",
            "flow_time",
            "deployment_frequency",
        ],
    ),
    (
        "value",
        &[
            "value",
            "business_value",
            "value_delivered",
            "revenue",
            "revenue_points",
            "nps",
            "customer_satisfaction",
            "outcomes",
        ],
    ),
    (
        "quality",
        &[
            "quality",
            "defects",
            "defect_rate",
            "escaped_defects",
            "downtime",
            "availability",
            "change_failure_rate",
            "mttr",
        ],
    ),
    (
        "sustainability",
        &["happiness", "team_happiness", "sustainability", "morale", "engagement", "wellbeing"],
    ),
];

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let org = &m.organisation;
    let mut covered = [false; FAMILIES.len()];
    let lists = std::iter::once(&org.metrics)
        .chain(m.teams.iter().map(|t| &t.metrics))
        .chain(m.scrums_of_scrums.iter().map(|s| &s.metrics));
    let mut seen = |metric: Name| {
        let word = m.name(metric);
        for (i, (_, members)) in FAMILIES.iter().enumerate() {
            if members.contains(&word)
                && let Some(slot) = covered.get_mut(i)
            {
                *slot = true;
            }
        }
    };
    for list in lists {
        for &metric in list.values() {
            seen(metric);
        }
    }
    let missing: Vec<&str> = FAMILIES
        .iter()
        .zip(covered)
        .filter(|(_, covered)| !covered)
        .map(|((family, _), _)| *family)
        .collect();
    if missing.is_empty() {
        out.pass(Subject::Organisation);
        return;
    }
    let family = if missing.len() == 1 { "family" } else { "families" };
    let finding =
        Finding::new(format!("the organisation measures nothing in the {} {family}", and_list(&missing)));
    let finding = match org.metrics.span {
        Some(span) => finding.primary(span, format!("no {} metric", or_list(&missing))),
        None => finding.primary(org.span, "no `metrics` here"),
    };
    out.fail(Subject::Organisation, finding);
}
