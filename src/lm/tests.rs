use super::format::{self, Parts};
use super::*;
use proptest::prelude::*;

const DOCS: &[&str] = &[
    "Ủy ban nhân dân tỉnh tổ chức hội nghị triển khai nhiệm vụ năm 2024.",
    "Hội nghị đánh giá kết quả thực hiện nghị quyết của Đảng ủy xã.",
    "Đồng chí Bí thư Tỉnh ủy phát biểu chỉ đạo hội nghị.",
    "Người dân trong xã tham gia xây dựng nông thôn mới.",
    "Chủ tịch Ủy ban nhân dân huyện ký quyết định thành lập Ban Chỉ đạo.",
    "Sở Giáo dục và Đào tạo hướng dẫn các trường học triển khai chuyển đổi số.",
    "Nhân dân tỉnh nhà phấn khởi đón chào năm mới, ai cũng vui mừng.",
];

fn counter(order: usize, docs: &[&str]) -> Counter {
    let mut c = Counter::new(order);
    for d in docs {
        assert!(c.add_document(d), "rejected {d}");
    }
    c
}

fn tok(w: &str) -> TokenId {
    let t = token_of_word(w);
    assert_ne!(t, UNKNOWN, "{w}");
    t
}

/// Sum of p(w | context) over the whole vocabulary.
fn mass(m: &LanguageModel, ctx: &[TokenId]) -> f64 {
    (0..m.vocab_size() as TokenId)
        .map(|w| f64::from(m.logp(ctx, w)).exp())
        .sum()
}

#[test]
fn distributions_sum_to_one() {
    for order in 1..=3 {
        let m = counter(order, DOCS).build();
        assert_eq!(m.order(), order);
        let (b, nhan, dan) = (BOUNDARY, tok("nhân"), tok("dân"));
        for ctx in [
            &[][..],
            &[nhan],
            &[b],
            &[tok("xã")],
            &[nhan, dan],
            &[b, tok("hội")],
            &[UNKNOWN, UNKNOWN],
        ] {
            let s = mass(&m, ctx);
            assert!((s - 1.0).abs() < 0.03, "order {order} ctx {ctx:?}: {s}");
        }
    }
}

#[test]
fn seen_ngrams_beat_unseen() {
    let m = counter(3, DOCS).build();
    let (nhan, dan, dan2) = (tok("nhân"), tok("dân"), tok("dần"));
    assert!(m.logp2(nhan, dan) > m.logp2(nhan, dan2));
    assert!(m.logp3(tok("ban"), nhan, dan) > m.logp3(tok("ban"), nhan, dan2));
    assert!(m.logp3(tok("ban"), nhan, dan) > m.logp2(nhan, dan) - 0.05);
    // order-2 lookups through the trait agree with the fast path
    assert_eq!(m.logp(&[nhan], dan), m.logp2(nhan, dan));
    assert_eq!(
        m.logp(&[tok("ban"), nhan], dan),
        m.logp3(tok("ban"), nhan, dan)
    );
}

#[test]
fn builds_are_deterministic_and_merge_is_addition() {
    let a = counter(3, DOCS).build().to_bytes();
    let mut rev: Vec<&str> = DOCS.to_vec();
    rev.reverse();
    let b = counter(3, &rev).build().to_bytes();
    assert_eq!(a, b);
    let mut left = counter(3, &DOCS[..3]);
    left.merge(counter(3, &DOCS[3..]));
    assert_eq!(left.build().to_bytes(), a);
    assert_eq!(left.stats().documents, DOCS.len() as u64);
}

#[test]
fn bytes_round_trip() {
    for order in 1..=3 {
        let m = counter(order, DOCS).build();
        let back = LanguageModel::from_bytes(&m.to_bytes()).expect("valid");
        assert_eq!(back.info(), m.info());
        let (a, b) = (tok("hội"), tok("nghị"));
        assert_eq!(back.logp3(BOUNDARY, a, b), m.logp3(BOUNDARY, a, b));
        assert!(m
            .info()
            .meta
            .contains("smoothing=interpolated modified kneser-ney"));
    }
}

