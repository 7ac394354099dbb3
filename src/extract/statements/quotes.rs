//! Quote marks and sentence units inside one line of text.
//!
//! Statements need their own view of sentences: a quote that runs over several sentences, or a
//! quote followed by its attribution (`„…“, sagte sie.`), must stay in one unit, so the units
//! here never split inside a quote.

use crate::text::Span;

/// A top-level quotation: `outer` includes the marks, `inner` is the quoted text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub outer: Span,
    pub inner: Span,
}

/// Finds top-level quotations in `text[span]` in every common convention: „…“ „…” (German),
/// »…« and «…» (German and Swiss/French guillemets), "…" (typewriter), “…” (English) and ‚…‘.
/// Marks nested inside a quotation belong to it. An opening mark without its closing mark is no
/// quotation.
pub fn scan(text: &str, span: &Span) -> Vec<Quote> {
    let mut out = Vec::new();
    scan_into(text, span, &mut out);
    out
}

/// `scan` in `out`, which is cleared first: the statement finder scans every line with the
/// same vector rather than allocating one for each line that holds a quotation.
pub fn scan_into(text: &str, span: &Span, out: &mut Vec<Quote>) {
    out.clear();
    let body = &text[span.clone()];
    // Every opener's UTF-8 form begins with `"`, 0xC2 (`»`, `«`) or 0xE2 (`„`, `“`, `‚`), so a
    // line without those bytes has no quotation, and the characters before the first of them
    // only matter as the character before it.
    let Some(skip) = OPENER_BYTES.find(body.as_bytes()) else {
        return;
    };
    let bytes = body.as_bytes();
    // The search goes from one byte that may begin an opener to the next: the characters in
    // between are none. Those bytes never continue a character, so each begins one.
    let mut pos = skip;
    while let Some(k) = OPENER_BYTES.find(&bytes[pos..]) {
        let i = pos + k;
        let Some(c) = body[i..].chars().next() else {
            break;
        };
        // Only straight and English opening quotes need the character before them; the test
        // is a `matches!`, not a string search.
        let opener_ok = || {
            body[..i].chars().next_back().is_none_or(|p| {
                p.is_whitespace()
                    || matches!(p, '(' | '[' | '{' | ':' | '/' | '–' | '—' | '-' | '\'')
            })
        };
        let closers: &[char] = match c {
            '„' => &['“', '”', '"'],
            '»' => &['«'],
            '«' => &['»'],
            '"' if opener_ok() => &['"', '“', '”'],
            '“' if opener_ok() => &['”', '“'],
            '‚' => &['‘', '’'],
            _ => {
                pos = i + c.len_utf8();
                continue;
            }
        };
        let start = i + c.len_utf8();
        // The closing mark must not be followed by a letter (an apostrophe such as `‘s`) when it
        // is a single mark.
        let close = nested_close(&body[start..], c).or_else(|| {
            mark_chars(&body[start..]).find(|&(j, d)| {
                closers.contains(&d)
                    && !(c == '‚'
                        && body[start + j + d.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphabetic))
            })
        });
        match close {
            Some((j, d)) if j > 0 => {
                let end = start + j;
                out.push(Quote {
                    outer: span.start + i..span.start + end + d.len_utf8(),
                    inner: span.start + start..span.start + end,
                });
                // Go on past the closing mark.
                pos = end + d.len_utf8();
            }
            _ => pos = start,
        }
    }
}

/// The crate's searcher for three bytes by AVX2.
#[cfg(target_arch = "x86_64")]
type Avx2Three = memchr::arch::x86_64::avx2::memchr::Three;

