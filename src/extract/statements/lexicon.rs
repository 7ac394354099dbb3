//! The cue lexicon: verbs of saying and writing (from `data/cues/verbs.txt`), source nouns
//! (`nach Angaben`, `Einschätzungen zufolge`) and Konjunktiv I forms. Built once per process.

use std::sync::OnceLock;

use crate::lexicon::{Bits16, FastMap, FastSet};

/// How a verb form found in the text relates to its cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A finite form in a main clause (`sagte`, `teilte`): a separable verb needs its particle
    /// later in the same clause (`teilte … mit`).
    Finite,
    /// A participle, a joined subordinate-clause form (`mitteilte`) or a zu-infinitive: complete.
    Whole,
}

#[derive(Debug, Clone, Copy)]
pub struct VerbCue {
    pub particle: Option<&'static str>,
    pub form: Form,
    /// A summary speech act whose content may be a noun phrase (`forderte höhere Ausgaben`).
    pub summary: bool,
    /// A verb with other common senses (`bietet Kurse an`, `wurden angeboten, bei denen …`)
    /// that reports only a `dass`/`ob` clause or a zu-infinitive after its comma, and never
    /// trails its content.
    pub clause_only: bool,
}

pub struct Lexicon {
    /// The verb forms with their cues, in the order of their key bits (`KeyFilter::bit`): a
    /// look-up reads where a word's bit begins and ends among them in `verb_starts` and
    /// compares the word with the few forms there (most often one or none), instead of
    /// hashing it. `verb` is asked about almost every lower-case word of every text.
    verbs: Vec<(String, Vec<VerbCue>)>,
    /// Where the forms of key bit `b` begin in `verbs`: they are
    /// `verbs[verb_starts[b]..verb_starts[b + 1]]`.
    verb_starts: Box<[u16; (1 << 16) + 1]>,
    /// The verb forms' lengths and first and last bytes, checked before hashing a word.
    verb_keys: KeyFilter,
    /// The closed lists of Konjunktiv I and II forms, held here rather than in statics so that
    /// a look-up needs no check that they are built.
    konj1: WordSet,
    konj2: WordSet,
    /// The key filters of the verb forms, of `Finder::CUE_WORDS` with them, of the
    /// Konjunktiv lists, of the stance verbs, of the words of announcing, of the particles
    /// written apart and of `Finder::CUE_WORDS` alone in one table of `class` bits, indexed
    /// by a word's key bit: the tokens of a unit are asked the same questions by several
    /// rules, so `class` answers all the filters for a token once, when it is cut.
    classes: Box<[u8; 1 << 16]>,
    /// The `class` of the empty word, which has no key bit.
    empty_class: u8,
}

/// The bits of `Lexicon::class`: which key filters a word passes. A bit that is not set rules
/// the word out; a set bit still needs the look-up.
pub mod class {
    /// A verb form or one of `Finder::CUE_WORDS`: `find_cue` calls `cue_at` for no other word
    /// but the first.
    pub const CUE: u8 = 1;
    /// May be a key of the verb map (`Lexicon::verb`).
    pub const VERB: u8 = 2;
    /// May be in the Konjunktiv I list.
    pub const KONJ1: u8 = 4;
    /// May be in the Konjunktiv II list.
    pub const KONJ2: u8 = 8;
    /// May be one of `frames::STANCE_VERBS`.
    pub const STANCE: u8 = 16;
    /// May be a word of announcing that `Finder::told_object` looks for: one of
    /// `Finder::TOLD_WORDS` or a verb form joined to `bekannt` (`bekannt gab`).
    pub const TOLD: u8 = 32;
    /// May be one of `APART`, a particle that a verb form after it joins.
    pub const APART: u8 = 64;
    /// May be one of `Finder::CUE_WORDS`: a word without it is a cue only as a verb form, and
    /// `find_cue` looks it up as one without a call of `cue_at`.
    pub const CUE_WORD: u8 = 128;
}

/// `Lexicon::class` with the table's address and the empty word's class held apart from the
/// lexicon (`Lexicon::classes`).
#[derive(Clone, Copy)]
pub struct Classes<'l> {
    table: &'l [u8; 1 << 16],
    empty: u8,
}

impl Classes<'_> {
    /// The `class` bits of a word, as `Lexicon::class` gives them.
    #[inline(always)]
    pub fn of(self, word: &[u8]) -> u8 {
        match KeyFilter::bit(word) {
            Some(bit) => self.table[bit],
            None => self.empty,
        }
    }
}

