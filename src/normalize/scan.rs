//! The fast path: a byte-level scan that finds the first word needing work.
//!
//! Clean NFC Vietnamese text is mostly ASCII plus two- and three-byte
//! letters whose lead bytes say almost everything. A few byte tables tell,
//! per char, whether it may need work (combining marks, odd spaces,
//! invisible chars, look-alikes, styled letters, anything NFC could change)
//! and, for Vietnamese vowels, whether they carry a tone or a modifier. A
//! toned vowel next to another vowel is checked against the placement rules
//! right there, from its neighbours, so correctly placed tones cost a few
//! table lookups and no char decoding.

use std::sync::LazyLock;

use super::TonePolicy;
use crate::syllable::letters::{letter_info, LetterInfo};

// Info byte layout.
pub(super) const DIRTY: u8 = 0x80;
const LETTER: u8 = 0x40;
const VOWEL: u8 = 0x20;
const TONED: u8 = 0x10;
const MODIFIED: u8 = 0x08;
const BASE_MASK: u8 = 0x07;
// base ids for vowels
const B_A: u8 = 1;
const B_E: u8 = 2;
const B_I: u8 = 3;
const B_O: u8 = 4;
const B_U: u8 = 5;
const B_Y: u8 = 6;
// base ids for consonants that take part in the rules
const C_Q: u8 = 1;
const C_G: u8 = 2;

struct Tables {
    ascii: [u8; 128],
    // lead bytes C2..=CD, indexed by the continuation byte's low six bits
    two: [[u8; 64]; 12],
    // E1 BA xx and E1 BB xx
    three: [[u8; 64]; 2],
    // TONED for bytes next to which a toned vowel may be misplaced: ASCII
    // vowels and any byte of a non-ASCII char
    near: [u8; 256],
}

fn info_of(i: LetterInfo) -> u8 {
    use crate::syllable::letters as l;
    let base = match l::base(i.code) {
        b'a' => B_A,
        b'e' => B_E,
        b'i' => B_I,
        b'o' => B_O,
        b'u' => B_U,
        b'y' => B_Y,
        _ => 0,
    };
    if base == 0 {
        let c = match i.code {
            b'q' => C_Q,
            b'g' => C_G,
            _ => 0,
        };
        return LETTER | c;
    }
    let mut v = LETTER | VOWEL | base;
    if i.tone != crate::syllable::Tone::Level {
        v |= TONED;
    }
    if l::is_modified_vowel(i.code) {
        v |= MODIFIED;
    }
    v
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut t = Tables {
        ascii: [0; 128],
        two: [[0; 64]; 12],
        three: [[0; 64]; 2],
        near: [0; 256],
    };
    for (b, slot) in t.near.iter_mut().enumerate() {
        if b >= 0x80 || b"aeiouyAEIOUY".contains(&(b as u8)) {
            *slot = TONED;
        }
    }
    for b in 0u8..128 {
        let c = b as char;
        if let Some(i) = letter_info(c) {
            t.ascii[b as usize] = info_of(i);
        }
    }
    // two-byte chars U+0080..=U+037F
    for cp in 0x80u32..0x380 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let mut buf = [0u8; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        let (Some(&lead), Some(&cont)) = (bytes.first(), bytes.get(1)) else {
            continue;
        };
        if !(0xC2..=0xCD).contains(&lead) {
            continue;
        }
        let v = if super::fold::needs_work(c) {
            DIRTY
        } else if let Some(i) = letter_info(c) {
            info_of(i)
        } else if c.is_alphabetic() {
            LETTER
        } else {
            0
        };
        if let Some(slot) = t
            .two
            .get_mut((lead - 0xC2) as usize)
            .and_then(|r| r.get_mut((cont & 0x3F) as usize))
        {
            *slot = v;
        }
    }
    for cp in 0x1E80u32..0x1F00 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let mut buf = [0u8; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        let (Some(&mid), Some(&last)) = (bytes.get(1), bytes.get(2)) else {
            continue;
        };
        let row = match mid {
            0xBA => 0,
            0xBB => 1,
            _ => continue,
        };
        let v = if super::fold::needs_work(c) {
            DIRTY
        } else if let Some(i) = letter_info(c) {
            info_of(i)
        } else {
            LETTER
        };
        if let Some(slot) = t
            .three
            .get_mut(row)
            .and_then(|r| r.get_mut((last & 0x3F) as usize))
        {
            *slot = v;
        }
    }
    t
});

