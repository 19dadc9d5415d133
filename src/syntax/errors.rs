//! The wording of every input error the syntax stage reports (as `just`'s `compile_error.rs`):
//! one constructor per kind of mistake, returning the diagnostic with its message, labels and
//! help, so that the words are reviewed in one file. The parser and lowering decide *when* to
//! report; this module says *what*. The subject (which item) is added by the caller.
//!
//! Lists of words in help (units, periods, event kinds, the statements an item takes, ...) are
//! built from the tables of [`super::keyword`], so a word added there is offered here too.

use std::borrow::Cow;

use super::ast::ItemKind;
use super::keyword::{self, AGENDA_ITEMS, DURATION_UNITS, EVENT_KINDS, Header, ITEM_WORDS, Keyword, PERIODS};
use super::lower::{MAX_IDENT_BYTES, MAX_INTEGER, MAX_STRING_BYTES, suggest};
use super::parser::Rule as Grammar;
use super::tree::ValueKind;
use crate::catalogue::Rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Suggestion, or_list};
use crate::source::Span;

/// What a statement's values should have been (SG001, "invalid `<keyword>` statement: ...").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Expected {
    OnlyEventTakesABlock,
    ExecutiveTakesNoValue,
    CriteriaStrings,
    OneCriterion,
    EveryAndPeriod,
    OneDuration,
    CadenceScope,
    RuleAndSeverity,
    NotValidHere,
    OneString,
    IdentifierAfterKeyword,
    IdentifierFound(ValueKind),
    OneIdentifierOnly,
    OneIdentifierAtLeast,
    CommaBeforeEntry,
    OneInteger,
    OneRange,
    Range,
    DurationAndStart,
    Period,
    RuleCodeOrName,
    IdentifierAfterFor,
    DateAfterUntil,
    UnexpectedValue,
    KindAndEvery,
    LastingOrEnd,
    OneAgendaItem,
    AgendaCommas,
}

impl Expected {
    /// The words.
    pub fn text(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Expected::OnlyEventTakesABlock => "only `event` takes a block",
            Expected::ExecutiveTakesNoValue => "`executive` takes no value",
            Expected::CriteriaStrings => "expected a string, with `,` between criteria",
            Expected::OneCriterion => "expected at least one criterion",
            Expected::EveryAndPeriod => "expected `every` and a period",
            Expected::OneDuration => "expected one duration",
            Expected::CadenceScope => {
                let scopes: Vec<String> =
                    keyword::CADENCE_SCOPES.iter().map(|(_, w)| format!("`{}`", w[0])).collect();
                return Cow::Owned(format!("expected {}", or_list(&scopes)));
            }
            Expected::RuleAndSeverity => "expected a rule and a severity",
            Expected::NotValidHere => "not valid here",
            Expected::OneString => "expected one string in double quotes",
            Expected::IdentifierAfterKeyword => "expected an identifier after the keyword",
            Expected::IdentifierFound(kind) => {
                return Cow::Owned(format!("expected an identifier, found {}", kind.describe()));
            }
            Expected::OneIdentifierOnly => "expected one identifier only",
            Expected::OneIdentifierAtLeast => "expected at least one identifier",
            Expected::CommaBeforeEntry => "expected `,` before this entry",
            Expected::OneInteger => "expected one integer",
            Expected::OneRange => "expected one range such as `3..9`",
            Expected::Range => "expected a range such as `3..9`",
            Expected::DurationAndStart => "expected a duration and optionally `starting <date>`",
            Expected::Period => return Cow::Owned(format!("expected {} or a duration", period_words())),
            Expected::RuleCodeOrName => "expected a rule code or name",
            Expected::IdentifierAfterFor => "expected an identifier after `for`",
            Expected::DateAfterUntil => "expected a date after `until`",
            Expected::UnexpectedValue => "unexpected value",
            Expected::KindAndEvery => "expected an event kind and `every <period>`",
            Expected::LastingOrEnd => "expected `lasting <duration>` or the end of the statement",
            Expected::OneAgendaItem => "expected at least one agenda item",
            Expected::AgendaCommas => "expected agenda items separated by `,`",
        })
    }
}

