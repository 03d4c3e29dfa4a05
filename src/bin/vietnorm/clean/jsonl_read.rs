//! Reading and writing JSON Lines records: a JSON object's fields in their
//! order with values kept as written, and the text field replaced. Pure
//! parsing (serde_json): the fuzz target `clean_jsonl` includes this file.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::Serialize;
use serde_json::value::RawValue;

/// A JSON object's fields in their order, values kept as written.
pub struct Fields(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fields, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Fields;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Fields, A::Error> {
                let mut v = Vec::new();
                while let Some(e) = m.next_entry::<String, Box<RawValue>>()? {
                    v.push(e);
                }
                Ok(Fields(v))
            }
        }
        d.deserialize_map(V)
    }
}

impl Fields {
    /// The keys and their values as written, in order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.get()))
    }

    /// The object with `field` set to `text` and a `vietnorm` entry (replaced
    /// if there is one already); other fields keep their order and bytes.
    pub fn write(&self, field: &str, text: &str, info: &impl Serialize) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() + 256);
        out.push(b'{');
        let mut first = true;
        let mut put = |out: &mut Vec<u8>, k: &str, v: &[u8]| {
            if !first {
                out.push(b',');
            }
            first = false;
            let _ = serde_json::to_writer(&mut *out, k);
            out.push(b':');
            out.extend_from_slice(v);
        };
        for (k, v) in &self.0 {
            if k == "vietnorm" {
                continue;
            }
            if k == field {
                put(&mut out, k, b"");
                let _ = serde_json::to_writer(&mut out, text);
            } else {
                put(&mut out, k, v.get().as_bytes());
            }
        }
        put(&mut out, "vietnorm", b"");
        let _ = serde_json::to_writer(&mut out, info);
        out.push(b'}');
        out
    }
}

/// One parsed record and its text, if it has one.
pub enum Record {
    /// Not a document (blank line): copied as is.
    Blank,
    /// A JSON object whose field holds a string.
    Text(Fields, String),
    /// A JSON object without the field: copied as is.
    NoText,
}

/// Parses one line (without its newline); `field` holds the text. JSON is
/// UTF-8: a line that is not is turned into text by `decode` first.
pub fn parse(
    line: &[u8],
    field: &str,
    max: u64,
    decode: impl Fn(&[u8]) -> String,
) -> Result<Record, String> {
    if line.trim_ascii().is_empty() {
        return Ok(Record::Blank);
    }
    if line.len() as u64 > max {
        return Err(format!(
            "record of {} bytes is larger than --max-bytes ({max}); copied unchanged",
            line.len()
        ));
    }
    // simdutf8 accepts exactly what `std::str::from_utf8` does, several
    // times faster (this validation was 3% of a run)
    let parsed = match simdutf8::basic::from_utf8(line) {
        Ok(s) => serde_json::from_str::<Fields>(s),
        Err(_) => serde_json::from_str(&decode(line)),
    };
    let fields = parsed.map_err(|e| format!("not a JSON object ({e}); copied unchanged"))?;
    let text = fields
        .entries()
        .find(|&(k, _)| k == field)
        .and_then(|(_, v)| serde_json::from_str::<String>(v).ok());
    match text {
        Some(s) => Ok(Record::Text(fields, s)),
        None => Ok(Record::NoText),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(b: &[u8]) -> String {
        String::from_utf8_lossy(b).into_owned()
    }

    #[test]
    fn keeps_other_values_as_written() {
        // fuzz regression: a number beyond f64 is valid JSON and stays as is
        let line = br#"{"url":"x","text":"Xin ch\u00e0o","n":1.5333e2233333,"a":[1,{"b":null}],"vietnorm":{}}"#;
        let Ok(Record::Text(fields, text)) = parse(line, "text", 1 << 20, plain) else {
            panic!("not a text record");
        };
        assert_eq!(text, "Xin chào");
        let out = fields.write("text", "Xin chào!", &serde_json::json!({"changed": true}));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"url":"x","text":"Xin chào!","n":1.5333e2233333,"a":[1,{"b":null}],"vietnorm":{"changed":true}}"#
        );
    }

    #[test]
    fn records_without_text_and_bad_lines() {
        assert!(matches!(parse(b"  ", "text", 99, plain), Ok(Record::Blank)));
        assert!(matches!(
            parse(br#"{"text":1}"#, "text", 99, plain),
            Ok(Record::NoText)
        ));
        assert!(parse(b"[1,2]", "text", 99, plain).is_err());
        assert!(parse(br#"{"text":"dai qua"}"#, "text", 5, plain).is_err());
    }
}
