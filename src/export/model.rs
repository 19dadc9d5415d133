//! `scaleguard export --format json`: the resolved model as JSON, for dashboards and other
//! tools. Schema version [`VERSION`], described by `docs/export-schema.json` (docs/export.md).
//!
//! "Resolved" means the facts of LANGUAGE.md §4 are computed, not left to the reader: each
//! team's effective cadence, each unit's parents, escalation target and where its escalation
//! path ends, each Scrum of Scrums' effective sprint length and the teams below it, each
//! period of `sprint` in minutes, each EAT's members and which member backs each authority
//! domain, and the policy with every default filled in (marked `"default": true`). References
//! are identifiers. Items are sorted by identifier, so the output does not depend on how the
//! organisation is split over files; lists inside an item keep the order they were written in.
//! Every item, statement and list entry that has a place carries a `span` (file, 1-based line
//! and column, end line and column).

use serde::Serialize;

use crate::checks::Context;
use crate::model::graph::{PathEnd, escalation, unit_node};
use crate::model::{
    self, At, Cadence, Developers, Event, ItemRef, List, Model, Name, Period, PersonId, Target, Unit,
};
use crate::report::json::Location;
use crate::source::{SourceMap, Span};
use crate::syntax::ast::{CadenceScope, DAY_MINUTES};

/// The schema version of the export.
pub const VERSION: u32 = 1;

/// The whole export.
#[derive(Debug, Clone, Serialize)]
pub struct Export {
    /// Schema version ([`VERSION`]).
    pub version: u32,
    /// Whether the organisation is scaled (LANGUAGE.md §4).
    pub scaled: bool,
    /// The organisation item.
    pub organisation: Organisation,
    /// People, by identifier.
    pub people: Vec<Person>,
    /// Scrum teams, by identifier.
    pub teams: Vec<Team>,
    /// Scrums of Scrums, by identifier.
    pub scrums_of_scrums: Vec<ScrumOfScrums>,
    /// Executive Action Teams, by identifier.
    pub executive_action_teams: Vec<ExecutiveActionTeam>,
    /// Executive MetaScrums, by identifier.
    pub executive_metascrums: Vec<ExecutiveMetascrum>,
    /// Backlogs, by identifier.
    pub backlogs: Vec<Backlog>,
    /// Definitions of Done, by identifier.
    pub definitions_of_done: Vec<DefinitionOfDone>,
    /// The policy, defaults applied.
    pub policy: Policy,
}

/// The organisation item.
#[derive(Debug, Clone, Serialize)]
pub struct Organisation {
    /// Its name.
    pub name: String,
    /// `vision`.
    pub vision: Option<String>,
    /// `sprint`: the default cadence.
    pub sprint: Option<JsonCadence>,
    /// `metrics`.
    pub metrics: Vec<String>,
    /// The header.
    pub span: Location,
}

/// A sprint cadence.
#[derive(Debug, Clone, Serialize)]
pub struct JsonCadence {
    /// Length in days.
    pub days: u32,
    /// First day of a sprint, `YYYY-MM-DD`, if given.
    pub start: Option<String>,
    /// Whether it is the organisation's (a team that declares none).
    pub inherited: bool,
    /// The `sprint` statement.
    pub span: Location,
}

/// A reference to a unit or an EAT.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct UnitRef {
    /// `team`, `scrum_of_scrums` or `executive_action_team`.
    pub kind: &'static str,
    /// Its identifier.
    pub id: String,
}

/// A role a person holds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Role {
    /// The statement: `product_owner`, `scrum_master`, `developer`, `scrum_of_scrums_master`,
    /// `chief_product_owner`, `member`, `owner`.
    pub role: &'static str,
    /// The kind of item it is held in.
    pub kind: &'static str,
    /// The item's identifier.
    pub id: String,
}

/// A person.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub display: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `executive`.
    pub executive: bool,
    /// `authority`.
    pub authority: Vec<String>,
    /// Derived: every role the person holds, sorted.
    pub roles: Vec<Role>,
    /// The header.
    pub span: Location,
}

/// A team's developers.
#[derive(Debug, Clone, Serialize)]
pub struct JsonDevelopers {
    /// How many.
    pub count: usize,
    /// Their identifiers, when named (`null` for `developers <int>`).
    pub named: Option<Vec<String>>,
    /// The (first) `developers` statement.
    pub span: Option<Location>,
}

