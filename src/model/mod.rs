//! Stage 3, **model**: every file's declarations resolved into one typed organisation.
//!
//! Items live in arenas (`Vec<Team>`, ...) indexed by id newtypes; every reference is an id,
//! never a string looked up again. Defaults are applied (a team's effective cadence, the
//! policy's thresholds) and LANGUAGE.md §4's derived facts computed once: membership parents,
//! escalation targets, whether the organisation is scaled. Input errors SG002–SG010 come from
//! here ([`resolve`]); nothing after this stage reads text or syntax. Each person's roles are
//! derived in one walk ([`roles`]) by whoever first needs them.
//!
//! Arenas are in read order (files sorted by path, then position). Nothing that reaches output
//! depends on that order: rules break ties by identifier, and reports sort findings.

pub mod cadence;
pub mod graph;
pub mod names;
pub mod policy;
pub mod resolve;
pub mod roles;
pub mod time;

use jiff::civil::Date;

use crate::source::Span;
pub use crate::syntax::ast::{AgendaItem, CadenceScope, Event as EventSyntax, EventKind, Period, Range};
pub use names::{Name, Names};
pub use policy::{Policy, SeverityOverride, Waiver};
pub use resolve::resolve;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);
        impl $name {
            /// The arena index.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

ids! {
    /// A person.
    PersonId,
    /// A Scrum team.
    TeamId,
    /// A Scrum of Scrums.
    SosId,
    /// An Executive Action Team.
    EatId,
    /// An Executive MetaScrum.
    EmsId,
    /// A backlog.
    BacklogId,
    /// A Definition of Done.
    DodId,
}

/// A team or a Scrum of Scrums: what can be a member and what escalates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// A Scrum team.
    Team(TeamId),
    /// A Scrum of Scrums.
    Sos(SosId),
}

/// Where impediments go: a team, a Scrum of Scrums or an Executive Action Team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A unit.
    Unit(Unit),
    /// An Executive Action Team (where escalation ends).
    Eat(EatId),
}

/// Any item with an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemRef {
    /// A person.
    Person(PersonId),
    /// A team.
    Team(TeamId),
    /// A Scrum of Scrums.
    Sos(SosId),
    /// An Executive Action Team.
    Eat(EatId),
    /// An Executive MetaScrum.
    Ems(EmsId),
    /// A backlog.
    Backlog(BacklogId),
    /// A Definition of Done.
    Dod(DodId),
}

impl ItemRef {
    /// The kind of item it names.
    pub fn kind(self) -> crate::syntax::ast::ItemKind {
        use crate::syntax::ast::ItemKind;
        match self {
            ItemRef::Person(_) => ItemKind::Person,
            ItemRef::Team(_) => ItemKind::Team,
            ItemRef::Sos(_) => ItemKind::ScrumOfScrums,
            ItemRef::Eat(_) => ItemKind::ExecutiveActionTeam,
            ItemRef::Ems(_) => ItemKind::ExecutiveMetascrum,
            ItemRef::Backlog(_) => ItemKind::Backlog,
            ItemRef::Dod(_) => ItemKind::DefinitionOfDone,
        }
    }
}

/// A value given by one statement, with the statement's span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// The statement (or list entry) that gives it.
    pub span: Span,
}

/// A list given by one or more statements: its entries, and the first statement's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List<T> {
    /// The entries with their own spans, in order.
    pub entries: Vec<At<T>>,
    /// The first statement that gives the list, if any.
    pub span: Option<Span>,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List { entries: Vec::new(), span: None }
    }
}

impl<T> List<T> {
    /// Whether the item declares the statement at all.
    pub fn is_declared(&self) -> bool {
        self.span.is_some()
    }

    /// The values, without spans.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.entries.iter().map(|e| &e.value)
    }
}

/// What every identified item has.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    /// Its identifier.
    pub ident: Name,
    /// Its display name.
    pub display: Option<String>,
    /// Its header line.
    pub span: Span,
}

/// A sprint cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cadence {
    /// Length in days.
    pub days: u32,
    /// First day of a sprint, if given.
    pub start: Option<Date>,
    /// The `sprint` statement that gives it (the organisation's, when inherited).
    pub span: Span,
    /// Whether it is the organisation's default (LANGUAGE.md §4).
    pub inherited: bool,
}

/// An event of a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Kind, period, duration and agenda.
    pub syntax: EventSyntax,
    /// The statement.
    pub span: Span,
}

/// The organisation item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Organisation {
    /// Its name.
    pub name: String,
    /// Its header line.
    pub span: Span,
    /// `vision`.
    pub vision: Option<At<String>>,
    /// `sprint`: the default cadence.
    pub sprint: Option<Cadence>,
    /// `metrics`.
    pub metrics: List<Name>,
}

/// A person.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    /// Identifier, display name, header.
    pub header: Header,
    /// `title`.
    pub title: Option<At<String>>,
    /// `executive`.
    pub executive: Option<Span>,
    /// `authority`.
    pub authority: List<Name>,
}

