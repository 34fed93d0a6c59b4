"""Render an entity graph (see ``project``) as one standalone, offline HTML page.

pyvis builds the vis-network node and edge items; the page shell is ours (``page.py``)
with every asset inlined, so it makes no network request. All article-derived text
reaches the page as JSON in a data block, and the page turns it into DOM text nodes,
never into markup.
"""

from __future__ import annotations

import html
import math
import re
from collections import defaultdict

import networkx as nx
from pyvis.network import Network

from ...model import CLASS_COLOURS
from ...ontology import relation_family as ontology_family, relation_label as ontology_label
from ..view.text import shown_evidence
from .geo import DEGREE, geo_positions, world
from .layout import components, positions
from .page import RTL_LANGUAGES, notice_text, page, ui_strings
from ..view.centrality import MEASURES, scores
from ..view.project import SYMMETRIC_RELATIONS

#: Relation family -> edge colour; "other" is for relations the ontology does not know.
FAMILY_COLOURS: dict[str, str] = {
    "cooperation": "#2e7d32", "conflict": "#c62828", "membership": "#1565c0",
    "office": "#6a1b9a", "diplomacy": "#ef6c00", "other": "#8d8d8d",
}
OTHER_COLOUR = "#cfcfcf"
#: Above this many nodes edges are drawn straight and hidden while dragging or zooming.
PHYSICS_NODE_LIMIT = 300
#: On-screen label size in pixels, least and most important entity (labels keep this size at any zoom).
LABEL_PX = (11, 17)
_LANG_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def relation_family(relation: str) -> str:
    """Return the ontology's family of a relation, or "other" for a relation it does not know.

    >>> relation_family("sanctions"), relation_family("tradesWith"), relation_family("x")
    ('conflict', 'cooperation', 'other')
    """
    try:
        return ontology_family(relation)
    except KeyError:
        return "other"


def relation_label(relation: str, lang: str) -> str:
    """Return the ontology's label of a relation in *lang*, or the name split into words.

    >>> relation_label("memberOf", "ar"), relation_label("madeUpRelation", "en")
    ('عضو في', 'made up relation')
    """
    try:
        return ontology_label(relation, lang)
    except KeyError:
        return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", relation).lower()


#: Page layouts: the relation network, or entities at their place on a world map.
LAYOUTS = ("network", "geo")


def render_map(graph: nx.MultiDiGraph, *, lang: str = "en", title: str = "geokg map",
               size_by: str = "degree", notices: list[dict] | None = None, layout: str = "network") -> str:
    """Return a complete standalone HTML page drawing *graph*; it loads nothing from the network.

    Args:
        graph: A projection from ``geokg.graph.view.project.project``; it is not modified.
        lang: Language of node labels and page chrome (BCP 47 tag, e.g. "en" or "ar").
        title: Page title, shown as text.
        size_by: Node size measure, one of ``geokg.graph.view.centrality.MEASURES``.
        notices: Notices from ``geokg.graph.view.select.select`` to show above the map.
        layout: The view the page opens with, "network" or "geo" (the page can switch).

    Raises:
        ValueError: If *lang* is not a language tag, or *size_by* or *layout* is unknown.

    >>> render_map(nx.MultiDiGraph()).startswith("<!DOCTYPE html>")
    True
    """
    if not _LANG_TAG.fullmatch(lang):
        raise ValueError(f"not a language tag: {lang!r} (expected e.g. 'en' or 'ar')")
    if size_by not in MEASURES:
        raise ValueError(f"unknown size measure {size_by!r} (known: {', '.join(MEASURES)})")
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r} (known: {', '.join(LAYOUTS)})")
    code = lang.split("-")[0].lower()
    direction = "rtl" if code in RTL_LANGUAGES else "ltr"
    ui = ui_strings(code)
    # Positions come from layout.py, so the page opens laid out and still; physics is the user's to start.
    physics = False
    payload = _payload(graph, code, direction, ui, size_by, physics, layout)
    texts = [notice_text(n, ui) for n in notices or ()]
    if layout == "geo" and payload["world"] is None and graph.number_of_nodes():
        texts.append(ui["noGeo"])
    if graph.number_of_nodes() == 0:
        texts.append(ui["empty"])
    return page(lang=lang, direction=direction, title=title, ui=ui, payload=payload,
                legend=_legend(graph, ui), notices=texts, physics=physics)


