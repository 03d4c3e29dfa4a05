//! Detection on arbitrary bytes: never panics, confidence is in 0..=1, and
//! `decode` reports the encoding `detect` found.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vietnorm::decode;

fuzz_target!(|data: &[u8]| {
    let det = decode::detect(data);
    assert!((0.0..=1.0).contains(&det.confidence), "{det:?}");
    assert_eq!(decode::decode(data).encoding, det.encoding);
});
