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

/// Scans valid UTF-8 for anything that may need NFC or mojibake repair.
///
/// Vietnamese letters live at lead bytes `C3..=C6` and `E1 B8..=BB`, and
/// typographic punctuation at `E2 80`; what the screen looks for is
/// elsewhere, so clean Vietnamese text goes through three cheap passes
/// without a hit:
/// 1. blocks of 64 bytes (each read with the byte after it) get a
///    branch-free test that the compiler vectorizes: for NFC, a lead byte
///    from `CC` on (combining marks, other scripts, compatibility forms,
///    U+FFFD) except `E1` followed by `B8..=BB` and `E2` (left to pass 2);
///    for mojibake, the Latin-1 letter patterns of [`latin_pair`]. A block
///    that trips the test is looked at byte by byte;
/// 2. `memchr` for `C2` (Latin-1 symbols and C1 controls, which mojibake
///    leaves everywhere; NBSP is let through unless `Ä Å Æ` comes before
///    it), `E2` (punctuation: mojibake after `Ä Å Æ`; otherwise a closer NFC
///    look unless it is `E2 80 xx` with `xx >= 82` or `E2 82`, currency
///    signs) and, when pass 1 skips NFC, `EF BF BD` (U+FFFD);
/// 3. `memchr` for the second bytes of `ä ö ø` after `C3`: VNI mark bytes
///    (`Vieät`, `nöôùc`, `laø`) seen through a Western code page; they
///    never occur in Vietnamese.
///
/// Each hit gets the exact per-char check, so the screen misses nothing
/// that check would find.
pub(crate) fn screen(bytes: &[u8]) -> Screen {
    screen_for(bytes, true)
}

/// [`screen`], optionally without the NFC part: then only mojibake and
/// U+FFFD are looked for.
pub(crate) fn screen_for(bytes: &[u8], nfc: bool) -> Screen {
    let mut s = Screen::default();
    if nfc {
        screen_blocks::<true>(bytes, &mut s);
    } else {
        screen_blocks::<false>(bytes, &mut s);
    }
    if s.mojibake && (s.nfc || !nfc) {
        return s;
    }
    // pass 2 (U+FFFD is left to pass 1 when that runs)
    let hits: &mut dyn Iterator<Item = usize> = if nfc {
        &mut memchr::memchr2_iter(0xC2, 0xE2, bytes)
    } else {
        &mut memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes)
    };
    for at in hits {
        let lead = bytes.get(at).copied().unwrap_or(0);
        let next = bytes.get(at + 1).copied().unwrap_or(0);
        let third = bytes.get(at + 2).copied().unwrap_or(0);
        let after_lead = at >= 2
            && bytes.get(at - 2) == Some(&0xC3)
            && bytes.get(at - 1).is_some_and(|b| (0x84..=0x86).contains(b));
        if lead == 0xEF {
            s.mojibake |= next == 0xBF && third == 0xBD;
        } else {
            if after_lead || (lead == 0xC2 && next != 0xA0) {
                s.mojibake = true;
            }
            // an E2 char after `Ä Å Æ` may be mojibake and still need NFC
            // (U+2000 and U+2001 compose to U+2002 and U+2003)
            if nfc && !s.nfc && lead == 0xE2 {
                let plain = (next == 0x80 && third >= 0x82) || next == 0x82;
                if !plain {
                    lead_hit(bytes, at, &mut s);
                }
            }
        }
        if s.mojibake && (s.nfc || !nfc) {
            return s;
        }
    }
    if s.mojibake {
        return s;
    }
    // pass 3
    for at in memchr::memchr3_iter(0xA4, 0xB6, 0xB8, bytes) {
        if at > 0 && bytes.get(at - 1) == Some(&0xC3) {
            s.mojibake = true;
            break;
        }
    }
    s
}

/// Bytes per block of pass 1.
const BLOCK: usize = 64;

/// Pass 1 of [`screen`]; without `NFC` only the Latin-1 pairs.
fn screen_blocks<const NFC: bool>(bytes: &[u8], s: &mut Screen) {
    let mut base = 0usize;
    while base < bytes.len() {
        let tripped = match bytes
            .get(base..base + BLOCK + 1)
            .and_then(|b| <&[u8; BLOCK + 1]>::try_from(b).ok())
        {
            Some(full) => trips::<NFC>(full),
            None => {
                // the tail, padded with zero bytes (which never trip)
                let mut block = [0u8; BLOCK + 1];
                let tail = bytes.get(base..).unwrap_or(&[]);
                let n = tail.len().min(BLOCK + 1);
                if let (Some(dst), Some(src)) = (block.get_mut(..n), tail.get(..n)) {
                    dst.copy_from_slice(src);
                }
                trips::<NFC>(&block)
            }
        };
        if tripped {
            let end = bytes.len().min(base + BLOCK);
            for at in base..end {
                let Some(&b) = bytes.get(at) else { break };
                let n = bytes.get(at + 1).copied().unwrap_or(0);
                if latin_pair(b, n) {
                    s.mojibake = true;
                } else if NFC && b >= 0xCC && b != 0xE2 && (b != 0xE1 || (n & 0xFC) != 0xB8) {
                    lead_hit(bytes, at, s);
                }
            }
            if s.mojibake && (s.nfc || !NFC) {
                return;
            }
        }
        base += BLOCK;
    }
}

