//! `scaleguard explain` and `scaleguard rules`: the catalogue for people and tools.

use clap::ValueEnum;

use super::{Exit, print, tool_error};

/// Output formats of `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RulesFormat {
    /// A table.
    Human,
    /// JSON: an array of rule objects.
    Json,
    /// The Markdown of docs/rules.md.
    Markdown,
}

/// `explain` was given something that is no rule.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("`{name}` is not a rule")]
#[diagnostic(code(scaleguard::usage::unknown_rule))]
struct UnknownRule {
    name: String,
    #[help]
    help: String,
}

/// Runs `explain`.
pub(crate) fn explain(name: &str, color: bool) -> Exit {
    match scaleguard::catalogue::find(name)
        .or_else(|| scaleguard::catalogue::find(&name.to_ascii_uppercase()))
    {
        Some(rule) => print(&scaleguard::docs::explain(rule)),
        None => {
            let names = scaleguard::catalogue::rules().iter().flat_map(|r| [r.code, r.name]);
            let help = match scaleguard::syntax::lower::suggest(name, names) {
                Some(s) => format!("a rule with a similar name exists: `{s}`"),
                None => "`scaleguard rules` lists every rule by code and name".to_owned(),
            };
            tool_error(UnknownRule { name: name.to_owned(), help }, color)
        }
    }
}

/// Runs `rules`.
pub(crate) fn list(format: RulesFormat) -> Exit {
    let text = match format {
        RulesFormat::Human => scaleguard::docs::table(),
        RulesFormat::Markdown => scaleguard::docs::markdown(),
        RulesFormat::Json => match serde_json::to_string_pretty(scaleguard::catalogue::rules()) {
            Ok(json) => json + "\n",
            Err(_) => return Exit::Error,
        },
    };
    print(&text)
}
