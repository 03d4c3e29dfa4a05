//! The one integration test binary.
mod extract;
