//! Reading a graph from Neo4j `neo4j-admin` CSV files: the mirror of
//! `export::neo4j_csv`, for people who bring a graph from Neo4j.
//!
//! Every `*.csv` file in the folder is read; its header decides what it holds: a `:ID` column
//! makes a node file, `:START_ID` and `:END_ID` a relationship file. Headers follow
//! neo4j-admin: `name:type` with `int`, `long`, `short`, `byte`, `float`, `double`,
//! `boolean`, `string`, `char` and arrays `type[]` split on the array delimiter; temporal and
//! point types are kept as their text; `:ID(Space)` ids live in separate id spaces; a named id
//! column (`id:ID`) is also stored as a string property, as Neo4j does; `:IGNORE` columns are
//! skipped. An empty unquoted field is an absent property; a quoted empty field `""` is an
//! empty string, and in an array column an empty list.
//!
//! Nothing is added to the graph until every file has been read without error, so a bad file
//! leaves the graph as it was. An import adds: ids refer to nodes of the same folder, and
//! nodes already in the graph are neither matched nor changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::export::neo4j_csv::ORIGIN_COLUMN;
use crate::graph::{Edge, Graph, Labels, Node, Origin, Props, Sym, Value};
use crate::layout::FastBuild;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// Separates array elements and labels (neo4j-admin's `--array-delimiter`).
    pub array_delimiter: char,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            array_delimiter: ';',
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportStats {
    pub nodes: usize,
    pub relationships: usize,
    /// Each file read, with its number of records.
    pub files: Vec<(PathBuf, usize)>,
}

/// Errors name the file and, where there is one, the 1-based line and column (field number).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{dir}: no CSV files found (expected node files with a :ID column and relationship files with :START_ID and :END_ID)"
    )]
    NoFiles { dir: PathBuf },
    #[error("{path}:{line}: not UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        offset: usize,
    },
    #[error("{path}:1:{column}: header {header:?}: {message}")]
    Header {
        path: PathBuf,
        column: usize,
        header: String,
        message: String,
    },
    #[error("{path}:{line}:{column}: malformed CSV: {message}")]
    Malformed {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}:{line}:{column}: column {header:?}: {message}")]
    Value {
        path: PathBuf,
        line: usize,
        column: usize,
        header: String,
        message: String,
    },
}

impl ImportOptions {
    /// The options a folder asks for: our export writes its array delimiter into
    /// `neo4j-admin-import.sh` when data forced it off the default `;`, so reading it back
    /// needs no flag. Without that script (or a delimiter in it) the default stands.
    pub fn for_dir(dir: &Path) -> ImportOptions {
        let script = std::fs::read_to_string(dir.join(crate::export::neo4j_csv::SCRIPT_NAME));
        let delimiter = script.ok().and_then(|s| {
            let rest = s.split("--array-delimiter=").nth(1)?;
            let value = rest.split_whitespace().next()?.trim_matches('"');
            parse_delimiter(value)
        });
        ImportOptions {
            array_delimiter: delimiter.unwrap_or(';'),
        }
    }
}

/// A delimiter as neo4j-admin's `--array-delimiter` takes it: one character, `TAB`, or a code
/// point `U+20AC`.
pub fn parse_delimiter(value: &str) -> Option<char> {
    if value.eq_ignore_ascii_case("TAB") {
        return Some('\t');
    }
    if let Some(hex) = value
        .strip_prefix("U+")
        .or_else(|| value.strip_prefix("u+"))
    {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    let mut chars = value.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Reads every CSV file in `dir` into `graph`, with the delimiter `ImportOptions::for_dir`
/// finds (neo4j-admin's default `;` unless our export's script names another).
pub fn neo4j_csv(dir: &Path, graph: &mut Graph) -> Result<ImportStats, ImportError> {
    neo4j_csv_with(dir, graph, &ImportOptions::for_dir(dir))
}

/// Like `neo4j_csv`, with options.
pub fn neo4j_csv_with(
    dir: &Path,
    graph: &mut Graph,
    opts: &ImportOptions,
) -> Result<ImportStats, ImportError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Io { path, source }
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(ImportError::NoFiles {
            dir: dir.to_path_buf(),
        });
    }
    // Node files first, whatever their names, because relationships refer to their ids.
    // Only the header lines are read first; each file is read whole when its turn comes, so
    // that one file's text at a time is in memory.
    let mut files = Vec::new();
    let mut spaces = SpaceNames::default();
    for p in paths {
        let text = read_header_text(&p)?;
        let header = Header::parse(&p, &text, &mut spaces)?;
        files.push((p, header));
    }
    files.sort_by_key(|(_, h)| h.is_rels());
    let mut staged = Staged::default();
    let mut stats = ImportStats::default();
    for (path, header) in &files {
        let text = read_text(path)?;
        let n = staged.read(path, &text, header, &spaces, opts)?;
        stats.files.push((path.clone(), n));
    }
    stats.nodes = staged.nodes.len();
    stats.relationships = staged.edges.len();
    graph.reserve(staged.nodes.len(), staged.edges.len());
    let ids: Vec<_> = staged
        .nodes
        .into_iter()
        .map(|n| graph.add_node(n))
        .collect();
    for (a, b, e) in staged.edges {
        graph.add_edge(ids[a as usize], ids[b as usize], e);
    }
    Ok(stats)
}

