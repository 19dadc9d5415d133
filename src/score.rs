//! The maturity model (GUARDRAILS.md "Maturity model"): a score per Scrum@Scale component, the
//! overall score and its level, computed from the engine's recorded checks.
//!
//! Pure functions, no IO. A check weighs its rule's effective severity (error 3, warning 2,
//! info 1); waived checks and SG9xx checks count nowhere. Component scores are exact
//! fractions `5 × passed weight / unwaived weight`, rounded half away from zero to one decimal
//! with integer arithmetic; the overall score is the exact mean of the assessed components'
//! exact scores (a big rational, so a mean that lands on `x.x5` rounds up, never down by a
//! floating-point hair). Every number is explainable: each [`ComponentScore`] keeps the
//! [`ScoredCheck`]s behind it.

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
    /// Every check of the component, sorted by rule, subject and verdict: the explanation.
    #[serde(skip)]
    pub checks: Vec<ScoredCheck>,
}

impl ComponentScore {
    /// Whether the component has a score.
    pub fn assessed(&self) -> bool {
        self.not_assessed.is_none()
    }

    /// How much the component's exact score would rise if `check` (one of its failed checks)
    /// passed: `5 × weight / total weight`. Zero for a check that does not count.
    pub fn gain(&self, check: &ScoredCheck) -> f64 {
        if check.verdict != Verdict::Failed || self.total_weight == 0 {
            return 0.0;
        }
        (MAX * check.weight()) as f64 / self.total_weight as f64
    }

    /// The sum behind the score, for people: `5 × 6 / 9 = 3.333 → 3.3`.
    pub fn explanation(&self) -> String {
        match (self.not_assessed, self.score, self.exact) {
            (None, Some(score), Some(exact)) => {
                format!("5 × {} / {} = {exact:.3} → {score}", self.passed_weight, self.total_weight)
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
    /// The level of the rounded overall score.
    pub level: Option<Level>,
    /// The twelve components, in the order of GUARDRAILS.md.
    pub components: Vec<ComponentScore>,
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
        let mut tallies = [Tally::default(); Component::ALL.len()];
        for outcome in &evaluation.outcomes {
            let Some(component) = catalogue::rule(outcome.rule).component else { continue };
            let Some(i) = Component::ALL.iter().position(|c| *c == component) else { continue };
            let weight = u64::from(outcome.severity.weight());
            let t = &mut tallies[i];
            t.passed += outcome.passed.len();
            t.passed_weight += weight * outcome.passed.len() as u64;
            for check in &outcome.failed {
                if check.waived_by.is_some() {
                    t.waived += 1;
                } else {
                    t.failed += 1;
                    t.failed_weight += weight;
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

    /// The overall score of scored components.
    fn from_components(components: Vec<ComponentScore>) -> Score {
        let assessed: Vec<&ComponentScore> = components.iter().filter(|c| c.assessed()).collect();
        let (overall, exact) = if assessed.is_empty() {
            (None, None)
        } else {
            // mean = Σ 5·pᵢ/tᵢ / n, exactly.
            let mut sum = BigRational::from_integer(0u64.into());
            for c in &assessed {
                sum += BigRational::new((MAX * c.passed_weight).into(), c.total_weight.into());
            }
            let mean = sum / BigRational::from_integer(assessed.len().into());
            let tenths = round_tenths(&mean);
            (Some(tenths), mean.to_f64())
        };
        Score { overall, exact, level: overall.map(Tenths::level), components }
    }

    /// The score of a component.
    pub fn component(&self, component: Component) -> Option<&ComponentScore> {
        self.components.iter().find(|c| c.component == component)
    }

    /// ` · score 3.4 (Scaling)`, the suffix of `check`'s summary line.
    pub fn summary_suffix(&self) -> String {
        match (self.overall, self.level) {
            (Some(t), Some(level)) => format!(" · score {t} ({})", level.name()),
            _ => " · score not assessed".to_owned(),
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
                "overall: mean of {} assessed components = {:.3} → {t}\n",
                self.components.iter().filter(|c| c.assessed()).count(),
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
    let count = |v: Verdict| checks.iter().filter(|c| c.verdict == v).count();
    let weigh = |v: Verdict| checks.iter().filter(|c| c.verdict == v).map(ScoredCheck::weight).sum::<u64>();
    let tally = Tally {
        passed: count(Verdict::Passed),
        failed: count(Verdict::Failed),
        waived: count(Verdict::Waived),
        passed_weight: weigh(Verdict::Passed),
        failed_weight: weigh(Verdict::Failed),
    };
    component_of(component, tally, checks)
}

/// A component's counts and weights, before they become a score.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    passed: usize,
    failed: usize,
    waived: usize,
    passed_weight: u64,
    failed_weight: u64,
}

fn component_of(component: Component, tally: Tally, checks: Vec<ScoredCheck>) -> ComponentScore {
    let Tally { passed, failed, waived, passed_weight, failed_weight } = tally;
    let total_weight = passed_weight + failed_weight;
    let not_assessed = if passed + failed + waived == 0 {
        Some(NotAssessed::NoChecks)
    } else if total_weight == 0 {
        Some(NotAssessed::AllChecksWaived)
    } else {
        None
    };
    let (score, exact) = if not_assessed.is_none() {
        let exact = (MAX * passed_weight) as f64 / total_weight as f64;
        // round(50·p/t) / 10, half away from zero, in integers: ⌊(100·p + t) / 2t⌋.
        let tenths = (100 * passed_weight + total_weight) / (2 * total_weight);
        (Some(Tenths(tenths)), Some(exact))
    } else {
        (None, None)
    };
    ComponentScore {
        component,
        name: component.name(),
        cycle: component.cycle(),
        score,
        exact,
        level: score.map(Tenths::level),
        not_assessed,
        passed,
        failed,
        waived,
        passed_weight,
        total_weight,
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
