//! The in-memory property graph: the contract every stage and every export keeps.
//!
//! Node labels: `Document`, `Person`, `Country`, `Organization`, `Event`, `Location`, `Statement`.
//! Relationship types: `SAID`, `ABOUT`, `TO`, `IN`, `MENTIONED_IN`, and between entities
//! `HOLDS_ROLE`, `MEMBER_OF`, `CITIZEN_OF`, `MET`, `LOCATED_IN`, `PARTICIPATES_IN`, `ATTACKED`.
//!
//! Node and edge ids are petgraph's stable indices; the store persists them unchanged so that
//! ids in exports stay stable across runs.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeIndexable, EdgeRef, NodeIndexable};
use serde::{Deserialize, Serialize};

pub type NodeId = NodeIndex<u32>;
pub type EdgeId = EdgeIndex<u32>;

/// Node labels the extraction pipeline writes.
pub mod label {
    pub const DOCUMENT: &str = "Document";
    pub const PERSON: &str = "Person";
    pub const COUNTRY: &str = "Country";
    pub const ORGANIZATION: &str = "Organization";
    pub const EVENT: &str = "Event";
    pub const LOCATION: &str = "Location";
    pub const STATEMENT: &str = "Statement";
}

/// Relationship types the extraction pipeline writes.
pub mod rel {
    pub const SAID: &str = "SAID";
    pub const ABOUT: &str = "ABOUT";
    pub const TO: &str = "TO";
    pub const IN: &str = "IN";
    pub const MENTIONED_IN: &str = "MENTIONED_IN";
    pub const HOLDS_ROLE: &str = "HOLDS_ROLE";
    pub const MEMBER_OF: &str = "MEMBER_OF";
    pub const CITIZEN_OF: &str = "CITIZEN_OF";
    pub const MET: &str = "MET";
    pub const LOCATED_IN: &str = "LOCATED_IN";
    pub const PARTICIPATES_IN: &str = "PARTICIPATES_IN";
    pub const ATTACKED: &str = "ATTACKED";
}

/// A property value. Cypher forbids maps and nulls as stored properties, so neither is here;
/// the query engine has a richer runtime value that wraps this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    List(Vec<Value>),
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}
impl From<usize> for Value {
    fn from(i: usize) -> Self {
        Value::Int(i as i64)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<Vec<String>> for Value {
    fn from(v: Vec<String>) -> Self {
        Value::List(v.into_iter().map(Value::String).collect())
    }
}

/// Properties are kept sorted by key so that every printout and export is deterministic.
pub type Props = BTreeMap<String, Value>;

/// Where a node or edge came from. Extraction output is replaced when its document changes;
/// manual curation (query writes) is kept across re-ingests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Origin {
    #[default]
    Extracted,
    Manual,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Node {
    pub labels: Vec<String>,
    pub props: Props,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub rel_type: String,
    pub props: Props,
    pub origin: Origin,
}

impl Node {
    pub fn new(label: &str) -> Self {
        Node {
            labels: vec![label.to_string()],
            props: Props::new(),
            origin: Origin::Extracted,
        }
    }
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.props.insert(key.to_string(), value.into());
        self
    }
    pub fn has_label(&self, label: &str) -> bool {
        self.labels.iter().any(|l| l == label)
    }
    pub fn prop(&self, key: &str) -> Option<&Value> {
        self.props.get(key)
    }
    pub fn name(&self) -> Option<&str> {
        self.props.get("name").and_then(Value::as_str)
    }
}

impl Edge {
    pub fn new(rel_type: &str) -> Self {
        Edge {
            rel_type: rel_type.to_string(),
            props: Props::new(),
            origin: Origin::Extracted,
        }
    }
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.props.insert(key.to_string(), value.into());
        self
    }
    pub fn prop(&self, key: &str) -> Option<&Value> {
        self.props.get(key)
    }
}

/// The property graph over petgraph's `StableDiGraph`, with a label index kept in step with
/// every change so that label scans never walk the whole graph.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    g: StableDiGraph<Node, Edge, u32>,
    by_label: HashMap<String, BTreeSet<NodeId>>,
}

impl Graph {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn node_count(&self) -> usize {
        self.g.node_count()
    }
    pub fn edge_count(&self) -> usize {
        self.g.edge_count()
    }

    pub fn add_node(&mut self, node: Node) -> NodeId {
        let labels = node.labels.clone();
        let id = self.g.add_node(node);
        for l in labels {
            self.by_label.entry(l).or_default().insert(id);
        }
        id
    }

    /// Puts a node at a given id, leaving vacant slots below it, so that a store can restore
    /// the exact ids it saved. Panics if the id is taken; ids must be restored in ascending order.
    pub fn restore_node(&mut self, id: NodeId, node: Node) {
        let mut vacant = Vec::new();
        while self.g.node_bound() < id.index() {
            vacant.push(self.g.add_node(Node::default()));
        }
        let got = self.add_node(node);
        assert_eq!(got, id, "nodes must be restored in ascending id order");
        for v in vacant {
            self.g.remove_node(v);
        }
    }

