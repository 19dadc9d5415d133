//! The maturity model v2 (docs/maturity.md): a score per Scrum@Scale component, the overall
//! score and its level, computed from the engine's recorded checks.
//!
//! Pure functions, no IO. A check weighs its rule's effective severity (error 3, warning 2,
//! info 1); waived checks and SG9xx checks count nowhere. For a component, `r` is the passed
//! weight over the unwaived weight and `worst` the most severe unwaived failing check; the
//! worst severity picks a band and `r` places the score inside it: none → 5.0, info →
//! 4.0 + 0.9·r, warning → 3.0 + 0.9·r, error → 2.9·r. So an organisation with a broken
//! guardrail never reads "Optimising", and one missing detail never sinks a component to
//! "Ad hoc". The overall score uses the same bands with the mean `r` of the assessed components
//! and the worst severity of any. Everything is computed with big rationals and rounded half
//! away from zero to one decimal, so a score that lands on `x.x5` rounds up, never down by a
//! floating-point hair. Every number is explainable: each [`ComponentScore`] keeps the
//! [`ScoredCheck`]s behind it and the codes that hold it in its band (`held_by`).

use std::collections::BTreeSet;

use num_rational::BigRational;
use num_traits::ToPrimitive;
use serde::Serialize;

use crate::catalogue::{self, Component, Cycle};
use crate::checks::Evaluation;
use crate::diagnostic::Severity;
use crate::model::Model;

/// The highest score.
pub const MAX: u64 = 5;

/// How one check counts in the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The subject passed: its weight counts on both sides of the fraction.
    Passed,
    /// An unwaived finding: its weight counts only in the denominator.
    Failed,
    /// A finding covered by a waiver in force: left out of the score.
    Waived,
}

impl Verdict {
    /// `pass`, `fail` or `waived`, as the explanation lists print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Passed => "pass",
            Verdict::Failed => "fail",
            Verdict::Waived => "waived",
        }
    }
}

/// One check as the maturity model sees it: which rule, about whom, how heavy, and how it went.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ScoredCheck {
    /// Index of the rule in the catalogue.
    #[serde(skip)]
    pub rule: usize,
    /// The subject as printed (`payments`, `organisation`).
    pub subject: String,
    /// The rule's effective severity, which sets the weight.
    pub severity: Severity,
    /// Pass, fail or waived.
    pub verdict: Verdict,
}

impl ScoredCheck {
    /// The rule's code (`SG501`).
    pub fn code(&self) -> &'static str {
        catalogue::rule(self.rule).code
    }

    /// The component the check scores; `None` for SG9xx (and input errors).
    pub fn component(&self) -> Option<Component> {
        catalogue::rule(self.rule).component
    }

    /// The check's weight: error 3, warning 2, info 1.
    pub fn weight(&self) -> u64 {
        u64::from(self.severity.weight())
    }
}

/// A maturity level (GUARDRAILS.md), read from a rounded score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Level {
    /// 0 to below 1.
    #[serde(rename = "Ad hoc")]
    AdHoc,
    /// 1 to below 2.
    Emerging,
    /// 2 to below 3.
    Defined,
    /// 3 to below 4.
    Scaling,
    /// 4 to 5.
    Optimising,
}

impl Level {
    /// The level of a rounded score given in tenths (`34` for 3.4).
    pub fn of_tenths(tenths: u64) -> Level {
        match tenths {
            0..10 => Level::AdHoc,
            10..20 => Level::Emerging,
            20..30 => Level::Defined,
            30..40 => Level::Scaling,
            _ => Level::Optimising,
        }
    }

    /// The level's name: `Ad hoc`, `Emerging`, `Defined`, `Scaling`, `Optimising`.
    pub fn name(self) -> &'static str {
        match self {
            Level::AdHoc => "Ad hoc",
            Level::Emerging => "Emerging",
            Level::Defined => "Defined",
            Level::Scaling => "Scaling",
            Level::Optimising => "Optimising",
        }
    }
}

/// Why a component has no score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum NotAssessed {
    /// No rule of the component was evaluated for any subject.
    #[serde(rename = "no checks")]
    NoChecks,
    /// Every check of the component failed and is waived.
    #[serde(rename = "all checks waived")]
    AllChecksWaived,
}

impl NotAssessed {
    /// `no checks` or `all checks waived`.
    pub fn as_str(self) -> &'static str {
        match self {
            NotAssessed::NoChecks => "no checks",
            NotAssessed::AllChecksWaived => "all checks waived",
        }
    }
}

