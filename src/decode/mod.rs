//! Bytes in any Vietnamese encoding to NFC text, with mojibake repair.
//!
//! Scraped archives hold pages in every encoding Vietnamese has used, and
//! pages that were decoded wrongly on the way. [`decode`] handles them all:
//!
//! - UTF-8 (a BOM is dropped) and UTF-16 LE/BE (by BOM, or by where the zero
//!   bytes fall);
//! - Windows-1258 (a base letter followed by a combining tone byte),
//!   TCVN3/ABC (VN3, the `.VnTime` font layout, and VN1), VNI-Windows (a
//!   letter followed by mark bytes) and VISCII;
//! - VIQR (`Vie^.t Nam`), only when forced or when VIQR marks run through the
//!   whole text: ordinary ASCII is never touched;
//! - mojibake in text that is otherwise fine: UTF-8 read as Windows-1252 or
//!   Latin-1 once or twice (`Viá»‡t Nam`), VNI or TCVN3 bytes shown through a
//!   Western code page (`Vieät Nam`, `ViÖt Nam`), and U+FFFD left by a lossy
//!   Windows-1252 decode, whose letter is chosen with the syllable model.
//!   A damaged run is replaced only when the result is clearly better
//!   Vietnamese than what is there.
//!
//! Undecodable bytes become U+FFFD and are counted in [`Decoded::replaced`].
//! Decoding never panics. The output text is NFC. Valid UTF-8 that needs no
//! work is returned borrowed.
//!
//! ```
//! use vietnorm::decode::{self, Decoder, Encoding};
//!
//! // VNI-Windows bytes
//! let d = decode::decode(b"Vie\xE4t Nam la\xF8 mo\xE4t n\xF6\xF4\xF9c");
//! assert_eq!(d.text, "Việt Nam là một nước");
//! assert_eq!(d.encoding, Encoding::Vni);
//!
//! // UTF-8 that went through Windows-1252 on the way
//! let d = decode::decode("Viá»‡t Nam".as_bytes());
//! assert_eq!(d.text, "Việt Nam");
//! assert_eq!(d.repaired_spans.len(), 1);
//!
//! // a forced encoding
//! let viqr = Decoder::builder().encoding(Encoding::Viqr).build();
//! assert_eq!(viqr.decode(b"Vie^.t Nam").text, "Việt Nam");
//! ```

mod detect;
mod legacy;
mod mojibake;
#[rustfmt::skip]
mod tables;
mod utf;
mod viqr;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::{Error, ErrorKind, Span};
use legacy::Table;
use utf::Endian;

/// A text encoding the decoder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 (`utf-8`).
    Utf8,
    /// UTF-16, little or big endian, by BOM or zero-byte pattern (`utf-16`).
    Utf16,
    /// Windows-1258 (`cp1258`).
    Cp1258,
    /// TCVN 5712:1993, the ABC fonts, VN3 or VN1 layout (`tcvn3`).
    Tcvn3,
    /// VNI-Windows (`vni`).
    Vni,
    /// VISCII, RFC 1456 (`viscii`).
    Viscii,
    /// VIQR, RFC 1456 ASCII convention (`viqr`).
    Viqr,
}

impl Encoding {
    /// Every encoding, in the order of [`Encoding::name`].
    pub const ALL: [Encoding; 7] = [
        Encoding::Utf8,
        Encoding::Utf16,
        Encoding::Cp1258,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Viscii,
        Encoding::Viqr,
    ];

    /// The short name: `utf-8`, `utf-16`, `cp1258`, `tcvn3`, `vni`, `viscii`, `viqr`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Cp1258 => "cp1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Viscii => "viscii",
            Encoding::Viqr => "viqr",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = Error;

