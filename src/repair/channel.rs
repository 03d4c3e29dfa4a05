//! The channel model: how likely an observed spelling is, given the syllable
//! the writer meant.
//!
//! Damage is modelled per letter, independently:
//! - every vowel may gain a mark (a tone or a modifier) with probability `add`;
//!   a gained mark on a letter that already has one stacks on it;
//! - the intended tone may be dropped (`tone_del`) or replaced (`tone_sub`);
//! - an intended modifier (â ă ê ô ơ ư) may be dropped (`mod_del`) or replaced
//!   (`mod_sub`);
//! - `d` may gain a bar (`d_add`), `đ` may lose it (`d_del`);
//! - marks Vietnamese never uses (diaeresis, caron, ...) appear with `other`.
//!
//! Case is never part of the model: it is copied from the observed letters.
//! The rates are estimated per document (see `noise.rs`).

use super::letters::{is_vowel, Letter, MAX_LETTERS, M_BAR};
use crate::fxhash::FxBuild;
use std::collections::HashMap;

/// Damage rates of one document. All are probabilities in (0, 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rates {
    /// A vowel gains a mark.
    pub add: f32,
    /// The intended tone is dropped.
    pub tone_del: f32,
    /// The intended tone is replaced by another.
    pub tone_sub: f32,
    /// An intended modifier is dropped.
    pub mod_del: f32,
    /// An intended modifier is replaced by another.
    pub mod_sub: f32,
    /// `d` gains a bar.
    pub d_add: f32,
    /// `đ` loses its bar.
    pub d_del: f32,
    /// A foreign mark appears.
    pub other: f32,
}

/// Lower bounds: clean text still has the odd slip.
pub(crate) const FLOOR: Rates = Rates {
    add: 2e-4,
    tone_del: 2e-4,
    tone_sub: 2e-4,
    mod_del: 2e-4,
    mod_sub: 1e-4,
    d_add: 2e-4,
    d_del: 2e-4,
    other: 1e-3,
};

/// Upper bounds, so one document cannot talk the model into nonsense.
pub(crate) const CEIL: Rates = Rates {
    add: 0.6,
    tone_del: 0.98,
    tone_sub: 0.5,
    mod_del: 0.98,
    mod_sub: 0.3,
    d_add: 0.6,
    d_del: 0.98,
    other: 0.5,
};

/// Share of gained marks that are tones (the rest are modifiers).
const ADD_TONE_SHARE: f32 = 0.8;

/// Cost of an intended tone observed on a letter other than where either
/// placement style puts it (`qúa`, or a mark added by damage).
const TONE_MOVED: f32 = -1.6;

/// Positions in [`Counts`] and [`Costs`]: the channel operations that have a
/// cost of their own.
const D_KEEP: usize = 0;
const D_DEL: usize = 1;
const D_ADD: usize = 2;
const D_NONE: usize = 3;
const M_KEEP: usize = 4;
const M_SUB: usize = 5;
const M_DEL: usize = 6;
const T_KEEP: usize = 7;
const T_SUB: usize = 8;
const T_DEL: usize = 9;
/// Tones gained.
const A_TONE: usize = 10;
/// Modifiers gained.
const A_MOD: usize = 11;
const OTHER: usize = 12;
/// Vowels that gained nothing.
const NO_ADD: usize = 13;
/// The tone sits where neither placement style puts it (cost `TONE_MOVED`).
const MOVED: usize = 14;
/// The operation kinds above, rounded up to whole 4-lane groups.
const LANES: usize = 16;

/// Natural-log costs derived from [`Rates`], one per operation kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Costs {
    /// Padded with zeros to `LANES`.
    w: [f32; LANES],
}

fn ln(x: f32) -> f32 {
    x.max(1e-9).ln()
}

