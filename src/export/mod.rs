//! Writers for the graph: JSON lines (Neo4j APOC shape), Graphviz DOT (and rendering it),
//! GraphML and Neo4j `neo4j-admin` CSV. Every writer except JSON lines takes a `Subgraph`;
//! `request::run` is the front door the command line and the REPL use.

pub mod dot;
pub mod graphml;
pub mod jsonl;
pub mod neo4j_csv;
pub mod render;
pub mod request;
pub mod subgraph;
pub mod table;

pub use request::{ExportError, Format, Request, Selection, Written, run};
pub use subgraph::{SelectError, Subgraph};
