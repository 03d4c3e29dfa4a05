//! Repairs the `repair` bench's damaged documents once each, for counting
//! the work with callgrind where criterion's timings wander (same corpus,
//! same damage seeds, same 300-word documents as `benches/repair.rs`).
//!
//! ```text
//! cargo build --release --example repair_work
//! valgrind --tool=callgrind --toggle-collect='*repair_doc*' \
//!     target/release/examples/repair_work KIND [VARIANTS]
//!   KIND: a (marks added), b (stripped), c (tones swapped) or clean
//!   VARIANTS: damaged variants of the corpus, 1-8 (default 3)
//!   env ROUNDS=N: N passes over the damaged set (default 1)
//!   env TEXT_ONLY=1: `repair_text` (no edit list) instead of `repair`
//!   env DUMP=FILE: writes every repair (text, then its edits) to FILE
//!     after the count, to check that two builds repair alike
//! ```
//! It prints the repairs' own wall time in MiB/s, for A/B runs of two
//! builds in turn; criterion's figures are the ones to report.
//! One document is repaired first, outside the count's interest, so the
//! lazy tables are built (as the bench's warm-up does); callgrind's
//! `--toggle-collect` still counts that document, the same in every build.
#[path = "../benches/corpus.rs"]
mod corpus;

use vietnorm::repair::damage::{damage, Damage};
use vietnorm::repair::Repairer;

fn main() {
    let mut args = std::env::args().skip(1);
    let kind = args.next().unwrap_or_default();
    let dmg = match kind.as_str() {
        "a" => Some(Damage::ADD_MARKS),
        "b" => Some(Damage::Strip),
        "c" => Some(Damage::SWAP_TONES),
        "clean" => None,
        _ => {
            eprintln!("usage: repair_work a|b|c|clean [VARIANTS]");
            std::process::exit(2);
        }
    };
    let variants: usize = args.next().and_then(|x| x.parse().ok()).unwrap_or(3);
    let docs = corpus::documents(&corpus::repair_text());
    let r = Repairer::new();
    if let Some(d) = docs.first() {
        let _ = r.repair(&damage(d, Damage::ADD_MARKS, 1));
    }
    // damaged first, so a sampling profiler (perf) sees only the repair
    let mut set = Vec::new();
    for v in 0..variants.clamp(1, 8) {
        for (i, d) in docs.iter().enumerate() {
            set.push(match dmg {
                Some(k) => damage(d, k, corpus::damage_seed(i, v)),
                None => d.clone(),
            });
        }
    }
    // ROUNDS (default 1) passes over the set, for a steadier profile
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|x| x.parse().ok())
        .unwrap_or(1);
    let text_only = std::env::var_os("TEXT_ONLY").is_some();
    let mut edits = 0usize;
    let bytes: usize = set.iter().map(|d| d.len()).sum::<usize>() * rounds.max(1);
    let words: usize = set
        .iter()
        .map(|d| d.split_whitespace().count())
        .sum::<usize>()
        * rounds.max(1);
    let t0 = std::time::Instant::now();
    for _ in 0..rounds.max(1) {
        for d in &set {
            edits += if text_only {
                r.repair_text(d).changed
            } else {
                r.repair(d).edits.len()
            };
        }
    }
    // wall time of the repairs alone, for A/B runs of two builds in turn
    // (criterion's figures are the ones to report)
    let secs = t0.elapsed().as_secs_f64();
    if let Some(path) = std::env::var_os("DUMP") {
        use std::fmt::Write as _;
        let mut out = String::new();
        for d in &set {
            let rep = r.repair(d);
            let _ = writeln!(out, "{}", rep.text);
            for e in &rep.edits {
                let _ = writeln!(
                    out,
                    "  {}..{} {} -> {} {:.4}",
                    e.span.start, e.span.end, e.from, e.to, e.confidence
                );
            }
        }
        if let Err(e) = std::fs::write(&path, out) {
            eprintln!("DUMP: {e}");
        }
    }
    println!(
        "{kind}: {words} words repaired, {edits} edits, {:.1} MiB/s",
        bytes as f64 / secs / (1024.0 * 1024.0)
    );
}
