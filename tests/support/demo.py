"""The demo corpus (the example articles, plus the shared seed when present) and entities it names."""

from __future__ import annotations

from pathlib import Path

import geokg
from geokg.graph.store import open_store
from tests.support.paths import EXAMPLES, SEED

BELARUS = "https://w3id.org/geokg/resource/entity/Q184"
SCO = "https://w3id.org/geokg/resource/entity/igo/sco"
EU = "https://w3id.org/geokg/resource/entity/Q458"
LI_SHANGFU = "https://w3id.org/geokg/resource/entity/person/li-shangfu"


def demo_paths() -> list[Path]:
    """Return the demo corpus: the examples folder and, when it is beside the repository, the seed article."""
    return [EXAMPLES] + ([SEED] if SEED.is_file() else [])


def ingest_into(url: str, paths: list[Path]) -> str:
    """Ingest *paths* into the store at *url*; return the url."""
    with open_store(url) as store:
        report = geokg.ingest([str(p) for p in paths], store)
    assert not report.failed
    return url
