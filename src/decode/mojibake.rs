//! Mojibake repair on text that was already decoded.
//!
//! Damage comes from bytes read through a Western code page (Windows-1252 or
//! Latin-1): UTF-8 bytes (`Viá»‡t`), the same again (`ViÃ¡Â»â€¡t`), or the
//! bytes of a Vietnamese font encoding (VNI `Vieät`, TCVN3 `ViÖt`). Every
//! char of such text maps back to one byte, so the repair works on *runs* of
//! chars that have a Western byte: the run is turned back into bytes and
//! decoded again under each hypothesis. A run is replaced only when the
//! result is clearly better Vietnamese: fewer invalid syllables and more valid
//! ones (see [`better`]). Runs never cross a line end or a char that has no
//! Western byte, so damaged fields and paragraphs are repaired on their own
//! and correct text around them is left alone.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::legacy::{self, western_byte, Table};
use super::{Mojibake, Repair};
use crate::syllable;
use crate::Span;

/// Stand-in for a byte lost to U+FFFD by a lossy Windows-1252 decode.
const LOST: u16 = 0x100;

/// The bytes Windows-1252 leaves undefined: a lossy decode turned them into
/// U+FFFD, so U+FFFD inside mojibake stands for one of them.
const UNDEFINED: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// Word counts of a piece of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Letter runs that are valid syllables and hold a non-ASCII letter.
    pub(crate) valid: u32,
    /// Letter runs that are not valid syllables.
    pub(crate) invalid: u32,
    /// Chars that rarely occur in clean text: C1 controls, U+FFFD, soft hyphen,
    /// Latin-1 symbols glued to letters.
    pub(crate) junk: u32,
}

