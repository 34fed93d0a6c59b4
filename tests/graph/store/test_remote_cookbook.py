"""End to end: the examples in a real Oxigraph server and a real Virtuoso answer like the embedded store.

Every command runs through the CLI: ingest, re-ingest of a changed article, every README cookbook
query, export, stats and map must give the same results on both sides.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import cli
from tests.support.cookbook import COOKBOOK, answer_set, run
from tests.support.paths import EXAMPLES

pytestmark = pytest.mark.backends("servers")


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Return a private copy of the example articles (a test edits one of them)."""
    return Path(shutil.copytree(EXAMPLES, tmp_path / "articles"))


def test_remote_readme_has_the_cookbook():
    assert len(COOKBOOK) >= 7 and all("SELECT" in q for q in COOKBOOK)


def test_remote_cookbook_export_stats_and_map_match_the_embedded_store(server, corpus, tmp_path):
    embedded = f"oxigraph:{tmp_path / 'kg'}"
    for url in (embedded, server.url):
        run("ingest", "--store", url, str(corpus))
    answered = 0
    for number, sparql in enumerate(COOKBOOK, 1):
        expected = answer_set(embedded, sparql)
        answered += bool(expected)
        assert answer_set(server.url, sparql) == expected, f"cookbook query {number}"
    assert answered >= len(COOKBOOK) - 2  # the examples deny nothing, for instance
    for fmt in ("nq", "ttl"):
        assert run("export", "--store", server.url, "--format", fmt) == run("export", "--store", embedded, "--format", fmt)
    assert run("stats", "--store", server.url, "--format", "json") == run("stats", "--store", embedded, "--format", "json")
    maps = []
    for url, name in ((embedded, "embedded.html"), (server.url, "remote.html")):
        run("map", "--store", url, "-o", str(tmp_path / name))
        maps.append((tmp_path / name).read_text(encoding="utf-8"))
    assert maps[0] == maps[1]


def test_remote_reingest_replaces_a_changed_article(server, corpus, tmp_path):
    embedded = f"oxigraph:{tmp_path / 'kg'}"
    article = corpus / "en-belarus-sco.txt"
    for url in (embedded, server.url):
        run("ingest", "--store", url, str(corpus))
    article.write_text(article.read_text(encoding="utf-8") + "\nBelarus and China held a joint exercise.\n", encoding="utf-8")
    for url in (embedded, server.url):
        run("ingest", "--store", url, str(corpus))
    count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a gkg:Article }"
    assert answer_set(server.url, count) == answer_set(embedded, count)
    assert run("export", "--store", server.url, "--format", "nq") == run("export", "--store", embedded, "--format", "nq")


def test_remote_explicit_endpoints_reach_the_server(server, corpus, tmp_path):
    # The update and Graph Store URLs given explicitly, as for a server whose layout is not guessed.
    from geokg.graph.store.remote import default_endpoints

    guessed = default_endpoints(server.url)
    result = CliRunner().invoke(cli, [
        "ingest", "--store", server.url, "--update-url", guessed.update, "--gsp-url", guessed.gsp, str(corpus),
    ])
    assert result.exit_code == 0, result.stderr
    assert "6 ingested" in result.stderr or "ingested" in result.stderr
