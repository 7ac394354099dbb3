//! A store opened for questions: runs queries on its graph, keeps what they write, and gives
//! the REPL and the command line one way to ask.
//!
//! The one-line questions (`WHO SAID WHAT ABOUT Trump`) are turned into ordinary queries here;
//! their names are looked up by the engine's `whosaid.resolve`, which refuses a name that fits
//! several entities and lists the candidates, because a silently chosen one would give a
//! confident wrong answer.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use serde_json::{Map, Value as Json, json};

use crate::export::table::ResultTable;
use crate::graph::Graph;
use crate::query::{self, Options, Params, QueryError, Rows, Value};
use crate::repl::{self, Answer, Backend, Schema};
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Query(#[from] QueryError),
}

impl SessionError {
    /// The message a person reads: syntax errors with line, column and caret.
    pub fn render(&self, source: &str, origin: &str) -> String {
        match self {
            SessionError::Query(QueryError::Syntax(e)) => e.render(source, origin),
            other => format!("error: {other}"),
        }
    }
}

pub struct Session {
    store: Store,
    /// The rows of the last query the REPL ran, for `:dot`.
    last: Option<Rows>,
}

impl Session {
    /// Opens a store, creating an empty one where none exists yet (the REPL on a new folder).
    pub fn open(path: &Path) -> Result<Session, SessionError> {
        Ok(Session {
            store: Store::open(path, true)?,
            last: None,
        })
    }

    /// Opens a store that must exist already (a query on a mistyped path is an error).
    pub fn open_existing(path: &Path) -> Result<Session, SessionError> {
        Ok(Session {
            store: Store::open(path, false)?,
            last: None,
        })
    }

    pub fn graph(&self) -> &Graph {
        &self.store.graph
    }

    /// Runs a query or a one-line question. Writes are saved to the store in one transaction
    /// before the rows are returned, so an answer never shows curation that was not kept.
    pub fn run(
        &mut self,
        text: &str,
        params: &Params,
        opts: &Options,
    ) -> Result<Rows, SessionError> {
        let started = Instant::now();
        let text = prepare(text)?;
        let desugar = started.elapsed();
        let mut rows = query::run(&mut self.store.graph, &text, params, opts)?;
        rows.timings.parse += desugar;
        if rows.effects != query::SideEffects::default() {
            self.store.save(&[])?;
        }
        Ok(rows)
    }

    /// The plan of a query or question, as text. A question shows the query it stands for first.
    pub fn explain(&self, text: &str) -> Result<String, SessionError> {
        let query_text = prepare(text)?;
        let mut out = String::new();
        if query_text.trim() != text.trim() {
            out.push_str(query_text.trim());
            out.push_str("\n\n");
        }
        out.push_str(&query::explain(&query_text)?);
        Ok(out)
    }
}

/// Turns a one-line question into its query; leaves other text as it is.
fn prepare(text: &str) -> Result<String, SessionError> {
    if !query::sugar::is_sugar(text) {
        return Ok(text.to_string());
    }
    let question = query::sugar::parse_sugar(text).map_err(QueryError::from)?;
    Ok(query::sugar::desugar(&question).to_string())
}

/// The value of a standalone expression (`[1, 2]`, `'Merz'`, `date('2025-12-01')`), computed by
/// the engine on an empty graph so that parameters take exactly the values queries can write.
pub fn evaluate(expr: &str) -> Result<Value, String> {
    let text = format!("RETURN {expr} AS value");
    match query::run(
        &mut Graph::new(),
        &text,
        &Params::new(),
        &Options::default(),
    ) {
        Ok(rows) => Ok(rows
            .rows
            .into_iter()
            .next()
            .and_then(|r| r.into_iter().next())
            .unwrap_or(Value::Null)),
        Err(e) => Err(SessionError::from(e).render(&text, "value")),
    }
}

/// A query value as a JSON cell, graph elements in the `{"id","labels","properties"}` shape.
pub fn value_json(g: &Graph, v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => json!(b),
        Value::Int(i) => json!(i),
        Value::Float(f) => {
            serde_json::Number::from_f64(*f).map_or_else(|| json!(f.to_string()), Json::Number)
        }
        Value::String(s) => json!(s),
        Value::List(items) => Json::Array(items.iter().map(|x| value_json(g, x)).collect()),
        Value::Map(m) => Json::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), value_json(g, x)))
                .collect(),
        ),
        Value::Node(id) => node_json(g, *id),
        Value::Relationship(id) => rel_json(g, *id),
        Value::Path(p) => json!({
            "nodes": p.nodes.iter().map(|n| node_json(g, *n)).collect::<Vec<_>>(),
            "relationships": p.rels.iter().map(|r| rel_json(g, *r)).collect::<Vec<_>>(),
        }),
    }
}

fn props_json(p: &crate::graph::Props) -> Json {
    let mut m = Map::new();
    for (k, v) in p {
        m.insert(k.to_string(), serde_json::to_value(v).unwrap_or(Json::Null));
    }
    Json::Object(m)
}

fn node_json(g: &Graph, id: crate::graph::NodeId) -> Json {
    match g.node(id) {
        Some(n) => {
            json!({"id": id.index().to_string(), "labels": n.labels, "properties": props_json(&n.props)})
        }
        None => json!({"id": id.index().to_string(), "labels": [], "properties": {}}),
    }
}

