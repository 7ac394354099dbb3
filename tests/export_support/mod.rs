//! A small hand-built graph for the export golden tests, and a golden-file check.
//!
//! The graph holds what German news text throws at a writer: quotes inside quotes,
//! backslashes, line breaks, umlauts, commas and semicolons in names, a node with two labels,
//! typed properties of every kind and statements with speaker, targets and an addressee.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use whosaid::graph::{Edge, Graph, Node, NodeId, Origin, Value, label, rel};

pub struct Small {
    pub graph: Graph,
    pub merz: NodeId,
    pub kiew: NodeId,
}

pub fn small_graph() -> Small {
    let mut g = Graph::new();
    let d1 = g.add_node(
        Node::new(label::DOCUMENT)
            .with("name", "001_berlin.txt")
            .with("path", "news/001_berlin.txt")
            .with("sha256", "9f2c")
            .with("published", "2025-03-04"),
    );
    let d2 = g.add_node(
        Node::new(label::DOCUMENT)
            .with("name", "002_kiew.txt")
            .with("path", "news/002_kiew.txt")
            .with("sha256", "41aa"),
    );
    let merz = g.add_node(
        Node::new(label::PERSON)
            .with("name", "Friedrich Merz")
            .with(
                "aliases",
                vec!["Merz".to_string(), "Kanzler Merz".to_string()],
            ),
    );
    let selenskyj = g.add_node(
        Node::new(label::PERSON)
            .with("name", "Wolodymyr Selenskyj")
            .with("aliases", vec!["Selenskyj".to_string()]),
    );
    let ukraine = g.add_node(
        Node::new(label::COUNTRY)
            .with("name", "Ukraine")
            .with("aliases", Vec::<String>::new()),
    );
    let cdu = g.add_node(Node::new(label::ORGANIZATION).with("name", "CDU").with(
        "aliases",
        vec![
            "Christlich Demokratische Union, \"Union\"".to_string(),
            "C;D;U".to_string(),
        ],
    ));
    let gipfel = g.add_node(Node::new(label::EVENT).with("name", "Gipfel in Brüssel"));
    // Curated by hand, not extracted: exports that round-trip must keep that.
    g.set_node_origin(gipfel, Origin::Manual);
    let kiew = g.add_node(Node::new(label::LOCATION).with("name", "Kiew"));
    g.add_label(kiew, "Capital");
    let s1 = g.add_node(
        Node::new(label::STATEMENT)
            .with(
                "text",
                "Wir stehen an der Seite der \"Ukraine\" – ohne Wenn\nund Aber.",
            )
            .with("kind", "direct")
            .with("cue", "sagte")
            .with("doc", "001_berlin.txt")
            .with("start", 120usize)
            .with("end", 186usize)
            .with("published", "2025-03-04"),
    );
    let s2 = g.add_node(
        Node::new(label::STATEMENT)
            .with(
                "text",
                "Der Pfad C:\\Daten sei kein Argument, die Hilfe müsse weitergehen.",
            )
            .with("kind", "indirect")
            .with("doc", "002_kiew.txt")
            .with("start", 10usize)
            .with("end", 80usize),
    );
    let s3 = g.add_node(
        Node::new(label::STATEMENT)
            .with("text", "Danke, Friedrich.")
            .with("kind", "interview")
            .with("doc", "002_kiew.txt")
            .with("start", 90usize)
            .with("end", 107usize),
    );
    let prov =
        |e: Edge, doc: &str, s: usize, t: usize| e.with("doc", doc).with("start", s).with("end", t);
    for (ent, doc, count, s) in [
        (merz, d1, 3usize, 4usize),
        (ukraine, d1, 2, 150),
        (cdu, d1, 1, 40),
        (gipfel, d1, 1, 60),
        (selenskyj, d2, 2, 0),
        (merz, d2, 1, 30),
        (kiew, d2, 1, 12),
    ] {
        let name = if doc == d1 {
            "001_berlin.txt"
        } else {
            "002_kiew.txt"
        };
        g.add_edge(
            ent,
            doc,
            prov(
                Edge::new(rel::MENTIONED_IN).with("count", count),
                name,
                s,
                s + 4,
            ),
        );
    }
    g.add_edge(
        merz,
        s1,
        prov(Edge::new(rel::SAID), "001_berlin.txt", 120, 186),
    );
    g.add_edge(
        s1,
        ukraine,
        prov(Edge::new(rel::ABOUT), "001_berlin.txt", 120, 186),
    );
    g.add_edge(s1, d1, prov(Edge::new(rel::IN), "001_berlin.txt", 120, 186));
    g.add_edge(
        selenskyj,
        s2,
        prov(Edge::new(rel::SAID), "002_kiew.txt", 10, 80),
    );
    g.add_edge(
        s2,
        ukraine,
        prov(Edge::new(rel::ABOUT), "002_kiew.txt", 10, 80),
    );
    g.add_edge(
        s2,
        merz,
        prov(Edge::new(rel::ABOUT), "002_kiew.txt", 10, 80),
    );
    g.add_edge(s2, d2, prov(Edge::new(rel::IN), "002_kiew.txt", 10, 80));
    g.add_edge(
        selenskyj,
        s3,
        prov(Edge::new(rel::SAID), "002_kiew.txt", 90, 107),
    );
    g.add_edge(s3, merz, prov(Edge::new(rel::TO), "002_kiew.txt", 90, 107));
    g.add_edge(s3, d2, prov(Edge::new(rel::IN), "002_kiew.txt", 90, 107));
    g.add_edge(
        merz,
        cdu,
        prov(
            Edge::new(rel::HOLDS_ROLE)
                .with("role", "Vorsitzender")
                .with("former", false),
            "001_berlin.txt",
            30,
            70,
        ),
    );
    g.add_edge(
        merz,
        cdu,
        prov(Edge::new(rel::MEMBER_OF), "001_berlin.txt", 30, 70),
    );
    g.add_edge(
        merz,
        gipfel,
        prov(Edge::new(rel::PARTICIPATES_IN), "001_berlin.txt", 60, 90),
    );
    g.add_edge(
        kiew,
        ukraine,
        prov(Edge::new(rel::LOCATED_IN), "002_kiew.txt", 12, 40),
    );
    // A float and a removed node: ids in exports keep their holes.
    let tmp = g.add_node(Node::new(label::PERSON).with("name", "Gelöscht"));
    g.remove_node(tmp);
    let met = g.add_edge(selenskyj, merz, Edge::new(rel::MET));
    g.edge_props_mut(met)
        .unwrap()
        .insert("confidence", Value::Float(0.75));
    g.set_edge_origin(met, Origin::Manual);
    Small {
        graph: g,
        merz,
        kiew,
    }
}

