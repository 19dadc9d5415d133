//! SG201 `sos-status-only`; prose and examples in rules/SG201-sos-status-only.toml.

use super::event_head;
use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::{Applicability, Edit, Suggestion};
use crate::model::{Event, EventKind};
use crate::source::Span;

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
        // One actionable item on the first Scaled Daily Scrum makes the check pass. Which items
        // a meeting discusses is for its people to judge, so the fix is unsafe; without a
        // Scaled Daily Scrum there is no agenda it clearly belongs on.
        if let Some(first) = daily.first() {
            finding = finding.suggest(Suggestion::new(
                "add `impediments` to the agenda",
                vec![add_impediments(first)],
                Applicability::Unsafe,
            ));
        }
        out.fail(Subject::Sos(id), finding);
    }
}

/// The edit that puts `impediments` on an event's agenda: after its last item, into its empty
/// block, or as a new block after the statement (in `fmt`'s layout: statements indented by
/// two spaces, agenda lines by four).
fn add_impediments(event: &Event) -> Edit {
    let e = &event.syntax;
    match &e.agenda {
        Some(items) => match items.last() {
            Some((_, last)) => Edit::insert(Span::new(last.file, last.end, last.end), ", impediments"),
            // A block with no agenda line: the statement ends with the block's `}`.
            None => {
                let close = event.span.end.saturating_sub(1).max(event.span.start);
                Edit::insert(Span::new(event.span.file, close, close), "  agenda impediments\n  ")
            }
        },
        None => {
            let end = e.lasting_span.unwrap_or(e.every_span).end;
            Edit::insert(Span::new(event.span.file, end, end), " {\n    agenda impediments\n  }")
        }
    }
}
