//! Expression evaluation over one row, with openCypher's null and type semantics.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use regex::Regex;

use super::ast::{BinaryOp, CompOp, Expr, Literal, Quantifier, UnaryOp};
use super::value::{Value, ValueError};
use super::view::GraphView;
use super::{ErrorClass, Params, QueryError};
use crate::layout::Str;

/// Variables visible to an expression: a row under its names, inside an optional outer scope
/// (list comprehensions and sort keys nest scopes this way).
pub struct Env<'a> {
    pub names: &'a [String],
    pub row: &'a [Value],
    pub parent: Option<&'a Env<'a>>,
}

impl<'a> Env<'a> {
    pub fn new(names: &'a [String], row: &'a [Value]) -> Self {
        Env {
            names,
            row,
            parent: None,
        }
    }
    pub fn lookup(&self, name: &str) -> Option<&Value> {
        match self.names.iter().position(|n| n == name) {
            Some(i) => self.row.get(i),
            None => self.parent.and_then(|p| p.lookup(name)),
        }
    }
}

/// What evaluation needs besides the row: the graph, parameters and a regex cache.
pub struct Ctx<'a, G: GraphView + ?Sized> {
    pub g: &'a G,
    pub params: &'a Params,
    pub regexes: &'a RefCell<HashMap<String, Regex>>,
    /// Matches a pattern predicate (`WHERE (a)-->(b)`) or comprehension from the current row;
    /// provided by the executor, which owns pattern matching.
    pub matcher: &'a Matcher<'a>,
}

/// The bindings of one pattern match, as (variable, value) pairs.
pub type Bindings = Vec<(String, Value)>;

/// Finds every match of a pattern from the variables an expression sees.
pub type Matcher<'a> =
    dyn Fn(&super::ast::PatternElement, &Env) -> Result<Vec<Bindings>, QueryError> + 'a;

pub fn type_error(msg: impl Into<String>) -> QueryError {
    QueryError::Runtime {
        class: ErrorClass::TypeError,
        code: "InvalidArgumentType",
        message: msg.into(),
    }
}

pub fn arg_error(code: &'static str, msg: impl Into<String>) -> QueryError {
    QueryError::Runtime {
        class: ErrorClass::ArgumentError,
        code,
        message: msg.into(),
    }
}

fn value_error(e: ValueError) -> QueryError {
    match e {
        ValueError::Overflow(_) => QueryError::Runtime {
            class: ErrorClass::ArgumentError,
            code: "IntegerOverflow",
            message: e.to_string(),
        },
        ValueError::DivisionByZero => QueryError::Runtime {
            class: ErrorClass::ArgumentError,
            code: "DivisionByZero",
            message: e.to_string(),
        },
        ValueError::Types { .. } => type_error(e.to_string()),
    }
}

/// Three-valued truth of a value used as a predicate: `None` for null.
pub fn truth(v: &Value) -> Result<Option<bool>, QueryError> {
    match v {
        Value::Bool(b) => Ok(Some(*b)),
        Value::Null => Ok(None),
        other => Err(type_error(format!(
            "expected a boolean, got {}",
            other.type_name()
        ))),
    }
}

fn opt_bool(b: Option<bool>) -> Value {
    b.map_or(Value::Null, Value::Bool)
}

pub fn literal(l: &Literal) -> Value {
    match l {
        Literal::Null => Value::Null,
        Literal::Bool(b) => Value::Bool(*b),
        Literal::Int(i) => Value::Int(*i),
        Literal::Float(f) => Value::Float(*f),
        Literal::String(s) => Value::String(Str::from(s.clone())),
    }
}

