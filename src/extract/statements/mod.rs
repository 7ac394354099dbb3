//! Quotes, reported speech and interview answers (issue #4).
//!
//! `find` walks the document unit by unit (a sentence that never splits inside a quotation) and
//! recognises, in this order of preference:
//! - an attributing cue in the unit: a verb of saying (`sagte`, `teilte … mit`, `räumte ein`), a
//!   source phrase (`laut X`, `X zufolge`, `nach Angaben von X`, `aus Sicht des X`), a trailing
//!   `so X`, `heißt es`, `demnach`. The cue's position decides which side is the content
//!   (`X sagte, …` / `…, sagte X` / `…, wie X sagte`) and where the speaker phrase stands;
//! - `X: …` headlines and `X: „…“` quotes whose prefix names an entity;
//! - a cue-less sentence in Konjunktiv I right after a report, continuing the same speaker.
//!
//! Quotations become `direct` statements when they are speech rather than names or titles; a
//! quotation with no attribution of its own continues the speaker of the report just before it.
//! Interviews (question and answer paragraphs) give one `interview` statement per answer
//! paragraph. Speakers are given as text spans (or pronouns, or "same as statement i"); turning
//! them into entities is `resolve::attribution`'s job.

mod frames;
mod lexicon;

/// Nouns for sources that name no one (`Gerüchte`, `Beobachter`): reported speech after them
/// has no speaker.
const ANONYMOUS_SOURCES: &[&str] = &[
    "Gerücht",
    "Gerüchte",
    "Gerüchten",
    "Spekulationen",
    "Beobachter",
    "Beobachtern",
];

/// Whether a word form is Konjunktiv I or II (`gebe`, `könnte`), by the same lists that find
/// reported speech; attribution asks it whether a sentence goes on reporting.
pub fn konjunktiv(word: &str) -> bool {
    let lex = lexicon::Lexicon::get();
    lex.konj1(word) || lex.konj2(word)
}
mod quotes;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::OnceLock;

use super::{EntityKind, Mention, SpeakerRef, Statement, StatementKind};
use crate::lexicon::FastSet;
use crate::text::{Document, Span, shape};
use lexicon::{Form, Lexicon, VerbCue};
use quotes::Quote;

/// Finds every statement of a document, in text order of their attribution.
pub fn find(doc: &Document, mentions: &[Mention]) -> Vec<Statement> {
    let interview = Interview::detect(doc, mentions);
    let mut f = Finder {
        doc,
        text: &doc.text,
        // The recogniser gives the mentions sorted by start already, and then they are
        // borrowed as they are; others are copied and sorted, stably as before.
        mentions: if mentions.is_sorted_by_key(|m| m.span.start) {
            Cow::Borrowed(mentions)
        } else {
            let mut v = mentions.to_vec();
            v.sort_by_key(|m| m.span.start);
            Cow::Owned(v)
        },
        lex: Lexicon::get(),
        out: Vec::new(),
        unit_no: 0,
        last: None,
        prev_unit: None,
        para_units: Vec::new(),
        framing: None,
        reported: None,
        openers: Vec::new(),
        // Room for the tokens of most units at once, rather than growing by doubling from
        // four in every document.
        toks: Vec::with_capacity(64),
        units: Vec::new(),
        quotes: Vec::new(),
        next_tok: 0,
        marks: 0,
        quote_toks: Vec::new(),
    };
    // The label of the last answer that opened with one, since the last question.
    let mut labelled: Option<Span> = None;
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        if p.furniture {
            continue;
        }
        if let Some(iv) = &interview {
            match iv.roles[pi] {
                Role::Question => {
                    // Questions are not statements, and what follows them is the answer; but
                    // the interviewee's own words that a question quotes are theirs.
                    f.quoted_in_question(p.span.clone(), iv.speaker.clone(), iv.addressee.clone());
                    labelled = None;
                    f.last = None;
                    f.prev_unit = None;
                    continue;
                }
                Role::Answer => {
                    // An answer labelled with its speaker (`Kelly: …`) is that speaker's, and
                    // so are the unlabelled paragraphs that go on with it before the next
                    // question; other answers are the interviewee's.
                    // The label itself is repeated rather than the answer referred to, since a
                    // continued report's own sentence may name another subject.
                    let (span, speaker) = match answer_label(doc, mentions, &p.span) {
                        Some((label, rest)) => {
                            labelled = Some(label.clone());
                            (rest, SpeakerRef::Spans(vec![label]))
                        }
                        None => match &labelled {
                            Some(l) => (p.span.clone(), SpeakerRef::Spans(vec![l.clone()])),
                            None => (
                                p.span.clone(),
                                iv.speaker
                                    .clone()
                                    .map_or(SpeakerRef::None, |s| SpeakerRef::Spans(vec![s])),
                            ),
                        },
                    };
                    f.out.push(Statement {
                        span,
                        kind: StatementKind::Interview,
                        cue: None,
                        speaker,
                        addressee: iv.addressee.clone(),
                        topics: Vec::new(),
                    });
                    f.unit_no += 1;
                    f.last = Some((f.out.len() - 1, f.unit_no));
                }
                Role::Text => {}
            }
        }
        f.para_units.clear();
        // The paragraph's lines, as `split('\n')` gives them, found by the vectorised `memchr`
        // rather than the standard library's word-at-a-time search behind `split`.
        let mut line_start = p.span.start;
        let para = &doc.text.as_bytes()[p.span.clone()];
        for end in memchr::memchr_iter(b'\n', para).chain([para.len()]) {
            let span = line_start..p.span.start + end;
            line_start = span.end + 1;
            f.line(span);
        }
    }
    // In an interview, a quotation nobody else is credited with (the quoted headline) is the
    // interviewee's, said to the interviewer.
    if let Some(iv) = &interview
        && let Some(sp) = &iv.speaker
    {
        for st in &mut f.out {
            if st.kind == StatementKind::Direct && st.speaker == SpeakerRef::None {
                st.speaker = SpeakerRef::Spans(vec![sp.clone()]);
                st.addressee = st.addressee.clone().or_else(|| iv.addressee.clone());
            }
        }
    }
    let mut out = in_text_order(f.out, &f.openers);
    for st in &mut out {
        cut_trailing_frame(&doc.text, st);
        drop_reflexive(&doc.text, st);
    }
    frame_after(&doc.text, &mut out);
    drop_duplicates(out)
}

/// Users read the statements in text order, but a sentence that opens a report is only found
/// with the report (`konj2_before`) and so is listed after it: each such opener moves to just
/// before the report it opens, and continued reports are pointed at their statement's new
/// place. An opener copies the report's speaker, which points only at statements before the
/// report, so every `SameAs` still points back.
fn in_text_order(out: Vec<Statement>, openers: &[(usize, usize)]) -> Vec<Statement> {
    if openers.is_empty() {
        return out;
    }
    let mut order: Vec<usize> = Vec::with_capacity(out.len());
    for i in 0..out.len() {
        if openers.iter().any(|&(o, _)| o == i) {
            continue;
        }
        order.extend(openers.iter().filter(|&&(_, r)| r == i).map(|&(o, _)| o));
        order.push(i);
    }
    let mut new_index = vec![0; out.len()];
    for (k, &i) in order.iter().enumerate() {
        new_index[i] = k;
    }
    let mut slots: Vec<Option<Statement>> = out.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|&i| slots[i].take())
        .map(|mut st| {
            if let SpeakerRef::SameAs(k) = st.speaker {
                st.speaker = SpeakerRef::SameAs(new_index[k]);
            }
            st
        })
        .collect()
}

/// A paragraph may open with reported speech and name its source only later (`Der Kai sei
/// beschädigt. Ein Kran habe nachgegeben, teilte die Hafenbehörde mit.`): a Konjunktiv report
/// with no speaker phrase and no report before it, followed in its paragraph by one with its
/// own speaker, has that speaker, not whoever the text named last.
fn frame_after(text: &str, out: &mut [Statement]) {
    // Only a report with an implicit speaker takes one from after it: without one, as in most
    // documents, the statements need not be put in order for the search.
    if !out
        .iter()
        .any(|st| matches!(st.speaker, SpeakerRef::Implicit(_)))
    {
        return;
    }
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| out[i].span.start);
    for (k, &i) in order.iter().enumerate() {
        if !matches!(out[i].speaker, SpeakerRef::Implicit(_)) {
            continue;
        }
        let next = order[k + 1..].iter().copied().find(|&j| {
            matches!(
                out[j].speaker,
                SpeakerRef::Spans(_) | SpeakerRef::Pronoun(_)
            ) && out[j].cue.is_some()
                && out[j].span.start >= out[i].span.end
        });
        if let Some(j) = next
            && !text[out[i].span.end..out[j].span.start].contains("\n\n")
        {
            out[i].speaker = out[j].speaker.clone();
        }
    }
}

/// A reflexive is no speaker: in `Wie sich aus der Auswertung ergab, …` the source is the
/// phrase after `sich` and its preposition (`der Auswertung`), and a speaker phrase that is only
/// `sich` names nobody.
fn drop_reflexive(text: &str, st: &mut Statement) {
    let SpeakerRef::Spans(speakers) = &mut st.speaker else {
        return;
    };
    for sp in speakers.iter_mut() {
        let Some(rest) = text[sp.clone()].strip_prefix("sich") else {
            continue;
        };
        if rest.starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        let rest = rest.trim_start();
        let rest = ["aus ", "durch ", "von ", "nach ", "in "]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
            .unwrap_or(rest)
            .trim_start();
        sp.start = sp.end - rest.len();
    }
    speakers.retain(|sp| !sp.is_empty());
    if speakers.is_empty() {
        st.speaker = SpeakerRef::None;
    }
}

/// A report's content ends where its own attribution begins: in `die Kasse sei leer, so
/// Novak, der Kassenwart` the words from `, so Novak` on are the frame, not what was said. The
/// frame is a comma or dash, then `so` or a cue verb and at most two more words, then the
/// statement's own speaker inside the content. A frame followed by a Konjunktiv verb is a
/// parenthesis (`Dennoch, so Novak, sei …`) and the report goes on through it.
fn cut_trailing_frame(text: &str, st: &mut Statement) {
    let SpeakerRef::Spans(speakers) = &st.speaker else {
        return;
    };
    let Some(sp) = speakers.first() else { return };
    if sp.start <= st.span.start || sp.end > st.span.end {
        return;
    }
    let before = &text[st.span.start..sp.start];
    let Some(cut) = before.rfind([',', '–']) else {
        return;
    };
    let frame: Vec<&str> = before[cut..]
        .trim_start_matches([',', '–'])
        .split_whitespace()
        .collect();
    let lex = Lexicon::get();
    // The frame is the statement's own cue (`so`, or the verb when it has no other cue); `so
    // auch` is a comparison, not a frame. A short head before it (`Der Präsident sei, so Novak,
    // schuld`) is a sentence the parenthesis interrupts, so only six words or more end there.
    let own_cue = |w: &str| st.cue.as_deref().is_none_or(|c| c == w);
    let cue = frame.first().is_some_and(|w| {
        (*w == "so" || !lex.verb(w).is_empty()) && own_cue(w) && !frame.contains(&"auch")
    });
    if !cue || frame.len() > 3 || before[..cut].split_whitespace().count() < 6 {
        return;
    }
    let next = text[sp.end..st.span.end]
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .find(|w| !w.is_empty() && *w != "weiter");
    // What may follow a frame that ends the report: nothing, an apposition or relative clause
    // on the speaker, or where it was said (`im Fernsehen`); a lowercase word otherwise goes
    // on the reported sentence.
    const AFTER: &[&str] = &[
        "der",
        "die",
        "das",
        "dem",
        "den",
        "des",
        "deren",
        "dessen",
        "in",
        "im",
        "am",
        "auf",
        "gegenüber",
        "bei",
        "laut",
    ];
    let ends = next.is_none_or(|w| !konjunktiv(w) && (is_cap(w) || AFTER.contains(&w)));
    // A relative clause on the speaker may itself be followed by the rest of the report
    // (`…, so der Bericht, der gestern erschien, seien …`): then the frame is a parenthesis.
    let after_clause = text[sp.end..st.span.end]
        .trim_start_matches([',', ' '])
        .split_once(',')
        .and_then(|(_, rest)| rest.split_whitespace().next());
    if !ends || after_clause.is_some_and(konjunktiv) {
        return;
    }
    let end = st.span.start + before[..cut].trim_end().len();
    st.span.end = end;
}

/// One statement per span: two rules can both take the same words (a Konjunktiv sentence that
/// goes on a report, and the `laut X` inside it), and a reader must see it once. The one with
/// its own attribution (a cue, then a named speaker) is kept at the place of the first, and
/// continued reports that pointed at a dropped copy point at the kept one.
fn drop_duplicates(mut out: Vec<Statement>) -> Vec<Statement> {
    fn own(s: &Statement) -> u8 {
        let named = matches!(s.speaker, SpeakerRef::Spans(_) | SpeakerRef::Pronoun(_));
        u8::from(s.cue.is_some()) * 2 + u8::from(named)
    }
    // `first[i]` is the index of the earlier statement with the same span, if any: the first
    // of their run when the statements are ordered by span and then by index. The sort takes
    // the place of a test of every earlier statement, whose cost grew with the square of their
    // number.
    let mut first: Vec<Option<usize>> = vec![None; out.len()];
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_unstable_by_key(|&i| (out[i].span.start, out[i].span.end, i));
    for w in order.windows(2) {
        let (a, b) = (w[0], w[1]);
        if out[a].span == out[b].span {
            first[b] = Some(first[a].unwrap_or(a));
        }
    }
    if first.iter().all(Option::is_none) {
        return out;
    }
    for i in 0..out.len() {
        if let Some(j) = first[i]
            && own(&out[i]) > own(&out[j])
        {
            out.swap(i, j);
        }
    }
    // New index of every old one, a dropped copy taking its kept twin's.
    let mut new_index = vec![0; out.len()];
    let mut kept = 0;
    for i in 0..out.len() {
        match first[i] {
            Some(j) => new_index[i] = new_index[j],
            None => {
                new_index[i] = kept;
                kept += 1;
            }
        }
    }
    let mut result = Vec::with_capacity(kept);
    for (i, mut st) in out.into_iter().enumerate() {
        if first[i].is_some() {
            continue;
        }
        if let SpeakerRef::SameAs(k) = st.speaker {
            let k = new_index[k];
            // A report cannot continue itself: it keeps no speaker rather than a loop.
            st.speaker = if k == result.len() {
                SpeakerRef::None
            } else {
                SpeakerRef::SameAs(k)
            };
        }
        result.push(st);
    }
    result
}

/// Words before a colon that are a layout label, not a speaker (`Frage: …`, `Foto: …`).
const NOT_LABELS: &[&str] = &[
    "Frage",
    "F",
    "Antwort",
    "A",
    "Foto",
    "Bild",
    "Quelle",
    "Quellen",
    "Stand",
    "Hinweis",
    "Anmerkung",
    "Update",
    "Nachtrag",
    "Fazit",
    "Video",
    "Audio",
];

/// The speaker label that opens an interview answer (`Kelly: …`, `R. Kelly: …`, `''Pau'': …`,
/// with the wiki markup some articles keep): the label's name and the answer after it. A label
/// is one to four capitalised words or initials that name a person the document mentions, so
/// that a heading such as `Neue Pläne: …` is no speaker.
fn answer_label(doc: &Document, mentions: &[Mention], p: &Span) -> Option<(Span, Span)> {
    let text = &doc.text[p.clone()];
    let lead = text.len() - text.trim_start_matches([':', '\'', '*', '-', ' ']).len();
    let colon = text[lead..].find(':')? + lead;
    let raw = &text[lead..colon];
    let name = raw.trim_end_matches(['\'', '*', ' ']);
    let words: Vec<&str> = name.split(' ').collect();
    let shaped = !name.is_empty()
        && name.len() <= 60
        && words.len() <= 4
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || "-.".contains(c))
        })
        && !NOT_LABELS.contains(&name);
    if !shaped || !text[colon + 1..].starts_with(' ') {
        return None;
    }
    let start = p.start + lead;
    let label = start..start + name.len();
    let last = words.last()?.trim_end_matches('.');
    let named = mentions.iter().any(|m| {
        m.kind == EntityKind::Person
            && (m.span.start < label.end && label.start < m.span.end
                || m.name.rsplit(' ').next() == Some(last))
    });
    if !named {
        return None;
    }
    let rest = p.start + colon + 1;
    let rest = rest + (doc.text[rest..p.end].len() - doc.text[rest..p.end].trim_start().len());
    Some((label, rest..p.end))
}

/// A text form of statements for snapshot tests and debugging: one line per statement.
pub fn describe(doc: &Document, statements: &[Statement]) -> String {
    let mut s = String::new();
    for (i, st) in statements.iter().enumerate() {
        let speaker = match &st.speaker {
            SpeakerRef::Spans(v) => v
                .iter()
                .map(|sp| format!("{:?}", doc.slice(sp)))
                .collect::<Vec<_>>()
                .join(" + "),
            SpeakerRef::Pronoun(sp) => format!("pronoun {:?}", doc.slice(sp)),
            SpeakerRef::Implicit(_) => "implicit".to_string(),
            SpeakerRef::SameAs(j) => format!("same as #{j}"),
            SpeakerRef::None => "none".to_string(),
        };
        let _ = write!(
            s,
            "#{i} {} cue={:?} speaker={speaker}",
            st.kind.as_str(),
            st.cue.as_deref().unwrap_or("-"),
        );
        if let Some(a) = &st.addressee {
            let _ = write!(s, " to={:?}", doc.slice(a));
        }
        for t in &st.topics {
            let _ = write!(s, " topic={:?}", doc.slice(t));
        }
        let _ = writeln!(s, "\n    {:?}", doc.slice(&st.span));
    }
    s
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Text,
    Question,
    Answer,
}

/// A question-and-answer article: which paragraphs are questions and answers, who answers and to
/// whom.
struct Interview {
    roles: Vec<Role>,
    speaker: Option<Span>,
    addressee: Option<Span>,
}

impl Interview {
    /// Recognises an interview by at least three question paragraphs each followed by an answer
    /// paragraph. Labels (`Frage:`) mark questions too.
    fn detect(doc: &Document, mentions: &[Mention]) -> Option<Interview> {
        let text = &doc.text;
        // The paragraphs that are no furniture, from paragraph `from` on: walked in place, as
        // most documents are no interview and are read once, rather than listed in a vector.
        let paras =
            |from: usize| (from..doc.paragraphs.len()).filter(|&i| !doc.paragraphs[i].furniture);
        // A paragraph's text as `str::trim` gives it, by `quotes::lead_space` and `trail_space`,
        // which step over ASCII white space by byte: asked about every paragraph, once or twice.
        let trimmed = |i: usize| {
            let p = &text[doc.paragraphs[i].span.clone()];
            let p = &p[quotes::lead_space(p)..];
            &p[..p.len() - quotes::trail_space(p)]
        };
        let is_question = |i: usize| {
            let t = trimmed(i);
            t.ends_with('?') || t.starts_with("Frage:") || t.starts_with("F:")
        };
        let is_answer = |i: usize| {
            let t = trimmed(i);
            t.len() >= 20 && t.ends_with(['.', '!', '…', '“', '"', '»', '«']) && !credit_line(t)
        };
        let mut pairs = 0;
        // The paragraph of the first question that an answer follows.
        let mut first_q = None;
        let mut walk = paras(0).peekable();
        while let Some(i) = walk.next() {
            if is_question(i)
                && walk
                    .peek()
                    .is_some_and(|&j| !is_question(j) && is_answer(j))
            {
                pairs += 1;
                first_q.get_or_insert(i);
            }
        }
        if pairs < 3 {
            return None;
        }
        let first_q = first_q?;
        // Only a document that is an interview needs the roles of its paragraphs.
        let mut roles = vec![Role::Text; doc.paragraphs.len()];
        let mut in_answer = false;
        for i in paras(first_q) {
            if is_question(i) {
                roles[i] = Role::Question;
                in_answer = true;
            } else if in_answer && is_answer(i) {
                roles[i] = Role::Answer;
            } else {
                in_answer = false;
            }
        }
        // The interviewee: the person named next to `Interview` before the first question, else
        // the person the introduction names most often.
        let intro_end = doc.paragraphs[first_q].span.start;
        let intro = &text[..intro_end];
        let persons: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.kind == EntityKind::Person && m.span.end <= intro_end)
            .collect();
        let mut speaker = None;
        let mut addressee = None;
        if let Some(pos) = intro.find("Interview") {
            speaker = persons
                .iter()
                .rev()
                .find(|m| m.span.end <= pos && pos - m.span.end < 80)
                .or_else(|| persons.iter().find(|m| m.span.start > pos))
                .map(|m| m.span.clone());
            let after = pos + "Interview".len();
            let rest = &intro[after..];
            if let Some(mit) = rest.strip_prefix(" mit ") {
                let start = after + " mit ".len();
                let end = start + mit.find([',', '.', ':', '\n', '(']).unwrap_or(mit.len());
                addressee = Some(start..end);
            }
        }
        if speaker.is_none() {
            let mut best: Option<(&str, usize, Span)> = None;
            for m in &persons {
                let n = persons.iter().filter(|o| o.name == m.name).count();
                if best.as_ref().is_none_or(|b| n > b.1) {
                    best = Some((&m.name, n, m.span.clone()));
                }
            }
            speaker = best.map(|b| b.2);
        }
        Some(Interview {
            roles,
            speaker,
            addressee,
        })
    }
}

/// A word or punctuation token of a unit.
#[derive(Debug, Clone)]
struct Tok<'a> {
    span: Span,
    text: &'a str,
    /// Inside a quotation.
    quoted: bool,
    /// `is_word(text)`, asked about each token by several rules.
    word: bool,
    /// `Lexicon::class(text)`: which key filters the text passes, so that the rules that ask
    /// every token whether it is a cue, a verb or a Konjunktiv form hash only those that do.
    class: u8,
}

/// What an attributing cue says about its unit.
#[derive(Debug)]
struct Found {
    cue: String,
    content: Span,
    speaker: SpeakerRef,
    addressee: Option<Span>,
    topics: Vec<Span>,
}

struct Finder<'a> {
    doc: &'a Document,
    text: &'a str,
    /// The document's mentions, sorted by start (stably) for `mentions_in`'s binary search.
    mentions: Cow<'a, [Mention]>,
    lex: &'static Lexicon,
    out: Vec<Statement>,
    /// Counts units, to tell whether the last statement is close enough to be continued.
    unit_no: usize,
    /// The last statement with a speaker of its own and the unit it was found in.
    last: Option<(usize, usize)>,
    /// The unit read just before the current one, which a demonstrative (`Das bestätigte X`)
    /// refers back to.
    prev_unit: Option<Span>,
    /// The units read so far in the current paragraph, in order: a demonstrative that ends a
    /// paragraph of narration (`Ein Lkw kippte um. Zwei Menschen wurden verletzt. Das teilte
    /// die Polizei mit.`) reports all of them.
    para_units: Vec<Span>,
    /// A named subject of a verb of saying whose sentence reported nothing itself (`Die
    /// Ministerin X kritisierte die Pläne.`), with its unit: the Konjunktiv right after it is
    /// that subject's report.
    framing: Option<(Span, usize)>,
    /// The last reported-speech statement, whoever its speaker (nobody, too), with its unit:
    /// Konjunktiv II right after it goes on with the report (`Nach Angaben des Wetterdienstes
    /// ziehe ein Sturm auf. Am Abend könnten Böen auftreten.`).
    reported: Option<(usize, usize)>,
    /// Statements found after the report they open (`konj2_before`), each with that report's
    /// index: `find` moves them before it so that the list reads in text order.
    openers: Vec<(usize, usize)>,
    /// The current unit's tokens; kept between units so that its allocation is reused.
    toks: Vec<Tok<'a>>,
    /// The current line's units, kept between lines for the same reason.
    units: Vec<Span>,
    /// The current line's quotations, kept between lines for the same reason.
    quotes: Vec<Quote>,
    /// The index of the first document token after the last unit: units come in text order,
    /// so the next unit's first token is found by stepping on from here.
    next_tok: usize,
    /// The `mark` bits of the current unit's tokens, as `tokens_into` returned them.
    marks: u16,
    /// The tokens of the last quotation read as a text of its own (`nested_in_quote`), kept
    /// so that their allocation is reused.
    quote_toks: Vec<Tok<'a>>,
}

/// Bits above the `class` bits in what `tokens_into` returns, one for each punctuation mark
/// that some rule needs as a token of its own: a unit whose tokens are no such mark gives
/// that rule nothing, and it is not run. The tokens are those before `join_tokens`, which
/// joins no comma and makes no token a colon, so a unit without the bit holds none after it
/// either.
mod mark {
    /// A colon token (`:`).
    pub const COLON: u16 = 1 << 8;
    /// A comma token (`,`).
    pub const COMMA: u16 = 1 << 9;

    /// The mark bit of a token of one byte, by that byte: a table read rather than a
    /// comparison with each mark, in `tokens_into`'s loop over every token.
    pub static OF_BYTE: [u16; 256] = {
        let mut table = [0; 256];
        table[b':' as usize] = COLON;
        table[b',' as usize] = COMMA;
        table
    };
}

const ARTICLES: &[&str] = &[
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
    "sein", "seine", "seiner", "seines", "seinem", "seinen", "ihr", "ihre", "ihrer", "ihres",
    "ihrem", "ihren", "dessen", "deren", "zwei", "drei", "mehrere", "einige", "viele", "beide",
];

/// The first bytes of `ARTICLES`, one bit each: most words asked about (nouns, names,
/// punctuation) begin with another and need no comparison with the list.
const ARTICLE_INITIALS: [u64; 4] = {
    let mut bits = [0u64; 4];
    let mut k = 0;
    while k < ARTICLES.len() {
        let b = ARTICLES[k].as_bytes()[0];
        bits[(b >> 6) as usize] |= 1 << (b & 63);
        k += 1;
    }
    bits
};

/// Whether `w` is one of `ARTICLES`.
/// Past the test of its first byte, a word is compared only with the articles of its length,
/// each in place by a `matches!` pattern: the search of the list compared it with every
/// article's length and called `memcmp` for each of the same, and many lower-case words
/// begin as an article does. A word added to `ARTICLES` must be added here too (tested).
#[inline]
fn is_article(w: &str) -> bool {
    is_article_bytes(w.as_bytes())
}

/// `is_article` of a word's bytes, which `is_article_folded` asks of a lower-cased copy.
#[inline]
fn is_article_bytes(w: &[u8]) -> bool {
    w.first()
        .is_some_and(|&b| ARTICLE_INITIALS[usize::from(b >> 6)] >> (b & 63) & 1 != 0)
        && match w.len() {
            3 => matches!(
                w,
                b"der" | b"die" | b"das" | b"des" | b"dem" | b"den" | b"ein" | b"ihr"
            ),
            4 => matches!(w, b"eine" | b"sein" | b"ihre" | b"zwei" | b"drei"),
            5 => matches!(
                w,
                b"einer"
                    | b"eines"
                    | b"einem"
                    | b"einen"
                    | b"seine"
                    | b"ihrer"
                    | b"ihres"
                    | b"ihrem"
                    | b"ihren"
                    | b"deren"
                    | b"viele"
                    | b"beide"
            ),
            6 => matches!(
                w,
                b"seiner" | b"seines" | b"seinem" | b"seinen" | b"dessen" | b"einige"
            ),
            7 => w == b"mehrere",
            _ => false,
        }
}

/// `in_folded(ARTICLES, w)`: a word whose first byte is ASCII can only be one of them in any
/// case if that byte lower-cased is an article's initial and it is no longer than the longest
/// article, which rules out most words before any copy.
///
/// A word that passes is lower-cased byte by byte into a buffer on the stack, and the copy is
/// compared by `is_article_bytes` rather than with each article in turn. Its bytes beyond
/// ASCII stay as they are, and no article has any: only the Kelvin sign among such characters
/// lower-cases to an ASCII letter, `k`, which no article holds either. A word whose first
/// byte is not ASCII is looked for in the list.
fn is_article_folded(w: &str) -> bool {
    let b = w.as_bytes();
    match b.first() {
        Some(&f) if f.is_ascii() => {
            let f = f.to_ascii_lowercase();
            if ARTICLE_INITIALS[usize::from(f >> 6)] >> (f & 63) & 1 == 0 || b.len() > 7 {
                return false;
            }
            let mut buf = [0u8; 7];
            for (l, c) in buf.iter_mut().zip(b) {
                *l = c.to_ascii_lowercase();
            }
            is_article_bytes(&buf[..b.len()])
        }
        _ => in_folded(ARTICLES, w),
    }
}

const PRONOUNS: &[&str] = &["er", "sie", "Er", "Sie"];

/// Verbs of describing and rating that may follow a quoted predicate after `als` at the end of
/// their clause (`als „sehr hoch“ eingestuft`, `als „Fest“ bezeichnete`).
const JUDGING_AFTER: &[&str] = &[
    "bezeichne",
    "beschrieb",
    "eingestuft",
    "bewerte",
    "gewertet",
];

/// Conjunctions that open a subordinate clause ending in its verb.
const SUBORDINATORS: &[&str] = &[
    "während", "als", "weil", "wenn", "obwohl", "nachdem", "da", "bevor", "seit", "seitdem",
    "damit", "sodass", "falls", "sobald", "solange", "indem", "ehe", "obgleich", "sofern",
];

/// For each byte length below nine, the first letters of the `SUBORDINATORS` of that length,
/// one bit each (`a` the lowest): an ASCII word whose length and lower-cased first letter no
/// subordinator has is none, and the list need not be scanned.
const SUBORDINATOR_KEYS: [u32; 9] = {
    let mut keys = [0u32; 9];
    let mut k = 0;
    while k < SUBORDINATORS.len() {
        let w = SUBORDINATORS[k].as_bytes();
        assert!(w.len() < 9 && w[0].is_ascii_lowercase());
        keys[w.len()] |= 1 << (w[0] - b'a');
        k += 1;
    }
    keys
};

