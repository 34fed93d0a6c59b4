"""``Store.query_rows``: the rows of ``query`` as plain text, on every backend."""

from __future__ import annotations

import pytest

from geokg.graph.store.base import Tagged

_ROWS = """SELECT ?s ?p ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <urn:geokg:test:absent> ?none } }"""


def test_query_rows_are_the_text_of_the_query_terms(store, articles):
    store.write(articles)
    result = store.query(_ROWS)
    variables, rows = store.query_rows(_ROWS)
    assert variables == result.variables
    expected = sorted(tuple(None if t is None else str(t) for t in row) for row in result.rows)
    assert sorted(rows) == expected
    assert all(type(value) in (str, Tagged) or value is None for row in rows for value in row)


def test_query_rows_keep_a_literal_language(store, articles):
    store.write(articles)
    sparql = "SELECT ?label WHERE { ?e rdfs:label ?label }"
    languages = sorted({t.language for (t,) in store.query(sparql).rows if t.language})
    _, rows = store.query_rows(sparql)
    assert languages and sorted({v.language for (v,) in rows if isinstance(v, Tagged)}) == languages


def test_query_rows_refuse_what_is_not_a_select(store):
    with pytest.raises(ValueError, match="SELECT"):
        store.query_rows("ASK { ?s ?p ?o }")
