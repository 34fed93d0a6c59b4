"""Map selection (graph/view/select.py): focus, depth, relations, types, dates, support, SPARQL, top k."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest

import geokg
from geokg.errors import GeokgError
from geokg.graph.view.select import MapSelectionError, relation_closure, type_closure
from geokg.graph.store import GraphWrite, Quads
from tests.support.sample import BELARUS, CHINA, NATO, RUSSIA, SAMPLE, SCO, USA, XIE
from tests.support.synthetic import synthetic_writes


@pytest.fixture
def store():
    dataset = ox.Dataset(ox.parse(path=str(SAMPLE), format=ox.RdfFormat.TRIG))
    nquads = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    with geokg.open_store("oxigraph:") as opened:
        opened.write([GraphWrite("urn:sample", Quads.parse(nquads))])
        yield opened


def _drawn(page: str) -> tuple[set[str], set[tuple[str, str, str]]]:
    data = json.loads(re.search(r'id="geokg-data">(.*?)</script>', page, re.S).group(1))
    edges = {(e["from"], e["relation"], e["to"]) for e in data["edgeInfo"].values()}
    # The selected entities: drawn, or listed beside the map for want of a drawn relation.
    return {n["id"] for n in data["nodes"]} | set(data["isolated"]), edges


def test_map_select_everything_by_default(store):
    nodes, edges = _drawn(geokg.map(store))
    assert nodes == {BELARUS, CHINA, RUSSIA, USA, SCO, NATO, XIE}
    assert (BELARUS, "memberOf", NATO) not in edges and len(edges) == 5


@pytest.mark.parametrize("focus", ["Belarus", "بيلاروسيا", "Q184", BELARUS, "belarus"])
def test_map_select_focus_by_any_name(store, focus):
    nodes, _ = _drawn(geokg.map(store, focus=focus, depth=1, relations=["cooperatesWith"]))
    assert nodes == {BELARUS, CHINA, RUSSIA}


def test_map_select_focus_depth(store):
    assert _drawn(geokg.map(store, focus="Xie Xiaoyong", depth=0))[0] == {XIE}
    assert _drawn(geokg.map(store, focus="Xie Xiaoyong", depth=1))[0] == {XIE, BELARUS}
    assert len(_drawn(geokg.map(store, focus="Xie Xiaoyong", depth=2))[0]) == 6   # NATO is unlinked


def test_map_select_relation_includes_sub_properties(store):
    assert relation_closure(["opposes"]) >= {"sanctions", "attacks", "atWarWith"}
    assert relation_closure(["gkg:holdsOfficeIn"]) == {"leaderOf", "ministerOf"}
    _, edges = _drawn(geokg.map(store, relations=["opposes"]))
    assert edges == {(USA, "sanctions", BELARUS)}


def test_map_select_type_includes_subclasses(store):
    assert "InternationalOrganisation" in type_closure(["organisation"])
    nodes, edges = _drawn(geokg.map(store, types=["state"]))
    assert nodes == {BELARUS, CHINA, RUSSIA, USA}
    assert len(edges) == 3


def test_map_select_dates_and_support(store):
    _, edges = _drawn(geokg.map(store, since="2024"))
    assert edges == {(USA, "sanctions", BELARUS), (CHINA, "militaryCooperation", BELARUS),
                     (RUSSIA, "militaryCooperation", BELARUS)}
    nodes, edges = _drawn(geokg.map(store, until="2023-12"))
    assert USA not in nodes and (USA, "sanctions", BELARUS) not in edges
    _, edges = _drawn(geokg.map(store, min_support=2))
    assert {relation for _, relation, _ in edges} == {"militaryCooperation"}


def test_map_select_sparql_select_and_construct(store):
    select = 'SELECT ?s WHERE { ?s rdfs:label "China"@en } '
    nodes, _ = _drawn(geokg.map(store, sparql=select.replace("?s WHERE", "?s ?o WHERE").replace(
        "}", '. ?o rdfs:label "Belarus"@en }')))
    assert nodes == {CHINA, BELARUS}
    construct = "CONSTRUCT { ?s gkg:sanctions ?o } WHERE { ?s gkg:sanctions ?o }"
    nodes, edges = _drawn(geokg.map(store, sparql=construct))
    assert nodes == {USA, BELARUS} and edges == {(USA, "sanctions", BELARUS)}
    with pytest.raises(MapSelectionError, match="SELECT or a CONSTRUCT"):
        geokg.map(store, sparql="ASK { ?s ?p ?o }")


def test_map_select_top_k_says_so_on_the_page():
    with geokg.open_store("oxigraph:") as store:
        store.write(synthetic_writes(120))
        page = geokg.map(store, max_nodes=50, size_by="pagerank")
    nodes, edges = _drawn(page)
    assert len(nodes) == 50 and all(s in nodes and o in nodes for s, _, o in edges)
    assert "Showing the 50 most central of 120 entities (by PageRank)" in page


@pytest.mark.parametrize(("options", "message"), [
    ({"focus": "Atlantis"}, "no entity named 'Atlantis'"),
    ({"relations": ["likes"]}, "unknown relation 'likes'"),
    ({"types": ["dragon"]}, "unknown entity type 'dragon'"),
    ({"since": "last year"}, "is not a date"),
    ({"min_support": 0}, "--min-support"),
])
def test_map_select_bad_options_are_user_errors(store, options, message):
    with pytest.raises(GeokgError, match=message):
        geokg.map(store, **options)
