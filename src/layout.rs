//! The compact pieces a node or edge is made of: interned names (`Sym`), interned label sets
//! (`Labels`) and properties as a small sorted array (`Props`).
//!
//! Why: at a million statements and three million edges, a `Vec<String>` of labels, a heap
//! `String` relationship type and a `BTreeMap<String, Value>` per element cost about 1.9 GB,
//! most of it for the same few names repeated millions of times and for B-tree leaves sized
//! for eleven entries holding three. Here a name is stored once for the whole process and
//! referred to by a thin pointer, a node's label set is shared with every node carrying the
//! same labels, and properties are an exactly sized array sorted by key, which keeps the
//! deterministic key order every printout and export relies on.
//!
//! Strings (`Str`) and property arrays live in reference-counted chunks (`ChunkBuilder`):
//! a store block's thousand nodes are one allocation, not three thousand, which is what most
//! of a large store's opening time and malloc overhead went to.

use std::alloc::Layout;
use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::mem::{align_of, size_of};
use std::ops::Deref;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::graph::{NodeId, Value};

/// An interned string: a label, relationship type or property key. Copying one copies a
/// pointer, and two are equal exactly when they point at the same interned text.
///
/// Interned texts live for the rest of the process. That is bounded by the number of distinct
/// names a graph uses (a few dozen in practice), not by its size.
#[derive(Clone, Copy)]
pub struct Sym(&'static String);

fn table() -> &'static Mutex<HashMap<&'static str, Sym>> {
    static TABLE: OnceLock<Mutex<HashMap<&'static str, Sym>>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

impl Sym {
    /// The interned copy of `s`, made on first use.
    pub fn new(s: &str) -> Sym {
        // A panic while holding the lock cannot leave the map half-written (insert is the
        // only write), so a poisoned lock is still safe to use.
        let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&sym) = t.get(s) {
            return sym;
        }
        let text: &'static String = Box::leak(Box::new(s.to_string()));
        let sym = Sym(text);
        t.insert(text.as_str(), sym);
        sym
    }
    pub fn as_str(&self) -> &'static str {
        self.0.as_str()
    }
}

impl Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}
impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        self.0
    }
}
impl Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        self.0
    }
}
impl PartialEq for Sym {
    fn eq(&self, other: &Sym) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}
impl Eq for Sym {}
impl Hash for Sym {
    // Hashes like `str` so that maps keyed by `Sym` can be searched with a `&str`.
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}
impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Sym) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Sym {
    fn cmp(&self, other: &Sym) -> std::cmp::Ordering {
        if self == other {
            return std::cmp::Ordering::Equal;
        }
        self.as_str().cmp(other.as_str())
    }
}
impl PartialEq<str> for Sym {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}
impl PartialEq<&str> for Sym {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
impl PartialEq<String> for Sym {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}
impl PartialEq<Sym> for str {
    fn eq(&self, other: &Sym) -> bool {
        self == other.as_str()
    }
}
impl PartialEq<Sym> for &str {
    fn eq(&self, other: &Sym) -> bool {
        *self == other.as_str()
    }
}
impl PartialEq<Sym> for String {
    fn eq(&self, other: &Sym) -> bool {
        self == other.as_str()
    }
}
impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}
impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym::new(s)
    }
}
impl From<&String> for Sym {
    fn from(s: &String) -> Sym {
        Sym::new(s)
    }
}
impl From<String> for Sym {
    fn from(s: String) -> Sym {
        Sym::new(&s)
    }
}
impl From<&Sym> for Sym {
    fn from(s: &Sym) -> Sym {
        *s
    }
}
impl From<Sym> for String {
    fn from(s: Sym) -> String {
        s.as_str().to_string()
    }
}
impl Serialize for Sym {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
impl<'de> Deserialize<'de> for Sym {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Sym, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(Sym::new(&s))
    }
}

/// A shared, immutable string: the text of a `Value::String`. Cloning one bumps a reference
/// count instead of copying the text, so that a query projecting `s.text` for a hundred
/// thousand rows, or a restore that finds the same date on a million statements, shares one
/// copy.
///
/// It is one pointer wide, to a length header inside a `Chunk`: a reference-counted
/// allocation that holds one string (`Str::new`) or, when a store block is read, all the
/// strings and property arrays of a thousand nodes (`ChunkBuilder`). The count is the
/// chunk's, so a million statements loaded from a store cost a thousand allocations instead
/// of three million, and each text costs its bytes plus 8 instead of plus 16 and malloc's
/// rounding.
pub struct Str(NonNull<StrHead>);

