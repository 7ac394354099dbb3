//! Checks made before execution: variables in scope and of the right kind, aggregation used
//! where it is allowed, function names and arities, clause composition, and type errors in
//! constant expressions. Each failure names the openCypher condition (e.g.
//! `UndefinedVariable`) so tests can tell them apart.

use std::cell::RefCell;
use std::collections::HashMap;

use super::ast::{
    self, Clause, Direction, Expr, PathKind, PatternElement, PatternPart, Projection, Query,
    SingleQuery,
};
use super::eval::{Ctx, Env};
use super::functions::FUNCTIONS;
use super::plan::{contains_aggregate, is_aggregate, walk};
use super::value::Value;
use super::{ErrorClass, Params, QueryError};

/// What a variable holds, as far as the query text tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Node,
    Rel,
    /// The list bound by a variable-length relationship.
    RelList,
    Path,
    /// A value that is certainly not a node, relationship or path.
    Value,
    /// A map: not a node or relationship, but it has properties.
    Map,
    /// A list: not a node, but possibly the relationships of a variable-length pattern.
    List,
    /// Unknown (parameters, properties, function results).
    Any,
}

type Scope = Vec<(String, Kind)>;

fn err(code: &'static str, message: impl Into<String>) -> QueryError {
    QueryError::Semantic {
        class: ErrorClass::SyntaxError,
        code,
        message: message.into(),
        span: None,
    }
}

fn kind_of(scope: &Scope, v: &str) -> Option<Kind> {
    scope.iter().rev().find(|(n, _)| n == v).map(|(_, k)| *k)
}

fn bind(scope: &mut Scope, v: &str, k: Kind) {
    match scope.iter_mut().find(|(n, _)| n == v) {
        Some(e) => e.1 = k,
        None => scope.push((v.to_string(), k)),
    }
}

pub fn check(q: &Query) -> Result<(), QueryError> {
    let cols = check_single(&q.first)?;
    let all = q.unions.first().map(|u| u.all);
    for u in &q.unions {
        if Some(u.all) != all {
            return Err(err(
                "InvalidClauseComposition",
                "UNION and UNION ALL cannot be mixed in one query",
            ));
        }
        let c = check_single(&u.query)?;
        if c != cols {
            return Err(err(
                "DifferentColumnsInUnion",
                format!("all parts of a UNION must return the same columns: {cols:?} vs {c:?}"),
            ));
        }
    }
    Ok(())
}

