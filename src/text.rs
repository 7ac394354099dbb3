//! Documents, paragraphs, sentences and tokens, each with its exact UTF-8 byte span.
//!
//! NOTE(skeleton): minimal first version; the foundation work replaces the splitter, dates,
//! furniture detection and error handling while keeping these types.

use std::ops::Range;

/// A byte range into the document text, end exclusive.
pub type Span = Range<usize>;

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub span: Span,
    /// Index of the paragraph this sentence belongs to.
    pub paragraph: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub span: Span,
    /// Page furniture (navigation, player notices, share lines): never yields statements.
    pub furniture: bool,
}

#[derive(Debug, Clone)]
pub struct Document {
    /// File name, e.g. `001_95575e6b02eae21d.txt`.
    pub name: String,
    /// Path as given on the command line.
    pub path: String,
    pub text: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// ISO date `YYYY-MM-DD` the article states, if any.
    pub published: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

impl Document {
    pub fn slice(&self, span: &Span) -> &str {
        &self.text[span.clone()]
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("{path}: not UTF-8 text (invalid byte sequence at byte offset {offset})")]
    NotUtf8 { path: String, offset: usize },
    #[error("{path}: binary file (NUL byte at byte offset {offset})")]
    Binary { path: String, offset: usize },
    #[error("{path}: empty file")]
    Empty { path: String },
}

/// Parses raw file bytes into a `Document`.
pub fn parse(name: &str, path: &str, bytes: &[u8]) -> Result<Document, TextError> {
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(TextError::Binary {
            path: path.to_string(),
            offset,
        });
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| TextError::NotUtf8 {
            path: path.to_string(),
            offset: e.valid_up_to(),
        })?
        .to_string();
    if text.trim().is_empty() {
        return Err(TextError::Empty {
            path: path.to_string(),
        });
    }
    use sha2::Digest;
    let sha256 = sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for (i, _) in text
        .match_indices("\n\n")
        .chain(std::iter::once((text.len(), "")))
    {
        let (s, e) = trim_span(&text, start..i);
        if e > s {
            paragraphs.push(Paragraph {
                span: s..e,
                furniture: false,
            });
        }
        start = (i + 2).min(text.len());
    }
    let mut sentences = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let mut s = p.span.start;
        let body = &text[p.span.clone()];
        for (i, c) in body.char_indices() {
            if matches!(c, '.' | '!' | '?') {
                let e = p.span.start + i + 1;
                let (a, b) = trim_span(&text, s..e);
                if b > a {
                    sentences.push(Sentence {
                        span: a..b,
                        paragraph: pi,
                    });
                }
                s = e;
            }
        }
        let (a, b) = trim_span(&text, s..p.span.end);
        if b > a {
            sentences.push(Sentence {
                span: a..b,
                paragraph: pi,
            });
        }
    }
    let mut tokens = Vec::new();
    let mut cur: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || c == '-' {
            cur.get_or_insert(i);
        } else {
            if let Some(s) = cur.take() {
                tokens.push(Token { span: s..i });
            }
            if !c.is_whitespace() {
                tokens.push(Token {
                    span: i..i + c.len_utf8(),
                });
            }
        }
    }
    if let Some(s) = cur {
        tokens.push(Token {
            span: s..text.len(),
        });
    }
    Ok(Document {
        name: name.to_string(),
        path: path.to_string(),
        text,
        sha256,
        published: None,
        paragraphs,
        sentences,
        tokens,
    })
}

fn trim_span(text: &str, span: Span) -> (usize, usize) {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (span.start + lead, (span.end - trail).max(span.start + lead))
}