/// `in_folded(SUBORDINATORS, w)`, asked of every word before a verb in several rules: a word
/// is looked for in the list only if a subordinator has its length and first letter.
/// That holds for words beyond ASCII too, which are no longer scanned for such bytes first: a
/// word whose lower-case form is a subordinator begins with that subordinator's ASCII letter
/// in either case, and has its length, as the only characters beyond ASCII that lower-case to
/// a subordinator's letters are `Ä` (two bytes, as `ä` is) and the Kelvin sign (to `k`, which
/// no subordinator holds: tested).
/// Inlined up to the key test, which rules out most words in the callers' loops; the rest is
/// `subordinator_after_key`.
#[inline]
fn is_subordinator(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(&f) if f.is_ascii_alphabetic() && w.len() < SUBORDINATOR_KEYS.len() => {
            SUBORDINATOR_KEYS[w.len()] >> (f.to_ascii_lowercase() - b'a') & 1 != 0
                && subordinator_after_key(w)
        }
        _ => false,
    }
}

/// `is_subordinator` of a word that passed the key test. An ASCII word is lower-cased into a
/// buffer on the stack and compared by `is_ascii_subordinator`, rather than with each
/// subordinator in turn.
#[inline(never)]
fn subordinator_after_key(w: &str) -> bool {
    if !w.is_ascii() {
        return in_folded(SUBORDINATORS, w);
    }
    let mut buf = [0u8; SUBORDINATOR_KEYS.len() - 1];
    for (l, c) in buf.iter_mut().zip(w.as_bytes()) {
        *l = c.to_ascii_lowercase();
    }
    is_ascii_subordinator(&buf[..w.len()])
}

/// Whether an ASCII word in lower case is one of `SUBORDINATORS`, by a `matches!` pattern that
/// compares it only with those of its length. A subordinator added to the list must be added
/// here too if it is ASCII (tested).
fn is_ascii_subordinator(w: &[u8]) -> bool {
    matches!(
        w,
        b"als"
            | b"weil"
            | b"wenn"
            | b"obwohl"
            | b"nachdem"
            | b"da"
            | b"bevor"
            | b"seit"
            | b"seitdem"
            | b"damit"
            | b"sodass"
            | b"falls"
            | b"sobald"
            | b"solange"
            | b"indem"
            | b"ehe"
            | b"obgleich"
            | b"sofern"
    )
}

/// `SUBORDINATORS.contains(&w)`, in the case as written. Every subordinator begins with an
/// ASCII lower-case letter and is shorter than nine bytes, so a word is compared with the list
/// only if one of them has its length and first byte (`SUBORDINATOR_KEYS`): most words asked
/// about have none, and the search of the list cost a `memcmp` for each of the same length.
fn is_subordinator_as_written(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(&b) if b.is_ascii_lowercase() && w.len() < SUBORDINATOR_KEYS.len() => {
            SUBORDINATOR_KEYS[w.len()] >> (b - b'a') & 1 != 0 && SUBORDINATORS.contains(&w)
        }
        _ => false,
    }
}

/// Sentence-initial words that are not the subject: after them the subject follows the verb.
const FRONT_ADVERBIALS: &[&str] = &[
    "Dazu",
    "Darauf",
    "Daraufhin",
    "Dabei",
    "Damals",
    "Zudem",
    "Außerdem",
    "Auch",
    "Gestern",
    "Heute",
    "Morgen",
    "Am",
    "Im",
    "In",
    "Bei",
    "Nach",
    "Vor",
    "Auf",
    "Mit",
    "Zu",
    "Zum",
    "Zur",
    "Für",
    "Über",
    "Unter",
    "Gegenüber",
    "Seit",
    "Während",
    "Anschließend",
    "Später",
    "Nun",
    "Jetzt",
    "Zuvor",
    "Deshalb",
    "Daher",
    "Dann",
    "Doch",
    "Aber",
    "Und",
    "Weiter",
    "Ferner",
    "Schließlich",
    "Zuletzt",
    "Erst",
    "Bereits",
    "Schon",
    "Noch",
    "Als",
    "Wörtlich",
    "Inzwischen",
    "Mittlerweile",
    "Trotzdem",
    "Allerdings",
    "Vorher",
    "Hierzu",
    "Darüber",
    "Ebenso",
    "Ähnlich",
    "Gleichzeitig",
    "Zugleich",
    "Zunächst",
    "Kürzlich",
    "Jüngst",
    "Vergangene",
    "Vergangenen",
    "Letzte",
    "Letzten",
    "Bislang",
    "Bisher",
    "Hier",
    "Dort",
    "So",
    "Ebenfalls",
    "Offiziell",
    "Öffentlich",
    "Entsprechend",
    "Konkret",
    "Ausdrücklich",
];

/// Whether `w` is one of `FRONT_ADVERBIALS`, asked of a set: the list is long, and a scan of
/// it for the first word of many units cost more than the hash.
fn front_adverbial(w: &str) -> bool {
    static SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| FRONT_ADVERBIALS.iter().copied().collect())
        .contains(w)
}

/// Media words that make a dative noun phrase after the verb the addressee
/// (`sagte der Zeitung X`).
const MEDIA: &[&str] = &[
    "zeitung",
    "agentur",
    "sender",
    "magazin",
    "blatt",
    "journalisten",
    "reportern",
    "presse",
    "fernsehen",
    "rundfunk",
    "radio",
    "portal",
    "network",
    "netzwerk",
    "tv",
];

/// The media words of `MEDIA` that are feminine, so that `der` before them is dative.
const FEMININE_MEDIA: &[&str] = &["zeitung", "agentur", "presse"];

#[inline]
fn is_cap(w: &str) -> bool {
    // Most words begin with an ASCII byte, which answers without decoding a character.
    match w.as_bytes().first() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_uppercase() || b.is_ascii_digit(),
        Some(_) => w.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Whether the lower-case form of `w` is in `list`, without a new String for the common ASCII
/// word (whose lower-case form is its bytes lower-cased one by one).
fn in_folded(list: &[&str], w: &str) -> bool {
    if w.is_ascii() {
        list.iter().any(|a| {
            a.len() == w.len()
                && a.bytes()
                    .zip(w.bytes())
                    .all(|(x, y)| x == y.to_ascii_lowercase())
        })
    } else {
        crate::lexicon::with_lowercase(w, |l| list.contains(&l))
    }
}

#[inline]
fn is_word(w: &str) -> bool {
    // Most words begin with an ASCII byte, which answers without decoding a character.
    match w.as_bytes().first() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => w.chars().next().is_some_and(char::is_alphanumeric),
    }
}

/// `is_word(w)` for the text `w` of document token `t`, helped by its shape bits where the
/// first character is not ASCII: an upper- or lower-case character is alphabetic, and a token
/// without any letter or digit cannot begin with one; only the rest decode the character.
#[inline]
fn is_word_token(t: &crate::text::Token, w: &str) -> bool {
    match w.as_bytes().first() {
        None => false,
        // The table answers in one load, where the test takes several comparisons, for every
        // token of every unit.
        Some(&b) if b.is_ascii() => crate::text::ASCII_ALNUM[usize::from(b)],
        Some(_) if t.shape & (shape::CAP | shape::LOWER) != 0 => true,
        Some(_) if t.shape & shape::WORD == 0 => false,
        Some(_) => is_word(w),
    }
}

/// Whether `w` is a passive auxiliary, after which a fronted participle of saying reports
/// (`Kritisiert wird, dass …`, `Finder::fronted_participle`).
fn is_passive_aux(w: &str) -> bool {
    matches!(w, "wird" | "wurde" | "werden" | "wurden")
}

/// The endings (`-e`, `-en`, `-er`, `-es`, `-em`) are told by the last two bytes, before a
/// character is decoded; more than three characters by looking for the fourth rather than
/// counting all.
fn is_adjective(w: &str) -> bool {
    matches!(
        w.as_bytes(),
        [.., b'e'] | [.., b'e', b'n' | b'r' | b's' | b'm']
    ) && w.chars().next().is_some_and(char::is_lowercase)
        && w.chars().nth(3).is_some()
}

impl<'a> Finder<'a> {
    fn line(&mut self, span: Span) {
        // The quotations and the units go into the vectors the last line used, which are put
        // back at the end.
        let mut quotes = std::mem::take(&mut self.quotes);
        quotes::scan_into(self.text, &span, &mut quotes);
        let mut units = std::mem::take(&mut self.units);
        quotes::units_into(self.text, &span, &quotes, &mut units);
        for (k, u) in units.iter().enumerate() {
            // The scan's quotations are in order and do not overlap, so the unit's are one run.
            let a = quotes.partition_point(|q| q.outer.start < u.start);
            let b = a + quotes[a..].partition_point(|q| q.outer.end <= u.end);
            self.unit(u.clone(), &quotes[a..b], k == 0);
            self.para_units.push(u.clone());
            self.prev_unit = Some(u.clone());
        }
        self.units = units;
        self.quotes = quotes;
    }

