//! The command line. NOTE(skeleton): `dev-export` runs the pipeline in memory and prints JSON
//! lines, so extraction work can be scored before the store exists.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "whosaid",
    version,
    about = "Who said what about whom, from German news"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs the pipeline over a folder in memory and prints the graph as JSON lines.
    #[command(hide = true)]
    DevExport { dir: PathBuf },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::DevExport { dir } => {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            files.sort();
            let mut graph = whosaid::graph::Graph::new();
            for f in files {
                let bytes = std::fs::read(&f)?;
                let name = f.file_name().unwrap().to_string_lossy().to_string();
                let doc = match whosaid::text::parse(&name, &f.to_string_lossy(), &bytes) {
                    Ok(d) => d,
                    Err(e) => {
                        eprintln!("{e}");
                        continue;
                    }
                };
                let x = whosaid::extract::extract(&doc);
                let facts = whosaid::resolve::resolve(&doc, &x);
                graph.add_document(&doc, &facts);
            }
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            whosaid::export::jsonl::write(&graph, &mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}
