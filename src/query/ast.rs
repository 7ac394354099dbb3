//! The typed syntax tree of the query language (an openCypher subset plus the
//! one-line "who said what" sugar).
//!
//! Only `parser.rs` knows pest; everything downstream (planner, executor, REPL)
//! works on these types. `Display` on every type prints canonical query text:
//! keywords in upper case, single spaces, minimal parentheses. Parsing that
//! text again yields an equal tree, which the tests check over the TCK queries.
//!
//! Design notes, so the engine side knows what to expect:
//! - Parentheses are not kept: `(a + b) * c` is a `Binary(Mul, Binary(Add, ..), c)`.
//! - A minus directly in front of a number literal is folded into the literal,
//!   so `-9223372036854775808` is representable and `-1` is `Literal(Int(-1))`.
//! - `<-->` and `--` both mean "either direction" and both become
//!   `Direction::Both`; the printer writes `--`.
//! - Each projection item keeps the text of its expression exactly as typed,
//!   because openCypher names unaliased columns after that text
//!   (`RETURN n.name, count( * )` has columns `n.name` and `count( * )`).

use std::fmt::{self, Display, Formatter, Write as _};

/// A byte range `start..end` (end exclusive) into the query source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// A whole query: one single query, optionally followed by `UNION [ALL]` parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub first: SingleQuery,
    /// Further parts in source order, each joined to what precedes it by
    /// `UNION` (`all == false`, duplicates removed) or `UNION ALL`.
    pub unions: Vec<UnionPart>,
}

/// One `UNION [ALL] <single query>` tail of a [`Query`].
#[derive(Debug, Clone, PartialEq)]
pub struct UnionPart {
    pub all: bool,
    pub query: SingleQuery,
}

/// A sequence of clauses without UNION. A reading query ends with `RETURN`;
/// an updating query may end with an updating clause instead.
#[derive(Debug, Clone, PartialEq)]
pub struct SingleQuery {
    pub clauses: Vec<Clause>,
}

/// One clause, in source order.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    Match(Match),
    Unwind(Unwind),
    With(With),
    Return(Return),
    Create(Create),
    Merge(Merge),
    Set(SetClause),
    Remove(Remove),
    Delete(Delete),
}

/// `[OPTIONAL] MATCH pattern [WHERE predicate]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub optional: bool,
    pub pattern: Pattern,
    pub where_: Option<Expr>,
}

/// `UNWIND expr AS variable`.
#[derive(Debug, Clone, PartialEq)]
pub struct Unwind {
    pub expr: Expr,
    pub variable: String,
}

/// `WITH projection [WHERE predicate]`. The WHERE filters the projected rows
/// and may only see the projected variables.
#[derive(Debug, Clone, PartialEq)]
pub struct With {
    pub projection: Projection,
    pub where_: Option<Expr>,
}

/// `RETURN projection`.
#[derive(Debug, Clone, PartialEq)]
pub struct Return {
    pub projection: Projection,
}

/// `CREATE pattern`.
#[derive(Debug, Clone, PartialEq)]
pub struct Create {
    pub pattern: Pattern,
}

/// `MERGE part [ON CREATE SET ...] [ON MATCH SET ...]...`.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub part: PatternPart,
    /// Actions in source order; there may be several of each kind.
    pub actions: Vec<MergeAction>,
}

/// `ON CREATE SET items` (`on_create == true`) or `ON MATCH SET items`.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeAction {
    pub on_create: bool,
    pub items: Vec<SetItem>,
}

/// `SET item, item, ...`.
#[derive(Debug, Clone, PartialEq)]
pub struct SetClause {
    pub items: Vec<SetItem>,
}

/// One assignment of a SET clause or a MERGE action.
#[derive(Debug, Clone, PartialEq)]
pub enum SetItem {
    /// `n.p = e`: `target` is a property expression (`Expr::Property`).
    Property { target: Expr, value: Expr },
    /// `n = map`: replaces all properties of `n`.
    Replace { variable: String, value: Expr },
    /// `n += map`: adds/overwrites the given properties of `n`.
    Extend { variable: String, value: Expr },
    /// `n:A:B`: adds labels.
    Labels {
        variable: String,
        labels: Vec<String>,
    },
}

/// `REMOVE item, item, ...`.
#[derive(Debug, Clone, PartialEq)]
pub struct Remove {
    pub items: Vec<RemoveItem>,
}

