//! The SARIF 2.1.0 report (`--format sarif`), for GitHub code scanning and other SARIF viewers.
//!
//! One run whose `tool.driver.rules` lists every rule of the catalogue (id = code, name,
//! short and full description, help as text and Markdown from `rules/*.toml`, `helpUri`,
//! default level), and one result per finding: `ruleId`, `ruleIndex`, `level` (`info` is
//! SARIF's `note`), `message.text`, a physical location (repository-relative path with forward
//! slashes, 1-based lines and columns in Unicode code points, `columnKind:
//! unicodeCodePoints`), secondary labels as `relatedLocations`, the subject in `properties`,
//! and a `partialFingerprints` entry from the finding's meaning ([`super::fingerprint`]).
//! Each suggestion is a `fixes` entry (SARIF §3.55): its message as `description`, its edits
//! as `replacements` grouped per file (`deletedRegion`, empty for an insertion, and
//! `insertedContent`), and `properties.applicability` (`safe` or `unsafe`, as
//! `check --fix` reads it). A waived finding carries a `suppressions` entry (kind `external`, justification = the
//! waiver's reason); so does a finding accepted by a baseline. Documented in docs/ci.md.
//!
//! `helpUri` must be an absolute URI (SARIF §3.49.12; the schema's `format: uri`, which
//! `github/codeql-action/upload-sarif` enforces), so a repository-relative link such as
//! `docs/rules.md#sg201` would make the upload fail. It is `<docs>#sg201-sos-status-only` (the
//! anchor of the rule's heading in docs/rules.md), where `<docs>` is `docs_url` from
//! `scaleguard.toml` (an organisation's own copy of docs/rules.md), else the page in the
//! package's repository, `<repository>/blob/main/docs/rules.md`.
//!
//! A file below the repository root is named by its repository-relative path (code scanning
//! resolves it against the checkout); a file outside it (an absolute path elsewhere) by an
//! absolute `file://` URI, since a relative reference may not begin with a slash (SARIF
//! §3.4.4; the validator's SARIF1004).

use std::collections::BTreeMap;
use std::io::{self, Write};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;

use super::fingerprint::{self, SARIF_KEY};
use super::location::{Paths, Region};
use crate::catalogue::{self, RuleMeta};
use crate::diagnostic::{Diagnostic, Label, Severity, Suggestion};
use crate::source::{FileId, SourceMap};

/// The schema SARIF files name in `$schema`.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The project's home page, from `Cargo.toml`'s `repository`: SARIF's `informationUri`.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where docs/rules.md is published when `scaleguard.toml` gives no `docs_url`: the page on the
/// repository's main branch, which always carries every released rule.
pub fn default_docs_url() -> String {
    format!("{}/blob/main/docs/rules.md", REPOSITORY.trim_end_matches('/'))
}

/// Where a rule's documentation is: `<docs_url>#sg201-sos-status-only`.
pub fn help_uri(rule: &RuleMeta, docs_url: &str) -> String {
    format!("{docs_url}#{}", rule.anchor())
}

/// How the SARIF log is written.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The absolute URL of docs/rules.md, for `helpUri` ([`default_docs_url`] when unset).
    pub docs_url: &'a str,
    /// Findings a baseline accepted, reported as suppressed results.
    pub baselined: Option<Baselined<'a>>,
}

/// Findings a baseline accepted: reported as suppressed results.
#[derive(Debug, Clone, Copy)]
pub struct Baselined<'a> {
    /// The accepted findings.
    pub diagnostics: &'a [Diagnostic],
    /// The baseline file, as named on the command line or in `scaleguard.toml`.
    pub file: &'a str,
}

/// Writes the SARIF log of a run: `diagnostics` are the findings reported (sorted).
pub fn write(
    w: &mut dyn Write,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    paths: &Paths,
    options: Options<'_>,
) -> io::Result<()> {
    let log = log(diagnostics, sources, paths, options);
    serde_json::to_writer_pretty(&mut *w, &log).map_err(io::Error::other)?;
    writeln!(w)
}

/// The SARIF log as typed values (what [`write`] serialises).
pub fn log<'a>(
    diagnostics: &'a [Diagnostic],
    sources: &'a SourceMap,
    paths: &'a Paths,
    options: Options<'a>,
) -> Log<'a> {
    let mut all: Vec<(&Diagnostic, Option<&str>)> = diagnostics.iter().map(|d| (d, None)).collect();
    if let Some(b) = options.baselined {
        all.extend(b.diagnostics.iter().map(|d| (d, Some(b.file))));
        all.sort_by(|a, b| a.0.sort_key().cmp(&b.0.sort_key()));
    }
    let prints = fingerprint::fingerprints(all.iter().map(|(d, _)| *d));
    let results = all
        .iter()
        .zip(prints)
        .map(|((d, baseline), print)| result(d, *baseline, print, sources, paths))
        .collect();
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool { driver: driver(options.docs_url) },
            results,
            column_kind: "unicodeCodePoints",
        }],
    }
}

