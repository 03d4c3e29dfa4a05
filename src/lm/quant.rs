//! 8-bit quantization of log-probabilities with a 256-entry codebook.
//!
//! The codebook starts from equal-count bins over the sorted values and is
//! refined by a few Lloyd iterations (each value goes to its nearest centroid;
//! centroids move to the mean of their values). Deterministic: it depends
//! only on the multiset of values.

/// Number of codebook entries (one byte per stored value).
pub(crate) const LEVELS: usize = 256;

/// A sorted codebook of representative values.
#[derive(Debug, Clone)]
pub(crate) struct Codebook {
    pub(crate) values: Vec<f32>,
}

impl Codebook {
    /// Fits a codebook to `values` (any order; non-finite values are ignored).
    pub(crate) fn fit(values: &[f64]) -> Codebook {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        if n == 0 {
            return Codebook {
                values: vec![0.0; LEVELS],
            };
        }
        let mut prefix = Vec::with_capacity(n + 1);
        let mut acc = 0.0f64;
        prefix.push(0.0);
        for v in &sorted {
            acc += v;
            prefix.push(acc);
        }
        let mean = |lo: usize, hi: usize| -> Option<f64> {
            let (a, b) = (prefix.get(lo)?, prefix.get(hi)?);
            (hi > lo).then(|| (b - a) / (hi - lo) as f64)
        };
        // equal-count bins
        let mut cent: Vec<f64> = (0..LEVELS)
            .filter_map(|k| mean(k * n / LEVELS, (k + 1) * n / LEVELS))
            .collect();
        cent.dedup();
        for _ in 0..6 {
            // boundaries between neighbouring centroids split the sorted values
            let mut next = Vec::with_capacity(cent.len());
            let mut lo = 0usize;
            for (k, &c) in cent.iter().enumerate() {
                let hi = match cent.get(k + 1) {
                    Some(&up) => {
                        let mid = (c + up) / 2.0;
                        lo + sorted
                            .get(lo..)
                            .map_or(0, |s| s.partition_point(|&v| v < mid))
                    }
                    None => n,
                };
                if let Some(m) = mean(lo, hi) {
                    next.push(m);
                }
                lo = hi;
            }
            next.dedup();
            cent = next;
        }
        let mut values: Vec<f32> = cent.iter().map(|&v| v as f32).collect();
        values.dedup();
        // pad with the last value so every byte decodes to something sensible
        let last = values.last().copied().unwrap_or(0.0);
        values.resize(LEVELS, last);
        Codebook { values }
    }

    /// The code of the nearest codebook value.
    pub(crate) fn encode(&self, v: f64) -> u8 {
        let v = v as f32;
        let i = self.values.partition_point(|&c| c < v);
        let best = match (i.checked_sub(1), self.values.get(i)) {
            (Some(lo), Some(&hi)) => {
                let lov = self.values.get(lo).copied().unwrap_or(hi);
                if (v - lov).abs() <= (hi - v).abs() {
                    lo
                } else {
                    i
                }
            }
            (Some(lo), None) => lo,
            (None, _) => 0,
        };
        // values has LEVELS entries, so best fits in a byte
        u8::try_from(best.min(LEVELS - 1)).unwrap_or(u8::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_values_are_exact() {
        let cb = Codebook::fit(&[-1.0, -2.0, -3.0]);
        for v in [-1.0, -2.0, -3.0] {
            assert_eq!(f64::from(cb.values[cb.encode(v) as usize]), v);
        }
    }

    #[test]
    fn many_values_are_close() {
        let vals: Vec<f64> = (0..100_000).map(|i| -((i % 9973) as f64) / 500.0).collect();
        let cb = Codebook::fit(&vals);
        let worst = vals
            .iter()
            .map(|&v| (f64::from(cb.values[cb.encode(v) as usize]) - v).abs())
            .fold(0.0, f64::max);
        assert!(worst < 0.05, "worst error {worst}");
    }
}
