//! The logical plan: a pipeline of operators per single query, built from the checked AST.
//!
//! Each clause becomes one operator that turns a table of rows into a new table. Pattern
//! matching is planned part by part: where to start (a bound variable, a lookup in the
//! graph's name index, a label scan or an all-nodes scan) and in which direction to walk the
//! chain, so that expansion always starts from the cheapest known point. A MATCH that feeds a
//! DISTINCT projection drops repeated combinations of the variables it reads as it finds
//! them. `explain` prints the plan as an indented operator tree, the last operator at the
//! top, as query plans are usually read.

use std::fmt::Write as _;

use super::ast::{self, Clause, Expr, PathKind, PatternElement, PatternPart, Projection};

/// A whole query: the first single query and its UNION parts.
#[derive(Debug, Clone)]
pub struct Plan {
    pub parts: Vec<Pipeline>,
    /// `true` for UNION ALL (keep duplicates); all joins use the same kind (checked).
    pub union_all: bool,
}

/// The operators of one single query, applied in order to one starting row.
#[derive(Debug, Clone)]
pub struct Pipeline {
    pub ops: Vec<Op>,
    /// Result columns (empty when the query ends in an updating clause).
    pub columns: Vec<String>,
}

#[derive(Debug, Clone)]
pub enum Op {
    Match {
        optional: bool,
        parts: Vec<PartPlan>,
        where_: Option<Expr>,
        /// Set when the next operator is a DISTINCT projection that reads only these
        /// variables: rows repeating a combination of their values are dropped as they are
        /// found, instead of being materialised and de-duplicated afterwards.
        distinct_on: Option<Vec<String>>,
    },
    Unwind {
        expr: Expr,
        variable: String,
        /// Set when the unwound list is a variable that no later operator reads: its rows
        /// then need not carry (and copy) the whole list once per element.
        drop_source: Option<String>,
    },
    Project(Box<ProjectPlan>),
    Create {
        parts: Vec<PatternPart>,
    },
    Merge {
        part: PartPlan,
        actions: Vec<ast::MergeAction>,
    },
    Set(Vec<ast::SetItem>),
    Remove(Vec<ast::RemoveItem>),
    Delete {
        detach: bool,
        exprs: Vec<Expr>,
    },
}

/// Where matching of one pattern part starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// The start node variable is bound by an earlier clause or part.
    Bound(String),
    /// Look the start node up in the graph's index by the value its property map gives this
    /// key (`name`); the rest of the pattern is checked on the nodes found. A graph without
    /// that index, or a value it does not index, falls back to a scan of every node.
    IndexSeek(String),
    /// Scan the nodes of a label (the first label of the start node).
    LabelScan(String),
    /// Scan every node.
    AllNodes,
}

/// One pattern part, possibly reversed so that matching starts from a bound end.
#[derive(Debug, Clone)]
pub struct PartPlan {
    pub variable: Option<String>,
    pub kind: PathKind,
    /// The chain as it is walked (reversed when `reversed`).
    pub element: PatternElement,
    pub reversed: bool,
    pub start: Start,
}

/// RETURN or WITH.
#[derive(Debug, Clone)]
pub struct ProjectPlan {
    pub is_return: bool,
    pub distinct: bool,
    /// Output columns with their expressions; aggregate calls inside them are replaced by
    /// variables named in `aggregates`.
    pub items: Vec<(String, Expr)>,
    /// Whether each item contains an aggregate (and so is not a grouping key).
    pub aggregating: Vec<bool>,
    /// Aggregate calls, each under an internal name that cannot clash with user names.
    pub aggregates: Vec<(String, Expr)>,
    /// Sort keys, with expressions equal to an item rewritten to that item's column.
    pub order_by: Vec<(Expr, bool)>,
    pub skip: Option<Expr>,
    pub limit: Option<Expr>,
    pub where_: Option<Expr>,
    /// Set when every item reads a property of a variable (`x.key`), without DISTINCT, and
    /// ORDER BY and WHERE read nothing but the projected columns: the properties of a
    /// batch of rows are then read together (`exec::Projector`), which lets the processor
    /// wait for their cache misses at once. `explain` shows it as `BatchedReads`.
    pub batched: bool,
    /// For an aggregation whose grouping keys are functions of these variables alone: rows
    /// that agree on the variables fall in the same group, found by the variables (by node
    /// id for one node) without evaluating the keys again. `explain` shows `by [...]`.
    pub group_by: Option<Vec<String>>,
    /// For an aggregation grouped by one variable whose keys are that variable or its
    /// properties, and whose aggregates are all `count(*)`: rows are counted per node (one
    /// array entry by node id), and the keys are read once per node at the end, where
    /// nodes with equal keys (two people of one name) merge into one group. A head entity's
    /// 157,000 rows then cost one counter each instead of a group look-up and an
    /// accumulator, and the 25,000 speakers' names are read together, so that their cache
    /// misses overlap. `explain` shows `counted per node`.
    pub count_per_node: bool,
    /// For a `count_per_node` aggregation right after a MATCH that is one plain chain of
    /// single relationships of one type each, with no WHERE, no relationship variables or
    /// properties, and fresh, distinct node variables after the start (whose last node is
    /// the grouping variable): the walk counts straight into the per-node counters, one
    /// tight loop per step over the adjacency's runs, instead of binding a row and handing
    /// it on for every match. `explain` shows `CountingExpand`. See `counted_walk`.
    pub count_walk: bool,
}

