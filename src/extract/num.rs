//! Vietnamese numbers: `2.945` (thousands dot), `33,2` (decimal comma).

use super::text::boundary_after;

/// A number token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Num {
    /// End byte of the number.
    pub(crate) end: usize,
    /// Its value.
    pub(crate) value: f64,
    /// Only digits (no grouping, no decimals).
    pub(crate) plain: bool,
}

/// Skips the rest of a token that is not a number we read (`2.0`, `5G`,
/// `H5N1`): letters, digits, and dots or commas between digits.
pub(crate) fn skip_token(b: &[u8], p: usize) -> usize {
    let mut i = p;
    while i < b.len() {
        let c = b[i];
        let joins = matches!(c, b'.' | b',') && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if c.is_ascii_alphanumeric() || joins {
            i += 1;
        } else {
            break;
        }
    }
    i.max(p + 1).min(b.len())
}

/// Count of ASCII digits starting at `i`.
pub(crate) fn digits(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// Value of the digit run `b[i..i + n]` (at most 18 digits).
pub(crate) fn int(b: &[u8], i: usize, n: usize) -> Option<u64> {
    if n == 0 || n > 18 {
        return None;
    }
    b.get(i..i + n)?.iter().try_fold(0u64, |acc, c| {
        Some(acc * 10 + u64::from(c.checked_sub(b'0')?))
    })
}

/// Reads a Vietnamese number at `p`: digits, then groups `.ddd`, then a
/// decimal part `,d…`. `None` for anything else (`2.0`, `1,2,3`, `5G`).
pub(crate) fn parse(text: &str, p: usize) -> Option<Num> {
    let b = text.as_bytes();
    let n = digits(b, p);
    let mut value = int(b, p, n)? as f64;
    let mut i = p + n;
    let mut plain = true;
    while b.get(i) == Some(&b'.') && digits(b, i + 1) == 3 {
        if n > 3 {
            return None;
        }
        value = value * 1000.0 + int(b, i + 1, 3)? as f64;
        i += 4;
        plain = false;
    }
    if b.get(i) == Some(&b'.') && digits(b, i + 1) > 0 {
        return None;
    }
    if b.get(i) == Some(&b',') {
        let f = digits(b, i + 1);
        if f > 0 {
            let frac = int(b, i + 1, f.min(15))? as f64;
            value += frac / 10f64.powi(f.min(15) as i32);
            i += 1 + f;
            plain = false;
            if matches!(b.get(i), Some(b'.' | b',')) && digits(b, i + 1) > 0 {
                return None;
            }
        }
    }
    if !boundary_after(text, i) {
        return None;
    }
    Some(Num {
        end: i,
        value,
        plain,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers() {
        let v = |s: &str| parse(s, 0).map(|n| n.value);
        assert_eq!(v("2.945 hồ sơ"), Some(2945.0));
        assert_eq!(v("91,24%"), Some(91.24));
        assert_eq!(v("1.234.567,5"), Some(1234567.5));
        assert_eq!(v("2.945, 1.688"), Some(2945.0));
        assert_eq!(v("2.0"), None);
        assert_eq!(v("5G"), None);
        assert_eq!(v("04 tổ"), Some(4.0));
        assert_eq!(skip_token(b"2.0 x", 0), 3);
    }
}
