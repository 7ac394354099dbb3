//! Frames that report without a verb of saying: a noun of speech with the clause it announces
//! (`die Forderung des Landrats, die Schule zu schließen`), and findings declared (`sieht es als
//! erwiesen an, dass …`). Stances (`ist überzeugt`, `hält es für möglich`) are no statements
//! (GUIDE.md), though the Wikinews gold counts them.

use super::{
    Finder, Found, PRONOUNS, SUBORDINATORS, Tok, is_adjective, is_article, is_cap, is_subordinator,
};
use crate::lexicon::Bits16;
use crate::text::Span;
use std::sync::OnceLock;

/// Nouns of speech, demand, plan and conjecture whose complement clause after a comma is what
/// was said, demanded or conjectured (`der Vorschlag, die Flagge zu ändern`, `die Behauptung,
/// dass …`). Matched at the end of a word, so compounds count too (`Rücktrittsforderung`).
/// Nouns that more often take a purpose or a plain relative clause (`Ziel`, `Frage`,
/// `Verdacht`, `Angebot`) are left out: their clauses are rarely anyone's words.
const CLAUSE_NOUNS: &[&str] = &[
    "forderung",
    "forderungen",
    "aufforderung",
    "aufforderungen",
    "befehl",
    "appell",
    "appelle",
    "aufruf",
    "aufrufe",
    "warnung",
    "warnungen",
    "vorschlag",
    "vorschläge",
    "ankündigung",
    "behauptung",
    "behauptungen",
    "vorwurf",
    "vorwürfe",
    "hinweis",
    "hinweise",
    "theorie",
    "these",
    "hypothese",
    "schlussfolgerung",
    "begründung",
    "beschluss",
    "entscheidung",
    "drohung",
    "versprechen",
    "zusage",
    "zusicherung",
    "empfehlung",
    "mahnung",
    "anweisung",
    "anordnung",
    "anfrage",
    "anfragen",
    "bedingung",
    "erklärung",
    "aussage",
    "meldung",
    "meldungen",
    "vermutung",
    "einschätzung",
    "vereinbarung",
    "beteuerung",
];

/// The two bytes a word ends in, as one key.
fn last_two(w: &str) -> Option<u16> {
    let b = w.as_bytes();
    let n = b.len();
    (n >= 2).then(|| u16::from_le_bytes([b[n - 2], b[n - 1]]))
}

/// The slot of a word's last four bytes among 65,536, mixed by one multiplication; `None` for a
/// word of fewer than four bytes, which no noun of `CLAUSE_NOUNS` is (all have five or more,
/// tested).
fn tail_slot(w: &str) -> Option<usize> {
    let tail = w.as_bytes().last_chunk::<4>()?;
    Some(tail_slot_of(u32::from_le_bytes(*tail)))
}

