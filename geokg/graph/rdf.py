"""Extraction -> the quads of one article graph (plus entity descriptions for the shared entities
graph): the only place article and statement IRIs are minted.

The quads are written as N-Quads lines straight into ``Quads`` (see ``store.quads`` for why text):
every IRI here is percent-encoded by ``geokg.namespaces`` and every literal escaped by ``_lit``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache

from ..model import KIND_CLASSES, Entity, Extraction, Statement
from ..namespaces import ENTITIES_GRAPH, FACTS_GRAPH, PREFIXES, article_iri, entity_iri, fact_iri, sentence_iri, statement_iri
from ..ontology import symmetric_relations
from .store.facts import Said
from .store.quads import Quads

GKG, WD = PREFIXES["gkg"], PREFIXES["wd"]  # as text: writing quads needs no rdflib
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_DCT = "http://purl.org/dc/terms/"
_MODALITY = {"asserted": "Asserted", "planned": "Planned", "negated": "Negated", "reported": "Reported", "ended": "Ended"}
# Labels written for every entity: the two working languages plus the article's own.
LABEL_LANGS = ("en", "ar")


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    """Return an N-Quads literal with the N-Triples escapes."""
    esc = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{esc}"@{lang}'
    if datatype:
        return f'"{esc}"^^<{datatype}>'
    return f'"{esc}"'


def statement_digest(article_sha: str, st: Statement) -> str:
    """Return the deterministic digest naming a statement node."""
    key = f"{article_sha}|{st.subject}|{st.predicate}|{st.object}|{st.start}|{st.end}|{st.modality}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def graph_iri(ex: Extraction) -> str:
    """Return the IRI of the named graph (and article node) for an extraction."""
    return article_iri(ex.article.sha256)


def article_quads(ex: Extraction, version: str) -> Quads:
    """Return the quads of the article graph for *ex* (article, entities, statements), descriptions included."""
    article, shared, _ = graph_parts(ex, version)
    return Quads.join((article, *shared))


def graph_parts(ex: Extraction, version: str) -> tuple[Quads, tuple[Quads, ...], tuple[Said, ...]]:
    """Return the article graph's quads, apart the quads of each entity and fact it names (shared graphs), and
    what the writer counts of its statements (``said``).

    A writer that has already stored an entity's description or a fact's name can skip it whole.
    """
    ids = _entity_iris(ex)
    facts = _facts(ex, ids)
    keys = _said(ex, facts)
    entities = tuple(_description(ent, ex.article.lang) for ent in ex.entities)
    names = tuple(dict.fromkeys(quads for _, quads in facts))  # each fact once, in order of first statement
    return Quads("".join(_lines(ex, version, keys, ids))), entities + names, keys


def _gkg(local: str) -> str:
    """Return the bracketed IRI of an ontology term (memoised: a few dozen terms, written millions of times)."""
    iri = _TERMS.get(local)
    if iri is None:
        iri = _TERMS[local] = f"<{GKG}{local}>"
    return iri


_TERMS: dict[str, str] = {}
_TYPE = f"<{_RDF}type>"
_SUBJECT, _PREDICATE, _OBJECT = f"<{_RDF}subject>", f"<{_RDF}predicate>", f"<{_RDF}object>"
_LABEL = f"<{_RDFS}label>"
_SAME_AS = f"<{_OWL}sameAs>"
_SHARED = f"<{ENTITIES_GRAPH}>"
_FACTS = f"<{FACTS_GRAPH}>"
SYMMETRIC = symmetric_relations()


def _lines(ex: Extraction, version: str, keys: tuple[Said, ...], ids: dict[str, str]) -> Iterator[str]:
    art = ex.article
    g = _iri(graph_iri(ex))
    a = g

    def q(s: str, p: str, o: str) -> str:
        return f"{s} {p} {o} {g} .\n"

    yield q(a, _TYPE, _gkg("Article"))
    if art.title:
        yield q(a, _iri(_DCT + "title"), _lit(art.title, art.lang))
    if art.source:
        yield q(a, _iri(_DCT + "source"), _lit(art.source))
    if art.published:
        yield q(a, _iri(_DCT + "issued"), _lit(art.published.isoformat(), datatype=_XSD + "date"))
    yield q(a, _iri(_DCT + "language"), _lit(art.lang))
    if art.author:
        yield q(a, _iri(_DCT + "creator"), _lit(art.author))
    yield q(a, _gkg("sha256"), _lit(art.sha256))
    yield q(a, _gkg("extractorVersion"), _lit(version))

    mentioned_in = _gkg("mentionedIn")
    for ent in ex.entities:
        yield q(_iri(entity_iri(ent.qid or ent.id)), mentioned_in, a)

    sentences: set[tuple[int, int]] = set()
    for st, key in zip(ex.statements, keys):
        span = (st.start, st.end)
        sentence = _iri(sentence_iri(a[1:-1], st.start, st.end))
        if span not in sentences:  # the statements of one sentence share its node
            sentences.add(span)
            yield q(sentence, _gkg("text"), _lit(st.evidence, art.lang))
            yield q(sentence, _gkg("start"), f'"{st.start}"^^<{_XSD}integer>')
            yield q(sentence, _gkg("end"), f'"{st.end}"^^<{_XSD}integer>')
        n = _iri(key.statement)
        yield q(n, _gkg("fact"), _iri(key.fact))
        yield q(n, _gkg("sentence"), sentence)
        yield q(n, _gkg("modality"), _gkg(_MODALITY[st.modality]))
        yield q(n, _gkg("confidence"), f'"{st.confidence:.2f}"^^<{_XSD}decimal>')
        if st.rule:
            yield q(n, _gkg("rule"), _lit(st.rule))
        if st.role:
            yield q(n, _gkg("role"), _lit(st.role))
        if st.attribution:
            if st.attribution in ids:
                yield q(n, _gkg("attributedTo"), _iri(ids[st.attribution]))
            else:
                yield q(n, _gkg("attribution"), _lit(st.attribution, art.lang))
        for name, value in st.qualifiers:
            yield q(n, _gkg(name), _qualifier(name, value))


@lru_cache(maxsize=65536)  # the same facts, article after article
def fact_of(subject: str, predicate: str, obj: str) -> tuple[str, Quads]:
    """Return the IRI of the fact (*subject*, *predicate*, *obj*) and the quads naming it in the facts graph.

    Symmetric relations are one fact whichever way round the text put them: subject and object in IRI order.
    """
    if predicate in SYMMETRIC and obj < subject:
        subject, obj = obj, subject
    p = _gkg(predicate)
    fact = fact_iri(subject, p[1:-1], obj)
    f, s, o = _iri(fact), _iri(subject), _iri(obj)
    return fact, Quads(f"{f} {_SUBJECT} {s} {_FACTS} .\n{f} {_PREDICATE} {p} {_FACTS} .\n{f} {_OBJECT} {o} {_FACTS} .\n")


def said(ex: Extraction) -> tuple[Said, ...]:
    """Return what the writer counts of each statement of *ex*: its article, fact, IRI, modality and the article's date."""
    return _said(ex, _facts(ex, _entity_iris(ex)))


