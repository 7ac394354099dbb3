//! The graph on disk: one SQLite file.
//!
//! `Store` is the stage's type; its verbs are `open` (connect, migrate, and load the whole graph
//! into memory), `load` (read the graph again) and `save` (write what changed and the texts of
//! changed documents in one transaction, so a failed or interrupted run leaves the file as it
//! was).
//!
//! Schema (version 5, kept in `PRAGMA user_version`):
//! - `documents(name PRIMARY KEY, path, sha256, published, text)`: the ingest ledger, with each
//!   document's text so that answers can be shown in context and re-extracted later.
//! - `node_blocks(block PRIMARY KEY, count, data)` and `edge_blocks(...)`: the graph, the source
//!   of truth. Block `b` holds the `count` nodes (edges) whose ids lie in
//!   `b * BLOCK .. (b + 1) * BLOCK`, in block format 2 of `snapshot.rs` (fixed-width records,
//!   one string area, laid out as the graph holds a block in memory). Ids are
//!   the graph's ids, saved unchanged, so the ids in exports stay the same from run to run.
//! - `suppressed(key PRIMARY KEY)`: extracted facts deleted by hand (see `Graph::suppress_node`).
//! - `meta(key PRIMARY KEY, value)`: reserved for counters; unused since version 4.
//!
//! Why blocks: up to version 3 every node and edge was a row of JSON text, and a binary image
//! of the whole graph was kept beside the rows for fast opening. Saving a million statements
//! meant four million JSON rows plus the image (0.7–0.8 M elements per CPU-second, 590 MB for
//! the 100k benchmark graph); opening read the image. Blocks are the image cut along id
//! ranges: opening reads them in order just as it read the image, a bulk save writes about one
//! row per thousand elements, and a save that changed a few elements rewrites only their blocks.
//! A damaged block is reported as a damaged store (it has no second copy to fall back to, as
//! the image had), never read around.
//!
//! Version 3 stores are migrated on opening, in the opening transaction: their graph is read
//! (from the image if current, else from the rows), written as blocks, and the row tables and
//! the image are dropped. Version 4 stores hold the same tables with blocks in format 1, whose
//! values are tagged one by one; they are read and every block is written again in format 2,
//! which opens several times faster.

use std::cell::RefCell;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior, params};

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Condvar, Mutex};

use crate::graph::{Edge, EdgeBlock, EdgeId, Graph, Node, NodeId, Origin, Props};
use crate::snapshot;
use crate::text::Document;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = 5;

