//! A synthetic organisation generator: `.scale` text for any number of teams, deterministic from
//! a seed, with optional planted problems and the exact findings they must cause.
//!
//! Why: scaleguard must stay fast on very large organisations (the performance issue was
//! raised at 100,000 teams), so benchmarks need realistic input of that size; tests need an
//! organisation that is clean under every rule of GUARDRAILS.md and, with one problem planted,
//! gives exactly the findings that problem implies; a fuzz corpus needs valid seeds. The shape
//! and naming follow `shared/peers/gen_org.py` so that both generators' outputs can be
//! compared.
//!
//! The organisation: every team has a distinct Product Owner and Scrum Master and 5–9 named
//! developers, works to the shared Definition of Done, refines every week and runs on the
//! organisation's two-week cadence (its start date a whole number of sprints from
//! 2026-01-05, so LANGUAGE.md §4 calls it synchronised). Teams meet about five to a Scrum of
//! Scrums, Scrums of Scrums about five to a Scrum of Scrums of Scrums, and so on up to one top
//! Scrum of Scrums, which escalates to the Executive Action Team; every other unit escalates
//! by membership (no `escalates_to`). A group never has a single member: a remainder of one is
//! balanced as 4 + 2. A few teams depend on earlier teams of their own level-1 Scrum of Scrums
//! (at most two each, never in a cycle). The Executive Action Team has five executives who
//! together back its whole mandate, and works as a Scrum team; the Executive MetaScrum orders a
//! bounded backlog every week. Without injections the organisation has no finding of any rule.
//!
//! Each [`Inject`] changes the organisation in one place (a level-1 Scrum of Scrums of its own
//! where it touches one) and adds to [`Generated::expected`] every finding that change must
//! produce under GUARDRAILS.md, computed from the construction, never by running the checker.
//!
//! Files: `org.scale` (organisation, Definitions of Done, EAT, EMS and their backlogs),
//! `people-NNN.scale`, `teams-NNN.scale` (`chunk` teams each), `sos-NNN.scale` (`chunk`
//! Scrums of Scrums each, with their backlogs) and `policy.scale`. People are split over as
//! many files as teams.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use rayon::iter::{IntoParallelIterator as _, ParallelIterator as _};

/// The team count of [`Options::default`]: the size at which performance matters.
pub const DEFAULT_TEAMS: usize = 100_000;
/// Teams per `teams-NNN.scale` file (and Scrums of Scrums per `sos-NNN.scale`) by default.
pub const DEFAULT_CHUNK: usize = 2000;

/// Units per Scrum of Scrums (GUARDRAILS.md SG204's default range is 2..5).
const GROUP: usize = 5;
/// Developers per team, inclusive (inside SG501's default `team_size` 3..9).
const DEVELOPERS: (u64, u64) = (5, 9);
/// The developers of the team [`Inject::Oversize`] plants: above `team_size` 3..9.
const OVERSIZE_DEVELOPERS: usize = 12;
/// The organisation's sprint, in days; every team's sprint by default.
const SPRINT_DAYS: i64 = 14;
/// How many sprints a team's start date may lie before or after the organisation's.
const START_SPREAD: i64 = 3;

const DOD: &str = "org-dod";
const LEGACY_DOD: &str = "legacy-dod";
const EAT: &str = "eat";
const EAT_BACKLOG: &str = "transformation";
const EMS: &str = "ems";
const EMS_BACKLOG: &str = "org-backlog";
const ORGANISATION: &str = "organisation";

/// One metric of each of the guide's four families (GUARDRAILS.md SG802), and one of none.
const METRICS: &[&str] =
    &["velocity", "business_value", "escaped_defects", "happiness", "lead_time", "impediment_age"];
/// The sustainability metric [`Inject::MetricsFamily`] drops.
const SUSTAINABILITY_METRIC: &str = "happiness";
const ACTIONABLE: &[&str] = &["impediments", "dependencies", "risks", "decisions"];
/// The EAT's mandate; [`Inject::EatBudget`] drops `budget`.
const EAT_AUTHORITY: &[&str] = &["budget", "structure", "policy", "staffing"];
/// The five executives: title and the domains each holds; together they back [`EAT_AUTHORITY`].
const EXECUTIVES: [(&str, &[&str]); 5] = [
    ("Chief Executive Officer", &["budget"]),
    ("Chief Technology Officer", &["structure"]),
    ("Chief People Officer", &["policy", "staffing"]),
    ("Chief Financial Officer", &["budget", "policy"]),
    ("Chief Operating Officer", &[]),
];

