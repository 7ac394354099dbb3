//! Scoring a graph against gold annotations: a faithful port of `shared/eval/score.py`.
//!
//! Same metrics, same name normalisation (Python's `casefold`, a leading article dropped,
//! whitespace collapsed), same best match by Jaccard overlap, same output: `key=value` with
//! three decimals, or `--json` with the same keys, and with `--verbose` the same miss lines
//! before it. The graph stands in for the JSONL export score.py reads: node and edge ids,
//! labels and properties are exactly what the export writes. Gold offsets are found in the
//! document text as Python reads it (universal newlines), as score.py does.
//!
//! The verb is `score`; `Scores::line` and `Scores::json` are its text forms.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::graph::{EdgeId, Graph, Node, NodeId, Value, label, rel};

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not valid gold JSON: {source}")]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("{path}: not UTF-8 text (invalid byte sequence at byte offset {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{gold}: gold statement text not found in document {doc}: {text}")]
    GoldTextNotInDoc {
        gold: PathBuf,
        doc: String,
        text: String,
    },
}

#[derive(Deserialize)]
struct GoldFile {
    doc: Option<String>,
    #[serde(default)]
    entities: Vec<GoldEntity>,
    #[serde(default)]
    statements: Vec<GoldStatement>,
    #[serde(default)]
    relations: Vec<GoldRelation>,
}

#[derive(Deserialize)]
struct GoldEntity {
    name: String,
    #[serde(default)]
    mentions: Vec<String>,
}

#[derive(Deserialize)]
struct GoldStatement {
    #[serde(default)]
    speakers: Vec<String>,
    text: String,
    #[serde(default)]
    about: Vec<String>,
}

#[derive(Deserialize)]
struct GoldRelation {
    subject: String,
    predicate: String,
    object: String,
}

#[derive(Deserialize)]
struct SameAs {
    groups: Vec<Vec<String>>,
}

/// The figures, in score.py's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub gold_statements: usize,
    pub stmt_recall: f64,
    pub stmt_precision: f64,
    pub speaker_acc: f64,
    pub about_p: f64,
    pub about_r: f64,
    pub about_f1: f64,
    pub ent_p: f64,
    pub ent_r: f64,
    pub ent_f1: f64,
    pub rel_p: f64,
    pub rel_r: f64,
    pub rel_f1: f64,
    pub xdoc_merge: f64,
    pub xdoc_overmerge: f64,
}

impl Scores {
    fn floats(&self) -> [(&'static str, f64); 14] {
        [
            ("stmt_recall", self.stmt_recall),
            ("stmt_precision", self.stmt_precision),
            ("speaker_acc", self.speaker_acc),
            ("about_p", self.about_p),
            ("about_r", self.about_r),
            ("about_f1", self.about_f1),
            ("ent_p", self.ent_p),
            ("ent_r", self.ent_r),
            ("ent_f1", self.ent_f1),
            ("rel_p", self.rel_p),
            ("rel_r", self.rel_r),
            ("rel_f1", self.rel_f1),
            ("xdoc_merge", self.xdoc_merge),
            ("xdoc_overmerge", self.xdoc_overmerge),
        ]
    }

    /// `gold_statements=N stmt_recall=0.123 …`, as score.py prints it.
    pub fn line(&self) -> String {
        let mut s = format!("gold_statements={}", self.gold_statements);
        for (k, v) in self.floats() {
            let _ = write!(s, " {k}={v:.3}");
        }
        s
    }

    /// The figures as Python's `json.dumps` writes them.
    pub fn json(&self) -> String {
        let mut s = format!("{{\"gold_statements\": {}", self.gold_statements);
        for (k, v) in self.floats() {
            let _ = write!(s, ", \"{k}\": {}", py_float(v));
        }
        s.push('}');
        s
    }
}

/// Python's `repr` of a float: shortest round-trip digits, `.0` on whole numbers, and
/// exponent notation below 1e-4 and from 1e16.
pub fn py_float(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let a = v.abs();
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        let e = format!("{v:e}");
        let (mant, exp) = e.split_once('e').expect("exponent form");
        let exp: i32 = exp.parse().expect("exponent");
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mant}e{sign}{:02}", exp.abs());
    }
    let s = format!("{v}");
    if s.contains('.') { s } else { format!("{s}.0") }
}

