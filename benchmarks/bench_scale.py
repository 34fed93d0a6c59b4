"""Scale benchmark: ingest, export, map, analyze and every saved query on N synthetic articles.

    python benchmarks/bench_scale.py -n 10000 --keep /tmp/scale-10k --json scale-10k.json
    python benchmarks/bench_scale.py -n 100000 --keep /tmp/scale-100k --json scale-100k.json
    python benchmarks/bench_scale.py --compare scale-10k.json scale-100k.json

Every figure is one command in a fresh child process (the real CLI, cold start included): its
wall time, its CPU time (user + system of the process and its workers) and the peak RSS of its
whole process tree. The corpus is ingested in three steps, the first 10% of the articles, the
next 80% and the last 10%, and each step's articles are also extracted alone (read + extract,
no store), so the store's cost per article (ingest CPU minus extraction CPU) shows whether it
grows with the store within one run. With --keep, the corpus, the store and the ingest figures
are kept and reused: a second run measures only the readers.
--compare prints the second file's figures over the first's with the acceptance limits (a query's limit,
2x, grows with its answer: times the growth of its rows where they grew).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import cli_command, make_corpus, run_measured  # noqa: E402

from geokg.graph.store.oxigraph import DISK_BATCH_ARTICLES  # noqa: E402
from geokg.ingest import COMPACT_SHARE  # noqa: E402

#: (step, first article, end) as fractions of the corpus, ingested in this order into one store.
STEPS = (("first 10%", 0.0, 0.1), ("next 80%", 0.1, 0.9), ("last 10%", 0.9, 1.0))
FOCUS = "Belarus"
RSS_LIMIT_MB = 1024
#: The RDF exports, held to a limit over Store.dump's time; other export formats have only the RSS limit.
DUMP_EXPORTS = ("nq", "ttl")
#: Parameters for the saved queries (as in README.md and the saved-query tests); others run without.
QUERY_PARAMS = {
    "cooperation": ["a=China", "b=Belarus"],
    "relations-of": ["entity=Belarus"],
    "timeline": ["entity=Q184", "since=2024"],
    "entity-by-label": ["name=Belarus", "lang=en"],
    "support": ["entity=NATO", "min=2"],
}
QUERY_RUNS = 3

# Reads and extracts every article under sys.argv[1], as the ingest does, without building RDF or
# writing a store.
_EXTRACT = """
import sys
from pathlib import Path
from geokg.extract import extract, load_gazetteer
from geokg.readers import ReadOptions, read_file
gaz, options = load_gazetteer(), ReadOptions()
for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
    for item in read_file(path, options):
        extract(item.article, gaz)
"""

# Dumps the store sys.argv[1] with pyoxigraph alone, in the format sys.argv[2].
_DUMP = """
import sys
import pyoxigraph as ox
with open("/dev/null", "wb") as out:
    ox.Store.read_only(sys.argv[1]).dump(out, {"nq": ox.RdfFormat.N_QUADS}[sys.argv[2]])
"""


# Writes the article graphs of the store sys.argv[1] as N-Quads files under sys.argv[2], one per batch of
# sys.argv[3] articles, in one folder per ingest step (fractions of the articles in sys.argv[4:]); the
# shared graphs go first, as an ingest writes them with the first articles naming them. The articles
# are shuffled: the store lists its graphs in the order of their IRIs' hashes, and a batch of
# neighbours in that order would reach RocksDB as files overlapping nothing in three of its six
# indexes (those led by the graph), which it files away without merging, unlike an ingest's batches.
_SPLIT = """
import random, sys
from pathlib import Path
import pyoxigraph as ox
from geokg.namespaces import is_article_graph
store, out, size, ends = ox.Store.read_only(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
graphs = list(store.named_graphs())
random.Random(7).shuffle(graphs)
graphs.sort(key=lambda g: is_article_graph(g.value))
articles = sum(is_article_graph(g.value) for g in graphs)
bounds = [round(float(end) * articles) for end in ends]
batch, seen, files = [], 0, 0
def write(step):
    global batch, files
    folder = out / f"step{step}"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{files:06d}.nq", "wb") as f:
        ox.serialize((q for g in batch for q in store.quads_for_pattern(None, None, None, g)), f, ox.RdfFormat.N_QUADS)
    batch, files = [], files + 1
for g in graphs:
    batch.append(g)
    seen += is_article_graph(g.value)
    step = next(k for k, b in enumerate(bounds) if seen <= b)
    if seen in bounds or len(batch) >= size:
        write(step)
if batch:
    write(len(bounds) - 1)
"""

# Bulk-loads, as geokg's embedded store does, every N-Quads file under sys.argv[2] into the store
# sys.argv[1], starting one every sys.argv[3] seconds at the earliest (the pace at which an ingest's
# extraction hands it batches), then compacts the store if sys.argv[4] is "1", as that ingest did.
_LOAD = """
import sys, time
from pathlib import Path
import pyoxigraph as ox
store, every, compact = ox.Store(sys.argv[1]), float(sys.argv[3]), sys.argv[4] == "1"
due = time.monotonic()
for path in sorted(Path(sys.argv[2]).glob("*.nq")):
    time.sleep(max(0.0, due - time.monotonic()))
    due = time.monotonic() + every
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=True)
if compact:
    store.optimize()
