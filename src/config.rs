//! The project configuration, `scaleguard.toml`: what `check` and `baseline` do when the
//! command line does not say (docs/config.md).
//!
//! The file is found by walking up from the working directory (the first `scaleguard.toml`
//! wins), or named with `--config FILE`. Its keys are the long flags of `check` in the same
//! kebab-case: `paths`, `fail-on`, `min-score`, `baseline`, `docs-url`, and an `[output]`
//! table of `format = "file"` pairs. Paths in it are relative to the folder that holds it.
//! A flag given on the command line wins over the file.
//!
//! The TOML is read with toml-span, so every problem — a syntax error, an unknown key (with
//! the closest known key), a value of the wrong type or out of range — is a coded diagnostic
//! whose label points into the file, rendered with its source like a finding. All problems
//! of a file are reported together.

use std::path::{Path, PathBuf};

use miette::{NamedSource, SourceSpan};
use toml_span::value::ValueInner;
use toml_span::{Span, Value};

use crate::diagnostic::{Severity, and_list};

/// The file name looked for.
pub const FILE_NAME: &str = "scaleguard.toml";

/// The report formats of `check` (`--format`, `--output FORMAT=FILE`, `[output]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Diagnostics for people.
    Human,
    /// The versioned JSON report.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// JUnit XML.
    Junit,
    /// GitHub Actions workflow commands.
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
}

impl Format {
    /// Every format, in the order the help lists them.
    pub const ALL: [Format; 6] =
        [Format::Human, Format::Json, Format::Sarif, Format::Junit, Format::Github, Format::Gitlab];

    /// The name used on the command line and in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Gitlab => "gitlab",
        }
    }

    /// A format by name.
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

/// The settings of a `scaleguard.toml`, with paths resolved against its folder.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// The file read.
    pub file: PathBuf,
    /// Input paths `check` and `baseline` read when the command line gives none.
    pub paths: Vec<PathBuf>,
    /// The failure level (`fail-on`).
    pub fail_on: Option<Severity>,
    /// The minimum overall score (`min-score`).
    pub min_score: Option<f64>,
    /// The baseline file (`baseline`).
    pub baseline: Option<PathBuf>,
    /// Where docs/rules.md is published, for SARIF's `helpUri` (`docs-url`).
    pub docs_url: Option<String>,
    /// Report files written besides the printed report (`[output]`), sorted by format.
    pub outputs: Vec<(Format, PathBuf)>,
}

/// The keys a `scaleguard.toml` takes.
pub const KEYS: [&str; 6] = ["paths", "fail-on", "min-score", "baseline", "docs-url", "output"];

/// A problem with the configuration file: the run stops (exit 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("cannot read `{}`: {reason}", path.display())]
    #[diagnostic(
        code(scaleguard::config::unreadable),
        help("give an existing, readable `scaleguard.toml` to `--config`")
    )]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// The file is not valid TOML.
    #[error("`{file}` is not valid TOML: {problem}")]
    #[diagnostic(
        code(scaleguard::config::syntax),
        help("write the settings as TOML `key = value` pairs; docs/config.md lists them")
    )]
    Syntax {
        /// The file.
        file: String,
        /// What the parser said.
        problem: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where.
        #[label("here")]
        span: SourceSpan,
    },
    /// A key that is no setting.
    #[error("unknown key `{key}` in `{file}`")]
    #[diagnostic(code(scaleguard::config::unknown_key))]
    UnknownKey {
        /// The key.
        key: String,
        /// The file.
        file: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where.
        #[label("not a setting")]
        span: SourceSpan,
        /// The closest key, or the list of keys.
        #[help]
        help: String,
    },
    /// A setting with a value of the wrong type or out of range.
    #[error("invalid value for `{key}` in `{file}`: {problem}")]
    #[diagnostic(code(scaleguard::config::invalid_value))]
    InvalidValue {
        /// The key.
        key: String,
        /// The file.
        file: String,
        /// What is wrong.
        problem: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where.
        #[label("{expected}")]
        span: SourceSpan,
        /// What the key takes, in a few words.
        expected: String,
        /// How to fix it.
        #[help]
        help: String,
    },
}

