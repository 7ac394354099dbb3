//! JSON lines in the Neo4j APOC export shape: nodes first, then relationships, by ascending id.

use std::io::{self, Write};

use serde_json::{Map, Value as Json, json};

use crate::graph::{Graph, Props, Value};

fn props_json(props: &Props) -> Json {
    let mut m = Map::new();
    for (k, v) in props {
        m.insert(k.to_string(), value_json(&v));
    }
    Json::Object(m)
}

fn value_json(v: &Value) -> Json {
    match v {
        Value::Bool(b) => json!(b),
        Value::Int(i) => json!(i),
        Value::Float(f) => json!(f),
        Value::String(s) => json!(s),
        Value::List(items) => Json::Array(items.iter().map(value_json).collect()),
    }
}

/// Writes the whole graph. Output is deterministic: ids are the graph's stable ids, and
/// properties are sorted by key.
pub fn write(graph: &Graph, out: &mut impl Write) -> io::Result<()> {
    for id in graph.node_ids() {
        let n = graph.node(id).expect("listed node exists");
        let line = json!({
            "type": "node",
            "id": id.index().to_string(),
            "labels": n.labels,
            "properties": props_json(&n.props),
        });
        writeln!(out, "{line}")?;
    }
    for id in graph.edge_ids() {
        let e = graph.edge(id).expect("listed edge exists");
        let (s, t) = graph.endpoints(id).expect("listed edge has endpoints");
        let labels = |n| graph.node(n).map(|n| n.labels).unwrap_or_default();
        let line = json!({
            "type": "relationship",
            "id": id.index().to_string(),
            "label": e.rel_type,
            "start": {"id": s.index().to_string(), "labels": labels(s)},
            "end": {"id": t.index().to_string(), "labels": labels(t)},
            "properties": props_json(e.props),
        });
        writeln!(out, "{line}")?;
    }
    Ok(())
}
