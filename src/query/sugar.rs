//! The one-line questions that whosaid is built for:
//!
//! ```text
//! WHO SAID WHAT ABOUT Donald Trump
//! WHAT DID Rutte SAY ABOUT Putin SINCE 2025-12-01
//! WHAT DID "Mark Rutte" SAY UNTIL 2026-01-31
//! WHO SAID "Ich mag den Kerl"
//! ```
//!
//! Keywords are case-insensitive. A name is either quoted (`'…'`, `"…"`, or
//! German `„…“`) or the words up to the next keyword, so `Donald Trump` needs
//! no quotes but a name containing a keyword (`"Say Anything"`) does. A
//! trailing `?` or `;` is ignored. The text of `WHO SAID` must be quoted,
//! because unquoted it could not be told apart from `WHO SAID WHAT`.
//!
//! [`parse_sugar`] reads a question into [`Sugar`]; [`desugar`] turns it into
//! an ordinary [`Query`] that the engine runs like any other, so `explain`
//! and every engine feature work on questions too.
//!
//! # How names are resolved
//!
//! Names become calls of the function `whosaid.resolve(name)`, bound with
//! WITH before the MATCH that uses them:
//!
//! ```text
//! WITH whosaid.resolve('Trump') AS about
//! MATCH (s:Statement)-[:ABOUT]->(about) ...
//! ```
//!
//! The engine implements `whosaid.resolve`: it returns the one entity node
//! whose `name` or one of whose `aliases` equals the argument, compared
//! case-insensitively, and fails with an error naming the candidates when
//! there are none or several. A function rather than a `WHERE` on names keeps
//! alias handling and the ambiguity rule in one place in the engine, and
//! binding it first lets the planner start from that node instead of scanning
//! all statements.
//!
//! # The result
//!
//! Every question returns the columns `speaker`, `statement`, `about`,
//! `document` and `date`, one row per statement (and speaker), ordered by
//! date, document and position in the document. `about` is the name of the
//! entity asked about when the question has ABOUT, and otherwise the list of
//! the names of all entities the statement is about. `speaker` is null when
//! the speaker is not known. `SINCE d` keeps statements published on or after `d`, `UNTIL d`
//! those published on or before `d` (compared as `published < d + 1 day`, so
//! a timestamp later on day `d` still counts).

use super::ast::{Ask, Date, Query, Span, Sugar, write_string_literal};
use super::error::SyntaxError;
use super::parser;

type Result<T> = std::result::Result<T, SyntaxError>;

/// True when `text` is a one-line question rather than Cypher: its first word
/// is WHO or WHAT, which no Cypher query starts with.
pub fn is_sugar(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    first.eq_ignore_ascii_case("WHO") || first.eq_ignore_ascii_case("WHAT")
}

/// Parses a question if `text` is one (see [`is_sugar`]) and desugars it, or
/// else parses `text` as Cypher. This is the entry point for user input.
pub fn parse_question_or_query(text: &str) -> Result<Query> {
    if is_sugar(text) {
        Ok(desugar(&parse_sugar(text)?))
    } else {
        parser::parse(text)
    }
}

// ---------------------------------------------------------------------------
// Tokens.
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Quoted(String),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    span: Span,
}

impl Token {
    /// True when this is the unquoted keyword `kw` (case-insensitive).
    fn is(&self, kw: &str) -> bool {
        matches!(&self.tok, Tok::Word(w) if w.eq_ignore_ascii_case(kw))
    }

    fn describe(&self) -> String {
        match &self.tok {
            Tok::Word(w) => format!("`{w}`"),
            Tok::Quoted(q) if q.trim().is_empty() => "an empty quoted text".into(),
            Tok::Quoted(_) => "a quoted text".into(),
        }
    }
}

