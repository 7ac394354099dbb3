//! The engine reads and writes graphs only through these traits, so that it runs on the
//! in-memory `graph::Graph` in tests and on whatever the store offers later.

use crate::graph::{self, EdgeId, Graph, Node, NodeId, Origin};

/// Read access to a property graph.
pub trait GraphView {
    /// Every node id, ascending.
    fn node_ids(&self) -> Vec<NodeId>;
    /// Node ids with a label, ascending.
    fn nodes_with_label(&self, label: &str) -> Vec<NodeId>;
    fn node_exists(&self, id: NodeId) -> bool;
    fn edge_exists(&self, id: EdgeId) -> bool;
    fn labels(&self, id: NodeId) -> &[graph::Sym];
    fn has_label(&self, id: NodeId, label: &str) -> bool {
        self.labels(id).iter().any(|l| l == label)
    }
    fn node_props(&self, id: NodeId) -> Option<&graph::Props>;
    fn node_prop(&self, id: NodeId, key: &str) -> Option<graph::PropRef<'_>> {
        self.node_props(id).and_then(|p| p.get(key))
    }
    fn edge_props(&self, id: EdgeId) -> Option<&graph::Props>;
    fn edge_prop(&self, id: EdgeId, key: &str) -> Option<graph::PropRef<'_>> {
        self.edge_props(id).and_then(|p| p.get(key))
    }
    /// A node's property by its interned key, found by comparing numbers instead of
    /// texts: for reading one key from many elements.
    fn node_prop_sym(&self, id: NodeId, key: graph::Sym) -> Option<graph::PropRef<'_>> {
        self.node_props(id)?.get_sym(key)
    }
    /// `node_prop_sym` for a relationship.
    fn edge_prop_sym(&self, id: EdgeId, key: graph::Sym) -> Option<graph::PropRef<'_>> {
        self.edge_props(id)?.get_sym(key)
    }
    fn edge_type(&self, id: EdgeId) -> Option<&str>;
    /// The type as an interned symbol, which compares by address.
    fn edge_type_sym(&self, id: EdgeId) -> Option<graph::Sym> {
        self.edge_type(id).map(graph::Sym::new)
    }
    /// (source, target).
    fn endpoints(&self, id: EdgeId) -> Option<(NodeId, NodeId)>;
    /// Outgoing edges as (edge, target).
    fn out_edges(&self, id: NodeId) -> Vec<(EdgeId, NodeId)>;
    /// Incoming edges as (edge, source).
    fn in_edges(&self, id: NodeId) -> Vec<(EdgeId, NodeId)>;
    /// Nodes whose property `key` equals `value`, ascending, when the graph keeps an index
    /// for that key and value; `None` tells the caller to scan instead.
    fn nodes_with_prop(&self, _key: &str, _value: &graph::Value) -> Option<Vec<NodeId>> {
        None
    }
    /// Nodes whose `name` or one of whose `aliases` lower-cases to `folded`, ascending, when
    /// the graph keeps such an index; `None` tells the caller to scan instead.
    fn nodes_named_folded(&self, _folded: &str) -> Option<Vec<NodeId>> {
        None
    }
    /// Appends the outgoing (`outgoing`) or incoming edges of a node to `buf`, in the order
    /// `out_edges`/`in_edges` give them; lets the engine reuse one vector for many nodes.
    fn edges_into(&self, id: NodeId, outgoing: bool, buf: &mut Vec<(EdgeId, NodeId)>) {
        buf.extend(if outgoing {
            self.out_edges(id)
        } else {
            self.in_edges(id)
        });
    }
    /// `edges_into` keeping only the relationships of type `rel_type`, in the same order;
    /// returns how many relationships of any type it passed (for `note_adjacency_demand`).
    fn edges_of_type_into(
        &self,
        id: NodeId,
        outgoing: bool,
        rel_type: graph::Sym,
        buf: &mut Vec<(EdgeId, NodeId)>,
    ) -> usize {
        let start = buf.len();
        self.edges_into(id, outgoing, buf);
        let walked = buf.len() - start;
        let mut k = start;
        for i in start..buf.len() {
            if self.edge_type_sym(buf[i].0) == Some(rel_type) {
                buf[k] = buf[i];
                k += 1;
            }
        }
        buf.truncate(k);
        walked
    }
    /// Cache hints for node records, when the graph can give them: a walk over many nodes
    /// asks for the next nodes' records while it works on the current one.
    fn node_hints(&self) -> Option<graph::NodeHints> {
        None
    }
    /// Reads the start of node `id`'s list of outgoing (`outgoing`) or incoming
    /// relationships, so that a walk finds it in the cache, and returns the far end of the
    /// relationship read, whose record can be hinted in turn; `None` (the default) when the
    /// graph has no such list.
    fn touch_first_edge(&self, _id: NodeId, _outgoing: bool) -> Option<NodeId> {
        None
    }
    /// The graph's read-optimised adjacency and label bits (`graph::Adjacency`), when it
    /// has them ready; the engine then expands by type from contiguous slices. `None` (the
    /// default) keeps the engine on `edges_into` and `labels`.
    fn adjacency(&self) -> Option<&graph::Adjacency> {
        None
    }
    /// Tells the graph how many relationships a query walked through `edges_into`, so that
    /// it can decide when building the adjacency pays off.
    fn note_adjacency_demand(&self, _walked: usize) {}
    /// Every label carried by at least one node, sorted.
    fn label_names(&self) -> Vec<String>;
    /// Every label, relationship type and property key in use, for "did you mean" hints.
    fn schema_names(&self) -> SchemaNames;
    /// Whether some relationship has this type; may stop at the first one found, so that
    /// checking a query's names is cheap when they are all in use.
    fn has_rel_type(&self, t: &str) -> bool {
        self.schema_names().rel_types.iter().any(|x| x == t)
    }
    /// Whether some node or relationship has a property under this key (see `has_rel_type`).
    fn has_property_key(&self, k: &str) -> bool {
        self.schema_names().property_keys.iter().any(|x| x == k)
    }
}

