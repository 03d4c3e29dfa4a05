//! `vietnorm decode`: bytes in any Vietnamese encoding to UTF-8 NFC text,
//! with mojibake repair; what was detected is reported on stderr.

use std::process::ExitCode;

use anyhow::Result;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::Args as ClapArgs;
use vietnorm::decode::{Decoder, Encoding};

use crate::io::{self, IoArgs};

/// The encoding to read; `None` for `auto` (detect it per input).
#[derive(Debug, Clone, Copy)]
pub struct EncodingChoice(Option<Encoding>);

/// `auto` or one of the decoder's encoding names, listed in `--help` from
/// [`Encoding::ALL`].
fn encoding_parser() -> impl TypedValueParser<Value = EncodingChoice> {
    let names = std::iter::once("auto").chain(Encoding::ALL.iter().map(|e| e.name()));
    PossibleValuesParser::new(names).map(|s| EncodingChoice(s.parse().ok()))
}

/// Arguments of `vietnorm decode`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    io: IoArgs,
    /// The input encoding.
    #[arg(long, short = 'e', default_value = "auto", value_parser = encoding_parser())]
    encoding: EncodingChoice,
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
    if let EncodingChoice(Some(enc)) = args.encoding {
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
