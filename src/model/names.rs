//! Interned names: identifiers and words (metrics, authority domains) stored once, in one
//! buffer, and referred to by a 4-byte [`Name`].

use rustc_hash::FxHashMap;

/// An interned identifier or word. Two words interned with [`Names::word`] are equal when
/// their texts are; identifiers are unique by construction (SG003) and pushed without lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Name(u32);

/// The store of names: one string buffer and the end offset of each name.
#[derive(Debug, Clone, Default)]
pub struct Names {
    buf: String,
    ends: Vec<u32>,
    words: FxHashMap<Box<str>, Name>,
}

impl Names {
    /// Makes room for `count` more names of `bytes` bytes in all.
    pub fn reserve(&mut self, count: usize, bytes: usize) {
        self.ends.reserve(count);
        self.buf.reserve(bytes);
    }

    /// Stores an identifier (no deduplication: each declared identifier is unique).
    pub fn ident(&mut self, text: &str) -> Name {
        self.buf.push_str(text);
        self.ends.push(self.buf.len() as u32);
        Name(self.ends.len() as u32 - 1)
    }

    /// Interns a word: the same text gives the same [`Name`].
    pub fn word(&mut self, text: &str) -> Name {
        if let Some(&name) = self.words.get(text) {
            return name;
        }
        let name = self.ident(text);
        self.words.insert(text.into(), name);
        name
    }

    /// The word's name, if it was interned with [`Names::word`].
    pub fn find_word(&self, text: &str) -> Option<Name> {
        self.words.get(text).copied()
    }

    /// The text of a name.
    pub fn get(&self, name: Name) -> &str {
        let i = name.0 as usize;
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).copied().unwrap_or(0) as usize };
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        self.buf.get(start..end).unwrap_or("")
    }
}
