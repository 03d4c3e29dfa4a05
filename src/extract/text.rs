//! Small text helpers shared by the fact grammars: words, spaces,
//! capitalization, tone-placement variants and lookup keys.
//!
//! Every function takes a byte position and returns positions that are char
//! boundaries of the same text; none of them index out of range.

/// True for characters that belong inside a word: letters, digits and the
/// combining marks (text should be NFC, but stray marks must not split words).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Latin-1 letters (not × ÷), Latin Extended-A/B, combining marks,
        // Latin Extended Additional: every Vietnamese letter, no table lookup
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F | 0x300..=0x36F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphanumeric(),
    }
}

/// The char that starts at byte `pos`, if any.
pub(crate) fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// The char that ends at byte `pos`, if any.
pub(crate) fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

/// No word char directly before `pos`.
pub(crate) fn boundary_before(text: &str, pos: usize) -> bool {
    !char_before(text, pos).is_some_and(is_word_char)
}

/// No word char directly after `pos`.
pub(crate) fn boundary_after(text: &str, pos: usize) -> bool {
    !char_at(text, pos).is_some_and(is_word_char)
}

/// Skips spaces and tabs (never a line break) from `pos`.
pub(crate) fn skip_spaces(text: &str, pos: usize) -> usize {
    let b = text.as_bytes();
    let mut p = pos;
    while p < b.len() && (b[p] == b' ' || b[p] == b'\t') {
        p += 1;
    }
    p
}

/// Skips spaces and tabs backwards from `pos`.
pub(crate) fn skip_spaces_back(text: &str, pos: usize) -> usize {
    let b = text.as_bytes();
    let mut p = pos.min(b.len());
    while p > 0 && (b[p - 1] == b' ' || b[p - 1] == b'\t') {
        p -= 1;
    }
    p
}

/// End of the word that starts at `pos` (letters, digits, marks, and an
/// apostrophe between letters as in `H'Hen`, `K'Ré`), or `None` when no word
/// starts there.
pub(crate) fn word_end(text: &str, pos: usize) -> Option<usize> {
    let rest = text.get(pos..)?;
    let mut end = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            end = i + c.len_utf8();
        } else if (c == '\'' || c == '’') && end == i && end > 0 {
            match chars.peek() {
                Some(&(_, n)) if n.is_alphabetic() => end = i + c.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    if end == 0 {
        None
    } else {
        Some(pos + end)
    }
}

/// Start of the word that ends at `end` (same word definition as
/// [`word_end`]), or `None` when no word ends there.
pub(crate) fn word_start(text: &str, end: usize) -> Option<usize> {
    let head = text.get(..end)?;
    let mut start = end;
    let mut chars = head.char_indices().rev().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            start = i;
        } else if (c == '\'' || c == '’') && start == i + c.len_utf8() && start < end {
            match chars.peek() {
                Some(&(_, p)) if p.is_alphabetic() => start = i,
                _ => break,
            }
        } else {
            break;
        }
    }
    if start == end {
        None
    } else {
        Some(start)
    }
}

/// The word that follows `pos` after spaces: `(start, end)`.
pub(crate) fn next_word(text: &str, pos: usize) -> Option<(usize, usize)> {
    let s = skip_spaces(text, pos);
    word_end(text, s).map(|e| (s, e))
}

/// The word that precedes `pos` before spaces: `(start, end)`.
pub(crate) fn prev_word(text: &str, pos: usize) -> Option<(usize, usize)> {
    let e = skip_spaces_back(text, pos);
    word_start(text, e).map(|s| (s, e))
}

/// `Nguyễn`, `Y`, `K'Ré`: an uppercase letter, then no further uppercase
/// letters except right after an apostrophe; no digits.
pub(crate) fn is_capitalized(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => {}
        _ => return false,
    }
    let mut after_apostrophe = false;
    for c in chars {
        if c == '\'' || c == '’' {
            after_apostrophe = true;
            continue;
        }
        if c.is_numeric() || (c.is_uppercase() && !after_apostrophe) {
            return false;
        }
        after_apostrophe = false;
    }
    true
}

/// `UBND`, `HĐND`, `QH13`: two or more uppercase letters, maybe digits, no
/// lowercase.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let mut upper = 0;
    for c in word.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if !c.is_ascii_digit() {
            return false;
        }
    }
    upper >= 2
}

/// `word` with its first letter in uppercase.
pub(crate) fn capitalize_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every word of `phrase` capitalized.
pub(crate) fn title_case(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(capitalize_first)
        .collect::<Vec<_>>()
        .join(" ")
}

