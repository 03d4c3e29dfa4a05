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
            many => many.iter().fold(f32::NEG_INFINITY, |acc, (m, w)| {
                // running log-sum-exp: exact for very small probabilities
                let l = f(m) + w.ln();
                let (hi, lo) = if acc > l { (acc, l) } else { (l, acc) };
                hi + (lo - hi).exp().ln_1p()
            }),
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
}
