"""Every SPARQL text the library runs lives in a .rq file, loaded by geokg.graph.query.texts."""

from __future__ import annotations

import re

import pytest

from geokg.graph.query.saved import saved_queries
from geokg.graph.query.texts import INTERNAL, SAVED, bind_values, query_files, query_text
from geokg.graph.store import open_store
from tests.support.paths import ROOT

PACKAGE = ROOT / "geokg"


@pytest.mark.parametrize("name", sorted(query_files(INTERNAL)))
def test_every_internal_query_runs_on_an_empty_store(name):
    values = {var: "<urn:x>" for var in ("entity", "class", "e") if f"?{var}" in query_text(name)}
    with open_store("memory:") as store:
        assert store.query(query_text(name, **values)).kind == "select"


def test_internal_queries_are_not_saved_queries():
    assert set(query_files(SAVED)) == set(saved_queries())
    assert not set(query_files(INTERNAL)) & set(saved_queries())


def test_no_graph_module_outside_the_store_backends_writes_a_select_inline():
    inline = re.compile(r"[\"']{1,3}\s*SELECT\b")
    modules = [p for p in (PACKAGE / "graph").rglob("*.py") if "store" not in p.parts]
    assert [p.name for p in modules if inline.search(p.read_text(encoding="utf-8"))] == []


def test_values_are_bound_at_the_start_of_the_first_where_group():
    text = bind_values("SELECT * WHERE { ?s ?p ?o }", {"s": "<urn:a> <urn:b>"})
    assert text == "SELECT * WHERE {\n  VALUES ?s { <urn:a> <urn:b> } ?s ?p ?o }"
