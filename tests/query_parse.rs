//! Parser conformance and round-trip tests for the query language.
//!
//! - Snapshot tests show the canonical text and the error messages for a
//!   readable set of queries (the `.snap` files double as documentation).
//! - Property tests check that printing and reparsing is the identity and that
//!   no input makes the parser panic.
//! - With `TCK_DIR` set to the openCypher TCK folder (the one holding
//!   `SUBSET.txt`), every query of the targeted scenarios must parse and
//!   round-trip, and every scenario that expects a grammar-level SyntaxError
//!   must fail to parse. Exceptions are listed in `tests/tck_known_failures.txt`,
//!   which may only shrink: an entry that starts passing fails the test until
//!   it is removed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use proptest::prelude::*;
use whosaid::query::ast::Expr;
use whosaid::query::error::SyntaxError;
use whosaid::query::parser::parse;
use whosaid::query::parser::parse_expression;

/// Parses, prints, reparses and checks that both trees are equal and that the
/// canonical text is a fixed point. Returns the canonical text.
fn round_trip(text: &str) -> Result<String, String> {
    let ast = parse(text).map_err(|e| format!("parse failed:\n{}", e.render(text, "<tck>")))?;
    let printed = ast.to_string();
    let again = parse(&printed).map_err(|e| {
        format!(
            "reparse of the canonical text failed:\n{}",
            e.render(&printed, "<printed>")
        )
    })?;
    if again != ast {
        return Err(format!(
            "reparse gave a different tree\nprinted: {printed}\nfirst:  {ast:?}\nsecond: {again:?}"
        ));
    }
    let printed_again = again.to_string();
    if printed_again != printed {
        return Err(format!(
            "printing is not stable\n{printed}\n{printed_again}"
        ));
    }
    Ok(printed)
}

fn canonical(text: &str) -> String {
    round_trip(text).unwrap_or_else(|e| panic!("{text}\n{e}"))
}

fn error(text: &str) -> String {
    match parse(text) {
        Ok(q) => panic!("expected a syntax error for {text:?}, got {q}"),
        Err(e) => e.render(text, "query.cypher"),
    }
}

// ---------------------------------------------------------------------------
// Round trips.
// ---------------------------------------------------------------------------

/// Queries covering every construct of the language, each shown with its
/// canonical form.
const CONSTRUCTS: &[&str] = &[
    "match (n:Person {name: 'Angela Merkel'}) return n",
    "MATCH (a)-[r:SAID|QUOTED]->(s:Statement) RETURN a.name, s.text",
    "MATCH (a)<-[:IN]-(b), (c)-[]-(d), (e)<-->(f) RETURN *",
    "MATCH p = (a)-[*]->(b), q = (a)-[*2]->(b), (a)-[*1..3]->(b), (a)-[*..2]->(b), (a)-[r*2..]->(b) RETURN p",
    "MATCH p = shortestPath((a)-[*]-(b)), allShortestPaths((a)-->(b)) RETURN p",
    "OPTIONAL MATCH (n) WHERE n.x IS NULL OR n.y IS NOT NULL RETURN n",
    "MATCH (n) WHERE n.a = 1 AND n.b <> 2 XOR NOT n.c < 3 OR n.d >= 4 RETURN n",
    "MATCH (n) WHERE 1 < n.x <= 10 RETURN n",
    "MATCH (n) WHERE n.name STARTS WITH 'A' AND n.name ENDS WITH 'z' AND n.name CONTAINS 'x' AND n.name =~ '(?i)a.*' RETURN n",
    "MATCH (n) WHERE n.x IN [1, 2, 3] AND n:Person:Politician RETURN n",
    "MATCH (a), (b) WHERE (a)-[:MET]->(b) AND NOT (b)-->(a) RETURN a, b",
    "MATCH (n) RETURN DISTINCT n.name AS name ORDER BY name DESC, n.age ASCENDING SKIP 5 LIMIT 10",
    "MATCH (n) WITH n, count(*) AS c WHERE c > 1 RETURN n ORDER BY c DESCENDING",
    "MATCH (n) RETURN count(*), count(n), count(DISTINCT n.x), collect(n.x), sum(n.x), avg(n.x), min(n.x), max(n.x)",
    "UNWIND [1, 2, 3] AS x RETURN x",
    "RETURN CASE WHEN 1 = 1 THEN 'a' WHEN 2 = 2 THEN 'b' ELSE 'c' END AS generic, CASE 1 WHEN 1 THEN 'one' END AS simple",
    "RETURN [1, 2.5, 'x', true, false, null] AS l, {a: 1, b: {c: [2]}} AS m",
    "RETURN l[0], l[1..2], l[..2], l[1..], l[-1]",
    "RETURN [x IN range(1, 10) WHERE x % 2 = 0 | x * x] AS squares, [x IN l] AS same, [x IN l WHERE x > 1] AS filtered",
    "RETURN [p = (a)-->(b) WHERE b.x > 1 | b.name] AS names",
    "RETURN all(x IN l WHERE x > 0), any(x IN l WHERE x > 0), none(x IN l WHERE x > 0), single(x IN l WHERE x > 0)",
    "RETURN $name, $0, $`odd name`",
    "RETURN whosaid.resolve('Trump'), toLower('ABC'), exists(n.x)",
    "RETURN 1 + 2 * 3 - 4 / 5 % 6 ^ 7, (1 + 2) * 3, -x, - (1 + 2), +3, 2 ^ -1, -2 ^ 2",
    "RETURN 0x1F AS hex, 0o17 AS octal, 1.5e3 AS exp, .5 AS dot, 1E-3 AS small, -9223372036854775808 AS min",
    "RETURN 'tab\\there', \"quote \\\" and 'single'\", '\\u00e4\\\\'",
    "RETURN `weird name`.`key with space`, `a``b` AS `c``d`",
    "MATCH (n) RETURN n.name UNION MATCH (m) RETURN m.name UNION ALL RETURN 'x' AS name",
    "CREATE (a:Person {name: 'A'})-[:KNOWS {since: 2020}]->(b:Person), (c)",
    "MERGE (a:Person {name: 'A'}) ON CREATE SET a.created = true ON MATCH SET a.seen = a.seen + 1, a:Seen",
    "MATCH (n) SET n.x = 1, n = {a: 1}, n += {b: 2}, n:A:B RETURN n",
    "MATCH (n) REMOVE n.x, n:A:B",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) DELETE n",
    "MATCH (n) CREATE (m) WITH n, m MATCH (o) RETURN o",
    "MATCH (n) // a comment\nWHERE /* inline */ n.x = 1 RETURN n;",
    "RETURN NOT NOT true, NOT (1 = 1) = false, (n:A).x, (a AND b) OR c, a AND (b OR c)",
    "RETURN (a < b) = c, a IS NULL IS NULL, (-1).x, -(-9223372036854775808)",
    "RETURN CASE WHEN (x).key THEN (1) ELSE (2) END, CASE (x) WHEN (1) THEN 2 END",
    "MATCH (ä:Straße {größe: 1})-[:`HAT TEIL`]->(`x y`) RETURN ä.größe",
];

