//! Table-driven decoders for the single-byte Vietnamese encodings.
//!
//! One loop serves Windows-1258, TCVN3, VNI-Windows and VISCII: every byte maps
//! to a [`Entry`] that is a plain string, a vowel (which may still take marks),
//! or a mark (a tone, or for VNI a circumflex/breve with or without a tone).
//! Marks are composed into the preceding vowel here, so the output is already
//! NFC for every Vietnamese letter and no general normalizer runs on the hot
//! path; only a mark that cannot compose leaves a combining character behind,
//! and then the caller normalizes the whole text.

use std::sync::LazyLock;

use super::tables::{self, VOWELS};

/// What one byte decodes to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    /// The text of the byte on its own (for tests and debugging).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) text: &'static str,
    /// The same as UTF-8, zero-padded, and its length.
    utf8: [u8; 4],
    len: u8,
    /// Vowel code (see [`VOWELS`]), or [`NO_VOWEL`].
    pub(crate) vowel: u8,
    /// Mark code `1 + modifier * 6 + tone`, or 0 when the byte is no mark.
    pub(crate) mark: u8,
    /// True when the byte is undefined (the text is U+FFFD).
    undefined: bool,
}

/// Vowel code of bytes that are not vowels.
pub(crate) const NO_VOWEL: u8 = 255;

const fn utf8_of(text: &str) -> ([u8; 4], u8) {
    let b = text.as_bytes();
    let mut u = [0u8; 4];
    let mut i = 0;
    while i < b.len() && i < 4 {
        u[i] = b[i];
        i += 1;
    }
    (u, i as u8)
}

impl Entry {
    pub(crate) const fn new(text: &'static str, vowel: u8, mark: u8) -> Entry {
        let (utf8, len) = utf8_of(text);
        // U+FFFD is EF BF BD
        let undefined = len == 3 && utf8[0] == 0xEF && utf8[1] == 0xBF && utf8[2] == 0xBD;
        Entry {
            text,
            utf8,
            len,
            vowel,
            mark,
            undefined,
        }
    }
}

/// UTF-8 of every vowel code.
pub(crate) static VOWEL_UTF8: [([u8; 4], u8); 144] = {
    let mut t = [([0u8; 4], 0u8); 144];
    let mut i = 0;
    while i < 144 {
        t[i] = utf8_of(VOWELS[i]);
        i += 1;
    }
    t
};

/// The table families.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Cp1258,
    Tcvn3Vn1,
    Tcvn3Vn3,
    Vni,
    Viscii,
}

impl Table {
    pub(crate) fn entries(self) -> &'static [Entry; 256] {
        match self {
            Table::Cp1258 => &tables::CP1258,
            Table::Tcvn3Vn1 => &tables::TCVN3_VN1,
            Table::Tcvn3Vn3 => &tables::TCVN3_VN3,
            Table::Vni => &tables::VNI,
            Table::Viscii => &tables::VISCII,
        }
    }
}

/// Result of a legacy decode before normalization.
pub(crate) struct Raw {
    pub(crate) text: String,
    /// Number of U+FFFD written for undefined bytes.
    pub(crate) replaced: usize,
    /// True when a combining mark could not be composed (the text then needs NFC).
    pub(crate) loose_marks: bool,
}

/// Applies mark `mark` to vowel `vowel`; `None` if they do not combine
/// (a second tone, or a modifier the base cannot take).
#[inline]
pub(crate) fn combine(vowel: u8, mark: u8) -> Option<u8> {
    combine_slow(vowel, mark)
}

/// [`combine`] by table lookup: faster in the VIQR loop, where marks are
/// separate bytes after nearly every vowel (the table decoders meet far
/// fewer and run faster with the arithmetic).
#[inline]
pub(crate) fn combine_lookup(vowel: u8, mark: u8) -> Option<u8> {
    let v = COMBINED
        .get(usize::from(vowel) * MARKS + usize::from(mark))
        .copied()
        .unwrap_or(NO_VOWEL);
    (v != NO_VOWEL).then_some(v)
}

/// Mark codes run from 1 to 24.
const MARKS: usize = 25;

/// [`combine_slow`] of every vowel and mark, for [`combine_lookup`].
static COMBINED: [u8; 144 * MARKS] = {
    let mut t = [NO_VOWEL; 144 * MARKS];
    let mut v = 0;
    while v < 144 {
        let mut m = 0;
        while m < MARKS {
            if let Some(c) = combine_slow(v as u8, m as u8) {
                t[v * MARKS + m] = c;
            }
            m += 1;
        }
        v += 1;
    }
    t
};