/// Lower-case forms that the regular-verb generator would produce but that are far more often
/// other words (possessives, nouns at sentence start are capitalised and never reach here).
/// `wiederholt` is far more often the adverb (`kam es wiederholt zu …`) than the verb.
const NOT_VERBS: &[&str] = &[
    "meine",
    "meinen",
    "meinem",
    "meiner",
    "dank",
    "post",
    "wiederholt",
    // The adjective `würdig` (`ein würdiger Nachfolger`), far more often than the verb.
    "würdige",
    "würdigen",
];

/// Source nouns of `nach Angaben von X`, `X zufolge`, `laut Berichten`: matched as word endings,
/// so compounds (`Polizeiangaben`, `Medienberichten`) count too.
const SOURCE_NOUNS: &[&str] = &[
    "angaben",
    "ansicht",
    "auffassung",
    "einschätzung",
    "einschätzungen",
    "meinung",
    "informationen",
    "berichten",
    "bericht",
    "darstellung",
    "aussage",
    "aussagen",
    "worten",
    "schätzung",
    "schätzungen",
    "erkenntnissen",
    "auskunft",
    "meldungen",
    "meldung",
    "mitteilung",
    "überzeugung",
    "recherchen",
    "ermittlungen",
    "zählung",
    "angabe",
    "sicht",
    "vernehmen",
    "umfrage",
    "umfragen",
    "studie",
    "studien",
    "berechnungen",
    "prognosen",
    "statistik",
    "zählungen",
    "analyse",
    "analysen",
    "kenntnisstand",
    "ermittlungsstand",
    "untersuchungen",
    "erkenntnis",
    // Plans, drafts, forecasts and documents speak for their authors (`nach den Vorstellungen
    // der Regierung`, `nach einem Entwurf des Ministeriums`). Nouns of events that `nach` so
    // often follows in time (`nach der Erklärung`, `nach der Veröffentlichung`) are left out.
    "vorstellungen",
    "willen",
    "planungen",
    "entwurf",
    "dokument",
    "vorhersage",
    "bekunden",
    "hochrechnung",
    "endergebnis",
    "erfahrungen",
    "annahmen",
    "plänen",
    "wunsch",
    // Media, statements and the constitution as sources (`nach palästinensischen Medien`,
    // `nach einer Stellungnahme der Armee`, `nach dem Grundgesetz`).
    "medien",
    "stellungnahme",
    "presseerklärung",
    "verfassung",
    "grundgesetz",
];

/// Konjunktiv I forms (and `seien`), which mark reported content even without a cue. Plural
/// Konjunktiv I equals the indicative and cannot be told apart, so only the third person singular
/// is listed; Konjunktiv II substitutes are in `KONJ2`.
const KONJ1: &[&str] = &[
    "sei",
    "seien",
    "habe",
    "werde",
    "könne",
    "müsse",
    "solle",
    "wolle",
    "dürfe",
    "möge",
    "gebe",
    "stehe",
    "liege",
    "gehe",
    "komme",
    "bleibe",
    "wisse",
    "lasse",
    "brauche",
    "halte",
    "sehe",
    "mache",
    "trage",
    "arbeite",
    "plane",
    "fehle",
    "gelte",
    "handle",
    "bestehe",
    "drohe",
    "erwarte",
    "spiele",
    "zeige",
    "führe",
    "stelle",
    "lege",
    "bringe",
    "nehme",
    "finde",
    "bedeute",
    "betrage",
    "verfüge",
    "unterstütze",
    "befinde",
    "entspreche",
    "verstoße",
    "reiche",
    "setze",
    "hänge",
    "stamme",
    "treffe",
    "diene",
    "wachse",
    "steige",
    "sinke",
    "falle",
    "laufe",
    "lebe",
    "wohne",
    "verfolge",
    "beabsichtige",
    "benötige",
    "gehöre",
    "erhalte",
    "bekomme",
    "kenne",
    "denke",
    "glaube",
    "hoffe",
    "sage",
    "erkläre",
    "fordere",
    "trete",
    "schaffe",
    "ziele",
    "handele",
    "spreche",
    "rate",
    "ruhe",
    "richte",
    "fühle",
    "begründe",
    "bedinge",
    "verlaufe",
    "vertrage",
    "biete",
    "schließe",
    "erfordere",
    "ermögliche",
    "betreffe",
    "beziehe",
    "entstehe",
    "gelange",
    "verliere",
    "gewinne",
    "erfolge",
    "belaufe",
    "umfasse",
    "enthalte",
    "verhindere",
    "verstehe",
    "leide",
    "sitze",
    "lehne",
    "werfe",
    "sorge",
    "wirke",
    "beginne",
    "rechne",
    "prüfe",
    "suche",
    "warte",
    "zähle",
    "koste",
    "leiste",
    "nutze",
    "schütze",
    "kämpfe",
    "sterbe",
    "helfe",
    "lese",
    "sende",
    "stimme",
    "fahre",
    "fließe",
    "ergebe",
];

