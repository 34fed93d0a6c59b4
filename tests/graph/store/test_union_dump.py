"""The merged export (ttl, nt): each triple of the union of the graphs once, subject by subject, in parallel."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from geokg.graph.store.union_dump import write_union
from geokg.namespaces import PREFIXES

EX = "https://example.org/"


def _store(tmp_path, subjects: int = 60) -> ox.Store:
    """Return an on-disk store whose triples are each held by one to three graphs."""
    store = ox.Store(str(tmp_path / "store"))
    store.bulk_extend(
        ox.Quad(ox.NamedNode(f"{EX}s{i % subjects}"), ox.NamedNode(f"{EX}p{i % 5}"), ox.Literal(f"v{i % 150}"),
                ox.NamedNode(f"{EX}g{i % 3 + copy}"))
        for i in range(600) for copy in range(1 + i % 3)
    )
    return store


def _union(store: ox.Store, fmt: ox.RdfFormat, **options) -> bytes:
    out = io.BytesIO()
    write_union(store, out, fmt, **options)
    return out.getvalue()


def test_every_triple_of_every_graph_is_written_once(tmp_path):
    store = _store(tmp_path)
    lines = _union(store, ox.RdfFormat.N_TRIPLES).splitlines()
    assert len(lines) == len(set(lines))
    assert {q.triple for q in ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)} == {q.triple for q in store}


def test_a_subjects_triples_are_written_together(tmp_path):
    subjects = [q.subject for q in ox.parse(_union(_store(tmp_path), ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)]
    runs = [s for i, s in enumerate(subjects) if i == 0 or subjects[i - 1] != s]
    assert len(runs) == len(set(runs)) == 60


@pytest.mark.parametrize("fmt", [ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES])
def test_the_bytes_do_not_depend_on_the_number_of_workers_or_the_block_size(tmp_path, fmt):
    store = _store(tmp_path)
    one = _union(store, fmt, workers=1, block_subjects=10_000)
    assert one
    for workers, block in [(1, 1), (2, 7), (3, 4), (2, 512)]:
        assert _union(store, fmt, workers=workers, block_subjects=block) == one


def test_turtle_declares_the_prefixes_once_at_the_top(tmp_path):
    text = _union(_store(tmp_path), ox.RdfFormat.TURTLE, workers=2, block_subjects=3).decode()
    assert text.count("@prefix") == len(PREFIXES)
    assert text.startswith("@prefix")


@pytest.mark.parametrize("fmt", [ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES])
def test_an_empty_store_writes_what_an_empty_serialisation_writes(tmp_path, fmt):
    assert _union(ox.Store(str(tmp_path / "empty")), fmt) == ox.serialize([], None, fmt, prefixes=PREFIXES)
