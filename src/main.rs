//! The command line: one function per subcommand, each calling into the library. Library errors
//! become messages and exit codes here and nowhere else.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use whosaid::export::table::{Format as TableFormat, Layout, render};
use whosaid::ingest::{self, Options};
use whosaid::session::Session;
use whosaid::store::Store;

mod alloc;

#[derive(Parser)]
#[command(
    name = "whosaid",
    version,
    about = "Who said what about whom, from German news"
)]
struct Cli {
    /// The store (an SQLite file).
    #[arg(long, global = true, default_value = "whosaid.db")]
    db: PathBuf,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// JSON lines in the Neo4j APOC export shape.
    Jsonl,
    /// Graphviz DOT (statements collapsed to speaker → target edges unless --statements).
    Dot,
    /// GraphML, for Gephi, yEd and networkx.
    Graphml,
    /// `neo4j-admin database import` CSV files, written into the folder given with -o.
    #[value(name = "neo4j-csv")]
    Neo4jCsv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ImportFormat {
    /// A folder of `neo4j-admin database import` CSV files.
    #[value(name = "neo4j-csv")]
    Neo4jCsv,
}

#[derive(Clone, Copy, ValueEnum)]
enum RowFormat {
    Table,
    Json,
    Csv,
}

#[derive(Subcommand)]
enum Command {
    /// Reads German news articles (files or folders) into the store.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Writes the graph, or a part of it, as JSON lines, Graphviz, GraphML or Neo4j CSV.
    Export {
        #[arg(long, value_enum, default_value = "jsonl")]
        format: Format,
        /// Output file (a folder for neo4j-csv; default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Only the neighbourhood of the entity with this name or alias.
        #[arg(long, conflicts_with = "query")]
        around: Option<String>,
        /// How many steps --around reaches.
        #[arg(long, default_value_t = 2)]
        depth: usize,
        /// Only the nodes and relationships this query returns.
        #[arg(long)]
        query: Option<String>,
        /// Keep statements as nodes in DOT instead of speaker → target edges.
        #[arg(long)]
        statements: bool,
        /// Render the DOT with Graphviz into the -o file.
        #[arg(long, value_parser = ["svg", "png", "pdf"])]
        render: Option<String>,
    },
    /// Reads a graph from Neo4j CSV files into the store (the mirror of `export --format neo4j-csv`).
    Import {
        #[arg(long, value_enum, default_value = "neo4j-csv")]
        format: ImportFormat,
        dir: PathBuf,
    },
    /// Runs one query (openCypher or a one-line question such as `WHO SAID WHAT ABOUT Merz`).
    /// Exit code 0 with rows, 1 with none, 2 on error.
    Query {
        query: String,
        /// A parameter, `name=value`; the value is a literal (`'text'`, 3, true, [1,2]) or else text.
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: RowFormat,
    },
    /// Runs the query in a saved `.cypher` file. Exit code 0 with rows, 1 with none, 2 on error.
    Run {
        file: PathBuf,
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: RowFormat,
    },
    /// Opens the interactive shell (also what `whosaid` alone does).
    Repl,
    /// Counts nodes by label and relationships by type.
    Stats,
    /// Scores the store against gold annotations (same figures as shared/eval/score.py).
    Eval {
        /// Folder of gold JSON files.
        #[arg(long)]
        gold: PathBuf,
        /// Folder of the documents the gold files refer to.
        #[arg(long)]
        docs: PathBuf,
        /// Print the figures as JSON.
        #[arg(long)]
        json: bool,
        /// Print every miss before the figures.
        #[arg(long)]
        verbose: bool,
    },
    /// Runs the pipeline over a folder in memory and prints the graph as JSON lines.
    #[command(hide = true)]
    DevExport { dir: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Repl) {
        Command::Ingest { paths } => ingest(&cli.db, &paths),
        Command::Export {
            format,
            output,
            around,
            depth,
            query,
            statements,
            render,
        } => export(
            &cli.db,
            ExportArgs {
                format,
                output,
                around,
                depth,
                query,
                statements,
                render,
            },
        ),
        Command::Import { format, dir } => import(&cli.db, format, &dir),
        Command::Query {
            query,
            params,
            format,
        } => return query_command(&cli.db, &query, "query", &params, format),
        Command::Run {
            file,
            params,
            format,
        } => return run_file(&cli.db, &file, &params, format),
        Command::Repl => repl(&cli.db),
        Command::Stats => stats(&cli.db),
        Command::Eval {
            gold,
            docs,
            json,
            verbose,
        } => eval(&cli.db, &gold, &docs, json, verbose),
        Command::DevExport { dir } => dev_export(&dir),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn ingest(db: &Path, paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(db, true)?;
    let report = ingest::ingest_into(&mut store, paths, &Options { progress: true })?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    for e in &report.failed {
        eprintln!("error: {e}");
    }
    eprintln!("{}", report.summary());
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

struct ExportArgs {
    format: Format,
    output: Option<PathBuf>,
    around: Option<String>,
    depth: usize,
    query: Option<String>,
    statements: bool,
    render: Option<String>,
}

fn export(db: &Path, a: ExportArgs) -> anyhow::Result<ExitCode> {
    use whosaid::export::{Format as F, Request, Selection};
    let mut req = Request::new(match a.format {
        Format::Jsonl => F::Jsonl,
        Format::Dot => F::Dot,
        Format::Graphml => F::Graphml,
        Format::Neo4jCsv => F::Neo4jCsv,
    });
    req.output = a.output;
    req.dot.statements = a.statements;
    req.render = a.render.as_deref().map(str::parse).transpose()?;
    let mut session = Session::open_existing(db)?;
    if let Some(name) = a.around {
        req.selection = Selection::Around {
            name,
            depth: a.depth,
        };
    } else if let Some(q) = a.query {
        let rows = session
            .run(&q, &Default::default(), &Default::default())
            .map_err(|e| anyhow::anyhow!(e.render(&q, "query")))?;
        req.selection = Selection::of_rows(&rows);
    }
    let mut stdout = std::io::stdout().lock();
    match whosaid::export::run(session.graph(), &req, &mut stdout)? {
        whosaid::export::Written::File(p) => eprintln!("wrote {}", p.display()),
        whosaid::export::Written::Folder(stats) => eprintln!(
            "wrote {} nodes and {} relationships into {} files",
            stats.nodes,
            stats.relationships,
            stats.files.len()
        ),
        whosaid::export::Written::Stdout => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn import(db: &Path, format: ImportFormat, dir: &Path) -> anyhow::Result<ExitCode> {
    let ImportFormat::Neo4jCsv = format;
    let mut store = Store::open(db, true)?;
    let started = std::time::Instant::now();
    let stats = whosaid::import::neo4j_csv(dir, &mut store.graph)?;
    store.save(&[])?;
    eprintln!(
        "imported {} nodes and {} relationships from {} files; {:.2} s",
        stats.nodes,
        stats.relationships,
        stats.files.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs one query and prints its rows. Exit code 0 with rows, 1 with none, 2 on error, so that
/// scripts can tell "no answer" from "wrong question".
fn query_command(
    db: &Path,
    text: &str,
    origin: &str,
    params: &[String],
    format: RowFormat,
) -> ExitCode {
    let run = || -> Result<usize, String> {
        let params = parse_params(params)?;
        let mut session = Session::open_existing(db).map_err(|e| format!("error: {e}"))?;
        let rows = session
            .run(text, &params, &Default::default())
            .map_err(|e| e.render(text, origin))?;
        for w in &rows.warnings {
            eprintln!("warning: {w}");
        }
        if let Some(s) = whosaid::session::effects_text(&rows.effects) {
            eprintln!("{s}");
        }
        let table = whosaid::session::table(session.graph(), &rows);
        let (format, layout) = match format {
            RowFormat::Table => (
                TableFormat::Table,
                Layout {
                    max_rows: usize::MAX,
                    ..Layout::default()
                },
            ),
            RowFormat::Json => (TableFormat::Json, Layout::default()),
            RowFormat::Csv => (TableFormat::Csv, Layout::default()),
        };
        print!("{}", render(&table, format, &layout));
        Ok(table.rows.len())
    };
    match run() {
        Ok(0) => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

fn run_file(db: &Path, file: &Path, params: &[String], format: RowFormat) -> ExitCode {
    match std::fs::read_to_string(file) {
        Ok(text) => query_command(db, &text, &file.display().to_string(), params, format),
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            ExitCode::from(2)
        }
    }
}

/// `name=value` pairs; a value that is not an expression is taken as text, so `--param name=Merz`
/// works as well as `--param name="'Merz'"` or `--param ids=[1,2]`.
fn parse_params(raw: &[String]) -> Result<whosaid::query::Params, String> {
    let mut params = whosaid::query::Params::new();
    for p in raw {
        let arrow = p.replacen('=', "=>", 1);
        let (k, v) =
            whosaid::repl::split_param(&arrow).map_err(|e| format!("error: --param {p}: {e}"))?;
        let value = whosaid::session::evaluate(v)
            .unwrap_or_else(|_| whosaid::query::Value::String(v.into()));
        params.insert(k, value);
    }
    Ok(params)
}

fn repl(db: &Path) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal;
    let session = Session::open(db)?;
    let queries = PathBuf::from("queries");
    let mut repl = whosaid::repl::Repl::new(session, queries);
    if std::io::stdin().is_terminal() {
        let history = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".whosaid_history"));
        repl.run_interactive(history).map_err(anyhow::Error::msg)?;
        Ok(ExitCode::SUCCESS)
    } else {
        repl.run_script(std::io::stdin().lock(), std::io::stdout().lock())?;
        Ok(if repl.errors == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        })
    }
}

fn stats(db: &Path) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, false)?;
    print!("{}", whosaid::graph::stats_text(&store.graph));
    Ok(ExitCode::SUCCESS)
}

fn eval(
    db: &Path,
    gold: &Path,
    docs: &Path,
    json: bool,
    verbose: bool,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, false)?;
    let (scores, misses) = whosaid::eval::score(&store.graph, docs, gold, verbose)?;
    let mut out = std::io::stdout().lock();
    if verbose {
        for m in misses {
            writeln!(out, "{m}")?;
        }
    }
    writeln!(out, "{}", if json { scores.json() } else { scores.line() })?;
    Ok(ExitCode::SUCCESS)
}

fn dev_export(dir: &Path) -> anyhow::Result<ExitCode> {
    let mut graph = whosaid::graph::Graph::new();
    let (report, _) = ingest::ingest(&mut graph, &[dir.to_path_buf()], &Options::default());
    for e in report.failed.iter().chain(&report.warnings) {
        eprintln!("{e}");
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    whosaid::export::jsonl::write(&graph, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
