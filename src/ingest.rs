//! Files in, graph updated: text → extract → resolve → graph for a batch of files.
//!
//! The verb is `ingest`. Inputs are files and folders; folders are walked recursively, hidden
//! entries skipped, and all files are taken in sorted order of their document name, so the same
//! inputs always give the same ids. Reading, parsing, extraction and resolution run in parallel
//! over documents (rayon); merging into the graph runs after, one document at a time in that
//! sorted order. A document's name is its path relative to the folder given (or its file name
//! when a file is given), so names stay unique within a tree and end in the file name that gold
//! annotations refer to.
//!
//! Document identity is the content hash: a file whose bytes are already in the graph (under
//! its name or another) is unchanged and not extracted again; a file with new bytes under a known
//! name replaces what its old version contributed. One bad file never stops the others: it is
//! reported in the `Report` and the rest goes on.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::graph::{Graph, label};
use crate::store::{Store, StoreError};
use crate::text::{Document, TextError};

/// Below this many files a progress bar would only flicker.
const PROGRESS_MIN_FILES: usize = 50;

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Text(#[from] TextError),
    #[error("{path}: extraction failed ({message}); the document was skipped")]
    Extraction { path: String, message: String },
    #[error("{path}: document name {name} is already taken by {other} in this batch")]
    DuplicateName {
        path: String,
        name: String,
        other: String,
    },
}

/// What a batch did.
#[derive(Debug, Default)]
pub struct Report {
    pub new: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// Files that could not be ingested, with why.
    pub failed: Vec<FileError>,
    /// Files skipped on purpose (empty ones), with why.
    pub warnings: Vec<FileError>,
    /// Entity and statement nodes in the graph after the batch.
    pub entities: usize,
    pub statements: usize,
    pub seconds: f64,
}

impl Report {
    /// The one summary line printed at the end of a run.
    pub fn summary(&self) -> String {
        format!(
            "documents: {} new, {} replaced, {} unchanged, {} failed, {} skipped; graph: {} entities, {} statements; {:.2} s",
            self.new,
            self.replaced,
            self.unchanged,
            self.failed.len(),
            self.warnings.len(),
            self.entities,
            self.statements,
            self.seconds
        )
    }
}

#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Show a progress bar (only drawn when stderr is a terminal and the batch is large).
    pub progress: bool,
}

/// One input file and the document name it gets.
#[derive(Debug, Clone)]
struct Input {
    path: PathBuf,
    name: String,
}

enum Prepared {
    Unchanged,
    Parsed(Box<(Document, crate::resolve::DocFacts)>),
}

