//! GraphML for Gephi, yEd, Cytoscape and networkx.
//!
//! Every property becomes a typed `<key>` (`long`, `double`, `boolean`, `string`); list
//! properties are JSON strings, because GraphML has no list type and JSON reads back
//! everywhere. Node labels go in a `labels` key as `:Person:Politician` and relationship types
//! in a `label` key, the shape Neo4j's APOC export uses. Ids are the graph's stable ids
//! (`n12`, `e40`) and output order is ascending id, so exports diff cleanly.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::export::subgraph::Subgraph;
use crate::graph::{EdgeId, Graph, NodeId, Props, Value};

/// Escapes text for XML content and attribute values. Characters XML 1.0 cannot carry at all
/// (most control characters) become U+FFFD, and a carriage return is written as a character
/// reference so that parsers do not fold it into a line feed.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyType {
    Boolean,
    Long,
    Double,
    String,
}

impl KeyType {
    fn as_str(self) -> &'static str {
        match self {
            KeyType::Boolean => "boolean",
            KeyType::Long => "long",
            KeyType::Double => "double",
            KeyType::String => "string",
        }
    }
    fn of(v: &Value) -> KeyType {
        match v {
            Value::Bool(_) => KeyType::Boolean,
            Value::Int(_) => KeyType::Long,
            Value::Float(_) => KeyType::Double,
            Value::String(_) | Value::List(_) => KeyType::String,
        }
    }
    /// The narrowest type holding both; numbers widen to double, anything else to string.
    fn unify(self, other: KeyType) -> KeyType {
        use KeyType::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Long, Double) | (Double, Long) => Double,
            _ => String,
        }
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) if f.is_infinite() => if *f > 0.0 { "INF" } else { "-INF" }.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::String(s) => s.to_string(),
        Value::List(_) => serde_json::to_string(v).expect("values serialise"),
    }
}

/// Keys of one domain (`node` or `edge`): property name → (key id, type).
fn keys<'a>(
    props: impl Iterator<Item = &'a Props>,
    first_id: usize,
) -> BTreeMap<String, (String, KeyType)> {
    let mut types: BTreeMap<String, KeyType> = BTreeMap::new();
    for p in props {
        for (k, v) in p {
            let t = KeyType::of(&v);
            types
                .entry(k.to_string())
                .and_modify(|old| *old = old.unify(t))
                .or_insert(t);
        }
    }
    types
        .into_iter()
        .enumerate()
        .map(|(i, (k, t))| (k, (format!("d{}", first_id + i), t)))
        .collect()
}

fn data(s: &mut String, keys: &BTreeMap<String, (String, KeyType)>, props: &Props) {
    for (k, v) in props {
        let (id, _) = &keys[k.as_str()];
        let _ = writeln!(
            s,
            "      <data key=\"{id}\">{}</data>",
            escape(&text_of(&v))
        );
    }
}

/// The selection as GraphML text; see `write`.
pub fn to_string(g: &Graph, sel: &Subgraph) -> String {
    let mut buf = Vec::new();
    write(g, sel, &mut buf).expect("writing to memory does not fail");
    String::from_utf8(buf).expect("GraphML is UTF-8")
}

/// Writes the selection as a GraphML document. Text is built in a buffer that is handed to
/// `out` every few dozen kilobytes, so a graph of millions of nodes streams.
pub fn write(g: &Graph, sel: &Subgraph, out: &mut impl Write) -> io::Result<()> {
    let nodes: Vec<NodeId> = sel
        .nodes
        .iter()
        .copied()
        .filter(|&n| g.node(n).is_some())
        .collect();
    // An edge whose endpoint is not written would make the document invalid.
    let edges: Vec<EdgeId> = sel
        .edges
        .iter()
        .copied()
        .filter(|&e| {
            g.endpoints(e)
                .is_some_and(|(a, b)| sel.nodes.contains(&a) && sel.nodes.contains(&b))
        })
        .collect();
    let node_keys = keys(nodes.iter().map(|&n| &g.node(n).unwrap().props), 1);
    let edge_keys = keys(
        edges.iter().map(|&e| g.edge(e).unwrap().props),
        2 + node_keys.len(),
    );
    let edge_label_key = format!("d{}", 1 + node_keys.len());
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    s.push_str("  <key id=\"d0\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n");
    for (name, (id, t)) in &node_keys {
        let _ = writeln!(
            s,
            "  <key id=\"{id}\" for=\"node\" attr.name=\"{}\" attr.type=\"{}\"/>",
            escape(name),
            t.as_str()
        );
    }
    let _ = writeln!(
        s,
        "  <key id=\"{edge_label_key}\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>"
    );
    for (name, (id, t)) in &edge_keys {
        let _ = writeln!(
            s,
            "  <key id=\"{id}\" for=\"edge\" attr.name=\"{}\" attr.type=\"{}\"/>",
            escape(name),
            t.as_str()
        );
    }
    s.push_str("  <graph id=\"whosaid\" edgedefault=\"directed\">\n");
    for &n in &nodes {
        let node = g.node(n).unwrap();
        let _ = writeln!(s, "    <node id=\"n{}\">", n.index());
        let labels: String = node.labels.iter().map(|l| format!(":{l}")).collect();
        let _ = writeln!(s, "      <data key=\"d0\">{}</data>", escape(&labels));
        data(&mut s, &node_keys, &node.props);
        s.push_str("    </node>\n");
        flush_if_full(&mut s, out)?;
    }
    for &e in &edges {
        let edge = g.edge(e).unwrap();
        let (a, b) = g.endpoints(e).unwrap();
        let _ = writeln!(
            s,
            "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\">",
            e.index(),
            a.index(),
            b.index()
        );
        let _ = writeln!(
            s,
            "      <data key=\"{edge_label_key}\">{}</data>",
            escape(&edge.rel_type)
        );
        data(&mut s, &edge_keys, edge.props);
        s.push_str("    </edge>\n");
        flush_if_full(&mut s, out)?;
    }
    s.push_str("  </graph>\n</graphml>\n");
    out.write_all(s.as_bytes())
}

fn flush_if_full(s: &mut String, out: &mut impl Write) -> io::Result<()> {
    if s.len() >= 1 << 16 {
        out.write_all(s.as_bytes())?;
        s.clear();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_characters_xml_cannot_carry() {
        assert_eq!(
            escape("<a href='x'>\"Tom & Jerry\"</a>\r\n\u{7}"),
            "&lt;a href=&apos;x&apos;&gt;&quot;Tom &amp; Jerry&quot;&lt;/a&gt;&#13;\n\u{FFFD}"
        );
    }

    #[test]
    fn key_types_widen() {
        assert_eq!(KeyType::Long.unify(KeyType::Double), KeyType::Double);
        assert_eq!(KeyType::Long.unify(KeyType::Boolean), KeyType::String);
        assert_eq!(text_of(&Value::Float(f64::NEG_INFINITY)), "-INF");
        assert_eq!(
            text_of(&Value::List(["a\"b".into(), Value::Int(2)].into())),
            "[\"a\\\"b\",2]"
        );
    }
}
