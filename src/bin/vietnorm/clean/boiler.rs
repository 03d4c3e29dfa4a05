//! Boilerplate learned from the archive itself: lines that recur on many
//! pages (font-size and contrast widgets, "related news" headings, comment
//! box counters, share and print buttons) are counted by the number of
//! documents they appear in; nothing is hard-coded.
//!
//! Lines are keyed by a 64-bit hash of their text with spaces collapsed, so
//! memory grows with the number of distinct lines, not their length; when
//! the table grows past a cap, lines seen in one document only are dropped
//! (a line that is boilerplate recurs, so it survives).

use std::collections::{HashMap, HashSet};

/// Distinct lines kept before the table is pruned.
const CAP: usize = 4_000_000;
/// Lines longer than this (in chars) are content, never boilerplate: widget
/// and heading lines are short, while a long line seen on many pages is
/// more likely a syndicated article, which must not be lost.
const MAX_CHARS: usize = 120;

/// Hash of a line with whitespace collapsed; `None` for empty or very long
/// lines, which are never boilerplate.
pub fn line_key(line: &str) -> Option<u64> {
    // FNV-1a over the words, one space between them.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chars = 0usize;
    let mut words = 0usize;
    for w in line.split_whitespace() {
        if words > 0 {
            h ^= u64::from(b' ');
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        words += 1;
        for b in w.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        chars += w.chars().count() + 1;
        if chars > MAX_CHARS {
            return None;
        }
    }
    (words > 0 && chars > 2).then_some(h)
}

/// Counts, per distinct line, the documents it appears in.
#[derive(Default)]
pub struct LineCounter {
    counts: HashMap<u64, u32>,
    docs: u64,
    scratch: Vec<u64>,
}

impl LineCounter {
    pub fn add_document(&mut self, text: &str) {
        self.docs += 1;
        self.scratch.clear();
        self.scratch.extend(text.lines().filter_map(line_key));
        self.scratch.sort_unstable();
        self.scratch.dedup();
        for &k in &self.scratch {
            *self.counts.entry(k).or_insert(0) += 1;
        }
        if self.counts.len() > CAP {
            self.prune();
        }
    }

    fn prune(&mut self) {
        self.counts.retain(|_, c| *c > 1);
    }

    pub fn merge(mut self, other: LineCounter) -> LineCounter {
        if other.counts.len() > self.counts.len() {
            return other.merge(self);
        }
        self.docs += other.docs;
        for (k, c) in other.counts {
            *self.counts.entry(k).or_insert(0) += c;
        }
        if self.counts.len() > CAP {
            self.prune();
        }
        self
    }

    /// The lines seen in at least `max(min_docs, share × documents)` documents.
    pub fn finish(self, min_docs: u32, share: f64) -> Boilerplate {
        let need = (min_docs as f64).max((share * self.docs as f64).ceil()) as u32;
        let lines: HashSet<u64> = self
            .counts
            .into_iter()
            .filter(|&(_, c)| c >= need)
            .map(|(k, _)| k)
            .collect();
        Boilerplate { lines }
    }
}

/// The learned boilerplate lines.
pub struct Boilerplate {
    lines: HashSet<u64>,
}

impl Boilerplate {
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether each line of `text` (as split by `str::lines`) is boilerplate.
    pub fn mark(&self, text: &str) -> Vec<bool> {
        text.lines()
            .map(|l| line_key(l).is_some_and(|k| self.lines.contains(&k)))
            .collect()
    }
}

/// `text` without the lines marked in `drop` (blank runs left behind are
/// collapsed); returns the text and how many lines went.
pub fn strip(text: &str, drop: &[bool]) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut removed = 0usize;
    let mut last_blank = true;
    for (i, line) in text.lines().enumerate() {
        if drop.get(i).copied().unwrap_or(false) {
            removed += 1;
            continue;
        }
        let blank = line.trim().is_empty();
        if blank && last_blank {
            continue;
        }
        last_blank = blank;
        out.push_str(line);
        out.push('\n');
    }
    if !text.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    (out, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_lines_repeated_across_documents() {
        let mut c = LineCounter::default();
        for i in 0..20 {
            c.add_document(&format!(
                "A- A A+ | Tăng tương phản\nBài số {i} nói về chuyện thứ {i}.\nTin  liên quan\n"
            ));
        }
        let b = c.finish(3, 0.01);
        assert_eq!(b.len(), 2);
        let doc = "Tin liên quan\nMột câu mới.\nA- A A+ | Tăng tương phản\n";
        let marks = b.mark(doc);
        assert_eq!(marks, vec![true, false, true]);
        assert_eq!(strip(doc, &marks), ("Một câu mới.\n".to_string(), 2));
    }

    #[test]
    fn keys_ignore_spacing_only() {
        assert_eq!(line_key(" Tin  liên quan "), line_key("Tin liên quan"));
        assert_ne!(line_key("Tin liên quan"), line_key("Tin lien quan"));
        assert_eq!(line_key("   "), None);
    }
}
