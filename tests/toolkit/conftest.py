"""Fixtures for the analyst toolkit tests: the demo corpus ingested once into an on-disk store."""

from __future__ import annotations

from pathlib import Path

import pytest

import geokg
from geokg.graph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
SEED = ROOT.parent / "shared" / "seeds" / "ar-china-belarus.txt"

BELARUS = "https://w3id.org/geokg/resource/entity/Q184"
SCO = "https://w3id.org/geokg/resource/entity/igo/sco"
EU = "https://w3id.org/geokg/resource/entity/Q458"
LI_SHANGFU = "https://w3id.org/geokg/resource/entity/person/li-shangfu"


def ingest_into(url: str, paths: list[Path]) -> str:
    """Ingest *paths* into the store at *url*; return the url."""
    with open_store(url) as store:
        report = geokg.ingest([str(p) for p in paths], store)
    assert not report.failed
    return url


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> str:
    """Return the URL of an on-disk store holding the examples and, when present, the seed article."""
    paths = [EXAMPLES] + ([SEED] if SEED.is_file() else [])
    return ingest_into(f"oxigraph:{tmp_path_factory.mktemp('demo') / 'store'}", paths)


@pytest.fixture(scope="session")
def demo_memory_store() -> str:
    """Return a shared in-process rdflib store (``memory:NAME``) holding the same articles."""
    paths = [EXAMPLES] + ([SEED] if SEED.is_file() else [])
    return ingest_into("memory:toolkit-demo", paths)


@pytest.fixture
def seed_present() -> None:
    """Skip the test when the shared seed article is not beside the repository."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
