//! Diacritic repair throughput on clean text and on the three kinds of damage.
//!
//! The corpus is our own text (`tests/data/repair/clean.txt`,
//! `data/samples/sample.txt` and 1 MiB of the shared corpus of our own
//! sentences, `benches/corpus.rs`), or any clean Vietnamese file named by
//! `VIETNORM_BENCH_TEXT` (for example the registry statutes the language
//! model is counted from). It is cut into documents of about 300 words, as
//! an archive of articles would be, and every document is repaired once per
//! iteration. Damaged corpora come in eight random variants repaired in
//! turn, so the per-thread caches do not see the same damaged words on
//! every iteration.
#[path = "corpus.rs"]
mod corpus;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use vietnorm::repair::damage::{damage, Damage};
use vietnorm::repair::Repairer;

fn corpus() -> (String, String) {
    match std::env::var("VIETNORM_BENCH_TEXT") {
        Ok(path) => {
            let text = std::fs::read_to_string(&path).expect("VIETNORM_BENCH_TEXT");
            let name = path.rsplit('/').next().unwrap_or("file").to_string();
            // cap the size so a run stays short
            let end = text
                .char_indices()
                .map(|(i, _)| i)
                .find(|&i| i >= 2_000_000)
                .unwrap_or(text.len());
            (name, text[..end].to_string())
        }
        // 1 MiB of our own sentences (benches/corpus.rs), with the repair
        // tests' text and the sample page at the front
        Err(_) => ("own".to_string(), corpus::repair_text()),
    }
}

/// Damaged variants of the corpus, repaired in turn.
const VARIANTS: usize = 8;

fn repair(c: &mut Criterion) {
    let (name, text) = corpus();
    let docs = corpus::documents(&text);
    let r = Repairer::new();
    // warm the lazy tables (inventory shapes, abbreviations, model)
    let _ = r.repair(&damage(&text, Damage::ADD_MARKS, 1));
    let mut g = c.benchmark_group("repair");
    g.sample_size(10);
    for (kind, dmg) in [
        ("clean", None),
        ("a_marks_added", Some(Damage::ADD_MARKS)),
        ("b_stripped", Some(Damage::Strip)),
        ("c_tones_swapped", Some(Damage::SWAP_TONES)),
    ] {
        // damaged pages come in several random variants, one per iteration
        // in turn: the per-thread caches (candidates, n-gram memo) then see
        // an archive's steady state, not the same damaged words every time
        let variants: Vec<Vec<String>> = (0..if dmg.is_some() { VARIANTS } else { 1 })
            .map(|v| {
                docs.iter()
                    .enumerate()
                    .map(|(i, d)| match dmg {
                        Some(k) => damage(d, k, corpus::damage_seed(i, v)),
                        None => d.clone(),
                    })
                    .collect()
            })
            .collect();
        let bytes: usize = variants
            .iter()
            .map(|v| v.iter().map(|d| d.len()).sum::<usize>())
            .sum::<usize>()
            / variants.len();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_with_input(BenchmarkId::new(kind, &name), &variants, |b, variants| {
            let mut turn = 0;
            b.iter(|| {
                turn = (turn + 1) % variants.len();
                variants
                    .get(turn)
                    .map_or(&[][..], |v| v.as_slice())
                    .iter()
                    .map(|d| r.repair(black_box(d)).edits.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("repair");
    g.bench_function("build_default", |b| {
        b.iter(|| vietnorm::repair::Repairer::builder().build().map(black_box))
    });
    g.finish();
}

criterion_group!(benches, repair, build);
criterion_main!(benches);
