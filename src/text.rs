//! Documents, paragraphs, sentences and tokens, each with its exact UTF-8 byte span.
//!
//! `parse` is the stage's one verb: raw file bytes in, a `Document` out. It refuses binary and
//! non-UTF-8 input with a typed error, splits the text into paragraphs (one per line, hard-wrapped
//! lines joined), marks page furniture and photo captions, splits sentences so that German
//! abbreviations, ordinals, initials and quotations do not cut them, tokenizes, and reads the
//! article's own publication date. Every span is a byte range into `Document::text`, which is the
//! file's text unchanged, so offsets always point at the source bytes.

use std::fmt::Write as _;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A byte range into the document text, end exclusive.
pub type Span = Range<usize>;

/// One token of the document's token table: its byte span and its shape bits (see `shape`).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub span: Span,
    /// Shape bits (`shape::WORD`, `shape::CAP`, `shape::LOWER`), set once by the tokenizer.
    pub shape: u8,
}

impl Token {
    /// Whether the token holds a letter or digit: a word or a number, not a punctuation mark.
    pub fn is_word(&self) -> bool {
        self.shape & shape::WORD != 0
    }
    /// Whether its first character is upper case (`char::is_uppercase`).
    pub fn is_cap(&self) -> bool {
        self.shape & shape::CAP != 0
    }
    /// Whether its first character is lower case (`char::is_lowercase`).
    pub fn is_lower(&self) -> bool {
        self.shape & shape::LOWER != 0
    }
}

/// Shape bits of a token, computed once by the tokenizer, which looks at every character
/// anyway. The recognisers ask these questions of every word in several passes, and each
/// answer used to slice the text and decode the first character again.
pub mod shape {
    /// The token holds a letter or digit (`is_alnum`).
    pub const WORD: u8 = 1;
    /// Its first character is upper case.
    pub const CAP: u8 = 2;
    /// Its first character is lower case.
    pub const LOWER: u8 = 4;
    /// Every character is ASCII or from U+0080 to U+00FF (Latin-1: German's `ä`, `ß`, `É`):
    /// its lower-case form has the same bytes' length and stands at the same span of
    /// `Document::lower`, so no stage needs to lower-case it again.
    pub const LATIN: u8 = 8;

    /// The shape of `w`, computed from its characters: what the tokenizer sets, and what a
    /// token trimmed by a later stage recomputes.
    pub fn of(w: &str) -> u8 {
        let mut bits = 0;
        if w.chars().any(super::is_alnum) {
            bits |= WORD;
        }
        if w.chars().all(|c| u32::from(c) < 0x100) {
            bits |= LATIN;
        }
        bits | w.chars().next().map_or(0, case_of)
    }

    /// `CAP` or `LOWER` as `c` is upper or lower case (`char::is_uppercase`, `is_lowercase`).
    pub(super) fn case_of(c: char) -> u8 {
        if c.is_uppercase() {
            CAP
        } else if c.is_lowercase() {
            LOWER
        } else {
            0
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub span: Span,
    /// Index of the paragraph this sentence belongs to.
    pub paragraph: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub span: Span,
    /// Page furniture (navigation, player notices, share lines): never yields statements.
    pub furniture: bool,
    /// A photo caption or credit line (`Bild: …`, `Foto: …`, `(Archivbild)`): real text, but
    /// not the article's body, and its dates are not the article's date.
    pub caption: bool,
}

#[derive(Debug, Clone)]
pub struct Document {
    /// File name, e.g. `001_95575e6b02eae21d.txt`.
    pub name: String,
    /// Path as given on the command line.
    pub path: String,
    pub text: String,
    /// `text` with every ASCII and Latin-1 capital lower-cased in place, byte for byte (see
    /// `lower_latin`): the lower-case form of a token with the `shape::LATIN` bit is this
    /// text at the token's span, computed once for the whole document. The recognisers
    /// lower-case many words in several passes, and each of those used to copy the word.
    pub lower: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// ISO date `YYYY-MM-DD` the article states, if any.
    pub published: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

impl Document {
    pub fn slice(&self, span: &Span) -> &str {
        &self.text[span.clone()]
    }

    /// The lower-case form of token `t` (what `str::to_lowercase` gives), read from `lower`
    /// where the token is `shape::LATIN`, else `None`.
    pub fn lower_of(&self, t: &Token) -> Option<&str> {
        (t.shape & shape::LATIN != 0).then(|| &self.lower[t.span.clone()])
    }

    /// The document as readable text: one line per paragraph with its flags, and its sentences
    /// indented below it. Snapshot tests use this to show what the splitter does.
    pub fn outline(&self) -> String {
        let mut out = format!(
            "document {} published={}\n",
            self.name,
            self.published.as_deref().unwrap_or("-")
        );
        for (pi, p) in self.paragraphs.iter().enumerate() {
            let flag = if p.furniture {
                " [furniture]"
            } else if p.caption {
                " [caption]"
            } else {
                ""
            };
            let _ = writeln!(out, "¶{pi} {}..{}{flag}", p.span.start, p.span.end);
            for s in self.sentences.iter().filter(|s| s.paragraph == pi) {
                let _ = writeln!(
                    out,
                    "  {}..{} {}",
                    s.span.start,
                    s.span.end,
                    self.slice(&s.span)
                );
            }
        }
        out
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("{path}: not UTF-8 text (invalid byte sequence at byte offset {offset})")]
    NotUtf8 { path: String, offset: usize },
    #[error("{path}: binary file, not text (control byte 0x{byte:02x} at byte offset {offset})")]
    Binary {
        path: String,
        offset: usize,
        byte: u8,
    },
    #[error("{path}: empty file")]
    Empty { path: String },
}

/// How much of the file the control-character check looks at, and the share of control bytes
/// above which a file counts as binary. Text has almost none; binary formats have many.
const SNIFF_LEN: usize = 8192;
const MAX_CONTROL_SHARE: f64 = 0.05;

/// Parses raw file bytes into a `Document`.
pub fn parse(name: &str, path: &str, bytes: &[u8]) -> Result<Document, TextError> {
    // simdutf8 checks many bytes at a time and says only whether the bytes are valid; the
    // standard library's check, slower, runs again only to find where invalid input goes wrong.
    // A binary file is refused as binary even where it is not UTF-8 either.
    let Ok(text) = simdutf8::basic::from_utf8(bytes) else {
        check_binary(path, bytes)?;
        let offset = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
        return Err(TextError::NotUtf8 {
            path: path.to_string(),
            offset,
        });
    };
    // The document's copy of the text and its lower-case form are written in one pass, which
    // reads every byte anyway and tells whether the file may be binary, which most text is
    // not: `check_binary` reads it again only then.
    let (text, lower, may_be_binary) = copy_and_lower(text);
    if may_be_binary {
        check_binary(path, bytes)?;
    }
    if text.trim().is_empty() {
        return Err(TextError::Empty {
            path: path.to_string(),
        });
    }
    let sha256 = sha256_hex(bytes);
    let (tokens, marks, breaks) = tokens(&text);
    let paragraphs = paragraphs(&text, &lower, &breaks);
    // News text has a sentence every 50 bytes or so and a paragraph every 100 or so (the bench
    // corpus: 4,373 sentences in 209 kB): reserved from the length, the tables are not
    // reallocated four or five times as they grow.
    let mut sentences = Vec::with_capacity(text.len() / 48);
    // Each paragraph's marks: paragraphs and marks are in text order, and marks, never white
    // space, stand only inside paragraphs, so each paragraph's first mark is found by a step or
    // none from where the last one's ended, where a binary search took five or six.
    let mut m = 0;
    // One quote tracker for all paragraphs, whose stack keeps its memory from one to the next.
    let mut quotes = Quotes::default();
    for (pi, p) in paragraphs.iter().enumerate() {
        while marks.get(m).is_some_and(|&x| x < p.span.start) {
            m += 1;
        }
        let n = marks[m..].iter().take_while(|&&x| x < p.span.end).count();
        let para_marks = &marks[m..m + n];
        split_sentences(
            &text,
            p.span.clone(),
            pi,
            para_marks,
            &mut quotes,
            &mut sentences,
        );
        m += n;
    }
    let published = published(&text, &lower, &paragraphs);
    Ok(Document {
        name: name.to_string(),
        path: path.to_string(),
        text,
        lower,
        sha256,
        published,
        paragraphs,
        sentences,
        tokens,
    })
}

/// `text` with ASCII capitals and the Latin-1 capitals U+00C0 to U+00DE (but `×`) lower-cased
/// in place, every other byte unchanged: for a run of ASCII and Latin-1 characters this is
/// exactly `str::to_lowercase` (as `lexicon::lower_into`, which a test compares), and every
/// character keeps its byte length, so spans into `text` are spans into the result.
pub fn lower_latin(text: &str) -> String {
    copy_and_lower(text).1
}

/// A copy of `text`, `lower_latin(text)`, and whether `check_binary` may refuse the text's
/// bytes: where they hold a NUL byte, or where its first test (bytes below 0x20 and 0x7F in the
/// first `SNIFF_LEN`) may fail. The count may take in a few bytes after the first `SNIFF_LEN`,
/// which can only make the answer yes where `check_binary` then says no. Always yes where the
/// processor has no AVX2 or POPCNT.
///
/// The copy is written by the same pass as the lower-case form, from the bytes it loads anyway:
/// a `to_string` of the text and a copy of it to lower-case in place read and wrote every byte
/// twice more. Both are written into their lists' free room, never filled with zeros first.
fn copy_and_lower(text: &str) -> (String, String, bool) {
    let bytes = text.as_bytes();
    // Each byte with the one before it. The Latin-1 capitals U+00C0 to U+00DE are the bytes
    // 0xC3 0x80 to 0xC3 0x9E in UTF-8 (a byte 0xC3 is always the lead byte of one of U+00C0 to
    // U+00FF), and their small letters are 0x20 above them in the second byte, as ASCII's are
    // in their one byte: the rule of `lexicon::latin1_lower`, which the lexicon's own
    // lower-casing uses too.
    let lower_byte = |prev: u8, b: u8| {
        if prev == 0xC3 {
            crate::lexicon::latin1_lower(b)
        } else {
            b.to_ascii_lowercase()
        }
    };
    let Some(&first) = bytes.first() else {
        return (String::new(), String::new(), true);
    };
    let mut copy: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut lower: Vec<u8> = Vec::with_capacity(bytes.len());
    lower.push(lower_byte(0, first));
    let mut may_be_binary = true;
    // Thirty-two bytes at a time in AVX2 where the processor has it (asked once and kept by
    // the standard library): the compiler's vector code of a loop over the bytes, in the SSE2
    // that every x86-64 has, took 22 instructions for every 16 bytes. The rest is copied and
    // lower-cased below.
    let mut done = 0; // bytes copied, and bytes after the first lower-cased
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("popcnt")
    {
        // SAFETY: the processor has AVX2 and POPCNT; `copy` has room for all of `bytes`, and
        // `lower`, which holds the first byte's lower-case form, for all the others.
        let (written, nul, controls) = unsafe {
            copy_lower_avx2(bytes, copy.spare_capacity_mut(), lower.spare_capacity_mut())
        };
        done = written;
        // SAFETY: `copy_lower_avx2` wrote the first `done` bytes of each list's free room:
        // `copy` then holds `bytes[..done]`, and `lower` the lower-case form of `bytes[..=done]`.
        unsafe {
            copy.set_len(done);
            lower.set_len(done + 1);
        }
        // The bytes that the vector code did not read: the first and the last few.
        let others = std::iter::once(bytes[0]).chain(bytes[done + 1..].iter().copied());
        let (nul, controls) = others.fold((nul, controls), |(nul, n), b| {
            (nul || b == 0, n + usize::from(b < 0x20 || b == 0x7f))
        });
        may_be_binary = nul || too_many_controls(controls, bytes.len().min(SNIFF_LEN));
    }
    copy.extend_from_slice(&bytes[done..]);
    lower.extend(bytes[done..].windows(2).map(|w| lower_byte(w[0], w[1])));
    // SAFETY: the copy holds the bytes of `text`, which is UTF-8. In the lower-case form only
    // two kinds of bytes changed: ASCII capitals became ASCII small letters, and second bytes
    // 0x80 to 0x9E after a lead byte 0xC3 became 0xA0 to 0xBE, which are still continuation
    // bytes of the same two-byte character.
    unsafe {
        (
            String::from_utf8_unchecked(copy),
            String::from_utf8_unchecked(lower),
            may_be_binary,
        )
    }
}

/// Writes into `copy` the bytes of `bytes`, and into `lower` what `lower_latin` writes for
/// `bytes[1..]` (from `lower`'s start), thirty-two bytes at a time, as far as whole blocks of thirty-two go, and
/// returns how many bytes it wrote into each, whether those of `bytes[1..]` held a NUL byte,
/// and how many of them below 0x20 or 0x7F stand in the blocks that start in the first
/// `SNIFF_LEN` bytes (see `copy_and_lower`).
///
/// # Safety
///
/// The processor must have AVX2 and POPCNT (without it, the count of control bytes took 17
/// instructions in every block); `copy` must have room for `bytes.len()` bytes, and `lower`
/// for one fewer.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt")]
unsafe fn copy_lower_avx2(
    bytes: &[u8],
    copy: &mut [std::mem::MaybeUninit<u8>],
    lower: &mut [std::mem::MaybeUninit<u8>],
) -> (usize, bool, usize) {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_and_si256, _mm256_andnot_si256, _mm256_cmpeq_epi8,
        _mm256_cmpgt_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8, _mm256_setzero_si256, _mm256_storeu_si256, _mm256_testz_si256,
    };
    debug_assert!(copy.len() >= bytes.len() && lower.len() + 1 >= bytes.len());
    let byte = |b: u8| _mm256_set1_epi8(b as i8);
    // Whether each byte lies in `lo..lo + len`: moved by `0x80 - lo`, it is below `0x80 + len`
    // as an unsigned byte, that is below `len - 128` as a signed one (AVX2 compares signed
    // bytes only).
    let in_range = |x: __m256i, lo: u8, len: u8| {
        let moved = _mm256_add_epi8(x, byte(0x80u8.wrapping_sub(lo)));
        _mm256_cmpgt_epi8(byte((len as i8).wrapping_sub(-128) as u8), moved)
    };
    let mut done = 0;
    let mut nul = _mm256_setzero_si256();
    let mut controls = 0;
    while done + 33 <= bytes.len() {
        // SAFETY: `bytes` holds the thirty-two bytes from `done` and those from `done + 1`;
        // `copy`, as long as `bytes` or longer, has room for thirty-two bytes from `done`, and
        // `lower`, at most one byte shorter, too.
        unsafe {
            let prev = _mm256_loadu_si256(bytes.as_ptr().add(done).cast());
            let b = _mm256_loadu_si256(bytes.as_ptr().add(done + 1).cast());
            _mm256_storeu_si256(copy.as_mut_ptr().add(done).cast(), prev);
            // An ASCII capital, or a second byte 0x80 to 0x9E but 0x97 after 0xC3: both are
            // lower-cased by setting the bit 0x20, which neither has.
            let latin =
                _mm256_andnot_si256(_mm256_cmpeq_epi8(b, byte(0x97)), in_range(b, 0x80, 0x1F));
            let upper = _mm256_or_si256(
                in_range(b, b'A', 26),
                _mm256_and_si256(_mm256_cmpeq_epi8(prev, byte(0xC3)), latin),
            );
            let lowered = _mm256_or_si256(b, _mm256_and_si256(upper, byte(0x20)));
            _mm256_storeu_si256(lower.as_mut_ptr().add(done).cast(), lowered);
            nul = _mm256_or_si256(nul, _mm256_cmpeq_epi8(b, _mm256_setzero_si256()));
            if done < SNIFF_LEN {
                let control =
                    _mm256_or_si256(in_range(b, 0, 0x20), _mm256_cmpeq_epi8(b, byte(0x7f)));
                controls += _mm256_movemask_epi8(control).count_ones() as usize;
            }
        }
        done += 32;
    }
    (done, _mm256_testz_si256(nul, nul) == 0, controls)
}

/// How many bytes of `bytes` `pred` holds for, or any number above `limit` once the count passes
/// it. Counted in blocks of 64 bytes into a `u8`, which the compiler turns into vector code
/// with a byte per lane and no byte-by-byte tail (a `usize` count widens every byte to 64 bits
/// first); the last bytes are copied into a block of their own, padded with `pad`, which `pred`
/// must reject.
#[inline(always)]
fn count_bytes(bytes: &[u8], pad: u8, limit: usize, pred: impl Fn(u8) -> bool) -> usize {
    let count =
        |block: &[u8; 64]| usize::from(block.iter().fold(0u8, |n, &b| n + u8::from(pred(b))));
    let (blocks, rest) = bytes.as_chunks::<64>();
    let mut n = 0;
    for block in blocks {
        n += count(block);
        if n > limit {
            return n;
        }
    }
    debug_assert!(!pred(pad));
    let mut last = [pad; 64];
    last[..rest.len()].copy_from_slice(rest);
    n + count(&last)
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    // Two digits per byte from a table: `write!` with `{:02x}` went through the formatting
    // machinery for each of the 32 bytes, about 3,700 instructions per document.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = sha2::Sha256::digest(bytes);
    // Into an array, whose writes need no test of a capacity each, as a `Vec`'s pushes did.
    let mut hex = [0; 64];
    for (pair, &b) in hex.as_chunks_mut::<2>().0.iter_mut().zip(digest.iter()) {
        *pair = [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]];
    }
    std::str::from_utf8(&hex)
        .expect("hex digits are ASCII")
        .to_string()
}

/// Whether `count` control bytes among the first `head` bytes of a file are too many for text.
fn too_many_controls(count: usize, head: usize) -> bool {
    count as f64 / head as f64 > MAX_CONTROL_SHARE
}

/// A NUL byte anywhere, or many control bytes near the start, mean the file is not text.
fn check_binary(path: &str, bytes: &[u8]) -> Result<(), TextError> {
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(TextError::Binary {
            path: path.to_string(),
            offset,
            byte: 0,
        });
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let is_control = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f;
    let too_many = |count: usize| too_many_controls(count, head.len());
    // Text has few bytes below 0x20 besides its line breaks: where even all of them together
    // with 0x7F are not too many, the control bytes among them are not, and the cheaper test
    // (a comparison where the exact one takes five) decides.
    if !too_many(count_bytes(head, b' ', usize::MAX, |b| {
        b < 0x20 || b == 0x7f
    })) {
        return Ok(());
    }
    let count = count_bytes(head, b' ', usize::MAX, is_control);
    if count > 0 && too_many(count) {
        let offset = head.iter().position(|&b| is_control(b)).unwrap_or(0);
        return Err(TextError::Binary {
            path: path.to_string(),
            offset,
            byte: head[offset],
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

/// One paragraph per non-blank line, because web text puts headlines, captions, dates and body
/// paragraphs on lines of their own. A line that starts in lower case right after a line that
/// does not end a sentence continues it (hard-wrapped text), so wrapped paragraphs stay whole.
fn paragraphs(text: &str, lower: &str, breaks: &[usize]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::with_capacity(text.len() / 96);
    let mut prev_line_open = false; // previous line was non-blank and did not end a sentence
    // Each line without its line break (white space, which trimming would drop anyway, and
    // without it most lines end in printable ASCII, which `trim_span` takes without decoding),
    // then the text after the last break (blank if the text ends with one). `breaks` are the
    // line breaks' positions, which the tokenizer lists.
    let mut start = 0;
    for end in breaks.iter().copied().chain(std::iter::once(text.len())) {
        let line = start..end;
        start = end + 1;
        // A blank line between paragraphs, empty as most are, has no first byte for
        // `trim_span`'s test and went to the decoding trim.
        let (s, e) = if line.is_empty() {
            (0, 0)
        } else {
            trim_span(text, line)
        };
        if e <= s {
            prev_line_open = false;
            continue;
        }
        let body = &text[s..e];
        let starts_lower = body.chars().next().is_some_and(char::is_lowercase);
        if prev_line_open && starts_lower {
            if let Some(last) = out.last_mut() {
                last.span.end = e;
            }
        } else {
            out.push(Paragraph {
                span: s..e,
                furniture: false,
                caption: false,
            });
        }
        // Most lines end in ASCII, whose marks need no decoding of the last character.
        prev_line_open = match body.as_bytes()[body.len() - 1] {
            b if b < 0x80 => !matches!(b, b'.' | b'!' | b'?' | b':' | b'"'),
            _ => !body.ends_with(['“', '”', '«', '»', '…']),
        };
    }
    for p in &mut out {
        let body = &text[p.span.clone()];
        p.furniture = may_be_furniture(body, &lower[p.span.clone()]) && is_furniture(body);
        p.caption = !p.furniture && is_caption(body);
    }
    mark_numbered_navigation(text, &mut out);
    out
}

static LIST_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d{1,2}\.|[-•*·▪►>])\s+").unwrap());

/// The furniture lines' patterns, matched against the lower-cased line; `FURNITURE` joins them.
const FURNITURE_ALTERNATIVES: &[&str] = &[
    // Skip links and navigation: "Zum Inhalt springen", "Zur Hauptnavigation springen".
    r"^(?:zum|zur|zu den|zu weiteren|direkt zum|direkt zur)\s.{0,60}\sspringen$",
    r"^(?:den|zum) nächsten abschnitt(?:\s.{0,80})?\süberspringen$",
    r"abschnitt überspringen$",
    // Media player notices.
    r"(?:browser|player) (?:does not|doesn't) support",
    r"^(?:ihr|dein) browser unterstützt\s",
    r"^(?:video|audio) (?:abspielen|starten|wird geladen)",
    // Share, print, bookmark and account lines.
    r"^(?:teilen|artikel teilen|beitrag teilen|seite teilen|jetzt teilen|link kopieren|link kopiert|drucken|artikel drucken|e-mail|per e-mail|mail|facebook|twitter|x|whatsapp|linkedin|xing|pinterest|telegram|threads|bluesky|reddit|flipboard|messenger|kommentieren|kommentare|merken|artikel merken|gemerkt|vorlesen|artikel vorlesen|anhören|artikel anhören|schließen|mehr anzeigen|weniger anzeigen|weiterlesen|mehr lesen|mehr zum thema|startseite|zur startseite|navigation|menü|suche|anmelden|abmelden|registrieren|abonnieren|abo|newsletter|werbung|anzeige|zurück|weiter|nach oben|top)$",
    // Apart from the list above because its word has no length limit (see `may_be_furniture`).
    r"^teilen auf \w+$",
    r"^\d+ kommentare?$",
    r"^(?:lesezeit:?\s*)?(?:ca\.\s*)?\d{1,3}\s*(?:min|minuten|min\.)(?: lesezeit)?$",
    // Consent and cookie banners.
    r"cookie.{0,200}(?:akzeptieren|zustimmen|einstellungen|einwilligung|datenschutz)",
    r"^(?:alle akzeptieren|akzeptieren|zustimmen|ablehnen|einstellungen|datenschutz(?:erklärung|einstellungen)?|impressum)$",
    // A lone clock time ("12:34", "09:18 Uhr").
    r"^\d{1,2}:\d{2}(?: uhr)?$",
];

/// One pattern for all furniture lines, matched against the lower-cased line.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives = FURNITURE_ALTERNATIVES
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>();
    Regex::new(&alternatives.join("|")).unwrap()
});

/// Whether `is_furniture` counts a byte against `FURNITURE_MOST_COUNTED`: printable ASCII but
/// the `.` and `:` that it trims from a line's end. Lower-casing and joining white space keep
/// every such character, so a line holds at least as many of them after both as before.
fn counted(b: u8) -> bool {
    matches!(b, 0x21..=0x7E) && b != b'.' && b != b':'
}

/// The most counted characters (see `counted`) and the most white-space characters that a line
/// can hold and still match one of the short `FURNITURE_ALTERNATIVES`: those anchored at both
/// ends that limit both. The test `furniture_pre_test_follows_the_patterns` computes both from
/// the patterns.
const FURNITURE_MOST_COUNTED: usize = 24;
const FURNITURE_MOST_SPACES: usize = 2;

/// Words that every line matched by one of the other alternatives starts with, ends with (before
/// closing `.`, `:` and white space) or holds, in lower case; the test above keeps the lists in
/// step with the patterns. No character outside Latin-1 lower-cases into any part of them (the
/// test checks it), so `lower_latin` of the line shows them wherever the full lower-casing does.
const FURNITURE_STARTS: &[&str] = &["teilen", "ihr", "dein", "video", "audio", "lesezeit", "ca"];
const FURNITURE_ENDS: &[&str] = &["springen"];
const FURNITURE_HOLDS: &[&str] = &["support", "coo"];

/// Whether a line that starts with `bytes` (at least its first character) starts with a mark
/// that no furniture pattern anchored at the line's start, nor a list marker, can start with:
/// ASCII punctuation but the list markers `-`, `*` and `>`; a character from U+00C0 to U+00FF
/// (lead byte 0xC3; `Ä`, `Ü`: lower-cased, still beyond ASCII); one from U+2000 to U+206F
/// (`„`, `“`, `–`, `…`, caseless) but the list marker `•`. Quotations open many paragraphs
/// with `„`. A test checks the patterns' first characters.
fn opens_with_mark(bytes: &[u8]) -> bool {
    match *bytes {
        [b, ..] if b.is_ascii() => !b.is_ascii_alphanumeric() && !matches!(b, b'-' | b'*' | b'>'),
        [0xC3, ..] => true,
        [0xE2, second @ (0x80 | 0x81), third, ..] => (second, third) != (0x80, 0xA2),
        _ => false,
    }
}

/// A cheap test that is false only where `is_furniture` is false: most lines, prose and
/// headlines, have too many characters or words for the short furniture patterns and hold none
/// of the words of the others, and so need neither a lower-cased copy nor a regex search.
/// `lower` is `lower_latin` of `body`. A line that starts with a mark (see `opens_with_mark`)
/// can match only the patterns not anchored at the start, which `FURNITURE_ENDS` and
/// `FURNITURE_HOLDS` cover; one that starts with anything else but an ASCII letter may open
/// with a list marker or a number and goes to the full test.
fn may_be_furniture(body: &str, lower: &str) -> bool {
    if body.len() > 400 {
        return true;
    }
    let starts_with_letter = body.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
    if !starts_with_letter && !opens_with_mark(body.as_bytes()) {
        return true;
    }
    // Counted until the count passes the limit: most prose passes it within a block.
    if starts_with_letter
        && count_bytes(body.as_bytes(), b' ', FURNITURE_MOST_COUNTED, counted)
            <= FURNITURE_MOST_COUNTED
        && spaces_before_words(body) <= FURNITURE_MOST_SPACES
    {
        return true;
    }
    // One SIMD search for all the words (Teddy) where a `memchr::memmem` search for each read
    // most lines once per word.
    static HOLDS: LazyLock<aho_corasick::packed::Searcher> = LazyLock::new(|| {
        aho_corasick::packed::Searcher::new(FURNITURE_HOLDS).expect("a few short words")
    });
    // The line's end without closing `.`, `:` and white space, which most lines, ending in a
    // letter or digit, do not have.
    let end = if lower
        .as_bytes()
        .last()
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        lower
    } else {
        lower.trim_end_matches(|c: char| c == '.' || c == ':' || c.is_whitespace())
    };
    (starts_with_letter && FURNITURE_STARTS.iter().any(|w| lower.starts_with(w)))
        || FURNITURE_ENDS.iter().any(|w| end.ends_with(w))
        || HOLDS.find(lower).is_some()
}

/// How many ASCII spaces in `body` stand before an ASCII letter or digit, counted up to one more
/// than `FURNITURE_MOST_SPACES`. In the lower-cased line with its white space joined and its
/// ends trimmed, which `is_furniture` matches, each of them is still a space between two words.
fn spaces_before_words(body: &str) -> usize {
    let bytes = body.as_bytes();
    memchr::memchr_iter(b' ', bytes)
        .filter(|&i| {
            bytes
                .get(i + 1)
                .is_some_and(|&b| ASCII_ALNUM[usize::from(b)])
        })
        .take(FURNITURE_MOST_SPACES + 1)
        .count()
}

fn is_furniture(body: &str) -> bool {
    if body.len() > 400 {
        return false;
    }
    // Web text often has non-breaking or doubled spaces (`0\u{a0}Kommentare`); the patterns are
    // written with single plain spaces.
    // On the stack in one pass where the characters allow (see `lower_line_into`); the line
    // is at most 400 bytes.
    let mut buf = [0u8; 400];
    let slow;
    let lower = match crate::lexicon::lower_line_into(body, &mut buf) {
        Some(l) => l,
        None => {
            slow = body
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            &slow
        }
    };
    // A list marker is a digit or a symbol: a line that starts with an ASCII letter, as most
    // do, has none and needs no regex search for one.
    let starts_with_letter = lower
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphabetic);
    let core = if starts_with_letter {
        std::borrow::Cow::Borrowed(lower)
    } else {
        without_list_prefix(lower)
    };
    let core = core.trim_end_matches(['.', ':']).trim();
    FURNITURE.is_match(core)
}