/// A score rounded to one decimal, kept as whole tenths so that it compares and prints exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tenths(pub u64);

impl Tenths {
    /// The value as a number (`3.4`).
    pub fn value(self) -> f64 {
        // Tenths never exceed 50, so both sides are exact in f64 and the quotient is the
        // nearest double to the decimal.
        self.0 as f64 / 10.0
    }

    /// The level of this score.
    pub fn level(self) -> Level {
        Level::of_tenths(self.0)
    }
}

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// One component's score and the checks behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentScore {
    /// Which component.
    #[serde(skip)]
    pub component: Component,
    /// The Guide's (v2.1) name.
    pub name: &'static str,
    /// Scrum Master cycle, Product Owner cycle, or shared.
    pub cycle: Cycle,
    /// The score rounded to one decimal; null when not assessed.
    #[serde(serialize_with = "ser_tenths")]
    pub score: Option<Tenths>,
    /// The exact score; null when not assessed.
    pub exact: Option<f64>,
    /// `r`: the weight of passed checks over the weight of unwaived checks; null when not
    /// assessed.
    pub ratio: Option<f64>,
    /// The most severe unwaived failing check, which picks the band; null when none fails.
    pub worst: Option<Severity>,
    /// The codes of the unwaived failing checks of the worst severity, sorted: what holds the
    /// score in its band.
    pub held_by: Vec<&'static str>,
    /// The level of the rounded score; null when not assessed.
    pub level: Option<Level>,
    /// Why there is no score, or null.
    pub not_assessed: Option<NotAssessed>,
    /// Checks that passed.
    pub passed: usize,
    /// Unwaived failed checks.
    pub failed: usize,
    /// Failed checks covered by a waiver in force.
    pub waived: usize,
    /// Total weight of passed checks.
    #[serde(skip)]
    pub passed_weight: u64,
    /// Total weight of unwaived checks (passed and failed).
    #[serde(skip)]
    pub total_weight: u64,
    /// Unwaived failing checks per severity (info, warning, error).
    #[serde(skip)]
    pub failing: [usize; 3],
    /// Every check of the component, sorted by rule, subject and verdict: the explanation.
    #[serde(skip)]
    pub checks: Vec<ScoredCheck>,
}

impl ComponentScore {
    /// Whether the component has a score.
    pub fn assessed(&self) -> bool {
        self.not_assessed.is_none()
    }

    /// `r` and `worst` once one failing check of each of `severities` passes; `None` when the
    /// component has fewer failing checks of some severity.
    fn after_fixing_all(&self, severities: &[Severity]) -> Option<(BigRational, Option<Severity>)> {
        if self.total_weight == 0 {
            return None;
        }
        let mut failing = self.failing;
        let mut passed = self.passed_weight;
        for severity in severities {
            let n = failing.get_mut(severity_index(*severity))?;
            *n = n.checked_sub(1)?;
            passed += u64::from(severity.weight());
        }
        Some((BigRational::new(passed.into(), self.total_weight.into()), worst_of(&failing)))
    }

    /// `r` as an exact fraction; `None` when not assessed.
    fn ratio_rational(&self) -> Option<BigRational> {
        (self.assessed() && self.total_weight > 0)
            .then(|| BigRational::new(self.passed_weight.into(), self.total_weight.into()))
    }

    /// The exact score as a fraction; `None` when not assessed.
    fn exact_rational(&self) -> Option<BigRational> {
        self.ratio_rational().map(|r| banded(self.worst, &r))
    }

    /// What holds the score in its band, for people: `3 errors remain — SG401
    /// escalation-cycle, SG201 sos-status-only`; `None` when nothing fails.
    pub fn holding(&self) -> Option<String> {
        let worst = self.worst?;
        Some(holding_text(self.failing[severity_index(worst)], worst, &self.held_by))
    }

    /// `Defined: 1 error remains — SG201 sos-status-only`, or the level alone when nothing
    /// fails; empty when not assessed.
    pub fn level_with_reason(&self) -> String {
        match (self.level, self.holding()) {
            (Some(level), Some(why)) => format!("{}: {why}", level.name()),
            (Some(level), None) => level.name().to_owned(),
            (None, _) => String::new(),
        }
    }

