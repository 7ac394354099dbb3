use std::sync::Mutex;

use serde_json::{Value as Json, json};

use super::*;

/// A backend that records what it was asked and answers from a fixed table.
#[derive(Default)]
struct Fake {
    seen: Mutex<Vec<(String, Params)>>,
}

impl Backend for Fake {
    fn execute(
        &mut self,
        query: &str,
        params: &Params,
        cancel: &Arc<AtomicBool>,
    ) -> Result<Answer, String> {
        self.seen
            .lock()
            .unwrap()
            .push((query.to_string(), params.clone()));
        if query.contains("FAIL") {
            return Err("line 1, column 1: expected a clause".into());
        }
        if query.contains("SLOW") {
            cancel.store(true, Ordering::SeqCst);
            return Err("query cancelled".into());
        }
        Ok(Answer {
            table: ResultTable {
                columns: vec!["x".into()],
                rows: vec![vec![json!(1)], vec![json!(2)]],
            },
            timings: Timings::default(),
            summary: None,
            wrote: false,
        })
    }
    fn explain(&mut self, query: &str) -> Result<String, String> {
        Ok(format!("Plan for {query}\n"))
    }
    fn value(&mut self, expr: &str) -> Result<Json, String> {
        // Literals only, JSON with single quotes allowed; the real backend asks the engine.
        serde_json::from_str(&expr.replace('\'', "\""))
            .map_err(|_| format!("cannot evaluate {expr}"))
    }
    fn schema(&self) -> Schema {
        Schema {
            labels: vec![("Person".into(), 2)],
            ..Schema::default()
        }
    }
    fn dot(&self, answer: &Answer, path: &Path) -> Result<String, String> {
        std::fs::write(
            path,
            format!("digraph {{ // {} rows\n}}\n", answer.table.rows.len()),
        )
        .map_err(|e| e.to_string())?;
        Ok(format!("wrote {}", path.display()))
    }
}

fn repl(dir: &Path) -> Repl<Fake> {
    Repl::new(Fake::default(), dir.join("queries"))
}

fn run(r: &mut Repl<Fake>, script: &str) -> String {
    let mut out = Vec::new();
    r.run_script(script.as_bytes(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn completeness_follows_semicolons_commands_and_questions() {
    assert!(!is_complete("MATCH (n)\nRETURN n"));
    assert!(is_complete("MATCH (n)\nRETURN n;"));
    assert!(!is_complete("RETURN 'a;'"));
    assert!(is_complete("RETURN 'a;';"));
    assert!(!is_complete("RETURN 1 // done;"));
    assert!(is_complete(":schema"));
    assert!(is_complete("who said what about Anna Muster"));
    assert!(is_complete(
        "WHAT DID Muster SAY ABOUT Beispiel SINCE 2025-01-01"
    ));
}

#[test]
fn scripts_run_multi_line_queries_and_commands_without_prompts() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = repl(dir.path());
    let out = run(
        &mut r,
        "// a comment\nMATCH (n)\nRETURN n;\n:mode csv\nRETURN 1;\n",
    );
    assert_eq!(
        out,
        "┌───┐\n│ x │\n╞═══╡\n│ 1 │\n│ 2 │\n└───┘\n2 rows\nmode csv\nx\n1\n2\n"
    );
    let seen = r.backend().seen.lock().unwrap();
    assert_eq!(seen[0].0, "MATCH (n)\nRETURN n");
}

#[test]
fn params_are_parsed_as_literals_and_passed_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = repl(dir.path());
    let out = run(
        &mut r,
        ":param name => 'Anna'\n:param n => [1, 2.5, {\"a\": true}]\n:params\nRETURN $name;\n",
    );
    assert!(out.starts_with("$name = \"Anna\"\n$n = [1,2.5,{\"a\":true}]\n$n = [1,2.5,{\"a\":true}]\n$name = \"Anna\"\n"), "{out}");
    assert_eq!(r.backend().seen.lock().unwrap()[0].1["name"], json!("Anna"));
    let mut out = String::new();
    r.handle(":param 1x => 2", &mut out);
    assert!(out.contains("not a parameter name"), "{out}");
    out.clear();
    r.handle(":param x => Anna", &mut out);
    assert!(out.contains("cannot evaluate Anna"), "{out}");
}

#[test]
fn unknown_commands_suggest_the_closest() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = repl(dir.path());
    let mut out = String::new();
    r.handle(":shcema", &mut out);
    assert_eq!(
        out,
        "unknown command :shcema, did you mean :schema? (:help lists the commands)\n"
    );
    assert_eq!(r.errors, 1);
}

