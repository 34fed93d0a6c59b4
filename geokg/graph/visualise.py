"""Render an entity graph (see ``project``) as one standalone, offline HTML page.

pyvis builds the vis-network node and edge items; the page itself is our own template,
with vis-network inlined from the pyvis package, so it makes no network request. All
article-derived text reaches the page as JSON in a data block, and the page turns it
into DOM text nodes, never into markup.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import defaultdict
from functools import lru_cache
from importlib.resources import files

import networkx as nx
from pyvis.network import Network

from .project import SYMMETRIC_RELATIONS

#: Relation local name -> family; relations not listed belong to "cooperation".
RELATION_FAMILIES: dict[str, str] = {
    "memberOf": "membership", "partOf": "membership",
    "leaderOf": "office", "ministerOf": "office", "ambassadorTo": "office",
    "sanctions": "conflict", "opposes": "conflict", "attacks": "conflict",
    "atWarWith": "conflict", "condemns": "conflict", "accuses": "conflict",
    "visits": "diplomacy", "meetsWith": "diplomacy", "negotiatesWith": "diplomacy",
    "recognises": "diplomacy",
}
FAMILY_COLOURS: dict[str, str] = {
    "cooperation": "#2e7d32", "conflict": "#c62828", "membership": "#1565c0",
    "office": "#6a1b9a", "diplomacy": "#ef6c00",
}
CLASS_COLOURS: dict[str, str] = {
    "State": "#4e79a7", "InternationalOrganisation": "#f28e2b", "Organisation": "#edc948",
    "ArmedGroup": "#e15759", "PoliticalParty": "#b07aa1", "Person": "#59a14f",
    "Initiative": "#76b7b2", "Agreement": "#9c755f", "Place": "#bab0ac", "City": "#8d8d8d",
}
OTHER_COLOUR = "#cfcfcf"
#: Above this many nodes the page opens with physics off (positions come from networkx).
PHYSICS_NODE_LIMIT = 300
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "sd", "ug"})

_UI: dict[str, dict] = {
    "en": {
        "search": "Find an entity…", "find": "Find", "notFound": "No entity matches",
        "physics": "Physics", "types": "Entity types", "relations": "Relations",
        "dashed": "dashed: planned", "arrow": "arrow: directed relation",
        "type": "Type", "wikidata": "Wikidata", "support": "Articles",
        "modality": "Modality", "evidence": "Evidence", "close": "Close",
        "modalities": {"asserted": "asserted", "planned": "planned",
                       "negated": "negated", "reported": "reported"},
        "classes": {"State": "State", "InternationalOrganisation": "International organisation",
                    "Organisation": "Organisation", "ArmedGroup": "Armed group",
                    "PoliticalParty": "Political party", "Person": "Person",
                    "Initiative": "Initiative", "Agreement": "Agreement",
                    "Place": "Place", "City": "City"},
        "families": {"cooperation": "cooperation", "conflict": "conflict",
                     "membership": "membership", "office": "office", "diplomacy": "diplomacy"},
    },
    "ar": {
        "search": "ابحث عن كيان…", "find": "بحث", "notFound": "لا يوجد كيان مطابق",
        "physics": "المحاكاة الفيزيائية", "types": "أنواع الكيانات", "relations": "العلاقات",
        "dashed": "خط متقطع: مخطط له", "arrow": "سهم: علاقة ذات اتجاه",
        "type": "النوع", "wikidata": "ويكي بيانات", "support": "عدد المقالات",
        "modality": "الصيغة", "evidence": "الأدلة", "close": "إغلاق",
        "modalities": {"asserted": "مؤكد", "planned": "مخطط له",
                       "negated": "منفي", "reported": "منقول"},
        "classes": {"State": "دولة", "InternationalOrganisation": "منظمة دولية",
                    "Organisation": "منظمة", "ArmedGroup": "جماعة مسلحة",
                    "PoliticalParty": "حزب سياسي", "Person": "شخص",
                    "Initiative": "مبادرة", "Agreement": "اتفاقية",
                    "Place": "مكان", "City": "مدينة"},
        "families": {"cooperation": "تعاون", "conflict": "صراع", "membership": "عضوية",
                     "office": "منصب", "diplomacy": "دبلوماسية"},
    },
}
_LANG_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_VIS_DIR = ("lib", "vis-9.1.2")


def relation_family(relation: str) -> str:
    """Return the family (cooperation, conflict, membership, office, diplomacy) of a relation.

    >>> relation_family("sanctions"), relation_family("tradesWith")
    ('conflict', 'cooperation')
    """
    return RELATION_FAMILIES.get(relation, "cooperation")


def render_map(graph: nx.MultiDiGraph, *, lang: str = "en", title: str = "geokg map") -> str:
    """Return a complete standalone HTML page drawing *graph*; it loads nothing from the network.

    Args:
        graph: A projection from ``geokg.graph.project.project``; it is not modified.
        lang: Language of node labels and page chrome (BCP 47 tag, e.g. "en" or "ar").
        title: Page title, shown as text.

    Raises:
        ValueError: If *lang* is not a language tag.

    >>> render_map(nx.MultiDiGraph()).startswith("<!DOCTYPE html>")
    True
    """
    if not _LANG_TAG.fullmatch(lang):
        raise ValueError(f"not a language tag: {lang!r} (expected e.g. 'en' or 'ar')")
    code = lang.split("-")[0].lower()
    direction = "rtl" if code in RTL_LANGUAGES else "ltr"
    ui = _UI.get(code, _UI["en"])
    payload = _payload(graph, code, direction, ui)
    scripts = [_vis_asset("vis-network.min.js"), _APP_JS]
    csp = "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(_csp_hash(script) for script in scripts),
        "style-src 'unsafe-inline'", "img-src data:", "base-uri 'none'", "form-action 'none'",
    ])
    checked = " checked" if payload["options"]["physics"]["enabled"] else ""
    esc = html.escape
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}" dir="{direction}">\n<head>\n'
        f'<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{esc(title)}</title>\n'
        f'<style>{_vis_asset("vis-network.css")}</style>\n<style>{_PAGE_CSS}</style>\n'
        f'</head>\n<body>\n<header class="bar">\n<h1 dir="auto">{esc(title)}</h1>\n'
        f'<form id="search" role="search">'
        f'<input id="search-input" type="search" list="entity-names" dir="auto" '
        f'autocomplete="off" placeholder="{esc(ui["search"])}" aria-label="{esc(ui["search"])}">'
        f'<button type="submit">{esc(ui["find"])}</button>'
        f'<span id="search-status" role="status"></span></form>\n'
        f'<datalist id="entity-names"></datalist>\n'
        f'<label class="toggle"><input id="physics" type="checkbox"{checked}> '
        f'{esc(ui["physics"])}</label>\n</header>\n<main>\n'
        f'<div id="map" dir="ltr"></div>\n'
        f'<aside id="details" hidden><button id="details-close" type="button" '
        f'aria-label="{esc(ui["close"])}">×</button><div id="details-body"></div></aside>\n'
        f'{_legend(graph, ui)}\n</main>\n'
        f'<script type="application/json" id="geokg-data">{_script_json(payload)}</script>\n'
        + "".join(f"<script>{script}</script>\n" for script in scripts)
        + "</body>\n</html>\n"
    )


def _payload(graph: nx.MultiDiGraph, code: str, direction: str, ui: dict) -> dict:
    """Return the page data: vis-network items (built with pyvis) plus card details."""
    physics = graph.number_of_nodes() <= PHYSICS_NODE_LIMIT
    positions = _positions(graph)
    # pyvis only assembles item dicts here; it never renders, shows or writes anything.
    net = Network(directed=True)
    node_info: dict[str, dict] = {}
    for node in sorted(graph, key=str):
        data = graph.nodes[node]
        node_id, labels, kind = str(node), dict(data.get("labels") or {}), data.get("type") or ""
        degree = data.get("degree", graph.degree(node))
        label = _pick_label(labels, code, node_id)
        x, y = positions[node]
        net.add_node(node_id, label=label, color=CLASS_COLOURS.get(kind, OTHER_COLOUR),
                     size=round(min(60.0, 10 + 6 * math.sqrt(degree)), 1),
                     x=round(x, 1), y=round(y, 1))
        node_info[node_id] = {
            "iri": node_id, "label": label, "labels": labels, "type": kind,
            "typeLabel": ui["classes"].get(kind, kind), "qid": data.get("qid"),
            "degree": degree,
        }
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
            "label": _humanise(relation), "family": family,
            "familyLabel": ui["families"][family], "symmetric": symmetric,
            "planned": bool(data.get("planned", False)), "support": support,
            "modalities": sorted(data.get("modalities") or ()),
            "evidence": list(data.get("evidence") or ()),
        }
    return {
        "lang": code, "dir": direction, "ui": ui,
        "nodes": net.nodes, "edges": net.edges,
        "nodeInfo": node_info, "edgeInfo": edge_info,
        "options": _options(physics, graph.number_of_nodes()),
    }


def _options(physics: bool, size: int) -> dict:
    return {
        "physics": {
            "enabled": physics, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 150, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 150},
        },
        "interaction": {"hover": True, "tooltipDelay": 150,
                        "hideEdgesOnDrag": size > PHYSICS_NODE_LIMIT},
        "nodes": {"shape": "dot", "borderWidth": 1,
                  "font": {"size": 14, "face": "system-ui, sans-serif",
                           "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": {"enabled": True, "type": "continuous", "roundness": 0.2}},
    }


def _positions(graph: nx.MultiDiGraph) -> dict:
    """Return fixed-seed spring-layout positions, scaled to the vis-network canvas."""
    if graph.number_of_nodes() == 0:
        return {}
    # Lay out an undirected simple copy with sorted nodes, so the same content always
    # gets the same picture whatever order the store returned it in.
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph, key=str))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    scale = 100 + 90 * math.sqrt(graph.number_of_nodes())
    layout = nx.spring_layout(simple, seed=7, scale=scale)
    return {node: (float(x), float(y)) for node, (x, y) in layout.items()}


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


def _humanise(relation: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", relation).lower()


def _legend(graph: nx.MultiDiGraph, ui: dict) -> str:
    esc = html.escape
    kinds = {data.get("type") or "" for _, data in graph.nodes(data=True)}
    ordered = [k for k in CLASS_COLOURS if k in kinds] + sorted(kinds - set(CLASS_COLOURS))
    families = {relation_family(d.get("relation") or str(k))
                for _, _, k, d in graph.edges(keys=True, data=True)}
    rows = [f'<section class="legend"><h2>{esc(ui["types"])}</h2><ul>']
    for kind in ordered:
        colour = CLASS_COLOURS.get(kind, OTHER_COLOUR)
        rows.append(f'<li><span class="dot" style="background:{colour}"></span>'
                    f'{esc(ui["classes"].get(kind, kind) or "?")}</li>')
    rows.append(f'</ul><h2>{esc(ui["relations"])}</h2><ul>')
    for family in (f for f in FAMILY_COLOURS if f in families):
        rows.append(f'<li><span class="line" style="background:{FAMILY_COLOURS[family]}"></span>'
                    f'{esc(ui["families"][family])}</li>')
    rows.append(f'<li class="note">{esc(ui["dashed"])}</li>'
                f'<li class="note">{esc(ui["arrow"])}</li></ul></section>')
    return "".join(rows)


def _script_json(value: object) -> str:
    """Return JSON that cannot end or alter the <script> block it is embedded in."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


