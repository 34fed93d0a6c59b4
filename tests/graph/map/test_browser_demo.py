"""The default map of the demo corpus in headless Chromium: still, uncluttered, legible at fit."""

from __future__ import annotations

import pytest

import geokg
from geokg.namespaces import entity_iri
from tests.support.chromium import open_map

pytestmark = pytest.mark.browser

# Every drawn node as a disc and every shown label as a box, in page pixels.
_SCENE = """() => {
  const net = geokgMap.network, scale = net.getScale();
  const discs = net.body.nodeIndices.map(id => {
    const n = net.body.nodes[id], at = net.canvasToDOM({ x: n.x, y: n.y });
    return { id, x: at.x, y: at.y, r: n.options.size * scale, degree: net.getConnectedEdges(id).length };
  });
  return { discs, labels: geokgMap.labels(), positions: net.getPositions() };
}"""


@pytest.fixture(scope="module")
def demo_maps(demo_store, tmp_path_factory):
    """Return {lang: path} of the default (no option) map of the demo corpus."""
    folder = tmp_path_factory.mktemp("demo-maps")
    paths = {}
    with geokg.open_store(demo_store, read_only=True) as store:
        for lang in ("en", "ar"):
            paths[lang] = folder / f"demo-{lang}.html"
            paths[lang].write_text(geokg.map(store, lang=lang), encoding="utf-8")
    return paths


def _overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


def _covers(disc: dict, box: dict) -> bool:
    nearest_x = max(box["x"], min(disc["x"], box["x"] + box["w"]))
    nearest_y = max(box["y"], min(disc["y"], box["y"] + box["h"]))
    return (nearest_x - disc["x"]) ** 2 + (nearest_y - disc["y"]) ** 2 < disc["r"] ** 2


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_demo_map_is_still_uncluttered_and_legible(browser, demo_maps, lang):
    with open_map(browser, demo_maps[lang]) as (page, log):
        scene = page.evaluate(_SCENE)
        page.wait_for_timeout(2000)
        later = page.evaluate(_SCENE)
        listed = page.locator("#isolated-list li").count()
        size = page.viewport_size
    discs, labels = scene["discs"], scene["labels"]
    assert discs and all(d["degree"] > 0 for d in discs)          # no isolated node drawn
    assert listed > 0                                              # they are listed beside the map
    assert later["positions"] == scene["positions"]                # nothing moves after load
    assert len(labels) >= 25 and all(box["px"] >= 11 for box in labels)
    for i, box in enumerate(labels):
        assert not any(_overlap(box, other) for other in labels[i + 1:]), box
        assert not any(_covers(d, box) for d in discs if d["id"] != box["id"]), box
        assert 0 <= box["x"] and box["x"] + box["w"] <= size["width"]
    on_screen = [d for d in discs if 0 <= d["x"] <= size["width"] and 0 <= d["y"] <= size["height"]]
    assert len(on_screen) == len(discs)                            # the fit shows every drawn node
    assert log.requests == [] and log.console_errors == []


def test_demo_map_shows_hidden_labels_on_zoom(browser, demo_maps):
    with open_map(browser, demo_maps["en"]) as (page, log):
        at_fit = len(page.evaluate("geokgMap.labels()"))
        page.evaluate("geokgMap.network.moveTo({ scale: geokgMap.network.getScale() * 3 })")
        page.wait_for_timeout(200)
        zoomed = {box["id"] for box in page.evaluate("geokgMap.labels()")}
        hidden_before = page.evaluate("geokgMap.network.body.nodeIndices.length") - at_fit
    assert hidden_before > 0 and zoomed
    assert log.console_errors == []


def test_demo_map_isolated_entity_opens_its_card(browser, demo_maps):
    with open_map(browser, demo_maps["en"]) as (page, log):
        page.locator("#isolated summary").click()
        first = page.locator("#isolated-list button").first
        name = first.inner_text()
        first.click()
        card = page.locator("#details").inner_text()
    assert name and name in card
    assert log.console_errors == []


