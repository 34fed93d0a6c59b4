"""Ingest benchmark: a synthetic Arabic/English corpus through `geokg ingest`, then the README queries.

    python benchmarks/bench_ingest.py                 # 10,000 articles, --jobs 1 and --jobs 2
    python benchmarks/bench_ingest.py -n 2000 --jobs 2 --keep /tmp/bench

For each --jobs value it prints articles/s and quads/s end to end (the real CLI in a child
process, cold start included), the CPU time all its processes used (user + system) and so the
articles per core-second (the throughput of one fully used core), the peak RSS of the whole process tree (parent plus workers,
sampled every 50 ms) and of its largest process; then the write-only rate of the store
(the corpus's N-Quads loaded again in the ingest's batch size), the time to open the store
read-only, and the latency of every SPARQL query of the README cookbook on the result
(median of 5 runs).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
TARGET_BYTES = 3000


def paragraphs_by_language() -> dict[str, list[str]]:
    """Return the example articles' paragraphs, per language, front matter removed."""
    out: dict[str, list[str]] = {"ar": [], "en": []}
    for path in sorted(EXAMPLES.glob("*.txt")):
        body = re.sub(r"\A---\n.*?\n---\n", "", path.read_text("utf-8"), flags=re.S)
        out[path.name[:2]].extend(p.strip() for p in body.split("\n\n") if p.strip())
    return out


