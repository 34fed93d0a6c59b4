"""Fixtures for the graph tests: every store backend, two hand-written article graphs, the demo corpus.

A test taking ``store`` (or ``backend``) runs against every backend: the three embedded ones and,
marked ``remote``, a real Oxigraph server and a real Virtuoso on loopback. ``@pytest.mark.backends("embedded")``
or ``@pytest.mark.backends("servers")`` narrows it to one group, for behaviour that differs between them.
"""

from __future__ import annotations

import pytest
from rdflib.namespace import DCTERMS, RDF

from geokg.graph.store import GraphWrite, Quads, open_store
from geokg.namespaces import GKG, article_iri
from tests.support.demo import demo_paths, ingest_into
from tests.support.graphs import SOURCE_AR, TWO_ARTICLES, graph_writes
from tests.support.paths import SEED
from tests.support.servers import start_oxigraph, start_virtuoso

#: embedded backend id -> store URL; {path} is a fresh directory under the test's tmp_path.
BACKENDS = {
    "memory": "memory:",
    "oxigraph-memory": "oxigraph:",
    "oxigraph-disk": "oxigraph:{path}",
}

#: server backend id -> the session fixture running its server
SERVERS = {"oxigraph-server": "oxigraph_server", "virtuoso": "virtuoso_server"}

GROUPS = {"embedded": list(BACKENDS), "servers": list(SERVERS)}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Give each test using a backend one run per backend of its group (every backend unless marked)."""
    if "backend" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("backends")
    names = GROUPS[marker.args[0]] if marker else [*BACKENDS, *SERVERS]
    metafunc.parametrize(
        "backend", [pytest.param(name, marks=pytest.mark.remote) if name in SERVERS else name for name in names]
    )


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


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """Return an Oxigraph server shared by the session; stop it at the end."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-server"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """Return a Virtuoso server shared by the session; stop it at the end."""
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture
def server(backend, request):
    """Return the running server of the backend under test, with no test graphs left in it."""
    running = request.getfixturevalue(SERVERS[backend])
    running.clear()
    return running


@pytest.fixture
def open_backend(backend, tmp_path):
    """Return a function opening a new store of the (embedded) backend under test; close them all after."""
    opened = []

    def _open(name: str = "kg"):
        store = open_store(BACKENDS[backend].format(path=tmp_path / name))
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close()


@pytest.fixture
def store(backend, request):
    """Return an empty read-write store of the backend under test."""
    if backend in SERVERS:
        with open_store(request.getfixturevalue("server").url) as opened:
            yield opened
    else:
        yield request.getfixturevalue("open_backend")()


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> str:
    """Return the URL of an on-disk store holding the examples and, when present, the seed article."""
    return ingest_into(f"oxigraph:{tmp_path_factory.mktemp('demo') / 'store'}", demo_paths())


@pytest.fixture(scope="session")
def demo_memory_store() -> str:
    """Return a shared in-process rdflib store (``memory:NAME``) holding the same articles."""
    return ingest_into("memory:toolkit-demo", demo_paths())


@pytest.fixture
def seed_present() -> None:
    """Skip the test when the shared seed article is not beside the repository."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
