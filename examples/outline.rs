//! Prints a document's outline (paragraphs with flags, sentences): `cargo run --example outline -- FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: outline FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    match whosaid::text::parse(&path, &path, &bytes) {
        Ok(d) => print!("{}", d.outline()),
        Err(e) => eprintln!("{e}"),
    }
}
