//! Speakers, addressees and topics of statements, as entity indices.
//!
//! Extraction gives each statement the text spans of its speaker phrase, addressee phrase and
//! topic phrases; here they become entities through the mentions inside them:
//! - a speaker phrase names the persons in it (joined by `und`), else the organisations, else
//!   the countries: in `Patrick Muster von der Umweltbehörde` the person speaks, not the agency;
//!   a name in apposition right after the phrase belongs to it (`Der Sprecher des Amtes, Tomso
//!   Phiram, sagte`);
//! - a speaker phrase in which recognition found no name still names one: the subject of a
//!   speech verb is a name (`Wendrak sagte`), an acronym (`des BKW`), a quoted title
//!   (`„Bergpost“`, also right after the kind of institution: `des Magazins „Bergpost“`) or an
//!   institution compound after an article (`des Kraftfahrt-Bundesamtes`, `das finnische
//!   Verkehrsministerium`); `speaker_names` adds these as mentions before resolution clusters
//!   them; a name the phrase cuts off (`der Präsident Jan R` of `Jan R. Berg`) still speaks;
//! - in the passive (`Berg wird vorgeworfen`, `…, bis der Verein aufgefordert wurde`) only a
//!   `von`/`durch` agent speaks;
//! - a phrase that opens with someone unnamed (`Ein Sprecher von Tesla`) is an anonymous
//!   source, not the institution, unless it names the person too; a lone word that opens
//!   sentences (`Ihnen`, `Dagegen`) or a common noun for a source, a group or a role
//!   (`Behördenangaben`, `Augenzeugen`) is no name;
//! - a person in the genitive after the noun that speaks is its possessor (`die Verteidiger
//!   Jan Bergs`), except after a source noun (`nach Angaben Bergs`), and so is one before it
//!   (`Bergs Verteidiger`); a descriptor after an indefinite article (`ein Sprecher`) is
//!   someone unnamed, no person named before; a person the phrase names beats a descriptor in
//!   it (`Der Vorsitzende des Rates Udo Kern`); a name that opens the phrase before its
//!   description (`Tolli Brask, der Sprecher des Amtes`, `Tolli Brask von der Hafenbehörde`) or
//!   stands in apposition before it (`Tolli Brask, Sprecher des Amtes,` where the phrase is the
//!   description) speaks; organisations written in lower case (`die taz`) and acronyms in the
//!   genitive (`des ZDFs`) are names, and an acronym joined to a known name speaks with it;
//! - an organisation named with a country speaks, not the country (`die Regierung Kanadas`,
//!   `Wikimedia Österreich`); capitalised words after an acronym complete its name; a quoted
//!   name after an article is the institution its genitive phrase describes (`Das „Nordische
//!   Wetterzentrum“ der USA teilte mit`); a descriptor in the plural (`Die Außenminister
//!   Frankreichs und Italiens`) stands for no one named;
//! - a pronoun (`sagte er`, also inside a phrase: `Im Interview sagte sie`, or right after the
//!   verb that follows a phrase naming no person: `Im Nordkurier sagte sie: „…“`) is the subject
//!   earlier in its own sentence, else the person who became the subject of the sentence
//!   before since the last report (the latest sentence with a person as subject; a name after
//!   a preposition or a genitive before an apposition is passed over, and a descriptor with a
//!   name in apposition is that name), else that report's speaker, else the person named last
//!   outside quotations; a pronoun right after a sentence that opens with an unnamed person
//!   (`Der behandelnde Arzt …. Er sagte`) names no one; plural `sie` is no person; `Dieser` is
//!   the person named last; a pronoun before every person its phrase names is the subject
//!   (`Dabei griff sie den Präsidenten Jan Berg an`);
//!   `er` and `sie`, and the possessives `sein…` and `ihr…` (`ihrer Meinung nach`), skip
//!   persons whose given name or feminine role shows the other gender
//!   (`data/given_name_genders.tsv`); names in the frame of a text that one statement
//!   attributes within it are antecedents even where a duplicate of that statement continues
//!   another report;
//! - `SameAs(i)` copies statement i's speakers unless the statement's own sentence names a
//!   subject outside its content; `Implicit` is resolved like a pronoun without a word, but
//!   only within its own paragraph and never as just the person named last, and either is no
//!   one's where its sentence gives the source impersonally (`…, hieß es`, `hatte es zunächst
//!   geheißen`, `Aus der Partei ist zu hören`, `wird vermutet`, with no source named in that
//!   clause); a `SameAs` in a
//!   new paragraph after a told sentence that names neither that speaker nor a pronoun is no
//!   one's (the text has moved on); a reported continuation of a report that names no one,
//!   further back than the sentence before it, goes to that sentence's subject, an institution
//!   too (`Das Institut sieht keine Gefahr. Nur Halter von Geflügel seien gefährdet.`); either
//!   goes to the person an indirect statement's text opens with in an indicative clause
//!   (`Eva Roth selbst schrieb in einer Erklärung, sie wolle gehen`), and either goes to
//!   another source where the sentence just before it, after the last report, opens with that
//!   source and a verb of saying (`Die Umweltbehörde äußerte Zweifel.`, also an unnamed
//!   group without an article: `Kritiker des Baus verweisen …`): its organisation, or no one
//!   named;
//! - a continuation nested in another report that found its speaker continues that report
//!   (`Roth nannte den Plan „teuer“`), unless a person stands as subject between that report's
//!   phrase and the quotation; a continuation or implicit report whose own sentence opens with
//!   an institution or an unnamed source and an indicative verb before it (`Die Behörde
//!   verlangte eine Prüfung der „…“`, `Die Staatsanwaltschaft hegt den Verdacht, …`) is that
//!   source's: its organisation, or no one named;
//! - a cue verb without a speaker phrase (`Roth schreibt dazu in ihrem Blog: „…“`) has its
//!   sentence's subject as speaker, or the institution that opens its frame, or the name of a
//!   `wie` clause the content swallowed (`Die Anlage stand unter Druck, wie Jan Berg, Chef der
//!   Firma, mitteilte.`), or a personal pronoun that opens the frame (`Sie sicherte dabei dem
//!   Minister ihre „volle Unterstützung“ zu.`, also for a quotation with no cue); a frame's
//!   subject after the content stops where the next report and its speaker phrase begin (a
//!   sentence the splitter did not end at `nur 50. Innenminister Berg gestand ein, …`);
//! - a quotation under a label line (`Berger:`) is the label's speaker's;
//! - a continued quotation introduced by an unnamed person and a colon (`Ein Beamter der
//!   Polizei: „…“`) is an anonymous source's;
//! - an addressee given with an interview (`im Interview mit der Zeitung X`) carries over to every
//!   statement of the same speaker in the document;
//! - a statement is about every entity its content or its topic phrases (to the end of their
//!   sentence) name, except its person speakers, its attribution before a colon and its
//!   addressee phrase.

use super::{Entity, StatementFact};
use crate::extract::statements::konjunktiv;
use crate::extract::{EntityKind, Extraction, Mention, SpeakerRef, StatementKind};
use crate::lexicon::{Gender, given_name_gender};
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

/// Marks that open a quotation.
const QUOTE_OPENERS: &[char] = &['„', '"', '»', '«', '“', '‚'];

/// Words that may stand between two joint speakers (`Merz und Macron`); a comma does not join,
/// as it more often opens an apposition than a list.
const JOINERS: &[&str] = &["und", "sowie", "der", "die", "das", "dem", "den", "des"];

/// What attribution reads of an extraction: its mentions, with the names that speaker phrases
/// and the resolver's mending added, and its statements. Borrowed apart, so that the resolver
/// does not copy the statements to pair them with its own mentions, nor the mentions to put
/// the added names after them.
#[derive(Clone, Copy)]
pub struct Parts<'a> {
    /// The mentions (recognition's, or the resolver's mended copy of them).
    pub mentions: &'a [Mention],
    /// The names found from speaker phrases, which come after `mentions`: the mention at index
    /// `mentions.len() + k` is `added[k]`.
    pub added: &'a [Mention],
    pub statements: &'a [crate::extract::Statement],
}

impl<'a> Parts<'a> {
    /// The mention at index `i` of `mentions` followed by `added`.
    #[inline]
    fn mention(&self, i: usize) -> &'a Mention {
        match self.mentions.get(i) {
            Some(m) => m,
            None => &self.added[i - self.mentions.len()],
        }
    }

    /// The mentions followed by the added ones, in index order.
    fn all(&self) -> impl Iterator<Item = &'a Mention> + Clone {
        self.mentions.iter().chain(self.added)
    }

    /// The number of mentions, the added ones included.
    fn len(&self) -> usize {
        self.mentions.len() + self.added.len()
    }
}

struct Ctx<'a> {
    doc: &'a Document,
    x: Parts<'a>,
    cluster_of: &'a [usize],
    /// Contents of quotations and reported speech: names inside them are not antecedents of
    /// pronouns outside (`…, dass Novak …, sagte er` is not Novak speaking).
    quoted: Vec<Span>,
    /// The indices of the mentions (`x.all()`) in the order of their starts (ties in index order): the
    /// mentions are not sorted (speaker phrases add names at the end), and `speakers_in` would
    /// otherwise test every mention of the document for every statement.
    by_start: Vec<usize>,
    /// The starts of the mentions in the order of `by_start`: halving among them reads one
    /// array, not each mention through its index.
    starts: Vec<usize>,
    /// Where the blocks of the text begin among `starts` (see `Blocks`).
    mention_blocks: Blocks,
    /// Where the blocks of the text begin among the starts of its sentences.
    sentence_blocks: Blocks,
    /// The greatest length of a mention: one that overlaps a span starts at most this far
    /// before it.
    longest: usize,
    /// Whether the text holds `gegenüber` at all: most do not, and then no name is addressed
    /// after it (`addressed`), which need not be asked of each. Searched for when first asked:
    /// a document whose phrases name no one asks it never.
    gegenueber: std::cell::OnceCell<bool>,
    /// Each entity's gender (`entity_gender`), found when first asked: pronouns ask it of the
    /// same people again and again.
    genders: Vec<std::cell::OnceCell<Option<Gender>>>,
    /// The buffer `speakers_in` gathers a phrase's mentions in, kept from call to call.
    inside: std::cell::Cell<Vec<usize>>,
}

/// Where the 128-byte blocks of a text begin among a sorted list of byte positions in it (the
/// starts of its mentions or sentences): for each block, how many positions lie before it.
/// The rules count the positions before a byte thousands of times per document; from the
/// block's entry that is a step past the one or two positions in the block, not a halving
/// of the whole list.
struct Blocks(Vec<u32>);

impl Blocks {
    const SHIFT: u32 = 7;

    /// The index of `n` positions, the `k`th at `start(k)` and none past `len`, in a text of
    /// `len` bytes.
    fn new(len: usize, n: usize, start: impl Fn(usize) -> usize) -> Blocks {
        // One block more than the text has: a count below the byte after the text's end is
        // asked too.
        let blocks = (len >> Self::SHIFT) + 2;
        let mut first = Vec::with_capacity(blocks);
        let mut k = 0;
        for b in 0..blocks {
            while k < n && start(k) < b << Self::SHIFT {
                k += 1;
            }
            first.push(k as u32);
        }
        Blocks(first)
    }

    /// The number of the `n` positions that lie before byte `pos`
    /// (`partition_point(|s| s < pos)`).
    fn below(&self, pos: usize, n: usize, start: impl Fn(usize) -> usize) -> usize {
        // Past the blocks, every position (none is past the text) lies before `pos`.
        let Some(&first) = self.0.get(pos >> Self::SHIFT) else {
            return n;
        };
        let mut k = first as usize;
        while k < n && start(k) < pos {
            k += 1;
        }
        k
    }
}

