//! A real terminal session with the REPL, driven through tmux: multi-line input, completion,
//! saving and loading a query, cancelling a slow query with Ctrl-C, and `:dot`, whose output
//! Graphviz must render. CI installs tmux and Graphviz; elsewhere the test says it was skipped.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

struct Tmux {
    name: String,
}

impl Tmux {
    fn start(name: &str, dir: &Path, command: &str) -> Tmux {
        let status = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                name,
                "-x",
                "160",
                "-y",
                "50",
                "-c",
            ])
            .arg(dir)
            .arg(command)
            .env("HOME", dir)
            .status()
            .unwrap();
        assert!(status.success());
        Tmux {
            name: name.to_string(),
        }
    }

    fn keys(&self, keys: &[&str]) {
        // tmux reads an argument ending in `;` as the end of its command, so that `;` is escaped.
        let keys = keys.iter().map(|k| match k.strip_suffix(';') {
            Some(head) => format!("{head}\\;"),
            None => k.to_string(),
        });
        let status = Command::new("tmux")
            .args(["send-keys", "-t", &self.name])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-S", "-200", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text` `times` times; panics with the screen otherwise.
    fn wait_for_n(&self, text: &str, times: usize) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.matches(text).count() >= times {
                return s;
            }
            if start.elapsed() > Duration::from_secs(60) {
                panic!("timed out waiting for {text:?} ({times}×); screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_for_n(text, 1)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .status();
    }
}

#[test]
fn a_terminal_session_on_the_seeds() {
    if !have("tmux") || Command::new("dot").arg("-V").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install tmux and graphviz"
        );
        eprintln!("skipped: tmux or Graphviz is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    assert_eq!(run(&db, &["ingest", seeds().to_str().unwrap()]).code, 0);
    let bin = assert_cmd::cargo::cargo_bin("whosaid");
    let session = format!("whosaid-test-{}", std::process::id());
    let t = Tmux::start(
        &session,
        dir.path(),
        &format!("{} --db s.db", bin.display()),
    );
    t.wait_for("whosaid>");

    // A query over two lines runs when the `;` comes.
    t.keys(&["MATCH (p:Person)", "Enter"]);
    t.keys(&["RETURN count(p) AS persons;", "Enter"]);
    t.wait_for("1 row");
    assert!(t.screen().contains("persons"));

    // Completion of a meta-command, a label and an entity name.
    t.keys(&[":sch", "Tab", "Enter"]);
    t.wait_for("Relationship types:");
    t.keys(&["MATCH (x:Countr", "Tab"]);
    t.wait_for("MATCH (x:Country");
    t.keys(&[") RETURN count(x) AS countries;", "Enter"]);
    t.wait_for("countries");

    // Save the last query, then load it back and run it with one Enter.
    t.keys(&[":save countries Number of countries", "Enter"]);
    t.wait_for("saved queries/countries.cypher");
    let saved = std::fs::read_to_string(dir.path().join("queries/countries.cypher")).unwrap();
    assert!(
        saved
            .starts_with("// Number of countries\nMATCH (x:Country) RETURN count(x) AS countries;"),
        "{saved}"
    );
    t.keys(&[":load countries", "Enter"]);
    t.wait_for_n("MATCH (x:Country) RETURN count(x) AS countries", 3);
    t.keys(&["Enter"]);
    t.wait_for_n("1 row", 3);

    // A runaway query stops at Ctrl-C and the prompt comes back.
    t.keys(&["MATCH p = (a)-[*]-(b) RETURN count(p);", "Enter"]);
    std::thread::sleep(Duration::from_millis(1500));
    t.keys(&["C-c"]);
    t.wait_for("query cancelled");
    t.keys(&["RETURN 'still here' AS alive;", "Enter"]);
    t.wait_for("still here");

    // The last result as a Graphviz diagram, which dot renders.
    t.keys(&[
        "MATCH (p:Person)-[r:SAID]->(s:Statement)-[a:ABOUT]->(x) RETURN p, r, s, a, x LIMIT 5;",
        "Enter",
    ]);
    t.wait_for("5 rows");
    t.keys(&[":dot answer.dot", "Enter"]);
    t.wait_for("wrote answer.dot");
    let svg = Command::new("dot")
        .arg("-Tsvg")
        .arg(dir.path().join("answer.dot"))
        .output()
        .unwrap();
    assert!(
        svg.status.success(),
        "{}",
        String::from_utf8_lossy(&svg.stderr)
    );
    assert!(String::from_utf8_lossy(&svg.stdout).contains("<svg"));

    // Ctrl-D leaves; the history file keeps the multi-line query as one entry.
    t.keys(&["C-d"]);
    let start = Instant::now();
    while Command::new("tmux")
        .args(["has-session", "-t", &session])
        .status()
        .unwrap()
        .success()
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the REPL did not leave on Ctrl-D"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let history = std::fs::read_to_string(dir.path().join(".whosaid_history")).unwrap();
    assert!(
        history.contains("MATCH (p:Person)\\nRETURN count(p) AS persons;")
            || history.contains("MATCH (p:Person)\nRETURN count(p) AS persons;"),
        "{history}"
    );
}