/// The header in front of a string's bytes in a chunk.
#[repr(C)]
struct StrHead {
    /// Bytes from the start of the chunk to this header.
    back: u32,
    len: u32,
}

// A `Str` is an immutable string kept alive by an atomic count, like an `Arc<str>`.
unsafe impl Send for Str {}
unsafe impl Sync for Str {}

impl Str {
    pub fn new(s: &str) -> Str {
        let mut b = ChunkBuilder::new(0, 0, ChunkBuilder::str_room(s.len()));
        b.str(s)
    }
    pub fn as_str(&self) -> &str {
        // SAFETY: the header was written by `ChunkBuilder::str` followed by `len` bytes copied
        // from a `&str`, and the chunk lives while this handle holds its count.
        unsafe {
            let head = self.0.as_ptr();
            let bytes = head.cast::<u8>().add(size_of::<StrHead>());
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(bytes, (*head).len as usize))
        }
    }
    fn chunk(&self) -> NonNull<ChunkHead> {
        // SAFETY: `back` is this header's distance from its chunk's start (see `StrHead`).
        unsafe {
            let back = (*self.0.as_ptr()).back as usize;
            NonNull::new_unchecked(self.0.as_ptr().cast::<u8>().sub(back).cast::<ChunkHead>())
        }
    }
}

impl Clone for Str {
    fn clone(&self) -> Str {
        // SAFETY: the chunk is alive while `self` holds a count on it.
        unsafe { retain(self.chunk()) };
        Str(self.0)
    }
}
impl Drop for Str {
    fn drop(&mut self) {
        // SAFETY: this handle holds one count on the chunk and is not used again.
        unsafe { release(self.chunk()) }
    }
}

/// The head of a chunk: its reference count (one per `Str` or `Props` in it, plus one while a
/// builder fills it) and its size, to free it with.
#[repr(C)]
struct ChunkHead {
    refs: AtomicUsize,
    size: usize,
}

const CHUNK_ALIGN: usize = 8;

/// Adds a count to a live chunk. Like `Arc`, aborts rather than let the count overflow.
///
/// # Safety
/// `c` points at a live chunk.
unsafe fn retain(c: NonNull<ChunkHead>) {
    // SAFETY: the caller guarantees that the chunk is alive.
    let old = unsafe { (*c.as_ptr()).refs.fetch_add(1, Ordering::Relaxed) };
    if old > isize::MAX as usize {
        std::process::abort();
    }
}

/// Drops a count on a chunk and frees it when that was the last.
///
/// # Safety
/// `c` points at a live chunk on which the caller holds a count it gives up.
unsafe fn release(c: NonNull<ChunkHead>) {
    // SAFETY: as `Arc::drop`: the release decrement orders this holder's uses before the
    // free, and the acquire fence orders the free after every other holder's uses.
    unsafe {
        if (*c.as_ptr()).refs.fetch_sub(1, Ordering::Release) != 1 {
            return;
        }
        std::sync::atomic::fence(Ordering::Acquire);
        let size = (*c.as_ptr()).size;
        std::alloc::dealloc(
            c.as_ptr().cast::<u8>(),
            Layout::from_size_align_unchecked(size, CHUNK_ALIGN),
        );
    }
}

/// Fills one chunk with property arrays and strings, each handed out as a `Props` or `Str`
/// that keeps the chunk alive. The builder is sized up front; whatever does not fit (which a
/// correct plan never causes) gets an allocation of its own instead.
pub struct ChunkBuilder {
    base: NonNull<ChunkHead>,
    /// Where the next property array goes, and the end of their area.
    props_at: usize,
    props_end: usize,
    /// Where the next string goes, and the end of the chunk.
    str_at: usize,
    size: usize,
}