impl ProjectPlan {
    pub fn has_aggregates(&self) -> bool {
        !self.aggregates.is_empty()
    }
}

/// Names of the aggregate functions (lower case).
pub const AGGREGATES: [&str; 9] = [
    "count",
    "collect",
    "sum",
    "avg",
    "min",
    "max",
    "stdev",
    "stdevp",
    "percentiledisc",
];

pub fn is_aggregate(e: &Expr) -> bool {
    match e {
        Expr::CountStar => true,
        Expr::FunctionCall { name, .. } => {
            let n = name.to_ascii_lowercase();
            AGGREGATES.contains(&n.as_str()) || n == "percentilecont"
        }
        _ => false,
    }
}

/// Whether an expression contains an aggregate call outside of nested scopes.
pub fn contains_aggregate(e: &Expr) -> bool {
    let mut found = false;
    walk(e, &mut |x| {
        if is_aggregate(x) {
            found = true;
        }
    });
    found
}

/// Calls `f` on `e` and every sub-expression (pre-order).
pub fn walk(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    match e {
        Expr::Literal(_) | Expr::Parameter(_) | Expr::Variable(_) | Expr::CountStar => {}
        Expr::Property(x, _) | Expr::HasLabels(x, _) => walk(x, f),
        Expr::List(xs) => xs.iter().for_each(|x| walk(x, f)),
        Expr::Map(kv) => kv.iter().for_each(|(_, x)| walk(x, f)),
        Expr::Index(a, b) => {
            walk(a, f);
            walk(b, f)
        }
        Expr::Slice { expr, from, to } => {
            walk(expr, f);
            from.iter().for_each(|x| walk(x, f));
            to.iter().for_each(|x| walk(x, f));
        }
        Expr::Unary(_, x) => walk(x, f),
        Expr::Binary(_, a, b) => {
            walk(a, f);
            walk(b, f)
        }
        Expr::Comparison { first, rest } => {
            walk(first, f);
            rest.iter().for_each(|(_, x)| walk(x, f));
        }
        Expr::IsNull { expr, .. } => walk(expr, f),
        Expr::FunctionCall { args, .. } => args.iter().for_each(|x| walk(x, f)),
        Expr::Case {
            operand,
            alternatives,
            default,
        } => {
            operand.iter().for_each(|x| walk(x, f));
            for (a, b) in alternatives {
                walk(a, f);
                walk(b, f);
            }
            default.iter().for_each(|x| walk(x, f));
        }
        Expr::ListComprehension {
            list,
            predicate,
            projection,
            ..
        } => {
            walk(list, f);
            predicate.iter().for_each(|x| walk(x, f));
            projection.iter().for_each(|x| walk(x, f));
        }
        Expr::ListPredicate {
            list, predicate, ..
        } => {
            walk(list, f);
            predicate.iter().for_each(|x| walk(x, f));
        }
        Expr::PatternComprehension {
            pattern,
            predicate,
            projection,
            ..
        } => {
            walk_element(pattern, f);
            predicate.iter().for_each(|x| walk(x, f));
            walk(projection, f);
        }
        Expr::Pattern(p) => walk_element(p, f),
    }
}

fn walk_element(p: &PatternElement, f: &mut dyn FnMut(&Expr)) {
    p.start.properties.iter().for_each(|x| walk(x, f));
    for s in &p.chain {
        s.rel.properties.iter().for_each(|x| walk(x, f));
        s.node.properties.iter().for_each(|x| walk(x, f));
    }
}