/// Counts valid and invalid syllables of `text`.
pub(crate) fn tally(text: &str) -> Tally {
    let mut t = Tally::default();
    for (_, w) in syllable::words(text) {
        if syllable::is_valid(w) {
            if !w.is_ascii() {
                t.valid += 1;
            }
        } else {
            t.invalid += 1;
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let wordish = |c: Option<&char>| c.is_some_and(|&c| c.is_alphabetic() || is_symbol(c));
    for (i, &c) in chars.iter().enumerate() {
        let cp = u32::from(c);
        if (0x80..0xA0).contains(&cp) || c == '\u{FFFD}' || c == '\u{AD}' {
            t.junk += 1;
        } else if is_symbol(c)
            && wordish(i.checked_sub(1).and_then(|p| chars.get(p)))
            && wordish(chars.get(i + 1))
        {
            // a symbol glued between letters: `á»‡t`
            t.junk += 1;
        }
    }
    t
}

/// Latin-1 symbols and the Windows-1252 punctuation: what UTF-8
/// continuation bytes look like through a Western code page.
fn is_symbol(c: char) -> bool {
    let cp = u32::from(c);
    (0xA1..0xC0).contains(&cp) || (cp > 0xFF && western_byte(c).is_some())
}

/// True when `new` is clearly better Vietnamese than `old`: no fewer valid
/// syllables, and the invalid words plus junk chars at least halve.
pub(crate) fn better(old: Tally, new: Tally) -> bool {
    let bad_old = old.invalid + old.junk;
    let bad_new = new.invalid + new.junk;
    new.valid >= old.valid && new.valid > 0 && bad_new < bad_old && bad_new * 2 <= bad_old
}

/// One hypothesis for a damaged run.
#[derive(Clone, Copy)]
enum Hyp {
    Utf8,
    Legacy(Table, Mojibake),
}

const HYPS: [Hyp; 4] = [
    Hyp::Utf8,
    Hyp::Legacy(Table::Vni, Mojibake::VniAsWestern),
    Hyp::Legacy(Table::Tcvn3Vn3, Mojibake::Tcvn3AsWestern),
    Hyp::Legacy(Table::Tcvn3Vn1, Mojibake::Tcvn3AsWestern),
];

/// Repairs mojibake in `text`. Returns the text (borrowed when nothing
/// changed) and the repaired spans in the returned text.
pub(crate) fn repair(text: &str) -> (Cow<'_, str>, Vec<Repair>) {
    repair_runs(text, true)
}

/// [`repair`]; `skip` lets a damaged page jump to the runs with odd chars
/// (off only to test that it changes nothing).
fn repair_runs(text: &str, skip: bool) -> (Cow<'_, str>, Vec<Repair>) {
    let mut out = String::new();
    let mut repairs = Vec::new();
    let mut copied = 0usize; // bytes of `text` already accounted for in `out`
    let mut changed = false;
    let mut scratch = Scratch::default();
    // whether the page's own Vietnamese letters show diacritic damage,
    // counted on first need
    let mut damaged: Option<bool> = None;
    let mut runs = runs(text);
    loop {
        // On a page with damaged diacritics only odd chars trigger a
        // repair (letter pairs do not): go straight to the next of them.
        if skip && damaged == Some(true) {
            runs.skip_to_odd();
        }
        let Some((start, end)) = runs.next() else {
            break;
        };
        let Some(run) = text.get(start..end) else {
            continue;
        };
        if run.is_ascii() {
            continue;
        }
        match suspicious(run) {
            None => continue,
            // random marks on a damaged page make the same pairs (`khoâ`,
            // `daô`): there they are the repairer's to fix, not ours
            Some(Trigger::Pair) if *damaged.get_or_insert_with(|| diacritic_damage(text)) => {
                continue
            }
            Some(_) => {}
        }
        // a combining mark right after the run would attach to whatever the
        // repair puts there: leave such runs alone so the text stays NFC
        if text
            .get(end..)
            .and_then(|t| t.chars().next())
            .is_some_and(is_combining)
        {
            continue;
        }
        let Some((fixed, kind)) = repair_run(run, &mut scratch) else {
            continue;
        };
        // only the damaged middle of the run is replaced
        let Some(((head, fixed_head), (tail, fixed_tail))) = clean_edges(run, &fixed) else {
            continue;
        };
        let (start, end) = (start + head, end.saturating_sub(tail));
        let (Some(run), Some(fixed)) = (
            text.get(start..end),
            fixed.get(fixed_head..fixed.len().saturating_sub(fixed_tail)),
        ) else {
            continue;
        };
        if fixed.chars().next().is_some_and(is_combining) {
            continue;
        }
        if !changed {
            out.reserve(text.len() + 16);
            changed = true;
        }
        out.push_str(text.get(copied..start).unwrap_or(""));
        let at = out.len();
        out.push_str(fixed);
        repairs.push(Repair {
            span: Span::new(at, out.len()),
            kind,
            original: run.to_owned(),
        });
        copied = end;
    }
    if !changed {
        return (Cow::Borrowed(text), repairs);
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    (Cow::Owned(out), repairs)
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) != 0
}

/// Why a run looks like mojibake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trigger {
    /// A char clean Vietnamese does not use.
    Char,
    /// Only weaker signs: a letter pair clean Vietnamese never writes
    /// ([`foreign_pair`]) or a symbol glued to a letter (`n”`).
    Pair,
}

/// Whether a run holds a char that clean Vietnamese does not use: a C1
/// control, U+FFFD, a Latin-1 symbol or Windows-1252 punctuation glued to
/// letters, or a Latin-1 letter foreign to Vietnamese (VNI's mark bytes
/// `ä å æ ë î ï ñ ö ø û ü`, UTF-8 lead chars `Ã Ä Å Æ`); or a pair of
/// letters that Vietnamese never writes and VNI through a Western code page
/// writes all the time (see [`foreign_pair`]). Other runs are left alone
/// without trying any hypothesis.
/// A char clean Vietnamese does not use: a C1 control, U+FFFD, the soft
/// hyphen, a Latin-1 letter foreign to Vietnamese (VNI's mark bytes), or a
/// UTF-8 lead char `Ã Ä Å Æ`.
fn is_odd(c: char) -> bool {
    (0x80..0xA0).contains(&u32::from(c))
        || matches!(
            c,
            '\u{FFFD}'
                | '\u{AD}'
                | 'ä'
                | 'å'
                | 'æ'
                | 'ë'
                | 'î'
                | 'ï'
                | 'ñ'
                | 'ö'
                | 'ø'
                | 'û'
                | 'ü'
                | 'Ã'
                | 'Ä'
                | 'Å'
                | 'Æ'
        )
}

fn suspicious(run: &str) -> Option<Trigger> {
    // runs on nearly every run of a page: a `matches!` rather than a string
    // search per char, and the (slow, Unicode) letter test only on the char
    // before a symbol, only until a pair is found
    let mut prev = '\0';
    let mut pair = false;
    for c in run.chars() {
        let odd = is_odd(c);
        if odd {
            return Some(Trigger::Char);
        }
        if !pair {
            pair = (is_symbol(c) && prev.is_alphabetic()) || foreign_pair(prev, c);
        }
        prev = c;
    }
    pair.then_some(Trigger::Pair)
}

/// True when at least two words of `text` carry a letter that no Western
/// code page has (`ă ơ ư đ ũ ế ộ`…, or a combining mark) and still are no
/// syllable: marks added or stacked at random (`qũýết`, `khóă`). VNI or TCVN3
/// shown through a Western code page cannot produce those letters, so such a
/// page is damaged in its diacritics, and letter pairs on it are not evidence
/// of mojibake.
fn diacritic_damage(text: &str) -> bool {
    let unicode_only = |c: char| !c.is_ascii() && western_byte(c).is_none();
    syllable::words(text)
        .filter(|(_, w)| w.chars().any(unicode_only) && !syllable::is_valid(w))
        .take(2)
        .count()
        >= 2
}

/// A letter pair clean Vietnamese never has, where VNI shown through a
/// Western code page puts a mark byte after a vowel: `a`/`e` followed by
/// any Latin-1 letter (`Baùo`, `Toâi` is caught by `o` + `â`), `o`/`u`/`y`
/// followed by a tone byte `ù ø û õ ï` (`chuù yù`), `o` followed by `â`,
/// and two Latin-1 letters in a row (`môùi`).
fn foreign_pair(prev: char, c: char) -> bool {
    let latin = |x: char| matches!(x, 'À'..='ÿ') && x != '×' && x != '÷';
    if !latin(c) {
        return false;
    }
    let low = latin1_lower(c);
    let tone = matches!(low, 'ù' | 'ø' | 'û' | 'õ' | 'ï');
    match prev.to_ascii_lowercase() {
        'a' | 'e' => true,
        'o' => tone || low == 'â',
        'u' | 'y' => tone,
        p => latin(p),
    }
}

/// The lowercase of a Latin-1 letter (`À`..=`ÿ`): Unicode's own mapping
/// there, without the general table lookup (`×` is no letter; `ß` and `ÿ`
/// stay).
fn latin1_lower(c: char) -> char {
    match c {
        'À'..='Þ' if c != '×' => char::from_u32(u32::from(c) + 0x20).unwrap_or(c),
        _ => c,
    }
}

/// Log-probability of the words of `before`, `text` and `after` by the
/// embedded language model, counting only the terms that involve `text`.
fn words_logp(before: &str, text: &str, after: &str) -> f32 {
    let lm = crate::lm::LanguageModel::embedded();
    let b = crate::lm::BOUNDARY;
    let tok = |w: &str| crate::lm::token_of_word(w);
    let mut toks = vec![b, b];
    toks.extend(syllable::words(before).last().map(|(_, w)| tok(w)));
    let from = toks.len();
    toks.extend(syllable::words(text).map(|(_, w)| tok(w)));
    let to = toks.len();
    toks.extend(syllable::words(after).next().map(|(_, w)| tok(w)));
    let mut sum = 0.0;
    for i in from..toks.len().min(to + 1) {
        if let (Some(&p2), Some(&p1), Some(&t)) = (toks.get(i - 2), toks.get(i - 1), toks.get(i)) {
            sum += lm.logp3(p2, p1, t);
        }
    }
    sum
}

/// Splits off the words at both ends of a repaired run that were fine as
/// they were: equal in both, or valid Vietnamese syllables with nothing
/// suspicious about them that the language model, next to the repaired
/// word beside them, likes at least as much as their repair (`Hôm qua,
/// Baùo caùo` repairs only `Baùo caùo`: read as VNI, `Hôm` would become
/// `Hơm`; but `vaên soá` becomes `văn số` and `gia sóc` `gia súc`). Words are split at ASCII
/// spaces, which every hypothesis keeps. Returns the byte lengths of the
/// kept head and tail in `run` and in `fixed`, or `None` when every word
/// is kept.
fn clean_edges(run: &str, fixed: &str) -> Option<((usize, usize), (usize, usize))> {
    let old: Vec<&str> = run.split(' ').collect();
    let new: Vec<&str> = fixed.split(' ').collect();
    if old.len() != new.len() {
        return Some(((0, 0), (0, 0)));
    }
    // a word is kept when it was fine and the model likes it next to the
    // repaired word beside it at least as much as its repair
    let keep = |k: usize, before: &str, after: &str| {
        let (Some(&o), Some(&n)) = (old.get(k), new.get(k)) else {
            return false;
        };
        o == n || {
            let mut words = syllable::words(o).peekable();
            words.peek().is_some()
                && suspicious(o).is_none()
                && words.all(|(_, w)| syllable::is_valid(w))
                && words_logp(before, o, after) >= words_logp(before, n, after)
        }
    };
    let count = old.len();
    let head = (0..count)
        .take_while(|&k| keep(k, "", new.get(k + 1).copied().unwrap_or("")))
        .count();
    if head == count {
        return None;
    }
    let tail = (head..count)
        .rev()
        .take_while(|&k| {
            keep(
                k,
                k.checked_sub(1)
                    .and_then(|p| new.get(p))
                    .copied()
                    .unwrap_or(""),
                "",
            )
        })
        .count();
    let pairs: Vec<(&str, &str)> = old.iter().copied().zip(new.iter().copied()).collect();
    let lens = |it: &mut dyn Iterator<Item = &(&str, &str)>| {
        it.fold((0, 0), |(a, b), (o, n)| (a + o.len() + 1, b + n.len() + 1))
    };
    let h = lens(&mut pairs.iter().take(head));
    let t = lens(&mut pairs.iter().rev().take(tail));
    Some((h, t))
}

/// Maximal runs of chars with a Western byte (U+FFFD included), not crossing
/// line ends; leading and trailing ASCII is trimmed to the word around the
/// damage, so a repaired span starts and ends at a word boundary.
fn runs(text: &str) -> Runs<'_> {
    Runs { text, pos: 0 }
}