#[test]
fn constructs_round_trip() {
    let mut out = String::new();
    for q in CONSTRUCTS {
        out.push_str(q);
        out.push_str("\n=> ");
        out.push_str(&canonical(q));
        out.push_str("\n\n");
    }
    insta::assert_snapshot!("constructs", out);
}

#[test]
fn ast_shape_of_a_typical_query() {
    let q = parse(
        "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(e) \
         WHERE e.name = $who AND s.published >= '2025-01-01' \
         RETURN p.name, s.text AS quote ORDER BY s.published DESC LIMIT 10",
    )
    .unwrap();
    insta::assert_debug_snapshot!("ast_typical", q);
}

#[test]
fn column_names_keep_the_text_as_typed() {
    let q = parse("RETURN n.name, count( * ), a+b AS sum, `x`").unwrap();
    let whosaid::query::ast::Clause::Return(r) = &q.first.clauses[0] else {
        panic!("expected RETURN");
    };
    let names: Vec<&str> = r.projection.items.iter().map(|i| i.column_name()).collect();
    assert_eq!(names, ["n.name", "count( * )", "sum", "`x`"]);
    // The canonical print differs from the typed text, but the tree is equal.
    assert_eq!(q.to_string(), "RETURN n.name, count(*), a + b AS sum, x");
}

#[test]
fn minus_before_a_number_is_part_of_the_literal() {
    use whosaid::query::ast::Literal;
    assert_eq!(
        parse_expression("-9223372036854775808").unwrap(),
        Expr::Literal(Literal::Int(i64::MIN))
    );
    assert_eq!(
        parse_expression("- 1.5").unwrap(),
        Expr::Literal(Literal::Float(-1.5))
    );
    assert!(matches!(
        parse_expression("-x").unwrap(),
        Expr::Unary(whosaid::query::ast::UnaryOp::Neg, _)
    ));
}

#[test]
fn keywords_are_case_insensitive_and_names_are_not() {
    let a = parse("match (n:Person) where n.Name = 'x' return n").unwrap();
    let b = parse("MATCH (n:Person) WHERE n.Name = 'x' RETURN n").unwrap();
    assert_eq!(a, b);
    let c = parse("MATCH (n:person) WHERE n.name = 'x' RETURN n").unwrap();
    assert_ne!(a, c);
}

// ---------------------------------------------------------------------------
// Errors.
// ---------------------------------------------------------------------------

