//! Decomposed Vietnamese composed by table: an ASCII vowel and its
//! Vietnamese combining marks to one precomposed letter, with two small
//! lookups instead of a char-level pipeline.

use std::sync::LazyLock;

use crate::syllable::letters::{letter_char, modify, Mark};
use crate::syllable::{combining_mark, Tone};

// Modifiers in the order of their ids 1..=3 in a mark byte (0 is none).
const MODIFIERS: [Mark; 3] = [Mark::Circumflex, Mark::Breve, Mark::Horn];

struct Tables {
    // per char U+0300..=U+037F: tone id (1..=5) | modifier id << 3, 0 if
    // the mark is not a Vietnamese one
    marks: [u8; 0x80],
    // per ASCII byte: 1 + the row of the vowel in `letters`, 0 otherwise
    vowel: [u8; 0x80],
    // per vowel row, modifier id and tone id: the letter, '\0' if none
    letters: [[[char; 6]; 4]; 12],
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut t = Tables {
        marks: [0; 0x80],
        vowel: [0; 0x80],
        letters: [[['\0'; 6]; 4]; 12],
    };
    for (k, slot) in t.marks.iter_mut().enumerate() {
        let Some(c) = char::from_u32(0x300 + k as u32) else {
            continue;
        };
        *slot = match combining_mark(c) {
            Some(Mark::Tone(tone)) => tone as u8,
            Some(m) => MODIFIERS
                .iter()
                .position(|&x| x == m)
                .map_or(0, |p| (p as u8 + 1) << 3),
            None => 0,
        };
    }
    for (row, &b) in b"aeiouyAEIOUY".iter().enumerate() {
        if let Some(slot) = t.vowel.get_mut(b as usize) {
            *slot = row as u8 + 1;
        }
        let code = b.to_ascii_lowercase();
        for (m, by_tone) in t.letters.get_mut(row).into_iter().flatten().enumerate() {
            let modified = match m.checked_sub(1) {
                None => Some(code),
                Some(k) => MODIFIERS.get(k).and_then(|&x| modify(code, x)),
            };
            let Some(code) = modified else { continue };
            for (tone, slot) in Tone::ALL.iter().zip(by_tone.iter_mut()) {
                let c = letter_char(code, *tone);
                *slot = if b.is_ascii_uppercase() {
                    c.to_uppercase().next().unwrap_or('\0')
                } else {
                    c
                };
            }
        }
    }
    t
});

/// Composes ASCII `base` with the combining marks at the start of `marks`
/// (two-byte chars U+0300..=U+037F). Returns the letter and the bytes of
/// marks used, or None when the general path must decide: a base that is no
/// vowel, a mark that is not Vietnamese, two different tones or two
/// modifiers, a modifier the vowel does not take. The same tone twice
/// counts once.
#[inline]
pub(super) fn compose(base: u8, marks: &[u8]) -> Option<(char, usize)> {
    let t = &*TABLES;
    let row = t
        .vowel
        .get(base as usize)
        .copied()
        .unwrap_or(0)
        .checked_sub(1)?;
    let (mut tone, mut modifier, mut used) = (0u8, 0u8, 0);
    while let (Some(&l @ (0xCC | 0xCD)), Some(&c1)) = (marks.get(used), marks.get(used + 1)) {
        let k = (usize::from(l & 1) << 6) | usize::from(c1 & 0x3F);
        let m = t.marks.get(k).copied().unwrap_or(0);
        let (mt, mm) = (m & 7, m >> 3);
        match (mt, mm) {
            (0, 0) => return None,
            (0, _) if modifier != 0 => return None,
            (0, _) => modifier = mm,
            _ if tone != 0 && tone != mt => return None,
            _ => tone = mt,
        }
        used += 2;
    }
    let c = *t
        .letters
        .get(row as usize)?
        .get(modifier as usize)?
        .get(tone as usize)?;
    (c != '\0').then_some((c, used))
}