/// The iterator of [`runs`]; it can also skip ahead to the next run that
/// holds an odd char.
struct Runs<'a> {
    text: &'a str,
    /// Where the search for the next run starts: the end of the last run
    /// (a char that is in no run) or the start of the text.
    pos: usize,
}

impl Runs<'_> {
    /// Whether the char at byte `i` (a char boundary) belongs in a run, and
    /// its length.
    #[inline]
    fn at(&self, i: usize) -> Option<(bool, usize)> {
        let lead = *self.text.as_bytes().get(i)?;
        let len = match lead {
            0..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        // Decided by the lead byte where it can be (a Vietnamese letter
        // such as U+1EC7 leads with 0xE1, which no Western char has);
        // decoded only for the leads some Western char shares.
        let ok = match lead {
            b'\n' | b'\r' => false,
            0..=0x7F | 0xC2 | 0xC3 => true,
            0xC5 | 0xC6 | 0xCB | 0xE2 | 0xEF => self
                .text
                .get(i..i + len)
                .and_then(|s| s.chars().next())
                .is_some_and(in_run),
            _ => false,
        };
        Some((ok, len))
    }

    /// Moves to the start of the next run that holds an [`is_odd`] char
    /// (or to the end): the runs before it would be skipped anyway once
    /// letter pairs no longer count.
    fn skip_to_odd(&mut self) {
        let b = self.text.as_bytes();
        let mut from = self.pos;
        // every odd char leads with 0xC2, 0xC3 or 0xEF
        let odd = loop {
            let Some(k) = b
                .get(from..)
                .and_then(|rest| memchr::memchr3(0xC2, 0xC3, 0xEF, rest))
            else {
                break None;
            };
            let q = from + k;
            if self
                .text
                .get(q..)
                .and_then(|t| t.chars().next())
                .is_some_and(is_odd)
            {
                break Some(q);
            }
            from = q + 1;
        };
        let Some(q) = odd else {
            self.pos = self.text.len();
            return;
        };
        // back to the start of its run
        let mut s = q;
        while s > self.pos {
            let Some(p) = self
                .text
                .get(..s)
                .and_then(|t| t.char_indices().next_back())
                .map(|(p, _)| p)
            else {
                break;
            };
            if p < self.pos || !self.at(p).is_some_and(|(ok, _)| ok) {
                break;
            }
            s = p;
        }
        self.pos = s;
    }
}