/// A search for any of the three bytes `A`, `B` and `C`, as `memchr::memchr3`. Where the
/// processor has AVX2 the search is made by a searcher built once: the crate's function picks
/// its routine through a pointer and builds the searcher for every call, a cost that these
/// short searches, one or more for every line, paid each time. The bytes are parameters of the
/// type, not fields, so that each search has them as constants.
struct ThreeBytes<const A: u8, const B: u8, const C: u8> {
    /// The searcher, built at the first search (`None` where the processor lacks AVX2).
    #[cfg(target_arch = "x86_64")]
    avx2: std::sync::OnceLock<Option<Avx2Three>>,
}

impl<const A: u8, const B: u8, const C: u8> ThreeBytes<A, B, C> {
    const fn new() -> Self {
        Self {
            #[cfg(target_arch = "x86_64")]
            avx2: std::sync::OnceLock::new(),
        }
    }

    #[inline]
    fn find(&self, h: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(t) = self.avx2.get_or_init(|| Avx2Three::new(A, B, C)) {
            return t.find(h);
        }
        memchr::memchr3(A, B, C, h)
    }
}

/// The bytes that may begin a quotation mark: every opener's and closer's UTF-8 form begins
/// with `"`, 0xC2 (`»`, `«`) or 0xE2 (`„`, `“`, `‚`, `”`, `‘`, `’`).
static OPENER_BYTES: ThreeBytes<b'"', 0xC2, 0xE2> = ThreeBytes::new();

/// The marks that may end a sentence, searched for in every sentence of every line.
static SENTENCE_MARKS: ThreeBytes<b'.', b'!', b'?'> = ThreeBytes::new();

/// The characters of `s` that may be quotation marks, with their byte offsets: every mark's
/// UTF-8 form begins with `"`, 0xC2 or 0xE2, and those bytes never continue a character, so a
/// search for them visits each mark and skips the letters in between.
fn mark_chars(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = s.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        let j = pos + OPENER_BYTES.find(&bytes[pos..])?;
        let d = s[j..].chars().next()?;
        pos = j + d.len_utf8();
        Some((j, d))
    })
}

