//! scaleguard checks an organisation written as code (`.scale` files) against the guardrails
//! of Scrum@Scale.
//!
//! The data flows one way, one module per stage:
//! [`source`] (paths to files) → [`syntax`] (pest parse to a tree with spans) →
//! [`model`] (one resolved, typed organisation) → [`checks`] (every guardrail, every check
//! recorded) → [`report`] (human and machine output). Each stage returns its output and the
//! [`Diagnostic`]s it found; no stage goes back to an earlier one's input. The library never
//! prints and never exits: the binary (`src/main.rs`, `src/cli/`) does.

pub mod assess;
pub mod baseline;
pub mod catalogue;
pub mod checks;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod docs;
pub mod export;
pub mod fix;
pub mod fmt;
pub mod init;
pub mod lsp;
pub mod model;
pub mod report;
pub mod score;
pub mod source;
pub mod span;
pub mod syntax;

pub use diagnostic::{Diagnostic, Label, Severity};

use jiff::civil::Date;

use checks::Evaluation;
use model::Model;
use source::SourceMap;

/// Everything one run of the pipeline produced.
#[derive(Debug)]
pub struct Analysis {
    /// The files read.
    pub sources: SourceMap,
    /// The resolved model (partial when there are input errors).
    pub model: Model,
    /// The guardrail evaluation; `None` when input errors stopped it.
    pub evaluation: Option<Evaluation>,
    /// Every diagnostic of the run, sorted by file, position and code.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether any input error (SG0xx) was found: then no guardrail was evaluated.
    pub input_errors: bool,
    /// How long each stage took, for `SCALEGUARD_TIMINGS=1` and the benchmarks.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Runs syntax, model and checks on files already loaded (with the diagnostics loading gave).
pub fn analyse(sources: SourceMap, mut diagnostics: Vec<Diagnostic>, today: Date) -> Analysis {
    let mut timings = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<_>| {
        let now = std::time::Instant::now();
        timings.push((name, now - clock));
        clock = now;
    };
    let (model, evaluation) = {
        let (files, syntax_errors) = syntax::parse_all(&sources);
        diagnostics.extend(syntax_errors);
        lap("parse", &mut timings);
        let (model, model_errors) = model::resolve(&files);
        diagnostics.extend(model_errors);
        lap("resolve", &mut timings);
        // The declarations are no longer needed: free them on a second thread while the
        // checks run (freeing a large organisation's declarations takes tens of milliseconds).
        let evaluation = std::thread::scope(|scope| {
            scope.spawn(move || drop(files));
            if diagnostics.is_empty() {
                let cx = checks::Context::new(&model, today);
                Some(checks::evaluate(&cx))
            } else {
                None
            }
        });
        lap("checks", &mut timings);
        (model, evaluation)
    };
    let input_errors = !diagnostics.is_empty();
    if let Some(evaluation) = &evaluation {
        diagnostics.extend(evaluation.diagnostics(&model));
    }
    diagnostic::sort(&mut diagnostics);
    lap("diagnostics", &mut timings);
    Analysis { sources, model, evaluation, diagnostics, input_errors, timings }
}

/// Today's date in UTC.
pub fn today_utc() -> Date {
    jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date()
}
