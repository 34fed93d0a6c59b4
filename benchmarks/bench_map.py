"""Time `geokg.map` on synthetic stores of 500 and 5,000 entities, and Chromium's layout of the result.

    python benchmarks/bench_map.py            # 500 and 5000
    python benchmarks/bench_map.py 500 2000   # other sizes

Prints, per size: entities and relations drawn, generation time, HTML size, and the time
headless Chromium (networking blocked) takes from page start until the first layout is drawn.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geokg  # noqa: E402
from tests.support.chromium import CHROMIUM, chromium, open_map  # noqa: E402
from tests.support.synthetic import synthetic_writes  # noqa: E402


def main(sizes: list[int]) -> None:
    """Run the benchmark for each size and print one row per size."""
    print(f"{'entities':>8} {'drawn':>6} {'edges':>6} {'generate s':>10} {'HTML MB':>8} {'Chromium layout s':>17} {'load+layout s':>13}")
    with tempfile.TemporaryDirectory(prefix="geokg-bench-") as folder, chromium() as browser:
        for size in sizes:
            with geokg.open_store("oxigraph:") as store:
                store.write(synthetic_writes(size))
                started = time.perf_counter()
                page = geokg.map(store)
                generate = time.perf_counter() - started
            path = Path(folder) / f"map-{size}.html"
            path.write_text(page, encoding="utf-8")
            started = time.perf_counter()
            with open_map(browser, path, timeout_ms=600_000) as (tab, log):
                wall = time.perf_counter() - started
                drawn = tab.evaluate("geokgMap.drawn()")
                layout_ms = tab.evaluate("geokgMap.layoutMs")
            if log.requests or log.console_errors:
                raise SystemExit(f"map {size}: requests {log.requests[:3]} errors {log.console_errors[:3]}")
            print(f"{size:>8} {drawn['nodes']:>6} {drawn['edges']:>6} {generate:>10.2f} "
                  f"{path.stat().st_size / 1e6:>8.2f} {layout_ms / 1000:>17.2f} {wall:>13.2f}")


if __name__ == "__main__":
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} not found: run .ci/setup-chromium.sh")
    main([int(a) for a in sys.argv[1:]] or [500, 5000])