/// Konjunktiv II forms, accepted as substitutes only where they continue a report. `sollte`
/// (as often the past indicative) and `müsste` (mostly the writer's own conditional) are left
/// out.
const KONJ2: &[&str] = &[
    "wäre",
    "wären",
    "hätte",
    "hätten",
    "würde",
    "würden",
    "könnte",
    "könnten",
    "müssten",
    "sollten",
    "dürfte",
    "dürften",
    "gäbe",
    "käme",
    "ließe",
    "ließen",
    "stünde",
    "stünden",
    "bliebe",
    "blieben",
    "läge",
    "lägen",
    "hieße",
    "wüsste",
    "bräuchte",
    "bräuchten",
    "ginge",
    "kämen",
    "gäben",
    "täte",
    "stände",
    "ständen",
    "befände",
    "befänden",
    "böte",
    "böten",
    "brächte",
    "brächten",
    "entspräche",
    "entsprächen",
    "bekäme",
    "bekämen",
    "fände",
    "fänden",
    "hielte",
    "hielten",
    "sähe",
    "sähen",
    "nähme",
    "nähmen",
];

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::parse(include_str!("../../../data/cues/verbs.txt")))
    }

    fn parse(src: &'static str) -> Lexicon {
        let mut verbs = FastMap::default();
        for line in src.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let summary = line.ends_with('!');
            let clause_only = line.ends_with('?');
            let line = line.trim_end_matches(['!', '?']).trim();
            let mut add = |form: String, particle: Option<&'static str>, f: Form| {
                if !NOT_VERBS.contains(&form.as_str()) {
                    let v: &mut Vec<VerbCue> = verbs.entry(form).or_default();
                    if !v.iter().any(|c| c.particle == particle) {
                        v.push(VerbCue {
                            particle,
                            form: f,
                            summary,
                            clause_only,
                        });
                    }
                }
            };
            if let Some(rest) = line.strip_prefix("R ") {
                let mut parts = rest.split_whitespace();
                let Some(stem) = parts.next() else { continue };
                let particle = parts.next();
                regular_forms(stem, particle, &mut add);
            } else if let Some(rest) = line.strip_prefix("I ") {
                let Some((finite, participles)) = rest.split_once('|') else {
                    continue;
                };
                let mut parts = finite.split_whitespace();
                let particle = match parts.next() {
                    Some("-") | None => None,
                    Some(p) => Some(p),
                };
                // Adjective particles may stand apart at the end of a subordinate clause (`wie
                // X bekannt gab`, `hatte es deutlich gemacht`); those forms are one cue too.
                let apart = particle.filter(|p| APART.contains(p));
                for f in parts {
                    add(f.to_string(), particle, Form::Finite);
                    if let Some(p) = particle {
                        add(format!("{p}{f}"), None, Form::Whole);
                    }
                    if let Some(p) = apart {
                        add(format!("{p} {f}"), None, Form::Whole);
                    }
                }
                for w in participles.split_whitespace() {
                    add(w.to_string(), None, Form::Whole);
                    if let Some(p) = apart
                        && let Some(rest) = w.strip_prefix(p)
                    {
                        add(format!("{p} {rest}"), None, Form::Whole);
                    }
                }
            }
        }
        let verb_keys = KeyFilter::new(verbs.keys().map(String::as_str));
        let cue_keys = KeyFilter::new(
            verbs
                .keys()
                .map(String::as_str)
                .chain(super::Finder::CUE_WORDS.iter().copied()),
        );
        let konj1 = WordSet::new(KONJ1);
        let konj2 = WordSet::new(KONJ2);
        let stance_keys = KeyFilter::new(super::frames::STANCE_VERBS.iter().copied());
        let told_keys = KeyFilter::new(
            verbs
                .keys()
                .map(String::as_str)
                .filter(|k| k.starts_with("bekannt "))
                .chain(super::Finder::TOLD_WORDS.iter().copied()),
        );
        let apart_keys = KeyFilter::new(APART.iter().copied());
        let cue_word_keys = KeyFilter::new(super::Finder::CUE_WORDS.iter().copied());
        let filters = [
            (&cue_keys, class::CUE),
            (&verb_keys, class::VERB),
            (&konj1.filter, class::KONJ1),
            (&konj2.filter, class::KONJ2),
            (&stance_keys, class::STANCE),
            (&told_keys, class::TOLD),
            (&apart_keys, class::APART),
            (&cue_word_keys, class::CUE_WORD),
        ];
        let mut classes = Box::new([0u8; 1 << 16]);
        let mut empty_class = 0;
        for (filter, bit) in filters {
            for (k, c) in classes.iter_mut().enumerate() {
                if filter.bits.contains(k) {
                    *c |= bit;
                }
            }
            if filter.empty {
                empty_class |= bit;
            }
        }
        // Every form has a key bit, as none is empty.
        let mut verbs: Vec<(String, Vec<VerbCue>)> = verbs.into_iter().collect();
        verbs.sort_by_key(|(k, _)| KeyFilter::bit(k.as_bytes()));
        let mut verb_starts = Box::new([0u16; (1 << 16) + 1]);
        for (k, _) in &verbs {
            let bit = KeyFilter::bit(k.as_bytes()).expect("no verb form is empty");
            verb_starts[bit + 1] += 1;
        }
        for b in 0..1 << 16 {
            verb_starts[b + 1] += verb_starts[b];
        }
        assert_eq!(
            usize::from(verb_starts[1 << 16]),
            verbs.len(),
            "verb forms fit in u16"
        );
        Lexicon {
            verbs,
            verb_starts,
            verb_keys,
            konj1,
            konj2,
            classes,
            empty_class,
        }
    }

    /// The `class` bits of a word: which of the key filters it passes, all by one key bit.
    #[inline]
    pub fn class(&self, word: &str) -> u8 {
        self.classes().of(word.as_bytes())
    }

    /// The class table, for a loop that asks `class` of many words: it holds the table's
    /// address in a register instead of reading it from the lexicon for every word.
    #[inline]
    pub fn classes(&self) -> Classes<'_> {
        Classes {
            table: &self.classes,
            empty: self.empty_class,
        }
    }

    /// `verb` for a word whose `class` is known.
    #[inline]
    pub fn verb_of_class(&self, word: &str, class: u8) -> &[VerbCue] {
        if class & class::VERB == 0 {
            return &[];
        }
        self.verb_entries(word)
    }

    /// `konj1` for a word whose `class` is known.
    #[inline(always)]
    pub fn konj1_of_class(&self, word: &str, class: u8) -> bool {
        (class & class::KONJ1 != 0 && self.konj1.in_set(word))
            || (word.len() >= 7 && word.ends_with("iere") && word.starts_with(char::is_lowercase))
    }

    /// `konj2` for a word whose `class` is known.
    #[inline]
    pub fn konj2_of_class(&self, word: &str, class: u8) -> bool {
        class & class::KONJ2 != 0 && self.konj2.in_set(word)
    }

    /// The cues a lower-case word form may stand for (one per separable particle), if any.
    /// Inlined: most words asked about fail the key filter, and then the answer costs no call.
    #[inline]
    pub fn verb(&self, word: &str) -> &[VerbCue] {
        if !self.verb_keys.may_contain(word) {
            return &[];
        }
        self.verb_entries(word)
    }

    /// The cues of a word that passed the key filter: those of the form equal to it among the
    /// forms of its key bit.
    fn verb_entries(&self, word: &str) -> &[VerbCue] {
        self.verb_entries_inline(word)
    }

    /// `verb_of_class`, always inlined: `find_cue` asks it about every word with the `CUE`
    /// bit, and a call cost it about a fifth of the look-up.
    #[inline(always)]
    pub fn verb_of_class_inline(&self, word: &str, class: u8) -> &[VerbCue] {
        if class & class::VERB == 0 {
            return &[];
        }
        self.verb_entries_inline(word)
    }

    #[inline(always)]
    fn verb_entries_inline(&self, word: &str) -> &[VerbCue] {
        let Some(bit) = KeyFilter::bit(word.as_bytes()) else {
            return &[];
        };
        let forms = usize::from(self.verb_starts[bit])..usize::from(self.verb_starts[bit + 1]);
        self.verbs[forms]
            .iter()
            .find(|(k, _)| same_bytes(k.as_bytes(), word.as_bytes()))
            .map_or(&[], |(_, v)| v.as_slice())
    }

    /// Whether a word (any case) is or ends in a source noun (`Angaben`, `Polizeiangaben`).
    /// A word whose last two bytes are ASCII ends, lower-cased, in those two lower-cased (no
    /// other character lower-cases to an ASCII byte but the Kelvin sign, whose bytes are not
    /// ASCII): unless a source noun ends so, the word is none, without its lower-cased copy
    /// and the comparison with every noun.
    pub fn source_noun(&self, word: &str) -> bool {
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        if let [.., a, b] = word.as_bytes()
            && a.is_ascii()
            && b.is_ascii()
            && !source_noun_end(a.to_ascii_lowercase(), b.to_ascii_lowercase())
        {
            return false;
        }
        crate::lexicon::with_lowercase(word, |w| SOURCE_NOUNS.iter().any(|n| w.ends_with(n)))
    }

    /// Whether a source noun is a compound with a part before the source noun
    /// (`Polizeiangaben`, but not `Angaben`).
    pub fn compound_source_noun(&self, word: &str) -> bool {
        crate::lexicon::with_lowercase(word, |w| {
            SOURCE_NOUNS
                .iter()
                .filter(|n| super::ends_with_word(w, n))
                .all(|n| w.len() > n.len() + 2)
        })
    }

    /// Konjunktiv I of the third person singular: the closed list (a set rather than a scan of
    /// the list, since it is asked about every word of every unit), and any lower-case form of a
    /// verb in `-ieren` (`reagiere`, `akzeptiere`), whose indicative ends in `-iert`.
    /// Inlined: it is asked about every word of most units, and most fail the key filter
    /// (with only `#[inline]` it stayed a call).
    #[inline(always)]
    pub fn konj1(&self, word: &str) -> bool {
        self.konj1.contains(word)
            || (word.len() >= 7 && word.ends_with("iere") && word.starts_with(char::is_lowercase))
    }

    #[inline]
    pub fn konj2(&self, word: &str) -> bool {
        self.konj2.contains(word)
    }
}