    /// Like `restore_node`, for edges.
    pub fn restore_edge(&mut self, id: EdgeId, src: NodeId, dst: NodeId, edge: Edge) {
        let mut vacant = Vec::new();
        while self.g.edge_bound() < id.index() {
            vacant.push(self.g.add_edge(src, dst, Edge::new("")));
        }
        let got = self.g.add_edge(src, dst, edge);
        assert_eq!(got, id, "edges must be restored in ascending id order");
        for v in vacant {
            self.g.remove_edge(v);
        }
    }

    pub fn add_edge(&mut self, src: NodeId, dst: NodeId, edge: Edge) -> EdgeId {
        self.g.add_edge(src, dst, edge)
    }

    /// Removes a node and every edge touching it.
    pub fn remove_node(&mut self, id: NodeId) -> Option<Node> {
        let node = self.g.remove_node(id)?;
        for l in &node.labels {
            if let Some(set) = self.by_label.get_mut(l) {
                set.remove(&id);
            }
        }
        Some(node)
    }

    pub fn remove_edge(&mut self, id: EdgeId) -> Option<Edge> {
        self.g.remove_edge(id)
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.g.node_weight(id)
    }
    pub fn edge(&self, id: EdgeId) -> Option<&Edge> {
        self.g.edge_weight(id)
    }
    /// Mutable access to properties. Labels change only through `add_label`/`remove_label`,
    /// which keep the label index right.
    pub fn node_props_mut(&mut self, id: NodeId) -> Option<&mut Props> {
        self.g.node_weight_mut(id).map(|n| &mut n.props)
    }
    pub fn edge_mut(&mut self, id: EdgeId) -> Option<&mut Edge> {
        self.g.edge_weight_mut(id)
    }
    pub fn set_node_origin(&mut self, id: NodeId, origin: Origin) {
        if let Some(n) = self.g.node_weight_mut(id) {
            n.origin = origin;
        }
    }
    pub fn add_label(&mut self, id: NodeId, label: &str) -> bool {
        let Some(n) = self.g.node_weight_mut(id) else {
            return false;
        };
        if n.has_label(label) {
            return false;
        }
        n.labels.push(label.to_string());
        self.by_label
            .entry(label.to_string())
            .or_default()
            .insert(id);
        true
    }
    pub fn remove_label(&mut self, id: NodeId, label: &str) -> bool {
        let Some(n) = self.g.node_weight_mut(id) else {
            return false;
        };
        let before = n.labels.len();
        n.labels.retain(|l| l != label);
        if n.labels.len() == before {
            return false;
        }
        if let Some(set) = self.by_label.get_mut(label) {
            set.remove(&id);
        }
        true
    }

    /// (source, target) of an edge.
    pub fn endpoints(&self, id: EdgeId) -> Option<(NodeId, NodeId)> {
        self.g.edge_endpoints(id)
    }

    /// All node ids in ascending order.
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.g.node_indices()
    }
    /// All edge ids in ascending order.
    pub fn edge_ids(&self) -> impl Iterator<Item = EdgeId> + '_ {
        self.g.edge_indices()
    }
    /// Node ids carrying a label, ascending.
    pub fn nodes_with_label<'a>(&'a self, label: &str) -> impl Iterator<Item = NodeId> + 'a {
        self.by_label
            .get(label)
            .into_iter()
            .flat_map(|s| s.iter().copied())
    }
    pub fn label_count(&self, label: &str) -> usize {
        self.by_label.get(label).map_or(0, BTreeSet::len)
    }
    /// Every label in use, sorted.
    pub fn labels(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .by_label
            .iter()
            .filter(|(_, s)| !s.is_empty())
            .map(|(l, _)| l.as_str())
            .collect();
        v.sort_unstable();
        v
    }

    /// Outgoing edges of a node as (edge, target).
    pub fn out_edges(&self, id: NodeId) -> impl Iterator<Item = (EdgeId, NodeId)> + '_ {
        self.g
            .edges_directed(id, Direction::Outgoing)
            .map(|e| (e.id(), e.target()))
    }
    /// Incoming edges of a node as (edge, source).
    pub fn in_edges(&self, id: NodeId) -> impl Iterator<Item = (EdgeId, NodeId)> + '_ {
        self.g
            .edges_directed(id, Direction::Incoming)
            .map(|e| (e.id(), e.source()))
    }

    /// The underlying petgraph graph, for algorithms (shortest paths, traversals).
    pub fn petgraph(&self) -> &StableDiGraph<Node, Edge, u32> {
        &self.g
    }

    /// One past the highest node id ever handed out (including removed ones).
    pub fn node_bound(&self) -> usize {
        self.g.node_bound()
    }
    pub fn edge_bound(&self) -> usize {
        self.g.edge_bound()
    }
}

