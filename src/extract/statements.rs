//! Quotes, reported speech and interview answers. NOTE(skeleton): replaced by the statements work.

use super::{Mention, SpeakerRef, Statement, StatementKind};
use crate::text::Document;

/// Finds statements. The skeleton finds only text in „…“ quotes, speaker unknown.
pub fn find(doc: &Document, _mentions: &[Mention]) -> Vec<Statement> {
    let mut out = Vec::new();
    let t = &doc.text;
    let mut pos = 0;
    while let Some(o) = t[pos..].find('„') {
        let s = pos + o + '„'.len_utf8();
        let Some(c) = t[s..].find('“') else { break };
        out.push(Statement {
            span: s..s + c,
            kind: StatementKind::Direct,
            cue: None,
            speaker: SpeakerRef::None,
            addressee: None,
            topics: Vec::new(),
        });
        pos = s + c;
    }
    out
}
