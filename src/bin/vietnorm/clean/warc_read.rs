//! Reading WARC (ISO 28500) records: the `response` records whose HTTP
//! payload is HTML or plain text, and the `resource` records of those
//! types. Chunked transfer coding and gzip/deflate content coding of the
//! payload are undone. Pure parsing (std, flate2): the fuzz target
//! `clean_warc` includes this file.

use std::io::{self, BufRead, Read};

/// One WARC record worth cleaning.
pub struct Doc {
    pub url: String,
    pub date: String,
    pub id: String,
    pub body: Result<Vec<u8>, String>,
    pub html: bool,
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Reads header lines up to the blank line; `None` at the end of input.
fn read_headers(r: &mut dyn BufRead) -> io::Result<Option<Vec<(String, String)>>> {
    let mut line = Vec::new();
    // the version line, skipping blank lines between records
    loop {
        line.clear();
        if r.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        if !line.trim_ascii().is_empty() {
            break;
        }
    }
    if !line.starts_with(b"WARC/") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "not a WARC record header (expected a WARC/1.x line)",
        ));
    }
    let mut headers = Vec::new();
    loop {
        line.clear();
        if r.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let l = String::from_utf8_lossy(line.trim_ascii());
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    Ok(Some(headers))
}

/// Splits an HTTP response into its headers and body.
fn split_http(block: &[u8]) -> (Vec<(String, String)>, &[u8]) {
    let end = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| {
            block
                .windows(2)
                .position(|w| w == b"\n\n")
                .map(|p| (p, p + 2))
        });
    let Some((head_end, body_start)) = end else {
        return (Vec::new(), block);
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let headers = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    (headers, &block[body_start..])
}

fn dechunk(body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let nl = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("broken chunked transfer coding")?;
        let size_str = String::from_utf8_lossy(&rest[..nl]);
        let size_hex = size_str.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_hex, 16)
            .map_err(|_| "broken chunked transfer coding".to_string())?;
        rest = &rest[nl + 1..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = rest
            .get(..size)
            .ok_or("truncated chunked transfer coding")?;
        out.extend_from_slice(chunk);
        rest = rest.get(size..).unwrap_or_default();
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
}

fn is_text_type(ct: &str) -> Option<bool> {
    let ct = ct.to_ascii_lowercase();
    if ct.contains("html") {
        Some(true)
    } else if ct.starts_with("text/plain") {
        Some(false)
    } else {
        None
    }
}

/// The next document in a WARC stream (skipping records that are not
/// HTML or text); `None` at the end.
pub fn next_doc(r: &mut dyn BufRead, max: u64) -> io::Result<Option<Doc>> {
    loop {
        let Some(headers) = read_headers(r)? else {
            return Ok(None);
        };
        let len: u64 = header(&headers, "Content-Length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    "WARC record without Content-Length",
                )
            })?;
        let kind = header(&headers, "WARC-Type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let url = header(&headers, "WARC-Target-URI")
            .unwrap_or("")
            .to_string();
        let date = header(&headers, "WARC-Date").unwrap_or("").to_string();
        let id = header(&headers, "WARC-Record-ID").unwrap_or("").to_string();
        let ctype = header(&headers, "Content-Type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let wanted = match kind.as_str() {
            "response" => ctype.contains("application/http"),
            "resource" => is_text_type(&ctype).is_some(),
            _ => false,
        };
        if !wanted || len > max {
            let skipped = io::copy(&mut r.take(len), &mut io::sink())?;
            if skipped < len {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "WARC record cut short",
                ));
            }
            if wanted {
                return Ok(Some(Doc {
                    url,
                    date,
                    id,
                    body: Err(format!(
                        "record of {len} bytes is larger than --max-bytes ({max})"
                    )),
                    html: false,
                }));
            }
            continue;
        }
        let mut block = Vec::with_capacity(len as usize);
        r.take(len).read_to_end(&mut block)?;
        if (block.len() as u64) < len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "WARC record cut short",
            ));
        }
        if kind == "resource" {
            let html = is_text_type(&ctype).unwrap_or(false);
            return Ok(Some(Doc {
                url,
                date,
                id,
                body: Ok(block),
                html,
            }));
        }
        let (http, body) = split_http(&block);
        let Some(html) = header(&http, "Content-Type").and_then(is_text_type) else {
            continue;
        };
        let mut body = Ok(body.to_vec());
        if header(&http, "Transfer-Encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
            body = body.and_then(|b| dechunk(&b));
        }
        match header(&http, "Content-Encoding").map(|v| v.to_ascii_lowercase()) {
            Some(enc) if enc == "gzip" || enc == "x-gzip" => {
                body = body.and_then(|b| {
                    let mut out = Vec::new();
                    flate2::read::MultiGzDecoder::new(&b[..])
                        .take(max + 1)
                        .read_to_end(&mut out)
                        .map_err(|e| format!("broken gzip payload: {e}"))?;
                    Ok(out)
                });
            }
            Some(enc) if enc == "deflate" => {
                body = body.and_then(|b| {
                    let mut out = Vec::new();
                    flate2::read::ZlibDecoder::new(&b[..])
                        .take(max + 1)
                        .read_to_end(&mut out)
                        .map_err(|e| format!("broken deflate payload: {e}"))?;
                    Ok(out)
                });
            }
            _ => {}
        }
        return Ok(Some(Doc {
            url,
            date,
            id,
            body,
            html,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, ctype: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: http://vi.example/a\r\n\
             WARC-Date: 2025-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
             Content-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn reads_responses_and_skips_others() {
        let mut warc = record("warcinfo", "application/warc-fields", b"software: x\r\n");
        warc.extend(record(
            "response",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>Xi\r\n7\r\nn ch\xC3\xA0o\r\n0\r\n\r\n",
        ));
        warc.extend(record(
            "response",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        let mut r: &[u8] = &warc;
        let d = next_doc(&mut r, 1 << 20).unwrap().unwrap();
        assert_eq!(d.url, "http://vi.example/a");
        assert!(d.html);
        assert_eq!(d.body.unwrap(), "<p>Xin chào".as_bytes());
        assert!(next_doc(&mut r, 1 << 20).unwrap().is_none());
    }

    #[test]
    fn truncated_record_is_an_error() {
        let mut warc = record("resource", "text/plain", b"Xin chao cac ban");
        warc.truncate(warc.len() - 10);
        let mut r: &[u8] = &warc;
        assert!(next_doc(&mut r, 1 << 20).is_err());
    }
}
