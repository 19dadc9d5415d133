//! SG201 `sos-status-only`; prose and examples in rules/SG201-sos-status-only.toml.

use super::event_head;
use crate::checks::{Checks, Context, Finding, Subject};
use crate::model::{Event, EventKind};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, sos) in m.sos_ids() {
        if sos.events.is_empty() {
            continue;
        }
        // The Scaled Daily Scrums, or every event when there is none (GUARDRAILS.md SG201).
        let daily: Vec<&Event> =
            sos.events.iter().filter(|e| e.syntax.kind == EventKind::ScaledDailyScrum).collect();
        let read: Vec<&Event> = if daily.is_empty() { sos.events.iter().collect() } else { daily.clone() };
        let actionable = read.iter().any(|e| {
            e.syntax.agenda.as_ref().is_some_and(|items| items.iter().any(|(item, _)| item.is_actionable()))
        });
        if actionable {
            out.pass(Subject::Sos(id));
            continue;
        }
        let ident = m.name(sos.header.ident);
        let message = match daily.len() {
            0 => format!("no event of Scrum of Scrums `{ident}` has an actionable item on its agenda"),
            // One phrase per unit kind, as every message writes it: "Scrum of Scrums `x`".
            1 => format!(
                "Scrum of Scrums `{ident}` holds a Scaled Daily Scrum with no actionable item on its agenda"
            ),
            n => format!(
                "Scrum of Scrums `{ident}` holds {n} Scaled Daily Scrums with no actionable item on their agendas"
            ),
        };
        let mut finding = Finding::new(message);
        for (i, event) in read.iter().enumerate() {
            let label = match &event.syntax.agenda {
                Some(items) if !items.is_empty() => "no actionable item on the agenda",
                _ => "no agenda: status only",
            };
            finding = if i == 0 {
                finding.primary(event_head(event), label)
            } else {
                finding.secondary(event_head(event), label)
            };
        }
        out.fail(Subject::Sos(id), finding);
    }
}
