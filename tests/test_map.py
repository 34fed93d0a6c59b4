"""Tests for the networkx projection (graph/view/project.py) and the HTML map (graph/map/render.py)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, URIRef

from geokg.graph.view.project import MAX_EVIDENCE, project
from geokg.graph.map.render import CLASS_COLOURS, FAMILY_COLOURS, PHYSICS_NODE_LIMIT, relation_family, render_map
from geokg.namespaces import GKG, RDF, entity_iri

SAMPLE = Path(__file__).parent / "data" / "map" / "sample.trig"
BELARUS, CHINA, RUSSIA, USA = (entity_iri(q) for q in ("Q184", "Q148", "Q159", "Q30"))
SCO, NATO = entity_iri("Q485207"), entity_iri("Q7184")
XIE = entity_iri("person/xie-xiaoyong")
PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


def _term(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _select_over(store: ox.Store):
    """Return a ``select`` callable over the union of the store's named graphs."""
    def select(sparql: str) -> list[dict]:
        solutions = store.query(sparql, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [{n: _term(s[n]) for n in names if s[n] is not None} for s in solutions]
    return select


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    store = ox.Store()
    store.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    return project(_select_over(store))


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


# --- projection ---------------------------------------------------------------------------

def test_project_nodes_are_entities_with_labels_type_and_qid(graph):
    assert set(graph) == {BELARUS, CHINA, RUSSIA, USA, SCO, NATO, XIE}
    assert graph.nodes[BELARUS]["labels"] == {"en": "Belarus", "ar": "بيلاروسيا"}
    assert graph.nodes[BELARUS]["type"] == "State"
    assert graph.nodes[BELARUS]["qid"] == "Q184"
    assert graph.nodes[SCO]["type"] == "InternationalOrganisation"
    assert graph.nodes[XIE]["type"] == "Person"
    assert graph.nodes[XIE]["qid"] is None


def test_project_edges_one_per_triple_and_negated_gives_none(graph):
    assert set(graph.edges(keys=True)) == {
        (BELARUS, SCO, "memberOf"),
        (CHINA, BELARUS, "militaryCooperation"),   # merged from both stored directions
        (RUSSIA, BELARUS, "militaryCooperation"),
        (USA, BELARUS, "sanctions"),
        (XIE, BELARUS, "visits"),
    }
    assert not graph.has_edge(BELARUS, NATO)      # only a negated statement says this
    assert graph.nodes[NATO]["degree"] == 0
    assert graph.nodes[BELARUS]["degree"] == 5


def test_project_planned_only_when_every_statement_is_planned(graph):
    china = graph.edges[CHINA, BELARUS, "militaryCooperation"]
    russia = graph.edges[RUSSIA, BELARUS, "militaryCooperation"]
    assert china["planned"] is True and china["modalities"] == {"planned"}
    assert russia["planned"] is False and russia["modalities"] == {"planned", "asserted"}
    assert graph.edges[BELARUS, SCO, "memberOf"]["planned"] is False


def test_project_support_counts_articles_and_evidence_carries_provenance(graph):
    china = graph.edges[CHINA, BELARUS, "militaryCooperation"]
    assert china["support"] == 2
    assert china["symmetric"] is True
    assert [e["date"] for e in china["evidence"]] == ["2024-03-01", "2023-08-15"]   # newest first
    newest = china["evidence"][0]
    assert newest["text"] == "Belarus and China plan joint military drills next year."
    assert newest["title"] == "US sanctions Belarus " + PAYLOADS[0]
    assert newest["source"] == "https://news.example.org/2024/us-belarus"
    assert newest["modality"] == "planned"
    sanctions = graph.edges[USA, BELARUS, "sanctions"]
    assert sanctions["support"] == 1 and sanctions["symmetric"] is False


def _fake_statements(rows: list[dict]):
    def select(sparql: str) -> list[dict]:
        return rows if "rdf:subject" in sparql else []
    return select


def _statement_row(n: int, modality: str, article: str) -> dict:
    return {
        "statement": URIRef(f"https://example.org/statement/{n}"),
        "subject": URIRef(BELARUS), "predicate": GKG.memberOf, "object": URIRef(SCO),
        "article": URIRef(f"https://example.org/article/{article}"),
        "modality": GKG[modality], "evidence": Literal(f"sentence {n}", lang="en"),
        "issued": Literal(f"2024-01-{n + 1:02d}"),
    }


def test_project_evidence_is_capped_and_negated_sentences_come_last():
    rows = [_statement_row(0, "Negated", "n")]
    rows += [_statement_row(n, "Asserted", str(n)) for n in range(1, 8)]
    graph = project(_fake_statements(rows))
    edge = graph.edges[BELARUS, SCO, "memberOf"]
    assert len(edge["evidence"]) == MAX_EVIDENCE
    assert edge["support"] == 7                     # the negating article does not support it
    assert [e["text"] for e in edge["evidence"]] == [f"sentence {n}" for n in (7, 6, 5, 4, 3)]
    assert graph.nodes[BELARUS]["type"] == "Entity"  # untyped endpoints still become nodes


@pytest.mark.filterwarnings("ignore::DeprecationWarning")   # raised inside rdflib's TriG parser
def test_project_same_graph_on_rdflib(graph):
    dataset = Dataset(default_union=True)
    dataset.parse(SAMPLE, format="trig")

    def select(sparql: str) -> list[dict]:
        result = dataset.query(sparql)
        return [{str(v): row[v] for v in result.vars if row[v] is not None} for row in result]

    other = project(select)
    assert dict(other.nodes(data=True)) == dict(graph.nodes(data=True))
    assert {e: other.edges[e] for e in other.edges(keys=True)} == {
        e: graph.edges[e] for e in graph.edges(keys=True)}


def test_project_queries_use_no_rdf_star():
    seen: list[str] = []
    project(lambda sparql: seen.append(sparql) or [])  # type: ignore[func-returns-value]
    assert seen and not any("<<" in q or "{|" in q for q in seen)
    assert any(str(RDF.subject) in q or "rdf:subject" in q for q in seen)


# --- HTML map -----------------------------------------------------------------------------

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
    assert set(nodes) == set(graph)
    assert nodes[BELARUS]["label"] == "Belarus"
    assert nodes[BELARUS]["color"] == CLASS_COLOURS["State"]
    assert nodes[SCO]["color"] == CLASS_COLOURS["InternationalOrganisation"]
    assert nodes[BELARUS]["size"] > nodes[USA]["size"] > nodes[NATO]["size"]
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
    assert data["options"]["physics"]["enabled"] is True


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
