"""Cluster benchmark: `ingest(..., cluster=...)` on a Dask LocalCluster of 1 and 2 worker processes.

    python benchmarks/bench_cluster.py                # 1,000 synthetic articles, 1 and 2 workers
    python benchmarks/bench_cluster.py -n 2000 --workers 1 2

The corpus is bench_ingest.py's (about 3 KB an article, half Arabic, half English). For each
cluster size it starts the cluster (its start, and each worker loading the gazetteer, are timed
apart), then ingests into a fresh embedded store and prints articles/s; the time the one writer
spent on store calls (the batch writes in the writer thread, and the per-article lookups of stored
articles and of older graphs of the same source in the main thread), each as a share of the
wall time; and the CPU this process used (writer, Dask client, result unpickling) per article.
Then the same corpus goes through extract-corpus on the same cluster (extraction without the
writer) and load into a fresh store (the writer alone). From those it prints how many workers the
writer could keep up with, which is where a bigger cluster stops helping.
"""

from __future__ import annotations

import logging
import resource
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import bench_arguments, corpus_in, work_folder  # noqa: E402 - the benchmarks folder is not a package

#: Store calls the writer makes: the batch writes (writer thread) and the per-article lookups (main thread).
WRITER_CALLS = ("write", "has_graph", "graphs_for_source", "drop_graphs")


def time_calls(store, names=WRITER_CALLS) -> dict[str, float]:
    """Wrap the methods *names* of this *store* object; return the dict their seconds add up in."""
    spent: dict[str, float] = defaultdict(float)
    for name in names:
        method = getattr(store, name)

        def timed(*args, _method=method, _name=name, **kwargs):
            start = time.perf_counter()
            try:
                return _method(*args, **kwargs)
            finally:
                spent[_name] += time.perf_counter() - start

        setattr(store, name, timed)
    return spent


def run(corpus: Path, store_path: Path, cluster: str | None) -> dict[str, float]:
    """Ingest *corpus* into a new store at *store_path*, on *cluster* (None: one local job); return the figures."""
    from geokg.graph.store import open_store
    from geokg.ingest import ingest

    shutil.rmtree(store_path, ignore_errors=True)
    with open_store(f"oxigraph:{store_path}") as store:
        spent = time_calls(store)
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        report = ingest([corpus], store, cluster=cluster)
        wall = time.perf_counter() - start
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = _cpu_seconds([cpu1]) - _cpu_seconds([cpu0])
    return {"wall": wall, "articles": report.ingested, "quads": report.quads, "write": spent["write"],
            "lookups": spent["has_graph"] + spent["graphs_for_source"] + spent["drop_graphs"], "cpu": cpu}


def run_on_cluster(corpus: Path, work: Path, workers: int) -> dict[str, float]:
    """Ingest *corpus* on a LocalCluster of *workers* processes; return the figures and the cluster's start time."""
    from distributed import Client, LocalCluster

    from geokg.graph.store import open_store
    from geokg.ingest import ingest

    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.wait_for_workers(workers)
        # A first small ingest starts the workers' imports and gazetteer; the run below finds them ready.
        with open_store("oxigraph:") as empty:
            ingest([], empty, cluster=cluster.scheduler_address)
        started = time.perf_counter() - start
        before = _cpu_seconds(client.run(resource.getrusage, resource.RUSAGE_SELF).values())
        figures = run(corpus, work / f"store-w{workers}", cluster.scheduler_address)
        after = _cpu_seconds(client.run(resource.getrusage, resource.RUSAGE_SELF).values())
        return {**figures, "started": started, "worker_cpu": after - before,
                **split_run(corpus, work / f"shards-w{workers}", cluster.scheduler_address)}


def split_run(corpus: Path, shards: Path, cluster: str) -> dict[str, float]:
    """Time extract-corpus on *cluster* (extraction without the writer), then load (the writer alone); return rates."""
    from geokg.corpus import extract_corpus, load
    from geokg.graph.store import open_store

    shutil.rmtree(shards, ignore_errors=True)
    start = time.perf_counter()
    extracted = extract_corpus([corpus], shards, cluster=cluster).ingested
    middle = time.perf_counter()
    with open_store(f"oxigraph:{shards / 'store'}") as store:
        loaded = load(shards, store).ingested
    end = time.perf_counter()
    return {"extract_rate": extracted / (middle - start), "load_rate": loaded / (end - middle)}


def _cpu_seconds(usages) -> float:
    """Return the user and system CPU seconds of *usages* (``resource.getrusage`` results), added up."""
    return sum(u.ru_utime + u.ru_stime for u in usages)


def main() -> None:
    """Generate the corpus, ingest it on each cluster size, print the figures and the writer's ceiling."""
    parser = bench_arguments(__doc__, 1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    work = work_folder(args.keep)
    try:
        corpus = corpus_in(work, args.articles)
        local = run(corpus, work / "store-local", None)
        local_rate = local["articles"] / local["wall"]
        print(f"local, one job (no cluster): {local_rate:.1f} articles/s", flush=True)
        for workers in args.workers:
            r = run_on_cluster(corpus, work, workers)
            n, rate = r["articles"], r["articles"] / r["wall"]
            print(f"{workers} worker(s): {n} articles in {r['wall']:.1f} s = {rate:.1f} articles/s, "
                  f"{rate / local_rate:.2f} x local (cluster start and gazetteer loading {r['started']:.1f} s, not counted)\n"
                  f"  workers: {r['worker_cpu'] / n * 1000:.0f} CPU-ms per article; this process (client and writer): "
                  f"{r['cpu'] / n * 1000:.1f} CPU-ms per article\n"
                  f"  the writer's store calls: batch writes {r['write']:.2f} s ({r['write'] / r['wall']:.0%} of the wall time), "
                  f"lookups {r['lookups']:.2f} s ({r['lookups'] / r['wall']:.0%}); "
                  f"{(r['write'] + r['lookups']) / n * 1000:.1f} ms per article\n"
                  f"  split: extract-corpus on the same cluster {r['extract_rate']:.1f} articles/s (no writer), "
                  f"then load {r['load_rate']:.1f} articles/s (the writer alone)", flush=True)
        worker_rate = n / r["worker_cpu"]  # one fully used worker core
        writer_rate = r["load_rate"]
        client_rate = n / r["cpu"]
        print(f"extrapolation: a fully used worker core extracts {worker_rate:.1f} articles/s, so 100 workers "
              f"{100 * worker_rate:.0f} articles/s; the one writer (load alone) takes {writer_rate:.0f} articles/s "
              f"({writer_rate / worker_rate:.0f} workers' worth) and this process's CPU "
              f"{client_rate:.0f} articles/s per core ({client_rate / worker_rate:.0f} workers' worth)", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
