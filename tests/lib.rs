//! The one integration test binary: golden files, property tests, CLI tests.

mod cli;
mod golden;
mod normalize;
