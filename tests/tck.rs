//! The openCypher TCK conformance runner.
//!
//! Reads the feature files listed in `SUBSET.txt` under `$TCK_DIR`, runs every scenario on a
//! fresh in-memory graph and prints one line per tier: `tck TIER passed=N failed=M skipped=K`.
//! `tests/tck_expected_failures.txt` lists scenarios known to fail (one id a line); the test
//! fails when any other scenario fails, and names listed ones that now pass so the list can
//! shrink. Set `TCK_FILTER=substring` to run only matching scenario ids (prints details),
//! `TCK_VERBOSE=1` for the reason of every failure, and `TCK_WRITE_FAILURES=path` to write
//! the current failures to a file. Cargo hides the output of passing tests, so run it as
//! `TCK_DIR=../shared/data/opencypher-tck cargo test --test tck -- --nocapture` to see the lines.
//! Expected errors match on their class and, where the engine names one, their TCK condition;
//! the phase (compile time or runtime) is not compared.

#[path = "tck/gherkin.rs"]
mod gherkin;
#[path = "tck/values.rs"]
mod values;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use whosaid::graph::Graph;
use whosaid::query::{self, Options, Params, QueryError, Rows, SideEffects};

use gherkin::Scenario;
use values::Tv;

/// How long one scenario may run before it counts as failed.
const SCENARIO_TIME: Duration = Duration::from_secs(10);

struct Listed {
    tier: String,
    path: String,
}

struct Subset {
    files: Vec<Listed>,
    skips: BTreeSet<(String, usize)>,
}

fn read_subset(dir: &Path) -> Subset {
    let text = std::fs::read_to_string(dir.join("SUBSET.txt")).expect("SUBSET.txt is readable");
    let mut files = Vec::new();
    let mut skips = BTreeSet::new();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.as_slice() {
            ["skip", path, idx, ..] => {
                if let Ok(i) = idx.parse() {
                    skips.insert((path.to_string(), i));
                }
            }
            [tier, path, ..] if !tier.is_empty() => files.push(Listed {
                tier: tier.to_string(),
                path: path.to_string(),
            }),
            _ => {}
        }
    }
    Subset { files, skips }
}

enum Outcome {
    Pass,
    Fail(String),
    Skip,
}

fn opts() -> Options {
    Options {
        deadline: Some(Instant::now() + SCENARIO_TIME),
        ..Options::default()
    }
}

