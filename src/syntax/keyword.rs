//! The words of the language, as data (as `just`'s `src/keyword.rs`): item keywords, statement
//! keywords (what each takes, which items take it, in which order the formatter writes it, a
//! line about it), event kinds, agenda items, the words after a keyword (`every`, `lasting`,
//! ...), periods, duration units with the spellings people write for them, cadence scopes and
//! severity levels.
//!
//! Lowering, the formatter, completion, hover and the TextMate grammar's test all read these
//! tables; a word added here is lowered, formatted, completed and checked for highlighting, and
//! nowhere else needs to list it. The wording of the errors about these words lives in
//! [`super::errors`].

use super::ast::{AgendaItem, CadenceScope, DAY_MINUTES, EventKind, ItemKind, Period};
use crate::diagnostic::Severity;

/// What a statement keyword is written as and what it takes.
#[derive(Debug)]
pub struct StatementWord {
    /// The keyword.
    pub keyword: Keyword,
    /// Its word.
    pub word: &'static str,
    /// How it is written, for "write it as ..." help.
    pub usage: &'static str,
    /// Whether it may be given more than once in one item (lists concatenate).
    pub repeatable: bool,
    /// One line about what it says, for completion.
    pub about: &'static str,
}

/// Declares [`Keyword`] and [`STATEMENTS`] from one list of rows, so that a keyword cannot be
/// declared without its word, usage and description, nor the two fall out of order.
macro_rules! statements {
    ($($variant:ident $word:literal, $usage:literal, $repeatable:ident, $about:literal;)*) => {
        /// A statement keyword (LANGUAGE.md §2, and `agenda` in an event's block).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Keyword {
            $($variant,)*
        }

        /// Every statement keyword, in the order of [`Keyword`].
        pub const STATEMENTS: [StatementWord; [$(Keyword::$variant),*].len()] = [$(StatementWord {
            keyword: Keyword::$variant,
            word: $word,
            usage: $usage,
            repeatable: statements!(@$repeatable),
            about: $about,
        },)*];
    };
    (@repeatable) => { true };
    (@once) => { false };
}

statements! {
    Vision "vision", "vision \"<text>\"", once, "The organisation's vision.";
    Sprint "sprint", "sprint <duration> [starting <date>]", once,
        "The sprint length, and the first day of a sprint.";
    Metrics "metrics", "metrics <metric>, ...", repeatable, "What the unit measures.";
    Title "title", "title \"<text>\"", once, "The person's title.";
    Executive "executive", "executive", once, "The person is an executive.";
    Authority "authority", "authority <domain>, ...", repeatable,
        "The domains decided here (budget, structure, policy, ...).";
    ProductOwner "product_owner", "product_owner <person>", once, "The Product Owner.";
    ScrumMaster "scrum_master", "scrum_master <person>", once, "The Scrum Master.";
    Developers "developers", "developers <person>, ... or developers <int>", repeatable,
        "The developers, by name or as a count.";
    Backlog "backlog", "backlog <backlog>", once, "The backlog worked from.";
    DefinitionOfDone "definition_of_done", "definition_of_done <definition_of_done>", once,
        "The Definition of Done applied.";
    EscalatesTo "escalates_to", "escalates_to <unit>", once,
        "Where impediments go when they cannot be removed here.";
    DependsOn "depends_on", "depends_on <team>, ...", repeatable, "The teams this team depends on.";
    Releases "releases", "releases every <period>", once, "How often the unit releases.";
    Event "event", "event <kind> every <period> [lasting <duration>] [{ agenda <item>, ... }]", repeatable,
        "An event held, how often and for how long, with its agenda.";
    Members "members", "members <id>, ...", repeatable, "The members.";
    ScrumOfScrumsMaster "scrum_of_scrums_master", "scrum_of_scrums_master <person>", once,
        "The Scrum of Scrums Master.";
    ChiefProductOwner "chief_product_owner", "chief_product_owner <person>", once,
        "The Chief Product Owner.";
    Approves "approves", "approves <identifier>, ...", repeatable, "What the team approves.";
    Owner "owner", "owner <person>", once, "Who owns the backlog.";
    WipLimit "wip_limit", "wip_limit <int>", once, "The most items in progress at once.";
    Criteria "criteria", "criteria \"<text>\", ...", repeatable, "The criteria of done.";
    TeamSize "team_size", "team_size <range>", once, "Developers per team (3..9).";
    ScrumOfScrumsSize "scrum_of_scrums_size", "scrum_of_scrums_size <range>", once,
        "Members per Scrum of Scrums (2..5).";
    MaxSprint "max_sprint", "max_sprint <duration>", once, "The longest sprint (4w).";
    RequiredAuthority "required_authority", "required_authority <domain>, ...", once,
        "The domains an Executive Action Team must hold (budget, structure, policy).";
    MaxTeamsPerScrumMaster "max_teams_per_scrum_master", "max_teams_per_scrum_master <int>", once,
        "Teams one Scrum Master may serve (2).";
    MaxTeamsPerProductOwner "max_teams_per_product_owner", "max_teams_per_product_owner <int>", once,
        "Teams one Product Owner may serve (2).";
    MaxDependenciesPerTeam "max_dependencies_per_team", "max_dependencies_per_team <int>", once,
        "Dependencies one team may have (3).";
    MaxRolesPerPerson "max_roles_per_person", "max_roles_per_person <int>", once,
        "Roles one person may hold (3).";
    CadenceScope "cadence_scope", "cadence_scope organisation|scrum_of_scrums", once,
        "Which teams must share a cadence: the organisation's, or each Scrum of Scrums'.";
    Severity "severity", "severity <rule> error|warning|info|off", repeatable, "A rule's severity, or `off`.";
    Waive "waive", "waive <rule> [for <id>] [until <date>] \"<reason>\"", repeatable,
        "An exception to a rule, and why.";
    Agenda "agenda", "agenda <item>, ...", once, "What the event covers.";
}

