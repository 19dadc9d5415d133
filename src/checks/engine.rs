//! The engine: runs the registry's rules, applies severities, `off`, scaled-only rules and
//! waivers (GUARDRAILS.md "Severity, waivers and the exit code"), evaluates SG901/SG902, and
//! produces diagnostics. Rules never see severities or waivers.

use rayon::prelude::*;

use super::{Checks, Context, Finding, Subject, registry};
use crate::catalogue::{self, Rule, RuleMeta};
use crate::diagnostic::{Cause, Diagnostic, Severity, Waived};
use crate::model::{ItemRef, Model, Waiver};

/// One failed check and how it was judged.
#[derive(Debug, Clone)]
pub struct Check {
    /// What it is about.
    pub subject: Subject,
    /// What the rule said.
    pub finding: Finding,
    /// The index (in the policy) of the first waiver in force that covers it.
    pub waived_by: Option<usize>,
}

/// Everything one rule recorded, after the engine judged it.
#[derive(Debug, Clone)]
pub struct RuleOutcome {
    /// Index of the rule in the catalogue.
    pub rule: usize,
    /// Effective severity (the rule was not evaluated when it is `off`: no outcome at all).
    pub severity: Severity,
    /// Subjects that passed.
    pub passed: Vec<Subject>,
    /// Failed checks.
    pub failed: Vec<Check>,
}

impl RuleOutcome {
    /// The rule's metadata.
    pub fn meta(&self) -> &'static RuleMeta {
        catalogue::rule(self.rule)
    }
}

/// The result of evaluating every rule on a model.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// One outcome per evaluated rule, in code order (rules `off` or not applicable are absent).
    pub outcomes: Vec<RuleOutcome>,
}

impl Evaluation {
    /// Every failed check as a diagnostic (unsorted; reports sort), consequences linked to
    /// their cause when the cause is reported and not waived.
    pub fn diagnostics(&self, model: &Model) -> Vec<Diagnostic> {
        let mut out = Vec::with_capacity(self.outcomes.iter().map(|o| o.failed.len()).sum());
        let mut causes: Vec<(usize, Rule, String)> = Vec::new();
        for outcome in &self.outcomes {
            let meta = outcome.meta();
            for check in &outcome.failed {
                let mut d = Diagnostic::new(meta.rule, outcome.severity, check.finding.message.clone())
                    .subject(check.subject.render(model))
                    .help(meta.fix);
                d.labels = check.finding.labels.clone();
                d.suggestions = check.finding.suggestions.clone();
                if let Some(w) = check.waived_by.and_then(|i| model.policy.waivers.get(i)) {
                    d.waived = Some(Waived {
                        span: w.span,
                        reason: w.reason.clone(),
                        until: w.until.map(|u| u.to_string()),
                    });
                }
                if let Some((rule, subject)) = &check.finding.cause {
                    causes.push((out.len(), *rule, subject.render(model)));
                }
                out.push(d);
            }
        }
        link_causes(&mut out, &causes);
        out
    }
}

/// Sets `caused_by` of each consequence `(index, cause rule, cause subject)` whose cause is
/// among `diagnostics` and not waived.
fn link_causes(diagnostics: &mut [Diagnostic], causes: &[(usize, Rule, String)]) {
    if causes.is_empty() {
        return;
    }
    let found: Vec<Option<Cause>> = causes
        .iter()
        .map(|(_, rule, subject)| {
            diagnostics
                .iter()
                .find(|d| d.code == *rule && d.subject.as_deref() == Some(subject) && d.waived.is_none())
                .map(|d| Cause {
                    code: d.code,
                    subject: subject.clone(),
                    message: d.message.clone(),
                    span: d.primary_span(),
                })
        })
        .collect();
    for ((i, _, _), cause) in causes.iter().zip(found) {
        if let Some(d) = diagnostics.get_mut(*i) {
            d.caused_by = cause;
        }
    }
}

