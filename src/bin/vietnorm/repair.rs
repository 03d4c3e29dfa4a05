//! `vietnorm repair`: restore damaged diacritics (noisy-channel model).

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Args as ClapArgs, ValueEnum};
use rayon::prelude::*;
use vietnorm::lm::{LanguageModel, Mixture};
use vietnorm::repair::{Repairer, Strength};

use crate::io::{self, IoArgs};
use crate::normalize::ToneArg;

/// How firmly to repair.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StrengthArg {
    /// Only words with hard evidence (stacked or foreign marks).
    Gentle,
    /// Estimate each document's damage; leave clean documents alone.
    Auto,
    /// Treat every document as damaged.
    Firm,
}

/// Arguments of `vietnorm repair`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    io: IoArgs,
    /// Where repaired words put their tone on oa, oe, uy (`keep` follows the
    /// document).
    #[arg(long, value_enum, default_value = "keep")]
    tone: ToneArg,
    /// How firmly to repair.
    #[arg(long, value_enum, default_value = "auto")]
    strength: StrengthArg,
    /// A model made by `vietnorm train`, mixed half and half with the
    /// embedded one.
    #[arg(long, value_name = "MODEL.vnlm")]
    lm: Option<std::path::PathBuf>,
    /// List every edit on standard error (`input:line:column: from -> to
    /// (confidence)`).
    #[arg(long)]
    explain: bool,
    /// With several inputs, do not count an in-domain model from the clean
    /// ones first.
    #[arg(long)]
    no_adapt: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut builder = Repairer::builder()
        .tone(args.tone.into())
        .strength(match args.strength {
            StrengthArg::Gentle => Strength::Gentle,
            StrengthArg::Auto => Strength::Auto,
            StrengthArg::Firm => Strength::Firm,
        });
    if let Some(path) = &args.lm {
        let bytes = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
        let user = LanguageModel::from_bytes(&bytes)
            .with_context(|| format!("{}: not a usable model", path.display()))?;
        let mix = Mixture::new(vec![(LanguageModel::embedded().clone(), 0.5), (user, 0.5)]);
        builder = builder.shared_model(Arc::new(mix));
    }
    let mut repairer = builder.build()?;
    let inputs = args.io.inputs();
    if inputs.len() >= 2 && !args.no_adapt {
        // archive adaptation: count the clean inputs first, on every core
        // (unreadable ones are reported by the second pass); standard input
        // can be read only once, so it is left to the repair pass
        let counts = inputs
            .par_iter()
            .filter(|i| i.path.is_some())
            .fold(
                || repairer.adaptation(),
                |mut a, i| {
                    if let Ok(bytes) = io::read_input(i) {
                        a.add(&io::bytes_to_text(&bytes));
                    }
                    a
                },
            )
            .reduce(
                || repairer.adaptation(),
                |mut a, b| {
                    a.merge(b);
                    a
                },
            );
        repairer = repairer.adapted(counts);
    }
    io::for_each_input(&args.io, |input, bytes| {
        let text = io::bytes_to_text(&bytes);
        let out = repairer.repair(&text);
        if args.explain {
            let mut line = 1;
            let mut line_start = 0;
            let mut scanned = 0;
            for e in &out.edits {
                for (i, c) in text.get(scanned..e.span.start).unwrap_or("").char_indices() {
                    if c == '\n' {
                        line += 1;
                        line_start = scanned + i + 1;
                    }
                }
                scanned = e.span.start;
                let col = text
                    .get(line_start..e.span.start)
                    .map_or(0, |s| s.chars().count())
                    + 1;
                eprintln!(
                    "{}:{line}:{col}: {} -> {} ({:.2})",
                    input.name, e.from, e.to, e.confidence
                );
            }
        }
        Ok(out.text.into_owned().into_bytes())
    })
}
