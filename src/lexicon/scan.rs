//! The lexicon's scan: the leftmost-longest Aho–Corasick DFA of every surface form, copied
//! into a compact table of its own.
//!
//! The crate's DFA (`aho_corasick::dfa::DFA`) keeps `u32` state ids in rows of 128 byte
//! classes, 17 MB for the lexicon's 8,230 forms, and numbers its states in the order the
//! patterns built them, so the few shallow states that nearly every byte visits are spread
//! over the whole table. The copy keeps the same states and transitions, so every match is
//! the same, but with `u16` ids (half the bytes) and its states renumbered: the dead state
//! first, then the match states, then the others from `LIVE` on, each group ordered by depth
//! (the length of the state's string), so that the start state and the shallow states lie
//! together in each column of the table and stay in the caches.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

use super::{FastMap, FastSet};

/// The dead state's id: no match can start or go on from it.
const DEAD: u16 = 0;

/// The bit that only the states neither dead nor matching have: their ids start at it, the
/// dead state and the match states lie below it. The walk joins four steps' states by `&` and
/// tests this bit once, where a test of each state against the last match state cost one
/// comparison a byte.
const LIVE: u16 = 0x8000;

pub(super) struct Scanner {
    /// The address of each byte's column in `trans` (exposed, so that a step makes a pointer
    /// of it): the column of its class, which starts at the class times the number of states.
    /// The bytes no pattern holds share class 0, every other byte has a class of its own.
    columns: [usize; 256],
    /// The transitions, a column per class (101 classes of 33,028 states and the dead one,
    /// 6.7 MB in use; with the ids below `LIVE` that no state has, which are never written or
    /// read, more address space but no more pages): the state after `s` reads byte `b` is
    /// entry `s` of `b`'s column. By columns, a step is five instructions (read the byte, its
    /// column's address, the entry at that address plus the state, and the test of the
    /// state); by rows 128 wide it was nine, as the state was shifted and joined to the class. The table is never changed after `new`,
    /// so its heap buffer, which `columns` points into, stays where it is; the walk reads it
    /// only through `columns`.
    #[cfg_attr(not(test), allow(dead_code))]
    trans: Vec<u16>,
    /// The unanchored start state.
    start: u16,
    /// The states `1..=last_match` are the match states (0 is dead), the others have the bit
    /// `LIVE`: one test of it tells both apart from the others.
    #[cfg_attr(not(test), allow(dead_code))]
    last_match: u16,
    /// The pattern each match state reports and its length in bytes, by id minus one.
    matches: Vec<(u32, u32)>,
    /// The length of the longest pattern in bytes.
    longest: usize,
}

/// How many walks `Scanner::find_all` takes at once over a text long enough.
const WALKS: usize = 3;

/// One walk of the table: the next byte it reads and its state.
#[derive(Clone, Copy)]
struct Walk {
    i: usize,
    sid: usize,
}

impl Walk {
    fn from(i: usize, start: u16) -> Walk {
        Walk {
            i,
            sid: usize::from(start),
        }
    }

    /// Takes the four steps of `quad` (bytes `skip..skip + 4` from the walk's byte) again from
    /// `sid`, one at a time, to the first state that leaves the live states: true there, with
    /// the walk after its byte; false where all four stay live, with the walk after them.
    #[inline(always)]
    fn quad(&mut self, scan: &Scanner, quad: [u8; 4], sid: usize, skip: usize) -> bool {
        self.i += skip;
        self.sid = sid;
        for b in quad {
            self.i += 1;
            self.sid = scan.next(self.sid, b);
            if self.sid & usize::from(LIVE) == 0 {
                return true;
            }
        }
        false
    }
}

