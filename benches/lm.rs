//! Language model benches: loading (validation of the embedded model) and lookups.
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use vietnorm::lm::{self, LanguageModel, Lm};

static MODEL: &[u8] = include_bytes!("../data/lm/vietnorm.vnlm");

/// Our own sentences in the style of provincial news, tokenized once.
const TEXT: &str = "Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm và triển khai \
nhiệm vụ trọng tâm năm tới. Đồng chí Chủ tịch Ủy ban nhân dân tỉnh chủ trì hội nghị. Các sở, ban, ngành \
và địa phương đã tập trung chỉ đạo thực hiện chuyển đổi số, cải cách hành chính, phát triển kinh tế xã hội, \
bảo đảm an sinh xã hội cho người dân trên địa bàn.";

fn load(c: &mut Criterion) {
    // warm the inventory and fingerprint statics so only validation is timed
    let _ = lm::inventory_fingerprint();
    let mut g = c.benchmark_group("lm");
    g.throughput(Throughput::Bytes(MODEL.len() as u64));
    g.bench_function("load_embedded", |b| {
        b.iter(|| LanguageModel::from_static(black_box(MODEL)).map(|m| m.order()))
    });
    g.finish();
}

fn lookups(c: &mut Criterion) {
    let m = LanguageModel::embedded();
    let mut toks = Vec::new();
    lm::tokenize(TEXT, &mut toks);
    let mut g = c.benchmark_group("lm");
    g.throughput(Throughput::Elements(toks.len() as u64));
    g.bench_function("logp2_per_token", |b| {
        b.iter(|| toks.windows(2).map(|w| m.logp2(w[0], w[1])).sum::<f32>())
    });
    g.bench_function("logp3_per_token", |b| {
        b.iter(|| {
            toks.windows(3)
                .map(|w| m.logp3(w[0], w[1], w[2]))
                .sum::<f32>()
        })
    });
    g.finish();
}

/// Tokenizing and counting (the work of `vietnorm train`), on our own text.
fn train(c: &mut Criterion) {
    let text: String = std::iter::repeat(TEXT)
        .take(200)
        .collect::<Vec<_>>()
        .join("\n");
    let mut g = c.benchmark_group("lm");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("tokenize", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            lm::tokenize(black_box(&text), &mut out);
            out.len()
        })
    });
    g.bench_function("count_order3", |b| {
        b.iter(|| {
            let mut counter = lm::Counter::new(3);
            for line in text.lines() {
                counter.add_document(line);
            }
            counter.stats().tokens
        })
    });
    g.finish();
}

criterion_group!(benches, load, lookups, train);
criterion_main!(benches);
