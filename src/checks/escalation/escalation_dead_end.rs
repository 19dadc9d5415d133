//! SG402 `escalation-dead-end`; prose and examples in rules/SG402-escalation-dead-end.toml.

use super::{MemberEntries, short_chain, sorted_parents, unit_phrase};
use crate::catalogue::Rule;
use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::plural;
use crate::model::graph::{PathEnd, node_unit, unit_node};
use crate::model::{Model, Target, Unit};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let esc = cx.escalation();
    let entries = MemberEntries::new(m);
    let mut entry_points: Option<Vec<usize>> = None;
    // Without an Executive Action Team no escalation can end well: SG101 is the root cause.
    let no_eat = m.eats.is_empty();
    for (node, end) in esc.ends.iter().enumerate() {
        let unit = node_unit(m, node);
        let subject = Subject::unit(unit);
        let what = unit_phrase(m, unit);
        match *end {
            PathEnd::Eat => out.pass(subject),
            PathEnd::OnCycle(_) => {}
            PathEnd::DeadEnd(stop) if stop == unit => {
                out.fail(subject, without_eat(no_target(m, &entries, unit), no_eat))
            }
            PathEnd::DeadEnd(stop) => {
                let finding = Finding::new(format!(
                    "{what} has no path to an Executive Action Team: its escalation path stops at {}, which has no escalation target",
                    unit_phrase(m, stop),
                ));
                let finding = first_edge(m, &entries, unit, finding).secondary(
                    m.unit_header(stop).span,
                    format!("`{}` has no escalation target", m.unit_ident(stop)),
                );
                out.fail(subject, without_eat(finding, no_eat));
            }
            PathEnd::IntoCycle(c) => {
                let ring = esc.cycles.get(c).map_or(&[][..], Vec::as_slice);
                let finding = Finding::new(format!(
                    "{what} has no path to an Executive Action Team: its escalation path runs into the cycle {}",
                    short_chain(m, ring),
                ));
                // The cycle is the cause: the path cannot end at an EAT while it exists.
                let mut finding = first_edge(m, &entries, unit, finding);
                if let Some(&first) = ring.first() {
                    finding = finding
                        .caused_by(Rule::EscalationCycle, Subject::Cycle(m.unit_ident(first).to_owned()));
                } else if no_eat {
                    finding = finding.caused_by(Rule::EatMissing, Subject::Organisation);
                }
                let points = entry_points.get_or_insert_with(|| entry_points_of(m, &esc.ends));
                if let Some(&at) = points.get(node).filter(|&&at| at != usize::MAX) {
                    let at = node_unit(m, at);
                    finding = finding.secondary(
                        m.unit_header(at).span,
                        format!("`{}` is on the escalation cycle", m.unit_ident(at)),
                    );
                }
                out.fail(subject, finding);
            }
        }
    }
}

/// Names SG101 (no Executive Action Team) as the cause of a dead end when there is no EAT.
fn without_eat(finding: Finding, no_eat: bool) -> Finding {
    if no_eat { finding.caused_by(Rule::EatMissing, Subject::Organisation) } else { finding }
}

/// The finding of a unit that has no escalation target itself.
fn no_target(m: &Model, entries: &MemberEntries<'_>, unit: Unit) -> Finding {
    let parents = sorted_parents(m, unit);
    let count = match parents.len() {
        0 => "no Scrum of Scrums".to_owned(),
        n => plural(n, "Scrum of Scrums", "Scrums of Scrums"),
    };
    let why = format!("is a member of {count} and declares no `escalates_to`");
    let label = format!("no `escalates_to`, and in {count}");
    let mut finding =
        Finding::new(format!("{} has no path to an Executive Action Team: it {why}", unit_phrase(m, unit)))
            .primary(m.unit_header(unit).span, label);
    for p in parents {
        if let Some(span) = entries.get(p, unit) {
            finding = finding.secondary(
                span,
                format!("`{}` is a member of `{}`", m.unit_ident(unit), m.name(m.sos(p).header.ident)),
            );
        }
    }
    finding
}

/// Adds the primary label on a unit's own escalation edge (its header when none is found).
fn first_edge(m: &Model, entries: &MemberEntries<'_>, unit: Unit, finding: Finding) -> Finding {
    match entries.edge(unit) {
        Some((span, label)) => finding.primary(span, label),
        None => finding.primary(m.unit_header(unit).span, "no path to an Executive Action Team"),
    }
}

