//! The `vietnorm` command-line tool: one subcommand per pipeline stage.
//!
//! Exit codes: 0 when every input succeeded, 1 when any input failed, 2 on
//! usage errors. A closed stdout (`| head`) ends the run quietly.

mod extract;
mod io;
mod normalize;
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
    /// Normalize text: NFC, stray and stacked marks, tone placement,
    /// look-alike and styled letters, odd spaces.
    Normalize(normalize::Args),
    /// Count a syllable language model (.vnlm) from clean Vietnamese text;
    /// damaged or non-Vietnamese documents are skipped.
    Train(train::Args),
    /// Extract facts (document numbers, dates, officials, percentages,
    /// places, quantities) as JSON Lines with code-point offsets.
    Extract(extract::Args),
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
        Command::Normalize(args) => normalize::run(args),
        Command::Train(args) => train::run(args),
        Command::Extract(args) => extract::run(args),
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
