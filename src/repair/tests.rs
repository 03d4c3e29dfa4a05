use super::*;

#[test]
fn types_are_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Repairer>();
    check::<Edit>();
}

/// The blend of a custom model with an archive model (what `adapt` builds
/// over a custom model) answers batched lookups exactly as single ones.
#[test]
fn blend_batches_agree_with_single_lookups() {
    let archive = [
        "Hội đồng nhân dân xã họp kỳ thứ mười.",
        "Xã tổ chức lễ ra quân.",
    ];
    let mut c = Counter::new(3);
    for d in archive {
        assert!(c.add_document(d));
    }
    let blend = Blend {
        a: Arc::new(LanguageModel::embedded().clone()),
        b: c.build(),
        wa: 0.3f32.ln(),
        wb: 0.7f32.ln(),
    };
    let mut toks = Vec::new();
    crate::lm::tokenize("Hội đồng nhân dân xã tổ chức họp", &mut toks);
    let nexts: Vec<_> = toks.iter().copied().cycle().take(20).collect();
    let mut out = vec![0.0; nexts.len()];
    for w in toks.windows(2) {
        blend.logp3_many(w[0], w[1], &nexts, &mut out);
        for (&n, &o) in nexts.iter().zip(&out) {
            assert_eq!(o.to_bits(), blend.logp3(w[0], w[1], n).to_bits());
        }
        blend.logp2_many(w[1], &nexts, &mut out);
        for (&n, &o) in nexts.iter().zip(&out) {
            assert_eq!(o.to_bits(), blend.logp2(w[1], n).to_bits());
        }
    }
}

/// `repair_text` is `repair` without the edit list.
#[test]
fn repair_text_matches_repair() {
    let r = Repairer::new();
    for text in [
        "Ủy ban nhân dân tỉnh tổ chức hội nghị.",
        "Ủy bạn nhân đân tỉnh đã bàn hành kế hóạch phát trĩển khóă học.",
        "Uy ban nhan dan tinh to chuc hoi nghi tong ket cong tac nam",
        "",
    ] {
        let full = r.repair(text);
        let short = r.repair_text(text);
        assert_eq!(short.text, full.text);
        assert_eq!(short.changed, full.edits.len());
        assert_eq!(
            matches!(short.text, Cow::Borrowed(_)),
            matches!(full.text, Cow::Borrowed(_))
        );
    }
}

/// Edits borrow the input and, for words spelled as in the dictionary, the
/// dictionary; `into_owned` keeps them equal.
#[test]
fn edits_borrow_what_they_can() {
    let r = Repairer::new();
    let text = "Hộị đồng nhân đân tỉnh đã bàn hành kế hóạch phát trĩển khóă học.";
    let out = r.repair(text);
    assert!(out.edits.len() >= 4, "{:?}", out.edits);
    for e in &out.edits {
        assert!(matches!(e.from, Cow::Borrowed(_)));
        assert_eq!(&text[e.span.range()], &*e.from);
        // lower-case forms are the inventory's own strings
        let lower = !e.to.chars().any(char::is_uppercase);
        assert_eq!(matches!(e.to, Cow::Borrowed(_)), lower, "{e:?}");
        assert_eq!(e.clone().into_owned(), *e);
    }
    assert!(out.edits.iter().any(|e| e.to == "Hội"), "{:?}", out.edits);
}

/// The three ways a lookup can go (the embedded model with its filters and
/// memo, the same model passed in as a plain model, and as a model the
/// repairer knows nothing of, memo only) give the same repairs.
#[test]
fn every_lookup_path_repairs_alike() {
    let embedded = Repairer::new();
    let plain = Repairer::builder()
        .model(LanguageModel::embedded().clone())
        .build()
        .unwrap();
    let opaque = Repairer::builder()
        .shared_model(Arc::new(LanguageModel::embedded().clone()))
        .build()
        .unwrap();
    let clean = "Sáng 12/3, Ủy ban nhân dân huyện tổ chức hội nghị sơ kết công tác \
                 phòng chống dịch bệnh trên đàn gia súc. Đồng chí Phó Chủ tịch huyện \
                 đề nghị các xã rà soát, báo cáo kết quả tiêm phòng trước ngày 30/3.\n";
    let text = clean.repeat(4);
    for (i, kind) in [
        damage::Damage::ADD_MARKS,
        damage::Damage::Strip,
        damage::Damage::SWAP_TONES,
    ]
    .into_iter()
    .enumerate()
    {
        // twice: the second pass answers from the memo where the first filled it
        for round in 0..2 {
            let damaged = damage::damage(&text, kind, 7 + i as u64);
            let want = embedded.repair(&damaged);
            assert_ne!(want.edits.len(), 0, "kind {i}");
            for r in [&plain, &opaque] {
                let got = r.repair(&damaged);
                assert_eq!(got.text, want.text, "kind {i} round {round}");
                assert_eq!(got.edits, want.edits, "kind {i} round {round}");
            }
        }
    }
}

