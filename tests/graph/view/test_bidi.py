"""A label with a bidi control (U+202E reverses what follows) is drawn and printed clean; evidence shows it escaped."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from geokg.cli import cli
from geokg.graph.store import open_store
from geokg.namespaces import FACTS_GRAPH
from tests.support.demo import BELARUS, demo_paths, ingest_into

RLO = "\u202e"
CONTROLS = (RLO, "\u202d", "\u2066", "\u2069", "\u200f")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> str:
    """Return a demo store whose Belarus labels and evidence sentences carry bidi controls."""
    url = ingest_into(f"oxigraph:{tmp_path_factory.mktemp('bidi') / 'kg'}", demo_paths())
    with open_store(url) as store:
        store.update(f"""
            DELETE {{ GRAPH ?g {{ <{BELARUS}> rdfs:label ?l }} }}
            INSERT {{ GRAPH ?g {{ <{BELARUS}> rdfs:label ?evil }} }}
            WHERE {{ GRAPH ?g {{ <{BELARUS}> rdfs:label ?l }} BIND(STRLANG(CONCAT("{RLO}\u2066", STR(?l), "\u2069"), LANG(?l)) AS ?evil) }}""")
        store.update(f"""
            DELETE {{ GRAPH ?g {{ ?sentence gkg:text ?e }} }}
            INSERT {{ GRAPH ?g {{ ?sentence gkg:text ?evil }} }}
            WHERE {{ SELECT DISTINCT ?g ?sentence ?e ?evil WHERE {{
                GRAPH <{FACTS_GRAPH}> {{ ?fact rdf:subject|rdf:object <{BELARUS}> }}
                GRAPH ?g {{ ?st gkg:fact ?fact ; gkg:sentence ?sentence . ?sentence gkg:text ?e }}
                BIND(CONCAT("{RLO}", ?e) AS ?evil) }} }}""")
    return url


def test_show_prints_labels_without_bidi_controls_and_evidence_with_them_escaped(hostile):
    result = CliRunner().invoke(cli, ["show", "--store", hostile, "Q184"])
    assert result.exit_code == 0, result.output
    assert not any(c in result.stdout for c in CONTROLS)
    assert "Belarus" in result.stdout.splitlines()[0]
    assert "“\\u202e" in result.stdout


def test_map_draws_labels_without_bidi_controls(hostile, tmp_path):
    out = tmp_path / "map.html"
    result = CliRunner().invoke(cli, ["map", "--store", hostile, "-o", str(out), "--focus", "Q184"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert not any(c in page for c in CONTROLS)
    assert not any(c.encode("unicode_escape").decode() in page for c in CONTROLS[1:])  # labels: gone, not escaped
    assert "Belarus" in page
