//! Letter runs ("words") of a text with their byte spans.

use crate::Span;

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

impl<'a> Iterator for Words<'a> {
    type Item = (Span, &'a str);

    fn next(&mut self) -> Option<(Span, &'a str)> {
        let rest = self.text.get(self.pos..)?;
        let mut start = None;
        let mut end = self.pos;
        for (i, c) in rest.char_indices() {
            let at = self.pos + i;
            let letter = if c.is_ascii() {
                c.is_ascii_alphabetic()
            } else {
                c.is_alphabetic()
            };
            match start {
                None => {
                    if letter {
                        start = Some(at);
                        end = at + c.len_utf8();
                    }
                }
                Some(_) => {
                    if letter || (!c.is_ascii() && is_mark(c)) {
                        end = at + c.len_utf8();
                    } else {
                        break;
                    }
                }
            }
        }
        match start {
            Some(s) => {
                self.pos = end;
                let w = self.text.get(s..end)?;
                Some((Span::new(s, end), w))
            }
            None => {
                self.pos = self.text.len();
                None
            }
        }
    }
}
