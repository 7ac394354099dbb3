//! Speakers, addressees and topics of statements, as entity indices.
//!
//! Extraction gives each statement the text spans of its speaker phrase, addressee phrase and
//! topic phrases; here they become entities through the mentions inside them:
//! - a speaker phrase names the persons in it (joined by `und`), else the organisations, else
//!   the countries: in `Patrick Muster von der Umweltbehörde` the person speaks, not the agency;
//! - a pronoun (`sagte er`) is the most recent person named outside quotations before it;
//! - `SameAs(i)` copies statement i's speakers (continued reports, cut quotations);
//! - an addressee given with an interview (`im Interview mit der Zeitung X`) carries over to every
//!   statement of the same speaker in the document;
//! - a statement is about every entity its content or its topic phrases name.

use super::{Entity, StatementFact};
use crate::extract::{EntityKind, Extraction, SpeakerRef, StatementKind};
use crate::text::{Document, Span};

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Rank of an entity kind as a speaker: lower speaks first; `None` never speaks.
fn speaker_rank(k: EntityKind) -> Option<u8> {
    match k {
        EntityKind::Person => Some(0),
        EntityKind::Organization => Some(1),
        EntityKind::Country => Some(2),
        EntityKind::Event | EntityKind::Location => None,
    }
}

const PRONOUNS: &[&str] = &["er", "sie", "Er", "Sie"];

/// Words that may stand between two joint speakers (`Merz und Macron`, `Paris, Berlin und Rom`).
const JOINERS: &[&str] = &[
    "und", "sowie", ",", "der", "die", "das", "dem", "den", "des",
];

struct Ctx<'a> {
    doc: &'a Document,
    x: &'a Extraction,
    cluster_of: &'a [usize],
    /// Contents of quotations and reported speech: names inside them are not antecedents of
    /// pronouns outside (`…, dass Putin …, sagte er` is not Putin speaking).
    quoted: Vec<Span>,
}

impl Ctx<'_> {
    /// Speakers named in the given phrases.
    fn speakers_in(&self, spans: &[Span]) -> Vec<usize> {
        let inside: Vec<usize> = (0..self.x.mentions.len())
            .filter(|&i| {
                let m = &self.x.mentions[i];
                speaker_rank(m.kind).is_some()
                    && self.heads_phrase(m)
                    && spans
                        .iter()
                        .any(|s| s.start <= m.span.start && m.span.end <= s.end)
            })
            .collect();
        let Some(best) = inside
            .iter()
            .filter_map(|&i| speaker_rank(self.x.mentions[i].kind))
            .min()
        else {
            return Vec::new();
        };
        let mut kept: Vec<usize> = Vec::new();
        for &i in &inside {
            let m = &self.x.mentions[i];
            if speaker_rank(m.kind) != Some(best) {
                continue;
            }
            let joined = kept.last().is_none_or(|&k| {
                let prev = &self.x.mentions[k];
                if prev.span.end > m.span.start {
                    return false;
                }
                let gap = &self.doc.text[prev.span.end..m.span.start];
                let words: Vec<&str> = gap.split_whitespace().flat_map(split_comma).collect();
                words.iter().all(|w| JOINERS.contains(w))
                    && words.iter().any(|w| matches!(*w, "und" | "sowie" | ","))
            });
            if kept.is_empty() || joined {
                kept.push(i);
            } else {
                break;
            }
        }
        let mut v: Vec<usize> = kept.iter().map(|&i| self.cluster_of[i]).collect();
        v.dedup();
        v
    }

    /// Whether a mention can be the head of a speaker phrase: not an adjective
    /// (`niederländische`) and not the first part of a compound (`NATO-Generalsekretär`), whose
    /// head is the last part.
    fn heads_phrase(&self, m: &crate::extract::Mention) -> bool {
        let t = &self.doc.text;
        let lower = t[m.span.clone()].starts_with(char::is_lowercase);
        let mut rest = t[m.span.end..].chars();
        let compound = rest.next() == Some('-') && rest.next().is_some_and(char::is_alphabetic);
        !lower && !compound
    }

    /// The most recent person named before `pos`, outside the content of statements.
    fn antecedent(&self, pos: usize) -> Option<usize> {
        self.x
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind == EntityKind::Person && m.span.end <= pos)
            .filter(|(_, m)| {
                !self
                    .quoted
                    .iter()
                    .any(|q| q.start <= m.span.start && m.span.end <= q.end)
            })
            .max_by_key(|(_, m)| m.span.start)
            .map(|(i, _)| self.cluster_of[i])
    }

    /// Entities of the mentions inside the given spans, in text order.
    fn named_in(&self, spans: &[Span], kinds: impl Fn(EntityKind) -> bool) -> Vec<usize> {
        let mut v: Vec<usize> = Vec::new();
        for (i, m) in self.x.mentions.iter().enumerate() {
            if kinds(m.kind)
                && spans.iter().any(|s| overlaps(s, &m.span))
                && !v.contains(&self.cluster_of[i])
            {
                v.push(self.cluster_of[i]);
            }
        }
        v
    }
}

