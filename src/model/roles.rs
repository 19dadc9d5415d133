//! Person roles: every role each person holds across the organisation, a derived fact of the
//! model (STYLE.md §10) computed in one walk over the items that name people (LANGUAGE.md §2),
//! for whoever asks: checks (SG507, SG509, SG611) through the check context, and any later
//! stage that needs a person's roles.
//!
//! Roles are stored flat, grouped by person, each person's in a fixed walk order: teams, then
//! Scrums of Scrums, EATs, EMSs and backlogs, each kind in arena (read) order. Callers that
//! print roles sort them first ([`Role::order_key`]), so output does not depend on read order.

use super::{BacklogId, EmsId, ItemRef, Model, PersonId};
use crate::source::Span;

/// What a person is in one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RoleKind {
    /// `product_owner` of a team or an EAT.
    ProductOwner,
    /// `scrum_master` of a team or an EAT.
    ScrumMaster,
    /// Named in a team's `developers`.
    Developer,
    /// `chief_product_owner` of a Scrum of Scrums or an EMS.
    ChiefProductOwner,
    /// `scrum_of_scrums_master` of a Scrum of Scrums.
    ScrumOfScrumsMaster,
    /// Named in the `members` of an EAT or an EMS.
    Member,
    /// `owner` of a backlog.
    Owner,
}

impl RoleKind {
    /// The role in the spec's words: `Product Owner`, `Scrum of Scrums Master`.
    pub fn title(self) -> &'static str {
        match self {
            RoleKind::ProductOwner => "Product Owner",
            RoleKind::ScrumMaster => "Scrum Master",
            RoleKind::Developer => "developer",
            RoleKind::ChiefProductOwner => "Chief Product Owner",
            RoleKind::ScrumOfScrumsMaster => "Scrum of Scrums Master",
            RoleKind::Member => "member",
            RoleKind::Owner => "owner",
        }
    }

    /// Whether the role is an accountability in the sense of GUARDRAILS.md SG509: a Product
    /// Owner, Scrum Master, Chief Product Owner or Scrum of Scrums Master role. Developers,
    /// EAT and EMS members and backlog owners hold none.
    pub fn is_accountability(self) -> bool {
        matches!(
            self,
            RoleKind::ProductOwner
                | RoleKind::ScrumMaster
                | RoleKind::ChiefProductOwner
                | RoleKind::ScrumOfScrumsMaster
        )
    }
}

/// One role of one person: what, in which item, and the statement (or list entry) naming them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Role {
    /// What the person is.
    pub kind: RoleKind,
    /// The team, Scrum of Scrums, EAT, EMS or backlog.
    pub item: ItemRef,
    /// The statement, or the list entry, that names the person.
    pub span: Span,
}

impl Role {
    /// A key that orders roles the same whatever the read order: by the kind of item (team,
    /// Scrum of Scrums, EAT, EMS, backlog), its identifier, then the role.
    pub fn order_key<'m>(&self, model: &'m Model) -> (u8, &'m str, RoleKind) {
        let rank = match self.item {
            ItemRef::Team(_) => 0,
            ItemRef::Sos(_) => 1,
            ItemRef::Eat(_) => 2,
            ItemRef::Ems(_) => 3,
            ItemRef::Backlog(_) => 4,
            ItemRef::Person(_) | ItemRef::Dod(_) => 5,
        };
        (rank, model.ident(self.item), self.kind)
    }
}

/// Every role of every person.
#[derive(Debug, Clone, Default)]
pub struct Roles {
    /// `starts[p]..starts[p + 1]` are person `p`'s roles in `roles`.
    starts: Vec<u32>,
    roles: Vec<Role>,
}

impl Roles {
    /// Walks the model once to count each person's roles, once to file them.
    pub fn of(model: &Model) -> Self {
        let people = model.people.len();
        let mut counts = vec![0u32; people + 1];
        walk(model, |p, _| {
            if let Some(c) = counts.get_mut(p.index() + 1) {
                *c += 1;
            }
        });
        let mut sum = 0;
        for c in &mut counts {
            sum += *c;
            *c = sum;
        }
        let starts = counts;
        let total = starts.last().copied().unwrap_or(0) as usize;
        let mut next: Vec<u32> = starts.iter().take(people).copied().collect();
        let placeholder =
            Role { kind: RoleKind::Member, item: ItemRef::Person(PersonId(0)), span: Span::default() };
        let mut roles = vec![placeholder; total];
        walk(model, |p, role| {
            if let Some(at) = next.get_mut(p.index()) {
                if let Some(slot) = roles.get_mut(*at as usize) {
                    *slot = role;
                }
                *at += 1;
            }
        });
        Roles { starts, roles }
    }

