//! Query text → [`Query`].
//!
//! The grammar is `grammar/query.pest`; this module is the only one that sees
//! pest's types. It walks the parse tree into the typed AST, checks what the
//! grammar alone cannot (number ranges, escapes, the order of clauses, the
//! relationship rules of CREATE and MERGE, patterns used as values), and
//! turns pest's failures into a [`SyntaxError`] that says what was expected
//! in words, with a "did you mean" for misspelt keywords.
//!
//! Semantic checks (undefined or rebound variables, aggregation rules, UNION
//! columns) belong to the engine, which knows scopes.
//!
//! Deeply nested input cannot exhaust the stack: nesting is bounded
//! ([`MAX_NESTING`], [`MAX_DEPTH`]) and parsing runs on a stack grown to fit.

use pest::Parser as _;
use pest::error::InputLocation;
use pest::iterators::Pair;

use super::ast::*;
use super::error::SyntaxError;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/query.pest"]
struct CypherParser;

/// How deeply brackets and CASE expressions may nest. pest and the tree walk
/// recurse once per level, so this bound keeps a hostile query from
/// exhausting the stack; real queries stay far below it.
pub const MAX_NESTING: usize = 64;

/// How deep the expression trees of a parsed query may be. Operator chains
/// fold into left-leaning trees (`a + b + c` is `(a + b) + c`), and the
/// printer, the engine and even dropping the tree recurse over that depth, so
/// it is bounded here where the error can be reported with a span.
pub const MAX_DEPTH: usize = 400;

/// Stack to reserve per nesting level while parsing. pest recurses through
/// about fifteen rules per bracket level, and unoptimised builds use around
/// 100 KiB for that; the margin covers the tree walk.
const STACK_PER_LEVEL: usize = 160 * 1024;

type Result<T> = std::result::Result<T, SyntaxError>;

/// Parses one openCypher query.
///
/// ```
/// use whosaid::query::parser::parse;
///
/// let q = parse("match (p:Person)-[:SAID]->(s) return p.name, count(*)").unwrap();
/// // Display prints the canonical text; columns keep the text as typed.
/// assert_eq!(q.to_string(), "MATCH (p:Person)-[:SAID]->(s) RETURN p.name, count(*)");
///
/// let err = parse("MATCH (n) RETRUN n").unwrap_err();
/// assert_eq!(
///     err.render("MATCH (n) RETRUN n", "saved.cypher"),
///     "error: expected RETURN, WITH or another clause, a relationship pattern like `-[r]->`, \
///      WHERE or `,`, found `RETRUN` (did you mean RETURN?)\n \
///      --> saved.cypher:1:11\n  |\n1 | MATCH (n) RETRUN n\n  |           ^^^^^^\n"
/// );
/// ```
pub fn parse(text: &str) -> Result<Query> {
    let depth = check_nesting(text)?;
    // Run on a larger stack when the nesting needs it, so deep but legal
    // queries work in threads with small stacks (such as test threads).
    let needed = (depth + 4) * STACK_PER_LEVEL;
    stacker::maybe_grow(needed, needed * 2, || parse_nested(text))
}

/// [`parse`] once the stack is known to suffice. A tree that is too deep is
/// also dropped here, on the large stack.
fn parse_nested(text: &str) -> Result<Query> {
    let mut pairs = CypherParser::parse(Rule::Cypher, text).map_err(|e| detailed_error(text, e))?;
    let cypher = pairs
        .next()
        .expect("the Cypher rule always yields one pair");
    let query = cypher
        .into_inner()
        .find(|p| p.as_rule() == Rule::Query)
        .expect("Cypher contains a Query");
    let span = span_of(&query);
    let cx = Cx::new(&query);
    let query = build_query(&cx, query)?;
    check_depth(&query, span)?;
    Ok(query)
}

/// Rejects a query whose expression trees are deeper than [`MAX_DEPTH`].
/// The walk uses an explicit stack, so it cannot itself run out of stack.
fn check_depth(query: &Query, span: Span) -> Result<()> {
    let mut todo: Vec<(&Expr, usize)> = query_exprs(query).into_iter().map(|e| (e, 1)).collect();
    while let Some((e, d)) = todo.pop() {
        if d > MAX_DEPTH {
            return Err(SyntaxError::TooDeep {
                span,
                limit: MAX_DEPTH,
            });
        }
        todo.extend(e.children().into_iter().map(|c| (c, d + 1)));
    }
    Ok(())
}

/// Every top-level expression of a query (clause expressions and pattern
/// property maps).
fn query_exprs(query: &Query) -> Vec<&Expr> {
    let mut out = Vec::new();
    let singles = std::iter::once(&query.first).chain(query.unions.iter().map(|u| &u.query));
    for single in singles {
        for clause in &single.clauses {
            clause_exprs(clause, &mut out);
        }
    }
    out
}

fn clause_exprs<'a>(clause: &'a Clause, out: &mut Vec<&'a Expr>) {
    let pattern = |p: &'a Pattern, out: &mut Vec<&'a Expr>| {
        for part in &p.parts {
            out.extend(part.element.property_exprs());
        }
    };
    let projection = |p: &'a Projection, out: &mut Vec<&'a Expr>| {
        out.extend(p.items.iter().map(|i| &i.expr));
        out.extend(p.order_by.iter().map(|s| &s.expr));
        out.extend(p.skip.iter());
        out.extend(p.limit.iter());
    };
    let set_items = |items: &'a [SetItem], out: &mut Vec<&'a Expr>| {
        for item in items {
            match item {
                SetItem::Property { target, value } => {
                    out.push(target);
                    out.push(value);
                }
                SetItem::Replace { value, .. } | SetItem::Extend { value, .. } => out.push(value),
                SetItem::Labels { .. } => {}
            }
        }
    };
    match clause {
        Clause::Match(m) => {
            pattern(&m.pattern, out);
            out.extend(m.where_.iter());
        }
        Clause::Unwind(u) => out.push(&u.expr),
        Clause::With(w) => {
            projection(&w.projection, out);
            out.extend(w.where_.iter());
        }
        Clause::Return(r) => projection(&r.projection, out),
        Clause::Create(c) => pattern(&c.pattern, out),
        Clause::Merge(m) => {
            out.extend(m.part.element.property_exprs());
            for a in &m.actions {
                set_items(&a.items, out);
            }
        }
        Clause::Set(s) => set_items(&s.items, out),
        Clause::Remove(r) => {
            for item in &r.items {
                if let RemoveItem::Property(e) = item {
                    out.push(e);
                }
            }
        }
        Clause::Delete(d) => out.extend(d.exprs.iter()),
    }
}

/// Parses one expression on its own (for tests and tools that evaluate a
/// single expression).
pub fn parse_expression(text: &str) -> Result<Expr> {
    let query = parse(&format!("RETURN {text}"))
        .map_err(|e| shift_error(e, "RETURN ".len(), text.len()))?;
    match query.first.clauses.into_iter().next() {
        Some(Clause::Return(Return { projection }))
            if projection.items.len() == 1
                && projection.items[0].alias.is_none()
                && projection.order_by.is_empty()
                && projection.skip.is_none()
                && projection.limit.is_none()
                && !projection.star
                && !projection.distinct
                && query.unions.is_empty() =>
        {
            Ok(projection.items.into_iter().next().expect("one item").expr)
        }
        _ => Err(SyntaxError::Unexpected {
            span: Span::new(0, text.len()),
            expected: "a single expression".into(),
            found: "more than one expression".into(),
        }),
    }
}

/// Moves an error found in a wrapped text back onto the original text.
fn shift_error(mut e: SyntaxError, by: usize, len: usize) -> SyntaxError {
    let fix = |s: &mut Span| {
        s.start = s.start.saturating_sub(by).min(len);
        s.end = s.end.saturating_sub(by).min(len);
    };
    match &mut e {
        SyntaxError::Unexpected { span, .. }
        | SyntaxError::InvalidNumberLiteral { span, .. }
        | SyntaxError::IntegerOverflow { span, .. }
        | SyntaxError::FloatingPointOverflow { span, .. }
        | SyntaxError::InvalidEscape { span, .. }
        | SyntaxError::InvalidUnicodeLiteral { span, .. }
        | SyntaxError::InvalidUnicodeCharacter { span, .. }
        | SyntaxError::UnterminatedString { span }
        | SyntaxError::NoSingleRelationshipType { span, .. }
        | SyntaxError::RequiresDirectedRelationship { span }
        | SyntaxError::CreatingVarLength { span, .. }
        | SyntaxError::InvalidRelationshipPattern { span, .. }
        | SyntaxError::TooDeep { span, .. }
        | SyntaxError::PatternOutsideWhere { span }
        | SyntaxError::InvalidDate { span, .. } => fix(span),
    }
    e
}

