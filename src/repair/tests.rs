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
