//! # vietnorm
//!
//! Turns scraped Vietnamese web pages into clean, trustworthy text and
//! structured facts.
//!
//! ## Overview
//!
//! - [`syllable`]: the Vietnamese syllable model: parsing, validity,
//!   skeletons, candidate enumeration and tone placement.
//! - [`normalize`]: NFC, stray and stacked marks, tone placement, look-alike
//!   and styled letters, odd spaces; borrows when nothing changes.
//! - [`decode`]: bytes in any Vietnamese encoding to text, mojibake repair.
//! - [`lm`]: the syllable language model and its binary format.
//! - [`repair`]: noisy-channel diacritic repair.
//! - [`extract`]: facts (document numbers, dates, officials, …) with spans.
//!
//! ## Untrusted input
//!
//! Every entry point accepts arbitrary input: library code never panics on
//! bad text or bytes and reports problems through [`Error`].
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod decode;
mod error;
pub mod extract;
mod fxhash;
pub mod lm;
pub mod normalize;
pub mod repair;
mod span;
pub mod syllable;

pub use error::{Error, ErrorKind};
pub use span::{Alignment, CharOffsets, Segment, Span};

#[cfg(test)]
mod send_sync {
    // Public types are shareable across threads.
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types() {
        assert_send_sync::<crate::normalize::Normalizer>();
        assert_send_sync::<crate::Alignment>();
        assert_send_sync::<crate::Error>();
        assert_send_sync::<crate::syllable::Syllable>();
    }
}

// The README's examples are tested too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
