"""The HTML map (graph/map/render.py): offline, data never run as markup, right to left in Arabic."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from importlib.resources import files

import networkx as nx
import pytest

from geokg.graph.map.render import CLASS_COLOURS, FAMILY_COLOURS, PHYSICS_NODE_LIMIT, relation_family, render_map
from tests.support.sample import BELARUS, CHINA, NATO, PAYLOADS, SCO, USA, XIE, sample_projection


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return sample_projection()


@pytest.fixture(scope="module")
def page(graph) -> str:
    return render_map(graph)


def _data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="geokg-data">(.*?)</script>', page, re.S)
    assert match, "no data block in the page"
    return json.loads(match.group(1))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def test_visualise_page_makes_no_network_request(page):
    tags = _parse(page).tags
    assert not [t for t, _ in tags if t in {"link", "iframe", "img", "object", "embed"}]
    for tag, attrs in tags:
        for name in ("src", "href", "srcset", "action", "data"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, name, value)
    assert all("src" not in attrs for tag, attrs in tags if tag == "script")
    assert "@import" not in page and "sourceMappingURL" not in page
    assert not re.search(r"url\(\s*(?!['\"]?data:)", page)     # CSS loads only data: URLs


def test_visualise_inlines_vis_network(page):
    vis_dir = files("pyvis") / "lib" / "vis-9.1.2"
    js = (vis_dir / "vis-network.min.js").read_text(encoding="utf-8").replace("\r\n", "\n")
    css = (vis_dir / "vis-network.css").read_text(encoding="utf-8")
    body = js.split("//# sourceMappingURL")[0]
    assert body[-2000:] in page and body[200:2000] in page
    assert css[:500] in page


@pytest.mark.parametrize("payload", PAYLOADS)
def test_visualise_article_markup_stays_data(page, payload):
    assert payload not in page
    assert "<script>alert" not in page and "<img" not in page
    # The payload survives intact as data for the page to show as text.
    data = _data(page)
    texts = [ev["text"] for e in data["edgeInfo"].values() for ev in e["evidence"]]
    texts += [ev["title"] for e in data["edgeInfo"].values() for ev in e["evidence"]]
    assert any(payload in text for text in texts)


def test_visualise_scripts_are_ours_and_allowed_by_the_csp(page):
    parsed = _parse(page)
    assert len(parsed.scripts) == 3                  # data block, vis-network, the page's own code
    csp = next(a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    for script in parsed.scripts[1:]:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "innerHTML" not in parsed.scripts[2] and "textContent" in parsed.scripts[2]


def test_visualise_node_and_edge_items(page, graph):
    data = _data(page)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == set(graph) - {NATO}                # its one statement is negated: listed, not drawn
    assert data["isolated"] == [NATO]
    assert nodes[BELARUS]["label"] == "Belarus"
    assert nodes[BELARUS]["color"] == CLASS_COLOURS["State"]
    assert nodes[SCO]["color"] == CLASS_COLOURS["InternationalOrganisation"]
    assert nodes[BELARUS]["size"] > nodes[USA]["size"] >= nodes[XIE]["size"]
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes.values())
    assert not any("title" in n for n in nodes.values())     # tooltips are built as DOM in the page
    info = data["edgeInfo"]
    edges = {(info[e["id"]]["from"], info[e["id"]]["to"], info[e["id"]]["relation"]): e
             for e in data["edges"]}
    china = edges[CHINA, BELARUS, "militaryCooperation"]
    sanctions = edges[USA, BELARUS, "sanctions"]
    assert china["dashes"] is True and sanctions["dashes"] is False
    assert china["arrows"]["to"]["enabled"] is False and sanctions["arrows"]["to"]["enabled"] is True
    assert sanctions["color"]["color"] == FAMILY_COLOURS["conflict"]
    assert edges[BELARUS, SCO, "memberOf"]["color"]["color"] == FAMILY_COLOURS["membership"]
    assert china["width"] > sanctions["width"]
    assert data["nodeInfo"][BELARUS]["qid"] == "Q184"
    assert data["options"]["physics"]["enabled"] is False   # laid out in Python; nothing moves


@pytest.mark.parametrize(("relation", "family"), [
    ("memberOf", "membership"), ("partOf", "membership"), ("ambassadorTo", "office"),
    ("leaderOf", "office"), ("sanctions", "conflict"), ("atWarWith", "conflict"),
    ("accuses", "conflict"), ("visits", "diplomacy"), ("recognises", "diplomacy"),
    ("militaryCooperation", "cooperation"), ("tradesWith", "cooperation"),
    ("supports", "cooperation"),
])
def test_visualise_relation_families(relation, family):
    assert relation_family(relation) == family


def test_visualise_arabic_page_is_rtl_with_arabic_labels(graph):
    page = render_map(graph, lang="ar", title="خريطة <b>")
    assert re.search(r'<html lang="ar" dir="rtl">', page)
    assert "<title>خريطة &lt;b&gt;</title>" in page
    data = _data(page)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels[BELARUS] == "بيلاروسيا" and labels[SCO] == "منظمة شنغهاي للتعاون"
    assert data["dir"] == "rtl" and "dir = \"auto\"" in page
    assert '<html lang="en" dir="ltr">' in render_map(graph)


def test_visualise_rejects_a_language_that_is_not_a_tag(graph):
    with pytest.raises(ValueError, match="language tag"):
        render_map(graph, lang='en" onload="x')


def test_visualise_leaves_graph_and_working_directory_alone(graph, tmp_path, monkeypatch):
    before = nx.to_dict_of_dicts(graph), dict(graph.nodes(data=True))
    monkeypatch.chdir(tmp_path)
    render_map(graph)
    assert list(tmp_path.iterdir()) == []
    assert (nx.to_dict_of_dicts(graph), dict(graph.nodes(data=True))) == before


def test_visualise_is_deterministic(graph):
    assert render_map(graph) == render_map(graph.copy())


def test_visualise_large_graph_starts_without_physics():
    big = nx.MultiDiGraph()
    for n in range(PHYSICS_NODE_LIMIT + 1):
        big.add_node(f"urn:x:{n}", labels={"en": f"n{n}"}, type="State", qid=None)
        if n:
            big.add_edge(f"urn:x:{n}", f"urn:x:{n - 1}", key="tradesWith", relation="tradesWith")
    data = _data(render_map(big))
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_visualise_lists_isolated_entities_instead_of_drawing_them():
    graph = nx.MultiDiGraph()
    for name in ("a", "b", "lonely"):
        graph.add_node(f"urn:x:{name}", labels={"en": name}, type="State", qid=None)
    graph.add_edge("urn:x:a", "urn:x:b", key="tradesWith", relation="tradesWith")
    data = _data(render_map(graph))
    assert {n["id"] for n in data["nodes"]} == {"urn:x:a", "urn:x:b"}
    assert data["isolated"] == ["urn:x:lonely"] and "urn:x:lonely" in data["nodeInfo"]
    assert sorted(data["main"]) == ["urn:x:a", "urn:x:b"]


def test_visualise_graph_without_edges_draws_its_entities():
    graph = nx.MultiDiGraph()
    graph.add_node("urn:x:a", labels={"en": "a"}, type="State", qid=None)
    data = _data(render_map(graph))
    assert [n["id"] for n in data["nodes"]] == ["urn:x:a"] and data["isolated"] == []


def test_visualise_label_sizes_follow_importance(page, graph):
    info = _data(page)["nodeInfo"]
    assert 11 <= info[NATO]["labelPx"] < info[BELARUS]["labelPx"] <= 17


def test_visualise_edges_carry_first_and_last_seen_for_the_date_slider(page, graph):
    info = _data(page)["edgeInfo"]
    dated = [e for e in info.values() if e["first"]]
    assert dated and all(e["first"] <= e["last"] for e in dated)
    assert 'id="timeline"' in page and 'id="time-play"' in page