/// `LIST_PREFIX.replace(line, "")`, read by hand where the line starts with ASCII: the lines
/// that get here mostly start with a number (`2. November 2025`), and the regex's replacement,
/// a search with captures, cost each some two hundred instructions. Where a character beyond
/// ASCII may be part of the marker (the pattern's `\d` takes other digits too), the regex
/// decides. Its `\s` is Unicode's white space, as `trim_start`'s.
fn without_list_prefix(line: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let digit = |b: &u8| b.is_ascii_digit();
    let marker = match line.as_bytes() {
        [d, b'.', ..] if digit(d) => 2,
        [d, e, b'.', ..] if digit(d) && digit(e) => 3,
        [d, e, ..] if digit(d) && !e.is_ascii() => return LIST_PREFIX.replace(line, ""),
        [b'-' | b'*' | b'>', ..] => 1,
        [b, ..] if !b.is_ascii() => return LIST_PREFIX.replace(line, ""),
        _ => return Cow::Borrowed(line),
    };
    let rest = line[marker..].trim_start();
    if rest.len() + marker == line.len() {
        Cow::Borrowed(line)
    } else {
        Cow::Borrowed(rest)
    }
}

/// Photo credits and captions: `Bild: Agentur`, `Foto: dpa`, `(Archivbild)`, `© Agentur`. The
/// credit is often glued to the caption (`…in BerlinBild: Agentur`), so no word boundary is
/// required before it. A bare `(Bild)` is a reference to a picture from body text, not a credit.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:Bild|Foto|Fotos|Grafik|Bildquelle|Fotograf|Quelle|Video)\s?:\s|\((?:Bild|Foto)\s?:[^)]{1,60}\)|\(Archiv(?:bild|foto)[^)]{0,40}\)|©|Archivbild|Archivfoto").unwrap()
});

/// The words that stand before the colon of `CAPTION`'s alternatives with one, with at most one
/// white-space character between (`Bild: `, `(Foto: …)`).
const CAPTION_WORDS: &[&str] = &[
    "Bild",
    "Foto",
    "Fotos",
    "Grafik",
    "Bildquelle",
    "Fotograf",
    "Quelle",
    "Video",
];

/// Whether `body` is a caption or credit (`CAPTION`). Every alternative of the pattern holds
/// `©` (the bytes 0xC2 0xA9), `Archiv`, or a colon after one of `CAPTION_WORDS`; most
/// paragraphs hold none of them and need no regex search, which would read them to the end.
/// Many hold a colon after another word (`sagte: „…“`), which the regex searched before.
/// One search for the three bytes that start these (`A` for `Archiv`) reads the paragraph
/// once, where a search for the colon and `©` and one for `Archiv` each had their own set-up
/// and pass; a capital `A` that starts another word costs a comparison.
fn is_caption(body: &str) -> bool {
    let b = body.as_bytes();
    let may_start = |i: usize| match b[i] {
        b':' => caption_colon(b, i),
        b'A' => b[i..].starts_with(b"Archiv"),
        _ => true,
    };
    body.len() <= 600 && caption_starts(b, may_start) && CAPTION.is_match(body)
}

/// Whether `may_start` holds at a byte of `b` that is a colon, 0xA9 or an `A`: in AVX2 where
/// the processor has it and `b` is long enough, else by one search for the three bytes.
fn caption_starts(b: &[u8], may_start: impl Fn(usize) -> bool) -> bool {
    #[cfg(target_arch = "x86_64")]
    if b.len() >= 33 && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, and `b` holds at least thirty-three bytes.
        return unsafe { caption_starts_avx2(b, may_start) };
    }
    memchr::memchr3_iter(b':', 0xA9, b'A', b).any(may_start)
}

/// `caption_starts` for a colon, 0xA9 or an `A` before an `r` (as in `Archiv`): its search
/// without the capitals `A` that start other words (`Am`, `Auch`, `AfD`), most of its hits,
/// each of which restarted the search. Thirty-two bytes at a time with the byte after each, the
/// last ones read again from the end.
///
/// # Safety
///
/// The processor must have AVX2, and `b` must hold at least thirty-three bytes.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn caption_starts_avx2(b: &[u8], may_start: impl Fn(usize) -> bool) -> bool {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8,
    };
    debug_assert!(b.len() >= 33);
    let byte = |c: u8| _mm256_set1_epi8(c as i8);
    // Bit `k` set where byte `i + k` is a candidate, for `i + 33` at most the length.
    let candidates = |i: usize| {
        // SAFETY: bytes `i` to `i + 32` are in `b`.
        let (x, next) = unsafe {
            (
                _mm256_loadu_si256(b.as_ptr().add(i).cast::<__m256i>()),
                _mm256_loadu_si256(b.as_ptr().add(i + 1).cast::<__m256i>()),
            )
        };
        let ar = _mm256_and_si256(
            _mm256_cmpeq_epi8(x, byte(b'A')),
            _mm256_cmpeq_epi8(next, byte(b'r')),
        );
        let marks = _mm256_or_si256(
            _mm256_cmpeq_epi8(x, byte(b':')),
            _mm256_cmpeq_epi8(x, byte(0xA9)),
        );
        _mm256_movemask_epi8(_mm256_or_si256(ar, marks)) as u32
    };
    let any = |i: usize, mut mask: u64| {
        while mask != 0 {
            if may_start(i + mask.trailing_zeros() as usize) {
                return true;
            }
            mask &= mask - 1;
        }
        false
    };
    let mut i = 0;
    while i + 33 <= b.len() {
        if any(i, u64::from(candidates(i))) {
            return true;
        }
        i += 32;
    }
    // The last bytes: the thirty-two before the last byte, without those already read, and the
    // last byte, which no `r` follows.
    let last = b.len() - 33;
    let last_byte = b.len() - 1;
    // `i - last` is 1 to 32, so the shifts stay inside the 64 bits.
    any(
        last,
        u64::from(candidates(last)) >> (i - last) << (i - last),
    ) || (matches!(b[last_byte], b':' | 0xA9) && may_start(last_byte))
}