impl Ctx<'_> {
    /// Whether the text holds `gegenüber` (see the field).
    fn gegenueber(&self) -> bool {
        // Built once: a search set up per document cost about as much as the search.
        static GEGENUEBER: std::sync::LazyLock<memchr::memmem::Finder> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new("gegenüber"));
        *self
            .gegenueber
            .get_or_init(|| GEGENUEBER.find(self.doc.text.as_bytes()).is_some())
    }

    /// The indices of the mentions that start in `range` or at its end, by start (ties in
    /// index order): every mention that lies in the range, and one the range cuts off.
    /// Inlined: thousands of calls per document, each a table read and a step or two.
    #[inline]
    fn starting_in(&self, range: &Span) -> &[usize] {
        let starts = &self.starts;
        let before = |pos: usize| self.mention_blocks.below(pos, starts.len(), |k| starts[k]);
        let from = before(range.start);
        // The mentions that start up to the end, but none before `from`: a range that ends
        // before it starts holds none.
        let to = before(range.end + 1).max(from);
        &self.by_start[from..to]
    }

    /// The index of the paragraph around byte `pos`. The paragraphs are the text's lines, in
    /// order and apart: the one that starts last at or before `pos` is the only one that can
    /// hold it, found by halving instead of a test of each.
    fn paragraph_at(&self, pos: usize) -> Option<usize> {
        let ps = &self.doc.paragraphs;
        let k = ps.partition_point(|p| p.span.start <= pos).checked_sub(1)?;
        (pos < ps[k].span.end).then_some(k)
    }

    /// The number of sentences that start at or before byte `pos`
    /// (`partition_point(|s| s.span.start <= pos)`).
    fn sentences_upto(&self, pos: usize) -> usize {
        let ss = &self.doc.sentences;
        self.sentence_blocks
            .below(pos + 1, ss.len(), |k| ss[k].span.start)
    }

    /// The indices of the mentions that may overlap `range` or lie in it, by start: those
    /// that start from the longest mention's length before it up to its end. A rule that asks
    /// whether any mention there is of some kind tests these, not every mention of the document.
    fn around(&self, range: &Span) -> &[usize] {
        self.starting_in(&(range.start.saturating_sub(self.longest)..range.end))
    }

    /// The person named right before the colon that introduces a quotation, in its sentence
    /// (`Sandra Roth, Sprecherin der Grünen, erklärte: „…“`, `und der Bürgermeister Jan Berg:
    /// „…“`): at most six words of apposition or verb stand between name and colon, and no
    /// article, preposition or pronoun before the name makes it an object (`fragte er Roth:
    /// „…“`).
    fn colon_speaker(&self, content: &Span) -> Option<usize> {
        let t = &self.doc.text;
        let before = t[..content.start].trim_end_matches(['„', '"', '»', '«', ' ', '\n']);
        let colon = before.strip_suffix(':')?.len();
        let sentence = self.sentence_at(colon.saturating_sub(1))?;
        let from = sentence.start;
        // The last in index order.
        let k = self
            .starting_in(&(from..colon))
            .iter()
            .copied()
            .filter(|&i| {
                let m = self.x.mention(i);
                m.span.end <= colon && m.span.start >= from && m.kind == EntityKind::Person
            })
            .max()?;
        let m = self.x.mention(k);
        // A quotation that holds the name ends before the colon; a report whose words run on
        // over the name up to the colon was cut too long and is no quotation of it.
        if self
            .quoted
            .iter()
            .any(|q| overlaps(q, &m.span) && q.end < colon)
        {
            return None;
        }
        let gap = &t[m.span.end..colon];
        if gap.split_whitespace().count() > 6 || gap.contains(['.', '“', '„', '"', ';']) {
            return None;
        }
        // The three words before the name, read from the end.
        let lead = t[from..m.span.start].split_whitespace().rev();
        let object = lead.take(3).any(|w| {
            let w = w.trim_end_matches(',');
            is_article(w) && !matches!(w, "der" | "die" | "Der" | "Die")
                || preposition(w)
                || PRONOUNS.contains(&w)
                || matches!(w, "ihn" | "ihm" | "ihr" | "ihnen")
        });
        (!object).then(|| self.cluster_of[k])
    }

    /// Speakers named in the given phrases.
    fn speakers_in(&self, spans: &[Span]) -> Vec<usize> {
        let speaks = |&i: &usize| {
            let m = self.x.mention(i);
            // The cheap test whether the mention lies in a phrase runs first: most mentions
            // of a document lie in none, and `possessor` scans words around each.
            speaker_rank(m.kind).is_some()
                && spans.iter().any(|s| {
                    // A name the phrase cuts off (`erklärte der Präsident Jan R.` ending at the
                    // initial) still belongs to it.
                    s.start <= m.span.start
                        && (m.span.end <= s.end
                            || m.span.start < s.end && cut_name(&self.doc.text, s))
                })
                && self.heads_phrase(m)
                && !self.possessor(m)
                && !(self.gegenueber() && addressed(&self.doc.text, m))
                && !unnamed_descriptor(&self.doc.text, m)
        };
        // A mention in a phrase starts inside it or at its end: only those are tested, taken
        // in the order of their starts (ties in index order, as a scan of all mentions would
        // take them; names found from speaker phrases come after recognition's mentions).
        // The mentions of one phrase, the common case, come in that order already.
        // They go into a buffer used again for every call (the `Cell` is empty while one is
        // running), not a `Vec` of their own.
        let mut inside = self.inside.take();
        inside.clear();
        match spans {
            [only] => inside.extend(self.starting_in(only).iter().copied().filter(speaks)),
            _ => {
                for s in spans {
                    inside.extend_from_slice(self.starting_in(s));
                }
                inside.sort_unstable();
                inside.dedup();
                inside.retain(speaks);
                inside.sort_by_key(|&i| self.x.mention(i).span.start);
            }
        }
        let v = self.speakers_among(&mut inside);
        self.inside.set(inside);
        v
    }

    /// The speakers among the mentions that `speakers_in` found in its phrases (`inside`, by
    /// start), which this reorders.
    fn speakers_among(&self, inside: &mut Vec<usize>) -> Vec<usize> {
        // A person the phrase names beats a descriptor in it that stands for someone named
        // earlier (`Der Vorsitzende des Rates Jan Berg` is Berg, whoever `Vorsitzende` was).
        let named_person = |i: &usize| {
            let m = self.x.mention(*i);
            m.kind == EntityKind::Person && !m.descriptor
        };
        if inside.iter().any(named_person) {
            inside.retain(|i| {
                let m = self.x.mention(*i);
                !(m.kind == EntityKind::Person && m.descriptor)
            });
        }
        let Some(best) = inside
            .iter()
            .filter_map(|&i| speaker_rank(self.x.mention(i).kind))
            .min()
        else {
            return Vec::new();
        };
        // A name in apposition (`der Chef der Firma, Jan Berg, sagte`) is the speaker the
        // phrase is about; try it first.
        if let Some(k) = inside.iter().position(|&i| {
            let m = self.x.mention(i);
            speaker_rank(m.kind) == Some(best)
                && self.doc.text[..m.span.start].trim_end().ends_with(',')
                && self.doc.text[m.span.end..]
                    .trim_start()
                    .starts_with([',', '.'])
        }) {
            let a = inside.remove(k);
            inside.insert(0, a);
        }
        // The entities of the first speaker and of those joined to it, with the mention kept
        // last. At least the first of rank `best` goes in, and no more than the mentions: room
        // for all at once, so the `Vec` is allocated once and never grown.
        let mut v: Vec<usize> = Vec::with_capacity(inside.len());
        let mut last: Option<usize> = None;
        for &i in inside.iter() {
            let m = self.x.mention(i);
            if speaker_rank(m.kind) != Some(best) {
                continue;
            }
            let joined = last.is_none_or(|k| {
                let prev = self.x.mention(k);
                if prev.span.end > m.span.start {
                    return false;
                }
                // Only joiners stand between the two, one of them `und` or `sowie`; a word with
                // a comma after it is none.
                let gap = &self.doc.text[prev.span.end..m.span.start];
                let mut and = false;
                gap.split_whitespace().all(|w| {
                    and |= matches!(w, "und" | "sowie");
                    JOINERS.contains(&w)
                }) && and
            });
            if !joined {
                break;
            }
            v.push(self.cluster_of[i]);
            last = Some(i);
        }
        v.dedup();
        v
    }

    /// Whether a person stands in the genitive after the noun that speaks (`die Verteidiger
    /// Jan Bergs`, `Anhänger Bergs`): the possessor, not the speaker. After a source noun
    /// (`nach Angaben Bergs`) the person is the source.
    fn possessor(&self, m: &Mention) -> bool {
        let t = &self.doc.text;
        let genitive = m.kind == EntityKind::Person
            && t[m.span.clone()].ends_with('s')
            && !m.name.ends_with('s');
        // Only a genitive is a possessor: most mentions are none, and need no words read.
        if !genitive {
            return false;
        }
        let mut words = t[..m.span.start].split_whitespace().rev();
        let mut before = words.next().unwrap_or("");
        // In a list (`die Äußerungen Bergs und Roths`) the noun stands before the first name.
        if matches!(before, "und" | "sowie")
            && let Some(prev) = self.x.all().find(|p| {
                p.kind == EntityKind::Person
                    && p.span.end < m.span.start
                    && t[p.span.end..m.span.start].trim() == before
            })
        {
            return self.possessor(prev);
        }
        // A genitive before the noun it belongs to (`Bergs Verteidiger Udo Kern`, `Bergs
        // früherer Sprecher`) is a possessor too.
        let noun_after = t[m.span.end..]
            .split_whitespace()
            .take(3)
            .find(|w| !is_adjective(w))
            .is_some_and(|w| {
                w.starts_with(char::is_uppercase)
                    && !crate::lexicon::lexicon().is_given_name(w)
                    && !source_noun(w)
            });
        if !t[..m.span.start].trim_end().ends_with([',', '(']) && noun_after {
            let at_start = before.is_empty()
                || is_article(before)
                || !before.starts_with(char::is_uppercase)
                || before.ends_with(['.', ':']);
            if at_start {
                return true;
            }
        }
        before = before.trim_end_matches(',');
        before.starts_with(char::is_uppercase)
            && !is_article(before)
            && !is_title(before)
            && !SOURCE_NOUNS.contains(&before)
            && !crate::lexicon::lexicon().is_given_name(before)
            && !source_noun(before)
    }

    /// Whether a mention can be the head of a speaker phrase: not an adjective
    /// (`niederländische`) and not the first part of a compound (`NATO-Generalsekretär`), whose
    /// head is the last part.
    fn heads_phrase(&self, m: &Mention) -> bool {
        heads_phrase(&self.doc.text, m)
    }

    /// The most recent person named before `pos`, outside the content of statements.
    fn antecedent(&self, pos: usize) -> Option<usize> {
        self.antecedent_agreeing(pos, |_| true)
    }

    /// The most recent person named before `pos`, outside the content of statements, whose
    /// entity passes `agrees` (a pronoun's gender).
    /// The person a demonstrative (`Dieser behauptete, …`) points to: the person named last
    /// in the sentence before it or its own, also inside reported words (`Berg werde von
    /// seinem Fahrer Jan Roth belastet. Dieser behaupte, …`), else the antecedent of a pronoun.
    fn demonstrative_antecedent(&self, pos: usize) -> Option<usize> {
        let ss = &self.doc.sentences;
        let from = ss
            .partition_point(|s| s.span.start <= pos)
            .checked_sub(2)
            .map_or(0, |i| ss[i].span.start);
        self.x
            .all()
            .enumerate()
            .filter(|(_, m)| {
                m.kind == EntityKind::Person
                    && !m.descriptor
                    && m.span.start >= from
                    && m.span.end <= pos
            })
            .max_by_key(|(_, m)| m.span.start)
            .map(|(i, _)| self.cluster_of[i])
            .or_else(|| self.antecedent(pos))
    }

    fn antecedent_agreeing(&self, pos: usize, agrees: impl Fn(usize) -> bool) -> Option<usize> {
        self.x
            .all()
            .enumerate()
            .filter(|(_, m)| m.kind == EntityKind::Person && m.span.end <= pos)
            .filter(|(i, _)| agrees(self.cluster_of[*i]))
            .filter(|(_, m)| {
                !self
                    .quoted
                    .iter()
                    .any(|q| q.start <= m.span.start && m.span.end <= q.end)
            })
            .max_by_key(|(_, m)| m.span.start)
            .map(|(i, _)| self.cluster_of[i])
    }

    /// The person a pronoun at `sp` stands for (an empty span: an implicit speaker, see
    /// `SpeakerRef::Implicit`, which only the own-sentence rule skips). A pronoun shortly after a report usually goes on about its
    /// speaker, unless a person became the subject since (`„…“, sagte Roth. Berg widersprach.
    /// Er sagte, …` is Berg); otherwise it is the person named last. `sie` with a plural verb
    /// (`als sie mich fragten`) is a group, not a person.
    fn pronoun(
        &self,
        sp: &Span,
        cue: Option<&str>,
        x: Parts<'_>,
        entities: &[Entity],
        out: &[StatementFact],
    ) -> Vec<usize> {
        self.pronoun_or_named_last(sp, cue, x, entities, out, true)
    }

    /// `pronoun`, where `named_last` says whether the person named last stands for it when
    /// no subject and no recent report does. A pronoun must stand for someone; an implicit
    /// speaker need not: the text may be what no one in particular reports.
    fn pronoun_or_named_last(
        &self,
        sp: &Span,
        cue: Option<&str>,
        x: Parts<'_>,
        entities: &[Entity],
        out: &[StatementFact],
        named_last: bool,
    ) -> Vec<usize> {
        let word = &self.doc.text[sp.clone()];
        if word.eq_ignore_ascii_case("sie") && plural_cue(cue) {
            return Vec::new();
        }
        // `er` is no woman and `sie` no man: a person whose given name or descriptor shows the
        // other gender is skipped (`Jan Berg traf Eva Roth. Sie sagte, …` is Eva Roth).
        // A possessive has its owner's gender too (`seiner Meinung nach`, `ihrer Ansicht
        // nach`).
        let gender = match word {
            "er" | "Er" | "sein" | "seine" | "seiner" | "seinem" | "seinen" | "seines"
            | "Seiner" | "Seine" | "Seinem" | "Seinen" => Some(Gender::Male),
            "sie" | "Sie" | "ihre" | "ihrer" | "ihrem" | "ihren" | "ihres" | "Ihrer" | "Ihre"
            | "Ihrem" | "Ihren" => Some(Gender::Female),
            _ => None,
        };
        let agrees = |e: usize| {
            gender.is_none_or(|g| {
                entities
                    .get(e)
                    .zip(self.genders.get(e))
                    .and_then(|(entity, known)| *known.get_or_init(|| entity_gender(entity)))
                    .is_none_or(|h| h == g)
            })
        };
        // An implicit speaker is found in its own paragraph, not in one before.
        let para_start = if named_last {
            0
        } else {
            self.paragraph_at(sp.start)
                .map_or(0, |k| self.doc.paragraphs[k].span.start)
        };
        let recent = x
            .statements
            .iter()
            .zip(out)
            .rev()
            .find(|(s, f)| {
                s.span.end <= sp.start
                    && sp.start - s.span.end < 300
                    && s.span.start >= para_start
                    && f.speakers.iter().any(|&e| {
                        entities
                            .get(e)
                            .is_some_and(|e| e.kind == EntityKind::Person)
                    })
            })
            .filter(|(_, f)| f.speakers.iter().any(|&e| agrees(e)));
        // The subject earlier in the pronoun's own sentence binds it (`Berg widersprach,
        // indem er sagte, …`).
        if !sp.is_empty()
            && let Some(own) = self.sentence_at(sp.start)
            && let Some((_, p)) = self.subject_in(own.start..sp.start)
            && agrees(p)
        {
            return vec![p];
        }
        // A person the sentence before introduces without a name (`Der behandelnde Arzt hat
        // sich geäußert. Er sagte: …`) is whom the pronoun stands for: no one named.
        if !sp.is_empty()
            && let Some(g) = gender
            && self.unnamed_subject_before(sp.start) == Some(g)
        {
            return Vec::new();
        }
        let since = recent.map_or(0, |(s, _)| s.span.end).max(para_start);
        let newer = self.latest_subject(sp.start, since, &agrees);
        match (newer, recent) {
            (Some((_, p)), _) => vec![p],
            (_, Some((_, f))) => f.speakers.clone(),
            _ if !named_last => Vec::new(),
            // A feminine `sie` that no woman named before can stand for is an institution
            // with a feminine name in the sentence before (`… hat die Gewerkschaft der Bahn
            // abgelehnt. Sie bezeichnet den Plan als Irrweg.`).
            _ => self
                .antecedent_agreeing(sp.start, agrees)
                .or_else(|| {
                    (gender == Some(Gender::Female) && !sp.is_empty())
                        .then(|| self.feminine_institution_before(sp.start))
                        .flatten()
                })
                .into_iter()
                .collect(),
        }
    }

    /// The one organisation the sentence before the one at `pos` names after the article
    /// `die` (`die Gewerkschaft der Bahn`, `Die Stiftung Nordhilfe`), whom a singular `sie`
    /// may stand for.
    fn feminine_institution_before(&self, pos: usize) -> Option<usize> {
        let before = self.previous_sentence(pos)?;
        let t = &self.doc.text;
        let mut found = self.x.all().enumerate().filter(|(_, m)| {
            m.kind == EntityKind::Organization
                && before.start <= m.span.start
                && m.span.end <= before.end
                && matches!(
                    t[before.start..m.span.start].split_whitespace().next_back(),
                    Some("die" | "Die")
                )
        });
        let (i, _) = found.next()?;
        found
            .all(|(j, _)| self.cluster_of[j] == self.cluster_of[i])
            .then_some(self.cluster_of[i])
    }

    /// Whether a statement is reported in the passive: its cue is a participle and the
    /// sentence around the content has a form of `werden` and none of `haben`.
    fn passive(&self, content: &Span, cue: Option<&str>) -> bool {
        let Some(cue) = cue.and_then(last_word) else {
            return false;
        };
        let participle = [
            "", "auf", "vor", "an", "ab", "zurück", "aus", "bei", "ein", "mit", "nach", "zu",
        ]
        .iter()
        .any(|p| {
            cue.strip_prefix(p)
                .is_some_and(|r| r.starts_with("ge") && r.len() > 4)
        }) || ["be", "ver", "er", "ent", "zer"]
            .iter()
            .any(|p| cue.starts_with(p) && (cue.ends_with('t') || cue.ends_with("en")))
            && !cue.ends_with("te");
        if !participle {
            return false;
        }
        let Some(sentence) = self.sentence_at(content.start) else {
            return false;
        };
        let t = &self.doc.text;
        let frame = [
            &t[sentence.start..content.start],
            &t[content.end.min(sentence.end)..sentence.end],
        ];
        // Both tests below need a form of `werden` in the frame (`wurden` starts with `wurde`):
        // most frames hold none, and a byte search rules them out before the participle is
        // searched for or a word is cut.
        let has_werden = frame.iter().any(|f| {
            let b = f.as_bytes();
            memchr::memchr_iter(b'w', b).any(|i| {
                ["wird", "wurde", "werden", "worden"]
                    .iter()
                    .any(|a| b[i..].starts_with(a.as_bytes()))
            })
        });
        if !has_werden {
            return false;
        }
        let words = || {
            frame
                .iter()
                .flat_map(|f| f.split(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty())
        };
        let werden = |w: &str| matches!(w, "wird" | "wurde" | "werden" | "wurden" | "worden");
        // A form of `werden` right after the participle is the passive whatever else the
        // sentence says (`Das hatte sich zugespitzt, bis der Verband aufgefordert wurde, …`).
        let right_after = frame.iter().any(|f| {
            f.match_indices(cue).any(|(i, _)| {
                f[i + cue.len()..]
                    .split(|c: char| !c.is_alphanumeric())
                    .find(|w| !w.is_empty())
                    .is_some_and(werden)
            })
        });
        right_after
            || words().any(werden)
                && !words().any(|w| matches!(w, "hat" | "haben" | "hatte" | "hatten" | "habe"))
    }

    /// The sentence around a byte position.
    fn sentence_at(&self, pos: usize) -> Option<Span> {
        let ss = &self.doc.sentences;
        let i = self.sentences_upto(pos).checked_sub(1)?;
        let span = ss[i].span.clone();
        (pos < span.end).then_some(span)
    }

    /// Whether the sentence of a statement gives its source only impersonally: `heißt es` (also
    /// `wie es auf der Konferenz hieß`), `ist zu hören` or a passive of supposing (`wird
    /// vermutet`), with no source named from the `es` to the end of that clause (`hieß es aus
    /// dem Ministerium` names one). German uses these forms for a source it does not name.
    fn impersonal_source(&self, content: &Span) -> bool {
        let Some(sentence) = self.sentence_at(content.start) else {
            return false;
        };
        if !impersonal_form_possible(&self.doc.text[sentence.clone()]) {
            return false;
        }
        let words = words_at(&self.doc.text, &sentence);
        let w = |k: usize| {
            words
                .get(k)
                .map_or("", |(_, w)| w.trim_matches(|c: char| !c.is_alphanumeric()))
        };
        // A comma or full stop after a word ends its clause.
        let ends_clause = |k: usize| words[k].1.ends_with([',', '.', ';', ':']);
        for k in 0..words.len() {
            let start = match w(k) {
                // `heißt es`, but not `das heißt, es …` (that is).
                "heißt" | "hieß" if !ends_clause(k) && w(k + 1) == "es" => {
                    (k > 0 && !matches!(w(k - 1), "das" | "Das")).then_some(k)
                }
                // `… es auf der Konferenz hieß`, `hatte es zunächst geheißen`: the `es` a few
                // words before, in the clause.
                "heißt" | "hieß" | "geheißen" => (k.saturating_sub(8)..k)
                    .rev()
                    .take_while(|&j| !ends_clause(j))
                    .find(|&j| matches!(w(j), "es" | "Es")),
                "ist" | "war"
                    if w(k + 1) == "zu" && matches!(w(k + 2), "hören" | "erfahren" | "lesen") =>
                {
                    Some(k)
                }
                "wird" | "wurde"
                    if matches!(
                        w(k + 1),
                        "vermutet" | "befürchtet" | "spekuliert" | "gemutmaßt"
                    ) =>
                {
                    Some(k)
                }
                _ => None,
            };
            let Some(start) = start else { continue };
            let end = (k..words.len())
                .find(|&j| ends_clause(j))
                .map_or(sentence.end, |j| words[j].0.end);
            let clause = words[start].0.start..end;
            let names_source = self.starting_in(&clause).iter().any(|&i| {
                let m = self.x.mention(i);
                speaker_rank(m.kind).is_some()
                    && clause.start <= m.span.start
                    && m.span.end <= clause.end
            });
            if !names_source {
                return true;
            }
        }
        false
    }

    /// The person a stretch of text has as its subject: the first person named in it outside
    /// quotations who heads a phrase, stands after no preposition and no personal pronoun
    /// (`Dabei traf er Berg` has `er` as its subject), and is not a genitive (`Bergs`).
    fn subject_in(&self, range: Span) -> Option<(usize, usize)> {
        self.subject_of_kind(range, |k| k == EntityKind::Person)
    }

    /// Like `subject_in`, for a subject of any of the given kinds; in the passive the agent
    /// after `von` is the one who acts (`Der Plan wurde von Minister Jan Berg als falsch
    /// bezeichnet.`).
    fn subject_of_kind(
        &self,
        range: Span,
        kinds: impl Fn(EntityKind) -> bool,
    ) -> Option<(usize, usize)> {
        // Either is a mention of one of the kinds that starts in the range: where none does (a
        // sentence that names no one), neither needs its words read.
        // The mentions found here are handed on, not looked for again.
        let starting = self.starting_in(&range);
        if !starting.iter().any(|&i| kinds(self.x.mention(i).kind)) {
            return None;
        }
        self.active_subject(range.clone(), starting, &kinds)
            .or_else(|| self.passive_agent(range, &kinds))
    }

    /// The first name after `von` (at most two title words between) that follows a form of
    /// `werden` in the range.
    fn passive_agent(
        &self,
        range: Span,
        kinds: &impl Fn(EntityKind) -> bool,
    ) -> Option<(usize, usize)> {
        let t = &self.doc.text;
        // Most ranges hold no form of `werden`: a byte search rules them out before the range
        // is cut into words (`wurden` starts with `wurde`).
        let bytes = &t.as_bytes()[range.clone()];
        let has_aux = memchr::memchr_iter(b'w', bytes).any(|i| {
            ["wird", "wurde", "werden", "worden"]
                .iter()
                .any(|a| bytes[i..].starts_with(a.as_bytes()))
        });
        if !has_aux {
            return None;
        }
        let words = words_at(t, &range);
        let aux = words
            .iter()
            .position(|(_, w)| matches!(*w, "wird" | "wurde" | "werden" | "wurden" | "worden"))?;
        let von = aux
            + words[aux..]
                .iter()
                .position(|(_, w)| *w == "von" || *w == "vom")?;
        let agent = words[von].0.end..words.get(von + 4).map_or(range.end, |(s, _)| s.start);
        // The first by start, ties in index order.
        self.starting_in(&agent)
            .iter()
            .map(|&i| (i, self.x.mention(i)))
            .find(|(_, m)| {
                kinds(m.kind)
                    && agent.start <= m.span.start
                    && m.span.start < agent.end
                    && self.heads_phrase(m)
            })
            .map(|(i, m)| (m.span.start, self.cluster_of[i]))
    }

    /// The first name in the range that stands where a subject stands: a name after a
    /// preposition (`Nach dem Treffen mit Berg sagte Roth`) or in the genitive before a name
    /// in apposition (`Die Anwältin Bergs, Eva Roth, sagte`) is passed over for the next one, and a personal pronoun before
    /// the name (`Dabei traf er Berg`) is the subject instead, so there is none. A descriptor
    /// with a name in apposition after it (`Der frühere Bürgermeister, Jan Berg, warnte`) is
    /// that name.
    /// `starting` is `starting_in(&range)`.
    fn active_subject(
        &self,
        range: Span,
        starting: &[usize],
        kinds: &impl Fn(EntityKind) -> bool,
    ) -> Option<(usize, usize)> {
        let t = &self.doc.text;
        // Taken in the order of their starts, as the scan below needs them, one by one: the
        // scan mostly ends at the first, and needs no list of all of them.
        let mut candidates = starting
            .iter()
            .map(|&i| (i, self.x.mention(i)))
            .filter(|(_, m)| {
                kinds(m.kind)
                    && range.start <= m.span.start
                    && m.span.end <= range.end
                    && self.heads_phrase(m)
                    && !self
                        .quoted
                        .iter()
                        .any(|q| q.start <= m.span.start && m.span.end <= q.end)
            })
            .peekable();
        // The first name inside a subordinate clause (`Nachdem Berg gewählt wurde,
        // korrigierte sich Hamm`), kept in case the main clause names no subject of its own.
        let mut subordinate: Option<(usize, usize)> = None;
        while let Some((i, m)) = candidates.next() {
            let before = &t[range.start..m.span.start];
            // A pronoun in a subordinate clause before the name is that clause's subject
            // (`Nachdem er gewählt wurde, dankte Berg`), unless the name stands in that
            // clause too (`Als er Berg traf,`).
            // The clauses are the text between commas, walked without collecting them.
            let clauses = || before.split(',');
            // The last clause starts after the last comma, found from the end by its byte; the
            // commas are counted only where a pronoun makes the clauses' number matter.
            let last_comma = memchr::memrchr(b',', before.as_bytes());
            let last_clause = last_comma.map_or(before, |k| &before[k + 1..]);
            let after_comma = last_comma.is_some();
            // Most stretches before a name hold no pronoun at all: a pass over their bytes
            // rules that out before any clause is read.
            let main_pronoun = may_hold_pronoun(before.as_bytes()) && {
                let last = before.bytes().filter(|&b| b == b',').count();
                clauses().enumerate().any(|(n, c)| {
                    holds_pronoun(c) && (n == last || !opens_subordinate_clause(c, n > 0))
                })
            };
            if main_pronoun {
                if opens_subordinate_clause(last_clause, after_comma) && holds_pronoun(last_clause)
                {
                    continue;
                }
                // A pronoun in the main clause may well stand for the name in the clause
                // before it (`Nachdem Berg gewählt wurde, dankte er Hamm`).
                return subordinate;
            }
            // Only the last word before the name counts, found from the end.
            let preposition = before
                .split(|c: char| !c.is_alphanumeric())
                .rfind(|w| !w.is_empty())
                .is_some_and(preposition);
            let surface = &t[m.span.clone()];
            let genitive = surface.ends_with('s') && !m.name.ends_with('s');
            // A genitive is passed over only for a name in apposition after it: `Bergs
            // Anwalt kritisierte Roth` has an unnamed subject, not Roth.
            let apposition_next = candidates
                .peek()
                .is_some_and(|(_, n)| appositive_after(t, m.span.end, n.span.start));
            if preposition || genitive && apposition_next {
                continue;
            }
            // Whether the name stands in a subordinate clause: the stretch since the last
            // comma, found above, opens like one.
            let sub = opens_subordinate_clause(last_clause, after_comma);
            if genitive && sub {
                continue;
            }
            if genitive {
                return None;
            }
            let found = if m.descriptor
                && let Some(&(j, n)) = candidates.peek()
                && n.kind == m.kind
                && !n.descriptor
                && appositive_after(t, m.span.end, n.span.start)
            {
                (n.span.start, self.cluster_of[j])
            } else {
                (m.span.start, self.cluster_of[i])
            };
            if sub {
                subordinate = subordinate.or(Some(found));
                continue;
            }
            return Some(found);
        }
        subordinate
    }

    /// The subject person of the latest sentence before the one at `pos` that has one and
    /// starts after `since` (a report's end): where it lies and who. Sentences without a person
    /// as subject (`Eine seiner Varianten ist …`) do not end the person's topic.
    fn latest_subject(
        &self,
        pos: usize,
        since: usize,
        agrees: &impl Fn(usize) -> bool,
    ) -> Option<(usize, usize)> {
        let ss = &self.doc.sentences;
        let i = self.sentences_upto(pos).checked_sub(1)?;
        ss[..i]
            .iter()
            .rev()
            .take_while(|s| s.span.end > since)
            .find_map(|s| self.subject_in(s.span.clone()))
            .filter(|&(at, p)| at >= since && agrees(p))
    }

    /// The gender of an unnamed person that the sentence before the one at `pos` opens with
    /// as its subject: an article, adjectives and a noun for a person (`Der behandelnde Arzt`,
    /// `Eine Anwohnerin`), maybe with a genitive after it (`Der Anwalt Bergs`), which no mention
    /// resolves and no name follows, right after it or in apposition (`Der Minister des
    /// Landes, Jan Berg,`).
    fn unnamed_subject_before(&self, pos: usize) -> Option<Gender> {
        let ss = &self.doc.sentences;
        let i = self.sentences_upto(pos).checked_sub(2)?;
        let sentence = ss[i].span.clone();
        // Only the words up to the noun are read, one by one.
        let mut words = words(&self.doc.text, &sentence);
        let (_, article) = words.next()?;
        let mut next = words.next();
        while next.as_ref().is_some_and(|(_, w)| is_adjective(w)) {
            next = words.next();
        }
        let (noun_span, noun) = &next?;
        let feminine = noun.ends_with("in") || noun.ends_with("frau") || *noun == "Frau";
        let gender = match article {
            "Der" | "Ein" => Gender::Male,
            "Die" | "Eine" if feminine => Gender::Female,
            _ => return None,
        };
        if !person_noun(noun) {
            return None;
        }
        // A mention on the noun (a descriptor for someone named) or a name right after it
        // (`Der Arzt Jan Berg`) names the person; a genitive after it is someone else.
        let t = &self.doc.text;
        let named = self.x.all().any(|m| {
            let genitive = t[m.span.clone()].ends_with('s') && !m.name.ends_with('s');
            m.kind == EntityKind::Person
                && (overlaps(&m.span, noun_span)
                    || m.span.start == noun_span.end + 1 && !genitive
                    || m.span.start > noun_span.end
                        && appositive_after(t, noun_span.end, m.span.start))
        });
        (!named).then_some(gender)
    }

    /// The subject person of the sentence before the one at `pos`: where it lies and who.
    fn previous_subject(&self, pos: usize) -> Option<(usize, usize)> {
        let ss = &self.doc.sentences;
        let i = self.sentences_upto(pos).checked_sub(2)?;
        self.subject_in(ss[i].span.clone())
    }

    /// The source a sentence between an earlier report (ending at `since`) and the statement at
    /// `pos` opens with, where that sentence is the one just before the statement's, belongs to
    /// no statement, and starts with a noun phrase that is no person, followed by a verb in
    /// the indicative: `Some(Some(e))` for an organisation or country it names (`Die
    /// Umweltbehörde Nordland kritisierte …`), `Some(None)` for an unnamed one (`Die
    /// Organisation verlangte …`).
    fn intervening_source(&self, pos: usize, since: usize) -> Option<Option<usize>> {
        let ss = &self.doc.sentences;
        let i = self.sentences_upto(pos).checked_sub(2)?;
        let sentence = ss[i].span.clone();
        if sentence.start < since
            || self
                .x
                .statements
                .iter()
                .any(|s| overlaps(&s.span, &sentence))
        {
            return None;
        }
        self.opening_source(sentence, None)
    }

    /// The source a stretch of text opens with: a noun phrase that is no person (an article,
    /// adjectives and capitalised words, or a name) followed by a verb in the indicative, a
    /// verb of saying unless `frame_of` is given. `frame_of` is the content of a statement
    /// inside the stretch, which must come after the verb: then any verb attributes it (`Die
    /// Staatsanwaltschaft hegt den Verdacht, Berg könnte …`). `Some(Some(e))` for an
    /// organisation or country the phrase names, `Some(None)` for an unnamed one.
    fn opening_source(&self, range: Span, frame_of: Option<&Span>) -> Option<Option<usize>> {
        let t = &self.doc.text;
        // The first word decides whether a noun phrase opens the stretch at all: the rest is
        // cut into words only where one does, which most sentences do not.
        let mut all = words(t, &range);
        let first = all.next()?;
        let named_first = !self.starting_in(&(first.0.start..first.0.start)).is_empty();
        // The noun phrase: an article, adjectives and capitalised words, or a name, or a
        // group of people without an article (`Kritiker des Plans verweisen auf …`).
        let mut k = 0;
        let bare_group = !named_first && group_noun(first.1);
        if !named_first && !bare_group {
            if !matches!(first.1, "Der" | "Die" | "Das") {
                return None;
            }
            k = 1;
        }
        let mut words = Vec::with_capacity(16);
        words.push(first);
        words.extend(all);
        let first = &words[0];
        // Adjectives stand before the noun, joined by `und` too (`Die örtlichen und
        // auswärtigen Helfer`); after a capitalised word a lower-case one ends the phrase,
        // but for a genitive that describes it (`Gegner des Plans`, `Die Anwohner der
        // Siedlung`).
        let mut noun = named_first;
        while k < words.len() {
            let w = words[k].1.trim_end_matches([',', '.']);
            let capital = w.starts_with(char::is_uppercase);
            let adjective = !noun
                && (is_adjective(w) || w == "und" && k > 0 && is_adjective(words[k - 1].1))
                && !speech_verb(w, &[]);
            let genitive = noun
                && matches!(w, "des" | "der")
                && words
                    .get(k + 1)
                    .is_some_and(|(_, n)| n.starts_with(char::is_uppercase) || is_adjective(n));
            let in_phrase = capital || adjective || genitive;
            if !in_phrase || words[k].1.ends_with(',') {
                break;
            }
            if genitive {
                noun = false;
            }
            noun |= capital;
            k += 1;
        }
        // A bare group names no one in particular only if nothing but its own words stand
        // before the verb: a capitalised word right after it may be an unknown name
        // (`Forscher Wendrak sagte`).
        if bare_group
            && words
                .get(1)
                .is_some_and(|(_, w)| w.starts_with(char::is_uppercase))
        {
            return None;
        }
        let (verb_span, verb) = words.get(k)?;
        let verb = verb.trim_end_matches([',', '.', ':']);
        let rest: Vec<&str> = words[k + 1..].iter().map(|(_, w)| *w).collect();
        let attributes = match frame_of {
            // A finite verb in the indicative: no preposition or joining word (`Die Reaktion
            // aus dem Land bestand …` has no verb after its noun), and no form ending in `-e`
            // but the past tense's `-te` (`Die Studie zeige …` is itself reported).
            Some(content) => {
                verb_span.end <= content.start
                    && verb.starts_with(char::is_lowercase)
                    && !is_article(verb)
                    && !preposition(verb)
                    && !matches!(
                        verb,
                        "zum"
                            | "zur"
                            | "im"
                            | "am"
                            | "beim"
                            | "vom"
                            | "ins"
                            | "und"
                            | "oder"
                            | "sowie"
                            | "in"
                            | "als"
                            | "wie"
                    )
                    && (!verb.ends_with('e')
                        || verb.ends_with("te") && !verb.contains(['ä', 'ö', 'ü']))
                    && !self
                        .starting_in(&(range.start..content.start))
                        .iter()
                        .any(|&i| {
                            let m = self.x.mention(i);
                            m.kind == EntityKind::Person
                                && range.start <= m.span.start
                                && m.span.end <= content.start
                        })
            }
            None => speech_verb(verb, &rest),
        };
        if k == 0 || !attributes || konjunktiv(verb) {
            return None;
        }
        let np = first.0.start..words[k - 1].0.end;
        let named = || {
            self.around(&np)
                .iter()
                .copied()
                .filter(|&i| overlaps(&self.x.mention(i).span, &np))
                .filter(|&i| self.heads_phrase(self.x.mention(i)))
        };
        if named().any(|i| self.x.mention(i).kind == EntityKind::Person) {
            return None;
        }
        // The first speaker in index order.
        Some(
            named()
                .filter(|&i| speaker_rank(self.x.mention(i).kind).is_some())
                .min()
                .map(|i| self.cluster_of[i]),
        )
    }

    /// The source that opens the frame of a statement's own sentence before its content
    /// (`Die Behörde verlangte eine Prüfung der „…“`), see `opening_source`.
    fn own_source(&self, content: &Span) -> Option<Option<usize>> {
        let sentence = self.sentence_at(content.start)?;
        (sentence.start < content.start)
            .then(|| self.opening_source(sentence.start..content.start, Some(content)))
            .flatten()
    }

    /// Whether the text has moved on from a report in an earlier paragraph by the time a
    /// continuation of it comes: the continuation's own paragraph opens with a sentence before
    /// it, told, not reported (no Konjunktiv), and that text names the report's speaker by no
    /// mention and no pronoun (`„…“, sagte Roth.` ¶ `Am Montag legte das Amt die Termine
    /// fest. Möglich seien …`). Then the continuation is what an unnamed source says.
    fn moved_on(
        &self,
        content: &Span,
        prev: Option<&crate::extract::Statement>,
        prev_fact: Option<&StatementFact>,
    ) -> bool {
        let (Some(prev), Some(fact)) = (prev, prev_fact) else {
            return false;
        };
        let Some(k) = self.paragraph_at(content.start) else {
            return false;
        };
        if self.paragraph_at(prev.span.start).is_none_or(|j| j >= k) || fact.speakers.is_empty() {
            return false;
        }
        let gap = self.doc.paragraphs[k].span.start..content.start;
        // A whole sentence must stand there: a line that only leads into the quotation
        // (`Garantien der Union: „…“`) goes on with the same speaker. Only the sentences that
        // start in the gap can, found from the index of the sentences' starts.
        let ss = &self.doc.sentences;
        let first = self
            .sentence_blocks
            .below(gap.start, ss.len(), |k| ss[k].span.start);
        let sentence = ss[first..]
            .iter()
            .take_while(|s| s.span.start <= gap.end)
            .any(|s| s.span.end <= gap.end);
        // The words are read one by one, and only where a sentence stands there; a word that
        // reports or a pronoun ends the reading.
        let told = sentence && {
            let mut n = 0;
            let reported = words(&self.doc.text, &gap).any(|(_, w)| {
                n += 1;
                let w = w.trim_end_matches([',', '.', ':', ';', '„', '“', '"']);
                konjunktiv(w) || PRONOUNS.contains(&w)
            });
            !reported && n >= 4
        };
        let named = self.around(&gap).iter().any(|&i| {
            overlaps(&self.x.mention(i).span, &gap) && fact.speakers.contains(&self.cluster_of[i])
        });
        told && !named
    }

    /// Whether the statement's own sentence introduces it with an unnamed person and a colon,
    /// and nothing else (`Ein Beamter der Polizei: „…“`).
    fn unnamed_label(&self, content: &Span) -> bool {
        let Some(sentence) = self.sentence_at(content.start) else {
            return false;
        };
        let frame = sentence.start..content.start;
        let t = &self.doc.text;
        t[frame.clone()]
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '„' | '"' | '»' | '«'))
            .ends_with(':')
            && unnamed_person_phrase(t, &frame)
            && words(t, &frame).nth(8).is_none()
            && !self
                .x
                .all()
                .any(|m| m.kind == EntityKind::Person && overlaps(&m.span, &frame))
    }

    /// The sentence before the one at `pos`.
    fn previous_sentence(&self, pos: usize) -> Option<Span> {
        let ss = &self.doc.sentences;
        let i = self.sentences_upto(pos).checked_sub(2)?;
        Some(ss[i].span.clone())
    }

    /// The subject of the sentence before the one at `pos` that can speak: a person, an
    /// organisation or a country.
    fn previous_speaker_subject(&self, pos: usize) -> Option<usize> {
        let ss = &self.doc.sentences;
        let i = self.sentences_upto(pos).checked_sub(2)?;
        self.subject_of_kind(ss[i].span.clone(), |k| speaker_rank(k).is_some())
            .map(|(_, e)| e)
    }

    /// The subject person of the attributing part of a statement's sentence: the sentence
    /// outside the statement's content.
    fn frame_subject(&self, content: &Span) -> Option<usize> {
        self.frame_subject_at(content).map(|(_, p)| p)
    }

    /// Like `frame_subject`, with where the subject stands.
    fn frame_subject_at(&self, content: &Span) -> Option<(usize, usize)> {
        let sentence = self.sentence_at(content.start)?;
        // Content may run past its first sentence (an answer of several sentences); then
        // nothing of that sentence follows it, and the range after it must not be cut.
        // After the content, the frame ends where the next report begins, its speaker phrase
        // included: a sentence the splitter did not end (`…, in diesem Jahr nur 50.
        // Innenminister Karl Moor gestand ein, …`, where `50.` reads as an ordinal) is not
        // this statement's frame. That end is looked for only where no subject stands before
        // the content, and the sentence goes on after it.
        let after = || {
            if content.end >= sentence.end {
                return None;
            }
            // Where no person is named after the content in its sentence, none is the subject
            // there, wherever the frame ends: the reports after it need not be read.
            if !self
                .starting_in(&(content.end..sentence.end))
                .iter()
                .any(|&i| self.x.mention(i).kind == EntityKind::Person)
            {
                return None;
            }
            let end = self
                .x
                .statements
                .iter()
                .filter(|s| s.span.start >= content.end)
                .flat_map(|s| {
                    let phrase = match &s.speaker {
                        SpeakerRef::Spans(v) => v.iter().map(|p| p.start).min(),
                        SpeakerRef::Pronoun(p) => Some(p.start),
                        _ => None,
                    };
                    std::iter::once(s.span.start).chain(phrase.filter(|&p| p >= content.end))
                })
                .fold(sentence.end, usize::min);
            (content.end < end)
                .then(|| self.subject_in(content.end..end))
                .flatten()
        };
        self.subject_in(sentence.start..content.start)
            .or_else(after)
    }

    /// A personal pronoun that is the subject of a statement's frame before its content: the
    /// sentence's first word (`Sie sicherte …`), or the word right after its finite verb
    /// (`Dabei sicherte sie …`).
    fn frame_pronoun(&self, content: &Span) -> Option<Span> {
        let sentence = self.sentence_at(content.start)?;
        if sentence.start >= content.start {
            return None;
        }
        self.opening_pronoun(sentence.start..content.start)
            .or_else(|| self.fronted_pronoun(sentence.start..content.start))
    }

    /// A personal pronoun right after the finite verb of a main clause that a longer phrase
    /// opens (`Seit dem Sommer vertritt er die These, …`, `Nach zwei Jahren begründet er …`):
    /// German puts one constituent before the verb, so the pronoun after it is the subject.
    /// The stretch must hold no comma or colon before the pronoun (a clause boundary) and
    /// must not open with a subordinating conjunction, whose verb comes last (`Als sie …`);
    /// `seit` and `während` open a phrase too (`Seit Jahren …`).
    fn fronted_pronoun(&self, range: Span) -> Option<Span> {
        // No more than the first nine words are read.
        let words: Vec<(Span, &str)> = words(&self.doc.text, &range).take(9).collect();
        let first = words.first()?.1;
        if !first.starts_with(char::is_uppercase)
            || crate::lexicon::with_lowercase(first, |l| {
                (subordinator(l) && !preposition(l) && l != "während")
                    || relative(l)
                    || PRONOUNS.contains(&l)
            })
        {
            return None;
        }
        for k in 2..words.len().min(9) {
            let prev = words[k - 1].1;
            if words[..k].iter().any(|(_, w)| w.ends_with([',', ':', ';'])) {
                return None;
            }
            let (sp, w) = &words[k];
            let w = w.trim_end_matches([',', ':', ';']);
            let verb = prev.starts_with(char::is_lowercase)
                && !is_article(prev)
                && !is_adjective(prev)
                && !preposition(prev)
                && !subordinator(prev)
                && !matches!(
                    prev,
                    "und"
                        | "oder"
                        | "aber"
                        | "sowie"
                        | "zum"
                        | "zur"
                        | "im"
                        | "am"
                        | "vom"
                        | "beim"
                );
            if verb && w.starts_with(char::is_lowercase) && PRONOUNS.contains(&w) {
                return Some(sp.start..sp.start + w.len());
            }
        }
        None
    }

    /// A personal pronoun that is the subject of a stretch of text: its first word followed by
    /// a lower-case verb (`Sie sicherte …`), or the word right after its finite verb (`Dabei
    /// sicherte sie …`).
    fn opening_pronoun(&self, range: Span) -> Option<Span> {
        // No more than the first three words are read.
        let words: Vec<(Span, &str)> = words(&self.doc.text, &range).take(3).collect();
        let is_pronoun = |k: usize| {
            words
                .get(k)
                .map(|(sp, w)| (sp.start, w.trim_end_matches([',', ':'])))
                .filter(|(_, w)| PRONOUNS.contains(w))
                .map(|(at, w)| at..at + w.len())
        };
        match is_pronoun(0) {
            Some(p)
                if words
                    .get(1)
                    .is_some_and(|(_, w)| w.starts_with(char::is_lowercase)) =>
            {
                Some(p)
            }
            Some(_) => None,
            None if words.get(1).is_some_and(|(_, w)| {
                // The second word is the finite verb: no article, preposition or
                // conjunction that opens a clause (`Erst nachdem er …` is no frame).
                w.starts_with(char::is_lowercase)
                    && !is_article(w)
                    && !preposition(w)
                    && !subordinator(w)
            }) && words
                .first()
                .is_some_and(|(_, w)| w.starts_with(char::is_uppercase)) =>
            {
                is_pronoun(2).filter(|p| self.doc.text[p.clone()].starts_with(char::is_lowercase))
            }
            None => None,
        }
    }

    /// Whether a phrase before a statement's content stands in a conditional clause that
    /// opens the sentence (`Wenn`, `Falls` right before it), the content being the main clause.
    fn conditional_clause(&self, phrase: &Span, content: &Span) -> bool {
        phrase.end <= content.start
            && self.sentence_at(phrase.start).is_some_and(|s| {
                matches!(
                    self.doc.text[s.start..phrase.start].trim(),
                    "Wenn" | "Falls" | "Sofern"
                )
            })
    }

    /// The subject right after the finite verb that opens the last clause of a stretch
    /// between a speaker phrase and the words (`… bezeichnete Jan Berg als …`, `…, lehnt er
    /// ab:`, `… gab die Zeitung an,`): a personal pronoun (`Ok`) or a person or organisation
    /// named there, perhaps after an article (`Err`).
    fn subject_after_verb(&self, gap: &Span) -> Option<Result<Span, usize>> {
        let t = &self.doc.text;
        let clause = match t[gap.clone()].rfind(',') {
            // The comma that closes the gap before the words opens no clause.
            Some(c) if t[gap.start + c + 1..gap.end].trim().is_empty() => {
                match t[gap.start..gap.start + c].rfind(',') {
                    Some(d) => gap.start + d + 1..gap.end,
                    None => gap.clone(),
                }
            }
            Some(c) => gap.start + c + 1..gap.end,
            None => gap.clone(),
        };
        // No more than the first five words are read.
        let words: Vec<(Span, &str)> = words(t, &clause).take(5).collect();
        let (_, verb) = words.first()?;
        if !verb.starts_with(char::is_lowercase)
            || is_article(verb)
            || preposition(verb)
            || subordinator(verb)
            || relative(verb)
            || matches!(*verb, "und" | "oder" | "aber" | "sowie" | "zu" | "so")
        {
            return None;
        }
        let (at, next) = words.get(1)?;
        let w = next.trim_end_matches([',', ':', ';']);
        if PRONOUNS.contains(&w) && w.starts_with(char::is_lowercase) {
            return Some(Ok(at.start..at.start + w.len()));
        }
        // An article and up to two adjectives may stand before the name.
        let mut k = 1;
        if is_article(w) {
            k += 1;
            while words.get(k).is_some_and(|(_, a)| is_adjective(a)) && k < 4 {
                k += 1;
            }
        }
        let (at, _) = words.get(k)?;
        // The first in index order of those that start there.
        self.starting_in(&(at.start..at.start))
            .iter()
            .find(|&&i| {
                let m = self.x.mention(i);
                matches!(m.kind, EntityKind::Person | EntityKind::Organization) && !m.descriptor
            })
            .map(|&i| Err(self.cluster_of[i]))
    }

    /// The place a speaker phrase consists of, nothing but its name (`Moskau`, not `die
    /// Polizei in Moskau` or `aus Moskau`).
    fn place_as_speaker(&self, phrase: &Span) -> Option<usize> {
        let t = &self.doc.text;
        let raw = &t[phrase.clone()];
        let lead = raw.len() - raw.trim_start().len();
        let name = raw.trim().trim_end_matches([',', '.', ':']);
        let at = phrase.start + lead..phrase.start + lead + name.len();
        // The first in index order of those that start there.
        self.starting_in(&(at.start..at.start))
            .iter()
            .find(|&&i| {
                let m = self.x.mention(i);
                m.kind == EntityKind::Location && m.span == at
            })
            .map(|&i| self.cluster_of[i])
    }

    /// The subject of the sentence before a quotation that is a sentence of its own, where
    /// that sentence holds no statement: `Ok` with a personal pronoun to resolve, `Err` with a
    /// named person, organisation or country (`Die Partei will die Steuer senken. „Wir …“`).
    fn subject_before_quotation(&self, content: &Span) -> Option<Result<Span, usize>> {
        let sentence = self.sentence_at(content.start)?;
        let lead = &self.doc.text[sentence.start.min(content.start)..content.start];
        if !lead
            .chars()
            .all(|c| c.is_whitespace() || QUOTE_OPENERS.contains(&c))
        {
            return None;
        }
        let before = self.previous_sentence(content.start)?;
        if self.x.statements.iter().any(|s| overlaps(&s.span, &before)) {
            return None;
        }
        match self.opening_pronoun(before.clone()) {
            Some(p) => Some(Ok(p)),
            None => self
                .subject_of_kind(before, |k| speaker_rank(k).is_some())
                .map(|(_, p)| Err(p)),
        }
    }

    /// The person a statement's own text opens with as the subject of its attribution, where
    /// the text starts with it (`Eva Roth selbst schrieb in einer Erklärung, sie wolle gehen`):
    /// a person at the head of the first words, whose clause up to the next comma or colon
    /// says something in the indicative (a Konjunktiv there, `Roth habe gelogen, …`, is
    /// reported, not the reporter's frame).
    fn opening_attribution(&self, content: &Span) -> Option<usize> {
        let t = &self.doc.text;
        // The first by start, ties in index order.
        let (i, m) = self
            .starting_in(content)
            .iter()
            .map(|&i| (i, self.x.mention(i)))
            .find(|(_, m)| {
                m.kind == EntityKind::Person
                    && content.start <= m.span.start
                    && m.span.end <= content.end
                    && self.heads_phrase(m)
            })?;
        // The name opens the text, after no more than an article, adjectives and titles
        // (`Der frühere Minister Jan Berg hatte …`), or stands in apposition after its
        // description (`Der Experte des Verbands, Jan Berg, wandte sich …`).
        let before = &t[content.start..m.span.start];
        let opens = before
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .all(|w| is_article(w) || is_adjective(w) && !konjunktiv(w) || is_title(w));
        let apposition = before.trim_end().ends_with(',')
            && before.split_whitespace().count() <= 14
            && !before.contains(['„', '"', '»', ':', ';'])
            && t[m.span.end..].starts_with(',');
        if !(opens || apposition) || t[m.span.clone()].ends_with('s') && !m.name.ends_with('s') {
            return None;
        }
        // The clause after the name and any apposition: up to the next comma or colon, which
        // must come before the content ends.
        let mut rest = t[m.span.end..content.end].trim_start_matches([',', ' ']);
        // A relative clause about the name (`Berg, der dem Rat angehört, …`) is skipped.
        if rest
            .split_whitespace()
            .next()
            .is_some_and(|w| matches!(w, "der" | "die" | "dessen" | "deren" | "welcher" | "welche"))
        {
            rest = rest[rest.find(',')? + 1..].trim_start();
        }
        let stop = rest.find([',', ':'])?;
        let clause: Vec<&str> = rest[..stop]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let verb = clause.iter().any(|w| w.starts_with(char::is_lowercase));
        (verb && !clause.iter().any(|w| konjunktiv(w))).then_some(self.cluster_of[i])
    }

    /// Whether a phrase follows the finite verb of its sentence, and the words before that
    /// verb are an unnamed subject: a person by role after an indefinite article (`Ein
    /// Augenzeuge`, `Ein Sprecher des Amtes`) or a group of people (`Kritiker`, `Viele
    /// Anwohner`), with no person named among them.
    fn after_unnamed_subject(&self, sp: &Span) -> bool {
        let t = &self.doc.text;
        let Some(sentence) = self.sentence_at(sp.start) else {
            return false;
        };
        // The verb is the last word before the phrase, and the words before it the subject:
        // the verb is found from the end, and the words are cut only where it is one.
        let stretch = t[sentence.start..sp.start].trim_end();
        let verb_from = stretch.rfind(char::is_whitespace).map_or(0, |i| {
            i + stretch[i..].chars().next().map_or(1, char::len_utf8)
        });
        let (lead, verb) = stretch.split_at(verb_from);
        if verb.is_empty()
            || lead.trim_start().is_empty()
            || !verb.starts_with(char::is_lowercase)
            || is_article(verb)
            || preposition(verb)
            || subordinator(verb)
            // The ASCII marks are looked for by a byte search, not character by character.
            || memchr::memchr3(b',', b':', b'"', lead.as_bytes()).is_some()
            || lead.contains('„')
        {
            return false;
        }
        let subject = sentence.start..sentence.start + verb_from;
        if self.around(&subject).iter().any(|&i| {
            let m = self.x.mention(i);
            m.kind == EntityKind::Person && !m.descriptor && overlaps(&m.span, &subject)
        }) {
            return false;
        }
        let group = words(t, &subject)
            .map(|(_, w)| w)
            .find(|w| !matches!(*w, "Die" | "Viele" | "Einige" | "Mehrere" | "Zahlreiche"))
            .is_some_and(group_noun);
        group || unnamed_person_phrase(t, &subject)
    }

    /// The entity of the first mention (in index order) of the given kinds that overlaps a
    /// span.
    fn first_named_in(&self, span: &Span, kinds: impl Fn(EntityKind) -> bool) -> Option<usize> {
        self.around(span)
            .iter()
            .copied()
            .filter(|&i| {
                let m = self.x.mention(i);
                kinds(m.kind) && overlaps(span, &m.span)
            })
            .min()
            .map(|i| self.cluster_of[i])
    }
}

