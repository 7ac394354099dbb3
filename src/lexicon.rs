//! What the recogniser knows before it reads a word: countries, organisations, places, events,
//! roles and given names, loaded from the data files under `data/` (sources and licences in
//! `data/README.md`). The files are embedded with `include_str!`, so the binary needs no data
//! path, and parsed once into a single Aho-Corasick automaton over every surface form.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::extract::EntityKind;
use crate::text::Span;

mod scan;

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const ORGANIZATIONS: &str = include_str!("../data/organizations.tsv");
const MEDIA: &str = include_str!("../data/media_outlets.tsv");
const LOCATIONS: &str = include_str!("../data/locations.tsv");
const CITIES: &str = include_str!("../data/cities.tsv");
const EVENTS: &str = include_str!("../data/events.tsv");
const ROLES: &str = include_str!("../data/roles.tsv");
const GIVEN_NAMES: &str = include_str!("../data/given_names.txt");

/// How a surface form names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A name (`Russland`, `Russlands`, `NATO`).
    Name,
    /// An adjective (`russischen`): names the country when it stands for it.
    Adjective,
    /// A demonym (`Russen`, `Niederländer`).
    Demonym,
    /// A compound prefix that is only a name before a hyphen (`US-Präsident`).
    Prefix,
}

/// One entry of the lexicon: an entity with its canonical name.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: EntityKind,
    pub name: String,
    /// ISO 3166 alpha-2 code for countries, the country a place lies in, or the organisation's
    /// kind (`alliance`, `party`, `agency`, …).
    pub tag: String,
}

/// A lexicon hit in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct LexMatch {
    pub span: Span,
    /// Index into `Lexicon::entries`.
    pub entry: usize,
    pub form: Form,
}

#[derive(Debug, Clone)]
pub struct Role {
    /// Masculine singular form, the role's name in relations (`Präsident`).
    pub name: String,
    /// A country code or organisation name the role implies (`Bundeskanzler` → `DE`).
    pub implies: Option<String>,
}

/// A role word analysed: `Ex-Verteidigungsminister`, `Kremlchef`, `NATO-Generalsekretär`.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleWord {
    /// Index into `Lexicon::roles`.
    pub role: usize,
    /// Byte range of a prefix naming an organisation or country, relative to the word.
    pub holder: Option<(Span, usize)>,
    /// `Ex-`: the role is a former one.
    pub former: bool,
}

/// A word's ending as a role form's (`Lexicon::role_tail`): its last three bytes, ASCII
/// lower-cased, and the lengths of the role forms of four bytes or more that end so.
#[derive(Clone, Copy)]
pub struct RoleTail<'l> {
    tail: u32,
    lengths: &'l [usize],
}

/// A multiply-rotate hash eight bytes at a time (as `rustc`'s FxHash): the lexicon's keys are
/// short words, looked up for almost every word of every text, where SipHash's setup cost
/// dominates and FNV-1a's step per byte was still a visible share of the pipeline. Nothing
/// iterates these maps in an order that reaches the output, so the hash is free to change.
#[derive(Default)]
pub struct WordHasher(u64);

impl WordHasher {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(26) ^ word).wrapping_mul(Self::K);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The multiplication leaves the low bits, which pick the bucket, the weakest: fold the
        // high half in.
        self.0 ^ (self.0 >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        let r = rest.len();
        if r > 0 {
            // One to seven bytes, read as two overlapping groups of four, or the first, middle
            // and last byte of three or fewer: every byte counts, and there is no copy of a
            // length known only at run time, which became a call to `memcpy` per look-up.
            let w = if r >= 4 {
                let head = u32::from_le_bytes(rest[..4].try_into().expect("four bytes"));
                let tail = u32::from_le_bytes(rest[r - 4..].try_into().expect("four bytes"));
                u64::from(head) | u64::from(tail) << 32
            } else {
                u64::from(rest[0]) | u64::from(rest[r / 2]) << 8 | u64::from(rest[r - 1]) << 16
            };
            // The length keeps `ab` and `ab\0` apart.
            self.add(w ^ ((r as u64) << 59));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// Whether a lower-case word is a German definite or indefinite article in any case
/// (`der`, `des`, `einem`); the recognisers and the resolver ask it of the word before a name.
pub fn is_article(lower: &str) -> bool {
    matches!(
        lower,
        "der"
            | "die"
            | "das"
            | "den"
            | "dem"
            | "des"
            | "ein"
            | "eine"
            | "einen"
            | "einem"
            | "einer"
            | "eines"
    )
}

/// Calls `f` with `w` lower-cased exactly as `str::to_lowercase` would, built in a buffer on
/// the stack when it fits. The recognisers lower-case almost every word of every text, and an
/// allocation per word cost more than the comparison it was made for.
pub fn with_lowercase<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    match lower_into(w, &mut buf) {
        Some(lower) => f(lower),
        None => f(&w.to_lowercase()),
    }
}

/// `s` lower-cased into `buf` exactly as `str::to_lowercase` would, or `None` where `buf` is
/// too short or a character needs the library's tables.
///
/// ASCII lower-cases byte by byte. So do the Latin-1 letters of German and its neighbours
/// (`Ä`, `Ö`, `Ü`, `É`): U+00C0 to U+00DE except `×` are upper case, and their lower-case
/// forms are 0x20 higher in the second byte of the same two-byte sequence; everything else
/// from U+0080 to U+00FF is already lower case or no letter. Any other character goes the
/// library's way, which knows every special case (final sigma, `İ`, the Kelvin sign). The
/// bytes are lower-cased while they are copied, so the text is read once.
pub fn lower_into<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let src = s.as_bytes();
    let out = buf.get_mut(..src.len())?;
    // Most words are ASCII: they are lower-cased eight or four bytes at a time (see
    // `ascii_lower8`), the last group overlapping the one before it where the length is no
    // multiple of the group's, which writes the shared bytes twice, alike. From the first group
    // that is not all ASCII on, the loop below goes character by character.
    let mut i = ascii_prefix_lower(src, out);
    while i < src.len() {
        let b = src[i];
        if b.is_ascii() {
            out[i] = b.to_ascii_lowercase();
            i += 1;
            continue;
        }
        // `s` is UTF-8, so a lead byte 0xC2 or 0xC3 has its continuation byte at `i + 1`.
        let next = *src.get(i + 1)?;
        out[i + 1] = match b {
            0xC2 => next,
            0xC3 => latin1_lower(next),
            _ => return None,
        };
        out[i] = b;
        i += 2;
    }
    debug_assert!(std::str::from_utf8(out).is_ok());
    // SAFETY: `out` is valid UTF-8. `s` is, and `ascii_prefix_lower` and the loop above turned
    // ASCII bytes into ASCII bytes and continuation bytes 0x80..=0x9E into continuation bytes 0xA0..=0xBE, keeping
    // every lead byte and so every sequence's length. Checking it again (`str::from_utf8`)
    // cost 2.4 M of the pipeline's 158 M instructions on the guard's corpus (callgrind), about
    // 40 per word, for words this loop has just walked byte by byte.
    Some(unsafe { std::str::from_utf8_unchecked(out) })
}

/// How many leading bytes of `src` `lower_into` has lower-cased into `out` (as long as `src`)
/// in groups of eight or four ASCII bytes, or all of one to three: all of them where `src` is
/// ASCII, else at least up to the group with the first non-ASCII byte, whose start is a
/// character boundary, as every byte before it is ASCII.
fn ascii_prefix_lower(src: &[u8], out: &mut [u8]) -> usize {
    let n = src.len();
    if n >= 8 {
        let mut i = 0;
        loop {
            let j = i.min(n - 8);
            let x = u64::from_le_bytes(src[j..j + 8].try_into().expect("eight bytes"));
            if x & HIGH_BITS != 0 {
                return j;
            }
            out[j..j + 8].copy_from_slice(&ascii_lower8(x).to_le_bytes());
            if j == n - 8 {
                return n;
            }
            i += 8;
        }
    }
    if n >= 4 {
        let head = u32::from_le_bytes(src[..4].try_into().expect("four bytes"));
        let tail = u32::from_le_bytes(src[n - 4..].try_into().expect("four bytes"));
        if (head | tail) & 0x8080_8080 != 0 {
            return 0;
        }
        // Four bytes in the low half of a `u64`: the high half stays zero, and lower-casing
        // leaves zero bytes alone.
        let lower4 = |x: u32| (ascii_lower8(u64::from(x)) as u32).to_le_bytes();
        out[..4].copy_from_slice(&lower4(head));
        out[n - 4..].copy_from_slice(&lower4(tail));
        return n;
    }
    if n >= 1 {
        // One to three bytes, read as the first, middle and last (which share places where
        // there are fewer than three) and written back to the same places: short words (`der`,
        // `in`) went byte by byte through the loop after this, at about eight instructions a
        // byte.
        let (a, b, c) = (src[0], src[n / 2], src[n - 1]);
        if (a | b | c) & 0x80 != 0 {
            return 0;
        }
        let [x, y, z, ..] =
            ascii_lower8(u64::from(a) | u64::from(b) << 8 | u64::from(c) << 16).to_le_bytes();
        out[0] = x;
        out[n / 2] = y;
        out[n - 1] = z;
        return n;
    }
    0
}

