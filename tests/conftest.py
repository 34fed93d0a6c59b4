"""Shared fixtures: store URLs for both store kinds, the CLI runner, example paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples" / "articles"
SEED = ROOT.parent / "shared" / "seeds" / "ar-china-belarus.txt"
SEED_GOLD = ROOT.parent / "shared" / "dev" / "gold"


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