/// Whether a noun names a person by role or relation (`Arzt`, `Anwältin`, `Sprecher`): a
/// title the lexicon knows, or one of the common endings of such nouns.
fn person_noun(w: &str) -> bool {
    if !w.starts_with(char::is_uppercase) {
        return false;
    }
    let common = crate::lexicon::with_lowercase(w, |lower| {
        let base = lower.strip_suffix("in").unwrap_or(lower);
        PERSON_NOUN_ENDINGS.iter().any(|e| base.ends_with(e))
            || lower.ends_with("zeugin")
            || matches!(lower, "mann" | "frau")
    });
    // The endings are tested first: `is_title` looks up the word's tails.
    common || is_title(w)
}

/// Whether a word names a group of people in the plural that a sentence can open with,
/// without an article, as its subject (`Kritiker`, `Umweltschützer`, `Experten`): the plural
/// nouns of `GROUP_NOUNS`, alone or as the head of a compound.
fn group_noun(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
        && crate::lexicon::with_lowercase(w, |l| GROUP_NOUNS.iter().any(|g| l.ends_with(g)))
}

/// Plural nouns for groups of people who are no one in particular.
const GROUP_NOUNS: &[&str] = &[
    "experten",
    "kritiker",
    "gegner",
    "befürworter",
    "beobachter",
    "behörden",
    "ermittler",
    "zeugen",
    "anwohner",
    "bewohner",
    "demonstranten",
    "ärzte",
    "forscher",
    "wissenschaftler",
    "analysten",
    "diplomaten",
    "anhänger",
    "aktivisten",
    "politiker",
    "abgeordnete",
    "mitarbeiter",
    "soldaten",
    "helfer",
    "polizisten",
    "schützer",
    "ökonomen",
    "juristen",
    "kreise",
    "stimmen",
    "quellen",
];

/// Adverbs that open a sentence or a frame (`Aktuell lässt sie erklären`, `Dabei sagte er`):
/// never a name, so neither a speaker phrase's head nor part of one. Shared by
/// `sentence_word` and `adverb`, which each add words of their own.
const OPENING_ADVERBS: &[&str] = &[
    "Aktuell",
    "Derzeit",
    "Zudem",
    "Außerdem",
    "Auch",
    "Dabei",
    "Damit",
    "Daher",
    "Deshalb",
    "Jedoch",
    "Allerdings",
    "Inzwischen",
    "Mittlerweile",
    "Zuletzt",
    "Später",
    "Bereits",
    "Schon",
    "Nun",
    "Jetzt",
    "Heute",
    "Gestern",
    "Dort",
    "Hier",
    "Offenbar",
    "Dagegen",
    "Hingegen",
    "Danach",
    "Vielmehr",
    "Trotzdem",
    "Dennoch",
    "Weiterhin",
    "Ebenfalls",
    "Bisher",
    "Zunächst",
    "Ferner",
];

/// For each capital ASCII letter, the lengths of the `OPENING_ADVERBS` that start with it, as
/// bits: a word of another first letter or length is none of them, told without reading the
/// list (every entry starts with a capital ASCII letter and is shorter than 16 bytes, or the
/// table does not build).
const OPENING_ADVERB_LENGTHS: [u16; 26] = {
    let mut table = [0u16; 26];
    let mut k = 0;
    while k < OPENING_ADVERBS.len() {
        let w = OPENING_ADVERBS[k].as_bytes();
        assert!(w[0].is_ascii_uppercase() && w.len() < 16);
        table[(w[0] - b'A') as usize] |= 1 << w.len();
        k += 1;
    }
    table
};

/// Whether a word is one of `OPENING_ADVERBS`: most words asked about (speaker phrases) are
/// turned away by their first letter and length before the list is read.
fn opening_adverb(w: &str) -> bool {
    let b = w.as_bytes();
    b.first().is_some_and(|&c| {
        c.is_ascii_uppercase()
            && b.len() < 16
            && (OPENING_ADVERB_LENGTHS[usize::from(c - b'A')] >> b.len()) & 1 != 0
    }) && OPENING_ADVERBS.contains(&w)
}

/// Whether a capitalised word is a pronoun or an adverb that opens sentences, no name
/// (`Ihnen zufolge`, `Insbesondere die Stadt`, `Aktuell lässt sie erklären`).
fn sentence_word(w: &str) -> bool {
    opening_adverb(w)
        || matches!(
            w,
            "Ihnen"
                | "Ihm"
                | "Ihr"
                | "Ihre"
                | "Ihren"
                | "Ihrer"
                | "Sein"
                | "Seine"
                | "Seinen"
                | "Seiner"
                | "Dies"
                | "Diese"
                | "Dieses"
                | "Diesen"
                | "Jene"
                | "Man"
                | "Wir"
                | "Ich"
                | "Uns"
                | "Insbesondere"
                | "Demnach"
                | "Angeblich"
                | "Laut"
                | "Zufolge"
                | "Darauf"
                | "Davon"
                | "Ebenso"
        )
}

/// Endings of common nouns for people (masculine forms; `-in` comes off the feminine).
const PERSON_NOUN_ENDINGS: &[&str] = &[
    "arzt",
    "ärzt",
    "sprecher",
    "anwalt",
    "anwält",
    "zeuge",
    "experte",
    "expert",
    "polizist",
    "beamte",
    "beamter",
    "richter",
    "mitarbeiter",
    "vertreter",
    "fahrer",
    "pilot",
    "nachbar",
    "leiter",
    "direktor",
    "trainer",
    "forscher",
    "wissenschaftler",
    "professor",
    "soldat",
    "ermittler",
    "sohn",
    "vater",
    "bruder",
    "augenzeuge",
    "besitzer",
    "eigentümer",
    "bewohner",
    "anwohner",
    "passant",
];

// The word lists below are matches, not slices searched: a match goes by the word's length
// to the few words of that length, where a slice compares every word in turn.

/// Whether a word is a conjunction that opens a subordinate clause: a pronoun after it is that
/// clause's subject.
fn subordinator(w: &str) -> bool {
    matches!(
        w,
        "nachdem"
            | "als"
            | "wenn"
            | "weil"
            | "da"
            | "ob"
            | "dass"
            | "während"
            | "bevor"
            | "obwohl"
            | "sobald"
            | "seit"
            | "seitdem"
            | "wie"
            | "wo"
            | "falls"
            | "indem"
            | "damit"
            | "sodass"
            | "bis"
            | "ehe"
    )
}

/// Whether a word is a relative pronoun that opens a clause after a comma (`Der Anwalt, den
/// Berg beauftragt hatte,`).
fn relative(w: &str) -> bool {
    matches!(
        w,
        "der"
            | "die"
            | "das"
            | "den"
            | "dem"
            | "deren"
            | "dessen"
            | "denen"
            | "welcher"
            | "welche"
            | "welches"
            | "welchen"
            | "welchem"
    )
}

/// Whether a stretch of text holds a personal pronoun that can be a subject (`er`, `sie`,
/// `ich`, `wir`, `man`, also capitalised) as a word of its own: the stretch cut at every
/// character that is not alphanumeric. ASCII, most of the text, is classed byte by byte
/// without decoding a character.
fn holds_pronoun(c: &str) -> bool {
    let bytes = c.as_bytes();
    // The start of the current word, and where the next character starts.
    let (mut start, mut i) = (0, 0);
    loop {
        // ASCII letters and digits, the bulk of a word, are passed over without a closer look,
        // classed by a table.
        while bytes
            .get(i)
            .is_some_and(|&b| crate::text::ASCII_ALNUM[usize::from(b)])
        {
            i += 1;
        }
        let len = match bytes.get(i) {
            None => 0,
            Some(b) if b.is_ascii() => 1,
            Some(_) => {
                let ch = c[i..]
                    .chars()
                    .next()
                    .expect("index is a character boundary");
                if ch.is_alphanumeric() {
                    i += ch.len_utf8();
                    continue;
                }
                ch.len_utf8()
            }
        };
        // A word ends at `i`.
        if matches!(
            &c[start..i],
            "er" | "sie" | "Er" | "Sie" | "ich" | "Ich" | "wir" | "Wir" | "man" | "Man"
        ) {
            return true;
        }
        if i == bytes.len() {
            return false;
        }
        i += len;
        start = i;
    }
}

/// Whether a stretch of text between commas (the first one of a sentence unless
/// `after_comma`) opens like a subordinate clause: with a subordinating conjunction
/// (`Nachdem`, `weil`, `obwohl`) or, after a comma, with a relative pronoun, perhaps after a
/// preposition (`, mit dem`). The finite verb of such a clause comes at its end, so a name in
/// it is not the subject of the main clause that follows the comma closing it.
fn opens_subordinate_clause(clause: &str, after_comma: bool) -> bool {
    use crate::lexicon::with_lowercase;
    // The first two words are lower-cased on the stack, the second only where it is asked
    // about: a `String` for each cost more than the look-ups.
    let mut words = clause
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return false;
    };
    with_lowercase(first, |first| {
        subordinator(first)
            || after_comma
                && (relative(first)
                    || preposition(first)
                        && words.next().is_some_and(|w| with_lowercase(w, relative)))
    })
}

/// Whether a word is a preposition after which a name is no subject.
fn preposition(w: &str) -> bool {
    matches!(
        w,
        "mit"
            | "von"
            | "an"
            | "für"
            | "gegen"
            | "über"
            | "zu"
            | "bei"
            | "nach"
            | "vor"
            | "unter"
            | "laut"
            | "auf"
            | "aus"
            | "um"
            | "ohne"
            | "durch"
            | "seit"
    )
}

/// Whether the text between a descriptor ending at `from` and a name starting at `to` makes
/// the name its apposition (`der frühere Bürgermeister und Justizsenator, Jan Berg`): only
/// capitalised words, articles, adjectives and a few joining words, and a comma right before
/// the name.
fn appositive_after(text: &str, from: usize, to: usize) -> bool {
    let Some(gap) = text.get(from..to) else {
        return false;
    };
    gap.trim_end().ends_with(',')
        && gap.len() <= 100
        && gap
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .all(|w| {
                w.starts_with(char::is_uppercase)
                    || is_article(w)
                    || is_adjective(w)
                    || matches!(
                        w,
                        "und" | "von" | "vom" | "für" | "im" | "in" | "der" | "des"
                    )
            })
}

/// Whether a noun names what a source said (`Angaben`, `Polizeiangaben`, `Worten`, `Sicht`).
fn source_noun(w: &str) -> bool {
    crate::lexicon::with_lowercase(w, |l| {
        [
            "angaben",
            "aussage",
            "aussagen",
            "worten",
            "meinung",
            "ansicht",
            "sicht",
            "einschätzung",
            "bericht",
            "berichten",
            "informationen",
            "darstellung",
            "auffassung",
            "erklärung",
            "mitteilung",
            "worte",
            "zitat",
            "berichte",
            "meldung",
            "meldungen",
            "analyse",
            "studie",
            "umfrage",
            "recherchen",
        ]
        .iter()
        .any(|n| l.ends_with(n))
    })
}

/// Whether a speaker phrase opens with an indefinite article or a possessive, maybe
/// adjectives, and a noun for a person by role (`Ein Sprecher von Tesla`, `eine hochrangige
/// Vertreterin der Stadt`, `Ein Polizeisprecher`, `sein Anwalt`): someone the text does not
/// name.
fn unnamed_person_phrase(text: &str, sp: &Span) -> bool {
    // Only the words up to the noun are read, one by one.
    let mut words = words(text, sp).map(|(_, w)| w).peekable();
    // A phrase cut after an auxiliary (`hat eine Sprecherin des Gerichts mitgeteilt`) opens
    // with the article after it.
    if words.peek().is_some_and(|w| auxiliary(w)) {
        words.next();
    }
    let Some(first) = words.next() else {
        return false;
    };
    // A possessive names someone beside the possessor, not the possessor (`sein Anwalt`,
    // `Ihre Mandantin`).
    if !possessive(first)
        && !matches!(
            first,
            "ein" | "eine" | "einer" | "einem" | "Ein" | "Eine" | "Einer" | "Einem"
        )
    {
        return false;
    }
    words
        .map(|w| w.trim_end_matches([',', '.', ':']))
        .find(|w| !is_adjective(w))
        .is_some_and(|w| {
            person_noun(w)
                || crate::lexicon::with_lowercase(w, |l| {
                    let l = l.strip_suffix("in").unwrap_or(l);
                    [
                        "reporter",
                        "korrespondent",
                        "offizier",
                        "funktionär",
                        "angestellte",
                    ]
                    .iter()
                    .any(|e| l.ends_with(e))
                })
        })
}

/// Whether a descriptor follows an indefinite article or a possessive (`ein Sprecher`, `eine
/// Vertreterin der Stadt`, `sein Anwalt`): it introduces someone the text does not name, not
/// a person named before.
#[cfg(test)]
fn indefinite_descriptor(t: &str, m: &Mention) -> bool {
    m.descriptor && indefinite_article(descriptor_article(t, m))
}

/// Whether the word before a descriptor (`descriptor_article`) is an indefinite article or a
/// possessive.
fn indefinite_article(article: Option<&str>) -> bool {
    article.is_some_and(|w| {
        matches!(
            w,
            "ein" | "eine" | "einer" | "eines" | "einem" | "einen" | "Ein" | "Eine"
        ) || possessive(w)
    })
}

/// The word that opens a descriptor's phrase: the first of the three words before it that
/// is no adjective, or is an article.
fn descriptor_article<'t>(t: &'t str, m: &Mention) -> Option<&'t str> {
    t[..m.span.start]
        .split_whitespace()
        .rev()
        .take(3)
        .find(|w| !is_adjective(w) || is_article(w))
}

/// Whether a descriptor stands for no one named: it is indefinite (`indefinite_descriptor`)
/// or in the plural (`plural_article`). Both read the same word before it, found once.
fn unnamed_descriptor(t: &str, m: &Mention) -> bool {
    if !m.descriptor {
        return false;
    }
    let article = descriptor_article(t, m);
    indefinite_article(article) || plural_article(t, m, article)
}

/// A speaker phrase that runs over a heading glued to the sentence after it without a stop
/// (`Vorschlag an den Bundestag Der Bundesrat schlug vor, …`, `Das Engagement des Landes
/// Bereits im Mai hatte …`) starts where the sentence does: at a capitalised article or
/// sentence adverb right after a noun. `None` where no phrase runs over one.
fn glued_heading(t: &str, speaker: &SpeakerRef) -> Option<SpeakerRef> {
    let SpeakerRef::Spans(spans) = speaker else {
        return None;
    };
    // Where the sentence starts in a phrase: the last opening word after a noun. The words are
    // read one by one, and the noun is looked at only before an opening word.
    let start = |sp: &Span| {
        let mut found = None;
        let mut prev: Option<&str> = None;
        for (at, w) in words(t, sp) {
            let opens = matches!(
                w,
                "Der"
                    | "Die"
                    | "Das"
                    | "Bereits"
                    | "Zudem"
                    | "Außerdem"
                    | "Jedoch"
                    | "Allerdings"
                    | "Inzwischen"
                    | "Mittlerweile"
                    | "Daraufhin"
                    | "Dabei"
                    | "Deshalb"
                    | "Dennoch"
                    | "Zunächst"
            );
            let noun = |prev: &str| {
                prev.starts_with(char::is_uppercase)
                    && prev.chars().all(char::is_alphanumeric)
                    && !is_article(prev)
                    && !crate::lexicon::with_lowercase(prev, |l| {
                        MEDIA_KINDS
                            .iter()
                            .chain(&["blatt", "portal", "fraktion", "partei"])
                            .any(|k| l.ends_with(k))
                    })
            };
            if opens && prev.is_some_and(noun) {
                found = Some(at.start);
            }
            prev = Some(w);
        }
        found
    };
    // Most phrases run over no heading: the spans are copied only where one does.
    let first = spans.iter().position(|sp| start(sp).is_some())?;
    let cut = spans
        .iter()
        .enumerate()
        .map(|(i, sp)| match (i >= first).then(|| start(sp)).flatten() {
            Some(at) => at..sp.end,
            None => sp.clone(),
        })
        .collect();
    Some(SpeakerRef::Spans(cut))
}

/// Whether a word is a finite form of `haben`, `sein` or `werden`.
fn auxiliary(w: &str) -> bool {
    matches!(
        w,
        "hat"
            | "hatte"
            | "haben"
            | "hatten"
            | "ist"
            | "war"
            | "sind"
            | "waren"
            | "wird"
            | "wurde"
            | "werden"
            | "wurden"
    )
}

/// Whether a name is the addressee after `gegenüber` (`gegenüber der Zeitung „Morgenpost“`),
/// with no more than an article, adjectives and a noun between them.
fn addressed(t: &str, m: &Mention) -> bool {
    let before = t[..m.span.start].trim_end_matches(['„', '"', '»', ' ']);
    before
        .split_whitespace()
        .rev()
        .take(4)
        .take_while(|w| {
            *w == "gegenüber"
                || is_article(w)
                || is_adjective(w)
                || w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphanumeric)
        })
        .any(|w| w == "gegenüber")
}

/// Whether a word is a possessive of the third person (`sein`, `Ihre`, `seinem`).
fn possessive(w: &str) -> bool {
    crate::lexicon::with_lowercase(w, |l| {
        ["sein", "ihr"].iter().any(|p| {
            l.strip_prefix(p)
                .is_some_and(|e| ["", "e", "em", "en", "er", "es"].contains(&e))
        })
    })
}

/// Whether a descriptor stands in the plural, for several people and so for no one named:
/// `die` before a role noun that has no feminine form (`Die Außenminister Frankreichs und
/// Italiens erklärten`; but `die Ministerin`, `die Vorsitzende`).
/// `article` is the word before the descriptor (`descriptor_article`). The noun is read only
/// after `die`, which most descriptors lack.
fn plural_article(t: &str, m: &Mention, article: Option<&str>) -> bool {
    if !matches!(article, Some("die" | "Die")) {
        return false;
    }
    let noun = t[m.span.clone()].rsplit(['-', ' ']).next().unwrap_or("");
    !["in", "e", "frau", "person"]
        .iter()
        .any(|e| noun.ends_with(e))
}

/// Whether a mention can head a speaker phrase: not an adjective (`niederländische`) and not
/// the first part of a compound (`NATO-Generalsekretär`), whose head is the last part.
fn heads_phrase(t: &str, m: &Mention) -> bool {
    // Organisations write some names in lower case (`die taz`, `laut dpa`), and so do people
    // whose surname has an article or particle (`sagte al-Thani`, `so de Vries`); a
    // lower-case country or place is an adjective.
    // The kind is asked before the first letter is decoded, and the hyphen is looked for by
    // its byte: most mentions are no compound's first part.
    let named_person = m.kind == EntityKind::Person && !m.descriptor;
    let lower = m.kind != EntityKind::Organization
        && !named_person
        && t[m.span.clone()].starts_with(char::is_lowercase);
    let compound = t.as_bytes().get(m.span.end) == Some(&b'-')
        && t[m.span.end + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphabetic);
    !lower && !compound
}

/// The gender a person's name or descriptors show: the first of its given names that has a
/// clear one (`Eva Roth`), else a feminine role among its aliases (`Ministerin`, `Kanzlerin`).
fn entity_gender(e: &Entity) -> Option<Gender> {
    if e.kind != EntityKind::Person {
        return None;
    }
    // Every word but the last, read from the front without a `Vec`.
    let mut words = e.name.split_whitespace().peekable();
    while let Some(w) = words.next() {
        if words.peek().is_none() {
            break;
        }
        if let Some(g) = given_name_gender(w) {
            return Some(g);
        }
    }
    // Both tests read an alias's last word.
    let feminine = |w: &str| {
        // `trim_end_matches` with a string sets up a searcher for every word.
        let mut w = w;
        while let Some(r) = w.strip_suffix("nen") {
            w = r;
        }
        w.len() > 4 && w.ends_with("in") && is_title(w) && is_title(&w[..w.len() - 2])
    };
    // A masculine kinship noun (`Ziehvater`) shows a man, where no feminine role stands
    // beside it; a masculine role does not (`Minister` is also said of women).
    // Each of those nouns ends in `r`, `n` or `l`, and no other character lower-cases to one
    // of them: a word that ends otherwise need not be lower-cased.
    let masculine = |w: &str| {
        let last = w.as_bytes().last().map(u8::to_ascii_lowercase);
        matches!(last, Some(b'r' | b'n' | b'l'))
            && crate::lexicon::with_lowercase(w, |l| {
                ["vater", "sohn", "bruder", "onkel", "ehemann"]
                    .iter()
                    .any(|k| l.ends_with(k))
            })
    };
    // Each alias's last word is found once for both tests, and each test is made until one
    // alias passes it.
    let (mut female, mut male) = (false, false);
    for w in e
        .aliases
        .iter()
        .filter_map(|a| a.split_whitespace().next_back())
    {
        female = female || feminine(w);
        male = male || masculine(w);
        if female && male {
            break;
        }
    }
    match (female, male) {
        (true, false) => Some(Gender::Female),
        (false, true) => Some(Gender::Male),
        _ => None,
    }
}

/// Heads of names that stand for an institution, not a person (`Bochumer Polizei`).
const INSTITUTION_HEADS: &[&str] = &[
    "polizei",
    "regierung",
    "anwaltschaft",
    "ministerium",
    "amt",
    "behörde",
    "gericht",
    "partei",
    "verband",
    "zeitung",
    "agentur",
    "institut",
    "universität",
    "botschaft",
    "kommission",
    "gewerkschaft",
    "stiftung",
    "fraktion",
    "verein",
    "konzern",
    "sender",
    "rat",
    "komitee",
];

/// Heads of compounds that name a kind of medium, not one in particular (`Tageszeitung`).
const MEDIA_KINDS: &[&str] = &["zeitung", "agentur", "sender", "magazin", "zeitschrift"];

/// Capitalised words that open speaker phrases as sources, not names (`Angaben der Polizei`).
const SOURCE_NOUNS: &[&str] = &[
    "Angaben",
    "Bericht",
    "Berichten",
    "Informationen",
    "Medien",
    "Medienberichten",
    "Aussage",
    "Aussagen",
    "Sicht",
    "Meinung",
    "Ansicht",
    "Auffassung",
    "Worten",
    "Einschätzung",
    "Darstellung",
    "Experten",
    "Beobachter",
    "Kritiker",
    "Quellen",
    "Behörden",
    "Ermittler",
    "Polizei",
    "Regierung",
    "Zeugen",
    "Anwohner",
    "Demonstranten",
    "Ärzte",
    "Forscher",
    "Wissenschaftler",
    "Analysten",
    "Diplomaten",
    "Insider",
    "Kreisen",
    "Regierungskreisen",
    "Sprecher",
    "Sprecherin",
];

/// A personal pronoun standing as a word of a speaker phrase, not after a preposition
/// (`Im Interview sagte sie`, but not `mit ihr`).
fn subject_pronoun(text: &str, sp: &Span) -> Option<Span> {
    // Most phrases hold no pronoun at all: a pass over their bytes rules them out before they
    // are cut into words.
    if !may_hold_pronoun(&text.as_bytes()[sp.clone()]) {
        return None;
    }
    // The words are taken one by one, each with the one before it.
    let mut before: Option<&str> = None;
    words(text, sp).find_map(|(span, w)| {
        let prev = before.replace(w);
        // A pronoun starts with `e`, `E`, `s` or `S`, which trimming its end keeps: most words
        // start otherwise and need no trimming and comparing.
        if !matches!(w.as_bytes()[0], b'e' | b'E' | b's' | b'S') {
            return None;
        }
        let w = w.trim_end_matches([',', '.', ':', ';']);
        // The word before is looked at only for a pronoun.
        let after_preposition = || {
            prev.is_some_and(|b| {
                matches!(
                    b,
                    "für" | "gegen" | "ohne" | "um" | "durch" | "an" | "auf" | "über" | "unter"
                )
            })
        };
        (PRONOUNS.contains(&w) && !after_preposition()).then(|| span.start..span.start + w.len())
    })
}

/// Whether a personal pronoun of `holds_pronoun` (`er`, `sie`, `ich`, `wir`, `man`, also
/// capitalised) may stand in the bytes as a word: with no ASCII letter or digit right before
/// or after it. A pronoun that `holds_pronoun` or `subject_pronoun` finds stands so (white
/// space, stops and any other character that ends a word are none), so a stretch without one
/// needs no closer reading.
fn may_hold_pronoun(b: &[u8]) -> bool {
    let alnum = |i: usize| {
        b.get(i)
            .is_some_and(|&c| crate::text::ASCII_ALNUM[usize::from(c)])
    };
    // Only a run of ASCII letters and digits can be one, so only the first byte of each run
    // is looked at, and the rest of the run is passed over by the table.
    let mut i = 0;
    while i < b.len() {
        if alnum(i) {
            let rest = pronoun_rest(b[i]);
            if !rest.is_empty() && b[i + 1..].starts_with(rest) && !alnum(i + 1 + rest.len()) {
                return true;
            }
            i += 1;
            while alnum(i) {
                i += 1;
            }
        }
        // `i` is at a byte that ends a run (or at the end): the next one may start another.
        i += 1;
    }
    false
}

/// The bytes after the first letter of the pronoun that starts with byte `first` (`er`, `sie`,
/// `ich`, `wir`, `man`, also capitalised), or nothing where none starts with it.
fn pronoun_rest(first: u8) -> &'static [u8] {
    match first {
        b'e' | b'E' => b"r",
        b's' | b'S' => b"ie",
        b'i' | b'I' => b"ch",
        b'w' | b'W' => b"ir",
        b'm' | b'M' => b"an",
        _ => b"",
    }
}

/// Whether a word is a title or role (`Minister`, `Provinzgouverneur`, `Vereinschef`): it ends
/// in a role word.
pub fn is_title(w: &str) -> bool {
    let lex = crate::lexicon::lexicon();
    // A tail that opens with an ASCII letter (most do) is title-cased on the stack: a `String`
    // for each tail of each word asked about was most of this function's cost.
    let mut buf = [0u8; 64];
    // Such a tail, of four bytes or more, ends with the word's last three bytes, so it can be a
    // role only where the word may end as one: most words do not, and their tails need no
    // copy and no look-up.
    let may_end_role = lex.may_end_role(w);
    // An ASCII word (most are) that may not end as a role is none, and holds none: `role`
    // rules the word out by the same test, and every tail below, copied on the stack, ends
    // with the word's last three bytes. Its tails need not be walked.
    if !may_end_role && w.is_ascii() && w.len() <= buf.len() + 1 {
        return false;
    }
    lex.role(w).is_some()
        || w.char_indices().skip(1).any(|(i, c)| {
            let tail = &w[i..];
            if tail.len() < 4 {
                return false;
            }
            match buf.get_mut(..tail.len()).filter(|_| c.is_ascii()) {
                Some(_) if !may_end_role => false,
                Some(out) => {
                    out.copy_from_slice(tail.as_bytes());
                    out[0] = out[0].to_ascii_uppercase();
                    std::str::from_utf8(out).is_ok_and(|t| lex.role(t).is_some())
                }
                None => lex.role(&title_case(tail)).is_some(),
            }
        })
}

/// Nouns for kinds of institutions, which stand before their names (`Plattenfirma`,
/// `Nachrichtenagentur`, `Wochenzeitung`).
const ORG_TYPES: &[&str] = &[
    "firma",
    "agentur",
    "zeitung",
    "zeitschrift",
    "magazin",
    "sender",
    "konzern",
    "unternehmen",
    "organisation",
    "gruppe",
    "verband",
    "partei",
    "gewerkschaft",
    "portal",
    "blatt",
    "website",
    "netzwerk",
    "institut",
    "behörde",
    "ministerium",
    "hersteller",
    "betreiber",
    "anbieter",
    "händler",
    "versicherer",
    "produzent",
];

/// Whether a word names a kind of institution (`Presseagentur`, `Fachmagazins`).
fn is_org_type(w: &str) -> bool {
    crate::lexicon::with_lowercase(w, |l| {
        let l = l
            .strip_suffix("es")
            .filter(|b| ORG_TYPES.iter().any(|t| b.ends_with(t)))
            .or_else(|| l.strip_suffix('s'))
            .unwrap_or(l);
        ORG_TYPES.iter().any(|t| l.ends_with(t))
    })
}

/// Whether a sentence may hold one of the forms `impersonal_source` looks for: a form of
/// `heißen` (its `ß` after `hei` or `hie`), or `zu` or `wird`/`wurde` with one of the verbs
/// that follow them there as the next word. Most sentences hold none, and these few byte
/// searches cost less than cutting the sentence into words or a search for all the verbs.
fn impersonal_form_possible(sentence: &str) -> bool {
    let b = sentence.as_bytes();
    // The next word after byte `at`, past any marks and spaces, starts with one of `verbs`.
    let next_word = |at: usize, verbs: &[&str]| {
        let rest = sentence[at..].trim_start_matches(|c: char| !c.is_alphanumeric());
        verbs.iter().any(|v| rest.starts_with(v))
    };
    // `ß` is the bytes C3 9F.
    // The three bytes are looked for in one pass.
    memchr::memchr3_iter(0x9F, b'z', b'w', b).any(|i| match b[i] {
        0x9F => i >= 4 && b[i - 1] == 0xC3 && matches!(&b[i - 4..i - 1], b"hei" | b"hie"),
        b'z' => b[i + 1..].starts_with(b"u") && next_word(i + 2, &["hören", "erfahren", "lesen"]),
        _ => {
            let verbs = ["vermutet", "befürchtet", "spekuliert", "gemutmaßt"];
            b[i..].starts_with(b"wird") && next_word(i + 4, &verbs)
                || b[i..].starts_with(b"wurde") && next_word(i + 5, &verbs)
        }
    })
}

/// The agent of a passive inside a phrase: what follows `von`, `vom` or `durch`.
fn agent_phrase(text: &str, sp: &Span) -> Option<Span> {
    let s = &text[sp.clone()];
    ["von ", "vom ", "durch ", "Von ", "Vom "]
        .iter()
        .filter_map(|p| {
            let at = if s.starts_with(p) {
                Some(0)
            } else {
                s.find(&format!(" {p}")).map(|i| i + 1)
            }?;
            Some(sp.start + at + p.len()..sp.end)
        })
        .min_by_key(|a| a.start)
}

/// `chef` → `Chef`.
fn title_case(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A word of a phrase with its byte span in the document. The words borrow the text: this is
/// called many times per statement, and a `String` per word was a large share of its cost.
fn words_at<'t>(text: &'t str, span: &Span) -> Vec<(Span, &'t str)> {
    // Room for a clause's words at once: most phrases asked about fit, and growing from empty
    // took three reallocations per call.
    let mut out = Vec::with_capacity(16);
    out.extend(words(text, span));
    out
}

/// The words of `words_at` one by one: a caller that needs the first few cuts no more and
/// allocates nothing.
fn words<'t>(text: &'t str, span: &Span) -> impl Iterator<Item = (Span, &'t str)> {
    let s = &text[span.clone()];
    let start = span.start;
    let bytes = s.as_bytes();
    // The whole text's bytes: a word's end is looked for eight bytes at a time, and the eight
    // may run past the span's end (never past the text's), which then ends the word.
    let all = text.as_bytes();
    // Whether the character at `i`, which is not ASCII, is white space (as
    // `char::is_whitespace`), and its length. ASCII, the bulk of the text, is classed by its
    // byte where it stands, without a call: its white space is tab to carriage return and the
    // space.
    let wide = |i: usize| {
        let c = s[i..]
            .chars()
            .next()
            .expect("index is a character boundary");
        (c.is_whitespace(), c.len_utf8())
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(&b) = bytes.get(i) {
            if b < 0x80 {
                if !matches!(b, b'\t'..=b'\r' | b' ') {
                    break;
                }
                i += 1;
            } else {
                let (white, len) = wide(i);
                if !white {
                    break;
                }
                i += len;
            }
        }
        if i == bytes.len() {
            return None;
        }
        let b = i;
        loop {
            // Printable ASCII, the bulk of a word, is passed over eight bytes at a time: the
            // first byte below `!` (white space among the control bytes) or above ASCII is
            // where the word may end, and is looked at closer below. Of the flags, only the
            // lowest is exact, and only it is read.
            if let Some(eight) = all.get(start + i..start + i + 8) {
                let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
                let stop = (x.wrapping_sub(0x2121_2121_2121_2121) & !x | x) & 0x8080_8080_8080_8080;
                if stop == 0 {
                    i += 8;
                    if i >= bytes.len() {
                        i = bytes.len();
                        break;
                    }
                    continue;
                }
                i = (i + (stop.trailing_zeros() / 8) as usize).min(bytes.len());
            }
            let Some(&c) = bytes.get(i) else { break };
            if c < 0x80 {
                if matches!(c, b'\t'..=b'\r' | b' ') {
                    break;
                }
                i += 1;
            } else {
                let (white, len) = wide(i);
                if white {
                    break;
                }
                i += len;
            }
        }
        Some((start + b..start + i, &s[b..i]))
    })
}

