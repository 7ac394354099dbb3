//! The whole graph as one compact binary image, which the store keeps beside its row tables so
//! that opening a large store reads one sequential stream instead of parsing a JSON object per
//! row.
//!
//! The image is derived data: the row tables stay the source of truth, and a store that finds
//! no image, a stale one or a damaged one loads the rows instead (see `store.rs`).
//!
//! Layout, all integers little-endian:
//!
//! ```text
//! magic "WHOSNAP1", u32 format, i64 generation
//! u32 names;      per name:  u32 length, UTF-8 bytes        (labels, types, property keys)
//! u32 label sets; per set:   u32 count, count × u32 name
//! u64 nodes, u64 edges, u32 node id bound, u32 edge id bound
//! per node:  u32 id, u32 label set, u8 origin, props
//! per edge:  u32 id, u32 source, u32 target, u32 type name, u8 origin, props
//! magic "WHOSEND1"
//! props:  u32 count, per property: u32 name, value
//! value:  u8 tag (0 bool, 1 int, 2 float, 3 string, 4 list), then u8 / i64 / f64 bits /
//!         u32 length + UTF-8 bytes / u32 count + values
//! ```
//!
//! Nodes and edges come in ascending id order, as `Graph::restore` wants them; names and label
//! sets are written once and referred to by their position.
//!
//! The store's blocks (see `store.rs`) were this encoding cut along id ranges (format 1,
//! schema 4); since schema 5 they are format 2, described further down, which is laid out
//! the way the graph holds a block in memory. Reading still understands format 1, for the
//! migration.

use std::cell::RefCell;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Read, Write};

use crate::graph::{
    Edge, EdgeBlock, EdgeId, Graph, Labels, List, Node, NodeId, Origin, PropRef, Props, Str, Sym,
    Value,
};
use crate::layout::{ChunkBuilder, FastBuild, FastHasher, INLINE_MAX, le_word};

const MAGIC: &[u8; 8] = b"WHOSNAP1";
const END: &[u8; 8] = b"WHOSEND1";
const FORMAT: u32 = 1;
/// Lists inside lists deeper than this are refused rather than followed, so that a damaged
/// image cannot exhaust the stack.
const MAX_DEPTH: usize = 32;

/// Why an image could not be read. Each one makes the store fall back to its rows.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("reading the graph image: {0}")]
    Io(#[from] io::Error),
    #[error("graph image damaged: {0}")]
    Damaged(String),
}

fn damaged<T>(what: impl Into<String>) -> Result<T, SnapshotError> {
    Err(SnapshotError::Damaged(what.into()))
}

/// Writes the image of `g`, stamped with `generation`.
pub fn write(g: &Graph, generation: i64, out: &mut impl Write) -> io::Result<()> {
    let mut names = Table::default();
    // Names and label sets first: one pass to collect them, so the readers can intern each
    // once before the nodes.
    for id in g.node_ids() {
        names.node(g.node(id).expect("listed node exists"));
    }
    for id in g.edge_ids() {
        let e = g.edge(id).expect("listed edge exists");
        names.id(e.rel_type);
        names.props(e.props);
    }
    let mut w = Out { w: out };
    w.bytes(MAGIC)?;
    w.u32(FORMAT)?;
    w.bytes(&generation.to_le_bytes())?;
    w.names(&names)?;
    w.label_sets(&mut names)?;
    w.bytes(&(g.node_count() as u64).to_le_bytes())?;
    w.bytes(&(g.edge_count() as u64).to_le_bytes())?;
    w.u32(g.node_bound() as u32)?;
    w.u32(g.edge_bound() as u32)?;
    for id in g.node_ids() {
        let n = g.node(id).expect("listed node exists");
        w.u32(id.index() as u32)?;
        w.u32(names.set_of(n))?;
        w.u8(origin_code(n.origin))?;
        w.props(&n.props, &mut names)?;
    }
    for id in g.edge_ids() {
        let e = g.edge(id).expect("listed edge exists");
        let (s, t) = g.endpoints(id).expect("listed edge has endpoints");
        w.u32(id.index() as u32)?;
        w.u32(s.index() as u32)?;
        w.u32(t.index() as u32)?;
        w.u32(names.id(e.rel_type))?;
        w.u8(origin_code(e.origin))?;
        w.props(e.props, &mut names)?;
    }
    w.bytes(END)
}

/// Reads the generation an image was written for, leaving `r` at the start of its names.
pub fn read_generation(r: &mut impl Read) -> Result<i64, SnapshotError> {
    let mut magic = [0u8; 8];
    r.read_exact(&mut magic)?;
    if &magic != MAGIC {
        return damaged("no image header");
    }
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    if u32::from_le_bytes(b) != FORMAT {
        return damaged(format!("image format {}", u32::from_le_bytes(b)));
    }
    let mut g = [0u8; 8];
    r.read_exact(&mut g)?;
    Ok(i64::from_le_bytes(g))
}

/// Reads the rest of an image (after `read_generation`) into a graph. `len` is the image's
/// total size, which bounds every length read from it.
pub fn read_graph(r: &mut impl Read, len: u64) -> Result<Graph, SnapshotError> {
    let mut share = Sharing::default();
    let mut inp = In::new(r, len, &mut share);
    let n_names = inp.count(4)?;
    let mut names = Vec::new();
    for _ in 0..n_names {
        names.push(Sym::new(&inp.string()?));
    }
    let n_sets = inp.count(4)?;
    let mut sets = Vec::new();
    for _ in 0..n_sets {
        let k = inp.count(4)?;
        let mut set = Vec::with_capacity(k);
        for _ in 0..k {
            set.push(inp.name(&names)?);
        }
        sets.push(Labels::new(&set));
    }
    let (n_nodes, n_edges) = (inp.u64()?, inp.u64()?);
    if n_nodes > len || n_edges > len {
        return damaged("node or edge count exceeds the image");
    }
    // Ids are checked against the bounds before `Graph::restore` fills the gaps below them
    // with placeholders, so that a damaged id cannot make it allocate billions of them.
    let (node_bound, edge_bound) = (inp.u32()? as usize, inp.u32()? as usize);
    let inp = RefCell::new(inp);
    let failed = RefCell::new(None);
    let nodes = Counted {
        left: n_nodes as usize,
        failed: &failed,
        next: || -> Result<(NodeId, Node), SnapshotError> {
            let mut i = inp.borrow_mut();
            let id = i.u32()? as usize;
            if id >= node_bound {
                return damaged(format!("node id {id}"));
            }
            let id = NodeId::new(id);
            let set = i.u32()? as usize;
            let Some(&labels) = sets.get(set) else {
                return damaged(format!("node {}: label set {set}", id.index()));
            };
            let origin = i.origin()?;
            let props = i.props(&names)?;
            Ok((
                id,
                Node {
                    labels,
                    props,
                    origin,
                },
            ))
        },
    };
    let edges = Counted {
        left: n_edges as usize,
        failed: &failed,
        next: || -> Result<(EdgeId, NodeId, NodeId, Edge), SnapshotError> {
            let mut i = inp.borrow_mut();
            let (id, src, dst) = (i.u32()? as usize, i.u32()? as usize, i.u32()? as usize);
            if id >= edge_bound || src >= node_bound || dst >= node_bound {
                return damaged(format!("edge {id} ({src} -> {dst})"));
            }
            let (id, src, dst) = (EdgeId::new(id), NodeId::new(src), NodeId::new(dst));
            let rel_type = i.name(&names)?;
            let origin = i.origin()?;
            let props = i.props(&names)?;
            Ok((
                id,
                src,
                dst,
                Edge {
                    rel_type,
                    props,
                    origin,
                },
            ))
        },
    };
    let g = Graph::restore(nodes, edges).map_err(|e| SnapshotError::Damaged(e.to_string()));
    if let Some(e) = failed.take() {
        return damaged(e);
    }
    let g = g?;
    let mut end = [0u8; 8];
    inp.borrow_mut().r.read_exact(&mut end)?;
    if &end != END {
        return damaged("no end marker");
    }
    Ok(g)
}

// ----- Blocks: the store's rows from schema version 4 on ---------------------------------
//
// A block holds the nodes (or the edges) whose ids fall in one range of `BLOCK` ids, in the
// same encoding as the image, with its own table of names so that each block can be written
// again alone when something in its range changes:
//
// ```text
// magic "WHOSBLK1", u8 kind (0 nodes, 1 edges)
// u32 names; per name: u32 length, UTF-8 bytes
// nodes: u32 label sets; per set: u32 count, count × u32 name
// u32 elements; per element as in the image (node: id, label set, origin, props;
//                                            edge: id, source, target, type, origin, props)
// ```

/// Ids per block: a block of statements is about 150 KB, so a save that touches one entity
/// rewrites little, and a million-node graph is about a thousand rows.
pub const BLOCK: usize = 1024;

const BLOCK_MAGIC: &[u8; 8] = b"WHOSBLK1";

/// The format-1 block of the nodes `ids`, as schema 4 wrote it: for the migration tests.
#[cfg(test)]
pub(crate) fn node_block_v1(g: &Graph, ids: &[NodeId]) -> Vec<u8> {
    let mut names = Table::default();
    for &id in ids {
        names.node(g.node(id).expect("listed node exists"));
    }
    let mut buf = Vec::with_capacity(64 + ids.len() * 64);
    let mut w = Out { w: &mut buf };
    // Writing into a vector cannot fail.
    let _ = (|| -> io::Result<()> {
        w.bytes(BLOCK_MAGIC)?;
        w.u8(0)?;
        w.names(&names)?;
        w.label_sets(&mut names)?;
        w.u32(ids.len() as u32)?;
        for &id in ids {
            let n = g.node(id).expect("listed node exists");
            w.u32(id.index() as u32)?;
            w.u32(names.set_of(n))?;
            w.u8(origin_code(n.origin))?;
            w.props(&n.props, &mut names)?;
        }
        Ok(())
    })();
    buf
}