/// The high bit of each of eight bytes.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
/// One in each of eight bytes.
const ONES: u64 = 0x0101_0101_0101_0101;

/// Eight ASCII bytes (each below 0x80) lower-cased at once, as `u8::to_ascii_lowercase` of
/// each: a byte's high bit after adding 0x80 - b'A' says it is `A` or above, after adding
/// 0x80 - b'[' that it is above `Z`; no byte below 0x80 carries into its neighbour. The bit
/// of the capitals, shifted down to 0x20, is what lower-casing adds. A loop byte by byte cost
/// about six instructions per byte, and the recognisers lower-case almost every word.
pub(crate) fn ascii_lower8(x: u64) -> u64 {
    let from_a = x + ONES * (0x80 - u64::from(b'A'));
    let past_z = x + ONES * (0x80 - u64::from(b'['));
    x | ((from_a & !past_z & HIGH_BITS) >> 2)
}

/// Whether eight bytes are ASCII words with single spaces between them: every byte 0x20 to
/// 0x7F (adding 0x60 sets the high bit exactly from 0x20 up, without carries), no space first
/// or last, and no two spaces side by side. `lower_line_into` writes such bytes as they are,
/// lower-cased: its white-space rule leaves single spaces between words alone.
fn ascii_words8(x: u64) -> bool {
    if x & HIGH_BITS != 0 || (x + ONES * 0x60) & HIGH_BITS != HIGH_BITS {
        return false;
    }
    // A byte of `y` is zero exactly where `x` has a space; adding 0x7F to a byte below 0x80
    // sets its high bit exactly where it is not zero.
    let y = x ^ (ONES * u64::from(b' '));
    let spaces = !((y + ONES * 0x7F) | y) & HIGH_BITS;
    spaces & (spaces << 8) == 0 && spaces & 0x8000_0000_0000_0080 == 0
}

/// The second byte of a two-byte character led by 0xC3 (U+00C0 to U+00FF), lower-cased: the
/// upper-case letters U+00C0 to U+00DE except `×` (0x97) move 0x20 up; the rest stay.
#[inline]
pub(crate) fn latin1_lower(cont: u8) -> u8 {
    if (0x80..=0x9E).contains(&cont) && cont != 0x97 {
        cont + 0x20
    } else {
        cont
    }
}

/// `s` with every run of whitespace made one space, none at the ends, and lower-cased, written
/// into `buf`: what joining `s.split_whitespace()` with spaces and lower-casing the result gives
/// (`str::to_lowercase` maps no character across a space). `None` where `buf` is too short or a
/// character needs the library (see `lower_into`); besides ASCII and Latin-1 this knows U+2000
/// to U+20FF (general punctuation such as `„`, `“`, `–`, and currency signs), which have no
/// case and are common in news.
pub fn lower_line_into<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let src = s.as_bytes();
    let mut n = 0;
    let mut space = false;
    let mut i = 0;
    // Eight ASCII bytes at once where they hold only words and single spaces (see
    // `ascii_words8`); where they do not, they go character by character before the next
    // question, and where fewer than eight are left, the rest does.
    let mut bytewise_until = 0;
    while i < src.len() {
        if i >= bytewise_until {
            if let Some(chunk) = src.get(i..i + 8) {
                let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                if ascii_words8(x) {
                    if space {
                        *buf.get_mut(n)? = b' ';
                        n += 1;
                        space = false;
                    }
                    buf.get_mut(n..n + 8)?
                        .copy_from_slice(&ascii_lower8(x).to_le_bytes());
                    n += 8;
                    i += 8;
                    continue;
                }
                // A space at either end is the commonest reason, and one character later the
                // eight bytes often qualify: one step, then ask again.
                bytewise_until = if chunk[0] == b' ' || chunk[7] == b' ' {
                    i + 1
                } else {
                    i + 8
                };
            } else {
                bytewise_until = src.len();
            }
        }
        let b = src[i];
        // The character's length and whether it is white space (as `char::is_whitespace`).
        let (len, white) = match b {
            0x09..=0x0D | b' ' => (1, true),
            _ if b.is_ascii() => (1, false),
            0xC2 | 0xC3 => (2, b == 0xC2 && matches!(*src.get(i + 1)?, 0x85 | 0xA0)),
            0xE2 if (0x80..=0x83).contains(src.get(i + 1)?) => {
                let c = (u32::from(src[i + 1] & 0x3F) << 6) | u32::from(*src.get(i + 2)? & 0x3F);
                let white = matches!(c, 0x00..=0x0A | 0x28 | 0x29 | 0x2F | 0x5F);
                (3, white)
            }
            _ => return None,
        };
        if white {
            space = n > 0;
            i += len;
            continue;
        }
        if space {
            *buf.get_mut(n)? = b' ';
            n += 1;
            space = false;
        }
        // One byte written as one byte: a `copy_from_slice` of a length known only at run time
        // became a call to `memcpy` per character, which cost more than the rest of the loop
        // (callgrind: ~19 instructions per byte of every short paragraph).
        if len == 1 {
            *buf.get_mut(n)? = b.to_ascii_lowercase();
        } else {
            let out = buf.get_mut(n..n + len)?;
            out.copy_from_slice(&src[i..i + len]);
            if b == 0xC3 {
                out[1] = latin1_lower(out[1]);
            }
        }
        n += len;
        i += len;
    }
    let out = &buf[..n];
    debug_assert!(std::str::from_utf8(out).is_ok());
    // SAFETY: `out` is valid UTF-8: it holds whole characters of `s` (valid UTF-8) copied with
    // their lengths, single spaces, ASCII bytes lower-cased into ASCII bytes, and continuation
    // bytes 0x80..=0x9E after 0xC3 raised into continuation bytes 0xA0..=0xBE.
    Some(unsafe { std::str::from_utf8_unchecked(out) })
}

/// Which bytes next to a match `Lexicon::find` must look at further: ASCII letters and digits,
/// the apostrophe, and the bytes of chars of several bytes (non-zero); spaces, punctuation
/// and the other ASCII bytes, most of the bytes there, answer at once (zero).
const EDGE: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'\'' || !c.is_ascii() {
            t[b] = 1;
        }
        b += 1;
    }
    t
};

/// A surface form that `Lexicon::find` reports without the automaton: the automaton's
/// pattern `base` followed by `byte` (see `Lexicon::split_extensions`).
struct Extension {
    base: usize,
    byte: u8,
    entry: usize,
    form: Form,
}

pub struct Lexicon {
    pub entries: Vec<Entry>,
    pub roles: Vec<Role>,
    forms: Vec<(usize, Form)>,
    matcher: scan::Scanner,
    /// Surface forms left out of `matcher`, which `find` reports where their base matches.
    extensions: Vec<Extension>,
    /// Whether a byte ends some extension: `find` seeks an extension only after such a byte.
    extension_bytes: [bool; 256],
    by_surface: FastMap<String, (usize, Form)>,
    role_forms: FastMap<String, usize>,
    /// The last three bytes (ASCII lower-cased) of every role form (most words end otherwise
    /// and need no further look), each with the lengths of the forms of four bytes or more
    /// that end so, longest first: the only suffixes of a word ending so that may be role
    /// forms. One map answers both questions: two cost a second look-up per role word.
    role_tails: FastMap<u32, Vec<usize>>,
    /// Each role's name lower-cased, for comparing roles without case.
    role_lower: Vec<String>,
    /// The first four bytes and the length of every role form of four bytes or more
    /// (`RoleStarts`): a suffix that starts otherwise, or is as long as no form that starts
    /// so, needs no look-up.
    role_starts: RoleStarts,
    /// The last two bytes of every entry of `role_tails`, also with their ASCII letters in
    /// upper case: one bit test rules out most words before any hashing (see `PairBits`).
    role_tail_pairs: PairBits,
    /// The last four bytes of every role form of four bytes or more (`RoleEnds`): a word
    /// whose lower-case form ends otherwise ends in no role form that gives a role.
    role_ends: RoleEnds,
    given: FastSet<&'static str>,
    /// Which bytes start a given name: most words start otherwise and need no hash look-up.
    given_first: [bool; 256],
    /// A filter in front of `given`: the people pass asks about every capitalised word.
    given_bits: NameBits,
    /// The `WordBits` of the forms the role pass takes before a role word: a
    /// country's adjectives and its names ending in `s` (genitives).
    country_modifiers: WordBits,
    /// The `WordBits` of the forms of every entry tagged `DE`, `AT` or `CH` (the three
    /// countries and their places), which the role pass counts to tell the home country.
    home_forms: WordBits,
    /// The `WordBits` of every surface form (`by_surface`'s keys): `lookup` hashes only a word
    /// they may hold. Most words looked up are in no list.
    surfaces: WordBits,
    by_code: FastMap<String, usize>,
}

/// The lexicon, built on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::build)
}

fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

