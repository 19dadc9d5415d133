//! A mutation fuzzer over the whole pipeline: read → parse → resolve → check → score → every
//! output format (human, JSON, SARIF, JUnit, GitHub, GitLab, and the HTML and Markdown
//! coaching reports). Inputs are valid organisations (examples/, test fixtures, the rules' own
//! examples) mutated at random: bytes deleted, flipped or inserted, tokens of the language
//! inserted, lines swapped, duplicated or dropped, files spliced. No input may panic.
//!
//! `cargo test --test fuzz` runs a few hundred cases (seconds). A long run:
//! `SCALEGUARD_FUZZ_SECONDS=600 cargo test --release --test fuzz -- --nocapture`
//! (the seed is printed; `SCALEGUARD_FUZZ_SEED=<n>` replays one run). Every crash found becomes
//! a regression case in tests/fixtures/fuzz/, which this test also runs.
#![allow(clippy::unwrap_used)]

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use scaleguard::report::{self, Summary};
use scaleguard::source::{SourceFile, SourceMap};

const TOKENS: &[&str] = &[
    "{",
    "}",
    "\n",
    ",",
    ",\n",
    "\"",
    "#",
    " ",
    "\t",
    "\\",
    "..",
    "0",
    "99999999999",
    "2w",
    "0d",
    "36h",
    "2026-02-30",
    "2026-01-05",
    "3..9",
    "9..3",
    "organisation",
    "team",
    "person",
    "scrum_of_scrums",
    "executive_action_team",
    "executive_metascrum",
    "backlog",
    "definition_of_done",
    "policy",
    "members",
    "escalates_to",
    "depends_on",
    "event",
    "every",
    "sprint",
    "lasting",
    "agenda",
    "waive",
    "severity",
    "for",
    "until",
    "off",
    "SG101",
    "SG901",
    "team-size",
    "executive",
    "authority",
    "{\n  agenda status\n}",
    "\u{0}",
    "é",
    "\r\n",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

fn corpus() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for dir in ["examples", "tests/fixtures"] {
        for entry in walkdir::WalkDir::new(common::root(dir)).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|x| x == "scale") {
                out.push(std::fs::read(entry.path()).unwrap());
            }
        }
    }
    for rule in scaleguard::catalogue::rules() {
        out.push(rule.fail.as_bytes().to_vec());
        out.push(rule.pass.as_bytes().to_vec());
    }
    out
}

fn mutate(rng: &mut Rng, corpus: &[Vec<u8>], input: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        let len = input.len();
        match rng.below(8) {
            0 if len > 0 => {
                let at = rng.below(len);
                let n = 1 + rng.below(16.min(len - at));
                input.drain(at..at + n);
            }
            1 if len > 0 => {
                let at = rng.below(len);
                input[at] = rng.next() as u8;
            }
            2 | 3 => {
                let at = rng.below(len + 1);
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                input.splice(at..at, token.iter().copied());
            }
            4 => {
                let mut lines: Vec<Vec<u8>> = input.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                if lines.len() > 1 {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(a, b);
                    *input = lines.join(&b'\n');
                }
            }
            5 => {
                let mut lines: Vec<Vec<u8>> = input.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                if !lines.is_empty() {
                    let a = rng.below(lines.len());
                    if rng.below(2) == 0 {
                        let line = lines[a].clone();
                        lines.insert(a, line);
                    } else {
                        lines.remove(a);
                    }
                    *input = lines.join(&b'\n');
                }
            }
            6 => {
                let other = &corpus[rng.below(corpus.len())];
                let at = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                let to = from + rng.below(other.len() - from + 1);
                input.splice(at..at, other[from..to].iter().copied());
            }
            _ => input.truncate(rng.below(len + 1)),
        }
    }
}

/// Runs every stage and every output on one set of files; panics propagate.
fn run_all(files: Vec<(String, Vec<u8>)>) {
    let map = SourceMap::from_files(files.into_iter().map(|(n, b)| SourceFile::from_bytes(n, b)).collect());
    let errors = map.load_diagnostics();
    let a = scaleguard::analyse(map, errors, jiff::civil::date(2026, 6, 1));
    let summary = Summary::of(&a.diagnostics, a.sources.len());
    let score = a.evaluation.as_ref().map(scaleguard::score::Score::summary);
    let mut sink = Vec::new();
    let paths = report::location::Paths::as_given(&a.sources);
    let d = &a.diagnostics;
    report::human::write(&mut sink, d, &a.sources, &summary, "", Default::default()).unwrap();
    report::json::write(&mut sink, d, &a.sources, &summary, score.as_ref()).unwrap();
    let options = report::sarif::Options { docs_url: "urn:scaleguard:docs:rules", baselined: None };
    report::sarif::write(&mut sink, d, &a.sources, &paths, options).unwrap();
    report::junit::write(&mut sink, a.evaluation.as_ref(), &a.model, d, &[], &a.sources, &paths).unwrap();
    report::github::write(&mut sink, d, &a.sources, &paths, &summary.line()).unwrap();
    report::gitlab::write(&mut sink, d, &a.sources, &paths).unwrap();
    if let Some(e) = &a.evaluation {
        let full = scaleguard::score::Score::of(e, &a.model);
        let coaching = scaleguard::assess::Report::build(&a, &full, jiff::civil::date(2026, 6, 1));
        scaleguard::assess::html::render(&coaching).unwrap();
        scaleguard::assess::markdown::render(&coaching).unwrap();
    }
}

fn check_case(files: Vec<(String, Vec<u8>)>) -> Result<(), String> {
    let shown: Vec<(String, String)> =
        files.iter().map(|(n, b)| (n.clone(), String::from_utf8_lossy(b).into_owned())).collect();
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| run_all(files)));
    if result.is_err() {
        return Err(format!("panic on {shown:?}"));
    }
    if started.elapsed() > Duration::from_secs(10) {
        return Err(format!("took {:?} on {shown:?}", started.elapsed()));
    }
    Ok(())
}

#[test]
fn regression_cases_do_not_panic() {
    let dir = common::root("tests/fixtures/fuzz");
    if !Path::new(&dir).exists() {
        return;
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        check_case(vec![(path.display().to_string(), bytes)]).unwrap();
    }
}

#[test]
fn mutated_organisations_never_panic() {
    let corpus = corpus();
    assert!(corpus.len() > 100);
    let seconds: u64 =
        std::env::var("SCALEGUARD_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(0);
    let seed: u64 =
        std::env::var("SCALEGUARD_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20261125);
    println!("fuzz: seed {seed}, {} corpus files, {seconds} s", corpus.len());
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut cases = 0u64;
    loop {
        let files = 1 + rng.below(3);
        let mut set = Vec::new();
        for k in 0..files {
            let mut input = corpus[rng.below(corpus.len())].clone();
            mutate(&mut rng, &corpus, &mut input);
            set.push((format!("f{k}.scale"), input));
        }
        if let Err(problem) = check_case(set) {
            panic!("fuzz case {cases} (seed {seed}): {problem}");
        }
        cases += 1;
        if (seconds == 0 && cases >= 300) || (seconds > 0 && Instant::now() >= deadline) {
            break;
        }
    }
    println!("fuzz: {cases} cases, no panic");
}
