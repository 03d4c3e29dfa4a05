#!/usr/bin/env python3
"""Generate src/decode/tables.rs: the byte tables of the legacy Vietnamese encodings.

Run from the repository root:

    python3 tools/gen_decode_tables.py > src/decode/tables.rs
    python3 tools/gen_decode_tables.py --check     # compare with glibc iconv and Python codecs

Sources (see data/README.md):
  * Windows-1258: Microsoft code page 1258 (the Unicode Consortium's cp1258 mapping).
  * Windows-1252: Microsoft code page 1252, used for VNI-Windows and for mojibake repair.
  * TCVN3: TCVN 5712:1993, variant VN1 (all letters) and VN3 (the `.VnTime` font layout:
    lowercase toned letters only; bytes 0x80-0x9F keep the Windows punctuation).
  * VISCII: RFC 1456 (the Vietnamese Standardization Working Group's VISCII 1.1).
  * VNI-Windows: the VNI font layout: an ASCII letter followed by one mark byte
    (tone, circumflex/breve, or circumflex/breve + tone), and single bytes for
    the letters that carry no separate mark (ơ ư đ ì í ỉ ĩ ị ỵ).

The layouts below are written out as strings (one char per byte); `--check`
verifies them against the independent implementations on this machine.
"""
import subprocess
import sys
import unicodedata

TCVN3_VN1_C0 = (
    "\u0000\u00DA\u1EE4\u0003\u1EEA\u1EEC\u1EEE\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
    "\u0010\u1EE8\u1EF0\u1EF2\u1EF6\u1EF8\u00DD\u1EF4\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
)
TCVN3_VN1_HIGH = (
    "\u00C0\u1EA2\u00C3\u00C1\u1EA0\u1EB6\u1EAC\u00C8\u1EBA\u1EBC\u00C9\u1EB8\u1EC6\u00CC\u1EC8\u0128"
    "\u00CD\u1ECA\u00D2\u1ECE\u00D5\u00D3\u1ECC\u1ED8\u1EDC\u1EDE\u1EE0\u1EDA\u1EE2\u00D9\u1EE6\u0168"
    "\u00A0\u0102\u00C2\u00CA\u00D4\u01A0\u01AF\u0110\u0103\u00E2\u00EA\u00F4\u01A1\u01B0\u0111\u1EB0"
    "\u0300\u0309\u0303\u0301\u0323\u00E0\u1EA3\u00E3\u00E1\u1EA1\u1EB2\u1EB1\u1EB3\u1EB5\u1EAF\u1EB4"
    "\u1EAE\u1EA6\u1EA8\u1EAA\u1EA4\u1EC0\u1EB7\u1EA7\u1EA9\u1EAB\u1EA5\u1EAD\u00E8\u1EC2\u1EBB\u1EBD"
    "\u00E9\u1EB9\u1EC1\u1EC3\u1EC5\u1EBF\u1EC7\u00EC\u1EC9\u1EC4\u1EBE\u1ED2\u0129\u00ED\u1ECB\u00F2"
    "\u1ED4\u1ECF\u00F5\u00F3\u1ECD\u1ED3\u1ED5\u1ED7\u1ED1\u1ED9\u1EDD\u1EDF\u1EE1\u1EDB\u1EE3\u00F9"
    "\u1ED6\u1EE7\u0169\u00FA\u1EE5\u1EEB\u1EED\u1EEF\u1EE9\u1EF1\u1EF3\u1EF7\u1EF9\u00FD\u1EF5\u1ED0"
)
VISCII_C0 = (
    "\u0000\u0001\u1EB2\u0003\u0004\u1EB4\u1EAA\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
    "\u0010\u0011\u0012\u0013\u1EF6\u0015\u0016\u0017\u0018\u1EF8\u001A\u001B\u001C\u001D\u1EF4\u001F"
)
VISCII_HIGH = (
    "\u1EA0\u1EAE\u1EB0\u1EB6\u1EA4\u1EA6\u1EA8\u1EAC\u1EBC\u1EB8\u1EBE\u1EC0\u1EC2\u1EC4\u1EC6\u1ED0"
    "\u1ED2\u1ED4\u1ED6\u1ED8\u1EE2\u1EDA\u1EDC\u1EDE\u1ECA\u1ECE\u1ECC\u1EC8\u1EE6\u0168\u1EE4\u1EF2"
    "\u00D5\u1EAF\u1EB1\u1EB7\u1EA5\u1EA7\u1EA9\u1EAD\u1EBD\u1EB9\u1EBF\u1EC1\u1EC3\u1EC5\u1EC7\u1ED1"
    "\u1ED3\u1ED5\u1ED7\u1EE0\u01A0\u1ED9\u1EDD\u1EDF\u1ECB\u1EF0\u1EE8\u1EEA\u1EEC\u01A1\u1EDB\u01AF"
    "\u00C0\u00C1\u00C2\u00C3\u1EA2\u0102\u1EB3\u1EB5\u00C8\u00C9\u00CA\u1EBA\u00CC\u00CD\u0128\u1EF3"
    "\u0110\u1EE9\u00D2\u00D3\u00D4\u1EA1\u1EF7\u1EEB\u1EED\u00D9\u00DA\u1EF9\u1EF5\u00DD\u1EE1\u01B0"
    "\u00E0\u00E1\u00E2\u00E3\u1EA3\u0103\u1EEF\u1EAB\u00E8\u00E9\u00EA\u1EBB\u00EC\u00ED\u0129\u1EC9"
    "\u0111\u1EF1\u00F2\u00F3\u00F4\u00F5\u1ECF\u1ECD\u1EE5\u00F9\u00FA\u0169\u1EE7\u00FD\u1EE3\u1EEE"
)
CP1258_HIGH = (
    "\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\uFFFD\u2039\u0152\uFFFD\uFFFD\uFFFD"
    "\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\uFFFD\u203A\u0153\uFFFD\uFFFD\u0178"
    "\u00A0\u00A1\u00A2\u00A3\u00A4\u00A5\u00A6\u00A7\u00A8\u00A9\u00AA\u00AB\u00AC\u00AD\u00AE\u00AF"
    "\u00B0\u00B1\u00B2\u00B3\u00B4\u00B5\u00B6\u00B7\u00B8\u00B9\u00BA\u00BB\u00BC\u00BD\u00BE\u00BF"
    "\u00C0\u00C1\u00C2\u0102\u00C4\u00C5\u00C6\u00C7\u00C8\u00C9\u00CA\u00CB\u0300\u00CD\u00CE\u00CF"
    "\u0110\u00D1\u0309\u00D3\u00D4\u01A0\u00D6\u00D7\u00D8\u00D9\u00DA\u00DB\u00DC\u01AF\u0303\u00DF"
    "\u00E0\u00E1\u00E2\u0103\u00E4\u00E5\u00E6\u00E7\u00E8\u00E9\u00EA\u00EB\u0301\u00ED\u00EE\u00EF"
    "\u0111\u00F1\u0323\u00F3\u00F4\u01A1\u00F6\u00F7\u00F8\u00F9\u00FA\u00FB\u00FC\u01B0\u20AB\u00FF"
)

