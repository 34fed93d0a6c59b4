"""A remote store's answer is bounded in size and in time: an endless or trickling response is one error line.

The servers are scratch HTTP servers on loopback that never finish their answer.
"""

from __future__ import annotations

import itertools
import time

from click.testing import CliRunner

from geokg.cli import cli
from tests.support.hostile import HostileServer

JSON = "application/sparql-results+json"


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    return line


def test_an_endless_answer_stops_at_the_size_limit(monkeypatch):
    monkeypatch.setenv("GEOKG_STORE_MAX_MB", "2")

    def endless(method, path, form):
        return 200, JSON, itertools.chain([b'{"head": {"vars": ["x"]}, "results": {"bindings": ['],
                                          itertools.repeat(b'{"x": {"type": "literal", "value": "a"}},' * 1000))

    with HostileServer(endless) as server:
        started = time.monotonic()
        line = one_line_error(CliRunner().invoke(cli, ["query", "--store", server.url, "SELECT ?x WHERE { ?x ?p ?o }"]))
    assert time.monotonic() - started < 30
    assert "sent more than 2 MB in one answer" in line and "GEOKG_STORE_MAX_MB" in line


def test_a_trickling_answer_stops_at_the_timeout(monkeypatch):
    monkeypatch.setenv("GEOKG_STORE_TIMEOUT", "2")
    monkeypatch.setenv("GEOKG_STORE_RETRIES", "0")

    def trickle(method, path, form):
        def chunks():
            yield b'{"head": {"vars": ["x"]}, "results": {"bindings": ['
            while True:
                time.sleep(0.2)
                yield b" "

        return 200, JSON, chunks()

    with HostileServer(trickle) as server:
        started = time.monotonic()
        line = one_line_error(CliRunner().invoke(cli, ["query", "--store", server.url, "SELECT ?x WHERE { ?x ?p ?o }"]))
    assert time.monotonic() - started < 10
    assert "did not finish its answer within 2 s" in line