const FIRST: &[&str] = &[
    "Ada", "Ben", "Chloe", "Dev", "Eve", "Femi", "Grace", "Hiro", "Ines", "Jon", "Kemi", "Lars", "Mei",
    "Nia", "Omar", "Pia", "Quinn", "Ravi", "Sara", "Tomas", "Uma", "Viktor", "Wen", "Xena", "Yusuf", "Zoe",
];
const LAST: &[&str] = &[
    "Ahmed", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
    "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Silva", "Tanaka", "Umarov",
    "Varga", "Weber", "Yilmaz", "Zhang",
];

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Number of Scrum teams (raised where the injections need more: [`Options::effective_teams`]).
    pub teams: usize,
    /// The seed: the same options always give the same text.
    pub seed: u64,
    /// Problems to plant; order and repetition do not matter.
    pub inject: Vec<Inject>,
    /// Teams per `teams-NNN.scale` file and Scrums of Scrums per `sos-NNN.scale` file (0 means 1).
    pub chunk: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { teams: DEFAULT_TEAMS, seed: 1, inject: Vec::new(), chunk: DEFAULT_CHUNK }
    }
}

impl Options {
    /// The number of teams [`generate`] builds: `teams`, raised to at least 2 (a Scrum of Scrums
    /// needs two members) and to the smallest count that gives every injection that needs one
    /// a level-1 Scrum of Scrums of five teams of its own ([`Inject::DeadEnd`] also needs one
    /// whose parent keeps two members after the cut).
    pub fn effective_teams(&self) -> usize {
        let injects = dedup(&self.inject);
        let mut n = self.teams.max(2);
        while !feasible(n, &injects) {
            n += 1;
        }
        n
    }
}

/// A problem to plant, at least one for each family of guardrails (SG1xx to SG8xx).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Inject {
    /// A level-1 Scrum of Scrums escalates to one of its own teams: SG401 for the cycle, SG404
    /// for the Scrum of Scrums, SG402 for each of its other teams.
    Cycle,
    /// A Scrum of Scrums (above level 1 where there is one) whose Scaled Daily Scrum agenda is
    /// only `status`: SG201.
    StatusOnly,
    /// A team on a three-week sprint among two-week peers: SG301 for that team.
    Cadence,
    /// The EAT's mandate lacks `budget`: SG102 for the EAT.
    EatBudget,
    /// A team whose start date is three days off its peers': SG301 for that team.
    MisalignedStart,
    /// No member of the EAT is an executive: SG103 for the EAT.
    EatNoExec,
    /// A level-1 Scrum of Scrums removed from its parent (of three or more members), with no
    /// `escalates_to`: SG402 for it and for each of its teams.
    DeadEnd,
    /// A team with 12 developers: SG501.
    Oversize,
    /// A team without a Scrum Master: SG503.
    NoScrumMaster,
    /// Two teams of a level-1 Scrum of Scrums depend on each other: SG212 for the cycle.
    DependencyCycle,
    /// The EMS backlog has no `wip_limit`: SG609 for the EMS.
    EmsUnbounded,
    /// A team works to another Definition of Done: SG701 for every Scrum of Scrums above it.
    DodMismatch,
    /// The organisation's metrics miss the sustainability family: SG802 for the organisation.
    MetricsFamily,
}

impl Inject {
    /// Every injection, in the order of their names' documentation.
    pub const ALL: &[Inject] = &[
        Inject::Cycle,
        Inject::StatusOnly,
        Inject::Cadence,
        Inject::EatBudget,
        Inject::MisalignedStart,
        Inject::EatNoExec,
        Inject::DeadEnd,
        Inject::Oversize,
        Inject::NoScrumMaster,
        Inject::DependencyCycle,
        Inject::EmsUnbounded,
        Inject::DodMismatch,
        Inject::MetricsFamily,
    ];

    /// The kebab-case name users type (`dead-end`), as in gen_org.py where it has one.
    pub fn name(self) -> &'static str {
        match self {
            Inject::Cycle => "cycle",
            Inject::StatusOnly => "status-only",
            Inject::Cadence => "cadence",
            Inject::EatBudget => "eat-budget",
            Inject::MisalignedStart => "misaligned-start",
            Inject::EatNoExec => "eat-no-exec",
            Inject::DeadEnd => "dead-end",
            Inject::Oversize => "oversize",
            Inject::NoScrumMaster => "no-scrum-master",
            Inject::DependencyCycle => "dependency-cycle",
            Inject::EmsUnbounded => "ems-unbounded",
            Inject::DodMismatch => "dod-mismatch",
            Inject::MetricsFamily => "metrics-family",
        }
    }

    /// The injection of that [`name`](Inject::name), if any.
    pub fn parse(name: &str) -> Option<Inject> {
        Inject::ALL.iter().copied().find(|i| i.name() == name)
    }

    /// Whether it takes a level-1 Scrum of Scrums of five teams of its own.
    fn needs_group(self) -> bool {
        matches!(
            self,
            Inject::Cycle
                | Inject::Cadence
                | Inject::MisalignedStart
                | Inject::DeadEnd
                | Inject::Oversize
                | Inject::NoScrumMaster
                | Inject::DependencyCycle
                | Inject::DodMismatch
        )
    }
}

/// A generated organisation: its files and the findings they must give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// `(file name, text)`: `org.scale`, `people-NNN.scale`, `teams-NNN.scale`,
    /// `sos-NNN.scale`, `policy.scale`.
    pub files: Vec<(String, String)>,
    /// Every finding the organisation must give, sorted; empty without injections.
    pub expected: Vec<Expected>,
}