fn rel_json(g: &Graph, id: crate::graph::EdgeId) -> Json {
    match (g.edge(id), g.endpoints(id)) {
        (Some(e), Some((s, t))) => json!({
            "id": id.index().to_string(), "type": e.rel_type,
            "start": s.index().to_string(), "end": t.index().to_string(),
            "properties": props_json(e.props),
        }),
        _ => {
            json!({"id": id.index().to_string(), "type": "", "start": "", "end": "", "properties": {}})
        }
    }
}

/// Rows as a table of JSON cells.
pub fn table(g: &Graph, rows: &Rows) -> ResultTable {
    ResultTable {
        columns: rows.columns.clone(),
        rows: rows
            .rows
            .iter()
            .map(|r| r.iter().map(|v| value_json(g, v)).collect())
            .collect(),
    }
}

/// What a writing query changed, in words (`1 node created, 2 properties set`).
pub fn effects_text(e: &query::SideEffects) -> Option<String> {
    let parts: Vec<String> = [
        (e.nodes_created, "node", "created"),
        (e.nodes_deleted, "node", "deleted"),
        (e.relationships_created, "relationship", "created"),
        (e.relationships_deleted, "relationship", "deleted"),
        (e.labels_added, "label", "added"),
        (e.labels_removed, "label", "removed"),
        (e.properties_set, "property", "set"),
        (e.properties_removed, "property", "removed"),
    ]
    .iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, what, verb)| {
        let plural = if *n == 1 {
            what.to_string()
        } else if let Some(stem) = what.strip_suffix('y') {
            format!("{stem}ies")
        } else {
            format!("{what}s")
        };
        format!("{n} {plural} {verb}")
    })
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Parameters from the REPL's JSON values.
pub fn params_from_json(p: &repl::Params) -> Params {
    p.iter().map(|(k, v)| (k.clone(), json_value(v))).collect()
}

fn json_value(v: &Json) -> Value {
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => n
            .as_i64()
            .map_or_else(|| Value::Float(n.as_f64().unwrap_or(f64::NAN)), Value::Int),
        Json::String(s) => Value::String(s.as_str().into()),
        Json::Array(a) => Value::List(a.iter().map(json_value).collect()),
        Json::Object(m) => Value::Map(m.iter().map(|(k, v)| (k.clone(), json_value(v))).collect()),
    }
}

impl Backend for Session {
    fn execute(
        &mut self,
        text: &str,
        params: &repl::Params,
        cancel: &Arc<AtomicBool>,
    ) -> Result<Answer, String> {
        let opts = Options {
            cancel: cancel.clone(),
            ..Options::default()
        };
        match self.run(text, &params_from_json(params), &opts) {
            Ok(rows) => {
                let mut summary: Vec<String> = rows
                    .warnings
                    .iter()
                    .map(|w| format!("warning: {w}"))
                    .collect();
                summary.extend(effects_text(&rows.effects));
                let answer = Answer {
                    table: table(self.graph(), &rows),
                    timings: rows.timings,
                    summary: (!summary.is_empty()).then(|| summary.join("\n")),
                    wrote: rows.effects != query::SideEffects::default(),
                };
                self.last = Some(rows);
                Ok(answer)
            }
            Err(e) => Err(e.render(text, "query")),
        }
    }

    fn explain(&mut self, text: &str) -> Result<String, String> {
        Session::explain(self, text).map_err(|e| e.render(text, "query"))
    }

    fn schema(&self) -> Schema {
        schema(self.graph())
    }

    fn value(&mut self, expr: &str) -> Result<Json, String> {
        let v = evaluate(expr)?;
        Ok(value_json(&Graph::new(), &v))
    }

    fn dot(&self, path: &Path) -> Result<String, String> {
        let Some(rows) = &self.last else {
            return Err("no result yet: run a query first".into());
        };
        let mut req = crate::export::Request::new(crate::export::Format::Dot);
        req.selection = crate::export::Selection::of_rows(rows);
        req.output = Some(path.to_path_buf());
        crate::export::run(self.graph(), &req, &mut std::io::sink())
            .map_err(|e| format!("error: {e}"))?;
        Ok(format!("wrote {}", path.display()))
    }
}

/// Labels, relationship types and property keys with counts, and entity names for completion.
pub fn schema(g: &Graph) -> Schema {
    use std::collections::BTreeMap;
    let mut labels: BTreeMap<String, usize> = BTreeMap::new();
    let mut types: BTreeMap<String, usize> = BTreeMap::new();
    let mut keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut names = Vec::new();
    for id in g.node_ids() {
        let n = g.node(id).expect("listed node exists");
        for l in &n.labels {
            *labels.entry(l.to_string()).or_default() += 1;
        }
        for k in n.props.keys() {
            *keys.entry(k.to_string()).or_default() += 1;
        }
        let entity = !(n.has_label(crate::graph::label::STATEMENT)
            || n.has_label(crate::graph::label::DOCUMENT));
        if entity {
            names.extend(n.name().map(str::to_string));
            names.extend(crate::graph::string_list(n.prop("aliases")));
        }
    }
    for id in g.edge_ids() {
        let e = g.edge(id).expect("listed edge exists");
        *types.entry(e.rel_type.to_string()).or_default() += 1;
        for k in e.props.keys() {
            *keys.entry(k.to_string()).or_default() += 1;
        }
    }
    Schema {
        labels: labels.into_iter().collect(),
        rel_types: types.into_iter().collect(),
        property_keys: keys.into_iter().collect(),
        names,
    }
}
