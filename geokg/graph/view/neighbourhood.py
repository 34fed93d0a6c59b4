"""The part of the projection around one entity, read hop by hop: what a focused map asks the store for.

``select`` on the whole projection and ``select`` on ``neighbourhood``'s graph draw the same thing,
but here each hop asks only for the facts of the entities reached so far (VALUES over the frontier),
then for the types and labels of the entities it reaches. The cost grows with the facts of the
entities drawn (those reaching out of the drawn part included, which set their degree), not with the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import replace

import networkx as nx

from ...errors import MapSelectionError
from ...namespaces import PREFIXES, entity_iri
from ..query.texts import run_query
from .edges import Fact, literal, read_facts
from .lookup import named_qid
from .project import SYMMETRIC_RELATIONS, Select, add_facts, entities
from .select import Selection, Subset, find_entity, type_closure


def find_focus(select: Select, name: str) -> str:
    """Return the IRI of the entity *name* means, as ``find_entity`` finds it among all entities.

    An IRI, a QID or a label spelt exactly as stored is looked up in the store's indexes; any
    other name (spelling variants folded, part of a label) is matched against every label.

    Raises:
        MapSelectionError: If nothing, or several different entities, match.
    """
    text = name.strip()
    qid = named_qid(text)
    candidates = [text] if text.startswith("http") else []
    if qid:
        candidates.append(entity_iri(qid))
        candidates += [str(row["entity"]) for row in run_query(select, "entity-wikidata", same=f"<{PREFIXES['wd']}{qid}>")]
    if not candidates:
        labels = " ".join(f"{literal(text)}@{lang}" for lang in ("en", "ar")) + f" {literal(text)}"
        candidates = [str(row["entity"]) for row in run_query(select, "entity-labels", label=labels)]
    found = entities(select, candidates) if candidates else {}
    if len(found) == 1:
        return next(iter(found))
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(entities(select).items())
    return find_entity(graph, name)


def neighbourhood(select: Select, focus: str, selection: Selection, *,
                  relations: Collection[str] | None = None, subset: Subset | None = None) -> nx.MultiDiGraph:
    """Return the projection's entities within ``selection.depth`` hops of *focus* and every edge among them.

    Hops follow the edges ``select`` keeps (support, types, *subset*); figures and degrees are
    those of the projection with *relations* and the selection's period. Evidence is not read
    (``edges.add_evidence`` reads it for the edges finally drawn).
    """
    allowed = type_closure(selection.types) if selection.types else None
    nodes = entities(select, [focus])
    if focus not in nodes:
        nodes[focus] = {"labels": {}, "type": "Entity", "qid": None}
    frontier, facts, degrees = [focus], {}, Counter()
    for hop in range(selection.depth + 1):
        found = read_facts(select, entities=frontier, relations=relations,
                           since=selection.since, until=selection.until)
        for fact in found.values():
            if fact.iri not in facts:
                facts[fact.iri] = fact
                degrees.update((fact.subject, fact.object))
        if hop == selection.depth:
            break
        reached = {end for fact in found.values() if _followed(fact, selection, subset)
                   for end in (fact.subject, fact.object) if end not in nodes}
        typed = entities(select, sorted(reached))
        frontier = sorted(n for n in reached if _kept(n, typed, allowed, subset))
        nodes.update({n: typed.get(n) or {"labels": {}, "type": "Entity", "qid": None} for n in frontier})
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes.items())
    add_facts(graph, [f for f in facts.values() if f.subject in nodes and f.object in nodes], degrees)
    return graph


def focused_selection(select: Select, selection: Selection) -> Selection:
    """Return *selection* with its focus named by IRI (``select`` then finds it without reading every label)."""
    if not selection.focus:
        raise MapSelectionError("a neighbourhood needs a focus entity")
    return replace(selection, focus=find_focus(select, selection.focus))


def _followed(fact: Fact, selection: Selection, subset: Subset | None) -> bool:
    """Return True when ``select`` keeps the edge of *fact* before walking from the focus."""
    if fact.support < selection.min_support:
        return False
    if subset is None or subset.edges is None:
        return True
    triple = (fact.subject, fact.relation, fact.object)
    return triple in subset.edges or (
        fact.relation in SYMMETRIC_RELATIONS and (fact.object, fact.relation, fact.subject) in subset.edges)


def _kept(node: str, typed: dict, allowed: Collection[str] | None, subset: Subset | None) -> bool:
    """Return True when ``select`` keeps *node* (its type allowed, in the SPARQL subset) before walking."""
    if allowed is not None and (typed.get(node) or {}).get("type", "Entity") not in allowed:
        return False
    if subset is None:
        return True
    return node in subset.entities or (
        subset.edges is not None and any(node in (s, o) for s, _, o in subset.edges))