def _payload(graph: nx.MultiDiGraph, code: str, direction: str, ui: dict, size_by: str,
             physics: bool, layout: str = "network") -> dict:
    """Return the page data: vis-network items (built with pyvis) plus card details."""
    # Entities with no drawn relation are listed beside the map, not scattered round it as dots.
    isolated = {n for n in graph if graph.degree(n) == 0} if graph.number_of_edges() else set()
    drawn = graph.subgraph([n for n in graph if n not in isolated])
    score = scores(graph, size_by)
    size = _sizes(score)
    # pyvis only assembles item dicts here; it never renders, shows or writes anything.
    net = Network(directed=True)
    node_info = _add_nodes(net, graph, isolated, positions(drawn, size), size, score, code, ui)
    edge_info = _add_edges(net, graph, code, ui)
    geo = geo_positions(drawn, size)
    for node, (x, y) in geo.items():
        node_info[str(node)]["geo"] = [round(x, 1), round(y, 1)]
    return {
        "lang": code, "dir": direction, "ui": ui,
        "nodes": net.nodes, "edges": net.edges,
        "nodeInfo": node_info, "edgeInfo": edge_info,
        "isolated": sorted((str(n) for n in isolated), key=lambda n: (node_info[n]["label"].casefold(), n)),
        "main": [str(n) for n in components(drawn)[0]] if drawn.number_of_nodes() else [],
        "layout": layout if geo else "network",
        "world": {"degree": DEGREE, "shapes": world()["shapes"]} if geo else None,
        "options": _options(physics, graph.number_of_nodes()),
    }


def _add_nodes(net: Network, graph: nx.MultiDiGraph, isolated: set, where: dict, size: dict,
               score: dict, code: str, ui: dict) -> dict[str, dict]:
    """Add a vis-network item per drawn node to *net*; return the card details of every node."""
    label_px = _label_sizes(score)
    node_info: dict[str, dict] = {}
    for node in sorted(graph, key=str):
        data = graph.nodes[node]
        node_id, labels, kind = str(node), dict(data.get("labels") or {}), data.get("type") or ""
        label = _pick_label(labels, code, node_id)
        if node not in isolated:
            x, y = where[node]
            net.add_node(node_id, label=label, color=CLASS_COLOURS.get(kind, OTHER_COLOUR),
                         size=size[node], x=round(x, 1), y=round(y, 1))
        node_info[node_id] = {
            "iri": node_id, "label": label, "labels": labels, "type": kind,
            "typeLabel": ui["classes"].get(kind, kind), "qid": data.get("qid"),
            "degree": graph.degree(node), "score": round(score.get(node, 0.0), 6),
            "labelPx": label_px[node],
        }
    return node_info


