//! Dictionaries: parsed once from the TSV files in `data/` (plus any user
//! entries) and compiled into aho-corasick automata and hash maps.

use std::collections::{HashMap as StdMap, HashSet as StdSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, LazyLock};

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use super::text::{boundary_after, case_variants, fold_key};
use crate::{Error, ErrorKind};

const SURNAMES: &str = include_str!("../../data/surnames.tsv");
const OFFICES: &str = include_str!("../../data/titles_offices.tsv");
const BODIES: &str = include_str!("../../data/titles_bodies.tsv");
const UNITS: &str = include_str!("../../data/units.tsv");
const DOC_NAMES: &str = include_str!("../../data/doc_names.tsv");
const DOC_TYPES: &str = include_str!("../../data/doc_types.tsv");
const ADMIN_UNITS: &str = include_str!("../../data/admin_units.tsv");

/// Unit words that introduce a place, with the level they report.
pub(crate) const LEVELS: [(&str, &str); 11] = [
    ("xã", "xã"),
    ("phường", "phường"),
    ("thị trấn", "thị trấn"),
    ("thị xã", "thị xã"),
    ("huyện", "huyện"),
    ("quận", "quận"),
    ("thành phố", "thành phố"),
    ("tỉnh", "tỉnh"),
    ("đặc khu", "đặc khu"),
    ("TP.", "thành phố"),
    ("TP", "thành phố"),
];

/// FxHash (as in rustc): the maps are keyed by short words, where SipHash
/// costs more than the lookup.
#[derive(Default)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type HashMap<K, V> = StdMap<K, V, BuildHasherDefault<Fx>>;
type HashSet<K> = StdSet<K, BuildHasherDefault<Fx>>;

/// Size of the first-word bitmap.
const FIRST_WORD_BITS: usize = 1 << 16;

/// A cheap key for a word: its length, first four and last two bytes,
/// mixed. Words that share it are told apart by the automaton.
#[inline]
pub(crate) fn word_key(w: &[u8]) -> u32 {
    let at = |i: usize| u32::from(w.get(i).copied().unwrap_or(0));
    let n = w.len();
    let head = at(0) | at(1) << 8 | at(2) << 16 | at(3) << 24;
    let tail = at(n.wrapping_sub(1)) | at(n.wrapping_sub(2)) << 8 | (n as u32) << 16;
    (head ^ tail.rotate_left(7)).wrapping_mul(0x9E37_79B1) >> 16
}

/// What a match of the trigger automaton starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trigger {
    /// An office, maybe with `Phó`: the start of a title.
    Office,
    /// A unit word; the index into [`LEVELS`].
    Level(usize),
}

/// A place in the bundled list: the code when the name is unambiguous at its
/// level, and whether that code is from before the 2025 reform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlaceEntry {
    pub(crate) code: Option<String>,
    pub(crate) legacy: bool,
}

/// Entries a user adds on top of the bundled dictionaries.
#[derive(Debug, Clone, Default)]
pub(crate) struct Extra {
    pub(crate) surnames: Vec<String>,
    pub(crate) offices: Vec<String>,
    pub(crate) bodies: Vec<String>,
    pub(crate) units: Vec<String>,
    pub(crate) places: Vec<(String, String, String)>,
}

/// Everything the grammars look up, immutable once built.
#[derive(Debug)]
pub(crate) struct Dicts {
    // anchored: offices with and without `Phó`, unit words
    triggers: AhoCorasick,
    trigger_kinds: Vec<Trigger>,
    // bitmap of the hashes of the first words of the triggers
    first_words: Vec<u64>,
    tails: AhoCorasick,
    units: AhoCorasick,
    unit_names: Vec<String>,
    surnames: HashSet<String>,
    places: HashMap<String, HashMap<String, PlaceEntry>>,
    // level -> skeleton of the name (marks removed) -> entry, for names whose
    // marks were damaged (`Già Nghĩa`); only unambiguous skeletons keep a code
    place_skeletons: HashMap<String, HashMap<String, PlaceEntry>>,
    // first words of place names (capitalized, both tone placements)
    place_first_words: HashSet<String>,
    // folded province names -> entry, for bodies followed by a bare name
    provinces: HashMap<String, PlaceEntry>,
    // doc-type code (uppercase key) -> (canonical code, [(system, name)])
    doc_codes: HashMap<String, (String, Vec<(String, String)>)>,
    // canonical doc-type names, longest first
    // with their lowercase forms, longest first
    pub(crate) doc_names: Vec<(String, String)>,
    // last words of document names (as written and lowercase) and `số`
    doc_last_words: HashSet<String>,
    // first words of province names, as written
    province_first_words: HashSet<String>,
    // issuer codes (uppercase key) -> canonical spelling
    issuers: HashMap<String, String>,
    pub(crate) max_place_words: usize,
}