@lru_cache(maxsize=None)
def _vis_asset(name: str) -> str:
    """Return a vis-network file shipped in the pyvis package, ready to inline."""
    text = files("pyvis").joinpath(*_VIS_DIR, name).read_text(encoding="utf-8")
    # HTML parsing turns CR LF into LF before the CSP hash is checked, so do it first;
    # drop the source-map comment, which would make developer tools fetch a file.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\n?//# sourceMappingURL=\S*\s*$", "\n", text)
    closing = "</script" if name.endswith(".js") else "</style"
    if closing in text.lower() or "<!--" in text:
        raise RuntimeError(f"pyvis {name} contains {closing!r} or '<!--' and cannot be inlined")
    return text


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


_PAGE_CSS = """
html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; color: #222; }
body { display: flex; flex-direction: column; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem;
       padding: .4rem .8rem; border-bottom: 1px solid #ddd; background: #fafafa; }
.bar h1 { font-size: 1.1rem; margin: 0; }
#search { display: flex; gap: .3rem; align-items: center; }
#search-status { color: #a33; font-size: .85rem; }
main { position: relative; flex: 1; min-height: 0; }
#map { position: absolute; inset: 0; }
#details { position: absolute; top: .5rem; inset-inline-end: .5rem; width: min(26rem, 90%);
           max-height: calc(100% - 1rem); overflow: auto; background: #fff;
           border: 1px solid #ccc; border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.15); }
#details-close { float: inline-end; border: 0; background: none; font-size: 1.2rem;
                 cursor: pointer; }
.legend { position: absolute; bottom: .5rem; inset-inline-start: .5rem;
          background: rgba(255,255,255,.92);
          border: 1px solid #ddd; border-radius: 4px; padding: .3rem .6rem; font-size: .8rem; }
.legend h2 { font-size: .8rem; margin: .3rem 0 .1rem; }
.legend ul { list-style: none; margin: 0; padding: 0; }
.legend .dot { display: inline-block; width: .8em; height: .8em; border-radius: 50%;
               margin-inline-end: .4em; }
.legend .line { display: inline-block; width: 1.6em; height: 3px; vertical-align: middle;
                margin-inline-end: .4em; }
.legend .note { color: #666; }
.card { white-space: normal; max-width: 26rem; font-family: system-ui, sans-serif;
        font-size: .85rem; padding: .2rem .4rem; }
.card h2 { font-size: 1rem; margin: .1rem 0 .3rem; }
.card ul.labels { list-style: none; padding: 0; margin: 0 0 .3rem; }
.card .lang { display: inline-block; min-width: 2em; color: #666; font-size: .75rem; }
.card .key { color: #666; }
.card .iri { color: #888; font-size: .75rem; word-break: break-all; }
.card ol { padding-inline-start: 1.2rem; margin: .3rem 0; }
.card blockquote { margin: .2rem 0; font-style: italic; }
.card .meta { margin: 0 0 .4rem; color: #555; font-size: .75rem; }
.card .meta > * + * { margin-inline-start: .6em; }
"""

