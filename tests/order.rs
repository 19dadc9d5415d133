//! Order independence (GUARDRAILS.md: "findings and scores are identical whatever the order of
//! files and items"): the same items, shuffled within files and spread over files in any
//! order, give the same model facts and the same findings.
#![allow(clippy::unwrap_used)]

mod common;

use proptest::prelude::*;
use scaleguard::model::Model;
use scaleguard::source::FileId;
use scaleguard_testkit::generate::{self, Inject, Options};

/// Every top-level item of the generated organisation (planted problems included), as text.
fn items() -> Vec<String> {
    let g = generate::generate(&Options { teams: 40, seed: 3, inject: Inject::ALL.to_vec(), chunk: 20 });
    let mut out = Vec::new();
    for (_, text) in &g.files {
        let parsed = scaleguard::syntax::parser::parse(FileId(0), text);
        assert!(parsed.diagnostics.is_empty());
        for item in &parsed.tree.items {
            out.push(text[item.span.start as usize..item.span.end as usize].to_owned());
        }
    }
    out
}

/// The model's facts, independent of arena order: one sorted line per item.
fn facts(m: &Model) -> Vec<String> {
    let mut lines = Vec::new();
    for t in &m.teams {
        let parents: Vec<&str> = t.parents.iter().map(|p| m.name(m.sos(*p).header.ident)).collect();
        lines.push(format!(
            "team {} parents={parents:?} target={:?} cadence={:?} developers={:?}",
            m.name(t.header.ident),
            t.target.map(|x| m.target_ident(x).to_owned()),
            t.cadence.map(|c| (c.days, c.start)),
            t.developers.as_ref().map(|d| d.count()),
        ));
    }
    for s in &m.scrums_of_scrums {
        let members: Vec<&str> = s.members.values().map(|u| m.unit_ident(*u)).collect();
        lines.push(format!(
            "sos {} members={members:?} target={:?}",
            m.name(s.header.ident),
            s.target.map(|x| m.target_ident(x).to_owned())
        ));
    }
    for p in &m.people {
        lines.push(format!("person {} executive={}", m.name(p.header.ident), p.executive.is_some()));
    }
    lines.sort();
    lines
}

/// `(code, subject, message)` of every finding, sorted.
fn findings(a: &scaleguard::Analysis) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = a
        .diagnostics
        .iter()
        .map(|d| (d.code.code.to_owned(), d.subject.clone().unwrap_or_default(), d.message.clone()))
        .collect();
    out.sort();
    out
}

fn analyse(items: &[String], files: usize, order: &[usize], names: &[usize]) -> scaleguard::Analysis {
    let mut texts = vec![String::new(); files];
    for (k, &i) in order.iter().enumerate() {
        let text = &mut texts[k % files];
        text.push_str(&items[i]);
        text.push_str("\n\n");
    }
    let named: Vec<(String, String)> =
        texts.into_iter().enumerate().map(|(k, t)| (format!("f{:02}.scale", names[k]), t)).collect();
    let refs: Vec<(&str, &str)> = named.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    common::analyse_texts(&refs)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn findings_and_model_do_not_depend_on_file_or_item_order(
        seed in any::<u64>(),
        files in 1usize..5,
    ) {
        let items = items();
        let reference = analyse(&items, 1, &(0..items.len()).collect::<Vec<_>>(), &[0]);
        prop_assert!(!reference.input_errors);
        prop_assert!(reference.diagnostics.len() > 5);
        // A permutation of items and of file names from the seed.
        let mut order: Vec<usize> = (0..items.len()).collect();
        let mut state = seed | 1;
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let mut names: Vec<usize> = (0..files).collect();
        names.rotate_left((seed % files as u64) as usize);
        let shuffled = analyse(&items, files, &order, &names);
        prop_assert_eq!(findings(&shuffled), findings(&reference));
        prop_assert_eq!(facts(&shuffled.model), facts(&reference.model));
    }
}