/// Checks one single query and returns its result columns.
fn check_single(q: &SingleQuery) -> Result<Vec<String>, QueryError> {
    let mut scope: Scope = Vec::new();
    let mut columns = Vec::new();
    let n = q.clauses.len();
    for (i, c) in q.clauses.iter().enumerate() {
        let last = i + 1 == n;
        match c {
            Clause::Match(m) => {
                let mut in_pattern: Vec<String> = Vec::new();
                let mut rels_in_clause: Vec<String> = Vec::new();
                for p in &m.pattern.parts {
                    check_part(
                        p,
                        &mut scope,
                        Use::Match,
                        &mut in_pattern,
                        &mut rels_in_clause,
                    )?;
                }
                if let Some(w) = &m.where_ {
                    no_aggregate(w, "WHERE")?;
                    expr(w, &scope)?;
                    if matches!(infer_deep(w, &scope), Kind::Node | Kind::Rel | Kind::Path) {
                        return Err(err(
                            "InvalidArgumentType",
                            "WHERE needs a boolean, not a graph element",
                        ));
                    }
                }
            }
            Clause::Unwind(u) => {
                no_aggregate(&u.expr, "UNWIND")?;
                expr(&u.expr, &scope)?;
                if kind_of(&scope, &u.variable).is_some() {
                    return Err(err(
                        "VariableAlreadyBound",
                        format!("variable `{}` is already defined", u.variable),
                    ));
                }
                scope.push((u.variable.clone(), Kind::Any));
            }
            Clause::With(w) => {
                if let Some(wh) = &w.where_ {
                    no_aggregate(wh, "WHERE")?;
                }
                scope = projection(&w.projection, &scope, false, w.where_.as_ref())?;
            }
            Clause::Return(r) => {
                if !last {
                    return Err(err(
                        "InvalidClauseComposition",
                        "RETURN must be the last clause",
                    ));
                }
                scope = projection(&r.projection, &scope, true, None)?;
                columns = scope.iter().map(|(n, _)| n.clone()).collect();
            }
            Clause::Create(cr) => {
                let mut in_pattern = Vec::new();
                let mut rels = Vec::new();
                for p in &cr.pattern.parts {
                    check_part(p, &mut scope, Use::Create, &mut in_pattern, &mut rels)?;
                }
            }
            Clause::Merge(mg) => {
                check_part(
                    &mg.part,
                    &mut scope,
                    Use::Merge,
                    &mut Vec::new(),
                    &mut Vec::new(),
                )?;
                for a in &mg.actions {
                    set_items(&a.items, &scope)?;
                }
            }
            Clause::Set(s) => set_items(&s.items, &scope)?,
            Clause::Remove(r) => {
                for it in &r.items {
                    match it {
                        ast::RemoveItem::Property(e) => expr(e, &scope)?,
                        ast::RemoveItem::Labels { variable, .. } => defined(variable, &scope)?,
                    }
                }
            }
            Clause::Delete(d) => {
                for e in &d.exprs {
                    no_aggregate(e, "DELETE")?;
                    if matches!(e, Expr::HasLabels(..)) {
                        return Err(err("InvalidDelete", format!("cannot delete `{e}`")));
                    }
                    expr(e, &scope)?;
                    if matches!(infer_deep(e, &scope), Kind::Value) {
                        return Err(err("InvalidArgumentType", format!("cannot delete `{e}`")));
                    }
                    if !matches!(
                        e,
                        Expr::Variable(_)
                            | Expr::Property(..)
                            | Expr::Index(..)
                            | Expr::FunctionCall { .. }
                    ) || matches!(e, Expr::Variable(v) if matches!(kind_of(&scope, v), Some(Kind::Value)))
                    {
                        return Err(err("InvalidDelete", format!("cannot delete `{e}`")));
                    }
                }
            }
        }
    }
    if let Some(last) = q.clauses.last()
        && matches!(last, Clause::Match(_) | Clause::Unwind(_) | Clause::With(_))
    {
        return Err(err(
            "InvalidClauseComposition",
            "a query must end with RETURN or an updating clause",
        ));
    }
    Ok(columns)
}

fn set_items(items: &[ast::SetItem], scope: &Scope) -> Result<(), QueryError> {
    for it in items {
        match it {
            ast::SetItem::Property { target, value } => {
                expr(target, scope)?;
                no_aggregate(value, "SET")?;
                expr(value, scope)?;
            }
            ast::SetItem::Replace { variable, value }
            | ast::SetItem::Extend { variable, value } => {
                defined(variable, scope)?;
                no_aggregate(value, "SET")?;
                expr(value, scope)?;
            }
            ast::SetItem::Labels { variable, .. } => defined(variable, scope)?,
        }
    }
    Ok(())
}

fn defined(v: &str, scope: &Scope) -> Result<(), QueryError> {
    if kind_of(scope, v).is_none() {
        let hint = closest(v, scope.iter().map(|(n, _)| n.as_str()))
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        return Err(err(
            "UndefinedVariable",
            format!("variable `{v}` is not defined{hint}"),
        ));
    }
    Ok(())
}

