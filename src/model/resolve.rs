//! Resolution: the declarations of all files into one [`Model`], with SG002–SG004, SG006,
//! SG007 (policy severities) and SG009, every one of them reported, not just the first.
//!
//! Two passes over the declarations in read order: the first gives every identified item an id
//! (reporting duplicates, SG003, at the later occurrence), the second builds each item and
//! resolves its statements' references to ids, in parallel. Lookups go through one hash map
//! from identifier to item, so resolution is linear in the size of the organisation. Suggestions ("a person with a similar name
//! exists") are computed only for names that are unknown, and at most
//! [`MAX_SUGGESTIONS`] times a run.

use rustc_hash::{FxHashMap, FxHashSet};

use super::policy::{Setting, SeverityOverride, Waiver};
use super::{
    At, Backlog, BacklogId, Cadence, DefinitionOfDone, Developers, DodId, EatId, EmsId, Event,
    ExecutiveActionTeam, ExecutiveMetascrum, Header, ItemRef, List, Model, Name, Names, Organisation, Person,
    PersonId, Policy, ScrumOfScrums, SosId, Target, Team, TeamId, Unit,
};
use crate::catalogue::{self, Rule, SubjectKind};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Suggestion};
use crate::source::Span;
use crate::syntax::ast::{Decl, FileDecls, Ident, ItemKind, Stmt, StmtKind};
use crate::syntax::lower::suggest;

/// Whether `found`, the close match [`suggest`] gave for `word`, is the only one, so that
/// writing it over `word` is certain (a safe fix): the one name equal to `word` but for case,
/// or the one name close to it at all.
fn only_match<'c>(word: &str, found: &str, candidates: impl Iterator<Item = &'c str>) -> bool {
    let mut others = candidates.filter(|c| *c != found);
    if found.eq_ignore_ascii_case(word) {
        !others.any(|c| c.eq_ignore_ascii_case(word))
    } else {
        suggest(word, others).is_none()
    }
}

/// How many "did you mean" searches one run makes at most (each scans the names of one kind).
pub const MAX_SUGGESTIONS: usize = 200;

/// What kind of item a reference must name (resolution here; completion and references in
/// the language server).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A person.
    Person,
    /// A team.
    Team,
    /// A team or a Scrum of Scrums.
    Unit,
    /// A team, a Scrum of Scrums or an Executive Action Team.
    Target,
    /// A backlog.
    Backlog,
    /// A Definition of Done.
    Dod,
    /// Any identified item (a waiver's `for`).
    Any,
}

impl Expect {
    /// Whether an item of `kind` may be named here.
    pub fn accepts(self, kind: ItemKind) -> bool {
        match self {
            Expect::Person => kind == ItemKind::Person,
            Expect::Team => kind == ItemKind::Team,
            Expect::Unit => matches!(kind, ItemKind::Team | ItemKind::ScrumOfScrums),
            Expect::Target => {
                matches!(kind, ItemKind::Team | ItemKind::ScrumOfScrums | ItemKind::ExecutiveActionTeam)
            }
            Expect::Backlog => kind == ItemKind::Backlog,
            Expect::Dod => kind == ItemKind::DefinitionOfDone,
            Expect::Any => !matches!(kind, ItemKind::Organisation | ItemKind::Policy),
        }
    }

    /// What must be named, in the user's words (`a team or a Scrum of Scrums`).
    pub fn describe(self) -> &'static str {
        match self {
            Expect::Person => "a person",
            Expect::Team => "a team",
            Expect::Unit => "a team or a Scrum of Scrums",
            Expect::Target => "a team, a Scrum of Scrums, or an Executive Action Team",
            Expect::Backlog => "a backlog",
            Expect::Dod => "a Definition of Done",
            Expect::Any => "an item",
        }
    }
}

/// The kind of an item in the user's words.
pub fn describe_item(item: ItemRef) -> &'static str {
    item.kind().describe()
}

struct Resolver<'s, 'd> {
    model: Model,
    map: FxHashMap<&'s str, (ItemRef, Span)>,
    maybe_declared: FxHashSet<&'s str>,
    diagnostics: Vec<Diagnostic>,
    /// Unknown references, reported (with suggestions) once all are known, in read order.
    unknowns: Vec<Unknown<'s>>,
    /// Every identified item in read order (their words are interned in this order).
    declared: Vec<&'d Decl<'s>>,
    /// The identified items of each kind (in [`KINDS`] order) with their interned identifier,
    /// in read order: an item's id is its index here; pass 2 builds the arenas from these.
    by_kind: [Vec<(Name, &'d Decl<'s>)>; 7],
}

