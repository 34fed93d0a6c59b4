"""The map page around the data: UI wording (one JSON file per language), the HTML shell, inlined assets.

Every script and stylesheet is inlined (vis-network from the pyvis package, our own from
``geokg/graph/map/assets``) and a Content-Security-Policy allows exactly those scripts by hash,
so the page neither loads nor runs anything else. pyvis' own ``cdn_resources="in_line"``
template still links to a CDN, so the shell here is our own.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import lru_cache
from importlib.resources import files

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "sd", "ug"})


@lru_cache(maxsize=None)
def ui_strings(code: str) -> dict:
    """Return the map page's wording for language *code* (``assets/ui.<code>.json``), English when there is none.

    >>> ui_strings("ar")["close"], ui_strings("xx")["close"]
    ('إغلاق', 'Close')
    """
    assets = files("geokg.graph.map").joinpath("assets")
    found = assets.joinpath(f"ui.{code}.json")
    return json.loads((found if found.is_file() else assets.joinpath("ui.en.json")).read_text(encoding="utf-8"))


_VIS_DIR = ("lib", "vis-9.1.2")
#: The page's own scripts, inlined as one block in this order (map.js uses the others).
OWN_SCRIPTS = ("labels.js", "geo.js", "timeline.js", "map.js")


def notice_text(notice: dict, ui: dict) -> str:
    """Return a notice from ``geokg.graph.view.select.select`` phrased in the page language.

    >>> notice_text({"kind": "topk", "shown": 5000, "total": 7000, "measure": "degree"}, ui_strings("en"))[:38]
    'Showing the 5,000 most central of 7,00'
    """
    values = dict(notice)
    values["measure"] = ui["measures"].get(values.get("measure"), values.get("measure"))
    return ui[notice["kind"]].format(**values)


def page(*, lang: str, direction: str, title: str, ui: dict, payload: dict, legend: str,
         notices: list[str], physics: bool) -> str:
    """Return the complete HTML document; only *legend* is trusted markup, the rest is escaped."""
    esc = html.escape
    scripts = [vis_asset("vis-network.min.js"), "".join(own_asset(name) for name in OWN_SCRIPTS)]
    csp = "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(csp_hash(script) for script in scripts),
        "style-src 'unsafe-inline'", "img-src data:", "base-uri 'none'", "form-action 'none'",
    ])
    checked = " checked" if physics else ""
    banner = "".join(f'<p class="notice" role="status" dir="auto">{esc(n)}</p>\n' for n in notices)
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}" dir="{direction}">\n<head>\n'
        f'<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{esc(title)}</title>\n'
        f'<style>{vis_asset("vis-network.css")}</style>\n<style>{own_asset("map.css")}</style>\n'
        f'</head>\n<body>\n<header class="bar">\n<h1 dir="auto">{esc(title)}</h1>\n'
        f'<form id="search" role="search">'
        f'<input id="search-input" type="search" list="entity-names" dir="auto" '
        f'autocomplete="off" placeholder="{esc(ui["search"])}" aria-label="{esc(ui["search"])}">'
        f'<button type="submit">{esc(ui["find"])}</button>'
        f'<span id="search-status" role="status"></span></form>\n'
        f'<datalist id="entity-names"></datalist>\n'
        f'<label class="toggle"><input id="physics" type="checkbox"{checked}> '
        f'{esc(ui["physics"])}</label>\n{_layout_switch(ui, payload)}</header>\n{banner}<main>\n'
        f'<div id="map" dir="{direction}"></div>\n'
        f'<aside id="details" hidden><button id="details-close" type="button" '
        f'aria-label="{esc(ui["close"])}">×</button><div id="details-body"></div></aside>\n'
        f'<div class="side"><details id="isolated" class="isolated" hidden><summary id="isolated-title" dir="auto"></summary>'
        f'<ul id="isolated-list"></ul></details>\n'
        f'<details id="unplaced" class="isolated unplaced" hidden><summary id="unplaced-title" dir="auto"></summary>'
        f'<ul id="unplaced-list"></ul></details></div>\n'
        f'{_timeline(ui)}{legend}\n</main>\n'
        f'<script type="application/json" id="geokg-data">{script_json(payload)}</script>\n'
        + "".join(f"<script>{script}</script>\n" for script in scripts)
        + "</body>\n</html>\n"
    )


def _timeline(ui: dict) -> str:
    """Return the date slider's controls; the page shows them when the edges carry two dates or more."""
    esc = html.escape
    return (f'<div id="timeline" class="timeline" hidden>'
            f'<button id="time-play" type="button" aria-label="{esc(ui["play"])}">\u25b6</button>'
            f'<label>{esc(ui["from"])} <input id="time-from" type="range" min="0" max="0" step="1" value="0"></label>'
            f'<label>{esc(ui["to"])} <input id="time-to" type="range" min="0" max="0" step="1" value="0"></label>'
            f'<output id="time-range"></output></div>\n')


def _layout_switch(ui: dict, payload: dict) -> str:
    """Return the network / geographic view switch, or nothing when no entity has a place on the map."""
    if not payload.get("world"):
        return ""
    esc = html.escape
    options = "".join(
        f'<label><input type="radio" name="layout" value="{value}"'
        f'{" checked" if payload["layout"] == value else ""}> {esc(ui[value])}</label>'
        for value in ("network", "geo"))
    return f'<fieldset id="layout-switch" class="switch"><legend>{esc(ui["view"])}</legend>{options}</fieldset>\n'


def script_json(value: object) -> str:
    """Return JSON that cannot end or alter the <script> block it is embedded in.

    >>> script_json({"t": "</script><b>"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


@lru_cache(maxsize=None)
def vis_asset(name: str) -> str:
    """Return a vis-network file shipped in the pyvis package, ready to inline."""
    return _inlinable(name, files("pyvis").joinpath(*_VIS_DIR, name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def own_asset(name: str) -> str:
    """Return one of geokg's own page assets (``map.js``, ``map.css``), ready to inline."""
    return _inlinable(name, files("geokg.graph.map").joinpath("assets", name).read_text(encoding="utf-8"))


def _inlinable(name: str, text: str) -> str:
    # HTML parsing turns CR LF into LF before the CSP hash is checked, so do it first;
    # drop the source-map comment, which would make developer tools fetch a file.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\n?//# sourceMappingURL=\S*\s*$", "\n", text)
    closing = "</script" if name.endswith(".js") else "</style"
    if closing in text.lower() or "<!--" in text:
        raise RuntimeError(f"{name} contains {closing!r} or '<!--' and cannot be inlined")
    return text


def csp_hash(script: str) -> str:
    """Return the CSP source expression ('sha256-…') allowing exactly *script*."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