/// One item of a REMOVE clause.
#[derive(Debug, Clone, PartialEq)]
pub enum RemoveItem {
    /// `n.p`: the target is a property expression (`Expr::Property`).
    Property(Expr),
    /// `n:A:B`.
    Labels {
        variable: String,
        labels: Vec<String>,
    },
}

/// `[DETACH] DELETE expr, expr, ...`.
#[derive(Debug, Clone, PartialEq)]
pub struct Delete {
    pub detach: bool,
    pub exprs: Vec<Expr>,
}

/// The body shared by RETURN and WITH.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    pub distinct: bool,
    /// `RETURN *` / `WITH *`: all variables in scope, before any `items`
    /// (`RETURN *, n.x AS y` is allowed).
    pub star: bool,
    pub items: Vec<ProjectionItem>,
    pub order_by: Vec<SortItem>,
    pub skip: Option<Expr>,
    pub limit: Option<Expr>,
}

/// One `expr [AS alias]` of a projection.
///
/// Equality ignores `text` and `span`: they describe how the item was typed,
/// not what it means, and a canonical reprint changes them.
#[derive(Debug, Clone)]
pub struct ProjectionItem {
    pub expr: Expr,
    pub alias: Option<String>,
    /// The expression exactly as typed (trimmed), used as the column name when
    /// there is no alias.
    pub text: String,
    /// Where the whole item (expression and alias) stands in the source.
    pub span: Span,
}

impl ProjectionItem {
    /// The column name this item produces: the alias, or else the expression
    /// text exactly as typed.
    pub fn column_name(&self) -> &str {
        self.alias.as_deref().unwrap_or(&self.text)
    }
}

impl PartialEq for ProjectionItem {
    fn eq(&self, other: &Self) -> bool {
        self.expr == other.expr && self.alias == other.alias
    }
}

/// One `expr [ASC|DESC]` of ORDER BY.
#[derive(Debug, Clone, PartialEq)]
pub struct SortItem {
    pub expr: Expr,
    /// `DESC`/`DESCENDING`; otherwise ascending (the default).
    pub descending: bool,
}

/// A comma-separated list of pattern parts, as in MATCH and CREATE.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    pub parts: Vec<PatternPart>,
}

/// One connected pattern, optionally bound to a path variable
/// (`p = (a)-->(b)`) and optionally wrapped in a shortest-path function.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternPart {
    pub variable: Option<String>,
    pub kind: PathKind,
    pub element: PatternElement,
}

/// How a pattern part is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// Every match of the pattern.
    All,
    /// `shortestPath(...)`: one shortest match per pair of end nodes.
    Shortest,
    /// `allShortestPaths(...)`: all shortest matches per pair of end nodes.
    AllShortest,
}

/// A chain `(node) rel (node) rel (node) ...`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternElement {
    pub start: NodePattern,
    pub chain: Vec<PatternStep>,
}

/// One `rel (node)` step of a [`PatternElement`].
#[derive(Debug, Clone, PartialEq)]
pub struct PatternStep {
    pub rel: RelPattern,
    pub node: NodePattern,
}

/// `(variable:Label1:Label2 {props})`, every part optional.
#[derive(Debug, Clone, PartialEq)]
pub struct NodePattern {
    pub variable: Option<String>,
    /// All labels must be present (conjunction).
    pub labels: Vec<String>,
    pub properties: Option<Box<Expr>>,
}

/// `-[variable:T1|T2*min..max {props}]->` and its other directions.
#[derive(Debug, Clone, PartialEq)]
pub struct RelPattern {
    pub variable: Option<String>,
    /// Any of these types matches (disjunction); empty means any type.
    pub types: Vec<String>,
    pub direction: Direction,
    /// `Some` for a variable-length relationship (`*`, `*2`, `*1..3`, ...).
    pub length: Option<VarLength>,
    /// A map literal or a parameter (`Expr::Map` or `Expr::Parameter`).
    pub properties: Option<Box<Expr>>,
}

/// Direction of a relationship pattern, read left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `-->`: from the left node to the right node.
    Right,
    /// `<--`: from the right node to the left node.
    Left,
    /// `--` or `<-->`: either direction.
    Both,
}

/// Bounds of a variable-length relationship. `*` has neither bound,
/// `*3` is `min = max = 3`, `*..3` has only `max`, `*2..` only `min`.
/// The engine applies openCypher's default minimum of 1 when `min` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VarLength {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// A literal value.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// The unescaped string.
    String(String),
}

