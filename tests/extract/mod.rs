//! Fact extraction: golden cases from `tests/data/extract/*.tsv`, property
//! tests, and fuzz-crash replays.

mod golden;
mod props;