impl Costs {
    /// Log costs of `r`.
    pub fn new(r: &Rates) -> Costs {
        let mut w = [0.0; LANES];
        w[D_KEEP] = ln(1.0 - r.d_del);
        w[D_DEL] = ln(r.d_del);
        w[D_ADD] = ln(r.d_add);
        w[D_NONE] = ln(1.0 - r.d_add);
        w[M_KEEP] = ln(1.0 - r.mod_del - r.mod_sub);
        w[M_SUB] = ln(r.mod_sub / 2.0);
        w[M_DEL] = ln(r.mod_del);
        w[T_KEEP] = ln(1.0 - r.tone_del - r.tone_sub);
        w[T_SUB] = ln(r.tone_sub / 4.0);
        w[T_DEL] = ln(r.tone_del);
        w[A_TONE] = ln(r.add * ADD_TONE_SHARE / 5.0);
        w[A_MOD] = ln(r.add * (1.0 - ADD_TONE_SHARE) / 2.0);
        w[OTHER] = ln(r.other);
        w[NO_ADD] = ln(1.0 - r.add);
        w[MOVED] = TONE_MOVED;
        Costs { w }
    }
}

/// The rarest kind of operation a candidate needs, which bounds its score
/// from above (every cost is a log-probability, at most 0): a candidate
/// that needs a modifier or a bar dropped or replaced scores at most the
/// dearer of those operations' costs, whatever else it needs. Pricing can
/// then skip whole groups of a word's candidates without looking at them
/// (see [`Costs::bound`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Loss {
    /// Marks only kept or gained.
    None,
    /// A tone dropped or replaced, no modifier or bar lost.
    Tone,
    /// A modifier or a bar dropped or replaced.
    Modifier,
}

impl Costs {
    /// The highest score a candidate whose [`Counts::loss`] is `l` can have.
    pub fn bound(&self, l: Loss) -> f32 {
        let w = |k: usize| self.w.get(k).copied().unwrap_or(0.0);
        match l {
            Loss::None => 0.0,
            Loss::Tone => w(T_DEL).max(w(T_SUB)),
            Loss::Modifier => w(M_DEL).max(w(M_SUB)).max(w(D_DEL)),
        }
    }
}

/// The channel operations that turn one intended form into one observed
/// spelling. They do not depend on the rates, so each candidate's are
/// counted once and re-priced cheaply on every round of the rate estimate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct Counts {
    /// How many of each operation (bytes, to keep a candidate small: a
    /// document's candidates are priced in a sweep every round), padded
    /// with zeros to `LANES`.
    n: [u8; LANES],
    vowels: u8,
}

impl Counts {
    /// `ln P(observed | intended)` under `c`.
    #[inline]
    pub fn cost(&self, c: &Costs) -> f32 {
        // four independent lanes: the compiler turns this into a few vector
        // multiply-adds (a single running sum would have to stay in order)
        let mut acc = [0.0f32; 4];
        for (n, w) in self.n.chunks_exact(4).zip(c.w.chunks_exact(4)) {
            for ((a, &n), &w) in acc.iter_mut().zip(n).zip(w) {
                *a += f32::from(n) * w;
            }
        }
        (acc[0] + acc[1]) + (acc[2] + acc[3])
    }

    /// Adds these operations to `ops` (for re-estimation).
    pub fn add_to(&self, ops: &mut Ops) {
        let f = |k: usize| f32::from(self.n.get(k).copied().unwrap_or(0));
        ops.vowels += f32::from(self.vowels);
        ops.added += f(A_TONE) + f(A_MOD);
        ops.t_keep += f(T_KEEP);
        ops.t_sub += f(T_SUB);
        ops.t_del += f(T_DEL);
        ops.m_keep += f(M_KEEP);
        ops.m_sub += f(M_SUB);
        ops.m_del += f(M_DEL);
        ops.d_add += f(D_ADD);
        ops.d_none += f(D_NONE);
        ops.d_del += f(D_DEL);
        ops.d_keep += f(D_KEEP);
    }

