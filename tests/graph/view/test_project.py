"""The networkx projection of the store (graph/view/project.py): entities, one edge per fact, evidence."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef

from geokg.graph.view.edges import MAX_EVIDENCE
from geokg.graph.view.project import project
from geokg.graph.store.facts import recounted, stored
from geokg.namespaces import GKG, RDF, sparql_prologue
from tests.support.sample import (
    BELARUS, CHINA, NATO, PAYLOADS, RUSSIA, SAMPLE, SCO, USA, XIE, sample_projection, select_over,
)


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return sample_projection()


def test_project_nodes_are_entities_with_labels_type_and_qid(graph):
    assert set(graph) == {BELARUS, CHINA, RUSSIA, USA, SCO, NATO, XIE}
    assert graph.nodes[BELARUS]["labels"] == {"en": "Belarus", "ar": "بيلاروسيا"}
    assert graph.nodes[BELARUS]["type"] == "State"
    assert graph.nodes[BELARUS]["qid"] == "Q184"
    assert graph.nodes[SCO]["type"] == "InternationalOrganisation"
    assert graph.nodes[XIE]["type"] == "Person"
    assert graph.nodes[XIE]["qid"] is None


def test_project_edges_one_per_triple_and_negated_gives_none(graph):
    assert set(graph.edges(keys=True)) == {
        (BELARUS, SCO, "memberOf"),
        (CHINA, BELARUS, "militaryCooperation"),   # merged from both stored directions
        (RUSSIA, BELARUS, "militaryCooperation"),
        (USA, BELARUS, "sanctions"),
        (XIE, BELARUS, "visits"),
    }
    assert not graph.has_edge(BELARUS, NATO)      # only a negated statement says this
    assert graph.nodes[NATO]["degree"] == 0
    assert graph.nodes[BELARUS]["degree"] == 5


def test_project_planned_only_when_every_statement_is_planned(graph):
    china = graph.edges[CHINA, BELARUS, "militaryCooperation"]
    russia = graph.edges[RUSSIA, BELARUS, "militaryCooperation"]
    assert china["planned"] is True and china["modalities"] == {"planned"}
    assert russia["planned"] is False and russia["modalities"] == {"planned", "asserted"}
    assert graph.edges[BELARUS, SCO, "memberOf"]["planned"] is False


def test_project_support_counts_articles_and_evidence_carries_provenance(graph):
    china = graph.edges[CHINA, BELARUS, "militaryCooperation"]
    assert china["support"] == 2
    assert china["symmetric"] is True
    assert [e["date"] for e in china["evidence"]] == ["2024-03-01", "2023-08-15"]   # newest first
    newest = china["evidence"][0]
    assert newest["text"] == "Belarus and China plan joint military drills next year."
    assert newest["title"] == "US sanctions Belarus " + PAYLOADS[0]
    assert newest["source"] == "https://news.example.org/2024/us-belarus"
    assert newest["modality"] == "planned"
    sanctions = graph.edges[USA, BELARUS, "sanctions"]
    assert sanctions["support"] == 1 and sanctions["symmetric"] is False


FACT = "https://example.org/fact/1"


def _fake_store(evidence_rows: list[dict]):
    """Return a select answering one fact (Belarus memberOf SCO, support 7, asserted and negated) and its evidence."""
    fact_rows = [{"fact": URIRef(FACT), "subject": URIRef(BELARUS), "predicate": GKG.memberOf, "object": URIRef(SCO),
                  "support": Literal(7), "modality": GKG[modality]} for modality in ("Asserted", "Negated")]

    def select(sparql: str) -> list[dict]:
        if "gkg:byModality" in sparql:
            return fact_rows
        if "gkg:example" in sparql:
            return [{"fact": URIRef(FACT), "statement": row["statement"]} for row in evidence_rows]
        return evidence_rows if "gkg:sentence" in sparql else []
    return select


def _evidence_row(n: int, modality: str, article: str) -> dict:
    return {
        "statement": URIRef(f"https://example.org/statement/{n}"),
        "article": URIRef(f"https://example.org/article/{article}"),
        "modality": GKG[modality], "text": Literal(f"sentence {n}", lang="en"),
        "issued": Literal(f"2024-01-{n + 1:02d}"),
    }


def test_project_evidence_is_capped_and_negated_sentences_come_last():
    rows = [_evidence_row(0, "Negated", "n")]
    rows += [_evidence_row(n, "Asserted", str(n)) for n in range(1, 8)]
    graph = project(_fake_store(rows))
    edge = graph.edges[BELARUS, SCO, "memberOf"]
    assert len(edge["evidence"]) == MAX_EVIDENCE
    assert edge["support"] == 7 and edge["modalities"] == {"asserted", "negated"} and not edge["planned"]
    assert [e["text"] for e in edge["evidence"]] == [f"sentence {n}" for n in (7, 6, 5, 4, 3)]
    assert graph.nodes[BELARUS]["type"] == "Entity"  # untyped endpoints still become nodes


def test_project_reads_facts_and_only_the_examples_statements():
    store = ox.Store()
    store.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    seen: list[str] = []
    select = select_over(store)
    graph = project(lambda sparql: seen.append(sparql) or select(sparql))
    assert graph.number_of_edges() == 5
    assert not any("gkg:fact " in q for q in seen)                   # no statement is read for the figures
    assert all("VALUES ?statement" in q for q in seen if "gkg:sentence" in q)


def test_project_sample_facts_graph_is_a_recount_of_its_statements():
    store = ox.Store()
    store.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)

    def rows(sparql: str):
        result = store.query(sparql_prologue() + sparql, use_default_graph_as_union=True)
        return [v.value for v in result.variables], [tuple(t and t.value for t in s) for s in result]

    assert stored(rows) == recounted(rows)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")   # raised inside rdflib's TriG parser
def test_project_same_graph_on_rdflib(graph):
    dataset = Dataset(default_union=True)
    dataset.parse(SAMPLE, format="trig")

    def select(sparql: str) -> list[dict]:
        result = dataset.query(sparql)
        return [{str(v): row[v] for v in result.vars if row[v] is not None} for row in result]

    other = project(select)
    assert dict(other.nodes(data=True)) == dict(graph.nodes(data=True))
    assert {e: other.edges[e] for e in other.edges(keys=True)} == {
        e: graph.edges[e] for e in graph.edges(keys=True)}


def test_project_queries_use_no_rdf_star():
    seen: list[str] = []
    project(lambda sparql: seen.append(sparql) or [])  # type: ignore[func-returns-value]
    assert seen and not any("<<" in q or "{|" in q for q in seen)
    assert any(str(RDF.subject) in q or "rdf:subject" in q for q in seen)
