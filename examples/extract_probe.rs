//! Times fact extraction over the bench corpora without criterion, for CPU
//! time measurements on a busy machine (wall-clock benches there measure
//! the other processes too). Run it twice under `/usr/bin/time`, once with
//! `ITERS=0` (dictionary build and corpus set-up only), and divide:
//!
//! ```sh
//! cargo build --release --example extract_probe
//! ITERS=0   /usr/bin/time -f "%U %S" target/release/examples/extract_probe news
//! ITERS=100 /usr/bin/time -f "%U %S" target/release/examples/extract_probe news
//! # MB per CPU-second = 100 * bytes / ((user+sys)[100] - (user+sys)[0]) / 1e6
//! ```
//!
//! Corpora: `news` (450 copies of `benches/extract_news.txt`), `shared`
//! (`benches/corpus.rs` paragraphs, eight to a page), `dense` (the golden
//! sentences, twenty to a page, about 1 MiB). Prints the corpus size in bytes.

#[path = "../benches/corpus.rs"]
mod corpus;

use vietnorm::extract::Extractor;

fn main() {
    let which = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "news".to_string());
    let docs: Vec<String> = match which.as_str() {
        "shared" => corpus::paragraphs(1 << 20, 42)
            .chunks(8)
            .map(|c| c.join("\n"))
            .collect(),
        "dense" => corpus::repeat_to(&corpus::golden_extract_docs(), 1 << 20),
        _ => (0..450)
            .map(|_| include_str!("../benches/extract_news.txt").to_string())
            .collect(),
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    let extractor = Extractor::new().expect("bundled dictionaries build");
    let iters: usize = std::env::var("ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let mut facts = 0;
    for _ in 0..iters {
        for d in &docs {
            facts += extractor.extract(d).len();
        }
    }
    println!("{bytes} bytes, {facts} facts");
}
