"""Clean a directory of scraped Vietnamese pages with Dask.

A Dask bag of file paths, one ``Pipeline.clean_batch`` call per partition
(through the same ``clean_partition`` as the Spark example). vietnorm
releases the GIL, so Dask's threaded scheduler runs the partitions in
parallel in one process: no pickling, no worker processes.

    python examples/dask_clean.py PAGES_DIR OUT_DIR [--facts]

Writes JSON Lines part files (``path``, ``text``, ``facts``) to OUT_DIR.
"""

import argparse
import json
import os
import sys

from pages import clean_partition


def read(paths):
    for p in paths:
        with open(p, "rb") as f:
            yield p, f.read()


def run(pages, out, *, tone="keep", facts=False, partitions=None):
    import dask
    import dask.bag as db

    paths = sorted(
        os.path.join(root, name) for root, _, names in os.walk(pages) for name in names
    )
    n = partitions or max(1, min(len(paths), 4 * (os.cpu_count() or 1)))
    bag = db.from_sequence(paths, npartitions=n).map_partitions(
        # one thread per partition: Dask runs the partitions side by side
        lambda part: list(clean_partition(read(part), tone=tone, facts=facts, threads=1))
    )
    lines = bag.map(
        lambda r: json.dumps(
            {"path": r[0], "text": r[1], **({"facts": json.loads(r[2])} if r[2] else {})},
            ensure_ascii=False,
        )
    )
    os.makedirs(out, exist_ok=True)
    with dask.config.set(scheduler="threads"):
        lines.to_textfiles(os.path.join(out, "part-*.jsonl"), encoding="utf-8")
    return len(paths)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pages")
    ap.add_argument("out")
    ap.add_argument("--tone", default="keep", choices=["keep", "classic", "modern"])
    ap.add_argument("--facts", action="store_true")
    args = ap.parse_args(argv)
    n = run(args.pages, args.out, tone=args.tone, facts=args.facts)
    print(f"cleaned {n} pages into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