/// Whether a speech cue has a plural subject (`sagten`, `haben erklärt`).
fn plural_cue(cue: Option<&str>) -> bool {
    cue.is_some_and(|c| {
        c.split_whitespace().any(|w| {
            matches!(
                w,
                "haben" | "hatten" | "sind" | "waren" | "werden" | "wurden"
            ) || w.ends_with("ten") && !w.starts_with("ge")
        })
    })
}

/// Whether `lower` is one of the text's lower-case words, the text cut at every character
/// that is neither alphanumeric nor `-`. Searched for directly: a document asks this once or
/// twice, and a set of all its words cost more than the searches.
fn lower_word_in(text: &str, lower: &str) -> bool {
    let in_word = |c: char| c.is_alphanumeric() || c == '-';
    if !lower.starts_with(char::is_lowercase) || !lower.chars().all(in_word) {
        return false;
    }
    // A match starts and ends on character boundaries, as `lower` is whole characters.
    memchr::memmem::find_iter(text.as_bytes(), lower.as_bytes()).any(|at| {
        !text[..at].chars().next_back().is_some_and(in_word)
            && !text[at + lower.len()..].chars().next().is_some_and(in_word)
    })
}

/// Names that only a speaker phrase shows: recognition knows names from lexicons, titles and
/// given names, but the subject of a speech verb is a name even where none of these vouch for
/// it (`Glos sagte`, `so Vereinschef Jan Moor`, `laut „Bergpost“`, `nach Angaben des WWF`).
/// Each is returned as a mention, with every other use of the same word in the document, so
/// pronouns and continued reports find it too.
pub fn speaker_names(doc: &Document, x: &Extraction) -> Vec<Mention> {
    let lex = crate::lexicon::lexicon();
    let text = &doc.text;
    let mut found: Vec<Mention> = Vec::new();
    let near = Nearby::new(&x.mentions);
    for st in &x.statements {
        let SpeakerRef::Spans(spans) = &st.speaker else {
            continue;
        };
        for sp in spans {
            let extended = quoted_owner_before(text, sp);
            let sp = extended.as_ref().unwrap_or(sp);
            // The recognised mentions near the phrase, found once for the rules below that
            // read them.
            let around = near.around(sp);
            let person_in = |mentions: &[Mention], span: &Span| {
                mentions
                    .iter()
                    .chain(&found)
                    .any(|m| m.kind == EntityKind::Person && overlaps(&m.span, span))
            };
            // Whether the phrase names a person already: then none of the first three rules
            // below applies, and neither the apposition nor the name before it is looked for.
            // Asked once: `found` only grows where a rule ends the phrase's turn.
            let person_here = person_in(around, sp);
            if !person_here
                && let Some(app) = appositive(text, sp)
                && !person_in(near.around(&app), &app)
            {
                found.push(Mention {
                    span: app.clone(),
                    kind: EntityKind::Person,
                    name: text[app].to_string(),
                    descriptor: false,
                });
                continue;
            }
            if !person_here
                && let Some(before) = name_before(text, sp)
                && !person_in(near.around(&before), &before)
            {
                found.push(Mention {
                    span: before.clone(),
                    kind: EntityKind::Person,
                    name: text[before].to_string(),
                    descriptor: false,
                });
                continue;
            }
            // A name that opens the phrase before its description (`Tolli Brask, der Sprecher
            // des Amtes`, `Tolli Brask von der Hafenbehörde`) is the speaker's, even where
            // recognition knows the institution but not the name.
            // `opening_name` reads no more than the first four words.
            // The four words are held on the stack: a `Vec` for each phrase cost more than
            // reading them.
            if !person_here {
                let mut first: [(Span, &str); 4] = Default::default();
                let mut n = 0;
                for w in words(text, sp).take(4) {
                    first[n] = w;
                    n += 1;
                }
                if let Some(m) = opening_name(text, &first[..n]) {
                    found.push(m);
                    continue;
                }
            }
            if let Some(m) = org_around_country(text, sp, around) {
                found.push(m);
                continue;
            }
            // A quoted name right after the article that opens the phrase is the institution
            // that speaks, whatever place or owner follows it (`Das „Nordische Wetterzentrum“
            // der USA teilte mit`).
            // Found once: the phrase is asked again below.
            let quoted = quoted_name(text, sp);
            if let Some(m) = quoted.as_ref().filter(|m| {
                let before = text[sp.start..m.span.start].trim_end_matches(['„', '"', '»', '«']);
                is_article(before.trim()) || matches!(before.trim(), "Den" | "Dem" | "Des")
            }) && !near
                .around(&m.span)
                .iter()
                .any(|o| overlaps(&o.span, &m.span))
            {
                found.push(m.clone());
                continue;
            }
            let named = around.iter().chain(&found).any(|m| {
                speaker_rank(m.kind).is_some() && overlaps(&m.span, sp) && heads_phrase(text, m)
            });
            if named {
                // An acronym joined to a known name (`die Gewerkschaften ver.di und IG BCE`)
                // speaks with it, though recognition does not know it. A phrase without the
                // letters of `und` or `sowie` joins none, and is not cut into words.
                // The letters are found by their rarer bytes, the `d` of `und` and the `w` of
                // `sowie`, in one pass over the short phrase: two substring searches cost
                // twice a searcher's set-up.
                let phrase = text[sp.clone()].as_bytes();
                let joins = memchr::memchr2_iter(b'd', b'w', phrase).any(|i| {
                    if phrase[i] == b'd' {
                        phrase[..i].ends_with(b"un")
                    } else {
                        phrase[..i].ends_with(b"so") && phrase[i..].starts_with(b"wie")
                    }
                });
                let words = if joins {
                    words_at(text, sp)
                } else {
                    Vec::new()
                };
                for k in 1..words.len() {
                    if !matches!(words[k - 1].1, "und" | "sowie") {
                        continue;
                    }
                    let Some(m) = acronym(text, &words[k..]).filter(|m| {
                        m.span.start == words[k].0.start
                            && !near
                                .around(&m.span)
                                .iter()
                                .chain(&found)
                                .any(|o| overlaps(&o.span, &m.span))
                    }) else {
                        continue;
                    };
                    found.push(m);
                }
                continue;
            }
            let mut words = words_at(text, sp);
            // A time the phrase ends with is no part of a name (`der Hersteller Nordwerk am
            // Morgen`, `die Firma Nordwerk heute`).
            let time_words = |w: &str| {
                matches!(
                    w,
                    "heute"
                        | "gestern"
                        | "morgens"
                        | "abends"
                        | "Morgen"
                        | "Abend"
                        | "Vormittag"
                        | "Nachmittag"
                        | "Montag"
                        | "Dienstag"
                        | "Mittwoch"
                        | "Donnerstag"
                        | "Freitag"
                        | "Samstag"
                        | "Sonntag"
                        | "Wochenende"
                )
            };
            if words.len() > 2
                && time_words(words[words.len() - 1].1)
                && matches!(words[words.len() - 2].1, "am" | "an")
            {
                words.truncate(words.len() - 2);
            } else if words.len() > 1 && matches!(words[words.len() - 1].1, "heute" | "gestern") {
                words.truncate(words.len() - 1);
            }
            if words.is_empty() || words.len() > 12 {
                continue;
            }
            if let Some(m) = quoted
                .or_else(|| acronym(text, &words))
                .or_else(|| institution_compound(text, &words))
            {
                found.push(m);
                continue;
            }
            // The run of name words that ends the phrase.
            fn clean(w: &str) -> &str {
                w.trim_end_matches([',', '.', ':', ';', ')'])
            }
            let mut run: Vec<(Span, &str)> = Vec::new();
            for (span, w) in words.iter().rev() {
                let c = clean(w);
                let initial = c.chars().count() == 1 && c.chars().all(char::is_uppercase);
                let ends_clause = w.ends_with([',', ':', ';']) && !run.is_empty();
                if ends_clause || !(crate::extract::entities::is_name_word(c) || initial) {
                    break;
                }
                if SOURCE_NOUNS.contains(&c) {
                    break;
                }
                run.insert(0, (span.start..span.start + c.len(), c));
            }
            if run.is_empty() {
                continue;
            }
            // A government named after its head (`die Regierung Bush`) is an organisation.
            if let Some((gov, _)) = words
                .iter()
                .rev()
                .nth(run.len())
                .filter(|(_, w)| matches!(*w, "Regierung" | "Administration"))
            {
                let span = gov.start..run[run.len() - 1].0.end;
                found.push(Mention {
                    name: text[span.clone()].to_string(),
                    span,
                    kind: EntityKind::Organization,
                    descriptor: false,
                });
                continue;
            }
            let bare = run.len() == words.len();
            // A name starts at a given name where there is one, else after the titles before
            // it (`Vereinschef Tolli Brask`: a word ending in a role).
            let from = run
                .iter()
                .position(|(_, w)| lex.is_given_name(w))
                .or_else(|| {
                    run.iter()
                        .position(|(_, w)| !is_title(w) && !is_org_type(w))
                })
                .unwrap_or(run.len());
            if from == run.len() {
                continue;
            }
            // A name after the kind of institution it is (`die Plattenfirma Sonora Music`)
            // is that institution's.
            // The kind may also stand just before the run where the lists take it for a
            // common noun (`der Gewerkschaft Holz-Metall`).
            let typed = from > 0 && is_org_type(run[from - 1].1)
                || from == 0
                    && words
                        .len()
                        .checked_sub(run.len() + 1)
                        .is_some_and(|k| is_org_type(words[k].1));
            let run = &run[from..];
            let single = run.len() == 1;
            // A lone word is a name only as a singular subject and where the text does not
            // also write it in lower case (`Natürlich`, `natürlich`).
            let common = |w: &str| crate::lexicon::with_lowercase(w, |l| lower_word_in(text, l));
            // A lone word after an article that no institution vouches for is no name.
            if single && !bare && !typed {
                continue;
            }
            // Nor is a word that opens sentences (`Ihnen`, `Insbesondere`) or a common noun
            // for a source, a group or a person by role (`Behördenangaben`, `Augenzeugen`,
            // `Ziehvater`).
            let not_a_name =
                |w: &str| sentence_word(w) || source_noun(w) || group_noun(w) || person_noun(w);
            if single && (plural_cue(st.cue.as_deref()) || common(run[0].1) || not_a_name(run[0].1))
            {
                continue;
            }
            let (Some(first), Some(last)) = (run.first(), run.last()) else {
                continue;
            };
            let span = first.0.start..last.0.end;
            let surface = &text[span.clone()];
            // The last word is lower-cased on the stack, and only where it is asked about.
            let institution_head = || {
                crate::lexicon::with_lowercase(last.1, |head| {
                    INSTITUTION_HEADS.iter().any(|h| head.ends_with(h))
                })
            };
            let kind = if typed || !lex.is_given_name(first.1) && institution_head() {
                EntityKind::Organization
            } else {
                EntityKind::Person
            };
            // A surname alone is the person the document names in full.
            let name = single
                .then(|| {
                    x.mentions
                        .iter()
                        .filter(|m| m.kind == EntityKind::Person && !m.descriptor)
                        // The name's last word is the surface (which holds no space),
                        // told without a reverse split.
                        .find(|m| {
                            m.name
                                .strip_suffix(surface)
                                .is_some_and(|head| head.is_empty() || head.ends_with(' '))
                        })
                })
                .flatten()
                .map_or_else(|| surface.to_string(), |m| m.name.clone());
            found.push(Mention {
                span,
                kind,
                name,
                descriptor: false,
            });
        }
    }
    // Every other use of the same name, found as `match_indices` would (without overlapping)
    // but with a vectorised search.
    let mut more: Vec<Mention> = Vec::new();
    for m in &found {
        let surface = &text[m.span.clone()];
        for i in memchr::memmem::find_iter(text.as_bytes(), surface.as_bytes()) {
            let span = i..i + surface.len();
            let boundary_before = text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && c != '-');
            let after = text[span.end..].chars().next();
            let boundary_after = after.is_none_or(|c| !c.is_alphanumeric() && c != '-')
                || after == Some('s') && m.kind == EntityKind::Person;
            let taken = near
                .around(&span)
                .iter()
                .chain(&found)
                .chain(&more)
                .any(|o| overlaps(&o.span, &span));
            if boundary_before && boundary_after && !taken {
                more.push(Mention { span, ..m.clone() });
            }
        }
    }
    found.extend(more);
    found
}

/// The mentions of an extraction that may overlap a span. Recognition gives them sorted by
/// start, so those are the ones that start from the longest mention's length before the span
/// up to its end, found by halving instead of testing every mention of the document for every
/// speaker phrase. Mentions that are not sorted (a caller's own) are all taken.
struct Nearby<'m> {
    mentions: &'m [Mention],
    longest: usize,
    sorted: bool,
}

impl<'m> Nearby<'m> {
    fn new(mentions: &'m [Mention]) -> Self {
        Nearby {
            mentions,
            longest: mentions.iter().map(|m| m.span.len()).max().unwrap_or(0),
            sorted: mentions.is_sorted_by_key(|m| m.span.start),
        }
    }

    /// The mentions, in their order, among which is every one that overlaps `span` or lies
    /// in it.
    fn around(&self, span: &Span) -> &'m [Mention] {
        if !self.sorted {
            return self.mentions;
        }
        let first = span.start.saturating_sub(self.longest);
        let from = self.mentions.partition_point(|m| m.span.start < first);
        // The end is looked for after the start only.
        let to = from + self.mentions[from..].partition_point(|m| m.span.start <= span.end);
        &self.mentions[from..to]
    }
}

/// Two or three name words that open a speaker phrase and end at a comma followed by an
/// article (`Tolli Brask, der Sprecher des Amtes`, `Eva Roth, eine Anwohnerin`) or before
/// `von` (`Tolli Brask von der Hafenbehörde`): a person.
fn opening_name(text: &str, words: &[(Span, &str)]) -> Option<Mention> {
    // The name ends at a comma before an article, or before `von`/`vom` and the institution
    // the person speaks for (`Eva Roth von der Hafenbehörde`).
    let end = words.iter().take(3).enumerate().find_map(|(i, (_, w))| {
        let after = words.get(i + 1).map(|(_, a)| *a)?;
        let described = w.ends_with(',')
            && (is_article(after) || matches!(after, "ein" | "eine" | "einer" | "eines"));
        let of = i > 0 && matches!(after, "von" | "vom");
        (described || of).then_some(i)
    })?;
    if !(1..=2).contains(&end) {
        return None;
    }
    let name = &words[..=end];
    let ok = name.iter().all(|(_, w)| {
        let w = w.trim_end_matches(',');
        crate::extract::entities::is_name_word(w) && !is_title(w) && !is_org_type(w)
    });
    if !ok {
        return None;
    }
    let last = &name[end];
    let span = name[0].0.start..last.0.start + last.1.trim_end_matches(',').len();
    Some(Mention {
        name: text[span.clone()].to_string(),
        span,
        kind: EntityKind::Person,
        descriptor: false,
    })
}

/// The compound naming an institution that ends a speaker phrase after an article and any
/// adjectives (`nach Angaben des Kraftfahrt-Bundesamtes`, `die Bundesanwaltschaft`, `das
/// russische Außenministerium`), an organisation named without its genitive ending. The head
/// must follow a part of its own (`Polizei` or `die Regierung` alone name no one in particular).
fn institution_compound(text: &str, words: &[(Span, &str)]) -> Option<Mention> {
    let (last, w) = words.last()?;
    let w = w.trim_end_matches([',', '.', ':', ';', ')']);
    if !w.starts_with(char::is_uppercase) {
        return None;
    }
    // The word is lower-cased on the stack; only the base's length and whether it is a kind
    // of medium are kept.
    let (base_len, medium) = crate::lexicon::with_lowercase(w, |lower| {
        [
            lower.strip_suffix("es"),
            lower.strip_suffix('s'),
            Some(lower),
        ]
        .into_iter()
        .flatten()
        .find(|b| {
            INSTITUTION_HEADS
                .iter()
                .any(|h| b.ends_with(h) && b.len() >= h.len() + 4)
        })
        .map(|b| (b.len(), MEDIA_KINDS.iter().any(|k| b.ends_with(k))))
    })?;
    // Kinds of media stand before the name they introduce (`die Nachrichtenagentur „Sana“`,
    // `der Fernsehsender al-Nahar`): they are no name themselves.
    if medium {
        return None;
    }
    let article = words[..words.len() - 1]
        .iter()
        .rev()
        .map(|(_, w)| *w)
        .find(|w| !is_adjective(w));
    if !article.is_some_and(is_article) {
        return None;
    }
    let span = last.start..last.start + base_len;
    Some(Mention {
        name: text[span.clone()].to_string(),
        span,
        kind: EntityKind::Organization,
        descriptor: false,
    })
}

/// A personal pronoun as the second word of a stretch (`sagte sie:` between a phrase and the
/// content), the subject of the verb that opens it.
fn pronoun_after_verb(text: &str, gap: &Span) -> Option<Span> {
    if gap.end - gap.start > 60 {
        return None;
    }
    // The word after the verb is cut only where the first word is lower case, as a verb is.
    let mut words = words(text, gap);
    if !words.next()?.1.starts_with(char::is_lowercase) {
        return None;
    }
    let (sp, w) = words.next()?;
    let w = w.trim_end_matches([',', ':', ';']);
    PRONOUNS.contains(&w).then(|| sp.start..sp.start + w.len())
}

/// Whether a word is a finite form or participle of a verb of saying or writing
/// (`data/cues/verbs.txt`: `kritisierte`, `verlangt`, `schrieb`).
/// A verb with a separable particle counts only where `rest` (the words after it) holds the
/// particle (`gab … bekannt`, not `machte … verantwortlich`).
fn speech_verb(w: &str, rest: &[&str]) -> bool {
    type Verbs = Vec<(&'static str, Option<&'static str>)>;
    static VERBS: std::sync::OnceLock<(Verbs, Verbs)> = std::sync::OnceLock::new();
    let (stems, forms) = VERBS.get_or_init(|| {
        let (mut stems, mut forms) = (Vec::new(), Vec::new());
        for line in include_str!("../../data/cues/verbs.txt").lines() {
            let mut parts = line.split_whitespace();
            match parts.next() {
                Some("R") => {
                    if let Some(stem) = parts.next() {
                        stems.push((stem, parts.next().filter(|p| *p != "!")));
                    }
                }
                Some("I") => {
                    let particle = parts.next().filter(|p| *p != "-");
                    forms.extend(
                        parts
                            .flat_map(|p| p.split('|'))
                            .filter(|f| !f.is_empty() && *f != "!")
                            .map(|f| (f, particle)),
                    );
                }
                _ => {}
            }
        }
        (stems, forms)
    });
    let w = w.to_lowercase();
    let has = |p: &Option<&str>| {
        p.is_none_or(|p| {
            rest.iter()
                .any(|r| r.trim_end_matches([',', '.', ':']) == p)
        })
    };
    forms.iter().any(|(f, p)| *f == w && has(p))
        || stems.iter().any(|(s, p)| {
            let finite = w.strip_prefix(s).is_some_and(|e| {
                matches!(
                    e,
                    "e" | "en" | "t" | "te" | "ten" | "st" | "et" | "ete" | "eten"
                )
            });
            finite && has(p) || w.strip_prefix("ge").and_then(|r| r.strip_prefix(s)) == Some("t")
        })
}

/// The `wie` clause at the end of a statement's content whose verb is the statement's cue
/// right after it (`Die Anlage stand unter Druck, wie Jan Berg, Chef der Firma, mitteilte.`):
/// the content swallowed its own attribution, which names the speaker.
fn wie_clause(text: &str, content: &Span, cue: Option<&str>) -> Option<Span> {
    let verb = first_word(cue?)?;
    let rest = text.get(content.end..)?.trim_start_matches([',', ' ']);
    if !rest.starts_with(verb) {
        return None;
    }
    let at = text[content.clone()].rfind(", wie ")?;
    Some(content.start + at + ", wie ".len()..content.end)
}

/// The first word of a cue, as `split_whitespace().next()` finds it. A cue is short and its
/// words are separated by ASCII spaces: the word ends at the first ASCII white space, found
/// byte by byte, without decoding every character. Only a byte that may open a character of
/// other white space (U+0085, U+00A0, U+1680, U+2000 to U+205F, U+3000), or white space at the
/// start, sends it the library's way.
fn first_word(cue: &str) -> Option<&str> {
    // The ASCII characters that `char::is_whitespace` takes: tab to carriage return and space.
    let white = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let b = cue.as_bytes();
    let end = b
        .iter()
        .position(|&c| white(c) || matches!(c, 0xC2 | 0xE1 | 0xE2 | 0xE3))
        .unwrap_or(b.len());
    if end > 0 && b.get(end).is_none_or(|&c| white(c)) {
        // ASCII white space ends the word (or the cue ends): a character boundary.
        return Some(&cue[..end]);
    }
    cue.split_whitespace().next()
}

/// The last word of a cue, as `split_whitespace().next_back()` finds it: read from the end
/// byte by byte up to ASCII white space, as `first_word` reads from the front. The bytes read
/// are whole characters, so a character of white space beyond ASCII among them shows its first
/// byte, which sends the cue the library's way.
fn last_word(cue: &str) -> Option<&str> {
    let white = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let b = cue.as_bytes();
    let end = b.len() - b.iter().rev().take_while(|&&c| white(c)).count();
    let mut start = end;
    while start > 0 && !white(b[start - 1]) {
        if matches!(b[start - 1], 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            return cue.split_whitespace().next_back();
        }
        start -= 1;
    }
    (start < end).then(|| &cue[start..end])
}

/// Whether a cue is a verb of saying, whose subject speaks, not an adverb or preposition that
/// points to a source (`wonach`, `demnach`, `laut`, `so`).
fn verb_cue(cue: &str) -> bool {
    // Lower-cased on the stack: this is asked several times per statement.
    crate::lexicon::with_lowercase(first_word(cue).unwrap_or(""), |first| {
        !matches!(
            first,
            "wonach" | "demnach" | "danach" | "laut" | "nach" | "zufolge" | "so" | "wie" | "gemäß"
        )
    })
}

/// Whether a word is an adverb that opens a sentence or a frame (`So`, `Aktuell`, `Dabei`):
/// no one's name.
fn adverb(w: &str) -> bool {
    opening_adverb(w) || matches!(w, "So" | "so" | "Dann" | "Daraufhin" | "Darin")
}

/// Whether a cue is a verb of saying, not a preposition that names a source (`laut`, `für`,
/// `zufolge`).
fn verb_phrase_cue(cue: Option<&str>) -> bool {
    // The first word is lower-cased once for both tests: no adverb or preposition that points
    // to a source (`verb_cue`), and no preposition before a phrase.
    cue.is_some_and(|c| {
        crate::lexicon::with_lowercase(first_word(c).unwrap_or(""), |l| {
            !(matches!(
                l,
                "wonach"
                    | "demnach"
                    | "danach"
                    | "laut"
                    | "nach"
                    | "zufolge"
                    | "so"
                    | "wie"
                    | "gemäß"
                    | "seitens"
                    | "gegenüber"
            ) || preposition(l))
        })
    })
}

/// Whether a speaker phrase opens with a determiner in the dative or accusative (`dem
/// Minister`, `Den Verband`, `ihren Gegner`), and not as an apposition after a comma (`Jan
/// Berg, dem Direktor des Amtes`): no subject.
fn object_phrase(text: &str, sp: &Span) -> bool {
    !text[..sp.start].trim_end().ends_with(',')
        && words(text, sp).next().is_some_and(|(_, w)| {
            crate::lexicon::with_lowercase(w, |l| {
                matches!(
                    l,
                    "dem" | "den" | "einem" | "einen" | "ihrem" | "ihren" | "seinem" | "seinen"
                )
            })
        })
}

fn is_article(w: &str) -> bool {
    matches!(
        w,
        "der" | "des" | "dem" | "den" | "die" | "das" | "Der" | "Die" | "Das"
    )
}

/// A declined adjective (`russische`, `zuständigen`).
fn is_adjective(w: &str) -> bool {
    w.starts_with(char::is_lowercase)
        && ["e", "en", "er", "es", "em"].iter().any(|e| w.ends_with(e))
        && !is_article(w)
}

/// An organisation whose name holds a country's (`die Regierung Guatemalas`, `Kenias
/// Regierung`, `Wikimedia Deutschland`, `die Zeitung Ruslandia Aktuell`): in a speaker phrase the
/// country next to an institution's head or to another name word is part of that name, and the
/// organisation speaks, not the country. `mentions` need hold only those that may overlap the
/// phrase (see `Nearby`), in index order.
fn org_around_country(text: &str, sp: &Span, mentions: &[Mention]) -> Option<Mention> {
    let institution = |w: &str| {
        crate::lexicon::with_lowercase(w, |l| INSTITUTION_HEADS.iter().any(|h| l.ends_with(h)))
    };
    // Nouns for kinds of places name a place with the place's name (`der Staat Ohio`).
    // Lower-cased once on the stack, not once per noun.
    let place_noun = |w: &str| {
        crate::lexicon::with_lowercase(w, |l| {
            [
                "staat",
                "stadt",
                "land",
                "region",
                "provinz",
                "kanton",
                "bezirk",
                "gemeinde",
                "kreis",
                "insel",
                "hauptstadt",
                "metropole",
            ]
            .iter()
            .any(|n| l.ends_with(n))
        })
    };
    // The cheap tests come first: `is_title` looks up every tail of the word.
    let plain_word = |w: &str| {
        w.starts_with(char::is_uppercase)
            && w.chars().all(|c| c.is_alphanumeric())
            && !is_article(w)
            && !place_noun(w)
            && !is_title(w)
    };
    let name_word =
        |w: &str| !SOURCE_NOUNS.contains(&w) && crate::extract::entities::is_name_word(w);
    let lex = crate::lexicon::lexicon();
    // A common noun with a determiner before it is in apposition to the name (`seinen
    // Juniorpartner Ruslandia`), no part of it.
    let determined = |w: Option<&&str>| {
        w.is_some_and(|w| {
            is_article(w)
                || crate::lexicon::with_lowercase(w, |l| {
                    [
                        "ein", "kein", "sein", "ihr", "unser", "euer", "mein", "dein", "dies",
                    ]
                    .iter()
                    .any(|d| l.starts_with(d))
                })
        })
    };
    mentions.iter().find_map(|c| {
        if !matches!(
            c.kind,
            EntityKind::Country | EntityKind::Location | EntityKind::Person
        ) || c.span.start < sp.start
            || c.span.end > sp.end
            || !heads_phrase(text, c)
        {
            return None;
        }
        let surface = &text[c.span.clone()];
        let genitive = surface != c.name && surface.ends_with('s');
        // The three words before the mention, nearest first: no rule reads further back.
        // Cut as `rsplit(' ')` would, by a step back over the bytes to each space: a
        // `char` searcher set up for each of a few short words cost more than the words.
        let mut before = [""; 3];
        let mut n = 0;
        let mut rest = text[sp.start..c.span.start].strip_suffix(' ');
        while let Some(r) = rest
            && n < before.len()
        {
            let (w, more) = match r.bytes().rposition(|b| b == b' ') {
                Some(k) => (&r[k + 1..], Some(&r[..k])),
                None => (r, None),
            };
            before[n] = w;
            n += 1;
            rest = more;
        }
        let words_before = &before[..n];
        // The words right before and after the mention, which must be plain words to count.
        // `plain_word` looks up every tail of a word as a title, so it is asked last, of a
        // word that the other tests of a rule let count: a person joins only the government
        // before it that is named after them (`die Regierung Bush`), and no word after it
        // counts.
        let person = c.kind == EntityKind::Person;
        let prev = words_before
            .first()
            .copied()
            .filter(|w| !person || matches!(*w, "Regierung" | "Administration"));
        let prev_plain = |p: &str| plain_word(p) && !lex.is_given_name(p);
        let next = text[c.span.end..sp.end]
            .strip_prefix(' ')
            .filter(|_| !person)
            .and_then(|a| a.split(' ').next())
            .map(|w| w.trim_end_matches([',', '.', ':', ';']));
        let span = if person {
            match prev {
                Some(p) if prev_plain(p) => c.span.start - 1 - p.len()..c.span.end,
                _ => return None,
            }
        // A kind of outlet before a place and a name word names the outlet by the place and
        // that word, not by its kind (`der Fernsehsender Velkor Channel`).
        } else if let (Some(p), Some(n)) = (prev, next)
            && !genitive
            && name_word(n)
            && crate::lexicon::with_lowercase(p, |l| MEDIA_KINDS.iter().any(|k| l.ends_with(k)))
            && prev_plain(p)
            && plain_word(n)
        {
            c.span.start..c.span.end + 1 + n.len()
        // `Regierung Guatemalas`, `Wikimedia Deutschland`, `Staatsanwaltschaft Krefeld`; more
        // name words before it belong to the name (`Universität Vela Madrid`).
        } else if let Some(p) = prev
            && (genitive && institution(p)
                || !genitive && name_word(p) && !determined(words_before.get(1))
                || !genitive && c.kind == EntityKind::Location && institution(p))
            && prev_plain(p)
        {
            let more = words_before[1..]
                .iter()
                .take(2)
                .take_while(|w| plain_word(w) && (name_word(w) || institution(w)))
                .map(|w| w.len() + 1)
                .sum::<usize>();
            c.span.start - 1 - p.len() - more..c.span.end
        // `Kenias Regierung`, `Ruslandia Aktuell`
        } else if let Some(n) = next
            && c.kind == EntityKind::Country
            && (institution(n) || !genitive && name_word(n))
            && plain_word(n)
        {
            c.span.start..c.span.end + 1 + n.len()
        } else {
            return None;
        };
        let person_inside = mentions
            .iter()
            .any(|m| m.kind == EntityKind::Person && overlaps(&m.span, &span) && m.span != c.span);
        (!person_inside).then(|| Mention {
            name: text[span.clone()].to_string(),
            span,
            kind: EntityKind::Organization,
            descriptor: false,
        })
    })
}

/// Particles inside names (`Heike van Laak`, `Karl-Theodor zu Guttenberg`).
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "del", "da", "di", "la", "le", "zu", "ten", "ter", "bin", "ibn", "al",
    "el", "dos", "das", "du",
];

/// A name in apposition right after a speaker phrase (`Der Sprecher des Amtes, Tomson Phiri,
/// sagte`): two to five name words between commas, or before a bracket or the sentence's end.
pub fn appositive(text: &str, sp: &Span) -> Option<Span> {
    if text[sp.end..].starts_with(", ") {
        return name_after_comma(text, sp.end);
    }
    // A prepositional or genitive tail may stand between the phrase and the name (`Seine
    // Kollegin in der Versammlung der Stadt, Eva Roth, sagte`), if it holds no sentence mark.
    let rest = &text[sp.end..];
    // The first word, found eight bytes at a time (`words`, which cuts as `split_whitespace`).
    let (_, first) = words(text, &(sp.end..text.len())).next()?;
    // A name the phrase cut at a particle goes on too (`Der Kandidat des Front de gauche
    // (Linksfront), Jan Berg, sagte`). The particle is looked for only after a word that
    // opens no tail.
    let opens_tail = matches!(
        first,
        "in" | "im" | "der" | "des" | "von" | "vom" | "aus" | "bei" | "für" | "zu" | "zum" | "zur"
    );
    let cut_at_particle = || {
        NAME_PARTICLES.contains(&first)
            && text[..sp.end]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| w.starts_with(char::is_uppercase))
    };
    if !opens_tail && !cut_at_particle() {
        return None;
    }
    // A comma further than 100 bytes on ends no tail: only that far is searched.
    let window = &rest.as_bytes()[..rest.len().min(100 + ", ".len())];
    let comma = memchr::memmem::find(window, b", ")?;
    let tail = &rest[..comma];
    // A short form in parentheses may close the tail (`des Bundes für Vogelschutz (BfV)`).
    let bracketed = tail.trim_end().ends_with(')') && tail.matches('(').count() == 1;
    if comma > 100
        || tail.contains(['.', '„', '“', '"', ':', ';'])
        || tail.contains('(') && !bracketed
    {
        return None;
    }
    name_after_comma(text, sp.end + comma)
}