/// Whether the colon at byte `colon` of `b` may follow one of `CAPTION_WORDS` and at most one
/// white-space character: a character beyond ASCII right before it may be white space, and
/// is left to the regex.
fn caption_colon(b: &[u8], colon: usize) -> bool {
    let mut end = colon;
    match b[..end].last() {
        Some(&x) if x >= 0x80 => return true,
        Some(x) if x.is_ascii_whitespace() || *x == 0x0B => end -= 1,
        _ => {}
    }
    let before = &b[..end];
    CAPTION_WORDS.iter().any(|w| before.ends_with(w.as_bytes()))
}

/// Numbered navigation lists: short numbered lines without sentence punctuation whose number
/// continues a neighbour's (`1. Zum Inhalt`, `2. Zur Hauptnavigation`, …).
fn mark_numbered_navigation(text: &str, paras: &mut [Paragraph]) {
    // Most lines start with a letter and have no number: this test, small enough to be inlined
    // where it is asked, leaves the rest to a function of its own.
    let number = |p: &Paragraph| -> Option<u32> {
        if text.as_bytes()[p.span.start].is_ascii_digit() {
            navigation_number(&text[p.span.clone()])
        } else {
            None
        }
    };
    // Each line's number and its neighbours', carried along the lines: a list of them all was
    // collected for every document, where most lines have none.
    let (mut before, mut here) = (None, paras.first().and_then(number));
    for i in 0..paras.len() {
        let after = paras.get(i + 1).and_then(number);
        if let Some(n) = here {
            let prev = before == Some(n.wrapping_sub(1));
            let next = after == Some(n + 1);
            if prev || next {
                paras[i].furniture = true;
                paras[i].caption = false;
            }
        }
        (before, here) = (here, after);
    }
}

/// The number of a line that starts with a digit, where it is a short numbered line without
/// sentence punctuation (see `mark_numbered_navigation`).
#[inline(never)]
fn navigation_number(body: &str) -> Option<u32> {
    let (n, rest) = numbered_line(body)?;
    let short = rest.split_whitespace().count() <= 8;
    let unpunctuated = !rest.ends_with(['.', '!', '?', '“', '"']);
    (short && unpunctuated).then_some(n)
}

/// The number and the rest of a numbered line, what `^(\d{1,2})\.\s+(\S.{0,80})$` captures
/// where its number parses as a `u32`, read by hand: the lines that start with a digit are
/// mostly dates (`2. November 2025`), and a regex search with captures cost each of them
/// thousands of instructions. The two cannot differ but where the pattern's `\d` takes a digit
/// beyond ASCII, which does not parse, so that neither gives a number.
fn numbered_line(body: &str) -> Option<(u32, &str)> {
    let bytes = body.as_bytes();
    let digits = bytes
        .iter()
        .take(3)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if !(1..=2).contains(&digits) || bytes.get(digits) != Some(&b'.') {
        return None;
    }
    // `\s+` then `\S`: all the white space after the period (`\s` is `char::is_whitespace`),
    // then at most 81 characters but line breaks (`.`) to the end.
    let after = &body[digits + 1..];
    let rest = after.trim_start();
    if rest.len() == after.len() || rest.is_empty() || rest.contains('\n') {
        return None;
    }
    if rest.len() > 81 && rest.chars().count() > 81 {
        return None;
    }
    Some((body[..digits].parse().ok()?, rest))
}

// ---------------------------------------------------------------------------------------------
// Sentences

/// Abbreviations after which a period does not end a sentence. Single letters (`z. B.`, `u. a.`,
/// initials) are handled by rule, not listed. Sorted by bytes (capitals first); every period
/// before a capital asks, and most words before one are not listed, so the splitter searches
/// them as numbers (`ABBREVIATION_KEYS`).
const ABBREVIATIONS: &[&str] = &[
    "Abb", "Abs", "Abt", "Adm", "Anm", "Apr", "Art", "Aug", "Bd", "Bhf", "Bsp", "Chr", "Co", "Dez",
    "Di", "Dipl", "Do", "Dr", "Feb", "Fr", "Gebr", "Gen", "Hbf", "Hr", "Hrn", "Hrsg", "Ing", "Jan",
    "Jh", "Jhd", "Jr", "Jul", "Jun", "Kap", "Kfz", "Lt", "Mag", "Mi", "Mio", "Mo", "Mr", "Mrd",
    "Mrs", "Ms", "Nov", "Nr", "Okt", "Pfr", "Pkt", "Pkw", "Prof", "Präs", "Rep", "Sa", "Sen",
    "Sep", "Sept", "So", "Sr", "St", "Std", "Str", "Tel", "Tsd", "Vors", "Ziff", "bspw", "bzgl",
    "bzw", "ca", "dt", "ebd", "eigtl", "engl", "etc", "ev", "evtl", "ff", "geb", "gegr", "gem",
    "gest", "ggf", "ggü", "hl", "inkl", "insb", "jr", "kath", "lt", "max", "min", "orig", "rd",
    "röm", "sog", "stv", "tägl", "usw", "vgl", "zit", "zzgl",
];

/// The longest abbreviation's length in bytes: a longer word needs no search of the list, and
/// most words before a period are longer.
const ABBREVIATION_MAX_LEN: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > max {
            max = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    max
};

/// A word of at most eight bytes as one number: its bytes little-endian, the rest zero. Words
/// of text hold no zero byte (`parse` refuses NUL), so different words give different numbers,
/// and a binary search compares numbers where one of strings called `memcmp` at every step.
const fn word_key(w: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < w.len() {
        key |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

/// `ABBREVIATIONS` as `word_key`s, sorted for a binary search.
static ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    assert!(ABBREVIATION_MAX_LEN <= 8);
    let mut keys = [0; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        // Insertion sort: `sort` is not available in a constant.
        let key = word_key(ABBREVIATIONS[i].as_bytes());
        let mut j = i;
        while j > 0 && keys[j - 1] > key {
            keys[j] = keys[j - 1];
            j -= 1;
        }
        keys[j] = key;
        i += 1;
    }
    keys
};

/// Words that typically begin a German sentence. After a number with a period (`25.`), one of
/// these means the period ended a sentence; any other capitalised word means an ordinal
/// (`45. Präsident`, `11. Dezember`).
const SENTENCE_STARTERS: &[&str] = &[
    "Aber",
    "Alle",
    "Allerdings",
    "Als",
    "Am",
    "An",
    "Auch",
    "Auf",
    "Aus",
    "Außerdem",
    "Bei",
    "Bereits",
    "Bis",
    "Da",
    "Dabei",
    "Dafür",
    "Daher",
    "Damit",
    "Danach",
    "Dann",
    "Darauf",
    "Darüber",
    "Das",
    "Dass",
    "Dem",
    "Den",
    "Denn",
    "Der",
    "Deshalb",
    "Des",
    "Die",
    "Dies",
    "Diese",
    "Diesem",
    "Diesen",
    "Dieser",
    "Dieses",
    "Doch",
    "Dort",
    "Du",
    "Durch",
    "Ein",
    "Eine",
    "Einem",
    "Einen",
    "Einer",
    "Er",
    "Erst",
    "Es",
    "Etwa",
    "Für",
    "Gegen",
    "Heute",
    "Hier",
    "Ich",
    "Ihr",
    "Im",
    "In",
    "Insgesamt",
    "Ja",
    "Jetzt",
    "Kein",
    "Keine",
    "Laut",
    "Man",
    "Mehr",
    "Mit",
    "Nach",
    "Nein",
    "Nicht",
    "Noch",
    "Nun",
    "Nur",
    "Ob",
    "Obwohl",
    "Oder",
    "Schon",
    "Seit",
    "Sie",
    "So",
    "Später",
    "Trotz",
    "Trotzdem",
    "Um",
    "Und",
    "Unter",
    "Viele",
    "Vom",
    "Von",
    "Vor",
    "Während",
    "Was",
    "Weil",
    "Wenn",
    "Wer",
    "Wie",
    "Wir",
    "Wo",
    "Zu",
    "Zudem",
    "Zum",
    "Zur",
    "Zuvor",
    "Zuletzt",
    "Über",
];

const MONTHS: &[(&str, u32)] = &[
    ("januar", 1),
    ("jänner", 1),
    ("jan", 1),
    ("februar", 2),
    ("feber", 2),
    ("feb", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mrz", 3),
    ("april", 4),
    ("apr", 4),
    ("mai", 5),
    ("juni", 6),
    ("jun", 6),
    ("juli", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("dezember", 12),
    ("dez", 12),
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    // An ASCII word, as most are, is compared without a lower-cased copy: in ASCII,
    // `to_lowercase` changes only the capitals, which `eq_ignore_ascii_case` takes as their
    // small letters, and a name beyond ASCII (`märz`) equals no ASCII word either way.
    if w.is_ascii() {
        return MONTHS
            .iter()
            .find(|(m, _)| m.eq_ignore_ascii_case(w))
            .map(|&(_, n)| n);
    }
    let w = w.to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == w).map(|&(_, n)| n)
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '„' | '“' | '"' | '»' | '«' | '‚' | '(' | '[')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '"' | '«' | '»' | '‘' | '’' | '\'' | ')' | ']'
    )
}

/// Quotation marks open and close in pairs; this tracks which closing mark each open quote
/// waits for, so that a sentence end inside a quotation does not split it.
#[derive(Default)]
struct Quotes {
    stack: Vec<char>,
    broken: bool,
}

impl Quotes {
    fn feed(&mut self, c: char) {
        let top = self.stack.last().copied();
        match c {
            '„' => self.stack.push('“'),
            '“' if top == Some('“') => {
                self.stack.pop();
            }
            '“' => self.stack.push('”'),
            '”' if matches!(top, Some('”' | '“')) => {
                self.stack.pop();
            }
            '»' if top == Some('»') => {
                self.stack.pop();
            }
            '»' => self.stack.push('«'),
            '«' if top == Some('«') => {
                self.stack.pop();
            }
            '«' => self.stack.push('»'),
            '"' if top == Some('"') => {
                self.stack.pop();
            }
            '"' => self.stack.push('"'),
            '”' => self.broken = true,
            _ => {}
        }
    }
    /// Back to no open quote and no stray closing mark, keeping the stack's memory.
    fn clear(&mut self) {
        self.stack.clear();
        self.broken = false;
    }
    fn depth(&self) -> usize {
        self.stack.len()
    }
}

/// The bytes that can start a character the splitter cares about: terminal marks and quotation
/// marks are ASCII or begin with 0xE2 (`…`, `„`, `“`, `”`) or 0xC2 (`»`, `«`).
const TERMINAL_BYTES: [u8; 3] = [b'.', b'!', b'?'];
const QUOTE_BYTES: [u8; 3] = [b'"', 0xE2, 0xC2];

/// Whether a token of one character that starts with byte `b` is a mark for the splitter: one of
/// `TERMINAL_BYTES` or `QUOTE_BYTES`. The tokenizer, which reads every such character anyway,
/// lists these tokens, and the splitter looks at them alone, not at every byte of the text. The
/// other places where these bytes stand are inside words and numbers (a `.` between digits,
/// letters and joiners led by 0xC2 or 0xE2) or in white space (`\u{a0}`), and there the
/// splitter did nothing: no terminal mark or quotation mark is a letter, digit or joiner.
fn is_mark(b: u8) -> bool {
    TERMINAL_BYTES.contains(&b) || QUOTE_BYTES.contains(&b)
}

/// `char::is_alphanumeric` with a fast answer for the Latin-1 letters (`ä`, `ö`, `ü`, `ß`, `é`):
/// the library looks every non-ASCII character up in its Unicode tables, and German text has
/// one of these letters every few words. U+00C0 to U+00FF are all letters except `×` and `÷`.
/// The General Punctuation block, U+2000 to U+206F (`„`, `“`, `–`, `…`), holds no letter or
/// digit, and quotation marks and dashes are frequent too.
pub fn is_alnum(c: char) -> bool {
    match c {
        '\u{c0}'..='\u{ff}' => c != '\u{d7}' && c != '\u{f7}',
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// The character starting at byte `i` (a character boundary). Most characters the splitter
/// asks about are ASCII, which needs no decoding.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        _ => s[i..].chars().next(),
    }
}

/// Whether a paragraph's quotation marks pair up. Where they do not (a quote running over
/// several paragraphs, a typo), quotes are ignored for splitting so that one stray mark cannot
/// glue the rest of the paragraph into one sentence. `marks` are the paragraph's marks (see
/// `is_mark`), positions in `text`.
fn quotes_balanced(text: &str, marks: &[usize], q: &mut Quotes) -> bool {
    q.clear();
    // Terminal marks, the commonest marks, change nothing here.
    for &i in marks
        .iter()
        .filter(|&&i| QUOTE_BYTES.contains(&text.as_bytes()[i]))
    {
        if let Some(c) = char_at(text, i) {
            q.feed(c);
        }
    }
    !q.broken && q.depth() == 0
}

/// The sentences of paragraph `para`, whose marks (see `is_mark`) are `marks`, positions in
/// `text` (taken as they are, where a copy relative to the paragraph's start was made for each).
/// `quotes` is a tracker to use, whatever it holds (the caller's, whose stack was allocated once
/// for all paragraphs, where each paragraph with a quotation allocated two).
fn split_sentences(
    text: &str,
    para: Span,
    pi: usize,
    marks: &[usize],
    quotes: &mut Quotes,
    out: &mut Vec<Sentence>,
) {
    // A paragraph without marks (a headline, a short line) is one sentence: it needs neither
    // the quotes' check nor the walk.
    if marks.is_empty() {
        push_sentence(text, para, pi, out);
        return;
    }
    let body = &text[para.clone()];
    let base = para.start;
    let track_quotes = quotes_balanced(text, marks, quotes);
    quotes.clear();
    let mut start = 0; // byte offset in body of the current sentence
    let mut i = 0; // byte offset in body of the first byte not visited
    for &m in marks {
        // A run of terminal marks and closers below moves `i` past the marks it takes, which
        // are skipped here: one test for each mark, where a search for the first mark at or
        // after `i` tested each mark twice.
        let pos = m - base;
        if pos < i {
            continue;
        }
        let Some(c) = char_at(body, pos) else { break };
        i = pos + c.len_utf8();
        // A terminal mark changes nothing in the quotes, and most marks are terminal.
        if !is_terminal(c) {
            if track_quotes {
                quotes.feed(c);
            }
            continue;
        }
        // Take the whole run of terminal marks and closing quotes/brackets: `?!`, `…“`, `.)`.
        let mut single_period = c == '.';
        while let Some(cj) = char_at(body, i) {
            if is_terminal(cj) {
                single_period = false;
            } else if !is_closer(cj) {
                break;
            }
            if track_quotes {
                quotes.feed(cj);
            }
            i += cj.len_utf8();
        }
        let end = i;
        // A sentence ends only before whitespace followed by something that can start one.
        if !char_at(body, end).is_some_and(char::is_whitespace) {
            continue;
        }
        // Mostly one space and printable ASCII: the rest of the text without trimming it.
        let after = match body.as_bytes().get(end..end + 2) {
            Some(&[b' ', b]) if b > b' ' && b < 0x80 => &body[end + 1..],
            _ => body[end..].trim_start(),
        };
        let Some(next) = after.chars().next() else {
            continue;
        };
        let k = body.len() - after.len();
        if !(next.is_uppercase() || next.is_ascii_digit() || is_opening_quote(next)) {
            continue;
        }
        if track_quotes && quotes.depth() > 0 {
            continue;
        }
        if single_period && !period_ends_sentence(body, pos, after) {
            continue;
        }
        push_sentence(text, base + start..base + end, pi, out);
        start = k;
    }
    push_sentence(text, base + start..para.end, pi, out);
}