/// Words in backquotes, separated by commas: `` `day`, `week`, `sprint` ``.
fn ticked<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    words.into_iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ")
}

/// The words in backquotes, as "`a`, `b` or `c`" (the or-list of the diagnostics).
fn ticked_or<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    or_list(&words.into_iter().map(|w| format!("`{w}`")).collect::<Vec<_>>())
}

fn period_words() -> String {
    ticked(PERIODS.iter().map(|p| p.word))
}

fn unit_words() -> String {
    ticked(DURATION_UNITS.iter().map(|u| u.unit))
}

// ---------------------------------------------------------------------------------------------
// The parser (SG001).

/// SG001: a control character other than tab, line feed and carriage return.
pub fn control_character(byte: u8, at: Span) -> Diagnostic {
    Diagnostic::input(Rule::SyntaxError, format!("invalid control character U+{byte:04X} in the text"))
        .primary(at, "control character here")
        .help("remove the character; `.scale` files are plain text")
}

/// SG001: a string without its closing quote on its line.
pub fn unterminated_string(at: Span) -> Diagnostic {
    Diagnostic::input(Rule::SyntaxError, "unterminated string")
        .primary(at, "this string has no closing `\"` on its line")
        .help("close the string on the same line; write a line break as `\\n`")
}

/// SG001: the parser met a tree it did not expect (a bug).
pub fn internal(at: Span, what: &str) -> Diagnostic {
    Diagnostic::input(Rule::SyntaxError, format!("internal error: {what}"))
        .primary(at, "while reading this")
        .help("this is a bug in scaleguard; please report it with this file")
}

/// A grammar rule in the user's words, for "expected ...".
pub fn grammar_rule(rule: Grammar) -> Option<&'static str> {
    Some(match rule {
        Grammar::keyword => "a keyword",
        Grammar::ident => "an identifier",
        Grammar::string => "a string",
        Grammar::date => "a date",
        Grammar::range => "a range",
        Grammar::duration => "a duration such as `2w`",
        Grammar::integer => "an integer",
        Grammar::body | Grammar::block => "`{`",
        Grammar::item => "an item such as `team`",
        Grammar::statement | Grammar::inner => "a statement",
        Grammar::comment => return None,
        Grammar::EOI => "the end of the file",
        _ => return None,
    })
}

/// SG001 where pest stopped: the message, the label and the help, from the words `expected`
/// ([`grammar_rule`]), the token `found` and the `rest` of the text. At the end of the text the
/// label is for the `{` that is never closed.
pub fn unexpected(expected: &[&str], found: &str, rest: &str) -> (String, String, String) {
    let list = or_list(expected);
    if rest.is_empty() {
        return (
            "unclosed `{` at the end of the file".to_owned(),
            "this `{` is never closed".to_owned(),
            "close every item with `}` on a line of its own".to_owned(),
        );
    }
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return (
            format!("invalid value {found}"),
            "not a number, duration, date or range".to_owned(),
            "write durations as `15min`, `2h`, `10d` or `2w`, dates as `YYYY-MM-DD` and ranges as `3..9`"
                .to_owned(),
        );
    }
    if rest.starts_with('}')
        && expected
            .iter()
            .any(|e| [grammar_rule(Grammar::ident), grammar_rule(Grammar::string)].contains(&Some(*e)))
    {
        return (
            "a list ends with `,`".to_owned(),
            "expected another entry before this".to_owned(),
            "remove the trailing comma, or continue the list on the next line".to_owned(),
        );
    }
    if rest.starts_with('{') {
        return (
            format!("unexpected `{{`; expected {}", if list.is_empty() { "a statement" } else { &list }),
            "unexpected `{`".to_owned(),
            "a `{` ends an item's header line (`team payments {`); bodies do not nest".to_owned(),
        );
    }
    let message = if list.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("expected {list}, found {found}")
    };
    (
        message,
        "unexpected here".to_owned(),
        "write one statement per line (docs/language.md), `{` at the end of a header line, `}` on a line of its own"
            .to_owned(),
    )
}

// ---------------------------------------------------------------------------------------------
// Lowering: statements (SG001, SG007, SG008, SG010) and values (SG005).

