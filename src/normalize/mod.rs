//! Normalization: NFC, stray and stacked marks, tone placement, look-alike
//! and styled letters, odd and invisible spaces.
//!
//! Clean text is found by a byte scan (`scan`) and returned borrowed; only
//! the words (runs between ASCII whitespace) that need work go through the
//! char-level pipeline:
//!
//! 1. fold (`fold`): odd spaces to U+0020, invisible chars dropped,
//!    `Ð`/`ð` and other look-alikes to `Đ`/`đ`, styled letters to plain ones;
//! 2. marks (`marks`): deprecated and foreign tone marks mapped to the
//!    Vietnamese ones, the same mark twice on a letter collapsed, tone marks
//!    on no letter dropped; NFC;
//! 3. tone (`tone`): tone placement by the chosen [`TonePolicy`], applied
//!    to valid syllables only; placements wrong under both conventions are
//!    always fixed.
//!
//! Letters with two different tone marks (`ọ́`) are left for diacritic repair
//! and reported in [`Normalized::stacked`].
//!
//! ```
//! use vietnorm::normalize::{Normalizer, TonePolicy};
//!
//! let n = Normalizer::builder().tone(TonePolicy::Modern).build()?;
//! assert_eq!(n.normalize("Hòa bình, qủa ngọt\u{a0}và thủy lợi"), "Hoà bình, quả ngọt và thuỷ lợi");
//! // clean text is borrowed, not copied
//! assert!(matches!(n.normalize("UBND xã"), std::borrow::Cow::Borrowed(_)));
//! # Ok::<(), vietnorm::Error>(())
//! ```

mod compose;
pub(crate) mod fold;
mod marks;
mod scan;
mod tone;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use crate::fxhash::FxBuild;

use crate::{Alignment, Error, Span};

/// Where tone marks go on the open rhymes `oa`, `oe`, `uy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TonePolicy {
    /// Keep each word's own convention; fix only placements that are wrong
    /// under both (`hòan` → `hoàn`, `qủa` → `quả`).
    #[default]
    Keep,
    /// Classic placement: `hòa`, `thủy`, `khỏe`.
    Classic,
    /// Modern placement: `hoà`, `thuỷ`, `khoẻ`.
    Modern,
}

impl std::str::FromStr for TonePolicy {
    type Err = Error;
    fn from_str(s: &str) -> Result<TonePolicy, Error> {
        match s {
            "keep" => Ok(TonePolicy::Keep),
            "classic" | "old" => Ok(TonePolicy::Classic),
            "modern" | "new" => Ok(TonePolicy::Modern),
            _ => Err(Error::new(
                crate::ErrorKind::Config,
                format!("unknown tone policy '{s}': expected keep, classic or modern"),
            )),
        }
    }
}

/// Builds a [`Normalizer`].
#[derive(Debug, Clone)]
pub struct NormalizerBuilder {
    tone: TonePolicy,
    opts: fold::FoldOptions,
}

impl Default for NormalizerBuilder {
    fn default() -> Self {
        NormalizerBuilder {
            tone: TonePolicy::Keep,
            opts: fold::FoldOptions {
                spaces: true,
                invisible: true,
                lookalikes: true,
                styled: true,
            },
        }
    }
}

impl NormalizerBuilder {
    /// The tone placement policy (default [`TonePolicy::Keep`]).
    pub fn tone(&mut self, policy: TonePolicy) -> &mut Self {
        self.tone = policy;
        self
    }

    /// Turn NBSP and other space separators into U+0020 (default on).
    pub fn spaces(&mut self, yes: bool) -> &mut Self {
        self.opts.spaces = yes;
        self
    }

    /// Remove zero-width chars, BOM, soft hyphens and bidi marks (default on).
    pub fn invisible(&mut self, yes: bool) -> &mut Self {
        self.opts.invisible = yes;
        self
    }

    /// Fold look-alikes of `Đ`/`đ` (`Ð`, `ð`, `Ɖ`, `ɖ`) (default on).
    pub fn lookalikes(&mut self, yes: bool) -> &mut Self {
        self.opts.lookalikes = yes;
        self
    }

    /// Fold styled letters (mathematical alphanumerics, fullwidth forms) to
    /// plain letters, keeping their marks (default on).
    pub fn styled(&mut self, yes: bool) -> &mut Self {
        self.opts.styled = yes;
        self
    }

