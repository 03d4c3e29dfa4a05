"""The natural Python route on a sample of the bench archive, for comparison.

    python tools/bench_python_route.py ARCHIVE_DIR [SAMPLE_MB]

Reads the plain-text pages (`*.txt`) of the archive made by
`examples/gen_archive.rs` until SAMPLE_MB (default 10) and runs on each
document what a Python user would: ftfy `fix_text` (mojibake, odd Unicode)
then underthesea `text_normalize` (Vietnamese tone placement and
characters). Prints MB/s on one core. Neither repairs damaged diacritics or
decodes legacy encodings; the comparison is of throughput only. The same
files are listed in SAMPLE_DIR/list.txt so `vietnorm clean` can be timed on
exactly this sample (see tools/bench_clean.sh).

Needs a venv: python3 -m venv /work/cache/clean-bench/venv &&
/work/cache/clean-bench/venv/bin/pip install underthesea ftfy
"""
import os
import shutil
import sys
import time

import ftfy
from underthesea import text_normalize

root = sys.argv[1]
budget = float(sys.argv[2] if len(sys.argv) > 2 else 10) * 1e6
sample_dir = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(root), "py-sample")
docs = []
total = 0
for dirpath, _, files in sorted(os.walk(root)):
    for f in sorted(files):
        if f.endswith(".txt") and total < budget:
            p = os.path.join(dirpath, f)
            docs.append(p)
            total += os.path.getsize(p)
shutil.rmtree(sample_dir, ignore_errors=True)
os.makedirs(sample_dir)
for i, p in enumerate(docs):
    shutil.copy(p, os.path.join(sample_dir, f"{i:06d}.txt"))
texts = [open(p, encoding="utf-8").read() for p in docs]
nbytes = sum(len(t.encode("utf-8")) for t in texts)
start = time.perf_counter()
cpu0 = time.process_time()
out = []
for t in texts:
    out.append(text_normalize(ftfy.fix_text(t)))
secs = time.perf_counter() - start
cpu = time.process_time() - cpu0
print(f"python route (ftfy.fix_text + underthesea.text_normalize): {len(texts)} docs, "
      f"{nbytes/1e6:.2f} MB in {secs:.2f} s = {nbytes/1e6/secs:.2f} MB/s on one core "
      f"(process CPU {cpu:.2f} s = {nbytes/1e6/cpu:.2f} MB/s per CPU-second); sample in {sample_dir}")
