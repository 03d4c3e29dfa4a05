//! Byte spans, char offsets and alignments from output text back to input text.

use std::ops::{Index, Range};

/// A half-open byte range `start..end` into a string.
///
/// Spans produced by vietnorm always fall on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Span {
    /// Inclusive start byte offset.
    pub start: usize,
    /// Exclusive end byte offset.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The span as a `Range<usize>`.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl Index<Span> for str {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

/// Converts byte offsets to Unicode code-point offsets for one text.
///
/// Building it is one pass over the text; each lookup is a binary search.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    // byte offset of every char start, plus text.len() at the end
    starts: Vec<usize>,
}

impl CharOffsets {
    /// Index the char boundaries of `text`.
    pub fn new(text: &str) -> CharOffsets {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CharOffsets { starts }
    }

    /// The code-point offset of byte offset `byte`, or `None` if it is not a
    /// char boundary of the text.
    pub fn char_offset(&self, byte: usize) -> Option<usize> {
        self.starts.binary_search(&byte).ok()
    }

    /// The byte offset of code-point offset `ch`, if it is within the text.
    pub fn byte_offset(&self, ch: usize) -> Option<usize> {
        self.starts.get(ch).copied()
    }
}

/// Maps byte ranges of an output text back to byte ranges of the input it was
/// made from.
///
/// It is a list of segments, in order, that tile both texts: every output byte
/// belongs to exactly one segment and so does every input byte. A *copied*
/// segment holds text that passed through unchanged (positions inside it map
/// one to one); a *changed* segment maps as a whole (an empty input range marks
/// inserted text, an empty output range deleted input).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    segs: Vec<Segment>,
}

/// One segment of an [`Alignment`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the output text.
    pub output: Span,
    /// Byte range in the input text.
    pub input: Span,
    /// True when the output bytes are a copy of the input bytes.
    pub copied: bool,
}

impl Alignment {
    /// An empty alignment (for two empty texts).
    pub fn new() -> Alignment {
        Alignment::default()
    }

    /// The identity alignment for a text of `len` bytes that did not change.
    pub fn identity(len: usize) -> Alignment {
        let mut a = Alignment::new();
        a.push_copied(Span::new(0, len), Span::new(0, len));
        a
    }

    /// Appends a segment of unchanged text (equal lengths); it merges with a
    /// preceding copied segment that ends where it starts.
    pub fn push_copied(&mut self, output: Span, input: Span) {
        if output.is_empty() && input.is_empty() {
            return;
        }
        if let Some(last) = self.segs.last_mut() {
            if last.copied && last.output.end == output.start && last.input.end == input.start {
                last.output.end = output.end;
                last.input.end = input.end;
                return;
            }
        }
        self.segs.push(Segment {
            output,
            input,
            copied: true,
        });
    }

    /// Appends a segment where `input` was replaced by `output`.
    pub fn push_changed(&mut self, output: Span, input: Span) {
        if output.is_empty() && input.is_empty() {
            return;
        }
        self.segs.push(Segment {
            output,
            input,
            copied: false,
        });
    }

