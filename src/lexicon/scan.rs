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
        }
    }

    /// The next match in `bytes` from `at` on, as `AhoCorasick::find_iter` would report it:
    /// the leftmost-longest, found by walking the table on after a match until it dies and
    /// keeping the last match seen; its start, end and pattern. Not inlined: in its caller's
    /// loop the walk's few values spilled to the stack, and it took twice the instructions.
    #[inline(never)]
    pub(super) fn next_match(&self, bytes: &[u8], at: usize) -> Option<(usize, usize, usize)> {
        let columns = &self.columns;
        let live = usize::from(LIVE);
        let mut sid = usize::from(self.start);
        // The end of the last match seen and its state; state 0 (dead) while there is none.
        let (mut end, mut found) = (0, usize::from(DEAD));
        let mut i = at;
        // The state after `sid` reads byte `b`.
        let next = |sid: usize, b: u8| {
            let column = std::ptr::with_exposed_provenance::<u16>(columns[usize::from(b)]);
            // SAFETY: `column` starts a column of `trans`, whose buffer stays where `new` found
            // it (the table is never changed), and each column has an entry for every id up to
            // the last live state's; `sid` is the start state or read from `trans`, so it is
            // one of those ids (`new` numbers every state and fills every column): the entry
            // lies in the column.
            usize::from(unsafe { *column.add(sid) })
        };
        // Steps from byte `i` on, one byte at a time, to the first state without the bit
        // `LIVE` (dead or matching), leaving `i` after its byte; false at the text's end.
        let step_bytes = |i: &mut usize, sid: &mut usize| {
            while let Some(&b) = bytes.get(*i) {
                *i += 1;
                *sid = next(*sid, b);
                if *sid & live == 0 {
                    return true;
                }
            }
            false
        };
        'walk: {
            // The common case, in loops of their own: a state neither dead nor matching.
            // Thirty-two bytes are taken at a time while thirty-two are left, with one test of
            // the text's end for them: a test per byte cost about 25 % more (measured with the
            // table by rows: 2.45 M instructions on the guard's corpus where thirty-two took
            // 1.95 M; four at a time took 2.32 M, eight 2.11 M, sixteen 2.00 M, and sixty-four
            // 2.25 M).
            'step: {
                // The bytes from `i` on, split block by block: the position is worked out
                // only where the walk stops, not counted on per block.
                let mut rest = bytes.get(i..).unwrap_or_default();
                while let Some((block, tail)) = rest.split_first_chunk::<32>() {
                    // Four steps, then one test of the bit `LIVE` of their states joined:
                    // a state past a dead or matching one is read from a row of the table
                    // like any other, and only the first of the four without the bit counts.
                    for (q, &[b0, b1, b2, b3]) in block.as_chunks::<4>().0.iter().enumerate() {
                        let s1 = next(sid, b0);
                        let s2 = next(s1, b1);
                        let s3 = next(s2, b2);
                        let s4 = next(s3, b3);
                        if s1 & s2 & s3 & s4 & live == 0 {
                            let (k, s) = if s1 & live == 0 {
                                (1, s1)
                            } else if s2 & live == 0 {
                                (2, s2)
                            } else if s3 & live == 0 {
                                (3, s3)
                            } else {
                                (4, s4)
                            };
                            sid = s;
                            i = bytes.len() - rest.len() + 4 * q + k;
                            break 'step;
                        }
                        sid = s4;
                    }
                    rest = tail;
                }
                i = bytes.len() - rest.len();
                if !step_bytes(&mut i, &mut sid) {
                    break 'walk;
                }
            }
            // After a match the automaton follows only the patterns that go on from it, and it
            // dies within a few bytes: the walk goes on byte by byte, without the blocks, whose
            // set-up cost each match about twenty instructions more.
            while sid != usize::from(DEAD) {
                (end, found) = (i, sid);
                if !step_bytes(&mut i, &mut sid) {
                    break 'walk;
                }
            }
        }
        if found == usize::from(DEAD) {
            return None;
        }
        let (p, len) = self.matches[found - 1];
        Some((end - len as usize, end, p as usize))
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
                let mut at = 0;
                loop {
                    let m = lex.matcher.next_match(&bytes, at);
                    assert_eq!(m, dfa_next_match(&dfa, &bytes, at));
                    let Some((_, end, _)) = m else { break };
                    at = end;
                    hits += 1;
                }
            }
        }
        assert!(hits > 100, "{hits}");
    }
}
