//! DOT export: golden files of the hand-built graph, and every DOT we write must render.

mod export_support;

use export_support::{check_golden, check_renders, small_graph};
use whosaid::export::Subgraph;
use whosaid::export::dot::{self, DotOptions};

#[test]
fn collapsed_statements_become_speaker_to_target_edges() {
    let s = small_graph();
    let out = dot::to_string(&s.graph, &Subgraph::whole(&s.graph), &DotOptions::default());
    check_golden("small.dot", &out);
    check_renders("small.dot", &out);
    // The quote of the first statement, escaped, cut and dated, on the Merz → Ukraine edge.
    assert!(
        out.contains(
            "label=\"„Wir stehen an der Seite der \\\"Ukraine\\\" – ohne…“\\n2025-03-04\""
        )
    );
    // Statements and documents are not nodes in this view.
    assert!(!out.contains("shape=note,"));
    assert!(!out.contains("shape=folder,"));
}

#[test]
fn statements_can_stay_nodes() {
    let s = small_graph();
    let opts = DotOptions {
        statements: true,
        documents: true,
        title: Some("Alles \"drin\"".into()),
        ..DotOptions::default()
    };
    let out = dot::to_string(&s.graph, &Subgraph::whole(&s.graph), &opts);
    check_golden("small_statements.dot", &out);
    check_renders("small_statements.dot", &out);
    // One line per node and per edge, plus the legend.
    let node_lines = out
        .lines()
        .filter(|l| is_item(l) && !l.contains("->"))
        .count();
    let edge_lines = out
        .lines()
        .filter(|l| is_item(l) && l.contains("->"))
        .count();
    assert_eq!(node_lines, s.graph.node_count());
    assert_eq!(edge_lines, s.graph.edge_count());
}

#[test]
fn around_a_name_draws_the_neighbourhood() {
    let s = small_graph();
    let sel = Subgraph::around(&s.graph, "kiew", 1).unwrap();
    let out = dot::to_string(&s.graph, &sel, &DotOptions::default());
    check_golden("around_kiew.dot", &out);
    check_renders("around_kiew.dot", &out);
    assert!(out.contains("\"Ukraine\""));
    assert!(!out.contains("Friedrich Merz"));
}

#[test]
fn a_query_result_draws_what_it_returns() {
    let s = small_graph();
    // What a `MATCH (p)-[:SAID]->(st)-[:ABOUT]->(t) WHERE t.name = 'Friedrich Merz'` returns.
    let g = &s.graph;
    let st: Vec<_> = g
        .in_edges(s.merz)
        .filter(|(e, _)| g.edge(*e).unwrap().rel_type == "ABOUT")
        .collect();
    let (about, statement) = st[0];
    let (said, speaker) = g
        .in_edges(statement)
        .find(|(e, _)| g.edge(*e).unwrap().rel_type == "SAID")
        .unwrap();
    let sel = Subgraph::from_ids(g, [speaker, statement, s.merz], [said, about]);
    let out = dot::to_string(g, &sel, &DotOptions::default());
    check_renders("query.dot", &out);
    assert!(out.contains("Wolodymyr Selenskyj"));
    assert!(out.contains("„Der Pfad C:\\\\Daten sei kein Argument, die Hilfe…“"));
    let edges: Vec<_> = out
        .lines()
        .filter(|l| is_item(l) && l.contains("->"))
        .collect();
    assert_eq!(edges.len(), 1, "{out}");
}

#[test]
fn top_speakers_keeps_the_busiest() {
    let s = small_graph();
    let opts = DotOptions {
        top_speakers: Some(1),
        legend: false,
        ..DotOptions::default()
    };
    let out = dot::to_string(&s.graph, &Subgraph::whole(&s.graph), &opts);
    check_renders("top1.dot", &out);
    // Selenskyj has two statements, Merz one.
    assert!(out.contains("Wolodymyr Selenskyj"));
    assert!(!out.contains("CDU"));
    assert!(out.contains("to: „Danke, Friedrich.“"));
}

/// A node or edge statement line (`  n12 …`), not the `node [...]` defaults.
fn is_item(line: &str) -> bool {
    line.strip_prefix("  n")
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

#[test]
fn top_targets_and_no_relations_make_a_statements_only_picture() {
    let s = small_graph();
    let opts = DotOptions {
        top_targets: Some(1),
        relations: false,
        ..DotOptions::default()
    };
    let out = dot::to_string(&s.graph, &Subgraph::whole(&s.graph), &opts);
    check_renders("top_targets.dot", &out);
    let edges: Vec<&str> = out
        .lines()
        .filter(|l| is_item(l) && l.contains("->"))
        .map(|l| l.split(" [").next().unwrap().trim())
        .collect();
    // Selenskyj's targets tie at one statement each: the lowest id (Merz, "about") wins;
    // no MET, HOLDS_ROLE or other relation edges are drawn.
    assert_eq!(edges, ["n2 -> n4", "n3 -> n2"], "{out}");
    assert!(!out.contains("CDU"));
}
