//! Diacritic repair: golden cases, measured accuracy on our own text,
//! invariants (proptest).

use proptest::prelude::*;
use serde::Deserialize;
use std::borrow::Cow;
use vietnorm::normalize::TonePolicy;
use vietnorm::repair::damage::{damage, Damage};
use vietnorm::repair::{Repairer, Strength};
use vietnorm::syllable::{self, ToneStyle};

#[derive(Deserialize)]
struct Case {
    name: String,
    input: String,
    expected: String,
    strength: Option<String>,
    tone: Option<String>,
}

#[derive(Deserialize)]
struct Golden {
    case: Vec<Case>,
}

fn repairer(strength: Option<&str>, tone: Option<&str>) -> Repairer {
    let strength = match strength {
        Some("gentle") => Strength::Gentle,
        Some("firm") => Strength::Firm,
        _ => Strength::Auto,
    };
    let tone = match tone {
        Some("classic") => TonePolicy::Classic,
        Some("modern") => TonePolicy::Modern,
        _ => TonePolicy::Keep,
    };
    Repairer::builder()
        .strength(strength)
        .tone(tone)
        .build()
        .expect("repairer")
}

#[test]
fn golden_cases() {
    let golden: Golden =
        toml::from_str(include_str!("data/repair/golden.toml")).expect("golden.toml");
    let mut failures = Vec::new();
    for c in &golden.case {
        let r = repairer(c.strength.as_deref(), c.tone.as_deref());
        let out = r.repair(&c.input);
        if out.text != c.expected {
            failures.push(format!(
                "{}\n  input:    {}\n  expected: {}\n  actual:   {}",
                c.name, c.input, c.expected, out.text
            ));
        }
        for e in &out.edits {
            assert_eq!(&c.input[e.span.range()], e.from, "{}: edit span", c.name);
            assert!(
                (0.0..=1.0).contains(&e.confidence),
                "{}: confidence",
                c.name
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn norm(w: &str) -> String {
    syllable::place_tone(w, ToneStyle::Modern).unwrap_or_else(|| w.to_string())
}

/// Share of words of `out` equal to `reference` (tone placement ignored).
fn accuracy(reference: &str, out: &str) -> f64 {
    let r: Vec<String> = syllable::words(reference).map(|(_, w)| norm(w)).collect();
    let o: Vec<String> = syllable::words(out).map(|(_, w)| norm(w)).collect();
    assert_eq!(r.len(), o.len(), "word count changed");
    let ok = r.iter().zip(&o).filter(|(a, b)| a == b).count();
    ok as f64 / r.len().max(1) as f64
}

const CLEAN: &str = include_str!("data/repair/clean.txt");

#[test]
fn clean_text_is_unchanged() {
    let r = Repairer::new();
    let out = r.repair(CLEAN);
    assert!(
        matches!(out.text, Cow::Borrowed(_)),
        "edits on clean text: {:?}",
        out.edits
    );
}

#[test]
fn repairs_our_own_text_damaged_three_ways() {
    let r = Repairer::new();
    // floors well under what BENCHMARKS.md records, so a regression fails
    for (kind, floor) in [
        (Damage::ADD_MARKS, 0.95),
        (Damage::Strip, 0.80),
        (Damage::SWAP_TONES, 0.95),
    ] {
        for seed in 1..4 {
            let input = damage(CLEAN, kind, seed);
            let out = r.repair(&input);
            let before = accuracy(CLEAN, &input);
            let after = accuracy(CLEAN, &out.text);
            assert!(
                after >= floor && after > before,
                "{kind:?} seed {seed}: {before:.3} -> {after:.3}\n{}",
                out.text
            );
        }
    }
}

#[test]
fn adaptation_learns_archive_vocabulary() {
    let base = Repairer::new();
    let docs: Vec<String> = CLEAN.lines().map(|l| l.repeat(3)).collect();
    let adapted = base.adapt(docs.iter());
    let input = damage(CLEAN, Damage::ADD_MARKS, 11);
    let a = accuracy(CLEAN, &base.repair(&input).text);
    let b = accuracy(CLEAN, &adapted.repair(&input).text);
    assert!(b >= a, "adaptation made it worse: {a:.3} -> {b:.3}");
    // the clean documents stay unchanged with the adapted model
    for d in &docs {
        assert!(matches!(adapted.repair(d).text, Cow::Borrowed(_)));
    }
}

/// Confidences separate right edits from wrong ones: over damaged copies of
/// our text, right edits are more confident on average, and the edits under
/// one half are mostly wrong or few.
#[test]
fn confidence_tells_right_edits_from_wrong() {
    let r = Repairer::new();
    let (mut right, mut wrong) = (Vec::new(), Vec::new());
    let clean: Vec<&str> = CLEAN.split_whitespace().collect();
    for seed in 0..6 {
        for kind in [Damage::ADD_MARKS, Damage::Strip, Damage::SWAP_TONES] {
            let input = damage(CLEAN, kind, seed);
            let out = r.repair(&input);
            for e in &out.edits {
                assert!((0.0..=1.0).contains(&e.confidence), "{e:?}");
                // the whitespace-separated token the edit sits in
                let before = &input[..e.span.start];
                let mut idx = before.split_whitespace().count();
                if !before.is_empty() && !before.ends_with(char::is_whitespace) {
                    idx -= 1;
                }
                let ok = clean.get(idx).is_some_and(|t| t.contains(e.to.as_ref()));
                if ok {
                    right.push(e.confidence);
                } else {
                    wrong.push(e.confidence);
                }
            }
        }
    }
    let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len().max(1) as f32;
    assert!(
        right.len() > 10 * wrong.len(),
        "{} {}",
        right.len(),
        wrong.len()
    );
    assert!(
        mean(&right) > mean(&wrong) + 0.1,
        "right {} wrong {}",
        mean(&right),
        mean(&wrong)
    );
    assert!(mean(&right) > 0.9, "{}", mean(&right));
}

/// Counting an archive in pieces and merging them adapts exactly as
/// counting it in one go (the CLI counts on every worker).
#[test]
fn adaptation_counted_in_pieces_matches_one_go() {
    let base = Repairer::new();
    let docs: Vec<String> = CLEAN.lines().map(|l| l.repeat(2)).collect();
    let whole = base.adapt(docs.iter());
    let mut pieces: Vec<_> = (0..3).map(|_| base.adaptation()).collect();
    for (i, d) in docs.iter().enumerate() {
        pieces[i % 3].add(d);
    }
    let mut merged = base.adaptation();
    for p in pieces {
        merged.merge(p);
    }
    assert!(merged.documents() > 0);
    let counted = base.adaptation();
    assert_eq!(counted.documents(), 0);
    let merged = base.adapted(merged);
    for seed in 0..4 {
        for kind in [Damage::ADD_MARKS, Damage::Strip] {
            let input = damage(CLEAN, kind, seed);
            assert_eq!(merged.repair(&input).text, whole.repair(&input).text);
        }
    }
    // a damaged page is not counted
    let mut a = base.adaptation();
    assert!(!a.add(&damage(CLEAN, Damage::ADD_MARKS, 5)));
    assert_eq!(a.documents(), 0);
    // nothing counted: the repairer comes back as it was
    let same = base.adapted(a);
    let input = damage(CLEAN, Damage::Strip, 9);
    assert_eq!(same.repair(&input).text, base.repair(&input).text);
}

#[test]
fn long_runs_without_spaces_are_handled() {
    // every word of a 100 KB run without spaces looks at its chunk: that must
    // stay bounded (this would take hours if it were quadratic)
    let r = Repairer::builder()
        .strength(Strength::Firm)
        .build()
        .unwrap();
    for unit in ["tín-", "Đ/", "ỦBNĐ-93/", "a.b@"] {
        let text = unit.repeat(100_000 / unit.len());
        let out = r.repair(&text);
        assert_eq!(skeleton_of_gaps(&out.text), skeleton_of_gaps(&text));
    }
}

/// Every non-letter char, in order.
fn skeleton_of_gaps(text: &str) -> (String, usize) {
    let mut gaps = String::new();
    let mut pos = 0;
    let mut n = 0;
    for (span, _) in syllable::words(text) {
        gaps.push_str(&text[pos..span.start]);
        gaps.push('\u{0}');
        pos = span.end;
        n += 1;
    }
    gaps.push_str(&text[pos..]);
    (gaps, n)
}

fn text_strategy() -> impl Strategy<Value = String> {
    let atoms = prop_oneof![
        Just("đân".to_string()),
        Just("tịnh".to_string()),
        Just("họ\u{301}p".to_string()),
        Just("ỦBNĐ".to_string()),
        Just("https://a.vn/b-c".to_string()),
        Just("x@y.vn".to_string()),
        Just("93-CTr/TÙ".to_string()),
        Just("12,5%".to_string()),
        Just(" ".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("-".to_string()),
        Just("/".to_string()),
        Just("\u{301}".to_string()),
        "[a-zA-Zđăâêôơư]{1,6}",
        "\\PC{1,4}",
        proptest::sample::select(syllable::inventory()).prop_map(|s| s.to_string()),
    ];
    proptest::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
}

fn clean_strategy() -> impl Strategy<Value = String> {
    let word = proptest::sample::select(syllable::inventory()).prop_map(|s| s.to_string());
    let sep = prop_oneof![Just(" "), Just(", "), Just(". "), Just("\n")];
    proptest::collection::vec((word, sep), 1..60)
        .prop_map(|v| v.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn keeps_non_letters_and_word_count(text in text_strategy()) {
        for strength in [Strength::Auto, Strength::Firm, Strength::Gentle] {
            let r = Repairer::builder().strength(strength).build().unwrap();
            let out = r.repair(&text);
            prop_assert_eq!(skeleton_of_gaps(&out.text), skeleton_of_gaps(&text));
            for e in &out.edits {
                prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                prop_assert_eq!(&text[e.span.range()], &*e.from);
            }
        }
    }

    #[test]
    fn clean_valid_text_without_evidence_is_unchanged(text in clean_strategy()) {
        let r = Repairer::builder().strength(Strength::Gentle).build().unwrap();
        let out = r.repair(&text);
        prop_assert!(matches!(out.text, Cow::Borrowed(_)), "{:?}", out.edits);
    }

    #[test]
    fn idempotent_on_its_own_output(seed in 0u64..1000, line in 0usize..8) {
        let clean = CLEAN.lines().nth(line).unwrap_or("");
        let r = Repairer::new();
        for kind in [Damage::ADD_MARKS, Damage::Strip, Damage::SWAP_TONES] {
            let once = r.repair(&damage(clean, kind, seed)).text.into_owned();
            let twice = r.repair(&once);
            prop_assert_eq!(&twice.text, &once, "{:?}", twice.edits);
        }
    }
}

#[cfg(feature = "cli")]
mod cli {
    fn run(args: &[&str], stdin: &str) -> (String, String, bool) {
        let args: Vec<&str> = std::iter::once("repair")
            .chain(args.iter().copied())
            .collect();
        let out = crate::support::run_with_stdin(&args, stdin.as_bytes());
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
            out.status.success(),
        )
    }

    #[test]
    fn repairs_stdin_and_explains() {
        let input = "ỦBNĐ tỉnh đã bạn hành Kế hóạch số 129/KH-ỦBNĐ về vĩệc trĩển khăỉ.\n";
        let (out, err, ok) = run(&["--explain"], input);
        assert!(ok, "{err}");
        assert_eq!(
            out,
            "UBND tỉnh đã ban hành Kế hoạch số 129/KH-UBND về việc triển khai.\n"
        );
        assert!(err.contains("<stdin>:1:1: ỦBNĐ -> UBND"), "{err}");
        assert!(err.contains("<stdin>:1:14: bạn -> ban"), "{err}");
    }

    #[test]
    fn clean_input_passes_through_and_bad_model_fails() {
        let input = "Người dân phấn khởi đón nhận chính sách hỗ trợ của tỉnh.\n";
        let (out, _, ok) = run(&[], input);
        assert!(ok);
        assert_eq!(out, input);
        let dir = std::env::temp_dir().join(format!("vietnorm-repair-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let bad = dir.join("bad.vnlm");
        std::fs::write(&bad, b"not a model").unwrap();
        let (_, err, ok) = run(&["--lm", bad.to_str().unwrap()], input);
        assert!(!ok);
        assert!(err.contains("not a usable model"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
