//! `scaleguard fmt`: the one canonical layout of a `.scale` file, computed from the concrete
//! syntax tree ([`crate::syntax::tree`]), never from the model, so that nothing the model
//! forgets (comments, spellings, the raw text of strings) is lost.
//!
//! The layout: items in the order written, one blank line between items (two items without a
//! body, such as `person` lines, may stay on adjacent lines when they were); a header line
//! ending in `{`, one statement per line indented by two spaces, `}` on a line of its own;
//! statements in the order of [`crate::syntax::keyword::statements_of`] (statements an item does
//! not take keep their relative order at the end; repeated statements keep theirs, so the
//! model is unchanged); lists wrapped at [`MAX_WIDTH`] columns, after a comma, continuation
//! lines indented by two more spaces; an event's agenda block indented one level further.
//! Values are written byte for byte as they were (strings with their quotes and escapes,
//! `organisation` and `organization` as spelled).
//!
//! Comments stay where a reader expects them. A comment on a line of its own belongs to what
//! follows it (an item, a statement, a list entry), and moves with it when statements are
//! reordered; a comment at the end of a line stays at the end of that line (after a header's
//! `{`, a statement, a list entry's comma, or a `}`); comments at the end of a body stay at
//! its end and comments before the first item stay first. At the top level, blank lines
//! between comments, and between a comment and the item it introduces, are kept (several
//! collapse into one); inside a body there are none.
//!
//! Guarantees: formatting is idempotent, the formatted text parses to the same model, and
//! every comment survives. [`format_text`] checks the last two on every file it formats (it
//! parses its own output and compares the comments) and refuses, with an internal-error
//! SG001, rather than write something that would lose a comment.

use std::io::Write as _;
use std::path::Path;

use rayon::prelude::*;

use crate::catalogue::Rule;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::ast::ItemKind;
use crate::syntax::keyword::{self, Keyword, statements_of};
use crate::syntax::parser;
use crate::syntax::tree::{Body, Item, Statement, Tree};

/// The width lists are wrapped at, in characters (a longer single value stays on its line).
pub const MAX_WIDTH: usize = 100;
/// Spaces per indentation level.
const INDENT: usize = 2;
/// Extra spaces before the continuation line of a wrapped list.
const CONTINUATION: usize = 2;

/// Formats the text of one file. Returns the formatted text, or the SG001 diagnostics of a
/// file that does not parse (which must then be left as it is).
pub fn format_text(file: FileId, text: &str) -> Result<String, Vec<Diagnostic>> {
    let parsed = parser::parse(file, text);
    if !parsed.diagnostics.is_empty() || !parsed.skipped.is_empty() {
        let mut diagnostics = parsed.diagnostics;
        if diagnostics.is_empty() {
            diagnostics.push(internal(file, "a part of the file was skipped without a syntax error"));
        }
        return Err(diagnostics);
    }
    let formatted = format_tree(&parsed.tree, text);
    verify(file, text, &parsed.tree, &formatted)?;
    Ok(formatted)
}

/// Formats a parsed tree of `text` (the whole file the tree was parsed from).
pub fn format_tree(tree: &Tree<'_>, text: &str) -> String {
    let mut comments: Vec<Span> = tree.comments.clone();
    comments.sort_by_key(|c| (c.start, c.end));
    comments.dedup();
    let mut cx = Builder { text, comments, next: 0 };
    let entries = cx.file(tree);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    write_file(&mut out, &entries);
    out
}

/// The texts of the comments of a tree, as the formatter writes them (trailing spaces
/// removed), sorted: what must be the same before and after formatting.
pub fn comment_texts<'s>(tree: &Tree<'_>, text: &'s str) -> Vec<&'s str> {
    let mut spans = tree.comments.clone();
    spans.sort_by_key(|c| (c.start, c.end));
    spans.dedup();
    let mut out: Vec<&str> = spans.iter().map(|c| comment_text(text, *c)).collect();
    out.sort_unstable();
    out
}