impl ChunkBuilder {
    /// Room for `arrays` property arrays holding `pairs` pairs in all, and for strings of
    /// `str_room` bytes as counted by `ChunkBuilder::str_room`.
    pub fn new(arrays: usize, pairs: usize, str_room: usize) -> ChunkBuilder {
        let head = size_of::<ChunkHead>();
        let props_end = head + arrays * PAIRS_AT + pairs * size_of::<Pair>();
        let size = (props_end + str_room).next_multiple_of(CHUNK_ALIGN);
        assert!(
            size <= u32::MAX as usize,
            "a chunk holds at most 4 GiB of text"
        );
        let layout = Layout::from_size_align(size, CHUNK_ALIGN).expect("chunk size fits");
        // SAFETY: the size is non-zero (it holds the head); the head is written before use.
        let base = unsafe {
            let p = std::alloc::alloc(layout);
            let Some(base) = NonNull::new(p.cast::<ChunkHead>()) else {
                std::alloc::handle_alloc_error(layout)
            };
            base.as_ptr().write(ChunkHead {
                refs: AtomicUsize::new(1),
                size,
            });
            base
        };
        ChunkBuilder {
            base,
            props_at: head,
            props_end,
            str_at: props_end,
            size,
        }
    }
    /// The room a string of `len` bytes takes in a chunk.
    pub fn str_room(len: usize) -> usize {
        (size_of::<StrHead>() + len).next_multiple_of(align_of::<StrHead>())
    }
    /// A copy of `s` in the chunk.
    pub fn str(&mut self, s: &str) -> Str {
        let room = ChunkBuilder::str_room(s.len());
        if self.size - self.str_at < room {
            return Str::new(s);
        }
        // SAFETY: the room was checked above; `str_at` is 4-aligned (chunk areas start
        // 8-aligned and every string's room is a multiple of 4), as `StrHead` needs, and the
        // chunk is alive while the builder holds its count.
        unsafe {
            let at = self.base.as_ptr().cast::<u8>().add(self.str_at);
            at.cast::<StrHead>().write(StrHead {
                back: self.str_at as u32,
                len: s.len() as u32,
            });
            std::ptr::copy_nonoverlapping(s.as_ptr(), at.add(size_of::<StrHead>()), s.len());
            retain(self.base);
            self.str_at += room;
            Str(NonNull::new_unchecked(at.cast::<StrHead>()))
        }
    }
    /// Properties from pairs in any order (as `Props::from_pairs`), in the chunk. Empties
    /// `pairs`, keeping its capacity for the next element.
    pub fn props(&mut self, pairs: &mut Vec<Pair>) -> Props {
        if !pairs.windows(2).all(|w| w[0].0 < w[1].0) {
            return Props::from_pairs(std::mem::take(pairs));
        }
        let n = pairs.len();
        let room = PAIRS_AT + n * size_of::<Pair>();
        if n == 0 || self.props_end - self.props_at < room {
            return Props::from_vec(std::mem::take(pairs));
        }
        // SAFETY: the room was checked; `props_at` is 8-aligned (the head is 16 bytes and
        // each array takes a multiple of 8), as the header and the pairs need. The pairs are
        // moved (copied, then forgotten by the vector).
        unsafe {
            let at = self.base.as_ptr().cast::<u8>().add(self.props_at);
            at.cast::<PropsHeader>().write(PropsHeader {
                len: n as u32,
                back: self.props_at as u32,
            });
            std::ptr::copy_nonoverlapping(pairs.as_ptr(), at.add(PAIRS_AT).cast::<Pair>(), n);
            pairs.set_len(0);
            retain(self.base);
            self.props_at += room;
            Props(NonNull::new_unchecked(at.cast::<PropsHeader>()))
        }
    }
}

impl Drop for ChunkBuilder {
    fn drop(&mut self) {
        // SAFETY: the builder holds one count, given up here.
        unsafe { release(self.base) }
    }
}

impl Default for Str {
    fn default() -> Str {
        Str::new("")
    }
}
impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}
impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}
impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}
impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}
impl Eq for Str {}
impl Hash for Str {
    // Hashes like `str`, so that maps keyed by `Str` can be searched with a `&str`.
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}
impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Str {
    fn cmp(&self, other: &Str) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}
impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}
impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}
impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}
impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}
impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}
impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}
impl FromIterator<char> for Str {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> Str {
        Str::from(iter.into_iter().collect::<String>())
    }
}
impl<'a> FromIterator<&'a char> for Str {
    fn from_iter<I: IntoIterator<Item = &'a char>>(iter: I) -> Str {
        Str::from(iter.into_iter().collect::<String>())
    }
}
impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str::new(s)
    }
}
impl From<&String> for Str {
    fn from(s: &String) -> Str {
        Str::new(s)
    }
}
impl From<String> for Str {
    fn from(s: String) -> Str {
        Str::new(&s)
    }
}
impl From<&Str> for Str {
    fn from(s: &Str) -> Str {
        s.clone()
    }
}
impl From<Str> for String {
    fn from(s: Str) -> String {
        s.as_str().to_string()
    }
}
impl Serialize for Str {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Str, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(Str::new(&s))
    }
}

/// A node's labels, in the order they were added. The set itself is interned like a `Sym`,
/// so the million statements of a large graph share one `[Statement]` instead of holding a
/// million small vectors.
///
/// It is one pointer wide (to the interned vector, not a slice with its length), which takes
/// 8 bytes off every node.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Labels(&'static Vec<Sym>);

static NO_LABELS: Vec<Sym> = Vec::new();

impl Default for Labels {
    fn default() -> Labels {
        Labels(&NO_LABELS)
    }
}

