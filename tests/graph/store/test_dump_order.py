"""Oxigraph's own dump order, which export streams: fixed by the data, not by the write order."""

from __future__ import annotations

import io
import random

import pyoxigraph as ox
import pytest

from geokg.graph.store.oxigraph import dump_dataset
from geokg.namespaces import ENTITIES_GRAPH, PREFIXES, article_iri


def _quads(n: int) -> list[ox.Quad]:
    """Return *n* quads over a few graphs, subjects and literal kinds (inline and stored strings)."""
    return [
        ox.Quad(ox.NamedNode(f"https://example.org/s{i % 97}"), ox.NamedNode(f"https://example.org/p{i % 7}"),
                ox.Literal(f"value {i}" + " long enough to be stored apart" * (i % 2), language="en" if i % 3 == 0 else None),
                ox.NamedNode(f"https://example.org/g{i % 31}"))
        for i in range(n)
    ]


def _dump(store: ox.Store, fmt: ox.RdfFormat) -> bytes:
    out = io.BytesIO()
    store.dump(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", [ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD])
def test_on_disk_stores_of_the_same_quads_dump_byte_identically_whatever_the_write_order(tmp_path, fmt):
    quads = _quads(2000)
    shuffled = random.Random(3).sample(quads, len(quads))
    bulk, one_by_one = ox.Store(str(tmp_path / "bulk")), ox.Store(str(tmp_path / "single"))
    bulk.bulk_extend(quads)
    for quad in shuffled:
        one_by_one.add(quad)
    one_by_one.optimize()
    assert _dump(bulk, fmt) == _dump(one_by_one, fmt)


@pytest.mark.parametrize("fmt", ["nq", "trig", "ttl", "nt", "jsonld"])
def test_dump_dataset_of_an_in_memory_store_does_not_depend_on_the_write_order(tmp_path, fmt):
    quads = _quads(500)
    outputs = []
    for order in (quads, quads[::-1]):
        store = ox.Store()
        store.extend(order)
        out = io.BytesIO()
        dump_dataset(store, out, fmt, hash_ordered=False)
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
    assert outputs[0]


def test_a_merged_dump_writes_a_triple_several_graphs_hold_once(tmp_path):
    quads = _quads(300)
    store = ox.Store(str(tmp_path / "store"))
    store.bulk_extend(quads + [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode("https://example.org/copy")) for q in quads])
    out = io.BytesIO()
    dump_dataset(store, out, "nt", hash_ordered=True)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(set(lines)) == len({q.triple for q in quads})


def test_a_merged_dump_writes_once_a_triple_an_article_graph_shares_with_other_graphs(tmp_path):
    # An article graph's own triples stream out without a lookup; the same triple copied into a
    # shared graph, the default graph or another article's graph must still come out once.
    first, second = article_iri("a" * 32), article_iri("b" * 32)
    entity, shared = ox.NamedNode(f"{PREFIXES['gkr']}entity/Q1"), ox.NamedNode(ENTITIES_GRAPH)
    own = [ox.Triple(ox.NamedNode(first), ox.NamedNode(f"{PREFIXES['dcterms']}source"), ox.Literal("https://example.org/a")),
           ox.Triple(ox.NamedNode(f"{first}/sentence/0-9"), ox.NamedNode(f"{PREFIXES['gkg']}text"), ox.Literal("A sentence")),
           ox.Triple(entity, ox.NamedNode(f"{PREFIXES['gkg']}mentionedIn"), ox.NamedNode(first))]
    loose = ox.Triple(entity, ox.NamedNode(f"{PREFIXES['rdfs']}label"), ox.Literal("One", language="en"))
    holders = [ox.NamedNode(first), ox.NamedNode(second), shared, ox.DefaultGraph()]
    store = ox.Store(str(tmp_path / "store"))
    store.bulk_extend([ox.Quad(*t, g) for t in (*own, loose) for g in holders])
    out = io.BytesIO()
    dump_dataset(store, out, "nt", hash_ordered=True)
    lines = out.getvalue().splitlines()
    assert sorted(lines) == sorted({ox.serialize([t], format=ox.RdfFormat.N_TRIPLES).strip() for t in (*own, loose)})