/// How long a statement waits for another process's lock before it fails.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(2000);

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
    // 3 -> 4: the graph in blocks. The data moves in `Store::migrate`, which then drops the
    // row tables and the image.
    "CREATE TABLE node_blocks (
         block INTEGER PRIMARY KEY,
         count INTEGER NOT NULL,
         data BLOB NOT NULL
     );
     CREATE TABLE edge_blocks (
         block INTEGER PRIMARY KEY,
         count INTEGER NOT NULL,
         data BLOB NOT NULL
     );",
    // 4 -> 5: the blocks in format 2 (see `snapshot.rs`); `Store::migrate` rewrites them.
    "",
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
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
        if version == 0 {
            // Pages of 16 KiB instead of 4 make bulk saves and the blocks' sequential read
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
        let sql = self.sql();
        // `unchecked_transaction` borrows the connection shared, so that the version-3 reader
        // below can run inside it; nothing else uses the connection meanwhile.
        let tx = self.conn.unchecked_transaction().map_err(&sql)?;
        for step in &MIGRATIONS[from as usize..SCHEMA_VERSION as usize] {
            tx.execute_batch(step).map_err(&sql)?;
        }
        if from < 4 {
            // The version-3 tables exist now (created empty for a new store).
            let graph = self.load_v3()?;
            write_blocks(&tx, &graph, None).map_err(&sql)?;
            tx.execute_batch(
                "DROP TABLE nodes; DROP TABLE edges; DROP TABLE snapshot;
                 DELETE FROM meta WHERE key = 'generation';",
            )
            .map_err(&sql)?;
        } else if from < 5 {
            // Version 4's blocks are in format 1, which reading still understands: read
            // them and write every block again in format 2.
            let graph = self.load_blocks(0)?;
            write_blocks(&tx, &graph, None).map_err(&sql)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(&sql)?;
        tx.commit().map_err(&sql)
    }

    /// Reads the whole graph, restoring every node and edge at its saved id.
    pub fn load(&self) -> Result<Graph, StoreError> {
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        self.load_with(workers)
    }

    /// `load` with up to `workers` decoding threads; with none, this thread decodes.
    ///
    /// Every block must come from one state of the file, so that a save committed by another
    /// process meanwhile cannot mix its blocks with the ones read before it. The decoding
    /// threads read their blocks through connections of their own, which cannot share this
    /// connection's read transaction; instead this connection takes the write lock for the
    /// time of the load (`BEGIN IMMEDIATE`, which writes nothing and lets readers in), so no
    /// other writer can commit, and every connection reads the last committed state. When the
    /// lock is not free at once (another process is saving) or cannot be had at all (a
    /// read-only file), this thread reads and decodes every block in one plain read
    /// transaction instead: slower, never different.
    fn load_with(&self, workers: usize) -> Result<Graph, StoreError> {
        let lock = if workers > 0 && self.conn.is_autocommit() {
            self.conn
                .busy_timeout(std::time::Duration::ZERO)
                .map_err(self.sql())?;
            let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate);
            self.conn.busy_timeout(BUSY_TIMEOUT).map_err(self.sql())?;
            tx.ok()
        } else {
            None
        };
        let (_read, workers) = match lock {
            Some(tx) => (tx, workers),
            // Dropping the transaction at the end only ends the read.
            None => (self.conn.unchecked_transaction().map_err(self.sql())?, 0),
        };
        let mut graph = self.load_blocks(workers)?;
        graph.set_suppressed(self.suppressed_keys()?);
        Ok(graph)
    }

    fn suppressed_keys(&self) -> Result<std::collections::BTreeSet<String>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT key FROM suppressed")
            .map_err(self.sql())?;
        st.query_map([], |r| r.get::<_, String>(0))
            .map_err(self.sql())?
            .collect::<Result<_, _>>()
            .map_err(self.sql())
    }

    /// Reads the blocks in id order into a graph, decoding on `workers` threads (none: on
    /// this one). With workers, the caller must keep writers out for the time of the call
    /// (see `load_with`); without, one read transaction is enough.
    ///
    /// Decoding is most of the work of opening, and blocks decode independently. The blocks
    /// are cut by number into jobs of `NODE_JOB` or `EDGE_JOB` blocks; each worker claims
    /// the next job itself, reads its blocks through its own connection, decodes them where
    /// SQLite holds them and leaves the result under the job's number, while this thread
    /// takes the results in order and files them into the graph. So this thread neither
    /// reads SQLite nor wakes a worker per block: it sleeps only when the next result is not
    /// there yet, and a worker only when it is `AHEAD` jobs ahead of this thread, which
    /// bounds the extra memory to a few megabytes.
    fn load_blocks(&self, workers: usize) -> Result<Graph, StoreError> {
        let corrupt = |what: String| StoreError::Corrupt {
            path: self.path.clone(),
            what,
        };
        let failure = |e: BlockFailure| match e {
            BlockFailure::Sql(e) => StoreError::Sqlite {
                path: self.path.clone(),
                source: e,
            },
            BlockFailure::Damaged(what) => corrupt(what),
        };
        // The graph's arrays are sized once, from the highest block number (`Graph::restore`
        // fills every id below the highest, so this is at most a block too many). A damaged
        // number must not make that reservation huge: no element takes fewer than 10 bytes
        // (nodes) or 21 (edges) of the file and its write-ahead log.
        let bytes = [PathBuf::from(&self.path), wal_path(&self.path)]
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len() as usize)
            .sum::<usize>();
        let n_nodes = block_bound(&self.conn, Kind::Nodes).map_err(failure)?;
        let n_edges = block_bound(&self.conn, Kind::Edges).map_err(failure)?;
        let jobs = Jobs::new(n_nodes, n_edges);
        let (n_nodes, n_edges) = (n_nodes.min(bytes / 10), n_edges.min(bytes / 21));
        // Each worker's connection is opened here, so that one that cannot be opened means one
        // worker fewer.
        let conns: Vec<Connection> = (0..workers)
            .map_while(|_| {
                let conn = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .ok()?;
                // Each page is read once, so a page cache would only hold memory: a worker's
                // allocations stay in its own allocator arena after it ends, where the
                // opening thread cannot reuse them (2 MiB per worker by default).
                conn.pragma_update(None, "cache_size", WORKER_CACHE_KIB)
                    .ok()?;
                Some(conn)
            })
            .collect();
        let failed = RefCell::new(None);
        let pipe = Pipe::new(jobs, conns.len());
        let graph = std::thread::scope(|scope| {
            let workers: Vec<_> = conns
                .into_iter()
                .filter_map(|conn| {
                    let pipe = &pipe;
                    std::thread::Builder::new()
                        .spawn_scoped(scope, move || pipe.work(&conn))
                        .ok()
                })
                .collect();
            let spawned = workers.len();
            pipe.started(spawned);
            // Without a thread to decode on, this thread reads and decodes each job itself.
            let source = if spawned == 0 {
                Source::Inline(&self.conn, RefCell::new(snapshot::BlockReader::default()))
            } else {
                Source::Workers
            };
            let nodes = Rows {
                blocks: Blocks {
                    jobs: 0..pipe.jobs.node_jobs,
                    pipe: &pipe,
                    source: &source,
                    blocks: Vec::new().into_iter(),
                    failed: &failed,
                    unwrap: |d: Decoded| match d {
                        Decoded::Nodes(v) => v,
                        Decoded::Edges(_) => Vec::new(),
                    },
                },
                current: Vec::new().into_iter(),
                left: n_nodes,
            };
            // Edges are handed over a block at a time: the opening thread files each block's
            // rows straight from the slice a worker decoded them into.
            let edges = Blocks {
                jobs: pipe.jobs.node_jobs..pipe.jobs.jobs,
                pipe: &pipe,
                source: &source,
                blocks: Vec::new().into_iter(),
                failed: &failed,
                unwrap: |d: Decoded| match d {
                    Decoded::Edges(v) => v,
                    Decoded::Nodes(_) => Vec::new(),
                },
            };
            let graph = Graph::restore_blocks(nodes, edges, n_edges);
            // The workers stop at their next claim. A worker that panicked has filed its job
            // as failed (see `Claim`); joining it here keeps the scope from passing the panic
            // on to this thread.
            pipe.stop();
            for w in workers {
                let _ = w.join();
            }
            graph
        });
        // What the workers allocated and freed (SQLite's buffers, decoded rows handed over)
        // lies in their allocator arenas, out of reach of the opening thread's next
        // allocations: give it back to the system.
        release_free_memory();
        release_mimalloc_memory();
        if let Some(e) = failed.take() {
            return Err(failure(e));
        }
        graph.map_err(|e| corrupt(e.to_string()))
    }

    /// A version-3 store's graph: from its image when that is current, else from its rows.
    fn load_v3(&self) -> Result<Graph, StoreError> {
        match self.load_image()? {
            Some(g) => Ok(g),
            None => self.load_rows(),
        }
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
        let sql = self.sql();
        // A larger page cache (64 MiB) while saving keeps a bulk save from spilling pages
        // mid-transaction; opening and reading keep the small default.
        self.conn
            .pragma_update(None, "cache_size", -65536)
            .map_err(&sql)?;
        let saved = self.save_in_transaction(changed);
        self.conn
            .pragma_update(None, "cache_size", -2000)
            .map_err(&sql)?;
        drop(sql);
        saved?;
        self.graph.clear_changes();
        Ok(())
    }

    fn save_in_transaction(&self, changed: &[&Document]) -> Result<(), StoreError> {
        let sql = self.sql();
        let tx = self.conn.unchecked_transaction().map_err(&sql)?;
        {
            // Into an empty store (a new one, or a bulk import) every block is written;
            // otherwise only the blocks holding an id that changed.
            let empty: bool = tx
                .query_row(
                    "SELECT NOT EXISTS (SELECT 1 FROM node_blocks)
                        AND NOT EXISTS (SELECT 1 FROM edge_blocks)",
                    [],
                    |r| r.get(0),
                )
                .map_err(&sql)?;
            let dirty = (!empty).then(|| self.graph.changes());
            write_blocks(&tx, &self.graph, dirty).map_err(&sql)?;
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

fn origin_from(code: i64) -> Origin {
    if code == 1 {
        Origin::Manual
    } else {
        Origin::Extracted
    }
}

/// Writes the blocks of `g`: all of them, or (with `dirty`, the graph's changed node and edge
/// ids) only those holding a changed id. A block left with no elements is deleted.
fn write_blocks(
    tx: &rusqlite::Transaction,
    g: &Graph,
    dirty: Option<(&BTreeSet<NodeId>, &BTreeSet<EdgeId>)>,
) -> rusqlite::Result<()> {
    let blocks = |bound: usize, changed: Option<Vec<usize>>| -> Vec<usize> {
        let mut v = changed.unwrap_or_else(|| (0..bound.div_ceil(snapshot::BLOCK)).collect());
        v.dedup();
        v
    };
    let node_blocks = blocks(
        g.node_bound(),
        dirty.map(|(n, _)| n.iter().map(|id| id.index() / snapshot::BLOCK).collect()),
    );
    let edge_blocks = blocks(
        g.edge_bound(),
        dirty.map(|(_, e)| e.iter().map(|id| id.index() / snapshot::BLOCK).collect()),
    );
    write_table(
        tx,
        "node_blocks",
        &node_blocks,
        g.node_bound(),
        |i| Some(NodeId::new(i)).filter(|&id| g.node(id).is_some()),
        |ids| snapshot::node_block(g, ids),
    )?;
    write_table(
        tx,
        "edge_blocks",
        &edge_blocks,
        g.edge_bound(),
        |i| Some(EdgeId::new(i)).filter(|&id| g.edge(id).is_some()),
        |ids| snapshot::edge_block(g, ids),
    )
}

/// Writes the listed blocks of one table (`node_blocks` or `edge_blocks`): `present` gives the
/// element behind an index below `bound` if there still is one, `encode` the bytes of a block's
/// elements; a block left with none is deleted.
fn write_table<I>(
    tx: &rusqlite::Transaction,
    table: &str,
    blocks: &[usize],
    bound: usize,
    present: impl Fn(usize) -> Option<I>,
    encode: impl Fn(&[I]) -> Vec<u8>,
) -> rusqlite::Result<()> {
    let mut put = tx.prepare(&format!(
        "INSERT OR REPLACE INTO {table} (block, count, data) VALUES (?1, ?2, ?3)"
    ))?;
    let mut del = tx.prepare(&format!("DELETE FROM {table} WHERE block = ?1"))?;
    let mut ids = Vec::with_capacity(snapshot::BLOCK);
    for &b in blocks {
        ids.clear();
        let end = ((b + 1) * snapshot::BLOCK).min(bound);
        ids.extend((b * snapshot::BLOCK..end).filter_map(&present));
        if ids.is_empty() {
            del.execute([b as i64])?;
        } else {
            put.execute(params![b as i64, ids.len() as i64, encode(&ids)])?;
        }
    }
    Ok(())
}

/// Blocks per job, of nodes and of edges. A job is one claim, one query and one hand-over:
/// fewer, larger jobs cost fewer wake-ups, which are dear when the other thread runs on
/// another (virtual) processor, while a job still takes only a few milliseconds to decode,
/// so the opening thread never waits long for the first one. Node blocks are the larger
/// (statements carry their text), about 200 KB against 20 KB in the benchmark graph.
const NODE_JOB: usize = 4;
const EDGE_JOB: usize = 16;
/// Jobs the workers may run ahead of the opening thread, per worker.
const AHEAD: usize = 3;
/// A worker connection's page cache in KiB (negative: SQLite's unit for KiB).
const WORKER_CACHE_KIB: i64 = -64;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Nodes,
    Edges,
}

impl Kind {
    fn table(self) -> &'static str {
        match self {
            Kind::Nodes => "node_blocks",
            Kind::Edges => "edge_blocks",
        }
    }
}

