//! The export front door: option checks, selections and where output goes.

mod export_support;

use export_support::small_graph;
use whosaid::export::render::{RenderFormat, Renderer};
use whosaid::export::{ExportError, Format, Request, Selection, Written, run};

#[test]
fn formats_parse_by_name() {
    assert_eq!("neo4j-csv".parse::<Format>().unwrap(), Format::Neo4jCsv);
    assert_eq!("GraphML".parse::<Format>().unwrap(), Format::Graphml);
    assert!(matches!(
        "gexf".parse::<Format>(),
        Err(ExportError::UnknownFormat(_))
    ));
}

#[test]
fn impossible_combinations_are_errors() {
    let s = small_graph();
    let mut out = Vec::new();
    let mut req = Request::new(Format::Neo4jCsv);
    assert!(matches!(
        run(&s.graph, &req, &mut out),
        Err(ExportError::NeedsFolder)
    ));
    req = Request::new(Format::Graphml);
    req.render = Some(RenderFormat::Svg);
    assert!(matches!(
        run(&s.graph, &req, &mut out),
        Err(ExportError::RenderNeedsDot(_))
    ));
    req = Request::new(Format::Dot);
    req.render = Some(RenderFormat::Png);
    assert!(matches!(
        run(&s.graph, &req, &mut out),
        Err(ExportError::RenderNeedsFile(_))
    ));
    req = Request::new(Format::Jsonl);
    req.selection = Selection::Around {
        name: "Kiew".into(),
        depth: 1,
    };
    assert!(matches!(
        run(&s.graph, &req, &mut out),
        Err(ExportError::JsonlWholeOnly)
    ));
    req = Request::new(Format::Dot);
    req.selection = Selection::Around {
        name: "Niemand".into(),
        depth: 1,
    };
    let err = run(&s.graph, &req, &mut out).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no entity named \"Niemand\" (names and aliases are compared case-insensitively)"
    );
    assert!(out.is_empty(), "nothing is written when the request fails");
}

#[test]
fn dot_goes_to_stdout_or_a_file_and_renders() {
    let s = small_graph();
    let mut out = Vec::new();
    let mut req = Request::new(Format::Dot);
    req.selection = Selection::Ids {
        nodes: vec![s.merz, s.kiew],
        edges: vec![],
    };
    assert_eq!(run(&s.graph, &req, &mut out).unwrap(), Written::Stdout);
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("Friedrich Merz") && text.contains("Kiew"));
    let dir = tempfile::tempdir().unwrap();
    if Renderer::new().available() {
        let path = dir.path().join("merz.svg");
        req.render = Some(RenderFormat::Svg);
        req.output = Some(path.clone());
        assert_eq!(
            run(&s.graph, &req, &mut Vec::new()).unwrap(),
            Written::File(path.clone())
        );
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("Friedrich Merz")
        );
        // The extension alone asks for a picture.
        let png = dir.path().join("merz.png");
        req.render = None;
        req.output = Some(png.clone());
        run(&s.graph, &req, &mut Vec::new()).unwrap();
        assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    } else {
        eprintln!("render check: skipped (Graphviz `dot` not on PATH)");
    }
    let mut req = Request::new(Format::Neo4jCsv);
    req.output = Some(dir.path().join("csv"));
    match run(&s.graph, &req, &mut Vec::new()).unwrap() {
        Written::Folder(stats) => assert_eq!(stats.nodes, s.graph.node_count()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_query_result_becomes_a_selection() {
    let mut s = small_graph();
    let rows = whosaid::query::run(
        &mut s.graph,
        "MATCH p = (a:Person)-[:SAID]->(st:Statement)-[:ABOUT]->(t {name: 'Ukraine'}) RETURN p, [a] AS speakers",
        &Default::default(),
        &Default::default(),
    )
    .unwrap();
    let sel = Selection::of_rows(&rows);
    let Selection::Ids { nodes, edges } = &sel else {
        panic!("{sel:?}")
    };
    // Two paths of three nodes and two relationships, plus each speaker again in the list.
    assert_eq!((nodes.len(), edges.len()), (8, 4));
    let mut req = Request::new(Format::Dot);
    req.selection = sel;
    let mut out = Vec::new();
    run(&s.graph, &req, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    // Collapsed: each speaker → Ukraine; edges between the returned nodes come along (the
    // second statement is also about Merz, and Selenskyj MET Merz).
    let edges: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  n") && l.contains(" -> "))
        .map(|l| l.split(" [").next().unwrap().trim())
        .collect();
    assert_eq!(
        edges,
        ["n2 -> n4", "n3 -> n2", "n3 -> n4", "n3 -> n2"],
        "{text}"
    );
}

#[test]
fn files_appear_only_when_complete() {
    let s = small_graph();
    let dir = tempfile::tempdir().unwrap();
    let mut req = Request::new(Format::Graphml);
    req.output = Some(dir.path().join("g.graphml"));
    assert_eq!(
        run(&s.graph, &req, &mut Vec::new()).unwrap(),
        Written::File(dir.path().join("g.graphml"))
    );
    let text = std::fs::read_to_string(dir.path().join("g.graphml")).unwrap();
    assert!(text.ends_with("</graphml>\n"));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["g.graphml"], "no temporary file is left");
    req.output = Some(dir.path().join("missing/folder/g.graphml"));
    let err = run(&s.graph, &req, &mut Vec::new()).unwrap_err();
    assert!(matches!(err, ExportError::Write { .. }), "{err:?}");
    assert!(err.to_string().starts_with("could not write "), "{err}");
}
