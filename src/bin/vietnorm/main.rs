//! The `vietnorm` command-line tool.
fn main() {}
