//! Tone placement for the words that reach the slow path.

use super::TonePolicy;
use crate::syllable::{self, ToneStyle};
use crate::{Alignment, Span};

/// Re-places tones in `mid` by `policy` into `out`; returns the alignment of
/// `out` to `mid` (empty unless `want_align`). Only valid syllables are
/// touched.
pub(super) fn place(
    mid: &str,
    policy: TonePolicy,
    out: &mut String,
    want_align: bool,
) -> Alignment {
    out.clear();
    let mut align = Alignment::new();
    let mut pos = 0;
    let style = match policy {
        TonePolicy::Classic => Some(ToneStyle::Classic),
        TonePolicy::Modern => Some(ToneStyle::Modern),
        TonePolicy::Keep => None,
    };
    for (span, w) in syllable::words(mid) {
        let Some(s) = syllable::parse(w) else {
            continue;
        };
        let target = match (style, s.is_misplaced()) {
            (Some(st), _) => st,
            // both conventions agree wherever a misplaced mark can be
            (None, true) => ToneStyle::Modern,
            (None, false) => continue,
        };
        let form = s.render(target);
        if form == w {
            continue;
        }
        let gap = mid.get(pos..span.start).unwrap_or("");
        if want_align {
            align.push_copied(
                Span::new(out.len(), out.len() + gap.len()),
                Span::new(pos, span.start),
            );
        }
        out.push_str(gap);
        let o = out.len();
        out.push_str(&form);
        if want_align {
            align.push_changed(Span::new(o, out.len()), span);
        }
        pos = span.end;
    }
    let rest = mid.get(pos..).unwrap_or("");
    if want_align {
        align.push_copied(
            Span::new(out.len(), out.len() + rest.len()),
            Span::new(pos, mid.len()),
        );
    }
    out.push_str(rest);
    align
}