/// Whether two byte strings are equal. The forms of a word's key bit share most often its
/// length and its first, second, second-last and last bytes, so a word that is none of them
/// differs only inside: a word of 4 to 16 bytes is compared by two overlapping loads, without
/// the call of `memcmp` that each such comparison cost.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        8..=16 => {
            let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap());
            word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8)
        }
        4..=7 => {
            let word = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().unwrap());
            word(a, 0) == word(b, 0) && word(a, n - 4) == word(b, n - 4)
        }
        _ => a == b,
    }
}

/// The last two letters of the `SOURCE_NOUNS`, one bit each of the 26 × 26 pairs of ASCII
/// lower-case letters (all of them end so).
const SOURCE_NOUN_ENDS: [u64; 11] = {
    let mut bits = [0u64; 11];
    let mut k = 0;
    while k < SOURCE_NOUNS.len() {
        let n = SOURCE_NOUNS[k].as_bytes();
        let (a, b) = (n[n.len() - 2], n[n.len() - 1]);
        assert!(a.is_ascii_lowercase() && b.is_ascii_lowercase());
        let i = (a - b'a') as usize * 26 + (b - b'a') as usize;
        bits[i / 64] |= 1 << (i % 64);
        k += 1;
    }
    bits
};

/// Whether some source noun ends in the bytes `a`, `b` (any bytes).
fn source_noun_end(a: u8, b: u8) -> bool {
    if !a.is_ascii_lowercase() || !b.is_ascii_lowercase() {
        return false;
    }
    let i = usize::from(a - b'a') * 26 + usize::from(b - b'a');
    SOURCE_NOUN_ENDS[i / 64] >> (i % 64) & 1 != 0
}

