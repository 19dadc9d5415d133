//! Applying suggestions (`check --fix`), as `ruff check --fix` does: every selected
//! [`Suggestion`] of a run is applied to the text in memory, the organisation is checked again,
//! and that repeats while new fixes appear (a fixed reference lets the guardrails run, which
//! may propose more), at most [`MAX_PASSES`] times. Files are written only at the end, each
//! one atomically and only if it is still what was read.
//!
//! In: the loaded [`SourceMap`]. Out: each changed file's text before and after, how many
//! findings were fixed, and the analysis of the fixed text. Guarantees:
//! - Safe suggestions only, unless unsafe ones are asked for; never a waived finding's.
//! - A suggestion is applied whole or not at all. Suggestions are taken in order of their
//!   first edit's position; one whose edit overlaps an edit already taken (or starts where it
//!   starts) is skipped in that pass. Its finding, if the text checked again still has it,
//!   proposes its fix anew on that text in the next pass, or remains.
//! - A pass that would add input errors (a fix that breaks the syntax) is undone and ends the
//!   run: fixing never makes an organisation unreadable.
//! - [`write_back`] refuses a file whose bytes on disk are no longer those that were read, so a
//!   change made meanwhile (an editor's save) is never overwritten.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Suggestion};
use crate::source::{FileId, SourceFile, SourceMap, UTF8_BOM};
use crate::{Analysis, analyse};

/// How many times the organisation is fixed and checked again at most (ruff allows 100; here a
/// fix rarely enables more than one further round).
pub const MAX_PASSES: usize = 10;

/// Which suggestions are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Select {
    /// Also apply unsafe suggestions (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
}

impl Select {
    /// Whether `suggestion` is applied.
    pub fn admits(self, suggestion: &Suggestion) -> bool {
        suggestion.applicability == Applicability::Safe || self.unsafe_fixes
    }
}

/// The edits one pass applies: per file, sorted and not overlapping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The edits of each file, in order of position.
    pub edits: BTreeMap<FileId, Vec<Edit>>,
    /// How many findings get at least one of their suggestions applied.
    pub fixed: usize,
    /// Those findings per file (of the suggestion's first edit).
    pub fixed_in: BTreeMap<FileId, usize>,
    /// How many selected suggestions were skipped because they overlap one taken before.
    pub skipped: usize,
}

impl Plan {
    /// Whether the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }
}

/// Whether two edits of one file cannot both be applied: they overlap, or start at the same
/// place (two insertions there have no order).
fn conflict(a: &Edit, b: &Edit) -> bool {
    a.span.file == b.span.file
        && (a.span.start == b.span.start || (a.span.start < b.span.end && b.span.start < a.span.end))
}

/// Whether `edit` can be applied to `sources`: inside a readable file, on character
/// boundaries, and changing something.
fn applicable(edit: &Edit, sources: &SourceMap) -> bool {
    if edit.span.file.0 as usize >= sources.len() || edit.span.end < edit.span.start {
        return false;
    }
    let file = sources.file(edit.span.file);
    let (start, end) = (edit.span.start as usize, edit.span.end as usize);
    file.problem.is_none()
        && file.text.is_char_boundary(start)
        && file.text.is_char_boundary(end)
        && end <= file.text.len()
        && file.text.get(start..end) != Some(edit.replacement.as_str())
}

/// The edits to apply for `diagnostics`: the selected suggestions of unwaived diagnostics,
/// taken in order of position, each whole or not at all.
pub fn plan(diagnostics: &[Diagnostic], sources: &SourceMap, select: Select) -> Plan {
    let mut candidates: Vec<(Edit, usize, &Suggestion)> = Vec::new();
    for (i, d) in diagnostics.iter().enumerate().filter(|(_, d)| d.waived.is_none()) {
        for s in d.suggestions.iter().filter(|s| select.admits(s)) {
            // A suggestion that changes nothing (or cannot apply) is not a fix.
            if s.edits.is_empty() || !s.edits.iter().all(|e| applicable(e, sources)) {
                continue;
            }
            if let Some(first) = s.edits.iter().min() {
                candidates.push((first.clone(), i, s));
            }
        }
    }
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut taken: Vec<Edit> = Vec::new();
    let mut fixed: Vec<(usize, FileId)> = Vec::new();
    let mut skipped = 0;
    for (_, i, s) in candidates {
        let inner = s.edits.iter().enumerate().any(|(j, a)| s.edits[j + 1..].iter().any(|b| conflict(a, b)));
        if inner || s.edits.iter().any(|e| taken.iter().any(|t| conflict(e, t))) {
            skipped += 1;
            continue;
        }
        taken.extend(s.edits.iter().cloned());
        if let Some(first) = s.edits.iter().min() {
            fixed.push((i, first.span.file));
        }
    }
    fixed.sort_unstable();
    fixed.dedup_by_key(|(i, _)| *i);
    let mut fixed_in: BTreeMap<FileId, usize> = BTreeMap::new();
    for (_, file) in &fixed {
        *fixed_in.entry(*file).or_default() += 1;
    }
    let mut edits: BTreeMap<FileId, Vec<Edit>> = BTreeMap::new();
    for e in taken {
        edits.entry(e.span.file).or_default().push(e);
    }
    for list in edits.values_mut() {
        list.sort();
    }
    Plan { edits, fixed: fixed.len(), fixed_in, skipped }
}

