//! The `vietnorm` command-line tool: one subcommand per pipeline stage.
//!
//! Exit codes: 0 when every input succeeded, 1 when any input failed, 2 on
//! usage errors. A closed stdout (`| head`) ends the run quietly.

mod clean;
mod decode;
mod extract;
mod io;
mod normalize;
mod repair;
mod train;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Clean scraped Vietnamese text: decode, normalize, repair diacritics,
/// extract facts.
#[derive(Debug, Parser)]
#[command(name = "vietnorm", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Decode bytes in any Vietnamese encoding (UTF-8/16, Windows-1258,
    /// TCVN3, VNI, VISCII, VIQR) to UTF-8 NFC text, repairing mojibake;
    /// reports the detected encoding of each input on stderr.
    Decode(decode::Args),
    /// Normalize text: NFC, stray and stacked marks, tone placement,
    /// look-alike and styled letters, odd spaces.
    Normalize(normalize::Args),
    /// Repair damaged diacritics (marks lost, added or swapped) with the
    /// syllable language model; clean documents are left alone.
    Repair(repair::Args),
    /// Count a syllable language model (.vnlm) from clean Vietnamese text;
    /// damaged or non-Vietnamese documents are skipped.
    Train(train::Args),
    /// Extract facts (document numbers, dates, officials, percentages,
    /// places, quantities) as JSON Lines with code-point offsets.
    Extract(extract::Args),
    /// Clean whole scraped archives: text, HTML, JSON Lines and WARC, plain
    /// or gzip/zstd, on all cores; outputs mirror the input tree.
    Clean(clean::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let usage = e.use_stderr();
            let _ = e.print();
            return if usage {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Decode(args) => decode::run(args),
        Command::Normalize(args) => normalize::run(args),
        Command::Repair(args) => repair::run(args),
        Command::Train(args) => train::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Clean(args) => clean::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if io::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("vietnorm: {err:#}");
            ExitCode::from(2)
        }
    }
}
