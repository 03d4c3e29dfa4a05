//! UTF-8 and UTF-16 decoding, and the byte scan that decides whether decoded
//! text needs any further work (NFC or mojibake repair).

use std::borrow::Cow;

/// UTF-8 byte order mark.
pub(crate) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes UTF-8, dropping a BOM; invalid sequences become U+FFFD (one per
/// maximal invalid subsequence, as `String::from_utf8_lossy` does).
pub(crate) fn decode_utf8(bytes: &[u8]) -> (Cow<'_, str>, usize) {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return (Cow::Borrowed(s), 0);
    }
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push('\u{FFFD}');
            replaced += 1;
        }
    }
    (Cow::Owned(out), replaced)
}

/// Byte order of UTF-16 input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Endian {
    Little,
    Big,
}

/// The BOM-declared byte order, if the input starts with a UTF-16 BOM.
pub(crate) fn utf16_bom(bytes: &[u8]) -> Option<Endian> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(Endian::Little),
        [0xFE, 0xFF, ..] => Some(Endian::Big),
        _ => None,
    }
}

/// Guesses the byte order of BOM-less UTF-16 from where the zero bytes fall
/// (ASCII spaces, digits and punctuation have a zero high byte).
/// Returns the order and the share of code units that look like that.
pub(crate) fn utf16_guess(bytes: &[u8]) -> Option<(Endian, f32)> {
    let pairs = bytes.len() / 2;
    if pairs < 2 {
        return None;
    }
    let take = pairs.min(4096);
    let (mut even, mut odd) = (0usize, 0usize);
    for p in bytes.chunks_exact(2).take(take) {
        if let [a, b] = p {
            if *a == 0 && *b != 0 {
                even += 1;
            }
            if *b == 0 && *a != 0 {
                odd += 1;
            }
        }
    }
    let (endian, hits) = if odd >= even {
        (Endian::Little, odd)
    } else {
        (Endian::Big, even)
    };
    Some((endian, hits as f32 / take as f32))
}

/// Decodes UTF-16 in the given order (a BOM is dropped); unpaired surrogates
/// and a trailing odd byte become U+FFFD.
pub(crate) fn decode_utf16(bytes: &[u8], endian: Endian) -> (String, usize) {
    let body = match (endian, bytes) {
        (Endian::Little, [0xFF, 0xFE, rest @ ..]) | (Endian::Big, [0xFE, 0xFF, rest @ ..]) => rest,
        _ => bytes,
    };
    let units = body.chunks_exact(2).map(|p| match (endian, p) {
        (Endian::Little, [a, b]) => u16::from_le_bytes([*a, *b]),
        (Endian::Big, [a, b]) => u16::from_be_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    let mut out = String::with_capacity(body.len());
    let mut replaced = 0;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => out.push(c),
            Err(_) => {
                out.push('\u{FFFD}');
                replaced += 1;
            }
        }
    }
    if body.len() % 2 == 1 {
        out.push('\u{FFFD}');
        replaced += 1;
    }
    (out, replaced)
}

/// What the byte scan found in valid UTF-8 text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Screen {
    /// Some char may not be NFC (combining marks and a few other blocks).
    pub(crate) nfc: bool,
    /// Some char pair looks like mojibake (UTF-8 or a legacy encoding shown
    /// through a Western code page, or U+FFFD left by a lossy decode).
    pub(crate) mojibake: bool,
}

// Lead-byte classes for the scan.
const C_NONE: u8 = 0;
const C_C2: u8 = 1; // U+0080..U+00BF: C1 controls and Latin-1 symbols
const C_C3: u8 = 2; // Latin-1 letters: check which
const C_NFC: u8 = 3; // blocks with combining marks or NFC exclusions
const C_E1: u8 = 4; // Vietnamese letters live at E1 BA/BB
const C_E2: u8 = 5; // punctuation, letterlike symbols
const C_EF: u8 = 6; // compatibility ideographs, presentation forms, U+FFFD
const C_F0: u8 = 7; // supplementary planes

static LEAD_CLASS: [u8; 64] = {
    let mut t = [C_NONE; 64];
    t[0x02] = C_C2;
    t[0x03] = C_C3;
    let mut b = 0x0C;
    while b <= 0x0E {
        t[b] = C_NFC;
        b += 1;
    }
    let mut b = 0x16;
    while b <= 0x20 {
        t[b] = C_NFC;
        b += 1;
    }
    t[0x21] = C_E1;
    t[0x22] = C_E2;
    t[0x23] = C_NFC;
    t[0x2F] = C_EF;
    t[0x30] = C_F0;
    t[0x31] = C_F0;
    t
};

/// Second bytes after C3 that mark mojibake: `Ã Ä Å Æ` start UTF-8 read as
/// Windows-1252; `ä å æ ë î ï ñ ö ø û ü` never occur in Vietnamese but are
/// VNI mark bytes; `¶`-style uppercase letters inside words are TCVN3 (checked
/// later, per line).
static C3_MOJI: [bool; 64] = {
    let mut t = [false; 64];
    let list = [
        0x83u8, 0x84, 0x85, 0x86, 0xA4, 0xA5, 0xA6, 0xAB, 0xAE, 0xAF, 0xB1, 0xB6, 0xB8, 0xBB, 0xBC,
    ];
    let mut i = 0;
    while i < list.len() {
        t[(list[i] & 0x3F) as usize] = true;
        i += 1;
    }
    t
};

