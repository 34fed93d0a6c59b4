"""Centrality of the entities of a projection: degree, PageRank and (sampled) betweenness.

Maps size and rank nodes with ``scores``; ``geokg analyze`` ranks with ``degree_centrality``
and ``betweenness``. Above a size each caller chooses, betweenness is estimated from a
fixed-seed sample of sources, so the same graph always gets the same numbers.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

#: Measures accepted by ``scores`` (and ``geokg map --size-by``).
MEASURES = ("degree", "pagerank", "betweenness")

#: Seed of every sampled estimate.
SEED = 7

#: ``scores`` computes betweenness exactly up to this many nodes, and from this many sampled sources above.
MAP_EXACT_BETWEENNESS = 300


def simple_graph(graph: nx.Graph) -> nx.Graph:
    """Return an undirected simple copy of *graph*: nodes sorted by their text, self-loops left out."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph, key=str))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    return simple


def scores(graph: nx.Graph, measure: str = "degree") -> dict[Hashable, float]:
    """Return a centrality score per node: degree, PageRank or (sampled) betweenness.

    Args:
        graph: Any networkx graph; directions are ignored.
        measure: One of ``MEASURES``.

    Raises:
        ValueError: If *measure* is unknown.

    >>> scores(nx.path_graph(3))
    {0: 1.0, 1: 2.0, 2: 1.0}
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown centrality measure {measure!r} (known: {', '.join(MEASURES)})")
    if measure == "degree" or graph.number_of_nodes() == 0:
        return {node: float(degree) for node, degree in graph.degree()}
    simple = simple_graph(graph)
    if measure == "pagerank":
        return {node: float(v) for node, v in nx.pagerank(simple).items()}
    return betweenness(simple, exact_up_to=MAP_EXACT_BETWEENNESS, sources=MAP_EXACT_BETWEENNESS)


def betweenness(simple: nx.Graph, *, exact_up_to: int, sources: int) -> dict[Hashable, float]:
    """Return each node's normalised betweenness: exact up to *exact_up_to* nodes, else from *sources* sampled sources.

    Exact betweenness takes O(nodes × edges), hence the sample on large graphs.

    >>> betweenness(nx.path_graph(3), exact_up_to=10, sources=2)
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    if len(simple) < 3:
        return {node: 0.0 for node in simple}
    k = None if len(simple) <= exact_up_to else sources
    found = nx.betweenness_centrality(simple, k=k, seed=SEED if k else None)
    return {node: float(v) for node, v in found.items()}


def degree_centrality(simple: nx.Graph) -> dict[Hashable, float]:
    """Return each node's degree divided by the number of other nodes (empty below two nodes)."""
    return nx.degree_centrality(simple) if len(simple) > 1 else {}
