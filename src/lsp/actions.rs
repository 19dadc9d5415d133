//! Formatting through [`crate::fmt`], and quick fixes.
//!
//! Formatting sends the lines that changed (a line diff of the document and its formatted
//! text), so the client keeps the cursor and folds where nothing moved; a document `fmt`
//! refuses (it does not parse) gets no edit, and its diagnostics say why.
//!
//! A quick fix is offered only where the fix is unambiguous: a diagnostic whose help names
//! the one close match ("a person with a similar name exists: `alice`", from SG001 unknown
//! items, SG002, SG005 event kinds and agenda items, SG008 and SG009) is fixed by writing that
//! name over its primary label.

use lsp_types::{CodeActionParams, DocumentFormattingParams};
use serde_json::{Value, json};

use super::convert;
use super::navigate::workspace_edit;
use super::position::Lines;
use super::server::{Failure, Server};
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

/// The one name a diagnostic's help suggests, if it suggests one.
pub(crate) fn suggestion(help: &str) -> Option<&str> {
    let (_, rest) = help.split_once("with a similar name exists: `")?;
    let name = rest.strip_suffix('`')?;
    (!name.is_empty() && !name.contains('`')).then_some(name)
}

/// `textDocument/codeAction`: quick fixes for the diagnostics in the range.
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
        let (Some(span), Some(help)) = (d.primary_span(), d.help.as_deref()) else { continue };
        let Some(name) = suggestion(help) else { continue };
        if span.file.0 as usize != i || span.start > to || from > span.end {
            continue;
        }
        let current = doc.text.get(span.start as usize..span.end as usize).unwrap_or("");
        if current == name || current.is_empty() {
            continue;
        }
        let edit = json!({ "range": convert::range(&server.docs, span, encoding), "newText": name });
        actions.push(json!({
            "title": format!("Replace `{current}` with `{name}`"),
            "kind": "quickfix",
            "isPreferred": true,
            "diagnostics": [convert::diagnostic(d, &server.docs, encoding, &server.session.docs_url)],
            "edit": workspace_edit(server, vec![(i, vec![edit])]),
        }));
    }
    Ok(json!(actions))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::position::Encoding;

    #[test]
    fn suggestions_are_read_from_the_help_line() {
        assert_eq!(suggestion("a person with a similar name exists: `alice`"), Some("alice"));
        assert_eq!(
            suggestion("a statement with a similar name exists: `scrum_master`"),
            Some("scrum_master")
        );
        assert_eq!(suggestion("declare a person `x`, or name an existing one"), None);
    }

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
