//! The TCK's value notation (`(:A {name: 'x'})`, `[:T]`, `<(:A)-[:T]->(:B)>`, lists, maps,
//! numbers, strings, null) and the comparison of expected values with query results.

use std::collections::BTreeMap;

use whosaid::graph::Graph;
use whosaid::query::Value;
use whosaid::query::view::GraphView;

/// A value as the TCK writes it: graph elements by content, since ids are not comparable.
#[derive(Debug, Clone)]
pub enum Tv {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Tv>),
    Map(BTreeMap<String, Tv>),
    Node {
        labels: Vec<String>,
        props: BTreeMap<String, Tv>,
    },
    Rel {
        rel_type: String,
        props: BTreeMap<String, Tv>,
    },
    /// A start node, then (relationship, forward?, node) steps.
    Path(Box<Tv>, Vec<(Tv, bool, Tv)>),
}

impl Tv {
    /// Structural equality; with `unordered_lists`, lists compare as bags.
    pub fn matches(&self, other: &Tv, unordered_lists: bool) -> bool {
        use Tv::*;
        match (self, other) {
            (Null, Null) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => {
                (a.is_nan() && b.is_nan()) || a == b || ((a - b).abs() <= 1e-12 * a.abs().max(1.0))
            }
            (Str(a), Str(b)) => a == b,
            (List(a), List(b)) => {
                if a.len() != b.len() {
                    return false;
                }
                if unordered_lists {
                    bag_match(a, b, |x, y| x.matches(y, true))
                } else {
                    a.iter().zip(b).all(|(x, y)| x.matches(y, false))
                }
            }
            (Map(a), Map(b)) => maps_match(a, b, unordered_lists),
            (
                Node {
                    labels: la,
                    props: pa,
                },
                Node {
                    labels: lb,
                    props: pb,
                },
            ) => {
                let mut la = la.clone();
                let mut lb = lb.clone();
                la.sort();
                lb.sort();
                la == lb && maps_match(pa, pb, unordered_lists)
            }
            (
                Rel {
                    rel_type: ta,
                    props: pa,
                },
                Rel {
                    rel_type: tb,
                    props: pb,
                },
            ) => ta == tb && maps_match(pa, pb, unordered_lists),
            (Path(sa, a), Path(sb, b)) => {
                sa.matches(sb, unordered_lists)
                    && a.len() == b.len()
                    && a.iter().zip(b).all(|((ra, da, na), (rb, db, nb))| {
                        da == db
                            && ra.matches(rb, unordered_lists)
                            && na.matches(nb, unordered_lists)
                    })
            }
            _ => false,
        }
    }
}

fn maps_match(a: &BTreeMap<String, Tv>, b: &BTreeMap<String, Tv>, u: bool) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((ka, va), (kb, vb))| ka == kb && va.matches(vb, u))
}

/// Whether two sequences are equal as bags under `eq` (greedy with backtracking-free
/// matching is enough because `eq` is an equivalence).
pub fn bag_match<T>(a: &[T], b: &[T], eq: impl Fn(&T, &T) -> bool) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut used = vec![false; b.len()];
    'outer: for x in a {
        for (j, y) in b.iter().enumerate() {
            if !used[j] && eq(x, y) {
                used[j] = true;
                continue 'outer;
            }
        }
        return false;
    }
    true
}

/// A query result value in TCK terms, reading nodes and relationships from the graph.
pub fn from_result(v: &Value, g: &Graph) -> Tv {
    match v {
        Value::Null => Tv::Null,
        Value::Bool(b) => Tv::Bool(*b),
        Value::Int(i) => Tv::Int(*i),
        Value::Float(f) => Tv::Float(*f),
        Value::String(s) => Tv::Str(s.to_string()),
        Value::List(l) => Tv::List(l.iter().map(|x| from_result(x, g)).collect()),
        Value::Map(m) => Tv::Map(
            m.iter()
                .map(|(k, x)| (k.clone(), from_result(x, g)))
                .collect(),
        ),
        Value::Node(id) => node_tv(*id, g),
        Value::Relationship(id) => rel_tv(*id, g),
        Value::Path(p) => {
            let start = node_tv(p.nodes[0], g);
            let steps = p
                .rels
                .iter()
                .zip(p.nodes.windows(2))
                .map(|(r, w)| {
                    let forward = g.endpoints(*r).is_none_or(|(s, _)| s == w[0]);
                    (rel_tv(*r, g), forward, node_tv(w[1], g))
                })
                .collect();
            Tv::Path(Box::new(start), steps)
        }
    }
}

