"""The Spark recipe (scripts/spark_extract.py) on a local Spark: part folders that `geokg load` turns into what ingest writes.

Runs only where pyspark and a Java runtime are installed (pip install pyspark; Debian's
openjdk-17-jre-headless); skipped otherwise.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys

import pytest

from geokg.cli import cli
from tests.support.corpora import CORPUS, ingested_locally, sorted_quads
from tests.support.paths import ROOT

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

_spec = importlib.util.spec_from_file_location("spark_extract", ROOT / "scripts" / "spark_extract.py")
spark_extract = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(spark_extract)


def test_spark_partitions_extracted_then_loaded_equal_an_ingest(runner, tmp_path, monkeypatch):
    from pyspark import SparkConf, SparkContext

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # the executors' Python, which has geokg
    conf = SparkConf().setMaster("local[2]").setAppName("geokg-test").set("spark.ui.enabled", "false")
    context = SparkContext(conf=conf)
    try:
        rows = spark_extract.run(context, [str(p) for p in CORPUS], str(tmp_path / "shards"), partitions=3)
    finally:
        context.stop()
    parts = sorted((tmp_path / "shards").glob("part-*"))
    assert len(parts) == len(rows) == 3 and sum(row[3] for row in rows) > 0  # the bad inputs are reported
    url = f"oxigraph:{tmp_path / 'kg'}"
    result = runner.invoke(cli, ["load", *map(str, parts), "--store", url])
    assert result.exit_code == 0, result.output
    assert sorted_quads(url) == ingested_locally(tmp_path)
