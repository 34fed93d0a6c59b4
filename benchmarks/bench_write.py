"""Write benchmark: geokg's ingest writer against pyoxigraph alone, making the same writes at an ingest's pace.

    python benchmarks/bench_write.py --store /tmp/scale-100k/store            # 10,000 new articles
    python benchmarks/bench_write.py --store /tmp/scale-10k/store -n 2000 --batches 512 2048

New synthetic articles (bench_ingest.py's corpus, numbered after the store's) are extracted once,
in this process; their extraction CPU per article is the pace. Then, for each batch size, each of
two writers adds them to its own copy of --store, in a child process: geokg's ingest writer
(``_Writer``, the embedded store's batches, facts and journal) and pyoxigraph alone (``bulk_load``
of the same N-Quads in the same batches: --batches articles, or the embedded store's quads limit).
Before each article the child sleeps for the pace, standing in for its extraction, so RocksDB
merges as it does during an ingest, then waits until its background merging has stopped: the CPU
of the whole child (its RocksDB threads included) per article is what the writes cost, with
nothing left to the next process. Printed: CPU per article for each writer and batch size
(and the part of it in RocksDB's background threads, read from /proc: Linux only), geokg's over
pyoxigraph's, and each over the first batch size.

With --replace, geokg's writer also writes, into another copy, new versions (same source, other
text) of as many stored articles, from the middle of the store: each replaces its old version,
which must be uncounted from the facts and dropped. Printed: its CPU per article over the new
articles'. Run it on stores of 10k and 100k articles: replacing must not cost more in the bigger one.
"""

from __future__ import annotations

import argparse
import json
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import make_corpus  # noqa: E402

#: The child: argv = store, items pickle, writer ("geokg" or "pyoxigraph"), batch, pace (s); prints JSON.
_WRITE = """
import json, os, pickle, resource, sys, time
store_path, items_file, writer, batch, pace = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
items = pickle.load(open(items_file, "rb"))
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
def merging():
    # CPU of RocksDB's background threads (merging and flushing): they live as long as the store.
    total = 0.0
    for tid in os.listdir("/proc/self/task"):
        try:
            stat = open(f"/proc/self/task/{tid}/stat").read()
        except OSError:
            continue
        if stat[stat.index("(") + 1:stat.rindex(")")].startswith("rocksdb"):
            fields = stat[stat.rindex(")") + 2:].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total
start, wall = cpu(), time.perf_counter()
from geokg.graph.store import oxigraph
stored = None  # the articles the store holds after geokg's writes
if writer == "pyoxigraph":
    import pyoxigraph as ox
    store = ox.Store(store_path)
    def load(chunk):
        store.bulk_load(input="".join(it.quads.nquads for it in chunk), format=ox.RdfFormat.N_QUADS, lenient=True)
    chunk, quads = [], 0
    for it in items:  # cut as geokg's writer cuts: by articles or by quads, whichever limit comes first
        time.sleep(pace)
        chunk.append(it)
        quads += len(it.quads)
        if len(chunk) >= batch or quads >= oxigraph.DISK_BATCH_QUADS:
            load(chunk)
            chunk, quads = [], 0
    if chunk:
        load(chunk)
else:
    from geokg.graph.store import open_store
    from geokg.ingest import IngestReport, _Writer
    oxigraph.DISK_BATCH_ARTICLES = batch
    store = open_store(f"oxigraph:{store_path}")
    writer = _Writer(store, IngestReport(), lambda kind, message: None)
    for i in range(0, len(items), 256):
        chunk = items[i:i + 256]
        writer.look_ahead([(it.iri, it.source) for it in chunk])
        for it in chunk:
            time.sleep(pace)
            if writer.wants_graph(it.where, it.iri, it.source):
                writer.add(it)
    writer.flush()
    writer.close()
    assert writer.report.ingested == len(items), writer.report
    stored = store.article_count()
# RocksDB merges in background threads: wait until they have been idle for a few seconds.
last = cpu()
while True:
    time.sleep(3)
    now = cpu()
    if now - last < 0.03:
        break
    last = now
print(json.dumps({"cpu": cpu() - start, "merging": merging(), "wall": time.perf_counter() - wall, "stored": stored}))
"""


