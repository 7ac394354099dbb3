//! `whosaid ingest` and `export` on the seed articles, run as a user would.

mod common;

use common::*;
use serde_json::Value;

#[test]
fn seeds_ingest_and_export_in_the_apoc_shape() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let r = run(&db, &["ingest", seeds().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("documents: 5 new, 0 replaced, 0 unchanged, 0 failed"),
        "{}",
        r.stderr
    );
    let jsonl = export(&db);
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect();
    let mut node_ids = std::collections::HashSet::new();
    let mut docs = 0;
    for o in &lines {
        match o["type"].as_str() {
            Some("node") => {
                assert!(
                    o["id"].is_string() && o["labels"].is_array() && o["properties"].is_object()
                );
                node_ids.insert(o["id"].as_str().unwrap().to_string());
                let labels: Vec<&str> = o["labels"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l.as_str().unwrap())
                    .collect();
                let p = &o["properties"];
                if labels.contains(&"Document") {
                    docs += 1;
                    assert_eq!(p["sha256"].as_str().unwrap().len(), 64);
                }
                if labels.contains(&"Statement") {
                    // The statement's text is exactly the bytes its span points at.
                    let doc = std::fs::read(seeds().join(p["doc"].as_str().unwrap())).unwrap();
                    let (s, e) = (
                        p["start"].as_u64().unwrap() as usize,
                        p["end"].as_u64().unwrap() as usize,
                    );
                    assert_eq!(
                        std::str::from_utf8(&doc[s..e]).unwrap(),
                        p["text"].as_str().unwrap()
                    );
                }
            }
            Some("relationship") => {
                assert!(o["label"].is_string() && o["properties"].is_object());
                for end in ["start", "end"] {
                    let id = o[end]["id"].as_str().unwrap();
                    assert!(node_ids.contains(id), "edge to unknown node {id}");
                    assert!(o[end]["labels"].is_array());
                }
            }
            other => panic!("unexpected line type {other:?}"),
        }
    }
    assert_eq!(docs, 5);
    let export_file = dir.path().join("x.jsonl");
    std::fs::write(&export_file, &jsonl).unwrap();
    if have_python() {
        let line = score_py_run(&export_file, &seeds(), &gold(), &[]);
        assert!(
            line.starts_with("gold_statements=145 stmt_recall="),
            "{line}"
        );
    }
    // -o writes the same bytes as standard output.
    let out_file = dir.path().join("o.jsonl");
    let r = run(
        &db,
        &[
            "export",
            "--format",
            "jsonl",
            "-o",
            out_file.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), jsonl);
}

#[test]
fn second_ingest_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert_eq!(run(&db, &["ingest", seeds().to_str().unwrap()]).code, 0);
    let first = export(&db);
    let db_bytes = std::fs::read(&db).unwrap();
    let r = run(&db, &["ingest", seeds().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("0 new, 0 replaced, 5 unchanged"),
        "{}",
        r.stderr
    );
    assert_eq!(export(&db), first);
    assert_eq!(std::fs::read(&db).unwrap(), db_bytes);
}

#[test]
fn changed_file_replaces_its_old_facts() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    copy_seeds(&docs);
    let db = dir.path().join("t.db");
    assert_eq!(run(&db, &["ingest", docs.to_str().unwrap()]).code, 0);
    let before = export(&db);
    let victim = docs.join("002_d9e30c064771c396.txt");
    std::fs::write(
        &victim,
        "Ein kurzer neuer Text über Anna Beispiel und Bert Muster.\n",
    )
    .unwrap();
    let r = run(&db, &["ingest", docs.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("0 new, 1 replaced, 4 unchanged"),
        "{}",
        r.stderr
    );
    let after = export(&db);
    assert_ne!(after, before);
    let new_text = std::fs::read(&victim).unwrap();
    let mut doc_nodes = 0;
    for l in after.lines() {
        let o: Value = serde_json::from_str(l).unwrap();
        let p = &o["properties"];
        if p["name"] == "002_d9e30c064771c396.txt" {
            doc_nodes += 1;
            assert_eq!(p["sha256"].as_str().unwrap().len(), 64);
            assert!(
                !before.contains(p["sha256"].as_str().unwrap()),
                "old hash still there"
            );
        }
        // Whatever still cites the document points inside its new text.
        if p["doc"] == "002_d9e30c064771c396.txt" {
            let end = p["end"].as_u64().unwrap() as usize;
            assert!(end <= new_text.len(), "stale provenance: {l}");
            if o["type"] == "node" {
                let s = p["start"].as_u64().unwrap() as usize;
                assert_eq!(p["text"].as_str().unwrap().as_bytes(), &new_text[s..end]);
            }
        }
    }
    assert_eq!(doc_nodes, 1);
}

#[test]
fn bad_files_are_reported_and_the_rest_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    copy_seeds(&docs);
    std::fs::write(
        docs.join("bild.png"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    )
    .unwrap();
    std::fs::write(docs.join("latin1.txt"), b"Die Gr\xfc\xdfe der Stadt").unwrap();
    std::fs::write(docs.join("leer.txt"), b"\n  \n").unwrap();
    let db = dir.path().join("t.db");
    let r = run(&db, &["ingest", docs.to_str().unwrap()]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("bild.png") && r.stderr.contains("binary"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("latin1.txt") && r.stderr.contains("byte offset 6"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("warning:") && r.stderr.contains("leer.txt: empty file"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("5 new, 0 replaced, 0 unchanged, 2 failed, 1 skipped"),
        "{}",
        r.stderr
    );
    let stats = run(&db, &["stats"]);
    assert!(stats.stdout.contains(":Document 5\n"), "{}", stats.stdout);
}

#[test]
fn empty_file_alone_is_a_warning_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("leer.txt");
    std::fs::write(&f, b"").unwrap();
    let r = run(&dir.path().join("t.db"), &["ingest", f.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning:") && r.stderr.contains("empty"),
        "{}",
        r.stderr
    );
}

#[test]
fn missing_input_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        &dir.path().join("t.db"),
        &["ingest", dir.path().join("nope").to_str().unwrap()],
    );
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("nope"), "{}", r.stderr);
}