/// Info byte and length of the char starting at `i` (a char boundary).
#[inline(always)]
fn char_info(t: &Tables, bytes: &[u8], i: usize) -> (u8, usize) {
    let b = bytes.get(i).copied().unwrap_or(0);
    if b < 0x80 {
        return (t.ascii.get(b as usize).copied().unwrap_or(0), 1);
    }
    let c1 = bytes.get(i + 1).copied().unwrap_or(0);
    match b {
        0xC2..=0xCD => {
            let v = t
                .two
                .get((b - 0xC2) as usize)
                .and_then(|r| r.get((c1 & 0x3F) as usize))
                .copied()
                .unwrap_or(DIRTY);
            (v, 2)
        }
        0xE1 if c1 == 0xBA || c1 == 0xBB => {
            let c2 = bytes.get(i + 2).copied().unwrap_or(0);
            let row = (c1 - 0xBA) as usize;
            (
                t.three
                    .get(row)
                    .and_then(|r| r.get((c2 & 0x3F) as usize))
                    .copied()
                    .unwrap_or(DIRTY),
                3,
            )
        }
        0xE2 => {
            let c2 = bytes.get(i + 2).copied().unwrap_or(0);
            // general punctuation: spaces, zero-width and bidi marks need work;
            // dashes, quotes, bullets and the ellipsis do not
            let dirty = match c1 {
                0x80 => !(0x90..=0xA7).contains(&c2) && !(0xB0..=0xBF).contains(&c2),
                0x81 => c2 >= 0x9F,
                0x82 | 0x86..=0x8B | 0x8D..=0xAA | 0xAC..=0xBF => false,
                _ => true,
            };
            (if dirty { DIRTY } else { 0 }, 3)
        }
        _ => {
            // anything else: decode and ask the general rule
            let len = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let c = bytes
                .get(i..i + len)
                .and_then(|s| std::str::from_utf8(s).ok())
                .and_then(|s| s.chars().next());
            match c {
                Some(c) if !super::fold::needs_work(c) => {
                    (if c.is_alphabetic() { LETTER } else { 0 }, len)
                }
                _ => (DIRTY, len),
            }
        }
    }
}