/// Building the graph from one document's resolved facts.
impl Graph {
    /// Adds a document with its facts: a `Document` node, entities merged with existing ones
    /// (by `resolve::same_entity`), statements and relations, each with provenance.
    /// Returns the document node's id.
    pub fn add_document(
        &mut self,
        doc: &crate::text::Document,
        facts: &crate::resolve::DocFacts,
    ) -> NodeId {
        let mut dnode = Node::new(label::DOCUMENT)
            .with("name", doc.name.as_str())
            .with("path", doc.path.as_str())
            .with("sha256", doc.sha256.as_str());
        if let Some(p) = &doc.published {
            dnode = dnode.with("published", p.as_str());
        }
        let d = self.add_node(dnode);
        let ent_ids: Vec<NodeId> = facts
            .entities
            .iter()
            .map(|e| self.merge_entity(e))
            .collect();
        for (e, &id) in facts.entities.iter().zip(&ent_ids) {
            let first = &e.mentions[0];
            let edge = Edge::new(rel::MENTIONED_IN)
                .with("count", e.mentions.len())
                .with("doc", doc.name.as_str())
                .with("start", first.start)
                .with("end", first.end);
            self.add_edge(id, d, edge);
        }
        for s in &facts.statements {
            let mut n = Node::new(label::STATEMENT)
                .with("text", s.text.as_str())
                .with("kind", s.kind.as_str())
                .with("doc", doc.name.as_str())
                .with("start", s.span.start)
                .with("end", s.span.end);
            if let Some(c) = &s.cue {
                n = n.with("cue", c.as_str());
            }
            if let Some(p) = &doc.published {
                n = n.with("published", p.as_str());
            }
            let sid = self.add_node(n);
            let prov = |e: Edge| {
                e.with("doc", doc.name.as_str())
                    .with("start", s.span.start)
                    .with("end", s.span.end)
            };
            for &sp in &s.speakers {
                self.add_edge(ent_ids[sp], sid, prov(Edge::new(rel::SAID)));
            }
            for &a in &s.about {
                self.add_edge(sid, ent_ids[a], prov(Edge::new(rel::ABOUT)));
            }
            if let Some(a) = s.addressee {
                self.add_edge(sid, ent_ids[a], prov(Edge::new(rel::TO)));
            }
            self.add_edge(sid, d, prov(Edge::new(rel::IN)));
        }
        for r in &facts.relations {
            let mut e = Edge::new(r.kind.rel_type())
                .with("doc", doc.name.as_str())
                .with("start", r.evidence.start)
                .with("end", r.evidence.end);
            if let Some(role) = &r.role {
                e = e.with("role", role.as_str()).with("former", r.former);
            }
            self.add_edge(ent_ids[r.subject], ent_ids[r.object], e);
        }
        d
    }

    /// Finds the node for an entity already in the graph, or adds one; merges aliases.
    fn merge_entity(&mut self, e: &crate::resolve::Entity) -> NodeId {
        let label = e.kind.label();
        let existing = self.nodes_with_label(label).find(|&id| {
            let n = &self.g[id];
            let other = crate::resolve::Entity {
                name: n.name().unwrap_or_default().to_string(),
                kind: e.kind,
                aliases: string_list(n.prop("aliases")),
                mentions: Vec::new(),
            };
            crate::resolve::same_entity(&other, e)
        });
        match existing {
            Some(id) => {
                let n = &mut self.g[id];
                let mut aliases = string_list(n.prop("aliases"));
                for a in &e.aliases {
                    if !aliases.contains(a) {
                        aliases.push(a.clone());
                    }
                }
                n.props.insert("aliases".into(), aliases.into());
                id
            }
            None => self.add_node(
                Node::new(label)
                    .with("name", e.name.as_str())
                    .with("aliases", e.aliases.clone()),
            ),
        }
    }
}

/// A list property of strings as a `Vec<String>` (empty when absent).
pub fn string_list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::List(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_index_follows_changes() {
        let mut g = Graph::new();
        let a = g.add_node(Node::new(label::PERSON).with("name", "Anna Beispiel"));
        let b = g.add_node(Node::new(label::COUNTRY).with("name", "Island"));
        g.add_edge(a, b, Edge::new(rel::CITIZEN_OF));
        assert_eq!(
            g.nodes_with_label(label::PERSON).collect::<Vec<_>>(),
            vec![a]
        );
        g.add_label(b, "Location");
        assert_eq!(g.label_count("Location"), 1);
        g.remove_node(a);
        assert_eq!(g.label_count(label::PERSON), 0);
        assert_eq!(g.edge_count(), 0);
    }

    #[test]
    fn restore_keeps_ids_with_holes() {
        let mut g = Graph::new();
        g.restore_node(NodeIndex::new(0), Node::new("A"));
        g.restore_node(NodeIndex::new(3), Node::new("B"));
        assert_eq!(g.node_count(), 2);
        assert_eq!(
            g.node(NodeIndex::new(3)).unwrap().labels,
            vec!["B".to_string()]
        );
        g.restore_edge(
            EdgeIndex::new(2),
            NodeIndex::new(0),
            NodeIndex::new(3),
            Edge::new("R"),
        );
        assert_eq!(g.edge_count(), 1);
        assert_eq!(
            g.endpoints(EdgeIndex::new(2)),
            Some((NodeIndex::new(0), NodeIndex::new(3)))
        );
    }
}
