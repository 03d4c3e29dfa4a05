//! [`Counter`]: n-gram counting and interpolated modified Kneser-Ney
//! estimation into a [`LanguageModel`].

use super::format::{Parts, MAX_VOCAB};
use super::quant::Codebook;
use super::tokens::{
    inventory_fingerprint, push_gap_tokens, token_of_word, vocab_size, TokenId, BOUNDARY, UNKNOWN,
};
use super::LanguageModel;
use crate::syllable;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};

/// A pseudo-token standing left of the first token of every counted sequence,
/// so that continuation counts see "no left context" as one distinct context.
/// Never stored in a model.
const PAD: u64 = (1 << 21) - 1;

fn key2(a: u64, b: u64) -> u64 {
    (a << 21) | b
}
fn key3(a: u64, b: u64, c: u64) -> u64 {
    (a << 42) | (b << 21) | c
}
const MASK: u64 = (1 << 21) - 1;

/// A fast hasher for the integer n-gram keys (multiply-rotate, as in
/// rustc's FxHasher). Only lookups use it: every table is sorted before it is
/// written, so hash order never reaches a model.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type Keys<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// A document is skipped when fewer than this share of its words are valid
/// syllables (not Vietnamese, or heavily damaged).
const MIN_SYLLABLE_SHARE: f64 = 0.6;
/// ... or when more than one word plus this share of its words look
/// Vietnamese (lowercase with non-ASCII letters) but are not valid syllables:
/// stacked or stray marks, the signature of damaged text. Clean text has
/// almost none (a rare name such as `Kạn`); acronyms (`HĐND`, `QyĐ`) are not
/// counted.
const MAX_SUSPICIOUS_SHARE: f64 = 0.03;
/// ... or when, with at least 3 syllables, fewer than this share carry a
/// diacritic (stripped text; clean Vietnamese is around 0.8).
const MIN_MARKED_SHARE: f64 = 0.3;

/// What [`check_document`] found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct DocumentCheck {
    /// Letter runs ([`crate::syllable::words`]).
    pub words: usize,
    /// Letter runs that are valid syllables.
    pub syllables: usize,
    /// Valid syllables with at least one diacritic (any non-ASCII letter).
    pub marked: usize,
    /// Letter runs with non-ASCII letters that are neither valid syllables
    /// nor acronyms (two or more capitals).
    pub suspicious: usize,
}

impl DocumentCheck {
    /// True when the text looks like clean Vietnamese: mostly valid
    /// syllables, (almost) no invalid marked words, and not stripped of its
    /// diacritics. [`Counter::add_document`] counts only such documents.
    pub fn is_clean(&self) -> bool {
        let words = self.words as f64;
        self.words > 0
            && self.syllables as f64 >= MIN_SYLLABLE_SHARE * words
            && self.suspicious as f64 <= 1.0 + MAX_SUSPICIOUS_SHARE * words
            && (self.syllables < 3
                || self.marked as f64 >= MIN_MARKED_SHARE * self.syllables as f64)
    }
}

/// Tokenizes `text` into `out` (like [`super::tokenize`]) and returns the
/// statistics used to decide whether it looks damaged.
fn scan(text: &str, out: &mut Vec<TokenId>) -> DocumentCheck {
    TOKENS
        .try_with(|c| match c.try_borrow_mut() {
            Ok(mut cache) => scan_with(text, out, Some(&mut cache)),
            Err(_) => scan_with(text, out, None),
        })
        .unwrap_or_else(|_| scan_with(text, out, None))
}

/// Slots of the per-thread word → token cache (a power of two; 24 bytes
/// each).
const TOKEN_SLOTS: usize = 1 << 14;

/// Tokens of recently seen words, direct-mapped on the word's bytes: a
/// word's token is a function of the word alone, and looking it up in the
/// syllable inventory (hashing, then comparing with a string stored
/// elsewhere) cost more than the rest of the count.
struct TokenCache {
    /// Words of at most 15 bytes, their length in the last byte (so an
    /// all-zero key, a free slot, is no word's), and their tokens.
    slots: Vec<([u8; 16], TokenId)>,
}

