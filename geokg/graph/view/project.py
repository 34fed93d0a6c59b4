"""Project the RDF knowledge graph onto a networkx graph of entities and relations.

Edges come from the facts graph (one fact per subject, relation and object, with its figures: see
``edges``), nodes from the entities' types, labels and Wikidata links. Only SPARQL 1.1 basics are
used (no RDF-star, no aggregates), so the same queries run on Oxigraph, rdflib and Virtuoso.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # networkx takes a tenth of a second to import: only the commands that build graphs pay it
    import networkx as nx
from rdflib.term import Identifier

from ...model import KIND_CLASSES, SUPERCLASSES
from ...namespaces import GKG, WD
from ...ontology import symmetric_relations
from ..query.texts import run_query
from .edges import Fact, Select, add_evidence, chunks, read_facts
from .text import clean_label

#: Relations stored in one direction that hold in both (declared in the ontology).
SYMMETRIC_RELATIONS = symmetric_relations()

#: Modalities from strongest to weakest: a statement read with several counts as its weakest.
MODALITY_RANK = {"asserted": 0, "ended": 1, "reported": 1, "planned": 2, "negated": 3}

_NOT_ENTITIES = frozenset({"Article", "Statement"})
# The classes an entity is written with, bound in the query: asking for them by name reads their
# instances only, where any type would read every article's (one per article in the store).
_ENTITY_TYPES = " ".join(f"gkg:{cls}" for cls in sorted({*KIND_CLASSES.values(), *SUPERCLASSES.values()}))
_QID = re.compile(r"Q[1-9][0-9]*")

_GKG = str(GKG)
_WD = str(WD)


def project(
    select: Select, *, since: str | None = None, until: str | None = None,
    relations: Collection[str] | None = None, evidence: bool = True,
) -> nx.MultiDiGraph:
    """Return the entity graph: one node per entity, one edge per fact some article supports.

    Nodes are keyed by entity IRI and carry ``labels`` ({lang: label}), ``type`` (class
    local name), ``qid`` (Wikidata id or None) and ``degree``. Edges are keyed by relation
    local name and carry ``relation``, ``fact`` (its IRI), ``symmetric``, ``modalities``
    (frozenset), ``planned`` (every non-negated statement is planned), ``support`` (distinct
    articles with a non-negated statement), ``first`` and ``last`` (earliest and latest issue
    date of those articles, "" when none is dated) and ``evidence`` (up to five dicts with
    ``text``, ``title``, ``date``, ``source``, ``modality`` and ``article``). Symmetric
    relations are one edge whatever direction each article stated them in. Negated statements
    add evidence to an edge that other statements support, but never create one.

    Args:
        select: Runs a SPARQL SELECT over the union of article graphs and returns rows.
        since: Count only statements from articles issued on or after this ISO date
            (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); undated articles are then left out.
        until: Count only statements from articles issued on or before this ISO date.
        relations: Keep only facts whose relation local name is in this set.
        evidence: Read the evidence sentences (else every ``evidence`` is empty; see ``add_evidence``).

    >>> project(lambda sparql: []).number_of_nodes()
    0
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    for entity, attrs in entities(select).items():
        graph.add_node(entity, **attrs)
    add_facts(graph, read_facts(select, relations=relations, since=since, until=until).values())
    if evidence:
        add_evidence(select, graph)
    return graph


def add_facts(graph: nx.MultiDiGraph, facts: Iterable[Fact], degrees: Mapping[str, int] | None = None) -> None:
    """Add one edge per fact to *graph* (and its ends, untyped when not yet nodes), then set every node's ``degree``; return None.

    *degrees*, when given, are the nodes' degrees in the whole projection (a part of it may hold fewer edges).
    """
    for fact in sorted(facts, key=lambda f: (f.subject, f.relation, f.object)):
        for node in (fact.subject, fact.object):
            if node not in graph:
                graph.add_node(node, labels={}, type="Entity", qid=None)
        graph.add_edge(fact.subject, fact.object, key=fact.relation,
                       symmetric=fact.relation in SYMMETRIC_RELATIONS, **fact.attributes())
    for node in graph:
        graph.nodes[node]["degree"] = degrees.get(node, 0) if degrees is not None else graph.degree(node)


def entities(select: Select, iris: Sequence[str] | None = None) -> dict[str, dict]:
    """Return {entity IRI: {"labels", "type", "qid"}} for every typed entity (of *iris*, when given), as ``project`` keys its nodes."""
    if iris is None:
        return _entities(select, {})
    found: dict[str, dict] = {}
    for block in chunks(sorted(set(iris))):
        found.update(_entities(select, {"entity": block}))
    return found


def _entities(select: Select, bound: Mapping[str, str]) -> dict[str, dict]:
    types: dict[str, set[str]] = defaultdict(set)
    for row in run_query(select, "entity-types", type=_ENTITY_TYPES, **bound):
        name = _local(row["type"], _GKG)
        if name and name not in _NOT_ENTITIES:
            types[str(row["entity"])].add(name)
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in run_query(select, "entity-labels", **bound):
        entity, label = str(row["entity"]), row["label"]
        if entity in types:
            lang = (getattr(label, "language", None) or "").lower()
            known = labels[entity].get(lang)
            # Several articles may spell a label differently; keep one, deterministically.
            name = clean_label(str(label))  # no bidi control may reverse what is drawn after it
            labels[entity][lang] = min(known, name) if known else name
    qids: dict[str, str] = {}
    for row in run_query(select, "entity-wikidata", **bound):
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