/// True when `name` reads as one unquoted identifier: an XID_START character
/// or `_`, then XID_CONTINUE characters, exactly as the grammar's
/// `UnescapedSymbolicName`. The printer uses it to decide on backticks.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || pest::unicode::XID_START(c))
        && chars.all(pest::unicode::XID_CONTINUE)
}

// ---------------------------------------------------------------------------
// Guarding against stack exhaustion.
// ---------------------------------------------------------------------------

/// Rejects texts whose brackets or CASE expressions nest deeper than
/// [`MAX_NESTING`]. Strings, backtick names and comments are skipped so that
/// brackets inside them do not count.
fn check_nesting(text: &str) -> Result<usize> {
    let bytes = text.as_bytes();
    // Open brackets and CASEs, innermost last (`b'C'` stands for CASE).
    let mut open: Vec<u8> = Vec::new();
    let mut max_depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let mut opened = false;
        match b {
            b'\'' | b'"' | b'`' => {
                // Skip to the matching quote, honouring backslash escapes in
                // strings. An unclosed quote ends the scan; the grammar
                // reports it.
                i += 1;
                while i < bytes.len() && bytes[i] != b {
                    if bytes[i] == b'\\' && b != b'`' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                open.push(b);
                opened = true;
            }
            b')' | b']' | b'}' => {
                // Close the innermost bracket and any CASE left open in it.
                while let Some(o) = open.pop() {
                    if o != b'C' {
                        break;
                    }
                }
            }
            _ if keyword_at(bytes, i, b"CASE") => {
                open.push(b'C');
                opened = true;
                i += 3;
            }
            _ if keyword_at(bytes, i, b"END") => {
                if open.last() == Some(&b'C') {
                    open.pop();
                }
                i += 2;
            }
            _ => {}
        }
        if opened && open.len() > MAX_NESTING {
            return Err(SyntaxError::TooDeep {
                span: Span::new(i, i + 1),
                limit: MAX_NESTING,
            });
        }
        max_depth = max_depth.max(open.len());
        i += 1;
    }
    Ok(max_depth)
}

/// True when the keyword `word` stands at `i` as a keyword: a whole word,
/// not a property key (`n.end`) or map key (`{end: 1}`).
fn keyword_at(bytes: &[u8], i: usize, word: &[u8]) -> bool {
    if !word_at(bytes, i, word) {
        return false;
    }
    let before = bytes[..i].iter().rev().find(|b| !b.is_ascii_whitespace());
    let after = bytes[i + word.len()..]
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    before != Some(&b'.') && after != Some(&b':')
}

/// True when the keyword `word` (ASCII, case-insensitive) stands at `i` as a
/// whole word.
fn word_at(bytes: &[u8], i: usize, word: &[u8]) -> bool {
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    bytes.len() >= i + word.len()
        && bytes[i..i + word.len()].eq_ignore_ascii_case(word)
        && (i == 0 || !is_ident(bytes[i - 1]))
        && bytes.get(i + word.len()).is_none_or(|&b| !is_ident(b))
}

// ---------------------------------------------------------------------------
// Error conversion.
// ---------------------------------------------------------------------------

/// Parses a text again, known to fail, with pest's detailed error tracking on
/// and turns the failure into a [`SyntaxError`]. The tracking roughly
/// doubles parse time, so successful parses run without it. The switch is
/// global to pest, hence the lock: it keeps one thread from turning it off
/// while another is still collecting details (other parses meanwhile only get
/// slower, never different).
fn detailed_error(text: &str, first: pest::error::Error<Rule>) -> SyntaxError {
    static DETAIL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = DETAIL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    pest::set_error_detail(true);
    let result = CypherParser::parse(Rule::Cypher, text);
    pest::set_error_detail(false);
    convert_error(text, result.err().unwrap_or(first))
}

/// Turns a pest failure into a [`SyntaxError`], first looking at the text at
/// the failure position for a malformed token (a bad number, an unclosed
/// string), which deserves a more precise message than "expected ...".
fn convert_error(text: &str, err: pest::error::Error<Rule>) -> SyntaxError {
    let pos = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    // A word starting with a digit is a malformed number only where a value
    // could stand; elsewhere (a map key, say) it is plainly unexpected.
    let expects_value = match &err.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives
            .iter()
            .any(|r| matches!(rule_phrase(*r), "an expression" | "a number")),
        pest::error::ErrorVariant::CustomError { .. } => false,
    };
    if let Some(e) = malformed_token(text, pos, expects_value) {
        return e;
    }
    // Punctuation the grammar would accept here (pest reports literal
    // tokens separately from rules).
    let punctuation: Vec<String> = err
        .parse_attempts()
        .map(|a| a.expected_tokens())
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.to_string())
        .filter(|t| PUNCTUATION.contains(&t.as_str()))
        .map(|t| format!("`{t}`"))
        .collect();
    let expected = match &err.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            describe_expected(positives, &punctuation)
        }
        pest::error::ErrorVariant::CustomError { message } => message.clone(),
    };
    let (mut found, len) = describe_found(text, pos);
    let mut span = Span::new(pos, pos + len);
    if let Some((op, fix, start)) = foreign_operator(text, pos) {
        found = format!("`{op}` (openCypher writes {fix})");
        span = Span::new(start, start + op.len());
    } else if let pest::error::ErrorVariant::ParsingError { positives, .. } = &err.variant {
        let word = found.trim_matches('`');
        let keywords = positives.iter().filter_map(|r| rule_keyword(*r));
        if let Some(kw) = closest_keyword(word, keywords) {
            found = format!("{found} (did you mean {kw}?)");
        }
    }
    SyntaxError::Unexpected {
        span,
        expected,
        found,
    }
}

/// Operators of other languages that users type by habit, found at or just
/// before `pos`: the operator, what openCypher writes instead, and where the
/// operator starts.
fn foreign_operator(text: &str, pos: usize) -> Option<(&'static str, &'static str, usize)> {
    const FOREIGN: &[(&str, &str)] = &[
        ("==", "`=`"),
        ("!=", "`<>`"),
        ("&&", "AND"),
        ("||", "OR"),
        ("!", "NOT"),
    ];
    FOREIGN.iter().find_map(|&(op, fix)| {
        [pos, pos.saturating_sub(1)]
            .into_iter()
            .find(|&start| text.get(start..).is_some_and(|t| t.starts_with(op)))
            .map(|start| (op, fix, start))
    })
}

/// The keyword a grammar rule stands for, for "did you mean" hints.
fn rule_keyword(rule: Rule) -> Option<&'static str> {
    use Rule as R;
    Some(match rule {
        R::Match | R::MATCH => "MATCH",
        R::OPTIONAL => "OPTIONAL",
        R::Unwind | R::UNWIND => "UNWIND",
        R::Merge | R::MERGE => "MERGE",
        R::Create | R::CREATE => "CREATE",
        R::Set | R::SET => "SET",
        R::Delete | R::DELETE => "DELETE",
        R::DETACH => "DETACH",
        R::Remove | R::REMOVE => "REMOVE",
        R::With | R::WITH => "WITH",
        R::Return | R::RETURN => "RETURN",
        R::Where | R::WHERE => "WHERE",
        R::Order | R::ORDER => "ORDER",
        R::Skip | R::SKIP => "SKIP",
        R::Limit | R::LIMIT => "LIMIT",
        R::Union | R::UNION => "UNION",
        R::DISTINCT => "DISTINCT",
        R::AS => "AS",
        R::BY => "BY",
        R::AND => "AND",
        R::OR => "OR",
        R::XOR => "XOR",
        R::CONTAINS => "CONTAINS",
        R::StartsWith | R::STARTS => "STARTS",
        R::EndsWith | R::ENDS => "ENDS",
        R::ASC => "ASC",
        R::DESC => "DESC",
        R::ASCENDING => "ASCENDING",
        R::DESCENDING => "DESCENDING",
        R::THEN => "THEN",
        R::ELSE => "ELSE",
        R::END => "END",
        R::WHEN | R::CaseAlternative => "WHEN",
        _ => return None,
    })
}

