//! The TextMate grammar `editors/scale.tmLanguage.json`: valid JSON, every regex compiles, and
//! tokenizing real files (the examples, the rule catalogue's examples, and a file that uses
//! every word of the keyword table, `scaleguard::syntax::keyword`) gives every item keyword,
//! statement keyword, event kind, agenda item, modifier (`every`, `lasting`, ...), period,
//! cadence scope, severity level, comment, string, date, duration (in every unit), range and
//! integer its scope. Where each keyword and value stands comes from scaleguard's own parser
//! and its keyword table, so the grammar is checked against the language, not against itself.
//!
//! The tokenizer here is a small TextMate engine (match, begin/end, captures, includes, the
//! end pattern winning a tie), with fancy-regex for the look-around the grammar uses.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use fancy_regex::Regex;
use scaleguard::source::FileId;
use scaleguard::syntax::ast::{AgendaItem, EventKind, ItemKind};
use scaleguard::syntax::keyword::{self, Keyword};
use scaleguard::syntax::parser;
use scaleguard::syntax::tree::{Statement, ValueKind};
use serde_json::Value;

fn grammar() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/scale.tmLanguage.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).expect("the grammar is valid JSON")
}

/// One compiled rule.
enum Rule {
    Match {
        re: Regex,
        name: Option<String>,
        captures: Vec<(usize, String)>,
    },
    Block {
        begin: Regex,
        end: Regex,
        name: Option<String>,
        begin_captures: Vec<(usize, String)>,
        end_captures: Vec<(usize, String)>,
        patterns: Vec<usize>,
    },
}

struct Grammar {
    rules: Vec<Rule>,
    top: Vec<usize>,
}

fn regex(text: &str) -> Regex {
    Regex::new(text).unwrap_or_else(|e| panic!("the pattern {text:?} does not compile: {e}"))
}

fn captures(value: &Value) -> Vec<(usize, String)> {
    let Some(map) = value.as_object() else { return Vec::new() };
    map.iter().map(|(k, v)| (k.parse().unwrap(), v["name"].as_str().unwrap().to_owned())).collect()
}

impl Grammar {
    fn compile(json: &Value) -> Grammar {
        let mut g = Grammar { rules: Vec::new(), top: Vec::new() };
        let top = g.patterns(json, &json["patterns"]);
        g.top = top;
        g
    }

    /// Compiles a `patterns` list, expanding includes (repository groups are flattened).
    fn patterns(&mut self, json: &Value, list: &Value) -> Vec<usize> {
        let mut out = Vec::new();
        for p in list.as_array().unwrap() {
            if let Some(include) = p["include"].as_str() {
                let key = include.strip_prefix('#').expect("includes name the repository");
                let rule = &json["repository"][key];
                assert!(!rule.is_null(), "`{include}` is not in the repository");
                out.extend(self.rule(json, rule));
            } else {
                out.extend(self.rule(json, p));
            }
        }
        out
    }

    fn rule(&mut self, json: &Value, rule: &Value) -> Vec<usize> {
        let name = rule["name"].as_str().map(str::to_owned);
        if let Some(re) = rule["match"].as_str() {
            self.rules.push(Rule::Match { re: regex(re), name, captures: captures(&rule["captures"]) });
            return vec![self.rules.len() - 1];
        }
        if let Some(begin) = rule["begin"].as_str() {
            let index = self.rules.len();
            self.rules.push(Rule::Block {
                begin: regex(begin),
                end: regex(rule["end"].as_str().unwrap()),
                name,
                begin_captures: captures(&rule["beginCaptures"]),
                end_captures: captures(&rule["endCaptures"]),
                patterns: Vec::new(),
            });
            let inner = self.patterns(json, &rule["patterns"]);
            if let Rule::Block { patterns, .. } = &mut self.rules[index] {
                *patterns = inner;
            }
            return vec![index];
        }
        self.patterns(json, &rule["patterns"])
    }

