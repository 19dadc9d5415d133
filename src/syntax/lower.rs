//! Lowering: the concrete tree of one file into typed declarations ([`super::ast`]).
//!
//! Everything that can be judged from one file alone is judged here: which statements an item
//! takes (SG008), single-valued statements given twice (SG007), list entries named twice
//! (SG010), the shape of each statement's values (SG001) and their validity (SG005: dates,
//! whole-day sprints, ranges, event kinds, agenda items, limits).

use std::borrow::Cow;
use std::collections::HashMap;

use super::ast::{
    AgendaItem, Cadence, CadenceScope, DAY_MINUTES, Decl, Event, EventKind, Ident, ItemKind, Period, Range,
    Stmt, StmtKind,
};
use super::tree::{Body, Item, Statement, Tree, Value, ValueKind};
use crate::catalogue::Rule;
use crate::diagnostic::{Diagnostic, Severity, or_list};
use crate::source::Span;

/// The longest identifier accepted, in bytes (SG005 beyond).
pub const MAX_IDENT_BYTES: usize = 256;
/// The longest string accepted, in bytes (SG005 beyond).
pub const MAX_STRING_BYTES: usize = 64 * 1024;
/// The largest integer accepted (counts, limits, durations in their unit).
pub const MAX_INTEGER: u64 = 1_000_000;

/// A statement keyword and what it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Kw {
    word: &'static str,
    usage: &'static str,
    repeatable: bool,
}

const fn kw(word: &'static str, usage: &'static str, repeatable: bool) -> Kw {
    Kw { word, usage, repeatable }
}

const VISION: Kw = kw("vision", "vision \"<text>\"", false);
const SPRINT: Kw = kw("sprint", "sprint <duration> [starting <date>]", false);
const METRICS: Kw = kw("metrics", "metrics <metric>, ...", true);
const TITLE: Kw = kw("title", "title \"<text>\"", false);
const EXECUTIVE: Kw = kw("executive", "executive", false);
const AUTHORITY: Kw = kw("authority", "authority <domain>, ...", true);
const PRODUCT_OWNER: Kw = kw("product_owner", "product_owner <person>", false);
const SCRUM_MASTER: Kw = kw("scrum_master", "scrum_master <person>", false);
const DEVELOPERS: Kw = kw("developers", "developers <person>, ... or developers <int>", true);
const BACKLOG: Kw = kw("backlog", "backlog <backlog>", false);
const DOD: Kw = kw("definition_of_done", "definition_of_done <definition_of_done>", false);
const ESCALATES_TO: Kw = kw("escalates_to", "escalates_to <unit>", false);
const DEPENDS_ON: Kw = kw("depends_on", "depends_on <team>, ...", true);
const RELEASES: Kw = kw("releases", "releases every <period>", false);
const EVENT: Kw =
    kw("event", "event <kind> every <period> [lasting <duration>] [{ agenda <item>, ... }]", true);
const MEMBERS: Kw = kw("members", "members <id>, ...", true);
const SOS_MASTER: Kw = kw("scrum_of_scrums_master", "scrum_of_scrums_master <person>", false);
const CPO: Kw = kw("chief_product_owner", "chief_product_owner <person>", false);
const APPROVES: Kw = kw("approves", "approves <identifier>, ...", true);
const OWNER: Kw = kw("owner", "owner <person>", false);
const WIP_LIMIT: Kw = kw("wip_limit", "wip_limit <int>", false);
const CRITERIA: Kw = kw("criteria", "criteria \"<text>\", ...", true);
const TEAM_SIZE: Kw = kw("team_size", "team_size <range>", false);
const SOS_SIZE: Kw = kw("scrum_of_scrums_size", "scrum_of_scrums_size <range>", false);
const MAX_SPRINT: Kw = kw("max_sprint", "max_sprint <duration>", false);
const REQUIRED_AUTHORITY: Kw = kw("required_authority", "required_authority <domain>, ...", false);
const MAX_SM: Kw = kw("max_teams_per_scrum_master", "max_teams_per_scrum_master <int>", false);
const MAX_PO: Kw = kw("max_teams_per_product_owner", "max_teams_per_product_owner <int>", false);
const MAX_DEPS: Kw = kw("max_dependencies_per_team", "max_dependencies_per_team <int>", false);
const MAX_ROLES: Kw = kw("max_roles_per_person", "max_roles_per_person <int>", false);
const CADENCE_SCOPE: Kw = kw("cadence_scope", "cadence_scope organisation|scrum_of_scrums", false);
const SEVERITY: Kw = kw("severity", "severity <rule> error|warning|info|off", true);
const WAIVE: Kw = kw("waive", "waive <rule> [for <id>] [until <date>] \"<reason>\"", true);
const AGENDA: Kw = kw("agenda", "agenda <item>, ...", false);

