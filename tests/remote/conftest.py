"""Fixtures for the remote-store tests: real Oxigraph and Virtuoso servers on loopback.

A test needing a server skips only when that server is not installed on this machine
(`.ci/setup-servers.sh` installs both); a server that is installed but fails to start fails the test.
"""

from __future__ import annotations

import pytest

from geokg.graph.store import open_store
from tests.graph.conftest import articles, graph_writes, stale_ar  # noqa: F401  (fixtures shared with tests/graph)

from tests.remote.servers import OxigraphServer, VirtuosoServer, oxigraph_program, virtuoso_programs

#: backend id -> the session fixture running its server
SERVERS = {"oxigraph-server": "oxigraph_server", "virtuoso": "virtuoso_server"}


def start_oxigraph(folder) -> OxigraphServer:
    """Return a started Oxigraph server keeping its data in *folder*, or skip if it is not installed."""
    program = oxigraph_program()
    if program is None:
        pytest.skip("Oxigraph server not installed (pip install oxigraph; .ci/setup-servers.sh)")
    return OxigraphServer(folder, program).start()


def start_virtuoso(folder) -> VirtuosoServer:
    """Return a started Virtuoso with its database in *folder*, or skip if it is not installed."""
    programs = virtuoso_programs()
    if programs is None:
        pytest.skip("Virtuoso not installed (apt-get install virtuoso-opensource; .ci/setup-servers.sh)")
    return VirtuosoServer(folder, programs).start()


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


@pytest.fixture(params=list(SERVERS))
def backend(request) -> str:
    """Return the id of the remote backend under test."""
    return request.param


@pytest.fixture
def server(backend, request):
    """Return the running server of the backend under test, with no test graphs left in it."""
    running = request.getfixturevalue(SERVERS[backend])
    running.clear()
    return running


@pytest.fixture
def store(server):
    """Return a read-write store on the server under test."""
    with open_store(server.url) as opened:
        yield opened
