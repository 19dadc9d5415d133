//! `scaleguard fmt`: snapshots of formatted fixtures, and properties over generated and
//! example organisations whose layout has been shaken at random (indentation, spacing, line
//! breaks in lists, blank lines, comments everywhere, statement order): formatting is
//! idempotent, keeps the model, and keeps every comment.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use assert_cmd::Command;
use proptest::prelude::*;
use scaleguard::export::model::{to_json, without_spans};
use scaleguard::fmt::{comment_texts, format_text};
use scaleguard::source::{FileId, SourceFile, SourceMap};
use scaleguard::syntax::parser;
use scaleguard::syntax::tree::{Body, Statement, Tree};

fn format(text: &str) -> String {
    match format_text(FileId(0), text) {
        Ok(t) => t,
        Err(d) => panic!("does not format: {d:?}"),
    }
}

/// The meaning of a set of files: the export without spans, and every diagnostic's code,
/// subject and message, sorted.
fn meaning(files: &[(String, String)]) -> (serde_json::Value, Vec<(String, String, String)>) {
    let map =
        SourceMap::from_files(files.iter().map(|(n, t)| SourceFile::new(n.clone(), t.clone())).collect());
    let errors = map.load_diagnostics();
    let analysis = scaleguard::analyse(map, errors, common::today());
    let export: serde_json::Value =
        serde_json::from_str(&to_json(&analysis.model, &analysis.sources)).unwrap();
    let mut diagnostics: Vec<(String, String, String)> = analysis
        .diagnostics
        .iter()
        .map(|d| (d.code.code.to_owned(), d.subject.clone().unwrap_or_default(), d.message.clone()))
        .collect();
    diagnostics.sort();
    (without_spans(export), diagnostics)
}

fn comments(text: &str) -> Vec<String> {
    let parsed = parser::parse(FileId(0), text);
    assert!(parsed.diagnostics.is_empty(), "{:?}\n{text}", parsed.diagnostics);
    comment_texts(&parsed.tree, text).into_iter().map(str::to_owned).collect()
}

/// Formats each file and checks the three properties against `files`.
fn check_properties(files: &[(String, String)]) {
    let formatted: Vec<(String, String)> = files.iter().map(|(n, t)| (n.clone(), format(t))).collect();
    for ((name, before), (_, after)) in files.iter().zip(&formatted) {
        assert_eq!(
            &format(after),
            after,
            "not idempotent: {name}\n--- input\n{before}\n--- formatted\n{after}"
        );
        assert_eq!(comments(before), comments(after), "comments differ: {name}");
    }
    let (a, da) = meaning(files);
    let (b, db) = meaning(&formatted);
    assert_eq!(da, db, "diagnostics differ");
    assert!(a == b, "the model differs after formatting");
}

#[test]
fn fixtures_format_to_their_snapshots() {
    insta::glob!("fixtures/fmt/*.scale", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let formatted = format(&text);
        insta::assert_snapshot!(formatted);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        check_properties(&[(name, text)]);
    });
}

#[test]
fn examples_are_kept_by_formatting() {
    for dir in ["acme-retail", "cadence-drift", "command-and-control", "escalation-cycle", "status-only-sos"]
    {
        check_properties(&read_dir(&common::root(&format!("examples/{dir}"))));
    }
}

fn read_dir(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in walk(dir) {
        let text = std::fs::read_to_string(&entry).unwrap();
        out.push((entry.strip_prefix(dir).unwrap().to_string_lossy().into_owned(), text));
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "scale") {
            out.push(path);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Shaking a file's layout without changing its meaning.

/// splitmix64: a small deterministic generator driven by the proptest seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    fn chance(&mut self, one_in: u64) -> bool {
        self.below(one_in) == 0
    }

    fn ws(&mut self, min: u64) -> &'static str {
        const WS: [&str; 5] = ["", " ", "  ", "\t", "   "];
        WS[(min + self.below(WS.len() as u64 - min)) as usize]
    }
}

struct Shaker {
    rng: Rng,
    out: String,
    comments: usize,
}

impl Shaker {
    fn comment(&mut self) -> String {
        self.comments += 1;
        const TEXTS: [&str; 4] = ["# note", "#tight", "# with \"quotes\", commas, and # hashes", "#"];
        format!("{} {}", TEXTS[self.rng.below(4) as usize], self.comments)
    }

    fn own_line_comments(&mut self) {
        while self.rng.chance(5) {
            let ws = self.rng.ws(0);
            let c = self.comment();
            self.out.push_str(&format!("{ws}{c}\n"));
        }
        if self.rng.chance(6) {
            self.out.push('\n');
        }
    }

    fn line_end(&mut self) {
        if self.rng.chance(4) {
            let ws = self.rng.ws(0);
            let c = self.comment();
            self.out.push_str(&format!("{ws} {c}"));
        } else {
            let ws = self.rng.ws(0);
            self.out.push_str(ws);
        }
        self.out.push('\n');
    }

    fn file(&mut self, tree: &Tree<'_>) {
        for item in &tree.items {
            self.own_line_comments();
            let ws = self.rng.ws(0);
            self.out.push_str(ws);
            self.out.push_str(item.keyword.text);
            for v in &item.header {
                let ws = self.rng.ws(1);
                self.out.push_str(ws);
                self.out.push_str(v.text);
            }
            if let Some(body) = &item.body {
                let ws = self.rng.ws(1);
                self.out.push_str(ws);
                self.out.push('{');
                self.line_end();
                self.body(body);
                self.out.push('}');
            }
            self.line_end();
        }
        self.own_line_comments();
    }

