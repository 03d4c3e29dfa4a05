//! Dates: `ngày 22/12/2024`, `22-12-2024`, `ngày 28 tháng 10 năm 2025`,
//! `Sáng 31/10`, `tháng 10/2025`, `năm 2025`, `2021-2025`,
//! `từ ngày 1/10 đến ngày 5/10/2025`.
//!
//! A day and month without a year is a date only after `ngày` or a part of
//! the day: `08/08 huyện` and `36/74 hoạt động` are counts. Impossible dates
//! are rejected.

use super::num::{digits, int};
use super::text::{boundary_after, next_word, prev_word};
use super::{fact, Date, DateEnd, Fact, FactData, PartOfDay};

/// Years we accept in a date.
const YEARS: std::ops::RangeInclusive<u64> = 1000..=2999;
/// Years we accept alone (`năm 2025`, `2021-2025`).
const BARE_YEARS: std::ops::RangeInclusive<u64> = 1800..=2199;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trig {
    Day,
    Month,
    Year,
    Part(PartOfDay),
}

fn trigger(word: &str) -> Option<Trig> {
    // as written, capitalized or in capitals; no allocation on this hot path
    Some(match word {
        "ngày" | "Ngày" | "NGÀY" => Trig::Day,
        "tháng" | "Tháng" | "THÁNG" => Trig::Month,
        "năm" | "Năm" | "NĂM" => Trig::Year,
        "sáng" | "Sáng" | "SÁNG" => Trig::Part(PartOfDay::Morning),
        "trưa" | "Trưa" | "TRƯA" => Trig::Part(PartOfDay::Noon),
        "chiều" | "Chiều" | "CHIỀU" => Trig::Part(PartOfDay::Afternoon),
        "tối" | "Tối" | "TỐI" => Trig::Part(PartOfDay::Evening),
        "đêm" | "Đêm" | "ĐÊM" => Trig::Part(PartOfDay::Night),
        _ => return None,
    })
}

/// Year, month, day of one end of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Ymd {
    y: Option<u16>,
    m: Option<u8>,
    d: Option<u8>,
}

