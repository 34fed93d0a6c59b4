"""Commands start cheaply: `geokg --help` loads click and the format lists, nothing that extracts, stores or draws."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: What `geokg --help` may load from geokg: the command line, errors, the model and the format lists.
HELP_MODULES = {
    "geokg", "geokg.cli", "geokg.errors", "geokg.model", "geokg.graph",
    "geokg.graph.export", "geokg.graph.export.catalogue", "geokg.graph.export.formats",
}
HEAVY = {"numpy", "scipy", "pyvis", "networkx", "rdflib", "pyoxigraph"}


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_help_loads_only_the_command_line_and_the_format_lists():
    loaded = _loaded_after("import contextlib, io\nfrom geokg.cli import cli\nwith contextlib.redirect_stdout(io.StringIO()):\n    try:\n        cli(['--help'])\n    except SystemExit:\n        pass")
    assert {m for m in loaded if m.split(".")[0] == "geokg"} == HELP_MODULES
    assert not {m.split(".")[0] for m in loaded} & HEAVY


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
