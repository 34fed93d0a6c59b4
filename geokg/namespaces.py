"""Every namespace IRI used by geokg, spelled once."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from rdflib import Namespace, URIRef
    from rdflib.namespace import DCTERMS as DCTERMS, OWL as OWL, PROV as PROV, RDF as RDF, RDFS as RDFS
    from rdflib.namespace import SKOS as SKOS, XSD as XSD

    GKG: Namespace
    GKR: Namespace
    WD: Namespace
    WDT: Namespace

#: Prefix -> namespace IRI, as plain text: SPARQL prologues and store paths need no rdflib.
PREFIXES: dict[str, str] = {
    "gkg": "https://w3id.org/geokg/ontology#",
    "gkr": "https://w3id.org/geokg/resource/",
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
}

#: The project's namespaces as rdflib ``Namespace`` objects, made on first use (importing rdflib takes
#: a twentieth of a second, which commands that only pass IRIs as text should not pay).
_OWN = {"GKG": "gkg", "GKR": "gkr", "WD": "wd", "WDT": "wdt"}
#: rdflib's own namespace objects, re-exported here under their usual names.
_RDFLIB = frozenset({"DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD"})


def __getattr__(name: str) -> Any:
    """Return a namespace object (GKG, GKR, WD, WDT, RDF, RDFS, …), importing rdflib on first use."""
    if name in _OWN:
        from rdflib import Namespace

        value = Namespace(PREFIXES[_OWN[name]])
    elif name in _RDFLIB:
        from rdflib import namespace

        value = getattr(namespace, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def sparql_prologue() -> str:
    """Return PREFIX declarations for every project prefix, for prepending to queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


#: The one named graph holding entity descriptions (types, labels, Wikidata links), shared by
#: all articles so that queries over the union see each label once.
ENTITIES_GRAPH = f"{PREFIXES['gkr']}graph/entities"

#: The one named graph holding each distinct fact once, with its figures (support, dates, modalities).
FACTS_GRAPH = f"{PREFIXES['gkr']}graph/facts"

#: Where a writer notes the batch it is loading until the facts are adjusted to it (see docs/data-model.md).
JOURNAL_GRAPH = f"{PREFIXES['gkr']}graph/journal"


def entity_iri(key: str) -> str:
    """Return the IRI string of an entity from its QID or gazetteer id.

    >>> entity_iri("Q184")
    'https://w3id.org/geokg/resource/entity/Q184'
    >>> entity_iri("person/xie-xiaoyong")
    'https://w3id.org/geokg/resource/entity/person/xie-xiaoyong'
    """
    return f"{PREFIXES['gkr']}entity/{quote(key, safe='/-_.')}"


#: Where every article graph's IRI starts: the only graphs geokg ever replaces or drops.
ARTICLES = f"{PREFIXES['gkr']}article/"
_ARTICLE_GRAPH = re.compile(re.escape(ARTICLES) + r"[0-9a-f]{32}")


def article_iri(sha256: str) -> str:
    """Return the IRI string of an article (and of its named graph) from its content hash."""
    return f"{ARTICLES}{sha256[:32]}"


def is_article_graph(iri: str) -> bool:
    """Return True when *iri* is an article graph's IRI as ``article_iri`` makes them.

    >>> is_article_graph(article_iri("ab" * 16)), is_article_graph("http://example.org/precious")
    (True, False)
    """
    return _ARTICLE_GRAPH.fullmatch(iri) is not None


def statement_iri(digest: str) -> str:
    """Return the IRI string of a statement node from its deterministic digest."""
    return f"{PREFIXES['gkr']}statement/{digest}"


def sentence_iri(article: str, start: int, end: int) -> str:
    """Return the IRI string of the sentence node for the evidence span [start, end) of *article*."""
    return f"{article}/sentence/{start}-{end}"


def fact_iri(subject: str, predicate: str, obj: str) -> str:
    """Return the IRI string of the fact (subject, predicate, object), given as IRI strings, in that order."""
    key = hashlib.sha256(f"{subject} {predicate} {obj}".encode("utf-8")).hexdigest()[:32]
    return f"{PREFIXES['gkr']}fact/{key}"


def wikidata_iri(qid: str) -> URIRef:
    """Return the Wikidata entity IRI for a QID."""
    from rdflib import URIRef

    return URIRef(PREFIXES["wd"] + qid)
