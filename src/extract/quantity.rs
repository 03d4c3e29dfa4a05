//! Quantities: `2.945 hồ sơ`, `4.078 thành viên`, `36/74 hoạt động`: a
//! number or a fraction followed by a counted noun or unit from the
//! dictionary.

use super::dict::Dicts;
use super::num::{parse, Num};
use super::text::skip_spaces;
use super::{fact, Fact, FactData, Quantity};

/// The quantity whose number `n` starts at `p`.
pub(crate) fn at(d: &Dicts, text: &str, p: usize, n: &Num) -> Option<Fact> {
    let b = text.as_bytes();
    let mut end = n.end;
    let mut denominator = None;
    if b.get(end) == Some(&b'/') && n.plain {
        let den = parse(text, end + 1).filter(|m| m.plain)?;
        denominator = Some(den.value);
        end = den.end;
    }
    let s = skip_spaces(text, end);
    if s == end {
        return None;
    }
    let (ue, unit) = d.unit_at(text, s)?;
    let data = match denominator {
        Some(den) => Quantity {
            value: None,
            numerator: Some(n.value),
            denominator: Some(den),
            unit: unit.to_string(),
        },
        None => Quantity {
            value: Some(n.value),
            numerator: None,
            denominator: None,
            unit: unit.to_string(),
        },
    };
    fact(text, p, ue, FactData::Quantity(data))
}
