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