/// The format-1 block of the edges `ids`, as schema 4 wrote it: for the migration tests.
#[cfg(test)]
pub(crate) fn edge_block_v1(g: &Graph, ids: &[EdgeId]) -> Vec<u8> {
    let mut names = Table::default();
    for &id in ids {
        let e = g.edge(id).expect("listed edge exists");
        names.id(e.rel_type);
        names.props(e.props);
    }
    let mut buf = Vec::with_capacity(64 + ids.len() * 24);
    let mut w = Out { w: &mut buf };
    let _ = (|| -> io::Result<()> {
        w.bytes(BLOCK_MAGIC)?;
        w.u8(1)?;
        w.names(&names)?;
        w.u32(ids.len() as u32)?;
        for &id in ids {
            let e = g.edge(id).expect("listed edge exists");
            let (s, t) = g.endpoints(id).expect("listed edge has endpoints");
            w.u32(id.index() as u32)?;
            w.u32(s.index() as u32)?;
            w.u32(t.index() as u32)?;
            w.u32(names.id(e.rel_type))?;
            w.u8(origin_code(e.origin))?;
            w.props(e.props, &mut names)?;
        }
        Ok(())
    })();
    buf
}

// ----- Blocks, format 2: fixed-width records, one string area ----------------------------
//
// Format 1 (`WHOSBLK1`, store schema 4) wrote every value with its own tag and length, so that
// reading a block meant walking it byte by byte, checking each string as UTF-8 on its own,
// collecting every value into a temporary list and hashing each short string to share it:
// about 2,400 instructions per statement, most of a large store's opening. Format 2
// (`WHOSBLK2`, schema 5) is laid out the way the graph holds a block in memory:
//
// ```text
// magic "WHOSBLK2", u8 kind (0 nodes, 1 edges)
// u32 names;      per name: u32 length, UTF-8 bytes
// (nodes only) u32 label sets; per set: u32 count, count × u32 name
// u32 key sets;   per set: u32 count, count × u32 name   (sorted as `Props` keeps them)
// u32 elements;   per element a fixed record:
//     node: u32 id, u32 label set, u32 key set, u8 origin                  (13 bytes)
//     edge: u32 id, u32 source, u32 target, u32 type name, u32 key set, u8 origin (21 bytes)
// u32 values;     per value 9 bytes: u8 tag, u64 payload. First each element's values in the
//                 order of its key set, then the items of lists. Tags: 0 bool (0 or 1),
//                 1 int, 2 float bits, 3 string (payload: its number in the string table),
//                 4 list (payload: u32 item count, in the high half; the items are the next
//                 unread ones of the item area, in the order the lists are met depth first)
// u32 strings;    (strings + 1) × u32 offsets into the text area, then the text area
// ```
//
// Each distinct short string is written once per block, so a repeated source or kind costs
// one copy on disk and one look-up on opening. The text area is checked as UTF-8 once, and
// each string's start and end checked to fall on a character boundary, which together prove
// every string valid. Reading checks the whole block first and allocates nothing for a
// damaged one, then fills one chunk (see `ChunkBuilder`).

const BLOCK_MAGIC_2: &[u8; 8] = b"WHOSBLK2";
/// The bytes of one value record.
const VALUE_BYTES: usize = 9;

/// The writing side of a format-2 block.
struct BlockOut<'g> {
    names: Table,
    /// Key sets by their interned number, and their place in the block's list.
    key_ids: HashMap<u32, u32, FastBuild>,
    key_sets: Vec<&'static [Sym]>,
    records: Vec<u8>,
    /// Every element's values, then the list items (appended when a list is met).
    values: Vec<u8>,
    items: Vec<u8>,
    /// Short strings already in the block, by text.
    string_ids: HashMap<&'g str, u32, FastBuild>,
    offsets: Vec<u32>,
    text: Vec<u8>,
}

impl<'g> BlockOut<'g> {
    fn new(n: usize) -> Self {
        BlockOut {
            names: Table::default(),
            key_ids: HashMap::default(),
            key_sets: Vec::new(),
            records: Vec::with_capacity(n * 21),
            values: Vec::with_capacity(n * 4 * VALUE_BYTES),
            items: Vec::new(),
            string_ids: HashMap::default(),
            offsets: vec![0],
            text: Vec::with_capacity(n * 64),
        }
    }
    fn u32(buf: &mut Vec<u8>, x: u32) {
        buf.extend_from_slice(&x.to_le_bytes());
    }
    /// The block's number of a property array's key set, filing the set on first sight.
    fn key_set(&mut self, p: &Props) -> u32 {
        let names = &mut self.names;
        let sets = &mut self.key_sets;
        *self.key_ids.entry(p.key_set_id()).or_insert_with(|| {
            for &k in p.key_list() {
                names.id(k);
            }
            sets.push(p.key_list());
            sets.len() as u32 - 1
        })
    }
    fn string(&mut self, s: &'g str) -> u32 {
        // Strings short enough to live in their handle cost nothing to repeat in memory,
        // and ids (most of them) never repeat: writing them again is cheaper than a look-up.
        let shared = s.len() > INLINE_MAX && s.len() <= SHARE_MAX;
        if shared && let Some(&i) = self.string_ids.get(s) {
            return i;
        }
        let i = self.offsets.len() as u32 - 1;
        self.text.extend_from_slice(s.as_bytes());
        self.offsets.push(self.text.len() as u32);
        if shared {
            self.string_ids.insert(s, i);
        }
        i
    }
    /// The record of a value; a list's items go to the item area.
    fn value(&mut self, v: &'g Value) -> [u8; VALUE_BYTES] {
        match v {
            Value::String(s) => self.text(s),
            Value::List(items) => self.list(items),
            _ => Self::scalar(v),
        }
    }
    /// The record of a property's value. Its text and items are borrowed from the graph
    /// (see `PropRef::as_str`), which the block's shared strings refer to until it is done.
    fn prop(&mut self, v: PropRef<'g>) -> [u8; VALUE_BYTES] {
        match (v.as_str(), v.as_list()) {
            (Some(s), _) => self.text(s),
            (_, Some(items)) => self.list(items),
            _ => Self::scalar(&v),
        }
    }
    fn text(&mut self, s: &'g str) -> [u8; VALUE_BYTES] {
        let i = self.string(s);
        Self::record(3, u64::from(i))
    }
    fn list(&mut self, items: &'g List) -> [u8; VALUE_BYTES] {
        // Room for the items first, then each item in turn: a nested list's items land
        // after this list's, in the order the reader meets them.
        let at = self.items.len();
        self.items.resize(at + items.len() * VALUE_BYTES, 0);
        for (i, x) in items.iter().enumerate() {
            let rec = self.value(x);
            let p = at + i * VALUE_BYTES;
            self.items[p..p + VALUE_BYTES].copy_from_slice(&rec);
        }
        Self::record(4, (items.len() as u64) << 32)
    }
    /// The record of a boolean or a number; `value` and `prop` write strings and lists.
    fn scalar(v: &Value) -> [u8; VALUE_BYTES] {
        let (tag, payload) = match v {
            Value::Bool(b) => (0, u64::from(*b)),
            Value::Int(i) => (1, *i as u64),
            Value::Float(f) => (2, f.to_bits()),
            Value::String(_) | Value::List(_) => unreachable!("written by value and prop"),
        };
        Self::record(tag, payload)
    }
    fn record(tag: u8, payload: u64) -> [u8; VALUE_BYTES] {
        let mut rec = [0u8; VALUE_BYTES];
        rec[0] = tag;
        rec[1..].copy_from_slice(&payload.to_le_bytes());
        rec
    }
    fn props(&mut self, p: &'g Props) {
        // Most edges of a large graph have no properties: skip the iterator's set-up.
        if p.is_empty() {
            return;
        }
        for v in p.values() {
            let rec = self.prop(v);
            self.values.extend_from_slice(&rec);
        }
    }
    /// The finished block: header, tables, records, values and strings.
    fn finish(mut self, kind: u8, count: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            64 + self.records.len()
                + self.values.len()
                + self.items.len()
                + self.text.len()
                + 4 * self.offsets.len(),
        );
        out.extend_from_slice(BLOCK_MAGIC_2);
        out.push(kind);
        // The key sets' names are filed already; label sets' names too (nodes).
        let key_sets: Vec<Vec<u32>> = (self.key_sets.iter())
            .map(|ks| ks.iter().map(|&k| self.names.id(k)).collect())
            .collect();
        let label_sets: Vec<Vec<u32>> = (0..self.names.set_list.len())
            .map(|i| {
                let set = self.names.set_list[i];
                set.iter().map(|&l| self.names.id(l)).collect()
            })
            .collect();
        Self::u32(&mut out, self.names.list.len() as u32);
        for s in &self.names.list {
            Self::u32(&mut out, s.len() as u32);
            out.extend_from_slice(s.as_bytes());
        }
        let tables = [&label_sets, &key_sets];
        let tables = if kind == 0 { &tables[..] } else { &tables[1..] };
        for sets in tables {
            Self::u32(&mut out, sets.len() as u32);
            for set in sets.iter() {
                Self::u32(&mut out, set.len() as u32);
                for &n in set {
                    Self::u32(&mut out, n);
                }
            }
        }
        Self::u32(&mut out, count as u32);
        out.extend_from_slice(&self.records);
        let n_values = (self.values.len() + self.items.len()) / VALUE_BYTES;
        Self::u32(&mut out, n_values as u32);
        out.extend_from_slice(&self.values);
        out.extend_from_slice(&self.items);
        Self::u32(&mut out, self.offsets.len() as u32 - 1);
        for &o in &self.offsets {
            Self::u32(&mut out, o);
        }
        out.extend_from_slice(&self.text);
        out
    }
}

