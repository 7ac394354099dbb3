//! Extraction throughput: `cargo bench --bench extract -- [--mb 100] [--seed 42] [--json FILE]`.
//!
//! Builds a synthetic corpus from the paragraphs of the seed articles (`seeds/`) and of the
//! project's own benchmark texts (`bench/corpus/`), shuffled into documents with a fixed seed,
//! and runs the whole pipeline from bytes to facts (text::parse → extract::extract →
//! resolve::resolve) over it, once on one thread and once with rayon over documents. Reports
//! MB/s of wall time and MB per CPU-second ("per core"), so that a busy machine shows up as
//! a gap between the two rather than as a slow pipeline.
//!
//! `--callgrind` runs a small corpus (`--mb`, default 1) once on one thread and prints the
//! byte count, for instructions per byte under
//! `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*pipeline_pass*'`.
//! The lexicons are loaded by a warm-up document before the counted pass.
//!
//! `--scan N` times only the lexicon's scan (`Lexicon::find`) over the corpus (`--mb`, default
//! 2) in N passes of the whole pipeline, and prints the fastest pass's scan time: the scan's
//! table misses the caches, so its native time is measured apart from the rest, and the
//! minimum lets the shared machine's noise fall out.
//!
//! Never the Wikinews data: its licence forbids copying it, and a shuffled corpus is a copy.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde_json::json;

#[path = "../src/alloc.rs"]
mod alloc;

/// Deterministic xorshift64*: the corpus must be the same on every machine and run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Paragraphs (blocks separated by blank lines) of every `.txt` file in the folders.
fn paragraphs(dirs: &[PathBuf]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
            out.extend(
                text.split("\n\n")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_string),
            );
        }
    }
    if out.is_empty() {
        return Err("no paragraphs found".into());
    }
    Ok(out)
}

/// Documents of 6 to 20 paragraphs drawn at random, each opening with a date line so that
/// the text stage finds a publication date as in real articles, until `bytes` are reached.
fn corpus(pool: &[String], bytes: usize, seed: u64) -> Vec<Vec<u8>> {
    let mut rng = Rng(seed.max(1));
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let mut d = format!(
            "{}. {} 2025\n\n",
            1 + rng.below(28),
            ["März", "Juni", "Oktober", "Dezember"][rng.below(4)]
        );
        for _ in 0..6 + rng.below(15) {
            d.push_str(&pool[rng.below(pool.len())]);
            d.push_str("\n\n");
        }
        total += d.len();
        docs.push(d.into_bytes());
    }
    docs
}

/// What one document yields, summed so that the work cannot be optimised away.
#[derive(Default, Clone, Copy)]
struct Counts {
    docs: usize,
    statements: usize,
    entities: usize,
    relations: usize,
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            docs: self.docs + o.docs,
            statements: self.statements + o.statements,
            entities: self.entities + o.entities,
            relations: self.relations + o.relations,
        }
    }
}

fn one(i: usize, bytes: &[u8]) -> Counts {
    let name = format!("doc{i}");
    let Ok(doc) = whosaid::text::parse(&name, &name, bytes) else {
        return Counts::default();
    };
    let x = whosaid::extract::extract(&doc);
    let f = whosaid::resolve::resolve(&doc, &x);
    Counts {
        docs: 1,
        statements: f.statements.len(),
        entities: f.entities.len(),
        relations: f.relations.len(),
    }
}

/// The counted single-threaded pass; its name is the callgrind toggle.
#[inline(never)]
fn pipeline_pass(docs: &[Vec<u8>]) -> Counts {
    docs.iter()
        .enumerate()
        .map(|(i, d)| one(i, d))
        .fold(Counts::default(), |a, b| a + b)
}

/// The same pass, uncounted: its name does not match the callgrind toggle.
#[inline(never)]
fn warm_up_pass(docs: &[Vec<u8>]) {
    for d in docs {
        std::hint::black_box(one(0, d));
    }
}

fn parallel_pass(docs: &[Vec<u8>]) -> Counts {
    docs.par_iter()
        .enumerate()
        .map(|(i, d)| one(i, d))
        .reduce(Counts::default, |a, b| a + b)
}

