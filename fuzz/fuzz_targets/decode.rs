//! Decoding arbitrary bytes, detected and under every forced encoding:
//! never panics; the text is NFC; repaired spans lie on char boundaries of
//! the output and undo to the unrepaired text;
//! decoding the UTF-8 output again changes nothing but what repair may fix.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vietnorm::decode::{self, Decoder, Encoding};

fuzz_target!(|data: &[u8]| {
    let d = decode::decode(data);
    assert!(unicode_normalization::is_nfc(&d.text));
    for r in &d.repaired_spans {
        assert!(d.text.get(r.span.start..r.span.end).is_some());
    }
    // spans are offsets into the output: the originals put back give the
    // text decoded without repair
    let plain = Decoder::builder()
        .repair_mojibake(false)
        .build()
        .decode(data);
    let mut undone = d.text.to_string();
    for r in d.repaired_spans.iter().rev() {
        undone.replace_range(r.span.start..r.span.end, &r.original);
    }
    assert_eq!(undone, plain.text);
    // the output is clean UTF-8: forced UTF-8 without repair takes it as is
    let again = Decoder::builder()
        .encoding(Encoding::Utf8)
        .repair_mojibake(false)
        .build()
        .decode(d.text.as_bytes());
    assert_eq!(again.text, d.text);
    assert_eq!(again.replaced, 0);
    for enc in Encoding::ALL {
        let f = Decoder::builder().encoding(enc).build().decode(data);
        assert!(unicode_normalization::is_nfc(&f.text));
    }
    let lossy = String::from_utf8_lossy(data);
    let (fixed, repairs) = decode::repair_mojibake(&lossy);
    for r in &repairs {
        assert!(fixed.get(r.span.start..r.span.end).is_some());
    }
});
