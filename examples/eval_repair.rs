//! Measures diacritic repair: damages clean text three ways, repairs it and
//! scores syllable accuracy (tone-placement-insensitive) and how many right
//! syllables were broken.
//!
//! ```text
//! cargo run --release --example eval_repair -- [OPTIONS] FILE...
//!   FILE: clean text, one paragraph a line; consecutive lines are grouped
//!         into documents of at least --doc-words words (default 300)
//!   --lm MODEL.vnlm      mix a model into the embedded one (50/50)
//!   --only-lm MODEL.vnlm use this model instead of the embedded one
//!   --max-words N        stop reading after N words per file
//!   --kinds a,b,c,clean  which damages to run (default all)
//!   --archive N          archive mode: N documents, 15% damaged as (a);
//!                        adapts on all of them, then repairs each
//!   --pair REF DAMAGED   score a real damaged page against a hand-made reference
//!   --show N             print the N most frequent errors
//!   --reference          print clean-text statistics of FILE (tone share, đ share)
//!   --speed N            time repair alone, N passes over the damaged documents
//!                        (pass 1 meets cold caches, as unseen text does)
//!   --text-only          with --speed: time `repair_text` instead of `repair`
//! ```
use std::collections::HashMap;
use std::time::Instant;
use vietnorm::lm::{LanguageModel, Mixture};
use vietnorm::repair::damage::{damage, Damage};
use vietnorm::repair::Repairer;
use vietnorm::syllable::{self, ToneStyle};

#[derive(Default)]
struct Score {
    words: usize,
    input_ok: usize,
    output_ok: usize,
    broken: usize,
    bytes: usize,
    secs: f64,
    errors: HashMap<(String, String), usize>,
}

fn norm(w: &str) -> String {
    syllable::place_tone(w, ToneStyle::Modern).unwrap_or_else(|| {
        use unicode_normalization::UnicodeNormalization;
        w.nfc().collect()
    })
}

impl Score {
    fn add(&mut self, reference: &str, input: &str, output: &str) -> bool {
        let r: Vec<&str> = syllable::words(reference).map(|(_, w)| w).collect();
        let i: Vec<&str> = syllable::words(input).map(|(_, w)| w).collect();
        let o: Vec<&str> = syllable::words(output).map(|(_, w)| w).collect();
        if r.len() != i.len() || r.len() != o.len() {
            eprintln!(
                "token count differs ({} / {} / {}), document skipped",
                r.len(),
                i.len(),
                o.len()
            );
            return false;
        }
        for ((r, i), o) in r.iter().zip(&i).zip(&o) {
            let (nr, ni, no) = (norm(r), norm(i), norm(o));
            self.words += 1;
            let iok = nr == ni;
            let ook = nr == no;
            self.input_ok += iok as usize;
            self.output_ok += ook as usize;
            if iok && !ook {
                self.broken += 1;
            }
            if !ook {
                *self.errors.entry((nr, no)).or_default() += 1;
            }
        }
        true
    }

    fn report(&self, name: &str, show: usize) {
        let pct = |x: usize| 100.0 * x as f64 / self.words.max(1) as f64;
        println!(
            "{name:<28} words {:>8}  input {:6.2}%  output {:6.2}%  broken {:>5} ({:.4}%)  {:.2} MB/s",
            self.words,
            pct(self.input_ok),
            pct(self.output_ok),
            self.broken,
            pct(self.broken),
            self.bytes as f64 / 1e6 / self.secs.max(1e-9)
        );
        if show > 0 {
            let mut e: Vec<_> = self.errors.iter().collect();
            e.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let line: Vec<String> = e
                .iter()
                .take(show)
                .map(|((r, o), n)| format!("{r}→{o} {n}"))
                .collect();
            println!("    errors: {}", line.join(", "));
        }
    }
}

