//! GraphML: golden file of the hand-built graph, a networkx read when python3 has networkx,
//! and always a well-formedness check of our own.

mod export_support;

use std::io::Write;
use std::process::{Command, Stdio};

use export_support::{check_golden, small_graph};
use whosaid::export::Subgraph;
use whosaid::export::graphml;

#[test]
fn graphml_matches_the_golden_file() {
    let s = small_graph();
    let out = graphml::to_string(&s.graph, &Subgraph::whole(&s.graph));
    check_golden("small.graphml", &out);
    well_formed(&out).unwrap();
    assert!(out.contains("attr.name=\"count\" attr.type=\"long\""));
    assert!(out.contains("attr.name=\"confidence\" attr.type=\"double\""));
    assert!(out.contains(
        "<data key=\"d1\">[&quot;Christlich Demokratische Union, \\&quot;Union\\&quot;&quot;,&quot;C;D;U&quot;]</data>"
    ));
}

/// networkx must read the file back with the same counts, types and text.
#[test]
fn networkx_reads_it() {
    let s = small_graph();
    let out = graphml::to_string(&s.graph, &Subgraph::whole(&s.graph));
    let has_networkx = Command::new("python3")
        .args(["-c", "import networkx"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|st| st.success());
    if !has_networkx {
        eprintln!(
            "networkx check: skipped (python3 with networkx not found); well-formedness checked instead"
        );
        well_formed(&out).unwrap();
        return;
    }
    let script = r#"
import sys, json, networkx as nx
g = nx.read_graphml(sys.stdin.buffer)
merz = [d for n, d in g.nodes(data=True) if d.get("name") == "Friedrich Merz"][0]
st = [d for n, d in g.nodes(data=True) if d.get("kind") == "direct"][0]
counts = sorted(d["count"] for a, b, d in g.edges(data=True) if d["label"] == "MENTIONED_IN")
print(json.dumps([g.number_of_nodes(), g.number_of_edges(), merz["labels"],
                  json.loads(merz["aliases"]), st["text"], type(st["start"]).__name__, counts]))
"#;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(out.as_bytes())
        .unwrap();
    let res = child.wait_with_output().unwrap();
    assert!(res.status.success(), "networkx failed to read the GraphML");
    let got: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    assert_eq!(
        got,
        serde_json::json!([
            s.graph.node_count(),
            s.graph.edge_count(),
            ":Person",
            ["Merz", "Kanzler Merz"],
            "Wir stehen an der Seite der \"Ukraine\" – ohne Wenn\nund Aber.",
            "int",
            [1, 1, 1, 1, 2, 2, 3]
        ])
    );
}

#[test]
fn the_checker_catches_broken_xml() {
    assert!(well_formed("<a><b>x</b></a>").is_ok());
    assert!(well_formed("<a><b>x</a></b>").is_err());
    assert!(well_formed("<a>Tom & Jerry</a>").is_err());
    assert!(well_formed("<a x=\"1\">\u{1}</a>").is_err());
    assert!(well_formed("<a>").is_err());
}

/// A small well-formedness check: tags nest and close, `&` starts a known entity or a
/// character reference, no character XML 1.0 forbids, and `<` never stands alone.
fn well_formed(xml: &str) -> Result<(), String> {
    if let Some(c) = xml
        .chars()
        .find(|&c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(format!("forbidden character {c:?}"));
    }
    for (i, _) in xml.match_indices('&') {
        let rest = &xml[i..];
        let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
            .iter()
            .any(|e| rest.starts_with(e))
            || (rest.starts_with("&#")
                && rest[2..]
                    .find(';')
                    .is_some_and(|k| rest[2..2 + k].chars().all(|c| c.is_ascii_digit())));
        if !ok {
            return Err(format!("bad entity at byte {i}"));
        }
    }
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').ok_or("unclosed tag")? + open;
        let tag = &rest[open + 1..close];
        if tag.contains('<') {
            return Err(format!("stray '<' in {tag:?}"));
        }
        if tag.starts_with('?') || tag.starts_with('!') {
        } else if let Some(name) = tag.strip_prefix('/') {
            if stack.pop() != Some(name.trim()) {
                return Err(format!("</{name}> closes the wrong element"));
            }
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().ok_or("empty tag")?);
        }
        rest = &rest[close + 1..];
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed {stack:?}"))
    }
}
