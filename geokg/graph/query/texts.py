"""Every SPARQL text geokg runs, one ``.rq`` file each, and the binding of values into them.

``queries/`` holds the saved queries users run by name (``geokg query --saved``);
``internal/`` holds the queries the library runs itself. Lines starting with ``#`` are
comments. Values are bound as ``VALUES`` blocks, never pasted into the query's patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib.resources import files
from typing import TypeVar

from ...namespaces import sparql_prologue

#: Folder of the saved queries, beside this module.
SAVED = "queries"

#: Folder of the queries the library runs itself, beside this module.
INTERNAL = "internal"

Rows = TypeVar("Rows")

#: A query's one LIMIT, which ``with_limit`` sets.
LIMIT = re.compile(r"\bLIMIT\s+\d+\b", re.IGNORECASE)

#: The start of a WHERE clause's group, where ``bind_values`` puts its VALUES blocks.
WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@lru_cache(maxsize=None)
def query_files(folder: str) -> dict[str, str]:
    """Return ``{name: text}`` for every ``.rq`` file in *folder* (beside this module), sorted by name."""
    found = {}
    for entry in sorted((files("geokg.graph.query") / folder).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            found[entry.name[:-3]] = entry.read_text(encoding="utf-8")
    return found


def query_text(name: str, **values: str) -> str:
    """Return the internal query *name* (``internal/NAME.rq``), with *values* bound as by ``bind_values``."""
    return bind_values(query_files(INTERNAL)[name], values)


def run_query(select: Callable[[str], Rows], name: str, **values: str) -> Rows:
    """Return what *select* answers to the internal query *name*, *values* bound and every project prefix declared."""
    return select(sparql_prologue() + query_text(name, **values))


def bind_values(text: str, values: Mapping[str, str]) -> str:
    """Return *text* with ``VALUES ?name { terms }`` for each of *values* at the start of its first WHERE group.

    Each value is one or more SPARQL terms, already written and checked by the caller.

    >>> print(bind_values("ASK WHERE { ?x a ?class }", {"class": "gkg:State"}))
    ASK WHERE {
      VALUES ?class { gkg:State } ?x a ?class }

    Raises:
        ValueError: If there are values to bind and *text* has no WHERE clause.
    """
    if not values:
        return text
    where = WHERE.search(text)
    if where is None:
        raise ValueError("the query has no WHERE { to bind values in")
    inserted = "".join(f"\n  VALUES ?{name} {{ {terms} }}" for name, terms in values.items())
    return text[: where.end()] + inserted + text[where.end():]


def with_limit(text: str, limit: int) -> str:
    """Return *text* with its one ``LIMIT n`` set to *limit* (0 when negative).

    >>> with_limit("CONSTRUCT WHERE { ?x ?p ?o } LIMIT 10", 3)
    'CONSTRUCT WHERE { ?x ?p ?o } LIMIT 3'

    Raises:
        ValueError: If *text* has no LIMIT or more than one.
    """
    if len(LIMIT.findall(text)) != 1:
        raise ValueError("the query must have exactly one LIMIT to set")
    return LIMIT.sub(f"LIMIT {max(int(limit), 0)}", text)
