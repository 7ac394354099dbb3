//! Mentions to entities, within a document and across documents.
//!
//! `resolve` turns one document's `Extraction` into `DocFacts`: entities (one per real-world
//! entity in the document, with canonical name and aliases), statements with speaker, addressee
//! and about as entity indices, and relations between entities. Cross-document identity is
//! decided by `same_entity` when the facts are added to the graph.
//!
//! Before clustering, names that recognition split or over-extended are mended: titles come
//! off the front of names (also a job noun before a given name and surname: `Projektkoordinator
//! Jan Berg`), and a lone given name followed by a surname that is also a place or an
//! organisation (`Konrad Freiberg`) becomes one person. After clustering, an organisation's
//! short form in parentheses (`Nordische Wasserallianz (NWA)`) becomes its alias, and the
//! entity the short form alone names joins it.
//!
pub mod attribution;

use crate::extract::entities::event_key_str;
use crate::extract::{EntityKind, Extraction, Mention, RelationKind, StatementKind};
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
///
/// Recognition has already proposed a canonical name for every mention (a descriptor proposes
/// the entity it stands for); here mentions that propose the same entity become one `Entity`,
/// named by the fullest name among them.
pub fn resolve(doc: &Document, x: &Extraction) -> DocFacts {
    // Names only a speaker phrase shows join the mentions, after the others so that the
    // indices relations use stay valid; titles come off the front of names.
    let found = with_unknown_given_names(doc, &x.mentions, attribution::speaker_names(doc, x));
    let joined = joined_surnames(doc, &x.mentions);
    let untitled = without_titles(doc, joined.as_deref().unwrap_or(&x.mentions));
    let mended = untitled.or(joined);
    // The found names come after the mended mentions or the extraction's, read from where
    // they are: a copy of the extraction's mentions with the found names at its end cost a
    // `String` per mention.
    let parts = attribution::Parts {
        mentions: mended.as_deref().unwrap_or(&x.mentions),
        added: &found,
        statements: &x.statements,
    };
    let mentions = parts.mentions.iter().chain(parts.added);
    // At most one entity per mention: room for that at once, so the entities are never
    // moved while they grow.
    let capacity = parts.mentions.len() + parts.added.len();
    let mut entities: Vec<Entity> = Vec::with_capacity(capacity);
    // The entity of each cluster key, found by hashing rather than by comparing every key. It
    // holds at most one entry per mention: sized for that at once, it is never rehashed while
    // it grows.
    let mut keys: crate::lexicon::FastMap<Key, usize> =
        crate::lexicon::FastMap::with_capacity_and_hasher(capacity, Default::default());
    // The buffer each name's cluster key is written into, used again for every name, with
    // room for most keys at once.
    let mut scratch = String::with_capacity(64);
    let mut cluster_of = Vec::with_capacity(capacity);
    // The names seen last, one per slot of a small table (`name_slot`): most repeated names
    // are found here by one comparison, without a key made and looked up. A slot holds a name
    // with its cluster.
    let mut recent: [Option<(EntityKind, &str, usize)>; SLOTS] = [None; SLOTS];
    for m in mentions {
        let slot = name_slot(m.kind, &m.name);
        // Whether the name may be fuller than its entity's: only a name that joins an entity
        // made before can be. An entity made for a name is named by it.
        // A name the table does not hold is looked up by its key, not first by itself in a
        // map of the names seen: most such names are new (nearly every new name is a new
        // entity), and for those that map was a second look-up and entry. A name seen before
        // is weighed again, and found no fuller: it was weighed when first seen, and the
        // entity's name has since only become fuller (`fuller` orders names by word count,
        // then length).
        let (idx, weigh) = match recent[slot] {
            Some((kind, seen_name, i)) if kind == m.kind && seen_name == m.name => (i, false),
            _ => {
                scratch.clear();
                cluster_key_into(m.kind, &m.name, &mut scratch);
                let mut made = false;
                let i = *keys.entry(Key::new(m.kind, &scratch)).or_insert_with(|| {
                    made = true;
                    // Room for the first alias and mentions at once: the first push into an
                    // empty `Vec` takes the slower path that grows it.
                    entities.push(Entity {
                        name: m.name.clone(),
                        kind: m.kind,
                        aliases: Vec::with_capacity(4),
                        mentions: Vec::with_capacity(4),
                    });
                    entities.len() - 1
                });
                recent[slot] = Some((m.kind, m.name.as_str(), i));
                (i, !made)
            }
        };
        let e = &mut entities[idx];
        // A name is no fuller than itself, the common case, told without counting.
        if weigh && m.name != e.name && fuller(&m.name, &e.name) {
            e.name = m.name.clone();
        }
        // A regnal number's span stops before its dot (which may also end the sentence), but
        // the name is written with it: so is the alias (`Elisabeth II.`), as readers look it up.
        let dotted = m.name.ends_with('.')
            && regnal_number(doc.slice(&m.span))
            && doc.text[m.span.end..].starts_with('.');
        let surface = &doc.text[m.span.start..m.span.end + usize::from(dotted)];
        // Most names repeat an alias already held: the text is copied only for a new one.
        if !e.aliases.iter().any(|a| a == surface) {
            e.aliases.push(surface.to_string());
        }
        e.mentions.push(m.span.clone());
        cluster_of.push(idx);
    }
    merge_acronyms(doc, &mut entities, &mut cluster_of);
    merge_name_parts(&mut entities, &mut cluster_of);
    // Mentions join their entity in the order of the mentions, which recognition gives by
    // start: most entities' mentions are in order already, and are not sorted again.
    for e in &mut entities {
        if !e.mentions.is_sorted_by_key(|s| (s.start, s.end)) {
            e.mentions.sort_by_key(|s| (s.start, s.end));
        }
    }
    let statements = attribution::attribute(doc, parts, &entities, &cluster_of);
    // At most one fact per relation found.
    let mut relations: Vec<RelationFact> = Vec::with_capacity(x.relations.len());
    for r in &x.relations {
        let f = RelationFact {
            subject: cluster_of[r.subject],
            kind: r.kind,
            object: cluster_of[r.object],
            role: r.role.clone(),
            former: r.former,
            evidence: r.evidence.clone(),
        };
        // One fact per (subject, kind, object): the first evidence stands for the others.
        if f.subject != f.object
            && !relations
                .iter()
                .any(|g| (g.subject, g.kind, g.object) == (f.subject, f.kind, f.object))
        {
            relations.push(f);
        }
    }
    DocFacts {
        entities,
        statements,
        relations,
    }
}

/// The number of slots of the small tables of names seen last (`name_slot`). A repeated name
/// that misses the table has its cluster key made and looked up: 256 slots leave fewer such
/// misses than 64 or 128 (30 instead of 414 or 231 on the guard corpus) for a little more to
/// clear per document.
const SLOTS: usize = 256;

/// The slot of a name of kind `kind` in a small table of names seen last, which tells most
/// repeated names without hashing them: chosen by the name's length, first and last byte and
/// kind, which are read without a pass over the name. Names that share a slot take it in turn.
fn name_slot(kind: EntityKind, name: &str) -> usize {
    let b = name.as_bytes();
    (b.len()
        ^ usize::from(b.first().copied().unwrap_or(0)) << 1
        ^ usize::from(b.last().copied().unwrap_or(0)) << 3
        ^ kind as usize)
        % SLOTS
}

