//! [`LanguageModel`]: lookups over a validated `.vnlm` byte buffer.

use super::format::{self, Layout};
use super::tokens::{inventory_fingerprint, vocab_size, TokenId, UNKNOWN};
use super::{Counter, Lm};
use crate::Error;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, LazyLock, OnceLock};

/// The model shipped in the crate; rebuilt by `tools/lm/build.sh`.
static EMBEDDED_BYTES: &[u8] = include_bytes!("../../data/lm/vietnorm.vnlm");

static EMBEDDED: LazyLock<LanguageModel> = LazyLock::new(|| {
    // The tests check the shipped file loads; should it ever not (an inventory
    // change without a rebuild), fall back to a uniform model, not a panic.
    LanguageModel::from_static(EMBEDDED_BYTES).unwrap_or_else(|_| Counter::new(1).build())
});

#[derive(Clone)]
enum Storage {
    Static(&'static [u8]),
    Shared(Arc<[u8]>),
}

/// An immutable n-gram language model (order 1–3, interpolated modified
/// Kneser-Ney, 8-bit quantized log-probabilities) over the shared token ids.
///
/// Cheap to clone (the bytes are shared or `'static`), `Send + Sync`.
/// Create one with [`LanguageModel::embedded`], [`LanguageModel::from_bytes`]
/// (a `.vnlm` file, for example from `vietnorm train`) or
/// [`Counter::build`]. Lookups never allocate; token ids outside the
/// vocabulary are read as [`UNKNOWN`].
#[derive(Clone)]
pub struct LanguageModel {
    bytes: Storage,
    layout: Layout,
    /// Hash index of the bigrams, built on first lookup and shared by clones.
    index: Arc<OnceLock<Option<BigramIndex>>>,
}

/// Open-addressing table of the bigram entries: one probe, mostly in one
/// cache line, instead of a binary search in the row of `prev` (the rows of
/// frequent tokens run to thousands of entries). Built from the validated
/// tables, so it holds nothing the file does not; about 1.7 slots of 8 bytes
/// per bigram (2 MB and 3.3 ms to build for the embedded model, on the
/// first lookup, so loading stays zero-copy).
struct BigramIndex {
    /// 0: empty; else `(key + 1) << 32 | entry << 8 | quantized logp`, with
    /// `key = prev << 16 | next`.
    slots: Box<[u64]>,
    shift: u32,
    /// The stored bigrams. Repair asks mostly for bigrams the model never
    /// saw (96% of the lookups when every mark is stripped); this answers
    /// most of them from a few bits per bigram that stay in L2, where a
    /// probe of `slots` misses it (128 KB for the embedded model).
    stored: Bloom,
    /// The bigrams with a trigram row, which few contexts have (46 K of
    /// 152 K in the embedded model).
    with_row: Bloom,
}

/// A Bloom filter over 64-bit keys: two bits in one word per key, so a
/// query is one load.
struct Bloom {
    words: Box<[u64]>,
    shift: u32,
}

impl Bloom {
    /// Room for `n` keys at 4–8 bits each (6.7% false positives for the
    /// embedded model, at 6.9 bits a key): a small filter that stays in L2
    /// (512 KB a core on some of our VMs) beats a tight one that does not.
    fn with_capacity(n: usize) -> Bloom {
        let words = (n * 4).div_ceil(64).next_power_of_two().max(2);
        Bloom {
            words: vec![0u64; words].into_boxed_slice(),
            shift: 64 - words.trailing_zeros(),
        }
    }

    /// The word and the two bits of `key`: the word from the top bits of a
    /// multiplicative hash, the bits from the twelve below them (the low
    /// bits of a product depend on the low bits of the key alone).
    #[inline]
    fn bits(&self, key: u64) -> (usize, u64) {
        let h = key.wrapping_mul(0xD6E8_FEB8_6659_FD93);
        let w = (h >> self.shift) as usize;
        let below = h >> (self.shift - 12);
        (w, 1u64 << (below & 63) | 1u64 << ((below >> 6) & 63))
    }

    fn insert(&mut self, key: u64) {
        let (w, m) = self.bits(key);
        let mask = self.words.len() - 1;
        if let Some(x) = self.words.get_mut(w & mask) {
            *x |= m;
        }
    }

