//! The model's best spellings of each pair of skeletons.
//!
//! On a page that lost its marks every word has five or so toned forms in
//! the running, and a trigram Viterbi over them pays about twenty lookups a
//! word. Yet the model has usually seen the right pair of spellings: the
//! few stored bigrams whose two words strip to the two skeletons in the text
//! (`nguoi dan` → `người dân`). This table keeps, for every pair of
//! skeletons, the [`PER_PAIR`] stored bigram(s) the model likes best (by the
//! pair's joint probability), so the decoder of a stripped page can drop the
//! forms that neither neighbouring pair supports before its lattice (see
//! `Scratch::narrow`).

use crate::lm::{self, LanguageModel, Lm, TokenId};
use crate::syllable;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Bigrams kept per pair of skeletons. One: on held-out news with every
/// mark stripped 1, 2, 3 and 4 gave 89.19%, 89.15%, 89.19% and 89.19% of
/// the words right (our own text 94.67%, 94.24%, 94.24%, 94.24%), and each
/// more costs the bench's stripped documents 7–10% more work.
pub(crate) const PER_PAIR: usize = 1;

/// A skeleton id: the special tokens are their own skeletons.
pub(crate) type SkelId = u32;

/// Best spellings by pair of skeletons (see the module's documentation).
pub(crate) struct SkelPairs {
    /// Skeleton of each token id.
    skel: Vec<SkelId>,
    /// [`key`] of (left skeleton, right skeleton) → up to [`PER_PAIR`]
    /// bigrams, best first; unused slots hold `(0, 0)` (two boundaries in
    /// a row, never a bigram of the model's). Token ids fit 16 bits (the
    /// model format stores them so).
    best: PairTable,
}

/// Bigrams of a pair of skeletons, best first (see [`SkelPairs::row`]).
type Row = [(u16, u16); PER_PAIR];

/// An open-addressing table of [`Row`]s by [`key`], key and row side by
/// side: a look costs one cache line, where a `HashMap` reads its control
/// bytes and then its entry, two misses on a table this size (a stripped
/// page looks up every pair of neighbouring words). At most half full.
struct PairTable {
    /// `key + 1` (0: empty) and its row.
    slots: Box<[(u32, Row)]>,
    /// 64 minus the number of index bits.
    shift: u32,
}

impl PairTable {
    fn new(rows: impl ExactSizeIterator<Item = (u32, Row)>) -> PairTable {
        let bits = (2 * rows.len())
            .max(16)
            .next_power_of_two()
            .trailing_zeros();
        let mut t = PairTable {
            slots: vec![(0, [(0, 0); PER_PAIR]); 1 << bits].into_boxed_slice(),
            shift: 64 - bits,
        };
        let mask = t.slots.len() - 1;
        for (k, row) in rows {
            let mut i = t.slot(k);
            // at most half full: an empty slot is always ahead
            for _ in 0..t.slots.len() {
                match t.slots.get_mut(i) {
                    Some(s) if s.0 == 0 => {
                        *s = (k + 1, row);
                        break;
                    }
                    _ => i = (i + 1) & mask,
                }
            }
        }
        t
    }

    /// Home slot of key `k`: a multiply's high bits, which depend on both
    /// skeletons.
    #[inline]
    fn slot(&self, k: u32) -> usize {
        (u64::from(k).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, k: u32) -> Option<&Row> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(k);
        for _ in 0..self.slots.len() {
            let (kk, row) = self.slots.get(i)?;
            if *kk == k + 1 {
                return Some(row);
            }
            if *kk == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// Pairs held.
    fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.0 != 0).count()
    }
}

impl std::fmt::Debug for SkelPairs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SkelPairs")
            .field("tokens", &self.skel.len())
            .field("pairs", &self.best.len())
            .finish()
    }
}

