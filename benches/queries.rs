//! The peer-benchmark questions through whosaid's query engine:
//! `cargo bench --bench queries -- --data NEO4J_CSV_DIR --queries QUERIES_JSON [options]`.
//!
//! `NEO4J_CSV_DIR` is `to_neo4j_csv.py`'s output and `QUERIES_JSON` the `queries.json` that
//! `gen_graph.py` wrote beside its CSVs (both scripts live in the shared peer-benchmark kit,
//! see bench/README.md). The graph is imported with `whosaid::import::neo4j_csv`, then each
//! question of `sqlite_bench.py` / `kuzu_bench.py` runs as openCypher through
//! `whosaid::query::run`, with the same targets, so that row counts can be compared.
//!
//! With no arguments (`cargo bench`), the questions run on a synthetic graph of
//! `WHOSAID_BENCH_ENTITIES` (default 10000) entities built in Rust, without peers.
//!
//! Options:
//!   --warm N          warm runs per question (default 10; 3 when the first run takes > 2 s)
//!   --sqlite FILE     sqlite_bench.py's JSON: row counts must match it (exit 1 if not)
//!   --store FILE      also save the graph into a whosaid store at FILE (removed first), then
//!                     time `Store::open` + the first question, as a user opening it would
//!   --only a,b        only these question names
//!   --json FILE       write the results as JSON
//!   --explain         print each question's plan (`whosaid::query::explain`) and stop
//!   --callgrind N     build a small synthetic graph of N entities in Rust (no kit needed), run
//!                     every question once and print the total rows; with --data, the kit's
//!                     graph and cases instead (N is then ignored); for instruction counts
//!                     under `valgrind --tool=callgrind --collect-atstart=no
//!                     --toggle-collect='*counted_questions*'` (tests/bench_guard.rs)
//!
//! "first" is the first run of a question on the freshly imported graph (one sample: the
//! graph is too big to import again for every question); "warm" the median of the next runs,
//! and "cpu" the median of their CPU times (the machine is shared: waiting for a core adds
//! to wall time, not to CPU time).
//! Peak memory is the kernel's high-water mark of resident memory (VmHWM). Speed is read
//! here, never asserted in tests; the machine is shared, so repeat and compare medians.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use serde_json::{Value as Json, json};
use whosaid::graph::Graph;
use whosaid::query::{self, Options, Params, Value};

#[path = "../src/alloc.rs"]
mod alloc;

/// The questions, worded as in `kuzu_bench.py` (which is openCypher too). The shortest path
/// uses openCypher's `shortestPath`, which whosaid supports; Kuzu's `* SHORTEST` is its own.
const QUESTIONS: &[(&str, &str)] = &[
    (
        "who_said",
        "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: $x}) RETURN p.name, s.text",
    ),
    (
        "top10",
        "MATCH (p:Person)-[:SAID]->(s:Statement)-[:ABOUT]->(t {name: $x}) \
         RETURN p.name AS speaker, count(*) AS n ORDER BY n DESC LIMIT 10",
    ),
    (
        "two_hop",
        "MATCH (p2:Person)-[:SAID]->(:Statement)-[:ABOUT]->(p1:Person)-[:SAID]->(:Statement)\
         -[:ABOUT]->(t {name: $x}) RETURN DISTINCT p2.name",
    ),
    (
        "two_hop_dedup",
        "MATCH (p1:Person)-[:SAID]->(:Statement)-[:ABOUT]->(t {name: $x}) WITH DISTINCT p1 \
         MATCH (p2:Person)-[:SAID]->(:Statement)-[:ABOUT]->(p1) RETURN DISTINCT p2.name",
    ),
    (
        "shortest",
        "MATCH p = shortestPath((a {name: $a})-[*..12]-(b {name: $b})) RETURN length(p)",
    ),
];

struct Args {
    data: PathBuf,
    queries: PathBuf,
    warm: usize,
    sqlite: Option<PathBuf>,
    store: Option<PathBuf>,
    only: Option<Vec<String>>,
    json: Option<PathBuf>,
    explain: bool,
    open_store: Option<PathBuf>,
    callgrind: Option<usize>,
    synthetic: Option<usize>,
}