    /// Parses the short names and the usual aliases (`windows-1258`,
    /// `utf8`, `utf-16le`, `tcvn`, `tcvn-5712`, `vni-windows`, `csviscii`, …),
    /// ignoring case.
    fn from_str(s: &str) -> Result<Encoding, Error> {
        let low = s.trim().to_ascii_lowercase();
        let enc = match low.as_str() {
            "utf-8" | "utf8" | "unicode-1-1-utf-8" => Encoding::Utf8,
            "utf-16" | "utf16" | "utf-16le" | "utf-16be" | "ucs-2" => Encoding::Utf16,
            "cp1258" | "windows-1258" | "x-cp1258" | "win-1258" | "1258" => Encoding::Cp1258,
            "tcvn3" | "tcvn" | "tcvn-3" | "tcvn5712" | "tcvn-5712" | "tcvn5712-1" | "x-viet-tcvn5712" | "abc" => {
                Encoding::Tcvn3
            }
            "vni" | "vni-windows" | "x-viet-vni" => Encoding::Vni,
            "viscii" | "csviscii" | "viscii1.1-1" => Encoding::Viscii,
            "viqr" | "csviqr" => Encoding::Viqr,
            _ => {
                return Err(Error::new(
                    ErrorKind::Config,
                    format!("unknown encoding {s:?} (expected utf-8, utf-16, cp1258, tcvn3, vni, viscii or viqr)"),
                ))
            }
        };
        Ok(enc)
    }
}

/// The result of [`detect`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// The encoding the bytes are most likely in.
    pub encoding: Encoding,
    /// How sure detection is, from 0 to 1 (1 for a BOM or valid non-ASCII UTF-8).
    pub confidence: f32,
}

/// A kind of mojibake that [`decode`] repaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[non_exhaustive]
pub enum Mojibake {
    /// UTF-8 bytes read as Windows-1252 or Latin-1 (`Viá»‡t`).
    Utf8AsWestern,
    /// The same twice (`ViÃ¡Â»â€¡t`).
    Utf8AsWesternTwice,
    /// UTF-8 read as Windows-1252 by a lossy decoder that wrote U+FFFD for
    /// the undefined bytes; the lost letter was chosen with the syllable
    /// model and the embedded language model.
    LossyUtf8AsWestern,
    /// VNI-Windows bytes shown through a Western code page (`Vieät`).
    VniAsWestern,
    /// TCVN3 bytes shown through a Western code page (`ViÖt`).
    Tcvn3AsWestern,
}

impl Mojibake {
    /// A short name: `utf8-as-western`, `utf8-as-western-twice`,
    /// `lossy-utf8-as-western`, `vni-as-western`, `tcvn3-as-western`.
    pub fn name(self) -> &'static str {
        match self {
            Mojibake::Utf8AsWestern => "utf8-as-western",
            Mojibake::Utf8AsWesternTwice => "utf8-as-western-twice",
            Mojibake::LossyUtf8AsWestern => "lossy-utf8-as-western",
            Mojibake::VniAsWestern => "vni-as-western",
            Mojibake::Tcvn3AsWestern => "tcvn3-as-western",
        }
    }
}

impl fmt::Display for Mojibake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One repaired run of text.
///
/// Offsets refer to the *output* text ([`Decoded::text`], or the text
/// [`repair_mojibake`] returns), not to the input bytes: decoding and NFC
/// change lengths, so there is no byte offset into the input. Putting each
/// [`Repair::original`] back at its span, last span first, gives the text as
/// decoded (and normalized) before repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// Where the repaired text is: byte offsets into the output text, both on
    /// char boundaries.
    pub span: Span,
    /// What was wrong with it.
    pub kind: Mojibake,
    /// The damaged text that was replaced, as it read after decoding.
    pub original: String,
}

/// The result of [`decode`].
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<'a> {
    /// The text, NFC; borrowed from the input when it needed no change.
    pub text: Cow<'a, str>,
    /// The encoding the bytes were read as.
    pub encoding: Encoding,
    /// Detection confidence (1 when the encoding was forced).
    pub confidence: f32,
    /// Number of U+FFFD written for bytes that could not be decoded.
    pub replaced: usize,
    /// The runs repaired as mojibake, in order; their spans are byte
    /// offsets into [`Decoded::text`] (see [`Repair`]).
    pub repaired_spans: Vec<Repair>,
}

