//! Scalar functions. Names are case-insensitive, as in openCypher; aggregates live in the
//! executor because they see many rows.

use super::ast::Expr;
use super::eval::{Ctx, Env, arg_error};
use super::value::Value;
use super::view::GraphView;
use super::{ErrorClass, QueryError};
use crate::layout::Str;

/// Every scalar function with its (min, max) argument count, for checks and suggestions.
pub const FUNCTIONS: &[(&str, usize, usize)] = &[
    ("id", 1, 1),
    ("labels", 1, 1),
    ("type", 1, 1),
    ("properties", 1, 1),
    ("keys", 1, 1),
    ("size", 1, 1),
    ("length", 1, 1),
    ("nodes", 1, 1),
    ("relationships", 1, 1),
    ("startnode", 1, 1),
    ("endnode", 1, 1),
    ("head", 1, 1),
    ("last", 1, 1),
    ("tail", 1, 1),
    ("range", 2, 3),
    ("tolower", 1, 1),
    ("toupper", 1, 1),
    ("lower", 1, 1),
    ("upper", 1, 1),
    ("trim", 1, 1),
    ("ltrim", 1, 1),
    ("rtrim", 1, 1),
    ("replace", 3, 3),
    ("substring", 2, 3),
    ("left", 2, 2),
    ("right", 2, 2),
    ("split", 2, 2),
    ("reverse", 1, 1),
    ("tostring", 1, 1),
    ("tostringornull", 1, 1),
    ("tointeger", 1, 1),
    ("tointegerornull", 1, 1),
    ("tofloat", 1, 1),
    ("tofloatornull", 1, 1),
    ("toboolean", 1, 1),
    ("tobooleanornull", 1, 1),
    ("coalesce", 1, usize::MAX),
    ("abs", 1, 1),
    ("sign", 1, 1),
    ("round", 1, 1),
    ("ceil", 1, 1),
    ("floor", 1, 1),
    ("sqrt", 1, 1),
    ("exp", 1, 1),
    ("log", 1, 1),
    ("log10", 1, 1),
    ("sin", 1, 1),
    ("cos", 1, 1),
    ("tan", 1, 1),
    ("asin", 1, 1),
    ("acos", 1, 1),
    ("atan", 1, 1),
    ("atan2", 2, 2),
    ("pi", 0, 0),
    ("e", 0, 0),
    ("rand", 0, 0),
    ("exists", 1, 1),
    ("whosaid.resolve", 1, 1),
];

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// A function applied to a value of the wrong type at runtime (openCypher's
/// `InvalidArgumentValue`; a wrong type visible in the query text is caught before running).
fn want(name: &str, what: &str, v: &Value) -> QueryError {
    QueryError::Runtime {
        class: ErrorClass::TypeError,
        code: "InvalidArgumentValue",
        message: format!("{name}() expects {what}, got {}", v.type_name()),
    }
}

fn int_arg(name: &str, v: &Value) -> Result<i64, QueryError> {
    match v {
        Value::Int(i) => Ok(*i),
        o => Err(arg_error(
            "InvalidArgumentType",
            format!("{name}() expects an integer, got {}", o.type_name()),
        )),
    }
}