fn args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let (mut data, mut queries, mut warm) = (None, None, 10);
    let (mut sqlite, mut store, mut only, mut json) = (None, None, None, None);
    let mut explain = false;
    let mut open_store = None;
    let mut callgrind = None;
    while let Some(a) = it.next() {
        let mut val = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            "--data" => data = Some(PathBuf::from(val()?)),
            "--queries" => queries = Some(PathBuf::from(val()?)),
            "--warm" => warm = val()?.parse().map_err(|e| format!("--warm: {e}"))?,
            "--sqlite" => sqlite = Some(PathBuf::from(val()?)),
            "--store" => store = Some(PathBuf::from(val()?)),
            "--only" => only = Some(val()?.split(',').map(str::to_string).collect()),
            "--json" => json = Some(PathBuf::from(val()?)),
            "--explain" => explain = true,
            "--callgrind" => {
                callgrind = Some(val()?.parse().map_err(|e| format!("--callgrind: {e}"))?)
            }
            // Internal: the fresh process that times opening a store (see `store_open`).
            "--open-store" => open_store = Some(PathBuf::from(val()?)),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    // Without a data folder (plain `cargo bench`), time the questions on a synthetic graph
    // built in Rust, so that every bench target runs with no arguments.
    let synthetic = (data.is_none() && !explain && open_store.is_none() && callgrind.is_none())
        .then(|| {
            std::env::var("WHOSAID_BENCH_ENTITIES")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(10_000)
        });
    let data = data.unwrap_or_default();
    let queries = match queries {
        Some(q) => q,
        None if data.as_os_str().is_empty() => PathBuf::new(),
        None => return Err("--queries QUERIES_JSON is required with --data".into()),
    };
    Ok(Args {
        data,
        queries,
        warm,
        sqlite,
        store,
        only,
        json,
        explain,
        open_store,
        callgrind,
        synthetic,
    })
}

/// Peak and current resident memory in KiB, from /proc (Linux only; 0 elsewhere).
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|r| r.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// One case: a question with its parameters, named like sqlite_bench.py's cases.
struct Case {
    question: &'static str,
    target: String,
    params: Params,
}

fn cases(meta: &Json, only: Option<&[String]>) -> Result<Vec<Case>, String> {
    let string = |v: &Json| Value::String(v.as_str().unwrap_or_default().into());
    let mut out = Vec::new();
    for (q, _) in QUESTIONS.iter().filter(|(q, _)| *q != "shortest") {
        let targets = meta["targets"]
            .as_object()
            .ok_or("queries.json has no targets")?;
        for tn in ["head", "mid", "tail"] {
            let Some(t) = targets.get(tn) else { continue };
            out.push(Case {
                question: q,
                target: tn.to_string(),
                params: Params::from([("x".to_string(), string(&t["name"]))]),
            });
        }
    }
    let paths = meta["paths"]
        .as_array()
        .ok_or("queries.json has no paths")?;
    for (i, p) in paths.iter().enumerate() {
        out.push(Case {
            question: "shortest",
            target: format!("pair{i}"),
            params: Params::from([
                ("a".to_string(), string(&p[0])),
                ("b".to_string(), string(&p[1])),
            ]),
        });
    }
    if let Some(only) = only {
        out.retain(|c| only.iter().any(|o| o == c.question));
    }
    Ok(out)
}

fn text_of(question: &str) -> &'static str {
    QUESTIONS
        .iter()
        .find(|(q, _)| *q == question)
        .map(|(_, t)| *t)
        .expect("every case names a known question")
}

/// Row counts by (question, target) from sqlite_bench.py's JSON output.
fn sqlite_rows(path: &Path) -> Result<BTreeMap<(String, String), u64>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let j: Json = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = BTreeMap::new();
    for q in j["queries"].as_array().into_iter().flatten() {
        if let (Some(qn), Some(tn), Some(rows)) = (
            q["query"].as_str(),
            q["target"].as_str(),
            q["rows"].as_u64(),
        ) {
            out.insert((qn.to_string(), tn.to_string()), rows);
        }
    }
    Ok(out)
}

