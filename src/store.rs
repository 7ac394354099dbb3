//! The graph on disk: one SQLite file.
//!
//! `Store` is the stage's type; its verbs are `open` (connect, migrate, and load the whole graph
//! into memory), `load` (read the graph again) and `save` (write the graph and the texts of
//! changed documents in one transaction, so a failed or interrupted run leaves the file as it
//! was).
//!
//! Schema (version 3, kept in `PRAGMA user_version`):
//! - `documents(name PRIMARY KEY, path, sha256, published, text)`: the ingest ledger, with each
//!   document's text so that answers can be shown in context and re-extracted later.
//! - `nodes(id PRIMARY KEY, labels, props, origin)` and `edges(id PRIMARY KEY, src, dst, type,
//!   props, origin)`: the source of truth. Labels and properties are JSON; origin is 0 for
//!   extracted, 1 for manual. Ids are the graph's ids, saved unchanged, so the ids in exports
//!   stay the same from run to run.
//! - `suppressed(key PRIMARY KEY)`: extracted facts deleted by hand (see `Graph::suppress_node`).
//! - `snapshot(seq PRIMARY KEY, data)`: the whole graph as one binary image (`snapshot.rs`), cut
//!   into chunks, and `meta('generation')`, a counter every save that changes the graph raises.
//!
//! Opening reads the image when it carries the current generation: one sequential read, about
//! ten times faster than parsing a JSON object per row. Without one (a store migrated from an
//! older version), or with a stale or damaged one, it reads the rows, and the next save writes
//! a new image. Saving writes only the rows of nodes and edges that changed
//! (`Graph::changes`), then the image, in the same transaction, so the two never disagree.
//!
//! The graph keeps edges' endpoints consistent itself and loading checks them, so SQLite's
//! foreign-key enforcement (and the two indexes on `edges` it needed to delete nodes quickly)
//! is off: it cost most of the time of a bulk save.

use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};

use crate::graph::{Edge, EdgeId, Graph, Node, NodeId, Origin, Props};
use crate::snapshot;
use crate::text::Document;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = 3;