const ERRORS: &[&str] = &[
    "MATCH (n) RETURN",
    "MATCH (n RETURN n",
    "MATCH (n)-[r->(m) RETURN n",
    "MATCH (n) WHERE RETURN n",
    "MATCH (n)\nWHERE n.x = \nRETURN n",
    "MATCH (n)",
    "RETURN 1 +",
    "RETURN 9223372036854775808",
    "RETURN 0x",
    "RETURN 12abc",
    "RETURN 'unclosed",
    "RETURN 'bad \\q escape'",
    "RETURN '\\u12'",
    "RETURN 1e999",
    "CREATE (a)-[:R]-(b)",
    "CREATE (a)-[:R|S]->(b)",
    "CREATE (a)-[:R*2]->(b)",
    "MERGE (a)-[r]->(b)",
    "MATCH (n) RETURN n ORDER n",
    "MATCH (n) RETURN n.name AS name WITH n RETURN n",
    "MATCH (return) RETURN 1",
    "RETURN {a 1}",
    "RETURN [1, 2",
    "MATCH (n) RETURN n UNION",
    "\tMATCH (n)\n\tWHERE n.x ==  1\n\tRETURN n",
    "MATCH (n:Person) RETURN n.name ÄÖ",
    "MATCH (n:Person) RETRUN n",
    "MATCH (n:Person) WHERE n.name = 'x' AN n.age > 3 RETURN n",
    "MATCH (n) RETURN n ODRER BY n.name",
    "MATCH (n) WHERE n.name != 'x' RETURN n",
    "MATCH (n) WHERE n.a = 1 && n.b = 2 RETURN n",
    "MATCH (n) WHERE !n.flag RETURN n",
    "RETURN 42 — 41",
    "MATCH (a)-[:R..2]-(b) RETURN a",
    "MATCH (a)-[:R*-2]-(b) RETURN a",
    "MATCH (n) RETURN (n)-->()",
    "RETURN {1B2c3e67: 1}",
    "CREATE (a:A) MATCH (b) RETURN b",
    "MATCH (n) WITH n /* the end */",
    "",
    "  // only a comment",
    "MATCH (n) WHERE n.x > 3abc RETURN n",
];

#[test]
fn error_messages() {
    let mut out = String::new();
    for q in ERRORS {
        out.push_str(&error(q));
        out.push('\n');
    }
    insta::assert_snapshot!("errors", out);
}

#[test]
fn errors_have_typed_kinds_and_spans() {
    let e = parse("RETURN 9223372036854775808").unwrap_err();
    assert_eq!(e.tck_name(), "IntegerOverflow");
    assert_eq!(e.span().start, 7);
    let e = parse("RETURN 0x1G").unwrap_err();
    assert!(
        matches!(e, SyntaxError::InvalidNumberLiteral { .. }),
        "{e:?}"
    );
    let e = parse("MATCH (n)\nWHERE n.x = \nRETURN n").unwrap_err();
    assert_eq!(e.line_col("MATCH (n)\nWHERE n.x = \nRETURN n"), (3, 1));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("RETURN {}1{}", "(".repeat(5000), ")".repeat(5000));
    assert!(matches!(parse(&deep), Err(SyntaxError::TooDeep { .. })));
    let long = format!("RETURN 1{}", " + 1".repeat(5000));
    assert!(matches!(parse(&long), Err(SyntaxError::TooDeep { .. })));
    let nots = format!("RETURN {}true", "NOT ".repeat(5000));
    assert!(matches!(parse(&nots), Err(SyntaxError::TooDeep { .. })));
    // 40 levels of maps, as in the TCK, are fine, and so is the limit itself,
    // even on a test thread's small stack.
    let maps = format!("RETURN {}1{}", "{a: ".repeat(40), "}".repeat(40));
    canonical(&maps);
    let n = whosaid::query::parser::MAX_NESTING;
    let parens = format!("RETURN {}1{}", "(".repeat(n), ")".repeat(n));
    assert_eq!(canonical(&parens), "RETURN 1");
    let too_many = format!("RETURN {}1{}", "(".repeat(n + 1), ")".repeat(n + 1));
    assert!(matches!(parse(&too_many), Err(SyntaxError::TooDeep { .. })));
    // The other ways to nest, at the limit.
    let lists = format!("RETURN {}1{}", "[".repeat(n), "]".repeat(n));
    canonical(&lists);
    let cases = format!(
        "RETURN {}1{}",
        "CASE WHEN true THEN ".repeat(n),
        " END".repeat(n)
    );
    canonical(&cases);
    let comprehensions = format!("RETURN {}[1]{}", "[x IN ".repeat(n - 1), "]".repeat(n - 1));
    canonical(&comprehensions);
    // Property keys named `end` do not hide a CASE from the count.
    let sneaky = format!(
        "RETURN {}1{}",
        "CASE WHEN n.end THEN ".repeat(n + 1),
        " END".repeat(n + 1)
    );
    assert!(matches!(parse(&sneaky), Err(SyntaxError::TooDeep { .. })));
}