    /// The scopes of every byte of `text`, line by line.
    fn tokenize(&self, text: &str) -> Vec<Vec<Vec<String>>> {
        let mut stack: Vec<usize> = Vec::new();
        let mut out = Vec::new();
        for line in text.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let mut scopes: Vec<Vec<String>> = vec![Vec::new(); line.len()];
            let mut pos = 0;
            loop {
                let base: Vec<String> = stack
                    .iter()
                    .filter_map(|&r| match &self.rules[r] {
                        Rule::Block { name, .. } => name.clone(),
                        Rule::Match { .. } => None,
                    })
                    .collect();
                let (patterns, end) = match stack.last().map(|&r| &self.rules[r]) {
                    Some(Rule::Block { patterns, end, .. }) => (patterns.as_slice(), Some(end)),
                    _ => (self.top.as_slice(), None),
                };
                // The earliest match; the end pattern wins a tie, then the first pattern.
                let mut best: Option<(usize, Option<usize>, _)> = None;
                if let Some(end) = end
                    && let Some(c) = end.captures_from_pos(line, pos).unwrap()
                {
                    best = Some((c.get(0).unwrap().start(), None, c));
                }
                for &p in patterns {
                    let re = match &self.rules[p] {
                        Rule::Match { re, .. } => re,
                        Rule::Block { begin, .. } => begin,
                    };
                    if let Some(c) = re.captures_from_pos(line, pos).unwrap() {
                        let start = c.get(0).unwrap().start();
                        if best.as_ref().is_none_or(|(s, _, _)| start < *s) {
                            best = Some((start, Some(p), c));
                        }
                    }
                }
                let paint =
                    |scopes: &mut Vec<Vec<String>>, range: std::ops::Range<usize>, extra: &[&String]| {
                        for s in &mut scopes[range] {
                            s.extend(base.iter().cloned());
                            s.extend(extra.iter().map(|e| (*e).clone()));
                        }
                    };
                let Some((start, rule, caps)) = best else {
                    // The rest of the line carries only the open blocks' names.
                    paint(&mut scopes, pos.min(line.len())..line.len(), &[]);
                    break;
                };
                paint(&mut scopes, pos..start, &[]);
                let whole = caps.get(0).unwrap();
                let mut painted = vec![false; line.len()];
                let mut paint_captures =
                    |scopes: &mut Vec<Vec<String>>, name: Option<&String>, list: &[(usize, String)]| {
                        for (i, scope) in list {
                            if let Some(m) = caps.get(*i) {
                                let extra: Vec<&String> = name.into_iter().chain([scope]).collect();
                                paint(scopes, m.range(), &extra);
                                painted[m.range()].iter_mut().for_each(|p| *p = true);
                            }
                        }
                        for i in whole.range() {
                            if !painted[i] {
                                let extra: Vec<&String> = name.into_iter().collect();
                                paint(scopes, i..i + 1, &extra);
                            }
                        }
                    };
                let mut moved = whole.end() > pos;
                match rule.map(|r| &self.rules[r]) {
                    None => {
                        let top = stack.pop().unwrap();
                        if let Rule::Block { name, end_captures, .. } = &self.rules[top] {
                            // The block's own name still covers its end.
                            let _ = name;
                            paint_captures(&mut scopes, None, end_captures.as_slice());
                        }
                        moved = true;
                    }
                    Some(Rule::Match { name, captures, .. }) => {
                        paint_captures(&mut scopes, name.as_ref(), captures.as_slice())
                    }
                    Some(Rule::Block { name, begin_captures, .. }) => {
                        paint_captures(&mut scopes, name.as_ref(), begin_captures.as_slice());
                        stack.push(rule.unwrap());
                        moved = true;
                    }
                }
                pos = whole.end();
                if !moved {
                    // An empty match that changes nothing: step over one character.
                    pos = line[pos..].chars().next().map_or(line.len() + 1, |c| pos + c.len_utf8());
                }
                if pos > line.len() {
                    break;
                }
            }
            out.push(scopes);
        }
        out
    }
}

/// What the parser says stands where, and the scope it must have.
struct Expectation {
    at: usize,
    len: usize,
    scope: &'static str,
    what: String,
}