/// An organisation's name followed by its short form in parentheses (`Human Rights Watch
/// (HRW)`, `Vereinte Nationen (UN)`) makes the short form one of its names: the short form
/// becomes an alias, and an entity that the short form alone names elsewhere in the document
/// is merged into the organisation, so readers who search either find one entity.
fn merge_acronyms(doc: &Document, entities: &mut Vec<Entity>, cluster_of: &mut [usize]) {
    let t = &doc.text;
    let mut pairs: Vec<(usize, &str)> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        if e.kind != EntityKind::Organization {
            continue;
        }
        for sp in &e.mentions {
            // A short form only stands for a longer name written out with lower-case
            // letters (`Kinderhilfswerk der UN (UNICEF)` names no short form of `UN`), and
            // not for a name in the genitive after a noun, where it may stand for the whole
            // phrase (`Kinderhilfswerk der Vereinten Nationen (UNICEF)`).
            // The words before are read only where a short form follows, which is rare.
            let surface = &t[sp.clone()];
            let genitive = || {
                let mut before = t[..sp.start].split_whitespace().rev();
                matches!(before.next(), Some("der" | "des"))
                    && before
                        .next()
                        .is_some_and(|w| w.starts_with(char::is_uppercase))
            };
            if let Some(short) = short_form_after(t, sp.end)
                && !genitive()
                && surface.len() > short.len()
                && surface.chars().any(char::is_lowercase)
                && !fold_eq(short, &e.name)
                && !pairs.contains(&(i, short))
            {
                pairs.push((i, short));
            }
        }
    }
    if pairs.is_empty() {
        return;
    }
    // Each entity named by a short form goes into the organisation that introduced it.
    let mut into: Vec<usize> = (0..entities.len()).collect();
    for &(i, short) in &pairs {
        let alone = entities.iter().position(|o| {
            o.kind == EntityKind::Organization
                && (fold_eq(&o.name, short) || o.aliases.iter().any(|a| a == short))
        });
        if let Some(j) = alone.filter(|&j| j != i && into[j] == j && into[i] == i) {
            into[j] = i;
        }
    }
    for &(i, short) in &pairs {
        let i = into[i];
        if !entities[i].aliases.iter().any(|a| a == short) {
            entities[i].aliases.push(short.to_string());
        }
    }
    merge_into(entities, cluster_of, &into);
}

/// People named by a part of another person's name in the document, merged into that person:
/// a tail of two or more words of exactly one longer name (`Thi Lan` of `Nguyen Thi Lan`,
/// `W. Bush` of `George W. Bush`) is the same person.
fn merge_name_parts(entities: &mut Vec<Entity>, cluster_of: &mut [usize]) {
    let people: Vec<usize> = (0..entities.len())
        .filter(|&i| entities[i].kind == EntityKind::Person)
        .collect();
    // A longer name that another ends with has at least three words (a head and two or more
    // words of the tail): where no person's name has as many, none merges, and no name needs
    // folding.
    if people.len() < 2
        || !people
            .iter()
            .any(|&i| entities[i].name.split_whitespace().nth(2).is_some())
    {
        return;
    }
    let folded: Vec<String> = (0..entities.len())
        .map(|i| {
            if entities[i].kind == EntityKind::Person {
                fold(&entities[i].name)
            } else {
                String::new()
            }
        })
        .collect();
    let mut into: Vec<usize> = (0..entities.len()).collect();
    for &j in &people {
        let name = &folded[j];
        let longer: Vec<usize> = if name.contains(' ') {
            people
                .iter()
                .copied()
                .filter(|&i| {
                    folded[i]
                        .strip_suffix(name.as_str())
                        .is_some_and(|head| head.ends_with(' '))
                })
                .collect()
        } else {
            continue;
        };
        if let [i] = longer[..]
            && into[i] == i
        {
            into[j] = i;
        }
    }
    merge_into(entities, cluster_of, &into);
}

/// Merges each entity `j` into entity `into[j]` (an entity merged into nothing else): its
/// aliases and mentions join, and indices close up over the merged entities.
fn merge_into(entities: &mut Vec<Entity>, cluster_of: &mut [usize], into: &[usize]) {
    if into.iter().enumerate().all(|(j, &i)| i == j) {
        return;
    }
    // An entity may have been merged into one that was later merged itself: each goes to the
    // end of its chain (chains never close, as only unmerged entities are merged into).
    let into: Vec<usize> = (0..into.len())
        .map(|mut j| {
            while into[j] != j {
                j = into[j];
            }
            j
        })
        .collect();
    for j in 0..entities.len() {
        let i = into[j];
        if i == j {
            continue;
        }
        let aliases = std::mem::take(&mut entities[j].aliases);
        let mentions = std::mem::take(&mut entities[j].mentions);
        for a in aliases {
            if !entities[i].aliases.contains(&a) {
                entities[i].aliases.push(a);
            }
        }
        entities[i].mentions.extend(mentions);
    }
    // Indices close up over the merged entities.
    let mut index = vec![0; entities.len()];
    let mut next = 0;
    for (k, slot) in index.iter_mut().enumerate() {
        if into[k] == k {
            *slot = next;
            next += 1;
        }
    }
    for c in cluster_of.iter_mut() {
        *c = index[into[*c]];
    }
    let mut k = 0;
    entities.retain(|_| {
        k += 1;
        into[k - 1] == k - 1
    });
}

/// The short form in parentheses right after a name (`Human Rights Watch (HRW)`): two to eight
/// letters or digits with at least two capitals.
fn short_form_after(text: &str, end: usize) -> Option<&str> {
    let (inner, _) = text.get(end..)?.strip_prefix(" (")?.split_once(')')?;
    let n = inner.chars().count();
    ((2..=8).contains(&n)
        && inner.chars().filter(|c| c.is_uppercase()).count() >= 2
        && inner.chars().all(|c| c.is_alphanumeric() || c == '-'))
    .then_some(inner)
}

/// People's mentions with the titles taken off the front of their names (`Provinzgouverneur
/// Tolli Brask` is `Tolli Brask`), or `None` where no name starts with one. Every mention
/// proposing such a name (`Brask`, `der Gouverneur`) proposes the name without titles.
fn without_titles(doc: &Document, mentions: &[Mention]) -> Option<Vec<Mention>> {
    let lex = crate::lexicon::lexicon();
    let untitled = |name: &str| -> Option<String> {
        // Most names start with no title and are too short for an unlisted one (two words):
        // they need no `Vec` of their words.
        // A name of one word keeps no name once a title comes off: it is not asked whether
        // that word is a title.
        let mut first = name.split_whitespace();
        let head = first.next()?;
        first.next()?;
        if !attribution::is_title(head) && first.next().is_none() {
            return None;
        }
        let words: Vec<&str> = name.split_whitespace().collect();
        let mut k = words
            .iter()
            .take_while(|w| attribution::is_title(w))
            .count();
        // A word that no list knows as a title is one too where it ends like a noun for a
        // person's job and a given name and a surname follow (`Projektkoordinator Jan Berg`).
        if k == 0
            && words.len() >= 3
            && !lex.is_given_name(words[0])
            && lex.is_given_name(words[1])
            && ROLE_ENDINGS.iter().any(|e| words[0].ends_with(e))
        {
            k = 1;
        }
        (k > 0 && k < words.len()).then(|| words[k..].join(" "))
    };
    // A name is asked about once where it repeats, as most do: the answer depends on the
    // name alone, and the first pair for a name is the one looked up below. Names asked about
    // are held one per slot of a small table (`name_slot`), not hashed into a set: a name
    // whose slot another took since is asked again, and its second pair, the same as its
    // first, is never looked at.
    let mut asked: [Option<&str>; SLOTS] = [None; SLOTS];
    let renamed: Vec<(String, String)> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && !m.descriptor)
        .filter(|m| {
            let slot = &mut asked[name_slot(m.kind, &m.name)];
            let new = *slot != Some(m.name.as_str());
            *slot = Some(m.name.as_str());
            new
        })
        .filter_map(|m| untitled(&m.name).map(|n| (m.name.clone(), n)))
        .collect();
    if renamed.is_empty() {
        return None;
    }
    let mut out = mentions.to_vec();
    for m in out.iter_mut().filter(|m| m.kind == EntityKind::Person) {
        let Some((_, new)) = renamed.iter().find(|(old, _)| *old == m.name) else {
            continue;
        };
        m.name = new.clone();
        if m.descriptor {
            continue;
        }
        // The span loses the titles the surface starts with.
        let surface = &doc.text[m.span.clone()];
        if let Some(at) = surface.find(new.as_str()).filter(|&at| at > 0) {
            m.span.start += at;
        }
    }
    Some(out)
}

