//! The part of the graph an export writes: a set of node ids and a set of edge ids.
//!
//! Every writer takes a `Subgraph`, so the whole graph (`--format dot`), a neighbourhood
//! (`--around NAME --depth N`) and a query result (`--query Q`, the REPL's `:dot`) all go
//! through the same code. A query result is given as plain ids so that this module does not
//! depend on the query engine's types.

use std::collections::{BTreeSet, VecDeque};

use crate::graph::{EdgeId, Graph, NodeId, label};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subgraph {
    pub nodes: BTreeSet<NodeId>,
    pub edges: BTreeSet<EdgeId>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    #[error("no entity named {name:?} (names and aliases are compared case-insensitively)")]
    NotFound { name: String },
}

impl Subgraph {
    /// Every node and every edge.
    pub fn whole(g: &Graph) -> Self {
        Subgraph {
            nodes: g.node_ids().collect(),
            edges: g.edge_ids().collect(),
        }
    }

    /// The nodes and relationships a query result contains. The endpoints of every edge are
    /// added so that no edge dangles; ids no longer in the graph are skipped, because a result
    /// can outlive a later deletion.
    pub fn from_ids(
        g: &Graph,
        nodes: impl IntoIterator<Item = NodeId>,
        edges: impl IntoIterator<Item = EdgeId>,
    ) -> Self {
        let mut s = Subgraph::default();
        s.nodes
            .extend(nodes.into_iter().filter(|&n| g.node(n).is_some()));
        for e in edges {
            if let Some((a, b)) = g.endpoints(e) {
                s.edges.insert(e);
                s.nodes.insert(a);
                s.nodes.insert(b);
            }
        }
        s
    }

    /// Adds every edge whose two endpoints are selected. A query that returns only nodes
    /// (`RETURN p, s, t`) still draws as a connected picture this way.
    pub fn with_induced_edges(mut self, g: &Graph) -> Self {
        for &n in &self.nodes {
            for (e, t) in g.out_edges(n) {
                if self.nodes.contains(&t) {
                    self.edges.insert(e);
                }
            }
        }
        self
    }

    /// The neighbourhood of the entities called `name` (name or alias, case-insensitive).
    ///
    /// Depth counts steps between entities: a statement sits between its speaker and what it
    /// is about, so the speaker, the statement and its targets are all one step apart, as they
    /// are in the collapsed picture. Documents are included where they touch the
    /// neighbourhood but never walked through, because every entity of an article would
    /// otherwise be two steps from every other.
    pub fn around(g: &Graph, name: &str, depth: usize) -> Result<Self, SelectError> {
        let starts = find_by_name(g, name);
        if starts.is_empty() {
            return Err(SelectError::NotFound {
                name: name.to_string(),
            });
        }
        let is = |n: NodeId, l: &str| g.node(n).is_some_and(|n| n.has_label(l));
        // A 0-1 breadth-first search: leaving a statement costs nothing, any other step one.
        let mut dist = std::collections::HashMap::new();
        let mut queue = VecDeque::new();
        for s in starts {
            dist.insert(s, 0usize);
            queue.push_back(s);
        }
        while let Some(u) = queue.pop_front() {
            let d = dist[&u];
            if is(u, label::DOCUMENT) && d > 0 {
                continue;
            }
            let free = is(u, label::STATEMENT);
            let nd = if free { d } else { d + 1 };
            if nd > depth {
                continue;
            }
            let neighbours: Vec<NodeId> = g
                .out_edges(u)
                .map(|(_, t)| t)
                .chain(g.in_edges(u).map(|(_, s)| s))
                .collect();
            for v in neighbours {
                if dist.get(&v).is_none_or(|&old| nd < old) {
                    dist.insert(v, nd);
                    if free {
                        queue.push_front(v);
                    } else {
                        queue.push_back(v);
                    }
                }
            }
        }
        Ok(Subgraph::from_ids(g, dist.into_keys(), []).with_induced_edges(g))
    }
}

/// Entity nodes whose `name` or one of whose `aliases` equals `name`, ignoring case.
pub fn find_by_name(g: &Graph, name: &str) -> Vec<NodeId> {
    let want = name.trim().to_lowercase();
    g.node_ids()
        .filter(|&id| {
            let n = g.node(id).expect("listed node exists");
            if n.has_label(label::DOCUMENT) || n.has_label(label::STATEMENT) {
                return false;
            }
            n.name().is_some_and(|s| s.to_lowercase() == want)
                || crate::graph::string_list(n.prop("aliases"))
                    .iter()
                    .any(|a| a.to_lowercase() == want)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Edge, Node, rel};

    /// Anna said something about Bert; Bert said something about Carl; all in one document.
    fn chain() -> (Graph, [NodeId; 6]) {
        let mut g = Graph::new();
        let d = g.add_node(Node::new(label::DOCUMENT).with("name", "a.txt"));
        let a = g.add_node(
            Node::new(label::PERSON)
                .with("name", "Anna Alt")
                .with("aliases", vec!["Alt".to_string()]),
        );
        let b = g.add_node(Node::new(label::PERSON).with("name", "Bert Bauer"));
        let c = g.add_node(Node::new(label::PERSON).with("name", "Carl Christ"));
        let s1 = g.add_node(Node::new(label::STATEMENT).with("text", "x"));
        let s2 = g.add_node(Node::new(label::STATEMENT).with("text", "y"));
        g.add_edge(a, s1, Edge::new(rel::SAID));
        g.add_edge(s1, b, Edge::new(rel::ABOUT));
        g.add_edge(b, s2, Edge::new(rel::SAID));
        g.add_edge(s2, c, Edge::new(rel::ABOUT));
        for n in [a, b, c] {
            g.add_edge(n, d, Edge::new(rel::MENTIONED_IN));
        }
        (g, [d, a, b, c, s1, s2])
    }

    #[test]
    fn around_counts_statements_as_part_of_one_step() {
        let (g, [d, a, b, c, s1, s2]) = chain();
        let one = Subgraph::around(&g, "alt", 1).unwrap();
        assert_eq!(one.nodes, BTreeSet::from([d, a, b, s1]));
        let two = Subgraph::around(&g, "ANNA ALT", 2).unwrap();
        assert_eq!(two.nodes, BTreeSet::from([d, a, b, c, s1, s2]));
        // Every edge between selected nodes comes along.
        assert_eq!(two.edges.len(), g.edge_count());
        let zero = Subgraph::around(&g, "Carl Christ", 0).unwrap();
        assert_eq!(zero.nodes, BTreeSet::from([c]));
    }

    #[test]
    fn around_an_unknown_name_is_an_error() {
        let (g, _) = chain();
        assert_eq!(
            Subgraph::around(&g, "Dora", 1),
            Err(SelectError::NotFound {
                name: "Dora".into()
            })
        );
    }

    #[test]
    fn from_ids_adds_edge_endpoints_and_skips_missing_ids() {
        let (g, [_, a, b, _, s1, _]) = chain();
        let e = g.out_edges(s1).next().unwrap().0;
        let s = Subgraph::from_ids(&g, [a, NodeId::new(99)], [e]);
        assert_eq!(s.nodes, BTreeSet::from([a, b, s1]));
        assert_eq!(s.edges, BTreeSet::from([e]));
        let induced = s.with_induced_edges(&g);
        assert_eq!(induced.edges.len(), 2);
    }
}
