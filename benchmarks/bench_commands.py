"""Time and peak RSS of the reading commands (map, focused map, analyze) on stores of different sizes.

    python benchmarks/bench_commands.py /tmp/bench/store-2000 /tmp/bench/store-6000
    python benchmarks/bench_commands.py -n 2000 -n 6000      # builds synthetic stores first

Each command runs as the real CLI in a fresh child process (cold start included), measured by an
intermediate process whose only child it is, so the peak RSS and CPU time are the command's own (CPU
time, user + system, varies less than wall time on a shared machine). Prints one row per store and
command, then each command's CPU time on the last store over its CPU time on the first: a command
whose work follows its answer, not the store, keeps that ratio near 1 on these synthetic corpora
(their entities and facts are those of the example articles, whatever the number of articles).
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

COMMANDS = {
    "map": ["map", "-o", "{out}/map.html"],
    "map --focus Belarus --depth 2": ["map", "-o", "{out}/focus.html", "--focus", "Belarus", "--depth", "2"],
    "map --since 2024-03 --until 2024-05": ["map", "-o", "{out}/period.html", "--since", "2024-03", "--until", "2024-05"],
    "analyze": ["analyze"],
}

# Runs argv[1:] as a child and prints its wall time and peak RSS (the only child of this process).
_MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}))
"""


def measure(args: list[str]) -> dict[str, float]:
    """Return the wall time, CPU time (user + system) and peak RSS of `geokg ARGS` in a fresh process."""
    cli = [sys.executable, "-c", "from geokg.cli import main; main()", *args]
    done = subprocess.run([sys.executable, "-c", _MEASURE, *cli], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Build or take the stores, then print one row per store and command and the last/first ratios."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stores", nargs="*", type=Path, help="on-disk stores to read")
    parser.add_argument("-n", "--articles", type=int, action="append", default=[],
                        help="build a synthetic store of this many articles (repeatable)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="geokg-commands-"))
    try:
        stores = list(args.stores)
        for n in args.articles:
            make_corpus(work / f"corpus-{n}", n)
            run_ingest(work / f"corpus-{n}", work / f"store-{n}", 2)
            stores.append(work / f"store-{n}")
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        print(f"{'store':30} {'command':38} {'wall s':>7} {'CPU s':>7} {'peak RSS MB':>12}")
        for store in stores:
            for name, command in COMMANDS.items():
                got = measure([part.format(out=work) for part in command] + ["--store", f"oxigraph:{store}"])
                times[name].append(got["cpu"])
                print(f"{str(store):30} {name:38} {got['seconds']:7.2f} {got['cpu']:7.2f} {got['rss_mb']:12.0f}", flush=True)
        if len(stores) > 1:
            for name, seconds in times.items():
                print(f"{name}: CPU time {stores[-1].name} / {stores[0].name} = {seconds[-1] / seconds[0]:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
