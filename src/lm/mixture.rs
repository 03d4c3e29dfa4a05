//! [`Mixture`]: linear interpolation of language models.

use super::{LanguageModel, Lm, TokenId};

/// Linear interpolation of [`LanguageModel`]s: `p = Σ wᵢ pᵢ`, weights
/// normalized to sum to 1. Use it to combine the embedded model with a
/// user-trained or in-domain one.
///
/// Negative, zero or non-finite weights drop their model; if no weight is
/// usable every model gets the same weight. Immutable and `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Mixture {
    models: Vec<(LanguageModel, f32)>,
    order: usize,
}

impl Mixture {
    /// A mixture of `(model, weight)` pairs.
    pub fn new(models: Vec<(LanguageModel, f32)>) -> Mixture {
        let usable = |w: f32| w.is_finite() && w > 0.0;
        let total: f32 = models.iter().map(|&(_, w)| w).filter(|&w| usable(w)).sum();
        let n = models.len().max(1) as f32;
        let models: Vec<(LanguageModel, f32)> = if total > 0.0 {
            models
                .into_iter()
                .filter(|&(_, w)| usable(w))
                .map(|(m, w)| (m, w / total))
                .collect()
        } else {
            models.into_iter().map(|(m, _)| (m, 1.0 / n)).collect()
        };
        let order = models.iter().map(|(m, _)| m.order()).max().unwrap_or(1);
        Mixture { models, order }
    }

    /// The models and their normalized weights.
    pub fn models(&self) -> &[(LanguageModel, f32)] {
        &self.models
    }

    #[inline]
    fn mix(&self, f: impl Fn(&LanguageModel) -> f32) -> f32 {
        match self.models.as_slice() {
            [] => -30.0,
            [(m, _)] => f(m),
            // running log-sum-exp: exact for very small probabilities
            many => many
                .iter()
                .fold(f32::NEG_INFINITY, |acc, (m, w)| log_add(acc, f(m) + w.ln())),
        }
    }
}

impl Lm for Mixture {
    fn order(&self) -> usize {
        self.order
    }

    fn logp(&self, context: &[TokenId], next: TokenId) -> f32 {
        self.mix(|m| m.logp(context, next))
    }

    fn logp2(&self, prev: TokenId, next: TokenId) -> f32 {
        self.mix(|m| m.logp2(prev, next))
    }

    fn logp3(&self, p2: TokenId, p1: TokenId, next: TokenId) -> f32 {
        self.mix(|m| m.logp3(p2, p1, next))
    }

    fn logp3_many(&self, p2: TokenId, p1: TokenId, nexts: &[TokenId], out: &mut [f32]) {
        self.mix_many(nexts, out, |m, n, o| m.logp3_many(p2, p1, n, o));
    }

    fn logp2_many(&self, prev: TokenId, nexts: &[TokenId], out: &mut [f32]) {
        self.mix_many(nexts, out, |m, n, o| m.logp2_many(prev, n, o));
    }

    fn for_each_stored_bigram(&self, f: &mut dyn FnMut(TokenId, TokenId)) -> bool {
        self.models
            .iter()
            .fold(true, |all, (m, _)| m.for_each_stored_bigram(f) && all)
    }
}

/// How many next tokens a mixture scores per model call (the batch of a
/// decoder is a word's candidates, rarely more than ten).
pub(crate) const CHUNK: usize = 16;

/// Log-sum-exp of `acc` and `l` (either may be `-inf`).
#[inline]
pub(crate) fn log_add(acc: f32, l: f32) -> f32 {
    let (hi, lo) = if acc > l { (acc, l) } else { (l, acc) };
    if lo == f32::NEG_INFINITY {
        hi
    } else {
        hi + (lo - hi).exp().ln_1p()
    }
}

impl Mixture {
    /// Scores `nexts` with each model through `f` (a batched lookup) and
    /// mixes the results into `out`, a chunk at a time.
    fn mix_many(
        &self,
        nexts: &[TokenId],
        out: &mut [f32],
        f: impl Fn(&LanguageModel, &[TokenId], &mut [f32]),
    ) {
        match self.models.as_slice() {
            [] => out.iter_mut().for_each(|o| *o = -30.0),
            [(m, _)] => f(m, nexts, out),
            many => {
                let mut part = [0.0f32; CHUNK];
                for (n, o) in nexts.chunks(CHUNK).zip(out.chunks_mut(CHUNK)) {
                    o.iter_mut().for_each(|x| *x = f32::NEG_INFINITY);
                    for (m, w) in many {
                        let lw = w.ln();
                        let part = &mut part[..n.len().min(o.len())];
                        f(m, n, part);
                        for (x, &l) in o.iter_mut().zip(part.iter()) {
                            *x = log_add(*x, l + lw);
                        }
                    }
                }
            }
        }
    }
}
