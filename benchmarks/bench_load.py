"""Remote load benchmark: `geokg load SHARDS --store http://…` into a real SPARQL server, by two checkouts.

    python benchmarks/bench_load.py --baseline /path/to/main-checkout          # 1,000 articles, Oxigraph server
    python benchmarks/bench_load.py -n 2000 --servers oxigraph virtuoso --baseline ../kg-main

The corpus is bench_ingest.py's (about 3 KB an article, half Arabic, half English), extracted once
by `geokg extract-corpus` (this checkout). For each server (the `oxigraph` program beside this
Python, or Virtuoso's `virtuoso-t` as the tests start it) and each checkout, back to back, it loads
the shards into an empty server and prints articles/s (the load alone, in a child process with
that checkout on PYTHONPATH) and the HTTP requests per 1,000 articles, by kind (query, update,
data), counted on ``SparqlHttp.request``, the one door every request of the remote store goes
through; then the same for a second load of the same shards, which finds every article stored
(with its load log removed, so that it asks the server), and the ratios of this checkout's first
load to the baseline's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import ROOT, bench_arguments, cli_command, corpus_in, work_folder  # noqa: E402

sys.path.insert(0, str(ROOT))
from tests.support.servers import start_oxigraph, start_virtuoso  # noqa: E402

STARTERS = {"oxigraph": start_oxigraph, "virtuoso": start_virtuoso}

# Run in the child: count every request by kind, load, print the seconds and the counts as JSON.
_COUNTED_LOAD = """
import collections, json, sys, time
from geokg.graph.store.sparql_http import SparqlHttp
from geokg.cli import cli
counts = collections.Counter()
request = SparqlHttp.request
def counted(self, method, url, **options):
    counts[options.get("kind", "query")] += 1
    return request(self, method, url, **options)
SparqlHttp.request = counted
start = time.perf_counter()
cli.main(["load", "--no-progress", "--store", sys.argv[1], sys.argv[2]], standalone_mode=False)
print(json.dumps({"seconds": time.perf_counter() - start, "requests": counts}))
"""


def shards_in(work: Path, corpus: Path) -> Path:
    """Return the shards of *corpus* in *work*, extracting them first unless they exist."""
    shards = work / "shards"
    if not (shards / "manifest.jsonl").exists():
        subprocess.run(cli_command("extract-corpus", "--out", str(shards), "--shard-size", "250", str(corpus)),
                       check=True, stderr=subprocess.DEVNULL)
    return shards


def counted_load(checkout: Path, url: str, shards: Path) -> dict:
    """Return the seconds and the requests by kind of one `geokg load` by *checkout* into *url*."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run([sys.executable, "-c", _COUNTED_LOAD, url, str(shards)], env=env, check=True,
                          capture_output=True, text=True, cwd=checkout)
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(name: str, n: int, run: dict) -> None:
    """Print one run: articles/s and requests per 1,000 articles, by kind."""
    total = sum(run["requests"].values())
    kinds = ", ".join(f"{kind} {count * 1000 / n:.0f}" for kind, count in sorted(run["requests"].items()))
    print(f"  {name:<9} {n / run['seconds']:7.1f} articles/s   {total * 1000 / n:6.0f} requests per 1,000 articles"
          f" ({kinds})", flush=True)


def main() -> None:
    parser = bench_arguments(__doc__, 1000)
    parser.add_argument("--baseline", type=Path, required=True, help="another checkout of geokg to compare with")
    parser.add_argument("--servers", nargs="+", choices=sorted(STARTERS), default=["oxigraph"])
    args = parser.parse_args()
    work = work_folder(args.keep)
    shards = shards_in(work, corpus_in(work, args.articles))
    for kind in args.servers:
        print(f"{kind} server, {args.articles} articles:", flush=True)
        runs = {}
        for name, checkout in (("baseline", args.baseline.resolve()), ("this", ROOT)):
            shutil.rmtree(work / kind, ignore_errors=True)
            shutil.rmtree(shards / "loaded", ignore_errors=True)  # no resuming from an earlier run's log
            server = STARTERS[kind](work / kind)  # an empty server for each run
            try:
                runs[name] = counted_load(checkout, server.url, shards)
                report(name, args.articles, runs[name])
                shutil.rmtree(shards / "loaded")  # the same shards again: every article is found stored
                report("  again", args.articles, counted_load(checkout, server.url, shards))
            finally:
                server.stop()
        speed = runs["baseline"]["seconds"] / runs["this"]["seconds"]
        fewer = sum(runs["baseline"]["requests"].values()) / sum(runs["this"]["requests"].values())
        print(f"  this checkout: {speed:.2f}x the articles/s, {fewer:.1f}x fewer requests", flush=True)


if __name__ == "__main__":
    main()
