//! Noisy-channel diacritic repair.
//!
//! A damaged Vietnamese page has lost marks (ASCII text), gained random ones
//! (`Nghị qũýết`, `khóă học`, `đân cư`) or carries wrong tones from typing
//! slips. [`Repairer`] finds, for every word, the syllable the writer most
//! likely meant: a syllable language model ([`crate::lm`]) says which words
//! fit together, a channel model says how likely each damage is, and a Viterbi
//! decoder picks the best sentence.
//!
//! The damage rates are estimated per document from the text itself, so a
//! clean page is left alone (only words with hard evidence, such as marks
//! that Vietnamese spelling cannot produce, are touched) and a damaged one is
//! repaired firmly. Numbers, URLs, e-mail addresses and words glued to digits
//! are never changed; abbreviations and document codes are restored from a
//! dictionary (`ỦBNĐ` → `UBND`, `93-CTr/TÙ` → `93-CTr/TU`, `HĐND` stays).
//!
//! ```
//! use vietnorm::repair::Repairer;
//! let r = Repairer::new();
//! let fixed = r.repair("Ủy bạn nhân đân tỉnh đã bàn hành kế hóạch phát trĩển khóă học.");
//! assert!(fixed.text.starts_with("Ủy ban nhân dân tỉnh đã ban hành kế hoạch"));
//! // clean text comes back borrowed
//! assert!(matches!(r.repair("Ủy ban nhân dân tỉnh").text, std::borrow::Cow::Borrowed(_)));
//! ```

mod channel;
pub mod damage;
mod engine;
mod gate;
mod letters;
mod lexicon;
mod memo;
mod noise;
mod pairs;

use crate::lm::{log_add, CHUNK};
use crate::lm::{Counter, LanguageModel, Lm, Mixture};
use crate::normalize::TonePolicy;
use crate::{Error, ErrorKind, Span};
use pairs::SkelPairs;
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

/// How firmly to repair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Strength {
    /// Touch only words with hard evidence of damage (stacked or foreign
    /// marks, marked words that are not Vietnamese), whatever the document
    /// looks like.
    Gentle,
    /// Estimate the damage of each document; repair damaged documents fully
    /// and clean ones only where there is hard evidence.
    #[default]
    Auto,
    /// Treat every document as damaged.
    Firm,
}

/// One change made by [`Repairer::repair`].
///
/// It borrows the input (and the dictionaries, for the many repaired words
/// that are spelled just as there), so listing the edits of a damaged page
/// allocates little; [`Edit::into_owned`] detaches it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Edit<'a> {
    /// Byte span of the changed word in the input.
    pub span: Span,
    /// The word as written in the input.
    pub from: Cow<'a, str>,
    /// The word as repaired.
    pub to: Cow<'a, str>,
    /// How sure the decoder is of this word, in `0.0..=1.0`: the share of
    /// the local probability mass on the chosen form among the forms the
    /// decoder kept for the word, with its neighbours on the best path
    /// fixed, under the decoder's own channel and n-gram scores.
    pub confidence: f32,
}

impl Edit<'_> {
    /// The same edit, owning its strings (to keep it past the input).
    pub fn into_owned(self) -> Edit<'static> {
        Edit {
            span: self.span,
            from: Cow::Owned(self.from.into_owned()),
            to: Cow::Owned(self.to.into_owned()),
            confidence: self.confidence,
        }
    }
}

/// The result of [`Repairer::repair`].
#[derive(Debug, Clone, PartialEq)]
pub struct Repaired<'a> {
    /// The repaired text; borrowed when nothing changed.
    pub text: Cow<'a, str>,
    /// Every changed word, in order. Words never change their number or
    /// the text between them.
    pub edits: Vec<Edit<'a>>,
}

/// The result of [`Repairer::repair_text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairedText<'a> {
    /// The repaired text; borrowed when nothing changed.
    pub text: Cow<'a, str>,
    /// How many words changed.
    pub changed: usize,
}

#[derive(Clone)]
enum Model {
    Embedded,
    /// A model with an id of its own, so per-thread memos of its lookups
    /// are never read for another model; and the model again when it is a
    /// plain [`LanguageModel`] (the decoder then asks its filters first).
    Owned(
        Arc<dyn Lm>,
        u64,
        Option<Box<LanguageModel>>,
        Arc<OnceLock<Option<SkelPairs>>>,
    ),
}

impl Model {
    fn owned(m: Arc<dyn Lm>, plain: Option<Box<LanguageModel>>) -> Model {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Model::Owned(
            m,
            NEXT.fetch_add(1, Ordering::Relaxed),
            plain,
            Arc::default(),
        )
    }

