//! Decoder tests: golden cases, round trips through test-only encoders,
//! detection over our own paragraphs in every encoding and mojibake kind,
//! and text that must never change.

mod cli;
pub(crate) mod encode;

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use vietnorm::decode::{self, Decoder, Encoding};

use encode::encode;

/// Our own paragraphs (tests/data/decode/paragraphs.txt).
fn paragraphs() -> Vec<String> {
    include_str!("../data/decode/paragraphs.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.nfc().collect())
        .collect()
}

/// Parses `\xHH` escapes of a golden `bytes` string.
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') {
            let hex = std::str::from_utf8(&b[i + 2..i + 4]).expect("hex");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// Windows-1252 bytes 0x80..0x9F; `None` where undefined.
const CP1252_C1: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// How a Western code page shows bytes: Windows-1252, with undefined bytes
/// either lost (U+FFFD, a lossy decoder) or kept as C1 controls (browsers).
fn western(bytes: &[u8], lossy: bool) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_C1[usize::from(b - 0x80)].unwrap_or(if lossy {
                '\u{FFFD}'
            } else {
                char::from(b)
            }),
            _ => char::from(b),
        })
        .collect()
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// The VN3 form of a text: capitals with a tone are written with the
/// lowercase codes in `.VnTime` documents (a capital font does the rest).
fn vn3_form(text: &str) -> String {
    text.chars()
        .map(|c| {
            let toned = c
                .to_string()
                .nfd()
                .any(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'));
            if c.is_uppercase() && toned {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

#[derive(serde::Deserialize)]
struct Golden {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    name: String,
    encoding: String,
    bytes: Option<String>,
    text: Option<String>,
    expect: String,
    detected: String,
    repaired: Option<String>,
}

#[test]
fn golden_cases() {
    let g: Golden =
        toml::from_str(include_str!("../data/decode/golden.toml")).expect("golden.toml parses");
    assert!(g.case.len() >= 30);
    let mut failures = Vec::new();
    for c in &g.case {
        let input = match (&c.bytes, &c.text) {
            (Some(b), _) => unescape(b),
            (None, Some(t)) => t.as_bytes().to_vec(),
            _ => panic!("case {} has no input", c.name),
        };
        let dec = if c.encoding == "auto" {
            Decoder::new()
        } else {
            Decoder::builder()
                .encoding(c.encoding.parse().expect("encoding name"))
                .build()
        };
        let d = dec.decode(&input);
        let kinds: Vec<&str> = d.repaired_spans.iter().map(|r| r.kind.name()).collect();
        let ok_kind = match &c.repaired {
            Some(k) => !kinds.is_empty() && kinds.iter().all(|x| x == k),
            None => kinds.is_empty(),
        };
        if d.text != c.expect || d.encoding.name() != c.detected || !ok_kind {
            failures.push(format!(
                "{}\n  expected: {:?} ({}, {:?})\n  actual:   {:?} ({}, {:?})",
                c.name, c.expect, c.detected, c.repaired, d.text, d.encoding, kinds
            ));
        }
        for r in &d.repaired_spans {
            assert!(d.text.is_char_boundary(r.span.start) && d.text.is_char_boundary(r.span.end));
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn replaced_bytes_are_counted() {
    let d = Decoder::builder()
        .encoding(Encoding::Utf8)
        .build()
        .decode(b"a\xFFb\xC3");
    assert_eq!((d.text.as_ref(), d.replaced), ("a\u{FFFD}b\u{FFFD}", 2));
    let d = Decoder::builder()
        .encoding(Encoding::Cp1258)
        .build()
        .decode(b"x\x81y\x8D");
    assert_eq!(d.replaced, 2);
}

/// Every test encoding of a paragraph, with the text decoding must give back.
fn documents(p: &str) -> Vec<(&'static str, Vec<u8>, Encoding, String)> {
    let mut docs = Vec::new();
    for enc in [
        Encoding::Utf8,
        Encoding::Cp1258,
        Encoding::Vni,
        Encoding::Viscii,
        Encoding::Viqr,
    ] {
        docs.push((
            enc.name(),
            encode(p, enc).expect("encodable"),
            enc,
            p.to_owned(),
        ));
    }
    let v3 = vn3_form(p);
    docs.push((
        "tcvn3",
        encode(&v3, Encoding::Tcvn3).expect("vn3 encodable"),
        Encoding::Tcvn3,
        v3.clone(),
    ));
    let mut le = vec![0xFF, 0xFE];
    le.extend(p.encode_utf16().flat_map(|u| u.to_le_bytes()));
    docs.push(("utf-16le", le, Encoding::Utf16, p.to_owned()));
    let le: Vec<u8> = p.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    docs.push(("utf-16le no BOM", le, Encoding::Utf16, p.to_owned()));
    let be: Vec<u8> = p.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    docs.push(("utf-16be no BOM", be, Encoding::Utf16, p.to_owned()));
    let u = p.as_bytes();
    docs.push((
        "utf8 as cp1252",
        western(u, false).into_bytes(),
        Encoding::Utf8,
        p.to_owned(),
    ));
    docs.push((
        "utf8 as latin-1",
        latin1(u).into_bytes(),
        Encoding::Utf8,
        p.to_owned(),
    ));
    let twice = western(western(u, false).as_bytes(), false);
    docs.push((
        "utf8 as cp1252 twice",
        twice.into_bytes(),
        Encoding::Utf8,
        p.to_owned(),
    ));
    let vni = encode(p, Encoding::Vni).expect("vni");
    docs.push((
        "vni as western",
        western(&vni, false).into_bytes(),
        Encoding::Utf8,
        p.to_owned(),
    ));
    let tcvn = encode(&v3, Encoding::Tcvn3).expect("tcvn3");
    docs.push((
        "tcvn3 as western",
        western(&tcvn, false).into_bytes(),
        Encoding::Utf8,
        v3,
    ));
    docs
}

#[test]
fn detection_is_right_on_every_paragraph_and_encoding() {
    let ps = paragraphs();
    assert!(ps.len() >= 30);
    let mut wrong = Vec::new();
    let mut count = 0;
    for (i, p) in ps.iter().enumerate() {
        assert!(p.chars().count() >= 200, "paragraph {i} is short");
        for (kind, bytes, enc, want) in documents(p) {
            count += 1;
            let d = decode::decode(&bytes);
            if d.encoding != enc || d.text != want {
                wrong.push(format!("paragraph {i} as {kind}: detected {} (conf {:.2})\n  want {want:?}\n  got  {:?}", d.encoding, d.confidence, d.text));
            }
            assert_eq!(decode::detect(&bytes).encoding, d.encoding);
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {count} documents wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn partial_damage_is_repaired_per_paragraph() {
    let ps = paragraphs();
    for w in ps.windows(4).step_by(4) {
        let (a, b, c, d) = (&w[0], &w[1], &w[2], &w[3]);
        let damaged = format!(
            "{a}\n{}\n{c}\n{}",
            western(b.as_bytes(), false),
            western(&encode(d, Encoding::Vni).expect("vni"), false)
        );
        let out = decode::decode(damaged.as_bytes());
        assert_eq!(out.text, format!("{a}\n{b}\n{c}\n{d}"));
        assert_eq!(out.encoding, Encoding::Utf8);
        // the clean paragraphs are not touched
        for r in &out.repaired_spans {
            assert!(r.span.start >= a.len());
        }
    }
    // a damaged field inside a clean line
    let line = format!(
        "Tiêu đề: {} | Tác giả: Phạm Thu Hà",
        western("Thông báo tuyển sinh năm học mới".as_bytes(), false)
    );
    assert_eq!(
        decode::decode(line.as_bytes()).text,
        "Tiêu đề: Thông báo tuyển sinh năm học mới | Tác giả: Phạm Thu Hà"
    );
}

#[test]
fn lossy_cp1252_letters_are_chosen_by_the_syllable_model() {
    let ps = paragraphs();
    let (mut lost, mut right) = (0usize, 0usize);
    for p in &ps {
        let damaged = western(p.as_bytes(), true);
        let out = decode::decode(damaged.as_bytes()).into_string();
        // compare letter by letter where a byte was lost
        let want: Vec<char> = p.chars().collect();
        let got: Vec<char> = out.chars().collect();
        assert_eq!(want.len(), got.len(), "{out}");
        for (w, g) in want.iter().zip(&got) {
            let mut buf = [0u8; 4];
            let bytes = w.encode_utf8(&mut buf).as_bytes();
            if bytes
                .iter()
                .any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
            {
                lost += 1;
                right += usize::from(w == g);
            } else {
                assert_eq!(w, g, "{out}");
            }
        }
    }
    assert!(lost > 50, "{lost}");
    // measured: see the report printed with --nocapture
    println!("lossy cp1252: {right} of {lost} lost letters restored");
    assert!(
        right * 100 >= lost * 90,
        "only {right} of {lost} lost letters restored"
    );
}

#[test]
fn ascii_english_and_short_unicode_never_change() {
    let keep = [
        "The quick brown fox jumps over the lazy dog.",
        "It's a dog's life, isn't it? We're done; they'll see.",
        "Price: $5.00 (was $7.50) - save 33%! Call +1 555 0100.",
        "x^2 + y^2 = z^2, a+b, f(x) = (a+1)*(b-2), ~home/user",
        "https://example.org/path?q=a.b&c=d#top",
        "Mr. O'Brien said: \"I'll go.\" Then he left.",
        "hòa",
        "Hòa",
        "Cá và cà",
        "Đà Nẵng",
        "Huế",
        "Tôi là người Việt Nam.",
        "café, naïve, São Paulo, Müller, España, Ångström",
        "© 2025 Báo điện tử. Mọi quyền được bảo lưu.",
        "Nhiệt độ 25°C, độ ẩm 80%",
        "« Tin mới » – cập nhật lúc 10:30",
        "ÂU",
        "ảnh",
    ];
    for s in keep {
        let d = decode::decode(s.as_bytes());
        assert_eq!(d.text, s, "changed: {s:?} -> {:?} ({})", d.text, d.encoding);
        assert!(d.repaired_spans.is_empty());
        assert_eq!(d.encoding, Encoding::Utf8, "{s}");
        assert!(matches!(d.text, std::borrow::Cow::Borrowed(_)), "{s}");
    }
}

#[test]
fn meta_charset_breaks_ties_but_does_not_overrule() {
    // declared windows-1258, really VNI: the syllables win
    let mut page = b"<html><head><meta charset=\"windows-1258\"></head><body>".to_vec();
    page.extend(encode(&paragraphs()[3], Encoding::Vni).expect("vni"));
    assert_eq!(decode::detect(&page).encoding, Encoding::Vni);
    // no Vietnamese evidence at all: the hint decides
    let page = b"<meta charset=viscii><p>Hello \x93world\x94</p>";
    assert_eq!(decode::detect(page).encoding, Encoding::Viscii);
}

/// Roughly 50 KB of mixed text made from our paragraphs: sentences in a
/// shuffled order, some in capitals, some lowercase, with digits and lines.
fn mixed_corpus() -> String {
    let ps = paragraphs();
    let sentences: Vec<&str> = ps.iter().flat_map(|p| p.split(". ")).collect();
    let mut out = String::new();
    let mut k = 7usize;
    let mut n = 0usize;
    while out.len() < 52_000 {
        k = (k * 31 + 11) % sentences.len();
        let s = sentences[k];
        match n % 5 {
            0 => out.push_str(&s.to_uppercase()),
            1 => out.push_str(&s.to_lowercase()),
            _ => out.push_str(s),
        }
        out.push_str(if n % 4 == 3 { ".\n" } else { ". " });
        n += 1;
    }
    out
}

#[test]
fn round_trip_50kb_mixed_text() {
    let text = mixed_corpus();
    assert!(text.len() >= 50_000);
    for enc in [
        Encoding::Cp1258,
        Encoding::Vni,
        Encoding::Viscii,
        Encoding::Tcvn3,
        Encoding::Viqr,
        Encoding::Utf16,
    ] {
        let src = if enc == Encoding::Tcvn3 {
            vn3_form(&text)
        } else {
            text.clone()
        };
        let bytes = encode(&src, enc).expect("encodable");
        let dec = Decoder::builder().encoding(enc).build();
        let out = dec.decode(&bytes);
        assert!(out.text == src, "{enc} round trip differs");
        // and detection finds it
        assert_eq!(decode::detect(&bytes).encoding, enc);
    }
}

fn syllable_text() -> impl Strategy<Value = String> {
    let inv = vietnorm::syllable::inventory();
    let n = inv.len();
    prop::collection::vec((0..n, 0u8..12), 1..40).prop_map(move |items| {
        let mut out = String::new();
        for (i, (k, style)) in items.into_iter().enumerate() {
            let w = inv[k];
            let w = match style {
                0 => w.to_uppercase(),
                1 | 2 => {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
                _ => w.to_owned(),
            };
            if i > 0 {
                out.push_str(match style {
                    3 => ", ",
                    4 => ". ",
                    5 => "\n",
                    6 => " 2024 ",
                    7 => " - ",
                    _ => " ",
                });
            }
            out.push_str(&w);
        }
        if items_end_with_period(&out) {
            out.push('.');
        }
        out
    })
}

fn items_end_with_period(s: &str) -> bool {
    s.len() % 3 == 0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn round_trip_cp1258(text in syllable_text()) {
        let b = encode(&text, Encoding::Cp1258).expect("encodable");
        prop_assert_eq!(Decoder::builder().encoding(Encoding::Cp1258).build().decode(&b).text, text);
    }

    #[test]
    fn round_trip_vni(text in syllable_text()) {
        let b = encode(&text, Encoding::Vni).expect("encodable");
        prop_assert_eq!(Decoder::builder().encoding(Encoding::Vni).build().decode(&b).text, text);
    }

    #[test]
    fn round_trip_viscii(text in syllable_text()) {
        let b = encode(&text, Encoding::Viscii).expect("encodable");
        prop_assert_eq!(Decoder::builder().encoding(Encoding::Viscii).build().decode(&b).text, text);
    }

    #[test]
    fn round_trip_tcvn3_vn3(text in syllable_text()) {
        let text = vn3_form(&text);
        let b = encode(&text, Encoding::Tcvn3).expect("encodable");
        prop_assert_eq!(Decoder::builder().encoding(Encoding::Tcvn3).build().decode(&b).text, text);
    }

    #[test]
    fn round_trip_viqr(text in syllable_text()) {
        let b = encode(&text, Encoding::Viqr).expect("encodable");
        prop_assert_eq!(Decoder::builder().encoding(Encoding::Viqr).build().decode(&b).text, text);
    }

    #[test]
    fn decode_never_panics_and_is_nfc(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let d = decode::decode(&bytes);
        prop_assert!(unicode_normalization::is_nfc(&d.text));
        for r in &d.repaired_spans {
            prop_assert!(d.text.get(r.span.start..r.span.end).is_some());
        }
        for enc in Encoding::ALL {
            let d = Decoder::builder().encoding(enc).build().decode(&bytes);
            prop_assert!(unicode_normalization::is_nfc(&d.text));
        }
    }

    #[test]
    fn clean_unicode_text_is_never_changed(text in syllable_text()) {
        let d = decode::decode(text.as_bytes());
        prop_assert_eq!(d.encoding, Encoding::Utf8);
        prop_assert_eq!(d.text.as_ref(), text.as_str());
    }
}

/// Inputs the fuzzers found, replayed: the same checks as the `decode` target.
#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/decode/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz dir") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
        let d = decode::decode(&bytes);
        assert!(
            unicode_normalization::is_nfc(&d.text),
            "{bytes:x?} -> {:?}",
            d.text
        );
        for enc in Encoding::ALL {
            let f = Decoder::builder().encoding(enc).build().decode(&bytes);
            assert!(unicode_normalization::is_nfc(&f.text), "{enc}: {bytes:x?}");
        }
        let again = Decoder::builder()
            .encoding(Encoding::Utf8)
            .repair_mojibake(false)
            .build()
            .decode(d.text.as_bytes());
        assert_eq!(again.text, d.text, "{bytes:x?}");
        n += 1;
    }
    assert!(n >= 1);
}

#[test]
fn nfc_exceptions_behind_e1_and_e2_are_normalized() {
    // U+2000 EN QUAD, U+2126 OHM SIGN, U+1F71 GREEK SMALL LETTER ALPHA WITH OXIA, conjoining jamo
    for s in [
        "a\u{2000}b",
        "10 \u{2126}",
        "\u{1F71}",
        "\u{1100}\u{1161}",
        "Vie\u{302}\u{323}t",
    ] {
        let d = decode::decode(s.as_bytes());
        assert_eq!(d.text, s.nfc().collect::<String>(), "{s:?}");
        let mut d16 = vec![0xFF, 0xFE];
        d16.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let d = Decoder::builder()
            .encoding(Encoding::Utf16)
            .build()
            .decode(&d16);
        assert_eq!(d.text, s.nfc().collect::<String>(), "utf-16 {s:?}");
    }
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            }
        })
        .collect()
}

#[test]
fn bomless_utf16_both_orders() {
    let texts = [
        "Việt Nam",
        "Đề án “Chuyển đổi số” được thông qua ngày 12/3.",
        "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK — QUYẾT ĐỊNH",
        "Hello, world: 100% ASCII in UTF-16.",
    ];
    for t in texts {
        for little in [true, false] {
            let bytes = utf16(t, little);
            let det = decode::detect(&bytes);
            assert_eq!(det.encoding, Encoding::Utf16, "{t:?} little={little}");
            assert!(det.confidence > 0.5, "{t:?} {det:?}");
            let d = decode::decode(&bytes);
            assert_eq!(d.text, t, "little={little}");
            let forced = Decoder::builder().encoding(Encoding::Utf16).build();
            assert_eq!(forced.decode(&bytes).text, t, "forced, little={little}");
        }
    }
    // a truncated last byte does not hide the order
    let mut bytes = utf16(texts[1], true);
    bytes.push(0x41);
    let d = decode::decode(&bytes);
    assert_eq!(d.encoding, Encoding::Utf16);
    assert_eq!(d.text, format!("{}\u{FFFD}", texts[1]));
}

#[test]
fn zero_bytes_alone_do_not_make_utf16() {
    let p = &paragraphs()[0];
    // an 8-bit page with a few NUL bytes in it
    let mut cp = encode(p, Encoding::Cp1258).expect("cp1258");
    for k in (0..cp.len()).step_by(97) {
        cp.insert(k, 0);
    }
    assert_ne!(decode::detect(&cp).encoding, Encoding::Utf16);
    // UTF-8 with NUL padding between fields
    let mut u8s = p.as_bytes().to_vec();
    for k in (0..u8s.len()).rev().step_by(40) {
        if p.is_char_boundary(k) {
            u8s.insert(k, 0);
        }
    }
    assert_eq!(decode::detect(&u8s).encoding, Encoding::Utf8);
    // UTF-32 is not UTF-16: every other code unit would be NUL
    let u32le: Vec<u8> = p.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect();
    assert_ne!(decode::detect(&u32le).encoding, Encoding::Utf16);
    // bytes with zeros all over, as in a binary file
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let noise: Vec<u8> = (0..4000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if x % 5 == 0 {
                0
            } else {
                (x >> 24) as u8
            }
        })
        .collect();
    assert_ne!(decode::detect(&noise).encoding, Encoding::Utf16);
}

/// Offsets of `repaired_spans` are byte offsets into `Decoded::text`, on char
/// boundaries; putting each `original` back at its span gives the text as
/// decoded without repair.
#[test]
fn repairs_undo_to_the_unrepaired_text() {
    let plain = Decoder::builder().repair_mojibake(false).build();
    let mut checked = 0;
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for p in paragraphs().iter().take(12) {
        for (_, bytes, _, _) in documents(p) {
            inputs.push(bytes);
        }
        // damage in the middle of clean text
        let vni = encode(p, Encoding::Vni).expect("vni");
        inputs.push(format!("Hôm qua, {} đã họp.", western(&vni, false)).into_bytes());
    }
    for bytes in inputs {
        let d = decode::decode(&bytes);
        let before = plain.decode(&bytes);
        if d.repaired_spans.is_empty() {
            continue;
        }
        let mut undone = d.text.to_string();
        for r in d.repaired_spans.iter().rev() {
            assert!(d.text.is_char_boundary(r.span.start) && d.text.is_char_boundary(r.span.end));
            undone.replace_range(r.span.start..r.span.end, &r.original);
        }
        assert_eq!(undone, before.text, "{:?}", d.repaired_spans);
        checked += 1;
    }
    assert!(checked >= 12, "{checked}");
}

/// Western names whose letters look like VNI mark bytes (`aë`, `oë`, `aï`,
/// `eé`) stay as they are, alone and inside Vietnamese text.
#[test]
fn western_names_are_not_vni() {
    let names = [
        "Michaël Jackson",
        "Raphaël Varane",
        "Noël",
        "Zoë Saldaña",
        "Gaël Monfils",
        "xe Citroën",
        "vở Aïda",
        "Chloé và Renée",
        "Maëlle Lakrar",
        "Thaïs, Gaëtan, Joël",
        "Daniël, Niña, señor, Müller, Øresund",
    ];
    for n in names {
        let d = decode::decode(n.as_bytes());
        assert_eq!(d.text, n, "{:?}", d.repaired_spans);
        let s = format!("Hôm qua, cầu thủ {n} đã ghi bàn ở phút thứ 90.");
        let d = decode::decode(s.as_bytes());
        assert_eq!(d.text, s, "{:?}", d.repaired_spans);
    }
}