/// The item kinds with an arena, in the order of [`Resolver::by_kind`].
const KINDS: [ItemKind; 7] = [
    ItemKind::Person,
    ItemKind::Team,
    ItemKind::ScrumOfScrums,
    ItemKind::ExecutiveActionTeam,
    ItemKind::ExecutiveMetascrum,
    ItemKind::Backlog,
    ItemKind::DefinitionOfDone,
];

/// A reference that names nothing, kept until the end of resolution so that "did you mean"
/// suggestions go to the first ones in read order whatever thread found them.
struct Unknown<'s> {
    holder: String,
    ident: Ident<'s>,
    expect: Expect,
}

/// What pass 2 reads: the identifier map and the interned words, shared by every thread.
struct Lookup<'r, 's> {
    map: &'r FxHashMap<&'s str, (ItemRef, Span)>,
    maybe_declared: &'r FxHashSet<&'s str>,
    names: &'r Names,
}

/// One thread's share of pass 2: the lookups, and the problems found so far.
struct Filler<'r, 's> {
    lookup: &'r Lookup<'r, 's>,
    diagnostics: Vec<Diagnostic>,
    unknowns: Vec<Unknown<'s>>,
}

/// Resolves the declarations of all files (in read order) into one model.
pub fn resolve<'s>(files: &[FileDecls<'s>]) -> (Model, Vec<Diagnostic>) {
    let mut names = Names::default();
    let policy = Policy::with_defaults(&mut names);
    let total: usize = files.iter().map(|f| f.decls.len()).sum();
    let mut r = Resolver {
        model: Model {
            organisation: Organisation::default(),
            people: Vec::new(),
            teams: Vec::new(),
            scrums_of_scrums: Vec::new(),
            eats: Vec::new(),
            emss: Vec::new(),
            backlogs: Vec::new(),
            dods: Vec::new(),
            policy,
            names,
        },
        map: FxHashMap::with_capacity_and_hasher(total, Default::default()),
        maybe_declared: files.iter().flat_map(|f| f.maybe_declared.iter().copied()).collect(),
        diagnostics: Vec::new(),
        unknowns: Vec::new(),
        declared: Vec::with_capacity(total),
        by_kind: Default::default(),
    };
    r.reserve(files);
    let complete = files.iter().all(|f| f.complete);
    let mut organisation: Option<&Decl<'s>> = None;
    let mut policy: Option<&Decl<'s>> = None;
    for decl in files.iter().flat_map(|f| f.decls.iter()) {
        match decl.kind {
            ItemKind::Organisation => r.single(decl, &mut organisation, "organisation"),
            ItemKind::Policy => r.single(decl, &mut policy, "policy"),
            _ => r.declare(decl),
        }
    }
    if organisation.is_none() && complete {
        r.diagnostics.push(
            Diagnostic::input(Rule::OrganisationCount, "no `organisation` item in any file")
                .help("declare the organisation once: `organisation \"<name>\" { ... }`"),
        );
    }
    if let Some(decl) = organisation {
        r.organisation(decl);
    }
    r.fill_all();
    if let Some(decl) = policy {
        r.policy(decl);
    }
    r.report_unknowns();
    r.derive();
    (r.model, r.diagnostics)
}

