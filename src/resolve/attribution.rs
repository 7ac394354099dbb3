//! Speakers, addressees and topics of statements, as entity indices.
//! NOTE(skeleton): replaced by the statements work.

use super::{Entity, StatementFact};
use crate::extract::{Extraction, SpeakerRef};
use crate::text::{Document, Span};

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Links each statement to entities: speakers from the speaker reference, about from the
/// entities mentioned inside the statement and its topic phrases.
pub fn attribute(
    doc: &Document,
    x: &Extraction,
    entities: &[Entity],
    cluster_of: &[usize],
) -> Vec<StatementFact> {
    let mut out: Vec<StatementFact> = Vec::new();
    for st in &x.statements {
        let in_spans = |spans: &[Span]| -> Vec<usize> {
            let mut v: Vec<usize> = x
                .mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| spans.iter().any(|s| overlaps(s, &m.span)))
                .map(|(i, _)| cluster_of[i])
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let speakers = match &st.speaker {
            SpeakerRef::Spans(spans) => in_spans(spans),
            SpeakerRef::SameAs(i) => out.get(*i).map(|s| s.speakers.clone()).unwrap_or_default(),
            SpeakerRef::Pronoun(_) | SpeakerRef::None => Vec::new(),
        };
        let addressee = st
            .addressee
            .as_ref()
            .and_then(|a| in_spans(std::slice::from_ref(a)).first().copied());
        let mut about_spans = vec![st.span.clone()];
        about_spans.extend(st.topics.iter().cloned());
        let about = in_spans(&about_spans);
        let _ = entities;
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
    out
}
