//! CLI tests: spawn the real binary.

use crate::support::{bin, run_with_stdin};

fn run_stdin(args: &[&str], input: &str) -> (i32, String, String) {
    let out = run_with_stdin(args, input.as_bytes());
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("vietnorm-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn normalize_stdin_to_stdout() {
    let (code, out, _) = run_stdin(
        &["normalize", "--tone", "modern"],
        "Ðảng ủy\u{a0}xã, qủa hòa",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "Đảng uỷ xã, quả hoà");
}

#[test]
fn normalize_files_into_dir_and_report_bad_ones() {
    let d = tempdir("dir");
    let a = d.join("a.txt");
    std::fs::write(&a, "Hòa Bình\u{200b}").unwrap();
    let missing = d.join("missing.txt");
    let out = d.join("out");
    let o = bin()
        .args(["normalize", "--tone", "classic", "-o"])
        .arg(&out)
        .arg(&a)
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "a failed input makes exit code 1");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("missing.txt"),
        "stderr names the bad file: {err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("a.txt")).unwrap(),
        "Hòa Bình"
    );
    assert_eq!(
        std::fs::read_to_string(&a).unwrap(),
        "Hòa Bình\u{200b}",
        "input untouched"
    );
}

#[test]
fn never_writes_over_input() {
    let d = tempdir("over");
    let a = d.join("a.txt");
    std::fs::write(&a, "Ðảng").unwrap();
    let o = bin()
        .args(["normalize", "-o"])
        .arg(&a)
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&a).unwrap(), "Ðảng");
}

#[test]
fn usage_errors_exit_2() {
    let o = bin()
        .args(["normalize", "--tone", "sideways"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = bin().args(["no-such-command"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// Standard input among several inputs is read once: the adaptation pass
/// leaves it to the repair pass (reading it there too left it empty).
#[test]
fn repair_reads_stdin_among_files_once() {
    let d = tempdir("repair-stdin");
    let a = d.join("a.txt");
    std::fs::write(
        &a,
        "Ủy ban nhân dân xã tổ chức hội nghị tổng kết công tác năm.\n",
    )
    .unwrap();
    let out = crate::support::bin()
        .args(["repair"])
        .arg(&a)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin
                .take()
                .expect("piped")
                .write_all("Ủy bạn nhân đân xã đã bàn hành kế hóạch.\n".as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Ủy ban nhân dân xã tổ chức"), "{text}");
    assert!(
        text.contains("Ủy ban nhân dân xã đã ban hành kế hoạch."),
        "{text}"
    );
}