/// The closing quote for an opening one, covering ASCII and German quotes.
fn closing_quote(open: char) -> Option<char> {
    match open {
        '\'' => Some('\''),
        '"' => Some('"'),
        '„' => Some('“'),
        '“' => Some('”'),
        '‚' => Some('‘'),
        '«' => Some('»'),
        '»' => Some('«'),
        _ => None,
    }
}

/// Splits a question into words and quoted texts. Quoted texts take the
/// backslash escapes of Cypher strings (`\'`, `\\`, `\n`, `\u00e4`, ...), so the
/// canonical form printed by `Display for Sugar` reads back unchanged.
fn tokenize(text: &str) -> Result<Vec<Token>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if let Some(close) = closing_quote(c) {
            chars.next();
            let mut value = String::new();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                if c == '\\' {
                    if let Some((_, n)) = chars.next() {
                        value.push(unescape_char(n, &mut chars));
                    }
                } else if c == close || (close == '“' && c == '”') {
                    // `„…”` is a common variant of `„…“`.
                    end = Some(i + c.len_utf8());
                    break;
                } else {
                    value.push(c);
                }
            }
            let Some(end) = end else {
                return Err(SyntaxError::UnterminatedString {
                    span: Span::new(start, text.len()),
                });
            };
            out.push(Token {
                tok: Tok::Quoted(value),
                span: Span::new(start, end),
            });
            continue;
        }
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() || closing_quote(c).is_some() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        out.push(Token {
            tok: Tok::Word(text[start..end].to_string()),
            span: Span::new(start, end),
        });
    }
    // A closing `?` or `;` is punctuation, not part of the last name.
    if let Some(last) = out.last_mut()
        && let Tok::Word(w) = &mut last.tok
    {
        let trimmed = w.trim_end_matches(['?', ';']).len();
        last.span.end -= w.len() - trimmed;
        w.truncate(trimmed);
        if w.is_empty() {
            out.pop();
        }
    }
    Ok(out)
}

/// The character a backslash escape stands for; `\uXXXX` reads its digits
/// from `rest`. Unknown escapes stand for the escaped character itself.
fn unescape_char(c: char, rest: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> char {
    match c {
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'b' => '\u{8}',
        'f' => '\u{c}',
        'u' | 'U' => {
            let len = if c == 'u' { 4 } else { 8 };
            let mut hex = String::new();
            while hex.len() < len {
                match rest.peek() {
                    Some(&(_, h)) if h.is_ascii_hexdigit() => {
                        hex.push(h);
                        rest.next();
                    }
                    _ => break,
                }
            }
            u32::from_str_radix(&hex, 16)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or(char::REPLACEMENT_CHARACTER)
        }
        other => other,
    }
}

// ---------------------------------------------------------------------------
// Parsing.
// ---------------------------------------------------------------------------

/// Keywords that end an unquoted name.
const STOP_WORDS: &[&str] = &["SAY", "ABOUT", "SINCE", "UNTIL"];

struct Cursor<'a> {
    toks: Vec<Token>,
    pos: usize,
    text: &'a str,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    /// An "expected X, found Y" error at the current token (or the end).
    fn unexpected(&self, expected: &str) -> SyntaxError {
        match self.peek() {
            Some(t) => SyntaxError::Unexpected {
                span: t.span,
                expected: expected.into(),
                found: t.describe(),
            },
            None => SyntaxError::Unexpected {
                span: Span::new(self.text.len(), self.text.len()),
                expected: expected.into(),
                found: "end of input".into(),
            },
        }
    }

    fn keyword(&mut self, kw: &str) -> Result<()> {
        if self.peek().is_some_and(|t| t.is(kw)) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(kw))
        }
    }

    fn accept(&mut self, kw: &str) -> bool {
        let yes = self.peek().is_some_and(|t| t.is(kw));
        if yes {
            self.pos += 1;
        }
        yes
    }

    /// A quoted name, or unquoted words up to the next keyword.
    fn name(&mut self, what: &str) -> Result<String> {
        if let Some(Token {
            tok: Tok::Quoted(q),
            ..
        }) = self.peek()
        {
            let q = q.trim().to_string();
            if q.is_empty() {
                return Err(self.unexpected(what));
            }
            self.pos += 1;
            return Ok(q);
        }
        let mut words = Vec::new();
        while let Some(t) = self.peek() {
            match &t.tok {
                Tok::Word(w) if !STOP_WORDS.iter().any(|s| t.is(s)) => {
                    words.push(w.clone());
                    self.pos += 1;
                }
                _ => break,
            }
        }
        if words.is_empty() {
            return Err(self.unexpected(what));
        }
        Ok(words.join(" "))
    }

    fn date(&mut self) -> Result<Date> {
        let Some(t) = self.peek().cloned() else {
            return Err(self.unexpected("a date like 2025-12-01"));
        };
        let Tok::Word(w) = &t.tok else {
            return Err(self.unexpected("a date like 2025-12-01"));
        };
        let date = parse_date(w).ok_or_else(|| SyntaxError::InvalidDate {
            span: t.span,
            text: w.clone(),
        })?;
        self.pos += 1;
        Ok(date)
    }
}

