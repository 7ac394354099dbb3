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
use std::mem::{ManuallyDrop, align_of, size_of};
use std::ops::Deref;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::graph::{NodeId, Value};

/// An interned string: a label, relationship type or property key. It is the text's number
/// in a process-wide table, so copying one copies four bytes, and two are equal exactly when
/// their numbers are.
///
/// Four bytes rather than a pointer's eight make a relationship record 16 bytes instead of
/// 24 (its type, origin and property pointer), which is 24 MB at three million edges.
///
/// Interned texts live for the rest of the process. That is bounded by the number of distinct
/// names a graph uses (a few dozen in practice), not by its size.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Sym(u32);

/// Interned values by number, read without a lock: segment `k` holds the numbers
/// `2^k - 1 .. 2^(k+1) - 1`, so the table grows without ever moving a value, and 33 segments
/// cover every `u32`. Names (`Sym`), label sets (`Labels`) and property key sets (`Props`) are
/// numbered in one each, so that an element refers to them with 4 bytes instead of a
/// pointer's 8.
///
/// A value is filed (`put`, under its interner's lock) before its number is handed out, and a
/// number reaches another thread only through something that orders those writes before
/// that thread's reads (the lock, a channel, a join). Values are leaked: they live for the
/// rest of the process, which is bounded by the number of distinct names and sets a process
/// uses, not by the size of its graphs.
struct Numbered<T: 'static> {
    segments: [AtomicPtr<AtomicPtr<T>>; 33],
}

impl<T: 'static> Numbered<T> {
    const fn new() -> Self {
        Numbered {
            segments: [const { AtomicPtr::new(std::ptr::null_mut()) }; 33],
        }
    }
    /// Files `value` under number `n`, which must be new. Callers hold their interner's lock,
    /// so no two threads file at once.
    fn put(&self, n: u32, value: T) -> &'static T {
        let (k, i) = slot(n);
        let mut seg = self.segments[k].load(Ordering::Acquire);
        if seg.is_null() {
            let slots: Box<[AtomicPtr<T>]> = (0..1usize << k)
                .map(|_| AtomicPtr::new(std::ptr::null_mut()))
                .collect();
            seg = Box::leak(slots).as_mut_ptr();
            self.segments[k].store(seg, Ordering::Release);
        }
        let value: &'static mut T = Box::leak(Box::new(value));
        let ptr: *mut T = value;
        // SAFETY: segment `k` has `2^k` slots and `i < 2^k` (see `slot`).
        unsafe { (*seg.add(i)).store(ptr, Ordering::Release) };
        // SAFETY: the value was leaked above and is never written again.
        unsafe { &*ptr }
    }
    /// The value filed under `n`.
    ///
    /// # Safety
    /// `n` was filed by `put`, and that happened before this call (see the type's comment).
    unsafe fn get(&self, n: u32) -> &'static T {
        let (k, i) = slot(n);
        // SAFETY: see the contract; filed values are leaked, never freed or changed.
        unsafe {
            let seg = self.segments[k].load(Ordering::Acquire);
            &*(*seg.add(i)).load(Ordering::Acquire)
        }
    }
}

/// The segment and slot of a number.
fn slot(n: u32) -> (usize, usize) {
    let m = u64::from(n) + 1;
    let k = 63 - m.leading_zeros() as usize;
    (k, (m - (1u64 << k)) as usize)
}

static NAMES: Numbered<String> = Numbered::new();

fn table() -> &'static Mutex<HashMap<&'static str, Sym>> {
    static TABLE: OnceLock<Mutex<HashMap<&'static str, Sym>>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

impl Sym {
    /// The interned copy of `s`, made on first use.
    pub fn new(s: &str) -> Sym {
        // A panic while holding the lock cannot leave the map half-written (insert is the
        // last write), so a poisoned lock is still safe to use.
        let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&sym) = t.get(s) {
            return sym;
        }
        // Numbers stay below 2^31 - 1 so that an edge record can keep its type and its
        // origin in one non-zero `u32` (see `Sym::number`).
        let n = u32::try_from(t.len())
            .ok()
            .filter(|&n| n < SYM_LIMIT)
            .expect("fewer than 2^31 - 1 distinct names");
        let text = NAMES.put(n, s.to_string());
        let sym = Sym(n);
        t.insert(text.as_str(), sym);
        sym
    }
    pub fn as_str(&self) -> &'static str {
        // SAFETY: a `Sym` is made only by `new`, after filing its text.
        unsafe { NAMES.get(self.0) }.as_str()
    }
    /// The name's number, below `SYM_LIMIT`: an edge record packs it with its origin in four
    /// bytes (see `graph::EdgeHead`).
    pub fn number(self) -> u32 {
        self.0
    }
    /// The name of a number from `Sym::number`.
    ///
    /// # Safety
    /// `n` is `s.number()` of a `Sym` `s` made in this process.
    pub unsafe fn from_number_unchecked(n: u32) -> Sym {
        Sym(n)
    }
}

/// Names are numbered below this (see `Sym::number`).
pub const SYM_LIMIT: u32 = (1 << 31) - 1;

impl Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}
impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}
impl Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}
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
/// of three million, and each text costs its bytes plus 4 (see `head_of`) instead of plus 16
/// and malloc's rounding.
pub struct Str(NonNull<u8>);

/// The header in front of a string's bytes in a chunk: the string's length and its distance
/// back to the chunk's start (which holds the count), in one of two forms told apart by the
/// lowest bit of the first of four little-endian bytes:
/// - short, 4 bytes: bit 0 set, bits 1 to 11 the length (below `SHORT_LEN`), bits 12 to 31
///   the distance back in 2-byte steps (below `SHORT_BACK` bytes);
/// - long, 8 bytes: bit 0 clear, bits 1 to 31 the distance back, then the length.
///
/// Nearly every string of a store (a million statement texts) takes the short form: at 8
/// bytes for every string, 4-aligned, the headers and their padding took 6 MB more at the
/// opening of a million statements. Headers are 2-aligned, so a handle to one never has the
/// lowest bit set, which marks an inline handle.
#[inline]
fn head_of(at: *const u8) -> (usize, usize, usize) {
    // SAFETY (for the caller): `at` is a header written by `ChunkBuilder::str`, whose chunk
    // is alive; a long header has its second four bytes.
    let word = |i: usize| unsafe { u32::from_le_bytes(at.add(i).cast::<[u8; 4]>().read()) };
    let w = word(0);
    if w & 1 == 1 {
        (4, ((w >> 1) & 0x7ff) as usize, (w >> 12) as usize * 2)
    } else {
        (8, word(4) as usize, (w >> 1) as usize)
    }
}

/// Lengths below this take the short header (see `head_of`).
const SHORT_LEN: usize = 1 << 11;
/// Distances back below this take the short header (see `head_of`).
const SHORT_BACK: usize = 1 << 21;

// A `Str` is an immutable string kept alive by an atomic count, like an `Arc<str>`.
unsafe impl Send for Str {}
unsafe impl Sync for Str {}

/// Strings of at most this many bytes live in the handle itself (see `Str::inline`): a
/// statement's id such as `s123456` costs no chunk room and no count.
pub const INLINE_MAX: usize = size_of::<usize>() - 1;

impl Str {
    /// A copy of `s`. Inlined, so that a short string (a million statement ids in a large
    /// store's opening) costs a few instructions and no call.
    #[inline]
    pub fn new(s: &str) -> Str {
        match Str::inline(s) {
            Some(inline) => inline,
            None => Str::in_own_chunk(s),
        }
    }
    /// A copy of `s` in a chunk of its own.
    fn in_own_chunk(s: &str) -> Str {
        let mut b = ChunkBuilder::new(0, 0, ChunkBuilder::str_room(s.len()));
        b.str(s)
    }
    /// A short string kept in the handle's own bytes: the first byte holds the length and a
    /// set lowest bit, which no pointer to a (2-aligned) header has, and the text follows.
    /// Only on little-endian machines, where the handle's first byte is its lowest.
    #[inline]
    fn inline(s: &str) -> Option<Str> {
        if s.len() > INLINE_MAX || !cfg!(target_endian = "little") {
            return None;
        }
        // The text's bytes above the tag byte, as the handle's bytes 1..=len on a
        // little-endian machine.
        let bits = ((le_word(s.as_bytes()) as usize) << 8) | (s.len() << 1) | 1;
        let tagged = std::ptr::without_provenance_mut::<u8>(bits);
        // The lowest bit is set, so the address is never null.
        NonNull::new(tagged).map(Str)
    }
    fn is_inline(&self) -> bool {
        self.0.as_ptr().addr() & 1 == 1
    }
    pub fn as_str(&self) -> &str {
        if self.is_inline() {
            let len = (self.0.as_ptr().addr() & 0xff) >> 1;
            // SAFETY: an inline handle's bytes 1..=len are the text copied from a `&str` by
            // `Str::inline` (little-endian, so byte 0 is the tag), and they live as long as
            // `self` is borrowed.
            return unsafe {
                let bytes = (self as *const Str).cast::<u8>().add(1);
                std::str::from_utf8_unchecked(std::slice::from_raw_parts(bytes, len))
            };
        }
        // SAFETY: the header was written by `ChunkBuilder::str` followed by `len` bytes copied
        // from a `&str`, and the chunk lives while this handle holds its count.
        unsafe {
            let head = self.0.as_ptr().cast_const();
            let (size, len, _) = head_of(head);
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(head.add(size), len))
        }
    }
    /// The chunk of a handle that is not inline.
    fn chunk(&self) -> NonNull<ChunkHead> {
        debug_assert!(!self.is_inline());
        // SAFETY: the distance back is this header's from its chunk's start (see `head_of`).
        unsafe {
            let (_, _, back) = head_of(self.0.as_ptr());
            NonNull::new_unchecked(self.0.as_ptr().sub(back).cast::<ChunkHead>())
        }
    }
}

