//! Fact extraction throughput on clean news-like text (our own prose, and the
//! shared corpus of `benches/corpus.rs`) and on fact-dense text (the
//! golden-case sentences); dictionary build time apart; a plain aho-corasick
//! scan over the trigger dictionary as the baseline.
use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use vietnorm::extract::Extractor;

#[path = "corpus.rs"]
mod corpus;

/// Our own page in the style of provincial news: mostly prose, a fact every
/// sentence or two (`benches/extract_news.txt`, shared with
/// `examples/extract_probe.rs`).
const NEWS: &str = include_str!("extract_news.txt");

fn baseline_automaton() -> AhoCorasick {
    let offices = include_str!("../data/titles_offices.tsv");
    let mut pats: Vec<String> = offices
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_string)
        .collect();
    pats.extend(
        [
            "xã",
            "phường",
            "huyện",
            "tỉnh",
            "thành phố",
            "quận",
            "thị xã",
            "thị trấn",
            "đặc khu",
        ]
        .map(String::from),
    );
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&pats)
        .expect("baseline automaton")
}

fn run(c: &mut Criterion) {
    let extractor = Extractor::new().expect("extractor");
    let _ = extractor.extract(NEWS); // warm the lazy dictionaries
    let baseline = baseline_automaton();
    // corpora are lists of documents (pages), extracted one call each, as
    // the CLI does: `news` is a page of mostly prose, `dense` the golden
    // sentences (a fact or more in every one), twenty to a document
    let corpora = [
        ("news", corpus::repeat_to(&[NEWS.to_string()], 1 << 20)),
        (
            "dense",
            corpus::repeat_to(&corpus::golden_extract_docs(), 1 << 20),
        ),
        // the normalize bench's shared news corpus, eight paragraphs a page
        (
            "shared_news",
            corpus::paragraphs(1 << 20, 42)
                .chunks(8)
                .map(|c| c.join("\n"))
                .collect(),
        ),
    ];
    let mut g = c.benchmark_group("extract");
    for (name, docs) in &corpora {
        let bytes: usize = docs.iter().map(String::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_with_input(BenchmarkId::new("vietnorm", name), docs, |b, docs| {
            b.iter(|| {
                docs.iter()
                    .map(|d| extractor.extract(black_box(d)).len())
                    .sum::<usize>()
            })
        });
        g.bench_with_input(
            BenchmarkId::new("aho_corasick_triggers_only", name),
            docs,
            |b, docs| {
                b.iter(|| {
                    docs.iter()
                        .map(|d| baseline.find_iter(black_box(d.as_str())).count())
                        .sum::<usize>()
                })
            },
        );
    }
    g.finish();

    // building the dictionaries (what the lazy static does once per process);
    // an extra entry forces a fresh build instead of the shared one
    let mut g = c.benchmark_group("extract_build");
    g.sample_size(10);
    g.bench_function("dictionaries", |b| {
        b.iter(|| {
            Extractor::builder()
                .surnames(["Zzz"])
                .build()
                .map(|e| e.extract("").len())
        })
    });
    g.finish();
}

criterion_group!(benches, run);
criterion_main!(benches);