/// Whether any of the first 64 bytes of `w` begins a char that pass 1 looks
/// at, or a byte pair that [`latin_pair`] calls mojibake; branch-free so
/// that it vectorizes.
#[inline(always)]
fn trips<const NFC: bool>(w: &[u8; BLOCK + 1]) -> bool {
    let mut acc = false;
    for i in 0..BLOCK {
        let (b, n) = (w[i], w[i + 1]);
        if NFC {
            let letter = (b == 0xE1) & ((n & 0xFC) == 0xB8);
            acc |= (b >= 0xCC) & (b != 0xE2) & !letter;
        }
        acc |= latin_pair(b, n);
    }
    acc
}

/// A byte pair that clean Vietnamese never has and that VNI shown through
/// a Western code page is full of: `a`, `e`, `A` or `E` followed by a
/// Latin-1 letter (`C3 xx`). VNI writes its mark bytes after the vowel
/// (`Baùo`, `Vieät`, `yeâu`), and no Vietnamese vowel cluster starts with
/// `a` or `e` and puts a precomposed letter second. (`ä ö ø`, which never
/// occur in Vietnamese at all, are left to pass 3 of [`screen_for`]; more
/// pairs would cost more than they find in the vectorized pass: the exact
/// per-run check in the mojibake repair knows the rest.)
#[inline(always)]
fn latin_pair(b: u8, n: u8) -> bool {
    let low = b | 0x20;
    ((low == b'a') | (low == b'e')) & (n == 0xC3)
}

/// A char flagged by the screen: U+FFFD means a lossy decode happened upstream;
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
    fn screen_sees_nfc_work_after_a_mojibake_lead() {
        // `Ä` then U+2000 (whose NFC is U+2002): both flags
        let s = screen("Ä\u{2000}x".as_bytes());
        assert!(s.mojibake && s.nfc, "{s:?}");
    }

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

#[cfg(test)]
mod screen_props {
    use super::*;
    use proptest::prelude::*;

    /// Chars around every boundary the screen draws: ASCII, Vietnamese
    /// letters, Latin-1, combining marks, the NFC exceptions behind `E1` and
    /// `E2`, other scripts, U+FFFD.
    fn piece() -> impl Strategy<Value = char> {
        prop_oneof![
            prop::char::range('a', 'z'),
            prop::sample::select(vec![
                ' ', 'ệ', 'ờ', 'Ấ', 'ă', 'đ', 'ư', 'ơ', 'ũ', 'à', 'Ã', 'Ä', 'Å', 'Æ', 'ä', 'ö',
                'ø', '\u{A0}', '«', '“', '”', '…', '€', '\u{2000}', '\u{2001}', '\u{2126}',
                '\u{212B}', '\u{1F71}', '\u{1100}', '\u{1161}', '\u{1E00}', '\u{1DC0}', '\u{FFFD}',
                '\u{FEFF}', 'Ω', 'я', '漢', 'ก', '\u{E33}',
            ]),
            prop::char::range('\u{300}', '\u{36F}'),
            prop::char::range('\u{1E00}', '\u{1FFF}'),
            prop::char::range('\u{2000}', '\u{23FF}'),
            any::<char>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// Text the screen lets through is NFC and holds no U+FFFD, at every
        /// alignment to the 64-byte blocks.
        #[test]
        fn screen_misses_nothing(chars in prop::collection::vec(piece(), 0..200), pad in 0usize..64) {
            let text: String = std::iter::repeat_n('x', pad).chain(chars).collect();
            let s = screen(text.as_bytes());
            if !s.nfc {
                prop_assert!(unicode_normalization::is_nfc(&text), "{text:?}");
            }
            if text.contains('\u{FFFD}') {
                prop_assert!(s.mojibake);
                prop_assert!(screen_for(text.as_bytes(), false).mojibake);
            }
            if text.contains(|c| matches!(c, '\u{80}'..='\u{9F}' | '\u{A1}'..='\u{BF}' | 'ä' | 'ö' | 'ø')) {
                prop_assert!(s.mojibake, "{text:?}");
            }
        }
    }
}
