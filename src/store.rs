//! The graph on disk: one SQLite file.
//!
//! `Store` is the stage's type; its verbs are `open` (connect, migrate, and load the whole graph
//! into memory), `load` (read the graph again) and `save` (write the graph and the texts of
//! changed documents in one transaction, so a failed or interrupted run leaves the file as it
//! was).
//!
//! Schema (version 1, kept in `PRAGMA user_version`):
//! - `documents(name PRIMARY KEY, path, sha256, published, text)`: the ingest ledger, with each
//!   document's text so that answers can be shown in context and re-extracted later.
//! - `nodes(id PRIMARY KEY, labels, props, origin)` and `edges(id PRIMARY KEY, src, dst, type,
//!   props, origin)`, with foreign keys from edges to nodes. Labels and properties are JSON;
//!   origin is 0 for extracted, 1 for manual. Ids are the graph's ids, saved unchanged, so the
//!   ids in exports stay the same from run to run.
//!
//! Opening fast at a million statements (a later issue): loading parses one JSON object per row,
//! which is the cost that grows. The plan is a `snapshot` table holding the whole graph as one
//! compact binary blob (a columnar encoding of labels, property keys and values, with interned
//! strings) together with the row count it was written for; `open` reads the blob when it
//! matches and falls back to the rows otherwise (and is rewritten on save, or refreshed by a
//! background step after large batches). Saving already writes only the rows of nodes and
//! edges that changed (`Graph::changes`), so a small batch into a large store stays small.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};

use crate::graph::{Edge, EdgeId, Graph, Node, NodeId, Origin, Props};
use crate::text::Document;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = 2;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: no store here (run `whosaid --db {path} ingest PATH...` first)")]
    Missing { path: PathBuf },
    #[error(
        "{path}: not a whosaid store (not an SQLite database, or damaged); the file was left untouched"
    )]
    NotAStore { path: PathBuf },
    #[error(
        "{path}: store has schema version {found}, but this whosaid understands versions up to {supported}; use a newer whosaid"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path}: damaged store: {what}")]
    Corrupt { path: PathBuf, what: String },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
}

/// Migrations from version `i` to `i + 1`, in order. Each runs inside the opening transaction.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1: the first schema.
    "CREATE TABLE documents (
         name TEXT PRIMARY KEY,
         path TEXT NOT NULL,
         sha256 TEXT NOT NULL,
         published TEXT,
         text TEXT NOT NULL
     );
     CREATE INDEX documents_sha256 ON documents(sha256);
     CREATE TABLE nodes (
         id INTEGER PRIMARY KEY,
         labels TEXT NOT NULL,
         props TEXT NOT NULL,
         origin INTEGER NOT NULL
     );
     CREATE TABLE edges (
         id INTEGER PRIMARY KEY,
         src INTEGER NOT NULL REFERENCES nodes(id),
         dst INTEGER NOT NULL REFERENCES nodes(id),
         type TEXT NOT NULL,
         props TEXT NOT NULL,
         origin INTEGER NOT NULL
     );
     CREATE INDEX edges_src ON edges(src);
     CREATE INDEX edges_dst ON edges(dst);",
    // 1 -> 2: extracted facts deleted by hand, which re-ingesting must not bring back.
    "CREATE TABLE suppressed (key TEXT PRIMARY KEY);",
];

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The whole graph, loaded by `open`.
    pub graph: Graph,
}

