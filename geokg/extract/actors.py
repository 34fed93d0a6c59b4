"""What the relation engine knows of each actor: its kind, a person's state, a place's state."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache

from ..lexicon.gazetteer import Gazetteer
from ..model import Entity
from .roles import RoleBinding


class Overlay(Mapping):
    """An article's own entries over a shared table: a two-map ChainMap whose lookups cost two dict calls.

    The relation rules look up kinds and states for every candidate pair, and ChainMap's
    lookups run several Python-level steps each.
    """

    __slots__ = ("local", "base")

    def __init__(self, local: dict[str, str], base: dict[str, str]) -> None:
        self.local, self.base = local, base

    def __getitem__(self, key: str) -> str:
        local = self.local
        return local[key] if key in local else self.base[key]

    def get(self, key: str, default=None):
        """Return the article's value for *key*, else the shared table's, else *default*."""
        local = self.local
        return local[key] if key in local else self.base.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self.local or key in self.base

    def __iter__(self) -> Iterator[str]:
        return iter({**self.base, **self.local})

    def __len__(self) -> int:
        return len(self.base.keys() | self.local.keys())


def kinds(gaz: Gazetteer, people: dict[str, Entity]) -> Overlay:
    """Return entity id -> kind for the gazetteer plus the people minted from this article."""
    return Overlay({e: ent.kind for e, ent in people.items()}, _gazetteer_kinds(gaz))


def countries(gaz: Gazetteer, people: dict[str, Entity], bindings: list[RoleBinding]) -> Overlay:
    """Return person id -> state id, the article's role phrases first, then the gazetteer."""
    local = {e: ent.country for e, ent in people.items() if ent.country}
    for b in bindings:
        if b.person and b.affiliation:
            local[b.person] = b.affiliation[0]
    return Overlay(local, _gazetteer_countries(gaz))


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