/// Rebuilds `e` bottom-up, letting `f` replace any sub-expression (tried before descending).
pub fn rewrite(e: &Expr, f: &mut dyn FnMut(&Expr) -> Option<Expr>) -> Expr {
    if let Some(r) = f(e) {
        return r;
    }
    let b = |x: &Expr, f: &mut dyn FnMut(&Expr) -> Option<Expr>| Box::new(rewrite(x, f));
    match e {
        Expr::Literal(_)
        | Expr::Parameter(_)
        | Expr::Variable(_)
        | Expr::CountStar
        | Expr::Pattern(_)
        | Expr::PatternComprehension { .. } => e.clone(),
        Expr::Property(x, k) => Expr::Property(b(x, f), k.clone()),
        Expr::HasLabels(x, l) => Expr::HasLabels(b(x, f), l.clone()),
        Expr::List(xs) => Expr::List(xs.iter().map(|x| rewrite(x, f)).collect()),
        Expr::Map(kv) => Expr::Map(kv.iter().map(|(k, x)| (k.clone(), rewrite(x, f))).collect()),
        Expr::Index(a, c) => Expr::Index(b(a, f), b(c, f)),
        Expr::Slice { expr, from, to } => Expr::Slice {
            expr: b(expr, f),
            from: from.as_ref().map(|x| b(x, f)),
            to: to.as_ref().map(|x| b(x, f)),
        },
        Expr::Unary(op, x) => Expr::Unary(*op, b(x, f)),
        Expr::Binary(op, x, y) => Expr::Binary(*op, b(x, f), b(y, f)),
        Expr::Comparison { first, rest } => Expr::Comparison {
            first: b(first, f),
            rest: rest.iter().map(|(op, x)| (*op, rewrite(x, f))).collect(),
        },
        Expr::IsNull { expr, negated } => Expr::IsNull {
            expr: b(expr, f),
            negated: *negated,
        },
        Expr::FunctionCall {
            name,
            distinct,
            args,
        } => Expr::FunctionCall {
            name: name.clone(),
            distinct: *distinct,
            args: args.iter().map(|x| rewrite(x, f)).collect(),
        },
        Expr::Case {
            operand,
            alternatives,
            default,
        } => Expr::Case {
            operand: operand.as_ref().map(|x| b(x, f)),
            alternatives: alternatives
                .iter()
                .map(|(x, y)| (rewrite(x, f), rewrite(y, f)))
                .collect(),
            default: default.as_ref().map(|x| b(x, f)),
        },
        Expr::ListComprehension {
            variable,
            list,
            predicate,
            projection,
        } => Expr::ListComprehension {
            variable: variable.clone(),
            list: b(list, f),
            predicate: predicate.as_ref().map(|x| b(x, f)),
            projection: projection.as_ref().map(|x| b(x, f)),
        },
        Expr::ListPredicate {
            quantifier,
            variable,
            list,
            predicate,
        } => Expr::ListPredicate {
            quantifier: *quantifier,
            variable: variable.clone(),
            list: b(list, f),
            predicate: predicate.as_ref().map(|x| b(x, f)),
        },
    }
}

/// Plans a checked query. `scope_of` is not needed: boundness is tracked here clause by
/// clause, in the same way the semantic check does.
pub fn plan(q: &ast::Query) -> Plan {
    let mut parts = vec![plan_single(&q.first)];
    let mut union_all = false;
    for u in &q.unions {
        union_all = u.all;
        parts.push(plan_single(&u.query));
    }
    Plan { parts, union_all }
}

fn plan_single(q: &ast::SingleQuery) -> Pipeline {
    let mut bound: Vec<String> = Vec::new();
    let mut ops = Vec::new();
    let mut columns = Vec::new();
    // Per MATCH op (by its index) that could count in the walk, the variable it would count.
    let mut walks: Vec<(usize, String)> = Vec::new();
    for c in &q.clauses {
        match c {
            Clause::Match(m) => {
                let before = bound.clone();
                let mut parts = Vec::new();
                for p in &m.pattern.parts {
                    parts.push(plan_part(p, &bound));
                    bind_part(p, &mut bound);
                }
                if !m.optional
                    && m.where_.is_none()
                    && let Some(v) = counted_walk(&parts, &before)
                {
                    walks.push((ops.len(), v));
                }
                ops.push(Op::Match {
                    optional: m.optional,
                    parts,
                    where_: m.where_.clone(),
                    distinct_on: None,
                });
            }
            Clause::Unwind(u) => {
                ops.push(Op::Unwind {
                    expr: u.expr.clone(),
                    variable: u.variable.clone(),
                    drop_source: None,
                });
                push_name(&mut bound, &u.variable);
            }
            Clause::With(w) => {
                let p = plan_projection(&w.projection, w.where_.clone(), false, &bound);
                bound = p.items.iter().map(|(c, _)| c.clone()).collect();
                ops.push(Op::Project(Box::new(p)));
            }
            Clause::Return(r) => {
                let p = plan_projection(&r.projection, None, true, &bound);
                columns = p.items.iter().map(|(c, _)| c.clone()).collect();
                bound = columns.clone();
                ops.push(Op::Project(Box::new(p)));
            }
            Clause::Create(cr) => {
                for p in &cr.pattern.parts {
                    bind_part(p, &mut bound);
                }
                ops.push(Op::Create {
                    parts: cr.pattern.parts.clone(),
                });
            }
            Clause::Merge(m) => {
                let part = plan_part(&m.part, &bound);
                bind_part(&m.part, &mut bound);
                ops.push(Op::Merge {
                    part,
                    actions: m.actions.clone(),
                });
            }
            Clause::Set(s) => ops.push(Op::Set(s.items.clone())),
            Clause::Remove(r) => ops.push(Op::Remove(r.items.clone())),
            Clause::Delete(d) => ops.push(Op::Delete {
                detach: d.detach,
                exprs: d.exprs.clone(),
            }),
        }
    }
    // A MATCH feeding a DISTINCT projection needs to produce each combination of the
    // variables the projection reads only once. OPTIONAL MATCH is left alone: whether it
    // found anything for an input row must not depend on what earlier rows found.
    for i in 1..ops.len() {
        let (head, later) = ops.split_at_mut(i);
        if let (
            Some(Op::Match {
                optional: false,
                distinct_on,
                ..
            }),
            Op::Project(p),
        ) = (head.last_mut(), &later[0])
            && p.distinct
            && !p.has_aggregates()
        {
            *distinct_on = projection_vars(p);
        }
    }
    // A MATCH whose rows only feed per-node counts of its last node counts in the walk.
    for (i, v) in walks {
        if let Some(Op::Project(p)) = ops.get_mut(i + 1)
            && p.count_per_node
            && p.group_by.as_deref() == Some(std::slice::from_ref(&v))
        {
            p.count_walk = true;
        }
    }
    // An UNWIND of a list variable that nothing later reads may move the list out of the row.
    for i in 0..ops.len() {
        let (head, later) = ops.split_at_mut(i + 1);
        if let Some(Op::Unwind {
            expr: Expr::Variable(v),
            variable,
            drop_source,
        }) = head.last_mut()
            && v != variable
            && !later.iter().any(|op| op_mentions(op, v))
        {
            *drop_source = Some(v.clone());
        }
    }
    Pipeline { ops, columns }
}