/// Names a graph uses, for suggestions on misspelled labels, types and keys.
#[derive(Debug, Clone, Default)]
pub struct SchemaNames {
    pub labels: Vec<String>,
    pub rel_types: Vec<String>,
    pub property_keys: Vec<String>,
}

/// Write access. Everything a query writes is manual curation (`Origin::Manual`), which
/// re-ingesting an article must not remove.
pub trait GraphWrite: GraphView {
    fn create_node(&mut self, labels: Vec<String>, props: graph::Props) -> NodeId;
    fn create_edge(
        &mut self,
        src: NodeId,
        dst: NodeId,
        rel_type: &str,
        props: graph::Props,
    ) -> EdgeId;
    /// Removes a node; its edges must be gone already (the engine checks DETACH).
    fn delete_node(&mut self, id: NodeId) -> bool;
    fn delete_edge(&mut self, id: EdgeId) -> bool;
    /// Sets (`Some`) or removes (`None`) a node property; returns whether something changed
    /// in the sense of the TCK side effects (a property was added, replaced or removed).
    fn set_node_prop(&mut self, id: NodeId, key: &str, value: Option<graph::Value>) -> PropChange;
    fn set_edge_prop(&mut self, id: EdgeId, key: &str, value: Option<graph::Value>) -> PropChange;
    fn add_label(&mut self, id: NodeId, label: &str) -> bool;
    fn remove_label(&mut self, id: NodeId, label: &str) -> bool;
}

/// What a property write did, for side-effect counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PropChange {
    pub removed_old: bool,
    pub added_new: bool,
}