/// Parses one question. See the module documentation for the forms.
pub fn parse_sugar(text: &str) -> Result<Sugar> {
    let mut c = Cursor {
        toks: tokenize(text)?,
        pos: 0,
        text,
    };
    let ask = if c.accept("WHO") {
        c.keyword("SAID")?;
        if c.accept("WHAT") {
            c.keyword("ABOUT")?;
            Ask::WhoSaidAbout {
                about: c.name("a name after ABOUT")?,
            }
        } else if let Some(Token {
            tok: Tok::Quoted(q),
            ..
        }) = c.peek()
        {
            let text = q.clone();
            if text.trim().is_empty() {
                return Err(c.unexpected("a non-empty quoted text"));
            }
            c.pos += 1;
            Ask::WhoSaidText { text }
        } else {
            return Err(c.unexpected("WHAT or a quoted text"));
        }
    } else if c.accept("WHAT") {
        c.keyword("DID")?;
        let speaker = c.name("the name of a speaker")?;
        c.keyword("SAY")?;
        let about = if c.accept("ABOUT") {
            Some(c.name("a name after ABOUT")?)
        } else {
            None
        };
        Ask::WhatDidSay { speaker, about }
    } else {
        return Err(c.unexpected("WHO or WHAT"));
    };
    let mut since = None;
    let mut until = None;
    loop {
        if since.is_none() && c.accept("SINCE") {
            since = Some(c.date()?);
        } else if until.is_none() && c.accept("UNTIL") {
            until = Some(c.date()?);
        } else {
            break;
        }
    }
    if c.peek().is_some() {
        let expected = match (since, until) {
            (None, None) => "SINCE, UNTIL or the end of the question",
            (None, Some(_)) => "SINCE or the end of the question",
            (Some(_), None) => "UNTIL or the end of the question",
            (Some(_), Some(_)) => "the end of the question",
        };
        return Err(c.unexpected(expected));
    }
    Ok(Sugar { ask, since, until })
}

/// Reads `YYYY-MM-DD`, checking that the day exists.
fn parse_date(s: &str) -> Option<Date> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(y) && all_digits(m) && all_digits(d)) {
        return None;
    }
    let date = Date {
        year: y.parse().ok()?,
        month: m.parse().ok()?,
        day: d.parse().ok()?,
    };
    (date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= days_in_month(date))
        .then_some(date)
}