impl<'s, 'd> Resolver<'s, 'd> {
    /// Sizes the names buffer up front: growing it by doubling copied megabytes and touched
    /// fresh pages several times at 100,000 teams. (The arenas are collected at their exact
    /// size in pass 2.)
    fn reserve(&mut self, files: &[FileDecls<'s>]) {
        let mut count = 0usize;
        let mut bytes = 0usize;
        for decl in files.iter().flat_map(|f| f.decls.iter()) {
            count += 1;
            bytes += decl.ident.map_or(0, |i| i.text.len());
        }
        self.model.names.reserve(count, bytes);
    }

    /// SG006 for a second `organisation` or `policy`.
    fn single(&mut self, decl: &'d Decl<'s>, slot: &mut Option<&'d Decl<'s>>, word: &str) {
        match slot {
            Some(first) => self.diagnostics.push(
                Diagnostic::input(Rule::OrganisationCount, format!("more than one `{word}` item"))
                    .primary(decl.header, format!("another `{word}`"))
                    .secondary(first.header, "first declared here")
                    .help(format!("keep one `{word}` item across all files and merge the others into it")),
            ),
            None => *slot = Some(decl),
        }
    }

    /// Pass 1: an id for an identified item; SG003 for a duplicate. Only the identifier map
    /// is written here (serially, since ids follow read order); the item itself is built in
    /// pass 2, in parallel.
    fn declare(&mut self, decl: &'d Decl<'s>) {
        let Some(ident) = decl.ident else { return };
        let Some(kind) = KINDS.iter().position(|&k| k == decl.kind) else { return };
        let vacant = match self.map.entry(ident.text) {
            std::collections::hash_map::Entry::Vacant(vacant) => vacant,
            std::collections::hash_map::Entry::Occupied(first) => {
                let &(first_item, first_span) = first.get();
                self.diagnostics.push(
                Diagnostic::input(
                    Rule::DuplicateIdentifier,
                    format!("`{}` is declared twice", ident.text),
                )
                .subject(ident.text)
                .primary(ident.span, format!("declared again here as {}", decl.kind.describe()))
                .secondary(first_span, format!("first declared here as {}", describe_item(first_item)))
                .help("give each item its own identifier; people, teams and all other items share one namespace"),
                );
                return;
            }
        };
        let id = self.by_kind[kind].len() as u32;
        let item = match kind {
            0 => ItemRef::Person(PersonId(id)),
            1 => ItemRef::Team(TeamId(id)),
            2 => ItemRef::Sos(SosId(id)),
            3 => ItemRef::Eat(EatId(id)),
            4 => ItemRef::Ems(EmsId(id)),
            5 => ItemRef::Backlog(BacklogId(id)),
            _ => ItemRef::Dod(DodId(id)),
        };
        vacant.insert((item, ident.span));
        let name = self.model.names.ident(ident.text);
        self.by_kind[kind].push((name, decl));
        self.declared.push(decl);
    }

    /// Resolves a reference that must name an item `expect` accepts (policy `for` targets).
    fn lookup(&mut self, holder: &str, ident: Ident<'s>, expect: Expect) -> Option<ItemRef> {
        let lookup =
            Lookup { map: &self.map, maybe_declared: &self.maybe_declared, names: &self.model.names };
        let mut filler = Filler { lookup: &lookup, diagnostics: Vec::new(), unknowns: Vec::new() };
        let found = filler.lookup(holder, ident, expect);
        self.diagnostics.append(&mut filler.diagnostics);
        self.unknowns.append(&mut filler.unknowns);
        found
    }

    /// SG002 for every unknown reference; the first [`MAX_SUGGESTIONS`] in read order get a
    /// "did you mean" (each costs a scan over the identifiers of one kind).
    fn report_unknowns(&mut self) {
        let mut unknowns = std::mem::take(&mut self.unknowns);
        unknowns.sort_by_key(|u| u.ident.span);
        for (n, u) in unknowns.into_iter().enumerate() {
            let mut d = Diagnostic::input(
                Rule::UnknownReference,
                format!(
                    "`{}` names nothing: no {} has this identifier",
                    u.ident.text,
                    u.expect.describe().trim_start_matches("a ").trim_start_matches("an ")
                ),
            )
            .subject(u.holder)
            .primary(u.ident.span, "unknown identifier");
            let candidates = || {
                self.map.iter().filter(|(_, (item, _))| u.expect.accepts(item.kind())).map(|(name, _)| *name)
            };
            let suggestion = (n < MAX_SUGGESTIONS)
                .then(|| {
                    suggest(u.ident.text, candidates()).and_then(|s| self.map.get(s).map(|(i, _)| (s, *i)))
                })
                .flatten();
            d = match suggestion {
                Some((name, item)) => {
                    let applicability = if only_match(u.ident.text, name, candidates()) {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    };
                    d.help(format!("{} with a similar name exists: `{name}`", describe_item(item))).suggest(
                        Suggestion::new(
                            "replace with the existing name",
                            vec![Edit::replace(u.ident.span, name)],
                            applicability,
                        ),
                    )
                }
                None => d.help(format!(
                    "declare {} `{}`, or name an existing one",
                    u.expect.describe(),
                    u.ident.text
                )),
            };
            self.diagnostics.push(d);
        }
    }

    /// Interns the words of a list statement (metrics, authority, approval gates).
    fn intern_words(&mut self, decl: &Decl<'s>) {
        for Stmt { kind, .. } in &decl.statements {
            if let StmtKind::Metrics(list) | StmtKind::Authority(list) | StmtKind::Approves(list) = kind {
                for ident in list {
                    self.model.names.word(ident.text);
                }
            }
        }
    }

    fn words(&mut self, list: &[Ident<'s>], span: Span, into: &mut List<Name>) {
        into.span.get_or_insert(span);
        for ident in list {
            into.entries.push(At { value: self.model.names.word(ident.text), span: ident.span });
        }
    }

    /// Pass 2 for every identified item, kind by kind, items in parallel: each thread reads
    /// the shared map and builds the items it is given, straight into their arena.
    fn fill_all(&mut self) {
        for decl in std::mem::take(&mut self.declared) {
            self.intern_words(decl);
        }
        let by_kind = std::mem::take(&mut self.by_kind);
        let lookup =
            Lookup { map: &self.map, maybe_declared: &self.maybe_declared, names: &self.model.names };
        let mut found: Found<'s> = (Vec::new(), Vec::new());
        // Each arena from its declarations: the item with its header, then filled.
        macro_rules! build {
            ($k:expr, $item:ident, $fill:path) => {
                build_each(
                    &lookup,
                    &mut found,
                    &by_kind[$k],
                    |header| $item { header, ..$item::default() },
                    $fill,
                )
            };
        }
        let people = build!(0, Person, Filler::person_item);
        let teams = build!(1, Team, Filler::team_item);
        let scrums_of_scrums = build!(2, ScrumOfScrums, Filler::sos_item);
        let eats = build!(3, ExecutiveActionTeam, Filler::eat_item);
        let emss = build!(4, ExecutiveMetascrum, Filler::ems_item);
        let backlogs = build!(5, Backlog, Filler::backlog_item);
        let dods = build!(6, DefinitionOfDone, Filler::dod_item);
        let m = &mut self.model;
        (m.people, m.teams, m.scrums_of_scrums, m.eats, m.emss, m.backlogs, m.dods) =
            (people, teams, scrums_of_scrums, eats, emss, backlogs, dods);
        self.diagnostics.extend(found.0);
        self.unknowns.extend(found.1);
    }

    fn organisation(&mut self, decl: &Decl<'s>) {
        let mut org = Organisation {
            name: decl.display.clone().unwrap_or_default(),
            span: decl.header,
            ..Organisation::default()
        };
        for Stmt { kind, span } in &decl.statements {
            match kind {
                StmtKind::Vision(text) => org.vision = Some(At { value: text.clone(), span: *span }),
                StmtKind::Sprint(c) => {
                    org.sprint = Some(Cadence { days: c.days, start: c.start, span: *span, inherited: true })
                }
                StmtKind::Metrics(list) => self.words(list, *span, &mut org.metrics),
                _ => {}
            }
        }
        self.model.organisation = org;
    }

    fn policy(&mut self, decl: &Decl<'s>) {
        let mut p = std::mem::take(&mut self.model.policy);
        p.span = Some(decl.header);
        let mut severity_seen: FxHashMap<usize, Span> = FxHashMap::default();
        for Stmt { kind, span } in &decl.statements {
            let at = Some(*span);
            match kind {
                StmtKind::TeamSize(r) => p.team_size = Setting { value: *r, span: at },
                StmtKind::ScrumOfScrumsSize(r) => p.scrum_of_scrums_size = Setting { value: *r, span: at },
                StmtKind::MaxSprint(d) => p.max_sprint = Setting { value: *d, span: at },
                StmtKind::RequiredAuthority(list) => {
                    let value = list.iter().map(|i| self.model.names.word(i.text)).collect();
                    p.required_authority = Setting { value, span: at };
                }
                StmtKind::MaxTeamsPerScrumMaster(n) => {
                    p.max_teams_per_scrum_master = Setting { value: *n, span: at }
                }
                StmtKind::MaxTeamsPerProductOwner(n) => {
                    p.max_teams_per_product_owner = Setting { value: *n, span: at }
                }
                StmtKind::MaxDependenciesPerTeam(n) => {
                    p.max_dependencies_per_team = Setting { value: *n, span: at }
                }
                StmtKind::MaxRolesPerPerson(n) => p.max_roles_per_person = Setting { value: *n, span: at },
                StmtKind::CadenceScope(s) => p.cadence_scope = Setting { value: *s, span: at },
                StmtKind::Severity { rule, level } => {
                    let Some(index) = self.rule(*rule, false) else { continue };
                    if let Some(&first) = severity_seen.get(&index) {
                        self.diagnostics.push(
                            Diagnostic::input(
                                Rule::DuplicateStatement,
                                format!(
                                    "the severity of `{}` is given twice in the policy",
                                    catalogue::rule(index).name
                                ),
                            )
                            .subject("policy")
                            .primary(*span, "given again here")
                            .secondary(first, "first given here")
                            .help("keep one `severity` statement per rule"),
                        );
                        continue;
                    }
                    severity_seen.insert(index, *span);
                    p.severities.push(SeverityOverride { rule: index, level: *level, span: *span });
                }
                StmtKind::Waive(waive) => {
                    let crate::syntax::ast::Waive { rule, target, until, reason } = &**waive;
                    let Some(index) = self.rule(*rule, true) else { continue };
                    let target = match target {
                        None => None,
                        Some(ident) => match self.waiver_target(index, *ident) {
                            Some(item) => Some((item, ident.text.to_owned())),
                            None => continue,
                        },
                    };
                    p.waivers.push(Waiver {
                        rule: index,
                        written: rule.text.to_owned(),
                        target,
                        until: *until,
                        reason: reason.clone(),
                        span: *span,
                    });
                }
                _ => {}
            }
        }
        self.model.policy = p;
    }

    /// A rule named by `severity` or `waive`; SG009 when it names none or one it may not.
    fn rule(&mut self, ident: Ident<'s>, waive: bool) -> Option<usize> {
        let word = if waive { "waive" } else { "severity" };
        let diagnostic = |message: String, label: &str, help: String| {
            Diagnostic::input(Rule::UnknownRule, message)
                .subject("policy")
                .primary(ident.span, label.to_owned())
                .help(help)
        };
        let d = match catalogue::index_of(ident.text) {
            Some(i) if catalogue::rule(i).is_input_error() => diagnostic(
                format!("`{}` is an input error; `{word}` cannot name it", ident.text),
                "an input error",
                "input errors are always errors: fix the input instead".to_owned(),
            ),
            Some(i) if waive && catalogue::rule(i).is_waiver_rule() => diagnostic(
                format!("`{}` is a waiver rule and cannot be waived", ident.text),
                "a waiver rule",
                "fix or remove the waiver it reports, or set its severity with `severity`".to_owned(),
            ),
            Some(i) => return Some(i),
            None => {
                let names =
                    catalogue::rules().iter().filter(|r| !r.is_input_error()).flat_map(|r| [r.code, r.name]);
                let (help, fix) = match suggest(ident.text, names.clone()) {
                    Some(s) => {
                        let applicability = if only_match(ident.text, s, names) {
                            Applicability::Safe
                        } else {
                            Applicability::Unsafe
                        };
                        let fix = Suggestion::new(
                            "replace with the existing rule",
                            vec![Edit::replace(ident.span, s)],
                            applicability,
                        );
                        (format!("a rule with a similar name exists: `{s}`"), Some(fix))
                    }
                    None => ("`scaleguard rules` lists every rule by code and name".to_owned(), None),
                };
                let d = diagnostic(format!("`{}` is not a rule", ident.text), "unknown rule", help);
                match fix {
                    Some(fix) => d.suggest(fix),
                    None => d,
                }
            }
        };
        self.diagnostics.push(d);
        None
    }

    /// The item a waiver's `for` names; SG002 when unknown, SG004 when of a kind the rule
    /// does not have as its subject.
    fn waiver_target(&mut self, rule: usize, ident: Ident<'s>) -> Option<ItemRef> {
        let item = self.lookup("policy", ident, Expect::Any)?;
        let meta = catalogue::rule(rule);
        let ok = match meta.subject {
            SubjectKind::Team => matches!(item, ItemRef::Team(_)),
            SubjectKind::ScrumOfScrums => matches!(item, ItemRef::Sos(_)),
            SubjectKind::Unit => matches!(item, ItemRef::Team(_) | ItemRef::Sos(_)),
            SubjectKind::ExecutiveActionTeam => matches!(item, ItemRef::Eat(_)),
            SubjectKind::ExecutiveMetascrum => matches!(item, ItemRef::Ems(_)),
            SubjectKind::Person => matches!(item, ItemRef::Person(_)),
            SubjectKind::Backlog => matches!(item, ItemRef::Backlog(_)),
            SubjectKind::Cycle => match meta.rule {
                Rule::MembershipCycle => matches!(item, ItemRef::Sos(_)),
                Rule::DependencyCycle => matches!(item, ItemRef::Team(_)),
                _ => matches!(item, ItemRef::Team(_) | ItemRef::Sos(_)),
            },
            SubjectKind::Organisation | SubjectKind::Waiver | SubjectKind::Input => false,
        };
        if ok {
            return Some(item);
        }
        let expected = match meta.subject {
            SubjectKind::Organisation => {
                "nothing: an organisation-level rule is waived without `for`".to_owned()
            }
            SubjectKind::Team => "a team".to_owned(),
            SubjectKind::ScrumOfScrums => "a Scrum of Scrums".to_owned(),
            SubjectKind::Unit => "a team or a Scrum of Scrums".to_owned(),
            SubjectKind::ExecutiveActionTeam => "an Executive Action Team".to_owned(),
            SubjectKind::ExecutiveMetascrum => "an Executive MetaScrum".to_owned(),
            SubjectKind::Person => "a person".to_owned(),
            SubjectKind::Backlog => "a backlog".to_owned(),
            SubjectKind::Cycle => "the smallest identifier on the cycle".to_owned(),
            SubjectKind::Waiver | SubjectKind::Input => "nothing".to_owned(),
        };
        let declared = self.map.get(ident.text).map(|(_, s)| *s);
        let mut d = Diagnostic::input(
            Rule::WrongKind,
            format!("`{}` is {}, which `{}` does not check", ident.text, describe_item(item), meta.name),
        )
        .subject("policy")
        .primary(ident.span, format!("`{}` checks {expected}", meta.name))
        .help(if meta.subject == SubjectKind::Organisation {
            "remove `for ...` from this waiver".to_owned()
        } else {
            format!("name {expected} after `for`, or remove `for` to waive every subject")
        });
        if let Some(span) = declared {
            d = d.secondary(span, format!("declared here as {}", describe_item(item)));
        }
        self.diagnostics.push(d);
        None
    }

    /// Derived facts of LANGUAGE.md §4: parents, effective cadences, escalation targets.
    fn derive(&mut self) {
        let m = &mut self.model;
        for s in 0..m.scrums_of_scrums.len() {
            let sos = SosId(s as u32);
            for k in 0..m.scrums_of_scrums[s].members.entries.len() {
                match m.scrums_of_scrums[s].members.entries[k].value {
                    Unit::Team(t) => push_unique(&mut m.teams[t.index()].parents, sos),
                    Unit::Sos(x) => push_unique(&mut m.scrums_of_scrums[x.index()].parents, sos),
                }
            }
        }
        let org_sprint = m.organisation.sprint;
        for t in &mut m.teams {
            t.cadence = t.sprint.or(org_sprint);
            t.target = target_of(t.escalates_to, &t.parents);
        }
        for s in &mut m.scrums_of_scrums {
            s.target = target_of(s.escalates_to, &s.parents);
        }
    }
}

/// Builds the arena of one kind from its declarations, in parallel (in read order); the
/// problems found are appended to `found` in read order too, whatever thread found them.
fn build_each<'r, 's, T: Send>(
    lookup: &'r Lookup<'r, 's>,
    found: &mut Found<'s>,
    decls: &[(Name, &Decl<'s>)],
    new: fn(Header) -> T,
    fill: fn(&mut Filler<'r, 's>, &mut T, &Decl<'s>),
) -> Vec<T>
where
    's: 'r,
{
    use rayon::prelude::*;
    // Problems are rare, so one lock shared by all threads costs nothing.
    let problems = std::sync::Mutex::new(Vec::new());
    let items = decls
        .par_iter()
        .enumerate()
        .map(|(index, &(ident, decl))| {
            let mut item = new(Header { ident, display: decl.display.clone(), span: decl.header });
            let mut filler = Filler { lookup, diagnostics: Vec::new(), unknowns: Vec::new() };
            fill(&mut filler, &mut item, decl);
            if !filler.diagnostics.is_empty() || !filler.unknowns.is_empty() {
                let mut problems = problems.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                problems.push((index, filler.diagnostics, filler.unknowns));
            }
            item
        })
        .collect();
    let mut problems = problems.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    problems.sort_unstable_by_key(|(index, _, _)| *index);
    for (_, diagnostics, unknowns) in problems {
        found.0.extend(diagnostics);
        found.1.extend(unknowns);
    }
    items
}

/// The problems pass 2 found: diagnostics, and unknown references to report at the end.
type Found<'s> = (Vec<Diagnostic>, Vec<Unknown<'s>>);

impl<'r, 's> Filler<'r, 's> {
    /// Resolves a reference that must name an item `expect` accepts: SG004 for the wrong
    /// kind; an unknown name is kept for [`Resolver::report_unknowns`].
    fn lookup(&mut self, holder: &str, ident: Ident<'s>, expect: Expect) -> Option<ItemRef> {
        match self.lookup.map.get(ident.text) {
            Some(&(item, _)) if expect.accepts(item.kind()) => Some(item),
            Some(&(item, declared)) => {
                self.diagnostics.push(
                    Diagnostic::input(
                        Rule::WrongKind,
                        format!("`{}` is {}, not {}", ident.text, describe_item(item), expect.describe()),
                    )
                    .subject(holder)
                    .primary(ident.span, format!("expected {}", expect.describe()))
                    .secondary(
                        declared,
                        format!("`{}` is declared here as {}", ident.text, describe_item(item)),
                    )
                    .help(format!("name {} here", expect.describe())),
                );
                None
            }
            None => {
                if !self.lookup.maybe_declared.contains(ident.text) {
                    self.unknowns.push(Unknown { holder: holder.to_owned(), ident, expect });
                }
                None
            }
        }
    }

    fn person(&mut self, holder: &str, ident: Ident<'s>) -> Option<At<PersonId>> {
        match self.lookup(holder, ident, Expect::Person)? {
            ItemRef::Person(id) => Some(At { value: id, span: ident.span }),
            _ => None,
        }
    }

    fn people(&mut self, holder: &str, list: &[Ident<'s>], span: Span, into: &mut List<PersonId>) {
        into.span.get_or_insert(span);
        for &ident in list {
            if let Some(p) = self.person(holder, ident) {
                into.entries.push(p);
            }
        }
    }

    /// Words were interned before pass 2 ([`Resolver::intern_words`]), so this only reads.
    fn words(&mut self, list: &[Ident<'s>], span: Span, into: &mut List<Name>) {
        into.span.get_or_insert(span);
        for ident in list {
            if let Some(value) = self.lookup.names.find_word(ident.text) {
                into.entries.push(At { value, span: ident.span });
            }
        }
    }

    fn target(&mut self, holder: &str, ident: Ident<'s>) -> Option<At<Target>> {
        let value = match self.lookup(holder, ident, Expect::Target)? {
            ItemRef::Team(id) => Target::Unit(Unit::Team(id)),
            ItemRef::Sos(id) => Target::Unit(Unit::Sos(id)),
            ItemRef::Eat(id) => Target::Eat(id),
            _ => return None,
        };
        Some(At { value, span: ident.span })
    }

    fn backlog(&mut self, holder: &str, ident: Ident<'s>) -> Option<At<BacklogId>> {
        match self.lookup(holder, ident, Expect::Backlog)? {
            ItemRef::Backlog(id) => Some(At { value: id, span: ident.span }),
            _ => None,
        }
    }

    fn dod(&mut self, holder: &str, ident: Ident<'s>) -> Option<At<DodId>> {
        match self.lookup(holder, ident, Expect::Dod)? {
            ItemRef::Dod(id) => Some(At { value: id, span: ident.span }),
            _ => None,
        }
    }

    fn person_item(&mut self, p: &mut Person, decl: &Decl<'s>) {
        let holder = decl.ident.map_or("", |i| i.text);
        let _ = holder;
        for Stmt { kind, span } in &decl.statements {
            match kind {
                StmtKind::Title(t) => p.title = Some(At { value: t.clone(), span: *span }),
                StmtKind::Executive => p.executive = Some(*span),
                StmtKind::Authority(list) => self.words(list, *span, &mut p.authority),
                _ => {}
            }
        }
    }

    fn team_item(&mut self, t: &mut Team, decl: &Decl<'s>) {
        let holder = decl.ident.map_or("", |i| i.text);
        let _ = holder;
        for Stmt { kind, span } in &decl.statements {
            match kind {
                StmtKind::ProductOwner(i) => t.product_owner = self.person(holder, *i),
                StmtKind::ScrumMaster(i) => t.scrum_master = self.person(holder, *i),
                StmtKind::DevelopersCount(n) => {
                    t.developers = Some(Developers::Count(At { value: *n, span: *span }));
                }
                StmtKind::DevelopersNamed(list) => {
                    let mut named = match t.developers.take() {
                        Some(Developers::Named(l)) => l,
                        _ => List::default(),
                    };
                    self.people(holder, list, *span, &mut named);
                    t.developers = Some(Developers::Named(named));
                }
                StmtKind::Sprint(c) => {
                    t.sprint = Some(Cadence { days: c.days, start: c.start, span: *span, inherited: false });
                }
                StmtKind::Backlog(i) => t.backlog = self.backlog(holder, *i),
                StmtKind::DefinitionOfDone(i) => t.definition_of_done = self.dod(holder, *i),
                StmtKind::EscalatesTo(i) => t.escalates_to = self.target(holder, *i),
                StmtKind::DependsOn(list) => {
                    t.depends_on.span.get_or_insert(*span);
                    for &i in list {
                        if let Some(ItemRef::Team(dep)) = self.lookup(holder, i, Expect::Team) {
                            t.depends_on.entries.push(At { value: dep, span: i.span });
                        }
                    }
                }
                StmtKind::Releases(p) => t.releases = Some(At { value: *p, span: *span }),
                StmtKind::Metrics(list) => self.words(list, *span, &mut t.metrics),
                StmtKind::Event(e) => t.events.push(Event { syntax: (**e).clone(), span: *span }),
                _ => {}
            }
        }
    }

    fn sos_item(&mut self, s: &mut ScrumOfScrums, decl: &Decl<'s>) {
        let holder = decl.ident.map_or("", |i| i.text);
        let _ = holder;
        for Stmt { kind, span } in &decl.statements {
            match kind {
                StmtKind::Members(list) => {
                    s.members.span.get_or_insert(*span);
                    for &i in list {
                        let unit = match self.lookup(holder, i, Expect::Unit) {
                            Some(ItemRef::Team(t)) => Unit::Team(t),
                            Some(ItemRef::Sos(x)) => Unit::Sos(x),
                            _ => continue,
                        };
                        s.members.entries.push(At { value: unit, span: i.span });
                    }
                }
                StmtKind::ScrumOfScrumsMaster(i) => s.master = self.person(holder, *i),
                StmtKind::ChiefProductOwner(i) => s.chief_product_owner = self.person(holder, *i),
                StmtKind::Backlog(i) => s.backlog = self.backlog(holder, *i),
                StmtKind::DefinitionOfDone(i) => s.definition_of_done = self.dod(holder, *i),
                StmtKind::EscalatesTo(i) => s.escalates_to = self.target(holder, *i),
                StmtKind::Releases(p) => s.releases = Some(At { value: *p, span: *span }),
                StmtKind::Metrics(list) => self.words(list, *span, &mut s.metrics),
                StmtKind::Event(e) => s.events.push(Event { syntax: (**e).clone(), span: *span }),
                _ => {}
            }
        }
    }

    fn eat_item(&mut self, e: &mut ExecutiveActionTeam, decl: &Decl<'s>) {
        let holder = decl.ident.map_or("", |i| i.text);
        let _ = holder;
        for Stmt { kind, span } in &decl.statements {
            match kind {
                StmtKind::Members(list) => self.people(holder, list, *span, &mut e.members),
                StmtKind::ProductOwner(i) => e.product_owner = self.person(holder, *i),
                StmtKind::ScrumMaster(i) => e.scrum_master = self.person(holder, *i),
                StmtKind::Authority(list) => self.words(list, *span, &mut e.authority),
                StmtKind::Approves(list) => self.words(list, *span, &mut e.approves),
                StmtKind::Backlog(i) => e.backlog = self.backlog(holder, *i),
                StmtKind::Event(ev) => e.events.push(Event { syntax: (**ev).clone(), span: *span }),
                _ => {}
            }
        }
    }

    fn ems_item(&mut self, e: &mut ExecutiveMetascrum, decl: &Decl<'s>) {
        let holder = decl.ident.map_or("", |i| i.text);
        let _ = holder;
        for Stmt { kind, span } in &decl.statements {
            match kind {
                StmtKind::ChiefProductOwner(i) => e.chief_product_owner = self.person(holder, *i),
                StmtKind::Members(list) => self.people(holder, list, *span, &mut e.members),
                StmtKind::Backlog(i) => e.backlog = self.backlog(holder, *i),
                StmtKind::Event(ev) => e.events.push(Event { syntax: (**ev).clone(), span: *span }),
                _ => {}
            }
        }
    }

    fn backlog_item(&mut self, b: &mut super::Backlog, decl: &Decl<'s>) {
        let holder = decl.ident.map_or("", |i| i.text);
        for Stmt { kind, span } in &decl.statements {
            match kind {
                StmtKind::Owner(i) => b.owner = self.person(holder, *i),
                StmtKind::WipLimit(n) => b.wip_limit = Some(At { value: *n, span: *span }),
                _ => {}
            }
        }
    }

    fn dod_item(&mut self, d: &mut DefinitionOfDone, decl: &Decl<'s>) {
        for Stmt { kind, span } in &decl.statements {
            if let StmtKind::Criteria(list) = kind {
                d.criteria.span.get_or_insert(*span);
                d.criteria.entries.extend(list.iter().map(|(t, s)| At { value: t.clone(), span: *s }));
            }
        }
    }
}

fn target_of(declared: Option<At<Target>>, parents: &[SosId]) -> Option<Target> {
    match (declared, parents) {
        (Some(t), _) => Some(t.value),
        (None, [one]) => Some(Target::Unit(Unit::Sos(*one))),
        _ => None,
    }
}

fn push_unique(parents: &mut Vec<SosId>, sos: SosId) {
    if !parents.contains(&sos) {
        parents.push(sos);
    }
}
