"""Geographic positions: states at their point, organisations at their seat, people beside their state.

Points come from ``assets/world.json`` (Natural Earth outlines, public domain; built by
``scripts/build_world.py``). Longitude and latitude become canvas pixels by an equirectangular
projection, which keeps east-west order and is cheap to draw in the page.
"""

from __future__ import annotations

import json
import math
from collections.abc import Hashable
from functools import lru_cache
from importlib.resources import files

import networkx as nx

from ...namespaces import entity_iri

#: Canvas pixels per degree; Belgium and the Netherlands stay a node apart.
DEGREE = 40.0
#: Entity types that stand beside one state rather than among all their neighbours.
_SATELLITES = frozenset({"Person"})
_ENTITY = entity_iri("")
#: Offices held in one's own state (an ambassador's office is in the host state, so it is not here).
_OWN_OFFICE = frozenset({"leaderOf", "ministerOf", "holdsOfficeIn"})


@lru_cache(maxsize=1)
def world() -> dict:
    """Return the shipped world data: ``states`` and ``seats`` (key -> [lon, lat]) and ``shapes`` (rings)."""
    return json.loads(files("geokg.graph.map").joinpath("assets", "world.json").read_text(encoding="utf-8"))


def project_point(lon: float, lat: float) -> tuple[float, float]:
    """Return the canvas position of a longitude and latitude (north is up).

    >>> project_point(10.0, -5.0)
    (400.0, 200.0)
    """
    return lon * DEGREE, -lat * DEGREE


def anchor(node: str, data: dict) -> tuple[float, float] | None:
    """Return the canvas position of a state or seated organisation, or None for anything else."""
    key = node[len(_ENTITY):] if node.startswith(_ENTITY) else (data.get("qid") or "")
    found = world()["states"].get(key) if data.get("type") == "State" else world()["seats"].get(key)
    return project_point(*found) if found else None


def geo_positions(graph: nx.MultiDiGraph, radii: dict) -> dict[Hashable, tuple[float, float]]:
    """Return positions for the nodes of *graph* that have a place on the map, or that stand by one.

    A node with no place and no placed neighbour gets none: the page lists it beside the
    geographic view rather than drawing it somewhere it is not.
    """
    placed = {n: p for n in graph if (p := anchor(str(n), graph.nodes[n])) is not None}
    if not placed:
        return {}
    beside: dict[Hashable, list[Hashable]] = {}
    for _ in range(2):  # a second round places those whose only neighbours were placed in the first
        for node in sorted(graph, key=str):
            if node in placed or any(node in group for group in beside.values()):
                continue
            near = _placed_neighbours(graph, node, placed)
            if graph.nodes[node].get("type") in _SATELLITES and near:
                beside.setdefault(near[0], []).append(node)
            elif near:
                xs, ys = zip(*(placed[n] for n in near))
                placed[node] = (sum(xs) / len(xs), sum(ys) / len(ys) + DEGREE)  # below its members' middle
        _ring_around(beside, placed, radii)
    return placed


def _placed_neighbours(graph: nx.MultiDiGraph, node: Hashable, placed: dict) -> list[Hashable]:
    """Return the node's placed neighbours, states linked by an office first, then by support."""
    weight: dict[Hashable, float] = {}
    for u, v, data in list(graph.out_edges(node, data=True)) + list(graph.in_edges(node, data=True)):
        other = v if u == node else u
        if other in placed:
            office = data.get("relation") in _OWN_OFFICE
            state = graph.nodes[other].get("type") == "State"
            weight[other] = weight.get(other, 0) + 100 * office + 10 * state + int(data.get("support", 1))
    return sorted(weight, key=lambda n: (-weight[n], str(n)))


def _ring_around(beside: dict, placed: dict, radii: dict) -> None:
    """Place each anchor's satellites on a ring around it, evenly spaced from the top."""
    for centre, group in beside.items():
        cx, cy = placed[centre]
        reach = radii.get(centre, 10) + max(radii.get(n, 10) for n in group) + 16
        for index, node in enumerate(group):
            if node in placed:
                continue
            angle = -math.pi / 2 + 2 * math.pi * index / max(len(group), 6)
            placed[node] = (cx + reach * math.cos(angle), cy + reach * math.sin(angle))