fn list(field: Option<&&'static str>) -> Vec<&'static str> {
    field
        .map(|f| {
            f.split('|')
                .filter(|s| !s.is_empty() && *s != "-")
                .collect()
        })
        .unwrap_or_default()
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Genitive `-s` as German adds it to names (`Russlands`, `Europas`), except after sibilants.
fn genitive(name: &str) -> Option<String> {
    let last = name.chars().last()?;
    if name.contains(' ') || matches!(last, 's' | 'x' | 'z' | 'ß') || !last.is_lowercase() {
        return None;
    }
    Some(format!("{name}s"))
}

/// Adjectival first words decline (`Vereinigte Staaten` → `Vereinigten Staaten`).
fn declined(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((first, rest)) = name.split_once(' ')
        && first.ends_with(['e', 's', 'r'])
        && first.chars().next().is_some_and(char::is_uppercase)
        && first.len() > 4
    {
        let stem = first.trim_end_matches(['e', 's', 'r']);
        let stem = if first.ends_with("es") || first.ends_with("er") {
            &first[..first.len() - 2]
        } else {
            stem
        };
        for end in ["e", "en", "es", "er", "em"] {
            let v = format!("{stem}{end} {rest}");
            if v != name {
                out.push(v);
            }
        }
        let (mid, last) = rest.rsplit_once(' ').unwrap_or(("", rest));
        if let Some(g) = genitive(last) {
            let genitive_form = if mid.is_empty() {
                format!("{stem}en {g}")
            } else {
                format!("{stem}en {mid} {g}")
            };
            out.push(genitive_form);
        }
    }
    out
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut lex = Lexicon {
            entries: Vec::new(),
            roles: Vec::new(),
            forms: Vec::new(),
            matcher: scan::Scanner::new(&["\u{0}"]),
            extensions: Vec::new(),
            extension_bytes: [false; 256],
            by_surface: FastMap::default(),
            role_forms: FastMap::default(),
            role_tails: FastMap::default(),
            role_lower: Vec::new(),
            role_starts: RoleStarts::default(),
            role_tail_pairs: PairBits::default(),
            role_ends: RoleEnds::default(),
            given: FastSet::default(),
            given_first: [false; 256],
            given_bits: NameBits::default(),
            country_modifiers: WordBits::default(),
            home_forms: WordBits::default(),
            surfaces: WordBits::default(),
            by_code: FastMap::default(),
        };
        for r in rows(COUNTRIES).skip(1) {
            let e = lex.push(EntityKind::Country, r[1], r[0]);
            lex.by_code.insert(r[0].to_string(), e);
            for n in list(r.get(2)) {
                lex.name_forms(e, n);
            }
            if let Some(adj) = r.get(3).filter(|a| !a.is_empty()) {
                lex.adjective_forms(e, adj);
            }
            for d in list(r.get(4)) {
                lex.demonym_forms(e, d);
            }
            for p in list(r.get(5)) {
                lex.add(p, e, Form::Prefix);
            }
        }
        for (data, tag_col) in [(ORGANIZATIONS, 2), (MEDIA, usize::MAX)] {
            for r in rows(data) {
                if lex.by_surface.contains_key(r[0]) {
                    continue;
                }
                let tag = r.get(tag_col).copied().unwrap_or("media");
                let e = lex.push(EntityKind::Organization, r[0], tag);
                lex.name_forms(e, r[0]);
                for a in list(r.get(1)) {
                    lex.name_forms(e, a);
                }
            }
        }
        for r in rows(LOCATIONS) {
            let e = lex.push(EntityKind::Location, r[0], r.get(2).copied().unwrap_or("-"));
            lex.name_forms(e, r[0]);
            for a in list(r.get(1)) {
                lex.name_forms(e, a);
            }
        }
        // Continents and regions with adjectives and demonyms, which stand for them as
        // country adjectives stand for countries.
        for (place, adj, dem) in [
            ("Europa", "europäisch", "Europäer"),
            ("Afrika", "afrikanisch", "Afrikaner"),
            ("Asien", "asiatisch", "Asiat"),
            ("Lateinamerika", "lateinamerikanisch", "Lateinamerikaner"),
            ("Arktis", "arktisch", ""),
            ("Skandinavien", "skandinavisch", "Skandinavier"),
            ("Baltikum", "baltisch", "Balte"),
        ] {
            if let Some(&(e, _)) = lex.by_surface.get(place) {
                lex.adjective_forms(e, adj);
                if !dem.is_empty() {
                    lex.demonym_forms(e, dem);
                }
            }
        }
        for r in rows(CITIES) {
            if lex.by_surface.contains_key(r[0]) {
                continue;
            }
            let e = lex.push(EntityKind::Location, r[0], r.get(1).copied().unwrap_or("-"));
            lex.name_forms(e, r[0]);
        }
        for r in rows(EVENTS) {
            let e = lex.push(EntityKind::Event, r[0], "-");
            lex.name_forms(e, r[0]);
            for a in list(r.get(1)) {
                lex.add(a, e, Form::Name);
            }
        }
        for r in rows(ROLES) {
            let implies = r.get(2).filter(|s| **s != "-").map(|s| s.to_string());
            let idx = lex.roles.len();
            lex.roles.push(Role {
                name: r[0].to_string(),
                implies,
            });
            for form in role_inflections(r[0]) {
                lex.role_forms.entry(form).or_insert(idx);
            }
            if let Some(f) = r.get(1).filter(|s| **s != "-") {
                for form in [f.to_string(), format!("{f}nen")] {
                    lex.role_forms.entry(form.to_lowercase()).or_insert(idx);
                }
            }
        }
        // A form is lower case: its `tail3` is its last three bytes as they stand (`last3`).
        for f in lex.role_forms.keys() {
            let Some(t) = tail3(f) else {
                continue;
            };
            let lengths = lex.role_tails.entry(t).or_default();
            if f.len() >= 4 && !lengths.contains(&f.len()) {
                lengths.push(f.len());
            }
        }
        for lengths in lex.role_tails.values_mut() {
            lengths.sort_unstable_by(|a, b| b.cmp(a));
        }
        lex.role_lower = lex.roles.iter().map(|r| r.name.to_lowercase()).collect();
        for f in lex.role_forms.keys() {
            if let Some(h) = head4(f.as_bytes()) {
                lex.role_starts.insert(h, f.len());
            }
        }
        // Each pair also with its ASCII letters in upper case: `role_ending` asks the bits of a
        // word's last two bytes as the text has them, before it lower-cases them.
        for &t in lex.role_tails.keys() {
            let [_, b, c, _] = t.to_le_bytes();
            for b in [b, b.to_ascii_uppercase()] {
                for c in [c, c.to_ascii_uppercase()] {
                    lex.role_tail_pairs.insert(b, c);
                }
            }
        }
        for f in lex.role_forms.keys() {
            if let Some(end) = f.as_bytes().last_chunk::<4>() {
                lex.role_ends.insert(end);
            }
        }
        lex.given = GIVEN_NAMES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        for g in &lex.given {
            lex.given_first[usize::from(g.as_bytes()[0])] = true;
            lex.given_bits.insert(g);
        }
        for (s, &(e, form)) in &lex.by_surface {
            lex.surfaces.insert(s.as_bytes());
            if lex.entries[e].kind == EntityKind::Country
                && (form == Form::Adjective || form == Form::Name && s.ends_with('s'))
            {
                lex.country_modifiers.insert(s.as_bytes());
            }
            if HOME_CODES.contains(&lex.entries[e].tag.as_str()) {
                lex.home_forms.insert(s.as_bytes());
            }
        }
        let patterns: Vec<String> = {
            let v = Self::sorted_surfaces(&lex.by_surface);
            let (kept, extensions) = Self::split_extensions(&v);
            for x in &extensions {
                lex.extension_bytes[usize::from(x.byte)] = true;
            }
            lex.extensions = extensions;
            lex.forms = kept.iter().map(|&(_, f)| f).collect();
            kept.into_iter().map(|(s, _)| s.to_string()).collect()
        };
        lex.matcher = scan::Scanner::new(&patterns);
        lex
    }

    fn push(&mut self, kind: EntityKind, name: &str, tag: &str) -> usize {
        self.entries.push(Entry {
            kind,
            name: name.to_string(),
            tag: tag.to_string(),
        });
        self.entries.len() - 1
    }

    /// First entry wins: a surface form names one entity only.
    fn add(&mut self, surface: &str, e: usize, form: Form) {
        if surface.chars().count() < 2 && surface != "X" {
            return;
        }
        self.by_surface
            .entry(surface.to_string())
            .or_insert((e, form));
    }

    fn name_forms(&mut self, e: usize, name: &str) {
        self.add(name, e, Form::Name);
        if let Some(g) = genitive(name) {
            self.add(&g, e, Form::Name);
        }
        // Plural names take a dative `-n`: `in den Niederlanden`.
        if name.ends_with("lande") {
            self.add(&format!("{name}n"), e, Form::Name);
        }
        for d in declined(name) {
            self.add(&d, e, Form::Name);
        }
    }

    fn adjective_forms(&mut self, e: usize, adj: &str) {
        for end in ["", "e", "en", "er", "es", "em"] {
            let a = format!("{adj}{end}");
            self.add(&a, e, Form::Adjective);
            self.add(&capitalize(&a), e, Form::Adjective);
        }
    }

    fn demonym_forms(&mut self, e: usize, d: &str) {
        let forms: Vec<String> = if let Some(stem) = d.strip_suffix("er")
            && d.starts_with("Deutsch")
        {
            // `Deutscher` declines like an adjective.
            vec![d.into(), format!("{stem}e"), format!("{stem}en")]
        } else if d.ends_with("er") {
            let f = d.replace("Franzos", "Französ");
            vec![
                d.into(),
                format!("{d}n"),
                format!("{d}s"),
                format!("{f}in"),
                format!("{f}innen"),
            ]
        } else if let Some(stem) = d.strip_suffix('e') {
            let f = stem.replace("Franzos", "Französ");
            vec![
                d.into(),
                format!("{d}n"),
                format!("{f}in"),
                format!("{f}innen"),
            ]
        } else {
            vec![d.into(), format!("{d}s"), format!("{d}n"), format!("{d}en")]
        };
        for f in forms {
            self.add(&f, e, Form::Demonym);
        }
    }

    pub fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    /// The country entry for an ISO alpha-2 code.
    pub fn country(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// Role `i`'s name in lower case (`präsident`).
    pub fn role_name_lower(&self, i: usize) -> &str {
        &self.role_lower[i]
    }

    /// The entry a role implies (`Bundeskanzler` → Deutschland), if any.
    pub fn implied(&self, role: usize) -> Option<usize> {
        let imp = self.roles[role].implies.as_deref()?;
        self.country(imp)
            .or_else(|| self.by_surface.get(imp).map(|x| x.0))
    }

    /// The entry and form a whole surface string names.
    ///
    /// A bit test of the word's first two bytes, last byte and length (`surfaces`) answers
    /// `None` for most words before the hash look-up: the recognisers ask about many words
    /// that no list holds. Inlined, so that those words cost no call either; the look-up
    /// itself is not.
    #[inline]
    pub fn lookup(&self, surface: &str) -> Option<(usize, Form)> {
        if !self.surfaces.may_hold(surface.as_bytes()) {
            return None;
        }
        self.lookup_hashed(surface)
    }

    #[inline(never)]
    fn lookup_hashed(&self, surface: &str) -> Option<(usize, Form)> {
        self.by_surface.get(surface).copied()
    }

    /// Whether `w` may be a country's adjective or a country's name ending in `s`, the forms
    /// the role pass takes before a role word (`russische Präsident`, `Deutschlands
    /// Kanzler`): `false` only where it is neither, so a caller that asks this before `lookup`
    /// for those forms gets the same answers. Most words before a role are neither, and a bit
    /// test costs a few instructions where the look-up hashes the word.
    pub fn may_be_country_modifier(&self, w: &str) -> bool {
        self.country_modifiers.may_hold(w.as_bytes())
    }

    /// Whether `w` may be a form of an entry tagged with one of `HOME_CODES`: `false` only where
    /// it is none, so a caller that asks this before `lookup` for those entries gets the same
    /// answers. The role pass asks about every capitalised word of a text with a `Bundes-`
    /// role, and most are none.
    pub fn may_be_home_form(&self, w: &str) -> bool {
        self.home_forms.may_hold(w.as_bytes())
    }

    // Inlined, with the accent folding in a function of its own: as one function, the
    // folding's registers cost every call a long entry and exit, about twenty instructions of
    // the 65 a call took, and most calls are answered by the bits.
    #[inline(always)]
    pub fn is_given_name(&self, w: &str) -> bool {
        self.is_given_name_keyed(w, &NameBits::key(w))
    }

    /// `is_given_name` of `w`'s part before its first hyphen (all of `w` where it has none), as
    /// the people pass asks it of every capitalised word. The bytes the name bits read of a
    /// word of up to 16 bytes are all its bytes, so they also tell whether it has a hyphen:
    /// only longer words and those with one are searched for it, which cost about twenty
    /// instructions a word.
    #[inline(always)]
    pub fn is_given_name_before_hyphen(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let (head, tail) = NameBits::read(b);
        if b.len() > 16 || has_byte(head, b'-') || has_byte(tail, b'-') {
            return self.is_given_name(w.split_once('-').map_or(w, |(first, _)| first));
        }
        self.is_given_name_keyed(w, &NameBits::key_of(head, tail, b.len()))
    }

    /// `is_given_name` of `w`, whose `NameBits::key` is `key`.
    #[inline(always)]
    fn is_given_name_keyed(&self, w: &str, key: &NameKey) -> bool {
        self.may_start_given_name(w) && self.given_bits.may_hold(key) && self.given.contains(w)
            // A word the key has read whole and found ASCII has no accent to fold, and most
            // words are such: the accent test walks the word.
            || !key.ascii && has_foreign_accent(w) && self.is_accented_given_name(w)
    }

    /// Whether `w`, which has a foreign accent, is a given name the lists spell without it
    /// (`Néstor`).
    #[inline(never)]
    fn is_accented_given_name(&self, w: &str) -> bool {
        fold_accents(w).is_some_and(|f| self.given.contains(f.as_str()))
    }

    /// Whether `w`'s first byte starts some given name: a test of one byte that rules out most
    /// words before any hashing (or splitting, where the caller asks of a part of `w`).
    pub fn may_start_given_name(&self, w: &str) -> bool {
        w.as_bytes()
            .first()
            .is_some_and(|&b| self.given_first[usize::from(b)])
    }

    /// Every lexicon hit in `text` that stands as a word of its own or as the first part of a
    /// hyphenated compound (`NATO-Gipfel`, `US-Präsident`).
    ///
    /// The chars around a match are read as bytes through `EDGE`, one look-up each: most are
    /// spaces or punctuation, which need no further test, and only a char of several bytes is
    /// decoded. Decoding both chars of every match took about a third of the 124 instructions
    /// a match cost here.
    pub fn find(&self, text: &str) -> Vec<LexMatch> {
        let bytes = text.as_bytes();
        // The automaton's matches, and those kept: room for one per 32 bytes, more than most
        // texts hold (grown from empty, the list moved about five times per document).
        let mut out = Vec::with_capacity(text.len() / 32);
        let mut hits = Vec::with_capacity(text.len() / 32);
        self.matcher.find_all(bytes, &mut hits);
        for (s, end, pattern) in hits {
            let mut e = end;
            // A match starts at a char's first byte, so the byte before it is the last of the
            // char before it (a space where there is none, which is neither a letter nor `.`).
            let before = s.checked_sub(1).map_or(b' ', |p| bytes[p]);
            // A match inside a word is never kept, whatever its form: it needs no look at the
            // extensions.
            if EDGE[usize::from(before)] != 0
                && (before.is_ascii_alphanumeric()
                    || !before.is_ascii()
                        && text[..s]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric))
            {
                continue;
            }
            let (mut entry, mut form) = self.forms[pattern];
            // The automaton's match is the longest there save an extension (see
            // `split_extensions`); the search goes on after the extension's byte, where no
            // pattern starts, as it would have after the extension.
            if let Some(&next) = bytes.get(e)
                && self.extension_bytes[usize::from(next)]
                && let Some(x) = self
                    .extensions
                    .iter()
                    .find(|x| x.byte == next && x.base == pattern)
            {
                e += 1;
                (entry, form) = (x.entry, x.form);
            }
            if before == b'.' && form != Form::Name {
                continue;
            }
            // The byte after the match starts the char after it (a space where there is none,
            // which neither joins a word nor is a hyphen).
            let after = bytes.get(e).copied().unwrap_or(b' ');
            // Captions are often glued to the credit that follows (`in LondonBild: …`); asked
            // only where a letter follows, as most hits are followed by a space.
            let glued_credit = || {
                ["Bild:", "Foto:", "Fotos:", "Quelle:"]
                    .iter()
                    .any(|c| text[e..].starts_with(c))
            };
            if EDGE[usize::from(after)] != 0
                && (after.is_ascii_alphanumeric()
                    || after == b'\''
                    || !after.is_ascii()
                        && text[e..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_alphanumeric() || c == '’'))
                && !glued_credit()
            {
                continue;
            }
            if form == Form::Prefix && after != b'-' {
                continue;
            }
            // A one-letter name (the platform `X`) needs a context that makes it a name.
            if e - s == 1 && !text[..s].ends_with("auf ") && !text[..s].ends_with("Plattform ") {
                continue;
            }
            out.push(LexMatch {
                span: s..e,
                entry,
                form,
            });
        }
        out
    }

    /// Every surface form with its entry and form, sorted by bytes: the order in which the
    /// scanner and `split_extensions` take them.
    fn sorted_surfaces(by_surface: &FastMap<String, (usize, Form)>) -> Vec<(&str, (usize, Form))> {
        let mut v: Vec<(&str, (usize, Form))> =
            by_surface.iter().map(|(s, &f)| (s.as_str(), f)).collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }

    /// Splits the surface forms, sorted, into the automaton's patterns and the extensions: the
    /// forms that end in a byte no form holds before its end and whose other bytes are a form
    /// themselves (`OPEC+` after `OPEC`). Where an extension stands, its base is the
    /// automaton's leftmost-longest match without it, as no pattern holds the byte to go on
    /// through, and no pattern starts at the byte; so `find` reports the same matches as an
    /// automaton with every form. Left out, the extension's byte adds no byte class: with the
    /// crate's own table, whose rows are as wide as the next power of two above its classes,
    /// that halved the table (128 classes without `+`, 129 with it). The scanner's table
    /// (`scan::Scanner`) counts only the bytes the forms hold (101) and keeps a column per
    /// class, so there `+` would add one column; the extensions stay because they cost nothing
    /// and keep the alphabet one byte smaller.
    #[allow(clippy::type_complexity)]
    fn split_extensions<'a>(
        forms: &[(&'a str, (usize, Form))],
    ) -> (Vec<(&'a str, (usize, Form))>, Vec<Extension>) {
        let is_form = |s: &[u8]| forms.binary_search_by(|f| f.0.as_bytes().cmp(s)).is_ok();
        // Whether each byte stands in some form before its end, or ends a form without a base.
        let mut held = [false; 256];
        for &(f, _) in forms {
            let (&last, base) = f.as_bytes().split_last().expect("no empty form");
            for &b in base {
                held[usize::from(b)] = true;
            }
            if !is_form(base) {
                held[usize::from(last)] = true;
            }
        }
        let ends_held = |f: &str| f.as_bytes().last().is_some_and(|&b| held[usize::from(b)]);
        let kept: Vec<(&str, (usize, Form))> = forms
            .iter()
            .copied()
            .filter(|&(f, _)| ends_held(f))
            .collect();
        let extensions = forms
            .iter()
            .filter(|&&(f, _)| !ends_held(f))
            .map(|&(f, (entry, form))| {
                let (&byte, base) = f.as_bytes().split_last().expect("no empty form");
                // The base ends in a byte it holds before the extension's end: it is kept.
                let base = kept
                    .binary_search_by(|k| k.0.as_bytes().cmp(base))
                    .expect("the base is a pattern");
                Extension {
                    base,
                    byte,
                    entry,
                    form,
                }
            })
            .collect();
        (kept, extensions)
    }

    /// Analyses a word as a role (`Kremlchef`, `Ex-Verteidigungsminister`, `NATO-Generalsekretär`,
    /// `Präsidenten`). The longest role at the end of the word wins; what stands before it must be
    /// a known holder, `Ex-`, a known modifier, or a hyphenated prefix.
    pub fn role(&self, word: &str) -> Option<RoleWord> {
        let tail = self.role_tail(word)?;
        with_lowercase(word, |lower| self.role_lower_at(word, lower, Some(tail)))
    }

    /// Whether `word` ends as some role form does (its last three bytes, without ASCII case):
    /// `role` is `None` for every other word, which most words are, without lower-casing them.
    /// Inlined: the role pass asks it of every capitalised word, and most are answered by the
    /// pair bits in fewer instructions than a call's entry and exit.
    #[inline]
    pub fn may_end_role(&self, word: &str) -> bool {
        self.role_tail(word).is_some()
    }

    /// Where `word` ends as some role form does (`may_end_role`), its ending for
    /// `role_lower_at`: its last three bytes, ASCII lower-cased, with the lengths of the role
    /// forms of four bytes or more that end so. Inlined, as `may_end_role`.
    #[inline]
    pub fn role_tail(&self, word: &str) -> Option<RoleTail<'_>> {
        let t = tail3(word)?;
        let [_, b, c, _] = t.to_le_bytes();
        if !self.role_tail_pairs.contains(b, c) {
            return None;
        }
        self.role_tails
            .get(&t)
            .map(|lengths| RoleTail { tail: t, lengths })
    }

    /// `role_tail` of a word that may end in a role form which gives a role: also `None` for a
    /// word under four bytes, and for one whose last four bytes are ASCII and, lower-cased, end
    /// no role form (`RoleEnds`). `role_lower_at` is `None` for both (it reads the lower-case
    /// form's last four bytes, which are those bytes lower-cased), and so for any word that ends
    /// in the same four bytes. Tested before the tail's hash look-up, which the role pass made
    /// for every capitalised word that ends as some role form does in three bytes. Inlined
    /// always: the role pass's walk asks it of most capitalised words, and as a call it was
    /// not inlined there.
    #[inline(always)]
    pub fn role_ending(&self, word: &str) -> Option<RoleTail<'_>> {
        let x = u32::from_le_bytes(*word.as_bytes().last_chunk::<4>()?);
        // The last two bytes as the text has them: the pair bits hold each pair with its ASCII
        // letters in either case, and rule out about half the words before they are
        // lower-cased.
        let [_, _, b, c] = x.to_le_bytes();
        if !self.role_tail_pairs.contains(b, c) {
            return None;
        }
        // The last four bytes lower-cased once: `ascii_lower4` works on each byte alone and
        // leaves a zero byte zero, so the last three, lower-cased as `tail3` gives them, are
        // these shifted.
        let lower = ascii_lower4(x);
        let t = lower >> 8;
        if x & 0x8080_8080 == 0 && !self.role_ends.may_hold(&lower.to_le_bytes()) {
            return None;
        }
        self.role_tails
            .get(&t)
            .map(|lengths| RoleTail { tail: t, lengths })
    }

    /// `role` with the word already lower-cased (`lower` is `word` lower-cased, as
    /// `with_lowercase` gives it), for a caller that has the lower-case form at hand.
    pub fn role_lower(&self, word: &str, lower: &str) -> Option<RoleWord> {
        self.role_lower_at(word, lower, None)
    }

    /// `role_lower`, given the word's `role_tail` where the caller has it: its lengths serve
    /// where the lower-case form ends in the same three bytes (a Latin-1 capital among them
    /// ends it otherwise), without a second look-up.
    pub fn role_lower_at(
        &self,
        word: &str,
        lower: &str,
        tail: Option<RoleTail<'_>>,
    ) -> Option<RoleWord> {
        if lower.len() != word.len() {
            return None; // Case mapping changed byte lengths: not a plain word.
        }
        // A role is a form of four bytes or more that ends the word, so the word's last four
        // bytes end some form: most words that end like a form in three bytes (`-ter`, `-ent`)
        // do not in four, and are answered here by one bit.
        if !self.role_ends.may_hold(lower.as_bytes().last_chunk::<4>()?) {
            return None;
        }
        // Only suffixes as long as a role form that ends as the word does can be one, and a
        // match shorter than four bytes gives no role: the suffixes are taken from the lengths
        // of the forms with the word's last three bytes, longest first, as a walk over the
        // word's places from its start would meet them (that walk cost about 140 instructions
        // a word). A suffix whose first four bytes start no role form cannot be one either.
        let bytes = lower.as_bytes();
        let last = last3(bytes.last_chunk::<3>()?);
        let lengths: &[usize] = match tail {
            Some(t) if t.tail == last => t.lengths,
            _ => self.role_tails.get(&last)?,
        };
        // The lengths are sorted longest first: those longer than the word are passed over by
        // one binary search, where the loop tested each (many role forms are long compounds).
        let fit = lengths.partition_point(|&len| len > lower.len());
        for &len in &lengths[fit..] {
            let i = lower.len() - len;
            if !lower.is_char_boundary(i) {
                continue;
            }
            if !head4(&bytes[i..]).is_some_and(|h| self.role_starts.may_hold(h, len)) {
                continue;
            }
            let Some(&role) = self.role_forms.get(&lower[i..]) else {
                continue;
            };
            let prefix = &word[..i];
            if prefix.is_empty() {
                return Some(RoleWord {
                    role,
                    holder: None,
                    former: false,
                });
            }
            // The role itself must start a new word part: `Kremlchef`, `NATO-Chef`.
            let hyphen = prefix.ends_with('-');
            let mut former = false;
            let mut holder = None;
            let mut offset = 0;
            let mut all_known = true;
            // The parts are lower-cased on the stack, and capitalised (on the heap) only where
            // that changes them: a part that already starts with a capital (`Bundes` of
            // `Bundeskanzler`) or with no ASCII letter looks the same up again. Three
            // allocations per compound role cost more than the role's look-ups.
            for p in prefix.trim_end_matches('-').split('-') {
                let mut buf = [0u8; 64];
                let owned;
                let lp = match lower_into(p, &mut buf) {
                    Some(lp) => lp,
                    None => {
                        owned = p.to_lowercase();
                        owned.as_str()
                    }
                };
                let unchanged_by_capital = p
                    .as_bytes()
                    .first()
                    .is_none_or(|b| b.is_ascii() && !b.is_ascii_lowercase());
                if lp == "ex" {
                    former = true;
                } else if let Some((e, _)) = self.lookup(p) {
                    holder = Some((offset..offset + p.len(), e));
                } else if !unchanged_by_capital && let Some((e, _)) = self.lookup(&capitalize(p)) {
                    holder = Some((offset..offset + p.len(), e));
                } else if lp == "bundes" {
                    holder = self.country("DE").map(|e| (offset..offset + p.len(), e));
                } else if !MODIFIERS.contains(&lp) {
                    all_known = false;
                }
                offset += p.len() + 1;
            }
            if !all_known && !hyphen {
                return None;
            }
            return Some(RoleWord {
                role,
                holder,
                former,
            });
        }
        None
    }
}

/// The first four bytes of a lower-cased word, as one number: a `u32` hashes in four FNV
/// steps, a byte array in eleven (its length first).
fn head4(w: &[u8]) -> Option<u32> {
    Some(u32::from_le_bytes(*w.first_chunk::<4>()?))
}

/// Whether `w` holds a letter with a diacritic other than the German umlauts and `ß`: only
/// such words can be a given name the lists spell without its accent (`Néstor`, `Štefan`).
/// German words never pay for the folding.
fn has_foreign_accent(w: &str) -> bool {
    !w.is_ascii() && w.chars().any(|c| !c.is_ascii() && !is_german_letter(c))
}

/// Whether `c` is one of the German umlauts or `ß`: a `match` where searching a string of
/// them cost about 70 instructions per character.
fn is_german_letter(c: char) -> bool {
    matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü' | 'ß')
}

/// `w` with the accents of Latin letters taken off (`Ángel` → `Angel`, `Paweł` → `Pawel`),
/// German umlauts kept, for the given-name lists, which often spell a name without them.
/// `None` where a letter has no plain Latin form (the name is in another script).
fn fold_accents(w: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        if c.is_ascii() || is_german_letter(c) {
            out.push(c);
            continue;
        }
        let plain = match c {
            'ł' => 'l',
            'Ł' => 'L',
            'đ' => 'd',
            'Đ' => 'D',
            'ı' => 'i',
            'ø' => 'o',
            'Ø' => 'O',
            _ => {
                let base = c.nfd().next()?;
                if !base.is_ascii_alphabetic() {
                    return None;
                }
                base
            }
        };
        out.push(plain);
    }
    Some(out)
}

