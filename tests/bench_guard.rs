//! Regression guard for extraction speed, counted in instructions, never in seconds.
//!
//! Runs only when `WHOSAID_BENCH_GUARD=1` is set and valgrind is installed, because it builds
//! the release benchmark and runs it under callgrind (about a minute). It counts the
//! instructions of one single-threaded pipeline pass (text → extract → resolve) over a small
//! deterministic corpus, divides by the corpus bytes and compares with
//! `bench/baseline.json`. Instruction counts do not depend on machine load, so the check is
//! stable where a wall-clock threshold would flake; they do move a little with the compiler,
//! hence the tolerance. After an intended change, update the baseline with the printed
//! figure and say why in the commit message.

use std::path::{Path, PathBuf};
use std::process::Command;

fn enabled() -> bool {
    std::env::var("WHOSAID_BENCH_GUARD").is_ok_and(|v| v == "1")
        && Command::new("valgrind").arg("--version").output().is_ok()
}

/// Builds the extract bench in release mode and returns its executable.
fn bench_binary(root: &Path) -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--bench",
            "extract",
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
        .filter(|m| m["target"]["name"] == "extract" && m["executable"].is_string())
        .filter_map(|m| m["executable"].as_str().map(PathBuf::from))
        .next_back()
        .expect("cargo names the bench executable")
}

/// Instructions per byte of the counted pass, and the byte count.
fn instructions_per_byte(bin: &Path, mb: &str) -> (f64, u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new("valgrind")
        .args([
            "--tool=callgrind",
            "--collect-atstart=no",
            "--toggle-collect=*pipeline_pass*",
        ])
        .arg(format!(
            "--callgrind-out-file={}",
            dir.path().join("cg.out").display()
        ))
        .arg(bin)
        .args(["--callgrind", "--mb", mb])
        .output()
        .expect("valgrind runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let bytes: u64 = stdout
        .split_whitespace()
        .find_map(|w| w.strip_prefix("bytes="))
        .and_then(|n| n.parse().ok())
        .expect("the bench prints bytes=");
    // callgrind's summary line: "==pid== Collected : 123456789".
    let ir: u64 = stderr
        .lines()
        .find_map(|l| l.split("Collected :").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .expect("callgrind prints the collected count");
    assert!(ir > 0, "the toggle matched no function: {stderr}");
    (ir as f64 / bytes as f64, bytes)
}

#[test]
fn extraction_instructions_per_byte_stay_within_the_baseline() {
    if !enabled() {
        eprintln!(
            "skipped: set WHOSAID_BENCH_GUARD=1 (needs valgrind) to run the instruction-count guard"
        );
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let baseline: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("bench/baseline.json")).expect("bench/baseline.json"),
    )
    .expect("baseline is JSON");
    let want = baseline["extract_instructions_per_byte"]
        .as_f64()
        .expect("baseline has extract_instructions_per_byte");
    let tolerance = baseline["tolerance"].as_f64().unwrap_or(0.10);
    let mb = baseline["corpus_mb"].as_str().unwrap_or("0.2").to_string();
    let bin = bench_binary(root);
    let (got, bytes) = instructions_per_byte(&bin, &mb);
    eprintln!("extraction: {got:.0} instructions per byte over {bytes} bytes (baseline {want:.0})");
    assert!(
        got <= want * (1.0 + tolerance),
        "extraction got slower: {got:.0} instructions per byte, baseline {want:.0} (+{:.0}% allowed)",
        tolerance * 100.0
    );
}
