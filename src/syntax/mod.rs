//! Stage 2, **syntax**: each file is parsed by pest ([`parser`]) into a concrete tree with
//! spans ([`tree`]), then lowered into typed declarations ([`ast`], [`lower`]). The words of
//! the language are one table, [`keyword`]; the wording of lowering's errors is [`errors`].
//!
//! Files are independent here, so they are parsed in parallel (one file per task); the output
//! is in read order whatever the scheduling. A file that does not parse gives SG001 and the
//! items that did parse; the other files go on.

pub mod ast;
pub mod errors;
pub mod keyword;
pub mod lower;
pub mod parser;
pub mod tree;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, SourceMap};
use ast::FileDecls;

/// Parses and lowers every file of `sources` (those that could be read as text).
pub fn parse_all(sources: &SourceMap) -> (Vec<FileDecls<'_>>, Vec<Diagnostic>) {
    let results: Vec<(FileDecls<'_>, Vec<Diagnostic>)> = sources
        .files()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(id, file)| {
            if file.problem.is_some() {
                let all = vec![file.text.as_str()];
                let decls =
                    FileDecls { file: id, decls: Vec::new(), complete: false, maybe_declared: words(&all) };
                return (decls, Vec::new());
            }
            parse_file(id, &file.text)
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for (decls, diags) in results {
        files.push(decls);
        diagnostics.extend(diags);
    }
    (files, diagnostics)
}

/// Parses and lowers one file.
pub fn parse_file(id: FileId, text: &str) -> (FileDecls<'_>, Vec<Diagnostic>) {
    let parsed = parser::parse(id, text);
    let mut diagnostics = parsed.diagnostics;
    let (decls, lowered) = lower::lower(&parsed.tree);
    diagnostics.extend(lowered);
    let skipped: Vec<&str> =
        parsed.skipped.iter().filter_map(|&(s, e)| text.get(s as usize..e as usize)).collect();
    let complete = skipped.is_empty();
    let decls = FileDecls { file: id, decls, complete, maybe_declared: words(&skipped) };
    (decls, diagnostics)
}

/// Every identifier-like word in `texts`: the names an unparsed region might declare.
fn words<'s>(texts: &[&'s str]) -> Vec<&'s str> {
    let mut out = Vec::new();
    for text in texts {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphabetic() || b == b'_' {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'-')
                {
                    i += 1;
                }
                if let Some(w) = text.get(start..i) {
                    out.push(w);
                }
            } else {
                i += 1;
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