impl Str {
    /// Asks the processor to fetch this string's header (and the start of its text) before
    /// a batch reads it; nothing for an inline string, which has no header. A hint only
    /// computes an address: it reads nothing and never changes a result.
    #[inline]
    pub fn hint(&self) {
        if let Some(p) = self.head_addr() {
            hint_addr(p);
        }
    }
    /// Asks the processor to fetch the count of this string's chunk, which a clone or a drop
    /// of the handle changes. It reads the string's own header (`back`), so hint that first.
    #[inline]
    pub fn hint_count(&self) {
        if let Some(p) = self.count_addr() {
            hint_addr(p);
        }
    }
    /// Where the header is (`None` for an inline string).
    fn head_addr(&self) -> Option<*const u8> {
        (!self.is_inline()).then(|| self.0.as_ptr().cast_const())
    }
    /// Where the chunk's count is (`None` for an inline string).
    fn count_addr(&self) -> Option<*const u8> {
        (!self.is_inline()).then(|| self.chunk().as_ptr().cast::<u8>().cast_const())
    }
}

/// Up to 8 bytes as a little-endian number, the missing high bytes zero.
///
/// Copying a short text into a zeroed array and reading the array as a number made the read
/// wait for the copy's several small writes to land (the processor cannot forward them to
/// one wider read); decoding a large store did that for each of a million statement ids.
/// Two overlapping reads of the text itself (or three single bytes) need no copy.
#[inline]
pub(crate) fn le_word(b: &[u8]) -> u64 {
    let n = b.len();
    assert!(n <= 8, "at most 8 bytes");
    let u32_at = |i: usize| u64::from(u32::from_le_bytes(b[i..i + 4].try_into().unwrap()));
    match n {
        8 => u64::from_le_bytes(b.try_into().unwrap()),
        // Bytes n-4..4 are in both halves, the same at the same place.
        4..=7 => u32_at(0) | (u32_at(n - 4) << (8 * (n - 4))),
        1..=3 => {
            let byte = |i: usize| u64::from(b[i]) << (8 * i);
            byte(0) | byte(n / 2) | byte(n - 1)
        }
        _ => 0,
    }
}

/// Starts loading the cache line at `p`. A prefetch reads nothing the program can observe
/// and never faults, whatever the address, so any address will do (a wrong one only wastes
/// the hint).
#[inline]
fn hint_addr(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: see above: a prefetch has no effect the program can see.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast::<i8>())
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

