//! The in-memory property graph: the contract every stage and every export keeps.
//!
//! Node labels: `Document`, `Person`, `Country`, `Organization`, `Event`, `Location`, `Statement`.
//! Relationship types: `SAID`, `ABOUT`, `TO`, `IN`, `MENTIONED_IN`, and between entities
//! `HOLDS_ROLE`, `MEMBER_OF`, `CITIZEN_OF`, `MET`, `LOCATED_IN`, `PARTICIPATES_IN`, `ATTACKED`.
//!
//! Node and edge ids are petgraph's stable indices; the store persists them unchanged so that
//! ids in exports stay stable across runs.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeIndexable, EdgeRef, IntoEdgeReferences, NodeIndexable};
use serde::{Deserialize, Serialize};

use crate::pages::{self, Prefault};

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
    String(Str),
    List(List),
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
        Value::String(s.into())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s.into())
    }
}
impl From<Str> for Value {
    fn from(s: Str) -> Self {
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
        Value::List(v.into_iter().map(Value::from).collect())
    }
}

pub use crate::layout::{Labels, List, NodeSet, PropRef, Props, Str, Sym};

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
    pub labels: Labels,
    pub props: Props,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub rel_type: Sym,
    pub props: Props,
    pub origin: Origin,
}

impl Node {
    pub fn new(label: &str) -> Self {
        Node {
            labels: Labels::one(label),
            props: Props::new(),
            origin: Origin::Extracted,
        }
    }
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.props.insert(key, value.into());
        self
    }
    pub fn has_label(&self, label: &str) -> bool {
        self.labels.contains_str(label)
    }
    pub fn prop(&self, key: &str) -> Option<PropRef<'_>> {
        self.props.get(key)
    }
    pub fn name(&self) -> Option<&str> {
        self.props.get("name").and_then(|v| v.as_str())
    }
}

/// An edge as the graph holds it, borrowed: its properties live beside petgraph's edge array
/// (see `EdgeHead`), so the graph hands out this view instead of a `&Edge`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeView<'a> {
    pub rel_type: Sym,
    pub props: &'a Props,
    pub origin: Origin,
}

impl<'a> EdgeView<'a> {
    pub fn prop(&self, key: &str) -> Option<PropRef<'a>> {
        self.props.get(key)
    }
    /// An owned copy, as `Graph::add_edge` takes it.
    pub fn to_edge(&self) -> Edge {
        Edge {
            rel_type: self.rel_type,
            props: self.props.clone(),
            origin: self.origin,
        }
    }
}

/// What petgraph holds per edge: its type's number and its origin in one non-zero `u32`
/// (origin in the top bit, type number plus one below). With petgraph's two links and two
/// ends an edge record is 20 bytes instead of 32 with a whole `Edge` in it: 36 MB at three
/// million edges, most of which (in a graph imported from CSV) have no properties. The
/// properties of the edges that have some are kept by edge index in `Graph::edge_props`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct EdgeHead(std::num::NonZeroU32);

const MANUAL_BIT: u32 = 1 << 31;

impl EdgeHead {
    fn new(rel_type: Sym, origin: Origin) -> EdgeHead {
        // `Sym::number` is below 2^31 - 1, so the sum is non-zero and leaves the top bit free.
        let bits = (rel_type.number() + 1)
            | match origin {
                Origin::Extracted => 0,
                Origin::Manual => MANUAL_BIT,
            };
        EdgeHead(std::num::NonZeroU32::new(bits).unwrap_or(std::num::NonZeroU32::MIN))
    }
    pub fn rel_type(self) -> Sym {
        // SAFETY: the number was taken from a live `Sym` in `EdgeHead::new`.
        unsafe { Sym::from_number_unchecked((self.0.get() & !MANUAL_BIT) - 1) }
    }
    pub fn origin(self) -> Origin {
        match self.0.get() & MANUAL_BIT {
            0 => Origin::Extracted,
            _ => Origin::Manual,
        }
    }
}

/// One block of edges as the store decodes them, for `Graph::restore_blocks`: per edge its
/// id, ends and `EdgeHead` in 16 bytes, the properties of the few edges that have some
/// beside. An `(EdgeId, NodeId, NodeId, Edge)` row takes 32: the opening thread reads each
/// row just after a decoding thread wrote it on another core, and fetching those rows was
/// about half of its time in the edge phase of an open.
#[derive(Default)]
pub struct EdgeBlock {
    rows: Vec<EdgeRec>,
    /// The properties of the edges that have some, by index in `rows`, in ascending order.
    props: Vec<(u32, Props)>,
}

#[derive(Clone, Copy)]
struct EdgeRec {
    id: u32,
    src: u32,
    dst: u32,
    head: EdgeHead,
}

impl EdgeBlock {
    pub fn with_capacity(n: usize) -> EdgeBlock {
        EdgeBlock {
            rows: Vec::with_capacity(n),
            props: Vec::new(),
        }
    }

    /// Adds an edge; ids are checked by `Graph::restore_blocks`, not here.
    pub fn push(&mut self, id: EdgeId, src: NodeId, dst: NodeId, edge: Edge) {
        let Edge {
            rel_type,
            props,
            origin,
        } = edge;
        if props.is_empty() {
            // An empty `Props` points at a static header: nothing to drop, and millions of
            // edges would pay for the call one at a time (see `put_edge`).
            std::mem::forget(props);
        } else {
            self.props.push((self.rows.len() as u32, props));
        }
        self.rows.push(EdgeRec {
            id: id.index() as u32,
            src: src.index() as u32,
            dst: dst.index() as u32,
            head: EdgeHead::new(rel_type, origin),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// The block's edges as rows again, in order.
impl IntoIterator for EdgeBlock {
    type Item = (EdgeId, NodeId, NodeId, Edge);
    type IntoIter = std::vec::IntoIter<(EdgeId, NodeId, NodeId, Edge)>;
    fn into_iter(self) -> Self::IntoIter {
        let mut props = self.props.into_iter().peekable();
        let rows: Vec<_> = (self.rows.iter().enumerate())
            .map(|(i, r)| {
                let props = props
                    .next_if(|&(at, _)| at as usize == i)
                    .map(|(_, p)| p)
                    .unwrap_or_default();
                let edge = Edge {
                    rel_type: r.head.rel_type(),
                    props,
                    origin: r.head.origin(),
                };
                let (src, dst) = (NodeId::new(r.src as usize), NodeId::new(r.dst as usize));
                (EdgeId::new(r.id as usize), src, dst, edge)
            })
            .collect();
        rows.into_iter()
    }
}

impl std::fmt::Debug for EdgeHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}({:?})", self.rel_type(), self.origin())
    }
}

impl Edge {
    pub fn new(rel_type: &str) -> Self {
        Edge {
            rel_type: Sym::new(rel_type),
            props: Props::new(),
            origin: Origin::Extracted,
        }
    }
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.props.insert(key, value.into());
        self
    }
    pub fn prop(&self, key: &str) -> Option<PropRef<'_>> {
        self.props.get(key)
    }
}

