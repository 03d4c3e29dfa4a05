//! `vietnorm extract`: facts as JSON Lines, one object per input document:
//! `{"source", "text", "facts": [{"kind", "start", "end", "text", …}]}` with
//! `start`/`end` in code points of `text`.
//!
//! Input goes through the cleaning steps first: `decode` (encoding
//! detection, mojibake repair), `normalize`, then diacritic `repair` (one
//! document at a time). Each step has a flag to switch it off.

use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::Args as ClapArgs;
use serde::Serialize;
use vietnorm::decode::Decoder;
use vietnorm::extract::{CharFact, Extractor, FactKind};
use vietnorm::normalize::Normalizer;
use vietnorm::repair::Repairer;
use vietnorm::CharOffsets;

use crate::io::{self, IoArgs};

/// Arguments of `vietnorm extract`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    io: IoArgs,
    /// Extract only these kinds (comma-separated): document_ref, date,
    /// official, percentage, place, quantity. Default: all.
    #[arg(long, value_delimiter = ',', value_name = "KIND,...")]
    kinds: Vec<String>,
    /// Skip the decode step: read the input as UTF-8 (invalid bytes become
    /// U+FFFD) instead of detecting legacy encodings and repairing mojibake.
    #[arg(long)]
    no_decode: bool,
    /// Skip the normalize step (NFC, marks, look-alikes, spaces).
    #[arg(long)]
    no_normalize: bool,
    /// Skip diacritic repair.
    #[arg(long)]
    no_repair: bool,
}

#[derive(Serialize)]
struct Record<'a> {
    source: &'a str,
    text: &'a str,
    facts: Vec<CharFact<'a>>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut builder = Extractor::builder();
    if !args.kinds.is_empty() {
        let mut kinds = Vec::new();
        for k in &args.kinds {
            match FactKind::from_name(k.trim()) {
                Some(kind) => kinds.push(kind),
                None => bail!("unknown fact kind {k:?}"),
            }
        }
        builder = builder.kinds(&kinds);
    }
    let extractor = builder.build()?;
    let normalizer = Normalizer::new();
    let decoder = Decoder::new();
    let repairer = Repairer::new();
    io::for_each_input(&args.io, |input, bytes| {
        let raw = if args.no_decode {
            io::bytes_to_text(&bytes)
        } else {
            decoder.decode(&bytes).into_string()
        };
        let text = if args.no_normalize {
            raw
        } else {
            normalizer.normalize(&raw).into_owned()
        };
        let text = if args.no_repair {
            text
        } else {
            repairer.repair_text(&text).text.into_owned()
        };
        let facts = extractor.extract(&text);
        let offsets = CharOffsets::new(&text);
        let record = Record {
            source: &input.name,
            text: &text,
            facts: facts
                .iter()
                .filter_map(|f| f.with_char_offsets(&offsets))
                .collect(),
        };
        let mut line = serde_json::to_vec(&record)?;
        line.push(b'\n');
        Ok(line)
    })
}