/// Python's `str.casefold` for the letters news text uses: lower case plus the full case
/// foldings that differ from it (`ß` → `ss`, ligatures, final sigma, …).
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ſ' => out.push('s'),
            'ς' => out.push('σ'),
            'µ' => out.push('μ'),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            'ŉ' => out.push_str("ʼn"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Python's `str.isspace`, which `\s` and `strip()` follow: Unicode white space plus the
/// information separators U+001C–U+001F.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// score.py's `norm`: strip, casefold, drop soft hyphens, drop one leading article followed by
/// white space, collapse white space runs to one space.
pub fn norm(s: &str) -> String {
    let s = casefold(s.trim_matches(py_space)).replace('\u{ad}', "");
    let mut rest = s.as_str();
    for art in ["der", "die", "das", "den", "dem", "des"] {
        if let Some(after) = rest.strip_prefix(art).filter(|a| a.starts_with(py_space)) {
            rest = after.trim_start_matches(py_space);
            break;
        }
    }
    let mut out = String::with_capacity(rest.len());
    let mut in_space = false;
    for c in rest.chars() {
        if py_space(c) {
            in_space = true;
        } else {
            if in_space {
                out.push(' ');
            }
            in_space = false;
            out.push(c);
        }
    }
    if in_space {
        out.push(' ');
    }
    out
}

/// Python's `repr` of a string, for the miss lines.
pub fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !py_printable(c) => {
                let n = c as u32;
                if n <= 0xff {
                    let _ = write!(out, "\\x{n:02x}");
                } else if n <= 0xffff {
                    let _ = write!(out, "\\u{n:04x}");
                } else {
                    let _ = write!(out, "\\U{n:08x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for the characters that occur in text: controls, separators other
/// than the ASCII space, and format characters are not printable.
fn py_printable(c: char) -> bool {
    !(c.is_control()
        || (c != ' ' && c.is_whitespace())
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{061c}'))
}

fn py_list(items: &[Option<String>]) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|s| s.as_deref().map_or("None".to_string(), py_repr))
        .collect();
    format!("[{}]", parts.join(", "))
}

/// The first `n` characters, as Python's `s[:n]`.
fn chars_prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Python's `os.path.basename(str(v))` of a property, if it is a string or a number.
fn basename(v: Option<&Value>) -> String {
    let s = match v {
        Some(Value::String(s)) => s.to_string(),
        Some(Value::Int(i)) => i.to_string(),
        Some(Value::Float(f)) => py_float(*f),
        Some(Value::Bool(b)) => if *b { "True" } else { "False" }.to_string(),
        Some(Value::List(_)) | None => String::new(),
    };
    s.rsplit('/').next().unwrap_or("").to_string()
}

/// Python's `int(p.get(key, -1))` for offsets.
fn int_prop(n: &Node, key: &str) -> i64 {
    match n.prop(key).as_deref() {
        Some(Value::Int(i)) => *i,
        Some(Value::Float(f)) => f.trunc() as i64,
        Some(Value::String(s)) => s.trim().parse().unwrap_or(-1),
        Some(Value::Bool(b)) => *b as i64,
        _ => -1,
    }
}

/// Python truthiness of an optional property.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Int(i)) => *i != 0,
        Some(Value::Float(f)) => *f != 0.0,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::List(l)) => !l.is_empty(),
    }
}

fn overlap(a0: i64, a1: i64, b0: i64, b1: i64) -> i64 {
    0.max(a1.min(b1) - a0.max(b0))
}

