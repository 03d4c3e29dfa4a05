//! The `.vnlm` binary format: writing and validation.
//!
//! All integers and floats are little-endian. Layout (see `DESIGN.md`):
//!
//! ```text
//! 0   magic        8 bytes  "VNLM\r\n\x1a\n"
//! 8   version      u32      1
//! 12  endian       u32      0x0A0B0C0D (reads back differently on a byte-swapped writer)
//! 16  order        u32      1..=3
//! 20  vocab        u32      number of token ids (3 + syllable inventory size), <= 65536
//! 24  fingerprint  u64      FNV-1a of the syllable inventory
//! 32  sections     u32      number of section table entries (<= 32)
//! 36  crc32        u32      CRC-32 (IEEE) of bytes 0..36 followed by bytes 40..end
//! 40  flags        u32      0
//! 44  reserved     u32      0
//! 48  section table: `sections` entries of { kind u32, offset u32, length u32, reserved u32 }
//! ... section payloads, each starting at a multiple of 8
//! ```

use crate::{Error, ErrorKind};
use std::ops::Range;

pub(crate) const MAGIC: &[u8; 8] = b"VNLM\r\n\x1a\n";
pub(crate) const VERSION: u32 = 1;
const ENDIAN: u32 = 0x0A0B_0C0D;
const HEADER: usize = 48;
const ENTRY: usize = 16;
const MAX_SECTIONS: usize = 32;
/// Token ids are stored as u16.
pub(crate) const MAX_VOCAB: usize = 1 << 16;
pub(crate) const CODEBOOK: usize = 256;

/// Section kinds.
mod kind {
    pub const META: u32 = 1;
    pub const UNI: u32 = 2;
    pub const BI_OFFSETS: u32 = 3;
    pub const BI_NEXT: u32 = 4;
    pub const BI_Q: u32 = 5;
    pub const BI_CODEBOOK: u32 = 6;
    pub const BI_BACKOFF: u32 = 7;
    pub const TRI_OFFSETS: u32 = 8;
    pub const TRI_NEXT: u32 = 9;
    pub const TRI_Q: u32 = 10;
    pub const TRI_CODEBOOK: u32 = 11;
    pub const TRI_BACKOFF_Q: u32 = 12;
    pub const TRI_BACKOFF_CODEBOOK: u32 = 13;
    pub const LAST: u32 = 13;
}

/// The arrays of a model, owned, ready to be written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parts {
    pub order: u32,
    pub vocab: u32,
    pub fingerprint: u64,
    pub meta: String,
    /// log p(w) for every token.
    pub uni: Vec<f32>,
    /// Bigram rows by previous token: `bi_offsets[v]..bi_offsets[v + 1]`.
    pub bi_offsets: Vec<u32>,
    pub bi_next: Vec<u16>,
    pub bi_q: Vec<u8>,
    pub bi_codebook: Vec<f32>,
    /// log backoff weight per previous token.
    pub bi_backoff: Vec<f32>,
    /// Trigram rows by bigram entry index: `tri_offsets[e]..tri_offsets[e + 1]`.
    pub tri_offsets: Vec<u32>,
    pub tri_next: Vec<u16>,
    pub tri_q: Vec<u8>,
    pub tri_codebook: Vec<f32>,
    pub tri_backoff_q: Vec<u8>,
    pub tri_backoff_codebook: Vec<f32>,
}

/// Validated byte ranges of every section inside a model file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    pub order: u32,
    pub vocab: u32,
    pub meta: Range<usize>,
    pub uni: Range<usize>,
    pub bi_offsets: Range<usize>,
    pub bi_next: Range<usize>,
    pub bi_q: Range<usize>,
    pub bi_codebook: Range<usize>,
    pub bi_backoff: Range<usize>,
    pub tri_offsets: Range<usize>,
    pub tri_next: Range<usize>,
    pub tri_q: Range<usize>,
    pub tri_codebook: Range<usize>,
    pub tri_backoff_q: Range<usize>,
    pub tri_backoff_codebook: Range<usize>,
    pub n2: usize,
    pub n3: usize,
}

