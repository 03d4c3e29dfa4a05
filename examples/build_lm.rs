//! Builds a `.vnlm` language model with `vietnorm::lm::Counter`, the same code
//! `vietnorm train` uses. `tools/lm/build.sh` runs it to make the embedded model.
//!
//! ```text
//! cargo run --release --example build_lm -- [--order N] [--min-trigram N]
//!     [--docs FILE]... [--phrases FILE]... [--prior FILE.tsv] [--prior-weight W]
//!     [--note KEY=VALUE]... -o OUT.vnlm
//! ```
//! `--docs`: one document per line (counted with boundaries, damaged lines skipped);
//! `--phrases`: one phrase per line (inner n-grams only: word lists);
//! `--prior`: `word<TAB>frequency` lines mixed into the unigram distribution;
//! `--show-skipped N`: print the first N lines the damage check skipped.
use std::process::ExitCode;
use vietnorm::lm::{Counter, Lm};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build_lm: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (mut order, mut min3, mut weight) = (2usize, 1u32, 0.3f64);
    let (mut docs, mut phrases, mut notes) = (Vec::new(), Vec::new(), Vec::new());
    let (mut prior, mut out) = (None, None);
    let mut show = 0usize;
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--order" => order = val()?.parse().map_err(|e| format!("--order: {e}"))?,
            "--min-trigram" => min3 = val()?.parse().map_err(|e| format!("--min-trigram: {e}"))?,
            "--prior-weight" => {
                weight = val()?.parse().map_err(|e| format!("--prior-weight: {e}"))?
            }
            "--docs" => docs.push(val()?),
            "--phrases" => phrases.push(val()?),
            "--prior" => prior = Some(val()?),
            "--note" => notes.push(val()?),
            "--show-skipped" => {
                show = val()?.parse().map_err(|e| format!("--show-skipped: {e}"))?
            }
            "-o" | "--output" => out = Some(val()?),
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    let out = out.ok_or("missing -o OUT")?;
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
    let mut counter = Counter::new(order);
    counter.min_trigram_count(min3).prior_weight(weight);
    for n in &notes {
        counter.note(n);
    }
    for (files, phrase) in [(&docs, false), (&phrases, true)] {
        for f in files {
            let before = counter.stats();
            for line in read(f)?.lines() {
                let kept = if phrase {
                    counter.add_phrase(line)
                } else {
                    counter.add_document(line)
                };
                if !kept && show > 0 {
                    show -= 1;
                    eprintln!("skipped: {line}");
                }
            }
            let after = counter.stats();
            let name = std::path::Path::new(f)
                .file_name()
                .map_or(f.clone(), |n| n.to_string_lossy().into_owned());
            let line = format!(
                "source={name} lines={} kept={} tokens={}",
                after.documents - before.documents,
                (after.documents - before.documents) - (after.skipped - before.skipped),
                after.tokens - before.tokens
            );
            eprintln!("{line}");
            counter.note(&line);
        }
    }
    if let Some(p) = prior {
        let (mut used, mut total) = (0usize, 0usize);
        for line in read(&p)?.lines() {
            let mut it = line.split('\t');
            if let (Some(w), Some(f)) = (it.next(), it.next()) {
                total += 1;
                if let Ok(f) = f.trim().parse::<f64>() {
                    used += usize::from(counter.add_unigram_prior(w, f));
                }
            }
        }
        eprintln!("prior: {used} of {total} entries are syllables");
    }
    let t = std::time::Instant::now();
    let model = counter.build();
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    let info = model.info();
    eprintln!(
        "wrote {out}: order {} ({}), {} bigrams, {} trigrams, {} bytes, built in {:.1}s",
        info.order,
        model.order(),
        info.bigrams,
        info.trigrams,
        info.bytes,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