impl Generated {
    /// The total size of all files, in bytes.
    pub fn total_bytes(&self) -> usize {
        self.files.iter().map(|(_, text)| text.len()).sum()
    }
}

/// One finding an injection must cause.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Expected {
    /// The rule's code (`SG402`).
    pub code: &'static str,
    /// The finding's subject (GUARDRAILS.md "Subjects").
    pub subject: String,
}

impl Expected {
    fn new(code: &'static str, subject: impl Into<String>) -> Self {
        Expected { code, subject: subject.into() }
    }
}

/// Generates the organisation `options` describe. Deterministic: the same options give the
/// same files, byte for byte.
pub fn generate(options: &Options) -> Generated {
    let injects = dedup(&options.inject);
    let layout = Layout::new(options.effective_teams());
    let mut rng = SplitMix64::new(options.seed);
    let teams = build_teams(&layout, &mut rng);
    let mut org = Org::new(layout, teams, options.seed);
    let expected = plant(&mut org, &injects, options.seed);
    let chunk = options.chunk.max(1);
    let header = header(options, org.layout.teams, &injects);
    let team_files = org.layout.teams.div_ceil(chunk).max(1);
    let sos_files = org.layout.sos.len().div_ceil(chunk).max(1);
    let width = digits(team_files.max(sos_files)).max(3);
    let people = org.people_total();
    let per_file = people.div_ceil(team_files).max(1);
    // Every file is independent of the others once the organisation is planned: build them in
    // parallel, in a fixed order.
    let mut jobs = vec![(String::from("org.scale"), Part::Org)];
    let ranges = |total: usize, size: usize| {
        (0..total).step_by(size).map(move |s| s..(s + size).min(total)).enumerate()
    };
    jobs.extend(ranges(people, per_file).map(|(k, r)| (numbered("people", k + 1, width), Part::People(r))));
    jobs.extend(
        ranges(org.layout.teams, chunk).map(|(k, r)| (numbered("teams", k + 1, width), Part::Teams(r))),
    );
    jobs.extend(
        ranges(org.layout.sos.len(), chunk).map(|(k, r)| (numbered("sos", k + 1, width), Part::Sos(r))),
    );
    jobs.push((String::from("policy.scale"), Part::Policy));
    let files = jobs
        .into_par_iter()
        .map(|(name, part)| {
            let text = match part {
                Part::Org => org.org_text(&header),
                Part::People(r) => org.people_text(&header, r),
                Part::Teams(r) => org.teams_text(&header, r),
                Part::Sos(r) => org.sos_text(&header, r),
                Part::Policy => policy_text(&header),
            };
            (name, text)
        })
        .collect();
    Generated { files, expected }
}

/// One file to build.
enum Part {
    Org,
    People(Range<usize>),
    Teams(Range<usize>),
    Sos(Range<usize>),
    Policy,
}

/// Writes the files into `dir` (created if need be), first removing every `*.scale` file
/// directly in it so that a rerun with fewer chunks leaves none behind. Each file is written
/// to a temporary name in `dir` and then renamed into place.
pub fn write(generated: &Generated, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "scale") && path.is_file() {
            std::fs::remove_file(&path)?;
        }
    }
    for (name, text) in &generated.files {
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, dir.join(name))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Shape

/// One Scrum of Scrums of the layout.
#[derive(Debug, Clone)]
struct SosNode {
    /// 1 for a Scrum of Scrums of teams, 2 for one of level-1 Scrums of Scrums, ...
    level: usize,
    /// Its 1-based number within its level (`sos-l2-00007`).
    number: usize,
    /// Its members: team indices at level 1, else indices into [`Layout::sos`].
    members: Range<usize>,
    /// The Scrum of Scrums that lists it.
    parent: Option<usize>,
}

/// Who meets with whom: a pure function of the team count.
#[derive(Debug, Clone)]
struct Layout {
    teams: usize,
    /// Every Scrum of Scrums, level 1 first; the last one is the top.
    sos: Vec<SosNode>,
    /// The level-1 Scrum of Scrums of each team.
    team_parent: Vec<usize>,
}

/// Consecutive groups of [`GROUP`] over `0..count`; a last group of one borrows from the one
/// before (5 + 1 becomes 4 + 2), so no Scrum of Scrums has a single member.
fn split_groups(count: usize) -> Vec<Range<usize>> {
    let mut groups: Vec<Range<usize>> =
        (0..count).step_by(GROUP).map(|s| s..(s + GROUP).min(count)).collect();
    let n = groups.len();
    if n >= 2 && groups[n - 1].len() == 1 {
        groups[n - 2].end -= 1;
        groups[n - 1].start -= 1;
    }
    groups
}

