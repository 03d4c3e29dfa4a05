//! The per-document pipeline: decode → (HTML main text) → normalize →
//! repair → boilerplate → facts.

use std::borrow::Cow;

use serde::Serialize;
use vietnorm::decode::{self, Decoder, Encoding};
use vietnorm::extract::{CharFact, Extractor};
use vietnorm::normalize::Normalizer;
use vietnorm::repair::Repairer;
use vietnorm::CharOffsets;

use super::boiler::{self, Boilerplate};
use super::formats::{self, Format};
use super::html;
use super::report::{Stages, Stats};
use std::time::Instant;

/// A document's text after decoding and normalizing, before repair.
pub struct Prepared {
    pub text: String,
    pub encoding: &'static str,
    pub mojibake: bool,
}

/// What was done to one document.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Done {
    pub encoding: &'static str,
    pub mojibake: bool,
    pub syllables_changed: usize,
    pub boilerplate_lines: usize,
}

/// Where a document came from, for `--facts`.
#[derive(Serialize)]
pub struct Source<'a> {
    pub source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

#[derive(Serialize)]
struct FactsLine<'a> {
    #[serde(flatten)]
    source: &'a Source<'a>,
    text: &'a str,
    facts: Vec<CharFact<'a>>,
}

/// Everything a worker needs; shared by reference between threads.
pub struct Cleaner {
    pub decoder: Decoder,
    pub normalizer: Normalizer,
    pub repairer: Option<Repairer>,
    pub boiler: Option<Boilerplate>,
    pub extractor: Option<Extractor>,
    pub field: String,
    pub max_bytes: u64,
}

fn encoding_name(e: Encoding) -> &'static str {
    e.name()
}

impl Cleaner {
    /// `body` normalized, as a `String`; when the normalizer changes
    /// nothing (the common case) `body`'s own buffer is kept: no copy.
    fn normalized(&self, body: Cow<'_, str>) -> String {
        let changed = match self.normalizer.normalize(&body) {
            Cow::Owned(s) => Some(s),
            Cow::Borrowed(_) => None,
        };
        changed.unwrap_or_else(|| body.into_owned())
    }

    /// Raw bytes of a text or HTML document to normalized text.
    pub fn prepare_bytes(
        &self,
        bytes: &[u8],
        format: Format,
        stages: &mut Stages,
    ) -> Result<Prepared, String> {
        let t0 = Instant::now();
        // UTF-16 text is full of NUL bytes: only when the cheap byte check
        // objects is the detector asked (decode detects again otherwise).
        if let Some(reason) = formats::binary_reason(bytes) {
            if self.decoder.detect(bytes).encoding != Encoding::Utf16 {
                return Err(reason);
            }
        }
        let d = self.decoder.decode(bytes);
        let chars = d.text.len().max(1);
        if d.replaced * 20 > chars && d.replaced > 8 {
            return Err(format!(
                "not text: {} undecodable bytes as {}",
                d.replaced, d.encoding
            ));
        }
        let t1 = Instant::now();
        stages.decode += (t1 - t0).as_secs_f64();
        let is_html = format == Format::Html || html::looks_like_html(&d.text);
        let body = if is_html {
            Cow::Owned(html::main_text(&d.text))
        } else {
            d.text
        };
        let t2 = Instant::now();
        stages.html += (t2 - t1).as_secs_f64();
        let text = self.normalized(body);
        stages.normalize += t2.elapsed().as_secs_f64();
        Ok(Prepared {
            text,
            encoding: encoding_name(d.encoding),
            mojibake: !d.repaired_spans.is_empty(),
        })
    }

    /// A text field (already Unicode, e.g. from JSON) to normalized text:
    /// mojibake repair and HTML extraction, then normalize.
    pub fn prepare_str(&self, text: &str, stages: &mut Stages) -> Prepared {
        let t0 = Instant::now();
        let (fixed, repairs) = decode::repair_mojibake(text);
        let t1 = Instant::now();
        stages.decode += (t1 - t0).as_secs_f64();
        let body = if html::looks_like_html(&fixed) {
            Cow::Owned(html::main_text(&fixed))
        } else {
            fixed
        };
        let t2 = Instant::now();
        stages.html += (t2 - t1).as_secs_f64();
        let text = self.normalized(body);
        stages.normalize += t2.elapsed().as_secs_f64();
        Prepared {
            text,
            encoding: "utf-8",
            mojibake: !repairs.is_empty(),
        }
    }

    /// Repair, boilerplate and facts on a prepared document. Facts (as one
    /// JSON line) are appended to `facts`; counts go to `stats`.
    pub fn finish(
        &self,
        p: Prepared,
        source: &Source<'_>,
        stats: &mut Stats,
        facts: &mut Vec<u8>,
    ) -> (String, Done) {
        let mut done = Done {
            encoding: p.encoding,
            mojibake: p.mojibake,
            ..Done::default()
        };
        // Boilerplate is recognised on the text it was learned from (before
        // repair); repair keeps every line, so the marks still apply after.
        let t0 = Instant::now();
        let marks = self.boiler.as_ref().map(|b| b.mark(&p.text));
        let t1 = Instant::now();
        let mut text = match &self.repairer {
            Some(r) => {
                let rep = r.repair_text(&p.text);
                done.syllables_changed = rep.changed;
                match rep.text {
                    std::borrow::Cow::Borrowed(_) => p.text,
                    std::borrow::Cow::Owned(s) => s,
                }
            }
            None => p.text,
        };
        let t2 = Instant::now();
        if let Some(marks) = marks {
            if marks.iter().any(|&m| m) {
                let (stripped, n) = boiler::strip(&text, &marks);
                text = stripped;
                done.boilerplate_lines = n;
            }
        }
        let t3 = Instant::now();
        if let Some(ex) = &self.extractor {
            let found = ex.extract(&text);
            let offsets = CharOffsets::new(&text);
            let line = FactsLine {
                source,
                text: &text,
                facts: found
                    .iter()
                    .filter_map(|f| f.with_char_offsets(&offsets))
                    .collect(),
            };
            stats.facts += line.facts.len() as u64;
            if serde_json::to_writer(&mut *facts, &line).is_ok() {
                facts.push(b'\n');
            }
        }
        let st = &mut stats.stage_seconds;
        st.boilerplate += (t1 - t0).as_secs_f64() + (t3 - t2).as_secs_f64();
        st.repair += (t2 - t1).as_secs_f64();
        st.facts += t3.elapsed().as_secs_f64();
        stats.documents += 1;
        *stats.encodings.entry(done.encoding).or_insert(0) += 1;
        if done.mojibake {
            stats.documents_mojibake += 1;
        }
        if done.syllables_changed > 0 {
            stats.documents_repaired += 1;
        }
        stats.syllables_changed += done.syllables_changed as u64;
        stats.boilerplate_lines += done.boilerplate_lines as u64;
        (text, done)
    }
}
