//! The JUnit XML report (`--format junit`), for the test views of GitLab, Jenkins and the like.
//!
//! One test case per check, pass or fail (GUARDRAILS.md: a rule is evaluated once per subject,
//! and each evaluation is a check): `classname` is the rule (`SG503 team-no-scrum-master`),
//! `name` the subject. Test suites group the checks by Scrum@Scale component, in the order of
//! GUARDRAILS.md; SG9xx checks, which belong to no component, form the suite `Waivers`, and
//! input errors (when the model could not be checked) the suite `Input errors`. A finding is a
//! `<failure>` whatever its severity (the severity is its `type`), carrying the message and the
//! location, with `file` and `line` on the test case; a waived finding, or one a baseline
//! accepted, is `<skipped>` with the reason. Written with quick-xml, which escapes text and
//! attributes; characters XML 1.0 cannot carry become U+FFFD.

use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::location::{Paths, Region};
use crate::catalogue::{Component, Rule};
use crate::checks::Evaluation;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Model;
use crate::source::SourceMap;

/// The suite of SG9xx checks.
pub const WAIVERS_SUITE: &str = "Waivers";
/// The suite of input errors.
pub const INPUT_SUITE: &str = "Input errors";

/// How one test case ended.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Passed,
    Failed { severity: Severity, message: String, details: String, file: Option<(String, u32)> },
    Skipped(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Case {
    code: &'static str,
    classname: String,
    name: String,
    outcome: Outcome,
}

/// Writes the JUnit report of a run: the checks that passed come from `evaluation` (absent
/// when input errors stopped it), the failed ones from `diagnostics` (the findings reported,
/// waived ones included) and `baselined` (findings a baseline accepted).
pub fn write(
    w: &mut dyn Write,
    evaluation: Option<&Evaluation>,
    model: &Model,
    diagnostics: &[Diagnostic],
    baselined: &[Diagnostic],
    sources: &SourceMap,
    paths: &Paths,
) -> io::Result<()> {
    let suites = suites(evaluation, model, diagnostics, baselined, sources, paths);
    let total = |f: fn(&Case) -> bool| suites.iter().flat_map(|(_, c)| c).filter(|c| f(c)).count();
    let (tests, failures, skipped) = (
        total(|_| true),
        total(|c| matches!(c.outcome, Outcome::Failed { .. })),
        total(|c| matches!(c.outcome, Outcome::Skipped(_))),
    );
    let mut xml = Writer::new_with_indent(&mut *w, b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    xml.create_element("testsuites")
        .with_attributes([
            ("name", "scaleguard"),
            ("tests", tests.to_string().as_str()),
            ("failures", failures.to_string().as_str()),
            ("errors", "0"),
            ("skipped", skipped.to_string().as_str()),
        ])
        .write_inner_content(|xml| {
            for (name, cases) in &suites {
                write_suite(xml, name, cases)?;
            }
            Ok(())
        })?;
    writeln!(w)
}

fn write_suite<W: Write>(xml: &mut Writer<W>, name: &str, cases: &[Case]) -> io::Result<()> {
    let count = |f: fn(&Case) -> bool| cases.iter().filter(|c| f(c)).count().to_string();
    xml.create_element("testsuite")
        .with_attributes([
            ("name", name),
            ("tests", count(|_| true).as_str()),
            ("failures", count(|c| matches!(c.outcome, Outcome::Failed { .. })).as_str()),
            ("errors", "0"),
            ("skipped", count(|c| matches!(c.outcome, Outcome::Skipped(_))).as_str()),
        ])
        .write_inner_content(|xml| {
            for case in cases {
                write_case(xml, case)?;
            }
            Ok(())
        })?;
    Ok(())
}

fn write_case<W: Write>(xml: &mut Writer<W>, case: &Case) -> io::Result<()> {
    let classname = clean(&case.classname);
    let name = clean(&case.name);
    let element = xml
        .create_element("testcase")
        .with_attributes([("classname", classname.as_str()), ("name", name.as_str())]);
    match &case.outcome {
        Outcome::Passed => {
            element.write_empty()?;
        }
        Outcome::Skipped(why) => {
            element.write_inner_content(|xml| {
                xml.create_element("skipped")
                    .with_attribute(("message", clean(why).as_str()))
                    .write_empty()?;
                Ok(())
            })?;
        }
        Outcome::Failed { severity, message, details, file } => {
            let line = file.as_ref().map(|(_, l)| l.to_string());
            let mut element = element;
            if let (Some((path, _)), Some(line)) = (file, &line) {
                element = element.with_attributes([("file", clean(path).as_str()), ("line", line.as_str())]);
            }
            element.write_inner_content(|xml| {
                xml.create_element("failure")
                    .with_attributes([("message", clean(message).as_str()), ("type", severity.as_str())])
                    .write_text_content(BytesText::new(&clean(details)))?;
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// Replaces characters XML 1.0 cannot hold (most control characters) with U+FFFD.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// The suite of a rule: its component, `Waivers` (SG9xx) or `Input errors` (SG0xx).
fn suite_of(rule: Rule) -> (usize, &'static str) {
    match rule.component {
        Some(c) => (Component::ALL.iter().position(|x| *x == c).unwrap_or(0), c.name()),
        None if rule.is_waiver_rule() => (Component::ALL.len(), WAIVERS_SUITE),
        None => (Component::ALL.len() + 1, INPUT_SUITE),
    }
}

fn classname(rule: Rule) -> String {
    format!("{} {}", rule.code, rule.name)
}

type Suite = (&'static str, Vec<Case>);

fn suites(
    evaluation: Option<&Evaluation>,
    model: &Model,
    diagnostics: &[Diagnostic],
    baselined: &[Diagnostic],
    sources: &SourceMap,
    paths: &Paths,
) -> Vec<Suite> {
    let mut cases: Vec<(usize, &'static str, Case)> = Vec::new();
    let mut push = |rule: Rule, case: Case| {
        let (order, suite) = suite_of(rule);
        cases.push((order, suite, case));
    };
    for outcome in evaluation.map(|e| e.outcomes.as_slice()).unwrap_or_default() {
        let rule = outcome.meta().rule;
        for subject in &outcome.passed {
            push(
                rule,
                Case {
                    code: rule.code,
                    classname: classname(rule),
                    name: subject.render(model),
                    outcome: Outcome::Passed,
                },
            );
        }
    }
    for d in diagnostics {
        let outcome = match &d.waived {
            Some(w) => Outcome::Skipped(match &w.until {
                Some(until) => format!("waived until {until}: {}", w.reason),
                None => format!("waived: {}", w.reason),
            }),
            None => failure(d, sources, paths),
        };
        push(d.code, case(d, outcome, paths));
    }
    for d in baselined {
        let outcome = Outcome::Skipped(format!("in the baseline: {}", d.message));
        push(d.code, case(d, outcome, paths));
    }
    cases.sort_by(|a, b| {
        (a.0, a.2.code, &a.2.name, &a.2.outcome_key()).cmp(&(b.0, b.2.code, &b.2.name, &b.2.outcome_key()))
    });
    let mut suites: Vec<Suite> = Vec::new();
    for (_, suite, case) in cases {
        match suites.last_mut() {
            Some((name, list)) if *name == suite => list.push(case),
            _ => suites.push((suite, vec![case])),
        }
    }
    suites
}

impl Case {
    /// A tie-breaker so that the order never depends on how checks were recorded.
    fn outcome_key(&self) -> String {
        match &self.outcome {
            Outcome::Passed => String::new(),
            Outcome::Failed { message, .. } => message.clone(),
            Outcome::Skipped(why) => why.clone(),
        }
    }
}

fn case(d: &Diagnostic, outcome: Outcome, paths: &Paths) -> Case {
    let name = match (&d.subject, d.primary_span()) {
        (Some(subject), _) => subject.clone(),
        (None, Some(span)) => paths.get(span.file).to_owned(),
        (None, None) => "input".to_owned(),
    };
    Case { code: d.code.code, classname: classname(d.code), name, outcome }
}

fn failure(d: &Diagnostic, sources: &SourceMap, paths: &Paths) -> Outcome {
    let mut details = String::new();
    let mut file = None;
    let severity = d.severity.as_str();
    match d.primary_span() {
        Some(span) => {
            let r = Region::of(span, sources, paths);
            details.push_str(&format!("{}:{}:{}: {severity}: {}\n", r.path, r.line, r.column, d.message));
            file = Some((r.path.to_owned(), r.line));
        }
        None => details.push_str(&format!("{severity}: {}\n", d.message)),
    }
    for label in d.labels.iter().filter(|l| !l.primary) {
        let r = Region::of(label.span, sources, paths);
        details.push_str(&format!("  {}:{}:{}: {}\n", r.path, r.line, r.column, label.message));
    }
    if let Some(help) = &d.help {
        details.push_str(&format!("help: {help}\n"));
    }
    if let Some(cause) = &d.caused_by {
        details.push_str(&format!(
            "caused by: {} {} `{}` (fingerprint {}): fixing it fixes this\n",
            cause.code.code,
            cause.code.name,
            cause.subject,
            super::fingerprint::of_cause(cause)
        ));
    }
    Outcome::Failed { severity: d.severity, message: d.message.clone(), details, file }
}