/// Prefix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `NOT e`
    Not,
    /// `-e` (on a non-literal; `-1` is folded into the literal)
    Neg,
    /// `+e`
    Plus,
}

/// Infix operators other than comparisons (those chain, see
/// [`Expr::Comparison`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Or,
    Xor,
    And,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    /// `e IN list`
    In,
    StartsWith,
    EndsWith,
    Contains,
    /// `e =~ regex`
    RegexMatch,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// The quantifier of a list predicate such as `all(x IN l WHERE p)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    All,
    Any,
    None,
    Single,
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Literal(Literal),
    /// `$name` (or `$0`); the name without the dollar.
    Parameter(String),
    Variable(String),
    /// `e.key`
    Property(Box<Expr>, String),
    /// `[a, b, c]`
    List(Vec<Expr>),
    /// `{key: value, ...}` in source order.
    Map(Vec<(String, Expr)>),
    /// `e[index]`
    Index(Box<Expr>, Box<Expr>),
    /// `e[from..to]`, either bound optional.
    Slice {
        expr: Box<Expr>,
        from: Option<Box<Expr>>,
        to: Option<Box<Expr>>,
    },
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// A comparison chain `a < b <= c`: `first` then each `(op, operand)`.
    /// openCypher reads it as `a < b AND b <= c` (with `b` evaluated once).
    Comparison {
        first: Box<Expr>,
        rest: Vec<(CompOp, Expr)>,
    },
    /// `e IS NULL` (`negated == false`) or `e IS NOT NULL`.
    IsNull {
        expr: Box<Expr>,
        negated: bool,
    },
    /// `e:Label1:Label2`: true when the node has all labels.
    HasLabels(Box<Expr>, Vec<String>),
    /// `name(args)` or `ns.name(DISTINCT args)`. `name` holds the dotted
    /// name as typed (`toLower`, `whosaid.resolve`); openCypher function
    /// names are case-insensitive, so the engine compares them that way.
    FunctionCall {
        name: String,
        distinct: bool,
        args: Vec<Expr>,
    },
    /// `count(*)`
    CountStar,
    /// `CASE [operand] WHEN w THEN t ... [ELSE e] END`. With an operand it is
    /// the simple form (compare operand to each `w`), without it the generic
    /// form (each `w` is a predicate).
    Case {
        operand: Option<Box<Expr>>,
        alternatives: Vec<(Expr, Expr)>,
        default: Option<Box<Expr>>,
    },
    /// `[x IN list WHERE predicate | projection]`.
    ListComprehension {
        variable: String,
        list: Box<Expr>,
        predicate: Option<Box<Expr>>,
        projection: Option<Box<Expr>>,
    },
    /// `[p = (a)-->(b) WHERE predicate | projection]`.
    PatternComprehension {
        variable: Option<String>,
        pattern: PatternElement,
        predicate: Option<Box<Expr>>,
        projection: Box<Expr>,
    },
    /// `all|any|none|single(x IN list WHERE predicate)`.
    ListPredicate {
        quantifier: Quantifier,
        variable: String,
        list: Box<Expr>,
        predicate: Option<Box<Expr>>,
    },
    /// A relationship pattern used as a predicate (`WHERE (a)-->(b)`): true
    /// when at least one match exists. Always has at least one step.
    Pattern(PatternElement),
}

impl Expr {
    /// The direct subexpressions of this expression, including the property
    /// maps of patterns inside it, in source order. Useful for walks such as
    /// finding aggregates or free variables without writing a full visitor.
    pub fn children(&self) -> Vec<&Expr> {
        let mut out = Vec::new();
        match self {
            Expr::Literal(_) | Expr::Parameter(_) | Expr::Variable(_) | Expr::CountStar => {}
            Expr::Property(e, _) | Expr::HasLabels(e, _) => out.push(&**e),
            Expr::Unary(_, e) => out.push(&**e),
            Expr::IsNull { expr, .. } => out.push(&**expr),
            Expr::List(items) => out.extend(items.iter()),
            Expr::Map(entries) => out.extend(entries.iter().map(|(_, v)| v)),
            Expr::Index(e, i) => {
                out.push(&**e);
                out.push(&**i);
            }
            Expr::Slice { expr, from, to } => {
                out.push(&**expr);
                out.extend(from.as_deref());
                out.extend(to.as_deref());
            }
            Expr::Binary(_, l, r) => {
                out.push(&**l);
                out.push(&**r);
            }
            Expr::Comparison { first, rest } => {
                out.push(&**first);
                out.extend(rest.iter().map(|(_, e)| e));
            }
            Expr::FunctionCall { args, .. } => out.extend(args.iter()),
            Expr::Case {
                operand,
                alternatives,
                default,
            } => {
                out.extend(operand.as_deref());
                for (w, t) in alternatives {
                    out.push(w);
                    out.push(t);
                }
                out.extend(default.as_deref());
            }
            Expr::ListComprehension {
                list,
                predicate,
                projection,
                ..
            } => {
                out.push(&**list);
                out.extend(predicate.as_deref());
                out.extend(projection.as_deref());
            }
            Expr::PatternComprehension {
                pattern,
                predicate,
                projection,
                ..
            } => {
                out.extend(pattern.property_exprs());
                out.extend(predicate.as_deref());
                out.push(&**projection);
            }
            Expr::ListPredicate {
                list, predicate, ..
            } => {
                out.push(&**list);
                out.extend(predicate.as_deref());
            }
            Expr::Pattern(p) => out.extend(p.property_exprs()),
        }
        out
    }
}