fn driver(docs_url: &str) -> Driver {
    Driver {
        name: "scaleguard",
        information_uri: REPOSITORY,
        version: env!("CARGO_PKG_VERSION"),
        semantic_version: env!("CARGO_PKG_VERSION"),
        rules: catalogue::rules().iter().map(|r| rule(r, docs_url)).collect(),
    }
}

fn rule(meta: &'static RuleMeta, docs_url: &str) -> Rule {
    let rationale = meta.rationale.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = format!(
        "{}\n\n{rationale}\n\nHow to fix: {}\n\nExample that fails:\n\n{}\n\nExample that passes:\n\n{}\n",
        meta.summary,
        meta.fix,
        meta.fail.trim_end(),
        meta.pass.trim_end()
    );
    let markdown = format!(
        "**{}**\n\n{rationale}\n\n**How to fix:** {}\n\n**Example that fails**\n\n```\n{}\n```\n\n\
         **Example that passes**\n\n```\n{}\n```\n",
        meta.summary,
        meta.fix,
        meta.fail.trim_end(),
        meta.pass.trim_end()
    );
    Rule {
        id: meta.code,
        name: meta.name,
        short_description: Text { text: meta.summary.to_owned() },
        full_description: Text { text: rationale },
        help: Help { text, markdown },
        help_uri: help_uri(meta, docs_url),
        default_configuration: Configuration { level: level(meta.severity) },
        properties: RuleProperties {
            tags: meta.component.map(|c| vec![c.name()]).unwrap_or_default(),
            component: meta.component.map(|c| c.name()),
        },
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result<'a>(
    d: &'a Diagnostic,
    baseline: Option<&str>,
    print: String,
    sources: &'a SourceMap,
    paths: &'a Paths,
) -> SarifResult<'a> {
    let primary = d.labels.iter().find(|l| l.primary).or(d.labels.first());
    let locations = primary.map(|l| vec![location(l, None, sources, paths)]).unwrap_or_default();
    let mut related_locations: Vec<Location> = d
        .labels
        .iter()
        .filter(|l| !l.primary)
        .enumerate()
        .map(|(i, l)| location(l, Some(i + 1), sources, paths))
        .collect();
    // A consequence points at its cause (docs/maturity.md "Root causes").
    if let Some(cause) = &d.caused_by
        && let Some(span) = cause.span
    {
        let label = Label {
            span,
            message: format!(
                "caused by {} {} `{}`: fixing it fixes this",
                cause.code.code, cause.code.name, cause.subject
            ),
            primary: false,
        };
        related_locations.push(location(&label, Some(related_locations.len() + 1), sources, paths));
    }
    let mut suppressions = Vec::new();
    if let Some(w) = &d.waived {
        suppressions.push(Suppression { kind: "external", justification: w.reason.clone() });
    }
    if let Some(file) = baseline {
        suppressions.push(Suppression {
            kind: "external",
            justification: format!("recorded in the baseline `{file}`"),
        });
    }
    SarifResult {
        rule_id: d.code.code,
        rule_index: Some(d.code.index()),
        level: level(d.severity),
        message: Text { text: d.message.clone() },
        locations,
        related_locations,
        partial_fingerprints: BTreeMap::from([(SARIF_KEY, print)]),
        suppressions,
        fixes: d.suggestions.iter().map(|s| fix(s, sources, paths)).collect(),
        properties: ResultProperties {
            subject: d.subject.as_deref(),
            caused_by: d.caused_by.as_ref().map(super::fingerprint::of_cause),
        },
    }
}