# Vowel bases, tones and modifiers in the order the decoder's vowel codes use.
BASES = "aăâeêioôơuưy"
# tone index: 0 none, 1 grave (huyền), 2 hook (hỏi), 3 tilde (ngã), 4 acute (sắc), 5 dot (nặng)
TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
# modifier index: 0 none, 1 circumflex, 2 breve, 3 horn
MODIFIERS = ["", "\u0302", "\u0306", "\u031B"]


def vowel_char(v, tone, upper):
    base = BASES[v]
    ch = unicodedata.normalize("NFC", unicodedata.normalize("NFD", base) + TONE_MARKS[tone])
    return ch.upper() if upper else ch


def vowel_code(v, tone, upper):
    return ((12 if upper else 0) + v) * 6 + tone


VOWEL_OF = {}
for up in (False, True):
    for v in range(12):
        for t in range(6):
            VOWEL_OF[vowel_char(v, t, up)] = vowel_code(v, t, up)


def mark_code(modifier, tone):
    return 1 + modifier * 6 + tone


def cp1252_high():
    return [bytes([b]).decode("cp1252", errors="replace") for b in range(0x80, 0x100)]


# VNI-Windows mark bytes: byte -> (modifier, tone); lowercase and uppercase forms.
VNI_MARKS = {
    "ù": (0, 4), "ø": (0, 1), "û": (0, 2), "õ": (0, 3), "ï": (0, 5),
    "â": (1, 0), "á": (1, 4), "à": (1, 1), "å": (1, 2), "ã": (1, 3), "ä": (1, 5),
    "ê": (2, 0), "é": (2, 4), "è": (2, 1), "ú": (2, 2), "ü": (2, 3), "ë": (2, 5),
}
# VNI-Windows single-byte letters (lowercase; the uppercase byte is 0x20 lower).
VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def entries(enc):
    """List of 256 (text, vowel code or None, mark code or None)."""
    out = []
    cp1252 = cp1252_high()
    for b in range(256):
        if b < 0x80:
            ch = chr(b)
            if enc == "tcvn3-vn1":
                ch = TCVN3_VN1_C0[b] if b < 32 else ch
            elif enc == "viscii":
                ch = VISCII_C0[b] if b < 32 else ch
        elif enc == "cp1258":
            ch = CP1258_HIGH[b - 0x80]
        elif enc == "tcvn3-vn1":
            ch = TCVN3_VN1_HIGH[b - 0x80]
        elif enc == "tcvn3-vn3":
            ch = cp1252[b - 0x80] if b < 0xA0 else TCVN3_VN1_HIGH[b - 0x80]
        elif enc == "viscii":
            ch = VISCII_HIGH[b - 0x80]
        elif enc == "vni":
            w = cp1252[b - 0x80]
            if w.lower() in VNI_MARKS and w != "\ufffd":
                m, t = VNI_MARKS[w.lower()]
                out.append((w, None, mark_code(m, t)))
                continue
            if w.lower() in VNI_LETTERS and w.upper() != w.lower():
                letter = VNI_LETTERS[w.lower()]
                ch = letter.upper() if w.isupper() else letter
            else:
                ch = w
        else:
            raise SystemExit("unknown encoding " + enc)
        if ch in TONE_MARKS[1:]:
            out.append((ch, None, mark_code(0, TONE_MARKS.index(ch))))
        elif ch in VOWEL_OF:
            out.append((ch, VOWEL_OF[ch], None))
        else:
            out.append((ch, None, None))
    return out