"""


def python_command(script: str, *args: str) -> list[str]:
    """Return the command line that runs *script* with this Python and *args*."""
    return [sys.executable, "-c", script, *args]


def figures(run: dict, **more) -> dict:
    """Return the JSON-able figures of one measured run: seconds, CPU seconds, peak RSS in MB, and *more*."""
    if run["code"]:
        raise SystemExit(f"command failed ({run['code']}): {run['stderr'][-2000:]}")
    return {"wall": run["wall"], "cpu": run["cpu"], "rss_mb": run["peak_tree"] / 2**20, **more}


def build_corpus(work: Path, n: int) -> list[Path]:
    """Return the folders of the ingest steps, writing the *n* synthetic articles into them unless done."""
    folders = [work / f"part{i}" for i in range(len(STEPS))]
    marker = work / "corpus.json"
    if marker.exists() and json.loads(marker.read_text()) == {"articles": n}:
        return folders
    for folder in [work / "corpus", work / "store", *folders]:
        shutil.rmtree(folder, ignore_errors=True)
    (work / "ingest.json").unlink(missing_ok=True)
    make_corpus(work / "corpus", n)
    # make_corpus names article i "<lang>-<i:06d>.txt": move each into its step's folder.
    bounds = [(int(start * n), int(end * n)) for _, start, end in STEPS]
    for path in (work / "corpus").rglob("*.txt"):
        i = int(re.search(r"-(\d+)\.txt$", path.name).group(1))
        step = next(k for k, (lo, hi) in enumerate(bounds) if lo <= i < hi)
        target = folders[step] / path.parent.name
        target.mkdir(parents=True, exist_ok=True)
        path.rename(target / path.name)
    shutil.rmtree(work / "corpus")
    marker.write_text(json.dumps({"articles": n}))
    return folders


def bench_ingest(work: Path, folders: list[Path], store: Path) -> dict:
    """Return each step's extraction and ingest figures, measuring the steps not recorded in work/ingest.json."""
    record = work / "ingest.json"
    done = json.loads(record.read_text()) if record.exists() else {}
    if not done:
        shutil.rmtree(store, ignore_errors=True)
    for (step, _, _), folder in zip(STEPS, folders):
        if step in done:
            continue
        articles = sum(1 for _ in folder.rglob("*.txt"))
        extraction = figures(run_measured(python_command(_EXTRACT, str(folder))))
        ingest = run_measured(cli_command("ingest", "--jobs", "1", "--store", f"oxigraph:{store}", str(folder)))
        done[step] = {"articles": articles, "extract": extraction, "ingest": figures(ingest)}
        record.write_text(json.dumps(done, indent=1))
    return done


def bench_engine(work: Path, store: Path) -> dict:
    """Return pyoxigraph's own CPU per article to bulk-load the store's article graphs, step by step as ingested.

    The same quads in the ingest's batches, arriving at the ingest's pace (its wall time per article),
    one process per step into one store, compacted after the steps the ingest compacted: what the
    engine costs for the writes an ingest makes, against which geokg's store cost per article is
    judged. The pace matters: RocksDB merges each pair of files a load adds, and loads spread over
    time are merged one pair at a time, loads in a burst many files at once.
    """
    record = work / "engine.json"
    if record.exists():
        return json.loads(record.read_text())
    ends = [str(end) for _, _, end in STEPS]
    ingested = json.loads((work / "ingest.json").read_text())
    with tempfile.TemporaryDirectory(prefix="geokg-engine-", dir=work) as scratch:
        files, target = Path(scratch) / "batches", Path(scratch) / "store"
        figures(run_measured(python_command(_SPLIT, str(store), str(files), str(DISK_BATCH_ARTICLES), *ends)))
        steps, stored = {}, 0
        for k, (step, _, _) in enumerate(STEPS):
            articles = ingested[step]["articles"]
            stored += articles
            every = ingested[step]["ingest"]["wall"] / articles * DISK_BATCH_ARTICLES
            compact = "1" if articles * COMPACT_SHARE >= stored else "0"
            loaded = figures(run_measured(python_command(_LOAD, str(target), str(files / f"step{k}"), f"{every:.3f}", compact)))
            steps[step] = 1000 * loaded["cpu"] / articles
    record.write_text(json.dumps(steps, indent=1))
    return steps


