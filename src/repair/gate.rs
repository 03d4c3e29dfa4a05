//! The clean-text gate: one pass over a document, without the language
//! model, that says whether it can be returned untouched.
//!
//! Most pages of an archive are clean. For them the full engine (candidate
//! lattices, the rate estimate, Viterbi) is wasted work, so `repair_doc`
//! first counts what can be seen word by word: valid syllables, tones,
//! stacked marks, and toned words that no Vietnamese spelling produces (the
//! hard evidence the engine acts on even in a clean document). A document
//! with no hard evidence, no stacked marks and tones as frequent as clean
//! text needs is left alone; anything else goes to the engine, which decides
//! with the model. Each distinct word is judged once per thread and cached,
//! so the pass costs little more than splitting the text into words.

use super::letters::{analyse, M_BAR};
use super::noise::{Features, REF_TONED};
use crate::syllable;

/// The word analyses into letters the channel model knows.
const V_ANALYSED: u16 = 1;
/// A valid syllable as written.
const V_VALID: u16 = 2;
/// A valid syllable with a tone mark.
const V_TONED: u16 = 4;
/// Marks Vietnamese spelling cannot produce (see `Analysis::stacked`).
const V_STACKED: u16 = 8;
/// Hard evidence: stacked, or toned yet not a syllable of its skeleton.
const V_EVIDENCE: u16 = 16;
/// Letters `d`/`đ` (bits 8..12) and `đ` (bits 12..16) in the word.
const D_SHIFT: u16 = 8;
const DBAR_SHIFT: u16 = 12;

/// Least share of tones (over valid syllables) a document needs to skip the
/// engine. The rate estimate starts to suspect lost marks below
/// `0.7 * REF_TONED` (`noise::initial`); this leaves a margin above that.
const MIN_TONED: f32 = 0.75 * REF_TONED;

/// Slots of the per-thread verdict cache (a power of two).
const SLOTS: usize = 1 << 14;

/// Verdicts of recently seen words, direct-mapped on the word's bytes.
#[derive(Debug)]
pub(crate) struct WordCache {
    keys: Vec<u128>,
    vals: Vec<u16>,
}

impl Default for WordCache {
    fn default() -> WordCache {
        WordCache {
            keys: vec![0; SLOTS],
            vals: vec![0; SLOTS],
        }
    }
}

/// The word's bytes and length packed into one key; `None` for words of
/// more than 15 bytes (rare, and judged without the cache). `text` is the
/// document and `start..end` the word's span in it.
#[inline]
fn key_at(text: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end.checked_sub(start)?;
    if len == 0 || len > 15 {
        return None;
    }
    // one 16-byte load where the text allows it, masked to the word
    let raw = match text.get(start..start + 16) {
        Some(s) => u128::from_le_bytes(s.try_into().ok()?),
        None => {
            let mut k = [0u8; 16];
            for (d, s) in k.iter_mut().zip(text.get(start..end)?) {
                *d = *s;
            }
            u128::from_le_bytes(k)
        }
    };
    let mask = (1u128 << (8 * len)) - 1;
    Some((raw & mask) | ((len as u128) << 120))
}

/// [`key_at`] for a word on its own.
#[cfg(test)]
fn key_of(word: &str) -> Option<u128> {
    key_at(word.as_bytes(), 0, word.len())
}

#[inline]
fn slot_of(key: u128) -> usize {
    let h =
        ((key as u64) ^ ((key >> 64) as u64).rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - SLOTS.trailing_zeros())) as usize
}

impl WordCache {
    /// The verdict on the word at `start..end` in `text`.
    #[inline]
    fn verdict_at(&mut self, text: &str, start: usize, end: usize) -> u16 {
        let word = || text.get(start..end).unwrap_or("");
        let Some(key) = key_at(text.as_bytes(), start, end) else {
            return judge(word());
        };
        let slot = slot_of(key);
        if self.keys.get(slot) == Some(&key) {
            return self.vals.get(slot).copied().unwrap_or(0);
        }
        let v = judge(word());
        if let (Some(k), Some(x)) = (self.keys.get_mut(slot), self.vals.get_mut(slot)) {
            *k = key;
            *x = v;
        }
        v
    }
}

