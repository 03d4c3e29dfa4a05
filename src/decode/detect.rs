//! Encoding detection: byte order marks, UTF-16 zero patterns, strict UTF-8,
//! then the legacy encodings scored with the syllable model.
//!
//! For the legacy candidates only words that hold a byte outside printable
//! ASCII are looked at (the rest read the same in every encoding). Up to
//! [`MAX_WORDS`] of them, spread over the whole input, are decoded under each
//! candidate and checked with [`crate::syllable::is_valid`]; the candidate
//! with the most valid syllables and the least junk wins. A `<meta charset>`
//! hint breaks near-ties but never overrules clear evidence.

use super::legacy::{self, Table};
use super::utf::{self, Endian};
use super::viqr;
use super::Encoding;
use crate::syllable;

/// Words sampled for scoring the legacy candidates.
const MAX_WORDS: usize = 192;

/// What detection decided, with the table variant for TCVN3 and the byte
/// order for UTF-16.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Verdict {
    pub(crate) encoding: Encoding,
    pub(crate) confidence: f32,
    pub(crate) table: Option<Table>,
    pub(crate) endian: Endian,
}

impl Verdict {
    fn new(encoding: Encoding, confidence: f32) -> Verdict {
        Verdict {
            encoding,
            confidence,
            table: None,
            endian: Endian::Little,
        }
    }
}

/// The candidates scored on bytes that are not UTF-8, in tie-break order.
const CANDIDATES: [(Encoding, Option<Table>); 6] = [
    (Encoding::Utf8, None),
    (Encoding::Vni, Some(Table::Vni)),
    (Encoding::Tcvn3, Some(Table::Tcvn3Vn3)),
    (Encoding::Tcvn3, Some(Table::Tcvn3Vn1)),
    (Encoding::Cp1258, Some(Table::Cp1258)),
    (Encoding::Viscii, Some(Table::Viscii)),
];

/// Least share of code units with a zero byte in one position for BOM-less
/// input to be tried as UTF-16: Vietnamese in UTF-16 has one in every ASCII
/// char (spaces, most consonants, digits), text in an 8-bit encoding has
/// almost none.
const UTF16_MIN_ZEROS: f32 = 0.05;

/// Code units of BOM-less input whose zero bytes are counted when deciding
/// whether it is UTF-16 (the first quarter is also read as text).
const UTF16_SAMPLE: usize = 4096;

/// True when BOM-less bytes are UTF-16 (see [`utf16_verdict`]).
pub(crate) fn looks_utf16(bytes: &[u8]) -> bool {
    utf16_verdict(bytes).is_some()
}

/// Detects BOM-less UTF-16 and its byte order, with a confidence.
///
/// Two pieces of evidence must agree: the zero bytes fall in one position of
/// the code units (the high byte of ASCII and Latin-1 chars), and the sample
/// read in that order is text: letters, digits, punctuation and spaces with
/// almost no controls, unpaired surrogates or noncharacters, and its
/// non-ASCII words are mostly valid Vietnamese syllables. Read in the wrong
/// order Vietnamese letters (`U+1EC7 ệ`) turn into CJK and Hangul
/// (`U+C71E`), so the syllables also decide the order when the zero bytes
/// are few.
pub(crate) fn utf16_verdict(bytes: &[u8]) -> Option<(Endian, f32)> {
    // whole code units only: a truncated last byte is no evidence
    let len = bytes.len().min(UTF16_SAMPLE * 2) & !1;
    let head = bytes.get(..len).unwrap_or(bytes);
    if head.len() < 4 || memchr::memchr(0, head).is_none() {
        return None;
    }
    let (endian, zeros) = utf::utf16_guess(head)?;
    if zeros < UTF16_MIN_ZEROS {
        return None;
    }
    let other = match endian {
        Endian::Little => Endian::Big,
        Endian::Big => Endian::Little,
    };
    // the text test reads the first quarter of the sample in both orders
    let len = head.len().min(UTF16_SAMPLE / 2) & !1;
    let text_head = head.get(..len).unwrap_or(head);
    let mine = utf16_text_score(text_head, endian);
    let theirs = utf16_text_score(text_head, other);
    let (endian, best) = if theirs.value() > mine.value() {
        (other, theirs)
    } else {
        (endian, mine)
    };
    let total = best.chars.max(1) as f32;
    let bad = best.bad as f32 / total;
    let good = best.good as f32 / total;
    let syllables = if best.words == 0 {
        1.0
    } else {
        best.valid as f32 / best.words as f32
    };
    if bad > 0.02 || good < 0.9 || (best.words >= 5 && syllables < 0.5) {
        return None;
    }
    let confidence = (good - bad) * (0.5 + 0.5 * (zeros / 0.3).min(1.0)) * (0.5 + 0.5 * syllables);
    Some((endian, confidence.clamp(0.0, 1.0)))
}