/// A set of words as two bits each of 2^19 (64 KiB), a Bloom filter in front of a hash set:
/// a word whose two bits are not both set is in no entry of the set, so testing it first never
/// changes an answer. The people pass asks whether each capitalised word is a given name, and
/// most are not; a look-up in the set of 33,000 names cost about 70 instructions a word (the
/// hash, the probe and a comparison), and this test a third of that. The key reads the word's
/// first and last eight bytes and its length with no loop, so long words share bits more
/// often, which only costs a look-up.
struct NameBits(Box<[u64; 1 << 13]>);

impl Default for NameBits {
    fn default() -> Self {
        NameBits(Box::new([0; 1 << 13]))
    }
}

/// A word's key for `NameBits`: its two bit indices, and whether the bytes read for them are
/// the whole word (up to 16 bytes) and all ASCII.
struct NameKey {
    bits: [usize; 2],
    ascii: bool,
}

impl NameBits {
    /// The word's two bit indices, of 19 bits each, from the high half of one product.
    #[inline]
    fn key(w: &str) -> NameKey {
        let b = w.as_bytes();
        let (head, tail) = Self::read(b);
        Self::key_of(head, tail, b.len())
    }
    /// The bytes the key is made of: the first and last eight, or four, or three bytes of the
    /// word (its first, middle and last) as `head`. They are all the word's bytes where it is
    /// 16 bytes long or shorter; the rest of the two numbers is zeros.
    #[inline]
    fn read(b: &[u8]) -> (u64, u64) {
        let n = b.len();
        if n >= 8 {
            let head = u64::from_le_bytes(*b.first_chunk::<8>().expect("eight bytes"));
            let tail = u64::from_le_bytes(*b.last_chunk::<8>().expect("eight bytes"));
            (head, tail)
        } else if n >= 4 {
            let head = u32::from_le_bytes(*b.first_chunk::<4>().expect("four bytes"));
            let tail = u32::from_le_bytes(*b.last_chunk::<4>().expect("four bytes"));
            (u64::from(head), u64::from(tail))
        } else if n > 0 {
            let x = u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16;
            (x, 0)
        } else {
            (0, 0)
        }
    }
    /// The key of a word of `n` bytes from what `read` gives of it.
    #[inline]
    fn key_of(head: u64, tail: u64, n: usize) -> NameKey {
        let h = (head ^ tail.rotate_left(29) ^ (n as u64) << 56)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ head.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        NameKey {
            bits: [(h >> 45) as usize, (h >> 26) as usize & ((1 << 19) - 1)],
            ascii: n <= 16 && (head | tail) & HIGH_BITS == 0,
        }
    }
    fn insert(&mut self, w: &str) {
        for i in Self::key(w).bits {
            self.0[i / 64] |= 1 << (i % 64);
        }
    }
    #[inline]
    fn may_hold(&self, key: &NameKey) -> bool {
        key.bits
            .iter()
            .all(|&i| self.0[i / 64] & (1 << (i % 64)) != 0)
    }
}

