//! Reading one input: decompression by magic bytes, size limits, format
//! sniffing and the binary check.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// What an input file holds (after decompression).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Jsonl,
    Warc,
}

/// How an input file is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    fn name(self) -> &'static str {
        match self {
            Compression::None => "plain",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

/// A readable, decompressed input with a peek at its first bytes.
pub struct Opened {
    pub reader: Box<dyn BufRead + Send>,
    pub compression: Compression,
}

/// Buffer of the decompressed stream.
const DECODED_BUF: usize = 32 * 1024;

/// Opens `path`, decompressing gzip or zstd by their magic bytes.
pub fn open(path: &Path) -> Result<Opened, String> {
    let file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mut raw = BufReader::with_capacity(256 * 1024, file);
    let head = raw.fill_buf().map_err(|e| format!("cannot read: {e}"))?;
    let compression = Compression::sniff(head);
    // The decompressors' output buffers are smaller: a decoder cannot read
    // into uninitialized memory, so a new buffer is zeroed whole first (a
    // 256 KB memset per compressed page of 15 KB).
    let reader: Box<dyn BufRead + Send> = match compression {
        Compression::None => Box::new(raw),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            DECODED_BUF,
            flate2::bufread::MultiGzDecoder::new(raw),
        )),
        Compression::Zstd => {
            let dec = ruzstd::decoding::StreamingDecoder::new(raw)
                .map_err(|e| format!("broken zstd stream: {e}"))?;
            Box::new(BufReader::with_capacity(DECODED_BUF, dec))
        }
    };
    Ok(Opened {
        reader,
        compression,
    })
}

/// Opens bytes already in memory (standard input) like a file.
pub fn open_bytes(raw: Vec<u8>) -> Opened {
    let compression = Compression::sniff(&raw);
    let cursor = io::Cursor::new(raw);
    let reader: Box<dyn BufRead + Send> = match compression {
        Compression::None => Box::new(cursor),
        Compression::Gzip => Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(cursor))),
        Compression::Zstd => match ruzstd::decoding::StreamingDecoder::new(cursor) {
            Ok(d) => Box::new(BufReader::new(d)),
            Err(e) => Box::new(FailingReader(format!("{e}"))),
        },
    };
    Opened {
        reader,
        compression,
    }
}

/// A reader that fails with a message (a stream that could not be opened).
struct FailingReader(String);

impl Read for FailingReader {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(io::Error::new(io::ErrorKind::InvalidData, self.0.clone()))
    }
}

impl BufRead for FailingReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        Err(io::Error::new(io::ErrorKind::InvalidData, self.0.clone()))
    }
    fn consume(&mut self, _: usize) {}
}

/// Describes a read error, naming the compression when there is one.
pub fn read_error(e: &io::Error, compression: Compression) -> String {
    match compression {
        Compression::None => format!("cannot read: {e}"),
        c => format!("broken {} stream: {e}", c.name()),
    }
}

/// Reads the whole (decompressed) input, refusing more than `max` bytes.
pub fn read_all(opened: &mut Opened, max: u64) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    let compression = opened.compression;
    (&mut opened.reader)
        .take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| read_error(&e, compression))?;
    if buf.len() as u64 > max {
        return Err(format!(
            "larger than --max-bytes ({max} bytes{}); raise --max-bytes to clean it",
            if compression == Compression::None {
                ""
            } else {
                " after decompression"
            }
        ));
    }
    Ok(buf)
}

/// The format of an input from its name (compression suffix removed) and
/// its first bytes.
pub fn sniff(out_name: &str, head: &[u8]) -> Format {
    let lower = out_name.to_ascii_lowercase();
    let trimmed = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .trim_ascii_start();
    if lower.ends_with(".warc.jsonl") || trimmed.starts_with(b"WARC/") {
        return Format::Warc;
    }
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".jsonlines") {
        return Format::Jsonl;
    }
    if trimmed.starts_with(b"{") {
        let first = trimmed.split(|&b| b == b'\n').next().unwrap_or_default();
        let complete = trimmed.len() > first.len() || trimmed.len() == head.len();
        if complete
            && serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(first).is_ok()
        {
            return Format::Jsonl;
        }
    }
    let html_name = [".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"]
        .iter()
        .any(|s| lower.ends_with(s));
    if html_name {
        Format::Html
    } else {
        // content sniffing happens on the decoded text (UTF-16 pages too)
        Format::Text
    }
}

/// Why `bytes` are not text, if they are not: NUL bytes or many control
/// bytes. UTF-16 (decided by the caller) is exempt.
pub fn binary_reason(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.is_empty() {
        return None;
    }
    // This runs on every document: first a count the compiler vectorizes
    // (bytes below 0x20 or DEL, tabs and newlines included); only when that
    // is high, or there is a NUL, the exact count.
    let low = count_bytes(head, |b| b < 0x20 || b == 0x7f);
    if low * 50 <= head.len() && memchr::memchr(0, head).is_none() {
        return None;
    }
    let nul = count_bytes(head, |b| b == 0);
    // VISCII and TCVN3 (VN1) put a few capital letters in 1..=0x1f
    let ctrl = count_bytes(head, |b| {
        (b < 0x20 && !matches!(b, 0 | b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f
    });
    if nul > 0 || ctrl * 50 > head.len() {
        Some(format!(
            "binary data ({nul} NUL and {ctrl} control bytes in the first {} bytes), not text",
            head.len()
        ))
    } else {
        None
    }
}

/// How many bytes of `bytes` satisfy `f`, counted in 8-bit lanes.
fn count_bytes(bytes: &[u8], f: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + u8::from(f(b))) as usize)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff("a.jsonl", b""), Format::Jsonl);
        assert_eq!(sniff("a.txt", b"{\"text\": \"x\"}\n{"), Format::Jsonl);
        assert_eq!(sniff("a.txt", b"{ not json\n"), Format::Text);
        assert_eq!(sniff("a.htm", b"hello"), Format::Html);
        assert_eq!(sniff("a", b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(sniff("a.txt", b"Xin chao"), Format::Text);
    }

    #[test]
    fn binary() {
        assert!(binary_reason(b"abc\0def").is_some());
        assert!(binary_reason("Việt Nam\n\tđẹp".as_bytes()).is_none());
        assert!(binary_reason(&[1u8, 2, 3, 4, 5, 6, 65]).is_some());
        // short lines: many newlines are not control bytes
        assert!(binary_reason("a\n\r\n\t\n".repeat(100).as_bytes()).is_none());
        // a few VISCII capitals in 1..=0x1f are letters, not binary
        let mut viscii = b"Tieng Viet ".repeat(20);
        viscii.extend([0x02, 0x05, 0x06]);
        assert!(binary_reason(&viscii).is_none());
        let many: Vec<u8> = (0..200u8)
            .map(|i| if i % 10 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(binary_reason(&many).is_some());
    }
}
