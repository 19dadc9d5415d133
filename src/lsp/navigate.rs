//! Go to definition, find references, rename and document symbols.
//!
//! All identifiers share one namespace (LANGUAGE.md §1), so every occurrence of a name is the
//! same item: the declarations of that name are its definition (several when it is declared
//! twice, SG003), and every reference with that text names it, whether or not the kind fits
//! (SG004 reports that). Results are in read order: files by path, then position.

use lsp_types::{
    DocumentSymbolParams, GotoDefinitionParams, Location, ReferenceParams, RenameParams,
    TextDocumentPositionParams,
};
use serde_json::{Value, json};

use super::convert;
use super::server::{Failure, Server, code};
use super::symbols::{self, Occurrence, Role};
use crate::source::Span;
use crate::syntax::ast::ItemKind;

/// The document index and byte offset of a position, if the document is known.
pub(crate) fn cursor(server: &Server<'_, '_, '_>, at: &TextDocumentPositionParams) -> Option<(usize, u32)> {
    let i = server.index_of(&at.text_document.uri)?;
    let doc = &server.docs[i];
    Some((i, doc.lines.offset(doc.text, at.position, server.session.encoding)))
}

/// The identifier under the cursor.
pub(crate) fn occurrence_at<'a>(
    server: &Server<'a, '_, '_>,
    at: &TextDocumentPositionParams,
) -> Option<Occurrence<'a>> {
    let (i, offset) = cursor(server, at)?;
    symbols::at(&server.files.get(i)?.decls, offset)
}

/// Every occurrence of `name` in the workspace, in read order.
pub(crate) fn occurrences_of<'a>(server: &Server<'a, '_, '_>, name: &str) -> Vec<Occurrence<'a>> {
    let mut all = Vec::new();
    let mut out = Vec::new();
    for file in &server.files {
        for decl in &file.decls {
            all.clear();
            symbols::occurrences(decl, &mut all);
            out.extend(all.iter().filter(|o| o.text == name && o.role != Role::Rule));
        }
    }
    out
}

/// The declarations of `name`: the item's kind and the identifier's span.
pub(crate) fn declarations_of(server: &Server<'_, '_, '_>, name: &str) -> Vec<(ItemKind, Span)> {
    server
        .files
        .iter()
        .flat_map(|f| f.decls.iter())
        .filter_map(|d| d.ident.filter(|i| i.text == name).map(|i| (d.kind, i.span)))
        .collect()
}

fn location(server: &Server<'_, '_, '_>, span: Span) -> Option<Location> {
    let doc = server.docs.get(span.file.0 as usize)?;
    Some(Location {
        uri: doc.uri.clone(),
        range: convert::range(&server.docs, span, server.session.encoding),
    })
}

/// `textDocument/definition`.
pub(crate) fn definition(
    server: &Server<'_, '_, '_>,
    params: GotoDefinitionParams,
) -> Result<Value, Failure> {
    let Some(found) = occurrence_at(server, &params.text_document_position_params) else {
        return Ok(Value::Null);
    };
    if found.role == Role::Rule {
        return Ok(Value::Null);
    }
    let locations: Vec<Location> = declarations_of(server, found.text)
        .into_iter()
        .filter_map(|(_, span)| location(server, span))
        .collect();
    Ok(if locations.is_empty() { Value::Null } else { json!(locations) })
}

/// `textDocument/references`.
pub(crate) fn references(server: &Server<'_, '_, '_>, params: ReferenceParams) -> Result<Value, Failure> {
    let Some(found) = occurrence_at(server, &params.text_document_position) else {
        return Ok(Value::Null);
    };
    if found.role == Role::Rule {
        return Ok(Value::Null);
    }
    let with_declaration = params.context.include_declaration;
    let locations: Vec<Location> = occurrences_of(server, found.text)
        .into_iter()
        .filter(|o| with_declaration || !matches!(o.role, Role::Declaration(_)))
        .filter_map(|o| location(server, o.span))
        .collect();
    Ok(json!(locations))
}

/// `textDocument/prepareRename`: the identifier's range, or null where nothing can be renamed.
pub(crate) fn prepare_rename(
    server: &Server<'_, '_, '_>,
    params: TextDocumentPositionParams,
) -> Result<Value, Failure> {
    match occurrence_at(server, &params) {
        Some(found) if found.role != Role::Rule => Ok(json!({
            "range": convert::range(&server.docs, found.span, server.session.encoding),
            "placeholder": found.text,
        })),
        _ => Ok(Value::Null),
    }
}