const fn combine_slow(vowel: u8, mark: u8) -> Option<u8> {
    let Some(m) = mark.checked_sub(1) else {
        return None;
    };
    let (modifier, tone) = (m / 6, m % 6);
    let upper = vowel >= 72;
    let rest = vowel % 72;
    let (base, cur_tone) = (rest / 6, rest % 6);
    if tone != 0 && cur_tone != 0 {
        return None;
    }
    // bases: 0 a, 1 ă, 2 â, 3 e, 4 ê, 5 i, 6 o, 7 ô, 8 ơ, 9 u, 10 ư, 11 y
    let new_base = match (modifier, base) {
        (0, b) => b,
        (1, 0) => 2,
        (1, 3) => 4,
        (1, 6) => 7,
        (2, 0) => 1,
        (3, 6) => 8,
        (3, 9) => 10,
        _ => return None,
    };
    let t = if cur_tone > tone { cur_tone } else { tone };
    Some((upper as u8) * 72 + new_base * 6 + t)
}

#[cfg(test)]
fn vowel_str(code: u8) -> &'static str {
    VOWELS.get(usize::from(code)).copied().unwrap_or("\u{FFFD}")
}

/// Decodes `bytes` with `table`.
pub(crate) fn decode(bytes: &[u8], table: Table) -> Raw {
    let mut buf = Vec::new();
    let (replaced, loose_marks) = decode_bytes(bytes, table, &mut buf);
    let text = match simdutf8::basic::from_utf8(&buf) {
        Ok(s) => s.to_owned(),
        // cannot happen: every table entry is UTF-8
        Err(_) => String::from_utf8_lossy(&buf).into_owned(),
    };
    Raw {
        text,
        replaced,
        loose_marks,
    }
}

/// Decodes a short piece into `scratch` (cleared first) and returns it as
/// text; for detection, which decodes many words under every table.
pub(crate) fn decode_piece<'s>(bytes: &[u8], table: Table, scratch: &'s mut Vec<u8>) -> &'s str {
    scratch.clear();
    decode_bytes(bytes, table, scratch);
    simdutf8::basic::from_utf8(scratch).unwrap_or("")
}