/// SG001: a statement whose values do not have the shape its keyword takes.
pub fn shape(kw: Keyword, at: Span, what: Expected) -> Diagnostic {
    let what = what.text();
    Diagnostic::input(Rule::SyntaxError, format!("invalid `{}` statement: {what}", kw.word()))
        .primary(at, what.into_owned())
        .help(format!("write it as `{}`", kw.usage()))
}

/// The edit that writes the near-miss keyword `word` instead of the misspelt one at `at`. Unsafe:
/// the editor offers it as a quick fix, but `check --fix` leaves a keyword to the author (a
/// misspelt statement may be another statement meant).
fn near_miss(at: Span, word: &str) -> Suggestion {
    Suggestion::new("replace with the similar name", vec![Edit::replace(at, word)], Applicability::Unsafe)
}

/// SG001: a word at the start of an item that is not an item keyword.
pub fn unknown_item(word: &str, at: Span) -> Diagnostic {
    let d = Diagnostic::input(Rule::SyntaxError, format!("unknown item `{word}`"))
        .primary(at, "not an item keyword");
    match suggest(word, ITEM_WORDS.iter().copied()) {
        Some(s) => d.help(format!("an item with a similar name exists: `{s}`")).suggest(near_miss(at, s)),
        None => d.help(format!("items are {}", ticked_or(ITEM_WORDS.iter().copied()))),
    }
}

/// SG001: an item that must have a body has none.
pub fn needs_body(word: &str, header: Span) -> Diagnostic {
    Diagnostic::input(Rule::SyntaxError, format!("`{word}` needs a body in braces"))
        .primary(header, "expected `{` at the end of this line")
        .help(format!("write `{word} ... {{`, its statements, then `}}` on a line of its own"))
}

/// SG001: an item's header (what follows its keyword, spelt `word`) is not as `header` says.
pub fn bad_header(word: &str, header: Header, at: Span) -> Diagnostic {
    let usage = match header {
        Header::Name => format!("{word} \"<name>\" {{"),
        Header::Bare => format!("{word} {{"),
        Header::Id => format!("{word} <id> [\"<display name>\"]"),
    };
    Diagnostic::input(Rule::SyntaxError, format!("invalid `{word}` header"))
        .primary(at, "unexpected here")
        .help(format!("write it as `{usage}`"))
}

/// SG008: a statement an item of `kind` does not take.
pub fn unknown_statement(kind: ItemKind, word: &str, at: Span) -> Diagnostic {
    let what = kind.describe();
    let allowed = keyword::statements_of(kind).iter().map(|k| k.word());
    let d = Diagnostic::input(Rule::UnknownStatement, format!("{what} has no statement `{word}`"))
        .primary(at, "unknown statement");
    match suggest(word, allowed.clone()) {
        Some(s) => d.help(format!("a statement with a similar name exists: `{s}`")).suggest(near_miss(at, s)),
        None => d.help(format!("{what} takes {}", ticked_or(allowed))),
    }
}

/// SG008: a statement other than `agenda` in an event's block.
pub fn event_block_statement(word: &str, at: Span) -> Diagnostic {
    Diagnostic::input(Rule::UnknownStatement, format!("an event block has no statement `{word}`"))
        .primary(at, "unknown statement")
        .help(format!(
            "an event block takes only {}",
            ticked_or(keyword::EVENT_BLOCK.iter().map(|k| k.usage()))
        ))
}

/// The holder of a statement as messages name it: `the organisation`, `team `payments``.
pub fn holder_name(kind: ItemKind, subject: Option<&str>) -> String {
    match (kind, subject) {
        (ItemKind::Organisation | ItemKind::Policy, _) | (_, None) => kind
            .keyword()
            .replace('_', " ")
            .replace("organisation", "the organisation")
            .replace("policy", "the policy"),
        (kind, Some(id)) => format!("{} `{id}`", kind.keyword().replace('_', " ")),
    }
}