/// The block holding the nodes `ids` (ascending, all present in `g`).
pub fn node_block(g: &Graph, ids: &[NodeId]) -> Vec<u8> {
    let mut b = BlockOut::new(ids.len());
    for &id in ids {
        let n = g.node(id).expect("listed node exists");
        b.names.node(n);
        let keys = b.key_set(&n.props);
        let set = b.names.set_of(n);
        let r = &mut b.records;
        BlockOut::u32(r, id.index() as u32);
        BlockOut::u32(r, set);
        BlockOut::u32(r, keys);
        r.push(origin_code(n.origin));
        b.props(&n.props);
    }
    b.finish(0, ids.len())
}

/// The block holding the edges `ids` (ascending, all present in `g`).
pub fn edge_block(g: &Graph, ids: &[EdgeId]) -> Vec<u8> {
    let mut b = BlockOut::new(ids.len());
    for &id in ids {
        let e = g.edge(id).expect("listed edge exists");
        let (s, t) = g.endpoints(id).expect("listed edge has endpoints");
        let ty = b.names.id(e.rel_type);
        let keys = b.key_set(e.props);
        let r = &mut b.records;
        for x in [id.index(), s.index(), t.index()] {
            BlockOut::u32(r, x as u32);
        }
        BlockOut::u32(r, ty);
        BlockOut::u32(r, keys);
        r.push(origin_code(e.origin));
        b.props(e.props);
    }
    b.finish(1, ids.len())
}

/// A format-2 block, checked: its tables and where its records, values and strings are.
struct Block2<'a> {
    /// Bytes per record: 13 for a node, 21 for an edge.
    size: usize,
    names: Vec<Sym>,
    label_sets: Vec<Labels>,
    key_sets: Vec<Vec<Sym>>,
    count: usize,
    records: &'a [u8],
    values: &'a [u8],
    /// Values in the element area (the rest are list items).
    top: usize,
    /// The strings, cut out of the text area.
    strings: Vec<&'a str>,
    /// Per string: how many values refer to it, and the property key of the first.
    uses: Vec<(u32, Option<Sym>)>,
    /// Per element, its key set.
    elem_keys: Vec<u32>,
}

impl<'a> Block2<'a> {
    /// Checks a block of `kind` (0 nodes, 1 edges) whose ids must lie in `range`.
    fn check(
        block: &'a [u8],
        kind: u8,
        range: &std::ops::Range<usize>,
    ) -> Result<Block2<'a>, SnapshotError> {
        let mut c = Cur { b: block };
        if c.take(8).ok() != Some(&BLOCK_MAGIC_2[..]) || c.u8()? != kind {
            return damaged("no block header");
        }
        let n = c.count(4)?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            names.push(Sym::new(c.text()?));
        }
        let sets = |c: &mut Cur<'a>| -> Result<Vec<Vec<Sym>>, SnapshotError> {
            let n = c.count(4)?;
            let mut sets = Vec::with_capacity(n);
            for _ in 0..n {
                let k = c.count(4)?;
                let mut set = Vec::with_capacity(k);
                for _ in 0..k {
                    set.push(c.name(&names)?);
                }
                sets.push(set);
            }
            Ok(sets)
        };
        let label_sets = match kind {
            0 => sets(&mut c)?.iter().map(|s| Labels::new(s)).collect(),
            _ => Vec::new(),
        };
        let key_sets = sets(&mut c)?;
        if key_sets.iter().any(|s| !s.windows(2).all(|w| w[0] < w[1])) {
            return damaged("key set not sorted");
        }
        let size = if kind == 0 { 13 } else { 21 };
        let count = c.count(size)?;
        let records = c.take(count * size)?;
        let n_values = c.count(VALUE_BYTES)?;
        let values = c.take(n_values * VALUE_BYTES)?;
        let n_strings = c.count(4)?;
        let offsets = c.take((n_strings + 1) * 4)?;
        let end = u32::from_le_bytes(offsets[n_strings * 4..].try_into().expect("4 bytes"));
        let text = c.take(end as usize)?;
        c.end()?;
        let text = simdutf8::basic::from_utf8(text).or_else(|_| damaged("text is not UTF-8"))?;
        let mut b = Block2 {
            size,
            names,
            label_sets,
            key_sets,
            count,
            records,
            values,
            top: 0,
            strings: Vec::with_capacity(n_strings),
            uses: vec![(0, None); n_strings],
            elem_keys: Vec::with_capacity(count),
        };
        // Each string is cut out once, here, where `get` checks that it starts at or after
        // the one before and that both its ends fall on character boundaries (the last
        // offset is the text's end).
        let mut last = u32_at(offsets, 0) as usize;
        for i in 1..=n_strings {
            let o = u32_at(offsets, i * 4) as usize;
            let Some(s) = text.get(last..o) else {
                return damaged(format!("string offset {o}"));
            };
            b.strings.push(s);
            last = o;
        }
        // The records: ids in the block's range, tables' numbers in bounds; the element
        // values, then the list items each list takes in turn.
        for i in 0..count {
            let r = b.record(i);
            let id = u32_at(r, 0) as usize;
            if !range.contains(&id) {
                return damaged(format!("element id {id} outside its block"));
            }
            let (keys_at, origin_at) = if kind == 0 { (8, 12) } else { (16, 20) };
            if kind == 0 && u32_at(r, 4) as usize >= b.label_sets.len() {
                return damaged(format!("node {id}: label set"));
            }
            if kind == 1 && u32_at(r, 12) as usize >= b.names.len() {
                return damaged(format!("edge {id}: type name"));
            }
            let k = u32_at(r, keys_at);
            let Some(keys) = b.key_sets.get(k as usize) else {
                return damaged(format!("element {id}: key set"));
            };
            if r[origin_at] > 1 {
                return damaged(format!("origin {}", r[origin_at]));
            }
            b.top += keys.len();
            b.elem_keys.push(k);
        }
        if b.top > n_values {
            return damaged("fewer values than keys");
        }
        let mut next_item = b.top;
        let mut at = 0;
        for i in 0..count {
            let k = b.elem_keys[i] as usize;
            for j in 0..b.key_sets[k].len() {
                let key = b.key_sets[k][j];
                b.check_value(at, key, &mut next_item, 0)?;
                at += 1;
            }
        }
        if next_item != n_values {
            return damaged("list items left over");
        }
        Ok(b)
    }
    fn record(&self, i: usize) -> &'a [u8] {
        &self.records[i * self.size..(i + 1) * self.size]
    }
    fn value(&self, i: usize) -> (u8, u64) {
        let v = &self.values[i * VALUE_BYTES..(i + 1) * VALUE_BYTES];
        (
            v[0],
            u64::from_le_bytes(v[1..].try_into().expect("8 bytes")),
        )
    }
    fn check_value(
        &mut self,
        i: usize,
        key: Sym,
        next_item: &mut usize,
        depth: usize,
    ) -> Result<(), SnapshotError> {
        match self.value(i) {
            (0, 0 | 1) | (1 | 2, _) => Ok(()),
            (3, s) => match self.uses.get_mut(s as usize) {
                Some(u) => {
                    u.0 += 1;
                    u.1.get_or_insert(key);
                    Ok(())
                }
                None => damaged(format!("string {s}")),
            },
            (4, p) => {
                if depth >= MAX_DEPTH {
                    return damaged("lists nested too deeply");
                }
                let n = (p >> 32) as usize;
                let start = *next_item;
                if n > self.values.len() / VALUE_BYTES - start {
                    return damaged("list items missing");
                }
                *next_item += n;
                for x in start..start + n {
                    self.check_value(x, key, next_item, depth + 1)?;
                }
                Ok(())
            }
            (t, _) => damaged(format!("value tag {t}")),
        }
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

/// The second pass over a checked block: its strings and property arrays in one chunk.
struct Fill {
    chunk: ChunkBuilder,
    values: FillValues,
}

/// What `Fill` makes the values from: the block's strings, settled, and the next list item.
struct FillValues {
    strs: Vec<Option<Str>>,
    /// Per string, the values left to use it, and the pool it lives in (or `NO_POOL`).
    uses: Vec<(u32, u32)>,
    next_item: usize,
}

impl Fill {
    fn new(b: &Block2<'_>, share: &mut Sharing) -> Fill {
        let n = b.uses.len();
        let mut strs: Vec<Option<Str>> = Vec::with_capacity(n);
        let mut uses: Vec<(u32, u32)> = Vec::with_capacity(n);
        // The strings to copy into the chunk once it is sized; the others are settled here
        // (inline, shared, unused, or new in the sharing pool).
        let mut copies: Vec<u32> = Vec::new();
        let mut room = 0;
        for (i, &(n_uses, key)) in b.uses.iter().enumerate() {
            let text = b.string(i);
            let mut pool = NO_POOL;
            let s = match key {
                None => None,
                Some(_) if text.len() <= INLINE_MAX => Some(Str::new(text)),
                Some(key) => {
                    let source = match text.len() > SHARE_MAX {
                        true => Source::Copy { share: None },
                        false => share.look_up(text, key),
                    };
                    match source {
                        Source::Shared(s, p) => {
                            pool = p;
                            Some(s)
                        }
                        // A string later blocks may share goes to the sharing pool.
                        Source::Copy { share: Some(k) } => {
                            let (s, p) = share.keep_new(k, text);
                            pool = p;
                            Some(s)
                        }
                        Source::Copy { share: None } => {
                            room += ChunkBuilder::str_room(text.len());
                            copies.push(i as u32);
                            None
                        }
                        Source::Same(_) => None,
                    }
                }
            };
            strs.push(s);
            uses.push((n_uses, pool));
        }
        let mut chunk = ChunkBuilder::new(b.arrays(), b.top, room);
        for i in copies {
            strs[i as usize] = Some(chunk.str(b.string(i as usize)));
        }
        Fill {
            chunk,
            values: FillValues {
                strs,
                uses,
                next_item: b.top,
            },
        }
    }
    /// The properties of the element whose values start at `at`, with keys `keys`; `pools`
    /// are `Sharing::pools`.
    fn props(
        &mut self,
        b: &Block2<'_>,
        keys: &[Sym],
        at: usize,
        pools: &mut [ChunkBuilder],
    ) -> Props {
        // The key sets of a checked block are sorted.
        let values = &mut self.values;
        (self.chunk).sorted_props(keys, |chunk, j| values.value(chunk, pools, b, at + j))
    }
}

impl FillValues {
    /// Value `i` of the block. A string used more than once is handed out again by the
    /// builder of its chunk, the block's `chunk` or one of `pools`.
    fn value(
        &mut self,
        chunk: &mut ChunkBuilder,
        pools: &mut [ChunkBuilder],
        b: &Block2<'_>,
        i: usize,
    ) -> Value {
        match b.value(i) {
            (0, x) => Value::Bool(x != 0),
            (1, x) => Value::Int(x as i64),
            (2, x) => Value::Float(f64::from_bits(x)),
            (3, s) => {
                let s = s as usize;
                // The last value to use a string takes it; earlier ones share it.
                let (left, pool) = &mut self.uses[s];
                *left -= 1;
                let str = match (*left, *pool) {
                    (0, _) => self.strs[s].take(),
                    (_, NO_POOL) => (self.strs[s].as_ref()).map(|x| chunk.clone_str(x)),
                    (_, p) => (self.strs[s].as_ref()).map(|x| pools[p as usize].clone_str(x)),
                };
                Value::String(str.unwrap_or_default())
            }
            (_, p) => {
                let n = (p >> 32) as usize;
                let start = self.next_item;
                self.next_item += n;
                let items = start..start + n;
                Value::List(items.map(|x| self.value(chunk, pools, b, x)).collect())
            }
        }
    }
}

impl Block2<'_> {
    /// Elements with at least one property: each takes a property array in the chunk.
    fn arrays(&self) -> usize {
        (0..self.count)
            .filter(|&i| !self.keys_of(i).is_empty())
            .count()
    }
    /// The keys of element `i`.
    fn keys_of(&self, i: usize) -> &[Sym] {
        &self.key_sets[self.elem_keys[i] as usize]
    }
    /// String `i` of a checked block.
    fn string(&self, i: usize) -> &str {
        self.strings[i]
    }
}

