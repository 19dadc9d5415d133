//! Compiles `rules/*.toml` (the rule catalogue, GUARDRAILS.md) into static Rust data, so the
//! binary carries the docs and a missing, malformed or duplicate rule file fails the build,
//! with a message naming the file, not a user's run. The compiler is build/rules.rs.

use std::path::Path;
use std::process::ExitCode;

#[path = "build/rules.rs"]
mod rules;

fn main() -> ExitCode {
    // A folder here makes cargo rerun the script when anything in it changes.
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=build/rules.rs");
    let result = rules::compile(Path::new("rules")).and_then(|code| {
        let dir = std::env::var("OUT_DIR").map_err(|e| format!("cannot find OUT_DIR: {e}"))?;
        let dest = Path::new(&dir).join("rules.rs");
        std::fs::write(&dest, code).map_err(|e| format!("cannot write `{}`: {e}", dest.display()))
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            for line in message.lines() {
                println!("cargo::error={line}");
            }
            ExitCode::FAILURE
        }
    }
}