/// Whether any of the eight bytes of `x` is `b`: a byte of `y` is zero exactly where `x` has
/// `b`, and the borrow test finds whether some byte of `y` is zero (its exact place may be
/// wrong, which does not matter here).
#[inline]
fn has_byte(x: u64, b: u8) -> bool {
    let y = x ^ (ONES * u64::from(b));
    y.wrapping_sub(ONES) & !y & HIGH_BITS != 0
}

/// A set of 16-bit numbers as 65,536 bits (8 KiB): the storage of the byte filters that run
/// before hash look-ups (`PairBits` here, the recogniser's `EdgeBits`, the statement finder's
/// `KeyFilter` and clause-noun endings). Each maps a word to a number in its own way; a word
/// whose number is not in the set is in no entry of the list the set was built from.
#[derive(Clone)]
pub(crate) struct Bits16(Box<[u64; 1024]>);

impl Default for Bits16 {
    fn default() -> Self {
        Bits16(Box::new([0; 1024]))
    }
}

impl Bits16 {
    /// Adds `i`, which must be below 65,536.
    #[inline]
    pub(crate) fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    /// Whether `i`, below 65,536, is in the set.
    #[inline]
    pub(crate) fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// A set of byte pairs: a pre-test in front of a hash map of longer keys. The role analysis
/// asks about most capitalised words; most end with a pair that ends no role form, and testing
/// one bit costs a fraction of hashing the bytes. A pair is inserted for every key of the map,
/// so a key the bits rule out is never in the map, and results cannot change.
#[derive(Clone, Default)]
struct PairBits(Bits16);

impl PairBits {
    fn index(a: u8, b: u8) -> usize {
        usize::from(a) << 8 | usize::from(b)
    }
    fn insert(&mut self, a: u8, b: u8) {
        self.0.insert(Self::index(a, b));
    }
    fn contains(&self, a: u8, b: u8) -> bool {
        self.0.contains(Self::index(a, b))
    }
}

/// The first four bytes and the length of the role forms, hashed into 65,536 bits: a suffix
/// of a word whose first four bytes and length are not among them is no role form. Tested for
/// each length a word's ending allows; a hash set of the first four bytes alone (behind a bit
/// test of the first two) let more suffixes through to the look-up of the form, and cost a
/// hash of its own for most.
#[derive(Clone, Default)]
struct RoleStarts(Bits16);

impl RoleStarts {
    #[inline]
    fn index(head: u32, len: usize) -> usize {
        let key = u64::from(head) | (len as u64) << 32;
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
    }
    fn insert(&mut self, head: u32, len: usize) {
        self.0.insert(Self::index(head, len));
    }
    #[inline]
    fn may_hold(&self, head: u32, len: usize) -> bool {
        self.0.contains(Self::index(head, len))
    }
}

/// The last four bytes of the role forms, hashed into 65,536 bits: four bytes that are not
/// among them end no role form, which a bit test tells in a few instructions where the forms'
/// lengths and heads cost a hash look-up or more.
#[derive(Clone, Default)]
struct RoleEnds(Bits16);

impl RoleEnds {
    fn index(end: &[u8; 4]) -> usize {
        (u32::from_le_bytes(*end).wrapping_mul(0x9E37_79B1) >> 16) as usize
    }
    fn insert(&mut self, end: &[u8; 4]) {
        self.0.insert(Self::index(end));
    }
    fn may_hold(&self, end: &[u8; 4]) -> bool {
        self.0.contains(Self::index(end))
    }
}

/// The tags of Germany, Austria and Switzerland, the countries a `Bundes-` role may belong to.
pub const HOME_CODES: [&str; 3] = ["DE", "AT", "CH"];

/// A word's first two bytes, last byte and length, hashed into 65,536 bits: a word whose bit
/// is clear is none of the words inserted.
#[derive(Clone, Default)]
struct WordBits(Bits16);

impl WordBits {
    #[inline]
    fn index(w: &[u8]) -> usize {
        let at = |k: usize| w.get(k).copied().unwrap_or(0);
        let last = w.last().copied().unwrap_or(0);
        let key = u32::from_le_bytes([at(0), at(1), last, w.len() as u8]);
        (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
    }
    fn insert(&mut self, w: &[u8]) {
        self.0.insert(Self::index(w));
    }
    #[inline]
    fn may_hold(&self, w: &[u8]) -> bool {
        self.0.contains(Self::index(w))
    }
}

/// The last three bytes of `b` (at least three) as one number, as they stand.
fn last3(b: &[u8]) -> u32 {
    let [x, y, z] = *b.last_chunk::<3>().expect("three bytes");
    u32::from_le_bytes([x, y, z, 0])
}

/// The last three bytes of a word, ASCII lower-cased, as one number (see `head4`).
#[inline]
pub fn tail3(w: &str) -> Option<u32> {
    let [a, b, c] = *w.as_bytes().last_chunk::<3>()?;
    Some(ascii_lower4(u32::from_le_bytes([a, b, c, 0])))
}

/// Four bytes lower-cased at once as `u8::to_ascii_lowercase` of each, also where some are not
/// ASCII: `ascii_lower8`'s rule on the bytes without their high bits (so that no byte carries
/// into its neighbour), applied only to those without one. The role pass asks `tail3` of every
/// capitalised word, where lower-casing its three bytes one by one cost about ten
/// instructions more.
fn ascii_lower4(x: u32) -> u32 {
    const ONES4: u32 = 0x0101_0101;
    const HIGH4: u32 = 0x8080_8080;
    let low = x & !HIGH4;
    let from_a = low + ONES4 * (0x80 - u32::from(b'A'));
    let past_z = low + ONES4 * (0x80 - u32::from(b'['));
    x | ((from_a & !past_z & !x & HIGH4) >> 2)
}

/// Prefixes that modify a role without naming its holder (`Vizechef`, `Interimstrainer`).
const MODIFIERS: &[&str] = &[
    "vize",
    "ober",
    "landes",
    "partei",
    "fraktions",
    "regierungs",
    "vorstands",
    "konzern",
    "staats",
    "ko",
    "co",
    "interims",
    "chef",
    "top",
    "sonder",
    "noch",
    "bald",
];

/// Singular case forms of a role (`Präsident`, `Präsidenten`, `Präsidents`, `Sprechers`).
fn role_inflections(role: &str) -> Vec<String> {
    let l = role.to_lowercase();
    let adjectival = ["nder", "eter", "dter", "gter"]
        .iter()
        .any(|e| l.ends_with(e));
    if let Some(stem) = l.strip_suffix("er")
        && adjectival
    {
        // Adjectival nouns: `Vorsitzender`, `der Vorsitzende`, `des Vorsitzenden`.
        return vec![l.clone(), format!("{stem}e"), format!("{stem}en")];
    }
    if l.ends_with('e') {
        return vec![l.clone(), format!("{l}n")];
    }
    vec![
        l.clone(),
        format!("{l}s"),
        format!("{l}es"),
        format!("{l}en"),
        format!("{l}n"),
    ]
}

/// A person's grammatical gender, as a given name or a descriptor shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// The gender of a given name that has a clear one (`Eva`, `Jan`), from
/// `data/given_name_genders.tsv`; `None` for names used for both and for unknown names.
pub fn given_name_gender(name: &str) -> Option<Gender> {
    // Kept apart from `Lexicon` so that only resolution, which asks for it, pays for loading it.
    static GENDERS: OnceLock<HashMap<&'static str, Gender>> = OnceLock::new();
    GENDERS
        .get_or_init(|| {
            rows(include_str!("../data/given_name_genders.tsv"))
                .filter_map(|r| match r.as_slice() {
                    [n, "m"] => Some((*n, Gender::Male)),
                    [n, "f"] => Some((*n, Gender::Female)),
                    _ => None,
                })
                .collect()
        })
        .get(name)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_bits_hold_every_form_their_questions_take() {
        let lex = lexicon();
        let mut country_modifiers = 0;
        for (s, &(e, form)) in &lex.by_surface {
            let entry = lex.entry(e);
            if entry.kind == EntityKind::Country
                && (form == Form::Adjective || form == Form::Name && s.ends_with('s'))
            {
                assert!(lex.may_be_country_modifier(s), "{s}");
                country_modifiers += 1;
            }
            if HOME_CODES.contains(&entry.tag.as_str()) {
                assert!(lex.may_be_home_form(s), "{s}");
            }
            assert_eq!(lex.lookup(s), Some((e, form)), "{s}");
        }
        assert!(country_modifiers > 0);
        assert!(lex.may_be_home_form("Deutschland"));
    }

    #[test]
    fn extensions_are_forms_ending_in_a_byte_no_form_holds_elsewhere() {
        let f = |v: &[&'static str]| -> Vec<(&'static str, (usize, Form))> {
            v.iter()
                .enumerate()
                .map(|(i, s)| (*s, (i, Form::Name)))
                .collect()
        };
        let forms = f(&["AB", "AB+", "ABC", "C", "C+"]);
        let (kept, ext) = Lexicon::split_extensions(&forms);
        assert_eq!(
            kept.iter().map(|k| k.0).collect::<Vec<_>>(),
            ["AB", "ABC", "C"]
        );
        let ext: Vec<_> = ext
            .iter()
            .map(|x| (kept[x.base].0, x.byte, x.entry))
            .collect();
        assert_eq!(ext, [("AB", b'+', 1), ("C", b'+', 4)]);
        // `D+` has no base and `A+B` holds the byte before its end: `+` stays in the automaton.
        for v in [&["AB", "AB+", "D+"][..], &["AB", "AB+", "A+B"]] {
            let (kept, ext) = Lexicon::split_extensions(&f(v));
            assert_eq!(kept.len(), v.len());
            assert!(ext.is_empty());
        }
    }

    #[test]
    fn find_reports_extensions_as_whole_forms() {
        let lex = lexicon();
        let opec = lex.lookup("OPEC").expect("OPEC").0;
        let text = "Die OPEC+ und die Opec+-Staaten, OPEC-Länder, die OPEC.";
        let spans: Vec<_> = lex
            .find(text)
            .into_iter()
            .map(|m| (&text[m.span], m.entry))
            .collect();
        assert_eq!(
            spans,
            [
                ("OPEC+", opec),
                ("Opec+", opec),
                ("OPEC", opec),
                ("OPEC", opec)
            ]
        );
        // The automaton's alphabet stays within 128 byte classes: with more, its rows double.
        assert!(lex.matcher.memory_usage() < 10_000_000);
    }

    #[test]
    fn lower_casing_four_bytes_then_shifting_is_shifting_then_lower_casing() {
        // `role_ending` takes a word's last three bytes lower-cased from its last four.
        for a in 0..=u8::MAX {
            for b in 0..=u8::MAX {
                let x = u32::from_le_bytes([b, a, b'A'.wrapping_add(b), a ^ b]);
                assert_eq!(ascii_lower4(x) >> 8, ascii_lower4(x >> 8), "{x:#x}");
            }
        }
    }

    #[test]
    fn pair_bits_pass_every_role_form_and_hold_only_inserted_pairs() {
        let lex = lexicon();
        assert!(!lex.role_forms.is_empty());
        for f in lex.role_forms.keys() {
            if let Some(t) = tail3(f) {
                let [_, b, c, _] = t.to_le_bytes();
                assert!(lex.role_tail_pairs.contains(b, c), "{f}");
                let (b, c) = (b.to_ascii_uppercase(), c.to_ascii_uppercase());
                assert!(lex.role_tail_pairs.contains(b, c), "{f}");
            }
            if let Some(h) = head4(f.as_bytes()) {
                assert!(lex.role_starts.may_hold(h, f.len()), "{f}");
            }
        }
        // Every role form of four bytes or more is found as a word of its own, through the
        // lengths listed for its last three bytes.
        for (f, &role) in &lex.role_forms {
            if f.len() >= 4 {
                assert_eq!(lex.role_lower(f, f).map(|r| r.role), Some(role), "{f}");
            }
        }
        let mut bits = PairBits::default();
        bits.insert(b'p', b'r');
        bits.insert(0xC3, 0xA4);
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let want = (a, b) == (b'p', b'r') || (a, b) == (0xC3, 0xA4);
                assert_eq!(bits.contains(a, b), want, "{a} {b}");
            }
        }
    }