fn props_tv(p: Option<&whosaid::graph::Props>) -> BTreeMap<String, Tv> {
    p.map(|p| {
        p.iter()
            .map(|(k, v)| {
                (
                    k.to_string(),
                    from_result(&Value::from_prop(&v), &Graph::new()),
                )
            })
            .collect()
    })
    .unwrap_or_default()
}

fn node_tv(id: whosaid::graph::NodeId, g: &Graph) -> Tv {
    Tv::Node {
        labels: GraphView::labels(g, id)
            .iter()
            .map(|l| l.to_string())
            .collect(),
        props: props_tv(GraphView::node_props(g, id)),
    }
}

fn rel_tv(id: whosaid::graph::EdgeId, g: &Graph) -> Tv {
    Tv::Rel {
        rel_type: g.edge_type(id).unwrap_or_default().to_string(),
        props: props_tv(GraphView::edge_props(g, id)),
    }
}

/// A TCK value without graph elements as a query parameter.
pub fn to_param(t: &Tv) -> Value {
    match t {
        Tv::Null => Value::Null,
        Tv::Bool(b) => Value::Bool(*b),
        Tv::Int(i) => Value::Int(*i),
        Tv::Float(f) => Value::Float(*f),
        Tv::Str(s) => Value::String(s.into()),
        Tv::List(l) => Value::List(l.iter().map(to_param).collect()),
        Tv::Map(m) => Value::Map(m.iter().map(|(k, v)| (k.clone(), to_param(v))).collect()),
        _ => Value::Null,
    }
}

/// Parses one cell of an expected-result table.
pub fn parse(text: &str) -> Result<Tv, String> {
    let mut p = P {
        s: text.as_bytes(),
        src: text,
        i: 0,
    };
    let v = p.value()?;
    p.ws();
    if p.i != p.s.len() {
        return Err(format!("trailing input in {text:?} at {}", p.i));
    }
    Ok(v)
}

struct P<'a> {
    s: &'a [u8],
    src: &'a str,
    i: usize,
}