    /// False only when `key` was never inserted.
    #[inline]
    fn may_hold(&self, key: u64) -> bool {
        let (w, m) = self.bits(key);
        let mask = self.words.len() - 1;
        self.words.get(w & mask).map_or(true, |&x| x & m == m)
    }
}

/// Models this large (or with ids past 16 bits) keep the binary search.
const INDEX_MAX_BIGRAMS: usize = 1 << 24;

impl BigramIndex {
    #[inline]
    fn key(prev: TokenId, next: TokenId) -> u64 {
        (u64::from(prev) << 16 | u64::from(next)) + 1
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The entry of bigram (prev, next) and its quantized logp.
    #[inline]
    fn get(&self, prev: TokenId, next: TokenId) -> Option<(usize, u8)> {
        let key = Self::key(prev, next);
        if !self.stored.may_hold(key) {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let s = self.slots.get(i & mask).copied().unwrap_or(0);
            if s == 0 {
                return None;
            }
            if s >> 32 == key {
                return Some((((s >> 8) & 0xFF_FFFF) as usize, s as u8));
            }
            i += 1;
        }
    }

    fn build(m: &LanguageModel) -> Option<BigramIndex> {
        let l = &m.layout;
        if l.order < 2 || l.n2 >= INDEX_MAX_BIGRAMS || l.vocab > 0xFFFF {
            return None;
        }
        let n = (l.n2 + l.n2 / 2 + 1).next_power_of_two().max(64);
        let mut ix = BigramIndex {
            slots: vec![0u64; n].into_boxed_slice(),
            shift: 64 - n.trailing_zeros(),
            stored: Bloom::with_capacity(l.n2),
            with_row: Bloom::with_capacity(if l.order >= 3 {
                (0..l.n2).filter(|&e| m.trigram_span(e).is_some()).count()
            } else {
                0
            }),
        };
        let d = m.data();
        for prev in 0..l.vocab {
            let row = m.bigram_row(prev);
            for (k, pair) in row.next.chunks_exact(2).enumerate() {
                let next = u32::from(u16::from_le_bytes([pair[0], pair[1]]));
                let e = row.lo + k;
                let q = d.get(l.bi_q.start + e).copied().unwrap_or(0);
                let key = Self::key(prev, next);
                ix.stored.insert(key);
                if l.order >= 3 && m.trigram_span(e).is_some() {
                    ix.with_row.insert(key);
                }
                let mut i = ix.home(key);
                // the load stays under 2/3: an empty slot is always found
                loop {
                    let slot = ix.slots.get_mut(i & (n - 1))?;
                    if *slot == 0 {
                        *slot = key << 32 | (e as u64) << 8 | u64::from(q);
                        break;
                    }
                    i += 1;
                }
            }
        }
        Some(ix)
    }
}

/// Sizes and provenance of a [`LanguageModel`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ModelInfo {
    /// n-gram order.
    pub order: usize,
    /// Number of token ids.
    pub vocab: usize,
    /// Stored bigrams.
    pub bigrams: usize,
    /// Stored trigrams.
    pub trigrams: usize,
    /// Size of the serialized model in bytes.
    pub bytes: usize,
    /// Free-form `key=value` lines written at build time (counts, discounts).
    pub meta: String,
}

#[inline]
fn rd_u32(d: &[u8], at: usize) -> u32 {
    match d.get(at..at + 4) {
        Some(&[a, b, c, e]) => u32::from_le_bytes([a, b, c, e]),
        _ => 0,
    }
}

#[inline]
fn rd_f32(d: &[u8], at: usize) -> f32 {
    f32::from_bits(rd_u32(d, at))
}

/// Binary search for `key` in a row of little-endian u16 ids. Branchless
/// (the halving step compiles to a conditional move): the rows of frequent
/// tokens are long and a mispredicted branch per step cost more than the
/// loads.
#[inline]
fn find(row: &[u8], key: TokenId) -> Option<usize> {
    let key = u16::try_from(key).ok()?;
    let at = |i: usize| match row.get(2 * i..2 * i + 2) {
        Some(&[a, b]) => u16::from_le_bytes([a, b]),
        _ => u16::MAX,
    };
    let mut len = row.len() / 2;
    if len == 0 {
        return None;
    }
    let mut base = 0usize;
    while len > 1 {
        let half = len / 2;
        base = if at(base + half) <= key {
            base + half
        } else {
            base
        };
        len -= half;
    }
    (at(base) == key).then_some(base)
}

/// A floor for lookups that cannot happen on a validated model.
const FLOOR: f32 = -30.0;

impl LanguageModel {
    /// The model shipped with the crate (built from permissive registry text
    /// and generated government phrasing; see `data/README.md`). Loaded
    /// zero-copy on first use.
    pub fn embedded() -> &'static LanguageModel {
        &EMBEDDED
    }