/// The property graph over petgraph's `StableDiGraph`, with a label index kept in step with
/// every change so that label scans never walk the whole graph.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    g: StableDiGraph<Node, EdgeHead, u32>,
    /// The properties of edges, by edge index; empty while no edge has any, and as long as
    /// the highest index of an edge that has some (see `EdgeHead`).
    edge_props: Vec<Props>,
    by_label: HashMap<Sym, NodeSet>,
    /// Entity nodes by (label, normalised name, alias or name word): where `add_document` looks
    /// for the candidates that `resolve::same_entity` then decides on, instead of scanning
    /// every node of the label.
    by_name: HashMap<(String, String), BTreeSet<NodeId>>,
    /// Document nodes by document name.
    by_doc: HashMap<String, NodeId>,
    /// Set when properties or labels were changed through mutable access, which the name
    /// indexes cannot follow; they are rebuilt before their next use.
    names_stale: bool,
    /// Set by `restore`, which leaves the entity name index (`by_name`) to be built on first
    /// use: queries never need it, and for a large graph it costs seconds and tens of
    /// megabytes at every opening.
    entity_names_pending: bool,
    /// Nodes and edges added, changed or removed since the graph was restored or its changes
    /// were last cleared: what a store must write to catch up.
    changed_nodes: BTreeSet<NodeId>,
    changed_edges: BTreeSet<EdgeId>,
    /// Provenance keys of extracted facts that a user deleted by hand (see `fact_key`), so
    /// that ingesting the article again does not bring a removed wrong attribution back.
    suppressed: BTreeSet<String>,
    suppressed_changed: bool,
    /// Nodes by exact `name` and by case-folded name or alias, for queries (see `ExactNames`).
    exact: ExactNames,
    /// Compressed adjacency and label bits for queries, built on demand (see `Adjacency`).
    adjacency: AdjacencyCache,
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
        self.adjacency_invalidate();
        let labels = node.labels;
        let id = self.g.add_node(node);
        self.changed_nodes.insert(id);
        for &l in labels.iter() {
            self.by_label.entry(l).or_default().insert(id);
        }
        self.index_names(id);
        id
    }

    /// Puts a node at a given id, which must be free, so that a store can restore the exact
    /// ids it saved. Panics if the id is taken. Restoring a whole graph is faster with
    /// `Graph::restore`.
    pub fn restore_node(&mut self, id: NodeId, node: Node) {
        self.adjacency_invalidate();
        // petgraph hands out vacant slots before new ones, so take slots until the wanted one
        // comes up, then give the others back.
        assert!(
            self.g.node_weight(id).is_none(),
            "node id {} is taken",
            id.index()
        );
        let mut vacant = Vec::new();
        loop {
            let got = self.g.add_node(Node::default());
            if got == id {
                break;
            }
            vacant.push(got);
        }
        self.g[id] = node;
        self.changed_nodes.insert(id);
        for &l in self.g[id].labels.iter() {
            self.by_label.entry(l).or_default().insert(id);
        }
        self.index_names(id);
        for v in vacant {
            self.g.remove_node(v);
        }
    }

    /// Like `restore_node`, for edges.
    pub fn restore_edge(&mut self, id: EdgeId, src: NodeId, dst: NodeId, edge: Edge) {
        self.adjacency_invalidate();
        assert!(
            self.g.edge_weight(id).is_none(),
            "edge id {} is taken",
            id.index()
        );
        let mut vacant = Vec::new();
        loop {
            let got = self
                .g
                .add_edge(src, dst, EdgeHead::new(edge.rel_type, edge.origin));
            if got == id {
                break;
            }
            vacant.push(got);
        }
        self.set_edge_props(id, edge.props);
        self.changed_edges.insert(id);
        for v in vacant {
            self.g.remove_edge(v);
        }
    }

    /// Builds a graph from nodes and edges with their saved ids, each list in strictly ascending
    /// id order, edges only between listed nodes. Ids not listed stay vacant.
    pub fn restore(
        nodes: impl IntoIterator<Item = (NodeId, Node)>,
        edges: impl IntoIterator<Item = (EdgeId, NodeId, NodeId, Edge)>,
    ) -> Result<Graph, RestoreError> {
        let mut edges = edges.into_iter();
        let e_cap = edges.size_hint().0;
        let blocks = std::iter::from_fn(move || {
            let mut b = EdgeBlock::default();
            for (id, src, dst, edge) in edges.by_ref().take(EDGE_BATCH) {
                b.push(id, src, dst, edge);
            }
            (!b.is_empty()).then_some(b)
        });
        Graph::restore_blocks(nodes, blocks, e_cap)
    }

    /// `restore` with the edges in blocks, as the store decodes them, and room reserved for
    /// `e_cap` edges (the list's size, or a little more).
    pub fn restore_blocks(
        nodes: impl IntoIterator<Item = (NodeId, Node)>,
        edges: impl IntoIterator<Item = EdgeBlock>,
        e_cap: usize,
    ) -> Result<Graph, RestoreError> {
        let nodes = nodes.into_iter();
        let mut g = Graph::new();
        // Sized once from the lists' own counts: growing by doubling would briefly hold up to
        // three times the edge array of a large graph.
        let n_cap = nodes.size_hint().0;
        g.g = StableDiGraph::with_capacity(n_cap, e_cap);
        // The arrays' pages are mapped ahead on another thread (see `pages`), which waits
        // for it before `g` can be dropped (it is declared after `g`).
        let node_size = std::mem::size_of::<petgraph::graph::Node<Option<Node>, u32>>();
        let edge_size = std::mem::size_of::<petgraph::graph::Edge<Option<EdgeHead>, u32>>();
        let big = |n: usize, size: usize| n.saturating_mul(size) >= PREFAULT_MIN;
        let mut prefault = (big(n_cap, node_size) || big(e_cap, edge_size)).then(Prefault::start);
        // The bytes from element 0's weight to the last reserved element's all lie in the
        // array's allocation, whatever the weight's place in its record. Past the reserved
        // room petgraph moves the array elsewhere, so the pages asked for are waited for
        // first (`outgrown`).
        let ask = |p: &Option<Prefault>, first: Option<usize>, n: usize, size: usize| {
            let last = (n.saturating_sub(1).checked_mul(size)).and_then(|b| first?.checked_add(b));
            if let (Some(p), Some(w), Some(last)) = (p, first.filter(|_| big(n, size)), last)
                && let Some(r) = pages::whole_pages(w, last)
            {
                p.populate(r);
            }
        };
        let outgrown = |p: &mut Option<Prefault>| {
            if let Some(p) = p {
                p.wait();
            }
        };
        let (mut nodes_asked, mut edges_asked) = (false, false);
        let mut holes = Vec::new();
        // Nodes come in runs with the same labels (a million statements in a row): the label
        // index is filed per run, not looked up per node. A long run is filed in parts of
        // `LABEL_RUN`: whole, a million ids took 4 MiB at the open's peak, and 6 while the
        // vector last doubled.
        let (mut run_labels, mut run) = (Labels::default(), Vec::with_capacity(LABEL_RUN));
        let (name_key, aliases_key) = (Sym::new("name"), Sym::new("aliases"));
        let mut folded = Vec::new();
        for (id, node) in nodes {
            if id.index() < g.g.node_bound() {
                return Err(RestoreError::NodeOrder(id.index()));
            }
            while g.g.node_bound() < id.index() {
                if g.g.node_bound() >= n_cap {
                    outgrown(&mut prefault);
                }
                holes.push(g.g.add_node(Node::default()));
            }
            if node.labels != run_labels || run.len() == LABEL_RUN {
                g.file_labels(run_labels, &mut run);
                run_labels = node.labels;
            }
            run.push(id);
            // Only nodes with a name or aliases are indexed by name; the keys are compared as
            // interned pointers, not as text, since most nodes (statements) have neither.
            // The query name index is built now, not lazily: its lookups take `&self`. It is
            // filed here, while the node was just decoded and lies in the cache, and while
            // this thread mostly waits for the decoding workers: filed after the last node,
            // it took this thread a sixth of the open with the workers idle.
            if node
                .props
                .keys()
                .any(|&k| k == name_key || k == aliases_key)
            {
                g.exact.add(id, &node, &mut folded);
                if let Some(name) = node.name().filter(|_| node.has_label(label::DOCUMENT)) {
                    g.by_doc.entry(name.to_string()).or_insert(id);
                }
            }
            if g.g.node_bound() >= n_cap {
                outgrown(&mut prefault);
            }
            g.g.add_node(node);
            if !nodes_asked {
                nodes_asked = true;
                let w = g.g.node_weight(NodeIndex::new(0));
                ask(
                    &prefault,
                    w.map(|w| w as *const Node as usize),
                    n_cap,
                    node_size,
                );
            }
        }
        g.file_labels(run_labels, &mut run);
        g.entity_names_pending = true;
        let hole_set: HashSet<NodeId> = holes.iter().copied().collect();
        let mut edge_holes = Vec::new();
        // Each edge reads and writes the records of both its end nodes, spread over the whole
        // node array: fetching them a few edges ahead hides most of those cache misses, which
        // were most of the time this loop took.
        let prefetch = NodePrefetch::new(&g.g);
        let ahead = NodePrefetch::AHEAD;
        for EdgeBlock { rows, props } in edges {
            let mut props = props.into_iter().peekable();
            for r in rows.iter().take(ahead) {
                prefetch.hint(NodeIndex::new(r.src as usize));
                prefetch.hint(NodeIndex::new(r.dst as usize));
            }
            for (i, r) in rows.iter().enumerate() {
                if let Some(a) = rows.get(i + ahead) {
                    prefetch.hint(NodeIndex::new(a.src as usize));
                    prefetch.hint(NodeIndex::new(a.dst as usize));
                }
                let id = r.id as usize;
                if id < g.g.edge_bound() {
                    return Err(RestoreError::EdgeOrder(id));
                }
                let (src, dst) = (
                    NodeIndex::new(r.src as usize),
                    NodeIndex::new(r.dst as usize),
                );
                for n in [src, dst] {
                    // Most graphs have no holes; skipping the set then saves hashing both ends of
                    // millions of edges.
                    if g.g.node_weight(n).is_none()
                        || (!hole_set.is_empty() && hole_set.contains(&n))
                    {
                        return Err(RestoreError::MissingNode(id, n.index()));
                    }
                }
                if id >= e_cap {
                    outgrown(&mut prefault);
                }
                while g.g.edge_bound() < id {
                    // Each placeholder is a loop on a different node. Hung between one pair
                    // of nodes, a gap of k ids made one list k long, and removing them
                    // below walked it once per placeholder: a gap left by deleting a large
                    // document took seconds to open. Every id below the bound is a node
                    // now (holes are placeholders too, removed after the edges).
                    let at = NodeIndex::new(edge_holes.len() % g.g.node_bound());
                    edge_holes.push(g.g.add_edge(at, at, r.head));
                }
                let e = g.g.add_edge(src, dst, r.head);
                if let Some((_, p)) = props.next_if(|&(at, _)| at as usize == i) {
                    g.set_edge_props(e, p);
                }
                if !edges_asked {
                    edges_asked = true;
                    let w = g.g.edge_weight(EdgeIndex::new(0));
                    ask(
                        &prefault,
                        w.map(|w| w as *const EdgeHead as usize),
                        e_cap,
                        edge_size,
                    );
                }
            }
        }
        for e in edge_holes {
            g.g.remove_edge(e);
        }
        for n in holes {
            g.g.remove_node(n);
        }
        g.clear_changes();
        Ok(g)
    }

    /// Adds `ids` to the index of each of `labels`, and empties `ids`.
    fn file_labels(&mut self, labels: Labels, ids: &mut Vec<NodeId>) {
        for &l in labels.iter() {
            let set = self.by_label.entry(l).or_default();
            for &id in ids.iter() {
                set.insert(id);
            }
        }
        ids.clear();
    }

    /// Makes room for this many more nodes and edges, so that a bulk load grows the graph's
    /// arrays once instead of by repeated doubling.
    pub fn reserve(&mut self, nodes: usize, edges: usize) {
        self.g.reserve_exact_nodes(nodes);
        self.g.reserve_exact_edges(edges);
    }

    pub fn add_edge(&mut self, src: NodeId, dst: NodeId, edge: Edge) -> EdgeId {
        self.adjacency_invalidate();
        let id = self.put_edge(src, dst, edge);
        self.changed_edges.insert(id);
        id
    }

    /// Adds an edge to petgraph and its properties beside it.
    #[inline]
    fn put_edge(&mut self, src: NodeId, dst: NodeId, edge: Edge) -> EdgeId {
        let Edge {
            rel_type,
            props,
            origin,
        } = edge;
        let id = self.g.add_edge(src, dst, EdgeHead::new(rel_type, origin));
        // Most edges of a large graph have no properties: nothing to file, and nothing to
        // drop (an empty `Props` points at a static header), which an import of millions of
        // edges would otherwise pay for one call at a time.
        if props.is_empty() && id.index() >= self.edge_props.len() {
            std::mem::forget(props);
        } else {
            self.set_edge_props(id, props);
        }
        id
    }

    /// Files the properties of edge `id`; the table grows only for an edge that has some.
    fn set_edge_props(&mut self, id: EdgeId, props: Props) {
        let i = id.index();
        if i < self.edge_props.len() {
            self.edge_props[i] = props;
        } else if !props.is_empty() {
            self.edge_props.resize_with(i + 1, Props::default);
            self.edge_props[i] = props;
        }
    }

    /// Takes the properties of a removed edge out of the table.
    fn take_edge_props(&mut self, id: EdgeId) -> Props {
        self.edge_props
            .get_mut(id.index())
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// The properties of edge `id` (empty for an edge without any, or no edge).
    fn props_of_edge(&self, id: EdgeId) -> &Props {
        self.edge_props.get(id.index()).unwrap_or(Props::empty())
    }

    /// Removes a node and every edge touching it.
    pub fn remove_node(&mut self, id: NodeId) -> Option<Node> {
        self.adjacency_invalidate();
        self.unindex_names(id);
        let incident: Vec<EdgeId> = self
            .g
            .edges_directed(id, Direction::Outgoing)
            .chain(self.g.edges_directed(id, Direction::Incoming))
            .map(|e| e.id())
            .collect();
        let node = self.g.remove_node(id)?;
        self.changed_nodes.insert(id);
        for &e in &incident {
            self.take_edge_props(e);
        }
        self.changed_edges.extend(incident);
        for l in node.labels.iter() {
            if let Some(set) = self.by_label.get_mut(l.as_str()) {
                set.remove(&id);
            }
        }
        Some(node)
    }

    pub fn remove_edge(&mut self, id: EdgeId) -> Option<Edge> {
        self.adjacency_invalidate();
        let head = self.g.remove_edge(id)?;
        let props = self.take_edge_props(id);
        self.changed_edges.insert(id);
        Some(Edge {
            rel_type: head.rel_type(),
            props,
            origin: head.origin(),
        })
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.g.node_weight(id)
    }
    pub fn edge(&self, id: EdgeId) -> Option<EdgeView<'_>> {
        let head = *self.g.edge_weight(id)?;
        Some(EdgeView {
            rel_type: head.rel_type(),
            props: self.props_of_edge(id),
            origin: head.origin(),
        })
    }
    /// Mutable access to properties. Labels change only through `add_label`/`remove_label`,
    /// which keep the label index right.
    pub fn node_props_mut(&mut self, id: NodeId) -> Option<&mut Props> {
        self.exact_names_touch(id);
        self.names_stale = true;
        self.changed_nodes.insert(id);
        self.g.node_weight_mut(id).map(|n| &mut n.props)
    }
    /// Mutable access to an edge's properties.
    pub fn edge_props_mut(&mut self, id: EdgeId) -> Option<&mut Props> {
        self.g.edge_weight(id)?;
        self.changed_edges.insert(id);
        let i = id.index();
        if self.edge_props.len() <= i {
            self.edge_props.resize_with(i + 1, Props::default);
        }
        Some(&mut self.edge_props[i])
    }
    pub fn set_edge_origin(&mut self, id: EdgeId, origin: Origin) {
        if let Some(h) = self.g.edge_weight_mut(id) {
            *h = EdgeHead::new(h.rel_type(), origin);
            self.changed_edges.insert(id);
        }
    }
    pub fn set_node_origin(&mut self, id: NodeId, origin: Origin) {
        if let Some(n) = self.g.node_weight_mut(id) {
            self.changed_nodes.insert(id);
            n.origin = origin;
        }
    }
    pub fn add_label(&mut self, id: NodeId, label: &str) -> bool {
        self.adjacency_invalidate();
        let Some(n) = self.g.node_weight_mut(id) else {
            return false;
        };
        if n.has_label(label) {
            return false;
        }
        self.names_stale = true;
        self.changed_nodes.insert(id);
        n.labels = n.labels.with(label);
        self.by_label.entry(Sym::new(label)).or_default().insert(id);
        true
    }
    pub fn remove_label(&mut self, id: NodeId, label: &str) -> bool {
        self.adjacency_invalidate();
        let Some(n) = self.g.node_weight_mut(id) else {
            return false;
        };
        if !n.labels.contains_str(label) {
            return false;
        }
        n.labels = n.labels.without(label);
        self.names_stale = true;
        self.changed_nodes.insert(id);
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
        self.by_label.get(label).into_iter().flat_map(NodeSet::iter)
    }
    pub fn label_count(&self, label: &str) -> usize {
        self.by_label.get(label).map_or(0, NodeSet::len)
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

    /// Appends node `id`'s outgoing (`outgoing`) or incoming relationships of type
    /// `rel_type` to `buf` as (edge, other end), in creation order like `GraphView::edges_into`,
    /// and returns how many relationships of any type the walk passed.
    ///
    /// The type is read while petgraph's list walk has the edge's record in the cache: a head
    /// entity's 157,000 relationships are spread over the whole edge array, and checking
    /// their types afterwards fetched every record a second time.
    pub fn edges_of_type_into(
        &self,
        id: NodeId,
        outgoing: bool,
        rel_type: Sym,
        buf: &mut Vec<(EdgeId, NodeId)>,
    ) -> usize {
        let start = buf.len();
        let mut walked = 0;
        let dir = if outgoing {
            Direction::Outgoing
        } else {
            Direction::Incoming
        };
        // A long list is a chain of reads, each waiting for the one before. petgraph lists a
        // node's newest relationship first, so after a restore the list runs down the edge
        // array: past `EdgeWindow::AFTER` relationships, the lines just below the current one
        // are asked for ahead, which turns the chain into a stream.
        let mut window: Option<EdgeWindow> = None;
        for e in self.g.edges_directed(id, dir) {
            walked += 1;
            if walked >= EdgeWindow::AFTER {
                window
                    .get_or_insert_with(|| EdgeWindow::new(&self.g))
                    .below(e.id());
            }
            if e.weight().rel_type() == rel_type {
                buf.push((e.id(), if outgoing { e.target() } else { e.source() }));
            }
        }
        // petgraph lists the newest edge first; creation order reads more naturally.
        buf[start..].reverse();
        walked
    }

    /// Reads the first relationship petgraph lists for node `id` (the newest outgoing or
    /// incoming one) and returns its far end: it brings the relationship's record into the
    /// cache, for a walk that reads it soon after. Nothing for a node without one.
    pub fn touch_first_edge(&self, id: NodeId, outgoing: bool) -> Option<NodeId> {
        let dir = if outgoing {
            Direction::Outgoing
        } else {
            Direction::Incoming
        };
        let e = self.g.edges_directed(id, dir).next()?;
        Some(if outgoing { e.target() } else { e.source() })
    }

    /// Cache hints for node records (see `NodeHints`).
    pub fn node_hints(&self) -> NodeHints {
        NodeHints(NodePrefetch::new(&self.g))
    }

    /// Ids of nodes and edges added, changed or removed since the last `clear_changes` (or
    /// `restore`), ascending. A listed id that no longer exists was removed.
    pub fn changes(&self) -> (&BTreeSet<NodeId>, &BTreeSet<EdgeId>) {
        (&self.changed_nodes, &self.changed_edges)
    }
    pub fn has_changes(&self) -> bool {
        !self.changed_nodes.is_empty() || !self.changed_edges.is_empty() || self.suppressed_changed
    }
    /// Forgets the changes, once a store has written them.
    pub fn clear_changes(&mut self) {
        self.changed_nodes.clear();
        self.changed_edges.clear();
        self.suppressed_changed = false;
    }

    /// Keys of extracted facts deleted by hand, and whether they changed since the last save.
    pub fn suppressed(&self) -> (&BTreeSet<String>, bool) {
        (&self.suppressed, self.suppressed_changed)
    }

    /// Restores the keys a store saved.
    pub fn set_suppressed(&mut self, keys: BTreeSet<String>) {
        self.suppressed = keys;
    }

    /// A key for an extracted node that stays the same when its article is extracted again:
    /// statements by document and span, entities by label and name. Documents have none.
    fn node_fact_key(&self, id: NodeId) -> Option<String> {
        let n = self.node(id)?;
        let text = |k: &str| n.prop(k).map(|v| value_key(&v)).unwrap_or_default();
        if n.has_label(label::STATEMENT) {
            return Some(format!(
                "Statement|{}|{}|{}",
                text("doc"),
                text("start"),
                text("end")
            ));
        }
        if n.has_label(label::DOCUMENT) {
            return Some(format!("Document|{}", text("name")));
        }
        Some(format!("{}|{}", n.labels.first()?, n.name()?))
    }

    /// Remembers that the user deleted an extracted node or edge. Call it before removing it.
    pub fn suppress_node(&mut self, id: NodeId) {
        let extracted = self.node(id).is_some_and(|n| n.origin == Origin::Extracted);
        if extracted
            && !self.node(id).is_some_and(|n| n.has_label(label::DOCUMENT))
            && let Some(k) = self.node_fact_key(id)
        {
            self.suppressed_changed |= self.suppressed.insert(k);
        }
    }

    /// Like `suppress_node`, for an edge: keyed by type, provenance and both ends.
    pub fn suppress_edge(&mut self, id: EdgeId) {
        let Some(e) = self.edge(id) else { return };
        if e.origin != Origin::Extracted || e.prop("doc").is_none() {
            return;
        }
        let Some((s, t)) = self.endpoints(id) else {
            return;
        };
        let (Some(sk), Some(tk)) = (self.node_fact_key(s), self.node_fact_key(t)) else {
            return;
        };
        let k = edge_fact_key(e.rel_type, e.props, &sk, &tk);
        self.suppressed_changed |= self.suppressed.insert(k);
    }

    fn is_suppressed(&self, key: &str) -> bool {
        !self.suppressed.is_empty() && self.suppressed.contains(key)
    }

    /// The underlying petgraph graph, for algorithms (shortest paths, traversals).
    pub fn petgraph(&self) -> &StableDiGraph<Node, EdgeHead, u32> {
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

/// Why a saved graph could not be restored.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RestoreError {
    #[error("node {0} is out of ascending id order")]
    NodeOrder(usize),
    #[error("edge {0} is out of ascending id order")]
    EdgeOrder(usize),
    #[error("edge {0} points at missing node {1}")]
    MissingNode(usize, usize),
}

/// Building the graph from one document's resolved facts.
impl Graph {
    /// Adds a document with its facts: a `Document` node, entities merged with existing ones
    /// (by `resolve::same_entity`), statements and relations, each with provenance.
    /// A document already in the graph under the same name is replaced: what came from its old
    /// version is removed first, so adding is idempotent. Returns the document node's id.
    pub fn add_document(
        &mut self,
        doc: &crate::text::Document,
        facts: &crate::resolve::DocFacts,
    ) -> NodeId {
        self.remove_document(&doc.name);
        let mut props = Props::new();
        props.insert("name", doc.name.as_str().into());
        props.insert("path", doc.path.as_str().into());
        props.insert("sha256", doc.sha256.as_str().into());
        if let Some(p) = &doc.published {
            props.insert("published", p.as_str().into());
        }
        // A document node kept for its manual edges is reused, so those edges stay attached.
        let d = match self.document_id(&doc.name) {
            Some(d) => {
                self.changed_nodes.insert(d);
                let n = &mut self.g[d];
                n.props
                    .retain(|k, _| !props.contains_key(k) && *k != "published");
                n.props.extend(props);
                d
            }
            None => self.add_node(Node {
                labels: Labels::one(label::DOCUMENT),
                props,
                origin: Origin::Extracted,
            }),
        };
        // Entities and facts that the user deleted by hand stay deleted.
        let ent_ids: Vec<Option<NodeId>> = facts
            .entities
            .iter()
            .map(|e| {
                let key = format!("{}|{}", e.kind.label(), e.name);
                (!self.is_suppressed(&key)).then(|| self.merge_entity(e))
            })
            .collect();
        for (e, &id) in facts.entities.iter().zip(&ent_ids) {
            let Some(id) = id else { continue };
            let mut edge = Edge::new(rel::MENTIONED_IN)
                .with("count", e.mentions.len())
                .with("doc", doc.name.as_str());
            if let Some(first) = e.mentions.first() {
                edge = edge.with("start", first.start).with("end", first.end);
            }
            self.add_fact_edge(id, d, edge);
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
            let skey = format!("Statement|{}|{}|{}", doc.name, s.span.start, s.span.end);
            if self.is_suppressed(&skey) {
                continue;
            }
            let sid = self.add_node(n);
            let prov = |e: Edge| {
                e.with("doc", doc.name.as_str())
                    .with("start", s.span.start)
                    .with("end", s.span.end)
            };
            for &sp in &s.speakers {
                if let Some(p) = ent_ids[sp] {
                    self.add_fact_edge(p, sid, prov(Edge::new(rel::SAID)));
                }
            }
            for &a in &s.about {
                if let Some(t) = ent_ids[a] {
                    self.add_fact_edge(sid, t, prov(Edge::new(rel::ABOUT)));
                }
            }
            if let Some(t) = s.addressee.and_then(|a| ent_ids[a]) {
                self.add_fact_edge(sid, t, prov(Edge::new(rel::TO)));
            }
            self.add_fact_edge(sid, d, prov(Edge::new(rel::IN)));
        }
        for r in &facts.relations {
            let mut e = Edge::new(r.kind.rel_type())
                .with("doc", doc.name.as_str())
                .with("start", r.evidence.start)
                .with("end", r.evidence.end);
            if let Some(role) = &r.role {
                e = e.with("role", role.as_str()).with("former", r.former);
            }
            if let (Some(a), Some(b)) = (ent_ids[r.subject], ent_ids[r.object]) {
                self.add_fact_edge(a, b, e);
            }
        }
        d
    }

    /// Adds an extracted edge unless the user deleted the same fact by hand before.
    fn add_fact_edge(&mut self, src: NodeId, dst: NodeId, edge: Edge) {
        if !self.suppressed.is_empty() {
            let sk = self.node_fact_key(src).unwrap_or_default();
            let tk = self.node_fact_key(dst).unwrap_or_default();
            if self.is_suppressed(&edge_fact_key(edge.rel_type, &edge.props, &sk, &tk)) {
                return;
            }
        }
        self.add_edge(src, dst, edge);
    }

    /// Removes everything extracted from one document: its statements (with their edges), its
    /// `MENTIONED_IN` edges and relations, and the entities no other document mentions. Manual
    /// nodes and edges stay, and so does the document node if manual edges still touch it.
    /// Returns whether the document was in the graph.
    ///
    /// Aliases an entity picked up from the removed document stay on it: aliases do not record
    /// which document they came from.
    pub fn remove_document(&mut self, name: &str) -> bool {
        let Some(d) = self.document_id(name) else {
            return false;
        };
        let extracted_edge = |g: &Self, e: EdgeId| {
            g.edge(e).is_some_and(|e| {
                e.origin == Origin::Extracted
                    && e.prop("doc").and_then(|v| v.as_str()) == Some(name)
            })
        };
        let mut statements = Vec::new();
        let mut entities = Vec::new();
        let mut edges = Vec::new();
        for (e, src) in self.in_edges(d) {
            let Some(edge) = self.edge(e) else { continue };
            if edge.origin != Origin::Extracted {
                continue;
            }
            match edge.rel_type.as_str() {
                rel::IN if self.g[src].origin == Origin::Extracted => statements.push(src),
                rel::MENTIONED_IN => entities.push(src),
                _ => {}
            }
            edges.push(e);
        }
        // Relations between entities carry the document name; both ends are mentioned in it.
        for &ent in &entities {
            for (e, _) in self.out_edges(ent).chain(self.in_edges(ent)) {
                if extracted_edge(self, e) {
                    edges.push(e);
                }
            }
        }
        for s in statements {
            self.remove_node(s);
        }
        edges.sort_unstable();
        edges.dedup();
        for e in edges {
            self.remove_edge(e);
        }
        entities.sort_unstable();
        entities.dedup();
        for ent in entities {
            let orphan = self
                .g
                .node_weight(ent)
                .is_some_and(|n| n.origin == Origin::Extracted)
                && !self.in_edges(ent).chain(self.out_edges(ent)).any(|(e, _)| {
                    self.edge(e).is_some_and(|e| {
                        e.origin == Origin::Manual || e.rel_type == rel::MENTIONED_IN
                    })
                });
            if orphan {
                self.remove_node(ent);
            }
        }
        let keep_doc = self.g[d].origin == Origin::Manual
            || self.in_edges(d).chain(self.out_edges(d)).next().is_some();
        if !keep_doc {
            self.remove_node(d);
        }
        true
    }

    /// The node of the document with this name.
    pub fn document_id(&self, name: &str) -> Option<NodeId> {
        if self.names_stale {
            return self
                .nodes_with_label(label::DOCUMENT)
                .find(|&id| self.g[id].name() == Some(name));
        }
        self.by_doc.get(name).copied()
    }

    /// Finds the node for an entity already in the graph, or adds one; merges aliases.
    /// Candidates come from the name index, nodes of the same label sharing first a normalised
    /// name or alias, then (if none of those is the same entity) a name word;
    /// `resolve::same_entity` decides, in ascending id order within each tier.
    fn merge_entity(&mut self, e: &crate::resolve::Entity) -> NodeId {
        if self.names_stale || self.entity_names_pending {
            self.rebuild_name_index();
        }
        let label = e.kind.label();
        let (full, words) = name_key_tiers(Some(&e.name), &e.aliases);
        let lookup = |keys: &BTreeSet<String>, max: usize| {
            let mut ids = BTreeSet::new();
            for key in keys {
                let set = self.by_name.get(&(label.to_string(), key.clone()));
                if let Some(set) = set.filter(|set| set.len() <= max) {
                    ids.extend(set.iter().copied());
                }
            }
            ids
        };
        let same = |id: NodeId| {
            let n = &self.g[id];
            let other = crate::resolve::Entity {
                name: n.name().unwrap_or_default().to_string(),
                kind: e.kind,
                aliases: string_list(n.prop("aliases")),
                mentions: Vec::new(),
            };
            crate::resolve::same_entity(&other, e)
        };
        let tier1 = lookup(&full, usize::MAX);
        let existing = tier1.iter().copied().find(|&id| same(id)).or_else(|| {
            // A word shared by very many entities (`partei`, `bank`) identifies none of them;
            // skipping such buckets keeps a lookup from scanning a large part of the graph.
            lookup(&words, MAX_WORD_CANDIDATES)
                .into_iter()
                .filter(|id| !tier1.contains(id))
                .find(|&id| same(id))
        });
        match existing {
            Some(id) => {
                self.changed_nodes.insert(id);
                let n = &mut self.g[id];
                let mut aliases = string_list(n.prop("aliases"));
                let before = aliases.len();
                for a in &e.aliases {
                    if !aliases.contains(a) {
                        aliases.push(a.clone());
                    }
                }
                if aliases.len() != before {
                    n.props.insert("aliases", aliases.into());
                    self.index_names(id);
                }
                id
            }
            None => self.add_node(
                Node::new(label)
                    .with("name", e.name.as_str())
                    .with("aliases", e.aliases.clone()),
            ),
        }
    }

    /// Adds a node's names to the name indexes (entity labels) and the document index.
    fn index_names(&mut self, id: NodeId) {
        self.exact_names_add(id);
        let Some(n) = self.g.node_weight(id) else {
            return;
        };
        if let Some(name) = n.name().filter(|_| n.has_label(label::DOCUMENT)) {
            self.by_doc.entry(name.to_string()).or_insert(id);
        }
        let keys = name_keys(n.name(), &string_list(n.prop("aliases")));
        for l in n.labels.iter().filter(|l| is_entity_label(l)) {
            for k in &keys {
                self.by_name
                    .entry((l.to_string(), k.clone()))
                    .or_default()
                    .insert(id);
            }
        }
    }

    fn unindex_names(&mut self, id: NodeId) {
        self.exact_names_remove(id);
        let Some(n) = self.g.node_weight(id) else {
            return;
        };
        if let Some(name) = n.name().filter(|name| self.by_doc.get(*name) == Some(&id)) {
            self.by_doc.remove(name);
        }
        let keys = name_keys(n.name(), &string_list(n.prop("aliases")));
        for l in n.labels.iter().filter(|l| is_entity_label(l)) {
            for k in &keys {
                let key = (l.to_string(), k.clone());
                if let Some(set) = self.by_name.get_mut(&key) {
                    set.remove(&id);
                    if set.is_empty() {
                        self.by_name.remove(&key);
                    }
                }
            }
        }
    }

    fn rebuild_name_index(&mut self) {
        self.by_name.clear();
        self.by_doc.clear();
        self.names_stale = false;
        self.entity_names_pending = false;
        let ids: Vec<NodeId> = self.g.node_indices().collect();
        for id in ids {
            self.index_names(id);
        }
    }
}

// ----- Exact name index for queries ------------------------------------------------------
//
// `MATCH (t {name: $x})` and `whosaid.resolve(name)` would otherwise visit every node. The
// index maps a hash of each node's exact `name` (and of its case-folded name and aliases) to
// the nodes carrying it. Buckets may hold more than the truth (a hash collision, an alias that
// was since replaced, a removed node's reused id): every lookup checks the node's current
// properties, so an extra entry costs a comparison, never a wrong answer. What the index must
// never do is miss a node; properties handed out through `node_props_mut` may change in ways
// it cannot see, so such nodes are taken out of the index and kept in `touched`, which every
// lookup checks directly until `exact_names_refresh` files them again.

/// Nodes by hashed exact name and by hashed case-folded name or alias.
#[derive(Debug, Clone, Default)]
struct ExactNames {
    name: NameMap,
    folded: NameMap,
    touched: BTreeSet<NodeId>,
}

/// Node ids by name hash. Most names belong to one node, which is kept inline instead of in
/// a vector of its own: at a hundred thousand entities that saves two hundred thousand
/// allocations at every opening.
///
/// A map entry is 12 bytes: 32 bits of the hash (a collision only adds a node that the
/// lookup's check drops) and `Ids`, whose rare many are numbered into `many`. With the whole
/// hash and a boxed slice it was 24, 3.1 MB more for the two maps of a hundred thousand
/// entities.
#[derive(Debug, Clone, Default)]
struct NameMap {
    ids: HashMap<u32, Ids, std::hash::BuildHasherDefault<PreHashed>>,
    /// The nodes of the keys with more than one, by `Ids::Many`'s number.
    many: Vec<Vec<NodeId>>,
    /// Numbers of `many` whose nodes all went, for the next key with more than one.
    free: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
enum Ids {
    One(NodeId),
    Many(u32),
}

/// The 32 bits of a name hash that a `NameMap` keys by.
fn map_key(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

impl NameMap {
    fn file(&mut self, h: u64, id: NodeId) {
        use std::collections::hash_map::Entry;
        match self.ids.entry(map_key(h)) {
            Entry::Vacant(v) => {
                v.insert(Ids::One(id));
            }
            Entry::Occupied(mut o) => match *o.get() {
                Ids::One(x) if x == id => {}
                Ids::One(x) => {
                    let n = match self.free.pop() {
                        Some(n) => {
                            self.many[n as usize] = vec![x, id];
                            n
                        }
                        None => {
                            self.many.push(vec![x, id]);
                            (self.many.len() - 1) as u32
                        }
                    };
                    o.insert(Ids::Many(n));
                }
                Ids::Many(n) => {
                    let v = &mut self.many[n as usize];
                    if !v.contains(&id) {
                        v.push(id);
                    }
                }
            },
        }
    }
    fn unfile(&mut self, h: u64, id: NodeId) {
        let k = map_key(h);
        let Some(&ids) = self.ids.get(&k) else {
            return;
        };
        let empty = match ids {
            Ids::One(x) => x == id,
            Ids::Many(n) => {
                let v = &mut self.many[n as usize];
                v.retain(|&x| x != id);
                let gone = v.is_empty();
                if gone {
                    *v = Vec::new();
                    self.free.push(n);
                }
                gone
            }
        };
        if empty {
            self.ids.remove(&k);
        }
    }
    fn get(&self, h: u64) -> &[NodeId] {
        match self.ids.get(&map_key(h)) {
            None => &[],
            Some(Ids::One(x)) => std::slice::from_ref(x),
            Some(&Ids::Many(n)) => &self.many[n as usize],
        }
    }
}

/// The keys of a `NameMap` are hashes already; hashing them again would only cost time. A
/// 32-bit key is spread over all 64 bits by one multiplication, since the map takes its
/// slot from the low bits and a tag from the top ones.
#[derive(Default)]
struct PreHashed(u64);

impl std::hash::Hasher for PreHashed {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

fn name_hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // The layout's fast text hash: the index lives in memory only and every hit is checked
    // against the node's own name, so any well-spread hash will do. SipHash and a lower-cased
    // copy per name were about 1,600 instructions per named node on the opening thread.
    let mut h = crate::layout::FastHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// `name_hash(&s.to_lowercase())`, lower-casing into a buffer on the stack instead of a new
/// string. `str::to_lowercase` maps each character on its own except a capital sigma, whose
/// form depends on its neighbours; names with one (and very long names) take the allocating
/// path.
fn folded_hash(s: &str) -> u64 {
    let mut buf = [0u8; 128];
    if s.len() <= buf.len() && s.is_ascii() {
        let b = &mut buf[..s.len()];
        b.copy_from_slice(s.as_bytes());
        b.make_ascii_lowercase();
        // ASCII stays ASCII when lower-cased, so this cannot fail.
        return name_hash(std::str::from_utf8(b).unwrap_or_default());
    }
    let mut n = 0;
    for c in s.chars() {
        if c == 'Σ' {
            return name_hash(&s.to_lowercase());
        }
        for l in c.to_lowercase() {
            if n + 4 > buf.len() {
                return name_hash(&s.to_lowercase());
            }
            n += l.encode_utf8(&mut buf[n..]).len();
        }
    }
    // Whole characters were encoded, so this cannot fail.
    name_hash(std::str::from_utf8(&buf[..n]).unwrap_or_default())
}

/// A node's exact name (if a string) and its case-folded name and aliases.
fn exact_keys(n: &Node) -> (Option<u64>, Vec<u64>) {
    let mut folded = Vec::new();
    (exact_keys_into(n, &mut folded), folded)
}

/// `exact_keys` with the folded keys put in `folded` (cleared first), which a caller filing
/// many nodes reuses.
fn exact_keys_into(n: &Node, folded: &mut Vec<u64>) -> Option<u64> {
    let own = n.prop("name").and_then(|v| v.as_str());
    let aliases = match n.prop("aliases").and_then(|v| v.as_list()) {
        Some(items) => &items[..],
        None => &[],
    };
    folded.clear();
    folded.extend(
        own.into_iter()
            .chain(aliases.iter().filter_map(Value::as_str))
            .map(folded_hash),
    );
    folded.sort_unstable();
    folded.dedup();
    own.map(name_hash)
}

impl ExactNames {
    /// Files node `id`, whose weight is `n`; `folded` is a scratch buffer.
    fn add(&mut self, id: NodeId, n: &Node, folded: &mut Vec<u64>) {
        if let Some(h) = exact_keys_into(n, folded) {
            self.name.file(h, id);
        }
        for &h in folded.iter() {
            self.folded.file(h, id);
        }
        self.touched.remove(&id);
    }
}

impl Graph {
    fn exact_names_add(&mut self, id: NodeId) {
        let Some(n) = self.g.node_weight(id) else {
            return;
        };
        self.exact.add(id, n, &mut Vec::new());
    }

    fn exact_names_remove(&mut self, id: NodeId) {
        self.exact.touched.remove(&id);
        let Some(n) = self.g.node_weight(id) else {
            return;
        };
        let (own, folded) = exact_keys(n);
        if let Some(h) = own {
            self.exact.name.unfile(h, id);
        }
        for h in folded {
            self.exact.folded.unfile(h, id);
        }
    }

    /// Called before a node's properties are handed out for writing.
    fn exact_names_touch(&mut self, id: NodeId) {
        if self.g.node_weight(id).is_some() {
            self.exact_names_remove(id);
            self.exact.touched.insert(id);
        }
    }

    /// Files again the nodes whose properties were written through `node_props_mut`, so that
    /// lookups no longer check them one by one.
    pub fn exact_names_refresh(&mut self) {
        let touched = std::mem::take(&mut self.exact.touched);
        for id in touched {
            self.exact_names_add(id);
        }
    }

    /// Nodes whose `name` property is exactly this string, ascending.
    pub fn nodes_named(&self, name: &str) -> Vec<NodeId> {
        let fits = |id: &NodeId| {
            self.g
                .node_weight(*id)
                .is_some_and(|n| n.prop("name").and_then(|v| v.as_str()) == Some(name))
        };
        let bucket = self.exact.name.get(name_hash(name));
        let mut ids: Vec<NodeId> = bucket
            .iter()
            .chain(&self.exact.touched)
            .copied()
            .filter(fits)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Nodes whose `name` or one of whose `aliases` equals `folded` after lower-casing (give
    /// `folded` lower-cased), ascending.
    pub fn nodes_named_folded(&self, folded: &str) -> Vec<NodeId> {
        let fits = |id: &NodeId| {
            self.g.node_weight(*id).is_some_and(|n| {
                n.prop("name")
                    .and_then(|v| v.as_str())
                    .is_some_and(|s| s.to_lowercase() == folded)
                    || string_list(n.prop("aliases"))
                        .iter()
                        .any(|a| a.to_lowercase() == folded)
            })
        };
        let bucket = self.exact.folded.get(name_hash(folded));
        let mut ids: Vec<NodeId> = bucket
            .iter()
            .chain(&self.exact.touched)
            .copied()
            .filter(fits)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

// ----- End of the exact name index --------------------------------------------------------

fn is_entity_label(l: &str) -> bool {
    matches!(
        l,
        label::PERSON | label::COUNTRY | label::ORGANIZATION | label::EVENT | label::LOCATION
    )
}

/// A name-word bucket larger than this is not searched for merge candidates.
const MAX_WORD_CANDIDATES: usize = 1000;

/// Index keys of an entity: its normalised name and aliases, and every word of three or more
/// letters in them, so that `Putin` finds `Wladimir Putin`. Normalising lower-cases, drops a
/// leading article and soft hyphens, and collapses spaces.
fn name_keys(name: Option<&str>, aliases: &[String]) -> BTreeSet<String> {
    let (mut full, words) = name_key_tiers(name, aliases);
    full.extend(words);
    full
}

/// The keys split in two: whole names and aliases, and the words in them that are not
/// themselves a whole name or alias.
fn name_key_tiers(name: Option<&str>, aliases: &[String]) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut full = BTreeSet::new();
    let mut words = BTreeSet::new();
    for s in name.into_iter().chain(aliases.iter().map(String::as_str)) {
        let n = normalize_name(s);
        for w in n.split([' ', '-']) {
            if w.chars().count() >= 3 {
                words.insert(w.to_string());
            }
        }
        if !n.is_empty() {
            full.insert(n);
        }
    }
    words.retain(|w| !full.contains(w));
    (full, words)
}

/// Lower case, no soft hyphens, no leading article, single spaces.
pub fn normalize_name(s: &str) -> String {
    let lower = s.replace('\u{ad}', "").to_lowercase();
    let mut words = lower.split_whitespace().peekable();
    if words
        .peek()
        .is_some_and(|w| matches!(*w, "der" | "die" | "das" | "den" | "dem" | "des"))
    {
        words.next();
    }
    words.collect::<Vec<_>>().join(" ")
}

/// Node counts by label and relationship counts by type, one per line, sorted by name:
/// the text form of `whosaid stats`.
pub fn stats_text(g: &Graph) -> String {
    let mut rels: BTreeMap<&str, usize> = BTreeMap::new();
    for e in g.edge_ids() {
        if let Some(e) = g.edge(e) {
            *rels.entry(e.rel_type.as_str()).or_default() += 1;
        }
    }
    let mut out = format!("nodes {}\n", g.node_count());
    for l in g.labels() {
        out.push_str(&format!("  :{l} {}\n", g.label_count(l)));
    }
    out.push_str(&format!("relationships {}\n", g.edge_count()));
    for (t, n) in rels {
        out.push_str(&format!("  :{t} {n}\n"));
    }
    out
}

/// A list property of strings as a `Vec<String>` (empty when absent).
pub fn string_list<V: std::ops::Deref<Target = Value>>(v: Option<V>) -> Vec<String> {
    match v.as_deref() {
        Some(Value::List(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// A property value as it appears in a fact key.
fn value_key(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        other => format!("{other:?}"),
    }
}

/// The key of an extracted edge: its type, provenance and the keys of both ends.
fn edge_fact_key(rel_type: Sym, props: &Props, src_key: &str, dst_key: &str) -> String {
    let p = |k: &str| props.get(k).map(|v| value_key(&v)).unwrap_or_default();
    format!(
        "{}|{}|{}|{}|{src_key}|{dst_key}",
        rel_type,
        p("doc"),
        p("start"),
        p("end")
    )
}

// ----- Read-optimised adjacency for queries ----------------------------------------------
//
// petgraph keeps each node's relationships as a linked list threaded through the edge
// records, so walking the 157,000 statements about a popular entity touches 157,000 edge
// records scattered over the whole edge array, and checking each statement's label touches
// its node record: a likely cache miss per step. `Adjacency` is a compressed copy of the
// same adjacency (per node and direction, one contiguous run of (relationship, neighbour)
// pairs grouped by relationship type, in ascending relationship id within a type) and one
// word of label bits per node, so that an expansion by type reads one short contiguous
// slice and a label check one word.
//
// It is built from the whole graph on demand and dropped by every write, so it is never
// stale. The graph builds it only once queries have walked enough relationships without it
// since the last write to pay for the build (see `Graph::note_adjacency_demand`): a workload
// that alternates writes with small reads never pays for it, and one that keeps reading
// pays for it once.

/// Per node and direction, the node's relationships grouped by type (see above).
#[derive(Debug, Clone, Default)]
struct Csr {
    /// Per node `i`, where its entries start in `pairs` (they end where node `i + 1`'s
    /// start), and the single type of all its entries, or `MIXED` (several types, or
    /// none): most nodes have relationships of one type per direction, and then a lookup
    /// by type need not read `types`. Both sit side by side so that finding a node's run
    /// of one type reads one cache line, not two arrays.
    index: Vec<(u32, u16)>,
    pairs: Vec<(EdgeId, NodeId)>,
    /// The relationship type (an index into `Adjacency::types`) of each entry.
    types: Vec<u16>,
}

impl Csr {
    #[inline]
    fn range(&self, n: NodeId) -> std::ops::Range<usize> {
        let i = n.index();
        match (self.index.get(i), self.index.get(i + 1)) {
            (Some(&(a, _)), Some(&(b, _))) => a as usize..b as usize,
            _ => 0..0,
        }
    }
}

/// The compressed adjacency and label bits of a graph at one moment (see above).
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    out: Csr,
    inc: Csr,
    /// Relationship types by their index in `Csr::types`.
    types: Vec<Sym>,
    /// Labels in order of first appearance; the first 32 have a bit in `label_bits`, and
    /// checks for the others go to the node records.
    labels: Vec<Sym>,
    label_bits: Vec<u32>,
    /// Per relationship type, the label bits that every target (`.0`) and every source
    /// (`.1`) of a relationship of that type carries: a pattern asking for one of those
    /// labels at the far end of such a relationship needs no check.
    implied: Vec<(u32, u32)>,
}

/// The most relationship types an adjacency is built for (their ids are `u16`, below
/// `MIXED`, and looked up by a scan).
const MAX_TYPES: usize = 4096;

/// Up to this many relationship types, `Adjacency::build` orders relationships by type with
/// one sweep of its type array per type instead of storing the order.
const SWEEP_TYPES: usize = 16;

/// `Csr::only` for a node whose entries are not all of one type.
const MIXED: u16 = u16::MAX;

/// The number of labels that get a bit in `Adjacency::label_bits`.
const LABEL_BITS: usize = 32;

impl Adjacency {
    /// `None` for a graph with more than `MAX_TYPES` relationship types, which queries
    /// then walk through petgraph's lists.
    fn build(g: &StableDiGraph<Node, EdgeHead, u32>) -> Option<Adjacency> {
        let bound = g.node_bound();
        let mut types: Vec<Sym> = Vec::new();
        let mut type_of = |t: Sym| match types.iter().position(|&x| x == t) {
            Some(i) => i.min(MAX_TYPES) as u16,
            None => {
                types.push(t);
                (types.len() - 1).min(MAX_TYPES) as u16
            }
        };
        // One pass over the edge array (in id order, so mostly sequential) for the type of
        // every relationship, kept by edge id (2 bytes each; vacant ids get `MIXED`), then a
        // counting sort per direction. The endpoints are read again from petgraph's edge
        // records rather than copied out: a copy of every edge's ends was the largest
        // transient allocation of a first query on a freshly opened store (16 bytes per edge).
        let mut etype = vec![MIXED; g.edge_bound()];
        let mut n_edges = 0usize;
        for e in g.edge_references() {
            let ty = type_of(e.weight().rel_type());
            if ty as usize >= MAX_TYPES {
                return None;
            }
            etype[e.id().index()] = ty;
            n_edges += 1;
        }
        // Relationship ids ordered by type, ascending within a type; distributing them to
        // their nodes in that order keeps each node's run grouped by type without sorting per
        // node. With few types a sweep of `etype` per type gives that order without storing
        // it (4 bytes per edge); with many, a counting sort stores it.
        let order: Vec<u32> = if types.len() <= SWEEP_TYPES {
            Vec::new()
        } else {
            let mut order = vec![0u32; n_edges];
            let mut next = vec![0usize; types.len() + 1];
            for &t in etype.iter().filter(|&&t| t != MIXED) {
                next[t as usize + 1] += 1;
            }
            for i in 1..next.len() {
                next[i] += next[i - 1];
            }
            for (i, &t) in etype.iter().enumerate().filter(|&(_, &t)| t != MIXED) {
                order[next[t as usize]] = i as u32;
                next[t as usize] += 1;
            }
            order
        };
        let by_type = |f: &mut dyn FnMut(u32)| {
            if types.len() <= SWEEP_TYPES {
                for t in 0..types.len() as u16 {
                    for (i, _) in etype.iter().enumerate().filter(|&(_, &x)| x == t) {
                        f(i as u32);
                    }
                }
            } else {
                order.iter().for_each(|&i| f(i));
            }
        };
        let ends = |i: u32| -> (EdgeId, NodeId, NodeId) {
            let e = EdgeId::new(i as usize);
            // Every id in `order` is an edge of `g`, so both ends exist.
            let (s, t) = g
                .edge_endpoints(e)
                .unwrap_or((NodeId::end(), NodeId::end()));
            (e, s, t)
        };
        // (this end, far end) of a relationship, for the outgoing or the incoming side.
        let end = |x: (EdgeId, NodeId, NodeId), outgoing: bool| {
            if outgoing { (x.1, x.2) } else { (x.2, x.1) }
        };
        let csr = |outgoing: bool| {
            let mut off = vec![0u32; bound + 1];
            for e in g.edge_references() {
                let me = if outgoing { e.source() } else { e.target() };
                off[me.index() + 1] += 1;
            }
            for i in 0..bound {
                off[i + 1] += off[i];
            }
            let mut next: Vec<u32> = off[..bound].to_vec();
            let mut pairs = vec![(EdgeId::end(), NodeId::end()); n_edges];
            let mut tys = vec![0u16; n_edges];
            by_type(&mut |i| {
                let x = ends(i);
                let (me, other) = end(x, outgoing);
                let p = next[me.index()] as usize;
                next[me.index()] += 1;
                pairs[p] = (x.0, other);
                tys[p] = etype[i as usize];
            });
            // The last entry only marks where the last node's run ends.
            let index = (0..=bound)
                .map(|i| {
                    let run = match off.get(i + 1) {
                        Some(&end) => &tys[off[i] as usize..end as usize],
                        None => &[],
                    };
                    let only = match run.first() {
                        Some(&t) if run.last() == Some(&t) => t,
                        _ => MIXED,
                    };
                    (off[i], only)
                })
                .collect();
            Csr {
                index,
                pairs,
                types: tys,
            }
        };
        let mut labels: Vec<Sym> = Vec::new();
        let mut label_bits = vec![0u32; bound];
        for n in g.node_indices() {
            let mut bits = 0u32;
            for &l in g[n].labels.iter() {
                let i = match labels.iter().position(|&x| x == l) {
                    Some(i) => i,
                    None => {
                        labels.push(l);
                        labels.len() - 1
                    }
                };
                if i < LABEL_BITS {
                    bits |= 1 << i;
                }
            }
            label_bits[n.index()] = bits;
        }
        let out = csr(true);
        let inc = csr(false);
        let mut implied = vec![(u32::MAX, u32::MAX); types.len()];
        for e in g.edge_references() {
            let (src, dst) = (
                label_bits[e.source().index()],
                label_bits[e.target().index()],
            );
            let m = &mut implied[etype[e.id().index()] as usize];
            m.0 &= dst;
            m.1 &= src;
        }
        Some(Adjacency {
            out,
            inc,
            types,
            labels,
            label_bits,
            implied,
        })
    }

    /// One past the highest node id the adjacency covers.
    pub fn node_bound(&self) -> usize {
        self.out.index.len().saturating_sub(1)
    }

    /// The index of a relationship type, or `None` when no relationship has it.
    pub fn type_index(&self, t: Sym) -> Option<u16> {
        self.types.iter().position(|&x| x == t).map(|i| i as u16)
    }

    /// Every outgoing (`outgoing`) or incoming relationship of a node with its far end,
    /// grouped by type, ascending ids within a type.
    #[inline]
    pub fn edges(&self, n: NodeId, outgoing: bool) -> &[(EdgeId, NodeId)] {
        let csr = if outgoing { &self.out } else { &self.inc };
        &csr.pairs[csr.range(n)]
    }

    /// The relationships of one type (an index from `type_index`), ascending ids.
    #[inline(always)]
    pub fn edges_of_type(&self, n: NodeId, outgoing: bool, t: u16) -> &[(EdgeId, NodeId)] {
        let csr = if outgoing { &self.out } else { &self.inc };
        let r = csr.range(n);
        match csr.index.get(n.index()) {
            Some(&(_, only)) if only == t => return &csr.pairs[r],
            Some(&(_, only)) if only != MIXED => return &[],
            _ => {}
        }
        let types = &csr.types[r.clone()];
        let lo = types.partition_point(|&x| x < t);
        let hi = lo + types[lo..].partition_point(|&x| x <= t);
        &csr.pairs[r.start + lo..r.start + hi]
    }

    /// The bit of a label, or `None` when the label has none (no node carries it, or the
    /// graph has more labels than bits).
    pub fn label_bit(&self, l: Sym) -> Option<u32> {
        match self.labels.iter().position(|&x| x == l) {
            Some(i) if i < LABEL_BITS => Some(1 << i),
            _ => None,
        }
    }

    /// The label bits every node reached over a relationship of type `t` carries, going
    /// out (`outgoing`: its targets) or in (its sources).
    #[inline]
    pub fn implied_labels(&self, t: u16, outgoing: bool) -> u32 {
        self.implied
            .get(t as usize)
            .map_or(0, |m| if outgoing { m.0 } else { m.1 })
    }

    /// The bits of a node's labels (0 for a missing node).
    #[inline]
    pub fn label_bits(&self, n: NodeId) -> u32 {
        self.label_bits.get(n.index()).copied().unwrap_or(0)
    }

    /// Starts loading the index entry `edges_of_type(n, outgoing, _)` will read first, so
    /// that a walk over many nodes can ask for the next nodes' entries while it works on
    /// the current one instead of waiting for each in turn.
    #[inline]
    pub fn prefetch_index(&self, n: NodeId, outgoing: bool) {
        let csr = if outgoing { &self.out } else { &self.inc };
        if let Some(x) = csr.index.get(n.index()) {
            prefetch(x);
        }
    }

    /// Starts loading the start of node `n`'s run of relationships; it reads the node's
    /// index entry, so call it once `prefetch_index` had time to bring that in.
    #[inline]
    pub fn prefetch_run(&self, n: NodeId, outgoing: bool) {
        let csr = if outgoing { &self.out } else { &self.inc };
        if let Some(x) = csr
            .index
            .get(n.index())
            .and_then(|&(a, _)| csr.pairs.get(a as usize))
        {
            prefetch(x);
        }
    }
}

/// Asks the CPU to start loading the cache line that holds `x`.
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint: it reads nothing the program sees, cannot fault even
    // on a bad address (this one comes from a reference), and SSE, which provides it, is
    // part of every x86_64 processor.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AdjacencyMode {
    OnDemand,
    Eager,
    Off,
}

/// How the adjacency is built, from `WHOSAID_ADJACENCY` (read once per process).
fn adjacency_mode() -> AdjacencyMode {
    static MODE: std::sync::OnceLock<AdjacencyMode> = std::sync::OnceLock::new();
    *MODE.get_or_init(|| match std::env::var("WHOSAID_ADJACENCY").as_deref() {
        Ok("eager") => AdjacencyMode::Eager,
        Ok("off") => AdjacencyMode::Off,
        _ => AdjacencyMode::OnDemand,
    })
}

/// The adjacency once built, and how much work queries did without it since the last write.
#[derive(Default)]
struct AdjacencyCache {
    built: std::sync::OnceLock<Option<Adjacency>>,
    demand: std::sync::atomic::AtomicU64,
}

impl Clone for AdjacencyCache {
    fn clone(&self) -> Self {
        let c = AdjacencyCache::default();
        if let Some(a) = self.built.get() {
            let _ = c.built.set(a.clone());
        }
        c
    }
}

impl std::fmt::Debug for AdjacencyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdjacencyCache")
            .field("built", &self.built.get().is_some())
            .finish()
    }
}

impl Graph {
    /// The read-optimised adjacency, if it is built and the graph has not changed since.
    /// `WHOSAID_ADJACENCY=eager` in the environment builds it on every call that finds
    /// none, so that test suites on small graphs run the engine's adjacency path;
    /// `WHOSAID_ADJACENCY=off` never builds it, for measuring what it saves.
    pub fn adjacency(&self) -> Option<&Adjacency> {
        match adjacency_mode() {
            AdjacencyMode::Eager => self.build_adjacency(),
            AdjacencyMode::Off => None,
            AdjacencyMode::OnDemand => self.adjacency.built.get().and_then(Option::as_ref),
        }
    }

    /// Whether the adjacency is built (without building it, whatever `WHOSAID_ADJACENCY`).
    pub fn has_adjacency(&self) -> bool {
        self.adjacency.built.get().is_some_and(Option::is_some)
    }

    /// Builds the read-optimised adjacency now (if the graph has not got one) and returns
    /// it; `None` for a graph with more relationship types than it handles.
    pub fn build_adjacency(&self) -> Option<&Adjacency> {
        self.adjacency
            .built
            .get_or_init(|| Adjacency::build(&self.g))
            .as_ref()
    }

    /// Tells the graph that a query walked `walked` relationships without the adjacency;
    /// once that adds up to about two builds' worth since the last write, it is built.
    pub fn note_adjacency_demand(&self, walked: usize) {
        use std::sync::atomic::Ordering;
        if self.adjacency.built.get().is_some() || adjacency_mode() == AdjacencyMode::Off {
            return;
        }
        let total = self
            .adjacency
            .demand
            .fetch_add(walked as u64, Ordering::Relaxed)
            + walked as u64;
        // Walking a relationship through petgraph's lists costs a cache miss or two; the
        // build reads the edge array in order and writes two arrays, about a tenth of that
        // per relationship, so walking an eighth of them pays for it. Tiny graphs are
        // walked fast enough either way.
        if total >= self.g.edge_count() as u64 / 8 + 4096 {
            self.build_adjacency();
        }
    }

    /// Drops the adjacency: called by every write that changes relationships or labels.
    fn adjacency_invalidate(&mut self) {
        if self.adjacency.built.get().is_some() || *self.adjacency.demand.get_mut() > 0 {
            self.adjacency = AdjacencyCache::default();
        }
    }
}

/// The address element 0's weight would have in one of petgraph's arrays of `bound`
/// elements, `stride` bytes apart, given where the weight of each present element `i` lies
/// (`addr`). `None` unless the first and last present elements are two and sit exactly
/// where one array of records would put them: a different layout (a future petgraph) then
/// gives no hints instead of wrong ones. Only addresses are compared, never read.
fn array_base(bound: usize, stride: usize, addr: impl Fn(usize) -> Option<usize>) -> Option<usize> {
    let first = (0..bound).find(|&i| addr(i).is_some())?;
    let last = (0..bound).rev().find(|&i| addr(i).is_some())?;
    if last <= first {
        return None;
    }
    let (a, b) = (addr(first)?, addr(last)?);
    let base = a.wrapping_sub(first * stride);
    (b == base.wrapping_add(last * stride)).then_some(base)
}

/// Edges per block when `Graph::restore` is handed single edges.
const EDGE_BATCH: usize = 1024;

/// Node ids `Graph::restore` collects before it files them in the label index.
const LABEL_RUN: usize = 4096;

/// The bytes of petgraph's node or edge array from which `Graph::restore` has its pages mapped
/// ahead on another thread: below this, the thread costs more than the page faults it saves.
const PREFAULT_MIN: usize = 4 << 20;

/// Where petgraph keeps each relationship's record, so that a walk down a long list can ask
/// for the records below the current one before it reaches them (see
/// `Graph::edges_of_type_into`). Found and checked by `array_base`, like `NodePrefetch`'s
/// node array: if the layout were different (a future petgraph), no hints are given. Only
/// addresses are computed here, never read.
struct EdgeWindow {
    /// The address edge 0's weight would have, the record size, and the end of the array.
    at: Option<(usize, usize, usize)>,
    /// The lowest line asked for so far (`usize::MAX`: none yet).
    low: usize,
}

impl EdgeWindow {
    /// Relationships walked before the window starts: short lists pay nothing.
    const AFTER: usize = 32;
    /// How far below the current record lines are asked for.
    const BYTES: usize = 4096;
    const LINE: usize = 64;

    fn new(g: &StableDiGraph<Node, EdgeHead, u32>) -> EdgeWindow {
        let stride = std::mem::size_of::<petgraph::graph::Edge<Option<EdgeHead>, u32>>();
        let bound = g.edge_bound();
        let at = array_base(bound, stride, |i| {
            g.edge_weight(EdgeIndex::new(i))
                .map(|w| w as *const EdgeHead as usize)
        })
        .map(|base| (base, stride, base.wrapping_add(bound * stride)));
        EdgeWindow {
            at,
            low: usize::MAX,
        }
    }

    /// The walk is at edge `e`: asks for the lines from `BYTES` below it up to the lowest
    /// line asked for before (or up to `e` when the list jumped upwards).
    #[inline]
    fn below(&mut self, e: EdgeId) {
        let Some((base, stride, end)) = self.at else {
            return;
        };
        let here = base.wrapping_add(e.index() * stride) & !(Self::LINE - 1);
        if here >= end {
            return;
        }
        // A first call, or a list that jumped up past the window or down below it, starts
        // again at the current line: a step never asks for more than `BYTES`.
        if self.low == usize::MAX || here > self.low.saturating_add(Self::BYTES) || here < self.low
        {
            self.low = here;
        }
        let floor = here
            .saturating_sub(Self::BYTES)
            .max(base & !(Self::LINE - 1));
        while self.low > floor {
            self.low -= Self::LINE;
            #[cfg(target_arch = "x86_64")]
            // SAFETY: a prefetch reads nothing the program can observe and never faults,
            // whatever the address; this one lies inside the edge array anyway.
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                    self.low as *const i8,
                )
            };
        }
    }
}

/// Asks the processor to fetch node records before a walk reads them: the query engine's
/// walk without an adjacency (a freshly opened store) checks the labels of, and follows the
/// relationships of, each of a head entity's 157,000 statements, whose records lie all over
/// the node array. Made once per walk by `Graph::node_hints`; a hint never changes a result.
pub struct NodeHints(NodePrefetch);

impl NodeHints {
    /// Starts loading node `n`'s record (nothing for an id outside the graph).
    #[inline]
    pub fn hint(&self, n: NodeId) {
        self.0.hint(n);
    }
}

/// Where petgraph keeps each node's record, so that `Graph::restore` can ask the processor to
/// fetch records before it needs them.
///
/// petgraph does not hand out its node array, but it stores the nodes in one vector of
/// `petgraph::graph::Node<Option<Node>, u32>` records: the weight of node `i` lies `i` record
/// sizes after that of node 0. This is checked on two nodes far apart; if the layout were
/// different (a future petgraph), no hints are given. A hint is only a hint: a wrong address
/// costs a wasted fetch, never a wrong result.
struct NodePrefetch {
    /// The address node 0's weight would have, and the record size; `None` gives no hints.
    at: Option<(usize, usize)>,
    bound: usize,
}

impl NodePrefetch {
    /// Edges per batch: the records of the next batch are fetched while one is inserted.
    const AHEAD: usize = 16;

    fn new(g: &StableDiGraph<Node, EdgeHead, u32>) -> NodePrefetch {
        let stride = std::mem::size_of::<petgraph::graph::Node<Option<Node>, u32>>();
        let bound = g.node_bound();
        let at = array_base(bound, stride, |i| {
            g.node_weight(NodeIndex::new(i))
                .map(|w| w as *const Node as usize)
        })
        .map(|base| (base, stride));
        NodePrefetch { at, bound }
    }

    /// Asks for node `n`'s record to be brought into the cache.
    #[inline]
    fn hint(&self, n: NodeId) {
        let Some((base, stride)) = self.at else {
            return;
        };
        if n.index() >= self.bound {
            return;
        }
        let p = base.wrapping_add(n.index() * stride) as *const i8;
        #[cfg(target_arch = "x86_64")]
        // SAFETY: a prefetch reads nothing the program can observe and never faults, whatever
        // the address; `p` lies inside the node array anyway (checked against `bound`).
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p)
        };
        // Elsewhere no hint is given: the loads then simply miss as before.
        #[cfg(not(target_arch = "x86_64"))]
        let _ = p;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `restore` has the pages of large arrays mapped ahead on another thread. Elements
    /// beyond the lists' size hints (petgraph then moves its arrays, after the thread is done)
    /// are restored as well as those within.
    #[test]
    fn restore_of_large_arrays_keeps_every_element_whatever_the_hints() {
        struct Hint<I>(I, usize);
        impl<I: Iterator> Iterator for Hint<I> {
            type Item = I::Item;
            fn next(&mut self) -> Option<I::Item> {
                self.0.next()
            }
            fn size_hint(&self) -> (usize, Option<usize>) {
                (self.1, None)
            }
        }
        let (n, m) = (200_000, 300_000);
        let ends = |i: usize| (NodeId::new(i % n), NodeId::new(i * 7 % n));
        for (nh, eh) in [(n, m), (n / 2, m / 3), (0, 0)] {
            let nodes = (0..n).map(|i| (NodeId::new(i), Node::new("P")));
            let edges = (0..m).map(|i| (EdgeId::new(i), ends(i).0, ends(i).1, Edge::new("R")));
            let g = Graph::restore(Hint(nodes, nh), Hint(edges, eh)).unwrap();
            assert_eq!((g.node_count(), g.edge_count()), (n, m));
            for i in [0, m / 2, m - 1] {
                assert_eq!(g.endpoints(EdgeId::new(i)), Some(ends(i)));
            }
            assert!(g.node(NodeId::new(n - 1)).unwrap().has_label("P"));
            let out: usize = (0..n).map(|i| g.out_edges(NodeId::new(i)).count()).sum();
            assert_eq!(out, m);
        }
    }

    /// petgraph's edge record holds only an `EdgeHead` (20 bytes with its links and ends); the
    /// type, the origin and the properties (kept beside it) come back whole, and a removed
    /// edge's properties do not reappear on a new edge that reuses its id.
    /// The typed walk the query engine takes without an adjacency gives the same edges, in
    /// the same order, as the plain walk filtered by type, counts every edge it passed, and
    /// skips removed edges; `touch_first_edge` names the far end of the newest edge.
    #[test]
    fn typed_edge_walk_matches_filtered_walk() {
        let mut g = Graph::new();
        let hub = g.add_node(Node::new("Entity"));
        let mut removed = None;
        for i in 0..40 {
            let s = g.add_node(Node::new("Statement"));
            let t = if i % 3 == 0 { "ABOUT" } else { "TO" };
            let e = g.add_edge(s, hub, Edge::new(t));
            g.add_edge(hub, s, Edge::new(if i % 2 == 0 { "ABOUT" } else { "SAID" }));
            if i == 9 {
                removed = Some(e);
            }
        }
        g.remove_edge(removed.expect("edge 9"));
        for outgoing in [false, true] {
            let all: Vec<_> = if outgoing {
                g.out_edges(hub).collect()
            } else {
                g.in_edges(hub).collect()
            };
            for t in ["ABOUT", "TO", "SAID", "NONE"] {
                let mut want: Vec<_> = all
                    .iter()
                    .copied()
                    .filter(|&(e, _)| g.edge(e).is_some_and(|e| e.rel_type == t))
                    .collect();
                want.reverse();
                let mut got = vec![(EdgeIndex::new(7), NodeIndex::new(7))];
                let walked = g.edges_of_type_into(hub, outgoing, Sym::new(t), &mut got);
                assert_eq!(walked, all.len(), "{t} outgoing={outgoing}");
                assert_eq!(got[0], (EdgeIndex::new(7), NodeIndex::new(7)), "kept");
                assert_eq!(got[1..], want[..], "{t} outgoing={outgoing}");
            }
            assert_eq!(g.touch_first_edge(hub, outgoing), all.first().map(|x| x.1));
        }
        let lone = g.add_node(Node::new("Entity"));
        assert_eq!(g.touch_first_edge(lone, true), None);
        assert!(g.edges_of_type_into(lone, false, Sym::new("ABOUT"), &mut Vec::new()) == 0);
    }

    #[test]
    fn edge_records_are_small_and_keep_type_origin_and_properties() {
        assert_eq!(
            size_of::<(u32, Ids)>(),
            12,
            "a name index entry stays small"
        );
        assert_eq!(size_of::<Option<EdgeHead>>(), 4);
        assert_eq!(
            size_of::<petgraph::graph::Edge<Option<EdgeHead>, u32>>(),
            20
        );
        let mut g = Graph::new();
        let a = g.add_node(Node::new("P"));
        let b = g.add_node(Node::new("P"));
        let plain = g.add_edge(a, b, Edge::new("KNOWS"));
        let mut met = Edge::new("MET").with("since", 2020i64);
        met.origin = Origin::Manual;
        let met_id = g.add_edge(a, b, met.clone());
        assert_eq!(g.edge(plain).unwrap().to_edge(), Edge::new("KNOWS"));
        assert_eq!(g.edge(met_id).unwrap().to_edge(), met);
        assert_eq!(
            g.edge(met_id).unwrap().prop("since").as_deref(),
            Some(&Value::Int(2020))
        );
        assert_eq!(g.remove_edge(met_id), Some(met));
        assert!(g.edge(met_id).is_none());
        let again = g.add_edge(a, b, Edge::new("MET"));
        assert_eq!(again, met_id, "petgraph reuses the vacant id");
        assert!(g.edge(again).unwrap().props.is_empty());
        g.edge_props_mut(again).unwrap().insert("x", Value::Int(1));
        g.set_edge_origin(again, Origin::Manual);
        let e = g.edge(again).unwrap();
        assert_eq!((e.rel_type.as_str(), e.origin), ("MET", Origin::Manual));
        assert_eq!(e.prop("x").as_deref(), Some(&Value::Int(1)));
        g.set_edge_origin(again, Origin::Extracted);
        assert_eq!(g.edge(again).unwrap().origin, Origin::Extracted);
        // Removing a node removes its edges and their properties.
        g.remove_node(b);
        let c = g.add_node(Node::new("P"));
        let reused = g.add_edge(a, c, Edge::new("T"));
        assert!(reused == again || reused == plain);
        assert!(g.edge(reused).unwrap().props.is_empty());
        assert!(g.edge_props_mut(EdgeId::new(99)).is_none());
    }

    /// The adjacency lists each node's relationships grouped by type, ascending ids within a
    /// type, both ways, and labels as bits.
    #[test]
    fn adjacency_groups_relationships_by_type() {
        let mut g = Graph::new();
        let a = g.add_node(Node::new("A"));
        let b = g.add_node(Node::new("B").with("name", "b"));
        g.add_label(b, "C");
        let e0 = g.add_edge(a, b, Edge::new("X"));
        let e1 = g.add_edge(a, b, Edge::new("Y"));
        let e2 = g.add_edge(a, a, Edge::new("X"));
        let e3 = g.add_edge(b, a, Edge::new("Y"));
        let adj = g.build_adjacency().unwrap();
        let (x, y) = (
            adj.type_index(Sym::new("X")).unwrap(),
            adj.type_index(Sym::new("Y")).unwrap(),
        );
        assert_eq!(adj.edges(a, true), &[(e0, b), (e2, a), (e1, b)]);
        assert_eq!(adj.edges_of_type(a, true, x), &[(e0, b), (e2, a)]);
        assert_eq!(adj.edges_of_type(a, true, y), &[(e1, b)]);
        assert_eq!(adj.edges_of_type(a, false, x), &[(e2, a)]);
        assert_eq!(adj.edges_of_type(a, false, y), &[(e3, b)]);
        assert_eq!(adj.edges_of_type(b, false, x), &[(e0, a)]);
        assert_eq!(adj.type_index(Sym::new("Z")), None);
        let bit = |l: &str| adj.label_bit(Sym::new(l)).unwrap();
        assert_eq!(adj.label_bits(a), bit("A"));
        assert_eq!(adj.label_bits(b), bit("B") | bit("C"));
        assert_eq!(adj.label_bits(NodeIndex::new(99)), 0);
        // Every Y goes between an A and a B, but X also from A to A.
        assert_eq!(adj.implied_labels(y, true) & bit("A"), 0);
        assert_eq!(adj.implied_labels(x, false), bit("A"));
        assert_eq!(adj.implied_labels(x, true) & bit("B"), 0);
        g.remove_edge(e2);
        assert!(!g.has_adjacency());
        let adj = g.build_adjacency().unwrap();
        assert_eq!(adj.edges_of_type(a, true, x), &[(e0, b)]);
    }

    /// Both ways of ordering relationships by type (a sweep per type for a few types, a
    /// counting sort for more) give each node its relationships grouped by type with
    /// ascending ids, skipping removed ones.
    #[test]
    fn adjacency_orders_by_type_with_few_and_many_types() {
        for n_types in [3, SWEEP_TYPES + 5] {
            let mut g = Graph::new();
            let nodes: Vec<NodeId> = (0..5).map(|_| g.add_node(Node::new("A"))).collect();
            let mut edges = Vec::new();
            for i in 0..120usize {
                let (s, t) = (nodes[i % 5], nodes[(i * 7 + 1) % 5]);
                edges.push(g.add_edge(s, t, Edge::new(&format!("T{}", (i * 13) % n_types))));
            }
            for &e in edges.iter().step_by(9) {
                g.remove_edge(e);
            }
            let adj = g.build_adjacency().unwrap();
            for &n in &nodes {
                for outgoing in [true, false] {
                    for k in 0..n_types {
                        let ty = Sym::new(&format!("T{k}"));
                        let mut want: Vec<(EdgeId, NodeId)> = g
                            .edge_ids()
                            .filter(|&e| g.edge(e).unwrap().rel_type == ty)
                            .filter_map(|e| {
                                let (s, t) = g.g.edge_endpoints(e)?;
                                let (me, other) = if outgoing { (s, t) } else { (t, s) };
                                (me == n).then_some((e, other))
                            })
                            .collect();
                        want.sort();
                        let got = match adj.type_index(ty) {
                            Some(t) => adj.edges_of_type(n, outgoing, t).to_vec(),
                            None => Vec::new(),
                        };
                        assert_eq!(got, want, "{n_types} types, node {n:?}, type T{k}");
                    }
                }
            }
        }
    }

    /// A graph with more relationship types than the adjacency handles has none, and says so.
    #[test]
    fn adjacency_declines_too_many_types() {
        let mut g = Graph::new();
        let a = g.add_node(Node::new("A"));
        for i in 0..=MAX_TYPES {
            g.add_edge(a, a, Edge::new(&format!("T{i}")));
        }
        assert!(g.build_adjacency().is_none());
        assert!(!g.has_adjacency());
    }

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
    fn bulk_restore_keeps_ids_with_holes() {
        let g = Graph::restore(
            vec![
                (NodeIndex::new(1), Node::new("A")),
                (NodeIndex::new(4), Node::new("B")),
                (NodeIndex::new(5), Node::new("C")),
            ],
            vec![(
                EdgeIndex::new(3),
                NodeIndex::new(1),
                NodeIndex::new(5),
                Edge::new("R"),
            )],
        )
        .unwrap();
        assert_eq!(
            g.node_ids().map(|n| n.index()).collect::<Vec<_>>(),
            vec![1, 4, 5]
        );
        assert_eq!(g.label_count("C"), 1);
        assert_eq!(g.edge_ids().map(|e| e.index()).collect::<Vec<_>>(), vec![3]);
        let err = Graph::restore(
            vec![(NodeIndex::new(2), Node::new("A"))],
            vec![(
                EdgeIndex::new(0),
                NodeIndex::new(2),
                NodeIndex::new(1),
                Edge::new("R"),
            )],
        );
        assert_eq!(err.err(), Some(RestoreError::MissingNode(0, 1)));
        let err = Graph::restore(
            vec![
                (NodeIndex::new(2), Node::new("A")),
                (NodeIndex::new(2), Node::new("B")),
            ],
            vec![],
        );
        assert_eq!(err.err(), Some(RestoreError::NodeOrder(2)));
    }

    /// A large gap in relationship ids (a deleted document's) is restored with the ids on
    /// both sides kept, and relationships created afterwards fill the gap.
    #[test]
    fn bulk_restore_keeps_a_large_gap_in_relationship_ids() {
        let mut g = Graph::new();
        let nodes: Vec<NodeId> = (0..50).map(|_| g.add_node(Node::new("A"))).collect();
        let gap = 40_000;
        let edges: Vec<EdgeId> = (0..gap + 2)
            .map(|i| g.add_edge(nodes[i % 3], nodes[3 + i % 7], Edge::new("R")))
            .collect();
        // Newest first: petgraph finds each at the head of its lists.
        for &e in edges[1..=gap].iter().rev() {
            g.remove_edge(e);
        }
        let mut r = Graph::restore(
            g.node_ids().map(|n| (n, g.node(n).unwrap().clone())),
            g.edge_ids().map(|e| {
                let (s, t) = g.endpoints(e).unwrap();
                (e, s, t, g.edge(e).unwrap().to_edge())
            }),
        )
        .unwrap();
        assert_eq!(
            r.edge_ids().map(|e| e.index()).collect::<Vec<_>>(),
            vec![0, gap + 1]
        );
        assert_eq!(
            r.endpoints(EdgeIndex::new(gap + 1)),
            g.endpoints(edges[gap + 1])
        );
        assert_eq!(r.out_edges(nodes[0]).count(), 1);
        assert_eq!(r.in_edges(nodes[3]).count(), 1);
        // New relationships fill the gap, as in the graph that was saved.
        let new: HashSet<usize> = (0..3)
            .map(|_| r.add_edge(nodes[9], nodes[10], Edge::new("S")).index())
            .collect();
        assert_eq!(new.len(), 3);
        assert!(new.iter().all(|&i| (1..=gap).contains(&i)));
        assert_eq!(r.out_edges(nodes[9]).count(), 3);
    }

    /// Edges restored from blocks (as the store decodes them) keep their ids, ends, types,
    /// origins and properties: properties on the first and last edge of a block, gaps in ids
    /// within and between blocks, an empty block, and more edges than were reserved for.
    #[test]
    fn restore_from_edge_blocks_keeps_every_edge_and_its_properties() {
        let nodes = || (0..6).map(|i| (NodeIndex::new(i), Node::new("A")));
        let mut manual = Edge::new("S");
        manual.origin = Origin::Manual;
        let row = |id: usize, s: usize, t: usize, e: &Edge| {
            (
                EdgeIndex::new(id),
                NodeIndex::new(s),
                NodeIndex::new(t),
                e.clone(),
            )
        };
        let rows = [
            vec![
                row(0, 0, 1, &Edge::new("R").with("w", 1i64)),
                row(1, 1, 1, &Edge::new("R")),
                row(3, 2, 5, &manual.clone().with("w", "x")),
            ],
            vec![],
            vec![
                row(4, 5, 0, &manual),
                row(7, 3, 4, &Edge::new("R").with("w", 7i64)),
            ],
        ];
        let blocks = rows.iter().map(|b| {
            let mut block = EdgeBlock::default();
            for (id, s, t, e) in b.iter().cloned() {
                block.push(id, s, t, e);
            }
            block
        });
        let g = Graph::restore_blocks(nodes(), blocks, 2).unwrap();
        let all: Vec<_> = rows.iter().flatten().cloned().collect();
        assert_eq!(
            g.edge_ids().map(|e| e.index()).collect::<Vec<_>>(),
            vec![0, 1, 3, 4, 7]
        );
        for (id, s, t, e) in &all {
            assert_eq!(g.endpoints(*id), Some((*s, *t)));
            assert_eq!(&g.edge(*id).unwrap().to_edge(), e);
        }
        let mut back = EdgeBlock::default();
        for (id, s, t, e) in all.iter().cloned() {
            back.push(id, s, t, e);
        }
        // A block gives back the rows it was made of.
        assert_eq!(back.into_iter().collect::<Vec<_>>(), all);
        // Order and missing ends are checked across blocks too.
        let one = |id: usize, t: usize| {
            let mut b = EdgeBlock::default();
            b.push(
                EdgeIndex::new(id),
                NodeIndex::new(0),
                NodeIndex::new(t),
                Edge::new("R"),
            );
            b
        };
        let err = Graph::restore_blocks(nodes(), [one(5, 1), one(5, 1)], 0);
        assert_eq!(err.err(), Some(RestoreError::EdgeOrder(5)));
        let err = Graph::restore_blocks(nodes(), [one(5, 1), one(6, 9)], 0);
        assert_eq!(err.err(), Some(RestoreError::MissingNode(6, 9)));
    }

    /// The name index `restore` files while the nodes come in is the one nodes added one by
    /// one get: exact names, case-folded names and aliases, several nodes under one key,
    /// names that are not strings, nodes without names, documents, gaps in ids.
    #[test]
    fn restore_files_the_same_name_index_as_adding_nodes() {
        let mut g = Graph::new();
        let nodes = [
            Node::new(label::PERSON).with("name", "Anna Müller"),
            Node::new(label::PERSON)
                .with("name", "ANNA MÜLLER")
                .with("aliases", vec!["Anna".to_string(), "anna".to_string()]),
            Node::new(label::STATEMENT).with("text", "Es regnet."),
            Node::new(label::ORGANIZATION).with("name", 7i64),
            Node::new(label::COUNTRY).with(
                "aliases",
                Value::List(
                    vec![Value::from("ΣΊΣΥΦΟΣ"), Value::Int(3)]
                        .into_iter()
                        .collect(),
                ),
            ),
            Node::new(label::DOCUMENT).with("name", "doc-1"),
            Node::new(label::DOCUMENT).with("name", "doc-1"),
            Node::new(label::PERSON).with("name", "Anna Müller"),
        ];
        let ids: Vec<NodeId> = nodes.into_iter().map(|n| g.add_node(n)).collect();
        g.remove_node(ids[2]);
        let r = Graph::restore(
            g.node_ids().map(|n| (n, g.node(n).unwrap().clone())),
            Vec::new(),
        )
        .unwrap();
        let dump = |m: &NameMap| -> BTreeMap<u32, Vec<NodeId>> {
            (m.ids.iter())
                .map(|(&h, ids)| match *ids {
                    Ids::One(x) => (h, vec![x]),
                    Ids::Many(n) => (h, m.many[n as usize].clone()),
                })
                .collect()
        };
        assert_eq!(dump(&r.exact.name), dump(&g.exact.name));
        assert_eq!(dump(&r.exact.folded), dump(&g.exact.folded));
        assert_eq!(r.by_doc, g.by_doc);
        assert_eq!(r.by_doc.get("doc-1"), Some(&ids[5]));
        assert_eq!(
            dump(&r.exact.folded).get(&map_key(folded_hash("anna müller"))),
            Some(&vec![ids[0], ids[1], ids[7]])
        );
        assert_eq!(r.nodes_named("Anna Müller"), vec![ids[0], ids[7]]);
        assert_eq!(r.nodes_named_folded("σίσυφος"), vec![ids[4]]);
    }

    /// A name map numbers its keys with more than one node, gives a number back when its
    /// nodes are gone and hands it out again.
    #[test]
    fn name_map_numbers_its_many_and_reuses_them() {
        let mut m = NameMap::default();
        let (a, b, c) = (NodeId::new(1), NodeId::new(2), NodeId::new(3));
        m.file(7, a);
        m.file(7, b);
        m.file(7, b);
        assert_eq!(m.get(7), &[a, b]);
        m.unfile(7, a);
        assert_eq!(m.get(7), &[b]);
        m.unfile(7, b);
        assert!(m.get(7).is_empty() && m.ids.is_empty());
        m.file(9, a);
        m.file(9, c);
        assert_eq!(m.get(9), &[a, c]);
        assert_eq!(m.many.len(), 1);
        m.unfile(9, b);
        assert_eq!(m.get(9), &[a, c]);
    }

    /// `restore` hands its edges on in batches: edges with properties on either side of a
    /// batch's end keep theirs.
    #[test]
    fn restore_of_single_edges_keeps_properties_across_batches() {
        let mut g = Graph::new();
        let nodes: Vec<NodeId> = (0..10).map(|_| g.add_node(Node::new("A"))).collect();
        for i in 0..2 * EDGE_BATCH + 3 {
            let e = match i % 5 {
                0 => Edge::new("R").with("i", i),
                _ => Edge::new("S"),
            };
            let e = match i {
                1023..=1025 => e.with("edge", true),
                _ => e,
            };
            g.add_edge(nodes[i % 10], nodes[(i * 3) % 10], e);
        }
        let r = Graph::restore(
            g.node_ids().map(|n| (n, g.node(n).unwrap().clone())),
            g.edge_ids().map(|e| {
                let (s, t) = g.endpoints(e).unwrap();
                (e, s, t, g.edge(e).unwrap().to_edge())
            }),
        )
        .unwrap();
        assert_eq!(r.edge_count(), g.edge_count());
        for e in g.edge_ids() {
            assert_eq!(r.endpoints(e), g.endpoints(e));
            assert_eq!(r.edge(e), g.edge(e));
        }
    }

    #[test]
    fn folded_hash_is_the_hash_of_the_lower_cased_name() {
        let long = "Ä".repeat(100);
        for s in [
            "",
            "Angela König",
            "ÄÖÜ ẞ straße",
            "ΣΟΦΊΑ ΣΑΣ",
            "İstanbul",
            "ǅemal",
            "ABC",
            &long,
        ] {
            assert_eq!(folded_hash(s), name_hash(&s.to_lowercase()), "{s}");
        }
    }

    /// The restore's prefetch finds petgraph's node array; if a petgraph upgrade changed its
    /// layout, the hints would stop silently (results stay right), and this says so.
    #[test]
    fn prefetch_finds_petgraph_node_array() {
        let mut g = Graph::new();
        for i in 0..5 {
            g.add_node(Node::new(if i % 2 == 0 { "A" } else { "B" }));
        }
        let p = NodePrefetch::new(&g.g);
        let (base, stride) = p.at.expect("node array found");
        let n4 = g.g.node_weight(NodeIndex::new(4)).expect("node 4") as *const Node as usize;
        assert_eq!(base + 4 * stride, n4);
    }

    /// The typed walk's window finds petgraph's edge array, like the node prefetch above.
    #[test]
    fn edge_window_finds_petgraph_edge_array() {
        let mut g = Graph::new();
        let a = g.add_node(Node::new("A"));
        let b = g.add_node(Node::new("B"));
        let ids: Vec<_> = (0..5).map(|_| g.add_edge(a, b, Edge::new("R"))).collect();
        let w = EdgeWindow::new(&g.g);
        let (base, stride, end) = w.at.expect("edge array found");
        let e3 = g.g.edge_weight(ids[3]).expect("edge 3") as *const EdgeHead as usize;
        assert_eq!(base + 3 * stride, e3);
        assert_eq!(end, base + 5 * stride);
    }

    #[test]
    fn restore_keeps_ids_with_holes() {
        let mut g = Graph::new();
        g.restore_node(NodeIndex::new(0), Node::new("A"));
        g.restore_node(NodeIndex::new(3), Node::new("B"));
        g.restore_node(NodeIndex::new(5), Node::new("C"));
        g.restore_node(NodeIndex::new(1), Node::new("D"));
        assert_eq!(
            g.node_ids().map(|n| n.index()).collect::<Vec<_>>(),
            vec![0, 1, 3, 5]
        );
        g.remove_node(NodeIndex::new(5));
        g.remove_node(NodeIndex::new(1));
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

    use crate::extract::{EntityKind, RelationKind, StatementKind};
    use crate::resolve::{DocFacts, Entity, RelationFact, StatementFact};
    use crate::text::Span;

    fn document(name: &str, text: &str) -> crate::text::Document {
        crate::text::parse(name, name, text.as_bytes()).unwrap()
    }

    fn person(name: &str, aliases: &[&str]) -> Entity {
        Entity {
            name: name.into(),
            kind: EntityKind::Person,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            mentions: vec![Span { start: 0, end: 4 }],
        }
    }

    /// Two entities, one statement by the first about the second, one relation.
    fn facts(a: Entity, b: Entity) -> DocFacts {
        DocFacts {
            entities: vec![a, b],
            statements: vec![StatementFact {
                span: 5..9,
                text: "Satz".into(),
                kind: StatementKind::Direct,
                cue: Some("sagte".into()),
                speakers: vec![0],
                addressee: None,
                about: vec![1],
            }],
            relations: vec![RelationFact {
                subject: 0,
                kind: RelationKind::Met,
                object: 1,
                role: None,
                former: false,
                evidence: 0..9,
            }],
        }
    }

    fn summary(g: &Graph) -> Vec<String> {
        let mut v: Vec<String> = g
            .node_ids()
            .map(|id| {
                let n = g.node(id).unwrap();
                format!(
                    "{} {}",
                    n.labels.join(":"),
                    n.name()
                        .or(n.prop("text").and_then(|v| v.as_str()))
                        .unwrap_or("")
                )
            })
            .collect();
        for e in g.edge_ids() {
            v.push(g.edge(e).unwrap().rel_type.to_string());
        }
        v
    }

    #[test]
    fn entities_merge_across_documents_through_the_index() {
        let mut g = Graph::new();
        g.add_document(
            &document("a.txt", "Anna sagte Satz."),
            &facts(
                person("Anna Muster", &["Anna Muster"]),
                person("Bert Beispiel", &["Bert Beispiel"]),
            ),
        );
        g.add_document(
            &document("b.txt", "Anna sagte Satz."),
            &facts(
                person("Anna Muster", &["Frau Muster"]),
                person("Carl Neu", &["Carl Neu"]),
            ),
        );
        assert_eq!(g.label_count(label::PERSON), 3);
        let anna = g
            .nodes_with_label(label::PERSON)
            .find(|&id| g.node(id).unwrap().name() == Some("Anna Muster"))
            .unwrap();
        assert_eq!(
            string_list(g.node(anna).unwrap().prop("aliases")),
            vec!["Anna Muster", "Frau Muster"]
        );
        // The index finds candidates by alias and by name word too.
        let keys = name_keys(Some("Der Wladimir  Putin"), &["Kremlchef".to_string()]);
        assert_eq!(
            keys.into_iter().collect::<Vec<_>>(),
            vec!["kremlchef", "putin", "wladimir", "wladimir putin"]
        );
    }

    #[test]
    fn a_restored_graph_builds_its_entity_index_on_first_merge() {
        let mut g = Graph::new();
        g.add_document(
            &document("a.txt", "Anna sagte Satz."),
            &facts(person("Anna Muster", &[]), person("Bert Beispiel", &[])),
        );
        let nodes: Vec<(NodeId, Node)> = g
            .node_ids()
            .map(|n| (n, g.node(n).unwrap().clone()))
            .collect();
        let edges: Vec<_> = g
            .edge_ids()
            .map(|e| {
                let (s, t) = g.endpoints(e).unwrap();
                (e, s, t, g.edge(e).unwrap().to_edge())
            })
            .collect();
        let mut r = Graph::restore(nodes, edges).unwrap();
        assert!(
            r.by_name.is_empty(),
            "restore leaves the entity index for later"
        );
        r.add_document(
            &document("b.txt", "Anna sagte Satz."),
            &facts(person("Anna Muster", &[]), person("Carl Neu", &[])),
        );
        // Anna merged with the restored node instead of appearing twice.
        assert_eq!(r.label_count(label::PERSON), 3);
        assert_eq!(r.document_id("a.txt"), g.document_id("a.txt"));
    }

    #[test]
    fn remove_document_takes_back_what_it_added() {
        let mut g = Graph::new();
        let a = facts(
            person("Anna Muster", &["Anna Muster"]),
            person("Bert Beispiel", &["Bert"]),
        );
        g.add_document(&document("a.txt", "Anna sagte Satz."), &a);
        let only_a = summary(&g);
        g.add_document(
            &document("b.txt", "Anna sagte Satz."),
            &facts(person("Anna Muster", &[]), person("Carl Neu", &[])),
        );
        assert!(g.remove_document("b.txt"));
        assert!(!g.remove_document("b.txt"));
        assert_eq!(summary(&g), only_a);
        assert!(g.remove_document("a.txt"));
        assert_eq!(g.node_count(), 0);
        assert_eq!(g.edge_count(), 0);
    }

    #[test]
    fn re_adding_a_document_replaces_it_and_keeps_manual_work() {
        let mut g = Graph::new();
        let f = facts(person("Anna Muster", &[]), person("Bert Beispiel", &[]));
        let d = g.add_document(&document("a.txt", "Anna sagte Satz."), &f);
        let bert = g.nodes_with_label(label::PERSON).last().unwrap();
        let note = g.add_node(Node {
            origin: Origin::Manual,
            ..Node::new("Note")
        });
        let mut e = Edge::new("ABOUT_DOC");
        e.origin = Origin::Manual;
        g.add_edge(note, d, e);
        let mut e = Edge::new("FLAGGED");
        e.origin = Origin::Manual;
        g.add_edge(note, bert, e);
        let before = summary(&g);
        g.add_document(&document("a.txt", "Anna sagte Satz."), &f);
        assert_eq!(g.label_count(label::STATEMENT), 1);
        assert_eq!(g.label_count(label::DOCUMENT), 1);
        assert_eq!(g.document_id("a.txt"), Some(d));
        let mut after = summary(&g);
        let mut before_sorted = before.clone();
        after.sort();
        before_sorted.sort();
        assert_eq!(after, before_sorted);
        // A changed version without Bert keeps Bert, who has a manual edge, but drops the
        // extracted facts about him.
        let changed = DocFacts {
            entities: vec![person("Anna Muster", &[])],
            ..Default::default()
        };
        g.add_document(&document("a.txt", "Anna."), &changed);
        assert_eq!(g.label_count(label::STATEMENT), 0);
        assert!(g.node(bert).is_some());
        assert_eq!(g.out_edges(note).count(), 2);
    }
}