/// The file that holds a WAL store's latest commits until they are copied into it.
fn wal_path(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push("-wal");
    PathBuf::from(p)
}

/// One more than the highest element id the table's blocks may hold (0 for none), after
/// checking that every block number gives 32-bit ids. Both ends of the block key are found
/// in its index, without reading the blocks.
fn block_bound(conn: &Connection, kind: Kind) -> Result<usize, BlockFailure> {
    let table = kind.table();
    // Two queries: SQLite finds a lone `min` or `max` at one end of the key, but scans the
    // whole table (every block's first page) for both in one.
    let end = |f: &str| -> Result<Option<i64>, BlockFailure> {
        conn.query_row(&format!("SELECT {f}(block) FROM {table}"), [], |r| r.get(0))
            .map_err(BlockFailure::Sql)
    };
    let (lo, hi) = (end("min")?, end("max")?);
    let limit = (u32::MAX as usize / snapshot::BLOCK) as i64;
    for b in [lo, hi].into_iter().flatten() {
        if !(0..=limit).contains(&b) {
            return Err(BlockFailure::Damaged(format!("block number {b}")));
        }
    }
    Ok(hi.map_or(0, |b| (b as usize + 1) * snapshot::BLOCK))
}

/// A job's blocks, decoded, in block order.
enum Decoded {
    Nodes(Vec<Vec<snapshot::NodeRow>>),
    Edges(Vec<EdgeBlock>),
}

/// Why reading the blocks stopped.
#[derive(Debug)]
enum BlockFailure {
    Sql(rusqlite::Error),
    Damaged(String),
}

