//! Letter runs ("words") of a text with their byte spans.

use crate::Span;
use std::ops::ControlFlow;

/// An iterator over the letter runs of a text: maximal runs of alphabetic
/// chars, each possibly followed by combining marks. Digits, punctuation and
/// spaces separate runs. Made by [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

/// Iterates over the letter runs of `text` with their byte spans.
///
/// ```
/// let w: Vec<&str> = vietnorm::syllable::words("Sáng 31/10, UBND xã").map(|(_, w)| w).collect();
/// assert_eq!(w, ["Sáng", "UBND", "xã"]);
/// ```
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// True for combining marks that attach to a preceding letter.
pub(crate) fn is_mark(c: char) -> bool {
    let cp = c as u32;
    (0x0300..=0x036F).contains(&cp)
        || (cp >= 0x0483
            && (unicode_normalization::char::is_combining_mark(c)
                || unicode_normalization::char::canonical_combining_class(c) != 0))
}

/// `char::is_alphabetic` with the blocks Vietnamese text lives in answered
/// without the general Unicode table lookup (which dominated word splitting).
#[inline]
fn is_letter(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        return c.is_ascii_alphabetic();
    }
    match cp {
        // Latin-1 letters (not × and ÷), Latin Extended-A and -B
        0xC0..=0x24F => cp != 0xD7 && cp != 0xF7,
        // Latin Extended Additional: every precomposed Vietnamese letter
        0x1E00..=0x1EFF => true,
        // combining diacritics (U+0345 alone is alphabetic; U+0363.. are
        // letters above, left to the table) and general
        // punctuation (dashes, quotes, spaces)
        0x300..=0x362 => cp == 0x345,
        0x2000..=0x206F => false,
        _ => c.is_alphabetic(),
    }
}

/// [`is_mark`] for a non-ASCII char, with the common blocks answered first.
#[inline]
fn is_mark_fast(c: char) -> bool {
    match c as u32 {
        0x300..=0x36F => true,
        0xC0..=0x24F | 0x1E00..=0x1EFF | 0x2000..=0x206F => false,
        _ => is_mark(c),
    }
}

/// Decodes the char starting at byte `i` of a valid UTF-8 text (`i` on a
/// char boundary, below the length) and returns it with its length.
#[inline]
fn char_at(b: &[u8], i: usize) -> (char, usize) {
    let x = |k: usize| u32::from(b.get(i + k).copied().unwrap_or(0) & 0x3F);
    let b0 = u32::from(b.get(i).copied().unwrap_or(0));
    let (cp, n) = if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | x(1), 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) << 12) | (x(1) << 6) | x(2), 3)
    } else {
        (((b0 & 0x07) << 18) | (x(1) << 12) | (x(2) << 6) | x(3), 4)
    };
    (char::from_u32(cp).unwrap_or('\0'), n)
}

/// What a char is to word splitting.
const SEP: u8 = 0;
const LETTER: u8 = 1;
const MARK: u8 = 2;

/// The class and byte length of the char at byte `i` of a valid UTF-8 text.
/// The lead bytes of Vietnamese letters, combining marks and general
/// punctuation are decided from one or two bytes; anything else is decoded
/// and looked up.
#[inline(always)]
fn class_at(b: &[u8], i: usize) -> (u8, usize) {
    let x = b.get(i).copied().unwrap_or(0);
    if x < 0x80 {
        return (u8::from(x.is_ascii_alphabetic()), 1);
    }
    let y = b.get(i + 1).copied().unwrap_or(0);
    match x {
        // U+0100..U+027F: Latin Extended-A and -B, IPA letters
        0xC4..=0xC9 => return (LETTER, 2),
        // U+00C0..U+00FF: letters but × and ÷
        0xC3 => return (if y == 0x97 || y == 0xB7 { SEP } else { LETTER }, 2),
        // U+0300..U+033F: combining marks
        0xCC => return (MARK, 2),
        // U+1E00..U+1EFF: Latin Extended Additional
        0xE1 if (0xB8..=0xBB).contains(&y) => return (LETTER, 3),
        // U+2000..U+203F: spaces, dashes, quotes
        0xE2 if y == 0x80 => return (SEP, 3),
        _ => {}
    }
    let (c, n) = char_at(b, i);
    let class = if is_letter(c) {
        LETTER
    } else if is_mark_fast(c) {
        MARK
    } else {
        SEP
    };
    (class, n)
}

