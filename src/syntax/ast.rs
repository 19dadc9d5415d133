//! Typed declarations: each item and statement of LANGUAGE.md with its values checked and
//! converted, and a span on everything. References are still names here; the model resolves
//! them.

use jiff::civil::Date;

use crate::diagnostic::Severity;
use crate::source::Span;

/// An identifier as written, with its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ident<'s> {
    /// The text.
    pub text: &'s str,
    /// Where it stands.
    pub span: Span,
}

/// The kinds of top-level item (LANGUAGE.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// `organisation` / `organization`.
    Organisation,
    /// `person`.
    Person,
    /// `team`.
    Team,
    /// `scrum_of_scrums`.
    ScrumOfScrums,
    /// `executive_action_team`.
    ExecutiveActionTeam,
    /// `executive_metascrum`.
    ExecutiveMetascrum,
    /// `backlog`.
    Backlog,
    /// `definition_of_done`.
    DefinitionOfDone,
    /// `policy`.
    Policy,
}

impl ItemKind {
    /// The item keyword (`organisation` for both spellings).
    pub fn keyword(self) -> &'static str {
        match self {
            ItemKind::Organisation => "organisation",
            ItemKind::Person => "person",
            ItemKind::Team => "team",
            ItemKind::ScrumOfScrums => "scrum_of_scrums",
            ItemKind::ExecutiveActionTeam => "executive_action_team",
            ItemKind::ExecutiveMetascrum => "executive_metascrum",
            ItemKind::Backlog => "backlog",
            ItemKind::DefinitionOfDone => "definition_of_done",
            ItemKind::Policy => "policy",
        }
    }

    /// The kind in the user's words, with an article (`a Scrum of Scrums`).
    pub fn describe(self) -> &'static str {
        match self {
            ItemKind::Organisation => "the organisation",
            ItemKind::Person => "a person",
            ItemKind::Team => "a team",
            ItemKind::ScrumOfScrums => "a Scrum of Scrums",
            ItemKind::ExecutiveActionTeam => "an Executive Action Team",
            ItemKind::ExecutiveMetascrum => "an Executive MetaScrum",
            ItemKind::Backlog => "a backlog",
            ItemKind::DefinitionOfDone => "a Definition of Done",
            ItemKind::Policy => "the policy",
        }
    }

    /// The item kind a keyword starts, if any.
    pub fn from_keyword(word: &str) -> Option<ItemKind> {
        Some(match word {
            "organisation" | "organization" => ItemKind::Organisation,
            "person" => ItemKind::Person,
            "team" => ItemKind::Team,
            "scrum_of_scrums" => ItemKind::ScrumOfScrums,
            "executive_action_team" => ItemKind::ExecutiveActionTeam,
            "executive_metascrum" => ItemKind::ExecutiveMetascrum,
            "backlog" => ItemKind::Backlog,
            "definition_of_done" => ItemKind::DefinitionOfDone,
            "policy" => ItemKind::Policy,
            _ => return None,
        })
    }
}

/// One declared item of a file.
#[derive(Debug, Clone)]
pub struct Decl<'s> {
    /// What kind of item.
    pub kind: ItemKind,
    /// Its identifier (none for `organisation` and `policy`).
    pub ident: Option<Ident<'s>>,
    /// Its display name (for `organisation`, its name).
    pub display: Option<String>,
    /// The header line, for diagnostics about a missing statement.
    pub header: Span,
    /// The whole item.
    pub span: Span,
    /// Its statements, in source order (duplicates already dropped and reported).
    pub statements: Vec<Stmt<'s>>,
}

/// A statement with the span of the whole statement.
#[derive(Debug, Clone)]
pub struct Stmt<'s> {
    /// What it says.
    pub kind: StmtKind<'s>,
    /// The whole statement.
    pub span: Span,
}

/// A sprint cadence: `sprint 2w starting 2026-01-05`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cadence {
    /// Length in whole days (positive).
    pub days: u32,
    /// The first day of a sprint, if given.
    pub start: Option<Date>,
}

/// How often: `every day`, `every week`, `every sprint`, `every 2d` (LANGUAGE.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// A fixed length in minutes (`day` is 1440, `week` 10080).
    Minutes(u64),
    /// The unit's effective sprint length.
    Sprint,
}

/// Minutes in a day.
pub const DAY_MINUTES: u64 = 24 * 60;

/// The event kinds of LANGUAGE.md §3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)]
pub enum EventKind {
    DailyScrum,
    ScaledDailyScrum,
    SprintPlanning,
    SprintReview,
    Retrospective,
    ScaledRetrospective,
    Refinement,
    ReleasePlanning,
    Metascrum,
}

impl EventKind {
    /// Every kind with its keyword.
    pub const ALL: [(EventKind, &'static str); 9] = [
        (EventKind::DailyScrum, "daily_scrum"),
        (EventKind::ScaledDailyScrum, "scaled_daily_scrum"),
        (EventKind::SprintPlanning, "sprint_planning"),
        (EventKind::SprintReview, "sprint_review"),
        (EventKind::Retrospective, "retrospective"),
        (EventKind::ScaledRetrospective, "scaled_retrospective"),
        (EventKind::Refinement, "refinement"),
        (EventKind::ReleasePlanning, "release_planning"),
        (EventKind::Metascrum, "metascrum"),
    ];

    /// The keyword.
    pub fn keyword(self) -> &'static str {
        Self::ALL.iter().find(|(k, _)| *k == self).map_or("", |(_, w)| w)
    }