/// The variables a projection's expressions read, when the projection is a function of them
/// alone: no `rand()` (two evaluations differ) and no pattern expressions (their variables
/// are not plain references). `None` when that cannot be promised.
pub fn pure_vars(exprs: &[&Expr]) -> Option<Vec<String>> {
    let mut vars: Vec<String> = Vec::new();
    let mut pure = true;
    for e in exprs {
        super::plan::walk(e, &mut |x| match x {
            Expr::Variable(v) if !vars.contains(v) => vars.push(v.clone()),
            Expr::Pattern(_) | Expr::PatternComprehension { .. } => pure = false,
            Expr::FunctionCall { name, .. } if name.eq_ignore_ascii_case("rand") => pure = false,
            _ => {}
        });
    }
    pure.then_some(vars)
}

/// The variables a non-aggregating projection reads in its items, sort keys and filter.
pub fn projection_vars(p: &ProjectPlan) -> Option<Vec<String>> {
    let mut exprs: Vec<&Expr> = p.items.iter().map(|(_, e)| e).collect();
    exprs.extend(p.order_by.iter().map(|(e, _)| e));
    exprs.extend(p.where_.iter());
    // ORDER BY and WHERE may read the projected columns by name; those are not input
    // variables, but including them only makes the check finer.
    pure_vars(&exprs)
}

/// Whether an operator may read a variable (conservatively: any mention counts).
fn op_mentions(op: &Op, name: &str) -> bool {
    let mut found = false;
    let mut look = |e: &Expr| {
        walk(e, &mut |x| {
            if let Expr::Variable(v) = x
                && v == name
            {
                found = true;
            }
        })
    };
    let mut part_names: Vec<String> = Vec::new();
    match op {
        Op::Match { parts, where_, .. } => {
            for p in parts {
                element_variables(&p.element, &mut part_names);
                walk_element(&p.element, &mut |x| look(x));
            }
            where_.iter().for_each(&mut look);
        }
        Op::Unwind { expr, .. } => look(expr),
        Op::Project(p) => {
            p.items.iter().for_each(|(_, e)| look(e));
            p.aggregates.iter().for_each(|(_, e)| look(e));
            p.order_by.iter().for_each(|(e, _)| look(e));
            p.skip
                .iter()
                .chain(&p.limit)
                .chain(&p.where_)
                .for_each(&mut look);
        }
        Op::Create { parts } => {
            for p in parts {
                part_names.extend(part_variables(p));
                walk_element(&p.element, &mut |x| look(x));
            }
        }
        Op::Merge { part, actions } => {
            element_variables(&part.element, &mut part_names);
            walk_element(&part.element, &mut |x| look(x));
            for a in actions {
                set_items_mention(&a.items, &mut part_names, &mut look);
            }
        }
        Op::Set(items) => set_items_mention(items, &mut part_names, &mut look),
        Op::Remove(items) => {
            for it in items {
                match it {
                    ast::RemoveItem::Property(e) => look(e),
                    ast::RemoveItem::Labels { variable, .. } => part_names.push(variable.clone()),
                }
            }
        }
        Op::Delete { exprs, .. } => exprs.iter().for_each(&mut look),
    }
    found || part_names.iter().any(|n| n == name)
}

fn set_items_mention(items: &[ast::SetItem], names: &mut Vec<String>, look: &mut dyn FnMut(&Expr)) {
    for it in items {
        match it {
            ast::SetItem::Property { target, value } => {
                look(target);
                look(value);
            }
            ast::SetItem::Replace { variable, value }
            | ast::SetItem::Extend { variable, value } => {
                names.push(variable.clone());
                look(value);
            }
            ast::SetItem::Labels { variable, .. } => names.push(variable.clone()),
        }
    }
}