/// `tail_slot` of the four bytes `tail`, in little-endian order.
#[inline(always)]
fn tail_slot_of(tail: u32) -> usize {
    (u64::from(tail).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

/// Four ASCII bytes (little-endian) with their capitals lower-cased, all at once: a byte's top
/// bit after adding 0x3F is set from `A` on, after adding 0x25 from past `Z`, and no sum
/// carries into the next byte, as every byte is below 0x80.
#[inline(always)]
fn ascii_lower4(x: u32) -> u32 {
    let upper = x.wrapping_add(0x3F3F_3F3F) & !x.wrapping_add(0x2525_2525) & 0x8080_8080;
    x | (upper >> 2)
}

/// `CLAUSE_NOUNS` grouped by the slot of their last four bytes: most words end otherwise, and
/// one table read answers them; a word that ends like a noun is compared only with the few
/// nouns of its slot. Grouped by the last two bytes, the 21 nouns in `-ng` were compared with
/// every word in `-ung`, and each group was found by a hash.
struct ByEnd {
    /// For each slot, one more than the index of its group in `groups`, or 0 for none.
    slots: Box<[u8; 1 << 16]>,
    groups: Vec<Vec<&'static str>>,
    /// The last two bytes of each noun of `CLAUSE_NOUNS` and of `CLAUSE_NOUNS_WHOLE`: a word
    /// whose last two bytes are none of them is no noun of either list.
    any_keys: Bits16,
}

/// The groups, built from the lists themselves on first use, so that a noun added to a list
/// is found without more ado.
fn by_end() -> &'static ByEnd {
    static BY_END: OnceLock<ByEnd> = OnceLock::new();
    BY_END.get_or_init(|| {
        let mut e = ByEnd {
            slots: Box::new([0; 1 << 16]),
            groups: Vec::new(),
            any_keys: Bits16::default(),
        };
        for n in CLAUSE_NOUNS {
            // Every noun has at least five bytes (tested), so each has a slot.
            if let Some(s) = tail_slot(n) {
                if e.slots[s] == 0 {
                    e.groups.push(Vec::new());
                    e.slots[s] = u8::try_from(e.groups.len()).expect("at most 255 groups");
                }
                e.groups[usize::from(e.slots[s]) - 1].push(n);
            }
        }
        for n in CLAUSE_NOUNS.iter().chain(CLAUSE_NOUNS_WHOLE) {
            if let Some(k) = last_two(n) {
                e.any_keys.insert(usize::from(k));
            }
        }
        e
    })
}

/// Whether a lower-case word is or ends in one of `CLAUSE_NOUNS`: the same answer as
/// `CLAUSE_NOUNS.iter().any(|n| w.ends_with(n))`, but only the nouns that share the slot of the
/// word's last four bytes are compared. The scan of the whole list ran for every capitalised
/// word of every unit without a cue and was the largest cost of finding cues.
/// Always inlined: its table read answers most words, for less than a call costs.
#[inline(always)]
fn ends_in_clause_noun(w: &str) -> bool {
    let by_end = by_end();
    tail_slot(w)
        .map(|s| by_end.slots[s])
        .filter(|&g| g != 0)
        .is_some_and(|g| {
            by_end.groups[usize::from(g) - 1]
                .iter()
                .any(|n| w.ends_with(n))
        })
}

/// Whether word `w` (any case) may be a noun of `CLAUSE_NOUNS` or `CLAUSE_NOUNS_WHOLE` by its
/// last bytes, without lower-casing it: `false` only where ASCII bytes end it that end its
/// lower-case form too, lower-cased, and rule out both lists.
/// A word of seven bytes or more is none of `CLAUSE_NOUNS_WHOLE`, whose words lower-case only
/// from words of at most six bytes (no character beyond ASCII lower-cases into one of their
/// letters but `Ä` into `ä`). Where its last four bytes are ASCII, they lower-case one by one
/// into the last four bytes of its lower-case form, whose slot `ends_in_clause_noun` reads
/// first: a word that ends in no noun's slot is ruled out by that read here, before it is
/// lower-cased.
/// Always inlined into `noun_clause`'s scan, which asks it about every capitalised word.
#[inline(always)]
fn may_be_clause_noun(w: &str) -> bool {
    let word = |s: &[u8; 4]| u32::from_le_bytes(*s);
    match w.as_bytes() {
        [.., a, b, c, d]
            if w.len() >= 7 && u32::from_le_bytes([*a, *b, *c, *d]) & 0x8080_8080 == 0 =>
        {
            let tail = ascii_lower4(u32::from_le_bytes([*a, *b, *c, *d]));
            by_end().slots[tail_slot_of(tail)] != 0
        }
        // Short words of ASCII bytes, most of them articles and pronouns, are answered
        // exactly: their lower-case form is their ASCII lower-case form, of the same length,
        // and `CLAUSE_NOUNS` has no noun of fewer than five bytes (tested), so a word of two
        // bytes or fewer is no noun, one of three or four bytes only `rat`, `plan` or `rede`,
        // and one of five or six bytes ends in a noun's slot or is `bitte`.
        [_] | [_, _] if w.is_ascii() => false,
        [a, b, c] if (a | b | c) < 0x80 => {
            ascii_lower4(u32::from_le_bytes([*a, *b, *c, b' '])) == word(b"rat ")
        }
        [a, b, c, d] if u32::from_le_bytes([*a, *b, *c, *d]) & 0x8080_8080 == 0 => {
            let l = ascii_lower4(u32::from_le_bytes([*a, *b, *c, *d]));
            l == word(b"plan") || l == word(b"rede")
        }
        [a, b, c, d, e]
            if (u32::from_le_bytes([*a, *b, *c, *d]) | u32::from(*e)) & 0x8080_8080 == 0 =>
        {
            short_clause_noun(
                u32::from_le_bytes([*a, *b, *c, *d]),
                u32::from_le_bytes([*b, *c, *d, *e]),
                true,
            )
        }
        [a, b, c, d, e, f]
            if (u32::from_le_bytes([*a, *b, *c, *d]) | u32::from_le_bytes([*c, *d, *e, *f]))
                & 0x8080_8080
                == 0 =>
        {
            short_clause_noun(
                u32::from_le_bytes([*a, *b, *c, *d]),
                u32::from_le_bytes([*c, *d, *e, *f]),
                false,
            )
        }
        [.., x, y] if x.is_ascii() && y.is_ascii() => {
            x.is_ascii_uppercase()
                || y.is_ascii_uppercase()
                || by_end()
                    .any_keys
                    .contains(usize::from(u16::from_le_bytes([*x, *y])))
        }
        _ => true,
    }
}

/// `may_be_clause_noun` for a word of five (`five`) or six ASCII bytes, whose first and last
/// four bytes are `first` and `last`: it may end in a noun of `CLAUSE_NOUNS` by its slot, or
/// be `bitte` (the other words of `CLAUSE_NOUNS_WHOLE` have other lengths or are not ASCII).
#[inline(always)]
fn short_clause_noun(first: u32, last: u32, five: bool) -> bool {
    let tail = ascii_lower4(last);
    by_end().slots[tail_slot_of(tail)] != 0
        || (five
            && ascii_lower4(first) == u32::from_le_bytes(*b"bitt")
            && tail == u32::from_le_bytes(*b"itte"))
}

/// Whether token `t` may be a noun of `Finder::clause_noun` outside a quotation, by its first
/// byte, its last two bytes and its flags: the tests that rule out most tokens, without a
/// character decoded.
#[inline(always)]
fn may_be_clause_noun_token(t: &Tok) -> bool {
    t.text
        .as_bytes()
        .first()
        .is_some_and(|&b| CAP_START[usize::from(b)])
        && !t.quoted
        && t.word
        && may_be_clause_noun(t.text)
}

/// The index of the first token from `from` on that `may_be_clause_noun_token` lets through.
/// Not inlined: inside `noun_clause`, whose body needs many registers, the scan's index was
/// kept on the stack and reloaded for every token.
#[inline(never)]
fn next_clause_noun_token(toks: &[Tok], from: usize) -> Option<usize> {
    toks[from..]
        .iter()
        .position(may_be_clause_noun_token)
        .map(|d| from + d)
}

/// For each byte, whether a word that begins with it may be capitalised (`is_cap`): an ASCII
/// capital or digit, or a byte beyond ASCII, whose character `is_cap` decodes.
static CAP_START: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c >= 0x80 || c.is_ascii_uppercase() || c.is_ascii_digit();
        b += 1;
    }
    table
};