/// Parses the formatted text again: it must parse, and hold the same comments.
fn verify(file: FileId, text: &str, tree: &Tree<'_>, formatted: &str) -> Result<(), Vec<Diagnostic>> {
    let again = parser::parse(file, formatted);
    if !again.diagnostics.is_empty() || !again.skipped.is_empty() {
        return Err(vec![internal(file, "the formatted text would not parse")]);
    }
    if comment_texts(tree, text) != comment_texts(&again.tree, formatted) {
        return Err(vec![internal(file, "formatting would lose or change a comment")]);
    }
    Ok(())
}

fn internal(file: FileId, what: &str) -> Diagnostic {
    Diagnostic::input(Rule::SyntaxError, format!("internal error in the formatter: {what}"))
        .primary(Span::new(file, 0, 0), "while formatting this file")
        .help("this is a bug in scaleguard; the file was left as it is; please report it with this file")
}

fn comment_text(text: &str, span: Span) -> &str {
    text.get(span.start as usize..span.end as usize).unwrap_or("").trim_end()
}

/// What formatting one file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Already in the canonical layout.
    Unchanged,
    /// The canonical layout differs: the new text.
    Changed(String),
    /// The file could not be formatted (SG001, or a load problem): leave it as it is.
    NotFormatted(Vec<Diagnostic>),
}

/// Formats every file of `sources` (in parallel; the result is in read order).
pub fn format_sources(sources: &SourceMap) -> Vec<(FileId, Outcome)> {
    let load = sources.load_diagnostics();
    let files: Vec<(FileId, &crate::source::SourceFile)> = sources.files().collect();
    files
        .into_par_iter()
        .map(|(id, file)| {
            if file.problem.is_some() {
                let mine: Vec<Diagnostic> =
                    load.iter().filter(|d| d.primary_span().is_some_and(|s| s.file == id)).cloned().collect();
                return (id, Outcome::NotFormatted(mine));
            }
            let outcome = match format_text(id, &file.text) {
                Ok(text) if text == file.text => Outcome::Unchanged,
                Ok(text) => Outcome::Changed(text),
                Err(diagnostics) => Outcome::NotFormatted(diagnostics),
            };
            (id, outcome)
        })
        .collect()
}

/// A unified diff (3 lines of context) from `old` to `new` of the file `name`, with `a/` and
/// `b/` headers as `git diff` writes them for a relative path (an absolute path is written
/// as it is); empty when the texts are equal.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let (a, b) = if name.starts_with('/') {
        (name.to_owned(), name.to_owned())
    } else {
        (format!("a/{name}"), format!("b/{name}"))
    };
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&a, &b)
        .missing_newline_hint(true)
        .to_string()
}

/// Colours a unified diff: removed lines red, added lines green, hunk headers cyan.
pub fn paint_diff(diff: &str, color: bool) -> String {
    if !color {
        return diff.to_owned();
    }
    let mut out = String::with_capacity(diff.len() + diff.len() / 4);
    for line in diff.split_inclusive('\n') {
        let style = if line.starts_with("+++") || line.starts_with("---") {
            "\x1b[1m"
        } else if line.starts_with('+') {
            "\x1b[32m"
        } else if line.starts_with('-') {
            "\x1b[31m"
        } else if line.starts_with("@@") {
            "\x1b[36m"
        } else {
            ""
        };
        if style.is_empty() {
            out.push_str(line);
        } else {
            let body = line.strip_suffix('\n').unwrap_or(line);
            out.push_str(style);
            out.push_str(body);
            out.push_str("\x1b[0m");
            if body.len() < line.len() {
                out.push('\n');
            }
        }
    }
    out
}