/// Every keyword and value of `text`, from scaleguard's parser, with the scope it needs.
fn expectations(text: &str) -> Vec<Expectation> {
    let parsed = parser::parse(FileId(0), text);
    assert!(parsed.skipped.is_empty(), "the file parses: {:?}", parsed.diagnostics);
    let mut out = Vec::new();
    let mut push = |span: scaleguard::source::Span, scope: &'static str, what: String| {
        out.push(Expectation { at: span.start as usize, len: span.len() as usize, scope, what });
    };
    for comment in &parsed.tree.comments {
        push(*comment, "comment.line.number-sign.scale", "a comment".into());
    }
    let value_scope = |kind: ValueKind| match kind {
        ValueKind::String => Some("string.quoted.double.scale"),
        ValueKind::Date => Some("constant.numeric.date.scale"),
        ValueKind::Duration => Some("constant.numeric.duration.scale"),
        ValueKind::Range => Some("constant.numeric.range.scale"),
        ValueKind::Integer => Some("constant.numeric.integer.scale"),
        ValueKind::Ident => None,
    };
    // Only words of the language are checked: a misspelt keyword (SG001, SG008) has no scope
    // of its own to get.
    let known_statement = |w: &str| {
        Keyword::from_word(w).is_some_and(|k| keyword::ITEMS.iter().any(|i| i.statements.contains(&k)))
    };
    let statement =
        |st: &Statement<'_>, push: &mut dyn FnMut(scaleguard::source::Span, &'static str, String)| {
            if known_statement(st.keyword.text) {
                push(
                    st.keyword.span,
                    "keyword.other.statement.scale",
                    format!("statement `{}`", st.keyword.text),
                );
            }
            for v in &st.values {
                if let Some(scope) = value_scope(v.kind) {
                    push(v.span, scope, format!("value `{}`", v.text));
                }
            }
            for (v, scope) in word_scopes(st) {
                push(v.span, scope, format!("`{}`", v.text));
            }
            if let Some(block) = &st.block {
                for inner in block.statements.iter().filter(|i| i.keyword.text == Keyword::Agenda.word()) {
                    push(
                        inner.keyword.span,
                        "keyword.other.statement.scale",
                        format!("statement `{}`", inner.keyword.text),
                    );
                    for v in inner.values.iter().filter(|v| AgendaItem::from_keyword(v.text).is_some()) {
                        push(
                            v.span,
                            "support.constant.agenda-item.scale",
                            format!("agenda item `{}`", v.text),
                        );
                    }
                }
            }
        };
    for item in parsed.tree.items.iter().filter(|i| keyword::ITEM_WORDS.contains(&i.keyword.text)) {
        push(item.keyword.span, "keyword.other.item.scale", format!("item `{}`", item.keyword.text));
        for v in &item.header {
            match value_scope(v.kind) {
                Some(scope) => push(v.span, scope, format!("value `{}`", v.text)),
                None => push(v.span, "entity.name.type.item.scale", format!("identifier `{}`", v.text)),
            }
        }
        for st in item.body.iter().flat_map(|b| &b.statements) {
            statement(st, &mut push);
        }
    }
    out
}

/// The words of the keyword table among a statement's values, where the language reads them,
/// with the scope each needs: event kinds, `every` and its period word, `lasting`, `starting`,
/// cadence scopes, severity levels, `for` and `until`.
fn word_scopes<'a, 's>(
    st: &'a Statement<'s>,
) -> Vec<(&'a scaleguard::syntax::tree::Value<'s>, &'static str)> {
    use Keyword as K;
    const MODIFIER: &str = "keyword.other.modifier.scale";
    let values = &st.values;
    let ident =
        |i: usize, word: &str| values.get(i).is_some_and(|v| v.kind == ValueKind::Ident && v.text == word);
    let mut out = Vec::new();
    let every_at = |out: &mut Vec<_>, i: usize| {
        if ident(i, keyword::EVERY) {
            out.push((&values[i], MODIFIER));
            if let Some(p) = values.get(i + 1).filter(|p| keyword::period(p.text).is_some()) {
                out.push((p, "constant.language.period.scale"));
            }
        }
    };
    match Keyword::from_word(st.keyword.text) {
        Some(K::Event) => {
            if let Some(kind) = values.first().filter(|k| EventKind::from_keyword(k.text).is_some()) {
                out.push((kind, "support.constant.event-kind.scale"));
            }
            every_at(&mut out, 1);
            if ident(3, keyword::LASTING) {
                out.push((&values[3], MODIFIER));
            }
        }
        Some(K::Releases) => every_at(&mut out, 0),
        Some(K::Sprint) if ident(1, keyword::STARTING) => out.push((&values[1], MODIFIER)),
        Some(K::CadenceScope) => {
            if let Some(v) = values.first().filter(|v| keyword::cadence_scope(v.text).is_some()) {
                out.push((v, "constant.language.cadence-scope.scale"));
            }
        }
        Some(K::Severity) => {
            if let Some(v) = values.get(1).filter(|v| keyword::level(v.text).is_some()) {
                out.push((v, "constant.language.severity.scale"));
            }
        }
        Some(K::Waive) => {
            for v in values.iter().filter(|v| v.text == keyword::FOR || v.text == keyword::UNTIL) {
                out.push((v, MODIFIER));
            }
        }
        _ => {}
    }
    out
}

