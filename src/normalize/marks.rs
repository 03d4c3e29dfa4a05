//! Folding and combining marks for one word: the char folds, mark aliases,
//! the same mark twice collapsed, tone marks on no letter dropped, NFC.

use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{is_nfc, UnicodeNormalization};

use super::fold::{fold, Fold, FoldOptions};
use crate::syllable::combining_mark;
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

fn is_mark(c: char) -> bool {
    !c.is_ascii() && (is_combining_mark(c) || canonical_combining_class(c) != 0)
}

/// Processes word `w` into `mid`; returns the alignment of `mid` to `w`.
/// Letters with two different tone marks are pushed to `stacked` (spans in
/// `mid`).
pub(super) fn fold_and_compose(
    w: &str,
    opts: FoldOptions,
    mid: &mut String,
    stacked: &mut Vec<Span>,
) -> Alignment {
    mid.clear();
    let mut align = Alignment::new();
    let mut cluster = String::new();
    let mut chars = w.char_indices().peekable();
    let mut prev_out: Option<char> = None;
    while let Some((start, c0)) = chars.next() {
        // one cluster: a starter and the marks after it (folded first)
        let mut end = start + c0.len_utf8();
        cluster.clear();
        let base = match fold(c0, prev_out, opts) {
            Fold::Keep => Some(c0),
            Fold::To(d) => Some(d),
            Fold::Drop => None,
        };
        let base_is_mark = base.is_some_and(is_mark);
        let mut marks: Vec<char> = Vec::new();
        if let Some(b) = base {
            if base_is_mark {
                marks.push(b);
            } else {
                cluster.push(b);
            }
        }
        while let Some(&(i, c)) = chars.peek() {
            if !is_mark(c) {
                break;
            }
            chars.next();
            end = i + c.len_utf8();
            match fold(c, prev_out, opts) {
                Fold::Keep => marks.push(c),
                Fold::To(d) => marks.push(d),
                Fold::Drop => {}
            }
        }
        let letter = cluster.chars().next().filter(|b| b.is_alphabetic());
        let out_start = mid.len();
        if !marks.is_empty() {
            let latin = letter
                .is_some_and(|b| (b as u32) < 0x250 || ('\u{1E00}'..='\u{1EFF}').contains(&b));
            // work on the decomposed cluster so a mark already inside a
            // precomposed letter counts too (á + U+0301 is the same mark twice)
            let decomposed: Vec<char> = cluster.nfd().chain(marks).collect();
            let mut kept: Vec<char> = Vec::with_capacity(decomposed.len());
            for (k, m) in decomposed.into_iter().enumerate() {
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
                .filter(|m| {
                    matches!(
                        combining_mark(**m),
                        Some(crate::syllable::letters::Mark::Tone(_))
                    )
                })
                .count();
            // canonical order + composition of this cluster
            mid.extend(kept.iter().copied().nfc());
            if latin && tones > 1 {
                stacked.push(Span::new(out_start, mid.len()));
            }
        } else {
            mid.push_str(&cluster);
        }
        let input = Span::new(start, end);
        let output = Span::new(out_start, mid.len());
        if w.get(start..end) == mid.get(out_start..) {
            align.push_copied(output, input);
        } else {
            align.push_changed(output, input);
        }
        prev_out = mid.chars().next_back();
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