fn run_once(g: &mut Graph, case: &Case) -> Result<(f64, query::Rows), query::QueryError> {
    let (wall, _, rows) = run_timed(g, case)?;
    Ok((wall, rows))
}

/// `run_once` with the thread's CPU time too: on a shared machine a run waits for a core
/// now and then, which wall time counts and CPU time does not.
fn run_timed(g: &mut Graph, case: &Case) -> Result<(f64, f64, query::Rows), query::QueryError> {
    let opts = Options {
        max_rows: u64::MAX,
        ..Options::default()
    };
    let c = thread_cpu_seconds();
    let t = Instant::now();
    let rows = query::run(g, text_of(case.question), &case.params, &opts)?;
    let wall = t.elapsed().as_secs_f64();
    Ok((wall, thread_cpu_seconds() - c, rows))
}

/// CPU time of the calling thread in seconds, from the scheduler's nanosecond count in
/// /proc/thread-self/schedstat (Linux only; 0 elsewhere).
fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

/// The number of rows in sqlite_bench.py's sense: for the shortest path SQLite returns one
/// row holding the length, so one row with a non-null length counts as one.
fn row_count(rows: &query::Rows) -> u64 {
    rows.rows.len() as u64
}

fn main() -> ExitCode {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("queries bench: {e}");
            return ExitCode::from(2);
        }
    };
    if a.explain {
        for (name, text) in QUESTIONS {
            match query::explain(text) {
                Ok(plan) => println!("{name}: {text}\n{plan}\n"),
                Err(e) => println!("{name}: {e}"),
            }
        }
        return ExitCode::SUCCESS;
    }
    if let Some(n) = a.synthetic {
        let t = Instant::now();
        let (mut g, cases) = synthetic(n);
        println!(
            "# synthetic graph: {n} entities, {} nodes, {} relationships, built in {:.2}s \
             (give --data and --queries for the peer benchmark)",
            g.node_count(),
            g.edge_count(),
            t.elapsed().as_secs_f64()
        );
        for c in &cases {
            let mut times = Vec::new();
            let mut rows = 0;
            for _ in 0..=a.warm.min(5) {
                match run_once(&mut g, c) {
                    Ok((w, r)) => {
                        times.push(w);
                        rows = r.rows.len();
                    }
                    Err(e) => {
                        eprintln!("queries bench: {}/{}: {e}", c.question, c.target);
                        return ExitCode::from(2);
                    }
                }
            }
            let first = times.remove(0);
            println!(
                "  {:13} {:5} rows={rows:<7} first={:>10.3}ms warm={:>10.3}ms",
                c.question,
                c.target,
                first * 1e3,
                median(&mut times) * 1e3
            );
        }
        return ExitCode::SUCCESS;
    }
    if let Some(n) = a.callgrind {
        // With --data, the kit's graph and cases (`--callgrind 0 --data DIR --queries FILE`)
        // instead of the synthetic one.
        let (mut g, cases) = if a.data.as_os_str().is_empty() {
            synthetic(n)
        } else {
            match kit_graph(&a) {
                Ok(x) => x,
                Err(e) => {
                    eprintln!("queries bench: {e}");
                    return ExitCode::from(2);
                }
            }
        };
        // Everything the graph builds once for queries (lazily, on demand) is not per-query
        // work: warm up with every case, as the timed runs' "warm" figures are. The
        // adjacency is built here in any case: a few small cases (`--only top10`) would not
        // ask for it, and its build would then be counted as part of a question.
        g.build_adjacency();
        for c in &cases {
            let _ = run_once(&mut g, c);
        }
        return match counted_questions(&mut g, &cases) {
            Ok(rows) => {
                println!("questions={} rows={rows}", cases.len());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("queries bench: {e}");
                ExitCode::from(2)
            }
        };
    }
    if let Some(store) = &a.open_store {
        return match open_store_child(store, &a.queries) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("queries bench: {e}");
                ExitCode::from(2)
            }
        };
    }
    match bench(&a) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("queries bench: {e}");
            ExitCode::from(2)
        }
    }
}

