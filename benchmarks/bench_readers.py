"""Readers benchmark: `export` in every RDF format against pyoxigraph's own `Store.dump`, and `map`.

    python benchmarks/bench_readers.py -n 2000                 # builds a synthetic store first
    python benchmarks/bench_readers.py --store /tmp/bench/store-j2  # a store bench_ingest.py --keep left

Every measurement runs in a fresh child process, which reports its own wall time and peak RSS,
so each figure is printed beside its baseline: the same store's `Store.dump` to N-Quads for the
exports, and for the map's projection queries the same rows read as rdflib terms (the former
path) in the same process.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import make_corpus, run_ingest  # noqa: E402

FORMATS = ("nq", "trig", "jsonld", "ttl", "nt")

# Each child prints {"seconds": ..., "rss_mb": ..., ...}; sys.argv[1] is the store's path.
_PRELUDE = """
import json, resource, sys, time
path = sys.argv[1]
def report(seconds, **more):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss, **more}))
"""

_DUMP = _PRELUDE + """
import pyoxigraph as ox
store = ox.Store.read_only(path)
started = time.perf_counter()
with open("/dev/null", "wb") as out:
    store.dump(out, ox.RdfFormat.N_QUADS)
report(time.perf_counter() - started)
"""

_EXPORT = _PRELUDE + """
from geokg.graph.export import export
from geokg.graph.store import open_store
with open_store("oxigraph:" + path, read_only=True) as store:
    started = time.perf_counter()
    with open("/dev/null", "wb") as out:
        export(store, out, sys.argv[2])
    report(time.perf_counter() - started)
"""

# The projection's queries read both ways in one process (plain text only where the code has it),
# then the whole map.
_MAP = _PRELUDE + """
from geokg.graph.query.texts import query_text, sparql_prologue
from geokg.graph.store import open_store
import geokg
with open_store("oxigraph:" + path, read_only=True) as store:
    texts = [sparql_prologue() + query_text(name)
             for name in ("entity-types", "entity-labels", "entity-wikidata", "facts")]
    started = time.perf_counter()
    rows = sum(len(store.query(text).rows) for text in texts)
    as_terms = time.perf_counter() - started
    as_text = None
    if hasattr(store, "query_rows"):
        started = time.perf_counter()
        assert sum(len(store.query_rows(text)[1]) for text in texts) == rows
        as_text = time.perf_counter() - started
    started = time.perf_counter()
    geokg.map(store)
    report(time.perf_counter() - started, rows=rows, as_terms=as_terms, as_text=as_text)
"""


def child(script: str, *args: str) -> dict:
    """Run *script* in a fresh Python with *args*; return the JSON it prints last."""
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_export(store: Path) -> None:
    """Print each export format's time and peak RSS as ratios to `Store.dump`."""
    base = child(_DUMP, str(store))
    print(f"Store.dump nq (baseline): {base['seconds']:.2f} s, peak RSS {base['rss_mb']:.0f} MB")
    for fmt in FORMATS:
        got = child(_EXPORT, str(store), fmt)
        print(f"  export {fmt:6} {got['seconds']:6.2f} s = {got['seconds'] / base['seconds']:4.2f}x, "
              f"peak RSS {got['rss_mb']:5.0f} MB = {got['rss_mb'] / base['rss_mb']:4.2f}x", flush=True)


def bench_map(store: Path) -> None:
    """Print the map's time and its projection's rows read as rdflib terms and as plain text."""
    got = child(_MAP, str(store))
    print(f"map: {got['seconds']:.2f} s, peak RSS {got['rss_mb']:.0f} MB; its queries' {got['rows']:,} rows "
          f"as rdflib terms {got['as_terms']:.2f} s", end="")
    if got["as_text"] is not None:
        print(f", as plain text {got['as_text']:.2f} s = {got['as_text'] / got['as_terms']:.2f}x", end="")
    print(flush=True)


def main() -> None:
    """Build or take a store, then print the export and map lines."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--articles", type=int, default=2000, help="synthetic articles to ingest (without --store)")
    parser.add_argument("--store", type=Path, help="an existing on-disk store to read instead")
    args = parser.parse_args()
    work = None
    store = args.store
    try:
        if store is None:
            work = Path(tempfile.mkdtemp(prefix="geokg-readers-"))
            make_corpus(work / "corpus", args.articles)
            store = work / "store"
            ingested = run_ingest(work / "corpus", store, 2)["ingested"]
            print(f"store: {ingested} synthetic articles in {store}", flush=True)
        bench_export(store)
        bench_map(store)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
