"""Frozen dataclasses handed from one pipeline stage to the next, and the table of entity kinds.

Offsets always point into ``Article.text`` (the text as published), never into folded text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Kind:
    """An entity kind: its ontology class, the broader kind it refines, and how extraction and maps treat it."""

    name: str  # the gazetteer's kind column, e.g. "armed_group"
    cls: str  # ontology class local name
    parent: str | None  # the broader kind, whose class is this class's superclass
    link_rank: int  # one name of several entities means the one of lowest rank (bigger actors first)
    affiliation: bool  # a person can belong to it or hold office in it
    colour: str  # map node colour
    aliases: tuple[str, ...] = ()  # more names `--type` accepts besides the kind's own


#: Every entity kind, in the order maps list them.
KINDS: tuple[Kind, ...] = (
    Kind("state", "State", None, 0, True, "#4e79a7", ("country",)),
    Kind("igo", "InternationalOrganisation", "org", 1, True, "#f28e2b",
         ("international-organisation", "international-organization")),
    Kind("org", "Organisation", None, 3, True, "#edc948", ("organisation", "organization")),
    Kind("armed_group", "ArmedGroup", "org", 2, True, "#e15759"),
    Kind("party", "PoliticalParty", "org", 4, True, "#b07aa1", ("political-party",)),
    Kind("person", "Person", None, 7, False, "#59a14f", ("people",)),
    Kind("initiative", "Initiative", None, 5, False, "#76b7b2"),
    Kind("agreement", "Agreement", None, 6, False, "#9c755f"),
    Kind("place", "Place", None, 9, False, "#bab0ac"),
    Kind("city", "City", "place", 8, False, "#8d8d8d"),
)

_BY_NAME = {kind.name: kind for kind in KINDS}

#: Entity kinds and the ontology class each one is typed with.
KIND_CLASSES: dict[str, str] = {kind.name: kind.cls for kind in KINDS}

#: Ontology class -> the class it refines, so an entity typed with both gets the more specific one.
SUPERCLASSES: dict[str, str] = {kind.cls: _BY_NAME[kind.parent].cls for kind in KINDS if kind.parent}

#: Kind -> rank among the entities one name may mean (lower wins).
KIND_RANK: dict[str, int] = {kind.name: kind.link_rank for kind in KINDS}

#: Kinds a person can belong to or hold office in.
AFFILIATION_KINDS: frozenset[str] = frozenset(kind.name for kind in KINDS if kind.affiliation)

#: Ontology class -> map node colour, in the order the legend lists them.
CLASS_COLOURS: dict[str, str] = {kind.cls: kind.colour for kind in KINDS}

#: Names `--type` accepts (a kind, with "-" for "_", or one of its aliases) -> ontology class.
TYPE_ALIASES: dict[str, str] = {
    alias: kind.cls for kind in KINDS for alias in (kind.name.replace("_", "-"), *kind.aliases)
}

MODALITIES = ("asserted", "planned", "negated", "reported", "ended")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from its source."""

    text: str
    lang: str
    title: str = ""
    source: str = ""
    published: date | None = None
    author: str = ""

    @property
    def sha256(self) -> str:
        """Return the hex SHA-256 of the article text; it identifies the article."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Entity:
    """A linked actor or place: a gazetteer entry, or a person minted from the text."""

    id: str  # gazetteer key: a QID ("Q184") or a minted slug ("person/xie-xiaoyong")
    kind: str  # a key of KIND_CLASSES
    labels: tuple[tuple[str, str], ...]  # (lang, label) pairs, canonical label per language
    qid: str | None = None
    country: str | None = None  # entity id of the state a person or body belongs to

    def label(self, lang: str = "en") -> str:
        """Return the label in *lang*, else English, else any label."""
        by_lang = dict(self.labels)
        return by_lang.get(lang) or by_lang.get("en") or next(iter(by_lang.values()), self.id)

    @property
    def type(self) -> str:
        """Return the ontology class local name for this entity."""
        return KIND_CLASSES[self.kind]


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the article that names an entity."""

    start: int
    end: int
    surface: str  # Article.text[start:end], exactly as published
    entity_id: str
    form: str = "name"  # name | abbr | demonym | capital | role | coref


@dataclass(frozen=True, slots=True)
class Statement:
    """A typed relation the text states between two entities, with its evidence."""

    subject: str  # entity id
    predicate: str  # ontology local name, e.g. "memberOf"
    object: str  # entity id
    start: int  # evidence span in Article.text
    end: int
    evidence: str
    modality: str = "asserted"
    confidence: float = 0.5
    attribution: str | None = None  # entity id or free text of who asserts it
    qualifiers: tuple[tuple[str, str], ...] = ()  # (name, value) pairs, e.g. ("date", "2024")
    rule: str = ""
    role: str | None = None  # e.g. "defence" for ministerOf


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    statements: tuple[Statement, ...] = field(default=())

    def entity(self, entity_id: str) -> Entity:
        """Return the entity with *entity_id* among this extraction's entities."""
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        raise KeyError(entity_id)
