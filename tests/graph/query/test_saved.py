"""Saved queries: the cookbook behind `geokg query --saved NAME --param k=v`, bound safely."""

from __future__ import annotations

import pytest
from rdflib import Literal

from geokg.cli import cli
from geokg.errors import EntityNotFound, SavedQueryError
from geokg.graph.query.saved import Param, bind, get_saved, parse_params, parse_saved, render, saved_queries
from geokg.graph.store import open_store
from tests.support.demo import BELARUS, SCO
from tests.support.paths import README

#: Values for the required parameters, so every saved query can run on the demo store.
SAMPLE_PARAMS = {
    "cooperation": ["a=China", "b=Belarus"],
    "relations-of": ["entity=Belarus"],
    "timeline": ["entity=بيلاروسيا", "since=2024"],
    "entity-by-label": ["name=Belarus", "lang=en"],
}

NASTY = [
    'Foo" } ; DROP ALL ; { "',
    "{?x}",
    "Foo' } ; DROP ALL ; { '",
    'a\\" } . ?s ?p ?o {',
    '"""} DROP ALL {"""',
    "line\nbreak\r\ttab \\ end\\",
    "<http://example.org/x> } ; CLEAR DEFAULT",
]

ECHO = parse_saved("echo", "# param name (string, required): any text\nSELECT ?name WHERE { }\n")


@pytest.fixture(params=["demo_store", "demo_memory_store"])
def any_store(request) -> str:
    """Return the demo corpus in the on-disk Oxigraph store and in the rdflib store."""
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_saved_query_runs_on_both_engines(runner, any_store, name):
    args = [f"--param={p}" for p in SAMPLE_PARAMS.get(name, [])]
    result = runner.invoke(cli, ["query", "--store", any_store, "--saved", name, *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr


def test_saved_queries_are_documented_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    for name in saved_queries():
        assert f"`{name}`" in readme, f"saved query {name} is not in README.md"


def test_saved_members_default_and_arabic_parameter(demo_store):
    with open_store(demo_store, read_only=True) as store:
        from geokg.graph.view.resolve import resolve_entity

        text = bind(get_saved("members"), {}, lambda n: resolve_entity(store, n))
        members = {str(row[1]) for row in store.query(text).rows}
        assert BELARUS in members
        text = bind(get_saved("relations-of"), {"entity": "بيلاروسيا"}, lambda n: resolve_entity(store, n))
        rows = store.query(text).rows
    assert any(str(r[1]).endswith("#memberOf") and str(r[2]) == SCO for r in rows)


@pytest.mark.parametrize("value", NASTY)
def test_saved_string_parameter_is_one_literal_whatever_it_contains(any_store, value):
    with open_store(any_store, read_only=True) as store:
        before = len(store)
        rows = store.query(bind(ECHO, {"name": value}, str)).rows
        assert rows == [(Literal(value),)]
        assert len(store) == before


@pytest.mark.parametrize("value", NASTY)
def test_cli_saved_query_cannot_be_altered_by_a_name(runner, any_store, value):
    with open_store(any_store, read_only=True) as store:
        before = len(store)
    # As a string parameter: a label nothing has, so no rows.
    result = runner.invoke(cli, ["query", "--store", any_store, "--saved", "entity-by-label",
                                 "--param", f"name={value}", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["entity,label"]
    # As an entity parameter: no such entity, one clear line on stderr.
    result = runner.invoke(cli, ["query", "--store", any_store, "--saved", "members", "--param", f"org={value}"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: no entity named")
    with open_store(any_store, read_only=True) as store:
        assert len(store) == before
        assert store.query("ASK { ?m gkg:memberOf ?o }").boolean


@pytest.mark.parametrize("kind, value", [
    ("entity", "http://example.org/x> } ; DROP ALL ; { <y"),
    ("entity", "no scheme"),
    ("relation", "memberOf> ?p ?o"),
    ("relation", "knows"),
    ("date", '2024" } DROP ALL {'),
    ("int", "1 } DROP ALL"),
    ("lang", 'en" } DROP ALL {'),
])
def test_saved_parameter_of_the_wrong_kind_is_refused(kind, value):
    # The entity resolver here returns its input, so the IRI check itself is what refuses it.
    with pytest.raises(SavedQueryError, match=r"^--param p="):
        render(Param("p", kind, ""), value, lambda text: text)


def test_saved_unknown_missing_and_malformed_parameters():
    with pytest.raises(SavedQueryError, match="no parameter 'nope'"):
        bind(get_saved("members"), {"nope": "x"}, str)
    with pytest.raises(SavedQueryError, match="needs --param b="):
        bind(get_saved("cooperation"), {"a": "x"}, lambda n: "https://example.org/a")
    with pytest.raises(SavedQueryError, match="no saved query 'nope'"):
        get_saved("nope")
    with pytest.raises(SavedQueryError, match="give KEY=VALUE"):
        parse_params(["novalue"])
    with pytest.raises(SavedQueryError, match="malformed parameter line"):
        parse_saved("bad", "# param x (shell): run\nSELECT * WHERE { }")


def test_saved_entity_lookup_failure_is_entity_not_found(demo_store):
    from geokg.graph.view.resolve import resolve_entity

    with open_store(demo_store, read_only=True) as store, pytest.raises(EntityNotFound):
        bind(get_saved("members"), {"org": "{?x}"}, lambda n: resolve_entity(store, n))


def test_cli_list_saved_and_usage_errors(runner, demo_store):
    result = runner.invoke(cli, ["query", "--list-saved"])
    assert result.exit_code == 0
    assert all(f"{name}: " in result.stdout for name in saved_queries())
    result = runner.invoke(cli, ["query", "--store", demo_store, "--param", "a=b", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"])
    assert result.exit_code == 2 and "--param goes with --saved" in result.stderr


@pytest.mark.parametrize(("name", "params"), [("timeline", {"entity": "Belarus"}), ("sanctions", {}), ("planned", {})])
def test_statement_listings_name_the_source_of_each_statement(demo_store, name, params):
    # One row per article that said it: the analyst can open the article behind every sentence.
    with open_store(demo_store, read_only=True) as store:
        from geokg.graph.view.resolve import resolve_entity

        result = store.query(bind(get_saved(name), params, lambda n: resolve_entity(store, n)))
        sources = {str(s) for (s,) in store.query("SELECT ?s WHERE { GRAPH ?g { ?g dcterms:source ?s } }").rows}
    column = result.variables.index("source")
    assert result.rows, name
    assert {str(row[column]) for row in result.rows} <= sources
    evidence = result.variables.index("evidence")
    assert all(row[evidence] is not None for row in result.rows)
