//! Escaping for the coaching report: every string that comes from the input (names, display
//! names, reasons, messages, source lines) passes through here, so that an organisation named
//! `<script>alert(1)</script>` or a team called `x"><svg onload=...>` shows as text.
//!
//! HTML (and the SVG inside it) is escaped by minijinja's HTML auto-escape; this module adds
//! the Markdown escaper the templates use through a custom auto-escape mode, and the
//! `message` filter that keeps the backticked identifiers of a diagnostic message as code in
//! both formats.

use std::fmt::Write;

use minijinja::value::Value;
use minijinja::{AutoEscape, Error, Output, State};

/// The name of the Markdown auto-escape mode.
pub const MARKDOWN: &str = "markdown";

/// Escapes text for HTML element content and quoted attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '/' => out.push_str("&#x2f;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Escapes text for inline Markdown (GitHub and GitLab flavours). The templates never start
/// a line with a value, and line breaks become spaces, so only inline markup needs escaping:
/// emphasis, code, links and images, tables, strikethrough, maths (`$`), references (`#12`,
/// `!12`, `@user`) and autolinks (`:` before `/`, `.` after `www`) are backslash-escaped;
/// `<`, `>` and `&` become entities, so no raw HTML reaches the page.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' | '\t' => out.push(' '),
            ':' if chars.peek() == Some(&'/') => out.push_str("\\:"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '!' | '@' | '#' | '$' => {
                out.push('\\');
                out.push(ch);
            }
            '.' if out.len() >= 3
                && out.get(out.len() - 3..).is_some_and(|w| w.eq_ignore_ascii_case("www")) =>
            {
                out.push_str("\\.")
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A Markdown code span holding `text` literally: a backtick fence longer than any run of
/// backticks inside, padded with spaces when the text touches a backtick; line breaks become
/// spaces. A code span never interprets HTML or markup, so this is safe for any text.
pub fn markdown_code(text: &str) -> String {
    let text: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let fence = "`".repeat(longest_run(&text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.trim().is_empty() { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A fenced Markdown code block holding `text` literally, with a fence longer than any run of
/// backticks in it (so the text cannot close the block).
pub fn markdown_block(text: &str, info: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
    let mut body = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch == '\n' || ch == '\t' || !ch.is_control() {
            body.push(ch);
        }
    }
    if !body.ends_with('\n') {
        body.push('\n');
    }
    format!("{fence}{info}\n{body}{fence}")
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in text.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// Splits a diagnostic message into its plain parts and its backticked parts (identifiers):
/// `(false, "team "), (true, "payments"), (false, " has ...")`. An unmatched backtick stays
/// plain text.
fn message_parts(message: &str) -> Vec<(bool, &str)> {
    let pieces: Vec<&str> = message.split('`').collect();
    let closed = if pieces.len() % 2 == 1 { pieces.len() } else { pieces.len() - 1 };
    let mut out = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        if i < closed {
            out.push((i % 2 == 1, *piece));
        } else {
            // The text after an unmatched backtick.
            out.push((false, "`"));
            out.push((false, *piece));
        }
    }
    out
}

/// A message as HTML: text escaped, backticked parts in `<code>`.
pub fn message_html(message: &str) -> String {
    let mut out = String::new();
    for (code, part) in message_parts(message) {
        if code {
            let _ = write!(out, "<code>{}</code>", html(part));
        } else {
            out.push_str(&html(part));
        }
    }
    out
}

/// A message as Markdown: text escaped, backticked parts as code spans.
pub fn message_markdown(message: &str) -> String {
    let mut out = String::new();
    for (code, part) in message_parts(message) {
        if code {
            out.push_str(&markdown_code(part));
        } else {
            out.push_str(&markdown(part));
        }
    }
    out
}

fn is_markdown(state: &State) -> bool {
    matches!(state.auto_escape(), AutoEscape::Custom(name) if name == MARKDOWN)
}

/// The templates' formatter: Markdown escaping in the Markdown mode, minijinja's own
/// escaping (HTML) otherwise. Values marked safe (the output of the filters below) pass as
/// they are; numbers print as numbers.
pub fn formatter(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if !is_markdown(state) {
        return minijinja::escape_formatter(out, state, value);
    }
    if value.is_safe() || value.is_undefined() || value.is_none() {
        let text = if value.is_undefined() || value.is_none() { String::new() } else { value.to_string() };
        return out.write_str(&text).map_err(Error::from);
    }
    let text = match value.as_str() {
        Some(s) => markdown(s),
        None => markdown(&value.to_string()),
    };
    out.write_str(&text).map_err(Error::from)
}

/// Filter `message`: a diagnostic message with its identifiers as code, escaped for the
/// template's format.
pub fn message_filter(state: &State, message: &str) -> Value {
    if is_markdown(state) {
        Value::from_safe_string(message_markdown(message))
    } else {
        Value::from_safe_string(message_html(message))
    }
}

/// Filter `code`: text as inline code, escaped for the template's format.
pub fn code_filter(state: &State, text: &str) -> Value {
    if is_markdown(state) {
        Value::from_safe_string(markdown_code(text))
    } else {
        Value::from_safe_string(format!("<code>{}</code>", html(text)))
    }
}

/// Filter `block`: text as a fenced Markdown code block, every line indented by `indent`
/// spaces (to sit inside a list item); in HTML a `<pre>`.
pub fn block_filter(state: &State, text: &str, info: Option<&str>, indent: Option<usize>) -> Value {
    if is_markdown(state) {
        let pad = " ".repeat(indent.unwrap_or(0));
        let block = markdown_block(text, info.unwrap_or(""));
        let lines: Vec<String> = block.lines().map(|l| format!("{pad}{l}")).collect();
        Value::from_safe_string(lines.join("\n"))
    } else {
        Value::from_safe_string(format!("<pre>{}</pre>", html(text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_markup_and_html() {
        assert_eq!(markdown("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(markdown("a|b\nc"), "a\\|b c");
        assert_eq!(markdown("see www.x.io or https://x.io"), "see www\\.x.io or https\\://x.io");
        assert_eq!(markdown("[x](javascript:1) a: b"), "\\[x\\](javascript:1) a: b");
    }

    #[test]
    fn code_spans_outgrow_backticks_inside() {
        assert_eq!(markdown_code("a``b"), "```a``b```");
        assert_eq!(markdown_code("`x"), "`` `x ``");
        assert_eq!(markdown_code("payments"), "`payments`");
    }

    #[test]
    fn code_blocks_cannot_be_closed_from_inside() {
        assert_eq!(markdown_block("x ``` y", "scale"), "````scale\nx ``` y\n````");
    }

    #[test]
    fn messages_keep_identifiers_as_code() {
        assert_eq!(message_html("team `a<b` has 1 `x"), "team <code>a&lt;b</code> has 1 `x");
        assert_eq!(message_markdown("team `a|b` has 3..9"), "team `a|b` has 3..9");
    }
}
