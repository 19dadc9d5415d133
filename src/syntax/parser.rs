//! pest parsing of one file into a [`Tree`], and pest errors into SG001 diagnostics.
//!
//! pest stops at the first error; [`parse`] then resumes at the next line that starts an item
//! so that one mistake does not hide the rest of the file. The pairs are dropped as soon as the
//! tree is built.

use pest::Parser as _;
use pest::iterators::Pair;

use super::errors;
use super::keyword::ITEM_WORDS;
use super::tree::{Body, Item, Statement, Tree, Value, ValueKind, Word};
use crate::catalogue;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

pub use generated::{Rule, ScaleParser};

/// The parser pest generates; its `Rule` enum has one variant per grammar rule, documented in
/// `grammar/scale.pest`.
#[allow(missing_docs)]
mod generated {
    /// The pest parser generated from `grammar/scale.pest`.
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/scale.pest"]
    pub struct ScaleParser;
}

/// The most syntax errors reported for one file; past this the rest is skipped.
pub const MAX_SYNTAX_ERRORS_PER_FILE: usize = 50;

/// The result of parsing one file.
#[derive(Debug)]
pub struct Parsed<'s> {
    /// The tree of everything that parsed.
    pub tree: Tree<'s>,
    /// Byte ranges that did not parse (their items are missing from the tree).
    pub skipped: Vec<(u32, u32)>,
    /// SG001 diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses `text` (the whole file `file`), recovering at item boundaries after an error.
pub fn parse(file: FileId, text: &str) -> Parsed<'_> {
    let mut tree = Tree { file, items: Vec::new(), comments: Vec::new() };
    let mut skipped = Vec::new();
    let mut diagnostics = Vec::new();
    if let Some(at) = control_character(text) {
        let byte = text.as_bytes().get(at).copied().unwrap_or(0);
        diagnostics.push(errors::control_character(byte, Span::new(file, at as u32, at as u32 + 1)));
        skipped.push((0, text.len() as u32));
        return Parsed { tree, skipped, diagnostics };
    }
    let mut offset = 0usize;
    loop {
        // The grammar lets a string run over a line break (so that pest can skip over string
        // text with memchr); a line break inside a string is found here instead, by one cheap
        // scan, and handled like any syntax error: reported, and parsing resumes at the next item.
        let bad_string = unterminated_string(&text[offset..]).map(|p| offset + p);
        let limit = bad_string.map_or(text.len(), |p| line_start_of_item(text, offset, p));
        match ScaleParser::parse(Rule::file, &text[offset..limit]) {
            Ok(mut pairs) => {
                if let Some(pair) = pairs.next() {
                    walk_file(pair, file, offset as u32, &mut tree, &mut diagnostics);
                }
                let Some(at) = bad_string else { break };
                diagnostics.push(errors::unterminated_string(Span::new(file, at as u32, at as u32 + 1)));
                let resume = next_item_line(text, at.max(limit + 1));
                skipped.push((limit as u32, resume as u32));
                if resume >= text.len() || diagnostics.len() >= MAX_SYNTAX_ERRORS_PER_FILE {
                    if resume < text.len() {
                        skipped.push((resume as u32, text.len() as u32));
                    }
                    break;
                }
                offset = resume;
            }
            Err(error) => {
                let (at, diagnostic) = convert_error(&error, file, offset, text);
                diagnostics.push(diagnostic);
                // Keep what parsed before the error: re-parse the prefix up to the item that
                // holds it, which by construction parses.
                let item_start = line_start_of_item(text, offset, at);
                if item_start > offset
                    && let Ok(mut pairs) = ScaleParser::parse(Rule::file, &text[offset..item_start])
                    && let Some(pair) = pairs.next()
                {
                    walk_file(pair, file, offset as u32, &mut tree, &mut diagnostics);
                }
                let resume = next_item_line(text, at.max(item_start + 1));
                skipped.push((item_start as u32, resume as u32));
                if resume >= text.len() || diagnostics.len() >= MAX_SYNTAX_ERRORS_PER_FILE {
                    if resume < text.len() {
                        skipped.push((resume as u32, text.len() as u32));
                    }
                    break;
                }
                offset = resume;
            }
        }
    }
    Parsed { tree, skipped, diagnostics }
}

