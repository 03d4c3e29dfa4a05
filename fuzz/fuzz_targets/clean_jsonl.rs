//! The JSON Lines record reader/writer of `vietnorm clean` (included by
//! path) on arbitrary lines: never panics; a record with a text field is
//! written back as a JSON object that the reader reads again with the new
//! text in the field, the `vietnorm` object added and every other field
//! kept as written, in order.
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
    // read back by the same reader: values are kept as written (numbers
    // beyond f64 included, which a strict parser into Value refuses)
    let Ok(Record::Text(again, got)) = jsonl_read::parse(&out, "text", u64::MAX, decode) else {
        panic!(
            "output is not a record with text: {}",
            String::from_utf8_lossy(&out)
        );
    };
    assert_eq!(got, new_text);
    let keep = |(k, _): &(&str, &str)| *k != "vietnorm";
    let before: Vec<(&str, &str)> = fields.entries().filter(keep).collect();
    let after: Vec<(&str, &str)> = again.entries().collect();
    assert_eq!(after.len(), before.len() + 1);
    for ((k0, v0), (k1, v1)) in before.iter().zip(&after) {
        assert_eq!(k0, k1);
        if *k0 != "text" {
            assert_eq!(v0, v1, "{k0}");
        }
    }
    assert_eq!(after.last().map(|e| e.0), Some("vietnorm"));
    // and when a strict parser takes the input, it takes the output too
    let src = String::from_utf8_lossy(data);
    if let Ok(input) = serde_json::from_str::<Map<String, Value>>(&src) {
        let obj: Map<String, Value> = serde_json::from_slice(&out).expect("output is JSON");
        assert_eq!(obj.get("text"), Some(&Value::String(new_text)));
        assert_eq!(obj.get("vietnorm"), Some(&info));
        for (k, v) in &input {
            if k != "text" && k != "vietnorm" {
                assert_eq!(obj.get(k), Some(v), "{k}");
            }
        }
    }
});
