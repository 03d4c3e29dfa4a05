"""Shared by the Spark and Dask examples: the per-partition cleaning
function and a small sample archive generator. Plain Python, no engine types,
so it is tested on its own (``tests/test_examples.py``)."""

import json
import os
import random
import unicodedata

BATCH = 64  # documents per clean_batch call: enough to keep the threads busy


def clean_partition(rows, *, tone="keep", facts=False, threads=None):
    """The function given to ``mapPartitions``: ``(path, bytes)`` pairs in,
    ``(path, text, facts_json)`` triples out. Plain Python, no Spark types,
    so it can be tested (and reused with other engines) on its own."""
    import vietnorm

    pipeline = vietnorm.Pipeline(tone=tone)
    batch = []

    def flush():
        paths = [p for p, _ in batch]
        data = [bytes(d) for _, d in batch]
        batch.clear()
        if facts:
            for path, doc in zip(paths, pipeline.process_batch(data, threads=threads)):
                yield path, doc.text, json.dumps([f.to_dict() for f in doc.facts], ensure_ascii=False)
        else:
            for path, text in zip(paths, pipeline.clean_batch(data, threads=threads)):
                yield path, text, None

    for path, data in rows:
        batch.append((path, data))
        if len(batch) >= BATCH:
            yield from flush()
    if batch:
        yield from flush()


SAMPLE = [
    "Sáng 12/3/2025, Ủy ban nhân dân tỉnh tổ chức hội nghị triển khai nhiệm vụ năm 2025.",
    "Đồng chí Trần Minh Khoa – Phó Chủ tịch UBND tỉnh chủ trì hội nghị.",
    "Theo Kế hoạch số 45/KH-UBND ngày 20/02/2025, các xã phải hoàn thành việc rà soát hồ sơ.",
    "Năm qua, tỷ lệ hộ nghèo của xã Tân Lập giảm còn 3,2%, thu nhập bình quân đạt hơn 62 triệu đồng.",
    "Người dân phấn khởi khi con đường bê tông mới được đưa vào sử dụng trước mùa mưa bão.",
    "Hội nghị đã thảo luận, thống nhất các giải pháp phát triển kinh tế, bảo đảm an sinh xã hội.",
]


def _cp1258(text):
    """Windows-1258 bytes: base letters with their vowel marks, tones as
    combining bytes (the way Windows-1258 writes Vietnamese)."""
    out, base, tones = [], "", ""
    for ch in unicodedata.normalize("NFD", text) + " ":
        if unicodedata.combining(ch):
            if ch in "\u0302\u0306\u031b":  # circumflex, breve, horn
                base += ch
            else:
                tones += ch
            continue
        out.append(unicodedata.normalize("NFC", base) + tones)
        base, tones = ch, ""
    return "".join(out).encode("cp1258")


def _strip(text):
    t = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return t.replace("đ", "d").replace("Đ", "D")


def sample_pages(pages=200, seed=1):
    """(relative path, bytes, original text, how it was written) for a mixed
    archive: UTF-8, UTF-16, Windows-1258, mojibake, and pages that lost
    their marks."""
    rng = random.Random(seed)
    out = []
    for i in range(pages):
        text = "\n".join(rng.choice(SAMPLE) for _ in range(rng.randint(5, 30)))
        kind = ("utf-8", "utf-16", "cp1258", "mojibake", "stripped")[i % 5]
        if kind == "utf-8":
            data = text.encode("utf-8")
        elif kind == "utf-16":
            data = text.encode("utf-16")
        elif kind == "cp1258":
            data = _cp1258(text)
        elif kind == "mojibake":
            data = text.encode("utf-8").decode("latin-1").encode("utf-8")
        else:
            data = _strip(text).encode("utf-8")
        path = os.path.join(f"site{i % 3}", f"2025-{1 + i % 12:02d}", f"page{i:04d}.txt")
        out.append((path, data, text, kind))
    return out


def make_sample(directory, pages=200, seed=1):
    """Writes the sample archive under ``directory`` (nested folders)."""
    for path, data, _, _ in sample_pages(pages, seed):
        full = os.path.join(directory, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)
