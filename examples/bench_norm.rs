//! Times normalize on bench corpora: `cargo run --release --example bench_norm -- nfc|nfd`
//! (a profiling aid; the numbers of record come from `cargo bench --bench normalize`).
use unicode_normalization::UnicodeNormalization;
#[path = "../benches/corpus.rs"]
mod corpus;
fn main() {
    let kind = std::env::args().nth(1).unwrap_or_default();
    let nfc = corpus::news(1 << 20);
    let text: String = if kind == "nfd" {
        nfc.nfd().collect()
    } else {
        nfc
    };
    let n = vietnorm::normalize::Normalizer::new();
    let t = std::time::Instant::now();
    let mut total = 0;
    let iters: usize = std::env::var("ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    for _ in 0..iters {
        total += n.normalize(&text).len();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{kind}: {:.0} MB/s ({total})",
        iters as f64 * text.len() as f64 / secs / 1e6
    );
}
