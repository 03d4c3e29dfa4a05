//! Normalizer throughput against ICU4X and unicode-normalization NFC.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use unicode_normalization::UnicodeNormalization;
use vietnorm::normalize::Normalizer;

#[path = "corpus.rs"]
mod corpus;

// Damage one paragraph in a hundred the way scraped pages are damaged: NBSP,
// a decomposed phrase, Ð for Đ, a zero-width space, a misplaced tone.
fn damaged(seed: u64) -> String {
    let mut rng = corpus::Rng::new(seed);
    corpus::paragraphs(1 << 20, 7)
        .into_iter()
        .map(|p| {
            if !rng.chance(0.01) {
                return p;
            }
            let p = p
                .replacen(", ", ",\u{a0}", 3)
                .replacen("Đ", "Ð", 2)
                .replacen(" và ", " và\u{200b} ", 1);
            let p = p.replacen("hoàn", "hòan", 1);
            let cut = p.char_indices().nth(40).map_or(p.len(), |(i, _)| i);
            format!("{}{}", p[..cut].nfd().collect::<String>(), &p[cut..])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn bench(c: &mut Criterion) {
    let nfc = corpus::news(1 << 20);
    let nfd: String = nfc.nfd().collect();
    let dmg = damaged(3);
    let n = Normalizer::new();
    // warm the lazy tables before timing
    let _ = n.normalize(&dmg);
    let icu = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
    let mut g = c.benchmark_group("normalize");
    for (name, text) in [
        ("clean-nfc", &nfc),
        ("clean-nfd", &nfd),
        ("damaged-1pct", &dmg),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("vietnorm", name), text, |b, t| {
            b.iter(|| n.normalize(t).len())
        });
        g.bench_with_input(BenchmarkId::new("icu4x-nfc", name), text, |b, t| {
            b.iter(|| icu.normalize(t).len())
        });
        if name != "damaged-1pct" {
            g.bench_with_input(
                BenchmarkId::new("unicode-normalization-nfc", name),
                text,
                |b, t| b.iter(|| t.nfc().count()),
            );
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