/// The jobs of one load: job `j` holds the blocks numbered `j * NODE_JOB..(j + 1) * NODE_JOB`
/// of the node table while `j < node_jobs`, then likewise the edge table's.
struct Jobs {
    node_jobs: usize,
    jobs: usize,
}

impl Jobs {
    /// The jobs for tables whose elements' ids lie below `nodes` and `edges`.
    fn new(nodes: usize, edges: usize) -> Jobs {
        let node_jobs = nodes.div_ceil(snapshot::BLOCK * NODE_JOB);
        Jobs {
            node_jobs,
            jobs: node_jobs + edges.div_ceil(snapshot::BLOCK * EDGE_JOB),
        }
    }

    /// Job `j`'s table and its first and last block numbers.
    fn get(&self, j: usize) -> (Kind, i64, i64) {
        let (kind, i, n) = if j < self.node_jobs {
            (Kind::Nodes, j, NODE_JOB)
        } else {
            (Kind::Edges, j - self.node_jobs, EDGE_JOB)
        };
        (kind, (i * n) as i64, ((i + 1) * n - 1) as i64)
    }

    /// Reads job `j`'s blocks through `conn` and decodes them where SQLite holds them.
    fn run(
        &self,
        j: usize,
        conn: &Connection,
        reader: &mut snapshot::BlockReader,
    ) -> Result<Decoded, BlockFailure> {
        let (kind, first, last) = self.get(j);
        let table = kind.table();
        let mut st = conn
            .prepare_cached(&format!(
                "SELECT block, data FROM {table} WHERE block BETWEEN ?1 AND ?2 ORDER BY block"
            ))
            .map_err(BlockFailure::Sql)?;
        let mut rows = st.query([first, last]).map_err(BlockFailure::Sql)?;
        let (mut nodes, mut edges) = (Vec::new(), Vec::new());
        while let Some(row) = rows.next().map_err(BlockFailure::Sql)? {
            let b: i64 = row.get(0).map_err(BlockFailure::Sql)?;
            let data = row
                .get_ref(1)
                .and_then(|v| Ok(v.as_blob()?))
                .map_err(BlockFailure::Sql)?;
            // `block_bound` checked the block numbers.
            let b = b as usize;
            let range = b * snapshot::BLOCK..(b + 1) * snapshot::BLOCK;
            match kind {
                Kind::Nodes => nodes.push(
                    reader
                        .nodes(data, range)
                        .map_err(|e| BlockFailure::Damaged(format!("node block {b}: {e}")))?,
                ),
                Kind::Edges => edges.push(
                    reader
                        .edges(data, range)
                        .map_err(|e| BlockFailure::Damaged(format!("edge block {b}: {e}")))?,
                ),
            }
        }
        Ok(match kind {
            Kind::Nodes => Decoded::Nodes(nodes),
            Kind::Edges => Decoded::Edges(edges),
        })
    }
}

/// The jobs of one load and their results, shared by the opening thread and the workers.
struct Pipe {
    jobs: Jobs,
    state: Mutex<PipeState>,
    /// Signalled when a result arrives while the opening thread waits for one.
    arrived: Condvar,
    /// Signalled when the opening thread takes a result while a worker waits for room.
    room: Condvar,
    ahead: usize,
    /// A job whose decoding panics, for the test that the opening thread then stops.
    #[cfg(test)]
    panic_at: Option<usize>,
}

#[cfg(test)]
thread_local! {
    /// `Pipe::panic_at` for the loads this (test) thread starts.
    static PANIC_AT: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

#[derive(Default)]
struct PipeState {
    /// Jobs claimed by workers: jobs `0..claimed`, at most `ahead` more than `taken`.
    claimed: usize,
    /// Results taken by the opening thread: jobs `0..taken`.
    taken: usize,
    done: BTreeMap<usize, Result<Decoded, BlockFailure>>,
    /// Workers still running; when none is left, nothing more will arrive.
    alive: usize,
    main_waits: bool,
    workers_wait: usize,
    stop: bool,
}

impl Pipe {
    fn new(jobs: Jobs, workers: usize) -> Pipe {
        Pipe {
            jobs,
            state: Mutex::new(PipeState {
                alive: workers,
                ..PipeState::default()
            }),
            arrived: Condvar::new(),
            room: Condvar::new(),
            ahead: AHEAD * workers.max(1),
            #[cfg(test)]
            panic_at: PANIC_AT.with(|p| p.get()),
        }
    }

    /// The state. A poisoned lock only means that a worker panicked; the state is whole,
    /// since no code under the lock panics, and its `Claim` has filed the failure.
    fn lock(&self) -> std::sync::MutexGuard<'_, PipeState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records how many workers did start (the system may refuse threads).
    fn started(&self, workers: usize) {
        self.lock().alive = workers;
        self.arrived.notify_all();
    }

    /// A worker's life: claim the next job, run it, file its result, until none is left or
    /// the opening thread stops.
    fn work(&self, conn: &Connection) {
        // One read transaction for all of this worker's queries (the write lock keeps them
        // the same anyway): it saves taking SQLite's read lock for each job. Should it fail,
        // each query reads on its own, which under the write lock reads the same.
        let _read = conn.unchecked_transaction();
        let mut reader = snapshot::BlockReader::default();
        let mut claim = Claim {
            pipe: self,
            job: None,
        };
        while let Some(j) = self.claim() {
            claim.job = Some(j);
            #[cfg(test)]
            if self.panic_at == Some(j) {
                panic!("test: decoding job {j} panics");
            }
            let out = self.jobs.run(j, conn, &mut reader);
            claim.job = None;
            self.file(j, out);
        }
    }

    /// The next job for a worker; it waits while it is `ahead` jobs ahead of the opening
    /// thread.
    fn claim(&self) -> Option<usize> {
        let mut st = self.lock();
        loop {
            if st.stop || st.claimed >= self.jobs.jobs {
                return None;
            }
            if st.claimed < st.taken + self.ahead {
                st.claimed += 1;
                return Some(st.claimed - 1);
            }
            st.workers_wait += 1;
            st = self.room.wait(st).unwrap_or_else(|e| e.into_inner());
            st.workers_wait -= 1;
        }
    }

    fn file(&self, j: usize, out: Result<Decoded, BlockFailure>) {
        let mut st = self.lock();
        st.done.insert(j, out);
        if st.main_waits {
            self.arrived.notify_one();
        }
    }

    /// The opening thread takes job `j`'s result, waiting for it if need be.
    fn take(&self, j: usize) -> Result<Decoded, BlockFailure> {
        let mut st = self.lock();
        let out = loop {
            if let Some(out) = st.done.remove(&j) {
                break out;
            }
            if st.alive == 0 {
                return Err(BlockFailure::Damaged(
                    "the decoding threads stopped".to_string(),
                ));
            }
            st.main_waits = true;
            st = self.arrived.wait(st).unwrap_or_else(|e| e.into_inner());
            st.main_waits = false;
        };
        st.taken = j + 1;
        if st.workers_wait > 0 {
            self.room.notify_all();
        }
        out
    }

    /// Lets the workers go: no more jobs are claimed.
    fn stop(&self) {
        self.lock().stop = true;
        self.room.notify_all();
    }
}

/// A worker's claim on a job. Dropped while it still holds the job (the decoder panicked),
/// it files the job as failed, so that the opening thread does not wait for it; dropped at
/// all, it counts the worker out.
struct Claim<'p> {
    pipe: &'p Pipe,
    job: Option<usize>,
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        let mut st = self.pipe.lock();
        if let Some(j) = self.job {
            st.done.insert(
                j,
                Err(BlockFailure::Damaged(
                    "the decoding thread stopped".to_string(),
                )),
            );
        }
        st.alive -= 1;
        self.pipe.arrived.notify_all();
    }
}