/// A node with its id, as `Graph::restore` takes it.
pub type NodeRow = (NodeId, Node);

/// Decodes blocks, sharing repeated short strings across all the blocks it reads.
///
/// A block is decoded in two passes. The first checks every byte and notes the properties and
/// the strings, as slices of the block. The second puts all the block's property arrays and
/// its strings into one `ChunkBuilder` allocation: a thousand statements cost one allocation
/// instead of three thousand, and nothing is allocated before the whole block has proved
/// readable.
#[derive(Default)]
pub struct BlockReader {
    share: Sharing,
}

impl BlockReader {
    /// The nodes of a block that may hold only ids in `range`.
    pub fn nodes(
        &mut self,
        block: &[u8],
        range: std::ops::Range<usize>,
    ) -> Result<Vec<NodeRow>, SnapshotError> {
        if block.starts_with(BLOCK_MAGIC_2) {
            return self.nodes_2(block, range);
        }
        let mut c = Cur { b: block };
        let names = c.block_header(0)?;
        let n_sets = c.count(4)?;
        let mut sets = Vec::with_capacity(n_sets);
        for _ in 0..n_sets {
            let k = c.count(4)?;
            let mut set = Vec::with_capacity(k);
            for _ in 0..k {
                set.push(c.name(&names)?);
            }
            sets.push(Labels::new(&set));
        }
        let n = c.count(10)?;
        let mut heads = Vec::with_capacity(n);
        let mut d = Decoded::with_capacity(n, 4, block.len());
        for _ in 0..n {
            let id = c.u32()? as usize;
            if !range.contains(&id) {
                return damaged(format!("node id {id} outside its block"));
            }
            let set = c.u32()? as usize;
            let Some(&labels) = sets.get(set) else {
                return damaged(format!("node {id}: label set {set}"));
            };
            let origin = c.origin()?;
            d.props(&mut c, &names, &mut self.share)?;
            heads.push((id, labels, origin));
        }
        c.end()?;
        let mut props = d.build(&mut self.share);
        Ok(heads
            .into_iter()
            .map(|(id, labels, origin)| {
                let props = props.next_props();
                (
                    NodeId::new(id),
                    Node {
                        labels,
                        props,
                        origin,
                    },
                )
            })
            .collect())
    }

    /// The edges of a block that may hold only ids in `range`.
    pub fn edges(
        &mut self,
        block: &[u8],
        range: std::ops::Range<usize>,
    ) -> Result<EdgeBlock, SnapshotError> {
        if block.starts_with(BLOCK_MAGIC_2) {
            return self.edges_2(block, range);
        }
        let mut c = Cur { b: block };
        let names = c.block_header(1)?;
        let n = c.count(21)?;
        let mut heads = Vec::with_capacity(n);
        let mut d = Decoded::with_capacity(n, 0, block.len());
        for _ in 0..n {
            let (id, src, dst) = (c.u32()? as usize, c.u32()? as usize, c.u32()? as usize);
            if !range.contains(&id) {
                return damaged(format!("edge id {id} outside its block"));
            }
            let rel_type = c.name(&names)?;
            let origin = c.origin()?;
            d.props(&mut c, &names, &mut self.share)?;
            heads.push((id, src, dst, rel_type, origin));
        }
        c.end()?;
        let mut props = d.build(&mut self.share);
        let mut out = EdgeBlock::with_capacity(heads.len());
        for (id, src, dst, rel_type, origin) in heads {
            let edge = Edge {
                rel_type,
                props: props.next_props(),
                origin,
            };
            out.push(EdgeId::new(id), NodeId::new(src), NodeId::new(dst), edge);
        }
        Ok(out)
    }
}

impl BlockReader {
    /// `nodes` for a format-2 block.
    fn nodes_2(
        &mut self,
        block: &[u8],
        range: std::ops::Range<usize>,
    ) -> Result<Vec<NodeRow>, SnapshotError> {
        self.records_2(block, 0, range, Vec::with_capacity, |out, b, r, props| {
            let node = Node {
                labels: b.label_sets[u32_at(r, 4) as usize],
                props,
                origin: origin_of(r[12]),
            };
            out.push((NodeId::new(u32_at(r, 0) as usize), node));
        })
    }

    /// `edges` for a format-2 block.
    fn edges_2(
        &mut self,
        block: &[u8],
        range: std::ops::Range<usize>,
    ) -> Result<EdgeBlock, SnapshotError> {
        let with_capacity = EdgeBlock::with_capacity;
        self.records_2(block, 1, range, with_capacity, |out, b, r, props| {
            let edge = Edge {
                rel_type: b.names[u32_at(r, 12) as usize],
                props,
                origin: origin_of(r[20]),
            };
            let [id, src, dst] = [0, 4, 8].map(|x| u32_at(r, x) as usize);
            out.push(EdgeId::new(id), NodeId::new(src), NodeId::new(dst), edge);
        })
    }

    /// Checks a format-2 block of `kind` (0 nodes, 1 edges) and collects its records into
    /// `make(count)`: `each` adds one record, its properties filled.
    fn records_2<O>(
        &mut self,
        block: &[u8],
        kind: u8,
        range: std::ops::Range<usize>,
        make: impl FnOnce(usize) -> O,
        mut each: impl FnMut(&mut O, &Block2<'_>, &[u8], Props),
    ) -> Result<O, SnapshotError> {
        let b = Block2::check(block, kind, &range)?;
        let mut fill = Fill::new(&b, &mut self.share);
        let mut out = make(b.count);
        let mut at = 0;
        for i in 0..b.count {
            let (r, keys) = (b.record(i), b.keys_of(i));
            let props = fill.props(&b, keys, at, &mut self.share.pools);
            at += keys.len();
            each(&mut out, &b, r, props);
        }
        Ok(out)
    }
}

/// The origin of a checked record's code.
fn origin_of(code: u8) -> Origin {
    match code {
        0 => Origin::Extracted,
        _ => Origin::Manual,
    }
}

/// A read position in a block: every read checks that the bytes are there.
struct Cur<'a> {
    b: &'a [u8],
}