/// The offset of the opening quote of the first string that a line ends inside, if any
/// (comments are skipped; `\"` and `\\` are escapes).
fn unterminated_string(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        // Outside a string: jump to the next quote, comment or line end.
        let at = i + memchr::memchr3(b'"', b'#', b'\n', bytes.get(i..)?)?;
        match bytes[at] {
            b'"' => {
                // Inside a string: jump to its closing quote, an escape, or a line break.
                let mut j = at + 1;
                loop {
                    let Some(k) = bytes.get(j..).and_then(|rest| memchr::memchr3(b'"', b'\\', b'\n', rest))
                    else {
                        return Some(at);
                    };
                    match bytes[j + k] {
                        b'"' => {
                            i = j + k + 1;
                            break;
                        }
                        b'\\' => j += k + 2,
                        _ => return Some(at),
                    }
                }
            }
            b'#' => i = at + 1 + memchr::memchr(b'\n', bytes.get(at + 1..)?)?,
            _ => i = at + 1,
        }
    }
}

/// The offset of the first control character other than tab, line feed and carriage return.
/// Checked 64 bytes at a time without early exit, so the compiler can vectorise the common
/// case of a clean chunk.
fn control_character(text: &str) -> Option<usize> {
    let is_control = |b: u8| b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r';
    let bytes = text.as_bytes();
    for (k, chunk) in bytes.chunks(64).enumerate() {
        if chunk.iter().fold(false, |acc, &b| acc | is_control(b)) {
            return chunk.iter().position(|&b| is_control(b)).map(|p| k * 64 + p);
        }
    }
    None
}

/// Whether the line starting at `at` begins with an item keyword followed by a space, `{` or
/// the end of the line.
fn starts_item(text: &str, at: usize) -> bool {
    let line = text.get(at..).unwrap_or("");
    ITEM_WORDS.iter().any(|kw| {
        line.strip_prefix(kw)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '{', '\n', '\r']))
    })
}

/// The start of the item line at or before `at` (at least `from`).
fn line_start_of_item(text: &str, from: usize, at: usize) -> usize {
    let mut pos = at.min(text.len());
    loop {
        let start = text[..pos].rfind('\n').map_or(0, |i| i + 1).max(from);
        if start <= from || starts_item(text, start) {
            return start.max(from);
        }
        pos = start - 1;
    }
}

/// The start of the first item line strictly after byte `at`, or the end of the text.
fn next_item_line(text: &str, at: usize) -> usize {
    let mut pos = at.min(text.len());
    while let Some(nl) = text.get(pos..).and_then(|r| r.find('\n')) {
        let start = pos + nl + 1;
        if starts_item(text, start) {
            return start;
        }
        pos = start;
    }
    text.len()
}

fn span_of(pair: &Pair<'_, Rule>, file: FileId, base: u32) -> Span {
    let s = pair.as_span();
    Span::new(file, base + s.start() as u32, base + s.end() as u32)
}

fn walk_file<'s>(
    pair: Pair<'s, Rule>,
    file: FileId,
    base: u32,
    tree: &mut Tree<'s>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::item => {
                if let Some(item) = walk_item(p, file, base, tree, diagnostics) {
                    tree.items.push(item);
                }
            }
            Rule::comment => tree.comments.push(span_of(&p, file, base)),
            Rule::EOI => {}
            _ => diagnostics.push(errors::internal(span_of(&p, file, base), "unexpected node in a file")),
        }
    }
}