/// The name between the comma at `at` and the next comma or stop (`, Tomso Phiram,`).
/// A name of two or more words in apposition before a speaker phrase that describes it (`Tolli
/// Brask, der Sprecher des Amtes, sagte`, where the phrase is `Sprecher des Amtes`): the
/// phrase starts with a noun after an article or right after the comma, and no preposition
/// stands before the name (`mit Jan Berg, der …` is someone else); a title may (`sagte
/// General Jan Berg, Kommandant der Truppe,`).
pub fn name_before(text: &str, sp: &Span) -> Option<Span> {
    if !text.get(sp.clone())?.starts_with(char::is_uppercase) {
        return None;
    }
    let mut before = text[..sp.start].trim_end();
    if let Some(rest) = ["der", "die", "ein", "eine"]
        .iter()
        .find_map(|a| before.strip_suffix(a))
        .filter(|r| r.ends_with(char::is_whitespace))
    {
        before = rest.trim_end();
    }
    let before = before.strip_suffix(',')?;
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut rest = before;
    while words.len() < 5 {
        let trimmed = rest.trim_end();
        let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
        let w = &trimmed[start..];
        let initial =
            w.chars().count() == 2 && w.starts_with(char::is_uppercase) && w.ends_with('.');
        if w.is_empty() || !(crate::extract::entities::is_name_word(w) || initial) {
            break;
        }
        words.push((start, w));
        rest = &trimmed[..start];
    }
    let (start, _) = *words.last()?;
    let end = before.len();
    let prev = rest.split_whitespace().next_back().unwrap_or("");
    let opens = prev.is_empty() || prev.ends_with(['.', ':', ';', '“', '"']);
    let governed = preposition(prev) || is_article(prev) || prev.ends_with(',');
    let free = opens || prev.starts_with(char::is_lowercase) || is_title(prev);
    (words.len() >= 2 && !governed && free).then_some(start..end)
}

fn name_after_comma(text: &str, at: usize) -> Option<Span> {
    let sp = &(at..at);
    text[sp.end..].strip_prefix(", ")?;
    let mut to = (sp.end + 160).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let mut end = None;
    let mut n = 0;
    for (span, w) in words(text, &(sp.end + 2..to)).take(6) {
        // An initial keeps its period (`Jan R. Berg`).
        let initial =
            w.chars().count() == 2 && w.starts_with(char::is_uppercase) && w.ends_with('.');
        let clean = if initial {
            w
        } else {
            w.trim_end_matches([',', '.', ':', ';'])
        };
        let name = n > 0 && NAME_PARTICLES.contains(&clean)
            || crate::extract::entities::is_name_word(clean)
            || initial;
        if !name {
            break;
        }
        n += 1;
        let e = span.start + clean.len();
        end = Some(e);
        if clean.len() != w.len() || text[e..].starts_with(" (") {
            break;
        }
    }
    let end = end?;
    let closed = text[end..].starts_with([',', '.', ':', ';']) || text[end..].starts_with(" (");
    // Extra spaces after the comma are not part of the name.
    let start = end - text[sp.end + 2..end].trim_start().len();
    (n >= 2 && closed).then_some(start..end)
}

/// The quoted name right after a speaker phrase that ends in the kind of institution it names
/// (`nach Angaben des Magazins „Bergpost“`), with its quote marks.
fn quoted_name_after(text: &str, sp: &Span) -> Option<Span> {
    // `quoted_name` finds a name after the phrase only where a quote mark opens right after
    // it: most phrases have none there, and need not have their last word read and
    // lower-cased.
    let after = text[sp.end..].strip_prefix(' ');
    if !after.is_some_and(|r| r.starts_with(['„', '"', '»', '«'])) {
        return None;
    }
    let last = text[sp.clone()].split_whitespace().next_back()?;
    if !is_org_type(last) {
        return None;
    }
    let m = quoted_name(text, sp)?;
    (m.span.start > sp.end).then(|| {
        let close = text[m.span.end..].chars().next().map_or(0, char::len_utf8);
        m.span.start..m.span.end + close
    })
}

/// A speaker phrase in the genitive (`der USA`) that follows a quoted name after an article
/// (`Das „Nordische Wetterzentrum“ der USA teilte mit`) describes that name: the phrase from
/// the article on.
fn quoted_owner_before(text: &str, sp: &Span) -> Option<Span> {
    let phrase = &text[sp.clone()];
    if !(phrase.starts_with("der ") || phrase.starts_with("des ")) {
        return None;
    }
    let before = text[..sp.start].trim_end_matches(' ');
    let close = before
        .chars()
        .next_back()
        .filter(|c| matches!(c, '“' | '"' | '«' | '»'))?;
    let inner_end = before.len() - close.len_utf8();
    let open = before[..inner_end].rfind(['„', '"', '»', '«'])?;
    let inner = &before[open + before[open..].chars().next()?.len_utf8()..inner_end];
    let ok = inner.starts_with(char::is_uppercase)
        && inner.split_whitespace().count() <= 5
        && !inner.contains(['.', ',', ':']);
    let head = before[..open].trim_end();
    let article_start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let article = head.get(article_start..)?;
    (ok && matches!(article, "Das" | "Die" | "Der" | "das" | "die" | "der"))
        .then_some(article_start..sp.end)
}

/// Whether a phrase ends inside a name: on a capitalised word or an initial that the text
/// continues without a sentence's end (`der Präsident Jan R` before `. Tolmann`).
fn cut_name(text: &str, sp: &Span) -> bool {
    let Some(last) = text[sp.clone()].split_whitespace().next_back() else {
        return false;
    };
    last.starts_with(char::is_uppercase) && !last.ends_with([',', ';', ':', '.'])
}

/// A quoted name in a speaker phrase (`die Zeitung „Bergpost“`), an organisation.
fn quoted_name(text: &str, sp: &Span) -> Option<Mention> {
    // The name may follow the phrase (`das Fachmagazin „Bergpost“`).
    let sp = &match text[sp.end..].strip_prefix(' ') {
        Some(r) if r.starts_with(['„', '"', '»', '«']) => {
            let close = r
                .char_indices()
                .skip(1)
                .find(|(_, c)| matches!(c, '“' | '"' | '«' | '»'))
                .map(|(i, c)| i + c.len_utf8());
            close.map_or(sp.clone(), |c| sp.start..sp.end + 1 + c)
        }
        _ => sp.clone(),
    };
    let s = &text[sp.clone()];
    // Most phrases hold no quote mark: one byte search for `"` and the first bytes of `„`
    // (E2) and of `»` and `«` (C2) rules them out before each mark is looked for.
    memchr::memchr3(b'"', 0xE2, 0xC2, s.as_bytes())?;
    // The marks are searched for as characters: a string pattern sets up a searcher each time.
    let (open, close) = [('„', '“'), ('"', '"'), ('»', '«'), ('«', '»')]
        .into_iter()
        .find(|&(o, _)| s.contains(o))?;
    let a = s.find(open)? + open.len_utf8();
    let b = a + s[a..].find(close)?;
    let inner = &s[a..b];
    let ok = inner.starts_with(char::is_uppercase)
        && inner.split_whitespace().count() <= 5
        && inner.chars().count() >= 2;
    ok.then(|| Mention {
        span: sp.start + a..sp.start + b,
        kind: EntityKind::Organization,
        name: inner.to_string(),
        descriptor: false,
    })
}

/// An acronym in a speaker phrase (`nach Angaben des WWF`), an organisation.
fn acronym(text: &str, words: &[(Span, &str)]) -> Option<Mention> {
    words.iter().find_map(|(span, w)| {
        let c = w.trim_end_matches([',', '.', ':', ';', ')']);
        let c = c.trim_start_matches('(');
        // A genitive ending after the capitals is no part of the name (`des ZDFs`), though
        // the mention, a surface form, keeps it.
        let genitive = c
            .strip_suffix('s')
            .filter(|r| r.chars().filter(|ch| ch.is_uppercase()).count() >= 2);
        let c = genitive.unwrap_or(c);
        let letters = c.chars().filter(|c| c.is_alphabetic()).count();
        let ok = (2..=8).contains(&letters)
            && c.chars()
                .all(|ch| ch.is_uppercase() || ch.is_ascii_digit() || ch == '-')
            && !c.chars().all(|ch| "IVXLCDM".contains(ch));
        ok.then(|| {
            let off = w.find(c).unwrap_or(0);
            let start = span.start + off;
            let mut end = start + c.len();
            // Capitalised words right after the acronym complete its name (`der AK
            // Vorratsdatenspeicherung`, `des TÜV Nord`).
            if c.len() == w.len() {
                for (s, n) in words.iter().skip_while(|(s, _)| s.start <= span.start) {
                    let clean = n.trim_end_matches([',', '.', ':', ';', ')']);
                    if !clean.starts_with(char::is_uppercase)
                        || is_title(clean)
                        || SOURCE_NOUNS.contains(&clean)
                        || !clean.chars().all(|ch| ch.is_alphanumeric() || ch == '-')
                    {
                        break;
                    }
                    end = s.start + clean.len();
                    if clean.len() != n.len() {
                        break;
                    }
                }
            }
            let name = text[start..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if genitive.is_some() && end == start + c.len() {
                end += 1;
            }
            Mention {
                span: start..end,
                kind: EntityKind::Organization,
                name,
                descriptor: false,
            }
        })
    })
}

/// The line before a statement's paragraph, without its closing colon, where that line is a
/// short speaker label (`Verbandschef Berger:`) and the statement opens its paragraph.
fn headline_speaker(doc: &Document, content: &Span) -> Option<Span> {
    let t = &doc.text;
    let before = t[..content.start].trim_end_matches(['„', '"', '»', '«', '‚', '\'']);
    let para = before.trim_end_matches([' ', '\t']);
    if !para.ends_with('\n') {
        return None;
    }
    let label = para.trim_end();
    let line_start = label.rfind('\n').map_or(0, |i| i + 1);
    let line = &label[line_start..];
    let name = line.strip_suffix(':')?;
    (!name.is_empty() && name.chars().count() <= 60 && !name.contains(['.', '?', '!']))
        .then(|| line_start..line_start + name.len())
}

/// Links each statement to entities: speakers from the speaker reference, addressee from the
/// addressee phrase, about from the entities named inside the statement and its topic phrases.
pub fn attribute(
    doc: &Document,
    x: Parts<'_>,
    entities: &[Entity],
    cluster_of: &[usize],
) -> Vec<StatementFact> {
    // The texts of the statements attributed within themselves (few documents have any),
    // gathered once rather than looked for again for every statement.
    let within: Vec<&Span> = x
        .statements
        .iter()
        .filter(|s| attributed_within(s))
        .map(|s| &s.span)
        .collect();
    let mut by_start: Vec<usize> = (0..x.len()).collect();
    // Recognition's mentions come by start: only names added after them (few documents have
    // any) need the sort. Mentions in order give their starts in one pass over them, not
    // each through its index.
    let starts: Vec<usize> = if x.all().is_sorted_by_key(|m| m.span.start) {
        x.all().map(|m| m.span.start).collect()
    } else {
        by_start.sort_by_key(|&i| x.mention(i).span.start);
        by_start.iter().map(|&i| x.mention(i).span.start).collect()
    };
    let len = doc.text.len();
    let mention_blocks = Blocks::new(len, starts.len(), |k| starts[k]);
    let sentence_blocks = Blocks::new(len, doc.sentences.len(), |k| doc.sentences[k].span.start);
    let ctx = Ctx {
        doc,
        x,
        cluster_of,
        // A statement whose attribution stands inside its own text (`Die Lage sei, so Roth,
        // ernst`, `Roth zufolge sei …`: the whole sentence) names its speaker there, who can
        // be an antecedent.
        // So does a text that another statement with the same span attributes within.
        // Room for every statement at once: a `Vec` grown push by push took several
        // reallocations per document.
        quoted: {
            let mut quoted = Vec::with_capacity(x.statements.len());
            quoted.extend(
                x.statements
                    .iter()
                    .filter(|s| s.kind != StatementKind::Interview && !within.contains(&&s.span))
                    .map(|s| s.span.clone()),
            );
            quoted
        },
        by_start,
        starts,
        mention_blocks,
        sentence_blocks,
        longest: x.all().map(|m| m.span.len()).max().unwrap_or(0),
        gegenueber: Default::default(),
        genders: entities.iter().map(|_| Default::default()).collect(),
        inside: Default::default(),
    };
    // One fact per statement: room for all at once, so the facts are never moved while they
    // grow.
    let mut out: Vec<StatementFact> = Vec::with_capacity(x.statements.len());
    // The mentions near a statement's about spans, a buffer used again for every statement.
    let mut near: Vec<usize> = Vec::new();
    // A statement's speaker phrases as read with their appositions, a buffer used again too.
    let mut phrase_buf: Vec<Span> = Vec::new();
    // The entities a statement is about, gathered in a buffer used again for every statement
    // and copied out once complete: one allocation of the right size per statement, not a
    // `Vec` grown from empty push by push.
    let mut about: Vec<usize> = Vec::new();
    for st in x.statements {
        // Asked by several of the rules below: found once.
        let verb_phrase = verb_phrase_cue(st.cue.as_deref());
        let glued = glued_heading(&doc.text, &st.speaker);
        let speakers = match glued.as_ref().unwrap_or(&st.speaker) {
            // In the passive (`Berg wird vorgeworfen, …`, `Berg wurde aufgefordert, …`) the
            // phrase names whom the words were said to or about; only an agent with `von`
            // speaks (`wurde vom Verband aufgefordert`).
            SpeakerRef::Spans(spans) if ctx.passive(&st.span, st.cue.as_deref()) => {
                let agents: Vec<Span> = spans
                    .iter()
                    .filter_map(|s| agent_phrase(&doc.text, s))
                    .collect();
                ctx.speakers_in(&agents)
            }
            // After a verb of saying, a phrase in the dative or accusative (`Den Verband
            // forderte er auf, …`, `Ihren Gegner Jan Berg forderte Roth auf, …`) is whom the
            // words are aimed at: the subject is the pronoun or name between it and the words.
            SpeakerRef::Spans(spans)
                if verb_phrase && spans.iter().all(|s| object_phrase(&doc.text, s)) =>
            {
                let end = spans.iter().map(|s| s.end).max().unwrap_or(st.span.start);
                let gap = end..st.span.start.max(end);
                match subject_pronoun(&doc.text, &gap) {
                    Some(p) => ctx.pronoun(&p, st.cue.as_deref(), x, entities, &out),
                    None => ctx.speakers_in(&[gap]),
                }
            }
            // A phrase right after the verb of a sentence whose subject is someone unnamed
            // (`Ein Augenzeuge erzählte der Zeitung Morgenpost, …`, `Kritiker werfen Berg vor,
            // …`) is the addressee or the accused: the words are no one's the text names.
            SpeakerRef::Spans(spans)
                if verb_phrase && spans.iter().all(|s| ctx.after_unnamed_subject(s)) =>
            {
                Vec::new()
            }
            // A phrase that ends with `und` right before the verb (`Roth erklärte, der Plan sei
            // „teuer, und das weiß jeder“ und kündigte an, …`) is the tail of the clause before:
            // the verb shares that clause's subject. So does a phrase that opens with the
            // auxiliary and names no speaker (`Jan Berg, Dekan der Fakultät, hatte gegenüber der
            // Zeitung Morgenpost mitgeteilt, …`): the subject stands before it in its sentence.
            SpeakerRef::Spans(spans)
                if verb_phrase
                    && let [only] = &spans[..]
                    && (doc.text[only.clone()].ends_with(" und")
                        || words(&doc.text, only)
                            .next()
                            .is_some_and(|(_, w)| auxiliary(w))
                            && ctx.speakers_in(spans).is_empty())
                    && let Some(sentence) = ctx.sentence_at(only.start)
                    && sentence.start < only.start =>
            {
                ctx.subject_of_kind(sentence.start..only.start, |k| speaker_rank(k).is_some())
                    .map(|(_, e)| e)
                    .into_iter()
                    .collect()
            }
            // A phrase that is one adverb (`Für die Stadt, so schrieb diese, …`, `Aktuell lässt
            // sie erklären: …`) names no one: the subject stands after the verb that follows.
            SpeakerRef::Spans(spans)
                if verb_phrase
                    && let [only] = &spans[..]
                    && adverb(&doc.text[only.clone()])
                    && only.end <= st.span.start =>
            {
                let gap = only.end..st.span.start;
                // Only the first two words are read.
                let words: Vec<(Span, &str)> = words(&doc.text, &gap).take(2).collect();
                match words.get(1) {
                    _ if gap.len() > 200 => Vec::new(),
                    Some((at, w)) if matches!(*w, "diese" | "dieser" | "diese," | "dieser,") => {
                        ctx.demonstrative_antecedent(at.start).into_iter().collect()
                    }
                    // Only the verb and the word after it count, however long the frame
                    // runs on (`Aktuell lässt sie dort – durch ihre Anwälte – erklären: …`).
                    _ => match words
                        .get(1)
                        .and_then(|(w, _)| pronoun_after_verb(&doc.text, &(gap.start..w.end)))
                    {
                        Some(p) => ctx.pronoun(&p, st.cue.as_deref(), x, entities, &out),
                        // A name in apposition that the words took in goes with the phrase
                        // (`So sagte der Leiter des Amtes, Jan Berg, gegenüber …, dass …`).
                        None => {
                            let core = doc.text[gap.clone()].trim_end_matches([' ', ',']).len();
                            let gap = appositive(&doc.text, &(gap.start..gap.start + core))
                                .map_or(gap.clone(), |a| gap.start..a.end);
                            ctx.speakers_in(&[gap])
                        }
                    },
                }
            }
            // A source noun alone whose origin follows it (`Nach Angaben aus Nordstadt …`,
            // `Berichten aus Nordland zufolge`) is that place's or country's: the phrase was cut
            // before `aus`.
            SpeakerRef::Spans(spans)
                if let [only] = &spans[..]
                    && matches!(
                        doc.text[only.clone()].trim(),
                        "Angaben" | "Informationen" | "Berichten" | "Meldungen" | "Kreisen"
                    )
                    && let Some(rest) = doc.text[only.end..].strip_prefix(" aus ")
                    && let Some(e) = x
                        .all()
                        .position(|m| {
                            m.span.start == only.end + " aus ".len()
                                && matches!(m.kind, EntityKind::Location | EntityKind::Country)
                                && rest.len() >= m.span.len()
                        })
                        .map(|i| cluster_of[i]) =>
            {
                vec![e]
            }
            // A city alone as the speaker phrase (`…, sagt Moskau`, `Moskau erklärte, …`)
            // stands for the government seated there, as news write: it speaks, where it
            // follows the words or opens the sentence; not in a clause before the words
            // (`Wenn Nordstadt geklagt hätte, hätte man …`).
            SpeakerRef::Spans(spans)
                if let [only] = &spans[..]
                    && (only.start >= st.span.end
                        || ctx.sentence_at(only.start).is_some_and(|s| {
                            doc.text[s.start..only.start]
                                .chars()
                                .all(|c| c.is_whitespace() || QUOTE_OPENERS.contains(&c))
                        }))
                    && let Some(p) = ctx.place_as_speaker(only) =>
            {
                vec![p]
            }
            SpeakerRef::Spans(spans) => {
                // A name in apposition after the phrase belongs to it. A phrase that holds
                // the statement's own words (`„Damit Berg weiß: …“, fügte er hinzu`) names no
                // speaker inside them: those are cut out.
                let holds_words = spans
                    .iter()
                    .any(|s| s.start <= st.span.start && st.span.end <= s.end);
                phrase_buf.clear();
                phrase_buf.extend(
                    spans
                        .iter()
                        .flat_map(|s| {
                            // One or two spans, without a `Vec` for each.
                            if s.start <= st.span.start && st.span.end <= s.end {
                                [Some(s.start..st.span.start), Some(st.span.end..s.end)]
                            } else {
                                [Some(s.clone()), None]
                            }
                        })
                        .flatten()
                        .filter(|s| !s.is_empty())
                        .map(|s| {
                            appositive(&doc.text, &s)
                                .or_else(|| quoted_name_after(&doc.text, &s))
                                .map_or(s.clone(), |a| s.start..a.end)
                        })
                        // A name in apposition before a describing phrase is the speaker's
                        // (`Tolli Brask, der Sprecher des Amtes, sagte`).
                        .map(|s| name_before(&doc.text, &s).map_or(s.clone(), |b| b.start..s.end))
                        .map(|s| quoted_owner_before(&doc.text, &s).unwrap_or(s)),
                );
                let spans = &phrase_buf[..];
                let mut v = ctx.speakers_in(spans);
                let person = |e: &usize| {
                    entities
                        .get(*e)
                        .is_some_and(|e| e.kind == EntityKind::Person)
                };
                // A subject pronoun in the phrase (`Im Interview sagte sie`, `er und Novak`)
                // names a person, before any institution the phrase also names.
                // A pronoun right after the verb that follows the phrase is the subject, and
                // the phrase before it is not (`Im Nordkurier sagte sie: …`, `Gegenüber dem
                // Sender äußerte er, …`).
                let pronoun = spans
                    .iter()
                    .find_map(|s| subject_pronoun(&doc.text, s))
                    .or_else(|| {
                        let last = spans.iter().map(|s| s.end).max()?;
                        let gap = if last <= st.span.start {
                            last..st.span.start
                        } else if !holds_words {
                            return None;
                        } else {
                            // After the words: `„…“, fügte er hinzu`.
                            let mut end = (last + 40).min(doc.text.len());
                            while !doc.text.is_char_boundary(end) {
                                end -= 1;
                            }
                            last..end
                        };
                        pronoun_after_verb(&doc.text, &gap)
                    });
                // A demonstrative (`Dieser bestätigte`) points to the person named last.
                let demonstrative = spans.iter().find(|s| {
                    matches!(
                        &doc.text[(*s).clone()],
                        "Dieser" | "dieser" | "Letzterer" | "letzterer"
                    )
                });
                // A phrase that opens with someone unnamed (`Ein Sprecher von Tesla`, `eine
                // Vertreterin der Stadt`) is an anonymous source, not the institution it
                // works for, unless it names the person too (`Ein Sprecher der Polizei, Jan
                // Berg`).
                // The phrase's words are read last, only where no pronoun and no person
                // already decide.
                if pronoun.is_none()
                    && !v.iter().any(person)
                    && spans.iter().any(|s| unnamed_person_phrase(&doc.text, s))
                {
                    v.clear();
                    v
                } else {
                    match pronoun {
                        // A phrase that names nobody inside an ongoing report is part of that
                        // report (`Nach unterschiedlichen Einschätzungen könnte …`, `Mehrere Staaten
                        // hätten signalisiert, …`): it goes on with the current speaker.
                        // So is a phrase that names no speaker in a conditional clause
                        // before the words (`Wenn Nordstadt geklagt hätte, hätte man …`): the
                        // verb tells what might have happened, no one's report.
                        None if v.is_empty()
                            && demonstrative.is_none()
                            && (reported_attribution(
                                &doc.text,
                                spans,
                                &st.span,
                                st.cue.as_deref(),
                            ) || spans
                                .first()
                                .is_some_and(|s| ctx.conditional_clause(s, &st.span))) =>
                        {
                            ctx.pronoun(&(st.span.start..st.span.start), None, x, entities, &out)
                        }
                        _ if v.is_empty() && demonstrative.is_some() => demonstrative
                            .and_then(|s| ctx.demonstrative_antecedent(s.start))
                            .into_iter()
                            .collect(),
                        Some(p) if !v.iter().any(person) => {
                            ctx.pronoun(&p, st.cue.as_deref(), x, entities, &out)
                        }
                        Some(p) if doc.text[p.end..].trim_start().starts_with("und ") => {
                            for a in ctx.pronoun(&p, st.cue.as_deref(), x, entities, &out) {
                                if !v.contains(&a) {
                                    v.insert(0, a);
                                }
                            }
                            v
                        }
                        // A pronoun before every person the phrase names is its subject, and
                        // the persons after it are objects (`Dabei griff sie auch den
                        // Präsidenten Jan Berg an: …`).
                        Some(p)
                            if x.all().enumerate().all(|(i, m)| {
                                !(m.kind == EntityKind::Person
                                    && v.contains(&cluster_of[i])
                                    && spans.iter().any(|s| overlaps(s, &m.span)))
                                    || m.span.start > p.end
                            }) =>
                        {
                            ctx.pronoun(&p, st.cue.as_deref(), x, entities, &out)
                        }
                        // A phrase that names no one before a verb whose subject follows it
                        // (`Die Äußerungen des Richters bezeichnete Jan Berg als …`, `Unter
                        // Berufung auf Quellen gab die Zeitung Nordblatt an, …`) is the verb's
                        // object: that subject speaks.
                        None if v.is_empty()
                            && demonstrative.is_none()
                            && verb_phrase
                            && let Some(last) = spans.iter().map(|s| s.end).max()
                            && last <= st.span.start
                            && let Some(found) = ctx.subject_after_verb(&(last..st.span.start)) =>
                        {
                            match found {
                                Ok(p) => ctx.pronoun(&p, st.cue.as_deref(), x, entities, &out),
                                Err(e) => vec![e],
                            }
                        }
                        _ => v,
                    }
                }
            }
            SpeakerRef::Pronoun(sp) => ctx.pronoun(sp, st.cue.as_deref(), x, entities, &out),
            // Konjunktiv whose own sentence gives its source only impersonally (`Die Ursache
            // sei unklar, hieß es`, `Aus der Partei ist zu hören, …`) is no one's.
            SpeakerRef::Implicit(_) | SpeakerRef::SameAs(_) if ctx.impersonal_source(&st.span) => {
                Vec::new()
            }
            // A quotation introduced by an unnamed person and a colon (`Ein Beamter der
            // Polizei: „…“`) is that anonymous source's, not the report before it.
            SpeakerRef::SameAs(_) if ctx.unnamed_label(&st.span) => Vec::new(),
            // Konjunktiv with no report before it and no person to go on with is what the
            // subject of the sentence before says, an institution too (`Der Verband begrüßte
            // die Entscheidung. Nach der Wahl könne die Politik …`).
            SpeakerRef::Implicit(_) | SpeakerRef::SameAs(_)
                if st.kind == StatementKind::Indirect
                    && let Some(p) = ctx.opening_attribution(&st.span) =>
            {
                vec![p]
            }
            // A frame whose subject is an institution, or a phrase naming no one, attributes
            // the report inside its sentence (`Die Staatsanwaltschaft hegt den Verdacht, Berg
            // könnte …`), and so does a sentence before that opens with such a source.
            SpeakerRef::Implicit(_)
                if ctx.frame_subject(&st.span).is_none()
                    && let Some(source) = ctx.own_source(&st.span) =>
            {
                source.into_iter().collect()
            }
            SpeakerRef::Implicit(at)
                if let Some(source) = ctx.intervening_source(
                    *at,
                    x.statements
                        .iter()
                        .filter(|s| s.span.end <= *at)
                        .map(|s| s.span.end)
                        .max()
                        .unwrap_or(0),
                ) =>
            {
                source.into_iter().collect()
            }
            // Otherwise the person who became the subject since the last report, or that
            // report's speaker nearby, or the subject of the sentence before; not just the
            // person named last: Konjunktiv far from any report is more often what an
            // unnamed source or the article's own sources say (`Das Amt ging an den Bund
            // über. Die Gemeinden könnten es zurückerhalten, …`).
            SpeakerRef::Implicit(at) => {
                let v = ctx.pronoun_or_named_last(&(*at..*at), None, x, entities, &out, false);
                if v.is_empty() {
                    ctx.previous_speaker_subject(*at).into_iter().collect()
                } else {
                    v
                }
            }
            // A continuation inside another report that found its speaker (a quotation in
            // `Der Experte des Verbands, Jan Berg, wandte sich dagegen: „…“`, where the
            // report's text holds its own attribution, or `Roth nannte den Plan „teuer“, Berg
            // bezeichnete ihn als „unnötig“`) continues that report, unless a person stands
            // as a subject between that report's speaker phrase and the quotation (`Der Sender
            // berichtet, dass Roth gefragt habe, was sie „plane“` is Roth's question).
            SpeakerRef::SameAs(_)
                if let Some(f) = x.statements[..out.len()]
                    .iter()
                    .zip(&out)
                    .rev()
                    .find(|(s, f)| {
                        s.span.start <= st.span.start
                            && st.span.end <= s.span.end
                            && s.span != st.span
                            && !f.speakers.is_empty()
                            && !ctx.frame_subject_at(&st.span).is_some_and(|(at, p)| {
                                let phrase_end = match &s.speaker {
                                    SpeakerRef::Spans(v) => v.iter().map(|v| v.end).max(),
                                    _ => None,
                                };
                                phrase_end.is_some_and(|e| at >= e && at < st.span.start)
                                    && !f.speakers.contains(&p)
                            })
                    })
                    .map(|(_, f)| f) =>
            {
                f.speakers.clone()
            }
            // A quotation after a colon that follows a newly named person is theirs, not the
            // earlier report's (`Eva Roth wies das zurück, die Sprecherin der Grünen, Lena
            // Hamm, erklärte: „…“`).
            SpeakerRef::SameAs(i)
                if st.kind == StatementKind::Direct
                    && let Some(p) = ctx
                        .colon_speaker(&st.span)
                        .filter(|p| out.get(*i).is_none_or(|f| !f.speakers.contains(p))) =>
            {
                vec![p]
            }
            SpeakerRef::SameAs(i) => {
                // A continued report whose own sentence names a person as its subject is
                // that person's (`Sprecher Jan Berg spielte das herunter: …`).
                let own = ctx
                    .frame_subject(&st.span)
                    .filter(|p| out.get(*i).is_none_or(|f| !f.speakers.contains(p)));
                // A person who became the subject after that report, in the sentence just
                // before, takes it over (`…, sagte Roth. Der Plan wurde von Berg als falsch
                // bezeichnet. Er sei zu teuer.` is Berg's).
                // Asked only where no own subject decides (`own` comes first).
                let newer = || {
                    x.statements.get(*i).and_then(|prev| {
                        ctx.previous_subject(st.span.start)
                            .filter(|&(at, p)| {
                                at >= prev.span.end
                                    && ctx.sentence_at(at) != ctx.sentence_at(prev.span.start)
                                    && out.get(*i).is_none_or(|f| !f.speakers.contains(&p))
                            })
                            .map(|(_, p)| p)
                    })
                };
                // A sentence after that report that opens with another source (`Die
                // Stadtreinigung äußerte Zweifel. Die Frist sei …`) takes the report over: its
                // organisation, or no one named.
                // Asked only where neither the own sentence nor a newer subject decides.
                let source = || {
                    x.statements.get(*i).and_then(|prev| {
                        ctx.intervening_source(st.span.start, prev.span.end)
                            .filter(|e| {
                                e.is_none_or(|e| {
                                    out.get(*i).is_none_or(|f| !f.speakers.contains(&e))
                                })
                            })
                    })
                };
                // A frame in its own sentence whose subject is an institution or names no
                // one (`Die Organisation verlangte eine Prüfung der „…“`) takes it over too.
                let own_source = own.is_none().then(|| ctx.own_source(&st.span)).flatten();
                // A subject found first decides without the other sources, as the first arm
                // below shows: only a frame's own source beats a newer subject.
                let subject = own.or_else(newer);
                let other = own_source.or_else(|| subject.is_none().then(source).flatten());
                match (subject, other) {
                    (Some(p), _) if own.is_some() || own_source.is_none() => vec![p],
                    (_, Some(e)) => e.into_iter().collect(),
                    (Some(p), None) => vec![p],
                    // When the text has moved on, a reported sentence right after a told one
                    // is that sentence's subject's, an institution too (`¶ Mitarbeiter der
                    // Stiftung Nordhilfe fanden die Akten. Sie seien beschädigt.`), or no one's.
                    (None, None) if ctx.moved_on(&st.span, x.statements.get(*i), out.get(*i)) => {
                        if st.kind == StatementKind::Indirect {
                            ctx.previous_speaker_subject(st.span.start)
                                .into_iter()
                                .collect()
                        } else {
                            Vec::new()
                        }
                    }
                    // A report that names no one, further back than the sentence before,
                    // leaves a reported continuation to the subject of that sentence, an
                    // institution too (`Das Institut sieht keine Gefahr. Nur Halter von
                    // Geflügel seien gefährdet.`); a quotation has its own frame.
                    (None, None)
                        if st.kind == StatementKind::Indirect
                            && out.get(*i).is_some_and(|f| f.speakers.is_empty())
                            && x.statements.get(*i).is_some_and(|prev| {
                                ctx.previous_sentence(st.span.start)
                                    .is_some_and(|before| prev.span.end <= before.start)
                            }) =>
                    {
                        ctx.previous_speaker_subject(st.span.start)
                            .into_iter()
                            .collect()
                    }
                    (None, None) => out.get(*i).map(|s| s.speakers.clone()).unwrap_or_default(),
                }
            }
            // A quotation under a line that names a speaker and ends with a colon (`Berger:`,
            // a headline's form) is that speaker's.
            SpeakerRef::None => match headline_speaker(doc, &st.span) {
                Some(line) => ctx.speakers_in(&[line]),
                // A cue without a speaker phrase still has the subject of its sentence
                // (`Eva Roth schreibt dazu in ihrem Blog: „…“`); an anonymous source names none.
                // An institution or country that opens the frame speaks where no person does
                // (`Die Hafenbehörde hatte den Bericht als „falsch“ zurückgewiesen`).
                None if st.cue.as_deref().is_some_and(verb_cue) => {
                    match ctx
                        .frame_subject(&st.span)
                        .or_else(|| ctx.own_source(&st.span).flatten())
                    {
                        Some(e) => vec![e],
                        // A `wie` clause the content swallowed names the source (`Die Anlage
                        // stand unter Druck, wie Jan Berg, Chef der Firma, mitteilte.`).
                        None => match wie_clause(&doc.text, &st.span, st.cue.as_deref()) {
                            Some(clause) => ctx.speakers_in(&[clause]),
                            // A personal pronoun that opens the frame is its subject (`Sie
                            // sicherte dabei dem Minister ihre „volle Unterstützung“ zu.`).
                            None => ctx
                                .frame_pronoun(&st.span)
                                .map(|p| ctx.pronoun(&p, st.cue.as_deref(), x, entities, &out))
                                .unwrap_or_default(),
                        },
                    }
                }
                // A quotation with no cue in a sentence whose subject is a personal pronoun
                // (`Sie sicherte dem Minister ihre „volle Unterstützung“ zu.`) or a named
                // person (`Eva Roth hatte die Zustimmung „trotz einiger Bedenken“
                // signalisiert.`) is that person's words.
                None if st.cue.is_none() => match ctx.frame_pronoun(&st.span) {
                    Some(p) => ctx.pronoun(&p, None, x, entities, &out),
                    None => match ctx.frame_subject(&st.span) {
                        Some(p) => vec![p],
                        // A quotation that is a sentence of its own, right after a sentence
                        // that tells what a person did and holds no statement, is that
                        // person's (`Roth begründete den Schritt mit ihrer Gesundheit. „Es
                        // ist allein dieser Grund.“`).
                        None if st.kind == StatementKind::Direct => {
                            match ctx.subject_before_quotation(&st.span) {
                                Some(Ok(p)) => ctx.pronoun(&p, None, x, entities, &out),
                                Some(Err(p)) => vec![p],
                                None => Vec::new(),
                            }
                        }
                        None => Vec::new(),
                    },
                },
                None => Vec::new(),
            },
        };
        let addressee = st
            .addressee
            .as_ref()
            .and_then(|a| ctx.first_named_in(a, |k| speaker_rank(k).is_some()));
        // Content that opens with its own attribution up to a colon (`Roth versuchte bei
        // einem Besuch bei Berg zu beruhigen: …`) is about what follows the colon.
        // The colon is found by byte: a string search costs a searcher set up per statement.
        let words = doc.text[st.span.clone()].as_bytes();
        let content =
            match memchr::memchr_iter(b':', words).find(|&i| words.get(i + 1) == Some(&b' ')) {
                // Only the mentions that start before the colon can end before it.
                Some(at)
                    if ctx
                        .starting_in(&(st.span.start..st.span.start + at))
                        .iter()
                        .any(|&i| {
                            x.mention(i).span.end <= st.span.start + at
                                && speakers.contains(&cluster_of[i])
                        }) =>
                {
                    st.span.start + at + 2..st.span.end
                }
                _ => st.span.clone(),
            };
        // A topic phrase runs on to the end of its sentence (`mit Blick auf Schätzungen zu
        // Toten auf russischer Seite.`).
        // Most statements have none, and then this allocates nothing and is not called.
        let topics: Vec<Span> = if st.topics.is_empty() {
            Vec::new()
        } else {
            st.topics
                .iter()
                .map(|t| {
                    let end = ctx.sentence_at(t.start).map_or(t.end, |s| s.end.max(t.end));
                    let tail = &doc.text[t.end..end];
                    // The first quote mark is found by its first byte (`"`, and the lead bytes of `„`
                    // and `»`), not by decoding every character of the tail.
                    let bytes = tail.as_bytes();
                    let stop = memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes)
                        .find(|&i| bytes[i] == b'"' || tail[i..].starts_with(['„', '»']))
                        .map_or(end, |i| t.end + i);
                    t.start..stop
                })
                .collect()
        };
        let about_spans = || std::iter::once(&content).chain(&topics);
        // Names in the speaker and addressee phrases belong to the attribution, also where
        // the cue stands inside the sentence (`…, nach Einschätzung von X, …`).
        // They are read where they stand, not copied.
        let phrases: &[Span] = match &st.speaker {
            SpeakerRef::Spans(v) => v,
            _ => &[],
        };
        // Only the mentions near an about span can overlap it; they are taken in index order,
        // as a scan of all mentions would.
        near.clear();
        for s in about_spans() {
            near.extend_from_slice(ctx.around(s));
        }
        near.sort_unstable();
        near.dedup();
        about.clear();
        for &i in &near {
            let m = x.mention(i);
            let named = about_spans().any(|s| overlaps(s, &m.span));
            let attributing = phrases
                .iter()
                .chain(&st.addressee)
                .any(|s| overlaps(s, &m.span));
            if named && !attributing && !about.contains(&cluster_of[i]) {
                about.push(cluster_of[i]);
            }
        }
        // A person's name inside their own statement stands in its attribution (`Roth
        // versuchte zu beruhigen: …`), not in what they talk about; countries and
        // organisations do name themselves (`dass die USA sich verpflichtet fühlten`).
        // Without a speaker or a topic nothing goes, and the call is not made.
        if !speakers.is_empty() && !about.is_empty() {
            about.retain(|e| {
                !speakers.contains(e)
                    || entities
                        .get(*e)
                        .is_some_and(|e| e.kind != EntityKind::Person)
            });
        }
        out.push(StatementFact {
            span: st.span.clone(),
            text: doc.slice(&st.span).to_string(),
            kind: st.kind,
            cue: st.cue.clone(),
            speakers,
            addressee,
            about: about.to_vec(),
        });
    }
    adopt_own_attribution(x, entities, &mut out);
    lead_into_quotation(doc, x, entities, &mut out);
    carry_interview_addressee(doc, x, &mut out);
    out
}