    fn tokens(&self, u: &Span, quotes: &[Quote]) -> Vec<Tok<'a>> {
        // Sized once for the unit's tokens, so that the vector does not grow token by token.
        let toks = &self.doc.tokens;
        let first = toks.partition_point(|t| t.span.start < u.start);
        let count = toks[first..].partition_point(|t| t.span.start < u.end);
        let mut out = Vec::with_capacity(count);
        self.tokens_into(u, quotes, first, &mut out);
        out
    }

    /// The index of the first document token of unit `u`, which follows the last unit in the
    /// text: a step or two on from `next_tok` rather than a binary search of all the tokens for
    /// every unit. Should a unit ever come before the last one, the search answers.
    fn first_token_of_next_unit(&self, u: &Span) -> usize {
        let toks = &self.doc.tokens;
        let mut first = self.next_tok.min(toks.len());
        if first > 0 && toks[first - 1].span.start >= u.start {
            return toks.partition_point(|t| t.span.start < u.start);
        }
        while toks.get(first).is_some_and(|t| t.span.start < u.start) {
            first += 1;
        }
        first
    }

    /// The tokens of unit `u` in `out`, which is cleared first: `unit` fills the same vector
    /// for every unit instead of allocating one each time, and it soon has the room for any
    /// unit, so it is not sized for each.
    /// `first` is the index of the unit's first document token.
    /// Returns the `class` bits of all the tokens together: a rule whose words all have a bit
    /// that no token of the unit has finds nothing there, and is not run. Above them are the
    /// `mark` bits of the punctuation among the tokens.
    fn tokens_into(&self, u: &Span, quotes: &[Quote], first: usize, out: &mut Vec<Tok<'a>>) -> u16 {
        out.clear();
        let mut classes = 0;
        let toks = &self.doc.tokens;
        // One token per document token first, in a loop that does nothing else: the quoted
        // flags and the joined tokens below concern few units, and each is a pass of its own
        // only where it may change something.
        // The loop stands here rather than in an `extend`, so that `classes` stays in a
        // register instead of being updated in memory for every token.
        // The class table's address, the text and the unit's end are held in locals, which the
        // loop keeps in registers instead of reading them through `self` for every token.
        let (text, classes_of) = (self.text, self.lex.classes());
        let (bytes, end) = (text.as_bytes(), u.end);
        for t in toks[first..].iter().take_while(|t| t.span.start < end) {
            // Most tokens begin and end with an ASCII byte: their text is taken without the
            // two character-boundary tests of a `str` slice, and whether they are words is
            // their first byte's entry in the table. Others are sliced and tested as before.
            let b = &bytes[t.span.clone()];
            let (word, is_word) = match (b.first(), b.last()) {
                (Some(&first), Some(&last)) if first.is_ascii() && last.is_ascii() => {
                    // SAFETY: `b` is a slice of the bytes of a `str`, so valid UTF-8 wherever
                    // it starts and ends at character boundaries. Its first byte is ASCII, a
                    // whole character, so one starts there; its last byte is ASCII too, so the
                    // next character (or the text's end) follows it.
                    let w = unsafe { std::str::from_utf8_unchecked(b) };
                    (w, crate::text::ASCII_ALNUM[usize::from(first)])
                }
                _ => {
                    let w = &text[t.span.clone()];
                    (w, is_word_token(t, w))
                }
            };
            // Every key of the class filters begins with a letter (tested), so a punctuation
            // mark is none of them, and its class is none: the look-up is for words only.
            // A punctuation mark is compared with the colon and the comma here, for their
            // `mark` bits, which tell whether the unit holds one without a search of its text
            // afterwards.
            let class = if is_word {
                u16::from(classes_of.of(word.as_bytes()))
            } else if let [b] = word.as_bytes() {
                mark::OF_BYTE[usize::from(*b)]
            } else {
                0
            };
            classes |= class;
            out.push(Tok {
                span: t.span.clone(),
                text: word,
                quoted: false,
                word: is_word,
                // The class bits, without the mark bits above them.
                class: class as u8,
            });
        }
        if !quotes.is_empty() {
            // The quotations are in text order and do not overlap, and so are the tokens: the
            // first quotation that does not end before a token ends is the only one that may
            // hold it, and it is found by stepping on, not by a test of every quotation per
            // token.
            let mut q = 0;
            for t in out.iter_mut() {
                while quotes.get(q).is_some_and(|x| x.outer.end < t.span.end) {
                    q += 1;
                }
                t.quoted = quotes.get(q).is_some_and(|x| x.outer.start <= t.span.start);
            }
        }
        // A particle written apart has the `APART` class bit, and a clock time has a colon:
        // a unit with neither joins no tokens.
        if classes & u16::from(lexicon::class::APART) != 0 || classes & mark::COLON != 0 {
            classes |= u16::from(self.join_tokens(out));
        }
        classes
    }

    /// Joins tokens of `out` in place, each to the one before it, and returns the `class` bits
    /// of the joined tokens.
    /// A verb form after a particle written apart (`bekannt gab`) joins it in one token, as the
    /// lexicon knows the pair. A clock time (`17:00 Uhr`) is one word: its colon opens
    /// nothing, so it must not end a speaker phrase or start the content as a colon before a
    /// quotation does. The first is after a space, the second without one, so the gap tells
    /// which to test.
    fn join_tokens(&self, out: &mut Vec<Tok<'a>>) -> u8 {
        let digits = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
        let mut classes = 0;
        // `w` tokens are kept; token `r` joins the last kept one or is kept after it.
        let mut w = 0;
        for r in 0..out.len() {
            if w > 0 {
                let (prev, t) = (&out[w - 1], &out[r]);
                // The particle's class bit is tested before the list: most words lack it.
                let joins = if t.span.start == prev.span.end + 1 {
                    prev.class & lexicon::class::APART != 0
                        && lexicon::APART.contains(&prev.text)
                        && !self
                            .lex
                            .verb(&self.text[prev.span.start..t.span.end])
                            .is_empty()
                } else {
                    t.span.start == prev.span.end
                        && ((t.text == ":"
                            && digits(prev.text)
                            && self
                                .text
                                .as_bytes()
                                .get(t.span.end)
                                .is_some_and(u8::is_ascii_digit))
                            || (prev.text.ends_with(':')
                                && digits(&prev.text[..prev.text.len() - 1])
                                && digits(t.text)))
                };
                if joins {
                    let end = t.span.end;
                    let prev = &mut out[w - 1];
                    prev.span.end = end;
                    prev.text = &self.text[prev.span.clone()];
                    // The joined token begins as the particle or the hour did, so it stays a
                    // word, quoted or not as it was.
                    prev.class = self.lex.class(prev.text);
                    classes |= prev.class;
                    continue;
                }
            }
            // Before the first join every token stays where it is.
            if w != r {
                out.swap(w, r);
            }
            w += 1;
        }
        out.truncate(w);
        classes
    }

    /// `Lexicon::verb` of a token, by its `class`.
    #[inline]
    fn verb_of(&self, t: &Tok) -> &'static [VerbCue] {
        self.lex.verb_of_class(t.text, t.class)
    }

    /// `Lexicon::konj1` of a token, by its `class`.
    #[inline(always)]
    fn konj1_of(&self, t: &Tok) -> bool {
        self.lex.konj1_of_class(t.text, t.class)
    }

    /// `Lexicon::konj2` of a token, by its `class`.
    #[inline]
    fn konj2_of(&self, t: &Tok) -> bool {
        self.lex.konj2_of_class(t.text, t.class)
    }

    fn push(
        &mut self,
        span: Span,
        kind: StatementKind,
        cue: Option<String>,
        speaker: SpeakerRef,
        addressee: Option<Span>,
        topics: Vec<Span>,
    ) -> usize {
        self.out.push(Statement {
            span,
            kind,
            cue,
            speaker,
            addressee,
            topics,
        });
        self.out.len() - 1
    }

    /// `Sie nannten ihn „…“`, `Sie haben gesagt: „…“` in an interviewer's question: a quotation
    /// framed by a verb of saying whose subject is the formal `Sie` quotes the interviewee.
    fn quoted_in_question(&mut self, p: Span, speaker: Option<Span>, addressee: Option<Span>) {
        let Some(speaker) = speaker else { return };
        let quotes = quotes::scan(self.text, &p);
        for u in quotes::units(self.text, &p, &quotes) {
            let uq: Vec<Quote> = quotes
                .iter()
                .filter(|q| q.outer.start >= u.start && q.outer.end <= u.end)
                .cloned()
                .collect();
            let toks = self.tokens(&u, &uq);
            for q in &uq {
                let verb = toks.iter().rposition(|t| {
                    !t.quoted
                        && t.span.end <= q.outer.start
                        && t.text.starts_with(char::is_lowercase)
                        && !self.verb_of(t).is_empty()
                });
                // `Sie` right before the verb or its auxiliary, or right after it.
                let addressed = verb.is_some_and(|v| {
                    toks[v.saturating_sub(3)..v]
                        .iter()
                        .chain(toks.get(v + 1))
                        .any(|t| t.text == "Sie" && !t.quoted)
                });
                if addressed
                    && !self
                        .word_before(q)
                        .is_some_and(|w| is_cap(w) && ends_with_title_noun(w))
                {
                    let cue = verb.map(|v| toks[v].text.to_string());
                    self.push(
                        q.inner.clone(),
                        StatementKind::Direct,
                        cue,
                        SpeakerRef::Spans(vec![speaker.clone()]),
                        addressee.clone(),
                        Vec::new(),
                    );
                }
            }
        }
    }

    /// The whole unit as reported speech continuing statement `prev`'s speaker; it becomes
    /// the report that later units continue.
    fn continue_report(&mut self, prev: usize, u: &Span) {
        let content = self.strip_content(u.clone());
        let i = self.push(
            content,
            StatementKind::Indirect,
            None,
            SpeakerRef::SameAs(prev),
            None,
            Vec::new(),
        );
        self.last = Some((i, self.unit_no));
    }

    /// The last statement, if it ended at most `gap` units ago.
    fn recent(&self, gap: usize) -> Option<usize> {
        self.last
            .filter(|&(_, u)| self.unit_no - u <= gap)
            .map(|(i, _)| i)
    }

    fn unit(&mut self, u: Span, quotes: &[Quote], line_start: bool) {
        self.unit_no += 1;
        // The tokens go into the vector the last unit used, which is put back at the end.
        let mut toks = std::mem::take(&mut self.toks);
        let first = self.first_token_of_next_unit(&u);
        let bits = self.tokens_into(&u, quotes, first, &mut toks);
        // The rules that read the marks are asked about this unit's tokens, or a run of them,
        // until the next unit.
        self.marks = bits;
        let classes = bits as u8;
        // Each of the unit's tokens stands for one document token or more (a particle joined
        // with its verb), all before the next unit.
        self.next_tok = first + toks.len();
        if !toks.iter().any(|t| t.word) {
            self.toks = toks;
            return;
        }
        let before = self.out.len();
        self.statements_of_unit(u.clone(), quotes, line_start, &toks, classes);
        self.konj2_before(&u, before);
        if self.out.len() == before {
            // A framing verb has the `VERB` bit: a unit without it frames nothing.
            self.framing = (classes & lexicon::class::VERB != 0)
                .then(|| self.framing_subject(&toks))
                .flatten()
                .map(|s| (s, self.unit_no));
        }
        self.toks = toks;
        if let Some(i) = (before..self.out.len())
            .rev()
            .find(|&i| self.out[i].kind == StatementKind::Indirect)
        {
            self.reported = Some((i, self.unit_no));
        }
    }

    /// Konjunktiv II is also the indicative's past or a wish, so alone it opens no report; but
    /// sentences in Konjunktiv II just before a cue-less Konjunktiv I report in the same
    /// paragraph, or before one whose attribution trails it, are that report's start (`Die
    /// Behörde legte einen Bericht vor. Techniker hätten den Hebel falsch gestellt. Dadurch
    /// sei der Alarm ausgelöst worden.`): they go to the same speaker. `before` is the number
    /// of statements before the current unit.
    fn konj2_before(&mut self, u: &Span, before: usize) {
        let Some(next) = (before..self.out.len()).find(|&i| {
            let st = &self.out[i];
            st.kind == StatementKind::Indirect
                && (st.cue.is_none() || st.span.start == u.start)
                && u.start <= st.span.start
        }) else {
            return;
        };
        let speaker = self.out[next].speaker.clone();
        let mut found: Vec<Span> = Vec::new();
        for p in self.para_units.iter().rev() {
            let text = &self.text[p.clone()];
            let reported = self
                .out
                .iter()
                .any(|st| st.span.start < p.end && p.start < st.span.end);
            if reported || quote_or_colon(text) {
                break;
            }
            let toks = self.tokens(p, &[]);
            // Konjunktiv II in a conditional or an indirect question is no report.
            let conditional = toks
                .iter()
                .position(|t| in_folded(&["ob", "wenn", "falls"], t.text))
                .unwrap_or(toks.len());
            if self.words_outside(p, &toks) < 3
                || !toks[..conditional].iter().any(|t| self.konj2_of(t))
            {
                break;
            }
            found.push(p.clone());
        }
        for p in found.into_iter().rev() {
            let content = self.strip_content(p);
            self.openers.push((self.out.len(), next));
            self.push(
                content,
                StatementKind::Indirect,
                None,
                speaker.clone(),
                None,
                Vec::new(),
            );
        }
    }

    /// The named subject of a main-clause verb of saying in a unit that reported nothing
    /// (`Die Ministerin Eva Roth kritisierte die Pläne scharf.`).
    fn framing_subject(&self, toks: &[Tok]) -> Option<Span> {
        // The verb bit of the class rules out most words before the first letter is decoded,
        // and is tested first.
        let v = toks.iter().position(|t| {
            t.class & lexicon::class::VERB != 0
                && !t.quoted
                && t.text.starts_with(char::is_lowercase)
                && !self.verb_of(t).is_empty()
        })?;
        // A verb in a subordinate clause frames nothing.
        if toks[..v]
            .iter()
            .any(|t| !t.quoted && is_subordinator(t.text))
        {
            return None;
        }
        // Only a sentence that opens with its subject, a person named in the words before the
        // verb (`Die Abgeordnete Eva Roth kritisierte …`), not a fronted object or adverbial.
        let first = toks.first()?;
        if v == 0 || !is_cap(first.text) || front_adverbial(first.text) {
            return None;
        }
        let r = first.span.start..toks[v - 1].span.end;
        // An organisation speaks as a person does (`Die Gewerkschaft X lehnte den Plan ab.`),
        // and so does a pronoun standing for either (`Sie bezeichnet den Plan als Irrweg.`).
        // Only with a verb that judges (`lehnte ab`, `bezeichnet als`, `kritisierte`): other
        // verbs of saying have senses that frame nothing (`meldete ein Patent an`, `ins Leben
        // gerufen`).
        const JUDGING: &[&str] = &[
            "bezeichn",
            "kritisier",
            "lehnt",
            "wies",
            "weist",
            "forder",
            "warn",
            "beklag",
            "bemängel",
            "rügt",
            "rügte",
            "monier",
            "beanstand",
            "verurteil",
            "begrüß",
        ];
        let person = self
            .mentions_in(&r)
            .any(|m| m.kind == EntityKind::Person && !m.descriptor);
        let judging = JUDGING.iter().any(|j| toks[v].text.starts_with(j));
        let other = judging
            && (self
                .mentions_in(&r)
                .any(|m| m.kind == EntityKind::Organization && !m.descriptor)
                || (v == 1 && PRONOUNS.contains(&first.text)));
        if !(person || other) || toks[..v].iter().any(|t| t.quoted) {
            return None;
        }
        // A subject closed by its apposition's comma (`Die Ministerin, Eva Roth,`).
        let t = &self.text[r.clone()];
        Some(r.start..r.start + t.trim_end_matches([',', ' ']).len())
    }

    /// The statements of unit `u`; `classes` are the `class` bits of its tokens together.
    fn statements_of_unit(
        &mut self,
        u: Span,
        quotes: &[Quote],
        line_start: bool,
        toks: &[Tok<'a>],
        classes: u8,
    ) {
        if let Some(f) = self.demonstrative(toks).or_else(|| {
            (classes & lexicon::class::TOLD != 0)
                .then(|| self.told_object(toks))
                .flatten()
        }) {
            self.demonstrative_statements(f);
            return;
        }
        if let Some(f) = self.find_cue(&u, toks, classes) {
            self.cue_statements(f, &u, quotes, toks, classes);
            return;
        }
        // A headline needs a colon token, which the unit's `mark::COLON` bit says whether it
        // holds: most units have none and skip the search for it.
        if line_start && self.marks & mark::COLON != 0 && self.headline(&u, toks, quotes) {
            return;
        }
        // A short sentence opened by `Und` right after reported speech, without a quotation,
        // adds to that report (`X sei Y, so Z. Und nicht mehr als W.`).
        if let Some(prev) = self.recent(1)
            && self.out[prev].kind == StatementKind::Indirect
            && quotes.is_empty()
            && toks.first().is_some_and(|t| t.text == "Und")
            && (3..=14).contains(&self.words_outside(&u, toks))
        {
            self.continue_report(prev, &u);
            return;
        }
        // Konjunktiv without a cue continues the report just before it.
        // First person present tense looks like Konjunktiv I (`ich habe`, `glaube ich`).
        let first_person = |k: usize| {
            toks.get(k)
                .is_some_and(|t| matches!(t.text, "ich" | "Ich" | "wir" | "Wir"))
        };
        // The form is tested before the quoted flag: few tokens are quoted, fewer Konjunktiv.
        let reports = |j: usize, t: &Tok| {
            !t.quoted
                && (t.text.starts_with("sei")
                    || !(first_person(j + 1) || j > 0 && first_person(j - 1)))
        };
        // A unit without the `KONJ1` class bit has no token with it, and there a token is
        // Konjunktiv I only by the ending that `konj1_of_class` tests without the bit: the
        // loop tests that alone.
        let konj = if classes & lexicon::class::KONJ1 != 0 {
            toks.iter()
                .enumerate()
                .any(|(j, t)| self.konj1_of(t) && reports(j, t))
        } else {
            toks.iter()
                .enumerate()
                .any(|(j, t)| self.lex.konj1_of_class(t.text, 0) && reports(j, t))
        };
        // A word only shaped like Konjunktiv I (`weak`) makes a unit report only after a
        // statement at most three units back (`prev_indirect` and `recent(1)` below need one),
        // so the walk that looks for it is made here only then; without such a statement it is
        // asked below only of a unit that reports by Konjunktiv II, for where the report starts.
        let recent = self.recent(3);
        let weak_shape = || (0..toks.len()).any(|j| self.konj1_shape(toks, j));
        let weak = !konj && recent.is_some() && weak_shape();
        // Konjunktiv II inside a conditional or an indirect question (`…, ob das gelingen
        // könnte`) is no report.
        // The first Konjunktiv II is looked for first: most units have none, and then the
        // conditional need not be looked for. Where no token has the class bit, none is.
        // It is looked for only where a report before may go on (below): alone it opens none.
        let konj2 = || {
            (classes & lexicon::class::KONJ2 != 0)
                .then(|| toks.iter().position(|t| !t.quoted && self.konj2_of(t)))
                .flatten()
                .is_some_and(|k| {
                    !toks[..k]
                        .iter()
                        .any(|t| ["ob", "wenn", "falls", "Ob", "Wenn", "Falls"].contains(&t.text))
                })
        };
        let prev = if konj || weak { recent } else { self.recent(2) };
        // A named subject whose verb of saying in the sentence just before reported
        // nothing of its own (`X kritisierte die Pläne. Die Mittel seien zu knapp.`) is
        // the speaker, ahead of an older report.
        let framed = self
            .framing
            .clone()
            .filter(|(_, n)| *n + 1 == self.unit_no)
            .map(|(s, _)| s);
        let prev_indirect = prev.is_some_and(|i| self.out[i].kind == StatementKind::Indirect);
        // Reported speech in the unit just before, even one that names no speaker.
        let reported_before = self
            .reported
            .filter(|&(_, n)| n + 1 == self.unit_no)
            .map(|(i, _)| i);
        // A verb shaped like Konjunktiv I continues a quotation too (`„…“, so X. Die Lage
        // verschlechtere sich.`); Konjunktiv II only continues reported speech.
        let reported = konj
            || (weak && (prev_indirect || self.recent(1).is_some()))
            || ((prev_indirect
                || self.recent(1).is_some()
                || reported_before.is_some()
                || framed.is_some())
                && konj2());
        // The words are counted only for a unit that reports: most do not.
        if reported && self.words_outside(&u, toks) >= 3 {
            self.konj_statements(u, quotes, toks, konj, weak, prev, framed, reported_before);
            return;
        }
        if !quotes.is_empty() {
            self.unattributed_quotes(&u, quotes, toks);
        }
    }

    /// The statements of a unit that points back to what was just told (`Das sagte X.`,
    /// `Finder::demonstrative`, `Finder::told_object`), found as `f`. Apart from
    /// `statements_of_unit`, as are the other cases that make statements: most units make
    /// none, and the smaller function keeps its values in registers.
    #[inline(never)]
    fn demonstrative_statements(&mut self, f: Found) {
        let speaker = f.speaker.clone();
        // A quotation just before that was given no speaker of its own (`„…“ Das sagte
        // X.`) is the speaker's.
        if let Some(p) = self.prev_unit.clone() {
            for st in &mut self.out {
                if st.kind == StatementKind::Direct
                    && p.start <= st.span.start
                    && st.span.end <= p.end
                    && matches!(st.speaker, SpeakerRef::None | SpeakerRef::SameAs(_))
                {
                    st.speaker = f.speaker.clone();
                    st.cue = Some(f.cue.clone());
                }
            }
        }
        // The sentence the pronoun stands for is what the speaker said, unless it is a
        // statement already.
        // A short quotation inside it (`… der Regierung „assistieren“.`) is nested in
        // that sentence rather than standing for it.
        let reported = |out: &[Statement], p: &Span| {
            out.iter().any(|st| {
                st.span.start < p.end
                    && p.start < st.span.end
                    && (st.kind != StatementKind::Direct
                        || 2 * (st.span.end - st.span.start) >= p.end - p.start)
            })
        };
        if let Some(p) = self.prev_unit.clone()
            && !reported(&self.out, &p)
        {
            // In its own paragraph the pronoun sums up the narration before it, back to
            // the paragraph's start or the last sentence that reports something itself.
            let mut earlier: Vec<Span> = Vec::new();
            if self.para_units.last() == Some(&p) {
                for q in self.para_units[..self.para_units.len() - 1].iter().rev() {
                    if self
                        .out
                        .iter()
                        .any(|st| st.span.start < q.end && q.start < st.span.end)
                    {
                        break;
                    }
                    earlier.push(q.clone());
                }
            }
            for q in earlier.into_iter().rev().chain([p]) {
                let content = self.strip_content(q);
                self.push(
                    content,
                    StatementKind::Indirect,
                    Some(f.cue.clone()),
                    f.speaker.clone(),
                    f.addressee.clone(),
                    f.topics.clone(),
                );
            }
        }
        let i = self.push(
            f.content,
            StatementKind::Indirect,
            Some(f.cue),
            f.speaker,
            f.addressee,
            f.topics,
        );
        if !matches!(speaker, SpeakerRef::None) {
            self.last = Some((i, self.unit_no));
        }
    }

    /// The statements of a unit whose attributing cue `find_cue` found as `f`.
    #[inline(never)]
    fn cue_statements(
        &mut self,
        f: Found,
        u: &Span,
        quotes: &[Quote],
        toks: &[Tok<'a>],
        classes: u8,
    ) {
        // A quotation introduced by a colon after the cue carries the statement itself; the
        // words between the cue and the colon are not reported content.
        let cue_pos = f.content.start;
        let mut f = f;
        // A verb of saying coordinated with the one before (`…“, und fügt hinzu: „…“`) has
        // no subject of its own: it goes on with the last speaker.
        if self.elided_subject(&f.speaker) {
            f.speaker = self.recent(3).map_or(SpeakerRef::None, SpeakerRef::SameAs);
        }
        if let Some(q) = quotes.iter().find(|q| {
            q.outer.start >= cue_pos && q.outer.start < f.content.end && self.after_colon(q)
        }) {
            // Reported speech up to a colon that opens a quotation ends at the colon.
            let colon = self.text[..q.outer.start].trim_end().len() - 1;
            f.content = f.content.start..colon.max(f.content.start);
        }
        let colon_quote = f.content.is_empty();
        // A verb of saying in Konjunktiv I (`Trump fordere seit Jahren, dass …`) is itself
        // reported: the sentence continues the last speaker, and the clause is nested.
        let cue_word = f.cue.split(' ').next().unwrap_or("");
        let konj_verb = cue_word.ends_with('e')
            && !cue_word.ends_with("te")
            && (!self.lex.verb(cue_word).is_empty() || cue_word == "stehe");
        // So is a participle of saying after an auxiliary in Konjunktiv (`Mehrere Staaten
        // hätten signalisiert, …`, `Die Firma habe mitgeteilt, …`).
        let konj_perfect = !konj_verb && self.konj_perfect(toks, cue_word);
        if (konj_verb || konj_perfect)
            && let Some(prev) = self.recent(3)
        {
            self.continue_report(prev, u);
            if outside_words(self, &f.content, toks) >= 2 {
                let c = self.strip_content(f.content.clone());
                // Inside the report, a source that names no one (`Mehrere Staaten hätten
                // signalisiert`) is anonymous: the outer report is the speaker's, the
                // nested one nobody's.
                let speaker = match f.speaker {
                    SpeakerRef::Spans(v)
                        if konj_perfect && !v.iter().any(|r| self.names_speaker(r)) =>
                    {
                        SpeakerRef::None
                    }
                    s => s,
                };
                self.push(
                    c,
                    StatementKind::Indirect,
                    Some(f.cue.clone()),
                    speaker,
                    f.addressee,
                    f.topics,
                );
            }
            return;
        }
        let outside = self.words_outside(&f.content, toks);
        // A noun of speech before the verb's own content reports a clause of its own, with
        // its own holder (`Auf den Vorwurf der Partei X, es handele sich um …, entgegnete
        // Y, dass …`).
        // Only a clause that ends before the verb's content is taken, and the clause
        // follows its noun: the noun is looked for only among the tokens before it.
        let frame = (outside >= 2 && !colon_quote && f.cue.contains(char::is_lowercase))
            .then(|| {
                let limit = toks.partition_point(|t| t.span.start < f.content.start);
                self.noun_clause_before(toks, limit)
            })
            .flatten()
            .filter(|g| {
                g.content.end <= f.content.start
                    && self.words_outside(&g.content, toks) >= 3
                    && f.cue != g.cue
            });
        let frame = frame.map(|g| {
            let j = self.push(
                self.strip_content(g.content.clone()),
                StatementKind::Indirect,
                Some(g.cue.clone()),
                g.speaker,
                None,
                Vec::new(),
            );
            (g.content, j)
        });
        let speaker_spans = match &f.speaker {
            SpeakerRef::Spans(v) => v.clone(),
            _ => Vec::new(),
        };
        let mut speaker = f.speaker;
        if outside >= 2 && !colon_quote {
            let content = self.strip_content(f.content.clone());
            let i = self.push(
                content,
                StatementKind::Indirect,
                Some(f.cue.clone()),
                speaker.clone(),
                f.addressee.clone(),
                f.topics.clone(),
            );
            // A source phrase that names no one (`Nach Polizeiangaben …`) still starts a
            // report that Konjunktiv after it continues, for nobody too.
            // So does an impersonal `hieß es`.
            let source_cue = ["nach", "Nach", "laut", "Laut", "zufolge", "gemäß", "Gemäß"]
                .contains(&f.cue.as_str())
                || ["hieß es", "heißt es"].contains(&f.cue.as_str());
            if !matches!(speaker, SpeakerRef::None) || source_cue {
                self.last = Some((i, self.unit_no));
            }
            // A relative clause on the trailing speaker that reports too (`…, so X, die
            // auch angab, dass …`) is the same speaker's second statement.
            if let Some(c) = self.relative_report(toks, &speaker_spans) {
                let c = self.strip_content(c);
                let j = self.push(
                    c,
                    StatementKind::Indirect,
                    Some(f.cue.clone()),
                    SpeakerRef::SameAs(i),
                    None,
                    Vec::new(),
                );
                self.last = Some((j, self.unit_no));
            }
            // Quotations inside continue this statement's speaker.
            speaker = SpeakerRef::SameAs(i);
            if matches!(self.out[i].speaker, SpeakerRef::None) {
                speaker = SpeakerRef::None;
            }
            self.nested(&f.content, toks, classes, i);
        }
        // A capitalised quotation inside the speaker phrase (`Wie die „Aktion X“ mitteilte`)
        // names the speaker; a phrase in lower case there is still quoted speech (`X nannte
        // es „eine Tragödie“ und erklärte, …`).
        // A predicate after `als` (`X bezeichnete es als „Zumutung“ und kündigte an, …`)
        // is what was said, not part of a name.
        // Quotations start at distinct places, so a quotation is such a predicate exactly
        // where `als` stands before it: the loop below asks each, without a list of them.
        // In a source phrase (`laut „tagesschau.de“`) any quotation is a name.
        let source =
            ["laut", "Laut", "zufolge", "nach", "Nach", "gemäß", "Gemäß"].contains(&f.cue.as_str());
        let in_speaker = |q: &Quote, predicate: bool| {
            let t = &self.text[q.inner.clone()];
            (t.starts_with(char::is_uppercase) || source)
                && !predicate
                && !t.trim_end().ends_with(['.', '!', '?'])
                && speaker_spans
                    .iter()
                    .any(|r| r.start <= q.outer.start && q.outer.end <= r.end)
        };
        for q in quotes {
            let predicate = self.word_before(q) == Some("als");
            if !in_speaker(q, predicate) && self.quote_is_statement(q, true) {
                // A quotation inside the noun's clause is its holder's.
                let (cue, speaker) = match &frame {
                    Some((c, j)) if c.start <= q.outer.start && q.outer.start < c.end => (
                        self.out[*j].cue.clone().unwrap_or_default(),
                        SpeakerRef::SameAs(*j),
                    ),
                    _ => (f.cue.clone(), speaker.clone()),
                };
                let i = self.push(
                    q.inner.clone(),
                    StatementKind::Direct,
                    Some(cue),
                    speaker.clone(),
                    f.addressee.clone(),
                    f.topics.clone(),
                );
                self.nested_in_quote(q, toks, i);
                if !matches!(speaker, SpeakerRef::None) {
                    self.last = Some((i, self.unit_no));
                }
            }
        }
    }

    /// The statements of a unit that reports by Konjunktiv without a cue, by what
    /// `statements_of_unit` found out about it.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn konj_statements(
        &mut self,
        u: Span,
        quotes: &[Quote],
        toks: &[Tok<'a>],
        konj: bool,
        weak: bool,
        prev: Option<usize>,
        framed: Option<Span>,
        reported_before: Option<usize>,
    ) {
        let recent = self.recent(3);
        let weak_shape = || (0..toks.len()).any(|j| self.konj1_shape(toks, j));
        // Without a report just before, reported speech in Konjunktiv still has a
        // speaker: whoever the text named last, as for an implicit `er`/`sie`.
        let first = toks.iter().find(|t| t.word).map(|t| t.span.clone());
        let mut speaker = match (&framed, prev, first) {
            (Some(s), _, _) => self.speaker_ref(Some(s.clone())),
            (None, Some(p), _) => SpeakerRef::SameAs(p),
            (None, None, Some(f)) if konj => SpeakerRef::Implicit(f.start),
            (None, None, _) => reported_before.map_or(SpeakerRef::None, SpeakerRef::SameAs),
        };
        // Rumours and unnamed observers before the Konjunktiv (`…, dass es schon Gerüchte
        // gab, der Text sei …`, `Beobachter meinen, …`) are no one's report, not the last
        // speaker's.
        let konj_word = toks
            .iter()
            .position(|t| !t.quoted && (self.konj1_of(t) || self.konj2_of(t)));
        if toks[..konj_word.unwrap_or(0)]
            .iter()
            .any(|t| !t.quoted && ANONYMOUS_SOURCES.contains(&t.text))
        {
            speaker = SpeakerRef::None;
        }
        let mut content = u.clone();
        // Konjunktiv only after the one comma of the sentence: the main clause before it
        // frames the report (`X vertrat die Ansicht, Y sei …`, `…, mit der Begründung, …`)
        // and names its speaker. A clause of reason, time or a relative clause after the
        // comma belongs to the report as a whole.
        let weak = weak || (!konj && recent.is_none() && weak_shape());
        let konj_at = toks.iter().enumerate().position(|(j, t)| {
            !t.quoted
                && (self.konj1_of(t) || self.konj2_of(t) || (weak && self.konj1_shape(toks, j)))
        });
        if let Some(kj) = konj_at
            && let Some(c) = toks[..kj].iter().rposition(|t| t.text == "," && !t.quoted)
        {
            let next = toks.get(c + 1).map_or("", |t| t.text);
            // Main clauses joined by `und` (`Die Beiträge stärkten X, und so würden …`)
            // are one report; the first is no frame, unless it plainly narrates in the
            // indicative (`Seine Frau ist operiert worden, und er wolle …`).
            const INDICATIVE: &[&str] = &[
                "ist", "sind", "war", "waren", "hat", "haben", "hatte", "hatten", "wird", "werden",
                "wurde", "wurden",
            ];
            let joined = ["und", "oder", "aber", "sondern", "denn", "doch"].contains(&next)
                && !toks[..c]
                    .iter()
                    .any(|t| !t.quoted && INDICATIVE.contains(&t.text));
            let clause_after = next == "dass"
                || next == "ob"
                || !(SUBORDINATORS.contains(&next)
                    || joined
                    || ["weil", "um", "wie", "was", "wo"].contains(&next)
                    || self.relative_clause(toks, c));
            let one_frame = !toks[..c].iter().any(|t| t.text == "," && !t.quoted)
                && toks.first().is_some_and(|t| {
                    ![
                        "Wie", "Was", "Wer", "Ob", "Dass", "Warum", "Wo", "Wenn", "Als",
                    ]
                    .contains(&t.text)
                        && !is_subordinator(t.text)
                });
            if clause_after && one_frame {
                content = toks[c].span.end..u.end;
                let frame = u.start..toks[c].span.start;
                if let Some(np) = self.np_after(toks, 0).filter(|n| {
                    n.end <= frame.end && self.names_speaker(n) && n.start == toks[0].span.start
                }) {
                    speaker = SpeakerRef::Spans(vec![np]);
                }
            }
        }
        let content = self.strip_content(content);
        let i = self.push(
            content,
            StatementKind::Indirect,
            None,
            speaker.clone(),
            None,
            Vec::new(),
        );
        if prev.is_some() || framed.is_some() {
            self.last = Some((i, self.unit_no));
        }
        for q in quotes {
            if self.quote_is_statement(q, true) {
                self.push(
                    q.inner.clone(),
                    StatementKind::Direct,
                    None,
                    speaker.clone(),
                    None,
                    Vec::new(),
                );
            }
        }
    }

    /// Quotations with no attribution in their unit.
    #[inline(never)]
    fn unattributed_quotes(&mut self, u: &Span, quotes: &[Quote], toks: &[Tok<'a>]) {
        for q in quotes {
            // A verb of saying before the quotation in its unit attributes even a short one
            // (`nannte den Plan „reine Spekulation“`, `sprach von einer „Wende“`).
            let said = toks.iter().any(|t| {
                !t.quoted
                    && t.span.end <= q.outer.start
                    && t.text.starts_with(char::is_lowercase)
                    && !self.verb_of(t).is_empty()
            });
            // In a verb-final clause the judging verb follows its predicate (`…, die als
            // „nebelartig“ beschrieben wurden`, `wird vom Amt als „sehr hoch“ eingestuft`).
            let judged_after = self.word_before(q) == Some("als")
                && toks
                    .iter()
                    .find(|t| !t.quoted && t.span.start >= q.outer.end)
                    .is_some_and(|t| JUDGING_AFTER.iter().any(|j| t.text.starts_with(j)));
            let said = said || judged_after;
            // `Für die Ministerin ist die Lage „alarmierend“`, `…, war für den Verband
            // „Wortbruch“`: a judgement quoted as the predicate of a copula is the words of the
            // one it is `für`.
            let judged_by = self.judged_by(toks, q);
            if !self.quote_is_statement(q, (said || judged_by.is_some()) && self.predicate_quote(q))
            {
                continue;
            }
            // After a colon the clause before it names the speaker, whatever its verb
            // (`X schloss sich mit den Worten an: „…“`, `Minister X: „…“`).
            let before_colon = self.after_colon(q).then(|| {
                let colon = self.text[..q.outer.start].trim_end().len() - 1;
                let start = toks
                    .iter()
                    .filter(|t| t.span.end <= colon && t.quoted)
                    .map(|t| t.span.end)
                    .max()
                    .unwrap_or(u.start);
                start..colon
            });
            // A verb of saying elsewhere in the unit (`X nannte die Zahlen „…“`) names the
            // speaker through its subject.
            let verb = toks.iter().position(|t| {
                !t.quoted && t.text.starts_with(char::is_lowercase) && !self.verb_of(t).is_empty()
            });
            // A subject with its apposition before the verb (`Der Chef der X, Eva Roth,
            // würdigte …`) is the whole phrase before the comma, not the object after the verb.
            let apposed = |v: usize| {
                (v > 1 && toks[v - 1].text == "," && self.verbless(&toks[..v - 1]))
                    .then(|| toks[0].span.start..toks[v - 2].span.end)
            };
            let verb_speaker = verb
                .and_then(|v| apposed(v).or_else(|| self.verb_subject(toks, v, 0)))
                .filter(|r| self.names_speaker(r));
            // The verb that names the speaker is the quotation's cue.
            let (speaker, cue) = match (before_colon, verb_speaker) {
                (Some(r), _)
                    if r.end > r.start
                        && self.names_speaker(&r)
                        && self.colon_speaker(toks, &r) =>
                {
                    (SpeakerRef::Spans(vec![r]), None)
                }
                (_, Some(r)) => (
                    SpeakerRef::Spans(vec![r]),
                    verb.map(|v| toks[v].text.to_string()),
                ),
                (_, None) if judged_by.is_some() => (
                    SpeakerRef::Spans(judged_by.into_iter().collect()),
                    Some("für".to_string()),
                ),
                _ => (
                    self.recent(6).map_or(SpeakerRef::None, SpeakerRef::SameAs),
                    None,
                ),
            };
            let i = self.push(
                q.inner.clone(),
                StatementKind::Direct,
                cue,
                speaker.clone(),
                None,
                Vec::new(),
            );
            self.nested_in_quote(q, toks, i);
            if !matches!(speaker, SpeakerRef::None) {
                self.last = Some((i, self.unit_no));
            }
        }
    }

    /// The named holder of a judgement quoted after a copula: `Für X ist …`/`…, ist für X
    /// „…“`, where `für X` and the copula stand before the quotation in its clause.
    fn judged_by(&self, toks: &[Tok], q: &Quote) -> Option<Span> {
        const COPULA: &[&str] = &["ist", "sind", "war", "waren", "sei", "seien", "wäre"];
        // The tokens that end before the quotation are a run from the first, as tokens are in
        // order and do not overlap; the clause is the unquoted ones after the last unquoted
        // `,`, `;` or `:` among them. Read in place rather than listed in a new vector.
        let n = toks.partition_point(|t| t.span.end <= q.outer.start);
        let start = toks[..n]
            .iter()
            .rposition(|t| !t.quoted && matches!(t.text, "," | ";" | ":"))
            .map_or(0, |p| p + 1);
        let clause = &toks[start..n];
        if !clause.iter().any(|t| !t.quoted && COPULA.contains(&t.text)) {
            return None;
        }
        let k = start
            + clause
                .iter()
                .position(|t| !t.quoted && (t.text == "Für" || t.text == "für"))?;
        self.np_after(toks, k + 1)
            .filter(|n| n.end <= q.outer.start && self.names_speaker(n))
    }

    /// Whether the words before a quotation's colon can name its speaker: a clause with a verb
    /// (`X schloss mit den Worten: „…“`) or a phrase headed by a name, title or article
    /// (`Minister X: „…“`), but not a common noun whose names stand in the genitive
    /// (`Garantien also der A, der B: „…“`), which only says what the quotation is about.
    fn colon_speaker(&self, toks: &[Tok], r: &Span) -> bool {
        let inside: Vec<&Tok> = toks
            .iter()
            .filter(|t| !t.quoted && r.start <= t.span.start && t.span.end <= r.end)
            .collect();
        if inside
            .iter()
            .any(|t| t.text.starts_with(char::is_lowercase) && !self.verb_of(t).is_empty())
        {
            return true;
        }
        let Some(first) = inside.iter().find(|t| t.word) else {
            return true;
        };
        let Some(m) = self.mentions_in(r).next() else {
            return true;
        };
        let genitive = inside
            .iter()
            .rev()
            .find(|t| t.span.end <= m.span.start)
            .is_some_and(|t| ["der", "des"].contains(&t.text));
        let head = first.span.start == m.span.start
            || ["Der", "Die", "Das", "Den", "Dem"].contains(&first.text)
            || crate::resolve::attribution::is_title(first.text);
        head || !genitive || !is_cap(first.text)
    }

    /// Content that precedes its attribution starts after the last colon outside quotations
    /// that enough words follow (`X versuchte zu beruhigen: <content>, so X`); a colon that
    /// only opens a quotation (`…: „…“, so X`) is passed over for the one before it.
    fn after_last_colon(&self, toks: &[Tok], content: Span) -> Span {
        toks.iter()
            .filter(|t| {
                !t.quoted
                    && t.text == ":"
                    && t.span.start >= content.start
                    && t.span.end <= content.end
            })
            .map(|t| t.span.end)
            .rev()
            .find(|&c| self.words_outside(&(c..content.end), toks) >= 3)
            .map_or(content.clone(), |c| c..content.end)
    }

    /// Whether a speaker phrase is only the conjunction of a coordinated verb (`und verlangt`).
    fn elided_subject(&self, s: &SpeakerRef) -> bool {
        matches!(s, SpeakerRef::Spans(v) if v.len() == 1
            && ["und", "oder", "sowie", "aber", "Und", "Oder", "Aber"]
                .contains(&&self.text[v[0].clone()]))
    }

    /// Whether the verb of saying `cue` is a participle whose auxiliary before it in its clause
    /// stands in the Konjunktiv (`hätten signalisiert`, `habe erklärt`, `sei gesagt worden`).
    fn konj_perfect(&self, toks: &[Tok], cue: &str) -> bool {
        // Irregular participles may equal a finite form (`beschrieben`); only the past in
        // `-te` cannot be one. The ending is tested before the cue is looked for among the
        // tokens: most cues are in the past.
        if cue.ends_with("te") || cue.ends_with("ten") {
            return false;
        }
        let Some(v) = toks.iter().position(|t| !t.quoted && t.text == cue) else {
            return false;
        };
        let start = toks[..v]
            .iter()
            .rposition(|t| t.quoted || matches!(t.text, "," | ":" | ";"))
            .map_or(0, |k| k + 1);
        toks[start..v]
            .iter()
            .any(|t| ["habe", "hätte", "hätten", "sei", "seien"].contains(&t.text))
    }

    /// Whether a person, organisation or country is named inside `r`.
    fn names_speaker(&self, r: &Span) -> bool {
        self.mentions_in(r).any(|m| {
            matches!(
                m.kind,
                EntityKind::Person | EntityKind::Organization | EntityKind::Country
            )
        })
    }

    /// Mentions lying inside `r`, found by binary search over mentions sorted by start.
    fn mentions_in(&self, r: &Span) -> impl Iterator<Item = &Mention> + '_ {
        let first = self.mentions.partition_point(|m| m.span.start < r.start);
        let end = r.end;
        self.mentions[first..]
            .iter()
            .take_while(move |m| m.span.start < end)
            .filter(move |m| m.span.end <= end)
    }

    /// A word shaped like a Konjunktiv I verb that the closed list does not know (`verliere`,
    /// `attackiere`): lower case, ending in `-e`, right after a capitalised subject or a
    /// pronoun, as a verb in second position stands; inflected adjectives in `-e` follow
    /// articles instead.
    #[inline(always)]
    fn konj1_shape(&self, toks: &[Tok], j: usize) -> bool {
        // Asked about every token of a unit without a cue: the first tests, which most words
        // fail, stand inlined in the caller's loop.
        // A word of fewer than five bytes has fewer than five characters, which
        // `konj1_verb_shape` rules out: the common short words in `-e` (`die`, `sie`, `eine`)
        // need no call.
        // The word's length and last byte come first: they rule out most words, where the
        // quoted flag and the index rule out few.
        let t = &toks[j];
        t.text.len() >= 5
            && t.text.ends_with('e')
            && !t.quoted
            && j > 0
            && self.konj1_verb_shape(toks, j)
    }

    /// The rest of `konj1_shape`'s tests, for an unquoted word in `-e` after the first. Not
    /// inlined, so that `konj1_shape` stays small enough to inline in the callers' loops.
    #[inline(never)]
    fn konj1_verb_shape(&self, toks: &[Tok], j: usize) -> bool {
        // Words in `-e` that are no verbs: a `match`, which compares only the words of the
        // same length, where a list was compared word by word.
        fn not_verb(w: &str) -> bool {
            matches!(
                w,
                "alle"
                    | "diese"
                    | "jene"
                    | "jede"
                    | "keine"
                    | "eine"
                    | "meine"
                    | "deine"
                    | "seine"
                    | "ihre"
                    | "unsere"
                    | "eure"
                    | "beide"
                    | "einige"
                    | "viele"
                    | "manche"
                    | "welche"
                    | "solche"
                    | "ohne"
                    | "gerne"
                    | "heute"
                    | "lange"
                    | "bitte"
                    | "alleine"
                    | "eigene"
                    | "andere"
                    | "weitere"
                    | "ganze"
                    | "erste"
                    | "letzte"
                    | "nächste"
                    | "beste"
                    | "meiste"
                    | "wenige"
                    | "gleiche"
                    | "derselbe"
                    | "dieselbe"
                    | "selbe"
                    | "zwecke"
                    | "ende"
                    | "mitte"
                    | "gemäße"
                    | "gerade"
                    | "wurde"
                    | "stelle"
                    | "wache"
                    | "habe"
                    | "sowie"
                    | "mehrere"
                    | "circa"
                    | "ebene"
                    | "rede"
                    | "kaum"
                    | "dabei"
                    | "weise"
            )
        }
        // The word before is tested first: most words in `-e` follow an article or a word in
        // lower case (`die neue`, `eine große`), and that test is cheaper than the lists.
        let p = toks[j - 1].text;
        if !((is_cap(p) && toks[j - 1].word && !is_article_folded(p))
            || ["er", "sie", "es", "man"].contains(&p))
        {
            return false;
        }
        let t = &toks[j];
        if t.text.chars().count() < 5 {
            return false;
        }
        if !t.text.starts_with(char::is_lowercase) || not_verb(t.text) || is_adjective_stem(t.text)
        {
            return false;
        }
        // First person present tense looks the same (`ich lehne`, `lehne ich`).
        let first_person = |k: usize| {
            toks.get(k)
                .is_some_and(|t| matches!(t.text, "ich" | "Ich" | "wir" | "Wir"))
        };
        !(first_person(j - 1) || first_person(j + 1))
    }

    /// Reported speech nested in a statement's content (`…, Trump habe erklärt, dass …`).
    /// `classes` holds the `class` bits of all of `toks` (or more), as `find_cue` takes them.
    fn nested(&mut self, content: &Span, toks: &[Tok], classes: u8, outer: usize) {
        // Tokens are in order and do not overlap, so those inside the content are one run.
        let a = toks.partition_point(|t| t.span.start < content.start);
        let b = a + toks[a..].partition_point(|t| t.span.end <= content.end);
        let inner = &toks[a..b];
        if inner.len() < 4 {
            return;
        }
        let Some(f) = self.find_cue(content, inner, classes) else {
            return;
        };
        if f.content.start <= content.start + 1 && f.content.end + 1 >= content.end {
            return;
        }
        // Only a clause opened by its own comma or colon is nested speech; a summary verb
        // inside the content is part of the outer statement.
        let opened = self.text[..f.content.start]
            .trim_end()
            .ends_with([',', ':']);
        // A summary act whose subject names someone else is nested speech too (`…, dass sich
        // die USA gegen eine Mitgliedschaft aussprechen` is the USA's).
        let cue_word = f.cue.split(' ').next().unwrap_or("");
        let summary = self.lex.verb(cue_word).iter().any(|c| c.summary)
            && matches!(&f.speaker, SpeakerRef::Spans(v) if v.iter().any(|r| self.names_speaker(r)));
        if (opened || summary) && self.words_outside(&f.content, inner) >= 2 {
            let c = self.strip_content(f.content);
            let speaker = match f.speaker {
                SpeakerRef::None => SpeakerRef::SameAs(outer),
                s if self.elided_subject(&s) => SpeakerRef::SameAs(outer),
                s => s,
            };
            self.push(
                c,
                StatementKind::Indirect,
                Some(f.cue),
                speaker,
                f.addressee,
                f.topics,
            );
        }
    }

    /// Speech the quoted speaker reports in their own words (`„Die Gemeinden haben klar gesagt,
    /// dass sie zahlen“`) is the reported speaker's, nested in the quotation: the quotation is
    /// read as a text of its own.
    /// `toks` are the tokens of the unit that holds the quotation: those inside it are its
    /// tokens, read as unquoted, rather than the document's cut into tokens again. They are
    /// the same: the quotation marks are tokens of their own, which no token joins across.
    fn nested_in_quote(&mut self, q: &Quote, toks: &[Tok<'a>], outer: usize) {
        let a = toks.partition_point(|t| t.span.start < q.inner.start);
        let b = a + toks[a..].partition_point(|t| t.span.start < q.inner.end);
        // `nested` looks for nothing in fewer than four tokens.
        if b - a < 4 {
            return;
        }
        // The tokens go into the vector the last quotation used, which is put back at the end.
        let mut inner = std::mem::take(&mut self.quote_toks);
        inner.clear();
        let mut classes = 0;
        inner.extend(toks[a..b].iter().map(|t| {
            classes |= t.class;
            Tok {
                quoted: false,
                ..t.clone()
            }
        }));
        self.nested(&q.inner, &inner, classes, outer);
        self.quote_toks = inner;
    }

    fn words_outside(&self, span: &Span, toks: &[Tok]) -> usize {
        // Tokens are in order and do not overlap, so those inside the span are one run, found
        // by two binary searches instead of a test of every token.
        let a = toks.partition_point(|t| t.span.start < span.start);
        let b = a + toks[a..].partition_point(|t| t.span.end <= span.end);
        toks[a..b].iter().filter(|t| !t.quoted && t.word).count()
    }

    /// Content without surrounding space, the final period, a trailing comma and a leading
    /// `dass`/`ob`.
    fn strip_content(&self, span: Span) -> Span {
        let t = &self.text[span.clone()];
        // The white space is measured by byte (`quotes::lead_space` and `trail_space`, tested
        // against `trim_start` and `trim_end`), and a mark before it is read from its byte
        // where that is ASCII, a whole character: a character is decoded only beyond ASCII.
        let mut a = span.start + quotes::lead_space(t);
        let mut b = span.end - quotes::trail_space(t);
        let bytes = self.text.as_bytes();
        while b > a {
            let c = match bytes[b - 1] {
                x if x.is_ascii() => char::from(x),
                _ => self.text[..b].chars().next_back().unwrap_or(' '),
            };
            if matches!(c, '.' | ',' | ';' | ':' | ' ' | '–' | '-') {
                b -= c.len_utf8();
            } else {
                break;
            }
        }
        // Each of the words begins with `d`, `o`, `D` or `O`: content that begins otherwise
        // keeps its start through all four tests, and is not sliced for them.
        if a < b && matches!(bytes[a], b'd' | b'o' | b'D' | b'O') {
            for lead in ["dass ", "ob ", "Dass ", "Ob "] {
                if self.text[a..b].starts_with(lead) {
                    a += lead.len();
                }
            }
        }
        a..b.max(a)
    }

    fn after_colon(&self, q: &Quote) -> bool {
        self.text[..q.outer.start].trim_end().ends_with(':')
    }

    /// The word right before a quotation's opening mark, if a word stands there.
    fn word_before(&self, q: &Quote) -> Option<&'a str> {
        let before = self.text[..q.outer.start].trim_end();
        let start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '-'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let w = &self.text[start..before.len()];
        (!w.is_empty()).then_some(w)
    }

    /// A short quotation that predicates something of an object, as a verb of naming or
    /// judging frames it: after `als`, `von`, `vor`, an indefinite article, or a lower-case
    /// word (`nannte sie „reine Spekulation“`, `sprach von einer „Wende“`).
    fn predicate_quote(&self, q: &Quote) -> bool {
        let inner = self.text[q.inner.clone()].trim_start();
        self.word_before(q)
            .is_some_and(|w| PREDICATE_MARKERS.contains(&w) || w.starts_with(char::is_lowercase))
            || inner.starts_with(char::is_lowercase)
            || self.reproach(q)
    }

    /// What one is reproached with (`warfen der Regierung „Wortbruch“ vor`) is the reproach
    /// itself, not a name: `vor` closes the clause of `werfen` right after the quotation.
    fn reproach(&self, q: &Quote) -> bool {
        let before = &self.text[..q.outer.start];
        let after = self.text[q.outer.end..].trim_start();
        let clause_start = before
            .rfind(['.', ',', ';', ':', '!', '?'])
            .map_or(0, |k| k + 1);
        ["vor.", "vor,", "vor "]
            .iter()
            .any(|p| after.starts_with(p))
            && before[clause_start..]
                .split_whitespace()
                .any(|w| ["warf", "warfen", "wirft", "werfen", "werfe"].contains(&w))
    }

    /// Whether a quotation is speech rather than a name, title or scare quote.
    fn quote_is_statement(&self, q: &Quote, attributed: bool) -> bool {
        let t = self.text[q.inner.clone()].trim();
        // Only the first word and the number of words up to 13 matter below (no test asks
        // about more than 12), so a long quotation is not split whole.
        let Some(first) = t.split_whitespace().next() else {
            return false;
        };
        let n_words = count_words(t, 13);
        // The word before the quotation, which several tests below ask about: found once.
        let word_before = self.word_before(q);
        // Chants and slogans (`skandierten Parolen wie „…“`, `mit der Parole „…“`) are words
        // said, whatever their case.
        let slogan = attributed && {
            let before = self.text[..q.outer.start].trim_end();
            let before = before.strip_suffix("wie").unwrap_or(before).trim_end();
            let w = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            SLOGAN_NOUNS.contains(&w)
        };
        if slogan {
            return true;
        }
        // A quotation right after a noun of titles and names (`das Buch „…“`, `unter dem Motto
        // „…“`, `die Organisation „…“`) is that title or name.
        if word_before.is_some_and(|w| is_cap(w) && ends_with_title_noun(w)) {
            return false;
        }
        // So is one in parentheses (`die Partei Jobbik („Bewegung für …“)`), one after a title
        // noun and a colon (`Motto: „…“`), and an example in a list (`Themen wie „…“`).
        let terminal = t.ends_with(['.', '!', '?', '…']);
        let before = self.text[..q.outer.start].trim_end();
        if (before.ends_with('(') && !terminal && n_words <= 8)
            || (!attributed && word_before == Some("wie"))
        {
            return false;
        }
        if let Some(b) = before.strip_suffix(':')
            && !attributed
        {
            let w = b
                .rsplit(|c: char| !(c.is_alphanumeric() || c == '-'))
                .next()
                .unwrap_or("");
            if is_cap(w) && ends_with_title_noun(w) {
                return false;
            }
        }
        let opener = [
            "Kein", "Keine", "Nicht", "Nein", "Ja", "Ich", "Wir", "Er", "Es", "Man", "Dies", "Das",
        ];
        // Only asked about a quotation that might be a name (see below): most are sentences.
        let name_like = || {
            !opener.contains(&first)
                && is_cap(first)
                && t.split_whitespace().all(|w| {
                    is_cap(w)
                        || NAME_WORDS
                            .contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
                })
        };
        // One capitalised word after `als` or an indefinite article is a predicate noun, not
        // a name, when a verb of saying frames it (`nannte ihn einen „Verräter“`).
        // After `als` a verb of naming frames a predicate of any length (`bezeichnete es als
        // „Geschäft des Jahrzehnts“`).
        // So is a short phrase after an indefinite article or `zu` (`sprach von einer „Gefahr
        // für Leib und Leben“`, `riet zu „Ruhe und Geduld“`): names take the definite article.
        let indefinite = n_words <= 6
            && word_before.is_some_and(|w| {
                [
                    "ein", "eine", "einer", "einen", "einem", "eines", "zu", "zur", "zum",
                ]
                .contains(&w)
            });
        let predicate_noun = || {
            self.reproach(q)
                || attributed
                    && (n_words == 1 && word_before.is_some_and(|w| PREDICATE_MARKERS.contains(&w))
                        || word_before == Some("als")
                        || indefinite)
        };
        if !terminal && n_words <= 12 && !predicate_noun() && name_like() {
            return false;
        }
        // A capitalised quotation after a definite article (`der „Preis für …“`, `beim „Fest der
        // Sinne“`) is a name; quoted speech there starts with an adjective in lower case.
        let definite = word_before.is_some_and(|w| {
            [
                "der", "die", "das", "des", "dem", "den", "Der", "Die", "Das", "im", "Im", "beim",
                "vom", "zum", "zur", "am",
            ]
            .contains(&w)
        });
        if definite && is_cap(first) && !terminal && !self.after_colon(q) {
            return false;
        }
        if terminal && n_words >= 2 {
            return true;
        }
        if attributed || self.after_colon(q) {
            return true;
        }
        n_words >= 4
    }

    /// `X: …` at the start of a line, where X is a short phrase naming an entity: a headline
    /// statement (or the speaker of a quotation after the colon).
    fn headline(&mut self, u: &Span, toks: &[Tok], quotes: &[Quote]) -> bool {
        let Some(ci) = toks.iter().position(|t| t.text == ":" && !t.quoted) else {
            return false;
        };
        if ci == 0 || ci > 8 {
            return false;
        }
        let prefix = u.start..toks[ci].span.start;
        let np = self.np_after(toks, 0);
        if np.as_ref().is_none_or(|n| n.end != prefix.end) {
            return false;
        }
        if !self.names_speaker(&prefix) {
            return false;
        }
        let content = toks[ci].span.end..u.end;
        let speaker = SpeakerRef::Spans(vec![prefix]);
        // A heading that is mostly a quotation (`X: „…“ bei Y`) is the quotation alone.
        let outside = self.words_outside(&content, toks);
        let quoted = toks
            .iter()
            .any(|t| t.quoted && t.span.start >= content.start);
        let mut pushed = false;
        if outside >= 3 || (outside >= 2 && !quoted) {
            let c = self.strip_content(content);
            let i = self.push(
                c,
                StatementKind::Indirect,
                None,
                speaker.clone(),
                None,
                Vec::new(),
            );
            // A heading does not continue into the text below it.
            let _ = i;
            pushed = true;
        }
        for q in quotes {
            if q.outer.start > toks[ci].span.start && self.quote_is_statement(q, true) {
                let i = self.push(
                    q.inner.clone(),
                    StatementKind::Direct,
                    None,
                    speaker.clone(),
                    None,
                    Vec::new(),
                );
                let _ = i;
                pushed = true;
            }
        }
        pushed
    }

    /// A noun phrase starting at token `i`: articles, adjectives before a noun, capitalised
    /// words, `und`/`von` joining further noun phrases, parenthesised additions (`(CDU)`). A
    /// lone personal pronoun is a noun phrase too.
    fn np_after(&self, toks: &[Tok], mut i: usize) -> Option<Span> {
        // The lists are `matches!` patterns, not arrays searched: each word is compared in
        // place with a few loads, where the array's search calls `memcmp` for each of its words
        // of the same length.
        while i < toks.len()
            && matches!(
                toks[i].text,
                "sich"
                    | "auch"
                    | "nun"
                    | "jedoch"
                    | "aber"
                    | "dabei"
                    | "dazu"
                    | "zudem"
                    | "außerdem"
                    | "noch"
                    | "bereits"
                    | "damals"
                    | "ebenfalls"
                    | "weiter"
            )
        {
            i += 1;
        }
        let start = i;
        if i < toks.len() && matches!(toks[i].text, "er" | "sie" | "Er" | "Sie") {
            let joined = toks.get(i + 1).is_some_and(|t| t.text == "und");
            if !joined {
                return Some(toks[i].span.clone());
            }
            i += 2;
        }
        let mut last = None;
        let mut need_noun = false;
        while i < toks.len() {
            let w = toks[i].text;
            if toks[i].quoted {
                // A short quoted name (`laut „Welt“`) is a noun phrase of its own.
                let k = toks[i..].iter().take_while(|t| t.quoted).count();
                // So is one right after the noun for its kind (`die Nachrichtenseite „Golem“`).
                let named = last.is_some_and(|l: usize| ends_with_title_noun(toks[l].text))
                    && k <= 5
                    && toks[i..i + k]
                        .iter()
                        .find(|t| t.word)
                        .is_some_and(|t| is_cap(t.text));
                if (last.is_none() || need_noun || named) && k <= 8 {
                    i += k;
                    last = Some(i - 1);
                    need_noun = false;
                    continue;
                }
                break;
            }
            // After a noun only a genitive continues the phrase (`Angaben der Gewerkschaft`);
            // another article opens the object (`nach Angaben der Gewerkschaft den Abbau`).
            let genitive = matches!(w, "der" | "des" | "eines" | "einer");
            if (is_article(w) || i == start && is_article_folded(w))
                && (need_noun || last.is_none() || genitive)
            {
                need_noun = true;
            } else if is_cap(w) && is_word(w) || hyphen_noun(w) {
                last = Some(i);
                need_noun = false;
            } else if (is_adjective(w)
                && (need_noun || last.is_none())
                && toks
                    .get(i + 1)
                    .is_some_and(|t| is_cap(t.text) || is_adjective(t.text)))
                || (last.is_some()
                    && matches!(w, "und" | "sowie" | "von" | "vom")
                    && toks
                        .get(i + 1)
                        .is_some_and(|t| is_cap(t.text) || is_article(t.text)))
            {
                need_noun = true;
            } else if w == "."
                && i > 0
                && (quotes_abbrev(toks[i - 1].text)
                    || (toks[i - 1].text.chars().count() == 1 && is_cap(toks[i - 1].text)))
                && toks[i - 1].span.end == toks[i].span.start
                && toks.get(i + 1).is_some_and(|t| is_cap(t.text))
            {
            } else if w == "(" && last.is_some() {
                match toks[i..].iter().position(|t| t.text == ")") {
                    Some(k) if k <= 6 => {
                        i += k;
                        last = Some(i);
                    }
                    _ => break,
                }
            } else if w == "," && last.is_some() && self.apposition(toks, i).is_some() {
                let k = self.apposition(toks, i).unwrap_or(i);
                i = k;
                last = Some(k);
            } else {
                break;
            }
            i += 1;
        }
        last.map(|l| toks[start].span.start..toks[l].span.end)
    }

    /// Whether tokens `from..to` are an apposition: names, titles, articles, adjectives and
    /// the small words of titles (`, Manager von Energie Cottbus,`), with no verb among them.
    fn apposition_until(&self, toks: &[Tok], from: usize, to: usize) -> bool {
        from < to && toks[from..to].iter().all(|t| self.appositive(t)) && toks[to].text == ","
    }

    /// Whether a token may be a word of an apposition (`apposition_until`).
    #[inline]
    fn appositive(&self, t: &Tok) -> bool {
        (is_cap(t.text) && !t.quoted)
            || is_article(t.text)
            || is_adjective(t.text) && !self.konj1_of(t) && !self.konj2_of(t)
            // A `matches!` pattern compares the word in place, where the search of a list
            // called `memcmp` for each of its words of the same length.
            || matches!(
                t.text,
                "von"
                    | "vom"
                    | "und"
                    | "für"
                    | "in"
                    | "im"
                    | "bei"
                    | "beim"
                    | "aus"
                    | "am"
                    | "an"
                    | "("
                    | ")"
                    | "-"
                    | "."
            )
    }

    /// `, Name Name,` after a noun phrase: the index of the last name token of the apposition.
    fn apposition(&self, toks: &[Tok], comma: usize) -> Option<usize> {
        let mut k = comma + 1;
        while k < toks.len() && is_cap(toks[k].text) && toks[k].word && !toks[k].quoted {
            k += 1;
        }
        let names = k - comma - 1;
        let is_person = toks.get(comma + 1).is_some_and(|t| {
            self.mentions_in(&(t.span.start..usize::MAX))
                .take_while(|m| m.span.start == t.span.start)
                .any(|m| m.kind == EntityKind::Person)
        });
        let closed = toks
            .get(k)
            .is_none_or(|t| matches!(t.text, "," | "." | "!" | "?"));
        ((1..=4).contains(&names) && is_person && closed).then_some(k - 1)
    }

    /// A noun phrase ending just before token `i` (`Angaben der Polizei zufolge`).
    fn np_before(&self, toks: &[Tok], i: usize) -> Option<Span> {
        let mut j = i;
        let mut first = None;
        while j > 0 {
            let w = toks[j - 1].text;
            if toks[j - 1].quoted {
                break;
            }
            // A modal in Konjunktiv (`dürfte ersten Annahmen zufolge`) looks like an inflected
            // adjective but ends the noun phrase.
            let verb = self.lex.konj1(w) || self.lex.konj2(w);
            // An inflected adjective follows its article or another adjective; a lower-case
            // word after a noun (`Die Zahlen waren Berichten zufolge`) is the verb before the
            // phrase, and a personal pronoun is no part of it.
            let attributive =
                j >= 2 && (is_article(toks[j - 2].text) || is_adjective(toks[j - 2].text));
            if (is_cap(w) && is_word(w) && !PRONOUNS.contains(&w) && w != "Es")
                || is_article(w)
                || ["und", "von", "vom"].contains(&w)
                || (is_adjective(w) && first.is_some() && !verb && attributive)
            {
                j -= 1;
                if is_cap(w) || is_article(w) {
                    first = Some(j);
                }
            } else {
                break;
            }
        }
        let f = first?;
        (f < i).then(|| toks[f].span.start..toks[i - 1].span.end)
    }

    fn speaker_ref(&self, region: Option<Span>) -> SpeakerRef {
        match region {
            None => SpeakerRef::None,
            Some(r) => {
                let t = &self.text[r.clone()];
                // An impersonal subject (`Es wird angenommen`, `man geht davon aus`) names nobody.
                if ["Es", "es", "Man", "man"].contains(&t) {
                    return SpeakerRef::None;
                }
                if PRONOUNS.contains(&t) {
                    SpeakerRef::Pronoun(r)
                } else {
                    SpeakerRef::Spans(vec![r])
                }
            }
        }
    }

    /// The index of the clause end after token `i`: the next comma, colon, semicolon, dash,
    /// opening quotation or the unit end.
    fn clause_end(&self, toks: &[Tok], i: usize) -> usize {
        toks[i..]
            .iter()
            .position(|t| t.quoted || is_clause_mark(t.text))
            .map_or(toks.len(), |k| i + k)
    }

    /// Addressee (`gegenüber X`, `im Interview mit X`) and topic phrases (`mit Blick auf X`,
    /// `über X`, `zu X`) among tokens `range` of the attribution.
    fn attribution_phrases(
        &self,
        toks: &[Tok],
        range: std::ops::Range<usize>,
    ) -> (Option<Span>, Vec<Span>) {
        let mut addressee = None;
        let mut topics = Vec::new();
        let mut i = range.start;
        while i < range.end.min(toks.len()) {
            let w = toks[i].text;
            if toks[i].quoted {
                i += 1;
                continue;
            }
            // The lower-case tests at once, on a copy on the stack rather than a new string.
            // Their words begin with `b`, `g`, `h`, `z` or `ü`, which only those letters in
            // either case lower-case to: a word with any other ASCII first byte is none of them
            // and is not copied. Nor is one of another length than theirs (2, 3, 5, 10 and 12
            // bytes, and 7 for `blick` with the Kelvin sign, the one character that lower-cases
            // to an ASCII letter, `k`, from more bytes).
            let may = matches!(w.len(), 2 | 3 | 5 | 7 | 10 | 12)
                && match w.as_bytes().first() {
                    Some(&b) if b.is_ascii() => {
                        matches!(b.to_ascii_lowercase(), b'b' | b'g' | b'h' | b'z')
                    }
                    _ => true,
                };
            // A word that is none of them is asked only whether it ends in `Interview` or
            // `Gespräch`, which a word of fewer than nine bytes cannot: most words go on at once.
            if !may && w.len() < 9 {
                i += 1;
                continue;
            }
            let (towards, regarding, about) = if !may {
                (false, false, false)
            } else if w.is_ascii() {
                // An ASCII word lower-cases byte by byte, so it is compared in place with the
                // ASCII words among them, without a copy (`gegenüber`, `über` and `bezüglich`
                // are none of its lower-case forms).
                (
                    false,
                    w.eq_ignore_ascii_case("blick") || w.eq_ignore_ascii_case("bezug"),
                    ["zu", "zum", "zur", "hinsichtlich"]
                        .iter()
                        .any(|a| w.eq_ignore_ascii_case(a)),
                )
            } else {
                crate::lexicon::with_lowercase(w, |lw| {
                    (
                        lw == "gegenüber",
                        lw == "blick" || lw == "bezug",
                        ["über", "zu", "zum", "zur", "bezüglich", "hinsichtlich"].contains(&lw),
                    )
                })
            };
            if towards {
                addressee = addressee.or_else(|| self.np_after(toks, i + 1));
            } else if w.ends_with("Interview")
                || w.ends_with("Gespräch")
                || w.ends_with("Interviews")
            {
                let k = if toks.get(i + 1).is_some_and(|t| t.text == "mit") {
                    i + 2
                } else {
                    i + 1
                };
                if toks
                    .get(k)
                    .is_some_and(|t| is_article(t.text) || is_cap(t.text))
                {
                    addressee = addressee.or_else(|| self.np_after(toks, k));
                }
            } else if regarding && toks.get(i + 1).is_some_and(|t| t.text == "auf") {
                topics.extend(self.np_after(toks, i + 2));
            } else if about {
                topics.extend(self.np_after(toks, i + 1));
            }
            i += 1;
        }
        (addressee, topics)
    }

    /// Finds the first attributing cue of a unit and what it attributes.
    /// `classes` holds the `class` bits of all of `toks` (or more): without the `CUE` bit
    /// only a first word before a passive auxiliary is asked about, and without the `STANCE`
    /// bit no stance frame is looked for, so that a unit without such a word skips the walk
    /// over its words.
    fn find_cue(&self, u: &Span, toks: &[Tok], classes: u8) -> Option<Found> {
        let mut fallback: Option<Found> = None;
        // Where the fallback's source phrase stands.
        let mut fallback_at = usize::MAX;
        let passive_second = toks.get(1).is_some_and(|a| is_passive_aux(a.text));
        let walked: &[Tok] = if classes & lexicon::class::CUE != 0 || passive_second {
            toks
        } else {
            &[]
        };
        // Where the search for the next word to ask about starts.
        let mut next = 0;
        loop {
            // Most words are neither one of `cue_at`'s own words nor a verb form, for which it
            // answers `None`: a key filter rules them out without a call. So is the first word,
            // unless a passive auxiliary follows it (`Kritisiert wird, dass …`): that is all
            // `cue_at` looks for in a first word besides (`fronted_participle`).
            // The words with the class bit are found by a loop that tests nothing else, as
            // most tokens lack it; the first word is asked about apart from that loop.
            let i = if next == 0 && passive_second {
                0
            } else {
                match walked[next..]
                    .iter()
                    .position(|t| t.class & lexicon::class::CUE != 0)
                {
                    Some(d) => next + d,
                    None => break,
                }
            };
            next = i + 1;
            let t = &walked[i];
            if t.quoted || !t.word {
                continue;
            }
            let w = t.text;
            // A word after the first without the `CUE_WORD` bit is none of `cue_at`'s own
            // words, so `cue_at` would answer it as a verb form or not at all: the look-up of
            // the verb form is made here, and most words, which are none, cost no call.
            let f = if i > 0 && t.class & lexicon::class::CUE_WORD == 0 {
                if !w.starts_with(char::is_lowercase) {
                    continue;
                }
                match self.lex.verb_of_class_inline(w, t.class) {
                    [] => continue,
                    entries => self.verb_cue(u, toks, i, entries),
                }
            } else {
                self.cue_at(u, toks, i)
            };
            if let Some(f) = f {
                // A source phrase that names no one (`nach ersten Schätzungen`) gives way to a
                // later cue that may (`…, sagte er`). Whether the speaker names anyone is asked
                // only of a source phrase: most cues are none.
                let anonymous = || {
                    matches!(&f.speaker, SpeakerRef::Spans(v) if v.iter().all(|r| !self.names_speaker(r)))
                        || matches!(f.speaker, SpeakerRef::None)
                };
                let source =
                    ["laut", "Laut", "zufolge", "nach", "Nach", "gemäß", "Gemäß"].contains(&w);
                // So does a text as the source (`In dem Papier stehe, dass …: „…“, so X`): a
                // later speaker reports what it says, and the text's words nest in theirs.
                let written = ["steht", "stehe", "stand", "stünde", "lesen", "hören"].contains(&w);
                if (written || source && anonymous()) && fallback.is_none() {
                    fallback = Some(f);
                    fallback_at = t.span.start;
                    continue;
                }
                if fallback.is_some() && matches!(f.speaker, SpeakerRef::None) {
                    break;
                }
                // A cue inside the content of the source phrase (`Laut Polizei habe der Mann
                // begonnen, … und verlangt, …`) is part of what the source says; only one that
                // attributes the source phrase too (`Nach ersten Schätzungen …, sagte er`)
                // replaces it.
                // But a named subject that opens the sentence before the source phrase (`X
                // hatte nach Aussage eines Kollegen die Auffassung vertreten, …`) speaks, and
                // the source phrase only says how that became known. That is asked only where
                // a source phrase came first.
                let subject_first = || match &f.speaker {
                    SpeakerRef::Spans(v) => {
                        !v.is_empty()
                            && v.iter().all(|r| r.end <= fallback_at)
                            && v.iter().any(|r| self.names_speaker(r))
                    }
                    _ => false,
                };
                if let Some(fb) = &fallback
                    && f.content.start > fb.content.start
                    && !subject_first()
                {
                    return fallback;
                }
                return Some(f);
            }
        }
        // `noun_clause` finds nothing in a unit without a comma (its mark bit), which most
        // units are: the call is skipped there.
        fallback
            .or_else(|| self.speech_noun_colon(u, toks))
            .or_else(|| {
                (self.marks & mark::COMMA != 0)
                    .then(|| self.noun_clause(toks))
                    .flatten()
            })
            .or_else(|| {
                (classes & lexicon::class::STANCE != 0)
                    .then(|| self.stance_frame(u, toks))
                    .flatten()
            })
    }

    /// The words `cue_at` answers for by name (its match arms), besides the verb forms of the
    /// lexicon and the first word: `find_cue` asks it about no other word, so a word added to
    /// an arm must be added here too.
    pub(super) const CUE_WORDS: &'static [&'static str] = &[
        "laut",
        "Laut",
        "Ansicht",
        "Meinung",
        "Auffassung",
        "Überzeugung",
        "Einschätzung",
        "sich",
        "zufolge",
        "nach",
        "Nach",
        "gemäß",
        "Gemäß",
        "Sicht",
        "so",
        "heißt",
        "hieß",
        "geheißen",
        "sieht",
        "sah",
        "steht",
        "stehe",
        "stand",
        "stünde",
        "lesen",
        "hören",
        "bekannt",
        "Danach",
        "Demnach",
        "demnach",
        "wonach",
    ];

    /// The single words of announcing that `told_object` looks for, besides the verb forms
    /// joined to `bekannt` (`bekannt gab`): the `TOLD` class bit is set for no other word, so
    /// a word added to its test must be added here too.
    pub(super) const TOLD_WORDS: &'static [&'static str] =
        &["bekannt", "bekanntgegeben", "verkündet", "veröffentlicht"];

    /// The cue at word `i` of the unit, if it is one: the test of each word of `find_cue`.
    /// It is a function of its own, not inlined, because inlined its many rules kept a dozen
    /// pointers into the tokens alive in `find_cue`'s loop, each stepped on every token.
    #[inline(never)]
    fn cue_at(&self, u: &Span, toks: &[Tok], i: usize) -> Option<Found> {
        let w = toks[i].text;
        match w {
            "laut" | "Laut" => {
                // A source in lower case (`laut taz`, `laut ai-Bericht`) is one word; a
                // preposition or particle after it makes `laut` the adverb (`dachte laut
                // über … nach`).
                const NOT_SOURCES: &[&str] = &[
                    "über", "auf", "aus", "mit", "von", "vom", "für", "zu", "zum", "zur", "bei",
                    "nach", "vor", "wie", "als", "und", "oder", "an", "am", "in", "im", "um", "ab",
                    "es", "sich", "so", "ein", "nur", "sehr", "noch",
                ];
                let adverb = toks
                    .get(i + 1)
                    .is_some_and(|t| NOT_SOURCES.contains(&t.text));
                let np = (!adverb)
                    .then(|| self.np_after(toks, i + 1))
                    .flatten()
                    .or_else(|| {
                        toks.get(i + 1)
                            .filter(|t| {
                                !t.quoted
                                    && t.word
                                    && !is_article(t.text)
                                    && (t.text.contains(['-', '.']) || t.text.len() <= 4)
                            })
                            .map(|t| t.span.clone())
                    })
                    .or_else(|| self.fronted_source_after(toks, i))
                    .filter(|_| !adverb);
                self.source_cue(u, toks, i, np, w)
            }
            "Ansicht" | "Meinung" | "Auffassung" | "Überzeugung" | "Einschätzung" => {
                self.opinion_cue(u, toks, i)
            }
            "sich" => self.stance_cue(u, toks, i),
            "zufolge" => {
                let np = self
                    .np_before(toks, i)
                    .or_else(|| self.source_phrase_before(toks, i));
                self.source_cue(u, toks, i, np, w)
            }
            "nach" | "Nach" | "gemäß" | "Gemäß" => self.nach_cue(u, toks, i),
            "Sicht" if i > 0 && toks[i - 1].text.eq_ignore_ascii_case("aus") => {
                let np = self.np_after(toks, i + 1);
                self.source_cue(u, toks, i - 1, np, "aus Sicht")
            }
            "so" => self.so_cue(u, toks, i),
            "heißt" | "hieß" | "geheißen" => self.heisst_cue(u, toks, i),
            "sieht" | "sah" => self.view_cue(u, toks, i),
            "steht" | "stehe" | "stand" | "stünde" | "lesen" | "hören" => {
                self.written_cue(u, toks, i)
            }
            "bekannt" => self.became_known(u, toks, i),
            // `Danach` opening a sentence after one that names a study, a report or figures
            // (`Die Bank legte ihre Zahlen vor. Danach stieg der Gewinn.`) means according
            // to it; after anything else it is time (`Danach ging er.`).
            "Danach"
                if i == 0
                    && toks
                        .get(1)
                        .is_some_and(|t| !t.quoted && t.text.starts_with(char::is_lowercase))
                    && self.prev_unit_names_a_document() =>
            {
                Some(Found {
                    cue: w.to_string(),
                    content: toks[1].span.start..u.end,
                    speaker: SpeakerRef::None,
                    addressee: None,
                    topics: Vec::new(),
                })
            }
            "Demnach" | "demnach" | "wonach" => {
                // Inside its clause (`Der Plan soll demnach scheitern`) the adverb points
                // back to a source and the whole sentence is what it says, as for other
                // cues inside a sentence; first or after a comma it opens the content.
                let inside = i > 0 && w == "demnach" && toks[i - 1].text != ",";
                let c = if inside {
                    u.clone()
                } else {
                    toks.get(i + 1).map_or(u.end, |n| n.span.start)..u.end
                };
                Some(Found {
                    cue: w.to_string(),
                    content: c,
                    speaker: SpeakerRef::None,
                    addressee: None,
                    topics: Vec::new(),
                })
            }
            // Most lower-case words are no verb of saying: the look-up answers them here,
            // without a call of `verb_cue`.
            _ if w.starts_with(char::is_lowercase) => match self.verb_of(&toks[i]) {
                [] => None,
                entries => self.verb_cue(u, toks, i, entries),
            },
            _ if i == 0 => self.fronted_participle(u, toks),
            _ => None,
        }
    }

    /// `…, es gab einen Kritikpunkt, den er hatte: Wir geben zu wenig aus.`: a noun of speech
    /// (`Kritikpunkt`, `Forderung`, `Botschaft`) whose relative clause names who holds it,
    /// right before a colon, introduces that person's words.
    fn speech_noun_colon(&self, u: &Span, toks: &[Tok]) -> Option<Found> {
        const SPEECH_NOUNS: &[&str] = &[
            "kritikpunkt",
            "kritik",
            "vorwurf",
            "vorwürfe",
            "forderung",
            "forderungen",
            "botschaft",
            "argument",
            "argumente",
            "einwand",
            "einwände",
            "warnung",
            "appell",
            "mahnung",
            "versprechen",
            "zusage",
            "aussage",
            "position",
            "standpunkt",
            "these",
            "behauptung",
            "ratschlag",
            "empfehlung",
            "devise",
            "credo",
        ];
        // A unit without a colon token has no colon among `toks`: its mark answers most units.
        if self.marks & mark::COLON == 0 {
            return None;
        }
        let c = toks.iter().position(|t| !t.quoted && t.text == ":")?;
        let k = toks[..c].iter().rposition(|t| !t.quoted && t.text == ",")?;
        if k == 0 || c < k + 4 || !["den", "die", "das"].contains(&toks[k + 1].text) {
            return None;
        }
        let noun = toks[k - 1].text;
        let l = noun.to_lowercase();
        if !is_cap(noun) || !SPEECH_NOUNS.iter().any(|n| l.ends_with(n)) {
            return None;
        }
        // The relative clause's subject: a pronoun or a phrase naming someone, then its verb.
        let holder = self.np_after(toks, k + 2).filter(|n| {
            n.end <= toks[c - 1].span.start
                && (PRONOUNS.contains(&&self.text[n.clone()]) || self.names_speaker(n))
        })?;
        let content = toks[c].span.end..u.end;
        if self.words_outside(&content, toks) < 3 && !toks[c..].iter().any(|t| t.quoted) {
            return None;
        }
        Some(Found {
            cue: format!("{noun}, {} … {}", toks[k + 1].text, toks[c - 1].text),
            content,
            speaker: self.speaker_ref(Some(holder)),
            addressee: None,
            topics: Vec::new(),
        })
    }

    /// `laut X`, `X zufolge`, `nach Angaben X`: the cue stands inside the sentence, so the
    /// content is the sentence, without the source phrase where it opens the sentence.
    fn source_cue(
        &self,
        u: &Span,
        toks: &[Tok],
        i: usize,
        np: Option<Span>,
        cue: &str,
    ) -> Option<Found> {
        let np = np?;
        let frame_start = toks[i].span.start.min(np.start);
        let frame_end = toks[i].span.end.max(np.end);
        let first_word = toks.iter().find(|t| t.word)?.span.start;
        let content = if frame_start <= first_word {
            let mut s = frame_end;
            if self.text[s..u.end].trim_start().starts_with(',') {
                s = s + self.text[s..].find(',').unwrap_or(0) + 1;
            }
            s..u.end
        } else {
            // A source phrase inside a relative clause (`…, der nach ersten Erkenntnissen …
            // betrifft, …`) attributes that clause only.
            self.relative_clause_around(toks, i)
                .unwrap_or_else(|| u.clone())
        };
        let k = toks
            .iter()
            .position(|t| t.span.start >= np.end)
            .unwrap_or(toks.len());
        let (addressee, topics) = self.attribution_phrases(toks, i..k);
        let speaker =
            if np.start >= toks[i].span.start && self.text[np.clone()].starts_with("eigene") {
                // `laut eigener Aussage`: the subject of the sentence speaks.
                let first = toks.iter().position(|t| !t.quoted && t.word).unwrap_or(i);
                if first < i {
                    SpeakerRef::Spans(
                        std::iter::once(toks[first].span.start..toks[i - 1].span.end).collect(),
                    )
                } else {
                    SpeakerRef::None
                }
            } else if self.bare_compound_source(&np)
                && !toks
                    .iter()
                    .any(|t| !t.quoted && content.start <= t.span.start && konjunktiv(t.text))
            {
                // `Nach Polizeiangaben`, `Presseberichten zufolge`: a source noun whose first
                // part says what kind of source it is, but names no one. In the Konjunktiv
                // (`Nach Geheimdienst-Einschätzungen könnte …`) the sentence may go on with a
                // report around it, which resolution decides.
                SpeakerRef::None
            } else {
                self.speaker_ref(Some(np))
            };
        Some(Found {
            cue: cue.to_string(),
            content,
            speaker,
            addressee,
            topics,
        })
    }

    /// Words a source phrase may hold besides its nouns: articles, the prepositions and
    /// conjunctions of a title (`der Verband für X und Y`), parentheses and abbreviation dots.
    fn source_phrase_word(&self, toks: &[Tok], k: usize) -> bool {
        const SMALL: &[&str] = &[
            "am", "im", "vom", "von", "in", "an", "bei", "beim", "aus", "für", "und", "zum", "zur",
            "(", ")", ".", "-", "/", "&",
        ];
        let t = &toks[k];
        let w = t.text;
        t.quoted
            || (is_cap(w) && is_word(w))
            || is_article(w)
            || SMALL.contains(&w)
            // Names in lower case with a hyphen or a dot (`al-Sender`, `nachrichten.de`).
            || (w.starts_with(char::is_lowercase)
                && (w.contains('-')
                    || toks.get(k + 1).is_some_and(|n| n.text == "." && n.span.start == t.span.end)
                    || k > 0 && toks[k - 1].text == "." && toks[k - 1].span.end == t.span.start))
            // An attributive adjective or participle before its noun (`einer am Montag
            // veröffentlichten Mitteilung`).
            || (w.starts_with(char::is_lowercase)
                && is_adjective(w)
                && toks
                    .get(k + 1)
                    .is_some_and(|n| n.text.starts_with(char::is_uppercase) && !n.quoted))
    }

    /// The source phrase of a sentence that opens with `Laut` and puts its finite verb second
    /// (`Laut einer am Montag verbreiteten Mitteilung des Verbands wurden …`, `Laut
    /// nachrichten.de erschien …`), where a plain noun phrase does not reach the verb: the words
    /// from `Laut` up to the verb.
    fn fronted_source_after(&self, toks: &[Tok], i: usize) -> Option<Span> {
        let first = toks.iter().position(|t| t.word)?;
        if first != i {
            return None;
        }
        let mut k = i + 1;
        while k < toks.len() && k <= i + 14 && self.source_phrase_word(toks, k) {
            k += 1;
        }
        // The verb: a lower-case word right after the phrase.
        let verb = toks.get(k)?;
        // A name, capitalised or not (`nachrichten.de`), not only articles and prepositions.
        let named = toks[i + 1..k]
            .iter()
            .any(|t| t.word && !is_article_folded(t.text) && t.text.len() > 3);
        let end = self.words_end(toks, i + 1, k);
        (k > i + 1
            && named
            && end > i + 1
            && !verb.quoted
            && verb.word
            && verb.text.starts_with(char::is_lowercase))
        .then(|| toks[i + 1].span.start..toks[end - 1].span.end)
    }

    /// The source phrase before `zufolge` where a plain noun phrase does not reach it (`Dem
    /// Sender al-Kanal zufolge`, `Einer Erklärung des Verbands (VDL) zufolge`, `dem „Blatt“
    /// zufolge`): the source words back to an article or the sentence start.
    fn source_phrase_before(&self, toks: &[Tok], i: usize) -> Option<Span> {
        let mut j = i;
        while j > 0 && i - j < 14 && self.source_phrase_word(toks, j - 1) {
            j -= 1;
        }
        // The phrase opens with its first article (a name before it is the sentence's subject:
        // `hob X dem „Blatt“ zufolge hervor`), else with a name, not with a preposition.
        let article = (j..i).find(|&k| !toks[k].quoted && is_article_folded(toks[k].text));
        match article {
            Some(a) => j = a,
            None => {
                while j < i && !(is_cap(toks[j].text) && toks[j].word && !toks[j].quoted) {
                    j += 1;
                }
            }
        }
        let named = toks[j..i]
            .iter()
            .any(|t| t.quoted || is_cap(t.text) && t.word && !is_article_folded(t.text));
        (j < i && named).then(|| toks[j].span.start..toks[i - 1].span.end)
    }

    /// Whether the unit before the current one names a text or figures that can say something
    /// (`Studie`, `Umfrage`, `Bericht`, `Quartalszahlen`, `Darstellung`).
    fn prev_unit_names_a_document(&self) -> bool {
        const TEXTS: &[&str] = &[
            "studie",
            "studien",
            "umfrage",
            "umfragen",
            "bericht",
            "berichts",
            "analyse",
            "analysen",
            "statistik",
            "zahlen",
            "darstellung",
            "prognose",
            "prognosen",
            "hochrechnung",
            "erhebung",
            "untersuchung",
            "gutachten",
        ];
        let Some(p) = &self.prev_unit else {
            return false;
        };
        self.text[p.clone()]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.starts_with(char::is_uppercase))
            .any(|w| crate::lexicon::with_lowercase(w, |l| TEXTS.iter().any(|t| l.ends_with(t))))
    }

    /// Whether a source phrase is one compound source noun that names no entity
    /// (`Polizeiangaben`, `Augenzeugenberichten`, not `NASA-Angaben`).
    fn bare_compound_source(&self, np: &Span) -> bool {
        let t = &self.text[np.clone()];
        !t.contains(char::is_whitespace)
            && self.lex.source_noun(t)
            && self.lex.compound_source_noun(t)
            && !self.names_speaker(np)
    }

    /// The relative clause token `i` stands in: from the relative pronoun after a comma to the
    /// next comma or the unit end.
    fn relative_clause_around(&self, toks: &[Tok], i: usize) -> Option<Span> {
        const REL: &[&str] = &[
            "der", "die", "das", "dem", "den", "denen", "deren", "dessen", "welche", "welcher",
            "welches", "welchem", "wo",
        ];
        let comma = toks[..i].iter().rposition(|t| t.text == "," && !t.quoted)?;
        let first = toks.get(comma + 1)?;
        let second = toks.get(comma + 2)?;
        let relative = REL.contains(&first.text) && !(is_cap(second.text) && is_word(second.text))
            || (first.text.starts_with(char::is_lowercase)
                && [
                    "in", "unter", "mit", "von", "bei", "auf", "für", "über", "nach",
                ]
                .contains(&first.text)
                && REL.contains(&second.text));
        if !relative {
            return None;
        }
        // The clause ends at a comma before a verb of the main clause (`…, ist bekannt`), not at
        // the commas of an enumeration (`der Planung, Finanzierung und …`).
        let end = (i..toks.len())
            .find(|&k| {
                toks[k].text == ","
                    && !toks[k].quoted
                    && toks.get(k + 1).is_some_and(|n| {
                        n.text.starts_with(char::is_lowercase)
                            && !is_article(n.text)
                            && !["und", "oder", "sowie", "aber", "bzw"].contains(&n.text)
                    })
            })
            .unwrap_or(toks.len());
        (end > comma + 1).then(|| first.span.start..toks[end - 1].span.end)
    }

    /// `nach Angaben der Polizei`, `nach eigener Darstellung`, `seiner Ansicht nach`.
    fn nach_cue(&self, u: &Span, toks: &[Tok], i: usize) -> Option<Found> {
        // `erst nach`, `kurz nach`, `zwei Tage nach`: `nach` of time, not of a source.
        // A `matches!` pattern compares the word before in place, where the search of a list
        // called `memcmp` for each of its words of the same length; `nach` is a common word.
        fn before_time(w: &str) -> bool {
            matches!(
                w,
                "erst"
                    | "Erst"
                    | "kurz"
                    | "Kurz"
                    | "bald"
                    | "gleich"
                    | "unmittelbar"
                    | "Unmittelbar"
                    | "direkt"
                    | "noch"
                    | "bis"
                    | "Bis"
                    | "schon"
                    | "Tage"
                    | "Wochen"
                    | "Monate"
                    | "Jahre"
                    | "Stunden"
                    | "Minuten"
                    | "Tag"
                    | "Woche"
                    | "Monat"
                    | "Jahr"
                    | "Stunde"
            )
        }
        if i > 0 && before_time(toks[i - 1].text) {
            return None;
        }
        // `gemäß` always names a source (`gemäß einem Augenzeugen`, `gemäß der Zeitung`).
        // So it does where the phrase names someone, a witness or spokesperson, or a source
        // noun; `gemäß dem Gesetz` says in accordance with, not according to.
        if toks[i].text.eq_ignore_ascii_case("gemäß") {
            let np = self.np_after(toks, i + 1).filter(|n| {
                let head = self.text[n.clone()].split_whitespace().last().unwrap_or("");
                let l = head.to_lowercase();
                // A medium anywhere in the phrase (`gemäß der Zeitung „Morgenblatt“`) reports.
                let medium = self.text[n.clone()].split_whitespace().any(|w| {
                    let w = w
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase();
                    MEDIA.iter().any(|m| w.ends_with(m))
                });
                self.names_speaker(n)
                    || medium
                    || self.lex.source_noun(head)
                    || [
                        "zeuge",
                        "zeugen",
                        "sprecher",
                        "sprecherin",
                        "experte",
                        "experten",
                    ]
                    .iter()
                    .any(|e| l.ends_with(e))
            });
            return self.source_cue(u, toks, i, np, toks[i].text);
        }
        // `…, nach denen …`, `…, nach der …`: a relative clause that reports what the noun
        // before it says (`Gerüchte, nach denen …`, `eine Umfrage, nach der …`); its antecedent
        // is the source.
        if i > 0
            && toks[i - 1].text == ","
            && toks[i].text == "nach"
            && toks.get(i + 1).is_some_and(|t| {
                ["denen", "der", "dem", "welchem", "welcher", "welchen"].contains(&t.text)
            })
            && (["denen", "welchem"].contains(&toks[i + 1].text)
                || !self.relative_clause_is_noun_phrase(toks, i + 2))
        {
            // Only a noun of sources or rumours says something (`Gerüchte, nach denen …`);
            // `die Pause, nach der …` is time.
            let source = self.np_before(toks, i - 1).filter(|n| {
                let head = self.text[n.clone()].split_whitespace().last().unwrap_or("");
                self.lex.source_noun(head) || ANONYMOUS_SOURCES.contains(&head)
            })?;
            let rel = self.relative_clause_around(toks, i + 1)?;
            let content = toks[i + 2].span.start..rel.end;
            let source = Some(source);
            return Some(Found {
                cue: "nach".to_string(),
                content,
                speaker: source.map_or(SpeakerRef::None, |r| SpeakerRef::Spans(vec![r])),
                addressee: None,
                topics: Vec::new(),
            });
        }
        // `dem Vernehmen nach`: hearsay with no one named.
        if i >= 2 && toks[i - 1].text == "Vernehmen" && toks[i - 2].text.eq_ignore_ascii_case("dem")
        {
            return Some(Found {
                cue: format!("{} Vernehmen nach", toks[i - 2].text),
                content: u.clone(),
                speaker: SpeakerRef::None,
                addressee: None,
                topics: Vec::new(),
            });
        }
        // `seiner Ansicht nach`: the source noun stands before `nach`. The possessive is
        // tested first: it is a compare, the source noun a lower-cased copy tested against
        // every noun's ending.
        if i >= 2
            && ["seiner", "ihrer", "Seiner", "Ihrer"].contains(&toks[i - 2].text)
            && self.lex.source_noun(toks[i - 1].text)
        {
            let content = u.clone();
            return Some(Found {
                cue: toks[i].text.to_string(),
                content,
                speaker: SpeakerRef::Pronoun(toks[i - 2].span.clone()),
                addressee: None,
                topics: Vec::new(),
            });
        }
        let mut k = i + 1;
        while k < toks.len()
            && k <= i + 3
            && (is_adjective(toks[k].text) || is_article(toks[k].text))
        {
            k += 1;
        }
        // A name in the genitive before the source noun (`nach Bergers Angaben`) is its owner.
        let owner = toks.get(k).filter(|t| {
            k == i + 1
                && !t.quoted
                && is_cap(t.text)
                && t.word
                && t.text.chars().count() > 2
                && t.text.ends_with('s')
                && toks
                    .get(k + 1)
                    .is_some_and(|n| !n.quoted && self.lex.source_noun(n.text))
        });
        if let Some(o) = owner {
            let np = Some(o.span.start..toks[k + 1].span.end);
            return self.source_cue(u, toks, i, np, toks[i].text);
        }
        let noun = toks.get(k)?;
        if !self.lex.source_noun(noun.text) {
            return self.announced_source(u, toks, i, k);
        }
        let own = toks[i + 1..k].iter().any(|t| t.text.starts_with("eigene"));
        let np = self.np_after(toks, k).map(|s| noun.span.start..s.end);
        let mut f = self.source_cue(u, toks, i, np, toks[i].text)?;
        if own {
            // `nach eigenen Angaben` refers to the sentence's subject: a name right before the
            // phrase (`…, hat Berger nach eigener Darstellung nicht`) where an object opens the
            // sentence, else the subject before the verb.
            let named = (i > 0)
                .then(|| self.np_before(toks, i))
                .flatten()
                .filter(|r| self.names_speaker(r));
            f.speaker = self.speaker_ref(named.or_else(|| self.subject_before(toks, i)));
        }
        Some(f)
    }

    /// `Nach einem Plan der Regierung müssen …`, `Nach einer Veröffentlichung in der Zeitschrift
    /// „Blatt“ haben …`: a plan, announcement or publication as the source of the sentence it
    /// opens. These nouns name events too (`Nach der Veröffentlichung kam es zu Protesten`), so
    /// only at the start of a sentence, with a holder the text names or a medium right after
    /// the noun, and a modal verb or Konjunktiv in the clause unless the holder is a medium.
    fn announced_source(&self, u: &Span, toks: &[Tok], i: usize, k: usize) -> Option<Found> {
        const NOUNS: &[&str] = &["plan", "ankündigung", "veröffentlichung"];
        const MODALS: &[&str] = &[
            "soll", "sollen", "sollte", "sollten", "muss", "müssen", "müsse", "müssten", "werde",
            "werden", "wird", "dürfen", "darf",
        ];
        let noun = toks.get(k)?;
        // Every `nach` before a noun that is no source noun comes here: the cheap checks go
        // first, so the lower-case copy is made only at the start of a sentence.
        if toks[i].text != "Nach" || toks[..i].iter().any(|t| t.word) || noun.quoted {
            return None;
        }
        let l = noun.text.to_lowercase();
        if !(l == "plan" || NOUNS[1..].iter().any(|n| l.ends_with(n)))
            || !toks
                .get(k + 1)
                .is_some_and(|t| ["der", "des", "von", "vom", "im", "in"].contains(&t.text))
        {
            return None;
        }
        let after = if ["der", "des"].contains(&toks[k + 1].text) {
            k + 1
        } else {
            k + 2
        };
        let holder = self.np_after(toks, after)?;
        // The holder ends before the verb: the phrase may not run past a comma.
        let verb = toks
            .iter()
            .position(|t| t.span.start >= holder.end)
            .unwrap_or(toks.len());
        if toks[k + 1..verb].iter().any(|t| t.text == "," && !t.quoted) || verb >= toks.len() {
            return None;
        }
        let medium = self.text[holder.clone()].split_whitespace().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            MEDIA.iter().any(|m| w.ends_with(m))
        });
        let reported = toks[verb..]
            .iter()
            .any(|t| !t.quoted && (MODALS.contains(&t.text) || konjunktiv(t.text)));
        let person_noun = self.text[holder.clone()]
            .split_whitespace()
            .last()
            .is_some_and(|w| crate::lexicon::lexicon().role(w).is_some());
        if !(medium || reported && (self.names_speaker(&holder) || person_noun)) {
            return None;
        }
        let np = noun.span.start..holder.end;
        self.source_cue(u, toks, i, Some(np), toks[i].text)
    }

    /// The `dass`/`ob` clause of a relative clause with a verb of saying right after the
    /// speaker phrase (`…, so Eva Roth, die auch angab, dass …`): the relative pronoun, at most
    /// three words, the verb last, a comma and `dass`/`ob`; the clause runs to the unit end.
    fn relative_report(&self, toks: &[Tok], speaker: &[Span]) -> Option<Span> {
        let end = speaker.last()?.end;
        let r = toks.iter().position(|t| t.span.start >= end)?;
        if toks[r].text != ","
            || !toks
                .get(r + 1)
                .is_some_and(|t| ["der", "die", "welcher", "welche"].contains(&t.text))
        {
            return None;
        }
        let comma = (r + 2..toks.len().min(r + 6)).find(|&k| toks[k].text == ",")?;
        let verb = &toks[comma - 1];
        if comma < r + 3
            || toks[r + 2..comma].iter().any(|t| t.quoted || !t.word)
            || !self
                .lex
                .verb(verb.text)
                .iter()
                .any(|c| c.form == Form::Whole && !c.summary)
            || !toks
                .get(comma + 1)
                .is_some_and(|t| ["dass", "ob"].contains(&t.text))
            || comma + 3 >= toks.len()
        {
            return None;
        }
        Some(toks[comma + 1].span.start..toks[toks.len() - 1].span.end)
    }

    /// `…, so X.`: the content precedes.
    fn so_cue(&self, u: &Span, toks: &[Tok], i: usize) -> Option<Found> {
        if i == 0
            || !(matches!(toks[i - 1].text, "," | "–" | "—" | "-") || toks[i - 1].quoted && i >= 2)
        {
            return None;
        }
        // `so urteilte X`: a verb of saying may stand between `so` and the speaker.
        let skip = usize::from(toks.get(i + 1).is_some_and(|t| !self.verb_of(t).is_empty()));
        let np = self.np_after(toks, i + 1 + skip)?;
        // A parenthetical `…, so X, …` inside the sentence attributes the whole sentence;
        // otherwise the content precedes it.
        let next_comma = toks
            .iter()
            .position(|t| t.span.start >= np.end && t.text == ",");
        let inserted =
            next_comma.is_some_and(|k| self.words_outside(&(toks[k].span.end..u.end), toks) >= 3);
        let content = if inserted {
            u.clone()
        } else {
            self.after_last_colon(toks, u.start..toks[i - 1].span.start)
        };
        if content.is_empty() {
            return None;
        }
        let (addressee, topics) =
            self.attribution_phrases(toks, i..next_comma.unwrap_or(toks.len()));
        Some(Found {
            cue: "so".to_string(),
            content,
            speaker: self.speaker_ref(Some(np)),
            addressee,
            topics,
        })
    }

    /// `heißt es` / `hieß es`: impersonal; a source named before or after (`in der Mitteilung
    /// des WWF`) is the speaker.
    fn heisst_cue(&self, u: &Span, toks: &[Tok], i: usize) -> Option<Found> {
        let es_after = toks.get(i + 1).is_some_and(|t| t.text == "es");
        let es_before = i > 0 && toks[i - 1].text.eq_ignore_ascii_case("es");
        if !es_after && !es_before {
            return None;
        }
        let cue = if es_after {
            format!("{} es", toks[i].text)
        } else {
            format!("es {}", toks[i].text)
        };
        let after_es = if es_after { i + 2 } else { i + 1 };
        // A comma or colon right after `heißt es` opens the content, whatever stands before
        // (`In dem Bericht, der … wurde, heißt es, …`).
        let opens = toks
            .get(after_es)
            .is_some_and(|t| matches!(t.text, "," | ":"));
        // `…“, so heißt es in …`: `so` stands between the content and the cue.
        let so = usize::from(
            i > 2
                && es_after
                && toks[i - 1].text == "so"
                && (toks[i - 2].text == "," || toks[i - 2].quoted),
        );
        if !opens
            && (i > so && matches!(toks[i - 1 - so].text, "," | "“" | "”" | "«" | "»" | "\"")
                || (es_before && i > 1 && toks[i - 2].text == ","))
        {
            let start_tok = if es_before { i - 1 } else { i - so };
            let content = u.start..toks[start_tok - 1].span.start;
            let region = toks.get(after_es).map(|t| t.span.start..u.end);
            return Some(Found {
                cue,
                content,
                speaker: region.map_or(SpeakerRef::None, |r| SpeakerRef::Spans(vec![r])),
                addressee: None,
                topics: Vec::new(),
            });
        }
        let sep = toks[after_es.min(toks.len())..]
            .iter()
            .position(|t| matches!(t.text, "," | ":"))
            .map(|k| after_es + k)?;
        // `A, hieß es, B`: a clause before the inserted cue is reported as well as the one
        // after it; no one is named.
        if !es_before
            && so == 0
            && i > 3
            && toks[i - 1].text == ","
            && toks[sep].text == ","
            && !toks[..i - 1].iter().any(|t| t.text == "," && !t.quoted)
            && !self.verbless(&toks[..i - 1])
        {
            return Some(Found {
                cue,
                content: u.clone(),
                speaker: SpeakerRef::None,
                addressee: None,
                topics: Vec::new(),
            });
        }
        let content = toks[sep].span.end..u.end;
        // The words before the cue, without the comma that closes a relative clause there.
        let cue_start = if es_before { i - 1 } else { i };
        let region = toks[..cue_start]
            .iter()
            .rposition(|t| t.word || t.quoted)
            .map(|k| u.start..toks[k].span.end);
        Some(Found {
            cue,
            content,
            speaker: region
                .filter(|r| r.end > r.start)
                .map_or(SpeakerRef::None, |r| SpeakerRef::Spans(vec![r])),
            addressee: None,
            topics: Vec::new(),
        })
    }

    /// `In dem Bericht steht, dass …`, `In diesem Papier stehe auch: …`, `…, was in den Medien
    /// zu lesen ist: …`: what a text says, introduced by where it stands. The text is the source:
    /// its author where it names one (`im Bericht der Regierung`), or the author named with the
    /// document a demonstrative points back to (`diesem Papier`); a source that names no one
    /// (`in den Medien`) gives nobody.
    fn written_cue(&self, u: &Span, toks: &[Tok], i: usize) -> Option<Found> {
        let (first, last) = if matches!(toks[i].text, "lesen" | "hören") {
            if i == 0 || toks[i - 1].text != "zu" {
                return None;
            }
            match toks.get(i + 1).map(|t| t.text) {
                Some("ist" | "war" | "sei" | "steht" | "stand") => (i - 1, i + 1),
                _ if i >= 2 && matches!(toks[i - 2].text, "ist" | "war" | "sei") => (i - 2, i),
                _ => return None,
            }
        } else {
            (i, i)
        };
        let clause_start = toks[..first]
            .iter()
            .rposition(|t| t.quoted || matches!(t.text, "," | ":" | ";"))
            .map_or(0, |k| k + 1);
        let inp =
            (clause_start..first).find(|&k| matches!(toks[k].text, "in" | "In" | "im" | "Im"))?;
        let np = self
            .np_after(toks, inp + 1)
            .filter(|n| n.end <= toks[first].span.start)?;
        // A few adverbs may stand before the separator (`stehe auch klar, dass …`).
        let mut k = last + 1;
        while k < toks.len()
            && k <= last + 3
            && !toks[k].quoted
            && toks[k].text.starts_with(char::is_lowercase)
            && !matches!(toks[k].text, "dass" | "ob")
        {
            k += 1;
        }
        if !(toks.get(k).is_some_and(|t| t.text == ":")
            || (toks.get(k).is_some_and(|t| t.text == ",") && self.content_follows(toks, k)))
        {
            return None;
        }
        let content = toks[k].span.end..u.end;
        if self.text[content.clone()].trim().is_empty() {
            return None;
        }
        let cue = toks[first..=last]
            .iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
            .join(" ");
        let speaker = self.document_owner(&np).unwrap_or(np);
        Some(Found {
            cue,
            content,
            speaker: SpeakerRef::Spans(vec![speaker]),
            addressee: None,
            topics: Vec::new(),
        })
    }

    /// `Eine Schlüsselrolle sieht Berg bei der Regierung`, `Roth sieht in dem Plan eine
    /// Chance`, `Sie sah die Lage als ernst`: a person's view of something, stated in public,
    /// in a main clause. The whole sentence is the statement, as the view has no clause of its
    /// own. `sieht … vor` (plans), `sah sich …` and `sieht … aus` are other verbs.
    fn view_cue(&self, u: &Span, toks: &[Tok], i: usize) -> Option<Found> {
        if toks[..i]
            .iter()
            .any(|t| !t.quoted && matches!(t.text, "," | ":"))
        {
            return None;
        }
        let end = self.clause_end(toks, i + 1);
        let clause = &toks[i + 1..end];
        const PARTICLES: &[&str] = &[
            "vor", "aus", "an", "ein", "fern", "zu", "ab", "nach", "voraus", "hin", "weg",
            "zurück", "durch", "um", "entgegen", "wieder",
        ];
        if clause.iter().any(|t| t.text == "sich")
            || clause.last().is_some_and(|t| PARTICLES.contains(&t.text))
            || !clause
                .iter()
                .any(|t| ["als", "bei", "in"].contains(&t.text))
        {
            return None;
        }
        let subject = self.verb_subject(toks, i, 0)?;
        let person = PRONOUNS.contains(&&self.text[subject.clone()])
            || self
                .mentions_in(&subject)
                .any(|m| m.kind == EntityKind::Person);
        if !person {
            return None;
        }
        Some(Found {
            cue: toks[i].text.to_string(),
            content: u.clone(),
            speaker: self.speaker_ref(Some(subject)),
            addressee: None,
            topics: Vec::new(),
        })
    }

    /// `…, in der die EU als schwach beschrieben wird`: a relative clause in the passive that
    /// describes something in a document is a statement of the document's author, named with
    /// the nearest document noun before it (`die neue Strategie der Regierung …, in der …`). A
    /// verb that needs a predicate (`bezeichnet`) needs its `als`.
    fn described_in_document(
        &self,
        toks: &[Tok],
        i: usize,
        clause_start: usize,
        cue: &str,
        summary: bool,
    ) -> Option<Found> {
        if clause_start == 0
            || !matches!(toks[clause_start].text, "in" | "In")
            || !toks
                .get(clause_start + 1)
                .is_some_and(|t| ["der", "dem", "denen", "welcher", "welchem"].contains(&t.text))
            || !toks
                .get(i + 1)
                .is_some_and(|t| ["wird", "werden", "wurde", "wurden"].contains(&t.text))
            || toks[i].text.ends_with("te")
            || toks[i].text.ends_with("ten")
        {
            return None;
        }
        let clause = &toks[clause_start + 2..i];
        if clause.len() < 2
            || clause.iter().any(|t| t.text == ",")
            || !(summary || clause.iter().any(|t| t.text == "als"))
        {
            return None;
        }
        let document = toks[..clause_start]
            .iter()
            .rposition(|t| is_document_noun(t.text))?;
        let owner = self.owner_after(toks[document].span.end)?;
        Some(Found {
            cue: format!("{cue} {}", toks[i + 1].text),
            content: clause[0].span.start..clause[clause.len() - 1].span.end,
            speaker: SpeakerRef::Spans(vec![owner]),
            addressee: None,
            topics: Vec::new(),
        })
    }

    /// The author of a document phrase without one (`diesem Papier`, `der Strategie`): the
    /// owner named in the genitive after the nearest document noun in the text before it
    /// (`die neue „Strategie“ der Regierung`).
    fn document_owner(&self, np: &Span) -> Option<Span> {
        let head = self.text[np.clone()]
            .split_whitespace()
            .last()?
            .trim_matches(|c: char| !c.is_alphanumeric());
        if !is_document_noun(head) || self.names_speaker(np) {
            return None;
        }
        let toks = &self.doc.tokens;
        let end = toks.partition_point(|t| t.span.start < np.start);
        let from = np.start.saturating_sub(1500);
        // Most of the up to 1500 bytes' words are in lower case, and most capitalised ones
        // have no genitive after them: the first byte and the genitive's article are tested
        // before the word is lower-cased and compared with every document noun's ending.
        // The first byte is tested as `is_cap` does (an ASCII capital or digit, or a byte of
        // a character beyond ASCII), so that marks are ruled out as well as lower-case words.
        // A plain loop: as an iterator chain its tests were a closure that reloaded what it
        // captured for every word.
        let bytes = self.text.as_bytes();
        for t in toks[..end].iter().rev() {
            if t.span.start < from {
                break;
            }
            let b = bytes[t.span.start];
            if (b.is_ascii_uppercase() || b.is_ascii_digit() || !b.is_ascii())
                && self.genitive_after(t.span.end).is_some()
                && is_document_noun(&self.text[t.span.clone()])
                && let Some(owner) = self.owner_after(t.span.end)
            {
                return Some(owner);
            }
        }
        None
    }

    /// Where the words after a genitive article right after `pos` begin (`" der USA`, `des
    /// Ministeriums`), past closing quotation marks.
    fn genitive_after(&self, pos: usize) -> Option<usize> {
        // The trim below stops at the first byte that is no space or ASCII quotation mark,
        // unless that byte begins a typographic quotation mark. Where it is ASCII, every byte
        // before it is one of the trimmed marks and it is none of them, so the trim stops right
        // there: the article (`der `, `des `) is compared in place, and no character is decoded.
        // Most words are followed by a space and a word that does not begin with `d`.
        let bytes = self.text.as_bytes();
        let stop = bytes[pos..]
            .iter()
            .position(|&b| !matches!(b, b' ' | b'"' | b'\''))
            .map(|k| pos + k);
        if let Some(k) = stop
            && bytes[k].is_ascii()
        {
            let article = &bytes[k..];
            return (article.starts_with(b"der ") || article.starts_with(b"des ")).then_some(k + 4);
        }
        let rest = self.text[pos..].trim_start_matches(['"', '“', '”', '«', '»', '\'', ' ']);
        let after = rest
            .strip_prefix("der ")
            .or_else(|| rest.strip_prefix("des "))?;
        Some(self.text.len() - after.len())
    }

    /// A person, organisation or country named in the genitive right after `pos` (`" der
    /// USA`, `des Ministeriums`), past closing quotation marks and adjectives.
    fn owner_after(&self, pos: usize) -> Option<Span> {
        let start = self.genitive_after(pos)?;
        let after = &self.text[start..];
        let gap = after.find(|c: char| !(c.is_alphanumeric() || c == ' ' || c == '-'))?;
        self.mentions_in(&(start..start + gap.min(60)))
            .find(|m| {
                matches!(
                    m.kind,
                    EntityKind::Person | EntityKind::Organization | EntityKind::Country
                ) && !self.text[start..m.span.start]
                    .split_whitespace()
                    .any(is_cap)
            })
            .map(|m| m.span.clone())
    }

    /// The subject of a clause whose verb is token `v`: the words before it when they open the
    /// unit as a noun phrase, else the noun phrase after the verb (`Dazu sagte Merz`).
    fn subject_before(&self, toks: &[Tok], v: usize) -> Option<Span> {
        // The clause starts after the last quotation or colon before the verb, or after a
        // comma and a coordinating conjunction (`…, aber zuletzt hatte X verlangt`).
        let mut start = toks[..v]
            .iter()
            .rposition(|t| t.quoted || t.text == ":")
            .map_or(0, |k| k + 1);
        if let Some(k) = (start..v).rev().find(|&k| {
            toks[k].text == ","
                && toks.get(k + 1).is_some_and(|t| {
                    [
                        "aber",
                        "und",
                        "doch",
                        "denn",
                        "sondern",
                        "jedoch",
                        "allerdings",
                    ]
                    .contains(&t.text)
                })
        }) {
            start = k + 2;
        }
        let first = toks[start..v]
            .iter()
            .position(|t| t.word)
            .map(|k| start + k)?;
        // A focus particle before a noun phrase (`Auch die Ministerin, Eva Roth, äußerte …`)
        // belongs to the subject, which still comes first.
        let first = if ["Auch", "Selbst", "Sogar", "Nur", "Gerade", "Insbesondere"]
            .contains(&toks[first].text)
            && toks
                .get(first + 1)
                .is_some_and(|t| is_article(t.text) || (is_cap(t.text) && t.word))
            && first + 1 < v
        {
            first + 1
        } else {
            first
        };
        let fw = toks[first].text;
        // The front adverbials are all capitalised (tested): a word in lower case is none, and
        // only the others are looked for in their set.
        let lower = fw.starts_with(char::is_lowercase);
        if lower && !PRONOUNS.contains(&fw) && !is_article(fw) || !lower && front_adverbial(fw) {
            // The subject follows the finite verb; for a participle at the clause end that is
            // before the participle.
            let whole = self
                .lex
                .verb(toks[v].text)
                .iter()
                .all(|c| c.form == Form::Whole);
            // A clause that ends in its verb and opens with `dass` or the reflexive (`dass sich
            // derzeit die USA gegen X aussprechen`) has its subject as the first noun phrase.
            if whole
                && ["sich", "dass", "ob"].contains(&fw)
                && let Some(np) = self.subject_np(toks, first + 1, v)
            {
                return Some(np);
            }
            return (whole && first + 1 < v)
                .then(|| toks[first + 1].span.start..toks[v - 1].span.end);
        }
        if PRONOUNS.contains(&fw) {
            return Some(toks[first].span.clone());
        }
        // The subject is the noun phrase opening the clause, with an apposition between
        // commas (`Der Vorsitzende, Jan Berg, hatte …`); without one, everything before the
        // verb.
        let np = self
            .np_after(toks, first)
            .filter(|n| n.end <= toks[v].span.start)
            .map(|n| {
                let mut k = toks
                    .iter()
                    .position(|t| t.span.start >= n.end)
                    .unwrap_or(toks.len());
                // A prepositional phrase may come first (`Der Vorsitzende im Landtag, …`).
                if let Some(c) = (k..v).find(|&m| toks[m].text == ",")
                    && c > k
                    && self.apposition_until(toks, k, c)
                {
                    k = c;
                }
                let closing = (k + 2..v).find(|&m| toks[m].text == ",");
                match closing {
                    Some(m)
                        if toks[k].text == ","
                            && self.apposition_until(toks, k + 1, m)
                            && toks[m + 1].text.starts_with(char::is_lowercase) =>
                    {
                        n.start..toks[m - 1].span.end
                    }
                    _ => n,
                }
            });
        np.or_else(|| Some(toks[first].span.start..toks[v - 1].span.end))
    }

    /// The speaker of a verb of saying in a relative clause (`…, bei dem sie gesagt hatte, …`,
    /// `Eva Roth, Chefin des Amtes, die sagte, …`): a personal pronoun in the clause, else, for
    /// a relative pronoun as the subject, the last entity named before the clause.
    fn relative_speaker(
        &self,
        u: &Span,
        toks: &[Tok],
        clause_start: usize,
        v: usize,
    ) -> Option<Span> {
        if let Some(p) = toks[clause_start..v]
            .iter()
            .find(|t| PRONOUNS.contains(&t.text) && !t.quoted)
        {
            return Some(p.span.clone());
        }
        if !["der", "die", "welcher", "welche"].contains(&toks.get(clause_start)?.text) {
            return None;
        }
        self.mentions_in(&(u.start..toks[clause_start].span.start))
            .filter(|m| {
                matches!(
                    m.kind,
                    EntityKind::Person | EntityKind::Organization | EntityKind::Country
                )
            })
            .last()
            .map(|m| m.span.clone())
    }

    /// The first noun phrase among tokens `from..to` after adverbs, with noun phrases joined to
    /// it (`sowohl die USA als auch andere Länder`, `die Stadt und der Kreis`).
    fn subject_np(&self, toks: &[Tok], from: usize, to: usize) -> Option<Span> {
        let mut k = from;
        while k < to
            && toks[k].text.starts_with(char::is_lowercase)
            && !is_article(toks[k].text)
            && !PRONOUNS.contains(&toks[k].text)
        {
            k += 1;
        }
        let stop = toks.get(to.checked_sub(1)?)?.span.end;
        let mut np = self.np_after(toks, k).filter(|n| n.end <= stop)?;
        loop {
            let j = toks
                .iter()
                .position(|t| t.span.start >= np.end)
                .unwrap_or(toks.len());
            let next = if toks.get(j).is_some_and(|t| t.text == "als")
                && toks.get(j + 1).is_some_and(|t| t.text == "auch")
            {
                j + 2
            } else if toks
                .get(j)
                .is_some_and(|t| ["und", "sowie"].contains(&t.text))
            {
                j + 1
            } else {
                break;
            };
            match self.np_after(toks, next).filter(|n| n.end <= stop) {
                Some(more) => np.end = more.end,
                None => break,
            }
        }
        Some(np)
    }

    /// The speaker phrase of a main-clause verb at token `i`: the noun phrase before it, the
    /// one after it (`Dazu sagte X`), or the whole clause before it when the subject hides among
    /// adverbials; the first of these that names a speaker wins, a pronoun subject at once.
    fn verb_subject(&self, toks: &[Tok], i: usize, clause_start: usize) -> Option<Span> {
        // A phrase opened by a preposition or a word of time (`Am Montag`, `Nach dem Treffen`)
        // is no subject.
        // A time of day (`10:05 Uhr`) is cut at its colon, so a number may open the phrase.
        // The words are a `matches!` pattern, compared in place rather than by `memcmp`.
        let fronted = |b: &Span| {
            // Every word of the pattern is capitalised: a phrase that opens with an ASCII
            // lower-case letter (`die Ministerin`) is none, and its first word is not cut out.
            if self
                .text
                .as_bytes()
                .get(b.start)
                .is_some_and(u8::is_ascii_lowercase)
            {
                return false;
            }
            let first = first_word(&self.text[b.clone()]);
            matches!(
                first,
                "Am" | "Im"
                    | "In"
                    | "Bei"
                    | "Beim"
                    | "Nach"
                    | "Vor"
                    | "Auf"
                    | "Mit"
                    | "Zu"
                    | "Zum"
                    | "Zur"
                    | "Für"
                    | "Über"
                    | "Unter"
                    | "Seit"
                    | "Während"
                    | "Gestern"
                    | "Heute"
                    | "Morgen"
                    | "Bereits"
                    | "Um"
                    | "Gegen"
                    | "Ab"
                    | "Bis"
                    | "Wegen"
                    | "Trotz"
            ) || first.starts_with(|c: char| c.is_ascii_digit())
        };
        let before = self.subject_before(toks, i).filter(|b| !fronted(b));
        if let Some(b) = &before
            && PRONOUNS.contains(&&self.text[b.clone()])
        {
            return before;
        }
        let start = clause_start.min(i);
        let coordinated = i > start + 1 && ["und", "sowie", "oder"].contains(&toks[i - 1].text);
        // A subject before the verb that names a speaker is the first of the candidates below
        // to name one, and only a coordinated verb returns another before them: the phrase
        // after the verb is not looked for then, which most leading attributions spare.
        let before_names = before.as_ref().is_some_and(|b| self.names_speaker(b));
        if before_names && !coordinated {
            return before;
        }
        let (_, after_tok) = self.dative_addressee(toks, i + 1);
        // `der` + a media noun is a dative addressee only with a subject after it (`sagte der
        // Zeitung X`); alone it is the subject (`meldete der Sender, …`).
        let after = self.np_after(toks, after_tok).or_else(|| {
            (after_tok > i + 1 && toks[i + 1].text == "der")
                .then(|| self.np_after(toks, i + 1))
                .flatten()
        });
        // A fronted object names no one (`Der Politik schlug er vor`, `Als Begründung gab sie
        // an`): the pronoun after the verb is the subject.
        if let Some(a) = &after
            && PRONOUNS.contains(&&self.text[a.clone()])
            && !before_names
        {
            return after;
        }
        // A verb coordinated with the clause's first verb (`Er nannte es „…“ und kündigte an,
        // …`) shares its subject, the phrase that opens the clause, when that is a pronoun or
        // names a speaker.
        if coordinated {
            let shared = self.np_after(toks, start).filter(|n| {
                n.start == toks[start].span.start
                    && (PRONOUNS.contains(&&self.text[n.clone()]) || self.names_speaker(n))
            });
            if shared.is_some() {
                return shared;
            }
            // A clause that opens with its first verb right after a comma (`Jan Berg, Chef
            // der X, und Eva Roth, Sprecherin, sprachen von … und forderten …`) has its subject,
            // appositions and all, before that comma.
            if start > 1
                && toks[start - 1].text == ","
                && toks[start].text.starts_with(char::is_lowercase)
                && !toks[start].quoted
            {
                let r = toks[0].span.start..toks[start - 2].span.end;
                if self.names_speaker(&r) && !fronted(&r) && !toks[..start].iter().any(|t| t.quoted)
                {
                    return Some(r);
                }
            }
        }
        // The words before the verb are its subject only if no preposition or word of time
        // opens them (`Um 10 Uhr MEZ meldete die Agentur …`).
        let clause = (start < i)
            .then(|| toks[start].span.start..toks[i - 1].span.end)
            .filter(|c| !fronted(c));
        let candidates = [before, after, clause];
        candidates
            .iter()
            .flatten()
            .find(|r| self.names_speaker(r))
            .or_else(|| candidates.iter().flatten().next())
            .cloned()
    }

    /// `Es wurde bekannt, dass …`, `nachdem bekannt geworden war, dass …`: news made public
    /// with no one named as its source, reported with no speaker.
    /// `Kritisiert wird vor allem, dass …`, `Bemängelt wurde von den Prüfern, dass …`: a
    /// participle of saying fronted before the passive auxiliary reports the `dass`/`ob` clause
    /// after the comma; the agent after `von` is the speaker, or nobody.
    fn fronted_participle(&self, u: &Span, toks: &[Tok]) -> Option<Found> {
        let aux = toks.get(1)?;
        if !is_passive_aux(aux.text) {
            return None;
        }
        let lower = toks[0].text.to_lowercase();
        if !self.lex.verb(&lower).iter().any(|c| c.form == Form::Whole) {
            return None;
        }
        let c = (2..toks.len()).find(|&j| toks[j].text == "," && !toks[j].quoted)?;
        if !toks
            .get(c + 1)
            .is_some_and(|t| t.text == "dass" || t.text == "ob")
        {
            return None;
        }
        let agent = (2..c)
            .find(|&j| ["von", "vom"].contains(&toks[j].text))
            .and_then(|j| self.np_after(toks, j + 1))
            .filter(|n| n.end <= toks[c].span.start);
        Some(Found {
            cue: format!("{} {}", aux.text, lower),
            content: toks.get(c + 2)?.span.start..u.end,
            speaker: self.speaker_ref(agent),
            addressee: None,
            topics: Vec::new(),
        })
    }

    fn became_known(&self, u: &Span, toks: &[Tok], i: usize) -> Option<Found> {
        const WERDEN: &[&str] = &[
            "wurde", "wurden", "wird", "werden", "war", "waren", "ist", "sind", "sei", "geworden",
            "worden",
        ];
        let clause_start = toks[..i]
            .iter()
            .rposition(|t| t.text == ",")
            .map_or(0, |k| k + 1);
        let mut k = i + 1;
        let mut werden = toks[clause_start..i]
            .iter()
            .any(|t| WERDEN.contains(&t.text));
        while toks.get(k).is_some_and(|t| WERDEN.contains(&t.text)) {
            werden = true;
            k += 1;
        }
        // `Wie gestern bekannt wurde, …` reports the main clause after it; `…, wie gestern
        // bekannt wurde.` the one before it. Nobody is named.
        let wie = toks
            .get(clause_start)
            .is_some_and(|t| t.text.eq_ignore_ascii_case("wie"));
        if werden && wie && k > i + 1 {
            let verb = toks[i + 1..k].last().map_or("", |t| t.text);
            let content = if clause_start == 0 {
                (toks.get(k).is_some_and(|t| t.text == ","))
                    .then(|| toks.get(k + 1).map(|t| t.span.start..u.end))
                    .flatten()
            } else {
                (toks[clause_start - 1].text == "," && toks[k..].iter().all(|t| !t.word))
                    .then(|| u.start..toks[clause_start - 1].span.start)
            }?;
            return Some(Found {
                cue: format!("wie bekannt {verb}"),
                content,
                speaker: SpeakerRef::None,
                addressee: None,
                topics: Vec::new(),
            });
        }
        let dass = k + 1;
        if !werden
            || toks.get(k).is_none_or(|t| t.text != ",")
            || toks.get(dass).is_none_or(|t| t.text != "dass")
        {
            return None;
        }
        let start = toks.get(dass + 1)?.span.start;
        let verb = toks[clause_start..i]
            .iter()
            .chain(&toks[i + 1..k])
            .find(|t| WERDEN.contains(&t.text))
            .map_or("", |t| t.text);
        Some(Found {
            cue: format!("{verb} bekannt"),
            content: start..u.end,
            speaker: SpeakerRef::None,
            addressee: None,
            topics: Vec::new(),
        })
    }

    /// `…, hatte X gesagt.`, `…, hat X am Montag in Berlin erklärt.`: an attribution in the
    /// perfect that trails its content, the auxiliary right after the comma and the participle
    /// of saying last in the sentence; the speaker stands between them.
    fn perfect_trailing(&self, u: &Span, toks: &[Tok], i: usize, form: Form) -> Option<Found> {
        const AUX: &[&str] = &["hat", "hatte", "haben", "hatten", "habe", "hätte", "hätten"];
        if form != Form::Whole || toks[i + 1..].iter().any(|t| t.word) {
            return None;
        }
        let c = toks[..i].iter().rposition(|t| t.text == "," && !t.quoted)?;
        if !(c > 0 && c + 2 < i && AUX.contains(&toks[c + 1].text)) {
            return None;
        }
        // The content is a clause of its own: at least three words, and not a single
        // subordinate clause (`Als sie kam, hatte er schon alles gesagt.`).
        let words = toks[..c].iter().filter(|t| t.word).count();
        let first = toks.iter().find(|t| t.word)?;
        let commas = toks[..c]
            .iter()
            .filter(|t| t.text == "," && !t.quoted)
            .count();
        if words < 3 || is_subordinator(first.text) && commas == 0 {
            return None;
        }
        let region = self
            .np_after(toks, c + 2)
            .filter(|r| r.end <= toks[i - 1].span.end)
            .unwrap_or(toks[c + 2].span.start..toks[i - 1].span.end);
        let (addressee, topics) = self.attribution_phrases(toks, c + 1..toks.len());
        let content = self.after_last_colon(toks, u.start..toks[c].span.start);
        Some(Found {
            cue: format!("{} {}", toks[c + 1].text, toks[i].text),
            content,
            speaker: self.speaker_ref(Some(region)),
            addressee,
            topics,
        })
    }

    /// A verb of saying at token `i`: works out which side holds the content.
    /// A verb of saying at token `i`, whose lexicon entries `entries` are not empty.
    fn verb_cue(
        &self,
        u: &Span,
        toks: &[Tok],
        i: usize,
        entries: &'static [VerbCue],
    ) -> Option<Found> {
        if self.toll(toks, i) {
            return None;
        }
        // An expletive `es` as the subject speaks for no one: `Es drohe ein Streit` says what
        // lies ahead, and the cue of the sentence comes later (`…, sagte X`).
        if i > 0
            && (toks[i - 1].text == "Es" && i == 1
                || toks[i - 1].text == "es" && i >= 2 && toks[i - 2].text == ",")
        {
            return None;
        }
        // `in die Krise geraten war, …` is getting into something, not advice given.
        if toks[i].text == "geraten"
            && (toks.get(i + 1).is_some_and(|t| {
                ["war", "waren", "ist", "sind", "sei", "wäre", "seien"].contains(&t.text)
            }) || toks[..i]
                .iter()
                .rev()
                .take_while(|t| t.text != ",")
                .any(|t| ["in", "ins", "In"].contains(&t.text)))
        {
            return None;
        }
        // `wie sich die Gruppe selbst nennt` gives a name, not words: it attributes nothing.
        if matches!(toks[i].text, "nennt" | "nennen" | "nannte" | "nannten") {
            let clause = toks[..i]
                .iter()
                .rposition(|t| t.text == ",")
                .map_or(0, |c| c + 1);
            // So does a relative clause (`die Junta, die sich selbst „Rat X“ nennt`).
            if toks.get(clause).is_some_and(|t| {
                t.text.eq_ignore_ascii_case("wie")
                    || ["die", "der", "das", "welche", "welcher", "welches"].contains(&t.text)
            }) && toks[clause..i].iter().any(|t| t.text == "sich")
            {
                return None;
            }
        }
        let mut end = self.clause_end(toks, i + 1);
        // An apposition set off by commas (`geht nach dem Treffen mit dem Leiter, Jan Berg,
        // davon aus, dass …`) does not end the clause before a separable verb's particle.
        let mut reach = end;
        while reach + 1 < toks.len() && toks[reach].text == "," {
            // The clause after the comma is no apposition where its first word may not be an
            // apposition's (`dass`, a verb), as most often: its end is not looked for then.
            // Where the clause is empty, the first word is its end, a quoted word or a mark,
            // and there is no apposition either.
            if !self.appositive(&toks[reach + 1]) {
                break;
            }
            let next = self.clause_end(toks, reach + 1);
            if next < toks.len() && self.apposition_until(toks, reach + 1, next) {
                reach = self.clause_end(toks, next + 1);
            } else {
                break;
            }
        }
        // A short quoted name in the clause (`wirft der „Arbeitskreis X“ der Polizei vor, …`)
        // does not end it before the particle either.
        let name_quote_end = (end < toks.len() && toks[end].quoted)
            .then(|| {
                let k = toks[end..].iter().take_while(|t| t.quoted).count();
                let inner = toks[end..end + k].iter().find(|t| t.word);
                (k <= 6 && inner.is_some_and(|t| is_cap(t.text)))
                    .then(|| self.clause_end(toks, end + k))
            })
            .flatten();
        let mut chosen = None;
        for e in entries {
            match e.particle {
                Some(p) if e.form == Form::Finite => {
                    if let Some(k) = toks[i + 1..end].iter().position(|t| t.text == p) {
                        chosen = Some((e, Some(i + 1 + k)));
                        break;
                    }
                    if let Some(q_end) = name_quote_end
                        && let Some(k) = toks[end..q_end]
                            .iter()
                            .position(|t| t.text == p && !t.quoted)
                    {
                        chosen = Some((e, Some(end + k)));
                        end = self.clause_end(toks, end + k + 1);
                        break;
                    }
                    if let Some(k) = toks[end..reach].iter().position(|t| t.text == p) {
                        chosen = Some((e, Some(end + k)));
                        end = self.clause_end(toks, end + k + 1);
                        break;
                    }
                    // `von` is a preposition and may be fronted with its object (`Von einer
                    // „Wende“ sprach X`).
                    if p == "von" && toks.first().is_some_and(|t| t.text == "Von") {
                        chosen = Some((e, None));
                        break;
                    }
                }
                _ => {
                    if chosen.is_none() {
                        chosen = Some((e, None));
                    }
                }
            }
        }
        let (entry, particle) = chosen?;
        // A quoted name in the subject after the verb (`berichtet die Ausgabe des „Blatts“, dass
        // …`, `erklärte der neue „Rat für X“, …`) or in the addressee (`sagte zum „Blatt“, …`)
        // does not end the clause either: an article, one joined to its preposition, or an
        // adjective after one stands right before it.
        if particle.is_none()
            && let Some(q_end) = name_quote_end
            && toks[end.saturating_sub(2)..end].iter().any(|t| {
                is_article_folded(t.text) || ["zum", "zur", "vom", "beim"].contains(&t.text)
            })
        {
            end = q_end;
        }
        let cue_end_tok = particle.unwrap_or(i);
        // A verb with other common senses reports only a `dass`/`ob` clause or a zu-infinitive
        // right after the comma that closes it (`bot an, die Kosten zu tragen`), not a trailing
        // attribution (`…, bietet an einzelnen Orten …`) or any clause (`…, bei denen …`).
        // `Wie X ergab, …` attributes the main clause as with any other verb.
        // Their reflexive senses (`erinnerte sich`, `ergibt sich aus`) report nothing.
        if entry.clause_only && toks.get(i + 1).is_some_and(|t| t.text == "sich") {
            return None;
        }
        if entry.clause_only && toks.first().is_none_or(|t| t.text != "Wie") {
            let sep = toks.get(end).is_some_and(|t| t.text == ",");
            let clause = toks
                .get(end + 1)
                .is_some_and(|t| ["dass", "ob"].contains(&t.text))
                || self.ends_in_zu_infinitive(toks, end);
            if !(sep && clause) {
                return None;
            }
        }
        // The cue's text after `prefix` (`wie `, `Wie ` or none), built only where a statement
        // is found: most verb forms asked about are none, and a string for each cost an
        // allocation.
        let cue = |prefix: &str| {
            let verb = toks[i].text;
            let room = prefix.len() + verb.len() + particle.map_or(0, |k| 1 + toks[k].text.len());
            let mut s = String::with_capacity(room);
            s.push_str(prefix);
            s.push_str(verb);
            if let Some(k) = particle {
                s.push(' ');
                s.push_str(toks[k].text);
            }
            s
        };
        let v = &toks[i];
        if let Some(f) = self.perfect_trailing(u, toks, i, entry.form) {
            return Some(f);
        }
        // `…, sagte X.` / `„…“, sagte X.`: the attribution trails the content.
        // A verb followed at once by its comma or colon opens the content instead, even after a
        // comma (`Die Vorsitzende, Anna Muster, fragte, ob …`).
        // So does a subject in apposition with a `dass` clause after it (`meldete der Sender,
        // Radio X, dass …`), whatever stands before the verb.
        let after_apposition = || {
            toks.get(end).is_some_and(|t| t.text == ",")
                && toks[end + 1..]
                    .iter()
                    .take(12)
                    .position(|t| t.text == "," && !t.quoted)
                    .map(|d| end + 1 + d)
                    .is_some_and(|k2| {
                        self.apposition_until(toks, end + 1, k2) && self.content_follows(toks, k2)
                    })
        };
        // A verb of saying right after the comma with a short speaker phrase to the end
        // (`Das Amt wurde gelobt, berichtete der Sprecher.`) trails the whole clause as its
        // attribution: this verb is part of the content.
        let sep = if toks.get(cue_end_tok + 1).is_some_and(|t| t.text == ",") {
            cue_end_tok + 1
        } else {
            end
        };
        if toks.get(sep).is_some_and(|t| t.text == ",")
            && toks.get(sep + 1).is_some_and(|t| {
                !t.quoted
                    && t.text.starts_with(char::is_lowercase)
                    && self.verb_of(t).iter().any(|c| c.form == Form::Finite)
            })
            && toks[sep + 1..].iter().filter(|t| t.word).count() <= 10
            && !toks[sep + 1..]
                .iter()
                .any(|t| t.quoted || matches!(t.text, "," | ":" | ";" | "dass" | "ob"))
        {
            return None;
        }
        let opens = toks
            .get(cue_end_tok + 1)
            .is_some_and(|t| matches!(t.text, "," | ":"))
            || self.content_follows(toks, end)
            || after_apposition();
        // `…, das teilte die Behörde mit.`, `… – das zumindest meint X.`: a demonstrative after
        // the comma or dash, with the verb in second place and its subject after it, points
        // back to the clause before (a relative `das` would put the verb last). A reflexive
        // (`das nennt sich …`) names a thing.
        let demo_sep = (!opens && end > i + 1 && toks[i + 1].word && toks[i + 1].text != "sich")
            .then(|| {
                (1..=2).find_map(|d| {
                    let k = i.checked_sub(d)?;
                    let sep = k.checked_sub(1)?;
                    (matches!(toks[k].text, "das" | "dies")
                        && matches!(toks[sep].text, "," | "–" | "—")
                        && (d == 1
                            || matches!(toks[i - 1].text, "zumindest" | "jedenfalls" | "auch")))
                    .then_some(sep)
                })
            })
            .flatten();
        // A trailing attribution names its speaker right after the verb (`…, sagte X`); a
        // particle there (`…, sprachen von einem „…“`) shows the subject stood before.
        let trailing = !opens
            && i > 0
            && particle != Some(i + 1)
            && (matches!(
                toks[i - 1].text,
                "," | "“" | "”" | "«" | "»" | "\"" | "–" | "—"
            ) || toks[i - 1].quoted
                || demo_sep.is_some());
        // A noun phrase with an apposition before the verb is its subject, not content
        // (`Die Ministerin, Anna Muster, bezeichnete …`).
        // So is a noun phrase followed by a relative clause or an apposition (`Jan Berg, der
        // das Amt leitet, wies … zurück`).
        // A preposition opening the sentence (`Von einer „Wende“ sprach X`) heads no subject.
        // Asked only of a trailing verb, as the next test is: most verbs do not trail.
        let np_subject = || {
            i > 0
                && toks.first().is_some_and(|t| {
                    !t.quoted && !front_adverbial(t.text) && !["Von", "Aus"].contains(&t.text)
                })
                && self.np_after(toks, 0).is_some_and(|n| {
                    let k = toks.iter().position(|t| t.span.start >= n.end).unwrap_or(i);
                    n.end >= toks[i - 1].span.start
                        || (k + 1 < i
                            && toks[k].text == ","
                            && (is_article(toks[k + 1].text)
                                || ["welche", "welcher", "welches"].contains(&toks[k + 1].text)
                                || self.apposition_until(toks, k + 1, i - 1))
                            // A main clause in Konjunktiv I after the relative clause (`Ein
                            // Sturm, der …, habe die Küste erreicht, meldet X`) makes the noun
                            // phrase the content's subject, not the verb's.
                            && !toks[k..i - 1]
                                .iter()
                                .any(|t| !t.quoted && self.konj1_of(t)))
                })
        };
        // A single subordinate clause before the verb (`Falls …, droht ihm …`, `Wenn …,
        // fordert X …`) is a condition or a time, not reported content.
        // The words of a quotation before the cue are content, not a clause of the attribution
        // (`„Damit X weiß: …“, fügte er hinzu`).
        let led_by_subordinate = || {
            toks.iter()
                .find(|t| t.word && !t.quoted)
                .is_some_and(|t| is_subordinator(t.text))
                && toks[..i.saturating_sub(1)]
                    .iter()
                    .filter(|t| !t.quoted && t.text == ",")
                    .count()
                    == 0
                && !toks[..i]
                    .iter()
                    .any(|t| !t.quoted && self.konj1_of(t))
                // A subordinate clause ends in its verb; a subject after it (`Als „…“ bezeichnet
                // die Forscherin den Fund`) makes `Als` a preposition of the main clause.
                && !(i > 0
                    && toks[i - 1].quoted
                    && toks.get(i + 1).is_some_and(|t| {
                        t.word && (is_cap(t.text) || is_article(t.text))
                    }))
        };
        // A decision (`beschloss`, `entschied`) reports only the clause after it; `…, wie
        // beim Gipfel beschlossen, …` compares rather than attributes.
        let decision = ["entschie", "entscheid", "beschl"]
            .iter()
            .any(|p| toks[i].text.starts_with(p));
        if trailing && decision {
            return None;
        }
        // Words before the comma with no verb among them (`Die Sprecherin der Grünen, Eva
        // Roth, kritisierte …`) are the subject with its apposition, not content.
        let verbless = trailing && self.verbless(&toks[..i - 1]);
        // A fronted adverbial before the comma (`In einem Bericht, der … vorgelegt wurde,
        // fordert X …`, `Für die neue Verfassung, die …, gab X …`) or a clause of purpose (`Um
        // … einschätzen zu können, zitiert X …`) is no content: the verb leads its clause.
        let fronted_adverbial = trailing && demo_sep.is_none() && {
            const PREPOSITIONS: &[&str] = &[
                "In",
                "Im",
                "Für",
                "Von",
                "Vom",
                "Mit",
                "Bei",
                "Beim",
                "Auf",
                "Aus",
                "Über",
                "Unter",
                "Wegen",
                "Trotz",
                "Angesichts",
                "Nach",
                "Vor",
                "Zu",
                "Zum",
                "Zur",
            ];
            // The phrase, perhaps with one relative clause, is all there is before the verb.
            // The opener is tested first, and the commas are counted, not collected: most
            // sentences open otherwise.
            let opener = toks.first().map_or("", |t| t.text);
            let (preposition, um) = (PREPOSITIONS.contains(&opener), opener == "Um");
            (preposition || um) && {
                let mut commas = (0..i).filter(|&k| !toks[k].quoted && toks[k].text == ",");
                let first = commas.next();
                // One, two, or more than two.
                let count = first.map_or(0, |_| 1 + commas.take(2).count());
                let first_comma = first.unwrap_or(i);
                let alone = match count {
                    1 => true,
                    2 => {
                        self.relative_clause(toks, first_comma)
                            || toks.get(first_comma + 2).is_some_and(|t| {
                                ["dem", "der", "denen", "welchem", "welcher"].contains(&t.text)
                            }) && toks[first_comma + 1].text.starts_with(char::is_lowercase)
                    }
                    _ => false,
                };
                alone
                    && ((preposition && self.verbless(&toks[..first_comma]))
                        || (um && self.bare_infinitive(toks, 1, first_comma)))
            }
        };
        // `…, wie Jan Berg, Direktor der Behörde, betont.`: the comma closing the apposition
        // does not make the verb trail its content; the `wie` clause attributes.
        let wie_apposed = (trailing && i >= 4)
            .then(|| comma_wie_before(toks, (i - 1).saturating_sub(12).max(2), i - 1))
            .flatten()
            .filter(|&w| w + 2 < i - 1 && self.verbless(&toks[w + 1..i - 1]));
        let trailing = trailing && !fronted_adverbial && wie_apposed.is_none();
        if trailing && !verbless && !np_subject() && !led_by_subordinate() {
            let content_end = toks[..demo_sep.unwrap_or(i)]
                .iter()
                .rposition(|t| !matches!(t.text, "," | "–" | "—"))
                .map_or(u.start, |k| toks[k].span.end);
            if content_end <= u.start {
                return None;
            }
            let (addressee0, after) = self.dative_addressee(toks, i + 1);
            // Without a plain noun phrase after the verb (`teilte die zur Universität gehörende
            // Stiftung mit`), the rest of the attribution holds the speaker.
            // Auxiliaries and the final period (`bezeichnet worden.`) name no one.
            let region = self.np_after(toks, after).or_else(|| {
                let stop = particle.map_or(u.end, |k| toks[k].span.start);
                toks.get(after)
                    .map(|t| t.span.start..stop)
                    .filter(|r| r.end > r.start)
                    .filter(|r| {
                        toks.iter().any(|t| {
                            r.start <= t.span.start
                                && t.span.end <= r.end
                                && (is_cap(t.text) && t.word || PRONOUNS.contains(&t.text))
                        })
                    })
            });
            let (addressee, topics) = self.attribution_phrases(toks, i + 1..toks.len());
            // A quoted predicate right before the verb (`wird von Kennern als „Meilenstein“
            // bezeichnet`) is what was said; the words before it only name what it was said of.
            let mut content = self.after_last_colon(toks, u.start..content_end);
            if toks[i - 1].quoted {
                let q = toks[..i]
                    .iter()
                    .rposition(|t| !t.quoted)
                    .map_or(0, |k| k + 1);
                if q > 0 && in_folded(PREDICATE_MARKERS, toks[q - 1].text) {
                    content = toks[q].span.start..toks[i - 1].span.end;
                }
            }
            return Some(Found {
                cue: cue(""),
                content,
                speaker: self.speaker_ref(region),
                addressee: addressee0.or(addressee),
                topics,
            });
        }
        // A verb at the end of a subordinate clause (`Während sie darüber sprechen, …`) does
        // not attribute what follows.
        // In a unit without a comma (its `mark` bit) the clause is the whole unit, and the
        // tokens before the verb are not searched.
        let clause_start = if self.marks & mark::COMMA == 0 {
            0
        } else {
            toks[..i]
                .iter()
                .rposition(|t| t.text == ",")
                .map_or(0, |k| k + 1)
        };
        // A relative clause (`…, der X als Y bezeichnete, …`, `…, in der er sagte, …`) is
        // subordinate too.
        let relative = |k: usize| {
            toks.get(k).is_some_and(|t| {
                [
                    "der", "die", "das", "dem", "den", "denen", "deren", "dessen", "welche",
                    "welcher", "welches",
                ]
                .contains(&t.text)
            })
        };
        let subordinate = toks.get(clause_start).is_some_and(|t| {
            is_subordinator(t.text)
                || (clause_start > 0
                    && (relative(clause_start)
                        || (t.text.starts_with(char::is_lowercase)
                            && ["in", "mit", "von", "bei", "auf", "für", "nach", "über"]
                                .contains(&t.text)
                            && relative(clause_start + 1))))
        }) && {
            // A subordinate clause ends in its verb, perhaps with an auxiliary after it; words
            // after the verb (`Als Grund gab sie an, …`) make `als`, `seit` or `während` a
            // preposition of a main clause.
            let ambiguous = toks
                .get(clause_start)
                .is_some_and(|t| in_folded(&["als", "seit", "während"], t.text));
            const AUX: &[&str] = &[
                "hat", "habe", "hatte", "hatten", "haben", "hätte", "hätten", "ist", "sei", "war",
                "wird", "wurde", "werde", "worden", "sind", "seien", "waren", "wurden", "werden",
                "kann", "könne", "konnte", "soll", "solle", "sollte", "will", "wolle", "wollte",
                "würde", "würden", "gewesen", "lassen",
            ];
            !ambiguous
                || (i + 1..end)
                    .all(|k| k == cue_end_tok || AUX.contains(&toks[k].text) || !toks[k].word)
        };
        // Unless a `dass` clause, Konjunktiv or a zu-infinitive follows: `da X erklärt hat, dass
        // …`, `der Mann, der angab, bedroht worden zu sein`.
        // After a fronted reason (`Als Begründung wurde angegeben, die Bürger nutzen …`) the
        // comma opens what was given as the reason, whatever its mood.
        let reason = toks.first().is_some_and(|t| t.text == "Als")
            && toks
                .get(1)
                .is_some_and(|t| ["Begründung", "Grund", "Gründe", "Ursache"].contains(&t.text))
            && toks
                .get(2)
                .is_some_and(|t| ["wurde", "wird", "wurden", "werden"].contains(&t.text))
            && toks.get(end).is_some_and(|t| t.text == ",");
        if subordinate
            && !reason
            && !self.content_follows(toks, end)
            && !self.infinitive_follows(toks, end)
        {
            return self.described_in_document(toks, i, clause_start, &cue(""), entry.summary);
        }
        // Every search for `, wie` below looks among the 16 words before the verb (`wie_apposed`
        // among 12 of them): one scan of those tells whether any may find it, and most verbs
        // have none before them, as a unit without a comma (its `mark` bit) has none at all.
        let wie_near = self.marks & mark::COMMA != 0
            && comma_wie_before(toks, i.saturating_sub(16), i).is_some();
        if decision && wie_near && comma_wie_before(toks, i.saturating_sub(8), i).is_some() {
            return None;
        }
        // `…, wie X sagte.`
        let wie = || {
            comma_wie_before(toks, i.saturating_sub(8), i)
                .or(wie_apposed)
                .or_else(|| {
                    // A longer `wie` clause (`…, wie er in einem Brief an den Rat nach der
                    // Sitzung bekundete`) when no comma stands inside it.
                    (1..i)
                        .rev()
                        .take(16)
                        .take_while(|&j| toks[j].text != ",")
                        .find(|&j| toks[j].text == "wie" && toks[j - 1].text == ",")
                })
                .or_else(|| {
                    // Or an apposition inside it that the verb closes without a comma (`…, wie
                    // Jan Berg, Direktor der Behörde betont`).
                    (2..i)
                        .rev()
                        .take(16)
                        .find(|&j| toks[j].text == "wie" && toks[j - 1].text == ",")
                        .filter(|&w| w + 3 < i && self.verbless(&toks[w + 1..i]))
                })
        };
        if let Some(w) = wie_near.then(wie).flatten() {
            // `…, wie angenommen, …` names nobody and compares rather than attributes.
            if w + 1 >= i {
                return None;
            }
            let last = if toks[i - 1].text == "," {
                i - 2
            } else {
                i - 1
            };
            let region = toks[w + 1].span.start..toks[last].span.end;
            let (addressee, topics) = self.attribution_phrases(toks, w + 1..toks.len());
            return Some(Found {
                cue: cue("wie "),
                content: u.start..toks[w - 1].span.start,
                speaker: self.speaker_ref(Some(region).filter(|r| r.end > r.start)),
                addressee,
                topics,
            });
        }
        // `Wie X mitteilte, …`
        let wie_first = toks.first().is_some_and(|t| t.text == "Wie");
        // Leading attribution: the subject, then the content after a comma or colon.
        // The subject and the dative addressee are looked for only where a statement is
        // returned: most verbs that get this far return none, and the subject's search costs
        // more than all the tests before a return. The cell keeps the subject for a second ask.
        let region_cell = std::cell::OnceCell::new();
        let region = || {
            region_cell
                .get_or_init(|| {
                    let region = if wie_first {
                        (i > 1).then(|| toks[1].span.start..toks[i - 1].span.end)
                    } else if subordinate {
                        self.np_after(toks, clause_start + 1)
                            .or_else(|| self.relative_speaker(u, toks, clause_start, i))
                    } else {
                        self.verb_subject(toks, i, clause_start)
                    };
                    // In the passive without a name (`Beim Gipfeltreffen wurde beschlossen, …`)
                    // the words before the verb are no speaker.
                    // One walk over the words asks for any of the auxiliaries, not one for each.
                    let passive = i > 0
                        && toks[clause_start..i].iter().any(|t| {
                            matches!(t.text, "wurde" | "wird" | "werden" | "wurden" | "worden")
                        });
                    region.filter(|r| {
                        !passive
                            || self.names_speaker(r)
                            || self.text[r.clone()]
                                .split_whitespace()
                                .any(|w| PRONOUNS.contains(&w))
                    })
                })
                .clone()
        };
        let addressee0 = || self.dative_addressee(toks, i + 1).0;
        let sep = (end < toks.len() && matches!(toks[end].text, "," | ":")).then_some(end);
        // The subject's own words count against the distance to the content, not those of an
        // inserted clause.
        let first_sep = sep;
        // An apposition, a relative clause or a `wie` clause after the subject (`meldete der
        // Sender, Radio X, dass …`, `erklärte der Rat, wie er sich nennt, die Lage sei …`)
        // stands between the verb and its content: the content opens after its comma.
        // Each separator goes with whether content follows it (`content_follows`), which the
        // tests below ask again: it is worked out once, where the separator is chosen.
        let sep = sep.map(|k| {
            if toks[k].text != "," {
                return (k, self.content_follows(toks, k));
            }
            if self.content_follows(toks, k) {
                return (k, true);
            }
            if self.ends_in_zu_infinitive(toks, k) {
                return (k, false);
            }
            let Some(k2) = toks[k + 1..]
                .iter()
                .take(20)
                .position(|t| t.text == "," && !t.quoted)
                .map(|d| k + 1 + d)
            else {
                return (k, false);
            };
            let inserted = self.apposition_until(toks, k + 1, k2)
                || toks
                    .get(k + 1)
                    .is_some_and(|t| ["wie", "der", "die", "das"].contains(&t.text));
            if inserted && self.content_follows(toks, k2) {
                (k2, true)
            } else {
                (k, false)
            }
        });
        // A comma opens the content unless a relative clause follows it without `dass` or
        // Konjunktiv (`nennt die Punkte, die …`, `geht aus dem Bericht hervor, der …`).
        // A clause that ends in a zu-infinitive is no relative clause, even when it opens with
        // an article (`empfahl dem Gericht, der Klage des Landes stattzugeben`).
        let sep = sep.filter(|&(k, follows)| {
            reason
                || follows
                || !self.relative_clause(toks, k)
                || self.ends_in_zu_infinitive(toks, k)
        });
        // A topic list (`redet über X, Y und Z`) or a question (`auf die Frage, ob …`) before
        // the comma is no attribution of what follows.
        let sep = sep.filter(|&(k, follows)| {
            let topic_list = toks[cue_end_tok + 1..k]
                .iter()
                .any(|t| ["über", "von"].contains(&t.text))
                && !follows;
            let question = toks[k - 1].text == "Frage";
            // A clause of reason, time or purpose after the comma (`…, obwohl …`, `…, um … zu`)
            // is not what was said.
            // A clause that ends in a zu-infinitive after `seit` or `als` is content (`warf ihm
            // vor, seit Jahren Akten gefälscht zu haben`); after `um` it is a purpose.
            let adverbial = toks.get(k + 1).is_some_and(|t| {
                t.text == "um"
                    || (t.text != "da"
                        && is_subordinator_as_written(t.text)
                        && !self.ends_in_zu_infinitive(toks, k))
            }) && !follows;
            !topic_list && !question && !adverbial
        });
        let sep = sep.map(|(k, _)| k);
        // `dass` right after the verb, its comma left out (`X hoffte dass …`), opens the
        // content too.
        let sep = sep.or_else(|| {
            (toks.get(cue_end_tok + 1).is_some_and(|t| t.text == "dass") && !wie_first)
                .then_some(cue_end_tok)
        });
        // `Wie die Sender berichten sind …`: the comma after a fronted `wie` clause left out.
        // That clause ends with its verb, so the main clause opens right after it with its own
        // finite verb. After a form that may be a participle (`Wie berichtet wurde`) an
        // auxiliary still belongs to the `wie` clause.
        if sep.is_none() && wie_first && cue_end_tok <= 14 {
            const NOT_FINITE: &[&str] = &[
                "und", "oder", "sowie", "aber", "auch", "jedoch", "noch", "bereits", "schon",
                "nun", "dass", "ob", "zufolge", "nach", "bzw",
            ];
            const AUXILIARIES: &[&str] = &[
                "hat", "hatte", "haben", "hatten", "ist", "war", "sind", "waren", "wurde",
                "wurden", "worden", "habe", "sei", "wird", "werden",
            ];
            let c = toks[cue_end_tok].text;
            let participle_like = c.ends_with('t') || c.ends_with("en") && c.contains("ge");
            let opens = toks.get(cue_end_tok + 1).is_some_and(|t| {
                !t.quoted
                    && t.text.starts_with(char::is_lowercase)
                    && t.text.chars().all(char::is_alphabetic)
                    && !NOT_FINITE.contains(&t.text)
                    && !(participle_like && AUXILIARIES.contains(&t.text))
                    && self.verb_of(t).is_empty()
            });
            let rest = cue_end_tok + 1..toks.len();
            if opens && self.words_outside(&(toks[rest.start].span.start..u.end), toks) >= 3 {
                let (addressee, topics) = self.attribution_phrases(toks, 0..cue_end_tok + 1);
                return Some(Found {
                    cue: cue("Wie "),
                    content: toks[rest.start].span.start..u.end,
                    speaker: self.speaker_ref(region()),
                    addressee: addressee0().or(addressee),
                    topics,
                });
            }
        }
        if let Some(sep) = sep {
            if first_sep.unwrap_or(sep).min(sep) - cue_end_tok > 14 {
                return None;
            }
            let content = toks[sep].span.end..u.end;
            if self.text[content.clone()].trim().is_empty() {
                return None;
            }
            let (addressee, topics) = self.attribution_phrases(toks, 0..sep);
            // An apposition between the subject and the content names the speaker too
            // (`meldete der Sender, Radio X, dass …`).
            let region = match (region(), first_sep) {
                (Some(r), Some(k))
                    if k < sep
                        && r.end <= toks[k].span.start
                        && toks[cue_end_tok + 1..k].iter().all(|t| t.span.end <= r.end)
                        && self.apposition_until(toks, k + 1, sep) =>
                {
                    Some(r.start..toks[sep - 1].span.end)
                }
                (r, _) => r,
            };
            return Some(Found {
                cue: cue(if wie_first { "Wie " } else { "" }),
                content,
                speaker: self.speaker_ref(region),
                addressee: addressee0().or(addressee),
                topics,
            });
        }
        // `hat angekündigt, … zu …` written without its comma (`hat angekündigt die Preise zu
        // erhöhen`): a zu-infinitive right after the participle or particle that closes the
        // attribution is its content, when a speaker is named.
        let closes = particle.is_some() || entry.form == Form::Whole;
        if closes
            && !wie_first
            && self.bare_infinitive(toks, cue_end_tok + 1, end)
            && region()
                .as_ref()
                .is_some_and(|r| self.names_speaker(r) || PRONOUNS.contains(&&self.text[r.clone()]))
        {
            let last = self.words_end(toks, cue_end_tok + 1, end);
            let content = toks[cue_end_tok + 1].span.start..toks[last - 1].span.end;
            return Some(Found {
                cue: cue(""),
                content,
                speaker: self.speaker_ref(region()),
                addressee: addressee0(),
                topics: Vec::new(),
            });
        }
        if self.declared_ready(toks, i) && toks[i].text.starts_with("erklär") {
            return Some(Found {
                cue: format!("{} sich bereit", toks[i].text),
                content: u.clone(),
                speaker: self.speaker_ref(region()),
                addressee: addressee0(),
                topics: Vec::new(),
            });
        }
        if entry.summary && !wie_first {
            // A summary act needs a speaker the text names, or a pronoun for one: `forderte`,
            // `rief auf` and `warnte` have other senses whose subjects are not speakers (`der
            // Sturm forderte zwei Menschenleben`, `die Seite wurde oft aufgerufen`).
            let region = region()?;
            if !(self.names_speaker(&region) || PRONOUNS.contains(&&self.text[region.clone()])) {
                return None;
            }
            // `aussprechen` says something only with its reflexive (`sprach sich gegen X aus`);
            // `ausgesprochen defensiv` is an adverb, `das Vertrauen aussprechen` a vote.
            let aus_sprechen = ["sprach", "sprech", "sproch", "spricht"]
                .iter()
                .any(|s| toks[i].text.contains(s))
                && (particle.is_some() || toks[i].text.starts_with("aus"));
            if aus_sprechen && !toks.iter().any(|t| t.text == "sich") {
                return None;
            }
            let start = region.end.max(v.span.end);
            // The content runs on through a quotation in its noun phrase (`warnte vor den
            // „Sparplänen“`) to the clause end.
            let end = toks[end..]
                .iter()
                .position(|t| !t.quoted && matches!(t.text, "," | ":" | ";" | "–" | "—"))
                .map_or(toks.len(), |k| end + k);
            let stop = particle.map_or(toks.get(end).map_or(u.end, |t| t.span.start), |k| {
                toks[k].span.end
            });
            let content = if entry.form == Form::Whole {
                region.end..toks[cue_end_tok].span.end
            } else {
                start..stop
            };
            // Coordinated speech acts belong to one statement (`rief zu … auf – und warnte
            // vor …`).
            let content = content.start..self.coordinated_end(toks, content.end);
            // Whether the content holds a word at all: the first is enough, not a count of all.
            if self
                .text
                .get(content.clone())
                .is_none_or(|c| c.split_whitespace().next().is_none())
            {
                return None;
            }

            let (addressee, topics) = self.attribution_phrases(toks, 0..toks.len());
            return Some(Found {
                cue: cue(""),
                content,
                speaker: self.speaker_ref(Some(region)),
                addressee: addressee0().or(addressee),
                topics,
            });
        }
        None
    }

    /// A disaster that `forderte 90 Menschenleben` claimed lives; it demanded nothing.
    fn toll(&self, toks: &[Tok], i: usize) -> bool {
        const TOLL: &[&str] = &[
            "menschenleben",
            "todesopfer",
            "opfer",
            "tote",
            "toten",
            "verletzte",
            "verletzten",
            "leben",
        ];
        // The count before the noun (`40 Menschenleben`, `zahlreiche Opfer`) tells a toll
        // from a demand on the victims' behalf (`forderte Hilfe für die Opfer`).
        const COUNTS: &[&str] = &[
            "zahlreiche",
            "viele",
            "mehrere",
            "weitere",
            "dutzende",
            "hunderte",
            "tausende",
            "zwei",
            "drei",
            "vier",
            "fünf",
            "sechs",
            "sieben",
            "acht",
            "neun",
            "zehn",
        ];
        let counted = |j: usize| {
            toks[j.saturating_sub(2)..j].iter().any(|t| {
                t.text.starts_with(|c: char| c.is_ascii_digit()) || in_folded(COUNTS, t.text)
            })
        };
        // Only ASCII capitals lower-case to these letters, so the lower-case form starts with
        // `forder` just where the first six bytes do in any case: no lower-cased copy is made.
        toks[i]
            .text
            .get(..6)
            .is_some_and(|p| p.eq_ignore_ascii_case("forder"))
            && toks.iter().enumerate().any(|(j, t)| {
                !t.quoted
                    && is_cap(t.text)
                    && (in_folded(TOLL, t.text) || t.text.ends_with("opfer"))
                    && counted(j)
            })
    }

    /// `Das teilte die Behörde mit.` / `Dies hat der Minister bestätigt.`: a demonstrative
    /// pronoun fronted as the object of a verb of saying stands for what was said just before;
    /// the pronoun is the statement's content and the subject after the verb its speaker.
    fn demonstrative(&self, toks: &[Tok]) -> Option<Found> {
        const AUX: &[&str] = &[
            "hat", "hatte", "haben", "hatten", "habe", "musste", "mussten", "muss", "wollte",
            "will", "konnte", "kann", "wird", "würde",
        ];
        // A noun for what was just told, fronted after a demonstrative or article, points
        // back as `Das` does (`Diese Ergebnisse gab das Amt bekannt.`).
        let f = toks.iter().position(|t| t.word)?;
        // Every back-reference below opens with one of these words; the test of the first word
        // is cheaper than the scan of the whole unit after it, and most units fail it.
        if !["Die", "Diese", "Dieses", "Das", "Dies"].contains(&toks[f].text) {
            return None;
        }
        // `Die Ankündigung erfolgte durch X.`: the act of telling with its agent.
        let act = ["Die", "Diese"].contains(&toks[f].text)
            && toks.get(f + 1).is_some_and(|t| {
                ["Ankündigung", "Mitteilung", "Bekanntgabe", "Bestätigung"].contains(&t.text)
            })
            && toks
                .get(f + 2)
                .is_some_and(|t| ["erfolgte", "erfolgt"].contains(&t.text))
            && toks.get(f + 3).is_some_and(|t| t.text == "durch");
        let told = ["Diese", "Dieses", "Die", "Das"].contains(&toks[f].text)
            && toks.get(f + 1).is_some_and(|t| {
                !t.quoted
                    && is_cap(t.text)
                    && crate::lexicon::with_lowercase(t.text, |l| {
                        TOLD_NOUNS.iter().any(|n| l.ends_with(n))
                    })
            });
        // A unit opened by `Die` or `Diese` points back only by the act or a noun of what was
        // told: the next words answer that before the scan of the whole unit below, which
        // most such units then need not make.
        if !act && !told && !["Das", "Dies", "Dieses"].contains(&toks[f].text) {
            return None;
        }
        if toks
            .iter()
            .any(|t| matches!(t.text, ":" | "dass" | "ob" | ";"))
        {
            return None;
        }
        if act {
            let agent = self
                .np_after(toks, f + 4)
                .filter(|n| self.names_speaker(n))?;
            return Some(Found {
                cue: format!("{} durch", toks[f + 2].text),
                content: toks[f].span.start..toks[f + 1].span.end,
                speaker: self.speaker_ref(Some(agent)),
                addressee: None,
                topics: Vec::new(),
            });
        }
        // The content: the pronoun, or the demonstrative with its noun.
        let content = toks[f].span.start..toks[f + usize::from(told)].span.end;
        let v = f + 1 + usize::from(told);
        // Such a noun points back only when it is announced; one criticised, denied or still to
        // be confirmed (`Die Entscheidung wurde kritisiert`) is the subject of other news.
        let announced = |cue: &str| {
            !told
                || cue.split(' ').any(|w| {
                    [
                        "bekannt",
                        "mit",
                        "mitgeteilt",
                        "verkünd",
                        "veröffentlich",
                        "meld",
                    ]
                    .iter()
                    .any(|a| w.starts_with(a))
                })
        };
        let verb = toks.get(v)?;
        // Quotations may only name the speaker (`berichtete die „Zeitung“`).
        if toks[..=v].iter().any(|t| t.quoted) {
            return None;
        }
        // A verb in Konjunktiv I (`Dies begründe die Fluchtgefahr.`) is itself reported: the
        // sentence goes on with the last speaker's words rather than pointing back to them.
        if self.konj1_of(verb) {
            return None;
        }
        // `Das wurde von der Polizei bestätigt.`: in the passive the agent after `von` is the
        // speaker, and without one nobody is named.
        if ["wurde", "wird", "wurden", "werden"].contains(&verb.text) {
            let clause_end = (v + 1..toks.len())
                .find(|&j| matches!(toks[j].text, "," | "." | "!" | "?" | ";"))
                .unwrap_or(toks.len());
            // `bekannt gegeben` is written apart as often as joined; a date in apposition
            // (`am Montag, dem 3. Mai, bestätigt`) may put a comma before the participle.
            let participle = |j: usize| {
                self.lex
                    .verb(toks[j].text)
                    .iter()
                    .any(|c| c.form == Form::Whole && !c.clause_only)
                    || toks[j].text == "gegeben" && toks[j - 1].text == "bekannt"
            };
            let last = (v + 1..toks.len())
                .rev()
                .find(|&j| toks[j].word)
                .filter(|&j| participle(j));
            let p = (v + 1..clause_end)
                .rev()
                .find(|&j| participle(j))
                .or(last)?;
            let agent = (v + 1..p)
                .find(|&j| ["von", "vom", "durch"].contains(&toks[j].text))
                .and_then(|j| self.np_after(toks, j + 1))
                .filter(|n| n.end <= toks[p].span.start);
            let cue = format!("{} {}", verb.text, toks[p].text);
            if !announced(&cue) {
                return None;
            }
            return Some(Found {
                cue,
                content: content.clone(),
                speaker: self.speaker_ref(agent),
                addressee: None,
                topics: Vec::new(),
            });
        }
        // `stop`: the participle or particle closing the clause, or the clause end.
        let (cue, stop) = if AUX.contains(&verb.text) {
            // `Das hat X bestätigt.`, the participle in the same clause: in `Das hatte er
            // getan, wie X mitteilte` the cue after the comma attributes the whole sentence.
            let clause_end = (v + 1..toks.len())
                .find(|&j| toks[j].text == ",")
                .unwrap_or(toks.len());
            let p = (v + 2..clause_end).find(|&j| {
                self.lex
                    .verb(toks[j].text)
                    .iter()
                    .any(|c| c.form == Form::Whole)
            })?;
            (format!("{} {}", verb.text, toks[p].text), p)
        } else {
            let entries = self.verb_of(verb);
            let particle = |p: &str| (v + 1..toks.len()).find(|&j| toks[j].text == p);
            // Results are presented as well as announced (`Diese Ergebnisse stellte X vor`).
            let presented = (told && ["stellte", "stellten", "stellt"].contains(&verb.text))
                .then(|| particle("vor"))
                .flatten();
            if let Some(j) = presented {
                return self.demonstrative_speaker(toks, v, j, "stellte vor", content);
            }
            let p = entries.iter().find_map(|c| match c.particle {
                Some(p) if c.form == Form::Finite => particle(p).map(Some),
                None => Some(None),
                _ => None,
            })?;
            match p {
                Some(j) => (format!("{} {}", verb.text, toks[j].text), j),
                None => {
                    let end = (v + 1..toks.len())
                        .find(|&j| !toks[j].word && toks[j].text != "-")
                        .unwrap_or(toks.len());
                    (verb.text.to_string(), end)
                }
            }
        };
        if !announced(&cue) {
            return None;
        }
        self.demonstrative_speaker(toks, v, stop, &cue, content)
    }

    /// The speaker of a fronted back-reference whose verb stands at `v` and whose clause ends
    /// at token `stop`: the noun phrase after the verb (and a dative addressee), or without a
    /// plain one (`Das erklärte gestern ein Sprecher`) the rest of the clause.
    fn demonstrative_speaker(
        &self,
        toks: &[Tok],
        v: usize,
        stop: usize,
        cue: &str,
        content: Span,
    ) -> Option<Found> {
        let (addressee0, k) = self.dative_addressee(toks, v + 1);
        let np = self
            .np_after(toks, k)
            .or_else(|| (stop > k).then(|| toks[k].span.start..toks[stop - 1].span.end))?;
        // `Das nennt man …` defines a word; nobody is reported.
        if &self.text[np.clone()] == "man" {
            return None;
        }
        let (addressee, topics) = self.attribution_phrases(toks, v + 1..toks.len());
        Some(Found {
            cue: cue.to_string(),
            content,
            speaker: self.speaker_ref(Some(np)),
            addressee: addressee0.or(addressee),
            topics,
        })
    }

    /// `X gab die Entscheidung am Montag bekannt.`, `Jetzt wurde diese Entdeckung bekannt
    /// gegeben.`: a noun for what was just told, as the object of a verb of announcing, points
    /// back as a fronted `Das` does. The speaker is the subject, or in the passive the agent
    /// after `von`/`durch`, or nobody.
    fn told_object(&self, toks: &[Tok]) -> Option<Found> {
        // Each of the announcing words below passes the cue filter (tested) and begins with
        // `bekannt` or is `verkündet` or `veröffentlicht`: a unit without such a word announces
        // nothing, and one bit of each token rules out most words before their text is
        // compared.
        if !toks.iter().any(|t| {
            t.class & lexicon::class::CUE != 0
                && (t.text.starts_with("bekannt")
                    || t.text == "verkündet"
                    || t.text == "veröffentlicht")
        }) {
            return None;
        }
        if toks
            .iter()
            .any(|t| !t.quoted && matches!(t.text, ":" | "dass" | "ob" | ";" | "," | "wie"))
        {
            return None;
        }
        let k = (1..toks.len().saturating_sub(1)).find(|&k| {
            ["die", "diese", "dieses"].contains(&toks[k].text) && {
                let l = toks[k + 1].text.to_lowercase();
                is_cap(toks[k + 1].text) && TOLD_NOUNS.iter().any(|n| l.ends_with(n))
            }
        })?;
        // The verb of announcing: `bekannt gegeben` (one token), a joined form, or `gab …
        // bekannt`.
        let announced = toks.iter().any(|t| {
            t.text.starts_with("bekannt ")
                || ["bekanntgegeben", "verkündet", "veröffentlicht"].contains(&t.text)
        }) || (toks
            .iter()
            .any(|t| ["gab", "gaben", "gibt", "geben"].contains(&t.text))
            && toks[toks.len() - 1..]
                .iter()
                .chain(toks.iter().rev().find(|t| t.word))
                .any(|t| t.text == "bekannt"));
        if !announced {
            return None;
        }
        let passive = toks
            .iter()
            .any(|t| ["wurde", "wurden", "wird", "werden"].contains(&t.text));
        let speaker = if passive {
            (0..toks.len())
                .find(|&j| ["von", "vom", "durch"].contains(&toks[j].text))
                .and_then(|j| self.np_after(toks, j + 1))
        } else {
            // The subject: the noun phrase opening the sentence, or the one right after the
            // finite verb when an adverbial opens it (`Am Montag gab der Verband …`).
            let v = (0..k).find(|&j| {
                [
                    "gab", "gaben", "gibt", "geben", "hat", "hatte", "haben", "hatten",
                ]
                .contains(&toks[j].text)
            })?;
            // A plain noun phrase opening the sentence is its subject even when it names no
            // one (`Forscher der Universität gaben die Ergebnisse bekannt`); a preposition or
            // adverb there opens an adverbial.
            let plain = toks.first().is_some_and(|t| {
                !t.quoted
                    && !front_adverbial(t.text)
                    && (is_article(t.text) || self.verb_of(t).is_empty())
                    && ![
                        "Am", "Im", "In", "Nach", "Vor", "Bei", "Auf", "Mit", "Seit", "Jetzt",
                        "Nun", "Heute", "Gestern",
                    ]
                    .contains(&t.text)
            });
            let before = self.np_after(toks, 0).filter(|n| {
                v > 0
                    && n.end <= toks[v - 1].span.end
                    && n.start == toks[0].span.start
                    && (self.names_speaker(n) || plain)
            });
            before.or_else(|| {
                self.np_after(toks, v + 1)
                    .filter(|n| n.end <= toks[k].span.start && self.names_speaker(n))
            })
        };
        if !passive && speaker.is_none() {
            return None;
        }
        Some(Found {
            cue: "bekannt gegeben".to_string(),
            content: toks[k].span.start..toks[k + 1].span.end,
            speaker: self.speaker_ref(speaker),
            addressee: None,
            topics: Vec::new(),
        })
    }

    /// Whether the words from token `k` on continue an article into a noun phrase (`nach der
    /// neuen Regel`) rather than opening a relative clause (`nach der die Stadt …`).
    fn relative_clause_is_noun_phrase(&self, toks: &[Tok], mut k: usize) -> bool {
        while toks.get(k).is_some_and(|t| is_adjective(t.text)) {
            k += 1;
        }
        toks.get(k)
            .is_none_or(|t| is_cap(t.text) && t.word && !t.quoted)
    }

    /// `X ist der Ansicht, …`, `X vertritt die Auffassung, …`: an opinion stated; the clause
    /// after the comma is its content.
    fn opinion_cue(&self, u: &Span, toks: &[Tok], i: usize) -> Option<Found> {
        const VERBS: &[&str] = &[
            "ist",
            "sind",
            "war",
            "waren",
            "sei",
            "seien",
            "vertritt",
            "vertrat",
            "vertreten",
            "vertraten",
            "teilt",
            "teilte",
            "teilen",
            "teilten",
        ];
        if let Some(found) = self.shared_opinion(u, toks, i) {
            return Some(found);
        }
        let mut a = i.checked_sub(1)?;
        if is_adjective(toks[a].text) {
            a = a.checked_sub(1)?;
        }
        if !["der", "die"].contains(&toks[a].text) {
            return None;
        }
        // A participle right after the noun closes the frame (`hatte die Auffassung
        // vertreten, …`); the subject stands before its auxiliary.
        if toks.get(i + 1).is_some_and(|t| t.text == "vertreten")
            && toks.get(i + 2).is_some_and(|t| t.text == ",")
        {
            let content = toks[i + 2].span.end..u.end;
            if self.words_outside(&content, toks) < 2 {
                return None;
            }
            return Some(Found {
                cue: format!("{} {} vertreten", toks[a].text, toks[i].text),
                content,
                speaker: self.speaker_ref(self.verb_subject(toks, i + 1, 0)),
                addressee: None,
                topics: Vec::new(),
            });
        }
        // The verb may stand a few words before (`vertritt wie X die Ansicht`, `war schon
        // damals der Meinung`), in the same clause.
        let v = (a.saturating_sub(6)..a)
            .rev()
            .find(|&j| VERBS.contains(&toks[j].text))?;
        if toks[v + 1..a]
            .iter()
            .any(|t| t.quoted || matches!(t.text, "," | ":" | ";"))
        {
            return None;
        }
        let verb = toks[v].text;
        if toks.get(i + 1).is_none_or(|t| t.text != ",") {
            return None;
        }
        let content = toks[i + 1].span.end..u.end;
        if self.words_outside(&content, toks) < 2 {
            return None;
        }
        let speaker = self.verb_subject(toks, v, 0);
        Some(Found {
            cue: format!("{verb} {} {}", toks[a].text, toks[i].text),
            content,
            speaker: self.speaker_ref(speaker),
            addressee: None,
            topics: Vec::new(),
        })
    }

    /// `Ich teile Bergs Ansicht (voll und ganz), dass …`: the speaker agrees with an opinion
    /// whose owner, named in the genitive, is the one who holds it: the content is theirs.
    fn shared_opinion(&self, u: &Span, toks: &[Tok], i: usize) -> Option<Found> {
        let g = i.checked_sub(1)?;
        let v = g.checked_sub(1)?;
        let owner = toks[g].text;
        let shares = ["teile", "teilt", "teilen", "teilte", "teilten"].contains(&toks[v].text);
        if !(shares && is_cap(owner) && owner.ends_with('s')) {
            return None;
        }
        let name = self.mentions_in(&toks[g].span).next()?.span.clone();
        let comma = (i + 1..toks.len().min(i + 5)).find(|&k| toks[k].text == ",")?;
        if toks[i + 1..comma]
            .iter()
            .any(|t| !t.text.starts_with(char::is_lowercase))
        {
            return None;
        }
        let content = toks[comma].span.end..u.end;
        if self.words_outside(&content, toks) < 2 {
            return None;
        }
        Some(Found {
            cue: format!("{} {}", toks[v].text, toks[i].text),
            content,
            speaker: SpeakerRef::Spans(vec![name]),
            addressee: None,
            topics: Vec::new(),
        })
    }

    /// `X zeigte sich zuversichtlich, dass …`: a stance declared in public, with its content
    /// clause.
    fn stance_cue(&self, u: &Span, toks: &[Tok], i: usize) -> Option<Found> {
        const STANCE: &[&str] = &[
            "zuversichtlich",
            "überzeugt",
            "optimistisch",
            "besorgt",
            "erleichtert",
            "enttäuscht",
            "zufrieden",
            "skeptisch",
            "überrascht",
            "entsetzt",
            "empört",
            "bestürzt",
        ];
        let v = i.checked_sub(1)?;
        // `sich` is a common word: the verb before it is compared in place by a `matches!`
        // pattern, where the search of a list called `memcmp` for each of its words of the
        // same length.
        if !matches!(
            toks[v].text,
            "zeigte" | "zeigt" | "zeigten" | "zeigen" | "gab" | "gibt" | "gaben"
        ) {
            return None;
        }
        let adj = (i + 1..toks.len().min(i + 5)).find(|&k| STANCE.contains(&toks[k].text))?;
        let comma = adj + 1;
        if toks.get(comma).is_none_or(|t| t.text != ",")
            || !(self.content_follows(toks, comma) || self.infinitive_follows(toks, comma))
        {
            return None;
        }
        let speaker = self.verb_subject(toks, v, 0);
        Some(Found {
            cue: format!("{} sich {}", toks[v].text, toks[adj].text),
            content: toks[comma].span.end..u.end,
            speaker: self.speaker_ref(speaker),
            addressee: None,
            topics: Vec::new(),
        })
    }

    /// `erklärte sich bereit`: a commitment stated without content clause; the sentence is the
    /// statement.
    fn declared_ready(&self, toks: &[Tok], i: usize) -> bool {
        toks.get(i + 1).is_some_and(|t| t.text == "sich")
            && toks[i + 2..].iter().take(4).any(|t| {
                ["bereit", "einverstanden", "zuversichtlich", "überzeugt"].contains(&t.text)
            })
    }

    /// The end of speech acts coordinated after `pos` with `und` (`… gewarnt und höhere
    /// Ausgaben gefordert`), or `pos` itself.
    fn coordinated_end(&self, toks: &[Tok], pos: usize) -> usize {
        let Some(k) = toks.iter().position(|t| t.span.start >= pos) else {
            return pos;
        };
        let mut j = k;
        while j < toks.len() && matches!(toks[j].text, "–" | "—" | "-" | ",") {
            j += 1;
        }
        if toks.get(j).is_none_or(|t| t.text != "und") {
            return pos;
        }
        for m in j + 1..toks.len().min(j + 12) {
            if toks[m].quoted || matches!(toks[m].text, "," | ":" | ";") {
                break;
            }
            let cues = self.verb_of(&toks[m]);
            if let Some(c) = cues.iter().find(|c| c.summary) {
                let end = self.clause_end(toks, m + 1);
                let stop = match (c.form, c.particle) {
                    (Form::Finite, Some(p)) => toks[m + 1..end]
                        .iter()
                        .find(|t| t.text == p)
                        .map_or(toks[m].span.end, |t| t.span.end),
                    (Form::Finite, None) => toks
                        .get(end)
                        .map_or(toks[toks.len() - 1].span.end, |t| t.span.start),
                    (Form::Whole, _) => toks[m].span.end,
                };
                return stop.max(pos);
            }
        }
        pos
    }

    /// Whether a relative clause follows the comma at `k`: a relative pronoun not followed by
    /// a noun, with or without adjectives (`die Punkte, die für …`, but not `sagte, die Regierung
    /// …` or `sagte, die neue Regierung …`).
    fn relative_clause(&self, toks: &[Tok], k: usize) -> bool {
        let rel = [
            "der", "die", "das", "dem", "den", "denen", "deren", "dessen", "welche", "welcher",
            "welches", "wo", "was",
        ];
        if !toks.get(k + 1).is_some_and(|t| rel.contains(&t.text)) {
            return false;
        }
        let mut j = k + 2;
        while toks.get(j).is_some_and(|t| is_adjective(t.text)) {
            j += 1;
        }
        let noun = toks
            .get(j)
            .is_some_and(|t| is_cap(t.text) && t.word && !t.quoted);
        !noun || (j > k + 2 && toks[k + 1].text == "was")
    }

    /// Whether the separator at token `sep` opens reported content: a colon, or a comma
    /// followed by `dass`/`ob` or by a clause in Konjunktiv.
    fn content_follows(&self, toks: &[Tok], sep: usize) -> bool {
        let Some(t) = toks.get(sep) else { return false };
        match t.text {
            ":" => true,
            "," => {
                let Some(n) = toks.get(sep + 1) else {
                    return false;
                };
                let next = n.text;
                // A finite verb right after the comma (`…, dass sie es für nichtig erklären
                // sollten, gäbe es nicht`) goes on with the clause the comma interrupted:
                // reported content would open with its subject or a conjunction.
                // The token's class bits answer the key filters, as in the loop below.
                if self.konj1_of(n) || self.konj2_of(n) {
                    return false;
                }
                ["dass", "ob", "wonach"].contains(&next)
                    || toks[sep + 1..]
                        .iter()
                        .take_while(|t| t.text != ",")
                        .any(|t| !t.quoted && (self.konj1_of(t) || self.konj2_of(t)))
            }
            _ => false,
        }
    }

    /// Whether tokens hold no verb: only names, articles, prepositions, conjunctions,
    /// adjectives and numbers, outside any quotation (a noun phrase, not a clause).
    fn verbless(&self, toks: &[Tok]) -> bool {
        // The small words are a `matches!` pattern, each compared in place, rather than a
        // list searched with a call of `memcmp` for each of the same length.
        let small = |w: &str| {
            matches!(
                w,
                "von"
                    | "vom"
                    | "für"
                    | "aus"
                    | "in"
                    | "im"
                    | "am"
                    | "an"
                    | "bei"
                    | "beim"
                    | "mit"
                    | "zu"
                    | "zum"
                    | "zur"
                    | "und"
                    | "oder"
                    | "sowie"
                    | "auf"
                    | "über"
                    | "unter"
                    | "nach"
                    | "gegen"
                    | "ohne"
                    | "de"
                    | "van"
                    | "der"
                    | "die"
                    | "das"
                    | "des"
                    | "dem"
                    | "den"
            ) || is_article(w)
        };
        // An adjective counts only after an article or preposition (`der neue Sprecher`);
        // elsewhere a lower-case word ending in `-e` is as likely a verb (`Man brauche …`).
        toks.iter().any(|t| t.word)
            && toks.iter().enumerate().all(|(j, t)| {
                !t.quoted
                    && (!t.word
                        || is_cap(t.text)
                        || t.text.starts_with(|c: char| c.is_ascii_digit())
                        // Names in lower case with a dot (`ver.di`, `spiegel.de`).
                        || t.text.contains('.')
                        || toks.get(j + 1).is_some_and(|n| n.text == ".")
                        || j > 0 && toks[j - 1].text == "."
                        || small(t.text)
                        || (is_adjective(t.text)
                            && j > 0
                            && (small(toks[j - 1].text) || is_adjective(toks[j - 1].text))))
            })
    }

    /// The end of tokens `from..end` without the punctuation that closes them.
    fn words_end(&self, toks: &[Tok], from: usize, mut end: usize) -> usize {
        while end > from && !toks[end - 1].word {
            end -= 1;
        }
        end
    }

    /// Whether tokens `from..end` are a zu-infinitive clause of at least two words that ends in
    /// its infinitive (`die Preise zu erhöhen`, `erneut anzutreten`).
    fn bare_infinitive(&self, toks: &[Tok], from: usize, end: usize) -> bool {
        let end = self.words_end(toks, from, end);
        if end < from + 2 || toks[from..end].iter().any(|t| t.quoted || !t.word) {
            return false;
        }
        let last = toks[end - 1].text;
        let zu_before = toks[end - 2].text == "zu";
        // The last `zu`, so that a particle `zu` before it counts (`zuzustimmen`).
        let joined = last.len() > 6
            && last.ends_with('n')
            && last
                .rfind("zu")
                .is_some_and(|z| z >= 2 && z + 4 < last.len());
        last.starts_with(char::is_lowercase) && (zu_before || joined)
    }

    /// Whether the clause after the comma at `sep` ends in a zu-infinitive (`…, der Klage
    /// stattzugeben`, `…, dem Verband beizutreten`, `…, die Preise zu senken`).
    fn ends_in_zu_infinitive(&self, toks: &[Tok], sep: usize) -> bool {
        if toks.get(sep).is_none_or(|t| t.text != ",") {
            return false;
        }
        let end = toks[sep + 1..]
            .iter()
            .position(|t| !t.quoted && matches!(t.text, "," | ";" | ":"))
            .map_or(toks.len(), |k| sep + 1 + k);
        let end = self.words_end(toks, sep + 1, end);
        if end < sep + 3 || toks[end - 1].quoted {
            return false;
        }
        let last = toks[end - 1].text;
        let joined = last.len() > 6
            && last
                .rfind("zu")
                .is_some_and(|z| z >= 2 && z + 4 < last.len());
        last.starts_with(char::is_lowercase)
            && last.ends_with('n')
            && (toks[end - 2].text == "zu" || joined)
    }

    /// Whether the clause after the separator at `sep` holds a zu-infinitive (`…, sofort zu
    /// gehen`, `…, die Wahl abzusagen`).
    fn infinitive_follows(&self, toks: &[Tok], sep: usize) -> bool {
        const PARTICLES: &[&str] = &[
            "ab", "an", "auf", "aus", "ein", "mit", "vor", "zurück", "fest", "hin", "her", "weg",
            "los", "zu", "fort", "nach", "bei", "um", "dar", "frei", "statt",
        ];
        if toks.get(sep).is_none_or(|t| t.text != ",") {
            return false;
        }
        let end = toks[sep + 1..]
            .iter()
            .position(|t| matches!(t.text, "," | ";" | ":"))
            .map_or(toks.len(), |k| sep + 1 + k);
        let clause = &toks[sep + 1..end];
        clause.iter().enumerate().any(|(j, t)| {
            (t.text == "zu"
                && clause
                    .get(j + 1)
                    .is_some_and(|n| n.text.starts_with(char::is_lowercase)))
                // A particle (two bytes or more), `zu` and three more bytes ending in `n`: a
                // word of six bytes or fewer, or one not ending in `n`, is none, without a test
                // of every particle.
                || t.text.len() > 6
                    && t.text.ends_with('n')
                    && PARTICLES.iter().any(|p| {
                    t.text
                        .strip_prefix(p)
                        .is_some_and(|r| r.starts_with("zu") && r.len() > 4 && r.ends_with('n'))
                })
        })
    }

    /// `sagte der Zeitung X` / `sagte dem Sender`: a dative media phrase right after the verb is
    /// the addressee; returns it and the token index after it.
    fn dative_addressee(&self, toks: &[Tok], i: usize) -> (Option<Span>, usize) {
        let Some(t) = toks.get(i) else {
            return (None, i);
        };
        // After `der` only a feminine medium is dative (`sagte der Zeitung`); a masculine or
        // neuter one is the subject (`meldete der Sender KVN`, `der arabische Sender`).
        // Every feminine medium is one of `MEDIA` (tested): a word that ends in one ends in a
        // medium, which is not asked apart.
        let feminine = |n: &Tok| {
            crate::lexicon::with_lowercase(n.text, |l| {
                FEMININE_MEDIA.iter().any(|m| l.ends_with(m))
            })
        };
        // The media test lower-cases two words: it is asked only after `der`, not of every
        // word after a verb.
        let media =
            || toks.get(i + 1).is_some_and(feminine) || toks.get(i + 2).is_some_and(feminine);
        if t.text == "dem" || (t.text == "der" && media()) {
            // The dative phrase: article, adjectives and capitalised words up to the subject's
            // article or name.
            let mut k = i + 1;
            while k < toks.len()
                && (is_adjective(toks[k].text) || (is_cap(toks[k].text) && toks[k].word))
            {
                k += 1;
                if toks
                    .get(k)
                    .is_some_and(|t| is_article(t.text) || PRONOUNS.contains(&t.text))
                {
                    break;
                }
            }
            if k > i + 1 {
                return (Some(toks[i].span.start..toks[k - 1].span.end), k);
            }
        }
        (None, i)
    }
}

