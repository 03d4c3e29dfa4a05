//! Decodes ~1 MB of our paragraphs (lowercased, so TCVN3 VN3 holds it) N times, to
//! measure CPU time on a shared machine where criterion's wall-clock numbers wander:
//!
//! ```text
//! cargo build --release --example decode_speed
//! perf stat -e task-clock target/release/examples/decode_speed vni 0     # setup only
//! perf stat -e task-clock target/release/examples/decode_speed vni 100   # setup + 100 decodes
//! ```
//! Modes (third argument): `decode` (forced encoding, default), `auto` (detect + decode),
//! `nonfc` (auto with `nfc(false)`), `simd` (simdutf8 validation only), `detect` (first 100 KB).
use vietnorm::decode::{Decoder, Encoding};
#[path = "../tests/decode/encode.rs"]
#[allow(dead_code)]
mod encode;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let enc: Encoding = args[1].parse().unwrap();
    let iters: usize = args[2].parse().unwrap();
    let paras: Vec<&str> = include_str!("../tests/data/decode/paragraphs.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect();
    let mut text = String::new();
    let mut k = 0;
    while text.len() < 1 << 20 {
        text.push_str(paras[k % paras.len()]);
        text.push('\n');
        k += 1;
    }
    let text = text.to_lowercase();
    let bytes = encode::encode(&text, enc).unwrap();
    let mode = args.get(3).map(|s| s.as_str()).unwrap_or("decode");
    let dec = Decoder::builder().encoding(enc).build();
    let auto = Decoder::new();
    let nonfc = Decoder::builder().nfc(false).build();
    let mut total = 0usize;
    for _ in 0..iters {
        total += match mode {
            "simd" => simdutf8::basic::from_utf8(&bytes)
                .map(|s| s.len())
                .unwrap_or(0),
            "auto" => auto.decode(&bytes).text.len(),
            "nonfc" => nonfc.decode(&bytes).text.len(),
            "detect" => auto.detect(&bytes[..100 << 10]).confidence as usize,
            _ => dec.decode(&bytes).text.len(),
        };
    }
    eprintln!("{} bytes x {iters} -> {total}", bytes.len());
}