/// The beginning of a file up to the end of its first record (a line break outside quotes),
/// read in small pieces so that a header costs no more than a few kilobytes of reading.
fn read_header_text(path: &Path) -> Result<String, ImportError> {
    use std::io::Read;
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 8192];
    let mut in_quotes = false;
    'reading: loop {
        let n = file.read(&mut chunk).map_err(io)?;
        if n == 0 {
            break;
        }
        for (i, &b) in chunk[..n].iter().enumerate() {
            match b {
                b'"' => in_quotes = !in_quotes,
                b'\n' if !in_quotes => {
                    bytes.extend_from_slice(&chunk[..=i]);
                    break 'reading;
                }
                _ => {}
            }
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        path: path.to_path_buf(),
        line: 1,
        offset: e.utf8_error().valid_up_to(),
    })
}

fn read_text(path: &Path) -> Result<String, ImportError> {
    let mut bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = 1 + memchr::memchr_iter(b'\n', &e.as_bytes()[..offset]).count();
        ImportError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            offset,
        }
    })
}

/// How a property value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Float,
    Bool,
    Str,
}

#[derive(Debug, Clone, PartialEq)]
enum Col {
    /// The node id, in an id space, and the property it is also stored as if the column is named.
    Id {
        space: usize,
        prop: Option<Sym>,
    },
    Label,
    Start(usize),
    End(usize),
    Type,
    Prop {
        name: Sym,
        kind: Kind,
        array: bool,
    },
    Origin,
    Ignore,
}

#[derive(Debug)]
struct Header {
    cols: Vec<Col>,
    names: Vec<String>,
}

impl Header {
    fn is_rels(&self) -> bool {
        self.cols.iter().any(|c| matches!(c, Col::Start(_)))
    }