/// A team's developers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Developers {
    /// `developers 6`.
    Count(At<u32>),
    /// `developers a, b, c`.
    Named(List<PersonId>),
}

impl Developers {
    /// How many developers the team has.
    pub fn count(&self) -> usize {
        match self {
            Developers::Count(n) => n.value as usize,
            Developers::Named(list) => list.entries.len(),
        }
    }

    /// The statement that gives them.
    pub fn span(&self) -> Option<Span> {
        match self {
            Developers::Count(n) => Some(n.span),
            Developers::Named(list) => list.span,
        }
    }
}

/// A Scrum team.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Team {
    /// Identifier, display name, header.
    pub header: Header,
    /// `product_owner`.
    pub product_owner: Option<At<PersonId>>,
    /// `scrum_master`.
    pub scrum_master: Option<At<PersonId>>,
    /// `developers`.
    pub developers: Option<Developers>,
    /// Its own `sprint`.
    pub sprint: Option<Cadence>,
    /// `backlog`.
    pub backlog: Option<At<BacklogId>>,
    /// `definition_of_done`.
    pub definition_of_done: Option<At<DodId>>,
    /// `escalates_to`.
    pub escalates_to: Option<At<Target>>,
    /// `depends_on`.
    pub depends_on: List<TeamId>,
    /// `releases every`.
    pub releases: Option<At<Period>>,
    /// `metrics`.
    pub metrics: List<Name>,
    /// `event`s.
    pub events: Vec<Event>,
    /// Derived: the Scrums of Scrums that list it, in read order.
    pub parents: Vec<SosId>,
    /// Derived: its own sprint, else the organisation's (LANGUAGE.md §4).
    pub cadence: Option<Cadence>,
    /// Derived: its escalation target (LANGUAGE.md §4).
    pub target: Option<Target>,
}

/// A Scrum of Scrums.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScrumOfScrums {
    /// Identifier, display name, header.
    pub header: Header,
    /// `members`.
    pub members: List<Unit>,
    /// `scrum_of_scrums_master`.
    pub master: Option<At<PersonId>>,
    /// `chief_product_owner`.
    pub chief_product_owner: Option<At<PersonId>>,
    /// `backlog`.
    pub backlog: Option<At<BacklogId>>,
    /// `definition_of_done`.
    pub definition_of_done: Option<At<DodId>>,
    /// `escalates_to`.
    pub escalates_to: Option<At<Target>>,
    /// `releases every`.
    pub releases: Option<At<Period>>,
    /// `metrics`.
    pub metrics: List<Name>,
    /// `event`s.
    pub events: Vec<Event>,
    /// Derived: the Scrums of Scrums that list it.
    pub parents: Vec<SosId>,
    /// Derived: its escalation target.
    pub target: Option<Target>,
}

/// An Executive Action Team.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExecutiveActionTeam {
    /// Identifier, display name, header.
    pub header: Header,
    /// `members`.
    pub members: List<PersonId>,
    /// `product_owner`.
    pub product_owner: Option<At<PersonId>>,
    /// `scrum_master`.
    pub scrum_master: Option<At<PersonId>>,
    /// `authority`: its mandate.
    pub authority: List<Name>,
    /// `approves`: approval gates.
    pub approves: List<Name>,
    /// `backlog`.
    pub backlog: Option<At<BacklogId>>,
    /// `event`s.
    pub events: Vec<Event>,
}

impl ExecutiveActionTeam {
    /// Its members in the sense of LANGUAGE.md §4: `members`, `product_owner`, `scrum_master`.
    pub fn all_members(&self) -> impl Iterator<Item = PersonId> + '_ {
        self.members
            .values()
            .copied()
            .chain(self.product_owner.map(|p| p.value))
            .chain(self.scrum_master.map(|p| p.value))
    }
}

/// An Executive MetaScrum.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExecutiveMetascrum {
    /// Identifier, display name, header.
    pub header: Header,
    /// `chief_product_owner`.
    pub chief_product_owner: Option<At<PersonId>>,
    /// `members`.
    pub members: List<PersonId>,
    /// `backlog`.
    pub backlog: Option<At<BacklogId>>,
    /// `event`s.
    pub events: Vec<Event>,
}

/// A backlog.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Backlog {
    /// Identifier, display name, header.
    pub header: Header,
    /// `owner`.
    pub owner: Option<At<PersonId>>,
    /// `wip_limit`.
    pub wip_limit: Option<At<u32>>,
}

/// A Definition of Done.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DefinitionOfDone {
    /// Identifier, display name, header.
    pub header: Header,
    /// `criteria`.
    pub criteria: List<String>,
}

