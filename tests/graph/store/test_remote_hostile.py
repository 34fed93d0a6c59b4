"""A remote store that answers what was not asked, or never stops answering: one error line, nothing dropped.

The servers are scratch HTTP servers on loopback that send well-formed but wrong SPARQL answers.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from geokg.cli import cli
from geokg.errors import UntrustedAnswer
from geokg.graph.store import open_store
from tests.support.hostile import HostileServer, select_json
from tests.support.paths import EXAMPLES

PRECIOUS = "http://example.org/precious-graph"
JSON = "application/sparql-results+json"


def wrong_variables(method, path, form):
    """Answer every query with one row binding ?x and ?y, whatever it asked for."""
    if "ASK" in form.get("query", "") and "SELECT" not in form.get("query", ""):
        return 200, JSON, iter([b'{"head": {}, "boolean": false}'])
    return 200, JSON, iter([select_json(["x", "y"], [{"x": {"type": "uri", "value": "urn:a"},
                                                      "y": {"type": "literal", "value": "1"}}])])


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    return line


@pytest.mark.parametrize("command", [["stats"], ["map", "-o", "MAP"], ["show", "Q184"], ["analyze"], ["export", "--format", "nq"]])
def test_unexpected_variables_are_one_error_line(command, tmp_path):
    with HostileServer(wrong_variables) as server:
        args = [str(tmp_path / "map.html") if a == "MAP" else a for a in command]
        line = one_line_error(CliRunner().invoke(cli, [*args, "--store", server.url]))
    assert line.startswith("Error: ") and "sent variables x, y to a query for" in line


def test_values_that_are_not_counts_are_one_error_line():
    def not_numbers(method, path, form):
        query = form.get("query", "")
        variables = ["n"] if "COUNT" in query and "?class" not in query else ["class", "n"]
        row = {v: {"type": "literal", "value": "many", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
               for v in variables}
        return 200, JSON, iter([select_json(variables, [row])])

    with HostileServer(not_numbers) as server:
        line = one_line_error(CliRunner().invoke(cli, ["stats", "--store", server.url]))
    assert "'many', not a valid integer" in line or "not a count" in line


def test_a_number_of_articles_that_is_not_a_count_is_an_untrusted_answer():
    def not_a_number(method, path, form):
        row = {"n": {"type": "literal", "value": "-3"}}
        return 200, JSON, iter([select_json(["n"], [row])])

    with HostileServer(not_a_number) as server, open_store(server.url) as store:
        with pytest.raises(UntrustedAnswer, match="answered '-3' for the number of articles, which is not a count"):
            store.article_count()


def test_ingest_never_drops_a_graph_outside_the_article_namespace(tmp_path):
    def names_a_foreign_graph(method, path, form):
        query = form.get("query", "")
        if query and "SELECT" not in query:
            return 200, JSON, iter([b'{"head": {}, "boolean": false}'])
        if query:
            row = {"g": {"type": "uri", "value": PRECIOUS}}
            asked = re.search(r'BIND\("([^"]*)" AS \?source\)', query)  # the graphs of a source: this one's
            if asked:
                row["source"] = {"type": "literal", "value": asked.group(1)}
            return 200, JSON, iter([select_json(list(row), [row])])
        return 204, "text/plain", iter([b""])

    with HostileServer(names_a_foreign_graph) as server:
        result = CliRunner().invoke(cli, ["ingest", "--store", server.url, str(EXAMPLES)])
        sent = [form.get("update", "") for _, _, form in server.requests]
    assert not any(PRECIOUS in update for update in sent)
    line = one_line_error(result)
    assert f"named {PRECIOUS} as an article graph" in line and "nothing was dropped" in line
