//! Diacritic repair throughput on clean text and on the three kinds of damage.
//!
//! The corpus is our own text (`tests/data/repair/clean.txt` and
//! `data/samples/sample.txt`), or any clean Vietnamese file named by
//! `VIETNORM_BENCH_TEXT` (for example the registry statutes the language
//! model is counted from). It is cut into documents of about 300 words, as
//! an archive of articles would be, and every document is repaired once per
//! iteration.
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
        Err(_) => (
            "own".to_string(),
            format!(
                "{}{}",
                include_str!("../tests/data/repair/clean.txt"),
                include_str!("../data/samples/sample.txt")
            ),
        ),
    }
}

fn documents(text: &str) -> Vec<String> {
    let mut docs = Vec::new();
    let mut cur = String::new();
    let mut n = 0;
    for line in text.lines() {
        cur.push_str(line);
        cur.push('\n');
        n += line.split_whitespace().count();
        if n >= 300 {
            docs.push(std::mem::take(&mut cur));
            n = 0;
        }
    }
    if !cur.trim().is_empty() {
        docs.push(cur);
    }
    docs
}

fn repair(c: &mut Criterion) {
    let (name, text) = corpus();
    let docs = documents(&text);
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
        let input: Vec<String> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| match dmg {
                Some(k) => damage(d, k, i as u64),
                None => d.clone(),
            })
            .collect();
        let bytes: usize = input.iter().map(|d| d.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_with_input(BenchmarkId::new(kind, &name), &input, |b, input| {
            b.iter(|| {
                input
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