    fn parse(path: &Path, text: &str, spaces: &mut SpaceNames) -> Result<Header, ImportError> {
        let mut rec = Records::new(text);
        let mut buf = String::new();
        let mut fields = Vec::new();
        let err = |column: usize, header: &str, message: &str| ImportError::Header {
            path: path.to_path_buf(),
            column,
            header: header.to_string(),
            message: message.to_string(),
        };
        rec.next(&mut buf, &mut fields)
            .map_err(|e| e.into_error(path))?
            .ok_or_else(|| err(1, "", "the file is empty; a header line is required"))?;
        let mut cols = Vec::new();
        let mut names = Vec::new();
        for (i, f) in fields.iter().enumerate() {
            let h = &buf[f.clone()];
            let (name, ty) = match h.find(':') {
                Some(k) => (&h[..k], &h[k + 1..]),
                None => (h, "string"),
            };
            // Options such as `datetime{timezone:Europe/Berlin}` do not change how we read.
            let ty = ty.split('{').next().unwrap_or("").trim();
            let (kw, space) = match ty.split_once('(') {
                Some((kw, rest)) => {
                    let Some(space) = rest.strip_suffix(')') else {
                        return Err(err(i + 1, h, "unclosed '(' in the id space"));
                    };
                    (kw, Some(space))
                }
                None => (ty, None),
            };
            let upper = kw.to_ascii_uppercase();
            let col = match upper.as_str() {
                "ID" => Col::Id {
                    space: spaces.get(space),
                    prop: (!name.is_empty()).then(|| Sym::new(name)),
                },
                "START_ID" => Col::Start(spaces.get(space)),
                "END_ID" => Col::End(spaces.get(space)),
                "LABEL" => Col::Label,
                "TYPE" => Col::Type,
                "IGNORE" if name == ORIGIN_COLUMN => Col::Origin,
                "IGNORE" => Col::Ignore,
                _ if space.is_some() => {
                    return Err(err(
                        i + 1,
                        h,
                        "only :ID, :START_ID and :END_ID take an id space",
                    ));
                }
                _ => {
                    let (base, array) = match upper.strip_suffix("[]") {
                        Some(b) => (b, true),
                        None => (upper.as_str(), false),
                    };
                    let kind = match base {
                        "INT" | "LONG" | "SHORT" | "BYTE" => Kind::Int,
                        "FLOAT" | "DOUBLE" => Kind::Float,
                        "BOOLEAN" => Kind::Bool,
                        "STRING" | "CHAR" | "DATE" | "LOCALTIME" | "TIME" | "LOCALDATETIME"
                        | "DATETIME" | "DURATION" | "POINT" => Kind::Str,
                        _ => return Err(err(i + 1, h, &format!("unknown type {kw:?}"))),
                    };
                    if name.is_empty() {
                        return Err(err(i + 1, h, "a property column needs a name"));
                    }
                    Col::Prop {
                        name: Sym::new(name),
                        kind,
                        array,
                    }
                }
            };
            cols.push(col);
            names.push(h.to_string());
        }
        let count = |p: fn(&Col) -> bool| cols.iter().filter(|c| p(c)).count();
        let ids = count(|c| matches!(c, Col::Id { .. }));
        let starts = count(|c| matches!(c, Col::Start(_)));
        let ends = count(|c| matches!(c, Col::End(_)));
        let first_bad = |p: fn(&Col) -> bool| cols.iter().position(p).unwrap_or(0);
        match (ids, starts, ends) {
            (1, 0, 0) => {
                if count(|c| matches!(c, Col::Type)) > 0 {
                    let i = first_bad(|c| matches!(c, Col::Type));
                    return Err(err(i + 1, &names[i], ":TYPE belongs in relationship files"));
                }
            }
            (0, 1, 1) => {
                if count(|c| matches!(c, Col::Type)) != 1 {
                    return Err(err(
                        1,
                        &names[0],
                        "a relationship file needs one :TYPE column",
                    ));
                }
                if count(|c| matches!(c, Col::Label)) > 0 {
                    let i = first_bad(|c| matches!(c, Col::Label));
                    return Err(err(i + 1, &names[i], ":LABEL belongs in node files"));
                }
            }
            _ => {
                return Err(err(
                    1,
                    &names[0],
                    "a header needs either one :ID column (nodes) or one :START_ID and one \
                     :END_ID column (relationships); headers in separate files are not supported",
                ));
            }
        }
        Ok(Header { cols, names })
    }
}

/// Id space names in order of first appearance, shared by all files of one import.
#[derive(Default)]
struct SpaceNames {
    names: Vec<Option<String>>,
}

impl SpaceNames {
    fn get(&mut self, name: Option<&str>) -> usize {
        let name = name.map(str::to_string);
        match self.names.iter().position(|n| *n == name) {
            Some(i) => i,
            None => {
                self.names.push(name);
                self.names.len() - 1
            }
        }
    }

    /// ` in id space "X"` for messages, empty for the unnamed space.
    fn note(&self, space: usize) -> String {
        match self.names.get(space) {
            Some(Some(name)) => format!(" in id space {name:?}"),
            _ => String::new(),
        }
    }
}

/// Nodes and edges read so far; edges refer to nodes by their index here.
#[derive(Default)]
struct Staged {
    nodes: Vec<Node>,
    edges: Vec<(u32, u32, Edge)>,
    /// Per id space: the id text → index in `nodes`.
    ids: Vec<IdMap>,
}

/// Node ids are looked up once per relationship end, millions of times per import, so the map
/// uses `FastBuild` (the multiply-rotate hash rustc uses) instead of SipHash. Its weakness against
/// chosen collisions matters little for files a user imports on their own machine.
type IdMap = HashMap<String, u32, FastBuild>;