impl Scanner {
    /// The scanner of `patterns`, leftmost-longest as `MatchKind::LeftmostLongest` finds.
    pub(super) fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Scanner {
        // No prefilter: the scan walks the table itself and never asks for one.
        let dfa = DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(patterns)
            .expect("lexicon automaton");
        // The bytes the patterns hold, found in one pass over them, numbered in byte order.
        let mut held = [false; 256];
        for &b in patterns.iter().flat_map(|p| p.as_ref()) {
            held[usize::from(b)] = true;
        }
        let mut classes = [0u8; 256];
        let mut n = 1;
        for b in 0..=255u8 {
            if held[usize::from(b)] {
                classes[usize::from(b)] = n;
                n += 1;
            }
        }
        // One representative byte per class: a byte no pattern holds stands for class 0.
        let mut reps = vec![0u8; usize::from(n)];
        for b in (0..=255u8).rev() {
            reps[usize::from(classes[usize::from(b)])] = b;
        }
        // Every state reachable from the start, breadth first: the order of depth.
        let start = dfa
            .start_state(Anchored::No)
            .expect("an unanchored automaton");
        let mut order = vec![start];
        // The cheap hash (`FastMap`) keeps the copy's few million look-ups quick: with the
        // standard one, building the lexicon took about 0.1 s longer.
        let mut seen = FastSet::default();
        seen.insert(start);
        let mut k = 0;
        while let Some(&s) = order.get(k) {
            for &b in &reps {
                let t = dfa.next_state(Anchored::No, s, b);
                if !dfa.is_dead(t) && seen.insert(t) {
                    order.push(t);
                }
            }
            k += 1;
        }
        // Dead, then the match states, then the others, each in the order of depth.
        let (matching, other): (Vec<_>, Vec<_>) = order.into_iter().partition(|&s| dfa.is_match(s));
        assert!(
            matching.len() < usize::from(LIVE) && other.len() <= usize::from(LIVE),
            "lexicon states fit in u16"
        );
        let ids: FastMap<_, u16> = (matching.iter().enumerate())
            .map(|(i, &s)| (s, i as u16 + 1))
            .chain(other.iter().enumerate().map(|(i, &s)| (s, LIVE + i as u16)))
            .collect();
        let id = |s| if dfa.is_dead(s) { DEAD } else { ids[&s] };
        // Each column holds the dead state, the match states, the ids between them and
        // `LIVE`, which no state has and no step reads, and the other states.
        let states = usize::from(LIVE) + other.len();
        let mut trans = vec![DEAD; states * reps.len()];
        for (&s, &i) in &ids {
            for (c, &b) in reps.iter().enumerate() {
                trans[c * states + usize::from(i)] = id(dfa.next_state(Anchored::No, s, b));
            }
        }
        let columns = classes.map(|c| {
            trans
                .as_ptr()
                .wrapping_add(usize::from(c) * states)
                .expose_provenance()
        });
        let matches = matching
            .iter()
            .map(|&s| {
                let p = dfa.match_pattern(s, 0);
                (p.as_u32(), dfa.pattern_len(p) as u32)
            })
            .collect();
        Scanner {
            columns,
            trans,
            start: id(start),
            last_match: u16::try_from(matching.len()).expect("lexicon states fit in u16"),
            matches,
            longest: patterns.iter().map(|p| p.as_ref().len()).max().unwrap_or(0),
        }
    }

    /// Every match in `bytes`, as `AhoCorasick::find_iter` reports them (the leftmost-longest
    /// from the start, then the leftmost-longest from its end on, and so on), as (start, end,
    /// pattern), pushed onto `out`.
    ///
    /// Each step of a walk waits for the table read of the step before, so one walk keeps the
    /// core waiting on its loads. A text long enough is cut into `WALKS` parts of equal length,
    /// walked at once in one loop by as many walks, each from the start state at its part's
    /// start, whose steps do not wait on each other. A walk's matches hold from the point on
    /// where the walk before it stands in the same state at the same byte, both in a search
    /// that has seen no match yet: from there the two read the same bytes from the same state,
    /// so they go on alike. Each walk but the first keeps its state at the first such point
    /// `longest` bytes past its part's start (its mark), where a search begun before it has
    /// seen every match that starts before that start; the walk before goes on past its part
    /// to the mark, and on to the text's end only where it stands otherwise there.
    pub(super) fn find_all(&self, bytes: &[u8], out: &mut Vec<(usize, usize, usize)>) {
        let len = bytes.len();
        // Below this length the walks' set-up and their ways past their parts would cost
        // more than walking at once saves.
        if len < WALKS * (2 * self.longest + 128) {
            let mut walk = Walk::from(0, self.start);
            self.run(bytes, &mut walk, len, out);
            return;
        }
        let cuts: [usize; WALKS] = std::array::from_fn(|k| k * len / WALKS);
        self.find_all_cut(bytes, cuts, out);
    }

