//! Per-letter analysis of a token: base letter, case, modifier marks, tone marks.
//!
//! The channel model compares an observed token with an intended syllable
//! letter by letter, so each letter is split into an ASCII base and the marks
//! stacked on it (in any order, precomposed or combining). `đ` counts as `d`
//! carrying the "bar" modifier.

use std::sync::OnceLock;

/// No tone.
pub(crate) const T_NONE: u8 = 0;
/// Tones, in the order huyền, sắc, hỏi, ngã, nặng.
pub(crate) const T_GRAVE: u8 = 1;
pub(crate) const T_ACUTE: u8 = 2;
pub(crate) const T_HOOK: u8 = 3;
pub(crate) const T_TILDE: u8 = 4;
pub(crate) const T_DOT: u8 = 5;

/// No modifier.
#[cfg(test)]
pub(crate) const M_NONE: u8 = 0;
/// Modifiers: circumflex (â ê ô), breve (ă), horn (ơ ư), bar (đ).
pub(crate) const M_CIRC: u8 = 1;
pub(crate) const M_BREVE: u8 = 2;
pub(crate) const M_HORN: u8 = 3;
pub(crate) const M_BAR: u8 = 4;

/// Longest letter run analysed; longer runs are never syllables.
pub(crate) const MAX_LETTERS: usize = 12;

/// One observed letter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Letter {
    /// ASCII lowercase base letter.
    pub base: u8,
    /// Written in upper case.
    pub upper: bool,
    /// Bit set of modifiers present (bit `1 << M_*`).
    pub mods: u8,
    /// Number of modifier marks (counts repeats).
    pub n_mods: u8,
    /// Bit set of tones present (bit `1 << T_*`).
    pub tones: u8,
    /// Number of tone marks (counts repeats).
    pub n_tones: u8,
    /// Marks that Vietnamese never uses (diaeresis, caron, ...).
    pub other: u8,
}

impl Letter {
    /// The first (lowest-numbered) modifier, or `M_NONE`.
    pub fn first_mod(&self) -> u8 {
        first_bit(self.mods)
    }

    /// The first (lowest-numbered) tone, or `T_NONE`.
    pub fn first_tone(&self) -> u8 {
        first_bit(self.tones)
    }

    fn add_mark(&mut self, mark: Mark) {
        match mark {
            Mark::Tone(t) => {
                self.tones |= 1 << t;
                self.n_tones = self.n_tones.saturating_add(1);
            }
            Mark::Mod(m) => {
                self.mods |= 1 << m;
                self.n_mods = self.n_mods.saturating_add(1);
            }
            Mark::Other => self.other = self.other.saturating_add(1),
        }
    }
}

fn first_bit(set: u8) -> u8 {
    if set == 0 {
        0
    } else {
        set.trailing_zeros() as u8
    }
}

/// True for the six vowel bases.
pub(crate) fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// True when a base letter can carry modifier `m` in Vietnamese spelling.
pub(crate) fn mod_fits(base: u8, m: u8) -> bool {
    matches!(
        (base, m),
        (b'a', M_CIRC)
            | (b'e', M_CIRC)
            | (b'o', M_CIRC)
            | (b'a', M_BREVE)
            | (b'o', M_HORN)
            | (b'u', M_HORN)
            | (b'd', M_BAR)
    )
}

#[derive(Clone, Copy)]
enum Mark {
    Tone(u8),
    Mod(u8),
    Other,
}

/// Classify a combining mark (U+0300..U+036F); `None` if `c` is not one.
fn combining(c: char) -> Option<Mark> {
    Some(match c {
        '\u{300}' | '\u{340}' => Mark::Tone(T_GRAVE),
        '\u{301}' | '\u{341}' => Mark::Tone(T_ACUTE),
        '\u{309}' => Mark::Tone(T_HOOK),
        '\u{303}' => Mark::Tone(T_TILDE),
        '\u{323}' => Mark::Tone(T_DOT),
        '\u{302}' => Mark::Mod(M_CIRC),
        '\u{306}' => Mark::Mod(M_BREVE),
        '\u{31b}' => Mark::Mod(M_HORN),
        '\u{300}'..='\u{36f}' => Mark::Other,
        _ => return None,
    })
}

/// True for a combining mark in U+0300..U+036F.
pub(crate) fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