pub fn call<G: GraphView + ?Sized>(
    cx: &Ctx<G>,
    name: &str,
    args: &[Expr],
    env: &Env,
) -> Result<Value, QueryError> {
    let lname = name.to_ascii_lowercase();
    // `exists(n.prop)` asks whether the property is there, not what it is.
    if lname == "exists" {
        return Ok(match args.first() {
            Some(Expr::Pattern(_)) => cx.eval(&args[0], env)?,
            Some(a) => Value::Bool(!cx.eval(a, env)?.is_null()),
            None => Value::Null,
        });
    }
    if lname == "whosaid.resolve" {
        return match cx.eval(&args[0], env)? {
            Value::String(name) => resolve_name(cx.g, &name),
            Value::Null => Ok(Value::Null),
            o => Err(want(name, "a name (a string)", &o)),
        };
    }
    if lname == "coalesce" {
        for a in args {
            let v = cx.eval(a, env)?;
            if !v.is_null() {
                return Ok(v);
            }
        }
        return Ok(Value::Null);
    }
    let vals: Vec<Value> = args
        .iter()
        .map(|a| cx.eval(a, env))
        .collect::<Result<_, _>>()?;
    let a0 = vals.first().cloned().unwrap_or(Value::Null);
    let g = cx.g;
    // Most functions return null for a null argument.
    let null_in = matches!(a0, Value::Null);
    Ok(match lname.as_str() {
        "pi" => Value::Float(std::f64::consts::PI),
        "e" => Value::Float(std::f64::consts::E),
        "rand" => Value::Float(pseudo_random()),
        _ if null_in && !lname.ends_with("ornull") => Value::Null,
        "id" => match a0 {
            Value::Node(n) => Value::Int(n.index() as i64),
            Value::Relationship(r) => Value::Int(r.index() as i64),
            o => return Err(want(name, "a node or relationship", &o)),
        },
        "labels" => match a0 {
            Value::Node(n) => Value::List(
                g.labels(n)
                    .iter()
                    .map(|l| Value::String(Str::from(l.to_string())))
                    .collect(),
            ),
            o => return Err(want(name, "a node", &o)),
        },
        "type" => match a0 {
            Value::Relationship(r) => {
                Value::String(Str::from(g.edge_type(r).unwrap_or_default().to_string()))
            }
            o => return Err(want(name, "a relationship", &o)),
        },
        "properties" => match a0 {
            Value::Node(n) => props_map(g.node_props(n)),
            Value::Relationship(r) => props_map(g.edge_props(r)),
            Value::Map(m) => Value::Map(m),
            o => return Err(want(name, "a node, relationship or map", &o)),
        },
        "keys" => match a0 {
            Value::Node(n) => keys_of(g.node_props(n)),
            Value::Relationship(r) => keys_of(g.edge_props(r)),
            Value::Map(m) => Value::List(
                m.keys()
                    .map(|k| Value::String(Str::from(k.clone())))
                    .collect(),
            ),
            o => return Err(want(name, "a node, relationship or map", &o)),
        },
        "size" => match a0 {
            Value::List(l) => Value::Int(l.len() as i64),
            Value::String(s) => Value::Int(s.chars().count() as i64),
            o => return Err(want(name, "a list or string", &o)),
        },
        "length" => match a0 {
            Value::Path(p) => Value::Int(p.rels.len() as i64),
            o => return Err(want(name, "a path", &o)),
        },
        "nodes" => match a0 {
            Value::Path(p) => Value::List(p.nodes.iter().map(|n| Value::Node(*n)).collect()),
            o => return Err(want(name, "a path", &o)),
        },
        "relationships" => match a0 {
            Value::Path(p) => Value::List(p.rels.iter().map(|r| Value::Relationship(*r)).collect()),
            o => return Err(want(name, "a path", &o)),
        },
        "startnode" | "endnode" => match a0 {
            Value::Relationship(r) => match g.endpoints(r) {
                Some((s, t)) => Value::Node(if lname == "startnode" { s } else { t }),
                None => Value::Null,
            },
            o => return Err(want(name, "a relationship", &o)),
        },
        "head" => match a0 {
            Value::List(l) => l.first().cloned().unwrap_or(Value::Null),
            o => return Err(want(name, "a list", &o)),
        },
        "last" => match a0 {
            Value::List(l) => l.last().cloned().unwrap_or(Value::Null),
            o => return Err(want(name, "a list", &o)),
        },
        "tail" => match a0 {
            Value::List(l) => Value::List(l.into_iter().skip(1).collect()),
            o => return Err(want(name, "a list", &o)),
        },
        "range" => {
            let start = int_arg(name, &vals[0])?;
            let end = match &vals[1] {
                Value::Null => return Ok(Value::Null),
                v => int_arg(name, v)?,
            };
            let step = match vals.get(2) {
                None => 1,
                Some(Value::Null) => return Ok(Value::Null),
                Some(v) => int_arg(name, v)?,
            };
            if step == 0 {
                return Err(arg_error(
                    "NumberOutOfRange",
                    "range() step must not be zero",
                ));
            }
            let mut out = Vec::new();
            let mut i = start;
            while (step > 0 && i <= end) || (step < 0 && i >= end) {
                out.push(Value::Int(i));
                if out.len() > 100_000_000 {
                    return Err(arg_error("NumberOutOfRange", "range() is too long"));
                }
                match i.checked_add(step) {
                    Some(n) => i = n,
                    None => break,
                }
            }
            Value::List(out)
        }
        "tolower" | "lower" => Value::String(Str::from(str_arg(name, &a0)?.to_lowercase())),
        "toupper" | "upper" => Value::String(Str::from(str_arg(name, &a0)?.to_uppercase())),
        "trim" => Value::String(Str::from(str_arg(name, &a0)?.trim().to_string())),
        "ltrim" => Value::String(Str::from(str_arg(name, &a0)?.trim_start().to_string())),
        "rtrim" => Value::String(Str::from(str_arg(name, &a0)?.trim_end().to_string())),
        "replace" => {
            if vals[1].is_null() || vals[2].is_null() {
                return Ok(Value::Null);
            }
            let s = str_arg(name, &a0)?;
            Value::String(Str::from(
                s.replace(str_arg(name, &vals[1])?, str_arg(name, &vals[2])?),
            ))
        }
        "substring" => {
            let s: Vec<char> = str_arg(name, &a0)?.chars().collect();
            let start = int_arg(name, &vals[1])?;
            if start < 0 {
                return Err(arg_error(
                    "NegativeIntegerArgument",
                    "substring() start must not be negative",
                ));
            }
            let len = match vals.get(2) {
                None => i64::MAX,
                Some(v) => int_arg(name, v)?,
            };
            if len < 0 {
                return Err(arg_error(
                    "NegativeIntegerArgument",
                    "substring() length must not be negative",
                ));
            }
            let a = (start as usize).min(s.len());
            let b = a
                .saturating_add(len.min(s.len() as i64) as usize)
                .min(s.len());
            Value::String(s[a..b].iter().collect())
        }
        "left" | "right" => {
            let s: Vec<char> = str_arg(name, &a0)?.chars().collect();
            let n = match &vals[1] {
                Value::Null => {
                    return Err(arg_error(
                        "InvalidArgumentValue",
                        format!("{name}() length must not be null"),
                    ));
                }
                v => int_arg(name, v)?,
            };
            if n < 0 {
                return Err(arg_error(
                    "NegativeIntegerArgument",
                    format!("{name}() length must not be negative"),
                ));
            }
            let n = (n as usize).min(s.len());
            Value::String(if lname == "left" {
                s[..n].iter().collect()
            } else {
                s[s.len() - n..].iter().collect()
            })
        }
        "split" => {
            if vals[1].is_null() {
                return Ok(Value::Null);
            }
            let s = str_arg(name, &a0)?;
            let sep = str_arg(name, &vals[1])?;
            if sep.is_empty() {
                Value::List(
                    s.chars()
                        .map(|c| Value::String(Str::from(c.to_string())))
                        .collect(),
                )
            } else {
                Value::List(
                    s.split(sep)
                        .map(|p| Value::String(Str::from(p.to_string())))
                        .collect(),
                )
            }
        }
        "reverse" => match a0 {
            Value::String(s) => Value::String(s.chars().rev().collect()),
            Value::List(mut l) => {
                l.reverse();
                Value::List(l)
            }
            o => return Err(want(name, "a string or list", &o)),
        },
        "tostring" | "tostringornull" => match a0 {
            Value::String(_) => a0,
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                Value::String(Str::from(a0.to_string()))
            }
            _ if lname == "tostringornull" => Value::Null,
            o => return Err(want(name, "a string, number or boolean", &o)),
        },
        "tointeger" | "tointegerornull" => match a0 {
            Value::Int(_) => a0,
            Value::Float(f) => {
                if f.is_nan() || f.abs() >= 9.223_372_036_854_776e18 {
                    if lname == "tointegerornull" {
                        Value::Null
                    } else {
                        return Err(arg_error("NumberOutOfRange", "float out of integer range"));
                    }
                } else {
                    Value::Int(f.trunc() as i64)
                }
            }
            Value::String(s) => parse_int(&s).map_or(Value::Null, Value::Int),
            Value::Bool(b) if lname == "tointeger" => Value::Int(b as i64),
            _ if lname == "tointegerornull" => Value::Null,
            o => return Err(want(name, "a number or string", &o)),
        },
        "tofloat" | "tofloatornull" => match a0 {
            Value::Float(_) => a0,
            Value::Int(i) => Value::Float(i as f64),
            Value::String(s) => s.trim().parse::<f64>().map_or(Value::Null, Value::Float),
            _ if lname == "tofloatornull" => Value::Null,
            o => return Err(want(name, "a number or string", &o)),
        },
        "toboolean" | "tobooleanornull" => match a0 {
            Value::Bool(_) => a0,
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => Value::Null,
            },
            Value::Int(i) if lname == "toboolean" => Value::Bool(i != 0),
            _ if lname == "tobooleanornull" => Value::Null,
            o => return Err(want(name, "a boolean or string", &o)),
        },
        "abs" => match a0 {
            Value::Int(i) => Value::Int(
                i.checked_abs()
                    .ok_or_else(|| arg_error("IntegerOverflow", "abs() overflow"))?,
            ),
            Value::Float(f) => Value::Float(f.abs()),
            o => return Err(want(name, "a number", &o)),
        },
        "sign" => match a0 {
            Value::Int(i) => Value::Int(i.signum()),
            Value::Float(f) => Value::Int(if f > 0.0 {
                1
            } else if f < 0.0 {
                -1
            } else {
                0
            }),
            o => return Err(want(name, "a number", &o)),
        },
        "round" | "ceil" | "floor" | "sqrt" | "exp" | "log" | "log10" | "sin" | "cos" | "tan"
        | "asin" | "acos" | "atan" => {
            let x = num(&a0).ok_or_else(|| want(name, "a number", &a0))?;
            Value::Float(match lname.as_str() {
                // openCypher rounds halves towards positive infinity, like Java's Math.round.
                "round" => (x + 0.5).floor(),
                "ceil" => x.ceil(),
                "floor" => x.floor(),
                "sqrt" => x.sqrt(),
                "exp" => x.exp(),
                "log" => x.ln(),
                "log10" => x.log10(),
                "sin" => x.sin(),
                "cos" => x.cos(),
                "tan" => x.tan(),
                "asin" => x.asin(),
                "acos" => x.acos(),
                _ => x.atan(),
            })
        }
        "atan2" => {
            let (Some(y), Some(x)) = (num(&a0), num(&vals[1])) else {
                return Ok(Value::Null);
            };
            Value::Float(y.atan2(x))
        }
        _ => {
            return Err(QueryError::Semantic {
                class: ErrorClass::SyntaxError,
                code: "UnknownFunction",
                message: format!("unknown function {name}(){}", suggest_function(name)),
                span: None,
            });
        }
    })
}