/// An error about one projection item, pointing at the item in the query text.
fn item_err(it: &ast::ProjectionItem, code: &'static str, message: String) -> QueryError {
    QueryError::Semantic {
        class: ErrorClass::SyntaxError,
        code,
        message,
        span: Some((it.span.start, it.span.end)),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    Match,
    Create,
    Merge,
}

fn check_part(
    p: &PatternPart,
    scope: &mut Scope,
    usage: Use,
    in_pattern: &mut Vec<String>,
    rels_in_clause: &mut Vec<String>,
) -> Result<(), QueryError> {
    if let Some(pv) = &p.variable
        && (kind_of(scope, pv).is_some() || in_pattern.contains(pv))
    {
        return Err(err(
            "VariableAlreadyBound",
            format!("variable `{pv}` is already defined"),
        ));
    }
    if p.kind != PathKind::All && p.element.chain.len() != 1 {
        return Err(err(
            "InvalidArgumentType",
            "shortestPath needs a pattern with exactly one relationship",
        ));
    }
    let e = &p.element;
    let single_node = e.chain.is_empty();
    // Property maps see variables bound earlier in the same pattern, so they are checked
    // after binding; collect them here.
    let mut maps: Vec<&Expr> = Vec::new();
    let node = |np: &ast::NodePattern,
                scope: &mut Scope,
                in_pattern: &mut Vec<String>|
     -> Result<(), QueryError> {
        if let Some(v) = &np.variable {
            match kind_of(scope, v) {
                Some(Kind::Node | Kind::Any) | None => {}
                Some(_) => {
                    return Err(err(
                        "VariableTypeConflict",
                        format!("variable `{v}` is not a node"),
                    ));
                }
            }
            // In CREATE and MERGE, a variable bound before (even earlier in the same
            // pattern) can only be referred to, not given new labels or properties.
            let was_bound = kind_of(scope, v).is_some();
            if usage != Use::Match
                && was_bound
                && (!np.labels.is_empty() || np.properties.is_some() || single_node)
            {
                return Err(err(
                    "VariableAlreadyBound",
                    format!("variable `{v}` is already defined"),
                ));
            }
            if !in_pattern.contains(v) {
                in_pattern.push(v.clone());
            }
            bind(scope, v, Kind::Node);
        }
        Ok(())
    };
    node(&e.start, scope, in_pattern)?;
    maps.extend(e.start.properties.as_deref());
    for s in &e.chain {
        let r = &s.rel;
        if usage != Use::Match {
            if let Some(v) = &r.variable
                && kind_of(scope, v).is_some()
            {
                return Err(err(
                    "VariableAlreadyBound",
                    format!("variable `{v}` is already defined"),
                ));
            }
            if r.types.len() != 1 {
                return Err(err(
                    "NoSingleRelationshipType",
                    "a relationship to create needs exactly one type",
                ));
            }
            if r.length.is_some() {
                return Err(err(
                    "CreatingVarLength",
                    "cannot create a variable-length relationship",
                ));
            }
            if usage == Use::Create && r.direction == Direction::Both {
                return Err(err(
                    "RequiresDirectedRelationship",
                    "a relationship to create needs a direction",
                ));
            }
        }
        if let Some(v) = &r.variable {
            let k = kind_of(scope, v);
            match k {
                Some(Kind::Rel | Kind::RelList | Kind::Any) | None => {}
                Some(Kind::List) if r.length.is_some() => {}
                Some(_) => {
                    return Err(err(
                        "VariableTypeConflict",
                        format!("variable `{v}` is not a relationship"),
                    ));
                }
            }
            if rels_in_clause.contains(v) {
                return Err(err(
                    "RelationshipUniquenessViolation",
                    format!("relationship `{v}` appears twice in one pattern"),
                ));
            }
            if in_pattern.contains(v) {
                return Err(err(
                    "VariableTypeConflict",
                    format!("variable `{v}` is not a relationship"),
                ));
            }
            if usage != Use::Match && k.is_some() {
                return Err(err(
                    "VariableAlreadyBound",
                    format!("variable `{v}` is already defined"),
                ));
            }
            if r.length.is_some() && k == Some(Kind::Rel)
                || r.length.is_none() && k == Some(Kind::RelList)
            {
                return Err(err(
                    "VariableTypeConflict",
                    format!("variable `{v}` changes kind"),
                ));
            }
            rels_in_clause.push(v.clone());
            in_pattern.push(v.clone());
            bind(
                scope,
                v,
                if r.length.is_some() {
                    Kind::RelList
                } else {
                    Kind::Rel
                },
            );
        }
        maps.extend(r.properties.as_deref());
        node(&s.node, scope, in_pattern)?;
        maps.extend(s.node.properties.as_deref());
    }
    for m in maps {
        if usage != Use::Create && matches!(m, Expr::Parameter(_)) {
            return Err(err(
                "InvalidParameterUse",
                "a parameter cannot stand for a property map in MATCH",
            ));
        }
        no_aggregate(m, "a pattern")?;
        expr(m, scope)?;
    }
    if let Some(pv) = &p.variable {
        if in_pattern.contains(pv) {
            return Err(err(
                "VariableAlreadyBound",
                format!("variable `{pv}` is already defined"),
            ));
        }
        in_pattern.push(pv.clone());
        bind(scope, pv, Kind::Path);
    }
    Ok(())
}

fn no_aggregate(e: &Expr, place: &str) -> Result<(), QueryError> {
    if contains_aggregate(e) {
        return Err(err(
            "InvalidAggregation",
            format!("aggregation is not allowed in {place}"),
        ));
    }
    Ok(())
}

/// Checks a projection and returns the scope after it.
fn projection(
    p: &Projection,
    scope: &Scope,
    is_return: bool,
    where_: Option<&Expr>,
) -> Result<Scope, QueryError> {
    let mut out: Scope = Vec::new();
    if p.star {
        if scope.is_empty() && is_return {
            return Err(err(
                "NoVariablesInScope",
                "RETURN * needs at least one variable",
            ));
        }
        let mut names: Vec<&(String, Kind)> = scope.iter().collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        out.extend(names.into_iter().cloned());
    }
    let mut keys: Vec<&Expr> = Vec::new();
    let aggregating = p.items.iter().any(|i| contains_aggregate(&i.expr));
    let mut missing_alias = None;
    for it in &p.items {
        expr(&it.expr, scope)?;
        no_pattern(&it.expr)?;
        nested_aggregate(&it.expr)?;
        if !is_return && it.alias.is_none() && !matches!(it.expr, Expr::Variable(_)) {
            missing_alias.get_or_insert_with(|| {
                item_err(
                    it,
                    "NoExpressionAlias",
                    format!("expression `{}` in WITH needs an alias", it.text),
                )
            });
        }
        let name = it.column_name().to_string();
        if out.iter().any(|(n, _)| *n == name) {
            return Err(item_err(
                it,
                "ColumnNameConflict",
                format!("column `{name}` is defined twice"),
            ));
        }
        if !contains_aggregate(&it.expr) {
            keys.push(&it.expr);
        }
        out.push((name, infer(&it.expr, scope)));
    }
    // Only simple grouping keys (variables and property reads) may reappear inside an
    // aggregating expression; a computed key would be recomputed per row, which is ambiguous.
    keys.retain(|k| simple_key(k));
    if aggregating {
        for it in &p.items {
            if contains_aggregate(&it.expr) {
                ambiguous(&it.expr, &keys, scope)?;
            }
        }
    }

    // ORDER BY sees the projected names and, unless the projection aggregates or is
    // DISTINCT, the variables in scope before it.
    let mut order_scope = out.clone();
    if !aggregating && !p.distinct {
        for (n, k) in scope {
            if !order_scope.iter().any(|(m, _)| m == n) {
                order_scope.push((n.clone(), *k));
            }
        }
    }
    for s in &p.order_by {
        // A sort key may name a projected expression as a whole; inside an aggregating
        // sort key only aggregates and simple keys count as projected (as for items).
        let whole = s.expr.clone();
        let rewritten = super::plan::rewrite(&s.expr, &mut |x| {
            let usable = *x == whole || is_aggregate(x) || simple_key(x);
            p.items
                .iter()
                .find(|it| usable && it.expr == *x && !matches!(x, Expr::Variable(_)))
                .map(|it| Expr::Variable(it.column_name().to_string()))
        });
        if contains_aggregate(&s.expr) {
            if !aggregating {
                return Err(err(
                    "InvalidAggregation",
                    "ORDER BY cannot aggregate when the projection does not",
                ));
            }
            // A variable the projection does not mention at all is simply out of scope;
            // one it uses inside a computed item is ambiguous.
            let mut in_items = Vec::new();
            for it in &p.items {
                free_variables(&it.expr, &mut Vec::new(), &mut in_items);
            }
            let stripped = super::plan::rewrite(&rewritten, &mut |x| {
                (is_aggregate(x) || keys.contains(&x)).then_some(Expr::Literal(ast::Literal::Null))
            });
            let mut free = Vec::new();
            free_variables(&stripped, &mut Vec::new(), &mut free);
            for v in free {
                if out.iter().any(|(n, _)| *n == v) {
                    continue;
                }
                if !in_items.contains(&v) {
                    return Err(err(
                        "UndefinedVariable",
                        format!("variable `{v}` is not defined"),
                    ));
                }
            }
            ambiguous(&rewritten, &keys, scope)?;
        }
        let check_scope = if (aggregating || p.distinct) && !contains_aggregate(&rewritten) {
            // Variables hidden by the projection are undefined here.
            &out
        } else {
            &order_scope
        };
        if let Err(e) = expr(&rewritten, check_scope) {
            if aggregating && !contains_aggregate(&rewritten) {
                // An expression over grouping keys reads the keys, which is allowed.
                let mut k2 = keys.clone();
                k2.extend(p.items.iter().map(|i| &i.expr));
                if ambiguous(&rewritten, &k2, &order_scope).is_ok()
                    && expr(&rewritten, &order_scope).is_ok()
                {
                    continue;
                }
            }
            return Err(e);
        }
    }
    if let Some(w) = where_ {
        // Like ORDER BY, WHERE may repeat a projected expression instead of its alias.
        let rewritten = super::plan::rewrite(w, &mut |x| {
            p.items
                .iter()
                .find(|it| it.expr == *x && !matches!(x, Expr::Variable(_)))
                .map(|it| Expr::Variable(it.column_name().to_string()))
        });
        expr(&rewritten, &order_scope)?;
    }
    for (what, e) in [("SKIP", &p.skip), ("LIMIT", &p.limit)] {
        if let Some(e) = e {
            let mut has_var = false;
            walk(e, &mut |x| {
                if matches!(x, Expr::Variable(_) | Expr::Pattern(_)) || is_aggregate(x) {
                    has_var = true;
                }
            });
            if has_var {
                return Err(err(
                    "NonConstantExpression",
                    format!("{what} must be a constant"),
                ));
            }
            match constant(e) {
                Some(Ok(Value::Int(i))) if i < 0 => {
                    return Err(err(
                        "NegativeIntegerArgument",
                        format!("{what} must not be negative"),
                    ));
                }
                Some(Ok(Value::Int(_))) | None => {}
                Some(Ok(
                    Value::Float(_)
                    | Value::String(_)
                    | Value::Bool(_)
                    | Value::List(_)
                    | Value::Map(_),
                )) => {
                    return Err(err(
                        "InvalidArgumentType",
                        format!("{what} must be an integer"),
                    ));
                }
                Some(_) => {}
            }
        }
    }
    if let Some(e) = missing_alias {
        return Err(e);
    }
    Ok(out)
}

fn nested_aggregate(e: &Expr) -> Result<(), QueryError> {
    let mut bad = false;
    walk(e, &mut |x| {
        if is_aggregate(x)
            && let Expr::FunctionCall { args, .. } = x
            && args.iter().any(contains_aggregate)
        {
            bad = true;
        }
    });
    if bad {
        return Err(err("NestedAggregation", "aggregations cannot be nested"));
    }
    // An aggregate over a random value has no defined result to group by or compare.
    let mut random = false;
    walk(e, &mut |x| {
        if let Expr::FunctionCall { args, .. } = x
            && is_aggregate(x)
        {
            for a in args {
                walk(a, &mut |y| {
                    if matches!(y, Expr::FunctionCall { name, .. } if name.eq_ignore_ascii_case("rand"))
                    {
                        random = true;
                    }
                });
            }
        }
    });
    if random {
        return Err(err(
            "NonConstantExpression",
            "an aggregate cannot take a random value",
        ));
    }
    Ok(())
}

/// In an aggregating expression, everything outside the aggregate calls must be built from
/// grouping keys (or constants); a bare variable that is not a key is ambiguous.
fn ambiguous(e: &Expr, keys: &[&Expr], scope: &Scope) -> Result<(), QueryError> {
    let stripped = super::plan::rewrite(e, &mut |x| {
        if is_aggregate(x) || keys.contains(&x) {
            Some(Expr::Literal(ast::Literal::Null))
        } else {
            None
        }
    });
    let mut free = Vec::new();
    free_variables(&stripped, &mut Vec::new(), &mut free);
    if let Some(v) = free.into_iter().find(|v| kind_of(scope, v).is_some()) {
        return Err(err(
            "AmbiguousAggregationExpression",
            format!("`{v}` is neither aggregated nor a grouping key"),
        ));
    }
    Ok(())
}

/// Variables an expression reads, leaving out those it binds itself (comprehensions).
fn free_variables(e: &Expr, locals: &mut Vec<String>, out: &mut Vec<String>) {
    match e {
        Expr::Variable(v) => {
            if !locals.contains(v) {
                out.push(v.clone());
            }
        }
        Expr::ListComprehension {
            variable,
            list,
            predicate,
            projection,
        } => {
            free_variables(list, locals, out);
            locals.push(variable.clone());
            predicate
                .iter()
                .for_each(|p| free_variables(p, locals, out));
            projection
                .iter()
                .for_each(|p| free_variables(p, locals, out));
            locals.pop();
        }
        Expr::ListPredicate {
            variable,
            list,
            predicate,
            ..
        } => {
            free_variables(list, locals, out);
            locals.push(variable.clone());
            predicate
                .iter()
                .for_each(|p| free_variables(p, locals, out));
            locals.pop();
        }
        _ => {
            let mut children = Vec::new();
            direct_children(e, &mut children);
            for c in children {
                free_variables(c, locals, out);
            }
        }
    }
}

/// The kind of value a projected expression yields.
fn infer(e: &Expr, scope: &Scope) -> Kind {
    match e {
        Expr::Variable(v) => kind_of(scope, v).unwrap_or(Kind::Any),
        Expr::Literal(ast::Literal::Null) => Kind::Any,
        Expr::Map(_) => Kind::Map,
        Expr::List(_) => Kind::List,
        Expr::Literal(_)
        | Expr::Binary(..)
        | Expr::Comparison { .. }
        | Expr::IsNull { .. }
        | Expr::HasLabels(..)
        | Expr::CountStar
        | Expr::ListComprehension { .. }
        | Expr::ListPredicate { .. } => Kind::Value,
        Expr::Unary(..) => Kind::Value,
        Expr::FunctionCall { name, .. } => match name.to_ascii_lowercase().as_str() {
            "startnode" | "endnode" => Kind::Node,
            "count" | "size" | "length" | "id" | "type" | "labels" | "keys" | "tostring"
            | "tointeger" | "tofloat" | "sum" | "avg" => Kind::Value,
            _ => Kind::Any,
        },
        _ => Kind::Any,
    }
}

/// Checks an expression: variables defined, functions known with the right arity, and no
/// type error in constant parts.
fn expr(e: &Expr, scope: &Scope) -> Result<(), QueryError> {
    match e {
        Expr::Variable(v) => defined(v, scope),
        Expr::ListComprehension {
            variable,
            list,
            predicate,
            projection,
        } => {
            expr(list, scope)?;
            let mut inner = scope.clone();
            inner.push((variable.clone(), Kind::Any));
            if let Some(p) = predicate {
                no_aggregate(p, "a list comprehension")?;
                expr(p, &inner)?;
            }
            if let Some(p) = projection {
                no_aggregate(p, "a list comprehension")?;
                expr(p, &inner)?;
            }
            Ok(())
        }
        Expr::ListPredicate {
            variable,
            list,
            predicate,
            ..
        } => {
            expr(list, scope)?;
            let mut inner = scope.clone();
            inner.push((variable.clone(), Kind::Any));
            if let Some(p) = predicate {
                no_aggregate(p, "a list predicate")?;
                expr(p, &inner)?;
            }
            Ok(())
        }
        Expr::PatternComprehension {
            variable,
            pattern,
            predicate,
            projection,
        } => {
            let mut inner = scope.clone();
            pattern_expr(pattern, &mut inner, true)?;
            if let Some(v) = variable {
                inner.push((v.clone(), Kind::Path));
            }
            if let Some(p) = predicate {
                expr(p, &inner)?;
            }
            expr(projection, &inner)
        }
        Expr::Pattern(p) => {
            let mut inner = scope.clone();
            pattern_expr(p, &mut inner, false)
        }
        Expr::FunctionCall {
            name,
            args,
            distinct,
        } => {
            let l = name.to_ascii_lowercase();
            let arity = FUNCTIONS
                .iter()
                .find(|(n, _, _)| *n == l)
                .map(|(_, a, b)| (*a, *b))
                .or(match l.as_str() {
                    "count" | "collect" | "sum" | "avg" | "min" | "max" | "stdev" | "stdevp" => {
                        Some((1, 1))
                    }
                    "percentiledisc" | "percentilecont" => Some((2, 2)),
                    _ => None,
                });
            let Some((lo, hi)) = arity else {
                return Err(err(
                    "UnknownFunction",
                    format!(
                        "unknown function {name}(){}",
                        super::functions::suggest_function(name)
                    ),
                ));
            };
            if args.len() < lo || args.len() > hi {
                return Err(err(
                    "InvalidNumberOfArguments",
                    format!("{name}() takes {lo}..{hi} arguments, got {}", args.len()),
                ));
            }
            if *distinct && !is_aggregate(e) {
                return Err(err(
                    "InvalidArgumentPassingMode",
                    format!("{name}() does not take DISTINCT"),
                ));
            }
            for a in args {
                expr(a, scope)?;
            }
            if l == "exists" && !matches!(args[0], Expr::Property(..) | Expr::Pattern(_)) {
                return Err(err(
                    "InvalidArgumentType",
                    "exists() needs a property or a pattern",
                ));
            }
            arg_kinds(&l, args, scope)?;
            fold(e)
        }
        _ => {
            // Check direct children with the same scope.
            let mut children: Vec<&Expr> = Vec::new();
            direct_children(e, &mut children);
            for c in children {
                expr(c, scope)?;
            }
            kinds_in_expr(e, scope)?;
            fold(e)
        }
    }
}

/// Arguments whose kind is known to be wrong from the query text alone.
fn arg_kinds(f: &str, args: &[Expr], scope: &Scope) -> Result<(), QueryError> {
    let k = args.first().map(|a| infer_deep(a, scope));
    let bad = matches!(
        (f, k),
        (
            "type" | "startnode" | "endnode",
            Some(Kind::Node | Kind::Path | Kind::Value)
        ) | ("labels", Some(Kind::Rel | Kind::Path | Kind::Value))
            | (
                "length" | "nodes" | "relationships",
                Some(Kind::Node | Kind::Rel)
            )
            | ("size", Some(Kind::Node | Kind::Rel | Kind::Path))
            | ("properties", Some(Kind::Path | Kind::Value | Kind::List))
            | ("keys", Some(Kind::Path))
    );
    if bad {
        return Err(err(
            "InvalidArgumentType",
            format!("{f}() cannot take this argument"),
        ));
    }
    Ok(())
}

fn infer_deep(e: &Expr, scope: &Scope) -> Kind {
    match e {
        Expr::Variable(v) => kind_of(scope, v).unwrap_or(Kind::Any),
        Expr::Literal(ast::Literal::Null) => Kind::Any,
        _ => infer(e, scope),
    }
}

fn simple_key(e: &Expr) -> bool {
    match e {
        Expr::Variable(_) => true,
        Expr::Property(x, _) => simple_key(x),
        _ => false,
    }
}

/// Pattern predicates belong in WHERE (or `exists()`); elsewhere openCypher rejects them.
fn no_pattern(e: &Expr) -> Result<(), QueryError> {
    let stripped = super::plan::rewrite(e, &mut |x| match x {
        Expr::FunctionCall { name, .. } if name.eq_ignore_ascii_case("exists") => {
            Some(Expr::Literal(ast::Literal::Null))
        }
        _ => None,
    });
    let mut found = false;
    walk(&stripped, &mut |x| {
        if matches!(x, Expr::Pattern(_)) {
            found = true;
        }
    });
    if found {
        return Err(err(
            "UnexpectedSyntax",
            "a pattern can only be used as a predicate in WHERE",
        ));
    }
    Ok(())
}

/// Kind errors visible in an expression: property access on a path or a non-map literal...
fn kinds_in_expr(e: &Expr, scope: &Scope) -> Result<(), QueryError> {
    if let Expr::Property(x, _) = e
        && matches!(infer_deep(x, scope), Kind::Path)
    {
        return Err(err("InvalidArgumentType", "a path has no properties"));
    }
    if let Expr::HasLabels(x, _) = e
        && matches!(infer_deep(x, scope), Kind::Path | Kind::RelList)
    {
        return Err(err("InvalidArgumentType", "label test on a non-node"));
    }
    Ok(())
}

/// The subexpressions checked in the current scope. Unlike `Expr::children`, it leaves out the
/// parts of comprehensions and patterns that see variables of their own; those are checked in
/// their own scope.
fn direct_children<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::Literal(_) | Expr::Parameter(_) | Expr::Variable(_) | Expr::CountStar => {}
        Expr::Property(x, _) | Expr::HasLabels(x, _) | Expr::Unary(_, x) => out.push(x),
        Expr::IsNull { expr, .. } => out.push(expr),
        Expr::List(xs) => out.extend(xs.iter()),
        Expr::Map(kv) => out.extend(kv.iter().map(|(_, x)| x)),
        Expr::Index(a, b) | Expr::Binary(_, a, b) => {
            out.push(a);
            out.push(b);
        }
        Expr::Slice { expr, from, to } => {
            out.push(expr);
            out.extend(from.as_deref());
            out.extend(to.as_deref());
        }
        Expr::Comparison { first, rest } => {
            out.push(first);
            out.extend(rest.iter().map(|(_, x)| x));
        }
        Expr::FunctionCall { args, .. } => out.extend(args.iter()),
        Expr::Case {
            operand,
            alternatives,
            default,
        } => {
            out.extend(operand.as_deref());
            for (a, b) in alternatives {
                out.push(a);
                out.push(b);
            }
            out.extend(default.as_deref());
        }
        Expr::ListComprehension { list, .. } | Expr::ListPredicate { list, .. } => out.push(list),
        Expr::PatternComprehension { .. } | Expr::Pattern(_) => {}
    }
}