fn walk_item<'s>(
    pair: Pair<'s, Rule>,
    file: FileId,
    base: u32,
    tree: &mut Tree<'s>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Item<'s>> {
    let span = span_of(&pair, file, base);
    let mut keyword = None;
    let mut header = Vec::new();
    let mut body = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::keyword => keyword = Some(Word { text: p.as_str(), span: span_of(&p, file, base) }),
            Rule::body => body = Some(walk_body(p, file, base, tree, diagnostics)),
            _ => {
                if let Some(v) = value(&p, file, base, false) {
                    header.push(v);
                } else {
                    diagnostics.push(errors::internal(span_of(&p, file, base), "unexpected node in an item"));
                }
            }
        }
    }
    let Some(keyword) = keyword else {
        diagnostics.push(errors::internal(span, "an item without a keyword"));
        return None;
    };
    let header_end = header.last().map_or(keyword.span.end, |v| v.span.end);
    Some(Item { keyword, header, body, span, header_span: Span::new(file, keyword.span.start, header_end) })
}

fn walk_body<'s>(
    pair: Pair<'s, Rule>,
    file: FileId,
    base: u32,
    tree: &mut Tree<'s>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Body<'s> {
    let span = span_of(&pair, file, base);
    let open = Span::new(file, span.start, span.start + 1);
    let close = Span::new(file, span.end.saturating_sub(1), span.end);
    let mut statements = Vec::with_capacity(8);
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::statement | Rule::inner => {
                if let Some(s) = walk_statement(p, file, base, tree, diagnostics) {
                    statements.push(s);
                }
            }
            Rule::comment => tree.comments.push(span_of(&p, file, base)),
            _ => diagnostics.push(errors::internal(span_of(&p, file, base), "unexpected node in a body")),
        }
    }
    Body { statements, open, close }
}

fn walk_statement<'s>(
    pair: Pair<'s, Rule>,
    file: FileId,
    base: u32,
    tree: &mut Tree<'s>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Statement<'s>> {
    let span = span_of(&pair, file, base);
    let mut keyword = None;
    let mut values = Vec::with_capacity(4);
    let mut block = None;
    // Offsets below are relative to the whole parsed text; the statement's own text starts at
    // `pair_start` (pest 2.5 has no `Pair::get_input`).
    let pair_start = pair.as_span().start();
    let statement_text = pair.as_str();
    let mut previous_end = pair_start;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::keyword => {
                previous_end = p.as_span().end();
                keyword = Some(Word { text: p.as_str(), span: span_of(&p, file, base) });
            }
            Rule::block => block = Some(walk_body(p, file, base, tree, diagnostics)),
            Rule::comment => tree.comments.push(span_of(&p, file, base)),
            _ => {
                let start = p.as_span().start();
                let gap = statement_text.get(previous_end - pair_start..start - pair_start).unwrap_or("");
                let after_comma = gap_has_comma(gap);
                if after_comma && gap.contains('#') {
                    comments_in(gap, file, base + previous_end as u32, &mut tree.comments);
                }
                previous_end = p.as_span().end();
                if let Some(v) = value(&p, file, base, after_comma) {
                    values.push(v);
                } else {
                    diagnostics
                        .push(errors::internal(span_of(&p, file, base), "unexpected node in a statement"));
                }
            }
        }
    }
    let Some(keyword) = keyword else {
        diagnostics.push(errors::internal(span, "a statement without a keyword"));
        return None;
    };
    Some(Statement { keyword, values, block, span })
}

/// Whether the text between two values holds the comma of a list (comments in a continued
/// list may hold commas too, so they are skipped).
fn gap_has_comma(gap: &str) -> bool {
    let mut in_comment = false;
    for b in gap.bytes() {
        match b {
            b'#' => in_comment = true,
            b'\n' => in_comment = false,
            b',' if !in_comment => return true,
            _ => {}
        }
    }
    false
}