    fn body(&mut self, body: &Body<'_>) {
        // A random interleaving that keeps statements of one keyword in their order.
        let mut queues: Vec<(&str, std::collections::VecDeque<&Statement<'_>>)> = Vec::new();
        for st in &body.statements {
            match queues.iter_mut().find(|(k, _)| *k == st.keyword.text) {
                Some((_, q)) => q.push_back(st),
                None => queues.push((st.keyword.text, std::collections::VecDeque::from([st]))),
            }
        }
        loop {
            let live: Vec<usize> = (0..queues.len()).filter(|&i| !queues[i].1.is_empty()).collect();
            if live.is_empty() {
                break;
            }
            let pick = live[self.rng.below(live.len() as u64) as usize];
            let Some(st) = queues[pick].1.pop_front() else { break };
            self.statement(st);
        }
        self.own_line_comments();
        let ws = self.rng.ws(0);
        self.out.push_str(ws);
    }

    fn statement(&mut self, st: &Statement<'_>) {
        self.own_line_comments();
        let ws = self.rng.ws(0);
        self.out.push_str(ws);
        self.out.push_str(st.keyword.text);
        for (i, v) in st.values.iter().enumerate() {
            if i > 0 && v.after_comma {
                let ws = self.rng.ws(0);
                self.out.push_str(ws);
                self.out.push(',');
                while self.rng.chance(3) {
                    if self.rng.chance(2) {
                        let ws = self.rng.ws(0);
                        let c = self.comment();
                        self.out.push_str(&format!("{ws} {c}"));
                    }
                    self.out.push('\n');
                }
                let ws = self.rng.ws(1);
                self.out.push_str(ws);
            } else {
                let ws = self.rng.ws(1);
                self.out.push_str(ws);
            }
            self.out.push_str(v.text);
        }
        if let Some(block) = &st.block {
            let ws = self.rng.ws(1);
            self.out.push_str(ws);
            self.out.push('{');
            self.line_end();
            self.body(block);
            self.out.push('}');
        }
        self.line_end();
    }
}

fn shake(text: &str, seed: u64) -> String {
    let parsed = parser::parse(FileId(0), text);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let mut s = Shaker { rng: Rng(seed), out: String::new(), comments: 0 };
    s.file(&parsed.tree);
    s.out
}

fn shaken_properties(files: &[(String, String)], seed: u64) {
    let shaken: Vec<(String, String)> = files
        .iter()
        .enumerate()
        .map(|(i, (n, t))| (n.clone(), shake(t, seed.wrapping_add(i as u64))))
        .collect();
    // The shaker drops the original comments and adds its own; the meaning must not move.
    let (a, da) = meaning(files);
    let (b, db) = meaning(&shaken);
    assert_eq!(da, db, "the shaker changed the diagnostics");
    assert!(a == b, "the shaker changed the model");
    check_properties(&shaken);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_organisations_keep_their_meaning(seed in 0u64..10_000, shake_seed in any::<u64>()) {
        let generated = scaleguard_testkit::generate::generate(&scaleguard_testkit::generate::Options {
            teams: 20,
            seed,
            inject: vec![],
            chunk: 2000,
        });
        shaken_properties(&generated.files, shake_seed);
    }

    #[test]
    fn example_organisations_keep_their_meaning(which in 0usize..5, shake_seed in any::<u64>()) {
        let dir = ["acme-retail", "cadence-drift", "command-and-control", "escalation-cycle", "status-only-sos"][which];
        shaken_properties(&read_dir(&common::root(&format!("examples/{dir}"))), shake_seed);
    }
}

// ---------------------------------------------------------------------------------------------
// The command.

fn scaleguard() -> Command {
    let mut cmd = Command::cargo_bin("scaleguard").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("CI");
    cmd
}

#[test]
fn check_prints_a_diff_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("org.scale");
    let text = "team a {\n    scrum_master b\n  product_owner c\n}\n";
    std::fs::write(&file, text).unwrap();
    let out = scaleguard().current_dir(dir.path()).args(["fmt", "--check", "org.scale"]).assert().code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(
        stdout,
        "--- a/org.scale\n+++ b/org.scale\n@@ -1,4 +1,4 @@\n team a {\n-    scrum_master b\n   product_owner c\n+  scrum_master b\n }\nscaleguard: 1 of 1 file would be reformatted\n"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn fmt_rewrites_files_and_then_has_nothing_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("org.scale");
    std::fs::write(&file, "person a   \"A\"\n").unwrap();
    let out = scaleguard().arg("fmt").arg(dir.path()).assert().code(0);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).ends_with("1 of 1 file reformatted\n"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "person a \"A\"\n");
    let out = scaleguard().args(["fmt", "--check"]).arg(dir.path()).assert().code(0);
    assert_eq!(String::from_utf8_lossy(&out.get_output().stdout), "scaleguard: 1 file already formatted\n");
}

#[test]
fn a_file_that_does_not_parse_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.scale");
    let good = dir.path().join("good.scale");
    let bad_text = "team a {\n  product_owner  b\n";
    std::fs::write(&bad, bad_text).unwrap();
    std::fs::write(&good, "person  x\n").unwrap();
    let out = scaleguard().arg("fmt").arg(dir.path()).arg("--color").arg("never").assert().code(2);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("SG001 syntax-error"), "{stdout}");
    assert!(stdout.contains("unclosed `{` at the end of the file"), "{stdout}");
    assert!(stdout.ends_with("; 1 file not formatted (syntax errors)\n"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), bad_text);
    assert_eq!(std::fs::read_to_string(&good).unwrap(), "person x\n");
}

#[cfg(unix)]
#[test]
fn rewriting_keeps_the_file_mode() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("org.scale");
    std::fs::write(&file, "person  x\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    scaleguard().arg("fmt").arg(&file).assert().code(0);
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640);
}