impl Keyword {
    /// Every statement keyword, in table order.
    pub fn all() -> impl Iterator<Item = Keyword> {
        STATEMENTS.iter().map(|s| s.keyword)
    }

    /// Its row of [`STATEMENTS`].
    pub fn spec(self) -> &'static StatementWord {
        &STATEMENTS[self as usize]
    }

    /// Its word.
    pub fn word(self) -> &'static str {
        self.spec().word
    }

    /// How it is written.
    pub fn usage(self) -> &'static str {
        self.spec().usage
    }

    /// Whether it may be given more than once in one item.
    pub fn repeatable(self) -> bool {
        self.spec().repeatable
    }

    /// The keyword written `word`, if any.
    pub fn from_word(word: &str) -> Option<Keyword> {
        STATEMENTS.iter().find(|s| s.word == word).map(|s| s.keyword)
    }
}

/// How an item's header is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// `organisation "<name>"`.
    Name,
    /// `<kind> <id> ["<display name>"]`.
    Id,
    /// `policy`, nothing after the keyword.
    Bare,
}

/// An item keyword and what its body takes.
#[derive(Debug)]
pub struct ItemWord {
    /// The kind of item.
    pub kind: ItemKind,
    /// Every spelling accepted, the one written in messages first.
    pub spellings: &'static [&'static str],
    /// The kind in the user's words, with an article (`a Scrum of Scrums`).
    pub describe: &'static str,
    /// How its header is written.
    pub header: Header,
    /// Whether it must have a body in braces.
    pub needs_body: bool,
    /// The statements it takes, in the order the formatter writes them. (No one order suits
    /// every item: a Scrum of Scrums lists `members` before `chief_product_owner`, an
    /// Executive MetaScrum the other way round.)
    pub statements: &'static [Keyword],
}