impl Iterator for Runs<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let mut start: Option<usize> = None;
        let mut i = self.pos;
        while let Some((ok, len)) = self.at(i) {
            match (ok, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    self.pos = i;
                    return Some((s, i));
                }
                _ => {}
            }
            i += len;
        }
        self.pos = self.text.len();
        start.map(|s| (s, self.text.len()))
    }
}

/// Whether `c` can be part of a run: a char with a Western byte, or U+FFFD,
/// but no line end.
fn in_run(c: char) -> bool {
    c != '\n' && c != '\r' && (c == '\u{FFFD}' || western_byte(c).is_some())
}

#[derive(Default)]
struct Scratch {
    units: Vec<u16>,
    bytes: Vec<u8>,
}

/// Tries every hypothesis on one run and keeps the clearly best.
fn repair_run(run: &str, scratch: &mut Scratch) -> Option<(String, Mojibake)> {
    scratch.units.clear();
    for c in run.chars() {
        let b = if c == '\u{FFFD}' {
            LOST
        } else {
            u16::from(western_byte(c)?)
        };
        scratch.units.push(b);
    }
    let old = tally(run);
    let mut best: Option<(String, Mojibake, Tally)> = None;
    for hyp in HYPS {
        let cand = match hyp {
            Hyp::Utf8 => utf8_fix(&scratch.units, run),
            Hyp::Legacy(table, kind) => {
                if scratch.units.contains(&LOST) {
                    continue;
                }
                scratch.bytes.clear();
                scratch.bytes.extend(scratch.units.iter().map(|&u| u as u8));
                let raw = legacy::decode(&scratch.bytes, table);
                let text = if raw.loose_marks {
                    raw.text.nfc().collect()
                } else {
                    raw.text
                };
                Some((text, kind))
            }
        };
        let Some((text, kind)) = cand else { continue };
        if text == run {
            continue;
        }
        let t = tally(&text);
        if !better(old, t) {
            continue;
        }
        let replace = match &best {
            None => true,
            Some((_, _, bt)) => {
                t.valid > bt.valid
                    || (t.valid == bt.valid && t.invalid + t.junk < bt.invalid + bt.junk)
            }
        };
        if replace {
            let clean = t.invalid + t.junk == 0;
            best = Some((text, kind, t));
            // nothing left to improve on: the other hypotheses cannot win
            if clean {
                break;
            }
        }
    }
    best.map(|(text, kind, _)| (text, kind))
}

