"""Clean a directory of scraped Vietnamese pages with PySpark.

Each Spark task gets a partition of files as raw bytes, builds one
``vietnorm.Pipeline`` and cleans the files in batches with
``Pipeline.process_batch`` (or ``clean_batch`` without ``--facts``), which
decodes any Vietnamese encoding, normalizes, repairs diacritics and, with
``--facts``, extracts facts, with the GIL released and on ``--threads``
threads per task. The result is written as JSON Lines (one object per page:
``path``, ``text`` and, with ``--facts``, ``facts``), one part file per
partition, the usual Spark layout.

Local mode on one machine (every core)::

    python examples/spark_clean.py PAGES_DIR OUT_DIR [--facts] [--master local[*]]

On a cluster, submit the same file with ``spark-submit`` and install the
vietnorm wheel on the workers. ``--make-sample DIR`` writes a small mixed
archive (UTF-8, UTF-16, Windows-1258, mojibake, pages that lost their marks,
nested folders) to try it on.
"""

import argparse
import os
import sys

from pages import clean_partition, make_sample


def run(pages, out, *, master="local[*]", tone="keep", facts=False, threads=None, partitions=None):
    """Cleans every file under ``pages`` (recursively) into ``out``;
    returns the number of pages written."""
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StringType, StructField, StructType

    # local mode: workers run this interpreter (the one vietnorm is installed in)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master)
        .appName("vietnorm-clean")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        # workers import the partition function from pages.py
        spark.sparkContext.addPyFile(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pages.py"))
        # one vietnorm thread per core Spark gives a task, so tasks running
        # side by side do not oversubscribe the machine
        if threads is None:
            threads = int(spark.sparkContext.getConf().get("spark.task.cpus", "1"))
        files = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .load(os.path.abspath(pages))
            .select("path", "content")
        )
        rdd = files.rdd.map(lambda r: (r.path, r.content))
        if partitions:
            rdd = rdd.repartition(partitions)
        cleaned = rdd.mapPartitions(
            lambda rows: clean_partition(rows, tone=tone, facts=facts, threads=threads)
        )
        schema = StructType(
            [
                StructField("path", StringType(), False),
                StructField("text", StringType(), False),
                StructField("facts", StringType(), True),
            ]
        )
        df = spark.createDataFrame(cleaned, schema)
        if not facts:
            df = df.drop("facts")
        df.write.mode("overwrite").json(out)
        return spark.read.json(out).count()
    finally:
        spark.stop()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pages", nargs="?", help="directory of pages (read recursively)")
    ap.add_argument("out", nargs="?", help="output directory (JSON Lines part files)")
    ap.add_argument("--master", default="local[*]", help="Spark master (default: local[*])")
    ap.add_argument("--tone", default="keep", choices=["keep", "classic", "modern"])
    ap.add_argument("--facts", action="store_true", help="also extract facts")
    ap.add_argument("--threads", type=int, default=None, help="vietnorm threads per task (default: spark.task.cpus)")
    ap.add_argument("--partitions", type=int, default=None, help="repartition the files")
    ap.add_argument("--make-sample", metavar="DIR", help="write a sample archive to DIR and exit")
    args = ap.parse_args(argv)
    if args.make_sample:
        make_sample(args.make_sample)
        print(f"wrote a sample archive to {args.make_sample}")
        return 0
    if not args.pages or not args.out:
        ap.error("PAGES_DIR and OUT_DIR are required")
    n = run(
        args.pages,
        args.out,
        master=args.master,
        tone=args.tone,
        facts=args.facts,
        threads=args.threads,
        partitions=args.partitions,
    )
    print(f"cleaned {n} pages into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