impl Layout {
    fn new(teams: usize) -> Self {
        let mut sos: Vec<SosNode> = Vec::with_capacity(teams / 4 + 1);
        let mut team_parent = vec![0; teams];
        for (k, members) in split_groups(teams).into_iter().enumerate() {
            for t in members.clone() {
                team_parent[t] = sos.len();
            }
            sos.push(SosNode { level: 1, number: k + 1, members, parent: None });
        }
        let mut level_start = 0;
        let mut level = 1;
        while sos.len() - level_start > 1 {
            let level_end = sos.len();
            level += 1;
            for (k, group) in split_groups(level_end - level_start).into_iter().enumerate() {
                let members = level_start + group.start..level_start + group.end;
                let id = sos.len();
                for m in members.clone() {
                    sos[m].parent = Some(id);
                }
                sos.push(SosNode { level, number: k + 1, members, parent: None });
            }
            level_start = level_end;
        }
        Layout { teams, sos, team_parent }
    }

    fn top(&self) -> usize {
        self.sos.len().saturating_sub(1)
    }

    /// Level-1 Scrums of Scrums of a full [`GROUP`] of teams.
    fn full_groups(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.sos.len()).filter(|&s| self.sos[s].level == 1 && self.sos[s].members.len() == GROUP)
    }

    /// Whether the parent of `s` has at least three members (so it keeps two after a cut).
    fn cuttable(&self, s: usize) -> bool {
        self.sos[s].parent.is_some_and(|p| self.sos[p].members.len() >= 3)
    }
}

fn dedup(injects: &[Inject]) -> BTreeSet<Inject> {
    injects.iter().copied().collect()
}

fn feasible(teams: usize, injects: &BTreeSet<Inject>) -> bool {
    let needed = injects.iter().filter(|i| i.needs_group()).count();
    if needed == 0 {
        return true;
    }
    let layout = Layout::new(teams);
    let full = layout.full_groups().count();
    full >= needed
        && (!injects.contains(&Inject::DeadEnd) || layout.full_groups().any(|s| layout.cuttable(s)))
}

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64, small and good enough for synthetic data.

#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        finalise(self.0)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