/// Runs the pipeline over the inputs into the graph. Returns the report and the documents that
/// were added or replaced (for the store's ledger).
pub fn ingest(graph: &mut Graph, inputs: &[PathBuf], opts: &Options) -> (Report, Vec<Document>) {
    let started = Instant::now();
    let mut report = Report::default();
    let files = collect(inputs, &mut report.failed);

    let mut known: HashMap<&str, &str> = HashMap::new(); // name -> sha256
    let mut known_sha: HashSet<&str> = HashSet::new();
    for id in graph.nodes_with_label(label::DOCUMENT) {
        let n = graph.node(id).expect("indexed node exists");
        if let (Some(name), Some(sha)) = (n.name(), n.prop("sha256").and_then(|v| v.as_str())) {
            known.insert(name, sha);
            known_sha.insert(sha);
        }
    }
    let bar =
        (opts.progress && files.len() >= PROGRESS_MIN_FILES && std::io::stderr().is_terminal())
            .then(|| indicatif::ProgressBar::new(files.len() as u64));
    let prepared: Vec<Result<Prepared, FileError>> = files
        .par_iter()
        .map(|f| {
            let r = prepare(f, &known, &known_sha);
            if let Some(b) = &bar {
                b.inc(1);
            }
            r
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }

    let mut changed = Vec::new();
    let mut seen_sha: HashSet<String> = HashSet::new();
    for r in prepared {
        match r {
            Ok(Prepared::Unchanged) => report.unchanged += 1,
            Ok(Prepared::Parsed(b)) => {
                let (doc, facts) = *b;
                // The same bytes twice in one batch count once.
                if !seen_sha.insert(doc.sha256.clone()) {
                    report.unchanged += 1;
                    continue;
                }
                if graph.document_id(&doc.name).is_some() {
                    report.replaced += 1;
                } else {
                    report.new += 1;
                }
                graph.add_document(&doc, &facts);
                changed.push(doc);
            }
            Err(e @ FileError::Text(TextError::Empty { .. })) => report.warnings.push(e),
            Err(e) => report.failed.push(e),
        }
    }
    report.entities = [
        label::PERSON,
        label::COUNTRY,
        label::ORGANIZATION,
        label::EVENT,
        label::LOCATION,
    ]
    .iter()
    .map(|l| graph.label_count(l))
    .sum();
    report.statements = graph.label_count(label::STATEMENT);
    report.seconds = started.elapsed().as_secs_f64();
    (report, changed)
}

/// Ingests into a store and saves it in one transaction. Nothing is written when nothing
/// changed, so re-ingesting the same files leaves the store byte for byte as it was.
pub fn ingest_into(
    store: &mut Store,
    inputs: &[PathBuf],
    opts: &Options,
) -> Result<Report, StoreError> {
    let started = Instant::now();
    let (mut report, changed) = ingest(&mut store.graph, inputs, opts);
    if !changed.is_empty() {
        let docs: Vec<&Document> = changed.iter().collect();
        store.save(&docs)?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn prepare(
    f: &Input,
    known: &HashMap<&str, &str>,
    known_sha: &HashSet<&str>,
) -> Result<Prepared, FileError> {
    let path = f.path.to_string_lossy().to_string();
    let bytes = std::fs::read(&f.path).map_err(|source| FileError::Io {
        path: path.clone(),
        source,
    })?;
    let doc = crate::text::parse(&f.name, &path, &bytes)?;
    if known.get(f.name.as_str()) == Some(&doc.sha256.as_str())
        || known_sha.contains(doc.sha256.as_str())
    {
        return Ok(Prepared::Unchanged);
    }
    // Extraction is other code running on arbitrary text: a bug there fails this document,
    // not the batch.
    let facts = catch_unwind(AssertUnwindSafe(|| {
        let x = crate::extract::extract(&doc);
        crate::resolve::resolve(&doc, &x)
    }))
    .map_err(|p| FileError::Extraction {
        path: path.clone(),
        message: p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "internal error".into()),
    })?;
    Ok(Prepared::Parsed(Box::new((doc, facts))))
}

/// Expands the inputs into files with document names, sorted by name. Missing inputs and
/// unreadable folders are recorded as failures.
fn collect(inputs: &[PathBuf], failed: &mut Vec<FileError>) -> Vec<Input> {
    let mut out = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => walk(input, input, &mut out, failed),
            Ok(_) => {
                let name = input.file_name().map_or_else(
                    || input.to_string_lossy().to_string(),
                    |n| n.to_string_lossy().to_string(),
                );
                out.push(Input {
                    path: input.clone(),
                    name,
                });
            }
            Err(source) => failed.push(FileError::Io {
                path: input.to_string_lossy().to_string(),
                source,
            }),
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.path.cmp(&b.path)));
    // The same file given twice is taken once; two different files with one name are a clash.
    let mut result: Vec<Input> = Vec::with_capacity(out.len());
    for f in out {
        if let Some(prev) = result.last().filter(|p| p.name == f.name) {
            let same = match (
                std::fs::canonicalize(&prev.path),
                std::fs::canonicalize(&f.path),
            ) {
                (Ok(a), Ok(b)) => a == b,
                _ => prev.path == f.path,
            };
            if !same {
                failed.push(FileError::DuplicateName {
                    path: f.path.to_string_lossy().to_string(),
                    name: f.name.clone(),
                    other: prev.path.to_string_lossy().to_string(),
                });
            }
            continue;
        }
        result.push(f);
    }
    result
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Input>, failed: &mut Vec<FileError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            failed.push(FileError::Io {
                path: dir.to_string_lossy().to_string(),
                source,
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        // Symlinked folders are not followed, so a link cycle cannot loop the walk.
        let Ok(lm) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if lm.is_dir() {
            walk(root, &p, out, failed);
        } else if std::fs::metadata(&p).is_ok_and(|m| m.is_file()) {
            let rel = p.strip_prefix(root).unwrap_or(&p);
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push(Input { path: p, name });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    #[test]
    fn folders_are_walked_sorted_with_relative_names() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.txt", b"B.");
        write(dir.path(), "sub/a.txt", b"A.");
        write(dir.path(), ".hidden", b"H.");
        write(dir.path(), "a.txt", b"A2.");
        let mut failed = Vec::new();
        let files = collect(
            &[dir.path().to_path_buf(), dir.path().join("a.txt")],
            &mut failed,
        );
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, vec!["a.txt", "b.txt", "sub/a.txt"]);
        assert!(failed.is_empty());
    }

    #[test]
    fn bad_files_are_reported_and_the_rest_ingested() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", "Die Regierung tagte.".as_bytes());
        write(dir.path(), "b.bin", b"\x89PNG\r\n\x1a\n\x00\x00");
        write(dir.path(), "c.txt", b"  \n");
        write(dir.path(), "d.txt", b"ok \xff");
        let mut g = Graph::new();
        let inputs = [dir.path().to_path_buf(), dir.path().join("missing.txt")];
        let (r, changed) = ingest(&mut g, &inputs, &Options::default());
        assert_eq!((r.new, r.replaced, r.unchanged), (1, 0, 0));
        assert_eq!(r.failed.len(), 3, "{:?}", r.failed);
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(changed.len(), 1);
        let msgs: Vec<String> = r.failed.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("b.bin") && m.contains("binary"))
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("d.txt") && m.contains("byte offset 3"))
        );
        assert!(msgs.iter().any(|m| m.contains("missing.txt")));
        // Again: nothing changes.
        let (r, changed) = ingest(&mut g, &[dir.path().to_path_buf()], &Options::default());
        assert_eq!((r.new, r.unchanged, changed.len()), (0, 1, 0));
        // A changed file replaces its old version.
        write(dir.path(), "a.txt", "Die Regierung tagte lange.".as_bytes());
        let (r, _) = ingest(&mut g, &[dir.path().join("a.txt")], &Options::default());
        assert_eq!((r.new, r.replaced), (0, 1));
        assert_eq!(g.label_count(label::DOCUMENT), 1);
        assert!(
            r.summary()
                .contains("0 new, 1 replaced, 0 unchanged, 0 failed")
        );
    }

    #[test]
    fn manual_work_survives_re_ingest_through_the_store() {
        use crate::graph::{Edge, Node, Origin};
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        write(
            dir.path(),
            "docs/a.txt",
            "Anna Muster traf Bert Beispiel in Berlin.".as_bytes(),
        );
        let docs = [dir.path().join("docs")];
        let mut store = Store::open(&db, true).unwrap();
        ingest_into(&mut store, &docs, &Options::default()).unwrap();
        let d = store.graph.document_id("a.txt").unwrap();
        let note = store.graph.add_node(Node {
            origin: Origin::Manual,
            ..Node::new("Note").with("text", "geprüft")
        });
        let mut e = Edge::new("CHECKED");
        e.origin = Origin::Manual;
        store.graph.add_edge(note, d, e);
        store.save(&[]).unwrap();
        drop(store);
        write(
            dir.path(),
            "docs/a.txt",
            "Carla Neu traf niemanden.".as_bytes(),
        );
        let mut store = Store::open(&db, false).unwrap();
        let r = ingest_into(&mut store, &docs, &Options::default()).unwrap();
        assert_eq!(r.replaced, 1);
        drop(store);
        let store = Store::open(&db, false).unwrap();
        let g = &store.graph;
        assert_eq!(g.node(note).unwrap().origin, Origin::Manual);
        let targets: Vec<_> = g.out_edges(note).map(|(_, t)| t).collect();
        assert_eq!(targets, vec![g.document_id("a.txt").unwrap()]);
        assert_eq!(g.label_count(label::DOCUMENT), 1);
        assert_eq!(
            store.document_text("a.txt").unwrap().as_deref(),
            Some("Carla Neu traf niemanden.")
        );
    }
}
