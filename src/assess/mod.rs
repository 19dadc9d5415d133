//! The coaching report (`scaleguard assess`): what a coach hands an Executive Action Team.
//!
//! [`Report::build`] turns one run's [`Analysis`] and its [`Score`] into a plain data model —
//! header, per-component sections (score, what the component means, findings with source
//! excerpts and the fix, what is already good), waivers, the organisation at a glance and
//! prioritised next steps. [`markdown`] and [`html`] render it through minijinja templates
//! that escape every input string ([`escape`]); [`radar`] computes the radar chart's points and
//! [`membership`] the layout of the membership picture;
//! JSON is the data model itself. Everything here is a pure function: no IO, sorted output.

pub mod escape;
pub mod executive;
mod glance;
pub mod html;
pub mod markdown;
pub mod membership;
pub mod radar;
pub mod texts;

use glance::glance;
pub use glance::{EscalationGap, Glance, LevelCount, TreeRow};

use jiff::civil::Date;
use serde::Serialize;

use crate::Analysis;
use crate::catalogue::{self, Component, Cycle, SubjectKind};
use crate::diagnostic::{Diagnostic, Severity, plural};
use crate::report::Summary;
use crate::score::{ComponentScore, Score};
use crate::source::{SourceMap, Span};

/// The schema version of `assess --format json`.
pub const VERSION: u32 = 1;

/// How many next steps the report lists.
pub const NEXT_STEPS: usize = 10;

/// A waiver expiring within this many days is flagged.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// Lines of source shown for one finding, at most.
const EXCERPT_LINES: usize = 4;

/// The whole coaching report, ready for any format.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Schema version of the JSON form.
    pub version: u32,
    /// The organisation's name.
    pub organisation: String,
    /// The date of the assessment (waivers are judged against it), `YYYY-MM-DD`.
    pub date: String,
    /// The files assessed, in read order.
    pub files: Vec<String>,
    /// `9 files`.
    pub files_text: String,
    /// Counts of findings.
    pub summary: Summary,
    /// The counts for people: `2 errors, 1 warning, 0 infos, 1 waived`.
    pub findings_text: String,
    /// The overall score (`3.4`), or `not assessed`.
    pub overall_text: String,
    /// The overall level, or empty when not assessed.
    pub overall_level: String,
    /// The maturity score, exactly as `check --format json` carries it.
    pub score: Score,
    /// One section per component, in the order of GUARDRAILS.md.
    pub components: Vec<Section>,
    /// Every waiver of the policy.
    pub waivers: Vec<WaiverEntry>,
    /// Findings about the waivers themselves (SG901, SG902).
    pub waiver_findings: Vec<FindingEntry>,
    /// The organisation at a glance.
    pub glance: Glance,
    /// The failed checks that raise the score most, errors first.
    pub next_steps: Vec<NextStep>,
    /// How many more unwaived findings there are beyond [`Report::next_steps`].
    pub more_steps: usize,
    /// The radar chart's geometry.
    #[serde(skip)]
    pub radar: radar::Radar,
    /// The membership picture's geometry.
    #[serde(skip)]
    pub membership: membership::Picture,
}

/// One component's section of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The Guide's name.
    pub name: &'static str,
    /// An anchor for links (`team-process`).
    pub anchor: String,
    /// The cycle it belongs to.
    pub cycle: Cycle,
    /// `Scrum Master cycle`, `Product Owner cycle` or `Shared by both cycles`.
    pub cycle_name: &'static str,
    /// `3.4` or `not assessed`.
    pub score_text: String,
    /// The level, or empty.
    pub level: String,
    /// Why it is not assessed, or empty.
    pub not_assessed: String,
    /// The sum behind the score (`5 × 11 / 15 = 3.667 → 3.7`).
    pub explanation: String,
    /// The rounded score in tenths (0–50), for bars; 0 when not assessed.
    pub tenths: u64,
    /// What the component means in Scrum@Scale.
    pub description: &'static str,
    /// Unwaived findings, errors first.
    pub findings: Vec<FindingEntry>,
    /// Waived findings.
    pub waived: Vec<FindingEntry>,
    /// What is already good: one line per rule with passing checks.
    pub good: Vec<GoodEntry>,
    /// Checks that passed.
    pub passed: usize,
    /// Unwaived failed checks.
    pub failed: usize,
    /// Waived checks.
    pub waived_count: usize,
}

