//! The runtime value of the query engine, with openCypher semantics.
//!
//! Three relations between values matter and differ on purpose:
//! - *equality* (`=`) is three-valued: anything compared with `null` is `null`;
//! - *comparison* (`<`, `>=`, ...) is defined only inside a type family and `null` elsewhere;
//! - *orderability* (ORDER BY) is a total order across all types, and *equivalence*
//!   (DISTINCT, grouping) treats `null` as equal to `null` and NaN as equal to NaN.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::hash::{Hash, Hasher};

use crate::graph::{self, EdgeId, NodeId};
use crate::layout::Str;

/// A path: `nodes.len() == rels.len() + 1`, alternating node, relationship, node, ...
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Path {
    pub nodes: Vec<NodeId>,
    pub rels: Vec<EdgeId>,
}

#[derive(Debug, Clone, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Strings share their text with the graph's property values: projecting `s.text` over
    /// many rows bumps a reference count instead of copying the text.
    String(Str),
    List(Vec<Value>),
    /// Maps keep their keys sorted so that printouts are deterministic.
    Map(BTreeMap<String, Value>),
    Node(NodeId),
    Relationship(EdgeId),
    /// Boxed because paths are rare and their two vectors would make every value 56 bytes
    /// instead of 32: a large answer keeps hundreds of thousands of row slots alive.
    Path(Box<Path>),
}

/// Why an operation on values failed; the engine turns this into a runtime `QueryError`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("integer overflow in {0}")]
    Overflow(&'static str),
    #[error("division by zero")]
    DivisionByZero,
    #[error("type mismatch: cannot apply {op} to {left} and {right}")]
    Types {
        op: &'static str,
        left: &'static str,
        right: &'static str,
    },
}