fn outside_words(f: &Finder, span: &Span, toks: &[Tok]) -> usize {
    f.words_outside(span, toks)
}

/// Adjective and participle endings that a `-e` word in second position may still have.
fn is_adjective_stem(w: &str) -> bool {
    [
        "ische", "liche", "ige", "ene", "ete", "te", "nde", "bare", "lose", "hafte", "weise",
        "sche",
    ]
    .iter()
    .any(|e| w.ends_with(e))
}

/// Small words that may stand in a name or title among capitalised words, German and foreign
/// (`Gesetz über den …`, `Union pour un …`, `Brothers to the Rescue`).
/// Nouns for chanted or written slogans: a quotation after them (or after them and `wie`) is
/// what was said.
/// Nouns for what was just told (`Diese Ergebnisse gab das Amt bekannt.`): after a
/// demonstrative or article they point back as `Das` does.
const TOLD_NOUNS: &[&str] = &[
    "entscheidung",
    "entdeckung",
    "ergebnis",
    "ergebnisse",
    "einzelheiten",
    "nachricht",
    "erkenntnisse",
];

const SLOGAN_NOUNS: &[&str] = &[
    "Parole",
    "Parolen",
    "Slogan",
    "Slogans",
    "Sprechchor",
    "Sprechchöre",
    "Sprechchören",
    "Spruch",
    "Sprüche",
    "Sprüchen",
    "Rufe",
    "Rufen",
    "Losung",
    "Losungen",
];