fn leap(y: u64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn valid(ymd: Ymd) -> bool {
    let Some(m) = ymd.m else {
        return ymd.d.is_none();
    };
    if !(1..=12).contains(&m) {
        return false;
    }
    let Some(d) = ymd.d else { return true };
    let max = match m {
        2 => match ymd.y {
            Some(y) if !leap(u64::from(y)) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=max).contains(&d)
}

fn num(b: &[u8], i: usize, min: usize, max: usize) -> Option<(u64, usize)> {
    let n = digits(b, i);
    if n < min || n > max {
        return None;
    }
    Some((int(b, i, n)?, i + n))
}

fn year_at(b: &[u8], i: usize, range: &std::ops::RangeInclusive<u64>) -> Option<(u16, usize)> {
    let (y, e) = num(b, i, 4, 4)?;
    range.contains(&y).then_some((y as u16, e))
}

/// `D/M`, `D/M/Y`, `D-M-Y`, `D.M.Y` at `i` (a year is required with `-` and
/// `.`); `year_needed` demands one with `/` too.
fn numeric_dmy(text: &str, i: usize, year_needed: bool) -> Option<(Ymd, usize)> {
    let b = text.as_bytes();
    let (d, e) = num(b, i, 1, 2)?;
    let sep = *b.get(e)?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let (m, e) = num(b, e + 1, 1, 2)?;
    let mut ymd = Ymd {
        y: None,
        m: Some(m as u8),
        d: Some(d as u8),
    };
    let mut end = e;
    if b.get(e) == Some(&sep) {
        let (y, e2) = year_at(b, e + 1, &YEARS)?;
        ymd.y = Some(y);
        end = e2;
    } else if sep != b'/' || year_needed {
        return None;
    }
    // `1/2/3/4`, `22/12/2024/x`: not a date
    if matches!(b.get(end), Some(b'/' | b'-' | b'.' | b',')) && digits(b, end + 1) > 0 {
        return None;
    }
    (boundary_after(text, end) && valid(ymd)).then_some((ymd, end))
}

/// `YYYY-MM-DD`.
fn iso(text: &str, i: usize) -> Option<(Ymd, usize)> {
    let b = text.as_bytes();
    let (y, e) = year_at(b, i, &YEARS)?;
    if b.get(e) != Some(&b'-') {
        return None;
    }
    let (m, e) = num(b, e + 1, 2, 2)?;
    if b.get(e) != Some(&b'-') {
        return None;
    }
    let (d, e) = num(b, e + 1, 2, 2)?;
    let ymd = Ymd {
        y: Some(y),
        m: Some(m as u8),
        d: Some(d as u8),
    };
    (boundary_after(text, e) && valid(ymd)).then_some((ymd, e))
}

/// The word at `pos` (after spaces) if it equals `w` ignoring case:
/// returns its end.
fn word_is(text: &str, pos: usize, w: &str) -> Option<usize> {
    let (s, e) = next_word(text, pos)?;
    (text.get(s..e)?.to_lowercase() == w).then_some(e)
}

fn after_spaces(text: &str, pos: usize) -> usize {
    super::text::skip_spaces(text, pos)
}

/// `D tháng M [năm Y]` or a numeric day-level date at `i`.
fn day_date(text: &str, i: usize) -> Option<(Ymd, usize)> {
    if let Some(r) = numeric_dmy(text, i, false) {
        return Some(r);
    }
    let b = text.as_bytes();
    let (d, e) = num(b, i, 1, 2)?;
    let e = word_is(text, e, "tháng")?;
    let s = after_spaces(text, e);
    let (m, mut end) = num(b, s, 1, 2)?;
    let mut ymd = Ymd {
        y: None,
        m: Some(m as u8),
        d: Some(d as u8),
    };
    if let Some(e2) = word_is(text, end, "năm") {
        let s = after_spaces(text, e2);
        if let Some((y, e3)) = year_at(b, s, &YEARS) {
            ymd.y = Some(y);
            end = e3;
        }
    }
    (boundary_after(text, end) && valid(ymd)).then_some((ymd, end))
}

/// `M`, `M/Y`, `M-Y`, `M năm Y` after `tháng`.
fn month_date(text: &str, i: usize) -> Option<(Ymd, usize)> {
    let b = text.as_bytes();
    let (m, e) = num(b, i, 1, 2)?;
    let mut ymd = Ymd {
        y: None,
        m: Some(m as u8),
        d: None,
    };
    let mut end = e;
    if matches!(b.get(e), Some(b'/' | b'-')) {
        let (y, e2) = year_at(b, e + 1, &YEARS)?;
        ymd.y = Some(y);
        end = e2;
    } else if let Some(e2) = word_is(text, e, "năm") {
        if let Some((y, e3)) = year_at(b, after_spaces(text, e2), &YEARS) {
            ymd.y = Some(y);
            end = e3;
        }
    }
    if matches!(b.get(end), Some(b'/' | b'-' | b'.' | b',')) && digits(b, end + 1) > 0 {
        return None;
    }
    (boundary_after(text, end) && valid(ymd)).then_some((ymd, end))
}

/// `YYYY-YYYY` (or with an en dash or spaced hyphen): a range of years.
fn year_range(text: &str, i: usize) -> Option<(Ymd, Ymd, usize)> {
    let b = text.as_bytes();
    let (y1, e) = year_at(b, i, &BARE_YEARS)?;
    let mut s = after_spaces(text, e);
    if b.get(s) == Some(&b'-') {
        s += 1;
    } else if text.get(s..)?.starts_with('–') {
        s += '–'.len_utf8();
    } else {
        return None;
    }
    let s = after_spaces(text, s);
    let (y2, e2) = year_at(b, s, &BARE_YEARS)?;
    if y2 <= y1 || !boundary_after(text, e2) || (b.get(e2) == Some(&b'/') && digits(b, e2 + 1) > 0)
    {
        return None;
    }
    Some((
        Ymd {
            y: Some(y1),
            ..Ymd::default()
        },
        Ymd {
            y: Some(y2),
            ..Ymd::default()
        },
        e2,
    ))
}

/// The date fact whose number starts at `p`, if any.
pub(crate) fn at(text: &str, p: usize) -> Option<Fact> {
    let b = text.as_bytes();
    // the trigger word must be separated from the number by spaces only
    let trig = prev_word(text, p)
        .filter(|&(_, e)| e < p)
        .and_then(|(s, e)| Some((trigger(text.get(s..e)?)?, s)));
    let (mut start, ymd, mut until, end, part) = match trig {
        Some((Trig::Day, s)) => {
            let (ymd, until, end) = match day_range_short(text, p) {
                Some((a, u, e)) => (a, Some(u), e),
                None => match day_date(text, p) {
                    Some((a, e)) => (a, None, e),
                    // `ngày 01 đến ngày 05/11/2025`: a bare day only opens a range
                    None => {
                        let (d, e) = num(b, p, 1, 2)?;
                        range_end(text, e, Some(Trig::Day))?;
                        (
                            Ymd {
                                d: Some(d as u8),
                                ..Ymd::default()
                            },
                            None,
                            e,
                        )
                    }
                },
            };
            let (start, part) = part_before(text, s);
            (start, ymd, until, end, part)
        }
        Some((Trig::Part(part), s)) => {
            let (ymd, end) = numeric_dmy(text, p, false)?;
            (s, ymd, None, end, Some(part))
        }
        Some((Trig::Month, s)) => {
            // `3 tháng 10 ngày` is a duration
            if prev_word(text, s).is_some_and(|(a, z)| {
                text.get(a..z)
                    .is_some_and(|w| w.bytes().all(|c| c.is_ascii_digit()))
            }) {
                return None;
            }
            let (ymd, end) = month_date(text, p)?;
            (s, ymd, None, end, None)
        }
        Some((Trig::Year, s)) => {
            if let Some((a, u, end)) = year_range(text, p) {
                (s, a, Some(u), end, None)
            } else {
                let (y, end) = year_at(b, p, &BARE_YEARS)?;
                if !boundary_after(text, end)
                    || matches!(b.get(end), Some(b'/' | b'.' | b',')) && digits(b, end + 1) > 0
                {
                    return None;
                }
                (
                    s,
                    Ymd {
                        y: Some(y),
                        ..Ymd::default()
                    },
                    None,
                    end,
                    None,
                )
            }
        }
        None => {
            if let Some((a, u, end)) = year_range(text, p) {
                (p, a, Some(u), end, None)
            } else {
                let (ymd, end) = numeric_dmy(text, p, true).or_else(|| iso(text, p))?;
                (p, ymd, None, end, None)
            }
        }
    };
    let mut end = end;
    let mut ymd = ymd;
    // `… đến ngày 5/10/2025`: a range; the start borrows what it leaves out
    if until.is_none() {
        if let Some((u, e2)) = range_end(text, end, trig.map(|t| t.0)) {
            if ymd.y.is_none() {
                ymd.y = u.y;
            }
            if ymd.m.is_none() && ymd.d.is_some() {
                ymd.m = u.m;
            }
            if valid(ymd) {
                until = Some(u);
                end = e2;
                if let Some((ws, we)) = prev_word(text, start) {
                    if text
                        .get(ws..we)
                        .is_some_and(|w| w.eq_ignore_ascii_case("từ") || w == "Từ")
                    {
                        start = ws;
                    }
                }
            }
        }
    }
    if ymd.m.is_none() && ymd.d.is_some() {
        return None;
    }
    // `2021-2025` has both years; `ngày 20-21/3` borrows nothing
    if let Some(u) = until.as_mut() {
        if u.y.is_none() {
            u.y = ymd.y;
        }
    }
    let data = Date {
        year: ymd.y,
        month: ymd.m,
        day: ymd.d,
        part_of_day: part,
        until: until.map(|u| DateEnd {
            year: u.y,
            month: u.m,
            day: u.d,
        }),
    };
    fact(text, start, end, FactData::Date(data))
}

/// `ngày D/M/Y` (a full date) after `pos`, as written after a document
/// number: ((year, month, day), end).
pub(crate) fn issued_after(text: &str, pos: usize) -> Option<((u16, u8, u8), usize)> {
    let (ws, we) = next_word(text, pos)?;
    if text.get(ws..we)?.to_lowercase() != "ngày" {
        return None;
    }
    let (ymd, e) = day_date(text, after_spaces(text, we))?;
    Some(((ymd.y?, ymd.m?, ymd.d?), e))
}

/// `D1-D2/M[/Y]` after `ngày` (`ngày 20-21/3/2025`): start, end, end byte.
fn day_range_short(text: &str, i: usize) -> Option<(Ymd, Ymd, usize)> {
    let b = text.as_bytes();
    let (d1, e) = num(b, i, 1, 2)?;
    let s = if b.get(e) == Some(&b'-') {
        e + 1
    } else if text.get(e..)?.starts_with('–') {
        e + '–'.len_utf8()
    } else {
        return None;
    };
    let (ymd2, end) = numeric_dmy(text, s, false)?;
    let ymd1 = Ymd {
        d: Some(d1 as u8),
        ..ymd2
    };
    (valid(ymd1) && ymd1.d < ymd2.d).then_some((ymd1, ymd2, end))
}

/// A part of the day right before the word at `s` (`Chiều ngày …`).
fn part_before(text: &str, s: usize) -> (usize, Option<PartOfDay>) {
    if let Some((ps, pe)) = prev_word(text, s) {
        let gap_ok = text
            .get(pe..s)
            .is_some_and(|g| g.bytes().all(|c| c == b' '));
        if let (true, Some(Trig::Part(part))) = (gap_ok, text.get(ps..pe).and_then(trigger)) {
            return (ps, Some(part));
        }
    }
    (s, None)
}

/// `đến [ngày|tháng|năm] <date>` after `pos`.
fn range_end(text: &str, pos: usize, trig: Option<Trig>) -> Option<(Ymd, usize)> {
    let e = word_is(text, pos, "đến").or_else(|| word_is(text, pos, "tới"))?;
    let mut s = after_spaces(text, e);
    let want = match trig {
        Some(Trig::Day | Trig::Part(_)) => Trig::Day,
        Some(t) => t,
        None => return None,
    };
    if let Some((ws, we)) = next_word(text, s) {
        if let Some(t) = text.get(ws..we).and_then(trigger) {
            if t != want {
                return None;
            }
            s = after_spaces(text, we);
        }
    }
    let b = text.as_bytes();
    match want {
        Trig::Day => day_date(text, s),
        Trig::Month => month_date(text, s),
        _ => {
            let (y, e) = year_at(b, s, &BARE_YEARS)?;
            boundary_after(text, e).then_some((
                Ymd {
                    y: Some(y),
                    ..Ymd::default()
                },
                e,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(t: &str) -> Option<(String, Date)> {
        let p = t.bytes().position(|c| c.is_ascii_digit())?;
        let f = at(t, p)?;
        match f.data {
            FactData::Date(d) => Some((f.text, d)),
            _ => None,
        }
    }

    #[test]
    fn forms() {
        let (t, d) = one("Sáng 31/10, tại").unwrap();
        assert_eq!(
            (t.as_str(), d.day, d.month, d.year),
            ("Sáng 31/10", Some(31), Some(10), None)
        );
        let (t, d) = one("Chiều ngày 28 tháng 10 năm 2025, Ban").unwrap();
        assert_eq!(t, "Chiều ngày 28 tháng 10 năm 2025");
        assert_eq!(d.part_of_day, Some(PartOfDay::Afternoon));
        assert_eq!(
            one("giai đoạn 2021-2025 về").unwrap().1.until.unwrap().year,
            Some(2025)
        );
        assert!(one("phủ sóng 08/08 huyện").is_none());
        assert!(one("thực hiện 36/74 hoạt động").is_none());
        assert!(one("ngày 30/2/2025").is_none());
        assert!(one("ngày 29/2/2024").is_some());
        let (t, d) = one("từ ngày 1/10 đến ngày 5/10/2025.").unwrap();
        assert_eq!(t, "từ ngày 1/10 đến ngày 5/10/2025");
        assert_eq!((d.year, d.month, d.day), (Some(2025), Some(10), Some(1)));
    }
}