fn split_comma(w: &str) -> Vec<&str> {
    if w == "," {
        return vec![","];
    }
    match w.strip_suffix(',') {
        Some(r) if !r.is_empty() => vec![r, ","],
        _ => vec![w],
    }
}

/// Links each statement to entities: speakers from the speaker reference, addressee from the
/// addressee phrase, about from the entities named inside the statement and its topic phrases.
pub fn attribute(
    doc: &Document,
    x: &Extraction,
    entities: &[Entity],
    cluster_of: &[usize],
) -> Vec<StatementFact> {
    let _ = entities;
    let ctx = Ctx {
        doc,
        x,
        cluster_of,
        quoted: x
            .statements
            .iter()
            .filter(|s| s.kind != StatementKind::Interview)
            .map(|s| s.span.clone())
            .collect(),
    };
    let mut out: Vec<StatementFact> = Vec::new();
    for st in &x.statements {
        let speakers = match &st.speaker {
            SpeakerRef::Spans(spans) => {
                let v = ctx.speakers_in(spans);
                if v.is_empty() {
                    // `er und Umjerow` names one of them by pronoun; a bare pronoun phrase too.
                    spans
                        .iter()
                        .filter(|s| {
                            doc.text[(*s).clone()]
                                .split_whitespace()
                                .next()
                                .is_some_and(|w| PRONOUNS.contains(&w))
                        })
                        .find_map(|s| ctx.antecedent(s.start))
                        .into_iter()
                        .collect()
                } else {
                    let mut v = v;
                    for s in spans {
                        let t = &doc.text[s.clone()];
                        if t.split_whitespace()
                            .next()
                            .is_some_and(|w| PRONOUNS.contains(&w))
                            && t.contains(" und ")
                            && let Some(a) = ctx.antecedent(s.start)
                            && !v.contains(&a)
                        {
                            v.insert(0, a);
                        }
                    }
                    v
                }
            }
            SpeakerRef::Pronoun(sp) => ctx.antecedent(sp.start).into_iter().collect(),
            SpeakerRef::SameAs(i) => out.get(*i).map(|s| s.speakers.clone()).unwrap_or_default(),
            SpeakerRef::None => Vec::new(),
        };
        let addressee = st.addressee.as_ref().and_then(|a| {
            let v = ctx.named_in(std::slice::from_ref(a), |k| speaker_rank(k).is_some());
            v.first().copied()
        });
        let mut about_spans = vec![st.span.clone()];
        about_spans.extend(st.topics.iter().cloned());
        let about = ctx.named_in(&about_spans, |_| true);
        out.push(StatementFact {
            span: st.span.clone(),
            text: doc.slice(&st.span).to_string(),
            kind: st.kind,
            cue: st.cue.clone(),
            speakers,
            addressee,
            about,
        });
    }
    carry_interview_addressee(doc, x, &mut out);
    out
}

/// An addressee named with an interview or conversation (`im Interview mit X`, `in einem
/// Gespräch mit X`) is the addressee of everything the same speaker says in the document.
fn carry_interview_addressee(doc: &Document, x: &Extraction, out: &mut [StatementFact]) {
    let mut given: Vec<(Vec<usize>, usize)> = Vec::new();
    for (st, f) in x.statements.iter().zip(out.iter()) {
        let (Some(a), Some(to)) = (&st.addressee, f.addressee) else {
            continue;
        };
        let mut from = a.start.saturating_sub(40);
        while !doc.text.is_char_boundary(from) {
            from -= 1;
        }
        let before = &doc.text[from..a.start];
        if (before.contains("Interview") || before.contains("Gespräch")) && !f.speakers.is_empty()
        {
            given.push((f.speakers.clone(), to));
        }
    }
    for f in out.iter_mut() {
        if f.addressee.is_some() {
            continue;
        }
        if let Some((_, to)) = given
            .iter()
            .find(|(sp, _)| f.speakers.iter().any(|s| sp.contains(s)))
        {
            f.addressee = Some(*to);
        }
    }
}
