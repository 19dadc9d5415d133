//! Stage 1, **source**: turns the paths a user gives into a sorted [`SourceMap`] of `.scale`
//! files, each with a [`FileId`], and reports what cannot be read.
//!
//! Guarantees: files are sorted by path and deduplicated, whatever order the paths were given
//! in (LANGUAGE.md §1), so every later stage sees one read order. A file that is too large
//! (SG005) or not UTF-8 (SG001) becomes a diagnostic and stays in the map (with lossy text)
//! so that its diagnostics can be shown; a path that does not exist, cannot be read or holds
//! no `.scale` file is a [`SourceError`] that stops the run.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

pub use crate::span::{FileId, LineIndex, Position, Span};

use crate::catalogue::Rule;
use crate::diagnostic::Diagnostic;

/// The largest `.scale` file read, in bytes. Larger files are SG005: a real organisation
/// splits its text over files far below this (a generated 100,000-team organisation is about
/// 1 MB per file), and the limit keeps a stray log or binary from being read whole.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// One source file: the path as the user gave it (joined with what was found below a
/// directory) and its text.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as given, for messages and machine output.
    pub path: PathBuf,
    /// The path rendered with forward slashes, as printed everywhere.
    pub name: String,
    /// The text (lossy where the file was not valid UTF-8; such a file is never parsed).
    pub text: String,
    /// Why the text may not be parsed (too large, not UTF-8), if it may not.
    pub problem: Option<LoadProblem>,
    /// Whether the file began with a UTF-8 byte-order mark, which `text` leaves out (as rustc,
    /// ruff and taplo ignore it) and `fmt` writes back.
    pub bom: bool,
    line_index: std::sync::OnceLock<LineIndex>,
}

/// The UTF-8 byte-order mark.
pub const UTF8_BOM: &str = "\u{feff}";

impl SourceFile {
    /// Builds a file from text that is already in memory (tests, the language server).
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let path = path.into();
        let name = display_path(&path);
        let (text, bom) = match text.strip_prefix(UTF8_BOM) {
            Some(rest) => (rest.to_owned(), true),
            None => (text, false),
        };
        SourceFile { path, name, text, problem: None, bom, line_index: std::sync::OnceLock::new() }
    }

    /// The line index of this file, computed on first use (only files with diagnostics pay).
    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The 1-based line and column (in Unicode code points) of a byte offset.
    pub fn position(&self, offset: u32) -> Position {
        self.line_index().position(&self.text, offset)
    }
}

/// Why a file that was read cannot be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadProblem {
    /// Larger than [`MAX_FILE_BYTES`] (SG005).
    TooLarge,
    /// UTF-16 or UTF-32, told by its byte-order mark (SG001): the encoding's name.
    WrongEncoding(&'static str),
    /// Not UTF-8: the byte offset and value of the first invalid byte (SG001).
    NotUtf8 {
        /// Offset of the first invalid byte.
        at: u32,
        /// Its value.
        byte: u8,
    },
}

/// All files of one run, in read order (sorted by path).
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// A map of the given files, sorted by name and deduplicated by name.
    pub fn from_files(mut files: Vec<SourceFile>) -> Self {
        files.sort_by(|a, b| a.name.cmp(&b.name));
        files.dedup_by(|a, b| a.name == b.name);
        SourceMap { files }
    }

    /// The files, in read order.
    pub fn files(&self) -> impl ExactSizeIterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }

    /// One file. Ids come only from this map, so the index is in bounds.
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.file(span.file).text.get(span.start as usize..span.end as usize).unwrap_or("")
    }

    /// The number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the map holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A failure that stops the run before any `.scale` text is looked at (exit 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SourceError {
    /// A path given on the command line does not exist.
    #[error("`{}` does not exist", .0.display())]
    #[diagnostic(
        code(scaleguard::input::not_found),
        help("give a `.scale` file or a directory that holds `.scale` files")
    )]
    NotFound(PathBuf),
    /// A file or directory exists but cannot be read.
    #[error("cannot read `{}`: {reason}", path.display())]
    #[diagnostic(
        code(scaleguard::input::unreadable),
        help("check the permissions of the path, or leave it out")
    )]
    Unreadable {
        /// The path that failed.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// A directory holds no `.scale` file (at any depth).
    #[error("`{}` holds no `.scale` file", .0.display())]
    #[diagnostic(
        code(scaleguard::input::no_scale_files),
        help("organisation files end in `.scale`; give the directory that holds them")
    )]
    NoScaleFiles(PathBuf),
    /// A directory contains a symbolic link that points back into itself.
    #[error("`{}` contains a symbolic link loop", .0.display())]
    #[diagnostic(
        code(scaleguard::input::symlink_loop),
        help("remove the link that points back into its own directory, or give the files directly")
    )]
    SymlinkLoop(PathBuf),
    /// No path was given and there is no default.
    #[error("no input paths given")]
    #[diagnostic(
        code(scaleguard::input::no_paths),
        help("give the `.scale` files or directories to check, e.g. `scaleguard check org/`")
    )]
    NoPaths,
}

/// Renders a path with forward slashes, for stable output on every platform.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' { s.into_owned() } else { s.replace('\\', "/") }
}

