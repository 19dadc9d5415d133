//! SG401 `escalation-cycle`; prose and examples in rules/SG401-escalation-cycle.toml.

use super::{MemberEntries, chain};
use crate::checks::{Checks, Context, Finding, Subject};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let entries = MemberEntries::new(m);
    for ring in &cx.escalation().cycles {
        let Some(&first) = ring.first() else { continue };
        let mut finding = Finding::new(format!("escalation goes round in a cycle: `{}`", chain(m, ring)));
        for (i, &unit) in ring.iter().enumerate() {
            let Some((span, label)) = entries.edge(unit) else {
                continue;
            };
            finding = if i == 0 { finding.primary(span, label) } else { finding.secondary(span, label) };
        }
        out.fail(Subject::Cycle(m.unit_ident(first).to_owned()), finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::Rule;
    use crate::source::{SourceFile, SourceMap};

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile::new(path, text.to_owned())
    }

    #[test]
    fn cycle_over_three_files_labels_every_edge_where_it_is_declared() {
        // checkout (sos.scale) -> lead (org.scale) -> payments (teams.scale) -> checkout.
        let files = vec![
            file(
                "org.scale",
                "organisation \"Split\" {\n  sprint 2w starting 2026-01-05\n}\nperson alice\nperson bob\n\
                 executive_action_team eat {\n  members alice\n}\n\
                 team lead {\n  product_owner alice\n  scrum_master bob\n  developers 5\n  escalates_to payments\n}\n",
            ),
            file(
                "teams.scale",
                "team payments {\n  product_owner alice\n  scrum_master bob\n  developers 5\n  escalates_to checkout\n}\n\
                 team cart {\n  product_owner alice\n  scrum_master bob\n  developers 5\n}\n",
            ),
            file(
                "sos.scale",
                "scrum_of_scrums checkout {\n  members payments, cart\n  escalates_to lead\n}\n",
            ),
        ];
        let map = SourceMap::from_files(files);
        let errors = map.load_diagnostics();
        let analysis = crate::analyse(map, errors, jiff::civil::date(2026, 6, 1));
        assert!(!analysis.input_errors, "{:?}", analysis.diagnostics);
        let cycles: Vec<_> =
            analysis.diagnostics.iter().filter(|d| d.code == Rule::EscalationCycle).collect();
        assert_eq!(cycles.len(), 1, "{cycles:?}");
        let d = cycles[0];
        assert_eq!(d.subject.as_deref(), Some("checkout"));
        assert_eq!(d.message, "escalation goes round in a cycle: `checkout -> lead -> payments -> checkout`");
        let labels: Vec<(&str, &str, bool)> = d
            .labels
            .iter()
            .map(|l| (analysis.sources.slice(l.span), l.message.as_str(), l.primary))
            .collect();
        assert_eq!(
            labels,
            [
                ("lead", "`checkout` escalates to `lead`", true),
                ("payments", "`lead` escalates to `payments`", false),
                ("checkout", "`payments` escalates to `checkout`", false),
            ]
        );
        let mut files: Vec<u32> = d.labels.iter().map(|l| l.span.file.0).collect();
        files.sort_unstable();
        files.dedup();
        assert_eq!(files.len(), 3);
        // `cart` runs into the cycle through `checkout`: a dead end, not on the cycle.
        let dead: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.code == Rule::EscalationDeadEnd)
            .filter_map(|d| d.subject.as_deref())
            .collect();
        assert_eq!(dead, ["cart"]);
    }

    #[test]
    fn implicit_edge_is_labelled_at_the_membership_entry() {
        let files = vec![
            file(
                "a.scale",
                "organisation \"O\" {\n  sprint 2w\n}\nperson alice\nexecutive_action_team eat {\n  members alice\n}\n\
                 team payments {\n  developers 5\n}\nteam cart {\n  developers 5\n}\n",
            ),
            file(
                "b.scale",
                "scrum_of_scrums checkout {\n  members cart, payments\n  escalates_to payments\n}\n",
            ),
        ];
        let map = SourceMap::from_files(files);
        let errors = map.load_diagnostics();
        let analysis = crate::analyse(map, errors, jiff::civil::date(2026, 6, 1));
        assert!(!analysis.input_errors, "{:?}", analysis.diagnostics);
        let d =
            analysis.diagnostics.iter().find(|d| d.code == Rule::EscalationCycle).expect("an SG401 finding");
        assert_eq!(d.subject.as_deref(), Some("checkout"));
        assert_eq!(d.message, "escalation goes round in a cycle: `checkout -> payments -> checkout`");
        let labels: Vec<(u32, &str, &str)> = d
            .labels
            .iter()
            .map(|l| (l.span.file.0, analysis.sources.slice(l.span), l.message.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                (1, "payments", "`checkout` escalates to `payments`"),
                (1, "payments", "`payments` escalates to `checkout` as a member"),
            ]
        );
        assert_ne!(d.labels[0].span, d.labels[1].span);
    }
}
