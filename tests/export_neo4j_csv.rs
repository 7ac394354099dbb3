//! Neo4j CSV: golden files of the hand-built graph, the round trip through `import`, and the
//! errors a malformed file gets.

mod export_support;

use std::path::Path;

use export_support::{canonical, check_golden, small_graph};
use whosaid::export::Subgraph;
use whosaid::export::neo4j_csv;
use whosaid::graph::Graph;
use whosaid::import::{self, ImportError, ImportOptions};

fn export(g: &Graph, dir: &Path) -> neo4j_csv::ExportStats {
    neo4j_csv::write_dir(g, &Subgraph::whole(g), dir).unwrap()
}

#[test]
fn files_match_the_golden_files() {
    let s = small_graph();
    let dir = tempfile::tempdir().unwrap();
    let stats = export(&s.graph, dir.path());
    assert_eq!(stats.nodes, s.graph.node_count());
    assert_eq!(stats.relationships, s.graph.edge_count());
    // An alias contains ';', so the export moves to the next delimiter.
    assert_eq!(stats.delimiter, '|');
    let mut names: Vec<String> = stats
        .files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "neo4j-admin-import.sh",
            "nodes_Country.csv",
            "nodes_Document.csv",
            "nodes_Event.csv",
            "nodes_Location_Capital.csv",
            "nodes_Organization.csv",
            "nodes_Person.csv",
            "nodes_Statement.csv",
            "rels_ABOUT.csv",
            "rels_HOLDS_ROLE.csv",
            "rels_IN.csv",
            "rels_LOCATED_IN.csv",
            "rels_MEMBER_OF.csv",
            "rels_MENTIONED_IN.csv",
            "rels_MET.csv",
            "rels_PARTICIPATES_IN.csv",
            "rels_SAID.csv",
            "rels_TO.csv",
        ]
    );
    for n in names {
        let text = std::fs::read_to_string(dir.path().join(&n)).unwrap();
        check_golden(&format!("neo4j-csv/{n}"), &text);
    }
}

#[test]
fn export_then_import_gives_the_same_graph() {
    let s = small_graph();
    let dir = tempfile::tempdir().unwrap();
    let stats = export(&s.graph, dir.path());
    let mut back = Graph::new();
    let opts = ImportOptions {
        array_delimiter: stats.delimiter,
    };
    let got = import::neo4j_csv_with(dir.path(), &mut back, &opts).unwrap();
    assert_eq!(got.nodes, s.graph.node_count());
    assert_eq!(got.relationships, s.graph.edge_count());
    assert_eq!(canonical(&back), canonical(&s.graph));
}

#[test]
fn import_finds_the_delimiter_in_the_script_the_export_wrote() {
    let s = small_graph();
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(export(&s.graph, dir.path()).delimiter, '|');
    let mut back = Graph::new();
    import::neo4j_csv(dir.path(), &mut back).unwrap();
    assert_eq!(canonical(&back), canonical(&s.graph));
    // Without the script, neo4j-admin's default applies and "C;D;U" is no longer one alias.
    std::fs::remove_file(dir.path().join(neo4j_csv::SCRIPT_NAME)).unwrap();
    let mut other = Graph::new();
    import::neo4j_csv(dir.path(), &mut other).unwrap();
    assert_ne!(canonical(&other), canonical(&s.graph));
}

#[test]
fn a_subgraph_exports_with_the_endpoints_of_its_edges() {
    let s = small_graph();
    let sel = Subgraph::around(&s.graph, "Kiew", 0)
        .unwrap()
        .with_induced_edges(&s.graph);
    let dir = tempfile::tempdir().unwrap();
    let stats = neo4j_csv::write_dir(&s.graph, &sel, dir.path()).unwrap();
    assert_eq!((stats.nodes, stats.relationships), (1, 0));
    let mut back = Graph::new();
    import::neo4j_csv(dir.path(), &mut back).unwrap();
    assert_eq!(back.node_count(), 1);
}

/// Writes `files` into a fresh folder and imports it into a graph that already has a node.
fn import_files(files: &[(&str, &str)]) -> (Result<import::ImportStats, ImportError>, Graph) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let mut g = Graph::new();
    g.add_node(whosaid::graph::Node::new("Existing"));
    let r = import::neo4j_csv(dir.path(), &mut g);
    (r, g)
}