def make_corpus(folder: Path, n: int, seed: int = 7, start: int = 0) -> int:
    """Write *n* articles of about 3 KB (half Arabic, half English), numbered from *start*, under *folder*; return their bytes."""
    rng = random.Random(seed)
    paras = paragraphs_by_language()
    total = 0
    for i in range(start, start + n):
        lang = "ar" if i % 2 else "en"
        body: list[str] = []
        while sum(len(p.encode()) for p in body) < TARGET_BYTES - 300:
            body.append(rng.choice(paras[lang]))
        day = 1 + i % 28
        text = (f"---\ntitle: Synthetic {lang} article {i}\ndate: 2024-{1 + i % 12:02d}-{day:02d}\n"
                f"source: https://example.com/{lang}/synthetic/{i}\nlang: {lang}\n---\n"
                f"Ref {i}.\n\n" + "\n\n".join(body) + "\n")
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (sub / f"{lang}-{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def bench_arguments(doc: str, articles: int) -> argparse.ArgumentParser:
    """Return a parser with the options every ingest benchmark takes: -n (corpus size) and --keep."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--articles", type=int, default=articles)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    return parser


def work_folder(keep: Path | None) -> Path:
    """Return the folder to work in: *keep*, or a new temporary one."""
    work = keep or Path(tempfile.mkdtemp(prefix="geokg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    return work


def corpus_in(work: Path, n: int) -> Path:
    """Return the corpus folder in *work*, writing *n* articles there first unless it exists."""
    corpus = work / "corpus"
    if not corpus.exists():
        size = make_corpus(corpus, n)
        print(f"corpus: {n} articles, {size / 2**20:.1f} MB in {corpus}", flush=True)
    return corpus


def cli_command(*args: str) -> list[str]:
    """Return the command line that runs `geokg ARGS` with this Python (so PYTHONPATH picks the code)."""
    return [sys.executable, "-c", "from geokg.cli import main; main()", *args]


def run_measured(cmd: list[str], stdout=subprocess.DEVNULL) -> dict:
    """Run *cmd* to its end; return its wall and CPU seconds, peak RSS (bytes) and stderr.

    CPU time is the process's and its waited-for children's (user + system), read from its own
    rusage, so it does not depend on what else the machine runs. The peak RSS of the whole process
    tree (parent plus workers) is sampled every 50 ms; the largest process's is the larger of its
    samples and the kernel's own maximum, which also catches commands shorter than one sample.
    """
    import os

    import psutil

    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(cmd, stdout=stdout, stderr=errors)
        proc = psutil.Process(child.pid)
        peak_tree = peak_one = 0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            try:
                rss = [p.memory_info().rss for p in [proc, *proc.children(recursive=True)]]
            except psutil.Error:
                rss = []
            if rss:
                peak_tree, peak_one = max(peak_tree, sum(rss)), max(peak_one, max(rss))
            time.sleep(0.05)
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    peak_one = max(peak_one, usage.ru_maxrss * 1024)
    return {"wall": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
            "peak_tree": max(peak_tree, peak_one), "peak_one": peak_one, "code": child.returncode, "stderr": stderr}


def run_ingest(corpus: Path, store: Path, jobs: int) -> dict[str, float]:
    """Run `geokg ingest` in a child process; return wall and CPU time, peak RSS (tree and largest) and the summary."""
    run = run_measured(cli_command("ingest", "--keep-going", "--jobs", str(jobs), "--store", f"oxigraph:{store}", str(corpus)))
    summary = run["stderr"].strip().splitlines()[-1] if run["stderr"].strip() else ""
    m = re.search(r"(\d+) ingested.*?(\d+) failed.*holds (\d+) articles", summary)
    if run["code"] != 0 or not m:
        raise SystemExit(f"ingest failed ({run['code']}): {run['stderr'][-2000:]}")
    quads = len(ox.Store.read_only(str(store)))  # counted after the timing: the summary names articles
    return {"wall": run["wall"], "cpu": run["cpu"], "ingested": int(m.group(1)), "failed": int(m.group(2)),
            "quads": quads, "peak_tree": run["peak_tree"], "peak_one": run["peak_one"]}


def write_rate(corpus: Path, articles: int = 1000, batch: int = 128) -> float:
    """Return quads/s for writing the graphs of the first *articles* of *corpus* into a fresh store.

    The graphs are extracted first, outside the timing, so this measures the store alone: one
    transaction per *batch* articles, as `geokg ingest` writes them.
    """
    from geokg.extract import EXTRACTOR_VERSION, extract, load_gazetteer
    from geokg.graph.rdf import article_quads
    from geokg.graph.store import GraphWrite, open_store
    from geokg.namespaces import article_iri
    from geokg.readers import ReadOptions, read_file

    gaz, options = load_gazetteer(), ReadOptions()
    writes = []
    for path in sorted(corpus.rglob("*.txt"))[:articles]:
        for item in read_file(path, options):
            writes.append(GraphWrite(article_iri(item.article.sha256), article_quads(extract(item.article, gaz), EXTRACTOR_VERSION)))
    quads = sum(len(w.quads) for w in writes)
    target = Path(tempfile.mkdtemp(prefix="geokg-write-"))
    try:
        with open_store(f"oxigraph:{target / 'store'}") as store:
            start = time.perf_counter()
            for i in range(0, len(writes), batch):
                store.write(writes[i:i + batch])
            elapsed = time.perf_counter() - start
    finally:
        shutil.rmtree(target, ignore_errors=True)
    return quads / elapsed


def cookbook_queries() -> list[tuple[str, str]]:
    """Return (title, SPARQL) for each query of the README cookbook."""
    readme = (ROOT / "README.md").read_text("utf-8")
    cookbook = readme.split("## SPARQL cookbook", 1)[-1].split("\n## ", 1)[0]
    titles = re.findall(r"^\d+\. \*\*(.+?)\*\*", cookbook, flags=re.M)
    return list(zip(titles, re.findall(r"```sparql\n(.*?)```", cookbook, flags=re.S)))


def time_query(store: Path, query: str, repeat: int, timeout: float) -> tuple[float | None, int]:
    """Return (median seconds, rows) of *query* on *store*, run in a child process; None after *timeout*."""
    script = (
        "import statistics, sys, time\n"
        "from geokg.graph.store import open_store\n"
        "query = sys.stdin.read(); times = []\n"
        "with open_store(sys.argv[1], read_only=True) as kg:\n"
        "    for _ in range(int(sys.argv[2])):\n"
        "        start = time.perf_counter(); rows = len(kg.query(query).rows)\n"
        "        times.append(time.perf_counter() - start)\n"
        "print(statistics.median(times), rows)\n"
    )
    try:
        done = subprocess.run([sys.executable, "-c", script, f"oxigraph:{store}", str(repeat)], input=query,
                              capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None, 0
    seconds, rows = done.stdout.split()
    return float(seconds), int(rows)


def time_open(store: Path) -> float:
    """Return the seconds a fresh process takes to open *store* read-only, as every query command does."""
    script = (
        "import sys, time\n"
        "from geokg.graph.store import open_store\n"
        "start = time.perf_counter()\n"
        "with open_store(sys.argv[1], read_only=True):\n"
        "    print(time.perf_counter() - start)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, f"oxigraph:{store}"], capture_output=True, text=True, check=True)
    return float(done.stdout)


def main() -> None:
    """Generate the corpus, run the ingest for each --jobs value, print the figures."""
    parser = bench_arguments(__doc__, 10_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--query-timeout", type=float, default=120.0, help="seconds allowed for 5 runs of one query")
    args = parser.parse_args()
    work = work_folder(args.keep)
    try:
        corpus = corpus_in(work, args.articles)
        last_store = None
        for jobs in args.jobs:
            store = work / f"store-j{jobs}"
            shutil.rmtree(store, ignore_errors=True)
            r = run_ingest(corpus, store, jobs)
            rate = r["ingested"] / r["wall"]
            print(f"--jobs {jobs}: {r['ingested']} articles ({r['failed']} failed) in {r['wall']:.1f} s: "
                  f"{rate:.0f} articles/s, {r['quads'] / r['wall']:,.0f} quads/s end to end; "
                  f"{r['cpu']:.1f} CPU-seconds in all processes = {r['ingested'] / r['cpu']:.0f} articles per core-second; "
                  f"peak RSS {r['peak_tree'] / 2**20:.0f} MB for the process tree "
                  f"(largest process {r['peak_one'] / 2**20:.0f} MB)", flush=True)
            last_store = store
        if last_store is not None:
            print(f"store writes alone: {write_rate(corpus):,.0f} quads/s (1,000 articles, 128 a transaction)", flush=True)
            print(f"opening the store read-only (each query command): {time_open(last_store) * 1000:.0f} ms", flush=True)
            print(f"README cookbook query latency (median of 5, {args.query_timeout:.0f} s limit):")
            for title, query in cookbook_queries():
                seconds, rows = time_query(last_store, query, 5, args.query_timeout)
                took = f"{seconds * 1000:8.1f} ms" if seconds is not None else f"> {args.query_timeout:.0f} s".rjust(11)
                print(f"  {took}  {rows:6d} rows  {title}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
