//! What repair can turn a token into: the shapes of every inventory syllable
//! and the abbreviation dictionary (`data/abbreviations.tsv`), both keyed by
//! skeleton.

use super::channel::Shape;
use super::letters::analyse;
use crate::syllable;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The shape of every syllable of [`syllable::inventory`], by index.
pub(crate) fn shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        syllable::inventory()
            .iter()
            .map(|s| {
                let mut shape = analyse(s)
                    .and_then(|a| Shape::of(a.letters()))
                    .unwrap_or_default();
                // the classic placement may put the tone on another letter
                let classic = syllable::place_tone(s, syllable::ToneStyle::Classic)
                    .and_then(|c| analyse(&c))
                    .and_then(|a| Shape::of(a.letters()));
                if let Some(c) = classic {
                    shape.tpos[1] = c.tpos[0];
                }
                shape
            })
            .collect()
    })
}

/// One abbreviation as written (`UBND`, `HĐND`, `CTr`).
#[derive(Debug, Clone)]
pub(crate) struct Abbrev {
    pub form: &'static str,
    pub shape: Shape,
}

/// The abbreviation dictionary, by lowercase ASCII skeleton.
pub(crate) struct Abbrevs {
    pub all: Vec<Abbrev>,
    by_skeleton: HashMap<Vec<u8>, Vec<u32>>,
}

static ABBREV_TSV: &str = include_str!("../../data/abbreviations.tsv");

impl Abbrevs {
    /// Indices into `all` of the abbreviations with this skeleton.
    pub fn by_skeleton(&self, skel: &[u8]) -> &[u32] {
        self.by_skeleton.get(skel).map_or(&[], |v| v.as_slice())
    }
}

/// The parsed abbreviation dictionary. Lines that do not parse are skipped
/// (the file is generated and checked by a unit test).
pub(crate) fn abbrevs() -> &'static Abbrevs {
    static ABBREVS: OnceLock<Abbrevs> = OnceLock::new();
    ABBREVS.get_or_init(|| {
        let mut all = Vec::new();
        let mut by_skeleton: HashMap<Vec<u8>, Vec<u32>> = HashMap::new();
        for form in parse_tsv(ABBREV_TSV).into_iter().flatten() {
            let Some(a) = analyse(form) else { continue };
            let Some(shape) = Shape::of(a.letters()) else {
                continue;
            };
            let skel: Vec<u8> = a.letters().iter().map(|l| l.base).collect();
            by_skeleton.entry(skel).or_default().push(all.len() as u32);
            all.push(Abbrev { form, shape });
        }
        Abbrevs { all, by_skeleton }
    })
}

/// The forms of the TSV, or the line number of a bad line.
fn parse_tsv(text: &'static str) -> Vec<Result<&'static str, usize>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let form = l.split('\t').next().unwrap_or("");
            if form.is_empty() || analyse(form).is_none() {
                Err(i + 1)
            } else {
                Ok(form)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviation_file_parses() {
        let bad: Vec<usize> = parse_tsv(ABBREV_TSV)
            .into_iter()
            .filter_map(|r| r.err())
            .collect();
        assert!(
            bad.is_empty(),
            "bad lines in data/abbreviations.tsv: {bad:?}"
        );
        let a = abbrevs();
        assert!(a.all.len() > 3000);
        let forms: Vec<&str> = a
            .by_skeleton(b"ubnd")
            .iter()
            .map(|&i| a.all[i as usize].form)
            .collect();
        assert_eq!(forms, ["UBND"]);
    }

    #[test]
    fn every_inventory_syllable_has_a_shape() {
        let s = shapes();
        assert_eq!(s.len(), syllable::inventory().len());
        assert!(s.iter().all(|x| x.len > 0));
    }
}