    /// Which kind of loss these operations hold (see [`Loss`]).
    pub fn loss(&self) -> Loss {
        let has = |k: usize| self.n.get(k).is_some_and(|&x| x > 0);
        if has(M_DEL) || has(M_SUB) || has(D_DEL) {
            Loss::Modifier
        } else if has(T_DEL) || has(T_SUB) {
            Loss::Tone
        } else {
            Loss::None
        }
    }

    /// A word kept as written although it is no syllable: its marks are
    /// taken as intended, and its `vowels` gained nothing.
    pub fn kept_unknown(vowels: usize) -> Counts {
        let mut k = Counts::default();
        k.n[NO_ADD] = byte(vowels as u32);
        k
    }
}

/// The distinct [`Counts`] of a thread's candidates, each priced at most
/// once per round of the rate estimate: a document's thousands of
/// candidates share a few hundred distinct counts, so a candidate holds an
/// id into this table and its channel score is a lookup. Id 0 is the
/// all-zero counts (of candidates that are never priced).
#[derive(Debug)]
pub(crate) struct CountTable {
    /// Each id's counts and the fixed part of its score.
    all: Vec<(Counts, f32)>,
    /// Keyed by the counts and the bits of the fixed part.
    ids: HashMap<(Counts, u32), u32, FxBuild>,
    /// Per id: the round it was last priced in (0: never) and that price.
    priced: Vec<(u32, f32)>,
    round: u32,
}

impl Default for CountTable {
    fn default() -> CountTable {
        let mut t = CountTable {
            all: Vec::new(),
            ids: HashMap::default(),
            priced: Vec::new(),
            round: 0,
        };
        t.intern(Counts::default(), 0.0);
        t
    }
}

impl CountTable {
    /// Distinct counts held.
    pub fn len(&self) -> usize {
        self.all.len()
    }

    /// Forgets every id but 0.
    pub fn clear(&mut self) {
        self.all.clear();
        self.ids.clear();
        self.priced.clear();
        self.intern(Counts::default(), 0.0);
    }

    /// The id of `k` with the fixed score `extra` (finite or -inf), which
    /// every price of the id includes: a candidate then needs nothing but
    /// its id to be priced.
    pub fn intern(&mut self, k: Counts, extra: f32) -> u32 {
        let key = (k, extra.to_bits());
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.all.len() as u32;
        self.all.push((k, extra));
        self.priced.push((0, 0.0));
        self.ids.insert(key, id);
        id
    }

    /// The counts of `id` (none for an unknown id).
    pub fn get(&self, id: u32) -> Counts {
        self.all.get(id as usize).map(|x| x.0).unwrap_or_default()
    }

    /// Starts a round: prices from now on are under new costs.
    pub fn start_round(&mut self) {
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.priced.fill((0, 0.0));
            self.round = 1;
        }
    }

    /// `Counts::cost` of `id` under `c` plus its fixed part; `c` must be
    /// the same costs for the whole round.
    #[inline]
    pub fn cost(&mut self, id: u32, c: &Costs) -> f32 {
        let i = id as usize;
        let Some(slot) = self.priced.get_mut(i) else {
            return 0.0;
        };
        if slot.0 != self.round {
            // never NaN: the fixed part is finite or -inf, the costs finite
            let price = self.all.get(i).map_or(0.0, |(k, x)| x + k.cost(c));
            *slot = (self.round, price);
        }
        slot.1
    }
}

/// What the channel did to one token, counted for re-estimation.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Ops {
    pub vowels: f32,
    pub added: f32,
    pub t_keep: f32,
    pub t_sub: f32,
    pub t_del: f32,
    pub m_keep: f32,
    pub m_sub: f32,
    pub m_del: f32,
    pub d_add: f32,
    pub d_none: f32,
    pub d_del: f32,
    pub d_keep: f32,
}

