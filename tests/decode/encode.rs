//! Test-only encoders: Unicode text to the legacy byte encodings.
//!
//! The single-byte letters come from decoding each byte on its own (so the
//! tests check composition, not the table against itself); the mark layouts
//! (Windows-1258 tone bytes, VNI mark bytes, VIQR mark chars) are written out
//! here from the published layouts, independently of the generator.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use vietnorm::decode::{Decoder, Encoding};

/// Vowel letter split into (base letter with modifier, tone index 0..=5).
fn split(c: char) -> (char, usize) {
    let mut base = String::new();
    let mut tone = 0;
    for m in c.to_string().nfd() {
        match m {
            '\u{300}' => tone = 1,
            '\u{309}' => tone = 2,
            '\u{303}' => tone = 3,
            '\u{301}' => tone = 4,
            '\u{323}' => tone = 5,
            other => base.push(other),
        }
    }
    let b: String = base.nfc().collect();
    (b.chars().next().unwrap_or(c), tone)
}

/// Modifier of a base: 0 none, 1 circumflex, 2 breve, 3 horn; and the ASCII letter.
fn modifier(base: char) -> (char, usize) {
    let mut ascii = base;
    let mut m = 0;
    for x in base.to_string().nfd() {
        match x {
            '\u{302}' => m = 1,
            '\u{306}' => m = 2,
            '\u{31B}' => m = 3,
            other => ascii = other,
        }
    }
    (ascii, m)
}

fn single_bytes(enc: Encoding) -> HashMap<char, u8> {
    let dec = Decoder::builder()
        .encoding(enc)
        .repair_mojibake(false)
        .build();
    let mut map = HashMap::new();
    let order: Vec<u8> = (0x20..=0xFFu8).chain(0x00..0x20).collect();
    for b in order {
        let t = dec.decode(&[b]).into_string();
        let mut it = t.chars();
        if let (Some(c), None) = (it.next(), it.next()) {
            if c != '\u{FFFD}' {
                map.entry(c).or_insert(b);
            }
        }
    }
    map
}

/// Encodes `text` (NFC) in `enc`; `None` if some char has no encoding.
pub fn encode(text: &str, enc: Encoding) -> Option<Vec<u8>> {
    match enc {
        Encoding::Utf8 => Some(text.as_bytes().to_vec()),
        Encoding::Utf16 => Some(text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()),
        Encoding::Vni => encode_vni(text),
        Encoding::Viqr => Some(encode_viqr(text).into_bytes()),
        Encoding::Cp1258 | Encoding::Tcvn3 | Encoding::Viscii => encode_table(text, enc),
        _ => None,
    }
}

