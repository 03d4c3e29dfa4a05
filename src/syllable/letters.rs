//! Per-letter analysis: a Vietnamese letter is a base letter, at most one
//! vowel modifier (or the stroke of `đ`) and at most one tone mark.
//!
//! Letters are coded as single bytes so that syllable parsing can run on a
//! small fixed array without allocating: ASCII `a`–`z` stand for themselves and
//! the modified letters use upper-case ASCII codes (`A`=â, `W`=ă, `E`=ê,
//! `O`=ô, `P`=ơ, `U`=ư, `D`=đ).

use super::Tone;

/// Code of â.
pub(crate) const A_CIRC: u8 = b'A';
/// Code of ă.
pub(crate) const A_BREVE: u8 = b'W';
/// Code of ê.
pub(crate) const E_CIRC: u8 = b'E';
/// Code of ô.
pub(crate) const O_CIRC: u8 = b'O';
/// Code of ơ.
pub(crate) const O_HORN: u8 = b'P';
/// Code of ư.
pub(crate) const U_HORN: u8 = b'U';
/// Code of đ.
pub(crate) const D_STROKE: u8 = b'D';

/// The vowel rows: the letter with each tone (level, grave, acute, hook,
/// tilde, dot below), lowercase.
pub(crate) const VOWEL_ROWS: [(u8, [char; 6]); 12] = [
    (b'a', ['a', 'à', 'á', 'ả', 'ã', 'ạ']),
    (A_BREVE, ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ']),
    (A_CIRC, ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ']),
    (b'e', ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ']),
    (E_CIRC, ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ']),
    (b'i', ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị']),
    (b'o', ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ']),
    (O_CIRC, ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ']),
    (O_HORN, ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ']),
    (b'u', ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ']),
    (U_HORN, ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự']),
    (b'y', ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
];

/// A combining mark that vietnorm understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Tone(Tone),
    Circumflex,
    Breve,
    Horn,
}

/// Classifies a combining mark, including the deprecated tone marks
/// U+0340/U+0341 that some legacy converters produce.
pub(crate) fn combining_mark(c: char) -> Option<Mark> {
    Some(match c {
        '\u{0300}' | '\u{0340}' => Mark::Tone(Tone::Grave),
        '\u{0301}' | '\u{0341}' => Mark::Tone(Tone::Acute),
        '\u{0309}' => Mark::Tone(Tone::Hook),
        '\u{0303}' => Mark::Tone(Tone::Tilde),
        '\u{0323}' => Mark::Tone(Tone::Dot),
        '\u{0302}' => Mark::Circumflex,
        '\u{0306}' => Mark::Breve,
        '\u{031B}' => Mark::Horn,
        _ => return None,
    })
}

/// The combining character of a tone (None for the level tone).
#[allow(dead_code)] // used by the normalizer
pub(crate) fn tone_char(t: Tone) -> Option<char> {
    match t {
        Tone::Level => None,
        Tone::Grave => Some('\u{0300}'),
        Tone::Acute => Some('\u{0301}'),
        Tone::Hook => Some('\u{0309}'),
        Tone::Tilde => Some('\u{0303}'),
        Tone::Dot => Some('\u{0323}'),
    }
}

/// Applies a modifier to a base code.
pub(crate) fn modify(code: u8, m: Mark) -> Option<u8> {
    Some(match (code, m) {
        (b'a', Mark::Circumflex) => A_CIRC,
        (b'e', Mark::Circumflex) => E_CIRC,
        (b'o', Mark::Circumflex) => O_CIRC,
        (b'a', Mark::Breve) => A_BREVE,
        (b'o', Mark::Horn) => O_HORN,
        (b'u', Mark::Horn) => U_HORN,
        _ => return None,
    })
}

/// The unmodified base of a code (â → a, đ → d).
pub(crate) fn base(code: u8) -> u8 {
    match code {
        A_CIRC | A_BREVE => b'a',
        E_CIRC => b'e',
        O_CIRC | O_HORN => b'o',
        U_HORN => b'u',
        D_STROKE => b'd',
        c => c,
    }
}

/// True for vowel codes.
pub(crate) fn is_vowel(code: u8) -> bool {
    matches!(
        code,
        b'a' | b'e'
            | b'i'
            | b'o'
            | b'u'
            | b'y'
            | A_CIRC
            | A_BREVE
            | E_CIRC
            | O_CIRC
            | O_HORN
            | U_HORN
    )
}

/// True for vowel codes that carry a modifier.
pub(crate) fn is_modified_vowel(code: u8) -> bool {
    matches!(code, A_CIRC | A_BREVE | E_CIRC | O_CIRC | O_HORN | U_HORN)
}

/// The lowercase char of a code with a tone.
pub(crate) fn letter_char(code: u8, tone: Tone) -> char {
    // a direct match, not a search: this runs for every composed letter
    let row = match code {
        b'a' => 0,
        A_BREVE => 1,
        A_CIRC => 2,
        b'e' => 3,
        E_CIRC => 4,
        b'i' => 5,
        b'o' => 6,
        O_CIRC => 7,
        O_HORN => 8,
        b'u' => 9,
        U_HORN => 10,
        b'y' => 11,
        D_STROKE => return 'đ',
        c => return c as char,
    };
    VOWEL_ROWS
        .get(row)
        .and_then(|(_, r)| r.get(tone as usize))
        .copied()
        .unwrap_or('?')
}

/// A precomposed or plain letter: code, tone, upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LetterInfo {
    pub code: u8,
    pub tone: Tone,
    pub upper: bool,
}

/// Looks up a letter. ASCII letters and every precomposed Vietnamese letter
/// are known; anything else returns None.
pub(crate) fn letter_info(c: char) -> Option<LetterInfo> {
    if c.is_ascii_alphabetic() {
        return Some(LetterInfo {
            code: c.to_ascii_lowercase() as u8,
            tone: Tone::Level,
            upper: c.is_ascii_uppercase(),
        });
    }
    let cp = c as u32;
    let t = &*TABLE;
    match cp {
        0xC0..=0x1B0 => t.latin.get((cp - 0xC0) as usize).copied().flatten(),
        0x1EA0..=0x1EF9 => t.ext.get((cp - 0x1EA0) as usize).copied().flatten(),
        _ => None,
    }
}

// Direct-indexed tables for the two ranges that hold every precomposed
// Vietnamese letter: U+00C0..=U+01B0 and U+1EA0..=U+1EF9.
struct LetterTable {
    latin: Vec<Option<LetterInfo>>,
    ext: Vec<Option<LetterInfo>>,
}

static TABLE: std::sync::LazyLock<LetterTable> = std::sync::LazyLock::new(|| {
    let mut t = LetterTable {
        latin: vec![None; 0x1B1 - 0xC0],
        ext: vec![None; 0x1EFA - 0x1EA0],
    };
    for (ch, info) in LETTERS.iter() {
        let cp = *ch as u32;
        let slot = match cp {
            0xC0..=0x1B0 => t.latin.get_mut((cp - 0xC0) as usize),
            0x1EA0..=0x1EF9 => t.ext.get_mut((cp - 0x1EA0) as usize),
            _ => None,
        };
        if let Some(slot) = slot {
            *slot = Some(*info);
        }
    }
    t
});

static LETTERS: std::sync::LazyLock<Vec<(char, LetterInfo)>> = std::sync::LazyLock::new(|| {
    let mut v = Vec::with_capacity(160);
    for (code, row) in VOWEL_ROWS {
        for (i, &ch) in row.iter().enumerate() {
            let tone = Tone::ALL.get(i).copied().unwrap_or(Tone::Level);
            if !ch.is_ascii() {
                v.push((
                    ch,
                    LetterInfo {
                        code,
                        tone,
                        upper: false,
                    },
                ));
            }
            for up in ch.to_uppercase() {
                if !up.is_ascii() {
                    v.push((
                        up,
                        LetterInfo {
                            code,
                            tone,
                            upper: true,
                        },
                    ));
                }
            }
        }
    }
    v.push((
        'đ',
        LetterInfo {
            code: D_STROKE,
            tone: Tone::Level,
            upper: false,
        },
    ));
    v.push((
        'Đ',
        LetterInfo {
            code: D_STROKE,
            tone: Tone::Level,
            upper: true,
        },
    ));
    v.sort_by_key(|e| e.0);
    v.dedup_by_key(|e| e.0);
    v
});

/// One analysed letter of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Slot {
    /// Letter code (see module docs); 0 for a letter vietnorm does not know.
    pub code: u8,
    /// True when the letter is upper case.
    pub upper: bool,
    /// The first tone mark on the letter.
    pub tone: Option<Tone>,
    /// Tone marks after the first (two marks on one letter, or the same mark twice).
    pub extra_tones: u8,
    /// Modifier marks that did not fit the letter (a breve on `e`, two circumflexes …).
    pub bad_marks: u8,
}

/// Maximum letters in a token that can be a syllable (`nghiêng` has 7).
pub(crate) const MAX_LETTERS: usize = 8;

/// Letters of a token; `len` may exceed MAX_LETTERS, then only the count is kept.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Letters {
    pub slots: [Slot; MAX_LETTERS],
    pub len: usize,
    /// A combining mark with no letter before it, or a char that is no letter.
    pub foreign: bool,
}

impl Letters {
    /// The analysed letters (empty when the token is too long).
    pub fn as_slice(&self) -> &[Slot] {
        self.slots.get(..self.len).unwrap_or(&[])
    }
}

/// Analyses the letters of `word` (NFC, NFD or a mix).
pub(crate) fn analyse(word: &str) -> Letters {
    let mut out = Letters::default();
    for c in word.chars() {
        if let Some(m) = combining_mark(c) {
            let Some(slot) = out.len.checked_sub(1).and_then(|i| out.slots.get_mut(i)) else {
                out.foreign = true;
                continue;
            };
            match m {
                Mark::Tone(t) => {
                    if slot.tone.is_none() {
                        slot.tone = Some(t);
                    } else {
                        slot.extra_tones = slot.extra_tones.saturating_add(1);
                    }
                }
                _ => match modify(slot.code, m) {
                    Some(code) => slot.code = code,
                    None => slot.bad_marks = slot.bad_marks.saturating_add(1),
                },
            }
            continue;
        }
        let info = letter_info(c);
        if let Some(slot) = out.slots.get_mut(out.len) {
            *slot = match info {
                Some(i) => Slot {
                    code: i.code,
                    upper: i.upper,
                    tone: (i.tone != Tone::Level).then_some(i.tone),
                    extra_tones: 0,
                    bad_marks: 0,
                },
                None => Slot {
                    code: 0,
                    upper: c.is_uppercase(),
                    ..Slot::default()
                },
            };
        }
        if info.is_none() {
            out.foreign = true;
        }
        out.len += 1;
    }
    out
}
