"""The README's cookbook queries, and geokg commands run through the CLI for their answers."""

from __future__ import annotations

import json
import re
import textwrap

from click.testing import CliRunner

from geokg.cli import cli
from tests.support.paths import README

_SPARQL_BLOCK = re.compile(r"^( *)```sparql\n(.*?)^\1```", re.DOTALL | re.MULTILINE)


def cookbook_queries() -> list[str]:
    """Return every query of the README's ```sparql blocks, dedented."""
    readme = README.read_text(encoding="utf-8")
    return [textwrap.dedent(m.group(2)) for m in _SPARQL_BLOCK.finditer(readme)]


COOKBOOK = cookbook_queries()


def run(*args: str) -> str:
    """Return the stdout of a successful geokg command."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, f"geokg {' '.join(args[:2])}: {result.stderr}{result.exception!r}"
    return result.stdout


def answer_set(store_url: str, sparql: str) -> set[frozenset]:
    """Return the rows of a query as a set: SELECT DISTINCT on Oxigraph repeats nothing, others may."""
    doc = json.loads(run("query", "--store", store_url, "--format", "json", sparql))
    if "boolean" in doc:
        return {frozenset({("boolean", doc["boolean"])})}
    return {frozenset((var, json.dumps(value, sort_keys=True)) for var, value in row.items())
            for row in doc["results"]["bindings"]}