/// Size of one chunk of the graph image: large enough that reading is sequential, small enough
/// to stay far below SQLite's one-gigabyte limit on a single value.
const CHUNK: usize = 16 << 20;

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
    // 2 -> 3: the graph image for fast opening. The edge indexes served only foreign-key
    // checks, which are off from this version on.
    "DROP INDEX IF EXISTS edges_src;
     DROP INDEX IF EXISTS edges_dst;
     CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
     INSERT INTO meta (key, value) VALUES ('generation', 0);
     CREATE TABLE snapshot (seq INTEGER PRIMARY KEY, data BLOB NOT NULL);",
];

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The whole graph, loaded by `open`.
    pub graph: Graph,
    /// Whether the stored image matches the rows, so that a save without changes need not
    /// write it again.
    image_current: bool,
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
        if version == 0 {
            // Pages of 16 KiB instead of 4 make bulk saves and the image's sequential read
            // cheaper. SQLite takes the size only before the first table exists (and ignores
            // it otherwise), so this affects new stores alone.
            conn.pragma_update(None, "page_size", 16384)
                .map_err(|e| not_a_store(path, e))?;
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| not_a_store(path, e))?;
        // See the module comment: the graph keeps endpoints consistent, loading checks them.
        conn.pragma_update(None, "foreign_keys", "OFF")
            .map_err(sql)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sql)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            graph: Graph::new(),
            image_current: false,
        };
        store.migrate(version)?;
        let (graph, current) = store.load_any()?;
        store.graph = graph;
        store.image_current = current;
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

    /// Reads the whole graph, restoring every node and edge at its saved id: from the image
    /// when it is current, else from the rows.
    pub fn load(&self) -> Result<Graph, StoreError> {
        self.load_any().map(|(g, _)| g)
    }

    /// The graph, and whether it came from a current image.
    fn load_any(&self) -> Result<(Graph, bool), StoreError> {
        // One read transaction, so that a save committed by another process meanwhile cannot
        // mix its generation, image or rows with the ones read before it. Dropping it at the
        // end only ends the read.
        let _read = self.conn.unchecked_transaction().map_err(self.sql())?;
        let (mut graph, current) = match self.load_image()? {
            Some(g) => (g, true),
            None => (self.load_rows()?, false),
        };
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
        Ok((graph, current))
    }

    /// The generation of the rows; `None` if the counter is missing, which makes every
    /// image stale until the next save writes both.
    fn generation(&self) -> Result<Option<i64>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT value FROM meta WHERE key = 'generation'")
            .map_err(self.sql())?;
        let mut rows = st.query([]).map_err(self.sql())?;
        match rows.next().map_err(self.sql())? {
            Some(r) => Ok(Some(r.get(0).map_err(self.sql())?)),
            None => Ok(None),
        }
    }

    /// The graph from the image, or `None` when there is no current, readable one. A damaged
    /// image is not an error: the rows hold the same graph.
    fn load_image(&self) -> Result<Option<Graph>, StoreError> {
        let Some(generation) = self.generation()? else {
            return Ok(None);
        };
        let mut st = self
            .conn
            .prepare("SELECT seq, length(data) FROM snapshot ORDER BY seq")
            .map_err(self.sql())?;
        let chunks: Vec<(i64, i64)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(self.sql())?
            .collect::<Result<_, _>>()
            .map_err(self.sql())?;
        if chunks.is_empty() {
            return Ok(None);
        }
        let len = chunks.iter().map(|&(_, n)| n.max(0) as u64).sum();
        let mut r = BufReader::with_capacity(
            1 << 16,
            Chunks {
                conn: &self.conn,
                seqs: chunks.iter().map(|&(s, _)| s).rev().collect(),
                blob: None,
            },
        );
        match snapshot::read_generation(&mut r) {
            Ok(g) if g == generation => {}
            _ => return Ok(None),
        }
        Ok(snapshot::read_graph(&mut r, len).ok())
    }

    /// Reads the whole graph from the row tables.
    fn load_rows(&self) -> Result<Graph, StoreError> {
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
        Graph::restore(nodes, edges).map_err(|e| corrupt(e.to_string()))
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
        let write_image = self.graph.has_changes() || !self.image_current;
        // A larger page cache (64 MiB) while saving keeps a bulk save from spilling pages
        // mid-transaction; opening and reading keep the small default.
        self.conn
            .pragma_update(None, "cache_size", -65536)
            .map_err(&sql)?;
        let saved = self.save_in_transaction(changed, write_image);
        self.conn
            .pragma_update(None, "cache_size", -2000)
            .map_err(&sql)?;
        saved?;
        self.graph.clear_changes();
        self.image_current = true;
        Ok(())
    }

    fn save_in_transaction(
        &mut self,
        changed: &[&Document],
        write_image: bool,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = move |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(&sql)?;
        {
            // Into empty tables (a new store, or a bulk import) every row is new: plain
            // inserts, with no deletes of rows that cannot be there.
            let empty: bool = tx
                .query_row(
                    "SELECT NOT EXISTS (SELECT 1 FROM nodes) AND NOT EXISTS (SELECT 1 FROM edges)",
                    [],
                    |r| r.get(0),
                )
                .map_err(&sql)?;
            // Only what changed since the graph was loaded or last saved is written. Edges go
            // first (all changed ones, since a reused id may now join other nodes), then nodes
            // are upserted or deleted, then the current edges are inserted again.
            let (nodes, edges) = self.graph.changes();
            if empty {
                bulk_insert(&tx, &self.graph).map_err(&sql)?;
            }
            if !empty {
                let mut del_edge = tx
                    .prepare_cached("DELETE FROM edges WHERE id = ?1")
                    .map_err(&sql)?;
                for id in edges {
                    del_edge.execute([id.index() as i64]).map_err(&sql)?;
                }
            }
            let mut up_node = tx
                .prepare_cached(if empty {
                    "INSERT INTO nodes (id, labels, props, origin) VALUES (?1, ?2, ?3, ?4)"
                } else {
                    "INSERT INTO nodes (id, labels, props, origin) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(id) DO UPDATE SET labels = excluded.labels,
                         props = excluded.props, origin = excluded.origin"
                })
                .map_err(&sql)?;
            let mut del_node = tx
                .prepare_cached("DELETE FROM nodes WHERE id = ?1")
                .map_err(&sql)?;
            // The JSON texts are written into two reused buffers rather than a new string
            // per row.
            let (mut labels, mut props) = (Vec::new(), Vec::new());
            for &id in nodes.iter().filter(|_| !empty) {
                match self.graph.node(id) {
                    Some(n) => {
                        json_into(&mut labels, &n.labels);
                        json_into(&mut props, &n.props);
                        up_node
                            .execute(params![
                                id.index() as i64,
                                utf8(&labels),
                                utf8(&props),
                                origin_code(n.origin)
                            ])
                            .map_err(&sql)?;
                    }
                    None if !empty => {
                        del_node.execute([id.index() as i64]).map_err(&sql)?;
                    }
                    None => {}
                }
            }
            let mut ins_edge = tx
                .prepare_cached(
                    "INSERT INTO edges (id, src, dst, type, props, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(&sql)?;
            for &id in edges.iter().filter(|_| !empty) {
                let (Some(e), Some((s, t))) = (self.graph.edge(id), self.graph.endpoints(id))
                else {
                    continue;
                };
                json_into(&mut props, &e.props);
                ins_edge
                    .execute(params![
                        id.index() as i64,
                        s.index() as i64,
                        t.index() as i64,
                        e.rel_type.as_str(),
                        utf8(&props),
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
            if write_image {
                let generation: i64 = tx
                    .query_row(
                        "INSERT INTO meta (key, value) VALUES ('generation', 1)
                         ON CONFLICT(key) DO UPDATE SET value = value + 1 RETURNING value",
                        [],
                        |r| r.get(0),
                    )
                    .map_err(&sql)?;
                tx.execute("DELETE FROM snapshot", []).map_err(&sql)?;
                let mut out = ChunkWriter {
                    insert: tx
                        .prepare("INSERT INTO snapshot (seq, data) VALUES (?1, ?2)")
                        .map_err(&sql)?,
                    buf: Vec::with_capacity(CHUNK),
                    seq: 0,
                    failed: None,
                };
                let written =
                    snapshot::write(&self.graph, generation, &mut out).and_then(|()| out.flush());
                if let Err(e) = written {
                    return Err(sql(out.failed.take().unwrap_or_else(|| {
                        rusqlite::Error::ToSqlConversionFailure(Box::new(e))
                    })));
                }
            }
        }
        tx.commit().map_err(&sql)
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

/// Writes every node and edge of `g` into empty row tables, `BATCH` rows per statement: with
/// single-row inserts, binding, stepping and resetting the statement is most of the cost.
fn bulk_insert(tx: &rusqlite::Transaction, g: &Graph) -> rusqlite::Result<()> {
    use rusqlite::types::Value as V;
    fn json(v: &impl serde::Serialize) -> V {
        V::Text(serde_json::to_string(v).expect("labels and property values serialize"))
    }
    let mut nodes = Batched::new(tx, "INSERT INTO nodes (id, labels, props, origin)", 4)?;
    for id in g.node_ids() {
        let n = g.node(id).expect("listed node exists");
        nodes.push([
            V::Integer(id.index() as i64),
            json(&n.labels),
            json(&n.props),
            V::Integer(origin_code(n.origin)),
        ])?;
    }
    nodes.finish()?;
    let mut edges = Batched::new(
        tx,
        "INSERT INTO edges (id, src, dst, type, props, origin)",
        6,
    )?;
    for id in g.edge_ids() {
        let e = g.edge(id).expect("listed edge exists");
        let (s, t) = g.endpoints(id).expect("listed edge has endpoints");
        edges.push([
            V::Integer(id.index() as i64),
            V::Integer(s.index() as i64),
            V::Integer(t.index() as i64),
            V::Text(e.rel_type.to_string()),
            json(&e.props),
            V::Integer(origin_code(e.origin)),
        ])?;
    }
    edges.finish()
}

/// Rows per multi-row insert statement.
const BATCH: usize = 64;

/// Inserts rows `BATCH` at a time through one multi-row statement, and the rest one by one.
struct Batched<'t> {
    many: rusqlite::Statement<'t>,
    one: rusqlite::Statement<'t>,
    cols: usize,
    values: Vec<rusqlite::types::Value>,
}

impl<'t> Batched<'t> {
    fn new(tx: &'t rusqlite::Transaction, head: &str, cols: usize) -> rusqlite::Result<Self> {
        let row = format!("({})", vec!["?"; cols].join(", "));
        Ok(Batched {
            many: tx.prepare(&format!(
                "{head} VALUES {}",
                vec![row.as_str(); BATCH].join(", ")
            ))?,
            one: tx.prepare(&format!("{head} VALUES {row}"))?,
            cols,
            values: Vec::with_capacity(BATCH * cols),
        })
    }

    fn push<const N: usize>(&mut self, row: [rusqlite::types::Value; N]) -> rusqlite::Result<()> {
        self.values.extend(row);
        if self.values.len() == BATCH * self.cols {
            for (i, v) in self.values.iter().enumerate() {
                self.many.raw_bind_parameter(i + 1, v)?;
            }
            self.many.raw_execute()?;
            self.values.clear();
        }
        Ok(())
    }

    fn finish(mut self) -> rusqlite::Result<()> {
        for row in self.values.chunks(self.cols) {
            for (i, v) in row.iter().enumerate() {
                self.one.raw_bind_parameter(i + 1, v)?;
            }
            self.one.raw_execute()?;
        }
        Ok(())
    }
}

/// Writes the JSON form of `v` into `buf`, replacing what was there.
fn json_into(buf: &mut Vec<u8>, v: &impl serde::Serialize) {
    buf.clear();
    serde_json::to_writer(&mut *buf, v).expect("labels and property values serialize");
}

/// The text `json_into` wrote, which JSON guarantees is UTF-8.
fn utf8(buf: &[u8]) -> &str {
    std::str::from_utf8(buf).expect("JSON is UTF-8")
}

/// Reads the image chunks in order, one incremental blob read at a time, so that opening never
/// holds the whole image in memory.
struct Chunks<'c> {
    conn: &'c Connection,
    /// Chunk keys still to read, last first.
    seqs: Vec<i64>,
    blob: Option<rusqlite::blob::Blob<'c>>,
}

impl Read for Chunks<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if let Some(b) = &mut self.blob {
                let n = b.read(buf)?;
                if n > 0 || buf.is_empty() {
                    return Ok(n);
                }
                self.blob = None;
            }
            let Some(seq) = self.seqs.pop() else {
                return Ok(0);
            };
            let blob = self
                .conn
                .blob_open(rusqlite::MAIN_DB, c"snapshot", c"data", seq, true)
                .map_err(std::io::Error::other)?;
            self.blob = Some(blob);
        }
    }
}