    /// Builds the normalizer.
    pub fn build(&self) -> Result<Normalizer, Error> {
        Ok(Normalizer {
            tone: self.tone,
            opts: self.opts,
        })
    }
}

/// A configured normalizer: immutable, `Copy`, `Send + Sync`.
#[derive(Debug, Clone, Copy)]
pub struct Normalizer {
    tone: TonePolicy,
    opts: fold::FoldOptions,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new()
    }
}

/// The result of [`Normalizer::normalize_aligned`].
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    /// The normalized text (borrowed when nothing changed).
    pub text: Cow<'a, str>,
    /// Maps byte ranges of `text` back to the input.
    pub alignment: Alignment,
    /// Spans (in `text`) of letters that carry two different tone marks,
    /// left for diacritic repair.
    pub stacked: Vec<Span>,
}

impl Normalizer {
    /// The default normalizer (tone policy `Keep`, every fold on).
    pub fn new() -> Normalizer {
        Normalizer {
            tone: TonePolicy::Keep,
            opts: NormalizerBuilder::default().opts,
        }
    }

    /// A builder to configure one.
    pub fn builder() -> NormalizerBuilder {
        NormalizerBuilder::default()
    }

    /// The tone policy.
    pub fn tone_policy(&self) -> TonePolicy {
        self.tone
    }

    /// Normalizes `text`; borrows it when nothing changes.
    pub fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut sink = NoAlign;
        self.run(text, &mut sink, &mut Vec::new())
    }

    /// Normalizes `text` and returns an alignment from the output back to
    /// the input, and the letters left for repair.
    ///
    /// ```
    /// use vietnorm::{normalize::Normalizer, Span};
    ///
    /// let input = "Vie\u{323}\u{302}t\u{a0}Nam";
    /// let out = Normalizer::new().normalize_aligned(input);
    /// assert_eq!(out.text, "Việt Nam");
    /// let nam = Span::new(out.text.find("Nam").unwrap(), out.text.len());
    /// assert_eq!(&input[out.alignment.map_span(nam)], "Nam");
    /// ```
    pub fn normalize_aligned<'a>(&self, text: &'a str) -> Normalized<'a> {
        let mut align = Alignment::new();
        let mut stacked = Vec::new();
        let out = self.run(text, &mut align, &mut stacked);
        if matches!(out, Cow::Borrowed(_)) {
            align = Alignment::identity(text.len());
        }
        Normalized {
            text: out,
            alignment: align,
            stacked,
        }
    }

    fn run<'a, A: AlignSink>(
        &self,
        text: &'a str,
        align: &mut A,
        stacked: &mut Vec<Span>,
    ) -> Cow<'a, str> {
        let bytes = text.as_bytes();
        let Some(mut dirty) = scan::first_dirty(text, 0, self.tone) else {
            return Cow::Borrowed(text);
        };
        let mut out = String::with_capacity(text.len() + 16);
        let mut pos = 0;
        let mut word = WordScratch::default();
        loop {
            // decomposed Vietnamese, the common dirty word, is composed in
            // place; the clean text before it is copied on the way
            if !A::WANTED && matches!(bytes.get(dirty), Some(0xCC | 0xCD)) {
                let mark = out.len();
                if let Some(we) = self.compose_word(text, pos, dirty, &mut out) {
                    pos = we;
                    match scan::first_dirty(text, we, self.tone) {
                        Some(next) => dirty = next,
                        None => break,
                    }
                    continue;
                }
                out.truncate(mark);
            }
            let ws = scan::word_start(bytes, pos, dirty);
            let clean = text.get(pos..ws).unwrap_or("");
            align.copied(
                Span::new(out.len(), out.len() + clean.len()),
                Span::new(pos, ws),
            );
            out.push_str(clean);
            let out_start = out.len();
            let we = scan::word_end(bytes, ws);
            let w = text.get(ws..we).unwrap_or("");
            if !A::WANTED {
                // `normalize` keeps no stacked spans: the text is all it needs
                self.word_text(w, &mut word, &mut out);
            } else {
                self.word(w, &mut word, A::WANTED);
                out.push_str(&word.out);
                align.extend(&word.align, out_start, ws);
                stacked.extend(
                    word.stacked
                        .iter()
                        .map(|s| Span::new(s.start + out_start, s.end + out_start)),
                );
            }
            pos = we;
            match scan::first_dirty(text, we, self.tone) {
                Some(next) => dirty = next,
                None => break,
            }
        }
        let rest = text.get(pos..).unwrap_or("");
        align.copied(
            Span::new(out.len(), out.len() + rest.len()),
            Span::new(pos, text.len()),
        );
        out.push_str(rest);
        if out == text {
            return Cow::Borrowed(text);
        }
        Cow::Owned(out)
    }

    // The slow path for one word, text only, through this thread's cache
    // of words already done: a damaged page repeats the same broken words
    // (`ngườì`, stacked tones), and the slow path costs thousands of
    // instructions a word. The output is a function of the word and the
    // settings alone, so a hit writes exactly what the slow path would.
    fn word_text(&self, w: &str, s: &mut WordScratch, out: &mut String) {
        let config = (self.tone, self.opts);
        let key = ShortWord::new(w);
        let hit = key.is_some_and(|key| {
            WORD_CACHE
                .try_with(|c| {
                    let Ok(mut c) = c.try_borrow_mut() else {
                        return false;
                    };
                    if c.config != Some(config) {
                        c.map.clear();
                        c.config = Some(config);
                    }
                    match c.map.get(&key) {
                        Some(done) => {
                            out.push_str(done.as_str());
                            true
                        }
                        None => false,
                    }
                })
                .unwrap_or(false)
        });
        if hit {
            return;
        }
        self.word(w, s, false);
        out.push_str(&s.out);
        if let (Some(key), Some(done)) = (key, ShortWord::new(&s.out)) {
            let _ = WORD_CACHE.try_with(|c| {
                if let Ok(mut c) = c.try_borrow_mut() {
                    // bounded: a page of distinct words starts it over
                    if c.map.len() >= MAX_CACHED_WORDS {
                        c.map.clear();
                    }
                    c.map.insert(key, done);
                }
            });
        }
    }

    // The slow path for one word.
    fn word(&self, w: &str, s: &mut WordScratch, want_align: bool) {
        s.out.clear();
        s.stacked.clear();
        let a1 = marks::fold_and_compose(
            w,
            self.opts,
            &mut s.mid,
            &mut s.stacked,
            &mut s.marks,
            want_align,
        );
        let a2 = tone::place(&s.mid, self.tone, &mut s.out, want_align);
        if !want_align {
            return;
        }
        s.align = a1.compose(&a2);
        // stacked spans were found in `mid`; carry them to `out`
        if !s.stacked.is_empty() {
            let inv = invert(&a2);
            for sp in &mut s.stacked {
                *sp = inv.map_span(*sp);
            }
        }
    }
}

