"""Frozen dataclasses handed from one pipeline stage to the next.

Offsets always point into ``Article.text`` (the text as published), never into folded text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

#: Entity kinds and the ontology class each one is typed with.
KIND_CLASSES: dict[str, str] = {
    "state": "State",
    "igo": "InternationalOrganisation",
    "org": "Organisation",
    "armed_group": "ArmedGroup",
    "party": "PoliticalParty",
    "person": "Person",
    "initiative": "Initiative",
    "agreement": "Agreement",
    "place": "Place",
    "city": "City",
}

MODALITIES = ("asserted", "planned", "negated", "reported")


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