impl<G: GraphView + ?Sized> Ctx<'_, G> {
    pub fn eval(&self, e: &Expr, env: &Env) -> Result<Value, QueryError> {
        Ok(match e {
            Expr::Literal(l) => literal(l),
            Expr::Parameter(p) => match self.params.get(p) {
                Some(v) => v.clone(),
                None => {
                    return Err(QueryError::Semantic {
                        class: ErrorClass::ParameterMissing,
                        code: "MissingParameter",
                        message: format!("parameter ${p} is not given"),
                        span: None,
                    });
                }
            },
            Expr::Variable(v) => match env.lookup(v) {
                Some(x) => x.clone(),
                None => {
                    return Err(QueryError::Semantic {
                        class: ErrorClass::SyntaxError,
                        code: "UndefinedVariable",
                        message: format!("variable `{v}` is not defined"),
                        span: None,
                    });
                }
            },
            Expr::Property(x, key) => {
                let v = self.eval(x, env)?;
                self.property(&v, key)?
            }
            Expr::List(xs) => Value::List(
                xs.iter()
                    .map(|x| self.eval(x, env))
                    .collect::<Result<_, _>>()?,
            ),
            Expr::Map(kv) => {
                let mut m = BTreeMap::new();
                for (k, x) in kv {
                    m.insert(k.clone(), self.eval(x, env)?);
                }
                Value::Map(m)
            }
            Expr::Index(x, i) => {
                let v = self.eval(x, env)?;
                let i = self.eval(i, env)?;
                self.index(&v, &i)?
            }
            Expr::Slice { expr, from, to } => {
                let v = self.eval(expr, env)?;
                let from = from.as_ref().map(|x| self.eval(x, env)).transpose()?;
                let to = to.as_ref().map(|x| self.eval(x, env)).transpose()?;
                slice(&v, from, to)?
            }
            Expr::Unary(op, x) => {
                let v = self.eval(x, env)?;
                match op {
                    UnaryOp::Not => opt_bool(truth(&v)?.map(|b| !b)),
                    UnaryOp::Neg => v.neg().map_err(value_error)?,
                    UnaryOp::Plus => match v {
                        Value::Int(_) | Value::Float(_) | Value::Null => v,
                        o => {
                            return Err(type_error(format!(
                                "cannot apply unary + to {}",
                                o.type_name()
                            )));
                        }
                    },
                }
            }
            Expr::Binary(op, a, b) => self.binary(*op, a, b, env)?,
            Expr::Comparison { first, rest } => {
                let mut left = self.eval(first, env)?;
                let mut acc = Some(true);
                for (op, x) in rest {
                    let right = self.eval(x, env)?;
                    let r = compare(*op, &left, &right);
                    acc = and3(acc, r);
                    if acc == Some(false) {
                        // Later operands still get evaluated in openCypher only for errors;
                        // stopping early changes nothing else.
                        return Ok(Value::Bool(false));
                    }
                    left = right;
                }
                opt_bool(acc)
            }
            Expr::IsNull { expr, negated } => {
                let v = self.eval(expr, env)?;
                Value::Bool(v.is_null() != *negated)
            }
            Expr::HasLabels(x, labels) => match self.eval(x, env)? {
                Value::Null => Value::Null,
                Value::Node(n) => Value::Bool(labels.iter().all(|l| self.g.has_label(n, l))),
                // On a relationship, `r:T` tests the type (a relationship has exactly one).
                Value::Relationship(r) => {
                    let t = self.g.edge_type(r).unwrap_or_default();
                    Value::Bool(labels.iter().all(|l| l == t))
                }
                o => return Err(type_error(format!("label test on {}", o.type_name()))),
            },
            Expr::FunctionCall { name, args, .. } => super::functions::call(self, name, args, env)?,
            Expr::CountStar => {
                return Err(QueryError::Semantic {
                    class: ErrorClass::SyntaxError,
                    code: "InvalidAggregation",
                    message: "count(*) is not allowed here".into(),
                    span: None,
                });
            }
            Expr::Case {
                operand,
                alternatives,
                default,
            } => {
                let subject = operand.as_ref().map(|o| self.eval(o, env)).transpose()?;
                for (w, t) in alternatives {
                    let wv = self.eval(w, env)?;
                    let hit = match &subject {
                        Some(s) => s.equals(&wv) == Some(true),
                        None => truth(&wv)? == Some(true),
                    };
                    if hit {
                        return self.eval(t, env);
                    }
                }
                match default {
                    Some(d) => self.eval(d, env)?,
                    None => Value::Null,
                }
            }
            Expr::ListComprehension {
                variable,
                list,
                predicate,
                projection,
            } => {
                let items = match self.eval(list, env)? {
                    Value::Null => return Ok(Value::Null),
                    Value::List(l) => l,
                    o => {
                        return Err(type_error(format!(
                            "list comprehension over {}",
                            o.type_name()
                        )));
                    }
                };
                let names = [variable.clone()];
                let mut out = Vec::new();
                for it in items {
                    let row = [it];
                    let inner = Env {
                        names: &names,
                        row: &row,
                        parent: Some(env),
                    };
                    if let Some(p) = predicate
                        && truth(&self.eval(p, &inner)?)? != Some(true)
                    {
                        continue;
                    }
                    out.push(match projection {
                        Some(p) => self.eval(p, &inner)?,
                        None => row[0].clone(),
                    });
                }
                Value::List(out)
            }
            Expr::ListPredicate {
                quantifier,
                variable,
                list,
                predicate,
            } => {
                let items = match self.eval(list, env)? {
                    Value::Null => return Ok(Value::Null),
                    Value::List(l) => l,
                    o => return Err(type_error(format!("{quantifier}() over {}", o.type_name()))),
                };
                let names = [variable.clone()];
                let (mut yes, mut unknown) = (0usize, 0usize);
                for it in items.iter() {
                    let row = [it.clone()];
                    let inner = Env {
                        names: &names,
                        row: &row,
                        parent: Some(env),
                    };
                    let t = match predicate {
                        Some(p) => truth(&self.eval(p, &inner)?)?,
                        None => truth(it)?,
                    };
                    match t {
                        Some(true) => yes += 1,
                        None => unknown += 1,
                        Some(false) => {}
                    }
                }
                let no = items.len() - yes - unknown;
                match quantifier {
                    Quantifier::All => {
                        if no > 0 {
                            Value::Bool(false)
                        } else if unknown > 0 {
                            Value::Null
                        } else {
                            Value::Bool(true)
                        }
                    }
                    Quantifier::Any => {
                        if yes > 0 {
                            Value::Bool(true)
                        } else if unknown > 0 {
                            Value::Null
                        } else {
                            Value::Bool(false)
                        }
                    }
                    Quantifier::None => {
                        if yes > 0 {
                            Value::Bool(false)
                        } else if unknown > 0 {
                            Value::Null
                        } else {
                            Value::Bool(true)
                        }
                    }
                    Quantifier::Single => {
                        if yes > 1 {
                            Value::Bool(false)
                        } else if unknown > 0 {
                            Value::Null
                        } else {
                            Value::Bool(yes == 1)
                        }
                    }
                }
            }
            Expr::Pattern(p) => Value::Bool(!(self.matcher)(p, env)?.is_empty()),
            Expr::PatternComprehension {
                variable,
                pattern,
                predicate,
                projection,
            } => {
                let matches = (self.matcher)(pattern, env)?;
                let mut out = Vec::new();
                for m in matches {
                    let mut names: Vec<String> = m.iter().map(|(n, _)| n.clone()).collect();
                    let mut row: Vec<Value> = m.into_iter().map(|(_, v)| v).collect();
                    if let Some(pv) = variable {
                        names.push(pv.clone());
                        row.push(
                            row.iter()
                                .find_map(|v| match v {
                                    Value::Path(_) => Some(v.clone()),
                                    _ => None,
                                })
                                .unwrap_or(Value::Null),
                        );
                    }
                    let inner = Env {
                        names: &names,
                        row: &row,
                        parent: Some(env),
                    };
                    if let Some(p) = predicate
                        && truth(&self.eval(p, &inner)?)? != Some(true)
                    {
                        continue;
                    }
                    out.push(self.eval(projection, &inner)?);
                }
                Value::List(out)
            }
        })
    }

    fn binary(&self, op: BinaryOp, a: &Expr, b: &Expr, env: &Env) -> Result<Value, QueryError> {
        let l = self.eval(a, env)?;
        // AND/OR still evaluate the right side: openCypher defines them on values, and a
        // type error on the right must surface even when the left decides.
        let r = self.eval(b, env)?;
        Ok(match op {
            BinaryOp::And => opt_bool(and3(truth(&l)?, truth(&r)?)),
            BinaryOp::Or => opt_bool(or3(truth(&l)?, truth(&r)?)),
            BinaryOp::Xor => {
                let (x, y) = (truth(&l)?, truth(&r)?);
                opt_bool(x.zip(y).map(|(x, y)| x != y))
            }
            BinaryOp::Add => l.add(&r).map_err(value_error)?,
            BinaryOp::Sub => l.sub(&r).map_err(value_error)?,
            BinaryOp::Mul => l.mul(&r).map_err(value_error)?,
            BinaryOp::Div => l.div(&r).map_err(value_error)?,
            BinaryOp::Mod => l.rem(&r).map_err(value_error)?,
            BinaryOp::Pow => l.pow(&r).map_err(value_error)?,
            BinaryOp::In => match &r {
                Value::Null => Value::Null,
                Value::List(items) => {
                    let mut unknown = false;
                    for it in items {
                        match l.equals(it) {
                            Some(true) => return Ok(Value::Bool(true)),
                            None => unknown = true,
                            Some(false) => {}
                        }
                    }
                    if unknown {
                        Value::Null
                    } else {
                        Value::Bool(false)
                    }
                }
                o => {
                    return Err(type_error(format!(
                        "IN needs a list, got {}",
                        o.type_name()
                    )));
                }
            },
            BinaryOp::StartsWith | BinaryOp::EndsWith | BinaryOp::Contains => match (&l, &r) {
                (Value::String(s), Value::String(t)) => Value::Bool(match op {
                    BinaryOp::StartsWith => s.starts_with(t.as_str()),
                    BinaryOp::EndsWith => s.ends_with(t.as_str()),
                    _ => s.contains(t.as_str()),
                }),
                _ => Value::Null,
            },
            BinaryOp::RegexMatch => match (&l, &r) {
                (Value::String(s), Value::String(pat)) => {
                    let mut cache = self.regexes.borrow_mut();
                    if !cache.contains_key(&**pat) {
                        let re = Regex::new(&format!("^(?:{pat})$")).map_err(|e| {
                            arg_error(
                                "InvalidArgumentValue",
                                format!("invalid regular expression: {e}"),
                            )
                        })?;
                        cache.insert(pat.to_string(), re);
                    }
                    Value::Bool(cache[&**pat].is_match(s))
                }
                _ => Value::Null,
            },
        })
    }

    pub fn property(&self, v: &Value, key: &str) -> Result<Value, QueryError> {
        Ok(match v {
            Value::Null => Value::Null,
            Value::Node(n) => self
                .g
                .node_prop(*n, key)
                .map_or(Value::Null, |v| Value::from_prop(&v)),
            Value::Relationship(r) => self
                .g
                .edge_prop(*r, key)
                .map_or(Value::Null, |v| Value::from_prop(&v)),
            Value::Map(m) => m.get(key).cloned().unwrap_or(Value::Null),
            o => {
                return Err(type_error(format!(
                    "cannot read property `{key}` of {}",
                    o.type_name()
                )));
            }
        })
    }

    fn index(&self, v: &Value, i: &Value) -> Result<Value, QueryError> {
        Ok(match (v, i) {
            (Value::Null, _) | (_, Value::Null) => Value::Null,
            (Value::List(l), Value::Int(i)) => {
                let n = l.len() as i64;
                let k = if *i < 0 { n + i } else { *i };
                if k < 0 || k >= n {
                    Value::Null
                } else {
                    l[k as usize].clone()
                }
            }
            (Value::List(_), o) => {
                return Err(type_error(format!(
                    "list index must be an integer, got {}",
                    o.type_name()
                )));
            }
            (Value::Map(_) | Value::Node(_) | Value::Relationship(_), Value::String(k)) => {
                self.property(v, k)?
            }
            (Value::Map(_) | Value::Node(_) | Value::Relationship(_), o) => {
                return Err(QueryError::Runtime {
                    class: ErrorClass::TypeError,
                    code: "MapElementAccessByNonString",
                    message: format!("map key must be a string, got {}", o.type_name()),
                });
            }
            (o, _) => return Err(type_error(format!("cannot index into {}", o.type_name()))),
        })
    }
}