fn str_arg<'v>(name: &str, v: &'v Value) -> Result<&'v str, QueryError> {
    match v {
        Value::String(s) => Ok(s),
        o => Err(want(name, "a string", o)),
    }
}

fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim();
    t.parse::<i64>().ok().or_else(|| {
        let f: f64 = t.parse().ok()?;
        (f.is_finite() && f.abs() < 9.2e18).then(|| f.trunc() as i64)
    })
}

fn props_map(p: Option<&crate::graph::Props>) -> Value {
    Value::Map(
        p.map(|p| {
            p.iter()
                .map(|(k, v)| (k.to_string(), Value::from_prop(&v)))
                .collect()
        })
        .unwrap_or_default(),
    )
}

fn keys_of(p: Option<&crate::graph::Props>) -> Value {
    Value::List(
        p.map(|p| {
            p.keys()
                .map(|k| Value::String(Str::from(k.to_string())))
                .collect()
        })
        .unwrap_or_default(),
    )
}

/// A simple generator for `rand()`; queries need no cryptographic randomness.
fn pseudo_random() -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static STATE: AtomicU64 = AtomicU64::new(0x2545_f491_4f6c_dd1d);
    let mut x = STATE.load(Ordering::Relaxed);
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    STATE.store(x, Ordering::Relaxed);
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// " (did you mean toLower?)" for a near-miss, or nothing.
pub fn suggest_function(name: &str) -> String {
    let l = name.to_ascii_lowercase();
    let all = FUNCTIONS
        .iter()
        .map(|(n, _, _)| *n)
        .chain(super::plan::AGGREGATES.iter().copied());
    match super::semantic::closest(&l, all) {
        Some(s) => format!(" (did you mean {s}?)"),
        None => String::new(),
    }
}

