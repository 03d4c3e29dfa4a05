"""The Spark and Dask examples' per-partition function, without Spark or
Dask: the part that touches vietnorm."""

import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "examples"))

import pages  # noqa: E402


def test_partition_function_decodes_and_cleans_every_page():
    sample = pages.sample_pages(60, seed=5)
    rows = [(p, d) for p, d, _, _ in sample]
    out = list(pages.clean_partition(iter(rows), facts=True, threads=2))
    assert [p for p, _, _ in out] == [p for p, _ in rows]
    right = total = 0
    for (path, text, facts), (_, _, original, kind) in zip(out, sample):
        if kind == "stripped":
            words = list(zip(text.split(), original.split()))
            right += sum(a == b for a, b in words)
            total += len(words)
        else:
            # UTF-8, UTF-16, Windows-1258 and mojibake pages come back exactly
            assert text == original, (path, kind)
        for f in json.loads(facts):
            assert text[f["start"] : f["end"]] == f["text"]
    assert right / total > 0.8


def test_partition_function_batches_and_keeps_order():
    sample = pages.sample_pages(pages.BATCH * 2 + 5, seed=9)
    rows = ((p, bytearray(d)) for p, d, _, _ in sample)  # a lazy iterator, like Spark's
    out = list(pages.clean_partition(rows))
    assert len(out) == len(sample)
    assert all(f is None for _, _, f in out)
    assert [p for p, _, _ in out] == [p for p, _, _, _ in sample]


def test_sample_archive_is_written(tmp_path):
    pages.make_sample(tmp_path, pages=12)
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert len(files) == 12