/// The lexicon's scan time in the fastest of `passes` pipeline passes over `docs`, in ms per
/// pass and ns per byte, with the number of hits, which must not move. Each document's scan is
/// timed just before the pipeline runs on it, so that it finds the caches as the pipeline
/// leaves them: alone and back to back, its table's hot rows would stay in the caches.
fn scan_passes(docs: &[Vec<u8>], passes: usize, bytes: usize) {
    let texts: Vec<&str> = docs
        .iter()
        .filter_map(|d| std::str::from_utf8(d).ok())
        .collect();
    let lex = whosaid::lexicon::lexicon();
    let mut best = f64::INFINITY;
    let mut hits = 0;
    for _ in 0..passes {
        let mut time = 0.0;
        hits = 0;
        for (i, s) in texts.iter().enumerate() {
            let t = Instant::now();
            hits += std::hint::black_box(lex.find(s)).len();
            time += t.elapsed().as_secs_f64();
            std::hint::black_box(one(i, s.as_bytes()));
        }
        best = best.min(time);
    }
    println!(
        "scan: {bytes} bytes, {hits} hits, fastest of {passes} passes {:.3} ms ({:.2} ns per byte)",
        best * 1e3,
        best * 1e9 / bytes as f64
    );
}

/// CPU time of the whole process (all threads) in seconds, from /proc/self/stat.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // utime and stime, in clock ticks of 1/100 s on every common Linux configuration.
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}

struct Pass {
    wall: f64,
    cpu: f64,
    counts: Counts,
}

fn timed(f: impl FnOnce() -> Counts) -> Pass {
    let (c0, t) = (cpu_seconds(), Instant::now());
    let counts = std::hint::black_box(f());
    Pass {
        wall: t.elapsed().as_secs_f64(),
        cpu: cpu_seconds() - c0,
        counts,
    }
}

fn main() {
    let mut mb: Option<f64> = None;
    let (mut seed, mut json_out, mut callgrind, mut scan) = (42u64, None, false, None);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--bench" => {}
            "--mb" => mb = it.next().and_then(|v| v.parse().ok()),
            "--seed" => seed = it.next().and_then(|v| v.parse().ok()).unwrap_or(42),
            "--json" => json_out = it.next().map(PathBuf::from),
            "--callgrind" => callgrind = true,
            "--scan" => scan = it.next().and_then(|v| v.parse::<usize>().ok()),
            other => {
                eprintln!(
                    "extract bench: unknown argument {other}\nusage: extract [--mb N] [--seed N] [--json FILE] [--callgrind] [--scan N]"
                );
                std::process::exit(2);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pool = match paragraphs(&[root.join("seeds"), root.join("bench/corpus")]) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("extract bench: {e}");
            std::process::exit(2);
        }
    };
    let mb = mb.unwrap_or(if callgrind {
        1.0
    } else if scan.is_some() {
        2.0
    } else {
        100.0
    });
    let docs = corpus(&pool, (mb * 1e6) as usize, seed);
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let mbytes = bytes as f64 / 1e6;
    if let Some(passes) = scan {
        scan_passes(&docs, passes, bytes);
        return;
    }
    // Warm-up: the lexicons are built on first use and are not per-byte work.
    std::hint::black_box(one(usize::MAX, docs[0].as_slice()));
    if callgrind {
        // Under callgrind, one uncounted pass first: a pattern compiled on the first document
        // that needs it (a date line, a rare cue) is set-up too, and the guard must count only
        // what every byte costs, whichever document happens to need it first.
        warm_up_pass(&docs);
        let c = pipeline_pass(&docs);
        println!(
            "bytes={bytes} docs={} statements={} entities={} relations={}",
            c.docs, c.statements, c.entities, c.relations
        );
        return;
    }
    println!(
        "# corpus: {} paragraphs in the pool, {} documents, {mbytes:.1} MB (seed {seed})",
        pool.len(),
        docs.len()
    );
    let single = timed(|| pipeline_pass(&docs));
    let threads = rayon::current_num_threads();
    let par = timed(|| parallel_pass(&docs));
    let report = |name: &str, p: &Pass| {
        println!(
            "{name:<16} {:>7.2} s wall {:>7.2} s CPU  {:>7.2} MB/s wall  {:>7.2} MB per CPU-second  \
             ({} docs, {} statements, {} entities, {} relations)",
            p.wall,
            p.cpu,
            mbytes / p.wall,
            mbytes / p.cpu,
            p.counts.docs,
            p.counts.statements,
            p.counts.entities,
            p.counts.relations
        )
    };
    report("single-threaded", &single);
    report(&format!("rayon x{threads}"), &par);
    println!(
        "# load average: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    if let Some(path) = json_out {
        let pass = |p: &Pass| {
            json!({"wall_s": p.wall, "cpu_s": p.cpu, "mb_per_s": mbytes / p.wall,
                   "mb_per_cpu_s": mbytes / p.cpu, "statements": p.counts.statements})
        };
        let out = json!({
            "bytes": bytes, "documents": docs.len(), "seed": seed,
            "single": pass(&single), "parallel": pass(&par), "threads": threads,
        });
        if let Err(e) = std::fs::write(
            &path,
            serde_json::to_string_pretty(&out).unwrap_or_default(),
        ) {
            eprintln!("extract bench: {}: {e}", path.display());
            std::process::exit(2);
        }
    }
}
