"""Extract a corpus on Spark: each partition of the input files becomes one folder of geokg shards.

    spark-submit scripts/spark_extract.py --out /data/shards --partitions 400 /data/news
    geokg load /data/shards/part-* --store oxigraph:/data/kg

The driver lists the input files (folders walked as `geokg ingest` walks them, in sorted order);
``mapPartitionsWithIndex`` runs ``geokg.corpus.extract_corpus`` over each partition's files into
``OUT/part-NNNNN`` (shards and a manifest, the same as `geokg extract-corpus`); `geokg load` then
takes the part folders in order, so a later version of a source replaces an earlier one as in an
ingest. Every executor needs geokg installed, in the Python that PYSPARK_PYTHON names (Spark
otherwise starts the first python3 on the PATH), and the inputs at the same paths (HDFS users copy
files to local disk or a shared mount first: geokg reads files, not HDFS URLs). Re-running skips
the articles each part's manifest has, as long as the same files land in the same partitions
(same inputs, same --partitions).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def input_files(paths: list[str], glob: str | None = None) -> list[str]:
    """Return the files named by *paths*, folders walked in sorted order (what cannot be read is left out)."""
    from geokg.readers import ReadFailure, iter_paths

    return [str(p) for p in iter_paths(paths, glob) if not isinstance(p, ReadFailure)]


def extract_partition(index: int, files, out: str):
    """Extract one partition's *files* into OUT/part-INDEX; yield one summary row."""
    from geokg.corpus import extract_corpus

    report = extract_corpus(list(files), Path(out) / f"part-{index:05d}")
    yield index, report.ingested, report.unchanged, report.failed, report.failures


def run(spark_context, paths: list[str], out: str, partitions: int, glob: str | None = None) -> list[tuple]:
    """Extract every input under *paths* on Spark into part folders of *out*; return the partitions' summary rows."""
    files = input_files(paths, glob)
    slices = max(1, min(partitions, len(files)))
    rdd = spark_context.parallelize(files, slices)  # contiguous, ordered slices: part order is input order
    return sorted(rdd.mapPartitionsWithIndex(lambda i, part: extract_partition(i, part, out)).collect())


def main() -> None:
    """Parse the arguments, run on the active Spark session, print the totals."""
    from pyspark.sql import SparkSession

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--partitions", type=int, default=200)
    parser.add_argument("--glob")
    args = parser.parse_args()
    spark = SparkSession.builder.appName("geokg-extract").getOrCreate()
    try:
        rows = run(spark.sparkContext, args.paths, str(Path(args.out).resolve()), args.partitions, args.glob)
    finally:
        spark.stop()
    for _, _, _, _, failures in rows:
        for where, reason in failures:
            print(f"error: {where}: {reason}")
    print(f"{sum(r[1] for r in rows)} extracted, {sum(r[2] for r in rows)} already in a manifest, "
          f"{sum(r[3] for r in rows)} failed; load them with: geokg load {args.out}/part-* --store …")


if __name__ == "__main__":
    main()