impl Labels {
    /// The interned label set with exactly these labels in this order.
    pub fn new(labels: &[Sym]) -> Labels {
        static SETS: OnceLock<Mutex<HashMap<Vec<Sym>, Labels>>> = OnceLock::new();
        if labels.is_empty() {
            return Labels::default();
        }
        let mut t = SETS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(&l) = t.get(labels) {
            return l;
        }
        let set = Labels(Box::leak(Box::new(labels.to_vec())));
        t.insert(labels.to_vec(), set);
        set
    }
    pub fn one(label: &str) -> Labels {
        Labels::new(&[Sym::new(label)])
    }
    /// This set with `label` added at the end (unchanged if it is there already).
    pub fn with(self, label: &str) -> Labels {
        if self.contains_str(label) {
            return self;
        }
        let mut v = self.0.to_vec();
        v.push(Sym::new(label));
        Labels::new(&v)
    }
    /// This set without `label`.
    pub fn without(self, label: &str) -> Labels {
        let v: Vec<Sym> = self.0.iter().copied().filter(|l| *l != label).collect();
        Labels::new(&v)
    }
    pub fn contains_str(&self, label: &str) -> bool {
        self.0.iter().any(|l| *l == label)
    }
    pub fn as_slice(&self) -> &'static [Sym] {
        self.0.as_slice()
    }
}

impl Deref for Labels {
    type Target = [Sym];
    fn deref(&self) -> &[Sym] {
        self.0
    }
}
impl fmt::Debug for Labels {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}
impl<T: Into<Sym>> FromIterator<T> for Labels {
    fn from_iter<I: IntoIterator<Item = T>>(it: I) -> Labels {
        let v: Vec<Sym> = it.into_iter().map(Into::into).collect();
        Labels::new(&v)
    }
}
impl<T: Into<Sym>> From<Vec<T>> for Labels {
    fn from(v: Vec<T>) -> Labels {
        v.into_iter().collect()
    }
}
impl<'a> IntoIterator for &'a Labels {
    type Item = &'a Sym;
    type IntoIter = std::slice::Iter<'a, Sym>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
impl<const N: usize> PartialEq<[&str; N]> for Labels {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.0.len() == N && self.0.iter().zip(other).all(|(a, b)| a == b)
    }
}
impl PartialEq<Vec<String>> for Labels {
    fn eq(&self, other: &Vec<String>) -> bool {
        self.0.len() == other.len() && self.0.iter().zip(other).all(|(a, b)| a == b)
    }
}
impl Serialize for Labels {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter())
    }
}
impl<'de> Deserialize<'de> for Labels {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Labels, D::Error> {
        let v = Vec::<Sym>::deserialize(d)?;
        Ok(Labels::new(&v))
    }
}

/// A set of node ids as one bit per id: the members of a label. At a million statements a
/// `BTreeSet` of them costs about 13 MB and a tree insert per node on every opening; the bits
/// cost 125 KB, are filled by one store each, and iterate in ascending id order as before.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct NodeSet {
    words: Vec<u64>,
    len: usize,
}

impl NodeSet {
    /// Adds an id; returns whether it was new.
    pub fn insert(&mut self, id: NodeId) -> bool {
        let (w, bit) = (id.index() / 64, 1u64 << (id.index() % 64));
        if w >= self.words.len() {
            self.words.resize(w + 1, 0);
        }
        let new = self.words[w] & bit == 0;
        self.words[w] |= bit;
        self.len += usize::from(new);
        new
    }
    /// Removes an id; returns whether it was there.
    pub fn remove(&mut self, id: &NodeId) -> bool {
        let (w, bit) = (id.index() / 64, 1u64 << (id.index() % 64));
        let Some(word) = self.words.get_mut(w) else {
            return false;
        };
        let had = *word & bit != 0;
        *word &= !bit;
        self.len -= usize::from(had);
        had
    }
    pub fn contains(&self, id: &NodeId) -> bool {
        self.words
            .get(id.index() / 64)
            .is_some_and(|w| w & (1u64 << (id.index() % 64)) != 0)
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// The ids in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &w)| {
            let mut left = w;
            std::iter::from_fn(move || {
                (left != 0).then(|| {
                    let b = left.trailing_zeros() as usize;
                    left &= left - 1;
                    NodeId::new(i * 64 + b)
                })
            })
        })
    }
}

impl fmt::Debug for NodeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(|n| n.index()))
            .finish()
    }
}

