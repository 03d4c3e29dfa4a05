//! Generates a news-like scraped archive for benchmarking `vietnorm clean`.
//!
//! ```sh
//! cargo run --release --example gen_archive -- /work/cache/clean-bench/archive 520
//! ```
//!
//! Writes about SIZE_MB megabytes (default 520) under OUTDIR: HTML pages
//! (markup, scripts, navigation and widget lines around the article), plain
//! text pages and JSON Lines files of 500 records, a tenth of the pages
//! gzip-compressed. 15% of the documents are damaged the way the real
//! damaged seed page is (marks added to vowels at 0.34, d → đ at 0.2). The
//! text comes from the bench corpus sentences (our own), so the output is
//! the same on every run.

#[path = "../benches/corpus.rs"]
mod corpus;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use corpus::Rng;
use vietnorm::repair::damage::{damage, Damage};

const SITES: &[&str] = &["baotinh", "congthongtin", "tintuc", "nongnghiep"];

fn html(rng: &mut Rng, site: &str, id: usize, title: &str, body: &[String]) -> String {
    let mut s = String::with_capacity(16 * 1024);
    s.push_str("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n");
    s.push_str(&format!("<title>{title} | {site}</title>\n"));
    s.push_str("<link rel=\"stylesheet\" href=\"/static/css/main.css\">\n<style>\n");
    for k in 0..(20 + rng.below(40)) {
        s.push_str(&format!(
            ".box-{k} {{ margin: {k}px 0; padding: 4px; font-family: Arial, sans-serif; }}\n"
        ));
    }
    s.push_str("</style>\n<script>\nwindow.dataLayer = window.dataLayer || [];\n");
    for k in 0..(10 + rng.below(30)) {
        s.push_str(&format!(
            "function track{k}(e) {{ if (e && e.target) {{ dataLayer.push({{'event': 'click{k}', 'id': {id}}}); }} return '<p>' + e + '</p>'; }}\n"
        ));
    }
    s.push_str("</script></head>\n<body>\n<header class=\"site-header\"><div class=\"logo\">");
    s.push_str(site);
    s.push_str("</div></header>\n<nav class=\"menu\"><ul>");
    for item in [
        "Trang chủ",
        "Thời sự",
        "Kinh tế",
        "Xã hội",
        "Văn hóa",
        "Thể thao",
        "Pháp luật",
    ] {
        s.push_str(&format!("<li><a href=\"/{}\">{item}</a></li>", item.len()));
    }
    s.push_str("</ul></nav>\n<div class=\"container\"><div class=\"tools\">A- A A+ | Tăng tương phản Giảm tương phản</div>\n");
    s.push_str(&format!(
        "<div class=\"detail\"><h1 class=\"title\">{title}</h1>\n<div class=\"meta\">Cập nhật: {}/{}/2025</div>\n",
        1 + rng.below(28),
        1 + rng.below(12)
    ));
    for p in body {
        s.push_str("<p class=\"content\">");
        s.push_str(p);
        s.push_str("</p>\n");
    }
    s.push_str("<div class=\"share\"><a>Chia sẻ</a> <a>In bài</a></div>\n");
    s.push_str("<div class=\"related\"><h3>Tin liên quan</h3><ul>");
    for k in 0..5 {
        s.push_str(&format!(
            "<li><a href=\"/tin/{}\">Bản tin số {}</a></li>",
            id + k + 1,
            id + k + 1
        ));
    }
    s.push_str("</ul></div>\n<div class=\"comment\">Bạn còn 500/500 ký tự</div></div></div>\n");
    s.push_str("<footer class=\"site-footer\">Cơ quan chủ quản: Ủy ban nhân dân tỉnh. Giấy phép số 12/GP-TTĐT.</footer>\n</body></html>\n");
    s
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

fn write(path: &Path, data: &[u8]) {
    if let Some(d) = path.parent() {
        fs::create_dir_all(d).expect("create directory");
    }
    fs::write(path, data).expect("write file");
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/work/cache/clean-bench/archive".into()),
    );
    let size_mb: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(520);
    let target = size_mb * 1_000_000;
    let mut rng = Rng::new(2025);
    let mut written = 0usize;
    let mut docs = 0usize;
    let mut damaged = 0usize;
    let mut files = 0usize;
    let mut jsonl = String::new();
    let mut jsonl_n = 0usize;
    while written < target {
        let id = docs;
        docs += 1;
        let site = SITES[rng.below(SITES.len())];
        let paras = corpus::paragraphs(3_000 + rng.below(9_000), rng.next());
        let title = corpus::SENTENCES[rng.below(corpus::SENTENCES.len())]
            .trim_end_matches('.')
            .to_string();
        let mut body = paras;
        if rng.chance(0.15) {
            damaged += 1;
            let seed = rng.next();
            body = body
                .iter()
                .enumerate()
                .map(|(i, p)| damage(p, Damage::ADD_MARKS, seed ^ i as u64))
                .collect();
        }
        let month = 1 + id % 12;
        let dir = out.join(site).join(format!("2025-{month:02}"));
        let kind = rng.below(100);
        if kind < 20 {
            let rec = serde_json::json!({
                "url": format!("https://{site}.example.vn/tin/{id}"),
                "title": title,
                "text": body.join("\n"),
            });
            jsonl.push_str(&rec.to_string());
            jsonl.push('\n');
            if jsonl.len() > 4_000_000 {
                let p = out
                    .join("jsonl")
                    .join(format!("records-{jsonl_n:04}.jsonl"));
                write(&p, jsonl.as_bytes());
                written += jsonl.len();
                files += 1;
                jsonl_n += 1;
                jsonl.clear();
            }
            continue;
        }
        let (name, data) = if kind < 75 {
            (
                format!("tin-{id}.html"),
                html(&mut rng, site, id, &title, &body).into_bytes(),
            )
        } else {
            let mut t = title.clone();
            t.push('\n');
            t.push_str(&body.join("\n"));
            t.push('\n');
            (format!("tin-{id}.txt"), t.into_bytes())
        };
        written += data.len();
        files += 1;
        if rng.chance(0.1) {
            write(&dir.join(format!("{name}.gz")), &gzip(&data));
        } else {
            write(&dir.join(name), &data);
        }
    }
    if !jsonl.is_empty() {
        let p = out
            .join("jsonl")
            .join(format!("records-{jsonl_n:04}.jsonl"));
        write(&p, jsonl.as_bytes());
        written += jsonl.len();
        files += 1;
    }
    eprintln!(
        "wrote {files} files, {docs} documents ({damaged} damaged), {:.1} MB uncompressed, under {}",
        written as f64 / 1e6,
        out.display()
    );
}
