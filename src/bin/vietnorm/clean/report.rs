//! Counts gathered while cleaning, the end-of-run summary and the JSON report.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

/// A file or document that failed, with why.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub path: String,
    pub reason: String,
}

/// Counts for a part of the run; merged into the total.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Stats {
    /// Input files cleaned (outputs written).
    pub files: u64,
    /// Files skipped by `--resume` because their output was complete.
    pub files_resumed: u64,
    /// Documents cleaned (a text or HTML file is one; a JSONL line or WARC
    /// response is one).
    pub documents: u64,
    /// Input bytes read (after decompression).
    pub bytes_in: u64,
    /// Output bytes written.
    pub bytes_out: u64,
    /// Documents per detected encoding.
    pub encodings: BTreeMap<&'static str, u64>,
    /// Documents that needed mojibake repair.
    pub documents_mojibake: u64,
    /// Documents where diacritic repair changed at least one word.
    pub documents_repaired: u64,
    /// Words (syllables) changed by diacritic repair.
    pub syllables_changed: u64,
    /// Boilerplate lines removed.
    pub boilerplate_lines: u64,
    /// Facts written to `--facts`.
    pub facts: u64,
    /// JSONL records without a string in the text field (copied unchanged).
    pub records_without_text: u64,
    /// Seconds spent in each stage, summed over all worker threads (CPU
    /// time of the workers, roughly): where the time goes.
    pub stage_seconds: Stages,
    /// Failed files and documents.
    pub failures: Vec<Failure>,
}

/// Seconds per pipeline stage, summed over workers.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Stages {
    /// Reading and decompressing files.
    pub read: f64,
    /// Bytes to text (detection, legacy decoding, mojibake repair).
    pub decode: f64,
    /// HTML main-text extraction.
    pub html: f64,
    pub normalize: f64,
    /// Diacritic repair.
    pub repair: f64,
    pub boilerplate: f64,
    /// Fact extraction and its JSON.
    pub facts: f64,
    /// JSON Lines and WARC parsing and writing.
    pub records: f64,
}

impl Stages {
    pub fn merge(&mut self, o: &Stages) {
        self.read += o.read;
        self.decode += o.decode;
        self.html += o.html;
        self.normalize += o.normalize;
        self.repair += o.repair;
        self.boilerplate += o.boilerplate;
        self.facts += o.facts;
        self.records += o.records;
    }
}

impl Stats {
    pub fn merge(&mut self, o: Stats) {
        self.files += o.files;
        self.files_resumed += o.files_resumed;
        self.documents += o.documents;
        self.bytes_in += o.bytes_in;
        self.bytes_out += o.bytes_out;
        for (k, v) in o.encodings {
            *self.encodings.entry(k).or_insert(0) += v;
        }
        self.documents_mojibake += o.documents_mojibake;
        self.documents_repaired += o.documents_repaired;
        self.syllables_changed += o.syllables_changed;
        self.boilerplate_lines += o.boilerplate_lines;
        self.facts += o.facts;
        self.records_without_text += o.records_without_text;
        self.stage_seconds.merge(&o.stage_seconds);
        self.failures.extend(o.failures);
    }

    pub fn fail(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.failures.push(Failure {
            path: path.into(),
            reason: reason.into(),
        });
    }
}

/// Settings and learned values reported with the counts.
#[derive(Debug, Default, Clone, Serialize)]
pub struct RunInfo {
    pub threads: usize,
    pub seconds: f64,
    pub mb_per_second: f64,
    /// Wall seconds of the learning pass (adaptation, boilerplate), part
    /// of `seconds`.
    pub learning_seconds: f64,
    /// Documents the archive model was counted from (0: no adaptation).
    pub adaptation_documents: u64,
    /// Distinct boilerplate lines learned (0 without `--strip-boilerplate`).
    pub boilerplate_learned: u64,
    pub output: String,
}

/// The JSON report.
#[derive(Serialize)]
pub struct Report<'a> {
    pub vietnorm: &'static str,
    pub ok: bool,
    #[serde(flatten)]
    pub run: &'a RunInfo,
    #[serde(flatten)]
    pub stats: &'a Stats,
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// `count` and `word`, with an `s` unless the count is one.
fn n(count: impl Into<u64>, word: &str) -> String {
    let count = count.into();
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// The human summary printed on stderr at the end.
pub fn summary(stats: &Stats, run: &RunInfo) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "vietnorm clean: {} in {} ({} in, {} out) in {:.1} s, {:.1} MB/s on {}",
        n(stats.documents, "document"),
        n(stats.files, "file"),
        mb(stats.bytes_in),
        mb(stats.bytes_out),
        run.seconds,
        run.mb_per_second,
        n(run.threads as u64, "thread")
    );
    if stats.files_resumed > 0 {
        let _ = writeln!(
            s,
            "  resumed: {} files already done, skipped",
            stats.files_resumed
        );
    }
    let enc: Vec<String> = stats
        .encodings
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    let _ = writeln!(
        s,
        "  encodings: {}",
        if enc.is_empty() {
            "none".to_string()
        } else {
            enc.join(", ")
        }
    );
    let _ = writeln!(
        s,
        "  mojibake repaired in {}; diacritics repaired in {} ({} changed)",
        n(stats.documents_mojibake, "document"),
        n(stats.documents_repaired, "document"),
        n(stats.syllables_changed, "syllable")
    );
    if run.adaptation_documents > 0 {
        let _ = writeln!(
            s,
            "  archive model counted from {}",
            n(run.adaptation_documents, "document")
        );
    }
    if run.learning_seconds > 0.0 {
        let _ = writeln!(
            s,
            "  learning pass (sample for adaptation/boilerplate): {:.1} s",
            run.learning_seconds
        );
    }
    if run.boilerplate_learned > 0 || stats.boilerplate_lines > 0 {
        let _ = writeln!(
            s,
            "  boilerplate: {} distinct lines learned, {} lines removed",
            run.boilerplate_learned, stats.boilerplate_lines
        );
    }
    if stats.facts > 0 {
        let _ = writeln!(s, "  facts: {}", stats.facts);
    }
    if stats.records_without_text > 0 {
        let _ = writeln!(
            s,
            "  JSONL records without the text field (copied unchanged): {}",
            stats.records_without_text
        );
    }
    let t = &stats.stage_seconds;
    let _ = writeln!(
        s,
        "  worker seconds by stage: read {:.1}, decode {:.1}, html {:.1}, normalize {:.1}, repair {:.1}, boilerplate {:.1}, facts {:.1}, records {:.1}",
        t.read, t.decode, t.html, t.normalize, t.repair, t.boilerplate, t.facts, t.records
    );
    let _ = write!(s, "  failures: {}", stats.failures.len());
    if !stats.failures.is_empty() {
        s.push_str(" (listed above; see --report FILE for all)");
    }
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::n;

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(n(1u64, "document"), "1 document");
        assert_eq!(n(0u64, "document"), "0 documents");
        assert_eq!(n(45u64, "syllable"), "45 syllables");
    }
}
