//! Fact extraction: golden cases from `tests/data/extract/*.tsv`, property
//! tests, and fuzz-crash replays.

#[cfg(feature = "cli")]
mod cli;
mod golden;
mod props;
