//! Neo4j CSV in the layout `neo4j-admin database import` reads, and `import::neo4j_csv` reads
//! back: one node file per label set (`nodes_Person.csv`), one relationship file per type
//! (`rels_SAID.csv`), and a `neo4j-admin-import.sh` with the exact command.
//!
//! Headers carry the types (`:ID`, `:LABEL`, `count:int`, `aliases:string[]`, `:START_ID`,
//! `:END_ID`, `:TYPE`); fields are quoted per RFC 4180. Ids are the graph's stable node ids.
//!
//! Empty values follow Neo4j: an empty unquoted field is an absent property, a quoted empty
//! field `""` an empty string, and, in an array column, an empty list. Neo4j cannot escape the
//! array delimiter inside an element, so when some element contains `;` the export picks
//! another delimiter, reports it and writes it into the script.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::export::subgraph::Subgraph;
use crate::graph::{Graph, NodeId, Origin, Props, Value};

/// The column name that carries `Origin::Manual`. Its type is `IGNORE`, so `neo4j-admin`
/// skips it, while our importer restores curated nodes and edges as curated.
pub const ORIGIN_COLUMN: &str = "whosaid_origin";
const ORIGIN_MANUAL: &str = "manual";

/// Delimiters tried in order for array elements and labels: `;` is Neo4j's default.
const DELIMITERS: [char; 4] = [';', '|', '¦', '\u{1f}'];

/// The scalar types a column or array element can have, as Neo4j spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scalar {
    Int,
    Long,
    Double,
    Boolean,
    String,
}

impl Scalar {
    pub fn as_str(self) -> &'static str {
        match self {
            Scalar::Int => "int",
            Scalar::Long => "long",
            Scalar::Double => "double",
            Scalar::Boolean => "boolean",
            Scalar::String => "string",
        }
    }
}

/// A property column's type: a scalar or an array of scalars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColType {
    pub scalar: Scalar,
    pub array: bool,
}

impl ColType {
    pub fn header(self) -> String {
        format!(
            "{}{}",
            self.scalar.as_str(),
            if self.array { "[]" } else { "" }
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CsvExportError {
    #[error("could not write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "property name {key:?} contains ':', which a neo4j-admin CSV header cannot carry \
         (the part after ':' is read as the type)"
    )]
    UnsupportedKey { key: String },
    #[error(
        "every array delimiter we could use ({}) occurs inside an array element or a label",
        DELIMITERS.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(", ")
    )]
    NoDelimiter,
}

/// One CSV file of the export: which items it holds and its typed columns.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvFile {
    pub name: String,
    pub kind: FileKind,
    /// Property columns in header order.
    pub columns: Vec<(String, ColType)>,
    /// Whether some item is `Origin::Manual`, which adds the origin column.
    pub origin_column: bool,
    /// Node or edge indices, ascending.
    pub items: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// Nodes carrying exactly these labels, in this order.
    Nodes(Vec<String>),
    /// Relationships of this type.
    Rels(String),
}

/// The files of an export, and the array delimiter they use.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub files: Vec<CsvFile>,
    pub delimiter: char,
}

/// What `write_dir` wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportStats {
    pub nodes: usize,
    pub relationships: usize,
    pub files: Vec<PathBuf>,
    pub delimiter: char,
}