/// One finding with its place, an excerpt of the source and the fix.
#[derive(Debug, Clone, Serialize)]
pub struct FindingEntry {
    /// `SG501`.
    pub code: &'static str,
    /// `team-size`.
    pub name: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The subject, or empty.
    pub subject: String,
    /// The message (identifiers in backticks).
    pub message: String,
    /// `file:line:column`, or empty.
    pub location: String,
    /// The source lines of the primary label.
    pub excerpt: Vec<ExcerptLine>,
    /// The excerpt as plain text with line numbers (and carets under a one-line span).
    pub excerpt_text: String,
    /// How to fix it.
    pub fix: String,
    /// The waiver's reason, when waived.
    pub waiver_reason: Option<String>,
    /// The waiver's expiry, when waived and time-boxed.
    pub waiver_until: Option<String>,
}

/// One source line of an excerpt, split around the marked span.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExcerptLine {
    /// 1-based line number.
    pub number: u32,
    /// The line number right-aligned to the excerpt's widest.
    pub gutter: String,
    /// Text before the span.
    pub before: String,
    /// The part of the span on this line.
    pub marked: String,
    /// Text after the span.
    pub after: String,
}

/// A rule whose checks (some or all) pass.
#[derive(Debug, Clone, Serialize)]
pub struct GoodEntry {
    /// `SG502`.
    pub code: &'static str,
    /// `team-no-product-owner`.
    pub name: &'static str,
    /// `clear for all 13 teams`.
    pub text: String,
}

/// A waiver of the policy and how it stands.
#[derive(Debug, Clone, Serialize)]
pub struct WaiverEntry {
    /// The rule's code.
    pub code: &'static str,
    /// The rule's name.
    pub name: &'static str,
    /// The `for` identifier, or empty (every subject).
    pub target: String,
    /// `until`, or empty.
    pub until: String,
    /// The reason.
    pub reason: String,
    /// `file:line` of the `waive` statement.
    pub location: String,
    /// `in force`, `expires soon` or `expired`.
    pub status: &'static str,
    /// Days from the report's date to `until` (negative once expired); null without `until`.
    pub days_left: Option<i64>,
    /// Findings it covers (shown as waived).
    pub covers: usize,
}

/// One prioritised next step: a failed check and what fixing it is worth.
#[derive(Debug, Clone, Serialize)]
pub struct NextStep {
    /// `SG104`.
    pub code: &'static str,
    /// `eat-unbacked-authority`.
    pub name: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The subject.
    pub subject: String,
    /// The component it scores.
    pub component: &'static str,
    /// The component's anchor.
    pub anchor: String,
    /// The message.
    pub message: String,
    /// How to fix it.
    pub fix: String,
    /// `file:line`, or empty.
    pub location: String,
    /// What passing would add to the component's exact score.
    pub component_gain: f64,
    /// What passing would add to the overall exact score.
    pub overall_gain: f64,
    /// `+0.67` (component).
    pub component_gain_text: String,
    /// `+0.06` (overall).
    pub overall_gain_text: String,
    /// How many other findings are consequences of this one and are fixed with it.
    pub consequences: usize,
    /// `8 consequences fixed with it: SG402 escalation-dead-end on `a`, `b`, …`, or empty.
    pub consequences_text: String,
}