    /// The sum behind the score, for people: `5 × 6 / 9 = 3.333 → 3.3`.
    pub fn explanation(&self) -> String {
        match (self.not_assessed, self.score, self.exact) {
            (None, Some(score), Some(exact)) => {
                let r = format!("r = {} / {}", self.passed_weight, self.total_weight);
                let band = match self.worst {
                    None => "nothing fails: 5.0".to_owned(),
                    Some(Severity::Info) => "worst info: 4.0 + 0.9 × r".to_owned(),
                    Some(Severity::Warning) => "worst warning: 3.0 + 0.9 × r".to_owned(),
                    Some(Severity::Error) => "worst error: 2.9 × r".to_owned(),
                };
                format!("{r}, {band} = {exact:.3} → {score}")
            }
            (Some(why), _, _) => format!("not assessed: {}", why.as_str()),
            _ => String::new(),
        }
    }
}

/// The maturity of the whole organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// The overall score rounded to one decimal; null when no component is assessed.
    #[serde(serialize_with = "ser_tenths")]
    pub overall: Option<Tenths>,
    /// The exact overall score; null when no component is assessed.
    pub exact: Option<f64>,
    /// The mean `r` of the assessed components; null when none is assessed.
    pub ratio: Option<f64>,
    /// The most severe unwaived failing check of any component; null when none fails.
    pub worst: Option<Severity>,
    /// The codes of the unwaived failing checks of that severity, in any component, sorted.
    pub held_by: Vec<&'static str>,
    /// The level of the rounded overall score.
    pub level: Option<Level>,
    /// The twelve components, in the Guide's order.
    pub components: Vec<ComponentScore>,
    /// Unwaived failing checks per severity (info, warning, error), over every component.
    #[serde(skip)]
    pub failing: [usize; 3],
}

fn ser_tenths<S: serde::Serializer>(t: &Option<Tenths>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_f64(t.value()),
        None => s.serialize_none(),
    }
}

impl Score {
    /// The score of an evaluation: every recorded check, subjects rendered with `model`.
    pub fn of(evaluation: &Evaluation, model: &Model) -> Score {
        Score::from_checks(checks(evaluation, model))
    }

    /// The same score as [`Score::of`] without the list of checks behind each component: what
    /// `check` and `diff` print. It only counts, so it costs nothing next to the checks
    /// themselves, where [`Score::of`] renders and sorts every subject for the explanation.
    pub fn summary(evaluation: &Evaluation) -> Score {
        let mut tallies: Vec<Tally> = vec![Tally::default(); Component::ALL.len()];
        for outcome in &evaluation.outcomes {
            let rule = catalogue::rule(outcome.rule);
            let Some(component) = rule.component else { continue };
            let Some(i) = Component::ALL.iter().position(|c| *c == component) else { continue };
            let weight = u64::from(outcome.severity.weight());
            let t = &mut tallies[i];
            t.passed += outcome.passed.len();
            t.passed_weight += weight * outcome.passed.len() as u64;
            for check in &outcome.failed {
                if check.waived_by.is_some() {
                    t.waived += 1;
                } else {
                    t.fail(outcome.severity, rule.code);
                }
            }
        }
        let components = Component::ALL
            .iter()
            .zip(tallies)
            .map(|(c, tally)| component_of(*c, tally, Vec::new()))
            .collect();
        Score::from_components(components)
    }

    /// The score of a list of checks, in any order (SG9xx checks are ignored).
    pub fn from_checks(checks: impl IntoIterator<Item = ScoredCheck>) -> Score {
        let mut by_component: Vec<Vec<ScoredCheck>> = vec![Vec::new(); Component::ALL.len()];
        for check in checks {
            let Some(component) = check.component() else { continue };
            if let Some(i) = Component::ALL.iter().position(|c| *c == component) {
                by_component[i].push(check);
            }
        }
        let components: Vec<ComponentScore> =
            Component::ALL.iter().zip(by_component).map(|(c, checks)| component_score(*c, checks)).collect();
        Score::from_components(components)
    }