/// The keyword closest to `word` if it is a likely misspelling of it: at
/// most one edit for short words, two for longer ones.
fn closest_keyword<'k>(word: &str, keywords: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    if word.is_empty() || !word.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    let upper = word.to_uppercase();
    let limit = if upper.chars().count() <= 4 { 1 } else { 2 };
    keywords
        .map(|k| (crate::suggest::edit_distance(&upper, k), k))
        .filter(|&(d, _)| d > 0 && d <= limit)
        .min()
        .map(|(_, k)| k)
}

/// Recognises a malformed number or an unclosed string starting at (or
/// containing) `pos`.
fn malformed_token(text: &str, pos: usize, expects_value: bool) -> Option<SyntaxError> {
    let rest = text.get(pos..)?;
    let first = rest.chars().next()?;
    // Typographic dashes and angle brackets are accepted in patterns; where
    // the parse stopped at one, it stood for an operator.
    let suggestion = match first {
        '\u{AD}' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '﹘' | '﹣' | '－' => {
            Some("-")
        }
        '⟨' | '〈' | '﹤' | '＜' => Some("<"),
        '⟩' | '〉' | '﹥' | '＞' => Some(">"),
        _ => None,
    };
    if let Some(suggestion) = suggestion {
        return Some(SyntaxError::InvalidUnicodeCharacter {
            span: Span::new(pos, pos + first.len_utf8()),
            text: first.to_string(),
            suggestion,
        });
    }
    if first == '\'' || first == '"' {
        // A string that starts here but never parsed is unclosed (escapes are
        // checked later, on a successfully parsed literal).
        let mut escaped = false;
        for c in rest[1..].chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                c if c == first => return None,
                _ => {}
            }
        }
        return Some(SyntaxError::UnterminatedString {
            span: Span::new(pos, text.len()),
        });
    }
    if !expects_value {
        return None;
    }
    // Find the start of the word containing pos (a number may have failed
    // only at a letter glued to it, e.g. `12ab`).
    let start = text[..pos]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
        .last()
        .map_or(pos, |(i, _)| i);
    let word_end = text[start..]
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(text.len(), |(i, _)| start + i);
    let word = &text[start..word_end];
    if word.starts_with(|c: char| c.is_ascii_digit()) && !is_valid_number(word) {
        return Some(SyntaxError::InvalidNumberLiteral {
            span: Span::new(start, word_end),
            text: word.to_string(),
        });
    }
    None
}

/// True for a word that the grammar reads as one number literal.
fn is_valid_number(word: &str) -> bool {
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if let Some(h) = word.strip_prefix("0x") {
        return digits(h, 16);
    }
    if let Some(o) = word.strip_prefix("0o") {
        return digits(o, 8);
    }
    if digits(word, 10) {
        return true;
    }
    // An exponent form such as `1e10`; a decimal point would have ended the
    // word, so only the exponent can appear here.
    if let Some((m, e)) = word.split_once(['e', 'E']) {
        return digits(m, 10) && digits(e, 10);
    }
    false
}

/// Describes what stands at `pos` for the "found" part of a message, with the
/// length in bytes of the token to underline.
fn describe_found(text: &str, pos: usize) -> (String, usize) {
    let rest = &text[pos.min(text.len())..];
    let Some(c) = rest.chars().next() else {
        return ("end of input".into(), 0);
    };
    if c.is_alphanumeric() || c == '_' {
        let end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
            .map_or(rest.len(), |(i, _)| i);
        (format!("`{}`", &rest[..end]), end)
    } else {
        (format!("`{c}`"), c.len_utf8())
    }
}

/// Words for what the grammar would have accepted, e.g. "an expression,
/// `)` or `,`". Rules are mapped to phrases and duplicates dropped.
fn describe_expected(positives: &[Rule], punctuation: &[String]) -> String {
    let mut phrases: Vec<&str> = Vec::new();
    for r in positives {
        let p = rule_phrase(*r);
        if !phrases.contains(&p) {
            phrases.push(p);
        }
    }
    // Once any atom of an expression would do, listing each kind is noise.
    if phrases.contains(&"an expression") {
        phrases.retain(|p| !EXPRESSION_PARTS.contains(p));
    }
    // After a complete expression every operator could follow; say so once.
    if phrases.iter().filter(|p| OPERATORS.contains(p)).count() >= 3 {
        phrases.retain(|p| !OPERATORS.contains(p));
        phrases.insert(0, "an operator");
    }
    // After a complete clause any clause could follow. The grammar also lets
    // the query end or a UNION follow there, but that is only right after an
    // updating clause; naming them after a MATCH would mislead.
    if phrases.iter().filter(|p| CLAUSES.contains(p)).count() >= 3 {
        phrases.retain(|p| !CLAUSES.contains(p) && *p != "end of input" && *p != "UNION");
        phrases.insert(0, "RETURN, WITH or another clause");
    }
    for p in punctuation {
        if !phrases.contains(&p.as_str()) {
            phrases.push(p);
        }
    }
    match phrases.len() {
        0 => "something else".into(),
        1 => phrases[0].into(),
        n => format!("{} or {}", phrases[..n - 1].join(", "), phrases[n - 1]),
    }
}

/// Literal tokens worth naming in "expected ..." (closing brackets and
/// separators); operators and keywords are covered by rule phrases.
const PUNCTUATION: &[&str] = &[",", ")", "]", "}", "|"];

/// Phrases for operators that may follow a complete expression.
const OPERATORS: &[&str] = &[
    "a label like `:Person`",
    "a comparison",
    "STARTS WITH, ENDS WITH or CONTAINS",
    "CONTAINS",
    "`=~`",
    "`+` or `-`",
    "`*`, `/` or `%`",
    "`^`",
    "a property lookup like `.name`",
    "an index like `[0]`",
    "AND",
    "OR",
    "XOR",
    "IN",
    "IS NULL or IS NOT NULL",
];

/// Phrases for clauses.
const CLAUSES: &[&str] = &[
    "MATCH",
    "OPTIONAL MATCH",
    "UNWIND",
    "MERGE",
    "CREATE",
    "SET",
    "DELETE",
    "REMOVE",
    "WITH",
    "RETURN",
];

/// Phrases that only say "some expression could start here".
const EXPRESSION_PARTS: &[&str] = &[
    "a number",
    "a string",
    "a variable",
    "a parameter",
    "a list",
    "a map",
    "a function call",
    "a pattern",
    "true, false or null",
    "CASE",
    "NOT",
];

