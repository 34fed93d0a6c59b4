"""Geographic positions (graph/map/geo.py) and the shipped world data (assets/world.json)."""

from __future__ import annotations

from importlib.resources import files

import networkx as nx

from geokg.graph.map.geo import geo_positions, world
from geokg.graph.map.render import render_map
from geokg.namespaces import entity_iri


def _graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for key, kind in (("Q36", "State"), ("Q184", "State"), ("Q159", "State"), ("igo/sco", "InternationalOrganisation"),
                      ("person/x", "Person"), ("igo/brics", "InternationalOrganisation"), ("nowhere", "ArmedGroup")):
        graph.add_node(entity_iri(key), labels={"en": key}, type=kind, qid=key if key.startswith("Q") else None)
    graph.add_edge(entity_iri("person/x"), entity_iri("Q184"), key="leaderOf", relation="leaderOf")
    graph.add_edge(entity_iri("Q184"), entity_iri("igo/brics"), key="memberOf", relation="memberOf")
    graph.add_edge(entity_iri("Q159"), entity_iri("igo/brics"), key="memberOf", relation="memberOf")
    return graph


def test_world_data_is_small_public_domain_and_knows_the_states():
    path = files("geokg.graph.map").joinpath("assets", "world.json")
    data = world()
    assert len(path.read_bytes()) < 500_000 and data["licence"] == "public domain"
    assert "Natural Earth" in data["source"] and len(data["shapes"]) > 150
    assert data["states"]["Q36"][0] < data["states"]["Q184"][0] < data["states"]["Q159"][0]
    assert "Q334" in data["states"] and "igo/sco" in data["seats"]        # Singapore; the SCO in Beijing
    assert files("geokg.graph.map").joinpath("assets", "SOURCES.md").is_file()


def test_geo_positions_place_states_seats_people_and_the_rest():
    graph = _graph()
    where = geo_positions(graph, {})
    x = {key: where[entity_iri(key)][0] for key in ("Q36", "Q184", "Q159", "igo/sco", "person/x", "igo/brics")}
    assert x["Q36"] < x["Q184"] < x["Q159"] < x["igo/sco"]
    assert abs(x["person/x"] - x["Q184"]) < 100                       # beside the state he leads
    assert x["Q184"] < x["igo/brics"] < x["Q159"]                      # no seat: among its members
    assert entity_iri("nowhere") not in where                          # listed beside the map, not drawn
    assert geo_positions(nx.MultiDiGraph([("urn:a", "urn:b")]), {}) == {}


def test_render_geo_layout_ships_the_outline_only_when_something_has_a_place():
    import json
    import re

    def data(page):
        return json.loads(re.search(r'id="geokg-data">(.*?)</script>', page, re.S).group(1))

    geo = data(render_map(_graph(), layout="geo"))
    assert geo["layout"] == "geo" and geo["world"]["shapes"]
    plain = nx.MultiDiGraph()
    plain.add_edge("urn:a", "urn:b", key="tradesWith", relation="tradesWith")
    page = render_map(plain, layout="geo")
    assert data(page)["world"] is None and data(page)["layout"] == "network"
    assert "place on the world map" in page and 'id="layout-switch"' not in page
