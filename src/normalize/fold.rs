//! Char folding: odd spaces, invisible chars, look-alikes of `Đ`, styled
//! letters. Nothing else is folded: `½`, `m²` and `™` stay as they are.

use unicode_normalization::char::{
    canonical_combining_class, decompose_compatible, is_combining_mark,
};
use unicode_normalization::{is_nfc_quick, IsNormalized};

/// What to do with one char.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fold {
    Keep,
    Drop,
    To(char),
}

/// Space separators other than U+0020 (category Zs).
pub(super) fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Zero-width and other invisible chars that scraped pages carry by
/// accident: zero-width space/non-joiner/joiner, word joiner and invisible
/// operators, BOM, soft hyphen, left-to-right and right-to-left marks.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Letters typed or converted in place of `Đ`/`đ`: Latin eth and the African D.
pub(super) fn dstroke_lookalike(c: char) -> Option<char> {
    match c {
        '\u{00D0}' | '\u{0189}' => Some('Đ'),
        '\u{00F0}' | '\u{0256}' => Some('đ'),
        _ => None,
    }
}

/// Styled letters and digits: Mathematical Alphanumeric Symbols, the
/// letterlike symbols that fill the holes of that block (ℂ, ℍ, ℎ …) and
/// fullwidth ASCII. Returns the plain char.
pub(super) fn unstyle(c: char) -> Option<char> {
    let cp = c as u32;
    if (0xFF01..=0xFF5E).contains(&cp) {
        return char::from_u32(cp - 0xFEE0);
    }
    let letterlike = matches!(
        c,
        '\u{2102}' | '\u{210A}'..='\u{2113}' | '\u{2115}' | '\u{2119}'..='\u{211D}' | '\u{2124}' | '\u{2128}'
            | '\u{212C}' | '\u{212D}' | '\u{212F}'..='\u{2131}' | '\u{2133}' | '\u{2134}' | '\u{2139}'
    );
    if (0x1D400..=0x1D7FF).contains(&cp) || letterlike {
        let mut out = None;
        let mut n = 0;
        decompose_compatible(c, |d| {
            n += 1;
            out = Some(d);
        });
        if n == 1 && out != Some(c) {
            return out;
        }
    }
    None
}

/// True when `c` (non-ASCII) may need any work from the normalizer.
pub(crate) fn needs_work(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    is_odd_space(c)
        || is_invisible(c)
        || dstroke_lookalike(c).is_some()
        || unstyle(c).is_some()
        || canonical_combining_class(c) != 0
        || is_combining_mark(c)
        || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes
}

/// Which folds are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FoldOptions {
    pub spaces: bool,
    pub invisible: bool,
    pub lookalikes: bool,
    pub styled: bool,
}

/// The fold for one char. `prev` is the previous char of the output (for the
/// zero-width joiner, which is kept between emoji).
pub(super) fn fold(c: char, prev: Option<char>, o: FoldOptions) -> Fold {
    if c.is_ascii() {
        return Fold::Keep;
    }
    if o.spaces && is_odd_space(c) {
        return Fold::To(' ');
    }
    if o.invisible && is_invisible(c) {
        // a joiner between pictographs builds one emoji: keep it there
        if c == '\u{200D}'
            && prev.is_some_and(|p| !p.is_alphanumeric() && !p.is_whitespace() && !p.is_ascii())
        {
            return Fold::Keep;
        }
        return Fold::Drop;
    }
    if o.lookalikes {
        if let Some(d) = dstroke_lookalike(c) {
            return Fold::To(d);
        }
    }
    if o.styled {
        if let Some(p) = unstyle(c) {
            return Fold::To(p);
        }
    }
    Fold::Keep
}