/// Reads every `.scale` file named by `paths` (files, or directories searched recursively).
///
/// Returns the map and the per-file diagnostics (SG001 for non-UTF-8 text, SG005 for a file
/// over [`MAX_FILE_BYTES`]); fails on the first path that cannot be used at all.
pub fn load(paths: &[PathBuf]) -> Result<(SourceMap, Vec<Diagnostic>), SourceError> {
    if paths.is_empty() {
        return Err(SourceError::NoPaths);
    }
    let mut found = Vec::new();
    for path in paths {
        collect(path, &mut found)?;
    }
    found.sort();
    found.dedup();
    let loaded: Vec<Result<SourceFile, SourceError>> = {
        use rayon::prelude::*;
        found.par_iter().map(|p| read_one(p)).collect()
    };
    let files = loaded.into_iter().collect::<Result<Vec<_>, _>>()?;
    let map = SourceMap::from_files(files);
    let diagnostics = map.load_diagnostics();
    Ok((map, diagnostics))
}

impl SourceMap {
    /// SG001 for each file that is not UTF-8 and SG005 for each file over the size limit.
    pub fn load_diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (id, file) in self.files() {
            match file.problem {
                None => {}
                Some(LoadProblem::TooLarge) => out.push(
                    Diagnostic::input(
                        Rule::InvalidValue,
                        format!(
                            "`{}` is larger than the limit of {} MiB",
                            file.name,
                            MAX_FILE_BYTES / (1024 * 1024)
                        ),
                    )
                    .primary(Span::new(id, 0, 0), "this file is too large")
                    .help("split the organisation over several smaller `.scale` files"),
                ),
                Some(LoadProblem::WrongEncoding(encoding)) => out.push(
                    Diagnostic::input(
                        Rule::SyntaxError,
                        format!("`{}` is encoded as {encoding}; a `.scale` file must be UTF-8", file.name),
                    )
                    .primary(Span::new(id, 0, 0), format!("{encoding} byte-order mark"))
                    .help("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"),
                ),
                Some(LoadProblem::NotUtf8 { at, byte }) => {
                    let end =
                        file.text[at as usize..].chars().next().map_or(at, |c| at + c.len_utf8() as u32);
                    out.push(
                        Diagnostic::input(
                            Rule::SyntaxError,
                            format!("`{}` is not valid UTF-8: invalid byte 0x{byte:02X}", file.name),
                        )
                        .primary(Span::new(id, at, end), "invalid UTF-8 here")
                        .help("save the file as UTF-8"),
                    );
                }
            }
        }
        out
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), SourceError> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(SourceError::NotFound(path.to_path_buf()));
        }
        Err(e) => return Err(unreadable(path, &e)),
    };
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let before = out.len();
    for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                if e.loop_ancestor().is_some() {
                    return Err(SourceError::SymlinkLoop(e.path().unwrap_or(path).to_path_buf()));
                }
                let at = e.path().unwrap_or(path).to_path_buf();
                let reason = e.io_error().map_or_else(|| e.to_string(), ToString::to_string);
                return Err(SourceError::Unreadable { path: at, reason });
            }
        };
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "scale") {
            out.push(entry.into_path());
        }
    }
    if out.len() == before {
        return Err(SourceError::NoScaleFiles(path.to_path_buf()));
    }
    Ok(())
}

fn unreadable(path: &Path, e: &std::io::Error) -> SourceError {
    SourceError::Unreadable { path: path.to_path_buf(), reason: e.to_string() }
}

/// Reads one file, checking the size limit before reading it whole.
fn read_one(path: &Path) -> Result<SourceFile, SourceError> {
    let file = fs::File::open(path).map_err(|e| unreadable(path, &e))?;
    let len = file.metadata().map_err(|e| unreadable(path, &e))?.len();
    let mut bytes = Vec::with_capacity(len.min(MAX_FILE_BYTES) as usize + 1);
    // Read at most one byte past the limit: a file that grew after `metadata` still stops.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| unreadable(path, &e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let mut source = SourceFile::new(path, String::new());
        source.problem = Some(LoadProblem::TooLarge);
        return Ok(source);
    }
    Ok(SourceFile::from_bytes(path, bytes))
}

impl SourceFile {
    /// Builds a file from raw bytes; invalid UTF-8 is kept (lossily) and marked.
    pub fn from_bytes(path: impl Into<PathBuf>, bytes: Vec<u8>) -> Self {
        // UTF-32 first: its little-endian mark begins with UTF-16's.
        let wrong = [
            (&[0xFF, 0xFE, 0x00, 0x00][..], "UTF-32 (little-endian)"),
            (&[0x00, 0x00, 0xFE, 0xFF][..], "UTF-32 (big-endian)"),
            (&[0xFF, 0xFE][..], "UTF-16 (little-endian)"),
            (&[0xFE, 0xFF][..], "UTF-16 (big-endian)"),
        ];
        if let Some((_, encoding)) = wrong.iter().find(|(mark, _)| bytes.starts_with(mark)) {
            let mut source = SourceFile::new(path, String::new());
            source.problem = Some(LoadProblem::WrongEncoding(encoding));
            return source;
        }
        match String::from_utf8(bytes) {
            Ok(text) => SourceFile::new(path, text),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let byte = e.as_bytes().get(at).copied().unwrap_or(0);
                let mut source = SourceFile::new(path, String::from_utf8_lossy(e.as_bytes()).into_owned());
                source.problem = Some(LoadProblem::NotUtf8 { at: at as u32, byte });
                source
            }
        }
    }
}