impl Store {
    /// Opens the store at `path`, creating it if `create` is set and the file does not exist,
    /// migrates an older schema, and loads the graph.
    pub fn open(path: &Path, create: bool) -> Result<Store, StoreError> {
        if !create && !path.exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let sql = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sql)?;
        // Read the version before writing anything: a file that is not SQLite fails here and
        // stays untouched.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| not_a_store(path, e))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        conn.busy_timeout(std::time::Duration::from_millis(2000))
            .map_err(sql)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| not_a_store(path, e))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(sql)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sql)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            graph: Graph::new(),
        };
        store.migrate(version)?;
        store.graph = store.load()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sql(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        |source| StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn migrate(&mut self, from: i64) -> Result<(), StoreError> {
        if from == SCHEMA_VERSION {
            return Ok(());
        }
        let path = self.path.clone();
        let sql = move |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(&sql)?;
        for step in &MIGRATIONS[from as usize..SCHEMA_VERSION as usize] {
            tx.execute_batch(step).map_err(&sql)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(&sql)?;
        tx.commit().map_err(&sql)
    }

    /// Reads the whole graph, restoring every node and edge at its saved id.
    pub fn load(&self) -> Result<Graph, StoreError> {
        let corrupt = |what: String| StoreError::Corrupt {
            path: self.path.clone(),
            what,
        };
        let mut nodes = Vec::new();
        let mut st = self
            .conn
            .prepare("SELECT id, labels, props, origin FROM nodes ORDER BY id")
            .map_err(self.sql())?;
        let mut rows = st.query([]).map_err(self.sql())?;
        while let Some(r) = rows.next().map_err(self.sql())? {
            let id: i64 = r.get(0).map_err(self.sql())?;
            let labels: String = r.get(1).map_err(self.sql())?;
            let props: String = r.get(2).map_err(self.sql())?;
            let origin: i64 = r.get(3).map_err(self.sql())?;
            let node = Node {
                labels: serde_json::from_str(&labels)
                    .map_err(|e| corrupt(format!("node {id}: labels: {e}")))?,
                props: parse_props(&props).map_err(|e| corrupt(format!("node {id}: {e}")))?,
                origin: origin_from(origin),
            };
            nodes.push((
                NodeId::new(index(id).ok_or_else(|| corrupt(format!("node id {id}")))?),
                node,
            ));
        }
        let mut edges = Vec::new();
        let mut st = self
            .conn
            .prepare("SELECT id, src, dst, type, props, origin FROM edges ORDER BY id")
            .map_err(self.sql())?;
        let mut rows = st.query([]).map_err(self.sql())?;
        while let Some(r) = rows.next().map_err(self.sql())? {
            let id: i64 = r.get(0).map_err(self.sql())?;
            let src: i64 = r.get(1).map_err(self.sql())?;
            let dst: i64 = r.get(2).map_err(self.sql())?;
            let rel_type: String = r.get(3).map_err(self.sql())?;
            let props: String = r.get(4).map_err(self.sql())?;
            let origin: i64 = r.get(5).map_err(self.sql())?;
            let edge = Edge {
                rel_type: rel_type.into(),
                props: parse_props(&props).map_err(|e| corrupt(format!("edge {id}: {e}")))?,
                origin: origin_from(origin),
            };
            let bad = || corrupt(format!("edge {id}: ids out of range"));
            edges.push((
                EdgeId::new(index(id).ok_or_else(bad)?),
                NodeId::new(index(src).ok_or_else(bad)?),
                NodeId::new(index(dst).ok_or_else(bad)?),
                edge,
            ));
        }
        let mut graph = Graph::restore(nodes, edges).map_err(|e| corrupt(e.to_string()))?;
        let mut st = self
            .conn
            .prepare("SELECT key FROM suppressed")
            .map_err(self.sql())?;
        let keys = st
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(self.sql())?
            .collect::<Result<_, _>>()
            .map_err(self.sql())?;
        graph.set_suppressed(keys);
        Ok(graph)
    }

    /// Writes what changed in the graph since it was loaded or last saved, and the given
    /// documents' ledger rows, in one transaction. Ledger rows of documents no longer in the
    /// graph are dropped.
    pub fn save(&mut self, changed: &[&Document]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = move |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(&sql)?;
        {
            // Only what changed since the graph was loaded or last saved is written. Edges go
            // first (all changed ones, since a reused id may now join other nodes), then nodes
            // are upserted or deleted, then the current edges are inserted again; foreign keys
            // hold at every step.
            let (nodes, edges) = self.graph.changes();
            let mut del_edge = tx
                .prepare_cached("DELETE FROM edges WHERE id = ?1")
                .map_err(&sql)?;
            for id in edges {
                del_edge.execute([id.index() as i64]).map_err(&sql)?;
            }
            let mut up_node = tx
                .prepare_cached(
                    "INSERT INTO nodes (id, labels, props, origin) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(id) DO UPDATE SET labels = excluded.labels,
                         props = excluded.props, origin = excluded.origin",
                )
                .map_err(&sql)?;
            let mut del_node = tx
                .prepare_cached("DELETE FROM nodes WHERE id = ?1")
                .map_err(&sql)?;
            for &id in nodes {
                match self.graph.node(id) {
                    Some(n) => {
                        let labels = serde_json::to_string(&n.labels).expect("strings serialize");
                        up_node
                            .execute(params![
                                id.index() as i64,
                                labels,
                                props_json(&n.props),
                                origin_code(n.origin)
                            ])
                            .map_err(&sql)?;
                    }
                    None => {
                        del_node.execute([id.index() as i64]).map_err(&sql)?;
                    }
                }
            }
            let mut ins_edge = tx
                .prepare_cached(
                    "INSERT INTO edges (id, src, dst, type, props, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(&sql)?;
            for &id in edges {
                let (Some(e), Some((s, t))) = (self.graph.edge(id), self.graph.endpoints(id))
                else {
                    continue;
                };
                ins_edge
                    .execute(params![
                        id.index() as i64,
                        s.index() as i64,
                        t.index() as i64,
                        e.rel_type.as_str(),
                        props_json(&e.props),
                        origin_code(e.origin)
                    ])
                    .map_err(&sql)?;
            }
            let mut up = tx
                .prepare(
                    "INSERT OR REPLACE INTO documents (name, path, sha256, published, text)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(&sql)?;
            for d in changed {
                up.execute(params![d.name, d.path, d.sha256, d.published, d.text])
                    .map_err(&sql)?;
            }
            // The ledger follows the graph: a document whose node is gone is no longer stored.
            let mut names = tx.prepare("SELECT name FROM documents").map_err(&sql)?;
            let gone: Vec<String> = names
                .query_map([], |r| r.get::<_, String>(0))
                .map_err(&sql)?
                .filter_map(Result::ok)
                .filter(|n| self.graph.document_id(n).is_none())
                .collect();
            let mut del = tx
                .prepare("DELETE FROM documents WHERE name = ?1")
                .map_err(&sql)?;
            for n in gone {
                del.execute([n]).map_err(&sql)?;
            }
            let (suppressed, changed) = self.graph.suppressed();
            if changed {
                tx.execute("DELETE FROM suppressed", []).map_err(&sql)?;
                let mut ins = tx
                    .prepare("INSERT INTO suppressed (key) VALUES (?1)")
                    .map_err(&sql)?;
                for k in suppressed {
                    ins.execute([k]).map_err(&sql)?;
                }
            }
        }
        tx.commit().map_err(&sql)?;
        self.graph.clear_changes();
        Ok(())
    }

    /// The stored text of a document, by name.
    pub fn document_text(&self, name: &str) -> Result<Option<String>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT text FROM documents WHERE name = ?1")
            .map_err(self.sql())?;
        let mut rows = st.query([name]).map_err(self.sql())?;
        match rows.next().map_err(self.sql())? {
            Some(r) => Ok(Some(r.get(0).map_err(self.sql())?)),
            None => Ok(None),
        }
    }
}

fn not_a_store(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            StoreError::NotAStore {
                path: path.to_path_buf(),
            }
        }
        _ => StoreError::Sqlite {
            path: path.to_path_buf(),
            source: e,
        },
    }
}

