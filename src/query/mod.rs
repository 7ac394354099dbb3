//! The query language: parse → `ast::Query`, plan → `Plan`, execute → `Rows`.
//!
//! `run` is the one entry point for executing a query against anything that implements
//! `GraphView + GraphWrite`; `explain` prints the plan without touching a graph.

pub mod ast;
pub mod error;
mod eval;
mod exec;
pub mod functions;
pub mod parser;
pub mod plan;
mod semantic;
pub mod sugar;
pub mod value;
pub mod view;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub use error::SyntaxError;
pub use parser::parse;
pub use plan::Plan;
pub use value::Value;
pub use view::{GraphView, GraphWrite};

/// Query parameters (`$name`).
pub type Params = BTreeMap<String, Value>;

/// Bounds on one query run, so that a runaway query stops with a clear error.
#[derive(Debug, Clone)]
pub struct Options {
    /// The most rows any operator may produce in total (intermediate rows count too).
    pub max_rows: u64,
    /// The most units of matching work (candidate nodes tried, relationships followed) a
    /// query may do, so that a search that finds nothing still stops.
    pub max_expansions: u64,
    /// Set from another thread to stop the query; checked inside every loop.
    pub cancel: Arc<AtomicBool>,
    /// A wall-clock bound, checked where `cancel` is checked.
    pub deadline: Option<std::time::Instant>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_rows: 10_000_000,
            max_expansions: 1_000_000_000,
            cancel: Arc::new(AtomicBool::new(false)),
            deadline: None,
        }
    }
}

/// Counts of what a query changed, named as the openCypher TCK names its side effects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SideEffects {
    pub nodes_created: u64,
    pub nodes_deleted: u64,
    pub relationships_created: u64,
    pub relationships_deleted: u64,
    pub labels_added: u64,
    pub labels_removed: u64,
    pub properties_set: u64,
    pub properties_removed: u64,
}

/// The result of a query: named columns, rows of values in column order, and side effects.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    pub effects: SideEffects,
    /// Non-fatal remarks, e.g. a label that the graph does not know, with a suggestion.
    pub warnings: Vec<String>,
    /// Time spent in each stage, for the REPL's `:timer`.
    pub timings: Timings,
}

/// Time spent preparing and executing one query.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    /// Parsing, semantic checks and planning: next to nothing when the prepared-plan cache
    /// already holds the query text.
    pub parse: std::time::Duration,
    /// Checking the query's labels against the graph's, for warnings.
    pub plan: std::time::Duration,
    pub execute: std::time::Duration,
}

/// The openCypher error class a failure belongs to (as the TCK names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    SyntaxError,
    TypeError,
    ArgumentError,
    SemanticError,
    EntityNotFound,
    ConstraintVerificationFailed,
    ParameterMissing,
    ProcedureError,
}

impl ErrorClass {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorClass::SyntaxError => "SyntaxError",
            ErrorClass::TypeError => "TypeError",
            ErrorClass::ArgumentError => "ArgumentError",
            ErrorClass::SemanticError => "SemanticError",
            ErrorClass::EntityNotFound => "EntityNotFound",
            ErrorClass::ConstraintVerificationFailed => "ConstraintVerificationFailed",
            ErrorClass::ParameterMissing => "ParameterMissing",
            ErrorClass::ProcedureError => "ProcedureError",
        }
    }
}

/// Why a query failed. `code` names the precise condition the way the openCypher TCK does
/// (e.g. `UndefinedVariable`, `DeleteConnectedNode`), so tests can check it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QueryError {
    #[error("syntax error: {0}")]
    Syntax(#[from] SyntaxError),
    #[error("{message}")]
    Semantic {
        class: ErrorClass,
        code: &'static str,
        message: String,
        span: Option<(usize, usize)>,
    },
    #[error("{message}")]
    Runtime {
        class: ErrorClass,
        code: &'static str,
        message: String,
    },
    #[error("query stopped: it produced more than {limit} rows")]
    LimitExceeded { limit: u64 },
    #[error("query stopped: it did more than {limit} matching steps")]
    ExpansionLimitExceeded { limit: u64 },
    #[error("query cancelled")]
    Cancelled,
    #[error("query stopped: it ran out of time")]
    TimedOut,
}

impl QueryError {
    /// The openCypher error class, or `None` for limits and cancellation.
    pub fn class(&self) -> Option<ErrorClass> {
        match self {
            QueryError::Syntax(_) => Some(ErrorClass::SyntaxError),
            QueryError::Semantic { class, .. } | QueryError::Runtime { class, .. } => Some(*class),
            _ => None,
        }
    }
    /// The TCK detail code, when known.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            QueryError::Syntax(e) => Some(e.tck_name()),
            QueryError::Semantic { code, .. } | QueryError::Runtime { code, .. } => Some(code),
            _ => None,
        }
    }
    /// Whether the error was found before execution (the TCK's "compile time").
    pub fn at_compile_time(&self) -> bool {
        matches!(self, QueryError::Syntax(_) | QueryError::Semantic { .. })
    }
}