    /// Loads a model from bytes (copied once into shared storage). Validates
    /// the header, checksum, inventory fingerprint and every table; never
    /// panics. Errors have kind [`crate::ErrorKind::Model`].
    pub fn from_bytes(bytes: &[u8]) -> Result<LanguageModel, Error> {
        let layout = format::validate(bytes, vocab_size(), inventory_fingerprint())?;
        Ok(LanguageModel {
            bytes: Storage::Shared(Arc::from(bytes)),
            layout,
            index: Arc::default(),
        })
    }

    /// Loads a model from a `'static` buffer without copying (for models
    /// embedded with `include_bytes!` in a `static`). Same validation as
    /// [`LanguageModel::from_bytes`].
    pub fn from_static(bytes: &'static [u8]) -> Result<LanguageModel, Error> {
        let layout = format::validate(bytes, vocab_size(), inventory_fingerprint())?;
        Ok(LanguageModel {
            bytes: Storage::Static(bytes),
            layout,
            index: Arc::default(),
        })
    }

    pub(crate) fn from_parts(parts: &format::Parts) -> LanguageModel {
        let bytes = format::write(parts);
        match format::validate(&bytes, vocab_size(), inventory_fingerprint()) {
            Ok(layout) => LanguageModel {
                bytes: Storage::Shared(Arc::from(bytes)),
                layout,
                index: Arc::default(),
            },
            // Unreachable for parts made by Counter; keep the promise of no panics.
            Err(_) => LanguageModel::null(),
        }
    }

    /// A model with no tables: every lookup returns the floor probability.
    fn null() -> LanguageModel {
        LanguageModel {
            bytes: Storage::Static(&[]),
            layout: Layout {
                order: 1,
                vocab: vocab_size() as u32,
                ..Layout::default()
            },
            index: Arc::default(),
        }
    }

