"""The geokg command line, against both store kinds: data on stdout, one-line errors on stderr."""

from __future__ import annotations

import json
import uuid

import pytest
from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic

from geokg.cli import cli
from geokg.namespaces import ENTITIES_GRAPH, FACTS_GRAPH
from tests.support.paths import DATA, EXAMPLES

SCO_MEMBERS = """SELECT DISTINCT ?m WHERE {
  ?org rdfs:label "Shanghai Cooperation Organisation"@en . ?m gkg:memberOf ?org }"""


@pytest.fixture
def url(store_url):
    """Return a store URL that survives between CLI invocations in this process."""
    return f"memory:{uuid.uuid4().hex}" if store_url == "memory:" else store_url


def _ingest(runner, url, *paths):
    return runner.invoke(cli, ["ingest", "--store", url, *map(str, paths)])


def _quads(runner, url) -> int:
    out = runner.invoke(cli, ["query", "--store", url, "--format", "json", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"])
    return int(json.loads(out.stdout)["results"]["bindings"][0]["n"]["value"])


def test_cli_ingest_seed_then_query_lists_belarus_in_sco(runner, url, seed):
    assert _ingest(runner, url, seed).exit_code == 0
    result = runner.invoke(cli, ["query", "--store", url, "--format", "csv", SCO_MEMBERS])
    assert result.exit_code == 0, result.stderr
    assert "http://www.wikidata.org/entity/Q184" in result.stdout or "/entity/Q184" in result.stdout


def test_cli_ingest_twice_keeps_the_same_quads(runner, url):
    assert _ingest(runner, url, EXAMPLES).exit_code == 0
    first = _quads(runner, url)
    second_run = _ingest(runner, url, EXAMPLES)
    assert second_run.exit_code == 0
    assert "0 ingested" in second_run.stderr
    assert _quads(runner, url) == first > 0


def test_cli_ingest_reports_bad_files_and_keeps_good_ones(runner, url, tmp_path):
    (tmp_path / "good.txt").write_text("Russia and Belarus held joint military exercises near Brest.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00binary\x00junk" + bytes(range(256)))
    (tmp_path / "empty.txt").write_bytes(b"")  # Latin-1 text is now detected and read, see test_ingest_encodings
    result = _ingest(runner, url, tmp_path)
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 2 and all("bad.txt" in e or "empty.txt" in e for e in errors)
    assert "1 ingested" in result.stderr
    assert _quads(runner, url) > 0


def test_cli_query_malformed_sparql_is_one_line_on_stderr(runner, url):
    _ingest(runner, url, EXAMPLES)
    result = runner.invoke(cli, ["query", "--store", url, "SELECT * WHERE { ?s ?p }"])
    assert result.exit_code != 0
    assert result.stdout == ""
    assert result.stderr.startswith("Error: SPARQL syntax error")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_cli_query_formats(runner, url, fmt):
    _ingest(runner, url, EXAMPLES)
    result = runner.invoke(cli, ["query", "--store", url, "--format", fmt, "SELECT DISTINCT ?a WHERE { ?a a gkg:Article }"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("gkr:article/" if fmt == "table" else "/resource/article/") == len(list(EXAMPLES.glob("*.txt")))


def test_cli_export_trig_parses_back_isomorphic(runner, url, tmp_path):
    _ingest(runner, url, EXAMPLES)
    trig, nq = tmp_path / "kg.trig", tmp_path / "kg.nq"
    assert runner.invoke(cli, ["export", "--store", url, "--format", "trig", "-o", str(trig)]).exit_code == 0
    assert runner.invoke(cli, ["export", "--store", url, "--format", "nq", "-o", str(nq)]).exit_code == 0
    a = Dataset().parse(trig, format="trig")
    b = Dataset().parse(nq, format="nquads")
    graphs_a = {g.identifier: g for g in a.graphs() if len(g)}
    graphs_b = {g.identifier: g for g in b.graphs() if len(g)}
    assert graphs_a.keys() == graphs_b.keys()
    # one graph per article, plus the shared graphs of entity descriptions and of facts
    assert len(graphs_a) == len(list(EXAMPLES.glob("*.txt"))) + 2
    assert URIRef(ENTITIES_GRAPH) in graphs_a and URIRef(FACTS_GRAPH) in graphs_a
    assert all(isomorphic(graphs_a[k], graphs_b[k]) for k in graphs_a)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_cli_export_single_graph_formats_parse(runner, url, fmt, tmp_path):
    from rdflib import Graph

    _ingest(runner, url, EXAMPLES)
    out = tmp_path / f"kg.{fmt}"
    assert runner.invoke(cli, ["export", "--store", url, "--format", fmt, "-o", str(out)]).exit_code == 0
    parsed = Dataset().parse(out, format="json-ld") if fmt == "jsonld" else Graph().parse(out, format={"ttl": "turtle", "nt": "nt"}[fmt])
    assert len(parsed) > 100


def test_cli_stats_counts_articles_and_relations(runner, url):
    _ingest(runner, url, EXAMPLES)
    result = runner.invoke(cli, ["stats", "--store", url, "--format", "json"])
    data = json.loads(result.stdout)
    assert data["articles"] == len(list(EXAMPLES.glob("*.txt")))
    assert data["relations"].get("gkg:memberOf", 0) > 0
    assert data["top_entities"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_cli_map_writes_offline_html(runner, url, lang, tmp_path):
    _ingest(runner, url, EXAMPLES)
    out = tmp_path / "map.html"
    result = runner.invoke(cli, ["map", "--store", url, "--lang", lang, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "vis-network" in html and "<script src=" not in html


def test_cli_query_on_missing_store_is_one_clear_line(runner, tmp_path):
    result = runner.invoke(cli, ["query", "--store", str(tmp_path / "nowhere"), "ASK { ?s ?p ?o }"])
    assert result.exit_code != 0
    assert "no store at" in result.stderr and "Traceback" not in result.stderr


def test_cli_extract_seed_json_has_the_two_required_relations(runner, seed):
    result = runner.invoke(cli, ["extract", str(seed), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == {"article", "entities", "relations"}
    triples = {(r["subject"]["label"], r["predicate"], r["object"]["label"]) for r in doc["relations"]}
    assert ("Belarus", "memberOf", "Shanghai Cooperation Organisation") in triples
    assert ("European Union", "sanctions", "Alexander Lukashenko") in triples
    rel = doc["relations"][0]
    assert {"subject", "predicate", "object", "evidence", "start", "end", "modality", "confidence"} <= set(rel)
    assert {"iri", "label", "qid", "type"} <= set(rel["subject"])
    text = seed.read_text(encoding="utf-8")
    assert all(text[r["start"] : r["end"]] == r["evidence"] for r in doc["relations"])


@pytest.mark.parametrize("fmt", ["ttl", "table"])
def test_cli_extract_other_formats(runner, fmt):
    result = runner.invoke(cli, ["extract", str(EXAMPLES / "en-belarus-sco.txt"), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert "memberOf" in result.stdout


def test_cli_eval_prints_scores(runner):
    result = runner.invoke(cli, ["eval", str(DATA / "dev" / "gold"), str(DATA / "dev" / "articles"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert set(scores["per_language"]) <= {"ar", "en"} and scores["overall"]["tp"] > 0