/// Nouns too short or too common to match as the end of a compound (`Fahrplan`,
/// `Bittebrief`): only the word itself counts.
/// `rede` as in `Es war die Rede davon, dass …`; compounds (`Wahlrede`) name speeches.
const CLAUSE_NOUNS_WHOLE: &[&str] = &["plan", "pläne", "bitte", "rat", "rede"];

/// Words that open a clause going on after a comma inside a `dass` clause (a relative clause,
/// a second `dass`, a coordination): the content does not end at such a comma.
const CONTINUE: &[&str] = &[
    "wobei", "weil", "da", "wenn", "falls", "obwohl", "dass", "ob", "wie", "was", "wo", "welche",
    "welcher", "welches", "denen", "deren", "dessen", "er", "sie", "es", "man", "wir", "ich", "so",
    "zumal", "damit", "sodass", "nachdem", "bevor",
];

/// The verbs of `stance_frame` (`sah es als erwiesen an`): `find_cue` looks for the frame only
/// where a word has their class bit (`lexicon::class::STANCE`).
pub(super) const STANCE_VERBS: &[&str] = &["sieht", "sah", "sehen", "sahen"];

impl<'a> Finder<'a> {
    /// `Das Gericht sah es als erwiesen an, dass …`, `Als wichtige Aufgabe sieht es X an, …
    /// zu …`: a finding or a task declared by the subject, with its content in a `dass`/`ob`
    /// clause, Konjunktiv or a zu-infinitive after the comma that closes the frame. An expletive
    /// subject declares nothing.
    pub(super) fn stance_frame(&self, u: &Span, toks: &[Tok]) -> Option<Found> {
        if !self.has_comma() {
            return None;
        }
        for v in 0..toks.len() {
            let w = toks[v].text;
            // The verb is asked first: it is one of four words, while the comma is a scan to
            // the end of the clause, which for every token made this quadratic in the unit.
            if toks[v].quoted || !STANCE_VERBS.contains(&w) {
                continue;
            }
            let end = self.next_comma(toks, v + 1);
            if end >= toks.len() || toks[end].text != "," || end > v + 8 {
                continue;
            }
            let frame = &toks[v + 1..end];
            let has = |list: &[&str]| frame.iter().position(|t| list.contains(&t.text));
            // `sah es als erwiesen an`: `als` inside, the particle `an` closing the frame.
            let cue = (STANCE_VERBS.contains(&w)
                && has(&["als"]).is_some()
                && frame.last().is_some_and(|t| t.text == "an"))
            .then(|| format!("{w} als … an"));
            let Some(cue) = cue else { continue };
            if !(self.content_follows(toks, end) || self.ends_in_zu_infinitive(toks, end)) {
                continue;
            }
            // A frame inside a subordinate clause (`Da die Crew es für sinnvoll hielt, …`)
            // is a reason, not a report, unless its verb opens the sentence's main clause.
            let clause_start = toks[..v]
                .iter()
                .rposition(|t| !t.quoted && t.text == ",")
                .map_or(0, |k| k + 1);
            if toks
                .get(clause_start)
                .is_some_and(|t| is_subordinator(t.text))
            {
                continue;
            }
            let subject = self.verb_subject(toks, v, clause_start);
            if subject.as_ref().is_some_and(|r| {
                ["Es", "es", "Das", "das", "Dies"].contains(&&self.text[r.clone()])
            }) {
                continue;
            }
            let content = toks[end].span.end..u.end;
            return Some(Found {
                cue,
                content,
                speaker: self.speaker_ref(subject),
                addressee: None,
                topics: Vec::new(),
            });
        }
        None
    }