/// Properties: an exactly sized array of (key, value) sorted by key, so that every printout
/// and export is deterministic. The API follows `BTreeMap`'s so that callers read the same.
/// An element without properties allocates nothing.
///
/// It is one pointer wide: a pointer to one allocation holding the count and then the pairs
/// (or to a shared empty header), which takes 8 bytes off every node and edge against a boxed
/// slice's pointer and length. That is the only unsafe code here; `from_vec` and `into_vec`
/// are the two ways in and out, and every other method goes through them or the slices.
pub struct Props(NonNull<PropsHeader>);

/// The count in front of a `Props` allocation; the pairs follow it.
#[repr(C)]
struct PropsHeader {
    len: u32,
    /// 0 for an allocation of its own (`from_vec`), else the header's distance from the start
    /// of the chunk it lives in (see `ChunkBuilder::props`), which is always more than 0.
    back: u32,
}

static NO_PROPS: PropsHeader = PropsHeader { len: 0, back: 0 };

type Pair = (Sym, Value);

/// Where the pairs start in a `Props` allocation: after the header, at the pairs' alignment.
const PAIRS_AT: usize = size_of::<PropsHeader>().next_multiple_of(align_of::<Pair>());

// `Props` owns its pairs like a `Box<[Pair]>` does, and `Pair` is `Send + Sync`.
unsafe impl Send for Props {}
unsafe impl Sync for Props {}

impl Props {
    /// The layout of an allocation for `n > 0` pairs, and where the pairs start in it
    /// (always `PAIRS_AT`).
    fn layout(n: usize) -> (Layout, usize) {
        Layout::new::<PropsHeader>()
            .extend(Layout::array::<Pair>(n).expect("property count fits in memory"))
            .expect("property count fits in memory")
    }
    /// The first pair of a non-empty `Props`.
    fn pairs_ptr(&self) -> *mut Pair {
        // SAFETY: a non-empty `Props` points at an allocation of more than `PAIRS_AT` bytes.
        unsafe { self.0.as_ptr().cast::<u8>().add(PAIRS_AT).cast::<Pair>() }
    }
    fn from_vec(mut v: Vec<Pair>) -> Props {
        let n = v.len();
        if n == 0 {
            return Props::default();
        }
        let (layout, offset) = Props::layout(n);
        debug_assert_eq!(offset, PAIRS_AT);
        // SAFETY: the layout has a non-zero size (it holds a header). The header is written,
        // then the pairs are moved (copied, and the vector forgets them) into the space after
        // it, which `layout` sized and aligned for `n` pairs.
        unsafe {
            let block = std::alloc::alloc(layout);
            let Some(header) = NonNull::new(block.cast::<PropsHeader>()) else {
                std::alloc::handle_alloc_error(layout)
            };
            header.as_ptr().write(PropsHeader {
                len: u32::try_from(n).expect("fewer than 2^32 properties"),
                back: 0,
            });
            std::ptr::copy_nonoverlapping(v.as_ptr(), block.add(offset).cast::<Pair>(), n);
            v.set_len(0);
            Props(header)
        }
    }
    fn into_vec(self) -> Vec<Pair> {
        let n = self.len();
        let mut v = Vec::with_capacity(n);
        if n > 0 {
            // SAFETY: the pairs are moved out (copied into the vector, which then owns them)
            // and the memory is given back without dropping them; `forget` keeps `Drop` from
            // running on the moved-out pairs.
            unsafe {
                std::ptr::copy_nonoverlapping(self.pairs_ptr(), v.as_mut_ptr(), n);
                v.set_len(n);
                self.free();
            }
        }
        std::mem::forget(self);
        v
    }
    /// Gives back the memory of a non-empty `Props`: frees its own allocation, or drops its
    /// count on the chunk it lives in.
    ///
    /// # Safety
    /// `self` is non-empty, its pairs were dropped or moved out, and it is not used again.
    unsafe fn free(&self) {
        // SAFETY: see the function's contract; a non-zero `back` is the distance to the
        // chunk's start, on which this `Props` holds one count.
        unsafe {
            let back = (*self.0.as_ptr()).back as usize;
            let block = self.0.as_ptr().cast::<u8>();
            if back == 0 {
                std::alloc::dealloc(block, Props::layout(self.len()).0);
            } else {
                release(NonNull::new_unchecked(block.sub(back).cast::<ChunkHead>()));
            }
        }
    }
    /// The pairs, sorted by key.
    pub fn as_slice(&self) -> &[Pair] {
        let n = self.len();
        if n == 0 {
            return &[];
        }
        // SAFETY: a non-empty `Props` points at an allocation made by `from_vec` for `n`
        // initialised pairs at `PAIRS_AT`.
        unsafe { std::slice::from_raw_parts(self.pairs_ptr(), n) }
    }
    fn as_mut_slice(&mut self) -> &mut [Pair] {
        let n = self.len();
        if n == 0 {
            return &mut [];
        }
        // SAFETY: as in `as_slice`; `&mut self` makes the access unique.
        unsafe { std::slice::from_raw_parts_mut(self.pairs_ptr(), n) }
    }
}