const NAME_WORDS: &[&str] = &[
    "der", "die", "das", "des", "dem", "den", "und", "von", "of", "the", "and", "for", "de", "la",
    "le", "les", "du", "un", "une", "et", "pour", "à", "a", "an", "at", "to", "on", "against",
    "del", "da", "do", "y", "el", "für", "im", "in", "am", "zu", "zur", "zum", "vom", "über",
    "ohne", "mit", "auf", "ein", "eine", "einer", "&", "-", "–",
];

/// Words after which a quotation is said of something (`als „…“`, `von einer „…“`).
const PREDICATE_MARKERS: &[&str] = &[
    "als", "von", "vor", "ein", "eine", "einen", "einer", "einem", "eines", "zu", "für",
];

/// Nouns whose apposition in quotation marks is a title or a name, matched as word endings so
/// that compounds (`Wochenzeitung`, `Fachblatt`, `Hilfsorganisation`) count too.
const TITLE_NOUNS: &[&str] = &[
    "titel",
    "motto",
    "buch",
    "album",
    "film",
    "lied",
    "song",
    "roman",
    "studie",
    "ausstellung",
    "kampagne",
    "organisation",
    "partei",
    "initiative",
    "bündnis",
    "überschrift",
    "name",
    "namen",
    "slogan",
    "gruppe",
    "aktion",
    "magazin",
    "zeitung",
    "zeitschrift",
    "blatt",
    "website",
    "webseite",
    "seite",
    "site",
    "portal",
    "agentur",
    "sendung",
    "serie",
    "projekt",
    "programm",
    "verein",
    "firma",
    "unternehmen",
    "gesetz",
    "preis",
    "enzyklika",
    "leitlinie",
    "operation",
    "musical",
    "show",
    "festival",
    "wettbewerb",
    "bewegung",
    "sender",
    "portal",
    "dokumentation",
    "schiff",
    "marke",
    "konzern",
    "verband",
    "reihe",
    "rubrik",
    "kolumne",
    "thema",
    "stück",
    "oper",
    "gedicht",
    "begriff",
    "wort",
    "stichwort",
    "bezeichnung",
];

