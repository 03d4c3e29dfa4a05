//! Bench corpora generated from our own Vietnamese sentences (nothing from
//! `shared/devdata`). Deterministic: the same bytes on every run.

#![allow(dead_code)]

/// Sentences written for vietnorm in the style of provincial news pages.
pub const SENTENCES: &[&str] = &[
    "Sáng 12/11, tại hội trường UBND xã, Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tổ chức hội nghị sơ kết.",
    "Đồng chí Lê Văn Tùng, Bí thư Đảng ủy, Chủ tịch HĐND xã chủ trì hội nghị.",
    "Tham dự có đồng chí Phạm Thị Hồng Nhung, Phó Bí thư Thường trực Đảng ủy, cùng các đồng chí thành viên Ban Chỉ đạo.",
    "Theo báo cáo, năm qua xã đã tiếp nhận 1.245 hồ sơ thủ tục hành chính, trong đó 1.102 hồ sơ trực tuyến.",
    "Tỷ lệ giải quyết hồ sơ đúng hạn đạt trên 97%, tỷ lệ người dân có tài khoản định danh điện tử đạt 88,6%.",
    "Việc triển khai Kế hoạch số 45/KH-UBND ngày 03/3/2025 của UBND xã được thực hiện nghiêm túc, hiệu quả.",
    "Hạ tầng công nghệ thông tin ở một số thôn, buôn còn yếu; kỹ năng số của một bộ phận người dân còn hạn chế.",
    "Hội nghị thống nhất đẩy mạnh tuyên truyền, hoàn thành mục tiêu xây dựng chính quyền số trong quý I năm 2026.",
    "Các tổ công nghệ số cộng đồng đã hướng dẫn hàng nghìn lượt người dân sử dụng dịch vụ công trực tuyến.",
    "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành, địa phương khẩn trương rà soát, đề xuất giải pháp tháo gỡ khó khăn.",
    "Thời tiết hôm nay: trời nhiều mây, có mưa rào rải rác, nhiệt độ cao nhất từ 29 đến 31 độ C.",
    "Giá cà phê nhân xô tại các tỉnh Tây Nguyên tăng nhẹ, dao động quanh mức 118.000 đồng/kg.",
    "Trường Trung học cơ sở Nguyễn Du tổ chức lễ khai giảng năm học mới với sự tham gia của hơn 600 học sinh.",
    "Lực lượng công an xã phối hợp với các đoàn thể tuyên truyền phòng, chống lừa đảo qua mạng cho người dân.",
    "Ngân hàng Chính sách xã hội huyện giải ngân 12 tỷ đồng cho các hộ nghèo, hộ cận nghèo vay vốn sản xuất.",
    "Phong trào thi đua yêu nước được triển khai sâu rộng, tạo khí thế mới trong cán bộ, đảng viên và Nhân dân.",
    "Bệnh viện Đa khoa tỉnh tiếp nhận thêm nhiều trang thiết bị y tế hiện đại phục vụ khám, chữa bệnh.",
    "Mùa lúa năm nay được mùa, được giá, bà con nông dân phấn khởi thu hoạch trước khi mưa lũ về.",
    "Nghị quyết số 57-NQ/TW của Bộ Chính trị xác định khoa học, công nghệ là đột phá quan trọng hàng đầu.",
    "Huyện đã hoàn thành việc sắp xếp đơn vị hành chính cấp xã theo Nghị quyết của Ủy ban Thường vụ Quốc hội.",
    "Đoàn kiểm tra đánh giá cao sự chủ động của địa phương trong công tác phòng, chống thiên tai và tìm kiếm cứu nạn.",
    "Khách du lịch đến thành phố trong dịp nghỉ lễ tăng mạnh, công suất phòng khách sạn đạt khoảng 85%.",
];

/// A tiny deterministic generator (xorshift).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Paragraphs of 3–7 sentences until `bytes` are reached, one paragraph a line.
pub fn paragraphs(bytes: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let n = 3 + rng.below(5);
        let p: Vec<&str> = (0..n)
            .map(|_| SENTENCES[rng.below(SENTENCES.len())])
            .collect();
        let p = p.join(" ");
        total += p.len() + 1;
        out.push(p);
    }
    out
}

/// Clean NFC news-like prose of about `bytes` bytes.
pub fn news(bytes: usize) -> String {
    paragraphs(bytes, 42).join("\n")
}

/// The repair bench's own text: the repair tests' text and the sample page,
/// then 1 MiB of our sentences.
pub fn repair_text() -> String {
    format!(
        "{}{}{}",
        include_str!("../tests/data/repair/clean.txt"),
        include_str!("../data/samples/sample.txt"),
        news(1 << 20)
    )
}

/// `text` cut into documents of about 300 words at line ends, as an archive
/// of articles would be.
pub fn documents(text: &str) -> Vec<String> {
    let mut docs = Vec::new();
    let mut cur = String::new();
    let mut n = 0;
    for line in text.lines() {
        cur.push_str(line);
        cur.push('\n');
        n += line.split_whitespace().count();
        if n >= 300 {
            docs.push(std::mem::take(&mut cur));
            n = 0;
        }
    }
    if !cur.trim().is_empty() {
        docs.push(cur);
    }
    docs
}

/// The seed of variant `v` of damaged document `i` in the repair bench.
pub fn damage_seed(i: usize, v: usize) -> u64 {
    (i + 100_000 * v) as u64
}

/// The extraction golden-case sentences (`tests/data/extract/*.tsv`),
/// twenty to a document: text dense with facts.
pub fn golden_extract_docs() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/extract");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("golden dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut lines = Vec::new();
    for f in files {
        for line in std::fs::read_to_string(f).expect("golden file").lines() {
            if !line.starts_with('#') {
                lines.push(line.split('\t').next().unwrap_or("").replace("\\n", "\n"));
            }
        }
    }
    lines.chunks(20).map(|c| c.join("\n")).collect()
}

/// Copies of `docs` until they hold at least `bytes` bytes.
pub fn repeat_to(docs: &[String], bytes: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut n = 0;
    while n < bytes {
        for d in docs {
            n += d.len();
            out.push(d.clone());
        }
    }
    out
}
