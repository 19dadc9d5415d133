//! Typed declarations: each item and statement of LANGUAGE.md with its values checked and
//! converted, and a span on everything. References are still names here; the model resolves
//! them.

use jiff::civil::Date;

use super::keyword;
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

/// The kinds of top-level item (LANGUAGE.md §2); their words are in [`keyword::ITEMS`].
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
        keyword::item(self).spellings[0]
    }

    /// The kind in the user's words, with an article (`a Scrum of Scrums`).
    pub fn describe(self) -> &'static str {
        keyword::item(self).describe
    }

    /// The item kind a keyword starts, if any.
    pub fn from_keyword(word: &str) -> Option<ItemKind> {
        keyword::item_kind(word)
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

/// The event kinds of LANGUAGE.md §3; their words are in [`keyword::EVENT_KINDS`].
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
    /// The keyword.
    pub fn keyword(self) -> &'static str {
        keyword::EVENT_KINDS[self as usize].word
    }

    /// The kind a keyword names.
    pub fn from_keyword(word: &str) -> Option<EventKind> {
        keyword::EVENT_KINDS.iter().find(|e| e.word == word).map(|e| e.kind)
    }
}

/// The agenda items of LANGUAGE.md §3; their words are in [`keyword::AGENDA_ITEMS`].
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
    /// The keyword.
    pub fn keyword(self) -> &'static str {
        keyword::AGENDA_ITEMS[self as usize].word
    }

    /// The item a keyword names.
    pub fn from_keyword(word: &str) -> Option<AgendaItem> {
        keyword::AGENDA_ITEMS.iter().find(|a| a.word == word).map(|a| a.item)
    }

    /// Whether the item is actionable (impediments, dependencies, risks, decisions).
    pub fn is_actionable(self) -> bool {
        keyword::AGENDA_ITEMS[self as usize].actionable
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
