//! Measures language-model perplexity on text files (one document a line).
//!
//! ```text
//! cargo run --release --example lm_eval -- [--model FILE.vnlm]... [--weights W,W..] [--max-lines N] TEXT...
//! ```
//! With no `--model`, the embedded model. Several models are interpolated with
//! `Mixture` (equal weights unless `--weights`). Prints per-file token count,
//! perplexity, the share of UNKNOWN tokens, and perplexity restricted to
//! syllable tokens following a syllable (what diacritic repair relies on).
use std::process::ExitCode;
use vietnorm::lm::{self, LanguageModel, Lm, Mixture, TokenId};
use vietnorm::syllable;

/// An oracle-context proxy for diacritic restoration: for every syllable whose
/// skeleton has several candidates, score each candidate with the true
/// neighbours (`logp(c | left context) + logp(right | .., c)`) and count how
/// often the true syllable wins. Returns (right, ambiguous).
fn discrimination(m: &Mixture, text: &str, max_lines: usize) -> (usize, usize) {
    let inv = syllable::inventory();
    let (mut right, mut total) = (0, 0);
    let mut confusions: std::collections::HashMap<(TokenId, TokenId), usize> = Default::default();
    let mut toks: Vec<TokenId> = Vec::new();
    let order = m.order();
    for line in text.lines().take(max_lines) {
        toks.clear();
        lm::tokenize(line, &mut toks);
        for i in 1..toks.len().saturating_sub(1) {
            let Some(idx) = lm::syllable_index(toks[i]) else {
                continue;
            };
            let cands = syllable::candidates(&syllable::skeleton(inv[idx as usize]));
            if cands.len() < 2 {
                continue;
            }
            let lo = i.saturating_sub(order - 1);
            let mut ctx: Vec<TokenId> = toks[lo..i].to_vec();
            let score = |c: TokenId, ctx: &mut Vec<TokenId>| {
                let a = m.logp(ctx, c);
                ctx.push(c);
                let from = ctx.len().saturating_sub(order - 1);
                let b = m.logp(&ctx[from..], toks[i + 1]);
                let c3 = if order >= 3 && i + 2 < toks.len() {
                    let mut c2 = ctx[from..].to_vec();
                    c2.push(toks[i + 1]);
                    let f2 = c2.len().saturating_sub(order - 1);
                    m.logp(&c2[f2..], toks[i + 2])
                } else {
                    0.0
                };
                ctx.pop();
                a + b + c3
            };
            let truth = score(toks[i], &mut ctx);
            let best = cands
                .iter()
                .map(|&c| lm::syllable_token(c))
                .filter(|&c| c != toks[i])
                .map(|c| (score(c, &mut ctx), c))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            total += 1;
            match best {
                Some((s, c)) if s > truth => *confusions.entry((toks[i], c)).or_default() += 1,
                _ => right += 1,
            }
        }
    }
    if std::env::var_os("LM_EVAL_CONFUSIONS").is_some() {
        let mut v: Vec<_> = confusions.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let name = |t: TokenId| lm::syllable_index(t).map_or("?", |i| inv[i as usize]);
        for ((t, c), n) in v.iter().take(60) {
            eprintln!("{n:6} {} -> {}", name(*t), name(*c));
        }
    }
    (right, total)
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lm_eval: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (mut models, mut weights, mut files, mut max_lines) =
        (Vec::new(), Vec::new(), Vec::new(), usize::MAX);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--model" => models.push(args.next().ok_or("--model needs a file")?),
            "--weights" => {
                weights = args
                    .next()
                    .ok_or("--weights needs a list")?
                    .split(',')
                    .map(|w| w.parse::<f32>().map_err(|e| e.to_string()))
                    .collect::<Result<_, _>>()?
            }
            "--max-lines" => {
                max_lines = args
                    .next()
                    .ok_or("--max-lines needs N")?
                    .parse()
                    .map_err(|e| format!("{e}"))?
            }
            _ => files.push(a),
        }
    }
    let loaded: Vec<LanguageModel> = if models.is_empty() {
        vec![LanguageModel::embedded().clone()]
    } else {
        models
            .iter()
            .map(|p| {
                let b = std::fs::read(p).map_err(|e| format!("{p}: {e}"))?;
                LanguageModel::from_bytes(&b).map_err(|e| format!("{p}: {e}"))
            })
            .collect::<Result<_, _>>()?
    };
    for m in &loaded {
        eprintln!("{:?}", m);
    }
    let n = loaded.len();
    let mix = Mixture::new(
        loaded
            .into_iter()
            .enumerate()
            .map(|(i, m)| (m, weights.get(i).copied().unwrap_or(1.0 / n as f32)))
            .collect(),
    );
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{f}: {e}"))?;
        let (mut sum, mut cnt, mut unk, mut ssum, mut scnt) = (0f64, 0usize, 0usize, 0f64, 0usize);
        let mut toks: Vec<TokenId> = Vec::new();
        let order = mix.order();
        for line in text.lines().take(max_lines) {
            toks.clear();
            lm::tokenize(line, &mut toks);
            for i in 1..toks.len() {
                let ctx = &toks[i.saturating_sub(order - 1)..i];
                let lp = f64::from(mix.logp(ctx, toks[i]));
                sum += lp;
                cnt += 1;
                unk += usize::from(toks[i] == lm::UNKNOWN);
                if toks[i] > lm::NUMBER && toks[i - 1] > lm::NUMBER {
                    ssum += lp;
                    scnt += 1;
                }
            }
        }
        let (right, ambiguous) = discrimination(&mix, &text, max_lines);
        println!(
            "{f}: tokens {cnt}, perplexity {:.1}, unknown {:.2}%, syllable-after-syllable perplexity {:.1} ({scnt} tokens), \
             restore-from-skeleton {:.2}% of {ambiguous} ambiguous syllables",
            (-sum / cnt.max(1) as f64).exp(),
            100.0 * unk as f64 / cnt.max(1) as f64,
            (-ssum / scnt.max(1) as f64).exp(),
            100.0 * right as f64 / ambiguous.max(1) as f64
        );
    }
    Ok(())
}
