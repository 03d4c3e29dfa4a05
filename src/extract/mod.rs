//! Facts from Vietnamese text: document numbers, dates, officials,
//! percentages, places and quantities, each with a byte span into the text.
//!
//! Dictionaries (`data/*.tsv`) are compiled once into aho-corasick automata;
//! the grammars around them are small hand-written scanners over bytes. One
//! pass finds numbers (document symbols, dates, percentages, quantities), one
//! automaton pass finds offices and unit words (officials, places).
//!
//! ```
//! use vietnorm::extract::{self, FactData};
//!
//! let text = "Sáng 31/10, đồng chí Võ Công Hòa – Phó Bí thư Đảng ủy, Chủ tịch UBND xã Ia Ko.";
//! let facts = extract::extract(text).unwrap();
//! assert_eq!(facts[0].text, "Sáng 31/10");
//! assert!(matches!(&facts[1].data, FactData::Official(o) if o.name == "Võ Công Hòa"));
//! assert_eq!(&text[facts[1].span], facts[1].text);
//! ```
//!
//! Extraction expects clean text: run decode, normalize and diacritic repair
//! first on damaged input. Spans index the text given to
//! [`Extractor::extract`]; map them further back with an
//! [`Alignment`](crate::Alignment), or to code points with
//! [`Fact::with_char_offsets`].

mod date;
mod dict;
mod docref;
mod num;
mod official;
mod percent;
mod place;
mod quantity;
mod text;

use std::sync::Arc;

use serde::{Serialize, Serializer};

use crate::{CharOffsets, Error, ErrorKind, Span};
use dict::{Dicts, Extra, Trigger};

/// The kinds of facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// A document number such as `57-NQ/TW` with what is said around it.
    DocumentRef,
    /// A date, partial date or date range.
    Date,
    /// A named person with one or more titles.
    Official,
    /// A percentage.
    Percentage,
    /// An administrative unit (province, commune, ward, district, …).
    Place,
    /// A counted or measured amount with its unit.
    Quantity,
}

impl FactKind {
    /// Every kind, in declaration order.
    pub const ALL: [FactKind; 6] = [
        FactKind::DocumentRef,
        FactKind::Date,
        FactKind::Official,
        FactKind::Percentage,
        FactKind::Place,
        FactKind::Quantity,
    ];

    /// The name used in JSON (`document_ref`, `date`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::DocumentRef => "document_ref",
            FactKind::Date => "date",
            FactKind::Official => "official",
            FactKind::Percentage => "percentage",
            FactKind::Place => "place",
            FactKind::Quantity => "quantity",
        }
    }

    /// The kind named `name` (as in [`FactKind::as_str`]).
    pub fn from_name(name: &str) -> Option<FactKind> {
        FactKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// One fact found in a text.
///
/// Serializes flat: `{"kind", "start", "end", "text", …fields}` with byte
/// offsets; use [`Fact::with_char_offsets`] for code-point offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Where the fact is, in bytes of the text it was found in.
    pub span: Span,
    /// The matched text, `&text[span]`.
    pub text: String,
    /// The typed fields.
    pub data: FactData,
}

impl Fact {
    /// The kind of the fact.
    pub fn kind(&self) -> FactKind {
        self.data.kind()
    }

    /// A view of the fact whose span is in Unicode code points, for JSON
    /// meant for Python and other code-point-indexed consumers. `offsets`
    /// must index the same text the fact was found in; `None` if the span is
    /// not on its char boundaries.
    pub fn with_char_offsets(&self, offsets: &CharOffsets) -> Option<CharFact<'_>> {
        Some(CharFact {
            start: offsets.char_offset(self.span.start)?,
            end: offsets.char_offset(self.span.end)?,
            fact: self,
        })
    }
}

/// A [`Fact`] with code-point offsets; serializes like a fact.
#[derive(Debug, Clone, Copy)]
pub struct CharFact<'a> {
    /// Start, in code points.
    pub start: usize,
    /// End, in code points.
    pub end: usize,
    /// The fact.
    pub fact: &'a Fact,
}

