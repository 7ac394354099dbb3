//! `whosaid query` and `whosaid run`: the one-line questions, exit codes, errors with carets,
//! and curation writes that are kept in the store.

mod common;

use common::*;
use serde_json::Value as Json;

fn seeded() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert_eq!(run(&db, &["ingest", seeds().to_str().unwrap()]).code, 0);
    (dir, db)
}

fn json_rows(db: &std::path::Path, q: &str) -> Vec<Json> {
    let r = run(db, &["query", q, "--format", "json"]);
    assert_eq!(r.code, 0, "{q}: {}", r.stderr);
    serde_json::from_str::<Json>(&r.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn who_said_what_about_equals_its_match_and_is_about_the_person() {
    let (_dir, db) = seeded();
    let sugar = json_rows(&db, "WHO SAID WHAT ABOUT Trump");
    let cypher = json_rows(
        &db,
        "MATCH (about) WHERE about.name = 'Donald Trump' \
         MATCH (s:Statement)-[:ABOUT]->(about) MATCH (s)-[:IN]->(d:Document) \
         OPTIONAL MATCH (speaker)-[:SAID]->(s) \
         WITH speaker, s, about, d ORDER BY s.published, d.name, s.start \
         RETURN speaker.name AS speaker, s.text AS statement, about.name AS about, \
         d.name AS document, s.published AS date",
    );
    assert!(
        sugar.len() >= 3,
        "the seeds quote several statements about Trump: {sugar:?}"
    );
    assert_eq!(sugar, cypher);
    for row in &sugar {
        assert_eq!(row["about"], "Donald Trump");
        assert_eq!(
            row.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["about", "date", "document", "speaker", "statement"]
        );
    }
    // Every statement returned has an ABOUT edge to Donald Trump in the graph.
    let texts: Vec<&str> = sugar
        .iter()
        .map(|r| r["statement"].as_str().unwrap())
        .collect();
    let about_trump = json_rows(
        &db,
        "MATCH (s:Statement)-[:ABOUT]->(p:Person {name: 'Donald Trump'}) RETURN DISTINCT s.text AS t",
    );
    let about_trump: Vec<&str> = about_trump
        .iter()
        .map(|r| r["t"].as_str().unwrap())
        .collect();
    assert!(texts.iter().all(|t| about_trump.contains(t)));
    // Names resolve through aliases and ignore case.
    assert_eq!(json_rows(&db, "who said what about donald trump"), sugar);
}

#[test]
fn exit_codes_say_rows_none_or_error() {
    let (_dir, db) = seeded();
    assert_eq!(
        run(&db, &["query", "MATCH (p:Person) RETURN p.name LIMIT 1"]).code,
        0
    );
    assert_eq!(
        run(
            &db,
            &[
                "query",
                "MATCH (p:Person) WHERE p.name = 'Niemand Nirgends' RETURN p"
            ]
        )
        .code,
        1
    );
    let r = run(&db, &["query", "MATCH (n)\nRETRUN n"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("query:2:1"), "{}", r.stderr);
    assert!(
        r.stderr.contains("2 | RETRUN n\n  | ^^^^^^"),
        "{}",
        r.stderr
    );
    let r = run(&db, &["query", "WHO SAID WHAT ABOUT Trumpp"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no entity is called \"Trumpp\""),
        "{}",
        r.stderr
    );
}

#[test]
fn csv_has_a_header_and_params_are_literals_or_text() {
    let (_dir, db) = seeded();
    let r = run(
        &db,
        &[
            "query",
            "MATCH (p:Person {name: $n}) RETURN p.name AS name, $k AS k",
            "--param",
            "n=Mark Rutte",
            "--param",
            "k=[1, 2]",
            "--format",
            "csv",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "name,k\nMark Rutte,\"[1,2]\"\n");
}

#[test]
fn writes_are_kept_and_ambiguous_names_are_refused_with_candidates() {
    let (_dir, db) = seeded();
    let r = run(
        &db,
        &[
            "query",
            "CREATE (:Person {name: 'Anna Alt', aliases: ['Alt']}), (:Person {name: 'Bert Alt', aliases: ['Alt']})",
        ],
    );
    assert_eq!(
        r.code, 1,
        "a write without RETURN has no rows: {}",
        r.stderr
    );
    assert!(r.stderr.contains("2 nodes created"), "{}", r.stderr);
    let names = json_rows(
        &db,
        "MATCH (p:Person) WHERE p.name ENDS WITH ' Alt' RETURN p.name AS n ORDER BY n",
    );
    assert_eq!(names.len(), 2, "the write was saved in the store");
    let r = run(&db, &["query", "WHO SAID WHAT ABOUT alt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("Anna Alt (Person)") && r.stderr.contains("Bert Alt (Person)"),
        "{}",
        r.stderr
    );
}

#[test]
fn run_reads_saved_queries_and_reports_errors_relative_to_the_file() {
    let (dir, db) = seeded();
    let r = run(
        &db,
        &[
            "run",
            root()
                .join("queries/who_said_about.cypher")
                .to_str()
                .unwrap(),
            "--param",
            "name=Putin",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bad = dir.path().join("bad.cypher");
    std::fs::write(&bad, "// a broken query\nMATCH (n)\nRETURN n n\n").unwrap();
    let r = run(&db, &["run", bad.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bad.cypher:3:10"), "{}", r.stderr);
}

#[test]
fn the_repl_reads_scripts_from_a_pipe() {
    let (_dir, db) = seeded();
    let out = whosaid(&db)
        .write_stdin(
            ":mode csv\n:param who => 'Mark ' + 'Rutte'\nMATCH (p:Person {name: $who})\nRETURN p.name AS n;\n:shcema\n",
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout,
        "mode csv\n$who = \"Mark Rutte\"\nn\nMark Rutte\nunknown command :shcema, did you mean :schema? (:help lists the commands)\n"
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a script with an error exits non-zero"
    );
}

#[test]
fn every_saved_query_parses() {
    let saved = whosaid::saved_queries::builtin();
    assert!(saved.len() >= 8);
    for q in saved {
        if let Err(e) = whosaid::query::parse(q.text.trim_end_matches(';')) {
            panic!(
                "{}",
                e.render(&q.text, &format!("queries/{}.cypher", q.name))
            );
        }
    }
}

#[test]
fn a_deleted_attribution_stays_deleted_when_its_article_changes() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    copy_seeds(&docs);
    let db = dir.path().join("t.db");
    assert_eq!(run(&db, &["ingest", docs.to_str().unwrap()]).code, 0);
    let said = "MATCH (p:Person {name: 'Mark Rutte'})-[:SAID]->(s:Statement) \
                WHERE s.doc = '001_95575e6b02eae21d.txt' RETURN s.start AS start ORDER BY start";
    let before = json_rows(&db, said);
    assert!(before.len() >= 2, "{before:?}");
    let start = before[0]["start"].clone();
    // The user removes one attribution and one whole statement by hand.
    let r = run(
        &db,
        &[
            "query",
            &format!(
                "MATCH (:Person {{name: 'Mark Rutte'}})-[r:SAID]->(s:Statement {{doc: '001_95575e6b02eae21d.txt', start: {start}}}) DELETE r"
            ),
        ],
    );
    assert!(r.stderr.contains("1 relationship deleted"), "{}", r.stderr);
    let second = before[1]["start"].clone();
    let r = run(
        &db,
        &[
            "query",
            &format!(
                "MATCH (s:Statement {{doc: '001_95575e6b02eae21d.txt', start: {second}}}) DETACH DELETE s"
            ),
        ],
    );
    assert!(r.stderr.contains("1 node deleted"), "{}", r.stderr);
    // The article changes at its end and is ingested again: everything else is extracted anew,
    // the two deleted facts are not.
    let file = docs.join("001_95575e6b02eae21d.txt");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\n\nEin neuer Absatz am Ende.\n");
    std::fs::write(&file, text).unwrap();
    let r = run(&db, &["ingest", docs.to_str().unwrap()]);
    assert!(r.stderr.contains("1 replaced"), "{}", r.stderr);
    let after = json_rows(&db, said);
    assert_eq!(after, before[2..].to_vec());
    let gone = run(
        &db,
        &[
            "query",
            &format!(
                "MATCH (s:Statement {{doc: '001_95575e6b02eae21d.txt', start: {second}}}) RETURN s"
            ),
        ],
    );
    assert_eq!(
        gone.code, 1,
        "the deleted statement did not come back: {}",
        gone.stdout
    );
    let kept = json_rows(
        &db,
        &format!(
            "MATCH (s:Statement {{doc: '001_95575e6b02eae21d.txt', start: {start}}}) RETURN s.text AS t"
        ),
    );
    assert_eq!(
        kept.len(),
        1,
        "the statement whose attribution was removed is still there"
    );
}
