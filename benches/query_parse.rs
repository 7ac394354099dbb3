//! Parser throughput: `cargo bench --bench query_parse`.
//!
//! Parses a mix of typical queries, a long generated one and the one-line
//! questions many times and prints the time per query and the bytes per
//! second. With `TCK_DIR` set it also parses every query of the TCK feature
//! files under it once per round. No assertions: speed is read, not tested.

use std::time::{Duration, Instant};

use whosaid::query::parser::parse;
use whosaid::query::sugar::parse_question_or_query;

const TYPICAL: &[&str] = &[
    "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(e) WHERE e.name = $who RETURN p.name, s.text",
    "MATCH (n:Person {name: 'Angela Merkel'})-[r:HOLDS_ROLE]->(o) RETURN n, r.role, o.name ORDER BY r.role LIMIT 10",
    "MATCH (a)-[:MET*1..3]-(b) WHERE a.name STARTS WITH 'Ol' AND b <> a RETURN DISTINCT b.name AS name",
    "MATCH (s:Statement) WITH s.doc AS doc, count(*) AS n WHERE n > 3 RETURN doc, n ORDER BY n DESC",
    "UNWIND range(1, 10) AS x RETURN [y IN range(1, x) WHERE y % 2 = 0 | y * y] AS evens, CASE WHEN x > 5 THEN 'big' ELSE 'small' END",
    "MERGE (a:Person {name: 'X'}) ON CREATE SET a.created = true ON MATCH SET a.seen = coalesce(a.seen, 0) + 1",
];

const QUESTIONS: &[&str] = &[
    "WHO SAID WHAT ABOUT Donald Trump SINCE 2025-12-01",
    "WHAT DID Mark Rutte SAY ABOUT Wladimir Putin",
    "WHO SAID \"Ich mag den Kerl\"",
];

/// Runs `f` over `queries` until at least `budget` has passed; returns
/// (queries parsed, bytes parsed, elapsed).
fn run(queries: &[String], budget: Duration, f: impl Fn(&str) -> bool) -> (u64, u64, Duration) {
    let start = Instant::now();
    let (mut n, mut bytes) = (0u64, 0u64);
    while start.elapsed() < budget {
        for q in queries {
            std::hint::black_box(f(q));
            n += 1;
            bytes += q.len() as u64;
        }
    }
    (n, bytes, start.elapsed())
}

fn report(name: &str, (n, bytes, t): (u64, u64, Duration)) {
    let per = t.as_secs_f64() / n as f64;
    let mbps = bytes as f64 / t.as_secs_f64() / 1e6;
    println!(
        "{name:<28} {n:>8} parses  {:>9.2} µs/query  {mbps:>7.2} MB/s",
        per * 1e6
    );
}

/// Every query of the TCK feature files under `dir` (the `"""` blocks).
fn tck_queries(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "feature") {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                let mut block: Option<Vec<&str>> = None;
                for line in text.lines() {
                    if line.trim() == "\"\"\"" {
                        match block.take() {
                            Some(b) => out.push(b.join("\n")),
                            None => block = Some(Vec::new()),
                        }
                    } else if let Some(b) = &mut block {
                        b.push(line.trim());
                    }
                }
            }
        }
    }
    out
}

fn main() {
    let budget = Duration::from_secs(2);
    let typical: Vec<String> = TYPICAL.iter().map(|s| s.to_string()).collect();
    report(
        "typical queries",
        run(&typical, budget, |q| parse(q).is_ok()),
    );

    let long_where = format!(
        "MATCH (n) WHERE {} RETURN n",
        (0..200)
            .map(|i| format!("n.p{i} = {i}"))
            .collect::<Vec<_>>()
            .join(" OR ")
    );
    let long_list = format!(
        "RETURN [{}] AS l",
        (0..5000)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    report(
        "200-term WHERE",
        run(&[long_where], budget, |q| parse(q).is_ok()),
    );
    report(
        "5000-item list",
        run(&[long_list], budget, |q| parse(q).is_ok()),
    );

    let questions: Vec<String> = QUESTIONS.iter().map(|s| s.to_string()).collect();
    report(
        "questions (parse+desugar)",
        run(&questions, budget, |q| parse_question_or_query(q).is_ok()),
    );

    let errors: Vec<String> = ["MATCH (n RETURN n", "MATCH (n) RETRUN n", "RETURN [1, 2"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    report("syntax errors", run(&errors, budget, |q| parse(q).is_err()));

    if let Ok(dir) = std::env::var("TCK_DIR") {
        let qs = tck_queries(std::path::Path::new(&dir));
        report(
            &format!("TCK ({} queries)", qs.len()),
            run(&qs, budget, |q| parse(q).is_ok()),
        );
    }
}
