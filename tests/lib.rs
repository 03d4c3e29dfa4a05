//! The one integration test binary.

mod decode;
