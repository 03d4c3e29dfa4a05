//! `Repairer::repair` on arbitrary text at every strength: never panics,
//! edits point at the input, and only letters change (same non-letter text,
//! same number of words).
#![no_main]
use libfuzzer_sys::fuzz_target;
use vietnorm::repair::{Repairer, Strength};
use vietnorm::syllable;

fn gaps(text: &str) -> (Vec<&str>, usize) {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut n = 0;
    for (span, _) in syllable::words(text) {
        out.push(&text[pos..span.start]);
        pos = span.end;
        n += 1;
    }
    out.push(&text[pos..]);
    (out, n)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for strength in [Strength::Auto, Strength::Firm, Strength::Gentle] {
        let r = Repairer::builder().strength(strength).build().unwrap();
        let out = r.repair(text);
        assert_eq!(gaps(&out.text), gaps(text));
        for e in &out.edits {
            assert_eq!(&text[e.span.range()], e.from);
            assert!((0.0..=1.0).contains(&e.confidence));
        }
    }
});
