"""Fixtures for the graph tests: every backend, and two hand-written article graphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import DCTERMS, RDF

from geokg.graph.store import GraphWrite, Quads, open_store
from geokg.namespaces import GKG, article_iri

TWO_ARTICLES = Path(__file__).parents[1] / "data" / "graph" / "two-articles.nq"

#: backend id -> store URL; {path} is a fresh directory under the test's tmp_path.
BACKENDS = {
    "memory": "memory:",
    "oxigraph-memory": "oxigraph:",
    "oxigraph-disk": "oxigraph:{path}",
}

SOURCE_AR = "examples/articles/ar-china-belarus.txt"  # dcterms:source of the Arabic article


def graph_writes(nquads: str) -> list[GraphWrite]:
    """Return one GraphWrite per graph named in *nquads*, sorted by graph IRI."""
    by_graph: dict[str, list[str]] = {}
    for line in nquads.splitlines():
        if line.strip() and not line.startswith("#"):
            graph = line.rstrip(" .").rsplit(" ", 1)[1].strip("<>")
            by_graph.setdefault(graph, []).append(line + "\n")
    return [GraphWrite(iri, Quads.parse("".join(lines))) for iri, lines in sorted(by_graph.items())]


@pytest.fixture
def articles() -> list[GraphWrite]:
    """Return the Arabic and the English article graphs, in that order."""
    return graph_writes(TWO_ARTICLES.read_text(encoding="utf-8"))


@pytest.fixture
def stale_ar() -> GraphWrite:
    """Return an older version of the Arabic article: same source, other text, other graph."""
    iri = article_iri("6786980d9431639b8fdc913f7ba127da19007b202c54b3f25aa6c7a1cd56f754")
    g = f"<{iri}>"
    nquads = (
        f"{g} <{RDF.type}> <{GKG.Article}> {g} .\n"
        f'{g} <{DCTERMS.source}> "{SOURCE_AR}" {g} .\n'
    )
    return GraphWrite(iri, Quads.parse(nquads))


@pytest.fixture(params=list(BACKENDS))
def backend(request: pytest.FixtureRequest) -> str:
    """Return the id of the backend under test."""
    return request.param


@pytest.fixture
def open_backend(backend, tmp_path):
    """Return a function opening a new store of the backend under test; close them all after."""
    opened = []

    def _open(name: str = "kg"):
        store = open_store(BACKENDS[backend].format(path=tmp_path / name))
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close()


@pytest.fixture
def store(open_backend):
    """Return an empty read-write store of the backend under test."""
    return open_backend()
