//! Per-rule fixtures: every `tests/fixtures/rules/<CODE>/*.scale` is checked, and its human and
//! JSON output snapshotted. A fixture named `fail-*` must produce a finding of its rule, one
//! named `pass-*` none of it.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

#[test]
fn rule_fixtures() {
    insta::glob!("fixtures/rules/*/*.scale", |path| {
        let rel = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().to_path_buf();
        let analysis = common::analyse_paths(&[PathBuf::from(&rel)]);
        let code = rel.parent().unwrap().file_name().unwrap().to_str().unwrap().to_owned();
        let stem = rel.file_stem().unwrap().to_str().unwrap().to_owned();
        let has = analysis.diagnostics.iter().any(|d| d.code.code == code);
        if stem.starts_with("fail") {
            assert!(has, "{} should give {code}:\n{}", rel.display(), common::human(&analysis));
        } else if stem.starts_with("pass") {
            assert!(!has, "{} should not give {code}:\n{}", rel.display(), common::human(&analysis));
        }
        insta::assert_snapshot!(format!("{code}-{stem}-human"), common::human(&analysis));
        insta::assert_json_snapshot!(format!("{code}-{stem}-json"), common::json(&analysis));
    });
}