/// Lone surnames that only a speaker phrase shows (`sagte Tshabalala`) where the text also
/// writes them right after another name word (`Nomvula Tshabalala kritisierte …`): that word
/// is a given name the lists do not know, and the person is named with it, at that place too.
/// The word must be no common word of the text (used in lower case or after an article) and
/// nothing the lexicon knows; a surname some full name already ends with stays that name's.
fn with_unknown_given_names(
    doc: &Document,
    mentions: &[Mention],
    found: Vec<Mention>,
) -> Vec<Mention> {
    let t = &doc.text;
    let lone = |m: &Mention| m.kind == EntityKind::Person && !m.descriptor && !m.name.contains(' ');
    if !found.iter().any(lone) {
        return found;
    }
    // The words of the text with their byte offsets, cut only once a name needs them: most
    // lone names are given names or end a full name, and cutting is a pass over the document.
    let mut words: Option<Vec<(usize, &str)>> = None;
    let common = |words: &[(usize, &str)], v: &str| {
        let lower = v.to_lowercase();
        words.iter().enumerate().any(|(k, (_, w))| {
            *w == lower
                || *w == v && k > 0 && crate::lexicon::is_article(&words[k - 1].1.to_lowercase())
        })
    };
    let mut out = found;
    let mut added: Vec<Mention> = Vec::new();
    let names: Vec<String> = out
        .iter()
        .filter(|m| lone(m))
        .map(|m| m.name.clone())
        .collect();
    for w in names {
        // A lone given name is no surname.
        if crate::lexicon::lexicon().is_given_name(&w) {
            continue;
        }
        let ends_full = mentions.iter().chain(&out).any(|m| {
            m.kind == EntityKind::Person
                && m.name.contains(' ')
                && m.name
                    .strip_suffix(w.as_str())
                    .is_some_and(|head| head.ends_with(' '))
        });
        // Told without a `String` per name compared.
        let ends_with_word = |name: &str| {
            name.strip_suffix(w.as_str())
                .is_some_and(|head| head.ends_with(' '))
        };
        if ends_full || out.iter().any(|m| ends_with_word(&m.name)) {
            continue;
        }
        // The first place where the name stands as a word of the text, right after another word
        // and one space: found by searching for the name, with the words around it read from
        // the text there, rather than by cutting the whole text into words.
        let hit = if w.is_empty() || !w.chars().all(in_word) {
            None
        } else {
            memchr::memmem::find_iter(t.as_bytes(), w.as_bytes()).find_map(|ws| {
                let whole = !t[ws + w.len()..].chars().next().is_some_and(in_word);
                let vs = word_ending_at(t, t[..ws].strip_suffix(' ')?.len())?;
                let v = &t[vs..ws - 1];
                // Asked only of a word that may be a given name, and lower-cased on the stack.
                let after_article = || {
                    t[..vs]
                        .strip_suffix(' ')
                        .and_then(|before| word_ending_at(t, before.len()))
                        .is_some_and(|ds| {
                            crate::lexicon::with_lowercase(&t[ds..vs - 1], |d| {
                                crate::lexicon::is_article(d)
                                    || matches!(d, "vom" | "zum" | "zur" | "beim")
                            })
                        })
                };
                (whole
                    && crate::extract::entities::given_name_before_surname(v, true)
                    && !after_article()
                    && !common(words.get_or_insert_with(|| text_words(t)), v))
                .then_some((vs, ws))
            })
        };
        let Some((vs, ws)) = hit else {
            continue;
        };
        let span = vs..ws + w.len();
        let full = t[span.clone()].to_string();
        for m in out.iter_mut().filter(|m| lone(m) && m.name == w) {
            m.name = full.clone();
        }
        let taken = mentions.iter().chain(&out).any(|m| {
            m.kind == EntityKind::Person
                && m.span.start < span.end
                && span.start < m.span.end
                && m.span != (ws..span.end)
        });
        if !taken {
            added.push(Mention {
                span,
                kind: EntityKind::Person,
                name: full,
                descriptor: false,
            });
        }
    }
    out.extend(added);
    out
}

/// Whether a character continues a word of `text_words`.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// The start of the word of `text_words` that ends at byte `end`, where one does.
fn word_ending_at(t: &str, end: usize) -> Option<usize> {
    t[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| in_word(c))
        .last()
        .map(|(i, _)| i)
}

/// The words of a text with their byte offsets: runs of alphanumeric characters and `-`.
fn text_words(t: &str) -> Vec<(usize, &str)> {
    let bytes = t.as_bytes();
    let mut words = Vec::new();
    let mut start = None;
    let mut i = 0;
    // One step past the end closes the last word.
    while i <= bytes.len() {
        // ASCII, most of the text, is classed without decoding a character.
        let (inside, len) = match bytes.get(i) {
            None => (false, 1),
            Some(&b) if b.is_ascii() => (b.is_ascii_alphanumeric() || b == b'-', 1),
            Some(_) => {
                let c = t[i..]
                    .chars()
                    .next()
                    .expect("index is a character boundary");
                (c.is_alphanumeric(), c.len_utf8())
            }
        };
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, &t[s..i]));
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    words
}

/// Endings of nouns for what a person does (`Koordinator`, `Archäologin`, `Ölminister`).
const ROLE_ENDINGS: &[&str] = &[
    "or", "er", "in", "ist", "ent", "eur", "ant", "at", "oge", "ogin", "ef",
];

/// People's mentions where recognition split a name after a lone given name because the
/// surname is also a place or an organisation (`Konrad Freiberg`, `Michael Bloomberg`): the
/// given name's mention takes the surname in, and every mention of that surname as the same
/// kind of place or organisation becomes the person. `None` where no name was split.
fn joined_surnames(doc: &Document, mentions: &[Mention]) -> Option<Vec<Mention>> {
    let lex = crate::lexicon::lexicon();
    let t = &doc.text;
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        let given = m.kind == EntityKind::Person
            && !m.descriptor
            && !m.name.contains(' ')
            && lex.is_given_name(&t[m.span.clone()]);
        if !given {
            continue;
        }
        let next = mentions.iter().position(|n| {
            matches!(n.kind, EntityKind::Location | EntityKind::Organization)
                && n.span.start == m.span.end + 1
                && t[m.span.end..n.span.start] == *" "
                && !t[n.span.clone()].contains([' ', '-'])
                && !t[n.span.end..].starts_with('-')
        });
        if let Some(j) = next {
            joins.push((i, j));
        }
    }
    if joins.is_empty() {
        return None;
    }
    let mut out = mentions.to_vec();
    for (i, j) in joins {
        let full = format!(
            "{} {}",
            &t[mentions[i].span.clone()],
            &t[mentions[j].span.clone()]
        );
        let (kind, surname) = (mentions[j].kind, mentions[j].name.clone());
        let given = mentions[i].name.clone();
        out[i].span.end = mentions[j].span.end;
        out[i].name = full.clone();
        // Descriptors proposed the given name alone (`der GdP-Vorsitzende`); they stand for
        // the full name now, as does the surname where it stands alone.
        // A place after a preposition (`aus Bielefeld`) stays the place.
        let after_preposition = |m: &Mention| {
            t[..m.span.start]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| {
                    matches!(
                        w,
                        "in" | "im"
                            | "aus"
                            | "nach"
                            | "bei"
                            | "von"
                            | "vom"
                            | "zu"
                            | "zum"
                            | "über"
                    )
                })
        };
        for m in out.iter_mut().filter(|m| {
            m.kind == kind && m.name == surname && !after_preposition(m)
                || m.kind == EntityKind::Person && m.name == given
        }) {
            m.kind = EntityKind::Person;
            m.name = full.clone();
            m.descriptor = false;
        }
    }
    Some(out)
}

/// A cluster key with its kind, as `resolve` looks entities up by it. Most keys are short and
/// are held in place: nearly every new name of a document is a new entity, and a `String` for
/// each key was an allocation per entity.
#[derive(PartialEq, Eq, Hash)]
enum Key {
    /// A key of at most 31 bytes, its length and its bytes (zero after the length).
    Short(EntityKind, u8, [u8; 31]),
    Long(EntityKind, String),
}