impl ConfigError {
    /// Where in the file the problem is (0 when it has no place), to report in file order.
    pub fn offset(&self) -> usize {
        match self {
            ConfigError::Unreadable { .. } => 0,
            ConfigError::Syntax { span, .. }
            | ConfigError::UnknownKey { span, .. }
            | ConfigError::InvalidValue { span, .. } => span.offset(),
        }
    }
}

/// Finds `scaleguard.toml` in `start` or the nearest folder above it. The path returned is
/// `start` joined with as many `..` as needed, so that it stays relative when `start` is.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok()?;
    let mut relative = start.to_path_buf();
    for dir in absolute.ancestors() {
        if dir.join(FILE_NAME).is_file() {
            return Some(tidy(&relative.join(FILE_NAME)));
        }
        relative.push("..");
    }
    None
}

/// Drops leading `./` components (`./../scaleguard.toml` → `../scaleguard.toml`).
fn tidy(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        if part != std::path::Component::CurDir {
            out.push(part.as_os_str());
        }
    }
    out
}

/// Reads and checks the configuration file at `path`.
pub fn load(path: &Path) -> Result<Config, Vec<ConfigError>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| vec![ConfigError::Unreadable { path: path.to_path_buf(), reason: e.to_string() }])?;
    parse(path, &text)
}

/// Checks the text of a configuration file read from `path` (paths in it are resolved
/// against `path`'s folder).
pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<ConfigError>> {
    let file = crate::source::display_path(path);
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let cx = Cx { file: file.clone(), text };
    let root = toml_span::parse(text).map_err(|e| {
        vec![ConfigError::Syntax {
            file: file.clone(),
            problem: e.to_string(),
            src: cx.source(),
            span: cx.span(e.span),
        }]
    })?;
    let mut config = Config { file: path.to_path_buf(), ..Config::default() };
    let mut errors = Vec::new();
    let Some(table) = root.as_table() else {
        errors.push(cx.invalid("(file)", root.span, "the file is not a table", "a table", String::new()));
        return Err(errors);
    };
    for (key, value) in table {
        match key.name.as_ref() {
            "paths" => match strings(value) {
                Some(list) if !list.is_empty() && list.iter().all(|(s, _)| !s.is_empty()) => {
                    config.paths = list.into_iter().map(|(s, _)| dir.join(s)).collect();
                }
                _ => errors.push(cx.invalid(
                    "paths",
                    value.span,
                    "expected a non-empty list of paths",
                    "a list of paths",
                    "write the `.scale` files or folders to check, e.g. `paths = [\"org\"]`".into(),
                )),
            },
            "fail-on" => match value.as_str().and_then(Severity::parse) {
                Some(level) => config.fail_on = Some(level),
                None => errors.push(cx.invalid(
                    "fail-on",
                    value.span,
                    &format!("expected `error`, `warning`, or `info`, found {}", shown(value)),
                    "a severity",
                    suggestion(value.as_str(), &["error", "warning", "info"])
                        .unwrap_or_else(|| "write `error`, `warning`, or `info`".into()),
                )),
            },
            "min-score" => match number(value) {
                Some(x) if (0.0..=5.0).contains(&x) => config.min_score = Some(x),
                _ => errors.push(cx.invalid(
                    "min-score",
                    value.span,
                    &format!("expected a number from 0.0 to 5.0, found {}", shown(value)),
                    "a score from 0.0 to 5.0",
                    "write the lowest overall maturity score that passes, e.g. `min-score = 3.0`".into(),
                )),
            },
            "baseline" => match value.as_str() {
                Some(s) if !s.is_empty() => config.baseline = Some(dir.join(s)),
                _ => errors.push(cx.invalid(
                    "baseline",
                    value.span,
                    &format!("expected a file name, found {}", shown(value)),
                    "a file name",
                    "write the baseline file, e.g. `baseline = \".scaleguard-baseline.json\"`".into(),
                )),
            },
            "docs-url" => match value.as_str() {
                Some(s) if is_absolute_uri(s) => config.docs_url = Some(s.to_owned()),
                _ => errors.push(cx.invalid(
                    "docs-url",
                    value.span,
                    &format!("expected an absolute URL, found {}", shown(value)),
                    "an absolute URL",
                    "write where docs/rules.md is published, e.g. `docs-url = \"https://example.com/scaleguard/rules.md\"`"
                        .into(),
                )),
            },
            "output" => outputs(&cx, &dir, value, &mut config, &mut errors),
            other => errors.push(cx.unknown(other, key.span, &KEYS, "key")),
        }
    }
    errors.sort_by_key(ConfigError::offset);
    if errors.is_empty() { Ok(config) } else { Err(errors) }
}

