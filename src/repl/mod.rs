//! The interactive shell: a line editor on a terminal, a plain script reader otherwise.
//!
//! The REPL talks to the rest of whosaid only through the `Backend` trait, so its command
//! handling is tested with a fake backend and the real one is a thin adapter over the query
//! engine and the store. Input is complete when it ends with `;`, when it is a `:` command, or
//! when it is the one-line question form (`WHO SAID WHAT ABOUT …`), which ends at the line end.

mod editor;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::Value as Json;

use crate::export::table::{Format, Layout, ResultTable, render};
use crate::saved_queries;

/// Query parameters by name, as JSON values.
pub type Params = BTreeMap<String, Json>;

pub use crate::query::Timings;

/// The result of one query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answer {
    pub table: ResultTable,
    pub timings: Timings,
    /// What a writing query changed (`2 nodes created`), if anything.
    pub summary: Option<String>,
    /// Whether the query changed the graph (and so the names completion offers).
    pub wrote: bool,
}

/// Names the graph uses, for `:schema` and completion. Counts go with each name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schema {
    pub labels: Vec<(String, usize)>,
    pub rel_types: Vec<(String, usize)>,
    pub property_keys: Vec<(String, usize)>,
    /// Entity names and aliases, for completing the one-line questions.
    pub names: Vec<String>,
}

/// What the REPL needs from the engine. Errors come back as finished messages (with line,
/// column and caret where they have them), because the REPL only prints them.
pub trait Backend {
    fn execute(
        &mut self,
        query: &str,
        params: &Params,
        cancel: &Arc<AtomicBool>,
    ) -> Result<Answer, String>;
    fn explain(&mut self, query: &str) -> Result<String, String>;
    fn schema(&self) -> Schema;
    /// The value of an expression (a parameter's value, `:param name => expr`).
    fn value(&mut self, expr: &str) -> Result<Json, String>;
    /// Writes the graph elements of an answer as a Graphviz file; returns a note for the user.
    fn dot(&self, answer: &Answer, path: &Path) -> Result<String, String>;
}

/// Asks the user a yes/no question and returns the answer.
type Confirm = Box<dyn FnMut(&str) -> bool>;

/// Whether the REPL goes on after a piece of input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// The meta-commands, with their help text, in the order `:help` lists them.
pub const COMMANDS: &[(&str, &str)] = &[
    (":help", "this list"),
    (":quit", "leave (also :exit, Ctrl-D)"),
    (
        ":schema",
        "labels, relationship types and property keys with counts",
    ),
    (":param", "set a parameter: :param name => value"),
    (":params", "list parameters (:params clear forgets them)"),
    (":mode", "result format: :mode table|csv|json|markdown"),
    (
        ":timer",
        "show parse, plan and execute times: :timer on|off",
    ),
    (":max_rows", "rows shown at most in tables: :max_rows N"),
    (
        ":source",
        "run the queries and commands in a file: :source FILE",
    ),
    (
        ":save",
        "save the last query as queries/NAME.cypher: :save NAME [description]",
    ),
    (
        ":load",
        "show a saved query and make it the last query: :load NAME",
    ),
    (":run", "run a saved query: :run NAME"),
    (":queries", "list saved queries with their descriptions"),
    (
        ":dot",
        "write the last result as a Graphviz diagram: :dot FILE",
    ),
    (":explain", "show the plan of a query: :explain QUERY"),
];

/// REPL settings a user changes with meta-commands.
#[derive(Debug, Clone)]
pub struct Settings {
    pub format: Format,
    pub timer: bool,
    pub layout: Layout,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            format: Format::Table,
            timer: false,
            layout: Layout {
                max_rows: 50,
                ..Layout::default()
            },
        }
    }
}

/// The REPL's state: settings, parameters, the last query and its result.
pub struct Repl<B: Backend> {
    backend: B,
    pub settings: Settings,
    params: Params,
    last_query: Option<String>,
    last_answer: Option<Answer>,
    queries_dir: PathBuf,
    cancel: Arc<AtomicBool>,
    /// Asks the user a yes/no question; `None` where nobody can answer (scripts).
    confirm: Option<Confirm>,
    /// Text to put in the next prompt for editing (after `:load`).
    pending_edit: Option<String>,
    /// Errors seen, so that scripts can exit non-zero.
    pub errors: usize,
}

