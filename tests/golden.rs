//! Reading golden files and showing failures side by side.

use std::path::Path;

/// Expands `\uXXXX`, `\UXXXXXXXX`, `\t`, `\r`, `\n` and `\\` in a golden field.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('u') => out.push(hex(&mut it, 4)),
            Some('U') => out.push(hex(&mut it, 8)),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some(o) => panic!("bad escape \\{o} in golden field {s:?}"),
            None => panic!("trailing backslash in {s:?}"),
        }
    }
    out
}

fn hex(it: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize) -> char {
    let h: String = it.take(n).collect();
    char::from_u32(u32::from_str_radix(&h, 16).expect("hex escape")).expect("code point")
}

/// Rows of a golden TSV file: (line number, fields), comments and blank lines skipped.
pub fn tsv_rows(path: &str) -> Vec<(usize, Vec<String>)> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(unescape).collect()))
        .collect()
}

/// Asserts equality, printing both sides with escapes visible.
#[track_caller]
pub fn eq_nice(ctx: &str, expected: &str, got: &str) -> Result<(), String> {
    if expected == got {
        return Ok(());
    }
    Err(format!(
        "{ctx}\n  expected: {expected:?}\n       got: {got:?}"
    ))
}