    /// Whether a comma token may stand among `toks`, which are the current unit's tokens or a
    /// run of them: both frames need one, and the unit's `mark` bit rules out the units
    /// without one before a test of each of their words.
    fn has_comma(&self) -> bool {
        self.marks & super::mark::COMMA != 0
    }

    /// Whether a token is a noun of speech that may announce its content in a clause, for a
    /// token that `may_be_clause_noun_token` let through.
    fn clause_noun(&self, t: &Tok) -> bool {
        if !is_cap(t.text) {
            return false;
        }
        let noun = |l: &str| ends_in_clause_noun(l) || CLAUSE_NOUNS_WHOLE.contains(&l);
        // Asked about every capitalised word of a unit without a cue: the lower-case form of a
        // word of Latin-1 characters (whose UTF-8 bytes are all below 0xC4) is in the
        // document's lower-cased text, others are lower-cased on the stack.
        if t.text.bytes().all(|b| b < 0xC4) {
            noun(&self.doc.lower[t.span.clone()])
        } else {
            crate::lexicon::with_lowercase(t.text, noun)
        }
    }

    /// `die Forderung des Landrats Karl Huber, die Schule zu schließen`, `der Befehl, die
    /// Straße zu sperren`, `die Behauptung, dass …`: a noun of speech whose complement after
    /// its comma is a `dass`/`ob` clause or ends in a zu-infinitive. The clause is what was
    /// said. Its speaker is the holder named right after the noun (a genitive or `von`
    /// phrase, perhaps with an apposition), or else the subject opening the sentence when the
    /// noun is that subject's object (`Der Minister erteilte der Polizei den Befehl, …`);
    /// after `trotz`, `auf` and other prepositions the subject only reacts to it.
    pub(super) fn noun_clause(&self, toks: &[Tok]) -> Option<Found> {
        self.noun_clause_before(toks, toks.len())
    }