/// Length of the UTF-8 sequence that lead byte `b` starts.
#[inline]
pub(super) fn utf8_len(b: u8) -> usize {
    match b {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Start of the last char before byte `i`.
#[inline]
pub(super) fn prev_start(bytes: &[u8], mut i: usize) -> Option<usize> {
    while i > 0 {
        i -= 1;
        if bytes.get(i).is_some_and(|b| (b & 0xC0) != 0x80) {
            return Some(i);
        }
    }
    None
}

/// Checks the tone placement of the vowel cluster around the toned vowel at
/// `i` (info `v`, `len` bytes). True when the word needs the slow path.
#[cold]
fn cluster_needs_work(t: &Tables, bytes: &[u8], i: usize, len: usize, policy: TonePolicy) -> bool {
    // collect up to 3 vowels before and after
    let mut vowels = [0u8; 8];
    let mut n = 0usize;
    let mut before = 0u8;
    let mut back = [0u8; 4];
    let mut nb = 0;
    let mut p = i;
    while let Some(s) = prev_start(bytes, p) {
        let (v, _) = char_info(t, bytes, s);
        if v & VOWEL != 0 && nb < 4 {
            back[nb] = v;
            nb += 1;
            p = s;
        } else {
            before = v;
            break;
        }
    }
    if nb >= 4 {
        return true;
    }
    for k in (0..nb).rev() {
        vowels[n] = back[k];
        n += 1;
    }
    let (v, _) = char_info(t, bytes, i);
    let tone_at = n;
    vowels[n] = v;
    n += 1;
    let mut q = i + len;
    let mut coda = false;
    loop {
        let (v, l) = char_info(t, bytes, q);
        if q >= bytes.len() {
            break;
        }
        if v & VOWEL != 0 {
            if n >= 5 {
                return true;
            }
            vowels[n] = v;
            n += 1;
            q += l;
        } else {
            coda = v & LETTER != 0 && v & DIRTY == 0;
            break;
        }
    }
    let cl = vowels.get(..n).unwrap_or(&[]);
    if cl.iter().filter(|&&v| v & TONED != 0).count() > 1 {
        return true;
    }
    let (cl, t_at) = match cl {
        [first, _, ..]
            if (before & LETTER != 0 && before & VOWEL == 0)
                && ((before & BASE_MASK == C_Q && first & BASE_MASK == B_U)
                    || (before & BASE_MASK == C_G && first & BASE_MASK == B_I)) =>
        {
            if tone_at == 0 {
                return true;
            }
            (cl.get(1..).unwrap_or(&[]), tone_at - 1)
        }
        _ => (cl, tone_at),
    };
    if cl.len() > 3 {
        return false; // not a syllable; nothing to place
    }
    if let Some(m) = cl.iter().rposition(|&v| v & MODIFIED != 0) {
        return t_at != m;
    }
    if coda {
        return t_at + 1 != cl.len();
    }
    match cl {
        [_] => false,
        [a, b] => {
            let (a, b) = (a & BASE_MASK, b & BASE_MASK);
            let glide = matches!((a, b), (B_O, B_A) | (B_O, B_E) | (B_U, B_Y));
            match (glide, policy) {
                (true, TonePolicy::Keep) => false,
                (true, TonePolicy::Classic) => t_at != 0,
                (true, TonePolicy::Modern) => t_at != 1,
                (false, _) => t_at != 0,
            }
        }
        [_, _, _] => t_at != 1,
        _ => false,
    }
}

#[inline]
pub(super) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// Byte offset of the first char at or after `from` whose word needs the
/// slow path (a dirty char, or a toned vowel whose placement needs work).
pub(super) fn first_dirty(text: &str, from: usize, policy: TonePolicy) -> Option<usize> {
    let bytes = text.as_bytes();
    let t = &*TABLES;
    let mut i = from;
    while i < bytes.len() {
        // jump to the next non-ASCII char eight bytes at a time: the first
        // high bit in the word says how far
        match bytes.get(i..i + 8) {
            Some(chunk) => {
                let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                let high = w & 0x8080_8080_8080_8080;
                if high == 0 {
                    i += 8;
                    continue;
                }
                i += (high.trailing_zeros() / 8) as usize;
            }
            None => {
                while bytes.get(i).is_some_and(|&b| b < 0x80) {
                    i += 1;
                }
                if i >= bytes.len() {
                    break;
                }
            }
        }
        let (v, len) = char_info(t, bytes, i);
        // a toned vowel between ASCII non-vowels is always right: one test
        // on both neighbour bytes spares the placement check for most
        let near = |p: usize| bytes.get(p).map_or(0, |&b| t.near[b as usize]);
        if v & (DIRTY | near(i + len) | near(i.wrapping_sub(1))) != 0
            && (v & DIRTY != 0 || toned_needs_check(t, bytes, i, v, len, policy))
        {
            return Some(i);
        }
        i += len;
    }
    None
}

// Info of the char before byte `i` and its start (0 and `i` at the start).
#[inline(always)]
fn info_before(t: &Tables, bytes: &[u8], i: usize) -> (u8, usize) {
    match i.checked_sub(1).and_then(|p| bytes.get(p)) {
        Some(&b) if b < 0x80 => (t.ascii.get(b as usize).copied().unwrap_or(0), i - 1),
        _ => prev_start(bytes, i).map_or((0, i), |s| (char_info(t, bytes, s).0, s)),
    }
}

// Whether the toned vowel at `i` (info `v`, `len` bytes) needs the slow path.
// The clusters of clean text are settled here from the neighbours' info
// bytes; only the rarer shapes go to the full cluster check.
#[inline]
fn toned_needs_check(
    t: &Tables,
    bytes: &[u8],
    i: usize,
    v: u8,
    len: usize,
    policy: TonePolicy,
) -> bool {
    let (next, next_len) = char_info(t, bytes, i + len);
    if v & MODIFIED != 0 {
        // the tone belongs on the last modified vowel: it is misplaced only
        // when another modified vowel follows (trừơng)
        return next & MODIFIED != 0;
    }
    let (prev, prev_at) = info_before(t, bytes, i);
    if next & VOWEL == 0 {
        if prev & VOWEL == 0 {
            // a lone vowel (even after the qu/gi onsets): nothing to place
            return false;
        }
        // a plain vowel, then the toned one, then no vowel (hoàn, quả, giá,
        // hoà): settled by the pair, the onset and the coda
        if prev & (TONED | MODIFIED) == 0 && next & DIRTY == 0 {
            let before = info_before(t, bytes, prev_at).0;
            if before & VOWEL == 0 {
                let onset_glide = before & LETTER != 0
                    && matches!(
                        (before & BASE_MASK, prev & BASE_MASK),
                        (C_Q, B_U) | (C_G, B_I)
                    );
                if onset_glide || next & LETTER != 0 {
                    // the u of qu and the i of gi belong to the onset; before
                    // a coda the tone goes on the last vowel
                    return false;
                }
                let glide = matches!(
                    (prev & BASE_MASK, v & BASE_MASK),
                    (B_O, B_A) | (B_O, B_E) | (B_U, B_Y)
                );
                return !glide || policy == TonePolicy::Classic;
            }
        }
        return cluster_needs_work(t, bytes, i, len, policy);
    }
    // a toned plain vowel, a plain vowel and the end of the letters (của,
    // tài, mùa): right unless the pair is oa/oe/uy under the modern policy
    let prev_cons = prev & LETTER != 0 && prev & VOWEL == 0 && prev & BASE_MASK != 0;
    if prev & VOWEL == 0 && !prev_cons && next & (VOWEL | TONED | MODIFIED) == VOWEL {
        let after = char_info(t, bytes, i + len + next_len).0;
        if after & LETTER == 0 {
            let glide = matches!(
                (v & BASE_MASK, next & BASE_MASK),
                (B_O, B_A) | (B_O, B_E) | (B_U, B_Y)
            );
            return glide && policy == TonePolicy::Modern;
        }
    }
    cluster_needs_work(t, bytes, i, len, policy)
}

/// Start of the word (after the last ASCII whitespace) containing byte `i`,
/// looking back no further than `from`.
pub(super) fn word_start(bytes: &[u8], from: usize, i: usize) -> usize {
    let head = bytes.get(from..i).unwrap_or(&[]);
    head.iter()
        .rposition(|&b| is_ascii_space(b))
        .map_or(from, |p| from + p + 1)
}

/// End of the word containing byte `i` (the next ASCII whitespace or the end).
pub(super) fn word_end(bytes: &[u8], i: usize) -> usize {
    let tail = bytes.get(i..).unwrap_or(&[]);
    tail.iter()
        .position(|&b| is_ascii_space(b))
        .map_or(bytes.len(), |p| i + p)
}