thread_local! {
    static TOKENS: std::cell::RefCell<TokenCache> = const {
        std::cell::RefCell::new(TokenCache { slots: Vec::new() })
    };
}

impl TokenCache {
    fn token(&mut self, word: &str) -> TokenId {
        let b = word.as_bytes();
        let mut key = [0u8; 16];
        match key.get_mut(..b.len()) {
            Some(k) if !b.is_empty() && b.len() < 16 => k.copy_from_slice(b),
            _ => return token_of_word(word),
        }
        key[15] = b.len() as u8;
        if self.slots.is_empty() {
            self.slots = vec![([0u8; 16], 0); TOKEN_SLOTS];
        }
        let lo = u64::from_le_bytes([
            key[0], key[1], key[2], key[3], key[4], key[5], key[6], key[7],
        ]);
        let hi = u64::from_le_bytes([
            key[8], key[9], key[10], key[11], key[12], key[13], key[14], key[15],
        ]);
        let h = (lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let i = (h >> (64 - TOKEN_SLOTS.trailing_zeros())) as usize;
        match self.slots.get_mut(i) {
            Some((k, t)) if *k == key => *t,
            Some(slot) => {
                let t = token_of_word(word);
                *slot = (key, t);
                t
            }
            None => token_of_word(word),
        }
    }
}

fn scan_with(
    text: &str,
    out: &mut Vec<TokenId>,
    mut cache: Option<&mut TokenCache>,
) -> DocumentCheck {
    let mut check = DocumentCheck::default();
    if out.last() != Some(&BOUNDARY) {
        out.push(BOUNDARY);
    }
    let mut pos = 0;
    for (span, word) in syllable::words(text) {
        if let Some(gap) = text.get(pos..span.start) {
            push_gap_tokens(gap, out);
        }
        let t = match cache.as_deref_mut() {
            Some(c) => c.token(word),
            None => token_of_word(word),
        };
        let ascii = word.is_ascii();
        check.words += 1;
        if t == UNKNOWN {
            check.suspicious += usize::from(!ascii && !is_acronym(word));
        } else {
            check.syllables += 1;
            check.marked += usize::from(!ascii);
        }
        out.push(t);
        pos = span.end;
    }
    if let Some(gap) = text.get(pos..) {
        push_gap_tokens(gap, out);
    }
    if out.last() != Some(&BOUNDARY) {
        out.push(BOUNDARY);
    }
    check
}

/// Acronyms and codes (`HĐND`, `QyĐ`, `ĐBQH`): two or more capitals.
fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_uppercase()).take(2).count() == 2
}

/// Checks whether `text` looks like clean Vietnamese (see
/// [`DocumentCheck::is_clean`]). Archive adaptation uses it to pick the
/// documents to learn from.
pub fn check_document(text: &str) -> DocumentCheck {
    scan(text, &mut Vec::new())
}

/// Counts from a [`Counter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct CounterStats {
    /// Documents and phrases offered.
    pub documents: u64,
    /// Of those, skipped as damaged or not Vietnamese.
    pub skipped: u64,
    /// Tokens counted (boundaries included).
    pub tokens: u64,
}

/// Counts n-grams of syllable tokens and builds a [`LanguageModel`].
///
/// `Counter::new(order)` (order clamped to 1..=3), then
/// [`add_document`](Self::add_document) for each clean text; documents that
/// look damaged (many invalid syllables, stacked or stray marks, or stripped
/// of diacritics) are skipped. Counters filled in parallel combine with
/// [`merge`](Self::merge). [`build`](Self::build) estimates an interpolated
/// modified Kneser-Ney model; the result does not depend on the order in
/// which documents were added or counters merged.
#[derive(Debug, Clone)]
pub struct Counter {
    order: usize,
    vocab: usize,
    uni: Vec<u64>,
    bi: Keys<u32>,
    tri: Keys<u32>,
    prior: BTreeMap<TokenId, f64>,
    prior_weight: f64,
    min_trigram_count: u32,
    notes: Vec<String>,
    stats: CounterStats,
    scratch: Vec<TokenId>,
}