impl Key {
    /// The key `key` of an entity of kind `kind`. Equal keys have the same length, so they are
    /// of the same variant and compare equal.
    fn new(kind: EntityKind, key: &str) -> Key {
        let mut short = [0u8; 31];
        match short.get_mut(..key.len()) {
            Some(bytes) => {
                bytes.copy_from_slice(key.as_bytes());
                Key::Short(kind, key.len() as u8, short)
            }
            None => Key::Long(kind, key.to_string()),
        }
    }
}

/// The key under which mentions of one entity agree within a document: the case-folded name,
/// and for events the head and place (`NATO-Gipfel in Den Haag` = `Gipfel in Den Haag`).
fn cluster_key(kind: EntityKind, name: &str) -> String {
    let mut key = String::new();
    cluster_key_into(kind, name, &mut key);
    key
}

/// `cluster_key`, appended to `out`: a caller that needs the key only to look it up writes it
/// into a buffer it keeps.
fn cluster_key_into(kind: EntityKind, name: &str, out: &mut String) {
    match kind {
        EntityKind::Event => {
            // The head and place borrow the name: only the key is written.
            let (head, rest) = event_key_str(name);
            out.push_str(head);
            out.push('|');
            fold_into(rest, out);
        }
        EntityKind::Person => {
            // `person_key`, written in place: the hyphens of the given names (all words but
            // the last) become spaces, each one byte as the hyphen was.
            let from = out.len();
            fold_into(name, out);
            // The space and the hyphen are found by byte: both are ASCII, and a search for a
            // `char` decodes the name backwards. A key is short: a plain loop over its bytes
            // costs less than setting up a vectorised search.
            let key = &out.as_bytes()[from..];
            if let Some(last) = key.iter().rposition(|&b| b == b' ')
                && key[..last].contains(&b'-')
            {
                let spaced = out[from..from + last].replace('-', " ");
                out.replace_range(from..from + last, &spaced);
            }
        }
        _ => fold_into(name, out),
    }
}

/// The folded name of a person with the hyphens between given names read as spaces: German
/// writes a double given name both ways (`Karl-Heinz Berger`, `Karl Heinz Berger`), and either
/// is one name. A double surname keeps its hyphen, which is part of it.
fn person_key(name: &str) -> String {
    let f = fold(name);
    match f.rsplit_once(' ') {
        Some((given, surname)) if given.contains('-') => {
            format!("{} {surname}", given.replace('-', " "))
        }
        _ => f,
    }
}

/// Whether `short`'s name is a short form (`IBM`, `UN`) that `long`, an organisation under
/// another name, was given in its document (`Institut für Bodenkunde und Meereskunde (IBM)`,
/// see `merge_acronyms`): then the two are one organisation across documents.
fn short_form_alias(short: &Entity, long: &Entity) -> bool {
    let n = short.name.chars().count();
    (2..=8).contains(&n)
        && short.name.chars().filter(|c| c.is_uppercase()).count() >= 2
        && short.name.chars().all(|c| c.is_alphanumeric() || c == '-')
        && long.name.contains(' ')
        && long.aliases.contains(&short.name)
}

/// Case- and space-insensitive form of a name.
fn fold(s: &str) -> String {
    if single_spaced(s) {
        return s.to_ascii_lowercase();
    }
    fold_joined(s)
}

/// `fold`, appended to `out`: the common name is copied and lower-cased there, without a
/// `String` of its own.
fn fold_into(s: &str, out: &mut String) {
    if fold_ascii_into(s, out) {
        return;
    }
    if single_spaced(s) {
        // Lower-cased eight bytes at a time on the stack (`lower_into`, which for ASCII does
        // what `make_ascii_lowercase` does) and copied once: lower-casing in place went byte by
        // byte. A name too long for the buffer is lower-cased in place.
        let mut buf = [0u8; 64];
        match crate::lexicon::lower_into(s, &mut buf) {
            Some(lower) => out.push_str(lower),
            None => {
                let from = out.len();
                out.push_str(s);
                out[from..].make_ascii_lowercase();
            }
        }
    } else if let Some(lower) = plain_lower(s, &mut [0u8; 64]) {
        out.push_str(lower);
    } else {
        out.push_str(&fold_joined(s));
    }
}

/// `fold_into` of a name of eight to 64 bytes that `single_spaced` takes, in one pass: each
/// eight bytes are tested as `single_spaced` tests them and lower-cased on the stack at once,
/// instead of a pass for the test and another for `lower_into`. `false`, with nothing written,
/// for any other name.
fn fold_ascii_into(s: &str, out: &mut String) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = s.as_bytes();
    let n = b.len();
    if !(8..=64).contains(&n) || b[0] == b' ' || b[n - 1] == b' ' {
        return false;
    }
    let mut buf = [0u8; 64];
    // Eight bytes at a time, the last eight overlapping the ones before where the length is
    // no multiple of eight (they are written twice, alike), as in `single_spaced`.
    let mut at = 0;
    loop {
        let word = u64::from_le_bytes(b[at..at + 8].try_into().expect("eight bytes"));
        if !single_spaced_group(b, at, word) {
            return false;
        }
        // A printable byte plus 0x3f reaches the high bit from `A` on, plus 0x25 from past
        // `Z` on, and neither sum carries into the next byte: the high bit of each capital,
        // moved down to 0x20, lower-cases it.
        let upper = word.wrapping_add(0x3f3f_3f3f_3f3f_3f3f)
            & !word.wrapping_add(0x2525_2525_2525_2525)
            & HIGH;
        buf[at..at + 8].copy_from_slice(&(word | upper >> 2).to_le_bytes());
        if at + 8 == n {
            break;
        }
        at = (at + 8).min(n - 8);
    }
    // Checked again as UTF-8, the copy cost more than the pass that made it (about 50
    // instructions a name, measured).
    // SAFETY: every byte of `buf[..n]` is printable ASCII, tested above eight at a time (the
    // high bit of each is clear), and lower-casing moved capitals to other ASCII letters.
    out.push_str(unsafe { std::str::from_utf8_unchecked(&buf[..n]) });
    true
}

/// Whether a name is printable ASCII with single spaces between its words, as most are: then
/// its fold is the name itself, lower-cased in one pass (ASCII holds no `ß`). A name turned
/// away for a control character goes the long way (`fold_joined`) to the same result.
/// Inlined into `fold` and `fold_into`: asked of every new name, it cost a call of its own.
#[inline]
fn single_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    if b.len() < 8 {
        // The bytes are tested without stopping early, which lets the compiler take several
        // at once.
        return b
            .iter()
            .fold(true, |ok, &c| ok & (c.wrapping_sub(b' ') < 0x60))
            && !b.windows(2).any(|w| w == b"  ");
    }
    // Eight bytes at a time (most names have eight or more), the last eight overlapping the
    // ones before where the length is no multiple of eight. A space right before a group and
    // one that opens it are two in a row too.
    let mut ok = true;
    let mut at = 0;
    loop {
        let word = u64::from_le_bytes(b[at..at + 8].try_into().expect("eight bytes"));
        ok &= single_spaced_group(b, at, word);
        if at + 8 == b.len() {
            return ok;
        }
        at = (at + 8).min(b.len() - 8);
    }
}

/// The fold of a name that `single_spaced` turns away only for letters beyond ASCII (`Jürgen
/// Müller`), lower-cased into `buf`, or `None` where `fold_joined` must decide. Its words are
/// single-spaced ASCII spaces apart, and it holds no byte that may open white space beyond
/// ASCII (U+0085, U+00A0, U+1680, U+2000 to U+205F, U+3000 open with 0xC2, 0xE1, 0xE2 or 0xE3)
/// and no `ß` (nor `ẞ`, which opens with 0xE1): then `fold_joined` would join the words as
/// they stand and replace no `ß`, and its fold is the name lower-cased (`lower_into`, which
/// answers `None` for a letter it does not know, left to `fold_joined`). Found without the
/// joined copy and its second pass, which cost about a thousand instructions a name.
fn plain_lower<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return None;
    }
    let mut prev = 0u8;
    for &c in b {
        let ok = match c {
            b' ' => prev != b' ',
            // `ß` is 0xC3 0x9F.
            0x9F => prev != 0xC3,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => false,
            _ => c >= 0x80 || (b' '..=0x7f).contains(&c),
        };
        if !ok {
            return None;
        }
        prev = c;
    }
    crate::lexicon::lower_into(s, buf)
}