impl Report {
    /// Builds the report of a run without input errors (`analysis.evaluation` is `Some`).
    pub fn build(analysis: &Analysis, score: &Score, today: Date) -> Report {
        let model = &analysis.model;
        let sources = &analysis.sources;
        let summary = Summary::of(&analysis.diagnostics, sources.len());
        let mut components = Vec::with_capacity(score.components.len());
        for c in &score.components {
            components.push(section(c, &analysis.diagnostics, sources));
        }
        let waiver_findings = analysis
            .diagnostics
            .iter()
            .filter(|d| catalogue::find(d.code.code).is_some_and(|r| r.is_waiver_rule()))
            .map(|d| finding_entry(d, sources))
            .collect();
        let (next_steps, more_steps) = next_steps(score, &analysis.diagnostics, sources);
        Report {
            version: VERSION,
            organisation: model.organisation.name.clone(),
            date: today.to_string(),
            files: sources.files().map(|(_, f)| f.name.clone()).collect(),
            files_text: plural(sources.len(), "file", "files"),
            findings_text: format!(
                "{}, {}, {}, {} waived",
                plural(summary.errors, "error", "errors"),
                plural(summary.warnings, "warning", "warnings"),
                plural(summary.infos, "info", "infos"),
                summary.waived
            ),
            summary,
            overall_text: score.overall.map_or_else(|| "not assessed".to_owned(), |t| t.to_string()),
            overall_level: score.level_with_reason(),
            score: score.clone(),
            components,
            waivers: waivers(analysis, today),
            waiver_findings,
            glance: glance(model),
            next_steps,
            more_steps,
            radar: radar::Radar::of(score),
            membership: membership::Picture::of(model, &analysis.diagnostics),
        }
    }

    /// The report as pretty JSON (with a final newline).
    pub fn json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// What each component means in Scrum@Scale terms, in the words of the seeds (from
/// `components.toml`, [`texts`]).
pub fn description(component: Component) -> &'static str {
    texts::of(component).map_or("", |t| t.description.as_str())
}

/// The anchor of a component (`continuous-improvement-impediment-removal`).
pub fn anchor(component: Component) -> String {
    let mut out = String::new();
    for ch in component.name().chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// The cycle's name, for people.
pub fn cycle_name(cycle: Cycle) -> &'static str {
    match cycle {
        Cycle::ScrumMaster => "Scrum Master cycle",
        Cycle::ProductOwner => "Product Owner cycle",
        Cycle::Shared => "Shared by both cycles",
    }
}

fn component_of(d: &Diagnostic) -> Option<Component> {
    catalogue::find(d.code.code).and_then(|r| r.component)
}

fn section(c: &ComponentScore, diagnostics: &[Diagnostic], sources: &SourceMap) -> Section {
    let mine: Vec<&Diagnostic> =
        diagnostics.iter().filter(|d| component_of(d) == Some(c.component)).collect();
    let mut findings: Vec<FindingEntry> =
        mine.iter().filter(|d| d.waived.is_none()).map(|d| finding_entry(d, sources)).collect();
    // Errors first; within a severity, the diagnostics' own order (file, position, code).
    findings.sort_by_key(|f| std::cmp::Reverse(Severity::parse(f.severity)));
    let waived = mine.iter().filter(|d| d.waived.is_some()).map(|d| finding_entry(d, sources)).collect();
    Section {
        name: c.name,
        anchor: anchor(c.component),
        cycle: c.cycle,
        cycle_name: cycle_name(c.cycle),
        score_text: c.score.map_or_else(|| "not assessed".to_owned(), |t| t.to_string()),
        level: c.level_with_reason(),
        not_assessed: c.not_assessed.map(|n| n.as_str().to_owned()).unwrap_or_default(),
        explanation: c.explanation(),
        tenths: c.score.map_or(0, |t| t.0),
        description: description(c.component),
        findings,
        waived,
        good: good(c),
        passed: c.passed,
        failed: c.failed,
        waived_count: c.waived,
    }
}