#[test]
fn damaged_documents_are_skipped() {
    let mut c = Counter::new(2);
    assert!(!c.add_document("Uy ban nhan dan tinh to chuc hoi nghi trien khai nhiem vu"));
    assert!(!c.add_document("Nghị qũýết của Đảng ủy về khóă học và tị̉nh họ́p"));
    assert!(!c.add_document("The quick brown fox jumps over the lazy dog"));
    assert!(!c.add_document("  2024 ... "));
    assert!(c.add_document(DOCS[0]));
    assert_eq!(c.stats().skipped, 4);
    assert!(check_document(DOCS[1]).is_clean());
    assert!(!check_document("Ủy ban nhân dân tỉnh Hà Nội đã qũyết và bàn vìệc").is_clean());
    // one odd name or an acronym does not make a document damaged
    assert!(check_document("Ủy ban nhân dân tỉnh Bắc Kạn và HĐND tỉnh họp bàn").is_clean());
    // short phrases without marks are allowed (word lists: "an ninh")
    assert!(c.add_phrase("an ninh"));
}

#[test]
fn out_of_range_tokens_are_unknown() {
    let m = counter(3, DOCS).build();
    let huge = TokenId::MAX;
    assert_eq!(m.logp1(huge), m.logp1(UNKNOWN));
    assert_eq!(
        m.logp3(huge, huge, huge),
        m.logp3(UNKNOWN, UNKNOWN, UNKNOWN)
    );
    assert!(m.logp2(huge, 7).is_finite());
}

#[test]
fn pruned_trigrams_still_normalize() {
    let mut c = counter(3, DOCS);
    for d in DOCS {
        c.add_document(d);
    }
    c.min_trigram_count(3);
    let m = c.build();
    let full = counter(3, DOCS).build();
    assert!(m.info().trigrams < full.info().trigrams);
    let s = mass(&m, &[tok("nhân"), tok("dân")]);
    assert!((s - 1.0).abs() < 0.03, "{s}");
}

#[test]
fn mixture_interpolates() {
    let a = counter(2, &DOCS[..4]).build();
    let b = counter(3, &DOCS[3..]).build();
    let mix = Mixture::new(vec![(a.clone(), 3.0), (b.clone(), 1.0)]);
    assert_eq!(mix.order(), 3);
    let (x, y) = (tok("nhân"), tok("dân"));
    let want = (0.75 * f64::from(a.logp2(x, y)).exp() + 0.25 * f64::from(b.logp2(x, y)).exp()).ln();
    assert!((f64::from(mix.logp2(x, y)) - want).abs() < 1e-4);
    let same = Mixture::new(vec![(a.clone(), f32::NAN), (a.clone(), -1.0)]);
    assert!((same.logp2(x, y) - a.logp2(x, y)).abs() < 1e-5);
    assert!(Mixture::new(vec![]).logp2(x, y).is_finite());
}

#[test]
fn embedded_model_is_the_shipped_file() {
    let m = LanguageModel::embedded();
    let shipped = LanguageModel::from_static(include_bytes!("../../data/lm/vietnorm.vnlm"));
    assert!(
        shipped.is_ok(),
        "shipped model rejected: {:?}",
        shipped.err()
    );
    assert!(m.info().bigrams > 50_000, "{:?}", m.info());
    assert!(m.order() >= 2);
}