/// Scans valid UTF-8 for anything that may need NFC or mojibake repair.
/// ASCII words are skipped eight bytes at a time.
pub(crate) fn screen(bytes: &[u8]) -> Screen {
    let mut s = Screen::default();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let word = u64::from_le_bytes(w);
            // lead bytes have their two top bits set
            let mut leads = word & (word << 1) & 0x8080_8080_8080_8080;
            if leads == 0 {
                i += 8;
                continue;
            }
            while leads != 0 {
                let k = (leads.trailing_zeros() / 8) as usize;
                leads &= leads - 1;
                check_lead(bytes, i + k, &mut s);
            }
            if s.nfc && s.mojibake {
                return s;
            }
            i += 8;
        } else {
            if bytes[i] >= 0xC0 {
                check_lead(bytes, i, &mut s);
            }
            i += 1;
        }
    }
    s
}

#[inline(always)]
fn check_lead(bytes: &[u8], at: usize, s: &mut Screen) {
    let lead = bytes.get(at).copied().unwrap_or(0);
    let next = bytes.get(at + 1).copied().unwrap_or(0);
    match LEAD_CLASS[usize::from(lead & 0x3F)] {
        C_NONE => {}
        C_C2 => {
            // NBSP is everywhere in scraped text and means nothing here.
            if next != 0xA0 {
                s.mojibake = true;
            }
        }
        C_C3 => {
            if C3_MOJI[usize::from(next & 0x3F)] {
                s.mojibake = true;
            }
        }
        C_NFC => s.nfc = true,
        C_E1 => {
            // Vietnamese and Latin Extended Additional (E1 B8..BB) are NFC;
            // Hangul jamo, combining supplements and Greek Extended may not be.
            if !(0xB8..=0xBB).contains(&next) {
                s.nfc = true;
            }
        }
        C_E2 => {
            // U+2000/2001, U+20D0.., U+2126.., U+2329, U+2ADC
            let third = bytes.get(at + 2).copied().unwrap_or(0);
            if (next == 0x80 && third <= 0x81)
                || (0x83..=0x84).contains(&next)
                || next == 0x8C
                || next == 0xAB
            {
                s.nfc = true;
            }
            // cp1252's punctuation read from UTF-8 bytes: "â€" starts many
            // mojibake sequences, but the E2 here is real punctuation; the
            // C3/C2 checks catch the mojibake around it.
        }
        C_EF => {
            if (0xA4..=0xAD).contains(&next) || next == 0xB8 {
                s.nfc = true;
            }
            // U+FFFD: a lossy decode happened upstream
            if next == 0xBF && bytes.get(at + 2) == Some(&0xBD) {
                s.mojibake = true;
            }
        }
        C_F0 => {
            if lead == 0xF0 && matches!(next, 0x91 | 0x9D | 0xAF) {
                s.nfc = true;
            }
        }
        _ => s.nfc = true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_clean_vietnamese() {
        let s = screen(
            "Chiều ngày 28 tháng 10, Ban chỉ đạo đã tổ chức phiên họp “quan trọng”.".as_bytes(),
        );
        assert_eq!(s, Screen::default());
    }

    #[test]
    fn screen_flags() {
        assert!(screen("Việt".nfc_free().as_bytes()).nfc);
        assert!(screen("Viá»‡t Nam".as_bytes()).mojibake);
        assert!(screen("Vieät Nam".as_bytes()).mojibake);
        assert!(screen("ng\u{AD}êi".as_bytes()).mojibake);
        assert!(screen("th\u{FFFD}i".as_bytes()).mojibake);
    }

    trait Nfd {
        fn nfc_free(&self) -> String;
    }
    impl Nfd for str {
        fn nfc_free(&self) -> String {
            use unicode_normalization::UnicodeNormalization;
            self.nfd().collect()
        }
    }

    #[test]
    fn utf16_both_orders() {
        let text = "Việt Nam 2024";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(utf16_guess(&le).map(|g| g.0), Some(Endian::Little));
        assert_eq!(utf16_guess(&be).map(|g| g.0), Some(Endian::Big));
        assert_eq!(decode_utf16(&le, Endian::Little).0, text);
        assert_eq!(decode_utf16(&be, Endian::Big).0, text);
        let (t, r) = decode_utf16(&[0x00, 0xD8, 0x41], Endian::Little);
        assert_eq!((t.as_str(), r), ("\u{FFFD}\u{FFFD}", 2));
    }

    #[test]
    fn lossy_utf8_counts() {
        let (t, r) = decode_utf8(b"\xEF\xBB\xBFa\xFFb\xE1\xBB");
        assert_eq!((t.as_ref(), r), ("a\u{FFFD}b\u{FFFD}", 2));
    }
}