impl Drop for Props {
    fn drop(&mut self) {
        let n = self.len();
        if n == 0 {
            return;
        }
        // SAFETY: the pairs are initialised and owned by this `Props`, which is not used
        // again.
        unsafe {
            std::ptr::drop_in_place(self.as_mut_slice());
            self.free();
        }
    }
}
impl Default for Props {
    fn default() -> Props {
        Props(NonNull::from(&NO_PROPS))
    }
}
impl Clone for Props {
    fn clone(&self) -> Props {
        Props::from_vec(self.as_slice().to_vec())
    }
}
impl PartialEq for Props {
    fn eq(&self, other: &Props) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Props {
    pub fn new() -> Props {
        Props::default()
    }
    /// Properties from pairs in any order; a later pair wins over an earlier one with the
    /// same key.
    pub fn from_pairs(mut pairs: Vec<(Sym, Value)>) -> Props {
        if pairs.windows(2).all(|w| w[0].0 < w[1].0) {
            return Props::from_vec(pairs);
        }
        // A stable sort keeps equal keys in input order, so keeping the last of each run
        // gives "later wins".
        pairs.sort_by_key(|p| p.0);
        let mut out: Vec<(Sym, Value)> = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            match out.last_mut() {
                Some(last) if last.0 == k => last.1 = v,
                _ => out.push((k, v)),
            }
        }
        Props::from_vec(out)
    }
    fn find(&self, key: &str) -> Result<usize, usize> {
        // Most elements have a handful of properties, where a scan that compares lengths
        // first beats a binary search comparing bytes.
        let pairs = self.as_slice();
        if pairs.len() <= 8 {
            return pairs
                .iter()
                .position(|(k, _)| k.as_str() == key)
                .ok_or_else(|| pairs.partition_point(|(k, _)| k.as_str() < key));
        }
        pairs.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }
    pub fn len(&self) -> usize {
        // SAFETY: the pointer is to `NO_PROPS` or to a header written by `from_vec`.
        unsafe { self.0.as_ref().len as usize }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.find(key).ok().map(|i| &self.as_slice()[i].1)
    }
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.find(key).ok().map(|i| &mut self.as_mut_slice()[i].1)
    }
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }
    /// Sets a property, returning the value it replaced.
    pub fn insert(&mut self, key: impl Into<Sym>, value: Value) -> Option<Value> {
        let key = key.into();
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.as_mut_slice()[i].1, value)),
            Err(i) => {
                let mut v = std::mem::take(self).into_vec();
                v.insert(i, (key, value));
                *self = Props::from_vec(v);
                None
            }
        }
    }
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.find(key).ok()?;
        let mut v = std::mem::take(self).into_vec();
        let (_, old) = v.remove(i);
        *self = Props::from_vec(v);
        Some(old)
    }
    pub fn retain(&mut self, mut keep: impl FnMut(&Sym, &mut Value) -> bool) {
        let mut v = std::mem::take(self).into_vec();
        v.retain_mut(|(k, val)| keep(k, val));
        *self = Props::from_vec(v);
    }
    pub fn clear(&mut self) {
        *self = Props::default();
    }
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&Sym, &Value)> + ExactSizeIterator {
        self.as_slice().iter().map(|(k, v)| (k, v))
    }
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Sym> + ExactSizeIterator {
        self.as_slice().iter().map(|(k, _)| k)
    }
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value> + ExactSizeIterator {
        self.as_slice().iter().map(|(_, v)| v)
    }
}