impl Value {
    /// The openCypher type name, used in error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "Null",
            Value::Bool(_) => "Boolean",
            Value::Int(_) => "Integer",
            Value::Float(_) => "Float",
            Value::String(_) => "String",
            Value::List(_) => "List",
            Value::Map(_) => "Map",
            Value::Node(_) => "Node",
            Value::Relationship(_) => "Relationship",
            Value::Path(_) => "Path",
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// Three-valued equality (`=`): `None` stands for `null`.
    pub fn equals(&self, other: &Value) -> Option<bool> {
        use Value::*;
        match (self, other) {
            (Null, _) | (_, Null) => None,
            (Bool(a), Bool(b)) => Some(a == b),
            (Int(a), Int(b)) => Some(a == b),
            (Int(a), Float(b)) | (Float(b), Int(a)) => {
                Some(int_float_cmp(*a, *b) == Some(Ordering::Equal))
            }
            (Float(a), Float(b)) => Some(a == b),
            (String(a), String(b)) => Some(a == b),
            (List(a), List(b)) => {
                if a.len() != b.len() {
                    return Some(false);
                }
                let mut unknown = false;
                for (x, y) in a.iter().zip(b) {
                    match x.equals(y) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                if unknown { None } else { Some(true) }
            }
            (Map(a), Map(b)) => {
                if a.len() != b.len() || a.keys().ne(b.keys()) {
                    return Some(false);
                }
                let mut unknown = false;
                for (x, y) in a.values().zip(b.values()) {
                    match x.equals(y) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                if unknown { None } else { Some(true) }
            }
            (Node(a), Node(b)) => Some(a == b),
            (Relationship(a), Relationship(b)) => Some(a == b),
            (Path(a), Path(b)) => Some(a == b),
            _ => Some(false),
        }
    }

    /// Comparison for `<`, `<=`, `>`, `>=`: defined for numbers, strings, booleans and lists
    /// (lexicographically); `None` (null) otherwise. NaN compares as unordered, which the
    /// caller turns into `false`.
    pub fn compare(&self, other: &Value) -> Option<Ordering> {
        use Value::*;
        match (self, other) {
            (Int(a), Int(b)) => Some(a.cmp(b)),
            (Int(a), Float(b)) => int_float_cmp(*a, *b),
            (Float(a), Int(b)) => int_float_cmp(*b, *a).map(Ordering::reverse),
            (Float(a), Float(b)) => a.partial_cmp(b),
            (String(a), String(b)) => Some(a.cmp(b)),
            (Bool(a), Bool(b)) => Some(a.cmp(b)),
            (List(a), List(b)) => {
                for (x, y) in a.iter().zip(b) {
                    match x.compare(y) {
                        Some(Ordering::Equal) => {}
                        other => return other,
                    }
                }
                Some(a.len().cmp(&b.len()))
            }
            _ => None,
        }
    }

    /// Whether a comparison between the two is undefined (null) rather than false; NaN makes
    /// an ordering comparison false, a type mismatch makes it null.
    pub fn comparable(&self, other: &Value) -> bool {
        use Value::*;
        matches!(
            (self, other),
            (Int(_) | Float(_), Int(_) | Float(_))
                | (String(_), String(_))
                | (Bool(_), Bool(_))
                | (List(_), List(_))
        )
    }

    /// Rank of each type in the global sort order used by ORDER BY (ascending).
    fn order_rank(&self) -> u8 {
        match self {
            Value::Map(_) => 0,
            Value::Node(_) => 1,
            Value::Relationship(_) => 2,
            Value::List(_) => 3,
            Value::Path(_) => 4,
            Value::String(_) => 5,
            Value::Bool(_) => 6,
            Value::Int(_) | Value::Float(_) => 7,
            Value::Null => 8,
        }
    }

    /// The total order across all values used by ORDER BY, min and max: numbers by value
    /// with NaN above every other number, nulls last.
    pub fn order(&self, other: &Value) -> Ordering {
        use Value::*;
        let (ra, rb) = (self.order_rank(), other.order_rank());
        if ra != rb {
            return ra.cmp(&rb);
        }
        match (self, other) {
            (Int(a), Int(b)) => a.cmp(b),
            (Int(_) | Float(_), Int(_) | Float(_)) => {
                let (fa, fb) = (self.as_f64().unwrap_or(0.0), other.as_f64().unwrap_or(0.0));
                match (fa.is_nan(), fb.is_nan()) {
                    (true, true) => Ordering::Equal,
                    (true, false) => Ordering::Greater,
                    (false, true) => Ordering::Less,
                    _ => self.compare(other).unwrap_or(Ordering::Equal),
                }
            }
            (String(a), String(b)) => a.cmp(b),
            (Bool(a), Bool(b)) => a.cmp(b),
            (List(a), List(b)) => {
                for (x, y) in a.iter().zip(b) {
                    match x.order(y) {
                        Ordering::Equal => {}
                        o => return o,
                    }
                }
                a.len().cmp(&b.len())
            }
            (Map(a), Map(b)) => {
                let ka: Vec<&std::string::String> = a.keys().collect();
                let kb: Vec<&std::string::String> = b.keys().collect();
                ka.cmp(&kb).then_with(|| {
                    for (x, y) in a.values().zip(b.values()) {
                        match x.order(y) {
                            Ordering::Equal => {}
                            o => return o,
                        }
                    }
                    Ordering::Equal
                })
            }
            (Node(a), Node(b)) => a.cmp(b),
            (Relationship(a), Relationship(b)) => a.cmp(b),
            (Path(a), Path(b)) => a.nodes.cmp(&b.nodes).then_with(|| a.rels.cmp(&b.rels)),
            _ => Ordering::Equal,
        }
    }

    /// Equivalence used by DISTINCT and grouping: like equality, but `null` is equivalent to
    /// `null` and NaN to NaN.
    pub fn equivalent(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Null, Null) => true,
            (Float(a), Float(b)) if a.is_nan() && b.is_nan() => true,
            (List(a), List(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.equivalent(y))
            }
            (Map(a), Map(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|((ka, va), (kb, vb))| ka == kb && va.equivalent(vb))
            }
            _ => self.equals(other) == Some(true),
        }
    }

