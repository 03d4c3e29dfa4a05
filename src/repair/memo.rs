//! A per-thread memo of language-model lookups.
//!
//! The decoder asks for the same n-grams again and again: every round of the
//! rate estimate re-scores the same candidate pairs, and an archive repeats
//! its phrasing from page to page. A lookup in the model is a binary search
//! in two rows (two models for an adapted repairer); a hit here is one
//! probe of a direct-mapped table that stays in the L2 cache.

use crate::lm::{Lm, TokenId};

/// Entries (a power of two): 32 K × 16 bytes.
const SLOTS: usize = 1 << 15;
/// Never a key: bigram keys leave bits 32..63 clear but for the tag.
const EMPTY: u64 = u64::MAX;
/// Tags a bigram key apart from trigram keys.
const BIGRAM: u64 = 1 << 63;

/// Memoized `logp2`/`logp3` of one model (told apart by an id).
#[derive(Debug)]
pub(crate) struct Memo {
    owner: u64,
    /// Off for a plain [`crate::lm::LanguageModel`]: its filters answer
    /// most lookups from L2, and a probe here costs as much as that while
    /// it misses 85–90% of the time on news (so the writes come on top).
    on: bool,
    /// Key and value side by side: a probe touches one cache line.
    slots: Vec<(u64, f32)>,
}

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            owner: 0,
            on: true,
            slots: vec![(EMPTY, 0.0); SLOTS],
        }
    }
}

impl Memo {
    /// A memo without a table (every lookup goes to the model), to stand in
    /// while the real one is borrowed out of the scratch space.
    pub fn detached() -> Memo {
        Memo {
            owner: 0,
            on: false,
            slots: Vec::new(),
        }
    }
}

#[inline]
fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
}

impl Memo {
    /// Starts using the memo for the model with id `owner`, forgetting what
    /// another model said; with `on` false, every lookup goes to the model.
    pub fn bind(&mut self, owner: u64, on: bool) {
        self.on = on;
        if on && self.owner != owner {
            self.slots.fill((EMPTY, 0.0));
            self.owner = owner;
        }
    }

    #[inline]
    fn get_or(&mut self, key: u64, f: impl FnOnce() -> f32) -> f32 {
        if !self.on {
            return f();
        }
        let s = slot(key);
        if let Some(slot) = self.slots.get_mut(s) {
            if slot.0 == key {
                return slot.1;
            }
            let x = f();
            *slot = (key, x);
            return x;
        }
        f()
    }

    /// `lm.logp2(prev, next)`.
    #[inline]
    pub fn p2(&mut self, lm: &dyn Lm, prev: TokenId, next: TokenId) -> f32 {
        if (prev | next) >> 16 != 0 {
            return lm.logp2(prev, next);
        }
        let key = BIGRAM | (u64::from(prev) << 16) | u64::from(next);
        self.get_or(key, || lm.logp2(prev, next))
    }

    /// `lm.logp3(p2, p1, n)` for every `n` of `nexts` into `out`: answers
    /// from the memo where it can, and asks the model for the rest in one
    /// batched lookup (`miss` is scratch space).
    pub fn p3_many(
        &mut self,
        lm: &dyn Lm,
        (p2, p1): (TokenId, TokenId),
        nexts: &[TokenId],
        out: &mut [f32],
        miss: &mut Misses,
    ) {
        if !self.on {
            lm.logp3_many(p2, p1, nexts, out);
            return;
        }
        miss.clear();
        for (k, (&n, o)) in nexts.iter().zip(out.iter_mut()).enumerate() {
            let Some(key) = tri_key(p2, p1, n) else {
                miss.push(k, n);
                continue;
            };
            let s = slot(key);
            match self.slots.get(s) {
                Some(&(k2, v)) if k2 == key => *o = v,
                _ => miss.push(k, n),
            }
        }
        if miss.toks.is_empty() {
            return;
        }
        miss.vals.clear();
        miss.vals.resize(miss.toks.len(), 0.0);
        lm.logp3_many(p2, p1, &miss.toks, &mut miss.vals);
        for ((&k, &n), &v) in miss.at.iter().zip(&miss.toks).zip(&miss.vals) {
            if let Some(o) = out.get_mut(k as usize) {
                *o = v;
            }
            if let Some(key) = tri_key(p2, p1, n) {
                let s = slot(key);
                if let Some(slot) = self.slots.get_mut(s) {
                    *slot = (key, v);
                }
            }
        }
    }