def ingest_totals(steps: dict) -> dict:
    """Return the whole ingest's figures: summed times, largest peak RSS, store CPU per article overall and per step."""
    def total(kind: str, key: str) -> float:
        return sum(s[kind][key] for s in steps.values())

    articles = sum(s["articles"] for s in steps.values())
    out = {
        "articles": articles,
        "extract_cpu": total("extract", "cpu"), "ingest_cpu": total("ingest", "cpu"),
        "ingest_wall": total("ingest", "wall"),
        "ingest_rss_mb": max(s["ingest"]["rss_mb"] for s in steps.values()),
        "extract_rss_mb": max(s["extract"]["rss_mb"] for s in steps.values()),
    }
    out["cpu_ratio"] = out["ingest_cpu"] / out["extract_cpu"]
    out["store_ms_per_article"] = 1000 * (out["ingest_cpu"] - out["extract_cpu"]) / articles
    out["steps"] = {name: 1000 * (s["ingest"]["cpu"] - s["extract"]["cpu"]) / s["articles"] for name, s in steps.items()}
    return out


def saved_queries(store: Path) -> list[str]:
    """Return the names of the saved queries, as `geokg query --list-saved` lists them."""
    listing = subprocess.run(cli_command("query", "--list-saved", "--store", f"oxigraph:{store}"),
                             capture_output=True, text=True, check=True).stdout
    return re.findall(r"^([\w-]+):", listing, flags=re.M)


def bench_query(store: Path, name: str) -> dict:
    """Return a saved query's median wall time of QUERY_RUNS runs, its CPU and peak RSS (largest), and its rows."""
    cmd = cli_command("query", "--saved", name, *(a for p in QUERY_PARAMS.get(name, []) for a in ("--param", p)),
                      "--format", "json", "--store", f"oxigraph:{store}")
    runs = []
    for _ in range(QUERY_RUNS):
        with tempfile.TemporaryFile() as out:
            runs.append(figures(run_measured(cmd, stdout=out)))
            out.seek(0)
            rows = len(json.load(out)["results"]["bindings"])
    return {"wall": statistics.median(r["wall"] for r in runs), "cpu": statistics.median(r["cpu"] for r in runs),
            "rss_mb": max(r["rss_mb"] for r in runs), "rows": rows}


def bench_readers(work: Path, store: Path) -> dict:
    """Return the figures of every reading command on *store*, keyed by the line they print as."""
    url = f"oxigraph:{store}"
    out = {"Store.dump nq": figures(run_measured(python_command(_DUMP, str(store), "nq")))}
    for fmt in (*DUMP_EXPORTS, "plover"):
        out[f"export {fmt}"] = figures(run_measured(cli_command("export", "--format", fmt, "--store", url)))
    out["map"] = figures(run_measured(cli_command("map", "-o", str(work / "map.html"), "--store", url)))
    out[f"map --focus {FOCUS} --depth 2"] = figures(run_measured(cli_command(
        "map", "-o", str(work / "map-focus.html"), "--focus", FOCUS, "--depth", "2", "--store", url)))
    for command in (["analyze"], ["stats"], ["show", FOCUS]):
        out[" ".join(command)] = figures(run_measured(cli_command(*command, "--store", url)))
    for name in saved_queries(store):
        out[f"query {name}"] = bench_query(store, name)
    return out


def run(n: int, work: Path) -> dict:
    """Build (or reuse) the corpus and store in *work*; return every figure."""
    folders = build_corpus(work, n)
    store = work / "store"
    ingest = ingest_totals(bench_ingest(work, folders, store))
    engine = bench_engine(work, store)
    ingest["engine_steps"] = engine
    ingest["engine_ms_per_article"] = sum(engine[step] * (end - start) for step, start, end in STEPS)
    return {"articles": n, "ingest": ingest, "readers": bench_readers(work, store)}


