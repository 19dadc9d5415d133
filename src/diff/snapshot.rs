//! Each item of a model rendered as named fields (statements and derived facts, references as
//! identifiers), and the comparison of two such snapshots field by field.

use super::*;

/// A field's value: one value, or a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Value {
    One(String),
    List(Vec<String>),
}

impl Value {
    pub(super) fn is_empty(&self) -> bool {
        match self {
            Value::One(s) => s.is_empty(),
            Value::List(l) => l.is_empty(),
        }
    }

    pub(super) fn text(&self) -> String {
        match self {
            Value::One(s) => s.clone(),
            Value::List(l) => l.join(", "),
        }
    }
}

/// One named fact of an item.
#[derive(Debug, Clone)]
pub(super) struct Field {
    /// The statement keyword, or a derived fact's name (`effective_cadence`).
    pub(super) key: &'static str,
    /// How it reads in a sentence (`Scrum Master`).
    pub(super) label: &'static str,
    pub(super) category: Category,
    pub(super) value: Value,
    /// Derived (LANGUAGE.md §4) rather than written.
    pub(super) derived: bool,
    /// A list written one entry per line in the item's text (events).
    pub(super) lines: bool,
}

/// An item rendered for comparison.
#[derive(Debug, Clone)]
pub(super) struct Snapshot {
    pub(super) kind: &'static str,
    pub(super) ident: String,
    pub(super) display: Option<String>,
    pub(super) fields: Vec<Field>,
}

impl Snapshot {
    /// What must be equal for two items of one kind to be the same item renamed.
    pub(super) fn signature(&self) -> Option<String> {
        let mut out = String::new();
        if let Some(d) = &self.display {
            let _ = writeln!(out, "display {d:?}");
        }
        for f in self.fields.iter().filter(|f| !f.derived && !f.value.is_empty()) {
            let _ = writeln!(out, "{} {}", f.key, f.value.text());
        }
        (!out.is_empty()).then_some(out)
    }

    /// The item as text: its statements in canonical order, derived facts as comments.
    pub(super) fn text(&self) -> String {
        let mut out = String::new();
        let header = match (self.kind, &self.display) {
            ("organisation", Some(name)) => format!("organisation {name:?}"),
            ("policy", _) => "policy".to_owned(),
            (kind, Some(d)) => format!("{kind} {} {d:?}", self.ident),
            (kind, None) => format!("{kind} {}", self.ident),
        };
        let _ = writeln!(out, "{header} {{");
        for f in self.fields.iter().filter(|f| !f.derived && !f.value.is_empty()) {
            match (&f.value, f.lines) {
                (Value::List(items), true) => {
                    for item in items {
                        let _ = writeln!(out, "  {} {item}", f.key);
                    }
                }
                (v, _) => {
                    let _ = writeln!(out, "  {} {}", f.key, v.text());
                }
            }
        }
        for f in self.fields.iter().filter(|f| f.derived && !f.value.is_empty()) {
            let _ = writeln!(out, "  # {}: {}", f.label, f.value.text());
        }
        out.push_str("}\n");
        out
    }
}
// ---------------------------------------------------------------------------------------------
// Snapshots: each item as named fields.

pub(super) fn snapshots(m: &Model, renames: &Renames) -> BTreeMap<(usize, String), Snapshot> {
    let r = Render { m, renames, cx: Context::new(m, crate::today_utc()) };
    let mut out = BTreeMap::new();
    let mut put = |s: Snapshot| {
        out.insert((kind_order(s.kind), s.ident.clone()), s);
    };
    put(r.organisation());
    put(r.policy());
    for (id, _) in m.person_ids() {
        put(r.person(id));
    }
    for (id, _) in m.team_ids() {
        put(r.team(id));
    }
    for (id, _) in m.sos_ids() {
        put(r.sos(id));
    }
    for (id, _) in m.eat_ids() {
        put(r.eat(id));
    }
    for i in 0..m.emss.len() {
        put(r.ems(i));
    }
    for i in 0..m.backlogs.len() {
        put(r.backlog(i));
    }
    for i in 0..m.dods.len() {
        put(r.dod(i));
    }
    out
}

pub(super) struct Render<'m> {
    pub(super) m: &'m Model,
    pub(super) renames: &'m Renames,
    pub(super) cx: Context<'m>,
}

pub(super) fn field(key: &'static str, label: &'static str, category: Category, value: Value) -> Field {
    Field { key, label, category, value, derived: false, lines: false }
}