/// The words for one grammar rule in an error message.
fn rule_phrase(rule: Rule) -> &'static str {
    use Rule as R;
    match rule {
        R::EOI => "end of input",
        R::Query | R::SingleQuery => "a query",
        R::Union | R::UNION => "UNION",
        R::Match | R::MATCH => "MATCH",
        R::OPTIONAL => "OPTIONAL MATCH",
        R::Unwind | R::UNWIND => "UNWIND",
        R::Merge | R::MERGE => "MERGE",
        R::MergeAction | R::ON => "ON CREATE SET or ON MATCH SET",
        R::Create | R::CREATE => "CREATE",
        R::Set | R::SET => "SET",
        R::SetItem
        | R::SetProperty
        | R::SetReplace
        | R::SetExtend
        | R::SetLabels
        | R::PropertyExpression => "a property or label to set",
        R::Delete | R::DELETE | R::DETACH => "DELETE",
        R::Remove | R::REMOVE => "REMOVE",
        R::RemoveLabels | R::RemoveProperty => "a property or label to remove",
        R::With | R::WITH => "WITH",
        R::Return | R::RETURN => "RETURN",
        R::ProjectionItems | R::ProjectionItem => "an expression",
        R::Star => "`*`",
        R::Order | R::ORDER => "ORDER BY",
        R::BY => "BY",
        R::Skip | R::SKIP => "SKIP",
        R::Limit | R::LIMIT => "LIMIT",
        R::SortItem => "an expression to sort by",
        R::ASC | R::ASCENDING | R::DESC | R::DESCENDING => "ASC or DESC",
        R::Where | R::WHERE => "WHERE",
        R::Pattern | R::PatternPart | R::PatternElement | R::AnonymousPatternPart => "a pattern",
        R::ShortestPathPattern | R::SHORTESTPATH | R::ALLSHORTESTPATHS => "a pattern",
        R::NodePattern => "a node pattern like `(n)`",
        R::PatternElementChain | R::RelationshipPattern | R::RelationshipsPattern => {
            "a relationship pattern like `-[r]->`"
        }
        R::RelationshipDetail => "`[` with relationship details",
        R::RelationshipTypes => "a relationship type like `:KNOWS`",
        R::NodeLabels => "a label like `:Person`",
        R::RangeLiteral | R::RangeWithoutStar => "a length like `*1..3`",
        R::RangeStart | R::RangeEnd => "a length bound",
        R::RangeDots => "`..`",
        R::LeftArrowHead => "a relationship pattern like `-[r]->`",
        R::RightArrowHead => "`>`",
        R::Dash => "`-`",
        R::Properties => "a property map",
        R::Expression
        | R::OrExpression
        | R::XorExpression
        | R::AndExpression
        | R::NotExpression
        | R::ComparisonExpression
        | R::StringListNullPredicateExpression
        | R::AddOrSubtractExpression
        | R::MultiplyDivideModuloExpression
        | R::PowerOfExpression
        | R::UnaryAddOrSubtractExpression
        | R::NonArithmeticOperatorExpression
        | R::Atom
        | R::ParenthesizedExpression
        | R::CaseOperand
        | R::SliceFrom
        | R::SliceTo => "an expression",
        R::PartialComparisonExpression | R::ComparisonOperator => "a comparison",
        R::StringPredicateExpression | R::StartsWith | R::EndsWith | R::STARTS | R::ENDS => {
            "STARTS WITH, ENDS WITH or CONTAINS"
        }
        R::CONTAINS => "CONTAINS",
        R::ListPredicateExpression | R::IN => "IN",
        R::NullPredicateExpression | R::IS => "IS NULL or IS NOT NULL",
        R::RegexPredicateExpression => "`=~`",
        R::AddOperator => "`+` or `-`",
        R::MultiplyOperator => "`*`, `/` or `%`",
        R::PropertyLookup => "a property lookup like `.name`",
        R::ListOperatorExpression | R::ListIndex | R::ListSlice => "an index like `[0]`",
        R::OR => "OR",
        R::XOR => "XOR",
        R::AND => "AND",
        R::NOT => "NOT",
        R::NumberLiteral
        | R::DoubleLiteral
        | R::IntegerLiteral
        | R::HexInteger
        | R::OctalInteger
        | R::DecimalDigits => "a number",
        R::StringLiteral | R::Escape => "a string",
        R::TRUE | R::FALSE | R::NULL => "true, false or null",
        R::Parameter => "a parameter",
        R::CaseExpression | R::CASE => "CASE",
        R::CaseAlternative | R::WHEN => "WHEN",
        R::CaseElse | R::ELSE => "ELSE",
        R::THEN => "THEN",
        R::END => "END",
        R::CountStar | R::COUNT => "a function call",
        R::ListComprehension | R::ListLiteral | R::PatternComprehension => "a list",
        R::ComprehensionProjection => "`|`",
        R::FilterExpression => "`variable IN list`",
        R::Quantifier | R::ALL | R::ANY_KW | R::NONE | R::SINGLE => "a function call",
        R::FunctionInvocation | R::FunctionName => "a function call",
        R::DISTINCT => "DISTINCT",
        R::MapLiteral => "a map",
        R::MapEntry => "a map entry like `key: value`",
        R::AS => "AS",
        R::Variable => "a variable",
        R::SchemaName
        | R::SymbolicName
        | R::UnescapedSymbolicName
        | R::EscapedSymbolicName
        | R::ReservedWord => "a name",
        R::Cypher | R::WHITESPACE | R::COMMENT => "a query",
        _ => "something else",
    }
}

// ---------------------------------------------------------------------------
// Building the AST.
// ---------------------------------------------------------------------------

/// What the tree walk needs to know about the whole query.
struct Cx {
    /// Spans where a pattern may stand as a predicate: WHERE clauses and
    /// the arguments of `exists()`.
    pattern_ok: Vec<Span>,
    /// Variables bound by the clauses built so far in the current single
    /// query (see [`note_bound`]).
    bound: std::cell::RefCell<Vec<String>>,
}

impl Cx {
    fn new(query: &Pair<Rule>) -> Self {
        let pattern_ok = query
            .clone()
            .into_inner()
            .flatten()
            .filter(|p| match p.as_rule() {
                Rule::Where => true,
                Rule::FunctionInvocation => p
                    .clone()
                    .into_inner()
                    .next()
                    .is_some_and(|n| n.as_str().eq_ignore_ascii_case("exists")),
                _ => false,
            })
            .map(|p| span_of(&p))
            .collect();
        Cx {
            pattern_ok,
            bound: Default::default(),
        }
    }

    /// True when a pattern predicate at `span` stands in a WHERE or exists().
    fn allows_pattern(&self, span: Span) -> bool {
        self.pattern_ok
            .iter()
            .any(|w| w.start <= span.start && span.end <= w.end)
    }
}

fn span_of(pair: &Pair<Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

/// True for keyword pairs, which carry no information beyond their presence.
fn is_keyword(rule: Rule) -> bool {
    use Rule as R;
    matches!(
        rule,
        R::AND
            | R::AS
            | R::BY
            | R::CASE
            | R::CREATE
            | R::DELETE
            | R::ELSE
            | R::END
            | R::IN
            | R::IS
            | R::LIMIT
            | R::MATCH
            | R::MERGE
            | R::ON
            | R::OR
            | R::ORDER
            | R::REMOVE
            | R::RETURN
            | R::SET
            | R::SKIP
            | R::THEN
            | R::UNION
            | R::UNWIND
            | R::WHEN
            | R::WHERE
            | R::WITH
            | R::XOR
            | R::COUNT
            | R::NOT
    )
}

/// The inner pairs of `pair` that are not plain keywords.
fn parts(pair: Pair<Rule>) -> impl Iterator<Item = Pair<Rule>> {
    pair.into_inner().filter(|p| !is_keyword(p.as_rule()))
}

fn build_query(cx: &Cx, pair: Pair<Rule>) -> Result<Query> {
    let mut inner = pair.into_inner();
    let first = build_single_query(cx, inner.next().expect("a SingleQuery"))?;
    let mut unions = Vec::new();
    for u in inner {
        let mut all = false;
        let mut query = None;
        for p in parts(u) {
            match p.as_rule() {
                Rule::ALL => all = true,
                Rule::SingleQuery => query = Some(build_single_query(cx, p)?),
                r => unreachable!("unexpected {r:?} in UNION"),
            }
        }
        unions.push(UnionPart {
            all,
            query: query.expect("UNION has a query"),
        });
    }
    Ok(Query { first, unions })
}

fn build_single_query(cx: &Cx, pair: Pair<Rule>) -> Result<SingleQuery> {
    let text = pair.as_span().get_input();
    let end = pair.as_span().end();
    let mut clauses = Vec::new();
    let mut spans = Vec::new();
    cx.bound.borrow_mut().clear();
    for p in pair.into_inner() {
        spans.push(span_of(&p));
        let clause = build_clause(cx, p)?;
        note_bound(&clause, &mut cx.bound.borrow_mut());
        clauses.push(clause);
    }
    check_clause_order(text, &clauses, &spans, end)?;
    Ok(SingleQuery { clauses })
}

/// openCypher's rules on the order of clauses that the grammar leaves open: a
/// WITH separates updating clauses from later MATCH or UNWIND, and the query
/// ends with RETURN or an updating clause. `end` is where the clauses end.
fn check_clause_order(text: &str, clauses: &[Clause], spans: &[Span], end: usize) -> Result<()> {
    let keyword = |span: Span| {
        let (found, len) = describe_found(text, span.start);
        (found, Span::new(span.start, span.start + len))
    };
    let updating = |c: &Clause| {
        matches!(
            c,
            Clause::Create(_)
                | Clause::Merge(_)
                | Clause::Set(_)
                | Clause::Remove(_)
                | Clause::Delete(_)
        )
    };
    let mut updated = false;
    for (i, c) in clauses.iter().enumerate() {
        match c {
            Clause::With(_) => updated = false,
            Clause::Match(_) | Clause::Unwind(_) if updated => {
                let (found, span) = keyword(spans[i]);
                return Err(SyntaxError::Unexpected {
                    span,
                    expected: "RETURN, WITH or an updating clause \
                               (a WITH must separate updates from a later MATCH or UNWIND)"
                        .into(),
                    found,
                });
            }
            c if updating(c) => updated = true,
            _ => {}
        }
    }
    match clauses.last() {
        Some(c) if matches!(c, Clause::Return(_)) || updating(c) => Ok(()),
        _ => {
            let (found, len) = describe_found(text, next_token(text, end));
            let at = next_token(text, end);
            Err(SyntaxError::Unexpected {
                span: Span::new(at, at + len),
                expected: "RETURN, WITH or another clause".into(),
                found,
            })
        }
    }
}

/// The position of the next token at or after `at`, skipping white space and
/// comments.
fn next_token(text: &str, mut at: usize) -> usize {
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        if trimmed.starts_with("//") {
            at += trimmed.find('\n').unwrap_or(trimmed.len());
        } else if let Some(body) = trimmed.strip_prefix("/*") {
            at += 2 + body.find("*/").map_or(body.len(), |i| i + 2);
        } else {
            return at;
        }
    }
}

