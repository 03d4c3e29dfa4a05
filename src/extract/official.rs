//! Officials: a person's name next to one or more titles.
//!
//! - name, separator, titles: `Y Thanh, Bí thư Đảng uỷ, Chủ tịch HĐND xã`;
//!   `Trần Văn Phương – Bí thư Đảng ủy xã, Trưởng Ban Chỉ đạo`;
//! - titles, name: `Phó Thủ tướng Trần Hồng Hà`, `Bí thư Đảng uỷ xã - Dương
//!   Mạnh Mẫn`.
//!
//! A title is an office from the dictionary (`Bí thư`, `Chủ tịch`, maybe
//! with `Phó`) followed by bodies (`Đảng ủy`, `UBND`, `Ban Chỉ đạo`),
//! modifiers (`thường trực`), unit words with place names (`xã`, `tỉnh Đắk
//! Nông`) and abbreviations. A name is a surname from the dictionary (or a
//! minority-name start: `Y Thanh`, `H'Hen Niê`, `Ksor …`) and one to four
//! capitalized words. A title without a name, or a name without a title (a
//! byline), is not an official.

use super::dict::{Dicts, Trigger, LEVELS};
use super::text::{
    boundary_after, char_before, is_abbreviation, is_capitalized, next_word, skip_spaces,
    skip_spaces_back, word_end, word_start,
};
use super::{fact, place, Fact, FactData, Official};

/// Most words in a name.
const MAX_NAME_WORDS: usize = 5;

/// Words before a name that show it is not a person (`tỉnh Lâm Đồng`).
const NOT_BEFORE_NAME: [&str; 12] = [
    "xã",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "phố",
    "xã",
    "trấn",
    "khu",
    "Bộ",
    "Sở",
    "TP",
];

/// Where the first word of a name may be: a surname, `Y`, or `H'…`.
fn name_start(d: &Dicts, w: &str) -> bool {
    d.is_surname(w)
        || w == "Y"
        || (w.starts_with("H'") || w.starts_with("H’")) && w.chars().count() > 2
}

/// The end of a person's name starting at `q`, if one does.
pub(crate) fn name_at(d: &Dicts, text: &str, q: usize) -> Option<usize> {
    let we = word_end(text, q)?;
    let w0 = text.get(q..we)?;
    if !is_capitalized(w0) || !name_start(d, w0) {
        return None;
    }
    let mut count = 1;
    let mut end = we;
    while count < MAX_NAME_WORDS {
        let Some((ns, ne)) = next_word(text, end) else {
            break;
        };
        if ns != end + 1 || !is_capitalized(text.get(ns..ne)?) {
            break;
        }
        // `… Nguyễn Văn A Chủ tịch …` without punctuation: the title is not part of the name
        if d.trigger_at(text, ns).is_some() || d.tail_at(text, ns).is_some() {
            break;
        }
        count += 1;
        end = ne;
    }
    if count < 2 || d.province(text.get(q..end)?).is_some() {
        return None;
    }
    Some(end)
}

/// The start of a person's name that ends at `e` (capitalized words back
/// from `e`; the longest that starts with a surname).
fn name_before(d: &Dicts, text: &str, e: usize) -> Option<usize> {
    let mut starts = Vec::new();
    let mut end = e;
    while starts.len() < MAX_NAME_WORDS + 1 {
        let Some(ws) = word_start(text, end) else {
            break;
        };
        if !is_capitalized(text.get(ws..end)?) {
            break;
        }
        starts.push(ws);
        if ws == 0 || text.as_bytes().get(ws - 1) != Some(&b' ') {
            break;
        }
        end = ws - 1;
        if word_start(text, end).is_none() {
            break;
        }
    }
    // leftmost start that makes a name reaching exactly to e
    for &ws in starts.iter().rev() {
        if name_at(d, text, ws) == Some(e) {
            let prev = super::text::prev_word(text, ws).and_then(|(a, b)| text.get(a..b));
            if prev.is_some_and(|p| NOT_BEFORE_NAME.contains(&p)) {
                return None;
            }
            return Some(ws);
        }
    }
    None
}

