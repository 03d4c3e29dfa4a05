//! JSON Lines: one document per line in a text field; other fields are kept
//! (in their order) and a small `vietnorm` object says what was done.

use std::io::BufRead;

use rayon::prelude::*;
use serde::Serialize;

use super::jsonl_read::Record;
use super::pipeline::{Cleaner, Prepared, Source};
use super::report::{Stages, Stats};

/// Parses one line with the cleaner's field, size limit and decoder.
fn parse(cleaner: &Cleaner, line: &[u8]) -> Result<Record, String> {
    super::jsonl_read::parse(line, &cleaner.field, cleaner.max_bytes, |b| {
        cleaner.decoder.decode(b).text.into_owned()
    })
}

/// Lines read before a batch is cleaned in parallel.
const BATCH_BYTES: usize = 8 << 20;
const BATCH_LINES: usize = 8192;
/// Lines one task cleans in a row.
const CHUNK: usize = 16;

fn trim_newline(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The `vietnorm` object of an output record (keys in sorted order, as
/// before this was a struct).
#[derive(Serialize)]
struct Info {
    boilerplate_lines: usize,
    changed: bool,
    encoding: &'static str,
    mojibake: bool,
    syllables_changed: usize,
}

/// Cleans one line; returns the output line (with its newline).
fn clean_line(
    cleaner: &Cleaner,
    path: &str,
    number: u64,
    raw: &[u8],
    cached: Option<Prepared>,
    stats: &mut Stats,
    facts: &mut Vec<u8>,
) -> Vec<u8> {
    let line = trim_newline(raw);
    let t0 = std::time::Instant::now();
    let parsed = parse(cleaner, line);
    stats.stage_seconds.records += t0.elapsed().as_secs_f64();
    let mut out = match parsed {
        Ok(Record::Text(fields, text)) => {
            let prepared: Prepared = match cached {
                Some(p) => p,
                None => cleaner.prepare_str(&text, &mut stats.stage_seconds),
            };
            let source = Source {
                source: path,
                record: Some(number),
                url: None,
            };
            let (clean, done) = cleaner.finish(prepared, &source, stats, facts);
            let info = Info {
                boilerplate_lines: done.boilerplate_lines,
                changed: clean != text,
                encoding: done.encoding,
                mojibake: done.mojibake,
                syllables_changed: done.syllables_changed,
            };
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
///
/// `cached` holds, by line index (from 0), texts the learning pass already
/// prepared; those lines are not prepared again.
pub fn clean_stream(
    cleaner: &Cleaner,
    path: &str,
    reader: &mut dyn BufRead,
    out: &mut dyn std::io::Write,
    stats: &mut Stats,
    facts: &mut Vec<u8>,
    mut cached: Vec<Option<Prepared>>,
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
        // this batch's share of the cached texts, one slot per line
        let mut ready: Vec<Option<Prepared>> = (0..batch.len())
            .map(|i| {
                usize::try_from(number)
                    .ok()
                    .and_then(|n| cached.get_mut(n + i))
                    .and_then(Option::take)
            })
            .collect();
        number += batch.len() as u64;
        let results: Vec<(Vec<u8>, Stats, Vec<u8>)> = batch
            .par_chunks(CHUNK)
            .zip(ready.par_chunks_mut(CHUNK))
            .enumerate()
            .map(|(ci, (lines, ready))| {
                let mut st = Stats::default();
                let mut fx = Vec::new();
                let mut o = Vec::new();
                for (i, (raw, p)) in lines.iter().zip(ready.iter_mut()).enumerate() {
                    let n = first + (ci * CHUNK + i) as u64;
                    o.extend(clean_line(
                        cleaner,
                        path,
                        n,
                        raw,
                        p.take(),
                        &mut st,
                        &mut fx,
                    ));
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

/// The prepared texts of a JSONL stream with their line index (from 0)
/// and size, for the learning pass; stops when `f` returns false.
pub fn for_each_text(
    cleaner: &Cleaner,
    reader: &mut dyn BufRead,
    stages: &mut Stages,
    mut f: impl FnMut(usize, Prepared, usize) -> bool,
) {
    let mut line = Vec::new();
    for index in 0.. {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        if let Ok(Record::Text(_, text)) = parse(cleaner, trim_newline(&line)) {
            let p = cleaner.prepare_str(&text, stages);
            if !f(index, p, line.len()) {
                return;
            }
        }
    }
}