impl Staged {
    fn space(&mut self, s: usize) -> &mut IdMap {
        if self.ids.len() <= s {
            self.ids.resize_with(s + 1, IdMap::default);
        }
        &mut self.ids[s]
    }

    /// Reads the records of one file; returns how many there were.
    fn read(
        &mut self,
        path: &Path,
        text: &str,
        h: &Header,
        spaces: &SpaceNames,
        opts: &ImportOptions,
    ) -> Result<usize, ImportError> {
        let mut rec = Records::new(text);
        let mut buf = String::new();
        let mut fields: Vec<std::ops::Range<usize>> = Vec::new();
        let mut quoted: Vec<bool> = Vec::new();
        rec.next(&mut buf, &mut fields)
            .map_err(|e| e.into_error(path))?;
        let is_rels = h.is_rels();
        let delim = opts.array_delimiter;
        // Line breaks bound the record count from above; reserving once avoids the repeated
        // regrowth (and rehashing) of tables with millions of entries.
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        if is_rels {
            self.edges.reserve(lines);
        } else {
            self.nodes.reserve(lines);
            if let Some(Col::Id { space, .. }) = h.cols.iter().find(|c| matches!(c, Col::Id { .. }))
            {
                self.space(*space).reserve(lines);
            }
        }
        // Rows of a file mostly share one label set and relationship type; reuse the parsed
        // (interned) ones instead of interning again per row.
        let mut last_labels: (String, Labels) = (String::new(), Labels::default());
        let mut last_type: (String, Option<Sym>) = (String::new(), None);
        let mut count = 0;
        while let Some(line) = rec
            .next_with_quotes(&mut buf, &mut fields, &mut quoted)
            .map_err(|e| e.into_error(path))?
        {
            count += 1;
            if fields.len() > h.cols.len() {
                return Err(ImportError::Malformed {
                    path: path.to_path_buf(),
                    line,
                    column: h.cols.len() + 1,
                    message: format!(
                        "{} fields but the header has {} columns",
                        fields.len(),
                        h.cols.len()
                    ),
                });
            }
            let verr = |column: usize, message: String| ImportError::Value {
                path: path.to_path_buf(),
                line,
                column: column + 1,
                header: h.names[column].clone(),
                message,
            };
            // Collected unsorted and sorted once, into an exactly sized array.
            let mut props: Vec<(Sym, Value)> = Vec::with_capacity(h.cols.len());
            let mut labels = Labels::default();
            let mut origin = Origin::Extracted;
            let mut id: Option<(usize, usize)> = None;
            let (mut start, mut end, mut ty): (Option<u32>, Option<u32>, Option<usize>) =
                (None, None, None);
            for (i, col) in h.cols.iter().enumerate() {
                let (s, q) = match fields.get(i) {
                    Some(r) => (&buf[r.clone()], quoted[i]),
                    None => ("", false),
                };
                match col {
                    Col::Id { space, prop } => {
                        if s.is_empty() {
                            return Err(verr(i, "empty node id".into()));
                        }
                        id = Some((*space, i));
                        if let Some(p) = prop {
                            props.push((*p, Value::String(s.into())));
                        }
                    }
                    Col::Start(space) | Col::End(space) => {
                        let Some(&n) = self.ids.get(*space).and_then(|m| m.get(s)) else {
                            let what = if s.is_empty() {
                                "empty node id".to_string()
                            } else {
                                format!("no node with id {s:?}{}", spaces.note(*space))
                            };
                            return Err(verr(i, what));
                        };
                        if matches!(col, Col::Start(_)) {
                            start = Some(n);
                        } else {
                            end = Some(n);
                        }
                    }
                    Col::Label => {
                        if last_labels.0 != s {
                            last_labels.0 = s.to_string();
                            last_labels.1 = s.split(delim).filter(|l| !l.is_empty()).collect();
                        }
                        labels = last_labels.1;
                    }
                    Col::Type => {
                        if s.is_empty() {
                            return Err(verr(i, "empty relationship type".into()));
                        }
                        ty = Some(i);
                    }
                    Col::Origin => {
                        if s == "manual" {
                            origin = Origin::Manual;
                        }
                    }
                    Col::Ignore => {}
                    Col::Prop { name, kind, array } => {
                        if s.is_empty() && !q {
                            continue;
                        }
                        let v = if *array {
                            let items: Result<Vec<Value>, String> = if s.is_empty() {
                                Ok(Vec::new())
                            } else {
                                s.split(delim).map(|x| scalar(x, *kind)).collect()
                            };
                            Value::List(items.map_err(|m| verr(i, m))?.into())
                        } else if s.is_empty() && *kind != Kind::Str {
                            continue;
                        } else {
                            scalar(s, *kind).map_err(|m| verr(i, m))?
                        };
                        props.push((*name, v));
                    }
                }
            }
            if is_rels {
                let (Some(a), Some(b), Some(t)) = (start, end, ty) else {
                    unreachable!("the header check guarantees start, end and type columns")
                };
                let t = &buf[fields[t].clone()];
                let rel_type = match last_type {
                    (ref text, Some(sym)) if text == t => sym,
                    _ => {
                        let sym = Sym::new(t);
                        last_type = (t.to_string(), Some(sym));
                        sym
                    }
                };
                let props = Props::from_pairs(props);
                self.edges.push((
                    a,
                    b,
                    Edge {
                        rel_type,
                        props,
                        origin,
                    },
                ));
            } else {
                let (space, col) = id.expect("the header check guarantees an id column");
                let key = buf[fields[col].clone()].to_string();
                let index = self.nodes.len() as u32;
                if self.space(space).insert(key.clone(), index).is_some() {
                    return Err(verr(
                        col,
                        format!("duplicate node id {key:?}{}", spaces.note(space)),
                    ));
                }
                self.nodes.push(Node {
                    labels,
                    props: Props::from_pairs(props),
                    origin,
                });
            }
        }
        Ok(count)
    }
}

