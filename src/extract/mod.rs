//! Mentions, statements and relations found in one document, as byte spans.
//!
//! Extraction only finds and classifies spans; `resolve` decides which entity each span stands
//! for. Every span is a byte range into `Document::text`.

pub mod entities;
pub mod relations;
pub mod statements;

use crate::text::{Document, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Country,
    Organization,
    Event,
    Location,
}

impl EntityKind {
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "Person",
            EntityKind::Country => "Country",
            EntityKind::Organization => "Organization",
            EntityKind::Event => "Event",
            EntityKind::Location => "Location",
        }
    }
    pub fn from_label(s: &str) -> Option<Self> {
        Some(match s {
            "Person" => EntityKind::Person,
            "Country" => EntityKind::Country,
            "Organization" => EntityKind::Organization,
            "Event" => EntityKind::Event,
            "Location" => EntityKind::Location,
            _ => return None,
        })
    }
}

/// One surface mention of an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    /// The canonical name this mention proposes: a lexicon's name (`Russland` for `russischen`)
    /// or the mention's own text for names the lexicon does not know.
    pub name: String,
    /// True for descriptors (`der Kanzler`, `der 58-Jährige`) that stand for an entity named
    /// elsewhere; resolution links them to that entity.
    pub descriptor: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatementKind {
    Direct,
    Indirect,
    Interview,
}

impl StatementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Indirect => "indirect",
            StatementKind::Interview => "interview",
        }
    }
}

/// How the speaker of a statement is given in the text.
#[derive(Debug, Clone, PartialEq)]
pub enum SpeakerRef {
    /// Noun phrases naming the speaker(s) (`Berger`, `der 58-Jährige`, `er und Novak`).
    Spans(Vec<Span>),
    /// A personal pronoun at this span (`sagte er`): the most recent compatible person.
    Pronoun(Span),
    /// No speaker phrase at all: reported speech in Konjunktiv that goes on without naming its
    /// speaker, starting at this byte offset; the speaker is whom the text is about there.
    Implicit(usize),
    /// No speaker of its own: continues the speaker of statement `index` in the same document.
    SameAs(usize),
    /// Anonymous source or no speaker given.
    None,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The statement content, without quote marks and attribution.
    pub span: Span,
    pub kind: StatementKind,
    /// The cue as it stands in the text (`sagte`, `so`, `räumte ein`).
    pub cue: Option<String>,
    pub speaker: SpeakerRef,
    /// The phrase naming the addressee (`der Deutschen Presse-Agentur`).
    pub addressee: Option<Span>,
    /// Topic phrases of the attribution (`mit Blick auf …`), whose entities the statement is about.
    pub topics: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationKind {
    HoldsRole,
    MemberOf,
    CitizenOf,
    Met,
    LocatedIn,
    ParticipatesIn,
    Attacked,
}

impl RelationKind {
    pub fn rel_type(self) -> &'static str {
        use crate::graph::rel;
        match self {
            RelationKind::HoldsRole => rel::HOLDS_ROLE,
            RelationKind::MemberOf => rel::MEMBER_OF,
            RelationKind::CitizenOf => rel::CITIZEN_OF,
            RelationKind::Met => rel::MET,
            RelationKind::LocatedIn => rel::LOCATED_IN,
            RelationKind::ParticipatesIn => rel::PARTICIPATES_IN,
            RelationKind::Attacked => rel::ATTACKED,
        }
    }
}

/// A relation between two mentions (indices into `Extraction::mentions`).
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub subject: usize,
    pub kind: RelationKind,
    pub object: usize,
    pub role: Option<String>,
    pub former: bool,
    /// The text that shows the relation.
    pub evidence: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub mentions: Vec<Mention>,
    pub statements: Vec<Statement>,
    pub relations: Vec<Relation>,
}

/// Runs every extractor over a document.
pub fn extract(doc: &Document) -> Extraction {
    let (mentions, roles) = entities::recognize_with_roles(doc);
    let statements = statements::find(doc, &mentions);
    let relations = relations::find_with_roles(doc, &mentions, roles);
    Extraction {
        mentions,
        statements,
        relations,
    }
}