    /// The serialized model (the `.vnlm` file contents).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.data().to_vec()
    }

    /// The serialized model, borrowed.
    pub fn as_bytes(&self) -> &[u8] {
        self.data()
    }

    /// Calls `f(prev, next, logp2(prev, next))` for every stored bigram,
    /// rows in token order (for tables derived from the model).
    pub(crate) fn for_each_bigram(&self, mut f: impl FnMut(TokenId, TokenId, f32)) {
        if self.layout.order < 2 {
            return;
        }
        let l = &self.layout;
        let d = self.data();
        for prev in 0..l.vocab {
            let at = l.bi_offsets.start + 4 * prev as usize;
            if at + 8 > l.bi_offsets.end {
                break;
            }
            let (lo, hi) = (rd_u32(d, at) as usize, rd_u32(d, at + 4) as usize);
            for e in lo..hi {
                let Some(next) = d.get(l.bi_next.start + 2 * e..l.bi_next.start + 2 * e + 2) else {
                    break;
                };
                let next = u32::from(u16::from_le_bytes([next[0], next[1]]));
                let q = d.get(l.bi_q.start + e).copied().unwrap_or(0);
                f(prev, next, rd_f32(d, l.bi_codebook.start + 4 * q as usize));
            }
        }
    }

    /// Sizes and build metadata.
    pub fn info(&self) -> ModelInfo {
        ModelInfo {
            order: self.layout.order as usize,
            vocab: self.layout.vocab as usize,
            bigrams: self.layout.n2,
            trigrams: self.layout.n3,
            bytes: self.data().len(),
            meta: String::from_utf8_lossy(self.section(&self.layout.meta)).into_owned(),
        }
    }

    /// Number of token ids the model covers.
    pub fn vocab_size(&self) -> usize {
        self.layout.vocab as usize
    }

    #[inline]
    fn data(&self) -> &[u8] {
        match &self.bytes {
            Storage::Static(b) => b,
            Storage::Shared(b) => b,
        }
    }

    #[inline]
    fn section(&self, r: &Range<usize>) -> &[u8] {
        self.data().get(r.clone()).unwrap_or_default()
    }

    #[inline]
    fn clamp(&self, t: TokenId) -> TokenId {
        if (t as usize) < self.layout.vocab as usize {
            t
        } else {
            UNKNOWN
        }
    }

    /// Natural-log unigram probability of `next`.
    #[inline]
    pub fn logp1(&self, next: TokenId) -> f32 {
        let next = self.clamp(next);
        let d = self.data();
        let at = self.layout.uni.start + 4 * next as usize;
        if at + 4 <= self.layout.uni.end {
            rd_f32(d, at)
        } else {
            FLOOR
        }
    }

    /// Finds bigram entry (prev, next): its global index, or None.
    #[inline]
    fn bigram_entry(&self, prev: TokenId, next: TokenId) -> Option<usize> {
        if let Some(ix) = self.index() {
            return ix.get(prev, next).map(|(e, _)| e);
        }
        let l = &self.layout;
        let d = self.data();
        let at = l.bi_offsets.start + 4 * prev as usize;
        let lo = rd_u32(d, at) as usize;
        let hi = rd_u32(d, at + 4) as usize;
        let row = d.get(l.bi_next.start + 2 * lo..l.bi_next.start + 2 * hi)?;
        find(row, next).map(|i| lo + i)
    }

    #[inline]
    fn index(&self) -> Option<&BigramIndex> {
        self.index.get_or_init(|| BigramIndex::build(self)).as_ref()
    }

    /// Natural-log probability of `next` after `prev` (bigram, interpolated
    /// with the unigram). On an order-1 model this is [`Self::logp1`].
    #[inline]
    pub fn logp2(&self, prev: TokenId, next: TokenId) -> f32 {
        if self.layout.order < 2 {
            return self.logp1(next);
        }
        let (prev, next) = (self.clamp(prev), self.clamp(next));
        let l = &self.layout;
        let d = self.data();
        if let Some(ix) = self.index() {
            return match ix.get(prev, next) {
                Some((_, q)) => rd_f32(d, l.bi_codebook.start + 4 * q as usize),
                None => rd_f32(d, l.bi_backoff.start + 4 * prev as usize) + self.logp1(next),
            };
        }
        match self.bigram_entry(prev, next) {
            Some(e) => {
                let q = d.get(l.bi_q.start + e).copied().unwrap_or(0);
                rd_f32(d, l.bi_codebook.start + 4 * q as usize)
            }
            None => rd_f32(d, l.bi_backoff.start + 4 * prev as usize) + self.logp1(next),
        }
    }

    /// The trigram row of the context `p2 p1` (clamped ids): the context's
    /// bigram entry, the global index of the row's first entry and the row;
    /// `None` when the context has no trigrams.
    #[inline]
    fn trigram_row(&self, p2: TokenId, p1: TokenId) -> Option<(usize, usize, &[u8])> {
        if let Some(ix) = self.index() {
            if !ix.with_row.may_hold(BigramIndex::key(p2, p1)) {
                return None;
            }
        }
        let e = self.bigram_entry(p2, p1)?;
        let (lo, hi) = self.trigram_span(e)?;
        let l = &self.layout;
        let d = self.data();
        let row = d
            .get(l.tri_next.start + 2 * lo..l.tri_next.start + 2 * hi)
            .unwrap_or_default();
        Some((e, lo, row))
    }

    /// The trigram entries `lo..hi` of bigram entry `e`, when it has any.
    #[inline]
    fn trigram_span(&self, e: usize) -> Option<(usize, usize)> {
        let d = self.data();
        let at = self.layout.tri_offsets.start + 4 * e;
        let lo = rd_u32(d, at) as usize;
        let hi = rd_u32(d, at + 4) as usize;
        (lo < hi).then_some((lo, hi))
    }

    /// Natural-log probability of `next` after `p2 p1` (`p1` nearest). On a
    /// model of order < 3 this is `logp2(p1, next)`.
    #[inline]
    pub fn logp3(&self, p2: TokenId, p1: TokenId, next: TokenId) -> f32 {
        if self.layout.order < 3 {
            return self.logp2(p1, next);
        }
        let (p2, p1, next) = (self.clamp(p2), self.clamp(p1), self.clamp(next));
        let Some((e, lo, row)) = self.trigram_row(p2, p1) else {
            return self.logp2(p1, next);
        };
        let l = &self.layout;
        let d = self.data();
        match find(row, next) {
            Some(i) => {
                let q = d.get(l.tri_q.start + lo + i).copied().unwrap_or(0);
                rd_f32(d, l.tri_codebook.start + 4 * q as usize)
            }
            None => {
                let q = d.get(l.tri_backoff_q.start + e).copied().unwrap_or(0);
                rd_f32(d, l.tri_backoff_codebook.start + 4 * q as usize) + self.logp2(p1, next)
            }
        }
    }
}