/// The statements each item kind takes (LANGUAGE.md §2), in the order the formatter writes them.
pub fn statements_of(kind: ItemKind) -> &'static [&'static str] {
    const ORG: &[&str] = &["vision", "sprint", "metrics"];
    const PERSON: &[&str] = &["title", "executive", "authority"];
    const TEAM: &[&str] = &[
        "product_owner",
        "scrum_master",
        "developers",
        "sprint",
        "backlog",
        "definition_of_done",
        "escalates_to",
        "depends_on",
        "releases",
        "metrics",
        "event",
    ];
    const SOS: &[&str] = &[
        "members",
        "scrum_of_scrums_master",
        "chief_product_owner",
        "backlog",
        "definition_of_done",
        "escalates_to",
        "releases",
        "metrics",
        "event",
    ];
    const EAT: &[&str] =
        &["members", "product_owner", "scrum_master", "authority", "approves", "backlog", "event"];
    const EMS: &[&str] = &["chief_product_owner", "members", "backlog", "event"];
    const BACKLOG_S: &[&str] = &["owner", "wip_limit"];
    const DOD_S: &[&str] = &["criteria"];
    const POLICY: &[&str] = &[
        "team_size",
        "scrum_of_scrums_size",
        "max_sprint",
        "required_authority",
        "max_teams_per_scrum_master",
        "max_teams_per_product_owner",
        "max_dependencies_per_team",
        "max_roles_per_person",
        "cadence_scope",
        "severity",
        "waive",
    ];
    match kind {
        ItemKind::Organisation => ORG,
        ItemKind::Person => PERSON,
        ItemKind::Team => TEAM,
        ItemKind::ScrumOfScrums => SOS,
        ItemKind::ExecutiveActionTeam => EAT,
        ItemKind::ExecutiveMetascrum => EMS,
        ItemKind::Backlog => BACKLOG_S,
        ItemKind::DefinitionOfDone => DOD_S,
        ItemKind::Policy => POLICY,
    }
}

fn keyword(word: &str) -> Option<Kw> {
    Some(match word {
        "vision" => VISION,
        "sprint" => SPRINT,
        "metrics" => METRICS,
        "title" => TITLE,
        "executive" => EXECUTIVE,
        "authority" => AUTHORITY,
        "product_owner" => PRODUCT_OWNER,
        "scrum_master" => SCRUM_MASTER,
        "developers" => DEVELOPERS,
        "backlog" => BACKLOG,
        "definition_of_done" => DOD,
        "escalates_to" => ESCALATES_TO,
        "depends_on" => DEPENDS_ON,
        "releases" => RELEASES,
        "event" => EVENT,
        "members" => MEMBERS,
        "scrum_of_scrums_master" => SOS_MASTER,
        "chief_product_owner" => CPO,
        "approves" => APPROVES,
        "owner" => OWNER,
        "wip_limit" => WIP_LIMIT,
        "criteria" => CRITERIA,
        "team_size" => TEAM_SIZE,
        "scrum_of_scrums_size" => SOS_SIZE,
        "max_sprint" => MAX_SPRINT,
        "required_authority" => REQUIRED_AUTHORITY,
        "max_teams_per_scrum_master" => MAX_SM,
        "max_teams_per_product_owner" => MAX_PO,
        "max_dependencies_per_team" => MAX_DEPS,
        "max_roles_per_person" => MAX_ROLES,
        "cadence_scope" => CADENCE_SCOPE,
        "severity" => SEVERITY,
        "waive" => WAIVE,
        "agenda" => AGENDA,
        _ => return None,
    })
}

/// Lowers one file's tree. Returns its declarations and its diagnostics.
pub fn lower<'s>(tree: &Tree<'s>) -> (Vec<Decl<'s>>, Vec<Diagnostic>) {
    let mut cx = Lower { out: Vec::new() };
    let mut decls = Vec::with_capacity(tree.items.len());
    for item in &tree.items {
        if let Some(decl) = cx.item(item) {
            decls.push(decl);
        }
    }
    (decls, cx.out)
}

struct Lower {
    out: Vec<Diagnostic>,
}

/// Who holds the text being lowered, for the subject of input errors.
#[derive(Clone, Copy)]
struct Holder<'a> {
    kind: ItemKind,
    subject: Option<&'a str>,
}

impl Holder<'_> {
    fn subject(&self) -> Option<&str> {
        match self.kind {
            ItemKind::Organisation => Some("organisation"),
            ItemKind::Policy => Some("policy"),
            _ => self.subject,
        }
    }
}

/// The best "did you mean" candidate for `word` among `candidates`. Case does not count
/// (`EAT` finds `eat`), and a candidate that differs only in case beats every other.
pub fn suggest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let (score, close) = if c.eq_ignore_ascii_case(word) {
            (2.0, true)
        } else {
            let c_lower = c.to_lowercase();
            let score = strsim::jaro_winkler(&lower, &c_lower);
            (score, score >= 0.85 || strsim::levenshtein(&lower, &c_lower) <= (word.len().max(3) / 3))
        };
        if close && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

impl Lower {
    fn push(&mut self, holder: Holder<'_>, diagnostic: Diagnostic) {
        let diagnostic = match holder.subject() {
            Some(s) => diagnostic.subject(s),
            None => diagnostic,
        };
        self.out.push(diagnostic);
    }

    fn shape(&mut self, holder: Holder<'_>, kw: Kw, at: Span, what: &str) {
        self.push(
            holder,
            Diagnostic::input(Rule::SyntaxError, format!("invalid `{}` statement: {what}", kw.word))
                .primary(at, what.to_owned())
                .help(format!("write it as `{}`", kw.usage)),
        );
    }

    fn invalid(&mut self, holder: Holder<'_>, at: Span, message: String, label: &str, help: &str) {
        self.push(
            holder,
            Diagnostic::input(Rule::InvalidValue, message)
                .primary(at, label.to_owned())
                .help(help.to_owned()),
        );
    }

