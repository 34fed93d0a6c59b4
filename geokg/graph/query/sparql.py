"""Query results as text (table, CSV, TSV, JSON) and summary statistics of a store."""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Sequence
from typing import Any, TextIO

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ...namespaces import GKG, PREFIXES
from ..store import QueryResult, Store, Term

RESULT_FORMATS = ("table", "json", "csv", "tsv")

_TRIPLE_COLUMNS = ["subject", "predicate", "object"]
_ONE_LINE = str.maketrans("\t\n\r", "   ")  # a table row stays on one line
_NAMESPACES = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda p: -len(p[0]))

# A plain relation triple is one whose predicate some statement node names (rdf:predicate).
# DISTINCT everywhere: each article graph repeats the entity descriptions, and Oxigraph 0.5
# returns one solution per graph over the union default graph (oxigraph/oxigraph#1919).
_RELATION_TRIPLES = """{ SELECT DISTINCT ?s ?p ?o WHERE {
    { SELECT DISTINCT ?p WHERE { ?st rdf:predicate ?p } }
    ?s ?p ?o .
  } }"""

_COUNT = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}"

_ENTITY_CLASSES = f"""SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  ?e a ?class .
  FILTER(STRSTARTS(STR(?class), "{GKG}") && ?class != gkg:Article && ?class != gkg:Statement)
}} GROUP BY ?class ORDER BY ?class"""

_RELATIONS = f"""SELECT ?p (COUNT(*) AS ?n) WHERE {{
  {_RELATION_TRIPLES}
  FILTER(STRSTARTS(STR(?p), "{GKG}"))
}} GROUP BY ?p ORDER BY ?p"""

# Labels are picked in Python: over an empty input rdflib 7.6 returns one unbound group for
# this outer GROUP BY, and it turns STR(unbound) inside MIN into the string "None".
_TOP_ENTITIES = """SELECT ?e ?degree ?label WHERE {{
  {{ SELECT ?e (COUNT(*) AS ?degree) WHERE {{
      {{ SELECT DISTINCT ?e ?p ?o WHERE {{ {triples} BIND(?s AS ?e) }} }}
      UNION
      {{ SELECT DISTINCT ?e ?p ?s WHERE {{ {triples} BIND(?o AS ?e) }} }}
    }} GROUP BY ?e ORDER BY DESC(?degree) ?e LIMIT {top} }}
  OPTIONAL {{ ?e rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }}
}}"""


def shorten(iri: str) -> str:
    """Return *iri* as prefix:local with the longest project namespace, else unchanged."""
    for namespace, prefix in _NAMESPACES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def format_result(result: QueryResult, fmt: str, out: TextIO) -> None:
    """Write *result* to *out* as table, json, csv or tsv; return None."""
    if fmt not in RESULT_FORMATS:
        raise ValueError(f"unknown result format {fmt!r} (known: {', '.join(RESULT_FORMATS)})")
    if result.kind == "ask":
        _write_boolean(bool(result.boolean), fmt, out)
    elif result.kind == "graph" and fmt == "json":
        # SPARQL has no JSON result form for triples; JSON-LD belongs to `export`.
        out.writelines(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in result.triples)
    else:
        variables, rows = result.variables, result.rows
        if result.kind == "graph":
            variables, rows = _TRIPLE_COLUMNS, result.triples
        _WRITERS[fmt](variables, rows, out)


def _write_boolean(value: bool, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump({"head": {}, "boolean": value}, out)
        out.write("\n")
    else:
        out.write("true\n" if value else "false\n")


def _write_table(variables: Sequence[str], rows: Sequence[tuple], out: TextIO) -> None:
    cells = [[_display(term) for term in row] for row in rows]
    widths = [max([_width(v)] + [_width(row[i]) for row in cells]) for i, v in enumerate(variables)]
    lines = [list(variables), ["-" * w for w in widths], *cells]
    for line in lines:
        padded = [text + " " * (widths[i] - _width(text)) for i, text in enumerate(line)]
        out.write("  ".join(padded).rstrip() + "\n")


def _write_csv(variables: Sequence[str], rows: Sequence[tuple], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\r\n")  # SPARQL 1.1 CSV results follow RFC 4180
    writer.writerow(variables)
    writer.writerows([_csv_value(term) for term in row] for row in rows)


def _write_tsv(variables: Sequence[str], rows: Sequence[tuple], out: TextIO) -> None:
    out.write("\t".join(f"?{v}" for v in variables) + "\n")
    for row in rows:
        out.write("\t".join("" if term is None else _nt(term) for term in row) + "\n")


def _write_json(variables: Sequence[str], rows: Sequence[tuple], out: TextIO) -> None:
    bindings = [
        {v: _json_term(term) for v, term in zip(variables, row, strict=True) if term is not None}
        for row in rows
    ]
    doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


_WRITERS = {"table": _write_table, "csv": _write_csv, "tsv": _write_tsv, "json": _write_json}


def _display(term: Term | None) -> str:
    """Return the text shown in a table cell: prefixed IRIs, bare literal text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term).translate(_ONE_LINE)


def _width(text: str) -> int:
    """Return the terminal columns *text* takes: marks take none, wide characters two."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue  # Arabic harakat, joiners and direction marks
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _nt(term: Term) -> str:
    """Return *term* in N-Triples syntax (literals always spelled out)."""
    if isinstance(term, Literal):
        text = (
            str(term).replace("\\", "\\\\").replace('"', '\\"')
            .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        )
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None and term.datatype != XSD.string:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        value["datatype"] = str(term.datatype)
    return value


def stats(store: Store, *, top: int = 10) -> dict[str, Any]:
    """Return counts of articles, statements, entities per class, relation triples, and top entities."""
    classes = store.query(_ENTITY_CLASSES).rows
    relations = store.query(_RELATIONS).rows
    return {
        "articles": _count(store, "gkg:Article"),
        "statements": _count(store, "gkg:Statement"),
        "entities": {shorten(str(cls)): int(n) for cls, n in classes},
        "relations": {shorten(str(p)): int(n) for p, n in relations},
        "top_entities": _top_entities(store, top),
    }


def _count(store: Store, cls: str) -> int:
    """Return the number of distinct resources typed *cls*."""
    rows = store.query(_COUNT.format(cls=cls)).rows
    return int(rows[0][0])


def _top_entities(store: Store, top: int) -> list[dict[str, Any]]:
    """Return the *top* entities by degree, each with its IRI, English label (or None) and degree."""
    ranked: dict[str, dict[str, Any]] = {}
    sparql = _TOP_ENTITIES.format(triples=_RELATION_TRIPLES, top=int(top))
    for entity, degree, label in store.query(sparql).rows:
        row = ranked.setdefault(str(entity), {"iri": str(entity), "label": None, "degree": int(degree)})
        if label is not None and (row["label"] is None or str(label) < row["label"]):
            row["label"] = str(label)
    return sorted(ranked.values(), key=lambda row: (-row["degree"], row["iri"]))