/// One line per rule with passing checks: `clear for all 13 teams`, `clear for 12 of 13 teams`.
fn good(c: &ComponentScore) -> Vec<GoodEntry> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.checks.len() {
        let rule = c.checks[i].rule;
        let mut j = i;
        while j < c.checks.len() && c.checks[j].rule == rule {
            j += 1;
        }
        let group = &c.checks[i..j];
        let passed = group.iter().filter(|x| x.verdict == crate::score::Verdict::Passed).count();
        if passed > 0 {
            let meta = catalogue::rule(rule);
            let (one, many) = subject_nouns(meta.subject);
            let text = if meta.subject == SubjectKind::Organisation {
                "clear for the organisation".to_owned()
            } else if passed == group.len() {
                match passed {
                    1 => format!("clear for the one {one}"),
                    2 => format!("clear for both {many}"),
                    n => format!("clear for all {n} {many}"),
                }
            } else {
                format!("clear for {passed} of {}", plural(group.len(), one, many))
            };
            out.push(GoodEntry { code: meta.code, name: meta.name, text });
        }
        i = j;
    }
    out
}

fn subject_nouns(kind: SubjectKind) -> (&'static str, &'static str) {
    match kind {
        SubjectKind::Organisation => ("organisation", "organisations"),
        SubjectKind::Team => ("team", "teams"),
        SubjectKind::ScrumOfScrums => ("Scrum of Scrums", "Scrums of Scrums"),
        SubjectKind::Unit => ("team or Scrum of Scrums", "teams and Scrums of Scrums"),
        SubjectKind::ExecutiveActionTeam => ("Executive Action Team", "Executive Action Teams"),
        SubjectKind::ExecutiveMetascrum => ("Executive MetaScrum", "Executive MetaScrums"),
        SubjectKind::Person => ("person", "people"),
        SubjectKind::Backlog => ("backlog", "backlogs"),
        SubjectKind::Cycle => ("graph", "graphs"),
        SubjectKind::Waiver => ("waiver", "waivers"),
        SubjectKind::Input => ("file", "files"),
    }
}

fn location(span: Span, sources: &SourceMap) -> String {
    let file = sources.file(span.file);
    let p = file.position(span.start);
    format!("{}:{}:{}", file.name, p.line, p.column)
}

fn finding_entry(d: &Diagnostic, sources: &SourceMap) -> FindingEntry {
    let span = d.primary_span();
    let excerpt = span.map(|s| excerpt(s, sources)).unwrap_or_default();
    FindingEntry {
        code: d.code.code,
        name: d.code.name,
        severity: d.severity.as_str(),
        subject: d.subject.clone().unwrap_or_default(),
        message: d.message.clone(),
        location: span.map(|s| location(s, sources)).unwrap_or_default(),
        excerpt_text: excerpt_text(&excerpt),
        excerpt,
        fix: d.help.clone().unwrap_or_default(),
        waiver_reason: d.waived.as_ref().map(|w| w.reason.clone()),
        waiver_until: d.waived.as_ref().and_then(|w| w.until.clone()),
    }
}

/// The lines a span covers (at most [`EXCERPT_LINES`]), split around the span.
pub fn excerpt(span: Span, sources: &SourceMap) -> Vec<ExcerptLine> {
    let file = sources.file(span.file);
    let text = file.text.as_str();
    let first = file.position(span.start).line;
    let last = file.position(span.end.saturating_sub(1).max(span.start)).line;
    let mut out = Vec::new();
    for number in first..=last.min(first + EXCERPT_LINES as u32 - 1) {
        let Some(start) = file.line_index().line_start(number) else { break };
        let start = start as usize;
        let end = file.line_index().line_start(number + 1).map_or(text.len(), |e| e as usize);
        let line = text.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r']);
        let line_end = start + line.len();
        let a = (span.start as usize).clamp(start, line_end);
        let b = (span.end as usize).clamp(start, line_end);
        let part = |x: usize, y: usize| text.get(x..y).unwrap_or("").replace('\t', "    ");
        out.push(ExcerptLine {
            number,
            gutter: String::new(),
            before: part(start, a),
            marked: part(a, b),
            after: part(b, line_end),
        });
    }
    let width = out.last().map_or(1, |l| l.number.to_string().len());
    for l in &mut out {
        l.gutter = format!("{:>width$}", l.number);
    }
    out
}