/// Where the opening thread gets a job's result: from the workers, or by running the job
/// itself on the store's connection.
enum Source<'c> {
    Workers,
    Inline(&'c Connection, RefCell<snapshot::BlockReader>),
}

/// One table's decoded blocks, in block order, for `Graph::restore_blocks`. It stops at the
/// first failure and keeps it in `failed`.
struct Blocks<'p, B, U> {
    /// Jobs not yet taken.
    jobs: std::ops::Range<usize>,
    pipe: &'p Pipe,
    source: &'p Source<'p>,
    /// The current job's blocks not yet handed out.
    blocks: std::vec::IntoIter<B>,
    failed: &'p RefCell<Option<BlockFailure>>,
    unwrap: U,
}

impl<B, U: Fn(Decoded) -> Vec<B>> Blocks<'_, B, U> {
    /// The next job's result, or `None` after the last job.
    fn next_job(&mut self) -> Option<Result<Decoded, BlockFailure>> {
        let j = self.jobs.next()?;
        Some(match self.source {
            Source::Workers => self.pipe.take(j),
            Source::Inline(conn, reader) => self.pipe.jobs.run(j, conn, &mut reader.borrow_mut()),
        })
    }
}

impl<B, U: Fn(Decoded) -> Vec<B>> Iterator for Blocks<'_, B, U> {
    type Item = B;
    fn next(&mut self) -> Option<B> {
        loop {
            if let Some(block) = self.blocks.next() {
                return Some(block);
            }
            if self.failed.borrow().is_some() {
                return None;
            }
            match self.next_job()? {
                Ok(d) => self.blocks = (self.unwrap)(d).into_iter(),
                Err(e) => {
                    *self.failed.borrow_mut() = Some(e);
                    return None;
                }
            }
        }
    }
}

/// The elements of blocks of rows, one at a time.
struct Rows<I: Iterator<Item = Vec<T>>, T> {
    blocks: I,
    /// The current block's elements.
    current: std::vec::IntoIter<T>,
    /// Elements still expected, for `size_hint` (so that `Graph::restore` reserves once).
    left: usize,
}

impl<I: Iterator<Item = Vec<T>>, T> Iterator for Rows<I, T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        loop {
            if let Some(x) = self.current.next() {
                self.left = self.left.saturating_sub(1);
                return Some(x);
            }
            self.current = self.blocks.next()?.into_iter();
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, None)
    }
}

/// Gives the pages of freed memory back to the system, in every allocator arena; returns
/// whether any were given back. Only glibc's allocator keeps a separate arena per thread and
/// offers this; elsewhere it does nothing.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_free_memory() -> bool {
    unsafe extern "C" {
        /// glibc's `int malloc_trim(size_t pad)` (malloc.h, since glibc 2.0).
        fn malloc_trim(pad: usize) -> std::ffi::c_int;
    }
    // SAFETY: the declaration matches glibc's prototype (`size_t` is `usize` on every Linux
    // target, `int` is `c_int`); the function takes no pointer, only locks each arena while
    // it returns the pages of free chunks, and is safe to call from any thread at any time,
    // like `malloc` itself. Live allocations are not touched.
    unsafe { malloc_trim(0) == 1 }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_free_memory() -> bool {
    false
}