/// Writes `contents` to `path` atomically: a temporary file in the same directory, then a
/// rename over the target, so that a reader never sees half a file. An existing file keeps its
/// permissions, and a symbolic link stays a link (the file it points to is replaced).
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let resolved = std::fs::canonicalize(path).ok();
    let path = resolved.as_deref().unwrap_or(path);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(contents)?;
    temp.flush()?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(temp.path(), meta.permissions())?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The layout tree: the syntax tree with each comment attached where it is written back.

/// A top-level entry: a comment on a line of its own, or an item.
enum Entry<'s> {
    Comment { text: &'s str, blank_before: bool },
    Item { item: FItem<'s>, blank_before: bool },
}

struct FItem<'s> {
    keyword: &'s str,
    header: Vec<&'s str>,
    body: Option<FBody<'s>>,
    /// The comment at the end of the last line (after `}`, or after the header of an item
    /// without a body).
    eol: Option<&'s str>,
}

struct FBody<'s> {
    /// The comment after `{`.
    open: Option<&'s str>,
    statements: Vec<FStmt<'s>>,
    /// Own-line comments after the last statement.
    trailing: Vec<&'s str>,
}

struct FStmt<'s> {
    leading: Vec<&'s str>,
    keyword: &'s str,
    values: Vec<FValue<'s>>,
    block: Option<FBody<'s>>,
    /// The comment at the end of the statement's last line.
    eol: Option<&'s str>,
    /// Where the statement goes in its item's canonical order.
    rank: usize,
}

struct FValue<'s> {
    text: &'s str,
    after_comma: bool,
    /// Own-line comments in the list before this entry.
    leading: Vec<&'s str>,
    /// The comment after this entry's comma, at the end of its line.
    trailing: Option<&'s str>,
}

/// Walks the tree in source order and hands each comment (sorted) to its owner.
struct Builder<'s> {
    text: &'s str,
    comments: Vec<Span>,
    next: usize,
}

impl<'s> Builder<'s> {
    /// The comments that start before `pos` and have not been handed out yet.
    fn take_until(&mut self, pos: u32) -> Vec<Span> {
        let from = self.next;
        while self.comments.get(self.next).is_some_and(|c| c.start < pos) {
            self.next += 1;
        }
        self.comments.get(from..self.next).map(<[Span]>::to_vec).unwrap_or_default()
    }

