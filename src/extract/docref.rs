//! Document references: `Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ
//! Chính trị`, `Kế hoạch số 129/KH-UBND`, `Nghị định 30/2020/NĐ-CP`,
//! `Luật số 80/2015/QH13`, `Công văn 1234/UBND-KT`, `Nghị quyết số 57`.

use super::dict::Dicts;
use super::num::{digits, int};
use super::text::{
    boundary_after, boundary_before, next_word, prev_word, skip_spaces, skip_spaces_back,
};
use super::{date, fact, official, DocumentRef, Fact, FactData};

/// A parsed symbol.
struct Symbol {
    number: String,
    year: Option<u16>,
    code: Option<(String, String)>,
    issuer_code: Option<String>,
    symbol: String,
    end: usize,
    cong_van: bool,
}

/// End of a symbol segment (ASCII letters and digits, `Đ`, `đ`, `&`) that
/// starts with an uppercase letter; `None` if none starts at `i`.
fn segment(text: &str, i: usize) -> Option<usize> {
    let rest = text.get(i..)?;
    let mut end = 0;
    for (k, c) in rest.char_indices() {
        let ok = c.is_ascii_alphanumeric() || c == 'Đ' || c == 'đ' || c == '&';
        if !ok {
            break;
        }
        if k == 0 && !(c.is_ascii_uppercase() || c == 'Đ') {
            return None;
        }
        end = k + c.len_utf8();
    }
    (end > 0).then_some(i + end)
}

/// Segments joined by `-` from `i`: their spans and the end.
fn segments(text: &str, i: usize) -> Option<(Vec<(usize, usize)>, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = i;
    loop {
        let e = segment(text, pos)?;
        out.push((pos, e));
        if b.get(e) == Some(&b'-') && segment(text, e + 1).is_some() {
            pos = e + 1;
        } else {
            return Some((out, e));
        }
    }
}

