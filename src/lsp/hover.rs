//! Hover: what the model knows about the item under the cursor, and what a rule is for.
//!
//! On an identifier (where an item is declared or named) the hover shows the item's resolved
//! facts (LANGUAGE.md §4): a team's roles, effective cadence, Scrums of Scrums and escalation
//! target and path; a Scrum of Scrums' members and effective sprint length; a person's roles
//! across the organisation; who uses a backlog or a Definition of Done. On a diagnostic, and on
//! a rule named in `severity` or `waive`, it shows the rule's summary and rationale from the
//! catalogue, with its link.

use std::fmt::Write as _;

use lsp_types::HoverParams;
use serde_json::{Value, json};

use super::convert;
use super::navigate::{cursor, declarations_of};
use super::server::{Failure, Server};
use super::symbols::{self, Role};
use crate::catalogue::{self, RuleMeta};
use crate::checks::Context;
use crate::diagnostic::Severity;
use crate::model::{Cadence, ItemRef, Model, SosId, Target, Unit};
use crate::source::Span;
use crate::syntax::ast::DAY_MINUTES;
use crate::syntax::keyword;

/// How many names a list shows before "and N more".
const LIST_MAX: usize = 12;

/// `textDocument/hover`.
pub(crate) fn hover(server: &Server<'_, '_, '_>, params: HoverParams) -> Result<Value, Failure> {
    let at = &params.text_document_position_params;
    let Some((i, offset)) = cursor(server, at) else { return Ok(Value::Null) };
    let mut sections: Vec<String> = Vec::new();
    let mut span: Option<Span> = None;
    let mut rules: Vec<(&'static RuleMeta, Option<Severity>)> = Vec::new();
    if let Some(found) = server.files.get(i).and_then(|f| symbols::at(&f.decls, offset)) {
        span = Some(found.span);
        match found.role {
            Role::Rule => {
                if let Some(meta) = catalogue::find(found.text) {
                    let severity = match &server.model {
                        Some(model) => model.policy.severity_of(meta.rule.index()),
                        None => Some(meta.severity),
                    };
                    rules.push((meta, severity));
                }
            }
            Role::Declaration(_) | Role::Reference(_) => {
                if let Some(text) = item(server, found.text) {
                    sections.push(text);
                }
            }
        }
    }
    for d in server.docs[i].diagnostics.iter() {
        let Some(primary) = d.primary_span() else { continue };
        if primary.start <= offset && offset <= primary.end {
            span.get_or_insert(primary);
            if !rules.iter().any(|(m, _)| m.rule == d.code) {
                rules.push((d.code.meta(), Some(d.severity)));
            }
        }
    }
    for (meta, severity) in rules {
        sections.push(rule(meta, severity, &server.session.docs_url));
    }
    if sections.is_empty() {
        return Ok(Value::Null);
    }
    let mut result = json!({ "contents": { "kind": "markdown", "value": sections.join("\n\n---\n\n") } });
    if let Some(span) = span {
        result["range"] = json!(convert::range(&server.docs, span, server.session.encoding));
    }
    Ok(result)
}

/// A rule's documentation: code, name, severity, component, summary, rationale, link.
fn rule(meta: &RuleMeta, severity: Option<Severity>, docs_url: &str) -> String {
    let severity = severity.map_or("off", Severity::as_str);
    let mut out = format!("**{} `{}`** · {severity}", meta.code, meta.name);
    if let Some(component) = meta.component {
        let _ = write!(out, " · {}", component.name());
    }
    let _ = write!(out, "\n\n{}\n\n{}", capitalise(meta.summary), meta.rationale.trim());
    let link = crate::report::sarif::help_uri(meta, docs_url);
    if link.contains("://") {
        let _ = write!(out, "\n\n[Documentation]({link})");
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The item named `name`: its header and resolved facts.
fn item(server: &Server<'_, '_, '_>, name: &str) -> Option<String> {
    let (kind, _) = *declarations_of(server, name).first()?;
    let model = server.model.as_ref()?;
    let found = find(model, name)?;
    let header = match found {
        ItemRef::Person(id) => &model.person(id).header,
        ItemRef::Team(id) => &model.team(id).header,
        ItemRef::Sos(id) => &model.sos(id).header,
        ItemRef::Eat(id) => &model.eat(id).header,
        ItemRef::Ems(id) => &model.emss[id.index()].header,
        ItemRef::Backlog(id) => &model.backlog(id).header,
        ItemRef::Dod(id) => &model.dods[id.index()].header,
    };
    let mut out = format!("**{} `{name}`**", kind.keyword());
    if let Some(display) = &header.display {
        let _ = write!(out, " · {display}");
    }
    out.push_str("\n\n");
    let facts = match found {
        ItemRef::Person(_) => person(model, found, name),
        ItemRef::Team(id) => {
            let team = model.team(id);
            let mut f = Vec::new();
            f.push(format!("Product Owner: {}", opt_person(model, team.product_owner.map(|p| p.value))));
            f.push(format!("Scrum Master: {}", opt_person(model, team.scrum_master.map(|p| p.value))));
            f.push(match &team.developers {
                None => "developers: none".to_owned(),
                Some(crate::model::Developers::Count(n)) => format!("developers: {}", n.value),
                Some(crate::model::Developers::Named(list)) => format!(
                    "developers: {} ({})",
                    list.entries.len(),
                    names(list.values().map(|p| model.name(model.person(*p).header.ident)))
                ),
            });
            f.push(format!(
                "effective cadence: {}",
                team.cadence.as_ref().map_or("none".to_owned(), cadence)
            ));
            f.extend(unit_facts(model, Unit::Team(id)));
            if let Some(b) = team.backlog {
                f.push(format!("backlog: `{}`", model.ident(ItemRef::Backlog(b.value))));
            }
            if let Some(d) = team.definition_of_done {
                f.push(format!("Definition of Done: `{}`", model.ident(ItemRef::Dod(d.value))));
            }
            if team.depends_on.is_declared() {
                f.push(format!(
                    "depends on: {}",
                    names(team.depends_on.values().map(|t| model.ident(ItemRef::Team(*t))))
                ));
            }
            f
        }
        ItemRef::Sos(id) => {
            let sos = model.sos(id);
            let today = server.session.today();
            let cx = Context::new(model, today);
            let mut f = vec![format!(
                "members: {}",
                if sos.members.entries.is_empty() {
                    "none".to_owned()
                } else {
                    names(sos.members.values().map(|u| model.unit_ident(*u)))
                }
            )];
            f.push(format!("Scrum of Scrums Master: {}", opt_person(model, sos.master.map(|p| p.value))));
            f.push(format!(
                "Chief Product Owner: {}",
                opt_person(model, sos.chief_product_owner.map(|p| p.value))
            ));
            f.push(format!("effective sprint length: {}", sos_sprint(&cx, id)));
            f.extend(unit_facts(model, Unit::Sos(id)));
            if let Some(b) = sos.backlog {
                f.push(format!("backlog: `{}`", model.ident(ItemRef::Backlog(b.value))));
            }
            if let Some(d) = sos.definition_of_done {
                f.push(format!("Definition of Done: `{}`", model.ident(ItemRef::Dod(d.value))));
            }
            f
        }
        ItemRef::Eat(id) => {
            let eat = model.eat(id);
            let members: Vec<&str> =
                eat.all_members().map(|p| model.name(model.person(p).header.ident)).collect();
            let mut f = vec![format!(
                "members: {}",
                if members.is_empty() { "none".to_owned() } else { names(members.into_iter()) }
            )];
            f.push(format!("Product Owner: {}", opt_person(model, eat.product_owner.map(|p| p.value))));
            f.push(format!("Scrum Master: {}", opt_person(model, eat.scrum_master.map(|p| p.value))));
            f.push(format!("authority: {}", words(model, eat.authority.values())));
            if eat.approves.is_declared() {
                f.push(format!("approves: {}", words(model, eat.approves.values())));
            }
            if let Some(b) = eat.backlog {
                f.push(format!("backlog: `{}`", model.ident(ItemRef::Backlog(b.value))));
            }
            let direct = model
                .team_ids()
                .filter(|(_, t)| t.target == Some(Target::Eat(id)))
                .map(|(_, t)| model.name(t.header.ident))
                .chain(
                    model
                        .sos_ids()
                        .filter(|(_, s)| s.target == Some(Target::Eat(id)))
                        .map(|(_, s)| model.name(s.header.ident)),
                );
            let direct: Vec<&str> = direct.collect();
            f.push(format!(
                "escalation ends here; units escalating to it: {}",
                if direct.is_empty() { "none".to_owned() } else { names(direct.into_iter()) }
            ));
            f
        }
        ItemRef::Ems(id) => {
            let ems = &model.emss[id.index()];
            let mut f = vec![format!(
                "Chief Product Owner: {}",
                opt_person(model, ems.chief_product_owner.map(|p| p.value))
            )];
            f.push(format!(
                "members: {}",
                if ems.members.entries.is_empty() {
                    "none".to_owned()
                } else {
                    names(ems.members.values().map(|p| model.name(model.person(*p).header.ident)))
                }
            ));
            if let Some(b) = ems.backlog {
                f.push(format!("backlog: `{}`", model.ident(ItemRef::Backlog(b.value))));
            }
            f
        }
        ItemRef::Backlog(id) => {
            let backlog = model.backlog(id);
            let mut f = vec![format!("owner: {}", opt_person(model, backlog.owner.map(|p| p.value)))];
            f.push(format!(
                "WIP limit: {}",
                backlog.wip_limit.map_or("none".to_owned(), |w| w.value.to_string())
            ));
            let users = used_by(model, Some(id), None);
            f.push(format!("used by: {users}"));
            f
        }
        ItemRef::Dod(id) => {
            let dod = &model.dods[id.index()];
            let mut f = vec![format!("criteria: {}", dod.criteria.entries.len())];
            let users = used_by(model, None, Some(id));
            f.push(format!("used by: {users}"));
            f
        }
    };
    for fact in facts {
        let _ = writeln!(out, "- {fact}");
    }
    Some(out.trim_end().to_owned())
}

/// The item with this identifier.
fn find(model: &Model, name: &str) -> Option<ItemRef> {
    let is = |h: &crate::model::Header| model.name(h.ident) == name;
    let position = |n: usize, f: &dyn Fn(usize) -> bool| (0..n).find(|&i| f(i)).map(|i| i as u32);
    if let Some(i) = position(model.people.len(), &|i| is(&model.people[i].header)) {
        return Some(ItemRef::Person(crate::model::PersonId(i)));
    }
    if let Some(i) = position(model.teams.len(), &|i| is(&model.teams[i].header)) {
        return Some(ItemRef::Team(crate::model::TeamId(i)));
    }
    if let Some(i) = position(model.scrums_of_scrums.len(), &|i| is(&model.scrums_of_scrums[i].header)) {
        return Some(ItemRef::Sos(SosId(i)));
    }
    if let Some(i) = position(model.eats.len(), &|i| is(&model.eats[i].header)) {
        return Some(ItemRef::Eat(crate::model::EatId(i)));
    }
    if let Some(i) = position(model.emss.len(), &|i| is(&model.emss[i].header)) {
        return Some(ItemRef::Ems(crate::model::EmsId(i)));
    }
    if let Some(i) = position(model.backlogs.len(), &|i| is(&model.backlogs[i].header)) {
        return Some(ItemRef::Backlog(crate::model::BacklogId(i)));
    }
    position(model.dods.len(), &|i| is(&model.dods[i].header)).map(|i| ItemRef::Dod(crate::model::DodId(i)))
}

/// `` `a`, `b`, `c` ``, at most [`LIST_MAX`] names, then "and N more".
fn names<'n>(list: impl Iterator<Item = &'n str>) -> String {
    let all: Vec<&str> = list.collect();
    let mut out: Vec<String> = all.iter().take(LIST_MAX).map(|n| format!("`{n}`")).collect();
    if all.len() > LIST_MAX {
        out.push(format!("and {} more", all.len() - LIST_MAX));
    }
    out.join(", ")
}

fn words<'m>(model: &Model, list: impl Iterator<Item = &'m crate::model::Name>) -> String {
    let all: Vec<&str> = list.map(|n| model.name(*n)).collect();
    if all.is_empty() { "none".to_owned() } else { names(all.into_iter()) }
}

fn opt_person(model: &Model, person: Option<crate::model::PersonId>) -> String {
    person.map_or("none".to_owned(), |p| format!("`{}`", model.name(model.person(p).header.ident)))
}

/// `2w starting 2026-01-05 (the organisation's)`.
fn cadence(c: &Cadence) -> String {
    let mut out = days(c.days);
    if let Some(start) = c.start {
        let _ = write!(out, " {} {start}", keyword::STARTING);
    }
    if c.inherited {
        out.push_str(" (the organisation's)");
    }
    out
}

/// A length in days as the language writes it: `2w`, `10d`.
fn days(n: u32) -> String {
    keyword::duration_text(u64::from(n) * DAY_MINUTES)
}

fn sos_sprint(cx: &Context<'_>, id: SosId) -> String {
    match (cx.reference(id), cx.sos_sprint_days(id)) {
        (crate::model::cadence::Reference::Cadence(_), Some(n)) => {
            format!("{} (the reference cadence of the teams below it)", days(n))
        }
        (_, Some(n)) => format!("{} (the organisation's sprint)", days(n)),
        (_, None) => "none".to_owned(),
    }
}

/// Parents, releases, escalation target and path of a team or Scrum of Scrums.
fn unit_facts(model: &Model, unit: Unit) -> Vec<String> {
    let mut f = Vec::new();
    let parents = model.parents(unit);
    f.push(format!(
        "member of: {}",
        if parents.is_empty() {
            "no Scrum of Scrums".to_owned()
        } else {
            names(parents.iter().map(|s| model.unit_ident(Unit::Sos(*s))))
        }
    ));
    let releases = match unit {
        Unit::Team(t) => model.team(t).releases,
        Unit::Sos(s) => model.sos(s).releases,
    };
    if let Some(r) = releases {
        f.push(format!("releases every {}", keyword::period_text(r.value)));
    }
    let how = if model.escalates_to(unit).is_some() { "its `escalates_to`" } else { "its Scrum of Scrums" };
    match model.target(unit) {
        Some(target) => {
            f.push(format!("escalation target: `{}` ({how})", model.target_ident(target)));
            f.push(format!("escalation path: {}", path(model, unit)));
        }
        None => f.push("escalation target: none".to_owned()),
    }
    f
}

/// `` `a` → `b` → `eat`, ends at an Executive Action Team `` (or where it stops).
fn path(model: &Model, start: Unit) -> String {
    let mut steps = vec![format!("`{}`", model.unit_ident(start))];
    let mut seen = vec![start];
    let mut unit = start;
    let end = loop {
        match model.target(unit) {
            None => break format!("stops at `{}`, which has no escalation target", model.unit_ident(unit)),
            Some(Target::Eat(e)) => {
                steps.push(format!("`{}`", model.ident(ItemRef::Eat(e))));
                break "ends at an Executive Action Team".to_owned();
            }
            Some(Target::Unit(next)) => {
                steps.push(format!("`{}`", model.unit_ident(next)));
                if seen.contains(&next) {
                    break "runs into a cycle".to_owned();
                }
                if steps.len() > LIST_MAX {
                    break "and on".to_owned();
                }
                seen.push(next);
                unit = next;
            }
        }
    };
    format!("{}, {end}", steps.join(" → "))
}

/// A person's roles across the organisation.
fn person(model: &Model, found: ItemRef, name: &str) -> Vec<String> {
    let ItemRef::Person(id) = found else { return Vec::new() };
    let p = model.person(id);
    let mut f = Vec::new();
    if let Some(title) = &p.title {
        f.push(format!("title: {}", title.value));
    }
    if p.executive.is_some() {
        f.push("an executive".to_owned());
    }
    if p.authority.is_declared() {
        f.push(format!("authority: {}", words(model, p.authority.values())));
    }
    let mut role = |what: &str, list: Vec<&str>| {
        if !list.is_empty() {
            f.push(format!("{what} {}", names(list.into_iter())));
        }
    };
    let teams = || model.teams.iter();
    let id_of = |h: &crate::model::Header| model.name(h.ident);
    role(
        "Product Owner of",
        teams()
            .filter(|t| t.product_owner.is_some_and(|x| x.value == id))
            .map(|t| id_of(&t.header))
            .collect(),
    );
    role(
        "Scrum Master of",
        teams().filter(|t| t.scrum_master.is_some_and(|x| x.value == id)).map(|t| id_of(&t.header)).collect(),
    );
    role(
        "developer in",
        teams()
            .filter(|t| match &t.developers {
                Some(crate::model::Developers::Named(list)) => list.values().any(|&x| x == id),
                _ => false,
            })
            .map(|t| id_of(&t.header))
            .collect(),
    );
    role(
        "Scrum of Scrums Master of",
        model
            .scrums_of_scrums
            .iter()
            .filter(|s| s.master.is_some_and(|x| x.value == id))
            .map(|s| id_of(&s.header))
            .collect(),
    );
    role(
        "Chief Product Owner of",
        model
            .scrums_of_scrums
            .iter()
            .filter(|s| s.chief_product_owner.is_some_and(|x| x.value == id))
            .map(|s| id_of(&s.header))
            .chain(
                model
                    .emss
                    .iter()
                    .filter(|e| e.chief_product_owner.is_some_and(|x| x.value == id))
                    .map(|e| id_of(&e.header)),
            )
            .collect(),
    );
    role(
        "on the Executive Action Team",
        model.eats.iter().filter(|e| e.all_members().any(|x| x == id)).map(|e| id_of(&e.header)).collect(),
    );
    role(
        "on the Executive MetaScrum",
        model
            .emss
            .iter()
            .filter(|e| e.members.values().any(|&x| x == id))
            .map(|e| id_of(&e.header))
            .collect(),
    );
    role(
        "owner of backlog",
        model
            .backlogs
            .iter()
            .filter(|b| b.owner.is_some_and(|x| x.value == id))
            .map(|b| id_of(&b.header))
            .collect(),
    );
    if f.is_empty() {
        f.push(format!("`{name}` holds no role"));
    }
    f
}

/// The items that name a backlog (or, with `dod`, a Definition of Done).
fn used_by(
    model: &Model,
    backlog: Option<crate::model::BacklogId>,
    dod: Option<crate::model::DodId>,
) -> String {
    let uses_backlog = |b: Option<crate::model::At<crate::model::BacklogId>>| {
        backlog.is_some() && b.map(|b| b.value) == backlog
    };
    let uses_dod =
        |d: Option<crate::model::At<crate::model::DodId>>| dod.is_some() && d.map(|d| d.value) == dod;
    let mut list: Vec<&str> = Vec::new();
    for t in &model.teams {
        if uses_backlog(t.backlog) || uses_dod(t.definition_of_done) {
            list.push(model.name(t.header.ident));
        }
    }
    for s in &model.scrums_of_scrums {
        if uses_backlog(s.backlog) || uses_dod(s.definition_of_done) {
            list.push(model.name(s.header.ident));
        }
    }
    for e in &model.eats {
        if uses_backlog(e.backlog) {
            list.push(model.name(e.header.ident));
        }
    }
    for e in &model.emss {
        if uses_backlog(e.backlog) {
            list.push(model.name(e.header.ident));
        }
    }
    if list.is_empty() { "nothing".to_owned() } else { names(list.into_iter()) }
}