/// Characters escaped in a relative URI reference: those RFC 3986 does not allow in a path,
/// `%` itself, and `:` (which would make the first segment read as a scheme).
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b':')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A repository-relative path as a URI reference (`org/my team.scale` → `org/my%20team.scale`).
pub fn uri(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// An absolute path as a `file://` URI (`/srv/org/a b.scale` → `file:///srv/org/a%20b.scale`,
/// `C:\org\a.scale` → `file:///C:/org/a.scale`).
pub fn file_uri(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let encoded = text.split('/').map(uri).collect::<Vec<_>>().join("/");
    // A Windows drive letter keeps its colon: `C:` is not a scheme inside a path.
    let encoded = match encoded.as_bytes() {
        [d, b'%', b'3', b'A', ..] if d.is_ascii_alphabetic() => format!("{}:{}", *d as char, &encoded[4..]),
        _ => encoded,
    };
    if encoded.starts_with('/') { format!("file://{encoded}") } else { format!("file:///{encoded}") }
}

/// A suggestion as a SARIF `fix`: one `artifactChange` per file it edits, in read order.
fn fix(suggestion: &Suggestion, sources: &SourceMap, paths: &Paths) -> Fix {
    let mut changes: Vec<ArtifactChange> = Vec::new();
    let mut files: Vec<FileId> = suggestion.edits.iter().map(|e| e.span.file).collect();
    files.sort();
    files.dedup();
    for file in files {
        let mut edits: Vec<_> = suggestion.edits.iter().filter(|e| e.span.file == file).collect();
        edits.sort();
        let Some(first) = edits.first() else { continue };
        let region = Region::of(first.span, sources, paths);
        changes.push(ArtifactChange {
            artifact_location: artifact_location(file, &region, paths),
            replacements: edits
                .iter()
                .map(|e| {
                    let r = Region::of(e.span, sources, paths);
                    Replacement {
                        deleted_region: SarifRegion {
                            start_line: r.line,
                            start_column: r.column,
                            end_line: r.end_line,
                            end_column: r.end_column,
                        },
                        inserted_content: (!e.replacement.is_empty())
                            .then(|| Text { text: e.replacement.clone() }),
                    }
                })
                .collect(),
        });
    }
    Fix {
        description: Text { text: suggestion.message.clone() },
        artifact_changes: changes,
        properties: FixProperties { applicability: suggestion.applicability.as_str() },
    }
}

fn artifact_location(file: FileId, region: &Region<'_>, paths: &Paths) -> ArtifactLocation {
    match paths.outside_root(file) {
        Some(absolute) => ArtifactLocation { uri: file_uri(absolute) },
        None => ArtifactLocation { uri: uri(region.path) },
    }
}

fn location(label: &Label, id: Option<usize>, sources: &SourceMap, paths: &Paths) -> Location {
    let region = Region::of(label.span, sources, paths);
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: artifact_location(label.span.file, &region, paths),
            region: SarifRegion {
                start_line: region.line,
                start_column: region.column,
                end_line: region.end_line,
                end_column: region.end_column,
            },
        },
        message: (!label.message.is_empty() && id.is_some()).then(|| Text { text: label.message.clone() }),
    }
}

/// A SARIF log (the top-level object).
#[derive(Debug, Serialize)]
pub struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Debug, Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    information_uri: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
    #[serde(skip_serializing_if = "RuleProperties::is_empty")]
    properties: RuleProperties,
}

#[derive(Debug, Serialize)]
struct RuleProperties {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    component: Option<&'static str>,
}

impl RuleProperties {
    fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.component.is_none()
    }
}

#[derive(Debug, Serialize)]
struct Text {
    text: String,
}

#[derive(Debug, Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Debug, Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
    properties: ResultProperties<'a>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
    properties: FixProperties,
}

#[derive(Debug, Serialize)]
struct FixProperties {
    /// `safe` or `unsafe` (`check --fix` applies safe ones).
    applicability: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: SarifRegion,
    #[serde(skip_serializing_if = "Option::is_none")]
    inserted_content: Option<Text>,
}

#[derive(Debug, Serialize)]
struct ResultProperties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<&'a str>,
    /// The fingerprint of the finding this one is a consequence of.
    #[serde(skip_serializing_if = "Option::is_none")]
    caused_by: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: SarifRegion,
}

#[derive(Debug, Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Debug, Serialize)]
struct Suppression {
    kind: &'static str,
    justification: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("org/my team.scale"), "org/my%20team.scale");
        assert_eq!(uri("a:b/ü#1.scale"), "a%3Ab/%C3%BC%231.scale");
    }

    #[test]
    fn absolute_paths_become_file_uris() {
        use std::path::Path;
        assert_eq!(file_uri(Path::new("/srv/org/a b.scale")), "file:///srv/org/a%20b.scale");
        assert_eq!(file_uri(Path::new("/x/ü#1.scale")), "file:///x/%C3%BC%231.scale");
        assert_eq!(file_uri(Path::new("C:\\org\\a.scale")), "file:///C:/org/a.scale");
    }
}