impl<'a> Cur<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], SnapshotError> {
        if self.b.len() < n {
            return damaged("block cut short");
        }
        let (head, rest) = self.b.split_at(n);
        self.b = rest;
        Ok(head)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], SnapshotError> {
        Ok(self.take(N)?.try_into().expect("N bytes"))
    }
    fn u8(&mut self) -> Result<u8, SnapshotError> {
        Ok(self.array::<1>()?[0])
    }
    fn u32(&mut self) -> Result<u32, SnapshotError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, SnapshotError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    /// A count of items at least `size` bytes each, checked against the bytes left.
    fn count(&mut self, size: usize) -> Result<usize, SnapshotError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(size) > self.b.len() {
            return damaged(format!("count {n} exceeds the block"));
        }
        Ok(n)
    }
    fn text(&mut self) -> Result<&'a str, SnapshotError> {
        let n = self.count(1)?;
        let bytes = self.take(n)?;
        // Checking that each text is UTF-8 was a tenth of the instructions of opening a
        // store with the standard library's check. simdutf8 checks long texts many bytes at
        // once; short ones (ids, dates, addresses) are nearly always ASCII, which a few word
        // tests settle.
        if bytes.len() < 64 && bytes.is_ascii() {
            // SAFETY: ASCII is UTF-8.
            return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
        }
        simdutf8::basic::from_utf8(bytes).or_else(|_| damaged("text is not UTF-8"))
    }
    fn name(&mut self, names: &[Sym]) -> Result<Sym, SnapshotError> {
        let i = self.u32()? as usize;
        match names.get(i) {
            Some(&s) => Ok(s),
            None => damaged(format!("name {i}")),
        }
    }
    fn origin(&mut self) -> Result<Origin, SnapshotError> {
        match self.u8()? {
            0 => Ok(Origin::Extracted),
            1 => Ok(Origin::Manual),
            o => damaged(format!("origin {o}")),
        }
    }
    /// A block's magic, kind and names.
    fn block_header(&mut self, kind: u8) -> Result<Vec<Sym>, SnapshotError> {
        if self.take(8).ok() != Some(&BLOCK_MAGIC[..]) || self.u8()? != kind {
            return damaged("no block header");
        }
        let n = self.count(4)?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            names.push(Sym::new(self.text()?));
        }
        Ok(names)
    }
    /// Checks that a block was read to its last byte.
    fn end(&self) -> Result<(), SnapshotError> {
        match self.b.is_empty() {
            true => Ok(()),
            false => damaged("bytes after the last element"),
        }
    }
}

/// A property value as read in the first pass: strings are numbers in `Decoded::texts`.
enum Raw {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(u32),
    List(Vec<Raw>),
}

/// Where a string of a block comes from in the second pass.
enum Source {
    /// Copied into the block's chunk; with `share`, later blocks may share it (the number of
    /// its property name in `Sharing::keys`).
    Copy { share: Option<usize> },
    /// A string read before, from an earlier block, and the pool it lives in (or `NO_POOL`).
    Shared(Str, u32),
    /// The same as an earlier string of this block.
    Same(u32),
}

/// The first pass over a block: its elements' properties, and its strings as slices.
struct Decoded<'a> {
    pairs: Vec<(Sym, Raw)>,
    /// Where each element's pairs end in `pairs`.
    ends: Vec<usize>,
    texts: Vec<(&'a str, Source)>,
    /// This block's strings that may be shared, by text.
    local: HashMap<&'a str, u32, FastBuild>,
}

impl<'a> Decoded<'a> {
    /// Room for `n` elements of about `props` properties each in a block of `bytes` bytes, so
    /// that the vectors grow rarely (a property takes at least 6 bytes in a block, a string
    /// at least 9). Most nodes of a large graph are statements with four properties; most
    /// edges have none.
    fn with_capacity(n: usize, props: usize, bytes: usize) -> Self {
        let pairs = (props * n).min(bytes / 6);
        Decoded {
            pairs: Vec::with_capacity(pairs),
            ends: Vec::with_capacity(n),
            texts: Vec::with_capacity(pairs.min(bytes / 9)),
            local: HashMap::default(),
        }
    }
    /// Reads one element's properties.
    fn props(
        &mut self,
        c: &mut Cur<'a>,
        names: &[Sym],
        share: &mut Sharing,
    ) -> Result<(), SnapshotError> {
        let n = c.count(2)?;
        for _ in 0..n {
            let k = c.name(names)?;
            let v = self.value(c, 0, k, share)?;
            self.pairs.push((k, v));
        }
        self.ends.push(self.pairs.len());
        Ok(())
    }
    fn value(
        &mut self,
        c: &mut Cur<'a>,
        depth: usize,
        key: Sym,
        share: &mut Sharing,
    ) -> Result<Raw, SnapshotError> {
        Ok(match c.u8()? {
            0 => Raw::Bool(c.u8()? != 0),
            1 => Raw::Int(c.u64()? as i64),
            2 => Raw::Float(f64::from_bits(c.u64()?)),
            3 => {
                let text = c.text()?;
                let source = self.source(text, key, share);
                self.texts.push((text, source));
                Raw::Str(self.texts.len() as u32 - 1)
            }
            4 => {
                if depth >= MAX_DEPTH {
                    return damaged("lists nested too deeply");
                }
                let n = c.count(2)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.value(c, depth + 1, key, share)?);
                }
                Raw::List(items)
            }
            t => return damaged(format!("value tag {t}")),
        })
    }
    /// Whether a string of property `key` is copied or shared (see `Sharing`).
    fn source(&mut self, text: &'a str, key: Sym, share: &mut Sharing) -> Source {
        // Long texts rarely repeat, and short ones live inside their handle (`INLINE_MAX`),
        // where sharing would save nothing.
        if text.len() > SHARE_MAX || text.len() <= INLINE_MAX {
            return Source::Copy { share: None };
        }
        let t = share.slot(key);
        if !share.worth(t) {
            return Source::Copy { share: None };
        }
        if self.local.capacity() == 0 {
            // Sized once for a string per element: most blocks that share strings at all
            // share one or two per element.
            self.local.reserve(self.ends.capacity());
        }
        // This block first (one hash for a repeat within the block, such as a source shared
        // by consecutive statements), then the earlier blocks.
        let source = match self.local.entry(text) {
            Entry::Occupied(i) => Source::Same(*i.get()),
            Entry::Vacant(v) => {
                v.insert(self.texts.len() as u32);
                match share.find(t, text) {
                    Some(s) => Source::Shared(s, NO_POOL),
                    None => Source::Copy { share: Some(t) },
                }
            }
        };
        if matches!(source, Source::Same(_)) {
            let k = &mut share.keys[t];
            (k.tried, k.found) = (k.tried + 1, k.found + 1);
        }
        source
    }
    /// The second pass: the strings and property arrays in one chunk.
    fn build(self, share: &mut Sharing) -> Built {
        let arrays = self.ends.iter().zip(std::iter::once(&0).chain(&self.ends));
        let arrays = arrays.filter(|(end, start)| end > start).count();
        let room = self
            .texts
            .iter()
            .filter(|(_, s)| matches!(s, Source::Copy { .. }))
            .map(|(t, _)| ChunkBuilder::str_room(t.len()))
            .sum();
        let mut chunk = ChunkBuilder::new(arrays, self.pairs.len(), room);
        let mut strs: Vec<Option<Str>> = Vec::with_capacity(self.texts.len());
        for (text, source) in self.texts {
            let s = match source {
                Source::Copy { share: sh } => {
                    let s = chunk.str(text);
                    if let Some(k) = sh {
                        share.keep(k, &s);
                    }
                    s
                }
                Source::Shared(s, _) => s,
                // An earlier string of this block, which is still here: strings are taken
                // out only after this loop.
                Source::Same(i) => strs[i as usize].clone().unwrap_or_default(),
            };
            strs.push(Some(s));
        }
        Built {
            chunk,
            strs,
            pairs: self.pairs.into_iter(),
            ends: self.ends.into_iter(),
            at: 0,
            scratch: Vec::new(),
        }
    }
}

/// The second pass's output, handed out one element's properties at a time.
struct Built {
    chunk: ChunkBuilder,
    /// The block's strings, each taken by the one value that refers to it.
    strs: Vec<Option<Str>>,
    pairs: std::vec::IntoIter<(Sym, Raw)>,
    ends: std::vec::IntoIter<usize>,
    at: usize,
    scratch: Vec<(Sym, Value)>,
}

impl Built {
    /// The properties of the next element.
    fn next_props(&mut self) -> Props {
        let end = self.ends.next().unwrap_or(self.at);
        while self.at < end {
            let Some((k, raw)) = self.pairs.next() else {
                break;
            };
            let v = self.value(raw);
            self.scratch.push((k, v));
            self.at += 1;
        }
        self.chunk.props(&mut self.scratch)
    }
    fn value(&mut self, raw: Raw) -> Value {
        match raw {
            Raw::Bool(b) => Value::Bool(b),
            Raw::Int(i) => Value::Int(i),
            Raw::Float(f) => Value::Float(f),
            // Each string number occurs in one value only (`Decoded::value` numbers every
            // string it reads), so taking it moves the count instead of copying it.
            Raw::Str(i) => Value::String(self.strs[i as usize].take().unwrap_or_default()),
            Raw::List(items) => Value::List(items.into_iter().map(|x| self.value(x)).collect()),
        }
    }
}

/// An iterator over `left` items made by `next`, which stops at the first error and keeps
/// its text in `failed`. Its exact size lets `Graph::restore` reserve memory once.
struct Counted<'a, F> {
    left: usize,
    next: F,
    failed: &'a RefCell<Option<String>>,
}