/// A model that answers lookups but cannot list its bigrams (any `Lm` a
/// user writes): the repairer then has no table of pairs and decodes a
/// stripped page over every candidate.
struct Unlisted(&'static LanguageModel);

impl Lm for Unlisted {
    fn order(&self) -> usize {
        self.0.order()
    }
    fn logp(&self, context: &[crate::lm::TokenId], next: crate::lm::TokenId) -> f32 {
        self.0.logp(context, next)
    }
}

/// Models list the bigrams they store; mixtures and blends list every
/// part's, and a model that cannot list them says so.
#[test]
fn models_list_their_stored_bigrams() {
    let m = LanguageModel::embedded();
    let mut n = 0usize;
    assert!(m.for_each_stored_bigram(&mut |_, _| n += 1));
    assert_eq!(n, m.info().bigrams);
    let mix = Mixture::new(vec![(m.clone(), 0.5), (m.clone(), 0.5)]);
    let mut n2 = 0usize;
    assert!(mix.for_each_stored_bigram(&mut |_, _| n2 += 1));
    assert_eq!(n2, 2 * n);
    assert!(!Unlisted(m).for_each_stored_bigram(&mut |_, _| {}));
    let shared: Arc<dyn Lm> = Arc::new(m.clone());
    assert!(shared.for_each_stored_bigram(&mut |_, _| {}));
}

/// On a page that lost its marks, the decode narrowed by the table of pairs
/// restores the words as well as the decode over every candidate, and
/// mostly the same way; on a page with marks the table is never asked.
#[test]
fn narrowed_stripped_decode_matches_the_full_one() {
    let clean = "Chiều ngày 14/5, Ban Thường vụ Huyện ủy tổ chức hội nghị giao ban công tác \
                 quý II. Đồng chí Bí thư Huyện ủy yêu cầu các xã đẩy nhanh tiến độ xây dựng \
                 nông thôn mới, chăm lo đời sống người dân và giữ vững an ninh trật tự. \
                 Báo cáo cho thấy toàn huyện đã giải ngân được trên 85% vốn đầu tư công, \
                 thu ngân sách đạt khá so với cùng kỳ năm trước.\n";
    let text = clean.repeat(3);
    let (with_table, without) = (
        Repairer::new(),
        Repairer::builder()
            .model(Unlisted(LanguageModel::embedded()))
            .build()
            .unwrap(),
    );
    let stripped = damage::damage(&text, damage::Damage::Strip, 3);
    let narrowed = with_table.repair(&stripped);
    let full = without.repair(&stripped);
    let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    let (want, a, b) = (words(&text), words(&narrowed.text), words(&full.text));
    assert_eq!(a.len(), want.len());
    assert_eq!(b.len(), want.len());
    let right = |got: &[String]| got.iter().zip(&want).filter(|(g, w)| g == w).count();
    let (ra, rb) = (right(&a), right(&b));
    assert!(ra * 100 >= want.len() * 85, "narrowed {ra}/{}", want.len());
    assert!(ra + want.len() / 50 >= rb, "narrowed {ra}, full {rb}");
    let differ = a.iter().zip(&b).filter(|(x, y)| x != y).count();
    assert!(differ * 10 <= want.len(), "{differ} words differ");
    // marks added, not stripped: both decode alike
    let added = damage::damage(&text, damage::Damage::ADD_MARKS, 3);
    assert_eq!(with_table.repair(&added).text, without.repair(&added).text);
}