/// Decides files, columns, types and the delimiter for a selection.
pub fn plan(g: &Graph, sel: &Subgraph) -> Result<Plan, CsvExportError> {
    // Edges need both endpoints in the node files, or neo4j-admin rejects them.
    let mut nodes = sel.nodes.clone();
    for &e in &sel.edges {
        if let Some((a, b)) = g.endpoints(e) {
            nodes.insert(a);
            nodes.insert(b);
        }
    }
    let mut by_labels: BTreeMap<crate::graph::Labels, Vec<NodeId>> = BTreeMap::new();
    for &n in &nodes {
        if let Some(node) = g.node(n) {
            by_labels.entry(node.labels).or_default().push(n);
        }
    }
    let mut by_type: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for &e in &sel.edges {
        if let Some(edge) = g.edge(e) {
            by_type
                .entry(edge.rel_type.to_string())
                .or_default()
                .push(e.index() as u32);
        }
    }
    let mut used_names = BTreeSet::new();
    let mut files = Vec::new();
    let mut delimiter_conflicts = BTreeSet::new();
    for (labels, ids) in by_labels {
        for l in &labels {
            delimiter_conflicts.extend(DELIMITERS.iter().filter(|d| l.contains(**d)));
        }
        let props: Vec<&Props> = ids.iter().map(|&n| &g.node(n).unwrap().props).collect();
        let columns = columns(&props, &mut delimiter_conflicts)?;
        let stem = if labels.is_empty() {
            "nodes_unlabelled".to_string()
        } else {
            format!("nodes_{}", file_part(&labels.join("_")))
        };
        files.push(CsvFile {
            name: unique_name(stem, &mut used_names),
            origin_column: ids
                .iter()
                .any(|&n| g.node(n).unwrap().origin == Origin::Manual),
            kind: FileKind::Nodes(labels.iter().map(|l| l.to_string()).collect()),
            columns,
            items: ids.iter().map(|n| n.index() as u32).collect(),
        });
    }
    for (ty, ids) in by_type {
        let edges: Vec<crate::graph::EdgeView<'_>> = ids
            .iter()
            .map(|&e| g.edge(crate::graph::EdgeId::new(e as usize)).unwrap())
            .collect();
        let props: Vec<&Props> = edges.iter().map(|e| e.props).collect();
        let columns = columns(&props, &mut delimiter_conflicts)?;
        files.push(CsvFile {
            name: unique_name(format!("rels_{}", file_part(&ty)), &mut used_names),
            origin_column: edges.iter().any(|e| e.origin == Origin::Manual),
            kind: FileKind::Rels(ty),
            columns,
            items: ids,
        });
    }
    let delimiter = DELIMITERS
        .iter()
        .copied()
        .find(|d| !delimiter_conflicts.contains(d))
        .ok_or(CsvExportError::NoDelimiter)?;
    Ok(Plan { files, delimiter })
}

/// Typed columns for a set of property maps: the union of keys, each with the narrowest type
/// that holds every value. A key whose values disagree in kind (a number here, a string there)
/// becomes a string column; `write_file` then writes numbers as text and lists as JSON.
fn columns(
    props: &[&Props],
    conflicts: &mut BTreeSet<char>,
) -> Result<Vec<(String, ColType)>, CsvExportError> {
    let mut seen: BTreeMap<&str, Option<Seen>> = BTreeMap::new();
    for p in props {
        for (k, v) in *p {
            if k.contains(':') {
                return Err(CsvExportError::UnsupportedKey { key: k.to_string() });
            }
            if let Value::List(items) = &*v {
                for i in items {
                    if let Value::String(s) = i {
                        conflicts.extend(DELIMITERS.iter().filter(|d| s.contains(**d)));
                    }
                }
            }
            let slot = seen.entry(k).or_insert(None);
            *slot = Some(match (*slot, type_of(&v)) {
                (None, t) => t,
                (Some(a), b) => unify(a, b),
            });
        }
    }
    Ok(seen
        .into_iter()
        .map(|(k, t)| {
            let t = t.expect("a key is seen with a value");
            let t = ColType {
                scalar: t.scalar.unwrap_or(Scalar::String),
                array: t.array,
            };
            (k.to_string(), t)
        })
        .collect())
}

fn scalar_of(v: &Value) -> Option<Scalar> {
    match v {
        Value::Int(i) if i32::try_from(*i).is_ok() => Some(Scalar::Int),
        Value::Int(_) => Some(Scalar::Long),
        Value::Float(_) => Some(Scalar::Double),
        Value::Bool(_) => Some(Scalar::Boolean),
        Value::String(_) => Some(Scalar::String),
        Value::List(_) => None,
    }
}

/// A column type while values are still being seen: an array's element type stays unknown
/// until a non-empty list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    array: bool,
    scalar: Option<Scalar>,
}

fn type_of(v: &Value) -> Seen {
    match v {
        Value::List(items) => Seen {
            array: true,
            scalar: items
                .iter()
                .map(|i| scalar_of(i).unwrap_or(Scalar::String))
                .reduce(unify_scalar),
        },
        v => Seen {
            array: false,
            scalar: scalar_of(v),
        },
    }
}