    /// `lm.logp3(p2, p1, next)`.
    #[inline]
    pub fn p3(&mut self, lm: &dyn Lm, p2: TokenId, p1: TokenId, next: TokenId) -> f32 {
        match tri_key(p2, p1, next) {
            Some(key) => self.get_or(key, || lm.logp3(p2, p1, next)),
            None => lm.logp3(p2, p1, next),
        }
    }
}

/// The memo key of a trigram, when its ids fit.
#[inline]
fn tri_key(p2: TokenId, p1: TokenId, next: TokenId) -> Option<u64> {
    ((p2 | p1 | next) >> 16 == 0)
        .then(|| (u64::from(p2) << 32) | (u64::from(p1) << 16) | u64::from(next))
}

/// Scratch space of [`Memo::p3_many`]: the lookups the memo could not answer.
#[derive(Debug, Default)]
pub(crate) struct Misses {
    at: Vec<u32>,
    toks: Vec<TokenId>,
    vals: Vec<f32>,
}

impl Misses {
    fn clear(&mut self) {
        self.at.clear();
        self.toks.clear();
    }

    fn push(&mut self, at: usize, tok: TokenId) {
        self.at.push(at as u32);
        self.toks.push(tok);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lm::{self, LanguageModel};

    #[test]
    fn memo_answers_like_the_model() {
        let lm = LanguageModel::embedded();
        let mut toks = Vec::new();
        lm::tokenize(
            "Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm",
            &mut toks,
        );
        let mut m = Memo::default();
        m.bind(7, true);
        for round in 0..2 {
            for w in toks.windows(3) {
                let (a, b, c) = (w[0], w[1], w[2]);
                assert_eq!(m.p2(lm, b, c), lm.logp2(b, c), "round {round}");
                assert_eq!(m.p3(lm, a, b, c), lm.logp3(a, b, c), "round {round}");
            }
        }
        // big ids bypass the memo
        assert_eq!(m.p2(lm, 1 << 20, 5), lm.logp2(1 << 20, 5));
    }

    /// The batched lookup answers like the model, from the memo or not,
    /// and fills the memo for the single lookups.
    #[test]
    fn batched_memo_answers_like_the_model() {
        let lm = LanguageModel::embedded();
        let mut toks = Vec::new();
        lm::tokenize(
            "Ủy ban nhân dân xã tổ chức hội nghị sơ kết công tác quý ba",
            &mut toks,
        );
        toks.push(1 << 20);
        let mut m = Memo::default();
        m.bind(3, true);
        let mut miss = Misses::default();
        let mut out = vec![0.0; toks.len()];
        for round in 0..2 {
            for w in toks.windows(2) {
                m.p3_many(lm, (w[0], w[1]), &toks, &mut out, &mut miss);
                for (&n, &o) in toks.iter().zip(&out) {
                    assert_eq!(o, lm.logp3(w[0], w[1], n), "round {round}");
                    assert_eq!(m.p3(lm, w[0], w[1], n), o);
                }
            }
        }
        // a detached memo only asks the model
        let mut d = Memo::detached();
        d.p3_many(lm, (toks[0], toks[1]), &toks, &mut out, &mut miss);
        assert_eq!(out[2], lm.logp3(toks[0], toks[1], toks[2]));
    }

    #[test]
    fn rebinding_forgets() {
        let mut m = Memo::default();
        m.bind(1, true);
        assert_eq!(m.get_or(5, || 1.0), 1.0);
        assert_eq!(m.get_or(5, || 2.0), 1.0);
        m.bind(2, true);
        assert_eq!(m.get_or(5, || 2.0), 2.0);
    }

    /// Switched off, the memo neither answers nor learns; switched on
    /// again for the same model, what it held is still good.
    #[test]
    fn switched_off_asks_the_model() {
        let mut m = Memo::default();
        m.bind(1, true);
        assert_eq!(m.get_or(5, || 1.0), 1.0);
        m.bind(1, false);
        assert_eq!(m.get_or(5, || 2.0), 2.0);
        assert_eq!(m.get_or(6, || 3.0), 3.0);
        m.bind(1, true);
        assert_eq!(m.get_or(5, || 9.0), 1.0);
        assert_eq!(m.get_or(6, || 4.0), 4.0);
    }
}