    fn item<'s>(&mut self, item: &Item<'s>) -> Option<Decl<'s>> {
        let Some(kind) = ItemKind::from_keyword(item.keyword.text) else {
            let mut d = Diagnostic::input(Rule::SyntaxError, format!("unknown item `{}`", item.keyword.text))
                .primary(item.keyword.span, "not an item keyword");
            d = match suggest(item.keyword.text, super::parser::ITEM_KEYWORDS.iter().copied()) {
                Some(s) => d.help(format!("an item with a similar name exists: `{s}`")),
                None => d.help(format!(
                    "items are {}",
                    or_list(
                        &super::parser::ITEM_KEYWORDS.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>()
                    )
                )),
            };
            self.out.push(d);
            return None;
        };
        let (ident, display) = self.header(kind, item)?;
        let holder = Holder { kind, subject: ident.map(|i| i.text) };
        let needs_body = !matches!(kind, ItemKind::Person | ItemKind::Backlog | ItemKind::DefinitionOfDone);
        let statements = match &item.body {
            Some(body) => self.body(holder, body),
            None if needs_body => {
                self.push(
                    holder,
                    Diagnostic::input(
                        Rule::SyntaxError,
                        format!("`{}` needs a body in braces", item.keyword.text),
                    )
                    .primary(item.header_span, "expected `{` at the end of this line")
                    .help(format!(
                        "write `{} ... {{`, its statements, then `}}` on a line of its own",
                        item.keyword.text
                    )),
                );
                Vec::new()
            }
            None => Vec::new(),
        };
        Some(Decl { kind, ident, display, header: item.header_span, span: item.span, statements })
    }

    /// Checks the header values: `organisation "<name>"`, `<kind> <id> ["<display>"]`, `policy`.
    fn header<'s>(&mut self, kind: ItemKind, item: &Item<'s>) -> Option<(Option<Ident<'s>>, Option<String>)> {
        let kw_text = item.keyword.text;
        let holder = Holder { kind, subject: None };
        let bad = |lower: &mut Lower, at: Span, usage: &str| {
            lower.out.push(
                Diagnostic::input(Rule::SyntaxError, format!("invalid `{kw_text}` header"))
                    .primary(at, "unexpected here")
                    .help(format!("write it as `{usage}`")),
            );
            None
        };
        match kind {
            ItemKind::Organisation => match item.header.as_slice() {
                // A name that is too long is reported but keeps the item: the organisation
                // exists, so SG006 must not also fire.
                [v] if v.kind == ValueKind::String => Some((None, self.string(holder, v))),
                [] => bad(self, item.keyword.span, &format!("{kw_text} \"<name>\" {{")),
                [v, ..] => bad(self, v.span, &format!("{kw_text} \"<name>\" {{")),
            },
            ItemKind::Policy => match item.header.first() {
                None => Some((None, None)),
                Some(v) => bad(self, v.span, "policy {"),
            },
            _ => {
                // Built only on the error paths: this runs for every item of the organisation.
                let usage = || format!("{kw_text} <id> [\"<display name>\"]");
                match item.header.as_slice() {
                    [id] | [id, _] if id.kind == ValueKind::Ident && !id.after_comma => {
                        let ident = self.ident(holder, id)?;
                        let display = match item.header.get(1) {
                            Some(v) if v.kind == ValueKind::String && !v.after_comma => {
                                self.string(Holder { kind, subject: Some(ident.text) }, v)
                            }
                            Some(v) => return bad(self, v.span, &usage()),
                            None => None,
                        };
                        Some((Some(ident), display))
                    }
                    [] => bad(self, item.keyword.span, &usage()),
                    [id] | [id, _] => bad(self, id.span, &usage()),
                    [_, _, v, ..] => bad(self, v.span, &usage()),
                }
            }
        }
    }

    fn ident<'s>(&mut self, holder: Holder<'_>, v: &Value<'s>) -> Option<Ident<'s>> {
        if v.text.len() > MAX_IDENT_BYTES {
            let span = Span::new(v.span.file, v.span.start, v.span.start + 1);
            self.invalid(
                holder,
                span,
                format!(
                    "an identifier of {} bytes is longer than the limit of {MAX_IDENT_BYTES}",
                    v.text.len()
                ),
                "this identifier is too long",
                "use a shorter identifier; put long names in the display name string",
            );
            return None;
        }
        Some(Ident { text: v.text, span: v.span })
    }

    fn string(&mut self, holder: Holder<'_>, v: &Value<'_>) -> Option<String> {
        if v.text.len() > MAX_STRING_BYTES {
            let span = Span::new(v.span.file, v.span.start, v.span.start + 1);
            self.invalid(
                holder,
                span,
                format!("a string of {} bytes is longer than the limit of {MAX_STRING_BYTES}", v.text.len()),
                "this string is too long",
                "shorten the text",
            );
            return None;
        }
        Some(unescape(v.text))
    }

    fn body<'s>(&mut self, holder: Holder<'_>, body: &Body<'s>) -> Vec<Stmt<'s>> {
        let allowed = statements_of(holder.kind);
        let mut seen: Vec<(&'static str, Span)> = Vec::new();
        let mut entries = Entries::default();
        let mut developer_form: Option<(bool, Span)> = None;
        let mut out = Vec::with_capacity(body.statements.len());
        for statement in &body.statements {
            let word = statement.keyword.text;
            // `allowed` holds the same `&'static str`s as the keyword table: compare addresses,
            // not bytes (this runs for every statement of the organisation).
            let Some(kw) =
                keyword(word).filter(|k| allowed.iter().any(|a| std::ptr::eq(*a, k.word) || *a == k.word))
            else {
                self.unknown_statement(holder, statement, allowed);
                continue;
            };
            // `developers` is repeatable as a list but single-valued as a count; mixing is SG007.
            if kw == DEVELOPERS {
                let count = matches!(statement.values.as_slice(), [v] if v.kind == ValueKind::Integer);
                if let Some((was_count, first)) = developer_form {
                    if count || was_count {
                        self.duplicate_statement(holder, statement, first);
                        continue;
                    }
                } else {
                    developer_form = Some((count, statement.span));
                }
            } else if !kw.repeatable {
                if let Some(&(_, first)) = seen.iter().find(|(w, _)| *w == kw.word) {
                    self.duplicate_statement(holder, statement, first);
                    continue;
                }
                seen.push((kw.word, statement.span));
            }
            if let Some(block) = &statement.block
                && kw != EVENT
            {
                self.shape(holder, kw, block.open, "only `event` takes a block");
                continue;
            }
            if let Some(mut stmt) = self.statement(holder, kw, statement) {
                self.dedupe_entries(holder, kw, &mut stmt, &mut entries);
                out.push(stmt);
            }
        }
        out
    }

    fn unknown_statement(&mut self, holder: Holder<'_>, statement: &Statement<'_>, allowed: &[&str]) {
        let word = statement.keyword.text;
        let what = holder.kind.describe();
        let mut d = Diagnostic::input(Rule::UnknownStatement, format!("{what} has no statement `{word}`"))
            .primary(statement.keyword.span, "unknown statement");
        d = match suggest(word, allowed.iter().copied()) {
            Some(s) => d.help(format!("a statement with a similar name exists: `{s}`")),
            None => d.help(format!(
                "{what} takes {}",
                or_list(&allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>())
            )),
        };
        self.push(holder, d);
    }

    fn duplicate_statement(&mut self, holder: Holder<'_>, statement: &Statement<'_>, first: Span) {
        let word = statement.keyword.text;
        self.push(
            holder,
            Diagnostic::input(
                Rule::DuplicateStatement,
                format!("`{word}` is given twice in {}", holder_name(holder)),
            )
            .primary(statement.span, "given again here")
            .secondary(first, "first given here")
            .help(format!("keep one `{word}` statement")),
        );
    }

    /// SG010: drops list entries already named in this item (across repeated statements).
    fn dedupe_entries<'s>(
        &mut self,
        holder: Holder<'_>,
        kw: Kw,
        stmt: &mut Stmt<'s>,
        seen: &mut Entries<'s>,
    ) {
        let mut report = |lower: &mut Lower, text: Cow<'s, str>, span: Span| -> bool {
            match seen.first(kw.word, text.clone(), span) {
                Some(first) => {
                    lower.push(
                        holder,
                        Diagnostic::input(
                            Rule::DuplicateEntry,
                            format!(
                                "`{text}` is named twice in the `{}` of {}",
                                kw.word,
                                holder_name(holder)
                            ),
                        )
                        .primary(span, "named again here")
                        .secondary(first, "first named here")
                        .help(format!("remove the second `{text}`")),
                    );
                    false
                }
                None => true,
            }
        };
        match &mut stmt.kind {
            StmtKind::Metrics(list)
            | StmtKind::Authority(list)
            | StmtKind::DevelopersNamed(list)
            | StmtKind::DependsOn(list)
            | StmtKind::Members(list)
            | StmtKind::Approves(list)
            | StmtKind::RequiredAuthority(list) => {
                list.retain(|i| report(self, Cow::Borrowed(i.text), i.span))
            }
            StmtKind::Criteria(list) => {
                list.retain(|(t, s)| report(self, Cow::Owned(format!("\"{t}\"")), *s))
            }
            StmtKind::Event(event) => {
                if let Some(agenda) = &mut event.agenda {
                    let mut local: HashMap<AgendaItem, Span> = HashMap::new();
                    agenda.retain(|&(item, span)| match local.get(&item) {
                        Some(&first) => {
                            self.push(
                                holder,
                                Diagnostic::input(
                                    Rule::DuplicateEntry,
                                    format!(
                                        "`{}` is named twice in an agenda of {}",
                                        item.keyword(),
                                        holder_name(holder)
                                    ),
                                )
                                .primary(span, "named again here")
                                .secondary(first, "first named here")
                                .help(format!("remove the second `{}`", item.keyword())),
                            );
                            false
                        }
                        None => {
                            local.insert(item, span);
                            true
                        }
                    });
                }
            }
            _ => {}
        }
    }

    fn statement<'s>(&mut self, holder: Holder<'_>, kw: Kw, st: &Statement<'s>) -> Option<Stmt<'s>> {
        let values = st.values.as_slice();
        if matches!(kw.word, "sprint" | "max_sprint" | "event" | "releases")
            && let Some((span, written)) = spaced_duration(values)
        {
            self.push(
                holder,
                Diagnostic::input(
                    Rule::SyntaxError,
                    format!("invalid `{}` statement: a duration is written without a space", kw.word),
                )
                .primary(span, format!("write `{written}`"))
                .help(format!(
                    "write the number and its unit together, `{written}` (units: `min`, `h`, `d`, `w`)"
                )),
            );
            return None;
        }
        let kind = match kw.word {
            "vision" => StmtKind::Vision(self.one_string(holder, kw, st)?),
            "title" => StmtKind::Title(self.one_string(holder, kw, st)?),
            "executive" => {
                if let Some(v) = values.first() {
                    self.shape(holder, kw, v.span, "`executive` takes no value");
                    return None;
                }
                StmtKind::Executive
            }
            "sprint" => StmtKind::Sprint(self.cadence(holder, kw, st)?),
            "metrics" => StmtKind::Metrics(self.ident_list(holder, kw, st)?),
            "authority" => StmtKind::Authority(self.ident_list(holder, kw, st)?),
            "approves" => StmtKind::Approves(self.ident_list(holder, kw, st)?),
            "depends_on" => StmtKind::DependsOn(self.ident_list(holder, kw, st)?),
            "members" => StmtKind::Members(self.ident_list(holder, kw, st)?),
            "required_authority" => StmtKind::RequiredAuthority(self.ident_list(holder, kw, st)?),
            "product_owner" => StmtKind::ProductOwner(self.one_ident(holder, kw, st)?),
            "scrum_master" => StmtKind::ScrumMaster(self.one_ident(holder, kw, st)?),
            "backlog" => StmtKind::Backlog(self.one_ident(holder, kw, st)?),
            "definition_of_done" => StmtKind::DefinitionOfDone(self.one_ident(holder, kw, st)?),
            "escalates_to" => StmtKind::EscalatesTo(self.one_ident(holder, kw, st)?),
            "scrum_of_scrums_master" => StmtKind::ScrumOfScrumsMaster(self.one_ident(holder, kw, st)?),
            "chief_product_owner" => StmtKind::ChiefProductOwner(self.one_ident(holder, kw, st)?),
            "owner" => StmtKind::Owner(self.one_ident(holder, kw, st)?),
            "developers" => match values {
                [v] if v.kind == ValueKind::Integer => StmtKind::DevelopersCount(self.integer(holder, v)?),
                [count, extra, ..] if count.kind == ValueKind::Integer && !extra.after_comma => {
                    self.push(
                        holder,
                        Diagnostic::input(
                            Rule::SyntaxError,
                            format!(
                                "invalid `developers` statement: `{}` after the number of developers",
                                extra.text
                            ),
                        )
                        .primary(extra.span, "nothing may follow the count")
                        .help(format!(
                            "write the count alone, `developers {}`, or name the developers: \
                             `developers alice, bob`",
                            count.text
                        )),
                    );
                    return None;
                }
                _ => StmtKind::DevelopersNamed(self.ident_list(holder, kw, st)?),
            },
            "wip_limit" => StmtKind::WipLimit(self.one_integer(holder, kw, st)?),
            "max_teams_per_scrum_master" => {
                StmtKind::MaxTeamsPerScrumMaster(self.one_integer(holder, kw, st)?)
            }
            "max_teams_per_product_owner" => {
                StmtKind::MaxTeamsPerProductOwner(self.one_integer(holder, kw, st)?)
            }
            "max_dependencies_per_team" => {
                StmtKind::MaxDependenciesPerTeam(self.one_integer(holder, kw, st)?)
            }
            "max_roles_per_person" => StmtKind::MaxRolesPerPerson(self.one_integer(holder, kw, st)?),
            "criteria" => {
                let mut list = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    if v.kind != ValueKind::String || (i > 0 && !v.after_comma) {
                        self.shape(holder, kw, v.span, "expected a string, with `,` between criteria");
                        return None;
                    }
                    list.push((self.string(holder, v)?, v.span));
                }
                if list.is_empty() {
                    self.shape(holder, kw, st.keyword.span, "expected at least one criterion");
                    return None;
                }
                StmtKind::Criteria(list)
            }
            "releases" => match values {
                [every, period]
                    if every.kind == ValueKind::Ident && every.text == "every" && !period.after_comma =>
                {
                    StmtKind::Releases(self.period(holder, kw, period)?)
                }
                _ => {
                    self.shape(holder, kw, first_span(st), "expected `every` and a period");
                    return None;
                }
            },
            "team_size" => StmtKind::TeamSize(self.one_range(holder, kw, st)?),
            "scrum_of_scrums_size" => StmtKind::ScrumOfScrumsSize(self.one_range(holder, kw, st)?),
            "max_sprint" => match values {
                [v] if v.kind == ValueKind::Duration => {
                    StmtKind::MaxSprint(self.days(holder, v, "the longest sprint")?)
                }
                _ => {
                    self.shape(holder, kw, first_span(st), "expected one duration");
                    return None;
                }
            },
            "cadence_scope" => match values {
                [v] if v.kind == ValueKind::Ident => match v.text {
                    "organisation" | "organization" => StmtKind::CadenceScope(CadenceScope::Organisation),
                    "scrum_of_scrums" => StmtKind::CadenceScope(CadenceScope::ScrumOfScrums),
                    other => {
                        self.invalid(
                            holder,
                            v.span,
                            format!("`{other}` is not a cadence scope"),
                            "unknown scope",
                            "write `cadence_scope organisation` or `cadence_scope scrum_of_scrums`",
                        );
                        return None;
                    }
                },
                _ => {
                    self.shape(holder, kw, first_span(st), "expected `organisation` or `scrum_of_scrums`");
                    return None;
                }
            },
            "severity" => match values {
                [rule, level]
                    if rule.kind == ValueKind::Ident
                        && level.kind == ValueKind::Ident
                        && !level.after_comma =>
                {
                    let rule = self.ident(holder, rule)?;
                    let level = match level.text {
                        "off" => None,
                        word => match Severity::parse(word) {
                            Some(s) => Some(s),
                            None => {
                                self.invalid(
                                    holder,
                                    level.span,
                                    format!("`{word}` is not a severity"),
                                    "unknown severity",
                                    "write `error`, `warning`, `info` or `off`",
                                );
                                return None;
                            }
                        },
                    };
                    StmtKind::Severity { rule, level }
                }
                _ => {
                    self.shape(holder, kw, first_span(st), "expected a rule and a severity");
                    return None;
                }
            },
            "waive" => self.waive(holder, kw, st)?,
            "event" => StmtKind::Event(Box::new(self.event(holder, kw, st)?)),
            _ => {
                self.shape(holder, kw, st.keyword.span, "not valid here");
                return None;
            }
        };
        Some(Stmt { kind, span: st.span })
    }

    fn one_string(&mut self, holder: Holder<'_>, kw: Kw, st: &Statement<'_>) -> Option<String> {
        match st.values.as_slice() {
            [v] if v.kind == ValueKind::String => self.string(holder, v),
            _ => {
                self.shape(holder, kw, first_span(st), "expected one string in double quotes");
                None
            }
        }
    }

    fn one_ident<'s>(&mut self, holder: Holder<'_>, kw: Kw, st: &Statement<'s>) -> Option<Ident<'s>> {
        match st.values.as_slice() {
            [v] if v.kind == ValueKind::Ident => self.ident(holder, v),
            [] => {
                self.shape(holder, kw, st.keyword.span, "expected an identifier after the keyword");
                None
            }
            [v] => {
                self.shape(
                    holder,
                    kw,
                    v.span,
                    &format!("expected an identifier, found {}", v.kind.describe()),
                );
                None
            }
            [_, v, ..] => {
                self.shape(holder, kw, v.span, "expected one identifier only");
                None
            }
        }
    }

    fn ident_list<'s>(&mut self, holder: Holder<'_>, kw: Kw, st: &Statement<'s>) -> Option<Vec<Ident<'s>>> {
        if st.values.is_empty() {
            self.shape(holder, kw, st.keyword.span, "expected at least one identifier");
            return None;
        }
        let mut list = Vec::with_capacity(st.values.len());
        for (i, v) in st.values.iter().enumerate() {
            if v.kind != ValueKind::Ident {
                self.shape(
                    holder,
                    kw,
                    v.span,
                    &format!("expected an identifier, found {}", v.kind.describe()),
                );
                return None;
            }
            if i > 0 && !v.after_comma {
                self.shape(holder, kw, v.span, "expected `,` before this entry");
                return None;
            }
            list.push(self.ident(holder, v)?);
        }
        Some(list)
    }

    fn integer(&mut self, holder: Holder<'_>, v: &Value<'_>) -> Option<u32> {
        match v.text.parse::<u64>() {
            Ok(n) if n <= MAX_INTEGER => Some(n as u32),
            _ => {
                self.invalid(
                    holder,
                    v.span,
                    format!("`{}` is larger than the limit of {MAX_INTEGER}", v.text),
                    "too large",
                    "use a smaller number",
                );
                None
            }
        }
    }

    fn one_integer(&mut self, holder: Holder<'_>, kw: Kw, st: &Statement<'_>) -> Option<u32> {
        match st.values.as_slice() {
            [v] if v.kind == ValueKind::Integer => self.integer(holder, v),
            _ => {
                self.shape(holder, kw, first_span(st), "expected one integer");
                None
            }
        }
    }

    fn one_range(&mut self, holder: Holder<'_>, kw: Kw, st: &Statement<'_>) -> Option<Range> {
        let [v] = st.values.as_slice() else {
            self.shape(holder, kw, first_span(st), "expected one range such as `3..9`");
            return None;
        };
        if v.kind != ValueKind::Range {
            self.shape(holder, kw, v.span, "expected a range such as `3..9`");
            return None;
        }
        let (lo, hi) = v.text.split_once("..")?;
        let (Ok(lo), Ok(hi)) = (lo.parse::<u64>(), hi.parse::<u64>()) else {
            self.invalid(
                holder,
                v.span,
                format!("`{}` is out of range", v.text),
                "too large",
                "use smaller bounds",
            );
            return None;
        };
        if lo > MAX_INTEGER || hi > MAX_INTEGER {
            self.invalid(
                holder,
                v.span,
                format!("`{}` is out of range", v.text),
                "too large",
                "use smaller bounds",
            );
            return None;
        }
        if lo > hi {
            self.invalid(
                holder,
                v.span,
                format!("the range `{}` is empty", v.text),
                "lower bound above upper bound",
                "write the smaller bound first, e.g. `3..9`",
            );
            return None;
        }
        Some(Range { lo: lo as u32, hi: hi as u32 })
    }

    /// A duration in minutes (positive, within limits).
    fn minutes(&mut self, holder: Holder<'_>, v: &Value<'_>) -> Option<u64> {
        let digits_end = v.text.find(|c: char| !c.is_ascii_digit()).unwrap_or(v.text.len());
        let (n, unit) = v.text.split_at(digits_end);
        let n = n.parse::<u64>().ok().filter(|&n| n <= MAX_INTEGER);
        let factor = match unit {
            "min" => 1,
            "h" => 60,
            "d" => DAY_MINUTES,
            "w" => 7 * DAY_MINUTES,
            _ => 0,
        };
        match n {
            Some(0) => {
                self.invalid(
                    holder,
                    v.span,
                    format!("the duration `{}` is zero", v.text),
                    "zero",
                    "give a positive duration",
                );
                None
            }
            Some(n) if factor > 0 => Some(n * factor),
            Some(n) => {
                let help = match duration_unit(unit) {
                    Some(u) => format!("write `{n}{u}` (units: `min`, `h`, `d`, `w`)"),
                    None => "write a number and one of the units `min`, `h`, `d`, `w`, e.g. `2w`".to_owned(),
                };
                self.invalid(
                    holder,
                    v.span,
                    format!("`{unit}` is not a unit of duration"),
                    "unknown unit",
                    &help,
                );
                None
            }
            _ => {
                self.invalid(
                    holder,
                    v.span,
                    format!("`{}` is larger than the limit of {MAX_INTEGER}", v.text),
                    "too large",
                    "use a smaller number",
                );
                None
            }
        }
    }

    /// A duration that must be a whole number of days (a sprint).
    fn days(&mut self, holder: Holder<'_>, v: &Value<'_>, what: &str) -> Option<u32> {
        let minutes = self.minutes(holder, v)?;
        if minutes % DAY_MINUTES != 0 {
            self.invalid(
                holder,
                v.span,
                format!("{what} must be a whole number of days, not `{}`", v.text),
                "not a whole number of days",
                "give the length in days or weeks, e.g. `10d` or `2w`",
            );
            return None;
        }
        Some((minutes / DAY_MINUTES) as u32)
    }

    fn date(&mut self, holder: Holder<'_>, v: &Value<'_>) -> Option<jiff::civil::Date> {
        let parts: Vec<&str> = v.text.split('-').collect();
        let parsed = match parts.as_slice() {
            [y, m, d] => match (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) {
                (Ok(y), Ok(m), Ok(d)) => jiff::civil::Date::new(y, m, d).ok(),
                _ => None,
            },
            _ => None,
        };
        if parsed.is_none() {
            self.invalid(
                holder,
                v.span,
                format!("`{}` is not a calendar date", v.text),
                "no such date",
                "give a real date as `YYYY-MM-DD`",
            );
        }
        parsed
    }

    fn cadence(&mut self, holder: Holder<'_>, kw: Kw, st: &Statement<'_>) -> Option<Cadence> {
        match st.values.as_slice() {
            [len] if len.kind == ValueKind::Duration => {
                Some(Cadence { days: self.days(holder, len, "a sprint length")?, start: None })
            }
            [len, starting, date]
                if len.kind == ValueKind::Duration
                    && starting.kind == ValueKind::Ident
                    && starting.text == "starting"
                    && date.kind == ValueKind::Date
                    && !starting.after_comma
                    && !date.after_comma =>
            {
                let days = self.days(holder, len, "a sprint length");
                let start = self.date(holder, date);
                Some(Cadence { days: days?, start: Some(start?) })
            }
            _ => {
                self.shape(
                    holder,
                    kw,
                    first_span(st),
                    "expected a duration and optionally `starting <date>`",
                );
                None
            }
        }
    }

    fn period(&mut self, holder: Holder<'_>, kw: Kw, v: &Value<'_>) -> Option<Period> {
        match (v.kind, v.text) {
            (ValueKind::Ident, "day") => Some(Period::Minutes(DAY_MINUTES)),
            (ValueKind::Ident, "week") => Some(Period::Minutes(7 * DAY_MINUTES)),
            (ValueKind::Ident, "sprint") => Some(Period::Sprint),
            (ValueKind::Duration, _) => Some(Period::Minutes(self.minutes(holder, v)?)),
            (ValueKind::Ident, word) => {
                self.invalid(
                    holder,
                    v.span,
                    format!("`{word}` is not a period"),
                    "unknown period",
                    "write `day`, `week`, `sprint` or a duration such as `2d`",
                );
                None
            }
            _ => {
                self.shape(holder, kw, v.span, "expected `day`, `week`, `sprint` or a duration");
                None
            }
        }
    }

    fn waive<'s>(&mut self, holder: Holder<'_>, kw: Kw, st: &Statement<'s>) -> Option<StmtKind<'s>> {
        let values = st.values.as_slice();
        let Some(rule) = values.first().filter(|v| v.kind == ValueKind::Ident) else {
            self.shape(holder, kw, first_span(st), "expected a rule code or name");
            return None;
        };
        let rule = self.ident(holder, rule)?;
        let mut rest = &values[1..];
        let mut target = None;
        let mut until = None;
        if let [f, id, tail @ ..] = rest
            && f.kind == ValueKind::Ident
            && f.text == "for"
        {
            if id.kind != ValueKind::Ident {
                self.shape(holder, kw, id.span, "expected an identifier after `for`");
                return None;
            }
            target = Some(self.ident(holder, id)?);
            rest = tail;
        }
        if let [u, date, tail @ ..] = rest
            && u.kind == ValueKind::Ident
            && u.text == "until"
        {
            if date.kind != ValueKind::Date {
                self.shape(holder, kw, date.span, "expected a date after `until`");
                return None;
            }
            until = Some(self.date(holder, date)?);
            rest = tail;
        }
        match rest {
            [reason] if reason.kind == ValueKind::String && !reason.after_comma => {
                let text = self.string(holder, reason)?;
                if text.trim().is_empty() {
                    self.invalid(
                        holder,
                        reason.span,
                        "a waiver's reason must not be empty".to_owned(),
                        "empty reason",
                        "say why the exception is justified, in the string",
                    );
                    return None;
                }
                Some(StmtKind::Waive(Box::new(super::ast::Waive { rule, target, until, reason: text })))
            }
            [] => {
                self.invalid(
                    holder,
                    st.span,
                    "a waiver needs a reason".to_owned(),
                    "no reason given",
                    "end the statement with the reason in double quotes",
                );
                None
            }
            [v, ..] => {
                self.shape(holder, kw, v.span, "unexpected value");
                None
            }
        }
    }

    fn event(&mut self, holder: Holder<'_>, kw: Kw, st: &Statement<'_>) -> Option<Event> {
        let values = st.values.as_slice();
        let (kind_v, every_v, period_v, rest) = match values {
            [k, e, p, rest @ ..]
                if k.kind == ValueKind::Ident && e.kind == ValueKind::Ident && e.text == "every" =>
            {
                (k, e, p, rest)
            }
            _ => {
                self.shape(holder, kw, first_span(st), "expected an event kind and `every <period>`");
                return None;
            }
        };
        let Some(kind) = EventKind::from_keyword(kind_v.text) else {
            let mut d =
                Diagnostic::input(Rule::InvalidValue, format!("`{}` is not an event kind", kind_v.text))
                    .primary(kind_v.span, "unknown event kind");
            let words = EventKind::ALL.iter().map(|(_, w)| *w);
            d = match suggest(kind_v.text, words) {
                Some(s) => d.help(format!("an event kind with a similar name exists: `{s}`")),
                None => d.help(format!(
                    "event kinds are {}",
                    or_list(&EventKind::ALL.iter().map(|(_, w)| format!("`{w}`")).collect::<Vec<_>>())
                )),
            };
            self.push(holder, d);
            return None;
        };
        let every = self.period(holder, kw, period_v)?;
        let every_span = every_v.span.to(period_v.span);
        let (lasting, lasting_span) = match rest {
            [] => (None, None),
            [l, d] if l.kind == ValueKind::Ident && l.text == "lasting" && d.kind == ValueKind::Duration => {
                (Some(self.minutes(holder, d)?), Some(l.span.to(d.span)))
            }
            [v, ..] => {
                self.shape(holder, kw, v.span, "expected `lasting <duration>` or the end of the statement");
                return None;
            }
        };
        let agenda = match &st.block {
            None => None,
            Some(block) => Some(self.agenda(holder, block)?),
        };
        Some(Event { kind, every, lasting, agenda, every_span, lasting_span })
    }

    fn agenda(&mut self, holder: Holder<'_>, block: &Body<'_>) -> Option<Vec<(AgendaItem, Span)>> {
        let mut items = Vec::new();
        let mut first: Option<Span> = None;
        for st in &block.statements {
            if st.keyword.text != "agenda" {
                let mut d = Diagnostic::input(
                    Rule::UnknownStatement,
                    format!("an event block has no statement `{}`", st.keyword.text),
                )
                .primary(st.keyword.span, "unknown statement");
                d = d.help("an event block takes only `agenda <item>, ...`");
                self.push(holder, d);
                continue;
            }
            if let Some(first) = first {
                self.duplicate_statement(holder, st, first);
                continue;
            }
            first = Some(st.span);
            if st.values.is_empty() {
                self.shape(holder, AGENDA, st.keyword.span, "expected at least one agenda item");
                continue;
            }
            for (i, v) in st.values.iter().enumerate() {
                if v.kind != ValueKind::Ident || (i > 0 && !v.after_comma) {
                    self.shape(holder, AGENDA, v.span, "expected agenda items separated by `,`");
                    return None;
                }
                match AgendaItem::from_keyword(v.text) {
                    Some(item) => items.push((item, v.span)),
                    None => {
                        let mut d = Diagnostic::input(
                            Rule::InvalidValue,
                            format!("`{}` is not an agenda item", v.text),
                        )
                        .primary(v.span, "unknown agenda item");
                        d = match suggest(v.text, AgendaItem::ALL.iter().map(|(_, w)| *w)) {
                            Some(s) => d.help(format!("an agenda item with a similar name exists: `{s}`")),
                            None => d.help(format!(
                                "agenda items are {}",
                                or_list(
                                    &AgendaItem::ALL
                                        .iter()
                                        .map(|(_, w)| format!("`{w}`"))
                                        .collect::<Vec<_>>()
                                )
                            )),
                        };
                        self.push(holder, d);
                    }
                }
            }
        }
        Some(items)
    }
}