#[test]
fn reads_neo4j_admin_headers_with_id_spaces_and_types() {
    let (r, g) = import_files(&[
        (
            "people_nodes.csv",
            "pid:ID(Person),name,born:int,score:double,active:boolean,nick:string[],:LABEL,skip:IGNORE\n\
             1,Anna Alt,1970,0.5,true,Anni;AA,Person;Politician,x\n\
             2,\"Bert, der \"\"Bär\"\"\",,,FALSE,\"\",Person,\n",
        ),
        ("orgs_nodes.csv", ":ID(Org),name\n1,Verein\n"),
        (
            "member_rels.csv",
            ":START_ID(Person),:END_ID(Org),since:date,:TYPE\n1,1,2020-01-01,MEMBER_OF\n2,1,,MEMBER_OF\n",
        ),
    ]);
    let stats = r.unwrap();
    assert_eq!((stats.nodes, stats.relationships), (3, 2));
    assert_eq!(g.node_count(), 4);
    let anna = g.nodes_with_label("Politician").next().unwrap();
    let n = g.node(anna).unwrap();
    assert_eq!(n.labels, ["Person", "Politician"]);
    assert_eq!(n.prop("pid").and_then(|v| v.as_str()), Some("1"));
    assert_eq!(n.prop("born").and_then(|v| v.as_int()), Some(1970));
    assert_eq!(
        n.prop("score").as_deref(),
        Some(&whosaid::graph::Value::Float(0.5))
    );
    assert_eq!(
        n.prop("nick").as_deref(),
        Some(&vec!["Anni".to_string(), "AA".to_string()].into())
    );
    assert!(n.prop("skip").is_none());
    let bert = g.nodes_with_label("Person").find(|&id| id != anna).unwrap();
    let b = g.node(bert).unwrap();
    assert_eq!(b.name(), Some("Bert, der \"Bär\""));
    assert!(b.prop("born").is_none(), "empty unquoted field is absent");
    assert_eq!(
        b.prop("nick").as_deref(),
        Some(&whosaid::graph::Value::List([].into()))
    );
    // The same id "1" in two id spaces names two nodes.
    let (e, org) = g.out_edges(anna).next().unwrap();
    assert_eq!(g.node(org).unwrap().name(), Some("Verein"));
    assert_eq!(
        g.edge(e).unwrap().prop("since").and_then(|v| v.as_str()),
        Some("2020-01-01")
    );
}

/// The error text of an import of `files`; the graph must be unchanged.
fn error_of(files: &[(&str, &str)]) -> String {
    let (r, g) = import_files(files);
    assert_eq!(
        g.node_count(),
        1,
        "a failed import leaves the graph as it was"
    );
    let msg = r.unwrap_err().to_string();
    // Errors start with the file's path.
    assert!(msg.contains(".csv"), "{msg}");
    msg
}

#[test]
fn malformed_files_get_file_line_and_column() {
    let nodes = ":ID,name,:LABEL\na,Anna,Person\n";
    let msg = error_of(&[(
        "nodes.csv",
        ":ID,name,:LABEL\na,Anna,Person\nb,\"Bert,Person\n",
    )]);
    assert!(
        msg.ends_with("nodes.csv:3:2: malformed CSV: quoted field is never closed"),
        "{msg}"
    );
    let msg = error_of(&[("nodes.csv", ":ID,n:int\na,12\nb,zwölf\n")]);
    assert!(
        msg.ends_with("nodes.csv:3:2: column \"n:int\": \"zwölf\" is not an integer"),
        "{msg}"
    );
    let msg = error_of(&[
        ("nodes.csv", nodes),
        ("rels.csv", ":START_ID,:END_ID,:TYPE\na,x,KNOWS\n"),
    ]);
    assert!(
        msg.ends_with("rels.csv:2:2: column \":END_ID\": no node with id \"x\""),
        "{msg}"
    );
    let msg = error_of(&[("nodes.csv", ":ID,name\na,A\na,B\n")]);
    assert!(
        msg.ends_with("nodes.csv:3:1: column \":ID\": duplicate node id \"a\""),
        "{msg}"
    );
    let msg = error_of(&[("nodes.csv", ":ID,name\na,A,extra\n")]);
    assert!(
        msg.ends_with("nodes.csv:2:3: malformed CSV: 3 fields but the header has 2 columns"),
        "{msg}"
    );
    let msg = error_of(&[("nodes.csv", ":ID,when:tomorrow\n")]);
    assert!(
        msg.ends_with("nodes.csv:1:2: header \"when:tomorrow\": unknown type \"tomorrow\""),
        "{msg}"
    );
    let msg = error_of(&[("x.csv", "name,age\n")]);
    assert!(
        msg.contains("x.csv:1:1: header \"name\": a header needs either one :ID column"),
        "{msg}"
    );
    let msg = error_of(&[
        ("nodes.csv", nodes),
        ("rels.csv", ":START_ID,:END_ID\na,a\n"),
    ]);
    assert!(
        msg.contains(
            "rels.csv:1:1: header \":START_ID\": a relationship file needs one :TYPE column"
        ),
        "{msg}"
    );
    let (r, _) = import_files(&[("bad.csv", "")]);
    assert!(r.unwrap_err().to_string().contains("bad.csv:1:1"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nodes.csv"), b":ID\n\xff\n").unwrap();
    let err = import::neo4j_csv(dir.path(), &mut Graph::new()).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("nodes.csv:2: not UTF-8 (invalid byte at offset 4)"),
        "{err}"
    );
    let empty = tempfile::tempdir().unwrap();
    let err = import::neo4j_csv(empty.path(), &mut Graph::new()).unwrap_err();
    assert!(matches!(err, ImportError::NoFiles { .. }));
}
