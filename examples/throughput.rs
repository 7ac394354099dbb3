//! Throughput of the text stage and of the whole pipeline over a folder of articles:
//! `cargo run --release --example throughput -- DIR [ROUNDS]`. Speed is measured here, never
//! in tests.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: throughput DIR [ROUNDS]");
    let rounds: usize = args
        .next()
        .map_or(3, |r| r.parse().expect("ROUNDS is a number"));
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("DIR is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.to_string_lossy().to_string(),
                std::fs::read(&p).expect("readable file"),
            )
        })
        .collect();
    files.sort();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mb = bytes as f64 * rounds as f64 / 1e6;
    let t = Instant::now();
    let mut sentences = 0;
    for _ in 0..rounds {
        for (p, b) in &files {
            if let Ok(d) = whosaid::text::parse(p, p, b) {
                sentences += d.sentences.len();
            }
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "text::parse   {} files, {:.1} MB, {:.2} s, {:.1} MB/s single-threaded ({} sentences)",
        files.len(),
        mb,
        s,
        mb / s,
        sentences / rounds
    );
    if std::env::var_os("TEXT_ONLY").is_some() {
        return;
    }
    let t = Instant::now();
    for _ in 0..rounds {
        let mut g = whosaid::graph::Graph::new();
        for (p, b) in &files {
            if let Ok(d) = whosaid::text::parse(p, p, b) {
                let x = whosaid::extract::extract(&d);
                let f = whosaid::resolve::resolve(&d, &x);
                g.add_document(&d, &f);
            }
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "pipeline      {:.1} MB, {:.2} s, {:.1} MB/s single-threaded (text, extract, resolve, graph)",
        mb,
        s,
        mb / s
    );
}
