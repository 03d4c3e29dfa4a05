//! Places: a unit word (`xã`, `phường`, `huyện`, `tỉnh`, `thành phố`,
//! `đặc khu`, …) followed by a capitalized name: `xã Đăk Môn`, `tỉnh Đắk
//! Nông`, `Quận 1`. The code comes from the bundled list when the name is in
//! it and names one unit at that level.

use super::dict::{Dicts, PlaceEntry, Trigger, LEVELS};
use super::text::{is_capitalized, next_word, skip_spaces, word_end};
use super::{fact, official, Fact, FactData, Place};

/// Most words a place name may have when it is not in the list.
const MAX_UNKNOWN_WORDS: usize = 4;

/// The name after a unit word ending at `e`: (start, end, entry).
///
/// With `in_title`, an unknown name stops before a word that starts a
/// person's name (`Bí thư Tỉnh ủy … Nguyễn Văn A`).
pub(crate) fn name_after<'d>(
    d: &'d Dicts,
    text: &str,
    e: usize,
    level: &str,
    in_title: bool,
) -> Option<(usize, usize, Option<&'d PlaceEntry>)> {
    let q = skip_spaces(text, e);
    if q == e {
        return None;
    }
    let b = text.as_bytes();
    // numbered wards and districts: Phường 12, Quận 1
    if matches!(level, "phường" | "quận") && b.get(q).is_some_and(u8::is_ascii_digit) {
        let n = super::num::digits(b, q);
        let end = q + n;
        if n <= 2 && super::text::boundary_after(text, end) {
            return Some((q, end, d.place(level, text.get(q..end)?)));
        }
        return None;
    }
    // the run of capitalized words, one space apart (or ` - ` inside a
    // listed name: Bà Rịa - Vũng Tàu)
    let mut ends = Vec::new();
    let mut hyphen_at = usize::MAX;
    let mut pos = q;
    while ends.len() < d.max_place_words.max(MAX_UNKNOWN_WORDS) {
        let Some(we) = word_end(text, pos) else { break };
        let w = text.get(pos..we)?;
        if !is_capitalized(w) {
            break;
        }
        ends.push(we);
        if hyphen_at == usize::MAX && text.get(we..).is_some_and(|r| r.starts_with(" - ")) {
            hyphen_at = ends.len();
            pos = we + 3;
            continue;
        }
        let Some((ns, _)) = next_word(text, we) else {
            break;
        };
        if ns != we + 1 {
            break;
        }
        pos = ns;
    }
    if ends.is_empty() {
        return None;
    }
    let rel: Vec<usize> = ends.iter().map(|e| e - q).collect();
    if let Some((len, entry)) = d.longest_place(level, text.get(q..)?, &rel) {
        return Some((q, q + len, Some(entry)));
    }
    // a person's name right after the unit word: `Chủ tịch UBND xã Nguyễn Văn A`
    if official::name_at(d, text, q).is_some_and(|e| in_title || ends.contains(&e)) {
        return None;
    }
    // damaged marks: the whole run against the listed names without marks
    if let Some(&last) = ends.last() {
        if let Some(entry) = d.place_by_skeleton(level, text.get(q..last)?) {
            return Some((q, last, Some(entry)));
        }
    }
    // provinces, districts and towns are all listed: an unlisted name is
    // something else (`UBND tỉnh Lê Văn Hòa` names a person)
    if matches!(level, "tỉnh" | "thành phố" | "huyện" | "quận" | "thị xã") {
        return None;
    }
    let ends: Vec<usize> = ends.into_iter().take(hyphen_at).collect();
    // not in the list: stop before offices, bodies and (in titles) names
    let mut end = None;
    let mut start_of = q;
    for (i, &we) in ends.iter().enumerate().take(MAX_UNKNOWN_WORDS) {
        let ws = if i == 0 { q } else { start_of };
        if i > 0
            && (d
                .trigger_at(text, ws)
                .is_some_and(|t| t.0 == Trigger::Office)
                || d.tail_at(text, ws).is_some()
                || (in_title && official::name_at(d, text, ws).is_some()))
        {
            break;
        }
        end = Some(we);
        start_of = we + 1;
    }
    end.map(|end| (q, end, None))
}

/// The place whose unit word spans `s..e` (`LEVELS[level]`); pushes it and
/// returns its end.
pub(crate) fn at(
    d: &Dicts,
    text: &str,
    s: usize,
    e: usize,
    level: usize,
    out: &mut Vec<Fact>,
) -> Option<usize> {
    let (_, lv) = LEVELS.get(level)?;
    let (ns, ne, entry) = name_after(d, text, e, lv, false)?;
    let data = Place {
        level: lv.to_string(),
        name: text.get(ns..ne)?.to_string(),
        code: entry.and_then(|x| x.code.clone()),
        legacy: entry.is_some_and(|x| x.code.is_some() && x.legacy),
    };
    out.push(fact(text, s, ne, FactData::Place(data))?);
    Some(ne)
}
