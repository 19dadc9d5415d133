//! Completion: what may be written at the cursor, read from the text of the lines above it
//! (the file is often incomplete while it is typed, so the last parse may not hold the item
//! being written).
//!
//! At the start of a line: item keywords at the top level, the statements of the enclosing
//! item ([`crate::syntax::lower::statements_of`]), or `agenda` in an event's block. After a
//! statement keyword: identifiers of the kind it takes (people after `product_owner`, teams
//! and Scrums of Scrums after a Scrum of Scrums' `members`, ...), event kinds, `every`,
//! periods and `lasting` in an `event`, agenda items, rules and levels in `severity` and
//! `waive`. Candidates are filtered by the word typed so far; at most [`MAX_ITEMS`] are sent
//! (then the list is marked incomplete, so the client asks again as the word grows).

use lsp_types::CompletionParams;
use serde_json::{Value, json};

use super::navigate::cursor;
use super::server::{Failure, Server};
use super::symbols::Expect;
use crate::catalogue;
use crate::source::Span;
use crate::syntax::ast::{AgendaItem, EventKind, ItemKind};
use crate::syntax::lower::statements_of;
use crate::syntax::parser::ITEM_KEYWORDS;

/// The most completion items sent at once.
pub const MAX_ITEMS: usize = 200;

// The protocol's completion item kinds (icons).
const VALUE: u32 = 12;
const KEYWORD: u32 = 14;
const REFERENCE: u32 = 18;
const ENUM_MEMBER: u32 = 20;
const CONSTANT: u32 = 21;

/// Where the cursor's line stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Between items.
    TopLevel,
    /// In the body of an item of this kind.
    Item(ItemKind),
    /// In the block of an event.
    Event,
    /// Somewhere the lines above do not explain.
    Unknown,
}

struct Candidate {
    label: String,
    kind: u32,
    detail: Option<String>,
}

fn plain(words: &[&str], kind: u32) -> Vec<Candidate> {
    words.iter().map(|w| Candidate { label: (*w).to_owned(), kind, detail: None }).collect()
}

/// `textDocument/completion`.
pub(crate) fn completion(server: &Server<'_, '_, '_>, params: CompletionParams) -> Result<Value, Failure> {
    let Some((i, offset)) = cursor(server, &params.text_document_position) else { return Ok(Value::Null) };
    let doc = &server.docs[i];
    let text = doc.text;
    let offset = offset as usize;
    let line_start = text.get(..offset).and_then(|t| t.rfind(['\n', '\r'])).map_or(0, |p| p + 1);
    let before = text.get(line_start..offset).unwrap_or("");
    if in_comment_or_string(before) {
        return Ok(json!({ "isIncomplete": false, "items": [] }));
    }
    let word =
        before.bytes().rev().take_while(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-').count();
    let (head, prefix) = before.split_at(before.len() - word);
    let tokens: Vec<&str> =
        head.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()).collect();
    let candidates = match (enclosing(text, line_start), tokens.split_first()) {
        (Place::TopLevel, None) => plain(
            &ITEM_KEYWORDS.iter().copied().filter(|k| *k != "organization").collect::<Vec<_>>(),
            KEYWORD,
        ),
        (Place::Item(kind), None) => statements_of(kind)
            .iter()
            .map(|k| Candidate {
                label: (*k).to_owned(),
                kind: KEYWORD,
                detail: Some(format!("statement of {}", kind.describe())),
            })
            .collect(),
        (Place::Item(kind), Some((keyword, rest))) => values(server, kind, keyword, rest, prefix),
        (Place::Event, None) => plain(&["agenda"], KEYWORD),
        (Place::Event, Some((&"agenda", rest))) => {
            let items: Vec<&str> =
                AgendaItem::ALL.iter().map(|(_, w)| *w).filter(|w| !rest.contains(w)).collect();
            plain(&items, ENUM_MEMBER)
        }
        _ => Vec::new(),
    };
    let mut items: Vec<Value> = Vec::new();
    let mut incomplete = false;
    let range = doc.lines.range(
        text,
        Span::new(crate::source::FileId(i as u32), (offset - word) as u32, offset as u32),
        server.session.encoding,
    );
    for (n, c) in candidates.into_iter().filter(|c| c.label.starts_with(prefix)).enumerate() {
        if items.len() == MAX_ITEMS {
            incomplete = true;
            break;
        }
        let mut item = json!({
            "label": c.label,
            "kind": c.kind,
            "sortText": format!("{n:05}"),
            "textEdit": { "range": range, "newText": c.label },
        });
        if let Some(detail) = c.detail {
            item["detail"] = json!(detail);
        }
        items.push(item);
    }
    Ok(json!({ "isIncomplete": incomplete, "items": items }))
}

