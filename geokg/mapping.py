"""Store -> HTML relationship map: the library entry point behind `geokg map`."""

from __future__ import annotations

from .graph.project import project
from .graph.store import Store
from .graph.visualise import render_map


def _select(store: Store):
    """Return a select(sparql) callable yielding dict rows from *store*."""

    def select(sparql: str):
        result = store.query(sparql)
        return [dict(zip(result.variables, row)) for row in result.rows]

    return select


def build_map(store: Store, *, lang: str = "en", title: str = "geokg map") -> str:
    """Return a standalone, offline HTML map of the relations in *store*."""
    return render_map(project(_select(store)), lang=lang, title=title)
