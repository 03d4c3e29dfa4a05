//! Invariants on arbitrary and on fact-dense text: no panic, spans on char
//! boundaries, `&text[span] == fact.text`, code-point offsets agree, facts of
//! one kind do not overlap, facts come in text order.

use proptest::prelude::*;
use vietnorm::extract::{Extractor, FactKind};
use vietnorm::CharOffsets;

// Pieces that trigger every grammar, glued at random.
const PIECES: &[&str] = &[
    "Nghị quyết số ",
    "57-NQ/TW",
    ", ngày ",
    "22/12/2024",
    " của Bộ Chính trị",
    "129/KH-UBND",
    "30/2020/NĐ-CP",
    "Sáng ",
    "31/10",
    "ngày ",
    " tháng ",
    " năm ",
    "2025",
    "2021-2025",
    "từ ",
    " đến ",
    "08/08",
    " huyện",
    "đồng chí ",
    "Y Thanh",
    "Trần Văn Phương",
    " – ",
    ", ",
    "Bí thư Đảng ủy",
    "Chủ tịch UBND xã",
    "Phó ",
    "Trưởng Ban Chỉ đạo",
    "91,24",
    "%",
    "trên ",
    "khoảng ",
    "2.945",
    " hồ sơ",
    "36/74",
    " hoạt động",
    "xã ",
    "Đăk Môn",
    "tỉnh ",
    "Đắk Nông",
    "thành phố ",
    "Phường ",
    "12",
    " ",
    "\n",
    ".",
    "-",
    "/",
    "Ksor",
    "H'Hen Niê",
    "TP.",
    "Quận 1",
    "phần trăm",
    "0",
    "9",
    "ọ́",
    "\u{301}",
    "é",
    "Đ",
    "ủy",
    "uỷ",
];

fn check(text: &str) -> Result<(), TestCaseError> {
    let e = Extractor::new().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let facts = e.extract(text);
    let offsets = CharOffsets::new(text);
    let mut last_start = 0;
    let mut last_end = [0usize; 6];
    for f in &facts {
        prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        prop_assert!(f.span.start < f.span.end);
        prop_assert_eq!(&text[f.span], f.text.as_str());
        let c = f.with_char_offsets(&offsets).expect("char offsets");
        let chars: String = text.chars().skip(c.start).take(c.end - c.start).collect();
        prop_assert_eq!(chars, f.text.clone());
        prop_assert!(f.span.start >= last_start, "facts out of order");
        last_start = f.span.start;
        let k = FactKind::ALL
            .iter()
            .position(|&k| k == f.kind())
            .expect("kind");
        prop_assert!(
            f.span.start >= last_end[k],
            "overlapping {:?} facts",
            f.kind()
        );
        last_end[k] = f.span.end;
        serde_json::to_string(f).map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn fact_dense_text(parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..40)) {
        check(&parts.concat())?;
    }
}

#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/extract/fuzz");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for e in entries.flatten() {
        let bytes = std::fs::read(e.path()).expect("crash input reads");
        let text = String::from_utf8_lossy(&bytes);
        check(&text).unwrap_or_else(|err| panic!("{}: {err}", e.path().display()));
    }
}
