//! The syllable language model: token ids, the [`Lm`] trait, the compact
//! binary [`LanguageModel`] (with an embedded default), training with
//! [`Counter`] and interpolation with [`Mixture`].
//!
//! ## Tokens
//!
//! Every model shares one token space, derived from the syllable inventory
//! ([`crate::syllable::inventory`]): [`BOUNDARY`] (start/end of a document,
//! sentence and clause punctuation), [`UNKNOWN`] (any letter run that is not a
//! valid Vietnamese syllable: foreign words, acronyms, damaged words),
//! [`NUMBER`] (a run of digits) and one token per canonical syllable,
//! [`syllable_token`]`(i) = 3 + i`. Syllables are lowercase NFC with modern
//! tone placement, so `Hòa`, `hoà` and `HOÀ` are the same token.
//! [`tokenize`] turns text into tokens; [`token_of_word`] and
//! [`push_gap_tokens`] are its two halves for callers that walk words
//! themselves.
//!
//! ## Models
//!
//! A [`LanguageModel`] is an interpolated modified Kneser-Ney n-gram model of
//! order 1 to 3 stored in a validated binary format (see `DESIGN.md`, "LM
//! binary format"). [`LanguageModel::embedded`] is the model shipped in the
//! crate, built by `tools/lm/build.sh` from permissive registry text with the
//! same [`Counter`] users train with. Lookups never allocate:
//! [`LanguageModel::logp2`] and [`LanguageModel::logp3`] are the fast paths
//! for decoders.
//!
//! ```
//! use vietnorm::lm::{self, Lm, LanguageModel};
//!
//! let model = LanguageModel::embedded();
//! let mut tokens = Vec::new();
//! lm::tokenize("Ủy ban nhân dân tỉnh", &mut tokens);
//! // tokens: [BOUNDARY, ủy, ban, nhân, dân, tỉnh, BOUNDARY]
//! let likely = model.logp2(tokens[3], tokens[4]); // "dân" after "nhân"
//! let unlikely = model.logp2(tokens[3], tokens[1]); // "ủy" after "nhân"
//! assert!(likely > unlikely);
//! ```
//!
//! ## Training
//!
//! ```
//! use vietnorm::lm::{Counter, LanguageModel, Lm, Mixture};
//!
//! let mut counter = Counter::new(2);
//! counter.add_document("Hội nghị triển khai nhiệm vụ chuyển đổi số của tỉnh.");
//! let mine = counter.build();
//! let bytes = mine.to_bytes();
//! let loaded = LanguageModel::from_bytes(&bytes)?;
//! let mixed = Mixture::new(vec![(LanguageModel::embedded().clone(), 0.7), (loaded, 0.3)]);
//! assert_eq!(mixed.order(), LanguageModel::embedded().order().max(2));
//! # Ok::<(), vietnorm::Error>(())
//! ```

mod counter;
mod format;
mod mixture;
mod model;
mod quant;
mod tokens;

pub use counter::{check_document, Counter, CounterStats, DocumentCheck};
pub use mixture::Mixture;
pub(crate) use mixture::{log_add, CHUNK};
pub use model::{LanguageModel, ModelInfo};
pub use tokens::{
    inventory_fingerprint, push_gap_tokens, syllable_index, syllable_token, token_of_word,
    tokenize, vocab_size, TokenId, BOUNDARY, NUMBER, UNKNOWN,
};

/// A language model over [`TokenId`]s.
///
/// Probabilities are natural logarithms. `context` holds the previous tokens,
/// nearest last; a model uses at most `order() - 1` of them. Start a document
/// or sentence with [`BOUNDARY`] as context.
///
/// `logp2`/`logp3` are slice-free shortcuts with default implementations;
/// [`LanguageModel`] and [`Mixture`] override them with direct lookups.
pub trait Lm: Send + Sync {
    /// The n-gram order (1 = unigram, 2 = bigram, 3 = trigram).
    fn order(&self) -> usize;

    /// Natural-log probability of `next` after `context` (nearest last).
    fn logp(&self, context: &[TokenId], next: TokenId) -> f32;

    /// Natural-log probability of `next` after `prev`.
    fn logp2(&self, prev: TokenId, next: TokenId) -> f32 {
        self.logp(&[prev], next)
    }

    /// Natural-log probability of `next` after `p2 p1` (`p1` nearest).
    fn logp3(&self, p2: TokenId, p1: TokenId, next: TokenId) -> f32 {
        self.logp(&[p2, p1], next)
    }

