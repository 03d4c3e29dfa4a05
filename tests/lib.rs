//! The one integration test binary.

mod decode;
mod extract;
mod lm;
mod repair;