/// List entries already seen in one item, for SG010. Items have few entries, so a short list
/// is scanned; a long one (a Scrum of Scrums with hundreds of members) gets a hash map.
#[derive(Default)]
struct Entries<'s> {
    small: Vec<(&'static str, Cow<'s, str>, Span)>,
    large: Option<rustc_hash::FxHashMap<(&'static str, Cow<'s, str>), Span>>,
}

impl<'s> Entries<'s> {
    const SMALL: usize = 32;

    /// The span where `text` was first named in `keyword`'s list, or `None` (and records it).
    fn first(&mut self, keyword: &'static str, text: Cow<'s, str>, span: Span) -> Option<Span> {
        if let Some(map) = &mut self.large {
            return match map.entry((keyword, text)) {
                std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(span);
                    None
                }
            };
        }
        if let Some((_, _, first)) = self.small.iter().find(|(k, t, _)| *k == keyword && *t == text) {
            return Some(*first);
        }
        self.small.push((keyword, text, span));
        if self.small.len() > Self::SMALL {
            self.large = Some(self.small.drain(..).map(|(k, t, s)| ((k, t), s)).collect());
        }
        None
    }
}

fn holder_name(holder: Holder<'_>) -> String {
    match (holder.kind, holder.subject) {
        (ItemKind::Organisation | ItemKind::Policy, _) | (_, None) => holder
            .kind
            .keyword()
            .replace('_', " ")
            .replace("organisation", "the organisation")
            .replace("policy", "the policy"),
        (kind, Some(id)) => format!("{} `{id}`", kind.keyword().replace('_', " ")),
    }
}

