//! Saved queries: `queries/*.cypher` files for the flagship questions, and their headers.
//!
//! A saved query starts with `//` comment lines: first the description, then one
//! `// @param NAME: what it is` line per parameter. The query follows. The REPL's `:queries`
//! lists them with `list_text`; the files ship inside the binary (`builtin`) so an installed
//! `whosaid` has them without the source tree, and `load_dir` reads a user's own folder.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedQuery {
    /// The file stem, e.g. `who_said_about`.
    pub name: String,
    pub description: String,
    pub params: Vec<Param>,
    /// The query without its header.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// Without the `$`.
    pub name: String,
    pub description: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SavedQueryError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{name}:{line}: {message}")]
    Header {
        name: String,
        line: usize,
        message: String,
    },
}

/// The saved queries of this repository's `queries/` folder, compiled in.
const BUILTIN: [(&str, &str); 8] = [
    (
        "who_said_about",
        include_str!("../queries/who_said_about.cypher"),
    ),
    (
        "what_did_say",
        include_str!("../queries/what_did_say.cypher"),
    ),
    (
        "who_talks_about_whom",
        include_str!("../queries/who_talks_about_whom.cypher"),
    ),
    (
        "statements_by_date",
        include_str!("../queries/statements_by_date.cypher"),
    ),
    (
        "roles_and_memberships",
        include_str!("../queries/roles_and_memberships.cypher"),
    ),
    (
        "events_and_places",
        include_str!("../queries/events_and_places.cypher"),
    ),
    (
        "path_between",
        include_str!("../queries/path_between.cypher"),
    ),
    ("co_mentions", include_str!("../queries/co_mentions.cypher")),
];

/// The compiled-in saved queries, in the order of the flagship questions.
pub fn builtin() -> Vec<SavedQuery> {
    BUILTIN
        .iter()
        .map(|(name, src)| parse(name, src).expect("built-in saved queries have valid headers"))
        .collect()
}

/// Names of the compiled-in queries; a test checks they match the files in `queries/`.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(n, _)| *n).collect()
}

/// Finds a saved query by name among `queries`.
pub fn find<'a>(queries: &'a [SavedQuery], name: &str) -> Option<&'a SavedQuery> {
    queries.iter().find(|q| q.name == name)
}

/// Reads every `*.cypher` file in `dir`, sorted by name.
pub fn load_dir(dir: &Path) -> Result<Vec<SavedQuery>, SavedQueryError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SavedQueryError::Io { path, source }
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cypher"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let src = std::fs::read_to_string(p).map_err(io(p))?;
            let name = p.file_stem().unwrap_or_default().to_string_lossy();
            parse(&name, &src)
        })
        .collect()
}

/// Splits a saved query into its header (description, parameters) and query text.
pub fn parse(name: &str, source: &str) -> Result<SavedQuery, SavedQueryError> {
    let err = |line: usize, message: &str| SavedQueryError::Header {
        name: name.to_string(),
        line,
        message: message.to_string(),
    };
    let mut description = Vec::new();
    let mut params = Vec::new();
    let mut body_start = source.len();
    let mut offset = 0;
    for (i, line) in source.split_inclusive('\n').enumerate() {
        let t = line.trim();
        let Some(comment) = t.strip_prefix("//") else {
            if !t.is_empty() {
                body_start = offset;
                break;
            }
            offset += line.len();
            continue;
        };
        offset += line.len();
        let comment = comment.trim();
        if let Some(p) = comment.strip_prefix("@param") {
            let Some((pname, pdesc)) = p.split_once(':') else {
                return Err(err(i + 1, "expected `// @param NAME: description`"));
            };
            let pname = pname.trim().trim_start_matches('$');
            if pname.is_empty() || !pname.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return Err(err(i + 1, "a parameter name is letters, digits and `_`"));
            }
            params.push(Param {
                name: pname.to_string(),
                description: pdesc.trim().to_string(),
            });
        } else if !params.is_empty() {
            return Err(err(i + 1, "the description comes before the @param lines"));
        } else if !comment.is_empty() {
            description.push(comment);
        }
    }
    if description.is_empty() {
        return Err(err(1, "a saved query starts with a `//` description"));
    }
    let text = source[body_start..].trim().to_string();
    if text.is_empty() {
        return Err(err(1, "no query after the header"));
    }
    Ok(SavedQuery {
        name: name.to_string(),
        description: description.join(" "),
        params,
        text,
    })
}

/// The `$names` a query text uses, in first-use order, skipping string literals and comments.
pub fn used_params(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut quote: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '/') if text[i..].starts_with("//") => {
                while chars.peek().is_some_and(|&(_, c)| c != '\n') {
                    chars.next();
                }
            }
            (None, '$') => {
                let rest = &text[i + 1..];
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let name = rest[..end].to_string();
                if !name.is_empty() && !out.contains(&name) {
                    out.push(name);
                }
            }
            _ => {}
        }
    }
    out
}

impl SavedQuery {
    /// `who_said_about($name)`.
    pub fn signature(&self) -> String {
        let ps: Vec<String> = self.params.iter().map(|p| format!("${}", p.name)).collect();
        format!("{}({})", self.name, ps.join(", "))
    }
}

/// The text form the REPL's `:queries` prints: signature, description, parameters.
pub fn list_text(queries: &[SavedQuery]) -> String {
    let mut s = String::new();
    for q in queries {
        let _ = writeln!(s, "{}", q.signature());
        let _ = writeln!(s, "    {}", q.description);
        for p in &q.params {
            let _ = writeln!(s, "    ${}: {}", p.name, p.description);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_description_params_and_body() {
        let q = parse(
            "x",
            "// Finds things.\n// Across lines.\n// @param name: the name\n\nMATCH (n) WHERE n.name = $name RETURN n\n",
        )
        .unwrap();
        assert_eq!(q.description, "Finds things. Across lines.");
        assert_eq!(
            q.params,
            vec![Param {
                name: "name".into(),
                description: "the name".into()
            }]
        );
        assert_eq!(q.text, "MATCH (n) WHERE n.name = $name RETURN n");
        assert_eq!(q.signature(), "x($name)");
    }

    #[test]
    fn bad_headers_are_errors_with_a_line() {
        let e = parse("x", "MATCH (n) RETURN n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x:1: a saved query starts with a `//` description"
        );
        let e = parse("x", "// d\n// @param oops\nRETURN 1").unwrap_err();
        assert_eq!(e.to_string(), "x:2: expected `// @param NAME: description`");
        let e = parse("x", "// d\n").unwrap_err();
        assert_eq!(e.to_string(), "x:1: no query after the header");
    }

    #[test]
    fn finds_parameters_outside_strings() {
        assert_eq!(
            used_params("WHERE a = $from AND b = '$not' // $nope\nAND c = $to_2 OR d = $from"),
            vec!["from".to_string(), "to_2".to_string()]
        );
    }
}