impl PatternElement {
    /// The property maps (or parameters) of the nodes and relationships of
    /// this element, in source order.
    pub fn property_exprs(&self) -> Vec<&Expr> {
        let mut out: Vec<&Expr> = self.start.properties.as_deref().into_iter().collect();
        for step in &self.chain {
            out.extend(step.rel.properties.as_deref());
            out.extend(step.node.properties.as_deref());
        }
        out
    }
}

// ---------------------------------------------------------------------------
// The one-line sugar.
// ---------------------------------------------------------------------------

/// A parsed one-line question such as `WHO SAID WHAT ABOUT Donald Trump SINCE
/// 2025-12-01`. `sugar::desugar` turns it into an ordinary [`Query`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sugar {
    pub ask: Ask,
    /// `SINCE date`: statements published on or after this day.
    pub since: Option<Date>,
    /// `UNTIL date`: statements published on or before this day.
    pub until: Option<Date>,
}

/// The three question shapes of the sugar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// `WHO SAID WHAT ABOUT <name>`: every statement about the entity.
    WhoSaidAbout { about: String },
    /// `WHAT DID <speaker> SAY [ABOUT <name>]`: statements by one speaker,
    /// optionally restricted to those about an entity.
    WhatDidSay {
        speaker: String,
        about: Option<String>,
    },
    /// `WHO SAID "<text>"`: statements whose text contains the words
    /// (case-insensitive).
    WhoSaidText { text: String },
}

/// A calendar day `YYYY-MM-DD` (validated by the parser).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Display for Date {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

// ---------------------------------------------------------------------------
// Canonical printing.
// ---------------------------------------------------------------------------

/// Writes `items` separated by `sep`.
fn join<T: Display>(f: &mut Formatter<'_>, items: &[T], sep: &str) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}

/// True when `name` is an identifier by the grammar's own rule, so it can
/// be printed without backticks.
fn is_identifier(name: &str) -> bool {
    super::parser::is_identifier(name)
}

/// Reserved words of the grammar, which must be escaped when used as names.
pub fn is_reserved(word: &str) -> bool {
    const RESERVED: &[&str] = &[
        "ALL",
        "AND",
        "AS",
        "ASC",
        "ASCENDING",
        "BY",
        "CASE",
        "CONTAINS",
        "CREATE",
        "DELETE",
        "DESC",
        "DESCENDING",
        "DETACH",
        "DISTINCT",
        "ELSE",
        "END",
        "ENDS",
        "FALSE",
        "IN",
        "IS",
        "LIMIT",
        "MATCH",
        "MERGE",
        "NOT",
        "NULL",
        "ON",
        "OPTIONAL",
        "OR",
        "ORDER",
        "REMOVE",
        "RETURN",
        "SET",
        "SKIP",
        "STARTS",
        "THEN",
        "TRUE",
        "UNION",
        "UNWIND",
        "WHEN",
        "WHERE",
        "WITH",
        "XOR",
    ];
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(word))
}

/// Prints a variable, alias or parameter name, in backticks when it is not
/// an identifier or is a reserved word.
pub struct Name<'a>(pub &'a str);

impl Display for Name<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_name(f, self.0, !is_identifier(self.0) || is_reserved(self.0))
    }
}