impl<B: Backend> Repl<B> {
    pub fn new(backend: B, queries_dir: impl Into<PathBuf>) -> Self {
        Repl {
            backend,
            settings: Settings::default(),
            params: Params::new(),
            last_query: None,
            last_answer: None,
            queries_dir: queries_dir.into(),
            cancel: Arc::new(AtomicBool::new(false)),
            confirm: None,
            pending_edit: None,
            errors: 0,
        }
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// The flag a running query watches; setting it cancels the query.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        self.cancel.clone()
    }

    /// Handles one complete input (a query or a `:` command) and returns what to print.
    pub fn handle(&mut self, input: &str, out: &mut String) -> Flow {
        let input = input.trim();
        if input.is_empty() || is_comment_only(input) {
            return Flow::Continue;
        }
        if let Some(cmd) = input.strip_prefix(':') {
            return self.command(cmd, out);
        }
        let query = input.trim_end_matches(';').trim().to_string();
        self.run_query(&query, out);
        Flow::Continue
    }

    fn error(&mut self, out: &mut String, msg: impl AsRef<str>) {
        self.errors += 1;
        let msg = msg.as_ref();
        out.push_str(msg);
        if !msg.ends_with('\n') {
            out.push('\n');
        }
    }

    fn run_query(&mut self, query: &str, out: &mut String) {
        self.cancel.store(false, Ordering::SeqCst);
        self.last_query = Some(query.to_string());
        match self.backend.execute(query, &self.params, &self.cancel) {
            Ok(answer) => {
                out.push_str(&render(
                    &answer.table,
                    self.settings.format,
                    &self.settings.layout,
                ));
                if let Some(s) = &answer.summary {
                    let _ = writeln!(out, "{s}");
                }
                if self.settings.timer {
                    let t = answer.timings;
                    let _ = writeln!(
                        out,
                        "parse {} · plan {} · execute {} · {} row{}",
                        ms(t.parse),
                        ms(t.plan),
                        ms(t.execute),
                        answer.table.rows.len(),
                        if answer.table.rows.len() == 1 {
                            ""
                        } else {
                            "s"
                        }
                    );
                }
                self.last_answer = Some(answer);
            }
            Err(e) => self.error(out, e),
        }
    }