/// Nouns of texts that speak for their authors (`das Papier`, `die Sicherheitsstrategie`,
/// `der Abschlussbericht`), matched as word endings.
const DOCUMENT_NOUNS: &[&str] = &[
    "papier",
    "dokument",
    "strategie",
    "bericht",
    "erklärung",
    "brief",
    "schreiben",
    "entwurf",
    "vertrag",
    "studie",
    "resolution",
    "beschluss",
    "gesetz",
    "programm",
    "mitteilung",
    "abkommen",
    "memorandum",
    "protokoll",
    "stellungnahme",
    "gutachten",
    "konzept",
    "doktrin",
    "verordnung",
    "urteil",
    "analyse",
    "leitlinien",
    "richtlinie",
    "manifest",
    "koalitionsvertrag",
    "antrag",
];

fn is_document_noun(w: &str) -> bool {
    is_cap(w)
        && crate::lexicon::with_lowercase(w, |l| DOCUMENT_NOUNS.iter().any(|n| l.ends_with(n)))
}

fn ends_with_title_noun(w: &str) -> bool {
    crate::lexicon::with_lowercase(w, |l| TITLE_NOUNS.iter().any(|n| ends_with_word(l, n)))
}

/// `w.ends_with(n)`, told by the last bytes first: a word that ends in another byte cannot
/// end in `n`. Most words asked about end otherwise than most nouns of a list, and each
/// `ends_with` of a noun no longer than the word called `memcmp`.
#[inline]
fn ends_with_word(w: &str, n: &str) -> bool {
    n.as_bytes()
        .last()
        .is_none_or(|b| w.as_bytes().last() == Some(b))
        && w.ends_with(n)
}

