"""The corpus the cluster and shard tests ingest, and the store contents they compare."""

from __future__ import annotations

import io
from pathlib import Path

from geokg.graph.store import open_store
from geokg.ingest import ingest
from tests.support.paths import DATA, EXAMPLES

#: The demo articles, the dev articles, and the ingest formats (with their bad inputs).
CORPUS = [EXAMPLES, DATA / "dev" / "articles", DATA / "ingest"]


def sorted_quads(url: str) -> list[bytes]:
    """Return every quad of the store at *url* as N-Quads lines, sorted."""
    out = io.BytesIO()
    with open_store(url, read_only=True) as store:
        store.dump(out, "nq")
    return sorted(out.getvalue().splitlines())


def ingested_locally(folder: Path, paths: list[Path] = CORPUS) -> list[bytes]:
    """Return the sorted quads of a one-job ingest of *paths* into a new store in *folder*."""
    url = f"oxigraph:{folder / 'local'}"
    with open_store(url) as store:
        ingest(paths, store)
    return sorted_quads(url)