fn f32s(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}
fn u32s(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}
fn u16s(v: &[u16]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn crc(bytes: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(bytes.get(..36).unwrap_or_default());
    h.update(bytes.get(40..).unwrap_or_default());
    h.finalize()
}

/// Serializes `parts`. Sections of an order the model does not have are left out.
pub(crate) fn write(parts: &Parts) -> Vec<u8> {
    let mut sections: Vec<(u32, Vec<u8>)> = vec![
        (kind::META, parts.meta.as_bytes().to_vec()),
        (kind::UNI, f32s(&parts.uni)),
    ];
    if parts.order >= 2 {
        sections.extend([
            (kind::BI_OFFSETS, u32s(&parts.bi_offsets)),
            (kind::BI_NEXT, u16s(&parts.bi_next)),
            (kind::BI_Q, parts.bi_q.clone()),
            (kind::BI_CODEBOOK, f32s(&parts.bi_codebook)),
            (kind::BI_BACKOFF, f32s(&parts.bi_backoff)),
        ]);
    }
    if parts.order >= 3 {
        sections.extend([
            (kind::TRI_OFFSETS, u32s(&parts.tri_offsets)),
            (kind::TRI_NEXT, u16s(&parts.tri_next)),
            (kind::TRI_Q, parts.tri_q.clone()),
            (kind::TRI_CODEBOOK, f32s(&parts.tri_codebook)),
            (kind::TRI_BACKOFF_Q, parts.tri_backoff_q.clone()),
            (
                kind::TRI_BACKOFF_CODEBOOK,
                f32s(&parts.tri_backoff_codebook),
            ),
        ]);
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    for v in [VERSION, ENDIAN, parts.order, parts.vocab] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&parts.fingerprint.to_le_bytes());
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    out.extend_from_slice(&[0u8; 12]); // crc (filled below), flags, reserved
    let table = out.len();
    out.resize(table + ENTRY * sections.len(), 0);
    for (i, (k, payload)) in sections.iter().enumerate() {
        while out.len() % 8 != 0 {
            out.push(0);
        }
        let entry = table + i * ENTRY;
        let fields = [*k, out.len() as u32, payload.len() as u32, 0];
        for (j, f) in fields.iter().enumerate() {
            if let Some(slot) = out.get_mut(entry + 4 * j..entry + 4 * j + 4) {
                slot.copy_from_slice(&f.to_le_bytes());
            }
        }
        out.extend_from_slice(payload);
    }
    let sum = crc(&out);
    if let Some(slot) = out.get_mut(36..40) {
        slot.copy_from_slice(&sum.to_le_bytes());
    }
    out
}

fn bad(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::Model, msg)
}

pub(crate) fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(b))
}