/// Rows of a TSV text: comments and blank lines skipped; every row must have
/// at least `min_cols` columns.
fn rows<'a>(name: &str, text: &'a str, min_cols: usize) -> Result<Vec<Vec<&'a str>>, Error> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cols.len() < min_cols || cols.iter().take(min_cols).any(|c| c.is_empty()) {
            return Err(Error::new(
                ErrorKind::Data,
                format!(
                    "{name} line {}: expected {min_cols} tab-separated columns",
                    i + 1
                ),
            ));
        }
        out.push(cols);
    }
    Ok(out)
}

fn automaton(patterns: &[String], start: StartKind) -> Result<AhoCorasick, Error> {
    // DFAs: the grammars ask many short anchored questions, where a DFA
    // answers in a few nanoseconds per byte
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .start_kind(start)
        .build(patterns)
        .map_err(|e| {
            Error::new(
                ErrorKind::Config,
                format!("cannot build dictionary automaton: {e}"),
            )
        })
}

impl Dicts {
    /// The bundled dictionaries, built on first use.
    pub(crate) fn bundled() -> Result<Arc<Dicts>, Error> {
        static BUNDLED: LazyLock<Result<Arc<Dicts>, Error>> =
            LazyLock::new(|| Dicts::build(&Extra::default()).map(Arc::new));
        BUNDLED.clone()
    }

