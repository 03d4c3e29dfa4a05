//! VIQR (RFC 1456): Vietnamese written in ASCII with marks typed after the
//! vowel: `(` breve, `^` circumflex, `+` horn, `'` acute, `` ` `` grave,
//! `?` hook, `~` tilde, `.` dot below; `dd` is đ and `\` escapes a mark.
//!
//! Plain ASCII text is full of these characters, so this decoder runs only
//! when the caller forces it or detection finds VIQR words throughout.

use super::legacy::{combine_lookup as combine, NO_VOWEL, VOWEL_UTF8};

const fn vowel_code(c: u8) -> u8 {
    let (base, upper) = match c {
        b'a' => (0, false),
        b'e' => (3, false),
        b'i' => (5, false),
        b'o' => (6, false),
        b'u' => (9, false),
        b'y' => (11, false),
        b'A' => (0, true),
        b'E' => (3, true),
        b'I' => (5, true),
        b'O' => (6, true),
        b'U' => (9, true),
        b'Y' => (11, true),
        _ => return NO_VOWEL,
    };
    (upper as u8) * 72 + base * 6
}

const fn mark_code(c: u8) -> u8 {
    match c {
        b'^' => 1 + 6,
        b'(' => 1 + 12,
        b'+' => 1 + 18,
        b'`' => 1 + 1,
        b'?' => 1 + 2,
        b'~' => 1 + 3,
        b'\'' => 1 + 4,
        b'.' => 1 + 5,
        _ => 0,
    }
}

/// Decodes VIQR text. Characters outside ASCII pass through.
///
/// Works on bytes: the output is at most 1.5 times the input (`a.` → `ạ`
/// is the worst case), so it is written into one buffer sized for that,
/// and a mark rewrites the vowel just written in place.
pub(crate) fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // `a.` -> `ạ` (2 bytes -> 3) is the worst growth; a vowel is written
    // with 4 bytes of room
    let mut out = vec![0u8; n + n / 2 + 8];
    let mut o = 0usize;
    // the vowel being built: its start in `out` and its code
    let mut cur_pos = 0usize;
    let mut cur = NO_VOWEL;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let kind = KIND[usize::from(b)];
        if kind == K_PLAIN {
            // plain ASCII: a letter other than a vowel or d, a digit, space, punctuation
            if let Some(dst) = out.get_mut(o) {
                *dst = b;
            }
            o += 1;
            cur = NO_VOWEL;
            i += 1;
            continue;
        }
        if kind < K_PLAIN {
            // a vowel
            cur = kind;
            cur_pos = o;
            if let Some(dst) = out.get_mut(o) {
                *dst = b;
            }
            o += 1;
            i += 1;
            continue;
        }
        if kind > K_MARK {
            let mark = kind - K_MARK;
            if cur != NO_VOWEL {
                let is_tone = mark <= 6;
                let punct_like = matches!(b, b'.' | b'?' | b'\'') && ends_word(bytes, i + 1);
                if !(punct_like && is_tone && !tone_continues(bytes, i + 1, b)) {
                    if let Some(v) = combine(cur, mark) {
                        let (u, len) = VOWEL_UTF8[usize::from(v)];
                        if let Some(dst) = out.get_mut(cur_pos..cur_pos + 4) {
                            dst.copy_from_slice(&u);
                        }
                        o = cur_pos + usize::from(len);
                        cur = v;
                        i += 1;
                        continue;
                    }
                }
            }
            copy(&mut out, &mut o, &[b]);
            cur = NO_VOWEL;
            i += 1;
            continue;
        }
        if kind == K_HIGH {
            // a non-ASCII char: copied whole, counts as a letter
            let len = utf8_len(b);
            copy(&mut out, &mut o, bytes.get(i..i + len).unwrap_or(&[]));
            i += len;
            cur = NO_VOWEL;
            continue;
        }
        if kind == K_ESCAPE {
            if let Some(&next) = bytes.get(i + 1) {
                let len = utf8_len(next);
                copy(
                    &mut out,
                    &mut o,
                    bytes.get(i + 1..i + 1 + len).unwrap_or(&[]),
                );
                i += 1 + len;
            } else {
                // a lone backslash at the end escapes nothing
                i += 1;
            }
            cur = NO_VOWEL;
            continue;
        }
        // d or D: dd -> đ at the start of a word (after a non-letter or at the start)
        let word_start = i == 0
            || bytes
                .get(i - 1)
                .is_some_and(|&p| p < 0x80 && !p.is_ascii_alphanumeric());
        if word_start && bytes.get(i + 1).is_some_and(|&c| (c | 0x20) == b'd') {
            copy(
                &mut out,
                &mut o,
                if b == b'D' {
                    "Đ".as_bytes()
                } else {
                    "đ".as_bytes()
                },
            );
            i += 2;
        } else {
            copy(&mut out, &mut o, &[b]);
            i += 1;
        }
        cur = NO_VOWEL;
    }
    out.truncate(o);
    match simdutf8::basic::from_utf8(&out) {
        Ok(s) => s.to_owned(),
        Err(_) => String::from_utf8_lossy(&out).into_owned(),
    }
}

