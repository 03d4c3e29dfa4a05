//! The Vietnamese syllable model.
//!
//! A syllable is onset + (glide) + nucleus + (coda) + tone. [`parse`] splits a
//! token into those parts and checks full phonotactics: onset spelling rules
//! (`k`/`gh`/`ngh` before front vowels, `c`/`g`/`ng` elsewhere, `qu`, `gi`),
//! the rhyme inventory, stop codas (c, ch, p, t) with only the acute or dot
//! tone, and at most one tone mark and one modifier per letter.
//!
//! Tones can be placed by two conventions that differ only for the open
//! rhymes `oa`, `oe` and `uy`: *classic* (`hòa`, `khỏe`, `thủy`) and *modern*
//! (`hoà`, `khoẻ`, `thuỷ`). Everywhere else the position is fixed and
//! placement that is wrong under both conventions (`hòan`, `qủa`) is fixed
//! by [`place_tone`] whichever style is asked for.
//!
//! ```
//! use vietnorm::syllable::{self, ToneStyle};
//!
//! assert!(syllable::is_valid("Nghiêng"));
//! assert!(!syllable::is_valid("khóă"));
//! assert_eq!(syllable::skeleton("Đảng"), "dang");
//! assert_eq!(syllable::place_tone("hòa", ToneStyle::Modern).as_deref(), Some("hoà"));
//! assert_eq!(syllable::place_tone("THUỶ", ToneStyle::Classic).as_deref(), Some("THỦY"));
//! assert_eq!(syllable::place_tone("hòan", ToneStyle::Modern).as_deref(), Some("hoàn"));
//! ```

pub(crate) mod letters;
pub(crate) mod words;

use crate::fxhash::FxBuild;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

pub(crate) use letters::combining_mark;
use letters::{analyse, is_modified_vowel, is_vowel, letter_char, Slot};
pub use words::{words, Words};

/// One of the six Vietnamese tones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tone {
    /// Ngang: no mark.
    Level = 0,
    /// Huyền: grave accent.
    Grave = 1,
    /// Sắc: acute accent.
    Acute = 2,
    /// Hỏi: hook above.
    Hook = 3,
    /// Ngã: tilde.
    Tilde = 4,
    /// Nặng: dot below.
    Dot = 5,
}

impl Tone {
    /// All tones, level first.
    pub const ALL: [Tone; 6] = [
        Tone::Level,
        Tone::Grave,
        Tone::Acute,
        Tone::Hook,
        Tone::Tilde,
        Tone::Dot,
    ];
}

/// Where the tone mark goes on the open rhymes `oa`, `oe` and `uy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ToneStyle {
    /// On the first vowel: `hòa`, `khỏe`, `thủy`.
    Classic,
    /// On the second vowel: `hoà`, `khoẻ`, `thuỷ`.
    Modern,
}

const ONSETS: [&str; 28] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

// Rhymes after every onset except `qu` (written as after a consonant; with no
// onset, `iê` is written `yê`, see `YE_RHYMES`). `k` codas are the spelling
// of minority place names (Đắk Lắk, Búk) and are added from the `c` rhymes.
const RHYMES: &str = "
a ai ao au ay am an ang anh ap at ac ach
ăm ăn ăng ăp ăt ăc
âu ây âm ân âng âp ât âc
e eo em en eng ep et ec
ê êu êm ên ênh êp êt êch
i ia iu im in inh ip it ich
iêu iêm iên iêng iêp iêt iêc
o oi om on ong op ot oc oong ooc
ô ôi ôm ôn ông ôp ôt ôc
ơ ơi ơm ơn ơp ơt
u ua ui um un ung up ut uc
uôi uôm uôn uông uôp uôt uôc
ư ưa ưi ưu ưm ưn ưng ưt ưc
ươi ươu ươm ươn ương ươp ươt ươc
y
oa oai oay oan oang oanh oat oac oach oam oap
oăn oăng oăt oăc oăm
oe oeo oen oet oem
uân uâng uât uây
uê uênh uêch
uơ
uy uya uych uynh uyp uyt uyu uyên uyêt uyn
";

// With no onset the `iê` rhymes are spelled with `y`.
const YE_RHYMES: &str = "yêu yêm yên yêng yêt";