/// A Konjunktiv sentence that found no speaker, right before a quotation whose attribution
/// follows it (`Das könne zum Problem werden. „Die Regeln machen andere“, so Berg.`), leads
/// into that quotation: both are the same person's.
fn lead_into_quotation(
    doc: &Document,
    x: Parts<'_>,
    entities: &[Entity],
    out: &mut [StatementFact],
) {
    for i in 0..out.len().saturating_sub(1) {
        let st = &x.statements[i];
        if !matches!(st.speaker, SpeakerRef::Implicit(_)) || !out[i].speakers.is_empty() {
            continue;
        }
        let next = &x.statements[i + 1];
        let between = doc.text.get(st.span.end..next.span.start).unwrap_or("");
        let after_words = match &next.speaker {
            SpeakerRef::Spans(v) => v.iter().all(|p| p.start >= next.span.end),
            _ => false,
        };
        if next.kind == StatementKind::Direct
            && after_words
            && between
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '„' | '"' | '»'))
                .is_empty()
            && !between.contains('\n')
        {
            let speakers = out[i + 1].speakers.clone();
            // As for any statement, a person speaking is no topic of their own words.
            out[i].about.retain(|e| {
                !speakers.contains(e)
                    || entities
                        .get(*e)
                        .is_some_and(|e| e.kind != EntityKind::Person)
            });
            out[i].speakers = speakers;
        }
    }
}

/// Where extraction found the same words twice, once as the continuation of an earlier report
/// and once with a speaker phrase or pronoun of their own (`…, seien aber laut der
/// Oberstaatsanwältin Eva Roth schon verjährt`), the words' own attribution names the speaker
/// of both: it stands in their sentence, the continued report further back.
fn adopt_own_attribution(x: Parts<'_>, entities: &[Entity], out: &mut [StatementFact]) {
    for i in 0..out.len() {
        if !matches!(
            x.statements[i].speaker,
            SpeakerRef::SameAs(_) | SpeakerRef::Implicit(_)
        ) {
            continue;
        }
        let own = x.statements.iter().zip(out.iter()).find(|(s, f)| {
            s.span == x.statements[i].span
                && matches!(s.speaker, SpeakerRef::Spans(_) | SpeakerRef::Pronoun(_))
                && !f.speakers.is_empty()
        });
        if let Some((_, f)) = own {
            let speakers = f.speakers.clone();
            let fact = &mut out[i];
            // As for any statement, a person speaking is no topic of their own words.
            fact.about.retain(|e| {
                !speakers.contains(e)
                    || entities
                        .get(*e)
                        .is_some_and(|e| e.kind != EntityKind::Person)
            });
            fact.speakers = speakers;
        }
    }
}

/// Whether a statement's speaker phrase or pronoun stands inside its own text.
fn attributed_within(s: &crate::extract::Statement) -> bool {
    let inside = |sp: &Span| s.span.start <= sp.start && sp.end <= s.span.end;
    match &s.speaker {
        SpeakerRef::Spans(v) => !v.is_empty() && v.iter().all(inside),
        SpeakerRef::Pronoun(sp) => inside(sp),
        _ => false,
    }
}

/// Whether an attribution that names no one belongs to the report around it rather than to a
/// source of its own: a bare source noun after `nach` or `laut` without a named owner (`nach
/// unterschiedlichen Einschätzungen`, unlike `nach Angaben der Polizei`), or a subject whose
/// verb of saying stands in the Konjunktiv (`Mehrere Staaten hätten signalisiert, …`), which
/// marks the whole sentence as what the current speaker reports.
fn reported_attribution(text: &str, spans: &[Span], content: &Span, cue: Option<&str>) -> bool {
    let Some(phrase) = spans.first() else {
        return false;
    };
    // The cue is lower-cased on the stack: a `String` for each phrase asked cost more than
    // the tests.
    crate::lexicon::with_lowercase(cue.unwrap_or(""), |cue| {
        reported_with_cue(text, phrase, content, cue)
    })
}

/// `reported_attribution` for the first speaker phrase and the lower-cased cue.
fn reported_with_cue(text: &str, phrase: &Span, content: &Span, cue: &str) -> bool {
    let words = |s: &Span| -> Vec<&str> {
        text[s.clone()]
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect()
    };
    if cue == "nach" {
        // Only an estimate or finding without an owner, and only where the content itself is
        // reported in the Konjunktiv: `nach offiziellen Angaben schossen …` is the reporter's.
        let phrase = words(phrase);
        let estimate = phrase.last().is_some_and(|w| {
            let w = w.to_lowercase();
            [
                "einschätzung",
                "einschätzungen",
                "schätzung",
                "schätzungen",
                "angaben",
                "informationen",
                "erkenntnissen",
            ]
            .iter()
            .any(|n| w.ends_with(n))
        });
        let owner = phrase.iter().any(|w| {
            matches!(
                *w,
                "von" | "vom" | "des" | "der" | "dem" | "eines" | "einer" | "seiner" | "ihrer"
            )
        });
        return estimate && !owner && words(content).iter().any(|w| konjunktiv(w));
    }
    if phrase.end > content.start {
        return false;
    }
    // The perfect's auxiliary in the Konjunktiv, with the cue's participle in the same frame.
    // The frame's words are collected only where its first word is that auxiliary, which few
    // are.
    let gap = phrase.end..content.start;
    let auxiliary = text[gap.clone()]
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .find(|w| !w.is_empty())
        .is_some_and(|w| matches!(w, "habe" | "hätte" | "hätten" | "sei" | "seien"));
    if !auxiliary {
        return false;
    }
    let frame = words(&gap);
    let participle = cue.split_whitespace().next_back().unwrap_or("");
    !participle.is_empty() && frame.iter().any(|w| w.to_lowercase() == participle)
}

