//! Percentages: `91,24%`, `100 %`, `trên 98%`, `khoảng 33,2%`,
//! `gần 50 phần trăm`.

use super::num::Num;
use super::text::{next_word, prev_word, skip_spaces};
use super::{fact, Fact, FactData, Percentage, Qualifier};

// Words before a number and what they say; `None` (đạt) means "exactly" and
// stays out of the span.
const QUALIFIERS: [(&[&str], Option<Qualifier>); 19] = [
    (&["không", "vượt", "quá"], Some(Qualifier::AtMost)),
    (&["chưa", "đến"], Some(Qualifier::Below)),
    (&["chưa", "tới"], Some(Qualifier::Below)),
    (&["ít", "nhất"], Some(Qualifier::AtLeast)),
    (&["tối", "thiểu"], Some(Qualifier::AtLeast)),
    (&["không", "dưới"], Some(Qualifier::AtLeast)),
    (&["tối", "đa"], Some(Qualifier::AtMost)),
    (&["không", "quá"], Some(Qualifier::AtMost)),
    (&["nhiều", "nhất"], Some(Qualifier::AtMost)),
    (&["xấp", "xỉ"], Some(Qualifier::Approx)),
    (&["trên"], Some(Qualifier::Above)),
    (&["hơn"], Some(Qualifier::Above)),
    (&["vượt"], Some(Qualifier::Above)),
    (&["dưới"], Some(Qualifier::Below)),
    (&["khoảng"], Some(Qualifier::Approx)),
    (&["gần"], Some(Qualifier::Approx)),
    (&["chừng"], Some(Qualifier::Approx)),
    (&["ước"], Some(Qualifier::Approx)),
    (&["đạt"], None),
];

/// `w` equals `q`, or (for the first word of a phrase) `q` capitalized.
fn eq_word(w: &str, q: &str, first: bool) -> bool {
    if w == q {
        return true;
    }
    let (mut wc, mut qc) = (w.chars(), q.chars());
    match (first, wc.next(), qc.next()) {
        (true, Some(a), Some(b)) => {
            b.to_uppercase().eq(std::iter::once(a)) && wc.as_str() == qc.as_str()
        }
        _ => false,
    }
}

/// The qualifier phrase that ends right before `p` (only spaces between):
/// (start, qualifier).
pub(crate) fn qualifier_before(text: &str, p: usize) -> Option<(usize, Option<Qualifier>)> {
    // up to three words back, nearest first
    let mut words: [(usize, usize); 3] = [(0, 0); 3];
    let mut n = 0;
    let mut q = p;
    while n < 3 {
        match prev_word(text, q) {
            Some((s, e)) if e < q => {
                words[n] = (s, e);
                n += 1;
                q = s;
            }
            _ => break,
        }
    }
    // longest phrase first
    for k in (1..=n).rev() {
        for (parts, qual) in QUALIFIERS.iter() {
            if parts.len() != k {
                continue;
            }
            // words[k-1] is the phrase's first word
            let ok = parts.iter().enumerate().all(|(i, part)| {
                let (s, e) = words[k - 1 - i];
                text.get(s..e).is_some_and(|w| eq_word(w, part, i == 0))
            });
            if ok {
                return Some((words[k - 1].0, *qual));
            }
        }
    }
    None
}

/// The percentage whose number `n` starts at `p`.
pub(crate) fn at(text: &str, p: usize, n: &Num) -> Option<Fact> {
    let b = text.as_bytes();
    let s = skip_spaces(text, n.end);
    let end = if b.get(s) == Some(&b'%') {
        s + 1
    } else {
        let (w1s, w1e) = next_word(text, n.end)?;
        let (w2s, w2e) = next_word(text, w1e)?;
        let ok = text.get(w1s..w1e)? == "phần" && text.get(w2s..w2e)? == "trăm" && w1s > n.end;
        if !ok {
            return None;
        }
        w2e
    };
    let (start, qualifier) = match qualifier_before(text, p) {
        Some((s, Some(q))) => (s, Some(q)),
        _ => (p, None),
    };
    fact(
        text,
        start,
        end,
        FactData::Percentage(Percentage {
            value: n.value,
            qualifier,
        }),
    )
}
