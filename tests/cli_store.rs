//! The store from the command line: refusals with clear messages, and failed runs that leave
//! it as it was.

mod common;

use common::*;

#[test]
fn newer_schema_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert_eq!(run(&db, &["ingest", seeds().to_str().unwrap()]).code, 0);
    let c = rusqlite::Connection::open(&db).unwrap();
    c.pragma_update(None, "user_version", 99).unwrap();
    drop(c);
    for args in [
        &["stats"][..],
        &["export"],
        &["ingest", seeds().to_str().unwrap()],
    ] {
        let r = run(&db, args);
        assert_ne!(r.code, 0);
        assert!(
            r.stderr.contains("schema version 99") && r.stderr.contains("newer whosaid"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn a_file_that_is_not_a_store_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notizen.db");
    let bytes = "Keine Datenbank.\n".repeat(100);
    std::fs::write(&db, &bytes).unwrap();
    let r = run(&db, &["ingest", seeds().to_str().unwrap()]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("not a whosaid store"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&db).unwrap(), bytes);
}

#[test]
fn reading_a_missing_store_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let r = run(&db, &["export"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("no store here"), "{}", r.stderr);
    assert!(!db.exists());
}

#[test]
fn a_failing_run_leaves_the_store_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    copy_seeds(&docs);
    let db = dir.path().join("t.db");
    let first = docs.join("000_e0f2fd11bffbbd05.txt");
    assert_eq!(run(&db, &["ingest", first.to_str().unwrap()]).code, 0);
    let before = export(&db);
    // Another process holds the write lock for the whole run, so the batch cannot commit.
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let r = run(&db, &["ingest", docs.to_str().unwrap()]);
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("error:") && r.stderr.contains("locked"),
        "{}",
        r.stderr
    );
    assert_eq!(export(&db), before);
    // And the next run does the whole batch.
    let r = run(&db, &["ingest", docs.to_str().unwrap()]);
    assert!(
        r.stderr.contains("4 new, 0 replaced, 1 unchanged"),
        "{}",
        r.stderr
    );
}

#[test]
fn stats_counts_labels_and_types() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert_eq!(run(&db, &["ingest", seeds().to_str().unwrap()]).code, 0);
    let r = run(&db, &["stats"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("nodes "), "{}", r.stdout);
    assert!(r.stdout.contains("  :Document 5\n"), "{}", r.stdout);
    assert!(r.stdout.contains("\nrelationships "), "{}", r.stdout);
    assert!(r.stdout.contains("  :MENTIONED_IN "), "{}", r.stdout);
}
