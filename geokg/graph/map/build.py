"""Store -> HTML relationship map: the library entry point behind `geokg map` and ``geokg.map``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

from ...errors import MapSelectionError
from ..view.edges import add_evidence
from ..view.neighbourhood import focused_selection, neighbourhood
from ..view.project import project
from ..view.resolve import text_selector
from ..view.select import (
    MAX_NODES, Selection, Subset, relation_closure, select, subset_from_rows, type_closure, validate,
)
from ..store import Store, open_store
from .render import LAYOUTS, render_map


def build_map(
    store: Store | str | None = None,
    *,
    focus: str | None = None,
    depth: int = 1,
    relations: Iterable[str] = (),
    types: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
    min_support: int = 1,
    sparql: str | None = None,
    size_by: str = "degree",
    max_nodes: int = MAX_NODES,
    lang: str = "en",
    title: str = "geokg map",
    layout: str = "network",
) -> str:
    """Return a standalone, offline HTML map of the relations in *store*.

    Nothing is written anywhere; the CLI writes the returned page to the file it is given.

    Args:
        store: An open store, or a store URL opened read-only (default: $GEOKG_STORE).
        focus: Entity at the centre: a label in any language, an IRI or a Wikidata QID.
        depth: With *focus*, how many hops around it to draw.
        relations: Relation names (``memberOf``, ``cooperatesWith``, …); sub-properties included.
        types: Entity types (``state``, ``organisation``, ``person``, …); subclasses included.
        since: Only statements from articles issued on or after this ISO date.
        until: Only statements from articles issued on or before this ISO date.
        min_support: Only edges asserted by at least this many articles.
        sparql: Text of a SELECT (the IRIs it binds are the entities to draw) or CONSTRUCT
            (its gkg relation triples are the edges to draw) query.
        size_by: Node size and top-k ranking: "degree", "pagerank" or "betweenness".
        max_nodes: Above this many entities keep the most central ones and say so on the page.
        lang: Label and page language, "en" or "ar".
        title: Page title.
        layout: The view the page opens with: "network", or "geo" (states at their place on a
            world map, organisations at their seat, people beside their state).

    Raises:
        MapSelectionError: If an option names no entity, relation or type, the SPARQL
            query is not a SELECT or CONSTRUCT, or the selection leaves nothing to draw.
        GeokgError: If the store cannot be opened or queried.
    """
    if isinstance(store, str) or store is None:
        with open_store(store, read_only=True) as opened:
            return build_map(opened, focus=focus, depth=depth, relations=relations, types=types,
                             since=since, until=until, min_support=min_support, sparql=sparql,
                             size_by=size_by, max_nodes=max_nodes, lang=lang, title=title, layout=layout)
    selection = Selection(focus=focus, depth=depth, relations=tuple(relations), types=tuple(types),
                          since=since, until=until, min_support=min_support,
                          max_nodes=max_nodes, size_by=size_by)
    validate(selection)
    if layout not in LAYOUTS:
        raise MapSelectionError(f"unknown layout {layout!r} (known: {', '.join(LAYOUTS)})")
    type_closure(selection.types)  # fail on an unknown type or relation before querying
    relation_closure(selection.relations)
    subset = None
    if sparql is not None:
        result = store.query(sparql)
        if result.kind not in ("select", "graph"):
            raise MapSelectionError("the --sparql query must be a SELECT or a CONSTRUCT, not an ASK")
        subset = subset_from_rows(result.rows, result.triples)
    drawn, notices = drawn_graph(store, selection, subset)
    if drawn.number_of_nodes() == 0:
        raise MapSelectionError(_nothing_drawn(selection, sparql is not None))
    return render_map(drawn, lang=lang, title=title, size_by=size_by, notices=notices, layout=layout)


def drawn_graph(store: Store, selection: Selection, subset: Subset | None = None) -> tuple[nx.MultiDiGraph, list[dict]]:
    """Return the projection a map of *selection* draws, evidence included, and ``select``'s notices.

    A focused map reads only the facts around its focus (see ``neighbourhood``); any other reads
    every fact. Evidence is read for the edges drawn only.

    Raises:
        MapSelectionError: If the focus, a relation or a type names nothing.
    """
    rows = text_selector(store)
    chosen = relation_closure(selection.relations) if selection.relations else None
    if selection.focus:
        selection = focused_selection(rows, selection)
        graph = neighbourhood(rows, selection.focus, selection, relations=chosen, subset=subset)
    else:
        graph = project(rows, since=selection.since, until=selection.until, relations=chosen, evidence=False)
    drawn, notices = select(graph, selection, subset)
    add_evidence(rows, drawn)
    return drawn, notices


def _nothing_drawn(selection: Selection, by_sparql: bool) -> str:
    """Return the message for a selection that leaves nothing to draw, naming the filters applied."""
    filters = [
        *(f"--relation {r}" for r in selection.relations), *(f"--type {t}" for t in selection.types),
        *([f"--since {selection.since}"] if selection.since else []), *([f"--until {selection.until}"] if selection.until else []),
        *([f"--min-support {selection.min_support}"] if selection.min_support > 1 else []),
        *([f"--focus {selection.focus!r} --depth {selection.depth}"] if selection.focus else []),
        *(["--sparql"] if by_sparql else []),
    ]
    if not filters:
        return "the store holds no relation to draw; ingest articles first"
    return f"nothing to draw: no entity matches {' '.join(filters)}; loosen one of these filters"