const TONE_CHARS: [char; 6] = ['\0', '\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];

fn encode_table(text: &str, enc: Encoding) -> Option<Vec<u8>> {
    let map = single_bytes(enc);
    let mut out = Vec::new();
    for c in text.chars() {
        if let Some(&b) = map.get(&c) {
            out.push(b);
            continue;
        }
        // Windows-1258 (and TCVN3 VN1's combining bytes): base + tone byte
        let (base, tone) = split(c);
        if tone == 0 || enc != Encoding::Cp1258 {
            return None;
        }
        out.push(*map.get(&base)?);
        out.push(*map.get(&TONE_CHARS[tone])?);
    }
    Some(out)
}

/// VNI-Windows mark bytes (lowercase) by [modifier][tone]; tone 0 without a
/// modifier writes nothing. Uppercase letters take the byte minus 0x20.
const VNI_MARK: [[u8; 6]; 3] = [
    [0, 0xF8, 0xFB, 0xF5, 0xF9, 0xEF],
    [0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4],
    [0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB],
];

fn encode_vni(text: &str) -> Option<Vec<u8>> {
    let singles = single_bytes(Encoding::Vni);
    let mut out = Vec::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        // ì í ỉ ĩ ị ỵ ơ ư đ and their capitals are single bytes
        if let Some(&b) = singles.get(&c) {
            if b >= 0x80
                && !matches!(
                    c,
                    'ô' | 'Ô'
                        | 'â'
                        | 'Â'
                        | 'ê'
                        | 'Ê'
                        | 'á'
                        | 'à'
                        | 'ã'
                        | 'é'
                        | 'è'
                        | 'ú'
                        | 'ù'
                        | 'ó'
                        | 'ò'
                        | 'õ'
                        | 'ý'
                        | 'Á'
                        | 'À'
                        | 'Ã'
                        | 'É'
                        | 'È'
                        | 'Ú'
                        | 'Ù'
                        | 'Ó'
                        | 'Ò'
                        | 'Õ'
                        | 'Ý'
                )
            {
                out.push(b);
                continue;
            }
        }
        let (base, tone) = split(c);
        let (ascii, m) = modifier(base);
        let upper = c.is_uppercase();
        if m == 3 {
            // ơ ư are single bytes, the tone follows
            out.push(*singles.get(&base)?);
            if tone > 0 {
                let b = VNI_MARK[0][tone];
                out.push(if upper { b - 0x20 } else { b });
            }
            continue;
        }
        if !ascii.is_ascii() {
            return None;
        }
        // ỉ-style single bytes were handled above; ỵ too
        out.push(ascii as u8);
        let b = VNI_MARK[m][tone];
        if b != 0 {
            out.push(if upper { b - 0x20 } else { b });
        }
    }
    Some(out)
}

/// VIQR with RFC 1456 escapes for literal mark chars after a vowel.
fn encode_viqr(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut after_vowel = false;
    let mut word_start = true;
    for (i, &c) in chars.iter().enumerate() {
        if matches!(c, '^' | '(' | '+' | '\'' | '`' | '?' | '~' | '.' | '\\')
            && (after_vowel || c == '\\')
        {
            out.push('\\');
            out.push(c);
            after_vowel = false;
            word_start = true;
            continue;
        }
        if matches!(c, 'đ' | 'Đ') {
            out.push_str(if c == 'Đ' { "DD" } else { "dd" });
            after_vowel = false;
            word_start = false;
            continue;
        }
        if word_start && matches!(c, 'd' | 'D') && matches!(chars.get(i + 1), Some('d' | 'D')) {
            out.push(c);
            out.push('\\');
            after_vowel = false;
            word_start = false;
            continue;
        }
        let (base, tone) = split(c);
        let (ascii, m) = modifier(base);
        let vowel = matches!(
            ascii.to_ascii_lowercase(),
            'a' | 'e' | 'i' | 'o' | 'u' | 'y'
        );
        if !vowel || !ascii.is_ascii() {
            out.push(c);
            after_vowel = false;
            word_start = !c.is_alphanumeric();
            continue;
        }
        out.push(ascii);
        match m {
            1 => out.push('^'),
            2 => out.push('('),
            3 => out.push('+'),
            _ => {}
        }
        if tone > 0 {
            let t = ['\0', '`', '?', '~', '\'', '.'][tone];
            out.push(t);
            // a word-final `.`, `?` or `'` before anything but " lowercase"
            // would read as punctuation: escape what follows
            let next = chars.get(i + 1).copied();
            let word_end = next.map_or(true, |n| !n.is_alphanumeric());
            if word_end && matches!(t, '.' | '?' | '\'') {
                let lower_follows =
                    next == Some(' ') && chars.get(i + 2).is_some_and(|n| n.is_lowercase());
                match next {
                    None => out.push('\\'),
                    Some(_) if lower_follows => {}
                    Some(n)
                        if !matches!(n, '^' | '(' | '+' | '\'' | '`' | '?' | '~' | '.' | '\\') =>
                    {
                        out.push('\\');
                        // the escaped char is written by the next iteration
                        // as a plain char: skip its own escaping
                    }
                    _ => {}
                }
            }
        }
        after_vowel = true;
        word_start = false;
    }
    out
}
