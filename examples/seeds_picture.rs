//! Draws the README picture: who said what about whom in a folder of articles, with the
//! pipeline `whosaid dev-export` runs, collapsed to speaker → target edges.
//!
//! ```sh
//! cargo run --example seeds_picture -- /work/shared/seeds docs/seeds.png [TOP_SPEAKERS]
//! ```

use std::path::{Path, PathBuf};

use whosaid::export::Subgraph;
use whosaid::export::dot::{self, DotOptions};
use whosaid::export::render::{Renderer, format_for_path};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: seeds_picture DIR OUT.png|OUT.svg [TOP_SPEAKERS]");
        std::process::exit(2);
    };
    let top: usize = args.get(2).map_or(Ok(6), |s| s.parse())?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut graph = whosaid::graph::Graph::new();
    for f in &files {
        let bytes = std::fs::read(f)?;
        let name = f.file_name().unwrap_or_default().to_string_lossy();
        let doc = match whosaid::text::parse(&name, &f.to_string_lossy(), &bytes) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("skipped: {e}");
                continue;
            }
        };
        let x = whosaid::extract::extract(&doc);
        let facts = whosaid::resolve::resolve(&doc, &x);
        graph.add_document(&doc, &facts);
    }
    let opts = DotOptions {
        top_speakers: Some(top),
        top_targets: Some(4),
        relations: false,
        quote_chars: 40,
        title: Some(format!(
            "Who said what about whom: {} articles, the {top} busiest speakers and their 4 main targets",
            files.len()
        )),
        ..DotOptions::default()
    };
    let text = dot::to_string(&graph, &Subgraph::whole(&graph), &opts);
    let out = Path::new(out);
    std::fs::write(out.with_extension("dot"), &text)?;
    let format = format_for_path(out).ok_or("OUT must end in .png, .svg or .pdf")?;
    Renderer::new().render_to_file(&text, format, out)?;
    eprintln!(
        "{} nodes, {} edges in the graph; wrote {} and {}",
        graph.node_count(),
        graph.edge_count(),
        out.display(),
        out.with_extension("dot").display()
    );
    Ok(())
}