fn symbol(d: &Dicts, text: &str, p: usize) -> Option<Symbol> {
    let b = text.as_bytes();
    let n = digits(b, p);
    if n == 0 || n > 6 || !matches!(b.get(p + n), Some(b'-' | b'/')) {
        return None;
    }
    let number = text.get(p..p + n)?.to_string();
    let i = p + n;
    let sym = match b.get(i) {
        // Party style: 57-NQ/TW
        Some(b'-') => {
            let ce = segment(text, i + 1)?;
            let (code, name) = d.doc_code(text.get(i + 1..ce)?, true)?;
            if b.get(ce) != Some(&b'/') {
                return None;
            }
            let (segs, end) = segments(text, ce + 1)?;
            let issuers: Vec<String> = segs
                .iter()
                .filter_map(|&(s, e)| text.get(s..e))
                .map(|s| d.issuer_code(s))
                .collect();
            let issuer = issuers.join("-");
            Symbol {
                symbol: format!("{number}-{code}/{issuer}"),
                number,
                year: None,
                code: Some((code.to_string(), name.to_string())),
                issuer_code: Some(issuer),
                end,
                cong_van: false,
            }
        }
        // State style: 129/KH-UBND, 30/2020/NĐ-CP, 80/2015/QH13, 1234/UBND-KT
        Some(b'/') => {
            let mut j = i + 1;
            let mut year = None;
            if digits(b, j) == 4 && b.get(j + 4) == Some(&b'/') {
                let y = int(b, j, 4)?;
                if !(1945..=2199).contains(&y) {
                    return None;
                }
                year = Some(y as u16);
                j += 5;
            }
            let (segs, end) = segments(text, j)?;
            let words: Vec<&str> = segs.iter().filter_map(|&(s, e)| text.get(s..e)).collect();
            let first = *words.first()?;
            let coded = if words.len() >= 2 {
                d.doc_code(first, false)
            } else {
                None
            };
            let prefix = match year {
                Some(y) => format!("{number}/{y}/"),
                None => format!("{number}/"),
            };
            match coded {
                Some((code, name)) => {
                    let issuer = words[1..]
                        .iter()
                        .map(|w| d.issuer_code(w))
                        .collect::<Vec<_>>()
                        .join("-");
                    Symbol {
                        symbol: format!("{prefix}{code}-{issuer}"),
                        number,
                        year,
                        code: Some((code.to_string(), name.to_string())),
                        issuer_code: Some(issuer),
                        end,
                        cong_van: false,
                    }
                }
                None => {
                    // a single letter (12/A) or a bare type code is no symbol
                    if first.chars().count() < 2 || d.doc_code(first, false).is_some() {
                        return None;
                    }
                    let parts: Vec<String> = words.iter().map(|w| d.issuer_code(w)).collect();
                    Symbol {
                        symbol: format!("{prefix}{}", parts.join("-")),
                        number,
                        year,
                        code: None,
                        issuer_code: parts.first().cloned(),
                        end,
                        cong_van: year.is_none(),
                    }
                }
            }
        }
        _ => return None,
    };
    // `57-NQ/TW/x`, `12/KH-UBND.5`: part of something longer
    if !boundary_after(text, sym.end)
        || matches!(b.get(sym.end), Some(b'/' | b'-' | b'.'))
            && b.get(sym.end + 1).is_some_and(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    Some(sym)
}

/// A document-type name, maybe followed by `số`, before a number.
struct Named {
    start: usize,
    name: String,
    capitalized: bool,
    so: bool,
}

/// The document-type name (maybe followed by `số`) that ends right before `p`.
fn name_before(d: &Dicts, text: &str, p: usize) -> Option<Named> {
    let mut q = skip_spaces_back(text, p);
    let mut so = false;
    if text.get(..q).is_some_and(|h| h.ends_with(':')) {
        q = skip_spaces_back(text, q - 1);
    }
    if let Some((s, e)) = prev_word(text, q) {
        if e == q && matches!(text.get(s..e), Some("số" | "Số" | "SỐ")) {
            so = true;
            q = skip_spaces_back(text, s);
        }
    }
    let head = text.get(..q)?;
    for (lower, name) in &d.doc_names {
        for (form, capitalized) in [(name.as_str(), true), (lower.as_str(), false)] {
            if head.ends_with(form) && boundary_before(text, q - form.len()) {
                return Some(Named {
                    start: q - form.len(),
                    name: name.clone(),
                    capitalized,
                    so,
                });
            }
        }
    }
    None
}

/// The document reference whose number starts at `p`: the fact and where
/// its symbol ends (scanning resumes there so that the date inside is found
/// too).
pub(crate) fn at(d: &Dicts, text: &str, p: usize) -> Option<(Fact, usize)> {
    let symbol = symbol(d, text, p);
    // most numbers are no document: look for a name only after a word that can end one
    let named = if symbol.is_some() || d.ends_doc_name(text, p) {
        name_before(d, text, p)
    } else {
        None
    };
    let sym = match symbol {
        Some(s) => s,
        None => {
            // a bare number after a capitalized name or `số`: `Nghị quyết số 57`
            let nm = named.as_ref()?;
            let b = text.as_bytes();
            let n = digits(b, p);
            if !(nm.capitalized || nm.so) || n == 0 || n > 5 {
                return None;
            }
            let end = p + n;
            let joined = matches!(b.get(end), Some(b'/' | b'-' | b'.' | b',' | b'%'))
                && b.get(end + 1).is_some_and(|c| !c.is_ascii_whitespace());
            if !boundary_after(text, end) || joined || b.get(end) == Some(&b'%') {
                return None;
            }
            Symbol {
                number: text.get(p..end)?.to_string(),
                year: None,
                code: None,
                issuer_code: None,
                symbol: String::new(),
                end,
                cong_van: false,
            }
        }
    };
    let start = named.as_ref().map_or(p, |n| n.start);
    let mut end = sym.end;
    let doc_type = match (&named, &sym.code) {
        // `Văn bản` is generic: the symbol says which kind
        (Some(n), Some((_, name))) if n.name == "Văn bản" => Some(name.clone()),
        (Some(n), None) if n.name == "Văn bản" && sym.cong_van => Some("Công văn".to_string()),
        (Some(n), _) => Some(n.name.clone()),
        (None, Some((_, name))) => Some(name.clone()),
        (None, None) if sym.cong_van => Some("Công văn".to_string()),
        _ => None,
    };
    // `, ngày 22/12/2024`
    let mut pos = sym.end;
    let mut issued = None;
    if let Some((ymd, e)) = date::issued_after(text, comma(text, pos)) {
        issued = Some(ymd);
        end = e;
        pos = e;
    }
    // `của Bộ Chính trị`
    let mut issuer = None;
    let c = comma(text, pos);
    if let Some((ws, we)) = next_word(text, c) {
        if text.get(ws..we) == Some("của") {
            let bs = skip_spaces(text, we);
            if let Some(be) = official::body(d, text, bs) {
                issuer = text.get(bs..be).map(str::to_string);
                end = be;
            }
        }
    }
    let data = DocumentRef {
        doc_type,
        number: sym.number,
        year: sym.year.or(issued.map(|(y, _, _)| y)),
        symbol: (!sym.symbol.is_empty()).then_some(sym.symbol),
        issuer_code: sym.issuer_code,
        issued_on: issued.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        issuer,
    };
    Some((
        fact(text, start, end, FactData::DocumentRef(data))?,
        sym.end,
    ))
}

/// Skips an optional comma and spaces after `pos`.
fn comma(text: &str, pos: usize) -> usize {
    let s = skip_spaces(text, pos);
    if text.as_bytes().get(s) == Some(&b',') {
        s + 1
    } else {
        pos
    }
}
