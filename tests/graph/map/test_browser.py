"""Generated maps in real headless Chromium, with every network request blocked."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import geokg
from geokg.graph.store import GraphWrite, Quads
from geokg.namespaces import entity_iri

from tests.support.chromium import open_map
from tests.support.sample import SAMPLE
from tests.support.synthetic import synthetic_writes

pytestmark = pytest.mark.browser

BELARUS, USA = entity_iri("Q184"), entity_iri("Q30")
SANCTIONS_EVIDENCE = "Washington imposed sanctions on Minsk <img src=x onerror=alert(1)> on Friday"
SANCTIONS_TITLE = "US sanctions Belarus <script>alert(1)</script>"
# Payloads that would leave a trace if they ever ran, besides the sample's alert(1).
TRAPS = ('<img src=x onerror="document.body.dataset.pwned=1">',
         '<script>document.body.dataset.pwned=1</script>',
         '<svg onload="document.body.dataset.pwned=1"></svg>')


def _sample_store(extra_title: str = ""):
    dataset = ox.Dataset(ox.parse(path=str(SAMPLE), format=ox.RdfFormat.TRIG))
    nquads = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    if extra_title:
        nquads = nquads.replace('"US sanctions Belarus ', f'"{extra_title} US sanctions Belarus ')
    store = geokg.open_store("oxigraph:")
    store.write([GraphWrite("urn:sample", Quads.parse(nquads))])
    return store


@pytest.fixture(scope="module")
def sample_maps(tmp_path_factory):
    """Return {lang: path} of maps drawn from tests/data/map/sample.trig, with extra payloads."""
    folder = tmp_path_factory.mktemp("maps")
    paths = {}
    with _sample_store(" ".join(TRAPS).replace('"', '\\"')) as store:
        for lang in ("en", "ar"):
            paths[lang] = folder / f"sample-{lang}.html"
            paths[lang].write_text(geokg.map(store, lang=lang, title="Sample <b>map</b>"), encoding="utf-8")
    return paths


def _edge_point(page, subject: str, obj: str) -> dict:
    """Return the page coordinates of the middle of the drawn edge subject -> object."""
    return page.evaluate("""([s, o]) => {
      const net = geokgMap.network;
      const id = Object.keys(net.body.edges).find(k => {
        const e = net.body.edges[k]; return e.fromId === s && e.toId === o; });
      const p = net.body.edges[id].edgeType.getPoint(0.5);
      const dom = net.canvasToDOM(p), box = document.querySelector("#map canvas").getBoundingClientRect();
      return { x: box.left + dom.x, y: box.top + dom.y };
    }""", [subject, obj])


def _hover_edge(page, subject: str, obj: str):
    page.evaluate("geokgMap.network.setOptions({ physics: { enabled: false } })")
    point = _edge_point(page, subject, obj)
    page.mouse.move(point["x"] - 30, point["y"] - 30)
    page.mouse.move(point["x"], point["y"], steps=5)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    return tooltip, point


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_browser_map_loads_offline_and_draws_every_edge(browser, sample_maps, lang):
    with open_map(browser, sample_maps[lang]) as (page, log):
        drawn = page.evaluate("geokgMap.drawn()")
        body = page.evaluate("[geokgMap.network.body.nodeIndices.length, geokgMap.network.body.edgeIndices.length]")
        listed = page.locator("#isolated-list li").all_text_contents()
    # 7 entities; 5 relations (the negated NATO membership is not drawn, so NATO is listed beside the map).
    assert drawn == {"nodes": 6, "edges": 5} and body == [6, 5]
    assert listed == (["NATO"] if lang == "en" else ["حلف شمال الأطلسي"])
    assert log.requests == []
    assert log.console_errors == []


def test_browser_edge_tooltip_shows_evidence_with_article(browser, sample_maps):
    with open_map(browser, sample_maps["en"]) as (page, log):
        tooltip, _ = _hover_edge(page, USA, BELARUS)
        text = tooltip.inner_text()
        links = tooltip.locator("a").evaluate_all("as => as.map(a => [a.href, a.textContent])")
    assert "sanctions" in text
    assert SANCTIONS_EVIDENCE in text                 # shown as text, markup and all
    assert "2024-03-01" in text
    assert any(href == "https://news.example.org/2024/us-belarus" and SANCTIONS_TITLE in title
               for href, title in links)
    assert log.requests == [] and log.console_errors == []


def test_browser_article_payloads_run_nothing(browser, sample_maps):
    with open_map(browser, sample_maps["en"]) as (page, log):
        _hover_edge(page, USA, BELARUS)
        point = _edge_point(page, USA, BELARUS)
        page.mouse.click(point["x"], point["y"])
        details = page.locator("#details")
        details.wait_for(state="visible")
        shown = details.inner_text()
        injected = page.evaluate("""() => ({
          pwned: document.body.dataset.pwned || null,
          elements: document.querySelectorAll("#details img, #details script, #details svg, .vis-tooltip img, .vis-tooltip script, .vis-tooltip svg").length,
          scripts: document.scripts.length,
        })""")
    assert SANCTIONS_EVIDENCE in shown and TRAPS[0] in shown and TRAPS[1] in shown
    assert injected == {"pwned": None, "elements": 0, "scripts": 3}
    assert log.dialogs == []
    assert log.requests == [] and log.console_errors == []


def test_browser_arabic_map_is_right_to_left(browser, sample_maps):
    with open_map(browser, sample_maps["ar"]) as (page, log):
        tooltip, _ = _hover_edge(page, USA, BELARUS)
        directions = page.evaluate("""() => ({
          page: getComputedStyle(document.body).direction,
          legend: getComputedStyle(document.querySelector("#legend")).direction,
          canvas: getComputedStyle(document.querySelector("#map canvas")).direction,
          tooltip: getComputedStyle(document.querySelector(".vis-tooltip .card")).direction,
          legendText: document.querySelector("#legend").innerText,
        })""")
        text = tooltip.inner_text()
    assert {k: v for k, v in directions.items() if k != "legendText"} == dict.fromkeys(
        ("page", "legend", "canvas", "tooltip"), "rtl")
    assert "دولة" in directions["legendText"] and "صراع" in directions["legendText"]
    assert "يفرض عقوبات على" in text                   # the relation label in Arabic
    assert "بيلاروسيا" in text and SANCTIONS_EVIDENCE in text
    assert log.requests == [] and log.console_errors == []


def test_browser_mixed_direction_card_text_is_isolated_and_kept_apart(browser, sample_maps):
    with open_map(browser, sample_maps["ar"]) as (page, log):
        tooltip, _ = _hover_edge(page, USA, BELARUS)
        meta = tooltip.locator(".meta").first
        parts = meta.evaluate("m => Array.from(m.children).filter(c => !c.classList.contains('sep'))"
                              ".map(c => [c.textContent, c.getAttribute('dir')])")
        text = meta.inner_text()
    # the English title, the date and the modality: each isolated, never glued together
    assert [d for _, d in parts] == ["auto"] * len(parts) and len(parts) >= 3
    title, date = parts[0][0], parts[1][0]
    assert SANCTIONS_TITLE in title and date == "2024-03-01"
    assert f"{title} \u00b7 {date}" in text
    assert log.requests == []


def test_browser_search_filters_and_physics_toggle(browser, sample_maps):
    with open_map(browser, sample_maps["ar"]) as (page, log):
        page.fill("#search-input", "بيلاروسيا")
        page.press("#search-input", "Enter")
        page.wait_for_function(f"geokgMap.network.getSelectedNodes()[0] === {BELARUS!r}")
        page.locator('input[data-filter="family"][value="conflict"]').uncheck()
        after_family = page.evaluate("geokgMap.drawn()")
        page.locator('input[data-filter="type"][value="Person"]').uncheck()
        after_type = page.evaluate("geokgMap.drawn()")
        was = page.evaluate("geokgMap.network.physics.physicsEnabled")
        page.locator("#physics").click()
        now = page.evaluate("geokgMap.network.physics.physicsEnabled")
    assert after_family == {"nodes": 6, "edges": 4}     # the sanctions edge is hidden
    assert after_type == {"nodes": 5, "edges": 3}       # Xie Xiaoyong and his visit are hidden
    assert was is False and now is True                 # laid out already: physics is the user's to start
    assert log.requests == [] and log.console_errors == []


def test_browser_large_map_opens_laid_out_without_physics(browser, tmp_path):
    with geokg.open_store("oxigraph:") as store:
        store.write(synthetic_writes(600))
        page_html = geokg.map(store, max_nodes=400)
    path = tmp_path / "large.html"
    path.write_text(page_html, encoding="utf-8")
    with open_map(browser, path) as (page, log):
        state = page.evaluate("""() => ({ drawn: geokgMap.drawn(), physics: geokgMap.network.physics.physicsEnabled,
                                       notice: document.querySelector(".notice").innerText })""")
    assert state["drawn"]["nodes"] == 400 and state["physics"] is False
    assert "400 most central" in state["notice"]
    assert log.requests == [] and log.console_errors == []
