//! Input errors SG001–SG010: every fixture directory `tests/fixtures/input/<CODE>-<case>/` is
//! checked as one organisation; its rendered diagnostics and JSON are snapshotted, and it must
//! report its code and exit as an input error (no guardrail evaluated).
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

#[test]
fn input_error_fixtures() {
    let dir = common::root("tests/fixtures/input");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 10);
    for case in cases {
        let name = case.file_name().unwrap().to_str().unwrap().to_owned();
        let code = &name[..5];
        let rel = PathBuf::from("tests/fixtures/input").join(&name);
        let analysis = common::analyse_paths(&[rel]);
        assert!(analysis.input_errors, "{name}: expected input errors");
        assert!(analysis.evaluation.is_none(), "{name}: no guardrail may run");
        assert!(
            analysis.diagnostics.iter().any(|d| d.code.code == code),
            "{name}: expected {code}:\n{}",
            common::human(&analysis)
        );
        for d in &analysis.diagnostics {
            assert!(d.is_input_error(), "{name}: only input errors expected, got {}", d.code.code);
            assert!(d.help.is_some(), "{name}: {} has no help", d.code.code);
        }
        insta::assert_snapshot!(format!("{name}-human"), common::human(&analysis));
        insta::assert_json_snapshot!(format!("{name}-json"), common::json(&analysis));
    }
}