const TABLE_LO: u32 = 0xC0;
const TABLE_HI: u32 = 0x1F00;

// Packed analysis of a precomposed char: bits 0-4 base index + 1 (0 = not a
// Latin letter we understand), bit 5 upper, bits 6-8 modifier, bits 9-11 tone,
// bits 12-13 count of other marks, bit 14: more than one modifier or tone
// (never happens for real letters, kept for safety).
fn table() -> &'static [u16] {
    static TABLE: OnceLock<Vec<u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = vec![0u16; (TABLE_HI - TABLE_LO) as usize];
        for (i, slot) in t.iter_mut().enumerate() {
            let Some(c) = char::from_u32(TABLE_LO + i as u32) else {
                continue;
            };
            *slot = pack(c);
        }
        t
    })
}

fn pack(c: char) -> u16 {
    if c == 'đ' || c == 'Đ' {
        let upper = c == 'Đ';
        return (u16::from(b'd' - b'a') + 1) | (u16::from(upper) << 5) | (u16::from(M_BAR) << 6);
    }
    let mut base: Option<char> = None;
    let mut letter = Letter::default();
    let mut bad = false;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        } else if let Some(m) = combining(d) {
            letter.add_mark(m);
        } else {
            bad = true;
        }
    });
    let Some(b) = base else { return 0 };
    if bad || !b.is_ascii_alphabetic() || b == c {
        return 0;
    }
    if letter.n_mods > 1 || letter.n_tones > 1 {
        return 0;
    }
    let upper = b.is_ascii_uppercase();
    let idx = (b.to_ascii_lowercase() as u8 - b'a') as u16 + 1;
    idx | (u16::from(upper) << 5)
        | (u16::from(letter.first_mod()) << 6)
        | (u16::from(letter.first_tone()) << 9)
        | (u16::from(letter.other.min(3)) << 12)
}

/// Analyse one char as the start of a letter. `None` when the char is not a
/// Latin letter that Vietnamese spelling can describe (CJK, ø, ß, ...).
pub(crate) fn letter_of(c: char) -> Option<Letter> {
    if c.is_ascii_alphabetic() {
        return Some(Letter {
            base: c.to_ascii_lowercase() as u8,
            upper: c.is_ascii_uppercase(),
            ..Letter::default()
        });
    }
    let cp = c as u32;
    if !(TABLE_LO..TABLE_HI).contains(&cp) {
        return None;
    }
    let v = *table().get((cp - TABLE_LO) as usize)?;
    if v & 31 == 0 {
        return None;
    }
    let mut l = Letter {
        base: b'a' + (v & 31) as u8 - 1,
        upper: v & 32 != 0,
        ..Letter::default()
    };
    let m = ((v >> 6) & 7) as u8;
    if m != 0 {
        l.add_mark(Mark::Mod(m));
    }
    let t = ((v >> 9) & 7) as u8;
    if t != 0 {
        l.add_mark(Mark::Tone(t));
    }
    l.other = ((v >> 12) & 3) as u8;
    Some(l)
}

/// An analysed letter run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Analysis {
    pub letters: [Letter; MAX_LETTERS],
    pub len: usize,
}

impl Analysis {
    /// The letters.
    pub fn letters(&self) -> &[Letter] {
        self.letters.get(..self.len).unwrap_or(&[])
    }

    /// Lowercase ASCII skeleton into `out` (cleared first).
    pub fn skeleton_into(&self, out: &mut Vec<u8>) {
        out.clear();
        out.extend(self.letters().iter().map(|l| l.base));
    }

    /// Total marks on the run.
    pub fn n_marks(&self) -> usize {
        self.letters()
            .iter()
            .map(|l| (l.n_mods + l.n_tones + l.other) as usize)
            .sum()
    }

    /// Tone marks on the run.
    pub fn n_tones(&self) -> usize {
        self.letters().iter().map(|l| l.n_tones as usize).sum()
    }

    /// Number of upper-case letters.
    pub fn n_upper(&self) -> usize {
        self.letters().iter().filter(|l| l.upper).count()
    }

    /// Marks that no Vietnamese letter carries: two modifiers or two tones on
    /// one letter, a modifier on a letter that cannot take it, a tone on a
    /// consonant, foreign marks. Hard evidence of damage.
    pub fn stacked_letter(&self) -> bool {
        self.letters().iter().any(|l| {
            l.n_mods > 1
                || l.n_tones > 1
                || l.other > 0
                || (l.n_mods == 1 && !mod_fits(l.base, l.first_mod()))
                || (l.n_tones > 0 && !is_vowel(l.base))
        })
    }
}

