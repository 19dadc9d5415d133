//! Stage 4, **checks**: every guardrail of GUARDRAILS.md evaluated on the model.
//!
//! A rule ([`registry`]) is a function that, for each subject it covers, records a pass or a
//! failure with its [`Finding`]; it knows nothing of severities or waivers. The [`engine`]
//! runs the rules (in parallel, output in code order), drops rules that are `off` or that need
//! a scaled organisation, applies waivers, evaluates SG901/SG902 and turns failures into
//! [`crate::Diagnostic`]s. Every check is kept, pass or fail: the maturity score is computed
//! from checks, not only from findings.

pub mod context;
pub mod engine;
pub mod registry;

mod cadence;
mod delivery;
mod eat;
mod escalation;
mod metrics;
mod product;
mod sos;
mod team;

pub use context::Context;
pub use engine::{Check, Evaluation, RuleOutcome, evaluate};

use crate::catalogue::Rule;
use crate::diagnostic::{Label, Suggestion};
use crate::model::{BacklogId, EatId, EmsId, Model, PersonId, SosId, TeamId, Unit};
use crate::source::Span;

/// A rule's evaluation: records a pass or a failure for every subject it covers
/// ([`registry::run`] gives each rule's).
pub type RuleFn = fn(&Context<'_>, &mut Checks);

/// What one check is about (GUARDRAILS.md "Subjects").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// The organisation as a whole.
    Organisation,
    /// A team.
    Team(TeamId),
    /// A Scrum of Scrums.
    Sos(SosId),
    /// An Executive Action Team.
    Eat(EatId),
    /// An Executive MetaScrum.
    Ems(EmsId),
    /// A person.
    Person(PersonId),
    /// A backlog.
    Backlog(BacklogId),
    /// A cycle, by the smallest identifier on it.
    Cycle(String),
    /// A waiver, by its index in the policy.
    Waiver(usize),
}

impl Subject {
    /// The subject of a unit.
    pub fn unit(unit: Unit) -> Subject {
        match unit {
            Unit::Team(t) => Subject::Team(t),
            Unit::Sos(s) => Subject::Sos(s),
        }
    }

    /// The subject as printed: an identifier, `organisation`, or `waive:<rule>[:<id>]`.
    pub fn render(&self, model: &Model) -> String {
        match self {
            Subject::Organisation => "organisation".to_owned(),
            Subject::Team(id) => model.name(model.team(*id).header.ident).to_owned(),
            Subject::Sos(id) => model.name(model.sos(*id).header.ident).to_owned(),
            Subject::Eat(id) => model.name(model.eat(*id).header.ident).to_owned(),
            Subject::Ems(id) => model.name(model.emss[id.index()].header.ident).to_owned(),
            Subject::Person(id) => model.name(model.person(*id).header.ident).to_owned(),
            Subject::Backlog(id) => model.name(model.backlog(*id).header.ident).to_owned(),
            Subject::Cycle(name) => name.clone(),
            Subject::Waiver(i) => model.policy.waivers.get(*i).map_or_else(String::new, |w| w.subject()),
        }
    }
}

/// A failed check's message and labels, as a rule reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What is wrong, about whom.
    pub message: String,
    /// Where: the primary label first.
    pub labels: Vec<Label>,
    /// The finding this one cannot pass without: its rule and subject (the engine links it
    /// when that finding is reported and not waived).
    pub cause: Option<(Rule, Subject)>,
    /// The fixes the rule is certain of, as edits (the engine copies them to the diagnostic).
    pub suggestions: Vec<Suggestion>,
}

impl Finding {
    /// A finding with a message and no labels yet.
    pub fn new(message: impl Into<String>) -> Self {
        Finding { message: message.into(), labels: Vec::new(), cause: None, suggestions: Vec::new() }
    }

    /// Adds the primary label.
    #[must_use]
    pub fn primary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.insert(0, Label { span, message: message.into(), primary: true });
        self
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { span, message: message.into(), primary: false });
        self
    }

    /// Adds a suggestion: a fix as edits, when the rule is certain of it.
    #[must_use]
    pub fn suggest(mut self, suggestion: Suggestion) -> Self {
        self.suggestions.push(suggestion);
        self
    }

    /// Names the finding this one is a consequence of: `rule` on `subject`.
    #[must_use]
    pub fn caused_by(mut self, rule: Rule, subject: Subject) -> Self {
        self.cause = Some((rule, subject));
        self
    }
}

/// The checks one rule recorded: the subjects that passed and those that failed.
#[derive(Debug, Default, Clone)]
pub struct Checks {
    /// Subjects that passed.
    pub passed: Vec<Subject>,
    /// Subjects that failed, with their findings.
    pub failed: Vec<(Subject, Finding)>,
}

impl Checks {
    /// Records a pass.
    pub fn pass(&mut self, subject: Subject) {
        self.passed.push(subject);
    }

    /// Records a failure.
    pub fn fail(&mut self, subject: Subject, finding: Finding) {
        self.failed.push((subject, finding));
    }

    /// Records a pass or, when `finding` is `Some`, a failure.
    pub fn record(&mut self, subject: Subject, finding: Option<Finding>) {
        match finding {
            Some(f) => self.fail(subject, f),
            None => self.pass(subject),
        }
    }
}