_APP_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("geokg-data").textContent);
  var ui = data.ui;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function textEl(tag, className, text, lang) {
    var node = el(tag, className, text);
    node.dir = "auto";
    if (lang) { node.lang = lang; }
    return node;
  }
  function isWeb(url) { return /^https?:\/\/[^\s]+$/i.test(url || ""); }
  function link(url, text) {
    // Only http(s) URLs become links; paths and other schemes stay plain text.
    if (!isWeb(url)) { return textEl("span", "", text); }
    var a = textEl("a", "", text);
    a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function field(key, value) {
    var p = el("p");
    p.appendChild(el("span", "key", key + ": "));
    p.appendChild(textEl("span", "", value));
    return p;
  }
  function card(title) {
    var box = el("div", "card");
    box.dir = data.dir;
    box.appendChild(textEl("h2", "", title));
    return box;
  }
  function nodeLabel(id) { return data.nodeInfo[id] ? data.nodeInfo[id].label : id; }

  function nodeCard(id) {
    var info = data.nodeInfo[id], box = card(info.label), labels = el("ul", "labels");
    Object.keys(info.labels).sort().forEach(function (lang) {
      var li = el("li");
      li.appendChild(el("span", "lang", lang || "?"));
      li.appendChild(textEl("span", "", info.labels[lang], lang));
      labels.appendChild(li);
    });
    box.appendChild(labels);
    box.appendChild(field(ui.type, info.typeLabel));
    if (/^Q[1-9][0-9]*$/.test(info.qid || "")) {
      var p = el("p");
      p.appendChild(el("span", "key", ui.wikidata + ": "));
      p.appendChild(link("https://www.wikidata.org/wiki/" + info.qid, info.qid));
      box.appendChild(p);
    }
    box.appendChild(textEl("p", "iri", info.iri));
    return box;
  }

  function edgeCard(id) {
    var info = data.edgeInfo[id], box = card(info.label), ends = el("p");
    ends.appendChild(textEl("span", "", nodeLabel(info.from)));
    var arrow = info.symmetric ? " \u2014 " : (data.dir === "rtl" ? " \u2190 " : " \u2192 ");
    ends.appendChild(el("span", "", arrow));
    ends.appendChild(textEl("span", "", nodeLabel(info.to)));
    box.appendChild(ends);
    box.appendChild(field(ui.support, String(info.support)));
    box.appendChild(field(ui.modality, info.modalities.map(function (m) {
      return ui.modalities[m] || m;
    }).join(", ")));
    if (info.evidence.length) { box.appendChild(el("p", "key", ui.evidence + ":")); }
    var list = el("ol");
    info.evidence.forEach(function (ev) {
      var li = el("li"), meta = el("p", "meta");
      li.appendChild(textEl("blockquote", "", ev.text));
      meta.appendChild(ev.source ? link(ev.source, ev.title || ev.source)
                                 : textEl("span", "", ev.title));
      if (ev.date) { meta.appendChild(textEl("span", "", ev.date)); }
      if (ev.source && !isWeb(ev.source)) { meta.appendChild(textEl("span", "", ev.source)); }
      meta.appendChild(el("span", "", ui.modalities[ev.modality] || ev.modality));
      li.appendChild(meta);
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  // vis-network renders string titles as HTML in some versions: give it elements.
  data.nodes.forEach(function (n) { n.title = nodeCard(n.id); });
  data.edges.forEach(function (e) { e.title = edgeCard(e.id); });
  var network = new vis.Network(document.getElementById("map"),
    { nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) }, data.options);

  var details = document.getElementById("details"), body = document.getElementById("details-body");
  function show(box) {
    while (body.firstChild) { body.removeChild(body.firstChild); }
    body.appendChild(box);
    details.hidden = false;
  }
  document.getElementById("details-close").addEventListener("click", function () {
    details.hidden = true;
  });
  network.on("click", function (params) {
    if (params.nodes.length) { show(nodeCard(params.nodes[0])); }
    else if (params.edges.length) { show(edgeCard(params.edges[0])); }
    else { details.hidden = true; }
  });

  function fold(text) {
    // Match as the extractor does: ignore case, harakat, tatweel and hamza on alef.
    return String(text).normalize("NFKC").replace(/[\u064B-\u065F\u0670\u0640]/g, "")
      .replace(/[\u0622\u0623\u0625]/g, "\u0627").toLocaleLowerCase().trim();
  }
  var names = document.getElementById("entity-names"), index = [];
  Object.keys(data.nodeInfo).sort().forEach(function (id) {
    var info = data.nodeInfo[id], keys = [info.label, info.iri];
    Object.keys(info.labels).forEach(function (lang) { keys.push(info.labels[lang]); });
    index.push({ id: id, keys: keys.map(fold) });
    var option = document.createElement("option");
    option.value = info.label;
    names.appendChild(option);
  });
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = fold(input.value), exact = null, partial = null;
    if (!query) { return; }
    index.forEach(function (entry) {
      if (!exact && entry.keys.indexOf(query) >= 0) { exact = entry.id; }
      var hit = entry.keys.some(function (k) { return k.indexOf(query) >= 0; });
      if (!partial && hit) { partial = entry.id; }
    });
    var found = exact || partial;
    status.textContent = found ? "" : ui.notFound;
    if (found) {
      network.selectNodes([found]);
      network.focus(found, { scale: 1.4, animation: { duration: 500 } });
      show(nodeCard(found));
    }
  });

  var physics = document.getElementById("physics");
  physics.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physics.checked } });
  });
})();
"""
