//! Writers for the graph: JSON lines (Neo4j APOC shape) now; DOT, GraphML and Neo4j CSV later.

pub mod jsonl;
pub mod table;