/// How often: `every` of an event, or `releases every`.
#[derive(Debug, Clone, Serialize)]
pub struct JsonPeriod {
    /// Whether it is `sprint`.
    pub sprint: bool,
    /// The fixed period in minutes (`null` for `sprint`).
    pub minutes: Option<u64>,
    /// The period in minutes with `sprint` resolved to the unit's effective sprint length
    /// (`null` when there is none).
    pub effective_minutes: Option<u64>,
}

/// An event.
#[derive(Debug, Clone, Serialize)]
pub struct JsonEvent {
    /// Its kind, `scaled_daily_scrum`.
    pub kind: &'static str,
    /// How often.
    pub every: JsonPeriod,
    /// How long, in minutes.
    pub lasting_minutes: Option<u64>,
    /// Its agenda items (`null` without an agenda block).
    pub agenda: Option<Vec<&'static str>>,
    /// Whether the agenda holds an actionable item (impediments, dependencies, risks,
    /// decisions).
    pub actionable: bool,
    /// The statement.
    pub span: Location,
}

/// Where a unit's escalation path ends (LANGUAGE.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PathEndKind {
    /// At an Executive Action Team.
    Eat,
    /// At a unit without a target.
    DeadEnd,
    /// On or into an escalation cycle.
    Cycle,
}

/// A Scrum team.
#[derive(Debug, Clone, Serialize)]
pub struct Team {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub display: Option<String>,
    /// `product_owner`.
    pub product_owner: Option<String>,
    /// `scrum_master`.
    pub scrum_master: Option<String>,
    /// `developers`.
    pub developers: Option<JsonDevelopers>,
    /// Its own `sprint`.
    pub sprint: Option<JsonCadence>,
    /// Derived: its effective cadence (its own, else the organisation's).
    pub cadence: Option<JsonCadence>,
    /// `backlog`.
    pub backlog: Option<String>,
    /// `definition_of_done`.
    pub definition_of_done: Option<String>,
    /// `escalates_to`, as declared.
    pub escalates_to: Option<UnitRef>,
    /// Derived: its escalation target (declared, else its one Scrum of Scrums).
    pub escalation_target: Option<UnitRef>,
    /// Derived: where its escalation path ends.
    pub escalation_path_end: PathEndKind,
    /// Derived: the Scrums of Scrums that list it, sorted.
    pub parents: Vec<String>,
    /// `depends_on`.
    pub depends_on: Vec<String>,
    /// `releases every`.
    pub releases: Option<JsonPeriod>,
    /// `metrics`.
    pub metrics: Vec<String>,
    /// `event`s.
    pub events: Vec<JsonEvent>,
    /// The header.
    pub span: Location,
}

/// A Scrum of Scrums.
#[derive(Debug, Clone, Serialize)]
pub struct ScrumOfScrums {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub display: Option<String>,
    /// `members`.
    pub members: Vec<UnitRef>,
    /// `scrum_of_scrums_master`.
    pub scrum_of_scrums_master: Option<String>,
    /// `chief_product_owner`.
    pub chief_product_owner: Option<String>,
    /// `backlog`.
    pub backlog: Option<String>,
    /// `definition_of_done`.
    pub definition_of_done: Option<String>,
    /// `escalates_to`, as declared.
    pub escalates_to: Option<UnitRef>,
    /// Derived: its escalation target.
    pub escalation_target: Option<UnitRef>,
    /// Derived: where its escalation path ends.
    pub escalation_path_end: PathEndKind,
    /// Derived: the Scrums of Scrums that list it, sorted.
    pub parents: Vec<String>,
    /// Derived: the teams below it at any depth, sorted.
    pub teams_below: Vec<String>,
    /// Derived: its effective sprint length in days.
    pub sprint_days: Option<u32>,
    /// `releases every`.
    pub releases: Option<JsonPeriod>,
    /// `metrics`.
    pub metrics: Vec<String>,
    /// `event`s.
    pub events: Vec<JsonEvent>,
    /// The header.
    pub span: Location,
}

/// One domain of an EAT's authority.
#[derive(Debug, Clone, Serialize)]
pub struct JsonAuthority {
    /// The domain.
    pub domain: String,
    /// Derived: the members who hold it personally, sorted (empty: unbacked).
    pub backed_by: Vec<String>,
}