/// Whether the eight bytes of `b` from `at` on, read as `word`, are printable ASCII with no two
/// spaces in a row, a space right before them counted: `single_spaced`'s test of one group,
/// which `fold_ascii_into` makes too.
#[inline(always)]
fn single_spaced_group(b: &[u8], at: usize, word: u64) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (printable, spaces) = printable_and_spaces(word);
    let space_before = if at == 0 {
        0
    } else {
        u64::from(b[at - 1] == b' ') << 7
    };
    printable == HIGH && spaces & (spaces << 8 | space_before) == 0
}

/// For eight bytes read as one word, the high bit of each byte set where the byte is printable
/// ASCII (space to DEL, as `single_spaced` takes it), and where it is a space.
fn printable_and_spaces(x: u64) -> (u64, u64) {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Below 0x80, a byte plus 0x60 reaches the high bit from 0x20 on; no sum carries into the
    // next byte.
    let printable = ((x & LOW) + 0x6060_6060_6060_6060) & !x & HIGH;
    // A space is a zero byte once the spaces are xored away: adding 0x7f to the low seven bits
    // of a byte sets its high bit unless they are all zero, and a byte with its own high bit
    // set is no space either.
    let y = x ^ 0x2020_2020_2020_2020;
    let spaces = !(((y & LOW) + LOW) | y) & HIGH;
    (printable, spaces)
}

/// `fold` of a name that is not `single_spaced`.
fn fold_joined(s: &str) -> String {
    // One joined copy, lower-cased; `ß` is rare, so its replacement copies only when there is
    // one.
    let mut joined = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(w);
    }
    // ASCII (most names) lower-cases in place, without the library's second copy, and holds no
    // `ß`; Latin-1 (`Müller`, `Ökonomie`) on the stack without the library's Unicode tables,
    // and back into the joined copy's buffer.
    if joined.is_ascii() {
        joined.make_ascii_lowercase();
        return joined;
    }
    let mut buf = [0u8; 128];
    let lower = match crate::lexicon::lower_into(&joined, &mut buf) {
        Some(l) => {
            joined.clear();
            joined.push_str(l);
            joined
        }
        None => joined.to_lowercase(),
    };
    if lower.contains('ß') {
        lower.replace('ß', "ss")
    } else {
        lower
    }
}

/// Whether name `a` is a fuller form than `b` (more words, then longer).
fn fuller(a: &str, b: &str) -> bool {
    let (wa, wb) = (a.split_whitespace().count(), b.split_whitespace().count());
    wa > wb || wa == wb && a.chars().count() > b.chars().count()
}

/// Whether the last word of `name` is a roman regnal number (`II`, `XVI`) after other words.
fn regnal_number(name: &str) -> bool {
    name.rsplit_once(' ').is_some_and(|(_, last)| {
        !last.is_empty() && last.len() <= 6 && last.chars().all(|c| "IVXLC".contains(c))
    })
}

/// Whether two entities from different documents are the same real-world entity.
///
/// Names must agree (ignoring case); events agree by head and place; spelling variants of
/// long names merge when one letter differs or two neighbouring letters are swapped. People
/// merge only by full names: a shared surname alone is no evidence, but a double given name
/// with or without its hyphen is one name. An organisation's short form joins the full name
/// that a document gave it in parentheses.
pub fn same_entity(a: &Entity, b: &Entity) -> bool {
    // The graph asks this for every pair of entities of a kind, so the common answers come
    // first and without allocating.
    if a.kind != b.kind {
        return false;
    }
    if a.name == b.name || fold_eq(&a.name, &b.name) {
        return true;
    }
    if a.kind == EntityKind::Event {
        if !a.name.contains(" in ") || !b.name.contains(" in ") {
            return false;
        }
        let (ka, kb) = (event_key_str(&a.name), event_key_str(&b.name));
        return ka == kb && !ka.1.is_empty();
    }
    if a.kind == EntityKind::Organization && (short_form_alias(a, b) || short_form_alias(b, a)) {
        return true;
    }
    if a.kind == EntityKind::Person {
        if !a.name.contains(' ') || !b.name.contains(' ') {
            return false;
        }
        if (a.name.contains('-') || b.name.contains('-'))
            && person_key(&a.name) == person_key(&b.name)
        {
            return true;
        }
    }
    let (la, lb) = (a.name.len(), b.name.len());
    if la.abs_diff(lb) > 4 || la.min(lb) < 8 {
        return false;
    }
    let first = |s: &str| s.chars().next().map(|c| c.to_lowercase().next());
    if first(&a.name) != first(&b.name) {
        return false;
    }
    let (fa, fb) = (fold(&a.name), fold(&b.name));
    fa.chars().count() >= 8 && one_edit(&fa, &fb)
}

/// `fold(a) == fold(b)` without allocating.
fn fold_eq(a: &str, b: &str) -> bool {
    fn chars(s: &str) -> impl Iterator<Item = char> + '_ {
        s.split_whitespace()
            .enumerate()
            .flat_map(|(i, w)| (i > 0).then_some(' ').into_iter().chain(w.chars()))
            .flat_map(char::to_lowercase)
            .flat_map(|c| {
                if c == 'ß' {
                    ['s', 's'].into_iter().take(2)
                } else {
                    [c, c].into_iter().take(1)
                }
            })
    }
    chars(a).eq(chars(b))
}

/// A key that entities the same under `same_entity` by name share: the folded name, and the
/// head and place for events. Spelling variants (`one_edit`) need `same_entity` itself; the key
/// lets a caller find the exact matches without comparing every pair.
pub fn identity_key(e: &Entity) -> String {
    cluster_key(e.kind, &e.name)
}

