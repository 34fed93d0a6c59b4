"""Choose the part of an entity graph a map draws: focus, relations, types, support, size.

Every function here reads a projection (see ``geokg.graph.view.project``) and returns a new
graph; none modifies its input.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import networkx as nx
from rdflib import URIRef

from ...errors import MapSelectionError
from ...model import TYPE_ALIASES
from ...namespaces import GKG
from ...ontology import relation_names, subclasses, super_relations
from .centrality import MEASURES, scores
from .lookup import find_node
from .project import SYMMETRIC_RELATIONS

#: Largest map drawn; bigger selections keep this many entities, the most central first.
MAX_NODES = 5000

_GKG = str(GKG)
_ISO_DATE = re.compile(r"[0-9]{4}(-[01][0-9](-[0-3][0-9])?)?")

@dataclass(frozen=True, slots=True)
class Selection:
    """What to draw; the defaults draw every entity and every non-negated relation."""

    focus: str | None = None  # entity name (any language), IRI or QID
    depth: int = 1  # hops around the focus entity
    relations: tuple[str, ...] = ()  # relation names; their sub-properties are included
    types: tuple[str, ...] = ()  # entity types; their subclasses are included
    since: str | None = None  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD), article date
    until: str | None = None
    min_support: int = 1  # articles asserting an edge
    max_nodes: int = MAX_NODES
    size_by: str = "degree"  # one of geokg.graph.view.centrality.MEASURES


@dataclass(frozen=True, slots=True)
class Subset:
    """A restriction from a user SPARQL query: entities and, optionally, exact edges."""

    entities: frozenset[str]
    edges: frozenset[tuple[str, str, str]] | None = None  # (subject, relation, object)


def relation_closure(names: Iterable[str]) -> frozenset[str]:
    """Return the relation local names meant by *names*, sub-properties included.

    Raises:
        MapSelectionError: If a name is not a gkg relation.

    >>> sorted(relation_closure(["militaryCooperation"]))
    ['jointExercise', 'militaryCooperation']
    """
    known = relation_names()
    chosen: set[str] = set()
    for raw in names:
        name = _local_name(raw)
        below = {r for r in known if name in super_relations(r)}
        if not below:
            listed = ", ".join(sorted(known))
            raise MapSelectionError(f"unknown relation {raw!r} (known: {listed})")
        chosen |= below
    return frozenset(chosen)


def type_closure(names: Iterable[str]) -> frozenset[str]:
    """Return the class local names meant by *names* (state, organisation, …), subclasses included.

    Raises:
        MapSelectionError: If a name is not an entity type.

    >>> sorted(type_closure(["place"])), "ArmedGroup" in type_closure(["organisation"])
    (['City', 'Place'], True)
    """
    below = subclasses()
    classes = set(TYPE_ALIASES.values()) | set(below)
    by_lower = {c.lower(): c for c in classes}
    chosen: set[str] = set()
    for raw in names:
        key = _local_name(raw).strip()
        name = TYPE_ALIASES.get(key.lower().replace("_", "-").replace(" ", "-")) or by_lower.get(key.lower())
        if name is None:
            listed = ", ".join(sorted(set(TYPE_ALIASES)))
            raise MapSelectionError(f"unknown entity type {raw!r} (known: {listed})")
        chosen |= {name} | below.get(name, frozenset())
    return frozenset(chosen)


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """Return the node of *graph* named by an IRI, a Wikidata QID or a label in any language.

    Raises:
        MapSelectionError: If nothing or several different entities match.
    """
    return find_node(graph.nodes, name)


def validate(selection: Selection) -> None:
    """Check the selection's numbers, dates and measure; return None.

    Raises:
        MapSelectionError: If one is out of range or malformed.
    """
    if selection.depth < 0 or selection.min_support < 1 or selection.max_nodes < 1:
        raise MapSelectionError("--depth must be 0 or more; --min-support and --max-nodes 1 or more")
    if selection.size_by not in MEASURES:
        raise MapSelectionError(f"unknown size measure {selection.size_by!r} (known: {', '.join(MEASURES)})")
    for name, value in (("--since", selection.since), ("--until", selection.until)):
        if value is not None and not _ISO_DATE.fullmatch(value):
            raise MapSelectionError(f"{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")


def select(graph: nx.MultiDiGraph, selection: Selection, subset: Subset | None = None
           ) -> tuple[nx.MultiDiGraph, list[dict]]:
    """Return the subgraph to draw and notices about what was left out.

    The graph should already be projected with the selection's relations and dates.
    Each notice is ``{"kind": ..., **numbers}`` for the page to phrase in its language.

    Raises:
        MapSelectionError: If the focus entity is not found, or a number is out of range.
    """
    validate(selection)
    focus = find_entity(graph, selection.focus) if selection.focus else None
    out = graph.copy()
    if selection.min_support > 1:
        out.remove_edges_from([(u, v, k) for u, v, k, s in out.edges(keys=True, data="support", default=1)
                               if s < selection.min_support])
    if selection.types:
        allowed = type_closure(selection.types)
        out.remove_nodes_from([n for n, t in list(out.nodes(data="type")) if t not in allowed and n != focus])
    if subset is not None:
        out = _restrict(out, subset, keep=focus)
    edge_filtered = bool(selection.relations or selection.since or selection.until
                         or selection.min_support > 1 or (subset is not None and subset.edges is not None))
    if edge_filtered:
        out.remove_nodes_from([n for n in list(out) if out.degree(n) == 0 and n != focus])
    if focus is not None:
        near = nx.single_source_shortest_path_length(out.to_undirected(as_view=True), focus,
                                                     cutoff=selection.depth)
        out = out.subgraph(near).copy()
    notices: list[dict] = []
    total = out.number_of_nodes()
    if total > selection.max_nodes:
        ranked = scores(out, selection.size_by)
        keep = sorted(out, key=lambda n: (-ranked[n], str(n)))[: selection.max_nodes]
        if focus is not None and focus not in keep:
            keep[-1] = focus
        out = out.subgraph(keep).copy()
        notices.append({"kind": "topk", "shown": len(keep), "total": total, "measure": selection.size_by})
    return out, notices


def _restrict(graph: nx.MultiDiGraph, subset: Subset, keep: str | None) -> nx.MultiDiGraph:
    nodes = {n for n in graph if n in subset.entities or n == keep}
    if subset.edges is not None:
        nodes |= {n for s, _, o in subset.edges for n in (s, o) if n in graph}
    out = graph.subgraph(nodes).copy()
    if subset.edges is not None:
        wanted = subset.edges | {(o, r, s) for s, r, o in subset.edges if r in SYMMETRIC_RELATIONS}
        out.remove_edges_from([(u, v, k) for u, v, k in out.edges(keys=True) if (u, k, v) not in wanted])
    return out


def _local_name(raw: str) -> str:
    text = raw.strip()
    for prefix in (_GKG, "gkg:"):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def subset_from_rows(rows: Iterable[Iterable[object]], triples: Collection[tuple] = ()) -> Subset:
    """Return the restriction a SPARQL result defines: the IRIs it binds, and its relation triples.

    For a CONSTRUCT result the triples whose predicate is a gkg relation become the exact
    edges to draw; for a SELECT result every IRI bound in any row is an entity to keep, with
    every relation between them.
    """
    entities = {str(t) for row in rows for t in row if _is_iri(t)}
    edges = set()
    known = relation_names()
    for s, p, o in triples:
        entities.update(str(t) for t in (s, o) if _is_iri(t))
        name = str(p)[len(_GKG):] if str(p).startswith(_GKG) else ""
        if name in known and _is_iri(s) and _is_iri(o):
            edges.add((str(s), name, str(o)))
    return Subset(frozenset(entities), frozenset(edges) if edges else None)


def _is_iri(term: object) -> bool:
    return isinstance(term, URIRef)