/// Updates the variables in scope after `clause`. This is only the
/// approximation the relationship checks of CREATE and MERGE need; the
/// engine does the real scoping.
fn note_bound(clause: &Clause, bound: &mut Vec<String>) {
    let pattern_vars = |parts: &mut dyn Iterator<Item = &PatternPart>, bound: &mut Vec<String>| {
        for part in parts {
            bound.extend(part.variable.iter().cloned());
            let e = &part.element;
            bound.extend(e.start.variable.iter().cloned());
            for step in &e.chain {
                bound.extend(step.rel.variable.iter().cloned());
                bound.extend(step.node.variable.iter().cloned());
            }
        }
    };
    match clause {
        Clause::Match(m) => pattern_vars(&mut m.pattern.parts.iter(), bound),
        Clause::Create(c) => pattern_vars(&mut c.pattern.parts.iter(), bound),
        Clause::Merge(m) => pattern_vars(&mut std::iter::once(&m.part), bound),
        Clause::Unwind(u) => bound.push(u.variable.clone()),
        Clause::With(w) => {
            if !w.projection.star {
                bound.clear();
            }
            for item in &w.projection.items {
                match (&item.alias, &item.expr) {
                    (Some(a), _) => bound.push(a.clone()),
                    (None, Expr::Variable(v)) => bound.push(v.clone()),
                    _ => {}
                }
            }
        }
        Clause::Return(_) | Clause::Set(_) | Clause::Remove(_) | Clause::Delete(_) => {}
    }
}

fn build_clause(cx: &Cx, pair: Pair<Rule>) -> Result<Clause> {
    Ok(match pair.as_rule() {
        Rule::Match => {
            let mut optional = false;
            let mut pattern = None;
            let mut where_ = None;
            for p in parts(pair) {
                match p.as_rule() {
                    Rule::OPTIONAL => optional = true,
                    Rule::Pattern => pattern = Some(build_pattern(cx, p, PatternUse::Match)?),
                    Rule::Where => where_ = Some(build_where(cx, p)?),
                    r => unreachable!("unexpected {r:?} in MATCH"),
                }
            }
            Clause::Match(Match {
                optional,
                pattern: pattern.expect("MATCH has a pattern"),
                where_,
            })
        }
        Rule::Unwind => {
            let mut it = parts(pair);
            let expr = build_expression(cx, it.next().expect("UNWIND expression"))?;
            let variable = name_of(&it.next().expect("UNWIND variable"));
            Clause::Unwind(Unwind { expr, variable })
        }
        Rule::With => {
            let mut where_ = None;
            let mut rest = Vec::new();
            for p in parts(pair) {
                if p.as_rule() == Rule::Where {
                    where_ = Some(build_where(cx, p)?);
                } else {
                    rest.push(p);
                }
            }
            Clause::With(With {
                projection: build_projection(cx, rest)?,
                where_,
            })
        }
        Rule::Return => Clause::Return(Return {
            projection: build_projection(cx, parts(pair).collect())?,
        }),
        Rule::Create => {
            let p = parts(pair).next().expect("CREATE pattern");
            Clause::Create(Create {
                pattern: build_pattern(cx, p, PatternUse::Create)?,
            })
        }
        Rule::Merge => {
            let mut it = parts(pair);
            let part =
                build_pattern_part(cx, it.next().expect("MERGE pattern"), PatternUse::Merge)?;
            let mut actions = Vec::new();
            for a in it {
                let mut on_create = false;
                let mut items = Vec::new();
                for p in a.into_inner() {
                    match p.as_rule() {
                        Rule::CREATE => on_create = true,
                        Rule::MATCH | Rule::ON => {}
                        Rule::Set => items = build_set_items(cx, p)?,
                        r => unreachable!("unexpected {r:?} in MERGE action"),
                    }
                }
                actions.push(MergeAction { on_create, items });
            }
            Clause::Merge(Merge { part, actions })
        }
        Rule::Set => Clause::Set(SetClause {
            items: build_set_items(cx, pair)?,
        }),
        Rule::Remove => {
            let mut items = Vec::new();
            for p in parts(pair) {
                items.push(match p.as_rule() {
                    Rule::RemoveLabels => {
                        let mut it = p.into_inner();
                        let variable = name_of(&it.next().expect("variable"));
                        RemoveItem::Labels {
                            variable,
                            labels: build_labels(it.next().expect("labels")),
                        }
                    }
                    Rule::RemoveProperty => RemoveItem::Property(build_property_expression(
                        cx,
                        p.into_inner().next().expect("property"),
                    )?),
                    r => unreachable!("unexpected {r:?} in REMOVE"),
                });
            }
            Clause::Remove(Remove { items })
        }
        Rule::Delete => {
            let mut detach = false;
            let mut exprs = Vec::new();
            for p in parts(pair) {
                match p.as_rule() {
                    Rule::DETACH => detach = true,
                    Rule::Expression => exprs.push(build_expression(cx, p)?),
                    r => unreachable!("unexpected {r:?} in DELETE"),
                }
            }
            Clause::Delete(Delete { detach, exprs })
        }
        r => unreachable!("unexpected clause {r:?}"),
    })
}

fn build_set_items(cx: &Cx, pair: Pair<Rule>) -> Result<Vec<SetItem>> {
    let mut items = Vec::new();
    for p in parts(pair) {
        let rule = p.as_rule();
        let mut it = p.into_inner();
        let first = it.next().expect("set target");
        items.push(match rule {
            Rule::SetProperty => SetItem::Property {
                target: build_property_expression(cx, first)?,
                value: build_expression(cx, it.next().expect("value"))?,
            },
            Rule::SetReplace => SetItem::Replace {
                variable: name_of(&first),
                value: build_expression(cx, it.next().expect("value"))?,
            },
            Rule::SetExtend => SetItem::Extend {
                variable: name_of(&first),
                value: build_expression(cx, it.next().expect("value"))?,
            },
            Rule::SetLabels => SetItem::Labels {
                variable: name_of(&first),
                labels: build_labels(it.next().expect("labels")),
            },
            r => unreachable!("unexpected {r:?} in SET"),
        });
    }
    Ok(items)
}

/// `PropertyExpression = Atom PropertyLookup+`.
fn build_property_expression(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    let mut it = pair.into_inner();
    let mut e = build_atom(cx, it.next().expect("atom"))?;
    for p in it {
        e = Expr::Property(Box::new(e), name_of(&p.into_inner().next().expect("key")));
    }
    Ok(e)
}

fn build_where(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    build_expression(cx, parts(pair).next().expect("WHERE expression"))
}

fn build_projection(cx: &Cx, pairs: Vec<Pair<Rule>>) -> Result<Projection> {
    let mut proj = Projection {
        distinct: false,
        star: false,
        items: Vec::new(),
        order_by: Vec::new(),
        skip: None,
        limit: None,
    };
    for p in pairs {
        match p.as_rule() {
            Rule::DISTINCT => proj.distinct = true,
            Rule::ProjectionItems => {
                for item in p.into_inner() {
                    match item.as_rule() {
                        Rule::Star => proj.star = true,
                        Rule::ProjectionItem => proj.items.push(build_projection_item(cx, item)?),
                        r => unreachable!("unexpected {r:?} in projection"),
                    }
                }
            }
            Rule::Order => {
                for s in parts(p) {
                    let mut it = s.into_inner();
                    let expr = build_expression(cx, it.next().expect("sort expression"))?;
                    let descending = it
                        .next()
                        .is_some_and(|d| matches!(d.as_rule(), Rule::DESC | Rule::DESCENDING));
                    proj.order_by.push(SortItem { expr, descending });
                }
            }
            Rule::Skip => proj.skip = Some(build_expression(cx, parts(p).next().expect("SKIP"))?),
            Rule::Limit => {
                proj.limit = Some(build_expression(cx, parts(p).next().expect("LIMIT"))?)
            }
            r => unreachable!("unexpected {r:?} in projection"),
        }
    }
    Ok(proj)
}