impl Normalizer {
    // Decomposed Vietnamese (letters followed by Vietnamese combining marks)
    // composed straight from the letter tables. Appends `text[pos..]` up to
    // the end of the word holding `dirty` (a combining mark) to `out`,
    // copying everything but the composed letters as it is, and returns
    // that end. Returns None to leave the word to the general path (folds,
    // stray or stacked marks, other scripts, tones that then need placing);
    // `out` may then hold a partial word.
    fn compose_word(
        &self,
        text: &str,
        pos: usize,
        dirty: usize,
        out: &mut String,
    ) -> Option<usize> {
        use crate::syllable::letters::{is_vowel, letter_char, letter_info, modify, Mark};
        use crate::syllable::Tone;
        let bytes = text.as_bytes();
        let ws = scan::word_start(bytes, pos, dirty);
        // where the word starts in `out`: the bytes before it are copied as is
        let out_ws = out.len() + (ws - pos);
        let mut copied = pos;
        // start of the char before `i` in the word (the base of a mark)
        let mut base = (dirty > ws)
            .then(|| scan::prev_start(bytes, dirty))
            .flatten();
        let mut i = dirty;
        while let Some(&b) = bytes.get(i) {
            if b < 0x80 {
                if scan::is_ascii_space(b) {
                    break;
                }
                base = Some(i);
                i += 1;
                continue;
            }
            if !matches!(b, 0xCC | 0xCD) {
                // any other char is copied; the final scan judges it
                base = Some(i);
                i += scan::utf8_len(b);
                continue;
            }
            // U+0300..=U+037F: the marks on the char at `base`
            let bs = base.take()?;
            if let Some(&ascii @ 0..=0x7F) = bytes.get(bs) {
                let (c, used) = compose::compose(ascii, bytes.get(i..).unwrap_or(&[]))?;
                out.push_str(text.get(copied..bs)?);
                out.push(c);
                i += used;
                copied = i;
                continue;
            }
            // a precomposed letter with more marks
            let info = letter_info(text.get(bs..i)?.chars().next()?)?;
            let (mut code, mut tone) = (info.code, info.tone);
            while let (Some(&l @ (0xCC | 0xCD)), Some(&c1)) = (bytes.get(i), bytes.get(i + 1)) {
                let cp = (u32::from(l & 0x1F) << 6) | u32::from(c1 & 0x3F);
                match crate::syllable::combining_mark(char::from_u32(cp)?)? {
                    // the same tone twice counts once
                    Mark::Tone(t) if tone == t => {}
                    Mark::Tone(t) if tone == Tone::Level && is_vowel(code) => tone = t,
                    Mark::Tone(_) => return None,
                    m => code = modify(code, m)?,
                }
                i += 2;
            }
            out.push_str(text.get(copied..bs)?);
            let c = letter_char(code, tone);
            if info.upper {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            copied = i;
        }
        out.push_str(text.get(copied..i)?);
        // the composed word must now pass the scan as it is
        let word = out.get(out_ws..).unwrap_or("");
        scan::first_dirty(word, 0, self.tone).is_none().then_some(i)
    }
}

// Swaps the two sides of an alignment.
fn invert(a: &Alignment) -> Alignment {
    let mut r = Alignment::new();
    for seg in a.segments() {
        if seg.copied {
            r.push_copied(seg.input, seg.output);
        } else {
            r.push_changed(seg.input, seg.output);
        }
    }
    r
}

/// Entries of [`WORD_CACHE`] before it is cleared (64 bytes each; the
/// table takes up to about 4 MB per thread).
const MAX_CACHED_WORDS: usize = 32 * 1024;

/// A word of at most 31 bytes stored inline: the cache's keys and values
/// are compared and copied without following a pointer (a cache miss
/// each, which cost more than the hashing).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct ShortWord {
    len: u8,
    bytes: [u8; 31],
}

