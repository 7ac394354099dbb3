//! Syntax errors of the query language and their caret rendering.
//!
//! A [`SyntaxError`] knows only a byte span and what went wrong; the caller
//! supplies the source text and a name for it when rendering, so a query saved
//! in a file reports `file.cypher:3:14` and a REPL line reports `<query>:1:14`.
//! The rendering is plain text without colours so that snapshot tests stay
//! stable and messages read the same in a terminal, a log or a test.

use std::fmt::Write as _;

use super::ast::Span;

/// Why a query text could not be parsed. Every variant carries the byte span of
/// the offending text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyntaxError {
    /// The text does not fit the grammar at this point.
    #[error("expected {expected}, found {found}")]
    Unexpected {
        span: Span,
        /// What would have been valid here, in words ("an expression").
        expected: String,
        /// What was found instead ("`)`", "end of input").
        found: String,
    },
    /// A number glued to letters or otherwise malformed (`0x`, `12ab`).
    #[error("invalid number literal `{text}`")]
    InvalidNumberLiteral { span: Span, text: String },
    /// An integer literal outside the 64-bit signed range.
    #[error("integer literal `{text}` does not fit in a 64-bit signed integer")]
    IntegerOverflow { span: Span, text: String },
    /// A float literal too large to be represented.
    #[error("float literal `{text}` is too large")]
    FloatingPointOverflow { span: Span, text: String },
    /// A backslash escape that openCypher does not define (`\q`).
    #[error("unknown escape sequence `{text}` in a string")]
    InvalidEscape { span: Span, text: String },
    /// A `\uXXXX` escape that is malformed or names no character.
    #[error("invalid unicode escape `{text}` in a string")]
    InvalidUnicodeLiteral { span: Span, text: String },
    /// A character that looks like an operator but is not one, such as an
    /// em dash for a minus.
    #[error("`{text}` is not an operator here; did you mean `{suggestion}`?")]
    InvalidUnicodeCharacter {
        span: Span,
        text: String,
        suggestion: &'static str,
    },
    /// A string literal without its closing quote.
    #[error("string literal is not closed")]
    UnterminatedString { span: Span },
    /// A relationship in CREATE or MERGE must have exactly one type.
    #[error("a relationship in {clause} must have exactly one type")]
    NoSingleRelationshipType { span: Span, clause: &'static str },
    /// A relationship in CREATE must have a direction.
    #[error("a relationship in CREATE must have a direction (`-->` or `<--`)")]
    RequiresDirectedRelationship { span: Span },
    /// CREATE and MERGE cannot create variable-length relationships.
    #[error("a relationship in {clause} cannot have a variable length")]
    CreatingVarLength { span: Span, clause: &'static str },
    /// A relationship pattern that is invalid where it stands.
    #[error("invalid relationship pattern: {reason}")]
    InvalidRelationshipPattern { span: Span, reason: &'static str },
    /// Brackets, CASE expressions or operator chains nested beyond the limit
    /// that keeps parsing safe from stack exhaustion.
    #[error("the query is nested too deeply (the limit is {limit} levels)")]
    TooDeep { span: Span, limit: usize },
    /// A pattern used as a value instead of a predicate (`RETURN (a)-->(b)`).
    #[error(
        "a pattern can only be a predicate in WHERE or exists(); \
         use MATCH or a pattern comprehension like `[(a)-->(b) | b]` to get its matches"
    )]
    PatternOutsideWhere { span: Span },
    /// A date in the one-line sugar that is not a real `YYYY-MM-DD` day.
    #[error("invalid date `{text}`, expected YYYY-MM-DD")]
    InvalidDate { span: Span, text: String },
}

impl SyntaxError {
    /// The byte range of the source text the error points at.
    pub fn span(&self) -> Span {
        match self {
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
            | SyntaxError::InvalidDate { span, .. } => *span,
        }
    }

    /// The openCypher TCK name of this kind of error (`UnexpectedSyntax`,
    /// `IntegerOverflow`, ...), so conformance tests can compare kinds.
    pub fn tck_name(&self) -> &'static str {
        match self {
            SyntaxError::Unexpected { .. }
            | SyntaxError::UnterminatedString { .. }
            | SyntaxError::TooDeep { .. }
            | SyntaxError::PatternOutsideWhere { .. }
            | SyntaxError::InvalidDate { .. } => "UnexpectedSyntax",
            SyntaxError::InvalidNumberLiteral { .. } => "InvalidNumberLiteral",
            SyntaxError::IntegerOverflow { .. } => "IntegerOverflow",
            SyntaxError::FloatingPointOverflow { .. } => "FloatingPointOverflow",
            SyntaxError::InvalidEscape { .. } => "UnexpectedSyntax",
            SyntaxError::InvalidUnicodeCharacter { .. } => "InvalidUnicodeCharacter",
            SyntaxError::InvalidUnicodeLiteral { .. } => "InvalidUnicodeLiteral",
            SyntaxError::NoSingleRelationshipType { .. } => "NoSingleRelationshipType",
            SyntaxError::RequiresDirectedRelationship { .. } => "RequiresDirectedRelationship",
            SyntaxError::CreatingVarLength { .. } => "CreatingVarLength",
            SyntaxError::InvalidRelationshipPattern { .. } => "InvalidRelationshipPattern",
        }
    }

    /// 1-based line and column (in characters) of the error's start in
    /// `source`.
    pub fn line_col(&self, source: &str) -> (usize, usize) {
        line_col(source, self.span().start)
    }

    /// A caret display of the error:
    ///
    /// ```text
    /// error: expected an expression, found end of input
    ///  --> query.cypher:1:17
    ///   |
    /// 1 | MATCH (n) RETURN
    ///   |                 ^
    /// ```
    ///
    /// `origin` names the source (a file name, or something like `<query>`).
    pub fn render(&self, source: &str, origin: &str) -> String {
        render_caret(source, origin, self.span(), &self.to_string())
    }
}

/// 1-based line and character column of byte offset `at` in `source`
/// (clamped to the text and to a character boundary).
pub fn line_col(source: &str, at: usize) -> (usize, usize) {
    let at = floor_char_boundary(source, at);
    let before = &source[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = source[line_start..at].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Renders `message` with the line of `source` containing `span.start` and
/// carets under the span (at least one caret; a span running past the end of
/// the line is cut at the line end).
pub fn render_caret(source: &str, origin: &str, span: Span, message: &str) -> String {
    let start = floor_char_boundary(source, span.start);
    let end = floor_char_boundary(source, span.end.max(start));
    let (line_no, col) = line_col(source, start);
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = source[line_start..line_end].trim_end_matches('\r');
    let gutter = line_no.to_string().len();

    let mut out = String::new();
    let _ = writeln!(out, "error: {message}");
    let _ = writeln!(out, "{:gutter$}--> {origin}:{line_no}:{col}", "");
    let _ = writeln!(out, "{:gutter$} |", "");
    let _ = writeln!(out, "{line_no} | {line}");
    // Keep tabs in the caret line's indentation so the caret stays aligned
    // under tab-indented text.
    let indent: String = source[line_start..start]
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let width = source[start..end.min(line_end)].chars().count().max(1);
    let _ = writeln!(out, "{:gutter$} | {indent}{}", "", "^".repeat(width));
    out
}
