//! Positions in the language server: byte offsets (what every [`crate::source::Span`] holds)
//! to and from the LSP's line and character, counted in the encoding negotiated at
//! `initialize` (UTF-8 when the client offers it, else the protocol's default UTF-16).
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says; a character past the end of
//! its line, or a line past the end of the text, is clamped rather than refused, because
//! clients send such positions after a fast edit.

use lsp_types::{Position, Range};

use crate::source::Span;

/// How the client counts characters in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8 (`positionEncoding: "utf-8"`).
    Utf8,
    /// UTF-16 code units, the protocol's default.
    Utf16,
}

/// The byte offsets where the lines of one text start.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    starts: Vec<u32>,
}

impl Lines {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // In `\r\n` the `\n` ends the line.
            if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                continue;
            }
            starts.push(at as u32 + 1);
        }
        Lines { starts }
    }

    /// The number of lines (a text ending in a line break has an empty last line).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the index is empty (never: a text has at least one line).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The byte range of a line's content, without its line break.
    fn content(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts.get(line).map_or(text.len(), |&s| s as usize);
        let Some(&next) = self.starts.get(line + 1) else { return (start, text.len()) };
        let mut end = next as usize - 1;
        if end > start && text.as_bytes().get(end) == Some(&b'\n') && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end.max(start))
    }

    /// The LSP position of a byte offset (clamped to the text, and down to a character
    /// boundary).
    pub fn position(&self, text: &str, offset: u32, encoding: Encoding) -> Position {
        let mut offset = (offset as usize).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s as usize <= offset).saturating_sub(1);
        let (start, end) = self.content(text, line);
        let before = text.get(start..offset.min(end)).unwrap_or("");
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position { line: line as u32, character: character as u32 }
    }

    /// The byte offset of an LSP position (clamped to its line and to the text).
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> u32 {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return text.len() as u32;
        }
        let (start, end) = self.content(text, line);
        let content = text.get(start..end).unwrap_or("");
        let wanted = position.character as usize;
        let within = match encoding {
            Encoding::Utf8 => {
                let mut at = wanted.min(content.len());
                while !content.is_char_boundary(at) {
                    at -= 1;
                }
                at
            }
            Encoding::Utf16 => {
                let mut units = 0;
                let mut at = content.len();
                for (i, c) in content.char_indices() {
                    if units >= wanted {
                        at = i;
                        break;
                    }
                    units += c.len_utf16();
                }
                at
            }
        };
        (start + within) as u32
    }

    /// The LSP range of a span of this text.
    pub fn range(&self, text: &str, span: Span, encoding: Encoding) -> Range {
        Range {
            start: self.position(text, span.start, encoding),
            end: self.position(text, span.end.max(span.start), encoding),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn utf16_counts_code_units_and_utf8_counts_bytes() {
        // `é` is 2 bytes and 1 UTF-16 unit; `𝄞` is 4 bytes and 2 UTF-16 units.
        let text = "ab\né𝄞x\n";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap_or(0) as u32;
        assert_eq!(lines.position(text, x, Encoding::Utf16), pos(1, 3));
        assert_eq!(lines.position(text, x, Encoding::Utf8), pos(1, 6));
        assert_eq!(lines.offset(text, pos(1, 3), Encoding::Utf16), x);
        assert_eq!(lines.offset(text, pos(1, 6), Encoding::Utf8), x);
    }

    #[test]
    fn every_line_break_counts_and_positions_clamp() {
        let text = "a\r\nb\rc\nd";
        let lines = Lines::new(text);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines.position(text, 3, Encoding::Utf16), pos(1, 0));
        assert_eq!(lines.position(text, 5, Encoding::Utf16), pos(2, 0));
        // Past the end of a line: its end, before the line break.
        assert_eq!(lines.offset(text, pos(0, 40), Encoding::Utf16), 1);
        // Past the last line: the end of the text.
        assert_eq!(lines.offset(text, pos(9, 0), Encoding::Utf16), text.len() as u32);
        // Inside a UTF-8 sequence: down to the character's start.
        let text = "é";
        assert_eq!(Lines::new(text).offset(text, pos(0, 1), Encoding::Utf8), 0);
    }
}