impl<T, F: FnMut() -> Result<T, SnapshotError>> Iterator for Counted<'_, F> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        if self.left == 0 || self.failed.borrow().is_some() {
            return None;
        }
        self.left -= 1;
        match (self.next)() {
            Ok(x) => Some(x),
            Err(e) => {
                *self.failed.borrow_mut() = Some(e.to_string());
                self.left = 0;
                None
            }
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

fn origin_code(o: Origin) -> u8 {
    match o {
        Origin::Extracted => 0,
        Origin::Manual => 1,
    }
}

/// Names in the order first seen, found by the address of their interned text.
#[derive(Default)]
struct Table {
    ids: HashMap<usize, u32, BuildHasherDefault<PtrHasher>>,
    list: Vec<Sym>,
    /// The distinct label sets of the recorded nodes, numbered by their shared address.
    sets: HashMap<usize, u32, BuildHasherDefault<PtrHasher>>,
    set_list: Vec<Labels>,
}

impl Table {
    fn id(&mut self, s: Sym) -> u32 {
        let list = &mut self.list;
        *self
            .ids
            .entry(s.as_str().as_ptr() as usize)
            .or_insert_with(|| {
                list.push(s);
                list.len() as u32 - 1
            })
    }
    fn props(&mut self, p: &Props) {
        for &k in p.keys() {
            self.id(k);
        }
    }
    /// Records a node's label set, its labels and its property keys.
    fn node(&mut self, n: &Node) {
        let set_list = &mut self.set_list;
        self.sets
            .entry(n.labels.as_slice().as_ptr() as usize)
            .or_insert_with(|| {
                set_list.push(n.labels);
                set_list.len() as u32 - 1
            });
        for &l in n.labels.iter() {
            self.id(l);
        }
        self.props(&n.props);
    }
    /// The number of the label set of a node recorded with `node`.
    fn set_of(&self, n: &Node) -> u32 {
        self.sets[&(n.labels.as_slice().as_ptr() as usize)]
    }
}

/// Addresses are already well spread; one multiplication mixes the high bits in.
#[derive(Default)]
struct PtrHasher(u64);

impl Hasher for PtrHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

struct Out<'a, W: Write> {
    w: &'a mut W,
}

impl<W: Write> Out<'_, W> {
    fn bytes(&mut self, b: &[u8]) -> io::Result<()> {
        self.w.write_all(b)
    }
    fn u8(&mut self, x: u8) -> io::Result<()> {
        self.w.write_all(&[x])
    }
    fn u32(&mut self, x: u32) -> io::Result<()> {
        self.w.write_all(&x.to_le_bytes())
    }
    fn str(&mut self, s: &str) -> io::Result<()> {
        self.u32(s.len() as u32)?;
        self.w.write_all(s.as_bytes())
    }
    /// The table of names: their count, then each name.
    fn names(&mut self, t: &Table) -> io::Result<()> {
        self.u32(t.list.len() as u32)?;
        for s in &t.list {
            self.str(s)?;
        }
        Ok(())
    }
    /// The label sets: their count, then each set's size and its labels' name numbers.
    fn label_sets(&mut self, t: &mut Table) -> io::Result<()> {
        self.u32(t.set_list.len() as u32)?;
        for i in 0..t.set_list.len() {
            let set = t.set_list[i];
            self.u32(set.len() as u32)?;
            for &l in set.iter() {
                self.u32(t.id(l))?;
            }
        }
        Ok(())
    }
    fn props(&mut self, p: &Props, names: &mut Table) -> io::Result<()> {
        self.u32(p.len() as u32)?;
        for (&k, v) in p {
            self.u32(names.id(k))?;
            self.value(&v)?;
        }
        Ok(())
    }
    fn value(&mut self, v: &Value) -> io::Result<()> {
        match v {
            Value::Bool(b) => {
                self.u8(0)?;
                self.u8(u8::from(*b))
            }
            Value::Int(i) => {
                self.u8(1)?;
                self.bytes(&i.to_le_bytes())
            }
            Value::Float(f) => {
                self.u8(2)?;
                self.bytes(&f.to_bits().to_le_bytes())
            }
            Value::String(s) => {
                self.u8(3)?;
                self.str(s)
            }
            Value::List(items) => {
                self.u8(4)?;
                self.u32(items.len() as u32)?;
                for x in items {
                    self.value(x)?;
                }
                Ok(())
            }
        }
    }
}

struct In<'a, R: Read> {
    r: &'a mut R,
    len: u64,
    share: &'a mut Sharing,
}

/// What lets a reader share repeated strings instead of allocating each again.
#[derive(Default)]
struct Sharing {
    /// The bytes of the string being read, reused from one string to the next.
    buf: Vec<u8>,
    /// Per property name, the short strings read before: a property that repeats values (a
    /// date, a source, a kind) shares one copy of each. A set per name keeps each small: a
    /// million statements look up a few thousand dates in a table that stays in the cache,
    /// not in one with a hundred thousand entity names beside them, where almost every
    /// look-up missed the cache.
    keys: Vec<KeyShare>,
    /// Strings kept over all sets, at most `SHARE_MAX_SEEN`, which bounds the sets (they live
    /// only while a graph is read) to a few megabytes.
    kept: usize,
    /// Where `keep_new` copies the strings that later blocks may share: packed together in
    /// chunks of their own instead of among the statement texts of the block that first held
    /// them. A look-up reads the string it finds (to count the new holder), and a million
    /// look-ups of a few thousand dates each missed the cache when those were spread over
    /// hundreds of block chunks; packed, they stay in the cache. The last one is filled; the
    /// builders of the full ones are kept too, to hand out their strings (at most
    /// `SHARE_MAX_SEEN` strings fill a few hundred).
    pools: Vec<ChunkBuilder>,
}

/// The strings of one property name read before, and how often looking them up paid.
struct KeyShare {
    key: Sym,
    /// The strings of up to 15 bytes (a date, a kind).
    short: ShortTable,
    /// The longer ones.
    long: HashSet<Str, FastBuild>,
    /// Strings looked up, and found (in the sets or earlier in the same block). A name whose
    /// values are all different (a statement's text, an id) stops being looked up after a
    /// while, so it neither pays for hashing nor fills the sets.
    tried: u32,
    found: u32,
}

/// The strings of up to 15 bytes kept for one property name, in open addressing with linear
/// probing. Each slot holds the text itself beside its handle, so that a look-up reads the
/// slot its hash names and follows no handle: with `HashSet<Str>`, each look-up of a large
/// store's million dates waited for the table and then for the text's header, and called a
/// function to compare bytes. (Fetching the slots a few strings ahead was tried and did not
/// measurably pay.)
#[derive(Default)]
struct ShortTable {
    /// A power of two of slots, or none; at most half of them full.
    slots: Vec<ShortSlot>,
    len: usize,
}

#[derive(Default)]
struct ShortSlot {
    key: ShortKey,
    /// The number of the pool the string lives in (`Sharing::pools`), or `NO_POOL`.
    pool: u32,
    kept: Option<Str>,
}

/// `ShortSlot::pool` of a string in no pool.
const NO_POOL: u32 = u32::MAX;

/// A text of up to 15 bytes: its first 8 bytes, and the rest with the length in the top byte
/// (each little-endian, zero-padded). The key of a `ShortTable`.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct ShortKey(u64, u64);

impl ShortKey {
    #[inline]
    fn new(text: &str) -> Option<ShortKey> {
        let b = text.as_bytes();
        let n = b.len();
        if n >= 16 {
            return None;
        }
        let (head, rest) = b.split_at(n.min(8));
        Some(ShortKey(le_word(head), le_word(rest) | ((n as u64) << 56)))
    }
}

impl ShortTable {
    /// The slot where a search for `k` starts.
    fn home(&self, k: &ShortKey) -> usize {
        let mut h = FastHasher::default();
        h.write_u64(k.0);
        h.write_u64(k.1);
        // The high half folded into the low half that picks the slot (as `FastHasher`'s
        // `write` does): the bytes that tell two dates apart lie high in their words.
        let h = h.finish();
        (h ^ (h >> 32)) as usize & (self.slots.len() - 1)
    }
    /// Where `k` is kept (`Ok`), or the empty slot where it would go (`Err`).
    fn probe(&self, k: &ShortKey) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(k);
        loop {
            match &self.slots[i].kept {
                None => return Err(i),
                Some(_) if self.slots[i].key == *k => return Ok(i),
                Some(_) => i = (i + 1) & mask,
            }
        }
    }
    /// The string kept under `k`, and its pool.
    fn get(&self, k: &ShortKey) -> Option<(&Str, u32)> {
        if self.slots.is_empty() {
            return None;
        }
        let slot = &self.slots[self.probe(k).ok()?];
        slot.kept.as_ref().map(|s| (s, slot.pool))
    }
    /// Keeps `s` under `k`, unless a string is kept under `k` already.
    fn insert(&mut self, k: ShortKey, s: &Str, pool: u32) -> bool {
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let Err(i) = self.probe(&k) else {
            return false;
        };
        self.slots[i] = ShortSlot {
            key: k,
            pool,
            kept: Some(s.clone()),
        };
        self.len += 1;
        true
    }
    fn grow(&mut self) {
        let n = (2 * self.slots.len()).max(64);
        let old = std::mem::take(&mut self.slots);
        self.slots.resize_with(n, ShortSlot::default);
        for slot in old.into_iter().filter(|s| s.kept.is_some()) {
            // The keys are distinct: each finds an empty slot.
            let (Ok(i) | Err(i)) = self.probe(&slot.key);
            self.slots[i] = slot;
        }
    }
}