/// The whole organisation, resolved.
#[derive(Debug, Clone)]
pub struct Model {
    /// The organisation item (a default one when it is missing, which is SG006).
    pub organisation: Organisation,
    /// People.
    pub people: Vec<Person>,
    /// Scrum teams.
    pub teams: Vec<Team>,
    /// Scrums of Scrums.
    pub scrums_of_scrums: Vec<ScrumOfScrums>,
    /// Executive Action Teams.
    pub eats: Vec<ExecutiveActionTeam>,
    /// Executive MetaScrums.
    pub emss: Vec<ExecutiveMetascrum>,
    /// Backlogs.
    pub backlogs: Vec<Backlog>,
    /// Definitions of Done.
    pub dods: Vec<DefinitionOfDone>,
    /// The policy, defaults applied.
    pub policy: Policy,
    /// Interned identifiers and words.
    pub names: Names,
}

impl Model {
    /// The text of an interned name.
    pub fn name(&self, name: Name) -> &str {
        self.names.get(name)
    }

    /// A person.
    pub fn person(&self, id: PersonId) -> &Person {
        &self.people[id.index()]
    }

    /// A team.
    pub fn team(&self, id: TeamId) -> &Team {
        &self.teams[id.index()]
    }

    /// A Scrum of Scrums.
    pub fn sos(&self, id: SosId) -> &ScrumOfScrums {
        &self.scrums_of_scrums[id.index()]
    }

    /// An Executive Action Team.
    pub fn eat(&self, id: EatId) -> &ExecutiveActionTeam {
        &self.eats[id.index()]
    }

    /// A backlog.
    pub fn backlog(&self, id: BacklogId) -> &Backlog {
        &self.backlogs[id.index()]
    }

    /// Teams with their ids.
    pub fn team_ids(&self) -> impl Iterator<Item = (TeamId, &Team)> {
        self.teams.iter().enumerate().map(|(i, t)| (TeamId(i as u32), t))
    }

    /// Scrums of Scrums with their ids.
    pub fn sos_ids(&self) -> impl Iterator<Item = (SosId, &ScrumOfScrums)> {
        self.scrums_of_scrums.iter().enumerate().map(|(i, s)| (SosId(i as u32), s))
    }

    /// Executive Action Teams with their ids.
    pub fn eat_ids(&self) -> impl Iterator<Item = (EatId, &ExecutiveActionTeam)> {
        self.eats.iter().enumerate().map(|(i, e)| (EatId(i as u32), e))
    }

    /// People with their ids.
    pub fn person_ids(&self) -> impl Iterator<Item = (PersonId, &Person)> {
        self.people.iter().enumerate().map(|(i, p)| (PersonId(i as u32), p))
    }

    /// Whether the organisation is scaled: a Scrum of Scrums, or two or more teams (§4).
    pub fn is_scaled(&self) -> bool {
        !self.scrums_of_scrums.is_empty() || self.teams.len() >= 2
    }

    /// The identifier of an item.
    pub fn ident(&self, item: ItemRef) -> &str {
        let header = match item {
            ItemRef::Person(id) => &self.people[id.index()].header,
            ItemRef::Team(id) => &self.teams[id.index()].header,
            ItemRef::Sos(id) => &self.scrums_of_scrums[id.index()].header,
            ItemRef::Eat(id) => &self.eats[id.index()].header,
            ItemRef::Ems(id) => &self.emss[id.index()].header,
            ItemRef::Backlog(id) => &self.backlogs[id.index()].header,
            ItemRef::Dod(id) => &self.dods[id.index()].header,
        };
        self.name(header.ident)
    }

    /// The header of a unit.
    pub fn unit_header(&self, unit: Unit) -> &Header {
        match unit {
            Unit::Team(id) => &self.team(id).header,
            Unit::Sos(id) => &self.sos(id).header,
        }
    }

    /// The identifier of a unit.
    pub fn unit_ident(&self, unit: Unit) -> &str {
        self.name(self.unit_header(unit).ident)
    }

    /// The identifier of an escalation target.
    pub fn target_ident(&self, target: Target) -> &str {
        match target {
            Target::Unit(u) => self.unit_ident(u),
            Target::Eat(e) => self.name(self.eat(e).header.ident),
        }
    }

    /// The Scrums of Scrums that list a unit.
    pub fn parents(&self, unit: Unit) -> &[SosId] {
        match unit {
            Unit::Team(id) => &self.team(id).parents,
            Unit::Sos(id) => &self.sos(id).parents,
        }
    }

    /// A unit's declared `escalates_to`.
    pub fn escalates_to(&self, unit: Unit) -> Option<At<Target>> {
        match unit {
            Unit::Team(id) => self.team(id).escalates_to,
            Unit::Sos(id) => self.sos(id).escalates_to,
        }
    }

    /// A unit's escalation target (LANGUAGE.md §4).
    pub fn target(&self, unit: Unit) -> Option<Target> {
        match unit {
            Unit::Team(id) => self.team(id).target,
            Unit::Sos(id) => self.sos(id).target,
        }
    }
}