fn push_name(bound: &mut Vec<String>, n: &str) {
    if !bound.iter().any(|b| b == n) {
        bound.push(n.to_string());
    }
}

/// Every variable a pattern part introduces, in order of appearance.
pub fn part_variables(p: &PatternPart) -> Vec<String> {
    let mut v = Vec::new();
    element_variables(&p.element, &mut v);
    if let Some(pv) = &p.variable {
        push_name(&mut v, pv);
    }
    v
}

pub fn element_variables(e: &PatternElement, v: &mut Vec<String>) {
    if let Some(n) = &e.start.variable {
        push_name(v, n);
    }
    for s in &e.chain {
        if let Some(r) = &s.rel.variable {
            push_name(v, r);
        }
        if let Some(n) = &s.node.variable {
            push_name(v, n);
        }
    }
}

fn bind_part(p: &PatternPart, bound: &mut Vec<String>) {
    for v in part_variables(p) {
        push_name(bound, &v);
    }
}

/// Chooses where to start a part: at a bound start node, else at a bound end node (walking
/// the chain backwards), else by label scan, else over all nodes.
fn plan_part(p: &PatternPart, bound: &[String]) -> PartPlan {
    let is_bound = |n: &ast::NodePattern| {
        n.variable
            .as_ref()
            .is_some_and(|v| bound.iter().any(|b| b == v))
    };
    // Lower is a better place to start: a bound node, then a node found by the name index,
    // then a node with a property map (most selective without statistics), then a labelled
    // node, then any node.
    let cost = |n: &ast::NodePattern| {
        if is_bound(n) {
            return 0;
        }
        if index_key(n).is_some() {
            return 1;
        }
        match (n.properties.is_some(), n.labels.is_empty()) {
            (true, false) => 2,
            (true, true) => 3,
            (false, false) => 4,
            (false, true) => 5,
        }
    };
    let e = &p.element;
    let last = e.chain.last().map(|s| &s.node);
    let reverse = p.kind == PathKind::All && last.is_some_and(|n| cost(n) < cost(&e.start));
    let element = if reverse {
        reverse_element(e)
    } else {
        e.clone()
    };
    let start = if is_bound(&element.start) {
        Start::Bound(element.start.variable.clone().unwrap_or_default())
    } else if let Some(k) = index_key(&element.start) {
        Start::IndexSeek(k.to_string())
    } else if let Some(l) = element.start.labels.first() {
        Start::LabelScan(l.clone())
    } else {
        Start::AllNodes
    };
    PartPlan {
        variable: p.variable.clone(),
        kind: p.kind,
        element,
        reversed: reverse,
        start,
    }
}

/// Property keys the graph keeps an exact index for (`GraphView::nodes_with_prop`).
pub const INDEXED_KEYS: [&str; 1] = ["name"];

/// The indexed key a node pattern's property map fixes, if any, so that matching can start
/// from an index lookup. A map whose values read the node's own variable (`(n {name:
/// n.other})`) cannot be evaluated before the node is known, so it never qualifies.
pub fn index_key(n: &ast::NodePattern) -> Option<&'static str> {
    let Some(Expr::Map(entries)) = n.properties.as_deref() else {
        return None;
    };
    let mut self_ref = false;
    if let Some(v) = &n.variable {
        for (_, e) in entries {
            walk(e, &mut |x| {
                if matches!(x, Expr::Variable(y) if y == v) {
                    self_ref = true;
                }
            });
        }
    }
    if self_ref {
        return None;
    }
    INDEXED_KEYS
        .into_iter()
        .find(|k| entries.iter().any(|(key, _)| key == k))
}

/// The same chain read from its last node to its first.
pub fn reverse_element(e: &PatternElement) -> PatternElement {
    let mut nodes = vec![e.start.clone()];
    let mut rels = Vec::new();
    for s in &e.chain {
        rels.push(s.rel.clone());
        nodes.push(s.node.clone());
    }
    nodes.reverse();
    rels.reverse();
    let mut it = nodes.into_iter();
    let start = it.next().unwrap_or_else(|| e.start.clone());
    let chain = rels
        .into_iter()
        .zip(it)
        .map(|(mut rel, node)| {
            rel.direction = match rel.direction {
                ast::Direction::Left => ast::Direction::Right,
                ast::Direction::Right => ast::Direction::Left,
                ast::Direction::Both => ast::Direction::Both,
            };
            ast::PatternStep { rel, node }
        })
        .collect();
    PatternElement { start, chain }
}