/// A compound whose first part is written in lower case and whose last part is a noun or name
/// (`dpa-Meldung`, `al-Kanal`, `ai-Bericht`).
fn hyphen_noun(w: &str) -> bool {
    // Most words hold no hyphen: a test of their bytes answers them without the search for the
    // last one.
    w.starts_with(char::is_lowercase)
        && w.as_bytes().contains(&b'-')
        && w.rsplit_once('-')
            .is_some_and(|(a, b)| !a.is_empty() && b.starts_with(char::is_uppercase))
}

/// A mark that ends a clause (`Finder::clause_end`): a comma, colon, semicolon or dash.
fn is_clause_mark(w: &str) -> bool {
    matches!(w, "," | ":" | ";" | "–" | "—")
}

/// `s.contains(['„', '“', '"', '»', '«', ':'])`, which decodes every character, asked only
/// where `memchr` finds a byte that one of them begins with: `"`, `:`, 0xC2 (`»`, `«`) or 0xE2
/// (`„`, `“`). Most sentences hold none of these bytes.
fn quote_or_colon(s: &str) -> bool {
    let b = s.as_bytes();
    (memchr::memchr3(b'"', b':', 0xC2, b).is_some() || memchr::memchr(0xE2, b).is_some())
        && s.contains(['„', '“', '"', '»', '«', ':'])
}

