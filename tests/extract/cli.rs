//! `vietnorm extract` through the real binary.

use serde_json::Value;

use crate::support::bin;

fn temp_file(name: &str, body: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vietnorm-extract-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, body).expect("temp file");
    p
}

#[test]
fn one_record_per_input_with_code_point_offsets() {
    // NBSP and a styled look-alike Đ: the normalize step cleans them before extraction
    let a = temp_file(
        "a.txt",
        "Sáng 31/10, đồng chí Võ Công Hòa – Phó Bí thư Ðảng ủy, Chủ tịch UBND xã\u{a0}Ia Ko dự họp; tỷ lệ đạt 91,24%.".as_bytes(),
    );
    let b = temp_file("b.txt", "Không có dữ liệu".as_bytes());
    let out = bin().arg("extract").arg(&a).arg(&b).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    let text: Vec<char> = lines[0]["text"].as_str().expect("text").chars().collect();
    assert!(!text.contains(&'\u{a0}') && !text.contains(&'Ð'));
    let facts = lines[0]["facts"].as_array().expect("facts");
    let kinds: Vec<&str> = facts.iter().filter_map(|f| f["kind"].as_str()).collect();
    assert_eq!(kinds, ["date", "official", "place", "percentage"]);
    for f in facts {
        let (s, e) = (
            f["start"].as_u64().expect("start") as usize,
            f["end"].as_u64().expect("end") as usize,
        );
        let slice: String = text[s..e].iter().collect();
        assert_eq!(slice, f["text"].as_str().expect("fact text"));
    }
    assert_eq!(facts[1]["name"], "Võ Công Hòa");
    assert_eq!(facts[1]["titles"][0], "Phó Bí thư Đảng ủy");
    assert_eq!(facts[3]["value"], 91.24);
    assert_eq!(lines[1]["facts"].as_array().map(Vec::len), Some(0));
    assert!(lines[1]["source"]
        .as_str()
        .is_some_and(|s| s.ends_with("b.txt")));
}

#[test]
fn kinds_filter_and_bad_kind() {
    let a = temp_file(
        "c.txt",
        "Ngày 18/3, xã Đăk Môn tiếp nhận 2.945 hồ sơ.".as_bytes(),
    );
    let out = bin()
        .args(["extract", "--kinds", "quantity"])
        .arg(&a)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let facts = v["facts"].as_array().expect("facts");
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0]["unit"], "hồ sơ");
    let bad = bin()
        .args(["extract", "--kinds", "weather"])
        .arg(&a)
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn legacy_encoding_is_decoded_first() {
    // "Sáng 31/10" in Windows-1258 (S, a + U+0301 as 0xEC, n, g)
    let a = temp_file("d.txt", b"S\x61\xECng 31/10, h\xF4\xCC i ngh\xECi");
    let out = bin()
        .args(["extract", "--kinds", "date"])
        .arg(&a)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["facts"][0]["day"], 31);
}