    /// The kind a keyword names.
    pub fn from_keyword(word: &str) -> Option<EventKind> {
        Self::ALL.iter().find(|(_, w)| *w == word).map(|(k, _)| *k)
    }
}

/// The agenda items of LANGUAGE.md §3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)]
pub enum AgendaItem {
    Status,
    Impediments,
    Dependencies,
    Risks,
    Decisions,
    Improvements,
    Integration,
    Priorities,
    Knowledge,
}

impl AgendaItem {
    /// Every item with its keyword.
    pub const ALL: [(AgendaItem, &'static str); 9] = [
        (AgendaItem::Status, "status"),
        (AgendaItem::Impediments, "impediments"),
        (AgendaItem::Dependencies, "dependencies"),
        (AgendaItem::Risks, "risks"),
        (AgendaItem::Decisions, "decisions"),
        (AgendaItem::Improvements, "improvements"),
        (AgendaItem::Integration, "integration"),
        (AgendaItem::Priorities, "priorities"),
        (AgendaItem::Knowledge, "knowledge"),
    ];

    /// The keyword.
    pub fn keyword(self) -> &'static str {
        Self::ALL.iter().find(|(k, _)| *k == self).map_or("", |(_, w)| w)
    }

    /// The item a keyword names.
    pub fn from_keyword(word: &str) -> Option<AgendaItem> {
        Self::ALL.iter().find(|(_, w)| *w == word).map(|(k, _)| *k)
    }

    /// Whether the item is actionable (impediments, dependencies, risks, decisions).
    pub fn is_actionable(self) -> bool {
        matches!(
            self,
            AgendaItem::Impediments | AgendaItem::Dependencies | AgendaItem::Risks | AgendaItem::Decisions
        )
    }
}

/// An event: `event scaled_daily_scrum every day lasting 15min { agenda ... }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Its kind.
    pub kind: EventKind,
    /// How often it is held.
    pub every: Period,
    /// How long it lasts, in minutes.
    pub lasting: Option<u64>,
    /// Its agenda items with their spans (`None` without an agenda).
    pub agenda: Option<Vec<(AgendaItem, Span)>>,
    /// The `every ...` part.
    pub every_span: Span,
    /// The `lasting ...` part.
    pub lasting_span: Option<Span>,
}

/// An inclusive range `lo..hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// Lower bound.
    pub lo: u32,
    /// Upper bound.
    pub hi: u32,
}

/// `cadence_scope organisation|scrum_of_scrums`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CadenceScope {
    /// SG301 also compares all teams of the organisation.
    #[default]
    Organisation,
    /// SG301 compares only the teams below each Scrum of Scrums.
    ScrumOfScrums,
}

/// A statement, typed (LANGUAGE.md §2). Lists keep each entry's identifier and span.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub enum StmtKind<'s> {
    Vision(String),
    Sprint(Cadence),
    Metrics(Vec<Ident<'s>>),
    Title(String),
    Executive,
    Authority(Vec<Ident<'s>>),
    ProductOwner(Ident<'s>),
    ScrumMaster(Ident<'s>),
    DevelopersNamed(Vec<Ident<'s>>),
    DevelopersCount(u32),
    Backlog(Ident<'s>),
    DefinitionOfDone(Ident<'s>),
    EscalatesTo(Ident<'s>),
    DependsOn(Vec<Ident<'s>>),
    Releases(Period),
    /// Boxed, like `Waive`: the largest variants would otherwise double every statement's size.
    Event(Box<Event>),
    Members(Vec<Ident<'s>>),
    ScrumOfScrumsMaster(Ident<'s>),
    ChiefProductOwner(Ident<'s>),
    Approves(Vec<Ident<'s>>),
    Owner(Ident<'s>),
    WipLimit(u32),
    Criteria(Vec<(String, Span)>),
    TeamSize(Range),
    ScrumOfScrumsSize(Range),
    MaxSprint(u32),
    RequiredAuthority(Vec<Ident<'s>>),
    MaxTeamsPerScrumMaster(u32),
    MaxTeamsPerProductOwner(u32),
    MaxDependenciesPerTeam(u32),
    MaxRolesPerPerson(u32),
    CadenceScope(CadenceScope),
    /// `severity <rule> <level>`; `level` is `None` for `off`.
    Severity {
        rule: Ident<'s>,
        level: Option<Severity>,
    },
    /// `waive <rule> [for <id>] [until <date>] "<reason>"`.
    Waive(Box<Waive<'s>>),
}

/// A waiver statement: `waive <rule> [for <id>] [until <date>] "<reason>"`.
#[derive(Debug, Clone)]
pub struct Waive<'s> {
    /// The rule, by code or name.
    pub rule: Ident<'s>,
    /// The subject it is limited to, if any.
    pub target: Option<Ident<'s>>,
    /// The last day it applies, if any.
    pub until: Option<Date>,
    /// Why the exception is justified.
    pub reason: String,
}

/// The declarations of one file, in source order.
#[derive(Debug, Clone)]
pub struct FileDecls<'s> {
    /// The file.
    pub file: crate::source::FileId,
    /// Its items.
    pub decls: Vec<Decl<'s>>,
    /// Whether the file parsed completely (if not, some items may be missing).
    pub complete: bool,
    /// Identifiers that appear in the parts of the file that did not parse: names the file
    /// might have declared (GUARDRAILS.md: no SG002 for those).
    pub maybe_declared: Vec<&'s str>,
}

// A large organisation holds millions of statements: keep one small (rustc's
// `static_assert_size!` idiom). Box a new variant's payload if it would grow this.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Stmt<'static>>() <= 56);