/// `text` with `edits` applied (sorted by position and not overlapping, as [`plan`] gives
/// them); `None` when an edit falls outside the text or inside a character.
pub fn apply(text: &str, edits: &[Edit]) -> Option<String> {
    let mut out =
        String::with_capacity(text.len() + edits.iter().map(|e| e.replacement.len()).sum::<usize>());
    let mut at = 0usize;
    for e in edits {
        let (start, end) = (e.span.start as usize, e.span.end as usize);
        if start < at || end < start {
            return None;
        }
        out.push_str(text.get(at..start)?);
        out.push_str(&e.replacement);
        at = end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// One file `fix` changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedFile {
    /// The path it was read from.
    pub path: PathBuf,
    /// Its name as printed.
    pub name: String,
    /// Whether it began with a byte-order mark (written back).
    pub bom: bool,
    /// The text as read (without the mark).
    pub before: String,
    /// The text with the fixes applied.
    pub after: String,
    /// How many findings the fixes in it fixed.
    pub fixed: usize,
}

impl FixedFile {
    /// The bytes the file had when it was read.
    pub fn bytes_before(&self) -> Vec<u8> {
        with_bom(self.bom, &self.before)
    }

    /// The bytes to write.
    pub fn bytes_after(&self) -> Vec<u8> {
        with_bom(self.bom, &self.after)
    }
}

fn with_bom(bom: bool, text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 3);
    if bom {
        out.extend_from_slice(UTF8_BOM.as_bytes());
    }
    out.extend_from_slice(text.as_bytes());
    out
}

/// What [`fix`] did, in memory: nothing is written yet.
#[derive(Debug)]
pub struct Fixed {
    /// The files whose text changed, in read order.
    pub files: Vec<FixedFile>,
    /// How many findings were fixed, over all passes.
    pub fixed: usize,
    /// The analysis of the fixed text.
    pub analysis: Analysis,
}

/// A copy of `file` holding `text`.
fn with_text(file: &SourceFile, text: String) -> SourceFile {
    let mut copy = SourceFile::new(file.path.clone(), String::new());
    copy.name.clone_from(&file.name);
    copy.text = text;
    copy.bom = file.bom;
    copy.problem = file.problem;
    copy
}

/// Checks `sources`, applies the selected suggestions in memory, and checks again, until no
/// more apply (or [`MAX_PASSES`]).
pub fn fix(sources: SourceMap, today: Date, select: Select) -> Fixed {
    let originals: Vec<String> = sources.files().map(|(_, f)| f.text.clone()).collect();
    let load = sources.load_diagnostics();
    let mut analysis = analyse(sources, load, today);
    let mut fixed = 0;
    let mut fixed_in: BTreeMap<FileId, usize> = BTreeMap::new();
    for _ in 0..MAX_PASSES {
        // What overlapped a fix taken in this pass is proposed again in the next one.
        let plan = plan(&analysis.diagnostics, &analysis.sources, select);
        if plan.is_empty() {
            break;
        }
        let files: Vec<SourceFile> = analysis
            .sources
            .files()
            .map(|(id, f)| match plan.edits.get(&id).and_then(|edits| apply(&f.text, edits)) {
                Some(text) => with_text(f, text),
                None => with_text(f, f.text.clone()),
            })
            .collect();
        let map = SourceMap::from_files(files);
        let load = map.load_diagnostics();
        let next = analyse(map, load, today);
        let errors = |a: &Analysis| a.diagnostics.iter().filter(|d| d.is_input_error()).count();
        if errors(&next) > errors(&analysis) {
            break;
        }
        fixed += plan.fixed;
        for (file, n) in plan.fixed_in {
            *fixed_in.entry(file).or_default() += n;
        }
        analysis = next;
    }
    let files = analysis
        .sources
        .files()
        .zip(&originals)
        .filter(|((_, f), before)| f.text != **before)
        .map(|((id, f), before)| FixedFile {
            path: f.path.clone(),
            name: f.name.clone(),
            bom: f.bom,
            before: before.clone(),
            after: f.text.clone(),
            fixed: fixed_in.get(&id).copied().unwrap_or(0),
        })
        .collect();
    Fixed { files, fixed, analysis }
}

/// Why a fixed file was not written.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum WriteError {
    /// The file on disk is no longer what was read.
    #[error("`{name}` changed on disk while it was being fixed; it was not overwritten")]
    #[diagnostic(
        code(scaleguard::fix::changed_on_disk),
        help("run `scaleguard check --fix` again on the file as it is now")
    )]
    ChangedOnDisk {
        /// The file's name.
        name: String,
    },
    /// The file could not be read back or written.
    #[error("cannot write `{name}`: {reason}")]
    #[diagnostic(
        code(scaleguard::fix::write_failed),
        help("check that the file and its directory are writable; the file was left as it was")
    )]
    Failed {
        /// The file's name.
        name: String,
        /// What went wrong.
        reason: String,
    },
}