def print_table(result: dict) -> None:
    """Print the figures of one run as one table."""
    ing = result["ingest"]
    n = ing["articles"]
    print(f"{'':40} {'wall s':>8} {'CPU s':>8} {'RSS MB':>7}  notes")
    print(f"{'extraction alone':40} {'':>8} {ing['extract_cpu']:8.1f} {ing['extract_rss_mb']:7.0f}  "
          f"{n / ing['extract_cpu']:.0f} articles per CPU-second")
    print(f"{'ingest --jobs 1':40} {ing['ingest_wall']:8.1f} {ing['ingest_cpu']:8.1f} {ing['ingest_rss_mb']:7.0f}  "
          f"CPU {ing['cpu_ratio']:.2f}x extraction (limit 1.5); store {ing['store_ms_per_article']:.2f} ms CPU/article")
    print(f"{'  store ms CPU/article per step':40} " + ", ".join(f"{k} {v:.2f}" for k, v in ing["steps"].items()))
    if "engine_steps" in ing:
        print(f"{'  pyoxigraph alone, same writes, per step':40} " + ", ".join(f"{k} {v:.2f}" for k, v in ing["engine_steps"].items())
              + f"; overall {ing['engine_ms_per_article']:.2f} ms CPU/article: geokg's store cost is "
              f"{ing['store_ms_per_article'] / ing['engine_ms_per_article']:.2f}x the engine's")
    readers = result["readers"]
    dump = readers["Store.dump nq"]
    for label, f in readers.items():
        note = f"{f['rows']} rows" if "rows" in f else ""
        if label.startswith("export") and label.split()[1] in DUMP_EXPORTS:
            note = (f"{f['wall'] / dump['wall']:.2f}x Store.dump nq's time (limit 1.3), "
                    f"{f['cpu'] / dump['cpu']:.2f}x its CPU")
        print(f"{label:40} {f['wall']:8.2f} {f['cpu']:8.2f} {f['rss_mb']:7.0f}  {note}")


def compare_lines(small: dict, large: dict) -> list[tuple[str, float, float | None]]:
    """Return (line, large/small ratio, limit or None) for each figure both runs have.

    A query or focused map must take time proportional to its answer: at most 2x its time on the
    small store, times the growth of its answer (its rows) where the answer itself grew.
    """
    lines = [("store CPU per article", large["ingest"]["store_ms_per_article"] / small["ingest"]["store_ms_per_article"], 1.2)]
    if "engine_ms_per_article" in small["ingest"] and "engine_ms_per_article" in large["ingest"]:
        # What the engine's own growth leaves: geokg's store cost per article over pyoxigraph's, at each size.
        small_share, large_share = (r["ingest"]["store_ms_per_article"] / r["ingest"]["engine_ms_per_article"] for r in (small, large))
        lines += [("  pyoxigraph alone, same writes, CPU per article", large["ingest"]["engine_ms_per_article"] / small["ingest"]["engine_ms_per_article"], None),
                  ("  store CPU per article over the engine's", large_share / small_share, None)]
    for label, f in large["readers"].items():
        if label in small["readers"]:
            before = small["readers"][label]
            limit = 2.0 if label.startswith(("query ", "map --focus")) else None
            rows = ""
            if "rows" in f:
                grew = f["rows"] / before["rows"] if before["rows"] else 1.0
                rows = f" {before['rows']} -> {f['rows']} rows"
                if limit is not None and grew > 1:
                    limit *= grew
            lines.append((f"{label} (time){rows}", f["wall"] / before["wall"], limit))
    return lines


def compare(small_file: Path, large_file: Path) -> None:
    """Print the second run's figures over the first's, with PASS/FAIL against the limits."""
    small, large = (json.loads(Path(f).read_text()) for f in (small_file, large_file))
    print(f"{large['articles']} articles over {small['articles']}:")
    for label, ratio, limit in compare_lines(small, large):
        verdict = "" if limit is None else f"limit {limit:.1f}x  {'PASS' if ratio <= limit else 'FAIL'}"
        print(f"  {label:56} {ratio:6.2f}x  {verdict}")
    ing = large["ingest"]
    checks = [("ingest CPU / extraction CPU", ing["cpu_ratio"], 1.5)]
    checks += [(f"{k} / Store.dump nq (time)", f["wall"] / large["readers"]["Store.dump nq"]["wall"], 1.3)
               for k, f in large["readers"].items() if k.startswith("export") and k.split()[1] in DUMP_EXPORTS]
    checks += [(f"peak RSS MB, {k}", f["rss_mb"], RSS_LIMIT_MB) for k, f in large["readers"].items()]
    checks.append(("peak RSS MB, ingest", ing["ingest_rss_mb"], RSS_LIMIT_MB))
    print(f"at {large['articles']} articles:")
    for label, value, limit in checks:
        print(f"  {label:56} {value:8.2f}  limit {limit:g}  {'PASS' if value <= limit else 'FAIL'}")


def main() -> None:
    """Run the benchmark at -n articles, or compare two runs' JSON files."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--articles", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it; reuse its corpus, store and ingest figures")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("SMALL.json", "LARGE.json"))
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="geokg-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        result = run(args.articles, work)
        print_table(result)
        if args.json:
            args.json.write_text(json.dumps(result, indent=1))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