/// An Executive Action Team.
#[derive(Debug, Clone, Serialize)]
pub struct ExecutiveActionTeam {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub display: Option<String>,
    /// `members`.
    pub members: Vec<String>,
    /// `product_owner`.
    pub product_owner: Option<String>,
    /// `scrum_master`.
    pub scrum_master: Option<String>,
    /// Derived: its members in the sense of LANGUAGE.md §4, sorted, each once.
    pub all_members: Vec<String>,
    /// `authority`, with who backs each domain.
    pub authority: Vec<JsonAuthority>,
    /// `approves`.
    pub approves: Vec<String>,
    /// `backlog`.
    pub backlog: Option<String>,
    /// `event`s.
    pub events: Vec<JsonEvent>,
    /// The header.
    pub span: Location,
}

/// An Executive MetaScrum.
#[derive(Debug, Clone, Serialize)]
pub struct ExecutiveMetascrum {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub display: Option<String>,
    /// `chief_product_owner`.
    pub chief_product_owner: Option<String>,
    /// `members`.
    pub members: Vec<String>,
    /// `backlog`.
    pub backlog: Option<String>,
    /// `event`s.
    pub events: Vec<JsonEvent>,
    /// The header.
    pub span: Location,
}

/// A backlog.
#[derive(Debug, Clone, Serialize)]
pub struct Backlog {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub display: Option<String>,
    /// `owner`.
    pub owner: Option<String>,
    /// `wip_limit`.
    pub wip_limit: Option<u32>,
    /// The header.
    pub span: Location,
}

/// A Definition of Done.
#[derive(Debug, Clone, Serialize)]
pub struct DefinitionOfDone {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub display: Option<String>,
    /// `criteria`.
    pub criteria: Vec<String>,
    /// The header.
    pub span: Location,
}

/// A policy threshold and where it was set.
#[derive(Debug, Clone, Serialize)]
pub struct Setting<T: Serialize> {
    /// The value in force.
    pub value: T,
    /// Whether it is the default (no statement sets it).
    pub default: bool,
    /// The statement that sets it, if any.
    pub span: Option<Location>,
}

/// An inclusive range.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct JsonRange {
    /// Lower bound.
    pub min: u32,
    /// Upper bound.
    pub max: u32,
}

/// A `severity` override.
#[derive(Debug, Clone, Serialize)]
pub struct JsonSeverity {
    /// The rule's code.
    pub rule: &'static str,
    /// The rule's name.
    pub name: &'static str,
    /// `error`, `warning`, `info` or `off`.
    pub level: &'static str,
    /// The statement.
    pub span: Location,
}

/// A waiver.
#[derive(Debug, Clone, Serialize)]
pub struct JsonWaiver {
    /// The rule's code.
    pub rule: &'static str,
    /// The rule's name.
    pub name: &'static str,
    /// The `for` identifier.
    #[serde(rename = "for")]
    pub target: Option<String>,
    /// `until`, `YYYY-MM-DD`.
    pub until: Option<String>,
    /// The reason.
    pub reason: String,
    /// The statement.
    pub span: Location,
}

/// The policy, defaults applied.
#[derive(Debug, Clone, Serialize)]
pub struct Policy {
    /// `team_size`.
    pub team_size: Setting<JsonRange>,
    /// `scrum_of_scrums_size`.
    pub scrum_of_scrums_size: Setting<JsonRange>,
    /// `max_sprint`, in days.
    pub max_sprint_days: Setting<u32>,
    /// `required_authority`.
    pub required_authority: Setting<Vec<String>>,
    /// `max_teams_per_scrum_master`.
    pub max_teams_per_scrum_master: Setting<u32>,
    /// `max_teams_per_product_owner`.
    pub max_teams_per_product_owner: Setting<u32>,
    /// `max_dependencies_per_team`.
    pub max_dependencies_per_team: Setting<u32>,
    /// `max_roles_per_person`.
    pub max_roles_per_person: Setting<u32>,
    /// `cadence_scope`: `organisation` or `scrum_of_scrums`.
    pub cadence_scope: Setting<&'static str>,
    /// `severity` overrides, in the order written.
    pub severities: Vec<JsonSeverity>,
    /// `waive` statements, in the order written.
    pub waivers: Vec<JsonWaiver>,
    /// The `policy` header, if there is one.
    pub span: Option<Location>,
}