/// One substitution, insertion, deletion or swap of neighbours apart.
fn one_edit(a: &str, b: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (n, m) = (x.len(), y.len());
    if n.abs_diff(m) > 1 {
        return false;
    }
    let pre = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
    let suf = x[pre..]
        .iter()
        .rev()
        .zip(y[pre..].iter().rev())
        .take_while(|(p, q)| p == q)
        .count();
    let (dx, dy) = (n - pre - suf.min(n - pre), m - pre - suf.min(m - pre));
    if dx <= 1 && dy <= 1 {
        return true;
    }
    dx == 2
        && dy == 2
        && x[pre] == y[pre + 1]
        && x[pre + 1] == y[pre]
        && x[pre + 2..] == y[pre + 2..]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `single_spaced`'s eight bytes at a time find what a test of each byte and each pair of
    /// neighbours finds, for names of every length up to 40 with spaces, control bytes, DEL
    /// and non-ASCII at every place.
    #[test]
    fn a_name_folds_in_one_pass_as_it_folds_joined() {
        let names = [
            "Angela Merkel",
            "ANGELA MERKEL",
            "Karl-Heinz Berger",
            "Human Rights Watch",
            "@[`{ AZ az ~\u{7f}",
            "Jürgen Müller",
            "Straße der Einheit",
            "two  spaces here",
            " leading space",
            "trailing space ",
            "tab\there and",
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOP",
            "Short",
        ];
        for name in names {
            for n in 0..=name.len() {
                let Some(s) = name.get(..n) else { continue };
                let mut out = String::from("x");
                fold_into(s, &mut out);
                assert_eq!(out[1..], fold_joined(s), "{s:?}");
            }
        }
    }

    #[test]
    fn single_spaced_is_the_byte_by_byte_test() {
        let reference = |s: &str| {
            let b = s.as_bytes();
            b.first() != Some(&b' ')
                && b.last() != Some(&b' ')
                && b.iter().all(|&c| (b' '..=0x7f).contains(&c))
                && !b.windows(2).any(|w| w == b"  ")
        };
        for n in 0..40 {
            for at in 0..n {
                for odd in [" ", "  ", "\t", "\u{7f}", "\u{1f}", "ü", "~"] {
                    let mut s: String = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"[..n].into();
                    s.replace_range(at..at + 1, odd);
                    assert_eq!(single_spaced(&s), reference(&s), "{s:?}");
                    // A second space in the middle, where it replaces a whole character.
                    let mid = n / 2;
                    if s.is_char_boundary(mid) && s.is_char_boundary(mid + 1) {
                        let mut two = s.clone();
                        two.replace_range(mid..mid + 1, " ");
                        assert_eq!(single_spaced(&two), reference(&two), "{two:?}");
                    }
                }
            }
        }
    }
    use crate::extract::extract;
    use crate::text;

    fn facts(s: &str) -> DocFacts {
        let d = text::parse("t.txt", "t.txt", s.as_bytes()).unwrap();
        resolve(&d, &extract(&d))
    }

    fn ent(name: &str, kind: EntityKind) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: vec![name.into()],
            mentions: vec![],
        }
    }

    #[test]
    fn a_speakers_lone_surname_takes_the_given_name_written_before_it() {
        let f = facts(
            "Nomvula Tshabalala kritisierte die Preise. „Das ist unsozial“, sagte Tshabalala am \
             Montag.",
        );
        let p: Vec<&Entity> = f
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .collect();
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].name, "Nomvula Tshabalala");
        assert_eq!(
            f.statements[0].speakers,
            vec![
                f.entities
                    .iter()
                    .position(|e| e.name == "Nomvula Tshabalala")
                    .unwrap()
            ]
        );
    }

    #[test]
    fn a_surname_with_its_article_speaks_in_lower_case() {
        let f = facts(
            "Scheich Omar bin Said al-Sabri lobte den Plan. „Ein kluger Schritt“, sagte al-Sabri.",
        );
        let s = f.statements.last().expect("a statement");
        let names: Vec<&str> = s
            .speakers
            .iter()
            .map(|&i| f.entities[i].name.as_str())
            .collect();
        assert_eq!(names, ["Omar bin Said al-Sabri"], "{f:?}");
    }

    #[test]
    fn a_regnal_number_keeps_its_dot_in_the_alias() {
        let f = facts("Königin Margarete IV. besuchte die Werft. Margarete IV. lachte.");
        let q = f
            .entities
            .iter()
            .find(|e| e.name == "Margarete IV.")
            .unwrap_or_else(|| panic!("{:?}", f.entities));
        assert!(q.aliases.iter().any(|a| a == "Margarete IV."), "{q:?}");
        assert!(!q.aliases.iter().any(|a| a == "Margarete IV"), "{q:?}");
    }

    #[test]
    fn short_forms_and_descriptors_join_the_full_name() {
        let f = facts(
            "Bundeskanzlerin Eva Musterfrau (57) kam. Musterfrau sagte, die Kanzlerin sei \
             zufrieden. Die 57-Jährige lachte.",
        );
        let eva: Vec<&Entity> = f
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .collect();
        assert_eq!(eva.len(), 1, "{eva:?}");
        assert_eq!(eva[0].name, "Eva Musterfrau");
        for a in ["Eva Musterfrau", "Musterfrau", "Kanzlerin", "57-Jährige"] {
            assert!(
                eva[0].aliases.iter().any(|x| x == a),
                "{a}: {:?}",
                eva[0].aliases
            );
        }
    }

    /// Speaker names of each statement, in text order.
    fn speakers(f: &DocFacts) -> Vec<Vec<String>> {
        f.statements
            .iter()
            .map(|s| {
                s.speakers
                    .iter()
                    .map(|&i| f.entities[i].name.clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_short_form_in_parentheses_is_one_entity_with_its_long_name() {
        let f = facts(
            "Die Umweltorganisation Nordische Wasserallianz (NWA) kritisierte den Plan. Die NWA \
             sagte, der Fluss werde verschmutzt.",
        );
        let orgs: Vec<&Entity> = f
            .entities
            .iter()
            .filter(|e| e.aliases.iter().any(|a| a == "NWA"))
            .collect();
        assert_eq!(orgs.len(), 1, "{:?}", f.entities);
        assert!(
            orgs[0]
                .aliases
                .iter()
                .any(|a| a == "Nordische Wasserallianz")
        );
        assert_eq!(orgs[0].mentions.len(), 3, "{:?}", orgs[0]);
        // A short form after a genitive may stand for the whole phrase: no merge.
        let t = "Das Hilfswerk der Nordstaaten (HWN) half. Das HWN kam.";
        let d = text::parse("t.txt", "t.txt", t.as_bytes()).unwrap();
        let org = |name: &str, at: usize| Entity {
            name: name.into(),
            kind: EntityKind::Organization,
            aliases: vec![name.into()],
            mentions: std::iter::once(at..at + name.len()).collect(),
        };
        let mut entities = vec![
            org("Nordstaaten", t.find("Nordstaaten").unwrap()),
            org("HWN", t.rfind("HWN").unwrap()),
        ];
        let mut cluster_of = vec![0, 1];
        merge_acronyms(&d, &mut entities, &mut cluster_of);
        assert_eq!(
            (entities.len(), cluster_of),
            (2, vec![0, 1]),
            "{entities:?}"
        );
    }

    #[test]
    fn lower_case_media_and_acronyms_in_the_genitive_speak() {
        let f = facts("Die Brücke ist zu. Die taz berichtete, der Bau habe sich verzögert.");
        assert_eq!(speakers(&f), vec![vec!["taz"]]);
        let f =
            facts("Die Brücke ist zu. Nach Angaben des BKWs sei der Bau verzögert. Das BKW prüft.");
        assert_eq!(speakers(&f), vec![vec!["BKW"]]);
        let bkw = f.entities.iter().find(|e| e.name == "BKW").expect("entity");
        assert!(bkw.aliases.iter().any(|a| a == "BKWs"), "{bkw:?}");
        // An acronym joined to a known name speaks with it.
        let f = facts("Die Brücke ist zu. Die Gewerkschaften ver.di und HWG sagten, man streike.");
        assert_eq!(speakers(&f), vec![vec!["ver.di", "HWG"]]);
    }

    #[test]
    fn a_name_that_opens_a_speaker_phrase_before_its_description_speaks() {
        let f = facts(
            "Die Suche dauert an. Ruvo Kantelai, der Polizeichef der Region, sagte, die Suche \
             gehe weiter.",
        );
        assert_eq!(speakers(&f), vec![vec!["Ruvo Kantelai"]]);
        let f = facts(
            "Die Suche dauert an. Ruvo Kantelai von der Hafenbehörde sagte, die Suche gehe \
             weiter.",
        );
        assert_eq!(speakers(&f), vec![vec!["Ruvo Kantelai"]]);
    }

    #[test]
    fn a_speech_verb_subject_is_a_name_where_no_list_knows_it() {
        let f = facts(
            "Die Brücke bleibt gesperrt. Wendrak sagte am Montag, die Brücke sei sicher. \
             Später erklärte Wendrak, man prüfe alles.",
        );
        assert_eq!(speakers(&f), vec![vec!["Wendrak"], vec!["Wendrak"]]);
        let p = f
            .entities
            .iter()
            .find(|e| e.name == "Wendrak")
            .expect("entity");
        assert_eq!((p.kind, p.mentions.len()), (EntityKind::Person, 2));
        // A plural subject and a word the text also writes in lower case are no names.
        let f = facts("Die Straße ist zu. Anrainer sagten, die Brücke sei sicher.");
        assert_eq!(speakers(&f), vec![Vec::<String>::new()]);
        // A title before an unknown name is not part of it; an acronym is an organisation.
        let f = facts(
            "Die Brücke ist zu. Vereinschef Tolli Brask sagte, die Brücke sei sicher. \
             Nach Angaben des BKW sei sie jedoch alt.",
        );
        assert_eq!(speakers(&f), vec![vec!["Tolli Brask"], vec!["BKW"]]);
        // A pronoun that opens a sentence and a compound for a source are no names either.
        let f = facts(
            "Die Brücke bleibt gesperrt. Behördenangaben zufolge sei sie einsturzgefährdet. \
             Ihnen zufolge sei der Schaden groß.",
        );
        assert_eq!(speakers(&f), vec![Vec::<String>::new(), Vec::new()]);
        assert!(!f.entities.iter().any(|e| e.name == "Ihnen"));
        let f = facts(
            "Die Brücke bleibt gesperrt. Medienberichte zufolge sei sie einsturzgefährdet. \
             Dagegen sagte, die Brücke sei sicher.",
        );
        assert!(
            !f.entities
                .iter()
                .any(|e| e.name == "Medienberichte" || e.name == "Dagegen"),
            "{:?}",
            f.entities
        );
    }

    #[test]
    fn an_adjective_in_the_speaker_phrase_does_not_hide_the_name() {
        let f = facts(
            "Die Lage ist ernst. Der israelische Sender „Kanal Neun“ meldete, die Grenze sei zu.",
        );
        assert_eq!(speakers(&f), vec![vec!["Kanal Neun"]]);
    }

    #[test]
    fn a_name_after_the_kind_of_institution_is_that_institution() {
        let f = facts(
            "Das Album kommt. Die Plattenfirma Sonora Tunes erklärte, es erscheine bald. \
             Das Fachmagazin „Bergpost“ berichtete, es sei gut.",
        );
        assert_eq!(speakers(&f), vec![vec!["Sonora Tunes"], vec!["Bergpost"]]);
        for e in &f.entities {
            assert_eq!(e.kind, EntityKind::Organization, "{e:?}");
        }
        // Also where the kind is a word the lists take for a common noun.
        let f = facts(
            "Das Werk schließt. Nach Angaben der Gewerkschaft Holz-Metall sei alles \
             entschieden.",
        );
        assert_eq!(speakers(&f), vec![vec!["Holz-Metall"]]);
    }

    #[test]
    fn titles_come_off_the_front_of_names() {
        let f = facts("Die Brücke ist zu, so Provinzgouverneur Tolli Brask. Brask lachte.");
        let p: Vec<&Entity> = f
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .collect();
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].name, "Tolli Brask");
        assert!(!p[0].aliases.iter().any(|a| a.contains("gouverneur")));
        assert_eq!(speakers(&f), vec![vec!["Tolli Brask"]]);
    }

    #[test]
    fn appositions_and_institution_compounds_name_the_speaker() {
        let f = facts(
            "Die Brücke ist zu. Der Sprecher des Wasseramtes, Tomso Phiram, sagte, die Brücke \
             sei sicher. Nach Angaben des Kraftfahrt-Bundesamtes sei sie jedoch alt.",
        );
        assert_eq!(
            speakers(&f),
            vec![vec!["Tomso Phiram"], vec!["Kraftfahrt-Bundesamt"]]
        );
        let amt = f
            .entities
            .iter()
            .find(|e| e.name == "Kraftfahrt-Bundesamt")
            .expect("entity");
        assert_eq!(amt.kind, EntityKind::Organization);
    }

    #[test]
    fn age_and_role_descriptors_stand_for_the_person_the_text_is_about() {
        let f = facts(
            "UNO-Chef Jon Ravna warnte. „Tom Krake wird es nie wagen“, sagte Ravna. \
             Ravna lobte die Stadt. „Ich mache keine Vorhersagen“, sagte der 61-Jährige. \
             Der UNO-Generalsekretär sagte, die Stadt sei bereit.",
        );
        let ravna = f
            .entities
            .iter()
            .find(|e| e.name == "Jon Ravna")
            .expect("entity");
        assert!(ravna.aliases.iter().any(|a| a == "61-Jährige"), "{ravna:?}");
        assert!(
            ravna.aliases.iter().any(|a| a == "UNO-Generalsekretär"),
            "{ravna:?}"
        );
    }

    #[test]
    fn country_forms_are_one_entity() {
        let f = facts("Russland und die Russen: russische Truppen und Russlands Präsident.");
        let ru: Vec<&Entity> = f.entities.iter().filter(|e| e.name == "Russland").collect();
        assert_eq!(ru.len(), 1);
        assert_eq!(
            ru[0].aliases,
            vec!["Russland", "Russen", "russische", "Russlands"]
        );
    }

    #[test]
    fn events_with_and_without_prefix_are_one_entity() {
        let f = facts("Der NATO-Gipfel in Oslo begann. Nach dem Gipfel in Oslo reisten alle ab.");
        let ev: Vec<&Entity> = f
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Event)
            .collect();
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].name, "NATO-Gipfel in Oslo");
    }

    #[test]
    fn same_entity_across_documents() {
        use EntityKind::*;
        assert!(same_entity(
            &ent("NATO", Organization),
            &ent("Nato", Organization)
        ));
        assert!(same_entity(
            &ent("Gipfel in Den Haag", Event),
            &ent("NATO-Gipfel in Den Haag", Event)
        ));
        assert!(same_entity(
            &ent("Wolodymyr Selenskyj", Person),
            &ent("Wolodymyr Selenskij", Person)
        ));
        // A shared surname is not enough, nor are different given names.
        assert!(!same_entity(
            &ent("Trump", Person),
            &ent("Donald Trump", Person)
        ));
        assert!(!same_entity(
            &ent("Melania Trump", Person),
            &ent("Donald Trump", Person)
        ));
        assert!(!same_entity(
            &ent("Gipfel in Genf", Event),
            &ent("Gipfel in Den Haag", Event)
        ));
        assert!(!same_entity(
            &ent("Georgien", Country),
            &ent("Georgien", Location)
        ));
    }

    #[test]
    fn an_institution_compound_after_an_article_speaks_but_a_kind_of_medium_does_not() {
        let f = facts(
            "Die Brücke ist zu. Nach Angaben der Bundeswasserbehörde sei sie alt. Das finnische \
             Verkehrsministerium erklärte, sie werde repariert. Die Nachrichtenagentur \
             berichtete, es gebe Streit. Wie die Plattenfirma Sono-Tunes mitteilte, erscheine \
             das Album.",
        );
        assert_eq!(
            speakers(&f),
            vec![
                vec!["Bundeswasserbehörde"],
                vec!["Verkehrsministerium"],
                vec![],
                vec!["Sono-Tunes"],
            ]
        );
    }

    #[test]
    fn a_surname_that_is_also_a_place_joins_the_given_name_before_it() {
        let t = "Gewerkschaftschef Jonas Bielefeld kam. Der Gewerkschaftschef lachte. Bielefeld \
                 ging. Anna kam aus Bielefeld zurück.";
        let d = text::parse("t.txt", "t.txt", t.as_bytes()).expect("parses");
        let at = |s: &str, n: usize| {
            let i = t.match_indices(s).nth(n).expect("surface").0;
            i..i + s.len()
        };
        let m = |span: Span, kind, name: &str, descriptor| Mention {
            span,
            kind,
            name: name.into(),
            descriptor,
        };
        let mentions = vec![
            m(at("Jonas", 0), EntityKind::Person, "Jonas", false),
            m(at("Bielefeld", 0), EntityKind::Location, "Bielefeld", false),
            m(
                at("Gewerkschaftschef", 1),
                EntityKind::Person,
                "Jonas",
                true,
            ),
            m(at("Bielefeld", 1), EntityKind::Location, "Bielefeld", false),
            m(at("Anna", 0), EntityKind::Person, "Anna", false),
            m(at("Bielefeld", 2), EntityKind::Location, "Bielefeld", false),
        ];
        let out = joined_surnames(&d, &mentions).expect("a joined name");
        assert_eq!(&t[out[0].span.clone()], "Jonas Bielefeld");
        let names: Vec<&str> = out.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names[..4], ["Jonas Bielefeld"; 4]);
        assert!(out[..4].iter().all(|m| m.kind == EntityKind::Person));
        assert_eq!(
            (out[5].kind, out[5].name.as_str()),
            (EntityKind::Location, "Bielefeld")
        );
        // A place after a preposition is no surname; a given name alone joins nothing.
        let out2 = joined_surnames(&d, &mentions[4..]);
        assert!(out2.is_none());
    }

    #[test]
    fn a_word_ending_like_a_job_before_a_full_name_is_a_title() {
        let f = facts("Die Brücke ist zu, sagte Projektkoordinator Andreas Lindqvist.");
        assert_eq!(speakers(&f), vec![vec!["Andreas Lindqvist"]]);
        // Two given names stay.
        let f = facts("Die Brücke ist zu, sagte Hans Peter Lindqvist.");
        assert_eq!(speakers(&f), vec![vec!["Hans Peter Lindqvist"]]);
    }

    #[test]
    fn an_organisation_named_with_a_country_speaks_instead_of_the_country() {
        let f = facts(
            "Die Brücke ist zu. Die Regierung Kanadas erklärte, die Brücke sei sicher. \
             Wikimedia Österreich teilte mit, die Seite sei offline. Kanadas Botschaft \
             erklärte, man helfe. Kanada erklärte, man helfe. Nach Angaben von Radio Bielefeld \
             sei alles ruhig. Die Regierung Wendrak erklärte, sie helfe. Der Staat Ohio \
             erklärte, er helfe. Sein Juniorpartner Kanada erklärte, man helfe.",
        );
        assert_eq!(
            speakers(&f),
            vec![
                vec!["Regierung Kanadas"],
                vec!["Wikimedia Österreich"],
                vec!["Kanadas Botschaft"],
                vec!["Kanada"],
                vec!["Radio Bielefeld"],
                vec!["Regierung Wendrak"],
                vec![],
                vec!["Kanada"],
            ]
        );
    }

    #[test]
    fn capitalised_words_after_an_acronym_complete_its_name() {
        let f = facts(
            "Die Brücke ist zu. Nach Angaben des KBW Vorratsarchiv sei sie alt. Laut dem \
             Verband (KBW) sei sie neu.",
        );
        assert_eq!(speakers(&f), vec![vec!["KBW Vorratsarchiv"], vec!["KBW"]]);
    }

    /// The names of the organisations of a graph built from these documents.
    fn graph_orgs(texts: &[&str]) -> Vec<String> {
        let mut g = crate::graph::Graph::new();
        for (i, t) in texts.iter().enumerate() {
            let name = format!("d{i}.txt");
            let d = text::parse(&name, &name, t.as_bytes()).unwrap();
            g.add_document(&d, &resolve(&d, &extract(&d)));
        }
        g.nodes_with_label(crate::graph::label::ORGANIZATION)
            .map(|id| {
                g.node(id)
                    .and_then(|n| n.name())
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn a_short_form_in_parentheses_names_the_organisation_in_other_documents_too() {
        let full = "Das Institut für Bodenkunde und Meereskunde (IBM) teilte am Montag mit, die \
                    Werte seien hoch. Das IBM sagte, man prüfe weiter.";
        let f = facts(full);
        let orgs: Vec<&Entity> = f
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Organization)
            .collect();
        assert_eq!(orgs.len(), 1, "{orgs:?}");
        assert!(orgs[0].aliases.iter().any(|a| a == "IBM"), "{orgs:?}");
        let short = "Das IBM warnte am Freitag vor Hochwasser an der Küste.";
        // In either order of ingestion, the short form alone joins the full name.
        for texts in [[full, short], [short, full]] {
            let orgs = graph_orgs(&texts);
            assert_eq!(orgs.len(), 1, "{orgs:?}");
        }
        use EntityKind::*;
        let long = Entity {
            name: "Institut für Bodenkunde und Meereskunde".into(),
            kind: Organization,
            aliases: vec![
                "Institut für Bodenkunde und Meereskunde".into(),
                "IBM".into(),
            ],
            mentions: vec![],
        };
        assert!(same_entity(&ent("IBM", Organization), &long));
        assert!(same_entity(&long, &ent("IBM", Organization)));
        // Another short form, or another full name with the same short form, is not it; nor is
        // a person whose name happens to be written so.
        assert!(!same_entity(&ent("IBK", Organization), &long));
        let other = Entity {
            name: "Internationale Bäckermeister".into(),
            aliases: vec!["Internationale Bäckermeister".into(), "IBM".into()],
            ..long.clone()
        };
        assert!(!same_entity(&other, &long));
        let person = Entity {
            kind: Person,
            ..long.clone()
        };
        assert!(!same_entity(&ent("IBM", Person), &person));
    }

    #[test]
    fn a_double_given_name_is_one_name_with_or_without_its_hyphen() {
        let f = facts(
            "Der Vorsitzende Karl Heinz Berger sagte, das sei gut. Später erklärte Karl-Heinz \
             Berger, er bleibe im Amt.",
        );
        let p: Vec<&Entity> = f
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .collect();
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].aliases.iter().any(|a| a == "Karl-Heinz Berger"),
            "{p:?}"
        );
        assert_eq!(f.statements.len(), 2);
        assert!(
            f.statements
                .iter()
                .all(|s| s.speakers == f.statements[0].speakers)
        );
        use EntityKind::*;
        assert!(same_entity(
            &ent("Anna Lena Vogt", Person),
            &ent("Anna-Lena Vogt", Person)
        ));
        // A double surname keeps its hyphen: within a document `Vogt-Kranz` is not the given
        // name `Vogt` and the surname `Kranz`.
        assert_ne!(person_key("Lena Vogt-Kranz"), person_key("Lena Vogt Kranz"));
        assert_eq!(person_key("Hans-Peter Vogt-Kranz"), "hans peter vogt-kranz");
        assert!(!same_entity(
            &ent("Anna-Lena Vogt", Person),
            &ent("Anna Lea Vogt", Person)
        ));
    }

    #[test]
    fn a_tail_of_a_longer_name_is_not_a_second_person() {
        let f = facts(
            "„Die Preise sind hoch“, sagte Nguyen Thi Lan. Thi Lan verkauft seit Jahren Reis.",
        );
        let p: Vec<&Entity> = f
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .collect();
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].name, "Nguyen Thi Lan");
        assert!(p[0].aliases.iter().any(|a| a == "Thi Lan"), "{p:?}");
    }

    #[test]
    fn name_parts_join_only_one_fuller_name() {
        let person = |name: &str, at: usize| Entity {
            name: name.into(),
            kind: EntityKind::Person,
            aliases: vec![name.into()],
            mentions: std::iter::once(at..at + name.len()).collect(),
        };
        let run = |mut entities: Vec<Entity>| {
            let mut cluster_of: Vec<usize> = (0..entities.len()).collect();
            merge_name_parts(&mut entities, &mut cluster_of);
            (
                entities.into_iter().map(|e| e.name).collect::<Vec<_>>(),
                cluster_of,
            )
        };
        // The tail of two longer names could be either.
        assert_eq!(
            run(vec![
                person("Anna Maria Vogt", 0),
                person("Eva Maria Vogt", 30),
                person("Maria Vogt", 60),
            ])
            .0
            .len(),
            3
        );
        // Each part goes to its one fuller name, and indices close up.
        assert_eq!(
            run(vec![
                person("Maria Vogt", 60),
                person("Lin Hao", 0),
                person("Anna Maria Vogt", 10),
            ]),
            (
                vec!["Lin Hao".to_string(), "Anna Maria Vogt".to_string()],
                vec![1, 0, 1]
            )
        );
    }

    #[test]
    fn a_kind_of_outlet_before_a_place_and_a_name_word_is_no_part_of_the_name() {
        let f = facts(
            "Die Wahl ist vorbei. Der Fernsehsender Tirana Channel meldete, die Stimmen seien \
             gezählt. Der Sender Berlin Direkt sagte, alles sei ruhig.",
        );
        assert_eq!(
            speakers(&f),
            vec![vec!["Tirana Channel"], vec!["Berlin Direkt"]]
        );
    }
}