fn outputs(cx: &Cx<'_>, dir: &Path, value: &Value<'_>, config: &mut Config, errors: &mut Vec<ConfigError>) {
    let Some(table) = value.as_table() else {
        errors.push(cx.invalid(
            "output",
            value.span,
            &format!("expected a table, found {}", shown(value)),
            "a table of format = file",
            "write `[output]` and below it lines such as `sarif = \"scaleguard.sarif\"`".into(),
        ));
        return;
    };
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
    for (key, file) in table {
        let Some(format) = Format::parse(&key.name) else {
            errors.push(cx.unknown(&key.name, key.span, &names, "format"));
            continue;
        };
        match file.as_str() {
            Some(s) if !s.is_empty() => config.outputs.push((format, dir.join(s))),
            _ => errors.push(cx.invalid(
                &format!("output.{}", format.as_str()),
                file.span,
                &format!("expected a file name, found {}", shown(file)),
                "a file name",
                format!("write the file to hold the {} report, in quotes", format.as_str()),
            )),
        }
    }
    config.outputs.sort();
}

/// Whether `s` starts with a URI scheme (`https:`, `urn:`): SARIF needs an absolute URI.
fn is_absolute_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !s.chars().any(char::is_whitespace)
}

fn strings<'a>(value: &'a Value<'_>) -> Option<Vec<(&'a str, Span)>> {
    match value.as_ref() {
        ValueInner::String(s) => Some(vec![(s.as_ref(), value.span)]),
        ValueInner::Array(items) => items.iter().map(|v| v.as_str().map(|s| (s, v.span))).collect(),
        _ => None,
    }
}

fn number(value: &Value<'_>) -> Option<f64> {
    match value.as_ref() {
        ValueInner::Float(x) => Some(*x),
        ValueInner::Integer(i) => Some(*i as f64),
        _ => None,
    }
}

/// A value as the messages show it: a string in backticks, else its type.
fn shown(value: &Value<'_>) -> String {
    match value.as_ref() {
        ValueInner::String(s) => format!("`{s}`"),
        ValueInner::Integer(i) => format!("`{i}`"),
        ValueInner::Float(x) => format!("`{x}`"),
        ValueInner::Boolean(b) => format!("`{b}`"),
        other => format!("a {}", other.type_str()),
    }
}

fn suggestion(word: Option<&str>, candidates: &[&str]) -> Option<String> {
    let word = word?;
    let lower = word.to_ascii_lowercase();
    if let Some(exact) = candidates.iter().find(|c| **c == lower) {
        return Some(format!("write it in lowercase: `{exact}`"));
    }
    crate::syntax::lower::suggest(word, candidates.iter().copied())
        .map(|s| format!("a value with a similar name exists: `{s}`"))
}

struct Cx<'a> {
    file: String,
    text: &'a str,
}