/// SG007: a single-valued statement given twice in one item (`holder`, see [`holder_name`]).
pub fn duplicate_statement(word: &str, holder: &str, at: Span, first: Span) -> Diagnostic {
    Diagnostic::input(Rule::DuplicateStatement, format!("`{word}` is given twice in {holder}"))
        .primary(at, "given again here")
        .secondary(first, "first given here")
        .help(format!("keep one `{word}` statement"))
}

/// SG010: an entry named twice in `within` ("the `members`", "an agenda") of one item.
fn duplicate(text: &str, within: &str, holder: &str, at: Span, first: Span) -> Diagnostic {
    Diagnostic::input(Rule::DuplicateEntry, format!("`{text}` is named twice in {within} of {holder}"))
        .primary(at, "named again here")
        .secondary(first, "first named here")
        .help(format!("remove the second `{text}`"))
}

/// SG010: `text` named twice in the `kw` lists of one item.
pub fn duplicate_entry(text: &str, kw: Keyword, holder: &str, at: Span, first: Span) -> Diagnostic {
    duplicate(text, &format!("the `{}`", kw.word()), holder, at, first)
}

/// SG010: an agenda item named twice in one agenda.
pub fn duplicate_agenda_item(word: &str, holder: &str, at: Span, first: Span) -> Diagnostic {
    duplicate(word, "an agenda", holder, at, first)
}

/// SG001: a number and its unit written apart (`2 weeks`); `written` is the duration meant.
pub fn spaced_duration(kw: Keyword, at: Span, written: &str) -> Diagnostic {
    Diagnostic::input(
        Rule::SyntaxError,
        format!("invalid `{}` statement: a duration is written without a space", kw.word()),
    )
    .primary(at, format!("write `{written}`"))
    .help(format!("write the number and its unit together, `{written}` (units: {})", unit_words()))
}

/// SG001: a value after `developers <int>`.
pub fn developers_after_count(count: &str, extra: &str, at: Span) -> Diagnostic {
    Diagnostic::input(
        Rule::SyntaxError,
        format!("invalid `developers` statement: `{extra}` after the number of developers"),
    )
    .primary(at, "nothing may follow the count")
    .help(format!(
        "write the count alone, `developers {count}`, or name the developers: `developers alice, bob`"
    ))
}

/// SG005: a word that should name one of `words`, each an `a_noun` ("an event kind").
fn unknown_word<'a>(
    word: &str,
    at: Span,
    (a_noun, noun): (&str, &str),
    words: impl IntoIterator<Item = &'a str> + Clone,
) -> Diagnostic {
    let d = Diagnostic::input(Rule::InvalidValue, format!("`{word}` is not {a_noun}"))
        .primary(at, format!("unknown {noun}"));
    match suggest(word, words.clone()) {
        Some(s) => d.help(format!("{a_noun} with a similar name exists: `{s}`")).suggest(near_miss(at, s)),
        None => d.help(format!("{noun}s are {}", ticked_or(words))),
    }
}

/// SG005: an event kind that is not one.
pub fn unknown_event_kind(word: &str, at: Span) -> Diagnostic {
    unknown_word(word, at, ("an event kind", "event kind"), EVENT_KINDS.iter().map(|e| e.word))
}

/// SG005: an agenda item that is not one.
pub fn unknown_agenda_item(word: &str, at: Span) -> Diagnostic {
    unknown_word(word, at, ("an agenda item", "agenda item"), AGENDA_ITEMS.iter().map(|a| a.word))
}

/// SG005: a value that is well formed but not valid.
fn invalid(at: Span, message: String, label: &str, help: impl Into<String>) -> Diagnostic {
    Diagnostic::input(Rule::InvalidValue, message).primary(at, label.to_owned()).help(help)
}

/// SG005: an identifier of `len` bytes (`at`: its first character).
pub fn identifier_too_long(len: usize, at: Span) -> Diagnostic {
    invalid(
        at,
        format!("an identifier of {len} bytes is longer than the limit of {MAX_IDENT_BYTES}"),
        "this identifier is too long",
        "use a shorter identifier; put long names in the display name string",
    )
}