impl fmt::Debug for Props {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}
impl<K: Into<Sym>> Extend<(K, Value)> for Props {
    fn extend<I: IntoIterator<Item = (K, Value)>>(&mut self, it: I) {
        let mut v = std::mem::take(self).into_vec();
        v.extend(it.into_iter().map(|(k, val)| (k.into(), val)));
        *self = Props::from_pairs(v);
    }
}
impl<K: Into<Sym>> FromIterator<(K, Value)> for Props {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(it: I) -> Props {
        Props::from_pairs(it.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}
impl<K: Into<Sym>, const N: usize> From<[(K, Value); N]> for Props {
    fn from(pairs: [(K, Value); N]) -> Props {
        pairs.into_iter().collect()
    }
}
impl<'a> IntoIterator for &'a Props {
    type Item = (&'a Sym, &'a Value);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (Sym, Value)>, PairRef>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter().map(pair_ref as PairRef)
    }
}
type PairRef = for<'b> fn(&'b (Sym, Value)) -> (&'b Sym, &'b Value);
fn pair_ref(p: &(Sym, Value)) -> (&Sym, &Value) {
    (&p.0, &p.1)
}
impl IntoIterator for Props {
    type Item = (Sym, Value);
    type IntoIter = std::vec::IntoIter<(Sym, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}
impl Serialize for Props {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}
impl<'de> Deserialize<'de> for Props {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Props, D::Error> {
        let m = std::collections::BTreeMap::<String, Value>::deserialize(d)?;
        Ok(m.into_iter().collect())
    }
}

/// The multiply-rotate hash rustc uses (FxHash), for hash tables whose keys no attacker
/// chooses: the query engine's DISTINCT, grouping and searches, the store's string sharing
/// while reading, and the CSV import's id maps. SipHash's protection is not worth its cost
/// there (profiles showed it at several per cent of a DISTINCT query). The lexicon keeps its
/// own word hasher, tuned for short words.
#[derive(Debug, Clone, Copy, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastBuild = std::hash::BuildHasherDefault<FastHasher>;
pub type FastMap<K, V> = HashMap<K, V, FastBuild>;
pub type FastSet<K> = std::collections::HashSet<K, FastBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_interned_once_and_compare_as_text() {
        let a = Sym::new("Person");
        let b = Sym::from(String::from("Person"));
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_eq!(a, b);
        assert!(a == "Person");
        assert!("Person" == a);
        assert!(Sym::new("ABOUT") < Sym::new("SAID"));
        let mut m = HashMap::new();
        m.insert(a, 1);
        assert_eq!(m.get("Person"), Some(&1));
    }