def rust_str(s):
    return '"' + "".join(
        c if 32 <= ord(c) < 127 and c not in '"\\' else "\\u{%X}" % ord(c) for c in s
    ) + '"'


def emit():
    p = print
    p("// generated by tools/gen_decode_tables.py — do not edit.")
    p("// Regenerate: python3 tools/gen_decode_tables.py > src/decode/tables.rs")
    p("// Check against glibc iconv and Python codecs: python3 tools/gen_decode_tables.py --check")
    p("")
    p("use super::legacy::Entry;")
    p("")
    p("/// Vowel code -> letter: code = ((12 * upper) + base) * 6 + tone, bases `%s`," % BASES)
    p("/// tones none, grave, hook, tilde, acute, dot below.")
    p("pub(crate) static VOWELS: [&str; 144] = [")
    for up in (False, True):
        for v in range(12):
            p("    " + ", ".join(rust_str(vowel_char(v, t, up)) for t in range(6)) + ",")
    p("];")
    p("")
    p("/// Windows-1252 bytes 0x80..=0xFF (U+FFFD where undefined).")
    p("pub(crate) static CP1252_HIGH: [char; 128] = [")
    hi = cp1252_high()
    for i in range(0, 128, 8):
        p("    " + ", ".join("'\\u{%X}'" % ord(c) for c in hi[i : i + 8]) + ",")
    p("];")
    for enc, name in [
        ("cp1258", "CP1258"),
        ("tcvn3-vn1", "TCVN3_VN1"),
        ("tcvn3-vn3", "TCVN3_VN3"),
        ("vni", "VNI"),
        ("viscii", "VISCII"),
    ]:
        p("")
        p("/// Byte table for %s." % enc)
        p("pub(crate) static %s: [Entry; 256] = [" % name)
        for b, (s, v, m) in enumerate(entries(enc)):
            p(
                "    Entry::new(%s, %d, %d), // %02X"
                % (rust_str(s), 255 if v is None else v, 0 if m is None else m, b)
            )
        p("];")


def iconv_byte(enc, b):
    r = subprocess.run(["iconv", "-f", enc, "-t", "UTF-8"], input=bytes([b]), capture_output=True)
    return r.stdout.decode("utf-8") if r.returncode == 0 else "\ufffd"


def check():
    bad = 0
    for name, enc, c0, high in [
        ("TCVN3 VN1", "TCVN5712-1", TCVN3_VN1_C0, TCVN3_VN1_HIGH),
        ("VISCII", "VISCII", VISCII_C0, VISCII_HIGH),
    ]:
        for b in list(range(32)) + list(range(0x80, 0x100)):
            want = iconv_byte(enc, b)
            have = c0[b] if b < 32 else high[b - 0x80]
            if want != have:
                bad += 1
                print("%s %02X: layout %r, iconv %r" % (name, b, have, want))
    for b in range(0x80, 0x100):
        want = bytes([b]).decode("cp1258", errors="replace")
        if CP1258_HIGH[b - 0x80] != want:
            bad += 1
            print("CP1258 %02X: layout %r, python %r" % (b, CP1258_HIGH[b - 0x80], want))
        if iconv_byte("CP1258", b) not in (want, "\ufffd"):
            print("note: iconv CP1258 %02X gives %r" % (b, iconv_byte("CP1258", b)))
    # every Vietnamese letter must be reachable in each table (VN3: lowercase toned only)
    for enc in ["cp1258", "tcvn3-vn1", "vni", "viscii"]:
        singles = {s for s, _, _ in entries(enc)}
        for ch in VOWEL_OF:
            if ch not in singles and enc in ("tcvn3-vn1", "viscii"):
                bad += 1
                print("%s: no byte for %r" % (enc, ch))
    print("ok" if bad == 0 else "%d differences" % bad)
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--check":
        sys.exit(check())
    emit()