/// Decodes the UTF-8 sequences hidden in `units` (Western bytes), up to two
/// levels deep; bytes outside a sequence keep their original char.
fn utf8_fix(units: &[u16], run: &str) -> Option<(String, Mojibake)> {
    let first = utf8_pass(units, run)?;
    // a second level: the repaired text may itself be UTF-8 read as Western
    let again: Option<Vec<u16>> = first
        .0
        .chars()
        .map(|c| {
            if c == '\u{FFFD}' {
                Some(LOST)
            } else {
                western_byte(c).map(u16::from)
            }
        })
        .collect();
    if let Some(units2) = again {
        if let Some(second) = utf8_pass(&units2, &first.0) {
            let t1 = tally(&first.0);
            let t2 = tally(&second.0);
            if t2.valid >= t1.valid && t2.invalid + t2.junk < t1.invalid + t1.junk {
                let kind = if second.1 || first.1 {
                    Mojibake::LossyUtf8AsWestern
                } else {
                    Mojibake::Utf8AsWesternTwice
                };
                return Some((second.0, kind));
            }
        }
    }
    let kind = if first.1 {
        Mojibake::LossyUtf8AsWestern
    } else {
        Mojibake::Utf8AsWestern
    };
    Some((first.0, kind))
}

/// One level of UTF-8 recovery. Returns the text and whether a lost byte was
/// guessed; `None` when no sequence was found.
fn utf8_pass(units: &[u16], run: &str) -> Option<(String, bool)> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() != units.len() {
        return None;
    }
    let mut out = String::with_capacity(run.len());
    // (byte offset in out, alternatives)
    let mut guesses: Vec<(usize, Vec<char>)> = Vec::new();
    let mut found = false;
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        let need = match u {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => 0,
        };
        if need > 0 {
            if let Some(seq) = units.get(i..=i + need) {
                let alts = sequence_chars(seq);
                if !alts.is_empty() {
                    found = true;
                    if alts.len() > 1 {
                        guesses.push((out.len(), alts.clone()));
                    }
                    out.push(alts[0]);
                    i += need + 1;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    if !found {
        return None;
    }
    let guessed = !guesses.is_empty();
    // resolve guesses from the last so byte offsets stay valid
    for (at, alts) in guesses.into_iter().rev() {
        choose(&mut out, at, &alts);
    }
    let text: String = if out.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c)) {
        out.nfc().collect()
    } else {
        out
    };
    Some((text, guessed))
}