    fn names(text: &str) -> Vec<(String, String, Form)> {
        let lex = lexicon();
        lex.find(text)
            .into_iter()
            .map(|m| {
                (
                    text[m.span].to_string(),
                    lex.entry(m.entry).name.clone(),
                    m.form,
                )
            })
            .collect()
    }

    #[test]
    fn countries_by_name_inflection_adjective_and_demonym() {
        let got = names("Die Russen und Russlands Nachbarn sprachen mit der polnischen Seite.");
        assert_eq!(
            got,
            vec![
                ("Russen".into(), "Russland".into(), Form::Demonym),
                ("Russlands".into(), "Russland".into(), Form::Name),
                ("polnischen".into(), "Polen".into(), Form::Adjective),
            ]
        );
        let got = names("Die Vereinigten Staaten und die US-Amerikaner in den Niederlanden");
        let canon: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(canon, vec!["USA", "USA", "Niederlande"]);
    }

    #[test]
    fn compound_prefixes_only_before_a_hyphen() {
        let got = names("Der US-Botschafter traf EU-Vertreter, nicht US Open.");
        let canon: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(canon, vec!["USA", "EU"]);
    }

    /// What `lower_line_into` stands for, the slow way.
    fn line_the_library_way(s: &str) -> String {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }

    #[test]
    fn lines_lower_cased_on_the_stack_equal_the_library() {
        let mut buf = [0u8; 400];
        for s in [
            "",
            "  Zum\u{a0}Inhalt \t springen\n",
            "ÄRGER – „ÜBER“ 5\u{202f}€ \u{2003} \u{85}Ende ",
            "ΟΔΟΣ",
            "KELVIN\u{212a}",
        ] {
            if let Some(l) = lower_line_into(s, &mut buf) {
                assert_eq!(l, line_the_library_way(s), "{s:?}");
            }
        }
        // Every character up to U+2FFF between letters and spaces: where the stack answers,
        // it answers as the library.
        let mut answered = 0;
        for c in (0..0x3000).filter_map(char::from_u32) {
            for s in [format!("A{c}b"), format!("x {c} Y"), format!("{c}{c}")] {
                if let Some(l) = lower_line_into(&s, &mut buf) {
                    assert_eq!(l, line_the_library_way(&s), "{s:?}");
                    answered += 1;
                }
            }
        }
        assert!(answered > 3 * (128 + 128 + 256) - 10, "{answered}");
        // Too long for the buffer: no answer rather than a cut line.
        assert!(lower_line_into(&"x".repeat(401), &mut buf).is_none());
    }