// ---------------------------------------------------------------------------
// Properties.
// ---------------------------------------------------------------------------

/// Random expressions built from the grammar's pieces, as text.
fn expr_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        (-1000i64..1000).prop_map(|i| i.to_string()),
        (0.0f64..1e6).prop_map(|x| format!("{x:?}")),
        "[a-z][a-z0-9_]{0,5}".prop_filter("not a keyword", |s| {
            !whosaid::query::ast::is_reserved(s)
        }),
        "[a-zA-Z '\\\\\"ä]{0,8}".prop_map(|s| format!("{:?}", s).replace("\\u{", "\\u{")),
        Just("null".to_string()),
        Just("true".to_string()),
        Just("$p".to_string()),
        Just("count(*)".to_string()),
    ];
    leaf.prop_recursive(4, 48, 4, |inner| {
        prop_oneof![
            (inner.clone(), "(\\+|-|\\*|/|%|\\^|=|<>|<|<=|>|>=| AND | OR | XOR | IN | STARTS WITH | ENDS WITH | CONTAINS |=~)", inner.clone())
                .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
            inner.clone().prop_map(|a| format!("({a})")),
            inner.clone().prop_map(|a| format!("NOT {a}")),
            inner.clone().prop_map(|a| format!("-{a}")),
            inner.clone().prop_map(|a| format!("{a} IS NULL")),
            inner.clone().prop_map(|a| format!("({a}).key")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})[{b}]")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})[{b}..]")),
            proptest::collection::vec(inner.clone(), 0..3).prop_map(|v| format!("[{}]", v.join(", "))),
            proptest::collection::vec(inner.clone(), 0..3).prop_map(|v| format!("f({})", v.join(", "))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{{k: {a}, `odd key`: {b}}}")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(a, b, c)| format!("CASE WHEN {a} THEN {b} ELSE {c} END")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("[x IN {a} WHERE x > 0 | {b}]")),
        ]
    })
}

/// A variable name as typed: a plain identifier or a backtick-quoted name
/// with arbitrary characters.
fn variable_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zäß_][a-z0-9_]{0,4}".prop_filter("not a keyword", |s| {
            !whosaid::query::ast::is_reserved(s)
        }),
        "\\PC{0,6}".prop_map(|s| format!("`{}`", s.replace('`', "``"))),
    ]
}

/// A label, relationship type or key: reserved words are allowed here.
fn schema_name_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z_][A-Za-z0-9_]{0,5}",
        Just("IN".to_string()),
        Just("end".to_string()),
        "\\PC{1,5}".prop_map(|s| format!("`{}`", s.replace('`', "``"))),
    ]
}

fn properties_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (schema_name_text(), -5i64..5).prop_map(|(k, v)| format!(" {{{k}: {v}}}")),
        Just(" $props".to_string()),
    ]
}

fn node_text() -> impl Strategy<Value = String> {
    (
        proptest::option::of(variable_text()),
        proptest::collection::vec(schema_name_text(), 0..3),
        properties_text(),
    )
        .prop_map(|(v, labels, props)| {
            let labels: String = labels.iter().map(|l| format!(":{l}")).collect();
            format!("({}{labels}{props})", v.unwrap_or_default())
        })
}

fn rel_text() -> impl Strategy<Value = String> {
    let length = prop_oneof![
        Just(String::new()),
        Just("*".to_string()),
        (0u32..4).prop_map(|a| format!("*{a}")),
        (0u32..4, 0u32..4).prop_map(|(a, b)| format!("*{a}..{b}")),
        (0u32..4).prop_map(|b| format!("*..{b}")),
        (0u32..4).prop_map(|a| format!("*{a}..")),
    ];
    (
        0..4usize,
        proptest::option::of(variable_text()),
        proptest::collection::vec(schema_name_text(), 0..3),
        length,
        properties_text(),
        any::<bool>(),
    )
        .prop_map(|(dir, v, types, len, props, bare)| {
            let detail = if bare {
                String::new()
            } else {
                let types = if types.is_empty() {
                    String::new()
                } else {
                    format!(":{}", types.join("|"))
                };
                format!("[{}{types}{len}{props}]", v.unwrap_or_default())
            };
            match dir {
                0 => format!("-{detail}->"),
                1 => format!("<-{detail}-"),
                2 => format!("-{detail}-"),
                _ => format!("<-{detail}->"),
            }
        })
}

