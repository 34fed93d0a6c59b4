"""Exports for other tools: GraphML and GEXF (Gephi), CSV nodes and edges.

They hold the aggregated facts (``project``: one edge per subject, relation and object with its
support and first/last article dates). PLOVER-style events, one per statement, are in ``plover``.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, BinaryIO, TextIO

if TYPE_CHECKING:  # networkx takes a tenth of a second to import: only the commands that build graphs pay it
    import networkx as nx

from ...ontology import relation_family, relation_label
from ..view.project import display_label, project
from ..view.resolve import text_selector
from ..store import Store
from .formats import text_stream

NODE_COLUMNS = ("id", "label", "label_en", "label_ar", "type", "qid", "wikidata", "degree")
EDGE_COLUMNS = ("source", "target", "relation", "label", "family", "directed", "support", "first", "last",
                "modalities", "planned", "evidence")


def write_graphml(store: Store, out: BinaryIO) -> None:
    """Write the aggregated entity graph of *store* as GraphML; return None."""
    import networkx as nx

    nx.write_graphml(_flat(store), out, encoding="utf-8", prettyprint=True, named_key_ids=True)


def write_gexf(store: Store, out: BinaryIO) -> None:
    """Write the aggregated entity graph of *store* as GEXF 1.2; return None."""
    import networkx as nx

    nx.write_gexf(_flat(store), out, encoding="utf-8", prettyprint=True, version="1.2draft")


@text_stream
def write_nodes(store: Store, text: TextIO) -> None:
    """Write one CSV row per entity of *store*; return None."""
    _write_csv(text, NODE_COLUMNS, _node_rows(_flat(store)))


@text_stream
def write_edges(store: Store, text: TextIO) -> None:
    """Write one CSV row per aggregated relation edge of *store*; return None."""
    _write_csv(text, EDGE_COLUMNS, _edge_rows(_flat(store)))


def _flat(store: Store) -> nx.MultiDiGraph:
    return flat_graph(project(text_selector(store)))


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return a copy of a projection whose node and edge attributes are all strings, numbers or booleans.

    Nodes keep their IRI as id and get ``label`` (English, else any), ``label_en``,
    ``label_ar``, ``type``, ``qid``, ``wikidata`` and ``degree``; edges get the columns of
    EDGE_COLUMNS (``source``/``target`` excepted), with the first evidence sentence.
    Symmetric relations keep the one direction they are stored in, with ``directed`` false.
    """
    import networkx as nx

    flat = nx.MultiDiGraph()
    for node, data in sorted(graph.nodes(data=True)):
        labels = data.get("labels") or {}
        qid = data.get("qid") or ""
        flat.add_node(node, label=display_label(labels, node),
                      label_en=labels.get("en", ""), label_ar=labels.get("ar", ""),
                      type=data.get("type", "Entity"), qid=qid,
                      wikidata=f"https://www.wikidata.org/wiki/{qid}" if qid else "",
                      degree=int(graph.degree(node)))
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        evidence = (data.get("evidence") or [{}])[0]
        flat.add_edge(u, v, key=key, relation=key, label=relation_label(key), family=relation_family(key),
                      directed=not data.get("symmetric", False), support=int(data.get("support", 1)),
                      first=data.get("first", ""), last=data.get("last", ""),
                      modalities=" ".join(sorted(data.get("modalities", ()))),
                      planned=bool(data.get("planned", False)), evidence=evidence.get("text", ""))
    return flat


def _node_rows(graph: nx.MultiDiGraph):
    for node, data in graph.nodes(data=True):
        yield [node, *(data[c] for c in NODE_COLUMNS[1:])]


def _edge_rows(graph: nx.MultiDiGraph):
    for u, v, data in graph.edges(data=True):
        yield [u, v, *(data[c] for c in EDGE_COLUMNS[2:])]


def _write_csv(text: TextIO, columns, rows) -> None:
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