/// The kit's graph imported from `--data`, with the cases of `--queries` (and `--only`).
fn kit_graph(a: &Args) -> Result<(Graph, Vec<Case>), String> {
    let meta_text =
        std::fs::read_to_string(&a.queries).map_err(|e| format!("{}: {e}", a.queries.display()))?;
    let meta: Json =
        serde_json::from_str(&meta_text).map_err(|e| format!("{}: {e}", a.queries.display()))?;
    let cases = cases(&meta, a.only.as_deref())?;
    let mut g = Graph::new();
    whosaid::import::neo4j_csv(&a.data, &mut g).map_err(|e| e.to_string())?;
    Ok((g, cases))
}

/// Runs everything; returns whether all row counts matched SQLite's (true without --sqlite).
fn bench(a: &Args) -> Result<bool, String> {
    let meta_text =
        std::fs::read_to_string(&a.queries).map_err(|e| format!("{}: {e}", a.queries.display()))?;
    let meta: Json =
        serde_json::from_str(&meta_text).map_err(|e| format!("{}: {e}", a.queries.display()))?;
    let expected = a.sqlite.as_deref().map(sqlite_rows).transpose()?;
    let cases = cases(&meta, a.only.as_deref())?;

    let t = Instant::now();
    let mut g = Graph::new();
    let stats = whosaid::import::neo4j_csv(&a.data, &mut g).map_err(|e| e.to_string())?;
    let import_s = t.elapsed().as_secs_f64();
    let (hwm_import, rss_import) = memory_kib();
    println!(
        "# whosaid entities={} import={import_s:.2}s nodes={} relationships={} rss={} MiB peak={} MiB",
        meta["entities"],
        stats.nodes,
        stats.relationships,
        rss_import / 1024,
        hwm_import / 1024
    );
    let mut first_query_s = None;
    let mut records = Vec::new();
    let mut all_match = true;
    for case in &cases {
        let (first, rows) = run_once(&mut g, case).map_err(|e| {
            format!(
                "{}/{}: {e} (query: {})",
                case.question,
                case.target,
                text_of(case.question)
            )
        })?;
        first_query_s.get_or_insert(first);
        let n = row_count(&rows);
        let (mut warms, mut cpus) = (Vec::new(), Vec::new());
        let reps = if first < 2.0 { a.warm } else { a.warm.min(3) };
        for _ in 0..reps {
            let (w, c, _) = run_timed(&mut g, case).map_err(|e| e.to_string())?;
            warms.push(w);
            cpus.push(c);
        }
        let warm = median(&mut warms);
        let cpu = median(&mut cpus);
        let sample = rows
            .rows
            .first()
            .map(|r| format!("{r:?}"))
            .unwrap_or_default();
        let want = expected
            .as_ref()
            .and_then(|m| m.get(&(case.question.to_string(), case.target.clone())));
        let ok = want.is_none_or(|w| *w == n);
        all_match &= ok;
        println!(
            "  {:13} {:5} rows={n:<7} first={:>10.3}ms warm={:>10.3}ms cpu={:>10.3}ms {}{}",
            case.question,
            case.target,
            first * 1e3,
            warm * 1e3,
            cpu * 1e3,
            match want {
                Some(w) if *w == n => "rows=sqlite ".to_string(),
                Some(w) => format!("ROWS DIFFER: sqlite has {w} "),
                None => String::new(),
            },
            truncate(&sample, 80)
        );
        records.push(json!({
            "query": case.question, "target": case.target,
            "rows": n, "sqlite_rows": want,
            "first_ms": round3(first * 1e3), "warm_ms": round3(warm * 1e3),
            "warm_cpu_ms": round3(cpu * 1e3),
            "warm_runs": reps,
        }));
    }
    let (hwm, _) = memory_kib();
    let mut out = json!({
        "system": format!("whosaid {}", env!("CARGO_PKG_VERSION")),
        "data": meta,
        "import_s": round3(import_s),
        "nodes": stats.nodes, "relationships": stats.relationships,
        "open_first_query_s": round3(import_s + first_query_s.unwrap_or(0.0)),
        "rss_after_import_mib": rss_import / 1024,
        "peak_rss_mib": hwm / 1024,
        "queries": records,
        "loadavg": std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim(),
    });
    println!(
        "# open (import from CSV) + first answer: {:.2}s, peak RSS {} MiB",
        import_s + first_query_s.unwrap_or(0.0),
        hwm / 1024
    );
    if let Some(path) = &a.store {
        out["store"] = store_open(path, g, &a.queries)?;
    }
    if let Some(path) = &a.json {
        let text = serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if !all_match {
        println!("# row counts differ from SQLite's (see ROWS DIFFER above)");
    }
    Ok(all_match)
}

/// Saves the graph into a fresh store, then times what a user waits for: opening the store
/// and the first answer. Peak memory here includes the imported graph still held by the
/// process, so the open's own footprint is reported as the growth of resident memory.
fn store_open(path: &Path, g: Graph, queries: &Path) -> Result<Json, String> {
    use whosaid::store::Store;
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    let cpu0 = cpu_seconds();
    let t = Instant::now();
    let mut store = Store::open(path, true).map_err(|e| e.to_string())?;
    let rows = g.node_count() + g.edge_count();
    store.graph = g;
    store.save(&[]).map_err(|e| e.to_string())?;
    let save_s = t.elapsed().as_secs_f64();
    let save_cpu = cpu_seconds() - cpu0;
    drop(store);
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    // Opening is timed in a fresh process, so that its memory high-water mark is the open's
    // own and not the imported graph's still held here.
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let child = std::process::Command::new(exe)
        .arg("--open-store")
        .arg(path)
        .arg("--queries")
        .arg(queries)
        .output()
        .map_err(|e| e.to_string())?;
    if !child.status.success() {
        return Err(format!(
            "opening the store failed: {}",
            String::from_utf8_lossy(&child.stderr)
        ));
    }
    let opened: Json = serde_json::from_slice(&child.stdout).map_err(|e| e.to_string())?;
    println!(
        "# store: save {rows} rows in {save_s:.2}s ({:.2} M rows per CPU-second), {:.0} MB; \
         fresh process: open {}s + first answer {}ms, peak RSS {} MiB",
        rows as f64 / save_cpu / 1e6,
        bytes as f64 / 1e6,
        opened["open_s"],
        opened["first_query_ms"],
        opened["peak_rss_mib"]
    );
    Ok(json!({
        "save_s": round3(save_s), "save_rows": rows,
        "save_rows_per_cpu_s": (rows as f64 / save_cpu).round(),
        "bytes": bytes, "open_s": opened["open_s"], "first_query_ms": opened["first_query_ms"],
        "first_query": opened["first_query"], "peak_rss_mib": opened["peak_rss_mib"],
    }))
}

/// The child side of `store_open`: opens the store, answers the first question, prints JSON.
fn open_store_child(path: &Path, queries: &Path) -> Result<(), String> {
    let meta: Json = serde_json::from_str(
        &std::fs::read_to_string(queries).map_err(|e| format!("{}: {e}", queries.display()))?,
    )
    .map_err(|e| e.to_string())?;
    let first = cases(&meta, None)?;
    let t = Instant::now();
    let mut store = whosaid::store::Store::open(path, false).map_err(|e| e.to_string())?;
    let open_s = t.elapsed().as_secs_f64();
    // The high-water mark after the open alone tells whether the open or the first answer
    // sets the peak.
    let (open_hwm, open_rss) = memory_kib();
    let case = first.first().ok_or("no questions")?;
    // CPU time beside wall time: on a shared machine the answer waits for a core now and
    // then, which the wall time counts and the CPU time does not.
    let (q, q_cpu, _) = run_timed(&mut store.graph, case).map_err(|e| e.to_string())?;
    let (hwm, _) = memory_kib();
    println!(
        "{}",
        json!({"open_s": round3(open_s), "first_query_ms": round3(q * 1e3),
               "first_query_cpu_ms": round3(q_cpu * 1e3),
               "first_query": format!("{}/{}", case.question, case.target),
               "open_peak_rss_mib": open_hwm / 1024, "open_rss_mib": open_rss / 1024, "peak_rss_mib": hwm / 1024})
    );
    Ok(())
}

/// CPU time of the whole process (all threads) in seconds, from /proc/self/stat.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // Linux reports clock ticks, 100 per second on every common configuration.
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn truncate(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The counted pass of `--callgrind`: every case once. Its name is the callgrind toggle.
#[inline(never)]
fn counted_questions(g: &mut Graph, cases: &[Case]) -> Result<usize, query::QueryError> {
    let mut rows = 0;
    for c in cases {
        rows += run_once(g, c)?.1.rows.len();
    }
    Ok(rows)
}

/// A small graph of the peer benchmark's shape, built in Rust so that the regression guard
/// needs neither Python nor the kit: `n` entities (every fifth an Organization, the rest
/// people), 10·n statements each said by one person and about 1–3 entities, popularity skewed
/// so that low ids are mentioned far more often. Deterministic (xorshift, fixed seed).
/// Returns the graph and the cases: every question about the most and the least mentioned
/// entity, and one shortest path.
fn synthetic(n: usize) -> (Graph, Vec<Case>) {
    use whosaid::graph::{Edge, Node};
    let n = n.max(10);
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    // Skewed pick: the product of two uniform draws favours small values, a cheap stand-in
    // for the kit's Zipf weights that keeps a heavy head and a long tail.
    let mut pick = move |m: usize| {
        let a = (next() % m as u64) as usize;
        let b = (next() % m as u64) as usize;
        a * b / m
    };
    let name = |i: usize| format!("Entity {i}");
    let mut g = Graph::new();
    let ids: Vec<_> = (0..n)
        .map(|i| {
            let label = if i % 5 == 4 { "Organization" } else { "Person" };
            g.add_node(Node::new(label).with("name", name(i)))
        })
        .collect();
    let people: Vec<usize> = (0..n).filter(|i| i % 5 != 4).collect();
    let mut mentions = vec![0usize; n];
    for s in 0..10 * n {
        let st = g.add_node(Node::new("Statement").with("text", format!("Statement {s}.")));
        let speaker = people[pick(people.len())];
        g.add_edge(ids[speaker], st, Edge::new("SAID"));
        let k = 1 + s % 3;
        let mut about: Vec<usize> = (0..k).map(|_| pick(n)).collect();
        about.sort_unstable();
        about.dedup();
        for t in about {
            mentions[t] += 1;
            g.add_edge(st, ids[t], Edge::new("ABOUT"));
        }
    }
    // The head is the most mentioned entity, the tail the least mentioned one that is
    // mentioned at all (lowest id on ties), as in the kit's queries.json.
    let head = (0..n)
        .max_by_key(|&i| (mentions[i], usize::MAX - i))
        .unwrap_or(0);
    let tail = (0..n)
        .filter(|&i| mentions[i] > 0)
        .min_by_key(|&i| (mentions[i], i))
        .unwrap_or(n - 1);
    let string = |s: String| Value::String(s.into());
    let mut cases = Vec::new();
    for (q, _) in QUESTIONS.iter().filter(|(q, _)| *q != "shortest") {
        for (tn, i) in [("head", head), ("tail", tail)] {
            cases.push(Case {
                question: q,
                target: tn.to_string(),
                params: Params::from([("x".to_string(), string(name(i)))]),
            });
        }
    }
    cases.push(Case {
        question: "shortest",
        target: "pair0".to_string(),
        params: Params::from([
            ("a".to_string(), string(name(1))),
            ("b".to_string(), string(name(n / 2))),
        ]),
    });
    (g, cases)
}
