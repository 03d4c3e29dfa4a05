//! Token ids shared by every model, and text -> token conversion.

use crate::syllable;
use std::cell::RefCell;
use std::sync::LazyLock;

thread_local! {
    static LOWER: RefCell<String> = const { RefCell::new(String::new()) };
}

/// A token id: [`BOUNDARY`], [`UNKNOWN`], [`NUMBER`] or [`syllable_token`].
pub type TokenId = u32;

/// Start or end of a document, sentence or clause.
pub const BOUNDARY: TokenId = 0;
/// A letter run that is not a valid Vietnamese syllable.
pub const UNKNOWN: TokenId = 1;
/// A run of digits (with `.`/`,` between digits, as in `1.500,5`).
pub const NUMBER: TokenId = 2;

/// The token of the syllable at `inventory_index` in
/// [`syllable::inventory`].
pub const fn syllable_token(inventory_index: u32) -> TokenId {
    inventory_index.saturating_add(3)
}

/// The inventory index of a syllable token, or `None` for the special tokens.
pub const fn syllable_index(token: TokenId) -> Option<u32> {
    token.checked_sub(3)
}

/// Number of distinct tokens: the three special ones plus the inventory.
pub fn vocab_size() -> usize {
    syllable::inventory().len() + 3
}

/// The token of one letter run: its canonical syllable, else [`UNKNOWN`].
///
/// Any case and tone placement is accepted (`Hòa` = `hoà`); a word that is
/// already canonical is looked up without allocating.
pub fn token_of_word(word: &str) -> TokenId {
    if let Some(i) = syllable::index_of(word) {
        return syllable_token(i);
    }
    // Capitalized words in modern placement: lowercase into a reused buffer
    // and look up again before the allocating canonicalization.
    if word.len() <= 32 && word.chars().any(char::is_uppercase) {
        let hit = LOWER.with(|buf| {
            let mut buf = buf.borrow_mut();
            buf.clear();
            buf.extend(word.chars().flat_map(char::to_lowercase));
            syllable::index_of(&buf)
        });
        if let Some(i) = hit {
            return syllable_token(i);
        }
    }
    match syllable::canonical(word).and_then(|c| syllable::index_of(&c)) {
        Some(i) => syllable_token(i),
        None => UNKNOWN,
    }
}

/// Characters that end a sentence or clause: they become [`BOUNDARY`].
/// Hyphens, slashes, quotes and spaces join words and keep the context.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | ';'
            | ':'
            | ','
            | '…'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '\n'
            | '\r'
            | '\u{2028}'
            | '\u{2029}'
            | '•'
            | '|'
            | '·'
    )
}

/// Appends the tokens for non-letter text between two words: [`NUMBER`] for
/// each digit run and [`BOUNDARY`] for sentence/clause punctuation (never two
/// boundaries in a row, counting what `out` already ends with).
///
/// [`tokenize`] calls this for every gap; decoders that walk
/// [`syllable::words`] themselves call it to stay in step with the models.
pub fn push_gap_tokens(gap: &str, out: &mut Vec<TokenId>) {
    // most gaps are one space, which makes no token
    if gap == " " {
        return;
    }
    let mut prev: Option<char> = None;
    let mut in_number = false;
    let mut chars = gap.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_numeric() {
            if !in_number {
                out.push(NUMBER);
                in_number = true;
            }
        } else if in_number
            && matches!(c, '.' | ',')
            && prev.is_some_and(char::is_numeric)
            && chars.peek().is_some_and(|n| n.is_numeric())
        {
            // a decimal or thousands separator inside a number
        } else {
            in_number = false;
            if is_break(c) && out.last() != Some(&BOUNDARY) {
                out.push(BOUNDARY);
            }
        }
        prev = Some(c);
    }
}

/// Appends the tokens of `text` to `out`: a [`BOUNDARY`] first, then words
/// ([`token_of_word`]) and gaps ([`push_gap_tokens`]), then a final
/// [`BOUNDARY`]. Never two boundaries in a row.
pub fn tokenize(text: &str, out: &mut Vec<TokenId>) {
    if out.last() != Some(&BOUNDARY) {
        out.push(BOUNDARY);
    }
    let mut pos = 0;
    for (span, word) in syllable::words(text) {
        if let Some(gap) = text.get(pos..span.start) {
            push_gap_tokens(gap, out);
        }
        out.push(token_of_word(word));
        pos = span.end;
    }
    if let Some(gap) = text.get(pos..) {
        push_gap_tokens(gap, out);
    }
    if out.last() != Some(&BOUNDARY) {
        out.push(BOUNDARY);
    }
}

/// A 64-bit FNV-1a fingerprint of the syllable inventory. Stored in every
/// model file; a model counted over a different inventory is rejected.
pub fn inventory_fingerprint() -> u64 {
    static FINGERPRINT: LazyLock<u64> = LazyLock::new(|| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for s in syllable::inventory() {
            for &b in s.as_bytes().iter().chain(b"\n") {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        h
    });
    *FINGERPRINT
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<TokenId> {
        let mut v = Vec::new();
        tokenize(text, &mut v);
        v
    }

    #[test]
    fn special_ids_are_fixed() {
        assert_eq!((BOUNDARY, UNKNOWN, NUMBER), (0, 1, 2));
        assert_eq!(syllable_token(0), 3);
        assert_eq!(syllable_index(3), Some(0));
        assert_eq!(syllable_index(NUMBER), None);
    }

    #[test]
    fn tone_placement_and_case_share_a_token() {
        let a = token_of_word("hoà");
        assert_ne!(a, UNKNOWN);
        assert_eq!(token_of_word("Hòa"), a);
        assert_eq!(token_of_word("HOÀ"), a);
        assert_eq!(token_of_word("UBND"), UNKNOWN);
        assert_eq!(token_of_word("qũýết"), UNKNOWN);
    }

    #[test]
    fn punctuation_numbers_and_joiners() {
        let t = toks("Năm 2020, GDP tăng 2,91%. Hà Nội-Hải Phòng");
        let n = |w| token_of_word(w);
        assert_eq!(
            t,
            vec![
                BOUNDARY,
                n("năm"),
                NUMBER,
                BOUNDARY,
                UNKNOWN,
                n("tăng"),
                NUMBER,
                BOUNDARY,
                n("hà"),
                n("nội"),
                n("hải"),
                n("phòng"),
                BOUNDARY
            ]
        );
        assert_eq!(toks(""), vec![BOUNDARY]);
        assert_eq!(toks("... !!"), vec![BOUNDARY]);
    }

    #[test]
    fn fingerprint_is_stable_within_a_build() {
        assert_eq!(inventory_fingerprint(), inventory_fingerprint());
        assert_ne!(inventory_fingerprint(), 0);
    }
}