    /// The bundled dictionaries plus `extra`.
    pub(crate) fn build(extra: &Extra) -> Result<Dicts, Error> {
        // triggers: offices (with and without Phó) and unit words
        let mut trig_patterns = Vec::new();
        let mut trigger_kinds = Vec::new();
        let mut offices: Vec<String> = rows("titles_offices.tsv", OFFICES, 1)?
            .into_iter()
            .map(|r| r[0].to_string())
            .collect();
        offices.extend(extra.offices.iter().cloned());
        for o in &offices {
            // one-word offices (Trưởng) are common words in lowercase (tăng trưởng)
            let lower_ok = o.contains(' ');
            for form in [o.clone(), format!("Phó {o}"), format!("phó {o}")] {
                for v in case_variants(&form, lower_ok || form.contains(' ')) {
                    if !lower_ok && v.starts_with("trưởng") {
                        continue;
                    }
                    trig_patterns.push(v);
                    trigger_kinds.push(Trigger::Office);
                }
            }
        }
        for (i, (word, _)) in LEVELS.iter().enumerate() {
            let forms = if word.starts_with("TP") {
                vec![word.to_string()]
            } else {
                case_variants(word, true)
            };
            for v in forms {
                trig_patterns.push(v);
                trigger_kinds.push(Trigger::Level(i));
            }
        }
        let triggers = automaton(&trig_patterns, StartKind::Anchored)?;
        // the scan hashes every word and asks the automaton only at words
        // that start a trigger; `Phó …` forms are found from the next word
        let mut first_words = vec![0u64; FIRST_WORD_BITS / 64];
        for p in &trig_patterns {
            let first = p.split(' ').next().unwrap_or("");
            if !matches!(first, "Phó" | "phó" | "PHÓ") {
                let h = word_key(first.as_bytes()) as usize % FIRST_WORD_BITS;
                if let Some(w) = first_words.get_mut(h / 64) {
                    *w |= 1 << (h % 64);
                }
            }
        }

        let mut bodies: Vec<String> = rows("titles_bodies.tsv", BODIES, 1)?
            .into_iter()
            .map(|r| r[0].to_string())
            .collect();
        bodies.extend(extra.bodies.iter().cloned());
        let mut tail_patterns = Vec::new();
        for b in &bodies {
            // abbreviations (UBND) only as written
            let forms = if super::text::is_abbreviation(b) {
                vec![b.clone()]
            } else {
                case_variants(b, b.contains(' '))
            };
            for v in forms {
                tail_patterns.push(v);
            }
        }
        tail_patterns.sort();
        tail_patterns.dedup();
        let tails = automaton(&tail_patterns, StartKind::Anchored)?;

        let mut units: Vec<String> = rows("units.tsv", UNITS, 1)?
            .into_iter()
            .map(|r| r[0].to_string())
            .collect();
        units.extend(extra.units.iter().cloned());
        let mut unit_patterns = Vec::new();
        let mut unit_names = Vec::new();
        for u in &units {
            // measure symbols (km, USD, m²) are matched only as written
            let forms = if u.chars().any(|c| c.is_uppercase()) || u.len() <= 3 && u.is_ascii() {
                vec![u.clone()]
            } else {
                let mut f = case_variants(u, true);
                f.retain(|v| v.chars().skip(1).all(|c| !c.is_uppercase()));
                f
            };
            for v in forms {
                unit_patterns.push(v);
                unit_names.push(u.clone());
            }
        }
        let units_ac = automaton(&unit_patterns, StartKind::Anchored)?;

        let mut surnames: HashSet<String> = rows("surnames.tsv", SURNAMES, 1)?
            .into_iter()
            .map(|r| r[0].to_string())
            .collect();
        surnames.extend(extra.surnames.iter().cloned());

        // places: (level, folded name) -> codes by era
        let mut by_key: HashMap<(String, String), (Vec<String>, Vec<String>)> = HashMap::default();
        let mut prov: HashMap<String, (Vec<String>, Vec<String>)> = HashMap::default();
        let mut max_place_words = 1;
        for r in rows("admin_units.tsv", ADMIN_UNITS, 4)? {
            let (level, name, code, era) = (r[0], r[1], r[2], r[3]);
            let key = fold_key(name);
            max_place_words = max_place_words.max(key.split(' ').count());
            let slot = by_key.entry((level.to_string(), key.clone())).or_default();
            let list = if era == "legacy" {
                &mut slot.1
            } else {
                &mut slot.0
            };
            if !list.iter().any(|c| c == code) {
                list.push(code.to_string());
            }
            if level == "tỉnh" || (level == "thành phố" && code.len() == 2) {
                let p = prov.entry(key).or_default();
                let list = if era == "legacy" { &mut p.1 } else { &mut p.0 };
                if !list.iter().any(|c| c == code) {
                    list.push(code.to_string());
                }
            }
        }
        for (level, name, code) in &extra.places {
            let key = fold_key(name);
            max_place_words = max_place_words.max(key.split(' ').count());
            let slot = by_key.entry((level.to_lowercase(), key)).or_default();
            if !slot.0.iter().any(|c| c == code) {
                slot.0.push(code.clone());
            }
        }
        let resolve = |(cur, old): (Vec<String>, Vec<String>)| match (cur.len(), old.len()) {
            (1, _) => PlaceEntry {
                code: cur.into_iter().next(),
                legacy: false,
            },
            (0, 1) => PlaceEntry {
                code: old.into_iter().next(),
                legacy: true,
            },
            _ => PlaceEntry {
                code: None,
                legacy: false,
            },
        };
        let place_first_words: HashSet<String> = by_key
            .keys()
            .filter_map(|(_, k)| k.split(' ').next())
            .flat_map(|w| super::text::tone_variants(&super::text::capitalize_first(w)))
            .collect();
        // level -> skeleton -> the one coded entry with it (None once two differ)
        let mut skel: HashMap<String, HashMap<String, Option<PlaceEntry>>> = HashMap::default();
        for ((level, key), v) in &by_key {
            let e = resolve(v.clone());
            let slot = skel
                .entry(level.clone())
                .or_default()
                .entry(crate::syllable::skeleton(key))
                .or_insert_with(|| Some(e.clone()));
            if slot.as_ref() != Some(&e) || e.code.is_none() {
                *slot = None;
            }
        }
        let place_skeletons: HashMap<String, HashMap<String, PlaceEntry>> = skel
            .into_iter()
            .map(|(level, m)| {
                (
                    level,
                    m.into_iter().filter_map(|(k, e)| Some((k, e?))).collect(),
                )
            })
            .collect();
        let mut places: HashMap<String, HashMap<String, PlaceEntry>> = HashMap::default();
        for ((level, key), v) in by_key {
            places.entry(level).or_default().insert(key, resolve(v));
        }
        let provinces: HashMap<String, PlaceEntry> =
            prov.into_iter().map(|(k, v)| (k, resolve(v))).collect();
        let province_first_words: HashSet<String> = provinces
            .keys()
            .filter_map(|k| k.split(' ').next())
            .flat_map(|w| super::text::tone_variants(&super::text::capitalize_first(w)))
            .collect();

        let mut doc_codes: HashMap<String, (String, Vec<(String, String)>)> = HashMap::default();
        let mut issuers = HashMap::default();
        let mut names: Vec<String> = rows("doc_names.tsv", DOC_NAMES, 1)?
            .into_iter()
            .map(|r| r[0].to_string())
            .collect();
        for r in rows("doc_types.tsv", DOC_TYPES, 3)? {
            let (code, name, system) = (r[0], r[1], r[2]);
            if system.starts_with("issuer") {
                issuers.insert(code.to_uppercase(), code.to_string());
                continue;
            }
            let e = doc_codes
                .entry(code.to_uppercase())
                .or_insert_with(|| (code.to_string(), Vec::new()));
            e.1.push((system.to_string(), name.to_string()));
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));