fn finalise(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A hash of `(seed, salt, index)`: randomness for one item without a shared stream.
fn hash(seed: u64, salt: u64, index: usize) -> u64 {
    finalise(finalise(seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_add(index as u64))
}

const SALT_NAME: u64 = 1;
const SALT_AGENDA: u64 = 2;
const SALT_INJECT: u64 = 3;

// ---------------------------------------------------------------------------------------------
// The organisation

/// One team as built from the random stream.
#[derive(Debug, Clone, Copy)]
struct Team {
    /// Its Product Owner; the Scrum Master and developers follow in order.
    first_person: u32,
    developers: u8,
    /// Its start date, in sprints from the organisation's.
    start: i8,
    /// Teams it depends on (the first `n_deps`).
    deps: [u32; 2],
    n_deps: u8,
}

fn build_teams(layout: &Layout, rng: &mut SplitMix64) -> Vec<Team> {
    let mut teams = Vec::with_capacity(layout.teams);
    let mut person = 0u32;
    for node in layout.sos.iter().filter(|n| n.level == 1) {
        for t in node.members.clone() {
            let developers = rng.between(DEVELOPERS.0, DEVELOPERS.1) as u8;
            let start = (rng.between(0, 2 * START_SPREAD as u64) as i64 - START_SPREAD) as i8;
            // About one team in three depends on one or two earlier teams of its group.
            let earlier = (t - node.members.start) as u64;
            let mut deps = [0u32; 2];
            let mut n_deps = 0u8;
            if earlier > 0 && rng.below(3) == 0 {
                let want = rng.between(1, 2).min(earlier);
                let a = rng.below(earlier);
                deps[0] = (node.members.start as u64 + a) as u32;
                n_deps = 1;
                if want == 2 {
                    let b = (a + 1 + rng.below(earlier - 1)) % earlier;
                    deps[1] = (node.members.start as u64 + b) as u32;
                    n_deps = 2;
                }
            }
            teams.push(Team { first_person: person, developers, start, deps, n_deps });
            person += 2 + u32::from(developers);
        }
    }
    teams
}

/// The planted problems.
#[derive(Debug, Clone, Default)]
struct Plan {
    /// (Scrum of Scrums, its team it escalates to)
    cycle: Option<(usize, usize)>,
    status_only: Option<usize>,
    cadence: Option<usize>,
    misaligned: Option<usize>,
    eat_budget: bool,
    eat_no_exec: bool,
    dead_end: Option<usize>,
    /// (team, first extra person, extra people)
    oversize: Option<(usize, usize, usize)>,
    no_scrum_master: Option<usize>,
    ems_unbounded: bool,
    dod_mismatch: Option<usize>,
    metrics_family: bool,
}

#[derive(Debug)]
struct Org {
    layout: Layout,
    teams: Vec<Team>,
    plan: Plan,
    /// The first person of the Scrums of Scrums (master, then Chief Product Owner, per SoS).
    sos_people: usize,
    /// The first executive.
    executives: usize,
    /// Start dates for sprint offsets `-START_SPREAD..=START_SPREAD`.
    starts: Vec<String>,
    seed: u64,
}

fn date_after(days: i64) -> String {
    let base = jiff::civil::date(2026, 1, 5);
    base.checked_add(jiff::Span::new().days(days)).unwrap_or(base).to_string()
}

impl Org {
    fn new(layout: Layout, teams: Vec<Team>, seed: u64) -> Self {
        let sos_people = teams.last().map_or(0, |t| t.first_person as usize + 2 + usize::from(t.developers));
        let executives = sos_people + 2 * layout.sos.len();
        let starts = (-START_SPREAD..=START_SPREAD).map(|k| date_after(k * SPRINT_DAYS)).collect();
        Org { layout, teams, plan: Plan::default(), sos_people, executives, starts, seed }
    }

    fn people_total(&self) -> usize {
        self.executives + EXECUTIVES.len() + self.plan.oversize.map_or(0, |(_, _, n)| n)
    }

    fn master(&self, s: usize) -> usize {
        self.sos_people + 2 * s
    }

    fn chief_product_owner(&self, s: usize) -> usize {
        self.sos_people + 2 * s + 1
    }

    fn team_id(t: usize) -> String {
        let mut s = String::with_capacity(12);
        push_team(&mut s, t);
        s
    }

    fn sos_id(&self, s: usize) -> String {
        let mut out = String::with_capacity(14);
        self.push_sos(&mut out, s);
        out
    }

    fn push_sos(&self, out: &mut String, s: usize) {
        let node = &self.layout.sos[s];
        out.push_str("sos-l");
        push_padded(out, node.level, 1);
        out.push('-');
        push_padded(out, node.number, 5);
    }

    /// The Scrums of Scrums `s` is below, nearest first, itself included.
    fn sos_chain(&self, s: usize) -> Vec<usize> {
        let mut chain = vec![s];
        let mut at = s;
        while let Some(p) = self.layout.sos[at].parent {
            if self.plan.dead_end == Some(at) {
                break;
            }
            chain.push(p);
            at = p;
        }
        chain
    }

    fn org_text(&self, header: &str) -> String {
        let mut out = String::with_capacity(4096);
        out.push_str(header);
        let top = self.layout.top();
        let _ = writeln!(out, "organisation \"Synthetic organisation of {} teams\" {{", self.layout.teams);
        out.push_str("  vision \"Every customer gets a working increment every sprint\"\n");
        let _ = writeln!(out, "  sprint {}w starting {}", SPRINT_DAYS / 7, date_after(0));
        out.push_str("  metrics ");
        let metrics: Vec<&str> = METRICS
            .iter()
            .copied()
            .filter(|m| !(self.plan.metrics_family && *m == SUSTAINABILITY_METRIC))
            .collect();
        out.push_str(&metrics.join(", "));
        out.push_str("\n}\n\n");
        let _ = writeln!(out, "definition_of_done {DOD} \"Organisation Definition of Done\" {{");
        out.push_str("  criteria \"Reviewed\", \"Integrated on trunk\", \"Automated tests pass\"\n}\n\n");
        if self.plan.dod_mismatch.is_some() {
            let _ = writeln!(out, "definition_of_done {LEGACY_DOD} \"Legacy Definition of Done\" {{");
            out.push_str("  criteria \"Reviewed\"\n}\n\n");
        }
        // The EAT works as a Scrum team (SG107); its Product Owner and Scrum Master are the top
        // Scrum of Scrums' Chief Product Owner and master, neither an executive (SG507).
        let _ = writeln!(out, "executive_action_team {EAT} \"Executive Action Team\" {{");
        out.push_str("  members ");
        self.push_executives(&mut out);
        out.push_str("\n  product_owner ");
        push_person(&mut out, self.chief_product_owner(top));
        out.push_str("\n  scrum_master ");
        push_person(&mut out, self.master(top));
        out.push_str("\n  authority ");
        let authority: Vec<&str> =
            EAT_AUTHORITY.iter().copied().filter(|a| !(self.plan.eat_budget && *a == "budget")).collect();
        out.push_str(&authority.join(", "));
        let _ = writeln!(out, "\n  backlog {EAT_BACKLOG}");
        out.push_str("  event sprint_planning every sprint\n");
        out.push_str(
            "  event daily_scrum every day lasting 15min {\n    agenda impediments, decisions\n  }\n",
        );
        out.push_str("  event retrospective every sprint\n}\n\n");
        let _ = writeln!(out, "backlog {EAT_BACKLOG} \"Transformation backlog\" {{");
        out.push_str("  owner ");
        push_person(&mut out, self.executives);
        out.push_str("\n  wip_limit 10\n}\n\n");
        let _ = writeln!(out, "executive_metascrum {EMS} \"Executive MetaScrum\" {{");
        out.push_str("  chief_product_owner ");
        push_person(&mut out, self.chief_product_owner(top));
        out.push_str("\n  members ");
        self.push_executives(&mut out);
        let _ = writeln!(out, "\n  backlog {EMS_BACKLOG}");
        out.push_str(
            "  event metascrum every week lasting 1h {\n    agenda priorities, decisions, risks\n  }\n}\n\n",
        );
        let _ = writeln!(out, "backlog {EMS_BACKLOG} \"Organisation backlog\" {{");
        out.push_str("  owner ");
        push_person(&mut out, self.chief_product_owner(top));
        out.push('\n');
        if !self.plan.ems_unbounded {
            out.push_str("  wip_limit 20\n");
        }
        out.push_str("}\n");
        out
    }

    fn push_executives(&self, out: &mut String) {
        for k in 0..EXECUTIVES.len() {
            if k > 0 {
                out.push_str(", ");
            }
            push_person(out, self.executives + k);
        }
    }

    fn people_text(&self, header: &str, people: Range<usize>) -> String {
        let mut out = String::with_capacity(header.len() + people.len() * 32);
        out.push_str(header);
        for p in people {
            out.push_str("person ");
            push_person(&mut out, p);
            let h = hash(self.seed, SALT_NAME, p);
            out.push_str(" \"");
            out.push_str(FIRST[(h % FIRST.len() as u64) as usize]);
            out.push(' ');
            out.push_str(LAST[((h >> 32) % LAST.len() as u64) as usize]);
            out.push('"');
            match p.checked_sub(self.executives).and_then(|k| EXECUTIVES.get(k)) {
                Some((title, domains)) => {
                    let _ = write!(out, " {{\n  title \"{title}\"\n");
                    if !self.plan.eat_no_exec {
                        out.push_str("  executive\n");
                    }
                    if !domains.is_empty() {
                        out.push_str("  authority ");
                        out.push_str(&domains.join(", "));
                        out.push('\n');
                    }
                    out.push_str("}\n");
                }
                None => out.push('\n'),
            }
        }
        out
    }
}

impl Org {
    fn teams_text(&self, header: &str, teams: Range<usize>) -> String {
        let mut out = String::with_capacity(header.len() + teams.len() * 400);
        out.push_str(header);
        for t in teams {
            let team = self.teams[t];
            let first = team.first_person as usize;
            out.push_str("team ");
            push_team(&mut out, t);
            out.push_str(" {\n  product_owner ");
            push_person(&mut out, first);
            if self.plan.no_scrum_master != Some(t) {
                out.push_str("\n  scrum_master ");
                push_person(&mut out, first + 1);
            }
            out.push_str("\n  developers ");
            for d in 0..usize::from(team.developers) {
                if d > 0 {
                    out.push_str(", ");
                }
                push_person(&mut out, first + 2 + d);
            }
            if let Some((_, extra, n)) = self.plan.oversize.filter(|(o, _, _)| *o == t) {
                for p in extra..extra + n {
                    out.push_str(", ");
                    push_person(&mut out, p);
                }
            }
            let start = usize::try_from(i64::from(team.start) + START_SPREAD).unwrap_or(0);
            let start = self.starts.get(start).map_or("2026-01-05", String::as_str);
            if self.plan.cadence == Some(t) {
                // One week longer than its peers', still within `max_sprint` (SG303).
                let _ = write!(out, "\n  sprint {}w starting {start}", SPRINT_DAYS / 7 + 1);
            } else if self.plan.misaligned == Some(t) {
                let days = i64::from(team.start) * SPRINT_DAYS + 3;
                let _ = write!(out, "\n  sprint {}w starting {}", SPRINT_DAYS / 7, date_after(days));
            } else {
                let _ = write!(out, "\n  sprint {}w starting {start}", SPRINT_DAYS / 7);
            }
            out.push_str("\n  backlog ");
            self.push_sos(&mut out, self.layout.team_parent[t]);
            out.push_str("-backlog\n  definition_of_done ");
            out.push_str(if self.plan.dod_mismatch == Some(t) { LEGACY_DOD } else { DOD });
            if team.n_deps > 0 {
                out.push_str("\n  depends_on ");
                for (k, d) in team.deps.iter().take(usize::from(team.n_deps)).enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    push_team(&mut out, *d as usize);
                }
            }
            out.push_str("\n  event refinement every week\n}\n\n");
        }
        out
    }

    fn sos_text(&self, header: &str, range: Range<usize>) -> String {
        let mut out = String::with_capacity(header.len() + range.len() * 640);
        out.push_str(header);
        let top = self.layout.top();
        for s in range {
            let node = &self.layout.sos[s];
            out.push_str("scrum_of_scrums ");
            self.push_sos(&mut out, s);
            out.push_str(" {\n  members ");
            let mut first = true;
            for m in node.members.clone() {
                if node.level > 1 && self.plan.dead_end == Some(m) {
                    continue;
                }
                if !first {
                    out.push_str(", ");
                }
                first = false;
                if node.level == 1 {
                    push_team(&mut out, m);
                } else {
                    self.push_sos(&mut out, m);
                }
            }
            out.push_str("\n  scrum_of_scrums_master ");
            push_person(&mut out, self.master(s));
            out.push_str("\n  chief_product_owner ");
            push_person(&mut out, self.chief_product_owner(s));
            out.push_str("\n  backlog ");
            self.push_sos(&mut out, s);
            let _ = write!(out, "-backlog\n  definition_of_done {DOD}\n");
            // Units below the top escalate by membership (LANGUAGE.md §4), so only the top
            // names its target.
            match self.plan.cycle {
                Some((c, t)) if c == s => {
                    out.push_str("  escalates_to ");
                    push_team(&mut out, t);
                    out.push('\n');
                }
                _ if s == top => {
                    let _ = writeln!(out, "  escalates_to {EAT}");
                }
                _ => {}
            }
            out.push_str("  releases every sprint\n");
            out.push_str("  event scaled_daily_scrum every day lasting 15min {\n    agenda status");
            if self.plan.status_only != Some(s) {
                for item in agenda(self.seed, s) {
                    out.push_str(", ");
                    out.push_str(item);
                }
            }
            out.push_str("\n  }\n");
            out.push_str("  event sprint_review every sprint\n");
            out.push_str("  event scaled_retrospective every sprint\n");
            out.push_str("  event release_planning every 8w\n");
            out.push_str("  event refinement every week\n}\n\nbacklog ");
            self.push_sos(&mut out, s);
            out.push_str("-backlog {\n  owner ");
            push_person(&mut out, self.chief_product_owner(s));
            out.push_str("\n}\n\n");
        }
        out
    }
}

/// The actionable items of a Scrum of Scrums' Scaled Daily Scrum besides `status`: one to
/// three of [`ACTIONABLE`], in their canonical order.
fn agenda(seed: u64, s: usize) -> impl Iterator<Item = &'static str> {
    let mut rng = SplitMix64::new(hash(seed, SALT_AGENDA, s));
    let mut order = [0usize, 1, 2, 3];
    rng.shuffle(&mut order);
    let count = rng.between(1, 3) as usize;
    let chosen: BTreeSet<usize> = order.iter().copied().take(count).collect();
    chosen.into_iter().filter_map(|i| ACTIONABLE.get(i).copied())
}