impl Counter {
    /// An empty counter for a model of `order` (1 = unigram, 2 = bigram,
    /// 3 = trigram; other values are clamped into that range).
    pub fn new(order: usize) -> Counter {
        let vocab = vocab_size().min(MAX_VOCAB);
        Counter {
            order: order.clamp(1, 3),
            vocab,
            uni: vec![0; vocab],
            bi: Keys::default(),
            tri: Keys::default(),
            prior: BTreeMap::new(),
            prior_weight: 0.3,
            min_trigram_count: 1,
            notes: Vec::new(),
            stats: CounterStats::default(),
            scratch: Vec::new(),
        }
    }

    /// The order of the model this counter builds.
    pub fn order(&self) -> usize {
        self.order
    }

    /// Counts so far.
    pub fn stats(&self) -> CounterStats {
        self.stats
    }

    /// Trigrams seen fewer than `min` times are left out of the built model
    /// (their probability mass moves to the backoff); 1 keeps all. Saves
    /// space on large corpora.
    pub fn min_trigram_count(&mut self, min: u32) -> &mut Counter {
        self.min_trigram_count = min.max(1);
        self
    }

    /// Weight of the unigram prior (see [`add_unigram_prior`](Self::add_unigram_prior))
    /// in the unigram distribution, clamped to 0..=1. Default 0.3.
    pub fn prior_weight(&mut self, weight: f64) -> &mut Counter {
        self.prior_weight = if weight.is_finite() {
            weight.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self
    }

    /// Adds `weight` to the prior frequency of `word` (a syllable; other words
    /// are ignored). The normalized prior is mixed into the unigram
    /// distribution, which lets a frequency list cover syllables the running
    /// text lacks. Returns whether the word was a syllable.
    pub fn add_unigram_prior(&mut self, word: &str, weight: f64) -> bool {
        let t = token_of_word(word);
        if t == UNKNOWN || !(weight.is_finite() && weight > 0.0) || t as usize >= self.vocab {
            return false;
        }
        *self.prior.entry(t).or_insert(0.0) += weight;
        true
    }

    /// Adds a free-form `key=value` line to the model's metadata
    /// ([`crate::lm::ModelInfo::meta`]), e.g. where the text came from.
    pub fn note(&mut self, line: &str) -> &mut Counter {
        self.notes.push(line.replace('\n', " "));
        self
    }

    /// Counts one document (a boundary is added at both ends) unless it looks
    /// damaged or is not Vietnamese (see [`DocumentCheck::is_clean`]).
    /// Returns whether it was counted.
    pub fn add_document(&mut self, text: &str) -> bool {
        self.add_text(text, true)
    }

    /// Counts a phrase (a word-list entry, a title) without the boundaries
    /// around it, so only its inner n-grams are learnt. Same checks as
    /// [`add_document`](Self::add_document).
    pub fn add_phrase(&mut self, text: &str) -> bool {
        self.add_text(text, false)
    }

    fn add_text(&mut self, text: &str, bounded: bool) -> bool {
        let mut tokens = std::mem::take(&mut self.scratch);
        tokens.clear();
        let check = scan(text, &mut tokens);
        self.stats.documents += 1;
        let ok = check.is_clean();
        if ok {
            let mut seq: &[TokenId] = &tokens;
            if !bounded {
                seq = seq.strip_prefix(&[BOUNDARY]).unwrap_or(seq);
                seq = seq.strip_suffix(&[BOUNDARY]).unwrap_or(seq);
            }
            self.count(seq);
        } else {
            self.stats.skipped += 1;
        }
        self.scratch = tokens;
        ok
    }

    /// Counts a token sequence exactly as given (add [`BOUNDARY`] yourself
    /// where sentences start and end). Ids outside the vocabulary count as
    /// [`UNKNOWN`].
    pub fn add_tokens(&mut self, tokens: &[TokenId]) {
        self.count(tokens);
    }

    fn count(&mut self, tokens: &[TokenId]) {
        let vocab = self.vocab;
        let t = |x: TokenId| -> u64 {
            if (x as usize) < vocab {
                u64::from(x)
            } else {
                u64::from(UNKNOWN)
            }
        };
        let (mut p2, mut p1) = (PAD, PAD);
        for &x in tokens {
            let w = t(x);
            if let Some(c) = self.uni.get_mut(w as usize) {
                *c += 1;
            }
            if self.order >= 2 {
                let c = self.bi.entry(key2(p1, w)).or_insert(0);
                *c = c.saturating_add(1);
            }
            if self.order >= 3 && p1 != PAD {
                let c = self.tri.entry(key3(p2, p1, w)).or_insert(0);
                *c = c.saturating_add(1);
            }
            p2 = p1;
            p1 = w;
        }
        self.stats.tokens += tokens.len() as u64;
    }

    /// Adds everything `other` counted. Orders may differ: n-grams above this
    /// counter's order are ignored.
    pub fn merge(&mut self, other: Counter) {
        for (a, b) in self.uni.iter_mut().zip(&other.uni) {
            *a += b;
        }
        if self.order >= 2 {
            for (k, v) in other.bi {
                let c = self.bi.entry(k).or_insert(0);
                *c = c.saturating_add(v);
            }
        }
        if self.order >= 3 {
            for (k, v) in other.tri {
                let c = self.tri.entry(k).or_insert(0);
                *c = c.saturating_add(v);
            }
        }
        for (k, v) in other.prior {
            *self.prior.entry(k).or_insert(0.0) += v;
        }
        self.notes.extend(other.notes);
        self.stats.documents += other.stats.documents;
        self.stats.skipped += other.stats.skipped;
        self.stats.tokens += other.stats.tokens;
    }

    /// Estimates the model. Deterministic: the same counts give the same bytes.
    pub fn build(&self) -> LanguageModel {
        LanguageModel::from_parts(&self.parts())
    }

    fn parts(&self) -> Parts {
        let v = self.vocab;
        let order = self.order;
        let mut meta = String::new();
        let _ = writeln!(meta, "format=vnlm-1");
        let _ = writeln!(meta, "order={order}");
        let _ = writeln!(meta, "smoothing=interpolated modified kneser-ney");
        let _ = writeln!(
            meta,
            "documents={} skipped={} tokens={}",
            self.stats.documents, self.stats.skipped, self.stats.tokens
        );

        // ---- level counts (KN: continuation counts below the top order) ----
        let mut tri: Vec<(u64, u32)> = self.tri.iter().map(|(&k, &c)| (k, c)).collect();
        tri.sort_unstable();
        let mut bi_raw: Vec<(u64, u32)> = self.bi.iter().map(|(&k, &c)| (k, c)).collect();
        bi_raw.sort_unstable();

        let a1: Vec<u64> = if order == 1 {
            self.uni.clone()
        } else {
            let mut a = vec![0u64; v];
            for &(k, _) in &bi_raw {
                if let Some(c) = a.get_mut((k & MASK) as usize) {
                    *c += 1;
                }
            }
            a
        };
        // bigram level: (key, adjusted count), PAD-prefixed entries dropped
        let bi: Vec<(u64, u64)> = if order == 2 {
            bi_raw
                .iter()
                .filter(|(k, _)| k >> 21 != PAD)
                .map(|&(k, c)| (k, u64::from(c)))
                .collect()
        } else if order == 3 {
            let mut cont: Keys<u64> = Keys::default();
            for &(k, _) in &tri {
                *cont.entry(k & ((1 << 42) - 1)).or_insert(0) += 1;
            }
            bi_raw
                .iter()
                .filter(|(k, _)| k >> 21 != PAD)
                .map(|&(k, c)| {
                    let a = if k >> 21 == u64::from(BOUNDARY) {
                        u64::from(c)
                    } else {
                        cont.get(&k).copied().unwrap_or(u64::from(c))
                    };
                    (k, a)
                })
                .collect()
        } else {
            Vec::new()
        };

        // ---- unigram ----
        let d1 = Discounts::fit(a1.iter().copied());
        let total1: u64 = a1.iter().sum();
        let mut p1 = vec![1.0 / v as f64; v];
        if total1 > 0 {
            let (mut n1, mut n2, mut n3) = (0u64, 0u64, 0u64);
            for &a in &a1 {
                match a {
                    0 => {}
                    1 => n1 += 1,
                    2 => n2 += 1,
                    _ => n3 += 1,
                }
            }
            let gamma = d1.gamma(n1, n2, n3, total1);
            for (p, &a) in p1.iter_mut().zip(&a1) {
                *p = (a as f64 - d1.of(a)).max(0.0) / total1 as f64 + gamma / v as f64;
            }
        }
        let prior_total: f64 = self.prior.values().sum();
        if prior_total > 0.0 && self.prior_weight > 0.0 {
            let lam = self.prior_weight;
            for p in p1.iter_mut() {
                *p *= 1.0 - lam;
            }
            for (&t, &w) in &self.prior {
                if let Some(p) = p1.get_mut(t as usize) {
                    *p += lam * w / prior_total;
                }
            }
            let _ = writeln!(
                meta,
                "prior_weight={lam} prior_syllables={}",
                self.prior.len()
            );
        }
        let _ = writeln!(meta, "discount1={d1}");
        let mut parts = Parts {
            order: order as u32,
            vocab: v as u32,
            fingerprint: inventory_fingerprint(),
            uni: p1
                .iter()
                .map(|&p| p.max(f64::MIN_POSITIVE).ln() as f32)
                .collect(),
            ..Parts::default()
        };
        if order == 1 {
            parts.meta = self.finish_meta(meta);
            return parts;
        }

        // ---- bigram ----
        let d2 = Discounts::fit(bi.iter().map(|&(_, a)| a));
        let _ = writeln!(meta, "discount2={d2}");
        let n2 = bi.len();
        let mut offsets = vec![0u32; v + 1];
        for &(k, _) in &bi {
            if let Some(o) = offsets.get_mut((k >> 21) as usize + 1) {
                *o += 1;
            }
        }
        let mut running = 0u32;
        for o in offsets.iter_mut() {
            running += *o;
            *o = running;
        }
        let mut p2 = vec![0f64; n2]; // exact bigram probabilities, entry order
        let mut gamma2 = vec![1f64; v];
        for (ctx, row) in rows(&bi, |k| k >> 21) {
            let total: u64 = row.iter().map(|&(_, a)| a).sum();
            let (n1, n2c, n3) = n123(row.iter().map(|&(_, a)| a));
            let g = d2.gamma(n1, n2c, n3, total);
            if let Some(slot) = gamma2.get_mut(ctx as usize) {
                *slot = g;
            }
            let start = offsets.get(ctx as usize).copied().unwrap_or(0) as usize;
            for (i, &(k, a)) in row.iter().enumerate() {
                let lower = p1.get((k & MASK) as usize).copied().unwrap_or(0.0);
                if let Some(slot) = p2.get_mut(start + i) {
                    *slot = (a as f64 - d2.of(a)).max(0.0) / total as f64 + g * lower;
                }
            }
        }
        let logs: Vec<f64> = p2.iter().map(|p| p.max(f64::MIN_POSITIVE).ln()).collect();
        let cb2 = Codebook::fit(&logs);
        parts.bi_q = logs.iter().map(|&x| cb2.encode(x)).collect();
        parts.bi_codebook = cb2.values;
        parts.bi_next = bi.iter().map(|&(k, _)| (k & MASK) as u16).collect();
        parts.bi_backoff = gamma2
            .iter()
            .map(|g| g.max(f64::MIN_POSITIVE).ln() as f32)
            .collect();
        parts.bi_offsets = offsets;
        if order == 2 {
            parts.meta = self.finish_meta(meta);
            return parts;
        }

        // ---- trigram ----
        let tri: Vec<(u64, u64)> = tri
            .into_iter()
            .filter(|(k, _)| k >> 42 != PAD)
            .map(|(k, c)| (k, u64::from(c)))
            .collect();
        let d3 = Discounts::fit(tri.iter().map(|&(_, a)| a));
        let _ = writeln!(
            meta,
            "discount3={d3} min_trigram_count={}",
            self.min_trigram_count
        );
        // exact bigram probability of (v, w), stored or backed off
        let bigram_p = |prev: u64, w: u64| -> f64 {
            let lo = parts.bi_offsets.get(prev as usize).copied().unwrap_or(0) as usize;
            let hi = parts
                .bi_offsets
                .get(prev as usize + 1)
                .copied()
                .unwrap_or(0) as usize;
            let row = parts.bi_next.get(lo..hi).unwrap_or_default();
            match row.binary_search(&(w as u16)) {
                Ok(i) => p2.get(lo + i).copied().unwrap_or(0.0),
                Err(_) => {
                    gamma2.get(prev as usize).copied().unwrap_or(1.0)
                        * p1.get(w as usize).copied().unwrap_or(0.0)
                }
            }
        };
        let mut tri_counts = vec![0u32; n2];
        let mut tri_next = Vec::new();
        let mut tri_logs = Vec::new();
        let mut backoff_logs = vec![0f64; n2];
        for (ctx, row) in rows(&tri, |k| k >> 21) {
            let (u, vv) = (ctx >> 21, ctx & MASK);
            // the context (u, vv) is a counted bigram, so it has an entry
            let lo = parts.bi_offsets.get(u as usize).copied().unwrap_or(0) as usize;
            let hi = parts.bi_offsets.get(u as usize + 1).copied().unwrap_or(0) as usize;
            let Some(e) = parts
                .bi_next
                .get(lo..hi)
                .and_then(|r| r.binary_search(&(vv as u16)).ok())
                .map(|i| lo + i)
            else {
                continue;
            };
            let total: u64 = row.iter().map(|&(_, a)| a).sum();
            let (n1, n2c, n3) = n123(row.iter().map(|&(_, a)| a));
            let g = d3.gamma(n1, n2c, n3, total);
            let (mut kept_p, mut kept_lower) = (0f64, 0f64);
            let mut kept = 0u32;
            for &(k, a) in row {
                if a < u64::from(self.min_trigram_count) {
                    continue;
                }
                let w = k & MASK;
                let lower = bigram_p(vv, w);
                let p = (a as f64 - d3.of(a)).max(0.0) / total as f64 + g * lower;
                kept_p += p;
                kept_lower += lower;
                kept += 1;
                tri_next.push(w as u16);
                tri_logs.push(p.max(f64::MIN_POSITIVE).ln());
            }
            // with nothing pruned this equals g; otherwise it renormalizes
            let beta = if kept_lower < 1.0 - 1e-9 {
                ((1.0 - kept_p) / (1.0 - kept_lower)).max(1e-12)
            } else {
                g
            };
            if let Some(slot) = tri_counts.get_mut(e) {
                *slot = kept;
            }
            if let Some(slot) = backoff_logs.get_mut(e) {
                *slot = beta.ln();
            }
        }
        let mut tri_offsets = Vec::with_capacity(n2 + 1);
        let mut acc = 0u32;
        tri_offsets.push(0);
        for c in &tri_counts {
            acc += c;
            tri_offsets.push(acc);
        }
        let cb3 = Codebook::fit(&tri_logs);
        parts.tri_q = tri_logs.iter().map(|&x| cb3.encode(x)).collect();
        parts.tri_codebook = cb3.values;
        let used: Vec<f64> = backoff_logs
            .iter()
            .zip(&tri_counts)
            .filter(|(_, &c)| c > 0)
            .map(|(&b, _)| b)
            .collect();
        let cbb = Codebook::fit(&used);
        parts.tri_backoff_q = backoff_logs.iter().map(|&x| cbb.encode(x)).collect();
        parts.tri_backoff_codebook = cbb.values;
        parts.tri_next = tri_next;
        parts.tri_offsets = tri_offsets;
        parts.meta = self.finish_meta(meta);
        parts
    }

    fn finish_meta(&self, mut meta: String) -> String {
        let mut notes = self.notes.clone();
        notes.sort();
        notes.dedup();
        for n in notes {
            meta.push_str(&n);
            meta.push('\n');
        }
        meta
    }
}

/// Groups sorted `(key, count)` pairs into rows sharing `ctx(key)`.
fn rows(items: &[(u64, u64)], ctx: fn(u64) -> u64) -> impl Iterator<Item = (u64, &[(u64, u64)])> {
    let mut rest = items;
    std::iter::from_fn(move || {
        let &(k, _) = rest.first()?;
        let c = ctx(k);
        let n = rest.iter().take_while(|&&(k2, _)| ctx(k2) == c).count();
        let (row, tail) = rest.split_at(n);
        rest = tail;
        Some((c, row))
    })
}

fn n123(counts: impl Iterator<Item = u64>) -> (u64, u64, u64) {
    let (mut n1, mut n2, mut n3) = (0, 0, 0);
    for a in counts {
        match a {
            0 => {}
            1 => n1 += 1,
            2 => n2 += 1,
            _ => n3 += 1,
        }
    }
    (n1, n2, n3)
}

/// Modified Kneser-Ney discounts D1, D2, D3+ (Chen & Goodman) from the
/// count-of-counts of one level.
#[derive(Debug, Clone, Copy)]
struct Discounts([f64; 3]);

impl Discounts {
    fn fit(counts: impl Iterator<Item = u64>) -> Discounts {
        let mut n = [0f64; 5];
        for c in counts {
            if (1..=4).contains(&c) {
                n[c as usize] += 1.0;
            }
        }
        let fallback = Discounts([0.5, 1.0, 1.5]);
        if n[1] == 0.0 || n[2] == 0.0 || n[3] == 0.0 || n[4] == 0.0 {
            return fallback;
        }
        let y = n[1] / (n[1] + 2.0 * n[2]);
        let d = [
            1.0 - 2.0 * y * n[2] / n[1],
            2.0 - 3.0 * y * n[3] / n[2],
            3.0 - 4.0 * y * n[4] / n[3],
        ];
        if d.iter()
            .enumerate()
            .all(|(i, &x)| x > 0.0 && x < (i + 1) as f64)
        {
            Discounts(d)
        } else {
            fallback
        }
    }

    fn of(&self, count: u64) -> f64 {
        match count {
            0 => 0.0,
            1 => self.0[0],
            2 => self.0[1],
            _ => self.0[2],
        }
    }

    /// Mass freed by discounting, as a share of the context total.
    fn gamma(&self, n1: u64, n2: u64, n3: u64, total: u64) -> f64 {
        if total == 0 {
            return 1.0;
        }
        (self.0[0] * n1 as f64 + self.0[1] * n2 as f64 + self.0[2] * n3 as f64) / total as f64
    }
}

impl std::fmt::Display for Discounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.4},{:.4},{:.4}", self.0[0], self.0[1], self.0[2])
    }
}