// What [`KIND`] says about a byte: below `K_PLAIN` a vowel code, above
// `K_MARK` `K_MARK` plus a mark code.
const K_PLAIN: u8 = 144;
const K_HIGH: u8 = 145;
const K_ESCAPE: u8 = 146;
const K_D: u8 = 147;
const K_MARK: u8 = 160;

/// What every byte is to the decoder, so that one lookup decides the path.
/// Plain ASCII (not a vowel, not `d`/`D`, not a mark char, not a backslash)
/// needs no decision.
static KIND: [u8; 256] = {
    let mut t = [K_PLAIN; 256];
    let mut k = 0usize;
    while k < 256 {
        let c = k as u8;
        t[k] = if c >= 0x80 {
            K_HIGH
        } else if vowel_code(c) != NO_VOWEL {
            vowel_code(c)
        } else if mark_code(c) != 0 {
            K_MARK + mark_code(c)
        } else if c == b'd' || c == b'D' {
            K_D
        } else if c == b'\\' {
            K_ESCAPE
        } else {
            K_PLAIN
        };
        k += 1;
    }
    t
};

#[inline]
fn copy(out: &mut [u8], o: &mut usize, piece: &[u8]) {
    if let Some(dst) = out.get_mut(*o..*o + piece.len()) {
        dst.copy_from_slice(piece);
        *o += piece.len();
    }
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn char_at(bytes: &[u8], at: usize) -> Option<char> {
    let b = *bytes.get(at)?;
    let piece = bytes.get(at..at + utf8_len(b))?;
    std::str::from_utf8(piece).ok()?.chars().next()
}

// True when position `at` is past the end of the word (end, space, punctuation).
fn ends_word(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        None => true,
        Some(&c) if c < 0x80 => !c.is_ascii_alphanumeric() && mark_code(c) == 0 && c != b'\\',
        Some(_) => !char_at(bytes, at).is_some_and(char::is_alphanumeric),
    }
}

// A `.`, `?` or `'` at the end of a word is a tone when the sentence goes on
// (a space then a lowercase letter); before an uppercase letter, a line end or
// the end of text it is punctuation. `'` is a tone unless a quote closes.
fn tone_continues(bytes: &[u8], at: usize, mark: u8) -> bool {
    match bytes.get(at) {
        None => false,
        Some(b' ') => match char_at(bytes, at + 1) {
            Some(n) if n.is_lowercase() => true,
            Some(n) if n.is_uppercase() => mark == b'\'',
            _ => false,
        },
        Some(&c) if mark == b'\'' => !matches!(c, b'"' | b'\'' | b')' | b'\n' | b'\r'),
        Some(b',' | b';' | b':' | b')') => true,
        Some(_) => false,
    }
}

/// Counts words that carry VIQR marks and all words, for detection.
pub(crate) fn evidence(text: &[u8]) -> (usize, usize) {
    let mut marked = 0usize;
    let mut words = 0usize;
    let mut in_word = false;
    let mut this_marked = false;
    let mut prev_vowel = false;
    for (k, &b) in text.iter().enumerate() {
        let letter = b.is_ascii_alphabetic();
        if letter {
            if !in_word {
                words += 1;
                in_word = true;
                this_marked = false;
            }
            prev_vowel = matches!(b | 0x20, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
            continue;
        }
        let is_mod = matches!(b, b'^' | b'(' | b'+');
        let is_tone = matches!(b, b'`' | b'?' | b'~' | b'\'' | b'.');
        if in_word && prev_vowel && (is_mod || is_tone) {
            // a tone mark counts when the word goes on after it (mid-word),
            // or it follows a modifier; modifiers count when a letter or tone follows
            let after = text.get(k + 1).copied().unwrap_or(b' ');
            let cont =
                after.is_ascii_alphabetic() || matches!(after, b'`' | b'?' | b'~' | b'\'' | b'.');
            if (is_mod && cont)
                || (is_tone && (after.is_ascii_alphabetic() || matches!(b, b'`' | b'~')))
            {
                if !this_marked {
                    marked += 1;
                    this_marked = true;
                }
                // the word continues through the mark
                prev_vowel = is_mod;
                continue;
            }
        }
        in_word = false;
        prev_vowel = false;
    }
    (marked, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_viqr() {
        assert_eq!(decode("Vie^.t Nam"), "Việt Nam");
        assert_eq!(decode("Ha` No^.i."), "Hà Nội.");
        assert_eq!(decode("ddu+o+.c ba.n bi. o^'m"), "được bạn bị ốm");
        assert_eq!(decode("Co' kho^ng?"), "Có không?");
        assert_eq!(decode("DDa(\\'k"), "Đă'k");
        assert_eq!(decode("Tru+o+`ng"), "Trường");
    }

    #[test]
    fn evidence_counts() {
        let (m, w) = evidence(b"Vie^.t Nam la` mo^.t nu+o+'c");
        assert_eq!((m, w), (4, 5));
        let (m, _) = evidence(b"I'm sure we're fine, it's ok.");
        assert!(m <= 2);
    }
}