    /// The overall score of scored components: the bands over the mean `r` and the worst
    /// severity of any component.
    fn from_components(components: Vec<ComponentScore>) -> Score {
        let ratios: Vec<BigRational> = components.iter().filter_map(ComponentScore::ratio_rational).collect();
        let mut failing = [0usize; 3];
        for c in &components {
            for (total, n) in failing.iter_mut().zip(c.failing) {
                *total += n;
            }
        }
        let worst = worst_of(&failing);
        let held_by: Vec<&'static str> = components
            .iter()
            .filter(|c| worst.is_some() && c.worst == worst)
            .flat_map(|c| c.held_by.iter().copied())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let (overall, exact, ratio) = match mean(&ratios) {
            None => (None, None, None),
            Some(r) => {
                let value = banded(worst, &r);
                (Some(round_tenths(&value)), value.to_f64(), r.to_f64())
            }
        };
        Score {
            overall,
            exact,
            ratio,
            worst,
            held_by,
            level: overall.map(Tenths::level),
            components,
            failing,
        }
    }

    /// What fixing a set of unwaived failing checks together would add: `(component, gain)` for
    /// each component touched, and the overall gain. A cause and its consequences are fixed
    /// together (docs/maturity.md "Root causes"). Checks the score does not hold are ignored.
    pub fn gains(&self, fixes: &[(Component, Severity)]) -> (Vec<(Component, f64)>, f64) {
        let mut per_component: Vec<(Component, Vec<Severity>)> = Vec::new();
        for (component, severity) in fixes {
            match per_component.iter_mut().find(|(c, _)| c == component) {
                Some((_, list)) => list.push(*severity),
                None => per_component.push((*component, vec![*severity])),
            }
        }
        let mut after: Vec<(Component, BigRational, Option<Severity>)> = Vec::new();
        let mut component_gains = Vec::new();
        for (component, severities) in &per_component {
            let Some(c) = self.component(*component) else { continue };
            let (Some(now), Some((r, worst))) = (c.exact_rational(), c.after_fixing_all(severities)) else {
                continue;
            };
            component_gains.push((*component, (banded(worst, &r) - now).to_f64().unwrap_or(0.0)));
            after.push((*component, r, worst));
        }
        let ratios: Vec<BigRational> = self
            .components
            .iter()
            .filter_map(|x| match after.iter().find(|(c, _, _)| *c == x.component) {
                Some((_, r, _)) => Some(r.clone()),
                None => x.ratio_rational(),
            })
            .collect();
        let mut failing = [0usize; 3];
        for x in &self.components {
            let f = match after.iter().find(|(c, _, _)| *c == x.component) {
                Some((c, _, _)) => {
                    let severities = per_component.iter().find(|(pc, _)| pc == c).map_or(&[][..], |(_, s)| s);
                    let mut f = x.failing;
                    for s in severities {
                        f[severity_index(*s)] = f[severity_index(*s)].saturating_sub(1);
                    }
                    f
                }
                None => x.failing,
            };
            for (total, n) in failing.iter_mut().zip(f) {
                *total += n;
            }
        }
        let overall = match (self.exact_rational(), mean(&ratios)) {
            (Some(before), Some(r)) => (banded(worst_of(&failing), &r) - before).to_f64().unwrap_or(0.0),
            _ => 0.0,
        };
        (component_gains, overall)
    }

    /// The overall exact score as a fraction; `None` when no component is assessed.
    fn exact_rational(&self) -> Option<BigRational> {
        let ratios: Vec<BigRational> =
            self.components.iter().filter_map(ComponentScore::ratio_rational).collect();
        mean(&ratios).map(|r| banded(self.worst, &r))
    }

    /// What holds the overall score in its band: `3 errors remain — SG201 sos-status-only,
    /// SG401 escalation-cycle`; `None` when nothing fails.
    pub fn holding(&self) -> Option<String> {
        let worst = self.worst?;
        Some(holding_text(self.failing[severity_index(worst)], worst, &self.held_by))
    }

    /// The score of a component.
    pub fn component(&self, component: Component) -> Option<&ComponentScore> {
        self.components.iter().find(|c| c.component == component)
    }

    /// ` · score 2.1 (Defined: 3 errors remain — SG201 sos-status-only, ...)`, the suffix of
    /// `check`'s summary line: the level and what holds it there.
    pub fn summary_suffix(&self) -> String {
        match (self.overall, self.level) {
            (Some(t), Some(level)) => format!(" · score {t} ({})", self.level_text(level)),
            _ => " · score not assessed".to_owned(),
        }
    }

    /// `Defined: 3 errors remain — SG201 sos-status-only, ...`, or the level alone when
    /// nothing fails; empty when not assessed.
    pub fn level_with_reason(&self) -> String {
        self.level.map(|level| self.level_text(level)).unwrap_or_default()
    }

