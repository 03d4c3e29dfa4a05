//! WARC (ISO 28500) archives: every `response` record whose HTTP payload is
//! HTML or plain text, and every `resource` record of those types, is one
//! document. Chunked transfer coding and gzip/deflate content coding of the
//! payload are undone. The output is JSON Lines, one object per document:
//! `{"url", "date", "record_id", <field>: text, "vietnorm": {…}}`.

use std::io::{self, BufRead};

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::formats::Format;
use super::pipeline::{Cleaner, Prepared, Source};
use super::report::Stats;
use super::warc_read::{next_doc, Doc};

const BATCH_BYTES: usize = 16 << 20;

fn clean_doc(
    cleaner: &Cleaner,
    path: &str,
    doc: &Doc,
    stats: &mut Stats,
    facts: &mut Vec<u8>,
) -> Option<Vec<u8>> {
    let prepared = doc.body.as_ref().map_err(Clone::clone).and_then(|b| {
        let format = if doc.html { Format::Html } else { Format::Text };
        cleaner.prepare_bytes(b, format, &mut stats.stage_seconds)
    });
    let prepared = match prepared {
        Ok(p) => p,
        Err(reason) => {
            stats.fail(format!("{path} {}", doc.url), reason);
            return None;
        }
    };
    let source = Source {
        source: path,
        record: None,
        url: Some(&doc.url),
    };
    let (text, done) = cleaner.finish(prepared, &source, stats, facts);
    let mut map = Map::new();
    map.insert("url".into(), Value::String(doc.url.clone()));
    map.insert("date".into(), Value::String(doc.date.clone()));
    map.insert("record_id".into(), Value::String(doc.id.clone()));
    map.insert(cleaner.field.clone(), Value::String(text));
    map.insert(
        "vietnorm".into(),
        serde_json::to_value(&done).unwrap_or(Value::Null),
    );
    let mut line = serde_json::to_vec(&map).ok()?;
    line.push(b'\n');
    Some(line)
}

/// Cleans a WARC stream into JSON Lines, batch by batch in parallel.
pub fn clean_stream(
    cleaner: &Cleaner,
    path: &str,
    reader: &mut dyn BufRead,
    out: &mut dyn io::Write,
    stats: &mut Stats,
    facts: &mut Vec<u8>,
) -> io::Result<()> {
    loop {
        let mut batch = Vec::new();
        let mut bytes = 0usize;
        let mut eof = false;
        while bytes < BATCH_BYTES {
            match next_doc(reader, cleaner.max_bytes)? {
                Some(d) => {
                    bytes += d.body.as_ref().map(Vec::len).unwrap_or(0);
                    batch.push(d);
                }
                None => {
                    eof = true;
                    break;
                }
            }
        }
        let results: Vec<(Option<Vec<u8>>, Stats, Vec<u8>)> = batch
            .par_iter()
            .map(|d| {
                let mut st = Stats::default();
                let mut fx = Vec::new();
                let line = clean_doc(cleaner, path, d, &mut st, &mut fx);
                st.bytes_in += d.body.as_ref().map(Vec::len).unwrap_or(0) as u64;
                (line, st, fx)
            })
            .collect();
        for (line, st, fx) in results {
            if let Some(l) = line {
                stats.bytes_out += l.len() as u64;
                out.write_all(&l)?;
            }
            stats.merge(st);
            facts.extend(fx);
        }
        if eof {
            return Ok(());
        }
    }
}

/// The prepared texts of a WARC stream, for the learning pass.
pub fn for_each_text(
    cleaner: &Cleaner,
    reader: &mut dyn BufRead,
    mut f: impl FnMut(Prepared, usize) -> bool,
) {
    while let Ok(Some(doc)) = next_doc(reader, cleaner.max_bytes) {
        if let Ok(body) = &doc.body {
            let format = if doc.html { Format::Html } else { Format::Text };
            if let Ok(p) = cleaner.prepare_bytes(body, format, &mut Default::default()) {
                if !f(p, body.len()) {
                    return;
                }
            }
        }
    }
}