fn scalar(s: &str, kind: Kind) -> Result<Value, String> {
    match kind {
        Kind::Str => Ok(Value::String(s.into())),
        Kind::Int => s
            .trim()
            .parse::<i64>()
            .map(Value::Int)
            .map_err(|_| format!("{s:?} is not an integer")),
        Kind::Float => s
            .trim()
            .parse::<f64>()
            .map(Value::Float)
            .map_err(|_| format!("{s:?} is not a number")),
        Kind::Bool => match s.trim().to_ascii_lowercase().as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("{s:?} is not true or false")),
        },
    }
}

/// A malformed-CSV finding before the file name is known.
struct CsvFault {
    line: usize,
    column: usize,
    message: &'static str,
}

impl CsvFault {
    fn into_error(self, path: &Path) -> ImportError {
        ImportError::Malformed {
            path: path.to_path_buf(),
            line: self.line,
            column: self.column,
            message: self.message.to_string(),
        }
    }
}

/// An RFC 4180 record reader over a whole file's text. Fields are unescaped into a reused
/// buffer, so a record costs no allocation once the buffers have grown.
struct Records<'a> {
    text: &'a str,
    pos: usize,
    /// 1-based line of `pos`.
    line: usize,
}

impl<'a> Records<'a> {
    fn new(text: &'a str) -> Self {
        Records {
            text,
            pos: 0,
            line: 1,
        }
    }

    fn next(
        &mut self,
        buf: &mut String,
        fields: &mut Vec<std::ops::Range<usize>>,
    ) -> Result<Option<usize>, CsvFault> {
        let mut quoted = Vec::new();
        self.next_with_quotes(buf, fields, &mut quoted)
    }