    pub fn add(&self, other: &Value) -> Result<Value, ValueError> {
        use Value::*;
        Ok(match (self, other) {
            (Null, _) | (_, Null) => Null,
            (Int(a), Int(b)) => Int(a.checked_add(*b).ok_or(ValueError::Overflow("+"))?),
            (Int(_) | Float(_), Int(_) | Float(_)) => {
                Float(self.as_f64().unwrap_or(0.0) + other.as_f64().unwrap_or(0.0))
            }
            (String(a), String(b)) => String(format!("{a}{b}").into()),
            (String(a), Int(_) | Float(_) | Bool(_)) => String(format!("{a}{other}").into()),
            (Int(_) | Float(_) | Bool(_), String(b)) => String(format!("{self}{b}").into()),
            (List(a), List(b)) => List(a.iter().chain(b).cloned().collect()),
            (List(a), x) => {
                let mut v = a.clone();
                v.push(x.clone());
                List(v)
            }
            (x, List(b)) => {
                let mut v = Vec::with_capacity(b.len() + 1);
                v.push(x.clone());
                v.extend(b.iter().cloned());
                List(v)
            }
            _ => return Err(self.type_err("+", other)),
        })
    }

    pub fn sub(&self, other: &Value) -> Result<Value, ValueError> {
        self.arith(other, "-", i64::checked_sub, |a, b| a - b)
    }
    pub fn mul(&self, other: &Value) -> Result<Value, ValueError> {
        self.arith(other, "*", i64::checked_mul, |a, b| a * b)
    }
    pub fn div(&self, other: &Value) -> Result<Value, ValueError> {
        if let (Value::Int(_), Value::Int(0)) = (self, other) {
            return Err(ValueError::DivisionByZero);
        }
        self.arith(other, "/", i64::checked_div, |a, b| a / b)
    }
    pub fn rem(&self, other: &Value) -> Result<Value, ValueError> {
        if let (Value::Int(_), Value::Int(0)) = (self, other) {
            return Err(ValueError::DivisionByZero);
        }
        self.arith(other, "%", i64::checked_rem, |a, b| a % b)
    }
    /// `^` always yields a float, as in openCypher.
    pub fn pow(&self, other: &Value) -> Result<Value, ValueError> {
        match (self.as_f64(), other.as_f64()) {
            _ if self.is_null() || other.is_null() => Ok(Value::Null),
            (Some(a), Some(b)) => Ok(Value::Float(a.powf(b))),
            _ => Err(self.type_err("^", other)),
        }
    }
    pub fn neg(&self) -> Result<Value, ValueError> {
        match self {
            Value::Null => Ok(Value::Null),
            Value::Int(i) => i
                .checked_neg()
                .map(Value::Int)
                .ok_or(ValueError::Overflow("-")),
            Value::Float(f) => Ok(Value::Float(-f)),
            _ => Err(self.type_err("unary -", &Value::Null)),
        }
    }

    fn arith(
        &self,
        other: &Value,
        op: &'static str,
        int: fn(i64, i64) -> Option<i64>,
        float: fn(f64, f64) -> f64,
    ) -> Result<Value, ValueError> {
        use Value::*;
        match (self, other) {
            (Null, _) | (_, Null) => Ok(Null),
            (Int(a), Int(b)) => int(*a, *b).map(Int).ok_or(ValueError::Overflow(op)),
            (Int(_) | Float(_), Int(_) | Float(_)) => Ok(Float(float(
                self.as_f64().unwrap_or(0.0),
                other.as_f64().unwrap_or(0.0),
            ))),
            _ => Err(self.type_err(op, other)),
        }
    }

    fn type_err(&self, op: &'static str, other: &Value) -> ValueError {
        ValueError::Types {
            op,
            left: self.type_name(),
            right: other.type_name(),
        }
    }

    /// A property value as a runtime value.
    pub fn from_prop(v: &graph::Value) -> Value {
        match v {
            graph::Value::Bool(b) => Value::Bool(*b),
            graph::Value::Int(i) => Value::Int(*i),
            graph::Value::Float(f) => Value::Float(*f),
            graph::Value::String(s) => Value::String(s.clone()),
            graph::Value::List(l) => Value::List(l.iter().map(Value::from_prop).collect()),
        }
    }