/// Plants each injection and returns the findings they must cause, sorted.
fn plant(org: &mut Org, injects: &BTreeSet<Inject>, seed: u64) -> Vec<Expected> {
    let mut rng = SplitMix64::new(hash(seed, SALT_INJECT, 0));
    let mut free: Vec<usize> = org.layout.full_groups().collect();
    rng.shuffle(&mut free);
    let mut expected = Vec::new();
    // `DeadEnd` picks first: it alone needs a particular kind of group.
    let order = injects
        .iter()
        .copied()
        .filter(|i| *i == Inject::DeadEnd)
        .chain(injects.iter().copied().filter(|i| *i != Inject::DeadEnd));
    for inject in order {
        let group = if inject.needs_group() {
            let pos = free.iter().position(|&s| inject != Inject::DeadEnd || org.layout.cuttable(s));
            // `Options::effective_teams` made room for every injection.
            let Some(pos) = pos else { continue };
            free.remove(pos)
        } else {
            0
        };
        let members = org.layout.sos[group].members.clone();
        let team = members.start + rng.below(members.len() as u64) as usize;
        match inject {
            Inject::Cycle => {
                // `team` -> `group` (by membership) -> `team`; the other teams lead into it.
                org.plan.cycle = Some((group, team));
                let (sos, team_id) = (org.sos_id(group), Org::team_id(team));
                expected.push(Expected::new("SG401", sos.as_str().min(team_id.as_str())));
                expected.push(Expected::new("SG404", sos));
                for t in members.filter(|&t| t != team) {
                    expected.push(Expected::new("SG402", Org::team_id(t)));
                }
            }
            Inject::StatusOnly => {
                // Above level 1 where possible, away from the groups the others take.
                let higher: Vec<usize> =
                    (0..org.layout.sos.len()).filter(|&s| org.layout.sos[s].level > 1).collect();
                let s = if higher.is_empty() {
                    rng.below(org.layout.sos.len() as u64) as usize
                } else {
                    higher[rng.below(higher.len() as u64) as usize]
                };
                org.plan.status_only = Some(s);
                expected.push(Expected::new("SG201", org.sos_id(s)));
            }
            Inject::Cadence => {
                org.plan.cadence = Some(team);
                expected.push(Expected::new("SG301", Org::team_id(team)));
            }
            Inject::MisalignedStart => {
                org.plan.misaligned = Some(team);
                expected.push(Expected::new("SG301", Org::team_id(team)));
            }
            Inject::EatBudget => {
                org.plan.eat_budget = true;
                expected.push(Expected::new("SG102", EAT));
            }
            Inject::EatNoExec => {
                org.plan.eat_no_exec = true;
                expected.push(Expected::new("SG103", EAT));
            }
            Inject::DeadEnd => {
                // Its parent keeps two or more members (SG204 stays quiet); with no target it
                // and its teams never reach the EAT.
                org.plan.dead_end = Some(group);
                expected.push(Expected::new("SG402", org.sos_id(group)));
                for t in members {
                    expected.push(Expected::new("SG402", Org::team_id(t)));
                }
            }
            Inject::Oversize => {
                // The extra developers are new people at the very end, so nobody else moves.
                let developers = usize::from(org.teams[team].developers);
                let extra = OVERSIZE_DEVELOPERS.saturating_sub(developers);
                org.plan.oversize = Some((team, org.executives + EXECUTIVES.len(), extra));
                expected.push(Expected::new("SG501", Org::team_id(team)));
            }
            Inject::NoScrumMaster => {
                org.plan.no_scrum_master = Some(team);
                expected.push(Expected::new("SG503", Org::team_id(team)));
            }
            Inject::DependencyCycle => {
                // The first two teams depend on each other; every other dependency of the group
                // points to an earlier team, so the cycle is exactly these two.
                let (a, b) = (members.start, members.start + 1);
                org.teams[a].deps = [b as u32, 0];
                org.teams[a].n_deps = 1;
                org.teams[b].deps = [a as u32, 0];
                org.teams[b].n_deps = 1;
                expected.push(Expected::new("SG212", Org::team_id(a)));
            }
            Inject::EmsUnbounded => {
                org.plan.ems_unbounded = true;
                expected.push(Expected::new("SG609", EMS));
            }
            Inject::DodMismatch => {
                org.plan.dod_mismatch = Some(team);
                for s in org.sos_chain(group) {
                    expected.push(Expected::new("SG701", org.sos_id(s)));
                }
            }
            Inject::MetricsFamily => {
                org.plan.metrics_family = true;
                expected.push(Expected::new("SG802", ORGANISATION));
            }
        }
    }
    expected.sort();
    expected
}