/// Checks every expectation of `text` against the grammar; returns the words it saw scoped.
fn check(g: &Grammar, name: &str, text: &str) -> BTreeSet<String> {
    let lines = g.tokenize(text);
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let mut seen = BTreeSet::new();
    let mut failures = Vec::new();
    for e in expectations(text) {
        let line = starts.partition_point(|&s| s <= e.at) - 1;
        let column = e.at - starts[line];
        let scopes = &lines[line];
        let ok =
            (column..column + e.len).all(|c| scopes.get(c).is_some_and(|s| s.iter().any(|x| x == e.scope)));
        if ok {
            seen.insert(text[e.at..e.at + e.len].to_owned());
        } else {
            failures.push(format!(
                "{name}:{}:{}: {} has {:?}, not `{}`",
                line + 1,
                column + 1,
                e.what,
                scopes.get(column),
                e.scope
            ));
        }
    }
    assert!(failures.is_empty(), "{} misscoped:\n{}", failures.len(), failures.join("\n"));
    seen
}

/// A file that uses every item keyword, every statement keyword of every item, every event
/// kind, every agenda item, every period, unit, cadence scope and severity level, and every
/// kind of value.
fn every_keyword() -> String {
    use Keyword as K;
    let mut out = String::from("# every keyword of LANGUAGE.md\n");
    for item in &keyword::ITEMS {
        let kind = item.kind;
        let header = match kind {
            ItemKind::Organisation => "organisation \"Org \\\"quoted\\\" \\n\\t\\\\\"".to_owned(),
            ItemKind::Policy => "policy".to_owned(),
            _ => format!("{} x_{}", kind.keyword(), kind.keyword()),
        };
        out.push_str(&format!("{header} {{ # a body\n"));
        for kw in item.statements {
            let values = match kw {
                K::Sprint => "2w starting 2026-01-05",
                K::Event => "daily_scrum every day lasting 15min",
                K::Releases => "every sprint",
                K::TeamSize | K::ScrumOfScrumsSize => "3..9",
                K::MaxSprint => "4w",
                K::WipLimit | K::MaxTeamsPerScrumMaster => "12",
                K::Severity => "team-size off",
                K::Waive => "SG501 for x_team until 2027-01-01 \"reason\"",
                K::CadenceScope => "scrum_of_scrums",
                K::Vision | K::Title | K::Criteria => "\"text\", \"more\"",
                K::Developers if kind == ItemKind::Team => "a, b,\n    c",
                _ => "some_id",
            };
            out.push_str(&format!("  {} {values}\n", kw.word()));
        }
        out.push_str("}\n\n");
    }
    out.push_str("policy {\n");
    for level in keyword::LEVELS {
        out.push_str(&format!("  severity team-size {}\n", keyword::level_word(level)));
    }
    for (_, spellings) in keyword::CADENCE_SCOPES {
        for scope in spellings {
            out.push_str(&format!("  cadence_scope {scope}\n"));
        }
    }
    out.push_str("}\n\nteam events {\n");
    for period in &keyword::PERIODS {
        out.push_str(&format!("  releases every {}\n", period.word));
    }
    let units = keyword::DURATION_UNITS.iter().cycle();
    for (event, unit) in keyword::EVENT_KINDS.iter().zip(units) {
        out.push_str(&format!("  event {} every 2{} {{\n    agenda ", event.word, unit.unit));
        let agenda: Vec<&str> = keyword::AGENDA_ITEMS.iter().map(|a| a.word).collect();
        out.push_str(&agenda.join(", "));
        out.push_str("\n  }\n");
    }
    out.push_str("}\norganization \"the other spelling\" {\n}\nperson last\n");
    out
}

#[test]
fn every_pattern_compiles_and_the_grammar_names_its_scope() {
    let json = grammar();
    assert_eq!(json["scopeName"], "source.scale");
    let g = Grammar::compile(&json);
    assert!(g.rules.len() > 20);
}

#[test]
fn every_keyword_of_the_language_is_scoped() {
    let g = Grammar::compile(&grammar());
    let text = every_keyword();
    let seen = check(&g, "every-keyword.scale", &text);
    let units: Vec<String> = keyword::DURATION_UNITS.iter().map(|u| format!("2{}", u.unit)).collect();
    let mut missing = Vec::new();
    let words: Vec<&str> = keyword::ITEM_WORDS
        .iter()
        .copied()
        .chain(Keyword::all().map(Keyword::word))
        .chain(keyword::EVENT_KINDS.iter().map(|e| e.word))
        .chain(keyword::AGENDA_ITEMS.iter().map(|a| a.word))
        .chain([keyword::EVERY, keyword::LASTING, keyword::STARTING, keyword::FOR, keyword::UNTIL])
        .chain(keyword::PERIODS.iter().map(|p| p.word))
        .chain(keyword::CADENCE_SCOPES.iter().flat_map(|(_, w)| w.iter().copied()))
        .chain(keyword::LEVELS.iter().map(|l| keyword::level_word(*l)))
        .collect();
    for word in words.iter().copied().chain(units.iter().map(String::as_str)) {
        if !seen.contains(word) {
            missing.push(word);
        }
    }
    assert!(missing.is_empty(), "never scoped: {missing:?}");
}

