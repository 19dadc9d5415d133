//! Exports of the resolved organisation for other tools: pictures of its structure
//! ([`graph`], Graphviz DOT and Mermaid) and the model as JSON ([`model`]).
//!
//! Both read the model and the evaluation only, never text or syntax, and sort everything
//! by identifier so that output does not depend on how the organisation is split over files.

pub mod graph;
pub mod model;