#[test]
fn errors_print_and_the_repl_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = repl(dir.path());
    let out = run(&mut r, "FAIL;\nRETURN 1;\n");
    assert!(
        out.starts_with("line 1, column 1: expected a clause\n"),
        "{out}"
    );
    assert!(out.ends_with("2 rows\n"), "{out}");
}

#[test]
fn save_load_and_run_round_trip_and_stay_inside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = repl(dir.path());
    let out = run(
        &mut r,
        "MATCH (s)\nWHERE s.x = $who\nRETURN s;\n:save by_who Statements by $who\n",
    );
    assert!(
        out.ends_with(&format!(
            "saved {}\n",
            dir.path().join("queries/by_who.cypher").display()
        )),
        "{out}"
    );
    let text = std::fs::read_to_string(dir.path().join("queries/by_who.cypher")).unwrap();
    assert_eq!(
        text,
        "// Statements by $who\n// @param who: (set with :param who => value)\nMATCH (s)\nWHERE s.x = $who\nRETURN s;\n"
    );
    let out = run(&mut r, ":queries\n:load by_who\n:run by_who\n");
    let listed = "by_who($who)\n    Statements by $who\n    $who: (set with :param who => value)\n";
    assert!(
        out.starts_with(&format!("{listed}MATCH (s)\nWHERE s.x = $who\nRETURN s\n")),
        "{out}"
    );
    for bad in ["../x", "a/b", "", "x.y"] {
        let mut out = String::new();
        r.handle(&format!(":save {bad}"), &mut out);
        assert!(out.contains("name"), "{bad}: {out}");
    }
    // Scripts cannot answer the overwrite question, so an existing query is kept.
    let mut out = String::new();
    r.handle(":save by_who", &mut out);
    assert!(out.contains("exists; not overwritten"), "{out}");
    assert!(
        std::fs::read_to_string(dir.path().join("queries/by_who.cypher"))
            .unwrap()
            .contains("$who")
    );
}

#[test]
fn dot_writes_the_last_result_and_explain_prints_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = repl(dir.path());
    let f = dir.path().join("r.dot");
    let mut out = String::new();
    r.handle(&format!(":dot {}", f.display()), &mut out);
    assert!(out.contains("run a query first"));
    let out = run(
        &mut r,
        &format!("RETURN 1;\n:dot {}\n:explain RETURN 2;\n", f.display()),
    );
    assert!(out.contains("wrote"), "{out}");
    assert!(out.ends_with("Plan for RETURN 2\n"), "{out}");
    assert!(std::fs::read_to_string(f).unwrap().contains("2 rows"));
}

#[test]
fn timer_and_max_rows_change_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = repl(dir.path());
    let out = run(&mut r, ":timer on\n:max_rows 1\nRETURN 1;\n");
    assert!(out.contains("2 rows, 1 shown\n"), "{out}");
    assert!(
        out.contains("parse 0.000 ms · plan 0.000 ms · execute 0.000 ms · 2 rows"),
        "{out}"
    );
}

#[test]
fn quit_stops_a_script() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = repl(dir.path());
    let out = run(&mut r, ":quit\nRETURN 1;\n");
    assert_eq!(out, "");
}