fn build_projection_item(cx: &Cx, pair: Pair<Rule>) -> Result<ProjectionItem> {
    let span = span_of(&pair);
    let mut it = parts(pair);
    let e = it.next().expect("projection expression");
    let text = e.as_str().trim().to_string();
    let expr = build_expression(cx, e)?;
    let alias = it.next().map(|v| name_of(&v));
    Ok(ProjectionItem {
        expr,
        alias,
        text,
        span,
    })
}

// --- patterns --------------------------------------------------------------

/// Where a pattern stands, which decides the rules its relationships obey.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PatternUse {
    Match,
    Create,
    Merge,
    /// In an expression (pattern predicate or comprehension).
    Expression,
}

fn build_pattern(cx: &Cx, pair: Pair<Rule>, usage: PatternUse) -> Result<Pattern> {
    let mut parts_ = Vec::new();
    for p in pair.into_inner() {
        parts_.push(build_pattern_part(cx, p, usage)?);
    }
    Ok(Pattern { parts: parts_ })
}

fn build_pattern_part(cx: &Cx, pair: Pair<Rule>, usage: PatternUse) -> Result<PatternPart> {
    let mut variable = None;
    let mut kind = PathKind::All;
    let mut element = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::Variable => variable = Some(name_of(&p)),
            Rule::PatternElement => element = Some(build_pattern_element(cx, p, usage)?),
            Rule::ShortestPathPattern => {
                for q in p.into_inner() {
                    match q.as_rule() {
                        Rule::SHORTESTPATH => kind = PathKind::Shortest,
                        Rule::ALLSHORTESTPATHS => kind = PathKind::AllShortest,
                        Rule::PatternElement => {
                            element = Some(build_pattern_element(cx, q, usage)?)
                        }
                        r => unreachable!("unexpected {r:?} in shortestPath"),
                    }
                }
            }
            r => unreachable!("unexpected {r:?} in pattern part"),
        }
    }
    Ok(PatternPart {
        variable,
        kind,
        element: element.expect("pattern element"),
    })
}

fn build_pattern_element(cx: &Cx, pair: Pair<Rule>, usage: PatternUse) -> Result<PatternElement> {
    let mut it = pair.into_inner().peekable();
    // A parenthesised element just wraps another one.
    if it.peek().map(|p| p.as_rule()) == Some(Rule::PatternElement) {
        return build_pattern_element(cx, it.next().expect("inner element"), usage);
    }
    let start = build_node_pattern(cx, it.next().expect("node pattern"))?;
    let mut chain = Vec::new();
    for step in it {
        chain.push(build_step(cx, step, usage)?);
    }
    Ok(PatternElement { start, chain })
}

/// `RelationshipsPattern = NodePattern PatternElementChain+`.
fn build_relationships_pattern(cx: &Cx, pair: Pair<Rule>) -> Result<PatternElement> {
    let mut it = pair.into_inner();
    let start = build_node_pattern(cx, it.next().expect("node pattern"))?;
    let mut chain = Vec::new();
    for step in it {
        chain.push(build_step(cx, step, PatternUse::Expression)?);
    }
    Ok(PatternElement { start, chain })
}

fn build_step(cx: &Cx, pair: Pair<Rule>, usage: PatternUse) -> Result<PatternStep> {
    let mut it = pair.into_inner();
    let rel = build_rel_pattern(cx, it.next().expect("relationship"), usage)?;
    let node = build_node_pattern(cx, it.next().expect("node"))?;
    Ok(PatternStep { rel, node })
}

fn build_node_pattern(cx: &Cx, pair: Pair<Rule>) -> Result<NodePattern> {
    let mut node = NodePattern {
        variable: None,
        labels: Vec::new(),
        properties: None,
    };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::Variable => node.variable = Some(name_of(&p)),
            Rule::NodeLabels => node.labels = build_labels(p),
            Rule::MapLiteral | Rule::Parameter => {
                node.properties = Some(Box::new(build_atom(cx, p)?))
            }
            r => unreachable!("unexpected {r:?} in node pattern"),
        }
    }
    Ok(node)
}

fn build_rel_pattern(cx: &Cx, pair: Pair<Rule>, usage: PatternUse) -> Result<RelPattern> {
    let span = span_of(&pair);
    let mut left = false;
    let mut right = false;
    let mut rel = RelPattern {
        variable: None,
        types: Vec::new(),
        direction: Direction::Both,
        length: None,
        properties: None,
    };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::LeftArrowHead => left = true,
            Rule::RightArrowHead => right = true,
            Rule::RelationshipDetail => {
                for d in p.into_inner() {
                    match d.as_rule() {
                        Rule::Variable => rel.variable = Some(name_of(&d)),
                        Rule::RelationshipTypes => {
                            rel.types = d.into_inner().map(|t| name_of(&t)).collect()
                        }
                        Rule::RangeLiteral => rel.length = Some(build_range(d)?),
                        Rule::RangeWithoutStar => {
                            return Err(SyntaxError::InvalidRelationshipPattern {
                                span: span_of(&d),
                                reason: "a variable length starts with `*`, as in `*1..3`",
                            });
                        }
                        Rule::MapLiteral | Rule::Parameter => {
                            rel.properties = Some(Box::new(build_atom(cx, d)?))
                        }
                        r => unreachable!("unexpected {r:?} in relationship"),
                    }
                }
            }
            r => unreachable!("unexpected {r:?} in relationship pattern"),
        }
    }
    rel.direction = match (left, right) {
        (true, false) => Direction::Left,
        (false, true) => Direction::Right,
        _ => Direction::Both,
    };
    check_rel(cx, &rel, usage, span)?;
    Ok(rel)
}

/// The rules CREATE and MERGE put on relationships: they create exactly one
/// relationship of one known type; CREATE must also know its direction.
fn check_rel(cx: &Cx, rel: &RelPattern, usage: PatternUse, span: Span) -> Result<()> {
    let clause = match usage {
        PatternUse::Create => "CREATE",
        PatternUse::Merge => "MERGE",
        PatternUse::Match | PatternUse::Expression => return Ok(()),
    };
    if rel.length.is_some() {
        return Err(SyntaxError::CreatingVarLength { span, clause });
    }
    // A relationship whose variable is bound by an earlier clause is a
    // different error (VariableAlreadyBound), which the engine reports.
    let rebinds = rel
        .variable
        .as_ref()
        .is_some_and(|v| cx.bound.borrow().contains(v));
    if rel.types.len() > 1 || (rel.types.is_empty() && !rebinds) {
        return Err(SyntaxError::NoSingleRelationshipType { span, clause });
    }
    if usage == PatternUse::Create && rel.direction == Direction::Both {
        return Err(SyntaxError::RequiresDirectedRelationship { span });
    }
    Ok(())
}

fn build_range(pair: Pair<Rule>) -> Result<VarLength> {
    let mut start = None;
    let mut dots = false;
    let mut end = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::RangeStart => start = Some(range_bound(p)?),
            Rule::RangeDots => dots = true,
            Rule::RangeEnd => end = Some(range_bound(p)?),
            r => unreachable!("unexpected {r:?} in range"),
        }
    }
    Ok(if dots {
        VarLength {
            min: start,
            max: end,
        }
    } else {
        VarLength {
            min: start,
            max: start,
        }
    })
}

fn range_bound(pair: Pair<Rule>) -> Result<u64> {
    let span = span_of(&pair);
    let mut it = pair.into_inner();
    let lit = it.next().expect("integer");
    if lit.as_rule() == Rule::NegativeSign {
        return Err(SyntaxError::InvalidRelationshipPattern {
            span,
            reason: "the bounds of a variable length cannot be negative",
        });
    }
    let span = span_of(&lit);
    let v = parse_integer(lit.as_str(), false, span)?;
    // parse_integer only yields non-negative values for unsigned text.
    Ok(v as u64)
}

fn build_labels(pair: Pair<Rule>) -> Vec<String> {
    pair.into_inner().map(|p| name_of(&p)).collect()
}