/// Every item keyword, in the order of [`ItemKind`] (LANGUAGE.md §2).
pub const ITEMS: [ItemWord; 9] = {
    use Keyword as K;
    [
        ItemWord {
            kind: ItemKind::Organisation,
            spellings: &["organisation", "organization"],
            describe: "the organisation",
            header: Header::Name,
            needs_body: true,
            statements: &[K::Vision, K::Sprint, K::Metrics],
        },
        ItemWord {
            kind: ItemKind::Person,
            spellings: &["person"],
            describe: "a person",
            header: Header::Id,
            needs_body: false,
            statements: &[K::Title, K::Executive, K::Authority],
        },
        ItemWord {
            kind: ItemKind::Team,
            spellings: &["team"],
            describe: "a team",
            header: Header::Id,
            needs_body: true,
            statements: &[
                K::ProductOwner,
                K::ScrumMaster,
                K::Developers,
                K::Sprint,
                K::Backlog,
                K::DefinitionOfDone,
                K::EscalatesTo,
                K::DependsOn,
                K::Releases,
                K::Metrics,
                K::Event,
            ],
        },
        ItemWord {
            kind: ItemKind::ScrumOfScrums,
            spellings: &["scrum_of_scrums"],
            describe: "a Scrum of Scrums",
            header: Header::Id,
            needs_body: true,
            statements: &[
                K::Members,
                K::ScrumOfScrumsMaster,
                K::ChiefProductOwner,
                K::Backlog,
                K::DefinitionOfDone,
                K::EscalatesTo,
                K::Releases,
                K::Metrics,
                K::Event,
            ],
        },
        ItemWord {
            kind: ItemKind::ExecutiveActionTeam,
            spellings: &["executive_action_team"],
            describe: "an Executive Action Team",
            header: Header::Id,
            needs_body: true,
            statements: &[
                K::Members,
                K::ProductOwner,
                K::ScrumMaster,
                K::Authority,
                K::Approves,
                K::Backlog,
                K::Event,
            ],
        },
        ItemWord {
            kind: ItemKind::ExecutiveMetascrum,
            spellings: &["executive_metascrum"],
            describe: "an Executive MetaScrum",
            header: Header::Id,
            needs_body: true,
            statements: &[K::ChiefProductOwner, K::Members, K::Backlog, K::Event],
        },
        ItemWord {
            kind: ItemKind::Backlog,
            spellings: &["backlog"],
            describe: "a backlog",
            header: Header::Id,
            needs_body: false,
            statements: &[K::Owner, K::WipLimit],
        },
        ItemWord {
            kind: ItemKind::DefinitionOfDone,
            spellings: &["definition_of_done"],
            describe: "a Definition of Done",
            header: Header::Id,
            needs_body: false,
            statements: &[K::Criteria],
        },
        ItemWord {
            kind: ItemKind::Policy,
            spellings: &["policy"],
            describe: "the policy",
            header: Header::Bare,
            needs_body: true,
            statements: &[
                K::TeamSize,
                K::ScrumOfScrumsSize,
                K::MaxSprint,
                K::RequiredAuthority,
                K::MaxTeamsPerScrumMaster,
                K::MaxTeamsPerProductOwner,
                K::MaxDependenciesPerTeam,
                K::MaxRolesPerPerson,
                K::CadenceScope,
                K::Severity,
                K::Waive,
            ],
        },
    ]
};

/// What an event's block takes.
pub const EVENT_BLOCK: &[Keyword] = &[Keyword::Agenda];

const fn item_word_count() -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < ITEMS.len() {
        assert!(ITEMS[i].kind as usize == i, "ITEMS is in the order of ItemKind");
        n += ITEMS[i].spellings.len();
        i += 1;
    }
    n
}

/// Every spelling of every item keyword, in table order (`organisation`, `organization`,
/// `person`, ...): a line starting with one is where parsing resumes after an error.
pub const ITEM_WORDS: [&str; item_word_count()] = {
    let mut out = [""; item_word_count()];
    let mut n = 0;
    let mut i = 0;
    while i < ITEMS.len() {
        let mut j = 0;
        while j < ITEMS[i].spellings.len() {
            out[n] = ITEMS[i].spellings[j];
            n += 1;
            j += 1;
        }
        i += 1;
    }
    out
};

/// The row of [`ITEMS`] for `kind`.
pub fn item(kind: ItemKind) -> &'static ItemWord {
    &ITEMS[kind as usize]
}

/// The statements an item of `kind` takes, in the order the formatter writes them.
pub fn statements_of(kind: ItemKind) -> &'static [Keyword] {
    item(kind).statements
}

/// The item kind a word starts, if any.
pub fn item_kind(word: &str) -> Option<ItemKind> {
    ITEMS.iter().find(|i| i.spellings.contains(&word)).map(|i| i.kind)
}

/// An event kind and its word (LANGUAGE.md §3).
#[derive(Debug)]
pub struct EventWord {
    /// The kind.
    pub kind: EventKind,
    /// Its word.
    pub word: &'static str,
}

