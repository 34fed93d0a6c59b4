"""Print how long each geokg command takes to start, and how that compares with importing the store engine.

    python benchmarks/bench_start.py        # median of 5 runs each
    python benchmarks/bench_start.py 11     # median of 11

A command's start is `geokg CMD --help`, or the command run where it has nothing to work on
(an empty in-memory store, an empty file or folder): interpreter, imports and opening the
store. Each is printed as wall time and as processor time, each with its ratio to
`python -c "import pyoxigraph"` measured in the same run; on a busy machine the processor
times and ratios are the figures to compare.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geokg.cli import cli  # noqa: E402
from tests.support.startup import EMPTY_RUNS, median, start_costs  # noqa: E402


def main(repeat: int) -> None:
    """Time every command's start *repeat* times and print one row per command, slowest last."""
    runs = {"--help": ("--help",)}
    runs |= {f"{name} --help": (name, "--help") for name in sorted(cli.commands)}
    runs |= {f"{label} (empty)": args for label, args in EMPTY_RUNS.items()}
    costs = start_costs(runs, repeat)
    reference = costs.pop("reference")
    wall0, cpu0 = median([c.wall for c in reference]), median([c.cpu for c in reference])
    print(f"python -c 'import pyoxigraph': {wall0 * 1000:.0f} ms wall, {cpu0 * 1000:.0f} ms processor (median of {repeat})")
    print(f"{'command':<28} {'start ms':>8} {'ratio':>6} {'cpu ms':>7} {'ratio':>6}")
    for label, values in sorted(costs.items(), key=lambda kv: median([c.wall for c in kv[1]])):
        wall, cpu = median([c.wall for c in values]), median([c.cpu for c in values])
        print(f"{label:<28} {wall * 1000:>8.0f} {wall / wall0:>6.1f} {cpu * 1000:>7.0f} {cpu / cpu0:>6.1f}")

if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