    /// `find_all` with walks from `cuts` on (the first 0, each at most the next). The walks
    /// are indexed in step, by the same byte and walk numbers, which iterators would hide.
    #[allow(clippy::needless_range_loop)]
    fn find_all_cut<const N: usize>(
        &self,
        bytes: &[u8],
        cuts: [usize; N],
        out: &mut Vec<(usize, usize, usize)>,
    ) {
        let len = bytes.len();
        let live = usize::from(LIVE);
        // Where each walk (but the first) keeps its mark, and where its part ends.
        let checks: [usize; N] = std::array::from_fn(|k| (cuts[k] + self.longest).min(len));
        let ends: [usize; N] = std::array::from_fn(|k| cuts.get(k + 1).copied().unwrap_or(len));
        let mut walks = cuts.map(|at| Walk::from(at, self.start));
        // Each walk's matches (the first's in `out`), and its mark: the byte, the state and
        // how many matches it had pushed there; whether it is over (at the text's end, or
        // where a search died without a match, after which none follows).
        let mut hits: [Vec<_>; N] = std::array::from_fn(|k| {
            if k == 0 {
                std::mem::take(out)
            } else {
                Vec::with_capacity(len / N / 32)
            }
        });
        let mut marks: [Option<(usize, usize, usize)>; N] = [None; N];
        let mut over = [false; N];
        // All walks in one loop while each has four bytes left before where it stops: the end
        // of its part, or its mark's byte until it has its mark.
        loop {
            let mut n = usize::MAX;
            for k in 0..N {
                let w = walks[k];
                if k > 0 && marks[k].is_none() && w.i + 4 > checks[k] {
                    marks[k] = Some((w.i, w.sid, hits[k].len()));
                }
                let stop = if k > 0 && marks[k].is_none() {
                    checks[k]
                } else {
                    ends[k]
                };
                n = n.min(stop.saturating_sub(w.i) / 4);
            }
            if n == 0 {
                break;
            }
            let quads: [&[[u8; 4]]; N] =
                std::array::from_fn(|k| &bytes[walks[k].i..][..4 * n].as_chunks::<4>().0[..n]);
            let mut sids = walks.map(|w| w.sid);
            // The first four bytes where a walk leaves the live states; the steps are taken
            // again from their start, one at a time, to find the byte.
            let mut stopped = None;
            for q in 0..n {
                let mut next = sids;
                let mut joined = live;
                for j in 0..4 {
                    for k in 0..N {
                        next[k] = self.next(next[k], quads[k][q][j]);
                        joined &= next[k];
                    }
                }
                if joined == 0 {
                    stopped = Some(q);
                    break;
                }
                sids = next;
            }
            let Some(q) = stopped else {
                for (w, sid) in walks.iter_mut().zip(sids) {
                    (w.i, w.sid) = (w.i + 4 * n, sid);
                }
                continue;
            };
            for k in 0..N {
                if walks[k].quad(self, quads[k][q], sids[k], 4 * q)
                    && !self.settle(bytes, &mut walks[k], &mut hits[k])
                {
                    over[k] = true;
                }
            }
            if over.contains(&true) {
                break;
            }
        }
        // Each walk alone, from the last to the first: to its mark if it has none yet, then to
        // the next walk's mark, where it joins the next walk if it stands there as that did,
        // or else on to the end.
        let mut joins = [false; N];
        for k in (0..N).rev() {
            let w = &mut walks[k];
            if over[k] {
                continue;
            }
            if k > 0 && marks[k].is_none() {
                if !self.run(bytes, w, checks[k], &mut hits[k]) {
                    continue;
                }
                marks[k] = Some((w.i, w.sid, hits[k].len()));
            }
            if let Some(&Some((at, sid, _))) = marks.get(k + 1) {
                if !self.run(bytes, w, at, &mut hits[k]) {
                    continue;
                }
                if (w.i, w.sid) == (at, sid) {
                    joins[k] = true;
                    continue;
                }
            }
            self.run(bytes, w, len, &mut hits[k]);
        }
        *out = std::mem::take(&mut hits[0]);
        let mut k = 0;
        while joins[k] {
            k += 1;
            let pushed = marks[k].map_or(0, |(_, _, pushed)| pushed);
            out.extend_from_slice(&hits[k][pushed..]);
        }
    }