impl GraphView for Graph {
    fn node_ids(&self) -> Vec<NodeId> {
        Graph::node_ids(self).collect()
    }
    fn nodes_with_label(&self, label: &str) -> Vec<NodeId> {
        Graph::nodes_with_label(self, label).collect()
    }
    fn node_exists(&self, id: NodeId) -> bool {
        self.node(id).is_some()
    }
    fn edge_exists(&self, id: EdgeId) -> bool {
        self.edge(id).is_some()
    }
    fn labels(&self, id: NodeId) -> &[graph::Sym] {
        self.node(id).map_or(&[], |n| n.labels.as_slice())
    }
    fn node_props(&self, id: NodeId) -> Option<&graph::Props> {
        self.node(id).map(|n| &n.props)
    }
    fn edge_props(&self, id: EdgeId) -> Option<&graph::Props> {
        self.edge(id).map(|e| e.props)
    }
    fn edge_type(&self, id: EdgeId) -> Option<&str> {
        self.edge(id).map(|e| e.rel_type.as_str())
    }
    fn edge_type_sym(&self, id: EdgeId) -> Option<graph::Sym> {
        self.edge(id).map(|e| e.rel_type)
    }
    fn endpoints(&self, id: EdgeId) -> Option<(NodeId, NodeId)> {
        Graph::endpoints(self, id)
    }
    fn out_edges(&self, id: NodeId) -> Vec<(EdgeId, NodeId)> {
        let mut v: Vec<_> = Graph::out_edges(self, id).collect();
        // petgraph lists the newest edge first; creation order reads more naturally.
        v.reverse();
        v
    }
    fn in_edges(&self, id: NodeId) -> Vec<(EdgeId, NodeId)> {
        let mut v: Vec<_> = Graph::in_edges(self, id).collect();
        v.reverse();
        v
    }
    fn nodes_with_prop(&self, key: &str, value: &graph::Value) -> Option<Vec<NodeId>> {
        match (key, value) {
            ("name", graph::Value::String(s)) => Some(self.nodes_named(s)),
            _ => None,
        }
    }
    fn nodes_named_folded(&self, folded: &str) -> Option<Vec<NodeId>> {
        Some(Graph::nodes_named_folded(self, folded))
    }
    fn edges_into(&self, id: NodeId, outgoing: bool, buf: &mut Vec<(EdgeId, NodeId)>) {
        let start = buf.len();
        if outgoing {
            buf.extend(Graph::out_edges(self, id));
        } else {
            buf.extend(Graph::in_edges(self, id));
        }
        // petgraph lists the newest edge first; creation order reads more naturally.
        buf[start..].reverse();
    }
    fn edges_of_type_into(
        &self,
        id: NodeId,
        outgoing: bool,
        rel_type: graph::Sym,
        buf: &mut Vec<(EdgeId, NodeId)>,
    ) -> usize {
        Graph::edges_of_type_into(self, id, outgoing, rel_type, buf)
    }
    fn node_hints(&self) -> Option<graph::NodeHints> {
        Some(Graph::node_hints(self))
    }
    fn touch_first_edge(&self, id: NodeId, outgoing: bool) -> Option<NodeId> {
        Graph::touch_first_edge(self, id, outgoing)
    }
    fn adjacency(&self) -> Option<&graph::Adjacency> {
        Graph::adjacency(self)
    }
    fn note_adjacency_demand(&self, walked: usize) {
        Graph::note_adjacency_demand(self, walked)
    }
    fn label_names(&self) -> Vec<String> {
        self.labels().into_iter().map(str::to_string).collect()
    }
    fn has_rel_type(&self, t: &str) -> bool {
        self.edge_ids()
            .any(|e| self.edge(e).is_some_and(|e| e.rel_type == t))
    }
    fn has_property_key(&self, k: &str) -> bool {
        Graph::node_ids(self).any(|n| self.node(n).is_some_and(|n| n.props.contains_key(k)))
            || self
                .edge_ids()
                .any(|e| self.edge(e).is_some_and(|e| e.props.contains_key(k)))
    }
    fn schema_names(&self) -> SchemaNames {
        let mut s = SchemaNames {
            labels: self.labels().into_iter().map(str::to_string).collect(),
            ..SchemaNames::default()
        };
        let mut types = std::collections::BTreeSet::new();
        let mut keys = std::collections::BTreeSet::new();
        for e in self.edge_ids() {
            if let Some(e) = self.edge(e) {
                types.insert(e.rel_type.to_string());
                keys.extend(e.props.keys().map(|k| k.to_string()));
            }
        }
        for n in Graph::node_ids(self) {
            if let Some(n) = self.node(n) {
                keys.extend(n.props.keys().map(|k| k.to_string()));
            }
        }
        s.rel_types = types.into_iter().collect();
        s.property_keys = keys.into_iter().collect();
        s
    }
}