impl SkelPairs {
    /// The table of the embedded model, built on first use.
    pub(crate) fn embedded() -> Option<&'static SkelPairs> {
        static TABLE: OnceLock<Option<SkelPairs>> = OnceLock::new();
        TABLE
            .get_or_init(|| SkelPairs::build(LanguageModel::embedded()))
            .as_ref()
    }

    /// Counts the table of `lm` from the bigrams it stores, scored by `lm`
    /// itself (a mixture's pairs by the mixture); `None` when `lm` cannot
    /// list them.
    pub(crate) fn build(lm: &dyn Lm) -> Option<SkelPairs> {
        let vocab = lm::vocab_size();
        let mut ids: HashMap<String, SkelId> = HashMap::new();
        let mut skel = Vec::with_capacity(vocab);
        // the special tokens (boundary, unknown, number) first, as themselves
        let specials = lm::syllable_token(0);
        skel.extend(0..specials);
        let mut buf = String::new();
        for s in syllable::inventory() {
            buf.clear();
            syllable::skeleton_into(s, &mut buf);
            let next = specials + ids.len() as SkelId;
            let id = *ids.entry(buf.clone()).or_insert(next);
            skel.push(id);
        }
        let mut scored: HashMap<u32, [(u16, u16, f32); PER_PAIR], MixBuild> = HashMap::default();
        let listed = lm.for_each_stored_bigram(&mut |prev, next| {
            let (Some(&a), Some(&b)) = (skel.get(prev as usize), skel.get(next as usize)) else {
                return;
            };
            let (Ok(p), Ok(n), Some(k)) = (u16::try_from(prev), u16::try_from(next), key(a, b))
            else {
                return;
            };
            if (p, n) == (0, 0) {
                return;
            }
            let row = scored
                .entry(k)
                .or_insert([(0, 0, f32::NEG_INFINITY); PER_PAIR]);
            // a mixture lists a pair once per model that stores it
            if row.iter().any(|&(rp, rn, _)| (rp, rn) == (p, n)) {
                return;
            }
            // insertion into a short list sorted by falling score; equal
            // scores keep the pair listed first
            let mut item = (p, n, lm.logp(&[], prev) + lm.logp2(prev, next));
            for slot in row.iter_mut() {
                if item.2 > slot.2 {
                    std::mem::swap(slot, &mut item);
                }
            }
        });
        if !listed {
            return None;
        }
        let best = PairTable::new(
            scored
                .into_iter()
                .map(|(k, row)| (k, row.map(|(p, n, _)| (p, n)))),
        );
        Some(SkelPairs { skel, best })
    }

    /// The skeleton of token `t` (unknown ids: the unknown token's).
    #[inline]
    pub(crate) fn skel(&self, t: TokenId) -> SkelId {
        self.skel.get(t as usize).copied().unwrap_or(lm::UNKNOWN)
    }

    /// The best stored bigrams whose words have skeletons `a` and `b`,
    /// best first; unused slots hold `(0, 0)`.
    #[inline]
    pub(crate) fn row(&self, a: SkelId, b: SkelId) -> Option<&Row> {
        self.best.get(key(a, b)?)
    }

    /// [`Self::row`] as token pairs, without the unused slots.
    #[cfg(test)]
    fn best(&self, a: SkelId, b: SkelId) -> Vec<(TokenId, TokenId)> {
        self.row(a, b)
            .into_iter()
            .flatten()
            .filter(|&&pair| pair != (0, 0))
            .map(|&(p, n)| (TokenId::from(p), TokenId::from(n)))
            .collect()
    }

    /// Number of pairs of skeletons in the table.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.best.len()
    }
}

/// The table key of two skeletons (both fit 16 bits: there are fewer
/// skeletons than syllables; never `u32::MAX`, so `key + 1` fits).
#[inline]
fn key(a: SkelId, b: SkelId) -> Option<u32> {
    ((a | b) >> 16 == 0 && (a, b) != (0xFFFF, 0xFFFF)).then_some((a << 16) | b)
}

/// A hasher for the `u32` keys of the map the table is counted in: one
/// multiply, then the high half folded down, so the bucket bits (hashbrown
/// takes the low ones) depend on both skeletons. FxHash's low bits follow the key's low bits alone, and
/// every pair with the same right skeleton would probe one chain.
#[derive(Default, Clone, Copy)]
struct MixHasher(u64);

type MixBuild = BuildHasherDefault<MixHasher>;

impl Hasher for MixHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(u32::from(b));
        }
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        let h = (self.0 ^ u64::from(i)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 32);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(w: &str) -> TokenId {
        lm::token_of_word(w)
    }

    /// Every row put in the open-addressing table is found under its key,
    /// and keys never put in are not, however the probes chain.
    #[test]
    fn pair_table_finds_what_it_holds() {
        let keys: Vec<u32> = (0..5000u32)
            .map(|i| i.wrapping_mul(2_654_435_761) >> 1)
            .collect();
        let row = |k: u32| [((k & 0xFFFF) as u16, (k >> 16) as u16); PER_PAIR];
        let t = PairTable::new(keys.iter().map(|&k| (k, row(k))));
        assert_eq!(t.len(), keys.len());
        for &k in &keys {
            assert_eq!(t.get(k), Some(&row(k)));
        }
        let held: std::collections::HashSet<u32> = keys.iter().copied().collect();
        for k in (0..20_000u32).filter(|k| !held.contains(k)) {
            assert_eq!(t.get(k), None);
        }
        assert_eq!(PairTable::new(std::iter::empty()).get(7), None);
    }

    /// The table holds the model's favourite spelling of common pairs, and
    /// every token's skeleton is the skeleton of its syllable.
    #[test]
    fn common_pairs_and_skeletons() {
        let t = SkelPairs::embedded().unwrap();
        let (a, b) = (tok("người"), tok("dân"));
        assert_eq!(t.skel(a), t.skel(tok("ngươi")));
        assert_ne!(t.skel(a), t.skel(b));
        assert_eq!(t.skel(tok("đàn")), t.skel(b));
        assert_eq!(t.skel(lm::BOUNDARY), lm::BOUNDARY);
        assert_eq!(t.skel(u32::MAX), lm::UNKNOWN);
        let best = t.best(t.skel(a), t.skel(b));
        assert!(best.contains(&(a, b)), "{best:?}");
        assert!(best.len() <= PER_PAIR);
        assert!(t.len() > 1000, "{}", t.len());
        // every pair listed strips to the skeletons asked for, best first
        let lm = LanguageModel::embedded();
        let (sa, sb) = (t.skel(tok("cống")), t.skel(tok("tạc")));
        let got = t.best(sa, sb);
        assert!(!got.is_empty());
        let joint = |(p, n): (TokenId, TokenId)| lm.logp1(p) + lm.logp2(p, n);
        for w in got.windows(2) {
            assert!(joint(w[0]) >= joint(w[1]));
        }
        for &(p, n) in &got {
            assert_eq!((t.skel(p), t.skel(n)), (sa, sb));
        }
        assert!(got.contains(&(tok("công"), tok("tác"))), "{got:?}");
    }
}
