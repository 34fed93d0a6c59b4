"""tests/data/map/sample.trig, two hand-written article graphs about Belarus, and its projection."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from geokg.graph.view.project import project
from geokg.namespaces import entity_iri
from tests.support.paths import DATA

SAMPLE = DATA / "map" / "sample.trig"
BELARUS, CHINA, RUSSIA, USA = (entity_iri(q) for q in ("Q184", "Q148", "Q159", "Q30"))
SCO, NATO = entity_iri("Q485207"), entity_iri("Q7184")
XIE = entity_iri("person/xie-xiaoyong")
PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")  # in the second article


def _term(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def select_over(store: ox.Store):
    """Return a ``select`` callable over the union of the store's named graphs."""
    def select(sparql: str) -> list[dict]:
        solutions = store.query(sparql, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [{n: _term(s[n]) for n in names if s[n] is not None} for s in solutions]
    return select


def sample_projection() -> nx.MultiDiGraph:
    """Return the projection of sample.trig, read through Oxigraph."""
    store = ox.Store()
    store.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    return project(select_over(store))