    fn command(&mut self, cmd: &str, out: &mut String) -> Flow {
        let (name, arg) = match cmd.split_once(char::is_whitespace) {
            Some((n, a)) => (n, a.trim()),
            None => (cmd, ""),
        };
        match name {
            "help" | "h" | "?" => {
                out.push_str("Queries end with `;` and may span lines. One-line questions end at the line end:\n");
                out.push_str("  WHO SAID WHAT ABOUT Name   WHAT DID Name SAY ABOUT Name   WHO SAID \"words\"\n");
                out.push_str("  (each may end with SINCE YYYY-MM-DD and/or UNTIL YYYY-MM-DD)\n\n");
                for (c, h) in COMMANDS {
                    let _ = writeln!(out, "  {c:<10} {h}");
                }
                out.push_str("\nTab completes keywords, labels, types, properties and names; Ctrl-R searches history;\n");
                out.push_str("Ctrl-C cancels a running query; Ctrl-D leaves.\n");
            }
            "quit" | "exit" | "q" => return Flow::Quit,
            "schema" => {
                let s = self.backend.schema();
                let section = |out: &mut String, title: &str, items: &[(String, usize)]| {
                    let _ = writeln!(out, "{title}:");
                    if items.is_empty() {
                        out.push_str("  (none)\n");
                    }
                    for (n, c) in items {
                        let _ = writeln!(out, "  {n:<24} {c}");
                    }
                };
                section(out, "Labels", &s.labels);
                section(out, "Relationship types", &s.rel_types);
                section(out, "Property keys", &s.property_keys);
            }
            "param" => match split_param(arg).and_then(|(k, e)| Ok((k, self.backend.value(e)?))) {
                Ok((k, v)) => {
                    let _ = writeln!(out, "${k} = {v}");
                    self.params.insert(k, v);
                }
                Err(e) => self.error(out, e),
            },
            "params" => {
                if arg == "clear" {
                    self.params.clear();
                    out.push_str("parameters cleared\n");
                } else if self.params.is_empty() {
                    out.push_str("no parameters (set one with :param name => value)\n");
                } else {
                    for (k, v) in &self.params {
                        let _ = writeln!(out, "${k} = {v}");
                    }
                }
            }
            "mode" => match Format::parse(arg) {
                Some(f) => {
                    self.settings.format = f;
                    let _ = writeln!(out, "mode {}", arg.to_ascii_lowercase());
                }
                None => self.error(
                    out,
                    format!(
                        "unknown mode {arg:?}: use one of {}",
                        Format::NAMES.join(", ")
                    ),
                ),
            },
            "timer" => {
                self.settings.timer = match arg {
                    "on" => true,
                    "off" => false,
                    "" => !self.settings.timer,
                    _ => {
                        self.error(out, "use :timer on or :timer off");
                        return Flow::Continue;
                    }
                };
                let _ = writeln!(
                    out,
                    "timer {}",
                    if self.settings.timer { "on" } else { "off" }
                );
            }
            "max_rows" => match arg.parse::<usize>() {
                Ok(n) if n > 0 => {
                    self.settings.layout.max_rows = n;
                    let _ = writeln!(out, "max_rows {n}");
                }
                _ => self.error(
                    out,
                    format!("max_rows takes a positive number, not {arg:?}"),
                ),
            },
            "source" => {
                if arg.is_empty() {
                    self.error(out, "use :source FILE");
                } else {
                    match std::fs::read_to_string(arg) {
                        Ok(text) => {
                            for input in split_inputs(&text) {
                                if self.handle(&input, out) == Flow::Quit {
                                    return Flow::Quit;
                                }
                            }
                        }
                        Err(e) => self.error(out, format!("cannot read {arg}: {e}")),
                    }
                }
            }
            "save" => self.save(arg, out),
            "load" => match self.read_saved(arg) {
                Ok(q) => {
                    let _ = writeln!(out, "{q}");
                    self.last_query = Some(q.clone());
                    // The `;` makes the loaded query ready to run with one Enter.
                    self.pending_edit = Some(format!("{q};"));
                }
                Err(e) => self.error(out, e),
            },
            "run" => match self.read_saved(arg) {
                Ok(q) => self.run_query(&q, out),
                Err(e) => self.error(out, e),
            },
            "queries" => match saved_queries::load_dir(&self.queries_dir) {
                Ok(list) if list.is_empty() => {
                    let _ = writeln!(out, "no saved queries in {}", self.queries_dir.display());
                }
                Ok(list) => out.push_str(&saved_queries::list_text(&list)),
                Err(e) => self.error(out, e.to_string()),
            },
            "dot" => {
                if arg.is_empty() {
                    self.error(out, "use :dot FILE");
                } else if let Some(a) = &self.last_answer {
                    match self.backend.dot(a, Path::new(arg)) {
                        Ok(note) => {
                            let _ = writeln!(out, "{note}");
                        }
                        Err(e) => self.error(out, e),
                    }
                } else {
                    self.error(out, "no result yet: run a query first");
                }
            }
            "explain" => {
                let q = arg.trim_end_matches(';').trim();
                let q = if q.is_empty() {
                    self.last_query.clone().unwrap_or_default()
                } else {
                    q.to_string()
                };
                if q.is_empty() {
                    self.error(out, "use :explain QUERY");
                } else {
                    match self.backend.explain(&q) {
                        Ok(plan) => {
                            out.push_str(&plan);
                            if !plan.ends_with('\n') {
                                out.push('\n');
                            }
                        }
                        Err(e) => self.error(out, e),
                    }
                }
            }
            other => {
                let known: Vec<&str> = COMMANDS
                    .iter()
                    .map(|(c, _)| &c[1..])
                    .chain(["exit"])
                    .collect();
                let mut msg = format!("unknown command :{other}");
                if let Some(best) = crate::suggest::closest(other, known.iter().copied()) {
                    let _ = write!(msg, ", did you mean :{best}?");
                }
                msg.push_str(" (:help lists the commands)");
                self.error(out, msg);
            }
        }
        Flow::Continue
    }