/// Words for villages below the commune, followed by a name (`thôn Plei
/// Ring`, `bản Phiêng Cành`).
const HAMLETS: [&str; 7] = ["thôn", "bản", "ấp", "buôn", "làng", "sóc", "khu phố"];

/// A hamlet name (capitalized words, not a person's name) after `pos`.
fn hamlet_name(d: &Dicts, text: &str, pos: usize) -> Option<usize> {
    let mut end = pos;
    let mut words = 0;
    while words < 4 {
        let Some((ws, we)) = next_word(text, end) else {
            break;
        };
        if ws != end + 1 || !is_capitalized(text.get(ws..we)?) || name_at(d, text, ws).is_some() {
            break;
        }
        if d.trigger_at(text, ws).is_some() || d.tail_at(text, ws).is_some() {
            break;
        }
        end = we;
        words += 1;
    }
    (words > 0).then_some(end)
}

/// Consumes bodies, modifiers, unit words with names and abbreviations after
/// `pos`; returns the end (== `pos` when nothing follows).
fn tail(d: &Dicts, text: &str, pos: usize) -> usize {
    let mut end = pos;
    // an office that ends with a hamlet word (Trưởng thôn) takes the hamlet's name
    if HAMLETS
        .iter()
        .any(|h| text.get(..pos).is_some_and(|t| t.ends_with(h)))
    {
        if let Some(e) = hamlet_name(d, text, pos) {
            end = e;
        }
    }
    loop {
        let q = skip_spaces(text, end);
        if q == end || q >= text.len() {
            break;
        }
        if let Some(e) = d.tail_at(text, q) {
            end = e;
            // a body followed by a province name: Tỉnh ủy Đắk Nông
            if let Some((ns, ne, Some(_))) = province_after(d, text, end) {
                let _ = ns;
                end = ne;
            }
            continue;
        }
        if let Some((Trigger::Level(l), le)) = d.trigger_at(text, q) {
            end = le;
            if let Some((_, lv)) = LEVELS.get(l) {
                if let Some((_, ne, _)) = place::name_after(d, text, le, lv, true) {
                    end = ne;
                }
            }
            continue;
        }
        let Some(we) = word_end(text, q) else { break };
        let w = text.get(q..we).unwrap_or("");
        if HAMLETS.contains(&w) {
            if let Some(e) = hamlet_name(d, text, we) {
                end = e;
                continue;
            }
            break;
        }
        if is_abbreviation(w) && d.trigger_at(text, q).is_none() {
            end = we;
            continue;
        }
        break;
    }
    end
}

/// A province written right after a body: (start, end, entry).
fn province_after<'d>(
    d: &'d Dicts,
    text: &str,
    e: usize,
) -> Option<(usize, usize, Option<&'d super::dict::PlaceEntry>)> {
    let q = skip_spaces(text, e);
    if q != e + 1 {
        return None;
    }
    let mut end = word_end(text, q)?;
    let mut best = None;
    for _ in 0..4 {
        let cand = text.get(q..end)?;
        if !cand.split(' ').all(is_capitalized) {
            break;
        }
        if let Some(entry) = d.province(cand) {
            best = Some((q, end, Some(entry)));
        }
        match next_word(text, end) {
            Some((ns, ne)) if ns == end + 1 => end = ne,
            _ => break,
        }
    }
    best
}

/// The end of the title starting at `s` (an office, then its tail).
fn title(d: &Dicts, text: &str, s: usize) -> Option<usize> {
    let (t, oe) = d.trigger_at(text, s)?;
    if t != Trigger::Office {
        return None;
    }
    let office = text.get(s..oe)?;
    let bare = office
        .strip_prefix("Phó ")
        .or_else(|| office.strip_prefix("phó "))
        .unwrap_or(office);
    let end = tail(d, text, oe);
    // a one-word office (Trưởng) is a title only with a body after it
    if !bare.contains(' ') && end == oe {
        return None;
    }
    Some(end)
}

