//! Table-driven decoders for the single-byte Vietnamese encodings.
//!
//! One loop serves Windows-1258, TCVN3, VNI-Windows and VISCII: every byte maps
//! to a [`Entry`] that is a plain string, a vowel (which may still take marks),
//! or a mark (a tone, or for VNI a circumflex/breve with or without a tone).
//! Marks are composed into the preceding vowel here, so the output is already
//! NFC for every Vietnamese letter and no general normalizer runs on the hot
//! path; only a mark that cannot compose leaves a combining character behind,
//! and then the caller normalizes the whole text.

use super::tables::{self, VOWELS};

/// What one byte decodes to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    /// The text of the byte on its own.
    pub(crate) text: &'static str,
    /// Vowel code (see [`VOWELS`]), or [`NO_VOWEL`].
    pub(crate) vowel: u8,
    /// Mark code `1 + modifier * 6 + tone`, or 0 when the byte is no mark.
    pub(crate) mark: u8,
}

/// Vowel code of bytes that are not vowels.
pub(crate) const NO_VOWEL: u8 = 255;

impl Entry {
    pub(crate) const fn new(text: &'static str, vowel: u8, mark: u8) -> Entry {
        Entry { text, vowel, mark }
    }
}

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
    let m = mark.checked_sub(1)?;
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
    Some(u8::from(upper) * 72 + new_base * 6 + cur_tone.max(tone))
}

#[inline]
fn vowel_str(code: u8) -> &'static str {
    VOWELS.get(usize::from(code)).copied().unwrap_or("\u{FFFD}")
}

/// Decodes `bytes` with `table`.
pub(crate) fn decode(bytes: &[u8], table: Table) -> Raw {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let (replaced, loose_marks) = decode_into(bytes, table, &mut out);
    Raw {
        text: out,
        replaced,
        loose_marks,
    }
}

/// Decodes `bytes` with `table`, appending to `out`; returns the number of
/// U+FFFD written and whether a mark was left uncomposed.
pub(crate) fn decode_into(bytes: &[u8], table: Table, out: &mut String) -> (usize, bool) {
    let entries = table.entries();
    // VNI writes a mark byte that cannot compose as its Windows-1252 letter;
    // the others write the combining mark itself.
    let vni = table == Table::Vni;
    let mut replaced = 0usize;
    let mut loose_marks = false;
    let mut pending = NO_VOWEL;
    let mut i = 0usize;
    let n = bytes.len();
    while i < n {
        if pending == NO_VOWEL {
            // Fast path: copy a run of plain ASCII (all tables keep printable
            // ASCII) up to the next byte that needs the table.
            let start = i;
            while i < n && is_plain_ascii(bytes[i], table) {
                i += 1;
            }
            if i > start {
                let mut end = i;
                // The last ASCII letter may take marks from the next byte.
                if i < n && entries[usize::from(bytes[i])].mark != 0 {
                    let last = entries[usize::from(bytes[end - 1])].vowel;
                    if last != NO_VOWEL {
                        end -= 1;
                        pending = last;
                    }
                }
                push_ascii(out, &bytes[start..end]);
                if i >= n {
                    break;
                }
            }
        }
        let e = entries[usize::from(bytes[i])];
        i += 1;
        if e.mark != 0 && pending != NO_VOWEL {
            if let Some(v) = combine(pending, e.mark) {
                pending = v;
                continue;
            }
        }
        if pending != NO_VOWEL {
            out.push_str(vowel_str(pending));
            pending = NO_VOWEL;
        }
        if e.vowel != NO_VOWEL {
            pending = e.vowel;
            continue;
        }
        if e.mark != 0 && !vni {
            loose_marks = true;
        }
        if e.text == "\u{FFFD}" {
            replaced += 1;
        }
        out.push_str(e.text);
    }
    if pending != NO_VOWEL {
        out.push_str(vowel_str(pending));
    }
    (replaced, loose_marks)
}

// Printable ASCII and the usual whitespace decode to themselves in every
// table (the C0 letters of VN1 and VISCII are not whitespace).
#[inline(always)]
fn is_plain_ascii(b: u8, _table: Table) -> bool {
    (0x20..0x7F).contains(&b) || b == b'\n' || b == b'\r' || b == b'\t'
}

#[inline]
fn push_ascii(out: &mut String, run: &[u8]) {
    // The run is ASCII by construction; from_utf8 cannot fail here.
    if let Ok(s) = std::str::from_utf8(run) {
        out.push_str(s);
    }
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
    tables::CP1252_HIGH
        .iter()
        .position(|&h| h == c && h != '\u{FFFD}')
        .map(|p| 0x80 + p as u8)
}

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
}