fn header(options: &Options, teams: usize, injects: &BTreeSet<Inject>) -> String {
    let names: Vec<&str> = injects.iter().map(|i| i.name()).collect();
    let names = if names.is_empty() { "none".to_owned() } else { names.join(",") };
    format!(
        "# Generated by scaleguard: teams={teams} seed={} inject={names}\n\
         # The same options always give the same text.\n\n",
        options.seed
    )
}

fn policy_text(header: &str) -> String {
    let mut out = String::with_capacity(header.len() + 512);
    out.push_str(header);
    out.push_str(
        "policy {\n  team_size 3..9\n  scrum_of_scrums_size 2..5\n  max_sprint 4w\n  \
         required_authority budget, structure, policy\n  max_teams_per_scrum_master 2\n  \
         max_teams_per_product_owner 2\n  max_dependencies_per_team 3\n  \
         cadence_scope organisation\n}\n",
    );
    out
}

fn numbered(prefix: &str, k: usize, width: usize) -> String {
    let mut name = String::with_capacity(prefix.len() + width + 7);
    name.push_str(prefix);
    name.push('-');
    push_padded(&mut name, k, width);
    name.push_str(".scale");
    name
}

fn digits(mut n: usize) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

/// Pushes `n` in decimal, zero-padded to `width`: the hot path of generation, so no `fmt`.
fn push_padded(out: &mut String, n: usize, width: usize) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let mut v = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for _ in buf.len() - at..width {
        out.push('0');
    }
    for &b in &buf[at..] {
        out.push(char::from(b));
    }
}

