//! Language model: golden preferences of the embedded model, file round trip,
//! and the `vietnorm train` command.

use serde::Deserialize;
use vietnorm::lm::{self, LanguageModel, Lm, TokenId};
use vietnorm::syllable;

#[derive(Deserialize)]
struct Case {
    left: String,
    word: String,
    right: String,
}

#[derive(Deserialize)]
struct Golden {
    case: Vec<Case>,
}

fn tokens(text: &str) -> Vec<TokenId> {
    syllable::words(text)
        .map(|(_, w)| lm::token_of_word(w))
        .collect()
}

/// Log-probability of `left word right` (with boundaries) under `m`.
fn score(m: &dyn Lm, left: &[TokenId], word: TokenId, right: &[TokenId]) -> f32 {
    let mut seq = vec![lm::BOUNDARY];
    seq.extend_from_slice(left);
    seq.push(word);
    seq.extend_from_slice(right);
    let n = m.order().max(1);
    // only the terms that involve `word` change between candidates
    let at = left.len() + 1;
    (at..seq.len().min(at + n))
        .map(|i| m.logp(&seq[i.saturating_sub(n - 1)..i], seq[i]))
        .sum()
}

#[test]
fn embedded_model_prefers_the_written_syllable() {
    let golden: Golden = toml::from_str(include_str!("data/lm.toml")).expect("lm.toml");
    let m = LanguageModel::embedded();
    let inv = syllable::inventory();
    let mut failures = Vec::new();
    for c in &golden.case {
        let (left, right) = (tokens(&c.left), tokens(&c.right));
        let truth = lm::token_of_word(&c.word);
        assert_ne!(truth, lm::UNKNOWN, "{} is not a syllable", c.word);
        let want = score(m, &left, truth, &right);
        let best_other = syllable::candidates(&syllable::skeleton(&c.word))
            .iter()
            .map(|&i| lm::syllable_token(i))
            .filter(|&t| t != truth)
            .map(|t| (score(m, &left, t, &right), t))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((s, t)) = best_other {
            if s >= want {
                let other = lm::syllable_index(t).map_or("?", |i| inv[i as usize]);
                failures.push(format!(
                    "{} [{}] {}: {want:.2} but {other} {s:.2}",
                    c.left, c.word, c.right
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn embedded_model_survives_a_byte_round_trip() {
    let m = LanguageModel::embedded();
    let again = LanguageModel::from_bytes(&m.to_bytes()).expect("round trip");
    assert_eq!(again.info(), m.info());
    let t = tokens("hội nghị");
    assert_eq!(again.logp2(t[0], t[1]), m.logp2(t[0], t[1]));
}

#[cfg(feature = "cli")]
mod cli {
    use vietnorm::lm::{LanguageModel, Lm};

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("vietnorm-lm-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("sub")).expect("temp dir");
        d
    }

    #[test]
    fn train_counts_clean_text_and_skips_damaged() {
        let dir = temp_dir("train");
        std::fs::write(
            dir.join("a.txt"),
            "Ủy ban nhân dân xã tổ chức hội nghị triển khai kế hoạch năm mới.\n\
             Uy ban nhan dan xa to chuc hoi nghi trien khai ke hoach nam moi.\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("sub/b.txt"),
            "Người dân phấn khởi đón nhận chính sách hỗ trợ của tỉnh.\n\
             Nghị qũýết củă Đảng ủỷ xã đã đựợc tríển khăi.\n",
        )
        .unwrap();
        let out = dir.join("m.vnlm");
        let run = crate::support::bin()
            .args(["train", "--order", "2", "-o"])
            .arg(&out)
            .arg(&dir)
            .output()
            .expect("run vietnorm");
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{err}");
        assert!(err.contains("4 documents (2 skipped"), "{err}");
        let m = LanguageModel::from_bytes(&std::fs::read(&out).unwrap()).expect("valid model");
        assert_eq!(m.order(), 2);
        assert!(m.info().meta.contains("vietnorm train"));
        // refuses to write over an input
        let again = crate::support::bin()
            .args(["train", "-o"])
            .arg(dir.join("a.txt"))
            .arg(dir.join("a.txt"))
            .output()
            .expect("run vietnorm");
        assert!(!again.status.success());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