    /// The id of the model (0 for the embedded one).
    fn id(&self) -> u64 {
        match self {
            Model::Embedded => 0,
            Model::Owned(_, id, ..) => *id,
        }
    }

    /// The model when it is a plain [`LanguageModel`].
    fn plain(&self) -> Option<&LanguageModel> {
        match self {
            Model::Embedded => Some(LanguageModel::embedded()),
            Model::Owned(_, _, plain, _) => plain.as_deref(),
        }
    }

    /// The model's best spellings of each pair of skeletons (built on
    /// first use), when it can list its bigrams.
    fn pairs(&self) -> Option<&SkelPairs> {
        match self {
            Model::Embedded => SkelPairs::embedded(),
            Model::Owned(m, _, _, t) => t.get_or_init(|| SkelPairs::build(m.as_ref())).as_ref(),
        }
    }
}

/// Repairs damaged diacritics. Immutable, `Send + Sync`, cheap to clone.
///
/// Build one with [`Repairer::builder`] (or [`Repairer::new`] for the
/// embedded model and default settings) and share it between threads.
#[derive(Clone)]
pub struct Repairer {
    model: Model,
    tone: TonePolicy,
    strength: Strength,
}

impl std::fmt::Debug for Repairer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repairer")
            .field(
                "model",
                &match self.model {
                    Model::Embedded => "embedded",
                    Model::Owned(..) => "custom",
                },
            )
            .field("tone", &self.tone)
            .field("strength", &self.strength)
            .finish()
    }
}

impl Default for Repairer {
    fn default() -> Repairer {
        Repairer::new()
    }
}

/// Builds a [`Repairer`].
#[derive(Clone)]
pub struct RepairerBuilder {
    model: Model,
    tone: TonePolicy,
    strength: Strength,
}

impl std::fmt::Debug for RepairerBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RepairerBuilder")
            .field("tone", &self.tone)
            .field("strength", &self.strength)
            .finish()
    }
}

impl RepairerBuilder {
    /// Use `model` instead of the embedded language model (for example a
    /// [`Mixture`] of the embedded model and one counted from your archive).
    pub fn model(mut self, model: impl Lm + 'static) -> RepairerBuilder {
        let plain = (&model as &dyn std::any::Any)
            .downcast_ref::<LanguageModel>()
            .map(|m| Box::new(m.clone()));
        self.model = Model::owned(Arc::new(model), plain);
        self
    }

    /// Use a shared model.
    pub fn shared_model(mut self, model: Arc<dyn Lm>) -> RepairerBuilder {
        self.model = Model::owned(model, None);
        self
    }

    /// Where repaired words put their tone mark: `Keep` follows the
    /// document's own habit (classic `hòa` or modern `hoà`); words that are
    /// not changed are never touched (use [`crate::normalize`] for that).
    pub fn tone(mut self, tone: TonePolicy) -> RepairerBuilder {
        self.tone = tone;
        self
    }

    /// How firmly to repair (default [`Strength::Auto`]).
    pub fn strength(mut self, strength: Strength) -> RepairerBuilder {
        self.strength = strength;
        self
    }

    /// Builds the repairer; fails when the model's order is not usable.
    pub fn build(self) -> Result<Repairer, Error> {
        if let Model::Owned(m, ..) = &self.model {
            if m.order() == 0 {
                return Err(Error::new(
                    ErrorKind::Config,
                    "language model order must be at least 1",
                ));
            }
        }
        Ok(Repairer {
            model: self.model,
            tone: self.tone,
            strength: self.strength,
        })
    }
}

thread_local! {
    static SCRATCH: RefCell<engine::Scratch> = RefCell::new(engine::Scratch::default());
}

impl Repairer {
    /// A repairer with the embedded model and default settings.
    pub fn new() -> Repairer {
        Repairer {
            model: Model::Embedded,
            tone: TonePolicy::Keep,
            strength: Strength::Auto,
        }
    }

    /// A builder, starting from the embedded model and default settings.
    pub fn builder() -> RepairerBuilder {
        RepairerBuilder {
            model: Model::Embedded,
            tone: TonePolicy::Keep,
            strength: Strength::Auto,
        }
    }

    fn lm(&self) -> &dyn Lm {
        match &self.model {
            Model::Embedded => LanguageModel::embedded(),
            Model::Owned(m, ..) => m.as_ref(),
        }
    }

