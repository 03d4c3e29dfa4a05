//! `vietnorm decode`: bytes in any Vietnamese encoding to UTF-8 NFC text,
//! with mojibake repair; what was detected is reported on stderr.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Args as ClapArgs, ValueEnum};
use vietnorm::decode::{Decoder, Encoding};

use crate::io::{self, IoArgs};

/// The encoding to read, or `auto` to detect it per input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// Detect the encoding of each input.
    Auto,
    /// UTF-8.
    #[value(name = "utf-8")]
    Utf8,
    /// UTF-16, byte order by BOM or zero bytes.
    #[value(name = "utf-16")]
    Utf16,
    /// Windows-1258.
    Cp1258,
    /// TCVN3 (ABC), VN3 or VN1.
    Tcvn3,
    /// VNI-Windows.
    Vni,
    /// VISCII.
    Viscii,
    /// VIQR (ASCII with marks typed after the vowel).
    Viqr,
}

impl EncodingArg {
    fn encoding(self) -> Option<Encoding> {
        match self {
            EncodingArg::Auto => None,
            EncodingArg::Utf8 => Some(Encoding::Utf8),
            EncodingArg::Utf16 => Some(Encoding::Utf16),
            EncodingArg::Cp1258 => Some(Encoding::Cp1258),
            EncodingArg::Tcvn3 => Some(Encoding::Tcvn3),
            EncodingArg::Vni => Some(Encoding::Vni),
            EncodingArg::Viscii => Some(Encoding::Viscii),
            EncodingArg::Viqr => Some(Encoding::Viqr),
        }
    }
}

/// Arguments of `vietnorm decode`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    io: IoArgs,
    /// The input encoding.
    #[arg(long, short = 'e', value_enum, default_value = "auto")]
    encoding: EncodingArg,
    /// Do not repair mojibake (UTF-8 or VNI/TCVN3 bytes read through a
    /// Western code page).
    #[arg(long)]
    no_repair: bool,
    /// Do not report the detected encoding on stderr.
    #[arg(long, short = 'q')]
    quiet: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut builder = Decoder::builder().repair_mojibake(!args.no_repair);
    if let Some(enc) = args.encoding.encoding() {
        builder = builder.encoding(enc);
    }
    let decoder = builder.build();
    let quiet = args.quiet;
    io::for_each_input(&args.io, |input, bytes| {
        let d = decoder.decode(&bytes);
        if !quiet {
            let mut kinds: Vec<&str> = d.repaired_spans.iter().map(|r| r.kind.name()).collect();
            kinds.dedup();
            eprintln!(
                "{}: {} (confidence {:.2}), {} replaced, {} repaired{}",
                input.name,
                d.encoding,
                d.confidence,
                d.replaced,
                d.repaired_spans.len(),
                if kinds.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", kinds.join(", "))
                }
            );
        }
        Ok(d.into_string().into_bytes())
    })
}