// Rhymes after `qu` (the u belongs to the onset): quả, quăn, quân, quê, quơ,
// quý, quyết, quốc; `qui`, `quít` are old spellings still common in print.
const QU_RHYMES: &str = "
a ai ao au ay am an ang anh ap at ac ach
ăm ăn ăng ăp ăt ăc
ân âng ât ây âu
e eo en et
ê êu ên ênh êt êch
ơ ơi
y yt ych ynh yên yêt
ôc
i it
";

// After `gi` whose i also serves as the vowel: gì, gìn, giếng, giết.
const GI_SHARED_RHYMES: &str = "i in iêu iêm iên iêng iêt iêc";

/// Codes of a rhyme or onset string (see `letters`).
fn codes(s: &str) -> Vec<u8> {
    let l = analyse(s);
    l.as_slice().iter().map(|s| s.code).collect()
}

fn is_glide_rhyme(r: &[u8]) -> bool {
    match r {
        [b'o', n, ..] => matches!(*n, b'a' | letters::A_BREVE | b'e'),
        [b'u', n, ..] => matches!(
            *n,
            letters::A_CIRC | letters::E_CIRC | letters::O_HORN | b'y'
        ),
        _ => false,
    }
}

fn is_stop_coda(r: &[u8]) -> bool {
    matches!(r.last(), Some(b'c' | b'p' | b't' | b'k')) || r.ends_with(b"ch")
}

fn is_front(c: u8) -> bool {
    matches!(c, b'i' | b'e' | letters::E_CIRC | b'y')
}

struct Tables {
    rhymes: HashSet<Vec<u8>>,
    qu: HashSet<Vec<u8>>,
    gi_shared: HashSet<Vec<u8>>,
    ye: HashSet<Vec<u8>>,
    onsets: Vec<(&'static str, Vec<u8>)>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let set = |s: &str| -> HashSet<Vec<u8>> { s.split_whitespace().map(codes).collect() };
    let mut rhymes = set(RHYMES);
    // k codas of minority names: every c rhyme with k instead
    let ks: Vec<Vec<u8>> = rhymes
        .iter()
        .filter(|r| r.last() == Some(&b'c'))
        .map(|r| {
            let mut k = r.clone();
            if let Some(last) = k.last_mut() {
                *last = b'k';
            }
            k
        })
        .collect();
    for k in ks {
        rhymes.insert(k);
    }
    Tables {
        rhymes,
        qu: set(QU_RHYMES),
        gi_shared: set(GI_SHARED_RHYMES),
        ye: set(YE_RHYMES),
        onsets: ONSETS.iter().map(|o| (*o, codes(o))).collect(),
    }
});

/// A parsed, valid Vietnamese syllable.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Syllable {
    onset: &'static str,
    // letter codes of the whole word, lowercase, without tone
    spelled: Codes,
    // where the rhyme starts in `spelled` (after `gi` with a shared i it is 1)
    rhyme_start: usize,
    onset_len: usize,
    glide_len: usize,
    coda_len: usize,
    tone: Tone,
    // index of the letter carrying the tone mark as written, if any
    tone_at: Option<usize>,
    // bit i set: letter i is upper case
    upper: u8,
}

/// Letter codes of one word, inline (no allocation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Codes {
    buf: [u8; letters::MAX_LETTERS],
    len: u8,
}

impl Codes {
    fn from_slice(s: &[u8]) -> Option<Codes> {
        let mut buf = [0u8; letters::MAX_LETTERS];
        buf.get_mut(..s.len())?.copy_from_slice(s);
        Some(Codes {
            buf,
            len: s.len() as u8,
        })
    }
}

impl std::ops::Deref for Codes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.buf.get(..self.len as usize).unwrap_or(&[])
    }
}

