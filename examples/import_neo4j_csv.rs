//! Times `import::neo4j_csv` on a folder, for the benchmark graphs of /work/shared/bench:
//!
//! ```sh
//! python3 gen_graph.py --entities 10000 --out /tmp/kg10k
//! python3 to_neo4j_csv.py /tmp/kg10k /tmp/kg10k-csv
//! cargo run --release --example import_neo4j_csv -- /tmp/kg10k-csv
//! ```

use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: import_neo4j_csv DIR");
        std::process::exit(2);
    };
    let mut graph = whosaid::graph::Graph::new();
    let t = Instant::now();
    match whosaid::import::neo4j_csv(std::path::Path::new(&dir), &mut graph) {
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
}
