"""Find the entity a user means in a store: an IRI, a Wikidata QID or a name in any language."""

from __future__ import annotations

from collections.abc import Mapping

from ...errors import EntityNotFound, MapSelectionError
from ...namespaces import entity_iri
from .project import Select, entities
from .lookup import find_node, fold
from ..store import Store


def selector(store: Store) -> Select:
    """Return a ``select(sparql)`` callable that runs SELECT queries on *store* and returns dict rows."""

    def run(sparql: str) -> list[dict]:
        result = store.query(sparql)
        return [dict(zip(result.variables, row)) for row in result.rows]

    return run


def text_selector(store: Store) -> Select:
    """Return a ``select(sparql)`` callable yielding dict rows of plain text (``Store.query_rows``) from *store*."""

    def run(sparql: str) -> list[dict]:
        # Plain text, not rdflib terms: building those took most of a large map's time.
        variables, rows = store.query_rows(sparql)
        return [dict(zip(variables, row)) for row in rows]

    return run


def resolve_entity(store: Store, name: str, *, nodes: Mapping[str, dict] | None = None, gazetteer=None) -> str:
    """Return the IRI of the entity in *store* that *name* (label in any language, IRI or QID) means.

    Labels in the store are tried first (Arabic spelling variants folded), then every name
    the gazetteer knows in any language.

    Args:
        store: The store to look in.
        name: An entity IRI, a QID such as ``Q184``, or a name in any language.
        nodes: The store's entities as ``project.entities`` returns them, when already read.
        gazetteer: A ``Gazetteer`` for names the store has no label for (default: the packaged one).

    Raises:
        EntityNotFound: If nothing, or several different entities, match.
    """
    if nodes is None:
        nodes = entities(selector(store))
    try:
        return find_node(nodes, name)
    except MapSelectionError as exc:
        hit = _from_gazetteer(name, nodes, gazetteer)
        if hit is None:
            raise EntityNotFound(str(exc)) from None
        return hit


def _from_gazetteer(name: str, nodes: Mapping[str, dict], gazetteer) -> str | None:
    """Return the one stored entity whose gazetteer names include *name*, else None."""
    wanted = fold(name)
    if not wanted or not nodes:  # nothing to find, or nowhere to find it: no need to read the gazetteer
        return None
    if gazetteer is None:
        from ...lexicon.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    ids = {eid for names in gazetteer.names.values() for eid, label, _ in names if fold(label) == wanted}
    ids |= {eid for eid, ent in gazetteer.entities.items() if any(fold(label) == wanted for _, label in ent.labels)}
    hits = sorted({entity_iri(eid) for eid in ids} & set(nodes))
    return hits[0] if len(hits) == 1 else None