/// What a UTF-16 sample read in one byte order looks like.
#[derive(Debug, Clone, Copy, Default)]
struct Utf16Score {
    chars: u32,
    /// Chars Vietnamese text is made of: ASCII printables and spaces, Latin
    /// letters (`U+00A0..=U+024F`, `U+1E00..=U+1EFF`), combining marks,
    /// general punctuation and currency signs.
    good: u32,
    /// C0/C1 controls other than tab, line ends and form feed; unpaired
    /// surrogates; noncharacters; private use.
    bad: u32,
    /// Non-ASCII words, and how many of them are valid syllables.
    words: u32,
    valid: u32,
}

impl Utf16Score {
    fn value(&self) -> f32 {
        let total = self.chars.max(1) as f32;
        let words = self.words.max(1) as f32;
        (self.good as f32 - 4.0 * self.bad as f32) / total + self.valid as f32 / words
    }
}

fn utf16_text_score(head: &[u8], endian: Endian) -> Utf16Score {
    let (text, _) = utf::decode_utf16(head, endian);
    let mut s = Utf16Score::default();
    for c in text.chars() {
        s.chars += 1;
        let cp = u32::from(c);
        let good = matches!(cp, 0x20..=0x7E | 0x09 | 0x0A | 0x0C | 0x0D | 0xA0..=0x24F)
            || matches!(cp, 0x300..=0x36F | 0x1E00..=0x1EFF | 0x2000..=0x20CF | 0xFEFF);
        let bad = cp < 0x20
            || (0x7F..0xA0).contains(&cp)
            || c == '\u{FFFD}'
            || (0xE000..0xF900).contains(&cp)
            || (0xFDD0..=0xFDEF).contains(&cp)
            || cp & 0xFFFE == 0xFFFE;
        s.good += u32::from(good);
        s.bad += u32::from(bad && !good);
    }
    for (_, w) in syllable::words(&text) {
        if !w.is_ascii() {
            s.words += 1;
            s.valid += u32::from(syllable::is_valid(w));
        }
    }
    s
}

pub(crate) fn detect(bytes: &[u8], use_hints: bool) -> Verdict {
    if bytes.starts_with(utf::UTF8_BOM) {
        return Verdict::new(Encoding::Utf8, 1.0);
    }
    if let Some(endian) = utf::utf16_bom(bytes) {
        return Verdict {
            endian,
            ..Verdict::new(Encoding::Utf16, 1.0)
        };
    }
    if let Some((endian, confidence)) = utf16_verdict(bytes) {
        return Verdict {
            endian,
            ..Verdict::new(Encoding::Utf16, confidence)
        };
    }
    if simdutf8::basic::from_utf8(bytes).is_ok() {
        if bytes.is_ascii() {
            return ascii_verdict(bytes);
        }
        return Verdict::new(Encoding::Utf8, 1.0);
    }
    let hint = if use_hints { charset_hint(bytes) } else { None };
    legacy_verdict(bytes, hint)
}

/// ASCII is UTF-8 unless VIQR marks run through the text.
fn ascii_verdict(bytes: &[u8]) -> Verdict {
    let (marked, words) = viqr::evidence(bytes);
    if marked >= 5 && marked * 4 >= words {
        // the words VIQR changes must come out as Vietnamese
        // a sample is enough: the first 4 KB, cut at a line end
        let mut end = bytes.len().min(4 << 10);
        while end < bytes.len() && bytes.get(end) != Some(&b'\n') {
            end += 1;
        }
        let text = bytes
            .get(..end)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("");
        let decoded = viqr::decode(text);
        let (mut valid, mut total) = (0usize, 0usize);
        for (_, w) in syllable::words(&decoded) {
            if !w.is_ascii() {
                total += 1;
                valid += usize::from(syllable::is_valid(w));
            }
        }
        if total >= 5 && valid * 10 >= total * 8 {
            let share = valid as f32 / total as f32;
            return Verdict::new(
                Encoding::Viqr,
                share * (marked as f32 / words.max(1) as f32 * 2.0).min(1.0),
            );
        }
    }
    Verdict::new(Encoding::Utf8, 1.0)
}

// Bytes that belong to a word: letters, digits, every high byte, and the C0
// bytes that VN1 and VISCII use for capital letters.
#[inline]
fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || b >= 0x80
        || (b < 0x20 && !matches!(b, 0 | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
}

/// Byte ranges of the words that hold a non-ASCII (or C0 letter) byte, at
/// most `MAX_WORDS` spread evenly over the input.
fn sample_words(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut all = Vec::new();
    let mut start = None;
    let mut special = false;
    for (i, &b) in bytes.iter().enumerate() {
        if word_byte(b) {
            if start.is_none() {
                start = Some(i);
                special = false;
            }
            if !b.is_ascii_alphanumeric() {
                special = true;
            }
        } else if let Some(s) = start.take() {
            if special {
                all.push((s, i));
            }
        }
    }
    if let Some(s) = start {
        if special {
            all.push((s, bytes.len()));
        }
    }
    if all.len() <= MAX_WORDS {
        return all;
    }
    let step = all.len() as f64 / MAX_WORDS as f64;
    (0..MAX_WORDS)
        .filter_map(|k| all.get((k as f64 * step) as usize).copied())
        .collect()
}

/// Score of one candidate over the sample.
#[derive(Debug, Clone, Copy, Default)]
struct Score {
    valid: u32,
    total: u32,
    junk: u32,
}

impl Score {
    fn value(&self) -> f32 {
        (self.valid as f32 - 0.5 * self.junk as f32) / (self.total + self.junk).max(1) as f32
    }
}

fn score_word(text: &str, s: &mut Score) {
    for (_, w) in syllable::words(text) {
        if w.is_ascii() {
            continue;
        }
        s.total += 1;
        if syllable::is_valid(w) {
            s.valid += 1;
        }
    }
    for c in text.chars() {
        let cp = u32::from(c);
        if c == '\u{FFFD}'
            || cp < 0x20
            || (0x80..0xA0).contains(&cp)
            || (0xA1..0xC0).contains(&cp)
            || (0x300..0x370).contains(&cp)
        {
            s.junk += 1;
        }
    }
}

/// The TCVN3 layout of bytes known to be TCVN3: VN1 when its capitals (C0
/// and 0x80..0x9F) make more valid syllables than VN3's punctuation there.
pub(crate) fn tcvn3_variant(bytes: &[u8]) -> Table {
    let vn1_only =
        |b: u8| (0x80..0xA0).contains(&b) || matches!(b, 0x01 | 0x02 | 0x04..=0x06 | 0x11..=0x17);
    if !bytes.iter().any(|&b| vn1_only(b)) {
        return Table::Tcvn3Vn3;
    }
    let (s3, s1) = score_tables(bytes, Table::Tcvn3Vn3, Table::Tcvn3Vn1);
    if s1.value() > s3.value() {
        Table::Tcvn3Vn1
    } else {
        Table::Tcvn3Vn3
    }
}

fn score_tables(bytes: &[u8], a: Table, b: Table) -> (Score, Score) {
    let (mut sa, mut sb) = (Score::default(), Score::default());
    let mut buf = Vec::new();
    for (s, e) in sample_words(bytes) {
        let Some(w) = bytes.get(s..e) else { continue };
        score_word(legacy::decode_piece(w, a, &mut buf), &mut sa);
        score_word(legacy::decode_piece(w, b, &mut buf), &mut sb);
    }
    (sa, sb)
}

fn legacy_verdict(bytes: &[u8], hint: Option<Encoding>) -> Verdict {
    let words = sample_words(bytes);
    let mut scores = [Score::default(); CANDIDATES.len()];
    let mut buf = Vec::new();
    for &(s, e) in &words {
        let Some(w) = bytes.get(s..e) else { continue };
        for (k, (_, table)) in CANDIDATES.iter().enumerate() {
            match table {
                Some(t) => score_word(legacy::decode_piece(w, *t, &mut buf), &mut scores[k]),
                None => score_word(&utf::decode_utf8(w).0, &mut scores[k]),
            }
        }
    }
    // many UTF-8 errors outside the sample also rule UTF-8 out
    let mut best = 0usize;
    for k in 1..CANDIDATES.len() {
        if scores[k].value() > scores[best].value() + 1e-6 {
            best = k;
        }
    }
    let bv = scores[best].value();
    let mut second = f32::MIN;
    for (k, s) in scores.iter().enumerate() {
        if k != best && CANDIDATES[k].0 != CANDIDATES[best].0 {
            second = second.max(s.value());
        }
    }
    if let Some(h) = hint {
        if let Some(k) = CANDIDATES.iter().position(|c| c.0 == h) {
            if scores[k].value() >= bv - 0.02 {
                best = k;
            }
        }
    }
    let total = scores[best].total;
    if total == 0 {
        // no word says anything: Windows-1258 reads Western text best
        let enc = hint
            .filter(|h| CANDIDATES.iter().any(|c| c.0 == *h))
            .unwrap_or(Encoding::Cp1258);
        let table = CANDIDATES.iter().find(|c| c.0 == enc).and_then(|c| c.1);
        return Verdict {
            table,
            ..Verdict::new(enc, 0.3)
        };
    }
    let bv = scores[best].value().max(0.0);
    let margin = (bv - second.max(0.0)).max(0.0);
    let amount = (total as f32 / 8.0).min(1.0);
    let confidence = (bv * (0.5 + 0.5 * (margin / 0.3).min(1.0)) * amount).clamp(0.0, 1.0);
    Verdict {
        table: CANDIDATES[best].1,
        ..Verdict::new(CANDIDATES[best].0, confidence)
    }
}

/// The encoding named by a `charset=` (or XML `encoding=`) declaration in
/// the first 4 KB, if it is one we decode.
pub(crate) fn charset_hint(bytes: &[u8]) -> Option<Encoding> {
    let head = bytes.get(..bytes.len().min(4096))?;
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(pos) = find_ci(head.get(from..)?, key) {
            let at = from + pos + key.len();
            let rest = head.get(at..)?;
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let name: Vec<u8> = rest
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
                .copied()
                .collect();
            if let Ok(name) = std::str::from_utf8(&name) {
                if let Ok(enc) = name.parse::<Encoding>() {
                    return Some(enc);
                }
            }
            from = at;
        }
    }
    None
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints() {
        assert_eq!(
            charset_hint(b"<meta charset=\"windows-1258\">"),
            Some(Encoding::Cp1258)
        );
        assert_eq!(
            charset_hint(b"<META http-equiv=x content='text/html; CHARSET=VISCII'>"),
            Some(Encoding::Viscii)
        );
        assert_eq!(charset_hint(b"<meta charset=iso-8859-1>"), None);
    }

    #[test]
    fn legacy_words_decide() {
        let vni = b"Ngh\xF2 quye\xE1t so\xE1 57 ve\xE0 pha\xF9t trie\xE5n khoa ho\xEFc, co\xE2ng nghe\xE4 va\xF8 \xF1o\xE5i m\xF4\xF9i sa\xF9ng ta\xEFo";
        let v = detect(vni, true);
        assert_eq!(v.encoding, Encoding::Vni, "{v:?}");
    }
}