/// Evaluates every rule of the registry on `cx.model`.
pub fn evaluate(cx: &Context<'_>) -> Evaluation {
    let model = cx.model;
    let policy = &model.policy;
    let scaled = model.is_scaled();
    let runs: Vec<(usize, Severity, Checks)> = Rule::ALL
        .par_iter()
        .filter_map(|&rule| {
            let run = registry::run(rule)?;
            let severity = policy.severity_of(rule.index())?;
            if rule.scaled && !scaled {
                return None;
            }
            let mut checks = Checks::default();
            run(cx, &mut checks);
            Some((rule.index(), severity, checks))
        })
        .collect();
    let mut used = vec![false; policy.waivers.len()];
    let mut outcomes = Vec::with_capacity(runs.len() + 2);
    for (rule, severity, checks) in runs {
        let failed = checks
            .failed
            .into_iter()
            .map(|(subject, finding)| {
                let mut waived_by = None;
                for (i, w) in policy.waivers.iter().enumerate() {
                    if w.rule == rule && covers(model, w, &subject) {
                        used[i] = true;
                        if waived_by.is_none() && w.in_force(cx.today) {
                            waived_by = Some(i);
                        }
                    }
                }
                Check { subject, finding, waived_by }
            })
            .collect();
        outcomes.push(RuleOutcome { rule, severity, passed: checks.passed, failed });
    }
    // SG901 and SG902 judge the waivers themselves; they may be set off or re-levelled but
    // never waived.
    for (rule, judge) in [
        (Rule::WaiverExpired, expired as fn(&Context<'_>, &Waiver, bool) -> Option<Finding>),
        (Rule::WaiverUnused, unused),
    ] {
        let rule = rule.index();
        let Some(severity) = policy.severity_of(rule) else { continue };
        let mut passed = Vec::new();
        let mut failed = Vec::new();
        for (i, w) in policy.waivers.iter().enumerate() {
            match judge(cx, w, used[i]) {
                Some(finding) => failed.push(Check { subject: Subject::Waiver(i), finding, waived_by: None }),
                None => passed.push(Subject::Waiver(i)),
            }
        }
        outcomes.push(RuleOutcome { rule, severity, passed, failed });
    }
    Evaluation { outcomes }
}

/// Whether a waiver names this subject (or every subject of its rule).
fn covers(model: &Model, waiver: &Waiver, subject: &Subject) -> bool {
    let Some((item, ident)) = &waiver.target else { return true };
    match (item, subject) {
        (ItemRef::Team(a), Subject::Team(b)) => a == b,
        (ItemRef::Sos(a), Subject::Sos(b)) => a == b,
        (ItemRef::Eat(a), Subject::Eat(b)) => a == b,
        (ItemRef::Ems(a), Subject::Ems(b)) => a == b,
        (ItemRef::Person(a), Subject::Person(b)) => a == b,
        (ItemRef::Backlog(a), Subject::Backlog(b)) => a == b,
        (_, Subject::Cycle(name)) => name == ident,
        _ => {
            let _ = model;
            false
        }
    }
}

fn expired(cx: &Context<'_>, waiver: &Waiver, _used: bool) -> Option<Finding> {
    let until = waiver.until.filter(|u| *u < cx.today)?;
    Some(
        Finding::new(format!("the waiver of `{}` expired on {until}", waiver.written))
            .primary(waiver.span, format!("expired {until}; today is {}", cx.today)),
    )
}

fn unused(_cx: &Context<'_>, waiver: &Waiver, used: bool) -> Option<Finding> {
    if used {
        return None;
    }
    let whom = match &waiver.target {
        Some((_, id)) => format!(" for `{id}`"),
        None => String::new(),
    };
    Some(
        Finding::new(format!("the waiver of `{}`{whom} covers no failing check", waiver.written))
            .primary(waiver.span, "nothing to waive"),
    )
}