/// The answers the filters give without a probe of the tables: `logp2(prev,
/// next)` for every `next` that surely makes no stored bigram with `prev`
/// (the backoff of `prev`'s row plus the unigram). Most candidate pairs of
/// a repair lattice are such; a caller can memoize the others.
pub(crate) struct Quick<'a> {
    m: &'a LanguageModel,
    ix: &'a BigramIndex,
    prev: TokenId,
    backoff: f32,
}

impl Quick<'_> {
    /// `logp2(prev, next)` when the filter proves `prev next` unstored;
    /// `None` when it may be stored.
    #[inline]
    pub fn get(&self, next: TokenId) -> Option<f32> {
        let next = self.m.clamp(next);
        if self.ix.stored.may_hold(BigramIndex::key(self.prev, next)) {
            None
        } else {
            Some(self.backoff + self.m.logp1(next))
        }
    }
}

impl LanguageModel {
    /// Quick answers for `logp2(prev, ·)`; `None` for a model without the
    /// index (unigram, or too large).
    #[inline]
    pub(crate) fn quick2(&self, prev: TokenId) -> Option<Quick<'_>> {
        if self.layout.order < 2 {
            return None;
        }
        let ix = self.index()?;
        let prev = self.clamp(prev);
        let d = self.data();
        Some(Quick {
            m: self,
            ix,
            prev,
            backoff: rd_f32(d, self.layout.bi_backoff.start + 4 * prev as usize),
        })
    }

    /// Quick answers for `logp3(p2, p1, ·)`: those of `logp2(p1, ·)` when
    /// the context `p2 p1` surely has no trigram row (then `logp3` is
    /// `logp2`); `None` when it may have one.
    #[inline]
    pub(crate) fn quick3(&self, p2: TokenId, p1: TokenId) -> Option<Quick<'_>> {
        if self.layout.order >= 3 {
            let ix = self.index()?;
            if ix
                .with_row
                .may_hold(BigramIndex::key(self.clamp(p2), self.clamp(p1)))
            {
                return None;
            }
        }
        self.quick2(p1)
    }
}

/// A bigram row: the successors of one token, for scoring many of them.
struct BigramRow<'a> {
    prev: TokenId,
    /// Global index of the row's first entry.
    lo: usize,
    next: &'a [u8],
    /// Backoff weight of the row's token.
    backoff: f32,
}

impl LanguageModel {
    #[inline]
    fn bigram_row(&self, prev: TokenId) -> BigramRow<'_> {
        let l = &self.layout;
        let d = self.data();
        let at = l.bi_offsets.start + 4 * prev as usize;
        let lo = rd_u32(d, at) as usize;
        let hi = rd_u32(d, at + 4) as usize;
        BigramRow {
            prev,
            lo,
            next: d
                .get(l.bi_next.start + 2 * lo..l.bi_next.start + 2 * hi)
                .unwrap_or_default(),
            backoff: rd_f32(d, l.bi_backoff.start + 4 * prev as usize),
        }
    }

    /// `logp2(prev, next)` with the row of `prev` already found.
    #[inline]
    fn logp2_in(&self, ix: Option<&BigramIndex>, row: &BigramRow<'_>, next: TokenId) -> f32 {
        let l = &self.layout;
        let d = self.data();
        let q = match ix {
            Some(ix) => ix.get(row.prev, next).map(|(_, q)| q),
            None => {
                find(row.next, next).map(|i| d.get(l.bi_q.start + row.lo + i).copied().unwrap_or(0))
            }
        };
        match q {
            Some(q) => rd_f32(d, l.bi_codebook.start + 4 * q as usize),
            None => row.backoff + self.logp1(next),
        }
    }

    /// [`Lm::logp2_many`]: the row of `prev` is found once.
    pub fn logp2_many(&self, prev: TokenId, nexts: &[TokenId], out: &mut [f32]) {
        if self.layout.order < 2 {
            for (&n, o) in nexts.iter().zip(out.iter_mut()) {
                *o = self.logp1(n);
            }
            return;
        }
        let row = self.bigram_row(self.clamp(prev));
        let ix = self.index();
        for (&n, o) in nexts.iter().zip(out.iter_mut()) {
            *o = self.logp2_in(ix, &row, self.clamp(n));
        }
    }

    /// [`Lm::logp3_many`]: the trigram row of `p2 p1` and the bigram row of
    /// `p1` are found once.
    pub fn logp3_many(&self, p2: TokenId, p1: TokenId, nexts: &[TokenId], out: &mut [f32]) {
        if self.layout.order < 3 {
            return self.logp2_many(p1, nexts, out);
        }
        let (p2, p1) = (self.clamp(p2), self.clamp(p1));
        let Some((e, lo, tri)) = self.trigram_row(p2, p1) else {
            return self.logp2_many(p1, nexts, out);
        };
        let l = &self.layout;
        let d = self.data();
        let bq = d.get(l.tri_backoff_q.start + e).copied().unwrap_or(0);
        let tri_backoff = rd_f32(d, l.tri_backoff_codebook.start + 4 * bq as usize);
        let row = self.bigram_row(p1);
        let ix = self.index();
        for (&n, o) in nexts.iter().zip(out.iter_mut()) {
            let n = self.clamp(n);
            *o = match find(tri, n) {
                Some(i) => {
                    let q = d.get(l.tri_q.start + lo + i).copied().unwrap_or(0);
                    rd_f32(d, l.tri_codebook.start + 4 * q as usize)
                }
                None => tri_backoff + self.logp2_in(ix, &row, n),
            };
        }
    }
}