/// A German quotation may quote with the same marks inside (`„Wir haben viele „kleine“ Kunden
/// gewonnen“`): the closing mark is the one that balances the opener. Only when every inner
/// opener is closed again; otherwise (a stray mark) the first closing mark ends the quotation.
fn nested_close(rest: &str, opener: char) -> Option<(usize, char)> {
    if opener != '„' || !rest.contains('„') {
        return None;
    }
    let mut depth = 1usize;
    for (j, d) in rest.char_indices() {
        match d {
            '„' => depth += 1,
            '“' | '”' => {
                depth -= 1;
                if depth == 0 {
                    return Some((j, d));
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether a period after `w` does not end a sentence. A `matches!` pattern rather than a
/// list searched: the word is compared by its length and a load or two, without a call of
/// `memcmp` for each abbreviation of its length.
/// No abbreviation has more than four bytes: `units_into` relies on it to pass over longer
/// words, so a longer one added here must be allowed for there.
fn is_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "Dr" | "Prof"
            | "St"
            | "Nr"
            | "bzw"
            | "ca"
            | "vgl"
            | "z"
            | "B"
            | "u"
            | "a"
            | "d"
            | "h"
            | "Mio"
            | "Mrd"
            | "Jh"
            | "Abs"
            | "Art"
            | "Hr"
            | "Fr"
            | "Str"
            | "usw"
            | "etc"
            | "evtl"
            | "ggf"
            | "inkl"
            | "Co"
            | "Mr"
            | "Mrs"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Jr"
            | "Sr"
            | "geb"
            | "gest"
            | "v"
            | "Chr"
            | "sog"
            | "zit"
            | "o"
    )
}

const MONTHS: &[&str] = &[
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
    "Jahrhundert",
    "Jahrhunderts",
];

/// Splits `text[span]` (one line) into sentence units, never inside a quotation.
pub fn units(text: &str, span: &Span, quotes: &[Quote]) -> Vec<Span> {
    let mut out = Vec::new();
    units_into(text, span, quotes, &mut out);
    out
}

/// `units` in `out`, which is cleared first: the statement finder splits every line with the
/// same vector rather than allocating one per line.
pub fn units_into(text: &str, span: &Span, quotes: &[Quote], out: &mut Vec<Span>) {
    out.clear();
    let mut start = span.start;
    let bytes = text.as_bytes();
    let mut i = span.start;
    // The quotations are in text order and do not overlap (`scan_into`), so the next one from
    // `i` on is found by stepping on from the last, not by a search of all for each step.
    let mut next = 0;
    while i < span.end {
        // Only a quotation's start and a `.`, `!` or `?` can end a unit: jump to the next one.
        while quotes.get(next).is_some_and(|q| q.outer.start < i) {
            next += 1;
        }
        let next_quote = quotes.get(next).map_or(usize::MAX, |q| q.outer.start);
        let next_mark = SENTENCE_MARKS
            .find(&bytes[i..span.end])
            .map_or(usize::MAX, |k| i + k);
        i = next_quote.min(next_mark);
        if i >= span.end {
            break;
        }
        if i == next_quote {
            let q = &quotes[next];
            // A quotation ending a sentence inside its marks ends the unit after the mark if
            // a new sentence follows.
            let inner = text[q.inner.clone()].trim_end();
            i = q.outer.end;
            if inner.ends_with(['.', '!', '?', '…']) && starts_sentence(text, i, span.end) {
                push(text, out, start..i);
                start = i;
            }
            continue;
        }
        let b = bytes[i];
        if (b == b'.' || b == b'!' || b == b'?') && starts_sentence(text, i + 1, span.end) {
            // Five ASCII letters right before the period end a word of five letters or more,
            // which is no abbreviation (none has more than four bytes), no initial and no
            // number: most sentence ends need not look for their last word.
            let long_word = i >= start + 5 && bytes[i - 5..i].iter().all(u8::is_ascii_alphabetic);
            let abbrev = b == b'.' && !long_word && {
                let word = last_word(&text[start..i]);
                is_abbreviation(word)
                    || initial(&text[start..i], word)
                    || (word.chars().all(|c| c.is_ascii_digit())
                        && !word.is_empty()
                        && next_word(&text[i + 1..span.end]).is_some_and(|w| {
                            MONTHS.contains(&w) || w.starts_with(char::is_lowercase)
                        }))
            };
            if !abbrev {
                push(text, out, start..i + 1);
                start = i + 1;
            }
        }
        i += 1;
        while i < span.end && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    push(text, out, start..span.end);
}

fn push(text: &str, out: &mut Vec<Span>, s: Span) {
    let t = &text[s.clone()];
    let a = s.start + lead_space(t);
    let b = s.end - trail_space(t);
    if b > a {
        out.push(a..b);
    }
}

/// `char::is_whitespace` of an ASCII byte.
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The length of the white space that `str::trim_start` removes from `t`. A unit starts after
/// a space or two, which are stepped over by byte; a character is decoded only where a byte
/// beyond ASCII stands.
/// Always inlined: it is asked twice about most units, and its call cost more than its loop.
#[inline(always)]
pub(super) fn lead_space(t: &str) -> usize {
    let b = t.as_bytes();
    let mut a = 0;
    while let Some(&x) = b.get(a) {
        if x.is_ascii() {
            if !ascii_space(x) {
                break;
            }
            a += 1;
        } else {
            match t[a..].chars().next() {
                Some(c) if c.is_whitespace() => a += c.len_utf8(),
                _ => break,
            }
        }
    }
    a
}

/// The length of the white space that `str::trim_end` removes from `t`, stepped over as in
/// `lead_space`.
/// Always inlined, as `lead_space` is: `push` and `Finder::strip_content` ask it about most
/// units, and its call cost more than its loop.
#[inline(always)]
pub(super) fn trail_space(t: &str) -> usize {
    let b = t.as_bytes();
    let mut e = b.len();
    while e > 0 {
        let x = b[e - 1];
        if x.is_ascii() {
            if !ascii_space(x) {
                break;
            }
            e -= 1;
        } else {
            match t[..e].chars().next_back() {
                Some(c) if c.is_whitespace() => e -= c.len_utf8(),
                _ => break,
            }
        }
    }
    b.len() - e
}

/// Whether a new sentence starts after position `i`: whitespace, then an upper-case letter, a
/// digit or an opening quotation mark.
fn starts_sentence(text: &str, i: usize, end: usize) -> bool {
    // Most sentences end with one space and an ASCII letter after it, which answer without the
    // slice's character-boundary tests and without a character decoded: among ASCII
    // characters only the capitals are upper case, and `"` and `(` the opening marks.
    let b = text.as_bytes();
    if i + 1 < end
        && b[i] == b' '
        && let Some(&c) = b.get(i + 1)
        && c.is_ascii()
        && !ascii_space(c)
    {
        return c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'"' || c == b'(';
    }
    let rest = &text[i..end];
    let space = lead_space(rest);
    if space == 0 {
        return false;
    }
    rest[space..]
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "„»«\"“‚(".contains(c))
}

/// Whether `s` ends in the initial of a name (`John F.`, `Direktor B.N.`): one capital letter
/// after a capitalised word or another initial. A roman numeral (`Thailand I.`) ends a sentence.
/// `word` is `last_word(s)`, which the caller has at hand.
fn initial(s: &str, word: &str) -> bool {
    let mut chars = word.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    if !c.is_uppercase() || matches!(c, 'I' | 'V' | 'X') {
        return false;
    }
    let trimmed = s.trim_end();
    let before = &trimmed[..trimmed.len() - word.len()];
    if let Some(earlier) = before.strip_suffix('.') {
        return last_word(earlier).chars().count() == 1;
    }
    last_word(before).starts_with(char::is_uppercase)
}

fn last_word(s: &str) -> &str {
    let s = s.trim_end();
    // ASCII letters and digits are stepped over by byte; the characters are decoded only from
    // the first byte that is not ASCII, where the same search goes on.
    let b = s.as_bytes();
    let mut k = b.len();
    while k > 0 && b[k - 1].is_ascii_alphanumeric() {
        k -= 1;
    }
    if k > 0 && b[k - 1].is_ascii() {
        return &s[k..];
    }
    let start = s[..k]
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

fn next_word(s: &str) -> Option<&str> {
    s.split_whitespace()
        .next()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `starts_sentence`'s test of one space and an ASCII character answers as the test of any
    /// white space and character after it does.
    #[test]
    fn starts_sentence_answers_as_before() {
        fn before(text: &str, i: usize, end: usize) -> bool {
            let rest = &text[i..end];
            let space = rest.len() - rest.trim_start().len();
            space > 0
                && rest[space..].chars().next().is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || "„»«\"“‚(".contains(c)
                })
        }
        let texts = [
            ". Der",
            ". der",
            ". 3",
            ". (",
            ". \"",
            ". „",
            ". »",
            ".  Die",
            ". \u{b}Die",
            ". \tDie",
            ". \nX",
            ".Die",
            ". ",
            ".",
            ". Ärger",
            ". ärger",
            ". -",
            ". .",
            "! A",
            "? z",
            ". \u{a0}A",
        ];
        for t in texts {
            for end in 1..=t.len() {
                if t.is_char_boundary(end) {
                    assert_eq!(starts_sentence(t, 1, end), before(t, 1, end), "{t:?} {end}");
                }
            }
        }
    }

    #[test]
    fn last_word_steps_over_letters_of_any_script() {
        assert_eq!(last_word("Er sagte: Straße  "), "Straße");
        assert_eq!(last_word("die Größe"), "Größe");
        assert_eq!(last_word("in Málaga"), "Málaga");
        assert_eq!(last_word("Müller"), "Müller");
        assert_eq!(last_word("Nr.7"), "7");
        assert_eq!(last_word("(ca"), "ca");
        assert_eq!(last_word("„Zitat“ ende"), "ende");
        assert_eq!(last_word("Zitat“"), "");
        assert_eq!(last_word(""), "");
    }

    fn inner(t: &str) -> Vec<&str> {
        scan(t, &(0..t.len()))
            .iter()
            .map(|q| &t[q.inner.clone()])
            .collect()
    }

    #[test]
    fn every_quote_convention_is_found() {
        assert_eq!(
            inner("Sie sagte: „Wir kommen.“ Dann ging sie."),
            vec!["Wir kommen."]
        );
        assert_eq!(
            inner("»Nein«, rief er. «Doch», sagte sie."),
            vec!["Nein", "Doch"]
        );
        assert_eq!(
            inner("Er schrieb: \"Das reicht\" und ging."),
            vec!["Das reicht"]
        );
        assert_eq!(inner("She said “we go” today"), vec!["we go"]);
        assert_eq!(inner("Es hieß ‚wir warten‘ dort"), vec!["wir warten"]);
    }

    #[test]
    fn nested_quotes_belong_to_the_outer_one() {
        assert_eq!(
            inner("„Er nannte es ‚Unsinn‘ und ging“, sagte sie."),
            vec!["Er nannte es ‚Unsinn‘ und ging"]
        );
    }

    #[test]
    fn unclosed_quotes_are_not_quotes() {
        assert!(inner("Ein „offener Satz ohne Ende").is_empty());
    }

    #[test]
    fn abbreviations_have_at_most_four_bytes() {
        for w in ["Prof", "inkl", "evtl"] {
            assert!(is_abbreviation(w));
        }
        // Five letters are never one: a test of every five-letter word is out of reach, so
        // the longest abbreviations lengthened stand for it.
        for w in ["Profs", "inkla", "evtls", "Mrsss"] {
            assert!(!is_abbreviation(w));
        }
    }

    #[test]
    fn space_is_measured_as_trim_measures_it() {
        for t in [
            "",
            " ",
            "  \t\n ",
            " Wort ",
            "\u{a0} Wort\u{2009}\u{a0}",
            "„Zitat“",
            " „Zitat“ \u{3000}",
            "\u{1c}Wort\u{85}",
            "Straße\r\n",
        ] {
            assert_eq!(lead_space(t), t.len() - t.trim_start().len(), "{t:?}");
            assert_eq!(trail_space(t), t.len() - t.trim_end().len(), "{t:?}");
        }
    }

    #[test]
    fn initials_of_names_do_not_end_a_unit() {
        let t = "Laut dem Leiter K.T. Morvan soll die Anlage wachsen. Jana P. Olsen kam. Es gab Teil I. Dann nichts.";
        let q = scan(t, &(0..t.len()));
        let u: Vec<&str> = units(t, &(0..t.len()), &q)
            .into_iter()
            .map(|s| &t[s])
            .collect();
        assert_eq!(
            u,
            vec![
                "Laut dem Leiter K.T. Morvan soll die Anlage wachsen.",
                "Jana P. Olsen kam.",
                "Es gab Teil I.",
                "Dann nichts."
            ]
        );
    }

    #[test]
    fn units_keep_quotes_and_ordinals_whole() {
        let t = "Am 3. Mai sagte Dr. Weber: „Das ist gut. Wir bleiben.“ Dann ging er. Es regnete.";
        let q = scan(t, &(0..t.len()));
        let u: Vec<&str> = units(t, &(0..t.len()), &q)
            .into_iter()
            .map(|s| &t[s])
            .collect();
        assert_eq!(
            u,
            vec![
                "Am 3. Mai sagte Dr. Weber: „Das ist gut. Wir bleiben.“",
                "Dann ging er.",
                "Es regnete."
            ]
        );
    }
}
