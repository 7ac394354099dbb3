//! Regression guards for extraction and query speed, counted in instructions, never in seconds.
//!
//! Run only when `WHOSAID_BENCH_GUARD=1` is set and valgrind is installed, because they build
//! the release benchmarks and run them under callgrind (under a minute each). One counts the
//! instructions of one single-threaded pipeline pass (text → extract → resolve) over a small
//! deterministic corpus per byte; the other the instructions of the peer questions on a small
//! synthetic graph per question. Both compare with `bench/baseline.json`. Instruction counts do not depend on machine load, so the check is
//! stable where a wall-clock threshold would flake; they do move a little with the compiler,
//! hence the tolerance. After an intended change, update the baseline with the printed
//! figure and say why in the commit message.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether to run, saying why not: the guards need `WHOSAID_BENCH_GUARD=1` (CI sets it in
/// `.ci/run`) and valgrind; a machine without valgrind skips them with a message rather than
/// failing, because the instruction count is the only measure they trust.
fn enabled() -> bool {
    if !std::env::var("WHOSAID_BENCH_GUARD").is_ok_and(|v| v == "1") {
        eprintln!(
            "skipped: set WHOSAID_BENCH_GUARD=1 (needs valgrind) to run the instruction-count guard"
        );
        return false;
    }
    if Command::new("valgrind").arg("--version").output().is_err() {
        eprintln!(
            "skipped: WHOSAID_BENCH_GUARD=1 but valgrind is not installed (apt-get install valgrind)"
        );
        return false;
    }
    true
}

/// Builds a bench target in release mode and returns its executable.
fn bench_binary(root: &Path, name: &str) -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--bench",
            name,
            "--message-format=json",
        ])
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["target"]["name"] == name && m["executable"].is_string())
        .filter_map(|m| m["executable"].as_str().map(PathBuf::from))
        .next_back()
        .expect("cargo names the bench executable")
}

/// Runs `bin args` under callgrind counting only inside functions matching `toggle`;
/// returns the instruction count and the program's standard output.
fn callgrind(bin: &Path, toggle: &str, args: &[&str]) -> (u64, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--collect-atstart=no"])
        .arg(format!("--toggle-collect={toggle}"))
        .arg(format!(
            "--callgrind-out-file={}",
            dir.path().join("cg.out").display()
        ))
        .arg(bin)
        .args(args)
        .output()
        .expect("valgrind runs");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // callgrind's summary line: "==pid== Collected : 123456789".
    let ir: u64 = stderr
        .lines()
        .find_map(|l| l.split("Collected :").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .expect("callgrind prints the collected count");
    assert!(ir > 0, "the toggle matched no function: {stderr}");
    (ir, stdout)
}

/// A number printed by a bench as `key=value`.
fn printed(stdout: &str, key: &str) -> f64 {
    stdout
        .split_whitespace()
        .find_map(|w| w.strip_prefix(key)?.strip_prefix('='))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("the bench prints {key}=: {stdout}"))
}

fn baseline(root: &Path) -> serde_json::Value {
    serde_json::from_str(
        &std::fs::read_to_string(root.join("bench/baseline.json")).expect("bench/baseline.json"),
    )
    .expect("baseline is JSON")
}

fn check(what: &str, got: f64, base: &serde_json::Value, key: &str) {
    let want = base[key]
        .as_f64()
        .unwrap_or_else(|| panic!("baseline has {key}"));
    let tolerance = base["tolerance"].as_f64().unwrap_or(0.10);
    eprintln!(
        "{what}: {got:.0} (baseline {want:.0}, at most {:.0} allowed)",
        want * (1.0 + tolerance)
    );
    assert!(
        got <= want * (1.0 + tolerance),
        "{what} got slower: {got:.0}, baseline {want:.0} (+{:.0}% allowed)",
        tolerance * 100.0
    );
}

#[test]
fn extraction_instructions_per_byte_stay_within_the_baseline() {
    if !enabled() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = baseline(root);
    let mb = base["corpus_mb"].as_str().unwrap_or("0.2").to_string();
    let bin = bench_binary(root, "extract");
    let (ir, out) = callgrind(&bin, "*pipeline_pass*", &["--callgrind", "--mb", &mb]);
    let bytes = printed(&out, "bytes");
    check(
        "extraction instructions per byte",
        ir as f64 / bytes,
        &base,
        "extract_instructions_per_byte",
    );
}

#[test]
fn query_instructions_per_question_stay_within_the_baseline() {
    if !enabled() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = baseline(root);
    let n = base["query_entities"].as_u64().unwrap_or(300).to_string();
    let bin = bench_binary(root, "queries");
    let (ir, out) = callgrind(&bin, "*counted_questions*", &["--callgrind", &n]);
    let questions = printed(&out, "questions");
    check(
        "query instructions per question",
        ir as f64 / questions,
        &base,
        "query_instructions_per_question",
    );
}
