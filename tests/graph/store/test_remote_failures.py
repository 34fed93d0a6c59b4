"""Failures against real servers: a server killed mid-ingest, an unreachable endpoint, missing credentials."""

from __future__ import annotations

import importlib
import io

import pytest
from click.testing import CliRunner

from geokg.cli import cli
from geokg.errors import StoreError, StoreUnavailable
from geokg.graph.export import export
from geokg.graph.store import open_store
from tests.support.paths import EXAMPLES
from tests.support.servers import free_port, start_oxigraph, start_virtuoso

# The module, not the function geokg.ingest that the package exports under the same name.
pipeline = importlib.import_module("geokg.ingest")

STARTERS = {"oxigraph-server": start_oxigraph, "virtuoso": start_virtuoso}


def nquads(url: str) -> bytes:
    """Return the N-Quads export of the store at *url*."""
    out = io.BytesIO()
    with open_store(url, read_only=True) as store:
        export(store, out, "nq")
    return out.getvalue()


@pytest.mark.remote
@pytest.mark.parametrize("kind", list(STARTERS))
def test_remote_server_killed_mid_ingest_then_rerun_completes_without_duplicates(kind, tmp_path, monkeypatch):
    server = STARTERS[kind](tmp_path / "server")  # a private server: this test kills it
    try:
        monkeypatch.setenv("GEOKG_STORE_RETRIES", "1")
        written = []

        def kill_after_two(kind_: str, message: str) -> None:
            if kind_ == "ingested":
                written.append(message)
                if len(written) == 2:
                    server.kill()

        with open_store(server.url) as store, pytest.raises(StoreUnavailable) as caught:
            store.batch_articles = 1  # one write per article, so some land before the kill
            pipeline.ingest([EXAMPLES], store, on_event=kill_after_two)
        message = str(caught.value)
        assert message.startswith(f"cannot reach {server.url}") or message.startswith("cannot reach http://127.0.0.1")
        assert "\n" not in message and "is the SPARQL server running?" in message

        server.start()
        result = CliRunner().invoke(cli, ["ingest", "--store", server.url, str(EXAMPLES)])
        assert result.exit_code == 0, result.stderr
        assert "2 unchanged" in result.stderr
        embedded = f"oxigraph:{tmp_path / 'kg'}"
        assert CliRunner().invoke(cli, ["ingest", "--store", embedded, str(EXAMPLES)]).exit_code == 0
        assert nquads(server.url) == nquads(embedded)
    finally:
        server.stop()


def test_remote_unreachable_endpoint_is_one_line_on_stderr(monkeypatch):
    monkeypatch.setenv("GEOKG_STORE_RETRIES", "2")
    url = f"http://127.0.0.1:{free_port()}/query"
    result = CliRunner().invoke(cli, ["query", "--store", url, "ASK {}"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"Error: cannot reach {url}: Connection refused after 3 attempts; is the SPARQL server running?\n"


@pytest.mark.remote
def test_remote_wrong_path_names_the_endpoint_and_status(oxigraph_server):
    url = oxigraph_server.url.replace("/query", "/nowhere")
    with open_store(url) as store, pytest.raises(StoreUnavailable, match=rf"^no SPARQL endpoint at {url} \(HTTP 404"):
        store.query("ASK {}")


@pytest.mark.remote
def test_remote_virtuoso_login_endpoint_needs_credentials(virtuoso_server, monkeypatch, articles):
    url = virtuoso_server.url + "-auth"  # Virtuoso's /sparql-auth: the same endpoint behind a login
    monkeypatch.delenv("GEOKG_STORE_USER", raising=False)
    with open_store(url) as store, pytest.raises(StoreError, match=rf"^{url} refused access \(HTTP 401"):
        store.query("ASK {}")
    monkeypatch.setenv("GEOKG_STORE_USER", "dba")
    monkeypatch.setenv("GEOKG_STORE_PASSWORD", "dba")
    with open_store(url) as store:
        assert store.query("ASK { ?s ?p ?o }").boolean is True
