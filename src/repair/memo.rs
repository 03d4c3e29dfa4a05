//! A per-thread memo of language-model lookups.
//!
//! The decoder asks for the same n-grams again and again: every round of the
//! rate estimate re-scores the same candidate pairs, and an archive repeats
//! its phrasing from page to page. A lookup in the model is a binary search
//! in two rows (two models for an adapted repairer); a hit here is one
//! probe of a direct-mapped table that stays in the L2 cache.

use crate::lm::{LanguageModel, Lm, TokenId};

/// Entries (a power of two): 32 K × 16 bytes.
const SLOTS: usize = 1 << 15;
/// Never a key: bigram keys leave bits 32..63 clear but for the tag.
const EMPTY: u64 = u64::MAX;
/// The owner of a memo bound to no model (model ids count up from 0).
const UNBOUND: u64 = u64::MAX;
/// Tags a bigram key apart from trigram keys.
const BIGRAM: u64 = 1 << 63;

/// Memoized `logp2`/`logp3` of one model (told apart by an id).
#[derive(Debug)]
pub(crate) struct Memo {
    owner: u64,
    /// The bound model when it is a plain [`LanguageModel`]: its filters
    /// answer most lookups (unstored n-grams) from L2 as fast as a probe
    /// here, which would miss 85–90% of the time on news; only the others
    /// are memoized.
    plain: Option<LanguageModel>,
    /// Key and value side by side: a probe touches one cache line.
    slots: Vec<(u64, f32)>,
}

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            owner: UNBOUND,
            plain: None,
            slots: vec![(EMPTY, 0.0); SLOTS],
        }
    }
}

impl Memo {
    /// A memo without a table (every lookup goes to the model), to stand in
    /// while the real one is borrowed out of the scratch space.
    pub fn detached() -> Memo {
        Memo {
            owner: UNBOUND,
            plain: None,
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
    /// another model said; `plain` is that model when it is a plain
    /// [`LanguageModel`].
    pub fn bind(&mut self, owner: u64, plain: Option<&LanguageModel>) {
        if self.owner != owner {
            self.plain = plain.cloned();
            self.slots.fill((EMPTY, 0.0));
            self.owner = owner;
        }
    }

    #[inline]
    fn get_or(&mut self, key: u64, f: impl FnOnce() -> f32) -> f32 {
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
        if let Some(x) = self.plain.as_ref().and_then(|m| m.quick2(prev)?.get(next)) {
            return x;
        }
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
        miss.clear();
        let quick = self.plain.as_ref().and_then(|m| m.quick3(p2, p1));
        for (k, (&n, o)) in nexts.iter().zip(out.iter_mut()).enumerate() {
            if let Some(x) = quick.as_ref().and_then(|q| q.get(n)) {
                *o = x;
                continue;
            }
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
        if let Some(x) = self
            .plain
            .as_ref()
            .and_then(|m| m.quick3(p2, p1)?.get(next))
        {
            return x;
        }
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
        m.bind(7, None);
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
        m.bind(3, None);
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
        m.bind(1, None);
        assert_eq!(m.get_or(5, || 1.0), 1.0);
        assert_eq!(m.get_or(5, || 2.0), 1.0);
        m.bind(2, None);
        assert_eq!(m.get_or(5, || 2.0), 2.0);
    }

    /// Bound to a plain model, the memo answers like it: quickly where the
    /// filters can, from its table or the model elsewhere.
    #[test]
    fn plain_binding_answers_like_the_model() {
        let lm = LanguageModel::embedded();
        let mut toks = Vec::new();
        lm::tokenize(
            "Chiều nay, Ban chỉ đạo huyện họp bàn kế hoạch phòng chống lụt bão",
            &mut toks,
        );
        toks.extend([1 << 20, 0, 1, 2]);
        let mut m = Memo::default();
        m.bind(0, Some(lm));
        let mut miss = Misses::default();
        let mut out = vec![0.0; toks.len()];
        for round in 0..2 {
            for w in toks.windows(2) {
                m.p3_many(lm, (w[0], w[1]), &toks, &mut out, &mut miss);
                for (&n, &o) in toks.iter().zip(&out) {
                    assert_eq!(o, lm.logp3(w[0], w[1], n), "round {round}");
                    assert_eq!(m.p3(lm, w[0], w[1], n), o);
                    assert_eq!(m.p2(lm, w[1], n), lm.logp2(w[1], n));
                }
            }
        }
    }
}