    /// A person's roles, in walk order (see the module docs).
    pub fn person(&self, person: PersonId) -> &[Role] {
        let i = person.index();
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.roles.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Calls `f` for every role of every person, in walk order.
fn walk(model: &Model, mut f: impl FnMut(PersonId, Role)) {
    let mut one = |who: Option<super::At<PersonId>>, kind: RoleKind, item: ItemRef| {
        if let Some(at) = who {
            f(at.value, Role { kind, item, span: at.span });
        }
    };
    for (id, team) in model.team_ids() {
        let item = ItemRef::Team(id);
        one(team.product_owner, RoleKind::ProductOwner, item);
        one(team.scrum_master, RoleKind::ScrumMaster, item);
        if let Some(super::Developers::Named(list)) = &team.developers {
            for at in &list.entries {
                one(Some(*at), RoleKind::Developer, item);
            }
        }
    }
    for (id, sos) in model.sos_ids() {
        let item = ItemRef::Sos(id);
        one(sos.chief_product_owner, RoleKind::ChiefProductOwner, item);
        one(sos.master, RoleKind::ScrumOfScrumsMaster, item);
    }
    for (id, eat) in model.eat_ids() {
        let item = ItemRef::Eat(id);
        one(eat.product_owner, RoleKind::ProductOwner, item);
        one(eat.scrum_master, RoleKind::ScrumMaster, item);
        for at in &eat.members.entries {
            one(Some(*at), RoleKind::Member, item);
        }
    }
    for (i, ems) in model.emss.iter().enumerate() {
        let item = ItemRef::Ems(EmsId(i as u32));
        one(ems.chief_product_owner, RoleKind::ChiefProductOwner, item);
        for at in &ems.members.entries {
            one(Some(*at), RoleKind::Member, item);
        }
    }
    for (i, backlog) in model.backlogs.iter().enumerate() {
        one(backlog.owner, RoleKind::Owner, ItemRef::Backlog(BacklogId(i as u32)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, SourceMap};

    fn model(items: &str) -> Model {
        let text = format!("organisation \"O\" {{\n}}\nperson ann\nperson bo\nperson cy\nperson di\n{items}");
        let map = SourceMap::from_files(vec![SourceFile::new("o.scale", text)]);
        let (files, errors) = crate::syntax::parse_all(&map);
        assert!(errors.is_empty(), "{errors:?}");
        let (model, errors) = crate::model::resolve(&files);
        assert!(errors.is_empty(), "{errors:?}");
        model
    }

    /// `(role, item identifier)` of a person's roles, in walk order.
    fn of(m: &Model, roles: &Roles, person: &str) -> Vec<(RoleKind, String)> {
        let id = m
            .person_ids()
            .find(|(_, p)| m.name(p.header.ident) == person)
            .map_or(PersonId(u32::MAX), |(id, _)| id);
        roles.person(id).iter().map(|r| (r.kind, m.ident(r.item).to_owned())).collect()
    }

    #[test]
    fn each_person_gets_their_own_roles_in_walk_order() {
        // The EMS comes first in the file, the team last: walk order is by kind, not by file.
        let m = model(
            "executive_metascrum ems {\n  chief_product_owner ann\n  members cy\n}\n\
             backlog b {\n  owner cy\n}\n\
             team t {\n  product_owner ann\n  scrum_master cy\n  developers bo, cy\n}\n",
        );
        let roles = Roles::of(&m);
        let r = |k, i: &str| (k, i.to_owned());
        assert_eq!(
            of(&m, &roles, "ann"),
            vec![r(RoleKind::ProductOwner, "t"), r(RoleKind::ChiefProductOwner, "ems")]
        );
        assert_eq!(of(&m, &roles, "bo"), vec![r(RoleKind::Developer, "t")]);
        assert_eq!(
            of(&m, &roles, "cy"),
            vec![
                r(RoleKind::ScrumMaster, "t"),
                r(RoleKind::Developer, "t"),
                r(RoleKind::Member, "ems"),
                r(RoleKind::Owner, "b")
            ]
        );
        assert!(of(&m, &roles, "di").is_empty());
        assert!(roles.person(PersonId(99)).is_empty());
    }

    #[test]
    fn only_the_four_leading_roles_are_accountabilities() {
        use RoleKind::*;
        let all =
            [ProductOwner, ScrumMaster, Developer, ChiefProductOwner, ScrumOfScrumsMaster, Member, Owner];
        let counted: Vec<RoleKind> = all.into_iter().filter(|k| k.is_accountability()).collect();
        assert_eq!(counted, vec![ProductOwner, ScrumMaster, ChiefProductOwner, ScrumOfScrumsMaster]);
    }
}
