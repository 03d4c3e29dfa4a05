//! `LanguageModel::from_bytes` on arbitrary bytes, and on the embedded model
//! with the input spliced in (so the fuzzer gets past the magic and header).
//! Whatever loads must answer lookups without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vietnorm::lm::{LanguageModel, Lm};

fuzz_target!(|data: &[u8]| {
    let probe = |m: &LanguageModel| {
        let v = m.vocab_size() as u32;
        for t in [0, 1, 2, 3, v / 2, v.saturating_sub(1), v, u32::MAX] {
            let _ = m.logp3(t, t / 3, v / 7) + m.logp2(t, 5) + m.logp(&[t], 0);
        }
    };
    if let Ok(m) = LanguageModel::from_bytes(data) {
        probe(&m);
    }
    // splice: embedded model with a window overwritten by the input
    let mut bytes = LanguageModel::embedded().to_bytes();
    if let Some((&at, rest)) = data.split_first() {
        let start = (usize::from(at) * bytes.len() / 256).min(bytes.len());
        let end = (start + rest.len()).min(bytes.len());
        bytes[start..end].copy_from_slice(&rest[..end - start]);
        if let Ok(m) = LanguageModel::from_bytes(&bytes) {
            probe(&m);
        }
    }
});
