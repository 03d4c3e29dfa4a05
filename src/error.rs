//! The crate's one error type.

use std::fmt;

/// An error from vietnorm. The kind is available through [`Error::kind`];
/// the message is lowercase and says what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

/// What kind of error happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A configuration given to a builder is invalid.
    Config,
    /// A binary model (for example a language model) failed validation.
    Model,
    /// A dictionary or data file failed to parse.
    Data,
    /// Input bytes could not be decoded as requested.
    Decode,
}

impl Error {
    #[allow(dead_code)] // used as modules land
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
