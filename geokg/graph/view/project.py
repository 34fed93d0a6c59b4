"""Project the RDF knowledge graph onto a networkx graph of entities and relations.

The projection reads statement nodes rather than plain triples, so every edge carries
the sentences that support it. Only SPARQL 1.1 basics are used (no RDF-star, no
aggregates), so the same queries run on Oxigraph, rdflib and Virtuoso; grouping happens
here in Python.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # networkx takes a tenth of a second to import: only the commands that build graphs pay it
    import networkx as nx
from rdflib.term import Identifier

from ...model import SUPERCLASSES
from ...namespaces import GKG, WD
from ...ontology import symmetric_relations
from ..query.texts import run_query
from .text import clean_label

#: ``select(sparql)`` returns one dict per solution; unbound variables are absent or None. Values are
#: rdflib terms or ``Store.query_rows``' plain text: this module reads only ``str(value)`` and a
#: literal's ``language``, which both have.
Select = Callable[[str], list[Mapping[str, Identifier | str | None]]]

#: Relations stored in one direction that hold in both (declared in the ontology).
SYMMETRIC_RELATIONS = symmetric_relations()

#: Most evidence sentences kept per edge.
MAX_EVIDENCE = 5

#: Modalities from strongest to weakest: a statement read with several counts as its weakest.
MODALITY_RANK = {"asserted": 0, "ended": 1, "reported": 1, "planned": 2, "negated": 3}

_NOT_ENTITIES = frozenset({"Article", "Statement"})
_QID = re.compile(r"Q[1-9][0-9]*")

_GKG = str(GKG)
_WD = str(WD)


@dataclass(frozen=True, slots=True)
class _Statement:
    subject: str
    relation: str
    object: str
    article: str
    modality: str
    text: str
    title: str
    date: str
    source: str


def project(
    select: Select, *, since: str | None = None, until: str | None = None,
    relations: Collection[str] | None = None,
) -> nx.MultiDiGraph:
    """Return the entity graph: one node per entity, one edge per relation triple.

    Nodes are keyed by entity IRI and carry ``labels`` ({lang: label}), ``type`` (class
    local name), ``qid`` (Wikidata id or None) and ``degree``. Edges are keyed by relation
    local name and carry ``relation``, ``symmetric``, ``modalities`` (frozenset),
    ``planned`` (every non-negated statement is planned), ``support`` (distinct articles
    with a non-negated statement), ``first`` and ``last`` (earliest and latest issue date of
    those articles, "" when none is dated) and ``evidence`` (up to five dicts with ``text``,
    ``title``, ``date``, ``source``, ``modality`` and ``article``). Symmetric relations
    are merged whatever direction each article stored them in. Negated statements add
    evidence to an edge that other statements support, but never create one.

    Args:
        select: Runs a SPARQL SELECT over the union of article graphs and returns rows.
        since: Keep only statements from articles issued on or after this ISO date
            (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); undated articles are then left out.
        until: Keep only statements from articles issued on or before this ISO date.
        relations: Keep only statements whose relation local name is in this set.

    >>> project(lambda sparql: []).number_of_nodes()
    0
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    for entity, attrs in _entities(select).items():
        graph.add_node(entity, **attrs)
    for (subject, relation, obj), statements in _group_statements(select).items():
        if relations is not None and relation not in relations:
            continue
        statements = [s for s in statements if in_period(s.date, since, until)]
        positive = [s for s in statements if s.modality != "negated"]
        if not positive:
            continue
        for node in (subject, obj):
            if node not in graph:
                graph.add_node(node, labels={}, type="Entity", qid=None)
        modalities = frozenset(s.modality for s in statements)
        dates = sorted(s.date for s in positive if s.date)
        graph.add_edge(
            subject, obj, key=relation,
            relation=relation,
            symmetric=relation in SYMMETRIC_RELATIONS,
            modalities=modalities,
            planned=all(s.modality == "planned" for s in positive),
            support=len({s.article for s in positive}),
            first=dates[0] if dates else "",
            last=dates[-1] if dates else "",
            evidence=_evidence(statements),
        )
    for node in graph:
        graph.nodes[node]["degree"] = graph.degree(node)
    return graph


def in_period(date: str, since: str | None, until: str | None) -> bool:
    """Return True when the ISO *date* lies within [since, until] (bounds may be partial dates).

    >>> in_period("2024-03-01", "2024", None), in_period("2023-12-31", "2024-01", None)
    (True, False)
    >>> in_period("", None, None), in_period("", "2020", None)
    (True, False)
    """
    if since is None and until is None:
        return True
    if not date:
        return False
    if since is not None and date[: len(since)] < since:
        return False
    return until is None or date[: len(until)] <= until


