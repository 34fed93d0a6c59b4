"""Read access to geokg's OWL ontology (``geokg/ontology.ttl``).

The graph is parsed once and cached; treat it as read-only.
"""

from __future__ import annotations

from collections import deque
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from .namespaces import PREFIXES

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from rdflib import Graph, URIRef

# rdflib is imported by the functions that read the parsed graph, so importing this module (as every
# layer above does) costs nothing until the ontology is first read.
_GKG = PREFIXES["gkg"]

#: The packaged ontology file.
ONTOLOGY_PATH: Traversable = files("geokg") / "ontology.ttl"


@lru_cache(maxsize=None)
def load_ontology() -> Graph:
    """Return the parsed ontology graph (parsed once, shared; do not modify it)."""
    from rdflib import Graph

    graph = Graph()
    graph.parse(data=ONTOLOGY_PATH.read_text(encoding="utf-8"), format="turtle")
    return graph


def _local(iri: URIRef) -> str | None:
    """Return the local name of a gkg IRI, or None for IRIs outside the gkg namespace."""
    text = str(iri)
    return text[len(_GKG) :] if text.startswith(_GKG) else None


@lru_cache(maxsize=None)
def _object_properties() -> frozenset[str]:
    """Return the local names of every gkg object property."""
    from rdflib.namespace import OWL, RDF

    graph = load_ontology()
    names = (_local(s) for s in graph.subjects(RDF.type, OWL.ObjectProperty))
    return frozenset(n for n in names if n)


def _property(name: str) -> URIRef:
    """Return the IRI of the gkg object property *name*; raise KeyError if there is none."""
    from rdflib import URIRef

    if name not in _object_properties():
        raise KeyError(name)
    return URIRef(_GKG + name)


@lru_cache(maxsize=None)
def relation_names() -> frozenset[str]:
    """Return the local names of the gkg object properties that carry gkg:relationFamily."""
    from rdflib import URIRef

    graph = load_ontology()
    family = URIRef(_GKG + "relationFamily")
    return frozenset(name for name in _object_properties() if graph.value(URIRef(_GKG + name), family) is not None)


@lru_cache(maxsize=None)
def symmetric_relations() -> frozenset[str]:
    """Return the local names of the relations declared owl:SymmetricProperty."""
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF

    graph = load_ontology()
    return frozenset(n for n in relation_names() if (URIRef(_GKG + n), RDF.type, OWL.SymmetricProperty) in graph)


@lru_cache(maxsize=None)
def _ancestors(name: str) -> tuple[str, ...]:
    """Return *name* then its gkg super-properties, breadth first (nearest first)."""
    from rdflib import URIRef
    from rdflib.namespace import RDFS

    graph = load_ontology()
    order = [name]
    queue = deque([_property(name)])
    seen = {name}
    while queue:
        parents = sorted(
            n for n in (_local(p) for p in graph.objects(queue.popleft(), RDFS.subPropertyOf)) if n
        )
        for parent in parents:
            if parent not in seen:
                seen.add(parent)
                order.append(parent)
                queue.append(URIRef(_GKG + parent))
    return tuple(order)


@lru_cache(maxsize=None)
def subclasses() -> dict[str, frozenset[str]]:
    """Return {gkg class: the gkg classes below it, directly or not} for every gkg class that has any.

    >>> sorted(subclasses()["Place"])
    ['City']
    """
    from rdflib.namespace import RDFS

    graph = load_ontology()
    below = {}
    for parent in set(graph.objects(None, RDFS.subClassOf)):
        name = _local(parent)
        found = {_local(c) for c in graph.transitive_subjects(RDFS.subClassOf, parent)} - {name, None}
        if name is not None and found:
            below[name] = frozenset(found)
    return below


def super_relations(name: str) -> list[str]:
    """Return [name, parent, grandparent, ...]: the property and its gkg ancestors, nearest first."""
    return list(_ancestors(name))


def relation_family(name: str) -> str:
    """Return the gkg:relationFamily of relation *name* ("cooperation", "conflict", ...)."""
    from rdflib import URIRef

    family = load_ontology().value(_property(name), URIRef(_GKG + "relationFamily"))
    if family is None:
        raise KeyError(name)
    return str(family)


def relation_label(name: str, lang: str = "en") -> str:
    """Return the rdfs:label of relation *name* in *lang*, else in English, else *name*."""
    from rdflib import Literal
    from rdflib.namespace import RDFS

    labels: dict[str | None, str] = {}
    for label in load_ontology().objects(_property(name), RDFS.label):
        if isinstance(label, Literal):
            labels.setdefault(label.language, str(label))
    return labels.get(lang) or labels.get("en") or name
