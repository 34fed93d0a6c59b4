"""extract-corpus writes shards and a manifest without a store; load puts them in a store as ingest would."""

from __future__ import annotations

import gzip
from dataclasses import replace
import json
import shutil

import pyoxigraph as ox
import pytest

from geokg.cli import cli
from geokg.corpus import MANIFEST, encode_record, read_shard
from geokg.graph.store.facts import said_in
from geokg.ingest import extract_articles
from geokg.readers import ReadOptions, read_file
from tests.support.corpora import CORPUS, ingested_locally, sorted_quads
from tests.support.paths import EXAMPLES
from tests.support.servers import start_oxigraph


def _extract(runner, shards, *paths, size: int = 10):
    result = runner.invoke(cli, ["extract-corpus", "--keep-going", "--out", str(shards), "--shard-size", str(size),
                                 *map(str, paths)])
    assert result.exit_code == 0, result.output
    return result


def _load(runner, shards, url: str):
    result = runner.invoke(cli, ["load", str(shards), "--store", url])
    assert result.exit_code == 0, result.output
    return result


def _manifest(shards) -> list[dict]:
    return [json.loads(line) for line in (shards / MANIFEST).read_text("utf-8").splitlines()]


def _ingest(runner, url: str, *paths):
    result = runner.invoke(cli, ["ingest", "--keep-going", "--store", url, *map(str, paths)])
    assert result.exit_code == 0, result.output


def test_extract_corpus_then_load_writes_exactly_what_ingest_writes(runner, tmp_path):
    shards = tmp_path / "shards"
    made = _extract(runner, shards, *CORPUS)
    entries = _manifest(shards)
    extracted = int(made.stderr.splitlines()[-1].split()[0])
    assert [e["shard"] for e in entries] == [f"shard-{i:06d}.nq.gz" for i in range(len(entries))]
    assert [len(e["articles"]) for e in entries] == [10] * (len(entries) - 1) + [extracted % 10 or 10]
    errors = [line.removeprefix("error: ") for line in made.stderr.splitlines() if line.startswith("error: ")]
    assert errors and [f"{where}: {reason}" for e in entries for where, reason in e["failures"]] == errors
    url = f"oxigraph:{tmp_path / 'kg'}"
    loaded = _load(runner, shards, url)
    assert loaded.stderr.startswith(f"{extracted} ingested, 0 unchanged, 0 failed")
    assert sorted_quads(url) == ingested_locally(tmp_path)


def test_extract_corpus_again_skips_the_articles_its_manifest_has(runner, tmp_path):
    shards = tmp_path / "shards"
    first = _extract(runner, shards, EXAMPLES)
    before = {p.name: p.read_bytes() for p in shards.iterdir()}
    again = _extract(runner, shards, EXAMPLES)
    assert first.stderr.startswith("6 extracted, 0 already in the manifest")
    assert again.stderr.startswith("0 extracted, 6 already in the manifest")
    assert {p.name: p.read_bytes() for p in shards.iterdir()} == before


def test_a_shard_record_carries_every_field_and_the_shard_is_plain_n_quads(tmp_path):
    items = [item for path in sorted(EXAMPLES.glob("*.txt")) for item in read_file(path, ReadOptions())]
    records = extract_articles(items)
    shard = tmp_path / "one.nq.gz"
    shard.write_bytes(gzip.compress("".join(map(encode_record, records)).encode("utf-8")))
    # Every field but the statements' count, which the store reads back from the article's quads.
    assert list(read_shard(shard)) == [replace(r, said=None) for r in records]
    assert all(set(said_in(r.quads.nquads, r.iri)) == set(r.said) for r in records)
    parsed = list(ox.parse(gzip.decompress(shard.read_bytes()), format=ox.RdfFormat.N_QUADS))
    assert len(parsed) == sum(len(r.quads) + sum(map(len, r.descriptions)) for r in records)


def test_load_replaces_by_source_as_ingest_does(runner, tmp_path):
    corpus = tmp_path / "in"
    shutil.copytree(EXAMPLES, corpus)
    shards, changed = tmp_path / "shards", corpus / "en-nato-summit.txt"
    _ingest(runner, f"oxigraph:{tmp_path / 'ingested'}", corpus)
    _extract(runner, shards, corpus)
    changed.write_text(changed.read_text("utf-8") + "\nThe summit ended on Thursday.\n", "utf-8")
    _ingest(runner, f"oxigraph:{tmp_path / 'ingested'}", corpus)
    _extract(runner, shards, corpus)
    assert [len(e["articles"]) for e in _manifest(shards)] == [6, 1]  # the changed article is new
    _load(runner, shards, f"oxigraph:{tmp_path / 'loaded'}")
    assert sorted_quads(f"oxigraph:{tmp_path / 'loaded'}") == sorted_quads(f"oxigraph:{tmp_path / 'ingested'}")