fn f32_values(bytes: &[u8]) -> impl Iterator<Item = f32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// Checks a file and returns the ranges of its sections. Checks the header,
/// the inventory fingerprint, the checksum, every section's bounds and size,
/// that offsets are monotone and end at the row array's length, that rows are
/// strictly increasing token ids below `vocab`, and that floats are finite.
pub(crate) fn validate(bytes: &[u8], vocab: usize, fingerprint: u64) -> Result<Layout, Error> {
    if bytes.len() < HEADER || bytes.get(..8) != Some(&MAGIC[..]) {
        return Err(bad("not a vietnorm language model (bad magic)"));
    }
    let field = |at: usize| u32_at(bytes, at).ok_or_else(|| bad("truncated header"));
    let version = field(8)?;
    if version != VERSION {
        return Err(bad(format!(
            "unsupported model format version {version} (this build reads {VERSION})"
        )));
    }
    if field(12)? != ENDIAN {
        return Err(bad("model has the wrong byte order"));
    }
    let order = field(16)?;
    if !(1..=3).contains(&order) {
        return Err(bad(format!("unsupported model order {order}")));
    }
    let file_vocab = field(20)? as usize;
    let file_fp = u64::from(field(24)?) | (u64::from(field(28)?) << 32);
    if file_vocab != vocab || file_fp != fingerprint {
        return Err(bad(
            "model was built for a different syllable inventory (rebuild or retrain it)",
        ));
    }
    if vocab > MAX_VOCAB {
        return Err(bad("vocabulary too large for the model format"));
    }
    let count = field(32)? as usize;
    if count > MAX_SECTIONS {
        return Err(bad("too many sections"));
    }
    let table_end = HEADER + count * ENTRY;
    if bytes.len() < table_end {
        return Err(bad("truncated section table"));
    }
    // Fuzzing builds skip the checksum so the fuzzer reaches the table checks.
    #[allow(unexpected_cfgs)]
    let check_crc = !cfg!(fuzzing);
    if check_crc && field(36)? != crc(bytes) {
        return Err(bad("model checksum mismatch (file is damaged)"));
    }
    if field(40)? != 0 || field(44)? != 0 {
        return Err(bad("unknown model flags"));
    }

    let mut found: [Option<Range<usize>>; kind::LAST as usize + 1] = Default::default();
    for i in 0..count {
        let at = HEADER + i * ENTRY;
        let (k, off, len) = (field(at)?, field(at + 4)? as usize, field(at + 8)? as usize);
        let end = off
            .checked_add(len)
            .filter(|&e| off >= table_end && e <= bytes.len())
            .ok_or_else(|| bad(format!("section {k} out of bounds")))?;
        let slot = found
            .get_mut(k as usize)
            .filter(|_| k >= 1)
            .ok_or_else(|| bad(format!("unknown section kind {k}")))?;
        if slot.replace(off..end).is_some() {
            return Err(bad(format!("duplicate section {k}")));
        }
    }
    let take = |k: u32, expect: Option<usize>| -> Result<Range<usize>, Error> {
        let r = found
            .get(k as usize)
            .cloned()
            .flatten()
            .ok_or_else(|| bad(format!("missing section {k}")))?;
        match expect {
            Some(n) if r.len() != n => Err(bad(format!(
                "section {k} has {} bytes, expected {n}",
                r.len()
            ))),
            _ => Ok(r),
        }
    };
    let section = |r: &Range<usize>| bytes.get(r.clone()).unwrap_or_default();
    let finite = |r: &Range<usize>, what: &str| -> Result<(), Error> {
        if f32_values(section(r)).all(|x| x.is_finite() && (-1.0e4..=1.0e4).contains(&x)) {
            Ok(())
        } else {
            Err(bad(format!("{what} holds a non-finite value")))
        }
    };

    let mut layout = Layout {
        order,
        vocab: vocab as u32,
        meta: take(kind::META, None)?,
        uni: take(kind::UNI, Some(4 * vocab))?,
        ..Layout::default()
    };
    if std::str::from_utf8(section(&layout.meta)).is_err() {
        return Err(bad("model metadata is not utf-8"));
    }
    finite(&layout.uni, "unigram table")?;
    let extra = (order as usize + 1..=3)
        .flat_map(|o| match o {
            2 => kind::BI_OFFSETS..=kind::BI_BACKOFF,
            _ => kind::TRI_OFFSETS..=kind::TRI_BACKOFF_CODEBOOK,
        })
        .find(|&k| found.get(k as usize).is_some_and(Option::is_some));
    if let Some(k) = extra {
        return Err(bad(format!(
            "section {k} does not belong to an order-{order} model"
        )));
    }
    if order >= 2 {
        layout.bi_offsets = take(kind::BI_OFFSETS, Some(4 * (vocab + 1)))?;
        let n2 = check_rows(section(&layout.bi_offsets), None, vocab)?;
        layout.n2 = n2;
        layout.bi_next = take(kind::BI_NEXT, Some(2 * n2))?;
        check_rows(
            section(&layout.bi_offsets),
            Some(section(&layout.bi_next)),
            vocab,
        )?;
        layout.bi_q = take(kind::BI_Q, Some(n2))?;
        layout.bi_codebook = take(kind::BI_CODEBOOK, Some(4 * CODEBOOK))?;
        finite(&layout.bi_codebook, "bigram codebook")?;
        layout.bi_backoff = take(kind::BI_BACKOFF, Some(4 * vocab))?;
        finite(&layout.bi_backoff, "bigram backoff table")?;
    }
    if order >= 3 {
        let n2 = layout.n2;
        layout.tri_offsets = take(kind::TRI_OFFSETS, Some(4 * (n2 + 1)))?;
        let n3 = check_rows(section(&layout.tri_offsets), None, vocab)?;
        layout.n3 = n3;
        layout.tri_next = take(kind::TRI_NEXT, Some(2 * n3))?;
        check_rows(
            section(&layout.tri_offsets),
            Some(section(&layout.tri_next)),
            vocab,
        )?;
        layout.tri_q = take(kind::TRI_Q, Some(n3))?;
        layout.tri_codebook = take(kind::TRI_CODEBOOK, Some(4 * CODEBOOK))?;
        finite(&layout.tri_codebook, "trigram codebook")?;
        layout.tri_backoff_q = take(kind::TRI_BACKOFF_Q, Some(n2))?;
        layout.tri_backoff_codebook = take(kind::TRI_BACKOFF_CODEBOOK, Some(4 * CODEBOOK))?;
        finite(&layout.tri_backoff_codebook, "trigram backoff codebook")?;
    }
    Ok(layout)
}

/// Checks a CSR offset array (first 0, non-decreasing) and returns its last
/// value; with `rows`, also checks each row is strictly increasing and < vocab.
/// One linear pass with no per-row slicing: it runs on every load.
fn check_rows(offsets: &[u8], rows: Option<&[u8]>, vocab: usize) -> Result<usize, Error> {
    let offs = || {
        offsets
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
    };
    if offs().next() != Some(0) {
        return Err(bad("row offsets must start at 0"));
    }
    let mut last = 0usize;
    for o in offs() {
        if o < last {
            return Err(bad("row offsets are not monotone"));
        }
        last = o;
    }
    let Some(rows) = rows else {
        return Ok(last);
    };
    if rows.len() != 2 * last {
        return Err(bad("row offsets do not match the row array"));
    }
    let tok = |c: &[u8]| u16::from_le_bytes([c[0], c[1]]);
    let mut lo = 0usize;
    for hi in offs().skip(1) {
        if hi > lo {
            let row = rows.get(2 * lo..2 * hi).unwrap_or_default();
            // strictly increasing pairs, and (so) only the last id needs the bound
            let sorted = row
                .chunks_exact(2)
                .zip(row.get(2..).unwrap_or_default().chunks_exact(2))
                .all(|(a, b)| tok(a) < tok(b));
            let in_vocab = row
                .rchunks_exact(2)
                .next()
                .is_some_and(|c| usize::from(tok(c)) < vocab);
            if !(sorted && in_vocab) {
                return Err(bad("row tokens are not sorted distinct ids"));
            }
        }
        lo = hi;
    }
    Ok(last)
}
