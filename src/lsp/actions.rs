//! Formatting through [`crate::fmt`], and quick fixes.
//!
//! Formatting sends the lines that changed (a line diff of the document and its formatted
//! text), so the client keeps the cursor and folds where nothing moved; a document `fmt`
//! refuses (it does not parse) gets no edit, and its diagnostics say why.
//!
//! Quick fixes are the diagnostics' suggestions ([`crate::diagnostic::Suggestion`]), the same
//! edits `check --fix` applies and SARIF carries: one code action per suggestion of a
//! diagnostic in the requested range, preferred when it is safe. Nothing is read from the help
//! text.

use lsp_types::{CodeActionParams, DocumentFormattingParams};
use serde_json::{Value, json};

use super::convert;
use super::navigate::workspace_edit;
use super::position::Lines;
use super::server::{Failure, Server};
use crate::diagnostic::{Applicability, Suggestion};
use crate::source::{FileId, Span};

/// `textDocument/formatting`.
pub(crate) fn formatting(
    server: &Server<'_, '_, '_>,
    params: DocumentFormattingParams,
) -> Result<Value, Failure> {
    let Some(i) = server.index_of(&params.text_document.uri) else { return Ok(Value::Null) };
    let doc = &server.docs[i];
    match crate::fmt::format_text(FileId(i as u32), doc.text) {
        Ok(new) => Ok(json!(line_edits(doc.text, &doc.lines, &new, server.session.encoding))),
        Err(_) => Ok(Value::Null),
    }
}

/// The edits that turn `old` into `new`, one per run of changed lines.
fn line_edits(old: &str, lines: &Lines, new: &str, encoding: super::position::Encoding) -> Vec<Value> {
    let starts = |text: &str| -> Vec<usize> {
        let mut at = vec![0];
        at.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        if at.last() != Some(&text.len()) {
            at.push(text.len());
        }
        at
    };
    let (old_at, new_at) = (starts(old), starts(new));
    let diff = similar::TextDiff::from_lines(old, new);
    let mut edits = Vec::new();
    let mut run: Option<(usize, usize, usize, usize)> = None;
    let flush = |run: Option<(usize, usize, usize, usize)>, edits: &mut Vec<Value>| {
        if let Some((a, b, c, d)) = run {
            let (start, end) =
                (old_at.get(a).copied().unwrap_or(old.len()), old_at.get(b).copied().unwrap_or(old.len()));
            let text = new.get(
                new_at.get(c).copied().unwrap_or(new.len())..new_at.get(d).copied().unwrap_or(new.len()),
            );
            let span = Span::new(FileId(0), start as u32, end as u32);
            edits.push(json!({ "range": lines.range(old, span, encoding), "newText": text.unwrap_or("") }));
        }
    };
    for op in diff.ops() {
        let (o, n) = (op.old_range(), op.new_range());
        if op.tag() == similar::DiffTag::Equal {
            flush(run.take(), &mut edits);
            continue;
        }
        run = Some(match run {
            Some((a, _, c, _)) => (a, o.end, c, n.end),
            None => (o.start, o.end, n.start, n.end),
        });
    }
    flush(run, &mut edits);
    edits
}

/// `textDocument/codeAction`: a quick fix for each suggestion of the diagnostics in the range.
pub(crate) fn code_actions(server: &Server<'_, '_, '_>, params: CodeActionParams) -> Result<Value, Failure> {
    let Some(i) = server.index_of(&params.text_document.uri) else { return Ok(Value::Null) };
    if let Some(only) = &params.context.only
        && !only.iter().any(|k| k.as_str() == "quickfix" || k.as_str().is_empty())
    {
        return Ok(json!([]));
    }
    let doc = &server.docs[i];
    let encoding = server.session.encoding;
    let from = doc.lines.offset(doc.text, params.range.start, encoding);
    let to = doc.lines.offset(doc.text, params.range.end, encoding);
    let mut actions = Vec::new();
    for d in &doc.diagnostics {
        let Some(span) = d.primary_span() else { continue };
        if span.file.0 as usize != i || span.start > to || from > span.end {
            continue;
        }
        for s in &d.suggestions {
            let Some(edit) = workspace_edit_of(server, s) else { continue };
            actions.push(json!({
                "title": title(server, s),
                "kind": "quickfix",
                "isPreferred": s.applicability == Applicability::Safe,
                "diagnostics": [convert::diagnostic(d, &server.docs, encoding, &server.session.docs_url)],
                "edit": edit,
            }));
        }
    }
    Ok(json!(actions))
}

/// A suggestion's edits as a workspace edit, grouped by document; `None` when an edit points
/// outside the open documents.
fn workspace_edit_of(server: &Server<'_, '_, '_>, suggestion: &Suggestion) -> Option<Value> {
    let encoding = server.session.encoding;
    let mut by_file: Vec<(usize, Vec<Value>)> = Vec::new();
    let mut edits: Vec<_> = suggestion.edits.iter().collect();
    edits.sort();
    for e in edits {
        let file = e.span.file.0 as usize;
        server.docs.get(file)?;
        let edit =
            json!({ "range": convert::range(&server.docs, e.span, encoding), "newText": e.replacement });
        match by_file.iter_mut().find(|(f, _)| *f == file) {
            Some((_, list)) => list.push(edit),
            None => by_file.push((file, vec![edit])),
        }
    }
    (!by_file.is_empty()).then(|| workspace_edit(server, by_file))
}

/// A code action's title: ``Replace `alce` with `alice` `` for one replaced word, else the
/// suggestion's message, capitalised.
fn title(server: &Server<'_, '_, '_>, suggestion: &Suggestion) -> String {
    if let Some(e) = suggestion.single_edit() {
        let current = server
            .docs
            .get(e.span.file.0 as usize)
            .and_then(|doc| doc.text.get(e.span.start as usize..e.span.end as usize))
            .unwrap_or("");
        if !current.is_empty() && !current.contains('\n') && !e.replacement.contains('\n') {
            return format!("Replace `{current}` with `{}`", e.replacement);
        }
    }
    let mut chars = suggestion.message.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::position::Encoding;

    #[test]
    fn formatting_edits_only_the_changed_lines() {
        let old = "a\nb\nc\nd\n";
        let new = "a\nB\nc\nd\ne\n";
        let edits = line_edits(old, &Lines::new(old), new, Encoding::Utf16);
        let expected = json!([
            { "range": { "start": { "line": 1, "character": 0 }, "end": { "line": 2, "character": 0 } }, "newText": "B\n" },
            { "range": { "start": { "line": 4, "character": 0 }, "end": { "line": 4, "character": 0 } }, "newText": "e\n" },
        ]);
        assert_eq!(json!(edits), expected);
    }
}
