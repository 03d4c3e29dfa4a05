//! The WARC record reader of `vietnorm clean` (included by path) on
//! arbitrary bytes: never panics, never loops, never returns a body over
//! the size limit (plus the limit's one extra byte of decompression).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../src/bin/vietnorm/clean/warc_read.rs"]
mod warc_read;

const MAX: u64 = 1 << 16;

fuzz_target!(|data: &[u8]| {
    let mut r: &[u8] = data;
    // every record consumes at least its version line
    for _ in 0..=data.len() {
        match warc_read::next_doc(&mut r, MAX) {
            Ok(Some(doc)) => {
                if let Ok(body) = &doc.body {
                    assert!(body.len() as u64 <= data.len() as u64 + MAX + 1);
                }
            }
            Ok(None) | Err(_) => return,
        }
    }
    panic!("the reader did not reach the end");
});