/// The name a Variable/SchemaName/SymbolicName pair stands for, with
/// backtick quoting removed.
fn name_of(pair: &Pair<Rule>) -> String {
    decode_name(pair.as_str())
}

fn decode_name(text: &str) -> String {
    if text.len() >= 2 && text.starts_with('`') && text.ends_with('`') {
        text[1..text.len() - 1].replace("``", "`")
    } else {
        text.to_string()
    }
}

// --- expressions -----------------------------------------------------------

fn build_expression(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    debug_assert_eq!(pair.as_rule(), Rule::Expression);
    build_or(cx, pair.into_inner().next().expect("OrExpression"))
}

/// Folds `operand (op operand)*` left to right.
fn fold_chain(
    mut operands: impl Iterator<Item = Result<Expr>>,
    mut op: impl FnMut(Expr, Expr) -> Expr,
) -> Result<Expr> {
    let mut acc = operands.next().expect("at least one operand")?;
    for next in operands {
        acc = op(acc, next?);
    }
    Ok(acc)
}

fn build_or(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    fold_chain(parts(pair).map(|p| build_xor(cx, p)), |l, r| {
        Expr::Binary(BinaryOp::Or, Box::new(l), Box::new(r))
    })
}

fn build_xor(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    fold_chain(parts(pair).map(|p| build_and(cx, p)), |l, r| {
        Expr::Binary(BinaryOp::Xor, Box::new(l), Box::new(r))
    })
}

fn build_and(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    fold_chain(parts(pair).map(|p| build_not(cx, p)), |l, r| {
        Expr::Binary(BinaryOp::And, Box::new(l), Box::new(r))
    })
}

fn build_not(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    let mut nots = 0;
    let mut inner = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::NOT => nots += 1,
            _ => inner = Some(build_comparison(cx, p)?),
        }
    }
    let mut e = inner.expect("comparison");
    for _ in 0..nots {
        e = Expr::Unary(UnaryOp::Not, Box::new(e));
    }
    Ok(e)
}

fn build_comparison(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    let mut it = pair.into_inner();
    let first = build_predicates(cx, it.next().expect("operand"))?;
    let mut rest = Vec::new();
    for partial in it {
        let mut pi = partial.into_inner();
        let op = match pi.next().expect("operator").as_str() {
            "=" => CompOp::Eq,
            "<>" => CompOp::Ne,
            "<" => CompOp::Lt,
            "<=" => CompOp::Le,
            ">" => CompOp::Gt,
            ">=" => CompOp::Ge,
            o => unreachable!("unknown comparison {o}"),
        };
        rest.push((op, build_predicates(cx, pi.next().expect("operand"))?));
    }
    Ok(if rest.is_empty() {
        first
    } else {
        Expr::Comparison {
            first: Box::new(first),
            rest,
        }
    })
}

fn build_predicates(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    let mut it = pair.into_inner();
    let mut e = build_additive(cx, it.next().expect("operand"))?;
    for p in it {
        let rule = p.as_rule();
        let mut pi = p.into_inner();
        e = match rule {
            Rule::NullPredicateExpression => Expr::IsNull {
                expr: Box::new(e),
                negated: pi.any(|q| q.as_rule() == Rule::NOT),
            },
            Rule::ListPredicateExpression => {
                let rhs = pi.find(|q| q.as_rule() == Rule::AddOrSubtractExpression);
                Expr::Binary(
                    BinaryOp::In,
                    Box::new(e),
                    Box::new(build_additive(cx, rhs.expect("list"))?),
                )
            }
            Rule::RegexPredicateExpression => Expr::Binary(
                BinaryOp::RegexMatch,
                Box::new(e),
                Box::new(build_additive(cx, pi.next().expect("regex"))?),
            ),
            Rule::StringPredicateExpression => {
                let op = match pi.next().expect("operator").as_rule() {
                    Rule::StartsWith => BinaryOp::StartsWith,
                    Rule::EndsWith => BinaryOp::EndsWith,
                    _ => BinaryOp::Contains,
                };
                Expr::Binary(
                    op,
                    Box::new(e),
                    Box::new(build_additive(cx, pi.next().expect("operand"))?),
                )
            }
            r => unreachable!("unexpected {r:?} in predicate"),
        };
    }
    Ok(e)
}

/// Folds `operand (operator operand)*` where operators are their own pairs.
fn build_operator_chain(
    cx: &Cx,
    pair: Pair<Rule>,
    build: fn(&Cx, Pair<Rule>) -> Result<Expr>,
    op_of: fn(&str) -> BinaryOp,
) -> Result<Expr> {
    let mut it = pair.into_inner();
    let mut e = build(cx, it.next().expect("operand"))?;
    while let Some(op) = it.next() {
        let rhs = build(cx, it.next().expect("operand"))?;
        e = Expr::Binary(op_of(op.as_str()), Box::new(e), Box::new(rhs));
    }
    Ok(e)
}

fn build_additive(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    build_operator_chain(cx, pair, build_multiplicative, |o| match o {
        "+" => BinaryOp::Add,
        _ => BinaryOp::Sub,
    })
}

fn build_multiplicative(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    build_operator_chain(cx, pair, build_power, |o| match o {
        "*" => BinaryOp::Mul,
        "/" => BinaryOp::Div,
        _ => BinaryOp::Mod,
    })
}

fn build_power(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    fold_chain(pair.into_inner().map(|p| build_unary(cx, p)), |l, r| {
        Expr::Binary(BinaryOp::Pow, Box::new(l), Box::new(r))
    })
}

fn build_unary(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    let mut signs = Vec::new();
    let mut operand = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::AddOperator => signs.push(p.as_str() == "-"),
            _ => operand = Some(p),
        }
    }
    let operand = operand.expect("operand");
    // A minus directly before an integer literal is read together with it, so
    // that the smallest 64-bit integer can be written.
    let mut e = match (signs.last(), bare_integer(&operand)) {
        (Some(true), Some(lit)) => {
            signs.pop();
            let span = span_of(&lit);
            Expr::Literal(Literal::Int(parse_integer(lit.as_str(), true, span)?))
        }
        _ => build_non_arithmetic(cx, operand)?,
    };
    for negative in signs.into_iter().rev() {
        e = match (negative, e) {
            (true, Expr::Literal(Literal::Float(x))) => Expr::Literal(Literal::Float(-x)),
            (true, Expr::Literal(Literal::Int(i))) if i != i64::MIN => {
                Expr::Literal(Literal::Int(-i))
            }
            (true, e) => Expr::Unary(UnaryOp::Neg, Box::new(e)),
            (false, e) => Expr::Unary(UnaryOp::Plus, Box::new(e)),
        };
    }
    Ok(e)
}

/// The integer literal pair when a NonArithmeticOperatorExpression is just
/// that literal (no property lookups, indexes or labels after it).
fn bare_integer<'a>(pair: &Pair<'a, Rule>) -> Option<Pair<'a, Rule>> {
    let mut it = pair.clone().into_inner();
    let first = it.next()?;
    (first.as_rule() == Rule::IntegerLiteral && it.next().is_none()).then_some(first)
}

fn build_non_arithmetic(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    let mut it = pair.into_inner();
    let mut e = build_atom(cx, it.next().expect("atom"))?;
    for p in it {
        e = match p.as_rule() {
            Rule::PropertyLookup => {
                Expr::Property(Box::new(e), name_of(&p.into_inner().next().expect("key")))
            }
            Rule::ListIndex => Expr::Index(
                Box::new(e),
                Box::new(build_expression(cx, p.into_inner().next().expect("index"))?),
            ),
            Rule::ListSlice => {
                let mut from = None;
                let mut to = None;
                for b in p.into_inner() {
                    let v = Box::new(build_expression(
                        cx,
                        b.clone().into_inner().next().expect("e"),
                    )?);
                    match b.as_rule() {
                        Rule::SliceFrom => from = Some(v),
                        _ => to = Some(v),
                    }
                }
                Expr::Slice {
                    expr: Box::new(e),
                    from,
                    to,
                }
            }
            Rule::NodeLabels => Expr::HasLabels(Box::new(e), build_labels(p)),
            r => unreachable!("unexpected {r:?} after an atom"),
        };
    }
    Ok(e)
}

