"""Commands start cheaply: each loads the heavy libraries its work needs, and nothing else, and only when it runs.

`geokg --help` and `geokg CMD --help` load click and the format lists, nothing that extracts, stores
or draws. A command run with nothing to work on (an empty in-memory store, an empty file or folder)
shows what it loads to start: the store engine, and rdflib, networkx or the map's renderer only
where its work uses them, and only once its store is open (a missing store fails before). Times
are compared with `python -c "import pyoxigraph"` timed in the same test, in processor time, not
on the clock, so that other programs on the machine barely move the figures.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geokg.cli import cli
from tests.support.startup import EMPTY_RUNS, HEAVY, REFERENCE, loaded_modules, start_costs

#: What `geokg --help` may load from geokg: the command line, errors, the model and the format lists.
HELP_MODULES = {
    "geokg", "geokg.cli", "geokg.errors", "geokg.model", "geokg.graph",
    "geokg.graph.export", "geokg.graph.export.catalogue", "geokg.graph.export.formats",
}

#: Per run on an empty input, the heavy packages it may load, and why.
MAY_LOAD: dict[str, frozenset[str]] = {
    "stats": frozenset({"pyoxigraph"}),  # counts arrive as plain text, no rdflib terms
    "export": frozenset({"pyoxigraph"}),  # the engine writes the serialisation
    "query --list-saved": frozenset({"pyoxigraph"}),  # the store module, for the other forms of `query`
    "query SELECT": frozenset({"pyoxigraph", "rdflib"}),  # answers are written from rdflib terms
    "query --saved": frozenset({"pyoxigraph", "rdflib"}),  # the entity reader (view.project) types rows with rdflib
    "show": frozenset({"pyoxigraph", "rdflib"}),  # the same reader, and the ontology's relation labels
    "validate": frozenset({"pyoxigraph", "rdflib"}),  # SHACL runs on an rdflib graph
    "analyze": frozenset({"pyoxigraph", "rdflib", "networkx"}),  # rankings and paths are networkx algorithms
    "map": frozenset({"pyoxigraph", "rdflib", "networkx", "pyvis", "IPython"}),  # pyvis (which imports IPython) draws
    "extract": frozenset(),  # an unreadable file is refused before the extraction tables load
    "ingest": frozenset({"pyoxigraph", "rdflib"}),  # geokg.graph.rdf spells IRIs with rdflib namespaces
    "eval": frozenset({"rdflib"}),  # scoring reads relation families from the ontology
    "extract-corpus": frozenset({"pyoxigraph", "rdflib"}),  # shards are written as the ingest writes quads
    "load": frozenset({"pyoxigraph", "rdflib"}),  # the ingest writer, which may extract nothing but imports ingest
}

#: Runs that may load the extraction tables (geokg.extract): the ones that extract articles.
EXTRACTING = {"ingest", "eval", "extract-corpus", "load"}

#: Most a start may take, in processor time, as a multiple of `python -c "import pyoxigraph"` (25-30 ms
#: on a 2-core laptop), for commands that stand for the rest: --help (measured 2.7), the store commands
#: that need no heavy library (3.7-4.2), one that answers as rdflib terms (7.1), and the two that load
#: networkx, and networkx with the renderer (11.5 and 15.5). Loading rdflib where it is not needed
#: adds 2, networkx 2.5, scipy 8.
BUDGET = {"--help": 4.0, "show --help": 4.0, "stats": 6.0, "export": 6.0, "query SELECT": 10.0, "analyze": 16.0,
          "map": 22.0}


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def _packages(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_help_loads_only_the_command_line_and_the_format_lists():
    loaded = loaded_modules(["--help"])
    assert {m for m in loaded if m.split(".")[0] == "geokg"} == HELP_MODULES
    assert _packages(loaded) & HEAVY == set()


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_a_commands_help_loads_what_geokg_help_loads(command):
    loaded = loaded_modules([command, "--help"])
    assert {m for m in loaded if m.split(".")[0] == "geokg"} == HELP_MODULES
    assert _packages(loaded) & HEAVY == set()


def test_every_command_but_serve_has_a_pinned_run():
    assert {args[0] for args in EMPTY_RUNS.values()} == set(cli.commands) - {"serve"}
    assert set(MAY_LOAD) == set(EMPTY_RUNS)


@pytest.mark.parametrize("label", sorted(EMPTY_RUNS))
def test_a_command_with_nothing_to_do_loads_only_the_heavy_packages_its_work_needs(label):
    loaded = loaded_modules(EMPTY_RUNS[label])
    assert _packages(loaded) & HEAVY - MAY_LOAD[label] == set()
    if label not in EXTRACTING:
        assert {m for m in loaded if m.startswith("geokg.extract")} == set()


#: The runs that open an existing store read-only (ingest and load create theirs): their libraries load after it opened.
READING_RUNS = sorted(label for label, args in EMPTY_RUNS.items() if "oxigraph:" in args and args[0] not in ("ingest", "load"))


@pytest.mark.parametrize("label", READING_RUNS)
def test_a_command_reading_a_store_that_is_not_there_fails_before_loading_its_libraries(label, tmp_path):
    args = [str(tmp_path / "missing") if a == "oxigraph:" else a for a in EMPTY_RUNS[label]]
    assert _packages(loaded_modules(args)) & HEAVY == {"pyoxigraph"}


def test_starts_stay_within_their_budget_of_the_store_engines_import():
    runs = {"--help": ("--help",), "show --help": ("show", "--help")}
    runs |= {label: EMPTY_RUNS[label] for label in BUDGET if label in EMPTY_RUNS}
    costs = start_costs(runs, repeat=3)
    over = _over_budget(costs)
    if over:  # the cheapest run is the one least disturbed: a dearer one proves nothing, so look again
        more = start_costs({label: runs[label] for label in over}, repeat=8)
        over = _over_budget({label: costs[label] + more[label] for label in more})
    assert not over, f"starts over budget (processor time as a multiple of `python {' '.join(REFERENCE)}`): {over}"


def _over_budget(costs: dict[str, list]) -> dict[str, float]:
    reference = min(c.cpu for c in costs["reference"])
    ratios = {label: round(min(c.cpu for c in runs) / reference, 1) for label, runs in costs.items() if label != "reference"}
    return {label: ratio for label, ratio in ratios.items() if ratio > BUDGET[label]}


@pytest.mark.parametrize("name", ["extract", "ingest", "open_store", "map", "IngestReport"])
def test_the_package_api_is_there_when_asked_for(name):
    loaded = _loaded_after(f"import geokg\nassert callable(geokg.{name})")
    assert "geokg" in loaded


def test_extract_and_ingest_stay_callable_after_their_modules_are_imported():
    _loaded_after(
        "import geokg.ingest, geokg.extract.evaluate, geokg\n"
        "from geokg import Article\n"
        "assert geokg.extract(Article('Belarus joined the SCO.', 'en')).statements\n"
        "assert callable(geokg.ingest)"
    )
