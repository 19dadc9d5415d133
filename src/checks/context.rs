//! What every rule may read: the model, today's date, and facts several rules share
//! (units below each Scrum of Scrums, escalation paths, reference cadences, person roles), each
//! computed once on first use, from whichever thread asks first.

use std::sync::OnceLock;

use jiff::civil::Date;

use crate::model::cadence::{Reference, reference};
use crate::model::graph::{Escalation, escalation, units_below};
use crate::model::roles::{Role, Roles};
use crate::model::{Model, PersonId, SosId, TeamId, Unit};

/// The input of every rule.
pub struct Context<'m> {
    /// The resolved organisation.
    pub model: &'m Model,
    /// Today (UTC, or `--today`), for waiver expiry.
    pub today: Date,
    below: OnceLock<Vec<Vec<Unit>>>,
    escalation: OnceLock<Escalation>,
    references: OnceLock<Vec<Reference>>,
    org_reference: OnceLock<Reference>,
    roles: OnceLock<Roles>,
}

impl<'m> Context<'m> {
    /// A context for `model` on `today`.
    pub fn new(model: &'m Model, today: Date) -> Self {
        Context {
            model,
            today,
            below: OnceLock::new(),
            escalation: OnceLock::new(),
            references: OnceLock::new(),
            org_reference: OnceLock::new(),
            roles: OnceLock::new(),
        }
    }

    /// The units below a Scrum of Scrums (LANGUAGE.md §4), each once.
    pub fn below(&self, sos: SosId) -> &[Unit] {
        self.below.get_or_init(|| units_below(self.model)).get(sos.index()).map_or(&[], Vec::as_slice)
    }

    /// The teams below a Scrum of Scrums.
    pub fn teams_below(&self, sos: SosId) -> impl Iterator<Item = TeamId> + '_ {
        self.below(sos).iter().filter_map(|u| match u {
            Unit::Team(t) => Some(*t),
            Unit::Sos(_) => None,
        })
    }

    /// A person's roles (model/roles.rs), in walk order.
    pub fn roles(&self, person: PersonId) -> &[Role] {
        self.roles.get_or_init(|| Roles::of(self.model)).person(person)
    }

    /// Every unit's escalation path end and the escalation cycles.
    pub fn escalation(&self) -> &Escalation {
        self.escalation.get_or_init(|| escalation(self.model))
    }

    /// The reference cadence of the teams below a Scrum of Scrums.
    pub fn reference(&self, sos: SosId) -> &Reference {
        static EMPTY: Reference = Reference::Empty;
        self.references
            .get_or_init(|| {
                (0..self.model.scrums_of_scrums.len())
                    .map(|s| reference(self.model, self.teams_below(SosId(s as u32))))
                    .collect()
            })
            .get(sos.index())
            .unwrap_or(&EMPTY)
    }

    /// The reference cadence of all teams of the organisation.
    pub fn org_reference(&self) -> &Reference {
        self.org_reference
            .get_or_init(|| reference(self.model, (0..self.model.teams.len()).map(|t| TeamId(t as u32))))
    }

    /// The effective sprint length of a Scrum of Scrums (LANGUAGE.md §4): its reference
    /// cadence's length, else the organisation's sprint length.
    pub fn sos_sprint_days(&self, sos: SosId) -> Option<u32> {
        match self.reference(sos) {
            Reference::Cadence(c) => Some(c.days),
            _ => self.model.organisation.sprint.map(|c| c.days),
        }
    }

    /// The effective sprint length of a unit: a team's effective cadence, a Scrum of
    /// Scrums' as above.
    pub fn sprint_days(&self, unit: Unit) -> Option<u32> {
        match unit {
            Unit::Team(t) => self.model.team(t).cadence.map(|c| c.days),
            Unit::Sos(s) => self.sos_sprint_days(s),
        }
    }

    /// The organisation's sprint length (the `sprint` period of an EAT or EMS).
    pub fn org_sprint_days(&self) -> Option<u32> {
        self.model.organisation.sprint.map(|c| c.days)
    }
}