    fn save(&mut self, arg: &str, out: &mut String) {
        let (name, description) = match arg.split_once(char::is_whitespace) {
            Some((n, d)) => (n, d.trim()),
            None => (arg, ""),
        };
        if let Err(e) = check_query_name(name) {
            return self.error(out, e);
        }
        let Some(query) = self.last_query.clone() else {
            return self.error(out, "nothing to save: run a query first");
        };
        let path = self.queries_dir.join(format!("{name}.cypher"));
        if path.exists() {
            let ok = match self.confirm.as_mut() {
                Some(ask) => ask(&format!("{} exists. Overwrite? [y/N] ", path.display())),
                None => false,
            };
            if !ok {
                return self.error(out, format!("{} exists; not overwritten", path.display()));
            }
        }
        let text = saved_query_text(name, description, &query);
        let written =
            std::fs::create_dir_all(&self.queries_dir).and_then(|_| std::fs::write(&path, text));
        match written {
            Ok(()) => {
                let _ = writeln!(out, "saved {}", path.display());
            }
            Err(e) => self.error(out, format!("cannot write {}: {e}", path.display())),
        }
    }

    fn read_saved(&self, name: &str) -> Result<String, String> {
        check_query_name(name)?;
        let path = self.queries_dir.join(format!("{name}.cypher"));
        let text = std::fs::read_to_string(&path).map_err(|e| {
            let known: Vec<String> = saved_queries::load_dir(&self.queries_dir)
                .unwrap_or_default()
                .into_iter()
                .map(|q| q.name)
                .collect();
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            match crate::suggest::closest(name, known.iter().copied()) {
                Some(b) => format!("cannot read {}: {e}; did you mean {b}?", path.display()),
                None => format!("cannot read {}: {e}", path.display()),
            }
        })?;
        let saved = saved_queries::parse(name, &text).map_err(|e| e.to_string())?;
        Ok(saved.text.trim_end_matches(';').trim_end().to_string())
    }

    /// Reads inputs from a non-terminal (a pipe or file) and prints results without prompts.
    pub fn run_script(
        &mut self,
        input: impl BufRead,
        mut output: impl Write,
    ) -> std::io::Result<()> {
        let mut buf = String::new();
        for line in input.lines() {
            let line = line?;
            if buf.is_empty() && (line.trim().is_empty() || is_comment_only(&line)) {
                continue;
            }
            buf.push_str(&line);
            buf.push('\n');
            if is_complete(&buf) {
                let mut out = String::new();
                let flow = self.handle(&buf, &mut out);
                output.write_all(out.as_bytes())?;
                buf.clear();
                if flow == Flow::Quit {
                    return Ok(());
                }
            }
        }
        if !buf.trim().is_empty() {
            let mut out = String::new();
            self.handle(&buf, &mut out);
            output.write_all(out.as_bytes())?;
        }
        Ok(())
    }

    /// Runs the line editor until the user leaves. Ctrl-C during a query sets the cancel flag;
    /// at the prompt it clears the line.
    pub fn run_interactive(mut self, history: Option<PathBuf>) -> Result<(), String> {
        let flag = self.cancel.clone();
        // A second handler cannot be installed in one process; the first one's flag stays valid.
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
        let mut ed =
            editor::Editor::new(self.backend.schema(), history).map_err(|e| e.to_string())?;
        self.confirm = Some(Box::new(editor::ask_yes_no));
        println!(
            "whosaid {} — :help for help, Ctrl-D to leave",
            env!("CARGO_PKG_VERSION")
        );
        loop {
            let initial = self.pending_edit.take().unwrap_or_default();
            match ed.read(&initial) {
                editor::Read::Input(input) => {
                    let mut out = String::new();
                    let flow = self.handle(&input, &mut out);
                    print!("{out}");
                    let _ = std::io::stdout().flush();
                    if flow == Flow::Quit {
                        break;
                    }
                    // Writing queries change the names completion offers; reading the schema
                    // walks the whole graph, so it is done only then.
                    if self.last_answer.as_ref().is_some_and(|a| a.wrote) {
                        ed.set_schema(self.backend.schema());
                    }
                }
                editor::Read::Interrupted => continue,
                editor::Read::Eof => break,
                editor::Read::Failed(e) => return Err(e),
            }
        }
        ed.save_history();
        Ok(())
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn is_comment_only(s: &str) -> bool {
    s.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with("//")
    })
}