/// Prints a label, relationship type, property key or function name part.
/// Reserved words are fine there (`:IN`, `n.end`), so only names that are not
/// identifiers get backticks.
pub struct SchemaName<'a>(pub &'a str);

impl Display for SchemaName<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_name(f, self.0, !is_identifier(self.0))
    }
}

fn write_name(f: &mut Formatter<'_>, name: &str, quote: bool) -> fmt::Result {
    if quote {
        f.write_char('`')?;
        f.write_str(&name.replace('`', "``"))?;
        f.write_char('`')
    } else {
        f.write_str(name)
    }
}

/// Prints a string literal in single quotes with the escapes the parser reads.
pub fn write_string_literal(f: &mut impl fmt::Write, s: &str) -> fmt::Result {
    f.write_char('\'')?;
    for c in s.chars() {
        match c {
            '\'' => f.write_str("\\'")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{8}' => f.write_str("\\b")?,
            '\u{c}' => f.write_str("\\f")?,
            c if c.is_control() => write!(f, "\\u{:04X}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('\'')
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first)?;
        for u in &self.unions {
            f.write_str(if u.all { " UNION ALL " } else { " UNION " })?;
            write!(f, "{}", u.query)?;
        }
        Ok(())
    }
}

impl Display for SingleQuery {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        join(f, &self.clauses, " ")
    }
}

impl Display for Clause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Clause::Match(m) => {
                if m.optional {
                    f.write_str("OPTIONAL ")?;
                }
                write!(f, "MATCH {}", m.pattern)?;
                if let Some(w) = &m.where_ {
                    write!(f, " WHERE {w}")?;
                }
                Ok(())
            }
            Clause::Unwind(u) => write!(f, "UNWIND {} AS {}", u.expr, Name(&u.variable)),
            Clause::With(w) => {
                write!(f, "WITH {}", w.projection)?;
                if let Some(p) = &w.where_ {
                    write!(f, " WHERE {p}")?;
                }
                Ok(())
            }
            Clause::Return(r) => write!(f, "RETURN {}", r.projection),
            Clause::Create(c) => write!(f, "CREATE {}", c.pattern),
            Clause::Merge(m) => {
                write!(f, "MERGE {}", m.part)?;
                for a in &m.actions {
                    f.write_str(if a.on_create {
                        " ON CREATE SET "
                    } else {
                        " ON MATCH SET "
                    })?;
                    join(f, &a.items, ", ")?;
                }
                Ok(())
            }
            Clause::Set(s) => {
                f.write_str("SET ")?;
                join(f, &s.items, ", ")
            }
            Clause::Remove(r) => {
                f.write_str("REMOVE ")?;
                join(f, &r.items, ", ")
            }
            Clause::Delete(d) => {
                if d.detach {
                    f.write_str("DETACH ")?;
                }
                f.write_str("DELETE ")?;
                join(f, &d.exprs, ", ")
            }
        }
    }
}

/// Writes `:A:B` (or `:A|B` for relationship types when `sep` is `"|"`).
fn write_labels(f: &mut Formatter<'_>, labels: &[String], sep: &str) -> fmt::Result {
    for (i, l) in labels.iter().enumerate() {
        f.write_str(if i == 0 { ":" } else { sep })?;
        write!(f, "{}", SchemaName(l))?;
    }
    Ok(())
}

impl Display for SetItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SetItem::Property { target, value } => write!(f, "{target} = {value}"),
            SetItem::Replace { variable, value } => write!(f, "{} = {value}", Name(variable)),
            SetItem::Extend { variable, value } => write!(f, "{} += {value}", Name(variable)),
            SetItem::Labels { variable, labels } => {
                write!(f, "{}", Name(variable))?;
                write_labels(f, labels, ":")
            }
        }
    }
}

impl Display for RemoveItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            RemoveItem::Property(e) => write!(f, "{e}"),
            RemoveItem::Labels { variable, labels } => {
                write!(f, "{}", Name(variable))?;
                write_labels(f, labels, ":")
            }
        }
    }
}

impl Display for Projection {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.distinct {
            f.write_str("DISTINCT ")?;
        }
        if self.star {
            f.write_str("*")?;
            if !self.items.is_empty() {
                f.write_str(", ")?;
            }
        }
        join(f, &self.items, ", ")?;
        if !self.order_by.is_empty() {
            f.write_str(" ORDER BY ")?;
            join(f, &self.order_by, ", ")?;
        }
        if let Some(s) = &self.skip {
            write!(f, " SKIP {s}")?;
        }
        if let Some(l) = &self.limit {
            write!(f, " LIMIT {l}")?;
        }
        Ok(())
    }
}