/// Decides a single period followed by a capitalised word: abbreviations, initials and
/// ordinals keep the sentence going.
fn period_ends_sentence(body: &str, dot: usize, after: &str) -> bool {
    let before = &body[..dot];
    // The word before the period: its ASCII letters and digits eight bytes at a time (see
    // `ascii_alnum_bits`; the last byte of each eight is the one nearest the period) and byte
    // by byte in the paragraph's first bytes, and only where a non-ASCII character stands
    // before them the rest by characters.
    let bytes = before.as_bytes();
    let mut word_start = dot;
    loop {
        let Some(from) = word_start.checked_sub(8) else {
            word_start -= bytes[..word_start]
                .iter()
                .rev()
                .take_while(|&&b| ASCII_ALNUM[usize::from(b)])
                .count();
            break;
        };
        let x = u64::from_le_bytes(bytes[from..word_start].try_into().expect("eight bytes"));
        // The high bit of each byte that is not an ASCII letter or digit; eight bytes of the
        // word where there is none.
        let other = !ascii_alnum_bits(x) & HIGHS;
        word_start -= other.leading_zeros() as usize / 8;
        if other != 0 {
            break;
        }
    }
    // Where a character beyond ASCII stands before them, the rest character by character as
    // long as they are letters or digits (`is_alnum`): a Latin-1 letter (lead byte 0xC3, but
    // `×` and `÷`, as in the tokenizer) and ASCII without decoding, where a reverse walk
    // decoded every character of such a word (`für.`, `Präsidenten.`).
    if bytes[..word_start].last().is_some_and(|&b| b >= 0x80) {
        while let Some(&b) = bytes[..word_start].last() {
            if b < 0x80 {
                if !ASCII_ALNUM[usize::from(b)] {
                    break;
                }
                word_start -= 1;
            } else if word_start >= 2 && bytes[word_start - 2] == 0xC3 && !matches!(b, 0x97 | 0xB7)
            {
                word_start -= 2;
            } else {
                match before[..word_start].chars().next_back() {
                    Some(c) if is_alnum(c) => word_start -= c.len_utf8(),
                    _ => break,
                }
            }
        }
    }
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    // A single letter: one ASCII byte, or one character of two to four bytes, which a word
    // that starts with ASCII and has more bytes cannot be.
    let single_letter = match word.as_bytes() {
        [b] => b.is_ascii_alphabetic(),
        [b, ..] if *b >= 0x80 && word.len() <= 4 => {
            let mut chars = word.chars();
            chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
        }
        _ => false,
    };
    if single_letter {
        return false; // initials (`J. D. Vance`) and short forms (`z. B.`, `u. a.`)
    }
    if word.len() <= ABBREVIATION_MAX_LEN
        && ABBREVIATION_KEYS
            .binary_search(&word_key(word.as_bytes()))
            .is_ok()
    {
        return false;
    }
    // Byte by byte: a character is an ASCII digit where its one byte is.
    if word.bytes().all(|b| b.is_ascii_digit()) {
        if before[..word_start].trim().is_empty() {
            return false; // list numbering at the start of a paragraph: `1. Zum Inhalt`
        }
        if word.len() >= 4 {
            return true; // a year or amount ends the sentence
        }
        let next_word: &str = after.split(|c: char| !is_alnum(c)).next().unwrap_or("");
        if month_number(next_word).is_some() {
            return false;
        }
        return SENTENCE_STARTERS.contains(&next_word) || next_word.is_empty();
    }
    true
}

fn push_sentence(text: &str, span: Span, paragraph: usize, out: &mut Vec<Sentence>) {
    let (a, b) = trim_span(text, span);
    if b > a {
        out.push(Sentence {
            span: a..b,
            paragraph,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// `shape::LATIN` for a character up to U+00FF, else nothing.
fn latin_bit(c: char) -> u8 {
    if u32::from(c) < 0x100 {
        shape::LATIN
    } else {
        0
    }
}

/// `u8::is_ascii_alphanumeric` as a table: one load per byte where the test takes several
/// comparisons, in the loop that reads most of the text (and in the resolver's pronoun scan).
pub(crate) static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// A byte repeated in every byte of a `u64`, and the high bit of every byte.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` (eight bytes read little-endian) that is an ASCII letter
/// or digit, computed for all eight at once. Each test adds a constant to the byte's low seven
/// bits so that the high bit says whether the byte reached a bound; the sum stays below 0x100,
/// so no carry reaches the next byte. Bytes with the high bit set are not ASCII.
fn ascii_alnum_bits(x: u64) -> u64 {
    let v = x & !HIGHS;
    let digit = (v + ONES * (0x80 - u64::from(b'0'))) & !(v + ONES * (0x80 - u64::from(b'9') - 1));
    // ASCII capitals and small letters differ only in the bit 0x20.
    let l = v | (ONES * 0x20);
    let letter = (l + ONES * (0x80 - u64::from(b'a'))) & !(l + ONES * (0x80 - u64::from(b'z') - 1));
    (digit | letter) & !x & HIGHS
}

/// The end of the run of ASCII letters and digits that starts at byte `from` of `bytes`, sixteen
/// bytes at a time in SSE2 (part of every x86-64) and eight at a time elsewhere and in the last
/// bytes: what the tokenizer reads where its window (`AlnumWindow`) does not show a run's end,
/// and what the window's test is checked against. The SSE2 test keeps its constants in vector
/// registers, where the eight-byte test's took the tokenizer's general registers and were
/// loaded again for every word.
fn ascii_alnum_end(bytes: &[u8], from: usize) -> usize {
    let mut n = from;
    #[cfg(target_arch = "x86_64")]
    while let Some(chunk) = bytes.get(n..n + 16) {
        let alnum = alnum16(chunk.try_into().expect("sixteen bytes"));
        if alnum != 0xFFFF {
            return n + (!alnum).trailing_zeros() as usize;
        }
        n += 16;
    }
    ascii_alnum_end_short(bytes, n)
}

/// The end of the run of ASCII letters and digits that starts at byte `from` of `bytes`, eight
/// bytes at a time and then byte by byte: what `ascii_alnum_end` does in the text's last sixteen
/// bytes (and everywhere on other targets). Not inlined: inlined, its eight-byte test's five
/// constants were set again in general registers for every word in the tokenizer's loop.
#[inline(never)]
fn ascii_alnum_end_short(bytes: &[u8], from: usize) -> usize {
    let mut n = from;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let other = !ascii_alnum_bits(x) & HIGHS;
        if other != 0 {
            return n + other.trailing_zeros() as usize / 8;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .take_while(|&&b| ASCII_ALNUM[usize::from(b)])
        .count()
}

/// Sixty-four bytes of the text from `base`, with bit `k` of `others` set where byte `base + k`
/// is no ASCII letter or digit (bytes past the text's end count as such). Most words are short
/// runs of ASCII letters and digits, several to a window: the end of each is read from the
/// mask with a shift and a count of trailing zeros, where a vector test of sixteen bytes from
/// the word's start took some twenty-five instructions for every word. The mask is kept
/// negated, as each word's test reads it, so that it is negated once for the window, not once
/// for every word.
struct AlnumWindow {
    base: usize,
    others: u64,
    /// Bit `k` set where byte `base + k` is a space and byte `base + k + 1` an ASCII letter or
    /// digit (never bit 63, whose next byte the window does not show): where a run of ASCII
    /// letters and digits ends at such a space, the word is done and the next one starts
    /// after it, which the tokenizer's loop reads from the masks alone (see `tokens`).
    gaps: u64,
}

impl AlnumWindow {
    /// Inlined where it is asked: the tokenizer's inner loop moves its window every few words,
    /// and a call there cost some twenty-five instructions more each time (the text's last
    /// bytes, rarely read, stay in a function of their own).
    #[inline(always)]
    fn at(bytes: &[u8], base: usize) -> Self {
        let (alnum, spaces) = match bytes.get(base..base + 64) {
            Some(block) => block_masks(block.try_into().expect("sixty-four bytes")),
            None => Self::last_masks(&bytes[base..]),
        };
        Self {
            base,
            others: !alnum,
            gaps: spaces & (alnum >> 1),
        }
    }

    /// `block_masks` of the text's last bytes, fewer than sixty-four, padded with NUL bytes,
    /// which are neither letters, digits nor spaces.
    #[cold]
    #[inline(never)]
    fn last_masks(rest: &[u8]) -> (u64, u64) {
        let mut last = [0; 64];
        last[..rest.len()].copy_from_slice(rest);
        block_masks(&last)
    }

    /// The end of the run of ASCII letters and digits that starts at byte `from` (at or after
    /// `base`), where the window shows it.
    #[inline(always)]
    fn run_end(&self, from: usize) -> Option<usize> {
        let offset = from.wrapping_sub(self.base);
        if offset >= 64 {
            return None;
        }
        // Bits shifted in from the top are zero: a run that reaches the window's end is unknown.
        let other = self.others >> offset;
        (other != 0).then(|| from + other.trailing_zeros() as usize)
    }
}

/// The end of the run of ASCII letters and digits that starts at byte `from` of `bytes`, read
/// from `window` where it shows it, else from a window moved to `from`, and only for a run of
/// more than sixty-three bytes by `ascii_alnum_end`.
#[inline(always)]
fn window_run_end(window: &mut AlnumWindow, bytes: &[u8], from: usize) -> usize {
    if let Some(end) = window.run_end(from) {
        return end;
    }
    *window = AlnumWindow::at(bytes, from);
    window
        .run_end(from)
        .unwrap_or_else(|| ascii_alnum_end(bytes, from))
}

/// Bit `k` of the first mask set where `block[k]` is an ASCII letter or digit, and of the
/// second where it is a space: thirty-two bytes at a time in AVX2 where the processor has it
/// (asked once and kept by the standard library), else sixteen at a time in SSE2 (part of every
/// x86-64), as `ascii_alnum_end` tests them; byte by byte elsewhere. The SSE2 code took some
/// seventy-five instructions for a window, AVX2's about thirty.
#[inline(always)]
fn block_masks(block: &[u8; 64]) -> (u64, u64) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2.
            return unsafe { block_masks_avx2(block) };
        }
        block_masks_sse2(block)
    }
    #[cfg(not(target_arch = "x86_64"))]
    block
        .iter()
        .enumerate()
        .fold((0, 0), |(alnum, spaces), (k, &b)| {
            (
                alnum | (u64::from(ASCII_ALNUM[usize::from(b)]) << k),
                spaces | (u64::from(b == b' ') << k),
            )
        })
}

/// `block_masks` in SSE2.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn block_masks_sse2(block: &[u8; 64]) -> (u64, u64) {
    let (chunks, _) = block.as_chunks::<16>();
    chunks
        .iter()
        .enumerate()
        .fold((0, 0), |(alnum, spaces), (k, chunk)| {
            (
                alnum | u64::from(alnum16(chunk)) << (16 * k),
                spaces | u64::from(spaces16(chunk)) << (16 * k),
            )
        })
}

/// Bit `k` set where `chunk[k]` is a space, in SSE2.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn spaces16(chunk: &[u8; 16]) -> u32 {
    // SAFETY: SSE2 is part of the x86-64 base that every such build targets, and the load
    // reads the sixteen bytes of `chunk`.
    unsafe {
        use std::arch::x86_64::{
            _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
        };
        let x = _mm_loadu_si128(chunk.as_ptr().cast());
        _mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(b' ' as i8))) as u32
    }
}

/// Bit `k` set where `chunk[k]` is an ASCII letter or digit, in SSE2.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn alnum16(chunk: &[u8; 16]) -> u32 {
    // SAFETY: SSE2 is part of the x86-64 base that every such build targets, and the load
    // reads the sixteen bytes of `chunk`.
    unsafe {
        use std::arch::x86_64::{
            __m128i, _mm_add_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
            _mm_or_si128, _mm_set1_epi8,
        };
        // A byte lies in `lo..lo + len` where, moved by `0x80 - lo`, it is below `0x80 + len`
        // as an unsigned byte, that is below `len - 128` as a signed one (SSE2 compares signed
        // bytes only). Capitals are the small letters with the bit 0x20 cleared.
        let in_range = |x: __m128i, lo: u8, len: u8| {
            let moved = _mm_add_epi8(x, _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8));
            _mm_cmplt_epi8(moved, _mm_set1_epi8((len as i8).wrapping_sub(-128)))
        };
        let x = _mm_loadu_si128(chunk.as_ptr().cast());
        let letter = in_range(_mm_or_si128(x, _mm_set1_epi8(0x20)), b'a', 26);
        let digit = in_range(x, b'0', 10);
        _mm_movemask_epi8(_mm_or_si128(letter, digit)) as u32
    }
}

/// `block_masks` in AVX2. Not inlined (a function with AVX2 cannot be inlined into one
/// without), and called only where the window moves, once for several words.
///
/// # Safety
///
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn block_masks_avx2(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8, _mm256_loadu_si256,
        _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8,
    };
    let byte = |b: u8| _mm256_set1_epi8(b as i8);
    // As in `copy_lower_avx2`: a byte lies in `lo..lo + len` where, moved by `0x80 - lo`, it
    // is below `len - 128` as a signed byte.
    let in_range = |x: __m256i, lo: u8, len: u8| {
        let moved = _mm256_add_epi8(x, byte(0x80u8.wrapping_sub(lo)));
        _mm256_cmpgt_epi8(byte((len as i8).wrapping_sub(-128) as u8), moved)
    };
    let half = |k: usize| {
        // SAFETY: the block holds the thirty-two bytes from `32 * k` for `k` 0 and 1.
        let x = unsafe { _mm256_loadu_si256(block.as_ptr().add(32 * k).cast()) };
        let letter = in_range(_mm256_or_si256(x, byte(0x20)), b'a', 26);
        let digit = in_range(x, b'0', 10);
        let alnum = _mm256_movemask_epi8(_mm256_or_si256(letter, digit)) as u32;
        let space = _mm256_movemask_epi8(_mm256_cmpeq_epi8(x, byte(b' '))) as u32;
        (u64::from(alnum), u64::from(space))
    };
    let ((alnum0, space0), (alnum1, space1)) = (half(0), half(1));
    (alnum0 | (alnum1 << 32), space0 | (space1 << 32))
}

/// For each byte, the shape bits of a word that starts with it where it is an ASCII letter or
/// digit (`WORD`, `LATIN` and the letter's case, as `shape::of` gives), else 0: one look-up in
/// the tokenizer's loop tells both whether a run of letters and digits starts and how the word
/// that it starts looks.
static ASCII_WORD_START: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let case = if c.is_ascii_uppercase() {
            shape::CAP
        } else if c.is_ascii_lowercase() {
            shape::LOWER
        } else {
            0
        };
        if c.is_ascii_alphanumeric() {
            table[b] = shape::WORD | shape::LATIN | case;
        }
        b += 1;
    }
    table
};

/// Whether the character that ends at byte `i` of `text` (a character boundary after the
/// first) is a letter or digit.
fn alnum_before(text: &str, i: usize) -> bool {
    match text.as_bytes()[i - 1] {
        b if b < 0x80 => ASCII_ALNUM[usize::from(b)],
        _ => text[..i].chars().next_back().is_some_and(is_alnum),
    }
}

