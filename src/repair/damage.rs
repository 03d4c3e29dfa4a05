//! Synthetic damage for evaluating repair: the three kinds of broken text
//! seen on real pages. Deterministic for a given seed.

use super::letters::{
    compose, is_vowel, letter_of, mod_fits, mod_mark, tone_mark, Letter, M_BAR, M_BREVE, M_CIRC,
    M_HORN, T_NONE,
};
use unicode_normalization::UnicodeNormalization;

/// A kind of damage.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Damage {
    /// Every vowel gains a random tone or modifier with probability `rate`
    /// (stacking on marks it already has), and `d` becomes `đ` with
    /// probability `d_rate`: the damage of pages run through a broken
    /// converter.
    AddMarks {
        /// Probability that a vowel gains a mark.
        rate: f64,
        /// Probability that `d` gains a bar.
        d_rate: f64,
    },
    /// Every mark is removed and `đ` becomes `d` (ASCII-only text).
    Strip,
    /// Each tone mark is replaced by another tone with probability `rate`
    /// (typing slips).
    SwapTones {
        /// Probability that a tone is swapped.
        rate: f64,
    },
}

impl Damage {
    /// The damage of the real damaged page: marks added at 0.34, `d` -> `đ` at 0.2.
    pub const ADD_MARKS: Damage = Damage::AddMarks {
        rate: 0.34,
        d_rate: 0.2,
    };
    /// One tone in seven swapped.
    pub const SWAP_TONES: Damage = Damage::SwapTones { rate: 1.0 / 7.0 };
}

/// A small deterministic generator (SplitMix64), so evaluations repeat exactly.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

/// Damages `text` as `kind` says, with random choices drawn from `seed`.
///
/// Only letters change; every other char, and the number of letters, stay as
/// they were. The output is NFC except where marks stack on a letter that has
/// no precomposed form.
///
/// ```
/// use vietnorm::repair::damage::{damage, Damage};
/// assert_eq!(damage("Việt Nam đổi mới", Damage::Strip, 1), "Viet Nam doi moi");
/// ```
pub fn damage(text: &str, kind: Damage, seed: u64) -> String {
    let mut rng = Rng(seed);
    let text: String = text.nfc().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut chars = text.chars().peekable();
    let mut word: Vec<(Letter, Vec<char>)> = Vec::new();
    loop {
        let c = chars.next();
        let letter = c.and_then(letter_of);
        if let (Some(ch), Some(l)) = (c, letter) {
            let mut extra = Vec::new();
            while let Some(&m) = chars.peek() {
                if super::letters::is_combining(m) {
                    extra.push(m);
                    chars.next();
                } else {
                    break;
                }
            }
            if extra.is_empty() {
                word.push((l, Vec::new()));
            } else {
                // a letter that already carries combining marks is kept as written
                let mut raw = vec![ch];
                raw.extend(extra);
                word.push((Letter { base: 0, ..l }, raw));
            }
            continue;
        }
        if !word.is_empty() {
            damage_word(&mut word, kind, &mut rng, &mut out);
            word.clear();
        }
        match c {
            Some(ch) => out.push(ch),
            None => break,
        }
    }
    out
}