    /// A runtime value as a property value. `Ok(None)` means "remove the property" (null);
    /// maps, graph elements and lists holding them cannot be stored.
    pub fn to_prop(&self) -> Result<Option<graph::Value>, &'static str> {
        Ok(Some(match self {
            Value::Null => return Ok(None),
            Value::Bool(b) => graph::Value::Bool(*b),
            Value::Int(i) => graph::Value::Int(*i),
            Value::Float(f) => graph::Value::Float(*f),
            Value::String(s) => graph::Value::String(s.as_str().into()),
            Value::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for it in items {
                    match it {
                        Value::List(_) | Value::Null => return Err(it.type_name()),
                        _ => match it.to_prop()? {
                            Some(p) => out.push(p),
                            None => return Err("Null"),
                        },
                    }
                }
                graph::Value::List(out.into())
            }
            other => return Err(other.type_name()),
        }))
    }
}

/// Compares an integer with a float exactly, without rounding large integers to f64 first.
fn int_float_cmp(a: i64, b: f64) -> Option<Ordering> {
    if b.is_nan() {
        return None;
    }
    if b >= 9.3e18 {
        return Some(Ordering::Less);
    }
    if b <= -9.3e18 {
        return Some(Ordering::Greater);
    }
    let t = b.trunc();
    Some(match a.cmp(&(t as i64)) {
        Ordering::Equal => (0.0f64).total_cmp(&(b - t)),
        o => o,
    })
}

/// Formats a float the way openCypher prints it: always with a decimal point or exponent.
pub fn format_float(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else if f == f.trunc() && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        let s = format!("{f}");
        if s.contains('.') || s.contains('e') {
            s
        } else {
            format!("{s}.0")
        }
    }
}

/// The text form of a value as `toString` and string concatenation see it; graph elements
/// print by id because values know nothing of the graph.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => write!(f, "null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{}", format_float(*x)),
            Value::String(s) => write!(f, "{s}"),
            Value::List(l) => {
                write!(f, "[")?;
                for (i, v) in l.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    v.fmt_quoted(f)?;
                }
                write!(f, "]")
            }
            Value::Map(m) => {
                write!(f, "{{")?;
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{k}: ")?;
                    v.fmt_quoted(f)?;
                }
                write!(f, "}}")
            }
            Value::Node(n) => write!(f, "node({})", n.index()),
            Value::Relationship(r) => write!(f, "relationship({})", r.index()),
            Value::Path(p) => write!(f, "path({} nodes)", p.nodes.len()),
        }
    }
}

impl Value {
    /// Like `Display`, but strings inside lists and maps are quoted.
    fn fmt_quoted(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::String(s) => write!(f, "'{}'", s.replace('\'', "\\'")),
            other => write!(f, "{other}"),
        }
    }
}

pub use crate::layout::{FastBuild, FastHasher, FastMap, FastSet};

/// A wrapper whose `Eq` and `Hash` follow equivalence, so values can be hash-map keys for
/// grouping and DISTINCT. Integral floats hash like the equal integer so `1` and `1.0` group
/// together, as equality says they should.
#[derive(Debug, Clone)]
pub struct Equiv(pub Value);

impl PartialEq for Equiv {
    fn eq(&self, other: &Self) -> bool {
        self.0.equivalent(&other.0)
    }
}
impl Eq for Equiv {}

impl Hash for Equiv {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_value(&self.0, state)
    }
}

/// One hash of several values that follows equivalence (as `Equiv` does), for grouping
/// keys kept side by side in a flat vector rather than as a vector of `Equiv` per group.
pub fn hash_values(vals: &[Value]) -> u64 {
    let mut h = FastHasher::default();
    for v in vals {
        hash_value(v, &mut h);
    }
    h.finish()
}