/// Judges one word (the same notions as the engine's candidate builder).
fn judge(word: &str) -> u16 {
    let Some(a) = analyse(word) else {
        return 0;
    };
    let mut v = V_ANALYSED;
    let mut skel = [0u8; super::letters::MAX_LETTERS];
    let (mut d, mut dbar) = (0u16, 0u16);
    for (s, l) in skel.iter_mut().zip(a.letters()) {
        *s = l.base;
        if l.base == b'd' {
            d += 1;
            if l.mods & (1 << M_BAR) != 0 {
                dbar += 1;
            }
        }
    }
    let skel = std::str::from_utf8(skel.get(..a.len).unwrap_or(&[])).unwrap_or("");
    let viet = !syllable::candidates(skel).is_empty();
    let n_tones = a.n_tones();
    if a.stacked_letter() || (n_tones > 1 && viet) {
        v |= V_STACKED | V_EVIDENCE;
    }
    if syllable::is_valid(word) {
        v |= V_VALID;
        if n_tones > 0 {
            v |= V_TONED;
        }
    } else if n_tones > 0 && viet {
        v |= V_EVIDENCE;
    }
    v | (d.min(15) << D_SHIFT) | (dbar.min(15) << DBAR_SHIFT)
}

/// What the gate saw in a document.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Look {
    /// Counts over the analysable words.
    pub features: Features,
    /// Words with hard evidence of damage.
    pub evidence: u32,
}

impl Look {
    /// True when the engine would find nothing to do: no hard evidence, no
    /// stacked marks, and tones as frequent as in clean text.
    pub fn clean(&self) -> bool {
        let f = &self.features;
        self.evidence == 0 && f.stacked == 0.0 && f.toned_rate() >= MIN_TONED
    }
}

/// Counts the words of `text` (see the module documentation).
pub(crate) fn look(text: &str, cache: &mut WordCache) -> Look {
    let mut l = Look::default();
    let (mut words, mut valid, mut toned, mut stacked, mut d, mut dbar) = (0u32, 0, 0, 0, 0, 0);
    syllable::words::for_each_word(text, |start, end| {
        let v = cache.verdict_at(text, start, end);
        if v & V_ANALYSED == 0 {
            return;
        }
        words += 1;
        valid += u32::from(v & V_VALID != 0);
        toned += u32::from(v & V_TONED != 0);
        stacked += u32::from(v & V_STACKED != 0);
        l.evidence += u32::from(v & V_EVIDENCE != 0);
        d += u32::from((v >> D_SHIFT) & 15);
        dbar += u32::from(v >> DBAR_SHIFT);
    });
    let f = &mut l.features;
    f.words = words as f32;
    f.valid = valid as f32;
    f.toned = toned as f32;
    f.stacked = stacked as f32;
    f.d = d as f32;
    f.dbar = dbar as f32;
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look_at(text: &str) -> Look {
        look(text, &mut WordCache::default())
    }

    #[test]
    fn clean_text_passes() {
        let l = look_at(
            "Chiều nay, Ủy ban nhân dân tỉnh đã họp bàn kế hoạch phát triển kinh tế năm 2026.",
        );
        assert_eq!(l.evidence, 0);
        assert!(l.clean());
    }

    #[test]
    fn damage_is_seen() {
        // a toned spelling that is no syllable
        assert!(!look_at("Ủy ban nhân dân tỉnh đã họp bàn kế hoạch khóă học.").clean());
        // two tones on one letter
        assert!(!look_at("Ủy ban nhân dân tỉnh đã họ́p bàn kế hoạch năm nay.").clean());
        // marks stripped: too few tones
        assert!(!look_at("Uy ban nhan dan tinh da hop ban ke hoach phat trien kinh te.").clean());
    }

    #[test]
    fn cache_gives_the_same_verdicts() {
        let mut c = WordCache::default();
        let text = "Nghị quyết số 57 của Bộ Chính trị về phát triển khoa học, qũýết định.";
        let a = look(text, &mut c);
        let b = look(text, &mut c);
        assert_eq!(a.evidence, b.evidence);
        assert_eq!(a.features.valid, b.features.valid);
        assert_eq!(a.features.toned, b.features.toned);
        for (_, w) in syllable::words(text) {
            assert_eq!(c.verdict_at(w, 0, w.len()), judge(w), "{w}");
        }
    }

    #[test]
    fn long_words_are_judged_without_the_cache() {
        let w = "Nghiêngnghiêngnghiêng";
        assert!(key_of(w).is_none());
        assert_eq!(WordCache::default().verdict_at(w, 0, w.len()), judge(w));
        // the same word read inside a text and alone makes the same key
        let text = "xã Ia Ko, Đắk Lắk";
        let at = text.find("Lắk").unwrap_or(0);
        assert_eq!(key_at(text.as_bytes(), at, text.len()), key_of("Lắk"));
        let at = text.find("Ko").unwrap_or(0);
        assert_eq!(key_at(text.as_bytes(), at, at + 2), key_of("Ko"));
    }
}
