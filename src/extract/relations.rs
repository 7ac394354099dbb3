//! Relations between entity mentions, each with the text that shows it.
//!
//! The patterns are about German phrasing, not about any article:
//! - `HOLDS_ROLE`: a role word with its holder before a name or standing for a person
//!   (`NATO-Generalsekretär Mark Rutte`, `Frankreichs Präsident …`, `der frühere niederländische
//!   Regierungschef`);
//! - `CITIZEN_OF`: a nationality adjective before a role that has another holder (`der
//!   niederländische NATO-Generalsekretär`), a demonym standing for a person (`der Niederländer`);
//! - `MEMBER_OF`: `Name (Partei)`, `Nato-Staaten wie Spanien und Italien`, `Bündnistreue der USA`;
//! - `MET`: meeting words between two people in a sentence (`trifft sich mit`, `Gespräche mit`),
//!   and group captions (`A, B und C in London`);
//! - `LOCATED_IN`: events and places `in` a place, `Oval Office des Weißen Hauses`, datelines
//!   (`USA, Washington:`);
//! - `PARTICIPATES_IN`: the holder in an event's name (`NATO-Gipfel`, `US-Friedensplan`), a war's
//!   country and attacker, people in `Treffen mit …`, parties `zwischen` …;
//! - `ATTACKED`: `Russlands Angriff auf die Ukraine`, `die von Russland angegriffene Ukraine`,
//!   `dass Russland die Ukraine angreife`.

use super::entities::{RoleAt, event_key_str, roles};
use super::{EntityKind, Mention, Relation, RelationKind};
use crate::lexicon::lexicon;
use crate::text::{Document, Span};

/// The text form of relations, one per line: subject, predicate (with role), object, evidence.
pub fn render(doc: &Document, mentions: &[Mention], relations: &[Relation]) -> String {
    let mut out = String::new();
    for r in relations {
        let role = r
            .role
            .as_ref()
            .map(|x| format!(" [{x}{}]", if r.former { ", former" } else { "" }))
            .unwrap_or_default();
        out.push_str(&format!(
            "{} {}{} {}\n    evidence {:?}\n",
            mentions[r.subject].name,
            r.kind.rel_type(),
            role,
            mentions[r.object].name,
            doc.slice(&r.evidence)
        ));
    }
    out
}

pub fn find(doc: &Document, mentions: &[Mention]) -> Vec<Relation> {
    find_with_roles(doc, mentions, roles(doc))
}

/// `find` with the document's role words already at hand (`entities::recognize_with_roles`).
pub fn find_with_roles(doc: &Document, mentions: &[Mention], roles: Vec<RoleAt>) -> Vec<Relation> {
    // The look-ups below search the mentions by start (`recognize` sorts them so).
    debug_assert!(mentions.is_sorted_by_key(|m| m.span.start));
    let by = ByKind::of(mentions);
    let mut f = Finder {
        doc,
        m: mentions,
        longest: std::cell::OnceCell::new(),
        out: Vec::new(),
    };
    f.roles(roles, &by.persons);
    f.party_members(&by.persons);
    f.alliance_members(&by.orgs);
    f.led_and_belonging(&by.orgs);
    f.meetings(&by.persons);
    f.places(&by.locations);
    f.events(&by.events);
    f.attacks(&by.countries);
    f.out
}

/// The mentions each rule of the finder starts from, by index, in text order, listed by one
/// walk over the mentions: each rule walked all of them for its own kind before, eight walks
/// in all.
struct ByKind {
    /// Every person, named or described.
    persons: Vec<usize>,
    /// Every organisation, named or described.
    orgs: Vec<usize>,
    /// The countries, places and events that are no descriptors.
    countries: Vec<usize>,
    locations: Vec<usize>,
    events: Vec<usize>,
}

impl ByKind {
    fn of(mentions: &[Mention]) -> Self {
        // Each list gets room for all mentions: growing five lists from empty cost more
        // than the room.
        let n = mentions.len();
        let mut by = ByKind {
            persons: Vec::with_capacity(n),
            orgs: Vec::with_capacity(n),
            countries: Vec::with_capacity(n),
            locations: Vec::with_capacity(n),
            events: Vec::with_capacity(n),
        };
        for (i, m) in mentions.iter().enumerate() {
            match m.kind {
                EntityKind::Person => by.persons.push(i),
                EntityKind::Organization => by.orgs.push(i),
                _ if m.descriptor => {}
                EntityKind::Country => by.countries.push(i),
                EntityKind::Location => by.locations.push(i),
                EntityKind::Event => by.events.push(i),
            }
        }
        by
    }
}

/// Words of meeting between two people (`MET`), each with the spaces around it that make it
/// a whole word.
const MEETING_CUES: &[&str] = &[
    " trifft ",
    " traf ",
    " trafen ",
    " treffen ",
    " getroffen",
    " Treffen mit ",
    " empfängt ",
    " empfing ",
    " empfangen",
    " besucht ",
    " besuchte ",
    " Besuch bei ",
    " Gespräch mit ",
    " Gespräche mit ",
    " Gesprächen mit ",
    " telefonierte mit ",
    " sprach mit ",
    " kam mit ",
    " kamen ",
];

/// Calls `f` with each meeting cue in `text`, non-overlapping, in text order (not collected
/// into a list, which cost an allocation per search).
///
/// The packed (SIMD) searcher scans the text about ten times faster than the automaton, whose
/// prefilter stops at every space because every cue starts with one. It knows only leftmost-first
/// search, which finds the same cues as the automaton's standard search (the match that ends
/// first) because no cue occurs inside another (`meeting_cues_do_not_nest` checks it): a
/// match that started earlier but ended later would contain the other. Where the packed
/// searcher is not available (no SIMD on this CPU), the automaton does the same search.
fn meeting_cues(text: &[u8], f: impl FnMut(aho_corasick::Match)) {
    use aho_corasick::{AhoCorasick, MatchKind, packed};
    enum Cues {
        Packed(packed::Searcher),
        Automaton(AhoCorasick),
    }
    static CUES: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();
    let cues = CUES.get_or_init(|| {
        packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(MEETING_CUES)
            .build()
            .map_or_else(
                || {
                    Cues::Automaton(
                        AhoCorasick::builder()
                            .match_kind(MatchKind::LeftmostFirst)
                            .build(MEETING_CUES)
                            .expect("cue automaton"),
                    )
                },
                Cues::Packed,
            )
    });
    match cues {
        Cues::Packed(s) => s.find_iter(text).for_each(f),
        Cues::Automaton(a) => a.find_iter(text).for_each(f),
    }
}