#[test]
fn the_examples_and_the_rule_examples_are_scoped() {
    let g = Grammar::compile(&grammar());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "scale") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            check(&g, &entry.path().display().to_string(), &text);
            files += 1;
        }
    }
    assert!(files >= 10, "the examples were found");
    for rule in scaleguard::catalogue::rules() {
        for (which, text) in [("fail", rule.fail), ("pass", rule.pass)] {
            if parser::parse(FileId(0), text).skipped.is_empty() {
                check(&g, &format!("{} {which}", rule.code), text);
            }
        }
    }
}

/// Whether every byte of `text[at..at + len]` has `scope`.
fn scoped(g: &Grammar, text: &str, at: usize, len: usize, scope: &str) -> Vec<Vec<String>> {
    let line = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    let lines = g.tokenize(text);
    let bytes = &lines[line][column..column + len];
    bytes.iter().filter(|s| !s.iter().any(|x| x == scope)).cloned().collect()
}

#[test]
fn escapes_periods_units_and_policy_words_get_their_scopes() {
    let g = Grammar::compile(&grammar());
    let text = "organisation \"A \\\"B\\\" \\q\" {\n  sprint 2w starting 2026-01-05 # pulse\n}\n\
        team t {\n  event retrospective every sprint lasting 90min {\n    agenda improvements,\n      risks\n  }\n  releases every 2d\n}\n\
        policy {\n  team_size 4..8\n  cadence_scope scrum_of_scrums\n  severity team-no-refinement off\n  waive SG501 for t until 2027-01-01 \"r\"\n}\n";
    let cases = [
        ("\\\"", "constant.character.escape.scale"),
        ("\\q", "invalid.illegal.unknown-escape.scale"),
        ("2w", "constant.numeric.duration.scale"),
        ("2026-01-05", "constant.numeric.date.scale"),
        ("# pulse", "comment.line.number-sign.scale"),
        ("retrospective", "support.constant.event-kind.scale"),
        ("every", "keyword.other.modifier.scale"),
        ("sprint lasting", "constant.language.period.scale"),
        ("lasting", "keyword.other.modifier.scale"),
        ("risks", "support.constant.agenda-item.scale"),
        ("2d", "constant.numeric.duration.scale"),
        ("..", "keyword.operator.range.scale"),
        ("4..8", "constant.numeric.range.scale"),
        ("scrum_of_scrums\n", "constant.language.cadence-scope.scale"),
        ("team-no-refinement", "support.constant.rule.scale"),
        ("off", "constant.language.severity.scale"),
        ("SG501", "support.constant.rule.scale"),
        ("for", "keyword.other.modifier.scale"),
        ("until", "keyword.other.modifier.scale"),
        ("team t", "keyword.other.item.scale"),
    ];
    for (needle, scope) in cases {
        // Check the needle without a trailing line break or a following word.
        let word = needle.trim_end_matches('\n').split(' ').next().unwrap_or(needle);
        let at = text.find(needle).unwrap();
        let wrong = scoped(&g, text, at, word.len(), scope);
        assert!(wrong.is_empty(), "`{needle}` has {wrong:?}, not `{scope}`");
    }
}

#[test]
fn the_vscode_extension_declares_the_language_and_the_grammar() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode");
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
    };
    let package = read("package.json");
    let configuration = read("language-configuration.json");
    assert_eq!(configuration["comments"]["lineComment"], "#");
    let language = &package["contributes"]["languages"][0];
    assert_eq!(language["id"], "scale");
    assert_eq!(language["extensions"][0], ".scale");
    let grammar_entry = &package["contributes"]["grammars"][0];
    assert_eq!(grammar_entry["scopeName"], grammar()["scopeName"]);
    assert_eq!(grammar_entry["path"], "./syntaxes/scale.tmLanguage.json");
    // `npm install` copies the grammar from `editors/` into the extension.
    assert!(package["scripts"]["prepare"].as_str().unwrap().contains("'../scale.tmLanguage.json'"));
    let extension = std::fs::read_to_string(dir.join("extension.js")).unwrap();
    assert!(extension.contains(r#"args: ["lsp"]"#));
    assert!(dir.join("README.md").is_file());
}