impl GraphWrite for Graph {
    fn create_node(&mut self, labels: Vec<String>, props: graph::Props) -> NodeId {
        self.add_node(Node {
            labels: labels.into(),
            props,
            origin: Origin::Manual,
        })
    }
    fn create_edge(
        &mut self,
        src: NodeId,
        dst: NodeId,
        rel_type: &str,
        props: graph::Props,
    ) -> EdgeId {
        self.add_edge(
            src,
            dst,
            graph::Edge {
                rel_type: rel_type.into(),
                props,
                origin: Origin::Manual,
            },
        )
    }
    fn delete_node(&mut self, id: NodeId) -> bool {
        // A deleted extracted fact is remembered, so that re-ingesting its article does not
        // bring it back.
        self.suppress_node(id);
        self.remove_node(id).is_some()
    }
    fn delete_edge(&mut self, id: EdgeId) -> bool {
        self.suppress_edge(id);
        self.remove_edge(id).is_some()
    }
    fn set_node_prop(&mut self, id: NodeId, key: &str, value: Option<graph::Value>) -> PropChange {
        let changed = match self.node_props_mut(id) {
            Some(props) => write_prop(props, key, value),
            None => {
                return PropChange {
                    removed_old: false,
                    added_new: false,
                };
            }
        };
        // The name index could not follow the write through `node_props_mut`; file the node
        // again now that its properties are final.
        self.exact_names_refresh();
        // A curated value must survive re-ingest, so the node becomes manual.
        if changed.removed_old || changed.added_new {
            self.set_node_origin(id, Origin::Manual);
        }
        changed
    }
    fn set_edge_prop(&mut self, id: EdgeId, key: &str, value: Option<graph::Value>) -> PropChange {
        match self.edge_props_mut(id) {
            Some(props) => {
                let c = write_prop(props, key, value);
                if c.removed_old || c.added_new {
                    self.set_edge_origin(id, Origin::Manual);
                }
                c
            }
            None => PropChange {
                removed_old: false,
                added_new: false,
            },
        }
    }
    fn add_label(&mut self, id: NodeId, label: &str) -> bool {
        let added = Graph::add_label(self, id, label);
        if added {
            self.set_node_origin(id, Origin::Manual);
        }
        added
    }
    fn remove_label(&mut self, id: NodeId, label: &str) -> bool {
        let removed = Graph::remove_label(self, id, label);
        if removed {
            self.set_node_origin(id, Origin::Manual);
        }
        removed
    }
}

