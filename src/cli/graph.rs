//! `scaleguard graph`: the membership, escalation or dependency picture of the organisation
//! with its findings drawn on it, as DOT or Mermaid (docs/graph.md).

use std::path::PathBuf;

use clap::ValueEnum;

use super::Exit;
use super::export::analyse_or_report;
use scaleguard::export::graph::{self, Format, View};

/// The views of `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum GraphView {
    /// The team-of-teams hierarchy, up to the Executive Action Team.
    Membership,
    /// Each unit's escalation target.
    Escalation,
    /// The dependencies between teams, grouped by Scrum of Scrums.
    Dependencies,
}

/// The formats of `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum GraphFormat {
    /// Graphviz DOT: `dot -Tsvg graph.dot > graph.svg`.
    Dot,
    /// A Mermaid flowchart for a ```mermaid block in GitHub Markdown.
    Mermaid,
}

#[derive(Debug, clap::Args)]
pub(crate) struct GraphArgs {
    /// Files or directories to read (every `*.scale` below a directory); default: `paths` of
    /// `scaleguard.toml`, else `.`.
    paths: Vec<PathBuf>,
    /// What to draw.
    #[arg(long, value_enum, default_value_t = GraphView::Membership)]
    view: GraphView,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    format: GraphFormat,
}

/// Runs `graph`.
pub(crate) fn run(args: &GraphArgs, color: bool) -> Exit {
    let analysis = match analyse_or_report(&args.paths, color) {
        Ok(analysis) => analysis,
        Err(exit) => return exit,
    };
    let view = match args.view {
        GraphView::Membership => View::Membership,
        GraphView::Escalation => View::Escalation,
        GraphView::Dependencies => View::Dependencies,
    };
    let format = match args.format {
        GraphFormat::Dot => Format::Dot,
        GraphFormat::Mermaid => Format::Mermaid,
    };
    super::print(&graph::render(&analysis.model, analysis.evaluation.as_ref(), view, format))
}