    /// `noun_clause` with the noun among the first `limit` tokens: the first noun found there
    /// is the first found among all tokens wherever that one stands before `limit`, and a
    /// caller that takes only a clause ending before token `limit` starts can take none whose
    /// noun stands from there on, as the clause follows its noun.
    pub(super) fn noun_clause_before(&self, toks: &[Tok], limit: usize) -> Option<Found> {
        if !self.has_comma() {
            return None;
        }
        // The tokens that may be nouns are found by their first and last bytes in a loop of
        // its own (`next_clause_noun_token`): most are words in lower case or punctuation,
        // and most capitalised words end as no noun of speech does. The loop's body, which
        // needs more registers, runs only for the few left.
        // A noun is asked about only if a comma follows it (below), so the tokens from the
        // unit's last comma on are none: the scan stops there.
        let last_comma = toks.iter().rposition(|t| t.text == ",")?;
        let mut from = 0;
        while let Some(k) = next_clause_noun_token(&toks[..last_comma.min(limit)], from) {
            from = k + 1;
            let t = &toks[k];
            if !self.clause_noun(t) {
                continue;
            }
            // The holder phrase between the noun and its comma: a few words without a verb.
            let Some(c) = toks[k + 1..]
                .iter()
                .take(8)
                .position(|t| t.quoted || matches!(t.text, "," | ":" | ";" | "." | "–" | "—"))
                .map(|d| k + 1 + d)
            else {
                continue;
            };
            // `Vorwürfe werden laut, dass …`: the demand or charge is voiced by no one named.
            const WERDEN: &[&str] = &["wird", "werden", "wurde", "wurden"];
            let loud = toks[c - 1].text == "laut"
                && ((c >= k + 3 && WERDEN.contains(&toks[k + 1].text))
                    || (c == k + 2 && k >= 1 && WERDEN.contains(&toks[k - 1].text)));
            if toks[c].text != "," || (c > k + 1 && !loud && !self.verbless(&toks[k + 1..c])) {
                continue;
            }
            // An apposition naming the holder (`ihres Trainers, Jan Berg, …`) comes before the
            // clause.
            let (holder_end, sep) = match self.apposition(toks, c) {
                Some(last) if toks.get(last + 1).is_some_and(|t| t.text == ",") => {
                    (last + 1, last + 1)
                }
                _ => (c, c),
            };
            let next = toks.get(sep + 1).map_or("", |t| t.text);
            // A clause in Konjunktiv is reported too (`Vorwürfe stehen im Raum, sie habe …`),
            // but not a relative clause that happens to hold one.
            let dass = ["dass", "ob"].contains(&next)
                || (self.content_follows(toks, sep) && !self.relative_clause(toks, sep));
            if !dass && !self.ends_in_zu_infinitive(toks, sep) {
                continue;
            }
            let end = self.complement_end(toks, sep, dass);
            if end <= sep + 2 {
                continue;
            }
            let content = toks[sep + 1].span.start..toks[end - 1].span.end;
            let holder = (holder_end > k + 1 && !loud)
                .then(|| toks[k + 1].span.start..toks[holder_end - 1].span.end)
                .filter(|r| self.names_speaker(r));
            let speaker = holder.or_else(|| (!loud).then(|| self.object_holder(toks, k)).flatten());
            return Some(Found {
                cue: toks[k].text.to_string(),
                content,
                speaker: self.speaker_ref(speaker),
                addressee: None,
                topics: Vec::new(),
            });
        }
        None
    }

