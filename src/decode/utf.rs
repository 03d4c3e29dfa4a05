//! UTF-8 and UTF-16 decoding, and the byte scan that decides whether decoded
//! text needs any further work (NFC or mojibake repair).

use std::borrow::Cow;

/// UTF-8 byte order mark.
pub(crate) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes UTF-8, dropping a BOM (and any repeated at the start); invalid sequences become U+FFFD (one per
/// maximal invalid subsequence, as `String::from_utf8_lossy` does).
pub(crate) fn decode_utf8(bytes: &[u8]) -> (Cow<'_, str>, usize) {
    // every leading BOM goes, so that decoding the output again is a no-op
    let mut bytes = bytes;
    while let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        bytes = rest;
    }
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
    // a BOM repeated after the first is dropped too, as for UTF-8
    if out.starts_with('\u{FEFF}') {
        out = out.trim_start_matches('\u{FEFF}').to_owned();
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

const LO7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit set in every byte of `x` that is zero (exact, no false hits).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    !(((x & LO7).wrapping_add(LO7)) | x) & HI
}

/// Scans valid UTF-8 for anything that may need NFC or mojibake repair.
///
/// Three passes, each far faster than per-char work:
/// 1. eight bytes at a time (SWAR): lead bytes `CC..=FF` other than
///    `E0..=E3` (combining marks, other scripts, compatibility forms,
///    U+FFFD); each hit is looked at on its own;
/// 2. `memchr` for `C2` (Latin-1 symbols and C1 controls, which mojibake
///    leaves everywhere; NBSP is let through), `E0` and `E3` (Indic and kana
///    marks);
/// 3. `memchr` for the second bytes of `ä ö ø` after `C3`: VNI mark bytes
///    seen through a Western code page (they never occur in Vietnamese).
///
/// Vietnamese letters live at `C3`, `C4`, `C6` and `E1 BA/BB`, so clean
/// Vietnamese text goes through all three without a hit. Not looked at:
/// the few non-NFC code points behind `E1` and `E2` (Greek extended, Hangul
/// conjoining jamo, U+2000/2001, U+2126 Ω, U+212A/212B, U+2329/232A), which
/// the normalizer folds.
pub(crate) fn screen(bytes: &[u8]) -> Screen {
    screen_for(bytes, true)
}

/// [`screen`], optionally without the NFC part (pass 1 and the `E2` checks):
/// then only mojibake is looked for, with `memchr` alone.
pub(crate) fn screen_for(bytes: &[u8], nfc: bool) -> Screen {
    let mut s = Screen::default();
    if !nfc {
        for at in memchr::memchr2_iter(0xC2, 0xEF, bytes) {
            let next = bytes.get(at + 1).copied();
            if bytes.get(at) == Some(&0xC2) {
                s.mojibake |= next != Some(0xA0);
            } else {
                s.mojibake |= bytes.get(at..at + 3) == Some(&[0xEF, 0xBF, 0xBD][..]);
            }
            if s.mojibake {
                return s;
            }
        }
        return screen_vni(bytes, s);
    }
    // pass 1, in blocks of 64 bytes with one branch per block; each word is
    // read with the two bytes after it (for the E1/E2 second-byte checks)
    let mut base = 0usize;
    while let Some(block) = bytes
        .get(base..base + 72)
        .and_then(|b| <&[u8; 72]>::try_from(b).ok())
    {
        let mut acc = 0u64;
        for j in 0..8 {
            acc |= lead_hits(block, j * 8);
        }
        if acc != 0 {
            for j in 0..8 {
                let mut hits = lead_hits(block, j * 8);
                while hits != 0 {
                    let k = (hits.trailing_zeros() / 8) as usize;
                    hits &= hits - 1;
                    lead_hit(bytes, base + j * 8 + k, &mut s);
                }
            }
        }
        base += 64;
    }
    // the tail: every lead byte from CC on, one by one
    for (k, &b) in bytes.get(base..).unwrap_or(&[]).iter().enumerate() {
        if b >= 0xCC && b != 0xE2 {
            lead_hit(bytes, base + k, &mut s);
        }
    }
    if s.nfc && s.mojibake {
        return s;
    }
    // pass 2: C2 (mojibake unless NBSP) and E2 (punctuation; a closer look
    // unless `E2 80 xx` with xx >= 82 or `E2 82`, currency signs)
    for at in memchr::memchr2_iter(0xC2, 0xE2, bytes) {
        let next = bytes.get(at + 1).copied();
        if bytes.get(at) == Some(&0xC2) {
            s.mojibake |= next != Some(0xA0);
        } else {
            let third = bytes.get(at + 2).copied().unwrap_or(0);
            let plain = (next == Some(0x80) && third >= 0x82) || next == Some(0x82);
            if !plain && !s.nfc {
                lead_hit(bytes, at, &mut s);
            }
        }
        if s.nfc && s.mojibake {
            return s;
        }
    }
    if s.mojibake {
        return s;
    }
    screen_vni(bytes, s)
}

/// Pass 3 of [`screen`].
fn screen_vni(bytes: &[u8], mut s: Screen) -> Screen {
    for at in memchr::memchr3_iter(0xA4, 0xB6, 0xB8, bytes) {
        if at > 0 && bytes.get(at - 1) == Some(&0xC3) {
            s.mojibake = true;
            break;
        }
    }
    s
}

#[inline(always)]
fn word_at(block: &[u8; 72], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&block[at..at + 8]);
    u64::from_le_bytes(w)
}

