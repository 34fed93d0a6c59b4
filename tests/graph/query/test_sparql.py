"""Result formatting (table, CSV, TSV, JSON) and store statistics."""

from __future__ import annotations

import io
import json

import pytest
from rdflib import Literal, URIRef

from geokg.graph.export.results import format_result
from geokg.graph.query.sparql import stats
from geokg.graph.store import QueryResult
from geokg.namespaces import entity_iri
from tests.support.graphs import TWO_ARTICLES_FACTS, article_writes

CHINA, BELARUS, SCO = entity_iri("Q148"), entity_iri("Q184"), entity_iri("Q485207")

# ?capital is never bound: every format must show an unbound value.
ARABIC_STATES = """SELECT DISTINCT ?state ?label ?capital WHERE {
  ?state a gkg:State ; rdfs:label ?label .
  FILTER(LANG(?label) = "ar")
  OPTIONAL { ?state gkg:capital ?capital }
} ORDER BY ?state"""


def formatted(result: QueryResult, fmt: str) -> str:
    """Return what `format_result` writes for *result* in *fmt*."""
    out = io.StringIO(newline="")
    format_result(result, fmt, out)
    return out.getvalue()


@pytest.fixture
def arabic_states(store, articles) -> QueryResult:
    """Return the SELECT result listing each state with its Arabic label."""
    store.write(articles)
    return store.query(ARABIC_STATES)


def test_sparql_json_follows_the_sparql_results_format(arabic_states):
    assert json.loads(formatted(arabic_states, "json")) == {
        "head": {"vars": ["state", "label", "capital"]},
        "results": {
            "bindings": [
                {"state": {"type": "uri", "value": CHINA},
                 "label": {"type": "literal", "value": "الصين", "xml:lang": "ar"}},
                {"state": {"type": "uri", "value": BELARUS},
                 "label": {"type": "literal", "value": "بيلاروسيا", "xml:lang": "ar"}},
            ]
        },
    }


def test_sparql_json_keeps_arabic_readable(arabic_states):
    assert "بيلاروسيا" in formatted(arabic_states, "json")


def test_sparql_csv_writes_plain_values_and_crlf(arabic_states):
    assert formatted(arabic_states, "csv") == (
        "state,label,capital\r\n"
        f"{CHINA},الصين,\r\n"
        f"{BELARUS},بيلاروسيا,\r\n"
    )


def test_sparql_tsv_writes_terms_in_turtle_syntax(arabic_states):
    assert formatted(arabic_states, "tsv") == (
        "?state\t?label\t?capital\n"
        f'<{CHINA}>\t"الصين"@ar\t\n'
        f'<{BELARUS}>\t"بيلاروسيا"@ar\t\n'
    )


def test_sparql_table_aligns_columns_and_shortens_iris(arabic_states):
    assert formatted(arabic_states, "table").splitlines() == [
        "state            label      capital",
        "---------------  ---------  -------",
        "gkr:entity/Q148  الصين",
        "gkr:entity/Q184  بيلاروسيا",
    ]


def test_sparql_table_gives_harakat_no_width():
    voweled = "بِيلارُوسِيا"  # 12 code points, 9 letters
    result = QueryResult(
        "select", variables=["name", "n"],
        rows=[(Literal(voweled, lang="ar"), Literal(1)), (Literal("Belarus"), Literal(2))],
    )
    assert formatted(result, "table").splitlines() == [
        "name       n",
        "---------  -",
        f"{voweled}  1",
        "Belarus    2",
    ]


def test_sparql_tsv_escapes_tabs_and_newlines():
    result = QueryResult("select", variables=["evidence"], rows=[(Literal('a\t"b"\nc'),)])
    assert formatted(result, "tsv") == '?evidence\n"a\\t\\"b\\"\\nc"\n'


@pytest.mark.parametrize(
    ("fmt", "expected"), [("json", '{"head": {}, "boolean": true}\n'), ("table", "true\n")]
)
def test_sparql_ask_result_is_a_boolean(store, articles, fmt, expected):
    store.write(articles)
    result = store.query(f"ASK {{ <{BELARUS}> gkg:memberOf <{SCO}> }}")
    assert formatted(result, fmt) == expected


def test_sparql_construct_as_table_has_three_columns(store, articles):
    store.write(articles)
    result = store.query("CONSTRUCT { ?s gkg:memberOf ?o } WHERE { ?s gkg:memberOf ?o }")
    assert formatted(result, "table").splitlines() == [
        "subject          predicate     object",
        "---------------  ------------  ------------------",
        "gkr:entity/Q184  gkg:memberOf  gkr:entity/Q485207",
    ]


def test_sparql_construct_as_json_falls_back_to_ntriples(store, articles):
    store.write(articles)
    result = store.query("CONSTRUCT { ?s gkg:memberOf ?o } WHERE { ?s gkg:memberOf ?o }")
    assert formatted(result, "json") == (
        f"<{BELARUS}> <https://w3id.org/geokg/ontology#memberOf> <{SCO}> .\n"
    )


def test_sparql_unknown_format_raises_value_error():
    with pytest.raises(ValueError, match="unknown result format 'xml'"):
        formatted(QueryResult("ask", boolean=True), "xml")


def test_sparql_stats_counts_each_thing_once(store):
    store.write(article_writes(TWO_ARTICLES_FACTS.read_text(encoding="utf-8")))
    assert stats(store, top=2) == {
        "articles": 2,
        "statements": 4,  # the negated one included
        "entities": {"gkg:InternationalOrganisation": 1, "gkg:State": 2},
        # memberOf is stated by both articles but is one triple; the negated alliedWith has none
        "relations": {"gkg:memberOf": 1, "gkg:militaryCooperation": 1},
        "top_entities": [
            {"iri": BELARUS, "label": "Belarus", "degree": 2},
            {"iri": CHINA, "label": "China", "degree": 1},
        ],
    }


def test_sparql_stats_of_an_empty_store_are_zero(store):
    empty = {"articles": 0, "statements": 0, "entities": {}, "relations": {}, "top_entities": []}
    assert stats(store) == empty


def test_sparql_shortened_iri_keeps_unknown_namespaces():
    result = QueryResult("select", variables=["x"], rows=[(URIRef("urn:x:y"),)])
    assert formatted(result, "table").splitlines()[-1] == "urn:x:y"