fn damage_word(word: &mut [(Letter, Vec<char>)], kind: Damage, rng: &mut Rng, out: &mut String) {
    // extra combining marks stacked on each letter
    let mut stacked: Vec<Vec<char>> = vec![Vec::new(); word.len()];
    match kind {
        Damage::AddMarks { rate, d_rate } => {
            for (i, (l, raw)) in word.iter_mut().enumerate() {
                if !raw.is_empty() {
                    continue;
                }
                if l.base == b'd' && l.mods == 0 {
                    if rng.unit() < d_rate {
                        l.mods = 1 << M_BAR;
                        l.n_mods = 1;
                    }
                    continue;
                }
                if !is_vowel(l.base) || rng.unit() >= rate {
                    continue;
                }
                let fits: Vec<u8> = [M_CIRC, M_BREVE, M_HORN]
                    .into_iter()
                    .filter(|&m| mod_fits(l.base, m))
                    .collect();
                if fits.is_empty() || rng.unit() < 0.8 {
                    let t = 1 + rng.below(5) as u8;
                    if l.n_tones == 0 {
                        l.tones = 1 << t;
                        l.n_tones = 1;
                    } else if let Some(m) = tone_mark(t) {
                        stacked[i].push(m);
                    }
                } else {
                    let m = fits[rng.below(fits.len() as u64) as usize];
                    if l.n_mods == 0 {
                        l.mods = 1 << m;
                        l.n_mods = 1;
                    } else if l.mods != 1 << m {
                        if let Some(c) = mod_mark(m) {
                            stacked[i].push(c);
                        }
                    }
                }
            }
        }
        Damage::Strip => {
            for (l, raw) in word.iter_mut() {
                if raw.is_empty() {
                    l.mods = 0;
                    l.n_mods = 0;
                    l.tones = 0;
                    l.n_tones = 0;
                } else if let Some(&first) = raw.first() {
                    if let Some(base) = letter_of(first) {
                        *l = Letter {
                            base: base.base,
                            upper: base.upper,
                            ..Letter::default()
                        };
                        raw.clear();
                    }
                }
            }
        }
        Damage::SwapTones { rate } => {
            let toned: Vec<usize> = word
                .iter()
                .enumerate()
                .filter(|(_, (l, raw))| raw.is_empty() && l.n_tones == 1)
                .map(|(i, _)| i)
                .collect();
            if toned.len() == 1 && rng.unit() < rate {
                let i = toned[0];
                let old = word[i].0.first_tone();
                let mut t = 1 + rng.below(4) as u8;
                if t >= old {
                    t += 1;
                }
                word[i].0.tones = 1 << t;
            }
        }
    }
    for ((l, raw), extra) in word.iter().zip(stacked) {
        if !raw.is_empty() {
            out.extend(raw.iter());
            continue;
        }
        let t = if l.n_tones > 0 {
            l.first_tone()
        } else {
            T_NONE
        };
        match compose(l.base, l.first_mod(), t, l.upper) {
            Some(c) => out.push(c),
            None => {
                // no precomposed char (a tone on a consonant, say): write marks
                let b = if l.upper {
                    l.base.to_ascii_uppercase()
                } else {
                    l.base
                };
                out.push(b as char);
                if let Some(m) = mod_mark(l.first_mod()) {
                    out.push(m);
                }
                if let Some(m) = tone_mark(t) {
                    out.push(m);
                }
            }
        }
        out.extend(extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_removes_all_marks() {
        assert_eq!(
            damage("Đắk Nông, ngày 14/5: họ̣p", Damage::Strip, 3),
            "Dak Nong, ngay 14/5: hop"
        );
    }

    #[test]
    fn add_marks_keeps_letters_and_other_chars() {
        let s = "Ủy ban nhân dân tỉnh đã ban hành kế hoạch số 12/KH-UBND.";
        let d = damage(s, Damage::ADD_MARKS, 7);
        assert_ne!(d, s);
        let strip = |x: &str| damage(x, Damage::Strip, 0);
        assert_eq!(strip(&d), strip(s));
        assert_eq!(damage(s, Damage::ADD_MARKS, 7), d, "deterministic");
    }

    #[test]
    fn swap_changes_only_tones() {
        let s = "Thực hiện nghị quyết của tỉnh về phát triển khoa học";
        let d = damage(s, Damage::SwapTones { rate: 1.0 }, 9);
        let strip = |x: &str| damage(x, Damage::Strip, 0);
        assert_eq!(strip(&d), strip(s));
        assert_eq!(d.chars().count(), s.chars().count());
        assert_ne!(d, s);
    }
}