/// Whether every word of `list` starts with one of the bytes `firsts` (a check made when
/// compiling).
const fn starts_with_one_of(list: &[&str], firsts: &[u8]) -> bool {
    let mut k = 0;
    while k < list.len() {
        let Some(&b) = list[k].as_bytes().first() else {
            return false;
        };
        let mut j = 0;
        while j < firsts.len() && firsts[j] != b {
            j += 1;
        }
        if j == firsts.len() {
            return false;
        }
        k += 1;
    }
    true
}

/// Whether byte `b` occurs in some meeting cue.
fn is_cue_byte(b: u8) -> bool {
    static BYTES: std::sync::OnceLock<[bool; 256]> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let mut bytes = [false; 256];
        for c in MEETING_CUES {
            for &x in c.as_bytes() {
                bytes[usize::from(x)] = true;
            }
        }
        bytes
    })[usize::from(b)]
}

struct Finder<'a> {
    doc: &'a Document,
    m: &'a [Mention],
    /// The length of the longest mention's span, measured where `mention_of` first asks:
    /// many documents have no role with a holder, and their mentions are not measured.
    longest: std::cell::OnceCell<usize>,
    out: Vec<Relation>,
}

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn inside(inner: &Span, outer: &Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Whether an event's name has the head `Krieg` (`event_key_str`). That head comes from a word
/// whose lower-case form ends in `krieg`, `kriegs` or `krieges`; only `R`, `I`, `E` and `G`
/// lower-case to `r`, `i`, `e` and `g` (`İ` also to `i`, but with a combining dot after it),
/// so a name without `rieg` in some case has no such word, and most names are ruled out
/// without the key, which walks the name's words.
///
/// Each window's last byte is tested first (`g` or `G`, the bytes whose bit 0x20 set gives
/// `g`): most windows fail it, and the whole window is not compared.
fn is_war(name: &str) -> bool {
    name.as_bytes()
        .windows(4)
        .any(|w| (w[3] | 0x20) == b'g' && w.eq_ignore_ascii_case(b"rieg"))
        && event_key_str(name).0 == "Krieg"
}

impl<'a> Finder<'a> {
    fn text(&self, s: &Span) -> &'a str {
        &self.doc.text[s.clone()]
    }

    /// Adds a relation unless it joins an entity to itself or repeats one found before.
    /// `role` is borrowed and copied only for a relation kept: most roles' relations repeat
    /// one found before, and a copy of each cost an allocation.
    fn add(
        &mut self,
        subject: usize,
        kind: RelationKind,
        object: usize,
        evidence: Span,
        role: Option<(&str, bool)>,
    ) {
        let (a, b) = (&self.m[subject], &self.m[object]);
        if a.kind == b.kind && a.name == b.name {
            return;
        }
        let dup = self.out.iter().any(|r| {
            r.kind == kind
                && self.m[r.subject].name == a.name
                && self.m[r.object].name == b.name
                && self.m[r.subject].kind == a.kind
                && self.m[r.object].kind == b.kind
        });
        if dup {
            return;
        }
        let (role, former) = match role {
            Some((r, f)) => (Some(r.to_string()), f),
            None => (None, false),
        };
        self.out.push(Relation {
            subject,
            kind,
            object,
            role,
            former,
            evidence,
        });
    }

    /// The sentence span around a byte position.
    fn sentence(&self, pos: usize) -> Span {
        let ss = &self.doc.sentences;
        let i = ss.partition_point(|s| s.span.start <= pos);
        i.checked_sub(1)
            .map(|i| &ss[i].span)
            .filter(|s| pos < s.end)
            .map_or(pos..pos, Clone::clone)
    }

    /// A mention of the entity `(kind, name)`: one overlapping `near` if any, else the first.
    fn mention_of(&self, kind: EntityKind, name: &str, near: &Span) -> Option<usize> {
        // Mentions are sorted by start. One that overlaps `near` starts before its end, and
        // at most the longest mention's length before its start: most questions find one
        // there (the holder's own mention), found by a binary search and a walk over the
        // few between, where a walk from the first mention on compared every mention
        // before it.
        let longest = *self
            .longest
            .get_or_init(|| self.m.iter().map(|m| m.span.len()).max().unwrap_or(0));
        let from = self
            .m
            .partition_point(|m| m.span.start + longest < near.start);
        let at = self.m[from..]
            .iter()
            .take_while(|m| m.span.start < near.end)
            .position(|m| m.kind == kind && m.name == name && overlaps(&m.span, near));
        if let Some(k) = at {
            return Some(from + k);
        }
        self.m.iter().position(|m| m.kind == kind && m.name == name)
    }

    fn mention_at(&self, start: usize, kinds: &[EntityKind]) -> Option<usize> {
        // Mentions are sorted by start.
        let from = self.m.partition_point(|m| m.span.start < start);
        (from..self.m.len())
            .take_while(|&i| self.m[i].span.start == start)
            .find(|&i| kinds.contains(&self.m[i].kind))
    }

    /// The first mention of one of `kinds` starting after `pos` with only the given words
    /// (articles and the like) between.
    fn mention_after(&self, pos: usize, skip: &[&str], kinds: &[EntityKind]) -> Option<usize> {
        let rest = &self.doc.text[pos..];
        let mut off = rest.len() - rest.trim_start().len();
        loop {
            if let Some(i) = self.mention_at(pos + off, kinds) {
                return Some(i);
            }
            let word_end = rest[off..]
                .find(|c: char| c.is_whitespace())
                .map_or(rest.len(), |e| off + e);
            if !skip.contains(&&rest[off..word_end]) {
                return None;
            }
            let next = &rest[word_end..];
            off = word_end + (next.len() - next.trim_start().len());
        }
    }

    /// Countries listed from byte `from` on: `Spanien, Italien und Portugal`. The list ends at
    /// the first gap that is not a list separator.
    fn country_list(&self, from: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let Some(first) =
            self.mention_after(from, &["die", "der", "den", "das"], &[EntityKind::Country])
        else {
            return out;
        };
        out.push(first);
        let mut end = self.m[first].span.end;
        for _ in 0..40 {
            let rest = &self.doc.text[end..];
            let Some(sep_len) = [", ", " und ", " sowie ", " oder "]
                .iter()
                .find(|s| rest.starts_with(**s))
                .map(|s| s.len())
            else {
                break;
            };
            match self.mention_after(
                end + sep_len,
                &["die", "der", "den", "das"],
                &[EntityKind::Country],
            ) {
                Some(c) => {
                    out.push(c);
                    end = self.m[c].span.end;
                }
                None => break,
            }
        }
        out.retain(|&c| {
            self.text(&self.m[c].span)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        });
        out
    }

    /// `Koalition X unter Führung von Frankreich und Großbritannien`, `…Netzwerk, zu dem
    /// WELT gehört`.
    ///
    /// `orgs`: the organisations (`ByKind`).
    fn led_and_belonging(&mut self, orgs: &[usize]) {
        for &g in orgs {
            if self.m[g].descriptor {
                continue;
            }
            let end = self.m[g].span.end;
            let rest = &self.doc.text[end..];
            let rest_trim = rest.trim_start_matches(['“', '"', '»', '«', '”']);
            let off = end + (rest.len() - rest_trim.len());
            // Every lead below starts with ` u` or ` a`, every relative clause with `, z`:
            // most organisations are followed otherwise, and no phrase is compared.
            if !matches!(
                rest_trim.as_bytes(),
                [b' ', b'u' | b'a', ..] | [b',', b' ', b'z', ..]
            ) {
                continue;
            }
            for lead in [
                " unter Führung von ",
                " unter der Führung von ",
                " angeführt von ",
            ] {
                if rest_trim.starts_with(lead) {
                    for c in self.country_list(off + lead.len()) {
                        let ev = self.m[g].span.start..self.m[c].span.end;
                        self.add(c, RelationKind::MemberOf, g, ev, None);
                    }
                }
            }
            for rel in [", zu dem ", ", zu der ", ", zu denen "] {
                if let Some(r) = rest_trim.strip_prefix(rel)
                    && let Some(x) = self.mention_after(
                        off + rel.len(),
                        &["die", "der", "das", "auch"],
                        &[
                            EntityKind::Organization,
                            EntityKind::Country,
                            EntityKind::Person,
                        ],
                    )
                {
                    let after = &self.doc.text[self.m[x].span.end..];
                    let clause = after.split([',', '.']).next().unwrap_or("");
                    if clause.contains("gehör") && !r.is_empty() {
                        let ev = self.m[g].span.start..self.m[x].span.end + clause.len();
                        self.add(x, RelationKind::MemberOf, g, ev, None);
                    }
                }
            }
        }
    }

    /// `persons`: the persons (`ByKind`).
    fn roles(&mut self, roles: Vec<RoleAt>, persons: &[usize]) {
        let lex = lexicon();
        // The first mention starting at or after the role's start, found by a walk on from
        // the previous role's: roles come in text order, and the walks over all roles pass
        // each mention once, where a binary search for each role cost more. A role before
        // the previous one is found by the binary search.
        let mut from = 0;
        for r in roles {
            // The person: a name right after the role, or a descriptor at the role.
            let gap_ok = |i: usize| {
                let s = &self.m[i].span;
                s.start >= r.span.end && self.doc.text[r.span.end..s.start].trim().is_empty()
            };
            // Both kinds of person start between the role's start (a descriptor on the role)
            // and one byte past its end (a name after it). Mentions are sorted by start, so
            // the first match in that run is the first match of all, found without testing
            // every mention of the document for every role.
            if from > 0 && self.m[from - 1].span.start >= r.span.start {
                from = self.m.partition_point(|m| m.span.start < r.span.start);
            }
            while from < self.m.len() && self.m[from].span.start < r.span.start {
                from += 1;
            }
            let person = (from..self.m.len())
                .take_while(|&i| self.m[i].span.start <= r.span.end + 1)
                .filter(|&i| self.m[i].kind == EntityKind::Person)
                .find(|&i| {
                    (!self.m[i].descriptor && gap_ok(i) && self.m[i].span.start <= r.span.end + 1)
                        || self.m[i].descriptor && self.m[i].span == r.span
                });
            let Some(p) = person else { continue };
            let mut evidence = r.phrase.start..r.phrase.end.max(self.m[p].span.end);
            // `die USA unter Präsident Donald Trump`: the country before `unter` holds the role.
            let mut holder = r.holder.clone();
            if holder.is_none()
                && let Some(before) = self.doc.text[..r.phrase.start].strip_suffix(" unter ")
                && let Some(c) = (0..self.m.len()).rev().find(|&c| {
                    self.m[c].span.end == before.len()
                        && matches!(
                            self.m[c].kind,
                            EntityKind::Country | EntityKind::Organization
                        )
                })
                && let Some((e, _)) = lex.lookup(&self.m[c].name)
            {
                holder = Some((e, self.m[c].span.clone()));
                evidence.start = self.m[c].span.start;
            }
            if let Some((e, span)) = &holder {
                let ent = lex.entry(*e);
                if let Some(o) = self.mention_of(ent.kind, &ent.name, span) {
                    let role = (lex.roles[r.role].name.as_str(), r.former);
                    self.add(p, RelationKind::HoldsRole, o, evidence.clone(), Some(role));
                }
            }
            if let Some((c, span)) = &r.nationality {
                let ent = lex.entry(*c);
                if let Some(o) = self.mention_of(ent.kind, &ent.name, span) {
                    self.add(p, RelationKind::CitizenOf, o, evidence.clone(), None);
                }
            }
        }
        // `der Niederländer` standing for a person: a Person descriptor on a demonym.
        for &p in persons {
            let pm = &self.m[p];
            if !pm.descriptor {
                continue;
            }
            // Mentions are sorted by start: only those from the descriptor's start on can have
            // its span, and the first such is the first of all.
            let from = self.m.partition_point(|m| m.span.start < pm.span.start);
            if let Some(c) = (from..self.m.len())
                .take_while(|&c| self.m[c].span.start == pm.span.start)
                .find(|&c| self.m[c].kind == EntityKind::Country && self.m[c].span == pm.span)
            {
                let ev = pm.span.clone();
                self.add(p, RelationKind::CitizenOf, c, ev, None);
            }
        }
    }

    /// `Friedrich Merz (CDU)`.
    ///
    /// `persons`: the persons (`ByKind`).
    fn party_members(&mut self, persons: &[usize]) {
        for &p in persons {
            let end = self.m[p].span.end;
            if !self.doc.text[end..].starts_with(" (") {
                continue;
            }
            if let Some(o) = self.mention_at(end + 2, &[EntityKind::Organization])
                && self.doc.text[self.m[o].span.end..].starts_with(')')
            {
                let ev = self.m[p].span.start..self.m[o].span.end + 1;
                self.add(p, RelationKind::MemberOf, o, ev, None);
            }
        }
    }

    /// `Nato-Staaten wie Spanien, Italien und Portugal`, `Nato-Mitglied Türkei`,
    /// `Bündnistreue der USA` (with one alliance in the text).
    ///
    /// `orgs`: the organisations (`ByKind`).
    fn alliance_members(&mut self, orgs: &[usize]) {
        const MEMBERS: &[&str] = &[
            "Staaten",
            "Länder",
            "Ländern",
            "Staat",
            "Land",
            "Mitglied",
            "Mitglieder",
            "Mitgliedern",
            "Mitgliedstaaten",
            "Mitgliedsstaaten",
            "Mitgliedsländer",
            "Mitgliedstaat",
            "Mitgliedsstaat",
            "Mitgliedsland",
            "Partner",
            "Partnern",
            "Verbündete",
            "Verbündeten",
        ];
        let (lex, m) = (lexicon(), self.m);
        // Whether organisation i is a group of members (an alliance, a union or an
        // international body). Asked only where an answer is needed, not of every
        // organisation first: each question is a look-up of its name.
        let is_group = |i: usize| {
            lex.lookup(&m[i].name).is_some_and(|(e, _)| {
                matches!(lex.entry(e).tag.as_str(), "alliance" | "union" | "intl")
            })
        };
        // The groups, in text order, with a hyphen after them: the hyphen is tested first.
        for &g in orgs {
            let gs = self.m[g].span.clone();
            let rest = &self.doc.text[gs.end..];
            let Some(word) = rest.strip_prefix('-') else {
                continue;
            };
            // Every member word starts with one of these capitals (checked below, when
            // compiled): most words after a group's hyphen start otherwise, and the group is
            // not looked up nor the word read.
            const _: () = assert!(starts_with_one_of(MEMBERS, b"SLMPV"));
            if !matches!(
                word.as_bytes().first(),
                Some(b'S' | b'L' | b'M' | b'P' | b'V')
            ) || !is_group(g)
            {
                continue;
            }
            // The word after the hyphen ends at the first character that is no letter or digit.
            // Its ASCII bytes (most of them) are tested by byte, and the rest of it decoded only
            // from the first byte beyond ASCII on: decoding every character cost about twice as
            // much.
            // A word whose first bytes are all ASCII letters or digits, more of them than the
            // longest member word has, is none of them: the bytes beyond are not read.
            const LONGEST: usize = {
                let mut longest = 0;
                let mut k = 0;
                while k < MEMBERS.len() {
                    if MEMBERS[k].len() > longest {
                        longest = MEMBERS[k].len();
                    }
                    k += 1;
                }
                longest
            };
            let b = word.as_bytes();
            let head = &b[..b.len().min(LONGEST + 1)];
            let ascii = head
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .unwrap_or(head.len());
            if ascii > LONGEST {
                continue;
            }
            let w_end = if b.get(ascii).is_some_and(|c| !c.is_ascii()) {
                word[ascii..]
                    .find(|c: char| !c.is_alphanumeric())
                    .map_or(word.len(), |e| ascii + e)
            } else {
                ascii
            };
            if !MEMBERS.contains(&&word[..w_end]) {
                continue;
            }
            let after = gs.end + 1 + w_end;
            let sent = self.sentence(gs.start);
            // Directly named member: `Nato-Mitglied Türkei`.
            let mut members: Vec<usize> = self
                .mention_after(after, &[], &[EntityKind::Country])
                .into_iter()
                .collect();
            // Listed after `wie`, `darunter`, `etwa` in the same sentence.
            // By memchr's substring search with its searchers built once: `str::find` built a
            // searcher for each word and group, which cost more than the search.
            static LISTS: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 4]> =
                std::sync::OnceLock::new();
            let lists = LISTS.get_or_init(|| {
                [" wie ", " darunter ", " etwa ", " namentlich "].map(memchr::memmem::Finder::new)
            });
            let tail = &self.doc.text.as_bytes()[after..sent.end.max(after)];
            if let Some(p) = lists
                .iter()
                .filter_map(|k| k.find(tail).map(|p| p + k.needle().len()))
                .min()
            {
                let from = after + p;
                members.extend(self.country_list(from));
                for c in members.clone() {
                    let ev = gs.start..self.m[c].span.end;
                    self.add(c, RelationKind::MemberOf, g, ev, None);
                }
                continue;
            }
            for c in members {
                let ev = gs.start..self.m[c].span.end;
                self.add(c, RelationKind::MemberOf, g, ev, None);
            }
        }
        // `Bündnistreue der USA`, `Mitgliedschaft der Türkei in der Nato`: with one alliance's
        // name in the text, whose first mention is the member's group. An organisation named
        // as the first group is one, and is not looked up again.
        let mut first: Option<usize> = None;
        for &i in orgs {
            match first {
                Some(g) if self.m[i].name == self.m[g].name => {}
                Some(_) if is_group(i) => return,
                Some(_) => {}
                None if is_group(i) => first = Some(i),
                None => {}
            }
        }
        let Some(g) = first else {
            return;
        };
        // The keys, whose uses are taken key by key, each in text order.
        const KEYS: [&str; 4] = [
            "Bündnistreue",
            "Bündnispartner",
            "Mitgliedschaft",
            "Bündnisverpflichtungen",
        ];
        // Over the whole text: memchr's substring search, much faster than `str::find`, with
        // its searchers built once, not for every document. Three keys start with `Bündnis`,
        // whose uses one search finds: the text is searched twice, not four times.
        static FINDERS: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 2]> =
            std::sync::OnceLock::new();
        let finders =
            FINDERS.get_or_init(|| ["Bündnis", "Mitgliedschaft"].map(memchr::memmem::Finder::new));
        let text = self.doc.text.as_bytes();
        let mut uses: Vec<(usize, usize)> = Vec::new();
        for finder in finders {
            for at in finder.find_iter(text) {
                if let Some(k) = KEYS
                    .iter()
                    .position(|k| text[at..].starts_with(k.as_bytes()))
                {
                    uses.push((k, at));
                }
            }
        }
        // By key, then by position.
        uses.sort_unstable();
        for (k, at) in uses {
            let pos = at + KEYS[k].len();
            if let Some(c) = self.mention_after(pos, &["der", "des", "von"], &[EntityKind::Country])
            {
                let ev = at..self.m[c].span.end;
                self.add(c, RelationKind::MemberOf, g, ev, None);
            }
        }
    }

    /// Two people joined by a meeting word in one sentence, and group captions.
    ///
    /// `persons`: the persons (`ByKind`).
    fn meetings(&mut self, persons: &[usize]) {
        // A meeting and a caption both need two people in one sentence, and most sentences
        // have fewer. The sentences with two or more, each with its run of `persons` (those
        // starting in it), are found by one walk over both lists, which are in text order,
        // where two binary searches for each sentence cost more.
        // Without two persons, no sentence has two, and the sentences are not walked.
        if persons.len() < 2 {
            return;
        }
        let mut runs: Vec<(Span, usize, usize)> = Vec::new();
        // The start of the next person not yet passed, held in a local and read once a
        // person: most sentences hold no person, and are passed by one comparison with it
        // (none before their end is left), where two tests a sentence read it through both
        // lists again.
        let start_of = |k: usize| persons.get(k).map_or(usize::MAX, |&p| self.m[p].span.start);
        let mut k = 0;
        let mut next = start_of(k);
        for s in &self.doc.sentences {
            if next >= s.span.end {
                continue;
            }
            while next < s.span.start {
                k += 1;
                next = start_of(k);
            }
            let from = k;
            while next < s.span.end {
                k += 1;
                next = start_of(k);
            }
            if k - from >= 2 {
                runs.push((s.span.clone(), from, k));
            }
        }
        // A cue joins the last person before it and the first one after it in its sentence
        // (see below), so only a cue after the first person's start and ending at most one
        // byte past the last one's start in such a run can join two, and only those bytes are
        // searched. A search may end anywhere: a match cut off there is of no use, and no cue
        // lies inside another to be found instead. It starts after a byte that no cue holds,
        // so that no match of the whole text runs across its start (runs whose bytes would
        // overlap are searched as one).
        let bytes: &'a [u8] = self.doc.text.as_bytes();
        let mut ranges: Vec<Span> = Vec::new();
        for &(_, from, to) in &runs {
            let mut lo = self.m[persons[from]].span.start;
            while lo > 0 && is_cue_byte(bytes[lo - 1]) {
                lo -= 1;
            }
            let hi = (self.m[persons[to - 1]].span.start + 1).min(bytes.len());
            match ranges.last_mut() {
                Some(r) if lo < r.end => r.end = r.end.max(hi),
                _ => ranges.push(lo..hi),
            }
        }
        for r in ranges {
            meeting_cues(&bytes[r.clone()], |hit| {
                let (at, cue_end) = (r.start + hit.start(), r.start + hit.end());
                let s = self.sentence(at);
                // Persons are in text order: the last one before the cue, the first one after.
                let k = persons.partition_point(|&p| self.m[p].span.end <= at);
                let before = k
                    .checked_sub(1)
                    .map(|k| persons[k])
                    .filter(|&p| self.m[p].span.start >= s.start);
                let after = persons[k..].iter().copied().find(|&p| {
                    self.m[p].span.start >= cue_end - 1
                        && before.is_none_or(|b| self.m[b].name != self.m[p].name)
                });
                let after = after.filter(|&p| self.m[p].span.end <= s.end);
                if let (Some(a), Some(b)) = (before, after) {
                    let ev = self.m[a].span.start..self.m[b].span.end;
                    self.add(a, RelationKind::Met, b, ev, None);
                }
            });
        }
        for (span, from, to) in runs {
            // `A, B, C und D am 8.12. in London`: a caption of people who met there. The
            // named persons inside the sentence are taken in pairs of neighbours as they come,
            // not collected into a list first.
            let mut run = vec![];
            let mut before = None;
            for p in persons[from..to]
                .iter()
                .copied()
                .filter(|&p| inside(&self.m[p].span, &span) && !self.m[p].descriptor)
            {
                let Some(a) = before.replace(p) else {
                    continue;
                };
                let w = [a, p];
                let gap = self
                    .doc
                    .text
                    .get(self.m[w[0]].span.end..self.m[w[1]].span.start)
                    .unwrap_or("");
                // `A, B und C`, also with titles before the names (`und Außenminister B`).
                let sep = gap.starts_with(", ") || gap.starts_with(" und ");
                // Asked only after `sep`, which most gaps fail; the `und `s are stripped by
                // prefix, without a string searcher.
                let titles_only = || {
                    let mut rest = gap.trim_start_matches([',', ' ']);
                    while let Some(r) = rest.strip_prefix("und ") {
                        rest = r;
                    }
                    rest.split_whitespace()
                        .all(|t| t.chars().next().is_some_and(char::is_uppercase))
                };
                if sep && gap.len() < 40 && titles_only() {
                    if run.is_empty() {
                        run.push(w[0]);
                    }
                    run.push(w[1]);
                } else if run.len() < 2 {
                    run.clear();
                } else {
                    break;
                }
            }
            if run.len() >= 2 {
                // A caption of people who met: the names, then only a date and a place up to
                // the end of the line (`… am 8.12. in London`).
                let last = self.m[*run.last().unwrap_or(&0)].span.end;
                let line_end = self.doc.text[last..]
                    .find('\n')
                    .map_or(self.doc.text.len(), |e| last + e);
                let tail = &self.doc.text[last..line_end];
                let tail = tail.split("Bild:").next().unwrap_or(tail);
                let tail = tail.split("Foto:").next().unwrap_or(tail);
                let caption = tail.len() < 45
                    && tail.contains(" in ")
                    && tail.split_whitespace().all(|w| {
                        !w.ends_with("en") || w.chars().next().is_some_and(char::is_uppercase)
                    });
                if caption {
                    let ev = self.m[run[0]].span.start..last + tail.len();
                    for i in 0..run.len() {
                        for j in i + 1..run.len() {
                            self.add(run[i], RelationKind::Met, run[j], ev.clone(), None);
                        }
                    }
                }
            }
        }
    }

    /// `Kanzleramt in Berlin`, `Oval Office des Weißen Hauses`, datelines `USA, Washington:`.
    ///
    /// `locations`: the places that are no descriptors (`ByKind`).
    fn places(&mut self, locations: &[usize]) {
        let place = [EntityKind::Location, EntityKind::Country];
        for &i in locations {
            let a = &self.m[i];
            let end = a.span.end;
            let rest = &self.doc.text[end..];
            // Every pattern below goes on after the place with a space (` in `, ` des `,
            // ` während `) or a colon (a dateline): most places are followed otherwise, and
            // are not tested further.
            if !matches!(rest.as_bytes().first(), Some(b' ' | b':')) {
                continue;
            }
            let target = if rest.starts_with(" in ") {
                self.mention_after(end + 4, &["der", "dem", "den"], &place)
            } else if rest.starts_with(" des ") || rest.starts_with(" der ") {
                self.mention_after(end + 5, &[], &[EntityKind::Location])
            } else {
                None
            };
            let capitalised = |t: usize| {
                self.text(&self.m[t].span)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            };
            if let Some(t) = target.filter(|&t| capitalised(t)) {
                let ev = a.span.start..self.m[t].span.end;
                self.add(i, RelationKind::LocatedIn, t, ev, None);
            }
            // `in Sotschi während der Olympischen Winterspiele`.
            if self.doc.text[..a.span.start].ends_with("in ")
                && let Some(r) = [" während der ", " während des ", " während "]
                    .iter()
                    .find(|w| rest.starts_with(**w))
                && let Some(e) = self.mention_after(end + r.len(), &[], &[EntityKind::Event])
            {
                let ev = a.span.start - 3..self.m[e].span.end;
                self.add(e, RelationKind::LocatedIn, i, ev, None);
            }
            // Dateline: `USA, Washington:` at the start of a line or caption.
            let before = &self.doc.text[..a.span.start];
            if let Some(head) = before.strip_suffix(", ")
                && rest.starts_with(':')
                && let Some(c) = (0..self.m.len()).find(|&c| {
                    self.m[c].kind == EntityKind::Country && self.m[c].span.end == head.len()
                })
            {
                let ev = self.m[c].span.start..end;
                self.add(i, RelationKind::LocatedIn, c, ev, None);
            }
        }
    }

    /// What an event's name says: its place, its holder, its parties.
    ///
    /// `events`: the events that are no descriptors (`ByKind`).
    fn events(&mut self, events: &[usize]) {
        let place = [EntityKind::Location, EntityKind::Country];
        // The mentions inside each event, in one list for all events: a list of its own for
        // each event cost an allocation each.
        let mut nested: Vec<usize> = Vec::new();
        for &e in events {
            let ev = &self.m[e];
            let span = ev.span.clone();
            let text = self.text(&span);
            let war = is_war(&ev.name);
            // Mentions are sorted by start: only those starting within the event's span can lie
            // inside it. The event is one of them, and they are found by walks from it (back
            // over those starting where it starts, on over the few within it), where two
            // binary searches over all mentions cost more.
            let mut from = e;
            while from > 0 && self.m[from - 1].span.start == span.start {
                from -= 1;
            }
            let mut to = e;
            while to < self.m.len() && self.m[to].span.start <= span.end {
                to += 1;
            }
            nested.clear();
            nested
                .extend((from..to.max(from)).filter(|&i| i != e && inside(&self.m[i].span, &span)));
            // Place after ` in `, and after `gegen` for wars.
            for &i in &nested {
                let m = &self.m[i];
                if !place.contains(&m.kind) {
                    continue;
                }
                let before = &self.doc.text[span.start..m.span.start];
                let in_place = before.ends_with(" in ")
                    || before.ends_with(" in der ")
                    || before.ends_with(" in den ")
                    || before.ends_with(" in dem ")
                    || before.ends_with(" im ");
                let against = before.ends_with("gegen die ") || before.ends_with("gegen den ");
                if in_place && !against {
                    self.add(e, RelationKind::LocatedIn, i, span.clone(), None);
                }
                if war && m.kind == EntityKind::Country && (in_place || against) {
                    self.add(i, RelationKind::ParticipatesIn, e, span.clone(), None);
                }
            }
            // The holder at the start (`NATO-Gipfel`, `US-Friedensplan`), an adjective
            // (`tschechische Munitionsinitiative`, `sowjetischen Krieg`), a genitive person
            // (`Trumps Friedensplan`), people met (`Treffen mit Putin`).
            for &i in &nested {
                let m = &self.m[i];
                let at_start = m.span.start == span.start;
                let after_mit = self.doc.text[span.start..m.span.start].ends_with(" mit ");
                let party = match m.kind {
                    EntityKind::Country | EntityKind::Organization => at_start,
                    EntityKind::Person => at_start || after_mit,
                    _ => false,
                };
                if party {
                    self.add(i, RelationKind::ParticipatesIn, e, span.clone(), None);
                }
            }
            // A `Krieg in X` compound (`Ukraine-Krieg`) names X as party.
            if war && !text.contains(' ') {
                for &i in &nested {
                    if self.m[i].kind == EntityKind::Country {
                        self.add(i, RelationKind::ParticipatesIn, e, span.clone(), None);
                    }
                }
            }
            // `Gespräche in Miami zwischen Vertretern der USA und Russlands`.
            // Only a `zwischen ` that starts within 20 bytes counts, so only the bytes where
            // one can lie are searched, not the rest of the sentence. The search may run past
            // the sentence's end, which is sought only where it finds one (few events): the
            // first found is the first within the sentence if any is.
            const BETWEEN: &[u8] = b"zwischen ";
            let bytes = self.doc.text.as_bytes();
            let near = &bytes[span.end..bytes.len().min(span.end + 20 + BETWEEN.len() - 1)];
            // Its first byte is sought by `memchr`, which most events' next bytes do not hold,
            // where a test of every window cost some instructions a byte.
            let mut z = 0;
            let found = loop {
                let Some(k) = memchr::memchr(b'z', &near[z..]) else {
                    break None;
                };
                if near[z + k..].starts_with(BETWEEN) {
                    break Some(z + k);
                }
                z += k + 1;
            };
            if let Some(p) = found
                && let sent = self.sentence(span.start)
                && span.end + p + BETWEEN.len() <= sent.end
            {
                let from = span.end + p;
                let to = self.doc.text[from..sent.end]
                    .find([',', '.', ';'])
                    .map_or(sent.end, |x| from + x);
                for i in 0..self.m.len() {
                    let m = &self.m[i];
                    if matches!(m.kind, EntityKind::Country | EntityKind::Organization)
                        && m.span.start >= from
                        && m.span.end <= to
                    {
                        let evs = span.start..to;
                        self.add(i, RelationKind::ParticipatesIn, e, evs, None);
                    }
                }
            }
        }
    }

    /// `Russlands Angriff auf die Ukraine`, `die von Russland angegriffene Ukraine`,
    /// `dass Russland die Ukraine angreife`, `Russland überfiel die Ukraine`.
    ///
    /// `countries`: the countries that are no descriptors (`ByKind`).
    fn attacks(&mut self, countries: &[usize]) {
        let text = &self.doc.text;
        let mut found: Vec<(usize, usize, Span)> = Vec::new();
        for (ci, &a) in countries.iter().enumerate() {
            let sa = self.m[a].span.clone();
            let rest = &text[sa.end..];
            // `Russlands Angriff(skrieg) auf/gegen die Ukraine`, `russische Angriff auf …`.
            // Every head starts with a space and `A`, `I`, `E` or `Ü` (whose first byte is
            // 0xC3): most mentions are followed otherwise, and the heads are not compared.
            let next = rest.as_bytes();
            let heads: &[&str] = if next.first() == Some(&b' ')
                && matches!(next.get(1), Some(b'A' | b'I' | b'E' | 0xC3))
            {
                &[
                    " Angriff auf ",
                    " Angriffskrieg gegen ",
                    " Angriff gegen ",
                    " Invasion in ",
                    " Überfall auf ",
                    " Einmarsch in ",
                ]
            } else {
                &[]
            };
            for head in heads {
                if let Some(r) = rest.strip_prefix(head).map(|_| sa.end + head.len())
                    && let Some(t) =
                        self.mention_after(r, &["die", "den", "das", "der"], &[EntityKind::Country])
                {
                    found.push((a, t, sa.start..self.m[t].span.end));
                }
            }
            // `von Russland angegriffenen Ukraine`.
            if text[..sa.start].ends_with("von ") {
                for verb in [
                    " angegriffenen ",
                    " angegriffene ",
                    " überfallenen ",
                    " überfallene ",
                ] {
                    if rest.starts_with(verb)
                        && let Some(t) =
                            self.mention_after(sa.end + verb.len(), &[], &[EntityKind::Country])
                    {
                        found.push((a, t, sa.start - 4..self.m[t].span.end));
                    }
                }
            }
            // `Russland (…) die Ukraine (…) angreife`, `Russland überfiel die Ukraine`.
            // Those before `a` start no later than it: the first one after it is found by a
            // walk from `a` on, past any that start within it, not by a binary search.
            let mut after = ci + 1;
            while after < countries.len() && self.m[countries[after]].span.start <= sa.end {
                after += 1;
            }
            // Only a target less than 40 bytes after `a` can pass the test of the words between
            // (`short` below), and the later ones start later still: most countries have none,
            // and their sentence is not sought.
            if countries
                .get(after)
                .is_none_or(|&t| self.m[t].span.start >= sa.end + 40)
            {
                continue;
            }
            // The countries are in text order: only those from after `a` to the sentence's end
            // can follow it in the sentence.
            let sent = self.sentence(sa.start);
            if let Some(&t) = countries[after..]
                .iter()
                .take_while(|&&t| self.m[t].span.start <= sent.end)
                .find(|&&t| self.m[t].span.end <= sent.end && self.m[t].name != self.m[a].name)
            {
                let between = &text[sa.end..self.m[t].span.start];
                let attack_verb = |s: &str| {
                    s.contains("angreif")
                        || s.contains("angegriffen")
                        || s.contains(" angriff")
                        || s.contains("überfiel")
                        || s.contains("überfallen")
                        || s.contains("greift")
                        || s.contains("griff ")
                        || s.contains("attackier")
                };
                // The object's article is tested first: most pairs fail it, and their words
                // between are not searched for a comma.
                let object_marked = between.ends_with(" die ") || between.ends_with(" den ");
                let short = || between.len() < 40 && !between.contains([',', ';']);
                // The clause after the target is cut out only for the few pairs that pass the
                // tests above: the search for its end walks the rest of the sentence.
                if object_marked && short() {
                    let after_t = &text[self.m[t].span.end..sent.end];
                    // By bytes: the marks are ASCII, which no other character's bytes hold.
                    let clause_end = after_t
                        .bytes()
                        .position(|b| matches!(b, b',' | b'.' | b';' | b':'))
                        .unwrap_or(after_t.len());
                    if attack_verb(&after_t[..clause_end]) || attack_verb(between) {
                        found.push((a, t, sa.start..self.m[t].span.end + clause_end));
                    }
                }
            }
        }
        // The wars are looked for only once an attack is found, which few documents hold.
        if found.is_empty() {
            return;
        }
        let wars: Vec<usize> = (0..self.m.len())
            .filter(|&i| self.m[i].kind == EntityKind::Event && is_war(&self.m[i].name))
            .collect();
        for (a, t, ev) in found {
            self.add(a, RelationKind::Attacked, t, ev.clone(), None);
            // The attack is the war in the target country, if the text names it.
            let target = self.m[t].name.clone();
            for &w in &wars {
                if event_key_str(&self.m[w].name).1 == target {
                    self.add(a, RelationKind::ParticipatesIn, w, ev.clone(), None);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::recognize;
    use crate::text;

    /// The cue search is leftmost-first, which finds what the standard search finds only
    /// while no cue contains another (at its start, end or inside).
    #[test]
    fn meeting_cues_are_found_as_the_standard_search_finds_them() {
        // Cues side by side sharing their spaces, cut short, in other case, and at both ends.
        let text = " traf trafen sich, Treffen mit ihr und treffen kamen zu Gesprächen mit, \
                    Gespräch mit dem getroffen empfing empfangen besuchte  besucht  kam mit kamen ";
        let standard = aho_corasick::AhoCorasick::new(MEETING_CUES).unwrap();
        for t in [text.to_string(), text.repeat(5), text[..20].to_string()] {
            let want: Vec<_> = standard.find_iter(&t).map(|m| m.span()).collect();
            let mut got = Vec::new();
            meeting_cues(t.as_bytes(), |m| got.push(m.span()));
            assert_eq!(got, want);
        }
        // The text exercises most cues, not an empty search.
        let mut found = 0;
        meeting_cues(text.as_bytes(), |_| found += 1);
        assert!(found >= 8);
    }

    #[test]
    fn meeting_cues_do_not_nest() {
        for a in MEETING_CUES {
            for b in MEETING_CUES {
                assert!(a == b || !a.contains(b), "{a:?} contains {b:?}");
            }
        }
    }

    /// Relations as `subject PREDICATE object` lines.
    fn rels(s: &str) -> Vec<String> {
        let d = text::parse("t.txt", "t.txt", s.as_bytes()).unwrap();
        let m = recognize(&d);
        find(&d, &m)
            .iter()
            .map(|r| {
                let role = r
                    .role
                    .as_ref()
                    .map(|x| format!(" [{x}{}]", if r.former { ", former" } else { "" }))
                    .unwrap_or_default();
                format!(
                    "{} {}{} {}",
                    m[r.subject].name,
                    r.kind.rel_type(),
                    role,
                    m[r.object].name
                )
            })
            .collect()
    }

    fn has(s: &str, line: &str) {
        let got = rels(s);
        assert!(got.iter().any(|l| l == line), "{line}\n in {got:?}");
    }

    #[test]
    fn roles_with_prefix_genitive_adjective_and_former() {
        has(
            "EU-Kommissarin Lena Probst reiste ab.",
            "Lena Probst HOLDS_ROLE [Kommissar] EU",
        );
        has(
            "Spaniens Präsident Juan Ejemplo sprach.",
            "Juan Ejemplo HOLDS_ROLE [Präsident] Spanien",
        );
        has(
            "Der frühere polnische Regierungschef Jan Przyklad sprach.",
            "Jan Przyklad HOLDS_ROLE [Regierungschef, former] Polen",
        );
        has(
            "Der ukrainische Ex-Außenminister Petro Pryklad kam.",
            "Petro Pryklad HOLDS_ROLE [Außenminister, former] Ukraine",
        );
    }

    #[test]
    fn federal_roles_belong_to_the_country_the_text_is_about() {
        has(
            "Bundeskanzlerin Eva Muster reiste von Wien nach Graz. Österreich feiert.",
            "Eva Muster HOLDS_ROLE [Bundeskanzler] Österreich",
        );
        has(
            "Bundeskanzlerin Eva Muster reiste nach Berlin. Deutschland feiert.",
            "Eva Muster HOLDS_ROLE [Bundeskanzler] Deutschland",
        );
    }

    #[test]
    fn nationality_and_demonyms() {
        let s = "Der schwedische UN-Generalsekretär Nils Exempel sprach. Das reiche, sagte der Schwede.";
        has(s, "Nils Exempel CITIZEN_OF Schweden");
        has(s, "Nils Exempel HOLDS_ROLE [Generalsekretär] UN");
    }

    #[test]
    fn party_and_alliance_membership() {
        has(
            "Dazu sprach Anna Beispiel (SPD) im Bundestag.",
            "Anna Beispiel MEMBER_OF SPD",
        );
        has(
            "Alle EU-Staaten, darunter Irland und Malta, stimmten zu.",
            "Irland MEMBER_OF EU",
        );
        has(
            "Die Nato wächst. Die Bündnistreue der Türkei gilt als sicher.",
            "Türkei MEMBER_OF NATO",
        );
    }

    #[test]
    fn meetings() {
        has(
            "Kanzler Olaf Beispiel trifft sich mit Präsident Jean Exemple.",
            "Olaf Beispiel MET Jean Exemple",
        );
        has(
            "Anna Muster, Jean Exemple und Juan Ejemplo am Montag in Paris.",
            "Anna Muster MET Juan Ejemplo",
        );
    }

    #[test]
    fn places_and_events() {
        has(
            "Das Treffen in Genf endete.",
            "Treffen in Genf LOCATED_IN Genf",
        );
        has(
            "Die EU-Initiative wird verlängert.",
            "EU PARTICIPATES_IN EU-Initiative",
        );
        has(
            "USA, Chicago: Ein Bild vom Hafen.",
            "Chicago LOCATED_IN USA",
        );
        has(
            "Der Krieg in der Ukraine dauert an.",
            "Ukraine PARTICIPATES_IN Krieg in der Ukraine",
        );
    }

    #[test]
    fn snapshot_of_relations() {
        let text = "Der frühere schwedische Regierungschef Nils Exempel (CDU) traf den \
            Kremlsprecher Iwan Beispielow beim EU-Gipfel in Brüssel. Alle EU-Staaten, darunter \
            Irland und Malta, waren dabei. Kuwaits Angriff auf den Irak ist vergessen.";
        let d = text::parse("t.txt", "t.txt", text.as_bytes()).unwrap();
        let m = recognize(&d);
        insta::assert_snapshot!(render(&d, &m, &find(&d, &m)));
    }

    proptest::proptest! {
        /// Relation finding never panics and evidence spans are valid slices.
        #[test]
        fn any_text_gives_valid_evidence(s in "[A-Za-zÄÖÜäöüß0-9 .,:;()'’„“\n-]{0,200}") {
            if let Ok(d) = text::parse("p.txt", "p.txt", s.as_bytes()) {
                let m = recognize(&d);
                for r in find(&d, &m) {
                    proptest::prop_assert!(d.text.get(r.evidence.clone()).is_some());
                }
            }
        }
    }

    #[test]
    fn leadership_belonging_and_lists() {
        has(
            "Die Afrikanische Union unter Führung von Ghana und Kenia tagte.",
            "Kenia MEMBER_OF Afrikanische Union",
        );
        has(
            "Die Funke Mediengruppe, zu der auch die WAZ gehört, berichtet.",
            "Westdeutsche Allgemeine Zeitung MEMBER_OF Funke Mediengruppe",
        );
        // The list after `wie` ends where the listing ends.
        let got = rels("Viele Nato-Länder wie Belgien und Estland fürchten Russland.");
        assert!(
            got.contains(&"Estland MEMBER_OF NATO".to_string()),
            "{got:?}"
        );
        assert!(!got.iter().any(|l| l.starts_with("Russland")), "{got:?}");
    }

    #[test]
    fn holder_before_unter_and_events_during_a_stay() {
        has(
            "Die Politik der USA unter Präsident Tom Beispiel ändert sich.",
            "Tom Beispiel HOLDS_ROLE [Präsident] USA",
        );
        has(
            "Er war in Peking während der Olympischen Sommerspiele.",
            "Olympische Sommerspiele LOCATED_IN Peking",
        );
    }

    #[test]
    fn captions_of_people_meeting_somewhere() {
        has(
            "Kanzlerin Eva Muster und Außenminister Jan Beispiel am Montag in Wien\nFoto: dpa",
            "Eva Muster MET Jan Beispiel",
        );
        // A sentence with a verb after the names is no caption.
        let got = rels("Eva Muster und Jan Beispiel haben am Montag in Wien gestritten.");
        assert!(!got.iter().any(|l| l.contains(" MET ")), "{got:?}");
        has(
            "22.10.2025, Kanada, Toronto: Ein Hafen.",
            "Toronto LOCATED_IN Kanada",
        );
    }

    #[test]
    fn attacks() {
        has(
            "Der Krieg im Irak begann mit dem Angriff. Kuwaits Angriff auf den Irak scheiterte.",
            "Kuwait ATTACKED Irak",
        );
        has(
            "Das von Serbien angegriffene Kroatien wehrte sich.",
            "Serbien ATTACKED Kroatien",
        );
        has(
            "Man fürchtet, dass Nordkorea die Philippinen angreife.",
            "Nordkorea ATTACKED Philippinen",
        );
    }
}
