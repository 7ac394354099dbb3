//! Rules of German attribution, each on an invented sentence.

use super::*;
use crate::text;

fn doc(t: &str) -> Document {
    text::parse("t.txt", "t.txt", t.as_bytes()).expect("test text parses")
}

/// Statements of a text as `(kind, cue, text)`, with mentions from the entity recogniser.
fn run(t: &str) -> Vec<(String, String, String)> {
    let d = doc(t);
    let m = crate::extract::entities::recognize(&d);
    find(&d, &m)
        .iter()
        .map(|s| {
            (
                s.kind.as_str().to_string(),
                s.cue.clone().unwrap_or_default(),
                d.slice(&s.span).to_string(),
            )
        })
        .collect()
}

#[test]
fn leading_verb_with_comma_gives_indirect_content() {
    let r = run("Die Ministerin Anna Berger sagte am Montag, die Reform komme zu spät.");
    assert_eq!(
        r,
        vec![(
            "indirect".into(),
            "sagte".into(),
            "die Reform komme zu spät".into()
        )]
    );
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
