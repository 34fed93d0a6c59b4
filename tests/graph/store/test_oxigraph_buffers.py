"""The embedded store on disk flushes what transactions leave in RocksDB's memtables once there is
enough of it, and never because of bulk loads, which bypass the memtables."""

from __future__ import annotations

from geokg.graph.store import Quads, open_store, oxigraph

G = "https://example.org/graph/buffers"


def _quads(n: int, start: int = 0) -> str:
    return "".join(f"<https://example.org/s/{i}> <https://example.org/p> \"{i}\" <{G}> .\n" for i in range(start, start + n))


def _insert(n: int, start: int = 0) -> str:
    triples = "".join(f"<https://example.org/s/{i}> <https://example.org/p> \"{i}\" .\n" for i in range(start, start + n))
    return f"INSERT DATA {{ GRAPH <{G}> {{ {triples} }} }}"


def test_a_bulk_load_leaves_nothing_to_flush(tmp_path):
    with open_store(f"oxigraph:{tmp_path / 'kg'}") as store:
        store._load_parts([Quads(_quads(100))])
        assert store._buffered == 0
        assert len(store.query_rows(f"SELECT ?s {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")[1]) == 100


def test_transaction_writes_are_flushed_once_past_the_limit(tmp_path, monkeypatch):
    with open_store(f"oxigraph:{tmp_path / 'kg'}") as store:
        store._update(_insert(10))
        held = store._buffered
        assert held > 0  # under the limit: still in the memtables
        monkeypatch.setattr(oxigraph, "FLUSH_BUFFERED", held + 100)
        store._update(_insert(10, start=10))
        assert store._buffered == 0
        assert len(store.query_rows(f"SELECT ?s {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")[1]) == 20


def test_a_store_in_memory_counts_nothing(tmp_path):
    with open_store("oxigraph:") as store:
        store._update(_insert(10))
        assert store._buffered == 0
