"""Python-side throughput: vietnorm Pipeline.clean_batch against
underthesea's text_normalize, on the same generated pages.

    python bench/throughput.py [--mb 8] [--repeat 3]

Run it in an environment that has vietnorm installed and, for the baseline,
underthesea (``pip install underthesea``); without underthesea only vietnorm
is measured. The corpus is generated from our own sentences (tests/conftest.py
style, nothing from shared/devdata): news-like pages of 2-12 KB, 15% of them
damaged (marks stripped, as on ASCII pages) and the rest clean. Prints MB/s
(UTF-8 input bytes per second of wall time) and the ratios.
"""

import argparse
import os
import platform
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from vn_text import SENTENCES as TEST_SENTENCES, strip_marks  # noqa: E402

# the tests' sentences and a few more topics
SENTENCES = TEST_SENTENCES + [
    "Giá cà phê nhân xô tại các tỉnh Tây Nguyên tăng nhẹ, dao động quanh mức 118.000 đồng/kg.",
    "Thời tiết hôm nay: trời nhiều mây, có mưa rào rải rác, nhiệt độ cao nhất từ 29 đến 31 độ C.",
    "Trường Trung học cơ sở Lê Lợi tổ chức lễ khai giảng năm học mới với hơn 600 học sinh tham dự.",
    "Bệnh viện Đa khoa tỉnh tiếp nhận thêm nhiều trang thiết bị y tế hiện đại phục vụ khám, chữa bệnh.",
    "Mùa lúa năm nay được mùa, được giá, bà con nông dân phấn khởi thu hoạch trước khi mưa lũ về.",
    "Khách du lịch đến thành phố trong dịp nghỉ lễ tăng mạnh, công suất phòng khách sạn đạt khoảng 85%.",
]


def corpus(mb, damaged=0.15, seed=42):
    rng = random.Random(seed)
    docs, flags, total = [], [], 0
    while total < mb * 1_000_000:
        paras = []
        size = rng.randint(2_000, 12_000)
        n = 0
        while n < size:
            p = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 7)))
            paras.append(p)
            n += len(p.encode())
        doc = "\n".join(paras)
        hit = rng.random() < damaged
        if hit:
            doc = strip_marks(doc)
        docs.append(doc)
        flags.append(hit)
        total += len(doc.encode())
    return docs, flags, total


def best(f, repeat):
    """Fastest of `repeat` runs: (wall seconds, CPU seconds of the process,
    all threads). On a busy machine wall time depends on the neighbours;
    MB per CPU-second does much less."""
    runs = []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        f()
        runs.append((time.perf_counter() - t, time.process_time() - c))
    return min(runs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=8.0, help="corpus size in MB")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline-mb", type=float, default=1.0,
                    help="underthesea is measured on the first MB of the corpus (it is slow)")
    args = ap.parse_args()

    import vietnorm

    docs, damaged, total = corpus(args.mb)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, vietnorm {vietnorm.__version__}")
    print(f"corpus: {len(docs)} pages, {total / 1e6:.1f} MB, 15% damaged (marks stripped)")
    try:
        print(f"load average before: {os.getloadavg()[0]:.1f}")
    except OSError:
        pass

    results = {}
    for name, kwargs, threads in [
        ("clean_batch, repair, all cores", {}, None),
        ("clean_batch, repair, 1 thread", {}, 1),
        ("clean_batch, no repair, all cores", {"repair": False}, None),
        ("clean_batch, no repair, 1 thread", {"repair": False}, 1),
    ]:
        p = vietnorm.Pipeline(**kwargs)
        p.clean_batch(docs[:4])  # load the model and dictionaries first
        dt, cpu = best(lambda: p.clean_batch(docs, threads=threads), args.repeat)
        results[name] = (total / 1e6 / dt, total / 1e6 / cpu)
        print(f"vietnorm {name:<36} {results[name][0]:8.2f} MB/s wall  {results[name][1]:8.2f} MB/CPU-s")

    # where the repair time goes: clean pages and damaged pages apart
    p = vietnorm.Pipeline()
    for label, part in [
        ("clean pages", [d for d, x in zip(docs, damaged) if not x]),
        ("damaged pages", [d for d, x in zip(docs, damaged) if x]),
    ]:
        size = sum(len(d.encode()) for d in part)
        dt, cpu = best(lambda: p.clean_batch(part, threads=1), args.repeat)
        print(f"vietnorm clean_batch, repair, 1 thread, {label:<14} {size / 1e6 / dt:8.2f} MB/s wall  "
              f"{size / 1e6 / cpu:8.2f} MB/CPU-s  ({size / 1e6:.1f} MB)")

    try:
        from underthesea import text_normalize
    except ImportError:
        print("underthesea not installed: baseline skipped")
        return
    sub, sub_bytes = [], 0
    for d in docs:
        if sub_bytes >= args.baseline_mb * 1_000_000:
            break
        sub.append(d)
        sub_bytes += len(d.encode())
    text_normalize(sub[0])  # warm up
    dt, cpu = best(lambda: [text_normalize(d) for d in sub], 1)
    base = (sub_bytes / 1e6 / dt, sub_bytes / 1e6 / cpu)
    print(f"underthesea text_normalize ({sub_bytes / 1e6:.1f} MB)     {base[0]:8.2f} MB/s wall  {base[1]:8.2f} MB/CPU-s")
    for name, v in results.items():
        print(f"ratio vietnorm {name} / underthesea: {v[0] / base[0]:.1f}x wall, {v[1] / base[1]:.1f}x per CPU-s")


if __name__ == "__main__":
    main()
