//! What `check` and `baseline` share as a CI gate: the project configuration
//! (`scaleguard.toml`), baselines, rendering a run in any format, report files written
//! atomically (`--output FORMAT=FILE`) and the Markdown job summary (`--summary FILE`,
//! `$GITHUB_STEP_SUMMARY`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use scaleguard::baseline::Split;
use scaleguard::config::{self, Config, Format};
use scaleguard::diagnostic::Diagnostic;
use scaleguard::report::location::Paths;
use scaleguard::report::{self, Summary, github, gitlab, junit, sarif};
use scaleguard::score::Score;

use super::Exit;

/// A report file that cannot be written.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("cannot write `{}`: {reason}", path.display())]
#[diagnostic(
    code(scaleguard::output::unwritable),
    help("check that the folder exists and can be written, or choose another file")
)]
pub(crate) struct Unwritable {
    path: PathBuf,
    reason: String,
}

/// Parses `--output FORMAT=FILE`.
pub(crate) fn parse_output(text: &str) -> Result<(Format, PathBuf), String> {
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
    let Some((name, file)) = text.split_once('=') else {
        return Err(format!("`{text}` is not FORMAT=FILE; write e.g. `sarif=scaleguard.sarif`"));
    };
    let Some(format) = Format::parse(name) else {
        return Err(format!("`{name}` is not a format; the formats are {}", names.join(", ")));
    };
    if file.is_empty() {
        return Err(format!("`{text}` names no file; write e.g. `{name}=scaleguard.{name}`"));
    }
    Ok((format, PathBuf::from(file)))
}

/// Renders diagnostics (each a coded problem) to stderr.
pub(crate) fn report_errors<E: miette::Diagnostic>(errors: &[E], color: bool) {
    let handler = report::human::handler(report::human::Style::new(color));
    let mut text = String::new();
    for (i, e) in errors.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        let _ = handler.render_report(&mut text, e);
    }
    let _ = io::stderr().write_all(text.as_bytes());
}

/// The configuration: `--config FILE`, else the nearest `scaleguard.toml` at or above the
/// working directory, else none. A file with problems stops the run (exit 2).
pub(crate) fn load_config(explicit: Option<&Path>, color: bool) -> Result<Option<Config>, Exit> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match config::discover(Path::new(".")) {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    match config::load(&path) {
        Ok(c) => Ok(Some(c)),
        Err(errors) => {
            report_errors(&errors, color);
            Err(Exit::Error)
        }
    }
}

/// The input paths of `assess`, `graph`, `export` and `fmt`: those given on the command line,
/// else `paths` of the nearest `scaleguard.toml` (as `check` reads them), else `.`.
pub(crate) fn input_paths(given: &[PathBuf], color: bool) -> Result<Vec<PathBuf>, Exit> {
    if !given.is_empty() {
        return Ok(given.to_vec());
    }
    let config = load_config(None, color)?;
    Ok(config.map(|c| c.paths).filter(|p| !p.is_empty()).unwrap_or_else(|| vec![PathBuf::from(".")]))
}

/// The folder that holds `.git` at or above `cwd`, else `cwd`: CI formats name files relative
/// to it, as code-scanning tools expect.
pub(crate) fn repo_root(cwd: &Path) -> PathBuf {
    cwd.ancestors().find(|d| d.join(".git").exists()).unwrap_or(cwd).to_path_buf()
}

/// The path of every file as the CI formats print it (relative to the repository root).
pub(crate) fn ci_paths(sources: &scaleguard::source::SourceMap) -> Paths {
    match std::env::current_dir() {
        Ok(cwd) => Paths::relative(sources, &cwd, &repo_root(&cwd)),
        Err(_) => Paths::as_given(sources),
    }
}

/// What a baseline did, in one line: `baseline `.scaleguard-baseline.json`: 4 findings
/// accepted, 1 fixed (`scaleguard baseline --prune` drops it)`.
pub(crate) fn baseline_note(file: &str, split: &Split) -> String {
    use scaleguard::diagnostic::plural;
    let mut note =
        format!("baseline `{file}`: {} accepted", plural(split.baselined.len(), "finding", "findings"));
    if split.fixed > 0 {
        let it = if split.fixed == 1 { "it" } else { "them" };
        note.push_str(&format!(
            ", {} fixed (`scaleguard baseline --prune` drops {it} from the file)",
            plural(split.fixed, "baselined finding", "baselined findings")
        ));
    }
    note
}