impl Syllable {
    /// The onset consonant(s), lowercase (`"ngh"`, `"qu"`, `"gi"`, `"đ"`, or `""`).
    pub fn onset(&self) -> &'static str {
        self.onset
    }

    fn text_of(&self, r: std::ops::Range<usize>) -> String {
        self.spelled
            .get(r)
            .unwrap_or(&[])
            .iter()
            .map(|&c| letter_char(c, Tone::Level))
            .collect()
    }

    /// The glide (`"o"` or `"u"` in `hoa`, `thuế`, `uyên`), or `""`. After
    /// `qu` the glide is part of the onset.
    pub fn glide(&self) -> String {
        let s = self.onset_len.max(self.rhyme_start);
        self.text_of(s..s + self.glide_len)
    }

    /// The vowel nucleus with its modifiers (`"ươ"`, `"iê"`, `"a"`).
    pub fn nucleus(&self) -> String {
        let s = self.rhyme_start + self.glide_len;
        self.text_of(s..self.spelled.len() - self.coda_len)
    }

    /// The coda (`"ng"`, `"ch"`, `"i"` in `mai`, …) or `""`.
    pub fn coda(&self) -> String {
        self.text_of(self.spelled.len() - self.coda_len..self.spelled.len())
    }

    /// The tone.
    pub fn tone(&self) -> Tone {
        self.tone
    }

    /// True when the tone mark as written sits where neither convention puts
    /// it (`hòan`, `qủa`, `gía`).
    pub fn is_misplaced(&self) -> bool {
        match self.tone_at {
            None => false,
            Some(at) => {
                at != self.tone_position(ToneStyle::Classic)
                    && at != self.tone_position(ToneStyle::Modern)
            }
        }
    }

    /// The tone style the word as written follows, when the two conventions
    /// differ for its rhyme and the mark sits on one of their positions.
    pub fn written_style(&self) -> Option<ToneStyle> {
        let at = self.tone_at?;
        let c = self.tone_position(ToneStyle::Classic);
        let m = self.tone_position(ToneStyle::Modern);
        if c == m {
            None
        } else if at == c {
            Some(ToneStyle::Classic)
        } else if at == m {
            Some(ToneStyle::Modern)
        } else {
            None
        }
    }

    /// The index (into the word's letters) where the tone mark goes.
    fn tone_position(&self, style: ToneStyle) -> usize {
        let w = &self.spelled;
        let start = self.rhyme_start.max(self.onset_len.min(w.len()));
        // gi with a shared i: the i of the onset is the vowel
        let start = if self.rhyme_start < self.onset_len {
            self.rhyme_start
        } else {
            start
        };
        let vowels: Vec<usize> = (start..w.len())
            .filter(|&i| w.get(i).is_some_and(|&c| is_vowel(c)))
            .collect();
        if let Some(&p) = vowels
            .iter()
            .rev()
            .find(|&&i| w.get(i).is_some_and(|&c| is_modified_vowel(c)))
        {
            return p;
        }
        let has_consonant_coda = w.last().is_some_and(|&c| !is_vowel(c));
        match (vowels.as_slice(), has_consonant_coda) {
            ([], _) => start,
            (v, true) => v.last().copied().unwrap_or(start),
            ([a], false) => *a,
            ([a, b], false) => {
                let pair = (w.get(*a).copied(), w.get(*b).copied());
                let open_glide = matches!(
                    pair,
                    (Some(b'o'), Some(b'a' | b'e')) | (Some(b'u'), Some(b'y'))
                );
                if open_glide && style == ToneStyle::Modern {
                    *b
                } else {
                    *a
                }
            }
            ([_, b, _], false) => *b,
            (v, false) => v.get(1).copied().unwrap_or(start),
        }
    }

    /// Renders the syllable with the given tone style, keeping the
    /// capitalization it was parsed with.
    pub fn render(&self, style: ToneStyle) -> String {
        let pos = self.tone_position(style);
        self.spelled
            .iter()
            .enumerate()
            .flat_map(|(i, &c)| {
                let ch = letter_char(c, if i == pos { self.tone } else { Tone::Level });
                let up = self.upper >> i & 1 == 1;
                CaseIter::new(ch, up)
            })
            .collect()
    }

    /// Renders the syllable lowercase with the given tone style.
    pub fn render_lower(&self, style: ToneStyle) -> String {
        let pos = self.tone_position(style);
        self.spelled
            .iter()
            .enumerate()
            .map(|(i, &c)| letter_char(c, if i == pos { self.tone } else { Tone::Level }))
            .collect()
    }
}

// Upper-cases one char without allocating (Vietnamese letters map to one char).
struct CaseIter(Option<char>, Option<std::char::ToUppercase>);

impl CaseIter {
    fn new(c: char, upper: bool) -> CaseIter {
        if upper {
            CaseIter(None, Some(c.to_uppercase()))
        } else {
            CaseIter(Some(c), None)
        }
    }
}