impl Decoded<'_> {
    /// The text as an owned `String`.
    pub fn into_string(self) -> String {
        self.text.into_owned()
    }
}

/// A configured decoder; cheap to clone, `Send + Sync`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoder {
    encoding: Option<Encoding>,
    repair: bool,
    hints: bool,
    nfc: bool,
}

impl Default for Decoder {
    fn default() -> Decoder {
        Decoder {
            encoding: None,
            repair: true,
            hints: true,
            nfc: true,
        }
    }
}

/// Builds a [`Decoder`].
#[derive(Debug, Clone, Default)]
pub struct DecoderBuilder {
    inner: Decoder,
}

impl DecoderBuilder {
    /// Forces an encoding instead of detecting one.
    pub fn encoding(mut self, encoding: Encoding) -> DecoderBuilder {
        self.inner.encoding = Some(encoding);
        self
    }

    /// Detects the encoding (the default).
    pub fn auto(mut self) -> DecoderBuilder {
        self.inner.encoding = None;
        self
    }

    /// Repairs mojibake after decoding (default on).
    pub fn repair_mojibake(mut self, yes: bool) -> DecoderBuilder {
        self.inner.repair = yes;
        self
    }

    /// Lets `<meta charset>` declarations break near-ties (default on).
    pub fn use_hints(mut self, yes: bool) -> DecoderBuilder {
        self.inner.hints = yes;
        self
    }

    /// Normalizes the output to NFC (default on). Off, text is returned as
    /// decoded: legacy letters are still precomposed.
    pub fn nfc(mut self, yes: bool) -> DecoderBuilder {
        self.inner.nfc = yes;
        self
    }

    /// The decoder. Every combination of settings is valid.
    pub fn build(self) -> Decoder {
        self.inner
    }
}

impl Decoder {
    /// A decoder with the default settings: detect, repair, NFC.
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// A builder starting from the default settings.
    pub fn builder() -> DecoderBuilder {
        DecoderBuilder::default()
    }

    /// Detects the encoding of `bytes` (the forced one, if set).
    pub fn detect(&self, bytes: &[u8]) -> Detection {
        let v = self.verdict(bytes);
        Detection {
            encoding: v.encoding,
            confidence: v.confidence,
        }
    }

    fn verdict(&self, bytes: &[u8]) -> detect::Verdict {
        match self.encoding {
            None => detect::detect(bytes, self.hints),
            Some(enc) => {
                let table = match enc {
                    Encoding::Cp1258 => Some(Table::Cp1258),
                    Encoding::Vni => Some(Table::Vni),
                    Encoding::Viscii => Some(Table::Viscii),
                    Encoding::Tcvn3 => Some(detect::tcvn3_variant(bytes)),
                    _ => None,
                };
                // forced UTF-16 without a BOM: a clear zero-byte pattern
                // settles the order; otherwise the text scoring does
                let guess = utf::utf16_guess(bytes);
                let endian = utf::utf16_bom(bytes)
                    .or_else(|| guess.filter(|g| g.1 >= 0.3).map(|g| g.0))
                    .or_else(|| detect::utf16_verdict(bytes).map(|g| g.0))
                    .or_else(|| guess.map(|g| g.0))
                    .unwrap_or(Endian::Little);
                detect::Verdict {
                    encoding: enc,
                    confidence: 1.0,
                    table,
                    endian,
                }
            }
        }
    }

