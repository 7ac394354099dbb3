//! whosaid: who said what about whom, from German news, as a queryable graph.
//!
//! Stages, in the order data flows: `text` → `extract` → `resolve` → `graph` → `store` →
//! `query` → `repl` / `export`. `ingest` runs the first five for a batch of files; `eval`
//! scores a graph against gold annotations.

// The store asks mimalloc to give freed memory back after an open (`store`); naming the crate
// links it into every binary and test, whichever allocator they use.
use mimalloc as _;

pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod import;
pub mod ingest;
pub mod layout;
pub mod lexicon;
pub mod pages;
pub mod query;
pub mod repl;
pub mod resolve;
pub mod saved_queries;
pub mod session;
pub mod snapshot;
pub mod store;
pub mod suggest;
pub mod text;