/// The one entity whose name or one of whose aliases is `name`, ignoring case; the one-line
/// questions use it. None or several is an error that names what there is, because a question
/// answered about a silently chosen namesake would mislead.
fn resolve_name<G: GraphView + ?Sized>(g: &G, name: &str) -> Result<Value, QueryError> {
    use crate::graph::{label, string_list};
    let want = name.trim().to_lowercase();
    let mut found = Vec::new();
    let mut names: Vec<String> = Vec::new();
    // The index narrows the search to the nodes carrying the name; without one (or to
    // suggest a close name when nothing fits) every node is looked at.
    let candidates = g.nodes_named_folded(&want);
    let indexed = candidates.is_some();
    for id in candidates.unwrap_or_else(|| g.node_ids()) {
        if g.has_label(id, label::STATEMENT) || g.has_label(id, label::DOCUMENT) {
            continue;
        }
        let Some(own) = g.node_prop(id, "name").and_then(|v| v.as_str()) else {
            continue;
        };
        let aliases = string_list(g.node_prop(id, "aliases"));
        if own.to_lowercase() == want || aliases.iter().any(|a| a.to_lowercase() == want) {
            found.push((id, format!("{} ({})", own, g.labels(id).join(", "))));
        }
        if !indexed {
            names.push(own.to_string());
            names.extend(aliases);
        }
    }
    match found.len() {
        1 => Ok(Value::Node(found[0].0)),
        0 => {
            if indexed {
                for id in g.node_ids() {
                    if g.has_label(id, label::STATEMENT) || g.has_label(id, label::DOCUMENT) {
                        continue;
                    }
                    if let Some(own) = g.node_prop(id, "name").and_then(|v| v.as_str()) {
                        names.push(own.to_string());
                        names.extend(string_list(g.node_prop(id, "aliases")));
                    }
                }
            }
            let hint = super::semantic::closest(name, names.iter().map(String::as_str))
                .map(|c| format!("; did you mean {c}?"))
                .unwrap_or_default();
            Err(QueryError::Runtime {
                class: ErrorClass::ArgumentError,
                code: "UnknownName",
                message: format!("no entity is called {name:?}{hint}"),
            })
        }
        _ => {
            let list: Vec<String> = found.into_iter().map(|(_, d)| d).collect();
            Err(QueryError::Runtime {
                class: ErrorClass::ArgumentError,
                code: "AmbiguousName",
                message: format!(
                    "{name:?} could mean several entities: {}; use the full name",
                    list.join("; ")
                ),
            })
        }
    }
}