    /// The token index where the complement clause opened after the comma at `sep` ends: a
    /// zu-infinitive clause runs through further zu-infinitives after commas (`…, dabei zu
    /// helfen, Menschen zu retten`); a `dass` clause through commas that open a relative
    /// clause, a coordination or another subordinate clause. A comma followed by a verb or an
    /// adverb goes back to the main clause (`…, dass die Räume vermietet werden, wurden die
    /// Redakteure verlegt`).
    fn complement_end(&self, toks: &[Tok], sep: usize, dass: bool) -> usize {
        let mut end = self.next_comma(toks, sep + 1);
        loop {
            if end >= toks.len() || toks[end].text != "," {
                break;
            }
            let goes_on = if dass {
                // `und` goes on with a second `dass` or a subject (`…, und die Kosten
                // stiegen`), not with the main clause's next verb (`…, und will …`).
                let k = if toks
                    .get(end + 1)
                    .is_some_and(|t| ["und", "oder", "aber", "sondern"].contains(&t.text))
                {
                    end + 2
                } else {
                    end + 1
                };
                // A relative clause after a preposition (`…, mit dem man …`) goes on too.
                let w = toks.get(k).map_or("", |t| t.text);
                let prep_relative = (is_prep(w) || ["mit", "bei", "nach"].contains(&w))
                    && toks.get(k + 1).is_some_and(|t| {
                        ["dem", "der", "den", "denen", "das", "welchem", "welcher"]
                            .contains(&t.text)
                    })
                    // A relative pronoun, not an article (`…, mit den Worten …`): no noun or
                    // adjective after it.
                    && toks.get(k + 2).is_some_and(|t| {
                        t.text.starts_with(char::is_lowercase) && !is_adjective(t.text)
                    });
                prep_relative
                    || toks.get(k).is_some_and(|t| {
                        t.quoted
                            || is_article(t.text)
                            || CONTINUE.contains(&t.text)
                            || SUBORDINATORS.contains(&t.text)
                            || (k == end + 2 && is_cap(t.text))
                    })
            } else {
                self.ends_in_zu_infinitive(toks, end)
            };
            if !goes_on {
                break;
            }
            end = self.next_comma(toks, end + 1);
        }
        self.words_end(toks, sep + 1, end)
    }

    /// The next unquoted comma, semicolon or colon from token `from`, or the unit end.
    fn next_comma(&self, toks: &[Tok], from: usize) -> usize {
        toks[from..]
            .iter()
            .position(|t| !t.quoted && matches!(t.text, "," | ";" | ":"))
            .map_or(toks.len(), |d| from + d)
    }

    /// The subject opening the sentence when the noun at `k` is its object, right after an
    /// article or `mit`/`zur` (`Die Partei fasste den Beschluss, …`, `Er schloss mit dem
    /// Appell, …`, `X machte zur Bedingung, …`), and the subject names someone.
    fn object_holder(&self, toks: &[Tok], k: usize) -> Option<Span> {
        const OBJECT_ARTICLES: &[&str] = &[
            "den", "die", "das", "einen", "eine", "dem", "seinen", "seine", "ihren", "ihre",
        ];
        let before = toks.get(k.checked_sub(1)?)?.text;
        let prep = k >= 2 && ["mit", "zur"].contains(&toks[k - 2].text);
        if !(before == "zur"
            || OBJECT_ARTICLES.contains(&before) && (k < 2 || prep || !is_prep(toks[k - 2].text)))
        {
            return None;
        }
        let first = toks.first()?;
        if !(is_cap(first.text) || is_article(first.text)) || first.quoted {
            return None;
        }
        let np = self.np_after(toks, 0)?;
        if np.start != first.span.start || np.end > toks[k].span.start {
            return None;
        }
        (self.names_speaker(&np) || PRONOUNS.contains(&&self.text[np.clone()])).then_some(np)
    }
}