/// Records the comments of a continued list's gap text (`base` is the gap's offset).
fn comments_in(gap: &str, file: FileId, base: u32, out: &mut Vec<Span>) {
    let mut offset = 0usize;
    for line in gap.split_inclusive('\n') {
        if let Some(hash) = line.find('#') {
            let end = line.trim_end_matches(['\n', '\r']).len();
            out.push(Span::new(file, base + (offset + hash) as u32, base + (offset + end) as u32));
        }
        offset += line.len();
    }
}

fn value<'s>(pair: &Pair<'s, Rule>, file: FileId, base: u32, after_comma: bool) -> Option<Value<'s>> {
    let kind = match pair.as_rule() {
        Rule::ident => ValueKind::Ident,
        Rule::string => ValueKind::String,
        Rule::integer => ValueKind::Integer,
        Rule::duration => ValueKind::Duration,
        Rule::date => ValueKind::Date,
        Rule::range => ValueKind::Range,
        _ => return None,
    };
    Some(Value { kind, text: pair.as_str(), span: span_of(pair, file, base), after_comma })
}

/// Converts a pest error into SG001; returns the absolute byte offset of the error too.
fn convert_error(
    error: &pest::error::Error<Rule>,
    file: FileId,
    offset: usize,
    text: &str,
) -> (usize, Diagnostic) {
    let local = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let at = (offset + local).min(text.len());
    let rest = &text[at..];
    let found = match rest.chars().next() {
        None => "the end of the file".to_owned(),
        Some('\n' | '\r') => "the end of the line".to_owned(),
        Some(c) => {
            let token: String = rest.chars().take_while(|c| !c.is_whitespace()).take(24).collect();
            if token.is_empty() { format!("`{c}`") } else { format!("`{token}`") }
        }
    };
    let mut expected: Vec<&str> = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            positives.iter().filter_map(|r| errors::grammar_rule(*r)).collect()
        }
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    expected.sort_unstable();
    expected.dedup();
    let token_len: usize =
        rest.chars().take_while(|c| !c.is_whitespace() && *c != ',').take(24).map(char::len_utf8).sum();
    let end = at + token_len.max(rest.chars().next().map_or(0, char::len_utf8));
    let (message, label, help) = errors::unexpected(&expected, &found, rest);
    let mut diagnostic = Diagnostic::input(catalogue::Rule::SyntaxError, message);
    if rest.is_empty() {
        // Point at the `{` that is never closed: the last one on the item's header line.
        let item = line_start_of_item(text, offset, at);
        let line_end = text[item..].find('\n').map_or(text.len(), |i| item + i);
        if let Some(brace) = text[item..line_end].rfind('{') {
            let brace = (item + brace) as u32;
            diagnostic = diagnostic.primary(Span::new(file, brace, brace + 1), label);
        }
    } else {
        diagnostic = diagnostic.primary(Span::new(file, at as u32, end as u32), label);
    }
    let diagnostic = diagnostic.help(help);
    (at, diagnostic)
}

#[cfg(test)]
mod tests {
    use super::{control_character, unterminated_string};

    #[test]
    fn finds_a_string_left_open_at_the_end_of_its_line() {
        assert_eq!(unterminated_string("a \"ok\" b\nc \"open\nd"), Some(11));
        assert_eq!(unterminated_string("x \"open"), Some(2));
    }

    #[test]
    fn skips_escapes_and_comments() {
        assert_eq!(unterminated_string("a \"q \\\" \\\\\" # \"in comment\n\"fine\""), None);
        assert_eq!(unterminated_string("# \"\n"), None);
        assert_eq!(unterminated_string("# no newline \""), None);
    }

    #[test]
    fn finds_control_characters_in_any_chunk() {
        assert_eq!(control_character("tab\tand\r\nnewlines"), None);
        let mut text = "a".repeat(130);
        text.push('\0');
        assert_eq!(control_character(&text), Some(130));
    }
}
