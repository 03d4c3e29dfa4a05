//! HTML main-text extraction of `vietnorm clean` (the binary's module,
//! included by path) on arbitrary input: never panics; the text ends with
//! one newline; markup-free text keeps every non-space character in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../src/bin/vietnorm/clean/html.rs"]
mod html;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = html::looks_like_html(&text);
    let out = html::main_text(&text);
    // skipping the text of dropped raw-text elements changes nothing
    assert_eq!(out, html::main_text_with(&text, false));
    assert!(out.ends_with('\n'));
    assert!(!out.ends_with(" \n"));
    // no tags, references, NULs or CRs: the tokenizer sees plain text
    if !text.contains(['<', '&', '\0', '\r']) {
        let a: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let b: String = out.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(a, b);
    }
});