    /// Decodes `bytes` to NFC text, detecting the encoding unless one was
    /// forced, and repairs mojibake.
    pub fn decode<'a>(&self, bytes: &'a [u8]) -> Decoded<'a> {
        // Valid non-ASCII UTF-8 without a BOM is the common case: validate
        // once and skip detection.
        if self.encoding.is_none()
            && !bytes.starts_with(utf::UTF8_BOM)
            && utf::utf16_bom(bytes).is_none()
        {
            if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
                if !s.is_ascii() && !detect::looks_utf16(bytes) {
                    return self.finish(Cow::Borrowed(s), Encoding::Utf8, 1.0, 0, true, true);
                }
            }
        }
        let v = self.verdict(bytes);
        let (text, replaced, maybe_denormal, unicode): (Cow<'a, str>, usize, bool, bool) =
            match v.encoding {
                Encoding::Utf8 => {
                    let (t, r) = utf::decode_utf8(bytes);
                    (t, r, true, true)
                }
                Encoding::Utf16 => {
                    let (t, r) = utf::decode_utf16(bytes, v.endian);
                    (Cow::Owned(t), r, true, true)
                }
                Encoding::Viqr => {
                    // VIQR letters come out precomposed; only non-ASCII
                    // input passed through may need NFC
                    let (t, r) = utf::decode_utf8(bytes);
                    let ascii = t.is_ascii();
                    (Cow::Owned(viqr::decode(&t)), r, !ascii, false)
                }
                _ => {
                    let table = v.table.unwrap_or(Table::Cp1258);
                    let raw = legacy::decode(bytes, table);
                    (Cow::Owned(raw.text), raw.replaced, raw.loose_marks, false)
                }
            };
        self.finish(
            text,
            v.encoding,
            v.confidence,
            replaced,
            maybe_denormal,
            unicode,
        )
    }

    // NFC and mojibake repair after decoding.
    fn finish<'a>(
        &self,
        text: Cow<'a, str>,
        encoding: Encoding,
        confidence: f32,
        replaced: usize,
        maybe_denormal: bool,
        unicode: bool,
    ) -> Decoded<'a> {
        let mut text = text;
        let mut repairs = Vec::new();
        // Which follow-up work the text may need: the byte scan is cheap and
        // lets clean UTF-8 skip all char-level work.
        let screen = if unicode {
            utf::screen_for(text.as_bytes(), self.nfc)
        } else {
            utf::Screen {
                nfc: maybe_denormal,
                mojibake: false,
            }
        };
        if self.nfc && screen.nfc && is_nfc_quick(text.chars()) != IsNormalized::Yes {
            let n: String = text.nfc().collect();
            text = Cow::Owned(n);
        }
        if self.repair && screen.mojibake {
            let (fixed, r) = mojibake::repair(&text);
            if let Cow::Owned(f) = fixed {
                text = Cow::Owned(f);
                repairs = r;
            }
        }
        Decoded {
            text,
            encoding,
            confidence,
            replaced,
            repaired_spans: repairs,
        }
    }
}

/// Detects the encoding of `bytes` with the default decoder.
///
/// ```
/// use vietnorm::decode::{detect, Encoding};
/// assert_eq!(detect(b"Vi\xD6t Nam v\xB5 c\xA8n c\xA7u").encoding, Encoding::Tcvn3);
/// ```
pub fn detect(bytes: &[u8]) -> Detection {
    Decoder::new().detect(bytes)
}

/// Decodes `bytes` with the default decoder (detect, repair mojibake, NFC).
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    Decoder::new().decode(bytes)
}

/// Repairs mojibake in text that was already decoded. Returns the text
/// (borrowed when nothing changed) and the repaired runs, whose spans are
/// byte offsets into the returned text.
///
/// ```
/// let (text, repairs) = vietnorm::decode::repair_mojibake("Chá»§ tá»‹ch UBND tá»‰nh");
/// assert_eq!(text, "Chủ tịch UBND tỉnh");
/// assert_eq!(repairs.len(), 1);
/// ```
pub fn repair_mojibake(text: &str) -> (Cow<'_, str>, Vec<Repair>) {
    if !utf::screen(text.as_bytes()).mojibake {
        return (Cow::Borrowed(text), Vec::new());
    }
    mojibake::repair(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for e in Encoding::ALL {
            assert_eq!(e.name().parse::<Encoding>().ok(), Some(e));
            assert_eq!(e.to_string(), e.name());
        }
        assert!("klingon".parse::<Encoding>().is_err());
        assert_eq!(
            "Windows-1258".parse::<Encoding>().ok(),
            Some(Encoding::Cp1258)
        );
    }

    #[test]
    fn send_sync() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Decoder>();
        check::<Decoded<'static>>();
        check::<Detection>();
    }
}
