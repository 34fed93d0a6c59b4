"""What differs on a real SPARQL server (an Oxigraph server, a Virtuoso): each test runs against both.

The store contract they share with the embedded backends is in test_store.py, ../query/test_sparql.py
and ../export/test_export.py, whose tests run against the servers too (tests/graph/conftest.py).
"""

from __future__ import annotations

import io

import pytest

from geokg.graph.export import EXPORT_FORMATS, export
from geokg.graph.store import GraphWrite, Quads, open_store
from geokg.namespaces import entity_iri

pytestmark = pytest.mark.backends("servers")

BELARUS = entity_iri("Q184")


def exported(store, fmt: str) -> bytes:
    """Return the bytes `export` writes for *store* in *fmt*."""
    out = io.BytesIO()
    export(store, out, fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_remote_export_is_byte_identical_to_the_embedded_store(store, articles, fmt):
    store.write(articles)
    with open_store("oxigraph:") as embedded:
        embedded.write(articles)
        assert exported(store, fmt) == exported(embedded, fmt)


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_remote_export_does_not_depend_on_the_write_order(server, store, articles, fmt):
    store.write(articles)
    forward = exported(store, fmt)
    server.clear()
    for article in reversed(articles):
        store.write([article])
    assert exported(store, fmt) == forward


def test_remote_write_replaces_a_graph_as_a_whole(store, articles):
    ar, _ = articles
    half = Quads.of(list(ar.quads)[: len(ar.quads) // 2])
    store.write([GraphWrite(ar.iri, half)])  # what an older, cut-short run might have left
    store.write([ar])
    with open_store("oxigraph:") as embedded:
        embedded.write([ar])
        assert len(store) == len(embedded)


def test_remote_union_repeats_a_triple_per_graph_and_distinct_merges_them(store, articles):
    # Like pyoxigraph 0.5 (oxigraph/oxigraph#1919), both servers answer over the union default
    # graph with one solution per graph: the README's cookbook queries say SELECT DISTINCT.
    store.write(articles)
    plain = store.query(f"SELECT ?label WHERE {{ <{BELARUS}> rdfs:label ?label }}")
    distinct = store.query(f"SELECT DISTINCT ?label WHERE {{ <{BELARUS}> rdfs:label ?label }}")
    assert len(distinct.rows) == 2
    assert set(plain.rows) == set(distinct.rows)


def test_remote_update_where_reads_the_servers_default_graph(store, articles):
    # A server's default graph is the union of its graphs (the setting the README asks for), so an
    # update's WHERE sees the articles, unlike the embedded store's own, empty, default graph.
    store.write(articles)
    store.update("INSERT { GRAPH <urn:x:seen> { ?a gkg:seen true } } WHERE { ?a a gkg:Article }")
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:x:seen> { ?a gkg:seen true } }").rows[0][0].value == 2


def test_remote_len_and_export_leave_other_graphs_of_the_server_alone(store, articles):
    store.write(articles)
    store.update('INSERT DATA { GRAPH <urn:x:someone-else> { <urn:x:s> <urn:x:p> "not geokg" } }')
    with open_store("oxigraph:") as embedded:
        embedded.write(articles)
        assert len(store) == len(embedded)
        assert exported(store, "nq") == exported(embedded, "nq")


def test_remote_syntax_error_names_the_line_as_written(store):
    from geokg.errors import QuerySyntaxError

    with pytest.raises(QuerySyntaxError) as caught:
        store.query("SELECT *\nWHERE { ?s ?p }")
    assert store.url in str(caught.value) and "HTTP 400" in str(caught.value)
    assert "line 2" in str(caught.value) or "at 2:" in str(caught.value)
