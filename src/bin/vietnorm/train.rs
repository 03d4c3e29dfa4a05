//! `vietnorm train`: count a syllable language model from clean Vietnamese text.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args as ClapArgs, ValueEnum};
use vietnorm::lm::Counter;

use crate::io;

/// What one document is when counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Unit {
    /// Each line (paragraph) is a document: damaged lines are skipped alone.
    Line,
    /// Each file is a document.
    File,
}

/// Arguments of `vietnorm train`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Text files or directories (read recursively, in name order); `-` or
    /// none reads standard input. UTF-8; invalid bytes become U+FFFD.
    #[arg(value_name = "FILE|DIR")]
    files: Vec<PathBuf>,
    /// Where to write the model (`.vnlm`).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// n-gram order: 1, 2 or 3.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=3))]
    order: u8,
    /// Leave out trigrams seen fewer than N times (smaller model).
    #[arg(long, value_name = "N", default_value_t = 2)]
    min_trigram: u32,
    /// What counts as one document for the damage check.
    #[arg(long, value_enum, default_value = "line")]
    unit: Unit,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

/// Expands directories into the files below them, sorted.
fn collect(paths: &[PathBuf]) -> Result<Vec<Option<PathBuf>>> {
    if paths.is_empty() {
        return Ok(vec![None]);
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(None);
        } else if p.is_dir() {
            let mut stack = vec![p.clone()];
            let mut found = Vec::new();
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir)
                    .with_context(|| format!("cannot read directory {}", dir.display()))?
                {
                    let path = entry?.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if path.is_file() {
                        found.push(path);
                    }
                }
            }
            found.sort();
            out.extend(found.into_iter().map(Some));
        } else {
            out.push(Some(p.clone()));
        }
    }
    Ok(out)
}

fn count_into(counter: &mut Counter, text: &str, unit: Unit) {
    match unit {
        Unit::Line => {
            for line in text.lines() {
                if !line.trim().is_empty() {
                    counter.add_document(line);
                }
            }
        }
        Unit::File => {
            counter.add_document(text);
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let inputs = collect(&args.files)?;
    for p in inputs.iter().flatten() {
        if same_file(p, &args.output) {
            bail!(
                "output {} is also an input; choose another -o",
                args.output.display()
            );
        }
    }
    let order = usize::from(args.order);
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 64);
    // Files are dealt round-robin to workers; counts merge by addition, so the
    // model does not depend on the split.
    let unit = args.unit;
    let (stdin, files): (Vec<_>, Vec<_>) = inputs.into_iter().partition(Option::is_none);
    let files: Vec<PathBuf> = files.into_iter().flatten().collect();
    let mut failed = 0usize;
    let mut counter = Counter::new(order);
    counter.min_trigram_count(args.min_trigram);
    if !stdin.is_empty() {
        let input = io::Input {
            name: "<stdin>".to_string(),
            path: None,
        };
        let bytes = io::read_input(&input)?;
        count_into(&mut counter, &io::bytes_to_text(&bytes), unit);
    }
    let results: Vec<(Counter, usize)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.min(files.len().max(1)))
            .map(|w| {
                let files = &files;
                s.spawn(move || {
                    let mut c = Counter::new(order);
                    let mut bad = 0usize;
                    for f in files.iter().skip(w).step_by(threads) {
                        match std::fs::read(f) {
                            Ok(bytes) => count_into(&mut c, &io::bytes_to_text(&bytes), unit),
                            Err(e) => {
                                eprintln!("vietnorm: {}: {e}", f.display());
                                bad += 1;
                            }
                        }
                    }
                    (c, bad)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| (Counter::new(order), 1)))
            .collect()
    });
    for (c, bad) in results {
        counter.merge(c);
        failed += bad;
    }
    let stats = counter.stats();
    counter.note(&format!(
        "trained-by=vietnorm train --order {order} --min-trigram {} --unit {unit:?}",
        args.min_trigram
    ));
    let model = counter.build();
    io::write_atomic(&args.output, &model.to_bytes())?;
    let info = model.info();
    eprintln!(
        "vietnorm: {} documents ({} skipped as damaged or not Vietnamese), {} tokens; \
         wrote {} (order {}, {} bigrams, {} trigrams, {} bytes)",
        stats.documents,
        stats.skipped,
        stats.tokens,
        args.output.display(),
        info.order,
        info.bigrams,
        info.trigrams,
        info.bytes
    );
    if stats.documents > stats.skipped {
        Ok(if failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        })
    } else {
        eprintln!("vietnorm: no clean Vietnamese text was found; the model is empty");
        Ok(ExitCode::from(1))
    }
}