fn pattern_text() -> impl Strategy<Value = String> {
    (
        node_text(),
        proptest::collection::vec((rel_text(), node_text()), 0..3),
        proptest::option::of(variable_text()),
    )
        .prop_map(|(start, steps, path)| {
            let mut s = start;
            for (r, n) in steps {
                s.push_str(&r);
                s.push_str(&n);
            }
            match path {
                Some(p) => format!("{p} = {s}"),
                None => s,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any expression the grammar accepts prints to text that parses back to
    /// the same tree.
    #[test]
    fn expressions_round_trip(e in expr_text()) {
        let q = format!("MATCH (n) WHERE {e} RETURN {e} AS v");
        if parse(&q).is_ok() {
            round_trip(&q).map_err(TestCaseError::fail)?;
        }
    }

    /// Random patterns, with names that need backticks, print to text that
    /// parses back to the same tree.
    #[test]
    fn patterns_round_trip(parts in proptest::collection::vec(pattern_text(), 1..3)) {
        let q = format!("MATCH {} RETURN *", parts.join(", "));
        round_trip(&q).map_err(TestCaseError::fail)?;
    }

    /// Arbitrary text never makes the parser panic, and an error span always
    /// lies within the text.
    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,60}") {
        if let Err(e) = parse(&s) {
            prop_assert!(e.span().start <= s.len());
            let _ = e.render(&s, "fuzz");
        }
    }

    /// Valid queries with a piece cut out or something pasted in never make
    /// the parser panic; whatever still parses still round-trips.
    #[test]
    fn mutated_queries_never_panic(
        which in 0..CONSTRUCTS.len(),
        at in 0.0f64..1.0,
        cut in 0usize..6,
        paste in prop_oneof![
            Just(""), Just("("), Just(")"), Just("["), Just("]"), Just("{"), Just("}"),
            Just("-"), Just("->"), Just("<-"), Just("*"), Just(".."), Just(":"), Just(","),
            Just("'"), Just("\""), Just("`"), Just("$"), Just("|"), Just("CASE"), Just("END"),
            Just("WHERE"), Just("RETURN"), Just("0x"), Just("1e"), Just("\\u"), Just("—"),
        ],
    ) {
        let q = CONSTRUCTS[which];
        let mut pos = ((q.len() as f64) * at) as usize;
        while !q.is_char_boundary(pos) {
            pos -= 1;
        }
        let mut end = (pos + cut).min(q.len());
        while !q.is_char_boundary(end) {
            end += 1;
        }
        let m = format!("{}{paste}{}", &q[..pos], &q[end..]);
        match parse(&m) {
            Ok(_) => { round_trip(&m).map_err(TestCaseError::fail)?; }
            Err(e) => {
                prop_assert!(e.span().start <= m.len() && e.span().end <= m.len());
                let _ = e.render(&m, "<mutated>");
            }
        }
    }

    /// Text made of query fragments never makes the parser panic either.
    #[test]
    fn fragment_soup_never_panics(parts in proptest::collection::vec(
        prop_oneof![
            Just("MATCH"), Just("("), Just(")"), Just("["), Just("]"), Just("-"), Just(">"),
            Just("<"), Just("n"), Just(":L"), Just("RETURN"), Just("WHERE"), Just("1"),
            Just("'s'"), Just("{"), Just("}"), Just(","), Just("*"), Just(".."), Just("."),
            Just("CASE"), Just("END"), Just("WITH"), Just("UNION"), Just("$p"), Just("|"),
        ], 0..25))
    {
        let s = parts.join(" ");
        let _ = parse(&s);
    }
}

// ---------------------------------------------------------------------------
// The openCypher TCK.
// ---------------------------------------------------------------------------

/// TCK error names that a parser must detect (the rest are semantic checks
/// done by the engine or runtime errors).
const GRAMMAR_ERRORS: &[&str] = &[
    "UnexpectedSyntax",
    "InvalidNumberLiteral",
    "IntegerOverflow",
    "FloatingPointOverflow",
    "InvalidUnicodeLiteral",
    "InvalidUnicodeCharacter",
    "NoSingleRelationshipType",
    "RequiresDirectedRelationship",
    "CreatingVarLength",
    "InvalidRelationshipPattern",
];

/// One expanded scenario: its queries and the compile-time error it expects.
struct Scenario {
    id: String,
    /// (step kind, query text); the kind is "main", "setup" or "control".
    queries: Vec<(&'static str, String)>,
    compile_error: Option<String>,
}

/// Splits a Gherkin table row into unescaped cells.
fn table_cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('|') => cur.push('|'),
                Some('\\') => cur.push('\\'),
                Some('n') => cur.push('\n'),
                Some(o) => {
                    cur.push('\\');
                    cur.push(o);
                }
                None => cur.push('\\'),
            },
            '|' => cells.push(std::mem::take(&mut cur).trim().to_string()),
            c => cur.push(c),
        }
    }
    cells
}

