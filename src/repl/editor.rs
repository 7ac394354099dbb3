//! The line editor: rustyline with completion, multi-line validation and a history file.
//! Only this file knows rustyline's types.

use std::borrow::Cow;
use std::path::PathBuf;

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{
    Cmd, CompletionType, Config, Context, EventHandler, Helper, KeyCode, KeyEvent, Modifiers,
};

use super::{COMMANDS, Schema, is_complete};

/// Cypher keywords and the one-line question words, for completion.
const KEYWORDS: &[&str] = &[
    "MATCH",
    "OPTIONAL",
    "WHERE",
    "RETURN",
    "WITH",
    "DISTINCT",
    "AS",
    "ORDER",
    "BY",
    "ASC",
    "DESC",
    "SKIP",
    "LIMIT",
    "UNWIND",
    "CASE",
    "WHEN",
    "THEN",
    "ELSE",
    "END",
    "AND",
    "OR",
    "XOR",
    "NOT",
    "IN",
    "IS",
    "NULL",
    "TRUE",
    "FALSE",
    "STARTS",
    "ENDS",
    "CONTAINS",
    "CREATE",
    "MERGE",
    "SET",
    "REMOVE",
    "DELETE",
    "DETACH",
    "UNION",
    "ALL",
    "ON",
    "count",
    "collect",
    "sum",
    "avg",
    "min",
    "max",
    "size",
    "length",
    "labels",
    "type",
    "id",
    "properties",
    "keys",
    "nodes",
    "relationships",
    "toLower",
    "toUpper",
    "coalesce",
    "shortestPath",
    "WHO",
    "SAID",
    "WHAT",
    "ABOUT",
    "DID",
    "SAY",
    "SINCE",
    "UNTIL",
];

pub enum Read {
    Input(String),
    Interrupted,
    Eof,
    Failed(String),
}

pub struct Editor {
    rl: rustyline::Editor<ReplHelper, DefaultHistory>,
    history: Option<PathBuf>,
}

impl Editor {
    pub fn new(schema: Schema, history: Option<PathBuf>) -> rustyline::Result<Self> {
        let config = Config::builder()
            .completion_type(CompletionType::List)
            .auto_add_history(false)
            .max_history_size(5000)?
            .build();
        let mut rl = rustyline::Editor::with_config(config)?;
        // Enter runs complete input and starts a new line in incomplete input, so a query can
        // span lines until its `;`.
        rl.bind_sequence(
            KeyEvent(KeyCode::Enter, Modifiers::NONE),
            EventHandler::Simple(Cmd::AcceptOrInsertLine {
                accept_in_the_middle: true,
            }),
        );
        rl.set_helper(Some(ReplHelper {
            words: Words::from(schema),
        }));
        if let Some(h) = &history {
            let _ = rl.load_history(h);
        }
        Ok(Editor { rl, history })
    }

    pub fn set_schema(&mut self, schema: Schema) {
        if let Some(h) = self.rl.helper_mut() {
            h.words = Words::from(schema);
        }
    }

    /// Reads one complete input, which may span several lines; it becomes one history entry.
    pub fn read(&mut self, initial: &str) -> Read {
        match self.rl.readline_with_initial("whosaid> ", (initial, "")) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = self.rl.add_history_entry(line.as_str());
                    if let Some(h) = &self.history {
                        let _ = self.rl.append_history(h);
                    }
                }
                Read::Input(line)
            }
            Err(ReadlineError::Interrupted) => Read::Interrupted,
            Err(ReadlineError::Eof) => Read::Eof,
            Err(e) => Read::Failed(e.to_string()),
        }
    }

    pub fn save_history(&mut self) {
        if let Some(h) = &self.history {
            let _ = self.rl.save_history(h);
        }
    }
}

/// Asks a yes/no question on the terminal; anything but `y`/`yes` is no.
pub fn ask_yes_no(question: &str) -> bool {
    let Ok(mut rl) = rustyline::DefaultEditor::new() else {
        return false;
    };
    matches!(
        rl.readline(question)
            .map(|a| a.trim().to_lowercase())
            .as_deref(),
        Ok("y" | "yes" | "j" | "ja")
    )
}

