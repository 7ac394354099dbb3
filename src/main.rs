//! The command line: one function per subcommand, each calling into the library. Library errors
//! become messages and exit codes here and nowhere else.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use whosaid::ingest::{self, Options};
use whosaid::store::Store;

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
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// JSON lines in the Neo4j APOC export shape.
    Jsonl,
}

#[derive(Subcommand)]
enum Command {
    /// Reads German news articles (files or folders) into the store.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Writes the whole graph.
    Export {
        #[arg(long, value_enum, default_value = "jsonl")]
        format: Format,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
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
    let result = match cli.command {
        Command::Ingest { paths } => ingest(&cli.db, &paths),
        Command::Export { format, output } => export(&cli.db, format, output.as_deref()),
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

fn export(db: &Path, format: Format, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, false)?;
    let mut out: Box<dyn Write> = match output {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("{}: cannot write", p.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(&mut out);
    match format {
        Format::Jsonl => whosaid::export::jsonl::write(&store.graph, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
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
