//! SG211 `dependency-uncoordinated`; prose and examples in rules/SG211-dependency-uncoordinated.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::and_list;
use crate::model::{Model, SosId, TeamId};

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let mut above = Above::new(m);
    for (id, team) in m.team_ids() {
        if !team.depends_on.is_declared() {
            continue;
        }
        let mine = above.of(id).to_vec();
        let mut apart = Vec::new();
        for entry in &team.depends_on.entries {
            // A team coordinates with itself; a self-dependency is SG212's.
            if entry.value != id && !intersect(&mine, above.of(entry.value)) {
                apart.push(entry);
            }
        }
        if apart.is_empty() {
            out.pass(Subject::Team(id));
            continue;
        }
        let names: Vec<String> =
            apart.iter().map(|e| format!("`{}`", m.name(m.team(e.value).header.ident))).collect();
        let whom = match names.len() {
            1 => "it",
            2 => "either",
            _ => "any of them",
        };
        let mut finding = Finding::new(format!(
            "team `{}` depends on {} but shares no Scrum of Scrums with {whom}",
            m.name(team.header.ident),
            and_list(&names),
        ));
        for (i, entry) in apart.iter().enumerate() {
            let label = "no Scrum of Scrums above both";
            finding = if i == 0 {
                finding.primary(entry.span, label)
            } else {
                finding.secondary(entry.span, label)
            };
        }
        out.fail(Subject::Team(id), finding);
    }
}

/// The Scrums of Scrums above each team (its parents, theirs, and so on), computed on demand
/// and kept, each list sorted by id.
struct Above<'m> {
    model: &'m Model,
    lists: Vec<Option<Vec<SosId>>>,
    seen: Vec<u32>,
    mark: u32,
}

impl<'m> Above<'m> {
    fn new(model: &'m Model) -> Self {
        Above {
            model,
            lists: vec![None; model.teams.len()],
            seen: vec![0; model.scrums_of_scrums.len()],
            mark: 0,
        }
    }

    fn of(&mut self, team: TeamId) -> &[SosId] {
        let i = team.index();
        if self.lists.get(i).is_some_and(Option::is_none) {
            self.mark += 1;
            let mark = self.mark;
            let mut found = Vec::new();
            let mut stack: Vec<SosId> = self.model.team(team).parents.clone();
            while let Some(s) = stack.pop() {
                let Some(slot) = self.seen.get_mut(s.index()) else {
                    continue;
                };
                if *slot == mark {
                    continue;
                }
                *slot = mark;
                found.push(s);
                stack.extend_from_slice(&self.model.sos(s).parents);
            }
            found.sort_unstable();
            if let Some(slot) = self.lists.get_mut(i) {
                *slot = Some(found);
            }
        }
        self.lists.get(i).and_then(Option::as_deref).unwrap_or(&[])
    }
}

/// Whether two lists sorted by id share an element.
fn intersect(a: &[SosId], b: &[SosId]) -> bool {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}