    /// The segments, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segs
    }

    /// Total output length covered.
    pub fn output_len(&self) -> usize {
        self.segs.last().map_or(0, |s| s.output.end)
    }

    /// Total input length covered.
    pub fn input_len(&self) -> usize {
        self.segs.last().map_or(0, |s| s.input.end)
    }

    /// The input byte range that produced the output byte range `out`.
    ///
    /// The result covers every input byte that any output byte of `out` came
    /// from. When `out` lies on char boundaries of the output, the result lies
    /// on char boundaries of the input.
    pub fn map_span(&self, out: Span) -> Span {
        let start = self.map_start(out.start);
        let end = if out.is_empty() {
            start
        } else {
            self.map_end(out.end)
        };
        Span::new(start, end.max(start))
    }

    // Input position where output position `pos` starts: inside a changed
    // segment snap back to the segment's input start.
    fn map_start(&self, pos: usize) -> usize {
        // first segment whose output ends after pos (or holds pos when empty)
        let idx = self.segs.partition_point(|s| {
            s.output.end <= pos && !(s.output.is_empty() && s.output.start == pos)
        });
        match self.segs.get(idx) {
            Some(s) if s.copied => s.input.start + pos.saturating_sub(s.output.start),
            Some(s) => s.input.start,
            None => self.input_len(),
        }
    }

    // Input position where output position `pos` ends: inside a changed segment
    // snap forward to the segment's input end.
    fn map_end(&self, pos: usize) -> usize {
        if pos >= self.output_len() {
            return self.input_len();
        }
        // last segment whose output starts before pos
        let idx = self.segs.partition_point(|s| s.output.start < pos);
        if idx == 0 {
            return 0;
        }
        match self.segs.get(idx - 1) {
            Some(s) if s.copied => {
                s.input.start + pos.saturating_sub(s.output.start).min(s.input.len())
            }
            Some(s) => s.input.end,
            None => 0,
        }
    }

    /// Composes two alignments: `self` maps a middle text back to the input,
    /// `later` maps the output back to that middle text. The result maps the
    /// output straight back to the input.
    pub fn compose(&self, later: &Alignment) -> Alignment {
        let segs = &self.segs;
        let mut a = Alignment::new();
        // both tilings are in order, so one cursor walks `self` once; a
        // deletion in `self` at a middle position goes with the later segment
        // that starts there (or with the end)
        let mut k = 0;
        for s in &later.segs {
            let (m0, m1) = (s.input.start, s.input.end);
            if m0 == m1 {
                a.push_changed_merge(s.output, self.map_span(s.input));
                continue;
            }
            let mut union: Option<Span> = None;
            while let Some(m) = segs.get(k) {
                if m.output.start >= m1 {
                    break;
                }
                let lo = m.output.start.max(m0);
                let hi = m.output.end.min(m1);
                let piece_in = if m.copied {
                    Span::new(
                        m.input.start + (lo - m.output.start),
                        m.input.start + (hi - m.output.start),
                    )
                } else {
                    m.input
                };
                if s.copied {
                    let o = Span::new(s.output.start + (lo - m0), s.output.start + (hi - m0));
                    if m.copied {
                        a.push_copied(o, piece_in);
                    } else {
                        a.push_changed_merge(o, piece_in);
                    }
                } else {
                    union = Some(match union {
                        None => piece_in,
                        Some(u) => Span::new(u.start.min(piece_in.start), u.end.max(piece_in.end)),
                    });
                }
                if m.output.end <= m1 {
                    k += 1;
                } else {
                    break;
                }
            }
            if !s.copied {
                let input = union.unwrap_or_else(|| self.map_span(s.input));
                a.push_changed_merge(s.output, input);
            }
        }
        // deletions at the very end of the middle text
        let end = a.output_len();
        for m in segs.get(k..).unwrap_or(&[]) {
            a.push_changed_merge(Span::new(end, end), m.input);
        }
        a
    }

    // Like push_changed, but folds into the previous changed segment when the
    // input ranges overlap (several outputs from one changed input).
    fn push_changed_merge(&mut self, output: Span, input: Span) {
        if let Some(last) = self.segs.last_mut() {
            if !last.copied && last.output.end == output.start && input.start < last.input.end {
                last.output.end = output.end;
                last.input.end = last.input.end.max(input.end);
                return;
            }
        }
        self.push_changed(output, input);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_one_to_one() {
        let a = Alignment::identity(10);
        assert_eq!(a.map_span(Span::new(2, 5)), Span::new(2, 5));
    }

    #[test]
    fn changed_segment_snaps() {
        // "xa\u{301}y" (5 bytes) -> "xáy" (4 bytes)
        let mut a = Alignment::new();
        a.push_copied(Span::new(0, 1), Span::new(0, 1));
        a.push_changed(Span::new(1, 3), Span::new(1, 4));
        a.push_copied(Span::new(3, 4), Span::new(4, 5));
        assert_eq!(a.map_span(Span::new(1, 3)), Span::new(1, 4));
        assert_eq!(a.map_span(Span::new(0, 4)), Span::new(0, 5));
        assert_eq!(a.map_span(Span::new(3, 4)), Span::new(4, 5));
    }

    #[test]
    fn compose_goes_through() {
        let mut first = Alignment::new(); // mid <- input: delete 2 bytes at 3..5
        first.push_copied(Span::new(0, 3), Span::new(0, 3));
        first.push_changed(Span::new(3, 3), Span::new(3, 5));
        first.push_copied(Span::new(3, 6), Span::new(5, 8));
        let later = Alignment::identity(6);
        let c = first.compose(&later);
        // input deleted right before a span is counted in it
        assert_eq!(c.map_span(Span::new(3, 6)), Span::new(3, 8));
        assert_eq!(c.map_span(Span::new(4, 6)), Span::new(6, 8));
        assert_eq!(c.map_span(Span::new(0, 6)), Span::new(0, 8));
    }
}
