"""Graph analytics over the entity projection: centrality, communities, paths, change over time.

Everything here reads ``project(...)`` (the aggregated facts: one edge per subject,
relation and object with its support and first/last article dates), the same projection
maps draw, and returns JSON-ready dicts.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

import networkx as nx

from ...errors import AnalysisError
from ...ontology import relation_family
from .centrality import betweenness, degree_centrality
from .project import node_label, project
from .edges import add_evidence
from .resolve import resolve_entity, text_selector
from .select import relation_closure
from ..store import Store

#: Above this many entities betweenness is estimated from a fixed sample of sources.
EXACT_BETWEENNESS_LIMIT = 2000

_DATE = r"[0-9]{4}(?:-[01][0-9](?:-[0-3][0-9])?)?"
_WINDOW = re.compile(rf"(?P<since>{_DATE})?(?:(?P<range>\.\.)(?P<until>{_DATE})?)?")


def parse_window(text: str) -> tuple[str | None, str | None]:
    """Return ``(since, until)`` for a date window: ``2024``, ``2023-01..2023-06``, ``..2023`` or ``2024..``.

    A single date means that whole period (``2024`` is 2024-01-01 to 2024-12-31).

    >>> parse_window("2024"), parse_window("2023-01..2023-06"), parse_window("..2023")
    (('2024', '2024'), ('2023-01', '2023-06'), (None, '2023'))

    Raises:
        AnalysisError: If *text* is not such a window.
    """
    match = _WINDOW.fullmatch(text.strip())
    if match is None or not (match["since"] or match["until"]):
        raise AnalysisError(f"{text!r} is not a date window: use YYYY[-MM[-DD]], START..END, ..END or START..")
    if not match["range"]:
        return match["since"], match["since"]
    return match["since"], match["until"]


def analyze(
    store: Store,
    *,
    top: int = 10,
    path: tuple[str, str] | None = None,
    change: tuple[str, str] | None = None,
    relations: Collection[str] = (),
    since: str | None = None,
    until: str | None = None,
    min_support: int = 1,
    gazetteer=None,
) -> dict[str, Any]:
    """Return centrality rankings, communities and, when asked, a path and the change between two windows.

    Args:
        store: The store to read.
        top: How many entities to list per ranking.
        path: Two entities (name in any language, IRI or QID) to join by the shortest relation path.
        change: Two date windows (see ``parse_window``): edges present only in the second are
            ``new``, edges present only in the first are ``vanished``.
        relations: Only these relations (sub-properties included).
        since: Only statements from articles issued on or after this ISO date.
        until: Only statements from articles issued on or before this ISO date.
        min_support: Only edges asserted by at least this many articles.
        gazetteer: Names for entity lookup beyond the store's labels (default: the packaged one).

    Raises:
        AnalysisError: If an option is malformed or the two path entities are not connected.
        EntityNotFound: If a path entity is not in the store.
    """
    if top < 1 or min_support < 1:
        raise AnalysisError("--top and --min-support must be 1 or more")
    chosen = relation_closure(relations) if relations else None
    select = text_selector(store)
    graph = _supported(project(select, since=since, until=until, relations=chosen, evidence=False), min_support)
    simple = undirected(graph)
    result: dict[str, Any] = {
        "entities": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "degree": _ranking(graph, degree_centrality(simple), top),
        "betweenness": _ranking(graph, betweenness(simple, exact_up_to=EXACT_BETWEENNESS_LIMIT,
                                                   sources=EXACT_BETWEENNESS_LIMIT // 4), top),
        "communities": communities(graph, simple),
    }
    if path is not None:
        nodes = {n: d for n, d in graph.nodes(data=True)}
        ends = [resolve_entity(store, name, nodes=nodes, gazetteer=gazetteer) for name in path]
        if nx.has_path(simple, *ends):  # the path's hops quote evidence: read it for them only
            add_evidence(select, graph.subgraph(nx.shortest_path(simple, *ends)))
        result["path"] = relation_path(graph, simple, *ends)
    if change is not None:
        windows = [parse_window(w) for w in change]
        graphs = [_supported(project(select, since=s, until=u, relations=chosen, evidence=False), min_support)
                  for s, u in windows]
        result["change"] = edge_change(*graphs, windows=change)
    return result


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """Return a simple undirected copy of *graph* whose edge ``weight`` sums the support of the edges it merges."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    for u, v, support in graph.edges(data="support", default=1):
        if u == v:
            continue
        weight = simple.edges[u, v]["weight"] if simple.has_edge(u, v) else 0
        simple.add_edge(u, v, weight=weight + support)
    return simple


def communities(graph: nx.MultiDiGraph, simple: nx.Graph) -> list[dict[str, Any]]:
    """Return Louvain communities of entities linked by any relation (weighted by support), largest first.

    Isolated entities are left out; the seed and the order of nodes are fixed, so the same facts give
    the same answer however the store returns them.
    """
    # Louvain visits nodes and edges in insertion order, which follows the store's row order:
    # rebuild the graph in sorted order so that the same facts give the same communities.
    linked = nx.Graph()
    linked.add_nodes_from(sorted(n for n in simple if simple.degree(n) > 0))
    linked.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in simple.edges(data=True)))
    if linked.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(linked, weight="weight", seed=7)
    ordered = sorted((sorted(c, key=lambda n: (-graph.degree(n), node_label(graph, n))) for c in found),
                     key=lambda c: (-len(c), node_label(graph, c[0])))
    return [{"id": i + 1, "size": len(members), "members": [_entity(graph, n) for n in members]}
            for i, members in enumerate(ordered)]


