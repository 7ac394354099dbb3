//! Times `import::neo4j_csv` on a folder, for the benchmark graphs of /work/shared/bench, and
//! with a second folder also times the export back to CSV:
//!
//! ```sh
//! python3 gen_graph.py --entities 10000 --out /tmp/kg10k
//! python3 to_neo4j_csv.py /tmp/kg10k /tmp/kg10k-csv
//! cargo run --release --example import_neo4j_csv -- /tmp/kg10k-csv [/tmp/kg10k-out]
//! ```

use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: import_neo4j_csv DIR [EXPORT_DIR]");
        std::process::exit(2);
    };
    let mut graph = whosaid::graph::Graph::new();
    let t = Instant::now();
    match whosaid::import::neo4j_csv(Path::new(dir), &mut graph) {
        Ok(stats) => {
            let secs = t.elapsed().as_secs_f64();
            println!(
                "imported {} nodes and {} relationships from {} files in {secs:.2} s ({:.0} records/s)",
                stats.nodes,
                stats.relationships,
                stats.files.len(),
                (stats.nodes + stats.relationships) as f64 / secs
            );
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
    if let Some(out) = args.get(1) {
        let t = Instant::now();
        let sel = whosaid::export::Subgraph::whole(&graph);
        match whosaid::export::neo4j_csv::write_dir(&graph, &sel, Path::new(out)) {
            Ok(stats) => println!(
                "exported {} nodes and {} relationships to {} files in {:.2} s",
                stats.nodes,
                stats.relationships,
                stats.files.len(),
                t.elapsed().as_secs_f64()
            ),
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(1);
            }
        }
    }
}