    fn comment(&self, span: Span) -> &'s str {
        comment_text(self.text, span)
    }

    fn same_line(&self, from: u32, to: u32) -> bool {
        self.text.get(from as usize..to as usize).is_some_and(|gap| !gap.contains('\n'))
    }

    fn blank_between(&self, from: u32, to: u32) -> bool {
        self.text.get(from as usize..to as usize).is_some_and(|gap| gap.matches('\n').count() >= 2)
    }

    fn file(&mut self, tree: &Tree<'s>) -> Vec<Entry<'s>> {
        let mut entries: Vec<Entry<'s>> = Vec::new();
        let mut prev_item_end: Option<u32> = None;
        let mut pos = 0u32;
        for item in &tree.items {
            for c in self.take_until(item.span.start) {
                self.top_comment(&mut entries, prev_item_end, pos, c);
                pos = c.end;
            }
            let built = self.item(item);
            entries.push(Entry::Item { item: built, blank_before: self.blank_between(pos, item.span.start) });
            prev_item_end = Some(item.span.end);
            pos = item.span.end;
        }
        for c in self.take_until(u32::MAX) {
            self.top_comment(&mut entries, prev_item_end, pos, c);
            pos = c.end;
        }
        entries
    }

    fn top_comment(&self, entries: &mut Vec<Entry<'s>>, prev_item_end: Option<u32>, pos: u32, c: Span) {
        let text = self.comment(c);
        if let Some(end) = prev_item_end
            && self.same_line(end, c.start)
            && let Some(Entry::Item { item, .. }) = entries.last_mut()
            && item.eol.is_none()
        {
            item.eol = Some(text);
            return;
        }
        entries.push(Entry::Comment { text, blank_before: self.blank_between(pos, c.start) });
    }

    fn item(&mut self, item: &Item<'s>) -> FItem<'s> {
        let order = ItemKind::from_keyword(item.keyword.text).map(statements_of);
        let body = item.body.as_ref().map(|b| self.body(b, order));
        FItem {
            keyword: item.keyword.text,
            header: item.header.iter().map(|v| v.text).collect(),
            body,
            eol: None,
        }
    }

    fn body(&mut self, body: &Body<'s>, order: Option<&[Keyword]>) -> FBody<'s> {
        let mut open = None;
        let mut statements: Vec<FStmt<'s>> = Vec::with_capacity(body.statements.len());
        let mut trailing = Vec::new();
        let mut prev_end = body.open.end;
        // Own-line comments waiting for the statement they introduce.
        let mut pending: Vec<&'s str> = Vec::new();
        for st in &body.statements {
            for c in self.take_until(st.span.start) {
                self.body_comment(c, prev_end, &mut statements, &mut open, &mut pending);
            }
            let leading = std::mem::take(&mut pending);
            let built = self.statement(st, leading, order);
            statements.push(built);
            prev_end = st.span.end;
        }
        for c in self.take_until(body.close.start) {
            self.body_comment(c, prev_end, &mut statements, &mut open, &mut trailing);
        }
        // A statement's rank is its place in the item's order; the sort is stable, so
        // repeated statements (and unknown ones, all ranked last) keep their order.
        statements.sort_by_key(|s| s.rank);
        FBody { open, statements, trailing }
    }

    fn body_comment(
        &self,
        c: Span,
        prev_end: u32,
        statements: &mut [FStmt<'s>],
        open: &mut Option<&'s str>,
        own_line: &mut Vec<&'s str>,
    ) {
        let text = self.comment(c);
        if self.same_line(prev_end, c.start) {
            let slot = match statements.last_mut() {
                Some(last) => &mut last.eol,
                None => open,
            };
            if slot.is_none() {
                *slot = Some(text);
                return;
            }
        }
        own_line.push(text);
    }

    fn statement(
        &mut self,
        st: &Statement<'s>,
        mut leading: Vec<&'s str>,
        order: Option<&[Keyword]>,
    ) -> FStmt<'s> {
        let mut values: Vec<Tracked<'s>> = Vec::with_capacity(st.values.len());
        for (i, v) in st.values.iter().enumerate() {
            let mut own_line = Vec::new();
            for c in self.take_until(v.span.start) {
                let text = self.comment(c);
                match values.last_mut() {
                    Some(prev)
                        if v.after_comma
                            && prev.value.trailing.is_none()
                            && self.same_line(prev.text_end, c.start) =>
                    {
                        prev.value.trailing = Some(text);
                    }
                    // The grammar allows no comment before the first value or before a value
                    // that does not follow a comma; should one appear, it goes before the
                    // statement rather than be lost.
                    _ if i == 0 || !v.after_comma => leading.push(text),
                    _ => own_line.push(text),
                }
            }
            values.push(Tracked {
                value: FValue { text: v.text, after_comma: v.after_comma, leading: own_line, trailing: None },
                text_end: v.span.end,
            });
        }
        let block = st.block.as_ref().map(|b| self.body(b, Some(keyword::EVENT_BLOCK)));
        let rank = order.map_or(0, |o| o.iter().position(|k| k.word() == st.keyword.text).unwrap_or(o.len()));
        FStmt {
            leading,
            keyword: st.keyword.text,
            values: values.into_iter().map(|t| t.value).collect(),
            block,
            eol: None,
            rank,
        }
    }
}

/// A value being built, with where its text ends (for end-of-line comments after it).
struct Tracked<'s> {
    value: FValue<'s>,
    text_end: u32,
}

// ---------------------------------------------------------------------------------------------
// Writing.

fn write_file(out: &mut String, entries: &[Entry<'_>]) {
    // Whether the item before is one without a body (for the one-line-item exception).
    let mut prev: Option<Prev> = None;
    for (i, entry) in entries.iter().enumerate() {
        match entry {
            Entry::Comment { text, blank_before } => {
                let blank = match prev {
                    None => false,
                    Some(Prev::Comment) => *blank_before,
                    Some(Prev::Item { bodyless }) => match next_item(entries, i) {
                        // File-trailing comments keep their distance.
                        None => *blank_before,
                        Some(next) => !(bodyless && next.body.is_none()) || *blank_before,
                    },
                };
                if blank {
                    out.push('\n');
                }
                out.push_str(text);
                out.push('\n');
                prev = Some(Prev::Comment);
            }
            Entry::Item { item, blank_before } => {
                let blank = match prev {
                    None => false,
                    Some(Prev::Comment) => *blank_before,
                    Some(Prev::Item { bodyless }) => !(bodyless && item.body.is_none()) || *blank_before,
                };
                if blank {
                    out.push('\n');
                }
                write_item(out, item);
                prev = Some(Prev::Item { bodyless: item.body.is_none() });
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Prev {
    Comment,
    Item { bodyless: bool },
}

/// The item that the comment entries from `i` on introduce, if any.
fn next_item<'a, 's>(entries: &'a [Entry<'s>], i: usize) -> Option<&'a FItem<'s>> {
    entries.get(i..)?.iter().find_map(|e| match e {
        Entry::Item { item, .. } => Some(item),
        Entry::Comment { .. } => None,
    })
}

fn write_item(out: &mut String, item: &FItem<'_>) {
    let mut line = String::from(item.keyword);
    for v in &item.header {
        line.push(' ');
        line.push_str(v);
    }
    match &item.body {
        None => {
            push_eol(&mut line, item.eol);
            out.push_str(&line);
            out.push('\n');
        }
        Some(body) => {
            line.push_str(" {");
            push_eol(&mut line, body.open);
            out.push_str(&line);
            out.push('\n');
            write_body_inside(out, body, INDENT);
            let mut close = String::from("}");
            push_eol(&mut close, item.eol);
            out.push_str(&close);
            out.push('\n');
        }
    }
}

fn write_body_inside(out: &mut String, body: &FBody<'_>, indent: usize) {
    for st in &body.statements {
        write_statement(out, st, indent);
    }
    for c in &body.trailing {
        push_line(out, indent, c);
    }
}

fn write_statement(out: &mut String, st: &FStmt<'_>, indent: usize) {
    for c in &st.leading {
        push_line(out, indent, c);
    }
    let mut lines = layout(st, indent);
    let mut last = lines.pop().unwrap_or_default();
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    match &st.block {
        None => {
            push_eol(&mut last, st.eol);
            out.push_str(&last);
            out.push('\n');
        }
        Some(block) => {
            last.push_str(" {");
            push_eol(&mut last, block.open);
            out.push_str(&last);
            out.push('\n');
            write_body_inside(out, block, indent + INDENT);
            let mut close = " ".repeat(indent);
            close.push('}');
            push_eol(&mut close, st.eol);
            out.push_str(&close);
            out.push('\n');
        }
    }
}

/// The lines of a statement's keyword and values: lists filled greedily up to [`MAX_WIDTH`],
/// broken only after a comma; a comment in the list forces a break where it stands.
fn layout(st: &FStmt<'_>, indent: usize) -> Vec<String> {
    let continuation = " ".repeat(indent + CONTINUATION);
    let mut lines = Vec::new();
    let mut cur = " ".repeat(indent);
    cur.push_str(st.keyword);
    let mut width = cur.chars().count();
    let mut prev_trailing: Option<&str> = None;
    let mut first_on_line = true;
    for v in &st.values {
        let len = v.text.chars().count();
        if v.after_comma {
            cur.push(',');
            width += 1;
            let forced = prev_trailing.is_some() || !v.leading.is_empty();
            if forced || (!first_on_line && width + 1 + len > MAX_WIDTH) {
                push_eol(&mut cur, prev_trailing);
                lines.push(std::mem::take(&mut cur));
                for c in &v.leading {
                    lines.push(format!("{continuation}{c}"));
                }
                cur.push_str(&continuation);
                cur.push_str(v.text);
                width = continuation.len() + len;
            } else {
                cur.push(' ');
                cur.push_str(v.text);
                width += 1 + len;
            }
        } else {
            cur.push(' ');
            cur.push_str(v.text);
            width += 1 + len;
        }
        first_on_line = false;
        prev_trailing = v.trailing;
    }
    lines.push(cur);
    lines
}

fn push_eol(line: &mut String, comment: Option<&str>) {
    if let Some(c) = comment {
        line.push(' ');
        line.push_str(c);
    }
}

fn push_line(out: &mut String, indent: usize, text: &str) {
    for _ in 0..indent {
        out.push(' ');
    }
    out.push_str(text);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        match format_text(FileId(0), text) {
            Ok(t) => t,
            Err(d) => panic!("{d:?}"),
        }
    }

    #[test]
    fn statements_are_reordered_with_their_comments() {
        let text = "team a {\n  # refines weekly\n  event refinement every week\n  scrum_master b # the SM\n  product_owner c\n}\n";
        assert_eq!(
            fmt(text),
            "team a {\n  product_owner c\n  scrum_master b # the SM\n  # refines weekly\n  event refinement every week\n}\n"
        );
    }

    #[test]
    fn long_lists_wrap_after_a_comma() {
        let names: Vec<String> = (0..30).map(|i| format!("member{i:02}")).collect();
        let text = format!("scrum_of_scrums s {{\n  members {}\n}}\n", names.join(", "));
        let out = fmt(&text);
        for line in out.lines() {
            assert!(line.chars().count() <= MAX_WIDTH, "{line}");
        }
        assert!(out.contains(",\n    member"), "{out}");
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn comments_inside_a_list_stay_with_their_entries() {
        let text = "team a {\n  developers x, # first\n   # then\n     y,z\n}\n";
        let out = fmt(text);
        assert_eq!(out, "team a {\n  developers x, # first\n    # then\n    y, z\n}\n");
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn every_statement_of_the_keyword_table_is_written_in_the_tables_order() {
        for item in &keyword::ITEMS {
            let header = match item.header {
                keyword::Header::Name => format!("{} \"n\"", item.spellings[0]),
                keyword::Header::Bare => item.spellings[0].to_owned(),
                keyword::Header::Id => format!("{} x", item.spellings[0]),
            };
            let mut text = format!("{header} {{\n  unknown_statement v\n");
            for kw in item.statements.iter().rev() {
                text.push_str(&format!("  {} v\n", kw.word()));
            }
            text.push_str("}\n");
            let out = fmt(&text);
            let words: Vec<&str> =
                out.lines().skip(1).filter_map(|l| l.strip_prefix("  ")?.split(' ').next()).collect();
            let mut expected: Vec<&str> = item.statements.iter().map(|k| k.word()).collect();
            expected.push("unknown_statement");
            assert_eq!(words, expected, "{:?}", item.kind);
        }
        let block = fmt("team t {\n  event e every day {\n    other v\n    agenda a\n  }\n}\n");
        assert!(
            block.contains(&format!("    {} a\n    other v\n", keyword::EVENT_BLOCK[0].word())),
            "{block}"
        );
    }

    #[test]
    fn one_line_items_may_stay_adjacent() {
        let text = "person a \"A\"\nperson b\n\n\n\nperson c\nteam t {\n}\n";
        assert_eq!(fmt(text), "person a \"A\"\nperson b\n\nperson c\n\nteam t {\n}\n");
    }
}