fn hash_value<H: Hasher>(v: &Value, state: &mut H) {
    match v {
        Value::Null => 0u8.hash(state),
        Value::Bool(b) => (1u8, b).hash(state),
        Value::Int(i) => (2u8, i).hash(state),
        Value::Float(f) => {
            if f.is_nan() {
                3u8.hash(state)
            } else if *f == f.trunc() && f.abs() < 9.2e18 {
                (2u8, *f as i64).hash(state)
            } else {
                (4u8, f.to_bits()).hash(state)
            }
        }
        Value::String(s) => (5u8, s).hash(state),
        Value::List(l) => {
            (6u8, l.len()).hash(state);
            for x in l {
                hash_value(x, state)
            }
        }
        Value::Map(m) => {
            (7u8, m.len()).hash(state);
            for (k, x) in m {
                k.hash(state);
                hash_value(x, state)
            }
        }
        Value::Node(n) => (8u8, n.index()).hash(state),
        Value::Relationship(r) => (9u8, r.index()).hash(state),
        Value::Path(p) => (10u8, p).hash(state),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Value::*;

    /// A row slot is one `Value`; keeping it at four words is what holds the row buffers of a
    /// large answer (157k projected rows for the head question of the benchmark) small.
    #[test]
    fn a_value_is_four_words() {
        assert_eq!(std::mem::size_of::<Value>(), 32);
    }

    #[test]
    fn equality_is_three_valued() {
        assert_eq!(Int(1).equals(&Float(1.0)), Some(true));
        assert_eq!(Int(1).equals(&Null), None);
        assert_eq!(Int(1).equals(&String("1".into())), Some(false));
        assert_eq!(
            List(vec![Int(1), Null]).equals(&List(vec![Int(1), Null])),
            None
        );
        assert_eq!(
            List(vec![Int(2), Null]).equals(&List(vec![Int(1), Null])),
            Some(false)
        );
        assert_eq!(Float(f64::NAN).equals(&Float(f64::NAN)), Some(false));
    }

    #[test]
    fn comparison_is_defined_within_type_families() {
        assert_eq!(Int(1).compare(&Float(1.5)), Some(Ordering::Less));
        assert_eq!(Float(2.5).compare(&Int(2)), Some(Ordering::Greater));
        assert_eq!(Int(1).compare(&String("a".into())), None);
        assert_eq!(Int(i64::MAX).compare(&Float(9.3e18)), Some(Ordering::Less));
    }

    #[test]
    fn global_order_puts_maps_first_and_nulls_last() {
        let mut v = [
            Null,
            Float(f64::NAN),
            Int(3),
            Bool(false),
            String("a".into()),
            List(vec![]),
            Map(BTreeMap::new()),
            Float(-1.5),
        ];
        v.sort_by(|a, b| a.order(b));
        let names: Vec<std::string::String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            names,
            ["{}", "[]", "a", "false", "-1.5", "3", "NaN", "null"]
        );
    }

    #[test]
    fn arithmetic_checks_overflow_and_types() {
        assert_eq!(
            Int(i64::MAX).add(&Int(1)).unwrap_err(),
            ValueError::Overflow("+")
        );
        assert!(Int(1).div(&Int(0)).is_err());
        assert_eq!(Int(7).div(&Int(2)).unwrap().to_string(), "3");
        assert_eq!(Int(7).div(&Float(2.0)).unwrap().to_string(), "3.5");
        assert_eq!(String("a".into()).add(&Int(1)).unwrap().to_string(), "a1");
        assert_eq!(
            List(vec![Int(1)]).add(&Int(2)).unwrap().to_string(),
            "[1, 2]"
        );
        assert!(Bool(true).add(&Int(1)).is_err());
        assert_eq!(Int(2).pow(&Int(3)).unwrap().to_string(), "8.0");
    }

    #[test]
    fn equivalence_groups_nulls_and_numbers() {
        use std::collections::HashSet;
        let set: HashSet<Equiv> = [
            Int(1),
            Float(1.0),
            Null,
            Null,
            Float(f64::NAN),
            Float(f64::NAN),
        ]
        .into_iter()
        .map(Equiv)
        .collect();
        assert_eq!(set.len(), 3);
    }

    #[test]
    fn property_conversion_rejects_maps_and_nested_lists() {
        assert_eq!(Null.to_prop(), Ok(None));
        assert!(Map(BTreeMap::new()).to_prop().is_err());
        assert!(List(vec![List(vec![])]).to_prop().is_err());
        let p = List(vec![Int(1), Int(2)]).to_prop().unwrap().unwrap();
        assert_eq!(Value::from_prop(&p).to_string(), "[1, 2]");
    }
}
