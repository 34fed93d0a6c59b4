"""PLOVER-style events: one per statement the store holds, read a bounded batch of articles at a time."""

from __future__ import annotations

import io
import json

import pytest

from geokg.graph.export import export, plover
from geokg.graph.export.plover import plover_events
from geokg.graph.store import open_store
from geokg.namespaces import PREFIXES
from geokg.ontology import relation_names
from tests.support.graphs import TWO_ARTICLES_FACTS, article_writes

GKG = PREFIXES["gkg"]

#: Each statement's relation, ends, modality and graph, read without the export's query.
RECOUNT = """
SELECT ?statement ?predicate ?subject ?object ?modality ?article WHERE {
  GRAPH ?article { ?statement gkg:fact ?fact ; gkg:modality ?modality }
  ?fact rdf:predicate ?predicate ; rdf:subject ?subject ; rdf:object ?object .
}"""


def exported(store) -> bytes:
    """Return the bytes `export --format plover` writes for *store*."""
    out = io.BytesIO()
    export(store, out, "plover")
    return out.getvalue()


def demo_events(url: str) -> list[dict]:
    """Return the exported events of the store at *url*, parsed."""
    with open_store(url, read_only=True) as store:
        return [json.loads(line) for line in exported(store).decode("utf-8").splitlines()]


def test_plover_events_carry_codes_names_and_offsets(demo_store):
    events = demo_events(demo_store)
    assert events and all(set(e) >= {"id", "date", "event_type", "mode", "modality", "actor", "recipient",
                                      "text", "offsets", "article"} for e in events)
    sanction = next(e for e in events if e["mode"] == "sanctions" and e["actor"]["wikidata"] == "Q458")
    assert sanction["event_type"] == "SANCTION" and sanction["cameo"] == "163"
    assert sanction["actor"]["name"] == "European Union" and sanction["text"]
    assert 0 <= sanction["offsets"]["start"] < sanction["offsets"]["end"]
    assert all(e["modality"] in {"asserted", "planned", "negated", "reported", "ended"} for e in events)


def test_plover_events_come_by_article_then_statement(demo_store):
    keys = [(e["article"]["id"], e["id"]) for e in demo_events(demo_store)]
    assert len({article for article, _ in keys}) > 1
    assert keys == sorted(keys)


def test_plover_has_one_event_per_statement_of_the_store(demo_store):
    with open_store(demo_store, read_only=True) as store:
        _, rows = store.query_rows(RECOUNT)
    known = relation_names()
    expected = {(st, p[len(GKG):], s, o, m[len(GKG):].lower(), a)
                for st, p, s, o, m, a in rows if p[len(GKG):] in known}
    events = demo_events(demo_store)
    got = [(e["id"], e["mode"], e["actor"]["id"], e["recipient"]["id"], e["modality"], e["article"]["id"])
           for e in events]
    assert len(got) == len(expected) and set(got) == expected


def test_plover_offsets_point_at_the_sentence():
    from geokg.readers import from_text
    from tests.support.demo import ingest_into
    from tests.support.paths import EXAMPLES

    path = EXAMPLES / "en-belarus-sco.txt"
    url = ingest_into("memory:toolkit-plover", [path])
    text = from_text(path.read_text(encoding="utf-8"), str(path)).text
    with open_store(url, read_only=True) as store:
        events = list(plover_events(store))
    assert events
    for event in events:
        assert text[event["offsets"]["start"]:event["offsets"]["end"]] == event["text"]


@pytest.mark.parametrize("batch", [1, 3])
def test_plover_bytes_do_not_depend_on_the_batch_size(demo_store, monkeypatch, batch):
    with open_store(demo_store, read_only=True) as store:
        whole = exported(store)
        monkeypatch.setattr(plover, "BATCH", batch)
        assert exported(store) == whole


def test_plover_holds_the_rows_of_one_batch_of_articles_at_a_time(demo_store, monkeypatch):
    monkeypatch.setattr(plover, "BATCH", 2)
    answers: list[list[str]] = []  # the article of each row, per answer listing statements
    with open_store(demo_store, read_only=True) as store:
        query_rows = store.query_rows

        def counted(sparql: str):
            variables, rows = query_rows(sparql)
            if {"statement", "article"} <= set(variables):
                answers.append([row[variables.index("article")] for row in rows])
            return variables, rows

        monkeypatch.setattr(store, "query_rows", counted)
        events = plover_events(store)
        next(events)
        assert len(answers) == 1  # the first event is out before the second batch is read
        list(events)
        _, articles = query_rows("SELECT ?a WHERE { GRAPH ?a { ?a a gkg:Article } }")
        _, statements = query_rows(RECOUNT)
    assert len(articles) > 4 and len(answers) == (len(articles) + 1) // 2
    assert all(len(set(answer)) <= 2 for answer in answers)
    assert sorted(a for answer in answers for a in set(answer)) == sorted(a for (a,) in articles)
    assert sum(map(len, answers)) >= len(statements) > max(map(len, answers))


def test_plover_writes_the_same_bytes_on_every_engine(store):
    writes = article_writes(TWO_ARTICLES_FACTS.read_text(encoding="utf-8"))
    store.write(writes)
    with open_store("oxigraph:") as reference:
        reference.write(writes)
        expected = exported(reference)
    assert expected.count(b"\n") == 4 and exported(store) == expected


@pytest.mark.backends("embedded")  # two stores of one backend; a server is one store
def test_plover_does_not_depend_on_the_write_order(open_backend):
    writes = article_writes(TWO_ARTICLES_FACTS.read_text(encoding="utf-8"))
    forward, backward = open_backend("forward"), open_backend("backward")
    forward.write(writes)
    for write in reversed(writes):
        backward.write([write])
    assert exported(forward) == exported(backward)