impl Lm for LanguageModel {
    fn order(&self) -> usize {
        self.layout.order as usize
    }

    fn logp(&self, context: &[TokenId], next: TokenId) -> f32 {
        match (self.layout.order, context) {
            (_, []) | (1, _) => self.logp1(next),
            (2, [.., p1]) | (_, [p1]) => self.logp2(*p1, next),
            (_, [.., p2, p1]) => self.logp3(*p2, *p1, next),
        }
    }

    fn logp2(&self, prev: TokenId, next: TokenId) -> f32 {
        LanguageModel::logp2(self, prev, next)
    }

    fn logp3(&self, p2: TokenId, p1: TokenId, next: TokenId) -> f32 {
        LanguageModel::logp3(self, p2, p1, next)
    }

    fn logp3_many(&self, p2: TokenId, p1: TokenId, nexts: &[TokenId], out: &mut [f32]) {
        LanguageModel::logp3_many(self, p2, p1, nexts, out)
    }

    fn logp2_many(&self, prev: TokenId, nexts: &[TokenId], out: &mut [f32]) {
        LanguageModel::logp2_many(self, prev, nexts, out)
    }

    fn for_each_stored_bigram(&self, f: &mut dyn FnMut(TokenId, TokenId)) -> bool {
        self.for_each_bigram(|p, n, _| f(p, n));
        true
    }
}

impl fmt::Debug for LanguageModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = self.info();
        f.debug_struct("LanguageModel")
            .field("order", &i.order)
            .field("vocab", &i.vocab)
            .field("bigrams", &i.bigrams)
            .field("trigrams", &i.trigrams)
            .field("bytes", &i.bytes)
            .finish()
    }
}

#[cfg(test)]
mod find_tests {
    use super::find;

    /// The branchless search finds exactly what a scan finds.
    #[test]
    fn find_agrees_with_a_scan() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut rnd = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for len in 0..70 {
            let mut ids: Vec<u16> = (0..len).map(|_| rnd(300) as u16).collect();
            ids.sort_unstable();
            ids.dedup();
            let row: Vec<u8> = ids.iter().flat_map(|x| x.to_le_bytes()).collect();
            for key in 0..310u32 {
                let want = ids.iter().position(|&x| u32::from(x) == key);
                assert_eq!(find(&row, key), want, "len {len} key {key}");
            }
        }
        assert_eq!(find(&[], 5), None);
        assert_eq!(find(&[1, 0], 70_000), None);
    }
}

#[cfg(test)]
mod index_tests {
    use super::*;

    /// The same model with the binary search only.
    fn unindexed(m: &LanguageModel) -> LanguageModel {
        LanguageModel {
            index: Arc::new(OnceLock::from(None)),
            ..m.clone()
        }
    }