fn plan_projection(
    p: &Projection,
    where_: Option<Expr>,
    is_return: bool,
    bound: &[String],
) -> ProjectPlan {
    let mut items: Vec<(String, Expr)> = Vec::new();
    if p.star {
        let mut names: Vec<&String> = bound.iter().collect();
        names.sort();
        for n in names {
            items.push((n.clone(), Expr::Variable(n.clone())));
        }
    }
    for it in &p.items {
        items.push((it.column_name().to_string(), it.expr.clone()));
    }
    let mut aggregates: Vec<(String, Expr)> = Vec::new();
    let mut aggregating = Vec::new();
    let items: Vec<(String, Expr)> = items
        .into_iter()
        .map(|(c, e)| {
            let has = contains_aggregate(&e);
            aggregating.push(has);
            if !has {
                return (c, e);
            }
            let e = rewrite(&e, &mut |x| {
                if !is_aggregate(x) {
                    return None;
                }
                let name = match aggregates.iter().find(|(_, a)| a == x) {
                    Some((n, _)) => n.clone(),
                    None => {
                        let n = format!(" agg{}", aggregates.len());
                        aggregates.push((n.clone(), x.clone()));
                        n
                    }
                };
                Some(Expr::Variable(name))
            });
            (c, e)
        })
        .collect();
    // ORDER BY may name a projected expression instead of its alias; both read the column.
    let originals: Vec<(String, Expr)> = {
        let mut v = Vec::new();
        if p.star {
            let mut names: Vec<&String> = bound.iter().collect();
            names.sort();
            for n in names {
                v.push((n.clone(), Expr::Variable(n.clone())));
            }
        }
        for it in &p.items {
            v.push((it.column_name().to_string(), it.expr.clone()));
        }
        v
    };
    let order_by = p
        .order_by
        .iter()
        .map(|s| {
            let e = rewrite(&s.expr, &mut |x| {
                if matches!(x, Expr::Variable(_)) {
                    return None;
                }
                originals
                    .iter()
                    .find(|(_, o)| o == x)
                    .map(|(c, _)| Expr::Variable(c.clone()))
            });
            (e, s.descending)
        })
        .collect();
    let where_ = where_.map(|w| {
        rewrite(&w, &mut |x| {
            if matches!(x, Expr::Variable(_)) {
                return None;
            }
            originals
                .iter()
                .find(|(_, o)| o == x)
                .map(|(c, _)| Expr::Variable(c.clone()))
        })
    });
    let mut plan = ProjectPlan {
        is_return,
        distinct: p.distinct,
        items,
        aggregating,
        aggregates,
        order_by,
        skip: p.skip.clone(),
        limit: p.limit.clone(),
        where_,
        batched: false,
        group_by: None,
        count_per_node: false,
        count_walk: false,
    };
    plan.batched = !plan.has_aggregates()
        && !plan.distinct
        // Without items (`WITH *` of nothing) each input row still makes a row, which a
        // batch of no values cannot count.
        && !plan.items.is_empty()
        && plan
            .items
            .iter()
            .all(|(_, e)| matches!(e, Expr::Property(x, _) if matches!(**x, Expr::Variable(_))))
        && !reads_beyond(&plan);
    if plan.has_aggregates() {
        let keys: Vec<&Expr> = (plan.items.iter().zip(&plan.aggregating))
            .filter(|(_, a)| !**a)
            .map(|((_, e), _)| e)
            .collect();
        plan.group_by = pure_vars(&keys);
        plan.count_per_node = counts_per_node(&plan);
    }
    plan
}

/// Whether an aggregation can count its rows per node (see `ProjectPlan::count_per_node`).
/// The keys must be the grouping variable or its properties, which never fail on a node
/// (so reading them at the end, not at the group's first row, cannot change which error a
/// query reports); `count(*)` per node adds up exactly when nodes merge; the aggregating
/// items may read nothing but the counts and the variable; and nothing may need the
/// groups' input rows.
fn counts_per_node(p: &ProjectPlan) -> bool {
    let Some([v]) = p.group_by.as_deref() else {
        return false;
    };
    let is_v = |e: &Expr| matches!(e, Expr::Variable(x) if x == v);
    let keys_ok = (p.items.iter().zip(&p.aggregating))
        .filter(|(_, a)| !**a)
        .all(|((_, e), _)| match e {
            Expr::Property(x, _) => is_v(x),
            e => is_v(e),
        });
    let aggs_ok = !p.aggregates.is_empty()
        && p.aggregates
            .iter()
            .all(|(_, e)| matches!(e, Expr::CountStar));
    let items_ok = (p.items.iter().zip(&p.aggregating))
        .filter(|(_, a)| **a)
        .all(|((_, e), _)| {
            pure_vars(&[e]).is_some_and(|vars| {
                vars.iter()
                    .all(|x| x == v || p.aggregates.iter().any(|(n, _)| n == x))
            })
        });
    keys_ok && aggs_ok && items_ok && !reads_beyond(p)
}