impl Clone for Str {
    fn clone(&self) -> Str {
        if !self.is_inline() {
            // SAFETY: the chunk is alive while `self` holds a count on it.
            unsafe { retain(self.chunk()) };
        }
        Str(self.0)
    }
}
impl Drop for Str {
    fn drop(&mut self) {
        if self.is_inline() {
            return;
        }
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
    // SAFETY: as the caller's.
    unsafe { release_n(c, 1) }
}

/// Drops `n` counts on a chunk and frees it when those were the last.
///
/// # Safety
/// `c` points at a live chunk on which the caller holds `n` counts it gives up.
unsafe fn release_n(c: NonNull<ChunkHead>, n: usize) {
    // SAFETY: as `Arc::drop`: the release decrement orders this holder's uses before the
    // free, and the acquire fence orders the free after every other holder's uses.
    unsafe {
        if (*c.as_ptr()).refs.fetch_sub(n, Ordering::Release) != n {
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
    /// The shape (key set and value kinds) of the last property array, for the next one to
    /// share.
    last_shape: Shape,
    /// Counts on the chunk that the builder holds beyond its own, taken when the chunk is
    /// made, for the handles it hands out. An atomic add costs about 20 cycles and orders
    /// memory like a fence; decoding a large store made about four per statement, a good
    /// part of its decoding time. The unused ones are given back when the builder is dropped.
    spare: usize,
    /// The value kinds of the array `sorted_props` is filling, kept for its next call.
    tags: Vec<u8>,
}

/// The counts a `ChunkBuilder` takes in advance (see `ChunkBuilder::spare`): more than any
/// block's handles, and far from the count's overflow.
const SPARE_COUNTS: usize = 1 << 24;

impl ChunkBuilder {
    /// Room for `arrays` property arrays holding `values` values in all, and for strings of
    /// `str_room` bytes as counted by `ChunkBuilder::str_room`.
    pub fn new(arrays: usize, values: usize, str_room: usize) -> ChunkBuilder {
        let head = size_of::<ChunkHead>();
        let props_end = head + arrays * VALUES_AT + values * size_of::<Slot>();
        let size = (props_end + str_room).next_multiple_of(CHUNK_ALIGN);
        assert!(
            size <= i32::MAX as usize,
            "a chunk holds at most 2 GiB of text"
        );
        let layout = Layout::from_size_align(size, CHUNK_ALIGN).expect("chunk size fits");
        // SAFETY: the size is non-zero (it holds the head); the head is written before use.
        let base = unsafe {
            let p = std::alloc::alloc(layout);
            let Some(base) = NonNull::new(p.cast::<ChunkHead>()) else {
                std::alloc::handle_alloc_error(layout)
            };
            base.as_ptr().write(ChunkHead {
                refs: AtomicUsize::new(1 + SPARE_COUNTS),
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
            last_shape: NO_SHAPE,
            spare: SPARE_COUNTS,
            tags: Vec::new(),
        }
    }
    /// Whether `s` lives in this chunk, told by its address alone: reading its header would
    /// wait for a cache miss where `clone_str` is used. Chunks do not overlap, and this one
    /// is alive.
    fn holds(&self, s: &Str) -> bool {
        let (at, base) = (s.0.as_ptr().addr(), self.base.as_ptr().addr());
        !s.is_inline() && at >= base && at < base + self.size
    }
    /// Takes a count on the chunk for a new handle: a spare one while any is left.
    fn count(&mut self) {
        match self.spare.checked_sub(1) {
            Some(left) => self.spare = left,
            // SAFETY: the chunk is alive while the builder holds its count.
            None => unsafe { retain(self.base) },
        }
    }
    /// Another handle to `s`. For a string of this chunk it costs no atomic add (see
    /// `ChunkBuilder::spare`); any other string is cloned.
    pub fn clone_str(&mut self, s: &Str) -> Str {
        if !self.holds(s) {
            return s.clone();
        }
        // The count taken is the new handle's, as `Clone for Str` takes one.
        self.count();
        Str(s.0)
    }
    /// The room a string of `len` bytes takes in a chunk: with the short header (see
    /// `head_of`) if its length allows. A string placed `SHORT_BACK` bytes or more into its
    /// chunk takes 4 bytes more, which only a chunk of over 2 MiB has to find.
    pub fn str_room(len: usize) -> usize {
        if len <= INLINE_MAX && cfg!(target_endian = "little") {
            return 0;
        }
        let head = if len < SHORT_LEN { 4 } else { 8 };
        (head + len).next_multiple_of(2)
    }
    /// The bytes left for strings (see `ChunkBuilder::str_room`).
    pub fn str_left(&self) -> usize {
        self.size - self.str_at
    }
    /// A copy of `s` in the chunk.
    pub fn str(&mut self, s: &str) -> Str {
        if let Some(inline) = Str::inline(s) {
            return inline;
        }
        let (len, back) = (s.len(), self.str_at);
        let short = len < SHORT_LEN && back < SHORT_BACK;
        let mut room = ChunkBuilder::str_room(len);
        if len < SHORT_LEN && !short {
            room += 4;
        }
        if self.size - back < room {
            return Str::new(s);
        }
        let (head, w0, w1) = match short {
            true => (4, 1 | (len << 1) | ((back / 2) << 12), 0),
            // The chunk's size is below 2 GiB and its string lengths below 4 GiB.
            false => (8, back << 1, len),
        };
        // SAFETY: the room was checked above; `str_at` is even (chunk areas start 8-aligned
        // and every string's room is a multiple of 2), as `head_of` needs, and the chunk is
        // alive while the builder holds its count.
        unsafe {
            let at = self.base.as_ptr().cast::<u8>().add(back);
            at.cast::<[u8; 4]>().write((w0 as u32).to_le_bytes());
            if head == 8 {
                at.add(4).cast::<[u8; 4]>().write((w1 as u32).to_le_bytes());
            }
            std::ptr::copy_nonoverlapping(s.as_ptr(), at.add(head), len);
            self.count();
            self.str_at += room;
            Str(NonNull::new_unchecked(at))
        }
    }
    /// Properties from pairs in any order (as `Props::from_pairs`), in the chunk. Empties
    /// `pairs`, keeping its capacity for the next element.
    pub fn props(&mut self, pairs: &mut Vec<Pair>) -> Props {
        let n = pairs.len();
        if n == 0 {
            // Most edges have no properties: nothing to sort, intern or copy.
            return Props::default();
        }
        // The elements of a block nearly always have the same keys and value kinds as the one
        // before, which are sorted and interned already; comparing numbers settles that.
        let last = self.last_shape;
        let same = last.keys.keys.len() == n
            && (last.keys.keys.iter().zip(last.tags))
                .zip(pairs.iter())
                .all(|((a, &t), (b, v))| a == b && t == tag_of(v));
        if !same && !pairs.windows(2).all(|w| w[0].0 < w[1].0) {
            return Props::from_pairs(std::mem::take(pairs));
        }
        let room = VALUES_AT + n * size_of::<Slot>();
        if self.props_end - self.props_at < room {
            return Props::from_vec(std::mem::take(pairs));
        }
        if !same {
            let keys: Vec<Sym> = pairs.iter().map(|p| p.0).collect();
            let tags: Vec<u8> = pairs.iter().map(|p| tag_of(&p.1)).collect();
            self.last_shape = shape_of(keys_of(&keys), &tags);
        }
        // SAFETY: the room was checked; `props_at` is 8-aligned (the chunk's head is 16 bytes
        // and each array takes a multiple of 8), as the header and the slots need. The values
        // are moved into their slots by `drain`.
        unsafe {
            let at = self.base.as_ptr().cast::<u8>().add(self.props_at);
            at.cast::<PropsHeader>().write(PropsHeader {
                shape: self.last_shape.n,
                back: self.props_at as u32,
            });
            let slots = at.add(VALUES_AT).cast::<Slot>();
            for (i, (_, v)) in pairs.drain(..).enumerate() {
                slots.add(i).write(Slot::new(v));
            }
            self.count();
            self.props_at += room;
            Props(NonNull::new_unchecked(at.cast::<PropsHeader>()))
        }
    }
}

impl ChunkBuilder {
    /// Properties under `keys` (sorted, without repeats) in the chunk, the value under the
    /// `j`th key made by `value(self, j)`, which may take strings from this builder.
    ///
    /// Unlike `props`, each value goes straight into its slot. Decoding a store made each
    /// value, moved it into a pair and moved the pair again, and that copy of the pair, read
    /// from two writes just made, stalled: about a tenth of the decoding of node blocks.
    pub fn sorted_props(
        &mut self,
        keys: &[Sym],
        mut value: impl FnMut(&mut ChunkBuilder, usize) -> Value,
    ) -> Props {
        let n = keys.len();
        debug_assert!(keys.windows(2).all(|w| w[0] < w[1]), "keys sorted");
        if n == 0 {
            return Props::default();
        }
        let room = VALUES_AT + n * size_of::<Slot>();
        if self.props_end - self.props_at < room {
            let pairs = (keys.iter().enumerate())
                .map(|(j, &k)| (k, value(self, j)))
                .collect();
            return Props::from_vec(pairs);
        }
        // The room is taken first: `value` may use the builder, never this array's room.
        let at_offset = self.props_at;
        self.props_at += room;
        let last = self.last_shape;
        let mut same = last.keys.keys == keys;
        let mut tags = std::mem::take(&mut self.tags);
        tags.clear();
        // SAFETY: the room was checked and taken above; `at_offset` is 8-aligned (the chunk's
        // head is 16 bytes and each array takes a multiple of 8), as the header and the slots
        // need. Each slot is written once, with a value moved into it; the header is written
        // last, with the shape of exactly the kinds written. Should `value` panic, the slots
        // written so far are leaked, never read.
        unsafe {
            let at = self.base.as_ptr().cast::<u8>().add(at_offset);
            let slots = at.add(VALUES_AT).cast::<Slot>();
            for j in 0..n {
                let v = value(self, j);
                let t = tag_of(&v);
                same &= last.tags.get(j) == Some(&t);
                tags.push(t);
                slots.add(j).write(Slot::new(v));
            }
            if !same {
                self.last_shape = shape_of(keys_of(keys), &tags);
            }
            self.tags = tags;
            at.cast::<PropsHeader>().write(PropsHeader {
                shape: self.last_shape.n,
                back: at_offset as u32,
            });
            self.count();
            Props(NonNull::new_unchecked(at.cast::<PropsHeader>()))
        }
    }
}

impl Drop for ChunkBuilder {
    fn drop(&mut self) {
        // SAFETY: the builder holds its own count and its spare ones, given up here.
        unsafe { release_n(self.base, 1 + self.spare) }
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

/// A node's labels, in the order they were added. The set itself is interned and numbered
/// (see `Numbered`), so the million statements of a large graph share one `[Statement]`
/// instead of holding a million small vectors, and a node refers to it with 4 bytes: a node
/// record is 16 bytes (labels, origin, property pointer). Number 0 is the empty set.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct Labels(u32);

static LABEL_SETS: Numbered<Vec<Sym>> = Numbered::new();

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
        let n = u32::try_from(t.len() + 1).expect("fewer than 2^32 label sets");
        LABEL_SETS.put(n, labels.to_vec());
        let set = Labels(n);
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
        let mut v = self.as_slice().to_vec();
        v.push(Sym::new(label));
        Labels::new(&v)
    }
    /// This set without `label`.
    pub fn without(self, label: &str) -> Labels {
        let v: Vec<Sym> = self
            .as_slice()
            .iter()
            .copied()
            .filter(|l| *l != label)
            .collect();
        Labels::new(&v)
    }
    pub fn contains_str(&self, label: &str) -> bool {
        self.as_slice().iter().any(|l| *l == label)
    }
    pub fn as_slice(&self) -> &'static [Sym] {
        if self.0 == 0 {
            return &[];
        }
        // SAFETY: a non-empty `Labels` is made only by `new`, after filing its set.
        unsafe { LABEL_SETS.get(self.0) }.as_slice()
    }
}

// Label sets hash and order by their labels, as they did when they were vectors, so that
// nothing sorted by labels depends on the order in which sets were first met.
impl Hash for Labels {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_slice().hash(h)
    }
}
impl PartialOrd for Labels {
    fn partial_cmp(&self, other: &Labels) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Labels {
    fn cmp(&self, other: &Labels) -> std::cmp::Ordering {
        if self == other {
            return std::cmp::Ordering::Equal;
        }
        self.as_slice().cmp(other.as_slice())
    }
}

impl Deref for Labels {
    type Target = [Sym];
    fn deref(&self) -> &[Sym] {
        self.as_slice()
    }
}
impl fmt::Debug for Labels {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice().iter()).finish()
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
        self.as_slice().iter()
    }
}
impl<const N: usize> PartialEq<[&str; N]> for Labels {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.as_slice().len() == N && self.as_slice().iter().zip(other).all(|(a, b)| a == b)
    }
}
impl PartialEq<Vec<String>> for Labels {
    fn eq(&self, other: &Vec<String>) -> bool {
        self.as_slice().len() == other.len()
            && self.as_slice().iter().zip(other).all(|(a, b)| a == b)
    }
}
impl Serialize for Labels {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.as_slice().iter())
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

/// Properties: a sorted set of keys and their values, so that every printout and export is
/// deterministic. The API follows `BTreeMap`'s so that callers read the same, except that a
/// value is read out as a `PropRef` rather than a `&Value`. An element without properties
/// allocates nothing.
///
/// It is one pointer wide, to one allocation (or a place in a chunk) holding a header and
/// then an 8-byte slot per value. Neither the keys nor the kinds of the values are stored per
/// element: the header names an interned shape (`shape_of`), a sorted key set and the kind of
/// each value, which the million statements of a large graph share. A statement's four
/// properties cost 8 + 4 × 8 = 40 bytes instead of 8 + 4 × 16 with a whole `Value` per
/// slot, 32 MB less at a million statements. `from_vec` and `into_vec` are the two ways in
/// and out, and every other method goes through them or the slots.
pub struct Props(NonNull<PropsHeader>);

/// The header in front of a `Props` allocation; the slots follow it.
#[repr(C)]
struct PropsHeader {
    /// The number of the interned shape (see `shape_of`), whose key set's length is the
    /// number of slots; 0 for no properties.
    shape: u32,
    /// 0 for an allocation of its own (`from_vec`), else the header's distance from the start
    /// of the chunk it lives in (see `ChunkBuilder::props`), which is always more than 0.
    back: u32,
}

/// The header every empty `Props` points at.
static NO_PROPS: PropsHeader = PropsHeader { shape: 0, back: 0 };

/// An empty `Props` to hand out by reference, e.g. for an edge whose properties are not
/// stored because it has none.
static EMPTY_PROPS: Props = Props(NonNull::from_ref(&NO_PROPS));

type Pair = (Sym, Value);

/// Where the slots start in a `Props` allocation: after the header, at the slots' alignment.
const VALUES_AT: usize = size_of::<PropsHeader>().next_multiple_of(align_of::<Slot>());

/// One property value in 8 bytes: the payload of a `Value` without its tag. Which field is
/// live is told by the kind the `Props`'s shape records for the slot (`tag_of`). Strings and
/// lists are one pointer each, so a slot owns them exactly as the `Value` did.
#[repr(C)]
pub union Slot {
    b: bool,
    i: i64,
    f: f64,
    s: ManuallyDrop<Str>,
    l: ManuallyDrop<List>,
}

const TAG_BOOL: u8 = 0;
const TAG_INT: u8 = 1;
const TAG_FLOAT: u8 = 2;
const TAG_STRING: u8 = 3;
const TAG_LIST: u8 = 4;

/// The kind of a value, as a shape records it per slot.
fn tag_of(v: &Value) -> u8 {
    match v {
        Value::Bool(_) => TAG_BOOL,
        Value::Int(_) => TAG_INT,
        Value::Float(_) => TAG_FLOAT,
        Value::String(_) => TAG_STRING,
        Value::List(_) => TAG_LIST,
    }
}

impl Slot {
    /// The slot of a value, which it now owns.
    fn new(v: Value) -> Slot {
        match v {
            Value::Bool(b) => Slot { b },
            Value::Int(i) => Slot { i },
            Value::Float(f) => Slot { f },
            Value::String(s) => Slot {
                s: ManuallyDrop::new(s),
            },
            Value::List(l) => Slot {
                l: ManuallyDrop::new(l),
            },
        }
    }
    /// The value in a slot, as a bitwise copy: whoever gets it owns it only if the slot is
    /// not used or dropped again (see `into_vec`), else it must not be dropped (`PropRef`).
    ///
    /// # Safety
    /// `tag` is the slot's kind, as recorded by its shape.
    #[inline]
    unsafe fn read(&self, tag: u8) -> Value {
        // SAFETY: the tag names the live field; the copy is owned as the contract says.
        unsafe {
            match tag {
                TAG_BOOL => Value::Bool(self.b),
                TAG_INT => Value::Int(self.i),
                TAG_FLOAT => Value::Float(self.f),
                TAG_STRING => Value::String(std::ptr::read(&*self.s)),
                _ => Value::List(std::ptr::read(&*self.l)),
            }
        }
    }
    /// Drops the string or list a slot owns.
    ///
    /// # Safety
    /// `tag` is the slot's kind, and the slot is not read again.
    unsafe fn drop_value(&mut self, tag: u8) {
        // SAFETY: see the contract.
        unsafe {
            match tag {
                TAG_STRING => ManuallyDrop::drop(&mut self.s),
                TAG_LIST => ManuallyDrop::drop(&mut self.l),
                _ => {}
            }
        }
    }
}

/// A property value read out of a `Props`, borrowed from it: the `Value` rebuilt from its
/// slot and its kind without touching any reference count, which derefs to `&Value`.
/// `as_str` and `as_list` hand out the text or items for as long as the `Props` is borrowed,
/// not only as long as this handle lives; `to_value` makes an owned copy.
pub struct PropRef<'a> {
    value: ManuallyDrop<Value>,
    slot: &'a Slot,
    tag: u8,
}

