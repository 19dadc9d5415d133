//! The bundled examples: `acme-retail` is clean, and each problem example gives exactly the
//! findings and exit code its line in examples/README.md promises.
#![allow(clippy::unwrap_used)]

mod common;

use assert_cmd::Command;

/// `(directory, ["CODE subject", ...], exit)` from the table in examples/README.md.
fn promised() -> Vec<(String, Vec<String>, i32)> {
    let text = std::fs::read_to_string(common::root("examples/README.md")).unwrap();
    let mut out = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let dir = cells[1].trim_matches('`').trim_end_matches('/').to_owned();
        let findings = cells[3]
            .split(';')
            .map(|f| {
                let words: Vec<&str> = f.split_whitespace().collect();
                format!("{} {}", words[0], words[2].trim_matches('`'))
            })
            .collect();
        let exit = cells[4].split_whitespace().next().unwrap().parse().unwrap();
        out.push((dir, findings, exit));
    }
    out
}

#[test]
fn every_problem_example_gives_exactly_its_promised_findings() {
    let examples = promised();
    assert!(examples.len() >= 3);
    for (dir, mut want, exit) in examples {
        let out = Command::cargo_bin("scaleguard")
            .unwrap()
            .args(["check", &format!("examples/{dir}"), "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(exit), "{dir}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut got: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {}", f["code"].as_str().unwrap(), f["subject"].as_str().unwrap()))
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{dir}");
    }
}

#[test]
fn acme_retail_has_no_findings_at_all() {
    let a = common::analyse_paths(&[common::root("examples/acme-retail")]);
    assert!(a.diagnostics.is_empty(), "{}", common::human(&a));
    assert_eq!(a.sources.len(), 9);
}

#[test]
fn problem_example_human_output() {
    for dir in ["status-only-sos", "escalation-cycle", "cadence-drift", "command-and-control"] {
        let a = common::analyse_paths(&[std::path::PathBuf::from(format!("examples/{dir}"))]);
        insta::assert_snapshot!(format!("example-{dir}"), common::human(&a));
    }
}