/// Reads a feature file into expanded scenarios (outlines give one scenario
/// per example row), numbered from 0 in file order as SUBSET.txt counts them.
fn read_feature(rel: &str, text: &str) -> Vec<Scenario> {
    struct Raw {
        queries: Vec<(&'static str, String)>,
        compile_error: Option<String>,
        examples: Vec<BTreeMap<String, String>>,
        outline: bool,
    }
    let mut raws: Vec<Raw> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let mut last_step = "";
    let mut header: Option<Vec<String>> = None;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        i += 1;
        if t.starts_with("Scenario Outline:") || t.starts_with("Scenario:") {
            raws.push(Raw {
                queries: Vec::new(),
                compile_error: None,
                examples: Vec::new(),
                outline: t.starts_with("Scenario Outline:"),
            });
            header = None;
            continue;
        }
        let Some(raw) = raws.last_mut() else { continue };
        if t.starts_with('#') {
            continue;
        }
        if t == "\"\"\"" {
            let indent = line.len() - line.trim_start().len();
            let mut body = Vec::new();
            while i < lines.len() && lines[i].trim() != "\"\"\"" {
                let l = lines[i];
                body.push(if l.len() >= indent {
                    &l[indent..]
                } else {
                    l.trim_start()
                });
                i += 1;
            }
            i += 1;
            let kind = match last_step {
                "When executing query:" => "main",
                "And having executed:" => "setup",
                "When executing control query:" => "control",
                _ => continue,
            };
            raw.queries.push((kind, body.join("\n")));
            continue;
        }
        if t.starts_with("Examples:") {
            header = None;
            last_step = "Examples:";
            continue;
        }
        if t.starts_with('|') && last_step == "Examples:" {
            let cells = table_cells(t);
            match &header {
                None => header = Some(cells),
                Some(h) => {
                    raw.examples
                        .push(h.iter().cloned().zip(cells).collect::<BTreeMap<_, _>>());
                }
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("Then a SyntaxError should be raised at compile time: ")
        {
            raw.compile_error = Some(rest.trim().to_string());
        }
        if !t.is_empty() && !t.starts_with('|') {
            last_step = if t.starts_with("When executing query:") {
                "When executing query:"
            } else if t.starts_with("And having executed:")
                || t.starts_with("Given having executed:")
            {
                "And having executed:"
            } else if t.starts_with("When executing control query:") {
                "When executing control query:"
            } else {
                "other"
            };
        }
    }
    let mut out = Vec::new();
    for raw in raws {
        let rows = if raw.outline {
            raw.examples.clone()
        } else {
            vec![BTreeMap::new()]
        };
        for row in rows {
            let subst = |q: &str| {
                let mut q = q.to_string();
                for (k, v) in &row {
                    q = q.replace(&format!("<{k}>"), v);
                }
                q
            };
            out.push(Scenario {
                id: format!("{rel}#{}", out.len()),
                queries: raw.queries.iter().map(|(k, q)| (*k, subst(q))).collect(),
                compile_error: raw.compile_error.clone(),
            });
        }
    }
    out
}

#[test]
fn tck_subset() {
    let Ok(dir) = std::env::var("TCK_DIR") else {
        eprintln!(
            "tck_subset skipped: set TCK_DIR to the openCypher TCK folder holding SUBSET.txt"
        );
        return;
    };
    let dir = Path::new(&dir);
    let subset = std::fs::read_to_string(dir.join("SUBSET.txt")).expect("SUBSET.txt");
    let mut files = Vec::new();
    let mut skips = BTreeSet::new();
    for line in subset.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.as_slice() {
            ["skip", path, index, ..] => {
                skips.insert(format!("{path}#{index}"));
            }
            [_tier, path, ..] => files.push(path.to_string()),
            _ => {}
        }
    }
    let known_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tck_known_failures.txt"),
    )
    .unwrap_or_default();
    let known: BTreeSet<String> = known_text
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();

    let (mut scenarios, mut queries, mut parsed) = (0, 0, 0);
    let (mut expect_fail, mut failed_as_expected, mut same_kind) = (0, 0, 0);
    let mut semantic_errors = 0;
    let mut other_kind = Vec::new();
    let mut failures: BTreeMap<String, String> = BTreeMap::new();
    for rel in &files {
        let text = std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        for sc in read_feature(rel, &text) {
            if skips.contains(&sc.id) {
                continue;
            }
            scenarios += 1;
            let grammar_error = sc
                .compile_error
                .as_deref()
                .filter(|k| GRAMMAR_ERRORS.contains(k));
            if sc.compile_error.is_some() && grammar_error.is_none() {
                semantic_errors += 1;
            }
            let mut problem = None;
            for (kind, q) in &sc.queries {
                queries += 1;
                if let (true, Some(expected)) = (*kind == "main", grammar_error) {
                    expect_fail += 1;
                    match parse(q) {
                        Ok(ast) => {
                            problem.get_or_insert(format!(
                                "expected {expected} but it parsed as: {ast}"
                            ));
                        }
                        Err(e) if e.tck_name() == expected => {
                            failed_as_expected += 1;
                            same_kind += 1;
                        }
                        Err(e) => {
                            failed_as_expected += 1;
                            other_kind.push(format!(
                                "{}: expected {expected}, got {}: {e}",
                                sc.id,
                                e.tck_name()
                            ));
                        }
                    }
                    continue;
                }
                match round_trip(q) {
                    Ok(_) => parsed += 1,
                    Err(e) => {
                        problem.get_or_insert(format!("{kind} query:\n{q}\n{e}"));
                    }
                }
            }
            if let Some(p) = problem {
                failures.insert(sc.id, p);
            }
        }
    }
    let unexpected: Vec<_> = failures
        .iter()
        .filter(|(id, _)| !known.contains(*id))
        .collect();
    let fixed: Vec<_> = known
        .iter()
        .filter(|id| !failures.contains_key(*id))
        .collect();
    eprintln!(
        "TCK subset: {} files, {scenarios} scenarios, {queries} queries; \
         {parsed} queries parsed and round-tripped; \
         {failed_as_expected}/{expect_fail} grammar-level SyntaxError scenarios rejected \
         ({same_kind} with the same error kind); \
         {semantic_errors} scenarios expect a semantic compile-time error (engine's job); \
         {} failing scenarios ({} known)",
        files.len(),
        failures.len(),
        failures.len() - unexpected.len()
    );
    for line in &other_kind {
        eprintln!("rejected with another error kind: {line}");
    }
    for (id, why) in &unexpected {
        eprintln!("--- {id}\n{why}\n");
    }
    assert!(
        unexpected.is_empty(),
        "{} TCK scenarios fail that are not in tests/tck_known_failures.txt",
        unexpected.len()
    );
    assert!(
        fixed.is_empty(),
        "these known failures now pass; remove them from tests/tck_known_failures.txt: {fixed:?}"
    );
}