pub fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Compares `actual` with the golden file `name`. `WHOSAID_BLESS=1` writes the file instead;
/// CI never sets it, so a changed output fails until someone looks at it and blesses it.
pub fn check_golden(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("WHOSAID_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "golden file {} unreadable ({e}); run with WHOSAID_BLESS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output at line {}:\n  golden: {:?}\n  actual: {:?}\n(run with WHOSAID_BLESS=1 to accept the new output)",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line),
        );
    }
}

/// Renders DOT with Graphviz when `dot` is on PATH; prints "skipped" otherwise.
pub fn check_renders(name: &str, dot: &str) {
    let r = whosaid::export::render::Renderer::new();
    if !r.available() {
        eprintln!("render check of {name}: skipped (Graphviz `dot` not on PATH)");
        return;
    }
    let svg = r
        .render(dot, whosaid::export::render::RenderFormat::Svg)
        .unwrap_or_else(|e| panic!("{name} does not render: {e}"));
    let svg = String::from_utf8(svg).expect("SVG is UTF-8");
    assert!(
        svg.contains("<svg"),
        "{name}: no SVG element in Graphviz output"
    );
}

/// The graph as sorted lines that ignore ids: one per node (labels, origin, properties) and
/// one per edge (its endpoints' node lines, type, origin, properties). Two graphs with equal
/// canonical text hold the same nodes and relationships.
pub fn canonical(g: &Graph) -> String {
    let node_line = |id: NodeId| {
        let n = g.node(id).unwrap();
        format!(
            "({} {:?} {})",
            n.labels.join(":"),
            n.origin,
            serde_json::to_string(&n.props).unwrap()
        )
    };
    let mut lines: Vec<String> = g.node_ids().map(node_line).collect();
    for e in g.edge_ids() {
        let edge = g.edge(e).unwrap();
        let (a, b) = g.endpoints(e).unwrap();
        lines.push(format!(
            "{} -[{} {:?} {}]-> {}",
            node_line(a),
            edge.rel_type,
            edge.origin,
            serde_json::to_string(&edge.props).unwrap(),
            node_line(b)
        ));
    }
    lines.sort();
    lines.join("\n")
}