/// Writes the image as rows of `CHUNK` bytes, keeping the SQLite error that stopped it.
struct ChunkWriter<'t> {
    insert: rusqlite::Statement<'t>,
    buf: Vec<u8>,
    seq: i64,
    failed: Option<rusqlite::Error>,
}

impl ChunkWriter<'_> {
    fn flush_chunk(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        if let Err(e) = self.insert.execute(params![self.seq, &self.buf[..]]) {
            self.failed = Some(e);
            return Err(std::io::Error::other("writing the graph image failed"));
        }
        self.seq += 1;
        self.buf.clear();
        Ok(())
    }
}

impl Write for ChunkWriter<'_> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let room = CHUNK - self.buf.len();
        let n = data.len().min(room);
        self.buf.extend_from_slice(&data[..n]);
        if self.buf.len() == CHUNK {
            self.flush_chunk()?;
        }
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.flush_chunk()
    }
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

    /// A version-2 store as the old code wrote it: JSON rows, edge indexes, no image.
    fn version_two_store(path: &Path) {
        let c = Connection::open(path).unwrap();
        c.execute_batch(MIGRATIONS[0]).unwrap();
        c.execute_batch(MIGRATIONS[1]).unwrap();
        c.execute_batch(
            r#"INSERT INTO nodes (id, labels, props, origin) VALUES
                 (0, '["Person"]', '{"aliases":["Ada"],"name":"Ada Beispiel"}', 0),
                 (2, '["Country","Location"]', '{"name":"Island"}', 1);
               INSERT INTO edges (id, src, dst, type, props, origin) VALUES
                 (1, 0, 2, 'CITIZEN_OF', '{"doc":"a.txt","end":9,"start":0}', 0);
               INSERT INTO suppressed (key) VALUES ('Person|Weg');"#,
        )
        .unwrap();
        c.pragma_update(None, "user_version", 2).unwrap();
    }

    #[test]
    fn a_version_two_store_is_migrated_and_gets_an_image_on_its_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        version_two_store(&path);
        let mut s = Store::open(&path, false).unwrap();
        assert!(!s.image_current);
        let want = dump(&s.graph);
        assert!(
            want.contains(r#""labels":["Country","Location"]"#),
            "{want}"
        );
        assert!(want.contains(r#""id":"2""#) && want.contains(r#""start":0"#));
        assert_eq!(s.graph.suppressed().0.len(), 1);
        let v: i64 = s
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 3);
        // Nothing changed, but the image is missing, so saving writes it.
        s.save(&[]).unwrap();
        drop(s);
        let s = Store::open(&path, false).unwrap();
        assert!(s.image_current);
        assert_eq!(dump(&s.graph), want);
        assert_eq!(s.graph.suppressed().0.len(), 1);
    }

    #[test]
    fn a_stale_or_damaged_image_gives_way_to_the_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        sample(&mut s.graph);
        s.save(&[]).unwrap();
        drop(s);
        // Rows changed behind the image's back (the generation moved on): the rows win.
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            r#"UPDATE nodes SET props = '{"name":"Anna Neu"}' WHERE id = 0;
               UPDATE meta SET value = value + 1 WHERE key = 'generation';"#,
        )
        .unwrap();
        drop(c);
        let s = Store::open(&path, false).unwrap();
        assert!(!s.image_current);
        let from_rows = dump(&s.graph);
        assert!(from_rows.contains("Anna Neu"));
        drop(s);
        // An image with the right generation but damaged content: the rows again.
        let c = Connection::open(&path).unwrap();
        let generation: i64 = c
            .query_row("SELECT value FROM meta", [], |r| r.get(0))
            .unwrap();
        let mut image = Vec::new();
        snapshot::write(&Graph::new(), generation, &mut image).unwrap();
        image.truncate(image.len() - 3);
        c.execute("UPDATE snapshot SET data = ?1", [&image])
            .unwrap();
        drop(c);
        let s = Store::open(&path, false).unwrap();
        assert!(!s.image_current);
        assert_eq!(dump(&s.graph), from_rows);
    }

    #[test]
    fn a_bulk_save_writes_rows_that_hold_the_same_graph_as_the_image() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        // More than one batch of nodes and edges, and a remainder, with holes in both.
        let ids: Vec<NodeId> = (0..150i64)
            .map(|i| {
                s.graph
                    .add_node(Node::new(label::PERSON).with("name", format!("P{i}")))
            })
            .collect();
        for (k, w) in ids.windows(2).enumerate() {
            let e = Edge::new("MET").with("k", k);
            s.graph.add_edge(w[0], w[1], e);
        }
        s.graph.remove_node(ids[7]);
        sample(&mut s.graph);
        s.save(&[]).unwrap();
        let want = dump(&s.graph);
        assert_eq!(dump(&s.load_rows().unwrap()), want);
        assert_eq!(dump(&s.load().unwrap()), want);
    }

    #[test]
    fn a_large_image_spans_several_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        // About 40 MB of text, so the image needs three chunks.
        let text = "x".repeat(1 << 20);
        for i in 0..40i64 {
            s.graph.add_node(
                Node::new(label::STATEMENT)
                    .with("text", text.as_str())
                    .with("i", i),
            );
        }
        s.save(&[]).unwrap();
        let chunks: i64 = s
            .conn
            .query_row("SELECT count(*) FROM snapshot", [], |r| r.get(0))
            .unwrap();
        assert_eq!(chunks, 3);
        let want = dump(&s.graph);
        drop(s);
        let s = Store::open(&path, false).unwrap();
        assert!(s.image_current);
        assert_eq!(dump(&s.graph), want);
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