/// SG005: a string of `len` bytes (`at`: its first character).
pub fn string_too_long(len: usize, at: Span) -> Diagnostic {
    invalid(
        at,
        format!("a string of {len} bytes is longer than the limit of {MAX_STRING_BYTES}"),
        "this string is too long",
        "shorten the text",
    )
}

/// SG005: a `cadence_scope` that is not one.
pub fn not_a_cadence_scope(word: &str, at: Span) -> Diagnostic {
    let kw = Keyword::CadenceScope.word();
    let choices = keyword::CADENCE_SCOPES.iter().map(|(_, w)| format!("`{kw} {}`", w[0]));
    invalid(
        at,
        format!("`{word}` is not a cadence scope"),
        "unknown scope",
        format!("write {}", or_list(&choices.collect::<Vec<_>>())),
    )
}

/// SG005: a severity level that is not one.
pub fn not_a_severity(word: &str, at: Span) -> Diagnostic {
    let levels = keyword::LEVELS.iter().map(|l| keyword::level_word(*l)).collect::<Vec<_>>();
    let (last, init) = levels.split_last().unwrap_or((&"", &[]));
    invalid(
        at,
        format!("`{word}` is not a severity"),
        "unknown severity",
        format!("write {} or `{last}`", ticked(init.iter().copied())),
    )
}

/// SG005: an integer above [`MAX_INTEGER`].
pub fn integer_too_large(text: &str, at: Span) -> Diagnostic {
    invalid(
        at,
        format!("`{text}` is larger than the limit of {MAX_INTEGER}"),
        "too large",
        "use a smaller number",
    )
}

/// SG005: a range with a bound above [`MAX_INTEGER`].
pub fn range_too_large(text: &str, at: Span) -> Diagnostic {
    invalid(at, format!("`{text}` is out of range"), "too large", "use smaller bounds")
}

/// SG005: a range whose lower bound is above its upper bound.
pub fn range_empty(text: &str, at: Span) -> Diagnostic {
    invalid(
        at,
        format!("the range `{text}` is empty"),
        "lower bound above upper bound",
        "write the smaller bound first, e.g. `3..9`",
    )
}

/// SG005: a duration of zero.
pub fn zero_duration(text: &str, at: Span) -> Diagnostic {
    invalid(at, format!("the duration `{text}` is zero"), "zero", "give a positive duration")
}

/// SG005: a number with a unit that is not one (`meant`: the unit the word stands for, if any).
pub fn not_a_unit(n: u64, unit: &str, meant: Option<&str>, at: Span) -> Diagnostic {
    let help = match meant {
        Some(u) => format!("write `{n}{u}` (units: {})", unit_words()),
        None => format!("write a number and one of the units {}, e.g. `2w`", unit_words()),
    };
    invalid(at, format!("`{unit}` is not a unit of duration"), "unknown unit", help)
}

/// SG005: a duration that must be whole days (`what`: "a sprint length") and is not.
pub fn not_whole_days(what: &str, text: &str, at: Span) -> Diagnostic {
    invalid(
        at,
        format!("{what} must be a whole number of days, not `{text}`"),
        "not a whole number of days",
        "give the length in days or weeks, e.g. `10d` or `2w`",
    )
}

/// SG005: a date that is not in the calendar.
pub fn not_a_date(text: &str, at: Span) -> Diagnostic {
    invalid(
        at,
        format!("`{text}` is not a calendar date"),
        "no such date",
        "give a real date as `YYYY-MM-DD`",
    )
}

/// SG005: a period word that is not one.
pub fn not_a_period(word: &str, at: Span) -> Diagnostic {
    invalid(
        at,
        format!("`{word}` is not a period"),
        "unknown period",
        format!("write {} or a duration such as `2d`", period_words()),
    )
}

/// SG005: a waiver whose reason is blank.
pub fn empty_reason(at: Span) -> Diagnostic {
    invalid(
        at,
        "a waiver's reason must not be empty".to_owned(),
        "empty reason",
        "say why the exception is justified, in the string",
    )
}

/// SG005: a waiver without a reason.
pub fn no_reason(at: Span) -> Diagnostic {
    invalid(
        at,
        "a waiver needs a reason".to_owned(),
        "no reason given",
        "end the statement with the reason in double quotes",
    )
}