/// `s.split_whitespace().take(max).count()`, with the ASCII bytes, most of any text, tested
/// eight at a time: the splitter decoded every character and stopped at every word, and a test
/// of each byte alone still cost about 17 instructions a byte for every quotation.
fn count_words(s: &str, max: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let b = s.as_bytes();
    let (mut n, mut i, mut in_word) = (0, 0, false);
    while n < max && i < b.len() {
        if let Some(chunk) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
            let x = u64::from_le_bytes(chunk);
            if x & HIGH == 0 {
                // Eight ASCII bytes: each byte's top bit is set where it is whitespace (a
                // space, or tab to carriage return), found without a carry between bytes as
                // every byte is below 0x80; a word starts at a byte that is none after one that
                // is (or after the end of a word before the chunk).
                let t = x ^ (ONES * 0x20);
                let is_space = !(((t & LOW7) + LOW7) | t) & HIGH;
                let is_control = (x + ONES * 0x77) & !(x + ONES * 0x72) & HIGH;
                let space = is_space | is_control;
                let before = (space << 8) | (u64::from(!in_word) << 7);
                n += (!space & before & HIGH).count_ones() as usize;
                in_word = space >> 63 == 0;
                i += 8;
                continue;
            }
        }
        let (space, width) = if b[i].is_ascii() {
            // `char::is_whitespace` of an ASCII character: tab to carriage return, and space.
            (matches!(b[i], b'\t'..=b'\r' | b' '), 1)
        } else {
            // `i` steps from character to character, so it stands at the start of one.
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        n += usize::from(!space && !in_word);
        in_word = !space;
        i += width;
    }
    n.min(max)
}

/// `s.split_whitespace().next().unwrap_or("")`, with ASCII bytes tested one by one up to
/// the first byte that is not ASCII, from which on the splitter answers: it decoded every
/// character of the word and set up a search, which cost more than the test of the word after
/// it, and most words are ASCII.
fn first_word(s: &str) -> &str {
    let mut start = 0;
    for (k, &b) in s.as_bytes().iter().enumerate() {
        if !b.is_ascii() {
            // Only ASCII bytes stand before `k`, so a character begins at `start`.
            return s[start..].split_whitespace().next().unwrap_or("");
        }
        // `char::is_whitespace` of an ASCII character: tab to carriage return, and space.
        if matches!(b, b'\t'..=b'\r' | b' ') {
            if k > start {
                return &s[start..k];
            }
            start = k + 1;
        }
    }
    &s[start..]
}

/// The nearest `, wie` (the index of `wie`) among tokens `lo..hi`, searched from `hi` back, as
/// `verb_cue` asks among the words before its verb. A range of its own, not `take` on a longer
/// one: that chain stayed a call for each search.
fn comma_wie_before(toks: &[Tok], lo: usize, hi: usize) -> Option<usize> {
    (lo.max(1)..hi)
        .rev()
        .find(|&j| toks[j].text == "wie" && toks[j - 1].text == ",")
}

/// Whether a paragraph holds a picture credit (`Foto:`, `Bild:`, `Bildfunk`, `(Archivbild)`),
/// and so is no interview answer. Each of the four begins with `F`, `B` or `(`: one scan for
/// those bytes answers, where four substring searches each set up a searcher of their own.
fn credit_line(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr3_iter(b'F', b'B', b'(', b).any(|i| {
        let r = &b[i..];
        r.starts_with(b"Foto:")
            || r.starts_with(b"Bild:")
            || r.starts_with(b"Bildfunk")
            || r.starts_with(b"(Archivbild)")
    })
}

fn quotes_abbrev(w: &str) -> bool {
    ["Dr", "Prof", "St", "Mr", "Mrs", "Gen", "Sen"].contains(&w)
}

#[cfg(test)]
mod tests;