/// A body named as a document's issuer (`Bộ Chính trị`, `UBND tỉnh Đắk
/// Nông`, `Tỉnh ủy Đắk Nông`): its end.
pub(crate) fn body(d: &Dicts, text: &str, q: usize) -> Option<usize> {
    let first = d.tail_at(text, q).or_else(|| {
        let we = word_end(text, q)?;
        is_abbreviation(text.get(q..we)?).then_some(we)
    })?;
    let mut end = first;
    if let Some((_, ne, _)) = province_after(d, text, end) {
        end = ne;
    }
    Some(tail(d, text, end))
}

/// Handles the office starting at `s`: pushes an official when a name goes
/// with the titles. Returns the end of what it consumed.
pub(crate) fn at(d: &Dicts, text: &str, s: usize, out: &mut Vec<Fact>) -> usize {
    let Some(first_end) = title(d, text, s) else {
        return s + 1;
    };
    let b = text.as_bytes();
    let mut titles = vec![(s, first_end)];
    let mut end = first_end;
    loop {
        let q = skip_spaces(text, end);
        let next = match b.get(q) {
            Some(b',' | b';') => skip_spaces(text, q + 1),
            _ => match next_word(text, end) {
                Some((ws, we)) if text.get(ws..we) == Some("kiêm") => skip_spaces(text, we),
                _ => break,
            },
        };
        match title(d, text, next) {
            Some(te) => {
                titles.push((next, te));
                end = te;
            }
            None => break,
        }
    }
    let strings: Vec<String> = titles
        .iter()
        .filter_map(|&(a, z)| text.get(a..z))
        .map(str::to_string)
        .collect();

    // name, separator, titles
    let q = skip_spaces_back(text, s);
    if let Some(c) = char_before(text, q).filter(|c| matches!(c, ',' | '–' | '-' | '—' | ':' | '('))
    {
        let spaced = q > 0 && (c == ',' || c == ':' || c == '(' || q < s);
        let ne = skip_spaces_back(text, q - c.len_utf8());
        let sep_ok = spaced && (matches!(c, ',' | ':' | '(') || ne + c.len_utf8() < q);
        if sep_ok {
            // the same person named just before, by a title-name official: add the titles
            // (`out` holds officials only, in order)
            if let Some(prev) = out.last_mut().filter(|f| f.span.end == ne) {
                if let FactData::Official(o) = &mut prev.data {
                    o.titles.extend(strings);
                    let start = prev.span.start;
                    if let Some(f) = fact(text, start, end, prev.data.clone()) {
                        *prev = f;
                    }
                    return end;
                }
            }
            // a name inside the previous official is taken already
            let floor = out.last().map_or(0, |f| f.span.end);
            if let Some(ns) = name_before(d, text, ne).filter(|&ns| ns >= floor) {
                let name = text.get(ns..ne).unwrap_or("").to_string();
                // `Đinh Văn Hùng (Chủ tịch HĐND xã)`: take the closing parenthesis
                let end = if c == '(' && text.as_bytes().get(end) == Some(&b')') {
                    end + 1
                } else {
                    end
                };
                if let Some(f) = fact(
                    text,
                    ns,
                    end,
                    FactData::Official(Official {
                        name,
                        titles: strings,
                    }),
                ) {
                    out.push(f);
                }
                return end;
            }
        }
    }

    // titles, name
    let mut q = skip_spaces(text, end);
    if q > end {
        if let Some(c) = text
            .get(q..)
            .and_then(|r| r.chars().next())
            .filter(|c| matches!(c, '-' | '–'))
        {
            let after = q + c.len_utf8();
            let q2 = skip_spaces(text, after);
            if q2 > after {
                q = q2;
            }
        }
        if let Some(ne) = name_at(d, text, q) {
            if boundary_after(text, ne) {
                let name = text.get(q..ne).unwrap_or("").to_string();
                if let Some(f) = fact(
                    text,
                    s,
                    ne,
                    FactData::Official(Official {
                        name,
                        titles: strings,
                    }),
                ) {
                    out.push(f);
                }
                return ne;
            }
        }
    }
    end
}