#[derive(Serialize)]
struct Flat<'a> {
    kind: FactKind,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(flatten)]
    data: &'a FactData,
}

impl Serialize for Fact {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Flat {
            kind: self.kind(),
            start: self.span.start,
            end: self.span.end,
            text: &self.text,
            data: &self.data,
        }
        .serialize(s)
    }
}

impl Serialize for CharFact<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Flat {
            kind: self.fact.kind(),
            start: self.start,
            end: self.end,
            text: &self.fact.text,
            data: &self.fact.data,
        }
        .serialize(s)
    }
}

/// The typed fields of a fact, one variant per kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum FactData {
    /// See [`DocumentRef`].
    DocumentRef(DocumentRef),
    /// See [`Date`].
    Date(Date),
    /// See [`Official`].
    Official(Official),
    /// See [`Percentage`].
    Percentage(Percentage),
    /// See [`Place`].
    Place(Place),
    /// See [`Quantity`].
    Quantity(Quantity),
}

impl FactData {
    /// The kind of fact these fields belong to.
    pub fn kind(&self) -> FactKind {
        match self {
            FactData::DocumentRef(_) => FactKind::DocumentRef,
            FactData::Date(_) => FactKind::Date,
            FactData::Official(_) => FactKind::Official,
            FactData::Percentage(_) => FactKind::Percentage,
            FactData::Place(_) => FactKind::Place,
            FactData::Quantity(_) => FactKind::Quantity,
        }
    }
}

/// A document reference: `Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRef {
    /// Canonical document-type name (`Nghị quyết`), from the words before the
    /// number or from the type code; `None` when neither says.
    pub doc_type: Option<String>,
    /// The number as written, without leading zeros removed (`57`, `09`).
    pub number: String,
    /// The year in the symbol (`30/2020/NĐ-CP`), else the year it was issued.
    pub year: Option<u16>,
    /// The canonical symbol (`57-NQ/TW`, `129/KH-UBND`, `30/2020/NĐ-CP`), or
    /// `None` for a bare number (`Nghị quyết số 57`).
    pub symbol: Option<String>,
    /// The issuing body's code (`TW`, `UBND`, `CP`, `QH13`).
    pub issuer_code: Option<String>,
    /// `YYYY-MM-DD` from a following `ngày …`.
    pub issued_on: Option<String>,
    /// The body named in a following `của …` (`Bộ Chính trị`).
    pub issuer: Option<String>,
}

/// A date, possibly partial, possibly a range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Date {
    /// Year, if given.
    pub year: Option<u16>,
    /// Month 1–12, if given.
    pub month: Option<u8>,
    /// Day of month, if given.
    pub day: Option<u8>,
    /// `sáng`, `trưa`, `chiều`, `tối` or `đêm` when the date says so.
    pub part_of_day: Option<PartOfDay>,
    /// The end of a range (`2021-2025`, `từ ngày … đến ngày …`).
    pub until: Option<DateEnd>,
}

/// The end of a date range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateEnd {
    /// Year, if given.
    pub year: Option<u16>,
    /// Month, if given.
    pub month: Option<u8>,
    /// Day, if given.
    pub day: Option<u8>,
}

/// Part of the day named before a date (`Sáng 31/10`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum PartOfDay {
    /// `sáng`, morning.
    #[serde(rename = "sáng")]
    Morning,
    /// `trưa`, noon.
    #[serde(rename = "trưa")]
    Noon,
    /// `chiều`, afternoon.
    #[serde(rename = "chiều")]
    Afternoon,
    /// `tối`, evening.
    #[serde(rename = "tối")]
    Evening,
    /// `đêm`, night.
    #[serde(rename = "đêm")]
    Night,
}

/// A named official: `Trần Văn Phương – Bí thư Đảng ủy xã, Trưởng Ban Chỉ đạo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Official {
    /// The person's name as written.
    pub name: String,
    /// The titles as written, in order, without honorifics.
    pub titles: Vec<String>,
}