/// The chars a byte sequence (with at most one lost byte) can decode to,
/// most likely first.
fn sequence_chars(seq: &[u16]) -> Vec<char> {
    let lost = seq.iter().filter(|&&u| u == LOST).count();
    let mut buf = [0u8; 4];
    let n = seq.len();
    if lost == 0 {
        for (k, &u) in seq.iter().enumerate() {
            buf[k] = u as u8;
        }
        return match std::str::from_utf8(&buf[..n]) {
            Ok(s) => s.chars().collect(),
            Err(_) => Vec::new(),
        };
    }
    if lost > 1 || seq.first() == Some(&LOST) {
        return Vec::new();
    }
    let mut alts = Vec::new();
    for fill in UNDEFINED {
        for (k, &u) in seq.iter().enumerate() {
            buf[k] = if u == LOST { fill } else { u as u8 };
        }
        if let Ok(s) = std::str::from_utf8(&buf[..n]) {
            alts.extend(s.chars());
        }
    }
    // the Vietnamese letters first, by how common they are
    const ORDER: &str = "ờọềỏốỐĐÁÍÝ\u{301}";
    alts.sort_by_key(|c| ORDER.find(*c).unwrap_or(usize::MAX));
    alts
}

/// Replaces the char at byte `at` of `out` with the alternative that makes
/// its word a valid syllable, the likeliest in context by the embedded
/// language model (two words before, one after); keeps the first
/// alternative when none makes a valid syllable.
fn choose(out: &mut String, at: usize, alts: &[char]) {
    let Some(cur) = out.get(at..).and_then(|s| s.chars().next()) else {
        return;
    };
    let cur_len = cur.len_utf8();
    // the word around `at`
    let start = out
        .get(..at)
        .map(|s| {
            s.char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphabetic())
                .last()
                .map_or(at, |(i, _)| i)
        })
        .unwrap_or(at);
    let end = out
        .get(at + cur_len..)
        .map(|s| {
            at + cur_len
                + s.char_indices()
                    .take_while(|(_, c)| c.is_alphabetic() || ('\u{300}'..='\u{36F}').contains(c))
                    .map(|(i, c)| i + c.len_utf8())
                    .last()
                    .unwrap_or(0)
        })
        .unwrap_or(at + cur_len);
    let (Some(before), Some(after)) = (out.get(start..at), out.get(at + cur_len..end)) else {
        return;
    };
    // Case of the lost letter: like the rest of the word, not counting a
    // capital first letter (`Đ?` is `Đề`, `ĐỀ` only among other capitals);
    // at the start of a word the model decides.
    let others: Vec<char> = before
        .chars()
        .skip(1)
        .chain(after.chars())
        .filter(|c| c.is_alphabetic())
        .collect();
    let case_known = !before.is_empty();
    let upper_ctx = !others.is_empty() && others.iter().all(|c| c.is_uppercase());
    // context for the language model: two tokens before the word, one after
    let lm = crate::lm::LanguageModel::embedded();
    let ctx_start = floor_boundary(out, start.saturating_sub(48));
    let mut toks = vec![crate::lm::BOUNDARY, crate::lm::BOUNDARY];
    context_tokens(out.get(ctx_start..start).unwrap_or(""), &mut toks);
    let p1 = toks.last().copied().unwrap_or(crate::lm::BOUNDARY);
    let p2 = toks
        .len()
        .checked_sub(2)
        .and_then(|i| toks.get(i))
        .copied()
        .unwrap_or(crate::lm::BOUNDARY);
    toks.clear();
    let ctx_end = floor_boundary(out, (end + 32).min(out.len()));
    context_tokens(out.get(end..ctx_end).unwrap_or(""), &mut toks);
    let n1 = toks.first().copied().unwrap_or(crate::lm::BOUNDARY);
    let mut pick: Option<(char, f32)> = None;
    for &alt in alts {
        let word: String = format!("{before}{alt}{after}").nfc().collect();
        if !syllable::is_valid(&word) {
            continue;
        }
        let tok = crate::lm::token_of_word(&word);
        let mut score = lm.logp3(p2, p1, tok) + lm.logp3(p1, tok, n1);
        // the embedded model is counted from laws and software strings; a
        // short list of everyday syllables keeps news words in the running
        if syllable::canonical(&word).is_some_and(|c| COMMON.contains(&c.as_str())) {
            score += 2.5;
        }
        if case_known && alt.is_alphabetic() && alt.is_uppercase() != upper_ctx {
            score -= 20.0;
        }
        if pick.map_or(true, |(_, s)| score > s) {
            pick = Some((alt, score));
        }
    }
    if let Some((alt, _)) = pick {
        let mut buf = [0u8; 4];
        out.replace_range(at..at + cur_len, alt.encode_utf8(&mut buf));
    }
}