impl Iterator for CaseIter {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        match &mut self.1 {
            Some(u) => u.next(),
            None => self.0.take(),
        }
    }
}

/// Why a token is not a valid syllable, as far as the marks are concerned.
fn marks_ok(slots: &[Slot]) -> Option<(Tone, Option<usize>)> {
    let mut tone = Tone::Level;
    let mut at = None;
    for (i, s) in slots.iter().enumerate() {
        if s.extra_tones > 0 || s.bad_marks > 0 || s.code == 0 {
            return None;
        }
        if let Some(t) = s.tone {
            if at.is_some() || !is_vowel(s.code) {
                return None;
            }
            tone = t;
            at = Some(i);
        }
    }
    Some((tone, at))
}

/// Parses `word` (any case, NFC or decomposed) as a Vietnamese syllable.
/// Returns `None` when it is not a valid one.
///
/// ```
/// let s = vietnorm::syllable::parse("Nguyễn").unwrap();
/// assert_eq!((s.onset(), s.glide().as_str(), s.nucleus().as_str(), s.coda().as_str()), ("ng", "u", "yê", "n"));
/// assert_eq!(s.tone(), vietnorm::syllable::Tone::Tilde);
/// ```
pub fn parse(word: &str) -> Option<Syllable> {
    let letters = analyse(word);
    if letters.foreign || letters.len == 0 || letters.len > letters::MAX_LETTERS {
        return None;
    }
    let slots = letters.as_slice();
    let (tone, tone_at) = marks_ok(slots)?;
    let mut buf = [0u8; letters::MAX_LETTERS];
    let mut upper = 0u8;
    for (i, (b, s)) in buf.iter_mut().zip(slots).enumerate() {
        *b = s.code;
        upper |= (s.upper as u8) << i;
    }
    let w = Codes {
        buf,
        len: slots.len() as u8,
    };
    parse_codes(w, upper, tone, tone_at)
}

fn parse_codes(w: Codes, upper: u8, tone: Tone, tone_at: Option<usize>) -> Option<Syllable> {
    let t = &*TABLES;
    for (onset, oc) in &t.onsets {
        if !w.starts_with(oc) {
            continue;
        }
        let rest = w.get(oc.len()..).unwrap_or(&[]);
        let Some(rhyme_start) = split_rhyme(onset, oc.len(), rest, t) else {
            continue;
        };
        let rhyme = w.get(rhyme_start..).unwrap_or(&[]);
        if is_stop_coda(rhyme) && !matches!(tone, Tone::Acute | Tone::Dot) {
            return None;
        }
        let (glide_len, coda_len) = rhyme_parts(onset, rhyme);
        return Some(Syllable {
            onset,
            spelled: w,
            rhyme_start,
            onset_len: oc.len(),
            glide_len,
            coda_len,
            tone,
            tone_at,
            upper,
        });
    }
    None
}

// Finds the rhyme after `onset` and returns where it starts in the word
// (the rhyme is always the rest of the word; after `gi` whose i doubles as
// the vowel it starts at that i).
fn split_rhyme(onset: &str, olen: usize, rest: &[u8], t: &Tables) -> Option<usize> {
    match onset {
        "qu" => t.qu.contains(rest).then_some(olen),
        "gi" => {
            // the i of gi doubles as the vowel: gì, gìn, giếng
            let mut shared = [0u8; letters::MAX_LETTERS + 1];
            shared[0] = b'i';
            let n = rest.len().min(letters::MAX_LETTERS);
            shared.get_mut(1..=n)?.copy_from_slice(rest.get(..n)?);
            if t.gi_shared.contains(shared.get(..=n)?) {
                return Some(olen - 1);
            }
            let first = *rest.first()?;
            (first != b'i' && first != b'y' && !is_glide_rhyme(rest) && t.rhymes.contains(rest))
                .then_some(olen)
        }
        "" => {
            let ok = t.ye.contains(rest) || (t.rhymes.contains(rest) && !rest.starts_with(b"iE"));
            ok.then_some(olen)
        }
        _ => {
            if !t.rhymes.contains(rest) {
                return None;
            }
            let first = *rest.first()?;
            let front_only = matches!(onset, "k" | "gh" | "ngh");
            let back_only = matches!(onset, "c" | "g" | "ng");
            if (front_only && !is_front(first)) || (back_only && is_front(first)) {
                return None;
            }
            // labials and velars spelled c/k take no glide (hoa but not boa; qu instead of cu-)
            if is_glide_rhyme(rest)
                && matches!(
                    onset,
                    "b" | "m" | "p" | "ph" | "v" | "c" | "k" | "gh" | "ngh"
                )
            {
                return None;
            }
            Some(olen)
        }
    }
}

