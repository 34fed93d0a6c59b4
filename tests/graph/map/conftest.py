"""Browser fixtures: one headless Chromium per module, skipped only when Chromium is not installed."""

from __future__ import annotations

import pytest

from tests.support.chromium import CHROMIUM, chromium


@pytest.fixture(scope="module")
def browser():
    """Yield a Playwright browser context on the system Chromium, networking blocked per page."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: run .ci/setup-chromium.sh (apt-get install chromium)")
    with chromium() as context:
        yield context