impl Display for ProjectionItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)?;
        if let Some(a) = &self.alias {
            write!(f, " AS {}", Name(a))?;
        }
        Ok(())
    }
}

impl Display for SortItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)?;
        if self.descending {
            f.write_str(" DESC")?;
        }
        Ok(())
    }
}

impl Display for Pattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        join(f, &self.parts, ", ")
    }
}

impl Display for PatternPart {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(v) = &self.variable {
            write!(f, "{} = ", Name(v))?;
        }
        match self.kind {
            PathKind::All => write!(f, "{}", self.element),
            PathKind::Shortest => write!(f, "shortestPath({})", self.element),
            PathKind::AllShortest => write!(f, "allShortestPaths({})", self.element),
        }
    }
}

impl Display for PatternElement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        for step in &self.chain {
            write!(f, "{}{}", step.rel, step.node)?;
        }
        Ok(())
    }
}

impl Display for NodePattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_char('(')?;
        if let Some(v) = &self.variable {
            write!(f, "{}", Name(v))?;
        }
        write_labels(f, &self.labels, ":")?;
        if let Some(p) = &self.properties {
            if self.variable.is_some() || !self.labels.is_empty() {
                f.write_char(' ')?;
            }
            write!(f, "{p}")?;
        }
        f.write_char(')')
    }
}

impl Display for RelPattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.direction == Direction::Left {
            "<-"
        } else {
            "-"
        })?;
        let detailed = self.variable.is_some()
            || !self.types.is_empty()
            || self.length.is_some()
            || self.properties.is_some();
        if detailed {
            f.write_char('[')?;
            if let Some(v) = &self.variable {
                write!(f, "{}", Name(v))?;
            }
            write_labels(f, &self.types, "|")?;
            if let Some(len) = &self.length {
                write!(f, "{len}")?;
            }
            if let Some(p) = &self.properties {
                if self.variable.is_some() || !self.types.is_empty() || self.length.is_some() {
                    f.write_char(' ')?;
                }
                write!(f, "{p}")?;
            }
            f.write_char(']')?;
        }
        f.write_str(if self.direction == Direction::Right {
            "->"
        } else {
            "-"
        })
    }
}

impl Display for VarLength {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_char('*')?;
        match (self.min, self.max) {
            (None, None) => Ok(()),
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (Some(a), Some(b)) => write!(f, "{a}..{b}"),
            (Some(a), None) => write!(f, "{a}.."),
            (None, Some(b)) => write!(f, "..{b}"),
        }
    }
}

impl Display for Literal {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Null => f.write_str("null"),
            Literal::Bool(true) => f.write_str("true"),
            Literal::Bool(false) => f.write_str("false"),
            Literal::Int(i) => write!(f, "{i}"),
            Literal::Float(x) => {
                if x.is_finite() {
                    // `{:?}` always shows a decimal point or exponent, so the
                    // text reads back as a float, not an integer.
                    let s = format!("{x:?}");
                    f.write_str(&s)
                } else if x.is_nan() {
                    f.write_str("(0.0 / 0.0)")
                } else if *x > 0.0 {
                    f.write_str("(1.0 / 0.0)")
                } else {
                    f.write_str("(-1.0 / 0.0)")
                }
            }
            Literal::String(s) => write_string_literal(f, s),
        }
    }
}

impl Display for BinaryOp {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BinaryOp::Or => "OR",
            BinaryOp::Xor => "XOR",
            BinaryOp::And => "AND",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
            BinaryOp::Pow => "^",
            BinaryOp::In => "IN",
            BinaryOp::StartsWith => "STARTS WITH",
            BinaryOp::EndsWith => "ENDS WITH",
            BinaryOp::Contains => "CONTAINS",
            BinaryOp::RegexMatch => "=~",
        })
    }
}

impl Display for CompOp {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CompOp::Eq => "=",
            CompOp::Ne => "<>",
            CompOp::Lt => "<",
            CompOp::Le => "<=",
            CompOp::Gt => ">",
            CompOp::Ge => ">=",
        })
    }
}

impl Display for Quantifier {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Quantifier::All => "all",
            Quantifier::Any => "any",
            Quantifier::None => "none",
            Quantifier::Single => "single",
        })
    }
}

