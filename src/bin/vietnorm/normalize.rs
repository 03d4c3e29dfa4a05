//! `vietnorm normalize`: NFC, marks, tone placement, look-alikes, spaces.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Args as ClapArgs, ValueEnum};
use vietnorm::normalize::{Normalizer, TonePolicy};

use crate::io::{self, IoArgs};

/// Tone placement on the open rhymes oa, oe, uy.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ToneArg {
    /// Keep each word's convention; fix only impossible placements.
    Keep,
    /// hòa, thủy, khỏe.
    Classic,
    /// hoà, thuỷ, khoẻ.
    Modern,
}

impl From<ToneArg> for TonePolicy {
    fn from(t: ToneArg) -> TonePolicy {
        match t {
            ToneArg::Keep => TonePolicy::Keep,
            ToneArg::Classic => TonePolicy::Classic,
            ToneArg::Modern => TonePolicy::Modern,
        }
    }
}

/// Arguments of `vietnorm normalize`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    io: IoArgs,
    /// Where tone marks go on oa, oe, uy.
    #[arg(long, value_enum, default_value = "keep")]
    tone: ToneArg,
    /// Keep NBSP and other space separators as they are.
    #[arg(long)]
    keep_spaces: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let normalizer = Normalizer::builder()
        .tone(args.tone.into())
        .spaces(!args.keep_spaces)
        .build()?;
    io::for_each_input(&args.io, |_, bytes| {
        let text = io::bytes_to_text(&bytes);
        Ok(normalizer.normalize(&text).into_owned().into_bytes())
    })
}