/// Builds the export of a resolved model (whose spans point into `sources`).
pub fn export(model: &Model, sources: &SourceMap) -> Export {
    let e = Exporter {
        m: model,
        sources,
        cx: Context::new(model, crate::today_utc()),
        ends: escalation(model).ends,
    };
    e.build()
}

/// The export as pretty JSON, with a final newline.
pub fn to_json(model: &Model, sources: &SourceMap) -> String {
    let mut out = Vec::new();
    // Writing into a `Vec` cannot fail, and the export holds only strings, numbers and maps
    // with string keys, which serde_json always serialises.
    let _ = write_json(&mut out, model, sources);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the export as pretty JSON, with a final newline, as it is serialised: at 100,000
/// teams it is about 750 MB, which is not worth holding in memory as one string.
pub fn write_json<W: std::io::Write>(mut out: W, model: &Model, sources: &SourceMap) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, &export(model, sources))?;
    out.write_all(b"\n")
}

struct Exporter<'m> {
    m: &'m Model,
    sources: &'m SourceMap,
    cx: Context<'m>,
    ends: Vec<PathEnd>,
}

impl Exporter<'_> {
    fn loc(&self, span: Span) -> Location {
        Location::of(span, self.sources)
    }

    fn name(&self, name: Name) -> String {
        self.m.name(name).to_owned()
    }

    fn names(&self, list: &List<Name>) -> Vec<String> {
        list.values().map(|n| self.name(*n)).collect()
    }

    fn person(&self, id: PersonId) -> String {
        self.name(self.m.person(id).header.ident)
    }

    fn people(&self, list: &List<PersonId>) -> Vec<String> {
        list.values().map(|p| self.person(*p)).collect()
    }

    fn holder(&self, at: Option<At<PersonId>>) -> Option<String> {
        at.map(|p| self.person(p.value))
    }

    fn unit_ref(&self, unit: Unit) -> UnitRef {
        UnitRef {
            kind: match unit {
                Unit::Team(_) => "team",
                Unit::Sos(_) => "scrum_of_scrums",
            },
            id: self.m.unit_ident(unit).to_owned(),
        }
    }

    fn target_ref(&self, target: Target) -> UnitRef {
        match target {
            Target::Unit(u) => self.unit_ref(u),
            Target::Eat(e) => {
                UnitRef { kind: "executive_action_team", id: self.name(self.m.eat(e).header.ident) }
            }
        }
    }

    fn cadence(&self, c: Cadence) -> JsonCadence {
        JsonCadence {
            days: c.days,
            start: c.start.map(|d| d.to_string()),
            inherited: c.inherited,
            span: self.loc(c.span),
        }
    }

    fn period(&self, p: Period, sprint_days: Option<u32>) -> JsonPeriod {
        match p {
            Period::Minutes(m) => JsonPeriod { sprint: false, minutes: Some(m), effective_minutes: Some(m) },
            Period::Sprint => JsonPeriod {
                sprint: true,
                minutes: None,
                effective_minutes: sprint_days.map(|d| u64::from(d) * DAY_MINUTES),
            },
        }
    }

    fn events(&self, events: &[Event], sprint_days: Option<u32>) -> Vec<JsonEvent> {
        events
            .iter()
            .map(|e| {
                let agenda: Option<Vec<&'static str>> =
                    e.syntax.agenda.as_ref().map(|a| a.iter().map(|(item, _)| item.keyword()).collect());
                let actionable =
                    e.syntax.agenda.as_ref().is_some_and(|a| a.iter().any(|(i, _)| i.is_actionable()));
                JsonEvent {
                    kind: e.syntax.kind.keyword(),
                    every: self.period(e.syntax.every, sprint_days),
                    lasting_minutes: e.syntax.lasting,
                    agenda,
                    actionable,
                    span: self.loc(e.span),
                }
            })
            .collect()
    }

    fn parents(&self, unit: Unit) -> Vec<String> {
        let mut out: Vec<String> =
            self.m.parents(unit).iter().map(|s| self.name(self.m.sos(*s).header.ident)).collect();
        out.sort();
        out
    }

    fn path_end(&self, unit: Unit) -> PathEndKind {
        match self.ends.get(unit_node(self.m, unit)) {
            Some(PathEnd::Eat) | None => PathEndKind::Eat,
            Some(PathEnd::DeadEnd(_)) => PathEndKind::DeadEnd,
            Some(PathEnd::OnCycle(_) | PathEnd::IntoCycle(_)) => PathEndKind::Cycle,
        }
    }

    fn build(&self) -> Export {
        let m = self.m;
        let org = &m.organisation;
        let organisation = Organisation {
            name: org.name.clone(),
            vision: org.vision.as_ref().map(|v| v.value.clone()),
            sprint: org.sprint.map(|c| self.cadence(c)),
            metrics: self.names(&org.metrics),
            span: self.loc(org.span),
        };
        let roles = self.roles();
        let mut people: Vec<Person> = m
            .person_ids()
            .map(|(id, p)| Person {
                id: self.name(p.header.ident),
                display: p.header.display.clone(),
                title: p.title.as_ref().map(|t| t.value.clone()),
                executive: p.executive.is_some(),
                authority: self.names(&p.authority),
                roles: roles.get(id.index()).cloned().unwrap_or_default(),
                span: self.loc(p.header.span),
            })
            .collect();
        people.sort_by(|a, b| a.id.cmp(&b.id));
        let mut teams: Vec<Team> = m.team_ids().map(|(id, t)| self.team(id, t)).collect();
        teams.sort_by(|a, b| a.id.cmp(&b.id));
        let mut scrums_of_scrums: Vec<ScrumOfScrums> = m.sos_ids().map(|(id, s)| self.sos(id, s)).collect();
        scrums_of_scrums.sort_by(|a, b| a.id.cmp(&b.id));
        let org_days = self.cx.org_sprint_days();
        let mut executive_action_teams: Vec<ExecutiveActionTeam> = m
            .eats
            .iter()
            .map(|e| {
                let mut all: Vec<String> = e.all_members().map(|p| self.person(p)).collect();
                all.sort();
                all.dedup();
                let authority = e
                    .authority
                    .values()
                    .map(|d| {
                        let mut backed_by: Vec<String> = e
                            .all_members()
                            .filter(|p| m.person(*p).authority.values().any(|x| x == d))
                            .map(|p| self.person(p))
                            .collect();
                        backed_by.sort();
                        backed_by.dedup();
                        JsonAuthority { domain: self.name(*d), backed_by }
                    })
                    .collect();
                ExecutiveActionTeam {
                    id: self.name(e.header.ident),
                    display: e.header.display.clone(),
                    members: self.people(&e.members),
                    product_owner: self.holder(e.product_owner),
                    scrum_master: self.holder(e.scrum_master),
                    all_members: all,
                    authority,
                    approves: self.names(&e.approves),
                    backlog: e.backlog.map(|b| self.name(m.backlog(b.value).header.ident)),
                    events: self.events(&e.events, org_days),
                    span: self.loc(e.header.span),
                }
            })
            .collect();
        executive_action_teams.sort_by(|a, b| a.id.cmp(&b.id));
        let mut executive_metascrums: Vec<ExecutiveMetascrum> = m
            .emss
            .iter()
            .map(|e| ExecutiveMetascrum {
                id: self.name(e.header.ident),
                display: e.header.display.clone(),
                chief_product_owner: self.holder(e.chief_product_owner),
                members: self.people(&e.members),
                backlog: e.backlog.map(|b| self.name(m.backlog(b.value).header.ident)),
                events: self.events(&e.events, org_days),
                span: self.loc(e.header.span),
            })
            .collect();
        executive_metascrums.sort_by(|a, b| a.id.cmp(&b.id));
        let mut backlogs: Vec<Backlog> = m
            .backlogs
            .iter()
            .map(|b| Backlog {
                id: self.name(b.header.ident),
                display: b.header.display.clone(),
                owner: self.holder(b.owner),
                wip_limit: b.wip_limit.map(|w| w.value),
                span: self.loc(b.header.span),
            })
            .collect();
        backlogs.sort_by(|a, b| a.id.cmp(&b.id));
        let mut definitions_of_done: Vec<DefinitionOfDone> = m
            .dods
            .iter()
            .map(|d| DefinitionOfDone {
                id: self.name(d.header.ident),
                display: d.header.display.clone(),
                criteria: d.criteria.values().cloned().collect(),
                span: self.loc(d.header.span),
            })
            .collect();
        definitions_of_done.sort_by(|a, b| a.id.cmp(&b.id));
        Export {
            version: VERSION,
            scaled: m.is_scaled(),
            organisation,
            people,
            teams,
            scrums_of_scrums,
            executive_action_teams,
            executive_metascrums,
            backlogs,
            definitions_of_done,
            policy: self.policy(),
        }
    }

    fn team(&self, id: model::TeamId, t: &model::Team) -> Team {
        let m = self.m;
        let unit = Unit::Team(id);
        let sprint_days = t.cadence.map(|c| c.days);
        Team {
            id: self.name(t.header.ident),
            display: t.header.display.clone(),
            product_owner: self.holder(t.product_owner),
            scrum_master: self.holder(t.scrum_master),
            developers: t.developers.as_ref().map(|d| JsonDevelopers {
                count: d.count(),
                named: match d {
                    Developers::Count(_) => None,
                    Developers::Named(list) => Some(self.people(list)),
                },
                span: d.span().map(|s| self.loc(s)),
            }),
            sprint: t.sprint.map(|c| self.cadence(c)),
            cadence: t.cadence.map(|c| self.cadence(c)),
            backlog: t.backlog.map(|b| self.name(m.backlog(b.value).header.ident)),
            definition_of_done: t.definition_of_done.map(|d| self.name(m.dods[d.value.index()].header.ident)),
            escalates_to: t.escalates_to.map(|a| self.target_ref(a.value)),
            escalation_target: t.target.map(|x| self.target_ref(x)),
            escalation_path_end: self.path_end(unit),
            parents: self.parents(unit),
            depends_on: t.depends_on.values().map(|d| self.name(m.team(*d).header.ident)).collect(),
            releases: t.releases.map(|r| self.period(r.value, sprint_days)),
            metrics: self.names(&t.metrics),
            events: self.events(&t.events, sprint_days),
            span: self.loc(t.header.span),
        }
    }

    fn sos(&self, id: model::SosId, s: &model::ScrumOfScrums) -> ScrumOfScrums {
        let m = self.m;
        let unit = Unit::Sos(id);
        let sprint_days = self.cx.sos_sprint_days(id);
        let mut teams_below: Vec<String> =
            self.cx.teams_below(id).map(|t| self.name(m.team(t).header.ident)).collect();
        teams_below.sort();
        ScrumOfScrums {
            id: self.name(s.header.ident),
            display: s.header.display.clone(),
            members: s.members.values().map(|u| self.unit_ref(*u)).collect(),
            scrum_of_scrums_master: self.holder(s.master),
            chief_product_owner: self.holder(s.chief_product_owner),
            backlog: s.backlog.map(|b| self.name(m.backlog(b.value).header.ident)),
            definition_of_done: s.definition_of_done.map(|d| self.name(m.dods[d.value.index()].header.ident)),
            escalates_to: s.escalates_to.map(|a| self.target_ref(a.value)),
            escalation_target: s.target.map(|x| self.target_ref(x)),
            escalation_path_end: self.path_end(unit),
            parents: self.parents(unit),
            teams_below,
            sprint_days,
            releases: s.releases.map(|r| self.period(r.value, sprint_days)),
            metrics: self.names(&s.metrics),
            events: self.events(&s.events, sprint_days),
            span: self.loc(s.header.span),
        }
    }

    /// Every role of every person (by person index), sorted.
    fn roles(&self) -> Vec<Vec<Role>> {
        let m = self.m;
        let mut out: Vec<Vec<Role>> = vec![Vec::new(); m.people.len()];
        let mut add = |p: PersonId, role: &'static str, item: ItemRef| {
            if let Some(list) = out.get_mut(p.index()) {
                let kind = item_kind(item);
                list.push(Role { role, kind, id: m.ident(item).to_owned() });
            }
        };
        for (id, t) in m.team_ids() {
            let item = ItemRef::Team(id);
            if let Some(p) = t.product_owner {
                add(p.value, "product_owner", item);
            }
            if let Some(p) = t.scrum_master {
                add(p.value, "scrum_master", item);
            }
            if let Some(Developers::Named(list)) = &t.developers {
                for p in list.values() {
                    add(*p, "developer", item);
                }
            }
        }
        for (id, s) in m.sos_ids() {
            let item = ItemRef::Sos(id);
            if let Some(p) = s.master {
                add(p.value, "scrum_of_scrums_master", item);
            }
            if let Some(p) = s.chief_product_owner {
                add(p.value, "chief_product_owner", item);
            }
        }
        for (id, e) in m.eat_ids() {
            let item = ItemRef::Eat(id);
            for p in e.members.values() {
                add(*p, "member", item);
            }
            if let Some(p) = e.product_owner {
                add(p.value, "product_owner", item);
            }
            if let Some(p) = e.scrum_master {
                add(p.value, "scrum_master", item);
            }
        }
        for (i, e) in m.emss.iter().enumerate() {
            let item = ItemRef::Ems(model::EmsId(i as u32));
            if let Some(p) = e.chief_product_owner {
                add(p.value, "chief_product_owner", item);
            }
            for p in e.members.values() {
                add(*p, "member", item);
            }
        }
        for (i, b) in m.backlogs.iter().enumerate() {
            if let Some(p) = b.owner {
                add(p.value, "owner", ItemRef::Backlog(model::BacklogId(i as u32)));
            }
        }
        for list in &mut out {
            list.sort();
            list.dedup();
        }
        out
    }

    fn policy(&self) -> Policy {
        let p = &self.m.policy;
        let range = |r: crate::model::policy::Setting<crate::model::Range>| Setting {
            value: JsonRange { min: r.value.lo, max: r.value.hi },
            default: r.span.is_none(),
            span: r.span.map(|s| self.loc(s)),
        };
        let int = |s: crate::model::policy::Setting<u32>| Setting {
            value: s.value,
            default: s.span.is_none(),
            span: s.span.map(|x| self.loc(x)),
        };
        Policy {
            team_size: range(p.team_size),
            scrum_of_scrums_size: range(p.scrum_of_scrums_size),
            max_sprint_days: int(p.max_sprint),
            required_authority: Setting {
                value: p.required_authority.value.iter().map(|n| self.name(*n)).collect(),
                default: p.required_authority.span.is_none(),
                span: p.required_authority.span.map(|s| self.loc(s)),
            },
            max_teams_per_scrum_master: int(p.max_teams_per_scrum_master),
            max_teams_per_product_owner: int(p.max_teams_per_product_owner),
            max_dependencies_per_team: int(p.max_dependencies_per_team),
            max_roles_per_person: int(p.max_roles_per_person),
            cadence_scope: Setting {
                value: match p.cadence_scope.value {
                    CadenceScope::Organisation => "organisation",
                    CadenceScope::ScrumOfScrums => "scrum_of_scrums",
                },
                default: p.cadence_scope.span.is_none(),
                span: p.cadence_scope.span.map(|s| self.loc(s)),
            },
            severities: p
                .severities
                .iter()
                .map(|s| {
                    let meta = crate::catalogue::rule(s.rule);
                    JsonSeverity {
                        rule: meta.code,
                        name: meta.name,
                        level: s.level.map_or("off", |l| l.as_str()),
                        span: self.loc(s.span),
                    }
                })
                .collect(),
            waivers: p
                .waivers
                .iter()
                .map(|w| {
                    let meta = crate::catalogue::rule(w.rule);
                    JsonWaiver {
                        rule: meta.code,
                        name: meta.name,
                        target: w.target.as_ref().map(|(_, id)| id.clone()),
                        until: w.until.map(|u| u.to_string()),
                        reason: w.reason.clone(),
                        span: self.loc(w.span),
                    }
                })
                .collect(),
            span: p.span.map(|s| self.loc(s)),
        }
    }
}

/// The item keyword of an item reference.
pub fn item_kind(item: ItemRef) -> &'static str {
    item.kind().keyword()
}

/// Removes every `span` key from an export's JSON (recursively): what stays is the meaning,
/// which formatting or moving items between files must not change.
pub fn without_spans(mut value: serde_json::Value) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.remove("span");
                for x in map.values_mut() {
                    strip(x);
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut value);
    value
}