/// The unit a duration is written with, from the words people write for it (`weeks`, `mins`).
fn duration_unit(word: &str) -> Option<&'static str> {
    match word.to_ascii_lowercase().as_str() {
        "min" | "mins" | "minute" | "minutes" | "m" => Some("min"),
        "h" | "hr" | "hrs" | "hour" | "hours" => Some("h"),
        "d" | "day" | "days" => Some("d"),
        "w" | "wk" | "wks" | "week" | "weeks" => Some("w"),
        _ => None,
    }
}

/// A number and a unit written apart (`2 weeks`, `15 min`): where, and the duration meant (`2w`).
fn spaced_duration(values: &[Value<'_>]) -> Option<(Span, String)> {
    values.windows(2).find_map(|pair| match pair {
        [n, unit] if n.kind == ValueKind::Integer && unit.kind == ValueKind::Ident && !unit.after_comma => {
            duration_unit(unit.text).map(|u| (n.span.to(unit.span), format!("{}{u}", n.text)))
        }
        _ => None,
    })
}

fn first_span(st: &Statement<'_>) -> Span {
    st.values.first().map_or(st.keyword.span, |v| v.span)
}

/// The text of a string token without its quotes, escapes resolved.
pub fn unescape(raw: &str) -> String {
    let inner = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')).unwrap_or(raw);
    if !inner.contains('\\') {
        return inner.to_owned();
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}
