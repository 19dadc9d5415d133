//! Where findings are, as the CI formats (SARIF, JUnit, GitHub, GitLab) need it: each file's
//! path relative to the repository root with forward slashes, and 1-based regions.
//!
//! Code-scanning tools match a result to a file of the repository by its path, so a path must
//! not depend on the folder the tool was started from. [`Paths::relative`] resolves every file
//! against the working directory and strips the repository root; the CLI passes the folder
//! that holds `.git` (or the working directory when there is none).

use std::path::{Component, Path, PathBuf};

use crate::source::{FileId, SourceMap, Span};

/// The path of every file of a run, as the CI formats print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    names: Vec<String>,
    /// For each file outside the repository root, its absolute path (SARIF names such a file
    /// by an absolute `file://` URI).
    outside: Vec<Option<PathBuf>>,
}

impl Paths {
    /// Every file's path as given on the command line, with forward slashes and without a
    /// leading `./` (tests and runs from the repository root).
    pub fn as_given(sources: &SourceMap) -> Paths {
        let names = sources.files().map(|(_, f)| strip_dot(&f.name).to_owned()).collect();
        let outside =
            sources.files().map(|(_, f)| f.path.is_absolute().then(|| normalise(&f.path))).collect();
        Paths { names, outside }
    }

    /// Every file's path relative to `root`, when it lies below it: relative paths are read
    /// from `cwd`, and `.`/`..` are resolved without touching the file system (so a symbolic
    /// link is named as the user named it). A file outside `root` keeps the path as given.
    pub fn relative(sources: &SourceMap, cwd: &Path, root: &Path) -> Paths {
        let root = normalise(root);
        let (names, outside) = sources
            .files()
            .map(|(_, f)| {
                let absolute = normalise(&cwd.join(&f.path));
                match absolute.strip_prefix(&root) {
                    Ok(rel) if rel.as_os_str().is_empty() => (strip_dot(&f.name).to_owned(), None),
                    Ok(rel) => (forward_slashes(rel), None),
                    Err(_) => (strip_dot(&f.name).to_owned(), Some(absolute)),
                }
            })
            .unzip();
        Paths { names, outside }
    }

    /// The path of one file.
    pub fn get(&self, file: FileId) -> &str {
        self.names.get(file.0 as usize).map_or("", String::as_str)
    }

    /// The absolute path of a file that lies outside the repository root, else `None`.
    pub fn outside_root(&self, file: FileId) -> Option<&Path> {
        self.outside.get(file.0 as usize).and_then(Option::as_deref)
    }
}

/// A 1-based region of a file: where a finding's primary label points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region<'a> {
    /// The file, repository-relative, forward slashes.
    pub path: &'a str,
    /// First line.
    pub line: u32,
    /// First column, in Unicode code points.
    pub column: u32,
    /// Last line.
    pub end_line: u32,
    /// The column after the last character, in Unicode code points (exclusive, as SARIF's
    /// `endColumn`).
    pub end_column: u32,
}

impl<'a> Region<'a> {
    /// The region of `span`.
    pub fn of(span: Span, sources: &SourceMap, paths: &'a Paths) -> Region<'a> {
        let file = sources.file(span.file);
        let start = file.position(span.start);
        let end = file.position(span.end);
        Region {
            path: paths.get(span.file),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

fn strip_dot(name: &str) -> &str {
    let mut name = name;
    while let Some(rest) = name.strip_prefix("./") {
        name = rest.trim_start_matches('/');
    }
    name
}

/// Resolves `.` and `..` lexically.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn forward_slashes(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn map(names: &[&str]) -> SourceMap {
        SourceMap::from_files(names.iter().map(|n| SourceFile::new(*n, String::new())).collect())
    }

    #[test]
    fn leading_dot_is_dropped() {
        let paths = Paths::as_given(&map(&["./org/a.scale"]));
        assert_eq!(paths.get(FileId(0)), "org/a.scale");
    }

    #[test]
    fn paths_are_relative_to_the_root_whatever_the_working_directory() {
        let sources = map(&["../org/a.scale", "/repo/org/b.scale", "/elsewhere/c.scale"]);
        let paths = Paths::relative(&sources, Path::new("/repo/sub"), Path::new("/repo"));
        let all: Vec<&str> = (0..3).map(|i| paths.get(FileId(i))).collect();
        // Files are in read order: sorted by the name as given.
        assert_eq!(all, ["org/a.scale", "/elsewhere/c.scale", "org/b.scale"]);
        let outside: Vec<Option<&Path>> = (0..3).map(|i| paths.outside_root(FileId(i))).collect();
        assert_eq!(outside, [None, Some(Path::new("/elsewhere/c.scale")), None]);
    }
}
