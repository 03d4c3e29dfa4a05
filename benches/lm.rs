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

criterion_group!(benches, load, lookups);
criterion_main!(benches);