/// Words (letters and digits, joined across inner hyphens and apostrophes: `NATO-Chef`,
/// `58-Jährige`), numbers (joined across inner `.` and `,`: `25.000`, `1,1`), and every other
/// non-space character as a token of its own.
// Not inlined into `parse`: in a loop of its own, the word bounds stay in registers instead of
// on the stack.
/// Also returns the positions of the tokens that are marks for the sentence splitter (see
/// `is_mark`) and those of the line breaks, which the loop visits as white space anyway and
/// the paragraphs are cut at, each in order.
#[inline(never)]
fn tokens(text: &str) -> (Vec<Token>, Vec<usize>, Vec<usize>) {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5);
    // News text has a sentence end or quotation mark every 40 bytes or so.
    let mut marks = Vec::with_capacity(text.len() / 32);
    // And a line break every 60 bytes or so.
    let mut breaks = Vec::with_capacity(text.len() / 48);
    let mut cur: Option<usize> = None;
    // The shape of the word in `cur`: its first character's case, set where it starts, and
    // `WORD` once it holds a letter or digit (a word may start with a soft hyphen). The loop
    // has each character in hand anyway, so the bits cost no second look at the word.
    let mut word_shape = 0;
    let mut window = AlnumWindow::at(bytes, 0);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // A run of ASCII letters and digits, the bulk of any text, continues or starts a word
        // whatever stands around it: skip it in one tight loop.
        let start_shape = ASCII_WORD_START[usize::from(b)];
        if start_shape != 0 {
            let Some(s) = cur else {
                // A word starts here. Words of ASCII letters and digits that each end at a
                // space, most of any text, follow one another in this inner loop, which has
                // only the word's start and shape in hand.
                let (mut s, mut start_shape) = (i, start_shape);
                'words: loop {
                    // The word's end, and before it the words that the window shows to end at
                    // a space before another run of ASCII letters and digits (its `gaps`),
                    // read from the masks alone: `others`, with the bits before the word
                    // cleared, has the word's end as its lowest bit, and with that bit cleared
                    // too, the next word's (the byte after the space is no other). Where the
                    // steps below read each end from the window, tested its byte for a space
                    // and read the next byte for the next word's start.
                    let mut end = loop {
                        let offset = s.wrapping_sub(window.base);
                        let mut others = if offset < 64 {
                            window.others & (u64::MAX << offset)
                        } else {
                            0
                        };
                        if others & others.wrapping_neg() & window.gaps != 0 {
                            // Each word here takes a gap bit of the window, which has at most
                            // 32 (a space and a letter or digit each): room for them all, so
                            // that each is written without a test of the room.
                            out.reserve(32);
                            let room: *mut Token = out.as_mut_ptr();
                            let mut len = out.len();
                            loop {
                                let end = window.base + others.trailing_zeros() as usize;
                                // SAFETY: `len` is below the capacity: at most 32 tokens are
                                // written after the room for 32 was reserved.
                                unsafe {
                                    room.add(len).write(Token {
                                        span: s..end,
                                        shape: start_shape,
                                    });
                                }
                                len += 1;
                                s = end + 1;
                                // SAFETY: the gap bit says that byte `end + 1` is an ASCII
                                // letter or digit, which the window shows only in the text
                                // (bytes past its end are no letters there).
                                let first = unsafe { *bytes.get_unchecked(s) };
                                start_shape = ASCII_WORD_START[usize::from(first)];
                                others &= others - 1;
                                if others & others.wrapping_neg() & window.gaps == 0 {
                                    break;
                                }
                            }
                            // SAFETY: the tokens up to `len` are written.
                            unsafe { out.set_len(len) };
                        }
                        if others != 0 {
                            break window.base + others.trailing_zeros() as usize;
                        }
                        // The run goes on past the window: read from a window moved to the
                        // word, or byte by byte where it fills that one too.
                        if window.base == s {
                            break ascii_alnum_end(bytes, s);
                        }
                        window = AlnumWindow::at(bytes, s);
                    };
                    loop {
                        // At a byte that is no ASCII letter or digit.
                        match bytes.get(end) {
                            Some(b' ') => break,
                            // A word followed by ASCII punctuation and a space or a line
                            // break (`sagte,`, `Berlin.`, `Wort)`), the next commonest end: no
                            // joiner joins before white space, so the word ends, the mark is a
                            // token of its own, and the white space is skipped (a line break
                            // listed), here, where the outer loop took a turn for the mark and
                            // another to come back to this loop. A line break after a word
                            // alone is rare, and its own test before the space's cost more.
                            Some(&c @ 0x21..=0x7E)
                                if matches!(bytes.get(end + 1), Some(b' ' | b'\n')) =>
                            {
                                out.push(Token {
                                    span: s..end,
                                    shape: start_shape,
                                });
                                if is_mark(c) {
                                    marks.push(end);
                                }
                                out.push(Token {
                                    span: end..end + 1,
                                    shape: shape::LATIN,
                                });
                                if bytes[end + 1] == b'\n' {
                                    breaks.push(end + 1);
                                }
                                s = end + 2;
                                start_shape = bytes
                                    .get(s)
                                    .map_or(0, |&b| ASCII_WORD_START[usize::from(b)]);
                                if start_shape == 0 {
                                    i = s;
                                    break 'words;
                                }
                                continue 'words;
                            }
                            // A letter from U+00C0 to U+00FF but `×` and `÷` (lead byte 0xC3,
                            // as below) goes on with the word, and so does a run of ASCII
                            // letters and digits after it (`für`, `Straße`): here, where the
                            // outer loop took two more turns for each. Less common than a
                            // space, which is tested first.
                            Some(0xC3) if !matches!(bytes.get(end + 1), Some(0x97 | 0xB7)) => {
                                std::hint::cold_path();
                                end = window_run_end(&mut window, bytes, end + 2);
                            }
                            _ => {
                                std::hint::cold_path();
                                cur = Some(s);
                                word_shape = start_shape;
                                i = end;
                                break 'words;
                            }
                        }
                    }
                    out.push(Token {
                        span: s..end,
                        shape: start_shape,
                    });
                    s = end + 1;
                    start_shape = bytes
                        .get(s)
                        .map_or(0, |&b| ASCII_WORD_START[usize::from(b)]);
                    if start_shape == 0 {
                        i = s;
                        break;
                    }
                }
                continue;
            };
            // The run goes on with a word that another character started (`Ärger`, `58-Jährige`).
            word_shape |= shape::WORD;
            i = window_run_end(&mut window, bytes, i);
            // Most words end at a space, which ends the word here without another turn of the
            // loop.
            if bytes.get(i) == Some(&b' ') {
                out.push(Token {
                    span: s..i,
                    shape: word_shape,
                });
                cur = None;
                i += 1;
            } else {
                cur = Some(s);
            }
            continue;
        }
        if b < 0x80 {
            // Any other ASCII character: inside a word, a hyphen or apostrophe between letters
            // or digits, or a `.` or `,` between digits, joins it; else the word ends, and the
            // character is a token of its own unless it is white space.
            if let Some(s) = cur {
                let joins = match b {
                    b'-' | b'\'' => {
                        alnum_before(text, i) && char_at(text, i + 1).is_some_and(is_alnum)
                    }
                    b'.' | b',' => {
                        bytes[i - 1].is_ascii_digit()
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    }
                    _ => false,
                };
                if joins {
                    i += 1;
                    continue;
                }
                out.push(Token {
                    span: s..i,
                    shape: word_shape,
                });
                cur = None;
            }
            // `char::is_whitespace` of an ASCII character.
            if !matches!(b, b'\t'..=b'\r' | b' ') {
                if is_mark(b) {
                    marks.push(i);
                }
                out.push(Token {
                    span: i..i + 1,
                    shape: shape::LATIN,
                });
                // Most punctuation stands before a space, which ends no word here (the mark
                // ended it): skipped with the mark, it costs no turn of the loop.
                if bytes.get(i + 1) == Some(&b' ') {
                    i += 1;
                }
            } else if b == b'\n' {
                breaks.push(i);
            }
            i += 1;
            continue;
        }
        // A letter from U+00C0 to U+00FF (`ä`, `ß`, `É`: all but `×` and `÷`), the commonest
        // character beyond ASCII in German, goes on with a word or starts one without decoding:
        // its lead byte is 0xC3, and it is a letter and Latin-1. The capitals among them are
        // U+00C0 to U+00DE (`Ä`, `Ö`, `Ü`, `É`), whose second bytes are below 0x9F.
        if b == 0xC3 && !matches!(bytes.get(i + 1), Some(0x97 | 0xB7)) {
            if cur.is_none() {
                cur = Some(i);
                word_shape = shape::LATIN
                    | if bytes[i + 1] < 0x9F {
                        shape::CAP
                    } else {
                        shape::LOWER
                    };
            }
            word_shape |= shape::WORD;
            i += 2;
            continue;
        }
        let c = char_at(text, i).expect("index is a character boundary");
        let len = c.len_utf8();
        let wordish = is_alnum(c) || c == '\u{ad}';
        let joiner = !wordish
            && cur.is_some()
            && matches!(c, '‐' | '’')
            && alnum_before(text, i)
            && char_at(text, i + len).is_some_and(is_alnum);
        if wordish || joiner {
            if cur.is_none() {
                cur = Some(i);
                word_shape = shape::case_of(c) | shape::LATIN;
            }
            if wordish && c != '\u{ad}' {
                word_shape |= shape::WORD;
            }
            if u32::from(c) >= 0x100 {
                word_shape &= !shape::LATIN;
            }
        } else {
            if let Some(s) = cur.take() {
                out.push(Token {
                    span: s..i,
                    shape: word_shape,
                });
            }
            if !c.is_whitespace() {
                if is_mark(b) {
                    marks.push(i);
                }
                out.push(Token {
                    span: i..i + len,
                    shape: shape::case_of(c) | latin_bit(c),
                });
            }
        }
        i += len;
    }
    if let Some(s) = cur {
        out.push(Token {
            span: s..text.len(),
            shape: word_shape,
        });
    }
    (out, marks, breaks)
}

// ---------------------------------------------------------------------------------------------
// Publication date

/// How far into the document the date of publication is looked for, in paragraphs.
const DATE_HEAD_PARAGRAPHS: usize = 25;
/// A paragraph this long is body text; the page head ends at the second one.
const HEAD_BODY_LEN: usize = 200;

static DATE_META: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)date:?\s+(\d{4})-(\d{2})-(\d{2})(?-u:\b)").unwrap());
static DATE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:stand|veröffentlicht|aktualisiert|erschienen|publiziert|datum|zuletzt aktualisiert)(?: am)?\s*:?\s*(?:\w+,\s*)?|\b(?:heute|am heutigen \w+),?\s+(?:dem |den )?)$").unwrap()
});
static DATE_ANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b)(?P<d1>\d{1,2})\.\s?(?P<m1>\d{1,2})\.\s?(?P<y1>\d{4})(?-u:\b)
        | (?-u:\b)(?P<d2>\d{1,2})\.\s*(?P<m2>[A-Za-zäÄ]{3,9})\.?\s+(?P<y2>\d{4})(?-u:\b)
        | (?-u:\b)(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?-u:\b)
        ",
    )
    .unwrap()
});

/// The article's own date: a `date YYYY-MM-DD` metadata line first, then a date after a marker
/// (`Stand:`, `Veröffentlicht am`), then a date on a short line of its own near the top.
/// Captions and credits are skipped: their dates are when a photo was taken.
/// `lower` is `lower_latin(text)`.
fn published(text: &str, lower: &str, paragraphs: &[Paragraph]) -> Option<String> {
    // Each head paragraph with its lower-case form (see `may_hold_date_marker`) and whether it
    // holds an ASCII digit, looked for once for all three steps below: each date they take has
    // such digits (a digit beyond ASCII that the patterns' `\d` takes does not parse).
    // With room for all of them at once: collected from a filter, which promises no length,
    // the list grew three or four times in each document.
    let mut head: Vec<(&str, &str, bool)> =
        Vec::with_capacity(paragraphs.len().min(DATE_HEAD_PARAGRAPHS));
    head.extend(
        paragraphs
            .iter()
            .take(DATE_HEAD_PARAGRAPHS)
            .filter(|p| !p.caption)
            .map(|p| {
                let body = &text[p.span.clone()];
                (body, &lower[p.span.clone()], has_ascii_digit(body))
            }),
    );
    static DATE: LazyLock<memchr::memmem::Finder> =
        LazyLock::new(|| memchr::memmem::Finder::new("date"));
    for (body, ..) in head
        .iter()
        .filter(|&&(b, _, digit)| digit && DATE.find(b.as_bytes()).is_some())
    {
        let date = DATE_META
            .captures(body)
            .and_then(|c| iso_date(&c[1], &c[2], &c[3]));
        if date.is_some() {
            return date;
        }
    }
    // A date after a marker word. Only a paragraph that holds a digit and may hold a marker word
    // can have one, so only those are searched for dates (most head paragraphs are neither).
    for &(body, low, digit) in &head {
        if !digit || !may_hold_date_marker(low) {
            continue;
        }
        for (start, date) in dates_in(body) {
            if DATE_MARKER.is_match(&body[..start]) {
                return Some(date);
            }
        }
    }
    // A date on a line of its own counts only in the page head, before the body text gets
    // going: later short lines are related-article lists, chronologies and the like. The first
    // short line that holds a date gives it, so the lines after it need no search.
    let head_end = head
        .iter()
        .enumerate()
        .filter(|(_, (b, ..))| b.len() > HEAD_BODY_LEN)
        .nth(1)
        .map_or(head.len(), |(i, _)| i);
    head[..head_end]
        .iter()
        .filter(|&&(b, _, digit)| digit && b.len() <= OWN_LINE_LEN)
        .find_map(|(b, ..)| dates_in(b).into_iter().next())
        .map(|(_, date)| date)
}

/// Whether `s` holds an ASCII digit: in AVX2 where the processor has it and `s` has thirty-two
/// bytes (`has_ascii_digit_avx2`), else sixteen bytes at a time in SSE2 (part of every x86-64)
/// where it has that many, the last sixteen read again from the end; byte by byte elsewhere and
/// in shorter paragraphs. Most head paragraphs hold no digit and are read to the end.
fn has_ascii_digit(s: &str) -> bool {
    let bytes = s.as_bytes();
    #[cfg(target_arch = "x86_64")]
    if bytes.len() >= 32 && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, and the text has at least thirty-two bytes.
        return unsafe { has_ascii_digit_avx2(bytes) };
    }
    #[cfg(target_arch = "x86_64")]
    if bytes.len() >= 16 {
        // SAFETY: SSE2 is part of the x86-64 base that every such build targets, and each load
        // reads sixteen bytes of `bytes` (the last one those from `len - 16`).
        unsafe {
            use std::arch::x86_64::{
                __m128i, _mm_add_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
                _mm_set1_epi8,
            };
            // A byte is a digit where, moved by `0x80 - b'0'`, it is below `0x80 + 10` as an
            // unsigned byte, that is below `10 - 128` as a signed one (see `ascii_alnum_end`).
            let digits = |p: *const u8| {
                let x = _mm_loadu_si128(p.cast::<__m128i>());
                let moved = _mm_add_epi8(x, _mm_set1_epi8(0x80u8.wrapping_sub(b'0') as i8));
                _mm_movemask_epi8(_mm_cmplt_epi8(
                    moved,
                    _mm_set1_epi8(10i8.wrapping_sub(-128)),
                ))
            };
            let (chunks, _) = bytes.as_chunks::<16>();
            return chunks.iter().any(|c| digits(c.as_ptr()) != 0)
                || digits(bytes[bytes.len() - 16..].as_ptr()) != 0;
        }
    }
    bytes.iter().any(u8::is_ascii_digit)
}

/// `has_ascii_digit` of at least thirty-two bytes in AVX2, sixty-four bytes a turn (both halves'
/// tests joined before one branch), the last bytes by one test of the last thirty-two. Most head
/// paragraphs hold no digit and are read to the end: the SSE2 test took seven instructions for
/// every sixteen bytes.
///
/// # Safety
///
/// The processor must have AVX2, and `bytes` must hold at least thirty-two bytes.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn has_ascii_digit_avx2(bytes: &[u8]) -> bool {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_cmpgt_epi8, _mm256_loadu_si256, _mm256_or_si256,
        _mm256_set1_epi8, _mm256_testz_si256,
    };
    debug_assert!(bytes.len() >= 32);
    // As in `copy_lower_avx2`: a byte is a digit where, moved by `0x80 - b'0'`, it is below
    // `10 - 128` as a signed byte.
    let digits = |p: *const u8| {
        // SAFETY: each caller's pointer starts thirty-two bytes of `bytes`.
        let x = unsafe { _mm256_loadu_si256(p.cast::<__m256i>()) };
        let moved = _mm256_add_epi8(x, _mm256_set1_epi8(0x80u8.wrapping_sub(b'0') as i8));
        _mm256_cmpgt_epi8(_mm256_set1_epi8(10i8.wrapping_sub(-128)), moved)
    };
    let any = |m: __m256i| _mm256_testz_si256(m, m) == 0;
    let (chunks, rest) = bytes.as_chunks::<64>();
    if chunks.iter().any(|c| {
        any(_mm256_or_si256(
            digits(c.as_ptr()),
            digits(c[32..].as_ptr()),
        ))
    }) {
        return true;
    }
    // The rest, fewer than sixty-four bytes: its first thirty-two where it has that many, and
    // the text's last thirty-two, which may read some bytes again.
    (rest.len() >= 32 && any(digits(rest.as_ptr())))
        || any(digits(bytes[bytes.len() - 32..].as_ptr()))
}

/// The longest line whose date alone can be the article's.
const OWN_LINE_LEN: usize = 80;

/// Whether a paragraph may hold one of `DATE_MARKER`'s words: a part of each word that has no
/// `s` or `k` (which case-fold to `ſ` and the Kelvin sign) and is ASCII, so that an ASCII
/// case-insensitive search finds every text the pattern's Unicode case-insensitive match does.
/// `lower` is the paragraph in `Document::lower`, whose ASCII letters are lower case; its other
/// changes touch only non-ASCII bytes, which no part holds.
fn may_hold_date_marker(lower: &str) -> bool {
    const PARTS: [&str; 7] = [
        "tand",       // stand
        "ffentlicht", // veröffentlicht
        "tuali",      // aktualisiert
        "chienen",    // erschienen
        "publi",      // publiziert
        "datum",
        "heut", // heute, am heutigen
    ];
    // One SIMD search for all the parts (Teddy), built once, where a `memchr::memmem` search
    // for each read most paragraphs once per part.
    static PARTS_SEARCHER: LazyLock<aho_corasick::packed::Searcher> =
        LazyLock::new(|| aho_corasick::packed::Searcher::new(PARTS).expect("a few short words"));
    PARTS_SEARCHER.find(lower).is_some()
}

/// Every valid date in a string, with its byte offset.
fn dates_in(s: &str) -> Vec<(usize, String)> {
    let date = |m: DateMatch| {
        let date = if m.by_name {
            iso_ymd(
                m.year.parse().ok()?,
                month_number(m.month)?,
                m.day.parse().ok()?,
            )
        } else {
            iso_date(m.year, m.month, m.day)
        };
        date.map(|d| (m.start, d))
    };
    // Most strings asked about are short date lines (`12. März 2025`), on which a regex search
    // with captures cost thousands of instructions: where the pattern's classes reduce to
    // ASCII, they are read by hand.
    if is_plain(s.as_bytes()) {
        plain_dates(s).filter_map(date).collect()
    } else {
        DATE_ANY
            .captures_iter(s)
            .filter_map(|c| date(DateMatch::of(&c)?))
            .collect()
    }
}

/// A match of `DATE_ANY`: where it starts and ends, and its day, month and year.
#[derive(Debug, PartialEq)]
struct DateMatch<'h> {
    start: usize,
    end: usize,
    day: &'h str,
    /// A number, or a month's name where `by_name`.
    month: &'h str,
    year: &'h str,
    by_name: bool,
}

