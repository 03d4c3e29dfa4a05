//! `LanguageModel::from_bytes` on arbitrary bytes, and on a small valid model
//! with a window overwritten by the input (fuzzing builds skip the checksum,
//! so these reach the table checks). Whatever loads must answer lookups
//! without panicking, its batched lookups must agree with the single ones,
//! and repair with it (the path that answers from its filters) must not
//! panic either.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use vietnorm::lm::{Counter, LanguageModel, Lm};
use vietnorm::repair::{Repairer, Strength};

static BASE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut c = Counter::new(3);
    c.add_document("Ủy ban nhân dân tỉnh tổ chức hội nghị triển khai nhiệm vụ năm mới.");
    c.add_document("Hội nghị đánh giá kết quả thực hiện nghị quyết của Đảng ủy xã.");
    c.build().to_bytes()
});

fn probe(m: &LanguageModel) {
    let v = m.vocab_size() as u32;
    let toks = [0, 1, 2, 3, v / 2, v.saturating_sub(1), v, u32::MAX];
    let mut out = [0.0f32; 8];
    for t in toks {
        let _ = m.logp3(t, t / 3, v / 7) + m.logp2(t, 5) + m.logp(&[t], 0) + m.logp1(t);
        // the batched lookups read the same rows: same answers, no panic
        m.logp3_many(t, t / 3, &toks, &mut out);
        for (&n, &o) in toks.iter().zip(&out) {
            assert_eq!(o.to_bits(), m.logp3(t, t / 3, n).to_bits());
        }
        m.logp2_many(t, &toks, &mut out);
        for (&n, &o) in toks.iter().zip(&out) {
            assert_eq!(o.to_bits(), m.logp2(t, n).to_bits());
        }
    }
    let _ = m.info();
    // a plain model is read through its Bloom filters by repair
    let r = Repairer::builder()
        .model(m.clone())
        .strength(Strength::Firm)
        .build()
        .unwrap();
    for text in [
        "Uy ban nhan dan tinh to chuc hoi nghi trien khai nhiem vu nam moi.",
        "Hội ñghị đánh gíá kết qủa thực hiện nghị quyết của Đảng ủy xã.",
    ] {
        let out = r.repair(text);
        for e in &out.edits {
            assert_eq!(&text[e.span.range()], e.from);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(m) = LanguageModel::from_bytes(data) {
        probe(&m);
    }
    let mut bytes = BASE.clone();
    if let Some((&at, rest)) = data.split_first() {
        // the window starts in the header/table region half of the time
        let len = bytes.len();
        let start = if at & 1 == 0 {
            usize::from(at) % 512
        } else {
            usize::from(at) * len / 256
        };
        let start = start.min(len);
        let end = (start + rest.len()).min(len);
        bytes[start..end].copy_from_slice(&rest[..end - start]);
        if let Ok(m) = LanguageModel::from_bytes(&bytes) {
            probe(&m);
        }
    }
});
