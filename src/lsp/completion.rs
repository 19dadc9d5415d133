//! Completion: what may be written at the cursor, read from the text of the lines above it
//! (the file is often incomplete while it is typed, so the last parse may not hold the item
//! being written).
//!
//! At the start of a line: item keywords at the top level, the statements of the enclosing
//! item ([`crate::syntax::keyword::statements_of`], each with its usage and what it says), or
//! `agenda` in an event's block; every word comes from [`crate::syntax::keyword`]. After a
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
use crate::syntax::ast::ItemKind;
use crate::syntax::keyword::{self, AGENDA_ITEMS, EVENT_KINDS, ITEMS, Keyword, PERIODS, statements_of};

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
    /// Markdown shown next to the list.
    documentation: Option<String>,
}

fn plain<'w>(words: impl IntoIterator<Item = &'w str>, kind: u32) -> Vec<Candidate> {
    words
        .into_iter()
        .map(|w| Candidate { label: w.to_owned(), kind, detail: None, documentation: None })
        .collect()
}

/// Statement keywords, each with its usage and what it says.
fn statements(keywords: &[Keyword], detail: impl Fn() -> Option<String>) -> Vec<Candidate> {
    keywords
        .iter()
        .map(|k| Candidate {
            label: k.word().to_owned(),
            kind: KEYWORD,
            detail: detail(),
            documentation: Some(format!("`{}`\n\n{}", k.usage(), k.spec().about)),
        })
        .collect()
}

/// The keywords that may start the line at `place`, if it takes keywords there.
fn keywords_at(place: Place) -> Option<Vec<Candidate>> {
    Some(match place {
        Place::TopLevel => plain(ITEMS.iter().map(|i| i.spellings[0]), KEYWORD),
        Place::Item(kind) => {
            statements(statements_of(kind), || Some(format!("statement of {}", kind.describe())))
        }
        Place::Event => statements(keyword::EVENT_BLOCK, || None),
        Place::Unknown => return None,
    })
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
    let place = enclosing(text, line_start);
    let candidates = match (place, tokens.split_first()) {
        (_, None) => keywords_at(place).unwrap_or_default(),
        (Place::Item(kind), Some((word, rest))) => match Keyword::from_word(word) {
            Some(kw) => values(server, kind, kw, rest, prefix),
            None => Vec::new(),
        },
        (Place::Event, Some((word, rest))) if Keyword::from_word(word) == Some(Keyword::Agenda) => {
            plain(AGENDA_ITEMS.iter().map(|a| a.word).filter(|w| !rest.contains(w)), ENUM_MEMBER)
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
        if let Some(documentation) = c.documentation {
            item["documentation"] = json!({ "kind": "markdown", "value": documentation });
        }
        items.push(item);
    }
    Ok(json!({ "isIncomplete": incomplete, "items": items }))
}

/// What may follow `kw` and the complete values `rest` in an item of `kind`.
fn values(
    server: &Server<'_, '_, '_>,
    kind: ItemKind,
    kw: Keyword,
    rest: &[&str],
    prefix: &str,
) -> Vec<Candidate> {
    use Keyword as K;
    let n = rest.len();
    let fresh = |expect: Expect| idents(server, expect, rest, prefix);
    let periods = || plain(PERIODS.iter().map(|p| p.word), VALUE);
    let modifier = |word: &str| plain([word], KEYWORD);
    match kw {
        K::ProductOwner | K::ScrumMaster | K::ScrumOfScrumsMaster | K::ChiefProductOwner | K::Owner
            if n == 0 =>
        {
            fresh(Expect::Person)
        }
        K::Developers if rest.first().is_none_or(|v| !v.starts_with(|c: char| c.is_ascii_digit())) => {
            fresh(Expect::Person)
        }
        K::Members if kind == ItemKind::ScrumOfScrums => fresh(Expect::Unit),
        K::Members => fresh(Expect::Person),
        K::DependsOn => fresh(Expect::Team),
        K::EscalatesTo if n == 0 => fresh(Expect::Target),
        K::Backlog if n == 0 => fresh(Expect::Backlog),
        K::DefinitionOfDone if n == 0 => fresh(Expect::Dod),
        K::Event => match n {
            0 => plain(EVENT_KINDS.iter().map(|e| e.word), ENUM_MEMBER),
            1 => modifier(keyword::EVERY),
            2 => periods(),
            3 => modifier(keyword::LASTING),
            _ => Vec::new(),
        },
        K::Releases => match n {
            0 => modifier(keyword::EVERY),
            1 => periods(),
            _ => Vec::new(),
        },
        K::Sprint if n == 1 => modifier(keyword::STARTING),
        K::CadenceScope if n == 0 => plain(keyword::CADENCE_SCOPES.iter().map(|(_, w)| w[0]), ENUM_MEMBER),
        K::Severity => match n {
            0 => rules(false),
            1 => plain(keyword::LEVELS.iter().map(|l| keyword::level_word(*l)), ENUM_MEMBER),
            _ => Vec::new(),
        },
        K::Waive if rest.iter().any(|v| v.contains('"')) => Vec::new(),
        K::Waive => match rest.last() {
            None => rules(true),
            Some(&keyword::FOR) => fresh(Expect::Any),
            Some(&keyword::UNTIL) => Vec::new(),
            Some(_) => {
                plain([keyword::FOR, keyword::UNTIL].into_iter().filter(|w| !rest.contains(w)), KEYWORD)
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
            Some(Candidate {
                label: ident.text.to_owned(),
                kind: REFERENCE,
                detail: Some(detail),
                documentation: None,
            })
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
        documentation: None,
    });
    let by_code = allowed().map(|r| Candidate {
        label: r.code.to_owned(),
        kind: CONSTANT,
        detail: Some(format!("{} · {}", r.name, r.summary)),
        documentation: None,
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
            if first == Keyword::Event.word() && !in_event {
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

    #[test]
    fn every_keyword_of_the_table_is_offered_where_it_is_written() {
        let labels = |place: Place| -> Vec<String> {
            keywords_at(place).unwrap_or_default().into_iter().map(|c| c.label).collect()
        };
        let top = labels(Place::TopLevel);
        for item in &ITEMS {
            assert!(top.contains(&item.spellings[0].to_owned()), "`{}` at the top level", item.spellings[0]);
        }
        let places = ITEMS.iter().map(|i| Place::Item(i.kind)).chain([Place::Event]);
        let offered: Vec<(Place, Vec<Candidate>)> =
            places.map(|p| (p, keywords_at(p).unwrap_or_default())).collect();
        for kw in Keyword::all() {
            let found = offered.iter().flat_map(|(_, c)| c).find(|c| c.label == kw.word());
            let Some(found) = found else { panic!("`{}` is offered nowhere", kw.word()) };
            let documentation = found.documentation.as_deref().unwrap_or("");
            assert!(documentation.contains(kw.usage()) && documentation.contains(kw.spec().about));
        }
        for (place, candidates) in &offered {
            let words: Vec<&str> = candidates.iter().map(|c| c.label.as_str()).collect();
            let table: Vec<&str> = match place {
                Place::Item(kind) => statements_of(*kind).iter().map(|k| k.word()).collect(),
                _ => keyword::EVENT_BLOCK.iter().map(|k| k.word()).collect(),
            };
            assert_eq!(words, table, "{place:?} offers its statements in the table's order");
        }
    }
}
