"""Summary statistics of a store, and IRIs shortened with the project prefixes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from rdflib import URIRef

from ...namespaces import GKG, PREFIXES
from ..store import Store, Term
from .texts import query_text

_NAMESPACES = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda p: -len(p[0]))


def shorten(iri: str) -> str:
    """Return *iri* as prefix:local with the longest project namespace, else unchanged."""
    for namespace, prefix in _NAMESPACES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def stats(store: Store, *, top: int = 10) -> dict[str, Any]:
    """Return counts of articles, statements, entities per class, relation triples, and top entities."""
    classes = store.query(query_text("entity-classes")).rows
    relations: Counter[str] = Counter()
    degree: Counter[Term] = Counter()
    for s, p, o in store.query(query_text("relation-triples")).rows:
        if str(p).startswith(str(GKG)):
            relations[str(p)] += 1
        degree.update((s, o))  # a triple from an entity to itself counts twice
    return {
        "articles": _count(store, "gkg:Article"),
        "statements": _count(store, "gkg:Statement"),
        "entities": {shorten(str(cls)): int(n) for cls, n in classes},
        "relations": {shorten(p): n for p, n in sorted(relations.items())},
        "top_entities": _top_entities(store, degree, top),
    }


def _count(store: Store, cls: str) -> int:
    """Return the number of distinct resources typed *cls*."""
    rows = store.query(query_text("instances", **{"class": cls})).rows
    return int(rows[0][0])


def _top_entities(store: Store, degree: Counter[Term], top: int) -> list[dict[str, Any]]:
    """Return the *top* entities by degree, each with its IRI, English label (or None) and degree."""
    ranked = sorted(degree.items(), key=lambda item: (-item[1], str(item[0])))[: max(top, 0)]
    iris = " ".join(f"<{entity}>" for entity, _ in ranked if isinstance(entity, URIRef))
    labels: dict[str, str] = {}
    if iris:
        for entity, label in store.query(query_text("english-labels", e=iris)).rows:
            known = labels.get(str(entity))
            labels[str(entity)] = min(known, str(label)) if known else str(label)
    return [{"iri": str(entity), "label": labels.get(str(entity)), "degree": n} for entity, n in ranked]


def format_stats(data: Mapping[str, Any]) -> str:
    """Return *data* (from ``stats``) as plain text: counts, then classes and relations by size, then top entities."""
    lines = [f"articles    {data['articles']}", f"statements  {data['statements']}", "entities by class:"]
    lines += [f"  {cls:<32} {n}" for cls, n in sorted(data["entities"].items(), key=lambda kv: -kv[1])]
    lines.append("relations:")
    lines += [f"  {rel:<32} {n}" for rel, n in sorted(data["relations"].items(), key=lambda kv: -kv[1])]
    lines.append("top entities by degree:")
    lines += [f"  {row.get('label') or row['iri']:<32} {row['degree']}" for row in data["top_entities"]]
    return "\n".join(lines) + "\n"