/// Calls `f(start, end, ascii)` for every letter run of `text`, exactly the
/// runs [`words`] yields; `ascii` says the run is plain ASCII letters. A
/// plain loop rather than an iterator, for the hot scans that look at every
/// word of a document (the repair gate). `f` breaks to stop early.
#[inline]
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, bool) -> ControlFlow<()>) {
    let mut from = 0;
    while let Some((start, end, ascii)) = next_run(text.as_bytes(), from) {
        if f(start, end, ascii).is_break() {
            return;
        }
        from = end;
    }
}

/// The first letter run of the valid UTF-8 `b` at or after byte `from` (a
/// char boundary): its start, end, and whether it is plain ASCII letters.
/// Bytes, not `char_indices`: most of a Vietnamese text is ASCII or two-
/// and three-byte Latin letters, classified from their first bytes.
#[inline]
fn next_run(b: &[u8], from: usize) -> Option<(usize, usize, bool)> {
    let n = b.len();
    let mut i = from;
    let start = loop {
        let x = *b.get(i)?;
        if x < 0x80 {
            if x.is_ascii_alphabetic() {
                break i;
            }
            i += 1;
        } else {
            let (class, len) = class_at(b, i);
            if class == LETTER {
                break i;
            }
            i += len;
        }
    };
    let mut ascii = true;
    while i < n {
        let x = b.get(i).copied().unwrap_or(0);
        if x < 0x80 {
            if x.is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            break;
        }
        let (class, len) = class_at(b, i);
        if class == SEP {
            break;
        }
        ascii = false;
        i += len;
    }
    Some((start, i, ascii))
}

impl<'a> Iterator for Words<'a> {
    type Item = (Span, &'a str);

    fn next(&mut self) -> Option<(Span, &'a str)> {
        let Some((start, end, _)) = next_run(self.text.as_bytes(), self.pos) else {
            self.pos = self.text.len();
            return None;
        };
        self.pos = end;
        let w = self.text.get(start..end)?;
        Some((Span::new(start, end), w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The letter runs as `char` iteration with the Unicode tables finds them.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut cur: Option<(usize, usize)> = None;
        for (i, c) in text.char_indices() {
            let letter = if c.is_ascii() {
                c.is_ascii_alphabetic()
            } else {
                c.is_alphabetic()
            };
            let mark = !c.is_ascii() && is_mark(c);
            match cur {
                Some((s, _)) if letter || mark => cur = Some((s, i + c.len_utf8())),
                _ => {
                    if let Some(w) = cur.take() {
                        out.push(w);
                    }
                    if letter {
                        cur = Some((i, i + c.len_utf8()));
                    }
                }
            }
        }
        out.extend(cur);
        out
    }

    #[test]
    fn words_match_the_unicode_definition() {
        let texts = [
            "Sáng 31/10, UBND xã Ia Ko tổ chức hội nghị – “tổng kết” năm 2025…",
            "ọ́ ̀a x\u{0345}y \u{0363}z ªº µ 𝐓𝐇𝐀́𝐍𝐆 日本語 Привет ١٢ 😀a",
            "",
            "   ",
            "a",
            "\u{301}a\u{301}",
        ];
        for t in texts {
            let got: Vec<(usize, usize)> = words(t).map(|(s, _)| (s.start, s.end)).collect();
            assert_eq!(got, reference(t), "{t:?}");
            assert_eq!(got, looped(t), "{t:?}");
        }
    }

    fn looped(t: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        for_each_word(t, |s, e, ascii| {
            assert_eq!(ascii, t.get(s..e).is_some_and(|w| w.is_ascii()));
            v.push((s, e));
            ControlFlow::Continue(())
        });
        v
    }

    proptest::proptest! {
        #[test]
        fn words_match_on_any_text(t in "\\PC{0,40}") {
            let got: Vec<(usize, usize)> = words(&t).map(|(s, _)| (s.start, s.end)).collect();
            proptest::prop_assert_eq!(&got, &reference(&t));
            proptest::prop_assert_eq!(got, looped(&t));
        }
    }

    #[test]
    fn byte_classes_agree_with_char_classes() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let e = c.encode_utf8(&mut buf);
            let want = if is_letter(c) {
                LETTER
            } else if !c.is_ascii() && is_mark(c) {
                MARK
            } else {
                SEP
            };
            assert_eq!(
                class_at(e.as_bytes(), 0),
                (want, e.len()),
                "{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn fast_classes_agree_with_unicode() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let alpha = if c.is_ascii() {
                c.is_ascii_alphabetic()
            } else {
                c.is_alphabetic()
            };
            assert_eq!(is_letter(c), alpha, "{:04X}", c as u32);
            if !c.is_ascii() {
                assert_eq!(is_mark_fast(c), is_mark(c), "{:04X}", c as u32);
            }
        }
    }
}