fn docs_of(text: &str, min_words: usize, max_words: usize) -> Vec<String> {
    let mut docs = Vec::new();
    let mut cur = String::new();
    let mut n = 0;
    let mut total = 0;
    for line in text.lines() {
        let w = line.split_whitespace().count();
        if w == 0 {
            continue;
        }
        cur.push_str(line);
        cur.push('\n');
        n += w;
        total += w;
        if n >= min_words {
            docs.push(std::mem::take(&mut cur));
            n = 0;
        }
        if total >= max_words {
            break;
        }
    }
    if !cur.is_empty() {
        docs.push(cur);
    }
    docs
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut files = Vec::new();
    let mut lm_path = None;
    let mut only_lm = None;
    let mut max_words = usize::MAX;
    let mut doc_words = 300;
    let mut kinds = "a,b,c,clean".to_string();
    let mut archive = 0usize;
    let mut pair = None;
    let mut show = 0;
    let mut reference = false;
    let mut speed = 0usize;
    let mut text_only = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lm" => lm_path = args.next(),
            "--only-lm" => only_lm = args.next(),
            "--max-words" => {
                max_words = args
                    .next()
                    .and_then(|x| x.parse().ok())
                    .unwrap_or(max_words)
            }
            "--doc-words" => {
                doc_words = args
                    .next()
                    .and_then(|x| x.parse().ok())
                    .unwrap_or(doc_words)
            }
            "--kinds" => kinds = args.next().unwrap_or_default(),
            "--archive" => archive = args.next().and_then(|x| x.parse().ok()).unwrap_or(1000),
            "--pair" => pair = args.next().zip(args.next()),
            "--show" => show = args.next().and_then(|x| x.parse().ok()).unwrap_or(20),
            "--reference" => reference = true,
            "--speed" => speed = args.next().and_then(|x| x.parse().ok()).unwrap_or(3),
            "--text-only" => text_only = true,
            _ => files.push(a),
        }
    }
    let load = |p: &str| {
        let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        LanguageModel::from_bytes(&bytes).unwrap_or_else(|e| panic!("{p}: {e}"))
    };
    let repairer = if let Some(p) = only_lm {
        Repairer::builder()
            .model(load(&p))
            .build()
            .expect("repairer")
    } else if let Some(p) = lm_path {
        let mix = Mixture::new(vec![
            (LanguageModel::embedded().clone(), 0.5),
            (load(&p), 0.5),
        ]);
        Repairer::builder().model(mix).build().expect("repairer")
    } else {
        Repairer::new()
    };

    if let Some((r, d)) = pair {
        let reference = std::fs::read_to_string(&r).expect("reference");
        let damaged = std::fs::read_to_string(&d).expect("damaged");
        let mut s = Score::default();
        let t = Instant::now();
        let out = repairer.repair(&damaged);
        s.secs = t.elapsed().as_secs_f64();
        s.bytes = damaged.len();
        s.add(&reference, &damaged, &out.text);
        s.report(&format!("page {}", short(&d)), show);
        return;
    }

    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}"));
        if reference {
            reference_stats(&text);
            continue;
        }
        let docs = docs_of(&text, doc_words, max_words);
        if archive > 0 {
            run_archive(&repairer, &docs, archive, show);
            continue;
        }
        println!("{}: {} documents", short(f), docs.len());
        for kind in kinds.split(',') {
            let dmg = match kind {
                "a" => Some(Damage::ADD_MARKS),
                "b" => Some(Damage::Strip),
                "c" => Some(Damage::SWAP_TONES),
                "clean" => None,
                _ => continue,
            };
            if speed > 0 {
                run_speed(&repairer, &docs, dmg, kind, speed, text_only);
                continue;
            }
            let mut s = Score::default();
            for (i, d) in docs.iter().enumerate() {
                let input = match dmg {
                    Some(k) => damage(d, k, 1000 + i as u64),
                    None => d.clone(),
                };
                let t = Instant::now();
                let out = repairer.repair(&input);
                s.secs += t.elapsed().as_secs_f64();
                s.bytes += input.len();
                s.add(d, &input, &out.text);
            }
            let name = match kind {
                "a" => "(a) marks added",
                "b" => "(b) marks stripped",
                "c" => "(c) tones swapped",
                _ => "clean",
            };
            s.report(name, show);
        }
    }
}

