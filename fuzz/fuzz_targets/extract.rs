//! Fact extraction on arbitrary text: never panics; spans are on char
//! boundaries and cover the fact's text; facts of one kind do not overlap.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use vietnorm::extract::Extractor;

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new().expect("bundled dictionaries build"));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let facts = EXTRACTOR.extract(&text);
    let mut last_end = std::collections::HashMap::new();
    for f in &facts {
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        assert_eq!(&text[f.span.start..f.span.end], f.text);
        let end = last_end.entry(f.kind()).or_insert(0usize);
        assert!(f.span.start >= *end, "overlapping facts of one kind");
        *end = f.span.end;
    }
});
