//! Helpers shared by the command-line tests: a temporary store, running the binary, and the
//! seed articles, gold annotations and reference scorer that ship with the repository.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds() -> PathBuf {
    root().join("seeds")
}

pub fn gold() -> PathBuf {
    root().join("gold")
}

/// A copy of `shared/eval/score.py`, the reference scorer.
pub fn score_py() -> PathBuf {
    root().join("tests/score.py")
}

/// The binary with `--db` set.
pub fn whosaid(db: &Path) -> Command {
    let mut c = Command::cargo_bin("whosaid").expect("binary builds");
    c.arg("--db").arg(db);
    c
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(db: &Path, args: &[&str]) -> Run {
    let out = whosaid(db).args(args).output().expect("binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

pub fn export(db: &Path) -> String {
    let r = run(db, &["export", "--format", "jsonl"]);
    assert_eq!(r.code, 0, "export failed: {}", r.stderr);
    r.stdout
}

/// Copies the seed articles into a folder of their own.
pub fn copy_seeds(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(seeds()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

/// Whether the reference scorer can run. Without python3 (a machine with only the Rust
/// toolchain) the tests that compare with it say they were skipped; CI always has it.
pub fn have_python() -> bool {
    let ok = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have python3 for the reference scorer"
        );
        eprintln!("skipped: python3 is not installed, so the reference scorer cannot run");
    }
    ok
}

/// Runs the reference scorer; panics with its output if it fails.
pub fn score_py_run(export: &Path, docs: &Path, gold: &Path, flags: &[&str]) -> String {
    let out = std::process::Command::new("python3")
        .arg(score_py())
        .arg(export)
        .arg(docs)
        .arg(gold)
        .args(flags)
        .output()
        .expect("python3 runs (the reference scorer needs it)");
    assert!(
        out.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