#[test]
fn wrong_inventory_and_format_are_rejected() {
    let good = counter(2, DOCS).build().to_bytes();
    let layout = format::validate(&good, vocab_size(), inventory_fingerprint());
    assert!(layout.is_ok());
    assert!(format::validate(&good, vocab_size(), inventory_fingerprint() ^ 1).is_err());
    assert!(format::validate(&good, vocab_size() + 1, inventory_fingerprint()).is_err());
    let parts = Parts {
        order: 2,
        vocab: vocab_size() as u32,
        fingerprint: inventory_fingerprint() ^ 0xff,
        uni: vec![-1.0; vocab_size()],
        bi_offsets: vec![0; vocab_size() + 1],
        bi_codebook: vec![0.0; 256],
        bi_backoff: vec![0.0; vocab_size()],
        ..Parts::default()
    };
    let err = LanguageModel::from_bytes(&format::write(&parts)).unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::Model);
    assert!(err.to_string().contains("inventory"), "{err}");
    let ok = Parts {
        fingerprint: inventory_fingerprint(),
        ..parts.clone()
    };
    assert!(LanguageModel::from_bytes(&format::write(&ok)).is_ok());
    // unsorted rows with a valid checksum are rejected
    let mut unsorted = ok.clone();
    unsorted.bi_offsets = vec![2; vocab_size() + 1];
    unsorted.bi_offsets[0] = 0;
    unsorted.bi_next = vec![9, 4];
    unsorted.bi_q = vec![0, 0];
    assert!(LanguageModel::from_bytes(&format::write(&unsorted)).is_err());
    // NaN in a table
    let mut nan = ok.clone();
    nan.uni[5] = f32::NAN;
    assert!(LanguageModel::from_bytes(&format::write(&nan)).is_err());
    // truncation and every single-byte corruption are errors
    for cut in [0, 7, 47, 48, good.len() / 2, good.len() - 1] {
        assert!(LanguageModel::from_bytes(&good[..cut]).is_err());
    }
    for at in (0..good.len()).step_by(good.len() / 97 + 1) {
        let mut bad = good.clone();
        bad[at] ^= 0x5a;
        assert!(LanguageModel::from_bytes(&bad).is_err(), "byte {at}");
    }
}

#[test]
fn public_types_are_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<LanguageModel>();
    check::<Mixture>();
    check::<Counter>();
}

proptest! {
    #[test]
    fn from_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = LanguageModel::from_bytes(&bytes);
    }

    #[test]
    fn tokenize_keeps_every_word(text in "[a-zA-Zàáảãạăâđêôơưệờấ0-9 ,.!?/-]{0,60}") {
        let mut t = Vec::new();
        tokenize(&text, &mut t);
        let words = crate::syllable::words(&text).count();
        let word_tokens = t.iter().filter(|&&x| x != BOUNDARY && x != NUMBER).count();
        prop_assert_eq!(words, word_tokens);
        prop_assert_eq!(t.first(), Some(&BOUNDARY));
        prop_assert_eq!(t.last(), Some(&BOUNDARY));
        prop_assert!(t.windows(2).all(|w| !(w[0] == BOUNDARY && w[1] == BOUNDARY)));
    }
}

/// The batched lookups give exactly the one-at-a-time answers, on a model of
/// each order, the embedded one and a mixture (with tokens out of range).
#[test]
fn batched_lookups_agree_with_single_ones() {
    let mut toks: Vec<TokenId> = Vec::new();
    for d in DOCS {
        tokenize(d, &mut toks);
    }
    toks.extend([UNKNOWN, BOUNDARY, 1 << 20]);
    let models: Vec<Box<dyn Lm>> = vec![
        Box::new(counter(1, DOCS).build()),
        Box::new(counter(2, DOCS).build()),
        Box::new(counter(3, DOCS).build()),
        Box::new(LanguageModel::embedded().clone()),
        Box::new(Mixture::new(vec![
            (LanguageModel::embedded().clone(), 0.5),
            (counter(3, &DOCS[2..]).build(), 0.5),
        ])),
    ];
    // more than one chunk of the mixture's batches
    let nexts: Vec<TokenId> = toks.iter().copied().cycle().take(40).collect();
    let mut out = vec![0.0f32; nexts.len()];
    for (mi, m) in models.iter().enumerate() {
        for w in toks.windows(2) {
            let (p2, p1) = (w[0], w[1]);
            m.logp3_many(p2, p1, &nexts, &mut out);
            for (&n, &o) in nexts.iter().zip(&out) {
                assert_eq!(o.to_bits(), m.logp3(p2, p1, n).to_bits(), "model {mi}");
            }
            m.logp2_many(p1, &nexts, &mut out);
            for (&n, &o) in nexts.iter().zip(&out) {
                assert_eq!(o.to_bits(), m.logp2(p1, n).to_bits(), "model {mi}");
            }
        }
    }
}