/// A pattern inside an expression may only introduce new variables in a comprehension.
fn pattern_expr(p: &PatternElement, scope: &mut Scope, may_bind: bool) -> Result<(), QueryError> {
    let part = PatternPart {
        variable: None,
        kind: PathKind::All,
        element: p.clone(),
    };
    let mut vars = Vec::new();
    super::plan::element_variables(p, &mut vars);
    if !may_bind && let Some(v) = vars.iter().find(|v| kind_of(scope, v).is_none()) {
        return Err(err(
            "UndefinedVariable",
            format!("variable `{v}` is not defined"),
        ));
    }
    check_part(&part, scope, Use::Match, &mut Vec::new(), &mut Vec::new())
}

/// Evaluates an expression without variables, parameters or graph access, if it is one.
fn constant(e: &Expr) -> Option<Result<Value, QueryError>> {
    let mut pure = true;
    walk(e, &mut |x| match x {
        Expr::Variable(_)
        | Expr::Parameter(_)
        | Expr::Pattern(_)
        | Expr::PatternComprehension { .. }
        | Expr::ListComprehension { .. }
        | Expr::ListPredicate { .. }
        | Expr::CountStar => pure = false,
        Expr::FunctionCall { name, .. } => {
            let l = name.to_ascii_lowercase();
            if l == "rand" || is_aggregate(x) {
                pure = false;
            }
        }
        _ => {}
    });
    if !pure {
        return None;
    }
    let g = crate::graph::Graph::new();
    let params = Params::new();
    let regexes = RefCell::new(HashMap::new());
    let matcher = |_: &PatternElement, _: &Env| Ok(Vec::new());
    let cx = Ctx {
        g: &g,
        params: &params,
        regexes: &regexes,
        matcher: &matcher,
    };
    Some(cx.eval(e, &Env::new(&[], &[])))
}

/// Type errors in constant expressions are found before running, as openCypher requires
/// (`RETURN 1 AND true` fails to compile).
fn fold(e: &Expr) -> Result<(), QueryError> {
    if let Some(Err(QueryError::Runtime {
        class: ErrorClass::TypeError,
        code: "InvalidArgumentType",
        message,
    })) = constant(e)
    {
        return Err(err("InvalidArgumentType", message));
    }
    Ok(())
}

pub use crate::suggest::closest;