fn write_prop(props: &mut graph::Props, key: &str, value: Option<graph::Value>) -> PropChange {
    match value {
        Some(v) => {
            let old = props.insert(key.to_string(), v);
            PropChange {
                removed_old: old.is_some(),
                added_new: true,
            }
        }
        None => PropChange {
            removed_old: props.remove(key).is_some(),
            added_new: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_manual_and_counted() {
        let mut g = Graph::new();
        let a = g.create_node(vec!["A".into()], graph::Props::new());
        let b = g.add_node(Node::new("B"));
        let e = g.create_edge(a, b, "T", graph::Props::new());
        assert_eq!(g.node(a).unwrap().origin, Origin::Manual);
        assert_eq!(g.edge(e).unwrap().origin, Origin::Manual);
        assert_eq!(g.node(b).unwrap().origin, Origin::Extracted);
        let c = g.set_node_prop(b, "name", Some("x".into()));
        assert_eq!(
            c,
            PropChange {
                removed_old: false,
                added_new: true
            }
        );
        assert_eq!(g.node(b).unwrap().origin, Origin::Manual);
        let c = g.set_node_prop(b, "name", None);
        assert_eq!(
            c,
            PropChange {
                removed_old: true,
                added_new: false
            }
        );
        assert_eq!(GraphView::out_edges(&g, a), vec![(e, b)]);
        assert_eq!(GraphView::nodes_with_label(&g, "B"), vec![b]);
        assert_eq!(g.schema_names().rel_types, vec!["T".to_string()]);
    }

    /// The name index must find exactly the nodes a scan finds, after every kind of change.
    #[test]
    fn name_index_follows_every_change() {
        let mut g = Graph::new();
        let scan = |g: &Graph, name: &str| -> Vec<NodeId> {
            Graph::node_ids(g)
                .filter(|&id| g.node(id).and_then(Node::name) == Some(name))
                .collect()
        };
        let a = g.add_node(Node::new("Person").with("name", "Ada"));
        let b = g.create_node(vec!["Person".into()], graph::Props::new());
        let c = g.add_node(
            Node::new("Person")
                .with("name", "Cy")
                .with("aliases", vec!["Ada".to_string()]),
        );
        let value = |s: &str| graph::Value::String(s.into());
        assert_eq!(g.nodes_with_prop("name", &value("Ada")), Some(vec![a]));
        // SET b.name = 'Ada' through the engine's write path.
        g.set_node_prop(b, "name", Some(value("Ada")));
        assert_eq!(g.nodes_with_prop("name", &value("Ada")), Some(vec![a, b]));
        // REMOVE a.name.
        g.set_node_prop(a, "name", None);
        assert_eq!(g.nodes_with_prop("name", &value("Ada")), Some(vec![b]));
        // A write through mutable access the index cannot follow is still seen.
        g.node_props_mut(c).unwrap().insert("name", value("Ada"));
        assert_eq!(
            g.nodes_with_prop("name", &value("Ada")),
            Some(scan(&g, "Ada"))
        );
        assert_eq!(g.nodes_with_prop("name", &value("Cy")), Some(vec![]));
        g.exact_names_refresh();
        assert_eq!(g.nodes_with_prop("name", &value("Ada")), Some(vec![b, c]));
        // Removing a node, then reusing its id for another name.
        g.remove_node(b);
        assert_eq!(g.nodes_with_prop("name", &value("Ada")), Some(vec![c]));
        let d = g.add_node(Node::new("Person").with("name", "Dee"));
        assert_eq!(
            g.nodes_with_prop("name", &value("Ada")),
            Some(scan(&g, "Ada"))
        );
        assert_eq!(g.nodes_with_prop("name", &value("Dee")), Some(vec![d]));
        // Only string names are indexed; other keys and values are the caller's scan.
        assert_eq!(g.nodes_with_prop("name", &graph::Value::Int(1)), None);
        assert_eq!(g.nodes_with_prop("age", &value("Ada")), None);
        // Case-folded lookups see names and aliases.
        assert_eq!(GraphView::nodes_named_folded(&g, "ada"), Some(vec![c]));
        assert_eq!(GraphView::nodes_named_folded(&g, "dee"), Some(vec![d]));
    }

    /// A graph restored from saved nodes has its index too.
    #[test]
    fn name_index_survives_restore() {
        let mut g = Graph::new();
        let a = g.add_node(Node::new("Person").with("name", "Ada"));
        let b = g.add_node(Node::new("Person").with("name", "Bo"));
        let nodes: Vec<(NodeId, Node)> = [a, b]
            .into_iter()
            .map(|id| (id, g.node(id).unwrap().clone()))
            .collect();
        let r = Graph::restore(nodes, Vec::new()).unwrap();
        let bo = graph::Value::String("Bo".into());
        assert_eq!(r.nodes_with_prop("name", &bo), Some(vec![b]));
    }
}
