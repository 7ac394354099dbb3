//! Properties over random graphs: Neo4j CSV export then import gives the same graph, GraphML
//! is well-formed and DOT strings stay inside their quotes, whatever the text holds.

mod export_support;

use proptest::prelude::*;
use whosaid::export::neo4j_csv::{self, CsvExportError};
use whosaid::export::{Subgraph, dot, graphml};
use whosaid::graph::{Edge, Graph, Node, NodeId, Origin, Props, Value};
use whosaid::import::{self, ImportOptions};

/// Text with the characters that break writers: quotes, commas, semicolons, line breaks,
/// backslashes, spaces at the ends, umlauts and typographic quotes, plus anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Zäöüß ,;|\"'\\\\\n\r\t„“<>&]{0,12}", any::<String>(),]
}

/// One property map. Each key has one type, as in real graphs; a key whose type varies
/// becomes a string column, which is documented and not a round trip.
fn props() -> impl Strategy<Value = Props> {
    (
        proptest::option::of(text()),
        proptest::option::of(any::<i64>()),
        proptest::option::of(any::<f64>().prop_filter("finite", |f| f.is_finite())),
        proptest::option::of(any::<bool>()),
        // A list holding only the empty string cannot be told from an empty list in this
        // format (the same holds for neo4j-admin), so lists have at least one non-empty item.
        proptest::option::of(
            proptest::collection::vec(text(), 0..4).prop_filter("not just one empty string", |v| {
                !(v.len() == 1 && v[0].is_empty())
            }),
        ),
        proptest::option::of(proptest::collection::vec(any::<i64>(), 0..4)),
    )
        .prop_map(|(name, n, x, b, aliases, ints)| {
            let mut p = Props::new();
            if let Some(v) = name {
                p.insert("name", Value::String(v.into()));
            }
            if let Some(v) = n {
                p.insert("n", Value::Int(v));
            }
            if let Some(v) = x {
                p.insert("x y", Value::Float(v));
            }
            if let Some(v) = b {
                p.insert("flag", Value::Bool(v));
            }
            if let Some(v) = aliases {
                p.insert("aliases", v.into());
            }
            if let Some(v) = ints {
                p.insert(
                    "zahlen",
                    Value::List(v.into_iter().map(Value::Int).collect()),
                );
            }
            p
        })
}

fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Person".to_string()),
        Just("Country".to_string()),
        Just("Ort mit Leerzeichen".to_string()),
        Just("Ä;B".to_string()),
    ]
}

fn node() -> impl Strategy<Value = (std::collections::BTreeSet<String>, Props, bool)> {
    (
        proptest::collection::btree_set(label(), 0..3),
        props(),
        any::<bool>(),
    )
}

fn graph() -> impl Strategy<Value = Graph> {
    (1usize..7)
        .prop_flat_map(|n| {
            let edge = (
                0..n,
                0..n,
                prop_oneof![Just("SAID"), Just("ABOUT"), Just("SAGT, DASS")],
                props(),
                any::<bool>(),
            );
            (
                proptest::collection::vec(node(), n),
                proptest::collection::vec(edge, 0..8),
                proptest::collection::vec(any::<bool>(), n),
            )
        })
        .prop_map(|(nodes, edges, removed)| {
            let mut g = Graph::new();
            let ids: Vec<NodeId> = nodes
                .into_iter()
                .map(|(labels, props, manual)| {
                    let origin = if manual {
                        Origin::Manual
                    } else {
                        Origin::Extracted
                    };
                    g.add_node(Node {
                        labels: labels.into_iter().collect(),
                        props,
                        origin,
                    })
                })
                .collect();
            for (a, b, ty, props, manual) in edges {
                let origin = if manual {
                    Origin::Manual
                } else {
                    Origin::Extracted
                };
                g.add_edge(
                    ids[a],
                    ids[b],
                    Edge {
                        rel_type: ty.into(),
                        props,
                        origin,
                    },
                );
            }
            // Holes in the ids, as deletions leave them.
            for (id, r) in ids.iter().zip(removed) {
                if r && g.node_count() > 1 {
                    g.remove_node(*id);
                }
            }
            g
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn neo4j_csv_round_trips(g in graph()) {
        let dir = tempfile::tempdir().unwrap();
        let stats = match neo4j_csv::write_dir(&g, &Subgraph::whole(&g), dir.path()) {
            Err(CsvExportError::NoDelimiter) => return Ok(()),
            r => r.unwrap(),
        };
        let mut back = Graph::new();
        let opts = ImportOptions { array_delimiter: stats.delimiter };
        import::neo4j_csv_with(dir.path(), &mut back, &opts).unwrap();
        prop_assert_eq!(export_support::canonical(&back), export_support::canonical(&g));
    }

    #[test]
    fn graphml_is_well_formed(g in graph()) {
        let xml = graphml::to_string(&g, &Subgraph::whole(&g));
        for c in xml.chars() {
            prop_assert!((c as u32) >= 0x20 || matches!(c, '\t' | '\n'), "raw control character {:?}", c);
        }
        // Every '&' starts an entity or character reference.
        for (i, _) in xml.match_indices('&') {
            let rest = &xml[i..];
            prop_assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#13;"].iter().any(|e| rest.starts_with(e)));
        }
    }

    #[test]
    fn dot_strings_stay_quoted(s in text()) {
        let e = dot::escape(&s);
        let mut chars = e.chars();
        while let Some(c) = chars.next() {
            prop_assert!(c != '"' && c != '\n' && c != '\r', "bare {:?} in {:?}", c, e);
            if c == '\\' {
                let next = chars.next();
                prop_assert!(matches!(next, Some('\\' | '"' | 'n')), "stray escape in {:?}", e);
            }
        }
    }
}