def _entity_iris(ex: Extraction) -> dict[str, str]:
    """Return the IRI of each entity of *ex*, by entity id."""
    return {ent.id: entity_iri(ent.qid or ent.id) for ent in ex.entities}


def _facts(ex: Extraction, ids: dict[str, str]) -> list[tuple[str, Quads]]:
    """Return ``fact_of`` each statement of *ex*, in statement order."""
    return [fact_of(ids[st.subject], st.predicate, ids[st.object]) for st in ex.statements]


def _said(ex: Extraction, facts: list[tuple[str, Quads]]) -> tuple[Said, ...]:
    """Return ``said`` for *ex*, whose statements state *facts* (in statement order)."""
    art = ex.article
    g, date = graph_iri(ex), art.published.isoformat() if art.published else ""
    return tuple(Said(g, fact, statement_iri(statement_digest(art.sha256, st)), f"{GKG}{_MODALITY[st.modality]}", date)
                 for st, (fact, _) in zip(ex.statements, facts))


@lru_cache(maxsize=16384)  # the same few thousand entities, article after article
def _description(ent: Entity, lang: str) -> Quads:
    """Return the quads describing *ent* in the shared entities graph: class, labels, Wikidata link."""
    # Written by every article that names the entity, stored once, never dropped with an article.
    e = _iri(entity_iri(ent.qid or ent.id))
    lines = [f"{e} {_TYPE} {_gkg(KIND_CLASSES[ent.kind])} {_SHARED} .\n"]
    labels = dict(ent.labels)
    for code in dict.fromkeys((*LABEL_LANGS, lang)):
        if code in labels:
            lines.append(f"{e} {_LABEL} {_lit(labels[code], code)} {_SHARED} .\n")
    if ent.qid:
        lines.append(f"{e} {_SAME_AS} <{WD}{ent.qid}> {_SHARED} .\n")
    return Quads("".join(lines))


def _qualifier(name: str, value: str) -> str:
    """Return the typed literal of a qualifier value."""
    if name == "date":
        dt = {4: "gYear", 7: "gYearMonth"}.get(len(value), "date")
        return _lit(value, datatype=_XSD + dt)
    if name in ("amount", "percentage"):
        return _lit(_decimal(value), datatype=_XSD + "decimal")
    if name == "count":
        return _lit(value, datatype=_XSD + "integer")
    return _lit(value)


def _decimal(value: str) -> str:
    """Return *value* in canonical xsd:decimal form: no exponent, at least one fractional digit."""
    text = format(float(value), "f").rstrip("0")
    return text + "0" if text.endswith(".") else text