/// An addressee named with an interview or conversation (`im Interview mit X`, `in einem
/// Gespräch mit X`) is the addressee of everything the same speaker says in the document.
fn carry_interview_addressee(doc: &Document, x: Parts<'_>, out: &mut [StatementFact]) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Statement;
    use crate::text;

    /// Resolves hand-made statements over mentions of the given surfaces (first occurrence of
    /// each, or every occurrence with `*`), each its own entity, and returns speaker, addressee
    /// and about names per statement.
    fn attribute_names(
        t: &str,
        names: &[(&str, EntityKind)],
        statements: Vec<Statement>,
    ) -> Vec<(Vec<String>, Option<String>, Vec<String>)> {
        let mut statements = statements;
        attribute_names_with(t, names, &mut statements, |_| {})
    }

    /// `attribute_names` with a hook that adds mentions of its own (descriptors).
    fn attribute_names_with(
        t: &str,
        names: &[(&str, EntityKind)],
        statements: &mut Vec<Statement>,
        more: impl FnOnce(&mut Vec<Mention>),
    ) -> Vec<(Vec<String>, Option<String>, Vec<String>)> {
        let statements = std::mem::take(statements);
        let d = text::parse("t.txt", "t.txt", t.as_bytes()).expect("test text parses");
        let mut mentions = Vec::new();
        for &(n, kind) in names {
            // `Bergs=Jan Berg`: the surface `Bergs` proposes the name `Jan Berg`.
            let (surface, name) = n.split_once('=').unwrap_or((n, n));
            for (i, _) in d.text.match_indices(surface) {
                mentions.push(Mention {
                    span: i..i + surface.len(),
                    kind,
                    name: name.to_string(),
                    descriptor: false,
                });
            }
        }
        more(&mut mentions);
        mentions.sort_by_key(|m| m.span.start);
        let mut entities: Vec<Entity> = Vec::new();
        let mut cluster_of = Vec::new();
        for m in &mentions {
            let idx = entities
                .iter()
                .position(|e| e.name == m.name)
                .unwrap_or_else(|| {
                    entities.push(Entity {
                        name: m.name.clone(),
                        kind: m.kind,
                        aliases: vec![],
                        mentions: vec![],
                    });
                    entities.len() - 1
                });
            cluster_of.push(idx);
        }
        let x = Extraction {
            mentions,
            statements,
            relations: vec![],
        };
        let parts = Parts {
            mentions: &x.mentions,
            added: &[],
            statements: &x.statements,
        };
        let facts = attribute(&d, parts, &entities, &cluster_of);
        let name = |i: &usize| entities[*i].name.clone();
        facts
            .iter()
            .map(|f| {
                (
                    f.speakers.iter().map(name).collect(),
                    f.addressee.as_ref().map(name),
                    f.about.iter().map(name).collect(),
                )
            })
            .collect()
    }

    fn span_of(t: &str, s: &str) -> Span {
        let i = t.find(s).expect("substring");
        i..i + s.len()
    }

    fn stmt(t: &str, content: &str, speaker: SpeakerRef) -> Statement {
        Statement {
            span: span_of(t, content),
            kind: StatementKind::Indirect,
            cue: Some("sagte".into()),
            speaker,
            addressee: None,
            topics: vec![],
        }
    }

    /// A statement whose speaker phrase and cue are given as they stand in the text.
    fn cued(t: &str, content: &str, phrase: &str, cue: &str) -> Statement {
        let mut s = stmt(t, content, SpeakerRef::Spans(vec![span_of(t, phrase)]));
        s.cue = Some(cue.into());
        s
    }

    #[test]
    fn joint_speakers_and_people_before_their_institutions() {
        let t = "Anna Roth und Jan Berg vom Bauamt sagten, die Brücke sei sicher.";
        let names = [
            ("Anna Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
            ("Bauamt", EntityKind::Organization),
        ];
        let s = stmt(
            t,
            "die Brücke sei sicher",
            SpeakerRef::Spans(vec![span_of(t, "Anna Roth und Jan Berg vom Bauamt")]),
        );
        let r = attribute_names(t, &names, vec![s]);
        assert_eq!(r[0].0, vec!["Anna Roth", "Jan Berg"]);
    }

    #[test]
    fn adjectives_and_compound_modifiers_do_not_speak() {
        let t = "Der frühere polnische Bahnchef sagte, die Linie werde gebaut.";
        let names = [("polnische", EntityKind::Country)];
        let s = stmt(
            t,
            "die Linie werde gebaut",
            SpeakerRef::Spans(vec![span_of(t, "Der frühere polnische Bahnchef")]),
        );
        assert!(attribute_names(t, &names, vec![s])[0].0.is_empty());
        let t = "Der Nordbahn-Chef sagte, die Linie werde gebaut.";
        let names = [("Nordbahn", EntityKind::Organization)];
        let s = stmt(
            t,
            "die Linie werde gebaut",
            SpeakerRef::Spans(vec![span_of(t, "Der Nordbahn-Chef")]),
        );
        assert!(attribute_names(t, &names, vec![s])[0].0.is_empty());
    }

    #[test]
    fn pronouns_skip_names_inside_reported_content() {
        let t = "Eva Roth kam spät. Dass Jan Berg gehe, sei schade, sagte sie.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let sie = t.rfind("sie").expect("pronoun");
        let s = stmt(
            t,
            "Dass Jan Berg gehe, sei schade",
            SpeakerRef::Pronoun(sie..sie + 3),
        );
        let r = attribute_names(t, &names, vec![s]);
        assert_eq!(r[0].0, vec!["Eva Roth"]);
        assert_eq!(r[0].2, vec!["Jan Berg"]);
    }

    #[test]
    fn continued_reports_copy_the_speaker_and_the_interview_addressee_carries_over() {
        let t = "Eva Roth sagte im Interview mit dem Nordkurier, die Lage sei ernst. Man müsse handeln. \
                 Später sagte Eva Roth, Hilfe komme.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Nordkurier", EntityKind::Organization),
        ];
        let mut first = stmt(
            t,
            "die Lage sei ernst",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        first.addressee = Some(span_of(t, "dem Nordkurier"));
        let second = stmt(t, "Man müsse handeln", SpeakerRef::SameAs(0));
        let at = t.rfind("Eva Roth").expect("second mention");
        let third = stmt(
            t,
            "Hilfe komme",
            SpeakerRef::Spans(std::iter::once(at..at + "Eva Roth".len()).collect()),
        );
        let r = attribute_names(t, &names, vec![first, second, third]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
        for f in &r {
            assert_eq!(f.1.as_deref(), Some("Nordkurier"));
        }
    }

    #[test]
    fn an_unnamed_source_inside_a_report_goes_on_with_its_speaker() {
        let t = "Die Deiche müssten erhöht werden, sagte Eva Roth. Nach neueren Schätzungen \
                 könnte das Wasser weiter steigen. Wann gebaut wird, ließ Jan Berg offen. Mehrere \
                 Gemeinden hätten signalisiert, Geld zu geben. Nach Angaben der Behörde kam niemand.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let first = stmt(
            t,
            "Die Deiche müssten erhöht werden",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        let mut bare = stmt(
            t,
            "könnte das Wasser weiter steigen",
            SpeakerRef::Spans(vec![span_of(t, "neueren Schätzungen")]),
        );
        bare.cue = Some("Nach".into());
        let mut konjunktiv = stmt(
            t,
            "Geld zu geben",
            SpeakerRef::Spans(vec![span_of(t, "Mehrere Gemeinden")]),
        );
        konjunktiv.cue = Some("signalisiert".into());
        let mut owned = stmt(
            t,
            "kam niemand",
            SpeakerRef::Spans(vec![span_of(t, "Angaben der Behörde")]),
        );
        owned.cue = Some("Nach".into());
        let r = attribute_names(t, &names, vec![first, bare, konjunktiv, owned]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
        // The inverted subject of the sentence before (`ließ Jan Berg offen`) is the speaker.
        assert_eq!(r[2].0, vec!["Jan Berg"]);
        assert!(r[3].0.is_empty(), "{:?}", r[3]);
    }

    #[test]
    fn a_quotation_nested_in_a_report_continues_that_report() {
        let t = "Eva Roth nannte den Plan „teuer“, Jan Berg bezeichnete ihn als „unnötig“.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let mut first = stmt(t, "teuer", SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]));
        first.kind = StatementKind::Direct;
        let report = stmt(
            t,
            "ihn als „unnötig“",
            SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
        );
        let mut nested = stmt(t, "unnötig", SpeakerRef::SameAs(1));
        nested.kind = StatementKind::Direct;
        let r = attribute_names(t, &names, vec![first, report, nested]);
        assert_eq!(r[2].0, vec!["Jan Berg"]);
        // A subject between the report's speaker phrase and the quotation asks it.
        let t = "Der Sender berichtet, dass Eva Roth gefragt habe, was er „plane“.";
        let names = [
            ("Sender", EntityKind::Organization),
            ("Eva Roth", EntityKind::Person),
        ];
        let report = stmt(
            t,
            "was er „plane“",
            SpeakerRef::Spans(vec![span_of(t, "Der Sender")]),
        );
        let mut nested = stmt(t, "plane", SpeakerRef::SameAs(0));
        nested.kind = StatementKind::Direct;
        let r = attribute_names(t, &names, vec![report, nested]);
        assert_eq!(r[0].0, vec!["Sender"]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
    }

    #[test]
    fn a_new_subject_is_found_after_a_preposition_and_behind_a_descriptor() {
        let t = "„Wir bauen“, sagte Eva Roth. Nach dem Treffen mit Eva Roth zeigte sich Anna \
                 Berg zufrieden. Die Gespräche seien gut verlaufen.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Anna Berg", EntityKind::Person),
        ];
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        let next = stmt(
            t,
            "Die Gespräche seien gut verlaufen",
            SpeakerRef::SameAs(0),
        );
        let r = attribute_names(t, &names, vec![first, next]);
        assert_eq!(r[1].0, vec!["Anna Berg"]);
        // `Bürgermeister` stands for Eva Roth elsewhere; the name in apposition is the subject.
        let t = "„Wir bauen“, sagte Eva Roth. Der frühere Bürgermeister, Jan Berg, warnte vor \
                 Eile. Der Plan sei zu teuer.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        let next = stmt(t, "Der Plan sei zu teuer", SpeakerRef::SameAs(0));
        let mut statements = vec![first, next];
        let r = attribute_names_with(t, &names, &mut statements, |m| {
            m.push(Mention {
                span: span_of(t, "Bürgermeister"),
                kind: EntityKind::Person,
                name: "Eva Roth".into(),
                descriptor: true,
            })
        });
        assert_eq!(r[1].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_frame_opening_with_an_institution_attributes_the_report_in_its_sentence() {
        let t = "„Wir prüfen das“, sagte Eva Roth. Der Hafenverband verlangte eine Prüfung der \
                 „Vorgänge“. Die Staatsanwaltschaft hegt den Verdacht, der Kapitän könnte \
                 gelogen haben. Die Reaktion aus dem Hafen bestand in der Ankündigung, man werde \
                 klagen.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Hafenverband", EntityKind::Organization),
        ];
        let first = stmt(
            t,
            "Wir prüfen das",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        let mut quoted = stmt(t, "Vorgänge", SpeakerRef::SameAs(0));
        quoted.kind = StatementKind::Direct;
        let suspicion = stmt(
            t,
            "der Kapitän könnte gelogen haben",
            SpeakerRef::Implicit(span_of(t, "der Kapitän").start),
        );
        // No verb follows `Die Reaktion`: the frame names no source, the report goes on.
        let announced = stmt(t, "man werde klagen", SpeakerRef::SameAs(0));
        let r = attribute_names(t, &names, vec![first, quoted, suspicion, announced]);
        assert_eq!(r[1].0, vec!["Hafenverband"]);
        assert!(r[2].0.is_empty(), "{:?}", r[2]);
        assert_eq!(r[3].0, vec!["Eva Roth"]);
    }

    #[test]
    fn a_report_goes_on_with_the_latest_person_subject_since_the_last_report() {
        let t = "„Wir prüfen das“, sagte Eva Roth. Am Montag will der Kämmerer Jan Berg einen \
                 Plan vorlegen. Eine seiner Varianten ist der Verkauf. Der Ausschuss werde bald \
                 beraten.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let first = stmt(
            t,
            "Wir prüfen das",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        let next = stmt(
            t,
            "Der Ausschuss werde bald beraten",
            SpeakerRef::Implicit(span_of(t, "Der Ausschuss").start),
        );
        let r = attribute_names(t, &names, vec![first, next]);
        assert_eq!(r[1].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_name_in_apposition_before_a_describing_phrase_speaks() {
        let t = "Am Montag sagte General Tolli Brask, Kommandant der Truppe, die Lage sei ruhig.";
        let names = [("Tolli Brask", EntityKind::Person)];
        let s = stmt(
            t,
            "die Lage sei ruhig",
            SpeakerRef::Spans(vec![span_of(t, "Kommandant der Truppe")]),
        );
        assert_eq!(
            attribute_names(t, &names, vec![s])[0].0,
            vec!["Tolli Brask"]
        );
        // After a preposition the name is someone else.
        let t = "Sie sprach mit Tolli Brask, der Sprecher des Amtes sagte dann, alles sei gut.";
        let s = stmt(
            t,
            "alles sei gut",
            SpeakerRef::Spans(vec![span_of(t, "Sprecher des Amtes")]),
        );
        assert!(attribute_names(t, &names, vec![s])[0].0.is_empty());
    }

    #[test]
    fn a_pronoun_after_an_unnamed_person_names_no_one() {
        let t = "Jan Berg wurde operiert. Der behandelnde Arzt Bergs zeigte sich zuversichtlich. \
                 Er sagte, die Heilung gehe gut voran.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Bergs=Jan Berg", EntityKind::Person),
        ];
        let er = t.rfind("Er").expect("pronoun");
        let s = stmt(
            t,
            "die Heilung gehe gut voran",
            SpeakerRef::Pronoun(er..er + 2),
        );
        assert!(attribute_names(t, &names, vec![s])[0].0.is_empty());
        // A name in apposition names the person.
        let t = "Der Arzt des Vereins, Jan Berg, zeigte sich zuversichtlich. Er sagte, die \
                 Heilung gehe gut voran.";
        let names = [("Jan Berg", EntityKind::Person)];
        let er = t.rfind("Er").expect("pronoun");
        let s = stmt(
            t,
            "die Heilung gehe gut voran",
            SpeakerRef::Pronoun(er..er + 2),
        );
        assert_eq!(attribute_names(t, &names, vec![s])[0].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_name_in_a_subordinate_clause_is_not_the_subject_a_pronoun_stands_for() {
        // Both of one gender, so that only the clause decides.
        let names = [
            ("Eva Berg", EntityKind::Person),
            ("Lena Hamm", EntityKind::Person),
        ];
        let content = "das sei ein Fehler gewesen";
        // A conjunction opens the clause before the main clause with its own subject.
        for t in [
            "Nachdem Eva Berg gewählt wurde, korrigierte sich Lena Hamm. Sie sagte, das sei ein \
             Fehler gewesen.",
            "Obwohl Eva Berg zugestimmt hatte, stimmte Lena Hamm dagegen. Sie sagte, das sei \
             ein Fehler gewesen.",
            // A relative clause inside the main clause.
            "Die Liste, die Eva Berg vorgelegt hatte, lehnte Lena Hamm ab. Sie sagte, das sei \
             ein Fehler gewesen.",
            // A pronoun in the clause before is that clause's subject, not the main clause's.
            "Eva Berg kam spät. Weil sie krank war, sprach Lena Hamm. Sie sagte, das sei ein \
             Fehler gewesen.",
        ] {
            let sie = t.rfind("Sie").expect("pronoun");
            let s = stmt(t, content, SpeakerRef::Pronoun(sie..sie + 3));
            assert_eq!(
                attribute_names(t, &names, vec![s])[0].0,
                vec!["Lena Hamm"],
                "{t}"
            );
        }
        // Without a subject named in the main clause, the name in the clause before it stays
        // the one the pronoun stands for, and so does the first name of a clause that no comma
        // closes (`da` also opens main clauses: `Da widersprach Berg Hamm`).
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Paul Hamm", EntityKind::Person),
        ];
        for t in [
            "Nachdem Jan Berg gewählt wurde, dankte er Paul Hamm. Er sagte, das sei ein Fehler \
             gewesen.",
            "Da widersprach Jan Berg Paul Hamm. Er sagte, das sei ein Fehler gewesen.",
        ] {
            let er = t.rfind("Er").expect("pronoun");
            let s = stmt(t, content, SpeakerRef::Pronoun(er..er + 2));
            assert_eq!(
                attribute_names(t, &names, vec![s])[0].0,
                vec!["Jan Berg"],
                "{t}"
            );
        }
    }

    #[test]
    fn implicit_konjunktiv_without_a_person_is_the_institution_before_it() {
        let t = "Der Hafenverband begrüßte die Entscheidung. Nach der Wahl könne der Bau beginnen.";
        let names = [("Hafenverband", EntityKind::Organization)];
        let implicit = stmt(
            t,
            "Nach der Wahl könne der Bau beginnen",
            SpeakerRef::Implicit(span_of(t, "Nach").start),
        );
        let r = attribute_names(t, &names, vec![implicit]);
        assert_eq!(r[0].0, vec!["Hafenverband"]);
    }

    #[test]
    fn a_continued_report_goes_to_the_subject_or_passive_agent_that_came_after_it() {
        let t = "Der Hafen sei zu klein, sagte Eva Roth. Ihr Plan wurde von Minister Jan Berg \
                 als teuer bezeichnet. Die Kosten seien nicht gedeckt. Das Amt habe keine Mittel.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let first = stmt(
            t,
            "Der Hafen sei zu klein",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        let second = stmt(t, "Die Kosten seien nicht gedeckt", SpeakerRef::SameAs(0));
        let third = stmt(t, "Das Amt habe keine Mittel", SpeakerRef::SameAs(1));
        let r = attribute_names(t, &names, vec![first, second, third]);
        assert_eq!(r[1].0, vec!["Jan Berg"]);
        assert_eq!(r[2].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_new_subject_takes_over_the_pronoun_and_names_its_own_continued_report() {
        let t = "„Wir bauen“, sagte Eva Roth. Jan Berg widersprach am Abend. Er sagte, das gehe \
                 nicht. Amtsleiter Udo Kern wiegelte ab: Alles sei geplant.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
            ("Udo Kern", EntityKind::Person),
        ];
        let er = t.find("Er sagte").expect("pronoun");
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        let second = stmt(t, "das gehe nicht", SpeakerRef::Pronoun(er..er + 2));
        let third = stmt(t, "Alles sei geplant", SpeakerRef::SameAs(1));
        let r = attribute_names(t, &names, vec![first, second, third]);
        assert_eq!(r[1].0, vec!["Jan Berg"]);
        assert_eq!(r[2].0, vec!["Udo Kern"]);
        // An object after a pronoun subject does not take over.
        let t = "„Wir bauen“, sagte Eva Roth. Dabei traf sie Jan Berg. Sie sagte, es gehe voran.";
        let sie = t.find("Sie sagte").expect("pronoun");
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        let second = stmt(t, "es gehe voran", SpeakerRef::Pronoun(sie..sie + 3));
        let r = attribute_names(t, &names, vec![first, second]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
    }

    #[test]
    fn a_speaker_label_line_names_the_quotation_under_it_and_plural_sie_is_no_person() {
        let t = "Bürgermeisterin Eva Roth:\n\n„Wir bauen die Brücke“\n\nJan Berg kam. \
                 Als sie ihn fragten, ob er bleibe, lachte er.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let quote = stmt(t, "Wir bauen die Brücke", SpeakerRef::None);
        let sie = t.find("sie ihn").expect("pronoun");
        let mut asked = stmt(t, "ob er bleibe", SpeakerRef::Pronoun(sie..sie + 3));
        asked.cue = Some("fragten".into());
        let r = attribute_names(t, &names, vec![quote, asked]);
        assert_eq!(r[0].0, vec!["Eva Roth"]);
        assert!(r[1].0.is_empty());
        // Without the label line a quotation keeps no speaker.
        let t = "Ein Satz.\n\n„Wir bauen die Brücke“";
        let quote = stmt(t, "Wir bauen die Brücke", SpeakerRef::None);
        assert!(attribute_names(t, &names, vec![quote])[0].0.is_empty());
    }

    #[test]
    fn a_pronoun_in_the_speaker_phrase_names_a_person_before_an_institution() {
        let t = "Eva Roth kam spät. Im Nordkurier sagte sie, die Brücke sei sicher.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Nordkurier", EntityKind::Organization),
        ];
        let s = stmt(
            t,
            "die Brücke sei sicher",
            SpeakerRef::Spans(vec![span_of(t, "Im Nordkurier sagte sie")]),
        );
        assert_eq!(attribute_names(t, &names, vec![s])[0].0, vec!["Eva Roth"]);
        // After a preposition it is no subject: the institution speaks.
        let t = "Eva Roth kam spät. Der Nordkurier schrieb über sie, die Brücke sei sicher.";
        let s = stmt(
            t,
            "die Brücke sei sicher",
            SpeakerRef::Spans(vec![span_of(t, "Der Nordkurier schrieb über sie")]),
        );
        assert_eq!(attribute_names(t, &names, vec![s])[0].0, vec!["Nordkurier"]);
    }

    #[test]
    fn the_subject_of_the_own_sentence_binds_a_pronoun_and_a_demonstrative_the_last_name() {
        let t = "„Wir bauen“, sagte Eva Roth. Jan Berg widersprach, indem er sagte, es gehe \
                 nicht. Eva Roth rief Udo Kern an. Dieser bestätigte, es gehe doch.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
            ("Udo Kern", EntityKind::Person),
        ];
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        let er = t.find("er sagte").expect("pronoun");
        let second = stmt(t, "es gehe nicht", SpeakerRef::Pronoun(er..er + 2));
        let third = stmt(
            t,
            "es gehe doch",
            SpeakerRef::Spans(vec![span_of(t, "Dieser")]),
        );
        let r = attribute_names(t, &names, vec![first, second, third]);
        assert_eq!(r[1].0, vec!["Jan Berg"]);
        assert_eq!(r[2].0, vec!["Udo Kern"]);
    }

    #[test]
    fn an_implicit_speaker_is_the_new_subject_or_the_last_reports_speaker() {
        let t = "„Wir bauen“, sagte Eva Roth. Die Brücke sei alt. Jan Berg kam am Abend. \
                 Sie müsse bleiben.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        let old = span_of(t, "Die Brücke sei alt");
        let second = stmt(t, "Die Brücke sei alt", SpeakerRef::Implicit(old.start));
        let stay = span_of(t, "Sie müsse bleiben");
        let third = stmt(t, "Sie müsse bleiben", SpeakerRef::Implicit(stay.start));
        let r = attribute_names(t, &names, vec![first, second, third]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
        assert_eq!(r[2].0, vec!["Jan Berg"]);
        // In a new paragraph neither the report before nor a person named there speaks: the
        // Konjunktiv is what the article's unnamed sources say.
        let t = "Das Wort „Wer wagt, gewinnt“ wird oft Jan Berg zugeschrieben. „Wir bauen“, \
                 sagte Eva Roth.\n\nDas Gelände ging 1990 an den Bund. Die Gemeinden \
                 könnten es zurückerhalten.\n\nEva Roth stellte den Plan vor. Er koste zwei \
                 Millionen.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        let back = span_of(t, "Die Gemeinden");
        let second = stmt(
            t,
            "Die Gemeinden könnten es zurückerhalten",
            SpeakerRef::Implicit(back.start),
        );
        let cost = span_of(t, "Er koste");
        let third = stmt(
            t,
            "Er koste zwei Millionen",
            SpeakerRef::Implicit(cost.start),
        );
        let r = attribute_names(t, &names, vec![first, second, third]);
        assert!(r[1].0.is_empty(), "{:?}", r[1]);
        assert_eq!(r[2].0, vec!["Eva Roth"]);
    }

    #[test]
    fn an_implicit_report_with_an_impersonal_source_is_no_ones() {
        // Each report follows a sentence whose subject would otherwise speak; the impersonal
        // form in its own sentence says the source is unnamed.
        let t = "Eva Roth leitet das Werk. Die Halle sei zu klein, wie es am Montag hieß. \
                 Jan Berg baute den Steg. Aus dem Rathaus ist zu hören, er sei zu schmal. \
                 Eva Roth plant einen Umbau. Er koste viel, wird vermutet. \
                 Jan Berg kam spät. Die Kosten seien gestiegen, hieß es aus dem Bauamt. \
                 Eva Roth erklärte das Projekt. Der Plan bleibe, das heißt, es gebe keinen Aufschub.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
            ("Bauamt", EntityKind::Organization),
        ];
        let implicit = |content: &str| {
            let at = span_of(t, content).start;
            stmt(t, content, SpeakerRef::Implicit(at))
        };
        let r = attribute_names(
            t,
            &names,
            vec![
                implicit("Die Halle sei zu klein, wie es am Montag hieß"),
                implicit("er sei zu schmal"),
                implicit("Er koste viel, wird vermutet"),
                implicit("Die Kosten seien gestiegen, hieß es aus dem Bauamt"),
                implicit("Der Plan bleibe, das heißt, es gebe keinen Aufschub"),
            ],
        );
        assert!(r[0].0.is_empty(), "{:?}", r[0]);
        assert!(r[1].0.is_empty(), "{:?}", r[1]);
        assert!(r[2].0.is_empty(), "{:?}", r[2]);
        // A source named after `hieß es` speaks, and `das heißt` (that is) is no source.
        assert!(!r[3].0.is_empty(), "{:?}", r[3]);
        assert_eq!(r[4].0, vec!["Eva Roth"]);
    }

    #[test]
    fn in_the_passive_only_the_agent_speaks() {
        let t = "Jan Berg wird vorgeworfen, er habe gelogen. Eva Roth wurde vom Bauamt \
                 aufgefordert, die Brücke zu sperren. Eva Roth hat angekündigt, sie zu sperren.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Eva Roth", EntityKind::Person),
            ("Bauamt", EntityKind::Organization),
        ];
        let mut accused = stmt(
            t,
            "er habe gelogen",
            SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
        );
        accused.cue = Some("vorgeworfen".into());
        let mut asked = stmt(
            t,
            "die Brücke zu sperren",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth wurde vom Bauamt")]),
        );
        asked.cue = Some("aufgefordert".into());
        let at = t.rfind("Eva Roth").expect("second");
        let mut active = stmt(
            t,
            "sie zu sperren",
            SpeakerRef::Spans(std::iter::once(at..at + "Eva Roth".len()).collect()),
        );
        active.cue = Some("angekündigt".into());
        let r = attribute_names(t, &names, vec![accused, asked, active]);
        assert!(r[0].0.is_empty(), "{:?}", r[0]);
        assert_eq!(r[1].0, vec!["Bauamt"]);
        assert_eq!(r[2].0, vec!["Eva Roth"]);
        // `werden` right after the participle is the passive though `hatte` stands before.
        let t = "Der Streit hatte sich zugespitzt, bis der Verein aufgefordert wurde, die \
                 Kosten zu tragen.";
        let names = [("Verein", EntityKind::Organization)];
        let mut asked = stmt(
            t,
            "die Kosten zu tragen",
            SpeakerRef::Spans(vec![span_of(t, "der Verein")]),
        );
        asked.cue = Some("aufgefordert".into());
        let r = attribute_names(t, &names, vec![asked]);
        assert!(r[0].0.is_empty(), "{:?}", r[0]);
    }

    #[test]
    fn appositions_are_name_words_between_commas() {
        let cases = [
            (
                "Die Sprecherin der Stiftung, Heike van Laaren, sagte",
                Some("Heike van Laaren"),
            ),
            (
                "Der Chef der Agentur, Jan R. Berg (SPD), sagte",
                Some("Jan R. Berg"),
            ),
            ("Der Sprecher, der dort arbeitet, sagte", None),
            ("Der Sprecher, Berg, sagte", None),
        ];
        for (t, want) in cases {
            let phrase = 0..t.find(',').expect("comma");
            let got = appositive(t, &phrase).map(|s| &t[s]);
            assert_eq!(got, want, "{t}");
        }
        // A prepositional or genitive tail may stand between the phrase and the name.
        let tails = [
            (
                "Seine Kollegin in der Versammlung der Stadt,  Eva Roth, urteilte",
                Some("Eva Roth"),
            ),
            ("Seine Kollegin in der Stadt. Eva Roth, urteilte", None),
            ("Seine Kollegin sagte, Eva Roth, urteilte", None),
            // `zu` opens a tail, and a short form in parentheses may close it.
            (
                "Seine Kollegin zur Zeit des Streits, Eva Roth, urteilte",
                Some("Eva Roth"),
            ),
            (
                "Seine Kollegin im Bund für Vogelschutz (BfV), Eva Roth, urteilte",
                Some("Eva Roth"),
            ),
            ("Seine Kollegin im Bund (BfV, Eva Roth, urteilte", None),
        ];
        for (t, want) in tails {
            let phrase = 0.."Seine Kollegin".len();
            let got = appositive(t, &phrase).map(|s| &t[s]);
            assert_eq!(got, want, "{t}");
        }
        // A phrase cut inside a name at a particle goes on to the name after the comma; a
        // particle after a lower-case word is no part of a name.
        let cut = [
            (
                "Der Kandidat des Front de gauche (Linksfront), Eva Roth, urteilte",
                "Der Kandidat des Front",
                Some("Eva Roth"),
            ),
            (
                "Der Kandidat sprach de facto, Eva Roth, urteilte",
                "Der Kandidat sprach",
                None,
            ),
        ];
        for (t, phrase, want) in cut {
            let got = appositive(t, &(0..phrase.len())).map(|s| &t[s]);
            assert_eq!(got, want, "{t}");
        }
    }

    #[test]
    fn about_leaves_out_the_speaker_person_the_addressee_and_the_attribution_and_topics_run_on() {
        let t = "Eva Roth kam. Eva Roth versuchte im Bauamt zu beruhigen: Polen helfe. Danach sagte sie dem \
                 Nordkurier, es gehe voran, mit Blick auf Hilfe aus polnischen Städten. Eva Roth \
                 lobte den Bau.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Bauamt", EntityKind::Organization),
            ("Polen", EntityKind::Country),
            ("Nordkurier", EntityKind::Organization),
            ("polnischen", EntityKind::Country),
        ];
        let sie = t.find("sie dem").expect("pronoun");
        let mut second = stmt(t, "es gehe voran", SpeakerRef::Pronoun(sie..sie + 3));
        second.addressee = Some(span_of(t, "dem Nordkurier"));
        second.topics = vec![span_of(t, "Hilfe aus")];
        // The whole sentence as content, its speaker given by the other statement.
        let whole = stmt(
            t,
            "Eva Roth versuchte im Bauamt zu beruhigen: Polen helfe",
            SpeakerRef::SameAs(0),
        );
        // Without the colon: the speaker is still no topic of her own words.
        let no_colon = stmt(t, "Eva Roth lobte den Bau", SpeakerRef::SameAs(0));
        let r = attribute_names(t, &names, vec![second, whole, no_colon]);
        assert_eq!(r[0].0, vec!["Eva Roth"]);
        assert_eq!(r[0].1.as_deref(), Some("Nordkurier"));
        assert_eq!(r[0].2, vec!["polnischen"]);
        // The attribution before the colon is no topic either.
        assert_eq!(r[1].0, vec!["Eva Roth"]);
        assert_eq!(r[1].2, vec!["Polen"]);
        assert_eq!(r[2].0, vec!["Eva Roth"]);
        assert!(r[2].2.is_empty());
    }

    #[test]
    fn topics_add_to_what_a_statement_is_about() {
        let t = "„Das reicht nicht“, sagte sie mit Blick auf Polen.";
        let names = [("Polen", EntityKind::Country)];
        let mut s = stmt(t, "Das reicht nicht", SpeakerRef::None);
        s.topics = vec![span_of(t, "Polen")];
        assert_eq!(attribute_names(t, &names, vec![s])[0].2, vec!["Polen"]);
    }

    #[test]
    fn a_pronoun_skips_persons_of_the_other_gender() {
        let t = "Eva Roth kam zum Hafen. „Wir bauen“, sagte Jan Berg. Sie sagte, die Brücke sei \
                 sicher. Er sagte, sie sei alt.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
        );
        let sie = t.find("Sie sagte").expect("pronoun");
        let second = stmt(
            t,
            "die Brücke sei sicher",
            SpeakerRef::Pronoun(sie..sie + 3),
        );
        let er = t.find("Er sagte").expect("pronoun");
        let third = stmt(t, "sie sei alt", SpeakerRef::Pronoun(er..er + 2));
        let r = attribute_names(t, &names, vec![first, second, third]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
        assert_eq!(r[2].0, vec!["Jan Berg"]);
        // A name of unknown gender stays a candidate for either pronoun.
        let t = "„Wir bauen“, sagte Tolli Brask. Sie sagte, die Brücke sei sicher.";
        let names = [("Tolli Brask", EntityKind::Person)];
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Tolli Brask")]),
        );
        let sie = t.find("Sie sagte").expect("pronoun");
        let second = stmt(
            t,
            "die Brücke sei sicher",
            SpeakerRef::Pronoun(sie..sie + 3),
        );
        let r = attribute_names(t, &names, vec![first, second]);
        assert_eq!(r[1].0, vec!["Tolli Brask"]);
    }

    #[test]
    fn a_feminine_role_among_the_aliases_gives_the_gender() {
        let e = |name: &str, aliases: &[&str]| Entity {
            name: name.into(),
            kind: EntityKind::Person,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            mentions: vec![],
        };
        assert_eq!(entity_gender(&e("Eva Roth", &[])), Some(Gender::Female));
        assert_eq!(entity_gender(&e("Jan Berg", &[])), Some(Gender::Male));
        assert_eq!(
            entity_gender(&e("Brask", &["Brask", "Ministerin"])),
            Some(Gender::Female)
        );
        assert_eq!(entity_gender(&e("Brask", &["Brask", "Minister"])), None);
        assert_eq!(
            entity_gender(&e("Ziehvater", &["Ziehvater"])),
            Some(Gender::Male)
        );
    }

    #[test]
    fn a_speaker_named_inside_the_statements_own_sentence_is_an_antecedent() {
        let t = "„Wir bauen“, sagte Jan Berg. Auch die Sprecherin der Stiftung, Eva Roth, \
                 schloss sich an: Die Brücke sei ihrer Meinung nach sicher.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Eva Roth", EntityKind::Person),
        ];
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
        );
        let ihrer = t.find("ihrer").expect("pronoun");
        let whole = stmt(
            t,
            "Auch die Sprecherin der Stiftung, Eva Roth, schloss sich an: Die Brücke sei ihrer \
             Meinung nach sicher",
            SpeakerRef::Pronoun(ihrer..ihrer + 5),
        );
        let r = attribute_names(t, &names, vec![first, whole]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
    }

    #[test]
    fn a_name_cut_off_by_the_phrase_and_a_quoted_name_after_it_speak() {
        let t = "Die Tour sei verschoben, erklärte der Verbandschef Jens R. Tolmann am Montag.";
        let names = [("Jens R. Tolmann", EntityKind::Person)];
        let s = stmt(
            t,
            "Die Tour sei verschoben",
            SpeakerRef::Spans(vec![span_of(t, "der Verbandschef Jens R")]),
        );
        assert_eq!(
            attribute_names(t, &names, vec![s])[0].0,
            vec!["Jens R. Tolmann"]
        );
        // A phrase that ends before a sentence's end cuts nothing.
        let t = "Die Tour sei verschoben, erklärte Eva Roth. Jens R. Tolmann kam.";
        let names = [("Jens R. Tolmann", EntityKind::Person)];
        let s = stmt(
            t,
            "Die Tour sei verschoben",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth.")]),
        );
        assert!(attribute_names(t, &names, vec![s])[0].0.is_empty());
        let t = "Nach Angaben des Magazins „Nordblick“ sei die Brücke gesperrt worden.";
        let names = [("Nordblick", EntityKind::Organization)];
        let s = cued(
            t,
            "sei die Brücke gesperrt worden",
            "Angaben des Magazins",
            "Nach",
        );
        assert_eq!(attribute_names(t, &names, vec![s])[0].0, vec!["Nordblick"]);
    }

    #[test]
    fn a_continued_report_that_opens_with_its_own_attribution_is_that_persons() {
        let t = "„Wir bauen“, sagte Jan Berg. Eva Roth selbst schrieb in einer Erklärung, sie \
                 wolle gehen. Auch der Sprecher des Vereins der Freunde der Brücke im Norden, \
                 Udo Kern, wandte sich dagegen, der Bau sei zu teuer. Udo Kern habe gelogen, die \
                 Kosten seien gedeckt.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Eva Roth", EntityKind::Person),
            ("Udo Kern", EntityKind::Person),
        ];
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
        );
        let second = stmt(
            t,
            "Eva Roth selbst schrieb in einer Erklärung, sie wolle gehen",
            SpeakerRef::SameAs(0),
        );
        let third = stmt(
            t,
            "Auch der Sprecher des Vereins der Freunde der Brücke im Norden, Udo Kern, wandte \
             sich dagegen, der Bau sei zu teuer",
            SpeakerRef::SameAs(1),
        );
        // A name whose clause is in the Konjunktiv is what the report is about.
        let fourth = stmt(
            t,
            "Udo Kern habe gelogen, die Kosten seien gedeckt",
            SpeakerRef::SameAs(0),
        );
        let r = attribute_names(t, &names, vec![first, second, third, fourth]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
        assert_eq!(r[2].0, vec!["Udo Kern"]);
        assert_eq!(r[3].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_cue_without_a_speaker_phrase_is_its_sentences_subjects_but_a_source_adverb_is_not() {
        let t = "Eva Roth schreibt dazu in ihrem Blog: „Die Brücke hält.“ Jan Berg las einen \
                 Bericht, wonach die Brücke alt sei.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let mut blog = stmt(t, "Die Brücke hält.", SpeakerRef::None);
        blog.cue = Some("schreibt".into());
        let mut demnach = stmt(t, "die Brücke alt sei", SpeakerRef::None);
        demnach.cue = Some("wonach".into());
        let r = attribute_names(t, &names, vec![blog, demnach]);
        assert_eq!(r[0].0, vec!["Eva Roth"]);
        assert!(r[1].0.is_empty(), "{:?}", r[1]);
    }

    #[test]
    fn a_pronoun_after_the_verb_of_a_fronted_phrase_is_the_frames_subject() {
        // The frame opens with a phrase before its verb, so the pronoun after the verb is
        // the subject; after a comma it is no longer the main clause's.
        let t = "Im Mai hatte Eva Roth ihr Buch vorgestellt. Seit dem Sommer vertritt sie die \
                 These, dass die Brücke zu alt sei. Jan Berg sprach mit Udo Kern. Wegen der \
                 Kosten, die er nannte, erging die Bitte, dass die Stadt zahle.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
            ("Udo Kern", EntityKind::Person),
        ];
        let mut these = stmt(t, "die Brücke zu alt sei", SpeakerRef::None);
        these.cue = Some("These".into());
        let mut bitte = stmt(t, "die Stadt zahle", SpeakerRef::None);
        bitte.cue = Some("Bitte".into());
        let r = attribute_names(t, &names, vec![these, bitte]);
        assert_eq!(r[0].0, vec!["Eva Roth"]);
        assert!(r[1].0.is_empty(), "{:?}", r[1]);
    }

    #[test]
    fn a_lone_adverb_leaves_the_pronoun_after_the_verb_however_long_the_frame() {
        let t = "Eva Roth trat im Mai zurück. Aktuell lässt sie dort – auf ihrer Seite im Netz \
                 und durch ihre Anwälte – Folgendes zu ihrer Person erklären: „Die Brücke hält.“";
        let names = [("Eva Roth", EntityKind::Person)];
        let r = attribute_names(
            t,
            &names,
            vec![cued(t, "Die Brücke hält.", "Aktuell", "erklären")],
        );
        assert_eq!(r[0].0, vec!["Eva Roth"]);
    }

    #[test]
    fn a_phrase_ending_with_und_shares_the_subject_and_an_adverb_keeps_its_apposition() {
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let t = "Eva Roth erklärte, der Plan sei „teuer, und das weiß jeder“ und kündigte an, \
                 bald zurückzutreten.";
        let r = attribute_names(
            t,
            &names,
            vec![cued(
                t,
                "bald zurückzutreten",
                "und das weiß jeder“ und",
                "kündigte an",
            )],
        );
        assert_eq!(r[0].0, vec!["Eva Roth"]);
        // The words took in the name in apposition after the adverb's verb.
        let t = "So sagte der Leiter des Amtes für Hochwasser, Jan Berg, gegenüber dem Sender, \
                 dass die Dämme hielten.";
        let r = attribute_names(
            t,
            &names,
            vec![cued(
                t,
                "Jan Berg, gegenüber dem Sender, dass die Dämme hielten",
                "So",
                "sagte",
            )],
        );
        assert_eq!(r[0].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_possessor_in_the_genitive_and_an_indefinite_descriptor_do_not_speak() {
        let t = "Die Verteidiger Jan Bergs argumentierten, er sei unschuldig. Nach Angaben Tolli \
                 Brasks sei er gesund. Die Äußerungen Lena Kerns und Eva Roths kritisierte Udo \
                 Kern, sie seien falsch.";
        let names = [
            ("Jan Bergs=Jan Berg", EntityKind::Person),
            ("Tolli Brasks=Tolli Brask", EntityKind::Person),
            ("Lena Kerns=Lena Kern", EntityKind::Person),
            ("Eva Roths=Eva Roth", EntityKind::Person),
            ("Udo Kern", EntityKind::Person),
        ];
        let mut defenders = stmt(
            t,
            "er sei unschuldig",
            SpeakerRef::Spans(vec![span_of(t, "Die Verteidiger Jan Bergs")]),
        );
        defenders.cue = Some("argumentierten".into());
        let mut source = stmt(
            t,
            "sei er gesund",
            SpeakerRef::Spans(vec![span_of(t, "Angaben Tolli Brasks")]),
        );
        source.cue = Some("Nach".into());
        let subject = stmt(
            t,
            "sie seien falsch",
            SpeakerRef::Spans(vec![span_of(
                t,
                "Die Äußerungen Lena Kerns und Eva Roths kritisierte Udo Kern",
            )]),
        );
        let r = attribute_names(t, &names, vec![defenders, source, subject]);
        assert!(r[0].0.is_empty(), "{:?}", r[0]);
        assert_eq!(r[1].0, vec!["Tolli Brask"]);
        assert_eq!(r[2].0, vec!["Udo Kern"]);
        let d = text::parse(
            "t.txt",
            "t.txt",
            "Ein Sprecher sagte, der Sprecher gehe.".as_bytes(),
        )
        .expect("parses");
        let m = |at: usize| Mention {
            span: at..at + "Sprecher".len(),
            kind: EntityKind::Person,
            name: "Jan Berg".into(),
            descriptor: true,
        };
        assert!(indefinite_descriptor(&d.text, &m(4)));
        assert!(!indefinite_descriptor(&d.text, &m(23)));
    }

    #[test]
    fn a_pronoun_right_after_the_verb_speaks_instead_of_the_phrase_before_it() {
        let t = "Eva Roth kam spät. Im Nordkurier am Abend sagte sie: „Die Brücke hält.“ Im \
                 Nordkurier sagte Jan Berg, sie halte nicht.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
            ("Nordkurier", EntityKind::Organization),
        ];
        let paper = stmt(
            t,
            "Die Brücke hält.",
            SpeakerRef::Spans(vec![span_of(t, "Im Nordkurier am Abend")]),
        );
        let at = t.rfind("Im Nordkurier").expect("second");
        let named = stmt(
            t,
            "sie halte nicht",
            SpeakerRef::Spans(std::iter::once(at..at + "Im Nordkurier".len()).collect()),
        );
        let r = attribute_names(t, &names, vec![paper, named]);
        assert_eq!(r[0].0, vec!["Eva Roth"]);
        // Without a pronoun after the verb the phrase keeps its institution.
        assert_eq!(r[1].0, vec!["Nordkurier"]);
    }

    #[test]
    fn a_phrase_that_holds_the_words_names_no_speaker_inside_them() {
        let t = "Jan Berg kam. „Damit Eva Roth weiß: Wir bleiben“, fügte er hinzu.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Eva Roth", EntityKind::Person),
        ];
        let words = span_of(t, "„Damit Eva Roth weiß: Wir bleiben“,");
        let s = stmt(
            t,
            "Damit Eva Roth weiß: Wir bleiben",
            SpeakerRef::Spans(vec![words]),
        );
        assert_eq!(attribute_names(t, &names, vec![s])[0].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_sentence_that_opens_with_another_speaking_source_takes_the_report_over() {
        let t = "„Wir bauen“, sagte Jan Berg. Die Umweltbehörde äußerte Zweifel an dem Plan. Die \
                 Frist sei zu kurz. Der Nordkurier kritisierte den Plan. Die Kosten seien zu \
                 hoch. Die Kosten stiegen zuletzt stark. Der Bau dauere lange.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Nordkurier", EntityKind::Organization),
        ];
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
        );
        let unnamed = stmt(t, "Die Frist sei zu kurz", SpeakerRef::SameAs(0));
        let named = stmt(t, "Die Kosten seien zu hoch", SpeakerRef::SameAs(0));
        // A sentence without a verb of saying takes nothing over.
        let carried = stmt(t, "Der Bau dauere lange", SpeakerRef::SameAs(2));
        let r = attribute_names(t, &names, vec![first, unnamed, named, carried]);
        assert!(r[1].0.is_empty(), "{:?}", r[1]);
        assert_eq!(r[2].0, vec!["Nordkurier"]);
        assert_eq!(r[3].0, vec!["Nordkurier"]);
        // The same for a report in the Konjunktiv that goes on without a cue.
        let t = "„Wir bauen“, sagte Jan Berg. Die Umweltbehörde äußerte Zweifel. Die Frist sei \
                 zu kurz.";
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
        );
        let frist = span_of(t, "Die Frist sei zu kurz");
        let implicit = stmt(
            t,
            "Die Frist sei zu kurz",
            SpeakerRef::Implicit(frist.start),
        );
        let r = attribute_names(t, &names, vec![first, implicit]);
        assert!(r[1].0.is_empty(), "{:?}", r[1]);
        assert!(speech_verb("kritisierte", &[]));
        assert!(speech_verb("gab", &["Zahlen", "bekannt."]));
        assert!(!speech_verb("gab", &["Zahlen", "aus."]));
        assert!(!speech_verb("stiegen", &[]));
    }

    #[test]
    fn a_sentence_opening_with_an_unnamed_group_takes_the_report_over_from_no_one() {
        // A bare plural group with a genitive, before a verb of saying, ends Berg's report.
        let t = "Jan Berg sagte, der Damm halte. Kritiker des Baus verweisen auf die Kosten. \
                 Schon jetzt seien die Mittel knapp.";
        let names = [("Jan Berg", EntityKind::Person)];
        let first = stmt(
            t,
            "der Damm halte",
            SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
        );
        let next = stmt(
            t,
            "Schon jetzt seien die Mittel knapp",
            SpeakerRef::SameAs(0),
        );
        let r = attribute_names(t, &names, vec![first, next]);
        assert!(r[1].0.is_empty(), "{:?}", r[1]);
        // Adjectives joined by `und` before the group, in the report's own sentence.
        let t = "Jan Berg sagte, der Damm halte. Die örtlichen und auswärtigen Helfer waren \
                 davon ausgegangen, das Wasser sinke bald.";
        let first = stmt(
            t,
            "der Damm halte",
            SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
        );
        let next = stmt(t, "das Wasser sinke bald", SpeakerRef::SameAs(0));
        let r = attribute_names(t, &names, vec![first, next]);
        assert!(r[1].0.is_empty(), "{:?}", r[1]);
        // A capitalised word after a bare role may be a name no list knows: no group.
        let t = "Jan Berg sagte, der Damm halte. Forscher Wendrak verwies auf die Kosten. \
                 Schon jetzt seien die Mittel knapp.";
        let first = stmt(
            t,
            "der Damm halte",
            SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
        );
        let next = stmt(
            t,
            "Schon jetzt seien die Mittel knapp",
            SpeakerRef::SameAs(0),
        );
        let r = attribute_names(t, &names, vec![first, next]);
        assert_eq!(r[1].0, vec!["Jan Berg"]);
        assert!(group_noun("Umweltschützer") && !group_noun("Umwelt"));
    }

    #[test]
    fn an_unnamed_spokesperson_of_an_institution_is_an_anonymous_source() {
        let t = "Ein Sprecher von Nordwerk teilte mit, das Werk bleibe offen. Eine Sprecherin \
                 der Hafenbehörde, Eva Roth, sagte, die Schleuse sei frei. Nordwerk erklärte, \
                 man plane neu.";
        let names = [
            ("Nordwerk", EntityKind::Organization),
            ("Hafenbehörde", EntityKind::Organization),
            ("Eva Roth", EntityKind::Person),
        ];
        let anonymous = stmt(
            t,
            "das Werk bleibe offen",
            SpeakerRef::Spans(vec![span_of(t, "Ein Sprecher von Nordwerk")]),
        );
        let named = stmt(
            t,
            "die Schleuse sei frei",
            SpeakerRef::Spans(vec![span_of(t, "Eine Sprecherin der Hafenbehörde")]),
        );
        let plain = stmt(
            t,
            "man plane neu",
            SpeakerRef::Spans(vec![span_of(t, "Nordwerk erklärte")]),
        );
        let r = attribute_names(t, &names, vec![anonymous, named, plain]);
        assert!(r[0].0.is_empty(), "{:?}", r[0]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
        assert_eq!(r[2].0, vec!["Nordwerk"]);
    }

    #[test]
    fn a_cue_without_a_phrase_goes_to_the_institution_that_opens_the_frame() {
        let t = "Die Hafenbehörde hatte den Bericht umgehend als „falsch“ zurückgewiesen.";
        let names = [("Hafenbehörde", EntityKind::Organization)];
        let mut st = stmt(t, "falsch", SpeakerRef::None);
        st.cue = Some("zurückgewiesen".into());
        let r = attribute_names(t, &names, vec![st]);
        assert_eq!(r[0].0, vec!["Hafenbehörde"]);
        // A source adverb is no verb: no subject speaks.
        let mut st = stmt(t, "falsch", SpeakerRef::None);
        st.cue = Some("demnach".into());
        let r = attribute_names(t, &names, vec![st]);
        assert!(r[0].0.is_empty(), "{:?}", r[0]);
    }

    #[test]
    fn a_pronoun_before_the_persons_of_its_phrase_is_the_subject() {
        let t = "Eva Roth sprach im Rat. Dabei griff sie auch den Präsidenten Jan Berg an: \
                 „Der Plan ist zu teuer.“";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let phrase = span_of(t, "Dabei griff sie auch den Präsidenten Jan Berg an");
        let st = stmt(t, "Der Plan ist zu teuer.", SpeakerRef::Spans(vec![phrase]));
        let r = attribute_names(t, &names, vec![st]);
        assert_eq!(r[0].0, vec!["Eva Roth"]);
        // A person before the pronoun is still the speaker (`Jan Berg, der sie kennt, …`).
        let t = "Eva Roth sprach im Rat. Jan Berg, der sie kennt, sagte: „Der Plan ist gut.“";
        let phrase = span_of(t, "Jan Berg, der sie kennt,");
        let st = stmt(t, "Der Plan ist gut.", SpeakerRef::Spans(vec![phrase]));
        let r = attribute_names(t, &names, vec![st]);
        assert_eq!(r[0].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_continuation_after_a_told_sentence_in_a_new_paragraph_is_no_ones() {
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Berg=Jan Berg", EntityKind::Person),
        ];
        let run = |t: &str, content: &str| {
            let first = stmt(
                t,
                "Wir bauen",
                SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
            );
            let next = stmt(t, content, SpeakerRef::SameAs(0));
            attribute_names(t, &names, vec![first, next])[1].0.clone()
        };
        // The paragraph has moved on to what the office did.
        let t = "„Wir bauen“, sagte Jan Berg.\n\nAm Montag legte das Amt die Termine fest. \
                 Möglich seien der Mai und der Juni.";
        assert!(run(t, "Möglich seien der Mai und der Juni").is_empty());
        // A sentence that names the speaker, or a line that only leads into the quotation,
        // goes on with him.
        let t = "„Wir bauen“, sagte Jan Berg.\n\nDer Plan von Berg ist alt. Er sei billig.";
        assert_eq!(run(t, "Er sei billig"), vec!["Jan Berg"]);
        let t = "„Wir bauen“, sagte Jan Berg.\n\nKosten der Brücke: „Sie bleiben gering.“";
        assert_eq!(run(t, "Sie bleiben gering."), vec!["Jan Berg"]);
    }

    #[test]
    fn a_report_after_a_told_sentence_in_a_new_paragraph_is_that_sentences_subjects() {
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Stiftung Nordhilfe", EntityKind::Organization),
        ];
        let t = "„Wir bauen“, sagte Jan Berg.\n\nMitarbeiter der Stiftung Nordhilfe fanden am \
                 Montag die Akten im Keller. Die Akten seien beschädigt.";
        let first = stmt(
            t,
            "Wir bauen",
            SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
        );
        let next = stmt(t, "Die Akten seien beschädigt", SpeakerRef::SameAs(0));
        let r = attribute_names(t, &names, vec![first, next]);
        assert_eq!(r[1].0, vec!["Stiftung Nordhilfe"]);
    }

    #[test]
    fn a_named_person_beats_a_descriptor_and_a_genitive_before_a_noun_is_a_possessor() {
        let t = "Jan Berg kam. Der Vorsitzende des Rates Udo Kern sagte, es gehe. Bergs \
                 Verteidiger Tolli Brask sagte, er sei unschuldig. Bergs Verteidiger sagte, er \
                 sei krank.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Udo Kern", EntityKind::Person),
            ("Bergs=Jan Berg", EntityKind::Person),
            ("Tolli Brask", EntityKind::Person),
        ];
        let kern = stmt(
            t,
            "es gehe",
            SpeakerRef::Spans(vec![span_of(t, "Der Vorsitzende des Rates Udo Kern")]),
        );
        let brask = stmt(
            t,
            "er sei unschuldig",
            SpeakerRef::Spans(vec![span_of(t, "Bergs Verteidiger Tolli Brask")]),
        );
        let at = t.rfind("Bergs Verteidiger").expect("second");
        let unnamed = stmt(
            t,
            "er sei krank",
            SpeakerRef::Spans(std::iter::once(at..at + "Bergs Verteidiger".len()).collect()),
        );
        let mut x = vec![kern, brask, unnamed];
        // The descriptor `Vorsitzende` stands for Jan Berg here.
        let r = attribute_names_with(t, &names, &mut x, |mentions| {
            let at = t.find("Vorsitzende").expect("descriptor");
            mentions.push(Mention {
                span: at..at + "Vorsitzende".len(),
                kind: EntityKind::Person,
                name: "Jan Berg".into(),
                descriptor: true,
            });
        });
        assert_eq!(r[0].0, vec!["Udo Kern"]);
        assert_eq!(r[1].0, vec!["Tolli Brask"]);
        assert!(r[2].0.is_empty(), "{:?}", r[2]);
    }

    /// The direct search answers as the set of the text's lower-case words did.
    #[test]
    fn lower_word_search_agrees_with_the_words_of_the_text() {
        let text = "Natürlich kam er. natürlich-ja, über Über-Brücke x natürlich\nEnde öl";
        let set: std::collections::HashSet<&str> = text
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|t| t.starts_with(char::is_lowercase))
            .collect();
        for w in [
            "natürlich",
            "Natürlich",
            "kam",
            "er",
            "natürlich-ja",
            "über",
            "brücke",
            "ende",
            "öl",
            "x",
            "",
            "ja",
            "er.",
            "ber",
        ] {
            let lower = w.to_lowercase();
            assert_eq!(
                lower_word_in(text, &lower),
                set.contains(lower.as_str()),
                "{w}"
            );
        }
    }

    #[test]
    fn a_continued_report_does_not_take_the_speaker_of_the_next_report_as_its_frame() {
        // `50.` reads as an ordinal, so the text holds the two sentences as one.
        let t = "Eva Roth beklagte, dass zu wenige Helfer kämen. Im Jahr 1999 seien 200 Helfer \
                 im Einsatz gewesen, in diesem Jahr nur 50. Innenminister Jan Berg gestand ein, \
                 dass die Lage unterschätzt worden sei.";
        let d = text::parse("t.txt", "t.txt", t.as_bytes()).expect("test text parses");
        assert!(
            d.sentences
                .iter()
                .any(|s| d.text[s.span.clone()].contains("nur 50. Innenminister")),
            "the premise: one sentence runs over the ordinal-looking number"
        );
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let first = stmt(
            t,
            "zu wenige Helfer kämen",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        let second = stmt(
            t,
            "Im Jahr 1999 seien 200 Helfer im Einsatz gewesen, in diesem Jahr nur 50",
            SpeakerRef::SameAs(0),
        );
        let third = stmt(
            t,
            "die Lage unterschätzt worden sei",
            SpeakerRef::Spans(vec![span_of(t, "Innenminister Jan Berg")]),
        );
        let r = attribute_names(t, &names, vec![first, second, third]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
        assert_eq!(r[2].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_wie_clause_swallowed_by_the_content_names_its_speaker() {
        let t = "Die Anlage stand unter Druck, wie Jan Berg, Chef der Firma Nordwerk, mitteilte. \
                 Das Ventil war offen, wie Eva Roth, Chefin der Firma Südwerk, schon befürchtet hatte.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Eva Roth", EntityKind::Person),
            ("Nordwerk", EntityKind::Organization),
            ("Südwerk", EntityKind::Organization),
        ];
        let mut first = stmt(
            t,
            "Die Anlage stand unter Druck, wie Jan Berg, Chef der Firma Nordwerk",
            SpeakerRef::None,
        );
        first.cue = Some("mitteilte".into());
        // The cue does not follow this content: its `wie` clause is no attribution.
        let mut second = stmt(
            t,
            "Das Ventil war offen, wie Eva Roth, Chefin der Firma Südwerk",
            SpeakerRef::None,
        );
        second.cue = Some("mitteilte".into());
        let r = attribute_names(t, &names, vec![first, second]);
        assert_eq!(r[0].0, vec!["Jan Berg"]);
        assert!(r[1].0.is_empty(), "{:?}", r[1].0);
    }

    #[test]
    fn a_pronoun_that_opens_the_frame_of_a_report_without_a_phrase_speaks() {
        let t = "Eva Roth hatte am Nachmittag Rede und Antwort gestanden. Sie sicherte dabei dem \
                 Minister Jan Berg ihre „volle Unterstützung“ zu. Dabei lobte sie den Plan als \
                 „mutig“. Erst nachdem sie gegangen war, wurde bekannt, dass der Plan scheitert.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let quote = |content: &str| Statement {
            kind: StatementKind::Direct,
            cue: None,
            ..stmt(t, content, SpeakerRef::None)
        };
        let mut known = stmt(t, "der Plan scheitert", SpeakerRef::None);
        known.cue = Some("wurde bekannt".into());
        let r = attribute_names(
            t,
            &names,
            vec![quote("volle Unterstützung"), quote("mutig"), known],
        );
        assert_eq!(r[0].0, vec!["Eva Roth"]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
        // A pronoun in a clause opened by a conjunction is no frame's subject.
        assert!(r[2].0.is_empty(), "{:?}", r[2].0);
    }

    #[test]
    fn a_quotation_without_a_cue_is_the_words_of_its_sentences_named_subject() {
        let t = "Die Ministerin Eva Roth hatte bereits am Samstag die Zustimmung ihrer Partei \
                 „trotz einiger Bedenken“ signalisiert. Auf einem Plakat am Rathaus stand \
                 „Nie wieder“.";
        let names = [("Eva Roth", EntityKind::Person)];
        let quote = |content: &str| Statement {
            kind: StatementKind::Direct,
            cue: None,
            ..stmt(t, content, SpeakerRef::None)
        };
        let r = attribute_names(
            t,
            &names,
            vec![quote("trotz einiger Bedenken"), quote("Nie wieder")],
        );
        assert_eq!(r[0].0, vec!["Eva Roth"]);
        // A sentence with no person as its subject gives its quotation no speaker.
        assert!(r[1].0.is_empty(), "{:?}", r[1].0);
    }

    #[test]
    fn words_found_twice_take_the_speaker_of_their_own_attribution() {
        let t = "Der Angeklagte Jan Berg sagte, er sei unschuldig. Die Taten seien aber laut der \
                 Oberstaatsanwältin Eva Roth schon verjährt.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Eva Roth", EntityKind::Person),
        ];
        let first = stmt(
            t,
            "er sei unschuldig",
            SpeakerRef::Spans(vec![span_of(t, "Der Angeklagte Jan Berg")]),
        );
        let words = "Die Taten seien aber laut der Oberstaatsanwältin Eva Roth schon verjährt";
        let continued = stmt(t, words, SpeakerRef::SameAs(0));
        let own = stmt(
            t,
            words,
            SpeakerRef::Spans(vec![span_of(t, "der Oberstaatsanwältin Eva Roth")]),
        );
        let r = attribute_names(t, &names, vec![first, continued, own]);
        assert_eq!(r[0].0, vec!["Jan Berg"]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
        assert_eq!(r[2].0, vec!["Eva Roth"]);
    }

    #[test]
    fn a_quotation_after_a_colon_is_the_words_of_the_person_named_before_it() {
        let t = "Eva Roth wies den Vorwurf zurück, die Sprecherin der Grünen, Lena Hamm, \
                 erklärte: „Wir stimmen zu.“ Danach fragte sie Jan Berg: „Warum nicht?“";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Lena Hamm", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let quote = |content: &str, i: usize| Statement {
            kind: StatementKind::Direct,
            ..stmt(t, content, SpeakerRef::SameAs(i))
        };
        // Extraction can cut the first report's words too long, over the next speaker.
        let first = stmt(
            t,
            "den Vorwurf zurück, die Sprecherin der Grünen, Lena Hamm, erklärte",
            SpeakerRef::Spans(vec![span_of(t, "Eva Roth")]),
        );
        let r = attribute_names(
            t,
            &names,
            vec![first, quote("Wir stimmen zu.", 0), quote("Warum nicht?", 1)],
        );
        assert_eq!(r[1].0, vec!["Lena Hamm"]);
        // A name after the pronoun that is the subject is the one asked, not the speaker.
        assert!(!r[2].0.contains(&"Jan Berg".to_string()), "{:?}", r[2].0);
    }

    #[test]
    fn a_quoted_name_before_a_genitive_phrase_is_the_institution_that_speaks() {
        let t = "Das „Nordische Wetterzentrum“ der USA teilte am Montag mit, der Sturm werde \
                 stärker.";
        let names = [("USA", EntityKind::Country)];
        let mut st = stmt(
            t,
            "der Sturm werde stärker",
            SpeakerRef::Spans(vec![span_of(t, "der USA")]),
        );
        st.cue = Some("teilte mit".into());
        let d = text::parse("t.txt", "t.txt", t.as_bytes()).expect("test text parses");
        let x = Extraction {
            mentions: vec![],
            statements: vec![st.clone()],
            relations: vec![],
        };
        let found = speaker_names(&d, &x);
        assert!(
            found
                .iter()
                .any(|m| m.name == "Nordische Wetterzentrum" && m.kind == EntityKind::Organization),
            "{found:?}"
        );
        let r = attribute_names_with(t, &names, &mut vec![st], |ms| ms.extend(found));
        assert_eq!(r[0].0, vec!["Nordische Wetterzentrum"]);
    }

    #[test]
    fn a_time_after_the_name_and_a_kind_of_company_before_it_are_no_part_of_it() {
        let t = "Wie der Sportartikelhersteller Nordwerk-Salomon am Morgen bekannt gab, wird er \
                 seinen Konkurrenten kaufen.";
        let mut st = stmt(
            t,
            "wird er seinen Konkurrenten kaufen",
            SpeakerRef::Spans(vec![span_of(
                t,
                "der Sportartikelhersteller Nordwerk-Salomon am Morgen",
            )]),
        );
        st.cue = Some("Wie bekannt gab".into());
        let d = text::parse("t.txt", "t.txt", t.as_bytes()).expect("test text parses");
        let x = Extraction {
            mentions: vec![],
            statements: vec![st.clone()],
            relations: vec![],
        };
        let found = speaker_names(&d, &x);
        assert!(
            found.iter().any(|m| m.name == "Nordwerk-Salomon"),
            "{found:?}"
        );
        let r = attribute_names_with(t, &[], &mut vec![st], |ms| ms.extend(found));
        assert_eq!(r[0].0, vec!["Nordwerk-Salomon"]);
    }

    #[test]
    fn a_descriptor_in_the_plural_stands_for_no_one_named() {
        let t = "Außenminister Jan Berg reiste ab. Die Außenminister Frankreichs und Italiens \
                 erklärten, sie begrüßten den Schritt. Die Außenministerin Spaniens erklärte, \
                 sie zögere.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Frankreichs=Frankreich", EntityKind::Country),
            ("Spaniens=Spanien", EntityKind::Country),
        ];
        let descriptor = |ms: &mut Vec<Mention>, surface: &str, name: &str| {
            let at = t.find(surface).expect("surface");
            ms.push(Mention {
                span: at..at + surface.len(),
                kind: EntityKind::Person,
                name: name.into(),
                descriptor: true,
            });
        };
        let plural = stmt(
            t,
            "sie begrüßten den Schritt",
            SpeakerRef::Spans(vec![span_of(t, "Die Außenminister Frankreichs")]),
        );
        let singular = stmt(
            t,
            "sie zögere",
            SpeakerRef::Spans(vec![span_of(t, "Die Außenministerin Spaniens")]),
        );
        let r = attribute_names_with(t, &names, &mut vec![plural, singular], |ms| {
            descriptor(ms, "Außenminister Frankreichs", "Jan Berg");
            // Only the word itself: the descriptor mention of `Außenminister` before the
            // countries.
            let last = ms.len() - 1;
            ms[last].span.end = ms[last].span.start + "Außenminister".len();
            descriptor(ms, "Außenministerin", "Eva Roth");
        });
        assert_eq!(r[0].0, vec!["Frankreich"]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
    }

    #[test]
    fn a_continuation_of_a_report_that_names_no_one_goes_to_the_subject_just_before_it() {
        let t = "Ein Sprecher der Firma Nordwerk teilte mit, die Anlage werde geschlossen. Die \
                 Lage sei ernst. Das Institut Nordlab sieht keine Gefahr. Nur Halter von \
                 Geflügel seien gefährdet. „Wir raten zur Ruhe.“";
        let names = [
            ("Nordwerk", EntityKind::Organization),
            ("Institut Nordlab", EntityKind::Organization),
        ];
        let head = stmt(
            t,
            "die Anlage werde geschlossen",
            SpeakerRef::Spans(vec![span_of(t, "Ein Sprecher der Firma Nordwerk")]),
        );
        let own = stmt(t, "Die Lage sei ernst", SpeakerRef::SameAs(0));
        let later = stmt(
            t,
            "Nur Halter von Geflügel seien gefährdet",
            SpeakerRef::SameAs(0),
        );
        let quote = Statement {
            kind: StatementKind::Direct,
            ..stmt(t, "Wir raten zur Ruhe.", SpeakerRef::SameAs(0))
        };
        let r = attribute_names(t, &names, vec![head, own, later, quote]);
        assert!(r[0].0.is_empty(), "{:?}", r[0].0);
        // The sentence just before is the report's own: still no one named.
        assert!(r[1].0.is_empty(), "{:?}", r[1].0);
        assert_eq!(r[2].0, vec!["Institut Nordlab"]);
        // A quotation with no frame of its own stays with the report it continues.
        assert!(r[3].0.is_empty(), "{:?}", r[3].0);
    }

    #[test]
    fn a_continued_report_with_an_impersonal_source_is_no_ones() {
        let t = "Jan Berg sagte, die Halle sei zu klein. Am Vormittag hatte es zunächst \
                 geheißen, die Feier falle aus. Der Saal sei aber frei.";
        let names = [("Jan Berg", EntityKind::Person)];
        let head = stmt(
            t,
            "die Halle sei zu klein",
            SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
        );
        let heard = stmt(t, "die Feier falle aus", SpeakerRef::SameAs(0));
        let again = stmt(t, "Der Saal sei aber frei", SpeakerRef::SameAs(0));
        let r = attribute_names(t, &names, vec![head, heard, again]);
        assert!(r[1].0.is_empty(), "{:?}", r[1].0);
        assert_eq!(r[2].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_frame_inside_a_whole_sentence_report_binds_pronouns_and_possessives_have_a_gender() {
        let t = "„Wir sehen das Eigenleben der Dienste“, so Jan Berg. Auch die Sprecherin der \
                 Fraktion, Eva Roth, schloss sich der Kritik des Ministers, Karl Moor, an: Die \
                 Mittel seien ihrer Meinung nach nicht mehr angemessen. Sie warf der Regierung \
                 vor, die Lage auszunutzen.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Eva Roth", EntityKind::Person),
            ("Karl Moor", EntityKind::Person),
        ];
        let whole = "Auch die Sprecherin der Fraktion, Eva Roth, schloss sich der Kritik des \
                     Ministers, Karl Moor, an: Die Mittel seien ihrer Meinung nach nicht mehr \
                     angemessen";
        let quote = Statement {
            kind: StatementKind::Direct,
            ..stmt(
                t,
                "Wir sehen das Eigenleben der Dienste",
                SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
            )
        };
        // The same text twice: once attributed by the possessive inside it, once as a
        // continuation; the names in its frame are antecedents all the same.
        let inside = stmt(t, whole, SpeakerRef::Pronoun(span_of(t, "ihrer")));
        let again = stmt(t, whole, SpeakerRef::SameAs(0));
        let after = stmt(
            t,
            "die Lage auszunutzen",
            SpeakerRef::Pronoun(span_of(t, "Sie warf").start..span_of(t, "Sie warf").start + 3),
        );
        let r = attribute_names(t, &names, vec![quote, inside, again, after]);
        assert_eq!(r[1].0, vec!["Eva Roth"]);
        assert_eq!(r[3].0, vec!["Eva Roth"]);
    }

    #[test]
    fn a_possessive_skips_persons_of_the_other_gender() {
        let t = "Jan Berg traf Eva Roth. Die Lage sei ihrer Meinung nach ernst. Die Kosten \
                 seien seiner Ansicht nach zu hoch.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Eva Roth", EntityKind::Person),
        ];
        let hers = stmt(
            t,
            "Die Lage sei ihrer Meinung nach ernst",
            SpeakerRef::Pronoun(span_of(t, "ihrer")),
        );
        let his = stmt(
            t,
            "Die Kosten seien seiner Ansicht nach zu hoch",
            SpeakerRef::Pronoun(span_of(t, "seiner")),
        );
        let r = attribute_names(t, &names, vec![hers, his]);
        assert_eq!(r[0].0, vec!["Eva Roth"]);
        assert_eq!(r[1].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_quotation_after_an_unnamed_person_and_a_colon_is_an_anonymous_sources() {
        let t = "Die Stadt plane einen Umbau, sagte Jan Berg. Ein Beamter der Polizei: „Hier \
                 weiß jeder Bescheid.“ Im Wortlaut: „Wir warten ab.“";
        let names = [("Jan Berg", EntityKind::Person)];
        let head = stmt(
            t,
            "Die Stadt plane einen Umbau",
            SpeakerRef::Spans(vec![span_of(t, "Jan Berg")]),
        );
        let quote = |content: &str| Statement {
            kind: StatementKind::Direct,
            ..stmt(t, content, SpeakerRef::SameAs(0))
        };
        let r = attribute_names(
            t,
            &names,
            vec![
                head,
                quote("Hier weiß jeder Bescheid."),
                quote("Wir warten ab."),
            ],
        );
        assert!(r[1].0.is_empty(), "{:?}", r[1].0);
        assert_eq!(r[2].0, vec!["Jan Berg"]);
    }

    #[test]
    fn an_object_after_the_verb_of_an_unnamed_or_other_subject_does_not_speak() {
        let t = "Ihren Rivalen Jan Berg forderte Eva Roth auf, zurückzutreten. Den Verband \
                 Nordwerk forderte sie auf, die Zahlen offenzulegen. Kritiker werfen Novak vor, \
                 er habe gelogen. Ein Augenzeuge erzählte der Zeitung Morgenpost, die Halle \
                 habe gebrannt. Gestern hat eine Sprecherin der Hafenbehörde mitgeteilt, dass \
                 die Schleuse frei sei. Laut dem Verband Nordwerk sei alles ruhig.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Novak", EntityKind::Person),
            ("Eva Roth", EntityKind::Person),
            ("Nordwerk", EntityKind::Organization),
            ("Morgenpost", EntityKind::Organization),
            ("Hafenbehörde", EntityKind::Organization),
        ];
        let r = attribute_names(
            t,
            &names,
            vec![
                cued(
                    t,
                    "zurückzutreten",
                    "Ihren Rivalen Jan Berg",
                    "forderte auf",
                ),
                cued(
                    t,
                    "die Zahlen offenzulegen",
                    "Den Verband Nordwerk",
                    "forderte auf",
                ),
                cued(t, "er habe gelogen", "Novak", "werfen vor"),
                cued(
                    t,
                    "die Halle habe gebrannt",
                    "der Zeitung Morgenpost",
                    "erzählte",
                ),
                cued(
                    t,
                    "die Schleuse frei sei",
                    "hat eine Sprecherin der Hafenbehörde",
                    "mitgeteilt",
                ),
                cued(t, "sei alles ruhig", "dem Verband Nordwerk", "Laut"),
            ],
        );
        assert_eq!(r[0].0, vec!["Eva Roth"], "{:?}", r[0]);
        // `sie` is the person who spoke last: Eva Roth.
        assert_eq!(r[1].0, vec!["Eva Roth"], "{:?}", r[1]);
        assert!(r[2].0.is_empty(), "{:?}", r[2]);
        assert!(r[3].0.is_empty(), "{:?}", r[3]);
        assert!(r[4].0.is_empty(), "{:?}", r[4]);
        // After a preposition the dative names the source.
        assert_eq!(r[5].0, vec!["Nordwerk"], "{:?}", r[5]);
    }

    #[test]
    fn an_adverb_as_the_phrase_leaves_the_subject_after_the_verb() {
        let t = "Eva Roth kam spät. Für Lena Hamm, so schrieb diese in einer Erklärung, sei \
                 die Wahl ein Erfolg. Dabei sagte Jan Berg, die Halle sei zu klein.";
        let names = [
            ("Eva Roth", EntityKind::Person),
            ("Lena Hamm", EntityKind::Person),
            ("Jan Berg", EntityKind::Person),
        ];
        let r = attribute_names(
            t,
            &names,
            vec![
                cued(t, "sei die Wahl ein Erfolg", "so", "schrieb"),
                cued(t, "die Halle sei zu klein", "Dabei", "sagte"),
            ],
        );
        assert_eq!(r[0].0, vec!["Lena Hamm"], "{:?}", r[0]);
        assert_eq!(r[1].0, vec!["Jan Berg"], "{:?}", r[1]);
    }

    #[test]
    fn a_role_after_a_possessive_is_someone_unnamed_beside_the_possessor() {
        let t = "Jan Berg wurde freigesprochen. Das habe er erwartet, wie sein Anwalt \
                 mitteilte.";
        let names = [("Jan Berg", EntityKind::Person)];
        let s = cued(t, "Das habe er erwartet", "sein Anwalt", "wie mitteilte");
        let r = attribute_names_with(t, &names, &mut vec![s], |m| {
            let at = t.find("Anwalt").expect("word");
            m.push(Mention {
                span: at..at + "Anwalt".len(),
                kind: EntityKind::Person,
                name: "Jan Berg".into(),
                descriptor: true,
            });
        });
        assert!(r[0].0.is_empty(), "{:?}", r[0]);
    }

    #[test]
    fn an_addressee_after_gegenueber_does_not_speak_and_the_subject_before_the_auxiliary_does() {
        let t = "Die Halle ist zu. Jan Berg, Dekan der Fakultät, hatte gegenüber der Zeitung \
                 Morgenpost mitgeteilt, dass die Halle bald öffne.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Morgenpost", EntityKind::Organization),
        ];
        let s = cued(
            t,
            "dass die Halle bald öffne",
            "hatte gegenüber der Zeitung Morgenpost",
            "mitgeteilt",
        );
        let r = attribute_names(t, &names, vec![s]);
        assert_eq!(r[0].0, vec!["Jan Berg"], "{:?}", r[0]);
    }

    #[test]
    fn a_heading_glued_to_the_sentence_is_no_part_of_the_speaker_phrase() {
        let t = "Die Halle ist zu.\n\nNeue Pläne für das Land Der Stadtrat schlug vor, \
                 die Halle zu verkaufen. Hilfe vom Land Bereits im Mai hatte Eva Roth \
                 erklärt: „Wir helfen.“ Laut der Zeitung Die Welt sei alles gut.";
        let names = [
            ("Stadtrat", EntityKind::Organization),
            ("Land", EntityKind::Organization),
            ("Eva Roth", EntityKind::Person),
            ("Die Welt", EntityKind::Organization),
        ];
        let r = attribute_names(
            t,
            &names,
            vec![
                cued(
                    t,
                    "die Halle zu verkaufen",
                    "Neue Pläne für das Land Der Stadtrat",
                    "schlug vor",
                ),
                cued(t, "Wir helfen.", "Hilfe vom Land Bereits", "erklärt"),
                cued(t, "sei alles gut", "der Zeitung Die Welt", "Laut"),
            ],
        );
        assert_eq!(r[0].0, vec!["Stadtrat"], "{:?}", r[0]);
        assert_eq!(r[1].0, vec!["Eva Roth"], "{:?}", r[1]);
        assert_eq!(r[2].0, vec!["Die Welt"], "{:?}", r[2]);
    }

    #[test]
    fn a_demonstrative_points_to_the_person_named_last_also_inside_reported_words() {
        let t = "Die Anklage sagt, Jan Berg werde von seinem Fahrer Tom Krake belastet. Dieser \
                 behaupte, Berg sei bewaffnet gewesen.";
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Berg=Jan Berg", EntityKind::Person),
            ("Tom Krake", EntityKind::Person),
        ];
        let reported = stmt(
            t,
            "Jan Berg werde von seinem Fahrer Tom Krake belastet",
            SpeakerRef::None,
        );
        let s = cued(t, "Berg sei bewaffnet gewesen", "Dieser", "behaupte");
        let r = attribute_names(t, &names, vec![reported, s]);
        assert_eq!(r[1].0, vec!["Tom Krake"], "{:?}", r[1]);
    }

    #[test]
    fn a_quotation_of_its_own_after_a_sentence_without_a_statement_is_its_subjects() {
        // A quotation standing alone after a sentence whose subject is a pronoun, a person,
        // or an organisation, is theirs; not after a sentence that holds a report of someone
        // else.
        let quote = |t: &str, content: &str| Statement {
            kind: StatementKind::Direct,
            cue: None,
            ..stmt(t, content, SpeakerRef::None)
        };
        let t = "Die Ministerin Eva Roth trat am Montag zurück. Sie begründete den Schritt mit \
                 ihrer Gesundheit. „Es ist allein dieser Grund.“";
        let names = [("Eva Roth", EntityKind::Person)];
        let r = attribute_names(t, &names, vec![quote(t, "Es ist allein dieser Grund.")]);
        assert_eq!(r[0].0, vec!["Eva Roth"]);

        let t = "Die Nordpartei will die Steuer für hohe Einkommen erhöhen. „Wir wollen ein \
                 gerechtes Land.“";
        let names = [("Nordpartei", EntityKind::Organization)];
        let r = attribute_names(t, &names, vec![quote(t, "Wir wollen ein gerechtes Land.")]);
        assert_eq!(r[0].0, vec!["Nordpartei"]);

        let t = "Eva Roth kam am Montag an. Ein Anwohner meinte, es sei laut. „Es ist allein \
                 dieser Grund.“";
        let names = [("Eva Roth", EntityKind::Person)];
        let report = stmt(t, "es sei laut", SpeakerRef::None);
        let r = attribute_names(
            t,
            &names,
            vec![report, quote(t, "Es ist allein dieser Grund.")],
        );
        assert!(r[1].0.is_empty(), "{r:?}");
    }

    #[test]
    fn a_city_alone_as_the_speaker_phrase_speaks_for_its_government() {
        let t = "Die Armee wies die Vorwürfe zurück. Die Rebellen hätten zuerst angegriffen, \
                 sagt Nordstadt. Die Polizei in Nordstadt sagte, die Lage sei ruhig.";
        let names = [("Nordstadt", EntityKind::Location)];
        let alone = stmt(
            t,
            "Die Rebellen hätten zuerst angegriffen",
            SpeakerRef::Spans(vec![span_of(t, "Nordstadt")]),
        );
        let police = stmt(
            t,
            "die Lage sei ruhig",
            SpeakerRef::Spans(vec![span_of(t, "Die Polizei in Nordstadt")]),
        );
        let r = attribute_names(t, &names, vec![alone, police]);
        assert_eq!(r[0].0, vec!["Nordstadt"]);
        assert!(r[1].0.is_empty(), "{r:?}");

        let t = "Nordstadt erklärte, die Grenze bleibe offen. Wenn Nordstadt geklagt hätte, \
                 hätte man keine Einigung gefunden.";
        let opens = stmt(
            t,
            "die Grenze bleibe offen",
            SpeakerRef::Spans(vec![span_of(t, "Nordstadt")]),
        );
        let at = t.rfind("Nordstadt").expect("second mention");
        let second: Span = at..at + "Nordstadt".len();
        let clause = stmt(
            t,
            "hätte man keine Einigung gefunden",
            SpeakerRef::Spans(vec![second]),
        );
        let r = attribute_names(t, &names, vec![opens, clause]);
        assert_eq!(r[0].0, vec!["Nordstadt"]);
        assert!(r[1].0.is_empty(), "{r:?}");
    }

    #[test]
    fn a_source_noun_cut_before_aus_is_the_places_that_follows() {
        let names = [("Nordstadt", EntityKind::Location)];
        let t = "Die Kämpfe begannen am Montag. Nach Angaben aus Nordstadt wurden zwölf Soldaten \
                 getötet. Nach Angaben aus der Stadt wurden zwei verletzt.";
        let from = t.find("Angaben aus Nordstadt").expect("phrase");
        let city = stmt(
            t,
            "wurden zwölf Soldaten getötet",
            SpeakerRef::Spans(std::iter::once(from..from + "Angaben".len()).collect()),
        );
        let from = t.rfind("Angaben").expect("second phrase");
        let unnamed = stmt(
            t,
            "wurden zwei verletzt",
            SpeakerRef::Spans(std::iter::once(from..from + "Angaben".len()).collect()),
        );
        let r = attribute_names(t, &names, vec![city, unnamed]);
        assert_eq!(r[0].0, vec!["Nordstadt"]);
        assert!(r[1].0.is_empty(), "{r:?}");
    }

    #[test]
    fn a_konjunktiv_sentence_with_no_speaker_leads_into_the_quotation_after_it() {
        let names = [("Jan Berg", EntityKind::Person)];
        let t = "Nur drei der Firmen kommen aus Europa. Das könne zum Problem werden. „Die Regeln \
                 machen andere“, so Jan Berg.";
        let at = t.find("Das könne").expect("implicit");
        let implicit = stmt(t, "Das könne zum Problem werden.", SpeakerRef::Implicit(at));
        let mut quote = cued(t, "Die Regeln machen andere", "Jan Berg", "so");
        quote.kind = StatementKind::Direct;
        let r = attribute_names(t, &names, vec![implicit, quote]);
        assert_eq!(r[0].0, vec!["Jan Berg"]);
        assert_eq!(r[1].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_feminine_sie_with_no_woman_before_is_the_institution_after_die() {
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Gewerkschaft der Bahn", EntityKind::Organization),
            ("Eva Roth", EntityKind::Person),
        ];
        let run = |t: &str| {
            let at = t.find("Sie bezeichnet").expect("pronoun");
            let st = stmt(
                t,
                "Der Plan sei zu teuer.",
                SpeakerRef::Pronoun(at..at + "Sie".len()),
            );
            attribute_names(t, &names, vec![st])[0].0.clone()
        };
        let t = "Den Plan von Minister Jan Berg hat die Gewerkschaft der Bahn abgelehnt. Sie \
                 bezeichnet ihn als Irrweg. Der Plan sei zu teuer.";
        assert_eq!(run(t), vec!["Gewerkschaft der Bahn"]);
        // A woman named before is whom `sie` stands for.
        let t = "Eva Roth kam. Den Plan von Minister Jan Berg hat die Gewerkschaft der Bahn \
                 abgelehnt. Sie bezeichnet ihn als Irrweg. Der Plan sei zu teuer.";
        assert_eq!(run(t), vec!["Eva Roth"]);
    }

    #[test]
    fn a_phrase_naming_no_one_before_a_verb_leaves_the_subject_after_it() {
        let names = [
            ("Jan Berg", EntityKind::Person),
            ("Nordpost", EntityKind::Organization),
        ];
        let t = "Unter Berufung auf ungenannte Quellen gab die Nordpost an, der Minister trete \
                 zurück. Jan Berg kam spät. Das Angebot, die Brücke zu bauen, lehnt er jedoch \
                 ab: „Das ist zu teuer.“";
        let sources = cued(t, "der Minister trete zurück", "Quellen", "gab an");
        let mut offer = cued(t, "Das ist zu teuer.", "Das Angebot", "lehnt ab");
        offer.kind = StatementKind::Direct;
        let r = attribute_names(t, &names, vec![sources, offer]);
        assert_eq!(r[0].0, vec!["Nordpost"]);
        assert_eq!(r[1].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_conditional_clause_before_the_words_goes_on_with_the_current_report() {
        let names = [
            ("Nordstadt", EntityKind::Location),
            ("Jan Berg", EntityKind::Person),
        ];
        let t = "Jan Berg erinnerte an den Streit. Es sei um die Hauptstadt gegangen. Wenn \
                 Nordstadt geklagt hätte, hätte man keine Einigung gefunden.";
        let first = cued(
            t,
            "Es sei um die Hauptstadt gegangen",
            "Jan Berg",
            "erinnerte",
        );
        let clause = cued(
            t,
            "hätte man keine Einigung gefunden",
            "Nordstadt",
            "geklagt",
        );
        let r = attribute_names(t, &names, vec![first, clause]);
        assert_eq!(r[1].0, vec!["Jan Berg"]);
    }

    #[test]
    fn a_cues_first_word_is_the_one_split_whitespace_finds() {
        for cue in [
            "sagte",
            "erklärte er",
            "teilte mit",
            "gemäß\u{a0}Angaben",
            "so\u{2009}Berg",
            " sagte",
            "\u{3000}sagte",
            "sagte\u{b}er",
            "Müller\tsagte",
            "",
            "   ",
        ] {
            assert_eq!(first_word(cue), cue.split_whitespace().next(), "{cue:?}");
            assert_eq!(
                last_word(cue),
                cue.split_whitespace().next_back(),
                "{cue:?}"
            );
        }
    }

    #[test]
    fn words_are_the_text_cut_at_white_space_for_every_span() {
        // Words longer and shorter than eight bytes, white space of every kind (also outside
        // ASCII), control bytes that are no white space, and spans that end inside a word.
        let t = "Die Stadtverwaltung\u{a0}sagte\tam  Montag:\n„Alles\u{2003}gut“ \u{1}x\u{1}y \
                 Außenministerin Überraschungsgäste a b\u{7f}c Donaudampfschifffahrtsgesellschaft. ";
        let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
        for (k, &from) in bounds.iter().enumerate() {
            for &to in &bounds[k..] {
                let got: Vec<(Span, &str)> = words(t, &(from..to)).collect();
                let want: Vec<&str> = t[from..to].split_whitespace().collect();
                assert_eq!(
                    got.iter().map(|(_, w)| *w).collect::<Vec<_>>(),
                    want,
                    "{from}..{to}"
                );
                for (at, w) in &got {
                    assert_eq!(&t[at.clone()], *w);
                }
            }
        }
    }

    #[test]
    fn the_pronoun_pass_finds_every_pronoun_standing_as_a_word() {
        // The rule, read at every byte.
        let naive = |b: &[u8]| {
            (0..b.len()).any(|i| {
                let rest = super::pronoun_rest(b[i]);
                if rest.is_empty() {
                    return false;
                }
                (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                    && b[i + 1..].starts_with(rest)
                    && b.get(i + 1 + rest.len())
                        .is_none_or(|c| !c.is_ascii_alphanumeric())
            })
        };
        let t = "Er sagte, sie habe ich-weiß-nicht; wir: man. Immer erst Sieben, Mann, Wirt \
                 größer außer „Sie“ (er) 3er er3 e si Ich Wir Man ser her Bier";
        let b = t.as_bytes();
        for from in 0..=b.len() {
            for to in from..=b.len() {
                assert_eq!(
                    may_hold_pronoun(&b[from..to]),
                    naive(&b[from..to]),
                    "{from}..{to}"
                );
            }
        }
    }
}