/// Reading a feature finds outline rows and the expected errors.
#[test]
fn feature_reader_expands_outlines() {
    let text = "Feature: x\n\n  Scenario: [1] a\n    When executing query:\n      \"\"\"\n      RETURN 1\n      \"\"\"\n    Then a SyntaxError should be raised at compile time: UnexpectedSyntax\n\n  Scenario Outline: [2] b\n    When executing query:\n      \"\"\"\n      RETURN <v>\n      \"\"\"\n    Then the result should be, in any order:\n      | x |\n\n    Examples:\n      | v   |\n      | 1   |\n      | 'a\\|b' |\n";
    let sc = read_feature("f", text);
    assert_eq!(sc.len(), 3);
    assert_eq!(sc[0].compile_error.as_deref(), Some("UnexpectedSyntax"));
    assert_eq!(sc[1].queries[0].1, "RETURN 1");
    assert_eq!(sc[2].queries[0].1, "RETURN 'a|b'");
    assert_eq!(sc[2].id, "f#2");
}

// ---------------------------------------------------------------------------
// The one-line questions.
// ---------------------------------------------------------------------------

mod sugar {
    use super::*;
    use whosaid::query::ast::{Ask, Date, Sugar};
    use whosaid::query::sugar::{
        desugar, desugar_text, is_sugar, parse_question_or_query, parse_sugar,
    };

    const QUESTIONS: &[&str] = &[
        "WHO SAID WHAT ABOUT Trump",
        "who said what about Donald Trump?",
        "WHO SAID WHAT ABOUT 'Donald Trump' SINCE 2025-12-01",
        "WHAT DID Rutte SAY ABOUT Putin",
        "What did Mark Rutte say about Wladimir Putin since 2025-12-01 until 2025-12-31",
        "WHAT DID \"Mark Rutte\" SAY UNTIL 2024-02-29",
        "WHO SAID \"Ich mag den Kerl\"",
        "WHO SAID „Wir schaffen das“ UNTIL 2015-12-31",
    ];

    #[test]
    fn questions_desugar_to_queries() {
        let mut out = String::new();
        for q in QUESTIONS {
            let s = parse_sugar(q).unwrap_or_else(|e| panic!("{}", e.render(q, "<q>")));
            out.push_str(&format!("{q}\n=> {s}\n{}\n\n", desugar_text(&s)));
            // The desugared query is an ordinary query that round-trips.
            canonical(&desugar(&s).to_string());
        }
        insta::assert_snapshot!("questions", out);
    }

