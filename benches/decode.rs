//! Decode benches: UTF-8 (with `std` and plain `simdutf8` validation as
//! baselines), each legacy decoder, mojibake repair and detection.
//!
//! The corpus is made at bench time from our own paragraphs
//! (tests/data/decode/paragraphs.txt) and the test-only encoders.
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use vietnorm::decode::{self, Decoder, Encoding};

#[path = "../tests/decode/encode.rs"]
#[allow(dead_code)]
mod encode;

/// About `size` bytes of our paragraphs, one a line.
fn corpus(size: usize) -> String {
    let paras: Vec<&str> = include_str!("../tests/data/decode/paragraphs.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    let mut out = String::new();
    let mut k = 0;
    while out.len() < size {
        out.push_str(paras[k % paras.len()]);
        out.push('\n');
        k += 1;
    }
    out
}

/// The VN3 form (capitals with a tone written lowercase).
fn vn3(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.chars()
        .map(|c| {
            let toned = c.to_string().nfd().any(|m| {
                ('\u{300}'..='\u{323}').contains(&m)
                    && m != '\u{302}'
                    && m != '\u{306}'
                    && m != '\u{31B}'
            });
            if c.is_uppercase() && toned {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

fn utf8(c: &mut Criterion) {
    let text = corpus(1 << 20);
    let bytes = text.as_bytes();
    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    let dec = Decoder::new();
    let forced = Decoder::builder().encoding(Encoding::Utf8).build();
    g.bench_with_input(BenchmarkId::new("utf8", "1MB-vietnamese"), bytes, |b, s| {
        b.iter(|| dec.decode(black_box(s)).text.len())
    });
    g.bench_with_input(
        BenchmarkId::new("utf8-forced", "1MB-vietnamese"),
        bytes,
        |b, s| b.iter(|| forced.decode(black_box(s)).text.len()),
    );
    g.bench_with_input(
        BenchmarkId::new("baseline-simdutf8-validate", "1MB-vietnamese"),
        bytes,
        |b, s| {
            b.iter(|| {
                simdutf8::basic::from_utf8(black_box(s))
                    .map(str::len)
                    .unwrap_or(0)
            })
        },
    );
    g.bench_with_input(
        BenchmarkId::new("baseline-std-from_utf8", "1MB-vietnamese"),
        bytes,
        |b, s| b.iter(|| std::str::from_utf8(black_box(s)).map(str::len).unwrap_or(0)),
    );
    g.finish();
}

/// `text` in `enc` (TCVN3 has no uppercase toned letters: they are
/// lowered first), with the text the bytes decode back to.
fn encoded(text: &str, enc: Encoding) -> Option<(String, Vec<u8>)> {
    let src = if enc == Encoding::Tcvn3 {
        vn3(text)
    } else {
        text.to_string()
    };
    let bytes = encode::encode(&src, enc)?;
    Some((src, bytes))
}

fn legacy(c: &mut Criterion) {
    let text = corpus(1 << 20);
    let mut g = c.benchmark_group("decode");
    for enc in [
        Encoding::Cp1258,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Viscii,
        Encoding::Viqr,
        Encoding::Utf16,
    ] {
        let Some((src, bytes)) = encoded(&text, enc) else {
            continue;
        };
        let dec = Decoder::builder().encoding(enc).build();
        assert_eq!(dec.decode(&bytes).text, src);
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(
            BenchmarkId::new(enc.name(), "1MB-vietnamese"),
            &bytes,
            |b, s| b.iter(|| dec.decode(black_box(s)).text.len()),
        );
    }
    g.finish();
}

fn mojibake(c: &mut Criterion) {
    // UTF-8 read as Latin-1, in full and in 1% of lines
    let text = corpus(256 << 10);
    let damaged: String = text.bytes().map(char::from).collect();
    let partial: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i % 100 == 7 {
                l.as_bytes()
                    .iter()
                    .map(|&b| char::from(b))
                    .collect::<String>()
                    + "\n"
            } else {
                l.to_owned() + "\n"
            }
        })
        .collect();
    let mut g = c.benchmark_group("decode");
    for (name, s) in [
        ("mojibake-all-lines", &damaged),
        ("mojibake-1pct-lines", &partial),
    ] {
        g.throughput(Throughput::Bytes(s.len() as u64));
        g.bench_with_input(BenchmarkId::new(name, "256KB"), s.as_bytes(), |b, s| {
            b.iter(|| decode::decode(black_box(s)).text.len())
        });
    }
    g.finish();
}

fn detect(c: &mut Criterion) {
    let text = corpus(100 << 10);
    let mut g = c.benchmark_group("detect");
    for enc in [
        Encoding::Utf8,
        Encoding::Cp1258,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Viscii,
        Encoding::Viqr,
    ] {
        let Some((_, bytes)) = encoded(&text, enc) else {
            continue;
        };
        assert_eq!(decode::detect(&bytes).encoding, enc);
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(
            BenchmarkId::new(enc.name(), "100KB-page"),
            &bytes,
            |b, s| b.iter(|| decode::detect(black_box(s)).encoding),
        );
    }
    g.finish();
}

criterion_group!(benches, utf8, legacy, mojibake, detect);
criterion_main!(benches);