#[cfg(test)]
mod vn1_tests {
    use super::*;
    use crate::decode::tables::TCVN3_VN1;

    /// TCVN3 VN1 encoding from the table's single-byte letters (VN1 has a
    /// byte for every Vietnamese letter, capitals included).
    fn encode_vn1(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for c in text.chars() {
            let s = c.to_string();
            let b = (0u8..=255).find(|&b| TCVN3_VN1[usize::from(b)].text == s.as_str());
            out.push(b.unwrap_or(b'?'));
        }
        out
    }

    #[test]
    fn vn1_round_trip_and_detection() {
        let text = "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK\nỦy ban họp về Ấp Tân Thành, Ông Lê Minh Đức và Ủy viên Ứng Hòa trình bày ý kiến.";
        let bytes = encode_vn1(text);
        assert!(!bytes.contains(&b'?'));
        let v = detect(&bytes, true);
        assert_eq!(
            (v.encoding, v.table),
            (Encoding::Tcvn3, Some(Table::Tcvn3Vn1)),
            "{v:?}"
        );
        assert_eq!(legacy::decode(&bytes, Table::Tcvn3Vn1).text, text);
        assert_eq!(tcvn3_variant(&bytes), Table::Tcvn3Vn1);
        // every letter of VN1 round-trips
        let all: String = crate::decode::tables::VOWELS.concat() + "đĐ";
        assert_eq!(legacy::decode(&encode_vn1(&all), Table::Tcvn3Vn1).text, all);
    }
}