impl ShortWord {
    fn new(w: &str) -> Option<ShortWord> {
        let mut bytes = [0u8; 31];
        bytes.get_mut(..w.len())?.copy_from_slice(w.as_bytes());
        Some(ShortWord {
            len: w.len() as u8,
            bytes,
        })
    }

    fn as_str(&self) -> &str {
        self.bytes
            .get(..usize::from(self.len))
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

/// Slow-path words and their normalized text, for the settings in `config`.
#[derive(Default)]
struct WordCache {
    config: Option<(TonePolicy, fold::FoldOptions)>,
    map: HashMap<ShortWord, ShortWord, FxBuild>,
}

thread_local! {
    static WORD_CACHE: RefCell<WordCache> = RefCell::new(WordCache::default());
}

#[derive(Default)]
struct WordScratch {
    marks: marks::Scratch,
    mid: String,
    out: String,
    align: Alignment,
    stacked: Vec<Span>,
}

// Lets `normalize` skip alignment bookkeeping entirely.
trait AlignSink {
    const WANTED: bool;
    fn copied(&mut self, out: Span, input: Span);
    fn extend(&mut self, word: &Alignment, out_off: usize, in_off: usize);
}

struct NoAlign;

impl AlignSink for NoAlign {
    const WANTED: bool = false;
    fn copied(&mut self, _: Span, _: Span) {}
    fn extend(&mut self, _: &Alignment, _: usize, _: usize) {}
}

impl AlignSink for Alignment {
    const WANTED: bool = true;
    fn copied(&mut self, out: Span, input: Span) {
        self.push_copied(out, input);
    }
    fn extend(&mut self, word: &Alignment, out_off: usize, in_off: usize) {
        for seg in word.segments() {
            let o = Span::new(seg.output.start + out_off, seg.output.end + out_off);
            let i = Span::new(seg.input.start + in_off, seg.input.end + in_off);
            if seg.copied {
                self.push_copied(o, i);
            } else {
                self.push_changed(o, i);
            }
        }
    }
}

/// Normalizes `text` with the default [`Normalizer`].
///
/// ```
/// assert_eq!(vietnorm::normalize::normalize("Ðảng ủy\u{200b} xã"), "Đảng ủy xã");
/// ```
pub fn normalize(text: &str) -> Cow<'_, str> {
    Normalizer::new().normalize(text)
}

#[cfg(test)]
mod tests;