/// Whether the words so far are one of the one-line questions (`WHO SAID …`, `WHAT DID …`).
pub fn is_sugar(input: &str) -> bool {
    let mut words = input.split_whitespace().map(str::to_ascii_uppercase);
    matches!(
        (words.next().as_deref(), words.next().as_deref()),
        (Some("WHO"), Some("SAID")) | (Some("WHAT"), Some("DID"))
    )
}

/// Whether an input is ready to run: a `:` command or a one-line question at its line end,
/// or a query whose last character outside strings and comments is `;`.
pub fn is_complete(input: &str) -> bool {
    let t = input.trim();
    if t.is_empty() || t.starts_with(':') || is_sugar(t) || is_comment_only(t) {
        return true;
    }
    let mut last = None;
    let mut quote: Option<char> = None;
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if c == '\\' {
                    chars.next();
                } else if c == q {
                    quote = None;
                }
                last = Some('x');
            }
            None => match c {
                '\'' | '"' | '`' => {
                    quote = Some(c);
                    last = Some('x');
                }
                '/' if chars.peek() == Some(&'/') => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                c if c.is_whitespace() => {}
                c => last = Some(c),
            },
        }
    }
    quote.is_none() && last == Some(';')
}

/// Splits a script into complete inputs, the way the REPL reads them.
pub fn split_inputs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for line in text.lines() {
        if buf.is_empty() && (line.trim().is_empty() || is_comment_only(line)) {
            continue;
        }
        buf.push_str(line);
        buf.push('\n');
        if is_complete(&buf) {
            out.push(std::mem::take(&mut buf));
        }
    }
    if !buf.trim().is_empty() {
        out.push(buf);
    }
    out
}

/// Splits `name => expression`; the backend evaluates the expression.
pub fn split_param(arg: &str) -> Result<(String, &str), String> {
    let (k, v) = arg.split_once("=>").ok_or_else(|| {
        "use :param name => value (for example :param name => 'Merz')".to_string()
    })?;
    let k = k.trim().trim_start_matches('$');
    let valid = !k.is_empty()
        && !k.starts_with(|c: char| c.is_ascii_digit())
        && k.chars().all(|c| c.is_alphanumeric() || c == '_');
    if !valid {
        return Err(format!("{k:?} is not a parameter name"));
    }
    Ok((k.to_string(), v.trim()))
}

/// Saved query names stay inside `queries/`: letters, digits, `_` and `-` only.
pub fn check_query_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("give a name: letters, digits, _ and - (saved as queries/NAME.cypher)".into());
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        || name.starts_with('-')
    {
        return Err(format!(
            "{name:?} is not a query name: use letters, digits, _ and - only, no paths"
        ));
    }
    Ok(())
}

/// The text of a saved query file in the `saved_queries` format: a `//` description, one
/// `// @param NAME: …` line per parameter the query uses, then the query.
pub fn saved_query_text(name: &str, description: &str, query: &str) -> String {
    let description = if description.is_empty() {
        name
    } else {
        description
    };
    let mut s = format!("// {description}\n");
    for p in saved_queries::used_params(query) {
        let _ = writeln!(s, "// @param {p}: (set with :param {p} => value)");
    }
    let _ = writeln!(s, "{};", query.trim().trim_end_matches(';'));
    s
}

#[cfg(test)]
mod tests;
