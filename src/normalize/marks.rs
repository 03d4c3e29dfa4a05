//! Folding and combining marks for one word: the char folds, mark aliases,
//! the same mark twice collapsed, tone marks on no letter dropped, NFC.

use unicode_normalization::{is_nfc, UnicodeNormalization};

use super::fold::{fold, Fold, FoldOptions};
use crate::syllable::combining_mark;
use crate::syllable::letters::{letter_char, letter_info, modify, Mark};
use crate::syllable::words::is_mark;
use crate::syllable::Tone;
use crate::{Alignment, Span};

// Tone marks from other blocks that stand for the Vietnamese ones when they
// sit on a Latin letter (U+0340/U+0341 are also NFC singletons).
fn mark_alias(c: char) -> char {
    match c {
        '\u{0340}' => '\u{0300}',
        '\u{0341}' => '\u{0301}',
        '\u{0342}' => '\u{0303}',
        c => c,
    }
}

// A Latin letter, judged by the starter of its canonical decomposition so
// that a singleton such as the angstrom sign (U+212B, NFC Å) counts as the
// letter it becomes: the output must be what a second run makes of it.
fn is_latin(b: char) -> bool {
    let mut first = None;
    unicode_normalization::char::decompose_canonical(b, |c| {
        first.get_or_insert(c);
    });
    first.is_some_and(|s| (s as u32) < 0x250 || ('\u{1E00}'..='\u{1EFF}').contains(&s))
}

/// Reusable buffers for [`fold_and_compose`].
#[derive(Debug, Default)]
pub(super) struct Scratch {
    marks: Vec<char>,
    kept: Vec<char>,
    folded: String,
    cluster: String,
}

/// Composes a Latin letter and Vietnamese marks directly (the common case
/// of decomposed Vietnamese text): one modifier at most, tones deduplicated.
/// Returns the letter and the number of distinct tones, or None when the
/// general path must decide.
pub(super) fn compose_vietnamese(base: char, marks: &[char]) -> Option<(char, usize)> {
    let info = letter_info(base)?;
    let mut code = info.code;
    let mut tone = (info.tone != Tone::Level).then_some(info.tone);
    let mut tones = usize::from(tone.is_some());
    let mut modified: Option<Mark> = None;
    for &m in marks {
        match combining_mark(mark_alias(m))? {
            Mark::Tone(t) => match tone {
                Some(x) if x == t => {}
                Some(_) => {
                    tones += 1;
                }
                None => {
                    tone = Some(t);
                    tones = 1;
                }
            },
            m => {
                // the same modifier twice on one letter counts once
                if modified != Some(m) {
                    code = modify(code, m)?;
                    modified = Some(m);
                }
            }
        }
    }
    if tones > 1 || (tone.is_some() && !crate::syllable::letters::is_vowel(code)) {
        return None;
    }
    let c = letter_char(code, tone.unwrap_or(Tone::Level));
    let c = if info.upper {
        c.to_uppercase().next()?
    } else {
        c
    };
    Some((c, tones))
}

/// Processes word `w` into `mid`; returns the alignment of `mid` to `w`
/// (when `want_align` is set; else an empty one). Letters with two different
/// tone marks are pushed to `stacked` (spans in `mid`).
///
/// Folding runs first over the whole word, so a dropped char (a zero-width
/// space) never separates a mark from its letter: the output is what a
/// second run would make of it.
pub(super) fn fold_and_compose(
    w: &str,
    opts: FoldOptions,
    mid: &mut String,
    stacked: &mut Vec<Span>,
    scratch: &mut Scratch,
    want_align: bool,
) -> Alignment {
    let mut folded = std::mem::take(&mut scratch.folded);
    folded.clear();
    let mut a0 = Alignment::new();
    let mut prev_base: Option<char> = None;
    for (i, c) in w.char_indices() {
        let o = folded.len();
        let f = fold(c, prev_base, opts);
        match f {
            Fold::Keep => folded.push(c),
            Fold::To(d) => folded.push(d),
            Fold::Drop => {}
        }
        if want_align {
            let (os, is) = (Span::new(o, folded.len()), Span::new(i, i + c.len_utf8()));
            if f == Fold::Keep {
                a0.push_copied(os, is);
            } else {
                a0.push_changed(os, is);
            }
        }
        if f != Fold::Drop && !is_mark(c) {
            prev_base = folded.chars().next_back();
        }
    }
    let a1 = compose_clusters(&folded, mid, stacked, scratch, want_align);
    scratch.folded = folded;
    if want_align {
        a0.compose(&a1)
    } else {
        a1
    }
}

// Groups `w` (already folded) into a starter and its marks, cleans the marks
// and composes each group.
fn compose_clusters(
    w: &str,
    mid: &mut String,
    stacked: &mut Vec<Span>,
    scratch: &mut Scratch,
    want_align: bool,
) -> Alignment {
    mid.clear();
    let mut align = Alignment::new();
    let mut chars = w.char_indices().peekable();
    while let Some((start, c0)) = chars.next() {
        let mut end = start + c0.len_utf8();
        let marks = &mut scratch.marks;
        marks.clear();
        let base = if is_mark(c0) {
            marks.push(c0);
            None
        } else {
            Some(c0)
        };
        while let Some(&(i, c)) = chars.peek() {
            if !is_mark(c) {
                break;
            }
            chars.next();
            end = i + c.len_utf8();
            marks.push(c);
        }
        let letter = base.filter(|b| b.is_alphabetic());
        let out_start = mid.len();
        if marks.is_empty() {
            if let Some(b) = base {
                mid.push(b);
            }
        } else if let Some((c, _)) = letter.and_then(|b| compose_vietnamese(b, marks)) {
            mid.push(c);
        } else {
            let latin = letter.is_some_and(is_latin);
            // work on the decomposed cluster so a mark already inside a
            // precomposed letter counts too (á + U+0301 is the same mark twice)
            let cluster = &mut scratch.cluster;
            cluster.clear();
            if let Some(b) = base {
                cluster.push(b);
            }
            let kept = &mut scratch.kept;
            kept.clear();
            // decompose the marks too: one mark can hide a Vietnamese one
            // (U+0344 is U+0308 U+0301)
            cluster.extend(marks.iter().copied());
            for (k, m) in cluster.nfd().enumerate() {
                if k == 0 && letter.is_some() {
                    kept.push(m);
                    continue;
                }
                let m = if latin { mark_alias(m) } else { m };
                // a Vietnamese mark with no letter under it is noise
                if letter.is_none() && combining_mark(m).is_some() {
                    continue;
                }
                if !latin || !kept.iter().skip(1).any(|&x| x == m) {
                    kept.push(m);
                }
            }
            let tones = kept
                .iter()
                .filter(|m| matches!(combining_mark(**m), Some(Mark::Tone(_))))
                .count();
            // canonical order + composition of this cluster
            mid.extend(kept.iter().copied().nfc());
            if latin && tones > 1 {
                stacked.push(Span::new(out_start, mid.len()));
            }
        }
        if want_align {
            let input = Span::new(start, end);
            let output = Span::new(out_start, mid.len());
            if w.get(start..end) == mid.get(out_start..) {
                align.push_copied(output, input);
            } else {
                align.push_changed(output, input);
            }
        }
    }
    // composition across clusters (Hangul jamo, rare scripts): fall back to
    // the whole word as one changed segment
    if !is_nfc(mid) {
        let composed: String = mid.nfc().collect();
        *mid = composed;
        stacked.clear();
        align = Alignment::new();
        align.push_changed(Span::new(0, mid.len()), Span::new(0, w.len()));
    }
    align
}