def _add_edges(net: Network, graph: nx.MultiDiGraph, code: str, ui: dict) -> dict[str, dict]:
    """Add a vis-network item per edge to *net*; return the card details of every edge."""
    edge_info: dict[str, dict] = {}
    edges = sorted(graph.edges(keys=True, data=True),
                   key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    curves = _curves((str(u), str(v)) for u, v, _, _ in edges)
    for index, (subject, obj, key, data) in enumerate(edges):
        edge_id = f"e{index}"
        relation = data.get("relation") or str(key)
        family = relation_family(relation)
        symmetric = data.get("symmetric", relation in SYMMETRIC_RELATIONS)
        support = max(1, int(data.get("support", 1)))
        colour = FAMILY_COLOURS[family]
        options = {
            "id": edge_id,
            "color": {"color": colour, "highlight": colour, "hover": colour, "inherit": False},
            "width": round(min(10.0, 1 + 2 * math.log2(support)), 2),
            "dashes": bool(data.get("planned", False)),
            "arrows": {"to": {"enabled": not symmetric, "scaleFactor": 0.6}},
        }
        if curves[index] is not None:
            options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": curves[index]}
        net.add_edge(str(subject), str(obj), **options)
        edge_info[edge_id] = {
            "from": str(subject), "to": str(obj), "relation": relation,
            "label": relation_label(relation, code), "family": family,
            "familyLabel": ui["families"][family], "symmetric": symmetric,
            "planned": bool(data.get("planned", False)), "support": support,
            "modalities": sorted(data.get("modalities") or ()),
            "first": data.get("first") or "", "last": data.get("last") or "",
            "evidence": [shown_evidence(item) for item in data.get("evidence") or ()],
        }
    return edge_info


def _sizes(score: dict) -> dict:
    """Return a node radius per node: 10 to 60 pixels, growing with the square root of its score."""
    top = max(score.values(), default=0.0)
    return {node: round(10 + (50 * math.sqrt(value / top) if top > 0 else 0.0), 1)
            for node, value in score.items()}


def _label_sizes(score: dict) -> dict:
    """Return an on-screen label size per node, from LABEL_PX[0] to LABEL_PX[1] pixels by importance."""
    top = max(score.values(), default=0.0)
    low, high = LABEL_PX
    return {node: round(low + ((high - low) * math.sqrt(value / top) if top > 0 else 0.0), 1)
            for node, value in score.items()}


def _options(physics: bool, size: int) -> dict:
    large = size > PHYSICS_NODE_LIMIT
    return {
        "physics": {
            "enabled": physics, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 150, "avoidOverlap": 0.2},
            "stabilization": {"enabled": False},  # laid out already
        },
        "layout": {"improvedLayout": False},  # positions are precomputed
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large},
        "nodes": {"shape": "dot", "borderWidth": 1,
                  "font": {"size": 14, "face": "system-ui, DejaVu Sans, sans-serif",
                           "strokeWidth": 3, "strokeColor": "#ffffff"}},
        # Curved edges cost a Bezier per edge per frame; large maps draw straight ones.
        "edges": {"smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.2}},
    }


def _curves(pairs) -> list[float | None]:
    """Return a curve roundness per edge so parallel edges between two nodes stay apart."""
    pairs = list(pairs)
    by_pair: dict[frozenset, list[int]] = defaultdict(list)
    for index, (u, v) in enumerate(pairs):
        by_pair[frozenset((u, v))].append(index)
    curves: list[float | None] = [None] * len(pairs)
    for indices in by_pair.values():
        if len(indices) > 1:
            for rank, index in enumerate(indices):
                curves[index] = round(0.15 + 0.2 * rank, 2)
    return curves


def _pick_label(labels: dict[str, str], code: str, node_id: str) -> str:
    for lang in (code, "en"):
        if labels.get(lang):
            return labels[lang]
    if labels:
        return labels[sorted(labels)[0]]
    return re.split(r"[/#]", node_id.rstrip("/#"))[-1] or node_id


def _legend(graph: nx.MultiDiGraph, ui: dict) -> str:
    """Return the legend markup; each entry is a checkbox the page uses as a filter."""
    esc = html.escape
    kinds = {data.get("type") or "" for _, data in graph.nodes(data=True)}
    ordered = [k for k in CLASS_COLOURS if k in kinds] + sorted(kinds - set(CLASS_COLOURS))
    families = {relation_family(d.get("relation") or str(k))
                for _, _, k, d in graph.edges(keys=True, data=True)}
    rows = [f'<section class="legend" id="legend"><h2>{esc(ui["types"])}</h2><ul>']
    for kind in ordered:
        colour = CLASS_COLOURS.get(kind, OTHER_COLOUR)
        rows.append(f'<li><label><input type="checkbox" data-filter="type" value="{esc(kind)}" checked>'
                    f'<span class="dot" style="background:{colour}"></span>'
                    f'{esc(ui["classes"].get(kind, kind) or "?")}</label></li>')
    rows.append(f'</ul><h2>{esc(ui["relations"])}</h2><ul>')
    for family in (f for f in FAMILY_COLOURS if f in families):
        rows.append(f'<li><label><input type="checkbox" data-filter="family" value="{family}" checked>'
                    f'<span class="line" style="background:{FAMILY_COLOURS[family]}"></span>'
                    f'{esc(ui["families"][family])}</label></li>')
    rows.append(f'<li class="note">{esc(ui["dashed"])}</li><li class="note">{esc(ui["arrow"])}</li>'
                f'<li class="note">{esc(ui["width"])}</li></ul></section>')
    return "".join(rows)