impl<'a> PropRef<'a> {
    /// # Safety
    /// `tag` is the slot's kind, as recorded by its shape.
    #[inline]
    unsafe fn new(slot: &'a Slot, tag: u8) -> PropRef<'a> {
        PropRef {
            // SAFETY: the copy is never dropped (`ManuallyDrop`), so the slot keeps owning it.
            value: ManuallyDrop::new(unsafe { slot.read(tag) }),
            slot,
            tag,
        }
    }
    /// The text of a string value, borrowed from the `Props`.
    pub fn as_str(&self) -> Option<&'a str> {
        // SAFETY: the tag says the string field is live; it lives as long as the `Props`.
        (self.tag == TAG_STRING).then(|| unsafe { self.slot.s.as_str() })
    }
    /// The items of a list value, borrowed from the `Props`.
    pub fn as_list(&self) -> Option<&'a List> {
        // SAFETY: the tag says the list field is live; it lives as long as the `Props`.
        (self.tag == TAG_LIST).then(|| unsafe { &*self.slot.l })
    }
    /// An owned copy of the value (a string's copy shares its text).
    pub fn to_value(&self) -> Value {
        (*self.value).clone()
    }
}

impl Deref for PropRef<'_> {
    type Target = Value;
    fn deref(&self) -> &Value {
        &self.value
    }
}
impl Clone for PropRef<'_> {
    fn clone(&self) -> Self {
        // SAFETY: the tag is the slot's kind (the original was made the same way).
        unsafe { PropRef::new(self.slot, self.tag) }
    }
}
impl PartialEq for PropRef<'_> {
    fn eq(&self, other: &PropRef<'_>) -> bool {
        *self.value == *other.value
    }
}
impl PartialEq<Value> for PropRef<'_> {
    fn eq(&self, other: &Value) -> bool {
        *self.value == *other
    }
}
impl PartialEq<&Value> for PropRef<'_> {
    fn eq(&self, other: &&Value) -> bool {
        *self.value == **other
    }
}
impl fmt::Debug for PropRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.value, f)
    }
}
impl Serialize for PropRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

// `Props` owns its values like a `Box<[Value]>` does, and `Value` is `Send + Sync`; the keys
// are interned for the rest of the process.
unsafe impl Send for Props {}
unsafe impl Sync for Props {}

/// An interned, sorted key set and its number (from 1; see `Numbered`).
#[derive(Clone, Copy)]
struct KeySet {
    n: u32,
    keys: &'static [Sym],
}

const NO_KEYS: KeySet = KeySet { n: 0, keys: &[] };

static KEY_SETS: Numbered<Vec<Sym>> = Numbered::new();

/// The interned copy of a sorted key set. Key sets are few (one per kind of element a graph
/// holds, plus the sets met on the way while properties are added one by one) and live for
/// the rest of the process, like the names in them.
///
/// A property array is made for every change of properties, so each thread remembers the
/// last few sets it used and finds them again by comparing numbers, without the lock.
fn keys_of(keys: &[Sym]) -> KeySet {
    const RECENT: usize = 8;
    thread_local! {
        static LAST: std::cell::RefCell<([KeySet; RECENT], usize)> =
            const { std::cell::RefCell::new(([NO_KEYS; RECENT], 0)) };
    }
    static SETS: OnceLock<Mutex<HashMap<Vec<Sym>, KeySet>>> = OnceLock::new();
    if keys.is_empty() {
        return NO_KEYS;
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some(set) = last.0.iter().find(|s| s.keys == keys) {
            return *set;
        }
        // A panic while holding the lock cannot leave the map half-written (insert is the
        // last write), so a poisoned lock is still safe to use.
        let mut sets = SETS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let set = match sets.get(keys) {
            Some(s) => *s,
            None => {
                let n = u32::try_from(sets.len() + 1).expect("fewer than 2^32 key sets");
                let set = KeySet {
                    n,
                    keys: KEY_SETS.put(n, keys.to_vec()).as_slice(),
                };
                sets.insert(keys.to_vec(), set);
                set
            }
        };
        let at = last.1;
        last.0[at] = set;
        last.1 = (at + 1) % RECENT;
        set
    })
}

/// An interned shape: a key set and the kind of the value under each key (see `tag_of`),
/// numbered from 1. Elements with the same keys nearly always have values of the same kinds
/// (a statement's text is a string, its offsets integers), so shapes are about as few as key
/// sets, and keeping the kinds here lets each value take 8 bytes instead of 16.
#[derive(Clone, Copy)]
struct Shape {
    n: u32,
    keys: KeySet,
    tags: &'static [u8],
}

const NO_SHAPE: Shape = Shape {
    n: 0,
    keys: NO_KEYS,
    tags: &[],
};

static SHAPES: Numbered<Shape> = Numbered::new();

/// The shape every empty `Props` has.
static EMPTY_SHAPE: Shape = NO_SHAPE;

/// The interned shape of a key set and its values' kinds, found like `keys_of`.
fn shape_of(keys: KeySet, tags: &[u8]) -> Shape {
    const RECENT: usize = 8;
    thread_local! {
        static LAST: std::cell::RefCell<([Shape; RECENT], usize)> =
            const { std::cell::RefCell::new(([NO_SHAPE; RECENT], 0)) };
    }
    type ShapeMap = HashMap<(u32, Vec<u8>), Shape>;
    static SHAPE_MAP: OnceLock<Mutex<ShapeMap>> = OnceLock::new();
    debug_assert_eq!(keys.keys.len(), tags.len());
    if keys.n == 0 {
        return NO_SHAPE;
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some(shape) = last.0.iter().find(|s| s.keys.n == keys.n && s.tags == tags) {
            return *shape;
        }
        // As in `keys_of`, a poisoned lock is still safe to use.
        let mut shapes = SHAPE_MAP
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let key = (keys.n, tags.to_vec());
        let shape = match shapes.get(&key) {
            Some(s) => *s,
            None => {
                let n = u32::try_from(shapes.len() + 1).expect("fewer than 2^32 shapes");
                let tags: &'static [u8] = Box::leak(tags.to_vec().into_boxed_slice());
                let shape = Shape { n, keys, tags };
                SHAPES.put(n, shape);
                shapes.insert(key, shape);
                shape
            }
        };
        let at = last.1;
        last.0[at] = shape;
        last.1 = (at + 1) % RECENT;
        shape
    })
}