/// Everyday syllables holding one of the letters a lossy decode can lose
/// (ề ọ ỏ ố ờ), for [`choose`].
const COMMON: &[&str] = &[
    "về", "đề", "nhiều", "điều", "chiều", "tiền", "quyền", "nền", "bền", "học", "họp", "họ",
    "chọn", "gọi", "mọi", "đọc", "trọng", "nhỏ", "bỏ", "đỏ", "giỏi", "khỏe", "hỏi", "người",
    "thời", "mời", "trời", "lời", "đời", "chờ", "nhờ", "giờ", "đối", "số", "phố",
];

/// Language-model tokens of a piece of context, without the document
/// boundaries that `lm::tokenize` puts around a whole text.
fn context_tokens(text: &str, out: &mut Vec<crate::lm::TokenId>) {
    let mut pos = 0;
    for (span, word) in syllable::words(text) {
        if let Some(gap) = text.get(pos..span.start) {
            crate::lm::push_gap_tokens(gap, out);
        }
        out.push(crate::lm::token_of_word(word));
        pos = span.end;
    }
    if let Some(gap) = text.get(pos..) {
        crate::lm::push_gap_tokens(gap, out);
    }
}

/// The largest char boundary of `s` at or before `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipping_to_odd_chars_changes_nothing() {
        use crate::repair::damage::{damage, Damage};
        let clean = "Ủy ban nhân dân tỉnh đã ban hành kế hoạch số 12/KH-UBND về việc \
                     triển khai thực hiện nghị quyết của Hội đồng nhân dân.";
        let pieces = [
            "Viá»‡t Nam",
            "Baùo caùo",
            "ViÖt",
            "khoâ",
            "n”",
            "Tiêu đề: Ä‘Æ°á»£c cÃ´ng nháº\u{AD}n",
            "a\u{FFFD}b",
            "Toâi",
            "x\u{85}y",
            "môùi",
            "\n",
            " ",
        ];
        let mut seed = 11u64;
        for k in 0..400u64 {
            let mut text = String::new();
            for _ in 0..8 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                match (seed >> 33) % 3 {
                    0 => text.push_str(&damage(clean, Damage::ADD_MARKS, seed ^ k)),
                    1 => text.push_str(clean),
                    _ => text.push_str(pieces[(seed >> 40) as usize % pieces.len()]),
                }
                text.push(if seed % 4 == 0 { '\n' } else { ' ' });
            }
            let (a, ra) = repair_runs(&text, true);
            let (b, rb) = repair_runs(&text, false);
            assert_eq!(a, b, "{text:?}");
            assert_eq!(format!("{ra:?}"), format!("{rb:?}"));
        }
    }

    #[test]
    fn latin1_lower_is_unicode_lowercase() {
        for c in 'À'..='ÿ' {
            assert_eq!(
                latin1_lower(c),
                c.to_lowercase().next().unwrap_or(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn runs_split_where_in_run_says() {
        // every char, alone and between two run chars
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let alone = c.to_string();
            let want = if in_run(c) {
                vec![(0, alone.len())]
            } else {
                vec![]
            };
            assert_eq!(runs(&alone).collect::<Vec<_>>(), want, "{c:?}");
            let mid = format!("a{c}b");
            let n = mid.len();
            let want = if in_run(c) {
                vec![(0, n)]
            } else {
                vec![(0, 1), (n - 1, n)]
            };
            assert_eq!(runs(&mid).collect::<Vec<_>>(), want, "{c:?}");
        }
    }

    fn fix(s: &str) -> String {
        repair(s).0.into_owned()
    }

    #[test]
    fn utf8_as_cp1252() {
        assert_eq!(fix("Viá»‡t Nam"), "Việt Nam");
        assert_eq!(
            fix("Tiêu đề: Ä‘Æ°á»£c cÃ´ng nháº\u{AD}n"),
            "Tiêu đề: được công nhận"
        );
    }

    #[test]
    fn vni_and_tcvn3_through_western() {
        assert_eq!(
            fix("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(
            fix("Céng hoµ x· héi chñ nghÜa ViÖt Nam"),
            "Cộng hoà xã hội chủ nghĩa Việt Nam"
        );
    }

    #[test]
    fn random_marks_are_not_mojibake() {
        // a page whose diacritics were damaged at random (marks added and
        // stacked, as on a real scraped page): its `oâ`/`aô` pairs are for
        // diacritic repair, not VNI
        let damaged = "Hội nghị qũýết định khóă học mới, các thành viên bàn về đaô tạo \
                       và khoâ học công nghệ của tỉnh.";
        assert_eq!(fix(damaged), damaged);
        // the same pairs in an otherwise clean page are VNI shown through a
        // Western code page
        assert_eq!(
            fix("Hôm qua, Baùo caùo cuûa UBND đã gửi lên tỉnh."),
            "Hôm qua, Báo cáo của UBND đã gửi lên tỉnh."
        );
    }

    #[test]
    fn correct_text_untouched() {
        for s in [
            "hòa",
            "Cá và cà",
            "Tôi là người Việt Nam.",
            "Müller à España",
            "naïve café",
        ] {
            assert_eq!(fix(s), s);
        }
    }
}
