//! The JSON Lines record reader/writer of `vietnorm clean` (included by
//! path) on arbitrary lines: never panics; a record with a text field is
//! written back as a JSON object whose field holds the new text, with the
//! `vietnorm` object added and every other field kept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

#[allow(dead_code)]
#[path = "../../src/bin/vietnorm/clean/jsonl_read.rs"]
mod jsonl_read;

use jsonl_read::Record;

fuzz_target!(|data: &[u8]| {
    let decode = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let Ok(Record::Text(fields, text)) = jsonl_read::parse(data, "text", 1 << 20, decode) else {
        return;
    };
    let new_text = format!("{text} đã sửa");
    let info = serde_json::json!({"changed": true});
    let out = fields.write("text", &new_text, &info);
    let obj: Map<String, Value> = serde_json::from_slice(&out).expect("output is a JSON object");
    assert_eq!(obj.get("text"), Some(&Value::String(new_text)));
    assert_eq!(obj.get("vietnorm"), Some(&info));
    // every other field survives (the last of duplicate keys wins, as in the input)
    let src = String::from_utf8_lossy(data);
    if let Ok(input) = serde_json::from_str::<Map<String, Value>>(&src) {
        for (k, v) in &input {
            if k != "text" && k != "vietnorm" {
                assert_eq!(obj.get(k), Some(v), "{k}");
            }
        }
    }
});