fn days_in_month(d: Date) -> u8 {
    let leap =
        d.year.is_multiple_of(4) && (!d.year.is_multiple_of(100) || d.year.is_multiple_of(400));
    match d.month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The day after `d`.
fn next_day(d: Date) -> Date {
    if d.day < days_in_month(d) {
        Date {
            day: d.day + 1,
            ..d
        }
    } else if d.month < 12 {
        Date {
            month: d.month + 1,
            day: 1,
            ..d
        }
    } else {
        Date {
            year: d.year + 1,
            month: 1,
            day: 1,
        }
    }
}

// ---------------------------------------------------------------------------
// Desugaring.
// ---------------------------------------------------------------------------

/// A string literal in Cypher syntax.
fn lit(s: &str) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = write_string_literal(&mut out, s);
    out
}

/// The Cypher text a question stands for (see the module documentation).
pub fn desugar_text(s: &Sugar) -> String {
    let resolve = |name: &str, var: &str| format!("whosaid.resolve({}) AS {var}", lit(name));
    let mut filters = Vec::new();
    if let Some(d) = s.since {
        filters.push(format!("s.published >= '{d}'"));
    }
    if let Some(d) = s.until {
        filters.push(format!("s.published < '{}'", next_day(d)));
    }
    let mut lines = Vec::new();
    // Each shape says how statements are found and which of speaker and
    // about are already bound; the rest of the query is shared.
    // Each shape says how statements are found and which of speaker and
    // about are already bound; the rest of the query is shared.
    let (speaker_bound, about_bound) = match &s.ask {
        Ask::WhoSaidAbout { about } => {
            lines.push(format!("WITH {}", resolve(about, "about")));
            lines.push("MATCH (s:Statement)-[:ABOUT]->(about)".to_string());
            (false, true)
        }
        Ask::WhatDidSay {
            speaker,
            about: Some(about),
        } => {
            lines.push(format!(
                "WITH {}, {}",
                resolve(speaker, "speaker"),
                resolve(about, "about")
            ));
            lines.push("MATCH (speaker)-[:SAID]->(s:Statement)-[:ABOUT]->(about)".to_string());
            (true, true)
        }
        Ask::WhatDidSay {
            speaker,
            about: None,
        } => {
            lines.push(format!("WITH {}", resolve(speaker, "speaker")));
            lines.push("MATCH (speaker)-[:SAID]->(s:Statement)".to_string());
            (true, false)
        }
        Ask::WhoSaidText { text } => {
            lines.push("MATCH (s:Statement)".to_string());
            filters.insert(
                0,
                format!("toLower(s.text) CONTAINS {}", lit(&text.to_lowercase())),
            );
            (false, false)
        }
    };
    if !filters.is_empty() {
        lines.push(format!("WHERE {}", filters.join(" AND ")));
    }
    lines.push("MATCH (s)-[:IN]->(d:Document)".to_string());
    if !speaker_bound {
        lines.push("OPTIONAL MATCH (speaker)-[:SAID]->(s)".to_string());
    }
    let about_column = if about_bound {
        "about.name AS about"
    } else {
        // Without ABOUT, one row per statement with all its entities.
        lines.push("OPTIONAL MATCH (s)-[:ABOUT]->(entity)".to_string());
        lines.push("WITH speaker, s, d, collect(entity.name) AS about".to_string());
        "about"
    };
    // Sorting in a WITH keeps the ORDER BY free to use `s.start`, which is
    // not one of the returned columns.
    lines.push("WITH speaker, s, about, d ORDER BY s.published, d.name, s.start".to_string());
    lines.push(format!(
        "RETURN speaker.name AS speaker, s.text AS statement, {about_column}, \
         d.name AS document, s.published AS date"
    ));
    lines.join("\n")
}

/// The ordinary query a question stands for.
pub fn desugar(s: &Sugar) -> Query {
    let text = desugar_text(s);
    // The text is built from validated dates and escaped string literals, so
    // it always parses; the tests check every shape with arbitrary names.
    parser::parse(&text).unwrap_or_else(|e| {
        panic!(
            "desugared question does not parse (a bug in sugar.rs):\n{}",
            e.render(&text, "<desugared>")
        )
    })
}