/// `textDocument/rename`: every declaration and reference of the name, in every file.
pub(crate) fn rename(server: &Server<'_, '_, '_>, params: RenameParams) -> Result<Value, Failure> {
    let Some(found) = occurrence_at(server, &params.text_document_position) else {
        return Err((code::REQUEST_FAILED, "there is no identifier to rename here".to_owned()));
    };
    if found.role == Role::Rule {
        return Err((code::REQUEST_FAILED, "a rule's name cannot be renamed".to_owned()));
    }
    let new = params.new_name.as_str();
    if !symbols::is_identifier(new) {
        return Err((
            code::INVALID_PARAMS,
            format!("`{new}` is not an identifier: write a letter or `_`, then letters, digits, `_` or `-`"),
        ));
    }
    if new != found.text
        && let Some((kind, _)) = declarations_of(server, new).first()
    {
        return Err((
            code::REQUEST_FAILED,
            format!("`{new}` is already declared as {}; identifiers share one namespace", kind.describe()),
        ));
    }
    let mut by_file: Vec<(usize, Vec<Value>)> = Vec::new();
    if new != found.text {
        for o in occurrences_of(server, found.text) {
            let i = o.span.file.0 as usize;
            let edit = json!({ "range": convert::range(&server.docs, o.span, server.session.encoding), "newText": new });
            match by_file.last_mut() {
                Some((last, edits)) if *last == i => edits.push(edit),
                _ => by_file.push((i, vec![edit])),
            }
        }
    }
    Ok(workspace_edit(server, by_file))
}

/// A workspace edit of text edits grouped by document (in read order): `documentChanges`
/// (with each open document's version) when the client takes them, else `changes`.
pub(crate) fn workspace_edit(server: &Server<'_, '_, '_>, by_file: Vec<(usize, Vec<Value>)>) -> Value {
    let uri = |i: usize| server.docs.get(i).map(|d| d.uri.clone());
    if server.session.client.document_changes {
        let changes: Vec<Value> = by_file
            .into_iter()
            .filter_map(|(i, edits)| {
                let version = server.docs.get(i).and_then(|d| d.version);
                Some(json!({ "textDocument": { "uri": uri(i)?, "version": version }, "edits": edits }))
            })
            .collect();
        json!({ "documentChanges": changes })
    } else {
        let mut changes = serde_json::Map::new();
        for (i, edits) in by_file {
            if let Some(uri) = uri(i) {
                changes.insert(uri.to_string(), Value::Array(edits));
            }
        }
        json!({ "changes": changes })
    }
}

/// `textDocument/documentSymbol`: the file's items, in order.
pub(crate) fn document_symbols(
    server: &Server<'_, '_, '_>,
    params: DocumentSymbolParams,
) -> Result<Value, Failure> {
    let Some(i) = server.index_of(&params.text_document.uri) else { return Ok(Value::Null) };
    let encoding = server.session.encoding;
    let symbols: Vec<Value> = server.files[i]
        .decls
        .iter()
        .map(|decl| {
            let (name, selection) = match decl.ident {
                Some(ident) => (ident.text.to_owned(), ident.span),
                None => (decl.kind.keyword().to_owned(), decl.header),
            };
            let detail = match &decl.display {
                Some(display) => format!("{} · {display}", decl.kind.keyword()),
                None => decl.kind.keyword().to_owned(),
            };
            json!({
                "name": name,
                "detail": detail,
                "kind": symbol_kind(decl.kind),
                "range": convert::range(&server.docs, decl.span, encoding),
                "selectionRange": convert::range(&server.docs, selection, encoding),
            })
        })
        .collect();
    Ok(json!(symbols))
}

/// The protocol's symbol kind for an item (icons in outlines).
fn symbol_kind(kind: ItemKind) -> u32 {
    // Module 2, Namespace 3, Class 5, Property 7, Interface 11, Array 18, Object 19, Struct 23.
    match kind {
        ItemKind::Organisation => 2,
        ItemKind::Person => 19,
        ItemKind::Team => 5,
        ItemKind::ScrumOfScrums => 3,
        ItemKind::ExecutiveActionTeam | ItemKind::ExecutiveMetascrum => 23,
        ItemKind::Backlog => 18,
        ItemKind::DefinitionOfDone => 11,
        ItemKind::Policy => 7,
    }
}