/// Gives back at once the pages that mimalloc, the binaries' allocator (`src/alloc.rs`), keeps
/// after frees. It keeps them for a few milliseconds, for the next allocations to reuse, and
/// the workers' pages stay with their exited threads until another thread happens to take
/// them: after an open of a million statements that was about 9 MiB, still resident when the
/// first answer set the process's peak (285–286 instead of 286–292 MiB). Where mimalloc is not
/// the allocator, its heaps are empty and this does nothing.
fn release_mimalloc_memory() {
    unsafe extern "C" {
        /// mimalloc's `void mi_collect(bool force)` (mimalloc.h), linked in by the `mimalloc`
        /// crate (see `lib.rs`).
        fn mi_collect(force: bool);
    }
    // SAFETY: the declaration matches mimalloc's prototype (C `bool` is Rust's `bool`); the
    // function takes no pointer, frees only memory no allocation holds, and may be called from
    // any thread at any time.
    unsafe { mi_collect(true) }
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

    /// Edges with and without properties, across several blocks, come back from a store as
    /// they were (the graph keeps edge properties beside petgraph's records), whether decoded
    /// on this thread or on one or two workers, with properties on the first and last edges
    /// of blocks and a gap in ids; a property set later on a restored edge that had none is
    /// saved too.
    #[test]
    fn edges_with_and_without_properties_survive_a_store() {
        use crate::graph::Value;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        let a = s.graph.add_node(Node::new(label::PERSON).with("name", "A"));
        let b = s.graph.add_node(Node::new(label::PERSON).with("name", "B"));
        let ids: Vec<_> = (0..3000i64)
            .map(|i| {
                let e = match (i % 700, i) {
                    (0, _) | (_, 1023 | 1024 | 2047) => Edge::new("MET").with("n", i),
                    _ => Edge::new("KNOWS"),
                };
                s.graph.add_edge(a, b, e)
            })
            .collect();
        for &e in &ids[1010..1020] {
            s.graph.remove_edge(e);
        }
        let want = dump(&s.graph);
        s.save(&[]).unwrap();
        drop(s);
        let mut s = Store::open(&path, false).unwrap();
        assert_eq!(dump(&s.graph), want);
        for workers in [0, 1, 2] {
            assert_eq!(dump(&s.load_with(workers).unwrap()), want);
        }
        assert_eq!(
            s.graph.edge(ids[1024]).unwrap().prop("n").as_deref(),
            Some(&Value::Int(1024))
        );
        assert_eq!(
            s.graph.edge(ids[1400]).unwrap().prop("n").as_deref(),
            Some(&Value::Int(1400))
        );
        let e = ids[5];
        assert!(s.graph.edge(e).unwrap().props.is_empty());
        s.graph
            .edge_props_mut(e)
            .unwrap()
            .insert("since", Value::Int(1990));
        s.graph.set_edge_origin(e, Origin::Manual);
        let want = dump(&s.graph);
        s.save(&[]).unwrap();
        drop(s);
        let s = Store::open(&path, false).unwrap();
        assert_eq!(dump(&s.graph), want);
        let got = s.graph.edge(e).unwrap();
        assert_eq!(got.prop("since").as_deref(), Some(&Value::Int(1990)));
        assert_eq!(
            (got.rel_type.as_str(), got.origin),
            ("KNOWS", Origin::Manual)
        );
        assert!(s.graph.edge(ids[6]).unwrap().props.is_empty());
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

    fn version(s: &Store) -> i64 {
        s.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    }

    fn tables(s: &Store) -> Vec<String> {
        let mut st = s
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn a_version_two_store_is_migrated_to_blocks_and_keeps_its_graph() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        version_two_store(&path);
        let s = Store::open(&path, false).unwrap();
        let want = dump(&s.graph);
        assert!(
            want.contains(r#""labels":["Country","Location"]"#),
            "{want}"
        );
        assert!(want.contains(r#""id":"2""#) && want.contains(r#""start":0"#));
        assert_eq!(s.graph.suppressed().0.len(), 1);
        assert_eq!(version(&s), SCHEMA_VERSION);
        assert_eq!(
            tables(&s),
            [
                "documents",
                "edge_blocks",
                "meta",
                "node_blocks",
                "suppressed"
            ]
        );
        drop(s);
        let s = Store::open(&path, false).unwrap();
        assert_eq!(dump(&s.graph), want);
        assert_eq!(s.graph.suppressed().0.len(), 1);
    }

    /// A version-3 store: the version-2 rows plus, if given, an image stamped `stamp` while
    /// the rows' generation is 5.
    fn version_three_store(path: &Path, image: Option<(&Graph, i64)>) {
        version_two_store(path);
        let c = Connection::open(path).unwrap();
        c.execute_batch(MIGRATIONS[2]).unwrap();
        c.execute("UPDATE meta SET value = 5 WHERE key = 'generation'", [])
            .unwrap();
        if let Some((g, stamp)) = image {
            let mut data = Vec::new();
            snapshot::write(g, stamp, &mut data).unwrap();
            // Two chunks, as a large image would have.
            let half = data.len() / 2;
            c.execute(
                "INSERT INTO snapshot (seq, data) VALUES (0, ?1), (1, ?2)",
                params![&data[..half], &data[half..]],
            )
            .unwrap();
        }
        c.pragma_update(None, "user_version", 3).unwrap();
    }

    #[test]
    fn a_version_three_store_is_migrated_from_its_image_when_current_else_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let mut other = Graph::new();
        sample(&mut other);
        let from_rows = {
            let path = dir.path().join("rows.db");
            version_two_store(&path);
            dump(&Store::open(&path, false).unwrap().graph)
        };
        // A current image is read instead of the rows (here it holds another graph, to tell
        // which was read).
        let path = dir.path().join("current.db");
        version_three_store(&path, Some((&other, 5)));
        let s = Store::open(&path, false).unwrap();
        assert_eq!(version(&s), SCHEMA_VERSION);
        assert_eq!(dump(&s.graph), dump(&other));
        // A stale image gives way to the rows, and so does a damaged one.
        let path = dir.path().join("stale.db");
        version_three_store(&path, Some((&other, 4)));
        assert_eq!(dump(&Store::open(&path, false).unwrap().graph), from_rows);
        let path = dir.path().join("damaged.db");
        version_three_store(&path, Some((&other, 5)));
        let c = Connection::open(&path).unwrap();
        c.execute("DELETE FROM snapshot WHERE seq = 1", []).unwrap();
        drop(c);
        assert_eq!(dump(&Store::open(&path, false).unwrap().graph), from_rows);
    }

    #[test]
    fn a_failed_migration_leaves_the_old_store_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        version_three_store(&path, None);
        // A row the version-3 reader rejects stops the migration.
        let c = Connection::open(&path).unwrap();
        c.execute(
            "INSERT INTO nodes (id, labels, props, origin) VALUES (7, 'not json', '{}', 0)",
            [],
        )
        .unwrap();
        drop(c);
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path, false).err().unwrap();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
        assert!(err.to_string().contains("node 7"), "{err}");
        let c = Connection::open(&path).unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 3);
        let n: i64 = c
            .query_row("SELECT count(*) FROM nodes", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 3);
        drop(c);
        assert_eq!(std::fs::read(&path).unwrap().len(), before.len());
    }

    /// A version-4 store: `g`'s blocks in format 1, as schema 4 wrote them.
    fn version_four_store(path: &Path, g: &Graph) {
        let mut s = Store::open(path, true).unwrap();
        s.graph = g.clone();
        s.save(&[]).unwrap();
        let nodes: Vec<NodeId> = g.node_ids().collect();
        let edges: Vec<EdgeId> = g.edge_ids().collect();
        s.conn
            .execute(
                "UPDATE node_blocks SET data = ?1",
                [snapshot::node_block_v1(g, &nodes)],
            )
            .unwrap();
        s.conn
            .execute(
                "UPDATE edge_blocks SET data = ?1",
                [snapshot::edge_block_v1(g, &edges)],
            )
            .unwrap();
        s.conn.pragma_update(None, "user_version", 4).unwrap();
    }

    fn block_magics(s: &Store) -> Vec<String> {
        let mut st = s
            .conn
            .prepare(
                "SELECT substr(data, 1, 8) FROM node_blocks
                 UNION ALL SELECT substr(data, 1, 8) FROM edge_blocks",
            )
            .unwrap();
        st.query_map([], |r| r.get::<_, Vec<u8>>(0))
            .unwrap()
            .map(|b| String::from_utf8(b.unwrap()).unwrap())
            .collect()
    }

    #[test]
    fn a_version_four_store_is_migrated_to_format_two_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut g = Graph::new();
        sample(&mut g);
        version_four_store(&path, &g);
        let s = Store::open(&path, false).unwrap();
        assert_eq!(version(&s), SCHEMA_VERSION);
        assert_eq!(dump(&s.graph), dump(&g));
        assert_eq!(block_magics(&s), ["WHOSBLK2", "WHOSBLK2"]);
        drop(s);
        // Opening again reads the new blocks and changes nothing.
        let before = std::fs::read(&path).unwrap();
        let s = Store::open(&path, false).unwrap();
        assert_eq!(dump(&s.graph), dump(&g));
        drop(s);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_damaged_version_four_block_stops_the_migration_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut g = Graph::new();
        sample(&mut g);
        version_four_store(&path, &g);
        let c = Connection::open(&path).unwrap();
        c.execute(
            "UPDATE edge_blocks SET data = substr(data, 1, length(data) - 1)",
            [],
        )
        .unwrap();
        drop(c);
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path, false).err().unwrap();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
        assert!(err.to_string().contains("edge block 0"), "{err}");
        let c = Connection::open(&path).unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 4);
        drop(c);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    fn block_count(s: &Store, table: &str) -> i64 {
        s.conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn saves_write_the_blocks_that_changed_and_drop_empty_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        // Three blocks of nodes and two of edges, with holes.
        let ids: Vec<NodeId> = (0..2 * snapshot::BLOCK as i64 + 10)
            .map(|i| {
                s.graph
                    .add_node(Node::new(label::PERSON).with("name", format!("P{i}")))
            })
            .collect();
        for (k, w) in ids.windows(2).enumerate() {
            s.graph.add_edge(w[0], w[1], Edge::new("MET").with("k", k));
        }
        s.graph.remove_node(ids[7]);
        s.save(&[]).unwrap();
        assert_eq!(block_count(&s, "node_blocks"), 3);
        assert_eq!(block_count(&s, "edge_blocks"), 3);
        assert_eq!(dump(&s.load().unwrap()), dump(&s.graph));
        // Emptying the last node block deletes its row; a change in the first rewrites it.
        for &id in &ids[2 * snapshot::BLOCK..] {
            s.graph.remove_node(id);
        }
        s.graph
            .node_props_mut(ids[0])
            .unwrap()
            .insert("name", "Erste".into());
        s.save(&[]).unwrap();
        assert_eq!(block_count(&s, "node_blocks"), 2);
        let want = dump(&s.graph);
        assert!(want.contains("Erste"));
        drop(s);
        assert_eq!(dump(&Store::open(&path, false).unwrap().graph), want);
    }

    /// More blocks than the workers read ahead, so that they come back out of order: the
    /// graph is the same, and a damaged block far in is named.
    #[test]
    fn many_blocks_load_in_order_and_a_damaged_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        let n = 20 * snapshot::BLOCK + 3;
        let ids: Vec<NodeId> = (0..n)
            .map(|i| {
                s.graph.add_node(
                    Node::new(label::STATEMENT)
                        .with("text", format!("Satz {i}"))
                        .with("published", format!("2024-05-{:02}", i % 28 + 1)),
                )
            })
            .collect();
        for w in ids.windows(2).step_by(3) {
            s.graph.add_edge(w[0], w[1], Edge::new("NEXT"));
        }
        s.save(&[]).unwrap();
        let want = dump(&s.graph);
        drop(s);
        let s = Store::open(&path, false).unwrap();
        assert_eq!(dump(&s.graph), want);
        // Without worker threads, the opening thread decodes: same graph.
        assert_eq!(dump(&s.load_with(0).unwrap()), want);
        assert_eq!(dump(&s.load_with(3).unwrap()), want);
        drop(s);
        let c = Connection::open(&path).unwrap();
        c.execute(
            "UPDATE node_blocks SET data = substr(data, 1, 100) WHERE block = 13",
            [],
        )
        .unwrap();
        let err = Store::open(&path, false).err().unwrap();
        assert!(err.to_string().contains("node block 13"), "{err}");
        c.execute("DELETE FROM node_blocks WHERE block = 13", [])
            .unwrap();
        c.execute(
            "UPDATE edge_blocks SET data = substr(data, 1, 50) WHERE block = 2",
            [],
        )
        .unwrap();
        let err = Store::open(&path, false).err().unwrap();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
        assert!(err.to_string().contains("edge block 2"), "{err}");
    }

    /// Opening while another connection is in the middle of a save neither waits for it
    /// nor sees its uncommitted blocks (this thread then decodes alone), and the write lock
    /// the parallel load takes is given back, so that saving afterwards works.
    #[test]
    fn a_save_in_progress_elsewhere_is_not_seen_and_the_lock_is_given_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        let ids: Vec<NodeId> = (0..3 * snapshot::BLOCK)
            .map(|i| {
                s.graph
                    .add_node(Node::new(label::PERSON).with("name", format!("P{i}")))
            })
            .collect();
        s.graph.add_edge(ids[0], ids[2000], Edge::new("MET"));
        s.save(&[]).unwrap();
        let want = dump(&s.graph);
        drop(s);
        let writer = Connection::open(&path).unwrap();
        writer
            .execute_batch("BEGIN IMMEDIATE; DELETE FROM node_blocks WHERE block = 1;")
            .unwrap();
        let s = Store::open(&path, false).unwrap();
        assert_eq!(dump(&s.graph), want);
        writer.execute_batch("ROLLBACK").unwrap();
        assert_eq!(dump(&s.load_with(2).unwrap()), want);
        assert!(s.conn.is_autocommit());
        writer
            .execute_batch("BEGIN IMMEDIATE; DELETE FROM edge_blocks; COMMIT;")
            .unwrap();
        assert_eq!(s.load_with(2).unwrap().edge_count(), 0);
    }

    /// Jobs are cut by block number: a node job and an edge job with no block left (their
    /// elements deleted) load the same, with and without workers.
    #[test]
    fn jobs_with_no_block_left_load_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        let n = (2 * NODE_JOB + 1) * snapshot::BLOCK;
        let ids: Vec<NodeId> = (0..n)
            .map(|i| {
                s.graph
                    .add_node(Node::new(label::STATEMENT).with("text", format!("S{i}")))
            })
            .collect();
        // Edges only between the first node job's nodes, so that the second one's can go.
        let (k, m) = (
            NODE_JOB * snapshot::BLOCK,
            (2 * EDGE_JOB + 1) * snapshot::BLOCK + 7,
        );
        for i in 0..m {
            s.graph
                .add_edge(ids[i % k], ids[(i * 7 + 1) % k], Edge::new("MET"));
        }
        s.save(&[]).unwrap();
        s.conn
            .execute(
                "DELETE FROM node_blocks WHERE block BETWEEN ?1 AND ?2",
                [NODE_JOB as i64, 2 * NODE_JOB as i64 - 1],
            )
            .unwrap();
        s.conn
            .execute(
                "DELETE FROM edge_blocks WHERE block BETWEEN ?1 AND ?2",
                [EDGE_JOB as i64, 2 * EDGE_JOB as i64 - 1],
            )
            .unwrap();
        let g = s.load_with(0).unwrap();
        assert_eq!(g.node_count(), n - NODE_JOB * snapshot::BLOCK);
        assert_eq!(g.edge_count(), m - EDGE_JOB * snapshot::BLOCK);
        for workers in [1, 2] {
            assert_eq!(dump(&s.load_with(workers).unwrap()), dump(&g));
        }
    }

    /// A decoding thread that panics does not leave the opening thread waiting: the load
    /// fails with a clear error, whichever job it was, and the next load works.
    #[test]
    fn a_panicking_decoder_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        let n = (NODE_JOB + 1) * snapshot::BLOCK;
        let ids: Vec<NodeId> = (0..n)
            .map(|i| {
                s.graph
                    .add_node(Node::new(label::STATEMENT).with("text", format!("S{i}")))
            })
            .collect();
        s.graph.add_edge(ids[0], ids[n - 1], Edge::new("MET"));
        s.save(&[]).unwrap();
        let want = dump(&s.graph);
        for (job, workers) in [(0, 1), (1, 2), (2, 2)] {
            PANIC_AT.with(|p| p.set(Some(job)));
            let err = s.load_with(workers).err().unwrap();
            PANIC_AT.with(|p| p.set(None));
            assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
            assert!(err.to_string().contains("decoding thread"), "{err}");
            assert_eq!(dump(&s.load_with(workers).unwrap()), want);
        }
    }

    #[test]
    fn a_block_number_out_of_range_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        sample(&mut s.graph);
        s.save(&[]).unwrap();
        for bad in [-1i64, 1 << 40] {
            s.conn
                .execute("UPDATE edge_blocks SET block = ?1", [bad])
                .unwrap();
            for workers in [0, 2] {
                let err = s.load_with(workers).err().unwrap();
                assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
                assert!(
                    err.to_string().contains(&format!("block number {bad}")),
                    "{err}"
                );
            }
        }
    }

    /// Memory freed on another thread, between live allocations, is given back.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn freed_memory_of_other_threads_is_given_back() {
        let kept = std::thread::spawn(|| {
            let mut kept = Vec::new();
            let mut freed = Vec::new();
            for i in 0..256 {
                freed.push(vec![i as u8; 64 << 10]);
                kept.push(Box::new(i));
            }
            drop(freed);
            kept
        })
        .join()
        .unwrap();
        assert!(release_free_memory());
        assert_eq!(kept.len(), 256);
    }

    #[test]
    fn a_damaged_block_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path, true).unwrap();
        sample(&mut s.graph);
        s.save(&[]).unwrap();
        drop(s);
        let c = Connection::open(&path).unwrap();
        c.execute(
            "UPDATE node_blocks SET data = substr(data, 1, length(data) - 2)",
            [],
        )
        .unwrap();
        drop(c);
        let err = Store::open(&path, false).err().unwrap();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
        assert!(err.to_string().contains("node block 0"), "{err}");
        // An edge pointing at a node that is not there.
        let path = dir.path().join("u.db");
        let mut s = Store::open(&path, true).unwrap();
        sample(&mut s.graph);
        s.save(&[]).unwrap();
        s.conn.execute("DELETE FROM node_blocks", []).unwrap();
        let err = s.load().err().unwrap();
        assert!(err.to_string().contains("missing node"), "{err}");
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