/// The variable a MATCH of these parts (with variables `bound` before it, no WHERE, not
/// OPTIONAL) could count in the walk (`ProjectPlan::count_walk`): its last node's, when the
/// match is one part without a path variable whose chain has only single relationships of
/// one type each, without variables or properties, and whose nodes after the start have no
/// property maps and no variables but fresh ones, each used once. Such a match binds
/// nothing another node or relationship of the pattern must agree with, so its rows are
/// exactly the walks over the adjacency's runs, and only relationship uniqueness (two
/// steps of one type) remains to be checked. The start node is matched as usual.
fn counted_walk(parts: &[PartPlan], bound: &[String]) -> Option<String> {
    let [part] = parts else { return None };
    let e = &part.element;
    if part.kind != PathKind::All || part.variable.is_some() || e.chain.is_empty() {
        return None;
    }
    let mut seen: Vec<&String> = e.start.variable.iter().collect();
    for s in &e.chain {
        let r = &s.rel;
        if r.length.is_some() || r.types.len() != 1 || r.variable.is_some() {
            return None;
        }
        if r.properties.is_some() || s.node.properties.is_some() {
            return None;
        }
        if let Some(v) = &s.node.variable {
            if seen.contains(&v) || bound.contains(v) {
                return None;
            }
            seen.push(v);
        }
    }
    e.chain.last().and_then(|s| s.node.variable.clone())
}

/// Whether a projection's ORDER BY or WHERE may read more than its own columns (an input
/// variable it dropped), so that its rows must keep the input row they came from.
pub fn reads_beyond(p: &ProjectPlan) -> bool {
    if p.where_.is_some() {
        return true;
    }
    let mut beyond = false;
    for (e, _) in &p.order_by {
        walk(e, &mut |x| match x {
            Expr::Variable(v) if !p.items.iter().any(|(c, _)| c == v) => beyond = true,
            // Their variables are not plain references: assume the worst.
            Expr::Pattern(_) | Expr::PatternComprehension { .. } => beyond = true,
            _ => {}
        });
    }
    beyond
}

/// The plan as an indented operator tree, the final operator first.
pub fn explain(plan: &Plan) -> String {
    let mut out = String::new();
    if plan.parts.len() > 1 {
        let _ = writeln!(out, "{}", if plan.union_all { "UnionAll" } else { "Union" });
        for p in &plan.parts {
            explain_pipeline(p, 1, &mut out);
        }
    } else if let Some(p) = plan.parts.first() {
        explain_pipeline(p, 0, &mut out);
    }
    out
}

fn explain_pipeline(p: &Pipeline, base: usize, out: &mut String) {
    let mut lines: Vec<String> = vec!["Start".to_string()];
    for op in &p.ops {
        lines.extend(op_lines(op));
    }
    for (depth, line) in lines.iter().rev().enumerate() {
        let _ = writeln!(out, "{}{}", "  ".repeat(base + depth), line);
    }
}