impl Cx<'_> {
    fn source(&self) -> NamedSource<String> {
        NamedSource::new(&self.file, self.text.to_owned()).with_language("TOML")
    }

    fn span(&self, span: Span) -> SourceSpan {
        let start = span.start.min(self.text.len());
        let end = span.end.clamp(start, self.text.len());
        SourceSpan::new(start.into(), end - start)
    }

    fn invalid(&self, key: &str, span: Span, problem: &str, expected: &str, help: String) -> ConfigError {
        ConfigError::InvalidValue {
            key: key.to_owned(),
            file: self.file.clone(),
            problem: problem.to_owned(),
            src: self.source(),
            span: self.span(span),
            expected: expected.to_owned(),
            help: if help.is_empty() { "docs/config.md lists every setting".to_owned() } else { help },
        }
    }

    /// An unknown `noun` (`key`, `format`) with the closest known one, or the list of them.
    fn unknown(&self, key: &str, span: Span, known: &[&str], noun: &str) -> ConfigError {
        let close = key.replace('_', "-");
        let help = match known.iter().find(|k| **k == close && close != key) {
            Some(k) => format!("keys are written in kebab-case: `{k}`"),
            None => match crate::syntax::lower::suggest(key, known.iter().copied()) {
                Some(s) => format!("a {noun} with a similar name exists: `{s}`"),
                None => {
                    let quoted: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                    format!("the {noun}s are {}", and_list(&quoted))
                }
            },
        };
        ConfigError::UnknownKey {
            key: key.to_owned(),
            file: self.file.clone(),
            src: self.source(),
            span: self.span(span),
            help,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        match parse(Path::new("scaleguard.toml"), text) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .iter()
                .map(|e| {
                    let help = miette::Diagnostic::help(e).map(|h| h.to_string()).unwrap_or_default();
                    format!("{e} / {help}")
                })
                .collect(),
        }
    }

    #[test]
    fn every_setting_is_read_and_paths_are_relative_to_the_file() {
        let text = "paths = [\"org\"]\nfail-on = \"warning\"\nmin-score = 3\nbaseline = \"b.json\"\n\
                    docs-url = \"https://example.com/rules.md\"\n[output]\nsarif = \"out/s.sarif\"\n\
                    junit = \"j.xml\"\n";
        let config = parse(Path::new("ci/scaleguard.toml"), text).unwrap();
        assert_eq!(config.paths, [PathBuf::from("ci/org")]);
        assert_eq!(config.fail_on, Some(Severity::Warning));
        assert_eq!(config.min_score, Some(3.0));
        assert_eq!(config.baseline, Some(PathBuf::from("ci/b.json")));
        assert_eq!(config.docs_url.as_deref(), Some("https://example.com/rules.md"));
        assert_eq!(
            config.outputs,
            [(Format::Sarif, PathBuf::from("ci/out/s.sarif")), (Format::Junit, PathBuf::from("ci/j.xml"))]
        );
    }

    #[test]
    fn unknown_keys_get_the_closest_key() {
        assert_eq!(
            errors("fail_on = \"error\"\nbaseilne = \"x\"\n[output]\nsarf = \"x\"\n"),
            [
                "unknown key `fail_on` in `scaleguard.toml` / keys are written in kebab-case: `fail-on`",
                "unknown key `baseilne` in `scaleguard.toml` / a key with a similar name exists: `baseline`",
                "unknown key `sarf` in `scaleguard.toml` / a format with a similar name exists: `sarif`",
            ]
        );
    }

    #[test]
    fn bad_values_say_what_is_expected() {
        assert_eq!(
            errors("fail-on = \"Warning\"\nmin-score = 7\ndocs-url = \"docs/rules.md\"\n"),
            [
                "invalid value for `fail-on` in `scaleguard.toml`: expected `error`, `warning`, or `info`, \
                 found `Warning` / write it in lowercase: `warning`",
                "invalid value for `min-score` in `scaleguard.toml`: expected a number from 0.0 to 5.0, found `7` / \
                 write the lowest overall maturity score that passes, e.g. `min-score = 3.0`",
                "invalid value for `docs-url` in `scaleguard.toml`: expected an absolute URL, found `docs/rules.md` / \
                 write where docs/rules.md is published, e.g. `docs-url = \"https://example.com/scaleguard/rules.md\"`",
            ]
        );
    }

    #[test]
    fn syntax_errors_are_coded() {
        let e = errors("paths = [\"org\"\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("`scaleguard.toml` is not valid TOML: "), "{e:?}");
    }
}