fn build_atom(cx: &Cx, pair: Pair<Rule>) -> Result<Expr> {
    let span = span_of(&pair);
    Ok(match pair.as_rule() {
        Rule::IntegerLiteral => {
            Expr::Literal(Literal::Int(parse_integer(pair.as_str(), false, span)?))
        }
        Rule::DoubleLiteral => {
            let text = pair.as_str();
            let x: f64 = text
                .parse()
                .map_err(|_| SyntaxError::InvalidNumberLiteral {
                    span,
                    text: text.to_string(),
                })?;
            if !x.is_finite() {
                return Err(SyntaxError::FloatingPointOverflow {
                    span,
                    text: text.to_string(),
                });
            }
            Expr::Literal(Literal::Float(x))
        }
        Rule::StringLiteral => Expr::Literal(Literal::String(unescape(pair)?)),
        Rule::TRUE => Expr::Literal(Literal::Bool(true)),
        Rule::FALSE => Expr::Literal(Literal::Bool(false)),
        Rule::NULL => Expr::Literal(Literal::Null),
        Rule::Parameter => {
            let name = pair.into_inner().next().expect("parameter name");
            Expr::Parameter(decode_name(name.as_str()))
        }
        Rule::CaseExpression => {
            let mut operand = None;
            let mut alternatives = Vec::new();
            let mut default = None;
            for p in parts(pair) {
                match p.as_rule() {
                    Rule::CaseOperand => {
                        operand = Some(Box::new(build_expression(
                            cx,
                            p.into_inner().next().expect("operand"),
                        )?))
                    }
                    Rule::CaseAlternative => {
                        let mut it = parts(p);
                        let w = build_expression(cx, it.next().expect("WHEN"))?;
                        let t = build_expression(cx, it.next().expect("THEN"))?;
                        alternatives.push((w, t));
                    }
                    Rule::CaseElse => {
                        default = Some(Box::new(build_expression(
                            cx,
                            parts(p).next().expect("ELSE"),
                        )?))
                    }
                    r => unreachable!("unexpected {r:?} in CASE"),
                }
            }
            Expr::Case {
                operand,
                alternatives,
                default,
            }
        }
        Rule::CountStar => Expr::CountStar,
        Rule::ListComprehension => {
            let mut it = pair.into_inner();
            let (variable, list, predicate) = build_filter(cx, it.next().expect("filter"))?;
            let projection = match it.next() {
                Some(p) => Some(Box::new(build_expression(
                    cx,
                    p.into_inner().next().expect("projection"),
                )?)),
                None => None,
            };
            Expr::ListComprehension {
                variable,
                list: Box::new(list),
                predicate,
                projection,
            }
        }
        Rule::PatternComprehension => {
            let mut variable = None;
            let mut pattern = None;
            let mut predicate = None;
            let mut projection = None;
            for p in pair.into_inner() {
                match p.as_rule() {
                    Rule::Variable => variable = Some(name_of(&p)),
                    Rule::RelationshipsPattern => {
                        pattern = Some(build_relationships_pattern(cx, p)?)
                    }
                    Rule::Where => predicate = Some(Box::new(build_where(cx, p)?)),
                    Rule::Expression => projection = Some(Box::new(build_expression(cx, p)?)),
                    r => unreachable!("unexpected {r:?} in pattern comprehension"),
                }
            }
            Expr::PatternComprehension {
                variable,
                pattern: pattern.expect("pattern"),
                predicate,
                projection: projection.expect("projection"),
            }
        }
        Rule::ListLiteral => Expr::List(
            pair.into_inner()
                .map(|p| build_expression(cx, p))
                .collect::<Result<_>>()?,
        ),
        Rule::MapLiteral => {
            let mut entries = Vec::new();
            for entry in pair.into_inner() {
                let mut it = entry.into_inner();
                let key = name_of(&it.next().expect("key"));
                entries.push((key, build_expression(cx, it.next().expect("value"))?));
            }
            Expr::Map(entries)
        }
        Rule::Quantifier => {
            let mut it = pair.into_inner();
            let quantifier = match it.next().expect("quantifier").as_rule() {
                Rule::ALL => Quantifier::All,
                Rule::ANY_KW => Quantifier::Any,
                Rule::NONE => Quantifier::None,
                _ => Quantifier::Single,
            };
            let (variable, list, predicate) = build_filter(cx, it.next().expect("filter"))?;
            Expr::ListPredicate {
                quantifier,
                variable,
                list: Box::new(list),
                predicate,
            }
        }
        Rule::RelationshipsPattern => {
            // openCypher allows a bare pattern only as a predicate; as a value
            // (`RETURN (a)-->(b)`) it is a syntax error.
            if !cx.allows_pattern(span) {
                return Err(SyntaxError::PatternOutsideWhere { span });
            }
            Expr::Pattern(build_relationships_pattern(cx, pair)?)
        }
        Rule::ParenthesizedExpression => {
            build_expression(cx, pair.into_inner().next().expect("expression"))?
        }
        Rule::FunctionInvocation => {
            let mut name = String::new();
            let mut distinct = false;
            let mut args = Vec::new();
            for p in pair.into_inner() {
                match p.as_rule() {
                    Rule::FunctionName => {
                        let segments: Vec<String> =
                            p.into_inner().map(|s| decode_name(s.as_str())).collect();
                        name = segments.join(".");
                    }
                    Rule::DISTINCT => distinct = true,
                    Rule::Expression => args.push(build_expression(cx, p)?),
                    r => unreachable!("unexpected {r:?} in function call"),
                }
            }
            Expr::FunctionCall {
                name,
                distinct,
                args,
            }
        }
        Rule::Variable => Expr::Variable(name_of(&pair)),
        r => unreachable!("unexpected atom {r:?}"),
    })
}

/// `x IN list [WHERE predicate]`.
fn build_filter(cx: &Cx, pair: Pair<Rule>) -> Result<(String, Expr, Option<Box<Expr>>)> {
    let mut it = parts(pair);
    let variable = name_of(&it.next().expect("variable"));
    let list = build_expression(cx, it.next().expect("list"))?;
    let predicate = match it.next() {
        Some(w) => Some(Box::new(build_where(cx, w)?)),
        None => None,
    };
    Ok((variable, list, predicate))
}

// --- literals --------------------------------------------------------------

/// Parses a decimal, `0x` hexadecimal or `0o` octal integer, negated when
/// `negative`, checking the 64-bit range.
fn parse_integer(text: &str, negative: bool, span: Span) -> Result<i64> {
    let (digits, radix) = if let Some(h) = text.strip_prefix("0x") {
        (h, 16)
    } else if let Some(o) = text.strip_prefix("0o") {
        (o, 8)
    } else {
        (text, 10)
    };
    let overflow = || SyntaxError::IntegerOverflow {
        span,
        text: if negative {
            format!("-{text}")
        } else {
            text.to_string()
        },
    };
    let magnitude = u128::from_str_radix(digits, radix).map_err(|_| overflow())?;
    let value = if negative {
        0i128 - magnitude as i128
    } else {
        magnitude as i128
    };
    i64::try_from(value).map_err(|_| overflow())
}

/// The value of a string literal pair, with escapes resolved.
fn unescape(pair: Pair<Rule>) -> Result<String> {
    let text = pair.as_str();
    let base = pair.as_span().start();
    let body = &text[1..text.len() - 1];
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let (_, e) = chars
            .next()
            .expect("the grammar puts a character after `\\`");
        let at = base + 1 + i;
        match e {
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'b' | 'B' => out.push('\u{8}'),
            'f' | 'F' => out.push('\u{c}'),
            'n' | 'N' => out.push('\n'),
            'r' | 'R' => out.push('\r'),
            't' | 'T' => out.push('\t'),
            'u' | 'U' => {
                let len = if e == 'u' { 4 } else { 8 };
                let hex: String = body[i + 2..]
                    .chars()
                    .take(len)
                    .take_while(|c| c.is_ascii_hexdigit())
                    .collect();
                let end = at + 2 + hex.len();
                let bad = || SyntaxError::InvalidUnicodeLiteral {
                    span: Span::new(at, end),
                    text: format!("\\{e}{hex}"),
                };
                if hex.len() != len {
                    return Err(bad());
                }
                let ch = u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(bad)?;
                out.push(ch);
                for _ in 0..len {
                    chars.next();
                }
            }
            other => {
                return Err(SyntaxError::InvalidEscape {
                    span: Span::new(at, at + 1 + other.len_utf8()),
                    text: format!("\\{other}"),
                });
            }
        }
    }
    Ok(out)
}
