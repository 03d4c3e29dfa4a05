//! The one integration test binary: golden files, property tests, CLI tests.

mod cli;
mod decode;
mod extract;
mod golden;
mod lm;
mod normalize;