impl<'h> DateMatch<'h> {
    /// The match that `c`, captures of `DATE_ANY`, hold.
    fn of(c: &regex::Captures<'h>) -> Option<Self> {
        // The groups by number (see `DATE_GROUPS`): `d1 m1 y1` are 1 to 3, `d2 m2 y2` 4 to 6
        // and `y3 m3 d3` 7 to 9. A group asked by name costs a hash look-up each.
        let group = |i: usize| c.get(i).map(|m| m.as_str());
        let whole = c.get(0)?;
        let (day, month, year, by_name) = if group(1).is_some() {
            (group(1)?, group(2)?, group(3)?, false)
        } else if group(4).is_some() {
            (group(4)?, group(5)?, group(6)?, true)
        } else {
            (group(9)?, group(8)?, group(7)?, false)
        };
        Some(DateMatch {
            start: whole.start(),
            end: whole.end(),
            day,
            month,
            year,
            by_name,
        })
    }
}

/// Whether every character of `b` is ASCII, `ä` or `Ä`. There `DATE_ANY`'s `\d` is an ASCII
/// digit and its `\s` ASCII white space (Unicode has no other digit or space there), and its
/// letters are ASCII letters, `ä` and `Ä`, so that `plain_dates` reads it.
fn is_plain(b: &[u8]) -> bool {
    let mut i = 0;
    loop {
        match b.get(i) {
            None => return true,
            Some(&x) if x < 0x80 => i += 1,
            Some(0xC3) if matches!(b.get(i + 1), Some(0x84 | 0xA4)) => i += 2,
            Some(_) => return false,
        }
    }
}

/// The matches of `DATE_ANY` in `s`, which `is_plain` holds for, read by hand, as the regex
/// finds them: each leftmost, its first alternative that matches, each greedy part taking the
/// most it can, then the search goes on after it. A test compares the two.
fn plain_dates(s: &str) -> impl Iterator<Item = DateMatch<'_>> {
    let mut p = 0;
    std::iter::from_fn(move || {
        while p < s.len() {
            if let Some(m) = plain_date_at(s, p) {
                p = m.end;
                return Some(m);
            }
            p += 1;
        }
        None
    })
}

/// The match of `DATE_ANY` that starts at byte `p` of `s` (see `plain_dates`), if any.
fn plain_date_at(s: &str, p: usize) -> Option<DateMatch<'_>> {
    let b = s.as_bytes();
    // `(?-u:\b)` between a word byte (ASCII letter, digit, `_`) and another byte.
    let word = |i: usize| {
        b.get(i)
            .is_some_and(|&x| x.is_ascii_alphanumeric() || x == b'_')
    };
    let digits = |i: usize, n: usize| {
        b.get(i..i + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let space = |i: usize| b.get(i).is_some_and(|&x| matches!(x, b'\t'..=b'\r' | b' '));
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !digits(p, 1) || (p > 0 && word(p - 1)) {
        return None;
    }
    let date = |day: Span, month: Span, year: Span, by_name: bool| {
        Some(DateMatch {
            start: p,
            end: day.end.max(year.end),
            day: &s[day],
            month: &s[month],
            year: &s[year],
            by_name,
        })
    };
    // `\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\b`: each choice in the pattern's order of preference.
    for d in [2, 1] {
        if !digits(p, d) || !at(p + d, b'.') {
            continue;
        }
        for s1 in [1, 0] {
            let i = p + d + 1;
            if s1 == 1 && !space(i) {
                continue;
            }
            for m in [2, 1] {
                let j = i + s1;
                if !digits(j, m) || !at(j + m, b'.') {
                    continue;
                }
                for s2 in [1, 0] {
                    let k = j + m + 1;
                    if s2 == 1 && !space(k) {
                        continue;
                    }
                    let y = k + s2;
                    if digits(y, 4) && !word(y + 4) {
                        return date(p..p + d, j..j + m, y..y + 4, false);
                    }
                }
            }
        }
    }
    // `\d{1,2}\.\s*([A-Za-zäÄ]{3,9})\.?\s+\d{4}\b`. White space and letters are each taken
    // whole: taking fewer leaves one where the next part needs another kind of character.
    for d in [2, 1] {
        if !digits(p, d) || !at(p + d, b'.') {
            continue;
        }
        let mut i = p + d + 1;
        while space(i) {
            i += 1;
        }
        let name = i;
        let mut letters = 0;
        while letters < 10 {
            if b.get(i).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
            } else if at(i, 0xC3) {
                // `ä` or `Ä`: `is_plain` lets no other byte follow 0xC3.
                i += 2;
            } else {
                break;
            }
            letters += 1;
        }
        if !(3..=9).contains(&letters) {
            continue;
        }
        let name = name..i;
        for dot in [1, 0] {
            if dot == 1 && !at(i, b'.') {
                continue;
            }
            let mut y = i + dot;
            if !space(y) {
                continue;
            }
            while space(y) {
                y += 1;
            }
            if digits(y, 4) && !word(y + 4) {
                return date(p..p + d, name, y..y + 4, true);
            }
        }
    }
    // `\d{4}-\d{2}-\d{2}\b`.
    if digits(p, 4)
        && at(p + 4, b'-')
        && digits(p + 5, 2)
        && at(p + 7, b'-')
        && digits(p + 8, 2)
        && !word(p + 10)
    {
        return date(p + 8..p + 10, p + 5..p + 7, p..p + 4, false);
    }
    None
}

/// The names of `DATE_ANY`'s groups in their order; a test checks them against the pattern.
#[cfg(test)]
const DATE_GROUPS: [&str; 9] = ["d1", "m1", "y1", "d2", "m2", "y2", "y3", "m3", "d3"];

fn iso_date(y: &str, m: &str, d: &str) -> Option<String> {
    iso_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The ISO date of year `y`, month `m` and day `d`, where that is a date from 1800 to 2200.
fn iso_ymd(y: u32, m: u32, d: u32) -> Option<String> {
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1800..=2200).contains(&y) && (1..=days).contains(&d)).then(|| {
        // What `format!("{y:04}-{m:02}-{d:02}")` writes, by hand: the formatting machinery
        // cost more than the rest of a date's reading.
        // Bytes into an array, copied into the string at once: collected from characters,
        // the string was written character by character.
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let date = [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ];
        String::from_utf8(date.to_vec()).expect("digits and hyphens are ASCII")
    })
}

/// `span` without the white space at its ends. Inlined where it is asked, once for every line and
/// sentence, with the common case first and the rest in a function of its own.
#[inline]
fn trim_span(text: &str, span: Span) -> (usize, usize) {
    // Most spans start and end with printable ASCII, which is not white space: no character
    // needs decoding then.
    let bytes = &text.as_bytes()[span.clone()];
    let printable = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    if printable(bytes.first()) && printable(bytes.last()) {
        return (span.start, span.end);
    }
    trim_span_decoded(text, span)
}

#[inline(never)]
fn trim_span_decoded(text: &str, span: Span) -> (usize, usize) {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (span.start + lead, (span.end - trail).max(span.start + lead))
}

