"""Every namespace IRI used by geokg, spelled once."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

GKG = Namespace("https://w3id.org/geokg/ontology#")
GKR = Namespace("https://w3id.org/geokg/resource/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

PREFIXES: dict[str, str] = {
    "gkg": str(GKG),
    "gkr": str(GKR),
    "wd": str(WD),
    "wdt": str(WDT),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
}


def sparql_prologue() -> str:
    """Return PREFIX declarations for every project prefix, for prepending to queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


#: The one named graph holding entity descriptions (types, labels, Wikidata links), shared by
#: all articles so that queries over the union see each label once.
ENTITIES_GRAPH = f"{GKR}graph/entities"

#: The one named graph holding each distinct fact once, with its figures (support, dates, modalities).
FACTS_GRAPH = f"{GKR}graph/facts"

#: Where a writer notes the batch it is loading until the facts are adjusted to it (see docs/data-model.md).
JOURNAL_GRAPH = f"{GKR}graph/journal"


def entity_iri(key: str) -> str:
    """Return the IRI string of an entity from its QID or gazetteer id.

    >>> entity_iri("Q184")
    'https://w3id.org/geokg/resource/entity/Q184'
    >>> entity_iri("person/xie-xiaoyong")
    'https://w3id.org/geokg/resource/entity/person/xie-xiaoyong'
    """
    return f"{GKR}entity/{quote(key, safe='/-_.')}"


#: Where every article graph's IRI starts: the only graphs geokg ever replaces or drops.
ARTICLES = f"{GKR}article/"
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
    return f"{GKR}statement/{digest}"


def sentence_iri(article: str, start: int, end: int) -> str:
    """Return the IRI string of the sentence node for the evidence span [start, end) of *article*."""
    return f"{article}/sentence/{start}-{end}"


def fact_iri(subject: str, predicate: str, obj: str) -> str:
    """Return the IRI string of the fact (subject, predicate, object), given as IRI strings, in that order."""
    key = hashlib.sha256(f"{subject} {predicate} {obj}".encode("utf-8")).hexdigest()[:32]
    return f"{GKR}fact/{key}"


def wikidata_iri(qid: str) -> URIRef:
    """Return the Wikidata entity IRI for a QID."""
    return WD[qid]
