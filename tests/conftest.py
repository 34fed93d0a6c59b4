"""Shared fixtures: store URLs for both store kinds, the CLI runner, the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.paths import SEED


@pytest.fixture(params=["memory", "oxigraph-disk"])
def store_url(request, tmp_path) -> str:
    """Return a store URL of each kind: in-memory rdflib, and a real on-disk Oxigraph store."""
    return "memory:" if request.param == "memory" else f"oxigraph:{tmp_path / 'store'}"


@pytest.fixture
def runner() -> CliRunner:
    """Return a click runner (stdout and stderr kept apart)."""
    return CliRunner()


@pytest.fixture
def seed() -> Path:
    """Return the seed article's path, skipping when the shared folder is not beside the repo."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED
