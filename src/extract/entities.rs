//! Entity mention recognition. NOTE(skeleton): replaced by the entities work.

use super::{EntityKind, Mention};
use crate::text::Document;

/// Finds entity mentions. The skeleton recognises only two capitalised words in a row as a
/// person name, which is enough to wire the pipeline end to end.
pub fn recognize(doc: &Document) -> Vec<Mention> {
    let mut out = Vec::new();
    let toks = &doc.tokens;
    let cap = |i: usize| {
        let t = doc.slice(&toks[i].span);
        t.chars().next().is_some_and(char::is_uppercase) && t.chars().count() > 2
    };
    let mut i = 0;
    while i + 1 < toks.len() {
        if cap(i) && cap(i + 1) && doc.text[toks[i].span.end..toks[i + 1].span.start] == *" " {
            let span = toks[i].span.start..toks[i + 1].span.end;
            out.push(Mention {
                name: doc.slice(&span).to_string(),
                span,
                kind: EntityKind::Person,
                descriptor: false,
            });
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}