    /// `logp3(p2, p1, n)` for every `n` of `nexts`, into `out` (as many as
    /// both hold). A decoder scores all candidates of a word after one
    /// context; a model can then find the context's rows once.
    fn logp3_many(&self, p2: TokenId, p1: TokenId, nexts: &[TokenId], out: &mut [f32]) {
        for (&n, o) in nexts.iter().zip(out.iter_mut()) {
            *o = self.logp3(p2, p1, n);
        }
    }

    /// `logp2(prev, n)` for every `n` of `nexts`, into `out`.
    fn logp2_many(&self, prev: TokenId, nexts: &[TokenId], out: &mut [f32]) {
        for (&n, o) in nexts.iter().zip(out.iter_mut()) {
            *o = self.logp2(prev, n);
        }
    }

    /// Calls `f(prev, next)` for every bigram the model stores (a pair may
    /// come more than once) and returns `true`; or returns `false` when the
    /// model cannot list them (the default). The repairer derives a table
    /// of the likeliest spellings of each pair of skeletons from them, which
    /// speeds up pages that lost their marks; without it those pages are
    /// repaired the slow way.
    fn for_each_stored_bigram(&self, f: &mut dyn FnMut(TokenId, TokenId)) -> bool {
        let _ = f;
        false
    }
}

impl<T: Lm + ?Sized> Lm for &T {
    fn order(&self) -> usize {
        (**self).order()
    }
    fn logp(&self, context: &[TokenId], next: TokenId) -> f32 {
        (**self).logp(context, next)
    }
    fn logp2(&self, prev: TokenId, next: TokenId) -> f32 {
        (**self).logp2(prev, next)
    }
    fn logp3(&self, p2: TokenId, p1: TokenId, next: TokenId) -> f32 {
        (**self).logp3(p2, p1, next)
    }
    fn logp3_many(&self, p2: TokenId, p1: TokenId, nexts: &[TokenId], out: &mut [f32]) {
        (**self).logp3_many(p2, p1, nexts, out)
    }
    fn logp2_many(&self, prev: TokenId, nexts: &[TokenId], out: &mut [f32]) {
        (**self).logp2_many(prev, nexts, out)
    }
    fn for_each_stored_bigram(&self, f: &mut dyn FnMut(TokenId, TokenId)) -> bool {
        (**self).for_each_stored_bigram(f)
    }
}

impl<T: Lm + ?Sized> Lm for std::sync::Arc<T> {
    fn order(&self) -> usize {
        (**self).order()
    }
    fn logp(&self, context: &[TokenId], next: TokenId) -> f32 {
        (**self).logp(context, next)
    }
    fn logp2(&self, prev: TokenId, next: TokenId) -> f32 {
        (**self).logp2(prev, next)
    }
    fn logp3(&self, p2: TokenId, p1: TokenId, next: TokenId) -> f32 {
        (**self).logp3(p2, p1, next)
    }
    fn logp3_many(&self, p2: TokenId, p1: TokenId, nexts: &[TokenId], out: &mut [f32]) {
        (**self).logp3_many(p2, p1, nexts, out)
    }
    fn logp2_many(&self, prev: TokenId, nexts: &[TokenId], out: &mut [f32]) {
        (**self).logp2_many(prev, nexts, out)
    }
    fn for_each_stored_bigram(&self, f: &mut dyn FnMut(TokenId, TokenId)) -> bool {
        (**self).for_each_stored_bigram(f)
    }
}

/// Per-token perplexity of `model` on `text` (every token after the first
/// boundary of each line is scored, boundaries included), or `None` when the
/// text has no tokens. A measuring helper for `examples/lm_eval.rs` and tests.
pub fn perplexity(model: &dyn Lm, text: &str) -> Option<(f64, usize)> {
    let mut tokens = Vec::new();
    let mut sum = 0.0f64;
    let mut n = 0usize;
    for line in text.lines() {
        tokens.clear();
        tokenize(line, &mut tokens);
        for i in 1..tokens.len() {
            let lo = i.saturating_sub(model.order().saturating_sub(1));
            let (Some(ctx), Some(&next)) = (tokens.get(lo..i), tokens.get(i)) else {
                continue;
            };
            sum += f64::from(model.logp(ctx, next));
            n += 1;
        }
    }
    (n > 0).then(|| ((-sum / n as f64).exp(), n))
}

#[cfg(test)]
mod tests;