/// For each node whose path runs into a cycle, the node where it first reaches the cycle
/// (`usize::MAX` for other nodes); each node is resolved once, so this is linear.
fn entry_points_of(m: &Model, ends: &[PathEnd]) -> Vec<usize> {
    const UNSET: usize = usize::MAX;
    let mut entry = vec![UNSET; ends.len()];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..ends.len() {
        if entry[start] != UNSET || !matches!(ends.get(start), Some(PathEnd::IntoCycle(_))) {
            continue;
        }
        path.clear();
        let mut node = start;
        let found = loop {
            path.push(node);
            let Some(Target::Unit(next)) = m.target(node_unit(m, node)) else {
                break UNSET;
            };
            let next = unit_node(m, next);
            match ends.get(next) {
                Some(PathEnd::OnCycle(_)) => break next,
                Some(PathEnd::IntoCycle(_)) if entry[next] != UNSET => break entry[next],
                Some(PathEnd::IntoCycle(_)) => node = next,
                _ => break UNSET,
            }
        };
        for &x in &path {
            entry[x] = found;
        }
    }
    entry
}

#[cfg(test)]
mod tests {
    use crate::catalogue::Rule;
    use crate::source::{SourceFile, SourceMap};

    fn analyse(text: &str) -> crate::Analysis {
        let map = SourceMap::from_files(vec![SourceFile::new("org.scale", text.to_owned())]);
        let errors = map.load_diagnostics();
        crate::analyse(map, errors, jiff::civil::date(2026, 6, 1))
    }

    #[test]
    fn a_long_cycle_is_shortened_in_the_message_of_a_unit_running_into_it() {
        let mut text = String::from(
            "organisation \"O\" {\n  sprint 2w\n}\nperson p\nexecutive_action_team eat {\n  members p\n}\n",
        );
        for i in 0..8 {
            text.push_str(&format!("team t{i} {{\n  escalates_to t{}\n}}\n", (i + 1) % 8));
        }
        text.push_str("team outside {\n  escalates_to t3\n}\n");
        let analysis = analyse(&text);
        assert!(!analysis.input_errors, "{:?}", analysis.diagnostics);
        let dead: Vec<_> =
            analysis.diagnostics.iter().filter(|d| d.code == Rule::EscalationDeadEnd).collect();
        assert_eq!(dead.len(), 1);
        assert_eq!(dead[0].subject.as_deref(), Some("outside"));
        assert_eq!(
            dead[0].message,
            "team `outside` has no path to an Executive Action Team: its escalation path runs into the cycle \
             `t0 -> t1 -> t2 -> ... -> t0` (8 units)"
        );
        let cycle =
            analysis.diagnostics.iter().find(|d| d.code == Rule::EscalationCycle).expect("an SG401 finding");
        assert_eq!(
            cycle.message,
            "escalation goes round in a cycle: `t0 -> t1 -> t2 -> t3 -> t4 -> t5 -> t6 -> t7 -> t0`"
        );
        assert_eq!(cycle.labels.len(), 8);
    }

    #[test]
    fn every_unit_on_a_path_to_a_dead_end_fails_and_names_it() {
        let text = "organisation \"O\" {\n  sprint 2w\n}\nperson p\nexecutive_action_team eat {\n  members p\n}\n\
                    team a {\n  escalates_to b\n}\nteam b {\n  escalates_to c\n}\nteam c {\n}\nteam d {\n  escalates_to eat\n}\n";
        let analysis = analyse(text);
        let dead: Vec<(&str, &str)> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.code == Rule::EscalationDeadEnd)
            .map(|d| (d.subject.as_deref().unwrap_or(""), d.message.as_str()))
            .collect();
        assert_eq!(dead.len(), 3, "{dead:?}");
        for (subject, message) in dead {
            if subject == "c" {
                assert!(
                    message.ends_with("it is a member of no Scrum of Scrums and declares no `escalates_to`")
                );
            } else {
                assert!(
                    message
                        .ends_with("its escalation path stops at team `c`, which has no escalation target")
                );
            }
        }
    }
}
