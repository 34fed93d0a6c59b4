"""Exports: what each format keeps, compared as graphs; output stable whatever the write order."""

from __future__ import annotations

import io

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from geokg.graph.export import EXPORT_FORMATS, export
from geokg.graph.store import DUMP_FORMATS, open_store
from geokg.namespaces import PREFIXES

RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}


def exported(store, fmt: str) -> bytes:
    """Return the bytes `export` writes for *store* in *fmt*."""
    out = io.BytesIO()
    export(store, out, fmt)
    return out.getvalue()


def written(articles) -> Dataset:
    """Return the articles' N-Quads parsed by rdflib: what the store was given."""
    dataset = Dataset()
    dataset.parse(data="".join(a.quads.nquads for a in articles), format="nquads")
    return dataset


def named_graphs(dataset: Dataset) -> dict[str, Graph]:
    """Return the non-empty named graphs of *dataset* by IRI."""
    return {
        str(g.identifier): g for g in dataset.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)
    }


def assert_same_graph(got: Graph, expected: Graph, name: str) -> None:
    """Fail with the triples only in one of the two graphs unless they are isomorphic."""
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        pytest.fail(
            f"{name}: only in export:\n{only_got.serialize(format='nt')}"
            f"only in input:\n{only_expected.serialize(format='nt')}"
        )


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_export_with_named_graphs_parses_back_graph_by_graph(store, articles, fmt):
    store.write(articles)
    got = Dataset()
    got.parse(data=exported(store, fmt), format=RDFLIB_FORMATS[fmt])
    expected = named_graphs(written(articles))
    assert sorted(named_graphs(got)) == sorted(expected) == sorted(a.iri for a in articles)
    for iri, graph in named_graphs(got).items():
        assert_same_graph(graph, expected[iri], iri)


@pytest.mark.parametrize("fmt", ["ttl", "nt"])
def test_export_without_named_graphs_holds_the_union(store, articles, fmt):
    store.write(articles)
    got = Graph().parse(data=exported(store, fmt), format=RDFLIB_FORMATS[fmt])
    union = Graph()
    for s, p, o, _ in written(articles).quads((None, None, None, None)):
        union.add((s, p, o))
    assert_same_graph(got, union, f"union as {fmt}")


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_export_turtle_family_uses_the_project_prefixes(store, articles, fmt):
    store.write(articles)
    text = exported(store, fmt).decode("utf-8")
    for prefix in ("gkg", "rdfs", "dcterms"):
        assert f"@prefix {prefix}: <{PREFIXES[prefix]}> ." in text


@pytest.mark.backends("embedded")  # two stores of one backend; a server is one store: ../store/test_remote.py
@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_export_does_not_depend_on_the_write_order(open_backend, articles, fmt):
    forward, backward = open_backend("forward"), open_backend("backward")
    forward.write(articles)
    for article in reversed(articles):
        backward.write([article])
    assert exported(forward, fmt) == exported(backward, fmt)


@pytest.mark.parametrize("fmt", ["nt", "nq"])
def test_export_line_formats_write_the_same_lines_on_every_engine(articles, fmt):
    # The same lines; their order is each engine's own (Oxigraph's follows its terms' hashes).
    outputs = []
    for url in ["memory:", "oxigraph:"]:
        with open_store(url) as store:
            store.write(articles)
            outputs.append(sorted(exported(store, fmt).splitlines()))
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_oxigraph_export_on_disk_and_in_memory_are_byte_identical(articles, tmp_path, fmt):
    # A server's export goes through an on-disk copy too: every Oxigraph path writes one order.
    outputs = []
    for url in [f"oxigraph:{tmp_path / 'store'}", "oxigraph:"]:
        with open_store(url) as store:
            store.write(articles)
            outputs.append(exported(store, fmt))
    assert outputs[0] == outputs[1]


def test_export_formats_are_the_dump_formats():
    assert sorted(EXPORT_FORMATS) == sorted(DUMP_FORMATS)


def test_export_unknown_format_raises_value_error(store):
    with pytest.raises(ValueError, match="unknown export format 'rdfxml'"):
        export(store, io.BytesIO(), "rdfxml")
