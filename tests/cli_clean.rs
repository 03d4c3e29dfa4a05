//! `vietnorm clean` end to end: the real binary on a generated archive with
//! mixed encodings, HTML, JSONL, gzip and zstd, damaged pages, a broken gzip
//! stream and random bytes.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use vietnorm::decode::Encoding;
use vietnorm::repair::damage::{damage, Damage};

use crate::decode::encode::encode;
use crate::support::bin;

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vietnorm-clean-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    bin()
        .arg("clean")
        .args(args)
        .output()
        .expect("spawn vietnorm")
}

fn os<S: AsRef<std::ffi::OsStr> + ?Sized>(s: &S) -> &std::ffi::OsStr {
    s.as_ref()
}

/// Our own paragraphs in the style of provincial news pages.
const PARAGRAPHS: &[&str] = &[
    "Sáng 14/3, Ủy ban nhân dân huyện tổ chức hội nghị sơ kết công tác chuyển đổi số quý I năm 2025. Các đại biểu đã thảo luận về những khó khăn trong việc triển khai dịch vụ công trực tuyến tại cấp xã.",
    "Theo báo cáo của Sở Giáo dục và Đào tạo, toàn tỉnh hiện có hơn bốn trăm trường học đạt chuẩn quốc gia. Tỷ lệ học sinh tốt nghiệp trung học phổ thông năm nay đạt trên chín mươi tám phần trăm.",
    "Đồng chí Bí thư Huyện ủy nhấn mạnh các cơ quan, đơn vị cần tiếp tục đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp trên địa bàn.",
    "Trong những năm qua, nông dân trong xã đã mạnh dạn chuyển đổi cơ cấu cây trồng, đưa giống cà phê và hồ tiêu chất lượng cao vào sản xuất, góp phần nâng cao thu nhập cho gia đình.",
    "Hội nghị cũng thống nhất giao cho Phòng Tài chính phối hợp với các ngành liên quan xây dựng kế hoạch phân bổ nguồn vốn hỗ trợ phát triển hạ tầng nông thôn mới.",
    "Ban tổ chức cho biết, giải chạy năm nay thu hút hơn hai nghìn vận động viên đến từ nhiều địa phương trong cả nước, với các cự ly năm cây số, mười cây số và hai mươi mốt cây số.",
];

fn page_text(i: usize) -> String {
    let mut t = String::new();
    for k in 0..4 {
        // each page's lines are its own, as on a real site
        t.push_str(PARAGRAPHS[(i + k) % PARAGRAPHS.len()]);
        t.push_str(&format!(" (Bài {i}, đoạn {k}.)\n"));
    }
    t
}

/// Widget lines that recur on every HTML page of the archive.
const WIDGET: &str = "A- A A+ | Tăng tương phản Giảm tương phản";
const RELATED: &str = "Tin liên quan";