/// Parses, checks, plans and runs one query against a graph.
///
/// Writes go through `GraphWrite` and are marked as manual curation. The returned rows carry
/// the side-effect counts and warnings about labels, relationship types and property keys the
/// graph does not know (with a "did you mean" suggestion where one is close).
pub fn run<G: GraphView + GraphWrite>(
    g: &mut G,
    text: &str,
    params: &Params,
    opts: &Options,
) -> Result<Rows, QueryError> {
    let started = std::time::Instant::now();
    let prepared = prepare(text)?;
    let (q, plan) = (&prepared.query, &prepared.plan);
    let parsed = std::time::Instant::now();
    // Labels are known cheaply; relationship types and property keys need a walk over the
    // graph, which is only worth it when a typo may explain an empty result.
    let labels = g.label_names();
    let mut warnings = schema_warnings(q, &labels, None);
    let planned = std::time::Instant::now();
    let mut rows = exec::execute(g, plan, params, opts)?;
    // Collecting every type and key walks the whole graph; first check, stopping at the
    // first hit, whether any name the query uses is missing at all.
    if rows.rows.is_empty() && !labels.is_empty() && has_unknown_names(q, &*g) {
        warnings = schema_warnings(q, &labels, Some(&g.schema_names()));
    }
    rows.warnings = warnings;
    rows.timings = Timings {
        parse: parsed - started,
        plan: planned - parsed,
        execute: planned.elapsed(),
    };
    Ok(rows)
}

/// A query parsed, checked and planned: everything about it that does not depend on the
/// graph or the parameters.
struct Prepared {
    query: ast::Query,
    plan: Plan,
}

/// How many prepared queries the cache keeps before it starts over.
const PREPARED_CACHE_SIZE: usize = 256;

/// The prepared form of a query text, from a process-wide cache keyed by the text (as
/// SQLite's statement cache does): a question asked again with other parameters is neither
/// parsed nor planned again, which for a selective question is most of its cost. Plans
/// depend on the text alone, so a cached plan is never stale; failures are not cached.
fn prepare(text: &str) -> Result<Arc<Prepared>, QueryError> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Prepared>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    // A panic elsewhere while the lock was held leaves a map that is still valid.
    let lock = || cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = lock().get(text) {
        return Ok(Arc::clone(p));
    }
    let query = parser::parse(text)?;
    semantic::check(&query)?;
    let plan = plan::plan(&query);
    let p = Arc::new(Prepared { query, plan });
    let mut map = lock();
    if map.len() >= PREPARED_CACHE_SIZE {
        map.clear();
    }
    map.insert(text.to_string(), Arc::clone(&p));
    Ok(p)
}

/// The plan of a query as an indented operator tree, without running it.
pub fn explain(text: &str) -> Result<String, QueryError> {
    let q = parser::parse(text)?;
    semantic::check(&q)?;
    Ok(plan::explain(&plan::plan(&q)))
}

/// Whether a MATCH of the query names a relationship type or reads a property key that no
/// relationship or node of the graph has (the names `schema_warnings` would hint about).
fn has_unknown_names<G: GraphView + ?Sized>(q: &ast::Query, g: &G) -> bool {
    let mut types: Vec<&str> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let singles = std::iter::once(&q.first).chain(q.unions.iter().map(|u| &u.query));
    for sq in singles {
        for c in &sq.clauses {
            let ast::Clause::Match(m) = c else { continue };
            for p in &m.pattern.parts {
                for s in &p.element.chain {
                    types.extend(s.rel.types.iter().map(String::as_str));
                }
            }
            if let Some(w) = &m.where_ {
                plan::walk(w, &mut |x| {
                    if let ast::Expr::Property(_, key) = x {
                        keys.push(key.clone());
                    }
                });
            }
        }
    }
    types.sort_unstable();
    types.dedup();
    keys.sort_unstable();
    keys.dedup();
    types.iter().any(|t| !g.has_rel_type(t)) || keys.iter().any(|k| !g.has_property_key(k))
}

/// Warnings for names in MATCH patterns and property reads that the graph has never seen.
/// A misspelt label silently matches nothing, which is the most confusing outcome for a
/// user, so it gets a hint; an empty graph gets none (everything would be unknown).
fn schema_warnings(
    q: &ast::Query,
    labels: &[String],
    schema: Option<&view::SchemaNames>,
) -> Vec<String> {
    if labels.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut note = |what: &str, name: &str, known: Option<&[String]>| {
        let Some(known) = known else { return };
        if known.iter().any(|k| k == name) {
            return;
        }
        let hint = semantic::closest(name, known.iter().map(String::as_str))
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default();
        let msg = format!("the graph has no {what} `{name}`{hint}");
        if !out.contains(&msg) {
            out.push(msg);
        }
    };
    let singles = std::iter::once(&q.first).chain(q.unions.iter().map(|u| &u.query));
    for sq in singles {
        for c in &sq.clauses {
            let ast::Clause::Match(m) = c else { continue };
            for p in &m.pattern.parts {
                let e = &p.element;
                let nodes = std::iter::once(&e.start).chain(e.chain.iter().map(|s| &s.node));
                for n in nodes {
                    for l in &n.labels {
                        note("label", l, Some(labels));
                    }
                }
                for s in &e.chain {
                    for t in &s.rel.types {
                        note(
                            "relationship type",
                            t,
                            schema.map(|s| s.rel_types.as_slice()),
                        );
                    }
                }
            }
            if let Some(w) = &m.where_ {
                plan::walk(w, &mut |x| {
                    if let ast::Expr::Property(_, key) = x {
                        note(
                            "property key",
                            key,
                            schema.map(|s| s.property_keys.as_slice()),
                        );
                    }
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