fn slice(v: &Value, from: Option<Value>, to: Option<Value>) -> Result<Value, QueryError> {
    let l = match v {
        Value::Null => return Ok(Value::Null),
        Value::List(l) => l,
        o => return Err(type_error(format!("cannot slice {}", o.type_name()))),
    };
    let n = l.len() as i64;
    let bound = |b: Option<Value>, default: i64| -> Result<Option<i64>, QueryError> {
        match b {
            None => Ok(Some(default)),
            Some(Value::Null) => Ok(None),
            Some(Value::Int(i)) => Ok(Some(if i < 0 { (n + i).max(0) } else { i.min(n) })),
            Some(o) => Err(type_error(format!(
                "slice bound must be an integer, got {}",
                o.type_name()
            ))),
        }
    };
    let (Some(a), Some(b)) = (bound(from, 0)?, bound(to, n)?) else {
        return Ok(Value::Null);
    };
    if a >= b {
        return Ok(Value::List(Vec::new()));
    }
    Ok(Value::List(l[a as usize..b as usize].to_vec()))
}

pub fn and3(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

pub fn or3(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

/// One comparison with openCypher's rules: `=`/`<>` are three-valued equality; ordering
/// comparisons are null across types and false when NaN is involved.
pub fn compare(op: CompOp, a: &Value, b: &Value) -> Option<bool> {
    use std::cmp::Ordering::*;
    match op {
        CompOp::Eq => a.equals(b),
        CompOp::Ne => a.equals(b).map(|x| !x),
        _ => {
            if a.is_null() || b.is_null() || !a.comparable(b) {
                return None;
            }
            let o = match a.compare(b) {
                Some(o) => o,
                None => {
                    // Unordered: NaN against a number is false; lists holding nulls are null.
                    return if matches!(a, Value::List(_)) {
                        None
                    } else {
                        Some(false)
                    };
                }
            };
            Some(match op {
                CompOp::Lt => o == Less,
                CompOp::Le => o != Greater,
                CompOp::Gt => o == Greater,
                CompOp::Ge => o != Less,
                _ => unreachable!("equality handled above"),
            })
        }
    }
}