    /// Reads the next record; returns the line it starts on, or `None` at the end. Blank
    /// lines are skipped.
    fn next_with_quotes(
        &mut self,
        buf: &mut String,
        fields: &mut Vec<std::ops::Range<usize>>,
        quoted: &mut Vec<bool>,
    ) -> Result<Option<usize>, CsvFault> {
        let bytes = self.text.as_bytes();
        buf.clear();
        fields.clear();
        quoted.clear();
        while self.pos < bytes.len() && (bytes[self.pos] == b'\n' || bytes[self.pos] == b'\r') {
            if bytes[self.pos] == b'\n' {
                self.line += 1;
            }
            self.pos += 1;
        }
        if self.pos >= bytes.len() {
            return Ok(None);
        }
        let first_line = self.line;
        loop {
            let start = buf.len();
            let column = fields.len() + 1;
            if bytes.get(self.pos) == Some(&b'"') {
                let open_line = self.line;
                self.pos += 1;
                loop {
                    let Some(q) = memchr::memchr(b'"', &bytes[self.pos..]) else {
                        return Err(CsvFault {
                            line: open_line,
                            column,
                            message: "quoted field is never closed",
                        });
                    };
                    let seg = &self.text[self.pos..self.pos + q];
                    self.line += memchr::memchr_iter(b'\n', seg.as_bytes()).count();
                    buf.push_str(seg);
                    self.pos += q + 1;
                    if bytes.get(self.pos) == Some(&b'"') {
                        buf.push('"');
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                fields.push(start..buf.len());
                quoted.push(true);
                match bytes.get(self.pos) {
                    None | Some(b'\n') | Some(b',') => {}
                    Some(b'\r') if bytes.get(self.pos + 1) == Some(&b'\n') => self.pos += 1,
                    Some(_) => {
                        return Err(CsvFault {
                            line: self.line,
                            column,
                            message: "text after the closing quote of a field",
                        });
                    }
                }
            } else {
                let rest = &bytes[self.pos..];
                let e = memchr::memchr2(b',', b'\n', rest).unwrap_or(rest.len());
                let mut field = &self.text[self.pos..self.pos + e];
                if rest.get(e) == Some(&b'\n') {
                    field = field.strip_suffix('\r').unwrap_or(field);
                }
                buf.push_str(field);
                fields.push(start..buf.len());
                quoted.push(false);
                self.pos += e;
            }
            match bytes.get(self.pos) {
                Some(b',') => {
                    self.pos += 1;
                    // A comma at the very end of the file still ends one more, empty field.
                    if self.pos >= bytes.len() {
                        fields.push(buf.len()..buf.len());
                        quoted.push(false);
                        return Ok(Some(first_line));
                    }
                }
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                    return Ok(Some(first_line));
                }
                _ => return Ok(Some(first_line)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records as (field, quoted) pairs, or the (line, column) of a fault.
    type Parsed = Result<Vec<Vec<(String, bool)>>, (usize, usize)>;

    fn records(text: &str) -> Parsed {
        let mut r = Records::new(text);
        let (mut buf, mut f, mut q) = (String::new(), Vec::new(), Vec::new());
        let mut out = Vec::new();
        while let Some(_line) = r
            .next_with_quotes(&mut buf, &mut f, &mut q)
            .map_err(|e| (e.line, e.column))?
        {
            out.push(
                f.iter()
                    .zip(&q)
                    .map(|(r, q)| (buf[r.clone()].to_string(), *q))
                    .collect(),
            );
        }
        Ok(out)
    }

    fn plain(text: &str) -> Vec<Vec<String>> {
        records(text)
            .unwrap()
            .into_iter()
            .map(|r| r.into_iter().map(|(s, _)| s).collect())
            .collect()
    }

    #[test]
    fn delimiters_are_spelt_like_neo4j_admin_spells_them() {
        assert_eq!(parse_delimiter(";"), Some(';'));
        assert_eq!(parse_delimiter("TAB"), Some('\t'));
        assert_eq!(parse_delimiter("U+001F"), Some('\u{1f}'));
        assert_eq!(parse_delimiter("¦"), Some('¦'));
        assert_eq!(parse_delimiter(";;"), None);
    }

    #[test]
    fn reads_rfc_4180_quoting() {
        assert_eq!(
            plain("a,\"b,c\",\"er sagte \"\"ja\"\"\"\r\n\"zwei\nZeilen\",,x\n"),
            vec![
                vec!["a", "b,c", "er sagte \"ja\""],
                vec!["zwei\nZeilen", "", "x"]
            ]
        );
        assert_eq!(plain("a,b"), vec![vec!["a", "b"]]);
        assert_eq!(plain("a,\n\nb,"), vec![vec!["a", ""], vec!["b", ""]]);
    }

    #[test]
    fn tells_quoted_empty_from_absent() {
        assert_eq!(
            records("\"\",\n").unwrap(),
            vec![vec![("".to_string(), true), ("".to_string(), false)]]
        );
    }

    #[test]
    fn malformed_quotes_point_at_line_and_column() {
        assert_eq!(records("a,b\nc,\"d\ne\n"), Err((2, 2)));
        assert_eq!(records("a,b\n\"x\"y,z\n"), Err((2, 1)));
    }
}