/// Person `p` (0-based) is `p0000001` onwards.
fn push_person(out: &mut String, p: usize) {
    out.push('p');
    push_padded(out, p + 1, 7);
}

/// Team `t` (0-based) is `team-000001` onwards.
fn push_team(out: &mut String, t: usize) {
    out.push_str("team-");
    push_padded(out, t + 1, 6);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_never_have_one_member() {
        for n in 2..200 {
            let groups = split_groups(n);
            assert!(groups.iter().all(|g| (2..=GROUP).contains(&g.len())), "{n}: {groups:?}");
            assert_eq!(groups.iter().map(ExactSizeIterator::len).sum::<usize>(), n);
        }
    }

    #[test]
    fn layout_ends_in_one_top() {
        for n in [2, 5, 6, 26, 300, 1234] {
            let layout = Layout::new(n);
            let tops = layout.sos.iter().filter(|s| s.parent.is_none()).count();
            assert_eq!(tops, 1, "{n}");
            assert!(layout.sos.iter().all(|s| (2..=GROUP).contains(&s.members.len())), "{n}");
        }
    }

    #[test]
    fn padded_numbers() {
        let mut s = String::new();
        push_padded(&mut s, 42, 5);
        push_padded(&mut s, 1_234_567, 3);
        push_padded(&mut s, 0, 1);
        assert_eq!(s, "0004212345670");
    }

    #[test]
    fn names_round_trip() {
        for i in Inject::ALL {
            assert_eq!(Inject::parse(i.name()), Some(*i));
        }
        assert_eq!(Inject::parse("nope"), None);
    }

    #[test]
    fn injections_get_room() {
        let options = Options { teams: 3, inject: Inject::ALL.to_vec(), ..Options::default() };
        let n = options.effective_teams();
        assert!(feasible(n, &dedup(&options.inject)));
        assert!(n >= 5 * Inject::ALL.iter().filter(|i| i.needs_group()).count());
    }
}
