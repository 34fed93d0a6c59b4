"""How a command's start is measured: the commands run on an empty store, and one process timing or listing them.

A command's start is what it costs before it does its work: `geokg CMD --help`, or the whole
command on an empty in-memory store or an empty input, where nothing is left but interpreter,
imports and opening the store. `tests/cli/test_startup.py` pins what these runs import and how
long they take; `benchmarks/bench_start.py` prints their times.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

#: Label -> arguments of a real run with nothing to work on (EMPTY_DIR, EMPTY_FILE and MAP_HTML are filled in).
EMPTY_RUNS: dict[str, tuple[str, ...]] = {
    "stats": ("stats", "--store", "oxigraph:"),
    "show": ("show", "Belarus", "--store", "oxigraph:"),
    "query --list-saved": ("query", "--list-saved"),
    "query --saved": ("query", "--saved", "members", "--param", "org=NATO", "--store", "oxigraph:"),
    "query SELECT": ("query", "SELECT * { ?s ?p ?o } LIMIT 1", "--store", "oxigraph:"),
    "export": ("export", "--format", "nq", "--store", "oxigraph:"),
    "validate": ("validate", "--store", "oxigraph:"),
    "analyze": ("analyze", "--store", "oxigraph:"),
    "map": ("map", "-o", "MAP_HTML", "--store", "oxigraph:"),
    "extract": ("extract", "EMPTY_FILE"),
    "ingest": ("ingest", "EMPTY_DIR", "--store", "oxigraph:"),
    "eval": ("eval", "EMPTY_DIR", "EMPTY_DIR"),
    "extract-corpus": ("extract-corpus", "EMPTY_DIR", "--out", "EMPTY_DIR"),
    "load": ("load", "EMPTY_DIR", "--store", "oxigraph:"),
}

#: The packages whose import costs a command's start most: each is loaded only by the commands that use it.
HEAVY = frozenset({"numpy", "scipy", "pyvis", "networkx", "rdflib", "pyoxigraph", "IPython"})

#: Runs the command line in this process on sys.argv[1:], whatever it exits with (output is discarded).
_RUN = """
import contextlib, io, sys
from geokg.cli import cli
sink = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # commands write bytes to sys.stdout.buffer
with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(io.StringIO()):
    try:
        cli(sys.argv[1:], prog_name="geokg")
    except SystemExit:
        pass
"""
_LIST_MODULES = _RUN + "import json\nprint(json.dumps(sorted(sys.modules)))\n"
#: The reference every start is compared with: an interpreter that imports the store engine and exits.
REFERENCE = ("-c", "import pyoxigraph")


def filled(args: Sequence[str], folder: Path) -> list[str]:
    """Return *args* with EMPTY_DIR, EMPTY_FILE and MAP_HTML made into paths under *folder* (created)."""
    (folder / "empty").mkdir(exist_ok=True)
    (folder / "empty.txt").touch()
    names = {"EMPTY_DIR": folder / "empty", "EMPTY_FILE": folder / "empty.txt", "MAP_HTML": folder / "map.html"}
    return [str(names.get(a, a)) for a in args]


def loaded_modules(args: Sequence[str]) -> set[str]:
    """Return the names in sys.modules after `geokg ARGS` ran in a fresh interpreter."""
    with tempfile.TemporaryDirectory(prefix="geokg-start-") as folder:
        done = subprocess.run([sys.executable, "-c", _LIST_MODULES, *filled(args, Path(folder))],
                              capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


class Cost(NamedTuple):
    """What one run cost: seconds on the clock, and seconds of processor time (user and system, children too)."""

    wall: float
    cpu: float


def run_cost(python_args: Sequence[str]) -> Cost:
    """Return what `python PYTHON_ARGS` costs, interpreter start and exit included.

    Processor time barely moves when other programs share the machine, the clock does: tests compare
    processor times, the benchmark prints both.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, *python_args], capture_output=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Cost(wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def start_costs(runs: dict[str, Sequence[str]], repeat: int = 5) -> dict[str, list[Cost]]:
    """Return, per label, *repeat* costs of `geokg ARGS` and, under "reference", of REFERENCE.

    The runs take turns (every label once, then again), so a busy spell slows them all alike.
    """
    costs: dict[str, list[Cost]] = {"reference": [], **{label: [] for label in runs}}
    with tempfile.TemporaryDirectory(prefix="geokg-start-") as folder:
        argv = {label: ["-c", _RUN, *filled(args, Path(folder))] for label, args in runs.items()}
        for _ in range(repeat):
            costs["reference"].append(run_cost(REFERENCE))
            for label, python_args in argv.items():
                costs[label].append(run_cost(python_args))
    return costs


def median(values: Sequence[float]) -> float:
    """Return the median of *values*."""
    return statistics.median(values)
