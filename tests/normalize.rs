//! Normalizer: golden cases across every tone policy, and invariants.

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use vietnorm::normalize::{Normalizer, TonePolicy};
use vietnorm::Span;

use crate::golden::{eq_nice, tsv_rows};

fn normalizer(p: TonePolicy) -> Normalizer {
    Normalizer::builder().tone(p).build().unwrap()
}

#[test]
fn golden() {
    let rows = tsv_rows("tests/data/normalize/golden.tsv");
    assert!(rows.len() >= 150, "only {} golden cases", rows.len());
    let mut failures = Vec::new();
    for (line, f) in &rows {
        let input = &f[0];
        let keep = match f.get(1).map(String::as_str) {
            Some("=") | None => input.clone(),
            Some(e) => e.to_string(),
        };
        let pick = |i: usize| match f.get(i).map(String::as_str) {
            None | Some("") => keep.clone(),
            Some("=") => input.clone(),
            Some(e) => e.to_string(),
        };
        for (policy, expected) in [
            (TonePolicy::Keep, keep.clone()),
            (TonePolicy::Classic, pick(2)),
            (TonePolicy::Modern, pick(3)),
        ] {
            let n = normalizer(policy);
            let got = n.normalize(input);
            if let Err(e) = eq_nice(
                &format!("line {line} ({policy:?}): {input:?}"),
                &expected,
                &got,
            ) {
                failures.push(e);
            }
            // the aligned path gives the same text and maps back onto the input
            let aligned = n.normalize_aligned(input);
            if aligned.text != got {
                failures.push(format!(
                    "line {line}: normalize_aligned differs from normalize"
                ));
            }
            let whole = aligned.alignment.map_span(Span::new(0, aligned.text.len()));
            if whole != Span::new(0, input.len()) {
                failures.push(format!(
                    "line {line}: alignment covers {whole:?} of {}",
                    input.len()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// Text made of Vietnamese letters, marks, odd spaces and look-alikes.
fn viet_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "đ", "Đ", "A", "Ơ", "Y", "n",
        "g", "h", "q", "t", "c", "k", "ng", "nh", "tr", "qu", "gi", "oa", "oe", "uy", "ươ", "iê",
        "uô", " ", " ", "\n", "\r\n", ",", ".", "-", "/", "0", "9", "\u{300}", "\u{301}",
        "\u{309}", "\u{303}", "\u{323}", "\u{302}", "\u{306}", "\u{31b}", "\u{340}", "\u{341}",
        "\u{a0}", "\u{200b}", "\u{200d}", "\u{feff}", "\u{ad}", "Ð", "ð", "𝐀", "𝐨", "Ａ", "ｕ",
        "\u{344}", "\u{308}", "\u{1b}", "hòa", "hoà", "thủy", "thuỷ", "qủa", "gía", "hòan", "UBND",
        "ọ́", "👨", "한", "\u{1161}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![viet_text(), any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512), ..ProptestConfig::default() })]

    #[test]
    fn idempotent_and_nfc(s in any_text()) {
        for p in [TonePolicy::Keep, TonePolicy::Classic, TonePolicy::Modern] {
            let n = normalizer(p);
            let once = n.normalize(&s).into_owned();
            let twice = n.normalize(&once).into_owned();
            prop_assert_eq!(&once, &twice, "not idempotent under {:?}", p);
            let nfc: String = once.nfc().collect();
            prop_assert_eq!(&once, &nfc, "not NFC under {:?}", p);
        }
    }

    #[test]
    fn styles_are_interchangeable(s in any_text()) {
        let c = normalizer(TonePolicy::Classic);
        let m = normalizer(TonePolicy::Modern);
        prop_assert_eq!(c.normalize(&s).into_owned(), c.normalize(&m.normalize(&s)).into_owned());
        prop_assert_eq!(m.normalize(&s).into_owned(), m.normalize(&c.normalize(&s)).into_owned());
    }

    #[test]
    fn alignment_is_monotonic_on_boundaries_and_covers(s in any_text()) {
        let out = Normalizer::new().normalize_aligned(&s);
        let text: &str = &out.text;
        let segs = out.alignment.segments();
        let (mut o, mut i) = (0, 0);
        for seg in segs {
            prop_assert_eq!(seg.output.start, o);
            prop_assert_eq!(seg.input.start, i);
            prop_assert!(seg.output.end >= seg.output.start && seg.input.end >= seg.input.start);
            prop_assert!(text.is_char_boundary(seg.output.start) && text.is_char_boundary(seg.output.end));
            prop_assert!(s.is_char_boundary(seg.input.start) && s.is_char_boundary(seg.input.end));
            if seg.copied {
                prop_assert_eq!(&text[seg.output.range()], &s[seg.input.range()]);
            }
            o = seg.output.end;
            i = seg.input.end;
        }
        prop_assert_eq!(o, text.len());
        prop_assert_eq!(i, s.len());
        // every output char range maps onto char boundaries of the input
        for (b, ch) in text.char_indices() {
            let sp = out.alignment.map_span(Span::new(b, b + ch.len_utf8()));
            prop_assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
            prop_assert!(sp.start <= sp.end && sp.end <= s.len());
        }
    }

    #[test]
    fn plain_and_aligned_paths_agree(s in any_text()) {
        // `normalize` composes decomposed words on its own fast path;
        // `normalize_aligned` always takes the general one
        for p in [TonePolicy::Keep, TonePolicy::Classic, TonePolicy::Modern] {
            let n = normalizer(p);
            prop_assert_eq!(n.normalize(&s), n.normalize_aligned(&s).text, "under {:?}", p);
        }
    }

    #[test]
    fn decomposed_is_composed_back(s in viet_text()) {
        for p in [TonePolicy::Keep, TonePolicy::Classic, TonePolicy::Modern] {
            let n = normalizer(p);
            let once = n.normalize(&s).into_owned();
            let nfd: String = once.nfd().collect();
            prop_assert_eq!(n.normalize(&nfd), once, "under {:?}", p);
        }
    }

    #[test]
    fn clean_is_borrowed(s in "[a-zA-Z0-9 ,.]{0,40}") {
        prop_assert!(matches!(Normalizer::new().normalize(&s), std::borrow::Cow::Borrowed(_)));
    }
}

/// Inputs the fuzzer found, replayed with the fuzz target's checks.
#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/normalize/fuzz");
    let mut n_files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(s) = std::str::from_utf8(&bytes) else {
            continue;
        };
        n_files += 1;
        for p in [TonePolicy::Keep, TonePolicy::Classic, TonePolicy::Modern] {
            let n = normalizer(p);
            let out = n.normalize_aligned(s);
            assert_eq!(
                n.normalize(&out.text),
                out.text,
                "{}: not idempotent",
                path.display()
            );
            assert_eq!(n.normalize(s), out.text, "{}: paths differ", path.display());
            let nfc: String = out.text.nfc().collect();
            assert_eq!(nfc, out.text, "{}: not NFC", path.display());
        }
    }
    assert!(n_files > 0);
}
