//! Engine tests on small in-memory graphs: what a query returns, what it writes, and how it
//! fails. The TCK runner (tests/tck.rs) covers the language broadly; these pin down the
//! behaviour whosaid relies on.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::*;
use crate::graph::{self, Edge, Graph, Node, Origin};

fn q(g: &mut Graph, text: &str) -> Rows {
    run(g, text, &Params::new(), &Options::default()).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn err(g: &mut Graph, text: &str) -> QueryError {
    match run(g, text, &Params::new(), &Options::default()) {
        Ok(r) => panic!("{text}: expected an error, got {} rows", r.rows.len()),
        Err(e) => e,
    }
}

/// Rows as text, one line per row, values separated by " | ", for compact assertions.
fn show(g: &Graph, rows: &Rows) -> String {
    rows.rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|v| match v {
                    Value::Node(n) => {
                        format!("({})", g.node(*n).and_then(Node::name).unwrap_or("?"))
                    }
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A small who-said graph: two people, a statement by one about the other, one document.
fn news() -> Graph {
    let mut g = Graph::new();
    let doc = g.add_node(Node::new(graph::label::DOCUMENT).with("name", "a.txt"));
    let anna = g.add_node(Node::new(graph::label::PERSON).with("name", "Anna Beispiel"));
    let bert = g.add_node(Node::new(graph::label::PERSON).with("name", "Bert Muster"));
    let st = g.add_node(
        Node::new(graph::label::STATEMENT)
            .with("text", "Das ist falsch.")
            .with("start", 10i64)
            .with("end", 25i64),
    );
    g.add_edge(anna, st, Edge::new(graph::rel::SAID));
    g.add_edge(st, bert, Edge::new(graph::rel::ABOUT));
    g.add_edge(st, doc, Edge::new(graph::rel::IN));
    g
}

#[test]
fn who_said_what_about_whom() {
    let mut g = news();
    let r = q(
        &mut g,
        "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(o:Person) \
         RETURN p.name AS speaker, s.text AS text, o.name AS about, s.start, s.end",
    );
    assert_eq!(r.columns, ["speaker", "text", "about", "s.start", "s.end"]);
    assert_eq!(
        show(&g, &r),
        "Anna Beispiel | Das ist falsch. | Bert Muster | 10 | 25"
    );
}

#[test]
fn matching_from_a_bound_end_walks_backwards() {
    let mut g = news();
    let r = q(
        &mut g,
        "MATCH (o:Person {name: 'Bert Muster'}) MATCH (p)-[:SAID]->()-[:ABOUT]->(o) RETURN p",
    );
    assert_eq!(show(&g, &r), "(Anna Beispiel)");
}

#[test]
fn aggregation_groups_and_orders() {
    let mut g = Graph::new();
    q(
        &mut g,
        "UNWIND [['a', 1], ['b', 2], ['a', 3], ['b', null], ['c', 5]] AS x \
         CREATE (:T {k: x[0], v: x[1]})",
    );
    let r = q(
        &mut g,
        "MATCH (t:T) RETURN t.k AS k, count(*) AS n, count(t.v) AS c, sum(t.v) AS s, \
         collect(t.v) AS l ORDER BY s DESC, k",
    );
    assert_eq!(
        show(&g, &r),
        "c | 1 | 1 | 5 | [5]\na | 2 | 2 | 4 | [1, 3]\nb | 2 | 1 | 2 | [2]"
    );
    let r = q(
        &mut g,
        "MATCH (t:Nothing) RETURN count(*) AS n, avg(t.v) AS a",
    );
    assert_eq!(show(&g, &r), "0 | null");
}

#[test]
fn optional_match_fills_nulls() {
    let mut g = news();
    let r = q(
        &mut g,
        "MATCH (p:Person) OPTIONAL MATCH (p)-[:SAID]->(s) RETURN p.name, s.text ORDER BY p.name",
    );
    assert_eq!(
        show(&g, &r),
        "Anna Beispiel | Das ist falsch.\nBert Muster | null"
    );
}

#[test]
fn variable_length_and_named_paths() {
    let mut g = Graph::new();
    q(
        &mut g,
        "CREATE (a {name: 'a'})-[:N]->(b {name: 'b'})-[:N]->(c {name: 'c'})-[:N]->(d {name: 'd'})",
    );
    let r = q(
        &mut g,
        "MATCH p = ({name: 'a'})-[:N*2..3]->(x) RETURN x.name, length(p) ORDER BY length(p)",
    );
    assert_eq!(show(&g, &r), "c | 2\nd | 3");
    let r = q(
        &mut g,
        "MATCH p = shortestPath(({name: 'a'})-[*]-({name: 'd'})) RETURN length(p)",
    );
    assert_eq!(show(&g, &r), "3");
    // With both ends bound the search runs from both sides; a shortcut must be found.
    q(
        &mut g,
        "MATCH (b {name: 'b'}), (d {name: 'd'}) CREATE (d)-[:N]->(b)",
    );
    let r = q(
        &mut g,
        "MATCH (a {name: 'a'}), (d {name: 'd'}) \
         MATCH p = shortestPath((a)-[*]-(d)) RETURN length(p), [n IN nodes(p) | n.name]",
    );
    assert_eq!(show(&g, &r), "2 | ['a', 'b', 'd']");
    let r = q(
        &mut g,
        "MATCH (a {name: 'a'}), (d {name: 'd'}) \
         MATCH p = shortestPath((a)-[*]->(d)) RETURN length(p)",
    );
    assert_eq!(show(&g, &r), "3");
}

#[test]
fn all_shortest_paths_and_long_paths() {
    let mut g = Graph::new();
    q(
        &mut g,
        "CREATE (s {name: 's'})-[:D]->({name: 'x'})-[:D]->(t {name: 't'}), \
         (s)-[:D]->({name: 'y'})-[:D]->(t), (s)-[:D]->({name: 'z'})-[:D]->()-[:D]->(t)",
    );
    let r = q(
        &mut g,
        "MATCH p = allShortestPaths(({name: 's'})-[:D*]->({name: 't'})) \
         RETURN nodes(p)[1].name AS via ORDER BY via",
    );
    assert_eq!(show(&g, &r), "x\ny");
    // A path a thousand steps long is found without deep recursion.
    q(&mut g, "UNWIND range(1, 1000) AS i CREATE (:C {i: i})");
    q(
        &mut g,
        "MATCH (c:C) WITH c ORDER BY c.i WITH collect(c) AS cs \
         UNWIND range(0, size(cs) - 2) AS i WITH cs[i] AS a, cs[i + 1] AS b \
         CREATE (a)-[:NEXT]->(b)",
    );
    let r = q(
        &mut g,
        "MATCH (a:C {i: 1}), (b:C {i: 1000}) \
         MATCH p = allShortestPaths((a)-[:NEXT*]->(b)) RETURN length(p)",
    );
    assert_eq!(show(&g, &r), "999");
}

#[test]
fn unwinding_a_collected_list() {
    let mut g = Graph::new();
    let r = q(
        &mut g,
        "UNWIND range(1, 3) AS i WITH collect(i) AS xs UNWIND xs AS x RETURN x",
    );
    assert_eq!(show(&g, &r), "1\n2\n3");
    // When the list is read again later, every row still has it.
    let r = q(
        &mut g,
        "UNWIND range(1, 3) AS i WITH collect(i) AS xs UNWIND xs AS x RETURN x, size(xs) AS n",
    );
    assert_eq!(show(&g, &r), "1 | 3\n2 | 3\n3 | 3");
    insta::assert_snapshot!(
        explain("WITH [1, 2] AS xs UNWIND xs AS x RETURN x").unwrap(),
        @r"
    Return [x]
      Unwind xs AS x
        With [[1, 2] AS xs]
          Start
    "
    );
}

#[test]
fn writes_are_manual_and_counted() {
    let mut g = news();
    let r = q(
        &mut g,
        "MATCH (p:Person {name: 'Anna Beispiel'}) SET p.role = 'Ministerin' \
         CREATE (p)-[:MEMBER_OF]->(:Organization {name: 'Partei'})",
    );
    assert_eq!(r.effects.properties_set, 2);
    assert_eq!(r.effects.nodes_created, 1);
    assert_eq!(r.effects.relationships_created, 1);
    assert_eq!(r.effects.labels_added, 1);
    let org = g
        .nodes_with_label(graph::label::ORGANIZATION)
        .next()
        .unwrap();
    assert_eq!(g.node(org).unwrap().origin, Origin::Manual);
    let anna = g.nodes_with_label(graph::label::PERSON).next().unwrap();
    assert_eq!(g.node(anna).unwrap().origin, Origin::Manual);
}

#[test]
fn merge_matches_or_creates() {
    let mut g = news();
    let r = q(
        &mut g,
        "MERGE (p:Person {name: 'Anna Beispiel'}) ON MATCH SET p.seen = true RETURN p.seen",
    );
    assert_eq!(
        (show(&g, &r).as_str(), r.effects.nodes_created),
        ("true", 0)
    );
    let r = q(
        &mut g,
        "MERGE (p:Person {name: 'Carla Neu'}) ON CREATE SET p.seen = false RETURN p.seen",
    );
    assert_eq!(
        (show(&g, &r).as_str(), r.effects.nodes_created),
        ("false", 1)
    );
}

#[test]
fn delete_needs_detach_for_connected_nodes() {
    let mut g = news();
    let e = err(&mut g, "MATCH (p:Person {name: 'Anna Beispiel'}) DELETE p");
    assert_eq!(e.code(), Some("DeleteConnectedNode"));
    let before = g.node_count();
    let r = q(
        &mut g,
        "MATCH (p:Person {name: 'Anna Beispiel'}) DETACH DELETE p",
    );
    assert_eq!(
        (r.effects.nodes_deleted, r.effects.relationships_deleted),
        (1, 1)
    );
    assert_eq!(g.node_count(), before - 1);
}

#[test]
fn semantic_errors_are_named() {
    let mut g = Graph::new();
    let cases = [
        ("MATCH (n) RETURN m", "UndefinedVariable"),
        ("MATCH ()-[r]-() MATCH (r) RETURN r", "VariableTypeConflict"),
        (
            "MATCH (n) WHERE count(n) > 1 RETURN n",
            "InvalidAggregation",
        ),
        ("RETURN toLowr('A')", "UnknownFunction"),
        ("RETURN 1 AS a, 2 AS a", "ColumnNameConflict"),
        ("RETURN 1 AND true", "InvalidArgumentType"),
        ("CREATE (a)-[:T]-(b)", "RequiresDirectedRelationship"),
        (
            "RETURN 1 AS x UNION RETURN 2 AS y",
            "DifferentColumnsInUnion",
        ),
    ];
    for (text, code) in cases {
        let e = err(&mut g, text);
        assert_eq!(e.code(), Some(code), "{text}: {e}");
        assert!(e.at_compile_time(), "{text}");
    }
    let e = err(&mut g, "MATCH (person) RETURN persn.name");
    assert!(e.to_string().contains("did you mean `person`?"), "{e}");
    let e = err(&mut g, "RETURN 1 AS a, 2 AS a");
    let QueryError::Semantic { span, .. } = e else {
        panic!("expected a semantic error, got {e}")
    };
    assert_eq!(span, Some((15, 21)), "the span covers `2 AS a`");
    let e = err(&mut g, "RETURN toLowr('A')");
    assert!(e.to_string().contains("did you mean tolower?"), "{e}");
}

#[test]
fn runtime_errors_are_typed() {
    let mut g = Graph::new();
    let e = err(&mut g, "UNWIND [1, 'a'] AS x RETURN x + true");
    assert_eq!(e.class(), Some(ErrorClass::TypeError));
    let e = err(&mut g, "UNWIND [9223372036854775807] AS x RETURN x + 1");
    assert_eq!(e.code(), Some("IntegerOverflow"));
    let e = err(&mut g, "WITH 1 AS x RETURN $missing");
    assert_eq!(e.class(), Some(ErrorClass::ParameterMissing));
}

#[test]
fn runaway_queries_stop() {
    let mut g = Graph::new();
    q(&mut g, "UNWIND range(1, 30) AS i CREATE (:K {i: i})");
    q(
        &mut g,
        "MATCH (a:K), (b:K) WHERE a.i <> b.i CREATE (a)-[:E]->(b)",
    );
    let opts = Options {
        max_rows: 1000,
        ..Options::default()
    };
    let e = run(
        &mut g,
        "MATCH p = (:K)-[*]->(:K) RETURN count(p)",
        &Params::new(),
        &opts,
    )
    .unwrap_err();
    assert_eq!(e, QueryError::LimitExceeded { limit: 1000 });
    let cancelled = Options {
        cancel: Arc::new(AtomicBool::new(true)),
        ..Options::default()
    };
    let e = run(
        &mut g,
        "MATCH p = (:K)-[*]->(:K) RETURN count(p)",
        &Params::new(),
        &cancelled,
    )
    .unwrap_err();
    assert_eq!(e, QueryError::Cancelled);
    // A search that produces no rows still stops at the expansion bound.
    let bounded = Options {
        max_expansions: 10_000,
        ..Options::default()
    };
    let e = run(
        &mut g,
        "MATCH p = (:K)-[*]->(:K) WHERE false RETURN p",
        &Params::new(),
        &bounded,
    )
    .unwrap_err();
    assert_eq!(e, QueryError::ExpansionLimitExceeded { limit: 10_000 });
    let late = Options {
        deadline: Some(std::time::Instant::now()),
        ..Options::default()
    };
    let e = run(
        &mut g,
        "MATCH p = (:K)-[*]->(:K) WHERE false RETURN p",
        &Params::new(),
        &late,
    )
    .unwrap_err();
    assert_eq!(e, QueryError::TimedOut);
}

#[test]
fn misspelt_labels_get_a_hint() {
    let mut g = news();
    let r = q(&mut g, "MATCH (p:Persn) RETURN p");
    assert_eq!(
        r.warnings,
        ["the graph has no label `Persn` (did you mean Person?)"]
    );
    let r = q(&mut g, "MATCH (p:Person)-[:SIAD]->(s) RETURN s");
    assert_eq!(
        r.warnings,
        ["the graph has no relationship type `SIAD` (did you mean SAID?)"]
    );
    let r = q(&mut g, "MATCH (p:Person) WHERE p.nmae = 'x' RETURN p");
    assert_eq!(
        r.warnings,
        ["the graph has no property key `nmae` (did you mean name?)"]
    );
    // Names the graph uses get no hint, even when nothing matches.
    let r = q(
        &mut g,
        "MATCH (p:Person)-[:SAID]->(s) WHERE p.name = 'x' RETURN s",
    );
    assert!(
        r.rows.is_empty() && r.warnings.is_empty(),
        "{:?}",
        r.warnings
    );
}

#[test]
fn parameters_and_list_functions() {
    let mut g = Graph::new();
    let mut params = Params::new();
    params.insert(
        "names".into(),
        Value::List(vec![
            Value::String("Anna".into()),
            Value::String("Bert".into()),
        ]),
    );
    let r = run(
        &mut g,
        "UNWIND $names AS n RETURN [x IN split(toLower(n), '') WHERE x <> 'n' | toUpper(x)] AS l, \
         CASE WHEN n STARTS WITH 'A' THEN 'a' ELSE 'other' END AS c",
        &params,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(show(&g, &r), "['A', 'A'] | a\n['B', 'E', 'R', 'T'] | other");
}

#[test]
fn explain_prints_an_operator_tree() {
    let text = "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(o {name: $who}) \
                WHERE s.published >= '2025-01-01' \
                RETURN p.name AS speaker, count(s) AS n ORDER BY n DESC LIMIT 10";
    insta::assert_snapshot!(explain(text).unwrap());
}

#[test]
fn explain_starts_from_a_bound_node() {
    let text = "MATCH (o:Person {name: 'Bert Muster'}) \
                OPTIONAL MATCH p = (x)-[:SAID]->()-[:ABOUT]->(o) \
                WITH o, collect(x) AS speakers \
                MERGE (o)-[:SEEN]->(:Marker) \
                RETURN o, speakers";
    insta::assert_snapshot!(explain(text).unwrap());
}

/// Starting from the name index gives the rows a scan gives, including for values the index
/// does not hold (a number, null) and for names written earlier in the same query.
#[test]
fn index_seek_matches_a_scan() {
    let mut g = Graph::new();
    let q = |g: &mut Graph, text: &str| -> Vec<String> {
        let rows = run(g, text, &Params::new(), &Options::default()).unwrap();
        let mut rows: Vec<String> = rows.rows.iter().map(|r| format!("{r:?}")).collect();
        rows.sort();
        rows
    };
    q(
        &mut g,
        "CREATE (:P {name: 'a', n: 1})-[:R]->(:P {name: 'b'}), (:P {name: 2}), (:Q {name: 'a'})",
    );
    assert_eq!(q(&mut g, "MATCH (x {name: 'a'}) RETURN labels(x)").len(), 2);
    assert_eq!(q(&mut g, "MATCH (x:Q {name: 'a'}) RETURN x.name").len(), 1);
    assert_eq!(
        q(&mut g, "MATCH (x {name: 'a'})-->(y) RETURN y.name"),
        vec![r#"[String("b")]"#]
    );
    assert_eq!(q(&mut g, "MATCH (x {name: 2}) RETURN x.name").len(), 1);
    assert_eq!(q(&mut g, "MATCH (x {name: null}) RETURN x").len(), 0);
    assert_eq!(
        q(
            &mut g,
            "MATCH (x {name: 'b'}) SET x.name = 'c' WITH x MATCH (y {name: 'c'}) RETURN y.name"
        ),
        vec![r#"[String("c")]"#]
    );
    assert_eq!(q(&mut g, "MATCH (x {name: 'b'}) RETURN x").len(), 0);
    assert_eq!(
        q(
            &mut g,
            "MATCH p = shortestPath((x {name: 'a'})-[*]-(y {name: 'c'})) RETURN length(p)"
        ),
        vec!["[Int(1)]"]
    );
}

/// DISTINCT and grouping skip rows whose variables were seen before; the answers must be
/// those of evaluating every row: equal names of different nodes still collapse, and counts
/// still count every row.
#[test]
fn distinct_and_grouping_by_variables_keep_their_meaning() {
    let mut g = Graph::new();
    let q = |g: &mut Graph, text: &str| -> Vec<String> {
        let rows = run(g, text, &Params::new(), &Options::default()).unwrap();
        rows.rows.iter().map(|r| format!("{r:?}")).collect()
    };
    q(
        &mut g,
        "CREATE (a:P {name: 'x'}), (b:P {name: 'x'}), (c:P {name: 'y'}), \
         (s:S), (a)-[:R]->(s), (b)-[:R]->(s), (c)-[:R]->(s), (a)-[:R]->(:S)",
    );
    assert_eq!(
        q(
            &mut g,
            "MATCH (p:P)-[:R]->() RETURN DISTINCT p.name ORDER BY p.name"
        ),
        vec![r#"[String("x")]"#, r#"[String("y")]"#]
    );
    assert_eq!(
        q(
            &mut g,
            "MATCH (p:P)-[:R]->() RETURN p.name, count(*) AS n ORDER BY n DESC"
        ),
        vec![r#"[String("x"), Int(3)]"#, r#"[String("y"), Int(1)]"#]
    );
    assert_eq!(
        q(
            &mut g,
            "MATCH (p:P)-[:R]->(s) WITH DISTINCT s MATCH (o)-[:R]->(s) RETURN count(*)"
        ),
        vec!["[Int(4)]"]
    );
    // rand() differs per row, so rows are not skipped by their variables.
    assert_eq!(
        q(
            &mut g,
            "MATCH (p:P)-[:R]->() WITH DISTINCT p.name + toString(rand()) AS k RETURN count(*)"
        ),
        vec!["[Int(4)]"]
    );
}

#[test]
fn explain_shows_distinct_rows_under_with_distinct() {
    let plan = explain(
        "MATCH (p1:Person)-[:SAID]->(:Statement)-[:ABOUT]->(t {name: $x}) WITH DISTINCT p1 \
         MATCH (p2:Person)-[:SAID]->(:Statement)-[:ABOUT]->(p1) RETURN DISTINCT p2.name",
    )
    .unwrap();
    insta::assert_snapshot!(plan);
}

/// The prepared-plan cache keys on the text alone: the same question with other parameters
/// gets its own answer, and a failing text fails every time.
#[test]
fn prepared_queries_take_new_parameters() {
    let mut g = Graph::new();
    let text = "MATCH (x {name: $n}) RETURN x.v";
    run(
        &mut g,
        "CREATE ({name: 'a', v: 1}), ({name: 'b', v: 2})",
        &Params::new(),
        &Options::default(),
    )
    .unwrap();
    for (n, want) in [("a", "[Int(1)]"), ("b", "[Int(2)]"), ("a", "[Int(1)]")] {
        let params = Params::from([("n".to_string(), Value::String(n.into()))]);
        let r = run(&mut g, text, &params, &Options::default()).unwrap();
        let got: Vec<String> = r.rows.iter().map(|r| format!("{r:?}")).collect();
        assert_eq!(got, vec![want]);
    }
    for _ in 0..2 {
        let e = run(
            &mut g,
            "MATCH (x RETURN x",
            &Params::new(),
            &Options::default(),
        );
        assert!(matches!(e, Err(QueryError::Syntax(_))));
    }
}

/// A graph with what the adjacency must get right: several types per node, self loops,
/// relationships in both directions between the same nodes, nodes with several labels and
/// a removed relationship whose id is free again.
fn tangled() -> Graph {
    let mut g = Graph::new();
    let a = g.add_node(Node::new("Person").with("name", "A"));
    let b = g.add_node(Node::new("Person").with("name", "B"));
    let c = g.add_node(Node::new("Organization").with("name", "C"));
    let s = g.add_node(Node::new("Statement").with("text", "s1"));
    let t = g.add_node(Node::new("Statement").with("text", "s2"));
    g.add_label(c, "Location");
    g.add_edge(a, s, Edge::new("SAID"));
    g.add_edge(s, b, Edge::new("ABOUT"));
    let gone = g.add_edge(s, c, Edge::new("TO"));
    g.add_edge(s, c, Edge::new("ABOUT").with("weight", 2i64));
    g.add_edge(b, t, Edge::new("SAID"));
    g.add_edge(t, a, Edge::new("ABOUT"));
    g.add_edge(t, c, Edge::new("ABOUT"));
    g.add_edge(a, a, Edge::new("KNOWS"));
    g.add_edge(a, b, Edge::new("KNOWS"));
    g.add_edge(b, a, Edge::new("KNOWS"));
    g.remove_edge(gone);
    g.add_edge(c, s, Edge::new("ABOUT"));
    g
}

/// Every row as text, sorted: the adjacency may list relationships in another order.
fn sorted_rows(g: &mut Graph, text: &str) -> Vec<String> {
    let rows = q(g, text);
    let mut v: Vec<String> = show(g, &rows).lines().map(str::to_string).collect();
    v.sort();
    v
}

/// Expansions by type and label checks answer the same from the adjacency as from the
/// node and relationship records, in every direction, with self loops and several labels.
#[test]
fn adjacency_answers_like_the_records() {
    let queries = [
        "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t) RETURN p, s.text, t",
        "MATCH (t)<-[:ABOUT]-(s:Statement)<-[:SAID]-(p:Person) RETURN p, s.text, t",
        "MATCH (a)-[:KNOWS]-(b) RETURN a, b",
        "MATCH (a)-[r:KNOWS]->(b) RETURN a, b, type(r)",
        "MATCH (x:Organization:Location)<-[:ABOUT]-(s) RETURN x, s.text",
        "MATCH (x:Location)-[:ABOUT]->(s:Statement)-[:ABOUT]->(y) RETURN x, s.text, y",
        "MATCH (s)-[:ABOUT {weight: 2}]->(t) RETURN s.text, t",
        "MATCH (s)-[:TO]->(t) RETURN s.text, t",
        "MATCH (s)-[:NO_SUCH]->(t) RETURN s, t",
        "MATCH (p:Person)-[:SAID]->(s) WITH DISTINCT p MATCH (q)-[:KNOWS]->(p) RETURN q, p",
        "MATCH (p:Person)-[:SAID]->(:Statement)-[:ABOUT]->(t) RETURN t.name AS t, count(*) AS n",
        "MATCH (a {name: 'A'})-[:KNOWS*1..3]-(b) RETURN a, b",
        // The last step walked in place (`emit_last`): relationship uniqueness across
        // steps and parts, self loops in both directions, a label to check at the end.
        "MATCH (a)-[:KNOWS]-(b)-[:KNOWS]-(c) RETURN a, b, c",
        "MATCH (a)-[:KNOWS]->(b)-[:KNOWS]->(c:Person) RETURN a, b, c",
        "MATCH (a)-[k:KNOWS]->(b), (b)-[:KNOWS]->(c)-[:KNOWS]->(d) RETURN a, type(k), b, c, d",
        "MATCH p = shortestPath((a {name: 'A'})-[*..5]-(c {name: 'C'})) RETURN length(p)",
    ];
    let mut records = tangled();
    let mut compact = tangled();
    compact.build_adjacency();
    for text in queries {
        let want = sorted_rows(&mut records, text);
        assert!(compact.has_adjacency(), "reads keep the adjacency");
        assert_eq!(sorted_rows(&mut compact, text), want, "{text}");
    }
    assert!(!sorted_rows(&mut compact, queries[0]).is_empty());
}

/// Without an adjacency, a long list is walked by type with the next nodes' records asked
/// for ahead: the rows are those of the filtered walk, in the order the relationships were
/// made, whatever other types and speakers the list holds, and the adjacency finds the same.
#[test]
fn long_walks_without_adjacency_keep_rows_and_order() {
    if std::env::var_os("WHOSAID_ADJACENCY").is_some() {
        // The variable decides whether there is an adjacency, which this test is about.
        return;
    }
    let build = || {
        let mut g = Graph::new();
        let hub = g.add_node(Node::new("Country").with("name", "H"));
        let people: Vec<_> = (0..5)
            .map(|i| g.add_node(Node::new("Person").with("name", format!("P{i}"))))
            .collect();
        let org = g.add_node(Node::new("Organization").with("name", "O"));
        for i in 0..80 {
            let s = g.add_node(Node::new("Statement").with("text", format!("s{i}")));
            g.add_edge(s, hub, Edge::new(if i % 4 == 3 { "TO" } else { "ABOUT" }));
            if i % 7 == 0 {
                g.add_edge(org, s, Edge::new("SAID"));
            }
            if i % 6 != 5 {
                g.add_edge(people[i % 5], s, Edge::new("SAID"));
            }
            if i % 9 == 0 {
                // A node that is not a statement, about the hub as well.
                let n = g.add_node(Node::new("Event").with("name", format!("e{i}")));
                g.add_edge(n, hub, Edge::new("ABOUT"));
                g.add_edge(people[0], n, Edge::new("SAID"));
            }
        }
        g
    };
    let text = "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: 'H'}) \
                RETURN p.name, s.text";
    let want: Vec<String> = (0..80)
        .filter(|i| i % 4 != 3 && i % 6 != 5)
        .map(|i| format!("P{} | s{i}", i % 5))
        .collect();
    let mut records = build();
    let rows = q(&mut records, text);
    assert!(!records.has_adjacency(), "one walk of 80 builds none");
    assert_eq!(show(&records, &rows).lines().collect::<Vec<_>>(), want);
    let mut compact = build();
    compact.build_adjacency();
    let mut sorted = want.clone();
    sorted.sort();
    assert_eq!(sorted_rows(&mut compact, text), sorted);
}

/// A write drops the adjacency, so the next read sees the new relationship and label.
#[test]
fn adjacency_follows_writes() {
    let mut g = tangled();
    g.build_adjacency();
    let before = sorted_rows(&mut g, "MATCH (x:Location)<-[:ABOUT]-(s) RETURN x, s.text");
    assert_eq!(before.len(), 2);
    q(
        &mut g,
        "MATCH (s:Statement {text: 's1'}), (b {name: 'B'}) CREATE (s)-[:ABOUT]->(b)",
    );
    assert!(!g.has_adjacency(), "a write drops the adjacency");
    g.build_adjacency();
    q(&mut g, "MATCH (b {name: 'B'}) SET b:Location");
    assert!(!g.has_adjacency());
    g.build_adjacency();
    let after = sorted_rows(&mut g, "MATCH (x:Location)<-[:ABOUT]-(s) RETURN x, s.text");
    assert_eq!(
        after,
        vec!["(B) | s1", "(B) | s1", "(C) | s1", "(C) | s2"],
        "the new relationship and label are seen"
    );
    q(
        &mut g,
        "MATCH (x:Location)<-[r:ABOUT]-(s {text: 's2'}) DELETE r",
    );
    g.build_adjacency();
    let last = sorted_rows(&mut g, "MATCH (x:Location)<-[:ABOUT]-(s) RETURN x, s.text");
    assert_eq!(last, vec!["(B) | s1", "(B) | s1", "(C) | s1"]);
}

/// Queries that walk many relationships build the adjacency by themselves; small ones and
/// graphs that keep changing do not pay for it.
#[test]
fn adjacency_is_built_on_demand() {
    if std::env::var_os("WHOSAID_ADJACENCY").is_some() {
        // The variable overrides the demand rule this test is about.
        return;
    }
    let mut g = Graph::new();
    let hub = g.add_node(Node::new("Person").with("name", "Hub"));
    for i in 0..3000 {
        let s = g.add_node(Node::new("Statement").with("text", format!("s{i}")));
        g.add_edge(s, hub, Edge::new("ABOUT"));
    }
    let text = "MATCH (s:Statement)-[:ABOUT]->(t {name: 'Hub'}) RETURN count(*)";
    q(&mut g, text);
    assert!(!g.has_adjacency(), "one walk of 3,000 is not worth a build");
    for _ in 0..3 {
        q(&mut g, text);
    }
    assert!(
        g.has_adjacency(),
        "a graph that is read again and again gets one"
    );
    let rows = q(&mut g, text);
    assert_eq!(show(&g, &rows), "3000");
}

/// DISTINCT and grouping by a node stay exact when so many nodes were seen that they are
/// kept in an array by node id instead of a map.
#[test]
fn distinct_nodes_past_the_map_stay_exact() {
    let mut g = Graph::new();
    for i in 0..5000 {
        let p = g.add_node(Node::new("Person").with("name", format!("P{}", i % 4999)));
        for k in 0..2 {
            let s = g.add_node(Node::new("Statement").with("text", format!("{i}.{k}")));
            g.add_edge(p, s, Edge::new("SAID"));
        }
    }
    let count = |g: &mut Graph, text: &str| {
        let rows = q(g, text);
        show(g, &rows)
    };
    assert_eq!(
        count(
            &mut g,
            "MATCH (p:Person)-[:SAID]->(s) WITH DISTINCT p RETURN count(*)"
        ),
        "5000"
    );
    // Two people share the name P0, so grouping by name merges their statements.
    assert_eq!(
        count(
            &mut g,
            "MATCH (p:Person)-[:SAID]->(s) WITH p.name AS name, count(*) AS n \
             RETURN n, count(*) ORDER BY n"
        ),
        "2 | 4998\n4 | 1"
    );
    assert_eq!(
        count(
            &mut g,
            "MATCH (p:Person)-[:SAID]->(s) RETURN count(DISTINCT p.name)"
        ),
        "4999"
    );
}

/// ORDER BY with LIMIT sorts only the rows it keeps, and keeps exactly the rows (ties in
/// their earlier order) a full sort would.
#[test]
fn order_by_with_limit_keeps_what_a_full_sort_keeps() {
    let mut g = Graph::new();
    let full = q(
        &mut g,
        "UNWIND [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5] AS x \
         RETURN x, toString(x) + '.' AS s ORDER BY x DESC",
    );
    for (skip, limit) in [(0, 3), (1, 2), (2, 5), (0, 0), (10, 5), (0, 20)] {
        let text = format!(
            "UNWIND [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5] AS x \
             RETURN x, toString(x) + '.' AS s ORDER BY x DESC SKIP {skip} LIMIT {limit}"
        );
        let part = q(&mut g, &text);
        let want: Vec<String> = show(&g, &full)
            .lines()
            .skip(skip)
            .take(limit)
            .map(str::to_string)
            .collect();
        let got = show(&g, &part);
        assert_eq!(got.lines().collect::<Vec<_>>(), want, "{text}");
    }
    // Ties keep the order they had: the first of the equal keys comes first.
    let tied = q(
        &mut g,
        "UNWIND [[1, 'a'], [2, 'b'], [1, 'c'], [2, 'd'], [1, 'e']] AS p \
         RETURN p[1] AS name ORDER BY p[0] LIMIT 2",
    );
    assert_eq!(show(&g, &tied), "a\nc");
}

/// Properties read in batches (`Return` of `x.key` items only) give the rows, in the order,
/// that reading them row by row gives: across batch boundaries, for relationships, for the
/// nulls of an OPTIONAL MATCH and for elements without the property.
#[test]
fn batched_property_reads_match_row_by_row_reads() {
    let mut g = Graph::new();
    let hub = g.add_node(Node::new("Person").with("name", "Hub"));
    for i in 0..100 {
        let mut s = Node::new("Statement");
        if i % 7 != 3 {
            s = s.with("text", format!("s{i}"));
        }
        let s = g.add_node(s);
        g.add_edge(s, hub, Edge::new("ABOUT").with("weight", i as i64));
        if i % 3 == 0 {
            let p = g.add_node(Node::new("Person").with("name", format!("p{i}")));
            g.add_edge(p, s, Edge::new("SAID"));
        }
    }
    let text = "MATCH (s:Statement)-[r:ABOUT]->(h {name: 'Hub'}) \
                OPTIONAL MATCH (p)-[:SAID]->(s) RETURN s.text, r.weight, p.name";
    // An item that is not `x.key` makes the projection read row by row.
    let one_by_one = "MATCH (s:Statement)-[r:ABOUT]->(h {name: 'Hub'}) \
                      OPTIONAL MATCH (p)-[:SAID]->(s) RETURN s.text, r.weight, p.name, 1";
    let batched = q(&mut g, text);
    let plain = q(&mut g, one_by_one);
    assert_eq!(batched.rows.len(), 100);
    let plain: Vec<Vec<Value>> = plain
        .rows
        .into_iter()
        .map(|mut r| {
            r.pop();
            r
        })
        .collect();
    assert_eq!(
        show(&g, &batched),
        show(
            &g,
            &Rows {
                rows: plain,
                ..Rows::default()
            }
        )
    );
    assert!(show(&g, &batched).lines().any(|l| l == "null | 3 | p3"));
    assert!(explain(text).unwrap().contains("BatchedReads"));
    assert!(!explain(one_by_one).unwrap().contains("BatchedReads"));
    // A value that is not an element still fails as it does row by row.
    let e = err(&mut g, "UNWIND [1] AS x RETURN x.name");
    assert!(
        e.to_string().contains("Int") || e.to_string().contains("integer"),
        "{e}"
    );
}

/// Grouping finds groups by one hash of their key values: equal keys from different nodes
/// (two people of one name) fall in one group, equivalent numbers too, and groups come out
/// in the order they were first seen.
#[test]
fn groups_merge_equal_keys_in_first_seen_order() {
    let mut g = Graph::new();
    for (name, said) in [("B", 2), ("A", 1), ("B", 3), ("C", 1)] {
        let p = g.add_node(Node::new("Person").with("name", name));
        for k in 0..said {
            let s = g.add_node(Node::new("Statement").with("text", format!("{name}{k}")));
            g.add_edge(p, s, Edge::new("SAID"));
        }
    }
    let text = "MATCH (p:Person)-[:SAID]->(s) RETURN p.name, count(*) AS n";
    let rows = q(&mut g, text);
    assert_eq!(show(&g, &rows), "B | 5\nA | 1\nC | 1");
    assert!(
        explain(text).unwrap().contains("by [p]"),
        "{}",
        explain(text).unwrap()
    );
    let rows = q(
        &mut g,
        "UNWIND [1, 1.0, 2, null, null, 2.5] AS x RETURN x, count(*)",
    );
    assert_eq!(show(&g, &rows), "1 | 2\n2 | 1\nnull | 2\n2.5 | 1");
    // Without keys there is one group, even over no rows.
    let rows = q(&mut g, "MATCH (x:Nobody) RETURN count(*)");
    assert_eq!(show(&g, &rows), "0");
}

/// `count(*)` grouped by one node's properties counts rows per node and reads the keys at
/// the end; it must give exactly what grouping row by row gives (here forced by `count(1)`,
/// which no row's value can make null): nodes of one name merge, a missing name and an
/// OPTIONAL MATCH's null fall in one group, groups keep the order of their first rows, and
/// more than `DENSE_AFTER` nodes move the counts from a map into an array.
#[test]
fn counting_per_node_equals_grouping_row_by_row() {
    let mut g = Graph::new();
    let hub = g.add_node(Node::new("Topic").with("name", "Hub"));
    let mut people = Vec::new();
    for i in 0..6000 {
        // Every seventh person shares a name with another; every eleventh has none.
        let mut p = Node::new("Person");
        if i % 11 != 0 {
            p = p.with("name", format!("p{}", if i % 7 == 0 { i % 13 } else { i }));
        }
        people.push(g.add_node(p));
    }
    for i in 0..12_000usize {
        let s = g.add_node(Node::new("Statement").with("text", format!("s{i}")));
        g.add_edge(s, hub, Edge::new("ABOUT"));
        // Every fifth statement has no speaker; the others go round all people.
        if i % 5 != 0 {
            let p = people[(i * 7919) % people.len()];
            g.add_edge(p, s, Edge::new("SAID"));
        }
    }
    let per_node = "MATCH (s:Statement)-[:ABOUT]->(h {name: 'Hub'}) OPTIONAL MATCH \
                    (p:Person)-[:SAID]->(s) RETURN p.name AS who, count(*) AS n, \
                    count(*) * 2 + size(coalesce(p.name, '')) AS m";
    let row_by_row = per_node.replace("count(*)", "count(1)");
    let plan = explain(per_node).unwrap();
    assert!(plan.contains("by [p] counted per node"), "{plan}");
    assert!(!explain(&row_by_row).unwrap().contains("counted per node"));
    let a = q(&mut g, per_node);
    let a = show(&g, &a);
    let b = q(&mut g, &row_by_row);
    let b = show(&g, &b);
    assert_eq!(a, b);
    // The null group holds the speakerless statements and the nameless speakers' ones.
    let nulls = a
        .lines()
        .find(|l| l.starts_with("null |"))
        .unwrap_or_default();
    let n: i64 = nulls
        .split(" | ")
        .nth(1)
        .unwrap_or("0")
        .parse()
        .unwrap_or(0);
    assert!(n > 12_000 / 5, "{nulls}");
    assert!(a.lines().count() > 1000);
    // Ordered and limited as the bench's top ten is.
    let top = "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: 'Hub'}) \
               RETURN p.name AS who, count(*) AS n ORDER BY n DESC LIMIT 10";
    let a = q(&mut g, top);
    let a = show(&g, &a);
    let b = q(&mut g, &top.replace("count(*)", "count(1)"));
    let b = show(&g, &b);
    assert_eq!(a, b);
    assert_eq!(a.lines().count(), 10);
    // The node itself as the key: no two nodes merge.
    let rows = q(
        &mut g,
        "MATCH (p:Person)-[:SAID]->(s) WITH p, count(*) AS n RETURN count(*), sum(n)",
    );
    assert_eq!(show(&g, &rows).split(" | ").nth(1), Some("9600"));
}

/// An item that reads the group's other rows, a WITH ... WHERE, or an aggregate other than
/// `count(*)` keeps grouping row by row.
#[test]
fn counting_per_node_only_where_it_is_exact() {
    for text in [
        "MATCH (p:Person)-[:SAID]->(s) RETURN p.name, count(s)",
        "MATCH (p:Person)-[:SAID]->(s) RETURN p.name, count(*), collect(s.text)",
        "MATCH (p:Person)-[:SAID]->(s) WITH p.name AS n, count(*) AS c WHERE c > 1 RETURN n",
        "MATCH (p:Person)-[:SAID]->(s) RETURN p.name + 'x', count(*)",
        "MATCH (p:Person)-[:SAID]->(s) RETURN p.name, s.text, count(*)",
    ] {
        let plan = explain(text).unwrap();
        assert!(!plan.contains("counted per node"), "{text}\n{plan}");
    }
    let plan = explain("MATCH (p:Person)-[:SAID]->(s) RETURN p, p.name, count(*)").unwrap();
    assert!(plan.contains("counted per node"), "{plan}");
}

/// A graph for counting walks: statements about a hub said by people (some sharing a name,
/// some without one), a few statements said by an organisation, people who know each other
/// (with a self loop), and relationships in both directions between the same nodes.
fn speakers() -> Graph {
    let mut g = Graph::new();
    let hub = g.add_node(Node::new("Topic").with("name", "Hub"));
    let org = g.add_node(Node::new("Organization").with("name", "p3"));
    let mut people = Vec::new();
    for i in 0..40 {
        let mut p = Node::new("Person");
        if i % 9 != 0 {
            p = p.with("name", format!("p{}", i % 17));
        }
        people.push(g.add_node(p));
    }
    for i in 0..300usize {
        let s = g.add_node(Node::new("Statement").with("text", format!("s{i}")));
        g.add_edge(s, hub, Edge::new("ABOUT"));
        if i % 4 == 1 {
            g.add_edge(s, people[i % 40], Edge::new("ABOUT"));
        }
        match i % 13 {
            0 => {}
            1 => {
                g.add_edge(org, s, Edge::new("SAID"));
            }
            _ => {
                g.add_edge(people[(i * 7) % 40], s, Edge::new("SAID"));
                if i % 5 == 0 {
                    // A second speaker.
                    g.add_edge(people[(i * 3) % 40], s, Edge::new("SAID"));
                }
            }
        }
    }
    for i in 0..40 {
        g.add_edge(people[i], people[(i * 11 + 3) % 40], Edge::new("KNOWS"));
        if i % 6 == 0 {
            g.add_edge(people[(i * 11 + 3) % 40], people[i], Edge::new("KNOWS"));
        }
    }
    g.add_edge(people[5], people[5], Edge::new("KNOWS"));
    g
}

/// Counting in the walk (`CountingExpand`) gives exactly the rows, in the order, that
/// matching row by row and grouping gives (forced by `count(1)`, which the plan does not
/// count per node), with the adjacency and without it: nodes of one name merge, labels the
/// relationship type does not imply are checked, two steps of one type use a relationship
/// once, undirected steps list self loops once, a start node bound by an earlier clause or
/// found several times by UNWIND is walked from each time, and ORDER BY ... LIMIT keeps the
/// first of equal counts.
#[test]
fn counting_in_the_walk_equals_matching_row_by_row() {
    let queries = [
        "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: 'Hub'}) \
         RETURN p.name AS speaker, count(*) AS n ORDER BY n DESC LIMIT 10",
        "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: 'Hub'}) \
         RETURN p.name AS speaker, count(*) AS n ORDER BY n DESC LIMIT 3",
        "MATCH (p)-[:SAID]->(:Statement)-[:ABOUT]->(t {name: 'Hub'}) RETURN p.name, count(*)",
        // Only the first SKIP + LIMIT groups by count make rows (ties by first row).
        "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: 'Hub'}) \
         RETURN p.name AS speaker, count(*) AS n ORDER BY n SKIP 2 LIMIT 4",
        "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: 'Hub'}) \
         RETURN count(*) AS n, p.name AS speaker ORDER BY n DESC LIMIT 0",
        "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: 'Hub'}) \
         RETURN p.name AS speaker, count(*) AS n ORDER BY n DESC SKIP 3 LIMIT 1000",
        "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: 'Hub'}) \
         RETURN p AS speaker, count(*) AS n ORDER BY n DESC LIMIT 7",
        "MATCH (t {name: 'Hub'})<-[:ABOUT]-(s)<-[:SAID]-(p:Person) RETURN p, count(*) AS n",
        "MATCH (t:Topic) MATCH (t)<-[:ABOUT]-()<-[:SAID]-(p) RETURN p.name, p, count(*)",
        "UNWIND [1, 2, 1] AS k MATCH (t {name: 'Hub'}) WITH t, k \
         MATCH (t)<-[:ABOUT]-(s)<-[:SAID]-(p:Person) RETURN p.name, count(*) AS n",
        "MATCH (a:Person)-[:KNOWS]-(b)-[:KNOWS]-(c) RETURN c.name, count(*) AS n",
        "MATCH (a:Person)-[:KNOWS]->(b)-[:KNOWS]->(c)-[:KNOWS]->(d:Person) \
         RETURN d.name, count(*) AS n ORDER BY n DESC, d.name",
        "MATCH (a:Person)-[:KNOWS]-(b:Person) RETURN b.name AS b, count(*) AS n",
        "MATCH (s:Statement)-[:ABOUT]->(x:Person) RETURN x.name, count(*)",
        "MATCH (s:Statement)<-[:SAID]-(x:Organization) RETURN x.name, count(*)",
        "MATCH (s:Statement)-[:NO_SUCH]->(x) RETURN x.name, count(*)",
        "MATCH (s:Statement)-[:ABOUT]->(x:NoSuchLabel) RETURN x.name, count(*)",
        "MATCH (t {name: 'Nobody'})<-[:ABOUT]-(s)<-[:SAID]-(p) RETURN p.name, count(*)",
    ];
    let mut records = speakers();
    let mut compact = speakers();
    compact.build_adjacency();
    for text in queries {
        let plan = explain(text).unwrap();
        assert!(plan.contains("CountingExpand"), "{text}\n{plan}");
        let row_by_row = text.replace("count(*)", "count(1)");
        assert!(!explain(&row_by_row).unwrap().contains("CountingExpand"));
        let want = q(&mut records, &row_by_row);
        let want = show(&records, &want);
        let slow = q(&mut records, text);
        assert_eq!(show(&records, &slow), want, "{text}");
        let fast = q(&mut compact, text);
        assert_eq!(show(&compact, &fast), want, "{text}");
        assert!(compact.has_adjacency(), "reads keep the adjacency");
    }
    // The walk finds what it should, not only what the slow path finds.
    let rows = q(
        &mut compact,
        "MATCH (p)-[:SAID]->(:Statement)-[:ABOUT]->({name: 'Hub'}) RETURN count(*)",
    );
    let said = q(
        &mut compact,
        "MATCH (p)-[:SAID]->(s:Statement)-[:ABOUT]->({name: 'Hub'}) \
         RETURN p.name AS name, count(*) AS n",
    );
    let total: i64 = said
        .rows
        .iter()
        .map(|r| match r[1] {
            Value::Int(n) => n,
            _ => 0,
        })
        .sum();
    assert_eq!(show(&compact, &rows), total.to_string());
    assert!(total > 250, "{total}");
    // `p3` is a person's name and the organisation's: one group.
    assert_eq!(
        said.rows
            .iter()
            .filter(|r| matches!(&r[0], Value::String(s) if s.as_str() == "p3"))
            .count(),
        1
    );
}

/// The top speakers about an entity: the walk below the aggregation counts speakers as it
/// goes (`CountingExpand`), and the aggregation then reads one name per speaker.
#[test]
fn explain_shows_a_counting_expand() {
    let text = "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: $x}) \
                RETURN p.name AS speaker, count(*) AS n ORDER BY n DESC LIMIT 10";
    insta::assert_snapshot!(explain(text).unwrap());
}

/// The walk counts only where no row must be seen whole: a WHERE, a relationship variable
/// or property map, a property map or a repeated or earlier-bound variable after the start,
/// a path variable, a variable length, several types, OPTIONAL MATCH, several parts, a
/// grouping variable that is not the last node, and aggregations not counted per node.
#[test]
fn counting_in_the_walk_only_where_it_is_exact() {
    for text in [
        "MATCH (p)-[:SAID]->(s)-[:ABOUT]->(t {name: 'Hub'}) WHERE s.text <> 'x' \
         RETURN p.name, count(*)",
        "MATCH (t {name: 'Hub'})<-[r:ABOUT]-(s)<-[:SAID]-(p) RETURN p.name, count(*)",
        "MATCH (t {name: 'Hub'})<-[:ABOUT {w: 1}]-(s)<-[:SAID]-(p) RETURN p.name, count(*)",
        "MATCH (t {name: 'Hub'})<-[:ABOUT]-(s {text: 's1'})<-[:SAID]-(p) RETURN p.name, count(*)",
        "MATCH (t {name: 'Hub'})<-[:ABOUT]-(s)<-[:SAID]-(s) RETURN s.name, count(*)",
        "MATCH (a:Person)-[:KNOWS]->(b)-[:KNOWS]->(a) RETURN a.name, count(*)",
        "MATCH (p:Person) MATCH (t {name: 'Hub'})<-[:ABOUT]-(s)<-[:SAID]-(p) \
         RETURN p.name, count(*)",
        "MATCH x = (t {name: 'Hub'})<-[:ABOUT]-(s)<-[:SAID]-(p) RETURN p.name, count(*)",
        "MATCH (t {name: 'Hub'})<-[:ABOUT*1..2]-(s)<-[:SAID]-(p) RETURN p.name, count(*)",
        "MATCH (t {name: 'Hub'})<-[:ABOUT|SAID]-(s)<-[:SAID]-(p) RETURN p.name, count(*)",
        "MATCH (t {name: 'Hub'}) OPTIONAL MATCH (t)<-[:ABOUT]-(s)<-[:SAID]-(p) \
         RETURN p.name, count(*)",
        "MATCH (t {name: 'Hub'})<-[:ABOUT]-(s), (s)<-[:SAID]-(p) RETURN p.name, count(*)",
        "MATCH (t {name: 'Hub'})<-[:ABOUT]-(s)<-[:SAID]-(p) RETURN s.text, count(*)",
        "MATCH (t {name: 'Hub'})<-[:ABOUT]-(s)<-[:SAID]-(p) RETURN p.name, count(s)",
        "MATCH (t {name: 'Hub'})<-[:ABOUT]-(s)<-[:SAID]-(p) RETURN p.name, s.text",
    ] {
        let plan = explain(text).unwrap();
        assert!(!plan.contains("CountingExpand"), "{text}\n{plan}");
    }
}

/// A counting walk keeps the row budget and the cancellation flag of row-by-row matching.
#[test]
fn counting_in_the_walk_keeps_its_budget() {
    let mut g = speakers();
    g.build_adjacency();
    let text = "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: 'Hub'}) \
                RETURN p.name, count(*)";
    let opts = Options {
        max_rows: 100,
        ..Options::default()
    };
    let e = run(&mut g, text, &Params::new(), &opts).unwrap_err();
    assert_eq!(e, QueryError::LimitExceeded { limit: 100 });
    let cancelled = Options {
        cancel: Arc::new(AtomicBool::new(true)),
        ..Options::default()
    };
    // Over a thousand units of work, so that the flag is read at least once.
    let mut big = Graph::new();
    let hub = big.add_node(Node::new("Topic").with("name", "Hub"));
    let people: Vec<_> = (0..10)
        .map(|i| big.add_node(Node::new("Person").with("name", format!("p{i}"))))
        .collect();
    for i in 0..2000 {
        let s = big.add_node(Node::new("Statement"));
        big.add_edge(s, hub, Edge::new("ABOUT"));
        big.add_edge(people[i % 10], s, Edge::new("SAID"));
    }
    big.build_adjacency();
    assert!(explain(text).unwrap().contains("CountingExpand"));
    let e = run(&mut big, text, &Params::new(), &cancelled);
    assert_eq!(e.unwrap_err(), QueryError::Cancelled);
    let rows = q(&mut big, text);
    assert_eq!(rows.rows.len(), 10);
}

/// The last step of a match walked straight from petgraph's lists (no adjacency): only
/// its type and direction, only far nodes with its labels, every speaker of a statement in
/// creation order, and the same rows as through the adjacency.
#[test]
fn last_step_without_adjacency() {
    let mut g = Graph::new();
    let hub = g.add_node(Node::new("Topic").with("name", "Hub"));
    let anna = g.add_node(Node::new("Person").with("name", "Anna"));
    let bert = g.add_node(Node::new("Person").with("name", "Bert"));
    let acme = g.add_node(Node::new("Organization").with("name", "Acme"));
    let doc = g.add_node(Node::new("Document").with("name", "a.txt"));
    let s: Vec<_> = (1..=4)
        .map(|i| g.add_node(Node::new("Statement").with("text", format!("s{i}"))))
        .collect();
    g.add_edge(anna, s[0], Edge::new("SAID"));
    g.add_edge(s[0], hub, Edge::new("ABOUT"));
    g.add_edge(s[0], doc, Edge::new("IN"));
    g.add_edge(bert, s[1], Edge::new("SAID"));
    g.add_edge(anna, s[1], Edge::new("SAID"));
    g.add_edge(s[1], hub, Edge::new("ABOUT"));
    g.add_edge(acme, s[2], Edge::new("SAID"));
    g.add_edge(s[2], hub, Edge::new("ABOUT"));
    g.add_edge(anna, s[3], Edge::new("MENTIONS"));
    g.add_edge(s[3], hub, Edge::new("ABOUT"));
    let text = "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: 'Hub'}) \
                RETURN p.name, s.text";
    // WHOSAID_ADJACENCY=eager builds an adjacency for every graph; the rows stay the same.
    let forced = std::env::var_os("WHOSAID_ADJACENCY").is_some();
    let listed = q(&mut g, text);
    assert!(
        forced || !g.has_adjacency(),
        "a small walk builds no adjacency"
    );
    assert_eq!(show(&g, &listed), "Anna | s1\nBert | s2\nAnna | s2");
    g.build_adjacency();
    let adjacent = q(&mut g, text);
    assert_eq!(show(&g, &adjacent), show(&g, &listed));
}

/// The last step walked from the lists still uses each relationship once per match.
#[test]
fn last_step_without_adjacency_keeps_relationships_unique() {
    let mut g = Graph::new();
    let x = g.add_node(Node::new("N").with("name", "x"));
    let y = g.add_node(Node::new("N").with("name", "y"));
    let z = g.add_node(Node::new("N").with("name", "z"));
    g.add_edge(x, y, Edge::new("R"));
    g.add_edge(z, y, Edge::new("R"));
    let rows = q(
        &mut g,
        "MATCH (a {name: 'x'})-[:R]->(b)<-[:R]-(c) RETURN c.name",
    );
    assert_eq!(
        show(&g, &rows),
        "z",
        "not x again through the same relationship"
    );
}

/// SKIP and LIMIT on a plain projection cut the projected rows as they are; ORDER BY on a
/// variable that is not returned still sees each row's source.
#[test]
fn plain_projection_skip_limit_and_sources() {
    let mut g = Graph::new();
    for (i, name) in ["a", "b", "c", "d"].iter().enumerate() {
        g.add_node(Node::new("N").with("name", *name).with("v", 4 - i as i64));
    }
    let names = |g: &mut Graph, text: &str| {
        let rows = q(g, text);
        show(g, &rows)
    };
    assert_eq!(
        names(&mut g, "MATCH (n:N) RETURN n.name SKIP 1 LIMIT 2"),
        "b\nc"
    );
    assert_eq!(names(&mut g, "MATCH (n:N) RETURN n.name SKIP 9"), "");
    assert_eq!(names(&mut g, "MATCH (n:N) RETURN n.name LIMIT 0"), "");
    assert_eq!(
        names(&mut g, "MATCH (n:N) RETURN n.name SKIP 3 LIMIT 5"),
        "d"
    );
    assert_eq!(
        names(&mut g, "MATCH (n:N) RETURN n.name ORDER BY n.v LIMIT 3"),
        "d\nc\nb"
    );
    assert_eq!(
        names(
            &mut g,
            "MATCH (n:N) WITH n.name AS m, n.v AS v WHERE v > 2 RETURN m"
        ),
        "a\nb"
    );
}

/// A long first walk sizes the projection's rows by its length; statements with no speaker
/// or two make fewer or more rows than that, and all come out, in order.
#[test]
fn long_walk_rows_are_all_there_whatever_their_number() {
    let mut g = Graph::new();
    let hub = g.add_node(Node::new("Topic").with("name", "Hub"));
    let people: Vec<_> = (0..5)
        .map(|i| g.add_node(Node::new("Person").with("name", format!("p{i}"))))
        .collect();
    let mut want = Vec::new();
    for i in 0..100 {
        let s = g.add_node(Node::new("Statement").with("text", format!("s{i}")));
        g.add_edge(s, hub, Edge::new("ABOUT"));
        // No speaker, one, or two.
        for k in 0..i % 3 {
            let p = (i + k) % 5;
            g.add_edge(people[p], s, Edge::new("SAID"));
            want.push(format!("p{p} | s{i}"));
        }
    }
    let text = "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: 'Hub'}) \
                RETURN p.name, s.text";
    let rows = q(&mut g, text);
    assert_eq!(show(&g, &rows), want.join("\n"));
    let limited = q(&mut g, &format!("{text} SKIP 90 LIMIT 5"));
    assert_eq!(show(&g, &limited), want[90..95].join("\n"));
}
