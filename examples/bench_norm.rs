//! Times normalize against ICU4X NFC on the bench corpora, in one run:
//! `cargo run --release --example bench_norm -- nfc|nfd` (a profiling aid;
//! the numbers of record come from `cargo bench --bench normalize`).
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
    let iters: usize = std::env::var("ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let n = vietnorm::normalize::Normalizer::new();
    let icu = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
    let mut total = 0;
    let t = std::time::Instant::now();
    if std::env::var("SKIP_OURS").is_err() {
        for _ in 0..iters {
            total += n.normalize(&text).len();
        }
    }
    let ours = iters as f64 * text.len() as f64 / t.elapsed().as_secs_f64() / 1e6;
    let t = std::time::Instant::now();
    if std::env::var("SKIP_ICU").is_err() {
        for _ in 0..iters {
            total += icu.normalize(&text).len();
        }
    }
    let theirs = iters as f64 * text.len() as f64 / t.elapsed().as_secs_f64() / 1e6;
    println!("{kind}: vietnorm {ours:.0} MB/s, icu4x {theirs:.0} MB/s ({total})");
}