impl P<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.s.get(self.i).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, c: u8) -> Result<(), String> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(format!(
                "expected '{}' at {} in {:?}",
                c as char, self.i, self.src
            ))
        }
    }
    fn starts(&mut self, w: &str) -> bool {
        self.ws();
        self.src[self.i..].starts_with(w)
    }

    fn value(&mut self) -> Result<Tv, String> {
        match self.peek() {
            None => Err(format!("empty value in {:?}", self.src)),
            Some(b'(') => self.node(),
            Some(b'<') => self.path(),
            Some(b'[') => {
                // `[:T ...]` is a relationship, anything else a list.
                let save = self.i;
                self.i += 1;
                if self.peek() == Some(b':') {
                    self.i = save;
                    return self.rel();
                }
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value()?);
                        if self.eat(b']') {
                            break;
                        }
                        self.expect(b',')?;
                    }
                }
                Ok(Tv::List(items))
            }
            Some(b'{') => Ok(Tv::Map(self.map()?)),
            Some(b'\'') | Some(b'"') => Ok(Tv::Str(self.string()?)),
            _ => {
                for (w, v) in [
                    ("null", Tv::Null),
                    ("true", Tv::Bool(true)),
                    ("false", Tv::Bool(false)),
                    ("NaN", Tv::Float(f64::NAN)),
                    ("-Infinity", Tv::Float(f64::NEG_INFINITY)),
                    ("Infinity", Tv::Float(f64::INFINITY)),
                    ("-Inf", Tv::Float(f64::NEG_INFINITY)),
                    ("Inf", Tv::Float(f64::INFINITY)),
                ] {
                    if self.starts(w) {
                        self.i += w.len();
                        return Ok(v);
                    }
                }
                self.number()
            }
        }
    }

    fn number(&mut self) -> Result<Tv, String> {
        let start = self.i;
        while self.i < self.s.len()
            && (self.s[self.i].is_ascii_alphanumeric() || b"+-.".contains(&self.s[self.i]))
        {
            // A '-' or '+' only continues a number right after an exponent marker.
            let c = self.s[self.i];
            if (c == b'-' || c == b'+')
                && self.i > start
                && !matches!(self.s[self.i - 1], b'e' | b'E')
            {
                break;
            }
            self.i += 1;
        }
        let t = &self.src[start..self.i];
        if let Ok(i) = t.parse::<i64>() {
            return Ok(Tv::Int(i));
        }
        if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("-0x"))
            && let Ok(i) = i64::from_str_radix(h, 16)
        {
            return Ok(Tv::Int(if t.starts_with('-') { -i } else { i }));
        }
        t.parse::<f64>()
            .map(Tv::Float)
            .map_err(|_| format!("bad value {t:?} in {:?}", self.src))
    }

    fn string(&mut self) -> Result<String, String> {
        let q = self.s[self.i];
        self.i += 1;
        let mut out = String::new();
        let rest = &self.src[self.i..];
        let mut chars = rest.char_indices();
        while let Some((k, c)) = chars.next() {
            if c == q as char {
                self.i += k + 1;
                return Ok(out);
            }
            if c == '\\' {
                match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, 'r')) => out.push('\r'),
                    Some((_, 'b')) => out.push('\u{8}'),
                    Some((_, 'f')) => out.push('\u{c}'),
                    Some((_, o)) => out.push(o),
                    None => break,
                }
            } else {
                out.push(c);
            }
        }
        Err(format!("unterminated string in {:?}", self.src))
    }

    fn ident(&mut self) -> Result<String, String> {
        self.ws();
        if self.eat(b'`') {
            let start = self.i;
            while self.i < self.s.len() && self.s[self.i] != b'`' {
                self.i += 1;
            }
            let t = self.src[start..self.i].to_string();
            self.i += 1;
            return Ok(t);
        }
        let start = self.i;
        while self.i < self.s.len()
            && (self.s[self.i].is_ascii_alphanumeric()
                || self.s[self.i] == b'_'
                || self.s[self.i] >= 0x80)
        {
            self.i += 1;
        }
        if start == self.i {
            return Err(format!("expected a name at {} in {:?}", self.i, self.src));
        }
        Ok(self.src[start..self.i].to_string())
    }

    fn map(&mut self) -> Result<BTreeMap<String, Tv>, String> {
        self.expect(b'{')?;
        let mut m = BTreeMap::new();
        if self.eat(b'}') {
            return Ok(m);
        }
        loop {
            let k = self.ident()?;
            self.expect(b':')?;
            let v = self.value()?;
            m.insert(k, v);
            if self.eat(b'}') {
                return Ok(m);
            }
            self.expect(b',')?;
        }
    }

    fn node(&mut self) -> Result<Tv, String> {
        self.expect(b'(')?;
        let mut labels = Vec::new();
        while self.eat(b':') {
            labels.push(self.ident()?);
        }
        let props = if self.peek() == Some(b'{') {
            self.map()?
        } else {
            BTreeMap::new()
        };
        self.expect(b')')?;
        Ok(Tv::Node { labels, props })
    }

    fn rel(&mut self) -> Result<Tv, String> {
        self.expect(b'[')?;
        self.expect(b':')?;
        let rel_type = self.ident()?;
        let props = if self.peek() == Some(b'{') {
            self.map()?
        } else {
            BTreeMap::new()
        };
        self.expect(b']')?;
        Ok(Tv::Rel { rel_type, props })
    }

    fn path(&mut self) -> Result<Tv, String> {
        self.expect(b'<')?;
        let start = self.node()?;
        let mut steps = Vec::new();
        while !self.eat(b'>') {
            let back = self.eat(b'<');
            self.expect(b'-')?;
            let r = self.rel()?;
            self.expect(b'-')?;
            let fwd = self.eat(b'>');
            if back == fwd {
                return Err(format!("path step needs one direction in {:?}", self.src));
            }
            let n = self.node()?;
            steps.push((r, fwd, n));
        }
        Ok(Tv::Path(Box::new(start), steps))
    }
}