    /// Every lookup through the hash index answers exactly as the binary
    /// search in the rows: stored bigrams, absent ones, every id.
    #[test]
    fn index_answers_like_the_rows() {
        let m = LanguageModel::embedded();
        assert!(m.index().is_some());
        let plain = unindexed(m);
        assert!(plain.index().is_none());
        let v = m.vocab_size() as TokenId;
        // a walk over pairs that mixes frequent ids (low) and rare ones
        let mut x = 12345u64;
        let mut next_id = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (if x % 3 == 0 {
                x % 64
            } else {
                x % u64::from(v + 2)
            }) as TokenId
        };
        let mut out_a = [0.0; 8];
        let mut out_b = [0.0; 8];
        for _ in 0..20_000 {
            let (a, b, c) = (next_id(), next_id(), next_id());
            assert_eq!(m.logp2(a, b), plain.logp2(a, b), "{a} {b}");
            assert_eq!(m.logp3(a, b, c), plain.logp3(a, b, c), "{a} {b} {c}");
            let nexts: Vec<TokenId> = (0..8).map(|_| next_id()).collect();
            m.logp3_many(a, b, &nexts, &mut out_a);
            plain.logp3_many(a, b, &nexts, &mut out_b);
            assert_eq!(out_a, out_b);
            m.logp2_many(a, &nexts, &mut out_a);
            plain.logp2_many(a, &nexts, &mut out_b);
            assert_eq!(out_a, out_b);
        }
        // every stored bigram is found
        let l = &m.layout;
        for prev in (0..l.vocab).step_by(7) {
            let row = m.bigram_row(prev);
            for pair in row.next.chunks_exact(2) {
                let next = TokenId::from(u16::from_le_bytes([pair[0], pair[1]]));
                assert!(m.bigram_entry(prev, next).is_some());
                assert_eq!(m.bigram_entry(prev, next), plain.bigram_entry(prev, next));
            }
        }
    }

    /// The quick answers are the model's own, and come for most pairs.
    #[test]
    fn quick_answers_like_the_model() {
        let m = LanguageModel::embedded();
        let v = m.vocab_size() as TokenId;
        let (mut asked, mut answered) = (0, 0);
        for a in (0..v + 3).step_by(97) {
            for b in (0..v + 3).step_by(89) {
                if let Some(q) = m.quick3(a, b) {
                    for c in (0..v + 3).step_by(101) {
                        asked += 1;
                        if let Some(x) = q.get(c) {
                            answered += 1;
                            assert_eq!(x, m.logp3(a, b, c), "{a} {b} {c}");
                        }
                    }
                }
                if let Some(q) = m.quick2(a) {
                    if let Some(x) = q.get(b) {
                        assert_eq!(x, m.logp2(a, b), "{a} {b}");
                    }
                }
            }
        }
        assert!(answered * 10 > asked * 8, "{answered} of {asked}");
        // stored bigrams are never answered quickly
        let prev = (3..v).find(|&t| m.bigram_row(t).next.len() > 40).unwrap();
        for pair in m.bigram_row(prev).next.chunks_exact(2) {
            let next = TokenId::from(u16::from_le_bytes([pair[0], pair[1]]));
            assert!(m.quick2(prev).and_then(|q| q.get(next)).is_none());
        }
        assert!(unindexed(m).quick2(5).is_none());
        assert!(Counter::new(1).build().quick3(3, 4).is_none());
    }

    /// A counted model and a unigram model get the same answers with and
    /// without the index (the unigram one has none).
    #[test]
    fn small_models_agree() {
        let text = "Ủy ban nhân dân xã tổ chức hội nghị tổng kết công tác năm. \
                    Hội nghị đánh giá cao kết quả công tác của xã trong năm qua.";
        let mut c = Counter::new(3);
        assert!(c.add_document(text));
        let m = c.build();
        assert!(m.index().is_some());
        let plain = unindexed(&m);
        let mut ids = Vec::new();
        crate::lm::tokenize(text, &mut ids);
        ids.extend(0..50);
        for &a in &ids {
            for &b in &ids {
                assert_eq!(m.logp2(a, b), plain.logp2(a, b));
                for &c in ids.iter().take(12) {
                    assert_eq!(m.logp3(a, b, c), plain.logp3(a, b, c));
                }
            }
        }
        let u = Counter::new(1).build();
        assert!(u.index().is_none());
    }
}
