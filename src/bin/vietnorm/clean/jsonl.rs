//! JSON Lines: one document per line in a text field; other fields are kept
//! (in their order) and a small `vietnorm` object says what was done.

use std::io::BufRead;

use rayon::prelude::*;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

use super::pipeline::{Cleaner, Prepared, Source};
use super::report::Stats;

/// Lines read before a batch is cleaned in parallel.
const BATCH_BYTES: usize = 8 << 20;
const BATCH_LINES: usize = 8192;
/// Lines one task cleans in a row.
const CHUNK: usize = 16;

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
    /// The object with `field` set to `text` and a `vietnorm` entry (replaced
    /// if there is one already); other fields keep their order and bytes.
    fn write(&self, field: &str, text: &str, info: &Value) -> Vec<u8> {
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
                let s = serde_json::to_vec(text).unwrap_or_default();
                put(&mut out, k, &s);
            } else {
                put(&mut out, k, v.get().as_bytes());
            }
        }
        let s = serde_json::to_vec(info).unwrap_or_default();
        put(&mut out, "vietnorm", &s);
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

/// Parses one line (without its newline).
pub fn parse(cleaner: &Cleaner, line: &[u8], max: u64) -> Result<Record, String> {
    if line.trim_ascii().is_empty() {
        return Ok(Record::Blank);
    }
    if line.len() as u64 > max {
        return Err(format!(
            "record of {} bytes is larger than --max-bytes ({max}); copied unchanged",
            line.len()
        ));
    }
    let parsed = match std::str::from_utf8(line) {
        Ok(s) => serde_json::from_str::<Fields>(s),
        // JSON is UTF-8; a line in a legacy encoding is decoded first
        Err(_) => serde_json::from_str(&cleaner.decoder.decode(line).text),
    };
    let fields = parsed.map_err(|e| format!("not a JSON object ({e}); copied unchanged"))?;
    let text = fields
        .0
        .iter()
        .find(|(k, _)| *k == cleaner.field)
        .and_then(|(_, v)| serde_json::from_str::<String>(v.get()).ok());
    match text {
        Some(s) => Ok(Record::Text(fields, s)),
        None => Ok(Record::NoText),
    }
}

fn trim_newline(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Cleans one line; returns the output line (with its newline).
fn clean_line(
    cleaner: &Cleaner,
    path: &str,
    number: u64,
    raw: &[u8],
    stats: &mut Stats,
    facts: &mut Vec<u8>,
) -> Vec<u8> {
    let line = trim_newline(raw);
    let t0 = std::time::Instant::now();
    let parsed = parse(cleaner, line, cleaner.max_bytes);
    stats.stage_seconds.records += t0.elapsed().as_secs_f64();
    let mut out = match parsed {
        Ok(Record::Text(fields, text)) => {
            let prepared: Prepared = cleaner.prepare_str(&text, &mut stats.stage_seconds);
            let source = Source {
                source: path,
                record: Some(number),
                url: None,
            };
            let (clean, done) = cleaner.finish(prepared, &source, stats, facts);
            let changed = clean != text;
            let mut info = serde_json::to_value(&done).unwrap_or(Value::Null);
            if let Value::Object(o) = &mut info {
                o.insert("changed".into(), Value::Bool(changed));
            }
            let t = std::time::Instant::now();
            let out = fields.write(&cleaner.field, &clean, &info);
            stats.stage_seconds.records += t.elapsed().as_secs_f64();
            out
        }
        Ok(Record::NoText) => {
            stats.records_without_text += 1;
            line.to_vec()
        }
        Ok(Record::Blank) => line.to_vec(),
        Err(reason) => {
            stats.fail(format!("{path}:{number}"), reason);
            line.to_vec()
        }
    };
    out.push(b'\n');
    out
}

/// Cleans a JSONL stream into `out`, batch by batch in parallel, keeping
/// the line order. Read errors (a broken gzip stream) end with `Err`.
pub fn clean_stream(
    cleaner: &Cleaner,
    path: &str,
    reader: &mut dyn BufRead,
    out: &mut dyn std::io::Write,
    stats: &mut Stats,
    facts: &mut Vec<u8>,
) -> Result<(), std::io::Error> {
    let mut number = 0u64;
    loop {
        let mut batch: Vec<Vec<u8>> = Vec::new();
        let mut bytes = 0usize;
        let mut eof = false;
        while bytes < BATCH_BYTES && batch.len() < BATCH_LINES {
            let mut line = Vec::new();
            let n = reader.read_until(b'\n', &mut line)?;
            if n == 0 {
                eof = true;
                break;
            }
            bytes += n;
            batch.push(line);
        }
        let first = number + 1;
        number += batch.len() as u64;
        let results: Vec<(Vec<u8>, Stats, Vec<u8>)> = batch
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(ci, lines)| {
                let mut st = Stats::default();
                let mut fx = Vec::new();
                let mut o = Vec::new();
                for (i, raw) in lines.iter().enumerate() {
                    let n = first + (ci * CHUNK + i) as u64;
                    o.extend(clean_line(cleaner, path, n, raw, &mut st, &mut fx));
                }
                (o, st, fx)
            })
            .collect();
        for (o, st, fx) in results {
            stats.bytes_out += o.len() as u64;
            out.write_all(&o)?;
            stats.merge(st);
            facts.extend(fx);
        }
        stats.bytes_in += bytes as u64;
        if eof {
            return Ok(());
        }
    }
}

/// The prepared texts of a JSONL stream, for the learning pass; stops when
/// `keep_going` says so.
pub fn for_each_text(
    cleaner: &Cleaner,
    reader: &mut dyn BufRead,
    mut f: impl FnMut(Prepared, usize) -> bool,
) {
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        if let Ok(Record::Text(_, text)) = parse(cleaner, trim_newline(&line), cleaner.max_bytes) {
            let p = cleaner.prepare_str(&text, &mut Default::default());
            if !f(p, line.len()) {
                return;
            }
        }
    }
}
