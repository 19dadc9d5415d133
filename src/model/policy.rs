//! The organisation's policy with every default of LANGUAGE.md §2 applied.

use jiff::civil::Date;

use super::{ItemRef, Name, Range};
use crate::diagnostic::Severity;
use crate::source::Span;
use crate::syntax::ast::CadenceScope;

/// A threshold with the `policy` statement that set it (none for a default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting<T> {
    /// The value in force.
    pub value: T,
    /// The statement that set it; `None` when it is the default.
    pub span: Option<Span>,
}

impl<T> Setting<T> {
    fn default_of(value: T) -> Self {
        Setting { value, span: None }
    }
}

/// `severity <rule> <level>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeverityOverride {
    /// Index of the rule in the catalogue.
    pub rule: usize,
    /// The new severity; `None` for `off`.
    pub level: Option<Severity>,
    /// The statement.
    pub span: Span,
}

/// `waive <rule> [for <id>] [until <date>] "<reason>"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    /// Index of the rule in the catalogue.
    pub rule: usize,
    /// The rule as written (code or name), for the waiver's subject.
    pub written: String,
    /// The `for` item and its identifier.
    pub target: Option<(ItemRef, String)>,
    /// `until`.
    pub until: Option<Date>,
    /// The reason.
    pub reason: String,
    /// The statement.
    pub span: Span,
}

impl Waiver {
    /// The waiver's subject: `waive:<rule as written>[:<for id>]` (GUARDRAILS.md "Subjects").
    pub fn subject(&self) -> String {
        match &self.target {
            Some((_, id)) => format!("waive:{}:{id}", self.written),
            None => format!("waive:{}", self.written),
        }
    }

    /// Whether the waiver is in force on `today`: no `until`, or `until` today or later.
    pub fn in_force(&self, today: Date) -> bool {
        self.until.is_none_or(|u| u >= today)
    }
}

/// The policy block, defaults applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The `policy` header, if there is one.
    pub span: Option<Span>,
    /// Developers per team (default `3..9`).
    pub team_size: Setting<Range>,
    /// Members per Scrum of Scrums (default `2..5`).
    pub scrum_of_scrums_size: Setting<Range>,
    /// Longest sprint in days (default 4 weeks).
    pub max_sprint: Setting<u32>,
    /// Domains every EAT must hold (default `budget, structure, policy`).
    pub required_authority: Setting<Vec<Name>>,
    /// Teams one person may be Scrum Master of (default 2).
    pub max_teams_per_scrum_master: Setting<u32>,
    /// Teams one person may be Product Owner of (default 2).
    pub max_teams_per_product_owner: Setting<u32>,
    /// Dependencies before a team is flagged (default 3).
    pub max_dependencies_per_team: Setting<u32>,
    /// Accountabilities one person may hold across teams, Scrums of Scrums, EATs and EMSs
    /// (default 3; SG509).
    pub max_roles_per_person: Setting<u32>,
    /// Scope of SG301 (default organisation).
    pub cadence_scope: Setting<CadenceScope>,
    /// Severity overrides, in read order.
    pub severities: Vec<SeverityOverride>,
    /// Waivers, in read order.
    pub waivers: Vec<Waiver>,
}

impl Policy {
    /// The default policy; `required_authority` needs the names store for its words.
    pub fn with_defaults(names: &mut super::Names) -> Self {
        Policy {
            span: None,
            team_size: Setting::default_of(Range { lo: 3, hi: 9 }),
            scrum_of_scrums_size: Setting::default_of(Range { lo: 2, hi: 5 }),
            max_sprint: Setting::default_of(28),
            required_authority: Setting::default_of(vec![
                names.word("budget"),
                names.word("structure"),
                names.word("policy"),
            ]),
            max_teams_per_scrum_master: Setting::default_of(2),
            max_teams_per_product_owner: Setting::default_of(2),
            max_dependencies_per_team: Setting::default_of(3),
            max_roles_per_person: Setting::default_of(3),
            cadence_scope: Setting::default_of(CadenceScope::Organisation),
            severities: Vec::new(),
            waivers: Vec::new(),
        }
    }

    /// The effective severity of a rule: its override, else its default; `None` when `off`.
    pub fn severity_of(&self, rule: usize) -> Option<Severity> {
        match self.severities.iter().find(|s| s.rule == rule) {
            Some(o) => o.level,
            None => Some(crate::catalogue::rule(rule).severity),
        }
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy::with_defaults(&mut super::Names::default())
    }
}