    #[test]
    fn question_shapes() {
        assert_eq!(
            parse_sugar("who said what about Donald  Trump?").unwrap(),
            Sugar {
                ask: Ask::WhoSaidAbout {
                    about: "Donald Trump".into()
                },
                since: None,
                until: None,
            }
        );
        assert_eq!(
            parse_sugar("WHAT DID Rutte SAY UNTIL 2025-01-31 SINCE 2024-12-01").unwrap(),
            Sugar {
                ask: Ask::WhatDidSay {
                    speaker: "Rutte".into(),
                    about: None
                },
                since: Some(Date {
                    year: 2024,
                    month: 12,
                    day: 1
                }),
                until: Some(Date {
                    year: 2025,
                    month: 1,
                    day: 31
                }),
            }
        );
        assert_eq!(
            parse_sugar("WHO SAID 'it''s'").map(|s| s.ask).ok(),
            None,
            "two quoted texts in a row are an error, not a concatenation"
        );
    }

    #[test]
    fn until_includes_the_whole_day() {
        let text = desugar_text(&parse_sugar("WHO SAID WHAT ABOUT X UNTIL 2024-12-31").unwrap());
        assert!(text.contains("s.published < '2025-01-01'"), "{text}");
        let text = desugar_text(&parse_sugar("WHO SAID WHAT ABOUT X UNTIL 2024-02-28").unwrap());
        assert!(text.contains("s.published < '2024-02-29'"), "{text}");
    }

    #[test]
    fn questions_and_cypher_share_one_entry_point() {
        assert!(is_sugar("  who said what about X"));
        assert!(!is_sugar("MATCH (n) RETURN n"));
        assert!(!is_sugar("WHOEVER"));
        let q = parse_question_or_query("WHO SAID WHAT ABOUT X").unwrap();
        let whosaid::query::ast::Clause::Return(r) = q.first.clauses.last().unwrap() else {
            panic!("a question ends in RETURN");
        };
        let cols: Vec<&str> = r.projection.items.iter().map(|i| i.column_name()).collect();
        assert_eq!(cols, ["speaker", "statement", "about", "document", "date"]);
        assert!(parse_question_or_query("MATCH (n) RETURN n").is_ok());
    }

    const BAD_QUESTIONS: &[&str] = &[
        "WHO SAID",
        "WHO SAID WHAT",
        "WHO SAID WHAT ABOUT",
        "WHO SAID Trump",
        "WHAT DID SAY ABOUT Putin",
        "WHAT DID Rutte ABOUT Putin",
        "WHO SAID WHAT ABOUT Trump SINCE yesterday",
        "WHO SAID WHAT ABOUT Trump SINCE 2025-02-30",
        "WHO SAID WHAT ABOUT Trump SINCE 2025-01-01 SINCE 2025-02-01",
        "WHO SAID 'unclosed",
        "WHO SAID ''",
    ];

    #[test]
    fn question_errors() {
        let mut out = String::new();
        for q in BAD_QUESTIONS {
            match parse_sugar(q) {
                Ok(s) => panic!("{q} parsed as {s}"),
                Err(e) => {
                    out.push_str(&e.render(q, "<question>"));
                    out.push('\n');
                }
            }
        }
        insta::assert_snapshot!("question_errors", out);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any names and dates print to a question that reads back the same,
        /// and desugar to a query that parses.
        #[test]
        fn questions_round_trip(
            speaker in "\\PC{1,20}",
            about in proptest::option::of("\\PC{1,20}"),
            text in "\\PC{1,20}",
            shape in 0..3usize,
            since in proptest::option::of((1900u16..2100, 1u8..=12, 1u8..=28)),
        ) {
            prop_assume!(!speaker.trim().is_empty() && !text.trim().is_empty());
            prop_assume!(about.as_ref().is_none_or(|a| !a.trim().is_empty()));
            let ask = match shape {
                0 => Ask::WhoSaidAbout { about: speaker.trim().to_string() },
                1 => Ask::WhatDidSay {
                    speaker: speaker.trim().to_string(),
                    about: about.map(|a| a.trim().to_string()),
                },
                _ => Ask::WhoSaidText { text },
            };
            let since = since.map(|(year, month, day)| Date { year, month, day });
            let s = Sugar { ask, since, until: None };
            let printed = s.to_string();
            let again = parse_sugar(&printed).map_err(|e| TestCaseError::fail(e.render(&printed, "<p>")))?;
            prop_assert_eq!(&again, &s);
            let _ = desugar(&s);
        }

        /// Arbitrary text never makes the question parser panic.
        #[test]
        fn arbitrary_questions_never_panic(s in "(WHO|WHAT|who) \\PC{0,40}") {
            let _ = parse_sugar(&s);
        }
    }
}