    fn level_text(&self, level: Level) -> String {
        match self.holding() {
            Some(why) => format!("{}: {why}", level.name()),
            None => level.name().to_owned(),
        }
    }

    /// Lists, per component, the sum and the checks behind it (rule, subject, verdict,
    /// weight): the plain-text explanation of every number.
    pub fn explain(&self) -> String {
        let mut out = String::new();
        for c in &self.components {
            out.push_str(&format!("{}: {}\n", c.name, c.explanation()));
            for check in &c.checks {
                out.push_str(&format!(
                    "  {} {} {} w{}\n",
                    check.code(),
                    check.subject,
                    check.verdict.as_str(),
                    check.weight()
                ));
            }
        }
        match self.overall {
            Some(t) => out.push_str(&format!(
                "overall: r = mean of {} assessed components = {:.3}, worst {} = {:.3} → {t}\n",
                self.components.iter().filter(|c| c.assessed()).count(),
                self.ratio.unwrap_or_default(),
                self.worst.map_or("none", Severity::as_str),
                self.exact.unwrap_or_default()
            )),
            None => out.push_str("overall: not assessed (no component assessed)\n"),
        }
        out
    }
}

/// Every check an evaluation recorded, as the score sees it (SG9xx included; the score
/// ignores them).
pub fn checks(evaluation: &Evaluation, model: &Model) -> Vec<ScoredCheck> {
    let mut out = Vec::new();
    for outcome in &evaluation.outcomes {
        for subject in &outcome.passed {
            out.push(ScoredCheck {
                rule: outcome.rule,
                subject: subject.render(model),
                severity: outcome.severity,
                verdict: Verdict::Passed,
            });
        }
        for check in &outcome.failed {
            out.push(ScoredCheck {
                rule: outcome.rule,
                subject: check.subject.render(model),
                severity: outcome.severity,
                verdict: if check.waived_by.is_some() { Verdict::Waived } else { Verdict::Failed },
            });
        }
    }
    out
}

fn component_score(component: Component, mut checks: Vec<ScoredCheck>) -> ComponentScore {
    checks.sort_by(|a, b| {
        (catalogue::rule(a.rule).code, &a.subject, a.verdict, a.severity).cmp(&(
            catalogue::rule(b.rule).code,
            &b.subject,
            b.verdict,
            b.severity,
        ))
    });
    let mut tally = Tally::default();
    for check in &checks {
        match check.verdict {
            Verdict::Passed => {
                tally.passed += 1;
                tally.passed_weight += check.weight();
            }
            Verdict::Failed => tally.fail(check.severity, check.code()),
            Verdict::Waived => tally.waived += 1,
        }
    }
    component_of(component, tally, checks)
}

