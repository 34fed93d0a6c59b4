"""Exports for other tools: GraphML and GEXF (Gephi), CSV nodes and edges, PLOVER-style JSONL events.

The graph formats and the CSV files hold the aggregated facts (``project``: one edge per
subject, relation and object with its support and first/last article dates); the JSONL
events hold one line per statement, with its sentence and character offsets.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

if TYPE_CHECKING:  # networkx takes a tenth of a second to import: only the commands that build graphs pay it
    import networkx as nx

from ...namespaces import GKG
from ...ontology import load_ontology, relation_family, relation_label, relation_names
from ..query.texts import run_query
from ..view.project import display_label, entities, first_value, gkg_name, project
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


@text_stream
def write_plover(store: Store, text: TextIO) -> None:
    """Write one PLOVER-style JSON line per statement of *store*; return None."""
    for event in plover_events(store):
        text.write(json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n")


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


def plover_events(store: Store) -> list[dict[str, Any]]:
    """Return one PLOVER-style event dict per statement node, sorted by statement IRI.

    ``event_type`` is the relation's PLOVER category from the ontology (``gkg:ploverCode``,
    None where PLOVER has none), ``mode`` the geokg relation that refines it, ``modality``
    how the article presents it (asserted, planned, negated, reported). ``date`` is the
    article's issue date and ``event_date`` the date the sentence gives, when it gives one;
    ``offsets`` are character offsets of the sentence in the article text.
    """
    select = text_selector(store)
    nodes = entities(select)
    rows: dict[str, list[Mapping]] = defaultdict(list)
    for row in run_query(select, "events"):
        rows[str(row["statement"])].append(row)
    codes = _codes()
    known = relation_names()
    events = []
    for iri in sorted(rows):
        group = rows[iri]
        relation = gkg_name(group[0]["predicate"])
        if relation not in known:
            continue
        plover, cameo = codes.get(relation, (None, None))
        start, end = first_value(group, "start"), first_value(group, "end")
        events.append({
            "id": iri,
            "date": first_value(group, "issued") or None,
            "event_date": first_value(group, "date") or None,
            "event_type": plover,
            "mode": relation,
            "modality": gkg_name(first_value(group, "modality")).lower(),
            "cameo": cameo,
            "actor": _actor(str(group[0]["subject"]), nodes),
            "recipient": _actor(str(group[0]["object"]), nodes),
            "text": first_value(group, "evidence"),
            "offsets": {"start": int(start), "end": int(end)} if start and end else None,
            "confidence": float(first_value(group, "confidence")) if first_value(group, "confidence") else None,
            "article": {"id": str(group[0]["article"]), "title": first_value(group, "title") or None,
                        "source": first_value(group, "source") or None, "language": first_value(group, "language") or None},
        })
    return events


def _codes() -> dict[str, tuple[str | None, str | None]]:
    """Return relation -> (PLOVER category, CAMEO code) from the ontology (the smallest CAMEO code when several)."""
    ontology = load_ontology()
    out = {}
    for name in relation_names():
        plover = sorted(str(v) for v in ontology.objects(GKG[name], GKG.ploverCode))
        cameo = sorted(str(v) for v in ontology.objects(GKG[name], GKG.cameoCode))
        out[name] = (plover[0] if plover else None, cameo[0] if cameo else None)
    return out


def _actor(iri: str, nodes: Mapping[str, dict]) -> dict[str, Any]:
    node = nodes.get(iri) or {}
    labels = node.get("labels") or {}
    return {"id": iri, "name": display_label(labels, iri),
            "names": dict(sorted(labels.items())), "type": node.get("type", "Entity"), "wikidata": node.get("qid")}


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