/// An excerpt as text: `  9 | developers 12`, with carets under a span on one line.
pub fn excerpt_text(lines: &[ExcerptLine]) -> String {
    let width = lines.last().map_or(1, |l| l.number.to_string().len());
    let mut out = String::new();
    for l in lines {
        out.push_str(&format!("{:>width$} | {}{}{}\n", l.number, l.before, l.marked, l.after));
    }
    if let [l] = lines
        && !l.marked.is_empty()
    {
        let pad = l.before.chars().count();
        let carets = l.marked.chars().count();
        out.push_str(&format!("{:>width$} | {}{}\n", "", " ".repeat(pad), "^".repeat(carets)));
    }
    out
}

fn waivers(analysis: &Analysis, today: Date) -> Vec<WaiverEntry> {
    let model = &analysis.model;
    let sources = &analysis.sources;
    let mut covers = vec![0usize; model.policy.waivers.len()];
    if let Some(evaluation) = &analysis.evaluation {
        for outcome in &evaluation.outcomes {
            for check in &outcome.failed {
                if let Some(c) = check.waived_by.and_then(|i| covers.get_mut(i)) {
                    *c += 1;
                }
            }
        }
    }
    let mut out: Vec<WaiverEntry> = model
        .policy
        .waivers
        .iter()
        .zip(covers)
        .map(|(w, covers)| {
            let meta = catalogue::rule(w.rule);
            let days_left =
                w.until.map(|u| crate::model::time::day_number(u) - crate::model::time::day_number(today));
            let status = match days_left {
                Some(d) if d < 0 => "expired",
                Some(d) if d <= EXPIRY_WARNING_DAYS => "expires soon",
                _ => "in force",
            };
            let file = sources.file(w.span.file);
            WaiverEntry {
                code: meta.code,
                name: meta.name,
                target: w.target.as_ref().map(|(_, id)| id.clone()).unwrap_or_default(),
                until: w.until.map(|u| u.to_string()).unwrap_or_default(),
                reason: w.reason.clone(),
                location: format!("{}:{}", file.name, file.position(w.span.start).line),
                status,
                days_left,
                covers,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.code, &a.target, &a.until, &a.reason).cmp(&(b.code, &b.target, &b.until, &b.reason))
    });
    out
}

fn next_steps(score: &Score, diagnostics: &[Diagnostic], sources: &SourceMap) -> (Vec<NextStep>, usize) {
    let mut steps: Vec<(Severity, usize, NextStep)> = Vec::new();
    let unwaived: Vec<&Diagnostic> =
        diagnostics.iter().filter(|d| d.waived.is_none() && component_of(d).is_some()).collect();
    // One step per cause: its consequences are fixed with it (docs/maturity.md "Root causes").
    let groups = crate::report::group_by_cause(&unwaived);
    for (i, d) in unwaived.iter().enumerate() {
        if groups.is_consequence(i) {
            continue;
        }
        let Some(component) = component_of(d) else { continue };
        let consequences = groups.consequences_of(i, &unwaived);
        let mut fixes = vec![(component, d.severity)];
        fixes.extend(consequences.iter().filter_map(|c| component_of(c).map(|x| (x, c.severity))));
        // What fixing it (and its consequences) is worth, band changes included.
        let (component_gains, overall_gain) = score.gains(&fixes);
        let component_gain = component_gains.iter().find(|(c, _)| *c == component).map_or(0.0, |(_, g)| *g);
        let consequences_text = consequences_text(&consequences);
        let index = Component::ALL.iter().position(|x| *x == component).unwrap_or(0);
        steps.push((
            d.severity,
            index,
            NextStep {
                code: d.code.code,
                name: d.code.name,
                severity: d.severity.as_str(),
                subject: d.subject.clone().unwrap_or_default(),
                component: component.name(),
                anchor: anchor(component),
                message: d.message.clone(),
                fix: d.help.clone().unwrap_or_default(),
                location: d.primary_span().map(|s| location(s, sources)).unwrap_or_default(),
                component_gain,
                overall_gain,
                component_gain_text: format!("+{component_gain:.2}"),
                overall_gain_text: format!("+{overall_gain:.2}"),
                consequences: consequences.len(),
                consequences_text,
            },
        ));
    }
    steps.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.2.overall_gain.total_cmp(&a.2.overall_gain))
            .then(a.1.cmp(&b.1))
            .then(a.2.code.cmp(b.2.code))
            .then(a.2.subject.cmp(&b.2.subject))
            .then(a.2.location.cmp(&b.2.location))
    });
    let more = steps.len().saturating_sub(NEXT_STEPS);
    (steps.into_iter().take(NEXT_STEPS).map(|(_, _, s)| s).collect(), more)
}