fn unify_scalar(a: Scalar, b: Scalar) -> Scalar {
    use Scalar::*;
    match (a.min(b), a.max(b)) {
        (x, y) if x == y => x,
        (Int, Long) => Long,
        (Int | Long, Double) => Double,
        _ => String,
    }
}

fn unify(a: Seen, b: Seen) -> Seen {
    if a.array != b.array {
        return Seen {
            array: false,
            scalar: Some(Scalar::String),
        };
    }
    let scalar = match (a.scalar, b.scalar) {
        (Some(x), Some(y)) => Some(unify_scalar(x, y)),
        (x, y) => x.or(y),
    };
    Seen {
        array: a.array,
        scalar,
    }
}

/// Keeps letters, digits, `_` and `-` so that any label makes a safe file name.
fn file_part(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn unique_name(stem: String, used: &mut BTreeSet<String>) -> String {
    let mut name = format!("{stem}.csv");
    let mut k = 2;
    while !used.insert(name.clone()) {
        name = format!("{stem}_{k}.csv");
        k += 1;
    }
    name
}

/// Appends one field, quoted when RFC 4180 requires it (comma, quote, line break) and when
/// it is empty, because an empty unquoted field means "absent" to neo4j-admin.
fn push_field(out: &mut String, s: &str) {
    let needs_quotes = s.is_empty()
        || s.starts_with(' ')
        || s.ends_with(' ')
        || s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
    if needs_quotes {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        // `{:?}` keeps a decimal point or exponent, so a whole number reads back as a float.
        Value::Float(f) => format!("{f:?}"),
        Value::String(s) => s.to_string(),
        Value::List(_) => serde_json::to_string(v).expect("values serialise"),
    }
}

fn value_field(out: &mut String, v: Option<&Value>, t: ColType, delimiter: char) {
    match v {
        None => {}
        Some(Value::List(items)) if t.array => {
            let joined = items
                .iter()
                .map(scalar_text)
                .collect::<Vec<_>>()
                .join(&delimiter.to_string());
            push_field(out, &joined);
        }
        Some(v) => push_field(out, &scalar_text(v)),
    }
}

impl CsvFile {
    pub fn header(&self) -> String {
        let mut cols: Vec<String> = match &self.kind {
            FileKind::Nodes(_) => vec![":ID".into()],
            FileKind::Rels(_) => vec![":START_ID".into(), ":END_ID".into()],
        };
        cols.extend(
            self.columns
                .iter()
                .map(|(k, t)| format!("{k}:{}", t.header())),
        );
        if self.origin_column {
            cols.push(format!("{ORIGIN_COLUMN}:IGNORE"));
        }
        cols.push(
            match &self.kind {
                FileKind::Nodes(_) => ":LABEL",
                FileKind::Rels(_) => ":TYPE",
            }
            .into(),
        );
        let mut line = String::new();
        for (i, c) in cols.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            push_field(&mut line, c);
        }
        line
    }

    /// Writes the header and one line per item, ending lines with `\n`.
    pub fn write(&self, g: &Graph, delimiter: char, out: &mut impl Write) -> io::Result<()> {
        writeln!(out, "{}", self.header())?;
        // The label set or type is the same on every line of a file.
        let mut last = String::new();
        match &self.kind {
            FileKind::Nodes(labels) => push_field(&mut last, &labels.join(&delimiter.to_string())),
            FileKind::Rels(ty) => push_field(&mut last, ty),
        }
        let mut line = String::new();
        for &i in &self.items {
            line.clear();
            let (props, origin) = match &self.kind {
                FileKind::Nodes(_) => {
                    let n = g
                        .node(NodeId::new(i as usize))
                        .expect("planned node exists");
                    let _ = write!(line, "{i}");
                    (&n.props, n.origin)
                }
                FileKind::Rels(_) => {
                    let id = crate::graph::EdgeId::new(i as usize);
                    let e = g.edge(id).expect("planned edge exists");
                    let (a, b) = g.endpoints(id).expect("planned edge has endpoints");
                    let _ = write!(line, "{},{}", a.index(), b.index());
                    (e.props, e.origin)
                }
            };
            for (k, t) in &self.columns {
                line.push(',');
                value_field(&mut line, props.get(k).as_deref(), *t, delimiter);
            }
            if self.origin_column {
                line.push(',');
                if origin == Origin::Manual {
                    line.push_str(ORIGIN_MANUAL);
                }
            }
            line.push(',');
            line.push_str(&last);
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }
}

impl Plan {
    /// The `neo4j-admin database import full` command for these files.
    pub fn neo4j_admin_script(&self) -> String {
        let mut s = String::from(
            "#!/bin/sh\n# Written by `whosaid export --format neo4j-csv`. Run it from this folder with\n\
             # Neo4j stopped; DATABASE defaults to neo4j.\nneo4j-admin database import full",
        );
        for f in &self.files {
            let flag = match f.kind {
                FileKind::Nodes(_) => "nodes",
                FileKind::Rels(_) => "relationships",
            };
            let _ = write!(s, " \\\n  --{flag}=\"{}\"", f.name);
        }
        // Quotes may hold line breaks (German paragraphs do), which neo4j-admin must be told.
        let _ = write!(
            s,
            " \\\n  --array-delimiter=\"{}\" --multiline-fields=true \\\n  \"${{DATABASE:-neo4j}}\"\n",
            match self.delimiter {
                '\u{1f}' => "U+001F".to_string(),
                d => d.to_string(),
            }
        );
        s
    }
}

/// Name of the script `write_dir` puts beside the CSV files.
pub const SCRIPT_NAME: &str = "neo4j-admin-import.sh";

/// Writes the selection as CSV files and the import script into `dir` (created if missing).
pub fn write_dir(g: &Graph, sel: &Subgraph, dir: &Path) -> Result<ExportStats, CsvExportError> {
    let plan = plan(g, sel)?;
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| CsvExportError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    let mut stats = ExportStats {
        nodes: 0,
        relationships: 0,
        files: Vec::new(),
        delimiter: plan.delimiter,
    };
    for f in &plan.files {
        let path = dir.join(&f.name);
        let file = std::fs::File::create(&path).map_err(io_err(&path))?;
        let mut w = io::BufWriter::with_capacity(1 << 20, file);
        f.write(g, plan.delimiter, &mut w)
            .and_then(|_| w.flush())
            .map_err(io_err(&path))?;
        match f.kind {
            FileKind::Nodes(_) => stats.nodes += f.items.len(),
            FileKind::Rels(_) => stats.relationships += f.items.len(),
        }
        stats.files.push(path);
    }
    let script = dir.join(SCRIPT_NAME);
    std::fs::write(&script, plan.neo4j_admin_script()).map_err(io_err(&script))?;
    stats.files.push(script);
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_per_rfc_4180() {
        let mut s = String::new();
        for f in [
            "plain",
            "a,b",
            "er sagte \"ja\"",
            "zwei\nZeilen",
            "",
            " Rand",
        ] {
            push_field(&mut s, f);
            s.push('|');
        }
        assert_eq!(
            s,
            "plain|\"a,b\"|\"er sagte \"\"ja\"\"\"|\"zwei\nZeilen\"|\"\"|\" Rand\"|"
        );
    }

    #[test]
    fn column_types_widen_to_hold_every_value() {
        let t = |vs: &[Value]| {
            let props: Vec<Props> = vs
                .iter()
                .map(|v| Props::from([("k".to_string(), v.clone())]))
                .collect();
            let refs: Vec<&Props> = props.iter().collect();
            columns(&refs, &mut BTreeSet::new()).unwrap()[0].1.header()
        };
        assert_eq!(t(&[Value::Int(1), Value::Int(2)]), "int");
        assert_eq!(t(&[Value::Int(1), Value::Int(1 << 40)]), "long");
        assert_eq!(t(&[Value::Int(1), Value::Float(0.5)]), "double");
        assert_eq!(t(&[Value::Int(1), Value::from("x")]), "string");
        assert_eq!(
            t(&[Value::List([].into()), Value::from(vec!["a".into()])]),
            "string[]"
        );
        assert_eq!(t(&[Value::List([Value::Int(3)].into())]), "int[]");
        assert_eq!(
            t(&[Value::List([].into()), Value::List([Value::Int(3)].into())]),
            "int[]"
        );
        assert_eq!(t(&[Value::List([].into()), Value::Int(3)]), "string");
    }
}