def relation_path(graph: nx.MultiDiGraph, simple: nx.Graph, source: str, target: str) -> list[dict[str, Any]]:
    """Return the hops of a shortest relation path from *source* to *target*, relations read in either direction.

    Each hop is ``{"from", "to", "relation", "direction", "support", "first", "last", "evidence"}``;
    ``direction`` is ``forward`` when the stored edge points from ``from`` to ``to``.

    Raises:
        AnalysisError: If no path joins them.
    """
    try:
        nodes = nx.shortest_path(simple, source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        raise AnalysisError(
            f"no relation path between {node_label(graph, source)} and {node_label(graph, target)}"
        ) from None
    hops = []
    for u, v in zip(nodes, nodes[1:]):
        options = [(d, "forward") for d in (graph.get_edge_data(u, v) or {}).values()]
        options += [(d, "backward") for d in (graph.get_edge_data(v, u) or {}).values()]
        data, direction = max(options, key=lambda o: (o[0].get("support", 1), o[1] == "forward", o[0]["relation"]))
        if data.get("symmetric"):
            direction = "both"
        evidence = (data.get("evidence") or [{}])[0]
        hops.append({"from": _entity(graph, u), "to": _entity(graph, v), "relation": data["relation"],
                     "direction": direction, "support": data.get("support", 1),
                     "first": data.get("first", ""), "last": data.get("last", ""),
                     "evidence": evidence.get("text", "")})
    return hops


def edge_change(old: nx.MultiDiGraph, new: nx.MultiDiGraph, *, windows: tuple[str, str]) -> dict[str, Any]:
    """Return the edges only in *new* (``new``) and only in *old* (``vanished``), with both windows."""

    def edges(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict]:
        return {(u, k, v): d for u, v, k, d in graph.edges(keys=True, data=True)}

    before, after = edges(old), edges(new)

    def listed(keys, graph: nx.MultiDiGraph, data: Mapping) -> list[dict[str, Any]]:
        return [{"subject": _entity(graph, s), "relation": r, "object": _entity(graph, o),
                 "family": relation_family(r), "support": data[(s, r, o)].get("support", 1),
                 "first": data[(s, r, o)].get("first", ""), "last": data[(s, r, o)].get("last", "")}
                for s, r, o in sorted(keys, key=lambda k: (k[1], node_label(graph, k[0]), node_label(graph, k[2])))]

    return {"old": windows[0], "new": windows[1],
            "new_edges": listed(after.keys() - before.keys(), new, after),
            "vanished_edges": listed(before.keys() - after.keys(), old, before)}


def _supported(graph: nx.MultiDiGraph, min_support: int) -> nx.MultiDiGraph:
    if min_support > 1:
        graph.remove_edges_from([(u, v, k) for u, v, k, s in graph.edges(keys=True, data="support", default=1)
                                 if s < min_support])
    return graph


def _ranking(graph: nx.MultiDiGraph, scores: Mapping[str, float], top: int) -> list[dict[str, Any]]:
    ranked = sorted(scores, key=lambda n: (-scores[n], node_label(graph, n), n))[:top]
    return [{**_entity(graph, n), "score": round(scores[n], 4), "degree": graph.degree(n)} for n in ranked]


def _entity(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    data = graph.nodes[node]
    return {"iri": node, "label": node_label(graph, node), "type": data.get("type", "Entity"), "qid": data.get("qid")}


def format_analysis(result: Mapping[str, Any]) -> str:
    """Return *result* (from ``analyze``) as plain-text tables."""
    lines = [f"{result['entities']} entities, {result['edges']} relation edges"]
    for key, title in (("degree", "degree centrality"), ("betweenness", "betweenness centrality")):
        lines.append(f"\n{title}")
        lines += [f"  {row['score']:<8.4f} {row['label']}  ({row['type']}, degree {row['degree']})"
                  for row in result[key]]
    lines.append(f"\ncommunities ({len(result['communities'])})")
    for com in result["communities"]:
        names = ", ".join(m["label"] for m in com["members"][:12])
        more = f", … (+{com['size'] - 12})" if com["size"] > 12 else ""
        lines.append(f"  {com['id']:>3}. [{com['size']}] {names}{more}")
    if "path" in result:
        hops = result["path"]
        lines.append(f"\npath ({len(hops)} hop{'s' if len(hops) != 1 else ''})")
        arrows = {"forward": ("-", "->"), "backward": ("<-", "-"), "both": ("<-", "->")}
        for hop in hops:
            left, right = arrows[hop["direction"]]
            lines.append(f"  {hop['from']['label']} {left}{hop['relation']}{right} {hop['to']['label']}"
                         f"  [{hop['support']} article(s)]")
    if "change" in result:
        change = result["change"]
        for key, title in (("new_edges", "new"), ("vanished_edges", "vanished")):
            rows = change[key]
            lines.append(f"\n{title} in {change['new'] if key == 'new_edges' else change['old']} "
                         f"vs {change['old'] if key == 'new_edges' else change['new']} ({len(rows)})")
            lines += [f"  {e['subject']['label']} {e['relation']} {e['object']['label']}  [{e['support']} article(s)]"
                      for e in rows]
    return "\n".join(lines) + "\n"
