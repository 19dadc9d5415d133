//! Text encodings: a UTF-8 byte-order mark is accepted and ignored (and kept by `fmt`), as
//! rustc, ruff and taplo do; UTF-16 and UTF-32 files get a coded diagnostic that says the file
//! must be UTF-8, never an echo of their bytes.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use assert_cmd::Command;

const CLEAN: &str = "organisation \"Solo\" {\n  sprint 2w\n  vision \"One tap\"\n  metrics velocity, value, defects, happiness\n}\n\
                     person alice\nperson bob\nteam payments {\n  product_owner alice\n  scrum_master bob\n  developers 5\n  \
                     event refinement every week\n}\n";

fn scaleguard(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("scaleguard")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .args(["--color", "never"])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_utf8_byte_order_mark_is_ignored() {
    let plain = tempfile::tempdir().unwrap();
    std::fs::write(plain.path().join("org.scale"), CLEAN).unwrap();
    let marked = tempfile::tempdir().unwrap();
    std::fs::write(marked.path().join("org.scale"), format!("\u{feff}{CLEAN}")).unwrap();
    let a = scaleguard(plain.path(), &["check", "."]);
    let b = scaleguard(marked.path(), &["check", "."]);
    assert_eq!(a, b);
    assert_eq!(b.0, 0, "{b:?}");
    assert!(b.1.starts_with("scaleguard: no findings in 1 file"), "{b:?}");
    // A finding on the first line is placed at column 1, not after an invisible character.
    std::fs::write(
        marked.path().join("org.scale"),
        "\u{feff}organisation \"X\" {\n}\nteam t {\n}\nteam t {\n}\n",
    )
    .unwrap();
    let (code, stdout, _) = scaleguard(marked.path(), &["check", "."]);
    assert_eq!(code, 2);
    assert!(!stdout.contains('\u{feff}'), "{stdout}");
}

#[test]
fn fmt_keeps_the_byte_order_mark() {
    // The same text formatted without a mark, for comparison.
    let plain = tempfile::tempdir().unwrap();
    std::fs::write(plain.path().join("org.scale"), CLEAN).unwrap();
    assert_eq!(scaleguard(plain.path(), &["fmt", "."]).0, 0);
    let formatted = std::fs::read_to_string(plain.path().join("org.scale")).unwrap();
    assert_ne!(formatted, CLEAN, "the input is not in the canonical layout");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("org.scale");
    std::fs::write(&file, format!("\u{feff}{CLEAN}")).unwrap();
    let (code, _, stderr) = scaleguard(dir.path(), &["fmt", "."]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), format!("\u{feff}{formatted}"));
    let (code, stdout, _) = scaleguard(dir.path(), &["fmt", "--check", "."]);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn utf16_and_utf32_are_refused_with_a_code_and_the_fix() {
    let cases: [(&[u8], &str); 4] = [
        (&[0xFF, 0xFE], "UTF-16 (little-endian)"),
        (&[0xFE, 0xFF], "UTF-16 (big-endian)"),
        (&[0xFF, 0xFE, 0x00, 0x00], "UTF-32 (little-endian)"),
        (&[0x00, 0x00, 0xFE, 0xFF], "UTF-32 (big-endian)"),
    ];
    for (mark, encoding) in cases {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = mark.to_vec();
        for unit in "organisation \"X\" {\n}\n".encode_utf16() {
            bytes.extend(if encoding.contains("little") { unit.to_le_bytes() } else { unit.to_be_bytes() });
        }
        std::fs::write(dir.path().join("org.scale"), &bytes).unwrap();
        let (code, stdout, _) = scaleguard(dir.path(), &["check", "."]);
        assert_eq!(code, 2, "{encoding}: {stdout}");
        assert!(stdout.starts_with("SG001 syntax-error (scaleguard explain SG001)\n"), "{stdout}");
        assert!(stdout.contains("help: save the file as UTF-8"), "{stdout}");
        assert!(!stdout.contains('\0'), "NUL bytes echoed: {stdout:?}");
        let (_, json, _) = scaleguard(dir.path(), &["check", ".", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["findings"][0]["code"], "SG001");
        assert_eq!(
            v["findings"][0]["message"],
            format!("`./org.scale` is encoded as {encoding}; a `.scale` file must be UTF-8")
        );
        assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{json}");
    }
}