pub(super) fn derived(key: &'static str, label: &'static str, category: Category, value: Value) -> Field {
    Field { key, label, category, value, derived: true, lines: false }
}

/// A duration in minutes in the language's words (`2w`, `15min`, `day`).
pub fn minutes_text(minutes: u64) -> String {
    const WEEK: u64 = 7 * DAY_MINUTES;
    match minutes {
        DAY_MINUTES => "day".to_owned(),
        WEEK => "week".to_owned(),
        m if m.is_multiple_of(WEEK) => format!("{}w", m / WEEK),
        m if m.is_multiple_of(DAY_MINUTES) => format!("{}d", m / DAY_MINUTES),
        m if m.is_multiple_of(60) => format!("{}h", m / 60),
        m => format!("{m}min"),
    }
}

pub(super) fn days_text(days: u32) -> String {
    if days.is_multiple_of(7) { format!("{}w", days / 7) } else { format!("{days}d") }
}

pub(super) fn cadence_text(c: Cadence) -> String {
    match c.start {
        Some(start) => format!("{} starting {start}", days_text(c.days)),
        None => days_text(c.days),
    }
}

pub(super) fn period_text(p: Period) -> String {
    match p {
        Period::Sprint => "sprint".to_owned(),
        Period::Minutes(m) => minutes_text(m),
    }
}