/// Writes a fixed file atomically ([`crate::fmt::write_atomic`]), unless its bytes on disk
/// are no longer those that were read.
pub fn write_back(file: &FixedFile) -> Result<(), WriteError> {
    write_if_unchanged(&file.path, &file.name, &file.bytes_before(), &file.bytes_after())
}

/// Writes `after` to `path` atomically if the file still holds `before`.
pub fn write_if_unchanged(path: &Path, name: &str, before: &[u8], after: &[u8]) -> Result<(), WriteError> {
    let failed = |e: std::io::Error| WriteError::Failed { name: name.to_owned(), reason: e.to_string() };
    let now = std::fs::read(path).map_err(failed)?;
    if now != before {
        return Err(WriteError::ChangedOnDisk { name: name.to_owned() });
    }
    crate::fmt::write_atomic(path, after).map_err(failed)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::catalogue::Rule;
    use crate::source::Span;

    fn at(start: u32, end: u32) -> Span {
        Span::new(FileId(0), start, end)
    }

    fn map(text: &str) -> SourceMap {
        SourceMap::from_files(vec![SourceFile::new("a.scale", text.to_owned())])
    }

    fn finding(suggestions: Vec<Suggestion>) -> Diagnostic {
        let mut d = Diagnostic::input(Rule::UnknownReference, "x").primary(at(0, 1), "");
        d.suggestions = suggestions;
        d
    }

    fn safe(edits: Vec<Edit>) -> Suggestion {
        Suggestion::new("fix", edits, Applicability::Safe)
    }

    #[test]
    fn edits_apply_in_order_of_position() {
        let text = "team alce {\n  lasting 30min\n}\n";
        let edits = [Edit::replace(at(5, 9), "alice"), Edit::replace(at(14, 27), "lasting 15min")];
        assert_eq!(apply(text, &edits).unwrap(), "team alice {\n  lasting 15min\n}\n");
        assert_eq!(apply("ab", &[Edit::insert(at(2, 2), ", c")]).unwrap(), "ab, c");
        assert_eq!(apply("ab", &[Edit::replace(at(1, 3), "x")]), None, "past the end");
    }

    #[test]
    fn overlapping_suggestions_keep_the_first_by_position() {
        let sources = map("product_owner alce\n");
        let diagnostics = [
            finding(vec![safe(vec![Edit::replace(at(14, 18), "alice")])]),
            finding(vec![safe(vec![Edit::replace(at(16, 18), "ex")])]),
            finding(vec![safe(vec![Edit::insert(at(15, 15), "x")])]),
        ];
        let plan = plan(&diagnostics, &sources, Select::default());
        assert_eq!(plan.edits[&FileId(0)], vec![Edit::replace(at(14, 18), "alice")]);
        assert_eq!((plan.fixed, plan.skipped), (1, 2));
        // Two insertions at one place have no order: only the first is taken.
        let inserts = [
            finding(vec![safe(vec![Edit::insert(at(18, 18), ", a")])]),
            finding(vec![safe(vec![Edit::insert(at(18, 18), ", b")])]),
        ];
        assert_eq!(super::plan(&inserts, &sources, Select::default()).edits[&FileId(0)].len(), 1);
    }

    #[test]
    fn unsafe_and_waived_and_empty_suggestions_are_left() {
        let sources = map("agenda status\n");
        let add = Edit::insert(at(13, 13), ", impediments");
        let mut waived = finding(vec![safe(vec![add.clone()])]);
        waived.waived =
            Some(crate::diagnostic::Waived { span: at(0, 1), reason: "r".to_owned(), until: None });
        let diagnostics = [
            finding(vec![Suggestion::new("add", vec![add.clone()], Applicability::Unsafe)]),
            waived,
            finding(vec![safe(vec![Edit::replace(at(7, 13), "status")])]),
        ];
        assert!(plan(&diagnostics, &sources, Select::default()).is_empty());
        let all = plan(&diagnostics, &sources, Select { unsafe_fixes: true });
        assert_eq!(all.edits[&FileId(0)], vec![add]);
        assert_eq!(all.fixed, 1);
    }

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("org.scale");
        std::fs::write(&path, "person alce\n").unwrap();
        let file = FixedFile {
            path: path.clone(),
            name: "org.scale".to_owned(),
            bom: false,
            before: "person alce\n".to_owned(),
            after: "person alice\n".to_owned(),
            fixed: 1,
        };
        // Someone saves the file between the read and the write.
        std::fs::write(&path, "person alce\nperson bob\n").unwrap();
        let err = write_back(&file).unwrap_err();
        assert!(matches!(err, WriteError::ChangedOnDisk { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "person alce\nperson bob\n");
        // Unchanged on disk: written, with the byte-order mark it was read with.
        let bom = FixedFile { bom: true, ..file };
        std::fs::write(&path, bom.bytes_before()).unwrap();
        write_back(&bom).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), "\u{feff}person alice\n".as_bytes());
    }
}