def extracted(work: Path, first: int, n: int, seed: int = 7) -> tuple[Path, float]:
    """Write the extracted articles first..first+n-1 (texts drawn with *seed*) as a pickle in *work*; return its path
    and the extraction CPU per article."""
    from geokg.ingest import extract_articles
    from geokg.readers import ReadOptions, read_file

    corpus = work / "corpus"
    make_corpus(corpus, n, seed=seed, start=first)
    paths = sorted(corpus.rglob("*.txt"))
    start = time.process_time()
    items = extract_articles([item for path in paths for item in read_file(path, ReadOptions())])
    per_article = (time.process_time() - start) / len(items)
    items_file = work / f"items-{first}-{seed}.pickle"
    with open(items_file, "wb") as f:
        pickle.dump(items, f)
    shutil.rmtree(corpus)
    return items_file, per_article


def stored_articles(store: Path) -> int:
    """Return the number of articles in the store at *store*."""
    from geokg.graph.store import open_store

    with open_store(f"oxigraph:{store}", read_only=True) as s:
        return s.article_count()


def write_once(store: Path, items_file: Path, n: int, work: Path, writer: str, batch: int,
               pace: float) -> tuple[float, float, int | None]:
    """Return the CPU per article (ms) for *writer* to add the items to a copy of *store* in batches of *batch*,
    the part of it spent in RocksDB's background merging, and the articles the copy then holds (None for pyoxigraph alone)."""
    copy = work / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store, copy)
    try:
        done = subprocess.run([sys.executable, "-c", _WRITE, str(copy), str(items_file), writer, str(batch), str(pace)],
                              capture_output=True, text=True, check=True)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    answer = json.loads(done.stdout)
    return 1000 * answer["cpu"] / n, 1000 * answer["merging"] / n, answer["stored"]


def main() -> None:
    """Measure and print each writer's CPU per article at each batch size."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True, help="an embedded store written by bench_scale/bench_ingest")
    parser.add_argument("-n", "--articles", type=int, default=10_000, help="new articles to write")
    parser.add_argument("--batches", type=int, nargs="+", default=[512, 2048], help="articles per write")
    parser.add_argument("--pace", type=float, help="ms per article between writes (default: the measured extraction)")
    parser.add_argument("--replace", action="store_true", help="also replace as many stored articles with new versions")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="geokg-write-") as folder:
        work = Path(folder)
        first = stored_articles(args.store)
        items_file, extraction = extracted(work, first, args.articles)  # numbered after the store's: all new
        pace = args.pace / 1000 if args.pace is not None else extraction
        print(f"{args.articles} new articles into a store of {first}; pace {1000 * pace:.2f} ms per article")
        print("CPU per article in ms (of which RocksDB's background merging)")
        print(f"{'batch':>6} {'geokg':>15} {'pyoxigraph':>15} {'geokg/pyoxigraph':>17}")
        figures = {}
        for batch in args.batches:
            runs = {w: write_once(args.store, items_file, args.articles, work, w, batch, pace) for w in ("geokg", "pyoxigraph")}
            figures[batch] = {w: run[0] for w, run in runs.items()}
            (g, gm, _), (o, om, _) = runs["geokg"], runs["pyoxigraph"]
            print(f"{batch:6d} {g:7.2f} ({gm:5.2f}) {o:7.2f} ({om:5.2f}) {g / o:17.2f}", flush=True)
        base = figures[args.batches[0]]
        for batch in args.batches[1:]:
            print(f"batch {batch} over {args.batches[0]}: geokg {figures[batch]['geokg'] / base['geokg']:.2f}x, "
                  f"pyoxigraph {figures[batch]['pyoxigraph'] / base['pyoxigraph']:.2f}x")
        if args.replace:
            replace(args.store, first, args.articles, work, args.batches[0], pace, base["geokg"])


def replace(store: Path, first: int, n: int, work: Path, batch: int, pace: float, new: float) -> None:
    """Print geokg's CPU per article to replace *n* stored articles, and over *new*, its figure for new articles."""
    if n > first:
        raise SystemExit(f"--replace needs a store of at least {n} articles; it holds {first}")
    # Other texts (seed 8) for the sources of stored articles (seed 7, numbered from 0), from the middle.
    items_file, _ = extracted(work, (first - n) // 2, n, seed=8)
    cost, merged, stored = write_once(store, items_file, n, work, "geokg", batch, pace)
    if stored != first:
        raise SystemExit(f"replacing {n} articles left {stored} in the store, not {first}")
    print(f"replace {n} stored articles, batch {batch}: geokg {cost:.2f} ms per article ({merged:.2f} merging), "
          f"{cost / new:.2f}x new articles'")


if __name__ == "__main__":
    main()
