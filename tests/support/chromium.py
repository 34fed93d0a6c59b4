"""Open generated map pages in the system's headless Chromium with every network request blocked.

Used by the browser tests (tests/graph/map/test_browser.py), ``benchmarks/bench_map.py`` and ``scripts/screenshot_map.py``.
Playwright only drives the Debian ``chromium`` binary (``.ci/setup-chromium.sh`` installs
it); ``playwright install`` is never needed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

#: The browser the tests drive; override with $GEOKG_CHROMIUM.
CHROMIUM = Path(os.environ.get("GEOKG_CHROMIUM", "/usr/bin/chromium"))

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # a request that slips past the route still fails
]


@dataclass
class PageLog:
    """What a page did besides drawing: requests it attempted, errors it logged, dialogs it opened."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def chromium() -> Iterator[object]:
    """Yield a Playwright browser running the system Chromium with a fresh profile."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="geokg-chromium-") as profile, sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=FLAGS, headless=True,
            viewport={"width": 1400, "height": 900}, offline=True,
        )
        try:
            yield context
        finally:
            context.close()


@contextmanager
def open_map(context, path: Path, *, timeout_ms: int = 120_000) -> Iterator[tuple[object, PageLog]]:
    """Yield ``(page, log)`` once the map at *path* reports that its layout is drawn.

    Every request other than loading *path* itself is recorded in ``log.requests`` and aborted.
    """
    log = PageLog()
    url = path.resolve().as_uri()
    page = context.new_page()

    def block(route) -> None:
        if route.request.url == url:
            route.continue_()  # the page itself, read from disk
        else:
            route.abort()

    page.route("**/*", block)
    page.on("request", lambda request: request.url != url and log.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and log.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: log.console_errors.append(str(exc)))
    page.on("dialog", lambda dialog: (log.dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(url, wait_until="load")
        page.wait_for_function("window.geokgMap && window.geokgMap.ready", timeout=timeout_ms)
        yield page, log
    finally:
        page.close()