    /// Repairs one document. The damage level is estimated over the whole
    /// text, so pass a page or an article at a time, not single lines.
    pub fn repair<'a>(&self, text: &'a str) -> Repaired<'a> {
        let mut edits = Vec::new();
        let text = self.run(text, &mut engine::Changes::Edits(&mut edits));
        Repaired { text, edits }
    }

    /// Repairs one document like [`Repairer::repair`] and returns only the
    /// text and how many words changed: cheaper, as no edit list (strings,
    /// confidences) is built. For pipelines that keep just the text.
    ///
    /// ```
    /// use vietnorm::repair::Repairer;
    /// let r = Repairer::new();
    /// let damaged = "Ủy bạn nhân đân tỉnh đã bàn hành kế hóạch phát trĩển khóă học.";
    /// let fixed = r.repair_text(damaged);
    /// assert_eq!(fixed.text, r.repair(damaged).text);
    /// assert_eq!(fixed.changed, r.repair(damaged).edits.len());
    /// ```
    pub fn repair_text<'a>(&self, text: &'a str) -> RepairedText<'a> {
        let mut changes = engine::Changes::Count(0);
        let text = self.run(text, &mut changes);
        RepairedText {
            text,
            changed: changes.count(),
        }
    }

    fn run<'a>(&self, text: &'a str, changes: &mut engine::Changes<'_, 'a>) -> Cow<'a, str> {
        let params = engine::Params {
            lm: self.lm(),
            model_id: self.model.id(),
            plain: self.model.plain(),
            pairs: &|| self.model.pairs(),
            strength: self.strength,
            tone: self.tone,
        };
        let out = SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut sc) => engine::repair_doc(text, &params, &mut sc, changes),
            Err(_) => engine::repair_doc(text, &params, &mut engine::Scratch::default(), changes),
        });
        match out {
            Some(s) => Cow::Owned(s),
            None => Cow::Borrowed(text),
        }
    }

    /// Adapts the repairer to an archive: counts a model from the documents
    /// that look clean (damaged ones are skipped) and mixes it with the
    /// current model, so the archive's own vocabulary and phrasing help
    /// repair its damaged documents. Returns a new repairer with the same
    /// settings; `self` is unchanged.
    pub fn adapt<I, S>(&self, docs: I) -> Repairer
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut a = self.adaptation();
        for d in docs {
            a.add(d.as_ref());
        }
        self.adapted(a)
    }

    /// An empty [`Adaptation`] for this repairer: count an archive into
    /// it (or into several, one per thread, then merge them) and pass it
    /// to [`Repairer::adapted`]. Same result as [`Repairer::adapt`] over
    /// the same documents.
    ///
    /// ```
    /// use vietnorm::repair::Repairer;
    /// let r = Repairer::new();
    /// let (mut a, mut b) = (r.adaptation(), r.adaptation());
    /// a.add("Xã Ea Tóh tổ chức hội nghị tổng kết công tác năm.");
    /// b.add("Xã Ea Tóh có mười hai thôn, buôn.");
    /// a.merge(b);
    /// assert_eq!(a.documents(), 2);
    /// // a damaged page is not counted
    /// assert!(!a.add("Xã Ea Tóh tổ chức hộị nghị tổng kết công tác nắm."));
    /// let adapted = r.adapted(a);
    /// let clean = "Xã Ea Tóh tổ chức hội nghị.";
    /// assert_eq!(adapted.repair(clean).text, clean);
    /// ```
    pub fn adaptation(&self) -> Adaptation {
        Adaptation {
            counter: Counter::new(self.lm().order().clamp(2, 3)),
            used: 0,
        }
    }

    /// A new repairer adapted with the counts of `a` (see
    /// [`Repairer::adapt`]); a clone of `self` when `a` counted no document.
    pub fn adapted(&self, a: Adaptation) -> Repairer {
        if a.used == 0 {
            return self.clone();
        }
        let adapted = a.counter.build();
        let mix: Arc<dyn Lm> = match &self.model {
            Model::Embedded => Arc::new(Mixture::new(vec![
                (LanguageModel::embedded().clone(), ADAPT_BASE_WEIGHT),
                (adapted, 1.0 - ADAPT_BASE_WEIGHT),
            ])),
            Model::Owned(m, ..) => Arc::new(Blend {
                a: m.clone(),
                b: adapted,
                wa: ADAPT_BASE_WEIGHT.ln(),
                wb: (1.0 - ADAPT_BASE_WEIGHT).ln(),
            }),
        };
        Repairer {
            model: Model::owned(mix, None),
            tone: self.tone,
            strength: self.strength,
        }
    }
}

