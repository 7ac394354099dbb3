//! Saved queries: the files in `queries/`, their headers and the `:queries` listing.

mod export_support;

use std::collections::BTreeSet;
use std::path::Path;

use export_support::check_golden;
use whosaid::saved_queries::{self, builtin, load_dir, used_params};

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("queries")
}

#[test]
fn every_file_is_built_in_and_parses() {
    let from_dir = load_dir(&dir()).unwrap();
    let on_disk: BTreeSet<&str> = from_dir.iter().map(|q| q.name.as_str()).collect();
    let built_in: BTreeSet<&str> = saved_queries::builtin_names().into_iter().collect();
    assert_eq!(
        on_disk, built_in,
        "register new queries/*.cypher files in BUILTIN"
    );
    for q in builtin() {
        assert_eq!(Some(&q), saved_queries::find(&from_dir, &q.name));
    }
}

#[test]
fn declared_parameters_are_the_ones_used() {
    for q in builtin() {
        let declared: Vec<&str> = q.params.iter().map(|p| p.name.as_str()).collect();
        let used = used_params(&q.text);
        let used: Vec<&str> = used.iter().map(String::as_str).collect();
        assert_eq!(
            declared.iter().collect::<BTreeSet<_>>(),
            used.iter().collect::<BTreeSet<_>>(),
            "{}: @param lines and $parameters differ",
            q.name
        );
        assert!(
            q.params.iter().all(|p| !p.description.is_empty()),
            "{}",
            q.name
        );
    }
}

#[test]
fn the_listing_reads_like_documentation() {
    check_golden("saved_queries.txt", &saved_queries::list_text(&builtin()));
}

/// Runs a saved query with string or integer parameters against the hand-built graph.
fn run(name: &str, params: &[(&str, whosaid::query::Value)]) -> whosaid::query::Rows {
    let q = saved_queries::find(&builtin(), name).unwrap().clone();
    let mut g = export_support::small_graph().graph;
    let params: whosaid::query::Params = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    whosaid::query::run(
        &mut g,
        &q.text,
        &params,
        &whosaid::query::Options::default(),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn s(v: &str) -> whosaid::query::Value {
    whosaid::query::Value::String(v.into())
}

/// A column of a result as display strings.
fn column(rows: &whosaid::query::Rows, col: &str) -> Vec<String> {
    let i = rows.columns.iter().position(|c| c == col).unwrap();
    rows.rows.iter().map(|r| format!("{:?}", r[i])).collect()
}

#[test]
fn saved_queries_run_and_answer_their_question() {
    let r = run("who_said_about", &[("name", s("UKRAINE"))]);
    assert_eq!(
        column(&r, "speaker"),
        [
            "String(\"Friedrich Merz\")",
            "String(\"Wolodymyr Selenskyj\")"
        ]
    );
    let r = run("what_did_say", &[("speaker", s("selenskyj"))]);
    assert_eq!(r.rows.len(), 2);
    assert_eq!(column(&r, "addressee")[1], "String(\"Friedrich Merz\")");
    let r = run(
        "who_talks_about_whom",
        &[("limit", whosaid::query::Value::Int(10))],
    );
    assert_eq!(r.rows.len(), 3);
    let r = run(
        "statements_by_date",
        &[("from", s("2025-01-01")), ("to", s("2025-12-31"))],
    );
    assert_eq!(column(&r, "speaker"), ["String(\"Friedrich Merz\")"]);
    let r = run("roles_and_memberships", &[("name", s("Kanzler Merz"))]);
    assert_eq!(
        column(&r, "relation"),
        ["String(\"HOLDS_ROLE\")", "String(\"MEMBER_OF\")"]
    );
    let r = run("events_and_places", &[]);
    assert_eq!(column(&r, "event"), ["String(\"Gipfel in Brüssel\")"]);
    let r = run("path_between", &[("from", s("Kiew")), ("to", s("merz"))]);
    assert_eq!(column(&r, "length"), ["Int(2)"]);
    let r = run("co_mentions", &[("name", s("Merz"))]);
    assert_eq!(r.rows.len(), 5);
}