/// `8 findings are consequences and are fixed with it: SG402 escalation-dead-end on `a`, `b`, …`
/// (at most ten subjects named), or empty.
fn consequences_text(consequences: &[&Diagnostic]) -> String {
    const NAMED: usize = 10;
    let Some(first) = consequences.first() else { return String::new() };
    let mut names: Vec<String> = consequences
        .iter()
        .take(NAMED)
        .map(|d| format!("`{}`", d.subject.as_deref().unwrap_or("-")))
        .collect();
    if consequences.len() > NAMED {
        names.push(format!("and {} more", consequences.len() - NAMED));
    }
    let count = match consequences.len() {
        1 => "1 finding is a consequence and is".to_owned(),
        n => format!("{n} findings are consequences and are"),
    };
    format!("{count} fixed with it: {} {} on {}", first.code.code, first.code.name, names.join(", "))
}

/// The template environment shared by [`markdown`] and [`html`]: HTML auto-escape for
/// `.html` and `.svg` templates, Markdown escape for `.md`; undefined values are errors.
fn environment() -> Result<minijinja::Environment<'static>, minijinja::Error> {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|name| match name.rsplit('.').next() {
        Some("html" | "svg") => minijinja::AutoEscape::Html,
        Some("md") => minijinja::AutoEscape::Custom(escape::MARKDOWN.into()),
        _ => minijinja::AutoEscape::None,
    });
    env.set_formatter(escape::formatter);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()?,
    );
    env.add_filter("message", escape::message_filter);
    env.add_filter("code", escape::code_filter);
    env.add_filter("block", escape::block_filter);
    env.add_template("report.html", include_str!("templates/report.html"))?;
    env.add_template("radar.svg", include_str!("templates/radar.svg"))?;
    env.add_template("membership.svg", include_str!("templates/membership.svg"))?;
    env.add_template("report.md", include_str!("templates/report.md"))?;
    env.add_template("executive.md", include_str!("templates/executive.md"))?;
    env.add_template("executive.html", include_str!("templates/executive.html"))?;
    Ok(env)
}

/// Renders one executive template with the executive report as context.
fn render_executive(template: &str, report: &executive::Executive) -> Result<String, minijinja::Error> {
    let env = environment()?;
    let ctx = minijinja::context! { r => minijinja::Value::from(minijinja::value::Serde(report)) };
    env.get_template(template)?.render(ctx)
}

/// Renders one template of [`environment`] with the report (and its radar) as context.
fn render(template: &str, report: &Report) -> Result<String, minijinja::Error> {
    let env = environment()?;
    let ctx = minijinja::context! {
        r => minijinja::Value::from(minijinja::value::Serde(report)),
        radar => minijinja::Value::from(minijinja::value::Serde(&report.radar)),
        membership => minijinja::Value::from(minijinja::value::Serde(&report.membership)),
    };
    env.get_template(template)?.render(ctx)
}
