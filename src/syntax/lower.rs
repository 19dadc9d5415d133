//! Lowering: the concrete tree of one file into typed declarations ([`super::ast`]).
//!
//! Everything that can be judged from one file alone is judged here: which statements an item
//! takes (SG008), single-valued statements given twice (SG007), list entries named twice
//! (SG010), the shape of each statement's values (SG001) and their validity (SG005: dates,
//! whole-day sprints, ranges, event kinds, agenda items, limits). The words come from
//! [`super::keyword`]; what each error says is written in [`super::errors`].

use std::borrow::Cow;
use std::collections::HashMap;

use super::ast::{
    AgendaItem, Cadence, DAY_MINUTES, Decl, Event, EventKind, Ident, ItemKind, Period, Range, Stmt, StmtKind,
};
use super::errors::{self, Expected};
use super::keyword::{self, EVERY, Header, Keyword, LASTING, STARTING};
use super::tree::{Body, Item, Statement, Tree, Value, ValueKind};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// The longest identifier accepted, in bytes (SG005 beyond).
pub const MAX_IDENT_BYTES: usize = 256;
/// The longest string accepted, in bytes (SG005 beyond).
pub const MAX_STRING_BYTES: usize = 64 * 1024;
/// The largest integer accepted (counts, limits, durations in their unit).
pub const MAX_INTEGER: u64 = 1_000_000;

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

    fn shape(&mut self, holder: Holder<'_>, kw: Keyword, at: Span, what: Expected) {
        self.push(holder, errors::shape(kw, at, what));
    }

    fn item<'s>(&mut self, item: &Item<'s>) -> Option<Decl<'s>> {
        let Some(kind) = ItemKind::from_keyword(item.keyword.text) else {
            self.out.push(errors::unknown_item(item.keyword.text, item.keyword.span));
            return None;
        };
        let (ident, display) = self.header(kind, item)?;
        let holder = Holder { kind, subject: ident.map(|i| i.text) };
        let statements = match &item.body {
            Some(body) => self.body(holder, body),
            None if keyword::item(kind).needs_body => {
                self.push(holder, errors::needs_body(item.keyword.text, item.header_span));
                Vec::new()
            }
            None => Vec::new(),
        };
        Some(Decl { kind, ident, display, header: item.header_span, span: item.span, statements })
    }

    /// Checks the header values: `organisation "<name>"`, `<kind> <id> ["<display>"]`, `policy`.
    fn header<'s>(&mut self, kind: ItemKind, item: &Item<'s>) -> Option<(Option<Ident<'s>>, Option<String>)> {
        let holder = Holder { kind, subject: None };
        let header = keyword::item(kind).header;
        let bad = |lower: &mut Lower, at: Span| {
            lower.out.push(errors::bad_header(item.keyword.text, header, at));
            None
        };
        match header {
            Header::Name => match item.header.as_slice() {
                // A name that is too long is reported but keeps the item: the organisation
                // exists, so SG006 must not also fire.
                [v] if v.kind == ValueKind::String => Some((None, self.string(holder, v))),
                [] => bad(self, item.keyword.span),
                [v, ..] => bad(self, v.span),
            },
            Header::Bare => match item.header.first() {
                None => Some((None, None)),
                Some(v) => bad(self, v.span),
            },
            Header::Id => match item.header.as_slice() {
                [id] | [id, _] if id.kind == ValueKind::Ident && !id.after_comma => {
                    let ident = self.ident(holder, id)?;
                    let display = match item.header.get(1) {
                        Some(v) if v.kind == ValueKind::String && !v.after_comma => {
                            self.string(Holder { kind, subject: Some(ident.text) }, v)
                        }
                        Some(v) => return bad(self, v.span),
                        None => None,
                    };
                    Some((Some(ident), display))
                }
                [] => bad(self, item.keyword.span),
                [id] | [id, _] => bad(self, id.span),
                [_, _, v, ..] => bad(self, v.span),
            },
        }
    }

    fn ident<'s>(&mut self, holder: Holder<'_>, v: &Value<'s>) -> Option<Ident<'s>> {
        if v.text.len() > MAX_IDENT_BYTES {
            let span = Span::new(v.span.file, v.span.start, v.span.start + 1);
            self.push(holder, errors::identifier_too_long(v.text.len(), span));
            return None;
        }
        Some(Ident { text: v.text, span: v.span })
    }

    fn string(&mut self, holder: Holder<'_>, v: &Value<'_>) -> Option<String> {
        if v.text.len() > MAX_STRING_BYTES {
            let span = Span::new(v.span.file, v.span.start, v.span.start + 1);
            self.push(holder, errors::string_too_long(v.text.len(), span));
            return None;
        }
        Some(unescape(v.text))
    }

    fn body<'s>(&mut self, holder: Holder<'_>, body: &Body<'s>) -> Vec<Stmt<'s>> {
        let allowed = keyword::statements_of(holder.kind);
        let mut seen: Vec<(Keyword, Span)> = Vec::new();
        let mut entries = Entries::default();
        let mut developer_form: Option<(bool, Span)> = None;
        let mut out = Vec::with_capacity(body.statements.len());
        for statement in &body.statements {
            let Some(kw) = Keyword::from_word(statement.keyword.text).filter(|k| allowed.contains(k)) else {
                self.push(
                    holder,
                    errors::unknown_statement(holder.kind, statement.keyword.text, statement.keyword.span),
                );
                continue;
            };
            // `developers` is repeatable as a list but single-valued as a count; mixing is SG007.
            if kw == Keyword::Developers {
                let count = matches!(statement.values.as_slice(), [v] if v.kind == ValueKind::Integer);
                if let Some((was_count, first)) = developer_form {
                    if count || was_count {
                        self.duplicate_statement(holder, statement, first);
                        continue;
                    }
                } else {
                    developer_form = Some((count, statement.span));
                }
            } else if !kw.repeatable() {
                if let Some(&(_, first)) = seen.iter().find(|(k, _)| *k == kw) {
                    self.duplicate_statement(holder, statement, first);
                    continue;
                }
                seen.push((kw, statement.span));
            }
            if let Some(block) = &statement.block
                && kw != Keyword::Event
            {
                self.shape(holder, kw, block.open, Expected::OnlyEventTakesABlock);
                continue;
            }
            if let Some(mut stmt) = self.statement(holder, kw, statement) {
                self.dedupe_entries(holder, kw, &mut stmt, &mut entries);
                out.push(stmt);
            }
        }
        out
    }

    fn duplicate_statement(&mut self, holder: Holder<'_>, statement: &Statement<'_>, first: Span) {
        let name = errors::holder_name(holder.kind, holder.subject);
        self.push(holder, errors::duplicate_statement(statement.keyword.text, &name, statement.span, first));
    }

    /// SG010: drops list entries already named in this item (across repeated statements).
    fn dedupe_entries<'s>(
        &mut self,
        holder: Holder<'_>,
        kw: Keyword,
        stmt: &mut Stmt<'s>,
        seen: &mut Entries<'s>,
    ) {
        let mut report = |lower: &mut Lower, text: Cow<'s, str>, span: Span| -> bool {
            match seen.first(kw, text.clone(), span) {
                Some(first) => {
                    let name = errors::holder_name(holder.kind, holder.subject);
                    lower.push(holder, errors::duplicate_entry(&text, kw, &name, span, first));
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
                            let name = errors::holder_name(holder.kind, holder.subject);
                            self.push(
                                holder,
                                errors::duplicate_agenda_item(item.keyword(), &name, span, first),
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

    fn statement<'s>(&mut self, holder: Holder<'_>, kw: Keyword, st: &Statement<'s>) -> Option<Stmt<'s>> {
        use Keyword as K;
        let values = st.values.as_slice();
        if matches!(kw, K::Sprint | K::MaxSprint | K::Event | K::Releases)
            && let Some((span, written)) = spaced_duration(values)
        {
            self.push(holder, errors::spaced_duration(kw, span, &written));
            return None;
        }
        let kind = match kw {
            K::Vision => StmtKind::Vision(self.one_string(holder, kw, st)?),
            K::Title => StmtKind::Title(self.one_string(holder, kw, st)?),
            K::Executive => {
                if let Some(v) = values.first() {
                    self.shape(holder, kw, v.span, Expected::ExecutiveTakesNoValue);
                    return None;
                }
                StmtKind::Executive
            }
            K::Sprint => StmtKind::Sprint(self.cadence(holder, kw, st)?),
            K::Metrics => StmtKind::Metrics(self.ident_list(holder, kw, st)?),
            K::Authority => StmtKind::Authority(self.ident_list(holder, kw, st)?),
            K::Approves => StmtKind::Approves(self.ident_list(holder, kw, st)?),
            K::DependsOn => StmtKind::DependsOn(self.ident_list(holder, kw, st)?),
            K::Members => StmtKind::Members(self.ident_list(holder, kw, st)?),
            K::RequiredAuthority => StmtKind::RequiredAuthority(self.ident_list(holder, kw, st)?),
            K::ProductOwner => StmtKind::ProductOwner(self.one_ident(holder, kw, st)?),
            K::ScrumMaster => StmtKind::ScrumMaster(self.one_ident(holder, kw, st)?),
            K::Backlog => StmtKind::Backlog(self.one_ident(holder, kw, st)?),
            K::DefinitionOfDone => StmtKind::DefinitionOfDone(self.one_ident(holder, kw, st)?),
            K::EscalatesTo => StmtKind::EscalatesTo(self.one_ident(holder, kw, st)?),
            K::ScrumOfScrumsMaster => StmtKind::ScrumOfScrumsMaster(self.one_ident(holder, kw, st)?),
            K::ChiefProductOwner => StmtKind::ChiefProductOwner(self.one_ident(holder, kw, st)?),
            K::Owner => StmtKind::Owner(self.one_ident(holder, kw, st)?),
            K::Developers => match values {
                [v] if v.kind == ValueKind::Integer => StmtKind::DevelopersCount(self.integer(holder, v)?),
                [count, extra, ..] if count.kind == ValueKind::Integer && !extra.after_comma => {
                    self.push(holder, errors::developers_after_count(count.text, extra.text, extra.span));
                    return None;
                }
                _ => StmtKind::DevelopersNamed(self.ident_list(holder, kw, st)?),
            },
            K::WipLimit => StmtKind::WipLimit(self.one_integer(holder, kw, st)?),
            K::MaxTeamsPerScrumMaster => StmtKind::MaxTeamsPerScrumMaster(self.one_integer(holder, kw, st)?),
            K::MaxTeamsPerProductOwner => {
                StmtKind::MaxTeamsPerProductOwner(self.one_integer(holder, kw, st)?)
            }
            K::MaxDependenciesPerTeam => StmtKind::MaxDependenciesPerTeam(self.one_integer(holder, kw, st)?),
            K::MaxRolesPerPerson => StmtKind::MaxRolesPerPerson(self.one_integer(holder, kw, st)?),
            K::Criteria => {
                let mut list = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    if v.kind != ValueKind::String || (i > 0 && !v.after_comma) {
                        self.shape(holder, kw, v.span, Expected::CriteriaStrings);
                        return None;
                    }
                    list.push((self.string(holder, v)?, v.span));
                }
                if list.is_empty() {
                    self.shape(holder, kw, st.keyword.span, Expected::OneCriterion);
                    return None;
                }
                StmtKind::Criteria(list)
            }
            K::Releases => match values {
                [every, period]
                    if every.kind == ValueKind::Ident && every.text == EVERY && !period.after_comma =>
                {
                    StmtKind::Releases(self.period(holder, kw, period)?)
                }
                _ => {
                    self.shape(holder, kw, first_span(st), Expected::EveryAndPeriod);
                    return None;
                }
            },
            K::TeamSize => StmtKind::TeamSize(self.one_range(holder, kw, st)?),
            K::ScrumOfScrumsSize => StmtKind::ScrumOfScrumsSize(self.one_range(holder, kw, st)?),
            K::MaxSprint => match values {
                [v] if v.kind == ValueKind::Duration => {
                    StmtKind::MaxSprint(self.days(holder, v, "the longest sprint")?)
                }
                _ => {
                    self.shape(holder, kw, first_span(st), Expected::OneDuration);
                    return None;
                }
            },
            K::CadenceScope => match values {
                [v] if v.kind == ValueKind::Ident => match keyword::cadence_scope(v.text) {
                    Some(scope) => StmtKind::CadenceScope(scope),
                    None => {
                        self.push(holder, errors::not_a_cadence_scope(v.text, v.span));
                        return None;
                    }
                },
                _ => {
                    self.shape(holder, kw, first_span(st), Expected::CadenceScope);
                    return None;
                }
            },
            K::Severity => match values {
                [rule, level]
                    if rule.kind == ValueKind::Ident
                        && level.kind == ValueKind::Ident
                        && !level.after_comma =>
                {
                    let rule = self.ident(holder, rule)?;
                    let Some(level) = keyword::level(level.text) else {
                        self.push(holder, errors::not_a_severity(level.text, level.span));
                        return None;
                    };
                    StmtKind::Severity { rule, level }
                }
                _ => {
                    self.shape(holder, kw, first_span(st), Expected::RuleAndSeverity);
                    return None;
                }
            },
            K::Waive => self.waive(holder, kw, st)?,
            K::Event => StmtKind::Event(Box::new(self.event(holder, kw, st)?)),
            K::Agenda => {
                self.shape(holder, kw, st.keyword.span, Expected::NotValidHere);
                return None;
            }
        };
        Some(Stmt { kind, span: st.span })
    }

    fn one_string(&mut self, holder: Holder<'_>, kw: Keyword, st: &Statement<'_>) -> Option<String> {
        match st.values.as_slice() {
            [v] if v.kind == ValueKind::String => self.string(holder, v),
            _ => {
                self.shape(holder, kw, first_span(st), Expected::OneString);
                None
            }
        }
    }

    fn one_ident<'s>(&mut self, holder: Holder<'_>, kw: Keyword, st: &Statement<'s>) -> Option<Ident<'s>> {
        match st.values.as_slice() {
            [v] if v.kind == ValueKind::Ident => self.ident(holder, v),
            [] => {
                self.shape(holder, kw, st.keyword.span, Expected::IdentifierAfterKeyword);
                None
            }
            [v] => {
                self.shape(holder, kw, v.span, Expected::IdentifierFound(v.kind));
                None
            }
            [_, v, ..] => {
                self.shape(holder, kw, v.span, Expected::OneIdentifierOnly);
                None
            }
        }
    }

    fn ident_list<'s>(
        &mut self,
        holder: Holder<'_>,
        kw: Keyword,
        st: &Statement<'s>,
    ) -> Option<Vec<Ident<'s>>> {
        if st.values.is_empty() {
            self.shape(holder, kw, st.keyword.span, Expected::OneIdentifierAtLeast);
            return None;
        }
        let mut list = Vec::with_capacity(st.values.len());
        for (i, v) in st.values.iter().enumerate() {
            if v.kind != ValueKind::Ident {
                self.shape(holder, kw, v.span, Expected::IdentifierFound(v.kind));
                return None;
            }
            if i > 0 && !v.after_comma {
                self.shape(holder, kw, v.span, Expected::CommaBeforeEntry);
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
                self.push(holder, errors::integer_too_large(v.text, v.span));
                None
            }
        }
    }

    fn one_integer(&mut self, holder: Holder<'_>, kw: Keyword, st: &Statement<'_>) -> Option<u32> {
        match st.values.as_slice() {
            [v] if v.kind == ValueKind::Integer => self.integer(holder, v),
            _ => {
                self.shape(holder, kw, first_span(st), Expected::OneInteger);
                None
            }
        }
    }

    fn one_range(&mut self, holder: Holder<'_>, kw: Keyword, st: &Statement<'_>) -> Option<Range> {
        let [v] = st.values.as_slice() else {
            self.shape(holder, kw, first_span(st), Expected::OneRange);
            return None;
        };
        if v.kind != ValueKind::Range {
            self.shape(holder, kw, v.span, Expected::Range);
            return None;
        }
        let (lo, hi) = v.text.split_once("..")?;
        let bounds = match (lo.parse::<u64>(), hi.parse::<u64>()) {
            (Ok(lo), Ok(hi)) if lo <= MAX_INTEGER && hi <= MAX_INTEGER => Some((lo, hi)),
            _ => None,
        };
        let Some((lo, hi)) = bounds else {
            self.push(holder, errors::range_too_large(v.text, v.span));
            return None;
        };
        if lo > hi {
            self.push(holder, errors::range_empty(v.text, v.span));
            return None;
        }
        Some(Range { lo: lo as u32, hi: hi as u32 })
    }

    /// A duration in minutes (positive, within limits).
    fn minutes(&mut self, holder: Holder<'_>, v: &Value<'_>) -> Option<u64> {
        let digits_end = v.text.find(|c: char| !c.is_ascii_digit()).unwrap_or(v.text.len());
        let (n, unit) = v.text.split_at(digits_end);
        let n = n.parse::<u64>().ok().filter(|&n| n <= MAX_INTEGER);
        let factor = keyword::unit_minutes(unit);
        match (n, factor) {
            (Some(0), _) => {
                self.push(holder, errors::zero_duration(v.text, v.span));
                None
            }
            (Some(n), Some(factor)) => Some(n * factor),
            (Some(n), None) => {
                self.push(holder, errors::not_a_unit(n, unit, keyword::duration_unit(unit), v.span));
                None
            }
            (None, _) => {
                self.push(holder, errors::integer_too_large(v.text, v.span));
                None
            }
        }
    }

    /// A duration that must be a whole number of days (a sprint).
    fn days(&mut self, holder: Holder<'_>, v: &Value<'_>, what: &str) -> Option<u32> {
        let minutes = self.minutes(holder, v)?;
        if minutes % DAY_MINUTES != 0 {
            self.push(holder, errors::not_whole_days(what, v.text, v.span));
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
            self.push(holder, errors::not_a_date(v.text, v.span));
        }
        parsed
    }

    fn cadence(&mut self, holder: Holder<'_>, kw: Keyword, st: &Statement<'_>) -> Option<Cadence> {
        match st.values.as_slice() {
            [len] if len.kind == ValueKind::Duration => {
                Some(Cadence { days: self.days(holder, len, "a sprint length")?, start: None })
            }
            [len, starting, date]
                if len.kind == ValueKind::Duration
                    && starting.kind == ValueKind::Ident
                    && starting.text == STARTING
                    && date.kind == ValueKind::Date
                    && !starting.after_comma
                    && !date.after_comma =>
            {
                let days = self.days(holder, len, "a sprint length");
                let start = self.date(holder, date);
                Some(Cadence { days: days?, start: Some(start?) })
            }
            _ => {
                self.shape(holder, kw, first_span(st), Expected::DurationAndStart);
                None
            }
        }
    }

    fn period(&mut self, holder: Holder<'_>, kw: Keyword, v: &Value<'_>) -> Option<Period> {
        match v.kind {
            ValueKind::Duration => Some(Period::Minutes(self.minutes(holder, v)?)),
            ValueKind::Ident => {
                let period = keyword::period(v.text);
                if period.is_none() {
                    self.push(holder, errors::not_a_period(v.text, v.span));
                }
                period
            }
            _ => {
                self.shape(holder, kw, v.span, Expected::Period);
                None
            }
        }
    }

    fn waive<'s>(&mut self, holder: Holder<'_>, kw: Keyword, st: &Statement<'s>) -> Option<StmtKind<'s>> {
        let values = st.values.as_slice();
        let Some(rule) = values.first().filter(|v| v.kind == ValueKind::Ident) else {
            self.shape(holder, kw, first_span(st), Expected::RuleCodeOrName);
            return None;
        };
        let rule = self.ident(holder, rule)?;
        let mut rest = &values[1..];
        let mut target = None;
        let mut until = None;
        if let [f, id, tail @ ..] = rest
            && f.kind == ValueKind::Ident
            && f.text == keyword::FOR
        {
            if id.kind != ValueKind::Ident {
                self.shape(holder, kw, id.span, Expected::IdentifierAfterFor);
                return None;
            }
            target = Some(self.ident(holder, id)?);
            rest = tail;
        }
        if let [u, date, tail @ ..] = rest
            && u.kind == ValueKind::Ident
            && u.text == keyword::UNTIL
        {
            if date.kind != ValueKind::Date {
                self.shape(holder, kw, date.span, Expected::DateAfterUntil);
                return None;
            }
            until = Some(self.date(holder, date)?);
            rest = tail;
        }
        match rest {
            [reason] if reason.kind == ValueKind::String && !reason.after_comma => {
                let text = self.string(holder, reason)?;
                if text.trim().is_empty() {
                    self.push(holder, errors::empty_reason(reason.span));
                    return None;
                }
                Some(StmtKind::Waive(Box::new(super::ast::Waive { rule, target, until, reason: text })))
            }
            [] => {
                self.push(holder, errors::no_reason(st.span));
                None
            }
            [v, ..] => {
                self.shape(holder, kw, v.span, Expected::UnexpectedValue);
                None
            }
        }
    }

    fn event(&mut self, holder: Holder<'_>, kw: Keyword, st: &Statement<'_>) -> Option<Event> {
        let values = st.values.as_slice();
        let (kind_v, every_v, period_v, rest) = match values {
            [k, e, p, rest @ ..]
                if k.kind == ValueKind::Ident && e.kind == ValueKind::Ident && e.text == EVERY =>
            {
                (k, e, p, rest)
            }
            _ => {
                self.shape(holder, kw, first_span(st), Expected::KindAndEvery);
                return None;
            }
        };
        let Some(kind) = EventKind::from_keyword(kind_v.text) else {
            self.push(holder, errors::unknown_event_kind(kind_v.text, kind_v.span));
            return None;
        };
        let every = self.period(holder, kw, period_v)?;
        let every_span = every_v.span.to(period_v.span);
        let (lasting, lasting_span) = match rest {
            [] => (None, None),
            [l, d] if l.kind == ValueKind::Ident && l.text == LASTING && d.kind == ValueKind::Duration => {
                (Some(self.minutes(holder, d)?), Some(l.span.to(d.span)))
            }
            [v, ..] => {
                self.shape(holder, kw, v.span, Expected::LastingOrEnd);
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
            if Keyword::from_word(st.keyword.text).is_none_or(|k| !keyword::EVENT_BLOCK.contains(&k)) {
                self.push(holder, errors::event_block_statement(st.keyword.text, st.keyword.span));
                continue;
            }
            if let Some(first) = first {
                self.duplicate_statement(holder, st, first);
                continue;
            }
            first = Some(st.span);
            if st.values.is_empty() {
                self.shape(holder, Keyword::Agenda, st.keyword.span, Expected::OneAgendaItem);
                continue;
            }
            for (i, v) in st.values.iter().enumerate() {
                if v.kind != ValueKind::Ident || (i > 0 && !v.after_comma) {
                    self.shape(holder, Keyword::Agenda, v.span, Expected::AgendaCommas);
                    return None;
                }
                match AgendaItem::from_keyword(v.text) {
                    Some(item) => items.push((item, v.span)),
                    None => self.push(holder, errors::unknown_agenda_item(v.text, v.span)),
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
    small: Vec<(Keyword, Cow<'s, str>, Span)>,
    large: Option<rustc_hash::FxHashMap<(Keyword, Cow<'s, str>), Span>>,
}

impl<'s> Entries<'s> {
    const SMALL: usize = 32;

    /// The span where `text` was first named in `keyword`'s list, or `None` (and records it).
    fn first(&mut self, keyword: Keyword, text: Cow<'s, str>, span: Span) -> Option<Span> {
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

/// A number and a unit written apart (`2 weeks`, `15 min`): where, and the duration meant (`2w`).
fn spaced_duration(values: &[Value<'_>]) -> Option<(Span, String)> {
    values.windows(2).find_map(|pair| match pair {
        [n, unit] if n.kind == ValueKind::Integer && unit.kind == ValueKind::Ident && !unit.after_comma => {
            keyword::duration_unit(unit.text).map(|u| (n.span.to(unit.span), format!("{}{u}", n.text)))
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