/// Bytes of `[start, end)` covered by the union of spans.
fn covered(start: i64, end: i64, spans: &[(i64, i64)]) -> i64 {
    let mut pts: Vec<(i64, i64)> = spans
        .iter()
        .filter(|&&(s, e)| e.min(end) > s.max(start))
        .map(|&(s, e)| (s.max(start), e.min(end)))
        .collect();
    pts.sort_unstable();
    let (mut tot, mut cur) = (0, start);
    for (s, e) in pts {
        let s = s.max(cur);
        if e > s {
            tot += e - s;
            cur = e;
        }
    }
    tot
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

struct GoldDoc {
    name: String,
    /// Normalised surface → canonical gold names.
    keys: HashMap<String, BTreeSet<String>>,
    ents: BTreeSet<String>,
    /// (start, end, index into the gold statements).
    stmts: Vec<(i64, i64, usize)>,
}

impl GoldDoc {
    /// Canonical gold names a system node stands for: by its name first, then its aliases
    /// (only when they point at exactly one gold entity).
    fn map_entity(&self, node: &Node) -> BTreeSet<String> {
        let by_name = node.name().filter(|_| truthy(node.prop("name").as_deref()));
        if let Some(hit) = by_name.and_then(|n| self.keys.get(&norm(n))) {
            return hit.clone();
        }
        let mut hits = BTreeSet::new();
        if let Some(Value::List(items)) = node.prop("aliases").as_deref() {
            for a in items.iter().filter_map(Value::as_str) {
                if let Some(h) = self.keys.get(&norm(a)) {
                    hits.extend(h.iter().cloned());
                }
            }
        }
        if hits.len() == 1 {
            hits
        } else {
            BTreeSet::new()
        }
    }
}

/// A system entity of a document as score.py counts it: a gold name it maps to, or
/// `('?', name)` for a node that maps to none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum SysEnt {
    Gold(String),
    Unmapped(Option<String>),
}

impl SysEnt {
    /// Python's `str()` of the set element.
    fn py_str(&self) -> String {
        match self {
            SysEnt::Gold(s) => s.clone(),
            SysEnt::Unmapped(n) => format!(
                "('?', {})",
                n.as_deref().map_or("None".to_string(), py_repr)
            ),
        }
    }
}

/// A map that remembers insertion order, like a Python dict.
struct Ordered<K, V> {
    index: HashMap<K, usize>,
    items: Vec<(K, V)>,
}

impl<K, V> Default for Ordered<K, V> {
    fn default() -> Self {
        Ordered {
            index: HashMap::new(),
            items: Vec::new(),
        }
    }
}

impl<K: std::hash::Hash + Eq + Clone, V: Default> Ordered<K, V> {
    fn entry(&mut self, k: K) -> &mut V {
        let i = *self.index.entry(k.clone()).or_insert_with(|| {
            self.items.push((k, V::default()));
            self.items.len() - 1
        });
        &mut self.items[i].1
    }
}

