//! Fact extraction throughput on clean news-like text (our own prose, and the
//! shared corpus of `benches/corpus.rs`) and on fact-dense text (the
//! golden-case sentences); dictionary build time apart; a plain aho-corasick
//! scan over the trigger dictionary as the baseline.
use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use vietnorm::extract::Extractor;

#[path = "corpus.rs"]
mod corpus;

/// Our own paragraphs in the style of provincial news pages: mostly prose,
/// a fact every sentence or two.
const NEWS: &str = "Sáng 12/11, tại hội trường Ủy ban nhân dân xã, Ban Chỉ đạo phát triển khoa học, công nghệ, \
đổi mới sáng tạo và chuyển đổi số xã tổ chức hội nghị sơ kết công tác chín tháng đầu năm. Đồng chí Lê Văn Tùng – \
Bí thư Đảng ủy, Chủ tịch HĐND xã, Trưởng Ban Chỉ đạo chủ trì hội nghị.\n\
Theo báo cáo, trong thời gian qua các cơ quan, đơn vị đã tập trung triển khai nhiều nhiệm vụ trọng tâm, chú trọng \
nâng cao nhận thức của cán bộ, đảng viên và Nhân dân về vai trò của chuyển đổi số trong đời sống hằng ngày. Việc \
giải quyết thủ tục hành chính cho người dân và doanh nghiệp được thực hiện thông suốt, công khai, minh bạch; tỷ lệ \
hồ sơ giải quyết đúng hạn đạt trên 97%.\n\
Tuy nhiên, hạ tầng công nghệ thông tin ở một số thôn còn yếu, thiết bị đầu cuối chưa đồng bộ; kỹ năng số của một \
bộ phận người dân, nhất là người cao tuổi, còn hạn chế. Nguồn nhân lực làm công tác chuyển đổi số ở cơ sở còn thiếu \
và chủ yếu kiêm nhiệm, chưa được đào tạo bài bản.\n\
Phát biểu kết luận, đồng chí Trưởng Ban Chỉ đạo đề nghị các thành viên bám sát Kế hoạch số 45/KH-UBND ngày \
03/3/2025 của UBND xã, phân công rõ người, rõ việc, rõ thời gian hoàn thành; đẩy mạnh tuyên truyền để người dân \
hiểu và sử dụng dịch vụ công trực tuyến, thanh toán không dùng tiền mặt, góp phần xây dựng chính quyền số, kinh tế \
số và xã hội số trên địa bàn.\n\
Dịp này, Ban Chỉ đạo đã trao giấy khen cho các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua, \
đồng thời phát động đợt cao điểm hướng dẫn người dân cài đặt và kích hoạt tài khoản định danh điện tử đến hết \
năm 2025.\n";

/// The golden-case sentences, twenty to a document.
fn golden_docs() -> Vec<String> {
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
fn repeat_to(docs: &[String], bytes: usize) -> Vec<String> {
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

fn baseline_automaton() -> AhoCorasick {
    let offices = include_str!("../data/titles_offices.tsv");
    let mut pats: Vec<String> = offices
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_string)
        .collect();
    pats.extend(
        [
            "xã",
            "phường",
            "huyện",
            "tỉnh",
            "thành phố",
            "quận",
            "thị xã",
            "thị trấn",
            "đặc khu",
        ]
        .map(String::from),
    );
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&pats)
        .expect("baseline automaton")
}

fn run(c: &mut Criterion) {
    let extractor = Extractor::new().expect("extractor");
    let _ = extractor.extract(NEWS); // warm the lazy dictionaries
    let baseline = baseline_automaton();
    // corpora are lists of documents (pages), extracted one call each, as
    // the CLI does: `news` is a page of mostly prose, `dense` the golden
    // sentences (a fact or more in every one), twenty to a document
    let corpora = [
        ("news", repeat_to(&[NEWS.to_string()], 1 << 20)),
        ("dense", repeat_to(&golden_docs(), 1 << 20)),
        // the normalize bench's shared news corpus, eight paragraphs a page
        (
            "shared_news",
            corpus::paragraphs(1 << 20, 42)
                .chunks(8)
                .map(|c| c.join("\n"))
                .collect(),
        ),
    ];
    let mut g = c.benchmark_group("extract");
    for (name, docs) in &corpora {
        let bytes: usize = docs.iter().map(String::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_with_input(BenchmarkId::new("vietnorm", name), docs, |b, docs| {
            b.iter(|| {
                docs.iter()
                    .map(|d| extractor.extract(black_box(d)).len())
                    .sum::<usize>()
            })
        });
        g.bench_with_input(
            BenchmarkId::new("aho_corasick_triggers_only", name),
            docs,
            |b, docs| {
                b.iter(|| {
                    docs.iter()
                        .map(|d| baseline.find_iter(black_box(d.as_str())).count())
                        .sum::<usize>()
                })
            },
        );
    }
    g.finish();

    // building the dictionaries (what the lazy static does once per process);
    // an extra entry forces a fresh build instead of the shared one
    let mut g = c.benchmark_group("extract_build");
    g.sample_size(10);
    g.bench_function("dictionaries", |b| {
        b.iter(|| {
            Extractor::builder()
                .surnames(["Zzz"])
                .build()
                .map(|e| e.extract("").len())
        })
    });
    g.finish();
}

criterion_group!(benches, run);
criterion_main!(benches);