// Lengths of the glide and the coda of a rhyme as spelled after `onset`.
fn rhyme_parts(onset: &str, rhyme: &[u8]) -> (usize, usize) {
    let glide = if onset != "qu" && is_glide_rhyme(rhyme) {
        1
    } else {
        0
    };
    let body = rhyme.get(glide..).unwrap_or(&[]);
    let coda = if body.ends_with(b"ch") || body.ends_with(b"ng") || body.ends_with(b"nh") {
        2
    } else {
        match body {
            [.., b'c' | b'm' | b'n' | b'p' | b't' | b'k'] => 1,
            // offglides (ai, ao, ay, eo, iu, oi, ưu, iêu, ươi …); the a of the
            // diphthongs ia/ua/ưa is nucleus
            [.., v, b'i' | b'o' | b'u' | b'y'] if is_vowel(*v) => 1,
            _ => 0,
        }
    };
    (glide, coda)
}

/// True when `word` is a valid Vietnamese syllable (any case, NFC or NFD).
pub fn is_valid(word: &str) -> bool {
    parse(word).is_some()
}

/// The skeleton of a token: marks removed, `đ` → `d`, lowercase.
///
/// ```
/// assert_eq!(vietnorm::syllable::skeleton("ĐẢNG"), "dang");
/// assert_eq!(vietnorm::syllable::skeleton("qũýết"), "quyet");
/// ```
pub fn skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    skeleton_into(word, &mut out);
    out
}

/// Appends the skeleton of `word` to `out` (see [`skeleton`]).
pub fn skeleton_into(word: &str, out: &mut String) {
    for c in word.chars() {
        if combining_mark(c).is_some() {
            continue;
        }
        match letters::letter_info(c) {
            Some(i) => out.push(letters::base(i.code) as char),
            None => out.extend(c.to_lowercase()),
        }
    }
}

/// The canonical form of a valid syllable: lowercase, NFC, modern tone
/// placement. `None` when `word` is not a valid syllable.
pub fn canonical(word: &str) -> Option<String> {
    parse(word).map(|s| s.render_lower(ToneStyle::Modern))
}

/// Re-places the tone of a valid syllable by `style`, keeping its
/// capitalization. `None` when `word` is not a valid syllable.
pub fn place_tone(word: &str, style: ToneStyle) -> Option<String> {
    parse(word).map(|s| s.render(style))
}

