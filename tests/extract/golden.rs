//! Golden cases. Each file under `tests/data/extract/` holds lines
//! `text<TAB>expected`; a `#kinds<TAB>a,b` line selects the kinds compared
//! for the lines after it (default: all). `expected` lists the facts in text
//! order, joined by ` ; `, each as `kind[text]{field=value,…}` with null and
//! false fields left out; `-` means no facts. `\n` in a text is a line break.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;
use vietnorm::extract::{Extractor, Fact, FactKind};

fn value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(value).collect::<Vec<_>>().join("|")),
        Value::Object(o) => {
            let inner: Vec<String> = o
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| format!("{k}={}", value(v)))
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        other => other.to_string(),
    }
}

/// `kind[text]{field=value,…}` for one fact.
pub fn render(f: &Fact) -> String {
    let json = serde_json::to_value(f).expect("facts serialize");
    let mut fields: Vec<String> = Vec::new();
    if let Value::Object(o) = &json {
        let mut keys: Vec<&String> = o.keys().collect();
        keys.sort();
        for k in keys {
            if matches!(k.as_str(), "kind" | "start" | "end" | "text") {
                continue;
            }
            let v = &o[k];
            if v.is_null() || *v == Value::Bool(false) {
                continue;
            }
            fields.push(format!("{k}={}", value(v)));
        }
    }
    let mut s = String::new();
    let _ = write!(
        s,
        "{}[{}]{{{}}}",
        f.kind().as_str(),
        f.text,
        fields.join(",")
    );
    s
}

fn run_file(path: &Path, failures: &mut Vec<String>, count: &mut usize) {
    let data = std::fs::read_to_string(path).expect("golden file reads");
    let all = Extractor::new().expect("extractor builds");
    let mut kinds: Option<Vec<FactKind>> = None;
    for (i, line) in data.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("#kinds\t") {
            kinds = if rest.trim() == "*" {
                None
            } else {
                Some(
                    rest.split(',')
                        .map(|k| FactKind::from_name(k.trim()).expect("known kind"))
                        .collect(),
                )
            };
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (text, expected) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{}:{}: no tab", path.display(), i + 1));
        let text = text.replace("\\n", "\n");
        let facts = all.extract(&text);
        let got: Vec<String> = facts
            .iter()
            .filter(|f| match &kinds {
                None => true,
                Some(k) => k.contains(&f.kind()),
            })
            .map(render)
            .collect();
        let got = if got.is_empty() {
            "-".to_string()
        } else {
            got.join(" ; ")
        };
        *count += 1;
        if got != expected.trim() {
            failures.push(format!(
                "{}:{}\n  text:     {text}\n  expected: {}\n  actual:   {got}",
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                i + 1,
                expected.trim()
            ));
        }
        // the same result with only the compared kinds switched on
        if let Some(k) = &kinds {
            let only = Extractor::builder()
                .kinds(k)
                .build()
                .expect("extractor builds");
            let again: Vec<String> = only.extract(&text).iter().map(render).collect();
            let again = if again.is_empty() {
                "-".to_string()
            } else {
                again.join(" ; ")
            };
            if again != got {
                failures.push(format!(
                    "{}:{}: kinds filter changes the result: {again}",
                    path.display(),
                    i + 1
                ));
            }
        }
    }
}

#[test]
fn golden_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/extract");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("golden dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for f in &files {
        run_file(f, &mut failures, &mut count);
    }
    assert!(count >= 300, "only {count} golden cases");
    assert!(
        failures.is_empty(),
        "{} of {count} golden cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Damaged inputs (`tests/data/extract/damaged/*.tsv`): decode's mojibake
/// repair and the normalizer run first, as in the CLI; diacritic repair
/// joins when it lands.
#[test]
fn damaged_cases_after_cleaning() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/extract/damaged");
    let e = Extractor::new().expect("extractor builds");
    let mut failures = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("damaged dir").flatten() {
        let data = std::fs::read_to_string(entry.path()).expect("damaged file reads");
        for (i, line) in data.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (text, expected) = line.split_once('\t').expect("tab");
            let (fixed, _) = vietnorm::decode::repair_mojibake(text);
            let clean = vietnorm::normalize::normalize(&fixed);
            let got: Vec<String> = e.extract(&clean).iter().map(render).collect();
            let got = if got.is_empty() {
                "-".to_string()
            } else {
                got.join(" ; ")
            };
            count += 1;
            if got != expected.trim() {
                failures.push(format!(
                    "{}:{}\n  expected: {expected}\n  actual:   {got}",
                    entry.path().display(),
                    i + 1
                ));
            }
        }
    }
    assert!(count >= 10, "only {count} damaged cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