fn comma<T: std::fmt::Display>(xs: impl IntoIterator<Item = T>) -> String {
    xs.into_iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The operator lines of one op, innermost (first executed) first.
fn op_lines(op: &Op) -> Vec<String> {
    let mut v = Vec::new();
    match op {
        Op::Match {
            optional,
            parts,
            where_,
            distinct_on,
        } => {
            let mut inner = Vec::new();
            for p in parts {
                inner.extend(part_lines(p));
            }
            if let Some(w) = where_ {
                inner.push(format!("Filter {w}"));
            }
            if let Some(d) = distinct_on {
                inner.push(format!("DistinctRows [{}]", comma(d)));
            }
            if *optional {
                v.push(format!("Optional [{}]", inner.join(" → ")));
            } else {
                v.extend(inner);
            }
        }
        Op::Unwind { expr, variable, .. } => v.push(format!("Unwind {expr} AS {variable}")),
        Op::Project(p) => {
            if p.has_aggregates() {
                let keys: Vec<&String> = p
                    .items
                    .iter()
                    .zip(&p.aggregating)
                    .filter(|(_, a)| !**a)
                    .map(|((c, _), _)| c)
                    .collect();
                let mut by = match &p.group_by {
                    Some(vars) if !vars.is_empty() => format!(" by [{}]", comma(vars)),
                    _ => String::new(),
                };
                if p.count_per_node {
                    by.push_str(" counted per node");
                }
                if p.count_walk {
                    // The expansions below count their last nodes as they walk, without
                    // making rows.
                    v.push(format!(
                        "CountingExpand [{}]",
                        comma(p.group_by.iter().flatten())
                    ));
                }
                v.push(format!(
                    "Aggregate keys [{}]{by} aggregates [{}]",
                    comma(keys),
                    comma(p.aggregates.iter().map(|(_, e)| e))
                ));
            }
            if p.batched {
                // The reads happen below the projection, a batch of rows at a time.
                v.push(format!(
                    "BatchedReads [{}]",
                    comma(p.items.iter().map(|(_, e)| e))
                ));
            }
            let what = if p.is_return { "Return" } else { "With" };
            v.push(format!(
                "{what}{} [{}]",
                if p.distinct { " DISTINCT" } else { "" },
                comma(p.items.iter().map(|(c, e)| {
                    // Show aggregate calls where they stand, not their internal names.
                    let e = rewrite(e, &mut |x| match x {
                        Expr::Variable(v) => p
                            .aggregates
                            .iter()
                            .find(|(n, _)| n == v)
                            .map(|(_, a)| a.clone()),
                        _ => None,
                    });
                    if *c == e.to_string() {
                        c.clone()
                    } else {
                        format!("{e} AS {c}")
                    }
                }))
            ));
            if !p.order_by.is_empty() {
                // With a LIMIT, only the first SKIP + LIMIT rows are selected and sorted.
                let sort = match (&p.skip, &p.limit) {
                    (None, Some(l)) => format!("Top {l}"),
                    (Some(s), Some(l)) => format!("Top {s} + {l}"),
                    _ => "Sort".to_string(),
                };
                v.push(format!(
                    "{sort} [{}]",
                    comma(
                        p.order_by
                            .iter()
                            .map(|(e, d)| format!("{e} {}", if *d { "DESC" } else { "ASC" }))
                    )
                ));
            }
            if let Some(s) = &p.skip {
                v.push(format!("Skip {s}"));
            }
            if let Some(l) = &p.limit {
                v.push(format!("Limit {l}"));
            }
            if let Some(w) = &p.where_ {
                v.push(format!("Filter {w}"));
            }
        }
        Op::Create { parts } => v.push(format!("Create {}", comma(parts))),
        Op::Merge { part, actions } => {
            let mut s = format!("Merge {}", part_text(part));
            for a in actions {
                let _ = write!(
                    s,
                    " ON {} SET {}",
                    if a.on_create { "CREATE" } else { "MATCH" },
                    comma(a.items.iter().map(set_item_text))
                );
            }
            v.push(s)
        }
        Op::Set(items) => v.push(format!("Set {}", comma(items.iter().map(set_item_text)))),
        Op::Remove(items) => v.push(format!(
            "Remove {}",
            comma(items.iter().map(|i| match i {
                ast::RemoveItem::Property(e) => e.to_string(),
                ast::RemoveItem::Labels { variable, labels } =>
                    format!("{variable}:{}", labels.join(":")),
            }))
        )),
        Op::Delete { detach, exprs } => v.push(format!(
            "{}Delete {}",
            if *detach { "Detach" } else { "" },
            comma(exprs)
        )),
    }
    v
}

fn set_item_text(i: &ast::SetItem) -> String {
    match i {
        ast::SetItem::Property { target, value } => format!("{target} = {value}"),
        ast::SetItem::Replace { variable, value } => format!("{variable} = {value}"),
        ast::SetItem::Extend { variable, value } => format!("{variable} += {value}"),
        ast::SetItem::Labels { variable, labels } => format!("{variable}:{}", labels.join(":")),
    }
}

fn part_text(p: &PartPlan) -> String {
    let mut s = String::new();
    if let Some(v) = &p.variable {
        let _ = write!(s, "{v} = ");
    }
    match p.kind {
        PathKind::All => {
            let _ = write!(s, "{}", p.element);
        }
        PathKind::Shortest => {
            let _ = write!(s, "shortestPath({})", p.element);
        }
        PathKind::AllShortest => {
            let _ = write!(s, "allShortestPaths({})", p.element);
        }
    }
    s
}

fn part_lines(p: &PartPlan) -> Vec<String> {
    let mut v = Vec::new();
    let e = &p.element;
    let n = &e.start;
    let name = n.variable.as_deref().unwrap_or("_");
    v.push(match &p.start {
        Start::Bound(var) => format!("Argument ({var})"),
        Start::IndexSeek(k) => {
            let value = match n.properties.as_deref() {
                Some(Expr::Map(entries)) => entries
                    .iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, e)| e.to_string())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            format!("NodeIndexSeek ({name}.{k} = {value})")
        }
        Start::LabelScan(l) => format!("NodeByLabelScan ({name}:{l})"),
        Start::AllNodes => format!("AllNodesScan ({name})"),
    });
    let extra_labels = match &p.start {
        Start::LabelScan(_) => n.labels.iter().skip(1).cloned().collect::<Vec<_>>(),
        _ => n.labels.clone(),
    };
    if !extra_labels.is_empty() || n.properties.is_some() {
        let mut f = format!("Filter ({name}");
        for l in &extra_labels {
            let _ = write!(f, ":{l}");
        }
        if let Some(pr) = &n.properties {
            let _ = write!(f, " {pr}");
        }
        f.push(')');
        v.push(f);
    }
    if p.kind != PathKind::All {
        v.push(format!("ShortestPath {}", part_text(p)));
        return v;
    }
    let mut prev = name.to_string();
    for s in &e.chain {
        let to = ast::NodePattern {
            variable: s.node.variable.clone(),
            labels: s.node.labels.clone(),
            properties: s.node.properties.clone(),
        };
        let op = if s.rel.length.is_some() {
            "VarExpand"
        } else {
            "Expand"
        };
        v.push(format!("{op} ({prev}){}{to}", s.rel));
        prev = s.node.variable.clone().unwrap_or_else(|| "_".into());
    }
    if let Some(pv) = &p.variable {
        v.push(format!(
            "NamedPath {pv}{}",
            if p.reversed { " (reversed)" } else { "" }
        ));
    }
    v
}