    #[test]
    fn lowercase_on_the_stack_equals_the_library() {
        for w in [
            "",
            "NATO",
            "Präsident",
            "ÄUSSERST",
            "Straße",
            "ΟΔΟΣ",
            "İstanbul",
            "KELVIN\u{212a}",
            "x".repeat(200).as_str(),
            "Ex-Verteidigungsminister",
            "ÜBER-ÖL «Zoë» Ærø ×÷ Þ ß µ",
            // The stack buffer's edge: 64 bytes fit, 65 go the library's way.
            &format!("{}Ä", "X".repeat(62)),
            &format!("{}Ä", "X".repeat(63)),
        ] {
            assert_eq!(with_lowercase(w, str::to_string), w.to_lowercase(), "{w}");
        }
        // Every word of one to three ASCII characters, as the library.
        for a in ' '..='~' {
            for b in ' '..='~' {
                for w in [format!("{a}"), format!("{a}{b}"), format!("{a}{b}{a}")] {
                    assert_eq!(with_lowercase(&w, str::to_string), w.to_lowercase(), "{w}");
                }
            }
        }
        // Every character of U+0080 to U+00FF, alone and inside a word, as the library.
        for c in '\u{80}'..='\u{ff}' {
            for w in [c.to_string(), format!("A{c}b{c}")] {
                assert_eq!(with_lowercase(&w, str::to_string), w.to_lowercase(), "{w}");
            }
        }
    }