/// Every event kind, in the order of [`EventKind`].
pub const EVENT_KINDS: [EventWord; 9] = {
    const fn e(kind: EventKind, word: &'static str) -> EventWord {
        EventWord { kind, word }
    }
    [
        e(EventKind::DailyScrum, "daily_scrum"),
        e(EventKind::ScaledDailyScrum, "scaled_daily_scrum"),
        e(EventKind::SprintPlanning, "sprint_planning"),
        e(EventKind::SprintReview, "sprint_review"),
        e(EventKind::Retrospective, "retrospective"),
        e(EventKind::ScaledRetrospective, "scaled_retrospective"),
        e(EventKind::Refinement, "refinement"),
        e(EventKind::ReleasePlanning, "release_planning"),
        e(EventKind::Metascrum, "metascrum"),
    ]
};

/// An agenda item, its word and whether it is actionable (LANGUAGE.md §3).
#[derive(Debug)]
pub struct AgendaWord {
    /// The item.
    pub item: AgendaItem,
    /// Its word.
    pub word: &'static str,
    /// Whether it asks for action (impediments, dependencies, risks, decisions), not a report.
    pub actionable: bool,
}

/// Every agenda item, in the order of [`AgendaItem`].
pub const AGENDA_ITEMS: [AgendaWord; 9] = {
    const fn a(item: AgendaItem, word: &'static str, actionable: bool) -> AgendaWord {
        AgendaWord { item, word, actionable }
    }
    [
        a(AgendaItem::Status, "status", false),
        a(AgendaItem::Impediments, "impediments", true),
        a(AgendaItem::Dependencies, "dependencies", true),
        a(AgendaItem::Risks, "risks", true),
        a(AgendaItem::Decisions, "decisions", true),
        a(AgendaItem::Improvements, "improvements", false),
        a(AgendaItem::Integration, "integration", false),
        a(AgendaItem::Priorities, "priorities", false),
        a(AgendaItem::Knowledge, "knowledge", false),
    ]
};

const _: () = {
    let mut i = 0;
    while i < EVENT_KINDS.len() {
        assert!(EVENT_KINDS[i].kind as usize == i, "EVENT_KINDS is in the order of EventKind");
        i += 1;
    }
    let mut i = 0;
    while i < AGENDA_ITEMS.len() {
        assert!(AGENDA_ITEMS[i].item as usize == i, "AGENDA_ITEMS is in the order of AgendaItem");
        i += 1;
    }
};

/// `releases every <period>`, `event <kind> every <period>`.
pub const EVERY: &str = "every";
/// `event ... lasting <duration>`.
pub const LASTING: &str = "lasting";
/// `sprint <duration> starting <date>`.
pub const STARTING: &str = "starting";
/// `waive <rule> for <id>`.
pub const FOR: &str = "for";
/// `waive <rule> until <date>`.
pub const UNTIL: &str = "until";

/// A word that names a period (`every day`).
#[derive(Debug)]
pub struct PeriodWord {
    /// The word.
    pub word: &'static str,
    /// The period it names.
    pub period: Period,
}

/// The period words, in the order help lists them.
pub const PERIODS: [PeriodWord; 3] = [
    PeriodWord { word: "day", period: Period::Minutes(DAY_MINUTES) },
    PeriodWord { word: "week", period: Period::Minutes(7 * DAY_MINUTES) },
    PeriodWord { word: "sprint", period: Period::Sprint },
];

/// The period a word names, if any.
pub fn period(word: &str) -> Option<Period> {
    PERIODS.iter().find(|p| p.word == word).map(|p| p.period)
}

/// A unit of duration.
#[derive(Debug)]
pub struct DurationUnit {
    /// How it is written after the number (`2w`).
    pub unit: &'static str,
    /// Minutes in one.
    pub minutes: u64,
    /// The words people write for it (`weeks`, `wk`), told apart without case.
    pub spellings: &'static [&'static str],
}

/// The units of duration, smallest first.
pub const DURATION_UNITS: [DurationUnit; 4] = [
    DurationUnit { unit: "min", minutes: 1, spellings: &["min", "mins", "minute", "minutes", "m"] },
    DurationUnit { unit: "h", minutes: 60, spellings: &["h", "hr", "hrs", "hour", "hours"] },
    DurationUnit { unit: "d", minutes: DAY_MINUTES, spellings: &["d", "day", "days"] },
    DurationUnit { unit: "w", minutes: 7 * DAY_MINUTES, spellings: &["w", "wk", "wks", "week", "weeks"] },
];