impl KeyShare {
    fn new(key: Sym) -> KeyShare {
        KeyShare {
            key,
            short: ShortTable::default(),
            long: HashSet::default(),
            tried: 0,
            found: 0,
        }
    }
    /// A string read before, and the pool it lives in (or `NO_POOL`), counting the look-up;
    /// `pools` are `Sharing::pools`.
    fn find(&mut self, pools: &mut [ChunkBuilder], text: &str) -> Option<(Str, u32)> {
        let hit = match ShortKey::new(text) {
            Some(key) => self.short.get(&key).map(|(s, pool)| match pool {
                NO_POOL => (s.clone(), NO_POOL),
                p => (pools[p as usize].clone_str(s), p),
            }),
            None => self.long.get(text).map(|s| (s.clone(), NO_POOL)),
        };
        self.tried += 1;
        self.found += u32::from(hit.is_some());
        hit
    }
    /// Keeps `s` (living in pool `pool`, or `NO_POOL`) for later look-ups, unless a string with its
    /// text is kept already.
    fn insert(&mut self, s: &Str, pool: u32) -> bool {
        match ShortKey::new(s.as_str()) {
            Some(k) => self.short.insert(k, s, pool),
            None => self.long.insert(s.clone()),
        }
    }
    /// The strings kept.
    fn len(&self) -> usize {
        self.short.len + self.long.len()
    }
    /// Whether the sets hold any memory.
    fn holds_memory(&self) -> bool {
        self.short.slots.capacity() + self.long.capacity() > 0
    }
}

impl Sharing {
    /// The number of property name `key` in `keys`.
    fn slot(&mut self, key: Sym) -> usize {
        match self.keys.iter().position(|k| k.key == key) {
            Some(t) => t,
            None => {
                self.keys.push(KeyShare::new(key));
                self.keys.len() - 1
            }
        }
    }
    /// Whether strings of name `t` are still worth looking up: after 4096 strings of a name,
    /// only if at least one in 64 was found. A name found not worth it stays so (its count
    /// stops), and its set is freed: its strings live on in the graph.
    fn worth(&mut self, t: usize) -> bool {
        let k = &mut self.keys[t];
        let worth = k.tried < 4096 || k.found >= k.tried / 64;
        if !worth && k.holds_memory() {
            self.kept -= k.len();
            *k = KeyShare {
                tried: k.tried,
                found: k.found,
                ..KeyShare::new(k.key)
            };
        }
        worth
    }
    /// A string of name `t` read before, counting the look-up. One in a pool is handed out
    /// by its pool's builder, without an atomic add (see `ChunkBuilder::clone_str`).
    fn find(&mut self, t: usize, text: &str) -> Option<Str> {
        self.keys[t].find(&mut self.pools, text).map(|(s, _)| s)
    }
    /// Where a string of property `key` comes from: a copy read before, or a new copy (to be
    /// kept for later blocks if `share` says so). A key whose strings are rarely found stops
    /// being looked up (see `KeyShare::tried`).
    fn look_up(&mut self, text: &str, key: Sym) -> Source {
        let t = self.slot(key);
        if !self.worth(t) {
            return Source::Copy { share: None };
        }
        match self.keys[t].find(&mut self.pools, text) {
            Some((s, pool)) => Source::Shared(s, pool),
            None => Source::Copy { share: Some(t) },
        }
    }
    /// A new copy of a string of name `t`, in the pool, kept for later blocks to share while
    /// there is room in the sets.
    fn keep_new(&mut self, t: usize, text: &str) -> (Str, u32) {
        let room = ChunkBuilder::str_room(text.len());
        if self.pools.last().is_none_or(|p| p.str_left() < room) {
            self.pools.push(ChunkBuilder::new(0, 0, POOL_ROOM));
        }
        let p = self.pools.len() - 1;
        let s = self.pools[p].str(text);
        self.keep_in(t, &s, p as u32);
        (s, p as u32)
    }
    /// Keeps a new copy of a string of name `t` for later strings to share, while there is
    /// room.
    fn keep(&mut self, t: usize, s: &Str) {
        self.keep_in(t, s, NO_POOL);
    }
    /// `keep` for a string that lives in pool `pool` (or `NO_POOL`).
    fn keep_in(&mut self, t: usize, s: &Str, pool: u32) {
        if self.kept < SHARE_MAX_SEEN && self.keys[t].insert(s, pool) {
            self.kept += 1;
        }
    }
}

/// Strings up to this many bytes are looked up in `Sharing::keys`.
const SHARE_MAX: usize = 64;
/// Strings kept in all of `Sharing::keys` at most.
const SHARE_MAX_SEEN: usize = 1 << 18;
/// The string room of each of `Sharing::pool`'s chunks: a few thousand short strings.
const POOL_ROOM: usize = 64 << 10;