/// A percentage: `trên 98%`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Percentage {
    /// The number (decimal comma read as a decimal point).
    #[serde(serialize_with = "number")]
    pub value: f64,
    /// What the words before it say about the value.
    pub qualifier: Option<Qualifier>,
}

/// How a number is hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// `trên`, `hơn`, `vượt`.
    Above,
    /// `dưới`, `chưa đến`.
    Below,
    /// `khoảng`, `gần`, `xấp xỉ`, `chừng`.
    Approx,
    /// `ít nhất`, `tối thiểu`, `không dưới`.
    AtLeast,
    /// `tối đa`, `không quá`.
    AtMost,
}

/// An administrative unit: `xã Đăk Môn`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The unit word, lowercase (`xã`, `phường`, `đặc khu`, `huyện`, `tỉnh`,
    /// `thành phố`, …).
    pub level: String,
    /// The unit's name as written (`Đăk Môn`).
    pub name: String,
    /// The official code when the name is in the bundled list and names one
    /// unit at that level.
    pub code: Option<String>,
    /// True when `code` is a pre-2025 code (a unit merged or dissolved in the
    /// 2025 reform, such as a district).
    pub legacy: bool,
}

/// A quantity: `2.945 hồ sơ`, `36/74 hoạt động`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The amount, unless it is a fraction.
    #[serde(serialize_with = "opt_number", skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The numerator of `36/74`.
    #[serde(serialize_with = "opt_number", skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    /// The denominator of `36/74`.
    #[serde(serialize_with = "opt_number", skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    /// The counted noun or measure (`hồ sơ`), in its dictionary form.
    pub unit: String,
}

// Whole numbers as JSON integers (2945, not 2945.0).
fn number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn opt_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => number(v, s),
        None => s.serialize_none(),
    }
}

/// Builds an [`Extractor`]: which kinds to extract and extra dictionary
/// entries.
#[derive(Debug, Clone, Default)]
pub struct ExtractorBuilder {
    kinds: Option<u8>,
    extra: Extra,
}

impl ExtractorBuilder {
    /// Extract only these kinds (default: all).
    pub fn kinds(mut self, kinds: &[FactKind]) -> Self {
        self.kinds = Some(kinds.iter().fold(0, |acc, k| acc | k.bit()));
        self
    }

    /// Extra family names (first words of names), as written: `Ksor`.
    pub fn surnames<I: IntoIterator<Item = S>, S: Into<String>>(mut self, words: I) -> Self {
        self.extra
            .surnames
            .extend(words.into_iter().map(Into::into));
        self
    }

    /// Extra offices that start a title: `Trưởng Ban Quản lý dự án`.
    pub fn offices<I: IntoIterator<Item = S>, S: Into<String>>(mut self, offices: I) -> Self {
        self.extra
            .offices
            .extend(offices.into_iter().map(Into::into));
        self
    }

    /// Extra bodies that may follow an office or name an issuer:
    /// `Ban Quản lý rừng phòng hộ`.
    pub fn bodies<I: IntoIterator<Item = S>, S: Into<String>>(mut self, bodies: I) -> Self {
        self.extra.bodies.extend(bodies.into_iter().map(Into::into));
        self
    }

    /// Extra units for quantities: `bộ hồ sơ`.
    pub fn units<I: IntoIterator<Item = S>, S: Into<String>>(mut self, units: I) -> Self {
        self.extra.units.extend(units.into_iter().map(Into::into));
        self
    }

    /// An extra administrative unit: level word (`xã`), name, code.
    pub fn place(mut self, level: &str, name: &str, code: &str) -> Self {
        self.extra
            .places
            .push((level.to_string(), name.to_string(), code.to_string()));
        self
    }