fn run_scenario(dir: &Path, sc: &Scenario) -> Outcome {
    let mut g = Graph::new();
    let mut params = Params::new();
    let mut result: Option<Result<Rows, QueryError>> = None;
    let mut ran_query = false;
    for step in &sc.steps {
        let t = step.text.as_str();
        if t == "an empty graph" || t == "any graph" {
            continue;
        }
        if let Some(name) = t
            .strip_prefix("the ")
            .and_then(|r| r.strip_suffix(" graph"))
        {
            let file = dir.join("graphs").join(name).join(format!("{name}.cypher"));
            let Ok(q) = std::fs::read_to_string(&file) else {
                return Outcome::Fail(format!("no graph file {}", file.display()));
            };
            if let Err(e) = query::run(
                &mut g,
                q.trim().trim_end_matches(';'),
                &Params::new(),
                &opts(),
            ) {
                return Outcome::Fail(format!("loading graph {name}: {e}"));
            }
            continue;
        }
        if t.starts_with("there exists a procedure") {
            return Outcome::Skip;
        }
        if t.starts_with("having executed") {
            let q = step.doc.clone().unwrap_or_default();
            if let Err(e) = query::run(&mut g, &q, &Params::new(), &opts()) {
                return Outcome::Fail(format!("setup query failed: {e}\n{q}"));
            }
            continue;
        }
        if t.starts_with("parameters are") {
            for row in &step.table {
                if row.len() < 2 {
                    continue;
                }
                match values::parse(&row[1]) {
                    Ok(v) => {
                        params.insert(row[0].clone(), values::to_param(&v));
                    }
                    Err(e) => return Outcome::Fail(format!("bad parameter: {e}")),
                }
            }
            continue;
        }
        if t.starts_with("executing query") || t.starts_with("executing control query") {
            let q = step.doc.clone().unwrap_or_default();
            ran_query = true;
            result = Some(query::run(&mut g, &q, &params, &opts()));
            continue;
        }
        if let Some(rest) = t.strip_prefix("the result should be") {
            let rows = match &result {
                Some(Ok(r)) => r,
                Some(Err(e)) => return Outcome::Fail(format!("query failed: {e:?}")),
                None => return Outcome::Fail("no query ran".into()),
            };
            if rest.trim() == "empty" {
                if !rows.rows.is_empty() {
                    return Outcome::Fail(format!("expected no rows, got {}", rows.rows.len()));
                }
                continue;
            }
            let ordered = rest.contains("in order");
            let unordered_lists = rest.contains("ignoring element order for lists");
            if let Err(e) = compare_table(&g, rows, &step.table, ordered, unordered_lists) {
                return Outcome::Fail(e);
            }
            continue;
        }
        if t == "no side effects" || t.starts_with("the side effects should be") {
            let Some(Ok(rows)) = &result else {
                return Outcome::Fail("side effects of a failed query".into());
            };
            if let Err(e) = compare_effects(&rows.effects, &step.table) {
                return Outcome::Fail(e);
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("a ").or_else(|| t.strip_prefix("an "))
            && let Some((class, tail)) = rest.split_once(" should be raised at ")
        {
            let detail = tail.split_once(':').map(|(_, d)| d.trim()).unwrap_or("");
            match &result {
                Some(Err(e)) => {
                    if let Err(msg) = check_error(e, class, detail) {
                        return Outcome::Fail(msg);
                    }
                }
                Some(Ok(r)) => {
                    return Outcome::Fail(format!(
                        "expected {class} ({detail}), got {} rows",
                        r.rows.len()
                    ));
                }
                None => return Outcome::Fail("no query ran".into()),
            }
            continue;
        }
        return Outcome::Fail(format!("unknown step: {t}"));
    }
    if !ran_query {
        return Outcome::Fail("scenario ran no query".into());
    }
    Outcome::Pass
}

/// An expected error matches when the class is the same and, if the engine names a precise
/// condition, that condition is the one expected. Parser errors carry no condition name, so
/// for them the class alone decides.
fn check_error(e: &QueryError, class: &str, detail: &str) -> Result<(), String> {
    let got = e.class().map(|c| c.as_str()).unwrap_or("none");
    if got != class {
        return Err(format!("expected {class} ({detail}), got {got}: {e}"));
    }
    match e.code() {
        Some(code) if code != detail && detail != "*" => {
            Err(format!("expected {class} ({detail}), got {code}: {e}"))
        }
        _ => Ok(()),
    }
}

fn compare_table(
    g: &Graph,
    rows: &Rows,
    table: &[Vec<String>],
    ordered: bool,
    unordered_lists: bool,
) -> Result<(), String> {
    let Some((head, expected)) = table.split_first() else {
        return Err("expected table has no header".into());
    };
    if head != &rows.columns {
        return Err(format!(
            "columns differ: expected {head:?}, got {:?}",
            rows.columns
        ));
    }
    let mut exp = Vec::new();
    for r in expected {
        let mut row = Vec::new();
        for c in r {
            row.push(values::parse(c)?);
        }
        exp.push(row);
    }
    let got: Vec<Vec<Tv>> = rows
        .rows
        .iter()
        .map(|r| r.iter().map(|v| values::from_result(v, g)).collect())
        .collect();
    let row_eq = |a: &Vec<Tv>, b: &Vec<Tv>| {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.matches(y, unordered_lists))
    };
    let ok = if ordered {
        exp.len() == got.len() && exp.iter().zip(&got).all(|(a, b)| row_eq(a, b))
    } else {
        values::bag_match(&exp, &got, row_eq)
    };
    if ok {
        Ok(())
    } else {
        Err(format!("rows differ:\nexpected {exp:?}\ngot      {got:?}"))
    }
}

fn compare_effects(e: &SideEffects, table: &[Vec<String>]) -> Result<(), String> {
    let mut want: BTreeMap<&str, u64> = BTreeMap::new();
    for row in table {
        if row.len() >= 2 {
            want.insert(row[0].as_str(), row[1].parse().unwrap_or(u64::MAX));
        }
    }
    let got = [
        ("+nodes", e.nodes_created),
        ("-nodes", e.nodes_deleted),
        ("+relationships", e.relationships_created),
        ("-relationships", e.relationships_deleted),
        ("+labels", e.labels_added),
        ("-labels", e.labels_removed),
        ("+properties", e.properties_set),
        ("-properties", e.properties_removed),
    ];
    for (k, v) in got {
        let w = want.get(k).copied().unwrap_or(0);
        if w != v {
            return Err(format!(
                "side effect {k}: expected {w}, got {v} (all: {e:?})"
            ));
        }
    }
    Ok(())
}

#[test]
fn tck() {
    // Deep expressions recurse in the parser and evaluator; give them room, as a server would.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(run_all)
        .expect("thread starts")
        .join()
        .unwrap_or_else(|p| std::panic::resume_unwind(p));
}

fn run_all() {
    let Some(dir) = std::env::var_os("TCK_DIR").map(PathBuf::from) else {
        println!("tck skipped: TCK_DIR is not set");
        return;
    };
    let subset = read_subset(&dir);
    let filter = std::env::var("TCK_FILTER").ok();
    let verbose = std::env::var_os("TCK_VERBOSE").is_some() || filter.is_some();
    let expected_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tck_expected_failures.txt");
    let expected: BTreeSet<String> = std::fs::read_to_string(&expected_path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect();

    // Panics inside the engine are failures of one scenario, not of the run.
    std::panic::set_hook(Box::new(|_| {}));
    let mut tiers: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    let mut unexpected: Vec<String> = Vec::new();
    let mut fixed: Vec<String> = Vec::new();
    for f in &subset.files {
        let text = std::fs::read_to_string(dir.join(&f.path))
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", f.path));
        let counts = tiers.entry(f.tier.clone()).or_default();
        for sc in gherkin::parse(&text) {
            let id = format!("{}#{}", f.path, sc.index);
            if filter.as_deref().is_some_and(|flt| !id.contains(flt)) {
                continue;
            }
            if subset.skips.contains(&(f.path.clone(), sc.index)) {
                counts.2 += 1;
                continue;
            }
            let outcome =
                std::panic::catch_unwind(|| run_scenario(&dir, &sc)).unwrap_or_else(|p| {
                    let msg = p
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    Outcome::Fail(format!("panic: {msg}"))
                });
            match outcome {
                Outcome::Pass => {
                    counts.0 += 1;
                    if expected.contains(&id) {
                        fixed.push(id);
                    }
                }
                Outcome::Skip => counts.2 += 1,
                Outcome::Fail(why) => {
                    counts.1 += 1;
                    if verbose {
                        println!("FAIL {id} {}\n  {}", sc.name, why.replace('\n', "\n  "));
                    }
                    if !expected.contains(&id) {
                        unexpected.push(format!("{id}  {}", sc.name));
                    }
                    failures.push(format!("{id}  {}", sc.name));
                }
            }
        }
    }
    let _ = std::panic::take_hook();
    for (tier, (p, f, s)) in &tiers {
        println!("tck {tier} passed={p} failed={f} skipped={s}");
    }
    if let Ok(path) = std::env::var("TCK_WRITE_FAILURES") {
        let mut text = String::from(
            "# openCypher TCK scenarios (path#index after outline expansion) known to fail; \
             this list may only shrink.\n",
        );
        for f in &failures {
            text.push_str(f);
            text.push('\n');
        }
        std::fs::write(&path, text).expect("failure list is writable");
    }
    if !fixed.is_empty() {
        println!(
            "{} scenarios listed in tck_expected_failures.txt now pass; remove them:",
            fixed.len()
        );
        for id in &fixed {
            println!("  {id}");
        }
    }
    if filter.is_none() && !unexpected.is_empty() {
        panic!(
            "{} scenarios fail that are not in tck_expected_failures.txt:\n{}",
            unexpected.len(),
            unexpected.join("\n")
        );
    }
}