impl Ops {
    /// `f` of each count and its match in `o`.
    fn zip_with(self, o: &Ops, f: impl Fn(f32, f32) -> f32) -> Ops {
        Ops {
            vowels: f(self.vowels, o.vowels),
            added: f(self.added, o.added),
            t_keep: f(self.t_keep, o.t_keep),
            t_sub: f(self.t_sub, o.t_sub),
            t_del: f(self.t_del, o.t_del),
            m_keep: f(self.m_keep, o.m_keep),
            m_sub: f(self.m_sub, o.m_sub),
            m_del: f(self.m_del, o.m_del),
            d_add: f(self.d_add, o.d_add),
            d_none: f(self.d_none, o.d_none),
            d_del: f(self.d_del, o.d_del),
            d_keep: f(self.d_keep, o.d_keep),
        }
    }

    /// The sum of two counts.
    pub fn plus(self, o: &Ops) -> Ops {
        self.zip_with(o, |a, b| a + b)
    }

    /// Every count times `k` (a sample's counts for the whole document).
    pub fn scaled(self, k: f32) -> Ops {
        self.zip_with(&self, |a, _| a * k)
    }
}

/// The letters and tone of an intended form (a syllable, or an abbreviation
/// which has no tone).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Shape {
    pub bases: [u8; MAX_LETTERS],
    pub mods: [u8; MAX_LETTERS],
    pub len: u8,
    pub tone: u8,
    /// Letters that may carry the tone (modern and classic placement).
    pub tpos: [u8; 2],
}

impl Shape {
    /// The shape of an analysed clean form; `None` if some letter has two
    /// modifiers or the form has two tones.
    pub fn of(letters: &[Letter]) -> Option<Shape> {
        let mut s = Shape::default();
        for (i, l) in letters.iter().enumerate() {
            if l.n_mods > 1 || l.other > 0 {
                return None;
            }
            *s.bases.get_mut(i)? = l.base;
            *s.mods.get_mut(i)? = l.first_mod();
            if l.n_tones > 1 || (l.n_tones == 1 && s.tone != 0) {
                return None;
            }
            if l.n_tones == 1 {
                s.tone = l.first_tone();
                s.tpos = [i as u8; 2];
            }
        }
        s.len = letters.len() as u8;
        Some(s)
    }

    /// Same letters, modifiers and tone (wherever the tone is written).
    pub fn same_spelling(&self, other: &Shape) -> bool {
        self.len == other.len
            && self.tone == other.tone
            && self.bases == other.bases
            && self.mods == other.mods
    }

    /// The shape with every mark removed.
    pub fn bare(letters: &[Letter]) -> Shape {
        let mut s = Shape::default();
        for (i, l) in letters.iter().take(MAX_LETTERS).enumerate() {
            s.bases[i] = l.base;
        }
        s.len = letters.len().min(MAX_LETTERS) as u8;
        s
    }
}