    /// Extra entries from a TSV text: `surname`, `office`, `body`, `unit` rows
    /// take one more column, `place` rows three (level, name, code).
    /// Blank lines and lines starting with `#` are skipped.
    pub fn dictionary_tsv(mut self, tsv: &str) -> Result<Self, Error> {
        for (i, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let bad = || {
                Error::new(
                    ErrorKind::Data,
                    format!("dictionary line {}: bad row", i + 1),
                )
            };
            let one = |n: usize| -> Result<String, Error> {
                match cols.get(n) {
                    Some(s) if !s.is_empty() => Ok(s.to_string()),
                    _ => Err(bad()),
                }
            };
            match cols.first().copied() {
                Some("surname") => self.extra.surnames.push(one(1)?),
                Some("office") => self.extra.offices.push(one(1)?),
                Some("body") => self.extra.bodies.push(one(1)?),
                Some("unit") => self.extra.units.push(one(1)?),
                Some("place") => self.extra.places.push((one(1)?, one(2)?, one(3)?)),
                _ => return Err(bad()),
            }
        }
        Ok(self)
    }

    /// Builds the extractor. With no extra entries this reuses the bundled
    /// dictionaries (built once per process).
    pub fn build(self) -> Result<Extractor, Error> {
        let kinds = self.kinds.unwrap_or(0x3f);
        if kinds == 0 {
            return Err(Error::new(ErrorKind::Config, "no fact kinds selected"));
        }
        let e = &self.extra;
        let empty = e.surnames.is_empty()
            && e.offices.is_empty()
            && e.bodies.is_empty()
            && e.units.is_empty()
            && e.places.is_empty();
        let dicts = if empty {
            Dicts::bundled()?
        } else {
            Arc::new(Dicts::build(e)?)
        };
        Ok(Extractor { dicts, kinds })
    }
}

/// Finds facts in text. Immutable, `Send + Sync`, cheap to clone.
#[derive(Debug, Clone)]
pub struct Extractor {
    dicts: Arc<Dicts>,
    kinds: u8,
}

impl Extractor {
    /// A builder.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// An extractor for every kind with the bundled dictionaries.
    pub fn new() -> Result<Extractor, Error> {
        Extractor::builder().build()
    }

    fn wants(&self, k: FactKind) -> bool {
        self.kinds & k.bit() != 0
    }

