//! Mentions to entities, within a document and across documents.
//!
//! `resolve` turns one document's `Extraction` into `DocFacts`: entities (one per real-world
//! entity in the document, with canonical name and aliases), statements with speaker, addressee
//! and about as entity indices, and relations between entities. Cross-document identity is
//! decided by `same_entity` when the facts are added to the graph.
//!
//! NOTE(skeleton): clustering here is by exact name; the entities work replaces it.

pub mod attribution;

use crate::extract::{EntityKind, Extraction, RelationKind, StatementKind};
use crate::text::{Document, Span};

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The fullest name the document gives (`Wladimir Putin`), or a lexicon's canonical name.
    pub name: String,
    pub kind: EntityKind,
    /// Distinct surface forms as they stand in the text, in first-seen order.
    pub aliases: Vec<String>,
    /// Every mention span, in text order.
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatementFact {
    pub span: Span,
    pub text: String,
    pub kind: StatementKind,
    pub cue: Option<String>,
    /// Indices into `DocFacts::entities`.
    pub speakers: Vec<usize>,
    pub addressee: Option<usize>,
    pub about: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RelationFact {
    pub subject: usize,
    pub kind: RelationKind,
    pub object: usize,
    pub role: Option<String>,
    pub former: bool,
    pub evidence: Span,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocFacts {
    pub entities: Vec<Entity>,
    pub statements: Vec<StatementFact>,
    pub relations: Vec<RelationFact>,
}

/// Resolves one document's extraction into facts.
pub fn resolve(doc: &Document, x: &Extraction) -> DocFacts {
    // Cluster mentions by (kind, name); `cluster_of[i]` is mention i's entity index.
    let mut entities: Vec<Entity> = Vec::new();
    let mut cluster_of = Vec::with_capacity(x.mentions.len());
    for m in &x.mentions {
        let surface = doc.slice(&m.span).to_string();
        let idx = match entities
            .iter()
            .position(|e| e.kind == m.kind && e.name == m.name)
        {
            Some(i) => i,
            None => {
                entities.push(Entity {
                    name: m.name.clone(),
                    kind: m.kind,
                    aliases: vec![],
                    mentions: vec![],
                });
                entities.len() - 1
            }
        };
        let e = &mut entities[idx];
        if !e.aliases.contains(&surface) {
            e.aliases.push(surface);
        }
        e.mentions.push(m.span.clone());
        cluster_of.push(idx);
    }
    let statements = attribution::attribute(doc, x, &entities, &cluster_of);
    let relations = x
        .relations
        .iter()
        .map(|r| RelationFact {
            subject: cluster_of[r.subject],
            kind: r.kind,
            object: cluster_of[r.object],
            role: r.role.clone(),
            former: r.former,
            evidence: r.evidence.clone(),
        })
        .collect();
    DocFacts {
        entities,
        statements,
        relations,
    }
}

/// Whether two entities from different documents are the same real-world entity.
pub fn same_entity(a: &Entity, b: &Entity) -> bool {
    a.kind == b.kind && a.name == b.name
}