/// A set of words asked about every word of every unit.
struct WordSet {
    set: FastSet<&'static str>,
    filter: KeyFilter,
}

impl WordSet {
    fn new(words: &[&'static str]) -> WordSet {
        WordSet {
            set: words.iter().copied().collect(),
            filter: KeyFilter::new(words.iter().copied()),
        }
    }

    /// Inlined up to the key filter, which answers most words; the hash stays a call.
    #[inline]
    fn contains(&self, word: &str) -> bool {
        self.filter.may_contain(word) && self.in_set(word)
    }

    fn in_set(&self, word: &str) -> bool {
        self.set.contains(word)
    }
}

/// Most words cannot be keys of a lexicon by their length and their first, second, second-last
/// and last bytes alone (punctuation, capitalised nouns, articles, most function words), so a
/// look-up checks those before hashing the word: it only saves the hash, the answer stays the
/// set's or map's. The five are mixed into one of 65,536 bits; a lexicon of a few thousand
/// keys sets few of them. First and last byte alone let through most short function words
/// (`die`, `mit`, `von` share them with verb forms), and those were most of the hashes.
struct KeyFilter {
    /// One bit per `KeyFilter::bit` of a key.
    bits: Bits16,
    /// Whether the empty string is a key (it has no first byte).
    empty: bool,
}

impl KeyFilter {
    fn new<'k>(keys: impl Iterator<Item = &'k str>) -> KeyFilter {
        let mut f = KeyFilter {
            bits: Bits16::default(),
            empty: false,
        };
        for k in keys {
            match KeyFilter::bit(k.as_bytes()) {
                Some(bit) => f.bits.insert(bit),
                None => f.empty = true,
            }
        }
        f
    }