    /// Every fact in `text`, in text order (by start, then kind). Facts of one
    /// kind never overlap; facts of different kinds may (a date inside a
    /// document reference).
    pub fn extract(&self, text: &str) -> Vec<Fact> {
        let mut out = Vec::new();
        let d = &*self.dicts;
        let numeric = [
            FactKind::DocumentRef,
            FactKind::Date,
            FactKind::Percentage,
            FactKind::Quantity,
        ];
        if numeric.iter().any(|&k| self.wants(k)) {
            self.scan_numbers(text, &mut out);
        }
        if self.wants(FactKind::Official) || self.wants(FactKind::Place) {
            // each kind in its own list: officials look back at the last one
            let mut officials = Vec::new();
            let mut places = Vec::new();
            let mut official_end = 0;
            let mut place_end = 0;
            let b = text.as_bytes();
            let mut i = 0;
            let mut next_allowed = 0;
            while i < b.len() {
                // words start at ASCII letters and digits and at lead bytes of
                // letters; punctuation, spaces, C2 xx (NBSP, «) and E2 xx xx
                // (dashes, quotes) separate them
                if !WORD_START[usize::from(b[i])] {
                    i += 1;
                    continue;
                }
                let s = i;
                i += 1;
                while i < b.len() && WORD_BYTE[usize::from(b[i])] {
                    i += 1;
                }
                let h = dict::word_key(&b[s..i]);
                if s < next_allowed || !d.maybe_trigger(h) || !text.is_char_boundary(s) {
                    continue;
                }
                let Some((trigger, e)) = d.trigger_at(text, s) else {
                    continue;
                };
                next_allowed = e;
                match trigger {
                    Trigger::Office if self.wants(FactKind::Official) && s >= official_end => {
                        // `Phó Chủ tịch`: the scan finds `Chủ tịch`
                        let s = with_pho(text, s)
                            .filter(|&p| p >= official_end)
                            .unwrap_or(s);
                        official_end = official::at(d, text, s, &mut officials).max(official_end);
                    }
                    Trigger::Level(l) if self.wants(FactKind::Place) && s >= place_end => {
                        if let Some(end) = place::at(d, text, s, e, l, &mut places) {
                            place_end = end;
                        }
                    }
                    _ => {}
                }
            }
            out.append(&mut officials);
            out.append(&mut places);
        }
        out.retain(|f| self.wants(f.kind()));
        // (start, kind) is unique: facts of one kind never share a start
        out.sort_unstable_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(a.kind().cmp(&b.kind()))
        });
        out
    }

    // The number pass: every digit run that starts a token.
    fn scan_numbers(&self, text: &str, out: &mut Vec<Fact>) {
        let b = text.as_bytes();
        let d = &*self.dicts;
        let mut i = 0;
        // end of the last fact of each numeric kind, so that facts of one kind never overlap
        let mut last = [0usize; 6];
        while i < b.len() {
            let Some(off) = b[i..].iter().position(u8::is_ascii_digit) else {
                break;
            };
            let p = i + off;
            // inside a word (QH13, 5G is handled at its end) or after a decimal separator
            let after_separator =
                p >= 2 && matches!(b[p - 1], b'.' | b',') && b[p - 2].is_ascii_digit();
            if !text::boundary_before(text, p) || after_separator {
                i = num::skip_token(b, p);
                continue;
            }
            let mut found: Vec<Fact> = Vec::new();
            let end = self.number_token(d, text, p, &mut found);
            for f in found {
                let k = f.kind() as usize;
                if f.span.start >= last[k] {
                    last[k] = f.span.end;
                    out.push(f);
                }
            }
            i = end.max(p + 1);
        }
    }

    // Tries the numeric kinds at the token starting at `p`; returns where to
    // continue scanning.
    fn number_token(&self, d: &Dicts, text: &str, p: usize, out: &mut Vec<Fact>) -> usize {
        if let Some((fact, sym_end)) = docref::at(d, text, p) {
            if self.wants(FactKind::DocumentRef) {
                out.push(fact);
            }
            return sym_end;
        }
        if let Some(fact) = date::at(text, p) {
            let end = fact.span.end;
            out.push(fact);
            return end;
        }
        let Some(n) = num::parse(text, p) else {
            return num::skip_token(text.as_bytes(), p);
        };
        if let Some(fact) = percent::at(text, p, &n) {
            let end = fact.span.end;
            out.push(fact);
            return end;
        }
        if let Some(fact) = quantity::at(d, text, p, &n) {
            let end = fact.span.end;
            out.push(fact);
            return end;
        }
        n.end
    }
}

/// Bytes that may start a word in the trigger scan.
static WORD_START: [bool; 256] = byte_table(true);
/// Bytes that continue a word in the trigger scan.
static WORD_BYTE: [bool; 256] = byte_table(false);

const fn byte_table(start: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric()
            || (c >= 0xC3 && c != 0xE2)
            || (!start && c >= 0x80 && c <= 0xBF);
        i += 1;
    }
    t
}

/// Start of `Phó ` (any case) right before `s`, if there is one.
fn with_pho(text: &str, s: usize) -> Option<usize> {
    let p = s.checked_sub("Phó ".len())?;
    let w = text.get(p..s)?;
    (matches!(w, "Phó " | "phó " | "PHÓ ") && text::boundary_before(text, p)).then_some(p)
}

/// All facts in `text` with the bundled dictionaries.
pub fn extract(text: &str) -> Result<Vec<Fact>, Error> {
    Ok(Extractor::new()?.extract(text))
}

/// Builds a fact from a span of `text`; `None` if the span is not on char
/// boundaries (never expected, but spans come from arithmetic).
pub(crate) fn fact(text: &str, start: usize, end: usize, data: FactData) -> Option<Fact> {
    let t = text.get(start..end)?;
    Some(Fact {
        span: Span::new(start, end),
        text: t.to_string(),
        data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_sync() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Extractor>();
        check::<Fact>();
        check::<ExtractorBuilder>();
    }

    #[test]
    fn bundled_dictionaries_build() {
        let e = Extractor::new().unwrap();
        assert!(e.extract("").is_empty());
    }
}