/// Binding strength of expression forms, loosest first, following the
/// openCypher grammar's expression levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    Or,
    Xor,
    And,
    Not,
    Comparison,
    /// IN, STARTS WITH, ENDS WITH, CONTAINS, =~, IS [NOT] NULL
    Predicate,
    Additive,
    Multiplicative,
    Power,
    Unary,
    /// A label predicate `e:A`, which the grammar only allows after all
    /// property lookups and indexes, so `(n:A).x` needs parentheses.
    Labels,
    /// Property access, indexing, slicing.
    Postfix,
    Atom,
}

impl Expr {
    /// The binding strength of this expression's outermost operator.
    fn prec(&self) -> Prec {
        match self {
            Expr::Binary(op, ..) => match op {
                BinaryOp::Or => Prec::Or,
                BinaryOp::Xor => Prec::Xor,
                BinaryOp::And => Prec::And,
                BinaryOp::Add | BinaryOp::Sub => Prec::Additive,
                BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => Prec::Multiplicative,
                BinaryOp::Pow => Prec::Power,
                BinaryOp::In
                | BinaryOp::StartsWith
                | BinaryOp::EndsWith
                | BinaryOp::Contains
                | BinaryOp::RegexMatch => Prec::Predicate,
            },
            Expr::Unary(UnaryOp::Not, _) => Prec::Not,
            Expr::Unary(..) => Prec::Unary,
            // A negative literal prints with a leading minus, so it must be
            // parenthesised where a unary minus would be (`(-1).x`, `(-2) ^ 2`).
            Expr::Literal(Literal::Int(i)) if *i < 0 => Prec::Unary,
            Expr::Literal(Literal::Float(x)) if x.is_sign_negative() || !x.is_finite() => {
                Prec::Unary
            }
            Expr::Comparison { .. } => Prec::Comparison,
            Expr::IsNull { .. } => Prec::Predicate,
            Expr::HasLabels(..) => Prec::Labels,
            Expr::Property(..) | Expr::Index(..) | Expr::Slice { .. } => Prec::Postfix,
            _ => Prec::Atom,
        }
    }
}

/// Prints `e`, in parentheses when it binds more loosely than `min`.
struct Operand<'a>(&'a Expr, Prec);