/// How `&Props` iterates: keys with their values, in key order. A type of its own rather
/// than adapters around a function pointer, so that a store's writer, which reads every
/// value of a million elements, gets it inlined.
pub struct PropsIter<'a> {
    keys: std::slice::Iter<'a, Sym>,
    slots: std::slice::Iter<'a, Slot>,
    /// The kind of each slot, from the same shape as the keys.
    tags: std::slice::Iter<'a, u8>,
}

impl<'a> Iterator for PropsIter<'a> {
    type Item = (&'a Sym, PropRef<'a>);
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let (k, slot, &tag) = (self.keys.next()?, self.slots.next()?, self.tags.next()?);
        // SAFETY: the tags come from the same shape as the slots (see `Props::iter`).
        Some((k, unsafe { PropRef::new(slot, tag) }))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.keys.size_hint()
    }
}
impl DoubleEndedIterator for PropsIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let (k, slot, &tag) = (
            self.keys.next_back()?,
            self.slots.next_back()?,
            self.tags.next_back()?,
        );
        // SAFETY: as in `next`.
        Some((k, unsafe { PropRef::new(slot, tag) }))
    }
}
impl ExactSizeIterator for PropsIter<'_> {}

impl Props {
    /// The layout of an allocation for `n > 0` values, and where the slots start in it
    /// (always `VALUES_AT`).
    fn layout(n: usize) -> (Layout, usize) {
        Layout::new::<PropsHeader>()
            .extend(Layout::array::<Slot>(n).expect("property count fits in memory"))
            .expect("property count fits in memory")
    }
    /// The first slot of a non-empty `Props`.
    fn slots_ptr(&self) -> *mut Slot {
        // SAFETY: a non-empty `Props` points at an allocation of more than `VALUES_AT` bytes.
        unsafe { self.0.as_ptr().cast::<u8>().add(VALUES_AT).cast::<Slot>() }
    }
    /// Splits sorted pairs with distinct keys into their interned key set and their values.
    fn split(v: Vec<Pair>) -> (KeySet, Vec<Value>) {
        let mut keys: Vec<Sym> = Vec::with_capacity(v.len());
        let values = v
            .into_iter()
            .map(|(k, x)| {
                keys.push(k);
                x
            })
            .collect();
        (keys_of(&keys), values)
    }
    /// Properties from pairs sorted by key with no key twice.
    fn from_vec(v: Vec<Pair>) -> Props {
        if v.is_empty() {
            return Props::default();
        }
        let (keys, values) = Props::split(v);
        Props::from_parts(keys, values)
    }
    /// Properties from an interned key set and as many values.
    fn from_parts(keys: KeySet, values: Vec<Value>) -> Props {
        let n = values.len();
        debug_assert_eq!(keys.keys.len(), n);
        if n == 0 {
            return Props::default();
        }
        let tags: Vec<u8> = values.iter().map(tag_of).collect();
        let shape = shape_of(keys, &tags);
        let (layout, offset) = Props::layout(n);
        debug_assert_eq!(offset, VALUES_AT);
        // SAFETY: the layout has a non-zero size (it holds a header). The header is written,
        // then each value is moved into its slot in the space after it, which `layout` sized
        // and aligned for `n` slots.
        unsafe {
            let block = std::alloc::alloc(layout);
            let Some(header) = NonNull::new(block.cast::<PropsHeader>()) else {
                std::alloc::handle_alloc_error(layout)
            };
            header.as_ptr().write(PropsHeader {
                shape: shape.n,
                back: 0,
            });
            let slots = block.add(offset).cast::<Slot>();
            for (i, v) in values.into_iter().enumerate() {
                slots.add(i).write(Slot::new(v));
            }
            Props(header)
        }
    }
    fn into_vec(self) -> Vec<Pair> {
        let shape = self.shape();
        let mut v = Vec::with_capacity(shape.tags.len());
        if shape.n != 0 {
            // SAFETY: each value is moved out (read once, then owned by the vector) and the
            // memory is given back without dropping them; `forget` keeps `Drop` from running
            // on the moved-out values.
            unsafe {
                for (i, (&k, &tag)) in shape.keys.keys.iter().zip(shape.tags).enumerate() {
                    v.push((k, (*self.slots_ptr().add(i)).read(tag)));
                }
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
    /// `self` is non-empty, its values were dropped or moved out, and it is not used again.
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
    /// The keys, sorted.
    fn key_slice(&self) -> &'static [Sym] {
        self.shape().keys.keys
    }
    /// The array's shape, by reference: the store's writer asks for it several times per
    /// element, most of which (a large graph's edges) have no properties.
    fn shape(&self) -> &'static Shape {
        // SAFETY: the pointer is to `NO_PROPS` or to a header written by `from_parts` or
        // `ChunkBuilder::props`.
        let n = unsafe { self.0.as_ref().shape };
        if n == 0 {
            return &EMPTY_SHAPE;
        }
        // SAFETY: a header's non-zero number was filed by `shape_of` before the header was
        // written.
        unsafe { SHAPES.get(n) }
    }
    /// The slots, in the order of the keys.
    fn slot_slice(&self) -> &[Slot] {
        let n = self.len();
        if n == 0 {
            return &[];
        }
        // SAFETY: a non-empty `Props` points at an allocation made by `from_parts` or
        // `ChunkBuilder::props` for `n` initialised slots at `VALUES_AT`.
        unsafe { std::slice::from_raw_parts(self.slots_ptr(), n) }
    }
    /// The value in slot `i`, which exists.
    fn at(&self, shape: &Shape, i: usize) -> PropRef<'_> {
        // SAFETY: `shape` is this array's, so its tag `i` is slot `i`'s kind.
        unsafe { PropRef::new(&self.slot_slice()[i], shape.tags[i]) }
    }
}