fn html_page(i: usize, body: &str) -> String {
    let paras: String = body.lines().map(|l| format!("<p>{l}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Trang {i}</title>\
         <script>var x = '<p>không được lấy</p>';</script><style>p {{ margin: 0 }}</style></head>\
         <body><nav><a href=\"/\">Trang chủ</a> <a href=\"/tt\">Thời sự</a></nav>\
         <div class=\"tools\">{WIDGET}</div>\n<h1>Bản tin số {i}</h1>\n{paras}\
         <div class=\"box\"><h3>{RELATED}</h3></div><footer>Cơ quan chủ quản: Báo điện tử</footer></body></html>"
    )
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// Share of the words of `want` found at the same position in `got`.
fn word_accuracy(got: &str, want: &str) -> f64 {
    let g: Vec<&str> = got.split_whitespace().collect();
    let w: Vec<&str> = want.split_whitespace().collect();
    let same = g.iter().zip(&w).filter(|(a, b)| a == b).count();
    same as f64 / w.len().max(1) as f64
}

struct Archive {
    root: PathBuf,
    input: PathBuf,
    damaged_clean: String,
}

fn make_archive(name: &str) -> Archive {
    let root = tempdir(name);
    let input = root.join("archive");
    let w = |rel: &str, data: &[u8]| {
        let p = input.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, data).unwrap();
    };
    for i in 0..6 {
        w(
            &format!("html/page{i}.html"),
            html_page(i, &page_text(i)).as_bytes(),
        );
    }
    w("text/clean.txt", page_text(1).as_bytes());
    let damaged_clean = page_text(2);
    w(
        "text/damaged.txt",
        damage(&damaged_clean, Damage::ADD_MARKS, 7).as_bytes(),
    );
    w(
        "legacy/vni.txt",
        &encode(&page_text(3), Encoding::Vni).unwrap(),
    );
    w(
        "legacy/cp1258.txt",
        &encode(&page_text(4), Encoding::Cp1258).unwrap(),
    );
    w(
        "legacy/tcvn3.txt",
        &encode(&page_text(5).to_lowercase(), Encoding::Tcvn3).unwrap(),
    );
    // UTF-8 seen through Windows-1252 (mojibake), as a scraper might store it
    let moji: String = page_text(0)
        .as_bytes()
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => [
                '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}',
                'Ž', '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›',
                'œ', '\u{9d}', 'ž', 'Ÿ',
            ][(b - 0x80) as usize],
            _ => b as char,
        })
        .collect();
    w("legacy/mojibake.txt", moji.as_bytes());
    let mut jsonl = String::new();
    for i in 0..3 {
        // field order and spacing of the other fields must survive
        jsonl.push_str(&format!(
            "{{\"url\": \"https://tin.example/{i}\", \"id\":{i},\"text\":{}}}",
            serde_json::to_string(&page_text(i)).unwrap()
        ));
        jsonl.push('\n');
    }
    jsonl.push_str("{\"id\": 9, \"title\": \"không có trường text\"}\n");
    w("data/records.jsonl", jsonl.as_bytes());
    w("data/records2.jsonl.gz", &gzip(jsonl.as_bytes()));
    w("gz/page.txt.gz", &gzip(page_text(3).as_bytes()));
    w(
        "gz/page.html.zst",
        &ruzstd::encoding::compress_to_vec(
            html_page(9, &page_text(4)).as_bytes(),
            ruzstd::encoding::CompressionLevel::Fastest,
        ),
    );
    let mut broken = gzip(page_text(0).repeat(20).as_bytes());
    let n = broken.len();
    broken.truncate(n / 2);
    w("bad/broken.txt.gz", &broken);
    let mut x: u64 = 0x1234_5678;
    let random: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    w("bad/random.bin", &random);
    Archive {
        root,
        input,
        damaged_clean,
    }
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut m = BTreeMap::new();
    for e in walk(dir) {
        m.insert(e.clone(), fs::read(&e).unwrap());
    }
    m
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn read(p: PathBuf) -> String {
    fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn cleans_a_mixed_archive() {
    let a = make_archive("mixed");
    let before = snapshot(&a.input);
    let out = a.root.join("out");
    let report = a.root.join("report.json");
    let facts = a.root.join("facts.jsonl");
    let o = run(&[
        os(&a.input),
        os("-o"),
        os(&out),
        os("--strip-boilerplate"),
        os("--report"),
        os(&report),
        os("--facts"),
        os(&facts),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "stderr: {stderr}");
    // the input is untouched
    assert_eq!(snapshot(&a.input), before);
    // bad files are named with a reason; the rest went on
    assert!(
        stderr.contains("broken.txt.gz") && stderr.contains("broken gzip stream"),
        "{stderr}"
    );
    assert!(
        stderr.contains("random.bin") && stderr.contains("binary"),
        "{stderr}"
    );
    assert!(!out.join("bad/broken.txt").exists());
    assert!(!out.join("bad/random.bin").exists());
    // no temporary files left anywhere
    assert!(walk(&out)
        .iter()
        .all(|p| !p.to_string_lossy().contains(".vietnorm-")));

    // HTML: main text only, widgets learned as boilerplate and removed
    let h = read(out.join("html/page0.html"));
    assert!(h.starts_with("Bản tin số 0\n"), "{h}");
    assert!(h.contains(PARAGRAPHS[0]), "{h}");
    for gone in [
        "không được lấy",
        "Trang chủ",
        "margin",
        WIDGET,
        RELATED,
        "Cơ quan chủ quản",
    ] {
        assert!(!h.contains(gone), "{gone:?} left in {h}");
    }
    // clean text unchanged (it ends with a newline already)
    assert_eq!(read(out.join("text/clean.txt")), page_text(1));
    // the damaged page is repaired
    let fixed = read(out.join("text/damaged.txt"));
    let acc = word_accuracy(&fixed, &a.damaged_clean);
    assert!(acc >= 0.95, "accuracy {acc}: {fixed}");
    // legacy encodings and mojibake decoded
    assert_eq!(read(out.join("legacy/vni.txt")), page_text(3));
    assert_eq!(read(out.join("legacy/cp1258.txt")), page_text(4));
    assert_eq!(
        read(out.join("legacy/tcvn3.txt")),
        page_text(5).to_lowercase()
    );
    assert_eq!(read(out.join("legacy/mojibake.txt")), page_text(0));
    // compressed inputs are written plain, without the suffix
    assert_eq!(read(out.join("gz/page.txt")), page_text(3));
    assert!(read(out.join("gz/page.html")).contains(PARAGRAPHS[4]));
    // JSONL stays JSONL: field replaced, other fields kept in order, a vietnorm object
    for name in ["data/records.jsonl", "data/records2.jsonl"] {
        let j = read(out.join(name));
        let lines: Vec<&str> = j.lines().collect();
        assert_eq!(lines.len(), 4, "{j}");
        assert!(
            lines[0].starts_with("{\"url\":\"https://tin.example/0\",\"id\":0,\"text\":"),
            "{}",
            lines[0]
        );
        let v: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(v["text"], page_text(1));
        assert_eq!(v["vietnorm"]["encoding"], "utf-8");
        assert_eq!(v["vietnorm"]["changed"], false);
        assert_eq!(lines[3], "{\"id\": 9, \"title\": \"không có trường text\"}");
    }

    // the report
    let r: serde_json::Value = serde_json::from_str(&read(report)).unwrap();
    assert_eq!(r["ok"], false);
    let failures = r["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert_eq!(r["files"], 16);
    // 6 html + 2 text + 4 legacy + 2 compressed pages + 2 × 3 records
    assert_eq!(r["documents"], 20);
    assert_eq!(r["records_without_text"], 2);
    for enc in ["utf-8", "vni", "cp1258", "tcvn3"] {
        assert!(r["encodings"][enc].as_u64().unwrap_or(0) >= 1, "{enc}: {r}");
    }
    assert!(r["documents_mojibake"].as_u64().unwrap() >= 1);
    assert!(r["documents_repaired"].as_u64().unwrap() >= 1);
    assert!(r["syllables_changed"].as_u64().unwrap() >= 10);
    // every HTML page lost its widget line and its "related" heading
    assert!(r["boilerplate_lines"].as_u64().unwrap() >= 14, "{r}");
    assert!(r["adaptation_documents"].as_u64().unwrap() >= 10);
    // facts: one line per cleaned document, with code-point offsets
    let f = read(facts);
    assert_eq!(f.lines().count(), 20);
    let mut n = 0;
    for line in f.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text: Vec<char> = v["text"].as_str().unwrap().chars().collect();
        for fact in v["facts"].as_array().unwrap() {
            let s = fact["start"].as_u64().unwrap() as usize;
            let e = fact["end"].as_u64().unwrap() as usize;
            assert_eq!(
                text[s..e].iter().collect::<String>(),
                fact["text"].as_str().unwrap()
            );
            n += 1;
        }
    }
    assert_eq!(r["facts"], n);
    assert!(n > 0);
    // the summary
    assert!(stderr.contains("20 documents in 16 files"), "{stderr}");
    assert!(stderr.contains("failures: 2"), "{stderr}");

    // --resume: everything done is skipped, the bad files fail again
    let o = run(&[
        os(&a.input),
        os("-o"),
        os(&out),
        os("--resume"),
        os("--report"),
        os(&a.root.join("report2.json")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_str(&read(a.root.join("report2.json"))).unwrap();
    assert_eq!(r["files_resumed"], 16);
    assert_eq!(r["documents"], 0);
}

#[test]
fn refuses_outdir_inside_input_and_other_usage_errors() {
    let a = make_archive("usage");
    let before = snapshot(&a.input);
    let o = run(&[os(&a.input), os("-o"), os(&a.input.join("out"))]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("inside input"), "{e}");
    assert_eq!(snapshot(&a.input), before);
    // output directory given as the input itself
    let o = run(&[os(&a.input), os("-o"), os(&a.input)]);
    assert_eq!(o.status.code(), Some(2));
    // no -o
    let o = run(&[os(&a.input)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("-o OUTDIR"));
    // a missing input
    let o = run(&[os(&a.root.join("nope")), os("-o"), os(&a.root.join("o"))]);
    assert_eq!(o.status.code(), Some(2));
    // an unknown option
    let o = run(&[os("--frobnicate")]);
    assert_eq!(o.status.code(), Some(2));
    // facts file inside the input
    let o = run(&[
        os(&a.input),
        os("-o"),
        os(&a.root.join("o2")),
        os("--facts"),
        os(&a.input.join("f.jsonl")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(snapshot(&a.input), before);
}

#[test]
fn max_bytes_fails_the_file_and_goes_on() {
    let d = tempdir("max");
    let input = d.join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("big.txt"), page_text(0).repeat(10)).unwrap();
    fs::write(input.join("small.txt"), "Xin chào các bạn.\n").unwrap();
    let out = d.join("out");
    let o = run(&[
        os(&input),
        os("-o"),
        os(&out),
        os("--max-bytes"),
        os("2K"),
        os("--quiet"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("big.txt") && e.contains("--max-bytes"), "{e}");
    assert_eq!(read(out.join("small.txt")), "Xin chào các bạn.\n");
    assert!(!out.join("big.txt").exists());
    // all fine: exit 0
    let o = run(&[
        os(&input.join("small.txt")),
        os("-o"),
        os(&d.join("out2")),
        os("-q"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn stdin_to_stdout() {
    let mut child = bin()
        .args(["clean", "-", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let page = html_page(1, &page_text(0));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&gzip(page.as_bytes()))
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    // no boilerplate learning asked for: the widget line stays
    assert!(
        text.starts_with(&format!("{WIDGET}\nBản tin số 1\n")),
        "{text}"
    );
    assert!(text.contains(PARAGRAPHS[0]));
    assert!(!text.contains("không được lấy"));
}

#[test]
fn help_is_complete() {
    let o = bin().args(["clean", "--help"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let h = String::from_utf8_lossy(&o.stdout);
    for opt in [
        "--output",
        "--field",
        "--strip-boilerplate",
        "--facts",
        "--resume",
        "--max-bytes",
        "--report",
        "--quiet",
        "--threads",
        "Exit status",
        "Ctrl-C",
    ] {
        assert!(h.contains(opt), "{opt} missing from help");
    }
    let o = bin().arg("--help").output().unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("clean"));
}

fn warc_record(kind: &str, uri: &str, ctype: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-10-01T08:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

#[test]
fn warc_responses_become_jsonl() {
    let d = tempdir("warc");
    let input = d.join("crawl");
    fs::create_dir_all(&input).unwrap();
    let http = |body: &[u8], extra: &str| {
        let mut b = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{extra}Content-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        b.extend_from_slice(body);
        b
    };
    let mut warc = warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    );
    let msg = "application/http; msgtype=response";
    warc.extend(warc_record(
        "response",
        "https://tin.example/1",
        msg,
        &http(html_page(1, &page_text(1)).as_bytes(), ""),
    ));
    warc.extend(warc_record(
        "response",
        "https://tin.example/2",
        msg,
        &http(
            &gzip(html_page(2, &page_text(2)).as_bytes()),
            "Content-Encoding: gzip\r\n",
        ),
    ));
    warc.extend(warc_record(
        "response",
        "https://tin.example/logo.png",
        msg,
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n",
    ));
    fs::write(input.join("crawl.warc.gz"), gzip(&warc)).unwrap();
    let out = d.join("out");
    let o = run(&[os(&input), os("-o"), os(&out), os("-q")]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let j = read(out.join("crawl.warc.jsonl"));
    let recs: Vec<serde_json::Value> = j
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 2, "{j}");
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(r["url"], format!("https://tin.example/{}", i + 1));
        let text = r["text"].as_str().unwrap();
        assert!(
            text.starts_with(&format!("{WIDGET}\nBản tin số {}\n", i + 1)),
            "{text}"
        );
        assert!(text.contains(PARAGRAPHS[(i + 1) % PARAGRAPHS.len()]));
        assert!(!text.contains("không được lấy"));
        assert_eq!(r["vietnorm"]["encoding"], "utf-8");
    }
}

/// Files under `dir` by relative path, with their bytes.
fn rel_snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .map(|(p, b)| (p.strip_prefix(dir).unwrap().to_path_buf(), b))
        .collect()
}

fn has_temp(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with('.') && n.ends_with(".tmp")
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn interrupt_leaves_only_complete_outputs_and_resume_finishes() {
    let d = tempdir("interrupt");
    let input = d.join("in");
    fs::create_dir_all(&input).unwrap();
    for i in 0..400 {
        let body = page_text(i).repeat(6);
        fs::write(
            input.join(format!("p{i:03}.html")),
            html_page(i, &body).as_bytes(),
        )
        .unwrap();
    }
    let full = d.join("full");
    let o = run(&[os(&input), os("-o"), os(&full), os("-q"), os("--no-repair")]);
    assert_eq!(o.status.code(), Some(0));

    let out = d.join("out");
    let child = bin()
        .args([os("clean"), os(&input), os("-o"), os(&out), os("-q")])
        .arg("--no-repair")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // interrupt once the first outputs are in place
    let start = std::time::Instant::now();
    while !out.exists() || walk(&out).is_empty() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let o = child.wait_with_output().unwrap();
    // 130 when interrupted; 0 only if it had already finished
    let code = o.status.code();
    assert!(code == Some(130) || code == Some(0), "{code:?}");
    if code == Some(130) {
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(e.contains("interrupted") && e.contains("--resume"), "{e}");
    }
    assert_eq!(has_temp(&out), Vec::<PathBuf>::new());
    // whatever was written is complete
    let want = rel_snapshot(&full);
    let got = rel_snapshot(&out);
    assert!(got.len() <= want.len());
    for (p, b) in &got {
        assert_eq!(Some(b), want.get(p), "{}", p.display());
    }
    // --resume completes the rest
    let o = run(&[
        os(&input),
        os("-o"),
        os(&out),
        os("-q"),
        os("--no-repair"),
        os("--resume"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(rel_snapshot(&out), want);
}

#[test]
fn temporaries_left_by_a_killed_run_are_removed() {
    let d = tempdir("stale");
    let input = d.join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("a.txt"), "Xin chào các bạn.\n").unwrap();
    let out = d.join("out");
    fs::create_dir_all(out.join("sub")).unwrap();
    // pid 4294967295 is above every pid_max: that process is gone
    let stale = out.join("sub/.b.txt.vietnorm-4294967295.tmp");
    fs::write(&stale, "nửa chừng").unwrap();
    // not ours: kept
    let other = out.join(".notes.tmp");
    fs::write(&other, "x").unwrap();
    let o = run(&[os(&input), os("-o"), os(&out)]);
    assert_eq!(o.status.code(), Some(0));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("removed 1 unfinished temporary file"), "{e}");
    assert!(!stale.exists());
    assert!(other.exists());
    assert_eq!(read(out.join("a.txt")), "Xin chào các bạn.\n");
}

/// `clean INPUT -o OUT -q --no-repair --facts FACTS [--resume]`, without
/// the subcommand.
fn facts_args<'a>(
    input: &'a Path,
    out: &'a Path,
    facts: &'a Path,
    resume: bool,
) -> Vec<&'a std::ffi::OsStr> {
    let mut v = vec![
        os(input),
        os("-o"),
        os(out),
        os("-q"),
        os("--no-repair"),
        os("--facts"),
        os(facts),
    ];
    if resume {
        v.push(os("--resume"));
    }
    v
}

#[test]
fn resume_cuts_a_half_written_facts_line() {
    let d = tempdir("facts-resume");
    let input = d.join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("a.txt"), page_text(0)).unwrap();
    fs::write(input.join("b.txt"), page_text(1)).unwrap();
    let out = d.join("out");
    let facts = d.join("facts.jsonl");
    let args = |resume: bool| run(&facts_args(&input, &out, &facts, resume));
    assert_eq!(args(false).status.code(), Some(0));
    let whole = read(facts.clone());
    let lines: Vec<&str> = whole.lines().collect();
    assert_eq!(lines.len(), 2);
    // as if interrupted while writing b's line, before b's output was kept
    fs::remove_file(out.join("b.txt")).unwrap();
    let cut = format!("{}\n{}", lines[0], &lines[1][..lines[1].len() / 2]);
    fs::write(&facts, cut).unwrap();
    assert_eq!(args(true).status.code(), Some(0));
    let after = read(facts.clone());
    assert_eq!(after, whole);
}

#[cfg(unix)]
#[test]
fn interrupted_facts_are_complete_after_resume() {
    let d = tempdir("interrupt-facts");
    let input = d.join("in");
    fs::create_dir_all(&input).unwrap();
    for i in 0..300 {
        fs::write(input.join(format!("t{i:03}.txt")), page_text(i).repeat(4)).unwrap();
    }
    let out = d.join("out");
    let facts = d.join("facts.jsonl");
    let args = |resume: bool| {
        let mut v = vec![os("clean")];
        v.extend(facts_args(&input, &out, &facts, resume));
        v
    };
    let child = bin().args(args(false)).spawn().unwrap();
    let start = std::time::Instant::now();
    while !out.exists() || walk(&out).is_empty() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(matches!(o.status.code(), Some(130) | Some(0)));
    let o = bin().args(args(true)).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(walk(&out).len(), 300);
    // every document has its facts line (at least once), every line whole
    let mut sources = std::collections::BTreeSet::new();
    for line in read(facts.clone()).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a whole JSON line");
        sources.insert(v["source"].as_str().unwrap().to_string());
    }
    assert_eq!(sources.len(), 300);
}
