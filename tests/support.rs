//! Helpers shared by the test modules that spawn the real binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The `vietnorm` binary built for these tests.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vietnorm"))
}

/// Runs the binary with `args` and `input` on standard input. The binary may
/// exit before reading all of it (usage errors, file arguments): a closed
/// pipe is not a failure of the test, whose exit code and output are checked.
pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn vietnorm");
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input);
    }
    child.wait_with_output().expect("wait for vietnorm")
}
