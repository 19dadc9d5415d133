//! The pipeline's layers point down (STYLE.md §10, docs/architecture.md): `span` and
//! `catalogue` → `diagnostic` → `source` → `syntax` → `model` → `checks` → `score` → the
//! analysis (`lib.rs`) → the reports and tools (`report`, `assess`, `export`, `diff`,
//! `baseline`, `fmt`, `config`, `init`, `docs`) → the front ends (`cli`, `lsp`, `main.rs`).
//! A module may import from its own layer or an earlier one, never from a later one; this test
//! reads every `crate::` path in `src/` (outside comments and `#[cfg(test)]` modules) and fails
//! on the first import that points up, so the shape cannot silently rot.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

/// Each top-level module and its layer (lower is earlier in the pipeline).
const LAYERS: &[(&str, u32)] = &[
    ("span", 0),
    ("catalogue", 0),
    ("diagnostic", 1),
    ("source", 2),
    ("syntax", 3),
    ("model", 4),
    ("checks", 5),
    ("score", 6),
    // lib.rs: `analyse` runs source → syntax → model → checks; `today_utc`.
    ("lib", 7),
    ("report", 8),
    ("assess", 8),
    ("export", 8),
    ("diff", 8),
    ("baseline", 8),
    ("fmt", 8),
    ("fix", 8),
    ("config", 8),
    ("init", 8),
    ("docs", 8),
    ("cli", 9),
    ("lsp", 9),
    ("main", 9),
];

fn layer(module: &str) -> Option<u32> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The top-level module a file of `src/` belongs to (`src/checks/team/mod.rs` → `checks`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_owned()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The code lines of a file: comments dropped, and the item after each `#[cfg(test)]` (a test
/// module, counted by its braces) skipped.
fn code_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut skipping = false;
    let mut depth = 0i64;
    let mut opened = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            skipping = true;
            depth = 0;
            opened = false;
            continue;
        }
        let code = match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        };
        if skipping {
            for c in code.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            // A one-line item (`#[cfg(test)] use ...;`) or a closed block ends the skip.
            if (opened && depth <= 0) || (!opened && code.trim_end().ends_with(';')) {
                skipping = false;
            }
            continue;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        out.push((i + 1, code.to_owned()));
    }
    out
}

/// Every top-level module a line names as `crate::module`, including inside `use crate::{a, b}`.
fn crate_paths(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            for item in inner.split(',') {
                let name: String =
                    item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    found.push(name);
                }
            }
        } else {
            let name: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            found.push(name);
        }
        rest = after;
    }
    found
}

/// A name imported from the crate root: a module, or an item of lib.rs (`analyse`, ...).
fn target_layer(name: &str) -> Option<u32> {
    layer(name)
        .or_else(|| name.chars().next().is_some_and(|c| c.is_lowercase() || c.is_uppercase()).then_some(7))
}

#[test]
fn no_module_imports_from_a_later_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        let Some(own) = layer(&module) else {
            problems.push(format!("{}: module `{module}` has no layer in tests/layering.rs", file.display()));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (line_no, line) in code_lines(&text) {
            for name in crate_paths(&line) {
                if name == module || name == "self" || name == "super" {
                    continue;
                }
                let Some(target) = target_layer(&name) else { continue };
                if target > own {
                    problems.push(format!(
                        "{}:{line_no}: `{module}` (layer {own}) imports `crate::{name}` (layer {target}): {}",
                        file.strip_prefix(&src).unwrap().display(),
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "imports that point up the pipeline:\n{}", problems.join("\n"));
}

#[test]
fn the_scanner_sees_imports_groups_and_skips_comments_and_tests() {
    assert_eq!(crate_paths("use crate::source::{SourceFile, Span};"), ["source"]);
    assert_eq!(crate_paths("use crate::{analyse, report::human};"), ["analyse", "report"]);
    assert_eq!(
        crate_paths("let x = crate::model::graph::cycles(m) + crate::today_utc();"),
        ["model", "today_utc"]
    );
    let lines = code_lines(
        "use crate::a;\n// use crate::b;\nfn f() {} // crate::c\n#[cfg(test)]\nmod tests {\n    use crate::d;\n}\nuse crate::e;\n",
    );
    let names: Vec<String> = lines.iter().flat_map(|(_, l)| crate_paths(l)).collect();
    assert_eq!(names, ["a", "e"]);
    // A diagnostic that imports a source file, as it did before the layers were cut, is caught.
    assert!(target_layer("source").unwrap() > layer("diagnostic").unwrap());
}
