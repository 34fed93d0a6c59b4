"""Check a store against the SHACL shapes shipped with the ontology (``geokg/shapes.ttl``)."""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from ...namespaces import GKG, is_article_graph
from ...ontology import load_ontology
from .sparql import shorten
from ..store import Store

#: The packaged shapes file.
SHAPES_PATH = files("geokg") / "shapes.ttl"

#: Namespace of the shapes (gkgsh: in shapes.ttl).
SHAPES_NS = "https://w3id.org/geokg/shapes#"


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: which node, which property, what value, and what the shape requires."""

    focus: str
    path: str  # the property (prefixed), or "" for a whole-node constraint
    value: str  # the offending value, or "" when a value is missing
    message: str
    severity: str  # Violation | Warning | Info
    shape: str
    article: str  # the article of a statement or sentence focus node, when known


@lru_cache(maxsize=None)
def load_shapes() -> Graph:
    """Return the parsed shapes graph (parsed once, shared; do not modify it)."""
    graph = Graph()
    graph.parse(data=SHAPES_PATH.read_text(encoding="utf-8"), format="turtle")
    return graph


def validate_store(store: Store) -> list[Violation]:
    """Return the SHACL violations of the union of *store*'s graphs, sorted (empty: it conforms)."""
    out = io.BytesIO()
    store.dump(out, "nt")
    data = Graph()
    data.parse(data=out.getvalue().decode("utf-8"), format="nt")
    return validate_graph(data)


def validate_graph(data: Graph) -> list[Violation]:
    """Return the SHACL violations of the rdflib graph *data*, sorted; *data* is not modified."""
    from pyshacl import validate  # imported here: it loads slowly and only this command needs it

    checked = Graph()
    for triple in data:
        checked.add(triple)
    # The subclass axioms let sh:class gkg:Actor accept a gkg:State without inference.
    for triple in load_ontology().triples((None, RDFS.subClassOf, None)):
        checked.add(triple)
    conforms, results, _ = validate(checked, shacl_graph=load_shapes(), inference="none",
                                    advanced=False, allow_warnings=True)
    if conforms:
        return []
    violations = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        article = _article_of(data, focus)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        shape = results.value(result, SH.sourceShape)
        if isinstance(shape, BNode):  # a property shape: name the node shape holding it
            shape = load_shapes().value(None, SH.property, shape) or shape
        value = results.value(result, SH.value)
        violations.add(Violation(
            focus=_text(focus),
            path=_text(results.value(result, SH.resultPath)),
            value="" if value == focus else _text(value),
            message=messages[0] if messages else "does not conform",
            severity=_text(results.value(result, SH.resultSeverity)).removeprefix("sh:"),
            shape=_text(shape),
            article=_text(article),
        ))
    return sorted(violations, key=lambda v: (v.focus, v.path, v.message, v.value))


def _article_of(data: Graph, focus) -> URIRef | None:
    """Return the article of a statement or sentence node, or None: a sentence's IRI extends its article's."""
    if not isinstance(focus, URIRef):
        return None
    sentence = str(data.value(focus, GKG.sentence) or focus)
    article = sentence.rsplit("/sentence/", 1)[0]
    return URIRef(article) if "/sentence/" in sentence and is_article_graph(article) else None


def violations_dict(violations: list[Violation]) -> dict[str, Any]:
    """Return a JSON-ready report: ``conforms``, ``count`` and the ``violations`` as dicts."""
    return {"conforms": not violations, "count": len(violations), "violations": [asdict(v) for v in violations]}


def format_violations(violations: list[Violation]) -> str:
    """Return one block per violation (node, property, value, what is required), or a conforming line."""
    if not violations:
        return "the store conforms to the geokg shapes (0 violations)\n"
    lines = [f"{len(violations)} SHACL violation{'s' if len(violations) != 1 else ''}:"]
    for v in violations:
        where = f" {v.path}" if v.path else ""
        lines.append(f"- {v.focus}{where}: {v.message}")
        if v.value:
            lines.append(f"    value: {v.value}")
        if v.article:
            lines.append(f"    article: {v.article}")
        lines.append(f"    shape: {v.shape} ({v.severity})")
    return "\n".join(lines) + "\n"


def _text(term) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return "[]"
    if isinstance(term, URIRef):
        text = str(term)
        if text.startswith(SHAPES_NS):
            return "gkgsh:" + text[len(SHAPES_NS):]
        return shorten(text).replace(str(SH), "sh:")
    return term.n3()