/// The texts the tests read whole: the seeds, the bench corpus and, where `shared/` stands
/// beside the project, the dev texts (a missing directory is skipped).
#[cfg(test)]
pub(crate) const TEXT_DIRS: [&str; 3] = [
    concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"),
    concat!(env!("CARGO_MANIFEST_DIR"), "/bench/corpus"),
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/wikinews_quotes-dev/texts"
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        parse("t.txt", "t.txt", text.as_bytes()).expect("parses")
    }

    fn sentences(text: &str) -> Vec<String> {
        let d = doc(text);
        d.sentences
            .iter()
            .map(|s| d.slice(&s.span).to_string())
            .collect()
    }

    #[test]
    fn abbreviations_are_found_by_their_keys() {
        assert!(ABBREVIATIONS.is_sorted());
        assert!(ABBREVIATION_KEYS.is_sorted());
        for a in ABBREVIATIONS {
            let key = word_key(a.as_bytes());
            assert!(ABBREVIATION_KEYS.binary_search(&key).is_ok(), "{a}");
        }
        assert!(ABBREVIATION_KEYS.binary_search(&word_key(b"Ab")).is_err());
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        for s in [
            "Er reiste nach St. Petersburg und blieb dort.",
            "Viele Länder, z. B. Frankreich, stimmten zu.",
            "Sie sprach mit Dr. Müller über die Lage.",
            "Das Haus Nr. 5 brannte ab.",
            "Dabei waren u. a. Vertreter der Länder bzw. Gemeinden.",
            "Vizepräsident J. D. Vance widersprach.",
            "Es kamen ca. 300 Menschen.",
        ] {
            assert_eq!(sentences(s), vec![s.to_string()], "{s}");
        }
    }

    #[test]
    fn numbers_and_ordinals_do_not_end_sentences() {
        for s in [
            "Am 11. Dezember traf er Merz.",
            "Er ist der 45. Präsident der Vereinigten Staaten.",
            "Rund 1,1 Millionen Menschen und 25.000 Soldaten sind betroffen.",
            "Ab dem 3. Oktober gilt die Regel.",
        ] {
            assert_eq!(sentences(s), vec![s.to_string()], "{s}");
        }
    }

    #[test]
    fn sentence_ends_are_found() {
        assert_eq!(
            sentences(
                "Das ist gut. Die Lage ist ernst! Was nun? Im Jahr 2025. Danach kam 3. Der Rest."
            ),
            vec![
                "Das ist gut.",
                "Die Lage ist ernst!",
                "Was nun?",
                "Im Jahr 2025.",
                "Danach kam 3.",
                "Der Rest."
            ]
        );
    }

    #[test]
    fn quotes_stay_whole() {
        assert_eq!(
            sentences(
                "„Wir sind bereit. Wir warten nicht.“ Das sagte er am Abend. Sie fragte: \"Warum? Wozu?\" Dann ging sie."
            ),
            vec![
                "„Wir sind bereit. Wir warten nicht.“",
                "Das sagte er am Abend.",
                "Sie fragte: \"Warum? Wozu?\"",
                "Dann ging sie."
            ]
        );
        assert_eq!(
            sentences("„Das ist das Ende.“, sagte Rutte. »Gut.« Weiter."),
            vec!["„Das ist das Ende.“, sagte Rutte.", "»Gut.«", "Weiter."]
        );
    }

    #[test]
    fn unbalanced_quotes_do_not_glue_a_paragraph() {
        assert_eq!(
            sentences("„Erster Teil. Zweiter Teil. Dritter Teil."),
            vec!["„Erster Teil.", "Zweiter Teil.", "Dritter Teil."]
        );
    }

    #[test]
    fn paragraphs_are_lines_and_wrapped_lines_are_joined() {
        let d = doc(
            "Titel der Meldung\n\nEin langer Absatz, der hier\numbrochen wurde und weitergeht.\nNeue Zeile.\r\nNoch eine.",
        );
        let p: Vec<&str> = d.paragraphs.iter().map(|p| d.slice(&p.span)).collect();
        assert_eq!(
            p,
            vec![
                "Titel der Meldung",
                "Ein langer Absatz, der hier\numbrochen wurde und weitergeht.",
                "Neue Zeile.",
                "Noch eine."
            ]
        );
        assert!(
            d.sentences
                .iter()
                .all(|s| d.slice(&s.span).trim() == d.slice(&s.span))
        );
    }

    #[test]
    fn furniture_is_marked() {
        let d = doc(
            "1. Zum Inhalt springen\n  2. Zur Hauptnavigation springen\n  3. Zu weiteren Angeboten springen\n\n\
             This browser does not support the video element.\n\nDen nächsten Abschnitt überspringen\n\n\
             12:34\n\nArtikel teilen\n\n3\u{a0}Kommentare\n\n\
             Wir verwenden Cookies. Mit Klick auf Akzeptieren stimmen Sie zu.\n\n\
             Bild: Agentur Beispiel\n\n\
             1. Die Regierung muss handeln, sagte sie.\n\nDie Regierung tagte am Morgen.",
        );
        let flags: Vec<(bool, bool)> = d
            .paragraphs
            .iter()
            .map(|p| (p.furniture, p.caption))
            .collect();
        assert_eq!(
            flags,
            vec![
                (true, false),
                (true, false),
                (true, false),
                (true, false),
                (true, false),
                (true, false),
                (true, false),
                (true, false),
                (true, false),
                (false, true),
                (false, false),
                (false, false),
            ]
        );
    }

    /// The most characters that `pred` holds for in a match of `hir`; `None` if no limit. Every
    /// character `pred` is asked about in the patterns lies below U+3000.
    fn most_of(hir: &regex_syntax::hir::Hir, pred: &dyn Fn(char) -> bool) -> Option<usize> {
        use regex_syntax::hir::{Class, HirKind};
        let any = |lo: u32, hi: u32| (lo..=hi.min(0x3000)).filter_map(char::from_u32).any(pred);
        Some(match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => 0,
            HirKind::Literal(l) => std::str::from_utf8(&l.0)
                .unwrap()
                .chars()
                .filter(|&c| pred(c))
                .count(),
            HirKind::Class(Class::Unicode(c)) => {
                usize::from(c.iter().any(|r| any(r.start().into(), r.end().into())))
            }
            HirKind::Class(Class::Bytes(c)) => {
                usize::from(c.iter().any(|r| any(r.start().into(), r.end().into())))
            }
            HirKind::Repetition(r) => match (most_of(&r.sub, pred)?, r.max) {
                (0, _) => 0,
                (n, Some(max)) => n * max as usize,
                (_, None) => return None,
            },
            HirKind::Capture(c) => most_of(&c.sub, pred)?,
            HirKind::Concat(hs) => hs.iter().map(|h| most_of(h, pred)).sum::<Option<usize>>()?,
            HirKind::Alternation(hs) => hs
                .iter()
                .map(|h| most_of(h, pred))
                .collect::<Option<Vec<_>>>()?
                .into_iter()
                .max()
                .unwrap_or(0),
        })
    }

    /// The characters that a match of `hir` can start with, as ranges, and whether it can be
    /// empty.
    fn first_chars(hir: &regex_syntax::hir::Hir) -> (Vec<(char, char)>, bool) {
        use regex_syntax::hir::{Class, HirKind};
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => (vec![], true),
            HirKind::Literal(l) => {
                let c = std::str::from_utf8(&l.0).unwrap().chars().next().unwrap();
                (vec![(c, c)], false)
            }
            HirKind::Class(Class::Unicode(c)) => {
                (c.iter().map(|r| (r.start(), r.end())).collect(), false)
            }
            HirKind::Class(Class::Bytes(c)) => (
                c.iter()
                    .map(|r| (char::from(r.start()), char::from(r.end())))
                    .collect(),
                false,
            ),
            HirKind::Repetition(r) => {
                let (chars, empty) = first_chars(&r.sub);
                (chars, empty || r.min == 0)
            }
            HirKind::Capture(c) => first_chars(&c.sub),
            HirKind::Concat(hs) => {
                let mut out = vec![];
                for h in hs {
                    let (chars, empty) = first_chars(h);
                    out.extend(chars);
                    if !empty {
                        return (out, false);
                    }
                }
                (out, true)
            }
            HirKind::Alternation(hs) => {
                let all: Vec<_> = hs.iter().map(first_chars).collect();
                let empty = all.iter().any(|(_, e)| *e);
                (all.into_iter().flat_map(|(c, _)| c).collect(), empty)
            }
        }
    }

    #[test]
    fn list_prefix_by_hand_is_the_patterns() {
        let lines = [
            "",
            "1",
            "1.",
            "1. ",
            "1. Zum Inhalt",
            "12. März",
            "12.März",
            "123. x",
            "1a. x",
            "12x",
            "1٣. x",
            "٣. x",
            "- x",
            "-x",
            "--  x",
            "* x",
            "> x",
            "• x",
            "· x",
            "▪ x",
            "► x",
            "2.\u{a0}x",
            "2.\u{3000} x",
            "„Wir",
            "(1) x",
            "3 Kommentare",
        ];
        for line in lines {
            assert_eq!(
                without_list_prefix(line),
                LIST_PREFIX.replace(line, ""),
                "{line:?}"
            );
        }
    }

    #[test]
    fn furniture_pre_test_follows_the_patterns() {
        use regex_syntax::hir::Look;
        // Each alternative that is not short (anchored at both ends, with a limit on its
        // counted characters and on its white space), with the words that every line it
        // matches starts with, ends with or holds (or, for a number, that it starts with a
        // digit, which `may_be_furniture` leaves to the full test). A pattern added or changed
        // without a line here fails below.
        let other: &[(&str, &[&str], &[&str])] = &[
            (
                r"^(?:zum|zur|zu den|zu weiteren|direkt zum|direkt zur)\s.{0,60}\sspringen$",
                FURNITURE_ENDS,
                &["springen"],
            ),
            (
                r"^(?:den|zum) nächsten abschnitt(?:\s.{0,80})?\süberspringen$",
                FURNITURE_ENDS,
                &["springen"],
            ),
            (r"abschnitt überspringen$", FURNITURE_ENDS, &["springen"]),
            (
                r"(?:browser|player) (?:does not|doesn't) support",
                FURNITURE_HOLDS,
                &["support"],
            ),
            (
                r"^(?:ihr|dein) browser unterstützt\s",
                FURNITURE_STARTS,
                &["ihr", "dein"],
            ),
            (
                r"^(?:video|audio) (?:abspielen|starten|wird geladen)",
                FURNITURE_STARTS,
                &["video", "audio"],
            ),
            (r"^teilen auf \w+$", FURNITURE_STARTS, &["teilen"]),
            (r"^\d+ kommentare?$", &[], &[]),
            (
                r"^(?:lesezeit:?\s*)?(?:ca\.\s*)?\d{1,3}\s*(?:min|minuten|min\.)(?: lesezeit)?$",
                FURNITURE_STARTS,
                &["lesezeit", "ca"],
            ),
            (
                r"cookie.{0,200}(?:akzeptieren|zustimmen|einstellungen|einwilligung|datenschutz)",
                FURNITURE_HOLDS,
                &["coo"],
            ),
        ];
        let (mut most, mut most_spaces) = (0, 0);
        for p in FURNITURE_ALTERNATIVES {
            let hir = regex_syntax::parse(p).unwrap();
            let props = hir.properties();
            let anchored = props.look_set_prefix().contains(Look::Start)
                && props.look_set_suffix().contains(Look::End);
            let counted = most_of(&hir, &|c| c.is_ascii() && counted(c as u8));
            let spaces = most_of(&hir, &char::is_whitespace);
            match (counted, spaces) {
                (Some(n), Some(s)) if anchored && s <= FURNITURE_MOST_SPACES => {
                    most = most.max(n);
                    most_spaces = most_spaces.max(s);
                }
                _ => {
                    let (_, list, words) = other
                        .iter()
                        .find(|(q, ..)| q == p)
                        .unwrap_or_else(|| panic!("no pre-test words for {p}"));
                    assert!(words.iter().all(|w| list.contains(w)), "{p}");
                }
            }
        }
        assert_eq!(most, FURNITURE_MOST_COUNTED);
        assert_eq!(most_spaces, FURNITURE_MOST_SPACES);
        // A line that opens with a mark: no list marker and no pattern anchored at the start
        // can start with the mark's lower case, and the others' words are ends or holds.
        let mut starts = first_chars(&regex_syntax::parse(LIST_PREFIX.as_str()).unwrap()).0;
        for p in FURNITURE_ALTERNATIVES {
            let hir = regex_syntax::parse(p).unwrap();
            if hir.properties().look_set_prefix().contains(Look::Start) {
                let (chars, empty) = first_chars(&hir);
                assert!(!empty, "{p}");
                starts.extend(chars);
            } else {
                let (_, list, _) = other.iter().find(|(q, ..)| q == p).unwrap();
                assert!(*list == FURNITURE_ENDS || *list == FURNITURE_HOLDS, "{p}");
            }
        }
        for c in (char::MIN..=char::MAX).filter(|c| opens_with_mark(c.to_string().as_bytes())) {
            let l = c.to_lowercase().next().unwrap();
            assert!(
                !starts.iter().any(|&(lo, hi)| (lo..=hi).contains(&l)),
                "{c:?}"
            );
        }
        assert!(
            other
                .iter()
                .all(|(q, ..)| FURNITURE_ALTERNATIVES.contains(q))
        );
        // No character beyond Latin-1 lower-cases into any part of a word: `lower_latin`, which
        // leaves such characters alone, then shows a word wherever `to_lowercase` makes one.
        let words = [FURNITURE_STARTS, FURNITURE_ENDS, FURNITURE_HOLDS].concat();
        for c in ('\u{100}'..=char::MAX).filter(|c| c.to_lowercase().any(|l| l != *c)) {
            let l: Vec<char> = c.to_lowercase().collect();
            for w in &words {
                let w: Vec<char> = w.chars().collect();
                // `l` placed at each offset against `w` where the two overlap.
                for off in -(l.len() as isize - 1)..w.len() as isize {
                    let overlap = l.iter().enumerate().filter_map(|(j, lc)| {
                        let k = usize::try_from(off + j as isize).ok()?;
                        w.get(k).map(|wc| wc == lc)
                    });
                    assert!(
                        !overlap.clone().all(|eq| eq) || overlap.count() == 0,
                        "{c:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn furniture_pre_test_agrees_on_all_texts() {
        // Every paragraph of the seeds, the bench corpus and (where present) the dev texts: the
        // pre-test may not call a furniture line prose.
        let (mut lines, mut skipped) = (0, 0);
        for dir in super::TEXT_DIRS {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for e in entries {
                let bytes = std::fs::read(e.unwrap().path()).unwrap();
                let Ok(d) = parse("t", "t", &bytes) else {
                    continue;
                };
                for p in &d.paragraphs {
                    let body = d.slice(&p.span);
                    lines += 1;
                    if !may_be_furniture(body, &d.lower[p.span.clone()]) {
                        skipped += 1;
                        assert!(!is_furniture(body), "{body}");
                    }
                }
            }
        }
        assert!(lines > 100 && skipped > 0, "{lines} {skipped}");
    }

    #[test]
    fn numbered_lines_are_read_as_the_pattern_reads_them() {
        let pattern = Regex::new(r"^(\d{1,2})\.\s+(\S.{0,80})$").unwrap();
        let by_pattern = |body: &str| {
            let c = pattern.captures(body)?;
            Some((c[1].parse::<u32>().ok()?, c.get(2)?.as_str().to_string()))
        };
        let long = "x".repeat(80);
        let rests = ["Zum Inhalt", "a", "", " ", "\u{a0}b", "b\nc", "ä", &long];
        let heads = [
            "1.", "12.", "123.", "1", "1.2.", "01.", "1٣.", "٣.", "1 .", "x1.", "9.", "99.",
        ];
        let gaps = ["", " ", "  ", "\t", "\u{a0}", "\u{2003}", "\n", " \n "];
        for head in heads {
            for gap in gaps {
                for rest in rests {
                    for tail in ["", "y", "ÿ", "yy", "\n"] {
                        let body = format!("{head}{gap}{rest}{tail}");
                        let by_hand = numbered_line(&body).map(|(n, r)| (n, r.to_string()));
                        assert_eq!(by_hand, by_pattern(&body), "{body:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn date_groups_are_numbered_in_their_order() {
        let names: Vec<_> = DATE_ANY.capture_names().skip(1).collect();
        let expected: Vec<_> = DATE_GROUPS.iter().map(|&n| Some(n)).collect();
        assert_eq!(names, expected);
    }

    #[test]
    fn captions_are_marked() {
        let d = doc(
            "Der Kanzler im Gespräch in BerlinBild: Max Beispiel/dpa\n\nDer Minister (Archivbild)\n\nDer Text.",
        );
        let caps: Vec<bool> = d.paragraphs.iter().map(|p| p.caption).collect();
        assert_eq!(caps, vec![true, true, false]);
        let d =
            doc("Der Minister (Bild: Agentur X)\n\nEin Bus stieß mit einem Zug zusammen (Bild).");
        let caps: Vec<bool> = d.paragraphs.iter().map(|p| p.caption).collect();
        assert_eq!(caps, vec![true, false]);
    }

    #[test]
    fn every_caption_holds_a_caption_word_mark_or_archiv() {
        use regex_syntax::hir::literal::Extractor;
        // Every match starts with one of these prefixes: `©`, one with `Archiv`, or one of the
        // words (after `(`), which the pattern follows with `\s?:` in each alternative.
        let hir = regex_syntax::parse(CAPTION.as_str()).unwrap();
        let prefixes = Extractor::new().extract(&hir);
        for p in prefixes.literals().expect("a finite set of prefixes") {
            let p = std::str::from_utf8(p.as_bytes()).unwrap();
            let word = p.strip_prefix('(').unwrap_or(p);
            assert!(
                p == "©" || p.contains("Archiv") || CAPTION_WORDS.contains(&word),
                "{p}"
            );
        }
        for w in CAPTION_WORDS {
            for gap in ["", " ", "\t", "\u{a0}"] {
                let line = format!("Ein Bild{w}{gap}: Agentur");
                assert!(is_caption(&line), "{line}");
            }
        }
        assert!(!is_caption("Er sagte: „Nein.“"));
    }

    /// `may_hold_date_marker` searches text with its ASCII letters lower-cased: that finds
    /// whatever the marker pattern's Unicode case-insensitive match finds only if none of the
    /// letters of its parts case-folds to a character outside ASCII.
    #[test]
    fn date_marker_parts_fold_only_within_ascii() {
        let letters = Regex::new("(?i)^[tandfelichupbmr]$").unwrap();
        let mut buf = [0u8; 4];
        for c in '\u{80}'..='\u{10ffff}' {
            assert!(
                !letters.is_match(c.encode_utf8(&mut buf)),
                "{c:?} case-folds to a letter of the marker parts"
            );
        }
        for (text, marker) in [
            (
                "Stand: 3. März 2025, 14:00 Uhr, Berichte aus aller Welt und mehr",
                true,
            ),
            ("VERÖFFENTLICHT AM", true),
            ("Zuletzt aktualisiert", true),
            ("Am heutigen Montag", true),
            ("Heute, 5. Juni", true),
            ("Die Regierung hat am 3. März 2025 beschlossen", false),
        ] {
            assert_eq!(may_hold_date_marker(&lower_latin(text)), marker, "{text}");
        }
    }

    #[test]
    fn published_dates() {
        let cases = [
            (
                " date 2025-12-23 Der Text beginnt hier.",
                Some("2025-12-23"),
            ),
            ("Titel\n\n11. Dezember 2025\n\nText.", Some("2025-12-11")),
            ("Politik\n23.12.2025 09:18\nText.", Some("2025-12-23")),
            (
                "Titel\n\nStand: 05.03.2024, 14:00 Uhr\n\nText.",
                Some("2024-03-05"),
            ),
            (
                "Veröffentlicht am 2. Jan. 2023 um 10 Uhr in einem langen Kopf der Seite mit vielen Worten dazu.",
                Some("2023-01-02"),
            ),
            (
                "Titel\n\nDer Minister im Mai (Archivbild) 01.05.2019\n\nFoto: Agentur, 02.02.2020\n\n3. März 2024\n\nText.",
                Some("2024-03-03"),
            ),
            (
                "Am 11. Dezember 2025 sprach er lange mit den Vertretern der Länder über den Plan der Regierung.",
                None,
            ),
            ("Kein Datum hier.", None),
            (
                "In Koblenz wurde am heutigen Sonntag, den 05.06.2005, eine lange Ausstellung über viele Dinge eröffnet.",
                Some("2005-06-05"),
            ),
            (
                &format!(
                    "Titel\n\n{0}\n\n{0}\n\nVerwandter Artikel (26.12.2005)",
                    "Text. ".repeat(40)
                ),
                None,
            ),
            ("Titel\n\n31.02.2025 ist kein Tag? 40.13.2025", None),
        ];
        for (text, want) in cases {
            assert_eq!(doc(text).published.as_deref(), want, "{text}");
        }
    }

    #[test]
    fn binary_and_encoding_errors() {
        match parse("b", "b.bin", b"PK\x03\x04\x00\x00data") {
            Err(TextError::Binary {
                offset: 4, byte: 0, ..
            }) => {}
            other => panic!("{other:?}"),
        }
        let ctl: Vec<u8> = (0..200)
            .map(|i| if i % 4 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(matches!(
            parse("c", "c", &ctl),
            Err(TextError::Binary { byte: 1, .. })
        ));
        let e = parse("u", "dir/u.txt", b"Gr\xc3\xbc\xdfe").unwrap_err();
        assert!(matches!(e, TextError::NotUtf8 { offset: 4, .. }));
        assert!(e.to_string().contains("dir/u.txt") && e.to_string().contains("byte offset 4"));
        assert!(matches!(
            parse("e", "e", b" \n\t\n"),
            Err(TextError::Empty { .. })
        ));
        assert!(matches!(parse("e", "e", b""), Err(TextError::Empty { .. })));
        // Tabs, form feeds and CRLF are text.
        assert!(parse("t", "t", b"a\tb\r\nc\x0cd").is_ok());
        // Long enough for the vector code: a NUL byte at each place, binary also where it is
        // not UTF-8; control bytes at the share that is still text and above it.
        let text = "Der Text.\n".repeat(30).into_bytes();
        for at in 0..text.len() {
            for tail in [&b""[..], b"\xff"] {
                let mut bytes = text.clone();
                bytes[at] = 0;
                bytes.extend_from_slice(tail);
                match parse("n", "n", &bytes) {
                    Err(TextError::Binary {
                        offset, byte: 0, ..
                    }) => assert_eq!(offset, at),
                    other => panic!("{at}: {other:?}"),
                }
            }
        }
        for (every, binary) in [(21, false), (19, true)] {
            let ctl: Vec<u8> = (0..3000)
                .map(|i| if i % every == 7 { 0x01 } else { b'a' })
                .collect();
            let refused = matches!(
                parse("c", "c", &ctl),
                Err(TextError::Binary {
                    offset: 7,
                    byte: 1,
                    ..
                })
            );
            assert_eq!(refused, binary, "{every}");
        }
    }

    #[test]
    fn tokens_keep_words_and_numbers_whole() {
        let d = doc("NATO-Chef sagte: „1,1 Millionen“ – der 58-Jährige (u. a.) 25.000-mal.");
        let t: Vec<&str> = d.tokens.iter().map(|t| d.slice(&t.span)).collect();
        assert_eq!(
            t,
            vec![
                "NATO-Chef",
                "sagte",
                ":",
                "„",
                "1,1",
                "Millionen",
                "“",
                "–",
                "der",
                "58-Jährige",
                "(",
                "u",
                ".",
                "a",
                ".",
                ")",
                "25.000-mal",
                "."
            ]
        );
    }

    #[test]
    fn spans_are_exact_bytes() {
        let text = "\u{feff}Überschrift\n\nÄrger in Köln. „Ja“, sagte sie.";
        let d = doc(text);
        for s in &d.sentences {
            assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        }
        assert_eq!(d.slice(&d.sentences[1].span), "Ärger in Köln.");
        assert_eq!(d.sha256.len(), 64);
    }

    #[test]
    fn outline_reads_like_the_text() {
        let d = doc(
            "1. Zum Inhalt springen\n2. Zur Suche springen\n\nBürgermeisterin warnt vor Hochwasser\n\n\
             3. März 2024\n\nDie Pegel steigen, z. B. am Rhein bei St. Goar. „Wir sind vorbereitet. \
             Die Deiche halten“, sagte Bürgermeisterin A. B. Beispiel am 2. März. Der 45. Einsatz \
             des Jahres beginnt.\n\nDie Helfer am Ufer (Archivbild)Foto: Max Muster\n\n12:34",
        );
        insta::assert_snapshot!(d.outline());
    }

    #[test]
    fn ascii_alnum_runs_are_counted_as_byte_by_byte() {
        // Every byte value at every position of a word longer than two blocks of sixteen.
        for b in 0..=255u8 {
            for pos in 0..36 {
                let mut bytes = b"aZ09bY18cX27aZ09bY18cX27aZ09bY18cX27".to_vec();
                bytes[pos] = b;
                let expected = bytes
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                assert_eq!(
                    super::ascii_alnum_end(&bytes, 0),
                    expected,
                    "{b:#x} at {pos}"
                );
                let from_one = 1 + bytes[1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                assert_eq!(
                    super::ascii_alnum_end(&bytes, 1),
                    from_one,
                    "{b:#x} at {pos}"
                );
            }
        }
    }

    #[test]
    #[cfg(target_arch = "x86_64")]
    fn window_masks_agree_with_byte_by_byte() {
        // Every byte value at every position, among letters, digits and other bytes.
        let base: Vec<u8> = (0..64u8)
            .map(|k| b"aZ09 .\xc3\x84-"[usize::from(k % 9)])
            .collect();
        for b in 0..=255u8 {
            for pos in 0..64 {
                let mut block: [u8; 64] = base.clone().try_into().unwrap();
                block[pos] = b;
                let expected = block
                    .iter()
                    .enumerate()
                    .fold((0u64, 0u64), |(m, s), (k, c)| {
                        (
                            m | (u64::from(c.is_ascii_alphanumeric()) << k),
                            s | (u64::from(*c == b' ') << k),
                        )
                    });
                assert_eq!(super::block_masks_sse2(&block), expected, "{b:#x} at {pos}");
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: the processor has AVX2.
                    let avx2 = unsafe { super::block_masks_avx2(&block) };
                    assert_eq!(avx2, expected, "{b:#x} at {pos}");
                }
            }
        }
    }

    #[test]
    fn window_runs_are_counted_as_byte_by_byte() {
        // Every byte value at every position of a text longer than a window, read from windows
        // at several places and from the moved window.
        for b in 0..=255u8 {
            for pos in 0..73 {
                let mut bytes =
                    b"aZ09bY18cX27aZ09bY18cX27aZ09bY18cX27aZ09bY18cX27aZ09bY18cX27 aZ09bY18cX27"
                        .to_vec();
                bytes[pos] = b;
                for base in [0, 17, 63] {
                    for from in base..bytes.len() {
                        let expected = from
                            + bytes[from..]
                                .iter()
                                .take_while(|c| c.is_ascii_alphanumeric())
                                .count();
                        let window = super::AlnumWindow::at(&bytes, base);
                        let gaps = (0..63).fold(0u64, |g, k| {
                            let gap = bytes.get(base + k) == Some(&b' ')
                                && bytes
                                    .get(base + k + 1)
                                    .is_some_and(u8::is_ascii_alphanumeric);
                            g | (u64::from(gap) << k)
                        });
                        assert_eq!(window.gaps, gaps, "{b:#x} at {pos}, window {base}");
                        if let Some(end) = window.run_end(from) {
                            assert_eq!(end, expected, "{b:#x} at {pos}, window {base}");
                        }
                        let mut window = window;
                        assert_eq!(
                            super::window_run_end(&mut window, &bytes, from),
                            expected,
                            "{b:#x} at {pos}, window {base}, from {from}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn fast_alphanumeric_test_agrees_with_the_library() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn furniture_lines_are_lower_cased_with_their_spaces_collapsed() {
        // Non-breaking and doubled spaces, upper case and non-ASCII letters in one line.
        assert!(is_furniture("0\u{a0}Kommentare"));
        assert!(is_furniture("ARTIKEL   ANHÖREN"));
        assert!(is_furniture("Zum  Inhalt\tspringen"));
        assert!(!is_furniture("Die Stadt will Kommentare prüfen."));
    }
}

#[cfg(test)]
mod token_shapes {
    use super::*;

    /// Every character up to U+00FF, alone and between capitals, lower-cases in the document's
    /// lower-case text as the library lower-cases it, at the same bytes.
    #[test]
    fn lower_latin_is_the_librarys_lower_case_for_latin_text() {
        for c in (0u32..0x100).filter_map(char::from_u32) {
            let w = format!("A{c}Ö{c}");
            assert_eq!(lower_latin(&w), w.to_lowercase(), "{c:?}");
        }
        // Other characters keep their bytes: their tokens have no `LATIN` bit.
        assert_eq!(lower_latin("ΩMEGA İ"), "Ωmega İ");
        // Long enough for the vector code, at each offset of its blocks.
        let all: String = (0u32..0x100)
            .filter_map(char::from_u32)
            .flat_map(|c| ['A', c, 'Ö', c, '„'])
            .collect();
        for skip in 0..40 {
            let w = format!("{}{all}", "X".repeat(skip));
            assert_eq!(lower_latin(&w), w.to_lowercase(), "{skip}");
        }
    }

    /// The tokenizer's shape bits, token by token, for words, numbers, punctuation, compounds
    /// and letters beyond ASCII.
    #[test]
    fn tokens_carry_their_shape() {
        let d = parse(
            "t",
            "t",
            "Ärzte, ärgern 58-Jährige: „Élysée“ ist \u{ad}x OK.".as_bytes(),
        )
        .unwrap();
        let got: Vec<String> = d
            .tokens
            .iter()
            .map(|t| {
                let mut f = String::new();
                for (bit, c) in [(shape::WORD, 'w'), (shape::CAP, 'C'), (shape::LOWER, 'l')] {
                    if t.shape & bit != 0 {
                        f.push(c);
                    }
                }
                format!("{}:{f}", d.slice(&t.span))
            })
            .collect();
        assert_eq!(
            got,
            [
                "Ärzte:wC",
                ",:",
                "ärgern:wl",
                "58-Jährige:w",
                "::",
                "„:",
                "Élysée:wC",
                "“:",
                "ist:wl",
                "\u{ad}x:w",
                "OK:wC",
                ".:"
            ]
        );
        assert!(d.tokens[0].is_word() && d.tokens[0].is_cap() && !d.tokens[0].is_lower());
    }
}

#[cfg(test)]
mod properties {
    use super::*;

    /// The sentence splitter as it was before it took its marks from the tokenizer: it visits every
    /// byte that can start a terminal or quotation mark, found by `memchr`, and shows that the
    /// marks alone split the same.
    mod reference {
        use super::super::{
            Quotes, char_at, is_closer, is_opening_quote, is_terminal, period_ends_sentence,
            push_sentence,
        };
        use super::super::{Sentence, Span};

        /// The bytes that can start a character the splitter cares about: terminal marks and quotation
        /// marks are ASCII or begin with 0xE2 (`…`, `„`, `“`, `”`) or 0xC2 (`»`, `«`). Everything else is
        /// skipped without decoding, in two SIMD searches of three bytes each (`Interesting`).
        const TERMINAL_BYTES: [u8; 3] = [b'.', b'!', b'?'];
        const QUOTE_BYTES: [u8; 3] = [b'"', 0xE2, 0xC2];

        /// The positions of the bytes in `TERMINAL_BYTES` and `QUOTE_BYTES`, in order. Each search
        /// keeps its last answer until the walk has passed it, so every byte is searched once.
        struct Interesting<'a> {
            bytes: &'a [u8],
            terminal: usize,
            quote: usize,
        }

        impl<'a> Interesting<'a> {
            fn new(bytes: &'a [u8]) -> Self {
                let [a, b, c] = TERMINAL_BYTES;
                let [x, y, z] = QUOTE_BYTES;
                Interesting {
                    bytes,
                    terminal: memchr::memchr3(a, b, c, bytes).unwrap_or(bytes.len()),
                    quote: memchr::memchr3(x, y, z, bytes).unwrap_or(bytes.len()),
                }
            }

            /// The first interesting byte at or after `from` (the length if there is none). `from`
            /// must not go back.
            fn next(&mut self, from: usize) -> usize {
                let len = self.bytes.len();
                if self.terminal < from {
                    let [a, b, c] = TERMINAL_BYTES;
                    self.terminal =
                        memchr::memchr3(a, b, c, &self.bytes[from..]).map_or(len, |p| from + p);
                }
                if self.quote < from {
                    let [x, y, z] = QUOTE_BYTES;
                    self.quote =
                        memchr::memchr3(x, y, z, &self.bytes[from..]).map_or(len, |p| from + p);
                }
                self.terminal.min(self.quote)
            }
        }

        /// Whether a paragraph's quotation marks pair up. Where they do not (a quote running over
        /// several paragraphs, a typo), quotes are ignored for splitting so that one stray mark cannot
        /// glue the rest of the paragraph into one sentence.
        fn quotes_balanced(body: &str) -> bool {
            let mut q = Quotes::default();
            let [x, y, z] = QUOTE_BYTES;
            for i in memchr::memchr3_iter(x, y, z, body.as_bytes()) {
                if let Some(c) = char_at(body, i) {
                    q.feed(c);
                }
            }
            !q.broken && q.depth() == 0
        }

        pub(super) fn split_sentences(text: &str, para: Span, pi: usize, out: &mut Vec<Sentence>) {
            let body = &text[para.clone()];
            let bytes = body.as_bytes();
            let base = para.start;
            let track_quotes = quotes_balanced(body);
            let mut quotes = Quotes::default();
            let mut start = 0; // byte offset in body of the current sentence
            let mut interesting = Interesting::new(bytes);
            let mut i = 0;
            loop {
                i = interesting.next(i);
                let Some(c) = char_at(body, i) else { break };
                if track_quotes {
                    quotes.feed(c);
                }
                let pos = i;
                i += c.len_utf8();
                if !is_terminal(c) {
                    continue;
                }
                // Take the whole run of terminal marks and closing quotes/brackets: `?!`, `…“`, `.)`.
                let mut single_period = c == '.';
                while let Some(cj) = char_at(body, i) {
                    if is_terminal(cj) {
                        single_period = false;
                    } else if !is_closer(cj) {
                        break;
                    }
                    if track_quotes {
                        quotes.feed(cj);
                    }
                    i += cj.len_utf8();
                }
                let end = i;
                // A sentence ends only before whitespace followed by something that can start one.
                if !char_at(body, end).is_some_and(char::is_whitespace) {
                    continue;
                }
                let after = body[end..].trim_start();
                let Some(next) = after.chars().next() else {
                    continue;
                };
                let k = body.len() - after.len();
                if !(next.is_uppercase() || next.is_ascii_digit() || is_opening_quote(next)) {
                    continue;
                }
                if track_quotes && quotes.depth() > 0 {
                    continue;
                }
                if single_period && !period_ends_sentence(body, pos, after) {
                    continue;
                }
                push_sentence(text, base + start..base + end, pi, out);
                start = k;
            }
            push_sentence(text, base + start..para.end, pi, out);
        }
    }

    use proptest::prelude::*;

    /// Text made of the characters the splitter reacts to, so that odd combinations come up.
    fn newsy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("Der"),
                Just("z."),
                Just("B."),
                Just("Dr."),
                Just("11."),
                Just("Dezember"),
                Just("2025."),
                Just("„"),
                Just("“"),
                Just("\""),
                Just("»"),
                Just("«"),
                Just("…"),
                Just("?"),
                Just("!"),
                Just("."),
                Just(" "),
                Just("\n"),
                Just("\n\n"),
                Just("\r\n"),
                Just("sagte"),
                Just("J."),
                Just("ü"),
                Just("-"),
                Just("1,1"),
                Just("12:34"),
                Just("Bild:"),
                Just("date 2025-12-23"),
                Just("\u{ad}"),
                Just("\t"),
                Just("Élysée"),
                Just("ärger"),
                Just("Ωmega"),
                Just("İstanbul"),
                Just("ß"),
                Just("’"),
                Just("×"),
                Just("'"),
                Just(","),
                Just("‐"),
                Just("("),
                Just("\u{a0}"),
                Just("7"),
            ],
            0..60,
        )
        .prop_map(|parts| parts.concat())
    }

    /// The tokenizer's rules character by character, with the previous character carried along:
    /// what `tokens` did before its ASCII punctuation and the character before a joiner were
    /// taken without decoding, kept to show that the fast paths change nothing.
    fn reference_tokens(text: &str) -> Vec<Token> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(text.len() / 5);
        let mut cur: Option<usize> = None;
        // The shape of the word in `cur`: its first character's case, set where it starts, and
        // `WORD` once it holds a letter or digit (a word may start with a soft hyphen). The loop
        // has each character in hand anyway, so the bits cost no second look at the word.
        let mut word_shape = 0;
        let mut prev: Option<char> = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // A run of ASCII letters and digits, the bulk of any text, continues or starts a word
            // whatever stands around it: skip it in one tight loop.
            if ASCII_ALNUM[usize::from(b)] {
                if cur.is_none() {
                    cur = Some(i);
                    word_shape = shape::case_of(char::from(b)) | shape::LATIN;
                }
                word_shape |= shape::WORD;
                i += bytes[i..]
                    .iter()
                    .take_while(|&&b| ASCII_ALNUM[usize::from(b)])
                    .count();
                // Most words end at a space, which ends the word here without another turn of the
                // loop.
                if bytes.get(i) == Some(&b' ') {
                    if let Some(s) = cur.take() {
                        out.push(Token {
                            span: s..i,
                            shape: word_shape,
                        });
                    }
                    prev = Some(' ');
                    i += 1;
                } else {
                    prev = Some(char::from(bytes[i - 1]));
                }
                continue;
            }
            // A space or line break, the next most common bytes, only ends the word before it.
            if b == b' ' || b == b'\n' {
                if let Some(s) = cur.take() {
                    out.push(Token {
                        span: s..i,
                        shape: word_shape,
                    });
                }
                prev = Some(char::from(b));
                i += 1;
                continue;
            }
            let c = if b < 0x80 {
                b as char
            } else {
                char_at(text, i).expect("index is a character boundary")
            };
            let len = c.len_utf8();
            let wordish = if b < 0x80 {
                b.is_ascii_alphanumeric()
            } else {
                is_alnum(c) || c == '\u{ad}'
            };
            let joiner = !wordish
                && cur.is_some()
                && match c {
                    '-' | '‐' | '\'' | '’' => {
                        prev.is_some_and(is_alnum) && char_at(text, i + len).is_some_and(is_alnum)
                    }
                    '.' | ',' => {
                        prev.is_some_and(|p| p.is_ascii_digit())
                            && char_at(text, i + len).is_some_and(|n| n.is_ascii_digit())
                    }
                    _ => false,
                };
            if wordish || joiner {
                if cur.is_none() {
                    cur = Some(i);
                    word_shape = shape::case_of(c) | shape::LATIN;
                }
                if wordish && c != '\u{ad}' {
                    word_shape |= shape::WORD;
                }
                if u32::from(c) >= 0x100 {
                    word_shape &= !shape::LATIN;
                }
            } else {
                if let Some(s) = cur.take() {
                    out.push(Token {
                        span: s..i,
                        shape: word_shape,
                    });
                }
                if !c.is_whitespace() {
                    let word = if is_alnum(c) { shape::WORD } else { 0 };
                    out.push(Token {
                        span: i..i + len,
                        shape: word | shape::case_of(c) | latin_bit(c),
                    });
                }
            }
            prev = Some(c);
            i += len;
        }
        if let Some(s) = cur {
            out.push(Token {
                span: s..text.len(),
                shape: word_shape,
            });
        }
        out
    }

    /// Whether the processor has AVX2, which `caption_starts` asks.
    #[cfg(target_arch = "x86_64")]
    fn has_avx2() -> bool {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    fn has_avx2() -> bool {
        false
    }

    /// Text made of the bytes that `caption_starts` looks for and what stands near them, often
    /// longer than its thirty-two bytes at a time.
    fn caption_texts() -> impl Strategy<Value = String> {
        let parts = vec![
            "A", "Ar", "Archiv", "r", ":", "©", "é", "Bild", "Foto: ", " ", "x", "\t", "„",
        ];
        proptest::collection::vec(proptest::sample::select(parts), 0..80).prop_map(|p| p.concat())
    }

    /// Strings that `is_plain` holds for, built from the parts of dates and what stands near
    /// them.
    fn plain_texts() -> impl Strategy<Value = String> {
        let parts = vec![
            "1",
            "12",
            "123",
            "2025",
            "1999",
            "0",
            ".",
            ". ",
            "-",
            " ",
            "  ",
            "\t",
            "\n",
            "März",
            "Juni",
            "Oktober",
            "Dezember",
            "Septemberx",
            "Mai",
            "ä",
            "Ä",
            "a",
            "_",
            "x",
            "05",
            "2025-03-01",
            "1.2.",
            "31.12.",
            ":",
        ];
        proptest::collection::vec(proptest::sample::select(parts), 0..14).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn plain_dates_are_read_as_the_pattern_reads_them(text in plain_texts()) {
            prop_assert!(is_plain(text.as_bytes()));
            let by_pattern: Vec<_> = DATE_ANY
                .captures_iter(&text)
                .map(|c| DateMatch::of(&c).unwrap())
                .collect();
            let by_hand: Vec<_> = plain_dates(&text).collect();
            prop_assert_eq!(by_hand, by_pattern);
        }

        #[test]
        fn spans_are_ordered_boundaries_inside_their_paragraphs(text in newsy()) {
            let Ok(d) = parse("p", "p", text.as_bytes()) else {
                prop_assert!(text.trim().is_empty());
                return Ok(());
            };
            let mut last = 0;
            for p in &d.paragraphs {
                prop_assert!(p.span.start >= last && p.span.start < p.span.end);
                prop_assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
                last = p.span.end;
            }
            let mut last = 0;
            for s in &d.sentences {
                let p = &d.paragraphs[s.paragraph].span;
                prop_assert!(s.span.start >= last && s.span.start < s.span.end);
                prop_assert!(p.start <= s.span.start && s.span.end <= p.end);
                prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
                last = s.span.end;
            }
            let mut last = 0;
            for t in &d.tokens {
                prop_assert!(t.span.start >= last && t.span.start < t.span.end);
                prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                prop_assert!(!d.slice(&t.span).chars().any(char::is_whitespace));
                // The shape the tokenizer set is the one the token's characters give.
                prop_assert_eq!(t.shape, shape::of(d.slice(&t.span)));
                // The lower-case column holds the library's lower-case form of every Latin
                // token, and only Latin tokens read it.
                let w = d.slice(&t.span);
                prop_assert_eq!(t.shape & shape::LATIN != 0, w.chars().all(|c| u32::from(c) < 0x100));
                if let Some(l) = d.lower_of(t) {
                    prop_assert_eq!(l, w.to_lowercase());
                }
                last = t.span.end;
            }
        }

        #[test]
        fn caption_starts_visits_the_searched_bytes(text in caption_texts()) {
            // Every byte that the search for `:`, 0xA9 and `A` visits, but the `A`s before no
            // `r`, which cannot start `Archiv`, each once and in order.
            let b = text.as_bytes();
            let visited = std::cell::RefCell::new(Vec::new());
            let found = caption_starts(b, |i| {
                visited.borrow_mut().push(i);
                false
            });
            prop_assert!(!found);
            let vector = b.len() >= 33 && has_avx2();
            let expected: Vec<usize> = memchr::memchr3_iter(b':', 0xA9, b'A', b)
                .filter(|&i| !vector || b[i] != b'A' || b.get(i + 1) == Some(&b'r'))
                .collect();
            prop_assert_eq!(visited.into_inner(), expected);
        }

        #[test]
        fn tokens_follow_the_character_by_character_rules(text in newsy(), other in any::<String>()) {
            prop_assert_eq!(tokens(&text).0, reference_tokens(&text));
            prop_assert_eq!(tokens(&other).0, reference_tokens(&other));
        }

        #[test]
        fn sentences_are_split_as_byte_by_byte(text in newsy()) {
            let Ok(d) = parse("p", "p", text.as_bytes()) else {
                return Ok(());
            };
            let mut expected = Vec::new();
            for (pi, p) in d.paragraphs.iter().enumerate() {
                reference::split_sentences(&text, p.span.clone(), pi, &mut expected);
            }
            prop_assert_eq!(d.sentences, expected);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse("b", "b", &bytes);
        }
    }
}
