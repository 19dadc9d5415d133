#![allow(clippy::unwrap_used)]
//! The synthetic organisation generator: clean without injections, and each injection gives
//! exactly the findings it announces, judged by the whole pipeline.

use std::collections::BTreeMap;
use std::path::Path;

use scaleguard::source::{SourceFile, SourceMap};
use scaleguard_testkit::generate::{Generated, Inject, Options, generate, write};

fn analyse(g: &Generated) -> scaleguard::Analysis {
    let map =
        SourceMap::from_files(g.files.iter().map(|(n, t)| SourceFile::new(n.as_str(), t.clone())).collect());
    let errors = map.load_diagnostics();
    scaleguard::analyse(map, errors, jiff::civil::date(2026, 6, 1))
}

/// `(code, subject)` of every finding, as a multiset.
fn findings(a: &scaleguard::Analysis) -> BTreeMap<(String, String), usize> {
    let mut out = BTreeMap::new();
    for d in &a.diagnostics {
        let key = (d.code.code.to_owned(), d.subject.clone().unwrap_or_default());
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

fn expected(g: &Generated) -> BTreeMap<(String, String), usize> {
    let mut out = BTreeMap::new();
    for e in &g.expected {
        *out.entry((e.code.to_owned(), e.subject.clone())).or_insert(0) += 1;
    }
    out
}

/// The findings of `g` equal its expected list; on failure, says which differ and shows the
/// messages of the unexpected ones.
fn assert_exact(g: &Generated, what: &str) {
    let a = analyse(g);
    let got = findings(&a);
    let want = expected(g);
    if got != want {
        let missing: Vec<_> = want.iter().filter(|(k, n)| got.get(*k) != Some(n)).collect();
        let extra: Vec<String> = a
            .diagnostics
            .iter()
            .filter(|d| {
                let key = (d.code.code.to_owned(), d.subject.clone().unwrap_or_default());
                want.get(&key) != got.get(&key)
            })
            .map(|d| format!("{} {:?}: {}", d.code.code, d.subject, d.message))
            .collect();
        panic!(
            "{what}: findings differ from expected\n  expected but not (as often) found: {missing:?}\n  found but not (as often) expected:\n    {}",
            extra.join("\n    ")
        );
    }
    assert!(!a.input_errors, "{what}: input errors");
}

#[test]
fn clean_organisation_has_no_findings() {
    let g = generate(&Options { teams: 200, seed: 7, inject: Vec::new(), chunk: 50 });
    assert!(g.expected.is_empty());
    assert_eq!(g.files.iter().filter(|(n, _)| n.starts_with("teams-")).count(), 4);
    assert_exact(&g, "clean");
}

#[test]
fn clean_organisation_of_odd_sizes_has_no_findings() {
    for teams in [2, 3, 6, 26, 31] {
        let g = generate(&Options { teams, seed: 3, inject: Vec::new(), chunk: 10 });
        assert_exact(&g, &format!("clean, {teams} teams"));
    }
}

#[test]
fn each_injection_gives_exactly_its_findings() {
    for inject in Inject::ALL {
        let g = generate(&Options { teams: 300, seed: 11, inject: vec![*inject], chunk: 100 });
        assert!(!g.expected.is_empty(), "{}", inject.name());
        assert_exact(&g, inject.name());
    }
}

#[test]
fn all_injections_together_give_exactly_their_findings() {
    let g = generate(&Options { teams: 300, seed: 5, inject: Inject::ALL.to_vec(), chunk: 100 });
    let codes: std::collections::BTreeSet<char> =
        g.expected.iter().filter_map(|e| e.code.chars().nth(2)).collect();
    assert_eq!(codes.into_iter().collect::<String>(), "12345678", "one per family");
    assert_exact(&g, "all");
}

#[test]
fn small_organisation_grows_to_hold_every_injection() {
    let options = Options { teams: 4, seed: 9, inject: Inject::ALL.to_vec(), chunk: 100 };
    assert!(options.effective_teams() > 4);
    assert_exact(&generate(&options), "all, grown");
}

#[test]
fn same_seed_same_text_other_seed_other_text() {
    let options = Options { teams: 120, seed: 42, inject: vec![Inject::Cycle], chunk: 50 };
    let a = generate(&options);
    let b = generate(&options);
    assert_eq!(a, b);
    let c = generate(&Options { seed: 43, ..options.clone() });
    assert_eq!(a.files.len(), c.files.len());
    assert_ne!(a.files, c.files);
    let names = |g: &Generated| g.files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&c));
}