impl Drop for Props {
    fn drop(&mut self) {
        let shape = self.shape();
        if shape.n == 0 {
            return;
        }
        // SAFETY: the values are initialised and owned by this `Props`, which is not used
        // again.
        unsafe {
            for (i, &tag) in shape.tags.iter().enumerate() {
                (*self.slots_ptr().add(i)).drop_value(tag);
            }
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
        let values = self.values().map(|v| v.to_value()).collect();
        Props::from_parts(self.shape().keys, values)
    }
}
impl PartialEq for Props {
    fn eq(&self, other: &Props) -> bool {
        self.key_slice() == other.key_slice() && self.values().eq(other.values())
    }
}

impl Props {
    /// Asks the processor to fetch this element's property record (header and slots) before
    /// a batch reads it. A hint only computes addresses: it reads nothing and never changes
    /// a result.
    #[inline]
    pub fn hint(&self) {
        for p in self.record_addrs() {
            hint_addr(p);
        }
    }
    /// The record's first byte and the byte where a fourth slot would start. A statement's
    /// record (header and four slots, 40 bytes at an 8-byte boundary) may straddle two cache
    /// lines, and these two addresses lie in both; for a smaller record the second may lie
    /// past its end (`wrapping_add` only computes it), which costs a prefetch, no more.
    fn record_addrs(&self) -> [*const u8; 2] {
        let p = self.0.as_ptr().cast::<u8>().cast_const();
        [p, p.wrapping_add(VALUES_AT + 3 * size_of::<Slot>())]
    }
}

impl Props {
    pub fn new() -> Props {
        Props::default()
    }
    /// A shared empty `Props`.
    pub fn empty() -> &'static Props {
        &EMPTY_PROPS
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
        let keys = self.key_slice();
        if keys.len() <= 8 {
            return keys
                .iter()
                .position(|k| k.as_str() == key)
                .ok_or_else(|| keys.partition_point(|k| k.as_str() < key));
        }
        keys.binary_search_by(|k| k.as_str().cmp(key))
    }
    pub fn len(&self) -> usize {
        self.key_slice().len()
    }
    /// Whether there are no properties: the shape's number is 0 exactly then (see
    /// `shape_of`), so no shape is looked up.
    #[inline]
    pub fn is_empty(&self) -> bool {
        // SAFETY: the pointer is to `NO_PROPS` or to a header written by `from_parts` or
        // `ChunkBuilder::props`.
        unsafe { self.0.as_ref().shape == 0 }
    }
    pub fn get(&self, key: &str) -> Option<PropRef<'_>> {
        let i = self.find(key).ok()?;
        Some(self.at(self.shape(), i))
    }
    /// The number of this property array's interned key set: two arrays have the same keys
    /// exactly when their numbers are equal (0 for no properties). A store block writes each
    /// key set once and refers to it by this number's place in the block.
    pub fn key_set_id(&self) -> u32 {
        self.shape().keys.n
    }
    /// The keys, sorted, as one interned slice.
    pub fn key_list(&self) -> &'static [Sym] {
        self.key_slice()
    }
    /// The value of an interned key, found by comparing numbers instead of texts.
    pub fn get_sym(&self, key: Sym) -> Option<PropRef<'_>> {
        let shape = self.shape();
        let i = shape.keys.keys.iter().position(|k| *k == key)?;
        Some(self.at(shape, i))
    }
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }
    /// Sets a property, returning the value it replaced.
    pub fn insert(&mut self, key: impl Into<Sym>, value: Value) -> Option<Value> {
        let key = key.into();
        let shape = self.shape();
        match self.find(&key) {
            Ok(i) if shape.tags[i] == tag_of(&value) => {
                // SAFETY: slot `i` holds a value of kind `tags[i]`, which is moved out and
                // replaced by one of the same kind, so the shape still holds.
                unsafe {
                    let slot = self.slots_ptr().add(i);
                    let old = (*slot).read(shape.tags[i]);
                    slot.write(Slot::new(value));
                    Some(old)
                }
            }
            found => {
                let mut v = std::mem::take(self).into_vec();
                let old = match found {
                    Ok(i) => Some(std::mem::replace(&mut v[i].1, value)),
                    Err(i) => {
                        v.insert(i, (key, value));
                        None
                    }
                };
                *self = Props::from_vec(v);
                old
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
    pub fn iter(&self) -> PropsIter<'_> {
        let shape = self.shape();
        PropsIter {
            keys: shape.keys.keys.iter(),
            slots: self.slot_slice().iter(),
            tags: shape.tags.iter(),
        }
    }
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Sym> + ExactSizeIterator {
        self.key_slice().iter()
    }
    pub fn values(&self) -> impl DoubleEndedIterator<Item = PropRef<'_>> + ExactSizeIterator {
        self.iter().map(|(_, v)| v)
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
    type Item = (&'a Sym, PropRef<'a>);
    type IntoIter = PropsIter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
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

/// A list property's items: a boxed slice one pointer wide (the length sits in front of the
/// items), so that `Value` is 16 bytes instead of 24, which takes 8 bytes off every property
/// value of a graph. Lists are rare in stored properties (an entity's aliases); values are
/// not.
pub struct List(NonNull<usize>);

/// The length every empty `List` points at.
static NO_ITEMS: usize = 0;

/// Where the items start in a `List` allocation: after the length, at the items' alignment.
const ITEMS_AT: usize = size_of::<usize>().next_multiple_of(align_of::<Value>());

// `List` owns its items like a `Box<[Value]>` does.
unsafe impl Send for List {}
unsafe impl Sync for List {}

impl List {
    fn layout(n: usize) -> Layout {
        let (layout, at) = Layout::new::<usize>()
            .extend(Layout::array::<Value>(n).expect("list length fits in memory"))
            .expect("list length fits in memory");
        debug_assert_eq!(at, ITEMS_AT);
        layout
    }
    fn items_ptr(&self) -> *mut Value {
        // SAFETY: a non-empty list points at an allocation of more than `ITEMS_AT` bytes.
        unsafe { self.0.as_ptr().cast::<u8>().add(ITEMS_AT).cast::<Value>() }
    }
    pub fn new() -> List {
        List::default()
    }
    pub fn into_vec(self) -> Vec<Value> {
        let n = self.len();
        let mut v = Vec::with_capacity(n);
        if n > 0 {
            // SAFETY: the items are moved into the vector, then the memory is freed without
            // dropping them, and `forget` keeps `Drop` from running.
            unsafe {
                std::ptr::copy_nonoverlapping(self.items_ptr(), v.as_mut_ptr(), n);
                v.set_len(n);
                std::alloc::dealloc(self.0.as_ptr().cast::<u8>(), List::layout(n));
            }
        }
        std::mem::forget(self);
        v
    }
}

impl From<Vec<Value>> for List {
    fn from(mut v: Vec<Value>) -> List {
        let n = v.len();
        if n == 0 {
            return List::default();
        }
        let layout = List::layout(n);
        // SAFETY: the layout has a non-zero size; the length is written, then the items are
        // moved (copied, and the vector forgets them) into the space after it.
        unsafe {
            let block = std::alloc::alloc(layout);
            let Some(head) = NonNull::new(block.cast::<usize>()) else {
                std::alloc::handle_alloc_error(layout)
            };
            head.as_ptr().write(n);
            std::ptr::copy_nonoverlapping(v.as_ptr(), block.add(ITEMS_AT).cast::<Value>(), n);
            v.set_len(0);
            List(head)
        }
    }
}
impl From<Box<[Value]>> for List {
    fn from(v: Box<[Value]>) -> List {
        List::from(v.into_vec())
    }
}
impl<const N: usize> From<[Value; N]> for List {
    fn from(v: [Value; N]) -> List {
        List::from(Vec::from(v))
    }
}
impl From<List> for Vec<Value> {
    fn from(l: List) -> Vec<Value> {
        l.into_vec()
    }
}
impl FromIterator<Value> for List {
    fn from_iter<I: IntoIterator<Item = Value>>(it: I) -> List {
        List::from(it.into_iter().collect::<Vec<_>>())
    }
}
impl Default for List {
    fn default() -> List {
        List(NonNull::from(&NO_ITEMS))
    }
}
impl Drop for List {
    fn drop(&mut self) {
        let n = self.len();
        if n == 0 {
            return;
        }
        // SAFETY: the items are initialised and owned by this list, which is not used again.
        unsafe {
            std::ptr::drop_in_place(&mut **self);
            std::alloc::dealloc(self.0.as_ptr().cast::<u8>(), List::layout(n));
        }
    }
}
impl Deref for List {
    type Target = [Value];
    fn deref(&self) -> &[Value] {
        // SAFETY: the pointer is to `NO_ITEMS` or to a length written by `From<Vec>`, which
        // is followed by that many initialised items.
        unsafe {
            let n = *self.0.as_ptr();
            if n == 0 {
                return &[];
            }
            std::slice::from_raw_parts(self.items_ptr(), n)
        }
    }
}
impl std::ops::DerefMut for List {
    fn deref_mut(&mut self) -> &mut [Value] {
        // SAFETY: as in `deref`; `&mut self` makes the access unique.
        unsafe {
            let n = *self.0.as_ptr();
            if n == 0 {
                return &mut [];
            }
            std::slice::from_raw_parts_mut(self.items_ptr(), n)
        }
    }
}
impl Clone for List {
    fn clone(&self) -> List {
        List::from(self.to_vec())
    }
}
impl PartialEq for List {
    fn eq(&self, other: &List) -> bool {
        **self == **other
    }
}
impl fmt::Debug for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
impl<'a> IntoIterator for &'a List {
    type Item = &'a Value;
    type IntoIter = std::slice::Iter<'a, Value>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}
impl IntoIterator for List {
    type Item = Value;
    type IntoIter = std::vec::IntoIter<Value>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}
impl Serialize for List {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}
impl<'de> Deserialize<'de> for List {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<List, D::Error> {
        Ok(List::from(Vec::<Value>::deserialize(d)?))
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
        // Each step ends in a multiply, so the low bits of the state depend only on the low
        // bits of the words, and hashbrown picks buckets by the low bits: texts that differ
        // only past their first bytes (ids such as `s123456`) crowded a few buckets and made
        // the CSV import three times slower. Folding the well-mixed high half into the low
        // half once per text fixes that. Integers are left alone: a node id times the odd
        // constant spreads dense ids over the buckets without any collision, which the query
        // engine's grouping and DISTINCT measurably gain from (top10 26 against 36 ms at 100k
        // when every hash, integers included, had its high bits turned down).
        self.0 ^= self.0 >> 32;
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

    /// Strings take the short header up to `SHORT_BACK` bytes into a chunk and when shorter
    /// than `SHORT_LEN`, else the long one; either reads back whole, and a string past the
    /// short form's reach still lives in its chunk while the planned room lasts.
    #[test]
    fn short_and_long_headers_read_back() {
        let texts: Vec<String> = (0..3000).map(|i| format!("{i:0>1000}")).collect();
        let long = "y".repeat(SHORT_LEN + 5);
        let room = ChunkBuilder::str_room(long.len())
            + texts
                .iter()
                .map(|t| ChunkBuilder::str_room(t.len()))
                .sum::<usize>();
        assert_eq!(ChunkBuilder::str_room(1000), 1004);
        assert_eq!(ChunkBuilder::str_room(long.len()), long.len() + 8 + 1);
        let mut b = ChunkBuilder::new(0, 0, room);
        let l = b.str(&long);
        let strs: Vec<Str> = texts.iter().map(|t| b.str(t)).collect();
        drop(b);
        assert_eq!(l.as_str(), long);
        for (s, t) in strs.iter().zip(&texts) {
            assert_eq!(s.as_str(), t);
        }
        let chunk = l.count_addr();
        assert!(chunk.is_some() && strs[0].count_addr() == chunk);
        assert_eq!(strs[2500].count_addr(), chunk);
        let head = strs[2500].head_addr().unwrap();
        assert_eq!(head.wrapping_add(8), strs[2500].as_str().as_ptr());
        let copy = strs[2500].clone();
        drop(strs);
        drop(l);
        assert_eq!(copy.as_str(), texts[2500]);
    }

    /// The hints name the right places: a string's header just before its text, the count
    /// at its chunk's start, and a four-value record's first and fourth-slot bytes. If the
    /// layout changed, the hints would go astray silently (results stay right); this says so.
    #[test]
    fn hints_name_header_count_and_record() {
        let mut b = ChunkBuilder::new(1, 4, ChunkBuilder::str_room(40) * 2);
        let base = b.base.as_ptr().cast::<u8>().cast_const();
        let s = b.str("eine Aussage, länger als ein Handle fasst");
        let head = s.head_addr().expect("a chunk string has a header");
        assert_eq!(head.wrapping_add(4), s.as_str().as_ptr());
        assert_eq!(s.count_addr(), Some(base));
        let inline = Str::new("s1");
        assert_eq!((inline.head_addr(), inline.count_addr()), (None, None));
        let mut pairs: Vec<Pair> = ["a", "b", "c", "d"]
            .iter()
            .map(|k| (Sym::new(k), Value::Int(1)))
            .collect();
        let props = b.props(&mut pairs);
        let [first, fourth] = props.record_addrs();
        assert_eq!(
            first.wrapping_add(VALUES_AT),
            props.slots_ptr().cast_const().cast()
        );
        assert_eq!(
            fourth,
            props.slots_ptr().wrapping_add(3).cast_const().cast()
        );
        drop(b);
    }

    /// Hash tables choose buckets by the low bits, so keys that differ only in a few
    /// characters (ids like `s012345`) must still spread over them.
    #[test]
    fn fast_hash_spreads_similar_ids_over_low_bits() {
        use std::hash::BuildHasher;
        let mut seen = std::collections::HashSet::new();
        for n in 0..65_536u32 {
            seen.insert(FastBuild::default().hash_one(format!("s{n:06}")) & 0xffff);
        }
        // Random hashes would fill about 63 % of the 65,536 buckets.
        assert!(
            seen.len() > 35_000,
            "only {} distinct low halves",
            seen.len()
        );
    }

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

    /// Names are numbered in a table that grows by segments; every number finds its text
    /// again, also on another thread and across segment boundaries.
    #[test]
    fn many_names_keep_their_numbers_and_texts() {
        assert_eq!(slot(0), (0, 0));
        assert_eq!((slot(1), slot(2), slot(3)), ((1, 0), (1, 1), (2, 0)));
        assert_eq!(slot(u32::MAX - 1), (31, (1 << 31) - 1));
        assert_eq!(slot(u32::MAX), (32, 0));
        let names: Vec<String> = (0..3000).map(|i| format!("name-test-{i}")).collect();
        let syms: Vec<Sym> = names.iter().map(|n| Sym::new(n)).collect();
        let again = std::thread::spawn(move || {
            names
                .iter()
                .zip(&syms)
                .all(|(n, s)| s.as_str() == n && Sym::new(n) == *s)
        });
        assert!(again.join().unwrap());
        assert_ne!(Sym::new("name-test-1"), Sym::new("name-test-2"));
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
        assert_eq!(size_of::<Value>(), 16);
        assert_eq!(size_of::<Props>(), 8);
        assert_eq!(size_of::<Labels>(), 4);
        assert_eq!(size_of::<crate::graph::Node>(), 16);
        assert_eq!(size_of::<Sym>(), 4);
        assert_eq!(size_of::<crate::graph::Edge>(), 16);
        // A property value takes an 8-byte slot: a statement's four properties take 40 bytes
        // of its chunk, not 72 with a 16-byte `Value` each.
        assert_eq!(size_of::<Slot>(), 8);
        let b = ChunkBuilder::new(1, 4, 0);
        assert_eq!(b.props_end - b.props_at, 40);
    }

    /// A value is kept as an 8-byte slot whose kind the shared shape records: it reads back
    /// as the same `Value`, a string or list read from it outlives the `PropRef` that handed
    /// it out, and a value of another kind under the same key gives the array another shape
    /// while an element with the same keys and kinds shares the first one.
    #[test]
    fn values_keep_their_kinds_in_eight_byte_slots() {
        let text = "ein Satz, der länger ist als ein Handle";
        let pairs = [
            ("a", Value::Bool(true)),
            ("b", Value::Int(-7)),
            ("c", Value::Float(2.5)),
            ("d", Value::from(text)),
            ("e", Value::List([Value::from("x"), Value::Int(1)].into())),
            ("f", Value::from("kurz")),
        ];
        let mut b = ChunkBuilder::new(1, pairs.len(), ChunkBuilder::str_room(text.len()));
        let mut v: Vec<Pair> = pairs
            .iter()
            .map(|(k, x)| (Sym::new(k), x.clone()))
            .collect();
        let p = b.props(&mut v);
        drop(b);
        for (k, x) in &pairs {
            assert_eq!(p.get(k).as_deref(), Some(x), "{k}");
        }
        let (d, f) = (p.get("d").unwrap().as_str(), p.get("f").unwrap().as_str());
        assert_eq!((d, f), (Some(text), Some("kurz")));
        assert_eq!(p.get("e").unwrap().as_list().map(|l| l.len()), Some(2));
        assert_eq!(p.get("b").unwrap().as_str(), None);
        assert_eq!(p.get("d").unwrap().to_value(), Value::from(text));
        let mut q = p.clone();
        assert_eq!(q, p);
        assert_eq!(q.shape().n, p.shape().n);
        assert_eq!(q.insert("b", Value::Int(8)), Some(Value::Int(-7)));
        assert_eq!(q.shape().n, p.shape().n, "same kind, same shape");
        assert_eq!(q.insert("b", Value::from("acht")), Some(Value::Int(8)));
        assert_ne!(q.shape().n, p.shape().n, "another kind, another shape");
        assert_eq!(q.key_set_id(), p.key_set_id());
        assert_eq!(q.get("b").unwrap().as_str(), Some("acht"));
        assert_eq!(q.get("d").as_deref(), p.get("d").as_deref());
        assert_ne!(q, p);
        let back: Vec<Pair> = q.into_iter().collect();
        assert_eq!(back[1], (Sym::new("b"), Value::from("acht")));
        assert_eq!(back[4].1, pairs[4].1);
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"a":true,"b":-7,"c":2.5,"d":"ein Satz, der länger ist als ein Handle","e":["x",1],"f":"kurz"}"#
        );
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
        assert_eq!(p3.get("z").as_deref(), Some(&Value::Int(3)));
        assert_eq!(p3.keys().map(Sym::as_str).collect::<Vec<_>>(), ["y", "z"]);
        let copies: Vec<Str> = strs.to_vec();
        drop(strs);
        assert_eq!(copies[2], texts[2]);
        assert_eq!(copies[1], "");
        assert_eq!(extra, "nicht eingeplant");
        assert_eq!(p1.get("a").as_deref(), Some(&Value::from("erster Satz")));
        p1.insert("c", Value::from("neu"));
        assert_eq!(p1.len(), 3);
        let p2b = p2.clone();
        drop(p2);
        drop(copies);
        assert_eq!(p2b.get("t").and_then(|v| v.as_str()), Some(texts[2]));
        assert_eq!(p1.get("a").and_then(|v| v.as_str()), Some("erster Satz"));
        let moved: Vec<(Sym, Value)> = p1.into_iter().collect();
        assert_eq!(moved.len(), 3);
    }

    /// `le_word` reads any text of up to 8 bytes as the zero-padded array would.
    #[test]
    fn le_word_reads_short_texts_like_a_padded_array() {
        let text = b"abcdefgh";
        for n in 0..=8 {
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&text[..n]);
            assert_eq!(le_word(&text[..n]), u64::from_le_bytes(padded), "{n} bytes");
        }
        assert_eq!(le_word("äö".as_bytes()), 0xb6c3_a4c3);
    }

    /// The counts on a chunk: `refs` of the chunk a string lives in.
    fn refs(s: &Str) -> usize {
        // SAFETY: `s` is not inline, so its chunk is alive while `s` holds a count on it.
        unsafe { (*s.chunk().as_ptr()).refs.load(Ordering::Relaxed) }
    }

    /// A builder hands out counts it took in advance and gives back the unused ones when it
    /// is dropped: the chunk's count is then exactly its live handles, however they were
    /// made (a string, `clone_str`, a property array, a clone), also once the spare counts
    /// have run out or when there were none.
    #[test]
    fn builders_hand_out_spare_counts_and_give_back_the_rest() {
        let text = "zwanzig Bytes lang!!";
        for spare in [SPARE_COUNTS, 2, 0] {
            let mut b = ChunkBuilder::new(1, 2, ChunkBuilder::str_room(text.len()));
            // SAFETY: the builder holds `SPARE_COUNTS` spare counts; it gives back the
            // difference now and the rest when dropped.
            unsafe { release_n(b.base, SPARE_COUNTS - spare) };
            b.spare = spare;
            let s = b.str(text);
            let again = b.clone_str(&s);
            assert_eq!(refs(&s), 1 + b.spare + 2, "spare {spare}");
            let other = Str::new("in einem anderen Chunk");
            let other_again = b.clone_str(&other);
            assert_eq!(refs(&other), 2);
            let short = b.clone_str(&Str::new("kurz"));
            assert!(short.is_inline() && short == "kurz");
            let keys = [Sym::new("a"), Sym::new("b")];
            let p = b.sorted_props(&keys, |c, _| Value::String(c.clone_str(&s)));
            drop(b);
            // `s`, `again`, the array and its two values.
            assert_eq!(refs(&s), 5, "spare {spare}");
            drop((again, other));
            assert_eq!(refs(&s), 4);
            assert_eq!(other_again, "in einem anderen Chunk");
            let kept = p.get("b").unwrap().as_str().map(Str::new);
            drop((s, p));
            assert_eq!(kept.as_deref(), Some(text));
        }
    }

    /// `sorted_props` makes the same array as `props` from the same pairs, asks for the values
    /// in key order, shares the shape of the array before when the kinds are the same, and
    /// without planned room gives the array an allocation of its own.
    #[test]
    fn sorted_props_match_props_and_share_shapes() {
        let text = "ein Satz, der länger ist als ein Handle";
        let values = [
            Value::Bool(true),
            Value::Int(-7),
            Value::Float(2.5),
            Value::from(text),
            Value::List([Value::from("x"), Value::from(text)].into()),
        ];
        let keys: Vec<Sym> = ["a", "b", "c", "d", "e"].map(Sym::new).to_vec();
        let pairs: Vec<Pair> = keys.iter().copied().zip(values.iter().cloned()).collect();
        for planned in [3, 0] {
            let mut b = ChunkBuilder::new(planned, planned * keys.len(), 0);
            let mut asked = Vec::new();
            let p = b.sorted_props(&keys, |_, j| {
                asked.push(j);
                values[j].clone()
            });
            assert_eq!(asked, [0, 1, 2, 3, 4]);
            let q = b.sorted_props(&keys, |_, j| values[j].clone());
            let mut other_kinds = values.clone();
            other_kinds[1] = Value::from("sieben");
            let r = b.sorted_props(&keys, |_, j| other_kinds[j].clone());
            let none = b.sorted_props(&[], |_, _| unreachable!("no keys, no values"));
            drop(b);
            assert_eq!(p, Props::from_pairs(pairs.clone()), "planned {planned}");
            assert_eq!(p, q);
            assert_eq!(p.shape().n, q.shape().n);
            assert_ne!(p.shape().n, r.shape().n);
            assert_eq!(r.get("b").and_then(|v| v.as_str()), Some("sieben"));
            assert_eq!(p.get("e").as_deref(), Some(&values[4]));
            assert!(none.is_empty());
            let back: Vec<Pair> = q.into_iter().collect();
            assert_eq!(back, pairs);
        }
    }

    /// Strings of up to `INLINE_MAX` bytes are kept in the handle: no chunk room is planned
    /// for them, clones are copies of the handle, and they compare, hash and print like any
    /// other string. One byte more goes to a chunk.
    #[test]
    fn short_strings_live_in_their_handle() {
        let texts = [
            "",
            "a",
            "ab",
            "abc",
            "s123",
            "s1234",
            "s123456",
            "äöü",
            "abc\u{1F600}",
        ];
        for t in texts {
            assert!(t.len() <= INLINE_MAX);
            assert_eq!(ChunkBuilder::str_room(t.len()), 0);
            let s = Str::new(t);
            assert!(s.is_inline(), "{t:?}");
            let c = s.clone();
            drop(s);
            assert_eq!(c, t);
            assert_eq!(c.len(), t.len());
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                serde_json::to_string(t).unwrap()
            );
        }
        let long = Str::new("s1234567");
        assert!(!long.is_inline() && long == "s1234567");
        assert!(ChunkBuilder::str_room(8) > 0);
        // A builder planned without room for short strings still hands them out, inline,
        // and the long one goes into the planned room.
        let mut b = ChunkBuilder::new(0, 0, ChunkBuilder::str_room(8));
        let (x, y) = (b.str("s12"), b.str("abcdefgh"));
        drop(b);
        assert!(x.is_inline() && !y.is_inline());
        assert_eq!((x.as_str(), y.as_str()), ("s12", "abcdefgh"));
        let mut m = HashMap::new();
        m.insert(x.clone(), 1);
        assert_eq!(m.get("s12"), Some(&1));
        assert!(Str::new("s12") < Str::new("s123456789") && x == Str::new("s12"));
        assert_eq!(Value::from("s1"), Value::String(Str::new("s1")));
    }

    /// Elements with the same property keys share one interned key set, whether their
    /// arrays were allocated alone or in a chunk, so each holds only its values.
    #[test]
    fn props_share_their_key_sets() {
        let a = Props::from([("id", Value::from("x")), ("text", Value::Int(1))]);
        let b = Props::from([("text", Value::Int(2)), ("id", Value::from("y"))]);
        assert!(std::ptr::eq(a.key_slice(), b.key_slice()));
        let mut c = ChunkBuilder::new(2, 4, 0);
        let mut pairs = vec![
            (Sym::new("id"), Value::Int(3)),
            (Sym::new("text"), Value::Int(4)),
        ];
        let d = c.props(&mut pairs);
        pairs.extend([
            (Sym::new("id"), Value::Int(5)),
            (Sym::new("text"), Value::Int(6)),
        ]);
        let e = c.props(&mut pairs);
        assert!(std::ptr::eq(d.key_slice(), a.key_slice()));
        assert!(std::ptr::eq(e.key_slice(), a.key_slice()));
        assert_eq!(e.get("text").as_deref(), Some(&Value::Int(6)));
        assert_eq!(e.get_sym(Sym::new("id")).as_deref(), Some(&Value::Int(5)));
        assert_eq!(e.get_sym(Sym::new("name")), None);
        assert_ne!(d, e);
        assert_eq!(d.clone(), d);
        let mut f = e.clone();
        f.insert("name", Value::from("Anna"));
        assert_eq!(
            f.keys().map(Sym::as_str).collect::<Vec<_>>(),
            ["id", "name", "text"]
        );
        assert_eq!(e.len(), 2);
        drop(c);
        let pairs: Vec<(Sym, Value)> = d.into_iter().collect();
        assert_eq!(
            pairs,
            [
                (Sym::new("id"), Value::Int(3)),
                (Sym::new("text"), Value::Int(4))
            ]
        );
    }

    #[test]
    fn lists_own_their_items_like_a_boxed_slice() {
        assert_eq!(size_of::<List>(), 8);
        let empty = List::new();
        assert!(empty.is_empty() && empty == List::from(Vec::new()));
        let inner: List = [
            Value::from("ein längerer Text als sieben Bytes"),
            Value::Int(2),
        ]
        .into();
        let mut l = List::from(vec![Value::List(inner.clone()), Value::Bool(true)]);
        let copy = l.clone();
        l[1] = Value::Float(0.5);
        assert_eq!(copy[1], Value::Bool(true));
        assert_eq!(l.len(), 2);
        assert_eq!(l[0], Value::List(inner));
        let json = serde_json::to_string(&Value::List(copy.clone())).unwrap();
        assert_eq!(json, r#"[["ein längerer Text als sieben Bytes",2],true]"#);
        let back: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Value::List(copy.clone()));
        let items: Vec<Value> = copy.into_iter().collect();
        assert_eq!(items.len(), 2);
        assert_eq!(format!("{:?}", List::from([Value::Int(1)])), "[Int(1)]");
        let boxed: Box<[Value]> = Box::new([Value::Int(7)]);
        assert_eq!(&*List::from(boxed), &[Value::Int(7)]);
    }

    #[test]
    fn label_sets_are_shared_and_keep_order() {
        // Sets order by their labels, not by the order in which they were first numbered.
        let (late, early) = (Labels::one("Zz-order-test"), Labels::one("Aa-order-test"));
        assert!(early < late && late > Labels::default());
        assert_eq!(Labels::default().as_slice(), &[] as &[Sym]);
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
                Value::List([Value::from("x"), Value::Int(1)].into()),
            ),
            ("n", Value::Int(1)),
        ]);
        let b = a.clone();
        a.insert("n", Value::Int(2));
        a.insert("m", Value::from("neu"));
        assert_eq!(a.remove("list"), b.get("list").map(|v| v.to_value()));
        a.retain(|k, _| k != "m");
        assert_eq!(a.insert("n", Value::Int(3)), Some(Value::Int(2)));
        assert_eq!(a.len(), 2);
        assert_eq!(b.len(), 3);
        assert_eq!(b.get("n").as_deref(), Some(&Value::Int(1)));
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
        p.insert("aliases", Value::List([].into()));
        p.insert("zeta", 1i64.into());
        assert_eq!(p.insert("name", "Ada".into()), Some("Anna".into()));
        assert_eq!(
            p.keys().map(Sym::as_str).collect::<Vec<_>>(),
            ["aliases", "name", "zeta"]
        );
        assert_eq!(p.get("name").as_deref(), Some(&Value::from("Ada")));
        assert_eq!(p.remove("aliases"), Some(Value::List([].into())));
        assert_eq!(p.remove("aliases"), None);
        p.retain(|k, _| k != "zeta");
        assert_eq!(p.len(), 1);
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#"{"name":"Ada"}"#);
        let back: Props = serde_json::from_str(r#"{"b":1,"a":"x"}"#).unwrap();
        assert_eq!(back.keys().map(Sym::as_str).collect::<Vec<_>>(), ["a", "b"]);
        let later_wins = Props::from([("k", Value::from(1i64)), ("k", Value::from(2i64))]);
        assert_eq!(later_wins.get("k").as_deref(), Some(&Value::Int(2)));
    }
}
