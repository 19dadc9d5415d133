//! Bad input never panics: each case ends in a coded diagnostic and exit 2.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;

/// Checks `bytes` as one file and returns (exit code, JSON findings' codes).
fn check_bytes(bytes: &[u8]) -> (i32, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.scale");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::cargo_bin("scaleguard")
        .unwrap()
        .arg("check")
        .arg(&path)
        .args(["--format", "json"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes =
        v["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_owned()).collect();
    (out.status.code().unwrap(), codes)
}

#[test]
fn empty_file_is_an_organisation_count_error() {
    assert_eq!(check_bytes(b""), (2, vec!["SG006".to_owned()]));
}

#[test]
fn lone_brace_is_a_syntax_error() {
    assert_eq!(check_bytes(b"{"), (2, vec!["SG001".to_owned()]));
}

#[test]
fn ten_thousand_nested_unclosed_braces_are_one_syntax_error() {
    let text = "team x {\n".to_owned() + &"{\n".repeat(10_000);
    assert_eq!(check_bytes(text.as_bytes()), (2, vec!["SG001".to_owned()]));
    let flat = "{".repeat(10_000);
    assert_eq!(check_bytes(flat.as_bytes()), (2, vec!["SG001".to_owned()]));
}

#[test]
fn invalid_utf8_is_a_syntax_error_at_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.scale");
    std::fs::write(&path, b"organisation \"a\xffb\" {\n}\n").unwrap();
    let out = Command::cargo_bin("scaleguard")
        .unwrap()
        .arg("check")
        .arg(&path)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["code"], "SG001");
    assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(1), Some(16)));
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn nul_byte_is_a_syntax_error() {
    assert_eq!(check_bytes(b"organisation \"x\" {\n}\n\0\n"), (2, vec!["SG001".to_owned()]));
}

#[test]
fn hundred_megabytes_of_random_bytes_exceed_the_size_limit() {
    // A simple xorshift stream: random enough, no dependency, generated at test time.
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut bytes = vec![0u8; 100 * 1024 * 1024];
    for chunk in bytes.chunks_mut(8) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let word = state.to_le_bytes();
        chunk.copy_from_slice(&word[..chunk.len()]);
    }
    assert_eq!(check_bytes(&bytes), (2, vec!["SG005".to_owned()]));
}

#[test]
fn one_megabyte_identifier_is_an_invalid_value() {
    let text = format!("organisation \"x\" {{\n}}\nperson {}\n", "a".repeat(1024 * 1024));
    assert_eq!(check_bytes(text.as_bytes()), (2, vec!["SG005".to_owned()]));
}

#[test]
fn one_megabyte_string_is_an_invalid_value() {
    let text = format!("organisation \"{}\" {{\n}}\n", "a".repeat(1024 * 1024));
    assert_eq!(check_bytes(text.as_bytes()), (2, vec!["SG005".to_owned()]));
}

#[test]
fn random_small_inputs_never_panic() {
    let mut state = 42u64;
    let alphabet = b"team person organisation { } \" # , . 2w 2026-01-05 3..9 x\n\t\\";
    for _ in 0..300 {
        let mut text = Vec::new();
        for _ in 0..(state % 200) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let dir = tempfile::tempdir().unwrap();
        let map =
            scaleguard::source::SourceMap::from_files(vec![scaleguard::source::SourceFile::from_bytes(
                dir.path().join("x.scale"),
                text,
            )]);
        let errors = map.load_diagnostics();
        let _ = scaleguard::analyse(map, errors, jiff::civil::date(2026, 6, 1));
    }
}
