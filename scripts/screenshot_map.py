"""Regenerate docs/img/map-demo.png (and map-demo-ar.png): the demo corpus's map in headless Chromium.

    python scripts/screenshot_map.py

Ingests examples/articles into an in-memory store, draws the map around Belarus in English
and in Arabic, opens each with networking blocked, shows one edge's evidence and saves a
screenshot.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geokg  # noqa: E402
from geokg.namespaces import entity_iri  # noqa: E402
from tests.support.chromium import chromium, open_map  # noqa: E402

OUT = ROOT / "docs" / "img"
FOCUS = "Q184"  # Belarus


def _show_first_edge_of(page, node: str) -> None:
    """Click the first edge touching *node*, which opens its evidence card."""
    page.evaluate("""(node) => {
      const net = geokgMap.network, edge = net.getConnectedEdges(node)[0];
      if (!edge) { return; }
      net.selectEdges([edge]);
      net.body.emitter.emit("click", { nodes: [], edges: [edge] });
    }""", node)
    page.wait_for_timeout(300)


def main() -> None:
    """Write the screenshots and print their paths."""
    OUT.mkdir(parents=True, exist_ok=True)
    with geokg.open_store("memory:") as store:
        report = geokg.ingest([ROOT / "examples" / "articles"], store)
        if report.failures:
            raise SystemExit(f"demo corpus failed to ingest: {report.summary()}")
        pages = {lang: geokg.map(store, focus=FOCUS, depth=2, lang=lang,
                                 title="geokg: Belarus, two hops" if lang == "en" else "geokg: بيلاروسيا")
                 for lang in ("en", "ar")}
    with tempfile.TemporaryDirectory(prefix="geokg-shot-") as folder, chromium() as browser:
        for lang, html in pages.items():
            path = Path(folder) / f"map-{lang}.html"
            path.write_text(html, encoding="utf-8")
            with open_map(browser, path) as (page, log):
                if log.requests or log.console_errors:
                    raise SystemExit(f"{lang} map: requests {log.requests} errors {log.console_errors}")
                _show_first_edge_of(page, entity_iri(FOCUS))
                target = OUT / ("map-demo.png" if lang == "en" else "map-demo-ar.png")
                page.screenshot(path=str(target))
                print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