/// The decoding loop, writing UTF-8 to `out`. Every byte writes its entry's
/// four UTF-8 bytes into a buffer sized for the worst case (three bytes per
/// input byte) and advances by the entry's length, so there is no per-char
/// capacity check or copy call. A mark byte that combines with the vowel
/// just written rewrites that vowel in place.
fn decode_bytes(bytes: &[u8], table: Table, out: &mut Vec<u8>) -> (usize, bool) {
    let entries = table.entries();
    // VNI writes a mark byte that cannot compose as its Windows-1252 letter;
    // the others write the combining mark itself.
    let vni = table == Table::Vni;
    let start = out.len();
    out.resize(start + bytes.len() * 3 + 8, 0);
    let Some(buf) = out.get_mut(start..) else {
        return (0, false);
    };
    let mut o = 0usize;
    let mut last_pos = 0usize;
    let mut last_vowel = NO_VOWEL;
    let mut replaced = 0usize;
    let mut loose_marks = false;
    let mut i = 0usize;
    let n = bytes.len();
    while i < n {
        // Eight printable ASCII bytes decode to themselves in every table:
        // copy them at once (C0 bytes are letters in VN1 and VISCII).
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let word = u64::from_le_bytes(w);
            let below_space =
                word.wrapping_sub(0x2020_2020_2020_2020) & !word & 0x8080_8080_8080_8080;
            if (word | below_space) & 0x8080_8080_8080_8080 == 0 {
                if let Some(dst) = buf.get_mut(o..o + 8) {
                    dst.copy_from_slice(&w);
                }
                last_pos = o + 7;
                o += 8;
                last_vowel = entries[usize::from(w[7])].vowel;
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        i += 1;
        let e = &entries[usize::from(b)];
        if e.mark != 0 {
            if last_vowel != NO_VOWEL {
                if let Some(v) = combine(last_vowel, e.mark) {
                    let (u, len) = VOWEL_UTF8[usize::from(v)];
                    if let Some(dst) = buf.get_mut(last_pos..last_pos + 4) {
                        dst.copy_from_slice(&u);
                    }
                    o = last_pos + usize::from(len);
                    last_vowel = v;
                    continue;
                }
            }
            loose_marks |= !vni;
        }
        if let Some(dst) = buf.get_mut(o..o + 4) {
            dst.copy_from_slice(&e.utf8);
        }
        last_pos = o;
        o += usize::from(e.len);
        last_vowel = e.vowel;
        replaced += usize::from(e.undefined);
    }
    out.truncate(start + o);
    (replaced, loose_marks)
}

/// Encodes one char as Windows-1252 (or Latin-1 for C1 controls), if possible.
/// Used to recover the bytes behind text that went through a Western code page.
#[inline]
pub(crate) fn western_byte(c: char) -> Option<u8> {
    let cp = u32::from(c);
    if cp < 0x80 {
        return Some(cp as u8);
    }
    if (0xA0..=0xFF).contains(&cp) || (0x80..0xA0).contains(&cp) {
        return Some(cp as u8);
    }
    // every char (mostly Vietnamese letters) above U+00FF asks this: a
    // binary search of the Windows-1252 punctuation, not a table scan
    let high = &*CP1252_ABOVE_FF;
    high.binary_search_by_key(&c, |&(h, _)| h)
        .ok()
        .and_then(|i| high.get(i))
        .map(|&(_, b)| b)
}

/// The chars above U+00FF that Windows-1252 has, with their bytes, sorted
/// by char (the first byte wins if a char appeared twice).
static CP1252_ABOVE_FF: LazyLock<Vec<(char, u8)>> = LazyLock::new(|| {
    let mut v: Vec<(char, u8)> = Vec::new();
    for (p, &h) in tables::CP1252_HIGH.iter().enumerate() {
        if u32::from(h) > 0xFF && h != '\u{FFFD}' && !v.iter().any(|&(x, _)| x == h) {
            v.push((h, 0x80 + p as u8));
        }
    }
    v.sort_unstable();
    v
});

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8], t: Table) -> String {
        decode(bytes, t).text
    }

    #[test]
    fn vni_letters_and_marks() {
        assert_eq!(dec(b"Vie\xE4t Nam", Table::Vni), "Việt Nam");
        assert_eq!(dec(b"Tr\xF6\xF4\xF8ng", Table::Vni), "Trường");
        assert_eq!(dec(b"Ngh\xF2 \xF1\xF2nh", Table::Vni), "Nghị định");
        assert_eq!(dec(b"VIE\xC4T NAM", Table::Vni), "VIỆT NAM");
        assert_eq!(dec(b"kha\xFAng", Table::Vni), "khẳng");
    }

    #[test]
    fn cp1258_combines_tones() {
        assert_eq!(dec(b"Vi\xEA\xF2t Nam", Table::Cp1258), "Việt Nam");
        assert_eq!(dec(b"ho\xCCa", Table::Cp1258), "hòa");
        // a tone byte with nothing to sit on stays a combining mark
        let raw = decode(b" \xEC", Table::Cp1258);
        assert!(raw.loose_marks);
    }

    #[test]
    fn tcvn3_and_viscii() {
        assert_eq!(dec(b"Vi\xD6t Nam", Table::Tcvn3Vn3), "Việt Nam");
        assert_eq!(dec(b"ng\xAD\xEAi", Table::Tcvn3Vn3), "người");
        assert_eq!(dec(b"Vi\xAEt", Table::Viscii), "Việt");
    }

    #[test]
    fn combine_rules() {
        // a + circumflex-acute -> ấ
        assert_eq!(vowel_str(combine(0, 1 + 6 + 4).unwrap_or(0)), "ấ");
        // á + grave does not combine
        assert_eq!(combine(4, 1 + 1), None);
        // i + circumflex does not combine
        assert_eq!(combine(30, 1 + 6), None);
    }

    #[test]
    fn western_bytes() {
        assert_eq!(western_byte('€'), Some(0x80));
        assert_eq!(western_byte('\u{81}'), Some(0x81));
        assert_eq!(western_byte('Ö'), Some(0xD6));
        assert_eq!(western_byte('ệ'), None);
    }

    #[test]
    fn western_byte_is_the_table_inverse() {
        // the first table position holding the char, for every char
        for cp in 0..=0x2FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let want = if cp < 0x100 {
                Some(cp as u8)
            } else {
                tables::CP1252_HIGH
                    .iter()
                    .position(|&h| h == c && h != '\u{FFFD}')
                    .map(|p| 0x80 + p as u8)
            };
            assert_eq!(western_byte(c), want, "{c:?}");
        }
    }
}
