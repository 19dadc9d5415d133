//! The concrete syntax tree: items, statements and values exactly as written, with spans.
//!
//! This is what the grammar gives, before any statement is interpreted; the formatter works on
//! it (it keeps comments), and [`super::lower`] turns it into typed declarations.

use crate::source::{FileId, Span};

/// One parsed file.
#[derive(Debug, Clone)]
pub struct Tree<'s> {
    /// The file.
    pub file: FileId,
    /// Its items, in source order.
    pub items: Vec<Item<'s>>,
    /// Every comment (`#` to the end of the line), in source order.
    pub comments: Vec<Span>,
}

/// A word (keyword) with its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'s> {
    /// The text.
    pub text: &'s str,
    /// Where it stands.
    pub span: Span,
}

/// A top-level item: `team payments "Payments" { ... }`.
#[derive(Debug, Clone)]
pub struct Item<'s> {
    /// The item keyword (`team`).
    pub keyword: Word<'s>,
    /// The values after the keyword (identifier, display name).
    pub header: Vec<Value<'s>>,
    /// The body, if braces were given.
    pub body: Option<Body<'s>>,
    /// The whole item.
    pub span: Span,
    /// The header line up to (not including) the `{`.
    pub header_span: Span,
}

/// A body in braces: an item's statements, or an event's agenda block.
#[derive(Debug, Clone)]
pub struct Body<'s> {
    /// The statements, in order.
    pub statements: Vec<Statement<'s>>,
    /// The opening `{`.
    pub open: Span,
    /// The closing `}`.
    pub close: Span,
}

/// A statement: a keyword, values, and (for `event`) a block.
#[derive(Debug, Clone)]
pub struct Statement<'s> {
    /// The keyword.
    pub keyword: Word<'s>,
    /// The values after it.
    pub values: Vec<Value<'s>>,
    /// An event's agenda block.
    pub block: Option<Body<'s>>,
    /// The whole statement (its block included).
    pub span: Span,
}

/// A value token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value<'s> {
    /// What kind of token.
    pub kind: ValueKind,
    /// The raw text (a string with its quotes and escapes).
    pub text: &'s str,
    /// Where it stands.
    pub span: Span,
    /// Whether a comma separates it from the value before.
    pub after_comma: bool,
}

/// The kinds of value token (LANGUAGE.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// `[A-Za-z_][A-Za-z0-9_-]*`
    Ident,
    /// `"..."`
    String,
    /// `12`
    Integer,
    /// `2w`
    Duration,
    /// `2026-01-05`
    Date,
    /// `3..9`
    Range,
}

impl ValueKind {
    /// The kind in the user's words, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            ValueKind::Ident => "an identifier",
            ValueKind::String => "a string",
            ValueKind::Integer => "an integer",
            ValueKind::Duration => "a duration",
            ValueKind::Date => "a date",
            ValueKind::Range => "a range",
        }
    }
}