def _x(page, qids: list[str]) -> list[float]:
    """Return the rendered canvas x of the entities with these QIDs, in order."""
    ids = [entity_iri(q) for q in qids]
    where = page.evaluate("ids => geokgMap.network.getPositions(ids)", ids)
    return [where[i]["x"] for i in ids]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_demo_geo_map_puts_belarus_between_poland_and_russia(browser, demo_store, tmp_path, lang):
    with geokg.open_store(demo_store, read_only=True) as store:
        html = geokg.map(store, lang=lang, layout="geo")
    path = tmp_path / f"geo-{lang}.html"
    path.write_text(html, encoding="utf-8")
    with open_map(browser, path) as (page, log):
        poland, belarus, russia = _x(page, ["Q36", "Q184", "Q159"])
        mode = page.evaluate("geokgMap.layout()")
        before = page.evaluate("geokgMap.network.getPositions()")
        page.wait_for_timeout(2000)
        after = page.evaluate("geokgMap.network.getPositions()")
        labels = page.evaluate("geokgMap.labels()")
        unplaced = page.locator("#unplaced-list li").count()
        drawn_without_place = page.evaluate("""() => geokgMap.network.body.nodeIndices.filter(id =>
          !JSON.parse(document.getElementById('geokg-data').textContent).nodeInfo[id].geo).length""")
    assert mode == "geo" and poland < belarus < russia
    assert unplaced > 0 and drawn_without_place == 0          # listed beside the map, not drawn anywhere
    assert before == after and labels
    assert log.requests == [] and log.console_errors == []


def test_demo_map_switches_between_network_and_geo(browser, demo_maps):
    with open_map(browser, demo_maps["en"]) as (page, log):
        network = _x(page, ["Q36", "Q184", "Q159"])
        page.locator('input[name="layout"][value="geo"]').check()
        geo = _x(page, ["Q36", "Q184", "Q159"])
        page.locator('input[name="layout"][value="network"]').check()
        back = _x(page, ["Q36", "Q184", "Q159"])
    assert geo[0] < geo[1] < geo[2] and back == network != geo
    assert log.requests == [] and log.console_errors == []


def _expected_edges(page, low: str, high: str) -> int:
    """Return how many edges the page's data dates put within [low, high]."""
    info = page.evaluate("JSON.parse(document.getElementById('geokg-data').textContent).edgeInfo")
    return sum(1 for e in info.values() if e["first"] and e["first"] <= high and (e["last"] or e["first"]) >= low)


def _slide(page, which: str, index: int) -> None:
    page.evaluate("""([which, index]) => {
      const input = document.getElementById(which);
      input.value = String(index);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }""", [which, index])


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_demo_map_date_slider_shows_the_graph_as_of_the_dates(browser, demo_maps, lang):
    with open_map(browser, demo_maps[lang]) as (page, log):
        dates = page.evaluate("geokgMap.time.dates")
        total = page.evaluate("geokgMap.drawn().edges")
        counts = []
        for low, high in ((0, 0), (0, 2), (1, len(dates) - 2), (len(dates) - 1, len(dates) - 1)):
            _slide(page, "time-to", high)  # the end first: a start past the end would swap the two
            _slide(page, "time-from", low)
            shown = page.evaluate("geokgMap.drawn()")
            counts.append((shown["edges"], _expected_edges(page, dates[low], dates[high])))
            lonely = page.evaluate("""() => geokgMap.network.body.nodeIndices.filter(
              id => geokgMap.network.getConnectedEdges(id).length === 0).length""")
            assert lonely == 0                                   # entities left with no edge are hidden
        text = page.locator("#time-range").inner_text()
        _slide(page, "time-from", 0)
        _slide(page, "time-to", len(dates) - 1)
        back = page.evaluate("geokgMap.drawn().edges")
    assert len(dates) >= 4
    assert all(shown == expected for shown, expected in counts), counts
    assert len({shown for shown, _ in counts}) > 1 and all(shown < total for shown, _ in counts)
    assert dates[-1] in text and back == total
    assert log.requests == [] and log.console_errors == []


def test_demo_map_play_button_steps_through_the_dates(browser, demo_maps):
    with open_map(browser, demo_maps["en"]) as (page, log):
        total = page.evaluate("geokgMap.drawn().edges")
        page.locator("#time-play").click()
        first = page.evaluate("[geokgMap.time.range(), geokgMap.drawn().edges, geokgMap.time.playing()]")
        for _ in range(100):  # polled from here: the page's CSP forbids the eval wait_for_function needs
            if not page.evaluate("geokgMap.time.playing()"):
                break
            page.wait_for_timeout(200)
        last = page.evaluate("[geokgMap.time.range(), geokgMap.drawn().edges]")
        dates = page.evaluate("geokgMap.time.dates")
    assert first[0] == [dates[0], dates[0]] and first[1] < total and first[2] is True
    assert last == [[dates[0], dates[-1]], total]
    assert log.requests == [] and log.console_errors == []
