//! SG210 `scaled-daily-scrum-cadence`; prose and examples in rules/SG210-scaled-daily-scrum-cadence.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::{Applicability, Edit, Suggestion, plural};
use crate::model::{EventKind, Period};
use crate::source::Span;
use crate::syntax::ast::DAY_MINUTES;

/// The Scaled Daily Scrum's timebox, in minutes.
const TIMEBOX_MINUTES: u64 = 15;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    for (id, sos) in m.sos_ids() {
        let mut held = false;
        let mut labels: Vec<(Span, String)> = Vec::new();
        let (mut rare, mut long) = (false, false);
        // The Guide's values are exact, so the edits are certain: the timebox is safe to restore;
        // a daily cadence changes everyone's calendar, so a person judges it (unsafe).
        let (mut shorten, mut daily) = (Vec::new(), Vec::new());
        for event in sos.events.iter().filter(|e| e.syntax.kind == EventKind::ScaledDailyScrum) {
            held = true;
            let e = &event.syntax;
            // `every sprint` without a sprint length cannot be compared (LANGUAGE.md §3).
            let label = match e.every {
                Period::Minutes(minutes) if minutes > DAY_MINUTES => {
                    Some("less often than every day".to_owned())
                }
                Period::Sprint => match cx.sos_sprint_days(id) {
                    Some(days) if days > 1 => Some(format!(
                        "a sprint is {} here: less often than every day",
                        plural(days as usize, "day", "days")
                    )),
                    _ => None,
                },
                Period::Minutes(_) => None,
            };
            if let Some(label) = label {
                rare = true;
                labels.push((e.every_span, label));
                daily.push(Edit::replace(e.every_span, "every day"));
            }
            if let (Some(minutes), Some(span)) = (e.lasting, e.lasting_span)
                && minutes > TIMEBOX_MINUTES
            {
                long = true;
                labels.push((span, format!("{minutes} minutes, over the {TIMEBOX_MINUTES}-minute timebox")));
                shorten.push(Edit::replace(span, format!("lasting {TIMEBOX_MINUTES}min")));
            }
        }
        if !held {
            continue;
        }
        let what = match (rare, long) {
            (false, false) => {
                out.pass(Subject::Sos(id));
                continue;
            }
            (true, false) => "less often than every day".to_owned(),
            (false, true) => format!("for longer than {TIMEBOX_MINUTES} minutes"),
            (true, true) => {
                format!("less often than every day and for longer than {TIMEBOX_MINUTES} minutes")
            }
        };
        let mut finding = Finding::new(format!(
            "Scrum of Scrums `{}` holds its Scaled Daily Scrum {what}",
            m.name(sos.header.ident)
        ));
        for (i, (span, label)) in labels.into_iter().enumerate() {
            finding = if i == 0 { finding.primary(span, label) } else { finding.secondary(span, label) };
        }
        if !shorten.is_empty() {
            finding = finding.suggest(Suggestion::new(
                format!("keep it to the {TIMEBOX_MINUTES}-minute timebox"),
                shorten,
                Applicability::Safe,
            ));
        }
        if !daily.is_empty() {
            finding = finding.suggest(Suggestion::new("hold it daily", daily, Applicability::Unsafe));
        }
        out.fail(Subject::Sos(id), finding);
    }
}