    /// The bit of a non-empty key: its length and its first, second, second-last and last
    /// bytes, mixed by one multiplication into 16 bits.
    /// The second-last byte tells apart words that share the other four with a verb form
    /// (`samt` and `sagt`), which let many lower-case words through to the hash before.
    /// A key of two bytes or more is read as its first two and its last two bytes, two 16-bit
    /// loads instead of four byte loads with their bound checks; the key is the same as from
    /// the four bytes, so the filters and the verb order do not change.
    #[inline]
    fn bit(b: &[u8]) -> Option<usize> {
        let ends = match (b.first_chunk::<2>(), b.last_chunk::<2>()) {
            (Some(head), Some(tail)) => {
                u64::from(u16::from_le_bytes(*head)) | u64::from(u16::from_le_bytes(*tail)) << 16
            }
            // One byte is its first and its last, with no second or second-last.
            _ => {
                let only = u64::from(*b.first()?);
                only | only << 24
            }
        };
        let key = ends | (b.len() as u64) << 32;
        Some((key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize)
    }

    #[inline]
    fn may_contain(&self, word: &str) -> bool {
        match KeyFilter::bit(word.as_bytes()) {
            Some(bit) => self.bits.contains(bit),
            None => self.empty,
        }
    }
}

/// Particles that are adjectives and may be written apart from their verb (`bekannt gegeben`).
pub const APART: &[&str] = &["bekannt", "deutlich", "klar"];

const INSEPARABLE: &[&str] = &[
    "be", "er", "ver", "ent", "zer", "emp", "miss", "ge", "hinter", "unter", "wider",
];

/// Derives the forms of a regular (weak) verb from its stem: `sag` gives `sagt sagen sagte sagten
/// gesagt sage zu sagen`; `teil mit` gives `teilt … mit` forms plus `mitteilte`, `mitgeteilt`,
/// `mitzuteilen`.
fn regular_forms(
    stem: &str,
    particle: Option<&'static str>,
    add: &mut impl FnMut(String, Option<&'static str>, Form),
) {
    // Stems ending in -t, -d or a consonant plus -n/-m take an extra `e` (`berichtet`, `rechnet`);
    // a lengthening `h` after a vowel counts as part of the vowel (`mahnt`, `lehnt`).
    let b = stem.as_bytes();
    let n = b.len();
    let vowel_h = n > 2 && b[n - 2] == b'h' && b"aeiouy".contains(&b[n - 3]);
    let needs_e = matches!(b[n - 1], b't' | b'd')
        || (matches!(b[n - 1], b'n' | b'm')
            && n > 1
            && !b"aeioulr".contains(&b[n - 2])
            && !vowel_h);
    let e = if needs_e { "e" } else { "" };
    // Stems in -el/-er take only `n` in the plural (`fordern`, `äußern`).
    let en = if (stem.ends_with("el") || stem.ends_with("er")) && !stem.ends_with("ier") {
        "n"
    } else {
        "en"
    };
    let finite = [
        format!("{stem}{e}t"),
        format!("{stem}{en}"),
        format!("{stem}{e}te"),
        format!("{stem}{e}ten"),
        format!("{stem}e"),
    ];
    let no_ge = stem.ends_with("ier")
        || INSEPARABLE
            .iter()
            .any(|p| stem.starts_with(p) && stem.len() > p.len() + 2);
    let ge = if no_ge { "" } else { "ge" };
    let p = particle.unwrap_or("");
    add(format!("{p}{ge}{stem}{e}t"), None, Form::Whole);
    for f in finite {
        add(f.clone(), particle, Form::Finite);
        if particle.is_some() {
            add(format!("{p}{f}"), None, Form::Whole);
        }
    }
    if particle.is_some() {
        add(format!("{p}zu{stem}{en}"), None, Form::Whole);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Finder::tokens_into` gives a token that is no word (its first character is no letter
    /// or digit) no class bits: no key of the class filters may begin otherwise.
    #[test]
    fn class_keys_begin_with_a_letter() {
        let l = Lexicon::get();
        let keys = l
            .verbs
            .iter()
            .map(|(k, _)| k.as_str())
            .chain(super::super::Finder::CUE_WORDS.iter().copied())
            .chain(super::super::Finder::TOLD_WORDS.iter().copied())
            .chain(super::super::frames::STANCE_VERBS.iter().copied())
            .chain(KONJ1.iter().copied())
            .chain(KONJ2.iter().copied())
            .chain(APART.iter().copied());
        for k in keys {
            assert!(k.starts_with(char::is_alphabetic), "{k:?}");
        }
    }

    /// A key filter has no false negatives, so every word of `cue_at`'s own arms has the
    /// `CUE_WORD` bit, and `find_cue` does not skip the call for any of them.
    #[test]
    fn cue_words_have_their_class_bit() {
        let l = Lexicon::get();
        for w in super::super::Finder::CUE_WORDS {
            assert!(l.class(w) & class::CUE_WORD != 0, "{w}");
            assert!(l.class(w) & class::CUE != 0, "{w}");
        }
    }

    /// `is_article` compares a word only with the articles of its length, written out apart
    /// from `ARTICLES`: it answers as the list does, for the articles, words one letter off
    /// and other words.
    #[test]
    fn is_article_answers_as_the_list() {
        use super::super::{ARTICLES, is_article};
        let mut words: Vec<String> = ["", "d", "Der", "DIE", "dies", "mehreren", "über", "sie"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        for a in ARTICLES {
            words.push(a.to_string());
            words.push(format!("{a}n"));
            words.push(a[1..].to_string());
            words.push(a[..a.len() - 1].to_string());
            words.push(a.replacen('e', "a", 1));
        }
        for w in &words {
            assert_eq!(is_article(w), ARTICLES.contains(&w.as_str()), "{w:?}");
        }
    }

    /// `is_article_folded` answers as `in_folded(ARTICLES, …)` does, for the articles in
    /// several cases, near misses, long words and words beyond ASCII.
    #[test]
    fn is_article_folded_answers_as_in_folded() {
        use super::super::{ARTICLES, in_folded, is_article_folded};
        let others = "D DER Mehrere MEHREREN Über Dïe \u{212A}ein eİn Sie Zwei Beide EINIGE Dessen";
        let mut words: Vec<String> = others.split(' ').map(str::to_string).collect();
        words.push(String::new());
        for a in ARTICLES {
            words.push(a.to_string());
            words.push(a.to_uppercase());
            let mut cap = a.to_string();
            cap[..1].make_ascii_uppercase();
            words.push(format!("{cap}n"));
            words.push(cap);
            words.push(a[1..].to_string());
            words.push(a.replacen('e', "é", 1));
        }
        for w in &words {
            assert_eq!(is_article_folded(w), in_folded(ARTICLES, w), "{w:?}");
        }
    }

    /// `Finder::dative_addressee` asks a word only for a feminine medium's ending, as every
    /// feminine medium is a medium.
    #[test]
    fn feminine_media_are_media() {
        use super::super::{FEMININE_MEDIA, MEDIA};
        for m in FEMININE_MEDIA {
            assert!(MEDIA.contains(m), "{m}");
        }
    }

    /// `Finder::subject_before` looks a word up as a front adverbial only if it is not in lower
    /// case: every one is capitalised.
    #[test]
    fn front_adverbials_are_capitalised() {
        for w in super::super::FRONT_ADVERBIALS {
            assert!(w.starts_with(char::is_uppercase), "{w}");
        }
    }

    /// `is_adjective` answers as a search of its endings and a count of the characters do.
    #[test]
    fn is_adjective_answers_as_its_endings() {
        use super::super::is_adjective;
        let words =
            "e en neue neuen Neue großes über äße dem sagte gesagt ém ème alter altem Ärger";
        for w in words.split(' ').chain(["", "rote", "ünes", "vieles"]) {
            let endings = ["e", "en", "er", "es", "em"].iter().any(|e| w.ends_with(e));
            let plain = w.chars().next().is_some_and(char::is_lowercase)
                && endings
                && w.chars().count() > 3;
            assert_eq!(is_adjective(w), plain, "{w:?}");
        }
    }

    /// `first_word` answers as `split_whitespace().next()` does, for ASCII and other
    /// whitespace and words.
    #[test]
    fn first_word_answers_as_the_splitter() {
        for s in [
            "",
            " ",
            "Am Montag",
            "  Am\tMontag",
            "Während der Sitzung",
            "Über\u{a0}Nacht",
            "Ab\u{2009}sofort",
            "10:05 Uhr",
            "Gestern",
            "Jan\u{0b}Berg",
            "\u{3000}Heute früh",
        ] {
            assert_eq!(
                super::super::first_word(s),
                s.split_whitespace().next().unwrap_or(""),
                "{s:?}"
            );
        }
    }

    #[test]
    fn regular_separable_and_irregular_forms_are_known() {
        let l = Lexicon::get();
        for w in [
            "sagte",
            "gesagt",
            "erklärte",
            "berichtete",
            "kritisiert",
            "mitteilte",
            "mitgeteilt",
            "schrieb",
            "zurückgewiesen",
            "bezeichnete",
            "mahnte",
            "lehnte",
        ] {
            assert!(!l.verb(w).is_empty(), "{w}");
        }
        assert_eq!(l.verb("teilte")[0].particle, Some("mit"));
        let wies: Vec<_> = l.verb("wies").iter().map(|c| c.particle).collect();
        assert_eq!(wies, vec![Some("hin"), Some("zurück")]);
        assert!(l.verb("mahnete").is_empty());
        for w in [
            "bekannt gab",
            "bekannt gegeben",
            "deutlich gemacht",
            "bekanntgab",
        ] {
            assert!(!l.verb(w).is_empty(), "{w}");
        }
        assert!(l.verb("meinen").is_empty());
        assert!(l.verb("haus").is_empty());
    }

    #[test]
    fn source_nouns_match_compounds() {
        let l = Lexicon::get();
        assert!(l.source_noun("Polizeiangaben"));
        assert!(l.source_noun("POLIZEIANGABEN"));
        assert!(l.source_noun("Umfragen"));
        assert!(!l.source_noun("Hausen"));
        assert!(!l.source_noun("Haus1"));
        for n in SOURCE_NOUNS {
            let mut c = n.chars();
            let w: String = c
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(c)
                .collect();
            assert!(l.source_noun(&w), "{w}");
        }
        assert!(l.source_noun("Angaben"));
        assert!(!l.source_noun("angaben"));
        assert!(!l.source_noun("Haus"));
    }

    #[test]
    fn the_key_filter_never_hides_a_key() {
        // The filter may only save a hash: every listed word and verb form is still found.
        let l = Lexicon::get();
        assert!(KONJ1.iter().all(|w| l.konj1(w)));
        assert!(KONJ2.iter().all(|w| l.konj2(w)));
        assert!(
            l.verbs
                .iter()
                .all(|(k, v)| std::ptr::eq(l.verb(k), v.as_slice()))
        );
        for w in ["", ",", "Haus", "der", "sagte!", "seiend", "wär"] {
            assert!(!l.konj1(w) && !l.konj2(w), "{w}");
        }
        assert!(l.verb("").is_empty() && l.verb("Haus").is_empty());
        let f = KeyFilter::new(["ab", "xyz"].into_iter());
        assert!(f.may_contain("ab") && f.may_contain("xyz"));
        assert!(!f.may_contain("ba") && !f.may_contain("a") && !f.may_contain("abcd"));
        assert!(!f.may_contain("xbz") && !f.may_contain(""));
        // Common short function words are ruled out before the hash.
        for w in ["die", "mit", "von", "in", "ist", "und"] {
            assert!(l.verb(w).is_empty() && !l.verb_keys.may_contain(w), "{w}");
        }
    }
}