def test_load_resumes_after_the_shards_it_finished_and_starts_over_in_a_new_store(runner, tmp_path):
    shards, store = tmp_path / "shards", tmp_path / "kg"
    _extract(runner, shards, EXAMPLES, size=2)
    assert _load(runner, shards, f"oxigraph:{store}").stderr.startswith("6 ingested, 0 unchanged")
    quads = sorted_quads(f"oxigraph:{store}")
    first = shards / "shard-000000.nq.gz"
    kept = first.read_bytes()
    first.write_bytes(b"not read again")  # a finished shard is skipped, not read
    assert _load(runner, shards, f"oxigraph:{store}").stderr.startswith("0 ingested, 6 unchanged")
    first.write_bytes(kept)
    shutil.rmtree(store)
    assert _load(runner, shards, f"oxigraph:{store}").stderr.startswith("6 ingested, 0 unchanged")
    assert sorted_quads(f"oxigraph:{store}") == quads


def test_a_manifest_line_a_killed_run_left_unfinished_is_written_again(runner, tmp_path):
    shards = tmp_path / "shards"
    _extract(runner, shards, *sorted(EXAMPLES.glob("en-*")))
    with (shards / MANIFEST).open("a", encoding="utf-8") as fh:
        fh.write('{"shard": "shard-000001.nq.gz", "articles": [["https://w3id')  # killed mid-line
    _extract(runner, shards, EXAMPLES)
    assert [len(e["articles"]) for e in _manifest(shards)] == [3, 3]
    url = f"oxigraph:{tmp_path / 'kg'}"
    _load(runner, shards, url)
    assert sorted_quads(url) == ingested_locally(tmp_path, [EXAMPLES])


def test_a_damaged_shard_or_a_folder_without_manifest_is_one_error_line(runner, tmp_path):
    shards = tmp_path / "shards"
    _extract(runner, shards, EXAMPLES)
    (shards / "shard-000000.nq.gz").write_bytes(b"not gzip")
    damaged = runner.invoke(cli, ["load", str(shards), "--store", f"oxigraph:{tmp_path / 'kg'}"])
    empty = runner.invoke(cli, ["load", str(tmp_path), "--store", f"oxigraph:{tmp_path / 'kg2'}"])
    for result in (damaged, empty):
        assert result.exit_code == 1 and result.stderr.splitlines() == [result.stderr.strip()]
    assert "shard-000000.nq.gz: cannot read the shard" in damaged.stderr
    assert "has no manifest.jsonl" in empty.stderr and not (tmp_path / "kg2").exists()


@pytest.mark.remote
def test_load_into_a_sparql_server_writes_what_ingest_writes(runner, tmp_path):
    server = start_oxigraph(tmp_path / "server")
    try:
        shards = tmp_path / "shards"
        _extract(runner, shards, EXAMPLES, size=4)
        _load(runner, shards, server.url)
        assert sorted_quads(server.url) == ingested_locally(tmp_path, [EXAMPLES])
    finally:
        server.stop()


@pytest.mark.parametrize("kind", ["embedded", pytest.param("server", marks=pytest.mark.remote)])
def test_load_keeps_the_last_of_the_versions_of_a_source_in_one_shard(kind, runner, tmp_path):
    # The writer asks the store about a shard's articles together: what it hears of a source must
    # not outlive the write of a newer version of it.
    name = "en-nato-summit.txt"
    versions = []
    for n, ending in enumerate(["", "The summit ended on Thursday.", "The summit ended on Friday."]):
        folder = tmp_path / f"v{n}"
        folder.mkdir()
        (folder / name).write_text((EXAMPLES / name).read_text("utf-8") + f"\n{ending}\n", "utf-8")
        versions.append(folder)
    shards = tmp_path / "shards"
    _extract(runner, shards, *versions[1:])
    assert [len(e["articles"]) for e in _manifest(shards)] == [2]
    server = start_oxigraph(tmp_path / "server") if kind == "server" else None
    try:
        url = server.url if server else f"oxigraph:{tmp_path / 'loaded'}"
        _ingest(runner, url, EXAMPLES, versions[0])
        _load(runner, shards, url)
        _ingest(runner, f"oxigraph:{tmp_path / 'ingested'}", EXAMPLES, versions[0])
        _ingest(runner, f"oxigraph:{tmp_path / 'ingested'}", *versions[1:])
        assert sorted_quads(url) == sorted_quads(f"oxigraph:{tmp_path / 'ingested'}")
        count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a gkg:Article }"
        assert runner.invoke(cli, ["query", "--store", url, "--format", "csv", count]).output.split()[-1] == "6"
    finally:
        if server:
            server.stop()