/// What completion offers, from the graph's schema.
#[derive(Default)]
struct Words {
    labels_and_types: Vec<String>,
    keys: Vec<String>,
    names: Vec<String>,
}

impl From<Schema> for Words {
    fn from(s: Schema) -> Self {
        let mut labels_and_types: Vec<String> = s
            .labels
            .into_iter()
            .chain(s.rel_types)
            .map(|(n, _)| n)
            .collect();
        labels_and_types.sort();
        labels_and_types.dedup();
        let mut names = s.names;
        names.sort();
        names.dedup();
        Words {
            labels_and_types,
            keys: s.property_keys.into_iter().map(|(n, _)| n).collect(),
            names,
        }
    }
}

struct ReplHelper {
    words: Words,
}

/// Completion candidates for the word before the cursor: `(start of word, candidates)`.
fn candidates(words: &Words, line: &str, pos: usize) -> (usize, Vec<String>) {
    let before = &line[..pos];
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    let prev = before[..start].chars().last();
    let lower = word.to_lowercase();
    let matches = |c: &&str| c.to_lowercase().starts_with(&lower);
    let pick = |items: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        items.filter(matches).map(str::to_string).collect()
    };
    // `:` at the start of the input is a meta-command; elsewhere it introduces a label or type.
    if prev == Some(':') && before[..start].trim_start() == ":" {
        let cmds = pick(&mut COMMANDS.iter().map(|(c, _)| &c[1..]));
        return (start, cmds);
    }
    match prev {
        Some(':') => (
            start,
            pick(&mut words.labels_and_types.iter().map(String::as_str)),
        ),
        Some('.') => (start, pick(&mut words.keys.iter().map(String::as_str))),
        _ if word.is_empty() => (start, Vec::new()),
        _ => {
            let mut out = pick(&mut KEYWORDS.iter().copied());
            // Entity names may have several words: they complete from the word's start.
            out.extend(
                words
                    .names
                    .iter()
                    .filter(|n| n.to_lowercase().starts_with(&lower))
                    .take(50)
                    .cloned(),
            );
            out.dedup();
            (start, out)
        }
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, cands) = candidates(&self.words, line, pos);
        Ok((
            start,
            cands
                .into_iter()
                .map(|c| Pair {
                    display: c.clone(),
                    replacement: c,
                })
                .collect(),
        ))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Highlighter for ReplHelper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        Cow::Borrowed(prompt)
    }
}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(if is_complete(ctx.input()) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

impl Helper for ReplHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words {
        Words::from(Schema {
            labels: vec![("Person".into(), 3), ("Statement".into(), 5)],
            rel_types: vec![("SAID".into(), 5)],
            property_keys: vec![("name".into(), 3), ("text".into(), 5)],
            names: vec!["Anna Muster".into(), "Annalena Beispiel".into()],
        })
    }

    #[test]
    fn completes_labels_after_colon_and_keys_after_dot() {
        let w = words();
        assert_eq!(
            candidates(&w, "MATCH (p:Pe", 11),
            (9, vec!["Person".to_string()])
        );
        assert_eq!(
            candidates(&w, "MATCH ()-[:SA", 13),
            (11, vec!["SAID".to_string()])
        );
        assert_eq!(
            candidates(&w, "RETURN s.te", 11),
            (9, vec!["text".to_string()])
        );
    }

    #[test]
    fn completes_commands_keywords_and_names() {
        let w = words();
        assert_eq!(candidates(&w, ":sch", 4), (1, vec!["schema".to_string()]));
        assert_eq!(
            candidates(&w, "match (n) ret", 13).1,
            vec!["RETURN".to_string()]
        );
        let (start, c) = candidates(&w, "WHO SAID WHAT ABOUT ann", 23);
        assert_eq!(start, 20);
        assert_eq!(
            c,
            vec!["Anna Muster".to_string(), "Annalena Beispiel".to_string()]
        );
    }
}
