"""Batches: the same answers as one at a time, the GIL released, any
iterable, pickling for engines that ship the pipeline to workers."""

import pickle
import threading
import time

import pytest

import vietnorm
from conftest import SENTENCES, make_docs, mojibake, strip_marks


@pytest.mark.parametrize("tone", ["keep", "classic", "modern"])
@pytest.mark.parametrize("repair", [True, False])
def test_clean_batch_equals_clean(docs, tone, repair):
    p = vietnorm.Pipeline(tone=tone, repair=repair)
    batch = p.clean_batch(docs)
    assert len(batch) == len(docs)
    for d, b in zip(docs, batch):
        assert b == p.clean(d)
        assert b == vietnorm.clean(d, tone=tone, repair=repair)


def test_clean_batch_does_work(docs):
    # the batch really cleans: stripped and mojibake pages come back with marks
    p = vietnorm.Pipeline()
    stripped = strip_marks(" ".join(SENTENCES))
    broken = mojibake(" ".join(SENTENCES))
    out_stripped, out_broken = p.clean_batch([stripped, broken])
    assert out_broken == " ".join(SENTENCES)
    assert out_stripped != stripped
    right = sum(a == b for a, b in zip(out_stripped.split(), " ".join(SENTENCES).split()))
    assert right / len(stripped.split()) > 0.8


def test_clean_batch_bytes_items_are_decoded(docs):
    p = vietnorm.Pipeline()
    items = []
    for i, d in enumerate(docs[:16]):
        items.append(d.encode("utf-16") if i % 2 else bytearray(d.encode("utf-8")))
    assert p.clean_batch(items) == [p.clean(d) for d in docs[:16]]
    assert p.clean_batch([memoryview(docs[0].encode())]) == [p.clean(docs[0])]


def test_clean_batch_threads_and_iterables(docs):
    p = vietnorm.Pipeline()
    want = p.clean_batch(docs)
    assert p.clean_batch(docs, threads=1) == want
    assert p.clean_batch(docs, threads=3) == want
    assert p.clean_batch(iter(docs)) == want
    assert p.clean_batch(tuple(docs)) == want
    assert p.clean_batch(d for d in docs) == want
    assert p.clean_batch([]) == []
    assert p.clean_batch(["", " "]) == [p.clean(""), p.clean(" ")]


def test_process_batch_equals_process(docs):
    p = vietnorm.Pipeline(tone="modern")
    batch = p.process_batch(docs[:24])
    for d, got in zip(docs[:24], batch):
        one = p.process(d)
        assert got.text == one.text == p.clean(d)
        assert got.facts == one.facts == p.extract(got.text)


def test_kinds_limit_extraction():
    p = vietnorm.Pipeline(kinds=["date", "percentage"])
    facts = p.extract(" ".join(SENTENCES))
    assert facts and {f.kind for f in facts} <= {"date", "percentage"}
    assert p.kinds == ["date", "percentage"]


def _ticks_during(run):
    """Runs `run()` in this thread while another Python thread counts in a
    pure-Python loop; returns (seconds, largest gap between the counter's
    ticks inside the call, ticks inside the call)."""
    stamps = []
    stop = threading.Event()

    def count():
        n = 0
        while not stop.is_set():
            n += 1
            if n % 2000 == 0:
                stamps.append(time.perf_counter())

    t = threading.Thread(target=count)
    t.start()
    time.sleep(0.05)
    t0 = time.perf_counter()
    run()
    t1 = time.perf_counter()
    stop.set()
    t.join()
    inside = [s for s in stamps if t0 <= s <= t1]
    edges = [t0] + inside + [t1]
    gap = max(b - a for a, b in zip(edges, edges[1:]))
    return t1 - t0, gap, len(inside)


def test_other_python_threads_run_during_a_batch():
    p = vietnorm.Pipeline()
    docs = make_docs(240, seed=11, sentences_per_doc=40)
    p.clean_batch(docs[:2])  # load the model first
    # grow the batch until one call lasts long enough to tell, whatever the
    # machine's speed (a fixed batch took under 50 ms on a fast CI machine)
    while True:
        t0 = time.perf_counter()
        p.clean_batch(docs)
        if time.perf_counter() - t0 > 0.2 or len(docs) >= 240 * 64:
            break
        docs = docs * 2
    elapsed, gap, ticks = _ticks_during(lambda: p.clean_batch(docs))
    assert elapsed > 0.05, "batch too small to tell"
    # with the GIL held for the whole call the counter would stop: one gap
    # as long as the call and no ticks inside it
    assert ticks > 10, (elapsed, gap, ticks)
    assert gap < elapsed / 2, (elapsed, gap, ticks)


def test_concurrent_calls_from_python_threads(docs):
    p = vietnorm.Pipeline()
    want = p.clean_batch(docs)
    results = [None] * 4

    def work(i):
        results[i] = p.clean_batch(docs, threads=2)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == want for r in results)


def test_pipeline_pickles(docs):
    p = vietnorm.Pipeline(tone="classic", repair=False, strength="firm", kinds=["date"], encoding="vni")
    for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
        q = pickle.loads(pickle.dumps(p, protocol=proto))
        assert repr(q) == repr(p)
        assert (q.tone, q.repair, q.strength, q.kinds, q.encoding) == ("classic", False, "firm", ["date"], "vni")
        assert q.clean_batch(docs[:8]) == p.clean_batch(docs[:8])


def _word_accuracy(got, want):
    pairs = list(zip(got.split(), want.split()))
    return sum(a == b for a, b in pairs) / len(pairs)


def test_adapt_learns_the_archive():
    # an archive: clean pages plus pages that lost their marks
    clean_pages = make_docs(40, seed=21)
    clean_pages = [d for i, d in enumerate(clean_pages) if i % 8 in (0, 2, 4, 7)]
    damaged = [strip_marks(d) for d in clean_pages[:6]]
    base = vietnorm.Pipeline()
    adapted = base.adapt(clean_pages + damaged)
    assert adapted.adapted and not base.adapted
    before = sum(_word_accuracy(base.clean(d), w) for d, w in zip(damaged, clean_pages))
    after = sum(_word_accuracy(adapted.clean(d), w) for d, w in zip(damaged, clean_pages))
    assert after > before, (before, after)
    # clean pages stay as they are, and batches still equal single calls
    assert adapted.clean_batch(clean_pages) == clean_pages
    assert adapted.clean_batch(damaged) == [adapted.clean(d) for d in damaged]


def test_adapt_errors():
    with pytest.raises(vietnorm.VietnormError, match="repair=True"):
        vietnorm.Pipeline(repair=False).adapt(["Hòa bình"])
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(vietnorm.Pipeline().adapt(["Hòa bình"]))
    with pytest.raises(TypeError):
        vietnorm.Pipeline().adapt("a single string")
