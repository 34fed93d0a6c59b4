"""What a map draws, as comparable data: the selections the before/after projection test records, and their snapshot."""

from __future__ import annotations

from typing import Any

#: name -> keyword arguments of ``Selection``: the default map, a focused map and period filters.
SELECTIONS: dict[str, dict[str, Any]] = {
    "default": {},
    "focus-belarus-depth-2": {"focus": "Belarus", "depth": 2},
    "period": {"since": "2024-03", "until": "2024-07-10"},
    "focus-belarus-depth-2-since-2024": {"focus": "Belarus", "depth": 2, "since": "2024"},
    "relation-cooperation-type-state": {"relations": ("cooperatesWith",), "types": ("state",)},
    "min-support-2": {"min_support": 2},
    "focus-qid-depth-1-types": {"focus": "Q184", "depth": 1, "types": ("state", "organisation")},
    "focus-arabic-depth-2-relations": {"focus": "بيلاروسيا", "depth": 2, "relations": ("memberOf", "cooperatesWith")},
    "focus-depth-3-min-support-2": {"focus": "Belarus", "depth": 3, "min_support": 2},
}


def snapshot(graph) -> dict[str, list]:
    """Return the nodes and edges of a drawn graph as sorted JSON-ready lists, evidence texts as sorted sets."""
    nodes = [[node, data.get("type"), data.get("qid"), [list(item) for item in sorted((data.get("labels") or {}).items())], data.get("degree")]
             for node, data in graph.nodes(data=True)]
    edges = [[u, key, v, data["support"], data["first"], data["last"], sorted(data["modalities"]), data["planned"],
              sorted({e["text"] for e in data["evidence"]})]
             for u, v, key, data in graph.edges(keys=True, data=True)]
    return {"nodes": sorted(nodes), "edges": sorted(edges)}