/// High bit set in each byte of the eight at `at` that starts a char worth a
/// closer look: leads `CC..=FF` other than `E1` and `E2`, and `E1` unless
/// followed by `B8..=BB` (Latin Extended Additional: the Vietnamese
/// letters). `E2` is left to pass 2. `at` is at most 56.
#[inline(always)]
fn lead_hits(block: &[u8; 72], at: usize) -> u64 {
    let w = word_at(block, at);
    let n = word_at(block, at + 1);
    let ge_cc = ((w & LO7).wrapping_add(0x3434_3434_3434_3434)) & w & HI;
    let e0_e3 = zero_bytes((w ^ 0xE0E0_E0E0_E0E0_E0E0) & 0xFCFC_FCFC_FCFC_FCFC);
    // within E0..=E3 the two low bits tell which: 01 is E1, 10 is E2
    let b0 = (w << 7) & HI;
    let b1 = (w << 6) & HI;
    let is_e1 = e0_e3 & b0 & !b1;
    let is_e2 = e0_e3 & b1 & !b0;
    let e1_ok = zero_bytes((n & 0xFCFC_FCFC_FCFC_FCFC) ^ 0xB8B8_B8B8_B8B8_B8B8);
    (ge_cc & !is_e1 & !is_e2) | (is_e1 & !e1_ok)
}

/// A char flagged by pass 1: U+FFFD means a lossy decode happened upstream;
/// otherwise the char itself says whether NFC could change it or the chars
/// around it (a combining mark, or a char whose NFC quick check is not Yes).
#[inline(never)]
fn lead_hit(bytes: &[u8], at: usize, s: &mut Screen) {
    let end = bytes.len().min(at + 4);
    let Some(c) = bytes
        .get(at..end)
        .and_then(|b| b.utf8_chunks().next())
        .and_then(|ch| ch.valid().chars().next())
    else {
        return;
    };
    if c == '\u{FFFD}' {
        s.mojibake = true;
    } else if unicode_normalization::char::canonical_combining_class(c) != 0
        || unicode_normalization::is_nfc_quick(std::iter::once(c))
            != unicode_normalization::IsNormalized::Yes
    {
        s.nfc = true;
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
#[cfg(test)]
mod corpus_tests {
    #[test]
    fn own_paragraphs_need_no_work() {
        let text = include_str!("../../tests/data/decode/paragraphs.txt");
        assert_eq!(super::screen(text.as_bytes()), super::Screen::default());
    }
}