/// Copies the capitalization of `like` onto `form`: letter by letter when
/// both have the same number of letters, else all-caps, title case or
/// lowercase as `like` is.
///
/// ```
/// assert_eq!(vietnorm::syllable::apply_case("đảng", "DANG"), "ĐẢNG");
/// assert_eq!(vietnorm::syllable::apply_case("đảng", "Dang"), "Đảng");
/// ```
pub fn apply_case(form: &str, like: &str) -> String {
    let pattern: Vec<bool> = like
        .chars()
        .filter(|c| combining_mark(*c).is_none())
        .map(|c| c.is_uppercase())
        .collect();
    let n = form
        .chars()
        .filter(|c| combining_mark(*c).is_none())
        .count();
    let all_upper = pattern.len() > 1 && pattern.iter().all(|&u| u);
    let mut out = String::with_capacity(form.len());
    let mut i = 0;
    for c in form.chars() {
        if combining_mark(c).is_some() {
            out.push(c);
            continue;
        }
        let up = if pattern.len() == n {
            pattern.get(i).copied().unwrap_or(false)
        } else if all_upper {
            true
        } else {
            i == 0 && pattern.first().copied().unwrap_or(false)
        };
        if up {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        i += 1;
    }
    out
}

struct Inventory {
    all: Vec<&'static str>,
    index: HashMap<&'static str, u32, FxBuild>,
    by_skeleton: HashMap<String, Vec<u32>, FxBuild>,
}

static INVENTORY: LazyLock<Inventory> = LazyLock::new(build_inventory);

fn build_inventory() -> Inventory {
    let t = &*TABLES;
    let mut forms: Vec<String> = Vec::new();
    let mut rhyme_sets: Vec<(&str, Vec<Vec<u8>>)> = Vec::new();
    for (onset, _) in &t.onsets {
        let mut rs: Vec<Vec<u8>> = match *onset {
            "qu" => t.qu.iter().cloned().collect(),
            "" => t.rhymes.iter().chain(t.ye.iter()).cloned().collect(),
            _ => t.rhymes.iter().cloned().collect(),
        };
        if *onset == "gi" {
            // shared-i rhymes are spelled without their i
            rs.extend(
                t.gi_shared
                    .iter()
                    .map(|r| r.get(1..).unwrap_or(&[]).to_vec()),
            );
        }
        rhyme_sets.push((onset, rs));
    }
    for (onset, rs) in rhyme_sets {
        let oc = codes(onset);
        for r in rs {
            let mut w = oc.clone();
            w.extend_from_slice(&r);
            let Some(codes) = Codes::from_slice(&w) else {
                continue;
            };
            for tone in Tone::ALL {
                if let Some(s) = parse_codes(codes, 0, tone, None) {
                    forms.push(s.render_lower(ToneStyle::Modern));
                }
            }
        }
    }
    forms.sort();
    forms.dedup();
    let all: Vec<&'static str> = forms
        .into_iter()
        .map(|s| &*Box::leak(s.into_boxed_str()))
        .collect();
    let mut index = HashMap::with_capacity_and_hasher(all.len(), FxBuild::default());
    let mut by_skeleton: HashMap<String, Vec<u32>, FxBuild> = HashMap::default();
    for (i, s) in all.iter().enumerate() {
        let i = i as u32;
        index.insert(*s, i);
        by_skeleton.entry(skeleton(s)).or_default().push(i);
    }
    Inventory {
        all,
        index,
        by_skeleton,
    }
}

/// Every valid Vietnamese syllable in canonical form (lowercase, NFC, modern
/// tone placement), sorted. Indices into this slice identify syllables
/// throughout vietnorm (the language model's vocabulary is built on them).
pub fn inventory() -> &'static [&'static str] {
    &INVENTORY.all
}

/// The [`inventory`] with classic tone placement (`hòa`, `thủy`), index for
/// index; built on first use (the repair engine renders with it).
pub(crate) fn classic_inventory() -> &'static [&'static str] {
    static CLASSIC: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        inventory()
            .iter()
            .map(|&s| match place_tone(s, ToneStyle::Classic) {
                Some(c) if c != s => &*Box::leak(c.into_boxed_str()),
                _ => s,
            })
            .collect()
    });
    &CLASSIC
}

/// The index of a canonical syllable in [`inventory`].
pub fn index_of(canonical: &str) -> Option<u32> {
    INVENTORY.index.get(canonical).copied()
}

/// Indices (into [`inventory`]) of every valid syllable with the given
/// skeleton; empty when there is none.
///
/// ```
/// use vietnorm::syllable::{candidates, inventory};
/// let forms: Vec<&str> = candidates("hoa").iter().map(|&i| inventory()[i as usize]).collect();
/// assert!(forms.contains(&"hoà") && forms.contains(&"hoá") && forms.contains(&"hoa"));
/// ```
pub fn candidates(skeleton: &str) -> &'static [u32] {
    INVENTORY
        .by_skeleton
        .get(skeleton)
        .map_or(&[], |v| v.as_slice())
}

/// Every valid syllable with the same skeleton as `token`, written with the
/// token's capitalization (canonical tone placement).
///
/// ```
/// let forms: Vec<String> = vietnorm::syllable::candidate_forms("DANG").collect();
/// assert!(forms.contains(&"ĐẢNG".to_string()) && forms.contains(&"DANG".to_string()));
/// let forms: Vec<String> = vietnorm::syllable::candidate_forms("Đảng").collect();
/// assert!(forms.contains(&"Đáng".to_string()));
/// ```
pub fn candidate_forms(token: &str) -> impl Iterator<Item = String> + '_ {
    let inv = inventory();
    candidates(&skeleton(token))
        .iter()
        .filter_map(move |&i| inv.get(i as usize))
        .map(move |form| apply_case(form, token))
}

#[cfg(test)]
mod tests;
