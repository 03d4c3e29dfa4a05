//! Normalize never panics, is idempotent, outputs NFC, and its alignment
//! tiles both texts on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vietnorm::normalize::{Normalizer, TonePolicy};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    for p in [TonePolicy::Keep, TonePolicy::Classic, TonePolicy::Modern] {
        let n = Normalizer::builder().tone(p).build().unwrap();
        let out = n.normalize_aligned(s);
        let again = n.normalize(&out.text);
        assert_eq!(again, out.text, "not idempotent");
        assert_eq!(n.normalize(s), out.text, "aligned and plain paths differ");
        let segs = out.alignment.segments();
        let (mut o, mut i) = (0, 0);
        for seg in segs {
            assert_eq!((seg.output.start, seg.input.start), (o, i));
            assert!(out.text.is_char_boundary(seg.output.end) && s.is_char_boundary(seg.input.end));
            o = seg.output.end;
            i = seg.input.end;
        }
        assert_eq!((o, i), (out.text.len(), s.len()));
    }
});
