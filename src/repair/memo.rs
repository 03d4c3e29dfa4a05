//! A per-thread memo of language-model lookups.
//!
//! The decoder asks for the same n-grams again and again: every round of the
//! rate estimate re-scores the same candidate pairs, and an archive repeats
//! its phrasing from page to page. A lookup in the model is a binary search
//! in two rows (two models for an adapted repairer); a hit here is one
//! probe of a direct-mapped table that stays in a 1.25 MB L2 cache.

use crate::lm::{LanguageModel, Lm, TokenId};

/// Entries (a power of two): 64 K × 16 bytes.
const SLOTS: usize = 1 << 16;
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
    /// answer the unstored n-grams without a search, but a probe here comes
    /// first, and their answers are memoized too (a decode asks for the
    /// same n-grams again: the filters, the row's backoff and the unigram
    /// cost three lines where the memo costs one).
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

    /// The memoized value of `key`, else `f` of the bound plain model (its
    /// answer goes in the memo).
    #[inline]
    fn get_or(&mut self, key: u64, f: impl FnOnce(Option<&LanguageModel>) -> f32) -> f32 {
        let s = slot(key);
        if let Some(&(k2, v)) = self.slots.get(s) {
            if k2 == key {
                return v;
            }
        }
        let x = f(self.plain.as_ref());
        put(&mut self.slots, key, x);
        x
    }

    /// `lm.logp2(prev, next)`.
    #[inline]
    pub fn p2(&mut self, lm: &dyn Lm, prev: TokenId, next: TokenId) -> f32 {
        if (prev | next) >> 16 != 0 {
            return lm.logp2(prev, next);
        }
        let key = BIGRAM | (u64::from(prev) << 16) | u64::from(next);
        self.get_or(key, |plain| {
            plain
                .and_then(|m| m.quick2(prev)?.get(next))
                .unwrap_or_else(|| lm.logp2(prev, next))
        })
    }

    /// `lm.logp3(p2, p1, n)` for every `n` of `nexts` into `out`: answers
    /// from the memo where it can, then from the plain model's filters, and
    /// asks the model for the rest in one batched lookup (`miss` is scratch
    /// space).
    #[inline]
    pub fn p3_many(
        &mut self,
        lm: &dyn Lm,
        (p2, p1): (TokenId, TokenId),
        nexts: &[TokenId],
        out: &mut [f32],
        miss: &mut Misses,
    ) {
        miss.clear();
        for (k, (&n, o)) in nexts.iter().zip(out.iter_mut()).enumerate() {
            let hit = tri_key(p2, p1, n).and_then(|key| match self.slots.get(slot(key)) {
                Some(&(k2, v)) if k2 == key => Some(v),
                _ => None,
            });
            match hit {
                Some(v) => *o = v,
                None => miss.push(k, n),
            }
        }
        if !miss.toks.is_empty() {
            self.p3_missed(lm, (p2, p1), out, miss);
        }
    }

    /// [`Self::p3_many`] for the lookups the memo missed, `miss`.
    #[inline(never)]
    fn p3_missed(
        &mut self,
        lm: &dyn Lm,
        (p2, p1): (TokenId, TokenId),
        out: &mut [f32],
        miss: &mut Misses,
    ) {
        if let Some(q) = self.plain.as_ref().and_then(|m| m.quick3(p2, p1)) {
            // the filters answer the unstored n-grams; the others stay
            let mut kept = 0;
            for i in 0..miss.toks.len() {
                let (Some(&k), Some(&n)) = (miss.at.get(i), miss.toks.get(i)) else {
                    continue;
                };
                let Some(x) = q.get(n) else {
                    if let (Some(a), Some(t)) = (miss.at.get_mut(kept), miss.toks.get_mut(kept)) {
                        (*a, *t) = (k, n);
                    }
                    kept += 1;
                    continue;
                };
                if let Some(o) = out.get_mut(k as usize) {
                    *o = x;
                }
                if let Some(key) = tri_key(p2, p1, n) {
                    put(&mut self.slots, key, x);
                }
            }
            miss.at.truncate(kept);
            miss.toks.truncate(kept);
            if kept == 0 {
                return;
            }
        }
        miss.vals.clear();
        miss.vals.resize(miss.toks.len(), 0.0);
        lm.logp3_many(p2, p1, &miss.toks, &mut miss.vals);
        for i in 0..miss.toks.len() {
            let (Some(&k), Some(&n), Some(&v)) =
                (miss.at.get(i), miss.toks.get(i), miss.vals.get(i))
            else {
                continue;
            };
            if let Some(o) = out.get_mut(k as usize) {
                *o = v;
            }
            if let Some(key) = tri_key(p2, p1, n) {
                put(&mut self.slots, key, v);
            }
        }
    }

    /// `lm.logp3(p2, p1, next)`.
    #[inline]
    pub fn p3(&mut self, lm: &dyn Lm, p2: TokenId, p1: TokenId, next: TokenId) -> f32 {
        let Some(key) = tri_key(p2, p1, next) else {
            return lm.logp3(p2, p1, next);
        };
        self.get_or(key, |plain| {
            plain
                .and_then(|m| m.quick3(p2, p1)?.get(next))
                .unwrap_or_else(|| lm.logp3(p2, p1, next))
        })
    }
}

/// Stores `x` as the value of `key` in `slots`.
#[inline]
fn put(slots: &mut [(u64, f32)], key: u64, x: f32) {
    if let Some(slot) = slots.get_mut(slot(key)) {
        *slot = (key, x);
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
        assert_eq!(m.get_or(5, |_| 1.0), 1.0);
        assert_eq!(m.get_or(5, |_| 2.0), 1.0);
        m.bind(2, None);
        assert_eq!(m.get_or(5, |_| 2.0), 2.0);
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
