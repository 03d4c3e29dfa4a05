//! `vietnorm decode` through the real binary.

use crate::support::bin;

fn run(args: &[&str], input: &[u8]) -> (i32, Vec<u8>, String) {
    let out = crate::support::run_with_stdin(args, input);
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn decode_detects_and_reports() {
    let (code, out, err) = run(&["decode"], b"Vie\xE4t Nam la\xF8 mo\xE4t n\xF6\xF4\xF9c");
    assert_eq!(code, 0);
    assert_eq!(String::from_utf8_lossy(&out), "Việt Nam là một nước");
    assert!(err.contains("<stdin>: vni"), "{err}");
}

#[test]
fn decode_forced_encoding_and_files() {
    let dir = std::env::temp_dir().join(format!("vietnorm-decode-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("tmp");
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, b"Vi\xD6t Nam").expect("write");
    std::fs::write(&b, "Ủy ban nhân dân".as_bytes()).expect("write");
    let out = dir.join("out");
    let o = bin()
        .args(["decode", "--encoding", "tcvn3", "-o"])
        .arg(&out)
        .arg(&a)
        .output()
        .expect("run");
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(&out).expect("out"), "Việt Nam");
    let o = bin().args(["decode", "-q"]).arg(&b).output().expect("run");
    assert_eq!(String::from_utf8_lossy(&o.stdout), "Ủy ban nhân dân");
    assert!(o.stderr.is_empty());
    // an unknown encoding is a usage error
    let (code, _, _) = run(&["decode", "--encoding", "koi8"], b"x");
    assert_eq!(code, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn other_subcommands_read_through_the_decoder() {
    let (code, out, _) = run(
        &["normalize"],
        b"Vie\xE4t Nam la\xF8 mo\xE4t n\xF6\xF4\xF9c",
    );
    assert_eq!(code, 0);
    assert_eq!(String::from_utf8_lossy(&out), "Việt Nam là một nước");
}
