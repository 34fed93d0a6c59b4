"""Exports for other tools: GraphML, GEXF, CSV nodes/edges (and the CLI writing PLOVER events too)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from geokg.cli import cli
from geokg.graph.export import ALL_FORMATS, export
from geokg.graph.export.interchange import EDGE_COLUMNS, NODE_COLUMNS
from geokg.graph.store import open_store
from tests.support.demo import BELARUS, EU, SCO


def _export(url: str, fmt: str) -> bytes:
    out = io.BytesIO()
    with open_store(url, read_only=True) as store:
        export(store, out, fmt)
    return out.getvalue()


def test_export_graphml_opens_in_networkx(demo_store, tmp_path):
    path = tmp_path / "kg.graphml"
    path.write_bytes(_export(demo_store, "graphml"))
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.nodes[BELARUS]["label"] == "Belarus" and graph.nodes[BELARUS]["label_ar"] == "بيلاروسيا"
    assert graph.nodes[BELARUS]["qid"] == "Q184"
    edges = [d for _, v, d in graph.out_edges(BELARUS, data=True) if v == SCO and d["relation"] == "memberOf"]
    assert len(edges) == 1 and edges[0]["support"] >= 1 and edges[0]["first"] == "2024-07-09"
    assert edges[0]["evidence"]


def test_export_gexf_parses(demo_store, tmp_path):
    data = _export(demo_store, "gexf")
    root = ET.fromstring(data)
    assert root.tag.endswith("gexf")
    path = tmp_path / "kg.gexf"
    path.write_bytes(data)
    graph = nx.read_gexf(path)
    assert graph.nodes[EU]["label"] == "European Union"
    assert graph.number_of_edges() == nx.read_graphml(io.BytesIO(_export(demo_store, "graphml"))).number_of_edges()


def test_export_csv_nodes_and_edges_match_the_graph(demo_store):
    nodes = list(csv.DictReader(io.StringIO(_export(demo_store, "csv-nodes").decode("utf-8"))))
    edges = list(csv.DictReader(io.StringIO(_export(demo_store, "csv-edges").decode("utf-8"))))
    assert tuple(nodes[0]) == NODE_COLUMNS and tuple(edges[0]) == EDGE_COLUMNS
    ids = {row["id"] for row in nodes}
    assert all(row["source"] in ids and row["target"] in ids for row in edges)
    member = [r for r in edges if (r["source"], r["relation"], r["target"]) == (BELARUS, "memberOf", SCO)]
    assert len(member) == 1 and int(member[0]["support"]) >= 1


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv-nodes", "csv-edges", "plover"])
def test_cli_export_writes_other_formats(runner, demo_store, tmp_path, fmt):
    out = tmp_path / f"kg.{fmt}"
    result = runner.invoke(cli, ["export", "--store", demo_store, "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == _export(demo_store, fmt)
    assert fmt in ALL_FORMATS


def test_every_registered_writer_path_names_a_writer():
    from importlib import import_module

    from geokg.graph.export import catalogue
    from geokg.graph.export.formats import Formats

    registries = [v for v in vars(catalogue).values() if isinstance(v, Formats)]
    paths = [fmt.write.path for r in registries for fmt in r._formats.values() if hasattr(fmt.write, "path")]
    assert len(paths) >= 20
    for path in paths:
        module, name = path.split(":")
        assert callable(getattr(import_module(module), name)), path
