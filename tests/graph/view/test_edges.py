"""Edges read from the facts graph (graph/view/edges.py): stored figures, a period's figures, evidence for some edges."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from geokg.graph.view.edges import add_evidence, read_facts
from geokg.graph.view.project import project
from tests.support.sample import BELARUS, CHINA, RUSSIA, SAMPLE, USA, select_over


@pytest.fixture(scope="module")
def sample():
    store = ox.Store()
    store.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    return select_over(store)


def _by_triple(facts):
    return {(f.subject, f.relation, f.object): f for f in facts.values()}


def test_read_facts_gives_the_stored_figures(sample):
    russia = _by_triple(read_facts(sample))[(RUSSIA, "militaryCooperation", BELARUS)]
    assert (russia.support, russia.first, russia.last) == (2, "2023-08-15", "2024-03-01")
    assert russia.modalities == {"asserted", "planned"} and russia.examples is None


def test_read_facts_over_a_period_counts_its_statements_only(sample):
    facts = _by_triple(read_facts(sample, since="2024"))
    russia = facts[(RUSSIA, "militaryCooperation", BELARUS)]
    assert (russia.support, russia.first, russia.last, russia.modalities) == (1, "2024-03-01", "2024-03-01", {"asserted"})
    assert len(russia.examples) == 1
    assert set(facts) == {(RUSSIA, "militaryCooperation", BELARUS), (CHINA, "militaryCooperation", BELARUS),
                          (USA, "sanctions", BELARUS)}   # the 2023 article's other facts are left out
    assert read_facts(sample, until="2023-01") == {}


def test_read_facts_of_some_entities_and_relations(sample):
    facts = _by_triple(read_facts(sample, entities=[USA, CHINA], relations={"sanctions"}))
    assert set(facts) == {(USA, "sanctions", BELARUS)}
    assert read_facts(sample, relations=set()) == {}


def test_add_evidence_reads_the_sentences_of_the_edges_given_only(sample):
    graph = project(sample, evidence=False)
    seen: list[str] = []
    add_evidence(lambda sparql: seen.append(sparql) or sample(sparql), graph.subgraph([USA, BELARUS]))
    assert [e["text"][:36] for e in graph.edges[USA, BELARUS, "sanctions"]["evidence"]] == [
        "Washington imposed sanctions on Mins"]
    assert graph.edges[RUSSIA, BELARUS, "militaryCooperation"]["evidence"] == []
    assert sum(q.count("<https://w3id.org/geokg/resource/statement/") for q in seen) == 1
