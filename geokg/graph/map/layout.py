"""Node positions for maps, computed once in Python.

Positions are precomputed so a large map opens already laid out and the browser can
leave physics off. Small graphs use networkx's spring layout; its pure-Python loop takes
about half a minute at 5,000 nodes, so larger graphs use the same Fruchterman-Reingold
forces with repulsion limited to nearby nodes (found with a k-d tree, as the original
paper suggests for large graphs) and weighted by degree, as ForceAtlas2 does.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import TYPE_CHECKING

import networkx as nx

from ..view.centrality import simple_graph

if TYPE_CHECKING:  # numpy is imported by the layouts that compute, scipy by the large-graph one only
    import numpy as np

#: Graphs up to this many nodes use ``networkx.spring_layout``.
SPRING_LAYOUT_LIMIT = 1000

#: Typical distance between neighbouring nodes of a large map, in canvas pixels.
NODE_SPACING = 45.0

_SEED = 7


def positions(graph: nx.Graph, radii: dict | None = None) -> dict[Hashable, tuple[float, float]]:
    """Return deterministic canvas positions ``{node: (x, y)}`` for every node of *graph*.

    With *radii* (node -> drawn radius), nodes of graphs up to SPRING_LAYOUT_LIMIT are moved
    apart until no two discs overlap.

    >>> positions(nx.Graph())
    {}
    >>> sorted(positions(nx.path_graph(3)))
    [0, 1, 2]
    """
    nodes = sorted(graph, key=str)
    if not nodes:
        return {}
    # Sorted nodes: the same content always gets the same picture, whatever order the store returned it in.
    simple = simple_graph(graph)
    if len(nodes) <= SPRING_LAYOUT_LIMIT:
        return _packed_components(simple, radii or {})
    import numpy as np

    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in simple.edges()], dtype=np.int64)
    coords = _local_force_layout(len(nodes), edges.reshape(-1, 2)) * NODE_SPACING
    return {node: (float(coords[i, 0]), float(coords[i, 1])) for node, i in index.items()}


def components(graph: nx.Graph) -> list[list[Hashable]]:
    """Return the connected components of *graph*, largest first, each as a sorted node list.

    >>> components(nx.Graph([(1, 2), (3, 4), (4, 5)]))
    [[3, 4, 5], [1, 2]]
    """
    parts = [sorted(part, key=str) for part in nx.connected_components(nx.Graph(graph))]
    return sorted(parts, key=lambda part: (-len(part), str(part[0])))


def _packed_components(simple: nx.Graph, radii: dict) -> dict[Hashable, tuple[float, float]]:
    """Return spring layouts of each component: the largest centred, the others in rows beneath it."""
    # Laid out together, small components drift far out and shrink the main one at fit-to-screen.
    parts = components(simple)
    where = _landscape(_apart(_spring(simple.subgraph(parts[0])), radii))
    xs = [x for x, _ in where.values()]
    left, right = min(xs), max(xs)
    width = max(right - left, 400.0)
    cursor_x, row_y, row_height = left, max(y for _, y in where.values()) + 120, 0.0
    for part in parts[1:]:
        laid = _apart(_spring(simple.subgraph(part)), radii)
        px = [x for x, _ in laid.values()]
        py = [y for _, y in laid.values()]
        w, h = max(px) - min(px), max(py) - min(py)
        if cursor_x > left and cursor_x + w > left + width:
            cursor_x, row_y, row_height = left, row_y + row_height + 120, 0.0
        for node, (x, y) in laid.items():
            where[node] = (x - min(px) + cursor_x, y - min(py) + row_y)
        cursor_x += w + 160
        row_height = max(row_height, h)
    return where


def _spring(part: nx.Graph) -> dict[Hashable, tuple[float, float]]:
    """Return a spring layout of one component, its spread growing with its size."""
    if part.number_of_nodes() == 1:
        return {next(iter(part)): (0.0, 0.0)}
    scale = 60 + 90 * math.sqrt(part.number_of_nodes())
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(part, key=str))
    ordered.add_edges_from(sorted(part.edges(), key=str))
    layout = nx.spring_layout(ordered, seed=_SEED, scale=scale)
    return {node: (float(x), float(y)) for node, (x, y) in layout.items()}


def _landscape(where: dict, aspect: float = 1.5) -> dict:
    """Return *where* stretched sideways to at least *aspect* width per height: screens are wide."""
    xs = [x for x, _ in where.values()]
    ys = [y for _, y in where.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    if height <= 0 or width >= aspect * height:
        return where
    stretch = min(aspect * height / max(width, 1.0), 2.0)
    return {node: (x * stretch, y) for node, (x, y) in where.items()}


def _apart(where: dict, radii: dict, gap: float = 12.0, rounds: int = 60) -> dict:
    """Return *where* with overlapping discs pushed apart along the line between their centres."""
    nodes = list(where)
    if len(nodes) < 2 or not radii:
        return where
    import numpy as np

    pos = np.array([where[n] for n in nodes], dtype=float)
    reach = np.array([radii.get(n, 10.0) for n in nodes], dtype=float)
    need = reach[:, None] + reach[None, :] + gap
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta ** 2).sum(axis=2)) + np.eye(len(nodes))
        short = np.maximum(need - dist, 0.0)
        if not short.any():
            break
        # Coincident centres get a fixed direction so the result stays deterministic.
        unit = np.where(dist[:, :, None] > 1e-6, delta / dist[:, :, None], np.array([1.0, 0.0]))
        pos += 0.5 * (unit * short[:, :, None]).sum(axis=1)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, pos)}


def _local_force_layout(n: int, edges: np.ndarray, iterations: int = 80) -> np.ndarray:
    """Return an (n, 2) array of positions whose nearest neighbours are about one unit apart."""
    import numpy as np
    from scipy.spatial import cKDTree  # scipy.spatial takes a tenth of a second: large maps only

    rng = np.random.default_rng(_SEED)
    side = 2 * math.sqrt(n)
    pos = rng.uniform(-side, side, size=(n, 2))
    # ForceAtlas2-style weights: hubs repel more, so dense neighbourhoods spread out even
    # though repulsion only reaches RADIUS; linear attraction keeps long edges from snapping.
    mass = np.bincount(edges.ravel(), minlength=n).astype(float) + 1
    radius = 4.0
    temperature = side / 4
    for step in range(iterations):
        disp = np.zeros_like(pos)
        pairs = cKDTree(pos).query_pairs(radius, output_type="ndarray")
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            dist2 = np.maximum((delta ** 2).sum(axis=1), 1e-6)
            push = delta * (mass[pairs[:, 0]] * mass[pairs[:, 1]] / dist2)[:, None]
            np.add.at(disp, pairs[:, 0], push)
            np.add.at(disp, pairs[:, 1], -push)
        if len(edges):
            pull = pos[edges[:, 0]] - pos[edges[:, 1]]
            np.add.at(disp, edges[:, 0], -pull)
            np.add.at(disp, edges[:, 1], pull)
        disp -= pos * mass[:, None] * (0.02 / side)  # gravity keeps components in view
        length = np.sqrt(np.maximum((disp ** 2).sum(axis=1), 1e-12))
        limit = temperature * (1 - step / iterations) + 0.05
        pos += disp * (np.minimum(length, limit) / length)[:, None]
    pos = _gather_components(pos, edges)
    nearest = cKDTree(pos).query(pos, k=2)[0][:, 1]
    return pos / max(float(np.median(nearest)), 1e-6)


def _gather_components(pos: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Return *pos* with small components moved in to just outside the largest one."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(pos)
    adjacency = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n)) if len(edges) \
        else coo_matrix((n, n))
    count, labels = connected_components(adjacency, directed=False)
    sizes = np.bincount(labels)
    main = labels == int(np.argmax(sizes))
    pos = pos - pos[main].mean(axis=0)
    reach = float(np.sqrt((pos[main] ** 2).sum(axis=1)).max()) + 1.0
    for label in range(count):
        members = labels == label
        if members.all() or main[members].any():
            continue
        centre = pos[members].mean(axis=0)
        distance = float(np.hypot(*centre))
        if distance > reach:
            pos[members] += centre * ((reach + 0.5 * sizes[label] ** 0.5) / distance - 1)
    return pos
