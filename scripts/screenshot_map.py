"""Regenerate the map screenshots in docs/img/: the demo corpus's default map, as a network and on the world map.

    python scripts/screenshot_map.py

Ingests the demo corpus (examples/articles, plus the shared seed article when present) into an
in-memory store, draws the default map (no selection option) in English and in Arabic, opens each
in headless Chromium with networking blocked, and saves the network view (map-network*.png) and
the geographic view (map-geo*.png) as the page opens, untouched.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geokg  # noqa: E402
from tests.support.chromium import chromium, open_map  # noqa: E402
from tests.support.demo import demo_paths  # noqa: E402

OUT = ROOT / "docs" / "img"
TITLES = {"en": "geokg: the demo corpus", "ar": "geokg: المدونة التجريبية"}


def main() -> None:
    """Write the four screenshots and print their paths."""
    OUT.mkdir(parents=True, exist_ok=True)
    with geokg.open_store("memory:") as store:
        report = geokg.ingest([str(p) for p in demo_paths()], store)
        if report.failures:
            raise SystemExit(f"demo corpus failed to ingest: {report.summary()}")
        pages = {(lang, layout): geokg.map(store, lang=lang, layout=layout, title=TITLES[lang])
                 for lang in ("en", "ar") for layout in ("network", "geo")}
    with tempfile.TemporaryDirectory(prefix="geokg-shot-") as folder, chromium() as browser:
        for (lang, layout), html in pages.items():
            path = Path(folder) / f"map-{layout}-{lang}.html"
            path.write_text(html, encoding="utf-8")
            with open_map(browser, path) as (page, log):
                if log.requests or log.console_errors:
                    raise SystemExit(f"{lang} {layout} map: requests {log.requests} errors {log.console_errors}")
                target = OUT / f"map-{layout}{'' if lang == 'en' else '-ar'}.png"
                page.screenshot(path=str(target))
                print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