// The five tone marks on the vowels whose mark moves between conventions,
// indexed [vowel][tone-1]; tone order: huyền, sắc, hỏi, ngã, nặng.
const TONED: [(char, [char; 5]); 10] = [
    ('a', ['à', 'á', 'ả', 'ã', 'ạ']),
    ('e', ['è', 'é', 'ẻ', 'ẽ', 'ẹ']),
    ('o', ['ò', 'ó', 'ỏ', 'õ', 'ọ']),
    ('u', ['ù', 'ú', 'ủ', 'ũ', 'ụ']),
    ('y', ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
    ('A', ['À', 'Á', 'Ả', 'Ã', 'Ạ']),
    ('E', ['È', 'É', 'Ẻ', 'Ẽ', 'Ẹ']),
    ('O', ['Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ']),
    ('U', ['Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ']),
    ('Y', ['Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ']),
];

fn split_tone(c: char) -> (char, usize) {
    for (base, toned) in TONED {
        if c == base {
            return (base, 0);
        }
        if let Some(t) = toned.iter().position(|&x| x == c) {
            return (base, t + 1);
        }
    }
    (c, 0)
}

fn with_tone(base: char, tone: usize) -> char {
    if tone == 0 {
        return base;
    }
    TONED
        .iter()
        .find(|(b, _)| *b == base)
        .and_then(|(_, t)| t.get(tone - 1).copied())
        .unwrap_or(base)
}

/// Moves the tone mark of a final open `oa`, `oe` or `uy` (not after `q`) to
/// the other vowel: `hòa` <-> `hoà`, `ủy` <-> `uỷ`. Other words come back as
/// they are.
fn swap_tone_word(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 2 {
        return word.to_string();
    }
    let (b1, t1) = split_tone(chars[n - 2]);
    let (b2, t2) = split_tone(chars[n - 1]);
    let pair = (b1.to_ascii_lowercase(), b2.to_ascii_lowercase());
    let movable = matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y'));
    let after_q = n >= 3 && matches!(chars[n - 3], 'q' | 'Q');
    if !movable || after_q || (t1 == 0) == (t2 == 0) {
        return word.to_string();
    }
    let tone = t1.max(t2);
    let (n1, n2) = if t1 > 0 {
        (with_tone(b1, 0), with_tone(b2, tone))
    } else {
        (with_tone(b1, tone), with_tone(b2, 0))
    };
    let mut out: String = chars[..n - 2].iter().collect();
    out.push(n1);
    out.push(n2);
    out
}

/// The phrase with every movable tone mark placed the classic way (`hòa`,
/// `thủy`): one key for both conventions.
pub(crate) fn classic_tones(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(|w| {
            let swapped = swap_tone_word(w);
            // classic puts the mark on the first vowel of the pair
            let chars: Vec<char> = w.chars().collect();
            let n = chars.len();
            if n >= 2 && split_tone(chars[n - 1]).1 > 0 && swapped != w {
                swapped
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Both tone-placement spellings of a phrase (one when they agree).
pub(crate) fn tone_variants(phrase: &str) -> Vec<String> {
    let classic = classic_tones(phrase);
    let modern = phrase
        .split(' ')
        .map(|w| {
            let c = classic_tones(w);
            let s = swap_tone_word(&c);
            if s != c {
                s
            } else {
                c
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = vec![classic];
    if modern != out[0] {
        out.push(modern);
    }
    out
}

/// Spellings of a dictionary phrase to look for in text: as written, all
/// lowercase, first letter capitalized, every word capitalized, all
/// uppercase; each in both tone placements.
pub(crate) fn case_variants(phrase: &str, lowercase_ok: bool) -> Vec<String> {
    let mut forms = vec![
        phrase.to_string(),
        capitalize_first(phrase),
        capitalize_first(&phrase.to_lowercase()),
        title_case(phrase),
        phrase.to_uppercase(),
    ];
    if lowercase_ok {
        forms.push(phrase.to_lowercase());
    }
    let mut out = Vec::new();
    for f in forms {
        for v in tone_variants(&f) {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// Lookup key for names: lowercase, classic tone placement, single spaces.
/// One pass, one allocation: this runs for every candidate place name.
pub(crate) fn fold_key(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    let mut word: Vec<char> = Vec::with_capacity(16);
    for w in phrase.split_whitespace() {
        word.clear();
        word.extend(w.chars().flat_map(char::to_lowercase));
        // classic placement: a mark on the second vowel of a final open
        // oa/oe/uy (not after q) moves to the first
        let n = word.len();
        if n >= 2 {
            let (b1, t1) = split_tone(word[n - 2]);
            let (b2, t2) = split_tone(word[n - 1]);
            let movable = matches!((b1, b2), ('o', 'a') | ('o', 'e') | ('u', 'y'));
            let after_q = n >= 3 && word[n - 3] == 'q';
            if movable && !after_q && t1 == 0 && t2 > 0 {
                word[n - 2] = with_tone(b1, t2);
                word[n - 1] = b2;
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.iter());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_apostrophes() {
        let t = "bà H'Hen Niê, 'Bắt";
        let (s, e) = next_word(t, "bà".len()).unwrap();
        assert_eq!(&t[s..e], "H'Hen");
        assert_eq!(word_start(t, e), Some(s));
        let q = t.find('\'').unwrap();
        let last = t.rfind('\'').unwrap();
        assert!(q < last);
        assert_eq!(word_end(t, last), None);
        assert_eq!(word_end(t, last + 1).map(|e| &t[last + 1..e]), Some("Bắt"));
    }

    #[test]
    fn capitalization() {
        assert!(is_capitalized("Nguyễn"));
        assert!(is_capitalized("K'Ré"));
        assert!(is_capitalized("Y"));
        assert!(!is_capitalized("UBND"));
        assert!(is_abbreviation("HĐND"));
        assert!(is_abbreviation("QH13"));
        assert!(!is_abbreviation("Hà"));
    }

    #[test]
    fn tones_move_only_where_they_may() {
        assert_eq!(tone_variants("Đảng ủy"), vec!["Đảng ủy", "Đảng uỷ"]);
        assert_eq!(tone_variants("Đảng uỷ"), vec!["Đảng ủy", "Đảng uỷ"]);
        assert_eq!(tone_variants("Khánh Hoà"), vec!["Khánh Hòa", "Khánh Hoà"]);
        assert_eq!(tone_variants("quý"), vec!["quý"]);
        assert_eq!(tone_variants("hoàn"), vec!["hoàn"]);
        assert_eq!(fold_key("Thanh  Hoá"), "thanh hóa");
    }
}
