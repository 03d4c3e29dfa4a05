//! The one integration test binary.
mod lm;