#[test]
fn injection_order_does_not_matter() {
    let mut backwards = Inject::ALL.to_vec();
    backwards.reverse();
    backwards.push(Inject::Cycle);
    let a = generate(&Options { teams: 100, seed: 1, inject: Inject::ALL.to_vec(), chunk: 50 });
    let b = generate(&Options { teams: 100, seed: 1, inject: backwards, chunk: 50 });
    assert_eq!(a, b);
}

/// The names of the entries in `dir`, sorted.
fn on_disk(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn names(g: &Generated) -> Vec<String> {
    let mut names: Vec<String> = g.files.iter().map(|(n, _)| n.clone()).collect();
    names.sort();
    names
}

#[test]
fn write_creates_a_new_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a/b");
    let g = generate(&Options { teams: 30, seed: 1, inject: Vec::new(), chunk: 10 });
    write(&g, &out).unwrap();
    assert_eq!(on_disk(&out), names(&g));
    for (name, text) in &g.files {
        assert_eq!(&std::fs::read_to_string(out.join(name)).unwrap(), text);
    }
}

#[test]
fn write_replaces_an_earlier_run_and_removes_its_extra_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let many = generate(&Options { teams: 30, seed: 1, inject: Vec::new(), chunk: 5 });
    write(&many, dir.path()).unwrap();
    let few = generate(&Options { teams: 30, seed: 2, inject: vec![Inject::Cycle], chunk: 10 });
    assert!(few.files.len() < many.files.len());
    write(&few, dir.path()).unwrap();
    assert_eq!(on_disk(dir.path()), names(&few));
    for (name, text) in &few.files {
        assert_eq!(&std::fs::read_to_string(dir.path().join(name)).unwrap(), text);
    }
}

#[test]
fn write_refuses_a_folder_with_files_it_did_not_write_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let g = generate(&Options { teams: 30, seed: 1, inject: Vec::new(), chunk: 10 });
    write(&g, dir.path()).unwrap();
    // A user's own organisation file and a note: neither may be touched.
    std::fs::write(dir.path().join("mine.scale"), "team payments {}\n").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "kept").unwrap();
    let before = on_disk(dir.path());
    let other = generate(&Options { teams: 12, seed: 1, inject: Vec::new(), chunk: 10 });
    let error = write(&other, dir.path()).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(
        error.to_string(),
        format!(
            "refusing to write into `{}`: it holds `mine.scale` and `notes.txt`, which the generator \
             did not write; give a new or empty folder, or one that holds only an earlier run's files",
            dir.path().display()
        )
    );
    assert_eq!(on_disk(dir.path()), before);
    assert_eq!(std::fs::read_to_string(dir.path().join("mine.scale")).unwrap(), "team payments {}\n");
    for (name, text) in &g.files {
        assert_eq!(&std::fs::read_to_string(dir.path().join(name)).unwrap(), text);
    }
}

#[test]
fn write_refuses_a_folder_with_a_subfolder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("org")).unwrap();
    let g = generate(&Options { teams: 4, seed: 1, inject: Vec::new(), chunk: 10 });
    let error = write(&g, dir.path()).unwrap_err();
    assert!(error.to_string().contains("it holds `org`, which the generator did not write"), "{error}");
    assert_eq!(on_disk(dir.path()), ["org"]);
}

#[test]
fn every_generated_file_starts_with_the_header_write_recognises() {
    let g = generate(&Options { teams: 30, seed: 1, inject: Inject::ALL.to_vec(), chunk: 10 });
    for (name, text) in &g.files {
        assert!(text.starts_with("# Generated by scaleguard: teams="), "{name}");
    }
}