/// A component's counts and weights, before they become a score.
#[derive(Debug, Clone, Default)]
struct Tally {
    passed: usize,
    failed: usize,
    waived: usize,
    passed_weight: u64,
    failed_weight: u64,
    /// Unwaived failing checks per severity (info, warning, error).
    failing: [usize; 3],
    /// The codes of unwaived failing checks, by severity.
    codes: BTreeSet<(Severity, &'static str)>,
}

impl Tally {
    /// Records an unwaived failing check.
    fn fail(&mut self, severity: Severity, code: &'static str) {
        self.failed += 1;
        self.failed_weight += u64::from(severity.weight());
        self.failing[severity_index(severity)] += 1;
        self.codes.insert((severity, code));
    }
}

/// The index of a severity in the per-severity counts: info 0, warning 1, error 2.
fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

/// The most severe severity with a failing check.
fn worst_of(failing: &[usize; 3]) -> Option<Severity> {
    [Severity::Error, Severity::Warning, Severity::Info].into_iter().find(|s| failing[severity_index(*s)] > 0)
}

/// The band's score for `r` (docs/maturity.md): none 5, info 4 + 0.9·r, warning 3 + 0.9·r,
/// error 2.9·r.
fn banded(worst: Option<Severity>, r: &BigRational) -> BigRational {
    let int = |n: u64| BigRational::from_integer(n.into());
    let tenths = |n: u64| BigRational::new(n.into(), 10u64.into());
    match worst {
        None => int(MAX),
        Some(Severity::Info) => int(4) + tenths(9) * r,
        Some(Severity::Warning) => int(3) + tenths(9) * r,
        Some(Severity::Error) => tenths(29) * r,
    }
}

/// The mean of fractions; `None` for none.
fn mean(values: &[BigRational]) -> Option<BigRational> {
    if values.is_empty() {
        return None;
    }
    let sum = values.iter().fold(BigRational::from_integer(0u64.into()), |acc, v| acc + v);
    Some(sum / BigRational::from_integer(values.len().into()))
}

/// `3 errors remain — SG401 escalation-cycle, SG201 sos-status-only` (at most three rules
/// named, then how many more).
fn holding_text(count: usize, severity: Severity, codes: &[&'static str]) -> String {
    let noun = match (severity, count) {
        (Severity::Error, 1) => "1 error remains".to_owned(),
        (Severity::Error, n) => format!("{n} errors remain"),
        (Severity::Warning, 1) => "1 warning remains".to_owned(),
        (Severity::Warning, n) => format!("{n} warnings remain"),
        (Severity::Info, 1) => "1 info finding remains".to_owned(),
        (Severity::Info, n) => format!("{n} info findings remain"),
    };
    const SHOWN: usize = 3;
    let mut named: Vec<String> = codes
        .iter()
        .take(SHOWN)
        .map(|code| match catalogue::find(code) {
            Some(rule) => format!("{code} {}", rule.name),
            None => (*code).to_owned(),
        })
        .collect();
    if codes.len() > SHOWN {
        named.push(format!("{} more", codes.len() - SHOWN));
    }
    format!("{noun} — {}", named.join(", "))
}

fn component_of(component: Component, tally: Tally, checks: Vec<ScoredCheck>) -> ComponentScore {
    let Tally { passed, failed, waived, passed_weight, failed_weight, failing, codes } = tally;
    let total_weight = passed_weight + failed_weight;
    let not_assessed = if passed + failed + waived == 0 {
        Some(NotAssessed::NoChecks)
    } else if total_weight == 0 {
        Some(NotAssessed::AllChecksWaived)
    } else {
        None
    };
    let worst = worst_of(&failing);
    let held_by: Vec<&'static str> =
        codes.iter().filter(|(s, _)| Some(*s) == worst).map(|(_, code)| *code).collect();
    let (score, exact, ratio) = if not_assessed.is_none() {
        let r = BigRational::new(passed_weight.into(), total_weight.into());
        let value = banded(worst, &r);
        (Some(round_tenths(&value)), value.to_f64(), r.to_f64())
    } else {
        (None, None, None)
    };
    ComponentScore {
        component,
        name: component.name(),
        cycle: component.cycle(),
        score,
        exact,
        ratio,
        worst,
        held_by,
        level: score.map(Tenths::level),
        not_assessed,
        passed,
        failed,
        waived,
        passed_weight,
        total_weight,
        failing,
        checks,
    }
}

/// Rounds a non-negative rational to tenths, half away from zero: ⌊10·x + ½⌋.
fn round_tenths(x: &BigRational) -> Tenths {
    let ten = BigRational::from_integer(10u64.into());
    let half = BigRational::new(1u64.into(), 2u64.into());
    let scaled = (x * ten + half).floor();
    Tenths(scaled.to_integer().to_u64().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_round_half_away_from_zero() {
        let r = |p: u64, q: u64| round_tenths(&BigRational::new(p.into(), q.into())).0;
        assert_eq!(r(13, 4), 33); // 3.25 → 3.3
        assert_eq!(r(39, 12), 33); // 10/3 and 19/6 average to exactly 3.25
        assert_eq!(r(10, 3), 33); // 3.333 → 3.3
        assert_eq!(r(5, 1), 50);
        assert_eq!(r(0, 1), 0);
        assert_eq!(r(1, 20), 1); // 0.05 → 0.1
    }

    #[test]
    fn levels_follow_the_rounded_value() {
        assert_eq!(Level::of_tenths(9), Level::AdHoc);
        assert_eq!(Level::of_tenths(10), Level::Emerging);
        assert_eq!(Level::of_tenths(29), Level::Defined);
        assert_eq!(Level::of_tenths(30), Level::Scaling);
        assert_eq!(Level::of_tenths(40), Level::Optimising);
        assert_eq!(Level::of_tenths(50), Level::Optimising);
    }

    #[test]
    fn tenths_display_with_one_decimal() {
        assert_eq!(Tenths(34).to_string(), "3.4");
        assert_eq!(Tenths(50).to_string(), "5.0");
        assert_eq!(Tenths(0).to_string(), "0.0");
    }
}