fn read_text(path: &Path) -> Result<String, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| EvalError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Python's universal-newline reading: `\r\n` and lone `\r` become `\n`.
fn universal_newlines(s: String) -> String {
    if !s.contains('\r') {
        return s;
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Scores the graph against every gold file in `gold_dir`, reading documents from `doc_dir`.
/// Returns the figures and, when `verbose`, the miss lines score.py prints.
pub fn score(
    graph: &Graph,
    doc_dir: &Path,
    gold_dir: &Path,
    verbose: bool,
) -> Result<(Scores, Vec<String>), EvalError> {
    // Edges in export order (ascending id), by source and by target.
    let mut out_e: HashMap<NodeId, Vec<EdgeId>> = HashMap::new();
    let mut in_e: HashMap<NodeId, Vec<EdgeId>> = HashMap::new();
    for e in graph.edge_ids() {
        let (s, t) = graph.endpoints(e).expect("listed edge has endpoints");
        out_e.entry(s).or_default().push(e);
        in_e.entry(t).or_default().push(e);
    }
    let incoming = |n: NodeId| in_e.get(&n).map(Vec::as_slice).unwrap_or(&[]);
    let outgoing = |n: NodeId| out_e.get(&n).map(Vec::as_slice).unwrap_or(&[]);
    let rel_of = |e: EdgeId| graph.edge(e).map_or("", |e| e.rel_type.as_str());
    let node = |n: NodeId| graph.node(n).expect("edge endpoint exists");

    let mut docs_by_name: HashMap<String, NodeId> = HashMap::new();
    for id in graph.nodes_with_label(label::DOCUMENT) {
        let n = node(id);
        for k in ["name", "path", "id"] {
            if truthy(n.prop(k).as_deref()) {
                docs_by_name.insert(basename(n.prop(k).as_deref()), id);
            }
        }
    }
    let mut stmts_by_doc: HashMap<String, Vec<(i64, i64, NodeId)>> = HashMap::new();
    for id in graph.nodes_with_label(label::STATEMENT) {
        let n = node(id);
        stmts_by_doc
            .entry(basename(n.prop("doc").as_deref()))
            .or_default()
            .push((int_prop(n, "start"), int_prop(n, "end"), id));
    }
    // Relation edges by the document they cite.
    let skip = [rel::SAID, rel::ABOUT, rel::TO, rel::IN, rel::MENTIONED_IN];
    let mut rels_by_doc: HashMap<String, Vec<EdgeId>> = HashMap::new();
    for e in graph.edge_ids() {
        let edge = graph.edge(e).expect("listed edge exists");
        if !skip.contains(&edge.rel_type.as_str()) {
            rels_by_doc
                .entry(basename(edge.prop("doc").as_deref()))
                .or_default()
                .push(e);
        }
    }

    let mut c: BTreeMap<&str, usize> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut groups: HashMap<String, String> = HashMap::new();
    let same_as = gold_dir.join("SAME_AS.json");
    if same_as.exists() {
        let text = read_text(&same_as)?;
        let sa: SameAs = serde_json::from_str(&text).map_err(|source| EvalError::Json {
            path: same_as.clone(),
            source,
        })?;
        for (i, grp) in sa.groups.iter().enumerate() {
            for name in grp {
                groups.insert(name.clone(), format!("group{i}"));
            }
        }
    }
    let group = |name: &str| {
        groups
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    };
    let mut nodes_of: Ordered<String, Ordered<String, BTreeSet<NodeId>>> = Ordered::default();
    let mut keys_of_node: Ordered<NodeId, BTreeSet<String>> = Ordered::default();

    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .map_err(|source| EvalError::Io {
            path: gold_dir.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".json") && !name.starts_with('.')
        })
        .collect();
    gold_files.sort();

    for gp in gold_files {
        let g: GoldFile =
            serde_json::from_str(&read_text(&gp)?).map_err(|source| EvalError::Json {
                path: gp.clone(),
                source,
            })?;
        let Some(doc_name) = g.doc.clone() else {
            continue; // SAME_AS.json and other side files
        };
        let text = universal_newlines(read_text(&doc_dir.join(&doc_name))?);
        let mut gd = GoldDoc {
            name: doc_name.clone(),
            keys: HashMap::new(),
            ents: g.entities.iter().map(|e| e.name.clone()).collect(),
            stmts: Vec::new(),
        };
        for e in &g.entities {
            for s in std::iter::once(&e.name).chain(&e.mentions) {
                gd.keys.entry(norm(s)).or_default().insert(e.name.clone());
            }
        }
        for (i, s) in g.statements.iter().enumerate() {
            let b = text
                .find(&s.text)
                .ok_or_else(|| EvalError::GoldTextNotInDoc {
                    gold: gp.clone(),
                    doc: doc_name.clone(),
                    text: chars_prefix(&s.text, 60).to_string(),
                })? as i64;
            gd.stmts.push((b, b + s.text.len() as i64, i));
        }
        let empty = Vec::new();
        let sstmts = stmts_by_doc.get(&gd.name).unwrap_or(&empty);
        let gspans: Vec<(i64, i64)> = gd.stmts.iter().map(|&(b, e, _)| (b, e)).collect();
        let sspans: Vec<(i64, i64)> = sstmts.iter().map(|&(b, e, _)| (b, e)).collect();
        // statements
        for &(b, e, si) in &gd.stmts {
            let s = &g.statements[si];
            *c.entry("gold_stmts").or_default() += 1;
            if covered(b, e, &sspans) * 2 < e - b {
                misses.push(format!(
                    "{}: missed statement {}",
                    gd.name,
                    py_repr(chars_prefix(&s.text, 70))
                ));
                continue;
            }
            *c.entry("found").or_default() += 1;
            // Best match by Jaccard; the first of equals wins, as Python's max does.
            let jaccard = |x: &(i64, i64, NodeId)| {
                let denom = (e.max(x.1) - b.min(x.0)) as f64;
                let denom = if denom == 0.0 { 1.0 } else { denom };
                overlap(b, e, x.0, x.1) as f64 / denom
            };
            // score.py cannot get here without a system statement; an empty gold text could.
            let Some(mut best) = sstmts.first() else {
                continue;
            };
            for x in &sstmts[1..] {
                if jaccard(x) > jaccard(best) {
                    best = x;
                }
            }
            let sid = best.2;
            let mut speakers = BTreeSet::new();
            for &eid in incoming(sid) {
                if rel_of(eid) == rel::SAID {
                    let (src, _) = graph.endpoints(eid).expect("edge exists");
                    speakers.extend(gd.map_entity(node(src)));
                }
            }
            let gold_speakers: BTreeSet<String> = s.speakers.iter().cloned().collect();
            if gold_speakers.intersection(&speakers).next().is_some()
                || (gold_speakers.is_empty() && speakers.is_empty())
            {
                *c.entry("speaker_ok").or_default() += 1;
            } else {
                let got: Vec<Option<String>> = incoming(sid)
                    .iter()
                    .filter(|&&eid| rel_of(eid) == rel::SAID)
                    .map(|&eid| {
                        let (src, _) = graph.endpoints(eid).expect("edge exists");
                        node(src).name().map(str::to_string)
                    })
                    .collect();
                let want: Vec<Option<String>> = s.speakers.iter().cloned().map(Some).collect();
                misses.push(format!(
                    "{}: speaker {} for {} on {}",
                    gd.name,
                    py_list(&got),
                    py_list(&want),
                    py_repr(chars_prefix(&s.text, 60))
                ));
            }
            let mut about = BTreeSet::new();
            for &eid in outgoing(sid) {
                if rel_of(eid) == rel::ABOUT {
                    let (_, dst) = graph.endpoints(eid).expect("edge exists");
                    about.extend(gd.map_entity(node(dst)));
                }
            }
            let gold_about: BTreeSet<String> = s.about.iter().cloned().collect();
            *c.entry("about_tp").or_default() += about.intersection(&gold_about).count();
            *c.entry("about_fp").or_default() += about.difference(&gold_about).count();
            *c.entry("about_fn").or_default() += gold_about.difference(&about).count();
        }
        for &(b, e, _) in sstmts {
            *c.entry("sys_stmts").or_default() += 1;
            if e > b && covered(b, e, &gspans) * 2 >= e - b {
                *c.entry("sys_ok").or_default() += 1;
            }
        }
        // entities mentioned in this doc
        let did = docs_by_name.get(&gd.name).copied();
        let mentioned: Vec<NodeId> = did
            .map(|d| {
                incoming(d)
                    .iter()
                    .filter(|&&eid| rel_of(eid) == rel::MENTIONED_IN)
                    .map(|&eid| graph.endpoints(eid).expect("edge exists").0)
                    .collect()
            })
            .unwrap_or_default();
        let mut sys_ents: HashSet<SysEnt> = HashSet::new();
        for &src in &mentioned {
            let m = gd.map_entity(node(src));
            if m.is_empty() {
                sys_ents.insert(SysEnt::Unmapped(node(src).name().map(str::to_string)));
            } else {
                sys_ents.extend(m.into_iter().map(SysEnt::Gold));
            }
        }
        let mapped: BTreeSet<String> = sys_ents
            .iter()
            .filter_map(|x| match x {
                SysEnt::Gold(s) => Some(s.clone()),
                SysEnt::Unmapped(_) => None,
            })
            .collect();
        for name in &gd.ents {
            nodes_of.entry(group(name)).entry(gd.name.clone());
        }
        for &src in &mentioned {
            for name in gd.map_entity(node(src)) {
                let key = group(&name);
                nodes_of
                    .entry(key.clone())
                    .entry(gd.name.clone())
                    .insert(src);
                keys_of_node.entry(src).insert(key);
            }
        }
        let extra: Vec<&SysEnt> = sys_ents
            .iter()
            .filter(|x| !matches!(x, SysEnt::Gold(s) if gd.ents.contains(s)))
            .collect();
        *c.entry("ent_tp").or_default() += mapped.intersection(&gd.ents).count();
        *c.entry("ent_fp").or_default() += extra.len();
        *c.entry("ent_fn").or_default() += gd.ents.difference(&mapped).count();
        if verbose {
            for x in gd.ents.difference(&mapped) {
                misses.push(format!("{}: missed entity {x}", gd.name));
            }
            let mut extra: Vec<String> = extra.iter().map(|x| x.py_str()).collect();
            extra.sort();
            for x in extra {
                misses.push(format!("{}: extra entity {x}", gd.name));
            }
        }
        // relations
        let gold_rel: HashSet<(String, String, String)> = g
            .relations
            .iter()
            .map(|r| (r.subject.clone(), r.predicate.clone(), r.object.clone()))
            .collect();
        let mut sys_rel: HashSet<(String, String, String)> = HashSet::new();
        for &eid in rels_by_doc.get(&gd.name).unwrap_or(&Vec::new()) {
            let (s, t) = graph.endpoints(eid).expect("edge exists");
            let or_unknown = |m: BTreeSet<String>| {
                if m.is_empty() {
                    BTreeSet::from(["?".to_string()])
                } else {
                    m
                }
            };
            let ss = or_unknown(gd.map_entity(node(s)));
            let oo = or_unknown(gd.map_entity(node(t)));
            for a in &ss {
                for o in &oo {
                    sys_rel.insert((a.clone(), rel_of(eid).to_string(), o.clone()));
                }
            }
        }
        *c.entry("rel_tp").or_default() += sys_rel.intersection(&gold_rel).count();
        *c.entry("rel_fp").or_default() += sys_rel.difference(&gold_rel).count();
        *c.entry("rel_fn").or_default() += gold_rel.difference(&sys_rel).count();
    }

    let multi: Vec<&(String, Ordered<String, BTreeSet<NodeId>>)> = nodes_of
        .items
        .iter()
        .filter(|(_, per_doc)| per_doc.items.len() >= 2)
        .collect();
    let mut merged = 0;
    for (k, per_doc) in &multi {
        let ids: BTreeSet<NodeId> = per_doc
            .items
            .iter()
            .flat_map(|(_, s)| s.iter().copied())
            .collect();
        if ids.len() == 1 && per_doc.items.iter().all(|(_, s)| !s.is_empty()) {
            merged += 1;
        } else if verbose {
            misses.push(format!(
                "xdoc: {k} is {} nodes across {} documents",
                ids.len(),
                per_doc.items.len()
            ));
        }
    }
    let over: Vec<&(NodeId, BTreeSet<String>)> = keys_of_node
        .items
        .iter()
        .filter(|(_, ks)| ks.len() > 1)
        .collect();
    if verbose {
        for (n, ks) in &over {
            let name = node(*n).name().map_or("None".to_string(), py_repr);
            let keys: Vec<Option<String>> = ks.iter().cloned().map(Some).collect();
            misses.push(format!("xdoc: node {name} stands for {}", py_list(&keys)));
        }
    }
    let get = |k: &str| c.get(k).copied().unwrap_or(0);
    let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    let (about_p, about_r, about_f1) = prf(get("about_tp"), get("about_fp"), get("about_fn"));
    let (ent_p, ent_r, ent_f1) = prf(get("ent_tp"), get("ent_fp"), get("ent_fn"));
    let (rel_p, rel_r, rel_f1) = prf(get("rel_tp"), get("rel_fp"), get("rel_fn"));
    let scores = Scores {
        gold_statements: get("gold_stmts"),
        stmt_recall: ratio(get("found"), get("gold_stmts")),
        stmt_precision: ratio(get("sys_ok"), get("sys_stmts")),
        speaker_acc: ratio(get("speaker_ok"), get("gold_stmts")),
        about_p,
        about_r,
        about_f1,
        ent_p,
        ent_r,
        ent_f1,
        rel_p,
        rel_r,
        rel_f1,
        xdoc_merge: ratio(merged, multi.len()),
        xdoc_overmerge: ratio(over.len(), keys_of_node.items.len()),
    };
    Ok((scores, misses))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_matches_python() {
        assert_eq!(
            norm("  Der  Große\u{ad} Bär "),
            "große bär".replace('ß', "ss")
        );
        assert_eq!(norm("die"), "die");
        assert_eq!(norm("Dieter Bohlen"), "dieter bohlen");
        assert_eq!(norm("DES\tLandes"), "landes");
        assert_eq!(norm("den  den x"), "den x");
    }

    #[test]
    fn python_formats() {
        assert_eq!(py_float(0.5), "0.5");
        assert_eq!(py_float(1.0), "1.0");
        assert_eq!(py_float(0.0), "0.0");
        assert_eq!(py_float(1.0 / 3.0), "0.3333333333333333");
        assert_eq!(py_float(1.0 / 85000.0), "1.1764705882352942e-05");
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("a'b\"c\n"), "'a\\'b\"c\\n'");
        assert_eq!(py_repr("Grüße\u{a0}„x“"), "'Grüße\\xa0„x“'");
        assert_eq!(py_list(&[Some("A".into()), None]), "['A', None]");
        assert_eq!(SysEnt::Unmapped(Some("X".into())).py_str(), "('?', 'X')");
    }

    #[test]
    fn coverage_and_overlap() {
        assert_eq!(covered(0, 10, &[(2, 5), (4, 8), (20, 30)]), 6);
        assert_eq!(covered(5, 10, &[(0, 100)]), 5);
        assert_eq!(overlap(0, 5, 5, 9), 0);
        assert_eq!(prf(1, 1, 0), (0.5, 1.0, 2.0 / 3.0));
    }

    #[test]
    fn output_lines() {
        let s = Scores {
            gold_statements: 3,
            stmt_recall: 2.0 / 3.0,
            stmt_precision: 0.0625,
            speaker_acc: 1.0,
            about_p: 0.0,
            about_r: 0.0,
            about_f1: 0.0,
            ent_p: 0.5,
            ent_r: 0.5,
            ent_f1: 0.5,
            rel_p: 0.0,
            rel_r: 0.0,
            rel_f1: 0.0,
            xdoc_merge: 0.0,
            xdoc_overmerge: 0.0,
        };
        assert!(s.line().starts_with(
            "gold_statements=3 stmt_recall=0.667 stmt_precision=0.062 speaker_acc=1.000 "
        ));
        assert!(
            s.json()
                .starts_with("{\"gold_statements\": 3, \"stmt_recall\": 0.6666666666666666, ")
        );
    }
}
