//! Writing a generated organisation into a folder without touching anything it did not write.
//!
//! Why: the generator once emptied its folder of every `*.scale` file before writing, so a
//! wrong `--out` deleted someone's organisation. Now a folder is written only when it is new,
//! empty, or holds nothing but an earlier run's files, recognised by the header line every
//! generated file starts with ([`MARK`]); anything else is refused before a byte changes.

use std::collections::BTreeSet;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use super::{Generated, MARK};

/// At most this many foreign entries are named in a refusal.
const SHOWN: usize = 5;

/// Writes the files of `generated` into `dir`, created if need be.
///
/// `dir` must be new, empty, or hold only files an earlier run wrote: `.scale` files that begin
/// with the generator's header line, and leftovers of an interrupted write (`.NAME.tmp`) that
/// begin with it too. Anything else there (another file, a folder, a link, a `.scale` file the
/// generator did not write) makes this fail with [`io::ErrorKind::AlreadyExists`] and a message
/// naming it, before anything is written or removed. In a folder of an earlier run, that run's
/// files this run does not write again (it had more chunks) are removed, so the folder then
/// holds exactly this organisation. Each file is written to a temporary name in `dir` and then
/// renamed into place.
pub fn write(generated: &Generated, dir: &Path) -> io::Result<()> {
    let earlier = earlier_run(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| context(e, "create", dir))?;
    let now: BTreeSet<&str> = generated.files.iter().map(|(name, _)| name.as_str()).collect();
    for path in earlier {
        let rewritten = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| now.contains(n));
        if !rewritten {
            std::fs::remove_file(&path).map_err(|e| context(e, "remove", &path))?;
        }
    }
    for (name, text) in &generated.files {
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, text).map_err(|e| context(e, "write", &tmp))?;
        let path = dir.join(name);
        std::fs::rename(&tmp, &path).map_err(|e| context(e, "write", &path))?;
    }
    Ok(())
}

/// `e`, saying what could not be done to which path.
fn context(e: io::Error, verb: &str, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("cannot {verb} `{}`: {e}", path.display()))
}

/// The files an earlier run left in `dir` (none when `dir` does not exist yet), or a refusal
/// naming what else is there.
fn earlier_run(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(context(e, "read", dir)),
    };
    let mut ours = Vec::new();
    let mut foreign = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| context(e, "read", dir))?;
        let path = entry.path();
        let is_file = entry.file_type().map_err(|e| context(e, "read", &path))?.is_file();
        if is_file
            && generated_name(&path)
            && starts_with_mark(&path).map_err(|e| context(e, "read", &path))?
        {
            ours.push(path);
        } else {
            foreign.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    if foreign.is_empty() {
        return Ok(ours);
    }
    foreign.sort();
    let mut shown: Vec<String> = foreign.iter().take(SHOWN).map(|name| format!("`{name}`")).collect();
    if foreign.len() > SHOWN {
        shown.push(format!("{} more", foreign.len() - SHOWN));
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "refusing to write into `{}`: it holds {}, which the generator did not write; \
             give a new or empty folder, or one that holds only an earlier run's files",
            dir.display(),
            list(&shown),
        ),
    ))
}

/// A name the generator writes: `NAME.scale`, or `.NAME.scale.tmp` while writing it.
fn generated_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    match name.strip_prefix('.') {
        Some(tmp) => tmp.ends_with(".scale.tmp"),
        None => name.ends_with(".scale"),
    }
}

/// Whether the file begins with the generator's header line.
fn starts_with_mark(path: &Path) -> io::Result<bool> {
    let mut head = Vec::with_capacity(MARK.len());
    std::fs::File::open(path)?.take(MARK.len() as u64).read_to_end(&mut head)?;
    Ok(head == MARK.as_bytes())
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_prose() {
        let items = |n: usize| (1..=n).map(|k| k.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&items(1)), "1");
        assert_eq!(list(&items(2)), "1 and 2");
        assert_eq!(list(&items(3)), "1, 2 and 3");
    }

    #[test]
    fn generated_names_are_scale_files_and_their_temporaries() {
        for (name, ours) in [
            ("teams-001.scale", true),
            (".teams-001.scale.tmp", true),
            ("notes.txt", false),
            (".teams-001.tmp", false),
            (".hidden.scale", false),
            ("scale", false),
        ] {
            assert_eq!(generated_name(Path::new(name)), ours, "{name}");
        }
    }
}
