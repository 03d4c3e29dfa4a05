//! A per-thread memo of language-model lookups.
//!
//! The decoder asks for the same n-grams again and again: every round of the
//! rate estimate re-scores the same candidate pairs, and an archive repeats
//! its phrasing from page to page. A lookup in the model is a binary search
//! in two rows (two models for an adapted repairer); a hit here is one
//! probe of a direct-mapped table of 1 MB, about the L2 cache of a core.

use crate::lm::{LanguageModel, Lm, TokenId};

/// Bits of a slot's index: 128 K slots of 8 bytes.
const SLOT_BITS: u32 = 17;
const SLOTS: usize = 1 << SLOT_BITS;
/// A key is three ids of 16 bits (below [`NO_ID`]).
const KEY_BITS: u32 = 48;
/// An odd multiplier: a bijection of the keys, whose top bits pick a slot
/// and whose others, the tag, tell apart the keys of a slot. A slot holds
/// its tag and value in 8 bytes, where a key and value take 16.
const MIX: u64 = 0x9E37_79B9_7F4B;
/// Never an entry: its value bits are a NaN, and no NaN is stored.
const EMPTY: u64 = u64::MAX;
/// The owner of a memo bound to no model (model ids count up from 0).
const UNBOUND: u64 = u64::MAX;
/// The first id of a bigram's key: no key holds it otherwise.
const NO_ID: TokenId = 0xFFFF;

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
    /// Tag (high half) and value bits side by side: a probe touches one
    /// cache line.
    slots: Vec<u64>,
}

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            owner: UNBOUND,
            plain: None,
            slots: vec![EMPTY; SLOTS],
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

/// The slot of `key` and its tag there.
#[inline]
fn place(key: u64) -> (usize, u64) {
    let h = key.wrapping_mul(MIX) & ((1 << KEY_BITS) - 1);
    let tag_bits = KEY_BITS - SLOT_BITS;
    ((h >> tag_bits) as usize, h & ((1 << tag_bits) - 1))
}

/// The value of `key` in `slots`.
#[inline]
fn get(slots: &[u64], key: u64) -> Option<f32> {
    let (s, tag) = place(key);
    match slots.get(s) {
        Some(&e) if e >> 32 == tag && e != EMPTY => Some(f32::from_bits(e as u32)),
        _ => None,
    }
}

/// Stores `x` as the value of `key` in `slots` (not a NaN, which would
/// read as empty).
#[inline]
fn put(slots: &mut [u64], key: u64, x: f32) {
    let (s, tag) = place(key);
    if let Some(e) = slots.get_mut(s) {
        if !x.is_nan() {
            *e = tag << 32 | u64::from(x.to_bits());
        }
    }
}

impl Memo {
    /// Starts using the memo for the model with id `owner`, forgetting what
    /// another model said; `plain` is that model when it is a plain
    /// [`LanguageModel`].
    pub fn bind(&mut self, owner: u64, plain: Option<&LanguageModel>) {
        if self.owner != owner {
            self.plain = plain.cloned();
            self.slots.fill(EMPTY);
            self.owner = owner;
        }
    }

    /// The memoized value of `key`, else `f` of the bound plain model (its
    /// answer goes in the memo).
    #[inline]
    fn get_or(&mut self, key: u64, f: impl FnOnce(Option<&LanguageModel>) -> f32) -> f32 {
        if let Some(v) = get(&self.slots, key) {
            return v;
        }
        let x = f(self.plain.as_ref());
        put(&mut self.slots, key, x);
        x
    }

    /// `lm.logp2(prev, next)`.
    #[inline]
    pub fn p2(&mut self, lm: &dyn Lm, prev: TokenId, next: TokenId) -> f32 {
        let Some(key) = bi_key(prev, next) else {
            return lm.logp2(prev, next);
        };
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
            let hit = tri_key(p2, p1, n).and_then(|key| get(&self.slots, key));
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

/// The memo key of a trigram, when its ids fit.
#[inline]
fn tri_key(p2: TokenId, p1: TokenId, next: TokenId) -> Option<u64> {
    (p2 < NO_ID && p1 < NO_ID && next < NO_ID)
        .then(|| u64::from(p2) << 32 | u64::from(p1) << 16 | u64::from(next))
}

/// The memo key of a bigram, when its ids fit: [`NO_ID`] takes the place
/// of a trigram's first id.
#[inline]
fn bi_key(prev: TokenId, next: TokenId) -> Option<u64> {
    (prev < NO_ID && next < NO_ID)
        .then(|| u64::from(NO_ID) << 32 | u64::from(prev) << 16 | u64::from(next))
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

    /// Slot and tag tell every key apart: a memo that answers with another
    /// n-gram's value would change the repairs.
    #[test]
    fn places_are_one_to_one() {
        let mut seen = std::collections::HashMap::new();
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for i in 0..200_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // small ids (the frequent tokens) and random ones
            let id = |k: u32| (x >> k) as u32 % if i % 2 == 0 { 64 } else { 0xFFFF };
            let key = if i % 3 == 0 {
                bi_key(id(3), id(23))
            } else {
                tri_key(id(7), id(29), id(41))
            };
            let Some(key) = key else { continue };
            let p = place(key);
            assert!(p.0 < SLOTS && p.1 < 1 << (KEY_BITS - SLOT_BITS));
            assert_eq!(*seen.entry(p).or_insert(key), key);
            // nor does a key one bit away share its place
            if i % 64 == 1 {
                for b in 0..KEY_BITS {
                    assert_ne!(place(key ^ 1 << b), p, "{key:x} bit {b}");
                }
            }
        }
        assert!(seen.len() > 90_000, "{}", seen.len());
        assert_eq!(tri_key(NO_ID, 1, 2), None);
        assert_eq!(bi_key(1, NO_ID), None);
        let mut m = Memo::default();
        m.bind(1, None);
        // a NaN would read as an empty slot: it is not stored
        assert!(m.get_or(9, |_| f32::NAN).is_nan());
        assert_eq!(m.get_or(9, |_| -1.5), -1.5);
        assert_eq!(m.get_or(9, |_| 0.0), -1.5);
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