/// What may follow `keyword` and the complete values `rest` in an item of `kind`.
fn values(
    server: &Server<'_, '_, '_>,
    kind: ItemKind,
    keyword: &str,
    rest: &[&str],
    prefix: &str,
) -> Vec<Candidate> {
    let n = rest.len();
    let fresh = |expect: Expect| idents(server, expect, rest, prefix);
    let periods = || plain(&["day", "week", "sprint"], VALUE);
    match keyword {
        "product_owner" | "scrum_master" | "scrum_of_scrums_master" | "chief_product_owner" | "owner"
            if n == 0 =>
        {
            fresh(Expect::Person)
        }
        "developers" if rest.first().is_none_or(|v| !v.starts_with(|c: char| c.is_ascii_digit())) => {
            fresh(Expect::Person)
        }
        "members" if kind == ItemKind::ScrumOfScrums => fresh(Expect::Unit),
        "members" => fresh(Expect::Person),
        "depends_on" => fresh(Expect::Team),
        "escalates_to" if n == 0 => fresh(Expect::Target),
        "backlog" if n == 0 => fresh(Expect::Backlog),
        "definition_of_done" if n == 0 => fresh(Expect::Dod),
        "event" => match n {
            0 => plain(&EventKind::ALL.iter().map(|(_, w)| *w).collect::<Vec<_>>(), ENUM_MEMBER),
            1 => plain(&["every"], KEYWORD),
            2 => periods(),
            3 => plain(&["lasting"], KEYWORD),
            _ => Vec::new(),
        },
        "releases" => match n {
            0 => plain(&["every"], KEYWORD),
            1 => periods(),
            _ => Vec::new(),
        },
        "sprint" if n == 1 => plain(&["starting"], KEYWORD),
        "cadence_scope" if n == 0 => plain(&["organisation", "scrum_of_scrums"], ENUM_MEMBER),
        "severity" => match n {
            0 => rules(false),
            1 => plain(&["error", "warning", "info", "off"], ENUM_MEMBER),
            _ => Vec::new(),
        },
        "waive" if rest.iter().any(|v| v.contains('"')) => Vec::new(),
        "waive" => match rest.last() {
            None => rules(true),
            Some(&"for") => fresh(Expect::Any),
            Some(&"until") => Vec::new(),
            Some(_) => {
                let words: Vec<&str> = ["for", "until"].into_iter().filter(|w| !rest.contains(w)).collect();
                plain(&words, KEYWORD)
            }
        },
        _ => Vec::new(),
    }
}

/// The identifiers of items of the expected kind that start with `prefix`, except those
/// already in the list.
fn idents(server: &Server<'_, '_, '_>, expect: Expect, given: &[&str], prefix: &str) -> Vec<Candidate> {
    let mut found: Vec<Candidate> = server
        .files
        .iter()
        .flat_map(|f| f.decls.iter())
        .filter(|d| expect.accepts(d.kind))
        .filter_map(|d| {
            let ident = d.ident?;
            if !ident.text.starts_with(prefix) || given.contains(&ident.text) {
                return None;
            }
            let detail = match &d.display {
                Some(display) => format!("{} · {display}", d.kind.keyword()),
                None => d.kind.keyword().to_owned(),
            };
            Some(Candidate { label: ident.text.to_owned(), kind: REFERENCE, detail: Some(detail) })
        })
        .collect();
    found.sort_by(|a, b| a.label.cmp(&b.label));
    found.dedup_by(|a, b| a.label == b.label);
    found
}

/// The rules `severity` (or, with `waive`, `waive`) may name, by name and by code.
fn rules(waive: bool) -> Vec<Candidate> {
    let allowed =
        || catalogue::rules().iter().filter(move |r| !(r.is_input_error() || (waive && r.is_waiver_rule())));
    let by_name = allowed().map(|r| Candidate {
        label: r.name.to_owned(),
        kind: CONSTANT,
        detail: Some(format!("{} · {}", r.code, r.summary)),
    });
    let by_code = allowed().map(|r| Candidate {
        label: r.code.to_owned(),
        kind: CONSTANT,
        detail: Some(format!("{} · {}", r.name, r.summary)),
    });
    by_name.chain(by_code).collect()
}

/// Whether the end of `line` is inside a comment or a string.
fn in_comment_or_string(line: &str) -> bool {
    let mut in_string = false;
    let mut escaped = false;
    for c in line.chars() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_string = false,
            (false, _, '"') => in_string = true,
            (false, _, '#') => return true,
            _ => {}
        }
    }
    in_string
}

/// The line without its comment.
fn code_of(line: &str) -> &str {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_string = false,
            (false, _, '"') => in_string = true,
            (false, _, '#') => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Where a line starting at `line_start` stands, from the lines above it: the nearest
/// unclosed `{` names the item (or event) whose body holds it.
fn enclosing(text: &str, line_start: usize) -> Place {
    let mut depth = 0usize;
    let mut in_event = false;
    for line in text.get(..line_start).unwrap_or("").lines().rev() {
        let code = code_of(line).trim();
        if code.is_empty() {
            continue;
        }
        if code == "}" {
            depth += 1;
            continue;
        }
        let first = code.split_whitespace().next().unwrap_or("");
        if code.ends_with('{') {
            if depth > 0 {
                depth -= 1;
                continue;
            }
            if first == "event" && !in_event {
                in_event = true;
                continue;
            }
            return match ItemKind::from_keyword(first) {
                Some(_) if in_event => Place::Event,
                Some(kind) => Place::Item(kind),
                None => Place::Unknown,
            };
        }
        if depth == 0
            && !in_event
            && !line.starts_with([' ', '\t'])
            && ItemKind::from_keyword(first).is_some()
        {
            // An item without a body (`person alice`) ends where the next line starts.
            return Place::TopLevel;
        }
    }
    if in_event { Place::Unknown } else { Place::TopLevel }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_enclosing_item_comes_from_the_nearest_open_brace() {
        let text = "person a\nteam t {\n  event x every day {\n    agenda status\n  }\n  \n}\n\n";
        let at = |needle: &str| text.find(needle).unwrap_or(0);
        assert_eq!(enclosing(text, 0), Place::TopLevel);
        assert_eq!(enclosing(text, at("team")), Place::TopLevel);
        assert_eq!(enclosing(text, at("  event")), Place::Item(ItemKind::Team));
        assert_eq!(enclosing(text, at("    agenda")), Place::Event);
        assert_eq!(enclosing(text, at("  }") + 4), Place::Item(ItemKind::Team));
        assert_eq!(enclosing(text, text.len()), Place::TopLevel);
        assert!(in_comment_or_string("  title \"a # b"));
        assert!(in_comment_or_string("  x # y"));
        assert!(!in_comment_or_string("  title \"a \\\" # b\" "));
    }
}