/// Everything a report of a `check` run is made from.
pub(crate) struct Run<'a> {
    /// The pipeline's output.
    pub analysis: &'a scaleguard::Analysis,
    /// The findings reported (a baseline's accepted ones removed).
    pub reported: &'a [Diagnostic],
    /// The findings a baseline accepted, and its file.
    pub baselined: Option<(&'a [Diagnostic], &'a str)>,
    /// Counts of the reported findings.
    pub summary: &'a Summary,
    /// The maturity score, when the model was checked.
    pub score: Option<&'a Score>,
    /// Lines such as what the baseline did.
    pub notes: &'a [String],
    /// File paths for the CI formats.
    pub paths: &'a Paths,
    /// Where docs/rules.md is published (SARIF `helpUri`).
    pub docs_url: &'a str,
    /// Whether the human report lists consequences under their cause.
    pub group: bool,
}

impl Run<'_> {
    /// The summary line, with the score.
    pub fn line(&self) -> String {
        format!("{}{}", self.summary.line(), self.score.map(Score::summary_suffix).unwrap_or_default())
    }

    /// Writes the run in `format`.
    pub fn render(&self, format: Format, color: bool, w: &mut dyn Write) -> io::Result<()> {
        let a = self.analysis;
        match format {
            Format::Human => {
                let suffix = self.score.map(Score::summary_suffix).unwrap_or_default();
                let style = report::human::Style { group: self.group, ..report::human::Style::new(color) };
                report::human::write(w, self.reported, &a.sources, self.summary, &suffix, style)?;
                for note in self.notes {
                    writeln!(w, "{note}")?;
                }
                Ok(())
            }
            Format::Json => report::json::write(w, self.reported, &a.sources, self.summary, self.score),
            Format::Sarif => {
                let baselined =
                    self.baselined.map(|(diagnostics, file)| sarif::Baselined { diagnostics, file });
                let options = sarif::Options { docs_url: self.docs_url, baselined };
                sarif::write(w, self.reported, &a.sources, self.paths, options)
            }
            Format::Junit => junit::write(
                w,
                a.evaluation.as_ref(),
                &a.model,
                self.reported,
                self.baselined.map(|(d, _)| d).unwrap_or_default(),
                &a.sources,
                self.paths,
            ),
            Format::Github => github::write(w, self.reported, &a.sources, self.paths, &self.line()),
            Format::Gitlab => gitlab::write(w, self.reported, &a.sources, self.paths),
        }
    }

    /// Writes the Markdown job summary.
    pub fn job_summary(&self, w: &mut dyn Write) -> io::Result<()> {
        let line = self.line();
        let job = github::JobSummary { line: &line, score: self.score, notes: self.notes };
        github::write_summary(w, self.reported, &self.analysis.sources, self.paths, job)
    }

    /// Writes each `(format, file)` atomically; the first failure stops with a coded error.
    pub fn write_outputs(&self, outputs: &[(Format, PathBuf)], color: bool) -> Result<(), Exit> {
        for (format, path) in outputs {
            let mut bytes = Vec::new();
            self.render(*format, false, &mut bytes).map_err(|e| unwritable(path, &e, color))?;
            write_file(path, &bytes, color)?;
        }
        Ok(())
    }
}

/// Writes `bytes` to `path` atomically, creating its folder; a failure is a coded error.
pub(crate) fn write_file(path: &Path, bytes: &[u8], color: bool) -> Result<(), Exit> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| unwritable(path, &e, color))?;
    }
    scaleguard::fmt::write_atomic(path, bytes).map_err(|e| unwritable(path, &e, color))
}

/// Appends `bytes` to `path` (GitHub's `$GITHUB_STEP_SUMMARY` is shared by every step of a
/// job, so it is appended to, not replaced).
pub(crate) fn append_file(path: &Path, bytes: &[u8], color: bool) -> Result<(), Exit> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| unwritable(path, &e, color))
}

fn unwritable(path: &Path, e: &io::Error, color: bool) -> Exit {
    super::tool_error(Unwritable { path: path.to_path_buf(), reason: e.to_string() }, color)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn outputs_parse_format_and_file() {
        assert_eq!(parse_output("sarif=out/a.sarif"), Ok((Format::Sarif, PathBuf::from("out/a.sarif"))));
        assert!(parse_output("yaml=a").unwrap_err().contains("not a format"));
        assert!(parse_output("sarif").is_err());
        assert!(parse_output("sarif=").is_err());
    }
}