def entities(select: Select) -> dict[str, dict]:
    """Return {entity IRI: {"labels", "type", "qid"}} for every typed entity, as ``project`` keys its nodes."""
    return _entities(select)


def _entities(select: Select) -> dict[str, dict]:
    types: dict[str, set[str]] = defaultdict(set)
    for row in run_query(select, "entity-types"):
        name = _local(row["type"], _GKG)
        if name and name not in _NOT_ENTITIES:
            types[str(row["entity"])].add(name)
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in run_query(select, "entity-labels"):
        entity, label = str(row["entity"]), row["label"]
        if entity in types:
            lang = (getattr(label, "language", None) or "").lower()
            known = labels[entity].get(lang)
            # Several articles may spell a label differently; keep one, deterministically.
            name = clean_label(str(label))  # no bidi control may reverse what is drawn after it
            labels[entity][lang] = min(known, name) if known else name
    qids: dict[str, str] = {}
    for row in run_query(select, "entity-wikidata"):
        entity, qid = str(row["entity"]), _local(row["same"], _WD)
        if entity in types and _QID.fullmatch(qid):
            qids[entity] = min(qids.get(entity, qid), qid, key=lambda q: int(q[1:]))
    return {
        entity: {"labels": labels.get(entity, {}), "type": _most_specific(names),
                 "qid": qids.get(entity)}
        for entity, names in types.items()
    }


def _most_specific(names: set[str]) -> str:
    parents = {SUPERCLASSES.get(name) for name in names}
    return sorted(names - parents)[0]


def _group_statements(select: Select) -> dict[tuple[str, str, str], list[_Statement]]:
    rows_by_statement: dict[str, list[Mapping]] = defaultdict(list)
    for row in run_query(select, "statements"):
        rows_by_statement[str(row["statement"])].append(row)
    grouped: dict[tuple[str, str, str], list[_Statement]] = defaultdict(list)
    for statement_iri in sorted(rows_by_statement):
        rows = rows_by_statement[statement_iri]
        first = rows[0]
        relation = _local(first["predicate"], _GKG)
        if not relation:
            continue
        subject, obj = str(first["subject"]), str(first["object"])
        if relation in SYMMETRIC_RELATIONS and obj < subject:
            subject, obj = obj, subject
        modalities = {_local(row["modality"], _GKG).lower() for row in rows}
        grouped[(subject, relation, obj)].append(_Statement(
            subject=subject, relation=relation, object=obj,
            article=str(first["article"]),
            # A malformed statement with several modalities counts as its weakest one.
            modality=max(modalities, key=lambda m: MODALITY_RANK.get(m, 1)),
            text=first_value(rows, "evidence"), title=first_value(rows, "title"),
            date=first_value(rows, "issued"), source=first_value(rows, "source"),
        ))
    return grouped


def _evidence(statements: list[_Statement]) -> list[dict[str, str]]:
    # Supporting sentences first, dated before undated, newest first, then a stable order.
    ordered = sorted(statements, key=lambda s: (s.title, s.article, s.text))
    ordered.sort(key=lambda s: s.date, reverse=True)
    ordered.sort(key=lambda s: (s.modality == "negated", not s.date))
    chosen: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for s in ordered:
        if (s.article, s.text) in seen:
            continue
        seen.add((s.article, s.text))
        chosen.append({"text": s.text, "title": s.title, "date": s.date,
                       "source": s.source, "modality": s.modality, "article": s.article})
        if len(chosen) == MAX_EVIDENCE:
            break
    return chosen


def display_label(labels: Mapping[str, str], fallback: str) -> str:
    """Return the English label, else the alphabetically first label, else *fallback*: an entity's name in reports.

    >>> display_label({"ar": "ب", "fr": "a"}, "x"), display_label({}, "x")
    ('a', 'x')
    """
    return labels.get("en") or next(iter(sorted(labels.values())), fallback)


def node_label(graph: nx.Graph, node: str) -> str:
    """Return the ``display_label`` of a node of a projection."""
    return display_label(graph.nodes[node].get("labels") or {}, node)


def first_value(rows: list[Mapping], name: str) -> str:
    """Return the smallest value bound to *name* in *rows* as text, or "" (deterministic pick)."""
    values = sorted(str(row[name]) for row in rows if row.get(name) is not None)
    return values[0] if values else ""


def gkg_name(term) -> str:
    """Return the local name of a gkg: term, or the term as text when it is not one."""
    text = str(term) if term is not None else ""
    return text[len(str(GKG)):] if text.startswith(str(GKG)) else text


def _local(term: Identifier | None, namespace: str) -> str:
    text = str(term) if term is not None else ""
    return text[len(namespace):] if text.startswith(namespace) else ""