    #[test]
    fn shared_strings_clone_without_copying_and_compare_as_text() {
        let a = Str::from("Anna Beispiel");
        let b = a.clone();
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_eq!(a, Str::from(String::from("Anna Beispiel")));
        assert!(a == "Anna Beispiel");
        assert!("Anna Beispiel" == b);
        let (x, y) = (Str::from("a"), Str::from("b"));
        assert!(x < y);
        let mut m = HashMap::new();
        m.insert(a, 1);
        assert_eq!(m.get("Anna Beispiel"), Some(&1));
        assert_eq!(serde_json::to_string(&b).unwrap(), r#""Anna Beispiel""#);
        let back: Str = serde_json::from_str(r#""\u00fc""#).unwrap();
        assert_eq!(back, "ü");
        assert_eq!(Str::default(), "");
    }

    #[test]
    fn node_sets_iterate_in_order_and_count() {
        let mut s = NodeSet::default();
        for i in [130, 3, 64, 63, 0, 3] {
            s.insert(NodeId::new(i));
        }
        assert_eq!(s.len(), 5);
        assert!(s.remove(&NodeId::new(64)) && !s.remove(&NodeId::new(64)));
        assert!(!s.remove(&NodeId::new(100_000)));
        assert!(s.contains(&NodeId::new(130)) && !s.contains(&NodeId::new(1)));
        let ids: Vec<usize> = s.iter().map(|n| n.index()).collect();
        assert_eq!(ids, [0, 3, 63, 130]);
        assert_eq!(s.len(), 4);
    }

    /// The sizes the memory figures in bench/README.md are computed from: a change here
    /// changes every large graph's footprint.
    #[test]
    fn element_records_stay_small() {
        use std::mem::size_of;
        assert_eq!(size_of::<Str>(), 8);
        assert_eq!(size_of::<Value>(), 24);
        assert_eq!(size_of::<Labels>(), 8);
        assert_eq!(size_of::<Props>(), 8);
        assert_eq!(size_of::<crate::graph::Node>(), 24);
        assert_eq!(size_of::<crate::graph::Edge>(), 24);
    }

    /// Strings and property arrays of one chunk live as long as any of them does, in any
    /// order of dropping, and changing a chunked `Props` moves it out of the chunk. (Run
    /// under valgrind to check the frees: see bench/README.md.)
    #[test]
    fn chunked_strings_and_props_outlive_their_builder_in_any_order() {
        let texts = [
            "erster Satz",
            "",
            "dritter, längerer Satz mit Umlauten: äöü",
        ];
        let mut b = ChunkBuilder::new(
            2,
            3,
            texts.iter().map(|t| ChunkBuilder::str_room(t.len())).sum(),
        );
        let strs: Vec<Str> = texts.iter().map(|t| b.str(t)).collect();
        // No room was planned for this one: it gets an allocation of its own.
        let extra = b.str("nicht eingeplant");
        let mut pairs = vec![
            (Sym::new("a"), Value::String(strs[0].clone())),
            (Sym::new("b"), Value::Int(7)),
        ];
        let mut p1 = b.props(&mut pairs);
        assert!(pairs.is_empty());
        pairs.push((Sym::new("t"), Value::String(strs[2].clone())));
        let p2 = b.props(&mut pairs);
        // Unsorted pairs are sorted into an allocation of their own, later ones winning.
        pairs.extend([
            (Sym::new("z"), Value::Int(1)),
            (Sym::new("y"), Value::Int(2)),
            (Sym::new("z"), Value::Int(3)),
        ]);
        let p3 = b.props(&mut pairs);
        drop(b);
        assert_eq!(p3.get("z"), Some(&Value::Int(3)));
        assert_eq!(p3.keys().map(Sym::as_str).collect::<Vec<_>>(), ["y", "z"]);
        let copies: Vec<Str> = strs.to_vec();
        drop(strs);
        assert_eq!(copies[2], texts[2]);
        assert_eq!(copies[1], "");
        assert_eq!(extra, "nicht eingeplant");
        assert_eq!(p1.get("a"), Some(&Value::from("erster Satz")));
        p1.insert("c", Value::from("neu"));
        assert_eq!(p1.len(), 3);
        let p2b = p2.clone();
        drop(p2);
        drop(copies);
        assert_eq!(p2b.get("t").and_then(Value::as_str), Some(texts[2]));
        assert_eq!(p1.get("a").and_then(Value::as_str), Some("erster Satz"));
        let moved: Vec<(Sym, Value)> = p1.into_iter().collect();
        assert_eq!(moved.len(), 3);
    }

    #[test]
    fn label_sets_are_shared_and_keep_order() {
        let a = Labels::one("Person").with("Politician");
        let b: Labels = vec!["Person", "Politician"].into();
        assert!(std::ptr::eq(a.as_slice(), b.as_slice()));
        assert_eq!(a, ["Person", "Politician"]);
        assert_eq!(a.with("Person"), a);
        assert_eq!(a.without("Person"), ["Politician"]);
        assert_eq!(a.join(":"), "Person:Politician");
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"["Person","Politician"]"#
        );
    }

    #[test]
    fn props_own_their_values_through_clone_change_and_drop() {
        let text = Str::from("ein längerer Satz, der geteilt wird");
        let mut a = Props::from([
            ("text", Value::String(text.clone())),
            (
                "list",
                Value::List(Box::new([Value::from("x"), Value::Int(1)])),
            ),
            ("n", Value::Int(1)),
        ]);
        let b = a.clone();
        a.insert("n", Value::Int(2));
        a.insert("m", Value::from("neu"));
        assert_eq!(a.remove("list"), b.get("list").cloned());
        a.retain(|k, _| k != "m");
        *a.get_mut("n").unwrap() = Value::Int(3);
        assert_eq!(a.len(), 2);
        assert_eq!(b.len(), 3);
        assert_eq!(b.get("n"), Some(&Value::Int(1)));
        assert_eq!(a.get("text"), b.get("text"));
        let pairs: Vec<(Sym, Value)> = b.clone().into_iter().collect();
        assert_eq!(pairs.len(), 3);
        drop(b);
        a.clear();
        assert!(a.is_empty() && a.get("text").is_none() && a == Props::new());
        assert_eq!(text, "ein längerer Satz, der geteilt wird");
    }

    #[test]
    fn props_behave_like_a_sorted_map() {
        let mut p = Props::new();
        assert_eq!(p.insert("name", "Anna".into()), None);
        p.insert("aliases", Value::List(Box::new([])));
        p.insert("zeta", 1i64.into());
        assert_eq!(p.insert("name", "Ada".into()), Some("Anna".into()));
        assert_eq!(
            p.keys().map(Sym::as_str).collect::<Vec<_>>(),
            ["aliases", "name", "zeta"]
        );
        assert_eq!(p.get("name"), Some(&Value::from("Ada")));
        assert_eq!(p.remove("aliases"), Some(Value::List(Box::new([]))));
        assert_eq!(p.remove("aliases"), None);
        p.retain(|k, _| k != "zeta");
        assert_eq!(p.len(), 1);
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#"{"name":"Ada"}"#);
        let back: Props = serde_json::from_str(r#"{"b":1,"a":"x"}"#).unwrap();
        assert_eq!(back.keys().map(Sym::as_str).collect::<Vec<_>>(), ["a", "b"]);
        let later_wins = Props::from([("k", Value::from(1i64)), ("k", Value::from(2i64))]);
        assert_eq!(later_wins.get("k"), Some(&Value::Int(2)));
    }
}