/// The channel operations from `cand` to the observed letters `obs`, which
/// must have the intended skeleton.
pub(crate) fn counts(obs: &[Letter], cand: &Shape) -> Counts {
    let mut k = Counts::default();
    let mut bump = |i: usize| {
        if let Some(x) = k.n.get_mut(i) {
            *x = x.saturating_add(1);
        }
    };
    let mut added_mods = 0u32;
    let mut other = 0u32;
    let mut vowels = 0u32;
    let mut tone_mask = 0u8;
    let mut n_tones = 0u32;
    for (i, o) in obs.iter().enumerate() {
        let cm = cand.mods.get(i).copied().unwrap_or(0);
        other += u32::from(o.other);
        if is_vowel(o.base) {
            vowels += 1;
        }
        n_tones += u32::from(o.n_tones);
        tone_mask |= o.tones;
        if o.base == b'd' {
            let has = o.mods & (1 << M_BAR) != 0;
            added_mods += u32::from(o.n_mods) - u32::from(has);
            bump(match (cm == M_BAR, has) {
                (true, true) => D_KEEP,
                (true, false) => D_DEL,
                (false, true) => D_ADD,
                (false, false) => D_NONE,
            });
            continue;
        }
        if cm != 0 {
            if o.mods & (1 << cm) != 0 {
                bump(M_KEEP);
                added_mods += u32::from(o.n_mods) - 1;
            } else if o.n_mods > 0 {
                bump(M_SUB);
                added_mods += u32::from(o.n_mods) - 1;
            } else {
                bump(M_DEL);
            }
        } else {
            added_mods += u32::from(o.n_mods);
        }
    }
    let added_tones = if cand.tone != 0 {
        if tone_mask & (1 << cand.tone) != 0 {
            let bit = 1 << cand.tone;
            let at = |i: u8| obs.get(i as usize).is_some_and(|l| l.tones & bit != 0);
            // the tone sits on a letter that would not carry it: either an
            // added mark that happens to match, or a misplaced tone
            if !at(cand.tpos[0]) && !at(cand.tpos[1]) {
                bump(MOVED);
            }
            bump(T_KEEP);
            n_tones - 1
        } else if n_tones > 0 {
            bump(T_SUB);
            n_tones - 1
        } else {
            bump(T_DEL);
            0
        }
    } else {
        n_tones
    };
    k.n[A_TONE] = byte(added_tones);
    k.n[A_MOD] = byte(added_mods);
    k.n[OTHER] = byte(other);
    k.n[NO_ADD] = byte(vowels.saturating_sub(added_tones + added_mods));
    k.vowels = byte(vowels);
    k
}

/// A count as a byte (a word has at most `MAX_LETTERS` letters, so only
/// pathological mark runs saturate).
fn byte(n: u32) -> u8 {
    n.min(255) as u8
}

/// `ln P(observed | intended)`; the observed letters must have the intended
/// skeleton. When `ops` is given, the channel operations are counted into it.
#[cfg(test)]
pub(crate) fn score(obs: &[Letter], cand: &Shape, c: &Costs, ops: Option<&mut Ops>) -> f32 {
    let k = counts(obs, cand);
    if let Some(ops) = ops {
        k.add_to(ops);
    }
    k.cost(c)
}

#[cfg(test)]
mod tests {
    use super::super::letters::analyse;
    use super::*;

    fn shape(s: &str) -> Shape {
        Shape::of(analyse(s).unwrap().letters()).unwrap()
    }

    fn lp(obs: &str, cand: &str, r: &Rates) -> f32 {
        let a = analyse(obs).unwrap();
        score(a.letters(), &shape(cand), &Costs::new(r), None)
    }

    const DAMAGED: Rates = Rates {
        add: 0.34,
        tone_del: 0.01,
        tone_sub: 0.01,
        mod_del: 0.01,
        mod_sub: 0.01,
        d_add: 0.2,
        d_del: 0.01,
        other: 0.001,
    };

    #[test]
    fn added_marks_explain_damage() {
        // `qũýết` is `quyết` with two marks added, far likelier than `quyệt` (substitution)
        assert!(lp("qũýết", "quyết", &DAMAGED) > lp("qũýết", "quyệt", &DAMAGED) + 2.0);
        // d -> đ happens in this document
        assert!(lp("đân", "dân", &DAMAGED) > lp("đân", "đân", &DAMAGED) - 2.0);
        // in clean text the observed form is by far the best
        assert!(lp("đân", "đân", &FLOOR) > lp("đân", "dân", &FLOOR) + 5.0);
    }

    #[test]
    fn counts_ops() {
        let a = analyse("khóă").unwrap();
        let mut ops = Ops::default();
        score(
            a.letters(),
            &shape("khoa"),
            &Costs::new(&DAMAGED),
            Some(&mut ops),
        );
        assert_eq!(ops.vowels, 2.0);
        assert_eq!(ops.added, 2.0);
        let a = analyse("ban").unwrap();
        let mut ops = Ops::default();
        score(
            a.letters(),
            &shape("bản"),
            &Costs::new(&DAMAGED),
            Some(&mut ops),
        );
        assert_eq!(ops.t_del, 1.0);
    }
}