    /// The state after `sid` reads byte `b`.
    #[inline(always)]
    fn next(&self, sid: usize, b: u8) -> usize {
        let column = std::ptr::with_exposed_provenance::<u16>(self.columns[usize::from(b)]);
        // SAFETY: `column` starts a column of `trans`, whose buffer stays where `new` found it
        // (the table is never changed), and each column has an entry for every id up to the
        // last live state's; `sid` is the start state or read from `trans`, so it is one of
        // those ids (`new` numbers every state and fills every column): the entry lies in the
        // column.
        usize::from(unsafe { *column.add(sid) })
    }

    /// Steps from byte `w.i` on, one byte at a time, to the first state without the bit `LIVE`
    /// (dead or matching), leaving `w.i` after its byte; false at the text's end.
    fn step_bytes(&self, bytes: &[u8], w: &mut Walk) -> bool {
        while let Some(&b) = bytes.get(w.i) {
            w.i += 1;
            w.sid = self.next(w.sid, b);
            if w.sid & usize::from(LIVE) == 0 {
                return true;
            }
        }
        false
    }

    /// Walks `w`, a search that has seen no match yet, alone: to `stop` (true, with `w.i` at
    /// `stop` or past it where a match's walk went on past it) or to the walk's end (false: at
    /// the text's end, or where a search died without a match, after which none follows, as
    /// `AhoCorasick::find_iter` ends there).
    fn run(
        &self,
        bytes: &[u8],
        w: &mut Walk,
        stop: usize,
        out: &mut Vec<(usize, usize, usize)>,
    ) -> bool {
        let live = usize::from(LIVE);
        loop {
            if w.i >= stop {
                return w.i < bytes.len();
            }
            // Thirty-two bytes are taken at a time while thirty-two are left, with one test of
            // the stop for them: a test per byte cost about 25 % more (measured with the
            // table by rows: 2.45 M instructions on the guard's corpus where thirty-two took
            // 1.95 M; four at a time took 2.32 M, eight 2.11 M, sixteen 2.00 M, and sixty-four
            // 2.25 M). The bytes up to the stop are split block by block: the position is
            // worked out only where the walk stops, not counted on per block.
            let left = &bytes[w.i..stop];
            let mut rest = left;
            let mut sid = w.sid;
            let mut stepped = None;
            'blocks: while let Some((block, tail)) = rest.split_first_chunk::<32>() {
                // Four steps, then one test of the bit `LIVE` of their states joined: a state
                // past a dead or matching one is read from the table like any other, and only
                // the first of the four without the bit counts.
                for (q, &[b0, b1, b2, b3]) in block.as_chunks::<4>().0.iter().enumerate() {
                    let s1 = self.next(sid, b0);
                    let s2 = self.next(s1, b1);
                    let s3 = self.next(s2, b2);
                    let s4 = self.next(s3, b3);
                    if s1 & s2 & s3 & s4 & live == 0 {
                        stepped = Some(left.len() - rest.len() + 4 * q);
                        break 'blocks;
                    }
                    sid = s4;
                }
                rest = tail;
            }
            w.sid = sid;
            // The last bytes before the stop, or the four where the walk left the live
            // states, one at a time.
            let upto = match stepped {
                Some(q) => {
                    w.i += q;
                    w.i + 4
                }
                None => {
                    w.i = stop - rest.len();
                    stop
                }
            };
            if !self.step_bytes(&bytes[..upto], w) {
                // At the stop, still live.
                continue;
            }
            if !self.settle(bytes, w, out) {
                return false;
            }
        }
    }

    /// Ends the search of `w`, whose state has just left the live states (dead or matching):
    /// walks on after a match until the automaton dies, keeping the last match seen, pushes
    /// it, and starts the next search at its end (true); false where the search died without
    /// a match. After a match the automaton follows only the patterns that go on from it, and
    /// it dies within a few bytes, so this walk goes byte by byte.
    fn settle(&self, bytes: &[u8], w: &mut Walk, out: &mut Vec<(usize, usize, usize)>) -> bool {
        // The end of the last match seen and its state; state 0 (dead) while there is none.
        let (mut end, mut found) = (0, usize::from(DEAD));
        while w.sid != usize::from(DEAD) {
            (end, found) = (w.i, w.sid);
            if !self.step_bytes(bytes, w) {
                break;
            }
        }
        if found == usize::from(DEAD) {
            return false;
        }
        let (p, len) = self.matches[found - 1];
        out.push((end - len as usize, end, p as usize));
        *w = Walk::from(end, self.start);
        true
    }

    /// The bytes the scanner holds in use: the ids between the last match state and `LIVE`,
    /// which no state has, are never written or read, so their pages stay unused.
    #[cfg(test)]
    pub(super) fn memory_usage(&self) -> usize {
        let classes = self.columns.iter().collect::<FastSet<_>>().len();
        let unused = usize::from(LIVE - self.last_match - 1) * classes;
        std::mem::size_of_val(self.trans.as_slice()) - 2 * unused
            + std::mem::size_of_val(self.matches.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{Lexicon, lexicon};

    /// The lexicon's patterns, as `Lexicon::build` hands them to the scanner.
    fn patterns(lex: &Lexicon) -> Vec<&str> {
        let v = Lexicon::sorted_surfaces(&lex.by_surface);
        let (kept, _) = Lexicon::split_extensions(&v);
        kept.into_iter().map(|(s, _)| s).collect()
    }

    fn dfa(patterns: &[&str]) -> DFA {
        DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(patterns)
            .unwrap()
    }

    /// The crate's DFA walked as the scanner walks its table: the reference.
    fn dfa_next_match(dfa: &DFA, bytes: &[u8], at: usize) -> Option<(usize, usize, usize)> {
        let mut sid = dfa.start_state(Anchored::No).unwrap();
        let mut last = None;
        for (i, &b) in bytes.iter().enumerate().skip(at) {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_dead(sid) {
                break;
            }
            if dfa.is_match(sid) {
                last = Some((i + 1, dfa.match_pattern(sid, 0)));
            }
        }
        last.map(|(e, p)| (e - dfa.pattern_len(p), e, p.as_usize()))
    }

    #[test]
    fn the_table_walks_as_the_crate_dfa_on_every_byte() {
        // Both automata walked side by side from their start states over every byte: each
        // state of one stands for exactly one of the other, with the same death and match.
        let lex = lexicon();
        let (scan, dfa) = (&lex.matcher, dfa(&patterns(lex)));
        let start = dfa.start_state(Anchored::No).unwrap();
        let mut pairs = std::collections::HashMap::new();
        let mut back = std::collections::HashMap::new();
        pairs.insert(start, scan.start);
        back.insert(scan.start, start);
        let mut todo = vec![(start, scan.start)];
        while let Some((d, s)) = todo.pop() {
            for b in 0..=255u8 {
                let dt = dfa.next_state(Anchored::No, d, b);
                let column = (scan.columns[usize::from(b)] - scan.trans.as_ptr().addr()) / 2;
                let st = scan.trans[column + usize::from(s)];
                assert_eq!(dfa.is_dead(dt), st == DEAD);
                if st == DEAD {
                    continue;
                }
                assert_eq!(dfa.is_match(dt), st <= scan.last_match);
                assert_eq!(dfa.is_match(dt), st & LIVE == 0);
                if st <= scan.last_match {
                    let p = dfa.match_pattern(dt, 0);
                    let m = (p.as_u32(), dfa.pattern_len(p) as u32);
                    assert_eq!(scan.matches[usize::from(st) - 1], m);
                }
                match pairs.get(&dt) {
                    Some(&seen) => assert_eq!(seen, st),
                    None => {
                        assert!(back.insert(st, dt).is_none());
                        pairs.insert(dt, st);
                        todo.push((dt, st));
                    }
                }
            }
        }
        // Each column holds the ids up to `LIVE` and one for every other state.
        let other = pairs.len() - usize::from(scan.last_match);
        assert_eq!(scan.trans.len() % (usize::from(LIVE) + other), 0);
        // Less than half the crate's table: `u16` ids in 101 columns (33,028 states, 6.7 MB
        // in use).
        assert!(scan.memory_usage() < 7_000_000, "{}", scan.memory_usage());
    }

    /// The crate's DFA's matches in `bytes`, as `find_iter` reports them.
    fn dfa_matches(dfa: &DFA, bytes: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(m) = dfa_next_match(dfa, bytes, at) {
            at = m.1;
            out.push(m);
        }
        out
    }

    #[test]
    fn matches_equal_the_crate_dfa_on_all_texts() {
        let lex = lexicon();
        let dfa = dfa(&patterns(lex));
        let mut hits = 0;
        for dir in crate::text::TEXT_DIRS {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for e in entries {
                let bytes = std::fs::read(e.unwrap().path()).unwrap();
                let want = dfa_matches(&dfa, &bytes);
                let mut got = Vec::new();
                lex.matcher.find_all(&bytes, &mut got);
                assert_eq!(got, want);
                // The second walk from other bytes than the middle: every cut in the first
                // kilobyte and one every 97 bytes after it.
                for cut in (0..bytes.len().min(1024)).chain((1024..bytes.len()).step_by(97)) {
                    got.clear();
                    lex.matcher.find_all_cut(&bytes, [0, cut], &mut got);
                    assert_eq!(got, want, "cut {cut}");
                    // Four walks, the middle ones `cut` apart.
                    let cuts = [0, cut / 2, cut, (cut + cut / 2).min(bytes.len())];
                    got.clear();
                    lex.matcher.find_all_cut(&bytes, cuts, &mut got);
                    assert_eq!(got, want, "cuts {cuts:?}");
                }
                hits += want.len();
            }
        }
        assert!(hits > 100, "{hits}");
    }

    #[test]
    fn two_walks_agree_with_one_where_matches_cross_the_cut() {
        // Texts made of a few forms and the bytes around them, cut everywhere: matches that
        // cross the cut, end at it, or start right after it.
        let lex = lexicon();
        let dfa = dfa(&patterns(lex));
        let forms = patterns(lex);
        let mut text = String::new();
        for (k, f) in forms.iter().step_by(forms.len() / 40).enumerate() {
            text.push_str(f);
            text.push_str(["", " ", "-", "x"][k % 4]);
        }
        let bytes = text.as_bytes();
        let want = dfa_matches(&dfa, bytes);
        assert!(want.len() > 20, "{}", want.len());
        for cut in 0..=bytes.len() {
            let mut got = Vec::new();
            lex.matcher.find_all_cut(bytes, [0, cut], &mut got);
            assert_eq!(got, want, "cut {cut}");
            let cuts = [0, cut / 3, cut, (cut + 7).min(bytes.len())];
            got.clear();
            lex.matcher.find_all_cut(bytes, cuts, &mut got);
            assert_eq!(got, want, "cuts {cuts:?}");
        }
    }
}