impl Render<'_> {
    pub(super) fn name(&self, n: Name) -> String {
        self.m.name(n).to_owned()
    }

    pub(super) fn words(&self, list: &List<Name>) -> Value {
        Value::List(list.values().map(|n| self.name(*n)).collect())
    }

    pub(super) fn person_ref(&self, p: PersonId) -> String {
        self.renames.name(self.m.name(self.m.person(p).header.ident))
    }

    pub(super) fn people(&self, list: &List<PersonId>) -> Value {
        Value::List(list.values().map(|p| self.person_ref(*p)).collect())
    }

    pub(super) fn holder(&self, at: Option<At<PersonId>>) -> Value {
        Value::One(at.map(|p| self.person_ref(p.value)).unwrap_or_default())
    }

    pub(super) fn reference(&self, ident: &str) -> String {
        self.renames.name(ident)
    }

    pub(super) fn target(&self, t: Option<Target>) -> Value {
        Value::One(t.map(|t| self.reference(self.m.target_ident(t))).unwrap_or_default())
    }

    pub(super) fn parents(&self, unit: Unit) -> Value {
        let mut names: Vec<String> = self
            .m
            .parents(unit)
            .iter()
            .map(|s| self.reference(self.m.name(self.m.sos(*s).header.ident)))
            .collect();
        names.sort();
        Value::List(names)
    }

    pub(super) fn events(&self, events: &[Event]) -> Field {
        let list = events
            .iter()
            .map(|e| {
                let mut s = format!("{} every {}", e.syntax.kind.keyword(), period_text(e.syntax.every));
                if let Some(l) = e.syntax.lasting {
                    let _ = write!(s, " lasting {}", minutes_text(l));
                }
                if let Some(agenda) = &e.syntax.agenda {
                    let items: Vec<&str> = agenda.iter().map(|(a, _)| a.keyword()).collect();
                    let _ = write!(s, " {{ agenda {} }}", items.join(", "));
                }
                s
            })
            .collect();
        Field { lines: true, ..field("event", "events", Category::Events, Value::List(list)) }
    }

    pub(super) fn one(&self, text: Option<String>) -> Value {
        Value::One(text.unwrap_or_default())
    }

    pub(super) fn snapshot(
        &self,
        kind: &'static str,
        header: &crate::model::Header,
        fields: Vec<Field>,
    ) -> Snapshot {
        Snapshot { kind, ident: self.name(header.ident), display: header.display.clone(), fields }
    }

    pub(super) fn organisation(&self) -> Snapshot {
        let o = &self.m.organisation;
        Snapshot {
            kind: "organisation",
            ident: "organisation".to_owned(),
            display: Some(o.name.clone()),
            fields: vec![
                field(
                    "vision",
                    "vision",
                    Category::Other,
                    self.one(o.vision.as_ref().map(|v| format!("{:?}", v.value))),
                ),
                field("sprint", "sprint", Category::Cadence, self.one(o.sprint.map(cadence_text))),
                field("metrics", "metrics", Category::Other, self.words(&o.metrics)),
            ],
        }
    }

    pub(super) fn policy(&self) -> Snapshot {
        let p = &self.m.policy;
        let range = |r: crate::model::Range| format!("{}..{}", r.lo, r.hi);
        let severities = p
            .severities
            .iter()
            .map(|s| {
                let meta = crate::catalogue::rule(s.rule);
                format!("{} {}", meta.code, s.level.map_or("off", |l| l.as_str()))
            })
            .collect();
        let waivers = p
            .waivers
            .iter()
            .map(|w| {
                let meta = crate::catalogue::rule(w.rule);
                let mut s = meta.code.to_owned();
                if let Some((_, id)) = &w.target {
                    let _ = write!(s, " for {}", self.reference(id));
                }
                if let Some(u) = w.until {
                    let _ = write!(s, " until {u}");
                }
                let _ = write!(s, " {:?}", w.reason);
                s
            })
            .collect();
        Snapshot {
            kind: "policy",
            ident: "policy".to_owned(),
            display: None,
            fields: vec![
                field("team_size", "team size", Category::Policy, Value::One(range(p.team_size.value))),
                field(
                    "scrum_of_scrums_size",
                    "Scrum of Scrums size",
                    Category::Policy,
                    Value::One(range(p.scrum_of_scrums_size.value)),
                ),
                field(
                    "max_sprint",
                    "longest sprint",
                    Category::Policy,
                    Value::One(days_text(p.max_sprint.value)),
                ),
                field(
                    "required_authority",
                    "required authority",
                    Category::Policy,
                    Value::List(p.required_authority.value.iter().map(|n| self.name(*n)).collect()),
                ),
                field(
                    "max_teams_per_scrum_master",
                    "teams per Scrum Master",
                    Category::Policy,
                    Value::One(p.max_teams_per_scrum_master.value.to_string()),
                ),
                field(
                    "max_teams_per_product_owner",
                    "teams per Product Owner",
                    Category::Policy,
                    Value::One(p.max_teams_per_product_owner.value.to_string()),
                ),
                field(
                    "max_dependencies_per_team",
                    "dependencies per team",
                    Category::Policy,
                    Value::One(p.max_dependencies_per_team.value.to_string()),
                ),
                field(
                    "max_roles_per_person",
                    "accountabilities per person",
                    Category::Policy,
                    Value::One(p.max_roles_per_person.value.to_string()),
                ),
                field(
                    "cadence_scope",
                    "cadence scope",
                    Category::Policy,
                    Value::One(
                        match p.cadence_scope.value {
                            CadenceScope::Organisation => "organisation",
                            CadenceScope::ScrumOfScrums => "scrum_of_scrums",
                        }
                        .to_owned(),
                    ),
                ),
                Field {
                    lines: true,
                    ..field("severity", "severities", Category::Policy, Value::List(severities))
                },
                Field { lines: true, ..field("waive", "waivers", Category::Policy, Value::List(waivers)) },
            ],
        }
    }

    pub(super) fn person(&self, id: PersonId) -> Snapshot {
        let p = self.m.person(id);
        let fields = vec![
            field(
                "title",
                "title",
                Category::Other,
                self.one(p.title.as_ref().map(|t| format!("{:?}", t.value))),
            ),
            field(
                "executive",
                "executive",
                Category::Role,
                Value::One(if p.executive.is_some() { "yes".to_owned() } else { String::new() }),
            ),
            field("authority", "authority", Category::Other, self.words(&p.authority)),
        ];
        self.snapshot("person", &p.header, fields)
    }

    pub(super) fn team(&self, id: crate::model::TeamId) -> Snapshot {
        let m = self.m;
        let t = m.team(id);
        let unit = Unit::Team(id);
        let developers = match &t.developers {
            None => Value::One(String::new()),
            Some(Developers::Count(n)) => Value::One(n.value.to_string()),
            Some(Developers::Named(list)) => self.people(list),
        };
        let effective = t.cadence.map(|c| {
            let mut s = cadence_text(c);
            if c.inherited {
                s.push_str(" (the organisation's)");
            }
            s
        });
        let fields = vec![
            field("product_owner", "Product Owner", Category::Role, self.holder(t.product_owner)),
            field("scrum_master", "Scrum Master", Category::Role, self.holder(t.scrum_master)),
            field("developers", "developers", Category::Other, developers),
            field("sprint", "sprint", Category::Cadence, self.one(t.sprint.map(cadence_text))),
            field(
                "backlog",
                "backlog",
                Category::Other,
                self.one(t.backlog.map(|b| self.reference(m.name(m.backlog(b.value).header.ident)))),
            ),
            field(
                "definition_of_done",
                "Definition of Done",
                Category::Other,
                self.one(
                    t.definition_of_done
                        .map(|d| self.reference(m.name(m.dods[d.value.index()].header.ident))),
                ),
            ),
            field(
                "escalates_to",
                "escalates_to",
                Category::Escalation,
                self.target(t.escalates_to.map(|a| a.value)),
            ),
            field(
                "depends_on",
                "dependencies",
                Category::Dependencies,
                Value::List(
                    t.depends_on.values().map(|d| self.reference(m.name(m.team(*d).header.ident))).collect(),
                ),
            ),
            field(
                "releases",
                "releases",
                Category::Other,
                self.one(t.releases.map(|r| format!("every {}", period_text(r.value)))),
            ),
            field("metrics", "metrics", Category::Other, self.words(&t.metrics)),
            self.events(&t.events),
            derived("scrums_of_scrums", "member of", Category::Membership, self.parents(unit)),
            derived("effective_cadence", "effective cadence", Category::Cadence, self.one(effective)),
            derived("escalation_target", "escalation target", Category::Escalation, self.target(t.target)),
        ];
        self.snapshot("team", &t.header, fields)
    }

    pub(super) fn sos(&self, id: crate::model::SosId) -> Snapshot {
        let m = self.m;
        let s = m.sos(id);
        let unit = Unit::Sos(id);
        let fields = vec![
            field(
                "members",
                "members",
                Category::Membership,
                Value::List(s.members.values().map(|u| self.reference(m.unit_ident(*u))).collect()),
            ),
            field("scrum_of_scrums_master", "Scrum of Scrums Master", Category::Role, self.holder(s.master)),
            field(
                "chief_product_owner",
                "Chief Product Owner",
                Category::Role,
                self.holder(s.chief_product_owner),
            ),
            field(
                "backlog",
                "backlog",
                Category::Other,
                self.one(s.backlog.map(|b| self.reference(m.name(m.backlog(b.value).header.ident)))),
            ),
            field(
                "definition_of_done",
                "Definition of Done",
                Category::Other,
                self.one(
                    s.definition_of_done
                        .map(|d| self.reference(m.name(m.dods[d.value.index()].header.ident))),
                ),
            ),
            field(
                "escalates_to",
                "escalates_to",
                Category::Escalation,
                self.target(s.escalates_to.map(|a| a.value)),
            ),
            field(
                "releases",
                "releases",
                Category::Other,
                self.one(s.releases.map(|r| format!("every {}", period_text(r.value)))),
            ),
            field("metrics", "metrics", Category::Other, self.words(&s.metrics)),
            self.events(&s.events),
            derived("scrums_of_scrums", "member of", Category::Membership, self.parents(unit)),
            derived(
                "effective_sprint",
                "effective sprint length",
                Category::Cadence,
                self.one(self.cx.sos_sprint_days(id).map(days_text)),
            ),
            derived("escalation_target", "escalation target", Category::Escalation, self.target(s.target)),
        ];
        self.snapshot("scrum_of_scrums", &s.header, fields)
    }

    pub(super) fn eat(&self, id: crate::model::EatId) -> Snapshot {
        let m = self.m;
        let e = m.eat(id);
        let mut all: Vec<String> = e.all_members().map(|p| self.person_ref(p)).collect();
        all.sort();
        all.dedup();
        let fields = vec![
            field("members", "members", Category::EatMembership, self.people(&e.members)),
            field("product_owner", "Product Owner", Category::EatMembership, self.holder(e.product_owner)),
            field("scrum_master", "Scrum Master", Category::EatMembership, self.holder(e.scrum_master)),
            field("authority", "authority", Category::EatAuthority, self.words(&e.authority)),
            field("approves", "approval gates", Category::EatAuthority, self.words(&e.approves)),
            field(
                "backlog",
                "backlog",
                Category::Other,
                self.one(e.backlog.map(|b| self.reference(m.name(m.backlog(b.value).header.ident)))),
            ),
            self.events(&e.events),
            derived("all_members", "all members", Category::EatMembership, Value::List(all)),
        ];
        self.snapshot("executive_action_team", &e.header, fields)
    }

    pub(super) fn ems(&self, i: usize) -> Snapshot {
        let m = self.m;
        let Some(e) = m.emss.get(i) else {
            return Snapshot {
                kind: "executive_metascrum",
                ident: String::new(),
                display: None,
                fields: Vec::new(),
            };
        };
        let fields = vec![
            field(
                "chief_product_owner",
                "Chief Product Owner",
                Category::Role,
                self.holder(e.chief_product_owner),
            ),
            field("members", "members", Category::Membership, self.people(&e.members)),
            field(
                "backlog",
                "backlog",
                Category::Other,
                self.one(e.backlog.map(|b| self.reference(m.name(m.backlog(b.value).header.ident)))),
            ),
            self.events(&e.events),
        ];
        self.snapshot("executive_metascrum", &e.header, fields)
    }

    pub(super) fn backlog(&self, i: usize) -> Snapshot {
        let Some(b) = self.m.backlogs.get(i) else {
            return Snapshot { kind: "backlog", ident: String::new(), display: None, fields: Vec::new() };
        };
        let fields = vec![
            field("owner", "owner", Category::Role, self.holder(b.owner)),
            field(
                "wip_limit",
                "WIP limit",
                Category::Other,
                self.one(b.wip_limit.map(|w| w.value.to_string())),
            ),
        ];
        self.snapshot("backlog", &b.header, fields)
    }

    pub(super) fn dod(&self, i: usize) -> Snapshot {
        let Some(d) = self.m.dods.get(i) else {
            return Snapshot {
                kind: "definition_of_done",
                ident: String::new(),
                display: None,
                fields: Vec::new(),
            };
        };
        let fields = vec![Field {
            lines: false,
            ..field(
                "criteria",
                "criteria",
                Category::Other,
                Value::List(d.criteria.values().map(|c| format!("{c:?}")).collect()),
            )
        }];
        self.snapshot("definition_of_done", &d.header, fields)
    }
}

