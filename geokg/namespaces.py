"""Every namespace IRI used by geokg, spelled once."""

from __future__ import annotations

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


def entity_iri(key: str) -> str:
    """Return the IRI string of an entity from its QID or gazetteer id.

    >>> entity_iri("Q184")
    'https://w3id.org/geokg/resource/entity/Q184'
    >>> entity_iri("person/xie-xiaoyong")
    'https://w3id.org/geokg/resource/entity/person/xie-xiaoyong'
    """
    return f"{GKR}entity/{quote(key, safe='/-_.')}"


def article_iri(sha256: str) -> str:
    """Return the IRI string of an article (and of its named graph) from its content hash."""
    return f"{GKR}article/{sha256[:32]}"


def statement_iri(digest: str) -> str:
    """Return the IRI string of a statement node from its deterministic digest."""
    return f"{GKR}statement/{digest}"


def wikidata_iri(qid: str) -> URIRef:
    """Return the Wikidata entity IRI for a QID."""
    return WD[qid]
