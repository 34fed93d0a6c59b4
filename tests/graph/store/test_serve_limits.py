"""`geokg serve` under hostile queries and clients: it answers an error status and keeps serving.

Each test talks to a real `geokg serve` on loopback, started with small limits.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.support.demo import demo_paths, ingest_into
from tests.support.servers import free_port

PANIC = "SELECT * WHERE { ?s ?p ?o . ?s ?p2 ?o2 } ORDER BY ?o ?o2"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COMMAND = [sys.executable, "-c", "from geokg.cli import main; main()"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    """Return the URL of an on-disk store holding the demo corpus."""
    return ingest_into(f"oxigraph:{tmp_path_factory.mktemp('limits') / 'kg'}", demo_paths())


def start(store: str, *options: str) -> tuple[subprocess.Popen, str]:
    """Start `geokg serve` on *store* with *options*; return the process and its query endpoint."""
    port = free_port()
    process = subprocess.Popen([*COMMAND, "serve", "--store", store, "--port", str(port), *options],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    endpoint = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=2).close()
            return process, endpoint
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"geokg serve did not start: {process.communicate()[1]}")
            time.sleep(0.1)


@pytest.fixture(scope="module")
def server(demo):
    """Return the query endpoint of `geokg serve` with a 3 s timeout and a 200 KB result limit, and its process."""
    process, endpoint = start(demo, "--timeout", "3", "--max-result", "200KB")
    yield endpoint, process
    process.terminate()
    process.wait(timeout=30)


def ask(endpoint: str, sparql: str, timeout: float = 30, **headers: str) -> tuple[int, str, dict]:
    """POST *sparql*; return the status, the body and the headers of the answer."""
    request = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": sparql}).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read().decode(), dict(answer.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), dict(exc.headers)


def alive(endpoint: str) -> bool:
    """Return True when the endpoint answers a trivial query."""
    return ask(endpoint, "ASK {}")[:2] == (200, '{"head":{},"boolean":true}')


def children(process: subprocess.Popen) -> list[int]:
    """Return the child processes of *process* (the queries it runs)."""
    found = Path(f"/proc/{process.pid}/task").glob("*/children")
    return [int(pid) for path in found for pid in path.read_text().split()]


def test_a_query_that_crashes_the_engine_is_answered_500_and_the_server_goes_on(server):
    endpoint, process = server
    status, body, _ = ask(endpoint, PANIC)
    assert status == 500 and "the query engine failed on this query" in body
    assert process.poll() is None and alive(endpoint)


def test_a_runaway_query_stops_at_the_timeout_with_503(server):
    endpoint, _ = server
    started = time.monotonic()
    status, body, _ = ask(endpoint, RUNAWAY)
    assert status == 503 and "ran longer than 3 s" in body
    assert time.monotonic() - started < 10


def test_a_client_that_disconnects_frees_the_cpu(demo):
    process, endpoint = start(demo, "--timeout", "600")
    try:
        port = int(endpoint.split(":")[2].split("/")[0])
        body = urllib.parse.urlencode({"query": RUNAWAY}).encode()
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                           b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            time.sleep(1.5)
            assert children(process), "the query should be running"
        deadline = time.monotonic() + 5
        while children(process) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not children(process)
        assert alive(endpoint)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_results_are_bounded_in_size(server):
    endpoint, _ = server
    status, body, _ = ask(endpoint, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    assert status == 500 and "larger than 204,800 bytes" in body
    assert alive(endpoint)


def test_federation_is_off_by_default(server):
    endpoint, _ = server
    for target in (f"<{endpoint}>", "?x"):
        status, body, _ = ask(endpoint, f"SELECT * WHERE {{ SERVICE {target} {{ ?s ?p ?o }} }}")
        assert status == 403 and "federation" in body and "--allow-service" in body
    # SPARQL decodes \\u escapes before parsing, keywords included
    status, _, _ = ask(endpoint, f"SELECT * WHERE {{ \\u0053ERVICE <{endpoint}> {{ ?s ?p ?o }} }}")
    assert status == 403


def test_federation_to_an_allowed_endpoint(demo, server):
    other, _ = server
    process, endpoint = start(demo, "--allow-service", other)
    try:
        status, body, _ = ask(endpoint, f"SELECT * WHERE {{ SERVICE <{other}> {{ ?s a <https://w3id.org/geokg/ontology#Article> }} }}",
                              Accept="application/sparql-results+json")
        assert status == 200 and json.loads(body)["results"]["bindings"]
        assert ask(endpoint, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/q> { ?s ?p ?o } }")[0] == 403
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_cors_is_off_by_default_and_on_for_named_origins(demo, server):
    endpoint, _ = server
    assert "Access-Control-Allow-Origin" not in ask(endpoint, "ASK {}", Origin="https://evil.example")[2]
    process, named = start(demo, "--cors-origin", "https://yasgui.example")
    try:
        assert ask(named, "ASK {}", Origin="https://yasgui.example")[2]["Access-Control-Allow-Origin"] == "https://yasgui.example"
        assert "Access-Control-Allow-Origin" not in ask(named, "ASK {}", Origin="https://evil.example")[2]
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_listens_on_loopback_and_says_so_in_its_help():
    from click.testing import CliRunner

    from geokg.cli import cli

    help_text = " ".join(CliRunner().invoke(cli, ["serve", "--help"]).output.split())
    assert "default: 127.0.0.1" in help_text
    assert "CORS off" in help_text and "SERVICE off" in help_text and "--allow-service" in help_text


def test_ingest_while_serving_is_refused_with_the_lock_message(server, demo):
    done = subprocess.run([*COMMAND, "ingest", "--store", demo, str(demo_paths()[0])],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "is locked by another process" in done.stderr and "geokg serve" in done.stderr