        Ok(Dicts {
            triggers,
            trigger_kinds,
            first_words,
            tails,
            units: units_ac,
            unit_names,
            surnames,
            places,
            place_skeletons,
            place_first_words,
            provinces,
            doc_codes,
            doc_last_words: names
                .iter()
                .filter_map(|n| n.rsplit(' ').next())
                .flat_map(|w| [w.to_string(), w.to_lowercase()])
                .chain(["số", "Số", "SỐ"].map(String::from))
                .collect(),
            province_first_words,
            doc_names: names.into_iter().map(|n| (n.to_lowercase(), n)).collect(),
            issuers,
            max_place_words,
        })
    }

    /// True when a word with hash `h` may start a trigger.
    pub(crate) fn maybe_trigger(&self, h: u32) -> bool {
        let h = h as usize % FIRST_WORD_BITS;
        self.first_words
            .get(h / 64)
            .is_some_and(|w| w & (1 << (h % 64)) != 0)
    }

    /// Longest trigger match starting exactly at `pos` and ending at a word
    /// boundary.
    pub(crate) fn trigger_at(&self, text: &str, pos: usize) -> Option<(Trigger, usize)> {
        let m = anchored(&self.triggers, text, pos)?;
        Some((self.trigger_kinds.get(m.0).copied()?, m.1))
    }

    /// Longest body/modifier phrase at `pos` ending at a word boundary.
    pub(crate) fn tail_at(&self, text: &str, pos: usize) -> Option<usize> {
        anchored(&self.tails, text, pos).map(|m| m.1)
    }

    /// Longest unit at `pos`: (end, canonical unit).
    pub(crate) fn unit_at(&self, text: &str, pos: usize) -> Option<(usize, &str)> {
        let (id, end) = anchored(&self.units, text, pos)?;
        Some((end, self.unit_names.get(id)?.as_str()))
    }

    pub(crate) fn is_surname(&self, word: &str) -> bool {
        self.surnames.contains(word)
    }

    /// The bundled entry for a unit name at a level.
    pub(crate) fn place(&self, level: &str, name: &str) -> Option<&PlaceEntry> {
        let first = name.split(' ').next()?;
        if !self.place_first_words.contains(first) && !first.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        self.places.get(level)?.get(fold_key(name).as_str())
    }

    /// The longest listed name at `level` among the word prefixes of `run`
    /// (`ends` are the word ends, relative to `run`): (prefix length, entry).
    pub(crate) fn longest_place(
        &self,
        level: &str,
        run: &str,
        ends: &[usize],
    ) -> Option<(usize, &PlaceEntry)> {
        let first = run.get(..*ends.first()?)?;
        let listed_first =
            self.place_first_words.contains(first) || first.bytes().all(|c| c.is_ascii_digit());
        // the fold keeps one space per gap (` - ` keeps its hyphen as a
        // word), so word k ends where the k-th space (or the end) is
        let words_of = |e: usize| run.get(..e).map_or(0, |r| r.split_whitespace().count());
        let prefix = |key: &str, e: usize| -> Option<String> {
            let k = words_of(e);
            let cut = key
                .match_indices(' ')
                .map(|(i, _)| i)
                .chain([key.len()])
                .nth(k.checked_sub(1)?)?;
            key.get(..cut).map(str::to_string)
        };
        let whole = run.get(..*ends.last()?)?;
        if listed_first {
            let at_level = self.places.get(level)?;
            let folded = fold_key(whole);
            for &e in ends.iter().rev() {
                if let Some(entry) = prefix(&folded, e).and_then(|f| at_level.get(f.as_str())) {
                    return Some((e, entry));
                }
            }
        }
        None
    }

    /// The listed unit at `level` whose name has the same letters as `name`
    /// without marks (`Già Nghĩa`, `Van Ho`), when only one has them.
    pub(crate) fn place_by_skeleton(&self, level: &str, name: &str) -> Option<&PlaceEntry> {
        let skeleton = crate::syllable::skeleton(&fold_key(name));
        self.place_skeletons.get(level)?.get(skeleton.as_str())
    }

    /// The entry for a province-level name written without its unit word.
    pub(crate) fn province(&self, name: &str) -> Option<&PlaceEntry> {
        let first = name.split(' ').next()?;
        if !self.province_first_words.contains(first) {
            return None;
        }
        self.provinces.get(&fold_key(name))
    }

    /// True when the word before `p` (spaces and a colon between) can end a
    /// document-type name or is `số`.
    pub(crate) fn ends_doc_name(&self, text: &str, p: usize) -> bool {
        let mut q = super::text::skip_spaces_back(text, p);
        if text.get(..q).is_some_and(|h| h.ends_with(':')) {
            q = super::text::skip_spaces_back(text, q - 1);
        }
        super::text::prev_word(text, q)
            .filter(|&(_, e)| e == q)
            .and_then(|(s, e)| text.get(s..e))
            .is_some_and(|w| self.doc_last_words.contains(w))
    }

    /// The canonical spelling of a document-type code and its name; Party
    /// style symbols (`57-NQ/TW`) prefer the Party rules' names.
    pub(crate) fn doc_code(&self, code: &str, party: bool) -> Option<(&str, &str)> {
        let (canon, names) = self.doc_codes.get(&code.to_uppercase())?;
        let pick = names
            .iter()
            .find(|(sys, _)| (sys == "dang_HD36") == party)
            .or_else(|| names.first())?;
        Some((canon.as_str(), pick.1.as_str()))
    }

    /// Canonical spelling of an issuer code (`TTG` -> `TTg`), or the code
    /// uppercased.
    pub(crate) fn issuer_code(&self, code: &str) -> String {
        let up = code.to_uppercase();
        self.issuers.get(&up).cloned().unwrap_or(up)
    }
}

/// Longest anchored match at `pos` that ends on a word boundary:
/// `(pattern id, end)`.
fn anchored(ac: &AhoCorasick, text: &str, pos: usize) -> Option<(usize, usize)> {
    if pos > text.len() || !text.is_char_boundary(pos) {
        return None;
    }
    let input = Input::new(text).range(pos..).anchored(Anchored::Yes);
    let m = ac.try_find(input).ok()??;
    if boundary_after(text, m.end()) {
        Some((m.pattern().as_usize(), m.end()))
    } else {
        None
    }
}