impl Display for Operand<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.0.prec() < self.1 {
            write!(f, "({})", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

/// The operand strength needed on each side of a left-associative operator
/// at level `p`: the left may be the same level, the right must bind tighter.
fn next(p: Prec) -> Prec {
    match p {
        Prec::Or => Prec::Xor,
        Prec::Xor => Prec::And,
        Prec::And => Prec::Not,
        Prec::Not => Prec::Comparison,
        Prec::Comparison => Prec::Predicate,
        Prec::Predicate => Prec::Additive,
        Prec::Additive => Prec::Multiplicative,
        Prec::Multiplicative => Prec::Power,
        Prec::Power => Prec::Unary,
        Prec::Unary => Prec::Labels,
        Prec::Labels => Prec::Postfix,
        Prec::Postfix | Prec::Atom => Prec::Atom,
    }
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Literal(l) => write!(f, "{l}"),
            Expr::Parameter(p) => {
                if p.chars().all(|c| c.is_ascii_digit()) {
                    write!(f, "${p}")
                } else {
                    write!(f, "${}", SchemaName(p))
                }
            }
            Expr::Variable(v) => write!(f, "{}", Name(v)),
            Expr::Property(e, key) => {
                write!(f, "{}.{}", Operand(e, Prec::Postfix), SchemaName(key))
            }
            Expr::List(items) => {
                f.write_char('[')?;
                join(f, items, ", ")?;
                f.write_char(']')
            }
            Expr::Map(entries) => write_map(f, entries),
            Expr::Index(e, i) => write!(f, "{}[{i}]", Operand(e, Prec::Postfix)),
            Expr::Slice { expr, from, to } => {
                write!(f, "{}[", Operand(expr, Prec::Postfix))?;
                if let Some(a) = from {
                    write!(f, "{a}")?;
                }
                f.write_str("..")?;
                if let Some(b) = to {
                    write!(f, "{b}")?;
                }
                f.write_char(']')
            }
            Expr::Unary(op, e) => match op {
                UnaryOp::Not => write!(f, "NOT {}", Operand(e, Prec::Not)),
                UnaryOp::Neg => write!(f, "-{}", NegOperand(e)),
                UnaryOp::Plus => write!(f, "+{}", NegOperand(e)),
            },
            Expr::Binary(op, l, r) => {
                let p = self.prec();
                // Power is left-associative in openCypher, like the others.
                write!(f, "{} {op} {}", Operand(l, p), Operand(r, next(p)))
            }
            Expr::Comparison { first, rest } => {
                write!(f, "{}", Operand(first, Prec::Predicate))?;
                for (op, e) in rest {
                    write!(f, " {op} {}", Operand(e, Prec::Predicate))?;
                }
                Ok(())
            }
            Expr::IsNull { expr, negated } => {
                write!(f, "{}", Operand(expr, Prec::Predicate))?;
                f.write_str(if *negated { " IS NOT NULL" } else { " IS NULL" })
            }
            Expr::HasLabels(e, labels) => {
                write!(f, "{}", Operand(e, Prec::Postfix))?;
                write_labels(f, labels, ":")
            }
            Expr::FunctionCall {
                name,
                distinct,
                args,
            } => {
                for (i, part) in name.split('.').enumerate() {
                    if i > 0 {
                        f.write_char('.')?;
                    }
                    write!(f, "{}", SchemaName(part))?;
                }
                f.write_char('(')?;
                if *distinct {
                    f.write_str("DISTINCT ")?;
                }
                join(f, args, ", ")?;
                f.write_char(')')
            }
            Expr::CountStar => f.write_str("count(*)"),
            Expr::Case {
                operand,
                alternatives,
                default,
            } => {
                f.write_str("CASE")?;
                if let Some(o) = operand {
                    write!(f, " {o}")?;
                }
                for (w, t) in alternatives {
                    write!(f, " WHEN {w} THEN {t}")?;
                }
                if let Some(d) = default {
                    write!(f, " ELSE {d}")?;
                }
                f.write_str(" END")
            }
            Expr::ListComprehension {
                variable,
                list,
                predicate,
                projection,
            } => {
                write!(f, "[{} IN {list}", Name(variable))?;
                if let Some(p) = predicate {
                    write!(f, " WHERE {p}")?;
                }
                if let Some(p) = projection {
                    write!(f, " | {p}")?;
                }
                f.write_char(']')
            }
            Expr::PatternComprehension {
                variable,
                pattern,
                predicate,
                projection,
            } => {
                f.write_char('[')?;
                if let Some(v) = variable {
                    write!(f, "{} = ", Name(v))?;
                }
                write!(f, "{pattern}")?;
                if let Some(p) = predicate {
                    write!(f, " WHERE {p}")?;
                }
                write!(f, " | {projection}]")
            }
            Expr::ListPredicate {
                quantifier,
                variable,
                list,
                predicate,
            } => {
                write!(f, "{quantifier}({} IN {list}", Name(variable))?;
                if let Some(p) = predicate {
                    write!(f, " WHERE {p}")?;
                }
                f.write_char(')')
            }
            Expr::Pattern(p) => write!(f, "{p}"),
        }
    }
}

/// The operand of a prefix minus or plus: parenthesised unless it is an atom
/// or a postfix form, so `-(-x)` and `-(a + b)` keep their meaning and a
/// negative literal never follows a minus directly.
struct NegOperand<'a>(&'a Expr);

impl Display for NegOperand<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.0.prec() >= Prec::Postfix {
            write!(f, "{}", self.0)
        } else {
            write!(f, "({})", self.0)
        }
    }
}

fn write_map(f: &mut Formatter<'_>, entries: &[(String, Expr)]) -> fmt::Result {
    f.write_char('{')?;
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{}: {v}", SchemaName(k))?;
    }
    f.write_char('}')
}

impl Display for Sugar {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.ask {
            Ask::WhoSaidAbout { about } => {
                f.write_str("WHO SAID WHAT ABOUT ")?;
                write_string_literal(f, about)?;
            }
            Ask::WhatDidSay { speaker, about } => {
                f.write_str("WHAT DID ")?;
                write_string_literal(f, speaker)?;
                f.write_str(" SAY")?;
                if let Some(a) = about {
                    f.write_str(" ABOUT ")?;
                    write_string_literal(f, a)?;
                }
            }
            Ask::WhoSaidText { text } => {
                f.write_str("WHO SAID ")?;
                write_string_literal(f, text)?;
            }
        }
        if let Some(d) = self.since {
            write!(f, " SINCE {d}")?;
        }
        if let Some(d) = self.until {
            write!(f, " UNTIL {d}")?;
        }
        Ok(())
    }
}
