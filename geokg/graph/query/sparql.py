"""Summary statistics of a store, and IRIs shortened with the project prefixes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import UntrustedAnswer
from ...namespaces import PREFIXES
from ..store import Store
from .texts import query_text, with_limit

_NAMESPACES = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda p: -len(p[0]))


def shorten(iri: str) -> str:
    """Return *iri* as prefix:local with the longest project namespace, else unchanged."""
    for namespace, prefix in _NAMESPACES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def stats(store: Store, *, top: int = 10) -> dict[str, Any]:
    """Return counts of articles, statements, entities per class, relation triples, and top entities."""
    # Only the text of each term is read: plain rows spare building (and importing) rdflib terms.
    _, classes = store.query_rows(query_text("entity-classes"))
    _, relations = store.query_rows(query_text("relation-counts"))
    return {
        "articles": store.article_count(),
        "statements": _int(_first_value(store, query_text("statement-count")), "the number of statements"),
        "entities": {shorten(str(cls)): _int(n, "a class size") for cls, n in classes},
        "relations": {shorten(str(p)): _int(n, "a relation count") for p, n in relations},
        "top_entities": _top_entities(store, top),
    }


def _first_value(store: Store, sparql: str) -> object:
    """Return the first value of the first row of the SELECT *sparql*, or None when there is none."""
    _, rows = store.query_rows(sparql)
    return rows[0][0] if rows else None


def _int(term: object, what: str) -> int:
    """Return the count *term*, or raise UntrustedAnswer when the store answered something else."""
    try:
        return int(str(term)) if term is not None else int("")
    except ValueError:
        raise UntrustedAnswer(f"the store answered {str(term)[:40]!r} for {what}, which is not a count") from None


def _top_entities(store: Store, top: int) -> list[dict[str, Any]]:
    """Return the *top* entities by degree, each with its IRI, English label (or None) and degree."""
    ranked: dict[str, dict[str, Any]] = {}
    for entity, degree, label in store.query_rows(with_limit(query_text("top-entities"), top))[1]:
        row = ranked.setdefault(str(entity), {"iri": str(entity), "label": None, "degree": _int(degree, "a degree")})
        if label is not None and (row["label"] is None or str(label) < row["label"]):
            row["label"] = str(label)
    return sorted(ranked.values(), key=lambda row: (-row["degree"], row["iri"]))


def format_stats(data: Mapping[str, Any]) -> str:
    """Return *data* (from ``stats``) as plain text: counts, then classes and relations by size, then top entities."""
    lines = [f"articles    {data['articles']}", f"statements  {data['statements']}", "entities by class:"]
    lines += [f"  {cls:<32} {n}" for cls, n in sorted(data["entities"].items(), key=lambda kv: -kv[1])]
    lines.append("relations:")
    lines += [f"  {rel:<32} {n}" for rel, n in sorted(data["relations"].items(), key=lambda kv: -kv[1])]
    lines.append("top entities by degree:")
    lines += [f"  {row.get('label') or row['iri']:<32} {row['degree']}" for row in data["top_entities"]]
    return "\n".join(lines) + "\n"
