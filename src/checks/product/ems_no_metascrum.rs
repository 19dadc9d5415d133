//! SG608 `ems-no-metascrum`; prose and examples in rules/SG608-ems-no-metascrum.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::model::{EventKind, Period};
use crate::syntax::ast::DAY_MINUTES;

/// `every sprint` on an EMS means the organisation's sprint (LANGUAGE.md §3); with no
/// organisation sprint, any `metascrum` event passes.
pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let sprint = m.organisation.sprint;
    for (id, ems) in super::ems_ids(cx) {
        let name = m.name(ems.header.ident);
        let metascrums: Vec<_> =
            ems.events.iter().filter(|e| e.syntax.kind == EventKind::Metascrum).collect();
        let finding = if metascrums.is_empty() {
            Some(
                Finding::new(format!("Executive MetaScrum `{name}` holds no `metascrum` event"))
                    .primary(ems.header.span, "no `event metascrum` here"),
            )
        } else if let Some(sprint) = sprint {
            let sprint_minutes = u64::from(sprint.days) * DAY_MINUTES;
            // The most frequent metascrum; `every sprint` is exactly once per sprint.
            let most_often = metascrums
                .iter()
                .map(|e| match e.syntax.every {
                    Period::Minutes(n) => (n, *e),
                    Period::Sprint => (sprint_minutes, *e),
                })
                .min_by_key(|(n, _)| *n);
            most_often.filter(|(n, _)| *n > sprint_minutes).map(|(n, e)| {
                Finding::new(format!(
                    "Executive MetaScrum `{name}` holds its `metascrum` every {}, less often than once per {} organisation sprint",
                    duration(n),
                    duration(sprint_minutes),
                ))
                .primary(e.syntax.every_span, "less often than once per sprint")
                .secondary(sprint.span, "the organisation's sprint")
            })
        } else {
            None
        };
        out.record(Subject::Ems(id), finding);
    }
}

/// A length in minutes as the language writes it: `2w`, `10d`, `36h`, `90min`.
fn duration(minutes: u64) -> String {
    const WEEK: u64 = 7 * DAY_MINUTES;
    if minutes.is_multiple_of(WEEK) {
        format!("{}w", minutes / WEEK)
    } else if minutes.is_multiple_of(DAY_MINUTES) {
        format!("{}d", minutes / DAY_MINUTES)
    } else if minutes.is_multiple_of(60) {
        format!("{}h", minutes / 60)
    } else {
        format!("{minutes}min")
    }
}