// ---------------------------------------------------------------------------------------------
// Comparing two snapshots of one item.

pub(super) fn compare(old: &Snapshot, new: &Snapshot) -> Vec<Fact> {
    let mut facts = Vec::new();
    if old.display != new.display {
        let o = old.display.clone().filter(|d| !d.is_empty());
        let n = new.display.clone().filter(|d| !d.is_empty());
        let summary = match (&o, &n) {
            (Some(a), Some(b)) => format!("display name {a:?} -> {b:?}"),
            (None, Some(b)) => format!("display name {b:?} given"),
            (Some(a), None) => format!("display name {a:?} removed"),
            (None, None) => String::new(),
        };
        facts.push(Fact {
            category: Category::Other,
            field: "display",
            old: o,
            new: n,
            added: Vec::new(),
            removed: Vec::new(),
            summary,
        });
    }
    for nf in &new.fields {
        let Some(of) = old.fields.iter().find(|f| f.key == nf.key) else { continue };
        if of.value == nf.value {
            continue;
        }
        facts.push(fact(of, nf));
    }
    facts
}

pub(super) fn fact(of: &Field, nf: &Field) -> Fact {
    let text = |v: &Value| (!v.is_empty()).then(|| v.text());
    let (old, new) = (text(&of.value), text(&nf.value));
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    if let (Value::List(a), Value::List(b)) = (&of.value, &nf.value) {
        added = b.iter().filter(|x| !a.contains(x)).cloned().collect();
        removed = a.iter().filter(|x| !b.contains(x)).cloned().collect();
    }
    let quote = |items: &[String]| -> String {
        let q: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
        crate::diagnostic::and_list(&q)
    };
    let label = nf.label;
    let summary = match (nf.key, &of.value, &nf.value) {
        ("scrums_of_scrums", Value::List(a), Value::List(b)) => match (a.is_empty(), b.is_empty()) {
            (true, false) => format!("joined {}", sos_list(b)),
            (false, true) => format!("left {}", sos_list(a)),
            _ => format!("moved from {} to {}", sos_list(a), sos_list(b)),
        },
        (_, Value::List(_), Value::List(_)) if nf.lines || !added.is_empty() || !removed.is_empty() => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("added {}", quote(&added)));
            }
            if !removed.is_empty() {
                parts.push(format!("removed {}", quote(&removed)));
            }
            if parts.is_empty() {
                parts.push("reordered".to_owned());
            }
            format!("{label}: {}", parts.join("; "))
        }
        (_, Value::List(_), Value::List(_)) => format!("{label}: reordered"),
        _ => match (&old, &new) {
            (Some(a), Some(b)) => format!("{label} `{a}` -> `{b}`"),
            (None, Some(b)) => format!("{label} `{b}` given"),
            (Some(a), None) => format!("{label} `{a}` removed"),
            (None, None) => String::new(),
        },
    };
    Fact { category: nf.category, field: nf.key, old, new, added, removed, summary }
}

pub(super) fn sos_list(items: &[String]) -> String {
    let q: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    let what = if items.len() == 1 { "Scrum of Scrums" } else { "Scrums of Scrums" };
    format!("{what} {}", crate::diagnostic::and_list(&q))
}
