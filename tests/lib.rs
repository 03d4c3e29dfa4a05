//! The one integration test binary: golden files, property tests, CLI tests.

mod cli;
mod cli_clean;
mod decode;
mod extract;
mod golden;
mod lm;
mod normalize;
mod repair;
mod support;