/// Minutes in one `unit`, written as the language writes it (`min`, `h`, `d`, `w`).
pub fn unit_minutes(unit: &str) -> Option<u64> {
    DURATION_UNITS.iter().find(|u| u.unit == unit).map(|u| u.minutes)
}

/// The unit a duration is written with, from the words people write for it (`weeks`, `mins`).
pub fn duration_unit(word: &str) -> Option<&'static str> {
    DURATION_UNITS.iter().find(|u| u.spellings.iter().any(|s| s.eq_ignore_ascii_case(word))).map(|u| u.unit)
}

/// A length in minutes as the language writes it, in the largest unit that divides it:
/// `2w`, `10d`, `36h`, `90min`.
pub fn duration_text(minutes: u64) -> String {
    let unit = DURATION_UNITS.iter().rev().find(|u| minutes.is_multiple_of(u.minutes));
    match unit {
        Some(u) => format!("{}{}", minutes / u.minutes, u.unit),
        None => format!("{minutes}min"),
    }
}

/// A period as the language writes it: its word (`week`), else its duration (`2d`).
pub fn period_text(p: Period) -> String {
    match PERIODS.iter().find(|w| w.period == p) {
        Some(w) => w.word.to_owned(),
        None => match p {
            Period::Minutes(m) => duration_text(m),
            Period::Sprint => String::new(),
        },
    }
}

/// The words of `cadence_scope`, each with its spellings (the one completion offers first).
pub const CADENCE_SCOPES: [(CadenceScope, &[&str]); 2] = [
    (CadenceScope::Organisation, &["organisation", "organization"]),
    (CadenceScope::ScrumOfScrums, &["scrum_of_scrums"]),
];

/// The scope a word names, if any.
pub fn cadence_scope(word: &str) -> Option<CadenceScope> {
    CADENCE_SCOPES.iter().find(|(_, words)| words.contains(&word)).map(|(s, _)| *s)
}

/// `severity <rule> off`.
pub const OFF: &str = "off";

/// The levels of `severity`, in the order help lists them (`None` is `off`).
pub const LEVELS: [Option<Severity>; 4] =
    [Some(Severity::Error), Some(Severity::Warning), Some(Severity::Info), None];

/// The word of a level.
pub fn level_word(level: Option<Severity>) -> &'static str {
    level.map_or(OFF, Severity::as_str)
}

/// The level a word names: `Some(None)` for `off`, `None` for no level.
pub fn level(word: &str) -> Option<Option<Severity>> {
    LEVELS.iter().find(|l| level_word(**l) == word).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_names_one_thing() {
        for k in Keyword::all() {
            assert_eq!(Keyword::from_word(k.word()), Some(k));
            let used = k == Keyword::Agenda && EVENT_BLOCK.contains(&k)
                || ITEMS.iter().any(|i| i.statements.contains(&k));
            assert!(used, "`{}` is taken by no item", k.word());
        }
        for item in &ITEMS {
            for (n, k) in item.statements.iter().enumerate() {
                assert!(!item.statements[..n].contains(k), "{:?} lists `{}` twice", item.kind, k.word());
            }
            for s in item.spellings {
                assert_eq!(item_kind(s), Some(item.kind));
            }
        }
        let mut words: Vec<&str> = ITEM_WORDS.to_vec();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), ITEM_WORDS.len());
        for u in &DURATION_UNITS {
            assert_eq!(duration_unit(u.unit), Some(u.unit));
            for s in u.spellings {
                assert_eq!(duration_unit(&s.to_uppercase()), Some(u.unit));
            }
        }
    }

    #[test]
    fn durations_and_periods_are_written_as_the_language_writes_them() {
        assert_eq!(duration_text(2 * 7 * DAY_MINUTES), "2w");
        assert_eq!(duration_text(10 * DAY_MINUTES), "10d");
        assert_eq!(duration_text(36 * 60), "36h");
        assert_eq!(duration_text(90), "90min");
        assert_eq!(period_text(Period::Minutes(DAY_MINUTES)), "day");
        assert_eq!(period_text(Period::Minutes(7 * DAY_MINUTES)), "week");
        assert_eq!(period_text(Period::Minutes(2 * DAY_MINUTES)), "2d");
        assert_eq!(period_text(Period::Sprint), "sprint");
        assert_eq!(level("off"), Some(None));
        assert_eq!(level("warning"), Some(Some(Severity::Warning)));
        assert_eq!(level("fatal"), None);
    }
}
