//! Rules of German attribution, each on an invented sentence (no article text is copied here).

use super::*;
use crate::text;

fn doc(t: &str) -> Document {
    text::parse("t.txt", "t.txt", t.as_bytes()).expect("test text parses")
}

/// Mentions for the given surfaces, found in the text (every occurrence).
fn mentions(d: &Document, names: &[(&str, EntityKind)]) -> Vec<Mention> {
    let mut out = Vec::new();
    for &(name, kind) in names {
        for (i, _) in d.text.match_indices(name) {
            out.push(Mention {
                span: i..i + name.len(),
                kind,
                name: name.to_string(),
                descriptor: false,
            });
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}

/// One statement as `kind | cue | text | speaker`, the speaker as in `describe`.
fn line(d: &Document, s: &Statement) -> String {
    let speaker = match &s.speaker {
        SpeakerRef::Spans(v) => v
            .iter()
            .map(|sp| d.slice(sp))
            .collect::<Vec<_>>()
            .join(" + "),
        SpeakerRef::Pronoun(sp) => format!("pronoun {}", d.slice(sp)),
        SpeakerRef::Implicit(_) => "implicit".to_string(),
        SpeakerRef::SameAs(j) => format!("#{j}"),
        SpeakerRef::None => "-".to_string(),
    };
    format!(
        "{} | {} | {} | {}",
        s.kind.as_str(),
        s.cue.as_deref().unwrap_or("-"),
        d.slice(&s.span),
        speaker
    )
}

fn run_with(t: &str, names: &[(&str, EntityKind)]) -> Vec<String> {
    let d = doc(t);
    let m = mentions(&d, names);
    find(&d, &m).iter().map(|s| line(&d, s)).collect()
}

fn run(t: &str) -> Vec<String> {
    run_with(t, &[])
}

#[test]
fn leading_verb_with_comma_gives_indirect_content() {
    assert_eq!(
        run("Die Ministerin Anna Berger sagte am Montag, die Reform komme zu spät."),
        vec!["indirect | sagte | die Reform komme zu spät | Die Ministerin Anna Berger"]
    );
}

#[test]
fn dass_and_final_period_are_left_out() {
    assert_eq!(
        run("Der Bürgermeister räumte ein, dass die Kasse leer ist."),
        vec!["indirect | räumte ein | die Kasse leer ist | Der Bürgermeister"]
    );
}

#[test]
fn separable_verbs_need_their_particle() {
    assert_eq!(
        run("Die Reederei teilte am Abend mit, das Schiff liege im Hafen."),
        vec!["indirect | teilte mit | das Schiff liege im Hafen | Die Reederei"]
    );
    // `teilte` without `mit` is not a verb of saying.
    assert!(run("Die Stadt teilte das Gelände in zwei Teile.").is_empty());
}

#[test]
fn trailing_attribution_after_a_quote() {
    assert_eq!(
        run("„Wir bleiben hier“, sagte die Sprecherin."),
        vec!["direct | sagte | Wir bleiben hier | die Sprecherin"]
    );
}

#[test]
fn trailing_attribution_after_reported_speech() {
    assert_eq!(
        run("Die Lage sei ernst, sagte er am Abend."),
        vec!["indirect | sagte | Die Lage sei ernst | pronoun er"]
    );
}

#[test]
fn a_subject_with_a_relative_clause_is_not_content() {
    assert_eq!(
        run_with(
            "Jan Berg, der das Amt leitet, wies die Kritik zurück.",
            &[("Jan Berg", EntityKind::Person)]
        ),
        vec!["indirect | wies zurück | die Kritik zurück | Jan Berg"]
    );
}

#[test]
fn a_quote_cut_by_its_attribution_is_two_statements_of_one_speaker() {
    assert_eq!(
        run("„Das war knapp“, sagte Lena Vogt. „Wir hatten Glück.“"),
        vec![
            "direct | sagte | Das war knapp | Lena Vogt",
            "direct | - | Wir hatten Glück. | #0"
        ]
    );
}

#[test]
fn quotes_after_a_colon_are_direct_only() {
    assert_eq!(
        run("Der Trainer erklärte: „Wir müssen schneller spielen.“"),
        vec!["direct | erklärte | Wir müssen schneller spielen. | Der Trainer"]
    );
}

#[test]
fn foreign_quote_marks_are_quotes_too() {
    assert_eq!(
        run("»Wir kommen wieder«, sagte der Kapitän. «Ganz sicher», fügte er hinzu."),
        vec![
            "direct | sagte | Wir kommen wieder | der Kapitän",
            "direct | fügte hinzu | Ganz sicher | pronoun er"
        ]
    );
}

#[test]
fn laut_and_zufolge_frame_the_sentence() {
    assert_eq!(
        run("Laut Polizei wurden drei Menschen verletzt."),
        vec!["indirect | Laut | wurden drei Menschen verletzt | Polizei"]
    );
    assert_eq!(
        run("Dem Wetterdienst zufolge droht am Wochenende Sturm."),
        vec!["indirect | zufolge | droht am Wochenende Sturm | Dem Wetterdienst"]
    );
}

#[test]
fn nach_angaben_inside_the_sentence_keeps_the_whole_sentence() {
    assert_eq!(
        run("Der Brand brach nach Angaben der Feuerwehr gegen Mitternacht aus."),
        vec![
            "indirect | nach | Der Brand brach nach Angaben der Feuerwehr gegen Mitternacht aus | Angaben der Feuerwehr"
        ]
    );
}

#[test]
fn trailing_so_names_the_speaker() {
    assert_eq!(
        run("Die Gespräche würden fortgesetzt, so der Sprecher."),
        vec!["indirect | so | Die Gespräche würden fortgesetzt | der Sprecher"]
    );
}

#[test]
fn a_parenthetical_so_attributes_the_whole_sentence() {
    assert_eq!(
        run("Der Grund, so der Sprecher, sei ein Fehler im Netz."),
        vec!["indirect | so | Der Grund, so der Sprecher, sei ein Fehler im Netz | der Sprecher"]
    );
}

#[test]
fn wie_clauses_attribute_the_main_clause() {
    assert_eq!(
        run("Wie die Bahn mitteilte, fallen alle Züge aus."),
        vec!["indirect | Wie mitteilte | fallen alle Züge aus | die Bahn"]
    );
    assert_eq!(
        run("Alle Züge fallen aus, wie die Bahn mitteilte."),
        vec!["indirect | wie mitteilte | Alle Züge fallen aus | die Bahn"]
    );
}

#[test]
fn konjunktiv_continues_the_previous_report() {
    let r =
        run("Die Ärztin sagte, die Lage sei stabil. Man müsse aber abwarten. Am Abend regnete es.");
    assert_eq!(
        r,
        vec![
            "indirect | sagte | die Lage sei stabil | Die Ärztin",
            "indirect | - | Man müsse aber abwarten | #0"
        ]
    );
}

#[test]
fn quoted_names_and_titles_are_not_statements() {
    assert!(run("Die sogenannte „Allianz der Mutigen“ traf sich in Bonn.").is_empty());
    assert!(run("Er las „Der Name der Rose“ im Urlaub.").is_empty());
}

#[test]
fn partial_quotes_inside_reported_speech_are_nested_direct_statements() {
    assert_eq!(
        run("Der Minister sagte, er mache sich „keine Sorgen“ um den Haushalt."),
        vec![
            "indirect | sagte | er mache sich „keine Sorgen“ um den Haushalt | Der Minister",
            "direct | sagte | keine Sorgen | #0"
        ]
    );
}

#[test]
fn verbs_ending_a_subordinate_or_relative_clause_attribute_nothing() {
    assert!(run("Während die Minister darüber sprechen, wächst die Kritik.").is_empty());
    assert!(run("Sie nennt die Gründe, die für den Plan sprechen.").is_empty());
}

#[test]
fn topic_lists_and_questions_before_a_comma_are_not_attributions() {
    assert!(run("Danach redet sie über Steuern, Renten und die Bahn.").is_empty());
    assert!(run("Er äußert sich auf die Frage, ob die Reform kommt.").is_empty());
}

#[test]
fn summary_speech_acts_report_their_object() {
    let names = [("Ministerin", EntityKind::Person)];
    assert_eq!(
        run_with("Die Ministerin warnte vor einer Eskalation.", &names),
        vec!["indirect | warnte | vor einer Eskalation | Die Ministerin"]
    );
    assert_eq!(
        run("Sie warnte vor einer Eskalation."),
        vec!["indirect | warnte | vor einer Eskalation | pronoun Sie"]
    );
    // The subject must be someone who can speak: storms claim lives without saying so.
    assert!(run_with("Der Sturm forderte zwei Menschenleben.", &names).is_empty());
}

#[test]
fn nested_reported_speech_is_its_own_statement() {
    assert_eq!(
        run("Sie sagte, der Kanzler habe erklärt, dass er bleiben wolle."),
        vec![
            "indirect | sagte | der Kanzler habe erklärt, dass er bleiben wolle | pronoun Sie",
            "indirect | erklärt | er bleiben wolle | der Kanzler"
        ]
    );
}

#[test]
fn headlines_with_a_speaker_prefix() {
    let names = [("Kanzlerin Weber", EntityKind::Person)];
    assert_eq!(
        run_with(
            "Kanzlerin Weber: Steuern bleiben stabil\n\nMehr dazu im Text.",
            &names
        ),
        vec!["indirect | - | Steuern bleiben stabil | Kanzlerin Weber"]
    );
    // A prefix that names no one is a plain heading.
    assert!(run_with("Ernste Lage: Die Pegel steigen", &names).is_empty());
}

#[test]
fn a_colon_quote_takes_its_speaker_from_the_clause_before() {
    let names = [("Lena Vogt", EntityKind::Person)];
    assert_eq!(
        run_with(
            "Lena Vogt blieb bei ihrer Linie: „Wir ändern nichts.“",
            &names
        ),
        vec!["direct | - | Wir ändern nichts. | Lena Vogt blieb bei ihrer Linie"]
    );
}

#[test]
fn interview_answers_are_statements_and_questions_are_not() {
    let t = "Die Ministerin Anna Berger im Interview mit dem Morgenblatt.\n\n\
             Frau Berger, wie geht es weiter?\n\n\
             Wir arbeiten an einem neuen Plan für die Region.\n\n\
             Wann kommt er?\n\n\
             Im Frühjahr, wenn alles gut geht.\n\n\
             Und die Kosten?\n\n\
             Die tragen Bund und Land gemeinsam.";
    let names = [
        ("Anna Berger", EntityKind::Person),
        ("Morgenblatt", EntityKind::Organization),
    ];
    let d = doc(t);
    let m = mentions(&d, &names);
    let st = find(&d, &m);
    let answers: Vec<String> = st
        .iter()
        .filter(|s| s.kind == StatementKind::Interview)
        .map(|s| line(&d, s))
        .collect();
    assert_eq!(
        answers,
        vec![
            "interview | - | Wir arbeiten an einem neuen Plan für die Region. | Anna Berger",
            "interview | - | Im Frühjahr, wenn alles gut geht. | Anna Berger",
            "interview | - | Die tragen Bund und Land gemeinsam. | Anna Berger"
        ]
    );
    assert!(st.iter().all(|s| !d.slice(&s.span).ends_with('?')));
    let to = st[0].addressee.as_ref().map(|a| d.slice(a));
    assert_eq!(to, Some("dem Morgenblatt"));
}

#[test]
fn an_uncredited_quote_in_an_interview_is_the_interviewees() {
    let t = "„Wir schaffen das schon“ – Anna Berger über den Plan\n\n\
             Die Ministerin Anna Berger im Interview mit dem Morgenblatt.\n\n\
             Frau Berger, wie geht es weiter?\n\n\
             Wir arbeiten an einem neuen Plan für die Region.\n\n\
             Wann kommt er?\n\n\
             Im Frühjahr, wenn alles gut geht.\n\n\
             Und die Kosten?\n\n\
             Die tragen Bund und Land gemeinsam.";
    let names = [
        ("Anna Berger", EntityKind::Person),
        ("Morgenblatt", EntityKind::Organization),
    ];
    let d = doc(t);
    let m = mentions(&d, &names);
    let st = find(&d, &m);
    let quote = st
        .iter()
        .find(|s| s.kind == StatementKind::Direct)
        .expect("the headline quote");
    assert_eq!(
        line(&d, quote),
        "direct | - | Wir schaffen das schon | Anna Berger"
    );
    assert_eq!(
        quote.addressee.as_ref().map(|a| d.slice(a)),
        Some("dem Morgenblatt")
    );
}

#[test]
fn addressees_and_topics_of_the_attribution() {
    let d = doc(
        "„Das reicht nicht“, sagte die Ministerin gegenüber dem Sender Nordfunk mit Blick auf den Haushalt.",
    );
    let st = find(&d, &[]);
    assert_eq!(st.len(), 1);
    assert_eq!(
        st[0].addressee.as_ref().map(|a| d.slice(a)),
        Some("dem Sender Nordfunk")
    );
    let topics: Vec<&str> = st[0].topics.iter().map(|t| d.slice(t)).collect();
    assert_eq!(topics, vec!["den Haushalt"]);
}

#[test]
fn furniture_yields_no_statements() {
    let mut d = doc("„Jetzt abonnieren und sparen“, sagte der Verlag.");
    for p in &mut d.paragraphs {
        p.furniture = true;
    }
    assert!(find(&d, &[]).is_empty());
}

#[test]
fn describe_reads_like_documentation() {
    let t = "Die Bürgermeisterin Eva Roth sagte am Montag, die Brücke werde im Mai fertig. \
             Die Kosten lägen im Plan. „Wir sind zufrieden“, fügte sie hinzu.";
    let d = doc(t);
    insta::assert_snapshot!(describe(&d, &find(&d, &[])));
}

proptest::proptest! {
    /// Whatever the text, `find` returns in-bounds spans on character boundaries and never
    /// panics.
    #[test]
    fn spans_are_valid_for_any_text(t in "[a-zA-ZäöüßÄÖÜ „“»«\"‚‘,.:;!?–\\n-]{1,200}") {
        if let Ok(d) = text::parse("p.txt", "p.txt", t.as_bytes()) {
            for s in find(&d, &[]) {
                proptest::prop_assert!(s.span.start <= s.span.end && s.span.end <= d.text.len());
                proptest::prop_assert!(d.text.is_char_boundary(s.span.start) && d.text.is_char_boundary(s.span.end));
            }
        }
    }
}

/// Prints the statements of the file named by `WHOSAID_STATEMENTS_DOC`, for looking at real
/// articles while working on the rules: `cargo test --lib print_statements -- --ignored --nocapture`.
#[test]
#[ignore]
fn print_statements() {
    let Ok(path) = std::env::var("WHOSAID_STATEMENTS_DOC") else {
        return;
    };
    let bytes = std::fs::read(&path).expect("readable file");
    let d = text::parse(&path, &path, &bytes).expect("parsable file");
    let x = crate::extract::extract(&d);
    let facts = crate::resolve::resolve(&d, &x);
    let lines = describe(&d, &x.statements);
    for (i, block) in lines.split("\n#").enumerate() {
        let who: Vec<&str> = facts.statements.get(i).map_or(Vec::new(), |f| {
            f.speakers
                .iter()
                .map(|&e| facts.entities[e].name.as_str())
                .collect()
        });
        println!("{}{block}  => {who:?}", if i > 0 { "#" } else { "" });
    }
    if std::env::var("WHOSAID_MENTIONS").is_ok() {
        for m in &x.mentions {
            println!(
                "{:?} {:?} {} {}",
                d.slice(&m.span),
                m.kind,
                m.name,
                m.descriptor
            );
        }
    }
}

#[test]
fn a_fronted_demonstrative_is_the_content_of_its_verb_of_saying() {
    // The pronoun and the sentence it stands for are both the speaker's.
    assert_eq!(
        run("Der Damm hält. Das teilte die Stadtverwaltung am Abend mit."),
        vec![
            "indirect | teilte mit | Der Damm hält | die Stadtverwaltung",
            "indirect | teilte mit | Das | die Stadtverwaltung"
        ]
    );
    assert_eq!(
        run("Die Fähre fährt wieder. Dies erklärte gestern ein Sprecher der Reederei."),
        vec![
            "indirect | erklärte | Die Fähre fährt wieder | gestern ein Sprecher der Reederei",
            "indirect | erklärte | Dies | gestern ein Sprecher der Reederei"
        ]
    );
    // A sentence that is a statement already is not taken twice; a quotation without a
    // speaker of its own gets the demonstrative's.
    assert_eq!(
        run("„Der Zug fällt aus.“ Das hat die Bahn inzwischen bestätigt."),
        vec![
            "direct | hat bestätigt | Der Zug fällt aus. | die Bahn",
            "indirect | hat bestätigt | Das | die Bahn"
        ]
    );
    // `Das` as an article, or a verb that says nothing, is no such frame.
    assert!(run("Das Amt teilte die Räume neu auf.").is_empty());
    assert!(run("Der Zug fiel aus. Das zeigte die Tafel am Gleis.").is_empty());
}

#[test]
fn lengthening_h_verbs_and_more_source_phrases_are_cues() {
    assert_eq!(
        run_with(
            "Mit Blick auf die Wahl mahnte die Ministerin zur Ruhe.",
            &[("Ministerin", EntityKind::Person)]
        ),
        vec!["indirect | mahnte | zur Ruhe | die Ministerin"]
    );
    assert_eq!(
        run("Dem Vernehmen nach soll der Vertrag im Mai unterschrieben werden."),
        vec![
            "indirect | Dem Vernehmen nach | Dem Vernehmen nach soll der Vertrag im Mai unterschrieben werden | -"
        ]
    );
    assert_eq!(
        run("Ursache des Feuers dürfte ersten Annahmen zufolge ein Kurzschluss gewesen sein."),
        vec![
            "indirect | zufolge | Ursache des Feuers dürfte ersten Annahmen zufolge ein Kurzschluss gewesen sein | Annahmen"
        ]
    );
    assert_eq!(
        run("Nach den Vorstellungen des Senats soll die Brücke 2030 fertig sein."),
        vec!["indirect | Nach | soll die Brücke 2030 fertig sein | Vorstellungen des Senats"]
    );
}

#[test]
fn a_relative_clause_after_the_verb_is_not_content_but_an_adjective_noun_phrase_is() {
    assert!(run("Er wurde zu einer Strafe verurteilt, die er nie antrat.").is_empty());
    assert_eq!(
        run("Die Ministerin sagte, die neue Regelung gelte ab Mai."),
        vec!["indirect | sagte | die neue Regelung gelte ab Mai | Die Ministerin"]
    );
}

#[test]
fn quotations_after_title_nouns_or_inside_the_speaker_are_names() {
    assert!(run("Sie stellte ihr Buch „Wir gehen nicht mehr zurück“ in Köln vor.").is_empty());
    assert!(
        run("Die Menge zog unter dem Motto „Die Stadt gehört uns allen“ zum Rathaus.").is_empty()
    );
    assert_eq!(
        run("Wie die „Hilfe für Alle“ am Montag mitteilte, sind die Lager voll."),
        vec!["indirect | Wie mitteilte | sind die Lager voll | die „Hilfe für Alle“ am Montag"]
    );
}

#[test]
fn short_quotations_framed_by_a_verb_of_naming_are_direct() {
    let names = [
        ("Gewerkschaft", EntityKind::Organization),
        ("Bürgermeister", EntityKind::Person),
    ];
    assert_eq!(
        run_with("Die Gewerkschaft nannte den Plan „reine Willkür“.", &names),
        vec!["direct | nannte | reine Willkür | Die Gewerkschaft"]
    );
    assert_eq!(
        run_with("Der Bürgermeister sprach von einer „Katastrophe“.", &names),
        vec!["direct | sprach | Katastrophe | Der Bürgermeister"]
    );
    // Without a verb of saying a short quotation stays a scare quote.
    assert!(run("Der Bürgermeister stand vor einer „Katastrophe“.").is_empty());
}

#[test]
fn a_verb_shaped_like_konjunktiv_continues_a_quotation() {
    let got =
        run("„Wir sind bereit“, so die Sprecherin. Der Verband verlange seit Jahren mehr Geld.");
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(
        got[1],
        "indirect | - | Der Verband verlange seit Jahren mehr Geld | #0"
    );
    // First person present tense is no Konjunktiv.
    assert_eq!(
        run("„Wir sind bereit“, so die Sprecherin. Ich lehne das ab.").len(),
        1
    );
}

#[test]
fn particles_written_apart_join_their_verb() {
    assert_eq!(
        run("Wie die Behörde am Morgen bekannt gab, bleibt die Brücke gesperrt."),
        vec!["indirect | Wie bekannt gab | bleibt die Brücke gesperrt | die Behörde am Morgen"]
    );
}

#[test]
fn konjunktiv_ii_and_ieren_forms_continue_a_statement() {
    let got =
        run("„Wir halten durch“, sagte die Trainerin. Die Mannschaft hätte zu wenig Zeit gehabt.");
    assert_eq!(
        got.get(1).map(String::as_str),
        Some("indirect | - | Die Mannschaft hätte zu wenig Zeit gehabt | #0")
    );
    let got = run("Der Arzt sagte, die Lage sei ernst. Das Team reagiere aber schnell.");
    assert_eq!(
        got.get(1).map(String::as_str),
        Some("indirect | - | Das Team reagiere aber schnell | #0")
    );
}

#[test]
fn nach_eigener_darstellung_names_the_subject_even_after_a_fronted_object() {
    let names = [("Lena Vogt", EntityKind::Person)];
    let got = run_with(
        "Zweifel an dem Plan hat Lena Vogt nach eigener Darstellung nicht.",
        &names,
    );
    assert_eq!(
        got,
        vec![
            "indirect | nach | Zweifel an dem Plan hat Lena Vogt nach eigener Darstellung nicht | Lena Vogt"
        ]
    );
}

#[test]
fn konjunktiv_ii_in_an_indirect_question_continues_nothing() {
    let got = run(
        "Der Arzt sagte, die Lage sei ernst. Vorsichtig äußert er sich zur Frage, ob sie sich bessern könnte.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn conditions_relative_clauses_and_appositions_are_not_content() {
    // A condition before the verb is no reported content.
    assert!(run("Falls die Firma schließt, droht der Stadt ein Verlust.").is_empty());
    // A verb of saying at the end of a relative clause attributes nothing after it.
    assert!(run("Der Rat, der den Plan als Fehler bezeichnete, tagte am Abend.").is_empty());
    // …unless a zu-infinitive follows as its content.
    assert_eq!(
        run("Es gab einen Zeugen, der angab, den Täter gesehen zu haben."),
        vec!["indirect | angab | den Täter gesehen zu haben | -"]
    );
    // An apposition with small words is part of the subject.
    let names = [("Jan Berg", EntityKind::Person)];
    assert_eq!(
        run_with(
            "Jan Berg, Trainer von Union Nord, bezeichnete das Spiel als Wende.",
            &names
        ),
        Vec::<String>::new()
    );
    // A clause of reason after the comma is not what was said.
    assert!(run("Das Amt hat den Bau kritisiert, obwohl es ihn genehmigt hatte.").is_empty());
}

#[test]
fn capitalised_quotations_after_definite_articles_and_foreign_titles_are_names() {
    assert!(run("Sie erhielt den „Preis für gute Nachbarschaft in Europa“ in Bonn.").is_empty());
    assert!(run("Gestern tagte die „Union pour la Paix et le Progrès“ in Lyon.").is_empty());
    // Quoted speech after an article starts in lower case and stays a statement.
    assert_eq!(
        run("Der Minister sprach von der „schlimmsten Krise seit Jahren“."),
        vec!["direct | - | schlimmsten Krise seit Jahren | -"]
    );
}

#[test]
fn a_source_phrase_in_a_relative_clause_attributes_the_clause_and_nach_of_time_none() {
    assert_eq!(
        run(
            "Ein Skandal, der nach ersten Erkenntnissen zwölf Firmen betrifft, ist bekannt geworden."
        ),
        vec![
            "indirect | nach | der nach ersten Erkenntnissen zwölf Firmen betrifft | Erkenntnissen"
        ]
    );
    assert!(run("Erst nach langen Ermittlungen kam die Wahrheit ans Licht.").is_empty());
    assert!(run("Zwei Tage nach dem Urteil des Gerichts trat er zurück.").is_empty());
}

#[test]
fn a_framing_main_clause_before_konjunktiv_names_the_speaker() {
    let names = [("Die Kommission", EntityKind::Organization)];
    assert_eq!(
        run_with(
            "Die Kommission vertrat den Standpunkt, das Gericht sei nicht zuständig.",
            &names
        ),
        vec!["indirect | - | das Gericht sei nicht zuständig | Die Kommission"]
    );
    // A relative clause or an apposition before the Konjunktiv keeps the whole sentence.
    let got = run("Die Opfer, vor allem Kinder, seien schwer verletzt worden.");
    assert_eq!(
        got,
        vec!["indirect | - | Die Opfer, vor allem Kinder, seien schwer verletzt worden | implicit"]
    );
}

#[test]
fn opinions_stances_and_impersonal_assumptions_are_statements() {
    let names = [("Anna Berger", EntityKind::Person)];
    assert_eq!(
        run_with(
            "Anna Berger ist der Ansicht, die Reform komme zu spät.",
            &names
        ),
        vec!["indirect | ist der Ansicht | die Reform komme zu spät | Anna Berger"]
    );
    assert_eq!(
        run_with(
            "Anna Berger zeigte sich zuversichtlich, dass die Gespräche gelingen.",
            &names
        ),
        vec!["indirect | zeigte sich zuversichtlich | die Gespräche gelingen | Anna Berger"]
    );
    assert_eq!(
        run("Es wird angenommen, dass der Brand gelegt wurde."),
        vec!["indirect | angenommen | der Brand gelegt wurde | -"]
    );
    assert_eq!(
        run("Laut taz will der Senat sparen."),
        vec!["indirect | Laut | will der Senat sparen | taz"]
    );
    // A comparison names no source.
    assert!(run("Der Sturm war schwächer, wie angenommen.").is_empty());
}

#[test]
fn a_short_und_sentence_adds_to_the_report_before_it() {
    let got = run("Die Stadt sei pleite, so die Kämmerin. Und nicht mehr lange zahlungsfähig.");
    assert_eq!(
        got,
        vec![
            "indirect | so | Die Stadt sei pleite | die Kämmerin",
            "indirect | - | Und nicht mehr lange zahlungsfähig | #0"
        ]
    );
    // Without a report just before, it is narration.
    assert!(run("Der Zug kam spät. Und nicht mehr lange danach fuhr er ab.").is_empty());
}

#[test]
fn rumours_before_konjunktiv_are_no_ones_report() {
    let names = [("Jan Berg", EntityKind::Person)];
    let got = run_with(
        "Der Hafen sei zu klein, sagte Jan Berg. Der Plan war so schlecht, dass es schon \
         Gerüchte gab, er sei in der Kneipe entstanden.",
        &names,
    );
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[1].ends_with("| -"), "{got:?}");
}

#[test]
fn names_in_the_genitive_before_a_colon_do_not_speak() {
    let names = [
        ("Anna Berger", EntityKind::Person),
        ("Hafenamt", EntityKind::Organization),
        ("Zollamt", EntityKind::Organization),
    ];
    let got = run_with(
        "Der Hafen müsse wachsen, sagte Anna Berger. Zusagen also des Hafenamts, aber auch des \
         Zollamts: „Ohne beide geht es nicht.“ Sprecher Hafenamt: „Wir prüfen das.“",
        &names,
    );
    let colon = got
        .iter()
        .find(|l| l.contains("Ohne beide"))
        .expect("quotation found");
    assert!(colon.ends_with("| #0"), "{got:?}");
    assert!(!colon.contains("Zusagen also"), "{got:?}");
    let titled = got
        .iter()
        .find(|l| l.contains("Wir prüfen"))
        .expect("quotation found");
    assert!(titled.ends_with("Sprecher Hafenamt"), "{got:?}");
}

#[test]
fn speech_reported_inside_a_quotation_is_nested_with_its_own_speaker() {
    let names = [("Olaf Brenner", EntityKind::Person)];
    let got = run_with(
        "„Die Gemeinden haben klar gesagt, dass sie den Hafen bezahlen“, sagte Olaf Brenner.",
        &names,
    );
    assert!(
        got.contains(&"indirect | gesagt | sie den Hafen bezahlen | Die Gemeinden".to_string()),
        "{got:?}"
    );
}

#[test]
fn a_shared_opinion_is_its_owners_report() {
    let names = [("Brenner", EntityKind::Person)];
    let got = run_with(
        "Ich teile Brenners Ansicht voll und ganz, dass der Hafen wachsen muss.",
        &names,
    );
    assert!(
        got.iter()
            .any(|l| l.contains("der Hafen wachsen muss") && l.ends_with("| Brenner")),
        "{got:?}"
    );
}

#[test]
fn a_colon_inside_a_quotation_does_not_take_the_attribution_after_it() {
    // The quotation opens with a subordinator (`Damit`) and holds a colon: neither makes its
    // words the attribution; `fügte sie hinzu` after it does.
    assert_eq!(
        run_with(
            "Man brauche Garantien, sagte Eva Roth. „Damit die Nachbarn wissen: Wenn wir \
             kommen, wird es teuer“, fügte sie hinzu.",
            &[("Eva Roth", EntityKind::Person)]
        ),
        vec![
            "indirect | sagte | Man brauche Garantien | Eva Roth",
            "direct | fügte hinzu | Damit die Nachbarn wissen: Wenn wir kommen, wird es teuer \
             | pronoun sie"
        ]
    );
}

#[test]
fn a_perfect_of_saying_in_konjunktiv_is_reported_and_nests_its_own_source() {
    let names = [
        ("Eva Roth", EntityKind::Person),
        ("Landkreis", EntityKind::Organization),
    ];
    // An unnamed group as the nested source is anonymous.
    assert_eq!(
        run_with(
            "Der Deich müsse erhöht werden, sagte Eva Roth. Mehrere Gemeinden hätten jedoch \
             signalisiert, sich an den Kosten zu beteiligen.",
            &names
        ),
        vec![
            "indirect | sagte | Der Deich müsse erhöht werden | Eva Roth",
            "indirect | - | Mehrere Gemeinden hätten jedoch signalisiert, sich an den Kosten zu \
             beteiligen | #0",
            "indirect | signalisiert | sich an den Kosten zu beteiligen | -"
        ]
    );
    // A named source keeps its name.
    assert_eq!(
        run_with(
            "Der Deich müsse erhöht werden, sagte Eva Roth. Der Landkreis habe erklärt, dass er \
             zahle.",
            &names
        )[1..],
        [
            "indirect | - | Der Landkreis habe erklärt, dass er zahle | #0",
            "indirect | erklärt | er zahle | Der Landkreis"
        ]
    );
}

#[test]
fn a_question_quoting_the_interviewee_gives_the_interviewee_a_statement() {
    let t = "Die Ministerin Anna Berger im Interview mit dem Morgenblatt.\n\n\
             Frau Berger, wie geht es weiter?\n\n\
             Wir arbeiten an einem neuen Plan für die Region.\n\n\
             Ihre Gegner nennen den Plan „Luftschloss“, und Sie nannten sie einmal „Bremser“?\n\n\
             Das war im Wahlkampf, heute sehe ich das gelassener.\n\n\
             Und die Kosten?\n\n\
             Die tragen Bund und Land gemeinsam.";
    let names = [
        ("Anna Berger", EntityKind::Person),
        ("Morgenblatt", EntityKind::Organization),
    ];
    let d = doc(t);
    let m = mentions(&d, &names);
    let direct: Vec<String> = find(&d, &m)
        .iter()
        .filter(|s| s.kind == StatementKind::Direct)
        .map(|s| line(&d, s))
        .collect();
    // What the opponents say is not quoted as the interviewee's words.
    assert_eq!(direct, vec!["direct | nannten | Bremser | Anna Berger"]);
}

#[test]
fn a_text_as_source_speaks_for_its_author() {
    let names = [
        ("Eva Roth", EntityKind::Person),
        ("Landkreis", EntityKind::Organization),
    ];
    // A demonstrative points back to the document whose author the text named; the later
    // `so` attributes the sentence around it, and the document's words nest in it.
    assert_eq!(
        run_with(
            "Der neue \"Jahresbericht\" des Landkreises hat die Gemeinden aufgeschreckt. Eva Roth \
             versuchte zu beruhigen: In diesem Bericht stehe auch, dass die Stadt weiter zahle: \
             \"Wir stehen zu unserem Wort\", so die Bürgermeisterin.",
            &names
        ),
        vec![
            "indirect | so | In diesem Bericht stehe auch, dass die Stadt weiter zahle | die \
             Bürgermeisterin",
            "indirect | stehe | die Stadt weiter zahle | Landkreis",
            "direct | so | Wir stehen zu unserem Wort | #0"
        ]
    );
    // Inside a report, `stehe` continues it and nests the text's words.
    assert_eq!(
        run_with(
            "Man müsse sparen, sagte Eva Roth. In der Satzung stehe klar, dass die Stadt zahle.",
            &names
        )[1..],
        [
            "indirect | - | In der Satzung stehe klar, dass die Stadt zahle | #0",
            "indirect | stehe | die Stadt zahle | der Satzung"
        ]
    );
    // Media in general are a source that names no one; resolution finds no speaker there.
    assert_eq!(
        run(
            "Schauen Sie, was seit Tagen in den lokalen Zeitungen zu lesen ist: Der Landkreis \
             erwägt, die Gebühren zu erhöhen."
        ),
        vec![
            "indirect | zu lesen ist | Der Landkreis erwägt, die Gebühren zu erhöhen | den lokalen \
             Zeitungen"
        ]
    );
    // `steht` without a place in a text is no source (`Fest steht, …`).
    assert!(run("Fest steht, dass die Brücke gesperrt bleibt.").is_empty());
}

#[test]
fn a_description_in_a_document_is_its_authors_statement() {
    let names = [("Landkreis", EntityKind::Organization)];
    assert_eq!(
        run_with(
            "Der neue \"Jahresbericht\" des Landkreises hat die Gemeinden aufgeschreckt, in der \
             die Stadt als träge und von Schulden gelähmt beschrieben wird. Und nicht mehr als \
             Partner des Landes.",
            &names
        ),
        vec![
            "indirect | beschrieben wird | die Stadt als träge und von Schulden gelähmt | \
             Landkreis",
            "indirect | - | Und nicht mehr als Partner des Landes | #0"
        ]
    );
    // A relative clause about a place is no document's description.
    assert!(
        run_with(
            "Der Landkreis baut eine Halle, in der die Stadt als Mieterin bezeichnet wird.",
            &names
        )
        .is_empty()
    );
}

#[test]
fn source_phrases_gemaess_relative_nach_and_a_verb_before_zufolge() {
    // `gemäß` with a witness says according to; with a law it says in accordance with.
    assert_eq!(
        run("Die Brücke wurde gemäß einem Augenzeugen schwer beschädigt."),
        vec![
            "indirect | gemäß | Die Brücke wurde gemäß einem Augenzeugen schwer beschädigt | einem \
             Augenzeugen"
        ]
    );
    assert!(run("Die Brücke wurde gemäß dem Gesetz gebaut.").is_empty());
    // A relative clause after a noun of sources reports what it says; after a noun of time
    // it does not.
    assert_eq!(
        run("Es gibt Gerüchte, nach denen der Bürgermeister zurücktreten will."),
        vec!["indirect | nach | der Bürgermeister zurücktreten will | Gerüchte"]
    );
    assert!(run("Das Spiel ging in die Pause, nach der die Gäste stärker wurden.").is_empty());
    // The verb before the source phrase is no part of it.
    assert_eq!(
        run("Die Zahlen waren Berichten der Zeitung Tagblatt zufolge deutlich höher."),
        vec![
            "indirect | zufolge | Die Zahlen waren Berichten der Zeitung Tagblatt zufolge deutlich \
             höher | Berichten der Zeitung Tagblatt"
        ]
    );
}

#[test]
fn a_cue_inside_a_sources_content_nests_and_a_coordinated_verb_keeps_the_speaker() {
    // `verlangt` stands inside what the police say: the police stay the source, and the
    // coordinated verb without a subject of its own goes on with the man's report.
    assert_eq!(
        run(
            "Laut Polizei habe der Mann begonnen, Flugblätter zu verteilen, und verlangt, dass man \
             ihn anhöre."
        ),
        vec![
            "indirect | Laut | habe der Mann begonnen, Flugblätter zu verteilen, und verlangt, dass \
             man ihn anhöre | Polizei",
            "indirect | verlangt | man ihn anhöre | #0"
        ]
    );
    assert_eq!(
        run_with(
            "„Es gibt zwei Arten“, sagt Eva Roth. Und fügt hinzu: „Wir kennen beide.“",
            &[("Eva Roth", EntityKind::Person)]
        ),
        vec![
            "direct | sagt | Es gibt zwei Arten | Eva Roth",
            "direct | fügt hinzu | Wir kennen beide. | #0"
        ]
    );
}

#[test]
fn speaker_phrases_stop_at_the_object_and_a_fronted_object_is_not_the_speaker() {
    // Only a genitive continues the source phrase; `den Abbau` is the object.
    assert_eq!(
        run("Die Firma plant nach Angaben der Gewerkschaft Nordmetall den Abbau von 300 Stellen."),
        vec![
            "indirect | nach | Die Firma plant nach Angaben der Gewerkschaft Nordmetall den Abbau \
             von 300 Stellen | Angaben der Gewerkschaft Nordmetall"
        ]
    );
    // A dative or `als` phrase before the verb is no subject when a pronoun follows the verb.
    assert_eq!(
        run("Der Stadt schlug er vor, die Gebühren zu senken."),
        vec!["indirect | schlug vor | die Gebühren zu senken | pronoun er"]
    );
    assert_eq!(
        run("Als Grund für die Absage gab sie an, der Saal sei zu klein."),
        vec!["indirect | gab an | der Saal sei zu klein | pronoun sie"]
    );
    // `wiederholt` as an adverb is no cue.
    assert!(
        run("Seit Jahren kam es wiederholt zu Unfällen, der letzte geschah im Mai.").is_empty()
    );
}

#[test]
fn a_compound_source_noun_names_no_one_but_starts_a_report() {
    assert_eq!(
        run("Nach Polizeiangaben wurden zwei Menschen verletzt. Der Fahrer sei betrunken gewesen."),
        vec![
            "indirect | Nach | wurden zwei Menschen verletzt | -",
            "indirect | - | Der Fahrer sei betrunken gewesen | #0"
        ]
    );
    // A named first part keeps the phrase as the speaker.
    assert_eq!(
        run_with(
            "Nach Nordbahn-Angaben fallen zwei Züge aus.",
            &[("Nordbahn", EntityKind::Organization)]
        ),
        vec!["indirect | Nach | fallen zwei Züge aus | Nordbahn-Angaben"]
    );
}

#[test]
fn a_persons_view_with_als_bei_or_in_is_a_statement() {
    let names = [
        ("Eva Roth", EntityKind::Person),
        ("Jan Berg", EntityKind::Person),
    ];
    assert_eq!(
        run_with(
            "Eine Schlüsselrolle beim Wiederaufbau sieht Eva Roth bei Bürgermeister Jan Berg.",
            &names
        ),
        vec![
            "indirect | sieht | Eine Schlüsselrolle beim Wiederaufbau sieht Eva Roth bei \
             Bürgermeister Jan Berg | Eva Roth"
        ]
    );
    // Plans (`sieht … vor`), reflexives and things that are not persons give no view.
    assert!(run_with("Der Plan sieht in der Mitte einen Park vor.", &names).is_empty());
    assert!(run_with("Eva Roth sah sich in der Pflicht.", &names).is_empty());
}

#[test]
fn a_summary_act_with_its_own_subject_nests_in_a_report() {
    let names = [
        ("Eva Roth", EntityKind::Person),
        ("Nordland", EntityKind::Country),
    ];
    // The nested subject is the noun phrases joined by `sowohl … als auch`, not the adverbs
    // and the object around them.
    assert_eq!(
        run_with(
            "Zum Beitritt räumte Eva Roth ein, dass sich derzeit sowohl Nordland als auch andere \
             Länder gegen eine Mitgliedschaft aussprechen.",
            &names
        ),
        vec![
            "indirect | räumte ein | sich derzeit sowohl Nordland als auch andere Länder gegen \
             eine Mitgliedschaft aussprechen | Eva Roth",
            "indirect | aussprechen | gegen eine Mitgliedschaft aussprechen | Nordland als auch \
             andere Länder"
        ]
    );
    // Without its reflexive, `aussprechen` says nothing.
    assert!(
        run_with(
            "Nordland wird der Regierung das Vertrauen aussprechen.",
            &names
        )
        .is_empty()
    );
}

#[test]
fn a_noun_of_speech_with_its_holder_before_a_colon_introduces_their_words() {
    assert_eq!(
        run(
            "Klar, es gab eine berechtigte Forderung, die er hatte: Wir zahlen zu wenig für die \
             Schulen."
        ),
        vec![
            "indirect | Forderung, die … hatte | Wir zahlen zu wenig für die Schulen | pronoun er"
        ]
    );
    // A noun that says nothing (`Haus`) introduces no one's words.
    assert!(run("Es gab ein Haus, das er hatte: Drei Zimmer und ein Garten.").is_empty());
}

#[test]
fn a_quoted_predicate_before_a_naming_verb_is_the_statement() {
    // The words before `als „…“` say what the predicate is said of; they are not reported.
    assert_eq!(
        run("Seine Werke werden von Kennern als „Meilensteine der Baukunst“ bezeichnet."),
        vec!["direct | bezeichnet | Meilensteine der Baukunst | -"]
    );
}

#[test]
fn fronted_predicates_and_quotations_in_a_summary_act() {
    let names = [("Eva Roth", EntityKind::Person)];
    // `Als „…“` and `Von einer „…“` fronted before the verb: the subject follows the verb.
    assert_eq!(
        run_with(
            "Als „unerwartetes Geschenk“ bezeichnet die Forscherin Eva Roth den Fund.",
            &names
        ),
        vec!["direct | bezeichnet | unerwartetes Geschenk | die Forscherin Eva Roth"]
    );
    assert_eq!(
        run_with(
            "Von einer „gezielten Kampagne“ sprach die Politikerin Eva Roth.",
            &names
        ),
        vec!["direct | sprach | gezielten Kampagne | die Politikerin Eva Roth"]
    );
    // A summary act's content runs on through a quotation in its noun phrase.
    assert_eq!(
        run_with("Eva Roth warnte vor den „Sparplänen“.", &names),
        vec!["indirect | warnte | vor den „Sparplänen“ | Eva Roth"]
    );
    // A subordinate clause before the verb still frames no content.
    assert!(
        run_with(
            "Falls der Plan scheitert, droht der Stadt eine Klage.",
            &names
        )
        .is_empty()
    );
}

#[test]
fn speakers_of_relative_clauses_focus_particles_and_demonstratives_after_a_quote() {
    let names = [("Eva Roth", EntityKind::Person)];
    // A relative clause's speaker: the entity before it, or its own pronoun.
    assert_eq!(
        run_with(
            "Dagegen steht die Aussage von Eva Roth, Chefin des Amtes, die sagte, man dürfe \
             nicht warten.",
            &names
        ),
        vec!["indirect | sagte | man dürfe nicht warten | Eva Roth"]
    );
    assert_eq!(
        run("Anlass war ein Interview, bei dem sie gesagt hatte, sie habe nichts gewusst."),
        vec!["indirect | gesagt | sie habe nichts gewusst | pronoun sie"]
    );
    // `Auch` before the subject does not move it behind the verb.
    assert_eq!(
        run_with(
            "Auch die Ministerin des Landes, Eva Roth, äußerte sich zufrieden: „Wir haben viel \
             erreicht.“",
            &names
        ),
        vec!["direct | äußerte | Wir haben viel erreicht. | die Ministerin des Landes, Eva Roth"]
    );
    // `Das musste X einräumen` after a quotation names its speaker.
    assert_eq!(
        run_with(
            "„Ja, es gibt Probleme.“ Das musste Eva Roth am Montag einräumen.",
            &names
        )[0],
        "direct | musste einräumen | Ja, es gibt Probleme. | Eva Roth"
    );
}

#[test]
fn names_in_parentheses_after_a_title_colon_and_in_lists_are_not_speech() {
    assert!(run("Im Parlament sitzt die Partei Nova („Bewegung für ein neues Land“).").is_empty());
    assert!(run("Die Firma (Motto: „Sauberkeit ist Vertrauenssache“) schweigt.").is_empty());
    assert!(run("Es gab Vorträge zu Themen wie „Die Bahn im Wandel der Zeit“.").is_empty());
    // A medium before the colon of an attributed quotation is no title.
    assert_eq!(
        run("Die Managerin sagte der Zeitschrift: „Es war eine lange Tour.“"),
        vec!["direct | sagte | Es war eine lange Tour. | Die Managerin"]
    );
}

#[test]
fn a_subject_with_a_prepositional_phrase_and_an_apposition_before_the_verb() {
    // The object named after the auxiliary (`Eva Roth`) is not the speaker.
    assert_eq!(
        run_with(
            "Der Vorsitzende im Landtag, Jan Berg, hatte Eva Roth gestern aufgefordert, ihr \
             Mandat niederzulegen.",
            &[
                ("Eva Roth", EntityKind::Person),
                ("Jan Berg", EntityKind::Person)
            ]
        ),
        vec![
            "indirect | aufgefordert | ihr Mandat niederzulegen | Der Vorsitzende im Landtag, Jan \
             Berg"
        ]
    );
}

#[test]
fn decisions_report_the_clause_after_them() {
    assert_eq!(
        run("Der Stadtrat beschloss am Montag, die Gebühren zu senken."),
        vec!["indirect | beschloss | die Gebühren zu senken | Der Stadtrat"]
    );
    // In the passive without a name the words before the verb are no speaker.
    assert_eq!(
        run("Beim Treffen in Bonn wurde beschlossen, dass die Brücke gebaut wird."),
        vec!["indirect | beschlossen | die Brücke gebaut wird | -"]
    );
    // `wie … beschlossen` compares; the report around it stays whole.
    assert_eq!(
        run(
            "Man müsse die Ausgaben, wie beim Treffen in Bonn beschlossen, erhöhen, sagte \
             Eva Roth."
        ),
        vec![
            "indirect | sagte | Man müsse die Ausgaben, wie beim Treffen in Bonn beschlossen, \
             erhöhen | Eva Roth"
        ]
    );
}

#[test]
fn folded_look_up_agrees_with_lower_casing() {
    // The ASCII shortcut must answer as `to_lowercase` would, and other words still fold fully.
    let list = ["der", "während", "kein"];
    for w in [
        "der",
        "Der",
        "DER",
        "de",
        "derr",
        "Während",
        "WÄHREND",
        "\u{212A}ein",
        "Kein",
        "",
    ] {
        assert_eq!(
            in_folded(&list, w),
            list.contains(&w.to_lowercase().as_str()),
            "{w}"
        );
    }
    assert!(
        in_folded(&list, "DeR") && in_folded(&list, "Während") && in_folded(&list, "\u{212A}ein")
    );
    assert!(!in_folded(&list, "die"));
}

#[test]
fn labelled_answers_belong_to_their_label_and_unlabelled_ones_go_on_with_it() {
    let t = "Die Forscherin Maria Lindqvist und der Ökonom Tomas Brandt im Interview mit dem \
             Abendkurier.\n\n\
             Abendkurier: Wie ernst ist die Lage?\n\n\
             M. Lindqvist: Ernster als vor einem Jahr, aber nicht hoffnungslos.\n\n\
             Brandt: Das sehe ich anders. Die Preise steigen weiter.\n\n\
             Und zwar schneller, als alle dachten.\n\n\
             Abendkurier: Was muss geschehen?\n\n\
             Lindqvist: Die Regierung muss die Zinsen senken.\n\n\
             Abendkurier: Und wann?\n\n\
             Brandt: Sofort, sonst wird es zu spät sein.";
    let names = [
        ("Maria Lindqvist", EntityKind::Person),
        ("Tomas Brandt", EntityKind::Person),
        ("Abendkurier", EntityKind::Organization),
    ];
    let d = doc(t);
    let m = mentions(&d, &names);
    let st = find(&d, &m);
    let answers: Vec<String> = st
        .iter()
        .filter(|s| s.kind == StatementKind::Interview)
        .map(|s| line(&d, s))
        .collect();
    assert_eq!(
        answers,
        vec![
            "interview | - | Ernster als vor einem Jahr, aber nicht hoffnungslos. | M. Lindqvist",
            "interview | - | Das sehe ich anders. Die Preise steigen weiter. | Brandt",
            "interview | - | Und zwar schneller, als alle dachten. | Brandt",
            "interview | - | Die Regierung muss die Zinsen senken. | Lindqvist",
            "interview | - | Sofort, sonst wird es zu spät sein. | Brandt",
        ]
    );
}

#[test]
fn a_heading_with_a_colon_in_an_answer_is_no_speaker_label() {
    let t = "Der Minister Paul Kern im Interview mit dem Abendkurier.\n\n\
             Wie geht es weiter?\n\n\
             Neue Pläne: Wir bauen zwei Brücken.\n\n\
             Wann?\n\n\
             Im Sommer, wenn das Geld da ist.\n\n\
             Und dann?\n\n\
             Dann folgt die Straße.";
    let names = [("Paul Kern", EntityKind::Person)];
    let d = doc(t);
    let m = mentions(&d, &names);
    let st = find(&d, &m);
    let first = st
        .iter()
        .find(|s| s.kind == StatementKind::Interview)
        .map(|s| line(&d, s));
    assert_eq!(
        first.as_deref(),
        Some("interview | - | Neue Pläne: Wir bauen zwei Brücken. | Paul Kern")
    );
}

#[test]
fn a_trailing_attribution_in_the_perfect_names_its_speaker() {
    let names = [("Anna Berg", EntityKind::Person)];
    assert_eq!(
        run_with(
            "Die Brücke sei zu alt, hatte Anna Berg bei ihrem Besuch in der Stadt gesagt.",
            &names
        ),
        vec!["indirect | hatte gesagt | Die Brücke sei zu alt | Anna Berg"]
    );
    assert_eq!(
        run_with("„Wir bauen neu“, hat Anna Berg am Montag erklärt.", &names),
        vec!["direct | hat erklärt | Wir bauen neu | Anna Berg"]
    );
    // A single time clause before the auxiliary is no content.
    assert!(
        run_with(
            "Als der Bus kam, hatte Anna Berg schon alles gesagt.",
            &names
        )
        .is_empty()
    );
}

#[test]
fn an_expletive_es_before_a_verb_of_saying_speaks_for_no_one() {
    let names = [("Anna Berg", EntityKind::Person)];
    assert_eq!(
        run_with(
            "Es drohe ein langer Streit um die Kosten, hatte Anna Berg gesagt.",
            &names
        ),
        vec!["indirect | hatte gesagt | Es drohe ein langer Streit um die Kosten | Anna Berg"]
    );
}

#[test]
fn demnach_inside_a_clause_reports_the_whole_sentence() {
    assert_eq!(
        run("Der Bericht liegt vor. Die Kosten sollen demnach um ein Drittel steigen."),
        vec!["indirect | demnach | Die Kosten sollen demnach um ein Drittel steigen | -"]
    );
    assert_eq!(
        run("Der Bericht liegt vor. Demnach sollen die Kosten um ein Drittel steigen."),
        vec!["indirect | Demnach | sollen die Kosten um ein Drittel steigen | -"]
    );
}

#[test]
fn news_that_became_known_is_reported_with_no_speaker() {
    assert_eq!(
        run("Am Montag wurde bekannt, dass die Fabrik im Herbst schließt."),
        vec!["indirect | wurde bekannt | die Fabrik im Herbst schließt | -"]
    );
    assert_eq!(
        run("Er trat zurück, nachdem bekannt geworden war, dass er Gelder veruntreut hatte."),
        vec!["indirect | geworden bekannt | er Gelder veruntreut hatte | -"]
    );
    // Becoming famous is no news report.
    assert!(run("Sie wurde als Sängerin bekannt, bevor sie Ärztin wurde.").is_empty());
}

#[test]
fn a_demonstrative_with_its_participle_after_a_comma_is_no_frame() {
    let names = [("Jan Roth", EntityKind::Person)];
    assert_eq!(
        run_with(
            "Das hatte die Firma längst bezahlt, wie ihr Anwalt Jan Roth mitteilte.",
            &names
        ),
        vec!["indirect | wie mitteilte | Das hatte die Firma längst bezahlt | ihr Anwalt Jan Roth"]
    );
}

#[test]
fn new_cue_verbs_of_naming_reporting_and_advising() {
    let names = [("Jan Roth", EntityKind::Person)];
    assert_eq!(
        run_with(
            "Der Minister Jan Roth charakterisierte den Plan als „reine Verschwendung“.",
            &names
        ),
        vec!["direct | charakterisierte | reine Verschwendung | Der Minister Jan Roth"]
    );
    assert_eq!(
        run_with(
            "Jan Roth riet den Anwohnern, die Fenster geschlossen zu halten.",
            &names
        ),
        vec!["indirect | riet | die Fenster geschlossen zu halten | Jan Roth"]
    );
    assert_eq!(
        run("Lokale Medien vermeldeten, dass die Brücke gesperrt sei."),
        vec!["indirect | vermeldeten | die Brücke gesperrt sei | Lokale Medien"]
    );
}

#[test]
fn a_zu_infinitive_without_its_comma_after_the_attribution_is_content() {
    let names = [("Jan Roth", EntityKind::Person)];
    assert_eq!(
        run_with(
            "Der Bürgermeister Jan Roth hat angekündigt die Gebühren im Herbst zu senken.",
            &names
        ),
        vec![
            "indirect | angekündigt | die Gebühren im Herbst zu senken | Der Bürgermeister Jan Roth"
        ]
    );
    assert_eq!(
        run_with("Jan Roth kündigte an erneut anzutreten.", &names),
        vec!["indirect | kündigte an | erneut anzutreten | Jan Roth"]
    );
}

/// A debugging aid, not a check: `WHOSAID_DESCRIBE=file cargo test --lib describe_file --
/// --ignored --nocapture` prints the statements of one document as `describe` shows them.
#[test]
#[ignore]
fn describe_file() {
    let Ok(path) = std::env::var("WHOSAID_DESCRIBE") else {
        return;
    };
    let bytes = std::fs::read(&path).expect("the file reads");
    let d = text::parse(&path, &path, &bytes).expect("the file parses");
    let x = crate::extract::extract(&d);
    eprintln!("{}", describe(&d, &x.statements));
}

#[test]
fn a_subject_with_its_apposition_before_the_verb_is_not_content() {
    let names = [("Eva Roth", EntityKind::Person)];
    let got = run_with(
        "Die Finanzexpertin von Bündnis 90/Die Grünen, Eva Roth, kritisierte die Pläne der \
         Regierung. Die Mittel seien völlig unzureichend.",
        &names,
    );
    assert_eq!(
        got,
        vec![
            "indirect | - | Die Mittel seien völlig unzureichend | Die Finanzexpertin von Bündnis \
             90/Die Grünen, Eva Roth"
        ]
    );
}

#[test]
fn konjunktiv_after_a_named_critic_whose_sentence_reported_nothing_is_the_critics() {
    let names = [
        ("Eva Roth", EntityKind::Person),
        ("Jan Berg", EntityKind::Person),
    ];
    let got = run_with(
        "Jan Berg sagte, der Plan sei solide. Die Abgeordnete Eva Roth kritisierte die Pläne \
         scharf. Die Mittel seien völlig unzureichend.",
        &names,
    );
    assert_eq!(
        got,
        vec![
            "indirect | sagte | der Plan sei solide | Jan Berg",
            "indirect | - | Die Mittel seien völlig unzureichend | Die Abgeordnete Eva Roth",
        ]
    );
}

#[test]
fn an_opinion_verb_a_few_words_before_its_noun_still_frames_it() {
    let names = [
        ("Eva Roth", EntityKind::Person),
        ("Jan Berg", EntityKind::Person),
    ];
    assert_eq!(
        run_with(
            "Eva Roth vertritt wie Jan Berg die Ansicht, dass die Steuer sinken muss.",
            &names
        ),
        vec!["indirect | vertritt die Ansicht | die Steuer sinken muss | Eva Roth"]
    );
    // Another clause in between breaks the frame.
    assert!(
        run_with(
            "Eva Roth ist Ärztin, und die Meinung, dass alles gut wird, teilt sie nicht.",
            &names
        )
        .iter()
        .all(|l| !l.contains("ist die Meinung")),
    );
}

#[test]
fn what_a_rule_says_is_reported() {
    assert_eq!(
        run("Die Regelung besagt, dass jeder Haushalt zahlen muss."),
        vec!["indirect | besagt | jeder Haushalt zahlen muss | Die Regelung"]
    );
}

#[test]
fn an_apposition_does_not_cut_a_separable_verb_from_its_particle() {
    let names = [
        ("Eva Roth", EntityKind::Person),
        ("Jan Berg", EntityKind::Person),
    ];
    assert_eq!(
        run_with(
            "Eva Roth geht nach einem Treffen mit dem Leiter der Behörde, Jan Berg, davon aus, \
             dass die Brücke bald öffnet.",
            &names
        ),
        vec!["indirect | geht davon | die Brücke bald öffnet | Eva Roth"]
    );
}

#[test]
fn a_quotation_after_a_subject_with_its_apposition_is_the_subjects() {
    let names = [
        ("Eva Roth", EntityKind::Person),
        ("Jan Berg", EntityKind::Person),
    ];
    assert_eq!(
        run_with(
            "Die Vorsitzende der Gewerkschaft ver.di, Eva Roth, würdigte Jan Berg als „einen \
             großen Kämpfer“.",
            &names
        ),
        vec![
            "direct | würdigte | einen großen Kämpfer | Die Vorsitzende der Gewerkschaft ver.di, \
             Eva Roth"
        ]
    );
}

#[test]
fn a_disaster_that_claimed_lives_demanded_nothing() {
    let names = [("Vietnam", EntityKind::Country)];
    assert!(
        run_with(
            "In Vietnam forderte das Hochwasser 40 Menschenleben.",
            &names
        )
        .is_empty()
    );
    assert_eq!(
        run_with("Vietnam forderte Hilfe für die Opfer.", &names),
        vec!["indirect | forderte | Hilfe für die Opfer | Vietnam"]
    );
}

#[test]
fn initials_in_a_source_phrase_do_not_end_the_sentence() {
    assert_eq!(
        run("Laut dem Leiter K.T. Morvan soll die Anlage im Mai wachsen."),
        vec!["indirect | Laut | soll die Anlage im Mai wachsen | dem Leiter K.T. Morvan"]
    );
}

#[test]
fn a_clause_ending_in_a_zu_infinitive_is_content_not_a_relative_clause() {
    assert_eq!(
        run("Die Gutachterin empfahl dem Gericht, der Klage des Landes stattzugeben."),
        vec!["indirect | empfahl | der Klage des Landes stattzugeben | Die Gutachterin"]
    );
    // A relative clause ending in its finite verb is still no content.
    assert!(run("Die Gutachterin nannte die Punkte, die ihr wichtig waren.").is_empty());
}

#[test]
fn a_fronted_source_phrase_runs_to_the_finite_verb() {
    assert_eq!(
        run(
            "Laut einer am Montag verbreiteten Mitteilung des Hafenverbands wurden 300 Container beschädigt."
        ),
        vec![
            "indirect | Laut | wurden 300 Container beschädigt | einer am Montag verbreiteten Mitteilung des Hafenverbands"
        ]
    );
    assert_eq!(
        run("Laut nachrichten.de erschien der Bericht erst am Abend."),
        vec!["indirect | Laut | erschien der Bericht erst am Abend | nachrichten.de"]
    );
    assert_eq!(
        run("Dem Sender al-Kanal zufolge wird das Schiff nach Norden umgeleitet."),
        vec!["indirect | zufolge | wird das Schiff nach Norden umgeleitet | Dem Sender al-Kanal"]
    );
    assert_eq!(
        run(
            "Einer Erklärung des Verbands Nordischer Fischer (VNF) zufolge nahmen 300 Menschen teil."
        ),
        vec![
            "indirect | zufolge | nahmen 300 Menschen teil | Einer Erklärung des Verbands Nordischer Fischer (VNF)"
        ]
    );
    // Inside the sentence the phrase starts at its article, not at the subject before it.
    assert_eq!(
        run("Am Abend lobte Jan Berg dem „Tagesblatt“ zufolge die Mannschaft."),
        vec![
            "indirect | zufolge | Am Abend lobte Jan Berg dem „Tagesblatt“ zufolge die Mannschaft | dem „Tagesblatt“"
        ]
    );
}

#[test]
fn konjunktiv_ii_goes_on_with_a_report_that_names_no_one() {
    assert_eq!(
        run(
            "Der Wetterdienst warnte vor Sturm. Da die Front nach Osten ziehe, werde es kälter. In der Nacht könnten Gewitter auftreten."
        ),
        vec![
            "indirect | - | Da die Front nach Osten ziehe, werde es kälter | implicit",
            "indirect | - | In der Nacht könnten Gewitter auftreten | #0"
        ]
    );
    // Without a report just before, Konjunktiv II is no one's report.
    assert!(
        run("Der Wetterdienst warnte vor Sturm. In der Nacht könnten Gewitter auftreten.")
            .is_empty()
    );
}

#[test]
fn offers_agreements_and_reminders_report_only_a_clause_after_their_comma() {
    assert_eq!(
        run("Der Mieter bot an, den Schaden sofort zu bezahlen."),
        vec!["indirect | bot an | den Schaden sofort zu bezahlen | Der Mieter"]
    );
    assert_eq!(
        run("Beide Seiten hatten vereinbart, dass die Gespräche im Mai weitergehen."),
        vec!["indirect | vereinbart | die Gespräche im Mai weitergehen | Beide Seiten"]
    );
    assert_eq!(
        run("Die Ministerin erinnerte daran, dass die Frist im Juni endet."),
        vec!["indirect | erinnerte | die Frist im Juni endet | Die Ministerin"]
    );
    // Other senses: courses offered, events offered with a relative clause, a trailing verb.
    assert!(run("Die Schule bietet an drei Tagen Kurse an, die gut besucht sind.").is_empty());
    assert!(
        run("Es wurden 70 Veranstaltungen angeboten, bei denen Bücher vorgestellt wurden.")
            .is_empty()
    );
    assert!(
        run("Die Schule ist eine Ganztagsschule, bietet an einzelnen Orten Kurse an.").is_empty()
    );
}

#[test]
fn a_short_quoted_name_does_not_cut_a_verb_from_its_particle() {
    assert_eq!(
        run("Zudem wirft der „Arbeitskreis Wasser“ dem Amt vor, die Proben zu lange zu lagern."),
        vec!["indirect | wirft vor | die Proben zu lange zu lagern | der „Arbeitskreis Wasser“"]
    );
    // After `seit` a clause ending in a zu-infinitive is content, after `um` a purpose.
    assert_eq!(
        run("Die Anklage warf ihm vor, seit Jahren Akten gefälscht zu haben."),
        vec!["indirect | warf vor | seit Jahren Akten gefälscht zu haben | Die Anklage"]
    );
}

#[test]
fn a_quoted_predicate_before_a_second_verb_of_saying_is_no_name() {
    // The second verb shares the first one's subject; the quotation goes with the report.
    assert_eq!(
        run(
            "Er nannte das Schreiben ferner als „Zumutung“ und kündigte an, ein Anwalt werde klagen."
        ),
        vec![
            "indirect | kündigte an | ein Anwalt werde klagen | pronoun Er",
            "direct | kündigte an | Zumutung | #0"
        ]
    );
}

#[test]
fn heisst_es_with_its_content_after_it_and_so_heisst_es_after_a_quotation() {
    assert_eq!(
        run("In dem Bericht, der am Montag erschien, heißt es, die Lage sei ernst."),
        vec!["indirect | heißt es | die Lage sei ernst | In dem Bericht, der am Montag erschien"]
    );
    assert_eq!(
        run("„Wir bleiben hier“, so heißt es in einer Erklärung des Betriebsrates."),
        vec!["direct | heißt es | Wir bleiben hier | in einer Erklärung des Betriebsrates."]
    );
    assert_eq!(
        run("Zuerst hatte es geheißen, dass drei Menschen verletzt wurden."),
        vec!["indirect | es geheißen | drei Menschen verletzt wurden | Zuerst hatte"]
    );
}

#[test]
fn findings_of_a_study_and_dass_without_its_comma() {
    assert_eq!(
        run("Wie eine Studie der Universität ergab, leiden viele Kinder unter Lärm."),
        vec!["indirect | Wie ergab | leiden viele Kinder unter Lärm | eine Studie der Universität"]
    );
    assert_eq!(
        run("Die Untersuchung ergab, dass der Fahrer zu schnell war."),
        vec!["indirect | ergab | der Fahrer zu schnell war | Die Untersuchung"]
    );
    assert!(run("Daraus ergab sich ein Streit über die Kosten.").is_empty());
    assert!(run("Die Folgen ergeben sich aus der Tatsache, dass es regnete.").is_empty());
    assert_eq!(
        run("Der Trainer hoffte dass die Mannschaft gewinnt."),
        vec!["indirect | hoffte | die Mannschaft gewinnt | Der Trainer"]
    );
}

#[test]
fn a_name_in_the_genitive_before_the_source_noun_owns_it() {
    assert_eq!(
        run("Nach Bergers Angaben könnte die Familie versuchen, die Kinder zu entführen."),
        vec![
            "indirect | Nach | könnte die Familie versuchen, die Kinder zu entführen | Bergers Angaben"
        ]
    );
    assert_eq!(
        run("Die Lage ist nach Roths Einschätzung ernst."),
        vec!["indirect | nach | Die Lage ist nach Roths Einschätzung ernst | Roths Einschätzung"]
    );
}

#[test]
fn danach_after_a_study_reports_it_and_after_an_event_is_time() {
    assert_eq!(
        run(
            "Die Bank legte heute ihre Quartalszahlen vor. Danach stieg der Gewinn um zehn Prozent."
        ),
        vec!["indirect | Danach | stieg der Gewinn um zehn Prozent | -"]
    );
    assert!(run("Der Zug hielt in Lohe. Danach stieg der Fahrer aus.").is_empty());
}

#[test]
fn a_compound_with_a_lower_case_first_part_heads_a_source_phrase() {
    assert_eq!(
        run(
            "Neuer Partner ist wohl der Fonds, der laut einer dpa-Meldung mit zehn Prozent einsteigen will."
        ),
        vec![
            "indirect | laut | der laut einer dpa-Meldung mit zehn Prozent einsteigen will | einer dpa-Meldung"
        ]
    );
}

#[test]
fn laut_as_an_adverb_and_quoted_names_in_a_source_phrase() {
    assert!(run("Der Chef dachte bereits laut über einen Nachfolger nach.").is_empty());
    assert_eq!(
        run("Laut „nachrichten.de“ gehören auch höhere Löhne zu den Forderungen."),
        vec!["indirect | Laut | gehören auch höhere Löhne zu den Forderungen | „nachrichten.de“"]
    );
}

#[test]
fn an_apposition_or_a_quoted_name_after_the_verb_comes_before_the_content() {
    assert_eq!(
        run_with(
            "Am Montag meldete der Sender, Radio Lohe, dass das Buch gut verkauft wird.",
            &[("Radio Lohe", EntityKind::Organization)]
        ),
        // The name in apposition joins the speaker phrase: it names who reports.
        vec!["indirect | meldete | das Buch gut verkauft wird | der Sender, Radio Lohe"]
    );
    assert_eq!(
        run("Nun berichtet die Ausgabe des „Kuriers“, dass der Anwalt Klage erhoben hat."),
        vec!["indirect | berichtet | der Anwalt Klage erhoben hat | die Ausgabe des „Kuriers“"]
    );
    // A zu-infinitive right after the comma is the content itself.
    assert_eq!(
        run("Die Behörde rät den Gästen, das Land zu verlassen, da die Lage unsicher sei."),
        vec!["indirect | rät | das Land zu verlassen, da die Lage unsicher sei | Die Behörde"]
    );
}

#[test]
fn a_noun_of_speech_reports_the_clause_after_its_comma() {
    let people = [
        ("Karl Huber", EntityKind::Person),
        ("Jan Berg", EntityKind::Person),
        ("Eva Roth", EntityKind::Person),
    ];
    // The holder named in the genitive after the noun speaks.
    assert_eq!(
        run_with(
            "Die Gemeinde reagierte auf die Forderung des Landrats Karl Huber, die Schule zu \
             schließen.",
            &people
        ),
        vec!["indirect | Forderung | die Schule zu schließen | des Landrats Karl Huber"]
    );
    // So does a holder in apposition, and the main clause after the content is left out.
    assert_eq!(
        run_with(
            "Trotz der Ankündigung ihres Trainers, Eva Roth, den Verein zu verlassen, gewann \
             die Mannschaft.",
            &people
        ),
        vec!["indirect | Ankündigung | den Verein zu verlassen | ihres Trainers, Eva Roth"]
    );
    // The subject whose object the noun is gives the order; zu-infinitives after commas go on.
    assert_eq!(
        run_with(
            "Der Bürgermeister Jan Berg erteilte der Feuerwehr den Befehl, beim Räumen zu \
             helfen, die Straße zu sperren und die Anwohner zu warnen.",
            &people
        ),
        vec![
            "indirect | Befehl | beim Räumen zu helfen, die Straße zu sperren und die Anwohner \
             zu warnen | Der Bürgermeister Jan Berg"
        ]
    );
    // After a preposition the subject only reacts; an unnamed holder names no one. A `dass`
    // clause ends where the main clause goes on with its verb.
    assert_eq!(
        run(
            "Mit der Begründung, dass die Räume vermietet werden sollen, wurden die \
             Mitarbeiter verlegt."
        ),
        vec!["indirect | Begründung | die Räume vermietet werden sollen | -"]
    );
    assert_eq!(
        run("Der ursprüngliche Plan, eine neue Brücke zu bauen, wurde verworfen."),
        vec!["indirect | Plan | eine neue Brücke zu bauen | -"]
    );
    // A relative clause after the noun, a purpose (`Ziel`) and a compound that only ends
    // like a short noun (`Fahrplan`) report nothing.
    assert!(run("Die Forderung, die der Verband stellte, wurde abgelehnt.").is_empty());
    assert!(run("Die Firma verfolgt das Ziel, die Kosten zu senken.").is_empty());
    assert!(run("Der neue Fahrplan, ab Mai gültig zu sein, wurde gedruckt.").is_empty());
}

#[test]
fn passive_frames_of_suspicion_reputation_and_plans_report_their_clause() {
    assert_eq!(
        run("Dem Verein wird nachgesagt, gute Kontakte zur Regierung zu pflegen."),
        vec!["indirect | nachgesagt | gute Kontakte zur Regierung zu pflegen | -"]
    );
    assert_eq!(
        run("Er wird verdächtigt, das Geld unterschlagen zu haben."),
        vec!["indirect | verdächtigt | das Geld unterschlagen zu haben | pronoun Er"]
    );
    assert_eq!(
        run("Als Grund wurde genannt, dass die Halle zu klein sei."),
        vec!["indirect | genannt | die Halle zu klein sei | -"]
    );
    // Other senses: a name given, a participle as an adjective.
    assert!(run("Das Kind wurde nach seinem Großvater genannt, weil er es wollte.").is_empty());
    assert!(run("Der verdächtigte Mann, der in Bonn lebt, schwieg.").is_empty());
}

#[test]
fn a_demonstrative_ending_a_paragraph_reports_the_narration_before_it() {
    // `Das` after two sentences of narration in its paragraph sums up both.
    assert_eq!(
        run(
            "Ein Lastwagen kippte auf der Brücke um. Zwei Menschen wurden verletzt. Das teilte \
             die Polizei mit."
        ),
        vec![
            "indirect | teilte mit | Ein Lastwagen kippte auf der Brücke um | die Polizei",
            "indirect | teilte mit | Zwei Menschen wurden verletzt | die Polizei",
            "indirect | teilte mit | Das | die Polizei",
        ]
    );
    // A sentence that reports something itself ends the narration the pronoun covers, and a
    // paragraph before is not reached.
    let out = run(
        "Der Hafen bleibt gesperrt.\n\nDie Stadt erklärte, der Kai sei beschädigt. Ein Kran \
         stürzte ins Wasser. Das bestätigte ein Sprecher.",
    );
    assert_eq!(
        out,
        vec![
            "indirect | erklärte | der Kai sei beschädigt | Die Stadt",
            "indirect | bestätigte | Ein Kran stürzte ins Wasser | ein Sprecher",
            "indirect | bestätigte | Das | ein Sprecher",
        ]
    );
    // The colon of a clock time is no colon: the sentence still points back.
    assert_eq!(
        run("Zwei Menschen wurden verletzt. Dies meldete der Sender um 17:30 Uhr."),
        vec![
            "indirect | meldete | Zwei Menschen wurden verletzt | der Sender",
            "indirect | meldete | Dies | der Sender",
        ]
    );
}

#[test]
fn a_time_of_day_before_the_verb_is_no_speaker_and_a_quoted_name_after_its_kind_is() {
    assert_eq!(
        run_with(
            "Um 10:05 Uhr MEZ meldete die Nachrichtenseite „Netzblick“, dass der Server \
             ausgefallen sei.",
            &[
                ("MEZ", EntityKind::Organization),
                ("Netzblick", EntityKind::Organization)
            ]
        ),
        vec![
            "indirect | meldete | der Server ausgefallen sei | die Nachrichtenseite \
             „Netzblick“"
        ]
    );
}

#[test]
fn findings_declared_report_their_clause_but_stances_do_not() {
    assert_eq!(
        run("Das Gericht sah es als erwiesen an, dass der Mann gelogen hatte."),
        vec!["indirect | sah als … an | der Mann gelogen hatte | Das Gericht"]
    );
    assert_eq!(
        run("Die Helfer errechneten, dass die Stadt 40 Euro je Gast einnimmt."),
        vec!["indirect | errechneten | die Stadt 40 Euro je Gast einnimmt | Die Helfer"]
    );
    // Stances and thoughts are no statements (GUIDE.md), nor is a sum worked out with no
    // clause.
    let names = [("Eva Roth", EntityKind::Person)];
    assert!(
        run_with(
            "Eva Roth hält es jedoch für möglich, dass die Frist verlängert wird.",
            &names
        )
        .is_empty()
    );
    assert!(
        run_with(
            "Eva Roth ist zuversichtlich, das Finale zu erreichen.",
            &names
        )
        .is_empty()
    );
    assert!(run("Damals dachte niemand, dass die Brücke so lange hält.").is_empty());
    assert!(run("Er rechnete die Kosten aus, bevor er ging.").is_empty());
}

#[test]
fn a_demonstrative_after_a_comma_or_dash_attributes_the_clause_before() {
    assert_eq!(
        run_with(
            "Die Kamera des Teleskops ist ausgefallen, das teilte das Institut mit.",
            &[("Institut", EntityKind::Organization)]
        ),
        vec!["indirect | teilte mit | Die Kamera des Teleskops ist ausgefallen | das Institut"]
    );
    assert_eq!(
        run_with(
            "Es ist nur ein neuer Name – das zumindest meint Jan Berg.",
            &[("Jan Berg", EntityKind::Person)]
        ),
        vec!["indirect | meint | Es ist nur ein neuer Name | Jan Berg"]
    );
    // A relative `das` puts its verb last; a reflexive names a thing.
    assert!(run("Sie las das Buch, das berichtete.").is_empty());
    assert!(run("Das Heer ist der erste Pfeiler, das nennt sich Heer-zuerst.").is_empty());
}

#[test]
fn a_named_subject_before_a_source_phrase_speaks_and_a_view_may_close_with_its_participle() {
    let names = [("Jan Berg", EntityKind::Person)];
    assert_eq!(
        run_with(
            "Der Leiter der Firma, Jan Berg, hatte nach Aussage eines Kollegen immer die \
             Auffassung vertreten, das Verfahren sei abgesprochen gewesen.",
            &names
        ),
        vec![
            "indirect | die Auffassung vertreten | das Verfahren sei abgesprochen gewesen | Der \
             Leiter der Firma, Jan Berg"
        ]
    );
    // A cue after the source phrase whose subject follows it is part of what the source says.
    assert_eq!(
        run("Laut Polizei habe der Mann begonnen, die Scheiben einzuschlagen."),
        vec!["indirect | Laut | habe der Mann begonnen, die Scheiben einzuschlagen | Polizei"]
    );
}

#[test]
fn a_capitalised_phrase_after_an_indefinite_article_or_zu_in_a_report_is_said() {
    let names = [("Eva Roth", EntityKind::Person)];
    assert_eq!(
        run_with(
            "Eva Roth sprach von einer „Gefahr für Leib und Leben“.",
            &names
        ),
        vec!["direct | sprach | Gefahr für Leib und Leben | Eva Roth"]
    );
    assert_eq!(
        run_with("Eva Roth riet den Eltern zu „Ruhe und Geduld“.", &names),
        vec!["direct | riet | Ruhe und Geduld | Eva Roth"]
    );
    // Without a verb of saying the phrase is a name.
    assert!(run("Die Gruppe gründete am Montag eine „Allianz für Frieden“.").is_empty());
}

#[test]
fn a_fronted_adverbial_before_the_verb_of_saying_is_no_content() {
    let names = [("Jan Berg", EntityKind::Person)];
    // The phrase and its relative clause only say where or for what; the verb leads.
    assert_eq!(
        run_with(
            "In einem Bericht, der am Montag erschien, fordert Jan Berg ein Ende der Jagd.",
            &names
        ),
        vec!["indirect | fordert | ein Ende der Jagd | Jan Berg"]
    );
    assert!(
        run_with(
            "Für den Bau der Brücke, die der Rat plant, gab Jan Berg einen Zeitraum von zwei \
             Jahren an.",
            &names
        )
        .is_empty()
    );
    // A main clause after the phrase is content again.
    assert_eq!(
        run_with(
            "Nach den Spielen, in denen das Team schwach war, sollte die Abwehr besser stehen, \
             sagte Jan Berg.",
            &names
        ),
        vec![
            "indirect | sagte | Nach den Spielen, in denen das Team schwach war, sollte die \
             Abwehr besser stehen | Jan Berg"
        ]
    );
}

#[test]
fn a_zu_infinitive_with_the_particle_zu_and_a_konjunktiv_clause_after_a_noun_of_speech() {
    let names = [("Karl Huber", EntityKind::Person)];
    // `zuzugehen`: the particle `zu` before the infinitive's `zu`.
    assert_eq!(
        run_with(
            "Die Partei reagierte auf die Forderung des Ministers Karl Huber, auf die \
             Gewerkschaft zuzugehen.",
            &names
        ),
        vec!["indirect | Forderung | auf die Gewerkschaft zuzugehen | des Ministers Karl Huber"]
    );
    assert_eq!(
        run("Gegen die Ministerin stehen Vorwürfe im Raum, sie habe die Akten gekannt."),
        vec!["indirect | Vorwürfe | sie habe die Akten gekannt | -"]
    );
    // A relative clause in Konjunktiv after the noun is not what the noun announces.
    assert!(
        !run("Die Warnung, die er ausgesprochen habe, blieb ungehört.")
            .iter()
            .any(|l| l.contains("| Warnung |"))
    );
}

#[test]
fn publications_findings_and_passive_advice_report_their_clause() {
    assert_eq!(
        run("Das Institut veröffentlichte am Montag, dass die Zahl der Fälle gestiegen sei."),
        vec!["indirect | veröffentlichte | die Zahl der Fälle gestiegen sei | Das Institut"]
    );
    assert_eq!(
        run("Die Forscher fanden heraus, dass die Tiere nachts jagen."),
        vec!["indirect | fanden heraus | die Tiere nachts jagen | Die Forscher"]
    );
    assert_eq!(
        run("Den Bewohnern wurde geraten, nicht ins Freie zu gehen."),
        vec!["indirect | geraten | nicht ins Freie zu gehen | -"]
    );
    // Getting into a crisis is no advice.
    assert!(
        run("Die Krise, in die die Firma geraten war, gelang es dem Chef schnell zu lösen.")
            .is_empty()
    );
}

#[test]
fn became_known_with_wie_reports_the_main_clause() {
    assert_eq!(
        run("Wie gestern bekannt wurde, ist der Minister zurückgetreten."),
        vec!["indirect | wie bekannt wurde | ist der Minister zurückgetreten | -"]
    );
    assert_eq!(
        run("Der Minister ist zurückgetreten, wie gestern bekannt wurde."),
        vec!["indirect | wie bekannt wurde | Der Minister ist zurückgetreten | -"]
    );
}

#[test]
fn gemaess_a_medium_reports_the_sentence() {
    assert_eq!(
        run("Der Unfall kostete gemäß der Zeitung „Morgenblatt“ zehn Menschen das Leben."),
        vec![
            "indirect | gemäß | Der Unfall kostete gemäß der Zeitung „Morgenblatt“ zehn \
             Menschen das Leben | der Zeitung „Morgenblatt“"
        ]
    );
}

#[test]
fn a_konjunktiv_demonstrative_continues_the_report() {
    assert_eq!(
        run(
            "Der Mann müsse mit einer Haftstrafe rechnen, teilte das Gericht mit. Dies \
             begründe die Fluchtgefahr."
        ),
        vec![
            "indirect | teilte mit | Der Mann müsse mit einer Haftstrafe rechnen | das Gericht",
            "indirect | - | Dies begründe die Fluchtgefahr | #0",
        ]
    );
}

#[test]
fn a_name_a_group_gives_itself_is_no_cue() {
    let out = run(
        "Danach erklärte der neue „Rat der Nation“, wie sich die Junta selbst nennt, die Lage \
         sei ruhig.",
    );
    assert!(out.iter().all(|l| !l.contains("nennt")), "{out:?}");
}

#[test]
fn a_quotation_may_quote_with_the_same_marks_inside() {
    assert_eq!(
        run_with(
            "„Wir haben viele „kleine“ Kunden gewonnen. Das ist gut“, sagte Eva Roth.",
            &[("Eva Roth", EntityKind::Person)]
        ),
        vec!["direct | sagte | Wir haben viele „kleine“ Kunden gewonnen. Das ist gut | Eva Roth"]
    );
}

#[test]
fn a_wie_clause_with_an_apposition_attributes_the_sentence_before() {
    assert_eq!(
        run_with(
            "Das Manöver wird schwierig, wie Jan Berg, Direktor der Behörde, betont.",
            &[("Jan Berg", EntityKind::Person)]
        ),
        vec!["indirect | wie betont | Das Manöver wird schwierig | Jan Berg, Direktor der Behörde"]
    );
}

#[test]
fn chanted_slogans_are_said() {
    assert_eq!(
        run("Die Demonstranten skandierten Parolen wie „Nieder mit der Regierung“."),
        vec!["direct | - | Nieder mit der Regierung | -"]
    );
    assert_eq!(
        run_with(
            "Die Gewerkschaft Nordbau skandierte Sprüche wie „Wir bleiben hier“.",
            &[("Gewerkschaft Nordbau", EntityKind::Organization)]
        ),
        vec!["direct | skandierte | Wir bleiben hier | Die Gewerkschaft Nordbau"]
    );
    // Without a verb of saying a slogan is a name.
    assert!(run("Der Slogan „Mehr Licht für alle“ hing am Rathaus.").is_empty());
}

#[test]
fn a_fronted_participle_of_saying_reports_the_dass_clause() {
    assert_eq!(
        run("Kritisiert wird vor allem, dass die Gebühren steigen."),
        vec!["indirect | wird kritisiert | die Gebühren steigen | -"]
    );
    assert_eq!(
        run("Bemängelt wurde von den Prüfern, dass die Akten fehlen."),
        vec!["indirect | wurde bemängelt | die Akten fehlen | den Prüfern"]
    );
    // A fronted participle of another verb reports nothing.
    assert!(run("Gebaut wird vor allem, dass die Gebühren steigen.").is_empty());
}

#[test]
fn a_demonstrative_in_the_passive_names_its_agent() {
    assert_eq!(
        run("Die Brücke bleibt bis Mai gesperrt. Das wurde von der Stadt bestätigt."),
        vec![
            "indirect | wurde bestätigt | Die Brücke bleibt bis Mai gesperrt | der Stadt",
            "indirect | wurde bestätigt | Das | der Stadt",
        ]
    );
    assert_eq!(
        run("Die Brücke bleibt bis Mai gesperrt. Dies wurde am Montag bekannt gegeben."),
        vec![
            "indirect | wurde bekannt gegeben | Die Brücke bleibt bis Mai gesperrt | -",
            "indirect | wurde bekannt gegeben | Dies | -",
        ]
    );
}

#[test]
fn a_quoted_medium_after_zum_does_not_end_the_frame() {
    assert_eq!(
        run_with(
            "Eva Roth sagte zum „Tageblatt“, nach dem Spiel hätten alle Spieler gefeiert.",
            &[("Eva Roth", EntityKind::Person)]
        ),
        vec!["indirect | sagte | nach dem Spiel hätten alle Spieler gefeiert | Eva Roth"]
    );
}

#[test]
fn a_long_wie_clause_attributes_the_sentence_before() {
    assert_eq!(
        run(
            "Der Minister sah keinen Grund zur Sorge, wie er in einem Brief an den Rat der Stadt \
             nach der Sitzung über den Haushalt bekundete."
        ),
        vec![
            "indirect | wie bekundete | Der Minister sah keinen Grund zur Sorge | er in einem \
             Brief an den Rat der Stadt nach der Sitzung über den Haushalt"
        ]
    );
}

#[test]
fn a_quoted_judgement_after_fuer_and_a_copula_is_the_holders() {
    assert_eq!(
        run_with(
            "Für die Ministerin Eva Roth ist die Lage „alarmierend“.",
            &[("Eva Roth", EntityKind::Person)]
        ),
        vec!["direct | für | alarmierend | die Ministerin Eva Roth"]
    );
    // Without a named holder the short quotation stays a scare quote.
    assert!(run("Für viele ist die Lage „alarmierend“.").is_empty());
}

#[test]
fn der_before_a_masculine_medium_is_its_subject_and_before_a_feminine_one_its_addressee() {
    assert_eq!(
        run("Die Wahl sei gefälscht, meldete der Sender KVN."),
        vec!["indirect | meldete | Die Wahl sei gefälscht | der Sender KVN"]
    );
    assert_eq!(
        run("Der Hafen sei zu, berichtete der arabische Sender Al Qamar."),
        vec!["indirect | berichtete | Der Hafen sei zu | der arabische Sender Al Qamar"]
    );
    let got = run("Der Minister sagte der Zeitung Nordblatt, er trete zurück.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].ends_with("| Der Minister"), "{got:?}");
}

#[test]
fn a_continued_report_with_its_own_laut_is_one_statement() {
    let got = run_with(
        "Berger sagte, die Firma sei pleite. Danach sei laut Novak die Kasse leer gewesen.",
        &[
            ("Berger", EntityKind::Person),
            ("Novak", EntityKind::Person),
        ],
    );
    assert_eq!(
        got,
        vec![
            "indirect | sagte | die Firma sei pleite | Berger",
            "indirect | laut | Danach sei laut Novak die Kasse leer gewesen | Novak",
        ]
    );
}

#[test]
fn a_trailing_frame_inside_the_content_ends_it() {
    let names = [("Novak", EntityKind::Person)];
    let got = run_with(
        "Die Kasse sei seit Monaten leer gewesen, so Novak, der Kassenwart des Vereins.",
        &names,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].contains("| Die Kasse sei seit Monaten leer gewesen | Novak"),
        "{got:?}"
    );
    let got = run_with(
        "Die Kasse sei seit Monaten völlig leer gewesen, so der Bericht von Novak, der gestern erschien, seien die Löhne daher ausgeblieben.",
        &names,
    );
    assert!(
        got.iter()
            .any(|l| l.contains("seien die Löhne daher ausgeblieben |")),
        "{got:?}"
    );
    // A parenthetical frame followed by Konjunktiv is no end.
    let got = run_with(
        "Die Kasse, so Novak weiter, sei seit Monaten leer gewesen.",
        &names,
    );
    assert!(!got.iter().any(|l| l.contains("| Die Kasse |")), "{got:?}");
}

#[test]
fn a_reflexive_is_no_speaker() {
    let got = run("Wie sich aus der Auswertung der Daten ergab, war der Zug zu schnell gefahren.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].ends_with("| der Auswertung der Daten"), "{got:?}");
}

#[test]
fn a_wie_clause_without_its_comma_frames_the_main_clause() {
    assert_eq!(
        run(
            "Wie die örtlichen Radiosender melden sind bei dem Sturm drei Dächer abgedeckt worden."
        ),
        vec![
            "indirect | Wie melden | sind bei dem Sturm drei Dächer abgedeckt worden | die örtlichen Radiosender"
        ]
    );
    // After a participle the auxiliary still belongs to the `wie` clause.
    let got = run("Wie gemeldet wurde bei dem Sturm niemand verletzt.");
    assert!(!got.iter().any(|l| l.contains("| wurde bei")), "{got:?}");
}

#[test]
fn verlautbaren_is_a_verb_of_saying() {
    assert_eq!(
        run("Die Lage sei unter Kontrolle, verlautbarte die Reederei am Abend."),
        vec!["indirect | verlautbarte | Die Lage sei unter Kontrolle | die Reederei"]
    );
}

#[test]
fn a_plan_or_publication_opening_the_sentence_is_its_source() {
    let names = [("Velmar-Union", EntityKind::Organization)];
    let got = run_with(
        "Nach einem Plan der Velmar-Union müssen alle Mitgliedsstaaten bis Mai Berichte vorlegen.",
        &names,
    );
    assert_eq!(
        got,
        vec![
            "indirect | Nach | müssen alle Mitgliedsstaaten bis Mai Berichte vorlegen | Plan der Velmar-Union"
        ]
    );
    let got = run(
        "Nach einer Veröffentlichung im Fachmagazin „Nordlicht“ haben Forscher einen neuen Kometen entdeckt.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].contains("| haben Forscher einen neuen Kometen entdeckt |"),
        "{got:?}"
    );
    // An event in time, with no one holding it, is no source.
    assert!(run("Nach der Veröffentlichung kam es zu Protesten vor dem Rathaus.").is_empty());
    let got = run_with(
        "Nach der Ankündigung der Velmar-Union gingen die Kurse deutlich zurück.",
        &names,
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_fronted_noun_for_what_was_told_points_back() {
    let names = [("Karl Brenner", EntityKind::Person)];
    let got = run_with(
        "Der Stürmer fällt für das Spiel aus. Diese Entscheidung gab Trainer Karl Brenner am Abend bekannt.",
        &names,
    );
    assert_eq!(
        got,
        vec![
            "indirect | gab bekannt | Der Stürmer fällt für das Spiel aus | Trainer Karl Brenner",
            "indirect | gab bekannt | Diese Entscheidung | Trainer Karl Brenner",
        ]
    );
    // A noun of other things is no back-reference.
    let got = run_with(
        "Der Stürmer fällt aus. Diese Mannschaft gab Trainer Karl Brenner am Abend bekannt.",
        &names,
    );
    assert!(
        !got.iter().any(|l| l.contains("| Der Stürmer fällt aus |")),
        "{got:?}"
    );
}

#[test]
fn a_passive_back_reference_may_hold_a_date_and_a_split_participle() {
    let names = [("Velmar AG", EntityKind::Organization)];
    let got = run_with(
        "Das Werk wird geschlossen. Das wurde von der Velmar AG am Montag, dem 3. Mai, bekannt gegeben.",
        &names,
    );
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0].starts_with("indirect | wurde bekannt gegeben | Das Werk wird geschlossen | "),
        "{got:?}"
    );
    assert!(got[1].ends_with("| Das | der Velmar AG"), "{got:?}");
}

#[test]
fn a_told_noun_points_back_only_when_announced() {
    let got = run("Der Zoo bleibt geschlossen. Diese Entscheidung wurde von Anwohnern kritisiert.");
    assert!(
        !got.iter().any(|l| l.contains("Der Zoo bleibt geschlossen")),
        "{got:?}"
    );
}

#[test]
fn a_dass_clause_after_an_apposed_subject_is_the_content() {
    let names = [("Radio Nordwelle", EntityKind::Organization)];
    let got = run_with(
        "Zwei Tage nach dem Konzert „Sommerwind“ meldete der örtliche Sender, Radio Nordwelle, dass die Karten ausverkauft seien.",
        &names,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].ends_with("| die Karten ausverkauft seien | der örtliche Sender, Radio Nordwelle"),
        "{got:?}"
    );
}

#[test]
fn a_second_coordinated_speech_act_keeps_its_speaker() {
    let names = [
        ("Jan Berg", EntityKind::Person),
        ("Eva Roth", EntityKind::Person),
        ("Grünen", EntityKind::Organization),
    ];
    // `sprachen von` with its particle right after the verb trails no content: the words
    // before it are the subject, which the coordinated `forderten … auf` shares.
    let got = run_with(
        "Der Geschäftsführer der Grünen, Jan Berg, und Eva Roth, Sprecherin für Umwelt, sprachen von einem „schwarzen Tag“ und forderten die Regierung auf, das Gesetz zurückzuziehen.",
        &names,
    );
    assert_eq!(
        got[0],
        "indirect | forderten auf | das Gesetz zurückzuziehen | Der Geschäftsführer der Grünen, Jan Berg, und Eva Roth, Sprecherin für Umwelt"
    );
    assert!(
        !got.iter().any(|l| l.contains(
            "| Der Geschäftsführer der Grünen, Jan Berg, und Eva Roth, Sprecherin für Umwelt |"
        )),
        "{got:?}"
    );
}

#[test]
fn a_sentence_with_a_short_quotation_is_what_a_back_reference_stands_for() {
    let names = [("Jan Berg", EntityKind::Person)];
    let got = run_with(
        "Die Junta, die sich selbst „Rat für Ordnung“ nennt, will der neuen Regierung „assistieren“. Das erklärte General Jan Berg am Montag.",
        &names,
    );
    assert!(
        got.iter().any(|l| l
            == "indirect | erklärte | Die Junta, die sich selbst „Rat für Ordnung“ nennt, will der neuen Regierung „assistieren“ | General Jan Berg"),
        "{got:?}"
    );
    // The name a relative clause gives is no statement.
    assert!(
        !got.iter().any(|l| l.contains("| Rat für Ordnung |")),
        "{got:?}"
    );
}

#[test]
fn a_noun_frame_before_a_verb_of_saying_reports_its_own_clause() {
    let names = [
        ("Velmar-Partei", EntityKind::Organization),
        ("Eva Roth", EntityKind::Person),
    ];
    let got = run_with(
        "Auf den Vorwurf der Velmar-Partei, es handele sich um einen „teuren Irrweg“, mit dem man Wähler gewinnen wolle, entgegnete Eva Roth, dass die Kosten gedeckt seien.",
        &names,
    );
    assert_eq!(
        got,
        vec![
            "indirect | Vorwurf | es handele sich um einen „teuren Irrweg“, mit dem man Wähler gewinnen wolle | der Velmar-Partei",
            "indirect | entgegnete | die Kosten gedeckt seien | Eva Roth",
            "direct | Vorwurf | teuren Irrweg | #0",
        ]
    );
}

#[test]
fn a_noun_clause_ends_before_mit_and_an_article() {
    let names = [("Jan Berg", EntityKind::Person)];
    let got = run_with(
        "Jan Berg trat dem Vorwurf der Gegner, das Verfahren sei unfair, mit den Worten entgegen, das Verfahren folge dem Gesetz.",
        &names,
    );
    assert!(
        got.iter()
            .any(|l| l.contains("| Vorwurf | das Verfahren sei unfair |")),
        "{got:?}"
    );
}

#[test]
fn main_clauses_joined_by_und_after_a_report_are_one_continuation() {
    let names = [("Eva Roth", EntityKind::Person)];
    let got = run_with(
        "„Die Gebühr ist richtig“, sagte Eva Roth. Die Einnahmen stärkten die Schulen, und so würden sie auch von den Eltern gesehen.",
        &names,
    );
    assert!(
        got.iter().any(|l| l.contains(
            "| Die Einnahmen stärkten die Schulen, und so würden sie auch von den Eltern gesehen |"
        )),
        "{got:?}"
    );
}

#[test]
fn an_organisation_or_pronoun_that_judges_frames_the_next_konjunktiv() {
    let names = [("Velmar-Gewerkschaft", EntityKind::Organization)];
    let got = run_with(
        "Den Plan hat die Velmar-Gewerkschaft abgelehnt. Sie bezeichnet ihn als Irrweg. Soldaten sollten nicht für Streifen eingesetzt werden.",
        &names,
    );
    assert!(
        got.iter().any(|l| l
            .ends_with("| Soldaten sollten nicht für Streifen eingesetzt werden | pronoun Sie")),
        "{got:?}"
    );
    // A verb of saying in another sense frames nothing.
    let got = run("Er meldete das Patent an. In der Halle sollten Luftschiffe gebaut werden.");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn charges_voiced_by_no_one_named_report_their_clause() {
    assert_eq!(
        run("Inzwischen werden Vorwürfe laut, dass der Verein Spenden veruntreut habe."),
        vec!["indirect | Vorwürfe | der Verein Spenden veruntreut habe | -"]
    );
    assert_eq!(
        run("Vorwürfe werden laut, dass der Verein Spenden veruntreut habe."),
        vec!["indirect | Vorwürfe | der Verein Spenden veruntreut habe | -"]
    );
}

#[test]
fn a_relative_clause_on_the_trailing_speaker_reports_again() {
    let names = [("Eva Roth", EntityKind::Person)];
    let got = run_with(
        "Der Mann habe oft vor der Tür gewartet, so Eva Roth, die auch angab, dass ihre Mandantin die Polizei gerufen habe.",
        &names,
    );
    assert_eq!(
        got,
        vec![
            "indirect | so | Der Mann habe oft vor der Tür gewartet | Eva Roth",
            "indirect | so | ihre Mandantin die Polizei gerufen habe | #0",
        ]
    );
}

#[test]
fn a_fronted_reason_opens_its_clause_in_any_mood() {
    let got = run("Als Begründung wurde angegeben, die Bürger nutzen immer kleinere Tonnen.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].contains("| die Bürger nutzen immer kleinere Tonnen |"),
        "{got:?}"
    );
}

#[test]
fn a_fronted_reason_in_the_active_keeps_its_object() {
    let names = [("Jan Berg", EntityKind::Person)];
    let got = run_with(
        "Als Grund nannte Jan Berg das Gesetz, das den Handel verbietet.",
        &names,
    );
    assert!(
        !got.iter()
            .any(|l| l.contains("| das den Handel verbietet |")),
        "{got:?}"
    );
}

#[test]
fn a_wie_clause_with_an_apposition_the_verb_closes() {
    let names = [("Jan Berg", EntityKind::Person)];
    let got = run_with(
        "Das Manöver wird große Präzision erfordern, wie Jan Berg, Leiter der Flugsicherung betont.",
        &names,
    );
    assert_eq!(
        got,
        vec![
            "indirect | wie betont | Das Manöver wird große Präzision erfordern | Jan Berg, Leiter der Flugsicherung"
        ]
    );
}

#[test]
fn a_toll_claimed_is_no_demand_wherever_the_count_stands() {
    let got = run(
        "Drei Tote und zehn Verletzte forderte am Morgen laut Polizeiangaben ein Unfall auf der Autobahn.",
    );
    assert_eq!(
        got,
        vec![
            "indirect | laut | Drei Tote und zehn Verletzte forderte am Morgen laut Polizeiangaben ein Unfall auf der Autobahn | -"
        ]
    );
}

#[test]
fn an_announced_object_for_what_was_told_points_back() {
    let names = [("Karl Brenner", EntityKind::Person)];
    let got = run_with(
        "Der Verteidiger reist doch mit ins Trainingslager. Karl Brenner gab die Entscheidung am Abend im Hotel „Seeblick“ bekannt.",
        &names,
    );
    assert_eq!(
        got,
        vec![
            "indirect | bekannt gegeben | Der Verteidiger reist doch mit ins Trainingslager | Karl Brenner",
            "indirect | bekannt gegeben | die Entscheidung | Karl Brenner",
        ]
    );
    let got = run(
        "Forscher haben ein Loch in der Ozonschicht entdeckt. Jetzt wurde diese Entdeckung bekannt gegeben.",
    );
    assert_eq!(
        got,
        vec![
            "indirect | bekannt gegeben | Forscher haben ein Loch in der Ozonschicht entdeckt | -",
            "indirect | bekannt gegeben | diese Entdeckung | -",
        ]
    );
    // A decision given to someone else is no announcement of the sentence before.
    assert!(
        run("Das Team verlor. Der Trainer gab die Entscheidung an den Verband weiter.").is_empty()
    );
}

#[test]
fn an_announcement_made_by_someone_points_back() {
    let names = [("Eva Roth", EntityKind::Person)];
    let got = run_with(
        "Die Agentur plant eine neue Raumstation. Die Ankündigung erfolgte durch Eva Roth, eine Sprecherin, in Paris.",
        &names,
    );
    assert_eq!(
        got,
        vec![
            "indirect | erfolgte durch | Die Agentur plant eine neue Raumstation | Eva Roth",
            "indirect | erfolgte durch | Die Ankündigung | Eva Roth",
        ]
    );
}

#[test]
fn results_presented_point_back() {
    let names = [("Jan Berg", EntityKind::Person)];
    let got = run_with(
        "Jedes fünfte Kind lebt in Armut. Diese Ergebnisse stellte der Präsident des Amtes, Jan Berg, am Dienstag vor.",
        &names,
    );
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0].starts_with(
            "indirect | stellte vor | Jedes fünfte Kind lebt in Armut | der Präsident des Amtes"
        ),
        "{got:?}"
    );
}

#[test]
fn talk_with_no_one_named_reports_its_clause() {
    assert_eq!(
        run("Zunächst war die Rede, dass zwei Täter beteiligt gewesen seien."),
        vec!["indirect | Rede | zwei Täter beteiligt gewesen seien | -"]
    );
}

#[test]
fn an_inserted_hiess_es_reports_both_sides() {
    assert_eq!(
        run(
            "Über die Einzelheiten war man sich nicht einig geworden, hieß es, sicher sei jedoch eine Einigung im Herbst."
        ),
        vec![
            "indirect | hieß es | Über die Einzelheiten war man sich nicht einig geworden, hieß es, sicher sei jedoch eine Einigung im Herbst | -"
        ]
    );
}

#[test]
fn assumptions_and_conclusions_stated_with_their_clause() {
    let got = run("Bisher waren die Forscher davon ausgegangen, dass die Siedlung älter sei.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].contains("| die Siedlung älter sei |"), "{got:?}");
    assert!(got[0].contains("die Forscher"), "{got:?}");
    let got = run("Beobachter schließen daraus, dass die Armee den Präsidenten nicht stützt.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].contains("| die Armee den Präsidenten nicht stützt |"),
        "{got:?}"
    );
    // Other senses are no cue.
    assert!(run("Der Laden wurde geschlossen, als der Strom ausgegangen war.").is_empty());
}

#[test]
fn an_announcing_subject_may_name_no_one() {
    let got = run(
        "Vitamine senken das Risiko. Forscher der Universität gaben diese Ergebnisse gestern bekannt.",
    );
    assert_eq!(
        got,
        vec![
            "indirect | bekannt gegeben | Vitamine senken das Risiko | Forscher der Universität",
            "indirect | bekannt gegeben | diese Ergebnisse | Forscher der Universität",
        ]
    );
    // An adverbial opening the sentence is no subject.
    assert!(
        run(
            "Vitamine senken das Risiko. Gestern gaben diese Ergebnisse Anlass zur Freude bekannt."
        )
        .is_empty()
    );
}

#[test]
fn konjunktiv_ii_before_a_continued_report_starts_it() {
    // Konjunktiv II just before a cue-less Konjunktiv I report is that report's start, with
    // its speaker; it is found with the report but listed before it, in text order.
    assert_eq!(
        run(
            "Die Behörde legte am Montag ihren Bericht vor. Techniker hätten den Hebel falsch \
             gestellt. Dadurch sei der Alarm ausgelöst worden."
        ),
        vec![
            "indirect | - | Techniker hätten den Hebel falsch gestellt | implicit",
            "indirect | - | Dadurch sei der Alarm ausgelöst worden | implicit",
        ]
    );
    // So before a report whose own attribution trails it.
    assert_eq!(
        run(
            "Am Abend könnten die Böen noch zunehmen. Der Sturm habe die Küste erreicht, sagte \
             die Sprecherin."
        ),
        vec![
            "indirect | - | Am Abend könnten die Böen noch zunehmen | die Sprecherin",
            "indirect | sagte | Der Sturm habe die Küste erreicht | die Sprecherin",
        ]
    );
    // Not in a conditional, and not without a report after it.
    assert!(run("Wenn es regnete, würden die Straßen nass. Der Markt fällt aus.").is_empty());
    assert!(run("Der Zug fuhr ab. Sonst hätte er gewartet. Die Fahrgäste gingen heim.").is_empty());
}

#[test]
fn a_relative_clause_before_a_konjunktiv_main_clause_is_part_of_the_trailing_content() {
    // `gestanden` of `stehen` in the relative clause is no cue, and the noun phrase with its
    // relative clause is the subject of the reported main clause, not of `meldet`.
    assert_eq!(
        run(
            "Ein Sturm, der lange über dem Meer gestanden hatte, habe nun die Küste erreicht, \
             meldet die örtliche Wetterbehörde."
        ),
        vec![
            "indirect | meldet | Ein Sturm, der lange über dem Meer gestanden hatte, habe nun die \
             Küste erreicht | die örtliche Wetterbehörde"
        ]
    );
    // A confession with its clause still reports.
    assert_eq!(
        run("Der Angeklagte hat gestanden, dass er das Geld genommen habe."),
        vec!["indirect | gestanden | er das Geld genommen habe | Der Angeklagte"]
    );
    assert!(run("Die Männer hatten vor dem Tor gestanden, als der Bus kam.").is_empty());
}

#[test]
fn a_report_opening_a_paragraph_takes_the_speaker_named_later_in_it() {
    let names = [
        ("Eva Roth", EntityKind::Person),
        ("Jan Berg", EntityKind::Person),
    ];
    // With no report before it, Konjunktiv I goes to the speaker its paragraph names later.
    assert_eq!(
        run_with(
            "Jan Berg wohnt am Hafen.\n\nDer Kai sei beschädigt. Ein Kran habe nachgegeben, \
             teilte Eva Roth mit.",
            &names
        ),
        vec![
            "indirect | - | Der Kai sei beschädigt | Eva Roth",
            "indirect | teilte mit | Ein Kran habe nachgegeben | Eva Roth",
        ]
    );
    // Not across a paragraph break.
    assert_eq!(
        run_with(
            "Jan Berg wohnt am Hafen. Der Kai sei beschädigt.\n\nEin Kran habe nachgegeben, \
             teilte Eva Roth mit.",
            &names
        ),
        vec![
            "indirect | - | Der Kai sei beschädigt | implicit",
            "indirect | teilte mit | Ein Kran habe nachgegeben | Eva Roth",
        ]
    );
}

#[test]
fn a_finite_verb_after_the_comma_is_no_reported_content() {
    // The comma closes the conditional clause and the main clause goes on with its verb:
    // `geklagt` reports nothing here.
    assert!(run("Wenn die Stadt damals geklagt hätte, hätte man keine Chance gehabt.").is_empty());
    // Content that opens with its subject still follows.
    assert_eq!(
        run("Die Stadt hatte geklagt, man habe keine Chance gehabt."),
        vec!["indirect | geklagt | man habe keine Chance gehabt | Die Stadt"]
    );
}

#[test]
fn a_participle_of_saying_before_a_trailing_attribution_is_content() {
    // `gelobt` is reported here: the verb after the comma with its short speaker phrase is
    // the attribution.
    assert_eq!(
        run("Das Amt sei im Vorjahr ausdrücklich gelobt worden, berichtete der Sprecher."),
        vec![
            "indirect | berichtete | Das Amt sei im Vorjahr ausdrücklich gelobt worden | der Sprecher"
        ]
    );
    assert_eq!(
        run("Das Amt wurde gelobt, berichtete der Sprecher der Regierung."),
        vec!["indirect | berichtete | Das Amt wurde gelobt | der Sprecher der Regierung"]
    );
}

#[test]
fn a_quoted_predicate_before_its_judging_verb_is_a_statement() {
    // The verb of describing closes the clause after the quoted predicate.
    assert_eq!(
        run("Die Wolken, die als „gelblich und zäh“ beschrieben wurden, zogen nach Süden ab."),
        vec!["direct | - | gelblich und zäh | -"]
    );
    // A name given with `auch … genannt` is no statement.
    assert!(run("Der Hund, auch „Bello“ genannt, lief davon.").is_empty());
}

#[test]
fn a_quoted_reproach_is_a_statement() {
    // `warfen … „…“ vor`: the quotation is the reproach, though a single capitalised word.
    assert_eq!(
        run("Die Gegner warfen der Regierung „Wortbruch“ vor."),
        vec!["direct | - | Wortbruch | -"]
    );
    // A quoted name elsewhere stays a name.
    assert!(run("Die Gegner trafen sich im „Adler“ vor dem Rathaus.").is_empty());
}

#[test]
fn openers_move_before_their_report_and_continuations_follow_them() {
    let st = |start: usize, speaker: SpeakerRef| Statement {
        span: start..start + 1,
        kind: StatementKind::Indirect,
        cue: None,
        speaker,
        addressee: None,
        topics: Vec::new(),
    };
    // Found in this order: a named report (0), a cue-less report continuing it (1), a
    // continuation of that (2), and the opener of 1 (3), found with 1 but standing before it.
    let found = vec![
        st(0, SpeakerRef::None),
        st(20, SpeakerRef::SameAs(0)),
        st(30, SpeakerRef::SameAs(1)),
        st(10, SpeakerRef::SameAs(0)),
    ];
    let sorted = in_text_order(found, &[(3, 1)]);
    let starts: Vec<usize> = sorted.iter().map(|s| s.span.start).collect();
    assert_eq!(starts, vec![0, 10, 20, 30]);
    let speakers: Vec<&SpeakerRef> = sorted.iter().map(|s| &s.speaker).collect();
    assert_eq!(
        speakers,
        vec![
            &SpeakerRef::None,
            &SpeakerRef::SameAs(0),
            &SpeakerRef::SameAs(0),
            &SpeakerRef::SameAs(2),
        ]
    );
}

/// `find_cue` asks `cue_at` only about the first word, verb forms and `Finder::CUE_WORDS`, so a
/// word that one of `cue_at`'s match arms names but the list lacks would silently never be a cue.
/// This reads the arms' words from the source and compares them with the list both ways.
#[test]
fn cue_words_are_the_words_of_cue_ats_arms() {
    let src = include_str!("mod.rs");
    let start = src.find("    fn cue_at(").expect("cue_at is in mod.rs");
    let body = &src[start..];
    let end = body[1..].find("\n    fn ").map_or(body.len(), |e| e + 1);
    let mut arms: Vec<&str> = Vec::new();
    for line in body[..end].lines() {
        // The arms of the word match stand at twelve spaces; a pattern ends at `=>` or at its
        // guard's `if`.
        let Some(rest) = line.strip_prefix("            \"") else {
            continue;
        };
        let pattern = rest
            .split(" if ")
            .next()
            .unwrap()
            .split("=>")
            .next()
            .unwrap();
        // `rest` starts inside the first quotation mark: every other piece is a word.
        arms.extend(pattern.split('"').step_by(2));
    }
    let mut listed: Vec<&str> = Finder::CUE_WORDS.to_vec();
    arms.sort_unstable();
    listed.sort_unstable();
    assert!(arms.len() > 20, "the arms were not found: {arms:?}");
    assert_eq!(arms, listed);
}

#[test]
fn told_object_words_pass_the_cue_filter() {
    // `told_object` rules out a unit without a token of the `CUE` class, so every word that
    // it takes for a verb of announcing must have that class.
    let lex = Lexicon::get();
    for w in [
        "bekannt",
        "bekannt gegeben",
        "bekannt gab",
        "bekanntgegeben",
        "verkündet",
        "veröffentlicht",
    ] {
        assert!(lex.class(w) & lexicon::class::CUE != 0, "{w}");
        // `statements_of_unit` asks `told_object` only about a unit with a `TOLD` token.
        assert!(lex.class(w) & lexicon::class::TOLD != 0, "{w}");
    }
}

/// `count_words` counts as `split_whitespace` does, across ASCII and other whitespace
/// (no-break, thin and ideographic spaces, the vertical tab) and up to its limit.
#[test]
fn count_words_counts_as_split_whitespace() {
    let texts = [
        "",
        " ",
        "Wort",
        "  zwei  Wörter ",
        "Ärger\u{a0}über\u{202f}die\u{3000}Lage",
        "a\x0bb\x0cc\rd\te\nf",
        "„Wir sind – sagte er – bereit“",
        "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn",
        "\u{85}x\u{2028}y\u{1680}z",
        "ab\tcd\nef\x0bgh\x0cij\rkl mn  op qr st uv wx yz 12 34 56 78",
        "        acht Leerzeichen, dann Wörter\u{a0}und   mehr\x1fund~mehr",
        "Wort\u{2003}Wort Wort Wort Wort Wort Wort Wort Wort Wort Wort Wort Wort Wort",
    ];
    for t in texts {
        for max in [0, 1, 4, 13, 100] {
            assert_eq!(
                count_words(t, max),
                t.split_whitespace().take(max).count(),
                "{t:?} {max}"
            );
        }
    }
}

/// `credit_line` answers as the four substring tests it stands for.
#[test]
fn credit_line_answers_as_the_substring_tests() {
    for t in [
        "",
        "Foto: dpa",
        "Er sagte: Bild: Archiv.",
        "Quelle: Bildfunk",
        "Das Haus (Archivbild) steht.",
        "Fotos, Bilder und (Archiv) Bildungsfragen.",
        "Bildfun",
        "(Archivbil",
    ] {
        let plain = t.contains("Foto:")
            || t.contains("Bildfunk")
            || t.contains("(Archivbild)")
            || t.contains("Bild:");
        assert_eq!(credit_line(t), plain, "{t:?}");
    }
}

/// `quote_or_colon` answers as the search for the characters it stands for, for text with
/// none of them, with each of them, and with other characters that share their first bytes.
#[test]
fn quote_or_colon_answers_as_the_character_search() {
    for t in [
        "",
        "Der Kai sei beschädigt.",
        "Er sagte: nein.",
        "„Ja“",
        "Sie schrieb “so”.",
        "Ein \"Test\".",
        "»Nein«",
        "«Oui»",
        "Ein Gedankenstrich – und … mehr.",
        "Preis 5 € bei 20 °C, § 3",
        "Ein\u{a0}Leerzeichen.",
    ] {
        let plain = t.contains(['„', '“', '"', '»', '«', ':']);
        assert_eq!(quote_or_colon(t), plain, "{t:?}");
    }
}

/// `tokens_into` tells a unit's colons by its tokens, which holds only while every colon of
/// the text is a token of its own.
#[test]
fn every_colon_is_a_token_of_its_own() {
    let d = doc(
        "Um 17:00 Uhr sagte sie: „Ja.“ Es stand 3:1. Stadt:Land, Wort:wort, a::b, 12:30-Uhr-Termin, http://x.de:80 und Ä:Ö.",
    );
    let colons = d.text.bytes().filter(|&b| b == b':').count();
    let tokens = d
        .tokens
        .iter()
        .filter(|t| &d.text[t.span.clone()] == ":")
        .count();
    assert_eq!(colons, tokens);
}

/// `is_subordinator` rules out a word by its length and first letter before the list, words
/// beyond ASCII too: that holds only while no subordinator holds a `k` (the Kelvin sign
/// lower-cases to one, from three bytes to one).
#[test]
fn subordinators_are_found_in_any_case() {
    for s in SUBORDINATORS {
        assert!(!s.contains('k'), "{s}");
        assert_eq!(is_ascii_subordinator(s.as_bytes()), s.is_ascii(), "{s}");
        assert!(is_subordinator(s), "{s}");
        assert!(is_subordinator(&s.to_uppercase()), "{s}");
        let mut cap = s[..1].to_uppercase();
        cap.push_str(&s[1..]);
        assert!(is_subordinator(&cap), "{s}");
    }
    for w in [
        "Währung", "ähnlich", "Als", "alsbald", "wen", "Damm", "Sofa", "eher", "sei",
    ] {
        assert_eq!(is_subordinator(w), in_folded(SUBORDINATORS, w), "{w}");
    }
}