/// Analyse a letter run (letters and combining marks). `None` if it holds a
/// char we cannot describe, starts with a mark, or is longer than
/// [`MAX_LETTERS`].
pub(crate) fn analyse(word: &str) -> Option<Analysis> {
    let mut a = Analysis {
        letters: [Letter::default(); MAX_LETTERS],
        len: 0,
    };
    for c in word.chars() {
        if let Some(m) = combining(c) {
            let last = a.len.checked_sub(1)?;
            a.letters.get_mut(last)?.add_mark(m);
            continue;
        }
        let l = letter_of(c)?;
        *a.letters.get_mut(a.len)? = l;
        a.len += 1;
    }
    if a.len == 0 {
        None
    } else {
        Some(a)
    }
}

/// Write letter `base` with modifier `m`, tone `t` and case `upper` as one NFC char
/// (plus nothing else), when such a precomposed char exists.
pub(crate) fn compose(base: u8, m: u8, t: u8, upper: bool) -> Option<char> {
    let mut s = String::with_capacity(4);
    let b = if upper {
        base.to_ascii_uppercase()
    } else {
        base
    } as char;
    if m == M_BAR {
        if base != b'd' || t != T_NONE {
            return None;
        }
        return Some(if upper { 'Đ' } else { 'đ' });
    }
    s.push(b);
    match m {
        M_CIRC => s.push('\u{302}'),
        M_BREVE => s.push('\u{306}'),
        M_HORN => s.push('\u{31b}'),
        _ => {}
    }
    match t {
        T_GRAVE => s.push('\u{300}'),
        T_ACUTE => s.push('\u{301}'),
        T_HOOK => s.push('\u{309}'),
        T_TILDE => s.push('\u{303}'),
        T_DOT => s.push('\u{323}'),
        _ => {}
    }
    let mut it = unicode_normalization::UnicodeNormalization::nfc(s.as_str());
    let c = it.next()?;
    if it.next().is_some() {
        None
    } else {
        Some(c)
    }
}

/// The combining char for tone `t`.
pub(crate) fn tone_mark(t: u8) -> Option<char> {
    Some(match t {
        T_GRAVE => '\u{300}',
        T_ACUTE => '\u{301}',
        T_HOOK => '\u{309}',
        T_TILDE => '\u{303}',
        T_DOT => '\u{323}',
        _ => return None,
    })
}

/// The combining char for modifier `m` (not the bar).
pub(crate) fn mod_mark(m: u8) -> Option<char> {
    Some(match m {
        M_CIRC => '\u{302}',
        M_BREVE => '\u{306}',
        M_HORN => '\u{31b}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyses_precomposed_and_stacked() {
        let a = analyse("Nghị").unwrap();
        assert_eq!(a.len, 4);
        assert!(a.letters[0].upper);
        assert_eq!(a.letters[3].first_tone(), T_DOT);
        assert!(!a.stacked_letter() && a.n_tones() == 1);
        let a = analyse("họ\u{301}p").unwrap();
        assert_eq!(a.letters[1].n_tones, 2);
        assert!(a.stacked_letter());
        let a = analyse("qũýết").unwrap();
        assert!(a.n_tones() > 1);
        let a = analyse("ĐẮK").unwrap();
        assert_eq!(a.letters[0].first_mod(), M_BAR);
        assert_eq!(a.letters[1].first_mod(), M_BREVE);
        assert_eq!(a.letters[1].first_tone(), T_ACUTE);
        assert!(a.letters[1].upper);
        assert!(analyse("straße").is_none());
        assert!(analyse("\u{301}a").is_none());
    }

    #[test]
    fn composes() {
        assert_eq!(compose(b'a', M_CIRC, T_ACUTE, false), Some('ấ'));
        assert_eq!(compose(b'u', M_HORN, T_DOT, true), Some('Ự'));
        assert_eq!(compose(b'd', M_BAR, T_NONE, true), Some('Đ'));
        assert_eq!(compose(b'o', M_NONE, T_NONE, false), Some('o'));
        assert_eq!(compose(b'm', M_NONE, T_ACUTE, false), Some('ḿ'));
    }
}
