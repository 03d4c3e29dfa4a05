//! VIQR (RFC 1456): Vietnamese written in ASCII with marks typed after the
//! vowel: `(` breve, `^` circumflex, `+` horn, `'` acute, `` ` `` grave,
//! `?` hook, `~` tilde, `.` dot below; `dd` is đ and `\` escapes a mark.
//!
//! Plain ASCII text is full of these characters, so this decoder runs only
//! when the caller forces it or detection finds VIQR words throughout.

use super::legacy::{combine, NO_VOWEL};
use super::tables::VOWELS;

fn vowel_code(c: char) -> u8 {
    let (base, upper) = match c {
        'a' => (0, false),
        'e' => (3, false),
        'i' => (5, false),
        'o' => (6, false),
        'u' => (9, false),
        'y' => (11, false),
        'A' => (0, true),
        'E' => (3, true),
        'I' => (5, true),
        'O' => (6, true),
        'U' => (9, true),
        'Y' => (11, true),
        _ => return NO_VOWEL,
    };
    u8::from(upper) * 72 + base * 6
}

fn mark_code(c: char) -> u8 {
    match c {
        '^' => 1 + 6,
        '(' => 1 + 12,
        '+' => 1 + 18,
        '`' => 1 + 1,
        '?' => 1 + 2,
        '~' => 1 + 3,
        '\'' => 1 + 4,
        '.' => 1 + 5,
        _ => 0,
    }
}

/// Decodes VIQR text. Characters outside ASCII pass through.
pub(crate) fn decode(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    // the vowel being built: its start in `out` and its code
    let mut cur: Option<(usize, u8)> = None;
    let mut word_start = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\\' {
            if let Some(n) = next {
                out.push(n);
                word_start = !n.is_alphanumeric();
                i += 2;
            } else {
                // a lone backslash at the end escapes nothing
                i += 1;
            }
            cur = None;
            continue;
        }
        let mark = mark_code(c);
        if mark != 0 {
            if let Some((pos, code)) = cur {
                let is_tone = mark <= 6;
                let punct_like = matches!(c, '.' | '?' | '\'') && ends_word(&chars, i + 1);
                if !(punct_like && is_tone && !tone_continues(&chars, i + 1, c)) {
                    if let Some(v) = combine(code, mark) {
                        out.truncate(pos);
                        out.push_str(VOWELS.get(usize::from(v)).copied().unwrap_or("\u{FFFD}"));
                        cur = Some((pos, v));
                        i += 1;
                        continue;
                    }
                }
            }
            out.push(c);
            cur = None;
            word_start = !c.is_alphanumeric();
            i += 1;
            continue;
        }
        // dd -> đ at the start of a word
        if word_start && matches!(c, 'd' | 'D') && matches!(next, Some('d' | 'D')) {
            out.push(if c == 'D' { 'Đ' } else { 'đ' });
            cur = None;
            word_start = false;
            i += 2;
            continue;
        }
        let v = vowel_code(c);
        if v != NO_VOWEL {
            cur = Some((out.len(), v));
        } else {
            cur = None;
        }
        out.push(c);
        word_start = !c.is_alphanumeric();
        i += 1;
    }
    out
}

// True when position `at` is past the end of the word (end, space, punctuation).
fn ends_word(chars: &[char], at: usize) -> bool {
    chars.get(at).map_or(true, |c| {
        !c.is_alphanumeric() && mark_code(*c) == 0 && *c != '\\'
    })
}

// A `.`, `?` or `'` at the end of a word is a tone when the sentence goes on
// (a space then a lowercase letter); before an uppercase letter, a line end or
// the end of text it is punctuation. `'` is a tone unless a quote closes.
fn tone_continues(chars: &[char], at: usize, mark: char) -> bool {
    match chars.get(at) {
        None => false,
        Some(' ') => match chars.get(at + 1) {
            Some(n) if n.is_lowercase() => true,
            Some(n) if n.is_uppercase() => mark == '\'',
            _ => false,
        },
        Some(c) if mark == '\'' => !matches!(c, '"' | '\'' | ')' | '\n' | '\r'),
        Some(',' | ';' | ':' | ')') => true,
        Some(_) => false,
    }
}

/// Counts words that carry VIQR marks and all words, for detection.
pub(crate) fn evidence(text: &[u8]) -> (usize, usize) {
    let mut marked = 0usize;
    let mut words = 0usize;
    let mut in_word = false;
    let mut this_marked = false;
    let mut prev_vowel = false;
    for (k, &b) in text.iter().enumerate() {
        let letter = b.is_ascii_alphabetic();
        if letter {
            if !in_word {
                words += 1;
                in_word = true;
                this_marked = false;
            }
            prev_vowel = matches!(b | 0x20, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
            continue;
        }
        let is_mod = matches!(b, b'^' | b'(' | b'+');
        let is_tone = matches!(b, b'`' | b'?' | b'~' | b'\'' | b'.');
        if in_word && prev_vowel && (is_mod || is_tone) {
            // a tone mark counts when the word goes on after it (mid-word),
            // or it follows a modifier; modifiers count when a letter or tone follows
            let after = text.get(k + 1).copied().unwrap_or(b' ');
            let cont =
                after.is_ascii_alphabetic() || matches!(after, b'`' | b'?' | b'~' | b'\'' | b'.');
            if (is_mod && cont)
                || (is_tone && (after.is_ascii_alphabetic() || matches!(b, b'`' | b'~')))
            {
                if !this_marked {
                    marked += 1;
                    this_marked = true;
                }
                // the word continues through the mark
                prev_vowel = is_mod;
                continue;
            }
        }
        in_word = false;
        prev_vowel = false;
    }
    (marked, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_viqr() {
        assert_eq!(decode("Vie^.t Nam"), "Việt Nam");
        assert_eq!(decode("Ha` No^.i."), "Hà Nội.");
        assert_eq!(decode("ddu+o+.c ba.n bi. o^'m"), "được bạn bị ốm");
        assert_eq!(decode("Co' kho^ng?"), "Có không?");
        assert_eq!(decode("DDa(\\'k"), "Đă'k");
        assert_eq!(decode("Tru+o+`ng"), "Trường");
    }

    #[test]
    fn evidence_counts() {
        let (m, w) = evidence(b"Vie^.t Nam la` mo^.t nu+o+'c");
        assert_eq!((m, w), (4, 5));
        let (m, _) = evidence(b"I'm sure we're fine, it's ok.");
        assert!(m <= 2);
    }
}