impl<'a, R: Read> In<'a, R> {
    fn new(r: &'a mut R, len: u64, share: &'a mut Sharing) -> Self {
        In { r, len, share }
    }
    /// A string value of property `key`.
    fn shared_string(&mut self, key: Sym) -> Result<Str, SnapshotError> {
        let n = self.count(1)?;
        let sh = &mut *self.share;
        let t = sh.slot(key);
        let look = n <= SHARE_MAX && sh.worth(t);
        sh.buf.resize(n, 0);
        self.r.read_exact(&mut sh.buf)?;
        let text = std::str::from_utf8(&sh.buf).or_else(|_| damaged("text is not UTF-8"))?;
        if !look {
            return Ok(Str::new(text));
        }
        if let Some((hit, _)) = sh.keys[t].find(&mut sh.pools, text) {
            return Ok(hit);
        }
        let s = Str::new(text);
        sh.keep(t, &s);
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, SnapshotError> {
        let mut b = [0u8; 1];
        self.r.read_exact(&mut b)?;
        Ok(b[0])
    }
    fn u32(&mut self) -> Result<u32, SnapshotError> {
        let mut b = [0u8; 4];
        self.r.read_exact(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn u64(&mut self) -> Result<u64, SnapshotError> {
        let mut b = [0u8; 8];
        self.r.read_exact(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    /// A count of items at least `size` bytes each, checked against the image's size.
    fn count(&mut self, size: u64) -> Result<usize, SnapshotError> {
        let n = self.u32()?;
        if u64::from(n) * size > self.len {
            return damaged(format!("count {n} exceeds the image"));
        }
        Ok(n as usize)
    }
    fn string(&mut self) -> Result<String, SnapshotError> {
        let n = self.count(1)?;
        let mut v = vec![0u8; n];
        self.r.read_exact(&mut v)?;
        String::from_utf8(v).or_else(|_| damaged("text is not UTF-8"))
    }
    fn name(&mut self, names: &[Sym]) -> Result<Sym, SnapshotError> {
        let i = self.u32()? as usize;
        match names.get(i) {
            Some(&s) => Ok(s),
            None => damaged(format!("name {i}")),
        }
    }
    fn origin(&mut self) -> Result<Origin, SnapshotError> {
        match self.u8()? {
            0 => Ok(Origin::Extracted),
            1 => Ok(Origin::Manual),
            o => damaged(format!("origin {o}")),
        }
    }
    fn props(&mut self, names: &[Sym]) -> Result<Props, SnapshotError> {
        let n = self.count(2)?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            let key = self.u32()? as usize;
            let Some(&k) = names.get(key) else {
                return damaged(format!("name {key}"));
            };
            v.push((k, self.value(0, k)?));
        }
        // Written sorted, so `from_pairs` only checks; it also repairs an image whose order
        // was damaged without losing a property.
        Ok(Props::from_pairs(v))
    }
    fn value(&mut self, depth: usize, key: Sym) -> Result<Value, SnapshotError> {
        Ok(match self.u8()? {
            0 => Value::Bool(self.u8()? != 0),
            1 => Value::Int(self.u64()? as i64),
            2 => Value::Float(f64::from_bits(self.u64()?)),
            3 => Value::String(self.shared_string(key)?),
            4 => {
                if depth >= MAX_DEPTH {
                    return damaged("lists nested too deeply");
                }
                let n = self.count(2)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.value(depth + 1, key)?);
                }
                Value::List(items.into())
            }
            t => return damaged(format!("value tag {t}")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::label;

    /// Sharing keeps one set per property name: a name whose values repeat (a date) shares
    /// one copy across blocks, while a name whose values never repeat (a name made unique)
    /// stops being looked up after 4096 strings and gives its set back.
    #[test]
    fn sharing_keeps_a_set_per_name_and_drops_the_ones_that_do_not_pay() {
        let mut share = Sharing::default();
        let (date, name) = (Sym::new("date"), Sym::new("name"));
        let first = match share.look_up("2015-01-10", date) {
            Source::Copy { share: Some(t) } => {
                let s = Str::new("2015-01-10");
                share.keep(t, &s);
                s
            }
            _ => panic!("a new date is copied and kept"),
        };
        match share.look_up("2015-01-10", date) {
            Source::Shared(s, _) => assert_eq!(s.as_str().as_ptr(), first.as_str().as_ptr()),
            _ => panic!("a repeated date is shared"),
        }
        for i in 0..4096 {
            let text = format!("Person Nummer {i}");
            if let Source::Copy { share: Some(t) } = share.look_up(&text, name) {
                share.keep(t, &Str::new(&text));
            }
        }
        let t = share.slot(name);
        assert_eq!(share.keys[t].len(), 4096);
        assert!(matches!(
            share.look_up("Person Nummer 1", name),
            Source::Copy { share: None }
        ));
        assert!(!share.keys[t].holds_memory());
        assert_eq!(share.kept, 1, "only the date is still kept");
        assert!(matches!(
            share.look_up("2015-01-10", date),
            Source::Shared(..)
        ));
    }

    /// The table of short strings finds each string kept by its exact text (every length up
    /// to 15 bytes, texts that differ only in their length or in one byte), also after
    /// growing, and finds no other; strings of 16 bytes and more go to the other set.
    #[test]
    fn short_strings_are_found_by_their_bytes_through_growth() {
        let mut k = KeyShare::new(Sym::new("date"));
        let mut texts: Vec<String> = (0..16).map(|n| "a".repeat(n)).collect();
        texts.extend((1..16).map(|n| format!("{}b", "a".repeat(n - 1))));
        texts.extend((0..1000).map(|i| format!("2015-{:02}-{:02}", i % 100, i / 100)));
        texts.extend(["ä".repeat(7), "a".repeat(16), "2015-01-01 und mehr".into()]);
        for t in &texts {
            assert!(k.insert(&Str::new(t), NO_POOL), "{t:?}");
            assert!(!k.insert(&Str::new(t), NO_POOL), "{t:?} again");
        }
        assert_eq!((k.short.len, k.long.len()), (texts.len() - 2, 2));
        assert!(k.short.slots.len() >= 2 * k.short.len);
        for t in &texts {
            assert_eq!(k.find(&mut [], t).unwrap().0, t.as_str());
        }
        for t in [
            "c",
            "ac",
            "aaaaaaaaaaaaaac",
            "2015-00-10",
            "2015-01-01 und",
            &"a".repeat(17),
        ] {
            assert_eq!(k.find(&mut [], t), None, "{t:?}");
        }
        assert_eq!(
            (k.tried, k.found),
            (texts.len() as u32 + 6, texts.len() as u32)
        );
    }

    /// New strings that later blocks may share are copied one after another into the
    /// sharing pool, not among the texts of the block that first held them, and a full pool
    /// gives way to a new one.
    #[test]
    fn shared_strings_are_packed_in_the_pool() {
        let mut share = Sharing::default();
        let t = share.slot(Sym::new("date"));
        let (a, _) = share.keep_new(t, "2015-01-10");
        let (b, _) = share.keep_new(t, "2015-01-11");
        let step = ChunkBuilder::str_room("2015-01-10".len());
        assert_eq!(
            b.as_str().as_ptr() as usize - a.as_str().as_ptr() as usize,
            step
        );
        assert!(
            matches!(share.look_up("2015-01-11", Sym::new("date")), Source::Shared(s, 0) if s == b)
        );
        let long = "x".repeat(60);
        let many: Vec<Str> = (0..POOL_ROOM / 60 + 2)
            .map(|_| share.keep_new(t, &long).0)
            .collect();
        assert!(many.iter().all(|s| s.as_str() == long));
        // Found in a full pool, handed out by that pool's builder.
        let found = share.find(t, "2015-01-10");
        drop(share);
        assert_eq!((a.as_str(), b.as_str()), ("2015-01-10", "2015-01-11"));
        assert_eq!(found.as_deref(), Some("2015-01-10"));
    }

    fn sample() -> Graph {
        let mut g = Graph::new();
        let a = g.add_node(
            Node::new(label::PERSON)
                .with("name", "Anna Beispiel")
                .with("aliases", vec!["Anna".to_string()])
                .with("score", Value::Float(0.25)),
        );
        let gone = g.add_node(Node::new(label::PERSON).with("name", "Weg"));
        let b = g.add_node(Node {
            origin: Origin::Manual,
            ..Node::new(label::COUNTRY)
                .with("name", "Island")
                .with("n", 3i64)
        });
        g.add_label(b, "Location");
        g.add_edge(a, gone, Edge::new("X"));
        let mut e = Edge::new("CITIZEN_OF")
            .with("doc", "a.txt")
            .with("ok", true)
            .with(
                "nested",
                Value::List([Value::Int(-1), Value::List([].into())].into()),
            );
        e.origin = Origin::Manual;
        g.add_edge(a, b, e);
        g.remove_node(gone);
        g
    }

    fn dump(g: &Graph) -> String {
        let mut out = Vec::new();
        crate::export::jsonl::write(g, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn image(g: &Graph, generation: i64) -> Vec<u8> {
        let mut buf = Vec::new();
        write(g, generation, &mut buf).unwrap();
        buf
    }

    #[test]
    fn an_image_restores_the_same_graph_with_its_ids_and_holes() {
        let g = sample();
        let buf = image(&g, 42);
        let mut r = &buf[..];
        assert_eq!(read_generation(&mut r).unwrap(), 42);
        let back = read_graph(&mut r, buf.len() as u64).unwrap();
        assert_eq!(dump(&back), dump(&g));
        assert_eq!(back.label_count("Location"), 1);
        assert!(!back.has_changes());
        assert!(r.is_empty());
    }

    fn blocks(g: &Graph) -> (Vec<u8>, Vec<u8>) {
        let nodes: Vec<NodeId> = g.node_ids().collect();
        let edges: Vec<EdgeId> = g.edge_ids().collect();
        (node_block(g, &nodes), edge_block(g, &edges))
    }

    /// Format-1 blocks, as schema 4 wrote them.
    fn blocks_v1(g: &Graph) -> (Vec<u8>, Vec<u8>) {
        let nodes: Vec<NodeId> = g.node_ids().collect();
        let edges: Vec<EdgeId> = g.edge_ids().collect();
        (node_block_v1(g, &nodes), edge_block_v1(g, &edges))
    }

    /// Both formats read back the same graph, lists in lists and repeated strings included;
    /// format 2 writes a repeated short string once.
    #[test]
    fn both_block_formats_restore_the_same_graph() {
        let mut g = sample();
        for i in 0..4 {
            g.add_node(
                Node::new(label::STATEMENT)
                    .with(
                        "text",
                        format!("Ein längerer Satz über Ä und Ö, Nummer {i}"),
                    )
                    .with("source", "https://news.example/a/1")
                    .with("id", format!("s{i}")),
            );
        }
        let mut r = BlockReader::default();
        for (nb, eb) in [blocks(&g), blocks_v1(&g)] {
            let nodes = r.nodes(&nb, 0..BLOCK).unwrap();
            let edges = r.edges(&eb, 0..BLOCK).unwrap();
            let back = Graph::restore(nodes, edges).unwrap();
            assert_eq!(dump(&back), dump(&g));
        }
        let (nb, _) = blocks(&g);
        let source = b"https://news.example/a/1";
        let copies = nb.windows(source.len()).filter(|w| w == source).count();
        assert_eq!(copies, 1);
    }

    #[test]
    fn blocks_restore_the_same_graph_and_share_repeated_strings() {
        let mut g = sample();
        for i in 0..3 {
            g.add_node(
                Node::new(label::STATEMENT)
                    .with("text", format!("Satz {i}"))
                    .with("published", "2024-05-01"),
            );
        }
        let (nb, eb) = blocks(&g);
        let mut r = BlockReader::default();
        let nodes = r.nodes(&nb, 0..BLOCK).unwrap();
        let edges = r.edges(&eb, 0..BLOCK).unwrap();
        let back = Graph::restore(nodes, edges).unwrap();
        assert_eq!(dump(&back), dump(&g));
        let dates: Vec<&str> = back
            .nodes_with_label(label::STATEMENT)
            .map(|id| {
                back.node(id)
                    .unwrap()
                    .prop("published")
                    .unwrap()
                    .as_str()
                    .unwrap()
            })
            .collect();
        assert_eq!(dates.len(), 3);
        assert!(
            dates.iter().all(|d| std::ptr::eq(*d, dates[0])),
            "one shared copy"
        );
        // Ids outside the block's range are refused.
        assert!(r.nodes(&nb, 1..BLOCK).is_err());
        assert!(r.edges(&eb, BLOCK..2 * BLOCK).is_err());
    }

    #[test]
    fn every_truncation_of_a_block_is_an_error_and_no_damage_panics() {
        for (nb, eb) in [blocks(&sample()), blocks_v1(&sample())] {
            truncations_and_damage(&nb, &eb);
        }
    }

    fn truncations_and_damage(nb: &[u8], eb: &[u8]) {
        let mut r = BlockReader::default();
        for cut in 0..nb.len() {
            assert!(
                r.nodes(&nb[..cut], 0..BLOCK).is_err(),
                "node block cut at {cut}"
            );
        }
        for cut in 0..eb.len() {
            assert!(
                r.edges(&eb[..cut], 0..BLOCK).is_err(),
                "edge block cut at {cut}"
            );
        }
        let mut longer = nb.to_vec();
        longer.push(0);
        assert!(r.nodes(&longer, 0..BLOCK).is_err());
        for i in 0..nb.len() {
            let mut bad = nb.to_vec();
            bad[i] ^= 0xff;
            let _ = r.nodes(&bad, 0..BLOCK);
        }
        for i in 0..eb.len() {
            let mut bad = eb.to_vec();
            bad[i] ^= 0xff;
            let _ = r.edges(&bad, 0..BLOCK);
        }
    }

    #[test]
    fn every_truncation_and_a_bad_tag_are_errors_not_panics() {
        let buf = image(&sample(), 1);
        for cut in 0..buf.len() {
            let mut r = &buf[..cut];
            let res = read_generation(&mut r).and_then(|_| read_graph(&mut r, cut as u64));
            assert!(res.is_err(), "cut at {cut}");
        }
        // Flip every byte in turn: reading may succeed with other content, but never panics.
        for i in 0..buf.len() {
            let mut bad = buf.clone();
            bad[i] ^= 0xff;
            let mut r = &bad[..];
            let _ = read_generation(&mut r).and_then(|_| read_graph(&mut r, bad.len() as u64));
        }
    }
}