/// Prepositions before an article whose noun is no object of the subject's act (`trotz der
/// Warnung`, `auf die Forderung`).
fn is_prep(w: &str) -> bool {
    [
        "auf", "trotz", "gegen", "über", "nach", "vor", "an", "in", "für", "von", "zu", "bei",
        "aus", "wegen", "seit", "unter", "ohne", "durch",
    ]
    .contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grouped suffix test answers as the scan of the whole list, for every noun, its
    /// compounds and plurals, words that share only its end or its start, and short words.
    #[test]
    fn clause_noun_groups_answer_as_the_list() {
        assert!(CLAUSE_NOUNS.iter().all(|n| n.len() >= 5));
        let mut words: Vec<String> = vec![
            String::new(),
            "g".into(),
            "ng".into(),
            "ung".into(),
            "zeitung".into(),
            "hoffnung".into(),
            "ratschlag".into(),
            "übersee".into(),
        ];
        for n in CLAUSE_NOUNS {
            words.push(n.to_string());
            words.push(format!("rücktritts{n}"));
            words.push(format!("{n}en"));
            words.push(n[1..].to_string());
            words.push(n[..n.len() - 1].to_string());
        }
        for w in &words {
            let plain = CLAUSE_NOUNS.iter().any(|n| w.ends_with(n));
            assert_eq!(ends_in_clause_noun(w), plain, "{w}");
        }
        assert!(ends_in_clause_noun("rücktrittsforderung"));
        assert!(!ends_in_clause_noun("zeitung"));
    }

    /// The test of the last two bytes rules out no noun of either list, in any case or
    /// compound, and rules out words that end otherwise.
    #[test]
    fn capital_start_holds_every_capitalised_word() {
        for w in [
            "Forderung",
            "Äußerung",
            "Ölpreis",
            "2020",
            "Élan",
            "Σ",
            "a",
            ",",
            "„",
        ] {
            if is_cap(w) {
                assert!(CAP_START[usize::from(w.as_bytes()[0])], "{w}");
            }
        }
        for b in 0..=255u8 {
            if b.is_ascii() {
                let w = (b as char).to_string();
                assert_eq!(CAP_START[usize::from(b)], is_cap(&w), "{b}");
            }
        }
    }

    /// `may_be_clause_noun` rules out only words that are no noun of either list once
    /// lower-cased: every noun in three cases passes, and so does every compound of a noun of
    /// `CLAUSE_NOUNS` (those of `CLAUSE_NOUNS_WHOLE` count only alone).
    #[test]
    fn last_bytes_rule_out_no_clause_noun() {
        let noun = |w: &str| {
            let l = w.to_lowercase();
            ends_in_clause_noun(&l) || CLAUSE_NOUNS_WHOLE.contains(&l.as_str())
        };
        for n in CLAUSE_NOUNS.iter().chain(CLAUSE_NOUNS_WHOLE) {
            let cap = format!("{}{}", n[..1].to_uppercase(), &n[1..]);
            for w in [
                n.to_string(),
                cap.clone(),
                cap.to_uppercase(),
                format!("Rücktritts{n}"),
                format!("RÜCKTRITTS{}", n.to_uppercase()),
            ] {
                assert!(may_be_clause_noun(&w) || !noun(&w), "{w}");
                if CLAUSE_NOUNS.contains(n) || w.len() <= 6 {
                    assert!(may_be_clause_noun(&w), "{w}");
                }
            }
        }
        assert!(!may_be_clause_noun("Rücktrittsplan"));
        assert!(!may_be_clause_noun("Haus"));
        // Short words of ASCII bytes are answered exactly up to four bytes, in any case.
        for w in [
            "Er", "Die", "Rat", "RAT", "rAt", "Eine", "Plan", "PLAN", "Rede", "REDE", "Ihre",
            "Bitte", "BITTE", "Bitten", "Pläne", "PLÄNE", "Räte", "Anlass",
        ] {
            assert!(may_be_clause_noun(w) || !noun(w), "{w}");
            if w.is_ascii() && w.len() <= 4 {
                assert_eq!(may_be_clause_noun(w), noun(w), "{w}");
            }
        }
        assert!(!may_be_clause_noun("HAUS"));
        assert!(may_be_clause_noun("Café"));
        assert!(!may_be_clause_noun("Bundestag"));
        assert!(!may_be_clause_noun("BUNDESTAG"));
        assert!(may_be_clause_noun("Bundestagsforderung"));
    }

    #[test]
    fn four_bytes_lower_case_as_each_does() {
        for w in [
            *b"AZaz",
            *b"@[`{",
            *b"Mx9.",
            *b"ABCD",
            [0, 0x7F, b'Q', b'q'],
        ] {
            let lower = ascii_lower4(u32::from_le_bytes(w));
            assert_eq!(
                lower.to_le_bytes(),
                w.map(|b| b.to_ascii_lowercase()),
                "{w:?}"
            );
        }
        for b in 0..0x80u8 {
            let x = u32::from_le_bytes([b, b'A', b, b'z']);
            let expect = [b.to_ascii_lowercase(), b'a', b.to_ascii_lowercase(), b'z'];
            assert_eq!(ascii_lower4(x).to_le_bytes(), expect, "{b}");
        }
    }
}
