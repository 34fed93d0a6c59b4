"""`geokg serve`: SPARQLWrapper and rdflib's SPARQLStore get the rows `geokg query` gets."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner

from geokg.cli import cli
from geokg.namespaces import sparql_prologue
from tests.support.cookbook import COOKBOOK, answer_set
from tests.support.paths import EXAMPLES
from tests.support.servers import free_port

SPARQLWrapper = pytest.importorskip("SPARQLWrapper", reason="SPARQLWrapper not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Return (store URL, query endpoint) of `geokg serve` over the ingested examples."""
    store = f"oxigraph:{tmp_path_factory.mktemp('serve') / 'kg'}"
    assert CliRunner().invoke(cli, ["ingest", "--store", store, str(EXAMPLES)]).exit_code == 0
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from geokg.cli import main; main()", "serve", "--store", store, "--port", str(port),
         "--cors-origin", "https://yasgui.example"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    endpoint = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"geokg serve did not start: {process.communicate()[1]}")
                time.sleep(0.1)
        yield store, endpoint
    finally:
        process.terminate()
        process.wait(timeout=30)


def wrapper_rows(endpoint: str, sparql: str) -> set[frozenset]:
    """Return the rows SPARQLWrapper gets for *sparql* (with the project prefixes declared)."""
    client = SPARQLWrapper.SPARQLWrapper(endpoint)
    client.setQuery(sparql_prologue() + sparql)
    client.setReturnFormat(SPARQLWrapper.JSON)
    doc = client.query().convert()
    return {frozenset((var, json.dumps(value, sort_keys=True)) for var, value in row.items())
            for row in doc["results"]["bindings"]}


@pytest.mark.remote
@pytest.mark.parametrize("number", range(1, len(COOKBOOK) + 1))
def test_serve_sparqlwrapper_gets_the_rows_of_geokg_query(served, number):
    store, endpoint = served
    sparql = COOKBOOK[number - 1]
    assert wrapper_rows(endpoint, sparql) == answer_set(store, sparql)


@pytest.mark.remote
def test_serve_rdflib_sparqlstore_reads_it(served):
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store, endpoint = served
    sparql = "SELECT DISTINCT ?a WHERE { ?a a gkg:Article }"
    rows = Graph(store=SPARQLStore(endpoint)).query(sparql_prologue() + sparql)
    expected = json.loads(CliRunner().invoke(cli, ["query", "--store", store, "--format", "json", sparql]).stdout)
    assert {str(row[0]) for row in rows} == {b["a"]["value"] for b in expected["results"]["bindings"]}
    assert all(isinstance(row[0], URIRef) for row in rows)


@pytest.mark.remote
def test_serve_answers_browsers_from_the_origins_it_names(served):
    _, endpoint = served
    request = urllib.request.Request(
        f"{endpoint}?query=ASK%7B%7D", headers={"Origin": "https://yasgui.example", "Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
        assert json.load(answer) == {"head": {}, "boolean": True}


@pytest.mark.remote
def test_serve_refuses_updates(served):
    _, endpoint = served
    request = urllib.request.Request(
        endpoint.replace("/query", "/update"), data=b"update=CLEAR%20ALL",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code in (403, 404, 405)


@pytest.mark.parametrize(
    ("store", "message"),
    [("memory:", "serves an on-disk store"), ("http://127.0.0.1:9/query", "already a SPARQL server")],
)
def test_serve_other_stores_is_a_one_line_error(store, message):
    result = CliRunner().invoke(cli, ["serve", "--store", store])
    assert result.exit_code == 1 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