    #[test]
    fn four_bytes_at_once_as_byte_by_byte() {
        // Every byte in every lane, beside neighbours that would show a carry.
        for b in 0..=0xFFu8 {
            for lane in 0..4 {
                for fill in [0x00, b'@', b'A', b'Z', b'[', b'z', 0x7F, 0x80, 0xC3, 0xFF] {
                    let mut bytes = [fill; 4];
                    bytes[lane] = b;
                    let want = bytes.map(|c| c.to_ascii_lowercase());
                    let got = ascii_lower4(u32::from_le_bytes(bytes)).to_le_bytes();
                    assert_eq!(got, want, "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn eight_bytes_at_once_as_byte_by_byte() {
        // Every ASCII byte in every lane, beside neighbours that would show a carry.
        for b in 0..0x80u8 {
            for lane in 0..8 {
                for fill in [0x00, b' ', b'@', b'A', b'Z', b'[', b'z', 0x7F] {
                    let mut bytes = [fill; 8];
                    bytes[lane] = b;
                    let want = bytes.map(|c| c.to_ascii_lowercase());
                    let got = ascii_lower8(u64::from_le_bytes(bytes)).to_le_bytes();
                    assert_eq!(got, want, "{bytes:?}");
                    let words = bytes.iter().all(|&c| (0x20..=0x7F).contains(&c))
                        && bytes[0] != b' '
                        && bytes[7] != b' '
                        && !bytes.windows(2).any(|p| p == b"  ");
                    assert_eq!(ascii_words8(u64::from_le_bytes(bytes)), words, "{bytes:?}");
                }
            }
        }
        // Every arrangement of spaces, letters and neighbours of the space among eight bytes.
        for k in 0..(1u32 << 16) {
            let bytes: [u8; 8] = std::array::from_fn(|lane| {
                [b' ', b'a', b'Z', 0x1F][(k >> (2 * lane)) as usize & 3]
            });
            let words = bytes.iter().all(|&c| (0x20..=0x7F).contains(&c))
                && bytes[0] != b' '
                && bytes[7] != b' '
                && !bytes.windows(2).any(|p| p == b"  ");
            assert_eq!(ascii_words8(u64::from_le_bytes(bytes)), words, "{bytes:?}");
        }
        // Words of every length up to 40 in capitals, alone and with an `Ä` at each place:
        // every group of four or eight, overlapping or not, before and after other characters.
        for len in 0..40 {
            let w: String = (0..len).map(|k| char::from(b'A' + k % 26)).collect();
            assert_eq!(with_lowercase(&w, str::to_string), w.to_lowercase(), "{w}");
            for at in 0..=len {
                let mut v = w.clone();
                v.insert(usize::from(at), 'Ä');
                assert_eq!(with_lowercase(&v, str::to_string), v.to_lowercase(), "{v}");
            }
        }
        // Long mixed lines and words, which take the eight-byte steps between other characters.
        let mut buf = [0u8; 400];
        for s in [
            "BUNDESVERTEIDIGUNGSMINISTERIUM und Außenministerin ÄRGERTEN sich; @[`{Z]a}~\x7F",
            "  Der  NATO-Generalsekretär\u{a0}SAGTE:\t„WIR-ÜBERLEGEN“  – 2025/26 ",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghÄÖÜ ÉÈÀ ß ΟΔΟΣ ABCDEFGH",
        ] {
            if let Some(l) = lower_line_into(s, &mut buf) {
                assert_eq!(l, line_the_library_way(s), "{s:?}");
            }
            for w in s.split(' ') {
                assert_eq!(with_lowercase(w, str::to_string), w.to_lowercase(), "{w}");
            }
        }
    }

    #[test]
    fn no_match_inside_words() {
        assert!(names("Die Russlandpolitik und der Natoausbau").is_empty());
    }

    #[test]
    fn organisations_places_and_events() {
        let got = names("Die Bundeswehr übte in Genf vor den Olympischen Winterspielen.");
        let canon: Vec<(&str, EntityKind)> = got
            .iter()
            .map(|g| {
                let (e, _) = lexicon().lookup(&g.0).unwrap();
                (g.1.as_str(), lexicon().entry(e).kind)
            })
            .collect();
        assert_eq!(
            canon,
            vec![
                ("Bundeswehr", EntityKind::Organization),
                ("Genf", EntityKind::Location),
                ("Olympische Winterspiele", EntityKind::Event),
            ]
        );
    }

    #[test]
    fn roles_with_holders_and_former() {
        let lex = lexicon();
        let r = lex.role("Kremlsprecher").unwrap();
        assert_eq!(lex.roles[r.role].name, "Sprecher");
        assert_eq!(lex.entry(r.holder.unwrap().1).name, "Kreml");
        let r = lex.role("Ex-Außenminister").unwrap();
        assert!(r.former);
        assert_eq!(lex.roles[r.role].name, "Außenminister");
        let r = lex.role("US-Präsidenten").unwrap();
        assert_eq!(lex.entry(r.holder.unwrap().1).name, "USA");
        let r = lex.role("Bundesverteidigungsminister").unwrap();
        assert_eq!(lex.entry(r.holder.unwrap().1).name, "Deutschland");
        assert_eq!(
            lex.roles[lex.role("Vorsitzenden").unwrap().role].name,
            "Vorsitzender"
        );
        assert!(lex.role("Lautsprecher").is_none());
        assert!(lex.role("Frieden").is_none());
    }

    #[test]
    fn given_names_are_world_wide_and_skip_common_words() {
        let lex = lexicon();
        for n in [
            "Anna", "Olaf", "Emmanuel", "Keir", "Dmitri", "Fatima", "Hiroshi",
        ] {
            assert!(lex.is_given_name(n), "{n}");
        }
        for w in ["Frieden", "Krieg", "Bild", "Foto"] {
            assert!(!lex.is_given_name(w), "{w}");
        }
        // The filter in front of the set passes every name in it.
        for g in &lex.given {
            assert!(lex.is_given_name(g), "{g}");
        }
    }

    #[test]
    fn given_names_are_known_with_the_accents_the_lists_leave_off() {
        let lex = lexicon();
        for n in ["Néstor", "Ángel", "Štefan", "Paweł", "Jiří"] {
            assert!(lex.is_given_name(n), "{n}");
        }
        // Umlauts are letters of their own, and other scripts have no plain form.
        for w in ["Bär", "Ärzte", "Отто"] {
            assert!(!lex.is_given_name(w), "{w}");
        }
    }

    #[test]
    fn given_names_before_a_hyphen_as_split_then_asked() {
        let lex = lexicon();
        let words = [
            "",
            "-",
            "A",
            "Al",
            "Ali",
            "Ali-",
            "-Ali",
            "Anna",
            "Anna-Lena",
            "Hans-Peter",
            "Hans",
            "Regierung",
            "Bundesregierung",
            "Bundesregierungssprecher",
            "Karl-Theodor-Straße",
            "Jean-Marie",
            "Néstor-Ramón",
            "Néstor",
            "Ángel",
            "Jiří-Hans",
            "Ab-c",
            "Abcdefgh-",
            "Abcdefghijklmno-",
            "Abcdefghijklmnop-x",
            "Maximilianssohn",
            "Maximilian-Müller",
            "Отто",
            "Bär-Anna",
            "X-Ray",
            "Eva",
            "Eva-Maria-Theresia",
            "Ex-Anna",
        ];
        for w in words.into_iter().chain(GIVEN_NAMES.lines().step_by(97)) {
            let first = w.split_once('-').map_or(w, |(f, _)| f);
            assert_eq!(
                lex.is_given_name_before_hyphen(w),
                lex.is_given_name(first),
                "{w}"
            );
        }
    }
}