/// The counts of an archive's own model, before it adapts a repairer
/// ([`Repairer::adaptation`]). Counting is the costly part of adaptation,
/// and counts made apart merge exactly, so an archive can be counted on
/// every core.
pub struct Adaptation {
    counter: Counter,
    used: usize,
}

impl std::fmt::Debug for Adaptation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Adaptation")
            .field("documents", &self.used)
            .finish_non_exhaustive()
    }
}

impl Adaptation {
    /// Counts `doc` when it looks clean (damaged documents would teach the
    /// model their damage); returns whether it was counted.
    pub fn add(&mut self, doc: &str) -> bool {
        let counted = gate::looks_clean(doc) && self.counter.add_document(doc);
        self.used += usize::from(counted);
        counted
    }

    /// Adds everything `other` counted.
    pub fn merge(&mut self, other: Adaptation) {
        self.counter.merge(other.counter);
        self.used += other.used;
    }

    /// Documents counted so far.
    pub fn documents(&self) -> usize {
        self.used
    }
}

/// Weight of the base model when mixing in an archive's own model.
const ADAPT_BASE_WEIGHT: f32 = 0.5;

/// Linear interpolation of any model with an archive model.
struct Blend {
    a: Arc<dyn Lm>,
    b: LanguageModel,
    wa: f32,
    wb: f32,
}

impl Lm for Blend {
    fn order(&self) -> usize {
        self.a.order().max(self.b.order())
    }
    fn logp(&self, context: &[crate::lm::TokenId], next: crate::lm::TokenId) -> f32 {
        log_add(
            self.wa + self.a.logp(context, next),
            self.wb + self.b.logp(context, next),
        )
    }
    fn logp2(&self, prev: crate::lm::TokenId, next: crate::lm::TokenId) -> f32 {
        log_add(
            self.wa + self.a.logp2(prev, next),
            self.wb + self.b.logp2(prev, next),
        )
    }
    fn logp3(
        &self,
        p2: crate::lm::TokenId,
        p1: crate::lm::TokenId,
        next: crate::lm::TokenId,
    ) -> f32 {
        log_add(
            self.wa + self.a.logp3(p2, p1, next),
            self.wb + self.b.logp3(p2, p1, next),
        )
    }
    fn logp3_many(
        &self,
        p2: crate::lm::TokenId,
        p1: crate::lm::TokenId,
        nexts: &[crate::lm::TokenId],
        out: &mut [f32],
    ) {
        self.blend_many(
            nexts,
            out,
            |m, n, o| m.logp3_many(p2, p1, n, o),
            |m, n, o| m.logp3_many(p2, p1, n, o),
        );
    }
    fn logp2_many(&self, prev: crate::lm::TokenId, nexts: &[crate::lm::TokenId], out: &mut [f32]) {
        self.blend_many(
            nexts,
            out,
            |m, n, o| m.logp2_many(prev, n, o),
            |m, n, o| m.logp2_many(prev, n, o),
        );
    }

    fn for_each_stored_bigram(
        &self,
        f: &mut dyn FnMut(crate::lm::TokenId, crate::lm::TokenId),
    ) -> bool {
        // both lists: a pair either model stores
        self.a.for_each_stored_bigram(f) && self.b.for_each_stored_bigram(f)
    }
}

impl Blend {
    /// Mixes the batched lookups `fa` (of `a`) and `fb` (of `b`) into `out`,
    /// a chunk of tokens at a time.
    fn blend_many(
        &self,
        nexts: &[crate::lm::TokenId],
        out: &mut [f32],
        fa: impl Fn(&dyn Lm, &[crate::lm::TokenId], &mut [f32]),
        fb: impl Fn(&LanguageModel, &[crate::lm::TokenId], &mut [f32]),
    ) {
        let mut part = [0.0f32; CHUNK];
        for (n, o) in nexts.chunks(CHUNK).zip(out.chunks_mut(CHUNK)) {
            let part = &mut part[..n.len().min(o.len())];
            fa(self.a.as_ref(), n, o);
            fb(&self.b, n, part);
            for (x, &l) in o.iter_mut().zip(part.iter()) {
                *x = log_add(self.wa + *x, self.wb + l);
            }
        }
    }
}

/// One-call repair with the embedded model and default settings.
pub fn repair(text: &str) -> Cow<'_, str> {
    static R: std::sync::OnceLock<Repairer> = std::sync::OnceLock::new();
    R.get_or_init(Repairer::new).repair_text(text).text
}

#[cfg(test)]
mod tests;