/// A stored id as a graph index (ids are u32 in the graph).
fn index(id: i64) -> Option<usize> {
    u32::try_from(id).ok().map(|i| i as usize)
}

fn origin_code(o: Origin) -> i64 {
    match o {
        Origin::Extracted => 0,
        Origin::Manual => 1,
    }
}

fn origin_from(code: i64) -> Origin {
    if code == 1 {
        Origin::Manual
    } else {
        Origin::Extracted
    }
}

fn props_json(props: &Props) -> String {
    serde_json::to_string(props).expect("property values serialize")
}

fn parse_props(s: &str) -> Result<Props, serde_json::Error> {
    serde_json::from_str(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::label;

    fn sample(g: &mut Graph) {
        let a = g.add_node(
            Node::new(label::PERSON)
                .with("name", "Anna")
                .with("score", crate::graph::Value::Float(0.5)),
        );
        let gone = g.add_node(Node::new(label::PERSON).with("name", "Weg"));
        let b = g.add_node(
            Node::new(label::COUNTRY)
                .with("name", "Island")
                .with("n", 3i64),
        );
        g.add_edge(a, gone, Edge::new("X"));
        let mut e = Edge::new(crate::graph::rel::CITIZEN_OF).with("doc", "a.txt");
        e.origin = Origin::Manual;
        g.add_edge(a, b, e);
        g.remove_node(gone);
    }

    fn dump(g: &Graph) -> String {
        let mut out = Vec::new();
        crate::export::jsonl::write(g, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn save_and_open_keep_ids_props_and_origin() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        sample(&mut s.graph);
        let want = dump(&s.graph);
        s.save(&[]).unwrap();
        drop(s);
        let s = Store::open(&path, false).unwrap();
        assert_eq!(dump(&s.graph), want);
        assert!(want.contains("\"id\":\"2\"") && !want.contains("\"id\":\"1\",\"labels\""));
        let e = s.graph.edge_ids().next().unwrap();
        assert_eq!(s.graph.edge(e).unwrap().origin, Origin::Manual);
    }

    #[test]
    fn missing_store_is_not_created_for_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none.db");
        assert!(matches!(
            Store::open(&path, false),
            Err(StoreError::Missing { .. })
        ));
        assert!(!path.exists());
    }

    #[test]
    fn a_first_version_store_is_migrated_and_keeps_its_graph() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let c = Connection::open(&path).unwrap();
        c.execute_batch(MIGRATIONS[0]).unwrap();
        c.execute(
            "INSERT INTO nodes (id, labels, props, origin) VALUES (0, '[\"Person\"]', '{\"name\":\"Ada Beispiel\"}', 1)",
            [],
        )
        .unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        drop(c);
        let store = Store::open(&path, false).unwrap();
        assert_eq!(store.graph.node_count(), 1);
        let v: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let n: i64 = store
            .conn
            .query_row("SELECT count(*) FROM suppressed", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(Store::open(&path, true).unwrap());
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", 7).unwrap();
        drop(c);
        let err = Store::open(&path, false).err().unwrap();
        assert!(matches!(
            err,
            StoreError::TooNew {
                found: 7,
                supported: SCHEMA_VERSION,
                ..
            }
        ));
        assert!(err.to_string().contains("schema version 7"));
    }

    #[test]
    fn non_sqlite_file_is_refused_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        let bytes = b"Dies ist keine Datenbank, sondern eine Notiz.\n".repeat(200);
        std::fs::write(&path, &bytes).unwrap();
        let err = Store::open(&path, true).err().unwrap();
        assert!(matches!(err, StoreError::NotAStore { .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }

    #[test]
    fn failed_save_leaves_the_store_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        sample(&mut s.graph);
        s.save(&[]).unwrap();
        let before = dump(&Store::open(&path, false).unwrap().graph);
        // Another writer holds the lock, so this save fails part-way through its transaction.
        let other = Connection::open(&path).unwrap();
        other.execute_batch("BEGIN EXCLUSIVE").unwrap();
        s.graph
            .add_node(Node::new(label::PERSON).with("name", "Neu"));
        assert!(s.save(&[]).is_err());
        other.execute_batch("ROLLBACK").unwrap();
        drop(other);
        assert_eq!(dump(&Store::open(&path, false).unwrap().graph), before);
    }

    #[test]
    fn documents_ledger_follows_the_graph() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        let doc = crate::text::parse("a.txt", "x/a.txt", "Ein Text.".as_bytes()).unwrap();
        s.graph.add_document(&doc, &Default::default());
        s.save(&[&doc]).unwrap();
        assert_eq!(
            s.document_text("a.txt").unwrap().as_deref(),
            Some("Ein Text.")
        );
        s.graph.remove_document("a.txt");
        s.save(&[]).unwrap();
        assert_eq!(s.document_text("a.txt").unwrap(), None);
    }

    #[test]
    fn incremental_saves_match_the_graph_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        let mut ids = Vec::new();
        // Rounds of adding, changing and removing, with ids reused after removal.
        for round in 0..6i64 {
            for k in 0..5i64 {
                ids.push(
                    s.graph
                        .add_node(Node::new(label::PERSON).with("name", format!("P{round}-{k}"))),
                );
            }
            let n = ids.len();
            for k in 0..4 {
                let (a, b) = (ids[(k * 7 + round as usize) % n], ids[(k * 3 + 1) % n]);
                if s.graph.node(a).is_some() && s.graph.node(b).is_some() {
                    s.graph
                        .add_edge(a, b, Edge::new("MET").with("round", round));
                }
            }
            let victim = ids.remove((round as usize * 5) % ids.len());
            s.graph.remove_node(victim);
            if let Some(&first) = ids.first() {
                s.graph
                    .node_props_mut(first)
                    .unwrap()
                    .insert("round", round.into());
            }
            let first_edge = s.graph.edge_ids().next();
            if let Some(e) = first_edge {
                s.graph.remove_edge(e);
            }
            let want = dump(&s.graph);
            s.save(&[]).unwrap();
            assert!(!s.graph.has_changes());
            let reopened = Store::open(&path, false).unwrap();
            assert_eq!(dump(&reopened.graph), want, "round {round}");
        }
    }
}