/// Times repair alone over the damaged documents, `passes` times (the
/// first pass meets cold per-thread caches, as unseen text does).
fn run_speed(
    repairer: &Repairer,
    docs: &[String],
    dmg: Option<Damage>,
    kind: &str,
    passes: usize,
    text_only: bool,
) {
    let inputs: Vec<String> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| match dmg {
            Some(k) => damage(d, k, 1000 + i as u64),
            None => d.clone(),
        })
        .collect();
    let bytes: usize = inputs.iter().map(|d| d.len()).sum();
    let mut line = format!("{kind:<6} {:>6.2} MB", bytes as f64 / 1e6);
    // the process-wide tables (inventory, lexicons) are built once per
    // process: build them on another thread, so that pass 1 meets cold
    // per-thread caches only
    std::thread::scope(|s| {
        s.spawn(|| {
            // damaged, in both tone placements (rendering builds a table
            // for each)
            repairer.repair("Uy ban nhân đân tỉnh đã họ́p bàn kê hoach hoà giải.");
            repairer.repair("Ủy ban hòa giải thủy lợi đã họ́p bàn kê hoach.");
        });
    });
    for _ in 0..passes {
        let t = Instant::now();
        let changed: usize = inputs
            .iter()
            .map(|d| {
                if text_only {
                    repairer.repair_text(d).changed
                } else {
                    repairer.repair(d).edits.len()
                }
            })
            .sum();
        let secs = t.elapsed().as_secs_f64();
        line += &format!(
            "  {:>7.2} MB/s ({changed} changed)",
            bytes as f64 / 1e6 / secs
        );
    }
    println!("{line}");
}

fn run_archive(repairer: &Repairer, docs: &[String], n: usize, show: usize) {
    let docs: Vec<&String> = docs.iter().take(n).collect();
    // every 7th-ish document (15%) damaged as (a), chosen deterministically
    let damaged: Vec<bool> = (0..docs.len()).map(|i| (i * 20) % 133 < 20).collect();
    let inputs: Vec<String> = docs
        .iter()
        .zip(&damaged)
        .enumerate()
        .map(|(i, (d, &dm))| {
            if dm {
                damage(d, Damage::ADD_MARKS, 5000 + i as u64)
            } else {
                (*d).clone()
            }
        })
        .collect();
    println!(
        "archive: {} documents, {} damaged",
        docs.len(),
        damaged.iter().filter(|&&d| d).count()
    );
    let t = Instant::now();
    let adapted = repairer.adapt(inputs.iter());
    println!("adaptation counted in {:.2}s", t.elapsed().as_secs_f64());
    for (name, r) in [("base", repairer), ("adapted", &adapted)] {
        let mut sd = Score::default();
        let mut sc = Score::default();
        for ((d, input), &dm) in docs.iter().zip(&inputs).zip(&damaged) {
            let t = Instant::now();
            let out = r.repair(input);
            let s = if dm { &mut sd } else { &mut sc };
            s.secs += t.elapsed().as_secs_f64();
            s.bytes += input.len();
            s.add(d, input, &out.text);
        }
        sd.report(&format!("{name}: damaged docs"), show);
        sc.report(&format!("{name}: clean docs"), show);
    }
}

fn reference_stats(text: &str) {
    let (mut valid, mut toned, mut d, mut dbar) = (0usize, 0usize, 0usize, 0usize);
    for (_, w) in syllable::words(text) {
        if syllable::is_valid(w) {
            valid += 1;
            let c = syllable::canonical(w).unwrap_or_default();
            if c.chars().any(|ch| {
                use unicode_normalization::UnicodeNormalization;
                let s: String = ch.to_string().nfd().collect();
                s.chars()
                    .any(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
            }) {
                toned += 1;
            }
        }
        for ch in w.chars() {
            match ch {
                'd' | 'D' => d += 1,
                'đ' | 'Đ' => {
                    d += 1;
                    dbar += 1
                }
                _ => {}
            }
        }
    }
    println!(
        "valid syllables {valid}, toned share {:.3}, đ share of d/đ {:.3}",
        toned as f64 / valid.max(1) as f64,
        dbar as f64 / d.max(1) as f64
    );
}

fn short(p: &str) -> &str {
    p.rsplit('/').next().unwrap_or(p)
}
