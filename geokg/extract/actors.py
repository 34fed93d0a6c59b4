"""What the relation engine knows of each actor: its kind, a person's state, a place's state."""

from __future__ import annotations

from collections import ChainMap
from functools import lru_cache

from ..lexicon.gazetteer import Gazetteer
from ..model import Entity
from .roles import RoleBinding


def kinds(gaz: Gazetteer, people: dict[str, Entity]) -> ChainMap:
    """Return entity id -> kind for the gazetteer plus the people minted from this article."""
    return ChainMap({e: ent.kind for e, ent in people.items()}, _gazetteer_kinds(gaz))


def countries(gaz: Gazetteer, people: dict[str, Entity], bindings: list[RoleBinding]) -> ChainMap:
    """Return person id -> state id, the article's role phrases first, then the gazetteer."""
    local = {e: ent.country for e, ent in people.items() if ent.country}
    for b in bindings:
        if b.person and b.affiliation:
            local[b.person] = b.affiliation[0]
    return ChainMap(local, _gazetteer_countries(gaz))


@lru_cache(maxsize=8)
def places(gaz: Gazetteer) -> dict[str, str]:
    """Return city or place id -> the state it is in (cached per gazetteer)."""
    return {e: ent.country for e, ent in gaz.entities.items() if ent.kind in ("city", "place") and ent.country}


@lru_cache(maxsize=8)
def _gazetteer_kinds(gaz: Gazetteer) -> dict[str, str]:
    return {e: ent.kind for e, ent in gaz.entities.items()}


@lru_cache(maxsize=8)
def _gazetteer_countries(gaz: Gazetteer) -> dict[str, str]:
    return {e: ent.country for e, ent in gaz.entities.items() if ent.kind == "person" and ent.country}
